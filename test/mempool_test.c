/*
 * Self-tests of mempool (mm/mempool.c): the guarantee (min_nr allocations
 * outstanding always succeed, even when every allocation underneath fails:
 * fault injection at 100%) for slab, kmalloc and page pools; the allocator
 * before the reserve, the reserve before the allocator on free; what an
 * empty pool does on one CPU; resizing; destroying back to the free-page
 * baseline; poisoned reserves; bad frees reported, never stored.
 */
#include <bug.h>
#include <errno.h>
#include <fault_inject.h>
#include <kernel.h>
#include <ktest.h>
#include <mempool.h>
#include <mm.h>
#include <slab.h>
#include <smp.h>
#include <string.h>

#include "../mm/slab.h"
#include "slab_helpers.h"

#define MIN_NR 8
#define OBJ_SIZE 200
#define LARGE_SIZE (3 * KMALLOC_MAX_CACHE_SIZE / 2) /* beyond the kmalloc caches: pages */

static void *el[MIN_NR + 2];

/* Every slab and page allocation fails, sleeping ones and single pages too, quietly. */
static void fail_everything(void)
{
	const struct fault_attr attr = { .interval = 1, .probability = 100, .times = -1 };

	fault_inject_set(FAULT_FAILSLAB, &attr);
	fault_inject_set(FAULT_FAIL_PAGE_ALLOC, &attr);
}

static void stop_failing(void)
{
	fault_inject_off(FAULT_FAILSLAB);
	fault_inject_off(FAULT_FAIL_PAGE_ALLOC);
}

/* Allocations the injection saw and failed since fail_everything(), both capabilities. */
static void injection_counts(unsigned long *calls, unsigned long *injected)
{
	struct fault_stats slab, page;

	fault_inject_stats(FAULT_FAILSLAB, &slab);
	fault_inject_stats(FAULT_FAIL_PAGE_ALLOC, &page);
	*calls = slab.calls + page.calls;
	*injected = slab.injected + page.injected;
}

static bool all_distinct(void *const *p, int n)
{
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			if (p[i] == p[j])
				return false;
	return true;
}

/*
 * The guarantee: with the allocator failing every call, min_nr GFP_KERNEL
 * allocations still succeed, from the reserve, and the next ones fail at once
 * (GFP_ATOMIC, GFP_NOWAIT). Freed, the elements refill the reserve.
 */
static void expect_guarantee(struct ktest *t, mempool_t *pool)
{
	unsigned long calls, injected;
	void *atomic, *nowait;
	int got = 0;

	fail_everything();
	for (int i = 0; i < MIN_NR; i++) {
		el[i] = mempool_alloc(pool, GFP_KERNEL);
		got += el[i] != NULL;
	}
	atomic = mempool_alloc(pool, GFP_ATOMIC);
	nowait = mempool_alloc(pool, GFP_NOWAIT);
	injection_counts(&calls, &injected);
	stop_failing();
	KTEST_EXPECT_EQ(t, got, MIN_NR);
	KTEST_EXPECT_TRUE(t, all_distinct(el, MIN_NR));
	KTEST_EXPECT_NULL(t, atomic);
	KTEST_EXPECT_NULL(t, nowait);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 0);
	/* One try of the allocator per call, each failed: min_nr + 2 of them. */
	KTEST_EXPECT_EQ(t, calls, (unsigned long)MIN_NR + 2);
	KTEST_EXPECT_EQ(t, injected, calls);
	for (int i = 0; i < MIN_NR; i++)
		mempool_free(el[i], pool);
	KTEST_EXPECT_EQ(t, pool->curr_nr, MIN_NR);
}

static void slab_pool_serves_min_nr_while_every_allocation_fails(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-mempool", OBJ_SIZE, 0, 0, NULL);
	mempool_t *pool;

	KTEST_ASSERT_NOT_NULL(t, s);
	pool = mempool_create_slab_pool(MIN_NR, s);
	KTEST_ASSERT_NOT_NULL(t, pool);
	KTEST_EXPECT_EQ(t, pool->curr_nr, MIN_NR);
	expect_guarantee(t, pool);
	mempool_destroy(pool);
	kmem_cache_destroy(s);
}

