/*
 * Spinlocks, built on the compiler's __atomic builtins, which every port
 * supports. spinlock_t is a ticket lock: CPUs get it in the order they asked
 * for it. tas_spinlock_t is a test-and-set lock: cheaper to take and give
 * back, but unfair; it is for the few locks that are almost never contended.
 */
#ifndef _SPINLOCK_H
#define _SPINLOCK_H

#include <asm/port.h>
#include <compiler.h>
#include <types.h>

typedef struct {
	u32 next;  /* ticket the next CPU to arrive will take */
	u32 owner; /* ticket now allowed in */
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED \
	{                    \
		0, 0         \
	}
#define DEFINE_SPINLOCK(name) spinlock_t name = __SPIN_LOCK_UNLOCKED

/*
 * spin_trylock - take @lock only if it is free now; Return: true if taken.
 * For paths that must not wait (a fault report that may have interrupted the
 * lock's holder on this very CPU).
 */
static inline bool spin_trylock(spinlock_t *lock)
{
	u32 owner = __atomic_load_n(&lock->owner, __ATOMIC_RELAXED);
	u32 expected = owner;

	return __atomic_compare_exchange_n(&lock->next, &expected, owner + 1, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/*
 * A test-and-set lock: one atomic swap takes it, one release store gives it
 * back, about half the instructions of the ticket lock when it is free. A
 * waiter may be overtaken any number of times, so it suits data that one CPU
 * uses nearly always and others visit rarely (a per-CPU page list that another
 * CPU drains now and then), not a lock CPUs queue for.
 */
typedef struct {
	unsigned long locked; /* 1 while held (a whole register: no sign extension on rv64) */
} tas_spinlock_t;

/* spin_lock_init - make @lock (a spinlock_t or a tas_spinlock_t) free: both are free when zero. */
#define spin_lock_init(lock) (*(lock) = (__typeof__(*(lock))){ 0 })

/* spin_lock - take @lock, waiting our turn; acquire ordering for what follows. */
static inline void spin_lock(spinlock_t *lock)
{
	u32 ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket)
		cpu_relax();
}

/* spin_unlock - let the next ticket in; release ordering for what came before. */
static inline void spin_unlock(spinlock_t *lock)
{
	__atomic_store_n(&lock->owner, lock->owner + 1, __ATOMIC_RELEASE);
}

/*
 * tas_spin_lock - take @lock, spinning until it is free; acquire ordering for
 * what follows. While it is held, waiters only read it, so that the holder's
 * cache line is not taken from it by every attempt.
 */
static inline void tas_spin_lock(tas_spinlock_t *lock)
{
	while (unlikely(__atomic_exchange_n(&lock->locked, 1UL, __ATOMIC_ACQUIRE)))
		while (__atomic_load_n(&lock->locked, __ATOMIC_RELAXED))
			cpu_relax();
}

/* tas_spin_unlock - give @lock back; release ordering for what came before. */
static inline void tas_spin_unlock(tas_spinlock_t *lock)
{
	__atomic_store_n(&lock->locked, 0UL, __ATOMIC_RELEASE);
}

#endif /* _SPINLOCK_H */
