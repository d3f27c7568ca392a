/*
 * vmalloc workloads: fixed sizes, random sizes of 1..100 pages, more than
 * 10,000 areas alive at once, and aligned areas. Every area carries a
 * pattern derived from its address, checked before it is freed; no two live
 * areas overlap; and every workload gives all of its memory back, also when
 * one allocation in 50 is made to fail.
 */
#include <fault_inject.h>
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>
#include <string.h>
#include <vmalloc.h>

#include "slab_helpers.h"
#include "xorshift.h"

#define MANY_AREAS 10240
#define RANDOM_SLOTS 64
#define RANDOM_OPS 3000

static void *areas[MANY_AREAS];

/* Write a word derived from its own address at the start and end of every page. */
static void fill(void *p, unsigned long size)
{
	for (unsigned long off = 0; off < size; off += PAGE_SIZE) {
		unsigned long *first = (unsigned long *)((u8 *)p + off);
		unsigned long *last = (unsigned long *)((u8 *)p + off + PAGE_SIZE) - 1;

		*first = (unsigned long)first ^ 0x5a5a5a5a;
		*last = ~(unsigned long)last;
	}
}

/* Check what fill() wrote; report the first mismatch. */
static bool check(struct ktest *t, void *p, unsigned long size)
{
	for (unsigned long off = 0; off < size; off += PAGE_SIZE) {
		unsigned long *first = (unsigned long *)((u8 *)p + off);
		unsigned long *last = (unsigned long *)((u8 *)p + off + PAGE_SIZE) - 1;

		if (*first != ((unsigned long)first ^ 0x5a5a5a5a) ||
		    *last != ~(unsigned long)last) {
			KTEST_FAIL(t, "area %p page %lu: pattern lost (%#lx %#lx)", p,
				   off / PAGE_SIZE, *first, *last);
			return false;
		}
	}
	return true;
}

static void fixed_size_areas_come_and_go(struct ktest *t)
{
	const unsigned long size = 16 * 1024;
	unsigned long free_before = quiesced_free_pages();
	void *first = NULL;

	for (int i = 0; i < 2000; i++) {
		void *p = vmalloc(size);

		KTEST_ASSERT_NOT_NULL(t, p);
		/* Lowest fit: with nothing else changing, the same addresses come back. */
		if (!first)
			first = p;
		KTEST_EXPECT_PTR_EQ(t, p, first);
		fill(p, size);
		if (!check(t, p, size))
			return;
		vfree(p);
	}
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), free_before);
}

/*
 * Random vmalloc()s of 1..100 pages and vfree()s over RANDOM_SLOTS slots, or
 * fewer where RAM is small: never more slots than 100-page areas fit in the
 * free memory (a machine of 64 MiB with 64 KiB pages has under 1000 pages),
 * so that no vmalloc() fails for want of memory. Each area is checked before
 * it goes. Return: how many vmalloc()s failed.
 */
static unsigned long random_workload(struct ktest *t)
{
	unsigned long sizes[RANDOM_SLOTS] = { 0 }, failed = 0;
	unsigned long free_before = quiesced_free_pages(), areas_before = nr_vmalloc_areas();
	unsigned int slots = (unsigned int)min((unsigned long)RANDOM_SLOTS, free_before / 128);
	u64 rng = 0x1234abcd;

	if (slots < RANDOM_SLOTS)
		ktest_printf(t, "%u slots: %lu pages free", slots, free_before);
	memset(areas, 0, sizeof(areas));
	for (int op = 0; op < RANDOM_OPS; op++) {
		unsigned int slot = xorshift64_next(&rng) % slots;

		if (areas[slot]) {
			if (!check(t, areas[slot], sizes[slot]))
				break;
			vfree(areas[slot]);
			areas[slot] = NULL;
			continue;
		}
		sizes[slot] = (1 + xorshift64_next(&rng) % 100) * PAGE_SIZE;
		areas[slot] = __vmalloc(sizes[slot], GFP_KERNEL | __GFP_NOWARN);
		if (areas[slot])
			fill(areas[slot], sizes[slot]);
		else
			failed++;
	}
	for (unsigned int slot = 0; slot < RANDOM_SLOTS; slot++) {
		if (areas[slot] && check(t, areas[slot], sizes[slot]))
			vfree(areas[slot]);
		areas[slot] = NULL;
	}
	KTEST_EXPECT_EQ(t, nr_vmalloc_areas(), areas_before);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), free_before);
	return failed;
}

static void random_sizes_of_1_to_100_pages_keep_their_contents(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, random_workload(t), 0UL);
}

/*
 * One allocation in 50 fails, in the page allocator and in the slab caches
 * (the area records, the page arrays): every failure path of vmalloc must
 * give back what it took.
 */
static void random_workload_under_injected_failures_gives_everything_back(struct ktest *t)
{
	const struct fault_attr attr = {
		.interval = 1,
		.probability = 2,
		.times = -1,
		.seed = 0x7a11ed,
	};
	struct fault_stats pages, slabs;
	unsigned long failed;

	fault_inject_set(FAULT_FAIL_PAGE_ALLOC, &attr);
	fault_inject_set(FAULT_FAILSLAB, &attr);
	failed = random_workload(t);
	fault_inject_off(FAULT_FAIL_PAGE_ALLOC);
	fault_inject_off(FAULT_FAILSLAB);
	fault_inject_stats(FAULT_FAIL_PAGE_ALLOC, &pages);
	fault_inject_stats(FAULT_FAILSLAB, &slabs);
	KTEST_EXPECT_GT(t, failed, 0UL);
	KTEST_EXPECT_GT(t, pages.injected, 0UL);
	KTEST_EXPECT_GT(t, slabs.injected, 0UL);
	/* A vmalloc() stops at its first failure: one injected failure each, and no others. */
	KTEST_EXPECT_EQ(t, failed, pages.injected + slabs.injected);
}

