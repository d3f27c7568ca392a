/*
 * The slab map: one byte for each page of the memmap span, naming the
 * kmalloc cache whose slab the page is part of (0 for every other page).
 * kfree() reads it instead of the object's struct page: the bytes of a few
 * MiB of slabs fit in a few cache lines, where their struct pages (64 bytes
 * each) are three times the first-level cache on random_sizes and missed
 * once in every op or so (docs/benchmarks.md). A cache gets an entry only
 * where its objects start at a multiple of their size from the slab's start
 * (no colour, no left red zone), so that the slab's start comes from the
 * address alone (slab_map_object_start()).
 *
 * Writers, no lock: create_cache() assigns an entry, once, before the cache
 * has a slab, and only to the caches kmalloc_init() creates at boot, on one
 * CPU (kmalloc caches are never destroyed, so entries are never given
 * back); new_slab() writes a slab's bytes before any of its objects is
 * handed out and free_slab() clears them after the last came back, as they
 * do the slab's struct pages.
 */
#include <kernel.h>
#include <memblock.h>

#include "slab.h"

struct slab_map slab_map = { .caches = { [0] = &no_slab_cache } };

static unsigned int slab_map_used = 1; /* caches[0] is no_slab_cache */

_Static_assert(NR_KMALLOC_CACHES + NR_KMALLOC_FINE < SLAB_MAP_CACHES,
	       "an entry for every kmalloc class");

/*
 * The map starts at the memmap span's start rounded down to a MAX_ORDER
 * block, so that a slab's bytes start at a multiple of their number: a slab
 * of 2^order pages is aligned to its size, and slab_map_write() writes its
 * bytes with one aligned store. The bytes of the pages below the span (the
 * first page of the address space among them, where NULL points, when the
 * direct map starts there) stay 0: kfree() sends those to its slow path.
 */
static unsigned long map_start(void)
{
	return memmap_span.start & ~((PAGE_SIZE << MAX_ORDER) - 1);
}

void slab_map_init(void)
{
	unsigned long pages;

	if (!memmap_span.size)
		return;
	pages = (memmap_span.start + memmap_span.size - map_start()) >> PAGE_SHIFT;
	slab_map.ids = memblock_alloc(pages, L1_CACHE_BYTES);
	if (!slab_map.ids) {
		pr_warn("slab_map: no memory for %lu bytes: every kfree() takes its slow path\n",
			pages);
		return;
	}
	slab_map.start = map_start();
	slab_map.size = memmap_span.start + memmap_span.size - slab_map.start;
}

void slab_map_assign(struct kmem_cache *s)
{
	if (!(s->flags & SLAB_KMALLOC) || s->red_left || s->colour_count != 1 ||
	    slab_map_used == SLAB_MAP_CACHES)
		return;
	s->slab_mask = (PAGE_SIZE << s->order) - 1;
	s->map_id = slab_map_used;
	slab_map.caches[slab_map_used++] = s;
}
