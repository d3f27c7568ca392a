/*
 * The buddy page allocator: physical memory in blocks of 2^order pages, for
 * every kernel user of whole pages (slab, page tables, kernel stacks, ...).
 * Each zone keeps a free list per order; a block is split on allocation and
 * merged with its buddy (pfn ^ 2^order) when both are free. Single pages go
 * through per-CPU lists first, so that the common case takes no lock at all;
 * alloc_pages() and __free_pages() serve it with a short inlined fast path.
 * mm/mm_init.c builds the zones at boot; mm/page_reports.c prints.
 *
 * Locking:
 *  - zone->lock guards a zone's free lists and free counts. Always taken with
 *    interrupts masked (the per-CPU sections mask them first): a cross-CPU
 *    call may free pages. Innermost: under it nothing allocates, frees to
 *    another zone, takes another lock, prints, or waits for another CPU.
 *  - A per-CPU list (zone->pcp[cpu]) has no lock: only its CPU touches it,
 *    with its interrupts masked. Another CPU asks the owner to empty it, with
 *    a cross-CPU call or the list's ->drain flag (drain_all_pages()).
 *  - fail_gate_lock orders the writers of fail_page_alloc's gate; irqsave, a
 *    leaf.
 *  - Callers may hold pgtable_lock, shrinker_lock, slab_caches_lock or a
 *    mempool's lock: those come before zone->lock. Reports (bad frees,
 *    allocation failures) are printed with no zone lock held.
 *  - page_owner=on records each block after it left the zone, with no zone
 *    lock held; the stack depot's depot_lock is a leaf (mm/stackdepot.c).
 */
#include <asm/port.h>
#include <bug.h>
#include <fault_inject.h>
#include <kernel.h>
#include <mm.h>
#include <mmdebug.h>
#include <shrinker.h>
#include <smp.h>
#include <string.h>

#include "internal.h"

/*
 * How hard an allocation may try, from its GFP flags: which watermark it must
 * leave the zone above, and its claim on the reserve below min.
 */
#define ALLOC_WMARK_MASK 0x03u /* WMARK_MIN, WMARK_LOW or WMARK_HIGH */
/* Private to this file: set PG_free_hooks (the same bit; see init_on_gfp). */
#define __GFP_FREE_HOOKS ((gfp_t)(1U << PG_free_hooks))
/* 0x200: the bit of Linux's retired ___GFP_ATOMIC, which <gfp.h> leaves unused. */
_Static_assert(__GFP_FREE_HOOKS == 0x200u, "PG_free_hooks moved: pick another GFP bit");

#define ALLOC_NO_WATERMARKS 0x04u /* __GFP_MEMALLOC: every free page */
#define ALLOC_MIN_RESERVE 0x08u	  /* __GFP_HIGH: min is halved */
#define ALLOC_NON_BLOCK 0x10u	  /* cannot wait: with __GFP_HIGH, a further quarter off */

/* Shrinkers are asked again while they make progress, at most this many times. */
#define MAX_RECLAIM_RETRIES 16

/*
 * The buddy of a block lies in the block's own section: a section holds whole
 * MAX_ORDER blocks, so merging never looks beyond the section's struct pages.
 */
_Static_assert(MAX_ORDER <= PFN_SECTION_SHIFT, "a MAX_ORDER block straddles two sections");

/*
 * Counters changed only by their owner (a zone's under its lock, a per-CPU
 * list's by its CPU) but read by any CPU without a lock (watermarks, reports).
 */
static inline void zone_add_free(struct zone *zone, long nr_pages)
{
	WRITE_ONCE(zone->free_pages, zone->free_pages + nr_pages);
}

static inline void pcp_add_count(struct per_cpu_pages *pcp, int nr_pages)
{
	WRITE_ONCE(pcp->count, pcp->count + nr_pages);
}

/* The zone whose number page->flags value @pgflags holds: page_zone() without the load. */
static __always_inline struct zone *pgflags_zone(unsigned long pgflags)
{
	return &node_zones[(pgflags >> ZONES_PGSHIFT) & ZONES_MASK];
}

/* The buddy free lists. Called with zone->lock held; @area is the zone's free_area[@order]. */

static __always_inline void add_to_free_list(struct page *page, struct free_area *area,
					     unsigned int order)
{
	VM_BUG_ON_PAGE(page->flags & PAGE_FLAGS_CHECK_AT_PREP, page);
	page->private = order;
	__SetPageBuddy(page);
	list_add(&page->lru, &area->free_list);
	area->nr_free++;
}

