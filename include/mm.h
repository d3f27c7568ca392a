/*
 * struct page and what the kernel may ask about physical pages: the pfn,
 * struct page and address conversions, page flags, compound pages, memory
 * totals and the allocator's reports. Linux's names throughout; the
 * allocation API itself is in <gfp.h>.
 */
#ifndef _MM_H
#define _MM_H

#include <asm/port.h>
#include <compiler.h>
#include <gfp.h>
#include <list.h>
#include <mmzone.h>
#include <types.h>

struct kmem_cache;
struct kernel_mapping;
struct vm_struct;

/*
 * One struct page per page frame of RAM, in the vmemmap array below
 * (mm/mm_init.c maps and builds them at boot, from memblock memory). What the
 * fields mean depends on the page's state:
 *
 *   free, head of a buddy block:   PG_buddy, lru on the zone's free_area list,
 *                                  private = the block's order
 *   free, inside a buddy block:    no state flags; the head above describes it
 *   free, on a per-CPU list:       PG_pcp, lru on that list, private = the CPU
 *   allocated, first page:         PG_allocated, private = the order it was
 *                                  allocated with; lru free for the owner
 *   allocated, other pages:        no state flags (PG_tail in a compound page)
 *   never allocatable:             PG_reserved (kernel image, firmware, DTB,
 *                                  the struct page arrays, partial pages)
 */
struct page {
	/*
	 * First, so that a page and its list node share an address: the per-CPU
	 * fast paths go from a list entry to its page and back at no cost.
	 */
	union {
		struct list_head lru;	/* free lists; the owner's own lists */
		struct page *head_page; /* PG_tail: the compound page's first page */
		unsigned long pt_used;	/* a page-table page: its entries in use */
	};
	unsigned long flags;   /* PG_* bits; the zone in the top bits */
	unsigned long private; /* order (buddy, allocated), CPU (PG_pcp) */
	/*
	 * The slab allocator's, on every page of a slab (PG_slab on the first).
	 * On every page that is not part of a live slab, slab_cache is
	 * &no_slab_cache and the rest zero: kfree()'s fast path reads the cache
	 * of any page without testing it first, and no_slab_cache has no
	 * object to match.
	 */
	void *freelist;		       /* first page: the first free object */
	struct kmem_cache *slab_cache; /* the cache this slab belongs to */
	void *s_mem;		       /* the slab's first object (after its colour) */
	unsigned int inuse;	       /* first page: objects handed out (per-CPU arrays too) */
	unsigned int objects;	       /* first page: objects in the slab */
};

/*
 * 64 bytes exactly: a power of two keeps pfn <-> struct page arithmetic a shift
 * (at 56 bytes every page_to_pfn() needs a multiply by an inverse), and a
 * page of struct pages describes 64 frames exactly.
 */
_Static_assert(sizeof(struct page) == 64, "struct page must be 64 bytes");

/* What struct page.slab_cache names on a page that is no slab's (mm/mmzone.c). */
extern struct kmem_cache no_slab_cache;

/**
 * page_reset_slab - give @page the slab fields of a page that is no slab's:
 * slab_cache = &no_slab_cache, the rest zero. The writers of the sentinel:
 * memmap_init_pages() at boot, and the slab allocator when it frees a slab.
 */
static inline void page_reset_slab(struct page *page)
{
	page->freelist = NULL;
	page->slab_cache = &no_slab_cache;
	page->s_mem = NULL;
	page->inuse = 0;
	page->objects = 0;
}

