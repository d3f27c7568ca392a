/*
 * Self-tests of the page allocator (mm/page_alloc.c, mm/mm_init.c): the
 * struct page arrays and pfn conversions, zones, allocation of every order,
 * __GFP_ZERO, compound pages, alloc_pages_exact, coalescing and the per-CPU
 * lists. Every case leaves the allocator as it found it. Watermarks, bad
 * input and stress runs have suites of their own.
 */
#include <asm/port.h>
#include <kernel.h>
#include <ktest.h>
#include <memblock.h>
#include <mm.h>
#include <smp.h>
#include <string.h>

#include "page_alloc_helpers.h"

static struct zone *highest_zone(void)
{
	return populated_zone(&node_zones[ZONE_NORMAL]) ? &node_zones[ZONE_NORMAL]
							: &node_zones[ZONE_DMA32];
}

/*
 * The zone an allocation of @order takes its block from: the highest, unless
 * it holds no free block that large (a small bank above 4 GiB), then the next.
 */
static struct zone *zone_serving(unsigned int order)
{
	struct zone *zone = highest_zone();

	for (unsigned int o = order; o < NR_PAGE_ORDERS; o++)
		if (zone->free_area[o].nr_free)
			return zone;
	return &node_zones[ZONE_DMA32];
}

static bool ram_crosses_4gib(void)
{
	return populated_zone(&node_zones[ZONE_DMA32]) && populated_zone(&node_zones[ZONE_NORMAL]);
}

#define NEEDS_TWO_ZONES \
	"needs RAM below and above 4 GiB (riscv virt: MEM > 2G, as RAM starts at 2 GiB)"

static void struct_page_is_at_most_64_bytes(struct ktest *t)
{
	KTEST_EXPECT_LE(t, sizeof(struct page), (size_t)64);
	ktest_printf(t, "struct page: %zu bytes per %lu-byte page", sizeof(struct page), PAGE_SIZE);
}

static void every_order_allocates_an_aligned_block_in_the_preferred_zone(struct ktest *t)
{
	struct buddy_snapshot base;

	page_alloc_baseline(&base);
	for (unsigned int order = 0; order <= MAX_ORDER; order++) {
		struct zone *want = zone_serving(order);
		struct page *page;
		unsigned long pfn;

		if ((int)order > largest_free_order(want)) {
			ktest_printf(t, "orders %u..%u: no free block that large on this machine",
				     order, MAX_ORDER);
			break;
		}
		page = alloc_pages(GFP_KERNEL, order);

		if (!page) {
			KTEST_FAIL(t, "order %u: expected a block, alloc_pages() returned NULL",
				   order);
			continue;
		}
		pfn = page_to_pfn(page);
		if (!IS_ALIGNED(pfn, 1UL << order))
			KTEST_FAIL(t, "order %u: block at pfn %#lx is not aligned to %lu pages",
				   order, pfn, 1UL << order);
		KTEST_EXPECT_PTR_EQ(t, page_zone(page), want);
		KTEST_EXPECT_TRUE(t, pfn_valid(pfn + (1UL << order) - 1));
		KTEST_EXPECT_TRUE(t, PageAllocated(page));
		KTEST_EXPECT_EQ(t, page->private, (unsigned long)order);
		/* the whole block is usable memory */
		memset(page_address(page), 0x5a, PAGE_SIZE << order);
		__free_pages(page, order);
	}
	expect_page_alloc_baseline(t, &base);
}

static void dma32_allocations_are_below_4gib(struct ktest *t)
{
	struct buddy_snapshot base;

	if (!populated_zone(&node_zones[ZONE_DMA32]))
		KTEST_SKIP(t, "this machine has no RAM below 4 GiB");
	page_alloc_baseline(&base);
	for (unsigned int order = 0; order <= MAX_ORDER; order++) {
		struct page *page;
		phys_addr_t end;

		if ((int)order > largest_free_order(&node_zones[ZONE_DMA32])) {
			ktest_printf(t, "orders %u..%u: no free block that large below 4 GiB",
				     order, MAX_ORDER);
			break;
		}
		page = alloc_pages(GFP_KERNEL | GFP_DMA32, order);
		KTEST_ASSERT_NOT_NULL(t, page);
		end = page_to_phys(page) + (PAGE_SIZE << order);
		KTEST_EXPECT_LE(t, end, (phys_addr_t)1 << 32);
		KTEST_EXPECT_EQ(t, page_zonenum(page), ZONE_DMA32);
		__free_pages(page, order);
	}
	expect_page_alloc_baseline(t, &base);
}