static __always_inline void del_from_free_list(struct page *page, struct free_area *area)
{
	list_del(&page->lru);
	__ClearPageBuddy(page);
	page->private = 0;
	area->nr_free--;
}

/*
 * Put the order-@order block at @page (pfn @pfn) on the free lists, merging it
 * with its buddy as long as the buddy is a whole free block of the same zone:
 * the merged block starts at the lower of the two pfns and is twice as large.
 * Block and buddies all lie in @page's section (see the assertion above), so
 * a buddy is @page plus the pfn difference once its pfn is inside the
 * section's array; a pfn in a hole has a struct page too, but never PG_buddy.
 */
static __always_inline void __free_one_page(struct zone *zone, struct page *page, unsigned long pfn,
					    unsigned int order)
{
	const struct mem_section *ms = &mem_section[pfn_to_section_nr(pfn)];
	const enum zone_type zid = page_zonenum(page);
	struct free_area *area = &zone->free_area[order];

	lockdep_assert_held(&zone->lock);
	zone_add_free(zone, 1L << order);
	for (; order < MAX_ORDER; order++, area++) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy;

		if (buddy_pfn < ms->start_pfn || buddy_pfn >= ms->end_pfn)
			break;
		buddy = page + (long)(buddy_pfn - pfn);
		/*
		 * A buddy that is not free belongs to someone who may be changing its
		 * flags and private right now, without the lock: read racily. Only
		 * PG_buddy matters, and it changes only under this zone's lock.
		 */
		if (!data_race(PageBuddy(buddy) && buddy->private == order &&
			       page_zonenum(buddy) == zid))
			break;
		del_from_free_list(buddy, area);
		if (buddy_pfn < pfn) {
			page = buddy;
			pfn = buddy_pfn;
		}
	}
	add_to_free_list(page, area, order);
}

/* Take an order-@order block from the smallest free list that has one, and split it. */
static __always_inline struct page *__rmqueue_smallest(struct zone *zone, unsigned int order)
{
	struct free_area *area = &zone->free_area[order];

	lockdep_assert_held(&zone->lock);
	for (unsigned int o = order; o <= MAX_ORDER; o++, area++) {
		struct list_head *first = area->free_list.next;
		struct page *page;

		if (first == &area->free_list)
			continue;
		page = list_entry(first, struct page, lru);
		del_from_free_list(page, area);
		/* The upper half goes back at each step; the lower half is split further. */
		while (o > order) {
			o--;
			area--;
			add_to_free_list(page + (1UL << o), area, o);
		}
		zone_add_free(zone, -(1L << order));
		return page;
	}
	return NULL;
}

static noinline void free_one_page(struct zone *zone, struct page *page, unsigned long pfn,
				   unsigned int order)
{
	unsigned long flags;

	local_irq_save(flags);
	spin_lock(&zone->lock);
	__free_one_page(zone, page, pfn, order);
	spin_unlock(&zone->lock);
	local_irq_restore(flags);
}

static struct page *rmqueue_buddy(struct zone *zone, unsigned int order)
{
	unsigned long flags;
	struct page *page;

	local_irq_save(flags);
	spin_lock(&zone->lock);
	page = __rmqueue_smallest(zone, order);
	spin_unlock(&zone->lock);
	local_irq_restore(flags);
	return page;
}

/*
 * The per-CPU lists, without locks. The rule (see struct per_cpu_pages): a
 * CPU's list is touched only by that CPU, with its interrupts masked. Other
 * CPUs never take a page from it or add one; to empty it they make the owner
 * do it: a cross-CPU call that runs the drain there (drain_all_pages()), or,
 * when the asking CPU cannot wait, its ->drain flag, served at the owner's
 * next allocation or overflowing free. The zone lock nests inside the masked
 * interrupts (a cross-CPU call may free pages), and no CPU waits for another
 * while it holds it.
 */

/* The page whose lru is @node (the first member: the same address). */
#define page_of_lru(node) list_entry(node, struct page, lru)

/* @cpu's list for @zone, its address computed once (see OPTIMIZER_HIDE_VAR()). */
static __always_inline struct per_cpu_pages *zone_pcp(struct zone *zone, unsigned long cpu)
{
	struct per_cpu_pages *pcp = &zone->pcp[cpu];

	OPTIMIZER_HIDE_VAR(pcp);
	return pcp;
}

