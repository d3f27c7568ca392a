/*
 * Boot-time set-up of mm/: mm_core_init() brings up each layer in its turn.
 * First the page allocator, from memblock: the struct pages of every page
 * frame of RAM (the vmemmap array of <mm.h>, its sections in <mmzone.h>),
 * mapped, the zones, the hand-over of unreserved pages to the buddy lists
 * (memmap_init.c: part now, the rest in page_alloc_init_late()), the
 * watermarks. start_kernel() calls mm_core_init() once, after setup_memory()
 * and paging_init(): the struct pages are mapped at their vmemmap addresses
 * before anything touches them; and page_alloc_init_late() once, after the
 * other CPUs are up.
 */
#include <asm/port.h>
#include <bug.h>
#include <kernel.h>
#include <memblock.h>
#include <mm.h>
#include <pgtable.h>
#include <vmalloc.h>

#include "internal.h"
#include "slab.h"

/* A section belongs to one zone: the zone boundary is a section boundary. */
_Static_assert(DMA32_END_PFN % PAGES_PER_SECTION == 0, "a section straddles ZONE_DMA32's end");

/* No zone's min watermark is below this many pages (unless the zone is tiny). */
#define MIN_WMARK_PAGES 16UL

/* What a struct page in a hole says: not RAM, never the allocator's. */
#define HOLE_PAGE_FLAGS ((1UL << PG_reserved) | (1UL << PG_hole))

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
		if (!memmap_range_pfns(i, &spfn, &epfn))
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

/* What vmemmap_populate() mapped, for the boot line. */
struct vmemmap_stats {
	unsigned long pages;	   /* pages of struct pages, of RAM's own memory */
	unsigned long hole_pages;  /* vmemmap pages mapping the shared hole page */
	unsigned long hole_blocks; /* vmemmap leaves of LEVEL_SIZE(1) mapping the hole block */
};

/*
 * A hole between banks with at least this many whole LEVEL_SIZE(1) blocks of
 * vmemmap (with 4 KiB pages, blocks of 2 MiB: 1 GiB of physical addresses;
 * with 64 KiB pages, of 512 MiB: 512 GiB) maps them with large leaves, all to
 * one shared block of hole struct pages, allocated once. Smaller holes map
 * the shared hole page with page-sized leaves, which cost a table page per
 * block: less than the block until holes are 64 times this size. What tips it
 * is the count of mappings: a 16 GiB hole would take 65536 of them (4 KiB
 * pages), more than a port that mirrors each mapping (host: one mmap() each)
 * can make; with the block it takes 128.
 */
#define HOLE_BLOCKS_MIN 8

/*
 * Map [@start, @end) of vmemmap to new memory from memblock, not cleared:
 * memmap_init_holes() and memmap_init() write every struct page there
 * before anything reads it. The memory is LEVEL_SIZE(1) aligned where the
 * range allows such a leaf, so that the mapping takes few table pages and TLB
 * entries.
 */
static void vmemmap_map_memory(unsigned long start, unsigned long end, struct vmemmap_stats *st)
{
	unsigned long size = end - start, align = PAGE_SIZE;
	phys_addr_t mem;

	if ((PGTABLE_LEAF_LEVELS & 2) && IS_ALIGNED(start, LEVEL_SIZE(1)) && size >= LEVEL_SIZE(1))
		align = LEVEL_SIZE(1);
	mem = memblock_phys_alloc(size, align);
	if (!mem)
		panic("no memory for the struct pages at vmemmap %#lx (%lu KiB)", start,
		      size >> 10);
	if (map_kernel_range(start, mem, size, PAGE_KERNEL))
		panic("no memory for the page tables of vmemmap %#lx", start);
	st->pages += size >> PAGE_SHIFT;
}

/* Struct pages of frames in [@spfn, @epfn), none RAM: reserved holes, in their zone. */
static void init_hole_pfns(unsigned long spfn, unsigned long epfn)
{
	if (spfn < epfn)
		memmap_init_pages(pfn_to_page(spfn), epfn - spfn,
				  HOLE_PAGE_FLAGS | (unsigned long)memmap_pfn_zone(spfn)
							    << ZONES_PGSHIFT);
}

/* How many frames one page of vmemmap describes. */
#define PFNS_PER_MEMMAP_PAGE (PAGE_SIZE / sizeof(struct page))

/*
 * The struct pages of frames that are not RAM but share a page of vmemmap
 * (mapped to memory, not the hole page) with a memory range: before its
 * first frame and after its last, up to that page's edge or the next range.
 * (One such page lies inside a zone: zones end at section boundaries.)
 */