static void gfp_zero_returns_zeroed_memory(struct ktest *t)
{
	struct buddy_snapshot base;
	struct page *dirty, *page;
	unsigned long addr;

	page_alloc_baseline(&base);
	/* single pages: the freed dirty page is the next one handed out (per-CPU list) */
	dirty = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, dirty);
	memset(page_address(dirty), 0xa5, PAGE_SIZE);
	__free_page(dirty);
	page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_PTR_EQ(t, page, dirty);
	KTEST_EXPECT_NULL(t, memchr_inv(page_address(page), 0, PAGE_SIZE));
	__free_page(page);

	/* blocks, from the buddy lists */
	dirty = alloc_pages(GFP_KERNEL, 3);
	KTEST_ASSERT_NOT_NULL(t, dirty);
	memset(page_address(dirty), 0xa5, PAGE_SIZE << 3);
	__free_pages(dirty, 3);
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 3);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_PTR_EQ(t, page, dirty);
	KTEST_EXPECT_NULL(t, memchr_inv(page_address(page), 0, PAGE_SIZE << 3));
	__free_pages(page, 3);

	addr = __get_free_page(GFP_KERNEL);
	KTEST_ASSERT_NE(t, addr, 0UL);
	memset((void *)addr, 0xa5, PAGE_SIZE);
	free_page(addr);
	addr = get_zeroed_page(GFP_KERNEL);
	KTEST_ASSERT_NE(t, addr, 0UL);
	KTEST_EXPECT_NULL(t, memchr_inv((void *)addr, 0, PAGE_SIZE));
	free_page(addr);
	expect_page_alloc_baseline(t, &base);
}

static void get_free_pages_address_round_trips_to_its_page(struct ktest *t)
{
	struct buddy_snapshot base;
	unsigned long addr;
	struct page *page;

	page_alloc_baseline(&base);
	addr = __get_free_pages(GFP_KERNEL, 2);
	KTEST_ASSERT_NE(t, addr, 0UL);
	KTEST_EXPECT_TRUE(t, IS_ALIGNED(addr, 4 * PAGE_SIZE));
	page = virt_to_page((void *)addr);
	KTEST_EXPECT_PTR_EQ(t, page_address(page), (void *)addr);
	KTEST_EXPECT_EQ(t, virt_to_pfn((void *)addr), page_to_pfn(page));
	KTEST_EXPECT_EQ(t, page->private, 2UL);
	free_pages(addr, 2);
	free_pages(0, 3); /* does nothing, as in Linux */
	expect_page_alloc_baseline(t, &base);
}

/* The next value of a full-period sequence over 0..1023 (a, c as Hull-Dobell asks). */
static unsigned int lcg_1024(unsigned int x)
{
	return (x * 421 + 17) & (MAX_ORDER_NR_PAGES - 1);
}

static void freed_single_pages_coalesce_back_into_a_max_order_block(struct ktest *t)
{
	struct buddy_snapshot base, held;
	gfp_t zone_gfp;
	struct zone *zone = lowest_zone(&zone_gfp);
	enum zone_type z = zone_idx(zone);
	unsigned int i, x = 0, kept;
	struct page *block;

	page_alloc_baseline(&base);
	if (largest_free_order(zone) < MAX_ORDER)
		KTEST_SKIP(t, "needs a free block of MAX_ORDER in the lowest zone (RAM beside "
			      "the kernel holds none)");
	zone_pcp_disable(zone); /* so every free reaches the buddy lists at once */
	block = alloc_pages(GFP_KERNEL | zone_gfp, MAX_ORDER);
	KTEST_ASSERT_NOT_NULL(t, block);
	buddy_snapshot_take(&held);
	split_page(block, MAX_ORDER);

	/* Free all but one page, in a scrambled order. */
	kept = lcg_1024(0);
	for (i = 0, x = kept; i < MAX_ORDER_NR_PAGES - 1; i++) {
		x = lcg_1024(x);
		__free_page(block + x);
	}
	/* Whatever the order of frees, the block is now one free block of each order 0..9. */
	for (int o = 0; o < MAX_ORDER; o++)
		if (node_zones[z].free_area[o].nr_free != held.nr_free[z][o] + 1)
			KTEST_FAIL(t,
				   "with one page still held, order %d: expected %lu free blocks, "
				   "saw %lu",
				   o, held.nr_free[z][o] + 1, node_zones[z].free_area[o].nr_free);
	KTEST_EXPECT_EQ(t, node_zones[z].free_area[MAX_ORDER].nr_free, held.nr_free[z][MAX_ORDER]);

	__free_page(block + kept);
	for (int o = 0; o < MAX_ORDER; o++)
		KTEST_EXPECT_EQ(t, node_zones[z].free_area[o].nr_free, held.nr_free[z][o]);
	KTEST_EXPECT_EQ(t, node_zones[z].free_area[MAX_ORDER].nr_free,
			held.nr_free[z][MAX_ORDER] + 1);
	KTEST_EXPECT_TRUE(t, PageBuddy(block));
	KTEST_EXPECT_EQ(t, block->private, (unsigned long)MAX_ORDER);
	zone_pcp_enable(zone);
	expect_page_alloc_baseline(t, &base);
}

