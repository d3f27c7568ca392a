/*
 * Zones, free areas, per-CPU page lists and memory sections: the data the
 * page allocator (mm/page_alloc.c) keeps about physical memory, with Linux's
 * names. A single memory node: node 0.
 */
#ifndef _MMZONE_H
#define _MMZONE_H

#include <asm/port.h>
#include <compiler.h>
#include <list.h>
#include <spinlock.h>
#include <nr_cpus.h>
#include <types.h>

/*
 * Block sizes: orders 0..MAX_ORDER inclusive, in pages: 4 KiB .. 4 MiB with
 * 4 KiB pages, 64 KiB .. 64 MiB with 64 KiB pages (MAX_ORDER is inclusive,
 * as in Linux since 6.4; Linux's arm64 raises it to 13 at 64 KiB for its
 * 512 MiB huge pages, which this kernel does not have).
 */
#define MAX_ORDER 10

/* Orders above this are "costly": physically contiguous blocks that large are scarce. */
#define PAGE_ALLOC_COSTLY_ORDER 3
#define NR_PAGE_ORDERS (MAX_ORDER + 1)
#define MAX_ORDER_NR_PAGES (1UL << MAX_ORDER)

/*
 * ZONE_DMA32: RAM below 4 GiB, for devices that address only 32 bits.
 * ZONE_NORMAL: everything above. Allocations prefer ZONE_NORMAL and fall back
 * to ZONE_DMA32; GFP_DMA32 allocations use only ZONE_DMA32. The boundary is
 * aligned far beyond MAX_ORDER, so no block straddles two zones.
 */
enum zone_type {
	ZONE_DMA32,
	ZONE_NORMAL,
	MAX_NR_ZONES,
};

#define DMA32_END_PFN (1UL << (32 - PAGE_SHIFT))

/*
 * Watermarks, in pages of a zone's free count (per-CPU lists not included):
 * min: GFP_KERNEL fails at or below it; __GFP_HIGH may go to min/2 and
 *      GFP_ATOMIC to 3/8 of min (the reserve nobody but __GFP_MEMALLOC empties).
 * low: the first, quick attempt of an allocation wants the zone above low, so
 *      that zones are used in turn before any dips towards min.
 * high: what the shrinkers are asked to bring the zone back to.
 * See mm/mm_init.c for how they are computed.
 */
enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	NR_WMARK,
};

/* The free blocks of one order in one zone. */
struct free_area {
	struct list_head free_list; /* first pages (PG_buddy) of the free blocks */
	unsigned long nr_free;	    /* how many blocks are on free_list */
};

/*
 * One CPU's cache of free single pages for one zone, kept without a lock.
 *
 * The invariant that makes that safe: only the owning CPU touches @list,
 * @count and the pages on @list, and only with its interrupts masked
 * (local_irq_save()), so that neither an interrupt handler on that CPU nor any
 * other CPU can see them half-updated; the kernel does not preempt, so the
 * code cannot move to another CPU in between. Another CPU never takes a page
 * from the list nor adds one: it may read @count (a snapshot, for reports), set
 * @high and @batch (one store each; the owner reads each once per use), set
 * @fail_page_alloc, and get the owner to give every page back to the zone: by
 * a cross-CPU call that runs the drain on the owner, or by setting @drain,
 * which the owner serves itself later (see drain_all_pages()). Pages on the
 * list are PG_pcp and do not count in the zone's free_pages.
 */
struct per_cpu_pages {
	struct list_head list; /* most recently freed first (cache-hot); first, at @pcp itself */
	int count;	       /* pages on list */
	int high;	       /* above this many, @batch pages go back to the zone; 0: disabled */
	int batch;	       /* pages moved to or from the zone at a time */
	/*
	 * Reasons for the allocation fast path to step aside, one byte each so
	 * that each is set alone, tested together with one load of @slow.
	 */
	union {
		struct {
			u8 drain;	    /* another CPU asked for the list to be emptied */
			u8 fail_page_alloc; /* fault injection is on (<fault_inject.h>) */
			u8 init_on; /* init_on_alloc/free, page_poison, debug_pagealloc (<mm.h>) */
			u8 page_owner; /* page_owner=on (<page_owner.h>) */
		};
		u32 slow; /* nonzero: any of the above */
	};
} __aligned(L1_CACHE_BYTES);

struct zone {
	/* First, so that the fast paths find a CPU's list at zone + cpu * its size. */
	struct per_cpu_pages pcp[NR_CPUS];

	const char *name; /* "DMA32", "Normal" */
	unsigned long _watermark[NR_WMARK];
	unsigned long zone_start_pfn; /* first RAM pfn of the zone */
	unsigned long spanned_pages;  /* pfns from the first to the last RAM pfn, holes included */
	unsigned long present_pages;  /* RAM pages */
	unsigned long managed_pages;  /* pages handed to the allocator at boot */

