/*
 * Self-tests of page_owner=on (mm/page_owner.c) and the stack depot
 * (mm/stackdepot.c): blocks leaked from a known function are reported under
 * it, first, with their count; each record has the order, GFP flags, CPU and
 * sequence number of its allocation; dump_page() names the owner; split
 * pages carry the record. The cases skip unless page_owner is on (make test
 * boots the suites with it); one case checks that with it off nothing is set up.
 */
#include <kallsyms.h>
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <page_owner.h>
#include <smp.h>
#include <stackdepot.h>
#include <string.h>

#define LEAK_BLOCKS 4U
#define LEAK_ORDER 2U
#define REPORT_SIZE 4096

#define NEED_PAGE_OWNER(t)                                          \
	do {                                                        \
		if (!page_owner_inited)                             \
			KTEST_SKIP(t, "needs page_owner=on (off)"); \
	} while (0)

static char report[REPORT_SIZE];

/* The known allocating function: global and out of line, so that it keeps its name. */
noinline void page_owner_test_leak(struct page **pages, unsigned int nr, unsigned int order,
				   gfp_t gfp);
noinline void page_owner_test_leak(struct page **pages, unsigned int nr, unsigned int order,
				   gfp_t gfp)
{
	for (unsigned int i = 0; i < nr; i++)
		pages[i] = alloc_pages(gfp, order);
	barrier();
}

noinline void *page_owner_test_exact(size_t size);
noinline void *page_owner_test_exact(size_t size)
{
	void *p = alloc_pages_exact(size, GFP_KERNEL);

	barrier();
	return p;
}

static void free_all(struct page **pages, unsigned int nr, unsigned int order)
{
	for (unsigned int i = 0; i < nr; i++)
		if (pages[i])
			__free_pages(pages[i], order);
}

/* The function entry 0 of @info's stack lies in, or "(none)". */
static const char *top_function(const struct page_owner_info *info)
{
	const char *name = info->nr_entries ? kallsyms_lookup(info->entries[0], NULL, NULL) : NULL;

	return name ? name : "(none)";
}

static void leaked_blocks_are_reported_first_under_the_leaking_function(struct ktest *t)
{
	struct page *pages[LEAK_BLOCKS];
	const char *group, *stack;
	char want[64];
	u64 seq;

	NEED_PAGE_OWNER(t);
	seq = page_owner_seq();
	page_owner_test_leak(pages, LEAK_BLOCKS, LEAK_ORDER, GFP_KERNEL);
	for (unsigned int i = 0; i < LEAK_BLOCKS; i++)
		KTEST_ASSERT_NOT_NULL(t, pages[i]);
	printk_capture(report, sizeof(report));
	show_page_owner_since(seq, 3);
	printk_capture(NULL, 0);
	/* The first group after the totals: the most pages, ours. */
	group = strstr(report, " times, ");
	KTEST_ASSERT_NOT_NULL(t, group);
	while (group > report && group[-1] != '\n')
		group--;
	snprintf(want, sizeof(want), "%u times, %u pages:\n", LEAK_BLOCKS,
		 LEAK_BLOCKS << LEAK_ORDER);
	KTEST_EXPECT_EQ(t, strncmp(group, want, strlen(want)), 0);
	KTEST_EXPECT_EQ(t,
			strncmp(group + strlen(want),
				"Page allocated via order 2, mask 0xcc0(GFP_KERNEL), cpus ", 57),
			0);
	stack = strchr(group + strlen(want), '\n');
	KTEST_ASSERT_NOT_NULL(t, stack);
	KTEST_EXPECT_EQ(t, strncmp(stack + 1, " page_owner_test_leak+0x", 24), 0);
	if (strncmp(group, want, strlen(want)) ||
	    strncmp(stack + 1, " page_owner_test_leak+0x", 24))
		ktest_printf(t, "report seen:\n%s", report);
	free_all(pages, LEAK_BLOCKS, LEAK_ORDER);
	/* Freed, they are not counted any more. */
	printk_capture(report, sizeof(report));
	show_page_owner_since(seq, 0);
	printk_capture(NULL, 0);
	KTEST_EXPECT_NULL(t, strstr(report, "page_owner_test_leak"));
}