static void alloc_pages_exact_frees_the_tail(struct ktest *t)
{
	const size_t size = 5 * PAGE_SIZE + 100; /* 6 pages, from an order-3 block of 8 */
	struct buddy_snapshot base;
	struct page *page;
	void *addr;

	page_alloc_baseline(&base);
	addr = alloc_pages_exact(size, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, addr);
	KTEST_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)addr, 8 * PAGE_SIZE));
	memset(addr, 0x3c, size);
	drain_all_pages(NULL);
	KTEST_EXPECT_EQ(t, nr_free_pages(),
			base.free_pages[ZONE_DMA32] + base.free_pages[ZONE_NORMAL] - 6);
	page = virt_to_page(addr);
	for (int i = 0; i < 6; i++) {
		KTEST_EXPECT_TRUE(t, PageAllocated(page + i));
		KTEST_EXPECT_EQ(t, page[i].private, 0UL);
	}
	KTEST_EXPECT_FALSE(t, PageAllocated(page + 6));
	KTEST_EXPECT_FALSE(t, PageAllocated(page + 7));
	free_pages_exact(addr, size);
	expect_page_alloc_baseline(t, &base);
}

static void compound_allocation_links_tail_pages_to_the_head(struct ktest *t)
{
	const unsigned int order = 4;
	struct buddy_snapshot base;
	struct page *head;

	page_alloc_baseline(&base);
	head = alloc_pages(GFP_KERNEL | __GFP_COMP, order);
	KTEST_ASSERT_NOT_NULL(t, head);
	KTEST_EXPECT_TRUE(t, PageHead(head));
	KTEST_EXPECT_FALSE(t, PageTail(head));
	KTEST_EXPECT_PTR_EQ(t, compound_head(head), head);
	KTEST_EXPECT_EQ(t, compound_order(head), order);
	for (unsigned long i = 1; i < (1UL << order); i++) {
		KTEST_EXPECT_TRUE(t, PageTail(head + i));
		KTEST_EXPECT_PTR_EQ(t, compound_head(head + i), head);
	}
	__free_pages(head, order);
	KTEST_EXPECT_FALSE(t, PageHead(head));
	for (unsigned long i = 1; i < (1UL << order); i++)
		KTEST_EXPECT_FALSE(t, PageTail(head + i));
	expect_page_alloc_baseline(t, &base);
}

static void compound_flag_on_a_single_page_gives_an_ordinary_page(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_COMP);

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_FALSE(t, PageHead(page));
	KTEST_EXPECT_PTR_EQ(t, compound_head(page), page);
	__free_page(page);
}

/* The per-CPU lists. */

static struct per_cpu_pages *this_pcp(struct zone *zone)
{
	return &zone->pcp[raw_smp_processor_id()];
}

