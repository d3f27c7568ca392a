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

/*
 * __fast_inline - an inline fast path (the slab arrays' pop). DEBUG=1 builds
 * (-DCONFIG_DEBUG_STEPPING, docs/debugging.md) make it an ordinary function, so that gdb
 * breaks on it and steps into it with its arguments visible; other builds always inline it.
 *
 * __fast_api_inline - the same for a fast path of the API that a header defines
 * (kmalloc()): in DEBUG=1 builds, one out-of-line copy that every caller calls (a single
 * breakpoint location). The header defines it only #if FAST_API_INLINE_BODIES, which is
 * true everywhere but in DEBUG=1 builds, where only the file that defines
 * EMIT_FAST_API_INLINE before its includes (mm/kmalloc.c) has the body; the others see
 * a declaration.
 */
#ifdef CONFIG_DEBUG_STEPPING
#define __fast_inline __attribute__((__noinline__, unused))
#define __fast_api_inline
#ifdef EMIT_FAST_API_INLINE
#define FAST_API_INLINE_BODIES 1
#else
#define FAST_API_INLINE_BODIES 0
#endif
#else
#define __fast_inline __always_inline
#define __fast_api_inline static __always_inline
#define FAST_API_INLINE_BODIES 1
#endif
#define __printf(fmt, args) __attribute__((format(printf, fmt, args)))
#define __weak __attribute__((weak))

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define barrier() __asm__ __volatile__("" ::: "memory")

/*
 * OPTIMIZER_HIDE_VAR - make @var opaque to the compiler (Linux's name), so
 * that an address computed from several parts is computed once and kept in a
 * register, instead of being rebuilt for each field a fast path touches.
 */
#define OPTIMIZER_HIDE_VAR(var) __asm__("" : "=r"(var) : "0"(var))

#define ____cacheline_aligned __aligned(L1_CACHE_BYTES)

/* Single, untorn accesses the compiler may not merge, split or move across each other. */
#ifndef __SANITIZE_THREAD__
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val) (*(volatile __typeof__(x) *)&(x) = (val))
#else
/*
 * ThreadSanitizer takes a volatile access for a plain one and would report
 * every deliberate lock-free read as a race: there they are relaxed atomics
 * (the same instructions). ((void)0, x) has x's type without its qualifiers.
 */
#define READ_ONCE(x)                                         \
	({                                                   \
		__typeof__(((void)0, (x))) __v;              \
		__atomic_load(&(x), &__v, __ATOMIC_RELAXED); \
		__v;                                         \
	})
#define WRITE_ONCE(x, val)                                    \
	({                                                    \
		__typeof__(((void)0, (x))) __v = (val);       \
		__atomic_store(&(x), &__v, __ATOMIC_RELAXED); \
	})
#endif

/*
 * data_race - evaluate @expr, whose reads race with other CPUs' writes on
 * purpose (Linux's name): the result may be stale and the code knows it.
 * ThreadSanitizer is told to ignore those reads.
 */
#ifdef __SANITIZE_THREAD__
/**
 * AnnotateIgnoreReadsBegin - ThreadSanitizer's runtime: ignore this thread's reads from now.
 * AnnotateIgnoreReadsEnd - and no longer.
 */
void AnnotateIgnoreReadsBegin(const char *file, int line);
void AnnotateIgnoreReadsEnd(const char *file, int line);
#define data_race(expr)                                       \
	({                                                    \
		AnnotateIgnoreReadsBegin(__FILE__, __LINE__); \
		__auto_type __v = (expr);                     \
		AnnotateIgnoreReadsEnd(__FILE__, __LINE__);   \
		__v;                                          \
	})
#else
#define data_race(expr) (expr)
#endif

#endif /* _COMPILER_H */
