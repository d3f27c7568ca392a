/*
 * Self-tests of memblock (mm/memblock.c): range merging and splitting, and
 * allocation over "memory minus reserved", on private tables; one case
 * allocates from the live boot map and gives the memory back.
 */
#include <asm/port.h>
#include <bug.h>
#include <errno.h>
#include <kernel.h>
#include <ktest.h>
#include <memblock.h>
#include <string.h>

#define SLOTS 8

static struct memblock_region mem_slots[SLOTS], rsv_slots[SLOTS];
static struct memblock mb;

static void reset(void)
{
	memset(mem_slots, 0, sizeof(mem_slots));
	memset(rsv_slots, 0, sizeof(rsv_slots));
	mb = (struct memblock){
		.memory = { .max = SLOTS, .regions = mem_slots, .name = "memory" },
		.reserved = { .max = SLOTS, .regions = rsv_slots, .name = "reserved" },
	};
}

/* Expect @type to hold exactly the @n ranges [base, end) listed in @want. */
static void expect_ranges(struct ktest *t, const struct memblock_type *type,
			  const phys_addr_t (*want)[2], unsigned long n)
{
	KTEST_EXPECT_EQ(t, type->cnt, n);
	for (unsigned long i = 0; i < min(n, type->cnt); i++) {
		KTEST_EXPECT_EQ(t, type->regions[i].base, want[i][0]);
		KTEST_EXPECT_EQ(t, type->regions[i].base + type->regions[i].size, want[i][1]);
	}
}

#define EXPECT_RANGES(t, type, ...)                                     \
	do {                                                            \
		static const phys_addr_t __want[][2] = { __VA_ARGS__ }; \
		expect_ranges(t, type, __want, ARRAY_SIZE(__want));     \
	} while (0)

static void add_merges_adjacent_ranges(struct ktest *t)
{
	reset();
	memblock_add_range(&mb.memory, 0x1000, 0x1000);
	memblock_add_range(&mb.memory, 0x3000, 0x1000);
	memblock_add_range(&mb.memory, 0x2000, 0x1000);
	EXPECT_RANGES(t, &mb.memory, { 0x1000, 0x4000 });
}

static void add_keeps_ranges_sorted(struct ktest *t)
{
	reset();
	memblock_add_range(&mb.memory, 0x9000, 0x1000);
	memblock_add_range(&mb.memory, 0x1000, 0x1000);
	memblock_add_range(&mb.memory, 0x5000, 0x1000);
	EXPECT_RANGES(t, &mb.memory, { 0x1000, 0x2000 }, { 0x5000, 0x6000 }, { 0x9000, 0xa000 });
}

static void add_overlapping_either_edge_extends_the_range(struct ktest *t)
{
	reset();
	memblock_add_range(&mb.memory, 0x4000, 0x2000);
	memblock_add_range(&mb.memory, 0x3000, 0x2000); /* over the left edge */
	memblock_add_range(&mb.memory, 0x5000, 0x2000); /* over the right edge */
	EXPECT_RANGES(t, &mb.memory, { 0x3000, 0x7000 });
}

static void add_inside_an_existing_range_changes_nothing(struct ktest *t)
{
	reset();
	memblock_add_range(&mb.memory, 0x1000, 0x8000);
	memblock_add_range(&mb.memory, 0x2000, 0x1000);
	EXPECT_RANGES(t, &mb.memory, { 0x1000, 0x9000 });
}

static void add_covering_several_ranges_merges_them_all(struct ktest *t)
{
	reset();
	memblock_add_range(&mb.memory, 0x2000, 0x1000);
	memblock_add_range(&mb.memory, 0x4000, 0x1000);
	memblock_add_range(&mb.memory, 0x6000, 0x1000);
	memblock_add_range(&mb.memory, 0xa000, 0x1000);
	memblock_add_range(&mb.memory, 0x1000, 0x7000);
	EXPECT_RANGES(t, &mb.memory, { 0x1000, 0x8000 }, { 0xa000, 0xb000 });
}

