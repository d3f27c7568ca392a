/*
 * What the files of mm/ share with each other and with no one else (the slab
 * allocator's files share mm/slab.h besides): the boot hand-over (mm_init.c),
 * the page allocator's entries and reports, fault injection's gates, the
 * poisoning helpers mempool uses, and the fault report's view of vmalloc.
 * Each group is headed by the file that defines it and the one that uses it;
 * docs/architecture.md has the layers they respect.
 */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include <fault_inject.h>
#include <gfp.h>
#include <memblock.h>
#include <mm.h>
#include <page_owner.h>

/* mmzone.c, for mm_init.c */

/*
 * memmap_init_pages - give @nr struct pages just mapped in vmemmap (or those
 * of the shared hole page) their first state: @flags (page flags and zone
 * number), no slab (as page_reset_slab() leaves it), every other field zero.
 * Eight stores a page and nothing else: boot runs it for every page of RAM.
 */
void memmap_init_pages(struct page *page, unsigned long nr, unsigned long flags);

/* The whole pages of memblock memory range @i: [*spfn, *epfn). False if it has none. */
static inline bool memmap_range_pfns(unsigned long i, unsigned long *spfn, unsigned long *epfn)
{
	const struct memblock_region *r = &memblock.memory.regions[i];

	*spfn = PFN_UP(r->base);
	*epfn = PFN_DOWN(r->base + r->size);
	return *spfn < *epfn;
}

static inline enum zone_type memmap_pfn_zone(unsigned long pfn)
{
	return pfn < DMA32_END_PFN ? ZONE_DMA32 : ZONE_NORMAL;
}

/* memmap_init.c, for mm_init.c */

/*
 * memmap_init - on the boot CPU, once the sections are mapped and the zones
 * sized: initialise the struct pages of every reserved page of RAM, and of
 * the free pages of each zone's first sections, which go to the buddy lists
 * (zone->managed_pages counts them). The free pages of the other sections
 * wait for memmap_init_late(): nothing reads or writes their struct pages.
 */
void memmap_init(void);

/*
 * memmap_init_late - initialise and free what memmap_init() left, on every
 * online CPU at once (on_each_cpu(); on this CPU alone where it may not
 * wait for the others), and print the total freed. Once.
 */
void memmap_init_late(void);

/* page_alloc.c, for memmap_init.c */

/*
 * Give a block of boot memory to the buddy lists: its struct pages are
 * initialised, none PG_reserved. The caller counts it in managed_pages.
 */
void __free_pages_core(struct page *page, unsigned int order);

/* Size the zone's per-CPU lists (high, batch) from its managed pages, and enable them. */
void zone_pcp_set_defaults(struct zone *zone);

/* Once the zones are populated: note which zone allocations without GFP_DMA32 try first. */
void set_preferred_zone(void);

/* page_alloc.c, for page_exact.c: the entries behind the fast paths, @caller for reports. */
struct page *alloc_pages_caller(gfp_t gfp, unsigned int order, const void *caller);
void free_pages_caller(struct page *page, unsigned int order, const void *caller);
void free_pages_addr(unsigned long addr, unsigned int order, const void *caller);

/* page_reports.c, for page_alloc.c */

/* The name Linux gives the context with no process: the CPU's idle task. */
#define CONTEXT_FMT "swapper/%lu"

/*
 * Report a bad __free_pages(@page, @order) from @caller: finds out why (double
 * free, wrong order, reserved, interior page, ...) and prints "BUG: Bad page state".
 */
void bad_free(const struct page *page, unsigned int order, const void *caller);

/* Write the names of the page flags set in @flags as dump_page() prints them: "buddy|head". */
void format_page_flags(char *buf, size_t size, unsigned long flags);

/* Report a bad free_pages(@addr, @order) whose address has no page to free: @why says why. */
void bad_free_address(unsigned long addr, unsigned int order, const char *why, const void *caller);

/* Print the "page allocation failure" report for @gfp and @order, with the buddyinfo. */
void warn_alloc(gfp_t gfp, unsigned int order, const void *caller);

/* Write @gfp as Linux does: "GFP_KERNEL|__GFP_ZERO". Return: the length written. */
int format_gfp_flags(char *buf, size_t size, gfp_t gfp);

