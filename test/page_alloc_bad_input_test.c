/*
 * Self-tests of the page allocator's answers to bad calls: each case makes
 * one bad free (or an allocation above MAX_ORDER) and checks that exactly
 * one "BUG: Bad page state" report (or warning) was printed and that the
 * free lists, free counts and per-CPU lists did not change. The reports in
 * the log are on purpose.
 */
#include <bug.h>
#include <kernel.h>
#include <ktest.h>
#include <memblock.h>
#include <mm.h>
#include <slab.h>
#include <string.h>

#include "../mm/internal.h"
#include "page_alloc_helpers.h"

/* The state just before the bad call, and the report count. */
struct bad_call {
	struct buddy_snapshot state;
	unsigned long reports, warnings;
};

static void before_bad_call(struct bad_call *c)
{
	buddy_snapshot_take(&c->state);
	c->reports = bad_page_reports();
	c->warnings = warn_count();
}

/* Exactly @reports bad-page reports since before_bad_call(), and nothing changed. */
static void expect_reported_and_unchanged(struct ktest *t, const struct bad_call *c,
					  unsigned long reports)
{
	KTEST_EXPECT_EQ(t, bad_page_reports(), c->reports + reports);
	expect_buddy_state(t, &c->state);
}

static void double_free_of_a_block_is_reported(struct ktest *t)
{
	struct buddy_snapshot base;
	struct bad_call c;
	struct page *page;

	page_alloc_baseline(&base);
	page = alloc_pages(GFP_KERNEL, 2);
	KTEST_ASSERT_NOT_NULL(t, page);
	__free_pages(page, 2);
	before_bad_call(&c);
	__free_pages(page, 2);
	expect_reported_and_unchanged(t, &c, 1);
	expect_page_alloc_baseline(t, &base);
}

static void double_free_of_a_page_on_a_per_cpu_list_is_reported(struct ktest *t)
{
	struct buddy_snapshot base;
	struct bad_call c;
	struct page *page;

	page_alloc_baseline(&base);
	page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, page);
	__free_page(page);
	KTEST_ASSERT_TRUE(t, PagePcp(page));
	before_bad_call(&c);
	__free_page(page);
	KTEST_EXPECT_TRUE(t, PagePcp(page));
	expect_reported_and_unchanged(t, &c, 1);
	expect_page_alloc_baseline(t, &base);
}

static void double_free_inside_a_merged_free_block_is_reported(struct ktest *t)
{
	struct buddy_snapshot base;
	struct bad_call c;
	struct page *page;

	page_alloc_baseline(&base);
	page = alloc_pages(GFP_KERNEL, 3);
	KTEST_ASSERT_NOT_NULL(t, page);
	split_page(page, 3);
	for (int i = 0; i < 8; i++)
		__free_page(page + i);
	drain_all_pages(NULL); /* page + 1 is now inside a free block of order 3 or more */
	KTEST_EXPECT_FALSE(t, PageBuddy(page + 1));
	before_bad_call(&c);
	__free_page(page + 1);
	expect_reported_and_unchanged(t, &c, 1);
	expect_page_alloc_baseline(t, &base);
}

static void double_free_by_address_is_reported(struct ktest *t)
{
	struct buddy_snapshot base;
	struct bad_call c;
	unsigned long addr;

	page_alloc_baseline(&base);
	addr = __get_free_pages(GFP_KERNEL, 1);
	KTEST_ASSERT_NE(t, addr, 0UL);
	free_pages(addr, 1);
	before_bad_call(&c);
	free_pages(addr, 1);
	expect_reported_and_unchanged(t, &c, 1);
	expect_page_alloc_baseline(t, &base);
}

static void free_with_the_wrong_order_is_reported(struct ktest *t)
{
	struct buddy_snapshot base;
	struct bad_call c;
	struct page *page;

	page_alloc_baseline(&base);
	page = alloc_pages(GFP_KERNEL, 2);
	KTEST_ASSERT_NOT_NULL(t, page);
	before_bad_call(&c);
	__free_pages(page, 1);
	expect_reported_and_unchanged(t, &c, 1);
	before_bad_call(&c);
	__free_pages(page, 3);
	expect_reported_and_unchanged(t, &c, 1);
	KTEST_EXPECT_TRUE(t, PageAllocated(page)); /* still the caller's */
	__free_pages(page, 2);
	expect_page_alloc_baseline(t, &base);
}

static void free_with_an_order_above_max_order_is_reported(struct ktest *t)
{
	struct buddy_snapshot base;
	struct bad_call c;
	struct page *page;

	page_alloc_baseline(&base);
	page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, page);
	before_bad_call(&c);
	__free_pages(page, MAX_ORDER + 1);
	expect_reported_and_unchanged(t, &c, 1);
	__free_page(page);
	expect_page_alloc_baseline(t, &base);
}