/* Take the first (most recently freed) page off @pcp, or NULL if it is empty. It stays PG_pcp. */
static __always_inline struct page *pcp_take(struct per_cpu_pages *pcp)
{
	struct list_head *first = pcp->list.next;

	VM_BUG_ON(!irqs_disabled());
	if (unlikely(first == &pcp->list))
		return NULL;
	/* Only the owner takes from its list: every page there is PG_pcp and names it. */
	VM_BUG_ON_PAGE((page_of_lru(first)->flags & PAGE_FLAGS_CHECK_AT_PREP) != 1UL << PG_pcp ||
			       page_of_lru(first)->private != raw_smp_processor_id(),
		       page_of_lru(first));
	/* Not list_del(): the page's lru is its next owner's, who sets it up. */
	__list_del(&pcp->list, first->next);
	pcp_add_count(pcp, -1);
	return list_entry(first, struct page, lru);
}

/*
 * Move up to @count single pages from the zone to @pcp. A refill never takes
 * the zone below its min watermark: below it, pages go out one at a time, to
 * the allocations allowed to have them.
 */
static noinline void rmqueue_bulk(struct zone *zone, struct per_cpu_pages *pcp, unsigned int cpu)
{
	unsigned long free, min = min_wmark_pages(zone), count = 1;

	spin_lock(&zone->lock);
	free = zone->free_pages;
	if (free > min)
		count = min((unsigned long)READ_ONCE(pcp->batch), free - min);
	while (count--) {
		struct page *page = __rmqueue_smallest(zone, 0);

		if (!page)
			break;
		__SetPagePcp(page);
		page->private = cpu;
		list_add_tail(&page->lru, &pcp->list);
		pcp_add_count(pcp, 1);
	}
	spin_unlock(&zone->lock);
}

/* Return the @count coldest pages of @pcp (the list's tail) to the zone. */
static noinline void free_pcppages_bulk(struct zone *zone, struct per_cpu_pages *pcp, int count)
{
	spin_lock(&zone->lock);
	while (count-- > 0 && !list_empty(&pcp->list)) {
		struct page *page = list_last_entry(&pcp->list, struct page, lru);

		list_del(&page->lru);
		__ClearPagePcp(page);
		page->private = 0;
		pcp_add_count(pcp, -1);
		__free_one_page(zone, page, page_to_pfn(page), 0);
	}
	spin_unlock(&zone->lock);
}

/*
 * Empty this CPU's list @pcp into the zone. Clearing ->drain first means that
 * a request made while this runs is answered by it (the list is emptied after
 * the request) or, if it comes later, at the next chance.
 */
static void drain_local_pages(struct zone *zone, struct per_cpu_pages *pcp)
{
	WRITE_ONCE(pcp->drain, 0);
	free_pcppages_bulk(zone, pcp, pcp->count);
}

/* A single page from this CPU's list, refilled from the zone when empty. */
static noinline struct page *rmqueue_pcplist(struct zone *zone)
{
	struct per_cpu_pages *pcp;
	struct page *page;
	unsigned long flags;
	unsigned int cpu;

	local_irq_save(flags);
	cpu = raw_smp_processor_id();
	pcp = &zone->pcp[cpu];
	if (unlikely(READ_ONCE(pcp->drain)))
		drain_local_pages(zone, pcp);
	if (!READ_ONCE(pcp->high)) { /* zone_pcp_disable() */
		/* Pages freed here before this CPU saw high at 0 go too. */
		if (pcp->count)
			drain_local_pages(zone, pcp);
		local_irq_restore(flags);
		return rmqueue_buddy(zone, 0);
	}
	if (list_empty(&pcp->list))
		rmqueue_bulk(zone, pcp, cpu);
	page = pcp_take(pcp);
	if (page) {
		__ClearPagePcp(page);
		page->private = 0;
	}
	local_irq_restore(flags);
	return page;
}

/*
 * The rare end of a free to this CPU's list @pcp, out of line (and a tail
 * call) so that the common end stays short: @pcp is past its high mark. Its @batch
 * coldest pages go back to the zone, or all of them when another CPU asked for
 * a drain or the lists are disabled (high 0). Then interrupts are restored to
 * @flags.
 */
static noinline void pcp_overflow_restore(struct zone *zone, struct per_cpu_pages *pcp,
					  unsigned long flags)
{
	int high = READ_ONCE(pcp->high);

	if (READ_ONCE(pcp->drain) || !high)
		drain_local_pages(zone, pcp);
	else
		free_pcppages_bulk(zone, pcp, READ_ONCE(pcp->batch));
	local_irq_restore(flags);
}

/*
 * Put a single page, already marked PG_pcp, at the front of this CPU's list;
 * past high, a batch goes back to the zone. With the lists disabled (high 0)
 * it goes straight on to the zone.
 */
