/*
 * Self-tests of fault injection (mm/fault_inject.c): failslab and
 * fail_page_alloc fail exactly the calls their configuration names (the nth,
 * a seeded percentage, every interval-th, after a space budget, at most
 * times), only for the cache or orders asked for, never __GFP_NOFAIL; they
 * count what they did; the boot parameters are read in Linux's field order
 * and bad values are refused with a warning. Each case turns injection off
 * before it ends (checks in between only EXPECT, so that none returns early).
 */
#include <bug.h>
#include <fault_inject.h>
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <params.h>
#include <prandom.h>
#include <slab.h>
#include <string.h>

#include "slab_helpers.h"

#define OBJ_SIZE 100
#define MANY 64
#define PROB_CALLS 5000
#define PROB_PERCENT 2
#define PROB_SEED 0x5eed5eed12345678ULL

/* Fail everything, sleeping allocations included, quietly: the base of most cases. */
static struct fault_attr fail_all(void)
{
	return (struct fault_attr){
		.interval = 1,
		.probability = 100,
		.times = -1,
		.ignore_gfp_reclaim = false,
		.verbose = 0,
	};
}

static void inject(enum fault_type type, struct fault_attr attr)
{
	fault_inject_set(type, &attr);
}

static void all_off(void)
{
	fault_inject_off(FAULT_FAILSLAB);
	fault_inject_off(FAULT_FAIL_PAGE_ALLOC);
}

static unsigned long injected(enum fault_type type)
{
	struct fault_stats stats;

	fault_inject_stats(type, &stats);
	return stats.injected;
}

/* Allocate @n objects of @s into @objs; returns how many allocations failed. */
static unsigned int alloc_n(struct kmem_cache *s, void **objs, unsigned int n, gfp_t gfp)
{
	unsigned int failed = 0;

	for (unsigned int i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(s, gfp);
		failed += !objs[i];
	}
	return failed;
}

static void free_n(struct kmem_cache *s, void **objs, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		if (objs[i])
			kmem_cache_free(s, objs[i]);
}

static void *objs[PROB_CALLS];

static void nth_call_fails_once(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-fi-nth", OBJ_SIZE, 0, 0, NULL);
	struct fault_attr attr = fail_all();
	struct fault_stats stats;

	KTEST_ASSERT_NOT_NULL(t, s);
	attr.probability = 0;
	attr.nth = 3;
	attr.cache = s;
	inject(FAULT_FAILSLAB, attr);
	alloc_n(s, objs, 6, GFP_KERNEL);
	fault_inject_stats(FAULT_FAILSLAB, &stats);
	all_off();
	KTEST_EXPECT_NOT_NULL(t, objs[0]);
	KTEST_EXPECT_NOT_NULL(t, objs[1]);
	KTEST_EXPECT_NULL(t, objs[2]);
	KTEST_EXPECT_NOT_NULL(t, objs[3]);
	KTEST_EXPECT_NOT_NULL(t, objs[5]);
	KTEST_EXPECT_EQ(t, stats.injected, 1UL);
	KTEST_EXPECT_EQ(t, stats.calls, 3UL); /* once nth has fired, nothing else can fail */
	KTEST_EXPECT_FALSE(t, failslab_enabled);
	free_n(s, objs, 6);
	kmem_cache_destroy(s);
}

/* Run PROB_CALLS allocations under PROB_PERCENT% failslab seeded with @seed; count failures. */
static unsigned int failures_with_seed(struct kmem_cache *s, u64 seed)
{
	struct fault_attr attr = fail_all();
	unsigned int failed;

	attr.probability = PROB_PERCENT;
	attr.seed = seed;
	attr.cache = s;
	inject(FAULT_FAILSLAB, attr);
	failed = alloc_n(s, objs, PROB_CALLS, GFP_KERNEL);
	all_off();
	free_n(s, objs, PROB_CALLS);
	return failed;
}

