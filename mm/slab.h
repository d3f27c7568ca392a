/*
 * Internals shared by the slab allocator's files (slab.c, slab_debug.c,
 * kmalloc.c, slabinfo.c): the cache structure, object layout helpers and the
 * per-CPU object arrays. Not part of the public API (that is include/slab.h).
 */
#ifndef _MM_SLAB_H
#define _MM_SLAB_H

#include <list.h>
#include <mm.h>
#include <slab.h>
#include <spinlock.h>
#include <string.h>

/*
 * Per-CPU object arrays ("magazines", as in the classic SLAB allocator): the
 * fast paths pop from and push to the running CPU's array with interrupts
 * off and no lock. Only the owning CPU touches its array: to empty every
 * CPU's array, a cross-CPU call makes each CPU empty its own (slab.c,
 * drain_cpu_arrays()); that call frees objects under the cache lock, which
 * is therefore always taken with interrupts masked. All NR_CPUS arrays of a
 * cache share one page, each on its own cache lines, so CPUs never write to
 * a line another CPU uses.
 */
#define SLAB_CPU_ARRAY_BYTES 512

struct array_cache {
	unsigned long avail; /* objects in entry[] (longs: no zero-extension on the fast path) */
	unsigned long limit; /* capacity in use; 0 sends every call to the slow path */
	unsigned int batch;  /* objects moved at once between the array and the slabs */
	unsigned int pad;
	void *entry[];
};

#define SLAB_CPU_ARRAY_MAX ((SLAB_CPU_ARRAY_BYTES - sizeof(struct array_cache)) / sizeof(void *))

/* Internal flag: a kmalloc-<size> cache (remembers requested sizes when red-zoned). */
#define SLAB_KMALLOC 0x80000000U

/* One record of SLAB_STORE_USER: who allocated or freed an object last. */
struct track {
	unsigned long addr; /* the caller's return address */
	unsigned int cpu;
	unsigned int when; /* a sequence number of slab operations, to order events */
};

enum track_item {
	TRACK_ALLOC,
	TRACK_FREE
};

/*
 * A cache. Object layout inside each stride of @size bytes (offsets from the
 * stride's start); the user's pointer is stride + red_left:
 *
 *   [left red zone: red_left][object: object_size][right red zone .. inuse]
 *   [free pointer, when outside][struct track x2][requested size][padding]
 */
struct kmem_cache {
	void *cpu_arrays;	       /* NR_CPUS struct array_cache, SLAB_CPU_ARRAY_BYTES apart */
	unsigned int size;	       /* stride between objects, metadata included */
	unsigned int object_size;      /* what the user asked for */
	unsigned int red_left;	       /* left red zone; the object starts here in its stride */
	unsigned int inuse;	       /* object start to the end of the right red zone */
	unsigned int free_offset;      /* free pointer, from the object start */
	unsigned int track_offset;     /* struct track[2], from the object start */
	unsigned int orig_size_offset; /* requested size (kmalloc with red zone) */
	unsigned int align;
	unsigned int order;	    /* each slab is 2^order pages */
	unsigned int objects;	    /* objects per slab */
	unsigned long objects_span; /* objects * size: the bytes objects occupy in a slab */
	unsigned int colour_step;   /* colouring: offsets step by this ... */
	unsigned int colour_count;  /* ... through this many values ... */
	unsigned int colour_next;   /* ... and the next new slab gets this one */
	slab_flags_t flags;
	gfp_t gfp; /* added to every page allocation (__GFP_DMA32) */
	void (*ctor)(void *);
	const char *name;

	spinlock_t lock;		/* the lists, every slab's freelist and inuse; irqsave */
	struct list_head slabs_partial; /* some objects free */
	struct list_head slabs_full;	/* no object free */
	struct list_head slabs_free;	/* every object free */
	unsigned long nr_slabs;		/* on all three lists */
	unsigned long nr_free_slabs;
	unsigned long nr_active; /* objects handed out of slabs (per-CPU arrays included) */

	struct list_head list; /* in slab_caches */
};

extern spinlock_t slab_caches_lock;
extern struct list_head slab_caches;

static inline struct array_cache *cpu_array(struct kmem_cache *s, unsigned int cpu)
{
	return (struct array_cache *)((char *)s->cpu_arrays + cpu * SLAB_CPU_ARRAY_BYTES);
}

static inline bool slab_debug(const struct kmem_cache *s)
{
	return s->flags & SLAB_DEBUG_FLAGS;
}

static inline void *slab_base(const struct page *slab)
{
	return page_address((struct page *)slab);
}

/* The first object starts this far into the slab: its colour plus the left red zone. */
static inline unsigned int first_object_offset(const struct page *slab)
{
	return slab->slab_colour;
}

static inline void *slab_object(const struct kmem_cache *s, const struct page *slab,
				unsigned int index)
{
	return (char *)slab_base(slab) + first_object_offset(slab) + index * s->size;
}

static inline void **free_pointer_at(const struct kmem_cache *s, void *obj)
{
	return (void **)((char *)obj + s->free_offset);
}

static inline struct track *track_of(const struct kmem_cache *s, void *obj, enum track_item item)
{
	return (struct track *)((char *)obj + s->track_offset) + item;
}

