/*
 * Slab caches and kmalloc: Linux's kmem_cache_* and kmalloc family. Objects
 * of one size come from caches of slabs (runs of pages cut into objects);
 * kmalloc picks a cache by size, or the page allocator for large requests.
 */
#ifndef _SLAB_H
#define _SLAB_H

#include <asm/port.h> /* PAGE_SHIFT: the kmalloc classes follow the page size */
#include <compiler.h>
#include <gfp.h>
#include <types.h>

typedef unsigned int slab_flags_t;

/* Cache flags (Linux names and meanings). */
#define SLAB_CONSISTENCY_CHECKS 0x00000100U /* check free pointers and slab state ("F") */
#define SLAB_RED_ZONE 0x00000400U	    /* guard bytes before and after each object ("Z") */
#define SLAB_POISON 0x00000800U		    /* fill free objects with POISON_FREE ("P") */
#define SLAB_HWCACHE_ALIGN 0x00002000U	    /* align objects to the cache line */
#define SLAB_CACHE_DMA 0x00004000U	    /* objects from ZONE_DMA (see __GFP_DMA) */
#define SLAB_CACHE_DMA32 0x00008000U	    /* objects from ZONE_DMA32 */
#define SLAB_STORE_USER 0x00010000U	    /* record allocating and freeing caller ("U") */
#define SLAB_PANIC 0x00040000U		    /* panic if the cache cannot be created */
#define SLAB_RECLAIM_ACCOUNT 0x00020000U    /* count pages as SReclaimable */

#define SLAB_DEBUG_FLAGS (SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

/* Byte patterns of the debugging modes (Linux's values). */
#define POISON_INUSE 0x5a      /* fresh object never written by its user (unused) */
#define POISON_FREE 0x6b       /* free object */
#define POISON_END 0xa5	       /* last byte of a poisoned free object */
#define SLUB_RED_INACTIVE 0xbb /* red zone of a free object */
#define SLUB_RED_ACTIVE 0xcc   /* red zone of an allocated object */

/* kmalloc classes as Linux's SLUB: 8 B .. two pages (8 KiB, or 128 KiB); larger: pages. */
#define KMALLOC_MIN_SIZE 8
#define KMALLOC_SHIFT_HIGH (PAGE_SHIFT + 1)
#define KMALLOC_MAX_CACHE_SIZE (1UL << KMALLOC_SHIFT_HIGH)
#define KMALLOC_MAX_SIZE (PAGE_SIZE << MAX_ORDER)

/* What kmalloc(0) returns: not NULL, and faults when dereferenced. */
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

struct kmem_cache;

/**
 * kmem_cache_create - create a cache of objects of one size
 * @name: name shown in slabinfo and reports (the string must outlive the cache)
 * @size: object size in bytes (1 .. KMALLOC_MAX_SIZE)
 * @align: minimum alignment, or 0. Linux documents no rule for it, does not
 *	check it, and rounds it with ALIGN(), which assumes a power of two: an
 *	@align of 24 gives objects aligned to 8 there, silently. Here any
 *	@align is accepted too, and one that is not a power of two is rounded
 *	up to the next power of two (24 gives 32: every address a multiple of
 *	each power of two dividing 24) with a warning naming the cache.
 * @flags: SLAB_* flags
 * @ctor: constructor, or NULL. It runs once per object, when a new slab is
 *	laid out; objects are expected to be returned to the cache in their
 *	constructed state, and the allocator never writes into them.
 *
 * Context: may allocate pages with GFP_KERNEL.
 * Return: the cache, or NULL (a panic instead with SLAB_PANIC).
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *));

/**
 * KMEM_CACHE - create a cache for objects of type struct @__struct
 * @__struct: the structure's tag; the cache is named after it
 * @__flags: SLAB_* flags
 *
 * Linux's shorthand: the size and alignment are the structure's own.
 * Return: as kmem_cache_create().
 */
#define KMEM_CACHE(__struct, __flags)                                                       \
	kmem_cache_create(#__struct, sizeof(struct __struct), __alignof__(struct __struct), \
			  (__flags), NULL)