static void free_of_an_unaligned_address_is_reported(struct ktest *t)
{
	struct buddy_snapshot base;
	struct bad_call c;
	unsigned long addr;

	page_alloc_baseline(&base);
	addr = __get_free_page(GFP_KERNEL);
	KTEST_ASSERT_NE(t, addr, 0UL);
	before_bad_call(&c);
	free_page(addr + 8);
	expect_reported_and_unchanged(t, &c, 1);
	free_page(addr);
	expect_page_alloc_baseline(t, &base);
}

static void free_of_an_address_outside_ram_is_reported(struct ktest *t)
{
	phys_addr_t end = memblock_end_of_DRAM(), start = memblock_start_of_DRAM();
	struct bad_call c;

	before_bad_call(&c);
	free_page((unsigned long)phys_to_virt(end));
	expect_reported_and_unchanged(t, &c, 1);
	before_bad_call(&c);
	free_pages((unsigned long)phys_to_virt(end + 64 * PAGE_SIZE), 3);
	expect_reported_and_unchanged(t, &c, 1);
	if (start >= PAGE_SIZE) {
		before_bad_call(&c);
		free_page((unsigned long)phys_to_virt(start - PAGE_SIZE));
		expect_reported_and_unchanged(t, &c, 1);
	}
}

static void free_of_an_address_in_a_hole_between_banks_is_reported(struct ktest *t)
{
	const struct memblock_region *r = &memblock.memory.regions[0];
	struct bad_call c;

	if (memblock.memory.cnt < 2)
		KTEST_SKIP(t, "needs RAM in two or more banks with holes between them "
			      "(host: tools/mkdts --banks 2 or 3)");
	before_bad_call(&c);
	free_page((unsigned long)phys_to_virt(ALIGN(r->base + r->size, PAGE_SIZE)));
	expect_reported_and_unchanged(t, &c, 1);
}

static void free_of_a_reserved_page_is_reported(struct ktest *t)
{
	const struct mem_section *ms =
		&mem_section[pfn_to_section_nr(PFN_UP(memblock_start_of_DRAM()))];
	struct page *reserved;
	struct bad_call c;

	/* The page that holds the struct pages themselves: reserved since boot. */
	reserved = virt_to_page(ms->mem_map);
	KTEST_ASSERT_TRUE(t, PageReserved(reserved));
	before_bad_call(&c);
	__free_page(reserved);
	expect_reported_and_unchanged(t, &c, 1);
	before_bad_call(&c);
	free_page((unsigned long)ms->mem_map & PAGE_MASK);
	expect_reported_and_unchanged(t, &c, 1);
	KTEST_EXPECT_TRUE(t, PageReserved(reserved));
}

static void free_of_an_interior_page_of_an_allocated_block_is_reported(struct ktest *t)
{
	struct buddy_snapshot base;
	struct bad_call c;
	struct page *page;

	page_alloc_baseline(&base);
	page = alloc_pages(GFP_KERNEL, 3);
	KTEST_ASSERT_NOT_NULL(t, page);
	before_bad_call(&c);
	__free_page(page + 3);
	expect_reported_and_unchanged(t, &c, 1);
	before_bad_call(&c);
	__free_pages(page + 4, 2); /* an aligned quarter is still not a block of its own */
	expect_reported_and_unchanged(t, &c, 1);
	before_bad_call(&c);
	free_page((unsigned long)page_address(page) + 5 * PAGE_SIZE);
	expect_reported_and_unchanged(t, &c, 1);
	__free_pages(page, 3);
	expect_page_alloc_baseline(t, &base);
}

static void free_of_a_compound_tail_page_is_reported(struct ktest *t)
{
	struct buddy_snapshot base;
	struct bad_call c;
	struct page *head;

	page_alloc_baseline(&base);
	head = alloc_pages(GFP_KERNEL | __GFP_COMP, 2);
	KTEST_ASSERT_NOT_NULL(t, head);
	before_bad_call(&c);
	__free_page(head + 1);
	expect_reported_and_unchanged(t, &c, 1);
	KTEST_EXPECT_PTR_EQ(t, compound_head(head + 1), head);
	__free_pages(head, 2);
	expect_page_alloc_baseline(t, &base);
}

static void free_of_a_page_still_owned_by_slab_is_reported(struct ktest *t)
{
	struct buddy_snapshot base;
	struct bad_call c;
	struct page *page;

	page_alloc_baseline(&base);
	page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, page);
	__SetPageSlab(page);
	before_bad_call(&c);
	__free_page(page);
	expect_reported_and_unchanged(t, &c, 1);
	__ClearPageSlab(page);
	__free_page(page);
	expect_page_alloc_baseline(t, &base);
}

/*
 * __free_pages() of a large kmalloc() block is not kfree(): reported, and the
 * block stays the caller's (PG_large_kmalloc and PG_allocated kept), so that
 * the kfree() after it still works.
 */
