/*
 * Self-tests of the per-CPU object arrays' growth (mm/slab.c): an array that
 * goes from empty to full grows instead of flushing, up to its bounds, never
 * for a debugged or hardened cache nor while page allocation faults are injected, a
 * grown array that runs full flushes its older half, and shrinking a cache
 * gives a grown array back, on whichever CPU it grew; and where the small
 * arrays lie.
 */
#include <errno.h>
#include <fault_inject.h>
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>
#include <smp.h>

#include "../mm/slab.h"
#include "slab_helpers.h"

/* Objects in one swing: twice what the largest array holds (4096 with 4 KiB pages). */
#define SWING_MAX (2 * (PAGE_SIZE << SLAB_CPU_ARRAY_MAX_ORDER) / sizeof(void *))

static void *objs[SWING_MAX];

/* This CPU's array of @s. */
static struct array_cache *my_array(struct kmem_cache *s)
{
	return cpu_array(s, raw_smp_processor_id());
}

/*
 * Allocate @n objects, then free them all: an array smaller than @n runs
 * empty (and is refilled) while allocating, then full while freeing.
 */
static bool swing(struct kmem_cache *s, unsigned int n)
{
	unsigned int got;

	for (got = 0; got < n; got++) {
		objs[got] = kmem_cache_alloc(s, GFP_KERNEL);
		if (!objs[got])
			break;
	}
	for (unsigned int i = 0; i < got; i++)
		kmem_cache_free(s, objs[i]);
	return got == n;
}

/* Slab-counted pages that are not @s's slabs: its arrays' among them. */
static unsigned long pages_besides_slabs(struct kmem_cache *s)
{
	return mm_stat(NR_SLAB_UNRECLAIMABLE) - (s->nr_slabs << s->order);
}

static void an_array_that_runs_empty_then_full_grows_to_its_bound(struct ktest *t)
{
	unsigned long before = quiesced_free_pages(), slab0 = mm_stat(NR_SLAB_UNRECLAIMABLE);
	struct kmem_cache *s = kmem_cache_create("test-array-grow", 64, 0, 0, NULL);
	unsigned long page_entries, other_pages;

	KTEST_ASSERT_NOT_NULL(t, s);
	page_entries = SLAB_CPU_ARRAY_ENTRIES(PAGE_SIZE - grown_array_offset(s));
	if (slab_checked(s)) { /* slub_debug, slab_hardened: every call to the slabs, no growth */
		KTEST_EXPECT_TRUE(t, swing(s, SWING_MAX));
		KTEST_EXPECT_EQ(t, my_array(s)->order, SLAB_CPU_ARRAY_SMALL);
		KTEST_EXPECT_EQ(t, array_capacity(my_array(s)), 0UL);
		kmem_cache_destroy(s);
		return;
	}
	KTEST_EXPECT_EQ(t, my_array(s)->order, SLAB_CPU_ARRAY_SMALL);
	KTEST_EXPECT_EQ(t, array_capacity(my_array(s)), SLAB_CPU_ARRAY_MAX);

	/* Twice the small array: one growth, to a page, counted as slab memory. */
	other_pages = pages_besides_slabs(s);
	KTEST_ASSERT_TRUE(t, swing(s, 2 * SLAB_CPU_ARRAY_MAX));
	KTEST_EXPECT_EQ(t, my_array(s)->order, 0U);
	KTEST_EXPECT_EQ(t, array_capacity(my_array(s)), page_entries);
	/* It starts a few cache lines into its page (grown_array_offset()), and ends with it. */
	KTEST_EXPECT_EQ(t, (unsigned long)my_array(s) % PAGE_SIZE, grown_array_offset(s));
	KTEST_EXPECT_EQ(t, pages_besides_slabs(s), other_pages + 1);

	/* A swing the array now holds whole leaves it as it is, and the slabs alone. */
	KTEST_ASSERT_TRUE(t, swing(s, (unsigned int)page_entries / 2));
	KTEST_EXPECT_EQ(t, my_array(s)->order, 0U);

	/*
	 * Larger swings: 2 pages, then 4, the bound (64-byte objects: 2044 x 64 <
	 * 512 KiB with 4 KiB pages, 32764 x 64 < 8 MiB with 64 KiB pages).
	 */
	for (int i = 0; i < 3; i++)
		KTEST_ASSERT_TRUE(t, swing(s, SWING_MAX));
	KTEST_EXPECT_EQ(t, my_array(s)->order, (unsigned int)SLAB_CPU_ARRAY_MAX_ORDER);
	KTEST_EXPECT_EQ(t, array_capacity(my_array(s)),
			SLAB_CPU_ARRAY_ENTRIES((PAGE_SIZE << SLAB_CPU_ARRAY_MAX_ORDER) -
					       grown_array_offset(s)));
	/* Every object is accounted for: the active ones are the arrays' own. */
	KTEST_EXPECT_EQ(t, s->nr_active, objects_cached(s));
	KTEST_EXPECT_EQ(t, kmem_cache_validate(s), 0UL);

	/* Shrinking gives the grown array back and empties the small one. */
	kmem_cache_shrink(s);
	KTEST_EXPECT_EQ(t, my_array(s)->order, SLAB_CPU_ARRAY_SMALL);
	KTEST_EXPECT_EQ(t, array_objects(my_array(s)), 0UL);
	KTEST_EXPECT_EQ(t, s->nr_active, 0UL);
	kmem_cache_destroy(s);
	/* Quiesced first: the slab that held the cache's struct may be kept, empty, till then. */
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
	KTEST_EXPECT_EQ(t, mm_stat(NR_SLAB_UNRECLAIMABLE), slab0);
}