static void probability_with_a_fixed_seed_fails_a_reproducible_count(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-fi-prob", OBJ_SIZE, 0, 0, NULL);
	unsigned int first, again, predicted = 0;
	struct rnd_state rnd;

	KTEST_ASSERT_NOT_NULL(t, s);
	first = failures_with_seed(s, PROB_SEED);
	again = failures_with_seed(s, PROB_SEED);
	/* The same draws as the generator makes: one per call, failing below the percentage. */
	prandom_seed_state(&rnd, PROB_SEED);
	for (unsigned int i = 0; i < PROB_CALLS; i++)
		predicted += prandom_u32_state(&rnd) % 100 < PROB_PERCENT;
	KTEST_EXPECT_EQ(t, first, predicted);
	KTEST_EXPECT_EQ(t, again, first);
	KTEST_EXPECT_EQ(t, injected(FAULT_FAILSLAB), (unsigned long)again);
	/* 2% of 5000 is 100; a sound generator stays well inside 50..150. */
	KTEST_EXPECT_GT(t, first, 50U);
	KTEST_EXPECT_LT(t, first, 150U);
	kmem_cache_destroy(s);
}

static void cache_filter_fails_only_that_cache(struct ktest *t)
{
	struct kmem_cache *a = kmem_cache_create("test-fi-a", OBJ_SIZE, 0, 0, NULL);
	struct kmem_cache *b = kmem_cache_create("test-fi-b", OBJ_SIZE, 0, 0, NULL);
	struct fault_attr attr = fail_all();
	unsigned int failed_a, failed_b;
	void *kobj, *bobj[4];

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	attr.cache = a;
	inject(FAULT_FAILSLAB, attr);
	failed_a = alloc_n(a, objs, 4, GFP_KERNEL);
	failed_b = alloc_n(b, bobj, 4, GFP_KERNEL);
	kobj = kmalloc(OBJ_SIZE, GFP_KERNEL);
	all_off();
	KTEST_EXPECT_EQ(t, failed_a, 4U);
	KTEST_EXPECT_EQ(t, failed_b, 0U);
	KTEST_EXPECT_NOT_NULL(t, kobj);
	KTEST_EXPECT_EQ(t, injected(FAULT_FAILSLAB), 4UL);
	free_n(b, bobj, 4);
	kfree(kobj);
	kmem_cache_destroy(a);
	kmem_cache_destroy(b);
}

static void order_filter_fails_only_large_enough_blocks(struct ktest *t)
{
	struct fault_attr attr = fail_all();
	struct page *page[5];

	attr.min_order = 2;
	inject(FAULT_FAIL_PAGE_ALLOC, attr);
	for (unsigned int order = 0; order < 5; order++)
		page[order] = alloc_pages(GFP_KERNEL, order);
	all_off();
	KTEST_EXPECT_NOT_NULL(t, page[0]);
	KTEST_EXPECT_NOT_NULL(t, page[1]);
	KTEST_EXPECT_NULL(t, page[2]);
	KTEST_EXPECT_NULL(t, page[3]);
	KTEST_EXPECT_NULL(t, page[4]);
	KTEST_EXPECT_EQ(t, injected(FAULT_FAIL_PAGE_ALLOC), 3UL);
	for (unsigned int order = 0; order < 5; order++)
		if (page[order])
			__free_pages(page[order], order);
}

static void every_page_allocation_entry_is_covered(struct ktest *t)
{
	struct fault_attr attr = fail_all();
	unsigned long addr, zeroed;
	struct page *page;
	void *exact, *large;

	inject(FAULT_FAIL_PAGE_ALLOC, attr);
	page = alloc_page(GFP_KERNEL);
	addr = __get_free_pages(GFP_KERNEL, 1);
	zeroed = get_zeroed_page(GFP_KERNEL);
	exact = alloc_pages_exact(3 * PAGE_SIZE, GFP_KERNEL);
	large = kmalloc(4 * KMALLOC_MAX_CACHE_SIZE, GFP_KERNEL); /* a kmalloc of whole pages */
	all_off();
	KTEST_EXPECT_NULL(t, page);
	KTEST_EXPECT_EQ(t, addr, 0UL);
	KTEST_EXPECT_EQ(t, zeroed, 0UL);
	KTEST_EXPECT_NULL(t, exact);
	KTEST_EXPECT_NULL(t, large);
	KTEST_EXPECT_EQ(t, injected(FAULT_FAIL_PAGE_ALLOC), 5UL);
}

static void orders_above_max_order_are_refused_whether_injecting_or_not(struct ktest *t)
{
	static const unsigned int bad[] = { MAX_ORDER + 1, 1U << 31, UINT_MAX };
	struct fault_attr attr = fail_all();
	unsigned long warnings = warn_count();
	struct page *page;

	for (int injecting = 0; injecting < 2; injecting++) {
		if (injecting)
			inject(FAULT_FAIL_PAGE_ALLOC, attr);
		for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
			page = alloc_pages(GFP_KERNEL, bad[i]);
			if (page)
				KTEST_FAIL(t, "order %u: expected NULL, saw a page", bad[i]);
		}
		all_off();
	}
	KTEST_EXPECT_EQ(t, warn_count(), warnings + 2 * ARRAY_SIZE(bad));
	KTEST_EXPECT_EQ(t, injected(FAULT_FAIL_PAGE_ALLOC), 0UL); /* refused before injection */
}

