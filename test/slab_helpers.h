/* Helpers shared by the slab and kmalloc self-tests. */
#ifndef _TEST_SLAB_HELPERS_H
#define _TEST_SLAB_HELPERS_H

#include <kernel.h>
#include <mm.h>
#include <shrinker.h>

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

#endif /* _TEST_SLAB_HELPERS_H */