static void pcp_refill_takes_a_batch_from_the_zone(struct ktest *t)
{
	struct zone *zone = highest_zone();
	struct per_cpu_pages *pcp = this_pcp(zone);
	struct buddy_snapshot base;
	unsigned long before;
	struct page *page;

	page_alloc_baseline(&base);
	before = zone_free_pages(zone);
	KTEST_ASSERT_EQ(t, pcp->count, 0);
	page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_PTR_EQ(t, page_zone(page), zone);
	KTEST_EXPECT_EQ(t, pcp->count, pcp->batch - 1);
	KTEST_EXPECT_EQ(t, zone_free_pages(zone), before - (unsigned long)pcp->batch);
	__free_page(page);
	KTEST_EXPECT_EQ(t, pcp->count, pcp->batch);
	KTEST_EXPECT_TRUE(t, PagePcp(page));
	KTEST_EXPECT_EQ(t, zone_free_pages(zone), before - (unsigned long)pcp->batch);
	expect_page_alloc_baseline(t, &base);
}

/*
 * The smallest order whose block has more pages than this CPU's list of any
 * zone holds (its high).
 */
static unsigned int order_above_high(void)
{
	unsigned long high = 1;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		high = max(high, (unsigned long)this_pcp(&node_zones[z])->high);
	return (unsigned int)(64 - __builtin_clzl(high));
}

static void pcp_free_beyond_high_returns_a_batch_to_the_zone(struct ktest *t)
{
	const unsigned int order = order_above_high();
	struct zone *zone = zone_serving(order);
	struct per_cpu_pages *pcp = this_pcp(zone);
	struct buddy_snapshot base;
	struct page *block;
	unsigned long i;

	page_alloc_baseline(&base);
	KTEST_ASSERT_LT(t, pcp->high, 1 << order);
	block = alloc_pages(GFP_KERNEL, order);
	KTEST_ASSERT_NOT_NULL(t, block);
	KTEST_EXPECT_PTR_EQ(t, page_zone(block), zone);
	split_page(block, order);
	for (i = 0; i < (unsigned long)pcp->high; i++)
		__free_page(block + i);
	KTEST_EXPECT_EQ(t, pcp->count, pcp->high);
	__free_page(block + i++);
	KTEST_EXPECT_EQ(t, pcp->count, pcp->high + 1 - pcp->batch);
	for (; i < (1UL << order); i++)
		__free_page(block + i);
	KTEST_EXPECT_LE(t, pcp->count, pcp->high);
	expect_page_alloc_baseline(t, &base);
}

static void drain_all_pages_empties_every_per_cpu_list(struct ktest *t)
{
	struct buddy_snapshot base;
	struct page *pages[4];

	page_alloc_baseline(&base);
	for (int i = 0; i < 4; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, pages[i]);
	}
	for (int i = 0; i < 4; i++)
		__free_page(pages[i]);
	KTEST_EXPECT_GT(t, zone_pcp_pages(highest_zone()), 0UL);
	drain_all_pages(NULL);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		KTEST_EXPECT_EQ(t, zone_pcp_pages(&node_zones[z]), 0UL);
	for (int i = 0; i < 4; i++)
		KTEST_EXPECT_FALSE(t, PagePcp(pages[i]));
	expect_buddy_state(t, &base);
}

/*
 * No CPU touches another's list. A CPU with interrupts masked cannot wait for
 * the others to drain theirs: drain_all_pages() empties this CPU's lists and
 * asks every other CPU to empty its own, through its ->drain flag (with one
 * CPU online there is nobody to wait for, nor to ask).
 */
static void drain_all_pages_with_interrupts_masked_asks_the_other_cpus(struct ktest *t)
{
	unsigned long me = raw_smp_processor_id(), flags;
	bool others = num_online_cpus() > 1;
	struct zone *zone = highest_zone();

	local_irq_save(flags);
	drain_all_pages(zone);
	local_irq_restore(flags);
	KTEST_EXPECT_EQ(t, zone->pcp[me].count, 0);
	for (unsigned long cpu = 0; cpu < NR_CPUS; cpu++)
		KTEST_EXPECT_EQ(t, READ_ONCE(zone->pcp[cpu].drain), cpu != me && others ? 1 : 0);
	/* With interrupts on, every CPU drains its own lists at once, and its request is served. */
	drain_all_pages(zone);
	for (unsigned long cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu_online(cpu))
			KTEST_EXPECT_EQ(t, READ_ONCE(zone->pcp[cpu].drain), 0);
}