static void gfp_nofail_is_never_failed(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-fi-nofail", OBJ_SIZE, 0, 0, NULL);
	struct fault_attr attr = fail_all();
	struct page *page0, *page3, *plain;
	void *obj, *kobj, *failed;

	KTEST_ASSERT_NOT_NULL(t, s);
	inject(FAULT_FAILSLAB, attr);
	inject(FAULT_FAIL_PAGE_ALLOC, attr);
	obj = kmem_cache_alloc(s, GFP_KERNEL | __GFP_NOFAIL);
	kobj = kmalloc(OBJ_SIZE, GFP_ATOMIC | __GFP_NOFAIL);
	page0 = alloc_page(GFP_KERNEL | __GFP_NOFAIL);
	page3 = alloc_pages(GFP_NOWAIT | __GFP_NOFAIL, 3);
	failed = kmem_cache_alloc(s, GFP_KERNEL);
	plain = alloc_page(GFP_KERNEL);
	all_off();
	KTEST_EXPECT_NOT_NULL(t, obj);
	KTEST_EXPECT_NOT_NULL(t, kobj);
	KTEST_EXPECT_NOT_NULL(t, page0);
	KTEST_EXPECT_NOT_NULL(t, page3);
	KTEST_EXPECT_NULL(t, failed);
	KTEST_EXPECT_NULL(t, plain);
	kmem_cache_free(s, obj);
	kfree(kobj);
	if (page0)
		__free_page(page0);
	if (page3)
		__free_pages(page3, 3);
	kmem_cache_destroy(s);
}

static void linux_defaults_spare_sleeping_allocations_and_single_pages(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-fi-wait", OBJ_SIZE, 0, 0, NULL);
	struct fault_attr attr = FAULT_ATTR_INITIALIZER, page_attr;
	struct page *sleeping, *atomic, *single;
	void *obj_kernel, *obj_atomic;

	KTEST_ASSERT_NOT_NULL(t, s);
	attr.probability = 100;
	attr.times = -1;
	attr.verbose = 0;
	attr.cache = s;
	page_attr = attr;
	page_attr.cache = NULL;
	page_attr.min_order = FAIL_PAGE_ALLOC_MIN_ORDER;
	inject(FAULT_FAILSLAB, attr);
	inject(FAULT_FAIL_PAGE_ALLOC, page_attr);
	obj_kernel = kmem_cache_alloc(s, GFP_KERNEL);
	obj_atomic = kmem_cache_alloc(s, GFP_ATOMIC);
	sleeping = alloc_pages(GFP_KERNEL, 1);
	atomic = alloc_pages(GFP_ATOMIC, 1);
	single = alloc_page(GFP_ATOMIC);
	all_off();
	KTEST_EXPECT_NOT_NULL(t, obj_kernel);
	KTEST_EXPECT_NULL(t, obj_atomic);
	KTEST_EXPECT_NOT_NULL(t, sleeping);
	KTEST_EXPECT_NULL(t, atomic);
	KTEST_EXPECT_NOT_NULL(t, single);
	kmem_cache_free(s, obj_kernel);
	if (sleeping)
		__free_pages(sleeping, 1);
	if (single)
		__free_page(single);
	kmem_cache_destroy(s);
}

static void interval_fails_every_interval_th_call(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-fi-interval", OBJ_SIZE, 0, 0, NULL);
	struct fault_attr attr = fail_all();
	bool pattern_ok = true;

	KTEST_ASSERT_NOT_NULL(t, s);
	attr.interval = 4;
	attr.cache = s;
	inject(FAULT_FAILSLAB, attr);
	alloc_n(s, objs, 12, GFP_KERNEL);
	all_off();
	for (unsigned int i = 0; i < 12; i++)
		if (!objs[i] != ((i + 1) % 4 == 0))
			pattern_ok = false;
	KTEST_EXPECT_TRUE(t, pattern_ok); /* calls 4, 8 and 12 failed, no other */
	KTEST_EXPECT_EQ(t, injected(FAULT_FAILSLAB), 3UL);
	free_n(s, objs, 12);
	kmem_cache_destroy(s);
}

