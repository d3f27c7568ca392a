/* Benchmarks of the slab allocator: per-CPU fast paths and the large-kmalloc path. */
#include <bench.h>
#include <kernel.h>
#include <slab.h>

#include "../mm/slab.h"
#include "bench_blocks.h"
#include "xorshift.h"

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

static void *bulk[64];

/*
 * kmem_cache_alloc_bulk + kmem_cache_free_bulk of @n objects of the same
 * 128-byte cache, one iteration per object: compare with kmem_cache_pair.
 */
static bool kmem_cache_bulk(unsigned long iterations, size_t n)
{
	if (!bench_cache)
		bench_cache = kmem_cache_create("bench-128", 128, 0, 0, NULL);
	for (unsigned long i = 0; i < iterations; i += n) {
		if (kmem_cache_alloc_bulk(bench_cache, GFP_KERNEL, n, bulk) != (int)n)
			return false;
		kmem_cache_free_bulk(bench_cache, n, bulk);
	}
	return iterations % n == 0;
}

static bool kmem_cache_bulk16_per_object(unsigned long iterations)
{
	return kmem_cache_bulk(iterations, 16);
}

static bool kmem_cache_bulk64_per_object(unsigned long iterations)
{
	return kmem_cache_bulk(iterations, 64);
}

/*
 * kmalloc(16 KiB) + kfree: a compound order-2 allocation from the page
 * allocator, with a free order-2 block whose buddy is in use first on its
 * list (no split, no merge), whatever boot left on the free lists.
 */
static bool kmalloc16k_pair(unsigned long iterations)
{
	bool ok = bench_free_block_with_buddy_in_use(2);

	for (unsigned long i = 0; ok && i < iterations; i++) {
		void *p = kmalloc(16384, GFP_KERNEL);

		if (!p) {
			ok = false;
			break;
		}
		kfree(p);
	}
	bench_release_blocks();
	return ok;
}

#define EFFICIENCY_LIVE 4096
#define EFFICIENCY_ROUNDS 8

static void *live[EFFICIENCY_LIVE];

static u64 bench_rng = 0x2545f4914f6cdd1dULL;

static u64 next_random(void)
{
	return xorshift64_next(&bench_rng);
}

/*
 * Memory efficiency, not speed: with 4096 objects of random sizes 1..8 KiB
 * alive, how many bytes do the kmalloc slabs hold for the bytes asked for?
 * Prints its own line; the counter figure it returns is not meaningful.
 */
static bool kmalloc_random_sizes_waste(unsigned long iterations)
{
	unsigned long requested = 0, held_before, held;

	held_before = kmalloc_slab_bytes();
	for (unsigned long round = 0; round < EFFICIENCY_ROUNDS; round++) {
		requested = 0;
		for (unsigned int i = 0; i < EFFICIENCY_LIVE; i++) {
			size_t size = 1 + next_random() % KMALLOC_MAX_CACHE_SIZE;

			kfree(live[i]);
			live[i] = kmalloc(size, GFP_KERNEL);
			if (!live[i])
				return false;
			requested += size;
		}
	}
	held = kmalloc_slab_bytes() - held_before;
	pr_info("bench kmalloc_random_sizes_waste: %lu bytes requested, %lu held in slabs: "
		"%lu.%lu%% overhead\n",
		requested, held, (held - requested) * 100 / requested,
		(held - requested) * 1000 / requested % 10);
	for (unsigned int i = 0; i < EFFICIENCY_LIVE; i++) {
		kfree(live[i]);
		live[i] = NULL;
	}
	return true;
}

BENCH_SUITE(slab, BENCH_CASE(kmalloc64_pair, 200000), BENCH_CASE(kmem_cache_pair, 200000),
	    BENCH_CASE(kmem_cache_bulk16_per_object, 200000),
	    BENCH_CASE(kmem_cache_bulk64_per_object, 200000), BENCH_CASE(kmalloc16k_pair, 50000),
	    BENCH_CASE(kmalloc_random_sizes_waste, 1));