static void record_has_order_gfp_cpu_sequence_and_stack(struct ktest *t)
{
	struct page_owner_info info;
	struct page *page;
	unsigned int cpu;
	u64 seq;

	NEED_PAGE_OWNER(t);
	seq = page_owner_seq();
	cpu = smp_processor_id();
	page_owner_test_leak(&page, 1, 1, GFP_KERNEL | __GFP_ZERO);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_ASSERT_TRUE(t, page_owner_get(page, &info));
	KTEST_EXPECT_EQ(t, info.order, 1U);
	KTEST_EXPECT_EQ(t, info.gfp, GFP_KERNEL | __GFP_ZERO);
	KTEST_EXPECT_EQ(t, info.cpu, cpu);
	KTEST_EXPECT_GE(t, info.seq, seq);
	KTEST_EXPECT_LT(t, info.seq, page_owner_seq());
	KTEST_EXPECT_NE(t, info.handle, 0U);
	KTEST_EXPECT_STREQ(t, top_function(&info), "page_owner_test_leak");
	/* Entry 1: this test, which called the leaking function. */
	KTEST_ASSERT_TRUE(t, info.nr_entries >= 2);
	KTEST_EXPECT_STREQ(t, kallsyms_lookup(info.entries[1], NULL, NULL), __func__);
	__free_pages(page, 1);
}

