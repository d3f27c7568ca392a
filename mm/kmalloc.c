/*
 * The kmalloc family: general-purpose allocation by size. Sizes up to
 * KMALLOC_MAX_CACHE_SIZE come from one cache per size class (8 B .. two
 * pages, as Linux; with kmalloc.classes=fine, finer classes between them
 * too); larger ones are compound page allocations, which kfree() recognises
 * by their page.
 */
#define EMIT_FAST_API_INLINE /* DEBUG=1: kmalloc() out of line, here (compiler.h) */
#include <asm/port.h>
#include <bug.h>
#include <kernel.h>
#include <mmdebug.h>
#include <params.h>
#include <string.h>

#include "slab.h"

#define KMALLOC_SMALL_MAX 192 /* up to here the class comes from kmalloc_small[] */
#define KMALLOC_LARGE_STEP 64 /* above it, classes are powers of two of 256 or more */

struct kmem_cache *kmalloc_caches[NR_KMALLOC_CACHES];
/*
 * The cache for each size, one load on the fast path: sizes 1..KMALLOC_SMALL_MAX
 * by (size - 1) / 8, sizes up to KMALLOC_MAX_CACHE_SIZE by (size - 1) / 64.
 */
static struct kmem_cache *kmalloc_small[KMALLOC_SMALL_MAX / 8];
static struct kmem_cache *kmalloc_large[KMALLOC_MAX_CACHE_SIZE / KMALLOC_LARGE_STEP];

/*
 * Class names and sizes; index 1 and 2 are the 96 and 192 classes, the rest
 * 2^index. kmalloc_init() takes the first NR_KMALLOC_CACHES: up to
 * kmalloc-8k with 4 KiB pages, kmalloc-128k with 64 KiB pages.
 */
static const struct {
	const char *name;
	unsigned int size;
} kmalloc_info[] = {
	[1] = { "kmalloc-96", 96 },	   [2] = { "kmalloc-192", 192 },
	[3] = { "kmalloc-8", 8 },	   [4] = { "kmalloc-16", 16 },
	[5] = { "kmalloc-32", 32 },	   [6] = { "kmalloc-64", 64 },
	[7] = { "kmalloc-128", 128 },	   [8] = { "kmalloc-256", 256 },
	[9] = { "kmalloc-512", 512 },	   [10] = { "kmalloc-1k", 1024 },
	[11] = { "kmalloc-2k", 2048 },	   [12] = { "kmalloc-4k", 4096 },
	[13] = { "kmalloc-8k", 8192 },	   [14] = { "kmalloc-16k", 16384 },
	[15] = { "kmalloc-32k", 32768 },   [16] = { "kmalloc-64k", 65536 },
	[17] = { "kmalloc-128k", 131072 },
};
_Static_assert(ARRAY_SIZE(kmalloc_info) >= NR_KMALLOC_CACHES, "a name for every kmalloc class");

/*
 * kmalloc.classes=fine: classes between Linux's as well, KMALLOC_FINE_STEPS
 * per doubling from KMALLOC_FINE_FROM bytes (KMALLOC_FINE_STEPS_HIGH from
 * KMALLOC_FINE_HIGH on), where the lookup tables can tell them apart: sizes
 * up to KMALLOC_SMALL_MAX in steps of 8, larger ones of KMALLOC_LARGE_STEP.
 * Only the tables change: a size known at compile time still takes Linux's
 * class (kmalloc_caches[kmalloc_index()]), which is still there.
 */
#define KMALLOC_FINE_FROM 128
#define KMALLOC_FINE_STEPS 8
#define KMALLOC_FINE_HIGH 4096
#define KMALLOC_FINE_STEPS_HIGH 4
#define KMALLOC_FINE_NAME_MAX 16 /* "kmalloc-122880" */

static bool kmalloc_fine;
struct kmem_cache *kmalloc_fine_caches[NR_KMALLOC_FINE];
unsigned int nr_kmalloc_fine;
static char kmalloc_fine_names[NR_KMALLOC_FINE][KMALLOC_FINE_NAME_MAX];

static int parse_kmalloc_classes(const char *value)
{
	if (value && !strcmp(value, "fine"))
		kmalloc_fine = true;
	else if (value && !strcmp(value, "linux"))
		kmalloc_fine = false;
	else
		return -EINVAL;
	return 0;
}
early_param("kmalloc.classes", parse_kmalloc_classes);

bool kmalloc_fine_classes(void)
{
	return kmalloc_fine;
}

