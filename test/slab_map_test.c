/*
 * Self-tests of the slab map (mm/slab_map.c), the byte per page that names
 * the kmalloc cache of a page's slab for kfree(): every kmalloc class that can
 * have an entry has one, every page of its slabs names it while the slab
 * lives and nothing after, the map agrees with every struct page of the
 * memmap span, and what the map does not name (another cache's objects, large
 * blocks) is still freed by kfree(); slab_bad_input has the reports of bad
 * pointers, which take the same path.
 */
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>

#include "../mm/slab.h"
#include "slab_helpers.h"

/* Sizes with one class each up to 8 KiB (and the non-power-of-two 96 and 192). */
static const unsigned int sizes[] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192
};

/* The cache whose slab holds @p, from its struct page. */
static struct kmem_cache *page_cache(const void *p)
{
	struct page *slab = slab_page_of(p);

	return slab ? slab->slab_cache : NULL;
}

/* Can @s have a map entry: a kmalloc cache whose objects start at multiples of its size? */
static bool mappable(const struct kmem_cache *s)
{
	return (s->flags & SLAB_KMALLOC) && !s->red_left && s->colour_count == 1;
}

/*
 * Pages of the span whose byte disagrees with their struct page: a page of a
 * live slab of a cache with an entry must carry it, every other page 0.
 */
static unsigned long map_disagreements(struct ktest *t)
{
	unsigned long pages = slab_map.size >> PAGE_SHIFT, bad = 0;

	for (unsigned long i = 0; i < pages; i++) {
		const void *addr = (const void *)(slab_map.start + (i << PAGE_SHIFT));
		struct kmem_cache *s = NULL;
		unsigned int want = 0, seen = READ_ONCE(slab_map.ids[i]);

		/* Below the memmap span (the map starts at a MAX_ORDER boundary): no page. */
		if (memmap_covers(addr)) {
			struct page *page = memmap_page(addr);

			s = page->slab_cache;
			if (s != &no_slab_cache && PageSlab(compound_head(page)))
				want = s->map_id;
		}
		if (seen != want && bad++ < 3)
			KTEST_FAIL(t, "page at %px (%s): expected map byte %u, saw %u", addr,
				   s ? s->name : "below the memmap span", want, seen);
	}
	return bad;
}

/* Check @s's entry, if it can have one; true if it has. */
static bool expect_entry(struct ktest *t, struct kmem_cache *s)
{
	/* Not coloured (as SLUB's): otherwise the slab's start is not the address's. */
	KTEST_EXPECT_EQ(t, s->colour_count, 1U);
	if (!mappable(s)) { /* slub_debug's left red zone */
		KTEST_EXPECT_EQ(t, s->map_id, 0U);
		return false;
	}
	KTEST_EXPECT_NE(t, s->map_id, 0U);
	KTEST_EXPECT_LT(t, s->map_id, (unsigned int)SLAB_MAP_CACHES);
	KTEST_EXPECT_PTR_EQ(t, slab_map.caches[s->map_id], s);
	KTEST_EXPECT_EQ(t, s->slab_mask, (PAGE_SIZE << s->order) - 1);
	return true;
}

/* Linux's classes and kmalloc.classes=fine's all have an entry (unless slub_debug red-zones them). */
static void every_kmalloc_class_that_can_have_an_entry_has_one(struct ktest *t)
{
	unsigned int mapped = 0;

	KTEST_ASSERT_NOT_NULL(t, slab_map.ids);
	KTEST_EXPECT_PTR_EQ(t, slab_map.caches[0], &no_slab_cache);
	for (unsigned int i = 0; i < NR_KMALLOC_CACHES; i++)
		if (kmalloc_caches[i])
			mapped += expect_entry(t, kmalloc_caches[i]);
	for (unsigned int i = 0; i < nr_kmalloc_fine; i++)
		mapped += expect_entry(t, kmalloc_fine_caches[i]);
	ktest_printf(t, "%u kmalloc classes in the slab map", mapped);
}

