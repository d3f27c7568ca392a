/* Memory and string functions of the freestanding kernel (C library names and semantics). */
#ifndef _STRING_H
#define _STRING_H

#include <types.h>

/**
 * memset - fill @n bytes at @s with the byte @c; returns @s.
 * memcpy - copy @n bytes from @src to @dst, which must not overlap; returns @dst.
 * memmove - the same for ranges that may overlap.
 * memcmp - compare @n bytes as unsigned chars: <0, 0 or >0.
 * memchr - the first byte @c in @n bytes at @s, or NULL.
 *
 * C library semantics (lib/string.c); callable from any context.
 */
void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);

/**
 * strlen - bytes before the NUL.
 * strnlen - the same, at most @maxlen.
 * strcmp - compare as unsigned chars: <0, 0 or >0.
 * strncmp - the same over at most @n bytes.
 * strchr - the first @c in @s (the NUL when @c is 0), or NULL.
 * strrchr - the last.
 * strstr - the first occurrence of @needle in @haystack, or NULL.
 * strspn - length of the prefix of @s made of bytes in @accept.
 * strcspn - length of the prefix of @s made of bytes not in @reject.
 * strscpy - copy @src into @dst of @size bytes, always NUL-terminated (Linux's).
 *
 * C library semantics; strscpy() returns the length copied, or -E2BIG when
 * @src was cut to fit (nothing is written when @size is 0).
 */
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
ssize_t strscpy(char *dst, const char *src, size_t size);

/**
 * memchr_inv - find the first byte in a range that differs from a value
 * @s: start of the range
 * @c: the expected byte value
 * @n: length of the range in bytes
 *
 * Return: a pointer to the first byte that is not @c, or NULL if all are.
 */
void *memchr_inv(const void *s, int c, size_t n);

#endif /* _STRING_H */