/*
 * Page flags, declared once: PAGEFLAGS() below makes the enum (PG_<name>),
 * the PageX() / __SetPageX() / __ClearPageX() accessors, the names dump_page()
 * prints, the masks checked at free and at allocation, and what a bad-page
 * report says of each. Each page is in exactly one state: PG_buddy, PG_pcp,
 * PG_allocated, PG_reserved, or none (inside a free or allocated block).
 *
 * PG_hole:      not RAM: a frame between two banks that vmemmap describes
 *               anyway (in a page of struct pages shared with RAM, or in the
 *               shared read-only hole page). Also PG_reserved.
 * PG_reserved:  not managed by the allocator; never freed into the buddy lists.
 * PG_buddy:     first page of a free block on a zone's free list (private = order).
 * PG_pcp:       a free page on a per-CPU list (private = the CPU).
 * PG_slab:      the page belongs to the slab allocator.
 * PG_large_kmalloc: first page of a kmalloc() too large for the slab caches.
 * PG_tail:      any other page of a compound allocation; head_page is the first.
 * PG_allocated: first page of an allocated block (private = its order). Freeing
 *               any page that lacks it is a bad free; this is what catches
 *               double frees, interior pointers and wrong orders.
 * PG_head:      first page of a compound (__GFP_COMP) allocation.
 * PG_free_hooks: first page of a block allocated while init_on_free=1,
 *               page_poison=1 or debug_pagealloc=on: its free runs their work
 *               (zero, poison, unmap; the order-0 free fast path steps aside).
 *
 * X(Uname, lname, at_free, why), one row per flag:
 *   @at_free: PF_FREE_BAD: a block whose first page carries it must not be
 *     freed (the free-time check reports it); PF_FREE_NEED: it must carry it
 *     (PG_allocated); PF_FREE_OK: it may (PG_head: the free undoes the
 *     compound page).
 *   @why: what a bad-page report says when the flag is why a free is bad, or
 *     NULL where mm/page_reports.c says more (an order, a CPU, a head page).
 * The rows are in the order a bad free is explained: the first flag that
 * explains it wins (a hole is reserved too; a large kmalloc block is also
 * PG_allocated).
 */
#define PF_FREE_OK 0
#define PF_FREE_BAD 1
#define PF_FREE_NEED 2

#define PAGEFLAGS(X)                                                                         \
	X(Hole, hole, PF_FREE_BAD, "the page is not RAM (a hole between memory ranges)")     \
	X(Reserved, reserved, PF_FREE_BAD,                                                   \
	  "the page is reserved: it was never given to the allocator")                       \
	X(Buddy, buddy, PF_FREE_BAD, NULL)                                                   \
	X(Pcp, pcp, PF_FREE_BAD, NULL)                                                       \
	X(Slab, slab, PF_FREE_BAD, "the page still belongs to the slab allocator (PG_slab)") \
	X(LargeKmalloc, large_kmalloc, PF_FREE_BAD,                                          \
	  "the page is a large kmalloc() block (PG_large_kmalloc): free it with kfree()")    \
	X(Tail, tail, PF_FREE_BAD, NULL)                                                     \
	X(Allocated, allocated, PF_FREE_NEED, NULL)                                          \
	X(Head, head, PF_FREE_OK, NULL)                                                      \
	X(FreeHooks, free_hooks, PF_FREE_OK, NULL)

#define PAGEFLAG_ENUM(uname, lname, at_free, why) PG_##lname,
enum pageflags {
	PAGEFLAGS(PAGEFLAG_ENUM) NR_PAGEFLAGS
};
#undef PAGEFLAG_ENUM

/*
 * The flags a block's first page is checked for at free: it must carry
 * exactly PG_allocated of them (PF_FREE_BAD and PF_FREE_NEED rows).
 */
#define PAGEFLAG_AT_FREE(uname, lname, at_free, why) | ((at_free) ? 1UL << PG_##lname : 0)
#define PAGE_FLAGS_CHECK_AT_FREE (0 PAGEFLAGS(PAGEFLAG_AT_FREE))

/*
 * The flags no page of a block may carry as the buddy lists hand it out, nor
 * any page inside a free block: every flag (checked in CONFIG_DEBUG_VM builds).
 */
#define PAGEFLAG_AT_PREP(uname, lname, at_free, why) | 1UL << PG_##lname
#define PAGE_FLAGS_CHECK_AT_PREP (0 PAGEFLAGS(PAGEFLAG_AT_PREP))

/* page->flags, from the top: zone (2 bits), ..., PG_* bits. */
#define BITS_PER_LONG (8 * (int)sizeof(long))
#define ZONES_WIDTH 2
#define ZONES_PGSHIFT (BITS_PER_LONG - ZONES_WIDTH)
#define ZONES_MASK ((1UL << ZONES_WIDTH) - 1)