/* A request from another CPU, as its drain_all_pages() makes it, is served by the next allocation. */
static void a_drain_request_is_served_at_the_next_allocation(struct ktest *t)
{
	struct zone *zone = highest_zone();
	struct per_cpu_pages *pcp = this_pcp(zone);
	struct buddy_snapshot base;
	struct page *pages[3];

	page_alloc_baseline(&base);
	if (pcp->batch < 3)
		KTEST_SKIP(t, "needs a per-CPU batch of 3 pages or more (a zone of 3 x 4096 pages "
			      "or more)");
	for (int i = 0; i < 3; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, pages[i]);
	}
	__free_page(pages[0]);
	KTEST_ASSERT_EQ(t, pcp->count, pcp->batch - 2);
	WRITE_ONCE(pcp->drain, 1);
	pages[0] = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, pages[0]);
	/* Emptied into the zone, then refilled with a batch: not batch - 3, as without the request. */
	KTEST_EXPECT_EQ(t, pcp->drain, 0);
	KTEST_EXPECT_EQ(t, pcp->count, pcp->batch - 1);
	for (int i = 0; i < 3; i++)
		__free_page(pages[i]);
	expect_page_alloc_baseline(t, &base);
}

/* ... or by the next free that takes the list past high: all of it goes, not a batch. */
static void a_drain_request_is_served_when_a_free_overflows_the_list(struct ktest *t)
{
	const unsigned int order = order_above_high();
	struct zone *zone = zone_serving(order);
	struct per_cpu_pages *pcp = this_pcp(zone);
	struct buddy_snapshot base;
	struct page *block;
	unsigned long i;

	page_alloc_baseline(&base);
	KTEST_ASSERT_LT(t, pcp->high, 1 << order);
	block = alloc_pages(GFP_KERNEL, order);
	KTEST_ASSERT_NOT_NULL(t, block);
	KTEST_EXPECT_PTR_EQ(t, page_zone(block), zone);
	split_page(block, order);
	for (i = 0; i < (unsigned long)pcp->high; i++)
		__free_page(block + i);
	KTEST_EXPECT_EQ(t, pcp->count, pcp->high);
	WRITE_ONCE(pcp->drain, 1);
	__free_page(block + i++);
	KTEST_EXPECT_EQ(t, pcp->drain, 0);
	KTEST_EXPECT_EQ(t, pcp->count, 0);
	for (; i < (1UL << order); i++)
		__free_page(block + i);
	expect_page_alloc_baseline(t, &base);
}

/*
 * The fast path must not touch the zone lock: a ticket lock's "next" counter
 * goes up by one for every spin_lock(), so it must not move.
 */
static void pcp_fast_path_takes_no_zone_lock(struct ktest *t)
{
	struct zone *zone = highest_zone();
	struct buddy_snapshot base;
	struct page *page;
	u32 tickets;

	page_alloc_baseline(&base);
	page = alloc_page(GFP_KERNEL); /* refills the list: takes the zone lock */
	KTEST_ASSERT_NOT_NULL(t, page);
	__free_page(page);
	if (this_pcp(zone)->count >= this_pcp(zone)->high)
		KTEST_SKIP(t, "the per-CPU list is full after one refill (a tiny zone)");
	tickets = READ_ONCE(zone->lock.next);
	page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, page);
	__free_page(page);
	KTEST_EXPECT_EQ(t, READ_ONCE(zone->lock.next), tickets);
	expect_page_alloc_baseline(t, &base);
}

/* Zones. */

static void zones_hold_the_ram_below_and_above_4gib(struct ktest *t)
{
	const struct zone *dma32 = &node_zones[ZONE_DMA32], *normal = &node_zones[ZONE_NORMAL];

	KTEST_EXPECT_EQ(t, dma32->present_pages, ram_pages_between(0, DMA32_END_PFN));
	KTEST_EXPECT_EQ(t, normal->present_pages, ram_pages_between(DMA32_END_PFN, ULONG_MAX));
	if (dma32->present_pages)
		KTEST_EXPECT_LE(t, dma32->zone_start_pfn + dma32->spanned_pages, DMA32_END_PFN);
	if (normal->present_pages)
		KTEST_EXPECT_GE(t, normal->zone_start_pfn, DMA32_END_PFN);
	KTEST_EXPECT_STREQ(t, dma32->name, "DMA32");
	KTEST_EXPECT_STREQ(t, normal->name, "Normal");
}

