/*
 * Self-tests of the slab and kmalloc calls tutorials use beyond the basics:
 * kmem_cache_alloc_bulk()/kmem_cache_free_bulk() (all or nothing, checked
 * frees, debug caches), KMEM_CACHE(), an alignment that is not a power of
 * two, kmalloc_size_roundup(), krealloc_array() and its overflow.
 */
#include <fault_inject.h>
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>
#include <string.h>

#include "slab_helpers.h"

#define BULK_MAX 300 /* more than a CPU's small array holds: the rest come from the slabs */

static void *objs[BULK_MAX];

struct bulk_test_obj {
	u64 a;
	u32 b;
	u8 c;
};

static void bulk_alloc_returns_distinct_objects_of_the_cache(struct ktest *t)
{
	static const size_t sizes[] = { 1, 16, 64, BULK_MAX };
	unsigned long before = quiesced_free_pages();
	struct kmem_cache *s = kmem_cache_create("test-bulk", 48, 0, 0, NULL);

	KTEST_ASSERT_NOT_NULL(t, s);
	for (unsigned int k = 0; k < ARRAY_SIZE(sizes); k++) {
		size_t n = sizes[k];

		KTEST_ASSERT_EQ(t, kmem_cache_alloc_bulk(s, GFP_KERNEL, n, objs), (int)n);
		for (size_t i = 0; i < n; i++) {
			KTEST_EXPECT_TRUE(t, kmem_cache_owns(s, objs[i]));
			memset(objs[i], (int)i, 48);
		}
		for (size_t i = 0; i < n; i++)
			if (memchr_inv(objs[i], (int)(i & 0xff), 48))
				KTEST_FAIL(t, "object %zu of %zu (%px) shares memory with another",
					   i, n, objs[i]);
		KTEST_EXPECT_EQ(t, s->nr_active, (unsigned long)n + objects_cached(s));
		kmem_cache_free_bulk(s, n, objs);
	}
	kmem_cache_destroy(s);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
}

static void bulk_alloc_with_gfp_zero_zeroes_every_object(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-bulk-zero", 200, 0, 0, NULL);

	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_ASSERT_EQ(t, kmem_cache_alloc_bulk(s, GFP_KERNEL, 64, objs), 64);
	for (int i = 0; i < 64; i++)
		memset(objs[i], 0xa7, 200);
	kmem_cache_free_bulk(s, 64, objs);
	KTEST_ASSERT_EQ(t, kmem_cache_alloc_bulk(s, GFP_KERNEL | __GFP_ZERO, 64, objs), 64);
	for (int i = 0; i < 64; i++)
		KTEST_EXPECT_NULL(t, memchr_inv(objs[i], 0, 200));
	kmem_cache_free_bulk(s, 64, objs);
	kmem_cache_destroy(s);
}

/* The 40th allocation of the cache fails: the bulk call gives back the 39 it had. */
static void bulk_alloc_is_all_or_nothing(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-bulk-fail", 64, 0, 0, NULL);
	struct fault_attr attr = { .interval = 1, .probability = 0, .times = 1, .nth = 40 };
	unsigned long active;

	KTEST_ASSERT_NOT_NULL(t, s);
	attr.cache = s;
	active = s->nr_active;
	fault_inject_set(FAULT_FAILSLAB, &attr);
	for (int i = 0; i < 64; i++)
		objs[i] = NULL;
	KTEST_EXPECT_EQ(t, kmem_cache_alloc_bulk(s, GFP_KERNEL, 64, objs), 0);
	fault_inject_off(FAULT_FAILSLAB);
	kmem_cache_shrink(s);
	KTEST_EXPECT_EQ(t, s->nr_active, active); /* every object taken went back */
	KTEST_ASSERT_EQ(t, kmem_cache_alloc_bulk(s, GFP_KERNEL, 64, objs), 64);
	kmem_cache_free_bulk(s, 64, objs);
	kmem_cache_destroy(s);
}

static void bulk_free_reports_foreign_objects_and_frees_the_rest(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-bulk-bad", 64, 0, 0, NULL);
	void *foreign = kmalloc(64, GFP_KERNEL);
	unsigned long errors = slab_error_count();

	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_ASSERT_NOT_NULL(t, foreign);
	KTEST_ASSERT_EQ(t, kmem_cache_alloc_bulk(s, GFP_KERNEL, 16, objs), 16);
	objs[16] = objs[15];		/* freed again right after its first free */
	objs[17] = (char *)objs[0] + 8; /* an interior pointer */
	objs[18] = foreign;		/* another cache's object */
	kmem_cache_free_bulk(s, 19, objs);
	KTEST_EXPECT_EQ(t, slab_error_count(), errors + 3);
	kmem_cache_shrink(s);
	KTEST_EXPECT_EQ(t, s->nr_active, 0UL);		 /* each of the 16 went back once */
	KTEST_EXPECT_TRUE(t, is_kmalloc_block(foreign)); /* left alone */
	kfree(foreign);
	kmem_cache_destroy(s);
	expect_every_cache_valid(t);
}

static void kfree_bulk_frees_blocks_of_any_size(struct ktest *t)
{
	unsigned long before = quiesced_free_pages();
	static const size_t sizes[] = { 8, 100, 4000, KMALLOC_MAX_CACHE_SIZE + 1 };

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		objs[i] = kmalloc(sizes[i], GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
	}
	kfree_bulk(ARRAY_SIZE(sizes), objs);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
}

