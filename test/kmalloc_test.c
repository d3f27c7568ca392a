/*
 * Self-tests of the kmalloc family (mm/kmalloc.c): size classes, alignment,
 * zeroing, krealloc, the large-allocation path, and a long random workload
 * whose objects carry a pattern checked before every free, run again with one
 * allocation in 50 made to fail (failslab and fail_page_alloc).
 */
#include <asm/port.h>
#include <bug.h>
#include <fault_inject.h>
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>
#include <string.h>

#include "../mm/slab.h"
#include "slab_helpers.h"
#include "xorshift.h"

#define LARGEST_TESTED (KMALLOC_MAX_CACHE_SIZE + 4 * PAGE_SIZE)

/* Linux's class for @size: what kmalloc_index() picks. */
static size_t linux_class(size_t size)
{
	size_t class = 8;

	if (size > 64 && size <= 96)
		return 96;
	if (size > 128 && size <= 192)
		return 192;
	while (class < size)
		class <<= 1;
	return class;
}

/*
 * kmalloc.classes=fine's classes between Linux's, up to the largest any page
 * size has here: eight per doubling from 128 bytes to 4 KiB, four above, where
 * the lookup tables can tell sizes apart (steps of 8 up to 192, of 64 above).
 */
static const struct {
	const char *name;
	unsigned int size;
} fine_classes[] = {
	{ "kmalloc-144", 144 },	  { "kmalloc-160", 160 },   { "kmalloc-176", 176 },
	{ "kmalloc-320", 320 },	  { "kmalloc-384", 384 },   { "kmalloc-448", 448 },
	{ "kmalloc-576", 576 },	  { "kmalloc-640", 640 },   { "kmalloc-704", 704 },
	{ "kmalloc-768", 768 },	  { "kmalloc-832", 832 },   { "kmalloc-896", 896 },
	{ "kmalloc-960", 960 },	  { "kmalloc-1152", 1152 }, { "kmalloc-1280", 1280 },
	{ "kmalloc-1408", 1408 }, { "kmalloc-1536", 1536 }, { "kmalloc-1664", 1664 },
	{ "kmalloc-1792", 1792 }, { "kmalloc-1920", 1920 }, { "kmalloc-2304", 2304 },
	{ "kmalloc-2560", 2560 }, { "kmalloc-2816", 2816 }, { "kmalloc-3k", 3072 },
	{ "kmalloc-3328", 3328 }, { "kmalloc-3584", 3584 }, { "kmalloc-3840", 3840 },
	{ "kmalloc-5k", 5120 },	  { "kmalloc-6k", 6144 },   { "kmalloc-7k", 7168 },
	{ "kmalloc-10k", 10240 }, { "kmalloc-12k", 12288 }, { "kmalloc-14k", 14336 },
	{ "kmalloc-20k", 20480 }, { "kmalloc-24k", 24576 }, { "kmalloc-28k", 28672 },
	{ "kmalloc-40k", 40960 }, { "kmalloc-48k", 49152 }, { "kmalloc-56k", 57344 },
	{ "kmalloc-80k", 81920 }, { "kmalloc-96k", 98304 }, { "kmalloc-112k", 114688 },
};

/* How many of fine_classes[] this page size has: those up to KMALLOC_MAX_CACHE_SIZE. */
static unsigned int nr_fine_classes(void)
{
	unsigned int nr = 0;

	while (nr < ARRAY_SIZE(fine_classes) && fine_classes[nr].size <= KMALLOC_MAX_CACHE_SIZE)
		nr++;
	return nr;
}

/* The class kmalloc must pick for a run-time @size: Linux's, or a finer one with the option. */
static size_t expected_class(size_t size)
{
	size_t class = linux_class(size);

	if (!kmalloc_fine_classes())
		return class;
	for (unsigned int i = 0; i < nr_fine_classes(); i++)
		if (fine_classes[i].size >= size && fine_classes[i].size < class)
			class = fine_classes[i].size;
	return class;
}

static bool redzoned(const void *p)
{
	return slab_page_of(p)->slab_cache->orig_size_offset != 0;
}

static size_t natural_alignment(size_t class)
{
	return class & (class - 1) ? 8 : min(class, (size_t)PAGE_SIZE);
}

