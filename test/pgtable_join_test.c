/*
 * Self-tests of paging_init_join() (docs/embedding.md, section 5): booted
 * with paging.join=<max leaf level>[,nonglobal], this kernel starts as one
 * that embeds mm/ in a page table of its own does: it allocates a root,
 * hands it to paging_init_join() and loads it. The walker must then see no
 * leaf larger than asked, the global bit as asked, in the direct map,
 * vmemmap and vmalloc alike, and root entries that never change. Without the
 * option, the first case checks that paging_init() keeps the port's defaults.
 */
#include <asm/port.h>
#include <kernel.h>
#include <ktest.h>
#include <memblock.h>
#include <mm.h>
#include <pgtable.h>
#include <setup.h>
#include <vmalloc.h>

#define NO_JOIN "needs a boot with paging.join=<max leaf level>[,nonglobal] (make test does)"

/* The largest leaf level and the global bit every kernel mapping must have in this boot. */
static unsigned int max_leaf_level(void)
{
	unsigned int top = PGTABLE_LEVELS - 1;

	if (boot_own_root && boot_join.max_leaf_level < top)
		top = boot_join.max_leaf_level;
	while (!(PGTABLE_LEAF_LEVELS & (1U << top)))
		top--;
	return top;
}

static bool want_global(void)
{
	return boot_own_root ? !boot_join.nonglobal : pgprot_global(PAGE_KERNEL);
}

/* Is @va mapped by a leaf no larger than allowed, with the global bit wanted? */
static bool leaf_is_right(struct ktest *t, unsigned long va, unsigned int *level)
{
	pte_t *pte = lookup_kernel_pte(va, level);

	if (!pte) {
		KTEST_FAIL(t, "%#lx: not mapped", va);
		return false;
	}
	if (*level > max_leaf_level() || pgprot_global(pte_pgprot(*pte)) != want_global()) {
		KTEST_FAIL(t, "%#lx: a level-%u leaf, global %d; expected level <= %u, global %d",
			   va, *level, pgprot_global(pte_pgprot(*pte)), max_leaf_level(),
			   want_global());
		return false;
	}
	return true;
}

/*
 * The direct map of RAM. Under debug_pagealloc=on it is mapped with pages
 * only and its free pages are unmapped (docs/memory-debugging.md): those are
 * counted, not failed.
 */
static void direct_map_leaves_have_the_chosen_size_and_global_bit(struct ktest *t)
{
	unsigned long leaves[PGTABLE_LEVELS] = { 0 }, unmapped = 0;
	const bool pages_only = debug_pagealloc_enabled();

	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];
		unsigned long va = (unsigned long)phys_to_virt(PFN_PHYS(PFN_UP(r->base)));
		unsigned long end =
			(unsigned long)phys_to_virt(PFN_PHYS(PFN_DOWN(r->base + r->size)));
		unsigned int level;

		while (va < end) {
			if (pages_only && !lookup_kernel_pte(va, &level)) {
				unmapped++;
				va += PAGE_SIZE;
				continue;
			}
			if (!leaf_is_right(t, va, &level))
				return;
			leaves[level]++;
			va = (va & ~(LEVEL_SIZE(level) - 1)) + LEVEL_SIZE(level);
		}
	}
	for (unsigned int l = 0; l < PGTABLE_LEVELS; l++)
		ktest_printf(t, "level %u (%luK): %lu leaves", l, LEVEL_SIZE(l) >> 10, leaves[l]);
	ktest_printf(t, "largest allowed: level %u; global bit %s", max_leaf_level(),
		     want_global() ? "set" : "clear");
	if (pages_only) {
		ktest_printf(t, "debug_pagealloc=on: %lu free pages unmapped", unmapped);
		KTEST_EXPECT_GT(t, unmapped, 0);
		KTEST_EXPECT_EQ(t, leaves[0], memblock_phys_mem_size() / PAGE_SIZE - unmapped);
		return;
	}
	/* 512 leaves of the largest allowed size fit in any RAM of two or more of them. */
	if (max_leaf_level() && memblock_phys_mem_size() >= 2 * LEVEL_SIZE(max_leaf_level()))
		KTEST_EXPECT_GT(t, leaves[max_leaf_level()], 0);
}