static void memmap_init_holes(void)
{
	unsigned long i, spfn, epfn, prev_end = 0;
	bool first = true;

	for (i = 0; i < memblock.memory.cnt; i++) {
		if (!memmap_range_pfns(i, &spfn, &epfn))
			continue;
		init_hole_pfns(first ? ALIGN_DOWN(spfn, PFNS_PER_MEMMAP_PAGE)
				     : max(prev_end, ALIGN_DOWN(spfn, PFNS_PER_MEMMAP_PAGE)),
			       spfn);
		if (!first)
			init_hole_pfns(prev_end, min(spfn, ALIGN(prev_end, PFNS_PER_MEMMAP_PAGE)));
		prev_end = epfn;
		first = false;
	}
	if (!first)
		init_hole_pfns(prev_end, ALIGN(prev_end, PFNS_PER_MEMMAP_PAGE));
}

/* Memory of @size bytes (a leaf's size) full of hole struct pages: of no zone, read only. */
static phys_addr_t alloc_hole_pages(unsigned long size)
{
	struct page *page = memblock_alloc(size, size);

	if (!page)
		panic("no memory for the hole struct pages of vmemmap (%lu KiB)", size >> 10);
	memmap_init_pages(page, size / sizeof(struct page), HOLE_PAGE_FLAGS);
	return virt_to_phys(page);
}

/* Map [@va, @va + @size) of vmemmap read-only to the hole struct pages at @pa. */
static void map_hole(unsigned long va, phys_addr_t pa, unsigned long size)
{
	if (map_kernel_range(va, pa, size, PAGE_KERNEL_RO))
		panic("no memory for the page tables of vmemmap %#lx", va);
}

/*
 * Map [@start, @end) of vmemmap, a range that describes only frames of a
 * hole, to shared read-only hole struct pages: readable, so that pfn_valid()
 * and memmap_page() users can look, and never written. A large hole's whole
 * blocks map the hole block; the rest, page by page, the hole page.
 */
static void vmemmap_map_hole(unsigned long start, unsigned long end, struct vmemmap_stats *st)
{
	static phys_addr_t hole_page, hole_block;
	const unsigned long block = LEVEL_SIZE(1);
	unsigned long bstart = ALIGN(start, block), bend = ALIGN_DOWN(end, block), va;

	if (!(PGTABLE_LEAF_LEVELS & 2) || bstart >= bend ||
	    (bend - bstart) / block < HOLE_BLOCKS_MIN)
		bstart = bend = end;
	if (!hole_page && (start < bstart || bend < end))
		hole_page = alloc_hole_pages(PAGE_SIZE);
	if (!hole_block && bstart < bend)
		hole_block = alloc_hole_pages(block);
	for (va = start; va < bstart; va += PAGE_SIZE, st->hole_pages++)
		map_hole(va, hole_page, PAGE_SIZE);
	for (; va < bend; va += block, st->hole_blocks++)
		map_hole(va, hole_block, block);
	for (; va < end; va += PAGE_SIZE, st->hole_pages++)
		map_hole(va, hole_page, PAGE_SIZE);
}

/*
 * Map the struct pages of every memory range, in address order: the pages of
 * vmemmap its frames need (a page shared with the previous range is mapped
 * once), and the shared hole page over whole pages of vmemmap between ranges.
 */
static void vmemmap_populate(struct vmemmap_stats *st)
{
	unsigned long i, spfn, epfn, mapped_end = 0;

	for (i = 0; i < memblock.memory.cnt; i++) {
		unsigned long start, end;

		if (!memmap_range_pfns(i, &spfn, &epfn))
			continue;
		start = ALIGN_DOWN((unsigned long)pfn_to_page(spfn), PAGE_SIZE);
		end = ALIGN((unsigned long)pfn_to_page(epfn), PAGE_SIZE);
		if (end > VMEMMAP_END)
			panic("RAM ends at %#llx: beyond the struct pages vmemmap can hold",
			      (unsigned long long)PFN_PHYS(epfn));
		if (mapped_end && start > mapped_end)
			vmemmap_map_hole(mapped_end, start, st);
		start = max(start, mapped_end);
		if (start < end)
			vmemmap_map_memory(start, end, st);
		mapped_end = max(mapped_end, end);
	}
}

