/*
 * kmem_cache_alloc_bulk() and kmem_cache_free_bulk(): many objects of one
 * cache in one call. Objects move between the caller's array and this CPU's
 * object array under one interrupt-masked section, and the rest between the
 * caller's array and the slabs under one taking of the cache lock, instead of
 * once per object. Debug caches, caches failslab may fail and caches
 * init_on_alloc/init_on_free apply to take the single-object paths, so every
 * check, injected failure and zeroing still applies.
 * Locks: a cache's ->lock only, through slab_lists.c (see slab.c).
 */
#include <asm/port.h>
#include <kernel.h>
#include <smp.h>
#include <string.h>

#include "slab.h"

/* Move up to @want objects off this CPU's (fast-path) array into @p; returns how many. */
static size_t pop_from_array(struct kmem_cache *s, size_t want, void **p)
{
	unsigned long flags, n;
	struct array_cache *ac;

	local_irq_save(flags);
	ac = fast_array(s, raw_smp_processor_id());
	n = min(array_objects(ac), (unsigned long)want);
	ac->top -= n;
	memcpy(p, ac->top, n * sizeof(void *));
	local_irq_restore(flags);
	return n;
}

/* One object at a time, through every check: debug caches and failslab. */
static int alloc_one_by_one(struct kmem_cache *s, gfp_t flags, size_t size, void **p,
			    unsigned long caller)
{
	for (size_t i = 0; i < size; i++) {
		p[i] = slab_alloc_slow(s, flags, 0, caller);
		if (!p[i]) {
			__kmem_cache_free_bulk(s, i, p);
			return 0;
		}
	}
	return (int)size;
}

int kmem_cache_alloc_bulk(struct kmem_cache *s, gfp_t flags, size_t size, void **p)
{
	unsigned long caller = (unsigned long)__builtin_return_address(0);
	size_t got;

	if (unlikely(slab_checked(s) || READ_ONCE(s->failslab) || s->init_on_alloc ||
		     s->init_on_free))
		return alloc_one_by_one(s, flags, size, p, caller);
	got = pop_from_array(s, size, p);
	while (got < size) {
		unsigned int n = take_objects(s, flags, p + got,
					      (unsigned int)min(size - got, (size_t)UINT_MAX));

		if (!n) {
			__kmem_cache_free_bulk(s, got, p);
			return 0;
		}
		got += n;
	}
	if (flags & __GFP_ZERO)
		for (size_t i = 0; i < size; i++)
			memset(p[i], 0, s->object_size);
	return (int)size;
}

/* Is @obj the start of an object of @s? kmem_cache_free()'s fast test. */
static bool plain_object_of(struct kmem_cache *s, void *obj)
{
	struct page *page;

	if (!memmap_covers(obj))
		return false;
	page = memmap_page(obj);
	return page->slab_cache == s && is_object_start(s, page, obj);
}

/*
 * Push objects of @p onto this CPU's array while they are plain objects of @s
 * and there is room; returns how many. The first it stops at goes through
 * kmem_cache_free() (reported if bad, or flushing a full array).
 */
static size_t push_to_array(struct kmem_cache *s, size_t size, void **p)
{
	unsigned long flags;
	struct array_cache *ac;
	void **top;
	size_t i;

	local_irq_save(flags);
	ac = fast_array(s, raw_smp_processor_id());
	top = ac->top;
	for (i = 0; i < size && top < ac->end; i++) {
		/* The object freed last again is a double free: the slow path reports it. */
		if (!plain_object_of(s, p[i]) || top[-1] == p[i])
			break;
		*top++ = p[i];
	}
	ac->top = top;
	local_irq_restore(flags);
	return i;
}

void __kmem_cache_free_bulk(struct kmem_cache *s, size_t size, void **p)
{
	size_t i = 0;

	while (i < size) {
		i += push_to_array(s, size - i, p + i);
		if (i < size)
			kmem_cache_free(s, p[i++]);
	}
}
