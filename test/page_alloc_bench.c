/* Benchmarks of the page allocator: the per-CPU fast path and the buddy lists. */
#include <bench.h>
#include <mm.h>

#include "bench_blocks.h"

/* alloc_page + __free_page: served by this CPU's list, no zone lock. */
static bool order0_pair(unsigned long iterations)
{
	for (unsigned long i = 0; i < iterations; i++) {
		struct page *page = alloc_page(GFP_KERNEL);

		if (!page)
			return false;
		__free_page(page);
	}
	return true;
}

/*
 * What an order-3 pair costs depends on the free lists boot left behind: a
 * free order-3 block is taken as it is, otherwise a larger block is split
 * (and merged back on free). So the pair runs in two fixed states.
 */
#define HELD_MAX 256
static struct page *held[HELD_MAX];
static unsigned int held_order[HELD_MAX], nr_held;

static struct page *hold(unsigned int order)
{
	struct page *page = nr_held < HELD_MAX ? alloc_pages(GFP_KERNEL, order) : NULL;

	if (page) {
		held[nr_held] = page;
		held_order[nr_held++] = order;
	}
	return page;
}

void bench_release_blocks(void)
{
	while (nr_held) {
		nr_held--;
		__free_pages(held[nr_held], held_order[nr_held]);
	}
}

bool bench_free_block_with_buddy_in_use(unsigned int order)
{
	struct page *first = hold(order), *second;

	for (second = hold(order);
	     first && second && (page_to_pfn(first) ^ page_to_pfn(second)) != 1UL << order;
	     second = hold(order))
		first = second;
	if (!first || !second)
		return false;
	nr_held--;
	__free_pages(second, order);
	return true;
}

/* alloc_pages(order 3) + __free_pages, @split: from an order-4 block, else from order 3. */
static bool order3_pairs(unsigned long iterations, bool split)
{
	struct zone *zone = &node_zones[ZONE_DMA32];
	bool ok = true;

	if (populated_zone(&node_zones[ZONE_NORMAL]))
		zone = &node_zones[ZONE_NORMAL];
	if (split) {
		while (ok && zone->free_area[3].nr_free)
			ok = hold(3);
		ok = ok && bench_free_block_with_buddy_in_use(4);
	} else if (!zone->free_area[3].nr_free) {
		ok = bench_free_block_with_buddy_in_use(3);
	}
	for (unsigned long i = 0; ok && i < iterations; i++) {
		struct page *page = alloc_pages(GFP_KERNEL, 3);

		if (!page)
			ok = false;
		else
			__free_pages(page, 3);
	}
	bench_release_blocks();
	return ok;
}

/* An order-3 block taken from the order-3 list and put back: no split, no merge. */
static bool order3_pair(unsigned long iterations)
{
	return order3_pairs(iterations, false);
}

/* An order-3 block split from an order-4 block and merged back: one of each. */
static bool order3_pair_split(unsigned long iterations)
{
	return order3_pairs(iterations, true);
}

/*
 * 512 alloc_page, then 512 __free_page: more than a per-CPU list holds, so
 * the lists are refilled from the zone and drained back to it in batches
 * (zone lock, buddy splits and merges). One op is one page allocated and freed.
 */
#define BURST 512
static struct page *burst[BURST];

static bool order0_burst512(unsigned long iterations)
{
	for (unsigned long done = 0; done < iterations; done += BURST) {
		int n = 0;

		while (n < BURST && (burst[n] = alloc_page(GFP_KERNEL)))
			n++;
		for (int i = 0; i < n; i++)
			__free_page(burst[i]);
		if (n < BURST)
			return false;
	}
	return true;
}

BENCH_SUITE(page_alloc, BENCH_CASE(order0_pair, 200000), BENCH_CASE(order3_pair, 100000),
	    BENCH_CASE(order3_pair_split, 100000), BENCH_CASE(order0_burst512, 100 * BURST));
