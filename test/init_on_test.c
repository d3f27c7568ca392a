/*
 * Self-tests of init_on_alloc=1 and init_on_free=1 (mm/init_on.c): pages
 * and slab objects are zero when allocated, or once freed, except in the
 * caches Linux exempts (a constructor, poisoning). Each case skips unless
 * its option is on: tools/run-tests boots the suites with both.
 */
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>
#include <string.h>

#include "slab_helpers.h"

#define DIRT 0xa5
#define CTOR_BYTE 0x3c
#define OBJ_SIZE 200

#define NEED_INIT_ON_ALLOC(t)                                         \
	do {                                                          \
		if (!want_init_on_alloc(0))                           \
			KTEST_SKIP(t, "needs init_on_alloc=1 (off)"); \
	} while (0)

#define NEED_INIT_ON_FREE(t)                                         \
	do {                                                         \
		if (!want_init_on_free())                            \
			KTEST_SKIP(t, "needs init_on_free=1 (off)"); \
	} while (0)

static void fill_ctor(void *obj)
{
	memset(obj, CTOR_BYTE, OBJ_SIZE);
}

static void init_on_alloc_zeroes_pages_without_gfp_zero(struct ktest *t)
{
	NEED_INIT_ON_ALLOC(t);
	for (unsigned int order = 0; order <= 4; order += 4) {
		struct page *page = alloc_pages(GFP_KERNEL, order);

		KTEST_ASSERT_NOT_NULL(t, page);
		memset(page_address(page), DIRT, PAGE_SIZE << order);
		__free_pages(page, order);
		/* The block just freed comes back first (list head, or the merged block). */
		page = alloc_pages(GFP_KERNEL, order);
		KTEST_ASSERT_NOT_NULL(t, page);
		KTEST_EXPECT_NULL(t, memchr_inv(page_address(page), 0, PAGE_SIZE << order));
		__free_pages(page, order);
	}
}

static void init_on_alloc_zeroes_objects_but_not_constructed_ones(struct ktest *t)
{
	struct kmem_cache *plain = kmem_cache_create("test-init-plain", OBJ_SIZE, 0, 0, NULL);
	struct kmem_cache *ctor = kmem_cache_create("test-init-ctor", OBJ_SIZE, 0, 0, fill_ctor);
	void *p, *k;

	NEED_INIT_ON_ALLOC(t);
	KTEST_ASSERT_NOT_NULL(t, plain);
	KTEST_ASSERT_NOT_NULL(t, ctor);
	for (int round = 0; round < 2; round++) { /* a fresh slab, then an object reused */
		p = kmem_cache_alloc(plain, GFP_KERNEL);
		k = kmalloc(OBJ_SIZE, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_ASSERT_NOT_NULL(t, k);
		KTEST_EXPECT_NULL(t, memchr_inv(p, 0, OBJ_SIZE));
		if (!kmem_cache_poisons(slab_page_of(k)->slab_cache))
			KTEST_EXPECT_NULL(t, memchr_inv(k, 0, OBJ_SIZE));
		memset(p, DIRT, OBJ_SIZE);
		memset(k, DIRT, OBJ_SIZE);
		kmem_cache_free(plain, p);
		kfree(k);
	}
	p = kmem_cache_alloc(ctor, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_NULL(t, memchr_inv(p, CTOR_BYTE, OBJ_SIZE)); /* exempt: constructed */
	kmem_cache_free(ctor, p);
	kmem_cache_destroy(plain);
	kmem_cache_destroy(ctor);
}

static void init_on_free_zeroes_freed_pages(struct ktest *t)
{
	NEED_INIT_ON_FREE(t);
	if (debug_pagealloc_enabled())
		KTEST_SKIP(t, "debug_pagealloc=on unmaps freed pages: no bytes to read in place");
	for (unsigned int order = 0; order <= 4; order += 4) {
		struct page *page = alloc_pages(GFP_KERNEL, order);
		u8 *va;

		KTEST_ASSERT_NOT_NULL(t, page);
		va = page_address(page);
		memset(va, DIRT, PAGE_SIZE << order);
		__free_pages(page, order);
		/* Free now, still mapped: its bytes are read where they lie. */
		KTEST_EXPECT_NULL(t, memchr_inv(va, 0, PAGE_SIZE << order));
	}
}

static void init_on_free_zeroes_freed_objects_but_not_exempt_ones(struct ktest *t)
{
	struct kmem_cache *plain = kmem_cache_create("test-init-plain", OBJ_SIZE, 0, 0, NULL);
	struct kmem_cache *ctor = kmem_cache_create("test-init-ctor", OBJ_SIZE, 0, 0, fill_ctor);
	struct kmem_cache *poisoned =
		kmem_cache_create("test-init-poison", OBJ_SIZE, 0, SLAB_POISON, NULL);
	u8 *p;

	NEED_INIT_ON_FREE(t);
	KTEST_ASSERT_NOT_NULL(t, plain);
	KTEST_ASSERT_NOT_NULL(t, ctor);
	KTEST_ASSERT_NOT_NULL(t, poisoned);
	p = kmem_cache_alloc(plain, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, DIRT, OBJ_SIZE);
	kmem_cache_free(plain, p);
	if (!kmem_cache_poisons(plain)) /* slub_debug=P poisons it instead, as Linux */
		KTEST_EXPECT_NULL(t, memchr_inv(p, 0, OBJ_SIZE));
	p = kmem_cache_alloc(ctor, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	kmem_cache_free(ctor, p);
	KTEST_EXPECT_EQ(t, p[0], CTOR_BYTE); /* exempt: the constructed state stays */
	p = kmem_cache_alloc(poisoned, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	kmem_cache_free(poisoned, p);
	KTEST_EXPECT_EQ(t, p[0], POISON_FREE);	 /* exempt: poisoning wins, as in Linux */
	p = kmem_cache_alloc(plain, GFP_KERNEL); /* and back out, zero again */
	KTEST_ASSERT_NOT_NULL(t, p);
	if (!kmem_cache_poisons(plain))
		KTEST_EXPECT_NULL(t, memchr_inv(p, 0, OBJ_SIZE));
	kmem_cache_free(plain, p);
	kmem_cache_destroy(plain);
	kmem_cache_destroy(ctor);
	kmem_cache_destroy(poisoned);
}

KTEST_SUITE(init_on, KTEST_CASE(init_on_alloc_zeroes_pages_without_gfp_zero),
	    KTEST_CASE(init_on_alloc_zeroes_objects_but_not_constructed_ones),
	    KTEST_CASE(init_on_free_zeroes_freed_pages),
	    KTEST_CASE(init_on_free_zeroes_freed_objects_but_not_exempt_ones));