static void both_zones_are_populated_when_ram_crosses_4gib(struct ktest *t)
{
	phys_addr_t start = memblock_start_of_DRAM(), end = memblock_end_of_DRAM();

	if (start >= (phys_addr_t)1 << 32 || end <= (phys_addr_t)1 << 32)
		KTEST_SKIP(t, NEEDS_TWO_ZONES);
	KTEST_EXPECT_TRUE(t, populated_zone(&node_zones[ZONE_DMA32]));
	KTEST_EXPECT_TRUE(t, populated_zone(&node_zones[ZONE_NORMAL]));
	KTEST_EXPECT_EQ(t, node_zones[ZONE_DMA32].zone_start_pfn, PFN_UP(start));
	KTEST_EXPECT_EQ(
		t, node_zones[ZONE_NORMAL].zone_start_pfn + node_zones[ZONE_NORMAL].spanned_pages,
		PFN_DOWN(end));
}

static void normal_allocations_fall_back_to_dma32(struct ktest *t)
{
	const struct zone *normal = &node_zones[ZONE_NORMAL];
	struct buddy_snapshot base;
	struct hoard h = { 0 };
	struct page *page;

	if (!ram_crosses_4gib())
		KTEST_SKIP(t, NEEDS_TWO_ZONES);
	page_alloc_baseline(&base);
	while ((page = hoard_alloc(&h, GFP_KERNEL | __GFP_NOWARN, MAX_ORDER)) &&
	       page_zonenum(page) == ZONE_NORMAL)
		;
	KTEST_EXPECT_NOT_NULL(t, page);
	if (page)
		KTEST_EXPECT_EQ(t, page_zonenum(page), ZONE_DMA32);
	/* Normal was given up on only once it was down to its low watermark. */
	KTEST_EXPECT_LE(t, zone_free_pages(normal), low_wmark_pages(normal) + MAX_ORDER_NR_PAGES);
	ktest_printf(t, "%lu blocks of order %d before the first from DMA32", h.blocks, MAX_ORDER);
	hoard_free_all(&h);
	expect_page_alloc_baseline(t, &base);
}

static void dma32_allocations_never_fall_back_to_normal(struct ktest *t)
{
	const struct zone *dma32 = &node_zones[ZONE_DMA32], *normal = &node_zones[ZONE_NORMAL];
	const gfp_t gfp = GFP_KERNEL | GFP_DMA32 | __GFP_NOWARN;
	struct buddy_snapshot base;
	struct hoard h = { 0 };
	unsigned long normal_free;
	bool all_below = true;

	if (!ram_crosses_4gib())
		KTEST_SKIP(t, NEEDS_TWO_ZONES);
	page_alloc_baseline(&base);
	normal_free = zone_free_pages(normal);
	for (int o = MAX_ORDER; o >= 0; o--) {
		struct page *page;

		while ((page = hoard_alloc(&h, gfp, (unsigned int)o)))
			all_below &= page_zonenum(page) == ZONE_DMA32;
	}
	KTEST_EXPECT_TRUE(t, all_below);
	KTEST_EXPECT_EQ(t, zone_free_pages(normal), normal_free);
	/* DMA32 ran out at its min watermark, per-CPU lists included. */
	KTEST_EXPECT_LE(t, zone_free_pages(dma32), min_wmark_pages(dma32));
	KTEST_EXPECT_EQ(t, zone_pcp_pages(dma32), 0UL);
	hoard_free_all(&h);
	expect_page_alloc_baseline(t, &base);
}

/* struct page, pfns and the sparse model. */

static void pfn_to_page_and_page_to_pfn_round_trip_for_every_valid_pfn(struct ktest *t)
{
	unsigned long valid = 0, bad = 0;

	for (unsigned long nr = 0; nr < nr_mem_sections; nr++) {
		const struct mem_section *ms = &mem_section[nr];

		for (unsigned long pfn = ms->start_pfn; pfn < ms->end_pfn; pfn++) {
			struct page *page;
			void *va;

			if (!pfn_valid(pfn))
				continue;
			valid++;
			page = pfn_to_page(pfn);
			va = page_address(page);
			if (page_to_pfn(page) == pfn && virt_to_page(va) == page &&
			    virt_to_pfn(va) == pfn && page_section_nr(page) == nr &&
			    page_zonenum(page) == (pfn < DMA32_END_PFN ? ZONE_DMA32 : ZONE_NORMAL))
				continue;
			if (bad++ < 4)
				KTEST_FAIL(
					t,
					"pfn %#lx: page_to_pfn(pfn_to_page()) is %#lx, section %lu",
					pfn, page_to_pfn(page), page_section_nr(page));
		}
	}
	KTEST_EXPECT_EQ(t, bad, 0UL);
	KTEST_EXPECT_EQ(t, valid, ram_pages_between(0, ULONG_MAX));
}

