/*
 * Internals shared by the slab allocator's files (slab.c, slab_debug.c,
 * kmalloc.c, slabinfo.c): the cache structure, object layout helpers and the
 * per-CPU object arrays. Not part of the public API (that is include/slab.h).
 */
#ifndef _MM_SLAB_H
#define _MM_SLAB_H

#include <fault_inject.h>
#include <list.h>
#include <mm.h>
#include <mmdebug.h>
#include <slab.h>
#include <spinlock.h>
#include <string.h>

/*
 * Per-CPU object arrays ("magazines", as in the classic SLAB allocator): the
 * fast paths pop from and push to the running CPU's array with interrupts
 * off and no lock. Only the owning CPU touches its array, or replaces it: to
 * empty every CPU's array, a cross-CPU call makes each CPU empty its own
 * (slab.c, drain_cpu_arrays()); that call frees objects under the cache
 * lock, which is therefore always taken with interrupts masked.
 *
 * Each CPU starts with a small array (all NR_CPUS of a cache share one page,
 * each on its own cache lines, so CPUs never write to a line another CPU
 * uses). An array that went from empty to full, a working set larger than
 * it, grows instead of flushing: a new array in pages of its own, a page and
 * then twice as large each time, up to 2^SLAB_CPU_ARRAY_MAX_ORDER pages and
 * SLAB_CPU_ARRAY_MAX_HELD bytes of objects. Draining an array (shrink,
 * destroy, the shrinker when memory is short) gives a grown one back.
 */
#define SLAB_CPU_ARRAY_BYTES 512
#define SLAB_CPU_ARRAY_MAX_ORDER 2
#define SLAB_CPU_ARRAY_MAX_HELD (PAGE_SIZE << 7) /* 128 pages: 512 KiB of 4 KiB pages */
#define SLAB_CPU_ARRAY_SMALL (~0U)		 /* ->order of a small array */

struct array_cache {
	/*
	 * The end of the room entry[] may use: top == end is full, and an
	 * array whose end is entry[0] sends every call to the slow path.
	 */
	void **end;
	unsigned int batch; /* objects moved at once between the array and the slabs */
	unsigned int order; /* a grown array's pages: 2^order; SLAB_CPU_ARRAY_SMALL otherwise */
	bool refilled;	    /* refilled from the slabs since it last flushed to them */
	/*
	 * The free slot above the last object: entry[0] when empty. Pointers,
	 * not a count, so that a fast path needs no addition to find the slot.
	 * Just before entry[], so that top[-1] of an empty array reads this
	 * field, whose value (&entry[0]) is never an object: the free fast
	 * path's double-free test needs no separate test for an empty array.
	 */
	void **top;
	void *entry[];
};

_Static_assert(__builtin_offsetof(struct array_cache, entry) ==
		       __builtin_offsetof(struct array_cache, top) + sizeof(void *),
	       "top must come just before entry[]");

/* Entries in an array of @bytes bytes. */
#define SLAB_CPU_ARRAY_ENTRIES(bytes) (((bytes) - sizeof(struct array_cache)) / sizeof(void *))
#define SLAB_CPU_ARRAY_MAX SLAB_CPU_ARRAY_ENTRIES(SLAB_CPU_ARRAY_BYTES)

/*
 * The depot: a cache's free objects that a CPU's full array flushed, for an
 * empty array (of any CPU) to refill from, a batch at a time under the cache
 * lock, by copying pointers: objects freed on one CPU and allocated on
 * another (producer and consumer) go round without touching their slabs.
 * It holds up to eight batches of objects; a flush that does not fit goes to
 * the slabs. Its objects are counted in ->nr_active, as the arrays' are;
 * release_empty_slabs() empties it into the slabs first.
 */
#define SLAB_DEPOT_MAX (4 * SLAB_CPU_ARRAY_MAX)

/* Objects in @ac (READ_ONCE: reports and tests read other CPUs' arrays). */
static inline unsigned long array_objects(const struct array_cache *ac)
{
	return (unsigned long)(READ_ONCE(ac->top) - ac->entry);
}

/* Objects @ac has room for (0: every call takes the slow path). */
static inline unsigned long array_capacity(const struct array_cache *ac)
{
	return (unsigned long)(ac->end - ac->entry);
}