	spinlock_t lock;	  /* protects free_area[] and free_pages */
	unsigned long free_pages; /* pages in free_area[] (read without the lock) */
	struct free_area free_area[NR_PAGE_ORDERS];
} __aligned(1024);

/*
 * A power-of-two size keeps &node_zones[i] (page_zone(), the fast paths) a
 * shift, not a multiply. (With more CPUs, raise the alignment to match.)
 */
_Static_assert((sizeof(struct zone) & (sizeof(struct zone) - 1)) == 0,
	       "struct zone must be a power of two bytes");

/* Node 0's zones. */
extern struct zone node_zones[MAX_NR_ZONES];

#define min_wmark_pages(z) ((z)->_watermark[WMARK_MIN])
#define low_wmark_pages(z) ((z)->_watermark[WMARK_LOW])
#define high_wmark_pages(z) ((z)->_watermark[WMARK_HIGH])

/**
 * zone_idx - which zone of node_zones[] @zone is.
 */
static inline enum zone_type zone_idx(const struct zone *zone)
{
	return (enum zone_type)(zone - node_zones);
}

/**
 * populated_zone - true when the zone has pages the allocator manages.
 */
static inline bool populated_zone(const struct zone *zone)
{
	return zone->managed_pages != 0;
}

/**
 * zone_free_pages - the zone's free pages, not counting its per-CPU lists.
 */
static inline unsigned long zone_free_pages(const struct zone *zone)
{
	return READ_ONCE(zone->free_pages);
}

/**
 * drain_all_pages - return the pages on per-CPU lists to the buddy lists
 * @zone: the zone whose lists to drain, or NULL for all zones
 *
 * Every online CPU empties its own lists (no CPU touches another's list),
 * through a cross-CPU call that this CPU waits for: on return their pages are
 * in the zones' free lists, merged with their buddies. A CPU with interrupts
 * masked cannot wait for the others: it empties its own lists and sets each
 * other CPU's ->drain request, which that CPU serves at its next page
 * allocation, or at its next single-page free that finds the request on the
 * way to the zone (its list past high, or the lists disabled).
 * Context: any.
 */
void drain_all_pages(struct zone *zone);

/**
 * zone_pcp_disable - stop using per-CPU lists for @zone, and drain them
 * @zone: the zone
 *
 * Until zone_pcp_enable(), single-page allocations and frees go straight to
 * the buddy lists: on this CPU at once, on the others from their next page
 * allocation or free (see drain_all_pages()). Used by tests that need exact
 * free counts.
 */
void zone_pcp_disable(struct zone *zone);

/**
 * zone_pcp_enable - undo zone_pcp_disable(): per-CPU lists are used again.
 */
void zone_pcp_enable(struct zone *zone);

/**
 * zone_pcp_pages - pages on all of @zone's per-CPU lists (a snapshot).
 */
unsigned long zone_pcp_pages(const struct zone *zone);

/*
 * Memory sections: physical memory is cut into sections of 2^15 pages (128
 * MiB). mem_section[] has an entry for every section below the end of RAM,
 * holding the span of the section's frames from its first RAM frame to its
 * last: pfn_valid() looks there first, in O(1). The struct pages themselves
 * live in vmemmap (<mm.h>), so pfn_to_page() and page_to_pfn() need no table.
 */
#define SECTION_SIZE_BITS 27
#define PFN_SECTION_SHIFT (SECTION_SIZE_BITS - PAGE_SHIFT)
#define PAGES_PER_SECTION (1UL << PFN_SECTION_SHIFT)
#define PAGE_SECTION_MASK (~(PAGES_PER_SECTION - 1))

struct page;

struct mem_section {
	/*
	 * The struct page of start_pfn where its memory lies, in the direct map
	 * (the same bytes as pfn_to_page(start_pfn), at another address: for
	 * finding the pages that hold struct pages, never for page arithmetic).
	 * NULL: no RAM in this section.
	 */
	struct page *mem_map;
	unsigned long start_pfn; /* first pfn of RAM in the section */
	unsigned long end_pfn;	 /* one past the last */
};

extern struct mem_section *mem_section; /* nr_mem_sections entries, from memblock */
extern unsigned long nr_mem_sections;

/**
 * pfn_to_section_nr - the memory section @pfn lies in.
 * section_nr_to_pfn - the first pfn of section @nr.
 */
static inline unsigned long pfn_to_section_nr(unsigned long pfn)
{
	return pfn >> PFN_SECTION_SHIFT;
}

static inline unsigned long section_nr_to_pfn(unsigned long nr)
{
	return nr << PFN_SECTION_SHIFT;
}

#endif /* _MMZONE_H */