static void every_size_gets_its_class_alignment_and_room(struct ktest *t)
{
	for (size_t size = 1; size <= LARGEST_TESTED;
	     size += size < KMALLOC_MAX_CACHE_SIZE ? 1 : 61) {
		u8 *p = kmalloc(size, GFP_KERNEL);
		size_t class = expected_class(size);

		KTEST_ASSERT_NOT_NULL(t, p);
		if (size <= KMALLOC_MAX_CACHE_SIZE) {
			/* Red-zoned (slub_debug=Z) classes lend exactly what was asked for. */
			KTEST_EXPECT_EQ(t, ksize(p), redzoned(p) ? size : class);
			KTEST_EXPECT_TRUE(t,
					  IS_ALIGNED((unsigned long)p, natural_alignment(class)));
		} else {
			KTEST_EXPECT_EQ(t, ksize(p), PAGE_SIZE << get_order(size));
			KTEST_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)p, PAGE_SIZE));
		}
		memset(p, 0xa5, ksize(p));
		kfree(p);
	}
}

/*
 * kmalloc() of a constant size picks its cache at compile time
 * (kmalloc_index()): it must be the cache a run-time size picks, at every
 * class boundary. OPTIMIZER_HIDE_VAR makes the second size a run-time one.
 */
static void expect_constant_size_cache(struct ktest *t, void *constant, size_t size)
{
	size_t hidden = size;
	void *runtime;

	OPTIMIZER_HIDE_VAR(hidden);
	runtime = kmalloc(hidden, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, constant);
	KTEST_ASSERT_NOT_NULL(t, runtime);
	KTEST_EXPECT_PTR_EQ(t, slab_page_of(constant)->slab_cache,
			    kmalloc_caches[kmalloc_index(hidden)]);
	/* The same cache, but with kmalloc.classes=fine, which only run-time sizes use. */
	KTEST_EXPECT_EQ(t, (size_t)slab_page_of(runtime)->slab_cache->object_size,
			expected_class(size));
	KTEST_EXPECT_EQ(t, ksize(constant), redzoned(constant) ? size : linux_class(size));
	kfree(constant);
	kfree(runtime);
}

/* Linux's kmalloc classes, in size order, up to the largest any page size has here. */
static const struct {
	const char *name;
	unsigned int size;
} linux_classes[] = {
	{ "kmalloc-8", 8 },	  { "kmalloc-16", 16 },	      { "kmalloc-32", 32 },
	{ "kmalloc-64", 64 },	  { "kmalloc-96", 96 },	      { "kmalloc-128", 128 },
	{ "kmalloc-192", 192 },	  { "kmalloc-256", 256 },     { "kmalloc-512", 512 },
	{ "kmalloc-1k", 1024 },	  { "kmalloc-2k", 2048 },     { "kmalloc-4k", 4096 },
	{ "kmalloc-8k", 8192 },	  { "kmalloc-16k", 16384 },   { "kmalloc-32k", 32768 },
	{ "kmalloc-64k", 65536 }, { "kmalloc-128k", 131072 },
};

/*
 * How many of linux_classes[] Linux's SLUB has at this page size: its largest
 * class is two pages, kmalloc-8k with 4 KiB pages, kmalloc-128k with 64 KiB.
 * 0 for a page size with no list here yet.
 */
static unsigned int linux_nr_classes(void)
{
	switch (PAGE_SIZE) {
	case 4096:
		return 13;
	case 65536:
		return 17;
	}
	return 0;
}

