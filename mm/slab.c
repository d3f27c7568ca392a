/*
 * Slab caches: objects of one size carved out of slabs (runs of 2^order
 * pages). Each CPU keeps an array of free objects so that allocation and
 * free usually take no lock; the arrays are refilled from and flushed to the
 * slabs in batches under the cache's lock. This file holds a cache's life:
 * its layout, creation, shrinking, destruction, the shrinker and the boot
 * cache; slab_cpu.c the per-CPU arrays and the paths through them,
 * slab_lists.c the slabs and their lists.
 *
 * Locking, in this order:
 *  1. slab_caches_lock: the list of caches. Always irqsave (failslab's gate
 *     and the shrinker's walk take it; a cross-CPU drain may run under it).
 *     No CPU waits for other CPUs while it holds it.
 *  2. a cache's ->lock: its slab lists, every slab's freelist and inuse, its
 *     counters, its depot, and the writes of ->cpu_array[] / ->fast_array[]. Always
 *     with interrupts masked (a cross-CPU drain frees objects under it).
 *     Under it nothing is allocated or freed to the page allocator (new
 *     slabs are laid out, and empty ones freed, with no lock held) and no
 *     CPU is waited for; corruption reports are printed under it.
 *  Then zone->lock (free_slab_list() under slab_caches_lock, in the shrinker
 *  and in a drain). A CPU's array has no lock: only that CPU touches it, with
 *  its interrupts masked (a leaf section on the fast paths); other CPUs empty
 *  it with a cross-CPU call (drain_cpu_arrays()). fault_lock is never held
 *  while these are taken: fault injection changes the gates after dropping it.
 */
#include <asm/port.h>
#include <bug.h>
#include <kernel.h>
#include <mmdebug.h>
#include <params.h>
#include <shrinker.h>
#include <smp.h>
#include <string.h>

#include "internal.h"
#include "slab.h"

#define SLAB_MIN_ALIGN sizeof(void *)
#define RED_ZONE_WIDTH sizeof(void *)
#define SLAB_MAX_WASTE_SHIFT 3	 /* waste per slab below 1/8 */
#define SLAB_TIGHT_WASTE_SHIFT 5 /* below 1/32 with SLAB_TIGHT_FIT (slab.h) */

/* is_object_start() wants offsets inside a slab below 2^32. */
_Static_assert((PAGE_SIZE << MAX_ORDER) <= (1UL << 32), "a slab spans 4 GiB or more");

DEFINE_SPINLOCK(slab_caches_lock);
LIST_HEAD(slab_caches);

/* The cache of struct kmem_cache: the first cache, laid out by hand at boot. */
static struct kmem_cache kmem_cache_boot;

/* slab_hardened=1: every cache that slub_debug leaves alone gets SLAB_HARDENED (slab.h). */
static bool slab_hardened;

static int parse_slab_hardened(const char *value)
{
	unsigned long on;

	if (!value || kstrtoul(value, 0, &on) || on > 1)
		return -EINVAL;
	slab_hardened = on;
	return 0;
}
early_param("slab_hardened", parse_slab_hardened);