static void reallocation_replaces_the_record(struct ktest *t)
{
	struct page_owner_info first, again;
	struct page *page, *page2;

	NEED_PAGE_OWNER(t);
	page_owner_test_leak(&page, 1, 0, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_ASSERT_TRUE(t, page_owner_get(page, &first));
	__free_pages(page, 0);
	/* A freed page keeps its last record until it is allocated again. */
	KTEST_ASSERT_TRUE(t, page_owner_get(page, &again));
	KTEST_EXPECT_EQ(t, again.seq, first.seq);
	page2 = alloc_page(GFP_KERNEL | __GFP_NOWARN);
	KTEST_ASSERT_NOT_NULL(t, page2);
	KTEST_ASSERT_TRUE(t, page_owner_get(page2, &again));
	KTEST_EXPECT_GT(t, again.seq, first.seq);
	KTEST_EXPECT_STREQ(t, top_function(&again), __func__);
	__free_pages(page2, 0);
}

static void dump_page_names_the_owner_of_a_block_and_of_its_pages(struct ktest *t)
{
	struct page *page;

	NEED_PAGE_OWNER(t);
	page_owner_test_leak(&page, 1, LEAK_ORDER, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, page);
	printk_capture(report, sizeof(report));
	dump_page(page, "page_owner test");
	printk_capture(NULL, 0);
	KTEST_EXPECT_NOT_NULL(t, strstr(report, "page_owner tracks the page as allocated\n"));
	KTEST_EXPECT_NOT_NULL(t, strstr(report, "page last allocated via order 2, gfp_mask "
						"0xcc0(GFP_KERNEL), cpu "));
	KTEST_EXPECT_NOT_NULL(t, strstr(report, "\n page_owner_test_leak+0x"));
	/* A page inside the block: through its first page. */
	printk_capture(report, sizeof(report));
	dump_page(page + 3, NULL);
	printk_capture(NULL, 0);
	KTEST_EXPECT_NOT_NULL(t,
			      strstr(report, "page_owner: the page is inside the order-2 block"));
	KTEST_EXPECT_NOT_NULL(t, strstr(report, "\n page_owner_test_leak+0x"));
	__free_pages(page, LEAK_ORDER);
	printk_capture(report, sizeof(report));
	dump_page(page, NULL);
	printk_capture(NULL, 0);
	KTEST_EXPECT_NOT_NULL(t, strstr(report, "page_owner tracks the page as freed\n"));
}

static void split_pages_each_carry_the_record(struct ktest *t)
{
	struct page_owner_info head, info;
	void *p;

	NEED_PAGE_OWNER(t);
	p = page_owner_test_exact(3 * PAGE_SIZE);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_ASSERT_TRUE(t, page_owner_get(virt_to_page(p), &head));
	KTEST_EXPECT_STREQ(t, top_function(&head), "page_owner_test_exact");
	for (unsigned int i = 0; i < 3; i++) {
		KTEST_ASSERT_TRUE(t,
				  page_owner_get(virt_to_page((char *)p + i * PAGE_SIZE), &info));
		KTEST_EXPECT_EQ(t, info.order, 0U);
		KTEST_EXPECT_EQ(t, info.seq, head.seq);
		KTEST_EXPECT_EQ(t, info.handle, head.handle);
	}
	free_pages_exact(p, 3 * PAGE_SIZE);
}

static void stack_depot_stores_each_trace_once(struct ktest *t)
{
	unsigned long a[3] = { 0x1000, 0x2000, 0x3000 }, b[3] = { 0x1000, 0x2000, 0x3001 };
	unsigned long *entries;
	depot_stack_handle_t ha, hb;

	if (!stack_depot_max_stacks())
		KTEST_SKIP(t, "the stack depot is set up by page_owner=on (off)");
	ha = stack_depot_save(a, 3, GFP_KERNEL);
	hb = stack_depot_save(b, 3, GFP_KERNEL);
	KTEST_EXPECT_NE(t, ha, 0U);
	KTEST_EXPECT_NE(t, hb, 0U);
	KTEST_EXPECT_NE(t, ha, hb);
	KTEST_EXPECT_EQ(t, stack_depot_save(a, 3, GFP_KERNEL), ha);
	KTEST_EXPECT_NE(t, stack_depot_save(a, 2, GFP_KERNEL), ha);
	KTEST_EXPECT_LE(t, ha, stack_depot_nr_stacks());
	KTEST_ASSERT_EQ(t, stack_depot_fetch(ha, &entries), 3U);
	KTEST_EXPECT_EQ(t, memcmp(entries, a, sizeof(a)), 0);
	KTEST_EXPECT_EQ(t, stack_depot_fetch(0, &entries), 0U);
	KTEST_EXPECT_NULL(t, entries);
	KTEST_EXPECT_EQ(t, stack_depot_save(a, 0, GFP_KERNEL), 0U);
}

static void off_sets_up_nothing_and_records_nothing(struct ktest *t)
{
	struct page_owner_info info;
	struct page *page;

	if (page_owner_enabled)
		KTEST_SKIP(t, "page_owner=on");
	KTEST_EXPECT_FALSE(t, page_owner_inited);
	KTEST_EXPECT_EQ(t, stack_depot_max_stacks(), 0U);
	KTEST_EXPECT_EQ(t, page_owner_seq(), 0ULL);
	page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_FALSE(t, page_owner_get(page, &info));
	__free_pages(page, 0);
	printk_capture(report, sizeof(report));
	show_page_owner();
	printk_capture(NULL, 0);
	KTEST_EXPECT_STREQ(t, report, "page_owner: off (boot with page_owner=on)\n");
}

KTEST_SUITE(page_owner, KTEST_CASE(leaked_blocks_are_reported_first_under_the_leaking_function),
	    KTEST_CASE(record_has_order_gfp_cpu_sequence_and_stack),
	    KTEST_CASE(reallocation_replaces_the_record),
	    KTEST_CASE(dump_page_names_the_owner_of_a_block_and_of_its_pages),
	    KTEST_CASE(split_pages_each_carry_the_record),
	    KTEST_CASE(stack_depot_stores_each_trace_once),
	    KTEST_CASE(off_sets_up_nothing_and_records_nothing));
