/* panic(), BUG_ON() and WARN_ON(): what the kernel does when an invariant breaks. */
#ifndef _BUG_H
#define _BUG_H

#include <compiler.h>

/* Exit statuses the kernel hands to the machine when it powers off (see docs/testing.md). */
#define EXIT_TESTS_PASSED 0
#define EXIT_TESTS_FAILED 1
#define EXIT_KERNEL_PANIC 2

/**
 * panic - report a fatal error and stop the machine
 * @fmt: printf-style description of what went wrong
 *
 * Prints "Kernel panic - not syncing: <message>", the test that was running
 * (if any), and powers the machine off with exit status EXIT_KERNEL_PANIC.
 * Never returns; callable from any context.
 */
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

/**
 * __warn - what WARN_ON() calls when @cond held: prints "WARNING: at @file:@line: @cond".
 */
void __warn(const char *file, int line, const char *cond);

#define BUG() panic("kernel BUG at %s:%d!", __FILE__, __LINE__)

#define BUG_ON(cond)                                                                   \
	do {                                                                           \
		if (unlikely(cond))                                                    \
			panic("kernel BUG at %s:%d! (%s)", __FILE__, __LINE__, #cond); \
	} while (0)

/*
 * WARN_ON - print a warning with file:line if @cond is true, and go on.
 * Evaluates to the truth value of @cond so callers can bail out on it.
 */
#define WARN_ON(cond)                                      \
	({                                                 \
		int __ret_warn_on = !!(cond);              \
		if (unlikely(__ret_warn_on))               \
			__warn(__FILE__, __LINE__, #cond); \
		unlikely(__ret_warn_on);                   \
	})

/**
 * warn_count - number of WARN_ON()s that fired since boot, for tests that expect (no) warnings.
 */
unsigned long warn_count(void);

#endif /* _BUG_H */