static void kmalloc_classes_are_linuxs_for_the_page_size(struct ktest *t)
{
	unsigned int nr = linux_nr_classes(), created = 0;
	void *largest, *above;

	if (!nr) {
		KTEST_FAIL(t, "no list of Linux's classes for %lu-byte pages", PAGE_SIZE);
		return;
	}
	for (unsigned int i = 0; i < nr; i++) {
		struct kmem_cache *s = kmalloc_caches[kmalloc_index(linux_classes[i].size)];

		KTEST_ASSERT_NOT_NULL(t, s);
		KTEST_EXPECT_STREQ(t, s->name, linux_classes[i].name);
		KTEST_EXPECT_EQ(t, s->object_size, linux_classes[i].size);
	}
	for (unsigned int i = 0; i < NR_KMALLOC_CACHES; i++)
		created += kmalloc_caches[i] != NULL;
	KTEST_EXPECT_EQ(t, created, nr);
	if (!kmalloc_fine_classes())
		KTEST_EXPECT_EQ(t, nr_kmalloc_fine, 0U);
	KTEST_EXPECT_EQ(t, KMALLOC_MAX_CACHE_SIZE, (unsigned long)linux_classes[nr - 1].size);
	/* The largest class is slab memory; a byte more comes from the page allocator. */
	largest = kmalloc(KMALLOC_MAX_CACHE_SIZE, GFP_KERNEL);
	above = kmalloc(KMALLOC_MAX_CACHE_SIZE + 1, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, largest);
	KTEST_ASSERT_NOT_NULL(t, above);
	KTEST_EXPECT_TRUE(t, PageSlab(compound_head(virt_to_page(largest))));
	KTEST_EXPECT_TRUE(t, PageLargeKmalloc(compound_head(virt_to_page(above))));
	kfree(largest);
	kfree(above);
}

#define EXPECT_CONSTANT_SIZE_CACHE(t, size) \
	expect_constant_size_cache(t, kmalloc(size, GFP_KERNEL), size)