static void kmalloc_pool_serves_min_nr_while_every_allocation_fails(struct ktest *t)
{
	mempool_t *pool = mempool_create_kmalloc_pool(MIN_NR, OBJ_SIZE);

	KTEST_ASSERT_NOT_NULL(t, pool);
	expect_guarantee(t, pool);
	mempool_destroy(pool);
}

static void large_kmalloc_pool_serves_min_nr_while_every_allocation_fails(struct ktest *t)
{
	mempool_t *pool = mempool_create_kmalloc_pool(MIN_NR, LARGE_SIZE);

	KTEST_ASSERT_NOT_NULL(t, pool);
	expect_guarantee(t, pool);
	mempool_destroy(pool);
}

static void page_pool_serves_min_nr_while_every_allocation_fails(struct ktest *t)
{
	for (int order = 0; order <= 2; order += 2) {
		mempool_t *pool = mempool_create_page_pool(MIN_NR, order);

		KTEST_ASSERT_NOT_NULL(t, pool);
		expect_guarantee(t, pool);
		for (int i = 0; i < MIN_NR; i++)
			KTEST_EXPECT_TRUE(t, PageAllocated((struct page *)pool->elements[i]));
		mempool_destroy(pool);
	}
}

static void alloc_takes_from_the_allocator_while_it_works(struct ktest *t)
{
	mempool_t *pool = mempool_create_kmalloc_pool(MIN_NR, OBJ_SIZE);
	void *p;

	KTEST_ASSERT_NOT_NULL(t, pool);
	p = mempool_alloc(pool, GFP_KERNEL);
	KTEST_EXPECT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, pool->curr_nr, MIN_NR); /* the reserve untouched */
	for (int i = 0; i < MIN_NR; i++)
		KTEST_EXPECT_TRUE(t, p != pool->elements[i]);
	mempool_free(p, pool); /* the reserve is full: back to kmalloc */
	KTEST_EXPECT_EQ(t, pool->curr_nr, MIN_NR);
	mempool_destroy(pool);
}

static void free_refills_the_reserve_before_the_allocator(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-mempool-refill", OBJ_SIZE, 0, 0, NULL);
	unsigned long gen, active;
	mempool_t *pool;
	void *a, *b;

	KTEST_ASSERT_NOT_NULL(t, s);
	pool = mempool_create_slab_pool(2, s);
	KTEST_ASSERT_NOT_NULL(t, pool);
	fail_everything();
	a = mempool_alloc(pool, GFP_ATOMIC);
	b = mempool_alloc(pool, GFP_ATOMIC);
	stop_failing();
	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 0);
	gen = pool->free_gen;
	active = s->nr_active;
	mempool_free(a, pool);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 1);
	KTEST_EXPECT_EQ(t, pool->free_gen, gen + 1); /* what a waiting mempool_alloc() watches */
	KTEST_EXPECT_EQ(t, s->nr_active, active);    /* kept, not given back to the cache */
	mempool_free(b, pool);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 2);
	KTEST_EXPECT_EQ(t, pool->free_gen, gen + 2);
	a = mempool_alloc(pool, GFP_KERNEL); /* from the cache again */
	KTEST_EXPECT_EQ(t, pool->curr_nr, 2);
	mempool_free(a, pool); /* the reserve is full: to the cache */
	KTEST_EXPECT_EQ(t, pool->curr_nr, 2);
	KTEST_EXPECT_EQ(t, pool->free_gen, gen + 2);
	mempool_destroy(pool);
	kmem_cache_destroy(s);
}

/* An allocator that records what it was asked, and fails once told to. */
static struct {
	bool fail;
	unsigned int calls;
	gfp_t gfp[4];
} rec;

static void *recording_alloc(gfp_t gfp, void *pool_data)
{
	unsigned int n;

	if (!rec.fail)
		return kmalloc(OBJ_SIZE, gfp);
	/* Atomic: another CPU watches the count (empty_pool_waits_until_...()). */
	n = __atomic_fetch_add(&rec.calls, 1, __ATOMIC_RELEASE);
	if (n < ARRAY_SIZE(rec.gfp))
		rec.gfp[n] = gfp;
	return NULL;
}