static __always_inline void free_unref_page(struct zone *zone, struct page *page)
{
	unsigned long cpu, flags;
	struct per_cpu_pages *pcp;
	int count;

	local_irq_save(flags);
	cpu = raw_smp_processor_id();
	pcp = zone_pcp(zone, cpu);
	page->private = cpu;
	list_add(&page->lru, &pcp->list);
	count = pcp->count + 1;
	WRITE_ONCE(pcp->count, count);
	if (unlikely(count > READ_ONCE(pcp->high))) {
		pcp_overflow_restore(zone, pcp, flags);
		return;
	}
	local_irq_restore(flags);
}

/* Is @this_zone one that drain_all_pages(@zone) drains? */
static bool drains_zone(const struct zone *zone, const struct zone *this_zone)
{
	return populated_zone(this_zone) && (!zone || zone == this_zone);
}

/* A cross-CPU call: the running CPU empties its own lists (of @info's zone, or all). */
static void drain_pages_on_this_cpu(void *info)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *this_zone = &node_zones[z];
		unsigned long flags;

		if (!drains_zone(info, this_zone))
			continue;
		local_irq_save(flags);
		drain_local_pages(this_zone, &this_zone->pcp[raw_smp_processor_id()]);
		local_irq_restore(flags);
	}
}

/*
 * With interrupts masked this CPU cannot wait for the others: it drains its
 * own lists and leaves each other CPU a request, served at that CPU's next
 * allocation or overflowing free.
 */
static void drain_pages_request(struct zone *zone)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *this_zone = &node_zones[z];
		unsigned long flags;
		unsigned int me;

		if (!drains_zone(zone, this_zone))
			continue;
		local_irq_save(flags);
		me = raw_smp_processor_id();
		for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
			if (cpu != me)
				WRITE_ONCE(this_zone->pcp[cpu].drain, 1);
		drain_local_pages(this_zone, &this_zone->pcp[me]);
		local_irq_restore(flags);
	}
}

void drain_all_pages(struct zone *zone)
{
	if (cpus_can_be_waited_for())
		on_each_cpu(drain_pages_on_this_cpu, zone, 1);
	else
		drain_pages_request(zone);
}

/*
 * Set every CPU's high and batch, one store each: an owner that reads one new
 * and one old value in between only gives back more or fewer pages once.
 */
static void zone_pcp_set_high_and_batch(struct zone *zone, int high, int batch)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		WRITE_ONCE(zone->pcp[cpu].high, high);
		WRITE_ONCE(zone->pcp[cpu].batch, batch);
	}
}

/*
 * batch: 1/4096 of the zone's pages, from 1 to PCP_BATCH_MAX (a zone of 2^18
 * pages or more gets the maximum: 1 GiB of 4 KiB pages, 16 GiB of 64 KiB
 * ones); high: PCP_HIGH_BATCHES batches. Even with all
 * NR_CPUS lists full, that is about 1.2% of the zone.
 */
#define PCP_BATCH_MAX 63
#define PCP_HIGH_BATCHES 6

void zone_pcp_set_defaults(struct zone *zone)
{
	unsigned long batch =
		min(max(zone->managed_pages >> 12, 1UL), (unsigned long)PCP_BATCH_MAX);

	zone_pcp_set_high_and_batch(zone, (int)(PCP_HIGH_BATCHES * batch), (int)batch);
}

void zone_pcp_disable(struct zone *zone)
{
	zone_pcp_set_high_and_batch(zone, 0, 1);
	drain_all_pages(zone);
}

void zone_pcp_enable(struct zone *zone)
{
	zone_pcp_set_defaults(zone);
}

/* Allocation. */

static __always_inline enum zone_type gfp_zone(gfp_t gfp)
{
	return (gfp & __GFP_DMA32) ? ZONE_DMA32 : ZONE_NORMAL;
}

/*
 * Would the zone stay above its watermark after giving out 2^@order pages?
 * Read without the lock: a stale answer only moves the line by a few pages.
 */
static __always_inline bool zone_watermark_ok(const struct zone *zone, unsigned int order,
					      unsigned int alloc_flags)
{
	long free = (long)zone_free_pages(zone) - ((1L << order) - 1);
	long mark = (long)zone->_watermark[alloc_flags & ALLOC_WMARK_MASK];

	if (alloc_flags & ALLOC_NO_WATERMARKS)
		return true;
	if (alloc_flags & ALLOC_MIN_RESERVE) {
		mark -= mark / 2;
		if (alloc_flags & ALLOC_NON_BLOCK)
			mark -= mark / 4;
	}
	return free > mark;
}

