/*
 * Self-tests of debug_pagealloc=on (mm/debug_pagealloc.c): a freed block is
 * unmapped from the direct map, so that a read or a write after free faults,
 * and the fault report names the free (pfn, order, the freeing function, the
 * CPU, the free's number); an allocated block is mapped again, page by page.
 * With the option off, a freed block stays mapped as it was and no leaf is
 * split. Each case skips unless its state of the option is the boot's:
 * tools/run-tests boots the suite both ways.
 */
#include <errno.h>
#include <fault.h>
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <pgtable.h>
#include <smp.h>
#include <string.h>

#define REPORT_MAX 4096
static char report[REPORT_MAX];

#define NEED_DEBUG_PAGEALLOC(t)                                                        \
	do {                                                                           \
		if (!debug_pagealloc_enabled())                                        \
			KTEST_SKIP(t, "needs debug_pagealloc=on (off: boot with it)"); \
	} while (0)

/* The freeing function the reports must name: global, out of line, not a tail call. */
noinline void debug_pagealloc_test_free(struct page *page, unsigned int order);
noinline void debug_pagealloc_test_free(struct page *page, unsigned int order)
{
	__free_pages(page, order);
	barrier();
}

/* Say what the report lacked, and what it held. */
static void expect_in_report(struct ktest *t, const char *want)
{
	if (!strstr(report, want))
		ktest_fail_at(t, __FILE__, __LINE__,
			      "expected the fault report to contain \"%s\", seen:\n%s", want,
			      report);
}

/*
 * Free an order-@order block, then read or write (@write) one byte of its page
 * @index at @offset: the access must fault, and the report and the fault
 * record name the page and its free.
 */
static void access_after_free_is_reported(struct ktest *t, unsigned int order, unsigned long index,
					  unsigned long offset, bool write)
{
	struct page *page = alloc_pages(GFP_KERNEL, order);
	unsigned long before, pfn, first;
	struct kernel_fault f;
	u8 *p, val = 0;
	char want[160];
	int err;

	KTEST_ASSERT_NOT_NULL(t, page);
	p = (u8 *)page_address(page) + index * PAGE_SIZE + offset;
	*p = 0x5c; /* allocated: mapped */
	pfn = page_to_pfn(page) + index;
	first = page_to_pfn(page);
	debug_pagealloc_test_free(page, order);
	before = kernel_fault_count();
	printk_capture(report, sizeof(report));
	err = write ? arch_probe_write_byte(p, 0x77) : arch_probe_read_byte(p, &val);
	printk_capture(NULL, 0);
	f = last_kernel_fault();
	KTEST_EXPECT_EQ(t, err, -EFAULT);
	KTEST_EXPECT_EQ(t, kernel_fault_count(), before + 1);
	KTEST_EXPECT_EQ(t, f.addr, (unsigned long)p);
	KTEST_EXPECT_EQ(t, f.access, (enum fault_access)(write ? FAULT_WRITE : FAULT_READ));
	KTEST_EXPECT_EQ(t, f.region, FAULT_REGION_PAGE_FREE);
	KTEST_EXPECT_EQ(t, f.page_pfn, pfn);
	KTEST_EXPECT_EQ(t, f.free_order, order);
	KTEST_EXPECT_EQ(t, f.free_cpu, (unsigned int)raw_smp_processor_id());
	KTEST_EXPECT_GT(t, f.free_seq, 0U);
	snprintf(want, sizeof(want),
		 "is %lu bytes into pfn %#lx, a free page: debug_pagealloc "
		 "unmapped it",
		 offset, pfn);
	expect_in_report(t, want);
	snprintf(want, sizeof(want),
		 "page last free: order %u (pfn %#lx-%#lx) by "
		 "debug_pagealloc_test_free+0x",
		 order, first, first + (1UL << order) - 1);
	expect_in_report(t, want);
	snprintf(want, sizeof(want), "on CPU %lu, free #%u\n", raw_smp_processor_id(), f.free_seq);
	expect_in_report(t, want);
	expect_in_report(t, "page dumped because: debug_pagealloc: access to a free page");
}

static void read_after_free_of_order0_is_reported(struct ktest *t)
{
	NEED_DEBUG_PAGEALLOC(t);
	access_after_free_is_reported(t, 0, 0, 0x123, false);
}

static void write_after_free_of_order0_is_reported(struct ktest *t)
{
	NEED_DEBUG_PAGEALLOC(t);
	access_after_free_is_reported(t, 0, 0, PAGE_SIZE - 1, true);
}

