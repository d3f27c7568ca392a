/*
 * Self-tests of the GFP flags tutorials use beyond GFP_KERNEL: __GFP_NORETRY
 * (one round of reclaim, then failure), __GFP_RETRY_MAYFAIL (every round, then
 * failure), GFP_DMA and SLAB_CACHE_DMA (served as Linux serves them where an
 * architecture has no ZONE_DMA), GFP_HIGHUSER, and the names reports print.
 */
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <shrinker.h>
#include <slab.h>
#include <string.h>

#include "../mm/internal.h"
#include "page_alloc_helpers.h"
#include "slab_helpers.h"

#define STASH_PAGES 64

_Static_assert(STASH_PAGES < (1 << MAX_ORDER), "the stash could make a MAX_ORDER block");

/* A shrinker that gives back one page of its stash per call, and counts its calls. */
static struct hoard stash;
static unsigned long stash_calls;

static unsigned long give_one_page(struct shrinker *shrinker, struct shrink_control *sc)
{
	stash_calls++;
	return hoard_free_one(&stash);
}

static struct shrinker one_page_shrinker = { .scan = give_one_page };

/*
 * With memory exhausted, a MAX_ORDER request that reclaim cannot satisfy (a
 * page at a time comes back, at most STASH_PAGES of them, never a whole free
 * block of that order): count the rounds of reclaim each flag allows before
 * the request fails.
 */
static unsigned long reclaim_rounds(gfp_t extra)
{
	unsigned long calls = stash_calls;
	struct page *page = alloc_pages(GFP_KERNEL | __GFP_NOWARN | extra, MAX_ORDER);

	if (page)
		__free_pages(page, MAX_ORDER);
	return page ? 0 : stash_calls - calls;
}

static void noretry_reclaims_once_and_retry_mayfail_until_nothing_helps(struct ktest *t)
{
	unsigned long before = quiesced_free_pages(), noretry, mayfail;
	struct hoard h = { 0 };

	stash = (struct hoard){ 0 };
	for (int i = 0; i < STASH_PAGES; i++)
		KTEST_ASSERT_NOT_NULL(t, hoard_alloc(&stash, GFP_KERNEL, 0));
	while (hoard_alloc(&h, GFP_KERNEL | __GFP_NOWARN, 0))
		;
	KTEST_ASSERT_EQ(t, register_shrinker(&one_page_shrinker), 0);
	noretry = reclaim_rounds(__GFP_NORETRY);
	mayfail = reclaim_rounds(__GFP_RETRY_MAYFAIL);
	unregister_shrinker(&one_page_shrinker);
	hoard_free_all(&h);
	hoard_free_all(&stash);

	KTEST_EXPECT_EQ(t, noretry, 1UL);
	KTEST_EXPECT_GT(t, mayfail, 1UL);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
}

static void gfp_dma_and_highuser_pages_are_served_and_freed(struct ktest *t)
{
	static const gfp_t flags[] = { GFP_KERNEL | GFP_DMA, GFP_HIGHUSER, GFP_HIGHUSER_MOVABLE,
				       GFP_KERNEL | __GFP_NORETRY,
				       GFP_KERNEL | __GFP_RETRY_MAYFAIL };
	unsigned long before = quiesced_free_pages();

	for (unsigned int i = 0; i < ARRAY_SIZE(flags); i++) {
		for (unsigned int order = 0; order <= 4; order += 4) {
			struct page *page = alloc_pages(flags[i] | __GFP_ZERO, order);

			KTEST_ASSERT_NOT_NULL(t, page);
			KTEST_EXPECT_NULL(t, memchr_inv(page_address(page), 0, PAGE_SIZE << order));
			__free_pages(page, order);
		}
	}
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
}

static void slab_cache_dma_objects_come_from_dma_pages(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-dma", 128, 0, SLAB_CACHE_DMA, NULL);
	void *obj;

	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_EXPECT_TRUE(t, s->gfp & __GFP_DMA);
	obj = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, obj);
	kmem_cache_free(s, obj);
	kmem_cache_destroy(s);
}

static void reports_name_the_new_flags_as_linux_does(struct ktest *t)
{
	static const struct {
		gfp_t gfp;
		const char *name;
	} cases[] = {
		{ GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE" },
		{ GFP_HIGHUSER, "GFP_HIGHUSER" },
		{ GFP_KERNEL | GFP_DMA, "GFP_KERNEL|GFP_DMA" },
		{ GFP_KERNEL | __GFP_NORETRY, "GFP_KERNEL|__GFP_NORETRY" },
		{ GFP_KERNEL | __GFP_RETRY_MAYFAIL, "GFP_KERNEL|__GFP_RETRY_MAYFAIL" },
	};
	char buf[128];

	KTEST_EXPECT_EQ(t, GFP_HIGHUSER_MOVABLE, 0x100ccau); /* Linux's values */
	KTEST_EXPECT_EQ(t, __GFP_NORETRY, 0x10000u);
	KTEST_EXPECT_EQ(t, __GFP_RETRY_MAYFAIL, 0x4000u);
	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		format_gfp_flags(buf, sizeof(buf), cases[i].gfp);
		KTEST_EXPECT_STREQ(t, buf, cases[i].name);
	}
}

KTEST_SUITE(gfp_flags,
	    KTEST_CASE(noretry_reclaims_once_and_retry_mayfail_until_nothing_helps),
	    KTEST_CASE(gfp_dma_and_highuser_pages_are_served_and_freed),
	    KTEST_CASE(slab_cache_dma_objects_come_from_dma_pages),
	    KTEST_CASE(reports_name_the_new_flags_as_linux_does));