/*
 * The zone that an allocation without __GFP_DMA32 tries first: ZONE_NORMAL if
 * it has memory, else ZONE_DMA32. Set once at boot, so that the fast path
 * finds it with one load.
 */
static struct zone *preferred_zone = &node_zones[ZONE_DMA32];

void set_preferred_zone(void)
{
	bool normal = populated_zone(&node_zones[ZONE_NORMAL]);

	preferred_zone = &node_zones[normal ? ZONE_NORMAL : ZONE_DMA32];
}

/* Try each zone @gfp allows, highest first, that passes the watermark check. */
static __always_inline struct page *get_page_from_freelist(gfp_t gfp, unsigned int order,
							   unsigned int alloc_flags)
{
	for (int z = gfp_zone(gfp); z >= 0; z--) {
		struct zone *zone = &node_zones[z];
		struct page *page;

		if (!populated_zone(zone) || !zone_watermark_ok(zone, order, alloc_flags))
			continue;
		page = order == 0 ? rmqueue_pcplist(zone) : rmqueue_buddy(zone, order);
		if (page)
			return page;
	}
	return NULL;
}

static unsigned int gfp_to_alloc_flags(gfp_t gfp)
{
	unsigned int alloc_flags = WMARK_MIN;

	if (gfp & __GFP_HIGH)
		alloc_flags |= ALLOC_MIN_RESERVE;
	if (!gfpflags_allow_blocking(gfp))
		alloc_flags |= ALLOC_NON_BLOCK;
	if (gfp & __GFP_MEMALLOC)
		alloc_flags |= ALLOC_NO_WATERMARKS;
	return alloc_flags;
}

/* How many pages to ask the shrinkers for: enough to lift some allowed zone to high. */
static unsigned long reclaim_target(gfp_t gfp, unsigned int order)
{
	unsigned long want = ULONG_MAX;

	for (int z = gfp_zone(gfp); z >= 0; z--) {
		const struct zone *zone = &node_zones[z];
		unsigned long need = high_wmark_pages(zone) + (1UL << order);
		unsigned long free = zone_free_pages(zone);

		if (populated_zone(zone))
			want = min(want, need > free ? need - free : 1UL << order);
	}
	return want == ULONG_MAX ? 1UL << order : want;
}

/*
 * The slow path: the zones are below their low watermarks (or fragmented).
 * Try again at min with the caller's claim on the reserve; then with every
 * CPU's per-CPU lists drained (only this CPU's, and requests to the others,
 * if its interrupts are masked); then, if the caller may block, after each
 * round of shrinking that freed something (one round with __GFP_NORETRY).
 */
static noinline struct page *alloc_pages_slowpath(gfp_t gfp, unsigned int order)
{
	unsigned int alloc_flags = gfp_to_alloc_flags(gfp);
	struct page *page;
	int max_retries;

	page = get_page_from_freelist(gfp, order, alloc_flags);
	if (page)
		return page;
	drain_all_pages(NULL);
	page = get_page_from_freelist(gfp, order, alloc_flags);
	if (page || !gfpflags_allow_blocking(gfp))
		return page;
	/* __GFP_NORETRY: one round of reclaim, no more. */
	max_retries = (gfp & __GFP_NORETRY) ? 1 : MAX_RECLAIM_RETRIES;
	for (int retries = 0; !page && retries < max_retries; retries++) {
		if (!shrink_caches(gfp, reclaim_target(gfp, order)))
			break;
		/* Pages the shrinkers freed singly sit on per-CPU lists. */
		drain_all_pages(NULL);
		page = get_page_from_freelist(gfp, order, alloc_flags);
	}
	/* A caller that cannot fail may have part of the reserve, as Linux gives it. */
	if (!page && (gfp & __GFP_NOFAIL))
		page = get_page_from_freelist(gfp, order, alloc_flags | ALLOC_MIN_RESERVE);
	return page;
}

static void prep_compound_page(struct page *page, unsigned int order)
{
	__SetPageHead(page);
	for (unsigned long i = 1; i < (1UL << order); i++) {
		__SetPageTail(page + i);
		page[i].head_page = page;
	}
}

/*
 * The allocation's side of the free hooks (see free_hooks()), in Linux's
 * order: map the block (debug_pagealloc), check its poison (page_poison),
 * then zero it if asked. Out of line: one test in prep_new_page() sends here
 * both __GFP_ZERO and a block whose free runs hooks.
 */