_Static_assert(NR_PAGEFLAGS <= ZONES_PGSHIFT, "page flags overlap the zone number");
_Static_assert(MAX_NR_ZONES <= (1 << ZONES_WIDTH), "zone ids do not fit in page->flags");

#define PAGEFLAG(uname, lname)                                   \
	static inline bool Page##uname(const struct page *page)  \
	{                                                        \
		return page->flags & (1UL << PG_##lname);        \
	}                                                        \
	static inline void __SetPage##uname(struct page *page)   \
	{                                                        \
		page->flags |= 1UL << PG_##lname;                \
	}                                                        \
	static inline void __ClearPage##uname(struct page *page) \
	{                                                        \
		page->flags &= ~(1UL << PG_##lname);             \
	}

/* PageX() tests, __SetPageX() / __ClearPageX() change (not atomically: the page's owner only). */
#define PAGEFLAG_ACCESSORS(uname, lname, at_free, why) PAGEFLAG(uname, lname)
PAGEFLAGS(PAGEFLAG_ACCESSORS)
#undef PAGEFLAG_ACCESSORS

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (enum zone_type)((page->flags >> ZONES_PGSHIFT) & ZONES_MASK);
}

/**
 * page_zone - the zone a page belongs to.
 */
static inline struct zone *page_zone(const struct page *page)
{
	return &node_zones[page_zonenum(page)];
}

#define PFN_UP(x) ((unsigned long)(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT))
#define PFN_DOWN(x) ((unsigned long)((x) >> PAGE_SHIFT))
#define PFN_PHYS(x) ((phys_addr_t)(x) << PAGE_SHIFT)
#define PHYS_PFN(x) ((unsigned long)((x) >> PAGE_SHIFT))

/*
 * vmemmap: the struct pages of all page frames form one virtual array, the
 * struct page of frame pfn at VMEMMAP_START + pfn * 64 (the port's region).
 * Only the parts that describe RAM are mapped (mem_init()); a whole page of
 * struct pages that falls in a hole between banks maps one shared read-only
 * page of PG_hole struct pages, so every frame from the first of RAM to the
 * last has a struct page to read. pfn <-> struct page is an addition or a
 * subtraction.
 */

/**
 * pfn_to_page - the struct page of @pfn, which must be pfn_valid() (or see memmap_span).
 */
static inline struct page *pfn_to_page(unsigned long pfn)
{
	return (struct page *)(VMEMMAP_START + pfn * sizeof(struct page));
}

/**
 * page_to_pfn - the page frame number of @page.
 */
static inline unsigned long page_to_pfn(const struct page *page)
{
	return ((unsigned long)page - VMEMMAP_START) / sizeof(struct page);
}

/**
 * page_section_nr - the memory section (<mmzone.h>) @page's frame lies in.
 */
static inline unsigned long page_section_nr(const struct page *page)
{
	return pfn_to_section_nr(page_to_pfn(page));
}

/**
 * pfn_valid - does page frame @pfn have a struct page describing RAM?
 * @pfn: page frame number (physical address >> PAGE_SHIFT)
 *
 * True only for whole pages inside a memory range of the boot memory map
 * (reserved ones included); false in holes between banks and outside RAM,
 * and for every pfn before mem_init(). O(1): the section's span, then the
 * struct page's PG_hole.
 */
static inline bool pfn_valid(unsigned long pfn)
{
	unsigned long nr = pfn_to_section_nr(pfn);
	const struct mem_section *ms;

	if (nr >= nr_mem_sections)
		return false;
	ms = &mem_section[nr];
	if (pfn < ms->start_pfn || pfn >= ms->end_pfn)
		return false;
	return !PageHole(pfn_to_page(pfn));
}

static inline phys_addr_t page_to_phys(const struct page *page)
{
	return PFN_PHYS(page_to_pfn(page));
}

/**
 * page_address - the kernel virtual address of @page, in the direct map.
 */
static inline void *page_address(const struct page *page)
{
	return phys_to_virt(page_to_phys(page));
}

/**
 * virt_to_pfn - the pfn of the page holding direct-map address @addr.
 */
static inline unsigned long virt_to_pfn(const void *addr)
{
	return PHYS_PFN(virt_to_phys(addr));
}

/**
 * virt_addr_valid - is @addr a direct-map address of RAM (so virt_to_page() may be used)?
 */
static inline bool virt_addr_valid(const void *addr)
{
	return pfn_valid(virt_to_pfn(addr));
}

/**
 * virt_to_page - the struct page of direct-map address @addr (which must be in RAM).
 */
static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(virt_to_pfn(addr));
}