/* Large objects: a page of pointers would hold more than SLAB_CPU_ARRAY_MAX_HELD bytes. */
static void arrays_of_large_objects_stay_small(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-array-large", 2048, 0, 0, NULL);

	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_EXPECT_GT(t, SLAB_CPU_ARRAY_ENTRIES(PAGE_SIZE) * s->size, SLAB_CPU_ARRAY_MAX_HELD);
	for (int i = 0; i < 3; i++)
		KTEST_ASSERT_TRUE(t, swing(s, 256));
	KTEST_EXPECT_EQ(t, my_array(s)->order, SLAB_CPU_ARRAY_SMALL);
	kmem_cache_destroy(s);
}

/*
 * With fail_page_alloc on, every page allocation may be one a test counts:
 * an array growing would take one the test did not make. (Single pages are
 * never failed here, min_order 1, but injection is on all the same.)
 */
static void arrays_do_not_grow_while_page_faults_are_injected(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-array-inject", 64, 0, 0, NULL);
	struct fault_attr attr = FAULT_ATTR_INITIALIZER;
	struct fault_stats stats;

	KTEST_ASSERT_NOT_NULL(t, s);
	attr.min_order = FAIL_PAGE_ALLOC_MIN_ORDER;
	attr.nth = 1000000000; /* on, but fails nothing this test does */
	fault_inject_set(FAULT_FAIL_PAGE_ALLOC, &attr);
	KTEST_EXPECT_TRUE(t, READ_ONCE(fail_page_alloc_enabled));
	KTEST_EXPECT_TRUE(t, swing(s, 4 * SLAB_CPU_ARRAY_MAX));
	KTEST_EXPECT_TRUE(t, swing(s, 4 * SLAB_CPU_ARRAY_MAX));
	fault_inject_off(FAULT_FAIL_PAGE_ALLOC);
	fault_inject_stats(FAULT_FAIL_PAGE_ALLOC, &stats);
	KTEST_EXPECT_EQ(t, stats.injected, 0UL);
	KTEST_EXPECT_EQ(t, my_array(s)->order, SLAB_CPU_ARRAY_SMALL);
	/* Off again: the same swings grow it. */
	KTEST_EXPECT_TRUE(t, swing(s, 4 * SLAB_CPU_ARRAY_MAX));
	KTEST_EXPECT_EQ(t, my_array(s)->order, slab_checked(s) ? SLAB_CPU_ARRAY_SMALL : 0U);
	kmem_cache_destroy(s);
}

/*
 * A grown array that runs full without having run empty since it grew
 * flushes its older half, not a batch (the newer half moves down over it):
 * as much as the depot has room for goes there, the rest to the slabs.
 */
static void a_full_grown_array_flushes_its_older_half(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-array-flush", 64, 0, 0, NULL);
	unsigned long total, i, cap, n, to_depot, depot, active;
	struct array_cache *ac;
	void *oldest, *next;

	KTEST_ASSERT_NOT_NULL(t, s);
	if (slab_checked(s)) {
		kmem_cache_destroy(s);
		KTEST_SKIP(t, "slub_debug or slab_hardened=1: no arrays");
	}
	total = 2 * SLAB_CPU_ARRAY_ENTRIES(PAGE_SIZE);
	for (i = 0; i < total; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
	}
	/*
	 * Freed in order: the small array runs full after running empty and
	 * grows to a page; free until that page is full too.
	 */
	for (i = 0; i < total; i++) {
		ac = my_array(s);
		if (ac->order == 0 && ac->top == ac->end)
			break;
		kmem_cache_free(s, objs[i]);
	}
	KTEST_ASSERT_LT(t, i, total);
	cap = array_capacity(ac);
	n = cap / 2;
	oldest = ac->entry[0];
	next = ac->entry[n];
	depot = s->depot_nr;
	active = s->nr_active;
	to_depot = min(n, (unsigned long)(s->depot_limit - depot));
	kmem_cache_free(s, objs[i++]);		 /* it has not run empty since it grew: a flush */
	KTEST_ASSERT_TRUE(t, my_array(s) == ac); /* flushed, not grown or replaced */
	KTEST_EXPECT_EQ(t, array_objects(ac), cap - n + 1);
	KTEST_EXPECT_PTR_EQ(t, ac->entry[0], next);
	KTEST_EXPECT_PTR_EQ(t, ac->top[-1], objs[i - 1]);
	KTEST_EXPECT_EQ(t, (unsigned long)s->depot_nr, depot + to_depot);
	/* What the depot had no room for went back to its slabs: no longer handed out. */
	KTEST_EXPECT_EQ(t, s->nr_active, active - (n - to_depot));
	KTEST_EXPECT_EQ(t, s->nr_active, objects_cached(s) + (total - i));
	if (to_depot) {
		struct mem_addr_info info;

		mem_addr_info(oldest, &info);
		KTEST_EXPECT_EQ(t, info.free_cpu, MEM_ADDR_FREE_IN_DEPOT);
	}
	for (; i < total; i++)
		kmem_cache_free(s, objs[i]);
	KTEST_EXPECT_EQ(t, kmem_cache_validate(s), 0UL);
	kmem_cache_destroy(s);
}