static noinline void alloc_hooks(struct page *page, unsigned int order, gfp_t gfp,
				 const void *caller)
{
	if (debug_pagealloc_enabled())
		debug_pagealloc_map_pages(page, order);
	if (page_poisoning_enabled())
		kernel_unpoison_pages(page, order, caller);
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
}

/*
 * Hand the block to its new owner: PG_allocated with its order, mapped,
 * checked, zeroed, compound. Inlined in both alloc_pages_from_zones() copies
 * (the checked path's and page_owner's): a call would cost order3_pair 15
 * instructions.
 */
static __always_inline void prep_new_page(struct page *page, unsigned int order, gfp_t gfp,
					  const void *caller)
{
	VM_BUG_ON_PAGE(page->flags & PAGE_FLAGS_CHECK_AT_PREP, page);
	page->private = order;
	page->flags |= (1UL << PG_allocated) | (gfp & __GFP_FREE_HOOKS);
	if (gfp & (__GFP_ZERO | __GFP_FREE_HOOKS))
		alloc_hooks(page, order, gfp, caller);
	if ((gfp & __GFP_COMP) && order)
		prep_compound_page(page, order);
}

/*
 * fail_page_alloc's gate: MAX_ORDER + 1, or 0 while fail_page_alloc is on, so
 * that one compare in alloc_pages_caller() sends both an order above
 * MAX_ORDER and every request fault injection must see to the checks; and
 * each per-CPU list's ->fail_page_alloc, which sends the order-0 fast path
 * there. fail_gate_lock (irqsave, a leaf) orders the writers, each of which
 * writes the flag as it reads it then, so that the last leaves the latest.
 */
static unsigned int fail_page_alloc_order_limit = MAX_ORDER + 1;
static DEFINE_SPINLOCK(fail_gate_lock);

/*
 * init_on_alloc=1, init_on_free=1 (<mm.h>), page_poison=1 or
 * debug_pagealloc=on, fixed at boot: the gate above stays shut (order limit
 * 0, and each per-CPU list's ->init_on), so that every allocation passes
 * alloc_pages_caller()'s checks, which add these GFP bits: __GFP_ZERO for
 * init_on_alloc, and for the others a private bit, __GFP_FREE_HOOKS, that
 * prep_new_page() turns into PG_free_hooks (the same bit: no test), so that
 * the block's free runs free_hooks(). Nothing costs more while all are off
 * but the free path's test of PG_free_hooks.
 *
 * page_owner=on (<page_owner.h>) shuts the gate the same way (each list's
 * ->page_owner), and the checks send the allocation to alloc_pages_owned(),
 * which records it: nothing on the paths taken while it is off changes.
 */
static gfp_t init_on_gfp;
static bool gate_shut_at_boot; /* init_on_gfp or page_owner: the gate never opens */

void page_alloc_init_on(void)
{
	bool free_hooks =
		want_init_on_free() || page_poisoning_enabled() || debug_pagealloc_enabled();

	init_on_gfp =
		(want_init_on_alloc(0) ? __GFP_ZERO : 0) | (free_hooks ? __GFP_FREE_HOOKS : 0);
	gate_shut_at_boot = init_on_gfp || page_owner_enabled;
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		for (int cpu = 0; cpu < NR_CPUS; cpu++) {
			node_zones[z].pcp[cpu].init_on = init_on_gfp != 0;
			node_zones[z].pcp[cpu].page_owner = page_owner_enabled;
		}
	}
	page_alloc_sync_fail_gate();
}

void page_alloc_sync_fail_gate(void)
{
	unsigned long flags;
	bool on;

	spin_lock_irqsave(&fail_gate_lock, flags);
	on = READ_ONCE(fail_page_alloc_enabled);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (int cpu = 0; cpu < NR_CPUS; cpu++)
			WRITE_ONCE(node_zones[z].pcp[cpu].fail_page_alloc, on);
	WRITE_ONCE(fail_page_alloc_order_limit, on || gate_shut_at_boot ? 0 : MAX_ORDER + 1);
	spin_unlock_irqrestore(&fail_gate_lock, flags);
}

/* The zones, then the slow path; the failure report; the block made ready for its owner. */
static __always_inline struct page *alloc_pages_from_zones(gfp_t gfp, unsigned int order,
							   const void *caller)
{
	struct page *page = get_page_from_freelist(gfp, order, WMARK_LOW);

	if (unlikely(!page))
		page = alloc_pages_slowpath(gfp, order);
	if (unlikely(!page)) {
		if (!(gfp & __GFP_NOWARN) || (gfp & __GFP_NOFAIL))
			warn_alloc(gfp & ~__GFP_FREE_HOOKS, order, caller);
		return NULL;
	}
	prep_new_page(page, order, gfp, caller);
	return page;
}