/* Is @ac's top a slot of its own (the encoding intact)? For VM_BUG_ON(). */
static inline bool array_top_valid(const struct array_cache *ac)
{
	return !((unsigned long)ac->top % sizeof(void *)) && ac->top >= ac->entry &&
	       ac->top <= ac->end;
}

/* Internal flag: a kmalloc-<size> cache (remembers requested sizes when red-zoned). */
#define SLAB_KMALLOC 0x80000000U
/*
 * Internal flag: the slab's order leaves at most 1/2^SLAB_TIGHT_WASTE_SHIFT of
 * it unused at its end, not 1/8 (kmalloc.classes=fine's classes, which are
 * not powers of two and many, so that their slabs' ends do not undo what the
 * finer classes save).
 */
#define SLAB_TIGHT_FIT 0x20000000U
/*
 * Internal flag: slab_hardened=1 at boot, on every cache that is not debugged.
 * Every call goes to the slabs (arrays without room, as a debug cache's); the
 * free pointer lives outside the object and, while the object is allocated,
 * holds SLAB_OBJECT_LIVE, which no free list ever holds (NULL or an object's
 * start, never odd): a free of anything else is a double free, or of an
 * object the cache never handed out. take_one_locked()'s callers write it,
 * put_locked() overwrites it, both under ->lock.
 */
#define SLAB_HARDENED 0x40000000U
#define SLAB_OBJECT_LIVE ((void *)0x11fe0b1ec7UL)

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
	/*
	 * First, one load from the cache's address: the array each CPU's fast
	 * paths use. It is the CPU's array (->cpu_array[], which the slow paths
	 * use), but while failslab may fail the cache: then it is
	 * slab_failslab_array, always empty and full, so that every allocation
	 * takes the slow path, where failslab decides (init_on_alloc and
	 * init_on_free use the same array: see ->init_on_alloc), and the fast path needs
	 * no test (frees take the slow path too, which puts objects into the
	 * CPU's array all the same). Both are written under ->lock, with
	 * interrupts masked: by a CPU that replaces its own array, or by
	 * failslab's arming.
	 */
	struct array_cache *fast_array[NR_CPUS];
	struct array_cache *cpu_array[NR_CPUS];
	bool failslab;		   /* fault injection may fail allocations (slab_alloc_slow()) */
	unsigned int array_limit;  /* a small array's capacity in objects (slabinfo's limit) */
	unsigned int array_batch;  /* and its batch */
	void *small_arrays;	   /* NR_CPUS small arrays, SLAB_CPU_ARRAY_BYTES apart */
	unsigned int size;	   /* stride between objects, metadata included */
	unsigned int object_size;  /* what the user asked for */
	unsigned int red_left;	   /* left red zone; the object starts here in its stride */
	unsigned int inuse;	   /* object start to the end of the right red zone */
	unsigned int free_offset;  /* free pointer, from the object start */
	unsigned int track_offset; /* struct track[2], from the object start */
	unsigned int orig_size_offset; /* requested size (kmalloc with red zone) */
	unsigned int align;
	unsigned int order;	   /* each slab is 2^order pages */
	unsigned int objects;	   /* objects per slab */
	unsigned long size_recip;  /* floor(2^64 / size) + 1: see is_object_start() */
	unsigned long start_limit; /* objects * (size * size_recip mod 2^64): the same */
	unsigned long slab_mask;  /* a slab's bytes - 1, when map_id: see slab_map_object_start() */
	unsigned int map_id;	  /* its slab map byte (its index in slab_map.caches[]), or 0 */
	unsigned int colour_step; /* colouring: offsets step by this ... */
	unsigned int colour_count; /* ... through this many values ... */
	unsigned int colour_next;  /* ... and the next new slab gets this one */
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
	unsigned long nr_active;  /* objects handed out of slabs (per-CPU arrays included) */
	unsigned int depot_nr;	  /* objects in ->depot[]; under ->lock */
	unsigned int depot_limit; /* its capacity: eight batches of the small array */
	void *depot[SLAB_DEPOT_MAX];

	struct list_head list; /* in slab_caches */

	/*
	 * init_on_alloc=1 / init_on_free=1 apply to this cache: no constructor,
	 * not poisoned (Linux's exemptions). Either sends the fast paths to the
	 * slow ones, as failslab does (see ->fast_array[]), where objects are
	 * zeroed. Set at creation, never changed.
	 */
	bool init_on_alloc;
	bool init_on_free;
};

