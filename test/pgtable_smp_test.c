/*
 * The kernel page table changed under a CPU that is using it: a large leaf
 * split into pages and the pages' permissions changed, again and again,
 * while another CPU reads through the range the whole time. On AArch64 each
 * change is a break-before-make (the entry is invalid for a moment); the
 * reading CPU must never see wrong data nor a reported fault, only wait.
 */
#include <asm/port.h>
#include <fault.h>
#include <gfp.h>
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <pgtable.h>
#include <smp.h>

#include "pgtable_helpers.h"

#define ROUNDS 64

struct live_change {
	unsigned long va;      /* the test's own block in a level-1 leaf (pgtable_helpers.h) */
	unsigned long size;    /* its size */
	unsigned long pattern; /* word i of the block holds pattern ^ i */
	unsigned int writer;   /* the CPU that changes the mapping */
	int started;	       /* the reader is reading */
	int done;	       /* the writer is done: the reader stops */
	unsigned long reads;   /* words the reader read while the writer worked */
	unsigned long wrong;   /* ... that did not hold what they should */
};

static void read_until_done(struct live_change *c)
{
	const unsigned long words = c->size / sizeof(unsigned long);
	/* A stride of a page and a word: every page, every offset in turn. */
	const unsigned long stride = PAGE_SIZE / sizeof(unsigned long) + 1;
	unsigned long i = 0;

	__atomic_store_n(&c->started, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&c->done, __ATOMIC_ACQUIRE)) {
		/*
		 * The words never change; what changes under the read is the mapping.
		 * On host that is an mmap() of the range (arch/host/tlb.c), which
		 * ThreadSanitizer counts as a write: the read is no race.
		 */
		unsigned long got = data_race(READ_ONCE(((unsigned long *)c->va)[i]));

		if (got != (c->pattern ^ i))
			c->wrong++;
		c->reads++;
		i = (i + stride) % words;
	}
}

/*
 * Each round: one page of the block, then the first half of it, read-only,
 * then read-write again. The first round splits the leaf.
 */
static void change_while_read(struct live_change *c, unsigned long pfn)
{
	while (!__atomic_load_n(&c->started, __ATOMIC_ACQUIRE))
		cpu_relax();
	for (unsigned int round = 0; round < ROUNDS; round++) {
		unsigned long off = (round * 37 % (c->size >> PAGE_SHIFT)) * PAGE_SIZE;
		pgprot_t prot = round & 1 ? PAGE_KERNEL : PAGE_KERNEL_RO;

		map_kernel_range(c->va + off, PFN_PHYS(pfn) + off, PAGE_SIZE, prot);
		map_kernel_range(c->va, PFN_PHYS(pfn), c->size / 2, prot);
	}
	__atomic_store_n(&c->done, 1, __ATOMIC_RELEASE);
}

static unsigned long change_pfn;

static int change_or_read(void *arg)
{
	struct live_change *c = arg;

	if (smp_processor_id() == c->writer)
		change_while_read(c, change_pfn);
	else
		read_until_done(c);
	return 0;
}

static void live_large_leaf_split_and_changed_never_faults_a_reading_cpu(struct ktest *t)
{
	struct live_change c = { .pattern = 0x5eed0000c0ffee00UL, .writer = smp_processor_id() };
	unsigned long faults = kernel_fault_count(), *words, reader = 0, level_was, leaf_va;
	struct leaf_block b;
	const char *no_leaf;
	unsigned int cpu, level;

	if (!(PGTABLE_LEAF_LEVELS & 2))
		KTEST_SKIP(t, "the port has no level-1 leaves");
	if (num_online_cpus() < 2)
		KTEST_SKIP(t, "needs a second CPU (SMP=1)");
	for_each_online_cpu (cpu)
		if (cpu != c.writer && !reader)
			reader = cpu;
	no_leaf = leaf_block_get(&b);
	if (no_leaf)
		KTEST_SKIP(t, no_leaf);
	KTEST_ASSERT_NOT_NULL(t, b.own);
	words = page_address(b.own);
	for (unsigned long i = 0; i < b.own_size / sizeof(unsigned long); i++)
		words[i] = c.pattern ^ i;
	/* The top of the vmalloc region: vmalloc hands out the lowest addresses first. */
	leaf_va = (VMALLOC_END - 4 * LEVEL_SIZE(1)) & ~(LEVEL_SIZE(1) - 1);
	c.va = leaf_va + b.own_off;
	c.size = b.own_size;
	change_pfn = page_to_pfn(b.own);
	KTEST_ASSERT_EQ(
		t, map_kernel_range(leaf_va, PFN_PHYS(b.leaf_pfn), LEVEL_SIZE(1), PAGE_KERNEL), 0);
	KTEST_ASSERT_NOT_NULL(t, lookup_kernel_pte(c.va, &level));
	level_was = level;

	KTEST_EXPECT_EQ(t, smp_run_on_cpus(1UL << c.writer | 1UL << reader, change_or_read, &c), 0);
	KTEST_EXPECT_EQ(t, level_was, 1UL);
	KTEST_EXPECT_GT(t, c.reads, 0UL);
	KTEST_EXPECT_EQ(t, c.wrong, 0UL);
	KTEST_EXPECT_EQ(t, kernel_fault_count(), faults);
	KTEST_ASSERT_NOT_NULL(t, lookup_kernel_pte(c.va + 5 * PAGE_SIZE, &level));
	KTEST_EXPECT_EQ(t, level, 0U);

	unmap_kernel_range(leaf_va, leaf_va + LEVEL_SIZE(1));
	free_empty_page_tables(leaf_va, leaf_va + LEVEL_SIZE(1));
	leaf_block_put(&b);
}

KTEST_SUITE(pgtable_smp, KTEST_CASE(live_large_leaf_split_and_changed_never_faults_a_reading_cpu));