/**
 * kmem_cache_destroy - destroy a cache
 * @s: the cache, or NULL (nothing happens)
 *
 * Every object must have been freed. If some are still allocated, they are
 * reported as leaks and their slabs are left alone (never freed under them);
 * the cache stays usable and listed. A cache that does not exist (destroyed
 * already) is reported, and nothing is done; its memory is never read.
 */
void kmem_cache_destroy(struct kmem_cache *s);

/**
 * kmem_cache_alloc - allocate an object
 * @s: the cache
 * @gfpflags: GFP flags for any pages needed (__GFP_ZERO zeroes the object)
 *
 * Context: any; with GFP_ATOMIC never sleeps.
 * Return: the object, aligned as the cache promises, or NULL.
 */
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfpflags);

/**
 * kmem_cache_zalloc - kmem_cache_alloc() with the object zeroed.
 */
void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfpflags);

/**
 * kmem_cache_free - return an object to its cache
 * @s: the cache the object came from
 * @objp: the object
 *
 * What is reported (and then ignored: nothing is freed) depends on the mode
 * (docs/slab-debugging.md):
 *  - always: a pointer that is not an object of @s (another cache's, an
 *    interior or misaligned pointer, not slab memory), and a free of the
 *    object this CPU freed last (an immediate double free);
 *  - slab_hardened=1 or slab debugging (SLAB_DEBUG_FLAGS, slub_debug=) on
 *    @s: every double free, and every free of an object @s never handed out.
 * By default any other double free is not caught: the object is then handed
 * out twice.
 */
void kmem_cache_free(struct kmem_cache *s, void *objp);

/**
 * kmem_cache_alloc_bulk - allocate @size objects at once
 * @s: the cache
 * @flags: GFP flags, as for kmem_cache_alloc() (__GFP_ZERO zeroes each object)
 * @size: how many objects
 * @p: an array of @size pointers, filled with the objects
 *
 * All or nothing, as in Linux: if any object cannot be had, those taken are
 * given back and 0 is returned. Cheaper per object than as many
 * kmem_cache_alloc() calls: the objects come off this CPU's array in one
 * step, the rest from the slabs under one lock. Debug caches and caches
 * failslab may fail are served one object at a time, checked as usual.
 * Context: as kmem_cache_alloc().
 * Return: @size, or 0 (nothing allocated).
 */
int kmem_cache_alloc_bulk(struct kmem_cache *s, gfp_t flags, size_t size, void **p);

/**
 * __kmem_cache_free_bulk - kmem_cache_free_bulk() of a cache's objects (@s not NULL).
 */
void __kmem_cache_free_bulk(struct kmem_cache *s, size_t size, void **p);

/**
 * kmem_cache_shrink - give a cache's empty slabs back to the page allocator
 * Return: 0.
 */
int kmem_cache_shrink(struct kmem_cache *s);

/**
 * kmem_cache_size - the object size of a cache (what the user asked for).
 */
unsigned int kmem_cache_size(struct kmem_cache *s);

/**
 * kmem_cache_of_object - the cache @p is the start of an object of
 * @p: any address
 *
 * Return: the cache, whether the object is allocated or free; NULL when @p is
 * not in a slab or not the start of an object. For code that checks or
 * reports memory it was handed (mempool's reserve).
 */
struct kmem_cache *kmem_cache_of_object(const void *p);

/**
 * kmem_cache_owns - is @p the start of one of @s's objects (allocated or free)?
 */
bool kmem_cache_owns(const struct kmem_cache *s, const void *p);

/**
 * kmem_cache_poisons - does @s fill its free objects with POISON_FREE
 * (SLAB_POISON, from its flags or slub_debug=)?
 */
bool kmem_cache_poisons(const struct kmem_cache *s);

/**
 * kmem_cache_may_poison - may @s's free objects be overwritten at all? False
 * for a cache with a constructor: its objects keep their constructed state.
 */
bool kmem_cache_may_poison(const struct kmem_cache *s);

/**
 * is_kmalloc_block - could kmalloc() have returned @p?
 * @p: any address
 *
 * Return: true if @p is the start of a slab object (of any cache) or of a
 * large kmalloc block; false otherwise (ZERO_SIZE_PTR and NULL included).
 */
bool is_kmalloc_block(const void *p);

