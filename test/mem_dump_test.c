/*
 * Self-tests of mem_addr_info() (include/mm.h, mm/mem_dump.c): what it says
 * an address is, for each kind of memory, before and after the memory is
 * freed, and which addresses are the start of a live allocation.
 */
#include <arch.h>
#include <gfp.h>
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <pgtable.h>
#include <setup.h>
#include <slab.h>
#include <smp.h>
#include <vmalloc.h>

#include "../mm/slab.h"

static struct mem_addr_info info_of(const void *addr)
{
	struct mem_addr_info info;

	mem_addr_info(addr, &info);
	return info;
}

static void kmalloc_object_is_allocated_then_free(struct ktest *t)
{
	char *p = kmalloc(100, GFP_KERNEL);
	struct mem_addr_info info;

	KTEST_ASSERT_NOT_NULL(t, p);
	info = info_of(p);
	KTEST_EXPECT_EQ(t, info.kind, MEM_ADDR_SLAB);
	KTEST_EXPECT_PTR_EQ(t, info.object, p);
	KTEST_EXPECT_EQ(t, info.object_offset, 0);
	KTEST_EXPECT_FALSE(t, info.object_free);
	KTEST_EXPECT_TRUE(t, mem_addr_is_allocation(&info));
	KTEST_EXPECT_PTR_EQ(t, info.cache, kmalloc_caches[kmalloc_index(100)]);

	info = info_of(p + 40);
	KTEST_EXPECT_PTR_EQ(t, info.object, p);
	KTEST_EXPECT_EQ(t, info.object_offset, 40);
	KTEST_EXPECT_FALSE(t, mem_addr_is_allocation(&info));

	kfree(p);
	info = info_of(p);
	KTEST_EXPECT_EQ(t, info.kind, MEM_ADDR_SLAB);
	KTEST_EXPECT_TRUE(t, info.object_free);
	KTEST_EXPECT_FALSE(t, mem_addr_is_allocation(&info));
}

/*
 * A freed object is found in this CPU's array, or on the free list of a
 * cache without arrays (a debugged one).
 */
static void free_object_is_found_where_it_went(struct ktest *t)
{
	struct kmem_cache *plain = kmem_cache_create("test-dump", 48, 0, 0, NULL);
	struct kmem_cache *checked =
		kmem_cache_create("test-dump-checked", 48, 0, SLAB_CONSISTENCY_CHECKS, NULL);
	void *a = NULL, *b = NULL;
	struct mem_addr_info info;
	unsigned long flags;
	int cpu;

	KTEST_ASSERT_NOT_NULL(t, plain);
	KTEST_ASSERT_NOT_NULL(t, checked);
	b = kmem_cache_alloc(checked, GFP_KERNEL);
	KTEST_EXPECT_NOT_NULL(t, b);
	kmem_cache_free(checked, b);
	info = info_of(b);
	KTEST_EXPECT_TRUE(t, info.object_free);
	KTEST_EXPECT_EQ(t, info.free_cpu, -1);

	/* Interrupts masked: the object must stay in this CPU's array until it is looked at. */
	local_irq_save(flags);
	cpu = (int)raw_smp_processor_id();
	a = kmem_cache_alloc(plain, GFP_ATOMIC);
	if (a)
		kmem_cache_free(plain, a);
	local_irq_restore(flags);
	KTEST_EXPECT_NOT_NULL(t, a);
	info = info_of(a);
	KTEST_EXPECT_TRUE(t, info.object_free);
	/* slub_debug or slab_hardened=1 on every cache: no arrays, the object went back to its slab. */
	KTEST_EXPECT_EQ(t, info.free_cpu, slab_checked(plain) ? -1 : cpu);
	kmem_cache_destroy(plain);
	kmem_cache_destroy(checked);
}

static void page_block_is_allocated_then_free(struct ktest *t)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);
	char *p;
	struct mem_addr_info info;

	KTEST_ASSERT_NOT_NULL(t, page);
	p = page_address(page);
	info = info_of(p);
	KTEST_EXPECT_EQ(t, info.kind, MEM_ADDR_PAGE_ALLOCATED);
	KTEST_EXPECT_EQ(t, info.block_pfn, page_to_pfn(page));
	KTEST_EXPECT_EQ(t, info.block_order, 2);
	KTEST_EXPECT_PTR_EQ(t, info.page, page);
	KTEST_EXPECT_TRUE(t, mem_addr_is_allocation(&info));

	info = info_of(p + 3 * PAGE_SIZE + 5);
	KTEST_EXPECT_EQ(t, info.kind, MEM_ADDR_PAGE_ALLOCATED);
	KTEST_EXPECT_EQ(t, info.block_pfn, page_to_pfn(page));
	KTEST_EXPECT_FALSE(t, mem_addr_is_allocation(&info));

	__free_pages(page, 2);
	info = info_of(p + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, info.kind, MEM_ADDR_PAGE_FREE);
	KTEST_EXPECT_GE(t, info.block_order, 2);
	KTEST_EXPECT_LE(t, info.block_pfn, page_to_pfn(page));
	KTEST_EXPECT_GT(t, info.block_pfn + (1UL << info.block_order), page_to_pfn(page) + 1);
	KTEST_EXPECT_FALSE(t, mem_addr_is_allocation(&info));
}

