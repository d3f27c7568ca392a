/*
 * Shrinkers: callbacks of caches that can give pages back. The page
 * allocator calls shrink_caches() before a blocking allocation fails.
 *
 * Locking: shrinker_lock guards the list and is held while the shrinkers
 * run, so that unregister_shrinker() waits for a running one. A plain
 * spinlock, taken with interrupts enabled (shrink_caches() runs only for
 * allocations that may block). It comes before every lock a shrinker takes:
 * slab_caches_lock, the slab cache locks and zone->lock (the slab shrinker),
 * pgtable_lock (vmalloc's, which only tries it). A shrinker must not wait for
 * other CPUs while it holds a lock they may want, nor register or unregister
 * a shrinker.
 */
#include <asm/port.h>
#include <errno.h>
#include <kernel.h>
#include <mmzone.h>
#include <shrinker.h>
#include <spinlock.h>

static LIST_HEAD(shrinker_list);

/* Held while shrinkers run, so that unregister_shrinker() waits for a running one. */
static DEFINE_SPINLOCK(shrinker_lock);

/*
 * Set while this CPU runs shrinkers: an allocation a shrinker makes must not
 * call shrinkers again (it would wait for the lock this CPU holds).
 */
static bool shrinking[NR_CPUS];

int register_shrinker(struct shrinker *shrinker)
{
	if (!shrinker->scan)
		return -EINVAL;
	spin_lock(&shrinker_lock);
	list_add_tail(&shrinker->list, &shrinker_list);
	spin_unlock(&shrinker_lock);
	return 0;
}

void unregister_shrinker(struct shrinker *shrinker)
{
	spin_lock(&shrinker_lock);
	list_del(&shrinker->list);
	spin_unlock(&shrinker_lock);
}

unsigned long shrink_caches(gfp_t gfp, unsigned long nr_to_scan)
{
	unsigned int cpu = raw_smp_processor_id();
	unsigned long freed = 0;
	struct shrinker *shrinker;

	if (shrinking[cpu])
		return 0;
	shrinking[cpu] = true;
	spin_lock(&shrinker_lock);
	list_for_each_entry (shrinker, &shrinker_list, list) {
		struct shrink_control sc = { .gfp_mask = gfp, .nr_to_scan = nr_to_scan - freed };

		freed += shrinker->scan(shrinker, &sc);
		if (freed >= nr_to_scan)
			break;
	}
	spin_unlock(&shrinker_lock);
	shrinking[cpu] = false;
	return freed;
}
