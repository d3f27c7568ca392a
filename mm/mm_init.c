/*
 * Boot-time set-up of the page allocator, from memblock: a struct page for
 * every page frame of RAM (the sparse memory model of <mmzone.h>), the zones,
 * the hand-over of every unreserved page to the buddy lists, the watermarks.
 * start_kernel() calls mem_init() once, after setup_memory().
 */
#include <asm/port.h>
#include <bug.h>
#include <kernel.h>
#include <memblock.h>
#include <mm.h>

#include "internal.h"

struct mem_section *mem_section;
unsigned long nr_mem_sections;

/* A section belongs to one zone: the zone boundary is a section boundary. */
_Static_assert(DMA32_END_PFN % PAGES_PER_SECTION == 0, "a section straddles ZONE_DMA32's end");

/* No zone's min watermark is below this many pages (unless the zone is tiny). */
#define MIN_WMARK_PAGES 16UL

/* The whole pages of memory range @i: [*spfn, *epfn). False if it has none. */
static bool mem_range_pfns(unsigned long i, unsigned long *spfn, unsigned long *epfn)
{
	const struct memblock_region *r = &memblock.memory.regions[i];

	*spfn = PFN_UP(r->base);
	*epfn = PFN_DOWN(r->base + r->size);
	return *spfn < *epfn;
}

static enum zone_type pfn_zone(unsigned long pfn)
{
	return pfn < DMA32_END_PFN ? ZONE_DMA32 : ZONE_NORMAL;
}

/* "1.37%": @part as a percentage of @whole, rounded to two decimals. */
static void format_percent(char *buf, size_t size, unsigned long long part,
			   unsigned long long whole)
{
	unsigned long long hundredths = whole ? (part * 10000 + whole / 2) / whole : 0;

	snprintf(buf, size, "%llu.%02llu%%", hundredths / 100, hundredths % 100);
}

/* Record in each section the first and last RAM pfn it holds. */
static void sparse_record_spans(void)
{
	unsigned long i, spfn, epfn;

	for (i = 0; i < memblock.memory.cnt; i++) {
		if (!mem_range_pfns(i, &spfn, &epfn))
			continue;
		for (unsigned long nr = pfn_to_section_nr(spfn); nr <= pfn_to_section_nr(epfn - 1);
		     nr++) {
			struct mem_section *ms = &mem_section[nr];
			unsigned long lo = max(spfn, section_nr_to_pfn(nr));
			unsigned long hi = min(epfn, section_nr_to_pfn(nr + 1));

			if (!ms->end_pfn) {
				ms->start_pfn = lo;
				ms->end_pfn = hi;
			} else {
				ms->start_pfn = min(ms->start_pfn, lo);
				ms->end_pfn = max(ms->end_pfn, hi);
			}
		}
	}
}

/*
 * Every struct page starts reserved, and marked a hole until a memory range
 * claims it; it carries its section number and zone for page_to_pfn() and
 * page_zone(). (A section never straddles the 4 GiB zone boundary.)
 */
static void sparse_init_section(unsigned long nr, struct mem_section *ms)
{
	unsigned long flags = (nr << SECTIONS_PGSHIFT) |
			      ((unsigned long)pfn_zone(ms->start_pfn) << ZONES_PGSHIFT) |
			      (1UL << PG_reserved) | (1UL << PG_hole);

	for (unsigned long i = 0; i < ms->end_pfn - ms->start_pfn; i++)
		ms->mem_map[i].flags = flags;
}

/* Build mem_section[] and a struct page array for each section that holds RAM. */
static void sparse_init(void)
{
	unsigned long i, nr, spfn, epfn, nr_sections, pages = 0, used = 0;
	phys_addr_t ram = memblock_phys_mem_size();
	char cost[16];

	nr_sections = DIV_ROUND_UP(PFN_DOWN(memblock_end_of_DRAM()), PAGES_PER_SECTION);
	if (nr_sections > MAX_SECTIONS)
		panic("RAM ends at %#llx: beyond the %lu sections page->flags can name",
		      (unsigned long long)memblock_end_of_DRAM(), MAX_SECTIONS);
	mem_section = memblock_alloc(nr_sections * sizeof(*mem_section), L1_CACHE_BYTES);
	if (!mem_section)
		panic("no memory for the section table (%lu sections)", nr_sections);
	sparse_record_spans();

	for (nr = 0; nr < nr_sections; nr++) {
		struct mem_section *ms = &mem_section[nr];
		unsigned long n = ms->end_pfn - ms->start_pfn;

		if (!n)
			continue;
		ms->mem_map = memblock_alloc(n * sizeof(struct page), L1_CACHE_BYTES);
		if (!ms->mem_map)
			panic("no memory for the struct pages of section %lu (%lu pages)", nr, n);
		sparse_init_section(nr, ms);
		pages += n;
		used++;
	}
	nr_mem_sections = nr_sections;
	for (i = 0; i < memblock.memory.cnt; i++)
		if (mem_range_pfns(i, &spfn, &epfn))
			for (unsigned long pfn = spfn; pfn < epfn; pfn++)
				__ClearPageHole(pfn_to_page(pfn));

	format_percent(cost, sizeof(cost), (unsigned long long)pages * sizeof(struct page), ram);
	pr_info("mem_map: %lu struct pages of %zu bytes (%lu of %lu sections): %luK, %s of RAM\n",
		pages, sizeof(struct page), used, nr_sections, pages * sizeof(struct page) >> 10,
		cost);
}