/* Can the lookup tables give @size a class of its own? (see kmalloc_cache()) */
static bool table_can_tell(unsigned int size)
{
	return size <= KMALLOC_SMALL_MAX ? size % 8 == 0 : size % KMALLOC_LARGE_STEP == 0;
}

/* A fine class of @size bytes, named in Linux's style ("kmalloc-1280", "kmalloc-5k"). */
static void create_fine_class(unsigned int size)
{
	struct kmem_cache *s;
	char *name;

	if (nr_kmalloc_fine == NR_KMALLOC_FINE)
		panic("kmalloc_init: more fine classes than NR_KMALLOC_FINE");
	name = kmalloc_fine_names[nr_kmalloc_fine];
	if (size % 1024)
		snprintf(name, KMALLOC_FINE_NAME_MAX, "kmalloc-%u", size);
	else
		snprintf(name, KMALLOC_FINE_NAME_MAX, "kmalloc-%uk", size / 1024);
	s = create_cache(name, size, 0, SLAB_KMALLOC | SLAB_TIGHT_FIT, NULL);
	if (!s)
		panic("kmalloc_init: cannot create %s", name);
	kmalloc_fine_caches[nr_kmalloc_fine++] = s;
}

static void create_fine_classes(void)
{
	for (unsigned int base = KMALLOC_FINE_FROM; base < KMALLOC_MAX_CACHE_SIZE; base *= 2) {
		unsigned int step = base / (base < KMALLOC_FINE_HIGH ? KMALLOC_FINE_STEPS
								     : KMALLOC_FINE_STEPS_HIGH);

		for (unsigned int size = base + step; size < 2 * base; size += step)
			if (table_can_tell(size) &&
			    kmalloc_caches[kmalloc_index(size)]->object_size != size)
				create_fine_class(size);
	}
}

/* The smallest class of at least @size bytes: Linux's, or a finer one if there is. */
static struct kmem_cache *smallest_class(unsigned int size)
{
	struct kmem_cache *best = kmalloc_caches[kmalloc_index(size)];

	for (unsigned int i = 0; i < nr_kmalloc_fine; i++) {
		struct kmem_cache *s = kmalloc_fine_caches[i];

		if (s->object_size >= size && s->object_size < best->object_size)
			best = s;
	}
	return best;
}

void kmalloc_init(void)
{
	for (unsigned int i = 1; i < NR_KMALLOC_CACHES; i++) {
		unsigned int size = kmalloc_info[i].size;
		/* Power-of-two classes are naturally aligned, as Linux guarantees. */
		unsigned int align = (size & (size - 1)) ? 0 : size;

		if (!size)
			continue;
		kmalloc_caches[i] =
			create_cache(kmalloc_info[i].name, size, align, SLAB_KMALLOC, NULL);
		if (!kmalloc_caches[i])
			panic("kmalloc_init: cannot create %s", kmalloc_info[i].name);
	}
	if (kmalloc_fine)
		create_fine_classes();
	/* An entry serves sizes up to its end: the smallest class that holds that many bytes. */
	for (unsigned int i = 0; i < ARRAY_SIZE(kmalloc_small); i++)
		kmalloc_small[i] = smallest_class((i + 1) * 8);
	for (unsigned int i = 0; i < ARRAY_SIZE(kmalloc_large); i++)
		kmalloc_large[i] = smallest_class((i + 1) * KMALLOC_LARGE_STEP);
}

unsigned long kmalloc_slab_bytes(void)
{
	unsigned long bytes = 0;

	for (unsigned int i = 1; i < NR_KMALLOC_CACHES; i++) {
		struct kmem_cache *s = kmalloc_caches[i];

		if (s)
			bytes += (PAGE_SIZE << s->order) * READ_ONCE(s->nr_slabs);
	}
	for (unsigned int i = 0; i < nr_kmalloc_fine; i++) {
		struct kmem_cache *s = kmalloc_fine_caches[i];

		bytes += (PAGE_SIZE << s->order) * READ_ONCE(s->nr_slabs);
	}
	return bytes;
}

static void *kmalloc_pages(size_t size, gfp_t flags)
{
	unsigned int order = get_order(size);
	struct page *page;

	if (unlikely(size > KMALLOC_MAX_SIZE)) {
		if (!(flags & __GFP_NOWARN)) {
			pr_warn("kmalloc: %zu bytes is more than KMALLOC_MAX_SIZE (%lu)\n", size,
				(unsigned long)KMALLOC_MAX_SIZE);
			WARN_ON(true);
		}
		return NULL;
	}
	page = alloc_pages(flags | __GFP_COMP, order);
	if (!page)
		return NULL;
	__SetPageLargeKmalloc(page);
	return page_address(page);
}

