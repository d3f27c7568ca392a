/*
 * Atomic counters and memory barriers with Linux's names and ordering rules,
 * built on the compiler's __atomic builtins (every port's compiler has them):
 * operations that return nothing (atomic_inc, atomic_add, ...) and
 * atomic_read/atomic_set are relaxed; operations that return a value
 * (atomic_inc_return, atomic_cmpxchg, atomic_xchg, ...) are fully ordered, as
 * if smp_mb() stood on both sides.
 */
#ifndef _ATOMIC_H
#define _ATOMIC_H

#include <compiler.h>
#include <types.h>

/* Barriers between CPUs: full, loads before later loads, stores before later stores. */
#define smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)

/* Order a relaxed atomic (atomic_inc() and the like) with what comes before or after it. */
#define smp_mb__before_atomic() smp_mb()
#define smp_mb__after_atomic() smp_mb()

/*
 * smp_load_acquire - read *@p; no later load or store moves before it.
 * smp_store_release - write *@p; no earlier load or store moves after it.
 * A release store read by an acquire load passes on everything written before it.
 */
#define smp_load_acquire(p) __atomic_load_n(p, __ATOMIC_ACQUIRE)
#define smp_store_release(p, v) __atomic_store_n(p, v, __ATOMIC_RELEASE)

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	long counter;
} atomic_long_t;

#define ATOMIC_INIT(i) \
	{              \
		(i)    \
	}
#define ATOMIC_LONG_INIT(i) ATOMIC_INIT(i)

/*
 * One family of functions per counter type: @prefix_read, _set, _add, _sub,
 * _inc, _dec (relaxed), _add_return, _sub_return, _inc_return, _dec_return,
 * _fetch_add, _dec_and_test, _xchg, _cmpxchg (fully ordered).
 */
#define __ATOMIC_OPS(prefix, atype, type)                                                    \
	static inline type prefix##_read(const atype *v)                                     \
	{                                                                                    \
		return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);                       \
	}                                                                                    \
	static inline void prefix##_set(atype *v, type i)                                    \
	{                                                                                    \
		__atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);                          \
	}                                                                                    \
	static inline void prefix##_add(type i, atype *v)                                    \
	{                                                                                    \
		__atomic_fetch_add(&v->counter, i, __ATOMIC_RELAXED);                        \
	}                                                                                    \
	static inline void prefix##_sub(type i, atype *v)                                    \
	{                                                                                    \
		__atomic_fetch_sub(&v->counter, i, __ATOMIC_RELAXED);                        \
	}                                                                                    \
	static inline void prefix##_inc(atype *v)                                            \
	{                                                                                    \
		prefix##_add(1, v);                                                          \
	}                                                                                    \
	static inline void prefix##_dec(atype *v)                                            \
	{                                                                                    \
		prefix##_sub(1, v);                                                          \
	}                                                                                    \
	static inline type prefix##_fetch_add(type i, atype *v)                              \
	{                                                                                    \
		return __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST);                 \
	}                                                                                    \
	static inline type prefix##_add_return(type i, atype *v)                             \
	{                                                                                    \
		return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);                 \
	}                                                                                    \
	static inline type prefix##_sub_return(type i, atype *v)                             \
	{                                                                                    \
		return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST);                 \
	}                                                                                    \
	static inline type prefix##_inc_return(atype *v)                                     \
	{                                                                                    \
		return prefix##_add_return(1, v);                                            \
	}                                                                                    \
	static inline type prefix##_dec_return(atype *v)                                     \
	{                                                                                    \
		return prefix##_sub_return(1, v);                                            \
	}                                                                                    \
	static inline bool prefix##_dec_and_test(atype *v)                                   \
	{                                                                                    \
		return prefix##_sub_return(1, v) == 0;                                       \
	}                                                                                    \
	static inline type prefix##_xchg(atype *v, type i)                                   \
	{                                                                                    \
		return __atomic_exchange_n(&v->counter, i, __ATOMIC_SEQ_CST);                \
	}                                                                                    \
	/* Set to @new if it holds @old; Return: the value it held (@old on success). */     \
	static inline type prefix##_cmpxchg(atype *v, type old, type new)                    \
	{                                                                                    \
		__atomic_compare_exchange_n(&v->counter, &old, new, false, __ATOMIC_SEQ_CST, \
					    __ATOMIC_SEQ_CST);                               \
		return old;                                                                  \
	}

__ATOMIC_OPS(atomic, atomic_t, int)
__ATOMIC_OPS(atomic_long, atomic_long_t, long)

#undef __ATOMIC_OPS

/*
 * xchg / cmpxchg on a plain word (a pointer, an unsigned long), fully
 * ordered; cmpxchg returns what *@ptr held.
 */
#define xchg(ptr, v) __atomic_exchange_n(ptr, v, __ATOMIC_SEQ_CST)
#define cmpxchg(ptr, old, new)                                                         \
	({                                                                             \
		__typeof__(*(ptr)) __old = (old);                                      \
		__atomic_compare_exchange_n(ptr, &__old, new, false, __ATOMIC_SEQ_CST, \
					    __ATOMIC_SEQ_CST);                         \
		__old;                                                                 \
	})

#endif /* _ATOMIC_H */