static void recording_free(void *element, void *pool_data)
{
	kfree(element);
}

static void empty_pool_on_one_cpu_retries_with_reclaim_then_warns_and_returns_null(struct ktest *t)
{
	mempool_t *pool;
	unsigned long warnings;
	void *reserved, *p;

	if (num_online_cpus() > 1)
		KTEST_SKIP(t, "needs a single CPU: make test also boots this suite with SMP=1");
	pool = mempool_create(1, recording_alloc, recording_free, NULL);
	KTEST_ASSERT_NOT_NULL(t, pool);
	rec.fail = true;
	rec.calls = 0;
	reserved = mempool_alloc(pool, GFP_KERNEL);
	KTEST_EXPECT_NOT_NULL(t, reserved);
	KTEST_EXPECT_EQ(t, rec.calls, 1U); /* the allocator first, then the reserve */

	rec.calls = 0;
	warnings = warn_count();
	p = mempool_alloc(pool, GFP_KERNEL);
	KTEST_EXPECT_NULL(t, p);
	KTEST_EXPECT_EQ(t, rec.calls, 2U);
	/* First without reclaim, then with it; never a warning from the allocator. */
	KTEST_EXPECT_EQ(t, rec.gfp[0],
			(GFP_KERNEL & ~(__GFP_DIRECT_RECLAIM | __GFP_IO)) | __GFP_NOWARN);
	KTEST_EXPECT_EQ(t, rec.gfp[1], GFP_KERNEL | __GFP_NOWARN);
	KTEST_EXPECT_EQ(t, warn_count(), warnings + 1);

	rec.calls = 0;
	p = mempool_alloc(pool, GFP_KERNEL | __GFP_NOWARN);
	KTEST_EXPECT_NULL(t, p);
	KTEST_EXPECT_EQ(t, rec.calls, 2U);
	KTEST_EXPECT_EQ(t, warn_count(), warnings + 1); /* quiet */

	rec.calls = 0;
	p = mempool_alloc(pool, GFP_ATOMIC);
	KTEST_EXPECT_NULL(t, p);
	KTEST_EXPECT_EQ(t, rec.calls, 1U); /* cannot wait: one try, then NULL at once */
	rec.calls = 0;
	p = mempool_alloc(pool, GFP_NOWAIT);
	KTEST_EXPECT_NULL(t, p);
	KTEST_EXPECT_EQ(t, rec.calls, 1U);
	KTEST_EXPECT_EQ(t, warn_count(), warnings + 1);

	mempool_free(reserved, pool); /* the element comes back: the next caller gets it */
	p = mempool_alloc(pool, GFP_KERNEL);
	KTEST_EXPECT_PTR_EQ(t, p, reserved);
	mempool_free(p, pool);
	rec.fail = false;
	mempool_destroy(pool);
}

struct wait_scene {
	mempool_t *pool;
	void *reserved; /* the element CPU 1 frees */
	void *got;	/* what CPU 0's mempool_alloc() returned */
};

/*
 * CPU 0 asks an empty pool whose allocator fails; CPU 1 waits until CPU 0 has
 * tried the allocator twice (without reclaim, then with it: it is about to
 * wait), then frees an element into the pool.
 */
static int alloc_on_0_free_on_1(void *arg)
{
	struct wait_scene *w = arg;

	if (smp_processor_id() == 0) {
		w->got = mempool_alloc(w->pool, GFP_KERNEL);
	} else {
		while (__atomic_load_n(&rec.calls, __ATOMIC_ACQUIRE) < 2)
			cpu_relax();
		mempool_free(w->reserved, w->pool);
	}
	return 0;
}