/* Sizes 0 and above KMALLOC_MAX_CACHE_SIZE. */
static noinline void *kmalloc_big(size_t size, gfp_t flags)
{
	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	return kmalloc_pages(size, flags);
}

/* The kmalloc cache for @size, or NULL for 0 and sizes above KMALLOC_MAX_CACHE_SIZE. */
static __always_inline struct kmem_cache *kmalloc_cache(size_t size)
{
	/* size - 1 wraps for 0, which goes the slow way too. */
	if (likely(size - 1 < KMALLOC_SMALL_MAX))
		return kmalloc_small[(size - 1) / 8];
	if (likely(size - 1 < KMALLOC_MAX_CACHE_SIZE))
		return kmalloc_large[(size - 1) / KMALLOC_LARGE_STEP];
	return NULL;
}

static __always_inline void *do_kmalloc(size_t size, gfp_t flags)
{
	struct kmem_cache *s;

	if (likely(size - 1 < KMALLOC_SMALL_MAX))
		s = kmalloc_small[(size - 1) / 8];
	else if (likely(size - 1 < KMALLOC_MAX_CACHE_SIZE))
		s = kmalloc_large[(size - 1) / KMALLOC_LARGE_STEP];
	else
		return kmalloc_big(size, flags);
	return slab_alloc(s, flags, size);
}

/* do_kmalloc() for callers that do more afterwards: @caller is named in reports. */
static void *kmalloc_caller(size_t size, gfp_t flags, unsigned long caller)
{
	struct kmem_cache *s = kmalloc_cache(size);

	if (!s)
		return kmalloc_big(size, flags);
	return slab_alloc_slow(s, flags, size, caller);
}

void *__kmalloc(size_t size, gfp_t flags)
{
	return do_kmalloc(size, flags);
}

void *kmalloc_trace(struct kmem_cache *s, gfp_t flags, size_t size)
{
	return slab_alloc(s, flags, size);
}

void *kzalloc(size_t size, gfp_t flags)
{
	return do_kmalloc(size, flags | __GFP_ZERO);
}

void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;
	return do_kmalloc(bytes, flags);
}

void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;
	return do_kmalloc(bytes, flags | __GFP_ZERO);
}

/* What kfree() would do with @p; KMALLOC_BAD (after a report) when @p is not kmalloc memory. */
enum kmalloc_kind {
	KMALLOC_BAD,
	KMALLOC_SLAB,
	KMALLOC_LARGE
};

static enum kmalloc_kind classify(const void *p, struct page **pagep, unsigned long caller)
{
	struct page *head;

	if (unlikely(!virt_addr_valid(p))) {
		bad_kfree(p, caller, "kfree of an address outside the kernel's memory map");
		return KMALLOC_BAD;
	}
	head = compound_head(virt_to_page(p));
	*pagep = head;
	if (likely(PageSlab(head))) {
		struct kmem_cache *s = head->slab_cache;

		if (likely(is_object_start(s, head, p)))
			return KMALLOC_SLAB;
		slab_err(s, head, "kfree of a pointer that is not the start of an object (%px)", p);
		return KMALLOC_BAD;
	}
	if (PageLargeKmalloc(head) && page_address(head) == p)
		return KMALLOC_LARGE;
	bad_kfree(p, caller,
		  PageLargeKmalloc(head) ? "kfree of a pointer inside a large kmalloc block"
					 : "kfree of memory that kmalloc did not allocate");
	return KMALLOC_BAD;
}

static void free_large(struct page *page)
{
	__ClearPageLargeKmalloc(page);
	__free_pages(page, compound_order(page));
}

/* kfree() of anything its fast path does not take: sorted out, and reported if bad. */
static noinline void kfree_slow(const void *objp, unsigned long fast_caller)
{
	unsigned long caller = slab_miss_caller(fast_caller);
	struct page *page;

	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return;
	switch (classify(objp, &page, caller)) {
	case KMALLOC_SLAB:
		slab_free_slow(page->slab_cache, (void *)objp, caller);
		break;
	case KMALLOC_LARGE:
		free_large(page);
		break;
	case KMALLOC_BAD:
		break;
	}
}

