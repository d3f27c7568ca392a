/* Arithmetic and container helpers shared by all of the kernel (Linux names). */
#ifndef _KERNEL_H
#define _KERNEL_H

#include <compiler.h>
#include <printk.h>
#include <stdarg.h>
#include <types.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define container_of(ptr, type, member) ((type *)((char *)(ptr)-offsetof(type, member)))

#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))

/* Round @x up or down to a multiple of @a, which must be a power of two. */
#define ALIGN(x, a) (((x) + ((__typeof__(x))(a)-1)) & ~((__typeof__(x))(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a)-1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a)-1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))

#define SZ_1K 0x400UL
#define SZ_4K 0x1000UL
#define SZ_1M 0x100000UL
#define SZ_1G 0x40000000UL

#define U8_MAX ((u8)~0U)
#define U16_MAX ((u16)~0U)
#define U32_MAX ((u32)~0U)
#define U64_MAX ((u64)~0ULL)
#define SCHAR_MIN (-128)
#define SHRT_MIN (-32768)
#define INT_MAX ((int)(~0U >> 1))
#define INT_MIN (-INT_MAX - 1)
#define UINT_MAX (~0U)
#define LONG_MAX ((long)(~0UL >> 1))
#define LONG_MIN (-LONG_MAX - 1)
#define ULONG_MAX (~0UL)
#define LLONG_MAX ((long long)(~0ULL >> 1))
#define LLONG_MIN (-LLONG_MAX - 1)
#define ULLONG_MAX (~0ULL)

/**
 * vsnprintf - format into @buf, at most @size bytes with the NUL (lib/vsprintf.c).
 * snprintf - the same with the arguments given.
 * vscnprintf - vsnprintf(), returning what was written, not what would have been.
 * scnprintf - the same with the arguments given.
 * sprintf - snprintf() into a buffer assumed large enough.
 *
 * C's conversions with the kernel's %px; no floating point. vsnprintf() and
 * snprintf() return the length the whole output would have had (C
 * semantics); the scnprintf() forms the number of characters stored. Any
 * context: no locks, no allocation.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int sprintf(char *buf, const char *fmt, ...) __printf(2, 3);

/**
 * memparse - parse a size with an optional K, M, G, T, P or E suffix (powers of 1024)
 * @ptr: the text: decimal, 0x hex or 0 octal
 * @retptr: if not NULL, set to the first character after the number and its suffix
 *
 * Return: the value (saturated at ULLONG_MAX), or 0 with *@retptr == @ptr
 * when @ptr does not start with a digit.
 */
unsigned long long memparse(const char *ptr, char **retptr);

/**
 * kstrtoul - convert a whole string to an unsigned long, as Linux's
 * @s: the text; one trailing newline is allowed
 * @base: 0 (detect 0x and 0), or 2 to 36
 * @res: the value, set only on success
 *
 * Return: 0, -EINVAL for anything but a number, -ERANGE when it does not fit.
 */
int kstrtoul(const char *s, unsigned int base, unsigned long *res);

/**
 * kstrtobool - read a boolean as Linux does: "1", "y", "Y", "on" are true; "0", "n", "N",
 * "off" false (only the first one or two characters count). Return: 0, or -EINVAL.
 */
int kstrtobool(const char *s, bool *res);

#endif /* _KERNEL_H */
