/*
 * Self-tests of the kernel page table (mm/pgtable.c) and the fault path:
 * the direct map covers RAM with large leaves where it can (page-sized ones,
 * and free pages absent, under debug_pagealloc=on), the kernel image is W^X,
 * and a forbidden access faults, is reported and is survived.
 */
#include <arch.h>
#include <asm/port.h>
#include <errno.h>
#include <fault.h>
#include <kernel.h>
#include <ktest.h>
#include <memblock.h>
#include <mm.h>
#include <pgtable.h>

#include "pgtable_helpers.h"

static const u8 read_only_byte = 0x5a;

/* The arch's boot mapping (image section or device) holding @va, or NULL. */
static const struct kernel_mapping *mapping_of(unsigned long va)
{
	unsigned int nr;
	const struct kernel_mapping *maps = arch_kernel_mappings(&nr);

	for (unsigned int i = 0; i < nr; i++)
		if (va >= maps[i].va && va - maps[i].va < maps[i].size)
			return &maps[i];
	return NULL;
}

/* The pfn the kernel page table maps @va to; ULONG_MAX when nothing is mapped there. */
static unsigned long mapped_pfn(unsigned long va, pgprot_t *prot, unsigned int *level)
{
	pte_t *pte = lookup_kernel_pte(va, level);

	if (!pte)
		return ULONG_MAX;
	*prot = pte_pgprot(*pte);
	return pte_pfn(*pte) + ((va & (LEVEL_SIZE(*level) - 1)) >> PAGE_SHIFT);
}

/* Whether a boot mapping (image section or device) overlaps [@va, @va + @size). */
static bool boot_mapping_in(unsigned long va, unsigned long size)
{
	unsigned int nr;
	const struct kernel_mapping *maps = arch_kernel_mappings(&nr);

	for (unsigned int i = 0; i < nr; i++)
		if (va < maps[i].va + maps[i].size && maps[i].va < va + size)
			return true;
	return false;
}

/* Is @va in a free page (buddy block or per-CPU list) now? */
static bool is_free_page(unsigned long va)
{
	struct mem_addr_info info;

	mem_addr_info((const void *)va, &info);
	return info.kind == MEM_ADDR_PAGE_FREE || info.kind == MEM_ADDR_PAGE_PCP;
}

/*
 * Is @pfn mapped to itself in the direct map, with the permissions it should
 * have? Under debug_pagealloc=on a free page is not mapped at all.
 */
static bool direct_map_is_right(struct ktest *t, unsigned long pfn)
{
	unsigned long va = (unsigned long)phys_to_virt(PFN_PHYS(pfn)), got;
	const struct kernel_mapping *m = mapping_of(va);
	pgprot_t prot = { 0 }, want = m ? m->prot : PAGE_KERNEL;
	unsigned int level;

	got = mapped_pfn(va, &prot, &level);
	if (got == pfn && prot.prot == want.prot)
		return true;
	if (got == ULONG_MAX && debug_pagealloc_enabled() && is_free_page(va))
		return true;
	KTEST_FAIL(
		t,
		"pfn %#lx at %#lx: mapped to pfn %#lx with prot %#llx; expected itself with %#llx",
		pfn, va, got, (unsigned long long)prot.prot, (unsigned long long)want.prot);
	return false;
}

static void direct_map_maps_every_ram_page_to_itself(struct ktest *t)
{
	unsigned long checked = 0;

	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];
		unsigned long end = PFN_DOWN(r->base + r->size);

		/* Every 61st page (a prime: it visits every offset within large leaves), and the last. */
		for (unsigned long pfn = PFN_UP(r->base); pfn < end; pfn += 61, checked++)
			if (!direct_map_is_right(t, pfn))
				return;
		if (PFN_UP(r->base) < end && !direct_map_is_right(t, end - 1))
			return;
	}
	KTEST_EXPECT_GT(t, checked, 0UL);
}

