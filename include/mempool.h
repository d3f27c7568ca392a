/*
 * Memory pools: a reserve of preallocated elements, so that code which must
 * make progress when memory runs out (the code that frees memory, I/O paths)
 * can always get the few elements it needs. Linux's mempool API and
 * semantics; implemented in mm/mempool.c.
 */
#ifndef _MEMPOOL_H
#define _MEMPOOL_H

#include <gfp.h>
#include <spinlock.h>
#include <types.h>

struct kmem_cache;

/* The allocator behind a pool: allocate one element with @gfp_mask, or free one. */
typedef void *(mempool_alloc_t)(gfp_t gfp_mask, void *pool_data);
typedef void(mempool_free_t)(void *element, void *pool_data);

/**
 * struct mempool - a pool; its fields are the implementation's
 * @lock: protects @curr_nr, @elements and @free_gen
 * @min_nr: the reserve's size, what the pool guarantees
 * @curr_nr: elements in the reserve now, 0..@min_nr
 * @elements: the reserve, an array of @min_nr slots
 * @pool_data: handed to @alloc and @free (a cache, a size, an order)
 * @alloc: allocates one element
 * @free: frees one element
 * @free_gen: bumped each time mempool_free() puts an element in the reserve,
 *	which is what a waiting mempool_alloc() watches
 * @debug: the reserve is poisoned whatever the cache's flags (mempool_set_debug()
 *	was on when the pool was made)
 */
typedef struct mempool {
	spinlock_t lock;
	int min_nr;
	int curr_nr;
	void **elements;
	void *pool_data;
	mempool_alloc_t *alloc;
	mempool_free_t *free;
	unsigned long free_gen;
	bool debug;
} mempool_t;

/**
 * mempool_init - set up a pool in memory the caller provides
 * @pool: the pool (embedded in the caller's structure, say)
 * @min_nr: elements to reserve, 0 or more
 * @alloc_fn: the allocator's allocation function
 * @free_fn: its free function
 * @pool_data: handed to both
 *
 * Allocates the reserve's array and @min_nr elements with GFP_KERNEL.
 * Context: may sleep (reclaim).
 * Return: 0, -ENOMEM (nothing is left allocated) or -EINVAL (a negative
 * @min_nr or a missing function, with a warning).
 */
int mempool_init(mempool_t *pool, int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
		 void *pool_data);

/**
 * mempool_exit - free what mempool_init() allocated
 * @pool: the pool; every element handed out must have been given back
 *
 * The reserved elements go back to the allocator (checked first, if they
 * are poisoned), then the reserve's array.
 */
void mempool_exit(mempool_t *pool);

/**
 * mempool_create - create a pool
 * @min_nr: elements to reserve, 0 or more
 * @alloc_fn: the allocator's allocation function
 * @free_fn: its free function
 * @pool_data: handed to both
 *
 * As mempool_init(), with the pool itself allocated too.
 * Context: may sleep.
 * Return: the pool, or NULL.
 */
mempool_t *mempool_create(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			  void *pool_data);

/**
 * mempool_destroy - free a pool and its reserve
 * @pool: the pool, or NULL (nothing happens)
 *
 * Every element handed out must have been given back with mempool_free();
 * then every page and object the pool took returns to its allocator.
 */
void mempool_destroy(mempool_t *pool);

/**
 * mempool_resize - change the size of a pool's reserve
 * @pool: the pool
 * @new_min_nr: the new size, 1 or more
 *
 * Shrinking frees the reserved elements beyond @new_min_nr to the allocator.
 * Growing reallocates the reserve's array and fills it with GFP_KERNEL
 * allocations; as in Linux, an allocation failing there ends the filling
 * without an error: the new size holds, and mempool_free() tops the reserve
 * up from the elements given back.
 * Context: may sleep.
 * Return: 0; -ENOMEM when the new array cannot be allocated (nothing
 * changed); -EINVAL for @new_min_nr below 1 (with a warning; nothing changed).
 */
int mempool_resize(mempool_t *pool, int new_min_nr);