static void free_pages_of_a_large_kmalloc_block_is_reported(struct ktest *t)
{
	size_t size = 2 * KMALLOC_MAX_CACHE_SIZE;
	struct buddy_snapshot base;
	struct bad_call c;
	struct page *page;
	void *p;

	page_alloc_baseline(&base);
	p = kmalloc(size, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	page = virt_to_page(p);
	KTEST_ASSERT_TRUE(t, PageLargeKmalloc(page));
	before_bad_call(&c);
	__free_pages(page, get_order(size));
	expect_reported_and_unchanged(t, &c, 1);
	KTEST_EXPECT_TRUE(t, PageLargeKmalloc(page));
	KTEST_EXPECT_TRUE(t, PageAllocated(page));
	kfree(p);
	expect_page_alloc_baseline(t, &base);
}

/*
 * Every page flag but the three a free may find (PG_allocated, which it must,
 * PG_head, a compound block freed whole, and PG_free_hooks, a block to
 * zero) makes a free of a block that
 * carries it a bad free: reported, nothing freed. Walks every flag, so that
 * a new one the free-time check forgets fails here. Both paths: order 0 (the
 * fast path first) and order 1.
 */
static void every_flag_that_must_not_survive_a_free_is_caught(struct ktest *t)
{
	struct buddy_snapshot base;

	page_alloc_baseline(&base);
	for (int f = 0; f < NR_PAGEFLAGS; f++) {
		if (f == PG_allocated || f == PG_head || f == PG_free_hooks)
			continue;
		for (unsigned int order = 0; order <= 1; order++) {
			struct page *page = alloc_pages(GFP_KERNEL, order);
			unsigned long flags;
			struct bad_call c;

			KTEST_ASSERT_NOT_NULL(t, page);
			if (f == PG_tail)
				page->head_page = page; /* what the report reads of a tail */
			page->flags |= 1UL << f;
			flags = page->flags;
			before_bad_call(&c);
			__free_pages(page, order);
			if (bad_page_reports() != c.reports + 1)
				KTEST_FAIL(t,
					   "flag %d (bit %#lx), order %u: expected a bad-page "
					   "report, saw %lu",
					   f, 1UL << f, order, bad_page_reports() - c.reports);
			expect_buddy_state(t, &c.state);
			KTEST_EXPECT_EQ(t, page->flags, flags);
			page->flags &= ~(1UL << f);
			__free_pages(page, order);
		}
	}
	expect_page_alloc_baseline(t, &base);
}

/* dump_page() names every flag: a name of its own, never "(null)". */
static void every_page_flag_is_named_by_dump_page(struct ktest *t)
{
	char names[NR_PAGEFLAGS][32];

	for (int f = 0; f < NR_PAGEFLAGS; f++) {
		format_page_flags(names[f], sizeof(names[f]), 1UL << f);
		if (!names[f][0] || strchr(names[f], '(') || strchr(names[f], '|'))
			KTEST_FAIL(t, "flag %d: expected a name, saw \"%s\"", f, names[f]);
		for (int g = 0; g < f; g++)
			if (!strcmp(names[f], names[g]))
				KTEST_FAIL(t, "flags %d and %d: both named \"%s\"", g, f, names[f]);
	}
	KTEST_EXPECT_STREQ(t, names[PG_large_kmalloc], "large_kmalloc");
}

static void alloc_above_max_order_warns_and_returns_null(struct ktest *t)
{
	struct bad_call c;

	before_bad_call(&c);
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_KERNEL, MAX_ORDER + 1));
	KTEST_EXPECT_EQ(t, warn_count(), c.warnings + 1);
	expect_reported_and_unchanged(t, &c, 0);

	before_bad_call(&c);
	KTEST_EXPECT_EQ(t, __get_free_pages(GFP_KERNEL | __GFP_NOWARN, 64), 0UL);
	KTEST_EXPECT_EQ(t, warn_count(), c.warnings);
	expect_reported_and_unchanged(t, &c, 0);
}

KTEST_SUITE(page_alloc_bad_input,
	    KTEST_CASE(double_free_of_a_block_is_reported),
	    KTEST_CASE(double_free_of_a_page_on_a_per_cpu_list_is_reported),
	    KTEST_CASE(double_free_inside_a_merged_free_block_is_reported),
	    KTEST_CASE(double_free_by_address_is_reported),
	    KTEST_CASE(free_with_the_wrong_order_is_reported),
	    KTEST_CASE(free_with_an_order_above_max_order_is_reported),
	    KTEST_CASE(free_of_an_unaligned_address_is_reported),
	    KTEST_CASE(free_of_an_address_outside_ram_is_reported),
	    KTEST_CASE(free_of_an_address_in_a_hole_between_banks_is_reported),
	    KTEST_CASE(free_of_a_reserved_page_is_reported),
	    KTEST_CASE(free_of_an_interior_page_of_an_allocated_block_is_reported),
	    KTEST_CASE(free_of_a_compound_tail_page_is_reported),
	    KTEST_CASE(free_of_a_page_still_owned_by_slab_is_reported),
	    KTEST_CASE(free_pages_of_a_large_kmalloc_block_is_reported),
	    KTEST_CASE(every_flag_that_must_not_survive_a_free_is_caught),
	    KTEST_CASE(every_page_flag_is_named_by_dump_page),
	    KTEST_CASE(alloc_above_max_order_warns_and_returns_null));