static void constant_sizes_pick_their_cache_at_compile_time(struct ktest *t)
{
	void *large = kmalloc(KMALLOC_MAX_CACHE_SIZE + 1, GFP_KERNEL);

	EXPECT_CONSTANT_SIZE_CACHE(t, 1);
	EXPECT_CONSTANT_SIZE_CACHE(t, 8);
	EXPECT_CONSTANT_SIZE_CACHE(t, 9);
	EXPECT_CONSTANT_SIZE_CACHE(t, 16);
	EXPECT_CONSTANT_SIZE_CACHE(t, 17);
	EXPECT_CONSTANT_SIZE_CACHE(t, 32);
	EXPECT_CONSTANT_SIZE_CACHE(t, 33);
	EXPECT_CONSTANT_SIZE_CACHE(t, 64);
	EXPECT_CONSTANT_SIZE_CACHE(t, 65);
	EXPECT_CONSTANT_SIZE_CACHE(t, 96);
	EXPECT_CONSTANT_SIZE_CACHE(t, 97);
	EXPECT_CONSTANT_SIZE_CACHE(t, 128);
	EXPECT_CONSTANT_SIZE_CACHE(t, 129);
	EXPECT_CONSTANT_SIZE_CACHE(t, 192);
	EXPECT_CONSTANT_SIZE_CACHE(t, 193);
	EXPECT_CONSTANT_SIZE_CACHE(t, 256);
	EXPECT_CONSTANT_SIZE_CACHE(t, 257);
	EXPECT_CONSTANT_SIZE_CACHE(t, 512);
	EXPECT_CONSTANT_SIZE_CACHE(t, 513);
	EXPECT_CONSTANT_SIZE_CACHE(t, 1024);
	EXPECT_CONSTANT_SIZE_CACHE(t, 1025);
	EXPECT_CONSTANT_SIZE_CACHE(t, 2048);
	EXPECT_CONSTANT_SIZE_CACHE(t, 2049);
	EXPECT_CONSTANT_SIZE_CACHE(t, 4096);
	EXPECT_CONSTANT_SIZE_CACHE(t, 4097);
	EXPECT_CONSTANT_SIZE_CACHE(t, KMALLOC_MAX_CACHE_SIZE);
	/* Outside the classes the constant path is not taken: 0 and large sizes as ever. */
	KTEST_EXPECT_PTR_EQ(t, kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	KTEST_ASSERT_NOT_NULL(t, large);
	KTEST_EXPECT_NULL(t, slab_page_of(large));
	KTEST_EXPECT_EQ(t, ksize(large), PAGE_SIZE << get_order(KMALLOC_MAX_CACHE_SIZE + 1));
	kfree(large);
}

/* kmalloc_index() for every size, against the class the tables of mm/kmalloc.c give. */
static void kmalloc_index_matches_every_run_time_size(struct ktest *t)
{
	if (kmalloc_fine_classes())
		KTEST_SKIP(t, "kmalloc.classes=fine: run-time sizes take finer classes than "
			      "kmalloc_index()'s");
	for (size_t size = 1; size <= KMALLOC_MAX_CACHE_SIZE; size++) {
		void *p = kmalloc(size, GFP_KERNEL);

		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_EXPECT_PTR_EQ(t, slab_page_of(p)->slab_cache,
				    kmalloc_caches[kmalloc_index(size)]);
		kfree(p);
	}
}

/* The smallest kmalloc cache (Linux's or a fine one) of at least @size bytes. */
static struct kmem_cache *smallest_kmalloc_cache(size_t size)
{
	struct kmem_cache *best = NULL;

	for (unsigned int i = 0; i < NR_KMALLOC_CACHES; i++) {
		struct kmem_cache *s = kmalloc_caches[i];

		if (s && s->object_size >= size && (!best || s->object_size < best->object_size))
			best = s;
	}
	for (unsigned int i = 0; i < nr_kmalloc_fine; i++) {
		struct kmem_cache *s = kmalloc_fine_caches[i];

		if (s->object_size >= size && s->object_size < best->object_size)
			best = s;
	}
	return best;
}

/*
 * Every run-time size takes the smallest kmalloc cache it fits in, whichever
 * classes there are, and ksize() and kmalloc_size_roundup() say that class.
 */
static void every_size_gets_the_smallest_class_that_fits(struct ktest *t)
{
	for (size_t size = 1; size <= KMALLOC_MAX_CACHE_SIZE; size++) {
		struct kmem_cache *want = smallest_kmalloc_cache(size);
		void *p = kmalloc(size, GFP_KERNEL);

		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_ASSERT_NOT_NULL(t, want);
		KTEST_EXPECT_PTR_EQ(t, slab_page_of(p)->slab_cache, want);
		KTEST_EXPECT_EQ(t, (size_t)want->object_size, expected_class(size));
		KTEST_EXPECT_EQ(t, ksize(p), redzoned(p) ? size : (size_t)want->object_size);
		KTEST_EXPECT_EQ(t, kmalloc_size_roundup(size), (size_t)want->object_size);
		kfree(p);
	}
}

/* A power-of-two size keeps Linux's class, aligned to its size (to a page above one). */
static void power_of_two_sizes_keep_linuxs_aligned_class(struct ktest *t)
{
	for (size_t size = 8; size <= KMALLOC_MAX_CACHE_SIZE; size *= 2) {
		size_t align = min(size, (size_t)PAGE_SIZE);
		void *p[3];

		for (unsigned int i = 0; i < ARRAY_SIZE(p); i++) {
			size_t hidden = size;

			OPTIMIZER_HIDE_VAR(hidden);
			p[i] = kmalloc(hidden, GFP_KERNEL);
			KTEST_ASSERT_NOT_NULL(t, p[i]);
			KTEST_EXPECT_PTR_EQ(t, slab_page_of(p[i])->slab_cache,
					    kmalloc_caches[kmalloc_index(size)]);
			KTEST_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)p[i], align));
		}
		for (unsigned int i = 0; i < ARRAY_SIZE(p); i++)
			kfree(p[i]);
	}
}

/* Is @s on the list of caches (slabinfo's, the shrinker's)? */
static bool on_slab_caches(const struct kmem_cache *s)
{
	const struct kmem_cache *c;
	unsigned long flags;
	bool found = false;

	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry (c, &slab_caches, list)
		found |= c == s;
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	return found;
}

/*
 * kmalloc.classes=fine: its classes, named in Linux's style, each a
 * SLAB_KMALLOC cache whose slab leaves at most 1/32 unused at its end.
 */
