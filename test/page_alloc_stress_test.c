/*
 * Stress tests of the page allocator: every page of the machine allocated one
 * by one and freed in a shuffled order, and a long random run of allocations
 * and frees of mixed orders with every block's contents checked. Both must
 * leave the free lists exactly as they found them, the second also when one
 * allocation in 50 is made to fail (fail_page_alloc). Runs are seeded, so a
 * failure repeats.
 */
#include <fault_inject.h>
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <string.h>

#include "page_alloc_helpers.h"

#define SHUFFLE_BUCKETS 16
#define SHUFFLE_PASSES 4

/* A list of pages linked through their first word, with its tail for O(1) appends. */
struct page_list {
	void *head, *tail;
};

static void page_list_append(struct page_list *l, void *page)
{
	*(void **)page = NULL;
	if (l->tail)
		*(void **)l->tail = page;
	else
		l->head = page;
	l->tail = page;
}

/*
 * Shuffle @list: each pass deals the pages into buckets at random and joins
 * the buckets up again. No memory beyond the buckets' heads and tails.
 */
static void shuffle_pages(struct page_list *list, u64 *seed)
{
	struct page_list buckets[SHUFFLE_BUCKETS];

	for (int pass = 0; pass < SHUFFLE_PASSES; pass++) {
		void *page = list->head;

		memset(buckets, 0, sizeof(buckets));
		while (page) {
			void *next = *(void **)page;

			page_list_append(&buckets[prng_next(seed) % SHUFFLE_BUCKETS], page);
			page = next;
		}
		*list = (struct page_list){ 0 };
		for (int b = 0; b < SHUFFLE_BUCKETS; b++) {
			if (!buckets[b].head)
				continue;
			if (list->tail)
				*(void **)list->tail = buckets[b].head;
			else
				list->head = buckets[b].head;
			list->tail = buckets[b].tail;
		}
	}
}

static void expect_everything_allocated(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, nr_free_pages(), 0UL);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &node_zones[z];

		KTEST_EXPECT_EQ(t, zone_pcp_pages(zone), 0UL);
		for (int o = 0; o < NR_PAGE_ORDERS; o++)
			if (zone->free_area[o].nr_free)
				KTEST_FAIL(t, "zone %s order %d: expected no free blocks, saw %lu",
					   zone->name, o, zone->free_area[o].nr_free);
	}
}

static void every_page_allocated_singly_and_freed_shuffled_restores_the_baseline(struct ktest *t)
{
	const gfp_t gfp = GFP_KERNEL | __GFP_MEMALLOC | __GFP_NOWARN;
	struct page_list list = { 0 };
	struct buddy_snapshot base;
	unsigned long n = 0, want;
	u64 seed = 0x9e3779b97f4a7c15ULL;
	struct page *page;

	page_alloc_baseline(&base);
	want = base.free_pages[ZONE_DMA32] + base.free_pages[ZONE_NORMAL];
	while ((page = alloc_page(gfp))) {
		page_list_append(&list, page_address(page));
		n++;
	}
	KTEST_EXPECT_EQ(t, n, want);
	expect_everything_allocated(t);

	shuffle_pages(&list, &seed);
	for (void *p = list.head, *next; p; p = next) {
		next = *(void **)p;
		free_page((unsigned long)p);
		n--;
	}
	KTEST_EXPECT_EQ(t, n, 0UL);
	expect_page_alloc_baseline(t, &base);
	expect_buddy_invariants(t);
}

#define STRESS_OPS 100000
#define STRESS_SLOTS 512

static struct page *slot_page[STRESS_SLOTS];
static u8 slot_order[STRESS_SLOTS];

/* Orders 0..4, weighted toward small: 0 half the time, 4 one time in sixteen. */
static unsigned int random_order(u64 *seed)
{
	static const u8 orders[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 4 };

	return orders[prng_next(seed) % 16];
}

static u64 pattern(unsigned long pfn, unsigned long i)
{
	return ((u64)pfn << 24) ^ (i * 0x9e3779b97f4a7c15ULL) ^ 0xa5a5a5a5a5a5a5a5ULL;
}

static void fill_block(struct page *page, unsigned int order)
{
	u64 *words = page_address(page);
	unsigned long pfn = page_to_pfn(page), n = (PAGE_SIZE << order) / sizeof(u64);

	for (unsigned long i = 0; i < n; i++)
		words[i] = pattern(pfn, i);
}

/* Return the index of the first word that does not hold its pattern, or -1. */
static long check_block(struct page *page, unsigned int order)
{
	const u64 *words = page_address(page);
	unsigned long pfn = page_to_pfn(page), n = (PAGE_SIZE << order) / sizeof(u64);

	for (unsigned long i = 0; i < n; i++)
		if (words[i] != pattern(pfn, i))
			return (long)i;
	return -1;
}

