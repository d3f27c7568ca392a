/*
 * Self-tests of the boot memory map read from a device tree
 * (memblock_from_dtb(), kernel/setup_memory.c), on trees built here and
 * private memblock tables: a range that runs past 2^64 or lies beyond what
 * the port can map (PHYS_RAM_LIMIT) is cut or left out, never recorded as
 * it is. Also dtb_range_clip() (lib/dtb.c), through which every range goes.
 */
#include <asm/port.h>
#include <dtb.h>
#include <kernel.h>
#include <ktest.h>
#include <memblock.h>
#include <setup.h>
#include <string.h>

#include "dtb_builder.h"

#define SLOTS 16
#define GOOD_BASE 0x80000000ULL
#define GOOD_SIZE 0x10000000ULL

static u8 blob[2048];
static struct memblock_region mem_slots[SLOTS], rsv_slots[SLOTS];
static struct memblock mb;

static void cells64(u32 *c, u64 v)
{
	c[0] = (u32)(v >> 32);
	c[1] = (u32)v;
}

/* Start a tree with 2-cell addresses and sizes and an optional /memreserve/ entry. */
static void begin_tree(struct dtb_builder *b, u64 rsv_base, u64 rsv_size)
{
	dtb_builder_init(b, blob, sizeof(blob));
	if (rsv_size)
		dtb_builder_memreserve(b, rsv_base, rsv_size);
	dtb_builder_begin_node(b, "");
	dtb_builder_prop_u32(b, "#address-cells", 2);
	dtb_builder_prop_u32(b, "#size-cells", 2);
}

/* A /memory node with the good bank and, if @size, a second bank [@base, +@size). */
static void memory_node(struct dtb_builder *b, u64 base, u64 size)
{
	u32 reg[8];

	cells64(&reg[0], GOOD_BASE);
	cells64(&reg[2], GOOD_SIZE);
	cells64(&reg[4], base);
	cells64(&reg[6], size);
	dtb_builder_begin_node(b, "memory@80000000");
	dtb_builder_prop_string(b, "device_type", "memory");
	dtb_builder_prop_cells(b, "reg", reg, size ? 8 : 4);
	dtb_builder_end_node(b);
}

/* A /reserved-memory child with one entry [@base, +@size). */
static void reserved_node(struct dtb_builder *b, u64 base, u64 size)
{
	u32 reg[4];

	cells64(&reg[0], base);
	cells64(&reg[2], size);
	dtb_builder_begin_node(b, "reserved-memory");
	dtb_builder_prop_u32(b, "#address-cells", 2);
	dtb_builder_prop_u32(b, "#size-cells", 2);
	dtb_builder_prop(b, "ranges", NULL, 0);
	dtb_builder_begin_node(b, "firmware@0");
	dtb_builder_prop_cells(b, "reg", reg, 4);
	dtb_builder_end_node(b);
	dtb_builder_end_node(b);
}

/* Close the tree, read it into fresh private tables: memblock_from_dtb()'s result. */
static int read_tree(struct ktest *t, struct dtb_builder *b)
{
	const char *what;
	struct dtb dt;
	size_t size;
	int err;

	dtb_builder_end_node(b);
	size = dtb_builder_finish(b);
	if (!size) {
		KTEST_FAIL(t, "the test's tree did not fit in %zu bytes", sizeof(blob));
		return -1000;
	}
	err = dtb_init(&dt, blob, size);
	if (err) {
		KTEST_FAIL(t, "the test's tree is not valid: %s", dtb_strerror(err));
		return err;
	}
	memset(mem_slots, 0, sizeof(mem_slots));
	memset(rsv_slots, 0, sizeof(rsv_slots));
	mb = (struct memblock){
		.memory = { .max = SLOTS, .regions = mem_slots, .name = "memory" },
		.reserved = { .max = SLOTS, .regions = rsv_slots, .name = "reserved" },
	};
	return memblock_from_dtb(&mb, &dt, &what);
}

/* Expect @type to hold exactly [@base, @base + @size) (@size 0: nothing). */
static void expect_only(struct ktest *t, const struct memblock_type *type, u64 base, u64 size)
{
	KTEST_EXPECT_EQ(t, type->cnt, size ? 1UL : 0UL);
	for (unsigned long i = 0; i < type->cnt; i++)
		if (type->regions[i].base != base || type->regions[i].size != size)
			KTEST_FAIL(t, "%s[%lu] is [%#llx, +%#llx); expected [%#llx, +%#llx)",
				   type->name, i, (unsigned long long)type->regions[i].base,
				   (unsigned long long)type->regions[i].size,
				   (unsigned long long)base, (unsigned long long)size);
}