static void empty_pool_waits_until_another_cpu_frees_an_element(struct ktest *t)
{
	struct wait_scene w = { 0 };
	unsigned long warnings;

	if (num_online_cpus() < 2)
		KTEST_SKIP(t, "needs a second CPU (make test runs this suite with SMP=4 and 2)");
	w.pool = mempool_create(1, recording_alloc, recording_free, NULL);
	KTEST_ASSERT_NOT_NULL(t, w.pool);
	rec.fail = true;
	rec.calls = 0;
	w.reserved = mempool_alloc(w.pool, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, w.reserved);
	/* Those that cannot wait still return NULL at once, other CPUs or not. */
	KTEST_EXPECT_NULL(t, mempool_alloc(w.pool, GFP_ATOMIC));
	KTEST_EXPECT_NULL(t, mempool_alloc(w.pool, GFP_NOWAIT));

	rec.calls = 0;
	warnings = warn_count();
	KTEST_EXPECT_EQ(t, smp_run_on_cpus(0x3, alloc_on_0_free_on_1, &w), 0);
	KTEST_EXPECT_PTR_EQ(t, w.got, w.reserved);
	KTEST_EXPECT_GE(t, rec.calls, 2U);
	KTEST_EXPECT_EQ(t, warn_count(), warnings); /* a wait that ends is no failure */
	mempool_free(w.got, w.pool);
	rec.fail = false;
	mempool_destroy(w.pool);
}

/* Objects of @s allocated, per-CPU arrays emptied first (they count as allocated). */
static unsigned long objects_in_use(struct kmem_cache *s)
{
	kmem_cache_shrink(s);
	return s->nr_active;
}

static void resize_up_fills_the_reserve_and_down_frees_it(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-mempool-resize", OBJ_SIZE, 0, 0, NULL);
	unsigned long active;
	mempool_t *pool;

	KTEST_ASSERT_NOT_NULL(t, s);
	pool = mempool_create_slab_pool(2, s);
	KTEST_ASSERT_NOT_NULL(t, pool);
	active = objects_in_use(s);
	KTEST_EXPECT_EQ(t, mempool_resize(pool, MIN_NR), 0);
	KTEST_EXPECT_EQ(t, pool->min_nr, MIN_NR);
	KTEST_EXPECT_EQ(t, pool->curr_nr, MIN_NR);
	KTEST_EXPECT_EQ(t, objects_in_use(s), active + MIN_NR - 2);
	KTEST_EXPECT_TRUE(t, all_distinct(pool->elements, MIN_NR));
	expect_guarantee(t, pool); /* all MIN_NR of them usable */

	KTEST_EXPECT_EQ(t, mempool_resize(pool, 1), 0);
	KTEST_EXPECT_EQ(t, pool->min_nr, 1);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 1);
	KTEST_EXPECT_EQ(t, objects_in_use(s), active - 1);
	mempool_destroy(pool);
	kmem_cache_destroy(s);
}

static void resize_keeps_linux_semantics_when_allocations_fail(struct ktest *t)
{
	mempool_t *pool = mempool_create_page_pool(2, 0);
	unsigned long warnings = warn_count();
	struct page *p[2];
	int err;

	KTEST_ASSERT_NOT_NULL(t, pool);
	/* The new array cannot be had: nothing changes. */
	fail_everything();
	err = mempool_resize(pool, 4);
	stop_failing();
	KTEST_EXPECT_EQ(t, err, -ENOMEM);
	KTEST_EXPECT_EQ(t, pool->min_nr, 2);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 2);
	/*
	 * The array is had (from a slab that has room: no new page), the pages
	 * are not: the new size holds, the reserve fills up later.
	 */
	kfree(kmalloc(4 * sizeof(void *), GFP_KERNEL));
	fault_inject_set(FAULT_FAIL_PAGE_ALLOC, &(struct fault_attr){
							.interval = 1,
							.probability = 100,
							.times = -1,
						});
	err = mempool_resize(pool, 4);
	stop_failing();
	KTEST_EXPECT_EQ(t, err, 0);
	KTEST_EXPECT_EQ(t, pool->min_nr, 4);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 2);
	p[0] = mempool_alloc(pool, GFP_KERNEL); /* from the page allocator */
	p[1] = mempool_alloc(pool, GFP_KERNEL);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 2);
	mempool_free(p[0], pool);
	mempool_free(p[1], pool);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 4);
	/* A size below 1 is refused with a warning. */
	KTEST_EXPECT_EQ(t, mempool_resize(pool, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, warn_count(), warnings + 1);
	KTEST_EXPECT_EQ(t, pool->min_nr, 4);
	mempool_destroy(pool);
}