/* page_owner=on: the same, and the block's owner recorded with @gfp as asked (mm/page_owner.c). */
static noinline struct page *alloc_pages_owned(gfp_t gfp, unsigned int order, const void *caller)
{
	struct page *page = alloc_pages_from_zones(gfp | init_on_gfp, order, caller);

	if (page)
		__set_page_owner(page, order, gfp, caller);
	return page;
}

/* Every allocation that the fast path below does not serve. */
noinline struct page *alloc_pages_caller(gfp_t gfp, unsigned int order, const void *caller)
{
	/*
	 * One compare for a bad order, fault injection and init_on_alloc/free:
	 * see fail_page_alloc_order_limit.
	 */
	if (unlikely(order >= READ_ONCE(fail_page_alloc_order_limit))) {
		if (order > MAX_ORDER) {
			if (!(gfp & __GFP_NOWARN)) {
				pr_warn("page allocation of order %u: above MAX_ORDER (%d)\n",
					order, MAX_ORDER);
				WARN_ON(order > MAX_ORDER);
			}
			return NULL;
		}
		if (__should_fail_alloc_page(gfp, order, (unsigned long)caller))
			return NULL;
		if (!READ_ONCE(fail_page_alloc_enabled) &&
		    !gate_shut_at_boot) /* it turned itself off */
			page_alloc_sync_fail_gate();
		if (READ_ONCE(page_owner_inited))
			return alloc_pages_owned(gfp, order, caller);
		gfp |= init_on_gfp;
	}
	return alloc_pages_from_zones(gfp, order, caller);
}

/*
 * The fast path: a single page, not to be zeroed, from the front of this
 * CPU's list for the first zone @gfp allows. NULL when the request is not of
 * that kind, the list is empty, another CPU asked for it to be drained, or
 * fail_page_alloc, init_on_alloc/init_on_free or page_owner is on;
 * alloc_pages_caller() then does the rest (the drain, fault injection,
 * refill with the watermark check, other zones, the slow path, page_owner).
 */
static __always_inline struct page *alloc_pages_fast(gfp_t gfp, unsigned int order)
{
	struct per_cpu_pages *pcp;
	struct page *page = NULL;
	struct zone *zone;
	unsigned long flags;

	/* One test for the common case; a GFP_DMA32 request takes a second. */
	if (likely(!(order | (gfp & (__GFP_ZERO | __GFP_DMA32))))) {
		zone = preferred_zone;
	} else {
		if (order != 0 || (gfp & __GFP_ZERO))
			return NULL;
		zone = &node_zones[ZONE_DMA32]; /* GFP_DMA32: this zone, empty or not */
	}
	if (unlikely(!zone_watermark_ok(zone, 0, WMARK_LOW)))
		return NULL;
	local_irq_save(flags);
	pcp = zone_pcp(zone, raw_smp_processor_id());
	if (likely(!READ_ONCE(pcp->slow)))
		page = pcp_take(pcp);
	local_irq_restore(flags);
	if (likely(page)) {
		/* Off the list, the page is ours: from PG_pcp straight to PG_allocated. */
		page->flags ^= (1UL << PG_pcp) | (1UL << PG_allocated);
		page->private = 0;
	}
	return page;
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages_fast(gfp, order);

	if (likely(page))
		return page;
	return alloc_pages_caller(gfp, order, __builtin_return_address(0));
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages_fast(gfp, order);

	if (unlikely(!page))
		page = alloc_pages_caller(gfp, order, __builtin_return_address(0));
	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	struct page *page = alloc_pages_caller(gfp | __GFP_ZERO, 0, __builtin_return_address(0));

	return page ? (unsigned long)page_address(page) : 0;
}

/* Freeing. */

/*
 * Take the block back from its owner: only the first page of an allocated
 * block, freed with the order it was allocated with, passes (its old flags
 * are returned; 0 if it does not pass). The test and the
 * clearing of PG_allocated are one atomic step, so that of two CPUs freeing
 * the same block here only one succeeds and the other reports a double free.
 * (The order-0 fast path below checks with a plain load and store instead.)
 */