static void pfn_valid_is_false_outside_ram(struct ktest *t)
{
	unsigned long first = PFN_UP(memblock_start_of_DRAM());
	unsigned long end = PFN_DOWN(memblock_end_of_DRAM());

	KTEST_EXPECT_TRUE(t, pfn_valid(first));
	KTEST_EXPECT_TRUE(t, pfn_valid(end - 1));
	if (first) { /* RAM does not start at physical 0 */
		KTEST_EXPECT_FALSE(t, pfn_valid(first - 1));
		KTEST_EXPECT_FALSE(t, pfn_valid(0));
	}
	KTEST_EXPECT_FALSE(t, pfn_valid(end));
	KTEST_EXPECT_FALSE(t, pfn_valid(end + PAGES_PER_SECTION));
	KTEST_EXPECT_FALSE(t, pfn_valid(ULONG_MAX));
}

static void pfn_valid_is_false_in_holes_between_banks(struct ktest *t)
{
	const struct memblock_type *mem = &memblock.memory;

	if (mem->cnt < 2)
		KTEST_SKIP(t, "needs RAM in two or more banks with holes between them "
			      "(host: tools/mkdts --banks 2 or 3)");
	for (unsigned long i = 0; i + 1 < mem->cnt; i++) {
		unsigned long hole = PFN_UP(mem->regions[i].base + mem->regions[i].size);
		unsigned long next = PFN_DOWN(mem->regions[i + 1].base);

		KTEST_EXPECT_TRUE(t, pfn_valid(hole - 1));
		KTEST_EXPECT_FALSE(t, pfn_valid(hole));
		KTEST_EXPECT_FALSE(t, pfn_valid(hole + (next - hole) / 2));
		KTEST_EXPECT_FALSE(t, pfn_valid(next - 1));
		KTEST_EXPECT_TRUE(t, pfn_valid(next));
	}
}

/* Struct pages exist for RAM, and for holes only where two banks share a section. */
static void holes_between_banks_cost_almost_no_struct_pages(struct ktest *t)
{
	unsigned long struct_pages = 0, holes = 0, shared_sections = 0;
	const unsigned long ram = ram_pages_between(0, ULONG_MAX);

	for (unsigned long nr = 0; nr < nr_mem_sections; nr++) {
		const struct mem_section *ms = &mem_section[nr];
		unsigned long n = ms->end_pfn - ms->start_pfn, in_ram;

		if (!ms->mem_map)
			continue;
		struct_pages += n;
		in_ram = ram_pages_between(ms->start_pfn, ms->end_pfn);
		if (in_ram != n) {
			shared_sections++;
			holes += n - in_ram;
		}
		KTEST_EXPECT_TRUE(t, pfn_valid(ms->start_pfn));
		KTEST_EXPECT_TRUE(t, pfn_valid(ms->end_pfn - 1));
	}
	KTEST_EXPECT_EQ(t, struct_pages, ram + holes);
	KTEST_EXPECT_LE(t, holes, shared_sections * PAGES_PER_SECTION);
	ktest_printf(t, "%lu struct pages for %lu pages of RAM in %lu ranges; %lu in holes",
		     struct_pages, ram, memblock.memory.cnt, holes);
}

static int add_whole_pages(void *arg, phys_addr_t base, phys_addr_t end)
{
	if (PFN_UP(base) < PFN_DOWN(end))
		*(unsigned long *)arg += PFN_DOWN(end) - PFN_UP(base);
	return 0;
}

static void every_unreserved_whole_page_went_to_the_allocator(struct ktest *t)
{
	unsigned long pages = 0;

	memblock_for_each_free_range(&memblock, add_whole_pages, &pages);
	KTEST_EXPECT_EQ(t, totalram_pages(), pages);
	KTEST_EXPECT_EQ(
		t, node_zones[ZONE_DMA32].managed_pages + node_zones[ZONE_NORMAL].managed_pages,
		pages);
}