static void read_after_free_of_order4_is_reported(struct ktest *t)
{
	NEED_DEBUG_PAGEALLOC(t);
	access_after_free_is_reported(t, 4, 5, 0x40, false);
}

static void write_after_free_of_order4_is_reported(struct ktest *t)
{
	NEED_DEBUG_PAGEALLOC(t);
	access_after_free_is_reported(t, 4, 15, 0x777, true);
}

/* Reads a CPU may make of a page before it must have seen the free (only a failure runs them all). */
#define MAX_READS (1UL << 24)

/* A page freed by one CPU while another reads it in a loop. */
struct live_free {
	struct page *page;
	unsigned int freer;
	int reading;		   /* the reader has read the page once */
	int freed;		   /* the free (and its TLB shootdown) has returned */
	int err;		   /* the reader's last probe: -EFAULT once it faulted */
	unsigned long reads_after; /* reads that succeeded after the free had returned */
};

static void read_until_fault(struct live_free *c)
{
	const u8 *p = page_address(c->page);

	for (unsigned long n = 0; n < MAX_READS; n++) {
		int freed = __atomic_load_n(&c->freed, __ATOMIC_ACQUIRE);
		u8 val;

		c->err = arch_probe_read_byte(p, &val);
		if (c->err)
			return;
		if (freed)
			c->reads_after++;
		__atomic_store_n(&c->reading, 1, __ATOMIC_RELEASE);
	}
}

static int free_or_read(void *arg)
{
	struct live_free *c = arg;

	if (smp_processor_id() != c->freer) {
		read_until_fault(c);
		return 0;
	}
	while (!__atomic_load_n(&c->reading, __ATOMIC_ACQUIRE))
		cpu_relax();
	debug_pagealloc_test_free(c->page, 0);
	__atomic_store_n(&c->freed, 1, __ATOMIC_RELEASE);
	return 0;
}

/*
 * The reader holds the page's translation in its TLB when the free happens on
 * another CPU: the free's shootdown must reach it, so that its next read faults.
 */
static void free_on_one_cpu_faults_a_reader_on_another(struct ktest *t)
{
	struct live_free c = { .freer = smp_processor_id() };
	unsigned int cpu, reader = NR_CPUS;

	NEED_DEBUG_PAGEALLOC(t);
	if (num_online_cpus() < 2)
		KTEST_SKIP(t, "needs a second CPU (SMP=1)");
	for_each_online_cpu (cpu)
		if (cpu != c.freer && reader == NR_CPUS)
			reader = cpu;
	c.page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, c.page);
	KTEST_EXPECT_EQ(t, smp_run_on_cpus(1UL << c.freer | 1UL << reader, free_or_read, &c), 0);
	KTEST_EXPECT_EQ(t, c.err, -EFAULT);
	KTEST_EXPECT_EQ(t, c.reads_after, 0UL);
	KTEST_EXPECT_EQ(t, last_kernel_fault().region, FAULT_REGION_PAGE_FREE);
	KTEST_EXPECT_EQ(t, last_kernel_fault().page_pfn, page_to_pfn(c.page));
}

/* The memory console's `addr` (mem_dump_obj()) of a freed page names its free too. */
static void mem_dump_obj_of_a_freed_page_names_its_free(struct ktest *t)
{
	struct page *block, *single;
	char want[160];
	u8 *p, *q;

	NEED_DEBUG_PAGEALLOC(t);
	block = alloc_pages(GFP_KERNEL, 2);
	single = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, block);
	KTEST_ASSERT_NOT_NULL(t, single);
	p = (u8 *)page_address(block) + PAGE_SIZE + 9;
	q = page_address(single);
	debug_pagealloc_test_free(block, 2);
	debug_pagealloc_test_free(single, 0); /* onto this CPU's list */
	printk_capture(report, sizeof(report));
	mem_dump_obj(p);
	mem_dump_obj(q);
	printk_capture(NULL, 0);
	snprintf(want, sizeof(want),
		 "page last free: order 2 (pfn %#lx-%#lx) by "
		 "debug_pagealloc_test_free+0x",
		 page_to_pfn(block), page_to_pfn(block) + 3);
	expect_in_report(t, want);
	snprintf(want, sizeof(want),
		 "page last free: order 0 (pfn %#lx-%#lx) by "
		 "debug_pagealloc_test_free+0x",
		 page_to_pfn(single), page_to_pfn(single));
	expect_in_report(t, want);
	expect_in_report(t, "not mapped in the kernel page table");
}