extern spinlock_t slab_caches_lock;
extern struct list_head slab_caches;

/*
 * A number that differs between caches laid out next to each other (by one
 * from one struct kmem_cache to the next), to spread their per-CPU arrays
 * over the first-level cache's sets.
 */
static inline unsigned long cache_spread(const struct kmem_cache *s)
{
	return (unsigned long)s / sizeof(*s);
}

/*
 * Where a grown array of @s starts in its first page: 1, 3, 5 or 7 cache
 * lines in, chosen by the cache, never at the page's start. Grown arrays at
 * offset 0 put every cache's header (->top, read on every call) in the
 * same first-level cache set, the one the first line of every object of 512
 * bytes or more (aligned to its size) maps to as well: on random_sizes they
 * evicted each other (docs/benchmarks.md).
 */
static inline unsigned long grown_array_offset(const struct kmem_cache *s)
{
	return (2 * (cache_spread(s) % 4) + 1) * L1_CACHE_BYTES;
}

/* @cpu's array of @s (@cpu a long: an unsigned int would cost a zero-extension per use). */
static inline struct array_cache *cpu_array(struct kmem_cache *s, unsigned long cpu)
{
	return READ_ONCE(s->cpu_array[cpu]);
}

/* The array @cpu's fast paths use: cpu_array(), or slab_failslab_array. */
static inline struct array_cache *fast_array(struct kmem_cache *s, unsigned long cpu)
{
	return READ_ONCE(s->fast_array[cpu]);
}

/* What the fast paths use while failslab may fail a cache: no room, no object (see kmem_cache). */
extern struct array_cache slab_failslab_array;

static inline bool slab_debug(const struct kmem_cache *s)
{
	return s->flags & SLAB_DEBUG_FLAGS;
}

/* Does every call of @s go to the slabs, through checks (slab_debug() or SLAB_HARDENED)? */
static inline bool slab_checked(const struct kmem_cache *s)
{
	return s->flags & (SLAB_DEBUG_FLAGS | SLAB_HARDENED);
}

static inline void *slab_base(const struct page *slab)
{
	return page_address((struct page *)slab);
}

/* The first object starts this far into the slab: its colour plus the left red zone. */
static inline unsigned long first_object_offset(const struct page *slab)
{
	return (unsigned long)((char *)slab->s_mem - (char *)slab_base(slab));
}