static void add_of_size_zero_changes_nothing(struct ktest *t)
{
	reset();
	KTEST_EXPECT_EQ(t, memblock_add_range(&mb.memory, 0x1000, 0), 0);
	KTEST_EXPECT_EQ(t, mb.memory.cnt, 0UL);
}

static void add_past_the_top_is_cut_at_the_top(struct ktest *t)
{
	phys_addr_t top = ~(phys_addr_t)0;

	reset();
	memblock_add_range(&mb.memory, top - 0xfff, 0x10000);
	KTEST_ASSERT_EQ(t, mb.memory.cnt, 1UL);
	KTEST_EXPECT_EQ(t, mb.memory.regions[0].base, top - 0xfff);
	KTEST_EXPECT_EQ(t, mb.memory.regions[0].size, (phys_addr_t)0xfff);
}

static void add_to_a_full_table_fails_and_changes_nothing(struct ktest *t)
{
	reset();
	for (int i = 0; i < SLOTS; i++)
		KTEST_ASSERT_EQ(t, memblock_add_range(&mb.memory, 0x10000 * (i + 1), 0x1000), 0);
	KTEST_EXPECT_EQ(t, memblock_add_range(&mb.memory, 0x1000000, 0x1000), -ENOSPC);
	KTEST_EXPECT_EQ(t, mb.memory.cnt, (unsigned long)SLOTS);
	/* Merging needs no new slot, so it still works in a full table. */
	KTEST_EXPECT_EQ(t, memblock_add_range(&mb.memory, 0x11000, 0x1000), 0);
	KTEST_EXPECT_EQ(t, mb.memory.regions[0].size, (phys_addr_t)0x2000);
}

static void remove_from_the_middle_splits_the_range(struct ktest *t)
{
	reset();
	memblock_add_range(&mb.memory, 0x1000, 0x8000);
	memblock_remove_range(&mb.memory, 0x3000, 0x2000);
	EXPECT_RANGES(t, &mb.memory, { 0x1000, 0x3000 }, { 0x5000, 0x9000 });
}

static void remove_over_either_edge_trims_the_range(struct ktest *t)
{
	reset();
	memblock_add_range(&mb.memory, 0x4000, 0x4000);
	memblock_remove_range(&mb.memory, 0x3000, 0x2000);
	memblock_remove_range(&mb.memory, 0x7000, 0x2000);
	EXPECT_RANGES(t, &mb.memory, { 0x5000, 0x7000 });
}

static void remove_covering_several_ranges_deletes_and_trims(struct ktest *t)
{
	reset();
	memblock_add_range(&mb.memory, 0x1000, 0x2000);
	memblock_add_range(&mb.memory, 0x4000, 0x1000);
	memblock_add_range(&mb.memory, 0x6000, 0x1000);
	memblock_add_range(&mb.memory, 0x8000, 0x2000);
	memblock_remove_range(&mb.memory, 0x2000, 0x7000);
	EXPECT_RANGES(t, &mb.memory, { 0x1000, 0x2000 }, { 0x9000, 0xa000 });
}

static void remove_of_a_gap_changes_nothing(struct ktest *t)
{
	reset();
	memblock_add_range(&mb.memory, 0x1000, 0x1000);
	memblock_add_range(&mb.memory, 0x5000, 0x1000);
	memblock_remove_range(&mb.memory, 0x2000, 0x3000);
	EXPECT_RANGES(t, &mb.memory, { 0x1000, 0x2000 }, { 0x5000, 0x6000 });
}

static void split_in_a_full_table_fails_and_changes_nothing(struct ktest *t)
{
	reset();
	for (int i = 0; i < SLOTS; i++)
		memblock_add_range(&mb.memory, 0x10000 * (i + 1), 0x4000);
	KTEST_EXPECT_EQ(t, memblock_remove_range(&mb.memory, 0x11000, 0x1000), -ENOSPC);
	KTEST_EXPECT_EQ(t, mb.memory.regions[0].size, (phys_addr_t)0x4000);
	KTEST_EXPECT_EQ(t, mb.memory.cnt, (unsigned long)SLOTS);
}

static int collect(void *arg, phys_addr_t base, phys_addr_t end)
{
	struct memblock_type *out = arg;

	return memblock_add_range(out, base, end - base) ? 1 : 0;
}

