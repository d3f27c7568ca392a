/*
 * Self-tests of slab caches (mm/slab.c): the kmem_cache_* API, object
 * alignment, constructors, zeroing, colouring, DMA32 caches, page
 * accounting, shrinking and destroying back to the page allocator's baseline.
 */
#include <asm/port.h>
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <shrinker.h>
#include <slab.h>
#include <string.h>

#include "slab_helpers.h"

#include "../mm/slab.h"

#define MANY 300

static void *objs[MANY];

static void cache_objects_have_the_promised_alignment_and_size(struct ktest *t)
{
	static const unsigned int aligns[] = { 0, 8, 64, 256, 1024 };

	for (unsigned int a = 0; a < ARRAY_SIZE(aligns); a++) {
		struct kmem_cache *s = kmem_cache_create("test-align", 100, aligns[a], 0, NULL);
		unsigned int want = max(aligns[a], 8U);

		KTEST_ASSERT_NOT_NULL(t, s);
		KTEST_EXPECT_EQ(t, kmem_cache_size(s), 100U);
		for (int i = 0; i < MANY; i++) {
			objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
			KTEST_ASSERT_NOT_NULL(t, objs[i]);
			KTEST_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)objs[i], want));
			memset(objs[i], i, 100);
		}
		for (int i = 0; i < MANY; i++) {
			KTEST_EXPECT_NULL(t, memchr_inv(objs[i], i & 0xff, 100));
			kmem_cache_free(s, objs[i]);
		}
		kmem_cache_destroy(s);
	}
}

static void hwcache_align_puts_objects_on_cache_lines(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-hwalign", 72, 0, SLAB_HWCACHE_ALIGN, NULL);

	KTEST_ASSERT_NOT_NULL(t, s);
	for (int i = 0; i < 64; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
		KTEST_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)objs[i], L1_CACHE_BYTES));
	}
	for (int i = 0; i < 64; i++)
		kmem_cache_free(s, objs[i]);
	kmem_cache_destroy(s);
}

#define CTOR_BYTE 0xc7
static unsigned long ctor_calls;

static void test_ctor(void *obj)
{
	ctor_calls++;
	memset(obj, CTOR_BYTE, 48);
}

static void ctor_runs_once_per_object_when_its_slab_is_laid_out(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-ctor", 48, 0, 0, test_ctor);
	void *first, *again, **held;

	KTEST_ASSERT_NOT_NULL(t, s);
	/* A slab's worth of objects and one more: how many depends on the page size. */
	held = kmalloc_array(s->objects + 1, sizeof(*held), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, held);
	ctor_calls = 0;
	first = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, first);
	KTEST_EXPECT_EQ(t, ctor_calls, (unsigned long)s->objects); /* one slab laid out */
	memset(first, CTOR_BYTE, 48); /* users give objects back in their constructed state */
	kmem_cache_free(s, first);
	again = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_EXPECT_PTR_EQ(t, again, first);
	KTEST_EXPECT_EQ(t, ctor_calls, (unsigned long)s->objects); /* not run on reuse */
	held[0] = again;
	for (unsigned int i = 1; i < s->objects; i++)
		held[i] = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_EXPECT_EQ(t, ctor_calls, (unsigned long)s->objects); /* still the first slab */
	held[s->objects] = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_EXPECT_EQ(t, ctor_calls, 2UL * s->objects); /* a second slab */
	for (unsigned int i = 0; i <= s->objects; i++) {
		/* The allocator's free pointer lives outside objects that have a constructor. */
		KTEST_EXPECT_NULL(t, memchr_inv(held[i], CTOR_BYTE, 48));
		kmem_cache_free(s, held[i]);
	}
	kfree(held);
	kmem_cache_destroy(s);
}

