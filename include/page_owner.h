/*
 * page_owner=on (Linux's boot option): who allocated each page block. Every
 * allocation records the allocating stack (in the stack depot, <stackdepot.h>),
 * the GFP flags, the order, the CPU and a sequence number; show_page_owner()
 * prints the allocated blocks grouped by stack, dump_page() adds the record,
 * and tools/gdb's mm-page-owner reads the same records. Off by default: then
 * nothing is allocated for it and the allocation fast paths are unchanged.
 */
#ifndef _PAGE_OWNER_H
#define _PAGE_OWNER_H

#include <gfp.h>
#include <stackdepot.h>
#include <types.h>

struct page;

/* Set by page_owner=on (a boot option); page_owner_inited once the records exist. */
extern bool page_owner_enabled;
extern bool page_owner_inited;

/**
 * struct page_owner_info - one block's record, as page_owner_get() gives it
 * @order: the block's order
 * @gfp: the GFP flags of the allocation
 * @cpu: the CPU that allocated it
 * @seq: its sequence number: 1 for the first allocation recorded, and so on
 * @handle: the stack's handle in the stack depot (0: the depot was full, or no stack)
 * @nr_entries: entries in @entries
 * @entries: the stack, innermost first: entry 0 is in the function that called
 *           the allocator (alloc_pages(), kmalloc(), ...)
 */
struct page_owner_info {
	unsigned int order;
	gfp_t gfp;
	unsigned int cpu;
	u64 seq;
	depot_stack_handle_t handle;
	unsigned int nr_entries;
	unsigned long *entries;
};

/**
 * page_owner_get - the last allocation recorded for a page
 * @page: any page; the record is the one of the block it was the first page of
 * @info: filled in
 *
 * The block may have been freed since (the record stays until the page is
 * allocated again): check PageAllocated() when that matters.
 * Return: false if page_owner is off or the page was never allocated while on.
 */
bool page_owner_get(const struct page *page, struct page_owner_info *info);

/**
 * page_owner_seq - the sequence number the next allocation will get
 *
 * Take it before a workload and pass it to show_page_owner_since() after: the
 * blocks it allocated and did not free. 0 while page_owner is off.
 */
u64 page_owner_seq(void);

/**
 * show_page_owner - print every allocated block, grouped by allocating stack
 *
 * A line of totals ("page_owner: <blocks> blocks (<pages> pages) allocated
 * since seq <n>, by <groups> stacks (stack depot: <stored> of <room>)"), then
 * each group, the most pages first, as Linux's page_owner_sort prints:
 * "<blocks> times, <pages> pages:", then "Page allocated via order <n>, mask
 * <gfp>(<names>), cpus <list>, seq <first>..<last>", then the symbolised stack.
 * Blocks allocated before page_owner was set up, or whose stack did not fit in
 * the depot, are counted on a line of their own. Walks every page frame: not
 * from interrupt context; takes page_owner's report_lock (allocations and
 * frees go on meanwhile: a block that changes hands during the walk may be
 * counted as before or after).
 */
void show_page_owner(void);

/**
 * show_page_owner_since - show_page_owner() of the blocks allocated at or after @seq
 * @seq: from page_owner_seq(); 0: every block
 * @max_stacks: print at most this many groups (0: all); the totals count them all
 */
void show_page_owner_since(u64 seq, unsigned int max_stacks);

/**
 * dump_page_owner - print a page's record, as dump_page() does
 * @page: the page; a page inside a block is reported through the block's first page
 *
 * "page_owner tracks the page as allocated" (or "as freed", with the last
 * allocation), then "page last allocated via order ..." and the stack.
 * Prints nothing while page_owner is off. Any context.
 */
void dump_page_owner(const struct page *page);

#endif /* _PAGE_OWNER_H */
