/*
 * Self-tests of vmemmap (include/mm.h, mm/mm_init.c): the struct page of pfn
 * is vmemmap + pfn, mapped to memblock memory where RAM needs it and to the
 * shared read-only hole page over holes between banks, so that the memmap
 * span has a readable struct page for every page and holes cost at most one
 * page of struct pages at each edge.
 */
#include <asm/port.h>
#include <errno.h>
#include <fault.h>
#include <kernel.h>
#include <ktest.h>
#include <memblock.h>
#include <mm.h>
#include <pgtable.h>
#include <slab.h>
#include <vmalloc.h>

#define HOLE_FLAGS ((1UL << PG_reserved) | (1UL << PG_hole))

/* The frame that vmemmap address @va maps to, or ULONG_MAX; *@writable says how. */
static unsigned long vmemmap_frame(unsigned long va, bool *writable)
{
	unsigned int level;
	pte_t *pte = lookup_kernel_pte(va, &level);

	if (!pte)
		return ULONG_MAX;
	*writable = pgprot_writable(pte_pgprot(*pte));
	return pte_pfn(*pte) + ((va & (LEVEL_SIZE(level) - 1)) >> PAGE_SHIFT);
}

static void pfn_to_page_is_vmemmap_plus_pfn(struct ktest *t)
{
	unsigned long first = PFN_UP(memblock_start_of_DRAM());
	unsigned long last = PFN_DOWN(memblock_end_of_DRAM()) - 1;

	KTEST_EXPECT_EQ(t, (unsigned long)pfn_to_page(first),
			VMEMMAP_START + first * sizeof(struct page));
	KTEST_EXPECT_EQ(t, (unsigned long)pfn_to_page(last),
			VMEMMAP_START + last * sizeof(struct page));
	KTEST_EXPECT_EQ(t, page_to_pfn(pfn_to_page(last)), last);
	KTEST_EXPECT_LE(t, (unsigned long)pfn_to_page(last + 1), VMEMMAP_END);
}

/* Each range's struct pages are writable, in reserved memory, where mem_section says. */
static void struct_pages_of_ram_are_mapped_to_reserved_memory(struct ktest *t)
{
	for (unsigned long nr = 0; nr < nr_mem_sections; nr++) {
		const struct mem_section *ms = &mem_section[nr];
		unsigned long va = (unsigned long)pfn_to_page(ms->start_pfn), frame;
		bool writable = false;

		if (!ms->mem_map)
			continue;
		frame = vmemmap_frame(va, &writable);
		KTEST_ASSERT_NE(t, frame, ULONG_MAX);
		KTEST_EXPECT_TRUE(t, writable);
		KTEST_EXPECT_EQ(t, frame, virt_to_pfn(ms->mem_map));
		KTEST_EXPECT_TRUE(t, PageReserved(pfn_to_page(frame)));
		/* Two addresses, one struct page. */
		KTEST_EXPECT_EQ(t, ms->mem_map->flags, pfn_to_page(ms->start_pfn)->flags);
	}
}

static void memmap_span_covers_ram_and_nothing_else(struct ktest *t)
{
	/* The span holds whole pages: a bank may end inside a page. */
	phys_addr_t start = memblock_start_of_DRAM(),
		    end = PFN_PHYS(PFN_DOWN(memblock_end_of_DRAM()));
	void *vmalloced = vmalloc(PAGE_SIZE);

	KTEST_EXPECT_TRUE(t, memmap_covers(phys_to_virt(PFN_PHYS(PFN_UP(start)) + PAGE_SIZE)));
	KTEST_EXPECT_TRUE(t, memmap_covers(phys_to_virt(end - 1)));
	KTEST_EXPECT_FALSE(t, memmap_covers(phys_to_virt(end)));
	KTEST_EXPECT_FALSE(t, memmap_covers(NULL));
	KTEST_EXPECT_FALSE(t, memmap_covers(ZERO_SIZE_PTR));
	KTEST_EXPECT_FALSE(t, memmap_covers((void *)~0UL));
	KTEST_EXPECT_FALSE(t, memmap_covers(pfn_to_page(PFN_UP(start))));
	KTEST_ASSERT_NOT_NULL(t, vmalloced);
	KTEST_EXPECT_FALSE(t, memmap_covers(vmalloced));
	vfree(vmalloced);
	KTEST_EXPECT_PTR_EQ(t, memmap_page(phys_to_virt(end - 1)), pfn_to_page(PFN_DOWN(end - 1)));
}

/*
 * Between two banks, a page of vmemmap that describes only hole frames maps
 * the shared hole page: read-only, every struct page PG_hole and PG_reserved.
 */