void kfree(const void *objp)
{
	const struct slab_map *map = slab_map_ptr();
	struct kmem_cache *s;

	/*
	 * An object of a kmalloc cache: the slab map names the cache of its
	 * page, and &no_slab_cache, whose objects nothing matches, for any
	 * other page. Anything else (NULL and ZERO_SIZE_PTR lie outside the
	 * span, another cache's object, a large block, a pointer that is not
	 * an object's start) goes the slow way, to be sorted out or reported.
	 */
	if (likely(slab_map_covers(map, objp))) {
		s = slab_map_cache(map, objp);
		if (likely(slab_map_object_start(s, objp))) {
			VM_BUG_ON_PAGE(!PageSlab(compound_head(memmap_page(objp))),
				       memmap_page(objp));
			slab_free(s, (void *)objp);
			return;
		}
	}
	kfree_slow(objp, SLAB_FAST_CALLER);
}

bool is_kmalloc_block(const void *p)
{
	struct page *head;

	if (ZERO_OR_NULL_PTR(p) || !virt_addr_valid(p))
		return false;
	head = compound_head(virt_to_page(p));
	if (PageSlab(head))
		return object_index(head->slab_cache, head, p) >= 0;
	return PageLargeKmalloc(head) && page_address(head) == p;
}

/* The size class of @objp: what it can grow to in place. 0 (reported) if not kmalloc memory. */
static size_t class_size(const void *objp, struct page **pagep, unsigned long caller)
{
	switch (classify(objp, pagep, caller)) {
	case KMALLOC_SLAB:
		return (*pagep)->slab_cache->object_size;
	case KMALLOC_LARGE:
		return PAGE_SIZE << compound_order(*pagep);
	default:
		return 0;
	}
}

/* Bytes of @objp the caller may use: the class, or the requested size when red-zoned. */
static size_t usable_size(const void *objp, struct page *page, size_t class)
{
	struct kmem_cache *s = PageSlab(page) ? page->slab_cache : NULL;

	return s && s->orig_size_offset ? kmalloc_orig_size(s, objp) : class;
}

size_t ksize(const void *objp)
{
	struct page *page;
	size_t class;

	if (ZERO_OR_NULL_PTR(objp))
		return 0;
	class = class_size(objp, &page, (unsigned long)__builtin_return_address(0));
	return class ? usable_size(objp, page, class) : 0;
}

void kfree_sensitive(const void *objp)
{
	size_t size = ksize(objp);

	if (size)
		memset((void *)objp, 0, size);
	kfree(objp);
}

/* Resize in place within the class; keeps the __GFP_ZERO contract of krealloc(). */
static void *resize_in_place(void *p, struct page *page, size_t used, size_t class, size_t new_size,
			     gfp_t flags)
{
	struct kmem_cache *s = PageSlab(page) ? page->slab_cache : NULL;

	if (s && s->orig_size_offset) {
		if ((flags & __GFP_ZERO) && new_size > used)
			memset((u8 *)p + used, 0, new_size - used);
		kmalloc_set_orig_size(s, p, new_size);
	} else if ((flags & __GFP_ZERO) && new_size < class) {
		memset((u8 *)p + new_size, 0, class - new_size);
	}
	return p;
}

void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	unsigned long caller = (unsigned long)__builtin_return_address(0);
	size_t class = 0, used = 0;
	struct page *page = NULL;
	void *ret;

	if (unlikely(!new_size)) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	if (!ZERO_OR_NULL_PTR(p)) {
		class = class_size(p, &page, caller);
		if (!class)
			return NULL; /* not kmalloc memory: reported, left alone */
		if (PageSlab(page) && !slab_object_live(page->slab_cache, page, (void *)p))
			return NULL; /* freed already: reported as kfree() would, left alone */
		used = usable_size(p, page, class);
		if (new_size <= class)
			return resize_in_place((void *)p, page, used, class, new_size, flags);
	}
	ret = kmalloc_caller(new_size, flags & ~__GFP_ZERO, caller);
	if (!ret)
		return NULL;
	memcpy(ret, p, used);
	if (flags & __GFP_ZERO)
		memset((u8 *)ret + used, 0, ksize(ret) - used);
	kfree(p);
	return ret;
}

char *kstrdup(const char *s, gfp_t gfp)
{
	return s ? kmemdup(s, strlen(s) + 1, gfp) : NULL;
}

void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = kmalloc_caller(len, gfp, (unsigned long)__builtin_return_address(0));

	if (p && !ZERO_OR_NULL_PTR(p))
		memcpy(p, src, len);
	return p;
}

size_t kmalloc_size_roundup(size_t size)
{
	struct kmem_cache *s = kmalloc_cache(size);

	if (s)
		return s->object_size;
	if (!size || size > KMALLOC_MAX_SIZE)
		return size;
	return PAGE_SIZE << get_order(size);
}

void *krealloc_array(void *p, size_t new_n, size_t new_size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(new_n, new_size, &bytes)))
		return NULL;
	return krealloc(p, bytes, flags);
}
