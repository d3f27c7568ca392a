/*
 * Self-tests of vm_map_ram()/vm_unmap_ram() (1..16 pages, each CPU sees the
 * mapping and, after the unmap, faults on it: its TLB was flushed), vcalloc(),
 * kvmalloc_array(), kvcalloc() (overflow included) and kvrealloc() across
 * kmalloc and vmalloc memory.
 */
#include <errno.h>
#include <fault.h>
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>
#include <smp.h>
#include <string.h>
#include <vmalloc.h>

#include "slab_helpers.h"

#define MAP_MAX 16

struct probe {
	const u8 *addr;
	unsigned long len;
	u8 want; /* expected first byte of each page */
	int faults;
	int wrong;
};

/* On the CPU it runs on: read the first byte of each page through its TLB. */
static int probe_pages(void *arg)
{
	struct probe *p = arg;

	for (unsigned long off = 0; off < p->len; off += PAGE_SIZE) {
		u8 v;

		if (arch_probe_read_byte(p->addr + off, &v))
			p->faults++;
		else if (v != (u8)(p->want + off / PAGE_SIZE))
			p->wrong++;
	}
	return 0;
}

/* Every online CPU probes [addr, addr + len); returns the faults, counts wrong bytes in *wrong. */
static int probe_everywhere(struct ktest *t, const void *addr, unsigned long len, u8 want,
			    int *wrong)
{
	int faults = 0;
	unsigned int cpu;

	*wrong = 0;
	for_each_online_cpu (cpu) {
		struct probe p = { .addr = addr, .len = len, .want = want };

		KTEST_EXPECT_EQ(t, smp_call_on_cpu(cpu, probe_pages, &p, false), 0);
		faults += p.faults;
		*wrong += p.wrong;
	}
	return faults;
}

static void vm_map_ram_maps_1_to_16_pages_and_unmaps_them_on_every_cpu(struct ktest *t)
{
	unsigned long before = quiesced_free_pages();
	struct page *pages[MAP_MAX];
	int wrong;

	for (int i = 0; i < MAP_MAX; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, pages[i]);
		memset(page_address(pages[i]), 0x40 + i, PAGE_SIZE);
	}
	for (unsigned int count = 1; count <= MAP_MAX; count++) {
		u8 *va = vm_map_ram(pages, count, -1);
		unsigned long len = (unsigned long)count * PAGE_SIZE;

		KTEST_ASSERT_NOT_NULL(t, va);
		KTEST_EXPECT_TRUE(t, is_vmalloc_addr(va));
		for (unsigned int i = 0; i < count; i++)
			KTEST_EXPECT_PTR_EQ(t, vmalloc_to_page(va + i * PAGE_SIZE), pages[i]);
		KTEST_EXPECT_EQ(t, probe_everywhere(t, va, len, 0x40, &wrong), 0);
		KTEST_EXPECT_EQ(t, wrong, 0);
		va[len - 1] = 0x99; /* written through the mapping, seen in the page */
		KTEST_EXPECT_EQ(t, ((u8 *)page_address(pages[count - 1]))[PAGE_SIZE - 1], 0x99);
		vm_unmap_ram(va, count);
		KTEST_EXPECT_EQ(t, probe_everywhere(t, va, len, 0x40, &wrong),
				(int)(count * num_online_cpus()));
	}
	for (int i = 0; i < MAP_MAX; i++)
		__free_page(pages[i]);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
}

static void vm_unmap_ram_with_a_wrong_count_warns_and_keeps_the_mapping(struct ktest *t)
{
	struct page *pages[2] = { alloc_page(GFP_KERNEL), alloc_page(GFP_KERNEL) };
	unsigned long warnings = warn_count();
	u8 *va, v;

	KTEST_ASSERT_NOT_NULL(t, pages[0]);
	KTEST_ASSERT_NOT_NULL(t, pages[1]);
	va = vm_map_ram(pages, 2, -1);
	KTEST_ASSERT_NOT_NULL(t, va);
	vm_unmap_ram(va, 1);
	KTEST_EXPECT_EQ(t, warn_count(), warnings + 1);
	vm_unmap_ram(va + PAGE_SIZE, 1); /* not the start */
	KTEST_EXPECT_EQ(t, warn_count(), warnings + 2);
	KTEST_EXPECT_EQ(t, arch_probe_read_byte(va + PAGE_SIZE, &v), 0);
	vm_unmap_ram(va, 2);
	KTEST_EXPECT_EQ(t, arch_probe_read_byte(va, &v), -EFAULT);
	__free_page(pages[0]);
	__free_page(pages[1]);
}