static void space_budget_is_used_up_before_anything_fails(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-fi-space", OBJ_SIZE, 0, 0, NULL);
	struct fault_attr attr = fail_all(), left;

	KTEST_ASSERT_NOT_NULL(t, s);
	attr.space = 3 * OBJ_SIZE + OBJ_SIZE / 2; /* 350 bytes: passes 100, 100, 100 */
	attr.cache = s;
	inject(FAULT_FAILSLAB, attr);
	alloc_n(s, objs, 5, GFP_KERNEL);
	fault_inject_get(FAULT_FAILSLAB, &left);
	all_off();
	KTEST_EXPECT_NOT_NULL(t, objs[0]);
	KTEST_EXPECT_NOT_NULL(t, objs[1]);
	KTEST_EXPECT_NOT_NULL(t, objs[2]);
	KTEST_EXPECT_NULL(t, objs[3]); /* 50 bytes left: not more than the object's 100 */
	KTEST_EXPECT_NULL(t, objs[4]);
	KTEST_EXPECT_EQ(t, left.space, (long)(OBJ_SIZE / 2));
	free_n(s, objs, 5);
	kmem_cache_destroy(s);
}

static void times_limits_the_failures_then_injection_turns_itself_off(struct ktest *t)
{
	struct fault_attr attr = fail_all(), left;
	struct page *page[4];
	bool flag_after;

	attr.times = 2;
	inject(FAULT_FAIL_PAGE_ALLOC, attr);
	for (int i = 0; i < 4; i++)
		page[i] = alloc_page(GFP_KERNEL);
	flag_after = fail_page_alloc_enabled;
	fault_inject_get(FAULT_FAIL_PAGE_ALLOC, &left);
	all_off();
	KTEST_EXPECT_NULL(t, page[0]);
	KTEST_EXPECT_NULL(t, page[1]);
	KTEST_EXPECT_NOT_NULL(t, page[2]);
	KTEST_EXPECT_NOT_NULL(t, page[3]);
	KTEST_EXPECT_EQ(t, left.times, 0L);
	KTEST_EXPECT_FALSE(t, flag_after);
	KTEST_EXPECT_FALSE(
		t, READ_ONCE(node_zones[ZONE_DMA32].pcp[raw_smp_processor_id()].fail_page_alloc));
	for (int i = 2; i < 4; i++)
		if (page[i])
			__free_page(page[i]);
}

static void only_the_first_failures_are_printed_all_are_counted(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-fi-report", OBJ_SIZE, 0, 0, NULL);
	struct fault_attr attr = fail_all();
	struct fault_stats stats;
	unsigned int failed;

	KTEST_ASSERT_NOT_NULL(t, s);
	attr.cache = s;
	attr.verbose = 1;
	inject(FAULT_FAILSLAB, attr);
	failed = alloc_n(s, objs, FAULT_REPORT_BURST + 5, GFP_KERNEL);
	failed += alloc_n(s, objs, 3, GFP_KERNEL | __GFP_NOWARN);
	fault_inject_stats(FAULT_FAILSLAB, &stats);
	all_off();
	KTEST_EXPECT_EQ(t, failed, FAULT_REPORT_BURST + 8U);
	KTEST_EXPECT_EQ(t, stats.injected, FAULT_REPORT_BURST + 8UL);
	KTEST_EXPECT_EQ(t, stats.calls, FAULT_REPORT_BURST + 8UL);
	KTEST_EXPECT_EQ(t, stats.unreported, 8UL); /* 5 past the burst, 3 with __GFP_NOWARN */
	kmem_cache_destroy(s);
}

static void failed_slab_allocations_leave_the_cache_valid_and_leak_nothing(struct ktest *t)
{
	unsigned long before = quiesced_free_pages();
	struct kmem_cache *s = kmem_cache_create("test-fi-valid", OBJ_SIZE, 0, 0, NULL);
	struct fault_attr attr = fail_all();
	unsigned int failed;

	KTEST_ASSERT_NOT_NULL(t, s);
	attr.probability = 30;
	attr.cache = s;
	inject(FAULT_FAILSLAB, attr);
	attr.cache = NULL;
	attr.min_order = 0;
	inject(FAULT_FAIL_PAGE_ALLOC, attr); /* new slabs fail too */
	failed = alloc_n(s, objs, MANY * 4, GFP_KERNEL);
	all_off();
	KTEST_EXPECT_GT(t, failed, 0U);
	KTEST_EXPECT_EQ(t, (unsigned long)failed,
			injected(FAULT_FAILSLAB) + injected(FAULT_FAIL_PAGE_ALLOC));
	KTEST_EXPECT_EQ(t, kmem_cache_validate(s), 0UL);
	free_n(s, objs, MANY * 4);
	kmem_cache_destroy(s);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
}

