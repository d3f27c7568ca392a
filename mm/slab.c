/*
 * Slab caches: objects of one size carved out of slabs (runs of 2^order
 * pages). Each CPU keeps an array of free objects so that allocation and
 * free usually take no lock; the arrays are refilled from and flushed to the
 * slabs in batches under the cache's lock.
 */
#include <asm/port.h>
#include <bug.h>
#include <kernel.h>
#include <shrinker.h>
#include <smp.h>
#include <string.h>

#include "slab.h"

#define SLAB_MIN_ALIGN sizeof(void *)
#define RED_ZONE_WIDTH sizeof(void *)
#define SLAB_MAX_WASTE_SHIFT 3 /* waste per slab below 1/8 */
#define SLAB_KEEP_FREE_SHIFT 9 /* a cache keeps empty slabs up to 1/512 of RAM ... */
#define SLAB_KEEP_FREE_MIN 4   /* ... or at least this many pages of them */

/* is_object_start() wants offsets inside a slab below 2^32. */
_Static_assert((PAGE_SIZE << MAX_ORDER) <= (1UL << 32), "a slab spans 4 GiB or more");

DEFINE_SPINLOCK(slab_caches_lock);
LIST_HEAD(slab_caches);

/* The cache of struct kmem_cache: the first cache, laid out by hand at boot. */
static struct kmem_cache kmem_cache_boot;

struct page *slab_page_of(const void *p)
{
	struct page *page;

	if (!virt_addr_valid(p))
		return NULL;
	page = compound_head(virt_to_page(p));
	return PageSlab(page) ? page : NULL;
}

/* Objects a CPU keeps: more for small objects, as the classic SLAB allocator does. */
static unsigned int cpu_array_limit(const struct kmem_cache *s)
{
	if (slab_debug(s))
		return 0; /* every call goes through the checks under the lock */
	if (s->size <= 256)
		return SLAB_CPU_ARRAY_MAX;
	if (s->size <= 1024)
		return 32;
	if (s->size <= 2048)
		return 16;
	if (s->size <= PAGE_SIZE)
		return 8;
	return 4;
}

/* Smallest order whose leftover is under 1/8 of the slab, or the smallest that fits. */
static unsigned int choose_order(unsigned int size)
{
	unsigned int order, first_fit = MAX_ORDER + 1;

	for (order = 0; order <= MAX_ORDER; order++) {
		unsigned long bytes = PAGE_SIZE << order;
		unsigned long left = bytes % size;

		if (bytes < size)
			continue;
		if (first_fit > MAX_ORDER)
			first_fit = order;
		if (left <= bytes >> SLAB_MAX_WASTE_SHIFT)
			return order;
	}
	return first_fit;
}

static unsigned int choose_align(unsigned int size, unsigned int align, slab_flags_t flags)
{
	unsigned int ralign = SLAB_MIN_ALIGN;

	if (flags & SLAB_HWCACHE_ALIGN) {
		/* A small object gets the smallest power-of-two share of a line it fits. */
		ralign = L1_CACHE_BYTES;
		while (size <= ralign / 2 && ralign > SLAB_MIN_ALIGN)
			ralign /= 2;
	}
	return max(ralign, max(align, (unsigned int)SLAB_MIN_ALIGN));
}

