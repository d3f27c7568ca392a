/*
 * Self-tests of vmalloc (mm/vmalloc.c, mm/vmap_area.c): what the API
 * promises (contents shared with the direct map, zeroing, DMA32 pages, guard
 * pages that fault and name their area, vmap, kvmalloc, accounting), and
 * that every test gives all of its memory back (free pages counted after the
 * shrinkers ran: slab's empty slabs and vmalloc's empty page tables).
 */
#include <errno.h>
#include <fault.h>
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <pgtable.h>
#include <slab.h>
#include <string.h>
#include <vmalloc.h>

#include "slab_helpers.h"

/* A byte that depends on where it is: a page shifted or swapped shows up. */
static u8 pattern_at(unsigned long addr)
{
	return (u8)(addr ^ addr >> 12 ^ addr >> 20);
}

static void vmalloc_writes_are_seen_through_the_direct_map_and_back(struct ktest *t)
{
	const unsigned long pages = 5;
	unsigned long free_before = quiesced_free_pages();
	u8 *p = vmalloc(pages * PAGE_SIZE);

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_TRUE(t, is_vmalloc_addr(p));
	KTEST_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)p, PAGE_SIZE));
	for (unsigned long i = 0; i < pages * PAGE_SIZE; i++)
		p[i] = pattern_at((unsigned long)p + i);
	for (unsigned long pg = 0; pg < pages; pg++) {
		struct page *page = vmalloc_to_page(p + pg * PAGE_SIZE + 7);
		u8 *direct;

		KTEST_ASSERT_NOT_NULL(t, page);
		KTEST_EXPECT_EQ(t, vmalloc_to_pfn(p + pg * PAGE_SIZE), page_to_pfn(page));
		direct = page_address(page);
		KTEST_EXPECT_FALSE(t, is_vmalloc_addr(direct));
		for (unsigned long i = 0; i < PAGE_SIZE; i++)
			if (direct[i] != pattern_at((unsigned long)p + pg * PAGE_SIZE + i)) {
				KTEST_FAIL(
					t,
					"page %lu byte %lu: direct map has %#x, vmalloc wrote %#x",
					pg, i, direct[i],
					pattern_at((unsigned long)p + pg * PAGE_SIZE + i));
				break;
			}
		/* And the other way. */
		direct[100] = 0xa7;
		KTEST_EXPECT_EQ(t, p[pg * PAGE_SIZE + 100], 0xa7);
	}
	vfree(p);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), free_before);
}

static void vzalloc_memory_is_zero_even_where_pages_were_dirty(struct ktest *t)
{
	unsigned long free_before = quiesced_free_pages();
	const unsigned long size = 8 * PAGE_SIZE;
	u8 *p = vmalloc(size);

	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 0xee, size);
	vfree(p);
	p = vzalloc(size);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_NULL(t, memchr_inv(p, 0, size));
	vfree(p);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), free_before);
}

static void vmalloc_32_pages_all_lie_below_4g(struct ktest *t)
{
	const unsigned long pages = 64;
	unsigned long free_before;
	u8 *p;

	if (!populated_zone(&node_zones[ZONE_DMA32]))
		KTEST_SKIP(t, "no RAM below 4 GiB on this machine (ZONE_DMA32 is empty)");
	free_before = quiesced_free_pages();
	p = vmalloc_32(pages * PAGE_SIZE);
	KTEST_ASSERT_NOT_NULL(t, p);
	for (unsigned long pg = 0; pg < pages; pg++) {
		unsigned long pfn = vmalloc_to_pfn(p + pg * PAGE_SIZE);

		KTEST_EXPECT_LT(t, PFN_PHYS(pfn), 1ULL << 32);
		KTEST_EXPECT_EQ(t, page_zonenum(pfn_to_page(pfn)), ZONE_DMA32);
	}
	vfree(p);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), free_before);
}

static void sizes_round_up_to_whole_pages_with_a_guard_page_after(struct ktest *t)
{
	unsigned long free_before = quiesced_free_pages();
	static const unsigned long sizes[] = { 1, PAGE_SIZE - 1, PAGE_SIZE, PAGE_SIZE + 1,
					       3 * PAGE_SIZE + 17 };

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned long pages = DIV_ROUND_UP(sizes[i], PAGE_SIZE);
		unsigned long used = mm_stat(NR_VMALLOC);
		u8 *p = vmalloc(sizes[i]);
		struct vm_struct *vm;
		unsigned int level;

		KTEST_ASSERT_NOT_NULL(t, p);
		vm = find_vm_area(p);
		KTEST_ASSERT_NOT_NULL(t, vm);
		KTEST_EXPECT_PTR_EQ(t, vm->addr, (void *)p);
		KTEST_EXPECT_EQ(t, vm->size, (pages + 1) * PAGE_SIZE);
		KTEST_EXPECT_EQ(t, vm->nr_pages, (unsigned int)pages);
		KTEST_EXPECT_EQ(t, vm->flags, (unsigned long)VM_ALLOC);
		KTEST_EXPECT_EQ(t, mm_stat(NR_VMALLOC), used + pages);
		/* Interior and guard addresses find the same area; the guard maps nothing. */
		KTEST_EXPECT_PTR_EQ(t, find_vm_area(p + pages * PAGE_SIZE - 1), vm);
		KTEST_EXPECT_PTR_EQ(t, find_vm_area(p + pages * PAGE_SIZE), vm);
		KTEST_EXPECT_NOT_NULL(
			t, lookup_kernel_pte((unsigned long)p + (pages - 1) * PAGE_SIZE, &level));
		KTEST_EXPECT_NULL(t,
				  lookup_kernel_pte((unsigned long)p + pages * PAGE_SIZE, &level));
		vfree(p);
		KTEST_EXPECT_EQ(t, mm_stat(NR_VMALLOC), used);
		KTEST_EXPECT_NULL(t, find_vm_area(p));
		KTEST_EXPECT_NULL(t, lookup_kernel_pte((unsigned long)p, &level));
	}
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), free_before);
}