/**
 * kmem_cache_validate - check every slab and object of a cache
 *
 * Walks all slabs: free lists, counters, the red zones and poison of free
 * objects, and the red zones of allocated ones (and, in a red-zoned kmalloc
 * cache, the bytes between the size asked for and the class). Each problem
 * is reported in SLUB's format and, where it can be, repaired.
 * Return: the number of problems found.
 */
unsigned long kmem_cache_validate(struct kmem_cache *s);

#define NR_KMALLOC_CACHES (KMALLOC_SHIFT_HIGH + 1)

/* The kmalloc-<class> caches, by kmalloc_index(). */
extern struct kmem_cache *kmalloc_caches[NR_KMALLOC_CACHES];

/**
 * kmalloc_index - the kmalloc cache for @size (1 .. KMALLOC_MAX_CACHE_SIZE):
 * 1 and 2 are the 96 and 192 byte classes, n from 3 on the 2^n byte class, as
 * in Linux. A constant when @size is one.
 */
static __always_inline unsigned int kmalloc_index(size_t size)
{
	if (size <= 8)
		return 3;
	if (size <= 16)
		return 4;
	if (size <= 32)
		return 5;
	if (size <= 64)
		return 6;
	if (size <= 96)
		return 1;
	if (size <= 128)
		return 7;
	if (size <= 192)
		return 2;
	return (unsigned int)(64 - __builtin_clzl(size - 1));
}

/**
 * kmalloc_trace - kmalloc() of @size bytes from @s, the cache kmalloc_index()
 * chose for it at compile time (Linux's name).
 * __kmalloc - kmalloc() of a size known only at run time.
 *
 * Call kmalloc(), which picks between them.
 */
void *kmalloc_trace(struct kmem_cache *s, gfp_t flags, size_t size);
void *__kmalloc(size_t size, gfp_t flags);

/**
 * kmalloc - allocate memory
 * @size: bytes wanted
 * @flags: GFP flags
 *
 * Sizes up to KMALLOC_MAX_CACHE_SIZE come from the kmalloc-<class> caches;
 * larger ones from the page allocator as one compound allocation. Blocks of
 * a power-of-two size are aligned to that size. kmalloc(0) returns
 * ZERO_SIZE_PTR. A size above KMALLOC_MAX_SIZE returns NULL with a warning.
 * As in Linux, a constant size picks its cache at compile time.
 */