/* Work out where everything of an object lives (see struct kmem_cache). */
static bool calculate_layout(struct kmem_cache *s)
{
	bool fp_outside = s->ctor || (s->flags & (SLAB_POISON | SLAB_RED_ZONE));
	unsigned int end;

	s->red_left = s->flags & SLAB_RED_ZONE ? ALIGN((unsigned int)RED_ZONE_WIDTH, s->align) : 0;
	if (s->flags & SLAB_RED_ZONE)
		s->inuse = ALIGN(s->object_size, (unsigned int)sizeof(void *)) + RED_ZONE_WIDTH;
	else
		s->inuse = max(s->object_size, (unsigned int)sizeof(void *));
	end = s->inuse;
	if (fp_outside) {
		s->free_offset = end;
		end += sizeof(void *);
	} else {
		/* In the middle: a small overrun of the previous object misses it. */
		s->free_offset = ALIGN_DOWN(s->object_size / 2, (unsigned int)sizeof(void *));
	}
	if (s->flags & SLAB_STORE_USER) {
		s->track_offset = end;
		end += 2 * sizeof(struct track);
	}
	if ((s->flags & SLAB_RED_ZONE) && (s->flags & SLAB_KMALLOC)) {
		s->orig_size_offset = end;
		end += sizeof(unsigned long);
	}
	s->size = ALIGN(s->red_left + end, s->align);
	s->order = choose_order(s->size);
	if (s->order > MAX_ORDER)
		return false;
	s->objects = (PAGE_SIZE << s->order) / s->size;
	s->size_recip = ~0UL / s->size + 1;
	if (!(s->size & (s->size - 1))) /* see is_object_start() */
		s->size_recip++;
	s->start_limit = (unsigned long)s->objects * (s->size * s->size_recip);
	s->colour_step = max((unsigned int)L1_CACHE_BYTES, s->align);
	s->colour_count = ((PAGE_SIZE << s->order) % s->size) / s->colour_step + 1;
	return true;
}

struct array_cache slab_failslab_array; /* empty, limit 0, never written */

/*
 * The cache of every page that is no slab's: start_limit 0, so that
 * is_object_start() matches no address of it (see struct page).
 */
struct kmem_cache no_slab_cache = { .name = "(no slab)" };

/*
 * Make @ac @cpu's array of @s, and its fast paths' unless failslab may fail
 * @s. ->lock held, interrupts masked: failslab's arming writes ->fast_array[]
 * too.
 */
static void set_cpu_array(struct kmem_cache *s, unsigned long cpu, struct array_cache *ac)
{
	WRITE_ONCE(s->cpu_array[cpu], ac);
	WRITE_ONCE(s->fast_array[cpu], s->failslab ? &slab_failslab_array : ac);
}

/* Whether failslab may fail @s; ->lock held (or @s not on slab_caches yet), interrupts masked. */
static void set_failslab(struct kmem_cache *s, bool on)
{
	WRITE_ONCE(s->failslab, on);
	for (unsigned long cpu = 0; cpu < NR_CPUS; cpu++)
		set_cpu_array(s, cpu, s->cpu_array[cpu]);
}

/* @cpu's small array, in @s->small_arrays. */
static struct array_cache *small_array(struct kmem_cache *s, unsigned long cpu)
{
	return (struct array_cache *)((char *)s->small_arrays + cpu * SLAB_CPU_ARRAY_BYTES);
}

/* Make @ac an empty array with room for @entries objects and @s's batch. */
static void init_array(struct kmem_cache *s, struct array_cache *ac, unsigned long entries,
		       unsigned int order)
{
	ac->avail = 0;
	ac->limit = entries * sizeof(void *);
	ac->batch = s->array_batch;
	ac->order = order;
	ac->refilled = false;
}

/* Every CPU starts with its small array, @arrays (NR_CPUS of them). */
static void cpu_arrays_init(struct kmem_cache *s, void *arrays)
{
	s->array_limit = cpu_array_limit(s);
	s->array_batch = max(s->array_limit / 2, 1U);
	s->small_arrays = arrays;
	for (unsigned long cpu = 0; cpu < NR_CPUS; cpu++) {
		init_array(s, small_array(s, cpu), s->array_limit, SLAB_CPU_ARRAY_SMALL);
		set_cpu_array(s, cpu, small_array(s, cpu));
	}
}

static void init_cache(struct kmem_cache *s, const char *name, unsigned int size,
		       unsigned int align, slab_flags_t flags, void (*ctor)(void *))
{
	memset(s, 0, sizeof(*s));
	s->name = name;
	s->object_size = size;
	s->flags = flags | slub_debug_flags_for(name);
	if (ctor) /* the constructed state must survive: never poison such objects */
		s->flags &= ~SLAB_POISON;
	s->align = choose_align(size, align, flags);
	s->ctor = ctor;
	s->gfp = flags & SLAB_CACHE_DMA32 ? __GFP_DMA32 : 0;
	spin_lock_init(&s->lock);
	INIT_LIST_HEAD(&s->slabs_partial);
	INIT_LIST_HEAD(&s->slabs_full);
	INIT_LIST_HEAD(&s->slabs_free);
}

