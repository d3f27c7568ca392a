/*
 * Self-tests of struct page initialisation at boot (mm/memmap_init.c): every
 * frame in every zone's span has a struct page in a state that says what the
 * frame is (hole, reserved RAM, or RAM the allocator manages), each free page
 * was initialised exactly once, early or late, and no page of a section left
 * for page_alloc_init_late() was on a free list before it ran.
 */
#include <kernel.h>
#include <ktest.h>
#include <memblock.h>
#include <mm.h>
#include <slab.h>
#include <smp.h>

/* Page flags that exist; anything else in page->flags but the zone is garbage. */
#define KNOWN_FLAGS ((1UL << NR_PAGEFLAGS) - 1)

/* Walks a memblock table alongside ascending pfns. */
struct region_cursor {
	const struct memblock_type *type;
	unsigned long i;
};

/* Whether any byte of frame @pfn lies in the table's regions (pfns must not go down). */
static bool cursor_touches(struct region_cursor *c, unsigned long pfn)
{
	const phys_addr_t start = PFN_PHYS(pfn), end = start + PAGE_SIZE;

	while (c->i < c->type->cnt &&
	       c->type->regions[c->i].base + c->type->regions[c->i].size <= start)
		c->i++;
	return c->i < c->type->cnt && c->type->regions[c->i].base < end;
}

/* Whether frame @pfn is whole RAM: a whole page of one memory range (pfns must not go down). */
static bool cursor_whole_ram(struct region_cursor *c, unsigned long pfn)
{
	const phys_addr_t start = PFN_PHYS(pfn), end = start + PAGE_SIZE;

	while (c->i < c->type->cnt &&
	       c->type->regions[c->i].base + c->type->regions[c->i].size < end)
		c->i++;
	return c->i < c->type->cnt && c->type->regions[c->i].base <= start;
}

/* What is wrong with the struct page of @pfn in zone @z, or NULL. */
static const char *page_state_problem(unsigned long pfn, enum zone_type z, bool ram, bool reserved)
{
	const struct page *page = pfn_to_page(pfn);

	if (!ram)
		return PageHole(page) && PageReserved(page) ? NULL
							    : "not RAM, not PG_hole|PG_reserved";
	if (PageHole(page))
		return "RAM, but PG_hole";
	if (page_zonenum(page) != z)
		return "RAM, in another zone than its frame's";
	if ((page->flags & ~(ZONES_MASK << ZONES_PGSHIFT)) & ~KNOWN_FLAGS)
		return "RAM, with flag bits no page flag has";
	if (!page->slab_cache)
		return "RAM, naming no slab cache (not even no_slab_cache): never initialised";
	if (reserved != PageReserved(page))
		return reserved ? "RAM a reservation touches, not PG_reserved"
				: "RAM no reservation touches, PG_reserved";
	return NULL;
}

static void every_pfn_in_every_zone_span_has_a_sane_struct_page(struct ktest *t)
{
	unsigned long checked = 0, bad = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &node_zones[z];
		struct region_cursor mem = { .type = &memblock.memory },
				     rsv = { .type = &memblock.reserved };
		unsigned long pfn, end = zone->zone_start_pfn + zone->spanned_pages, managed = 0;

		if (!populated_zone(zone))
			continue;
		for (pfn = zone->zone_start_pfn; pfn < end; pfn++) {
			bool ram = cursor_whole_ram(&mem, pfn),
			     reserved = cursor_touches(&rsv, pfn);
			const char *problem =
				page_state_problem(pfn, (enum zone_type)z, ram, reserved);

			checked++;
			managed += ram && !reserved;
			if (problem && bad++ < 4)
				KTEST_FAIL(t, "pfn %#lx (zone %s): %s; flags %#lx", pfn, zone->name,
					   problem, pfn_to_page(pfn)->flags);
		}
		/* The RAM no reservation touches is what the zone manages, all of it. */
		KTEST_EXPECT_EQ(t, managed, zone->managed_pages);
	}
	KTEST_EXPECT_EQ(t, bad, 0UL);
	KTEST_EXPECT_GT(t, checked, 0UL);
	ktest_printf(t, "%lu struct pages checked", checked);
}

static void every_free_page_was_initialised_once_early_or_late(struct ktest *t)
{
	const struct memmap_init_stats *st = &memmap_init_stats;
	unsigned long sum = 0;
	unsigned int cpu;

	KTEST_EXPECT_EQ(t, st->early_pages + st->deferred_pages, totalram_pages());
	KTEST_EXPECT_GT(t, st->early_pages, 0UL);
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		sum += st->cpu_pages[cpu];
	KTEST_EXPECT_EQ(t, sum, st->deferred_pages);
	if (!st->deferred_sections)
		KTEST_SKIP(t, "all of RAM is in each zone's first 128 MiB: nothing was deferred");
	KTEST_EXPECT_GE(t, st->cpus, 1U);
	KTEST_EXPECT_LE(t, st->cpus, num_online_cpus());
	ktest_printf(t, "%lu pages early, %lu in %lu sections late on %u of %u CPUs",
		     st->early_pages, st->deferred_pages, st->deferred_sections, st->cpus,
		     num_online_cpus());
	for_each_online_cpu (cpu)
		ktest_printf(t, "CPU%u: %lu pages", cpu, st->cpu_pages[cpu]);
}

static void no_free_block_was_in_a_deferred_section_before_the_late_init(struct ktest *t)
{
	const struct memmap_init_stats *st = &memmap_init_stats;

	if (!st->deferred_sections)
		KTEST_SKIP(t, "all of RAM is in each zone's first 128 MiB: nothing was deferred");
	/* The early sections' free memory was on the lists, so some blocks were seen. */
	KTEST_EXPECT_GT(t, st->free_blocks_checked, 0UL);
	KTEST_EXPECT_EQ(t, st->free_blocks_deferred, 0UL);
	ktest_printf(t, "%lu free blocks, %lu in deferred sections", st->free_blocks_checked,
		     st->free_blocks_deferred);
}

KTEST_SUITE(memmap_init,
	    KTEST_CASE(every_pfn_in_every_zone_span_has_a_sane_struct_page),
	    KTEST_CASE(every_free_page_was_initialised_once_early_or_late),
	    KTEST_CASE(no_free_block_was_in_a_deferred_section_before_the_late_init));