static void destroy_returns_every_element(struct ktest *t)
{
	unsigned long before = quiesced_free_pages();
	struct kmem_cache *s = kmem_cache_create("test-mempool-destroy", OBJ_SIZE, 0, 0, NULL);
	mempool_t *pools[4];

	KTEST_ASSERT_NOT_NULL(t, s);
	pools[0] = mempool_create_slab_pool(MIN_NR, s);
	pools[1] = mempool_create_kmalloc_pool(MIN_NR, OBJ_SIZE);
	pools[2] = mempool_create_kmalloc_pool(MIN_NR, LARGE_SIZE);
	pools[3] = mempool_create_page_pool(MIN_NR, 1);
	for (int i = 0; i < 4; i++) {
		KTEST_ASSERT_NOT_NULL(t, pools[i]);
		/* Some from the reserve, some from the allocator, all given back. */
		fail_everything();
		el[0] = mempool_alloc(pools[i], GFP_KERNEL);
		el[1] = mempool_alloc(pools[i], GFP_KERNEL);
		stop_failing();
		el[2] = mempool_alloc(pools[i], GFP_KERNEL);
		for (int j = 2; j >= 0; j--) {
			KTEST_EXPECT_NOT_NULL(t, el[j]);
			mempool_free(el[j], pools[i]);
		}
		KTEST_EXPECT_EQ(t, pools[i]->curr_nr, MIN_NR);
	}
	KTEST_EXPECT_LT(t, quiesced_free_pages(), before);
	for (int i = 0; i < 4; i++)
		mempool_destroy(pools[i]);
	kmem_cache_destroy(s);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
}

static mempool_t embedded;

static void mempool_init_and_exit_work_on_an_embedded_pool(struct ktest *t)
{
	unsigned long before = quiesced_free_pages();
	void *p;

	KTEST_ASSERT_EQ(
		t, mempool_init(&embedded, 3, mempool_alloc_pages, mempool_free_pages, (void *)0L),
		0);
	KTEST_EXPECT_EQ(t, embedded.curr_nr, 3);
	p = mempool_alloc(&embedded, GFP_KERNEL);
	KTEST_EXPECT_NOT_NULL(t, p);
	mempool_free(p, &embedded);
	mempool_exit(&embedded);
	KTEST_EXPECT_NULL(t, embedded.elements);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
}

static void creation_fails_cleanly_when_memory_does(struct ktest *t)
{
	/* mempool_create() allocates the pool, then its array (slab), then MIN_NR pages. */
	static const struct {
		enum fault_type type;
		unsigned long nth;
	} failing[] = {
		{ FAULT_FAILSLAB, 1 },
		{ FAULT_FAILSLAB, 2 },
		{ FAULT_FAIL_PAGE_ALLOC, 1 },
		{ FAULT_FAIL_PAGE_ALLOC, MIN_NR },
	};
	unsigned long before = quiesced_free_pages();

	for (unsigned int i = 0; i < ARRAY_SIZE(failing); i++) {
		const struct fault_attr attr = { .nth = failing[i].nth };
		struct fault_stats stats;
		mempool_t *pool;

		fault_inject_set(failing[i].type, &attr);
		pool = mempool_create_page_pool(MIN_NR, 0);
		stop_failing();
		fault_inject_stats(failing[i].type, &stats);
		KTEST_EXPECT_NULL(t, pool);
		KTEST_EXPECT_EQ(t, stats.injected, 1UL);
		mempool_destroy(pool);
		KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
	}
}