static void zalloc_and_gfp_zero_clear_the_object(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-zero", 200, 0, 0, NULL);
	u8 *p;

	KTEST_ASSERT_NOT_NULL(t, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 0xee, 200);
	kmem_cache_free(s, p);
	p = kmem_cache_zalloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_NULL(t, memchr_inv(p, 0, 200));
	memset(p, 0xee, 200);
	kmem_cache_free(s, p);
	p = kmem_cache_alloc(s, GFP_KERNEL | __GFP_ZERO);
	KTEST_EXPECT_NULL(t, memchr_inv(p, 0, 200));
	kmem_cache_free(s, p);
	kmem_cache_destroy(s);
}

static void successive_slabs_rotate_their_colour(struct ktest *t)
{
	/*
	 * Objects of a quarter page less 24 bytes (1000 bytes with 4 KiB pages):
	 * 4 per page and 96 bytes left over, so colours 0 and 64.
	 */
	struct kmem_cache *s = kmem_cache_create("test-colour", (PAGE_SIZE - 96) / 4, 0, 0, NULL);
	bool seen[2] = { false, false };

	KTEST_ASSERT_NOT_NULL(t, s);
	if (slab_debug(s)) {
		kmem_cache_destroy(s);
		KTEST_SKIP(t, "slub_debug changes the object stride and so the leftover");
	}
	KTEST_ASSERT_EQ(t, s->order, 0U);
	KTEST_ASSERT_EQ(t, s->colour_count, 2U);
	for (int i = 0; i < 16; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
	}
	for (int i = 0; i < 16; i++) {
		unsigned long offset = (unsigned long)objs[i] & ~PAGE_MASK;

		KTEST_EXPECT_EQ(t, offset % s->size % L1_CACHE_BYTES, 0UL);
		seen[offset % s->size / L1_CACHE_BYTES] = true;
	}
	KTEST_EXPECT_TRUE(t, seen[0]);
	KTEST_EXPECT_TRUE(t, seen[1]);
	for (int i = 0; i < 16; i++)
		kmem_cache_free(s, objs[i]);
	kmem_cache_destroy(s);
}

static void slab_waste_stays_below_an_eighth(struct ktest *t)
{
	for (unsigned int size = 8; size <= 70000; size = size * 5 / 4 + 8) {
		struct kmem_cache *s = kmem_cache_create("test-order", size, 0, 0, NULL);
		unsigned long bytes;

		KTEST_ASSERT_NOT_NULL(t, s);
		bytes = PAGE_SIZE << s->order;
		KTEST_EXPECT_GE(t, s->objects, 1U);
		KTEST_EXPECT_LE(t, (bytes - (unsigned long)s->objects * s->size) * 8, bytes);
		kmem_cache_destroy(s);
	}
}

static void dma32_cache_objects_lie_below_4g(struct ktest *t)
{
	struct kmem_cache *s;

	if (!populated_zone(&node_zones[ZONE_DMA32]))
		KTEST_SKIP(t, "no RAM below 4 GiB on this machine (ZONE_DMA32 is empty)");
	s = kmem_cache_create("test-dma32", 512, 0, SLAB_CACHE_DMA32, NULL);
	KTEST_ASSERT_NOT_NULL(t, s);
	for (int i = 0; i < 64; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
		KTEST_EXPECT_LT(t, (u64)virt_to_phys(objs[i]), 1ULL << 32);
	}
	for (int i = 0; i < 64; i++)
		kmem_cache_free(s, objs[i]);
	kmem_cache_destroy(s);
}

