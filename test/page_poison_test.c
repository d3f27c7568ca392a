/*
 * Self-tests of page_poison=1 (mm/page_poison.c): a freed block holds
 * PAGE_POISON; a write to a free page is reported as the page is allocated
 * again, with its pfn and the offsets changed, and the page handed out as it
 * is (Linux's choice); __GFP_ZERO still zeroes; init_on_alloc and
 * init_on_free yield to the poison. Under debug_pagealloc=on a free page is
 * not mapped, so the cases reach it through a vmap() alias. With the option
 * off, a write to a free page is not reported. Each case skips unless its
 * state of the option is the boot's: tools/run-tests boots the suite both ways.
 */
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <string.h>
#include <vmalloc.h>

#define REPORT_MAX 4096
static char report[REPORT_MAX];

/* Allocations made to get a freed page back before giving up. */
#define MAX_TRIES 64

#define NEED_PAGE_POISON(t)                                                       \
	do {                                                                      \
		if (!page_poisoning_enabled())                                    \
			KTEST_SKIP(t, "needs page_poison=1 (off: boot with it)"); \
	} while (0)

/* The allocating function the reports must name: global, out of line, not a tail call. */
noinline struct page *page_poison_test_alloc(gfp_t gfp);
noinline struct page *page_poison_test_alloc(gfp_t gfp)
{
	struct page *page = alloc_page(gfp);

	barrier();
	return page;
}

/*
 * Allocate single pages until the free page @want comes back (the per-CPU
 * list hands out the page freed last first, so it is at once, as a rule);
 * the others go back. NULL if it did not come back.
 */
static struct page *alloc_back(struct page *want)
{
	gfp_t gfp = page_zonenum(want) == ZONE_DMA32 ? GFP_KERNEL | __GFP_DMA32 : GFP_KERNEL;
	struct page *held[MAX_TRIES], *got = NULL;
	unsigned int n = 0;

	while (n < MAX_TRIES) {
		struct page *page = page_poison_test_alloc(gfp);

		if (!page || page == want) {
			got = page;
			break;
		}
		held[n++] = page;
	}
	while (n)
		__free_page(held[--n]);
	return got;
}

/*
 * Where @page's bytes may still be touched once it is free: the direct map,
 * or under debug_pagealloc=on (which unmaps it there) a vmap() alias, made
 * while it is allocated: made later, the alias's own page-table page could
 * be that very page.
 */
static u8 *free_page_alias(struct page *page)
{
	if (!debug_pagealloc_enabled())
		return page_address(page);
	return vmap(&page, 1, VM_MAP, PAGE_KERNEL);
}

static void put_free_page_alias(struct page *page, u8 *alias)
{
	if (alias != page_address(page))
		vunmap(alias);
}

static void expect_in_report(struct ktest *t, const char *want)
{
	if (!strstr(report, want))
		ktest_fail_at(t, __FILE__, __LINE__,
			      "expected the report to contain \"%s\", seen:\n%s", want, report);
}

static void freed_pages_hold_page_poison(struct ktest *t)
{
	struct page *pages[1 << 4];
	struct page *block;
	u8 *alias;

	NEED_PAGE_POISON(t);
	block = alloc_pages(GFP_KERNEL, 4);
	KTEST_ASSERT_NOT_NULL(t, block);
	memset(page_address(block), 0x11, PAGE_SIZE << 4);
	for (unsigned int i = 0; i < ARRAY_SIZE(pages); i++)
		pages[i] = block + i;
	alias = vmap(pages, ARRAY_SIZE(pages), VM_MAP, PAGE_KERNEL); /* see free_page_alias() */
	KTEST_ASSERT_NOT_NULL(t, alias);
	__free_pages(block, 4);
	KTEST_EXPECT_NULL(t, memchr_inv(alias, PAGE_POISON, PAGE_SIZE << 4));
	vunmap(alias);
}

/*
 * Free a page, change @len bytes of it from @offset on to @val while it is
 * free, allocate it again: one report, with the expected lines.
 */