static void bad_arguments_are_refused_with_a_warning(struct ktest *t)
{
	unsigned long warnings = warn_count();
	mempool_t *pool = mempool_create_page_pool(MIN_NR, 0);
	void *p;

	KTEST_EXPECT_NULL(t, mempool_create(-1, mempool_alloc_pages, mempool_free_pages, NULL));
	KTEST_EXPECT_NULL(t, mempool_create(1, NULL, mempool_free_pages, NULL));
	KTEST_EXPECT_EQ(t, warn_count(), warnings + 2);
	KTEST_ASSERT_NOT_NULL(t, pool);
	p = mempool_alloc(pool, GFP_KERNEL | __GFP_ZERO); /* not supported: warned, ignored */
	KTEST_EXPECT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, warn_count(), warnings + 3);
	mempool_free(p, pool);
	mempool_destroy(pool);
}

static void mempool_free_of_null_does_nothing(struct ktest *t)
{
	mempool_t *pool = mempool_create_kmalloc_pool(2, OBJ_SIZE);
	unsigned long errors = slab_error_count(), warnings = warn_count();
	unsigned long gen;
	void *p;

	KTEST_ASSERT_NOT_NULL(t, pool);
	fail_everything();
	p = mempool_alloc(pool, GFP_ATOMIC); /* the reserve is below min_nr now */
	stop_failing();
	gen = pool->free_gen;
	mempool_free(NULL, pool);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 1);
	KTEST_EXPECT_EQ(t, pool->free_gen, gen);
	KTEST_EXPECT_EQ(t, slab_error_count(), errors);
	KTEST_EXPECT_EQ(t, warn_count(), warnings);
	mempool_free(p, pool);
	mempool_destroy(pool);
	mempool_destroy(NULL);
}

static void double_free_past_a_full_reserve_is_caught_by_the_slab_allocator(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-mempool-dfree", OBJ_SIZE, 0, 0, NULL);
	unsigned long errors;
	mempool_t *pool;
	void *p, *a, *b;

	KTEST_ASSERT_NOT_NULL(t, s);
	pool = mempool_create_slab_pool(2, s);
	KTEST_ASSERT_NOT_NULL(t, pool);
	p = mempool_alloc(pool, GFP_KERNEL); /* from the cache: the reserve is full */
	KTEST_ASSERT_NOT_NULL(t, p);
	mempool_free(p, pool);
	errors = slab_error_count();
	mempool_free(p, pool); /* reaches kmem_cache_free() again */
	KTEST_EXPECT_EQ(t, slab_error_count(), errors + 1);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 2);
	a = mempool_alloc(pool, GFP_KERNEL);
	b = mempool_alloc(pool, GFP_KERNEL);
	KTEST_EXPECT_TRUE(t, a != b); /* p is not handed out twice */
	mempool_free(a, pool);
	mempool_free(b, pool);
	KTEST_EXPECT_EQ(t, kmem_cache_validate(s), 0UL);
	mempool_destroy(pool);
	kmem_cache_destroy(s);
}

static void double_free_into_the_reserve_is_reported_and_dropped(struct ktest *t)
{
	mempool_t *pool = mempool_create_page_pool(2, 0);
	unsigned long errors;
	void *a, *b, *x, *y;

	KTEST_ASSERT_NOT_NULL(t, pool);
	fail_everything();
	a = mempool_alloc(pool, GFP_ATOMIC);
	b = mempool_alloc(pool, GFP_ATOMIC);
	stop_failing();
	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	mempool_free(a, pool);
	errors = slab_error_count();
	mempool_free(a, pool);
	KTEST_EXPECT_EQ(t, slab_error_count(), errors + 1);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 1);
	mempool_free(b, pool);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 2);
	fail_everything();
	x = mempool_alloc(pool, GFP_ATOMIC);
	y = mempool_alloc(pool, GFP_ATOMIC);
	stop_failing();
	KTEST_EXPECT_TRUE(t, x != y && x && y);
	mempool_free(x, pool);
	mempool_free(y, pool);
	mempool_destroy(pool);
}