static void vmalloc_and_vmemmap_leaves_follow_the_same_rules(struct ktest *t)
{
	const struct memblock_region *r = &memblock.memory.regions[0];
	unsigned long pfns[2] = { PFN_UP(r->base), PFN_DOWN(r->base + r->size) - 1 };
	unsigned int level;
	u8 *p;

	if (!boot_own_root) {
		ktest_skip(t, NO_JOIN);
		return;
	}
	p = vmalloc(3 * PAGE_SIZE);
	KTEST_ASSERT_NOT_NULL(t, p);
	for (unsigned int i = 0; i < 3; i++) {
		if (!leaf_is_right(t, (unsigned long)p + i * PAGE_SIZE, &level))
			break;
		KTEST_EXPECT_EQ(t, level, 0);
	}
	vfree(p);
	for (unsigned int i = 0; i < 2; i++)
		if (!leaf_is_right(t, (unsigned long)pfn_to_page(pfns[i]), &level))
			break;
}

static void the_kernel_runs_on_its_own_root(struct ktest *t)
{
	if (!boot_own_root) {
		ktest_skip(t, NO_JOIN);
		return;
	}
	KTEST_EXPECT_PTR_EQ(t, init_pg_dir, boot_own_root);
}

/* Root entries covering [@start, @end): each must point to a table. */
static bool root_points_to_tables(struct ktest *t, unsigned long start, unsigned long end)
{
	const unsigned int top = PGTABLE_LEVELS - 1;

	for (unsigned long va = start; va < end;) {
		pte_t e = init_pg_dir[(va >> LEVEL_SHIFT(top)) & (PTRS_PER_TABLE - 1)];
		unsigned long next = (va & ~(LEVEL_SIZE(top) - 1)) + LEVEL_SIZE(top);

		if (!pte_present(e) || pte_leaf(e)) {
			KTEST_FAIL(t, "root entry for %#lx: %#llx, expected a table", va,
				   (unsigned long long)e.pte);
			return false;
		}
		if (next < va)
			break;
		va = next;
	}
	return true;
}

static void root_entries_never_change(struct ktest *t)
{
	static pte_t before[PTRS_PER_TABLE];
	/* Twice what one last-level table maps: one at least is its own, emptied by vfree(). */
	const unsigned long size = 2 * LEVEL_SIZE(1) + PAGE_SIZE;
	const bool own_table = size <= memblock_phys_mem_size() / 8;
	unsigned long freed;

	if (!boot_own_root) {
		ktest_skip(t, NO_JOIN);
		return;
	}
	KTEST_ASSERT_TRUE(t, root_points_to_tables(t, VMALLOC_START, VMALLOC_END));
	KTEST_ASSERT_TRUE(t, root_points_to_tables(t, VMEMMAP_START, VMEMMAP_END));
	memcpy(before, init_pg_dir, sizeof(before));
	if (own_table) {
		void *p = vmalloc(size);

		KTEST_ASSERT_NOT_NULL(t, p);
		vfree(p);
	}
	freed = free_empty_page_tables(VMALLOC_START, VMALLOC_END);
	ktest_printf(t, "%lu empty table pages freed in the vmalloc region", freed);
	if (own_table)
		KTEST_EXPECT_GT(t, freed, 0);
	else
		ktest_printf(t,
			     "no vmalloc area of %lu bytes on this machine: not one freed for sure",
			     size);
	KTEST_EXPECT_MEMEQ(t, init_pg_dir, before, sizeof(before));
	KTEST_EXPECT_TRUE(t, root_points_to_tables(t, VMALLOC_START, VMALLOC_END));
}

KTEST_SUITE(pgtable_join, KTEST_CASE(direct_map_leaves_have_the_chosen_size_and_global_bit),
	    KTEST_CASE(vmalloc_and_vmemmap_leaves_follow_the_same_rules),
	    KTEST_CASE(the_kernel_runs_on_its_own_root), KTEST_CASE(root_entries_never_change));