/* The tree: a second bank whose last byte is the last of the address space. */
static void bank_ending_at_2_64_is_left_out(struct ktest *t)
{
	struct dtb_builder b;

	begin_tree(&b, 0, 0);
	memory_node(&b, 0xfffffffffff00000ULL, 0x100000);
	KTEST_ASSERT_EQ(t, read_tree(t, &b), 0);
	expect_only(t, &mb.memory, GOOD_BASE, GOOD_SIZE);
}

static void bank_wrapping_past_2_64_is_left_out(struct ktest *t)
{
	struct dtb_builder b;

	begin_tree(&b, 0, 0);
	memory_node(&b, 0xfffffffffff00000ULL, 0x40000000);
	KTEST_ASSERT_EQ(t, read_tree(t, &b), 0);
	expect_only(t, &mb.memory, GOOD_BASE, GOOD_SIZE);
}

static void bank_of_the_largest_size_is_cut_at_the_limit(struct ktest *t)
{
	struct dtb_builder b;

	begin_tree(&b, 0, 0);
	memory_node(&b, GOOD_BASE + GOOD_SIZE, ~0ULL);
	KTEST_ASSERT_EQ(t, read_tree(t, &b), 0);
	expect_only(t, &mb.memory, GOOD_BASE, PHYS_RAM_LIMIT - GOOD_BASE);
}

static void bank_at_2_63_is_left_out(struct ktest *t)
{
	struct dtb_builder b;

	begin_tree(&b, 0, 0);
	memory_node(&b, 1ULL << 63, 0x100000);
	KTEST_ASSERT_EQ(t, read_tree(t, &b), 0);
	expect_only(t, &mb.memory, GOOD_BASE, GOOD_SIZE);
}

static void bank_at_the_port_limit_is_left_out(struct ktest *t)
{
	struct dtb_builder b;

	begin_tree(&b, 0, 0);
	memory_node(&b, PHYS_RAM_LIMIT, 0x200000);
	KTEST_ASSERT_EQ(t, read_tree(t, &b), 0);
	expect_only(t, &mb.memory, GOOD_BASE, GOOD_SIZE);
}

static void bank_across_the_port_limit_is_cut_there(struct ktest *t)
{
	struct dtb_builder b;

	begin_tree(&b, 0, 0);
	memory_node(&b, PHYS_RAM_LIMIT - 0x200000, 0x400000);
	KTEST_ASSERT_EQ(t, read_tree(t, &b), 0);
	KTEST_ASSERT_EQ(t, mb.memory.cnt, 2UL);
	KTEST_EXPECT_EQ(t, mb.memory.regions[1].base, PHYS_RAM_LIMIT - 0x200000);
	KTEST_EXPECT_EQ(t, mb.memory.regions[1].size, 0x200000ULL);
}

static void bank_just_below_the_port_limit_is_kept_whole(struct ktest *t)
{
	struct dtb_builder b;

	begin_tree(&b, 0, 0);
	memory_node(&b, PHYS_RAM_LIMIT - 0x200000, 0x200000);
	KTEST_ASSERT_EQ(t, read_tree(t, &b), 0);
	KTEST_ASSERT_EQ(t, mb.memory.cnt, 2UL);
	KTEST_EXPECT_EQ(t, mb.memory.regions[1].base + mb.memory.regions[1].size, PHYS_RAM_LIMIT);
}

static void memreserve_wrapping_past_2_64_is_cut_there(struct ktest *t)
{
	struct dtb_builder b;

	begin_tree(&b, 0xfffffffffffff000ULL, 0x2000);
	memory_node(&b, 0, 0);
	KTEST_ASSERT_EQ(t, read_tree(t, &b), 0);
	expect_only(t, &mb.memory, GOOD_BASE, GOOD_SIZE);
	/* memblock keeps ranges below 2^64 - 1: the cut range loses its very last byte. */
	expect_only(t, &mb.reserved, 0xfffffffffffff000ULL, 0xfff);
}

static void reserved_memory_wrapping_past_2_64_is_cut_there(struct ktest *t)
{
	struct dtb_builder b;

	begin_tree(&b, 0, 0);
	memory_node(&b, 0, 0);
	reserved_node(&b, 0xffffffffffff0000ULL, 0x20000);
	KTEST_ASSERT_EQ(t, read_tree(t, &b), 0);
	expect_only(t, &mb.reserved, 0xffffffffffff0000ULL, 0xffff);
}

