/*
 * Self-tests of the page allocator's watermarks and reclaim: each case
 * drives one zone down to an exact free count (its per-CPU lists disabled so
 * that counts are exact) and checks which requests still succeed there:
 * GFP_KERNEL stops at min, __GFP_HIGH at min/2, GFP_ATOMIC at 3/8 of min
 * and never reaches zero; shrinkers and per-CPU lists are used before a
 * request fails.
 */
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <shrinker.h>

#include "page_alloc_helpers.h"

/* What a case works on: the lowest zone, reachable alone with zone_gfp. */
struct wm_env {
	struct zone *zone;
	gfp_t zone_gfp;
	unsigned long min;
	struct hoard hoard;
	struct buddy_snapshot base;
};

static void wm_begin(struct wm_env *env)
{
	*env = (struct wm_env){ 0 };
	page_alloc_baseline(&env->base);
	env->zone = lowest_zone(&env->zone_gfp);
	env->min = min_wmark_pages(env->zone);
	zone_pcp_disable(env->zone);
}

static void wm_end(struct ktest *t, struct wm_env *env)
{
	hoard_free_all(&env->hoard);
	zone_pcp_enable(env->zone);
	expect_page_alloc_baseline(t, &env->base);
}

static bool drive(struct ktest *t, struct wm_env *env, unsigned long target)
{
	if (drive_zone_to(env->zone, env->zone_gfp, target, &env->hoard))
		return true;
	KTEST_FAIL(t, "could not bring zone %s to %lu free pages: %lu are free", env->zone->name,
		   target, zone_free_pages(env->zone));
	return false;
}

/* Would a single page with @gfp be given out now? (Given back at once.) */
static bool can_alloc(struct wm_env *env, gfp_t gfp)
{
	struct page *page = alloc_page(gfp | env->zone_gfp | __GFP_NOWARN);

	if (!page)
		return false;
	__free_page(page);
	return true;
}

/* The floors below min: __GFP_HIGH takes half of min away, GFP_ATOMIC a quarter more. */
static unsigned long high_floor(unsigned long min)
{
	return min - min / 2;
}

static unsigned long atomic_floor(unsigned long min)
{
	return high_floor(min) - high_floor(min) / 4;
}

static void kernel_allocation_succeeds_above_min_and_fails_at_min(struct ktest *t)
{
	struct wm_env env;

	wm_begin(&env);
	if (drive(t, &env, env.min + 1)) {
		KTEST_EXPECT_TRUE(t, can_alloc(&env, GFP_KERNEL));
		KTEST_EXPECT_EQ(t, zone_free_pages(env.zone), env.min + 1);
	}
	if (drive(t, &env, env.min)) {
		KTEST_EXPECT_FALSE(t, can_alloc(&env, GFP_KERNEL));
		KTEST_EXPECT_FALSE(t, can_alloc(&env, GFP_USER));
		KTEST_EXPECT_TRUE(t, can_alloc(&env, GFP_ATOMIC));
	}
	wm_end(t, &env);
}

static void nowait_allocation_has_no_claim_on_the_reserve(struct ktest *t)
{
	struct wm_env env;

	wm_begin(&env);
	if (drive(t, &env, env.min + 1))
		KTEST_EXPECT_TRUE(t, can_alloc(&env, GFP_NOWAIT));
	if (drive(t, &env, env.min))
		KTEST_EXPECT_FALSE(t, can_alloc(&env, GFP_NOWAIT));
	wm_end(t, &env);
}

static void high_priority_allocation_may_use_half_the_reserve(struct ktest *t)
{
	const gfp_t gfp = GFP_KERNEL | __GFP_HIGH;
	struct wm_env env;

	wm_begin(&env);
	if (drive(t, &env, high_floor(env.min) + 1))
		KTEST_EXPECT_TRUE(t, can_alloc(&env, gfp));
	if (drive(t, &env, high_floor(env.min))) {
		KTEST_EXPECT_FALSE(t, can_alloc(&env, gfp));
		KTEST_EXPECT_TRUE(t, can_alloc(&env, GFP_ATOMIC));
	}
	wm_end(t, &env);
}

