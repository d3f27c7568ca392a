/*
 * Memory and string functions with C-library semantics, for every part of the kernel.
 * Bulk copies and fills move a word at a time once the pointers are aligned; there is
 * no unaligned word access, which RISC-V may trap on or emulate slowly.
 */
#include <errno.h>
#include <string.h>
#include <types.h>

/*
 * The unit of bulk copies. may_alias tells the compiler that these word accesses may
 * read and write memory of any type, so strict aliasing cannot reorder them.
 */
typedef unsigned long __attribute__((__may_alias__)) word_t;

#define WORD_SIZE sizeof(word_t)
#define WORD_MASK (WORD_SIZE - 1)

/* Every byte of a word set to the byte @c, e.g. 0x2a -> 0x2a2a2a2a2a2a2a2a. */
#define REPEAT_BYTE(c) ((word_t)(unsigned char)(c) * (~(word_t)0 / 0xff))

/* Bytes to step forward from @p to the next word boundary (0 if already aligned). */
static inline size_t bytes_to_align(const void *p)
{
	return (WORD_SIZE - ((uintptr_t)p & WORD_MASK)) & WORD_MASK;
}

/*
 * Copy from low addresses to high. Safe for overlap when @dst is below @src: every
 * store lands on bytes that have already been loaded.
 */
static void copy_forward(unsigned char *d, const unsigned char *s, size_t n)
{
	if ((((uintptr_t)d ^ (uintptr_t)s) & WORD_MASK) == 0) {
		size_t head = bytes_to_align(d);

		if (head > n)
			head = n;
		n -= head;
		while (head--)
			*d++ = *s++;
		for (; n >= WORD_SIZE; n -= WORD_SIZE) {
			*(word_t *)d = *(const word_t *)s;
			d += WORD_SIZE;
			s += WORD_SIZE;
		}
	}
	while (n--)
		*d++ = *s++;
}

/* Copy from high addresses to low: the mirror of copy_forward(), for @dst above @src. */
static void copy_backward(unsigned char *d, const unsigned char *s, size_t n)
{
	d += n;
	s += n;
	if ((((uintptr_t)d ^ (uintptr_t)s) & WORD_MASK) == 0) {
		size_t tail = (uintptr_t)d & WORD_MASK;

		if (tail > n)
			tail = n;
		n -= tail;
		while (tail--)
			*--d = *--s;
		for (; n >= WORD_SIZE; n -= WORD_SIZE) {
			d -= WORD_SIZE;
			s -= WORD_SIZE;
			*(word_t *)d = *(const word_t *)s;
		}
	}
	while (n--)
		*--d = *--s;
}

/**
 * memset - fill a memory range with a byte
 * @s: start of the range
 * @c: the byte value (converted to unsigned char)
 * @n: length of the range in bytes
 *
 * Return: @s.
 */
void *memset(void *s, int c, size_t n)
{
	unsigned char *d = s;
	size_t head = bytes_to_align(d);

	if (head > n)
		head = n;
	n -= head;
	while (head--)
		*d++ = (unsigned char)c;
	for (; n >= WORD_SIZE; n -= WORD_SIZE) {
		*(word_t *)d = REPEAT_BYTE(c);
		d += WORD_SIZE;
	}
	while (n--)
		*d++ = (unsigned char)c;
	return s;
}

/**
 * memcpy - copy a memory range
 * @dst: destination
 * @src: source; must not overlap @dst (use memmove() for that)
 * @n: number of bytes
 *
 * Return: @dst.
 */
void *memcpy(void *dst, const void *src, size_t n)
{
	copy_forward(dst, src, n);
	return dst;
}

/**
 * memmove - copy a memory range that may overlap the destination
 * @dst: destination
 * @src: source
 * @n: number of bytes
 *
 * The copy behaves as if @src were first copied to a temporary buffer.
 * Return: @dst.
 */
void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/* Compare as integers: the pointers need not point into the same object. */
	if ((uintptr_t)d <= (uintptr_t)s || (uintptr_t)d >= (uintptr_t)s + n)
		copy_forward(d, s, n);
	else
		copy_backward(d, s, n);
	return dst;
}

/**
 * memcmp - compare two memory ranges
 * @a: first range
 * @b: second range
 * @n: number of bytes to compare
 *
 * Return: 0 if equal, otherwise the difference of the first differing bytes taken as
 * unsigned char (negative if @a's is smaller).
 */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
	}
	return 0;
}

/**
 * memchr - find the first occurrence of a byte in a memory range
 * @s: start of the range
 * @c: the byte to find (converted to unsigned char)
 * @n: length of the range in bytes
 *
 * Return: a pointer to the byte, or NULL if it does not occur.
 */
void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++) {
		if (*p == (unsigned char)c)
			return (void *)p;
	}
	return NULL;
}