static void fine_classes_are_the_documented_ones(struct ktest *t)
{
	unsigned int nr = nr_fine_classes();

	if (!kmalloc_fine_classes())
		KTEST_SKIP(t, "kmalloc.classes=fine is off: Linux's classes only");
	KTEST_ASSERT_EQ(t, nr_kmalloc_fine, nr);
	for (unsigned int i = 0; i < nr; i++) {
		struct kmem_cache *s = kmalloc_fine_caches[i];
		unsigned long slab = PAGE_SIZE << s->order;

		KTEST_EXPECT_STREQ(t, s->name, fine_classes[i].name);
		KTEST_EXPECT_EQ(t, s->object_size, fine_classes[i].size);
		KTEST_EXPECT_TRUE(t, s->flags & SLAB_KMALLOC);
		KTEST_EXPECT_LE(t, slab % s->size, slab / 32);
		KTEST_EXPECT_TRUE(t, on_slab_caches(s));
	}
	KTEST_EXPECT_EQ(t, show_slab_cache("kmalloc-1280"), 0);
}

/* kmalloc.classes=fine: krealloc() stays in place up to the fine class, and moves past it. */
static void krealloc_stays_within_a_fine_class(struct ktest *t)
{
	size_t size = 1030;
	u8 *p, *q;

	if (!kmalloc_fine_classes())
		KTEST_SKIP(t, "kmalloc.classes=fine is off: 1030 bytes take kmalloc-2k");
	OPTIMIZER_HIDE_VAR(size);
	p = kmalloc(size, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_STREQ(t, slab_page_of(p)->slab_cache->name, "kmalloc-1152");
	memset(p, 0x4b, size);
	KTEST_EXPECT_PTR_EQ(t, krealloc(p, 1152, GFP_KERNEL), p);
	KTEST_EXPECT_EQ(t, ksize(p), (size_t)1152); /* red-zoned or not, 1152 asked for */
	q = krealloc(p, 1153, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, q);
	KTEST_EXPECT_STREQ(t, slab_page_of(q)->slab_cache->name, "kmalloc-1280");
	KTEST_EXPECT_NULL(t, memchr_inv(q, 0x4b, size));
	kfree(q);
}

/* Hold one object of each of many sizes at once: none may overlap another. */
static void live_objects_never_overlap(struct ktest *t)
{
	static u8 *objs[600];
	static size_t sizes[600];
	unsigned int n = 0, i, j;

	for (size_t size = 1; n < ARRAY_SIZE(objs); size = size % 3000 + 7) {
		objs[n] = kmalloc(size, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, objs[n]);
		sizes[n] = ksize(objs[n]);
		memset(objs[n], (int)n, sizes[n]);
		n++;
	}
	for (i = 0; i < n; i++) {
		KTEST_EXPECT_NULL(t, memchr_inv(objs[i], (int)(i & 0xff), sizes[i]));
		for (j = i + 1; j < n; j++)
			if (objs[i] < objs[j] + sizes[j] && objs[j] < objs[i] + sizes[i])
				KTEST_FAIL(t, "objects %px (+%zu) and %px (+%zu) overlap", objs[i],
					   sizes[i], objs[j], sizes[j]);
	}
	for (i = 0; i < n; i++)
		kfree(objs[i]);
}

static void kmalloc_of_zero_is_zero_size_ptr(struct ktest *t)
{
	void *p = kmalloc(0, GFP_KERNEL);

	KTEST_EXPECT_PTR_EQ(t, p, ZERO_SIZE_PTR);
	KTEST_EXPECT_EQ(t, ksize(p), (size_t)0);
	kfree(p); /* must be a no-op */
	kfree(NULL);
}

static void kzalloc_and_kcalloc_return_zeroes(struct ktest *t)
{
	for (size_t size = 8; size <= 2 * KMALLOC_MAX_CACHE_SIZE; size *= 2) {
		u8 *dirty = kmalloc(size, GFP_KERNEL), *p;

		KTEST_ASSERT_NOT_NULL(t, dirty);
		memset(dirty, 0xff, size);
		kfree(dirty);
		p = kzalloc(size, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_EXPECT_NULL(t, memchr_inv(p, 0, size));
		kfree(p);
		p = kcalloc(size / 8, 8, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_EXPECT_NULL(t, memchr_inv(p, 0, size));
		kfree(p);
	}
}

static void kmalloc_array_overflow_returns_null(struct ktest *t)
{
	KTEST_EXPECT_NULL(t, kmalloc_array(SIZE_MAX / 2 + 1, 2, GFP_KERNEL));
	KTEST_EXPECT_NULL(t, kcalloc(SIZE_MAX / 16 + 1, 16, GFP_KERNEL));
	void *p = kmalloc_array(16, 16, GFP_KERNEL);

	KTEST_EXPECT_NOT_NULL(t, p);
	kfree(p);
}

static void huge_kmalloc_fails_with_a_warning(struct ktest *t)
{
	unsigned long warnings = warn_count();

	KTEST_EXPECT_NULL(t, kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL));
	KTEST_EXPECT_NULL(t, kmalloc(SIZE_MAX, GFP_KERNEL));
	KTEST_EXPECT_NULL(t, kmalloc(SIZE_MAX - PAGE_SIZE + 2, GFP_KERNEL));
	KTEST_EXPECT_EQ(t, warn_count(), warnings + 3);
	KTEST_EXPECT_NULL(t, kmalloc(SIZE_MAX, GFP_KERNEL | __GFP_NOWARN));
	KTEST_EXPECT_EQ(t, warn_count(), warnings + 3);
}

static void krealloc_keeps_contents_and_stays_in_place_within_its_class(struct ktest *t)
{
	u8 *p = kmalloc(40, GFP_KERNEL), *q;

	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 0x3c, 40);
	q = krealloc(p, 60, GFP_KERNEL); /* 40 and 60 are both kmalloc-64 */
	KTEST_EXPECT_PTR_EQ(t, q, p);
	q = krealloc(p, 1000, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, q);
	KTEST_EXPECT_NULL(t, memchr_inv(q, 0x3c, 40));
	KTEST_EXPECT_GE(t, ksize(q), (size_t)1000);
	p = krealloc(q, 20000, GFP_KERNEL); /* into the page allocator */
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_NULL(t, memchr_inv(p, 0x3c, 40));
	q = krealloc(p, 10, GFP_KERNEL); /* shrinking stays in place */
	KTEST_EXPECT_PTR_EQ(t, q, p);
	KTEST_EXPECT_PTR_EQ(t, krealloc(q, 0, GFP_KERNEL), ZERO_SIZE_PTR);
	p = krealloc(NULL, 30, GFP_KERNEL);
	KTEST_EXPECT_NOT_NULL(t, p);
	kfree(p);
}

static void krealloc_with_gfp_zero_zeroes_the_grown_part(struct ktest *t)
{
	u8 *p = kzalloc(24, GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 0x77, 24);
	p = krealloc(p, 30, GFP_KERNEL | __GFP_ZERO); /* in place (kmalloc-32) */
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_NULL(t, memchr_inv(p, 0x77, 24));
	KTEST_EXPECT_NULL(t, memchr_inv(p + 24, 0, 6));
	p = krealloc(p, 3000, GFP_KERNEL | __GFP_ZERO); /* moved */
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_NULL(t, memchr_inv(p, 0x77, 24));
	KTEST_EXPECT_NULL(t, memchr_inv(p + 24, 0, 3000 - 24));
	kfree(p);
}

static void kstrdup_and_kmemdup_copy(struct ktest *t)
{
	static const u8 bytes[5] = { 1, 2, 3, 0, 5 };
	char *s = kstrdup("a copied string", GFP_KERNEL);
	u8 *m = kmemdup(bytes, sizeof(bytes), GFP_KERNEL);

	KTEST_EXPECT_STREQ(t, s, "a copied string");
	KTEST_EXPECT_MEMEQ(t, m, bytes, sizeof(bytes));
	KTEST_EXPECT_NULL(t, kstrdup(NULL, GFP_KERNEL));
	kfree(s);
	kfree(m);
}

static void kfree_sensitive_clears_the_block(struct ktest *t)
{
	u8 *p = kmalloc(64, GFP_KERNEL), *again;

	KTEST_ASSERT_NOT_NULL(t, p);
	if (slab_debug(slab_page_of(p)->slab_cache)) {
		kfree(p);
		KTEST_SKIP(t, "slub_debug: freed objects are poisoned and not reused first");
	}
	memset(p, 0x5e, 64);
	kfree_sensitive(p);
	/* This CPU's array is last-in first-out: the next kmalloc-64 object is the same one. */
	again = kmalloc(64, GFP_KERNEL);
	KTEST_EXPECT_PTR_EQ(t, again, p);
	KTEST_EXPECT_NULL(t, memchr_inv(again, 0, 64));
	kfree(again);
}

static void large_kmalloc_returns_its_pages(struct ktest *t)
{
	unsigned long before;
	void *p;

	before = quiesced_free_pages();
	p = kmalloc(5 * PAGE_SIZE, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_TRUE(t, PageHead(virt_to_page(p)));
	kfree(p);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
}

/* --- random workload ---------------------------------------------------- */

#define LIVE_SLOTS 2048
#define RANDOM_OPS 1000000

static u64 rng_state;

static u64 next_random(void)
{
	return xorshift64_next(&rng_state);
}

/* Sizes spread evenly over powers of two from 1 B to 16 KiB: most are small. */
static size_t random_size(void)
{
	unsigned int bits = (unsigned int)(next_random() % 15);

	return 1 + (size_t)(next_random() & ((2UL << bits) - 1));
}

static u64 pattern_of(const void *p, size_t i)
{
	return ((u64)(uintptr_t)p * 0x9e3779b97f4a7c15ULL) ^ i;
}

static void fill(u8 *p, size_t size)
{
	size_t i;

	for (i = 0; i + 8 <= size; i += 8)
		*(u64 *)(p + i) = pattern_of(p, i);
	for (; i < size; i++)
		p[i] = (u8)pattern_of(p, i);
}

static bool intact(const u8 *p, size_t size)
{
	size_t i;

	for (i = 0; i + 8 <= size; i += 8)
		if (*(const u64 *)(p + i) != pattern_of(p, i))
			return false;
	for (; i < size; i++)
		if (p[i] != (u8)pattern_of(p, i))
			return false;
	return true;
}

static u8 *live[LIVE_SLOTS];
static size_t live_size[LIVE_SLOTS];

/*
 * @ops random kmalloc, kfree and krealloc calls over LIVE_SLOTS slots; every
 * object's pattern is checked before it is freed or moved, and no report may
 * appear. Return: how many allocations failed (a failed krealloc keeps the
 * old block, which must still be intact).
 */
static unsigned long random_workload(struct ktest *t, unsigned long ops)
{
	unsigned long mismatches = 0, failures = 0, errors = slab_error_count();

	rng_state = 0x1234567887654321ULL;
	for (unsigned long op = 0; op < ops; op++) {
		unsigned int slot = (unsigned int)(next_random() % LIVE_SLOTS);
		u8 *p = live[slot];

		if (p && !intact(p, live_size[slot]))
			mismatches++;
		if (p && next_random() % 4 == 0) {
			size_t size = random_size();
			u8 *q = krealloc(p, size, GFP_KERNEL);

			if (!q) {
				failures++;
				continue;
			}
			live[slot] = q;
			live_size[slot] = size;
			fill(q, size);
		} else if (p) {
			kfree(p);
			live[slot] = NULL;
		} else {
			live_size[slot] = random_size();
			live[slot] = kmalloc(live_size[slot], GFP_KERNEL);
			if (!live[slot])
				failures++;
			else
				fill(live[slot], live_size[slot]);
		}
	}
	for (unsigned int slot = 0; slot < LIVE_SLOTS; slot++) {
		if (live[slot] && !intact(live[slot], live_size[slot]))
			mismatches++;
		kfree(live[slot]);
		live[slot] = NULL;
	}
	KTEST_EXPECT_EQ(t, mismatches, 0UL);
	KTEST_EXPECT_EQ(t, slab_error_count(), errors);
	return failures;
}

static void random_kmalloc_kfree_krealloc_keep_every_byte(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, random_workload(t, RANDOM_OPS), 0UL);
}

/* Objects allocated from every cache, once the per-CPU arrays are emptied. */
static unsigned long slab_objects_in_use(void)
{
	unsigned long sum = 0, flags;
	struct kmem_cache *s;

	quiesced_free_pages();
	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry (s, &slab_caches, list)
		sum += s->nr_active;
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	return sum;
}

#define INJECTED_OPS (RANDOM_OPS / 4)

static void random_workload_under_injected_failures_leaves_every_cache_valid(struct ktest *t)
{
	struct fault_attr attr = {
		.interval = 1,
		.probability = 2, /* one allocation in 50 */
		.times = -1,
		.seed = 0xfa11ab1e,
	};
	unsigned long pages = quiesced_free_pages(), objects = slab_objects_in_use(), failures;
	struct fault_stats slab, page;

	fault_inject_set(FAULT_FAILSLAB, &attr);
	attr.seed++;
	fault_inject_set(FAULT_FAIL_PAGE_ALLOC, &attr); /* new slabs and large blocks */
	failures = random_workload(t, INJECTED_OPS);
	fault_inject_off(FAULT_FAILSLAB);
	fault_inject_off(FAULT_FAIL_PAGE_ALLOC);
	fault_inject_stats(FAULT_FAILSLAB, &slab);
	fault_inject_stats(FAULT_FAIL_PAGE_ALLOC, &page);
	KTEST_EXPECT_GT(t, slab.injected, 0UL);
	KTEST_EXPECT_GT(t, page.injected, 0UL);
	/* Each injected failure failed exactly one call, and nothing else failed. */
	KTEST_EXPECT_EQ(t, failures, slab.injected + page.injected);
	expect_every_cache_valid(t);
	KTEST_EXPECT_EQ(t, slab_objects_in_use(), objects);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), pages);
}