static void ranges_inside_the_limit_are_recorded_as_given(struct ktest *t)
{
	struct dtb_builder b;

	begin_tree(&b, GOOD_BASE + 0x100000, 0x3000);
	memory_node(&b, 0x100000000ULL, 0x1234000);
	reserved_node(&b, GOOD_BASE, 0x80000);
	KTEST_ASSERT_EQ(t, read_tree(t, &b), 0);
	KTEST_ASSERT_EQ(t, mb.memory.cnt, 2UL);
	KTEST_EXPECT_EQ(t, mb.memory.regions[0].base, GOOD_BASE);
	KTEST_EXPECT_EQ(t, mb.memory.regions[0].size, GOOD_SIZE);
	KTEST_EXPECT_EQ(t, mb.memory.regions[1].base, 0x100000000ULL);
	KTEST_EXPECT_EQ(t, mb.memory.regions[1].size, 0x1234000ULL);
	KTEST_ASSERT_EQ(t, mb.reserved.cnt, 2UL);
	KTEST_EXPECT_EQ(t, mb.reserved.regions[0].base, GOOD_BASE);
	KTEST_EXPECT_EQ(t, mb.reserved.regions[1].base, GOOD_BASE + 0x100000);
	KTEST_EXPECT_EQ(t, mb.reserved.regions[1].size, 0x3000ULL);
}

/* dtb_range_clip(@base, @size, @limit) must give [@want_base, +@want_size) and @want_cut. */
static void expect_clip(struct ktest *t, u64 base, u64 size, u64 limit, u64 want_size,
			unsigned int want_cut)
{
	const struct dtb_range r = { base, size };
	struct dtb_range out;
	unsigned int cut = dtb_range_clip(&r, limit, &out);

	if (cut != want_cut || out.base != base || out.size != want_size)
		KTEST_FAIL(t,
			   "clip of [%#llx, +%#llx) below %#llx: expected +%#llx cut %#x, saw "
			   "[%#llx, +%#llx) cut %#x",
			   (unsigned long long)base, (unsigned long long)size,
			   (unsigned long long)limit, (unsigned long long)want_size, want_cut,
			   (unsigned long long)out.base, (unsigned long long)out.size, cut);
}

static void clip_cuts_at_2_64_and_at_the_limit(struct ktest *t)
{
	expect_clip(t, 0x1000, 0x1000, 0, 0x1000, 0);
	expect_clip(t, 0, ~0ULL, 0, ~0ULL, 0);
	expect_clip(t, 1, ~0ULL, 0, ~0ULL, 0);
	expect_clip(t, 2, ~0ULL, 0, ~0ULL - 1, DTB_RANGE_WRAPS);
	expect_clip(t, ~0ULL, 1, 0, 1, 0);
	expect_clip(t, ~0ULL, 2, 0, 1, DTB_RANGE_WRAPS);
	expect_clip(t, 0xfffffffffff00000ULL, 0x100000, 0, 0x100000, 0);
	expect_clip(t, 0x1000, 0, 0x2000, 0, 0);
	expect_clip(t, 0x1000, 0x1000, 0x2000, 0x1000, 0);
	expect_clip(t, 0x1000, 0x1001, 0x2000, 0x1000, DTB_RANGE_ABOVE);
	expect_clip(t, 0x2000, 0x1000, 0x2000, 0, DTB_RANGE_ABOVE);
	expect_clip(t, 0x3000, 0x1000, 0x2000, 0, DTB_RANGE_ABOVE);
	expect_clip(t, 0x1000, ~0ULL, 0x2000, 0x1000, DTB_RANGE_WRAPS | DTB_RANGE_ABOVE);
	expect_clip(t, ~0ULL, ~0ULL, 0x2000, 0, DTB_RANGE_WRAPS | DTB_RANGE_ABOVE);
}

KTEST_SUITE(boot_memmap, KTEST_CASE(bank_ending_at_2_64_is_left_out),
	    KTEST_CASE(bank_wrapping_past_2_64_is_left_out),
	    KTEST_CASE(bank_of_the_largest_size_is_cut_at_the_limit),
	    KTEST_CASE(bank_at_2_63_is_left_out), KTEST_CASE(bank_at_the_port_limit_is_left_out),
	    KTEST_CASE(bank_across_the_port_limit_is_cut_there),
	    KTEST_CASE(bank_just_below_the_port_limit_is_kept_whole),
	    KTEST_CASE(memreserve_wrapping_past_2_64_is_cut_there),
	    KTEST_CASE(reserved_memory_wrapping_past_2_64_is_cut_there),
	    KTEST_CASE(ranges_inside_the_limit_are_recorded_as_given),
	    KTEST_CASE(clip_cuts_at_2_64_and_at_the_limit));
