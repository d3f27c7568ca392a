/*
 * Helpers shared by the page allocator's test suites; see page_alloc_helpers.h.
 * The tests run on one CPU with nothing else allocating, so the snapshots
 * and walks read the allocator's state without its locks.
 */
#include <kernel.h>
#include <memblock.h>
#include <shrinker.h>

#include "page_alloc_helpers.h"

/* The state flags no page inside a free block may carry: every flag. */
#define STATE_FLAGS PAGE_FLAGS_CHECK_AT_PREP

void buddy_snapshot_take(struct buddy_snapshot *s)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &node_zones[z];

		for (int o = 0; o < NR_PAGE_ORDERS; o++)
			s->nr_free[z][o] = READ_ONCE(zone->free_area[o].nr_free);
		s->free_pages[z] = zone_free_pages(zone);
		s->pcp_pages[z] = zone_pcp_pages(zone);
	}
}

void expect_buddy_state(struct ktest *t, const struct buddy_snapshot *want)
{
	struct buddy_snapshot now;

	buddy_snapshot_take(&now);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const char *name = node_zones[z].name;

		for (int o = 0; o < NR_PAGE_ORDERS; o++)
			if (now.nr_free[z][o] != want->nr_free[z][o])
				KTEST_FAIL(t, "zone %s order %d: expected %lu free blocks, saw %lu",
					   name, o, want->nr_free[z][o], now.nr_free[z][o]);
		if (now.free_pages[z] != want->free_pages[z])
			KTEST_FAIL(t, "zone %s: expected %lu free pages, saw %lu", name,
				   want->free_pages[z], now.free_pages[z]);
		if (now.pcp_pages[z] != want->pcp_pages[z])
			KTEST_FAIL(t, "zone %s: expected %lu pages on per-CPU lists, saw %lu", name,
				   want->pcp_pages[z], now.pcp_pages[z]);
	}
}

void page_alloc_baseline(struct buddy_snapshot *s)
{
	/* Empty slabs would come back mid-test when a shrinker runs: give them back first. */
	shrink_caches(GFP_KERNEL, ULONG_MAX);
	drain_all_pages(NULL);
	buddy_snapshot_take(s);
}

void expect_page_alloc_baseline(struct ktest *t, const struct buddy_snapshot *base)
{
	drain_all_pages(NULL);
	expect_buddy_state(t, base);
}

/* Walk the pfns of one section that belong to @zone, checking and counting free blocks. */
static void check_section(struct ktest *t, const struct mem_section *ms, struct zone *zone,
			  unsigned long *blocks, unsigned long *pages, unsigned int *reported)
{
	unsigned long pfn = ms->start_pfn;

	while (pfn < ms->end_pfn) {
		const struct page *page = pfn_to_page(pfn);
		unsigned long order, i;

		if (!pfn_valid(pfn) || page_zone(page) != zone || !PageBuddy(page)) {
			pfn++;
			continue;
		}
		order = page->private;
		if (order > MAX_ORDER || !IS_ALIGNED(pfn, 1UL << order) ||
		    pfn + (1UL << order) > ms->end_pfn) {
			if ((*reported)++ < 4)
				KTEST_FAIL(t, "free block at pfn %#lx has bad order %lu", pfn,
					   order);
			pfn++;
			continue;
		}
		for (i = 1; i < (1UL << order); i++)
			if (page[i].flags & STATE_FLAGS && (*reported)++ < 4)
				KTEST_FAIL(t,
					   "pfn %#lx inside the free order-%lu block at %#lx has "
					   "flags %#lx",
					   pfn + i, order, pfn, page[i].flags);
		blocks[order]++;
		*pages += 1UL << order;
		pfn += 1UL << order;
	}
}

void expect_buddy_invariants(struct ktest *t)
{
	unsigned long blocks[NR_PAGE_ORDERS];
	unsigned int reported = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &node_zones[z];
		unsigned long pages = 0;

		memset(blocks, 0, sizeof(blocks));
		for (unsigned long nr = 0; nr < nr_mem_sections; nr++)
			if (mem_section[nr].mem_map)
				check_section(t, &mem_section[nr], zone, blocks, &pages, &reported);
		for (int o = 0; o < NR_PAGE_ORDERS; o++)
			if (blocks[o] != zone->free_area[o].nr_free)
				KTEST_FAIL(t,
					   "zone %s order %d: nr_free is %lu, but %lu blocks found",
					   zone->name, o, zone->free_area[o].nr_free, blocks[o]);
		if (pages != zone_free_pages(zone))
			KTEST_FAIL(t, "zone %s: free_pages is %lu, but the free blocks hold %lu",
				   zone->name, zone_free_pages(zone), pages);
	}
}

/* What a hoarded block holds in its first bytes. */
struct hoard_node {
	void *next;
	unsigned int order;
};

struct page *hoard_alloc(struct hoard *h, gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);
	struct hoard_node *node;

	if (!page)
		return NULL;
	node = page_address(page);
	node->next = h->head;
	node->order = order;
	h->head = node;
	h->pages += 1UL << order;
	h->blocks++;
	return page;
}

unsigned long hoard_free_one(struct hoard *h)
{
	struct hoard_node *node = h->head;
	unsigned int order;

	if (!node)
		return 0;
	h->head = node->next;
	order = node->order;
	h->pages -= 1UL << order;
	h->blocks--;
	free_pages((unsigned long)node, order);
	return 1UL << order;
}

void hoard_free_all(struct hoard *h)
{
	while (hoard_free_one(h))
		;
}

struct zone *lowest_zone(gfp_t *zone_gfp)
{
	if (populated_zone(&node_zones[ZONE_DMA32])) {
		*zone_gfp = __GFP_DMA32;
		return &node_zones[ZONE_DMA32];
	}
	*zone_gfp = 0;
	return &node_zones[ZONE_NORMAL];
}

bool drive_zone_to(struct zone *zone, gfp_t zone_gfp, unsigned long target, struct hoard *h)
{
	const gfp_t gfp = GFP_KERNEL | __GFP_MEMALLOC | __GFP_NOWARN | zone_gfp;

	for (int o = MAX_ORDER; o >= 0; o--) {
		while (zone_free_pages(zone) >= target + (1UL << o)) {
			struct page *page = hoard_alloc(h, gfp, (unsigned int)o);

			if (!page)
				break;
			if (page_zone(page) != zone) { /* no block of this order left here */
				hoard_free_one(h);
				break;
			}
		}
	}
	return zone_free_pages(zone) == target;
}

unsigned long ram_pages_between(unsigned long lo, unsigned long hi)
{
	unsigned long sum = 0;

	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];
		unsigned long s = max(PFN_UP(r->base), lo),
			      e = min(PFN_DOWN(r->base + r->size), hi);

		if (s < e)
			sum += e - s;
	}
	return sum;
}

int largest_free_order(const struct zone *zone)
{
	for (int o = MAX_ORDER; o >= 0; o--)
		if (READ_ONCE(zone->free_area[o].nr_free))
			return o;
	return -1;
}
