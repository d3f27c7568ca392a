/*
 * The struct pages of RAM, initialised once at boot, in two parts (Linux's
 * deferred struct page init). memmap_init() (from mem_init(), on the boot
 * CPU) initialises the struct pages of every reserved page of RAM and all of
 * each zone's first sections, and hands those sections' free pages to the
 * buddy lists: enough for the rest of mm_core_init() and for bringing up
 * the other CPUs. page_alloc_init_late() then initialises the struct pages
 * of the other sections' free pages, a section at a time, on every online
 * CPU at once, and frees those pages on the boot CPU. Until then no struct page of those pages is read or written:
 * nothing can allocate them, since they are on no free list.
 *
 * Locks: none of its own. Each section is claimed by one CPU (an atomic
 * counter), which alone writes its struct pages; then the boot CPU hands
 * every deferred section's blocks to the buddy lists, in address order,
 * under the zone lock as any free does.
 */
#include <asm/port.h>
#include <bug.h>
#include <kernel.h>
#include <memblock.h>
#include <mm.h>
#include <smp.h>

#include "internal.h"

/* Each zone's first sections, up to this much memory, are initialised by memmap_init(). */
#define EARLY_MEMMAP_BYTES (128 * SZ_1M)

struct memmap_init_stats memmap_init_stats;

/* Per zone: its first section left to page_alloc_init_late() (ULONG_MAX: none). */
static unsigned long first_deferred_nr[MAX_NR_ZONES];
/* The next section page_alloc_init_late() hands out; one past the last when all are taken. */
static unsigned long next_deferred_nr;
static bool deferred_done;

static unsigned long zone_flags(unsigned long pfn)
{
	return (unsigned long)memmap_pfn_zone(pfn) << ZONES_PGSHIFT;
}

/* The struct pages of [@spfn, @epfn) of RAM, all in one zone: @flags and that zone. */
static void init_pfns(unsigned long spfn, unsigned long epfn, unsigned long flags)
{
	if (spfn < epfn)
		memmap_init_pages(pfn_to_page(spfn), epfn - spfn, flags | zone_flags(spfn));
}

/*
 * Every page of RAM that a reservation covers, even in part: PG_reserved, in
 * its zone. (Adjacent reservations may share a page: it is written twice,
 * the same.)
 */
static void init_reserved_pages(void)
{
	const struct memblock_type *rsv = &memblock.reserved;
	unsigned long m, r, spfn, epfn;

	for (r = 0; r < rsv->cnt; r++) {
		unsigned long lo = PFN_DOWN(rsv->regions[r].base);
		unsigned long hi = PFN_UP(rsv->regions[r].base + rsv->regions[r].size);

		for (m = 0; m < memblock.memory.cnt; m++) {
			if (!memmap_range_pfns(m, &spfn, &epfn))
				continue;
			spfn = max(spfn, lo);
			epfn = min(epfn, hi);
			/* A zone boundary is a section boundary: split there. */
			if (spfn < DMA32_END_PFN && DMA32_END_PFN < epfn) {
				init_pfns(spfn, DMA32_END_PFN, 1UL << PG_reserved);
				spfn = DMA32_END_PFN;
			}
			init_pfns(spfn, epfn, 1UL << PG_reserved);
		}
	}
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

struct section_work {
	unsigned long lo, hi; /* the section's pfns */
	bool free;	      /* false: write their struct pages; true: free them */
	unsigned long pages;
};

/*
 * The whole pages of free range [@base, @end) inside the section: their
 * struct pages initialised, or the pages freed. A section's struct pages are
 * all written before any of its pages is freed, so that the buddies a free
 * looks at (never outside the section: MAX_ORDER blocks are smaller) are
 * initialised.
 */
static int walk_free_range(void *arg, phys_addr_t base, phys_addr_t end)
{
	struct section_work *w = arg;
	unsigned long spfn = max(PFN_UP(base), w->lo), epfn = min(PFN_DOWN(end), w->hi);

	if (spfn >= epfn)
		return 0;
	if (w->free)
		free_pfn_range(spfn, epfn);
	else
		init_pfns(spfn, epfn, 0);
	w->pages += epfn - spfn;
	return 0;
}

/* The free pages of section @nr: their struct pages written, or (@free) handed to the buddy lists. */
static unsigned long walk_section(unsigned long nr, bool free)
{
	struct section_work w = { .lo = section_nr_to_pfn(nr),
				  .hi = section_nr_to_pfn(nr + 1),
				  .free = free };

	if (!mem_section[nr].end_pfn)
		return 0;
	memblock_for_each_free_range(&memblock, walk_free_range, &w);
	if (free)
		node_zones[memmap_pfn_zone(w.lo)].managed_pages += w.pages;
	return w.pages;
}

/* Each zone's first sections up to EARLY_MEMMAP_BYTES of RAM are early; note where the rest start. */
static void plan_deferred(void)
{
	const unsigned long early_pages = EARLY_MEMMAP_BYTES >> PAGE_SHIFT;

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &node_zones[z];
		unsigned long nr, end_nr, pages = 0;

		first_deferred_nr[z] = ULONG_MAX;
		if (!zone->present_pages)
			continue;
		nr = pfn_to_section_nr(zone->zone_start_pfn);
		end_nr = pfn_to_section_nr(zone->zone_start_pfn + zone->spanned_pages - 1) + 1;
		for (; nr < end_nr && pages < early_pages; nr++)
			pages += mem_section[nr].end_pfn - mem_section[nr].start_pfn;
		if (nr < end_nr)
			first_deferred_nr[z] = nr;
	}
}

