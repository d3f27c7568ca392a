/* Helpers shared by the slab and kmalloc self-tests. */
#ifndef _TEST_SLAB_HELPERS_H
#define _TEST_SLAB_HELPERS_H

#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <shrinker.h>

#include "../mm/slab.h"

/*
 * Free pages once every cache has given back its empty slabs and every
 * per-CPU list is drained: a count that returns exactly to its value when
 * what a test allocated is all freed.
 */
static inline unsigned long quiesced_free_pages(void)
{
	shrink_caches(GFP_KERNEL, ULONG_MAX);
	drain_all_pages(NULL);
	return nr_free_pages();
}

/*
 * Free objects of @s held out of its slabs, in every CPU's array and in its
 * depot: counted in nr_active, as handed out, though no caller has them.
 */
static inline unsigned long objects_cached(struct kmem_cache *s)
{
	unsigned long sum = READ_ONCE(s->depot_nr);

	for (unsigned long cpu = 0; cpu < NR_CPUS; cpu++)
		sum += array_objects(cpu_array(s, cpu));
	return sum;
}

/* Every cache of the kernel, the shared ones and kmalloc's included, must validate. */
static inline void expect_every_cache_valid(struct ktest *t)
{
	struct kmem_cache *s;
	unsigned long flags;

	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry (s, &slab_caches, list) {
		unsigned long problems = kmem_cache_validate(s);

		if (problems)
			KTEST_FAIL(t, "cache %s: expected to validate clean, saw %lu problems",
				   s->name, problems);
	}
	spin_unlock_irqrestore(&slab_caches_lock, flags);
}

#endif /* _TEST_SLAB_HELPERS_H */