struct kmem_cache *create_cache(const char *name, unsigned int size, unsigned int align,
				slab_flags_t flags, void (*ctor)(void *))
{
	struct kmem_cache *s;
	struct page *arrays;
	unsigned long irqflags;

	if (!name || !size || size > KMALLOC_MAX_SIZE || (align & (align - 1)))
		return NULL;
	s = kmem_cache_zalloc(&kmem_cache_boot, GFP_KERNEL);
	if (!s)
		return NULL;
	init_cache(s, name, size, align, flags, ctor);
	if (!calculate_layout(s))
		goto free_cache;
	arrays = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!arrays)
		goto free_cache;
	mod_mm_stat(NR_SLAB_UNRECLAIMABLE, 1); /* the arrays are slab memory too */
	cpu_arrays_init(s, page_address(arrays));

	spin_lock_irqsave(&slab_caches_lock, irqflags);
	set_failslab(s, failslab_covers(s)); /* under the lock: see slab_set_failslab() */
	list_add_tail(&s->list, &slab_caches);
	spin_unlock_irqrestore(&slab_caches_lock, irqflags);
	return s;

free_cache:
	kmem_cache_free(&kmem_cache_boot, s);
	return NULL;
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *))
{
	struct kmem_cache *s = create_cache(name, size, align, flags & ~SLAB_KMALLOC, ctor);

	if (!s && (flags & SLAB_PANIC))
		panic("kmem_cache_create: cannot create cache %s (size %u, align %u)",
		      name ? name : "(null)", size, align);
	if (!s)
		pr_warn("kmem_cache_create(%s): cannot create cache (size %u, align %u)\n",
			name ? name : "(null)", size, align);
	return s;
}

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
static struct page *new_slab(struct kmem_cache *s, gfp_t gfp)
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
	__SetPageSlab(slab);
	slab->inuse = 0;
	slab->objects = s->objects;
	init_slab_objects(s, slab);
	mod_mm_stat(slab_stat_item(s), 1L << s->order);
	return slab;
}

static void free_slab(struct kmem_cache *s, struct page *slab)
{
	__ClearPageSlab(slab);
	for (unsigned long i = 0; i < (1UL << s->order); i++) {
		slab[i].slab_cache = &no_slab_cache;
		slab[i].s_mem = NULL;
	}
	slab->freelist = NULL;
	slab->inuse = 0;
	slab->objects = 0;
	mod_mm_stat(slab_stat_item(s), -(1L << s->order));
	__free_pages(slab, s->order);
}

