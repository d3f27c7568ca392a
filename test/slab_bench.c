/* Benchmarks of the slab allocator: per-CPU fast paths and the large-kmalloc path. */
#include <bench.h>
#include <slab.h>

static struct kmem_cache *bench_cache;

/* kmalloc(64) + kfree: this CPU's array of kmalloc-64, no lock. */
static bool kmalloc64_pair(unsigned long iterations)
{
	for (unsigned long i = 0; i < iterations; i++) {
		void *p = kmalloc(64, GFP_KERNEL);

		if (!p)
			return false;
		kfree(p);
	}
	return true;
}

/* kmem_cache_alloc + kmem_cache_free of a 128-byte cache. */
static bool kmem_cache_pair(unsigned long iterations)
{
	if (!bench_cache)
		bench_cache = kmem_cache_create("bench-128", 128, 0, 0, NULL);
	for (unsigned long i = 0; i < iterations; i++) {
		void *p = kmem_cache_alloc(bench_cache, GFP_KERNEL);

		if (!p)
			return false;
		kmem_cache_free(bench_cache, p);
	}
	return true;
}

/* kmalloc(16 KiB) + kfree: a compound order-2 allocation from the page allocator. */
static bool kmalloc16k_pair(unsigned long iterations)
{
	for (unsigned long i = 0; i < iterations; i++) {
		void *p = kmalloc(16384, GFP_KERNEL);

		if (!p)
			return false;
		kfree(p);
	}
	return true;
}

BENCH_SUITE(slab, BENCH_CASE(kmalloc64_pair, 200000), BENCH_CASE(kmem_cache_pair, 200000),
	    BENCH_CASE(kmalloc16k_pair, 50000));
