/*
 * Spinlocks, built on the compiler's __atomic builtins, which every port
 * supports. spinlock_t is a ticket lock: CPUs get it in the order they asked
 * for it.
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

/* spin_lock_init - make @lock free: a spinlock_t is free when zero. */
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

#endif /* _SPINLOCK_H */