/* A machine with no RAM below 4 GiB has no ZONE_DMA32: its GFP_DMA32 requests become GFP_KERNEL. */
static gfp_t random_gfp(u64 *seed)
{
	static const gfp_t choices[] = { GFP_KERNEL,
					 GFP_KERNEL,
					 GFP_ATOMIC,
					 GFP_NOWAIT,
					 GFP_KERNEL | GFP_DMA32,
					 GFP_KERNEL | __GFP_ZERO };
	gfp_t gfp = choices[prng_next(seed) % ARRAY_SIZE(choices)];

	if ((gfp & GFP_DMA32) && !populated_zone(&node_zones[ZONE_DMA32]))
		gfp &= ~GFP_DMA32;
	return gfp | __GFP_NOWARN;
}

/* One allocation into @slot, checked for alignment, zone, zeroing; then patterned. */
static void stress_alloc(struct ktest *t, unsigned int slot, u64 *seed, unsigned long *failed)
{
	unsigned int order = random_order(seed);
	gfp_t gfp = random_gfp(seed);
	struct page *page = alloc_pages(gfp, order);
	unsigned long pfn;

	if (!page) {
		(*failed)++;
		return;
	}
	pfn = page_to_pfn(page);
	if (!IS_ALIGNED(pfn, 1UL << order) || !PageAllocated(page) || page->private != order)
		KTEST_FAIL(t, "order-%u block at pfn %#lx: misaligned or not marked allocated",
			   order, pfn);
	if ((gfp & __GFP_DMA32) && page_zonenum(page) != ZONE_DMA32)
		KTEST_FAIL(t, "GFP_DMA32 block at pfn %#lx is in zone %s", pfn,
			   page_zone(page)->name);
	if ((gfp & __GFP_ZERO) && memchr_inv(page_address(page), 0, PAGE_SIZE << order))
		KTEST_FAIL(t, "__GFP_ZERO block at pfn %#lx is not zeroed", pfn);
	fill_block(page, order);
	slot_page[slot] = page;
	slot_order[slot] = (u8)order;
}

static void stress_free(struct ktest *t, unsigned int slot)
{
	struct page *page = slot_page[slot];
	long bad = check_block(page, slot_order[slot]);

	if (bad >= 0)
		KTEST_FAIL(t,
			   "order-%u block at pfn %#lx: word %ld was overwritten while allocated",
			   slot_order[slot], page_to_pfn(page), bad);
	__free_pages(page, slot_order[slot]);
	slot_page[slot] = NULL;
}

/*
 * The random workload: allocations and frees in random slots, every block
 * checked before it is freed, and at the end the allocator exactly as it was.
 * Return: how many allocations failed.
 */
static unsigned long random_workload(struct ktest *t)
{
	unsigned long failed = 0, reports = bad_page_reports();
	u64 seed = 0x2545f4914f6cdd1dULL;
	struct buddy_snapshot base;
	unsigned int slots;

	if (!populated_zone(&node_zones[ZONE_DMA32]))
		ktest_printf(t, "no RAM below 4 GiB: GFP_DMA32 requests made as GFP_KERNEL");
	page_alloc_baseline(&base);
	/*
	 * STRESS_SLOTS, or fewer where RAM is small (a machine of 64 MiB with 64
	 * KiB pages has under 1000 pages): never more slots than order-4 blocks
	 * fit in the free memory, so that no allocation fails for want of it.
	 */
	slots = (unsigned int)min((unsigned long)STRESS_SLOTS, nr_free_pages() / 16);
	if (slots < STRESS_SLOTS)
		ktest_printf(t, "%u slots: %lu pages free", slots, nr_free_pages());
	memset(slot_page, 0, sizeof(slot_page));
	for (unsigned long op = 0; op < STRESS_OPS; op++) {
		unsigned int slot = prng_next(&seed) % slots;

		if (slot_page[slot])
			stress_free(t, slot);
		else
			stress_alloc(t, slot, &seed, &failed);
	}
	for (unsigned int slot = 0; slot < slots; slot++)
		if (slot_page[slot])
			stress_free(t, slot);
	KTEST_EXPECT_EQ(t, bad_page_reports(), reports);
	expect_page_alloc_baseline(t, &base);
	expect_buddy_invariants(t);
	return failed;
}

static void random_allocations_and_frees_keep_blocks_intact(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, random_workload(t), 0UL);
}

/* One allocation in 50, of any order and any flags, fails: every failure path must be clean. */
static void random_workload_under_injected_failures_restores_the_baseline(struct ktest *t)
{
	const struct fault_attr attr = {
		.interval = 1,
		.probability = 2,
		.times = -1,
		.seed = 0x50f7a11,
	};
	struct fault_stats stats;
	unsigned long failed;

	fault_inject_set(FAULT_FAIL_PAGE_ALLOC, &attr);
	failed = random_workload(t);
	fault_inject_off(FAULT_FAIL_PAGE_ALLOC);
	fault_inject_stats(FAULT_FAIL_PAGE_ALLOC, &stats);
	KTEST_EXPECT_GT(t, failed, 0UL);
	KTEST_EXPECT_EQ(t, failed, stats.injected); /* no failure but the injected ones */
}

KTEST_SUITE(page_alloc_stress,
	    KTEST_CASE(every_page_allocated_singly_and_freed_shuffled_restores_the_baseline),
	    KTEST_CASE(random_allocations_and_frees_keep_blocks_intact),
	    KTEST_CASE(random_workload_under_injected_failures_restores_the_baseline));