/* A debug cache checks every object of a bulk call: an overrun is caught at the free. */
static void bulk_calls_on_a_debug_cache_check_every_object(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create(
		"test-bulk-debug", 40, 0, SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER, NULL);
	unsigned long errors = slab_error_count();

	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_ASSERT_EQ(t, kmem_cache_alloc_bulk(s, GFP_KERNEL, 16, objs), 16);
	((u8 *)objs[7])[40] = 0x11; /* one byte past the object, into its red zone */
	kmem_cache_free_bulk(s, 16, objs);
	KTEST_EXPECT_GT(t, slab_error_count(), errors);
	kmem_cache_destroy(s);
}

static void kmem_cache_macro_names_and_sizes_the_cache_after_the_struct(struct ktest *t)
{
	struct kmem_cache *s = KMEM_CACHE(bulk_test_obj, SLAB_HWCACHE_ALIGN);
	struct bulk_test_obj *o;

	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_EXPECT_STREQ(t, s->name, "bulk_test_obj");
	KTEST_EXPECT_EQ(t, kmem_cache_size(s), (unsigned int)sizeof(struct bulk_test_obj));
	o = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, o);
	KTEST_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)o, __alignof__(struct bulk_test_obj)));
	kmem_cache_free(s, o);
	kmem_cache_destroy(s);
}

static void an_alignment_not_a_power_of_two_is_rounded_up_with_a_warning(struct ktest *t)
{
	static const unsigned int aligns[] = { 24, 48, 96 };

	for (unsigned int i = 0; i < ARRAY_SIZE(aligns); i++) {
		struct kmem_cache *s = kmem_cache_create("test-align-24", 40, aligns[i], 0, NULL);
		unsigned int want = 1U << (32 - __builtin_clz(aligns[i]));

		KTEST_ASSERT_NOT_NULL(t, s);
		KTEST_EXPECT_EQ(t, s->align, want);
		for (int k = 0; k < 20; k++) {
			objs[k] = kmem_cache_alloc(s, GFP_KERNEL);
			KTEST_ASSERT_NOT_NULL(t, objs[k]);
			KTEST_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)objs[k], want));
		}
		kmem_cache_free_bulk(s, 20, objs);
		kmem_cache_destroy(s);
	}
	KTEST_EXPECT_NULL(t, kmem_cache_create("test-align-huge", 40, (1U << 31) + 1, 0, NULL));
}

static void kmalloc_size_roundup_gives_the_size_kmalloc_allocates(struct ktest *t)
{
	static const size_t sizes[] = { 1, 8, 9, 64, 65, 96, 97, 192, 193, 200, 1000, 4096, 8192 };

	KTEST_EXPECT_EQ(t, kmalloc_size_roundup(0), (size_t)0);
	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		size_t r = kmalloc_size_roundup(sizes[i]);
		void *p = kmalloc(sizes[i], GFP_KERNEL);

		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_EXPECT_GE(t, r, sizes[i]);
		KTEST_EXPECT_EQ(t, r, (size_t)slab_page_of(p)->slab_cache->object_size);
		KTEST_EXPECT_EQ(t, kmalloc_size_roundup(r), r); /* asking for it again: the same */
		kfree(p);
	}
	KTEST_EXPECT_EQ(t, kmalloc_size_roundup(KMALLOC_MAX_CACHE_SIZE + 1),
			(size_t)PAGE_SIZE << get_order(KMALLOC_MAX_CACHE_SIZE + 1));
	KTEST_EXPECT_EQ(t, kmalloc_size_roundup(KMALLOC_MAX_SIZE + 1),
			(size_t)KMALLOC_MAX_SIZE + 1);
}

static void krealloc_array_grows_keeps_contents_and_refuses_overflow(struct ktest *t)
{
	u32 *p = kmalloc_array(4, sizeof(u32), GFP_KERNEL), *q;

	KTEST_ASSERT_NOT_NULL(t, p);
	for (u32 i = 0; i < 4; i++)
		p[i] = i * 7;
	q = krealloc_array(p, SIZE_MAX / 2, 4, GFP_KERNEL);
	KTEST_EXPECT_NULL(t, q);
	KTEST_EXPECT_EQ(t, p[3], 21U); /* untouched */
	q = krealloc_array(p, 1000, sizeof(u32), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, q);
	for (u32 i = 0; i < 4; i++)
		KTEST_EXPECT_EQ(t, q[i], i * 7);
	KTEST_EXPECT_GE(t, ksize(q), (size_t)1000 * sizeof(u32));
	kfree(q);
}

KTEST_SUITE(slab_bulk,
	    KTEST_CASE(bulk_alloc_returns_distinct_objects_of_the_cache),
	    KTEST_CASE(bulk_alloc_with_gfp_zero_zeroes_every_object),
	    KTEST_CASE(bulk_alloc_is_all_or_nothing),
	    KTEST_CASE(bulk_free_reports_foreign_objects_and_frees_the_rest),
	    KTEST_CASE(kfree_bulk_frees_blocks_of_any_size),
	    KTEST_CASE(bulk_calls_on_a_debug_cache_check_every_object),
	    KTEST_CASE(kmem_cache_macro_names_and_sizes_the_cache_after_the_struct),
	    KTEST_CASE(an_alignment_not_a_power_of_two_is_rounded_up_with_a_warning),
	    KTEST_CASE(kmalloc_size_roundup_gives_the_size_kmalloc_allocates),
	    KTEST_CASE(krealloc_array_grows_keeps_contents_and_refuses_overflow));
