/*
 * Slabs: laying a new slab out, and moving objects between the slabs of a
 * cache and the per-CPU arrays (or a debug cache's caller) in batches under
 * the cache's lock, keeping each slab on the list its counters say; empty
 * slabs beyond what the cache keeps go back to the page allocator. See
 * slab.c's "Locking" for the locks.
 */
#include <asm/port.h>
#include <kernel.h>
#include <mmdebug.h>

#include "slab.h"

#define SLAB_KEEP_FREE_SHIFT 9 /* a cache keeps empty slabs up to 1/512 of RAM ... */
#define SLAB_KEEP_FREE_MIN 4   /* ... or at least this many pages of them */

/* Lay out a new slab's objects: free list in address order, constructors run once. */
static void init_slab_objects(struct kmem_cache *s, struct page *slab)
{
	void *prev = NULL;

	for (int i = (int)s->objects - 1; i >= 0; i--) {
		void *obj = slab_object(s, slab, (unsigned int)i);

		if (slab_debug(s))
			debug_init_object(s, obj);
		if (s->ctor)
			s->ctor(obj);
		*free_pointer_at(s, obj) = prev;
		prev = obj;
	}
	slab->freelist = prev;
}

/* Which meminfo counter a cache's pages go to (SReclaimable or SUnreclaim). */
static enum mm_stat_item slab_stat_item(const struct kmem_cache *s)
{
	return s->flags & SLAB_RECLAIM_ACCOUNT ? NR_SLAB_RECLAIMABLE : NR_SLAB_UNRECLAIMABLE;
}

/* Allocate and lay out a new slab; called without the cache lock. */
struct page *new_slab(struct kmem_cache *s, gfp_t gfp)
{
	unsigned long flags;
	struct page *slab;
	unsigned int colour;

	gfp = (gfp & ~__GFP_ZERO) | s->gfp | (s->order ? __GFP_COMP : 0);
	slab = alloc_pages(gfp, s->order);
	if (!slab)
		return NULL;

	spin_lock_irqsave(&s->lock, flags);
	colour = s->colour_next;
	s->colour_next = (colour + 1) % s->colour_count;
	spin_unlock_irqrestore(&s->lock, flags);

	/* Every page knows its cache and the first object: kfree() may look at any of them. */
	for (unsigned long i = 0; i < (1UL << s->order); i++) {
		slab[i].slab_cache = s;
		slab[i].s_mem = (char *)slab_base(slab) + colour * s->colour_step + s->red_left;
	}
	slab_map_add(s, slab);
	__SetPageSlab(slab);
	slab->inuse = 0;
	slab->objects = s->objects;
	init_slab_objects(s, slab);
	mod_mm_stat(slab_stat_item(s), 1L << s->order);
	return slab;
}

static void free_slab(struct kmem_cache *s, struct page *slab)
{
	slab_map_remove(s, slab);
	__ClearPageSlab(slab);
	for (unsigned long i = 0; i < (1UL << s->order); i++)
		page_reset_slab(slab + i);
	mod_mm_stat(slab_stat_item(s), -(1L << s->order));
	__free_pages(slab, s->order);
}

/* Put @slab on the list its counters say it belongs on. Cache lock held. */
static void file_slab(struct kmem_cache *s, struct page *slab)
{
	lockdep_assert_held(&s->lock);
	list_del(&slab->lru);
	if (slab->inuse == 0) {
		list_add(&slab->lru, &s->slabs_free);
		s->nr_free_slabs++;
	} else if (slab->inuse == slab->objects) {
		list_add(&slab->lru, &s->slabs_full);
	} else {
		list_add(&slab->lru, &s->slabs_partial);
	}
}

/* Take a slab off the free list before using it (keeps nr_free_slabs right). */
static void unfile_free_slab(struct kmem_cache *s, struct page *slab)
{
	if (slab->inuse == 0)
		s->nr_free_slabs--;
}

/*
 * Take up to @want objects off @slab's free list into @out; cache lock held.
 * A free pointer that does not point at an object of this slab means memory
 * corruption: the rest of the chain is dropped (leaked, never handed out)
 * and the slab counted as full.
 */
static unsigned int take_from_slab(struct kmem_cache *s, struct page *slab, void **out,
				   unsigned int want)
{
	unsigned int free_offset = s->free_offset, got = 0;
	void *obj = slab->freelist;

	lockdep_assert_held(&s->lock);
	while (obj && got < want) {
		void *next = *(void **)((char *)obj + free_offset);

		out[got++] = obj;
		if (unlikely(next && !is_object_start(s, slab, next))) {
			slab->inuse += got;
			s->nr_active += got;
			object_err(s, slab, obj, "Freepointer corrupt");
			slab_fix(s, "Isolate corrupted freechain of slab %px", slab_base(slab));
			/* The objects of the lost chain stay "in use" for good. */
			s->nr_active += slab->objects - slab->inuse;
			slab->inuse = slab->objects;
			slab->freelist = NULL;
			return got;
		}
		obj = next;
	}
	slab->freelist = obj;
	slab->inuse += got;
	s->nr_active += got;
	return got;
}

static struct page *slab_with_free_object(struct kmem_cache *s)
{
	if (!list_empty(&s->slabs_partial))
		return list_first_entry(&s->slabs_partial, struct page, lru);
	if (!list_empty(&s->slabs_free))
		return list_first_entry(&s->slabs_free, struct page, lru);
	return NULL;
}

/* Put a new slab of @s on its free list. Cache lock held. */
void add_new_slab(struct kmem_cache *s, struct page *slab)
{
	lockdep_assert_held(&s->lock);
	INIT_LIST_HEAD(&slab->lru);
	s->nr_slabs++;
	list_add(&slab->lru, &s->slabs_free);
	s->nr_free_slabs++;
}