/* An aligned block of RAM of one leaf's size that no boot mapping touches gets that leaf. */
static void direct_map_uses_the_largest_leaf_alignment_allows(struct ktest *t)
{
	unsigned long found = 0;

	if (debug_pagealloc_enabled())
		KTEST_SKIP(t, "debug_pagealloc=on maps RAM with page-sized leaves (suite "
			      "debug_pagealloc checks them)");
	for (unsigned int l = PGTABLE_LEVELS; l-- > 1;) {
		if (!(PGTABLE_LEAF_LEVELS & (1U << l)))
			continue;
		for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
			const struct memblock_region *r = &memblock.memory.regions[i];
			phys_addr_t pa = ALIGN(r->base, LEVEL_SIZE(l));

			for (; pa + LEVEL_SIZE(l) <= r->base + r->size; pa += LEVEL_SIZE(l)) {
				unsigned long va = (unsigned long)phys_to_virt(pa);
				unsigned int level;
				pgprot_t prot = { 0 };

				/* A boot mapping inside (the kernel image) needs finer leaves. */
				if (!IS_ALIGNED(va, LEVEL_SIZE(l)) ||
				    boot_mapping_in(va, LEVEL_SIZE(l)))
					continue;
				/* Leaves stop at the largest level that fits: none bigger is possible here. */
				if (mapped_pfn(va, &prot, &level) != PHYS_PFN(pa) || level < l) {
					KTEST_FAIL(t,
						   "%luK-aligned RAM at %#lx is mapped with a "
						   "level-%u "
						   "leaf; expected level %u",
						   LEVEL_SIZE(l) >> 10, va, level, l);
					return;
				}
				found++;
			}
		}
	}
	if (!found)
		KTEST_SKIP(t, "no RAM block is aligned to a large leaf here");
}

static void kernel_text_is_read_exec_and_data_is_read_write(struct ktest *t)
{
	unsigned int level;
	pgprot_t prot = { 0 };

	if (!mapping_of((unsigned long)direct_map_maps_every_ram_page_to_itself))
		KTEST_SKIP(t, "the kernel image is not mapped by the kernel here (ARCH=host)");
	mapped_pfn((unsigned long)direct_map_maps_every_ram_page_to_itself, &prot, &level);
	KTEST_EXPECT_FALSE(t, pgprot_writable(prot));
	KTEST_EXPECT_TRUE(t, pgprot_executable(prot));
	mapped_pfn((unsigned long)&read_only_byte, &prot, &level);
	KTEST_EXPECT_FALSE(t, pgprot_writable(prot));
	KTEST_EXPECT_FALSE(t, pgprot_executable(prot));
	mapped_pfn((unsigned long)&memblock, &prot, &level);
	KTEST_EXPECT_TRUE(t, pgprot_writable(prot));
	KTEST_EXPECT_FALSE(t, pgprot_executable(prot));
}

/* Run @probe-like access; expect it to fault with @access at @addr and be reported once. */
static void expect_fault(struct ktest *t, int err, unsigned long faults_before, unsigned long addr,
			 enum fault_access access)
{
	struct kernel_fault f = last_kernel_fault();

	KTEST_EXPECT_EQ(t, err, -EFAULT);
	KTEST_EXPECT_EQ(t, kernel_fault_count(), faults_before + 1);
	KTEST_EXPECT_EQ(t, f.addr, addr);
	KTEST_EXPECT_EQ(t, f.access, access);
	KTEST_EXPECT_EQ(t, f.region, FAULT_REGION_OTHER);
}

static void writing_kernel_text_faults(struct ktest *t)
{
	u8 *text = (u8 *)writing_kernel_text_faults;
	unsigned long before = kernel_fault_count();
	u8 old;

	KTEST_ASSERT_EQ(t, arch_probe_read_byte(text, &old), 0);
	/* The same byte back: if W^X were broken, the code would still be intact. */
	expect_fault(t, arch_probe_write_byte(text, old), before, (unsigned long)text, FAULT_WRITE);
}

static void writing_read_only_data_faults(struct ktest *t)
{
	unsigned long before = kernel_fault_count();

	expect_fault(t, arch_probe_write_byte((u8 *)&read_only_byte, 0x5a), before,
		     (unsigned long)&read_only_byte, FAULT_WRITE);
	KTEST_EXPECT_EQ(t, read_only_byte, 0x5a);
}

static void executing_from_a_data_page_faults(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	unsigned long before = kernel_fault_count();
	void *addr;

	KTEST_ASSERT_NOT_NULL(t, page);
	addr = page_address(page);
	expect_fault(t, arch_probe_exec(addr), before, (unsigned long)addr, FAULT_EXEC);
	__free_page(page);
}

static void reading_an_unmapped_address_faults_and_the_run_goes_on(struct ktest *t)
{
	unsigned long before = kernel_fault_count();
	/* Below the first page: never mapped, on every port. */
	const u8 *nowhere = (const u8 *)0x800;
	u8 val = 0;

	expect_fault(t, arch_probe_read_byte(nowhere, &val), before, 0x800, FAULT_READ);
	KTEST_EXPECT_EQ(t, val, 0);
	/* And ordinary memory still reads after the fault was survived. */
	KTEST_EXPECT_EQ(t, arch_probe_read_byte(&read_only_byte, &val), 0);
	KTEST_EXPECT_EQ(t, val, 0x5a);
	KTEST_EXPECT_EQ(t, kernel_fault_count(), before + 1);
}

