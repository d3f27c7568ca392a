/*
 * paging_init()'s report of a range it cannot map: each case panics on
 * purpose, so the suite is manual (ktest.filter=paging_init_report.<case>);
 * tools/test-harness runs each and checks that the panic names the range and
 * the error itself, not "out of memory" whatever went wrong.
 */
#include <asm/port.h>
#include <fault_inject.h>
#include <gfp.h>
#include <ktest.h>
#include <mm.h>
#include <pgtable.h>

static void unaligned_range_is_reported_as_einval(struct ktest *t)
{
	unsigned long page = __get_free_page(GFP_KERNEL);

	KTEST_ASSERT_NE(t, page, 0UL);
	paging_init_map("an unaligned range", VMALLOC_END - 2 * PAGE_SIZE + 8,
			virt_to_phys((void *)page), PAGE_SIZE, PAGE_KERNEL);
	KTEST_FAIL(t, "paging_init_map() of an unaligned range returned instead of panicking");
}

static void missing_table_page_is_reported_as_enomem(struct ktest *t)
{
	const struct fault_attr every_page = { .interval = 1, .probability = 100, .times = -1 };
	unsigned long page = __get_free_page(GFP_KERNEL);

	KTEST_ASSERT_NE(t, page, 0UL);
	/* The last 2 MiB of vmalloc space: vmalloc works upwards, so no table maps it yet. */
	fault_inject_set(FAULT_FAIL_PAGE_ALLOC, &every_page);
	paging_init_map("a range needing a table", VMALLOC_END - PAGE_SIZE,
			virt_to_phys((void *)page), PAGE_SIZE, PAGE_KERNEL);
	fault_inject_off(FAULT_FAIL_PAGE_ALLOC);
	KTEST_FAIL(t, "paging_init_map() without table pages returned instead of panicking");
}

KTEST_MANUAL_SUITE(paging_init_report, KTEST_CASE(unaligned_range_is_reported_as_einval),
		   KTEST_CASE(missing_table_page_is_reported_as_enomem));