/*
 * The memmap span: the direct-map addresses whose pages all have a struct
 * page to read, from the first page of RAM to the last, holes between banks
 * included (their struct pages are the shared read-only one, PG_hole and
 * PG_reserved). It never covers the first page of the address space, so
 * NULL and ZERO_SIZE_PTR lie outside. Set by mem_init(); empty before.
 */
struct memmap_span {
	unsigned long start;	 /* direct-map address of its first page */
	unsigned long size;	 /* its bytes */
	struct page *first_page; /* the struct page of its first page */
};

extern struct memmap_span memmap_span;

/**
 * memmap_covers - is @addr in the memmap span? One subtraction and one
 * compare, for fast paths that must accept any pointer (kfree()).
 */
static inline bool memmap_covers(const void *addr)
{
	return (unsigned long)addr - memmap_span.start < memmap_span.size;
}

/**
 * memmap_page - the struct page of @addr, which memmap_covers(): it may be
 * read, but it may describe a hole or a reserved page (pfn_valid() is the
 * exact test), and a hole's must not be written.
 */
static inline struct page *memmap_page(const void *addr)
{
	return memmap_span.first_page + (((unsigned long)addr - memmap_span.start) >> PAGE_SHIFT);
}

/**
 * compound_head - the first page of the compound page @page is part of, or @page itself.
 */
static inline struct page *compound_head(struct page *page)
{
	return PageTail(page) ? page->head_page : page;
}

/**
 * compound_order - the order of a compound page's head (0 for an ordinary page).
 */
static inline unsigned int compound_order(const struct page *page)
{
	return PageHead(page) ? (unsigned int)page->private : 0;
}

/**
 * get_order - the smallest order whose block holds @size bytes (@size > 0).
 */
static inline unsigned int get_order(unsigned long size)
{
	unsigned long pages = (size - 1) >> PAGE_SHIFT;
	unsigned int order = 0;

	/*
	 * A loop: orders are small. __builtin_clzl() would work too (lib/clz_ctz.c
	 * has __clzdi2() for CPUs without a clz instruction, as <slab.h> uses) but
	 * would be a call there.
	 */
	for (; pages; pages >>= 1)
		order++;
	return order;
}

/**
 * mem_init - hand physical memory to the page allocator
 *
 * Called once by mm_core_init(), first: maps
 * vmemmap (struct pages and the page tables for them from memblock), builds
 * the zones and the struct pages of reserved memory and of each zone's first
 * sections (128 MiB), frees those sections' unreserved pages into the buddy
 * lists (memblock must not allocate afterwards) and sets the watermarks. The
 * struct pages of the other free pages wait for page_alloc_init_late().
 * Panics if the struct pages do not fit in memory or in vmemmap.
 */
void mem_init(void);

/**
 * mm_core_init - bring up the allocators of mm/, each layer in its turn
 *
 * Called once by start_kernel() after setup_memory() and paging_init(): the
 * page allocator (mem_init()), the slab allocator (kmem_cache_init()), the
 * kmalloc caches (kmalloc_init()), vmalloc (vmalloc_init()). No allocator
 * initialises another; this is the one place that knows their order.
 * page_alloc_init_late() must follow, once.
 */
void mm_core_init(void);