/* Move up to @want objects from the slabs into @out. Cache lock held. Returns how many. */
unsigned int take_locked(struct kmem_cache *s, void **out, unsigned int want)
{
	unsigned int got = 0;
	struct page *slab;

	lockdep_assert_held(&s->lock);
	while (got < want && (slab = slab_with_free_object(s))) {
		unfile_free_slab(s, slab);
		got += take_from_slab(s, slab, out + got, want - got);
		file_slab(s, slab);
	}
	return got;
}

/*
 * One object off the slabs, growing the cache by one slab if none has a free
 * object; for the caches whose every call goes to the slabs (debugged or
 * hardened), which check or mark it before anyone else may see it. Returns
 * with ->lock held (irqsave, into *@flags) when it returns an object; NULL,
 * with no lock held, when no slab could be had.
 */
void *take_one_locked(struct kmem_cache *s, gfp_t gfp, unsigned long *flags)
{
	struct page *fresh = NULL;
	void *obj;

	for (;;) {
		spin_lock_irqsave(&s->lock, *flags);
		if (fresh)
			add_new_slab(s, fresh);
		if (take_locked(s, &obj, 1))
			return obj;
		spin_unlock_irqrestore(&s->lock, *flags);
		fresh = new_slab(s, gfp);
		if (!fresh)
			return NULL;
	}
}

/*
 * Move up to @want objects from the slabs into @out, growing the cache by
 * one slab if none has a free object; for a cache that is not checked
 * (slab_checked()), whose objects need no marking. Returns how many moved.
 */
unsigned int take_objects(struct kmem_cache *s, gfp_t gfp, void **out, unsigned int want)
{
	unsigned long flags;
	struct page *slab;
	unsigned int got;

	spin_lock_irqsave(&s->lock, flags);
	if (!slab_with_free_object(s)) {
		spin_unlock_irqrestore(&s->lock, flags);
		slab = new_slab(s, gfp);
		if (!slab)
			return 0;
		spin_lock_irqsave(&s->lock, flags);
		add_new_slab(s, slab);
	}
	got = take_locked(s, out, want);
	spin_unlock_irqrestore(&s->lock, flags);
	return got;
}

/*
 * How many empty slabs a cache keeps for reuse. Giving each back at once made
 * a workload that frees and reallocates many objects lay out fresh slabs
 * every round; the shrinker takes the kept ones when memory runs short. The
 * fine kmalloc classes (SLAB_TIGHT_FIT) keep one each: there are many, each
 * holds a small share of what kmalloc holds, and their empty slabs are of
 * more use to the other classes (docs/benchmarks.md).
 */
static unsigned long keep_free_slabs(const struct kmem_cache *s)
{
	unsigned long pages =
		max(totalram_pages() >> SLAB_KEEP_FREE_SHIFT, (unsigned long)SLAB_KEEP_FREE_MIN);

	if (s->flags & SLAB_TIGHT_FIT)
		return 1;
	return max(pages >> s->order, 1UL);
}

/* Free slabs beyond @keep go back to the page allocator. Cache lock held. */
static void release_free_slabs(struct kmem_cache *s, unsigned long keep, struct list_head *out)
{
	lockdep_assert_held(&s->lock);
	while (s->nr_free_slabs > keep) {
		struct page *slab = list_first_entry(&s->slabs_free, struct page, lru);

		list_del(&slab->lru);
		list_add(&slab->lru, out);
		s->nr_free_slabs--;
		s->nr_slabs--;
	}
}

void free_slab_list(struct kmem_cache *s, struct list_head *list)
{
	struct page *slab, *next;

	list_for_each_entry_safe (slab, next, list, lru) {
		list_del(&slab->lru);
		free_slab(s, slab);
	}
}

/*
 * Give @n objects back to their slabs, and put the empty slabs beyond what
 * the cache keeps on @to_free. Cache lock held.
 */
void put_locked(struct kmem_cache *s, void **objs, unsigned int n, struct list_head *to_free)
{
	unsigned int free_offset = s->free_offset;

	lockdep_assert_held(&s->lock);
	for (unsigned int i = 0; i < n; i++) {
		void *obj = objs[i];
		struct page *slab = compound_head(virt_to_page(obj));
		unsigned int inuse = slab->inuse;

		*(void **)((char *)obj + free_offset) = slab->freelist;
		slab->freelist = obj;
		slab->inuse = inuse - 1;
		/* Only a full slab turning partial, or a partial one turning empty, changes list. */
		if (inuse == slab->objects || inuse == 1)
			file_slab(s, slab);
	}
	s->nr_active -= n;
	release_free_slabs(s, keep_free_slabs(s), to_free);
}

/* Return @n objects from @objs to their slabs. */
void put_objects(struct kmem_cache *s, void **objs, unsigned int n)
{
	unsigned long flags;
	LIST_HEAD(to_free);

	spin_lock_irqsave(&s->lock, flags);
	put_locked(s, objs, n, &to_free);
	spin_unlock_irqrestore(&s->lock, flags);
	free_slab_list(s, &to_free);
}

/*
 * Empty the depot (slab.h) into the slabs, then free every empty slab of @s;
 * returns the pages freed.
 */
unsigned long release_empty_slabs(struct kmem_cache *s)
{
	unsigned long slabs, flags;
	LIST_HEAD(to_free);

	spin_lock_irqsave(&s->lock, flags);
	slabs = s->nr_slabs;
	if (s->depot_nr) {
		put_locked(s, s->depot, s->depot_nr, &to_free);
		s->depot_nr = 0;
	}
	release_free_slabs(s, 0, &to_free);
	slabs -= s->nr_slabs;
	spin_unlock_irqrestore(&s->lock, flags);
	free_slab_list(s, &to_free);
	return slabs << s->order;
}
