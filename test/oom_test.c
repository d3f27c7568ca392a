/*
 * Running out of memory (tools/run-tests boots it at MEM=64M too): a
 * GFP_KERNEL allocation reclaims first (per-CPU page lists drained, the slab
 * shrinker run) and fails with exactly one "page allocation failure" report
 * (none with __GFP_NOWARN); below min, __GFP_NOFAIL, GFP_ATOMIC and mempools
 * still get memory, GFP_ATOMIC never the last page; nothing panics; and once
 * everything is freed the free-page count is exactly what it was.
 */
#include <kernel.h>
#include <ktest.h>
#include <mempool.h>
#include <mm.h>
#include <slab.h>

#include "../mm/slab.h"
#include "page_alloc_helpers.h"
#include "slab_helpers.h"

#define OBJ_SIZE 512
#define KEPT_OBJECTS 256
#define WARM_PAGES 16
#define POOL_MIN 4

static unsigned long pcp_pages(void)
{
	unsigned long sum = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		sum += zone_pcp_pages(&node_zones[z]);
	return sum;
}

/* Allocate blocks of @order with @gfp onto @h until one fails. Return: how many. */
static unsigned long exhaust(struct hoard *h, gfp_t gfp, unsigned int order)
{
	unsigned long n = 0;

	while (hoard_alloc(h, gfp, order))
		n++;
	return n;
}

/* Give @s empty slabs and a full per-CPU array: memory only the slab shrinker can take back. */
static void leave_empty_slabs(struct kmem_cache *s)
{
	static void *objs[KEPT_OBJECTS];

	for (int i = 0; i < KEPT_OBJECTS; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	for (int i = 0; i < KEPT_OBJECTS; i++)
		kmem_cache_free(s, objs[i]);
}

/* Put pages on this CPU's per-CPU lists: memory only a drain gives back to the zones. */
static void warm_pcp_lists(void)
{
	struct page *pages[WARM_PAGES];

	for (int i = 0; i < WARM_PAGES; i++)
		pages[i] = alloc_page(GFP_KERNEL);
	for (int i = 0; i < WARM_PAGES; i++)
		if (pages[i])
			__free_page(pages[i]);
}

static void gfp_kernel_reclaims_everything_then_fails_with_one_report(struct ktest *t)
{
	unsigned long before = quiesced_free_pages(), reports, got;
	struct kmem_cache *kept = kmem_cache_create("test-oom-kept", OBJ_SIZE, 0, 0, NULL);
	struct hoard h = { 0 };

	KTEST_ASSERT_NOT_NULL(t, kept);
	leave_empty_slabs(kept);
	warm_pcp_lists();
	KTEST_EXPECT_GT(t, kept->nr_slabs, 0UL);
	KTEST_EXPECT_GT(t, pcp_pages(), 0UL);

	reports = alloc_failure_reports();
	got = exhaust(&h, GFP_KERNEL, 0);
	KTEST_EXPECT_GT(t, got, 0UL);
	KTEST_EXPECT_EQ(t, alloc_failure_reports(), reports + 1);
	KTEST_EXPECT_EQ(t, kept->nr_slabs, 0UL); /* the slab shrinker gave them all back */
	KTEST_EXPECT_EQ(t, array_objects(cpu_array(kept, raw_smp_processor_id())), 0UL);
	KTEST_EXPECT_EQ(t, pcp_pages(), 0UL); /* drained, and not refilled below min */
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &node_zones[z];

		if (populated_zone(zone))
			KTEST_EXPECT_LE(t, zone_free_pages(zone), min_wmark_pages(zone));
	}

	hoard_free_all(&h);
	kmem_cache_destroy(kept);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
	expect_buddy_invariants(t);
}

static void below_min_the_reserves_serve_those_allowed_them(struct ktest *t)
{
	unsigned long before = quiesced_free_pages(), reports, atomic_got;
	struct kmem_cache *fresh = kmem_cache_create("test-oom-fresh", OBJ_SIZE, 0, 0, NULL);
	mempool_t *pool = mempool_create_page_pool(POOL_MIN, 0);
	struct hoard kernel = { 0 }, atomic = { 0 };
	struct page *nofail, *extra, *el[POOL_MIN];
	void *obj;
	int served = 0;

	KTEST_ASSERT_NOT_NULL(t, fresh);
	KTEST_ASSERT_NOT_NULL(t, pool);
	reports = alloc_failure_reports();
	exhaust(&kernel, GFP_KERNEL | __GFP_NOWARN, 0);
	KTEST_EXPECT_EQ(t, alloc_failure_reports(), reports); /* quiet, as asked */

	/* A new slab is a page like any other: refused, with one report. */
	obj = kmem_cache_alloc(fresh, GFP_KERNEL);
	KTEST_EXPECT_NULL(t, obj);
	KTEST_EXPECT_EQ(t, alloc_failure_reports(), reports + 1);
	KTEST_EXPECT_EQ(t, kmem_cache_validate(fresh), 0UL);

	/* The pool's reserve: all of it, without a report from the allocator beneath. */
	for (int i = 0; i < POOL_MIN; i++) {
		el[i] = mempool_alloc(pool, GFP_KERNEL);
		served += el[i] != NULL;
	}
	KTEST_EXPECT_EQ(t, served, POOL_MIN);
	/* Empty now: GFP_NOWAIT says so at once (GFP_KERNEL would wait for another CPU's free). */
	KTEST_EXPECT_NULL(t, mempool_alloc(pool, GFP_NOWAIT | __GFP_NOWARN));
	KTEST_EXPECT_EQ(t, alloc_failure_reports(), reports + 1);

	/* Below min: a caller that cannot fail first, then GFP_ATOMIC down to its floor. */
	nofail = alloc_page(GFP_KERNEL | __GFP_NOFAIL);
	KTEST_EXPECT_NOT_NULL(t, nofail);
	atomic_got = exhaust(&atomic, GFP_ATOMIC | __GFP_NOWARN, 0);
	KTEST_EXPECT_GT(t, atomic_got, 0UL);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		if (populated_zone(&node_zones[z]))
			KTEST_EXPECT_GT(t, zone_free_pages(&node_zones[z]), 0UL);
	extra = alloc_page(GFP_KERNEL | __GFP_NOWARN);
	KTEST_EXPECT_NULL(t, extra);

	hoard_free_all(&atomic);
	if (nofail)
		__free_page(nofail);
	for (int i = 0; i < POOL_MIN; i++)
		mempool_free(el[i], pool);
	hoard_free_all(&kernel);
	KTEST_EXPECT_EQ(t, pool->curr_nr, POOL_MIN);
	mempool_destroy(pool);
	kmem_cache_destroy(fresh);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
	expect_buddy_invariants(t);
}

static void large_blocks_run_out_with_one_report_and_come_back(struct ktest *t)
{
	unsigned long before = quiesced_free_pages(), reports = alloc_failure_reports();
	struct hoard h = { 0 };

	KTEST_EXPECT_GT(t, exhaust(&h, GFP_KERNEL, 3), 0UL);
	KTEST_EXPECT_EQ(t, alloc_failure_reports(), reports + 1);
	hoard_free_all(&h);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
	expect_buddy_invariants(t);
}

KTEST_SUITE(oom,
	    KTEST_CASE(gfp_kernel_reclaims_everything_then_fails_with_one_report),
	    KTEST_CASE(below_min_the_reserves_serve_those_allowed_them),
	    KTEST_CASE(large_blocks_run_out_with_one_report_and_come_back));
