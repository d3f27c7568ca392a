/*
 * Bad calls into vmalloc: each is reported (the count of misuses goes up by
 * exactly one), returns NULL where it allocates, and changes nothing: the
 * live areas, their contents and the free memory stay as they were.
 */
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>
#include <string.h>
#include <vmalloc.h>

#include "slab_helpers.h"

#define VICTIM_PAGES 3

/* A live area whose contents the bad call must leave alone, and the state around it. */
struct scene {
	u8 *victim;
	unsigned long bad_calls;
	unsigned long areas;
	unsigned long vmalloc_pages;
};

static bool scene_set_up(struct ktest *t, struct scene *s)
{
	s->victim = vmalloc(VICTIM_PAGES * PAGE_SIZE);
	KTEST_EXPECT_NOT_NULL(t, s->victim);
	if (!s->victim)
		return false;
	memset(s->victim, 0x3c, VICTIM_PAGES * PAGE_SIZE);
	s->bad_calls = vmalloc_bad_calls();
	s->areas = nr_vmalloc_areas();
	s->vmalloc_pages = mm_stat(NR_VMALLOC);
	return true;
}

/* The bad call was reported once, and nothing changed; then the victim goes. */
static void expect_reported_and_unchanged(struct ktest *t, struct scene *s)
{
	KTEST_EXPECT_EQ(t, vmalloc_bad_calls(), s->bad_calls + 1);
	KTEST_EXPECT_EQ(t, nr_vmalloc_areas(), s->areas);
	KTEST_EXPECT_EQ(t, mm_stat(NR_VMALLOC), s->vmalloc_pages);
	KTEST_EXPECT_NOT_NULL(t, find_vm_area(s->victim));
	KTEST_EXPECT_NULL(t, memchr_inv(s->victim, 0x3c, VICTIM_PAGES * PAGE_SIZE));
	vfree(s->victim);
}

static void vfree_of_an_interior_pointer_is_reported(struct ktest *t)
{
	struct scene s;

	if (!scene_set_up(t, &s))
		return;
	vfree(s.victim + PAGE_SIZE);
	expect_reported_and_unchanged(t, &s);
}

static void vfree_of_a_guard_page_address_is_reported(struct ktest *t)
{
	struct scene s;

	if (!scene_set_up(t, &s))
		return;
	vfree(s.victim + VICTIM_PAGES * PAGE_SIZE);
	expect_reported_and_unchanged(t, &s);
}

static void vfree_of_a_direct_map_address_is_reported(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);
	struct scene s;

	KTEST_ASSERT_NOT_NULL(t, page);
	if (scene_set_up(t, &s)) {
		vfree(page_address(page));
		expect_reported_and_unchanged(t, &s);
	}
	KTEST_EXPECT_TRUE(t, PageAllocated(page));
	__free_page(page);
}

static void vfree_of_a_kmalloc_pointer_is_reported(struct ktest *t)
{
	u8 *obj = kmalloc(64, GFP_KERNEL);
	struct scene s;

	KTEST_ASSERT_NOT_NULL(t, obj);
	memset(obj, 0x77, 64);
	if (scene_set_up(t, &s)) {
		vfree(obj);
		expect_reported_and_unchanged(t, &s);
	}
	KTEST_EXPECT_NULL(t, memchr_inv(obj, 0x77, 64));
	kfree(obj);
}

static void vfree_of_random_addresses_is_reported(struct ktest *t)
{
	const unsigned long addrs[] = { 0x1234, VMALLOC_END - PAGE_SIZE, VMALLOC_START + 12345,
					~0UL - 4095 };

	for (unsigned int i = 0; i < ARRAY_SIZE(addrs); i++) {
		struct scene s;

		if (!scene_set_up(t, &s))
			return;
		vfree((void *)addrs[i]);
		expect_reported_and_unchanged(t, &s);
	}
}

