/*
 * What describes physical memory, and nothing that changes it: the memory
 * sections and the memmap span (filled in by mm_init.c at boot), the zones
 * and their totals, and the no-slab sentinel that every struct page outside a
 * live slab names. A leaf of mm/: every allocator reads these.
 */
#include <mm.h>

#include "internal.h"
#include "slab.h"

struct mem_section *mem_section;
unsigned long nr_mem_sections;
struct memmap_span memmap_span;

struct zone node_zones[MAX_NR_ZONES] = {
	[ZONE_DMA32] = { .name = "DMA32" },
	[ZONE_NORMAL] = { .name = "Normal" },
};

/*
 * The cache of every page that is no slab's: start_limit 0, so that
 * is_object_start() matches no address of it (see struct page).
 */
struct kmem_cache no_slab_cache = { .name = "(no slab)" };

/*
 * Field by field: written as one compound literal, GCC (arm64) makes each
 * page a call to memset() and two stores, five times the instructions.
 */
void memmap_init_pages(struct page *page, unsigned long nr, unsigned long flags)
{
	for (struct page *end = page + nr; page < end; page++) {
		page->lru.next = NULL;
		page->lru.prev = NULL;
		page->flags = flags;
		page->private = 0;
		page->freelist = NULL;
		page->slab_cache = &no_slab_cache;
		page->s_mem = NULL;
		page->inuse = 0;
		page->objects = 0;
	}
}

unsigned long zone_pcp_pages(const struct zone *zone)
{
	unsigned long sum = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		sum += (unsigned long)READ_ONCE(zone->pcp[cpu].count);
	return sum;
}

/* Totals. */

unsigned long nr_free_pages(void)
{
	unsigned long sum = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		sum += zone_free_pages(&node_zones[z]);
	return sum;
}

unsigned long totalram_pages(void)
{
	unsigned long sum = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		sum += node_zones[z].managed_pages;
	return sum;
}

void si_meminfo(struct sysinfo *val)
{
	*val = (struct sysinfo){
		.totalram = totalram_pages(),
		.freeram = nr_free_pages(),
		.mem_unit = PAGE_SIZE,
	};
}
