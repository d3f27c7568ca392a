/* Compiler attributes and small helpers every file may use (GCC and Clang). */
#ifndef _COMPILER_H
#define _COMPILER_H

#define __section(s) __attribute__((section(s)))
#define __used __attribute__((used))
#define __unused __attribute__((unused))
#define __aligned(x) __attribute__((aligned(x)))
#define __packed __attribute__((packed))
#define __noreturn __attribute__((noreturn))
#ifndef __always_inline /* glibc defines it too; arch/host sees both */
#define __always_inline inline __attribute__((always_inline))
#endif
#define noinline __attribute__((noinline))
#define __printf(fmt, args) __attribute__((format(printf, fmt, args)))
#define __weak __attribute__((weak))

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define barrier() __asm__ __volatile__("" ::: "memory")

/* Single, untorn accesses the compiler may not merge, split or move across each other. */
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val) (*(volatile __typeof__(x) *)&(x) = (val))

#endif /* _COMPILER_H */