static bool section_deferred(unsigned long nr)
{
	return nr >= first_deferred_nr[memmap_pfn_zone(section_nr_to_pfn(nr))];
}

void memmap_init(void)
{
	init_reserved_pages();
	plan_deferred();
	for (unsigned long nr = 0; nr < nr_mem_sections; nr++) {
		if (!section_deferred(nr)) {
			walk_section(nr, false);
			memmap_init_stats.early_pages += walk_section(nr, true);
		} else if (mem_section[nr].end_pfn)
			memmap_init_stats.deferred_sections++;
	}
}

/*
 * Count the blocks of @list, and those in a deferred section (a block never
 * spans two sections): before memmap_init_late() frees them, none may be.
 */
static void check_free_list(const struct list_head *list)
{
	unsigned long checked = 0, deferred = 0;
	const struct page *page;

	list_for_each_entry (page, list, lru) {
		checked++;
		deferred += section_deferred(pfn_to_section_nr(page_to_pfn(page)));
	}
	__atomic_fetch_add(&memmap_init_stats.free_blocks_checked, checked, __ATOMIC_RELAXED);
	__atomic_fetch_add(&memmap_init_stats.free_blocks_deferred, deferred, __ATOMIC_RELAXED);
}

/* Every zone's free lists, under its lock. */
static void check_zone_free_lists(void)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &node_zones[z];
		unsigned long flags;

		local_irq_save(flags);
		spin_lock(&zone->lock);
		for (unsigned int o = 0; o < NR_PAGE_ORDERS; o++)
			check_free_list(&zone->free_area[o].free_list);
		spin_unlock(&zone->lock);
		local_irq_restore(flags);
	}
}

/*
 * On each CPU, interrupts masked: check its own per-CPU page lists (deferred
 * pages go to the zones' lists, never to these), then take the next deferred
 * section until none is left and write its free pages' struct pages.
 */
static void deferred_init_cpu(void *unused)
{
	unsigned long pages = 0, sections = 0, nr;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		check_free_list(&node_zones[z].pcp[raw_smp_processor_id()].list);
	while ((nr = __atomic_fetch_add(&next_deferred_nr, 1, __ATOMIC_RELAXED)) <
	       nr_mem_sections) {
		if (!section_deferred(nr) || !mem_section[nr].end_pfn)
			continue;
		pages += walk_section(nr, false);
		sections++;
	}
	memmap_init_stats.cpu_pages[raw_smp_processor_id()] = pages;
	__atomic_fetch_add(&memmap_init_stats.deferred_pages, pages, __ATOMIC_RELAXED);
	if (sections)
		__atomic_fetch_add(&memmap_init_stats.cpus, 1, __ATOMIC_RELAXED);
}

void memmap_init_late(void)
{
	unsigned long freed;

	if (WARN_ON(deferred_done))
		return;
	deferred_done = true;
	if (memmap_init_stats.deferred_sections) {
		check_zone_free_lists();
		if (cpus_can_be_waited_for()) {
			on_each_cpu(deferred_init_cpu, NULL, 1);
		} else {
			unsigned long flags;

			local_irq_save(flags);
			deferred_init_cpu(NULL);
			local_irq_restore(flags);
		}
		/*
		 * Then the pages go to the buddy lists here, in address order, as
		 * a boot on one CPU would free them: the lists' order, and with it
		 * which blocks later allocations split, does not depend on which
		 * CPU was quicker (MAX_ORDER blocks: a few thousand frees at 8G).
		 */
		for (unsigned long nr = 0; nr < nr_mem_sections; nr++)
			if (section_deferred(nr))
				walk_section(nr, true);
		pr_info("mem_map: %lu struct pages of %lu sections initialised after the others, "
			"on %u CPUs\n",
			memmap_init_stats.deferred_pages, memmap_init_stats.deferred_sections,
			memmap_init_stats.cpus);
	}
	freed = memmap_init_stats.early_pages + memmap_init_stats.deferred_pages;
	pr_info("Freeing unused memblock memory: %luK (%lu pages)\n", freed << (PAGE_SHIFT - 10),
		freed);
}
