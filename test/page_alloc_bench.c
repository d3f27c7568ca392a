/* Benchmarks of the page allocator: the per-CPU fast path and the buddy lists. */
#include <bench.h>
#include <mm.h>

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

/* alloc_pages(order 3) + __free_pages: split and merge through the buddy lists. */
static bool order3_pair(unsigned long iterations)
{
	for (unsigned long i = 0; i < iterations; i++) {
		struct page *page = alloc_pages(GFP_KERNEL, 3);

		if (!page)
			return false;
		__free_pages(page, 3);
	}
	return true;
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
	    BENCH_CASE(order0_burst512, 100 * BURST));