static void caches_created_while_injecting_are_covered(struct ktest *t)
{
	struct fault_attr attr = fail_all();
	struct kmem_cache *s;
	void *obj = NULL;

	attr.nth = 2; /* the cache's own creation allocates once (its struct kmem_cache) */
	attr.probability = 0;
	inject(FAULT_FAILSLAB, attr);
	s = kmem_cache_create("test-fi-new", OBJ_SIZE, 0, 0, NULL);
	if (s)
		obj = kmem_cache_alloc(s, GFP_KERNEL);
	all_off();
	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_EXPECT_NULL(t, obj);
	KTEST_EXPECT_EQ(t, injected(FAULT_FAILSLAB), 1UL);
	kmem_cache_destroy(s);
}

static void setup_fault_attr_reads_linux_field_order(struct ktest *t)
{
	struct fault_attr attr = FAULT_ATTR_INITIALIZER;

	KTEST_EXPECT_EQ(t, setup_fault_attr(&attr, "10,100,0,-1"), 0);
	KTEST_EXPECT_EQ(t, attr.interval, 10UL);
	KTEST_EXPECT_EQ(t, attr.probability, 100UL);
	KTEST_EXPECT_EQ(t, attr.space, 0L);
	KTEST_EXPECT_EQ(t, attr.times, -1L);
	KTEST_EXPECT_EQ(t, setup_fault_attr(&attr, "1,5,4096,3"), 0);
	KTEST_EXPECT_EQ(t, attr.interval, 1UL);
	KTEST_EXPECT_EQ(t, attr.probability, 5UL);
	KTEST_EXPECT_EQ(t, attr.space, 4096L);
	KTEST_EXPECT_EQ(t, attr.times, 3L);
	KTEST_EXPECT_TRUE(t, attr.ignore_gfp_reclaim); /* the other fields are left alone */
}

static void setup_fault_attr_refuses_malformed_values_and_keeps_the_old_ones(struct ktest *t)
{
	static const char *const bad[] = {
		"",	     "1,2,3",	  "1,2,3,4,5",	 "a,b,c,d",
		"1,101,0,1", "1,50,-5,1", "1,50,0,-2",	 "1,,0,1",
		"1,2,3,4,",  "-1,50,0,1", "1,50,0,0x10", " 1,2,3,4",
		"1;2;3;4",   "1,2,3,4x",  "1,-0x2,3,4",	 "99999999999999999999999,1,1,1",
	};
	struct fault_attr attr = FAULT_ATTR_INITIALIZER;

	KTEST_ASSERT_EQ(t, setup_fault_attr(&attr, "7,20,300,4"), 0);
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		int err = setup_fault_attr(&attr, bad[i]);

		if (err != -EINVAL)
			KTEST_FAIL(t, "'%s': expected -EINVAL, saw %d", bad[i], err);
	}
	KTEST_EXPECT_EQ(t, setup_fault_attr(&attr, NULL), -EINVAL);
	KTEST_EXPECT_EQ(t, attr.interval, 7UL);
	KTEST_EXPECT_EQ(t, attr.probability, 20UL);
	KTEST_EXPECT_EQ(t, attr.space, 300L);
	KTEST_EXPECT_EQ(t, attr.times, 4L);
}

extern const struct boot_param __start_boot_params[], __stop_boot_params[];