static void reclaim_account_pages_count_as_reclaimable(struct ktest *t)
{
	struct kmem_cache *s =
		kmem_cache_create("test-reclaim", 256, 0, SLAB_RECLAIM_ACCOUNT, NULL);
	unsigned long rec0, unrec0;

	KTEST_ASSERT_NOT_NULL(t, s);
	rec0 = mm_stat(NR_SLAB_RECLAIMABLE);
	unrec0 = mm_stat(NR_SLAB_UNRECLAIMABLE);
	for (int i = 0; i < MANY; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_EXPECT_EQ(t, mm_stat(NR_SLAB_RECLAIMABLE) - rec0, s->nr_slabs << s->order);
	KTEST_EXPECT_EQ(t, mm_stat(NR_SLAB_UNRECLAIMABLE), unrec0);
	for (int i = 0; i < MANY; i++)
		kmem_cache_free(s, objs[i]);
	kmem_cache_destroy(s);
	KTEST_EXPECT_EQ(t, mm_stat(NR_SLAB_RECLAIMABLE), rec0);
}

static void shrink_and_destroy_return_every_page(struct ktest *t)
{
	unsigned long before, during;
	struct kmem_cache *s;

	before = quiesced_free_pages();
	s = kmem_cache_create("test-pages", 700, 0, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, s);
	for (int i = 0; i < MANY; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	during = quiesced_free_pages();
	KTEST_EXPECT_LE(t, during + (s->nr_slabs << s->order), before);
	for (int i = 0; i < MANY; i++)
		kmem_cache_free(s, objs[i]);
	kmem_cache_shrink(s);
	KTEST_EXPECT_EQ(t, s->nr_slabs, 0UL);
	kmem_cache_destroy(s);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
}

static void slab_shrinker_frees_empty_slabs_when_memory_is_short(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-shrinker", 2000, 0, 0, NULL);

	KTEST_ASSERT_NOT_NULL(t, s);
	for (int i = 0; i < MANY; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	for (int i = 0; i < MANY; i++)
		kmem_cache_free(s, objs[i]);
	KTEST_EXPECT_GT(t, s->nr_slabs, 0UL); /* the per-CPU array and a spare slab stay */
	KTEST_EXPECT_GT(t, shrink_caches(GFP_KERNEL, ULONG_MAX), 0UL);
	KTEST_EXPECT_EQ(t, s->nr_slabs, 0UL);
	kmem_cache_destroy(s);
}

/* The exact answer is_object_start() must give for @p in @slab: by division. */
static bool object_start_by_division(const struct kmem_cache *s, const struct page *slab,
				     const char *p)
{
	long offset = p - (const char *)slab->s_mem;

	return offset >= 0 && offset % s->size == 0 && offset / s->size < s->objects;
}

/*
 * is_object_start(), the fast paths' one-multiply test, against division at
 * every byte of whole slabs: for power-of-two and other sizes, with colours
 * (several slabs) and with a left red zone (pointers before the first
 * object by more than the colour).
 */
static void object_start_test_is_exact_at_every_byte(struct ktest *t)
{
	static const struct {
		unsigned int size;
		slab_flags_t flags;
	} kinds[] = { { 64, 0 },  { 96, SLAB_HWCACHE_ALIGN }, { 192, 0 },  { 256, SLAB_RED_ZONE },
		      { 700, 0 }, { 1000, SLAB_RED_ZONE },    { 2048, 0 }, { 3000, 0 } };

	for (unsigned int k = 0; k < ARRAY_SIZE(kinds); k++) {
		struct kmem_cache *s = kmem_cache_create("test-object-start", kinds[k].size, 0,
							 kinds[k].flags, NULL);
		struct page *last = NULL;
		unsigned long wrong = 0, slabs = 0, starts = 0;
		int n = 0;

		KTEST_ASSERT_NOT_NULL(t, s);
		while (n < MANY && slabs < 4) {
			struct page *slab;

			objs[n] = kmem_cache_alloc(s, GFP_KERNEL);
			KTEST_ASSERT_NOT_NULL(t, objs[n]);
			slab = slab_page_of(objs[n++]);
			if (slab == last)
				continue;
			last = slab;
			slabs++;
			for (char *p = slab_base(slab);
			     p < (char *)slab_base(slab) + (PAGE_SIZE << s->order); p++) {
				bool fast = is_object_start(s, virt_to_page(p), p);

				starts += fast;
				wrong += fast != object_start_by_division(s, slab, p);
			}
		}
		KTEST_EXPECT_EQ(t, wrong, 0UL);
		KTEST_EXPECT_EQ(t, starts, slabs * s->objects);
		while (n > 0)
			kmem_cache_free(s, objs[--n]);
		kmem_cache_destroy(s);
	}
}

/*
 * kfree()'s fast path looks at the struct page of whichever page an object
 * lies in: every page of a slab must name its cache and its first object,
 * and once the slab is freed, none may.
 */
static void every_page_of_a_slab_names_its_cache_until_freed(struct ktest *t)
{
	/* 3000 bytes with 4 KiB pages, scaled with the page: 5 objects to a slab of 4 pages. */
	struct kmem_cache *s =
		kmem_cache_create("test-every-page", 3000 * (PAGE_SIZE / SZ_4K), 0, 0, NULL);
	struct page *heads[16];
	unsigned int nr_heads = 0, pages;

	KTEST_ASSERT_NOT_NULL(t, s);
	pages = 1U << s->order;
	if (pages == 1) {
		kmem_cache_destroy(s);
		KTEST_SKIP(t, "the cache's slabs are single pages");
	}
	for (int i = 0; i < 32; i++) {
		struct page *page, *head;

		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
		page = virt_to_page(objs[i]);
		head = compound_head(page);
		KTEST_EXPECT_PTR_EQ(t, page->slab_cache, s);
		KTEST_EXPECT_PTR_EQ(t, page->s_mem, head->s_mem);
		if (nr_heads < ARRAY_SIZE(heads) && (!nr_heads || heads[nr_heads - 1] != head))
			heads[nr_heads++] = head;
	}
	KTEST_EXPECT_GT(t, nr_heads, 1U);
	for (int i = 0; i < 32; i++)
		kmem_cache_free(s, objs[i]);
	kmem_cache_destroy(s);
	for (unsigned int h = 0; h < nr_heads; h++)
		for (unsigned int i = 0; i < pages; i++)
			KTEST_EXPECT_PTR_EQ(t, heads[h][i].slab_cache, &no_slab_cache);
}

static void healthy_caches_validate_clean(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-validate", 64, 0, SLAB_DEBUG_FLAGS, NULL);

	KTEST_ASSERT_NOT_NULL(t, s);
	for (int i = 0; i < MANY; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	for (int i = 0; i < MANY; i += 2)
		kmem_cache_free(s, objs[i]);
	KTEST_EXPECT_EQ(t, kmem_cache_validate(s), 0UL);
	for (int i = 1; i < MANY; i += 2)
		kmem_cache_free(s, objs[i]);
	KTEST_EXPECT_EQ(t, kmem_cache_validate(s), 0UL);
	kmem_cache_destroy(s);
}

/* Read the next unsigned number of a slabinfo line, skipping anything before it. */
static unsigned long next_number(const char **pos)
{
	const char *p = *pos;
	unsigned long n = 0;

	while (*p && (*p < '0' || *p > '9'))
		p++;
	while (*p >= '0' && *p <= '9')
		n = n * 10 + (unsigned long)(*p++ - '0');
	*pos = p;
	return n;
}

static void slabinfo_line_reports_objects_and_slabs(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-slabinfo", 128, 0, 0, NULL);
	unsigned long active, total, objsize, perslab, pages;
	char line[256];
	const char *pos;

	KTEST_ASSERT_NOT_NULL(t, s);
	for (int i = 0; i < 100; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	slabinfo_line(s, line, sizeof(line));
	KTEST_EXPECT_EQ(t, strncmp(line, "test-slabinfo ", 14), 0);
	KTEST_EXPECT_NOT_NULL(t, strstr(line, " : tunables "));
	KTEST_EXPECT_NOT_NULL(t, strstr(line, " : slabdata "));
	pos = line + 14;
	active = next_number(&pos);
	total = next_number(&pos);
	objsize = next_number(&pos);
	perslab = next_number(&pos);
	pages = next_number(&pos);
	KTEST_EXPECT_GE(t, active, 100UL); /* objects in per-CPU arrays count as active */
	KTEST_EXPECT_LE(t, active, total);
	KTEST_EXPECT_EQ(t, objsize, (unsigned long)s->size); /* the stride, as SLUB shows it */
	KTEST_EXPECT_GE(t, objsize, 128UL);
	KTEST_EXPECT_EQ(t, perslab, (unsigned long)s->objects);
	KTEST_EXPECT_EQ(t, pages, 1UL << s->order);
	KTEST_EXPECT_LE(t, perslab * objsize, PAGE_SIZE * pages);
	KTEST_EXPECT_EQ(t, total % perslab, 0UL);
	for (int i = 0; i < 100; i++)
		kmem_cache_free(s, objs[i]);
	kmem_cache_destroy(s);
}

/*
 * The public questions about slab memory (what mempool asks): an object's
 * start names its cache, allocated or free; an interior pointer, another
 * cache's object, a page that is no slab's, NULL and ZERO_SIZE_PTR do not.
 */
static void cache_of_object_names_object_starts_only(struct ktest *t)
{
	struct kmem_cache *a = kmem_cache_create("test-owns-a", 48, 0, 0, NULL);
	struct kmem_cache *b = kmem_cache_create("test-owns-b", 48, 0, 0, NULL);
	struct page *page = alloc_page(GFP_KERNEL);
	void *pa, *pb;

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	KTEST_ASSERT_NOT_NULL(t, page);
	pa = kmem_cache_alloc(a, GFP_KERNEL);
	pb = kmem_cache_alloc(b, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, pa);
	KTEST_ASSERT_NOT_NULL(t, pb);
	KTEST_EXPECT_PTR_EQ(t, kmem_cache_of_object(pa), a);
	KTEST_EXPECT_TRUE(t, kmem_cache_owns(a, pa));
	KTEST_EXPECT_FALSE(t, kmem_cache_owns(a, pb));
	KTEST_EXPECT_NULL(t, kmem_cache_of_object((char *)pa + 8));
	KTEST_EXPECT_NULL(t, kmem_cache_of_object(page_address(page)));
	KTEST_EXPECT_NULL(t, kmem_cache_of_object(NULL));
	KTEST_EXPECT_NULL(t, kmem_cache_of_object(ZERO_SIZE_PTR));
	kmem_cache_free(a, pa);
	KTEST_EXPECT_TRUE(t, kmem_cache_owns(a, pa)); /* free, still one of its objects */
	kmem_cache_free(b, pb);
	__free_page(page);
	kmem_cache_destroy(a);
	kmem_cache_destroy(b);
}

KTEST_SUITE(slab,
	    KTEST_CASE(cache_of_object_names_object_starts_only),
	    KTEST_CASE(cache_objects_have_the_promised_alignment_and_size),
	    KTEST_CASE(hwcache_align_puts_objects_on_cache_lines),
	    KTEST_CASE(ctor_runs_once_per_object_when_its_slab_is_laid_out),
	    KTEST_CASE(zalloc_and_gfp_zero_clear_the_object),
	    KTEST_CASE(successive_slabs_rotate_their_colour),
	    KTEST_CASE(slab_waste_stays_below_an_eighth),
	    KTEST_CASE(dma32_cache_objects_lie_below_4g),
	    KTEST_CASE(reclaim_account_pages_count_as_reclaimable),
	    KTEST_CASE(shrink_and_destroy_return_every_page),
	    KTEST_CASE(slab_shrinker_frees_empty_slabs_when_memory_is_short),
	    KTEST_CASE(every_page_of_a_slab_names_its_cache_until_freed),
	    KTEST_CASE(object_start_test_is_exact_at_every_byte),
	    KTEST_CASE(healthy_caches_validate_clean),
	    KTEST_CASE(slabinfo_line_reports_objects_and_slabs));