/* Put @slab on the list its counters say it belongs on. Cache lock held. */
static void file_slab(struct kmem_cache *s, struct page *slab)
{
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
static void add_new_slab(struct kmem_cache *s, struct page *slab)
{
	INIT_LIST_HEAD(&slab->lru);
	s->nr_slabs++;
	list_add(&slab->lru, &s->slabs_free);
	s->nr_free_slabs++;
}

/* Move up to @want objects from the slabs into @out. Cache lock held. Returns how many. */
static unsigned int take_locked(struct kmem_cache *s, void **out, unsigned int want)
{
	unsigned int got = 0;
	struct page *slab;

	while (got < want && (slab = slab_with_free_object(s))) {
		unfile_free_slab(s, slab);
		got += take_from_slab(s, slab, out + got, want - got);
		file_slab(s, slab);
	}
	return got;
}

/*
 * Move up to @want objects from the slabs into @out, growing the cache by
 * one slab if none has a free object. Returns how many were moved.
 */
static unsigned int take_objects(struct kmem_cache *s, gfp_t gfp, void **out, unsigned int want)
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
 * every round; the shrinker takes the kept ones when memory runs short.
 */
static unsigned long keep_free_slabs(const struct kmem_cache *s)
{
	unsigned long pages =
		max(totalram_pages() >> SLAB_KEEP_FREE_SHIFT, (unsigned long)SLAB_KEEP_FREE_MIN);

	return max(pages >> s->order, 1UL);
}

/* Free slabs beyond @keep go back to the page allocator. Cache lock held. */
static void release_free_slabs(struct kmem_cache *s, unsigned long keep, struct list_head *out)
{
	while (s->nr_free_slabs > keep) {
		struct page *slab = list_first_entry(&s->slabs_free, struct page, lru);

		list_del(&slab->lru);
		list_add(&slab->lru, out);
		s->nr_free_slabs--;
		s->nr_slabs--;
	}
}

static void free_slab_list(struct kmem_cache *s, struct list_head *list)
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
static void put_locked(struct kmem_cache *s, void **objs, unsigned int n, struct list_head *to_free)
{
	unsigned int free_offset = s->free_offset;

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
static void put_objects(struct kmem_cache *s, void **objs, unsigned int n)
{
	unsigned long flags;
	LIST_HEAD(to_free);

	spin_lock_irqsave(&s->lock, flags);
	put_locked(s, objs, n, &to_free);
	spin_unlock_irqrestore(&s->lock, flags);
	free_slab_list(s, &to_free);
}

/* Debug caches: one object at a time, checked (and repaired if damaged). */
static void *debug_alloc(struct kmem_cache *s, gfp_t gfp, unsigned long caller, size_t orig_size)
{
	void *obj;

	if (!take_objects(s, gfp, &obj, 1))
		return NULL;
	debug_alloc_checks(s, compound_head(virt_to_page(obj)), obj, caller, orig_size);
	return obj;
}

/*
 * This CPU's array is empty: refill it with a batch straight from the slabs
 * (interrupts masked, then the cache lock, as the page allocator nests its
 * locks), growing the cache by a slab when none has a free object, and take
 * one. The new slab is laid out with interrupts on and no lock held.
 */
static void *refill_and_alloc(struct kmem_cache *s, gfp_t gfp)
{
	struct page *fresh = NULL;
	struct array_cache *ac;
	unsigned long flags;
	void *obj;

	for (;;) {
		local_irq_save(flags);
		ac = cpu_array(s, raw_smp_processor_id());
		spin_lock(&s->lock);
		if (fresh)
			add_new_slab(s, fresh);
		ac->avail +=
			sizeof(void *) * take_locked(s, array_top(ac, ac->avail),
						     min((unsigned long)ac->batch,
							 (ac->limit - ac->avail) / sizeof(void *)));
		spin_unlock(&s->lock);
		if (ac->avail) {
			ac->refilled = true;
			ac->avail -= sizeof(void *);
			obj = *array_top(ac, ac->avail);
			local_irq_restore(flags);
			return obj;
		}
		local_irq_restore(flags);
		fresh = new_slab(s, gfp);
		if (!fresh)
			return NULL;
	}
}

void *slab_alloc_slow(struct kmem_cache *s, gfp_t gfp, size_t orig_size, unsigned long caller)
{
	void *obj;

	if (unlikely(READ_ONCE(s->failslab)) && __should_failslab(s, gfp, caller))
		return NULL;

	/* The fast path sends __GFP_ZERO and failslab here: the array may have objects. */
	if (!cpu_array_pop(s, &obj, false)) {
		if (slab_debug(s))
			obj = debug_alloc(s, gfp, caller, orig_size ? orig_size : s->object_size);
		else
			obj = refill_and_alloc(s, gfp);
	}
	if (obj && (gfp & __GFP_ZERO))
		memset(obj, 0, s->object_size);
	return obj;
}

noinline void *slab_alloc_miss(struct kmem_cache *s, gfp_t gfp, size_t orig_size,
			       unsigned long caller)
{
	return slab_alloc_slow(s, gfp, orig_size, slab_miss_caller(caller));
}

/*
 * Called by fault injection after it changed failslab_enabled. A cache being
 * created takes its value under slab_caches_lock too, so it sees either the
 * new flag or this walk.
 */
void slab_set_failslab(bool on, const struct kmem_cache *only)
{
	unsigned long flags;
	struct kmem_cache *s;

	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry (s, &slab_caches, list) {
		spin_lock(&s->lock);
		set_failslab(s, on && (!only || only == s));
		spin_unlock(&s->lock);
	}
	spin_unlock_irqrestore(&slab_caches_lock, flags);
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfpflags)
{
	return slab_alloc(s, gfpflags, 0);
}

void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfpflags)
{
	return slab_alloc(s, gfpflags | __GFP_ZERO, 0);
}

/*
 * How many objects the array that replaces @ac may hold, or 0 if @ac may not
 * grow: it is not a debug cache's, the next size is within
 * SLAB_CPU_ARRAY_MAX_ORDER and SLAB_CPU_ARRAY_MAX_HELD, and page allocation
 * fault injection is off (its failures must all be the callers' own).
 */
static unsigned long grown_entries(const struct kmem_cache *s, const struct array_cache *ac,
				   unsigned int *order)
{
	unsigned long entries;

	*order = ac->order == SLAB_CPU_ARRAY_SMALL ? 0 : ac->order + 1;
	entries = SLAB_CPU_ARRAY_ENTRIES(PAGE_SIZE << *order);
	if (!ac->limit || *order > SLAB_CPU_ARRAY_MAX_ORDER ||
	    entries * s->size > SLAB_CPU_ARRAY_MAX_HELD || READ_ONCE(fail_page_alloc_enabled))
		return 0;
	return entries;
}

static void free_cpu_array(struct array_cache *ac)
{
	unsigned int order = ac->order;

	__free_pages(virt_to_page(ac), order);
	mod_mm_stat(NR_SLAB_UNRECLAIMABLE, -(1L << order));
}

/*
 * This CPU's array, full, went from empty to full since it last flushed:
 * replace it with one twice as large (or a page, for a small one) holding its
 * objects and @obj. False if it may not grow or no page is free at once.
 */
static bool grow_and_free(struct kmem_cache *s, void *obj)
{
	unsigned long flags, entries, cpu = raw_smp_processor_id();
	struct array_cache *ac = cpu_array(s, cpu), *grown;
	unsigned int order;
	struct page *pages;

	entries = grown_entries(s, ac, &order);
	if (!entries)
		return false;
	pages = alloc_pages(GFP_NOWAIT | __GFP_NOWARN, order);
	if (!pages)
		return false;
	mod_mm_stat(NR_SLAB_UNRECLAIMABLE, 1L << order);
	grown = page_address(pages);
	init_array(s, grown, entries, order);
	local_irq_save(flags);
	ac = cpu_array(s, cpu); /* a drain may have emptied it, or given it back, meanwhile */
	memcpy(grown->entry, ac->entry, ac->avail);
	grown->avail = ac->avail;
	*array_top(grown, grown->avail) = obj;
	grown->avail += sizeof(void *);
	spin_lock(&s->lock);
	set_cpu_array(s, cpu, grown);
	spin_unlock(&s->lock);
	local_irq_restore(flags);
	if (ac->order != SLAB_CPU_ARRAY_SMALL)
		free_cpu_array(ac);
	return true;
}

/*
 * The array is full: grow it if it went from empty to full since it last
 * flushed, or else send its older half back to the slabs straight from the
 * array (interrupts masked, then the cache lock), then keep @obj.
 */
static void flush_and_free(struct kmem_cache *s, void *obj)
{
	LIST_HEAD(to_free);
	struct array_cache *ac;
	unsigned long flags, n;

	if (cpu_array(s, raw_smp_processor_id())->refilled && grow_and_free(s, obj))
		return;
	local_irq_save(flags);
	ac = cpu_array(s, raw_smp_processor_id());
	ac->refilled = false;
	n = min((unsigned long)ac->batch, array_objects(ac));
	spin_lock(&s->lock);
	put_locked(s, ac->entry, n, &to_free);
	spin_unlock(&s->lock);
	ac->avail -= n * sizeof(void *);
	memmove(ac->entry, ac->entry + n, ac->avail);
	*array_top(ac, ac->avail) = obj;
	ac->avail += sizeof(void *);
	local_irq_restore(flags);
	free_slab_list(s, &to_free);
}

void slab_free_slow(struct kmem_cache *s, void *obj, unsigned long caller)
{
	struct page *slab = compound_head(virt_to_page(obj));
	bool double_free, room;
	unsigned long flags;
	struct array_cache *ac;

	if (unlikely(slab_debug(s))) {
		if (debug_free_checks(s, slab, obj, caller))
			put_objects(s, &obj, 1);
		return;
	}
	local_irq_save(flags);
	ac = cpu_array(s, raw_smp_processor_id());
	double_free = ac->avail && array_top(ac, ac->avail)[-1] == obj;
	room = !double_free && ac->avail < ac->limit; /* the fast path's array was failslab's */
	if (room) {
		*array_top(ac, ac->avail) = obj;
		ac->avail += sizeof(void *);
	}
	local_irq_restore(flags);
	if (double_free)
		object_err(s, slab, obj, "Object already free (double free)");
	else if (!room)
		flush_and_free(s, obj);
}

noinline void slab_free_miss(struct kmem_cache *s, void *obj, unsigned long caller)
{
	slab_free_slow(s, obj, slab_miss_caller(caller));
}

/* kmem_cache_free() of anything its fast path does not take: sorted out, and reported if bad. */
static noinline void kmem_cache_free_slow(struct kmem_cache *s, void *objp,
					  unsigned long fast_caller)
{
	unsigned long caller = slab_miss_caller(fast_caller);
	struct page *slab = slab_page_of(objp);

	if (unlikely(!slab)) {
		bad_kfree(objp, caller, "kmem_cache_free of memory that is not a slab object");
		return;
	}
	if (unlikely(slab->slab_cache != s)) {
		slab_err(s, slab, "kmem_cache_free of an object of cache %s (object %px)",
			 slab->slab_cache->name, objp);
		return;
	}
	if (unlikely(!is_object_start(s, slab, objp))) {
		slab_err(s, slab, "kmem_cache_free of a pointer inside an object (%px)", objp);
		return;
	}
	slab_free_slow(s, objp, caller);
}

void kmem_cache_free(struct kmem_cache *s, void *objp)
{
	/* Any page of one of @s's slabs names @s (see struct page); the rest is sorted out slowly. */
	if (likely(memmap_covers(objp))) {
		struct page *page = memmap_page(objp);

		if (likely(page->slab_cache == s) && likely(is_object_start(s, page, objp))) {
			slab_free(s, objp);
			return;
		}
	}
	kmem_cache_free_slow(s, objp, SLAB_FAST_CALLER);
}

/*
 * Empty the running CPU's array of cache @info into the slabs, and give a
 * grown one back for the small one: a cross-CPU call, since only its owner
 * touches an array.
 */
static void drain_this_cpu_array(void *info)
{
	struct kmem_cache *s = info;
	unsigned long flags, n, cpu = raw_smp_processor_id();
	void *batch[SLAB_CPU_ARRAY_MAX];
	struct array_cache *ac;

	local_irq_save(flags);
	ac = cpu_array(s, cpu);
	if (ac->order != SLAB_CPU_ARRAY_SMALL) {
		init_array(s, small_array(s, cpu), s->array_limit, SLAB_CPU_ARRAY_SMALL);
		spin_lock(&s->lock);
		set_cpu_array(s, cpu, small_array(s, cpu));
		spin_unlock(&s->lock);
		local_irq_restore(flags);
		if (ac->avail)
			put_objects(s, ac->entry, array_objects(ac));
		free_cpu_array(ac);
		return;
	}
	n = array_objects(ac);
	memcpy(batch, ac->entry, ac->avail);
	ac->avail = 0;
	ac->refilled = false;
	local_irq_restore(flags);
	if (n)
		put_objects(s, batch, n);
}

/*
 * Every online CPU empties its own array; a CPU that cannot wait for the
 * others (interrupts masked) empties only its own.
 */
static void drain_cpu_arrays(struct kmem_cache *s)
{
	if (cpus_can_be_waited_for())
		on_each_cpu(drain_this_cpu_array, s, 1);
	else
		drain_this_cpu_array(s);
}

/* Free every empty slab of @s; returns the pages freed. */
static unsigned long release_empty_slabs(struct kmem_cache *s)
{
	unsigned long slabs, flags;
	LIST_HEAD(to_free);

	spin_lock_irqsave(&s->lock, flags);
	slabs = s->nr_free_slabs;
	release_free_slabs(s, 0, &to_free);
	spin_unlock_irqrestore(&s->lock, flags);
	free_slab_list(s, &to_free);
	return slabs << s->order;
}

/* Drain the arrays and free every empty slab; returns the pages freed. */
static unsigned long shrink_cache(struct kmem_cache *s)
{
	drain_cpu_arrays(s);
	return release_empty_slabs(s);
}

int kmem_cache_shrink(struct kmem_cache *s)
{
	shrink_cache(s);
	return 0;
}

unsigned int kmem_cache_size(struct kmem_cache *s)
{
	return s->object_size;
}

/* Name each leaked object of @s (objects still allocated at destroy time). */
static void report_leaks(struct kmem_cache *s)
{
	struct page *slab;

	slab_err(s, NULL, "Objects remaining in %s on kmem_cache_destroy(): %lu", s->name,
		 s->nr_active);
	list_for_each_entry (slab, &s->slabs_partial, lru)
		report_allocated_objects(s, slab);
	list_for_each_entry (slab, &s->slabs_full, lru)
		report_allocated_objects(s, slab);
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	unsigned long flags;

	if (!s)
		return;
	shrink_cache(s);
	spin_lock_irqsave(&s->lock, flags);
	if (s->nr_active) {
		spin_unlock_irqrestore(&s->lock, flags);
		report_leaks(s);
		return;
	}
	spin_unlock_irqrestore(&s->lock, flags);

	spin_lock_irqsave(&slab_caches_lock, flags);
	list_del(&s->list);
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	__free_page(virt_to_page(s->small_arrays));
	mod_mm_stat(NR_SLAB_UNRECLAIMABLE, -1);
	kmem_cache_free(&kmem_cache_boot, s);
}

/* Empty the running CPU's arrays of every cache: a cross-CPU call. */
static void drain_every_cache_here(void *unused)
{
	unsigned long flags;
	struct kmem_cache *s;

	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry (s, &slab_caches, list)
		drain_this_cpu_array(s);
	spin_unlock_irqrestore(&slab_caches_lock, flags);
}

/*
 * The page allocator is short of memory: every CPU empties its arrays of
 * every cache, then every empty slab goes. No CPU waits for the others while
 * it holds slab_caches_lock: failslab's arming takes it with interrupts
 * masked, and would never answer.
 */
static unsigned long slab_shrink_scan(struct shrinker *shrinker, struct shrink_control *sc)
{
	unsigned long freed = 0, flags;
	struct kmem_cache *s;

	if (cpus_can_be_waited_for())
		on_each_cpu(drain_every_cache_here, NULL, 1);
	else
		drain_every_cache_here(NULL);
	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry (s, &slab_caches, list)
		freed += release_empty_slabs(s);
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	return freed;
}

static struct shrinker slab_shrinker = {
	.scan = slab_shrink_scan,
};

/* Per-CPU arrays of the boot cache live in BSS: there is no page allocator call yet. */
static char boot_cpu_arrays[NR_CPUS * SLAB_CPU_ARRAY_BYTES] __aligned(SLAB_CPU_ARRAY_BYTES);

void kmem_cache_init(void)
{
	struct kmem_cache *s = &kmem_cache_boot;

	init_cache(s, "kmem_cache", sizeof(struct kmem_cache), 0, SLAB_HWCACHE_ALIGN, NULL);
	if (!calculate_layout(s))
		panic("kmem_cache_init: cannot lay out the kmem_cache cache");
	cpu_arrays_init(s, boot_cpu_arrays);
	set_failslab(s, failslab_covers(s));
	list_add(&s->list, &slab_caches);
	kmalloc_init();
	register_shrinker(&slab_shrinker);
}