static void atomic_allocation_stops_at_three_eighths_of_min(struct ktest *t)
{
	struct wm_env env;

	wm_begin(&env);
	if (drive(t, &env, atomic_floor(env.min) + 1))
		KTEST_EXPECT_TRUE(t, can_alloc(&env, GFP_ATOMIC));
	if (drive(t, &env, atomic_floor(env.min)))
		KTEST_EXPECT_FALSE(t, can_alloc(&env, GFP_ATOMIC));
	wm_end(t, &env);
}

static void atomic_allocations_never_take_the_last_pages(struct ktest *t)
{
	struct wm_env env;
	unsigned long taken = 0;

	wm_begin(&env);
	if (drive(t, &env, env.min)) {
		while (hoard_alloc(&env.hoard, GFP_ATOMIC | env.zone_gfp | __GFP_NOWARN, 0))
			taken++;
		KTEST_EXPECT_EQ(t, taken, env.min - atomic_floor(env.min));
		KTEST_EXPECT_EQ(t, zone_free_pages(env.zone), atomic_floor(env.min));
		KTEST_EXPECT_GT(t, zone_free_pages(env.zone), 0UL);
	}
	wm_end(t, &env);
}

static void memalloc_allocation_may_take_every_page(struct ktest *t)
{
	struct wm_env env;

	wm_begin(&env);
	if (drive(t, &env, 1)) {
		KTEST_EXPECT_FALSE(t, can_alloc(&env, GFP_ATOMIC));
		KTEST_EXPECT_TRUE(t, can_alloc(&env, GFP_ATOMIC | __GFP_MEMALLOC));
	}
	if (drive(t, &env, 0))
		KTEST_EXPECT_FALSE(t, can_alloc(&env, GFP_KERNEL | __GFP_MEMALLOC));
	wm_end(t, &env);
}

static void allocation_failure_is_reported_and_returns_null(struct ktest *t)
{
	struct wm_env env;

	wm_begin(&env);
	if (drive(t, &env, env.min)) {
		ktest_printf(t, "a \"page allocation failure\" report follows, on purpose");
		KTEST_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_ZERO | env.zone_gfp, 0));
	}
	wm_end(t, &env);
}

/* A shrinker that gives back pages from its own hoard. */
static struct hoard shrinker_hoard;
static unsigned long shrinker_calls, shrinker_asked;

static unsigned long test_scan(struct shrinker *shrinker, struct shrink_control *sc)
{
	unsigned long freed = 0;

	shrinker_calls++;
	shrinker_asked = sc->nr_to_scan;
	while (freed < sc->nr_to_scan && shrinker_hoard.head)
		freed += hoard_free_one(&shrinker_hoard);
	return freed;
}

static struct shrinker test_shrinker = { .scan = test_scan };

/* Fill the shrinker's hoard with @pages single pages of the zone, then go down to min. */
static bool shrinker_setup(struct ktest *t, struct wm_env *env, unsigned int pages)
{
	shrinker_calls = shrinker_asked = 0;
	for (unsigned int i = 0; i < pages; i++)
		if (!hoard_alloc(&shrinker_hoard, GFP_KERNEL | env->zone_gfp, 0))
			return false;
	if (!drive(t, env, env->min))
		return false;
	KTEST_EXPECT_EQ(t, register_shrinker(&test_shrinker), 0);
	return true;
}

static void shrinker_teardown(struct wm_env *env)
{
	unregister_shrinker(&test_shrinker);
	hoard_free_all(&shrinker_hoard);
}

