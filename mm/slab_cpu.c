/*
 * The per-CPU object arrays of the slab caches and the allocation and free
 * paths through them (the fast paths are inline, in slab.h): an empty array
 * refilled, a full one grown or flushed, every CPU's emptied with a
 * cross-CPU call; the debugged and hardened caches' one-object-at-a-time
 * path, checked under the cache lock; and the fast-path arrays that are
 * failslab's gate. See slab.c's "Locking".
 */
#include <asm/port.h>
#include <bug.h>
#include <kernel.h>
#include <mmdebug.h>
#include <smp.h>
#include <string.h>

#include "internal.h"
#include "slab.h"

/* Objects a CPU keeps: more for small objects, as the classic SLAB allocator does. */
static unsigned int cpu_array_limit(const struct kmem_cache *s)
{
	if (slab_checked(s))
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

/* Empty and without room (top and end at entry[0]), never written. */
struct array_cache slab_failslab_array = {
	.end = slab_failslab_array.entry,
	.top = slab_failslab_array.entry,
};

/*
 * Make @ac @cpu's array of @s, and its fast paths' unless failslab may fail
 * @s or init_on_alloc/init_on_free applies to it. ->lock held, interrupts masked: failslab's arming writes ->fast_array[]
 * too.
 */
static void set_cpu_array(struct kmem_cache *s, unsigned long cpu, struct array_cache *ac)
{
	VM_BUG_ON(!array_top_valid(ac));
	WRITE_ONCE(s->cpu_array[cpu], ac);
	bool slow = s->failslab || s->init_on_alloc || s->init_on_free;

	WRITE_ONCE(s->fast_array[cpu], slow ? &slab_failslab_array : ac);
}

/* Whether failslab may fail @s; ->lock held (or @s not on slab_caches yet), interrupts masked. */
void set_failslab(struct kmem_cache *s, bool on)
{
	WRITE_ONCE(s->failslab, on);
	for (unsigned long cpu = 0; cpu < NR_CPUS; cpu++)
		set_cpu_array(s, cpu, s->cpu_array[cpu]);
}

/* @s's gate alone, from its own slow path: failslab_covers(s) under ->lock. */
static void sync_failslab(struct kmem_cache *s)
{
	unsigned long flags;

	spin_lock_irqsave(&s->lock, flags);
	set_failslab(s, failslab_covers(s));
	spin_unlock_irqrestore(&s->lock, flags);
}

/*
 * @cpu's small array, in @s->small_arrays: the CPUs' slots are rotated by a
 * number of the cache's (cache_spread()), so that the small arrays one CPU
 * uses, one per cache, do not all start at the same offset of their pages:
 * there, every header (->top, read on every call) fell into one
 * first-level cache set, and with more caches than the set has ways
 * (kmalloc.classes=fine) they evicted each other (docs/benchmarks.md).
 */
static struct array_cache *small_array(struct kmem_cache *s, unsigned long cpu)
{
	unsigned long slot = (cpu + cache_spread(s)) % NR_CPUS;

	return (struct array_cache *)((char *)s->small_arrays + slot * SLAB_CPU_ARRAY_BYTES);
}

/* Make @ac an empty array with room for @entries objects and @s's batch. */
static void init_array(struct kmem_cache *s, struct array_cache *ac, unsigned long entries,
		       unsigned int order)
{
	ac->top = ac->entry;
	ac->end = ac->entry + entries;
	ac->batch = s->array_batch;
	ac->order = order;
	ac->refilled = false;
}

/* Every CPU starts with its small array, @arrays (NR_CPUS of them). */
void cpu_arrays_init(struct kmem_cache *s, void *arrays)
{
	s->array_limit = cpu_array_limit(s);
	s->array_batch = max(s->array_limit / 2, 1U);
	s->depot_nr = 0;
	s->depot_limit = s->array_limit ? 8 * s->array_batch : 0;
	s->small_arrays = arrays;
	for (unsigned long cpu = 0; cpu < NR_CPUS; cpu++) {
		init_array(s, small_array(s, cpu), s->array_limit, SLAB_CPU_ARRAY_SMALL);
		set_cpu_array(s, cpu, small_array(s, cpu));
	}
}

/*
 * Debugged and hardened caches: one object at a time off the slabs, checked
 * (and repaired if damaged) or marked live under the cache lock.
 */
static void *checked_alloc(struct kmem_cache *s, gfp_t gfp, unsigned long caller, size_t orig_size)
{
	unsigned long flags;
	void *obj = take_one_locked(s, gfp, &flags);

	if (!obj)
		return NULL;
	if (slab_debug(s))
		debug_alloc_checks(s, compound_head(virt_to_page(obj)), obj, caller, orig_size);
	else
		*free_pointer_at(s, obj) = SLAB_OBJECT_LIVE;
	spin_unlock_irqrestore(&s->lock, flags);
	return obj;
}

/* Is @obj of a checked cache free already (a free of it a double free)? ->lock held. */
static bool checked_object_is_free(struct kmem_cache *s, struct page *slab, void *obj)
{
	if (slab_debug(s))
		return debug_object_is_free(s, slab, obj);
	return *free_pointer_at(s, obj) != SLAB_OBJECT_LIVE;
}

/* Debugged and hardened caches: checked, and back to the slab, under the cache lock. */
static void checked_free(struct kmem_cache *s, struct page *slab, void *obj, unsigned long caller)
{
	unsigned long flags;
	LIST_HEAD(to_free);
	bool ok;

	spin_lock_irqsave(&s->lock, flags);
	if (slab_debug(s)) {
		ok = debug_free_checks(s, slab, obj, caller);
	} else {
		ok = !checked_object_is_free(s, slab, obj);
		if (!ok)
			report_double_free(s, slab, obj);
	}
	if (ok) {
		if (s->init_on_free)
			memset(obj, 0, s->object_size);
		put_locked(s, &obj, 1, &to_free);
	}
	spin_unlock_irqrestore(&s->lock, flags);
	free_slab_list(s, &to_free);
}

bool slab_object_live(struct kmem_cache *s, struct page *slab, void *obj)
{
	struct array_cache *ac;
	unsigned long flags;
	bool free;

	spin_lock_irqsave(&s->lock, flags);
	if (slab_checked(s)) {
		free = checked_object_is_free(s, slab, obj);
	} else { /* what the free paths catch: the object freed last on this CPU */
		ac = cpu_array(s, raw_smp_processor_id());
		free = ac->top[-1] == obj;
	}
	spin_unlock_irqrestore(&s->lock, flags);
	if (free)
		report_double_free(s, slab, obj);
	return !free;
}

/* Move up to @want objects from the depot into @out. ->lock held. Returns how many. */
static unsigned int take_from_depot(struct kmem_cache *s, void **out, unsigned int want)
{
	unsigned int n = min(want, s->depot_nr);

	lockdep_assert_held(&s->lock);
	s->depot_nr -= n;
	memcpy(out, s->depot + s->depot_nr, n * sizeof(void *));
	return n;
}

/* Move as many of the @n objects at @objs into the depot as fit. ->lock held. Returns how many. */
static unsigned int put_in_depot(struct kmem_cache *s, void **objs, unsigned int n)
{
	lockdep_assert_held(&s->lock);
	n = min(n, s->depot_limit - s->depot_nr);
	memcpy(s->depot + s->depot_nr, objs, n * sizeof(void *));
	s->depot_nr += n;
	return n;
}

/*
 * This CPU's array is empty: refill it with a batch from the depot, or else
 * straight from the slabs (interrupts masked, then the cache lock, as the
 * page allocator nests its locks), growing the cache by a slab when none has
 * a free object, and take one. The new slab is laid out with interrupts on
 * and no lock held.
 */
static void *refill_and_alloc(struct kmem_cache *s, gfp_t gfp)
{
	unsigned int want, got;
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
		want = min((unsigned long)ac->batch, (unsigned long)(ac->end - ac->top));
		got = take_from_depot(s, ac->top, want);
		if (!got)
			got = take_locked(s, ac->top, want);
		ac->top += got;
		spin_unlock(&s->lock);
		if (ac->top > ac->entry) {
			ac->refilled = true;
			obj = *--ac->top;
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

	if (unlikely(READ_ONCE(s->failslab))) {
		if (__should_failslab(s, s->name, s->object_size, gfp, caller))
			return NULL;
		if (!failslab_covers(s)) /* it turned itself off: the fast path back */
			sync_failslab(s);
	}

	/* The fast path sends __GFP_ZERO and failslab here: the array may have objects. */
	if (!cpu_array_pop(s, &obj, false)) {
		if (slab_checked(s))
			obj = checked_alloc(s, gfp, caller, orig_size ? orig_size : s->object_size);
		else
			obj = refill_and_alloc(s, gfp);
	}
	if (obj && (s->init_on_alloc || (gfp & __GFP_ZERO)))
		memset(obj, 0, s->object_size);
	else if (obj && s->init_on_free && s->free_offset < s->object_size)
		*free_pointer_at(s, obj) = NULL; /* zeroed at its free; its slab's link since */
	return obj;
}

noinline void *slab_alloc_miss(struct kmem_cache *s, gfp_t gfp, size_t orig_size,
			       unsigned long caller)
{
	return slab_alloc_slow(s, gfp, orig_size, slab_miss_caller(caller));
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
	if (!array_capacity(ac) || *order > SLAB_CPU_ARRAY_MAX_ORDER ||
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
	grown = (struct array_cache *)((char *)page_address(pages) + grown_array_offset(s));
	init_array(s, grown, entries - grown_array_offset(s) / sizeof(void *), order);
	local_irq_save(flags);
	ac = cpu_array(s, cpu); /* a drain may have emptied it, or given it back, meanwhile */
	memcpy(grown->entry, ac->entry, array_objects(ac) * sizeof(void *));
	grown->top = grown->entry + array_objects(ac);
	*grown->top++ = obj;
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
 * flushed, or else send its older half to the depot, and what the depot has
 * no room for back to the slabs, straight from the array (interrupts masked,
 * then the cache lock), then keep @obj. Half, not a batch: the newer half
 * moves down over it, and a grown array of 2044 objects that sent a batch
 * of 30 moved the other 2014 pointers each time.
 */
static void flush_and_free(struct kmem_cache *s, void *obj)
{
	LIST_HEAD(to_free);
	struct array_cache *ac;
	unsigned long flags, n;
	unsigned int depot;

	if (cpu_array(s, raw_smp_processor_id())->refilled && grow_and_free(s, obj))
		return;
	local_irq_save(flags);
	ac = cpu_array(s, raw_smp_processor_id());
	ac->refilled = false;
	n = min(max(array_objects(ac) / 2, (unsigned long)ac->batch), array_objects(ac));
	spin_lock(&s->lock);
	depot = put_in_depot(s, ac->entry, (unsigned int)n);
	if (depot < n)
		put_locked(s, ac->entry + depot, (unsigned int)(n - depot), &to_free);
	spin_unlock(&s->lock);
	ac->top -= n;
	memmove(ac->entry, ac->entry + n, array_objects(ac) * sizeof(void *));
	*ac->top++ = obj;
	local_irq_restore(flags);
	free_slab_list(s, &to_free);
}

void slab_free_slow(struct kmem_cache *s, void *obj, unsigned long caller)
{
	struct page *slab = compound_head(virt_to_page(obj));
	bool double_free, room;
	unsigned long flags;
	struct array_cache *ac;

	if (unlikely(slab_checked(s))) {
		checked_free(s, slab, obj, caller);
		return;
	}
	local_irq_save(flags);
	ac = cpu_array(s, raw_smp_processor_id());
	double_free = ac->top[-1] == obj;
	room = !double_free && ac->top < ac->end; /* the fast path's array was failslab's */
	if (!double_free && s->init_on_free)
		memset(obj, 0, s->object_size);
	if (room)
		*ac->top++ = obj;
	local_irq_restore(flags);
	if (double_free)
		report_double_free(s, slab, obj);
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
			/* Only a live slab's pages name a cache (page_reset_slab()). */
			VM_BUG_ON_PAGE(!PageSlab(compound_head(page)), page);
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
void drain_this_cpu_array(void *info)
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
		if (array_objects(ac))
			put_objects(s, ac->entry, array_objects(ac));
		free_cpu_array(ac);
		return;
	}
	n = array_objects(ac);
	memcpy(batch, ac->entry, n * sizeof(void *));
	ac->top = ac->entry;
	ac->refilled = false;
	local_irq_restore(flags);
	if (n)
		put_objects(s, batch, n);
}

/*
 * Every online CPU empties its own array; a CPU that cannot wait for the
 * others (interrupts masked) empties only its own.
 */
void drain_cpu_arrays(struct kmem_cache *s)
{
	if (cpus_can_be_waited_for())
		on_each_cpu(drain_this_cpu_array, s, 1);
	else
		drain_this_cpu_array(s);
}