static void vcalloc_and_kvcalloc_zero_and_refuse_overflow(struct ktest *t)
{
	static const size_t counts[] = { 1, 100, 3000, 20000 };

	for (unsigned int i = 0; i < ARRAY_SIZE(counts); i++) {
		u32 *v = vcalloc(counts[i], sizeof(u32));
		u32 *k = kvcalloc(counts[i], sizeof(u32), GFP_KERNEL);
		u32 *a = kvmalloc_array(counts[i], sizeof(u32), GFP_KERNEL);

		KTEST_ASSERT_NOT_NULL(t, v);
		KTEST_ASSERT_NOT_NULL(t, k);
		KTEST_ASSERT_NOT_NULL(t, a);
		KTEST_EXPECT_TRUE(t, is_vmalloc_addr(v));
		KTEST_EXPECT_NULL(t, memchr_inv(v, 0, counts[i] * sizeof(u32)));
		KTEST_EXPECT_NULL(t, memchr_inv(k, 0, counts[i] * sizeof(u32)));
		memset(a, 0x5c, counts[i] * sizeof(u32));
		vfree(v);
		kvfree(k);
		kvfree(a);
	}
	KTEST_EXPECT_NULL(t, vcalloc(SIZE_MAX / 4 + 1, 4));
	KTEST_EXPECT_NULL(t, kvcalloc(SIZE_MAX / 8 + 1, 8, GFP_KERNEL));
	KTEST_EXPECT_NULL(t, kvmalloc_array(2, SIZE_MAX / 2 + 1, GFP_KERNEL));
}

/* Fill @n bytes of @p with a pattern of @seed, and check it. */
static void fill(u8 *p, size_t n, u8 seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (u8)(seed + i * 13);
}

static bool filled(const u8 *p, size_t n, u8 seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (u8)(seed + i * 13))
			return false;
	return true;
}

static void kvrealloc_keeps_contents_between_kmalloc_and_vmalloc(struct ktest *t)
{
	unsigned long before = quiesced_free_pages();
	/* big and bigger: past kvmalloc()'s kmalloc limit (256 and 300 KiB with 4 KiB pages). */
	const size_t small = 100, big = 8 * (PAGE_SIZE << PAGE_ALLOC_COSTLY_ORDER),
		     bigger = big + big / 64 * 11;
	u8 *p = kvrealloc(NULL, small, GFP_KERNEL), *q;
	size_t usable;

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_FALSE(t, is_vmalloc_addr(p));
	usable = ksize(p);
	fill(p, usable, 3);
	q = kvrealloc(p, big, GFP_KERNEL | __GFP_ZERO); /* kmalloc -> vmalloc */
	KTEST_ASSERT_NOT_NULL(t, q);
	KTEST_EXPECT_TRUE(t, is_vmalloc_addr(q));
	KTEST_EXPECT_TRUE(t, filled(q, usable, 3));
	KTEST_EXPECT_NULL(t, memchr_inv(q + usable, 0, big - usable)); /* the grown part */
	fill(q, big, 9);
	p = kvrealloc(q, bigger, GFP_KERNEL); /* vmalloc -> larger vmalloc */
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_TRUE(t, filled(p, big, 9));
	q = kvrealloc(p, small, GFP_KERNEL); /* shrinking a vmalloc area: in place */
	KTEST_EXPECT_PTR_EQ(t, q, p);
	KTEST_EXPECT_TRUE(t, filled(q, small, 9));
	KTEST_EXPECT_PTR_EQ(t, kvrealloc(q, 0, GFP_KERNEL), ZERO_SIZE_PTR); /* frees it */
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
}

/* Memory neither kmalloc() nor vmalloc() gave: one report, NULL, the memory left alone. */
static void kvrealloc_of_foreign_memory_is_reported_once(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long errors = slab_error_count();
	u8 *p;

	KTEST_ASSERT_NOT_NULL(t, page);
	p = page_address(page);
	memset(p, 0x3e, PAGE_SIZE);
	KTEST_EXPECT_NULL(t, kvrealloc(p, 100, GFP_KERNEL));
	KTEST_EXPECT_EQ(t, slab_error_count(), errors + 1);
	KTEST_EXPECT_NULL(t, memchr_inv(p, 0x3e, PAGE_SIZE));
	KTEST_EXPECT_TRUE(t, PageAllocated(page));
	__free_page(page);
}

KTEST_SUITE(vmalloc_helpers,
	    KTEST_CASE(vm_map_ram_maps_1_to_16_pages_and_unmaps_them_on_every_cpu),
	    KTEST_CASE(vm_unmap_ram_with_a_wrong_count_warns_and_keeps_the_mapping),
	    KTEST_CASE(vcalloc_and_kvcalloc_zero_and_refuse_overflow),
	    KTEST_CASE(kvrealloc_keeps_contents_between_kmalloc_and_vmalloc),
	    KTEST_CASE(kvrealloc_of_foreign_memory_is_reported_once));
