/*
 * Spinlocks, built on the compiler's __atomic builtins, which every port
 * supports. spinlock_t is a ticket lock: CPUs get it in the order they asked
 * for it. A lock also remembers which CPU holds it, so that a CPU asking for
 * a lock it already holds (which would spin forever) is reported at once.
 *
 * Interrupts: a lock that an interrupt handler (a cross-CPU call, <smp.h>)
 * may take must be taken everywhere with spin_lock_irqsave(), or a handler
 * could interrupt its holder on the same CPU and spin on it forever. Such
 * locks are innermost: no other lock is taken, and no CPU is waited for,
 * while one is held. See docs/architecture.md, "Locks and interrupts".
 *
 * Preemption: a lock is held between preempt_disable() and preempt_enable()
 * (<preempt.h>; nothing in this kernel), for kernels that embed mm/ and
 * switch threads on a timer interrupt.
 */
#ifndef _SPINLOCK_H
#define _SPINLOCK_H

#include <asm/port.h>
#include <compiler.h>
#include <preempt.h>
#include <types.h>

typedef struct {
	u32 next;   /* ticket the next CPU to arrive will take */
	u32 owner;  /* ticket now allowed in */
	u32 holder; /* the holding CPU's index + 1; 0 when free (debug: recursion) */
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED \
	{                    \
		0, 0, 0      \
	}
#define DEFINE_SPINLOCK(name) spinlock_t name = __SPIN_LOCK_UNLOCKED

/* spin_lock_init - make @lock free: a spinlock_t is free when zero. */
#define spin_lock_init(lock) (*(lock) = (__typeof__(*(lock))){ 0 })

/**
 * spin_lock_recursion - report that this CPU asked for @lock, which it holds,
 * and panic (kernel/spinlock.c). Never returns: a caller needs no stack frame
 * for it, so a function that takes a lock can stay a leaf.
 */
void spin_lock_recursion(spinlock_t *lock) __noreturn;

/**
 * spin_set_holder - record this CPU as @lock's holder, for the recursion check.
 *
 * ->holder: only this CPU ever stores its own index there, and it clears it
 * before it releases the lock, so reading our index there while we wait means
 * that we hold the lock ourselves, and will wait forever.
 */
static __always_inline void spin_set_holder(spinlock_t *lock)
{
	WRITE_ONCE(lock->holder, (u32)raw_smp_processor_id() + 1);
}

/**
 * spin_trylock - take @lock only if it is free now; Return: true if taken.
 * For paths that must not wait (a fault report that may have interrupted the
 * lock's holder on this very CPU).
 */
static inline bool spin_trylock(spinlock_t *lock)
{
	u32 owner, expected;

	preempt_disable();
	owner = __atomic_load_n(&lock->owner, __ATOMIC_RELAXED);
	expected = owner;
	if (!__atomic_compare_exchange_n(&lock->next, &expected, owner + 1, false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED)) {
		preempt_enable();
		return false;
	}
	spin_set_holder(lock);
	return true;
}

/**
 * spin_lock - take @lock, waiting our turn; acquire ordering for what follows.
 */
static inline void spin_lock(spinlock_t *lock)
{
	u32 ticket;

	preempt_disable();
	ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_RELAXED);
	while (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket) {
		if (unlikely(READ_ONCE(lock->holder) == (u32)raw_smp_processor_id() + 1))
			spin_lock_recursion(lock);
		cpu_relax();
	}
	spin_set_holder(lock);
}

/**
 * spin_unlock - let the next ticket in; release ordering for what came before.
 */
static inline void spin_unlock(spinlock_t *lock)
{
	WRITE_ONCE(lock->holder, 0);
	__atomic_store_n(&lock->owner, lock->owner + 1, __ATOMIC_RELEASE);
	preempt_enable();
}

/**
 * spin_is_locked - whether some CPU holds @lock (a snapshot, for checks and tests).
 */
static inline bool spin_is_locked(spinlock_t *lock)
{
	return __atomic_load_n(&lock->owner, __ATOMIC_RELAXED) !=
	       __atomic_load_n(&lock->next, __ATOMIC_RELAXED);
}

/*
 * spin_lock_irqsave - mask this CPU's interrupts (old state into @flags), then
 * take @lock. spin_unlock_irqrestore - the reverse. For locks that interrupt
 * handlers take too.
 */
#define spin_lock_irqsave(lock, flags) \
	do {                           \
		local_irq_save(flags); \
		spin_lock(lock);       \
	} while (0)

#define spin_unlock_irqrestore(lock, flags) \
	do {                                \
		spin_unlock(lock);          \
		local_irq_restore(flags);   \
	} while (0)

/* spin_lock_irq / spin_unlock_irq - as above, for code that knows interrupts are on. */
#define spin_lock_irq(lock)          \
	do {                         \
		local_irq_disable(); \
		spin_lock(lock);     \
	} while (0)

#define spin_unlock_irq(lock)       \
	do {                        \
		spin_unlock(lock);  \
		local_irq_enable(); \
	} while (0)

#endif /* _SPINLOCK_H */