/* is_kmalloc_block(): the start of a slab object or of a large block, nothing else. */
static void is_kmalloc_block_accepts_block_starts_only(struct ktest *t)
{
	void *small = kmalloc(64, GFP_KERNEL);
	void *large = kmalloc(2 * KMALLOC_MAX_CACHE_SIZE, GFP_KERNEL);
	struct page *page = alloc_page(GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, small);
	KTEST_ASSERT_NOT_NULL(t, large);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_TRUE(t, is_kmalloc_block(small));
	KTEST_EXPECT_TRUE(t, is_kmalloc_block(large));
	KTEST_EXPECT_FALSE(t, is_kmalloc_block((char *)small + 8));
	KTEST_EXPECT_FALSE(t, is_kmalloc_block((char *)large + PAGE_SIZE));
	KTEST_EXPECT_FALSE(t, is_kmalloc_block(page_address(page)));
	KTEST_EXPECT_FALSE(t, is_kmalloc_block(NULL));
	KTEST_EXPECT_FALSE(t, is_kmalloc_block(ZERO_SIZE_PTR));
	kfree(small);
	kfree(large);
	__free_page(page);
}

KTEST_SUITE(kmalloc,
	    KTEST_CASE(is_kmalloc_block_accepts_block_starts_only),
	    KTEST_CASE(every_size_gets_its_class_alignment_and_room),
	    KTEST_CASE(kmalloc_classes_are_linuxs_for_the_page_size),
	    KTEST_CASE(constant_sizes_pick_their_cache_at_compile_time),
	    KTEST_CASE(kmalloc_index_matches_every_run_time_size),
	    KTEST_CASE(every_size_gets_the_smallest_class_that_fits),
	    KTEST_CASE(power_of_two_sizes_keep_linuxs_aligned_class),
	    KTEST_CASE(fine_classes_are_the_documented_ones),
	    KTEST_CASE(krealloc_stays_within_a_fine_class),
	    KTEST_CASE(live_objects_never_overlap),
	    KTEST_CASE(kmalloc_of_zero_is_zero_size_ptr),
	    KTEST_CASE(kzalloc_and_kcalloc_return_zeroes),
	    KTEST_CASE(kmalloc_array_overflow_returns_null),
	    KTEST_CASE(huge_kmalloc_fails_with_a_warning),
	    KTEST_CASE(krealloc_keeps_contents_and_stays_in_place_within_its_class),
	    KTEST_CASE(krealloc_with_gfp_zero_zeroes_the_grown_part),
	    KTEST_CASE(kstrdup_and_kmemdup_copy),
	    KTEST_CASE(kfree_sensitive_clears_the_block),
	    KTEST_CASE(large_kmalloc_returns_its_pages),
	    KTEST_CASE(random_kmalloc_kfree_krealloc_keep_every_byte),
	    KTEST_CASE(random_workload_under_injected_failures_leaves_every_cache_valid));