/**
 * mempool_alloc - allocate an element, from the reserve if need be
 * @pool: the pool
 * @gfp_mask: GFP flags; __GFP_ZERO is not supported (a warning, and ignored)
 *
 * First the allocator is tried without direct reclaim and without a
 * warning; when it fails, an element is taken from the reserve. With the
 * reserve empty:
 *
 * - without __GFP_DIRECT_RECLAIM (GFP_ATOMIC, GFP_NOWAIT): NULL at once;
 * - with it (GFP_KERNEL): the allocator is tried again, with reclaim. If that
 *   fails too, Linux waits for another CPU to mempool_free() an element, and
 *   never returns NULL. Here, while other CPUs run, the caller spins until
 *   mempool_free() puts an element in the reserve (it watches @free_gen),
 *   trying the allocator again now and then meanwhile. With one CPU online
 *   (num_online_cpus(), SMP=1) nothing can free an element while it would wait:
 *   after the try with reclaim it prints "mempool_alloc: pool ... is empty
 *   and its allocator fails; no other CPU can free an element: returning
 *   NULL" and a WARNING (neither with __GFP_NOWARN), and returns NULL rather
 *   than hang.
 *
 * So @min_nr allocations outstanding at once always succeed, whatever the
 * allocator does, as long as each is given back with mempool_free().
 *
 * A reserved element whose poison was written to while it sat in the pool
 * (see mempool_set_debug()) is reported ("BUG <cache>: Poison overwritten
 * in a reserved mempool element"), its poison restored, and handed out.
 * Context: any with GFP_ATOMIC or GFP_NOWAIT; GFP_KERNEL may reclaim and wait.
 * Return: an element, or NULL.
 */
void *mempool_alloc(mempool_t *pool, gfp_t gfp_mask);

/**
 * mempool_free - give an element back
 * @element: an element from mempool_alloc() of @pool, or NULL (nothing happens)
 * @pool: the pool
 *
 * A reserve below @min_nr takes the element (poisoned, when the pool
 * poisons); otherwise it goes back to the allocator. Bad elements are
 * reported, never stored: one that is not an object or block of the stock
 * allocator's kind (an interior pointer, another cache's object) goes to
 * the allocator's own free function, whose checks report it; one already in
 * the reserve (a double free) is reported as such and dropped. A double
 * free while the reserve is full reaches the allocator, which reports it.
 * Context: any.
 */
void mempool_free(void *element, mempool_t *pool);

/* The stock allocators. @pool_data is the cache, the size or the order. */

/**
 * mempool_alloc_slab - kmem_cache_alloc() from the cache in @pool_data.
 * mempool_free_slab - kmem_cache_free() to it.
 */
void *mempool_alloc_slab(gfp_t gfp_mask, void *pool_data);
void mempool_free_slab(void *element, void *pool_data);

/**
 * mempool_create_slab_pool - a pool of @min_nr objects of cache @kc.
 */
static inline mempool_t *mempool_create_slab_pool(int min_nr, struct kmem_cache *kc)
{
	return mempool_create(min_nr, mempool_alloc_slab, mempool_free_slab, kc);
}

/**
 * mempool_kmalloc - kmalloc() of the size in @pool_data.
 * mempool_kfree - kfree().
 */
void *mempool_kmalloc(gfp_t gfp_mask, void *pool_data);
void mempool_kfree(void *element, void *pool_data);

/**
 * mempool_create_kmalloc_pool - a pool of @min_nr kmalloc() blocks of @size bytes.
 */
static inline mempool_t *mempool_create_kmalloc_pool(int min_nr, size_t size)
{
	return mempool_create(min_nr, mempool_kmalloc, mempool_kfree, (void *)size);
}

/**
 * mempool_alloc_pages - alloc_pages() of the order in @pool_data; the element is a struct page *.
 * mempool_free_pages - __free_pages() of such an element.
 */
void *mempool_alloc_pages(gfp_t gfp_mask, void *pool_data);
void mempool_free_pages(void *element, void *pool_data);

/**
 * mempool_create_page_pool - a pool of @min_nr blocks of 2^@order pages.
 */
static inline mempool_t *mempool_create_page_pool(int min_nr, int order)
{
	return mempool_create(min_nr, mempool_alloc_pages, mempool_free_pages, (void *)(long)order);
}

/**
 * mempool_set_debug - poison the reserve of pools created from now on
 * @on: true to poison, false for the default
 *
 * Reserved elements are poisoned (POISON_FREE, POISON_END last) while they
 * sit in the pool and checked when they leave it, when the pool's slab cache
 * poisons (SLAB_POISON, slub_debug=P) or, for any stock pool (pages
 * included), while this switch was on when the pool was made. Objects of a
 * cache with a constructor are never poisoned: their constructed state must
 * survive. The boot parameter mempool.debug=1 sets it at boot.
 * Return: the previous setting.
 */
bool mempool_set_debug(bool on);

#endif /* _MEMPOOL_H */