static void shrinkers_run_before_a_kernel_allocation_fails(struct ktest *t)
{
	struct wm_env env;
	struct page *page;

	wm_begin(&env);
	if (shrinker_setup(t, &env, 32)) {
		page = alloc_page(GFP_KERNEL | env.zone_gfp | __GFP_NOWARN);
		KTEST_EXPECT_NOT_NULL(t, page);
		KTEST_EXPECT_EQ(t, shrinker_calls, 1UL);
		/* asked for enough to bring the zone back to its high watermark */
		KTEST_EXPECT_EQ(t, shrinker_asked, high_wmark_pages(env.zone) + 1 - env.min);
		if (page) {
			KTEST_EXPECT_PTR_EQ(t, page_zone(page), env.zone);
			__free_page(page);
		}
		shrinker_teardown(&env);
	}
	wm_end(t, &env);
}

static void kernel_allocation_fails_when_shrinkers_free_nothing(struct ktest *t)
{
	struct wm_env env;

	wm_begin(&env);
	if (shrinker_setup(t, &env, 0)) {
		KTEST_EXPECT_FALSE(t, can_alloc(&env, GFP_KERNEL));
		KTEST_EXPECT_EQ(t, shrinker_calls, 1UL);
		shrinker_teardown(&env);
	}
	wm_end(t, &env);
}

static void nonblocking_allocations_do_not_call_shrinkers(struct ktest *t)
{
	struct wm_env env;

	wm_begin(&env);
	if (shrinker_setup(t, &env, 32)) {
		KTEST_EXPECT_FALSE(t, can_alloc(&env, GFP_NOWAIT));
		KTEST_EXPECT_TRUE(t, can_alloc(&env, GFP_ATOMIC));
		KTEST_EXPECT_EQ(t, shrinker_calls, 0UL);
		shrinker_teardown(&env);
	}
	wm_end(t, &env);
}

static void per_cpu_lists_are_drained_before_an_allocation_fails(struct ktest *t)
{
	struct hoard held = { 0 };
	struct wm_env env;
	struct page *page;
	unsigned long n;

	wm_begin(&env);
	for (n = 0; n < 16; n++)
		if (!hoard_alloc(&held, GFP_KERNEL | env.zone_gfp, 0))
			break;
	if (drive(t, &env, env.min)) {
		zone_pcp_enable(env.zone);
		n = min(n, (unsigned long)env.zone->pcp[0].high);
		for (unsigned long i = 0; i < n; i++)
			hoard_free_one(&held);
		KTEST_EXPECT_EQ(t, zone_pcp_pages(env.zone), n);
		KTEST_EXPECT_EQ(t, zone_free_pages(env.zone), env.min);
		/* Below min with pages on a list: the lists go back before the request fails. */
		page = alloc_page(GFP_NOWAIT | env.zone_gfp | __GFP_NOWARN);
		KTEST_EXPECT_NOT_NULL(t, page);
		KTEST_EXPECT_LT(t, zone_pcp_pages(env.zone), n);
		if (page)
			__free_page(page);
	}
	hoard_free_all(&held);
	wm_end(t, &env);
}

KTEST_SUITE(page_alloc_watermark,
	    KTEST_CASE(kernel_allocation_succeeds_above_min_and_fails_at_min),
	    KTEST_CASE(nowait_allocation_has_no_claim_on_the_reserve),
	    KTEST_CASE(high_priority_allocation_may_use_half_the_reserve),
	    KTEST_CASE(atomic_allocation_stops_at_three_eighths_of_min),
	    KTEST_CASE(atomic_allocations_never_take_the_last_pages),
	    KTEST_CASE(memalloc_allocation_may_take_every_page),
	    KTEST_CASE(allocation_failure_is_reported_and_returns_null),
	    KTEST_CASE(shrinkers_run_before_a_kernel_allocation_fails),
	    KTEST_CASE(kernel_allocation_fails_when_shrinkers_free_nothing),
	    KTEST_CASE(nonblocking_allocations_do_not_call_shrinkers),
	    KTEST_CASE(per_cpu_lists_are_drained_before_an_allocation_fails));