static void holes_between_banks_map_the_read_only_hole_page(struct ktest *t)
{
	const struct memblock_type *mem = &memblock.memory;
	unsigned long hole_pages = 0;

	if (mem->cnt < 2)
		KTEST_SKIP(t, "needs RAM in two or more banks with holes between them "
			      "(host: tools/mkdts --banks 2 or 3)");
	for (unsigned long i = 0; i + 1 < mem->cnt; i++) {
		unsigned long hole = PFN_UP(mem->regions[i].base + mem->regions[i].size);
		unsigned long next = PFN_DOWN(mem->regions[i + 1].base);
		unsigned long va = ALIGN((unsigned long)pfn_to_page(hole), PAGE_SIZE);
		unsigned long end = ALIGN_DOWN((unsigned long)pfn_to_page(next), PAGE_SIZE);

		for (; va < end; va += PAGE_SIZE, hole_pages++) {
			const struct page *page = (const struct page *)va;
			bool writable = true;
			u8 byte;

			KTEST_ASSERT_NE(t, vmemmap_frame(va, &writable), ULONG_MAX);
			KTEST_EXPECT_FALSE(t, writable);
			KTEST_EXPECT_EQ(t, page->flags, HOLE_FLAGS);
			KTEST_EXPECT_PTR_EQ(t, page->slab_cache, &no_slab_cache);
			KTEST_EXPECT_FALSE(t, pfn_valid(page_to_pfn(page)));
			if (va != ALIGN((unsigned long)pfn_to_page(hole), PAGE_SIZE))
				continue;
			/* One write per hole (each prints a fault report), of the byte there. */
			byte = *(const u8 *)page;
			KTEST_EXPECT_EQ(t, arch_probe_write_byte((void *)page, byte), -EFAULT);
		}
	}
	KTEST_EXPECT_GT(t, hole_pages, 0UL);
	ktest_printf(t, "%lu pages of vmemmap map the hole page", hole_pages);
}

/* The pages of vmemmap that memory range @r's struct pages lie in: [*start, *end). */
static void range_vmemmap(const struct memblock_region *r, unsigned long *start, unsigned long *end)
{
	*start = ALIGN_DOWN((unsigned long)pfn_to_page(PFN_UP(r->base)), PAGE_SIZE);
	*end = ALIGN((unsigned long)pfn_to_page(PFN_DOWN(r->base + r->size)), PAGE_SIZE);
}

/* Memory for struct pages: the pages of vmemmap RAM frames need, and not one more. */
static void holes_cost_at_most_a_page_of_struct_pages_per_edge(struct ktest *t)
{
	const struct memblock_type *mem = &memblock.memory;
	unsigned long first = PFN_UP(memblock_start_of_DRAM());
	unsigned long end = PFN_DOWN(memblock_end_of_DRAM());
	unsigned long va = ALIGN_DOWN((unsigned long)pfn_to_page(first), PAGE_SIZE);
	unsigned long own = 0, needed = 0, prev_end = 0, ram = 0;

	for (; va < (unsigned long)pfn_to_page(end); va += PAGE_SIZE) {
		bool writable = false;

		KTEST_ASSERT_NE(t, vmemmap_frame(va, &writable), ULONG_MAX);
		own += writable;
	}
	for (unsigned long i = 0; i < mem->cnt; i++) {
		const struct memblock_region *r = &mem->regions[i];
		unsigned long s, e;

		range_vmemmap(r, &s, &e);
		s = max(s, prev_end);
		if (s < e)
			needed += (e - s) >> PAGE_SHIFT;
		prev_end = max(prev_end, e);
		ram += PFN_DOWN(r->base + r->size) - PFN_UP(r->base);
	}
	KTEST_EXPECT_EQ(t, own, needed);
	/* RAM's own struct pages, plus at most one page at each end of each range. */
	KTEST_EXPECT_LE(t, own, ram / (PAGE_SIZE / sizeof(struct page)) + 2 * mem->cnt);
	ktest_printf(t, "%lu pages of struct pages for %lu ranges of RAM", own, mem->cnt);
}

KTEST_SUITE(vmemmap,
	    KTEST_CASE(pfn_to_page_is_vmemmap_plus_pfn),
	    KTEST_CASE(struct_pages_of_ram_are_mapped_to_reserved_memory),
	    KTEST_CASE(memmap_span_covers_ram_and_nothing_else),
	    KTEST_CASE(holes_between_banks_map_the_read_only_hole_page),
	    KTEST_CASE(holes_cost_at_most_a_page_of_struct_pages_per_edge));