/* First byte in [@p, @p + @n) that is not @c, bytewise. */
static void *find_other_byte(const unsigned char *p, unsigned char c, size_t n)
{
	for (; n; n--, p++) {
		if (*p != c)
			return (void *)p;
	}
	return NULL;
}

/*
 * memchr_inv() checks whole slab objects for poison, so it compares a word at a time
 * and only falls back to bytes to locate the mismatch within a word.
 */
void *memchr_inv(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	const word_t pattern = REPEAT_BYTE(c);
	size_t head = bytes_to_align(p);
	void *found;

	if (head > n)
		head = n;
	found = find_other_byte(p, (unsigned char)c, head);
	if (found)
		return found;
	p += head;
	n -= head;
	for (; n >= WORD_SIZE; n -= WORD_SIZE, p += WORD_SIZE) {
		if (*(const word_t *)p != pattern)
			return find_other_byte(p, (unsigned char)c, WORD_SIZE);
	}
	return find_other_byte(p, (unsigned char)c, n);
}

/**
 * strlen - length of a string
 * @s: NUL-terminated string
 *
 * Return: the number of bytes before the terminating NUL.
 */
size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

/**
 * strnlen - length of a string, looking at no more than @maxlen bytes
 * @s: string, which need not be NUL-terminated within @maxlen bytes
 * @maxlen: the most bytes to examine
 *
 * Return: strlen(@s) if that is less than @maxlen, otherwise @maxlen.
 */
size_t strnlen(const char *s, size_t maxlen)
{
	size_t n = 0;

	while (n < maxlen && s[n])
		n++;
	return n;
}

/**
 * strcmp - compare two strings
 * @a: first string
 * @b: second string
 *
 * Return: 0 if equal, otherwise the difference of the first differing characters
 * taken as unsigned char.
 */
int strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	while (*p && *p == *q) {
		p++;
		q++;
	}
	return *p - *q;
}

/**
 * strncmp - compare at most @n characters of two strings
 * @a: first string
 * @b: second string
 * @n: the most characters to compare
 *
 * Return: as strcmp(), over the first @n characters; 0 when @n is 0.
 */
int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
		if (!*p)
			break;
	}
	return 0;
}

/**
 * strchr - find the first occurrence of a character in a string
 * @s: string to search
 * @c: character to find (converted to char); '\0' finds the terminator
 *
 * Return: a pointer to the character, or NULL if it does not occur.
 */
char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

/**
 * strrchr - find the last occurrence of a character in a string
 * @s: string to search
 * @c: character to find (converted to char); '\0' finds the terminator
 *
 * Return: a pointer to the character, or NULL if it does not occur.
 */
char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

/**
 * strstr - find the first occurrence of a substring
 * @haystack: string to search
 * @needle: string to find
 *
 * Return: a pointer to the start of the first match in @haystack, @haystack itself if
 * @needle is empty, or NULL if there is no match.
 */
char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++) {
		if (strncmp(haystack, needle, n) == 0)
			return (char *)haystack;
	}
	return n == 0 ? (char *)haystack : NULL;
}

/**
 * strspn - length of the prefix made only of characters in a set
 * @s: string to scan
 * @accept: the set of characters
 *
 * Return: the number of leading characters of @s that occur in @accept.
 */
size_t strspn(const char *s, const char *accept)
{
	size_t n = 0;

	while (s[n] && strchr(accept, s[n]))
		n++;
	return n;
}

/**
 * strcspn - length of the prefix made only of characters not in a set
 * @s: string to scan
 * @reject: the set of characters
 *
 * Return: the number of leading characters of @s that do not occur in @reject.
 */
size_t strcspn(const char *s, const char *reject)
{
	size_t n = 0;

	while (s[n] && !strchr(reject, s[n]))
		n++;
	return n;
}

/**
 * strscpy - copy a string into a fixed-size buffer, always terminating it
 * @dst: destination buffer
 * @src: NUL-terminated source string
 * @size: size of @dst in bytes
 *
 * Copies at most @size - 1 characters and, when @size is not 0, always writes the
 * terminating NUL, so a truncated copy is still a valid string. Nothing is written when
 * @size is 0. Unlike strncpy(), the rest of @dst is not zero-filled.
 *
 * Return: the number of characters copied (not counting the NUL), or -E2BIG if @src
 * did not fit (including when @size is 0).
 */
ssize_t strscpy(char *dst, const char *src, size_t size)
{
	size_t i;

	if (size == 0)
		return -E2BIG;
	for (i = 0; i < size - 1; i++) {
		dst[i] = src[i];
		if (!src[i])
			return i;
	}
	dst[i] = '\0';
	return src[i] ? -E2BIG : (ssize_t)i;
}