/* fault_attr.c, for fault_inject.c: fault_inject_set() and _off() without the gates. */
void fault_attr_set(enum fault_type type, const struct fault_attr *attr);
void fault_attr_off(enum fault_type type);

/*
 * The allocators' fault gates, for fault_inject.c (which calls them with no
 * lock held) and for their own slow paths: make the fast paths' copies of
 * failslab_enabled (each cache's fast-path arrays) and of
 * fail_page_alloc_enabled (each per-CPU page list's flag, the order limit)
 * match it now, so that every allocation fault injection may fail takes the
 * slow path, and no other does.
 */
void slab_sync_failslab(void);
void page_alloc_sync_fail_gate(void);

/*
 * page_owner.c, for the page allocator: page_owner_init() at boot, before the
 * free memory goes to the buddy lists; set_page_owner() for every block
 * allocated while page_owner is on, split_page_owner() from split_page().
 */
void page_owner_init(void);
void __set_page_owner(struct page *page, unsigned int order, gfp_t gfp, const void *caller);
void __split_page_owner(struct page *page, unsigned int order);

static inline void split_page_owner(struct page *page, unsigned int order)
{
	if (unlikely(READ_ONCE(page_owner_inited)))
		__split_page_owner(page, order);
}

/*
 * page_alloc_init_on - shut the fast paths' gate if init_on_alloc, init_on_free,
 * page_poison, debug_pagealloc or page_owner is on (boot).
 */
void page_alloc_init_on(void);

/*
 * Memory poisoned the slab debugging way outside the slabs: mempool's
 * reserved elements (slab_debug.c, for mempool.c). Reports count in slab_error_count().
 *
 * poison_memory - fill @len bytes at @p as a free object is filled: POISON_FREE,
 * and POISON_END in the last byte.
 *
 * check_poisoned_memory - check @len bytes at @p poisoned so. Damage is
 * reported in SLUB's format, "BUG <name>: <what>" with the damaged range and a
 * dump, and the poison restored. @s: the cache @p is an object of (the report
 * is then the object's, with its slab), or NULL; @name names the memory then.
 * Return: true if the poison was intact.
 *
 * memory_err - report a misuse of @len bytes at @p in the same format: as an
 * object of @s when it is one, else as memory called @name.
 */
void poison_memory(void *p, size_t len);
bool check_poisoned_memory(struct kmem_cache *s, const char *name, void *p, size_t len,
			   const char *what);
void memory_err(struct kmem_cache *s, const char *name, void *p, size_t len, const char *reason);

/*
 * debug_pagealloc.c, for pgtable.c (which builds the direct map page by page
 * when it is on and says where each page's leaf is), page_alloc.c (unmap at
 * free, map at allocation) and fault.c (the report of an access to a free
 * page, and mem_dump.c's words on one). No locks: a page's leaf is changed only
 * by the page's owner.
 */
void debug_pagealloc_note_ptes(unsigned long pfn, pte_t *ptes, unsigned long nr);
void debug_pagealloc_unmap_pages(struct page *page, unsigned int order, const void *caller);
void debug_pagealloc_map_pages(struct page *page, unsigned int order);
struct kernel_fault;
void debug_pagealloc_describe_fault(struct kernel_fault *fault);
/* For mem_dump_obj(): "page last free: ..." for a free page, if debug_pagealloc knows it. */
void debug_pagealloc_show_free(unsigned long pfn);

/*
 * page_poison.c, for page_alloc.c and mm_init.c: fill a block with
 * PAGE_POISON as it is freed; check it as it is allocated (a change is
 * reported, and the block handed out as it is, as Linux does); at boot, turn
 * init_on_alloc and init_on_free off if page_poison=1 (Linux's precedence).
 */
void kernel_poison_pages(struct page *page, unsigned int order);
void kernel_unpoison_pages(struct page *page, unsigned int order, const void *caller);
void page_poison_init(void);

/* vmalloc_reports.c, for fault.c */

/* Say which vmalloc area @fault->addr belongs to (if any), and fill in @fault's area fields. */
void vmalloc_describe_fault(struct kernel_fault *fault);

#endif /* _MM_INTERNAL_H */