static void guard_page_access_faults_and_names_the_area(struct ktest *t)
{
	unsigned long free_before = quiesced_free_pages();
	const unsigned long size = 3 * PAGE_SIZE;
	unsigned long before = kernel_fault_count();
	u8 *p = vmalloc(size);
	struct kernel_fault f;
	u8 val;

	KTEST_ASSERT_NOT_NULL(t, p);
	p[size - 1] = 1; /* the last byte is fine */
	KTEST_EXPECT_EQ(t, arch_probe_write_byte(p + size, 1), -EFAULT);
	f = last_kernel_fault();
	KTEST_EXPECT_EQ(t, kernel_fault_count(), before + 1);
	KTEST_EXPECT_EQ(t, f.addr, (unsigned long)p + size);
	KTEST_EXPECT_EQ(t, f.access, FAULT_WRITE);
	KTEST_EXPECT_EQ(t, f.region, FAULT_REGION_VMALLOC_GUARD);
	KTEST_EXPECT_EQ(t, f.area_start, (unsigned long)p);
	KTEST_EXPECT_EQ(t, f.area_size, size);
	KTEST_EXPECT_PTR_EQ(t, f.area_caller, find_vm_area(p)->caller);
	KTEST_EXPECT_NOT_NULL(t, f.area_caller);
	KTEST_EXPECT_EQ(t, arch_probe_read_byte(p + size + PAGE_SIZE - 1, &val), -EFAULT);
	KTEST_EXPECT_EQ(t, last_kernel_fault().region, FAULT_REGION_VMALLOC_GUARD);
	vfree(p);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), free_before);
}

static void access_after_vfree_faults_and_names_the_freed_area(struct ktest *t)
{
	unsigned long free_before = quiesced_free_pages();
	const unsigned long size = 2 * PAGE_SIZE;
	u8 *p = vmalloc(size);
	const void *caller;
	struct kernel_fault f;
	u8 val;

	KTEST_ASSERT_NOT_NULL(t, p);
	caller = find_vm_area(p)->caller;
	p[PAGE_SIZE + 5] = 9;
	vfree(p);
	KTEST_EXPECT_EQ(t, arch_probe_read_byte(p + PAGE_SIZE + 5, &val), -EFAULT);
	f = last_kernel_fault();
	KTEST_EXPECT_EQ(t, f.addr, (unsigned long)p + PAGE_SIZE + 5);
	KTEST_EXPECT_EQ(t, f.access, FAULT_READ);
	KTEST_EXPECT_EQ(t, f.region, FAULT_REGION_VMALLOC_FREED);
	KTEST_EXPECT_EQ(t, f.area_start, (unsigned long)p);
	KTEST_EXPECT_EQ(t, f.area_size, size);
	KTEST_EXPECT_PTR_EQ(t, f.area_caller, caller);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), free_before);
}

static void vmap_maps_the_callers_pages_and_vunmap_leaves_them_allocated(struct ktest *t)
{
	unsigned long free_before = quiesced_free_pages();
	struct page *pages[4];
	u8 *p;

	for (unsigned int i = 0; i < ARRAY_SIZE(pages); i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, pages[i]);
		memset(page_address(pages[i]), 0x10 + i, PAGE_SIZE);
	}
	/* In reverse: vmap keeps the caller's order, not the physical one. */
	for (unsigned int i = 0; i < 2; i++) {
		struct page *tmp = pages[i];

		pages[i] = pages[3 - i];
		pages[3 - i] = tmp;
	}
	p = vmap(pages, ARRAY_SIZE(pages), VM_MAP, PAGE_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, find_vm_area(p)->flags, (unsigned long)VM_MAP);
	for (unsigned int i = 0; i < ARRAY_SIZE(pages); i++) {
		KTEST_EXPECT_PTR_EQ(t, vmalloc_to_page(p + i * PAGE_SIZE), pages[i]);
		KTEST_EXPECT_EQ(t, p[i * PAGE_SIZE + 1], 0x13 - i);
	}
	p[2 * PAGE_SIZE] = 0x99;
	vunmap(p);
	KTEST_EXPECT_NULL(t, find_vm_area(p));
	KTEST_EXPECT_EQ(t, *(u8 *)page_address(pages[2]), 0x99);
	for (unsigned int i = 0; i < ARRAY_SIZE(pages); i++) {
		KTEST_EXPECT_TRUE(t, PageAllocated(pages[i]));
		__free_page(pages[i]);
	}
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), free_before);
}