/* The zones' spans and sizes; their lists and locks, empty. */
static void free_area_init(void)
{
	static const unsigned long zone_end[MAX_NR_ZONES] = {
		[ZONE_DMA32] = DMA32_END_PFN,
		[ZONE_NORMAL] = ULONG_MAX,
	};
	unsigned long lo = 0, i, spfn, epfn;

	pr_info("Zone ranges:\n");
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		unsigned long hi = zone_end[z], first = ULONG_MAX, last = 0;
		struct zone *zone = &node_zones[z];

		for (i = 0; i < memblock.memory.cnt; i++) {
			unsigned long s, e;

			if (!mem_range_pfns(i, &spfn, &epfn))
				continue;
			s = max(spfn, lo);
			e = min(epfn, hi);
			if (s >= e)
				continue;
			first = min(first, s);
			last = max(last, e);
			zone->present_pages += e - s;
		}
		if (zone->present_pages) {
			zone->zone_start_pfn = first;
			zone->spanned_pages = last - first;
			pr_info("  %-8s [mem %#018llx-%#018llx]\n", zone->name,
				(unsigned long long)PFN_PHYS(first),
				(unsigned long long)PFN_PHYS(last) - 1);
		} else {
			pr_info("  %-8s empty\n", zone->name);
		}
		spin_lock_init(&zone->lock);
		for (unsigned int o = 0; o < NR_PAGE_ORDERS; o++)
			INIT_LIST_HEAD(&zone->free_area[o].free_list);
		for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
			INIT_LIST_HEAD(&zone->pcp[cpu].list);
		lo = hi;
	}
	pr_info("Early memory node ranges\n");
	for (i = 0; i < memblock.memory.cnt; i++)
		if (mem_range_pfns(i, &spfn, &epfn))
			pr_info("  node   0: [mem %#018llx-%#018llx]\n",
				(unsigned long long)PFN_PHYS(spfn),
				(unsigned long long)PFN_PHYS(epfn) - 1);
}

/*
 * Free [spfn, epfn) in the largest blocks its alignment allows: each block is
 * aligned to its size, as the buddy lists require.
 */
static void free_pfn_range(unsigned long spfn, unsigned long epfn)
{
	while (spfn < epfn) {
		unsigned int order = MAX_ORDER;

		while (order && (!IS_ALIGNED(spfn, 1UL << order) || spfn + (1UL << order) > epfn))
			order--;
		__free_pages_core(pfn_to_page(spfn), order);
		spfn += 1UL << order;
	}
}

/* Whole pages only: a page that a reservation covers even in part stays reserved. */
static int free_memblock_range(void *arg, phys_addr_t base, phys_addr_t end)
{
	unsigned long spfn = PFN_UP(base), epfn = PFN_DOWN(end);

	if (spfn < epfn) {
		free_pfn_range(spfn, epfn);
		*(unsigned long *)arg += epfn - spfn;
	}
	return 0;
}

/* Hand every page memblock has not reserved to the buddy allocator. */
static void memblock_free_all(void)
{
	unsigned long freed = 0;

	memblock_for_each_free_range(&memblock, free_memblock_range, &freed);
	pr_info("Freeing unused memblock memory: %luK (%lu pages)\n", freed << (PAGE_SHIFT - 10),
		freed);
}

/*
 * min: 1/256 of the zone's managed pages (0.4%), at least MIN_WMARK_PAGES,
 * at most a quarter of the zone; low = min + min/4; high = min + min/2.
 */
static void setup_zone_wmarks(struct zone *zone)
{
	unsigned long min = max(zone->managed_pages / 256, MIN_WMARK_PAGES);

	min = min(min, zone->managed_pages / 4);
	zone->_watermark[WMARK_MIN] = min;
	zone->_watermark[WMARK_LOW] = min + min / 4;
	zone->_watermark[WMARK_HIGH] = min + min / 2;
}

static void show_zone(const struct zone *zone)
{
	pr_info("  %-8s present %lu (%luM), managed %lu, min %lu low %lu high %lu, "
		"pcp high %d batch %d\n",
		zone->name, zone->present_pages, zone->present_pages >> (20 - PAGE_SHIFT),
		zone->managed_pages, min_wmark_pages(zone), low_wmark_pages(zone),
		high_wmark_pages(zone), zone->pcp[0].high, zone->pcp[0].batch);
}

void mem_init(void)
{
	sparse_init();
	free_area_init();
	memblock_free_all();
	memblock_hand_over();
	pr_info("Zones (in pages):\n");
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &node_zones[z];

		if (!populated_zone(zone))
			continue;
		setup_zone_wmarks(zone);
		zone_pcp_set_defaults(zone);
		show_zone(zone);
	}
	set_preferred_zone();
	show_buddyinfo();
	show_meminfo();
}