/*
 * At the top of the vmalloc region (vmalloc hands out the lowest addresses
 * first, so nothing else is there): map a level-1 block (2 MiB, or 512 MiB
 * with 64 KiB pages) with one leaf, unmap one page in its middle, and the
 * rest of the leaf stays mapped as it was. Only the test's own block within
 * the leaf is written or unmapped (pgtable_helpers.h).
 */
static void unmapping_part_of_a_large_leaf_splits_it_and_keeps_the_rest(struct ktest *t)
{
	unsigned long va = (VMALLOC_END - 2 * LEVEL_SIZE(1)) & ~(LEVEL_SIZE(1) - 1);
	unsigned long own, own_pfn, last_pfn, free_before;
	struct leaf_block b;
	const char *no_leaf;
	unsigned int level;
	pgprot_t prot = { 0 };

	if (!(PGTABLE_LEAF_LEVELS & 2))
		KTEST_SKIP(t, "the port has no level-1 leaves");
	no_leaf = leaf_block_get(&b);
	if (no_leaf)
		KTEST_SKIP(t, no_leaf);
	KTEST_ASSERT_NOT_NULL(t, b.own);
	own = va + b.own_off;
	own_pfn = page_to_pfn(b.own);
	last_pfn = b.leaf_pfn + (LEVEL_SIZE(1) >> PAGE_SHIFT) - 1;
	drain_all_pages(NULL); /* free pages on per-CPU lists count too */
	free_before = nr_free_pages();
	KTEST_ASSERT_EQ(t, map_kernel_range(va, PFN_PHYS(b.leaf_pfn), LEVEL_SIZE(1), PAGE_KERNEL),
			0);
	KTEST_EXPECT_EQ(t, mapped_pfn(own + 5 * PAGE_SIZE, &prot, &level), own_pfn + 5);
	KTEST_EXPECT_EQ(t, level, 1U);
	*(u32 *)(own + 7 * PAGE_SIZE) = 0xfeedf00d;
	KTEST_EXPECT_EQ(t, *(u32 *)((u8 *)page_address(b.own) + 7 * PAGE_SIZE), 0xfeedf00dU);

	unmap_kernel_range(own + PAGE_SIZE, own + 2 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mapped_pfn(own, &prot, &level), own_pfn);
	KTEST_EXPECT_EQ(t, level, 0U);
	KTEST_EXPECT_EQ(t, prot.prot, PAGE_KERNEL.prot);
	KTEST_EXPECT_EQ(t, mapped_pfn(own + PAGE_SIZE, &prot, &level), ULONG_MAX);
	KTEST_EXPECT_EQ(t, mapped_pfn(va + LEVEL_SIZE(1) - PAGE_SIZE, &prot, &level), last_pfn);
	KTEST_EXPECT_EQ(t, *(u32 *)(own + 7 * PAGE_SIZE), 0xfeedf00dU);

	unmap_kernel_range(va, va + LEVEL_SIZE(1));
	KTEST_EXPECT_EQ(t, mapped_pfn(own + 7 * PAGE_SIZE, &prot, &level), ULONG_MAX);
	/* The split made a table page; now empty, it goes back, with the ones above it. */
	KTEST_EXPECT_GE(t, free_empty_page_tables(va, va + LEVEL_SIZE(1)), 1UL);
	drain_all_pages(NULL);
	KTEST_EXPECT_GE(t, nr_free_pages(), free_before);
	leaf_block_put(&b);
}

KTEST_SUITE(pgtable, KTEST_CASE(direct_map_maps_every_ram_page_to_itself),
	    KTEST_CASE(direct_map_uses_the_largest_leaf_alignment_allows),
	    KTEST_CASE(kernel_text_is_read_exec_and_data_is_read_write),
	    KTEST_CASE(writing_kernel_text_faults), KTEST_CASE(writing_read_only_data_faults),
	    KTEST_CASE(executing_from_a_data_page_faults),
	    KTEST_CASE(reading_an_unmapped_address_faults_and_the_run_goes_on),
	    KTEST_CASE(unmapping_part_of_a_large_leaf_splits_it_and_keeps_the_rest));