static void boot_parameters_configure_injection_and_bad_ones_are_ignored(struct ktest *t)
{
	static const char text[] =
		"failslab=3,100,0,2 failslab.ignore-gfp-wait=N failslab.verbose=0 "
		"fail_page_alloc=1,2 fail_page_alloc.min-order=x "
		"fail_page_alloc.ignore-gfp-wait=maybe";
	static char line[sizeof(text)]; /* bootargs_parse() cuts it up: a fresh copy each run */
	struct fault_attr page_before, slab, page;
	struct bootargs_report report;
	bool slab_on, page_on;

	memcpy(line, text, sizeof(text));
	fault_inject_get(FAULT_FAIL_PAGE_ALLOC, &page_before);
	/* cppcheck-suppress comparePointers ; the linker places both symbols around one section */
	bootargs_parse(line, __start_boot_params, __stop_boot_params - __start_boot_params,
		       &report);
	slab_on = failslab_enabled;
	page_on = fail_page_alloc_enabled;
	fault_inject_get(FAULT_FAILSLAB, &slab);
	fault_inject_get(FAULT_FAIL_PAGE_ALLOC, &page);
	all_off();
	KTEST_EXPECT_EQ(t, report.malformed, 3U);
	KTEST_EXPECT_EQ(t, report.unknown, 0U);
	KTEST_EXPECT_TRUE(t, slab_on);
	KTEST_EXPECT_EQ(t, slab.interval, 3UL);
	KTEST_EXPECT_EQ(t, slab.probability, 100UL);
	KTEST_EXPECT_EQ(t, slab.times, 2L);
	KTEST_EXPECT_FALSE(t, slab.ignore_gfp_reclaim);
	KTEST_EXPECT_EQ(t, slab.verbose, 0U);
	KTEST_EXPECT_FALSE(t, page_on); /* off before, and the bad values changed nothing */
	KTEST_EXPECT_EQ(t, page.probability, page_before.probability);
	KTEST_EXPECT_EQ(t, page.min_order, page_before.min_order);
	KTEST_EXPECT_EQ(t, page.ignore_gfp_reclaim, page_before.ignore_gfp_reclaim);
}

KTEST_SUITE(fault_inject,
	    KTEST_CASE(nth_call_fails_once),
	    KTEST_CASE(probability_with_a_fixed_seed_fails_a_reproducible_count),
	    KTEST_CASE(cache_filter_fails_only_that_cache),
	    KTEST_CASE(order_filter_fails_only_large_enough_blocks),
	    KTEST_CASE(every_page_allocation_entry_is_covered),
	    KTEST_CASE(orders_above_max_order_are_refused_whether_injecting_or_not),
	    KTEST_CASE(gfp_nofail_is_never_failed),
	    KTEST_CASE(linux_defaults_spare_sleeping_allocations_and_single_pages),
	    KTEST_CASE(interval_fails_every_interval_th_call),
	    KTEST_CASE(space_budget_is_used_up_before_anything_fails),
	    KTEST_CASE(times_limits_the_failures_then_injection_turns_itself_off),
	    KTEST_CASE(only_the_first_failures_are_printed_all_are_counted),
	    KTEST_CASE(failed_slab_allocations_leave_the_cache_valid_and_leak_nothing),
	    KTEST_CASE(caches_created_while_injecting_are_covered),
	    KTEST_CASE(setup_fault_attr_reads_linux_field_order),
	    KTEST_CASE(setup_fault_attr_refuses_malformed_values_and_keeps_the_old_ones),
	    KTEST_CASE(boot_parameters_configure_injection_and_bad_ones_are_ignored));

/*
 * Run by tools/test-harness with "failslab=10,100,0,-1 fail_page_alloc=1,2
 * fail_page_alloc.min-order=x": the first was applied at boot, the other two
 * were refused (and warned about), leaving fail_page_alloc as it was.
 */
static void boot_command_line_configured_failslab_only(struct ktest *t)
{
	struct fault_attr slab, page;

	fault_inject_get(FAULT_FAILSLAB, &slab);
	fault_inject_get(FAULT_FAIL_PAGE_ALLOC, &page);
	KTEST_EXPECT_TRUE(t, failslab_enabled);
	KTEST_EXPECT_EQ(t, slab.interval, 10UL);
	KTEST_EXPECT_EQ(t, slab.probability, 100UL);
	KTEST_EXPECT_EQ(t, slab.space, 0L);
	KTEST_EXPECT_EQ(t, slab.times, -1L);
	KTEST_EXPECT_TRUE(t, slab.ignore_gfp_reclaim);
	KTEST_EXPECT_FALSE(t, fail_page_alloc_enabled);
	KTEST_EXPECT_EQ(t, page.probability, 0UL);
	KTEST_EXPECT_EQ(t, page.min_order, (unsigned int)FAIL_PAGE_ALLOC_MIN_ORDER);
	KTEST_EXPECT_TRUE(t, page.ignore_gfp_reclaim);
}

KTEST_MANUAL_SUITE(fault_inject_boot, KTEST_CASE(boot_command_line_configured_failslab_only));
