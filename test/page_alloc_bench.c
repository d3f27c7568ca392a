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

BENCH_SUITE(page_alloc, BENCH_CASE(order0_pair, 200000), BENCH_CASE(order3_pair, 100000));