static void interior_pointer_goes_to_the_slab_allocator_which_reports_it(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-mempool-interior", OBJ_SIZE, 0, 0, NULL);
	unsigned long errors;
	mempool_t *pool;
	u8 *p;

	KTEST_ASSERT_NOT_NULL(t, s);
	pool = mempool_create_slab_pool(2, s);
	KTEST_ASSERT_NOT_NULL(t, pool);
	fail_everything();
	p = mempool_alloc(pool, GFP_ATOMIC); /* the reserve is below min_nr now */
	stop_failing();
	KTEST_ASSERT_NOT_NULL(t, p);
	errors = slab_error_count();
	mempool_free(p + 8, pool);
	KTEST_EXPECT_EQ(t, slab_error_count(), errors + 1);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 1); /* not stored */
	mempool_free(p, pool);
	KTEST_EXPECT_EQ(t, pool->curr_nr, 2);
	KTEST_EXPECT_EQ(t, kmem_cache_validate(s), 0UL);
	mempool_destroy(pool);
	kmem_cache_destroy(s);
}

/* The bytes of a reserved element of @pool. */
static u8 *element_bytes(mempool_t *pool, void *element)
{
	return pool->alloc == mempool_alloc_pages ? page_address(element) : element;
}

static bool poisoned(const u8 *p, size_t len)
{
	return !memchr_inv(p, POISON_FREE, len - 1) && p[len - 1] == POISON_END;
}

/*
 * Take an element from the reserve, give it back (it is poisoned again), then
 * write into it through the stale pointer at @offset. Taking it again must
 * report the write once, and hand the element out with its poison restored.
 */
static void expect_write_into_reserve_reported(struct ktest *t, mempool_t *pool, size_t len,
					       size_t offset)
{
	unsigned long errors;
	void *first, *again;
	u8 *bytes;

	fail_everything();
	first = mempool_alloc(pool, GFP_ATOMIC);
	stop_failing();
	KTEST_ASSERT_NOT_NULL(t, first);
	mempool_free(first, pool);
	bytes = element_bytes(pool, first);
	KTEST_EXPECT_TRUE(t, poisoned(bytes, len));
	bytes[offset] = 0x42; /* a use after free, into the reserve */
	errors = slab_error_count();
	fail_everything();
	again = mempool_alloc(pool, GFP_ATOMIC);
	stop_failing();
	KTEST_EXPECT_PTR_EQ(t, again, first);
	KTEST_EXPECT_EQ(t, slab_error_count(), errors + 1);
	KTEST_EXPECT_TRUE(t, poisoned(bytes, len));
	mempool_free(again, pool);
}

static void write_into_a_reserved_slab_element_is_reported(struct ktest *t)
{
	struct kmem_cache *s =
		kmem_cache_create("test-mempool-poison", OBJ_SIZE, 0, SLAB_POISON, NULL);
	mempool_t *pool;

	KTEST_ASSERT_NOT_NULL(t, s);
	pool = mempool_create_slab_pool(2, s); /* the cache poisons: so does the pool */
	KTEST_ASSERT_NOT_NULL(t, pool);
	expect_write_into_reserve_reported(t, pool, OBJ_SIZE, 17);
	mempool_destroy(pool);
	KTEST_EXPECT_EQ(t, kmem_cache_validate(s), 0UL);
	kmem_cache_destroy(s);
}

static void write_into_a_reserved_kmalloc_element_is_reported_with_mempool_debug(struct ktest *t)
{
	bool old = mempool_set_debug(true);
	mempool_t *pool = mempool_create_kmalloc_pool(2, OBJ_SIZE);

	mempool_set_debug(old);
	KTEST_ASSERT_NOT_NULL(t, pool);
	expect_write_into_reserve_reported(t, pool, OBJ_SIZE, OBJ_SIZE - 1);
	mempool_destroy(pool);
}

static void write_into_a_reserved_page_element_is_reported_with_mempool_debug(struct ktest *t)
{
	bool old = mempool_set_debug(true);
	mempool_t *pool = mempool_create_page_pool(2, 1);

	mempool_set_debug(old);
	KTEST_ASSERT_NOT_NULL(t, pool);
	expect_write_into_reserve_reported(t, pool, 2 * PAGE_SIZE, PAGE_SIZE + 100);
	mempool_destroy(pool);
}