static inline void *slab_object(const struct kmem_cache *s, const struct page *slab,
				unsigned int index)
{
	return (char *)slab->s_mem + (unsigned long)index * s->size;
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
 * is_object_start - does @p, in a page of the slab that @page (any page of it)
 * belongs to, point at the start of one of its objects? False for interior
 * and misaligned pointers and for the colour and the leftover of the slab.
 * One multiply and one compare, no division. With c = size_recip and
 * e = size * c mod 2^64 (1 <= e <= size), the offset n = @p - s_mem gives
 *  - for n = k * size, k >= 0: n * c mod 2^64 = k * e, below start_limit
 *    = objects * e exactly when k < objects;
 *  - for any other n in (-2^32, 2^32) (a slab spans less than 2^32 bytes):
 *    n * c mod 2^64 >= 2^64 / size - 2^33, far above start_limit (Lemire,
 *    Kaser and Kurz, "Faster remainder by direct computation", 2019, for
 *    the multiples; c is one more than theirs for a power-of-two size, so
 *    that e is never 0 and the product still counts the objects).
 */
static __always_inline bool is_object_start(const struct kmem_cache *s, const struct page *page,
					    const void *p)
{
	unsigned long offset = (unsigned long)p - (unsigned long)page->s_mem;

	return offset * s->size_recip < s->start_limit;
}

/* object_index - which object of @slab @p is the start of, or -1 when none. */
static inline int object_index(const struct kmem_cache *s, const struct page *slab, const void *p)
{
	if (!is_object_start(s, slab, p))
		return -1;
	return (int)(((unsigned long)p - (unsigned long)slab->s_mem) / s->size);
}

/*
 * The slab map (slab_map.c): a byte for each page of the memmap span, the
 * index in ->caches[] of the kmalloc cache whose slab the page is part of;
 * 0, ->caches[0] = &no_slab_cache, for every other page. kfree()'s fast path
 * reads it instead of the struct page.
 */
#define SLAB_MAP_CACHES 128 /* every kmalloc class, kmalloc.classes=fine's too */

struct slab_map {
	/* First: the fast path adds the byte, times 8, to the map's address as it is. */
	struct kmem_cache *caches[SLAB_MAP_CACHES];
	unsigned long start; /* memmap_span's start and size; 0 when there is no map */
	unsigned long size;
	u8 *ids;
};

extern struct slab_map slab_map;

/*
 * The slab map's address, hidden from the compiler: it then stays in one
 * register for slab_map_covers() and slab_map_cache(), instead of being
 * formed again for ->caches[] (two RISC-V instructions).
 */
static __always_inline const struct slab_map *slab_map_ptr(void)
{
	const struct slab_map *map = &slab_map;

	OPTIMIZER_HIDE_VAR(map);
	return map;
}

/* Is @p in the span @map covers? */
static __always_inline bool slab_map_covers(const struct slab_map *map, const void *p)
{
	return (unsigned long)p - map->start < map->size;
}

/* The cache @map names for @p, which slab_map_covers(): &no_slab_cache if none. */
static __always_inline struct kmem_cache *slab_map_cache(const struct slab_map *map, const void *p)
{
	return map->caches[map->ids[((unsigned long)p - map->start) >> PAGE_SHIFT]];
}

/*
 * is_object_start() for a cache the slab map names: its slabs are aligned to
 * their size and objects start at multiples of ->size from the slab's start,
 * so the offset is the address's low bits. no_slab_cache's mask and limit
 * are 0: nothing matches.
 */
static __always_inline bool slab_map_object_start(const struct kmem_cache *s, const void *p)
{
	return ((unsigned long)p & s->slab_mask) * s->size_recip < s->start_limit;
}

/* Allocate the map (mem_init(), from memblock); without it kfree() takes the slow path. */
void slab_map_init(void);
/* Give @s a slab map entry, if it is a kmalloc cache whose layout allows one. */
void slab_map_assign(struct kmem_cache *s);
/*
 * Give the 2^@order pages of @slab the byte @id, with one store up to 8 of
 * them (slab_map_init() aligned the map's start): new_slab() and free_slab()
 * call it for every slab they make or give back.
 */
static inline void slab_map_write(const struct page *slab, unsigned int order, u8 id)
{
	typedef u16 __attribute__((__may_alias__)) u16_bytes;
	typedef u32 __attribute__((__may_alias__)) u32_bytes;
	typedef u64 __attribute__((__may_alias__)) u64_bytes;
	unsigned long first = (unsigned long)slab_base(slab) - slab_map.start;
	u64 bytes = id * (~0ULL / 0xff); /* @id in every byte */
	u8 *ids = slab_map.ids + (first >> PAGE_SHIFT);

	if (first >= slab_map.size)
		return;
	if (order == 0)
		WRITE_ONCE(*ids, id);
	else if (order == 1)
		WRITE_ONCE(*(u16_bytes *)ids, (u16)bytes);
	else if (order == 2)
		WRITE_ONCE(*(u32_bytes *)ids, (u32)bytes);
	else
		for (unsigned long i = 0; i < (1UL << order); i += 8)
			WRITE_ONCE(*(u64_bytes *)(ids + i), bytes);
}

/* Name @s in the map for every page of @slab (new_slab()), if it has an entry. */
static inline void slab_map_add(struct kmem_cache *s, const struct page *slab)
{
	/* A slab not aligned to its size (never, from the buddy allocator) stays unnamed. */
	if (s->map_id && !((unsigned long)slab_base(slab) & s->slab_mask))
		slab_map_write(slab, s->order, (u8)s->map_id);
}

/* Give every page of @slab the byte of no cache again (free_slab()). */
static inline void slab_map_remove(struct kmem_cache *s, const struct page *slab)
{
	if (s->map_id)
		slab_map_write(slab, s->order, 0);
}

/* slab_page_of - the slab (its first page) holding @p, or NULL if @p is not in slab memory. */
static inline struct page *slab_page_of(const void *p)
{
	struct page *page;

	if (!virt_addr_valid(p))
		return NULL;
	page = compound_head(virt_to_page(p));
	return PageSlab(page) ? page : NULL;
}

/*
 * Slow paths of slab.c: an empty or full per-CPU array, __GFP_ZERO,
 * failslab, debugging, a double free. @caller is the address that reports and
 * SLAB_STORE_USER name; @orig_size the size kmalloc() was asked for (0: the
 * object size).
 */
void *slab_alloc_slow(struct kmem_cache *s, gfp_t gfp, size_t orig_size, unsigned long caller);
void slab_free_slow(struct kmem_cache *s, void *obj, unsigned long caller);

/*
 * The same for the fast paths, which reach them by tail calls. A fast path passes
 * SLAB_FAST_CALLER as @caller. At -O2 that is 0 and the miss function takes its own
 * return address, which a sibling call makes the fast path's caller: passing
 * __builtin_return_address(0) instead made GCC keep the return address on the stack on
 * every fast path (4 RISC-V instructions per call). Builds that make no sibling calls
 * (the host's sanitized -O1, DEBUG=1's -Og) get -DCONFIG_EXPLICIT_CALLERS from the
 * Makefile and pass the return address itself, so reports name the right caller there too.
 * It must be evaluated in the API function: slab_alloc() and slab_free() stay inline in
 * every build, DEBUG=1 included.
 */
#ifdef CONFIG_EXPLICIT_CALLERS
#define SLAB_FAST_CALLER ((unsigned long)__builtin_return_address(0))
#else
#define SLAB_FAST_CALLER 0UL
#endif
/* The caller a miss function records: @caller, or (0) its own return address. */
#define slab_miss_caller(caller) ((caller) ? (caller) : (unsigned long)__builtin_return_address(0))
void *slab_alloc_miss(struct kmem_cache *s, gfp_t gfp, size_t orig_size, unsigned long caller);
void slab_free_miss(struct kmem_cache *s, void *obj, unsigned long caller);

/*
 * cpu_array_pop - take the object freed last off this CPU's array of @s
 * into *@objp; false when the array is empty (always, in a debug cache: its
 * arrays have no room) or, on the fast path (@fast), while failslab may fail
 * the cache (the fast path's array is slab_failslab_array then).
 */
static __fast_inline bool cpu_array_pop(struct kmem_cache *s, void **objp, bool fast)
{
	unsigned long flags, cpu;
	struct array_cache *ac;
	void **top;

	local_irq_save_leaf(flags);
	cpu = raw_smp_processor_id();
	ac = fast ? fast_array(s, cpu) : cpu_array(s, cpu);
	VM_BUG_ON(!array_top_valid(ac));
	top = ac->top;
	if (unlikely(top == ac->entry)) {
		local_irq_restore_leaf(flags);
		return false;
	}
	*objp = top[-1];
	ac->top = top - 1;
	local_irq_restore_leaf(flags);
	return true;
}

/*
 * slab_alloc - the allocation fast path: an object off this CPU's array.
 * __GFP_ZERO, failslab and an empty array take the slow path (@orig_size:
 * see slab_alloc_slow()).
 */
static __always_inline void *slab_alloc(struct kmem_cache *s, gfp_t gfp, size_t orig_size)
{
	void *obj;

	if (likely(!(gfp & __GFP_ZERO)) && likely(cpu_array_pop(s, &obj, true)))
		return obj;
	return slab_alloc_miss(s, gfp, orig_size, SLAB_FAST_CALLER);
}

/*
 * slab_free - the free fast path: push @obj, an object of @s (checked by the
 * caller), onto this CPU's array, unless it is full, the cache is debugged
 * (no room), or @obj is the object freed last (an immediate double free,
 * which the slow path reports).
 */
static __always_inline void slab_free(struct kmem_cache *s, void *obj)
{
	struct array_cache *ac;
	unsigned long flags;
	void **top;

	local_irq_save_leaf(flags);
	ac = fast_array(s, raw_smp_processor_id());
	VM_BUG_ON(!array_top_valid(ac));
	top = ac->top;
	if (likely(top < ac->end && top[-1] != obj)) {
		top[0] = obj;
		ac->top = top + 1;
		local_irq_restore_leaf(flags);
		return;
	}
	local_irq_restore_leaf(flags);
	slab_free_miss(s, obj, SLAB_FAST_CALLER);
}

/* kmalloc_init - create the kmalloc-<size> caches; called once by mm_core_init(). */
void kmalloc_init(void);

/* Between slab.c, slab_cpu.c and slab_lists.c (see each for the contracts). */
void cpu_arrays_init(struct kmem_cache *s, void *arrays);
void set_failslab(struct kmem_cache *s, bool on);
void drain_this_cpu_array(void *info);
void drain_cpu_arrays(struct kmem_cache *s);
struct page *new_slab(struct kmem_cache *s, gfp_t gfp);
void add_new_slab(struct kmem_cache *s, struct page *slab);
unsigned int take_locked(struct kmem_cache *s, void **out, unsigned int want);
void *take_one_locked(struct kmem_cache *s, gfp_t gfp, unsigned long *flags);
unsigned int take_objects(struct kmem_cache *s, gfp_t gfp, void **out, unsigned int want);
void put_locked(struct kmem_cache *s, void **objs, unsigned int n, struct list_head *to_free);
void put_objects(struct kmem_cache *s, void **objs, unsigned int n);
void free_slab_list(struct kmem_cache *s, struct list_head *list);
unsigned long release_empty_slabs(struct kmem_cache *s);
/*
 * kmalloc.classes=fine (kmalloc.c): whether it is on, and its classes, in
 * size order; none without it. At most 7 per doubling of the sizes above 128.
 */
#define NR_KMALLOC_FINE (7 * (KMALLOC_SHIFT_HIGH - 7))
bool kmalloc_fine_classes(void);
extern struct kmem_cache *kmalloc_fine_caches[NR_KMALLOC_FINE];
extern unsigned int nr_kmalloc_fine;
/* kmalloc_slab_bytes - bytes of slab memory the kmalloc-<size> caches hold now. */
unsigned long kmalloc_slab_bytes(void);
/* slabinfo_line - @s's line of /proc/slabinfo (no newline) into @buf. */
int slabinfo_line(struct kmem_cache *s, char *buf, size_t len);
struct kmem_cache *create_cache(const char *name, unsigned int size, unsigned int align,
				slab_flags_t flags, void (*ctor)(void *));

/*
 * Debugging hooks (slab_debug.c). Caches without SLAB_DEBUG_FLAGS never call
 * them: the fast paths test slab_debug() once, or use limit-0 arrays. The
 * alloc and free checks and debug_object_is_free() run under ->lock, so that
 * validation never sees an object half allocated or half freed.
 */
slab_flags_t slub_debug_flags_for(const char *name);
void debug_init_object(struct kmem_cache *s, void *obj);
void debug_alloc_checks(struct kmem_cache *s, struct page *slab, void *obj, unsigned long caller,
			size_t orig_size);
bool debug_free_checks(struct kmem_cache *s, struct page *slab, void *obj, unsigned long caller);
bool debug_object_is_free(struct kmem_cache *s, struct page *slab, void *obj);
void report_double_free(struct kmem_cache *s, struct page *slab, void *obj);
size_t kmalloc_orig_size(struct kmem_cache *s, const void *obj);
void kmalloc_set_orig_size(struct kmem_cache *s, void *obj, size_t size);
unsigned long debug_validate_slab(struct kmem_cache *s, struct page *slab);
void report_allocated_objects(struct kmem_cache *s, struct page *slab);

/* Reports in SLUB's format (slab_debug.c); each counts in slab_error_count(). */
void slab_err(struct kmem_cache *s, struct page *slab, const char *fmt, ...) __printf(3, 4);
void object_err(struct kmem_cache *s, struct page *slab, void *obj, const char *reason);
void slab_fix(struct kmem_cache *s, const char *fmt, ...) __printf(2, 3);
void bad_kfree(const void *p, unsigned long caller, const char *why);
void bad_cache(const char *func, const void *s, unsigned long caller, const char *why);

/*
 * slab_object_live - would freeing @obj, an object start of @s in @slab, not
 * be reported as a double free? False after that report (krealloc() checks
 * its pointer so). What is caught depends on the mode, as for a free.
 */
bool slab_object_live(struct kmem_cache *s, struct page *slab, void *obj);

#endif /* _MM_SLAB_H */