static void free_ranges_are_memory_minus_reserved(struct ktest *t)
{
	static struct memblock_region slots[SLOTS];
	struct memblock_type free = { .max = SLOTS, .regions = slots, .name = "free" };

	reset();
	memblock_add_range(&mb.memory, 0x10000, 0x10000);
	memblock_add_range(&mb.memory, 0x30000, 0x10000);
	memblock_add_range(&mb.reserved, 0x8000, 0x9000);   /* straddles the first base */
	memblock_add_range(&mb.reserved, 0x14000, 0x1000);  /* inside the first */
	memblock_add_range(&mb.reserved, 0x1f000, 0x12000); /* straddles both */
	memblock_add_range(&mb.reserved, 0x50000, 0x1000);  /* outside memory */
	memblock_for_each_free_range(&mb, collect, &free);
	EXPECT_RANGES(t, &free, { 0x11000, 0x14000 }, { 0x15000, 0x1f000 }, { 0x31000, 0x40000 });
}

static void alloc_top_down_takes_the_highest_aligned_fit(struct ktest *t)
{
	reset();
	memblock_add_range(&mb.memory, 0x100000, 0x100000);
	memblock_add_range(&mb.reserved, 0x1ff000, 0x1000);
	KTEST_EXPECT_EQ(t, memblock_find_in_range(&mb, 0x3000, 0x4000, 0, MEMBLOCK_ALLOC_ANYWHERE),
			(phys_addr_t)0x1fc000);
}

static void alloc_bottom_up_takes_the_lowest_aligned_fit(struct ktest *t)
{
	reset();
	mb.bottom_up = true;
	memblock_add_range(&mb.memory, 0x100000, 0x100000);
	memblock_add_range(&mb.reserved, 0x100000, 0x1000);
	KTEST_EXPECT_EQ(t, memblock_find_in_range(&mb, 0x3000, 0x4000, 0, MEMBLOCK_ALLOC_ANYWHERE),
			(phys_addr_t)0x104000);
}

static void alloc_skips_gaps_that_are_too_small(struct ktest *t)
{
	reset();
	memblock_add_range(&mb.memory, 0x100000, 0x100000);
	/* Free: [0x100000,0x180000) big, [0x181000,0x182000) and [0x1fe000,0x1ff000) small. */
	memblock_add_range(&mb.reserved, 0x180000, 0x1000);
	memblock_add_range(&mb.reserved, 0x182000, 0x7c000);
	memblock_add_range(&mb.reserved, 0x1ff000, 0x1000);
	KTEST_EXPECT_EQ(t, memblock_find_in_range(&mb, 0x2000, 0x1000, 0, MEMBLOCK_ALLOC_ANYWHERE),
			(phys_addr_t)0x17e000);
}

static void alloc_stays_within_start_and_end(struct ktest *t)
{
	reset();
	memblock_add_range(&mb.memory, 0x100000, 0x100000);
	KTEST_EXPECT_EQ(t, memblock_find_in_range(&mb, 0x1000, 0x1000, 0x120000, 0x130000),
			(phys_addr_t)0x12f000);
	mb.bottom_up = true;
	KTEST_EXPECT_EQ(t, memblock_find_in_range(&mb, 0x1000, 0x1000, 0x120000, 0x130000),
			(phys_addr_t)0x120000);
	KTEST_EXPECT_EQ(t, memblock_find_in_range(&mb, 0x20000, 0x1000, 0x120000, 0x130000),
			(phys_addr_t)0);
}

static void alloc_with_everything_reserved_fails(struct ktest *t)
{
	reset();
	memblock_add_range(&mb.memory, 0x100000, 0x100000);
	memblock_add_range(&mb.reserved, 0x100000, 0x100000);
	KTEST_EXPECT_EQ(t, memblock_find_in_range(&mb, 0x1000, 0x1000, 0, MEMBLOCK_ALLOC_ANYWHERE),
			(phys_addr_t)0);
}

