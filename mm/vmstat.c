/*
 * The counters other allocators feed to meminfo (slab, page-table and
 * vmalloc pages, the vmalloc area's size): atomic, any context. A leaf of mm/.
 */
#include <mm.h>

static long mm_stats[NR_MM_STAT_ITEMS];
unsigned long vmalloc_total_bytes;

void mod_mm_stat(enum mm_stat_item item, long delta)
{
	__atomic_fetch_add(&mm_stats[item], delta, __ATOMIC_RELAXED);
}

unsigned long mm_stat(enum mm_stat_item item)
{
	long v = __atomic_load_n(&mm_stats[item], __ATOMIC_RELAXED);

	return v > 0 ? (unsigned long)v : 0;
}