#if FAST_API_INLINE_BODIES
__fast_api_inline void *kmalloc(size_t size, gfp_t flags)
{
	if (__builtin_constant_p(size) && size - 1 < KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_trace(kmalloc_caches[kmalloc_index(size)], flags, size);
	return __kmalloc(size, flags);
}
#else
/**
 * kmalloc - allocate memory: the same, out of line (DEBUG=1, for stepping in gdb)
 */
void *kmalloc(size_t size, gfp_t flags);
#endif

/**
 * kzalloc - kmalloc() with the memory zeroed.
 */
void *kzalloc(size_t size, gfp_t flags);

/**
 * kmalloc_array - room for @n elements of @size bytes; NULL if n * size overflows.
 */
void *kmalloc_array(size_t n, size_t size, gfp_t flags);

/**
 * kcalloc - kmalloc_array() zeroed.
 */
void *kcalloc(size_t n, size_t size, gfp_t flags);

/**
 * kmalloc_size_roundup - the size kmalloc() would really allocate for @size
 * @size: bytes a caller wants
 *
 * Asking for this size from the start uses the whole block (no ksize()
 * afterwards). 0 for 0; a size above KMALLOC_MAX_SIZE comes back as it is,
 * since kmalloc() of it fails anyway. With kmalloc.classes=fine it is the
 * finer class a size known only at run time takes (1152 for 1030, where
 * Linux says 2048); a size known at compile time keeps Linux's class.
 * Return: the size of the block kmalloc(@size) returns.
 */
size_t kmalloc_size_roundup(size_t size);

/**
 * krealloc - resize a kmalloc'ed block, keeping its contents
 * @p: the block, or NULL (then this is kmalloc)
 * @new_size: the new size; 0 frees @p and returns ZERO_SIZE_PTR
 * @flags: GFP flags; __GFP_ZERO zeroes the grown part
 *
 * Stays in place when the block's size class already fits @new_size. As in
 * Linux, __GFP_ZERO zeroes what lies beyond the old block's usable size
 * (ksize); bytes between the size first asked for and the size class are
 * zero only if the block was allocated zeroed and every krealloc() of it
 * passed __GFP_ZERO (shrinking with __GFP_ZERO zeroes the cut-off tail).
 * @p is checked as kfree() checks it: a pointer kfree() would report (one
 * already freed included, as far as the mode catches it) is reported the
 * same way, left alone, and NULL returned.
 * Return: the block (maybe moved), or NULL with @p untouched.
 */
void *krealloc(const void *p, size_t new_size, gfp_t flags);

/**
 * krealloc_array - krealloc() to room for @new_n elements of @new_size bytes
 * @p: the block, or NULL
 * @new_n: number of elements
 * @new_size: bytes per element
 * @flags: as for krealloc()
 *
 * Return: as krealloc(); NULL, with @p untouched, if @new_n * @new_size overflows.
 */
void *krealloc_array(void *p, size_t new_n, size_t new_size, gfp_t flags);

/**
 * kfree - free a kmalloc'ed block
 * @objp: the block; NULL and ZERO_SIZE_PTR are ignored
 *
 * Reported and ignored: always, a pointer kmalloc() did not return (not
 * kernel memory, an interior pointer of an object or a large block, a page
 * of the page allocator) and an immediate double free, as kmem_cache_free();
 * with slab_hardened=1 or slab debugging on the object's cache, every double
 * free of a slab object. A large block (above KMALLOC_MAX_CACHE_SIZE) freed
 * twice is reported unless its pages were handed out again meanwhile.
 */
void kfree(const void *objp);

/**
 * kmem_cache_free_bulk - free @size objects at once
 * @s: the cache they all came from, or NULL: then each may come from any
 *	kmalloc cache or be a large kmalloc block (Linux's kfree_bulk())
 * @size: how many
 * @p: the objects
 *
 * Each object is checked as kmem_cache_free() checks it: one that is not an
 * object of @s, or is freed twice in a row, is reported and skipped, and
 * the others are freed.
 * Context: any.
 */
static inline void kmem_cache_free_bulk(struct kmem_cache *s, size_t size, void **p)
{
	if (!s) {
		for (size_t i = 0; i < size; i++)
			kfree(p[i]);
		return;
	}
	__kmem_cache_free_bulk(s, size, p);
}

/**
 * kfree_bulk - kfree() each of @size blocks in @p (kmalloc memory of any size).
 */
static inline void kfree_bulk(size_t size, void **p)
{
	kmem_cache_free_bulk(NULL, size, p);
}

/**
 * kfree_sensitive - zero the whole block (ksize bytes), then kfree() it.
 */
void kfree_sensitive(const void *objp);

/**
 * ksize - how many bytes of a kmalloc'ed block may be used: its size class
 * (with kmalloc.classes=fine, maybe a finer one than Linux's), or exactly the
 * size asked for when the cache is red-zoned (so that writes past it are
 * caught). 0 for NULL, ZERO_SIZE_PTR, or memory not from kmalloc.
 */
size_t ksize(const void *objp);

/**
 * kstrdup - a kmalloc'ed copy of a string (NULL for NULL).
 */
char *kstrdup(const char *s, gfp_t gfp);

/**
 * kmemdup - a kmalloc'ed copy of @len bytes.
 */
void *kmemdup(const void *src, size_t len, gfp_t gfp);

/**
 * show_slabinfo - print every cache in /proc/slabinfo version 2.1 format.
 */
void show_slabinfo(void);

/**
 * show_slab_cache - print one cache in detail
 * @name: the cache's name, as slabinfo shows it
 *
 * Its slabinfo line, then its object layout (size, stride, alignment, red
 * zone, free pointer), its slabs, its flags and each online CPU's array.
 * Return: 0, or -ENOENT when no cache has that name.
 */
int show_slab_cache(const char *name);

/**
 * slab_error_count - corruption and misuse reports printed so far (for tests).
 */
unsigned long slab_error_count(void);

/**
 * kmem_cache_init - the first cache (of struct kmem_cache); called once by mm_core_init().
 */
void kmem_cache_init(void);

#endif /* _SLAB_H */