/* Where the struct page at vmemmap address @page lies in the direct map. */
static struct page *vmemmap_backing(const struct page *page)
{
	unsigned int level;
	pte_t *pte = lookup_kernel_pte((unsigned long)page, &level);

	return phys_to_virt(PFN_PHYS(pte_pfn(*pte)) +
			    ((unsigned long)page & (LEVEL_SIZE(level) - 1)));
}

/*
 * The memmap span: from the first page of RAM to the last, but never the
 * first page of the address space (where NULL points, on a port whose direct
 * map starts there).
 */
static void set_memmap_span(void)
{
	unsigned long first = PFN_UP(memblock_start_of_DRAM());
	unsigned long end = PFN_DOWN(memblock_end_of_DRAM());

	if (first < end && !phys_to_virt(PFN_PHYS(first)))
		first++;
	if (first >= end)
		return;
	memmap_span.start = (unsigned long)phys_to_virt(PFN_PHYS(first));
	memmap_span.first_page = pfn_to_page(first);
	memmap_span.size = (end - first) << PAGE_SHIFT;
}

/*
 * Build mem_section[] and map vmemmap; initialise the struct pages of the
 * frames between banks that vmemmap describes (PG_hole). Those of RAM are
 * memmap_init()'s.
 */
static void sparse_init(void)
{
	unsigned long i, nr, spfn, epfn, nr_sections, ram_pages = 0, used = 0;
	phys_addr_t ram = memblock_phys_mem_size();
	struct vmemmap_stats st = { 0 };
	char cost[16];

	nr_sections = DIV_ROUND_UP(PFN_DOWN(memblock_end_of_DRAM()), PAGES_PER_SECTION);
	mem_section = memblock_alloc(nr_sections * sizeof(*mem_section), L1_CACHE_BYTES);
	if (!mem_section)
		panic("no memory for the section table (%lu sections)", nr_sections);
	sparse_record_spans();
	vmemmap_populate(&st);
	memmap_init_holes();

	for (i = 0; i < memblock.memory.cnt; i++)
		if (memmap_range_pfns(i, &spfn, &epfn))
			ram_pages += epfn - spfn;
	for (nr = 0; nr < nr_sections; nr++) {
		struct mem_section *ms = &mem_section[nr];

		if (ms->end_pfn) {
			ms->mem_map = vmemmap_backing(pfn_to_page(ms->start_pfn));
			used++;
		}
	}
	nr_mem_sections = nr_sections;
	set_memmap_span();

	format_percent(cost, sizeof(cost), (unsigned long long)st.pages << PAGE_SHIFT, ram);
	pr_info("mem_map: %lu struct pages of %zu bytes at vmemmap %#lx (%lu of %lu sections): "
		"%luK, %s of RAM\n",
		ram_pages, sizeof(struct page), (unsigned long)VMEMMAP_START, used, nr_sections,
		st.pages << (PAGE_SHIFT - 10), cost);
	if (st.hole_pages || st.hole_blocks)
		pr_info("mem_map: in holes between banks, %lu pages of vmemmap map the hole page "
			"and %lu blocks of %luK the hole block\n",
			st.hole_pages, st.hole_blocks, LEVEL_SIZE(1) >> 10);
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

			if (!memmap_range_pfns(i, &spfn, &epfn))
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
		if (memmap_range_pfns(i, &spfn, &epfn))
			pr_info("  node   0: [mem %#018llx-%#018llx]\n",
				(unsigned long long)PFN_PHYS(spfn),
				(unsigned long long)PFN_PHYS(epfn) - 1);
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

/* Watermarks and per-CPU list sizes of every populated zone, from its managed pages. */
static void setup_zones(bool show)
{
	if (show)
		pr_info("Zones (in pages):\n");
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &node_zones[z];

		if (!populated_zone(zone))
			continue;
		setup_zone_wmarks(zone);
		zone_pcp_set_defaults(zone);
		if (show)
			show_zone(zone);
	}
}

void mem_init(void)
{
	sparse_init();
	slab_map_init();
	page_owner_init();
	free_area_init();
	memmap_init();
	memblock_hand_over();
	pgtable_count_boot_tables();
	setup_zones(false);
	set_preferred_zone();
}

void page_alloc_init_late(void)
{
	memmap_init_late();
	setup_zones(true);
	show_buddyinfo();
	show_meminfo();
}

void mm_core_init(void)
{
	page_poison_init(); /* first: it may turn init_on_alloc and init_on_free off */
	page_alloc_init_on();
	mem_init();
	kmem_cache_init();
	kmalloc_init();
	vmalloc_init();
}