static void write_while_free_is_reported(struct ktest *t, unsigned long offset, u8 val,
					 unsigned long len, const char *kind)
{
	unsigned long reports = page_poison_reports();
	struct page *page = alloc_page(GFP_KERNEL), *again;
	char want[160];
	u8 *alias;

	KTEST_ASSERT_NOT_NULL(t, page);
	alias = free_page_alias(page);
	KTEST_ASSERT_NOT_NULL(t, alias);
	__free_page(page);
	memset(alias + offset, val, len);
	put_free_page_alias(page, alias);
	printk_capture(report, sizeof(report));
	again = alloc_back(page);
	printk_capture(NULL, 0);
	KTEST_ASSERT_TRUE(t, again == page);
	KTEST_EXPECT_EQ(t, page_poison_reports(), reports + 1);
	expect_in_report(t, kind);
	snprintf(want, sizeof(want),
		 "pfn %#lx was written while free: %lu byte%s changed at offsets "
		 "%#lx-%#lx, found as page_poison_test_alloc+0x",
		 page_to_pfn(page), len, len == 1 ? "" : "s", offset, offset + len - 1);
	expect_in_report(t, want);
	expect_in_report(t, "page dumped because: pagealloc: corrupted page details");
	/* Reported, then handed out as it is, as Linux does. */
	KTEST_EXPECT_EQ(t, ((u8 *)page_address(page))[offset + len - 1], val);
	__free_page(page);
}

static void write_to_a_free_page_is_reported_with_its_offsets(struct ktest *t)
{
	NEED_PAGE_POISON(t);
	write_while_free_is_reported(t, 0x123, 0x11, 0x20, "pagealloc: memory corruption\n");
}

static void single_bit_flip_is_reported_as_such(struct ktest *t)
{
	NEED_PAGE_POISON(t);
	write_while_free_is_reported(t, PAGE_SIZE - 1, PAGE_POISON ^ 0x10, 1,
				     "pagealloc: single bit error\n");
}

static void untouched_pages_come_back_poisoned_without_a_report(struct ktest *t)
{
	unsigned long reports = page_poison_reports();
	struct page *page;

	NEED_PAGE_POISON(t);
	page = alloc_pages(GFP_KERNEL, 4);
	KTEST_ASSERT_NOT_NULL(t, page);
	/* No __GFP_ZERO, and init_on_alloc is off under page_poison: the poison stays. */
	KTEST_EXPECT_NULL(t, memchr_inv(page_address(page), PAGE_POISON, PAGE_SIZE << 4));
	KTEST_EXPECT_EQ(t, page_poison_reports(), reports);
	__free_pages(page, 4);
}

static void gfp_zero_still_gives_zeroes(struct ktest *t)
{
	struct page *page;
	unsigned long addr;

	NEED_PAGE_POISON(t);
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 4);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_NULL(t, memchr_inv(page_address(page), 0, PAGE_SIZE << 4));
	__free_pages(page, 4);
	addr = get_zeroed_page(GFP_KERNEL);
	KTEST_ASSERT_NE(t, addr, 0UL);
	KTEST_EXPECT_NULL(t, memchr_inv((void *)addr, 0, PAGE_SIZE));
	free_page(addr);
}

static void init_on_alloc_and_init_on_free_yield_to_the_poison(struct ktest *t)
{
	NEED_PAGE_POISON(t);
	KTEST_EXPECT_FALSE(t, want_init_on_alloc(0));
	KTEST_EXPECT_FALSE(t, want_init_on_free());
}

static void write_to_a_free_page_is_not_reported_when_off(struct ktest *t)
{
	unsigned long reports = page_poison_reports();
	struct page *page, *again;

	if (page_poisoning_enabled())
		KTEST_SKIP(t, "page_poison=1: such writes are reported (the other cases)");
	if (debug_pagealloc_enabled())
		KTEST_SKIP(t, "debug_pagealloc=on: a free page cannot be written in place");
	page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, page);
	__free_page(page);
	memset(page_address(page), 0x11, 16); /* free, and still mapped */
	printk_capture(report, sizeof(report));
	again = alloc_back(page);
	printk_capture(NULL, 0);
	KTEST_EXPECT_EQ(t, page_poison_reports(), reports);
	KTEST_EXPECT_NULL(t, strstr(report, "pagealloc:"));
	if (again)
		__free_page(again);
}

KTEST_SUITE(page_poison, KTEST_CASE(freed_pages_hold_page_poison),
	    KTEST_CASE(write_to_a_free_page_is_reported_with_its_offsets),
	    KTEST_CASE(single_bit_flip_is_reported_as_such),
	    KTEST_CASE(untouched_pages_come_back_poisoned_without_a_report),
	    KTEST_CASE(gfp_zero_still_gives_zeroes),
	    KTEST_CASE(init_on_alloc_and_init_on_free_yield_to_the_poison),
	    KTEST_CASE(write_to_a_free_page_is_not_reported_when_off));