static void alloc_larger_than_any_free_range_fails(struct ktest *t)
{
	reset();
	memblock_add_range(&mb.memory, 0x100000, 0x10000);
	memblock_add_range(&mb.memory, 0x200000, 0x10000);
	KTEST_EXPECT_EQ(t, memblock_find_in_range(&mb, 0x11000, 0x1000, 0, MEMBLOCK_ALLOC_ANYWHERE),
			(phys_addr_t)0);
	KTEST_EXPECT_EQ(t, memblock_find_in_range(&mb, 0, 0x1000, 0, MEMBLOCK_ALLOC_ANYWHERE),
			(phys_addr_t)0);
}

static void boot_alloc_after_the_hand_over_warns_and_fails(struct ktest *t)
{
	phys_addr_t reserved_before = memblock_reserved_size();
	unsigned long warnings = warn_count();

	KTEST_EXPECT_NULL(t, memblock_alloc(PAGE_SIZE, PAGE_SIZE));
	KTEST_EXPECT_EQ(t, warn_count(), warnings + 1);
	KTEST_EXPECT_EQ(t, memblock_reserved_size(), reserved_before);
}

static void set_bottom_up_chooses_the_direction_of_boot_allocations(struct ktest *t)
{
	bool was = memblock_bottom_up();

	memblock_set_bottom_up(true);
	KTEST_EXPECT_TRUE(t, memblock_bottom_up());
	KTEST_EXPECT_TRUE(t, memblock.bottom_up);
	memblock_set_bottom_up(false);
	KTEST_EXPECT_FALSE(t, memblock_bottom_up());
	memblock_set_bottom_up(was);
}

static void phys_alloc_after_the_hand_over_warns_and_fails(struct ktest *t)
{
	phys_addr_t reserved_before = memblock_reserved_size();
	unsigned long warnings = warn_count();

	KTEST_EXPECT_EQ(t, memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE), (phys_addr_t)0);
	KTEST_EXPECT_EQ(t, warn_count(), warnings + 1);
	KTEST_EXPECT_EQ(t, memblock_phys_alloc(PAGE_SIZE, 0), (phys_addr_t)0); /* and align 0 */
	KTEST_EXPECT_EQ(t, warn_count(), warnings + 3);
	KTEST_EXPECT_EQ(t, memblock_reserved_size(), reserved_before);
}

KTEST_SUITE(memblock,
	    KTEST_CASE(add_merges_adjacent_ranges),
	    KTEST_CASE(set_bottom_up_chooses_the_direction_of_boot_allocations),
	    KTEST_CASE(phys_alloc_after_the_hand_over_warns_and_fails),
	    KTEST_CASE(add_keeps_ranges_sorted),
	    KTEST_CASE(add_overlapping_either_edge_extends_the_range),
	    KTEST_CASE(add_inside_an_existing_range_changes_nothing),
	    KTEST_CASE(add_covering_several_ranges_merges_them_all),
	    KTEST_CASE(add_of_size_zero_changes_nothing),
	    KTEST_CASE(add_past_the_top_is_cut_at_the_top),
	    KTEST_CASE(add_to_a_full_table_fails_and_changes_nothing),
	    KTEST_CASE(remove_from_the_middle_splits_the_range),
	    KTEST_CASE(remove_over_either_edge_trims_the_range),
	    KTEST_CASE(remove_covering_several_ranges_deletes_and_trims),
	    KTEST_CASE(remove_of_a_gap_changes_nothing),
	    KTEST_CASE(split_in_a_full_table_fails_and_changes_nothing),
	    KTEST_CASE(free_ranges_are_memory_minus_reserved),
	    KTEST_CASE(alloc_top_down_takes_the_highest_aligned_fit),
	    KTEST_CASE(alloc_bottom_up_takes_the_lowest_aligned_fit),
	    KTEST_CASE(alloc_skips_gaps_that_are_too_small),
	    KTEST_CASE(alloc_stays_within_start_and_end),
	    KTEST_CASE(alloc_with_everything_reserved_fails),
	    KTEST_CASE(alloc_larger_than_any_free_range_fails),
	    KTEST_CASE(boot_alloc_after_the_hand_over_warns_and_fails));