static void write_into_the_reserve_is_reported_when_the_pool_is_destroyed(struct ktest *t)
{
	bool old = mempool_set_debug(true);
	mempool_t *pool = mempool_create_page_pool(1, 0);
	unsigned long errors;

	mempool_set_debug(old);
	KTEST_ASSERT_NOT_NULL(t, pool);
	((u8 *)page_address(pool->elements[0]))[5] = 0;
	errors = slab_error_count();
	mempool_destroy(pool);
	KTEST_EXPECT_EQ(t, slab_error_count(), errors + 1);
}

static void page_pools_do_not_poison_without_mempool_debug(struct ktest *t)
{
	bool old = mempool_set_debug(false);
	mempool_t *pool = mempool_create_page_pool(1, 0);
	unsigned long errors;
	void *p;

	mempool_set_debug(old);
	KTEST_ASSERT_NOT_NULL(t, pool);
	memset(page_address(pool->elements[0]), 0x3c, PAGE_SIZE);
	errors = slab_error_count();
	fail_everything();
	p = mempool_alloc(pool, GFP_ATOMIC);
	stop_failing();
	KTEST_EXPECT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, slab_error_count(), errors);
	if (p)
		KTEST_EXPECT_NULL(t, memchr_inv(page_address(p), 0x3c, PAGE_SIZE)); /* untouched */
	mempool_free(p, pool);
	mempool_destroy(pool);
}

#define CTOR_BYTE 0xc7

static void test_ctor(void *obj)
{
	memset(obj, CTOR_BYTE, OBJ_SIZE);
}

static void objects_with_a_constructor_are_never_poisoned(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-mempool-ctor", OBJ_SIZE, 0, 0, test_ctor);
	bool old = mempool_set_debug(true);
	mempool_t *pool = mempool_create_slab_pool(2, s);

	mempool_set_debug(old);
	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_ASSERT_NOT_NULL(t, pool);
	for (int i = 0; i < 2; i++)
		KTEST_EXPECT_NULL(t, memchr_inv(pool->elements[i], CTOR_BYTE, OBJ_SIZE));
	mempool_destroy(pool);
	kmem_cache_destroy(s);
}

KTEST_SUITE(mempool,
	    KTEST_CASE(slab_pool_serves_min_nr_while_every_allocation_fails),
	    KTEST_CASE(kmalloc_pool_serves_min_nr_while_every_allocation_fails),
	    KTEST_CASE(large_kmalloc_pool_serves_min_nr_while_every_allocation_fails),
	    KTEST_CASE(page_pool_serves_min_nr_while_every_allocation_fails),
	    KTEST_CASE(alloc_takes_from_the_allocator_while_it_works),
	    KTEST_CASE(free_refills_the_reserve_before_the_allocator),
	    KTEST_CASE(empty_pool_on_one_cpu_retries_with_reclaim_then_warns_and_returns_null),
	    KTEST_CASE(empty_pool_waits_until_another_cpu_frees_an_element),
	    KTEST_CASE(resize_up_fills_the_reserve_and_down_frees_it),
	    KTEST_CASE(resize_keeps_linux_semantics_when_allocations_fail),
	    KTEST_CASE(destroy_returns_every_element),
	    KTEST_CASE(mempool_init_and_exit_work_on_an_embedded_pool),
	    KTEST_CASE(creation_fails_cleanly_when_memory_does),
	    KTEST_CASE(bad_arguments_are_refused_with_a_warning),
	    KTEST_CASE(mempool_free_of_null_does_nothing),
	    KTEST_CASE(double_free_past_a_full_reserve_is_caught_by_the_slab_allocator),
	    KTEST_CASE(double_free_into_the_reserve_is_reported_and_dropped),
	    KTEST_CASE(interior_pointer_goes_to_the_slab_allocator_which_reports_it),
	    KTEST_CASE(write_into_a_reserved_slab_element_is_reported),
	    KTEST_CASE(write_into_a_reserved_kmalloc_element_is_reported_with_mempool_debug),
	    KTEST_CASE(write_into_a_reserved_page_element_is_reported_with_mempool_debug),
	    KTEST_CASE(write_into_the_reserve_is_reported_when_the_pool_is_destroyed),
	    KTEST_CASE(page_pools_do_not_poison_without_mempool_debug),
	    KTEST_CASE(objects_with_a_constructor_are_never_poisoned));