/* Is @page mapped to itself in the direct map by a page-sized leaf? */
static bool mapped_by_a_page_leaf(struct page *page)
{
	unsigned int level = ~0U;
	pte_t *pte = lookup_kernel_pte((unsigned long)page_address(page), &level);

	return pte && level == 0 && pte_pfn(*pte) == page_to_pfn(page);
}

static void allocated_pages_are_mapped_and_free_ones_are_not(struct ktest *t)
{
	struct page *block, *single;

	NEED_DEBUG_PAGEALLOC(t);
	block = alloc_pages(GFP_KERNEL, 2);
	single = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, block);
	KTEST_ASSERT_NOT_NULL(t, single);
	for (unsigned int i = 0; i < 4; i++)
		KTEST_EXPECT_TRUE(t, mapped_by_a_page_leaf(block + i));
	KTEST_EXPECT_TRUE(t, mapped_by_a_page_leaf(single));
	__free_pages(block, 2);
	__free_page(single); /* onto this CPU's list: free, so unmapped too */
	KTEST_EXPECT_TRUE(t, PagePcp(single));
	for (unsigned int i = 0; i < 4; i++)
		KTEST_EXPECT_FALSE(t, mapped_by_a_page_leaf(block + i));
	KTEST_EXPECT_FALSE(t, mapped_by_a_page_leaf(single));
}

static void zeroed_allocations_are_mapped_before_they_are_zeroed(struct ktest *t)
{
	unsigned long addr;
	struct page *page;

	NEED_DEBUG_PAGEALLOC(t);
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 3);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_NULL(t, memchr_inv(page_address(page), 0, PAGE_SIZE << 3));
	__free_pages(page, 3);
	addr = get_zeroed_page(GFP_KERNEL); /* as the page-table code takes its tables */
	KTEST_ASSERT_NE(t, addr, 0UL);
	KTEST_EXPECT_TRUE(t, mapped_by_a_page_leaf(virt_to_page((void *)addr)));
	KTEST_EXPECT_NULL(t, memchr_inv((void *)addr, 0, PAGE_SIZE));
	free_page(addr);
}

static void freed_block_stays_mapped_and_no_leaf_is_split_when_off(struct ktest *t)
{
	unsigned long tables = mm_stat(NR_PAGETABLE), faults = kernel_fault_count();
	unsigned int level_before = ~0U, level_after = ~0U;
	pte_t *pte, before;
	struct page *page;
	u8 *p, val;

	if (debug_pagealloc_enabled())
		KTEST_SKIP(t, "debug_pagealloc=on: freed blocks are unmapped (the other cases)");
	page = alloc_pages(GFP_KERNEL, 4);
	KTEST_ASSERT_NOT_NULL(t, page);
	p = page_address(page);
	pte = lookup_kernel_pte((unsigned long)p, &level_before);
	KTEST_ASSERT_NOT_NULL(t, pte);
	before = *pte;
	__free_pages(page, 4);
	/* The same leaf, unchanged, maps the free block: nothing unmapped, nothing split. */
	KTEST_EXPECT_PTR_EQ(t, lookup_kernel_pte((unsigned long)p, &level_after), pte);
	KTEST_EXPECT_EQ(t, level_after, level_before);
	KTEST_EXPECT_MEMEQ(t, pte, &before, sizeof(before));
	KTEST_EXPECT_EQ(t, mm_stat(NR_PAGETABLE), tables);
	KTEST_EXPECT_EQ(t, arch_probe_read_byte(p + 5 * PAGE_SIZE, &val), 0);
	KTEST_EXPECT_EQ(t, kernel_fault_count(), faults);
}

KTEST_SUITE(debug_pagealloc, KTEST_CASE(read_after_free_of_order0_is_reported),
	    KTEST_CASE(write_after_free_of_order0_is_reported),
	    KTEST_CASE(read_after_free_of_order4_is_reported),
	    KTEST_CASE(write_after_free_of_order4_is_reported),
	    KTEST_CASE(free_on_one_cpu_faults_a_reader_on_another),
	    KTEST_CASE(mem_dump_obj_of_a_freed_page_names_its_free),
	    KTEST_CASE(allocated_pages_are_mapped_and_free_ones_are_not),
	    KTEST_CASE(zeroed_allocations_are_mapped_before_they_are_zeroed),
	    KTEST_CASE(freed_block_stays_mapped_and_no_leaf_is_split_when_off));