static int swing_here(void *arg)
{
	return swing(arg, 2 * SLAB_CPU_ARRAY_MAX) ? 0 : -ENOMEM;
}

/* An array grown on another CPU goes back when this one shrinks the cache. */
static void shrink_gives_back_arrays_grown_on_other_cpus(struct ktest *t)
{
	unsigned long before = quiesced_free_pages();
	struct kmem_cache *s = kmem_cache_create("test-array-remote", 64, 0, 0, NULL);
	unsigned int other = raw_smp_processor_id() == 0 ? 1 : 0;

	KTEST_ASSERT_NOT_NULL(t, s);
	if (num_online_cpus() < 2 || !cpu_online(other)) {
		kmem_cache_destroy(s);
		KTEST_SKIP(t, "one CPU online");
	}
	KTEST_ASSERT_EQ(t, smp_call_on_cpu(other, swing_here, s, false), 0);
	KTEST_EXPECT_EQ(t, cpu_array(s, other)->order, slab_checked(s) ? SLAB_CPU_ARRAY_SMALL : 0U);
	KTEST_EXPECT_EQ(t, my_array(s)->order, SLAB_CPU_ARRAY_SMALL);
	kmem_cache_shrink(s);
	KTEST_EXPECT_EQ(t, cpu_array(s, other)->order, SLAB_CPU_ARRAY_SMALL);
	KTEST_EXPECT_EQ(t, objects_cached(s), 0UL);
	kmem_cache_destroy(s);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
}

#define SPREAD_CACHES 8

/* Which slot of @s's small-arrays page @cpu's array is in, or NR_CPUS if it is outside. */
static unsigned long small_slot(struct kmem_cache *s, unsigned long cpu)
{
	unsigned long offset = (unsigned long)cpu_array(s, cpu) - (unsigned long)s->small_arrays;

	return offset < NR_CPUS * SLAB_CPU_ARRAY_BYTES ? offset / SLAB_CPU_ARRAY_BYTES : NR_CPUS;
}

/*
 * A cache's small arrays share one page, a slot per CPU. The slots rotate
 * from cache to cache, so that one CPU's arrays of caches made one after
 * another do not all start at the same offset of their pages, where every
 * array's header would fall into one first-level cache set
 * (docs/benchmarks.md); every CPU still has a slot of its own.
 */
static void one_cpus_small_arrays_start_at_different_offsets(struct ktest *t)
{
	static const char *const names[SPREAD_CACHES] = {
		"test-spread-0", "test-spread-1", "test-spread-2", "test-spread-3",
		"test-spread-4", "test-spread-5", "test-spread-6", "test-spread-7",
	};
	struct kmem_cache *caches[SPREAD_CACHES];
	unsigned long me = raw_smp_processor_id(), seen = 0;

	for (unsigned int i = 0; i < SPREAD_CACHES; i++) {
		caches[i] = kmem_cache_create(names[i], 64, 0, 0, NULL);
		KTEST_ASSERT_NOT_NULL(t, caches[i]);
	}
	for (unsigned int i = 0; i < SPREAD_CACHES; i++) {
		unsigned long slots = 0;

		KTEST_EXPECT_EQ(t, cpu_array(caches[i], me)->order, SLAB_CPU_ARRAY_SMALL);
		for (unsigned long cpu = 0; cpu < NR_CPUS; cpu++)
			slots |= 1UL << small_slot(caches[i], cpu);
		KTEST_EXPECT_EQ(t, slots, (1UL << NR_CPUS) - 1);
		seen |= 1UL << small_slot(caches[i], me);
	}
	KTEST_EXPECT_GE(t, hweight_long(seen), 4U);
	for (unsigned int i = 0; i < SPREAD_CACHES; i++)
		kmem_cache_destroy(caches[i]);
}

KTEST_SUITE(slab_array, KTEST_CASE(an_array_that_runs_empty_then_full_grows_to_its_bound),
	    KTEST_CASE(arrays_of_large_objects_stay_small),
	    KTEST_CASE(arrays_do_not_grow_while_page_faults_are_injected),
	    KTEST_CASE(a_full_grown_array_flushes_its_older_half),
	    KTEST_CASE(shrink_gives_back_arrays_grown_on_other_cpus),
	    KTEST_CASE(one_cpus_small_arrays_start_at_different_offsets));