static void reserved_memory_stays_reserved(struct ktest *t)
{
	const struct memblock_type *rsv = &memblock.reserved;
	unsigned long checked = 0, bad = 0;

	for (unsigned long i = 0; i < rsv->cnt; i++) {
		const struct memblock_region *r = &rsv->regions[i];

		/* Every page a reservation touches, even in part. */
		for (unsigned long pfn = PFN_DOWN(r->base); pfn < PFN_UP(r->base + r->size);
		     pfn++) {
			if (!pfn_valid(pfn))
				continue;
			checked++;
			if (!PageReserved(pfn_to_page(pfn)) && bad++ < 4)
				KTEST_FAIL(t,
					   "pfn %#lx is in reserved range %lu but not PG_reserved",
					   pfn, i);
		}
	}
	/* The struct page arrays were allocated from memblock: they are among them. */
	for (unsigned long nr = 0; nr < nr_mem_sections; nr++)
		if (mem_section[nr].mem_map)
			KTEST_EXPECT_TRUE(t, PageReserved(virt_to_page(mem_section[nr].mem_map)));
	KTEST_EXPECT_GT(t, checked, 0UL);
	KTEST_EXPECT_EQ(t, bad, 0UL);
}

static void buddy_lists_are_consistent(struct ktest *t)
{
	drain_all_pages(NULL);
	expect_buddy_invariants(t);
}

static void si_meminfo_matches_the_zones(struct ktest *t)
{
	struct sysinfo si;

	drain_all_pages(NULL);
	si_meminfo(&si);
	KTEST_EXPECT_EQ(t, si.totalram, totalram_pages());
	KTEST_EXPECT_EQ(t, si.freeram, nr_free_pages());
	KTEST_EXPECT_EQ(t, si.freeram,
			zone_free_pages(&node_zones[ZONE_DMA32]) +
				zone_free_pages(&node_zones[ZONE_NORMAL]));
	KTEST_EXPECT_EQ(t, si.mem_unit, (unsigned int)PAGE_SIZE);
	KTEST_EXPECT_LE(t, si.freeram, si.totalram);
	show_buddyinfo();
	show_meminfo();
}

KTEST_SUITE(page_alloc,
	    KTEST_CASE(struct_page_is_at_most_64_bytes),
	    KTEST_CASE(every_order_allocates_an_aligned_block_in_the_preferred_zone),
	    KTEST_CASE(dma32_allocations_are_below_4gib),
	    KTEST_CASE(gfp_zero_returns_zeroed_memory),
	    KTEST_CASE(get_free_pages_address_round_trips_to_its_page),
	    KTEST_CASE(freed_single_pages_coalesce_back_into_a_max_order_block),
	    KTEST_CASE(alloc_pages_exact_frees_the_tail),
	    KTEST_CASE(compound_allocation_links_tail_pages_to_the_head),
	    KTEST_CASE(compound_flag_on_a_single_page_gives_an_ordinary_page),
	    KTEST_CASE(pcp_refill_takes_a_batch_from_the_zone),
	    KTEST_CASE(pcp_free_beyond_high_returns_a_batch_to_the_zone),
	    KTEST_CASE(drain_all_pages_empties_every_per_cpu_list),
	    KTEST_CASE(drain_all_pages_with_interrupts_masked_asks_the_other_cpus),
	    KTEST_CASE(a_drain_request_is_served_at_the_next_allocation),
	    KTEST_CASE(a_drain_request_is_served_when_a_free_overflows_the_list),
	    KTEST_CASE(pcp_fast_path_takes_no_zone_lock),
	    KTEST_CASE(zones_hold_the_ram_below_and_above_4gib),
	    KTEST_CASE(both_zones_are_populated_when_ram_crosses_4gib),
	    KTEST_CASE(normal_allocations_fall_back_to_dma32),
	    KTEST_CASE(dma32_allocations_never_fall_back_to_normal),
	    KTEST_CASE(pfn_to_page_and_page_to_pfn_round_trip_for_every_valid_pfn),
	    KTEST_CASE(pfn_valid_is_false_outside_ram),
	    KTEST_CASE(pfn_valid_is_false_in_holes_between_banks),
	    KTEST_CASE(holes_between_banks_cost_almost_no_struct_pages),
	    KTEST_CASE(every_unreserved_whole_page_went_to_the_allocator),
	    KTEST_CASE(reserved_memory_stays_reserved),
	    KTEST_CASE(buddy_lists_are_consistent),
	    KTEST_CASE(si_meminfo_matches_the_zones));