static void double_vfree_is_reported(struct ktest *t)
{
	unsigned long free_before = quiesced_free_pages();
	struct scene s;
	void *p;

	if (!scene_set_up(t, &s))
		return;
	p = vmalloc(2 * PAGE_SIZE);
	KTEST_ASSERT_NOT_NULL(t, p);
	vfree(p);
	vfree(p);
	expect_reported_and_unchanged(t, &s);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), free_before);
}

static void vunmap_of_a_vmalloc_area_is_reported(struct ktest *t)
{
	struct scene s;

	if (!scene_set_up(t, &s))
		return;
	vunmap(s.victim);
	expect_reported_and_unchanged(t, &s);
}

static void vunmap_of_an_interior_pointer_is_reported(struct ktest *t)
{
	struct page *pages[2] = { alloc_page(GFP_KERNEL), alloc_page(GFP_KERNEL) };
	struct scene s;
	u8 *p;

	KTEST_ASSERT_NOT_NULL(t, pages[0]);
	KTEST_ASSERT_NOT_NULL(t, pages[1]);
	p = vmap(pages, 2, VM_MAP, PAGE_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	if (scene_set_up(t, &s)) {
		vunmap(p + PAGE_SIZE);
		expect_reported_and_unchanged(t, &s);
	}
	KTEST_EXPECT_PTR_EQ(t, vmalloc_to_page(p + PAGE_SIZE), pages[1]);
	vunmap(p);
	__free_page(pages[0]);
	__free_page(pages[1]);
}

/* @size must give NULL, with one report, and allocate nothing. */
static void expect_refused(struct ktest *t, unsigned long size)
{
	unsigned long free_before = quiesced_free_pages();
	struct scene s;

	if (!scene_set_up(t, &s))
		return;
	KTEST_EXPECT_NULL(t, vmalloc(size));
	expect_reported_and_unchanged(t, &s);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), free_before);
}

static void vmalloc_of_zero_bytes_returns_null_with_a_warning(struct ktest *t)
{
	expect_refused(t, 0);
}

static void sizes_that_overflow_when_rounded_up_return_null(struct ktest *t)
{
	expect_refused(t, ~0UL);
	expect_refused(t, ~0UL - PAGE_SIZE + 2);
}

static void vmalloc_larger_than_the_region_returns_null(struct ktest *t)
{
	expect_refused(t, VMALLOC_END - VMALLOC_START);
	expect_refused(t, VMALLOC_END - VMALLOC_START - PAGE_SIZE + 1);
}

static void vmalloc_larger_than_memory_fails_and_gives_everything_back(struct ktest *t)
{
	unsigned long free_before = quiesced_free_pages(), areas = nr_vmalloc_areas();
	/* Fits the region, but not in RAM: fails part way through allocating pages. */
	unsigned long size = (totalram_pages() + 1) * PAGE_SIZE;

	if (size > VMALLOC_END - VMALLOC_START - PAGE_SIZE)
		KTEST_SKIP(t, "RAM is larger than the vmalloc region");
	KTEST_EXPECT_NULL(t, __vmalloc(size, GFP_KERNEL | __GFP_NOWARN));
	KTEST_EXPECT_EQ(t, nr_vmalloc_areas(), areas);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), free_before);
}

KTEST_SUITE(vmalloc_bad_input, KTEST_CASE(vfree_of_an_interior_pointer_is_reported),
	    KTEST_CASE(vfree_of_a_guard_page_address_is_reported),
	    KTEST_CASE(vfree_of_a_direct_map_address_is_reported),
	    KTEST_CASE(vfree_of_a_kmalloc_pointer_is_reported),
	    KTEST_CASE(vfree_of_random_addresses_is_reported), KTEST_CASE(double_vfree_is_reported),
	    KTEST_CASE(vunmap_of_a_vmalloc_area_is_reported),
	    KTEST_CASE(vunmap_of_an_interior_pointer_is_reported),
	    KTEST_CASE(vmalloc_of_zero_bytes_returns_null_with_a_warning),
	    KTEST_CASE(sizes_that_overflow_when_rounded_up_return_null),
	    KTEST_CASE(vmalloc_larger_than_the_region_returns_null),
	    KTEST_CASE(vmalloc_larger_than_memory_fails_and_gives_everything_back));