/**
 * page_alloc_init_late - initialise the struct pages mem_init() left and free them
 *
 * Called once, after mm_core_init() and after the other CPUs are up (as Linux
 * calls it after smp_init()): the free pages beyond each zone's first 128 MiB
 * get their struct pages, a section at a time on every online CPU at once
 * (on_each_cpu(); with one CPU online, or with interrupts masked, on this CPU
 * alone), then join the buddy lists on this CPU, in address order, so that
 * the lists do not depend on the CPUs' timing. Then sets the watermarks and per-CPU
 * list sizes from the zones' full sizes and prints the zones, buddyinfo and
 * meminfo. Until it runs, those pages are on no free list: nothing can
 * allocate them, and their struct pages are not to be read.
 */
void page_alloc_init_late(void);

/**
 * struct memmap_init_stats - how boot initialised the struct pages of RAM
 * @early_pages: free pages mem_init() initialised and freed, on the boot CPU
 * @deferred_sections: sections whose free pages page_alloc_init_late() did
 * @deferred_pages: free pages page_alloc_init_late() initialised and freed
 * @cpus: CPUs that did at least one of those sections
 * @cpu_pages: of @deferred_pages, those each CPU did
 * @free_blocks_checked: blocks on the zones' free lists and the per-CPU page
 *	lists when page_alloc_init_late() began (with deferred sections only)
 * @free_blocks_deferred: of those, blocks in a deferred section: must be 0,
 *	or the allocator could have handed out a page not yet initialised
 */
struct memmap_init_stats {
	unsigned long early_pages;
	unsigned long deferred_sections;
	unsigned long deferred_pages;
	unsigned int cpus;
	unsigned long cpu_pages[NR_CPUS];
	unsigned long free_blocks_checked;
	unsigned long free_blocks_deferred;
};

/* What boot did (mm/memmap_init.c), for the memmap_init suite and the boot benchmark. */
extern struct memmap_init_stats memmap_init_stats;

/**
 * nr_free_pages - free pages in all zones' buddy lists (per-CPU lists not included).
 */
unsigned long nr_free_pages(void);

/**
 * totalram_pages - pages managed by the allocator (RAM minus what was reserved at boot).
 */
unsigned long totalram_pages(void);

/* The totals si_meminfo() reports, as Linux's struct sysinfo (in units of mem_unit bytes). */
struct sysinfo {
	unsigned long totalram;	 /* managed pages */
	unsigned long freeram;	 /* nr_free_pages() */
	unsigned long sharedram; /* 0 */
	unsigned long bufferram; /* 0 */
	unsigned long totalhigh; /* 0: no high memory */
	unsigned long freehigh;	 /* 0 */
	unsigned int mem_unit;	 /* PAGE_SIZE */
};

/**
 * si_meminfo - fill @val with the memory totals.
 */
void si_meminfo(struct sysinfo *val);

/*
 * Counters other allocators keep, in pages, for show_meminfo(): the slab
 * allocator adds its pages to NR_SLAB_RECLAIMABLE / NR_SLAB_UNRECLAIMABLE,
 * the kernel page table its table pages to NR_PAGETABLE, vmalloc the pages it
 * maps to NR_VMALLOC and the size of its area to vmalloc_total_bytes.
 */
enum mm_stat_item {
	NR_SLAB_RECLAIMABLE,
	NR_SLAB_UNRECLAIMABLE,
	NR_PAGETABLE,
	NR_VMALLOC,
	NR_MM_STAT_ITEMS,
};

/**
 * mod_mm_stat - add @delta pages to counter @item (atomic; any context).
 */
void mod_mm_stat(enum mm_stat_item item, long delta);

/**
 * mm_stat - the current value of counter @item.
 */
unsigned long mm_stat(enum mm_stat_item item);

/*
 * init_on_alloc=1, init_on_free=1 (mm/init_on.c): zero memory as it is
 * allocated, or as it is freed, with Linux's exemptions (slab caches with a
 * constructor, and poisoned ones, whose contents the cache owns).
 */
extern bool init_on_alloc_enabled;
extern bool init_on_free_enabled;

/**
 * want_init_on_alloc - should an allocation with @flags be zeroed?
 */
static inline bool want_init_on_alloc(gfp_t flags)
{
	return READ_ONCE(init_on_alloc_enabled) || (flags & __GFP_ZERO);
}

