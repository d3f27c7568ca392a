/*
 * The waiting half of spin_lock() (<spinlock.h>), out of line so that an
 * uncontended lock costs one atomic add and one load: spinning, and the
 * lockdep-lite check that a CPU never waits for a lock it holds itself.
 */
#include <bug.h>
#include <kernel.h>
#include <spinlock.h>

/*
 * Only this CPU ever stores its own index in ->holder, and it clears it
 * before it releases the lock: read here, after our ticket was taken, it
 * shows this CPU's index only if this CPU holds the lock now. Waiting would
 * never end, so the report is a panic (which first frees the console lock:
 * the recursion may be on it).
 */
void spin_lock_contended(spinlock_t *lock, u32 ticket)
{
	unsigned long cpu = raw_smp_processor_id();

	if (__atomic_load_n(&lock->holder, __ATOMIC_RELAXED) == cpu + 1)
		panic("BUG: spinlock recursion on CPU%lu: lock %p is held by this CPU, taken "
		      "again from %p",
		      cpu, lock, __builtin_return_address(0));
	while (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket)
		cpu_relax();
}
