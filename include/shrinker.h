/*
 * Shrinkers: caches that can give memory back when the page allocator runs
 * short (the slab allocator's empty slabs, for example) register a callback.
 * A blocking allocation (GFP_KERNEL) calls them before it fails.
 */
#ifndef _SHRINKER_H
#define _SHRINKER_H

#include <gfp.h>
#include <list.h>

/* What the allocator asks of a shrinker. */
struct shrink_control {
	gfp_t gfp_mask;		  /* flags of the allocation that ran short */
	unsigned long nr_to_scan; /* pages the allocator would like back */
};

struct shrinker {
	/*
	 * scan - free what you can, ideally @sc->nr_to_scan pages
	 * Return: the number of pages freed to the page allocator.
	 * Called with interrupts on and no allocator lock held, from the
	 * allocating CPU. It may allocate, but such allocations do not call
	 * shrinkers again; it must not register or unregister shrinkers.
	 */
	unsigned long (*scan)(struct shrinker *shrinker, struct shrink_control *sc);
	void *private_data;    /* for the owner */
	struct list_head list; /* on the shrinker list while registered */
};

/**
 * register_shrinker - start calling @shrinker when memory runs short
 * @shrinker: with ->scan set; stays owned by the caller, who must keep it
 *            alive until unregister_shrinker()
 *
 * Return: 0, or -EINVAL when ->scan is missing.
 */
int register_shrinker(struct shrinker *shrinker);

/**
 * unregister_shrinker - stop calling @shrinker; after return it is not running either.
 */
void unregister_shrinker(struct shrinker *shrinker);

/**
 * shrink_caches - ask every registered shrinker for memory
 * @gfp: the flags of the allocation that ran short
 * @nr_to_scan: pages wanted
 *
 * Called by the page allocator; shrinkers are asked in registration order
 * until @nr_to_scan pages came back. Does nothing when called from inside a
 * shrinker on the same CPU.
 * Return: the number of pages the shrinkers freed.
 */
unsigned long shrink_caches(gfp_t gfp, unsigned long nr_to_scan);

#endif /* _SHRINKER_H */