/**
 * want_init_on_free - should freed memory be zeroed?
 */
static inline bool want_init_on_free(void)
{
	return READ_ONCE(init_on_free_enabled);
}

/*
 * debug_pagealloc=on (mm/debug_pagealloc.c) and page_poison=1
 * (mm/page_poison.c), Linux's boot options, both off unless asked for: a free
 * page block is unmapped from the direct map, so that any access to it
 * faults and the fault report names the free; or filled with PAGE_POISON and
 * checked when it is allocated again, so that a write to it while it was free
 * is reported.
 */
extern bool _debug_pagealloc_enabled;
extern bool _page_poisoning_enabled;

/* What page_poison=1 fills free pages with (Linux's PAGE_POISON). */
#define PAGE_POISON 0xaa

/**
 * debug_pagealloc_enabled - did the boot say debug_pagealloc=on?
 *
 * Fixed at boot. While it is on, every free page (in the buddy lists and on
 * the per-CPU lists) is absent from the direct map, whose RAM is mapped with
 * page-sized leaves for it; an allocation maps its pages back.
 */
static inline bool debug_pagealloc_enabled(void)
{
	return READ_ONCE(_debug_pagealloc_enabled);
}

/**
 * page_poisoning_enabled - did the boot say page_poison=1?
 *
 * Fixed at boot. While it is on, every free page holds PAGE_POISON in each
 * byte, checked when the page is allocated again; init_on_alloc=1 and
 * init_on_free=1 are then off, as Linux has it (the poison takes precedence).
 */
static inline bool page_poisoning_enabled(void)
{
	return READ_ONCE(_page_poisoning_enabled);
}

/**
 * page_poison_reports - how many "pagealloc: memory corruption" reports were printed
 *
 * page_poison=1: each page found changed while it was free, as it is
 * allocated again, adds one. For tests that provoke them.
 */
unsigned long page_poison_reports(void);

extern unsigned long vmalloc_total_bytes;

/**
 * show_buddyinfo - print free blocks per zone and order, as /proc/buddyinfo
 *
 * One line per populated zone: "Node 0, zone    DMA32" and the number of
 * free blocks of each order 0..MAX_ORDER, each right-aligned in 6 columns.
 */
void show_buddyinfo(void);

/**
 * show_meminfo - print memory totals as /proc/meminfo does
 *
 * MemTotal, MemFree, MemAvailable, Buffers, Cached, Slab, SReclaimable,
 * SUnreclaim, PageTables, VmallocTotal and VmallocUsed, in kB, values right-aligned.
 */
void show_meminfo(void);

/**
 * show_zoneinfo - print each zone as /proc/zoneinfo does
 *
 * "Node 0, zone    DMA32", then pages free, the min, low and high
 * watermarks, spanned, present and managed pages, and for a populated zone
 * each online CPU's list (count, high, batch) and the first pfn. A snapshot,
 * read without locks. Any context.
 */
void show_zoneinfo(void);

/**
 * dump_page - print what is known of a page: pfn, zone, order, decoded flags
 * @page: the page
 * @reason: printed as "page dumped because: <reason>" (may be NULL)
 */
void dump_page(const struct page *page, const char *reason);

/* What mem_addr_info() found an address to be. */
enum mem_addr_kind {
	MEM_ADDR_NONE,		 /* none of the below (an image section or device maybe) */
	MEM_ADDR_HOLE,		 /* a frame between two memory banks */
	MEM_ADDR_RESERVED,	 /* RAM never given to the page allocator */
	MEM_ADDR_PAGE_FREE,	 /* in a free block of the buddy lists */
	MEM_ADDR_PAGE_PCP,	 /* a free page on a CPU's list */
	MEM_ADDR_PAGE_ALLOCATED, /* in an allocated block of pages (not slab, not kmalloc) */
	MEM_ADDR_LARGE_KMALLOC,	 /* in a kmalloc() block too large for the slab caches */
	MEM_ADDR_SLAB,		 /* in a slab */
	MEM_ADDR_VMALLOC,	 /* inside a live vmalloc() or vmap() area */
	MEM_ADDR_VMALLOC_GUARD,	 /* in the guard page after one */
	MEM_ADDR_VMALLOC_UNUSED, /* in the vmalloc region, in no live area */
	MEM_ADDR_VMEMMAP,	 /* in a struct page */
};