/*
 * index_in_slab - which object of a slab starting at @base @p points to, or
 * -1 when @p is not the start of one (an interior or misaligned pointer, or
 * one into the colour or tail space).
 */
static __always_inline int index_in_slab(const struct kmem_cache *s, const struct page *slab,
					 const void *base, const void *p)
{
	unsigned long offset =
		(unsigned long)((const char *)p - (const char *)base) - first_object_offset(slab);
	unsigned long size = s->size, index;

	if (offset >= s->objects_span)
		return -1;
	index = offset / size;
	return index * size == offset ? (int)index : -1;
}

/* object_index - index_in_slab() for a slab given by its first page. */
static inline int object_index(const struct kmem_cache *s, const struct page *slab, const void *p)
{
	return index_in_slab(s, slab, slab_base(slab), p);
}

/*
 * The start of the slab holding @p, from @page (the page @p is in) and @slab
 * (its first page), without a struct page to address lookup.
 */
static __always_inline const void *slab_base_of(const void *p, const struct page *page,
						const struct page *slab)
{
	return (const void *)(((unsigned long)p & PAGE_MASK) -
			      ((unsigned long)(page - slab) << PAGE_SHIFT));
}

/* slab_page_of - the slab holding @p, or NULL if @p is not in slab memory. */
struct page *slab_page_of(const void *p);

/* Slow paths of slab.c: an empty or full per-CPU array, debugging, a double free. */
void *slab_alloc_slow(struct kmem_cache *s, gfp_t gfp, unsigned long caller, size_t orig_size);
void *slab_zero_object(struct kmem_cache *s, void *obj);
void slab_free_slow(struct kmem_cache *s, struct page *slab, void *obj, unsigned long caller);

/*
 * slab_alloc - the allocation fast path: pop an object off this CPU's array.
 * Debug caches have arrays of limit 0, so they always take the slow path.
 */
static __always_inline void *slab_alloc(struct kmem_cache *s, gfp_t gfp, unsigned long caller,
					size_t orig_size)
{
	struct array_cache *ac;
	unsigned long flags;
	void *obj;

	local_irq_save(flags);
	ac = cpu_array(s, raw_smp_processor_id());
	if (unlikely(!ac->avail)) {
		local_irq_restore(flags);
		return slab_alloc_slow(s, gfp, caller, orig_size);
	}
	obj = ac->entry[--ac->avail];
	local_irq_restore(flags);
	if (unlikely(gfp & __GFP_ZERO))
		return slab_zero_object(s, obj);
	return obj;
}

/*
 * slab_free - the free fast path: push @obj onto this CPU's array, unless it
 * is full, the cache is debugged (limit 0), or @obj is the object freed last
 * (an immediate double free, which the slow path reports).
 */
static __always_inline void slab_free(struct kmem_cache *s, struct page *slab, void *obj,
				      unsigned long caller)
{
	struct array_cache *ac;
	unsigned long flags, avail;

	local_irq_save(flags);
	ac = cpu_array(s, raw_smp_processor_id());
	avail = ac->avail;
	if (likely(avail < ac->limit && (!avail || ac->entry[avail - 1] != obj))) {
		ac->entry[avail] = obj;
		ac->avail = avail + 1;
		local_irq_restore(flags);
		return;
	}
	local_irq_restore(flags);
	slab_free_slow(s, slab, obj, caller);
}
void kmalloc_init(void);
/* kmalloc_slab_bytes - bytes of slab memory the kmalloc-<size> caches hold now. */
unsigned long kmalloc_slab_bytes(void);
/* slabinfo_line - @s's line of /proc/slabinfo (no newline) into @buf. */
int slabinfo_line(struct kmem_cache *s, char *buf, size_t len);
struct kmem_cache *create_cache(const char *name, unsigned int size, unsigned int align,
				slab_flags_t flags, void (*ctor)(void *));

/*
 * Debugging hooks (slab_debug.c). Caches without SLAB_DEBUG_FLAGS never call
 * them: the fast paths test slab_debug() once, or use limit-0 arrays.
 */
slab_flags_t slub_debug_flags_for(const char *name);
void debug_init_object(struct kmem_cache *s, void *obj);
void debug_alloc_checks(struct kmem_cache *s, struct page *slab, void *obj, unsigned long caller,
			size_t orig_size);
bool debug_free_checks(struct kmem_cache *s, struct page *slab, void *obj, unsigned long caller);
size_t kmalloc_orig_size(struct kmem_cache *s, const void *obj);
void kmalloc_set_orig_size(struct kmem_cache *s, void *obj, size_t size);
unsigned long debug_validate_slab(struct kmem_cache *s, struct page *slab);
void report_allocated_objects(struct kmem_cache *s, struct page *slab);

/* Reports in SLUB's format (slab_debug.c); each counts in slab_error_count(). */
void slab_err(struct kmem_cache *s, struct page *slab, const char *fmt, ...) __printf(3, 4);
void object_err(struct kmem_cache *s, struct page *slab, void *obj, const char *reason);
void slab_fix(struct kmem_cache *s, const char *fmt, ...) __printf(2, 3);
void bad_kfree(const void *p, unsigned long caller, const char *why);

#endif /* _MM_SLAB_H */
