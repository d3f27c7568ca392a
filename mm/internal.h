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
#include <mm.h>

/* mmzone.c, for mm_init.c */

/*
 * memmap_init_page - give a struct page just mapped in vmemmap (or one of the
 * shared hole page) its first state: @flags (page flags and zone number),
 * no slab (page_reset_slab()), every other field zero.
 */
void memmap_init_page(struct page *page, unsigned long flags);

/* page_alloc.c, for mm_init.c */

/* Give a block of boot memory (all PG_reserved) to the buddy lists; it becomes managed. */
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
 * page_alloc_init_on - shut the fast paths' gate if init_on_alloc, init_on_free,
 * page_poison or debug_pagealloc is on (boot).
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