/**
 * struct mem_addr_info - what mm/ knows of one address
 * @addr: the address
 * @kind: what it is
 * @page: the struct page of its frame (RAM, or the page a vmalloc address
 *	maps), or NULL
 * @block_pfn: first pfn of the block of pages it lies in (free, allocated,
 *	slab, large kmalloc)
 * @block_order: that block's order
 * @cache: MEM_ADDR_SLAB: the slab's cache
 * @object: MEM_ADDR_SLAB: the object whose stride holds @addr (NULL in the
 *	slab's colour or leftover)
 * @object_offset: @addr - @object (negative in the left red zone, at or past
 *	the object size in its metadata)
 * @object_free: @object is on its slab's free list or in a CPU's array
 * @free_cpu: the CPU whose array holds the free @object, or whose list holds
 *	the MEM_ADDR_PAGE_PCP page; MEM_ADDR_FREE_IN_DEPOT when the free @object
 *	is in its cache's depot (objects flushed by one CPU for any to take);
 *	-1 otherwise
 * @area: MEM_ADDR_VMALLOC and MEM_ADDR_VMALLOC_GUARD: the area
 * @mapping: the image section or device mapping (kernel_mapping_of()) that
 *	holds @addr, or NULL
 */
#define MEM_ADDR_FREE_IN_DEPOT (-2) /* mem_addr_info's free_cpu for an object in the depot */

struct mem_addr_info {
	const void *addr;
	enum mem_addr_kind kind;
	struct page *page;
	unsigned long block_pfn;
	unsigned int block_order;
	struct kmem_cache *cache;
	void *object;
	long object_offset;
	bool object_free;
	int free_cpu;
	struct vm_struct *area;
	const struct kernel_mapping *mapping;
};

/**
 * mem_addr_info - find out what an address is
 * @addr: any address
 * @info: filled in
 *
 * Looks at the memory map, the page flags, the buddy lists (under the zone
 * lock), the slab's free list and the CPUs' arrays (under the cache lock),
 * the vmalloc areas and the kernel's boot mappings; never dereferences
 * @addr. A snapshot: another CPU may change the state right after.
 * Context: may take the zone, cache and vmalloc locks; call with none held.
 */
void mem_addr_info(const void *addr, struct mem_addr_info *info);

/**
 * mem_addr_is_allocation - is the address the start of a live allocation?
 * @info: what mem_addr_info() found
 *
 * Return: true when freeing @info->addr with the matching call would free
 * something: an allocated slab object's start, the first byte of an
 * allocated block of pages or large kmalloc block, the start of a live
 * vmalloc area. False for interior pointers, free memory and the rest.
 */
bool mem_addr_is_allocation(const struct mem_addr_info *info);

/**
 * mem_dump_obj - print what mm/ knows of an address
 * @addr: any address
 *
 * One line naming what @addr is, then the details: the slab, its cache and
 * the object (allocated, or free on the free list or in which CPU's array),
 * the block of pages and its order (with debug_pagealloc=on, a free page's
 * last free), the vmalloc area (as a fault report names it), the image
 * section or device; then the page (dump_page()) and
 * how the kernel page table maps @addr. Linux's name; the memory console's
 * `addr` command. Context: as mem_addr_info().
 */
void mem_dump_obj(const void *addr);

/**
 * bad_page_reports - how many "BUG: Bad page state" reports were printed
 *
 * Each bad free (double free, wrong order, unaligned, outside RAM, reserved,
 * interior of a block) adds one. For tests that provoke them.
 */
unsigned long bad_page_reports(void);

/**
 * alloc_failure_reports - how many "page allocation failure" reports were printed
 *
 * One per failed allocation without __GFP_NOWARN (or with __GFP_NOFAIL). For
 * tests that run memory out.
 */
unsigned long alloc_failure_reports(void);

#endif /* _MM_H */