static void kvmalloc_uses_kmalloc_when_small_and_vmalloc_when_large(struct ktest *t)
{
	unsigned long free_before = quiesced_free_pages();
	static const size_t sizes[] = { 16, 4000, 32768, 32769, 1 << 20 };

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		u8 *p = kvzalloc(sizes[i], GFP_KERNEL);
		bool want_vmalloc = sizes[i] > (PAGE_SIZE << PAGE_ALLOC_COSTLY_ORDER);

		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_EXPECT_EQ(t, is_vmalloc_addr(p), want_vmalloc);
		KTEST_EXPECT_NULL(t, memchr_inv(p, 0, sizes[i]));
		memset(p, 0x42, sizes[i]);
		kvfree(p);
	}
	kvfree(NULL);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), free_before);
}

static void vfree_and_vunmap_of_null_do_nothing(struct ktest *t)
{
	unsigned long bad = vmalloc_bad_calls(), areas = nr_vmalloc_areas();

	vfree(NULL);
	vunmap(NULL);
	KTEST_EXPECT_EQ(t, vmalloc_bad_calls(), bad);
	KTEST_EXPECT_EQ(t, nr_vmalloc_areas(), areas);
}

static void meminfo_and_vmallocinfo_count_live_areas(struct ktest *t)
{
	unsigned long free_before = quiesced_free_pages();
	unsigned long areas = nr_vmalloc_areas(), used = mm_stat(NR_VMALLOC);
	void *a = vmalloc(PAGE_SIZE), *b = vmalloc(7 * PAGE_SIZE);

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	KTEST_EXPECT_EQ(t, nr_vmalloc_areas(), areas + 2);
	KTEST_EXPECT_EQ(t, mm_stat(NR_VMALLOC), used + 8);
	KTEST_EXPECT_EQ(t, vmalloc_total_bytes, VMALLOC_END - VMALLOC_START);
	KTEST_EXPECT_GE(t, vmalloc_total_bytes, 1UL << 30);
	show_vmallocinfo();
	vfree(a);
	vfree(b);
	KTEST_EXPECT_EQ(t, nr_vmalloc_areas(), areas);
	KTEST_EXPECT_EQ(t, mm_stat(NR_VMALLOC), used);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), free_before);
}

static void empty_page_tables_go_back_when_memory_is_short(struct ktest *t)
{
	/*
	 * Spans more than one last-level table: at least two new table pages.
	 * One page mapped over and over, so that a machine with less memory
	 * than a table spans (2 MiB, or 512 MiB with 64 KiB pages) checks it too.
	 */
	const unsigned long nr = LEVEL_SIZE(1) / PAGE_SIZE + 1;
	struct page **pages = kmalloc_array(nr, sizeof(*pages), GFP_KERNEL);
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long free_before, tables;
	void *p;

	KTEST_ASSERT_NOT_NULL(t, pages);
	KTEST_ASSERT_NOT_NULL(t, page);
	for (unsigned long i = 0; i < nr; i++)
		pages[i] = page;
	free_before = quiesced_free_pages();
	tables = mm_stat(NR_PAGETABLE);
	p = vmap(pages, nr, VM_MAP, PAGE_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_GE(t, mm_stat(NR_PAGETABLE), tables + 2);
	vunmap(p);
	KTEST_EXPECT_GE(t, mm_stat(NR_PAGETABLE), tables + 2);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), free_before);
	KTEST_EXPECT_EQ(t, mm_stat(NR_PAGETABLE), tables);
	__free_page(page);
	kfree(pages);
}

KTEST_SUITE(vmalloc, KTEST_CASE(vmalloc_writes_are_seen_through_the_direct_map_and_back),
	    KTEST_CASE(vzalloc_memory_is_zero_even_where_pages_were_dirty),
	    KTEST_CASE(vmalloc_32_pages_all_lie_below_4g),
	    KTEST_CASE(sizes_round_up_to_whole_pages_with_a_guard_page_after),
	    KTEST_CASE(guard_page_access_faults_and_names_the_area),
	    KTEST_CASE(access_after_vfree_faults_and_names_the_freed_area),
	    KTEST_CASE(vmap_maps_the_callers_pages_and_vunmap_leaves_them_allocated),
	    KTEST_CASE(kvmalloc_uses_kmalloc_when_small_and_vmalloc_when_large),
	    KTEST_CASE(vfree_and_vunmap_of_null_do_nothing),
	    KTEST_CASE(meminfo_and_vmallocinfo_count_live_areas),
	    KTEST_CASE(empty_page_tables_go_back_when_memory_is_short));
