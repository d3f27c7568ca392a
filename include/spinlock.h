/*
 * Ticket spinlocks: CPUs get the lock in the order they asked for it.
 * Built on the compiler's __atomic builtins, which every port supports.
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

static inline void spin_lock_init(spinlock_t *lock)
{
	lock->next = 0;
	lock->owner = 0;
}

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