static void every_page_of_a_kmalloc_slab_names_its_cache(struct ktest *t)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		void *p = kmalloc(sizes[i], GFP_KERNEL);
		struct kmem_cache *s;
		struct page *slab;

		KTEST_ASSERT_NOT_NULL(t, p);
		s = page_cache(p);
		KTEST_ASSERT_NOT_NULL(t, s);
		slab = slab_page_of(p);
		if (mappable(s)) {
			/* The slab is aligned to its size: its start is the address's high bits. */
			KTEST_EXPECT_EQ(t, (unsigned long)slab_base(slab) & s->slab_mask, 0UL);
			KTEST_EXPECT_EQ(t, ((unsigned long)p & s->slab_mask) % s->size, 0UL);
			for (unsigned long pg = 0; pg < (1UL << s->order); pg++) {
				const char *addr = (char *)slab_base(slab) + (pg << PAGE_SHIFT);

				KTEST_EXPECT_PTR_EQ(t, slab_map_cache(&slab_map, addr), s);
			}
			KTEST_EXPECT_TRUE(t, slab_map_object_start(s, p));
			/* Interior and misaligned pointers are no object's start. */
			KTEST_EXPECT_FALSE(t, slab_map_object_start(s, (char *)p + 1));
			if (s->size >= 16)
				KTEST_EXPECT_FALSE(
					t, slab_map_object_start(s, (char *)p + s->size / 2));
		} else {
			KTEST_EXPECT_PTR_EQ(t, slab_map_cache(&slab_map, p), &no_slab_cache);
		}
		kfree(p);
	}
}

static void pages_that_are_no_kmalloc_slab_name_no_cache(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-slab-map", 64, 0, 0, NULL);
	struct page *page = alloc_pages(GFP_KERNEL, 1);
	void *large = kmalloc(KMALLOC_MAX_CACHE_SIZE + 1, GFP_KERNEL);
	void *obj = s ? kmem_cache_alloc(s, GFP_KERNEL) : NULL;

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_ASSERT_NOT_NULL(t, large);
	KTEST_ASSERT_NOT_NULL(t, obj);
	KTEST_EXPECT_PTR_EQ(t, slab_map_cache(&slab_map, page_address(page)), &no_slab_cache);
	KTEST_EXPECT_PTR_EQ(t, slab_map_cache(&slab_map, (char *)page_address(page) + PAGE_SIZE),
			    &no_slab_cache);
	KTEST_EXPECT_PTR_EQ(t, slab_map_cache(&slab_map, large), &no_slab_cache);
	/* Another cache's slab has no entry: kfree() sorts its objects out from the struct page. */
	KTEST_EXPECT_EQ(t, s->map_id, 0U);
	KTEST_EXPECT_PTR_EQ(t, slab_map_cache(&slab_map, obj), &no_slab_cache);
	/* Nothing matches no_slab_cache: every such pointer takes kfree()'s slow path. */
	KTEST_EXPECT_FALSE(t, slab_map_object_start(&no_slab_cache, page_address(page)));
	__free_pages(page, 1);
	kfree(large);
	kfree(obj); /* kfree() of a kmem_cache_alloc() object, as Linux allows */
	KTEST_EXPECT_EQ(t, s->nr_active - objects_cached(s), 0UL);
	kmem_cache_destroy(s);
}

/*
 * Fill fresh slabs of kmalloc-1k (4 pages each with 4 KiB pages), check the
 * whole map, free everything and give the empty slabs back: the map must
 * follow both ways.
 */
static void the_map_follows_slabs_made_and_given_back(struct ktest *t)
{
	enum {
		N = 64
	};
	struct kmem_cache *s = kmalloc_caches[kmalloc_index(1024)];
	void *objs[N];
	unsigned long addr;

	KTEST_ASSERT_NOT_NULL(t, s);
	if (!mappable(s))
		KTEST_SKIP(t, "kmalloc-1k has no map entry (slub_debug's red zones)");
	KTEST_EXPECT_EQ(t, map_disagreements(t), 0UL);
	for (unsigned int i = 0; i < N; i++) {
		objs[i] = kmalloc(1024, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
	}
	addr = (unsigned long)objs[N - 1];
	KTEST_EXPECT_PTR_EQ(t, slab_map_cache(&slab_map, (void *)addr), s);
	KTEST_EXPECT_EQ(t, map_disagreements(t), 0UL);
	for (unsigned int i = 0; i < N; i++)
		kfree(objs[i]);
	quiesced_free_pages(); /* every cache gives its empty slabs back */
	KTEST_EXPECT_EQ(t, map_disagreements(t), 0UL);
	if (!slab_page_of((void *)addr))
		KTEST_EXPECT_PTR_EQ(t, slab_map_cache(&slab_map, (void *)addr), &no_slab_cache);
}

KTEST_SUITE(slab_map, KTEST_CASE(every_kmalloc_class_that_can_have_an_entry_has_one),
	    KTEST_CASE(every_page_of_a_kmalloc_slab_names_its_cache),
	    KTEST_CASE(pages_that_are_no_kmalloc_slab_name_no_cache),
	    KTEST_CASE(the_map_follows_slabs_made_and_given_back));