/* Smallest order whose leftover is at most 1/2^@shift of the slab, or the smallest that fits. */
static unsigned int choose_order(unsigned int size, unsigned int shift)
{
	unsigned int order, first_fit = MAX_ORDER + 1;

	for (order = 0; order <= MAX_ORDER; order++) {
		unsigned long bytes = PAGE_SIZE << order;
		unsigned long left = bytes % size;

		if (bytes < size)
			continue;
		if (first_fit > MAX_ORDER)
			first_fit = order;
		if (left <= bytes >> shift)
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
	bool fp_outside = s->ctor || (s->flags & (SLAB_POISON | SLAB_RED_ZONE | SLAB_HARDENED));
	unsigned int end;

	s->red_left = s->flags & SLAB_RED_ZONE ? ALIGN((unsigned int)RED_ZONE_WIDTH, s->align) : 0;
	if (s->flags & SLAB_RED_ZONE)
		s->inuse = ALIGN(s->object_size, (unsigned int)sizeof(void *)) + RED_ZONE_WIDTH;
	else
		s->inuse = max(s->object_size, (unsigned int)sizeof(void *));
	end = s->inuse;
	if (fp_outside) {
		s->free_offset = ALIGN(end, (unsigned int)sizeof(void *));
		end = s->free_offset + sizeof(void *);
	} else {
		/* In the middle: a small overrun of the previous object misses it. */
		s->free_offset = ALIGN_DOWN(s->object_size / 2, (unsigned int)sizeof(void *));
	}
	if (s->flags & SLAB_STORE_USER) {
		s->track_offset = end = ALIGN(end, (unsigned int)sizeof(void *));
		end += 2 * sizeof(struct track);
	}
	if ((s->flags & SLAB_RED_ZONE) && (s->flags & SLAB_KMALLOC)) {
		s->orig_size_offset = end = ALIGN(end, (unsigned int)sizeof(void *));
		end += sizeof(unsigned long);
	}
	s->size = ALIGN(s->red_left + end, s->align);
	s->order = choose_order(s->size, s->flags & SLAB_TIGHT_FIT ? SLAB_TIGHT_WASTE_SHIFT
								   : SLAB_MAX_WASTE_SHIFT);
	if (s->order > MAX_ORDER)
		return false;
	s->objects = (PAGE_SIZE << s->order) / s->size;
	s->size_recip = ~0UL / s->size + 1;
	if (!(s->size & (s->size - 1))) /* see is_object_start() */
		s->size_recip++;
	s->start_limit = (unsigned long)s->objects * (s->size * s->size_recip);
	s->colour_step = max((unsigned int)L1_CACHE_BYTES, s->align);
	/* kmalloc caches are not coloured (as SLUB's): their slabs can be in the slab map. */
	if (s->flags & SLAB_KMALLOC)
		s->colour_count = 1;
	else
		s->colour_count = ((PAGE_SIZE << s->order) % s->size) / s->colour_step + 1;
	return true;
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
	if (slab_hardened && !slab_debug(s))
		s->flags |= SLAB_HARDENED;
	s->align = choose_align(size, align, flags);
	s->ctor = ctor;
	/* Linux's exemptions: a constructed object, or a poisoned one, is the cache's to fill. */
	s->init_on_alloc = want_init_on_alloc(0) && !ctor && !(s->flags & SLAB_POISON);
	s->init_on_free = want_init_on_free() && !ctor && !(s->flags & SLAB_POISON);
	s->gfp = (flags & SLAB_CACHE_DMA32 ? __GFP_DMA32 : 0) |
		 (flags & SLAB_CACHE_DMA ? __GFP_DMA : 0);
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

	if (!name || !size || size > KMALLOC_MAX_SIZE)
		return NULL;
	if (align & (align - 1)) { /* see kmem_cache_create() in <slab.h> */
		unsigned int pow2;

		if (align > 1U << 31)
			return NULL; /* no power of two above it fits */
		pow2 = 1U << (32 - __builtin_clz(align));

		pr_warn("kmem_cache_create(%s): alignment %u is not a power of two, using %u\n",
			name, align, pow2);
		align = pow2;
	}
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
	slab_map_assign(s);

	spin_lock_irqsave(&slab_caches_lock, irqflags);
	set_failslab(s, failslab_covers(s)); /* under the lock: see slab_sync_failslab() */
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

struct kmem_cache *kmem_cache_of_object(const void *p)
{
	struct page *slab = slab_page_of(p);

	return slab && object_index(slab->slab_cache, slab, p) >= 0 ? slab->slab_cache : NULL;
}

bool kmem_cache_owns(const struct kmem_cache *s, const void *p)
{
	return kmem_cache_of_object(p) == s;
}

bool kmem_cache_poisons(const struct kmem_cache *s)
{
	return s->flags & SLAB_POISON;
}

bool kmem_cache_may_poison(const struct kmem_cache *s)
{
	return !s->ctor;
}

/*
 * Called by fault injection after it changed failslab_enabled, with no lock
 * held. Each cache reads the flag under its own lock, so whichever call comes
 * last leaves the latest; a cache being created reads it under
 * slab_caches_lock, so it sees either the new flag or this walk.
 */
void slab_sync_failslab(void)
{
	unsigned long flags;
	struct kmem_cache *s;

	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry (s, &slab_caches, list) {
		spin_lock(&s->lock);
		set_failslab(s, failslab_covers(s));
		spin_unlock(&s->lock);
	}
	spin_unlock_irqrestore(&slab_caches_lock, flags);
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

/* Is @s a cache on slab_caches? Never reads *@s: it may be a destroyed cache's freed memory. */
static bool cache_exists(const struct kmem_cache *s)
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

void kmem_cache_destroy(struct kmem_cache *s)
{
	unsigned long flags;

	if (!s)
		return;
	if (!cache_exists(s)) {
		bad_cache("kmem_cache_destroy", s, (unsigned long)__builtin_return_address(0),
			  "kmem_cache_destroy of a cache that does not exist (destroyed already?)");
		return;
	}
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
	register_shrinker(&slab_shrinker);
}