/*
 * MANY_AREAS one-page areas live at once (40 MiB with 4 KiB pages), or as
 * many as seven eighths of the free memory holds where that is fewer (with
 * 64 KiB pages, 10240 would take 640 MiB).
 */
static void many_live_areas_do_not_overlap(struct ktest *t)
{
	unsigned long free_before = quiesced_free_pages(), areas_before = nr_vmalloc_areas();
	struct page **big, *page;
	int many = (int)min((unsigned long)MANY_AREAS, free_before / 8 * 7);
	u64 rng = 0xfeed;
	void *lowest;

	ktest_printf(t, "%d live areas of one page", many);
	for (int i = 0; i < many; i++) {
		areas[i] = vmalloc(PAGE_SIZE);
		KTEST_ASSERT_NOT_NULL(t, areas[i]);
		fill(areas[i], PAGE_SIZE);
	}
	KTEST_EXPECT_EQ(t, nr_vmalloc_areas(), areas_before + many);
	lowest = areas[0];
	/* Each area is found from inside it and from its guard page, and has its own page. */
	for (int i = 0; i < many; i++) {
		struct vm_struct *vm = find_vm_area((u8 *)areas[i] + PAGE_SIZE);

		if (!vm || vm->addr != areas[i] || !check(t, areas[i], PAGE_SIZE)) {
			KTEST_FAIL(t, "area %d at %p: found %p", i, areas[i], vm ? vm->addr : NULL);
			return;
		}
		if (areas[i] < lowest)
			lowest = areas[i];
	}
	/* Free in random order: the free tree must merge everything back. */
	for (int i = many - 1; i > 0; i--) {
		int j = xorshift64_next(&rng) % (i + 1);
		void *tmp = areas[i];

		areas[i] = areas[j];
		areas[j] = tmp;
	}
	for (int i = 0; i < many; i++) {
		vfree(areas[i]);
		areas[i] = NULL;
	}
	KTEST_EXPECT_EQ(t, nr_vmalloc_areas(), areas_before);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), free_before);
	/*
	 * One large area now fits where the small ones were: address space
	 * only, one page mapped over and over, so that a machine with less
	 * memory than the area is large (80 MiB at 10240 areas of 4 KiB) can
	 * check it too.
	 */
	big = kmalloc((2 * many - 1) * sizeof(*big), GFP_KERNEL);
	page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, big);
	KTEST_ASSERT_NOT_NULL(t, page);
	for (int i = 0; i < 2 * many - 1; i++)
		big[i] = page;
	areas[0] = vmap(big, 2 * many - 1, VM_MAP, PAGE_KERNEL);
	KTEST_EXPECT_PTR_EQ(t, areas[0], lowest);
	vunmap(areas[0]);
	areas[0] = NULL;
	__free_page(page);
	kfree(big);
}

static void aligned_areas_start_at_their_alignment(struct ktest *t)
{
	unsigned long free_before = quiesced_free_pages();
	u64 rng = 77;
	int n = 0;

	/* Alignments a page .. 4 MiB, sizes 1..8 pages, interleaved so that gaps must be skipped. */
	for (unsigned int shift = PAGE_SHIFT; shift <= 22; shift++) {
		for (int k = 0; k < 8; k++, n++) {
			unsigned long align = 1UL << shift;
			unsigned long size = (1 + xorshift64_next(&rng) % 8) * PAGE_SIZE;

			areas[n] = __vmalloc_node(size, align, GFP_KERNEL, 0,
						  __builtin_return_address(0));
			KTEST_ASSERT_NOT_NULL(t, areas[n]);
			KTEST_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)areas[n], align));
			fill(areas[n], size);
		}
	}
	for (int i = 0; i < n; i++) {
		struct vm_struct *vm = find_vm_area(areas[i]);

		KTEST_ASSERT_NOT_NULL(t, vm);
		/* Neighbours in address order must not overlap (guard pages included). */
		for (int j = 0; j < n; j++) {
			struct vm_struct *other = find_vm_area(areas[j]);

			if (i != j && (u8 *)areas[i] < (u8 *)areas[j] &&
			    (u8 *)areas[i] + vm->size > (u8 *)areas[j])
				KTEST_FAIL(t, "areas %p (+%lu) and %p overlap", areas[i], vm->size,
					   other->addr);
		}
		check(t, areas[i], vm->size - PAGE_SIZE);
	}
	for (int i = 0; i < n; i++) {
		vfree(areas[i]);
		areas[i] = NULL;
	}
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), free_before);
}

KTEST_SUITE(vmalloc_stress, KTEST_CASE(fixed_size_areas_come_and_go),
	    KTEST_CASE(random_sizes_of_1_to_100_pages_keep_their_contents),
	    KTEST_CASE(random_workload_under_injected_failures_gives_everything_back),
	    KTEST_CASE(many_live_areas_do_not_overlap),
	    KTEST_CASE(aligned_areas_start_at_their_alignment));
