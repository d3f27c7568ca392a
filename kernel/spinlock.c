/*
 * The lockdep-lite report of <spinlock.h>: a CPU that waits for a spinlock
 * it holds itself would spin forever, so spin_lock() calls this instead.
 */
#include <bug.h>
#include <kernel.h>
#include <spinlock.h>

/*
 * The report is a panic: there is no way on. panic() frees the console lock
 * first, since the recursion may be on it.
 */
void spin_lock_recursion(spinlock_t *lock)
{
	panic("BUG: spinlock recursion on CPU%lu: lock %p is held by this CPU, taken again "
	      "from %pS",
	      raw_smp_processor_id(), lock, __builtin_return_address(0));
}