static __always_inline unsigned long claim_allocated(struct page *page, unsigned int order)
{
	unsigned long old = __atomic_load_n(&page->flags, __ATOMIC_RELAXED);

	do {
		if ((old & PAGE_FLAGS_CHECK_AT_FREE) != (1UL << PG_allocated) ||
		    READ_ONCE(page->private) != order)
			return 0;
	} while (!__atomic_compare_exchange_n(
		&page->flags, &old, old & ~((1UL << PG_allocated) | (1UL << PG_free_hooks)), false,
		__ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
	return old;
}

/*
 * The free-time work of a block allocated with PG_free_hooks, in Linux's
 * order: zero it (init_on_free) or poison it (page_poison: the two never
 * both, see page_poison_init()), then unmap it (debug_pagealloc), noting
 * @caller as its freer. Out of line: the free path stays lean.
 */
static noinline void free_hooks(struct page *page, unsigned int order, const void *caller)
{
	if (want_init_on_free())
		memset(page_address(page), 0, PAGE_SIZE << order);
	if (page_poisoning_enabled())
		kernel_poison_pages(page, order);
	if (debug_pagealloc_enabled())
		debug_pagealloc_unmap_pages(page, order, caller);
}

static bool free_pages_prepare(struct page *page, unsigned int order, const void *caller)
{
	unsigned long old;

	/* The claim takes PG_free_hooks off too: the hooks run here, once. */
	if (order > MAX_ORDER || !(old = claim_allocated(page, order))) {
		bad_free(page, order, caller);
		return false;
	}
	if (unlikely(old & (1UL << PG_free_hooks)))
		free_hooks(page, order, caller);
	if (PageHead(page)) {
		for (unsigned long i = 1; i < (1UL << order); i++) {
			__ClearPageTail(page + i);
			page[i].head_page = NULL;
		}
		__ClearPageHead(page);
	}
	page->private = 0;
	return true;
}

/* Every free that the fast path below does not take, and the bad-free report. */
noinline void free_pages_caller(struct page *page, unsigned int order, const void *caller)
{
	if (!free_pages_prepare(page, order, caller))
		return;
	if (order == 0) {
		__SetPagePcp(page);
		free_unref_page(page_zone(page), page);
	} else {
		free_one_page(page_zone(page), page, page_to_pfn(page), order);
	}
}

/*
 * The fast path: a plain single page (not compound, no free hooks to run)
 * goes from PG_allocated to PG_pcp and onto this CPU's list. False, with nothing changed, for anything
 * else: free_pages_caller() then checks again, the slow way, and reports.
 *
 * The check is a plain load and store, not an atomic claim, as in Linux: it
 * catches every double free made one after the other, on any CPUs (the first
 * free leaves the page PG_pcp, PG_buddy or inside a free block, none of which
 * passes), but not two CPUs freeing the same page at the same moment. That is
 * a race in the caller, which owns the page until it frees it.
 */
static __always_inline bool free_pages_fast(struct page *page, unsigned int order)
{
	unsigned long old = READ_ONCE(page->flags);

	if (order != 0 ||
	    (old & (PAGE_FLAGS_CHECK_AT_FREE | (1UL << PG_head) | (1UL << PG_free_hooks))) !=
		    (1UL << PG_allocated) ||
	    READ_ONCE(page->private) != 0)
		return false;
	WRITE_ONCE(page->flags, old ^ ((1UL << PG_allocated) | (1UL << PG_pcp)));
	free_unref_page(pgflags_zone(old), page); /* private is 0 already: the order */
	return true;
}

void __free_pages(struct page *page, unsigned int order)
{
	if (likely(free_pages_fast(page, order)))
		return;
	free_pages_caller(page, order, __builtin_return_address(0));
}

void free_pages_addr(unsigned long addr, unsigned int order, const void *caller)
{
	struct page *page;
	unsigned long pfn;

	if (!IS_ALIGNED(addr, PAGE_SIZE)) {
		bad_free_address(addr, order, "the address is not page aligned", caller);
		return;
	}
	pfn = virt_to_pfn((const void *)addr);
	if (!pfn_valid(pfn)) {
		bad_free_address(addr, order, "the address is not in RAM", caller);
		return;
	}
	page = pfn_to_page(pfn);
	if (!free_pages_fast(page, order))
		free_pages_caller(page, order, caller);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		free_pages_addr(addr, order, __builtin_return_address(0));
}

/* Boot: a block of memblock memory, its struct pages just initialised, joins the buddy lists. */
void __free_pages_core(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);

	/* Free memory is poisoned and unmapped from the start (free_hooks() without zeroing). */
	if (page_poisoning_enabled())
		kernel_poison_pages(page, order);
	if (debug_pagealloc_enabled())
		debug_pagealloc_unmap_pages(page, order, __builtin_return_address(0));
	free_one_page(zone, page, page_to_pfn(page), order);
}