static void large_kmalloc_is_a_block_of_its_own(struct ktest *t)
{
	char *p = kmalloc(KMALLOC_MAX_CACHE_SIZE + 1, GFP_KERNEL);
	struct mem_addr_info info;

	KTEST_ASSERT_NOT_NULL(t, p);
	info = info_of(p + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, info.kind, MEM_ADDR_LARGE_KMALLOC);
	KTEST_EXPECT_EQ(t, info.block_pfn, virt_to_pfn(p));
	KTEST_EXPECT_EQ(t, info.block_order, get_order(KMALLOC_MAX_CACHE_SIZE + 1));
	KTEST_EXPECT_FALSE(t, mem_addr_is_allocation(&info));
	info = info_of(p);
	KTEST_EXPECT_TRUE(t, mem_addr_is_allocation(&info));
	kfree(p);
}

static void vmalloc_area_guard_and_freed_area(struct ktest *t)
{
	char *p = vmalloc(2 * PAGE_SIZE);
	struct mem_addr_info info;

	KTEST_ASSERT_NOT_NULL(t, p);
	info = info_of(p);
	KTEST_EXPECT_EQ(t, info.kind, MEM_ADDR_VMALLOC);
	KTEST_EXPECT_PTR_EQ(t, info.page, vmalloc_to_page(p));
	KTEST_EXPECT_TRUE(t, mem_addr_is_allocation(&info));
	info = info_of(p + PAGE_SIZE + 1);
	KTEST_EXPECT_EQ(t, info.kind, MEM_ADDR_VMALLOC);
	KTEST_EXPECT_FALSE(t, mem_addr_is_allocation(&info));
	info = info_of(p + 2 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, info.kind, MEM_ADDR_VMALLOC_GUARD);
	KTEST_EXPECT_NULL(t, info.page);
	KTEST_EXPECT_FALSE(t, mem_addr_is_allocation(&info));
	vfree(p);
	info = info_of(p);
	KTEST_EXPECT_EQ(t, info.kind, MEM_ADDR_VMALLOC_UNUSED);
	KTEST_EXPECT_FALSE(t, mem_addr_is_allocation(&info));
}

static void struct_page_reserved_memory_and_nothing(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);
	struct mem_addr_info info;

	KTEST_ASSERT_NOT_NULL(t, page);
	info = info_of((char *)page + 8);
	KTEST_EXPECT_EQ(t, info.kind, MEM_ADDR_VMEMMAP);
	__free_page(page);

	/* The device tree blob is reserved on every machine. */
	info = info_of(phys_to_virt(boot_dtb_pa));
	KTEST_EXPECT_EQ(t, info.kind, MEM_ADDR_RESERVED);
	KTEST_EXPECT_FALSE(t, mem_addr_is_allocation(&info));

	info = info_of(NULL);
	KTEST_EXPECT_EQ(t, info.kind, MEM_ADDR_NONE);
	KTEST_EXPECT_NULL(t, info.page);
	KTEST_EXPECT_FALSE(t, mem_addr_is_allocation(&info));
}

static void image_section_is_named(struct ktest *t)
{
	unsigned int nr;
	const struct kernel_mapping *maps = arch_kernel_mappings(&nr);
	struct mem_addr_info info;

	if (!nr)
		KTEST_SKIP(t, "the port maps no image sections (ARCH=host)");
	info = info_of((void *)(maps[0].va + maps[0].size / 2));
	KTEST_ASSERT_NOT_NULL(t, info.mapping);
	KTEST_EXPECT_STREQ(t, info.mapping->name, maps[0].name);
}

KTEST_SUITE(mem_dump, KTEST_CASE(kmalloc_object_is_allocated_then_free),
	    KTEST_CASE(free_object_is_found_where_it_went),
	    KTEST_CASE(page_block_is_allocated_then_free),
	    KTEST_CASE(large_kmalloc_is_a_block_of_its_own),
	    KTEST_CASE(vmalloc_area_guard_and_freed_area),
	    KTEST_CASE(struct_page_reserved_memory_and_nothing), KTEST_CASE(image_section_is_named));
