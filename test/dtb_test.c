/*
 * Tests of the device tree reader (lib/dtb.c): blobs are built in memory with
 * dtb_builder, read back, and broken one field at a time to check each refusal.
 */
#include <dtb.h>
#include <kernel.h>
#include <ktest.h>
#include <string.h>
#include <types.h>

#include "dtb_builder.h"

#define BLOB_BUF_SIZE 2048
#define MAX_SEEN 8
#define STOP_WALK 42 /* what collect() returns to stop a walk */

/* Shared by the cases, which run one at a time: too big for a kernel stack frame. */
static u8 blob_buf[BLOB_BUF_SIZE];
static u8 fuzz_src[BLOB_BUF_SIZE];

/* What a dtb_range_fn was called with. */
struct seen {
	int n;
	int stop_at; /* collect() returns STOP_WALK at this call (1-based); 0: never */
	const char *name[MAX_SEEN];
	struct dtb_range r[MAX_SEEN];
	bool nomap[MAX_SEEN];
};

static int collect(void *arg, const char *name, const struct dtb_range *r, bool nomap)
{
	struct seen *s = arg;

	if (s->n < MAX_SEEN) {
		s->name[s->n] = name;
		s->r[s->n] = *r;
		s->nomap[s->n] = nomap;
	}
	s->n++;
	return s->n == s->stop_at ? STOP_WALK : 0;
}

#define EXPECT_RANGE(t, s, i, nm, b, sz, nmap)                 \
	do {                                                   \
		KTEST_EXPECT_STREQ(t, (s)->name[i], nm);       \
		KTEST_EXPECT_EQ(t, (s)->r[i].base, (u64)(b));  \
		KTEST_EXPECT_EQ(t, (s)->r[i].size, (u64)(sz)); \
		KTEST_EXPECT_EQ(t, (s)->nomap[i], nmap);       \
	} while (0)

/* Finish the blob in blob_buf and read it back: 0 or dtb_init()'s error. */
static int finish_and_init(struct dtb_builder *b, struct dtb *dt)
{
	size_t size = dtb_builder_finish(b);

	if (!size)
		return -1000; /* the builder ran out of room: a bug in the test */
	return dtb_init(dt, b->buf, size);
}

static void begin_root(struct dtb_builder *b, u32 addr_cells, u32 size_cells)
{
	dtb_builder_init(b, blob_buf, sizeof(blob_buf));
	dtb_builder_begin_node(b, "");
	dtb_builder_prop_u32(b, "#address-cells", addr_cells);
	dtb_builder_prop_u32(b, "#size-cells", size_cells);
}

static void memory_node(struct dtb_builder *b, const char *name, const u32 *reg, u32 ncells)
{
	dtb_builder_begin_node(b, name);
	dtb_builder_prop_string(b, "device_type", "memory");
	dtb_builder_prop_cells(b, "reg", reg, ncells);
	dtb_builder_end_node(b);
}

/* Where build_board() put the things the corruption tests break. */
struct board {
	size_t size;
	u32 nop;	/* the FDT_NOP token among the root's properties */
	u32 chosen;	/* BEGIN_NODE of /chosen */
	u32 bootargs;	/* PROP token of /chosen/bootargs */
	u32 off_struct; /* header fields, for patching */
	u32 size_struct;
	u32 off_strings;
	u32 size_strings;
};

static void board_reserved_memory(struct dtb_builder *b)
{
	static const u32 fw[] = { 0x80000000, 0x40000 };
	static const u32 shared[] = { 0x88000000, 0x1000, 0x88010000, 0x2000 };

	dtb_builder_begin_node(b, "reserved-memory");
	dtb_builder_prop_u32(b, "#address-cells", 1);
	dtb_builder_prop_u32(b, "#size-cells", 1);
	dtb_builder_prop(b, "ranges", NULL, 0);
	dtb_builder_begin_node(b, "firmware@80000000");
	dtb_builder_prop_cells(b, "reg", fw, ARRAY_SIZE(fw));
	dtb_builder_prop(b, "no-map", NULL, 0);
	dtb_builder_end_node(b);
	dtb_builder_begin_node(b, "shared@88000000");
	dtb_builder_prop_cells(b, "reg", shared, ARRAY_SIZE(shared));
	dtb_builder_end_node(b);
	dtb_builder_begin_node(b, "pool"); /* dynamic: no reg */
	dtb_builder_prop_u32(b, "size", 0x100000);
	dtb_builder_end_node(b);
	dtb_builder_end_node(b);
}

static void board_soc(struct dtb_builder *b)
{
	static const u32 uart[] = { 0, 0x10000000, 0, 0x100 };
	static const u32 nested_mem[] = { 0, 0x2000, 0, 0x1000 };

	dtb_builder_begin_node(b, "cpus");
	dtb_builder_prop_u32(b, "#address-cells", 1);
	dtb_builder_prop_u32(b, "#size-cells", 0);
	dtb_builder_begin_node(b, "cpu@0");
	dtb_builder_prop_string(b, "device_type", "cpu");
	dtb_builder_prop_u32(b, "reg", 0);
	dtb_builder_end_node(b);
	dtb_builder_end_node(b);

	dtb_builder_begin_node(b, "soc");
	dtb_builder_begin_node(b, "serial@10000000");
	dtb_builder_prop_string(b, "compatible", "ns16550a");
	dtb_builder_prop_cells(b, "reg", uart, ARRAY_SIZE(uart));
	dtb_builder_end_node(b);
	dtb_builder_begin_node(b, "virtio_mmio@10001000");
	dtb_builder_end_node(b);
	dtb_builder_begin_node(b, "virtio_mmio@10002000");
	dtb_builder_end_node(b);
	memory_node(b, "memory@2000", nested_mem, ARRAY_SIZE(nested_mem)); /* not under root */
	dtb_builder_end_node(b);
}

/*
 * A QEMU-virt-like board: two /memreserve/ entries, 2-cell root, two memory
 * nodes (three reg entries), /reserved-memory with 1-cell children, /chosen.
 */
static void build_board(struct board *bd)
{
	static const u32 mem0[] = { 0, 0x80000000, 0, 0x8000000 };
	static const u32 mem1[] = { 1, 0, 0, 0x1000000, 1, 0x10000000, 0, 0x200000 };
	struct dtb_builder b;

	dtb_builder_init(&b, blob_buf, sizeof(blob_buf));
	dtb_builder_memreserve(&b, 0x80000000, 0x80000);
	dtb_builder_memreserve(&b, 0x123456000ULL, 0x3000);
	dtb_builder_begin_node(&b, "");
	dtb_builder_prop_u32(&b, "#address-cells", 2);
	dtb_builder_prop_u32(&b, "#size-cells", 2);
	dtb_builder_prop_string(&b, "compatible", "riscv-virtio");
	bd->nop = dtb_builder_offset(&b);
	dtb_builder_token(&b, DTB_TOKEN_NOP);
	dtb_builder_prop_string(&b, "model", "test,board");
	bd->chosen = dtb_builder_offset(&b);
	dtb_builder_begin_node(&b, "chosen");
	bd->bootargs = dtb_builder_offset(&b);
	dtb_builder_prop_string(&b, "bootargs", "console=ttyS0 mem=128M");
	dtb_builder_prop_string(&b, "stdout-path", "/soc/serial@10000000");
	dtb_builder_end_node(&b);
	memory_node(&b, "memory@80000000", mem0, ARRAY_SIZE(mem0));
	memory_node(&b, "memory@100000000", mem1, ARRAY_SIZE(mem1));
	board_reserved_memory(&b);
	board_soc(&b);
	dtb_builder_end_node(&b);
	bd->size = dtb_builder_finish(&b);
	bd->off_struct = dtb_get_be32(blob_buf + DTB_HDR_OFF_DT_STRUCT);
	bd->size_struct = dtb_get_be32(blob_buf + DTB_HDR_SIZE_DT_STRUCT);
	bd->off_strings = dtb_get_be32(blob_buf + DTB_HDR_OFF_DT_STRINGS);
	bd->size_strings = dtb_get_be32(blob_buf + DTB_HDR_SIZE_DT_STRINGS);
}

static void put_header(u32 field, u32 val)
{
	dtb_put_be32(blob_buf + field, val);
}

/* Overwrite a 32-bit word of the structure block of the board. */
static void put_struct(const struct board *bd, u32 off, u32 val)
{
	dtb_put_be32(blob_buf + bd->off_struct + off, val);
}

static int init_board(const struct board *bd, struct dtb *dt)
{
	return dtb_init(dt, blob_buf, bd->size);
}

/* ---- Reading memory ---- */

static void memory_nodes_with_two_cell_addresses_are_read(struct ktest *t)
{
	struct seen s = { 0 };
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	KTEST_ASSERT_EQ(t, init_board(&bd, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_memory(&dt, collect, &s), 0);
	KTEST_ASSERT_EQ(t, s.n, 3);
	EXPECT_RANGE(t, &s, 0, "memory@80000000", 0x80000000, 0x8000000, false);
	EXPECT_RANGE(t, &s, 1, "memory@100000000", 0x100000000ULL, 0x1000000, false);
	EXPECT_RANGE(t, &s, 2, "memory@100000000", 0x110000000ULL, 0x200000, false);
}

static void memory_nodes_with_one_cell_addresses_are_read(struct ktest *t)
{
	static const u32 reg0[] = { 0x80000000, 0x4000000 };
	static const u32 reg1[] = { 0xc0000000, 0x1000 };
	struct dtb_builder b;
	struct seen s = { 0 };
	struct dtb dt;

	begin_root(&b, 1, 1);
	memory_node(&b, "memory@80000000", reg0, ARRAY_SIZE(reg0));
	memory_node(&b, "memory@c0000000", reg1, ARRAY_SIZE(reg1));
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_memory(&dt, collect, &s), 0);
	KTEST_ASSERT_EQ(t, s.n, 2);
	EXPECT_RANGE(t, &s, 0, "memory@80000000", 0x80000000, 0x4000000, false);
	EXPECT_RANGE(t, &s, 1, "memory@c0000000", 0xc0000000, 0x1000, false);
}

static void disabled_memory_and_reserved_nodes_are_skipped(struct ktest *t)
{
	static const u32 reg0[] = { 0x80000000, 0x4000000 };
	static const u32 reg1[] = { 0xc0000000, 0x1000 };
	static const u32 reg2[] = { 0xd0000000, 0x2000 };
	struct dtb_builder b;
	struct seen s = { 0 };
	struct dtb dt;

	begin_root(&b, 1, 1);
	dtb_builder_begin_node(&b, "memory@80000000");
	dtb_builder_prop_string(&b, "device_type", "memory");
	dtb_builder_prop_string(&b, "status", "disabled");
	dtb_builder_prop_cells(&b, "reg", reg0, ARRAY_SIZE(reg0));
	dtb_builder_end_node(&b);
	dtb_builder_begin_node(&b, "memory@c0000000");
	dtb_builder_prop_string(&b, "device_type", "memory");
	dtb_builder_prop_string(&b, "status", "okay");
	dtb_builder_prop_cells(&b, "reg", reg1, ARRAY_SIZE(reg1));
	dtb_builder_end_node(&b);
	dtb_builder_begin_node(&b, "reserved-memory");
	dtb_builder_prop_u32(&b, "#address-cells", 1);
	dtb_builder_prop_u32(&b, "#size-cells", 1);
	dtb_builder_begin_node(&b, "off@d0000000");
	dtb_builder_prop_string(&b, "status", "disabled");
	dtb_builder_prop_cells(&b, "reg", reg2, ARRAY_SIZE(reg2));
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_memory(&dt, collect, &s), 0);
	KTEST_ASSERT_EQ(t, s.n, 1);
	EXPECT_RANGE(t, &s, 0, "memory@c0000000", 0xc0000000, 0x1000, false);
	s.n = 0;
	KTEST_EXPECT_EQ(t, dtb_for_each_reserved_memory(&dt, collect, &s), 0);
	KTEST_EXPECT_EQ(t, s.n, 0);
}

static void absent_cells_default_to_two_address_and_one_size(struct ktest *t)
{
	static const u32 reg[] = { 0x2, 0x80000000, 0x10000000 };
	struct dtb_builder b;
	struct seen s = { 0 };
	struct dtb dt;

	dtb_builder_init(&b, blob_buf, sizeof(blob_buf));
	dtb_builder_begin_node(&b, "");
	memory_node(&b, "memory@280000000", reg, ARRAY_SIZE(reg));
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_memory(&dt, collect, &s), 0);
	KTEST_ASSERT_EQ(t, s.n, 1);
	EXPECT_RANGE(t, &s, 0, "memory@280000000", 0x280000000ULL, 0x10000000, false);
}

static void every_reg_entry_of_every_memory_node_is_passed_in_order(struct ktest *t)
{
	static const u32 reg0[] = { 0, 0x1000, 0x10, 0, 0x2000, 0x20, 0, 0x3000, 0x30 };
	static const u32 reg1[] = { 0, 0x4000, 0x40 };
	static const u32 reg2[] = { 5, 0x5000, 0x50, 6, 0x6000, 0x60 };
	struct dtb_builder b;
	struct seen s = { 0 };
	struct dtb dt;

	begin_root(&b, 2, 1);
	memory_node(&b, "memory@1000", reg0, ARRAY_SIZE(reg0));
	memory_node(&b, "memory@4000", reg1, ARRAY_SIZE(reg1));
	memory_node(&b, "memory@500005000", reg2, ARRAY_SIZE(reg2));
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_memory(&dt, collect, &s), 0);
	KTEST_ASSERT_EQ(t, s.n, 6);
	EXPECT_RANGE(t, &s, 0, "memory@1000", 0x1000, 0x10, false);
	EXPECT_RANGE(t, &s, 1, "memory@1000", 0x2000, 0x20, false);
	EXPECT_RANGE(t, &s, 2, "memory@1000", 0x3000, 0x30, false);
	EXPECT_RANGE(t, &s, 3, "memory@4000", 0x4000, 0x40, false);
	EXPECT_RANGE(t, &s, 4, "memory@500005000", 0x500005000ULL, 0x50, false);
	EXPECT_RANGE(t, &s, 5, "memory@500005000", 0x600006000ULL, 0x60, false);
}

static void memory_nodes_are_found_by_device_type_or_by_name(struct ktest *t)
{
	static const u32 reg[] = { 0x1000, 0x100 };
	struct dtb_builder b;
	struct seen s = { 0 };
	struct dtb dt;

	begin_root(&b, 1, 1);
	memory_node(&b, "ram@1000", reg, ARRAY_SIZE(reg)); /* device_type only */
	dtb_builder_begin_node(&b, "memory@2000");	   /* name only */
	dtb_builder_prop_cells(&b, "reg", reg, ARRAY_SIZE(reg));
	dtb_builder_end_node(&b);
	dtb_builder_begin_node(&b, "memory"); /* name only, no unit */
	dtb_builder_prop_cells(&b, "reg", reg, ARRAY_SIZE(reg));
	dtb_builder_end_node(&b);
	dtb_builder_begin_node(&b, "memory@3000"); /* device_type says otherwise */
	dtb_builder_prop_string(&b, "device_type", "cpu");
	dtb_builder_prop_cells(&b, "reg", reg, ARRAY_SIZE(reg));
	dtb_builder_end_node(&b);
	dtb_builder_begin_node(&b, "memory-controller@4000");
	dtb_builder_prop_cells(&b, "reg", reg, ARRAY_SIZE(reg));
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_memory(&dt, collect, &s), 0);
	KTEST_ASSERT_EQ(t, s.n, 3);
	KTEST_EXPECT_STREQ(t, s.name[0], "ram@1000");
	KTEST_EXPECT_STREQ(t, s.name[1], "memory@2000");
	KTEST_EXPECT_STREQ(t, s.name[2], "memory");
}

static void memory_nodes_below_the_root_are_ignored(struct ktest *t)
{
	struct seen s = { 0 };
	struct board bd;
	struct dtb dt;
	int i;

	build_board(&bd); /* has /soc/memory@2000 */
	KTEST_ASSERT_EQ(t, init_board(&bd, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_memory(&dt, collect, &s), 0);
	KTEST_ASSERT_EQ(t, s.n, 3);
	for (i = 0; i < s.n; i++)
		KTEST_EXPECT_STRNEQ(t, s.name[i], "memory@2000");
}

static void memory_node_without_reg_is_skipped(struct ktest *t)
{
	struct dtb_builder b;
	struct seen s = { 0 };
	struct dtb dt;

	begin_root(&b, 2, 2);
	dtb_builder_begin_node(&b, "memory@0");
	dtb_builder_prop_string(&b, "device_type", "memory");
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_memory(&dt, collect, &s), 0);
	KTEST_EXPECT_EQ(t, s.n, 0);
}

static void zero_size_memory_entries_are_passed_on(struct ktest *t)
{
	static const u32 reg[] = { 0x80000000, 0 };
	struct dtb_builder b;
	struct seen s = { 0 };
	struct dtb dt;

	begin_root(&b, 1, 1);
	memory_node(&b, "memory@80000000", reg, ARRAY_SIZE(reg));
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_memory(&dt, collect, &s), 0);
	KTEST_ASSERT_EQ(t, s.n, 1);
	EXPECT_RANGE(t, &s, 0, "memory@80000000", 0x80000000, 0, false);
}

static void nonzero_callback_return_stops_the_walk(struct ktest *t)
{
	struct seen s = { .stop_at = 2 };
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	KTEST_ASSERT_EQ(t, init_board(&bd, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_memory(&dt, collect, &s), STOP_WALK);
	KTEST_EXPECT_EQ(t, s.n, 2);
	s.n = 0;
	KTEST_EXPECT_EQ(t, dtb_for_each_memreserve(&dt, collect, &s), STOP_WALK);
	KTEST_EXPECT_EQ(t, s.n, 2);
}

static void reg_length_not_a_multiple_of_cells_is_refused(struct ktest *t)
{
	static const u32 good[] = { 0, 0x1000, 0, 0x1000 };
	static const u32 bad[] = { 0, 0x2000, 0, 0x1000, 0 };
	struct dtb_builder b;
	struct seen s = { 0 };
	struct dtb dt;

	begin_root(&b, 2, 2);
	memory_node(&b, "memory@1000", good, ARRAY_SIZE(good));
	memory_node(&b, "memory@2000", bad, ARRAY_SIZE(bad));
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_memory(&dt, collect, &s), -DTB_ERR_BADCELLS);
	KTEST_EXPECT_EQ(t, s.n, 0); /* nothing is passed on from a malformed tree */
}

static void address_cells_other_than_one_or_two_are_refused(struct ktest *t)
{
	static const u32 reg[] = { 0, 0, 0x1000, 0x1000 };
	struct dtb_builder b;
	struct seen s = { 0 };
	struct dtb dt;

	begin_root(&b, 3, 1);
	memory_node(&b, "memory@1000", reg, ARRAY_SIZE(reg));
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_memory(&dt, collect, &s), -DTB_ERR_BADCELLS);
	KTEST_EXPECT_EQ(t, s.n, 0);
}

static void size_cells_of_zero_are_refused(struct ktest *t)
{
	static const u32 reg[] = { 0x1000 };
	struct dtb_builder b;
	struct seen s = { 0 };
	struct dtb dt;

	begin_root(&b, 1, 0);
	memory_node(&b, "memory@1000", reg, ARRAY_SIZE(reg));
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_memory(&dt, collect, &s), -DTB_ERR_BADCELLS);
	KTEST_EXPECT_EQ(t, s.n, 0);
}

static void cells_property_of_wrong_length_is_refused(struct ktest *t)
{
	static const u32 two[] = { 0, 2 };
	struct dtb_builder b;
	struct dtb dt;

	dtb_builder_init(&b, blob_buf, sizeof(blob_buf));
	dtb_builder_begin_node(&b, "");
	dtb_builder_prop_cells(&b, "#address-cells", two, ARRAY_SIZE(two));
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_memory(&dt, collect, NULL), -DTB_ERR_BADCELLS);
}

/* ---- Reservations ---- */

static void reserved_memory_children_are_read_with_their_nomap_flag(struct ktest *t)
{
	struct seen s = { 0 };
	struct board bd;
	struct dtb dt;

	build_board(&bd); /* /reserved-memory has 1-cell addresses under a 2-cell root */
	KTEST_ASSERT_EQ(t, init_board(&bd, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_reserved_memory(&dt, collect, &s), 0);
	KTEST_ASSERT_EQ(t, s.n, 3); /* "pool" has no reg */
	EXPECT_RANGE(t, &s, 0, "firmware@80000000", 0x80000000, 0x40000, true);
	EXPECT_RANGE(t, &s, 1, "shared@88000000", 0x88000000, 0x1000, false);
	EXPECT_RANGE(t, &s, 2, "shared@88000000", 0x88010000, 0x2000, false);
}

static void reserved_memory_cells_come_from_reserved_memory_node(struct ktest *t)
{
	static const u32 reg[] = { 0x4, 0x0, 0x0, 0x200000 };
	struct dtb_builder b;
	struct seen s = { 0 };
	struct dtb dt;

	begin_root(&b, 1, 1);
	dtb_builder_begin_node(&b, "reserved-memory");
	dtb_builder_prop_u32(&b, "#address-cells", 2);
	dtb_builder_prop_u32(&b, "#size-cells", 2);
	dtb_builder_begin_node(&b, "high@400000000");
	dtb_builder_prop_cells(&b, "reg", reg, ARRAY_SIZE(reg));
	dtb_builder_prop(&b, "no-map", NULL, 0);
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_reserved_memory(&dt, collect, &s), 0);
	KTEST_ASSERT_EQ(t, s.n, 1);
	EXPECT_RANGE(t, &s, 0, "high@400000000", 0x400000000ULL, 0x200000, true);
}

static void missing_reserved_memory_node_gives_no_ranges(struct ktest *t)
{
	struct dtb_builder b;
	struct seen s = { 0 };
	struct dtb dt;

	begin_root(&b, 2, 2);
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_reserved_memory(&dt, collect, &s), 0);
	KTEST_EXPECT_EQ(t, s.n, 0);
}

static void reserved_memory_with_bad_cells_is_refused(struct ktest *t)
{
	static const u32 reg[] = { 0x1000, 0x1000 };
	struct dtb_builder b;
	struct seen s = { 0 };
	struct dtb dt;

	begin_root(&b, 1, 1);
	dtb_builder_begin_node(&b, "reserved-memory");
	dtb_builder_prop_u32(&b, "#address-cells", 4);
	dtb_builder_prop_u32(&b, "#size-cells", 1);
	dtb_builder_begin_node(&b, "fw@1000");
	dtb_builder_prop_cells(&b, "reg", reg, ARRAY_SIZE(reg));
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_reserved_memory(&dt, collect, &s), -DTB_ERR_BADCELLS);
	KTEST_EXPECT_EQ(t, s.n, 0);
}

static void memreserve_entries_are_read_in_order(struct ktest *t)
{
	struct seen s = { 0 };
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	KTEST_ASSERT_EQ(t, init_board(&bd, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_memreserve(&dt, collect, &s), 0);
	KTEST_ASSERT_EQ(t, s.n, 2);
	KTEST_EXPECT_NULL(t, s.name[0]);
	KTEST_EXPECT_EQ(t, s.r[0].base, 0x80000000ULL);
	KTEST_EXPECT_EQ(t, s.r[0].size, 0x80000ULL);
	KTEST_EXPECT_FALSE(t, s.nomap[0]);
	KTEST_EXPECT_NULL(t, s.name[1]);
	KTEST_EXPECT_EQ(t, s.r[1].base, 0x123456000ULL);
	KTEST_EXPECT_EQ(t, s.r[1].size, 0x3000ULL);
}

static void memreserve_entry_of_size_zero_does_not_end_the_list(struct ktest *t)
{
	struct dtb_builder b;
	struct seen s = { 0 };
	struct dtb dt;

	dtb_builder_init(&b, blob_buf, sizeof(blob_buf));
	dtb_builder_memreserve(&b, 0x1000, 0);
	dtb_builder_memreserve(&b, 0x2000, 0x100);
	dtb_builder_begin_node(&b, "");
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_memreserve(&dt, collect, &s), 0);
	KTEST_ASSERT_EQ(t, s.n, 2); /* only (0, 0) ends it */
	KTEST_EXPECT_EQ(t, s.r[0].base, 0x1000ULL);
	KTEST_EXPECT_EQ(t, s.r[0].size, 0ULL);
	KTEST_EXPECT_EQ(t, s.r[1].base, 0x2000ULL);
	KTEST_EXPECT_EQ(t, s.r[1].size, 0x100ULL);
}

static void empty_memreserve_block_gives_no_entries(struct ktest *t)
{
	struct dtb_builder b;
	struct seen s = { 0 };
	struct dtb dt;

	begin_root(&b, 2, 2);
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_memreserve(&dt, collect, &s), 0);
	KTEST_EXPECT_EQ(t, s.n, 0);
}

/* ---- /chosen/bootargs ---- */

static void bootargs_are_read_from_chosen(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	KTEST_ASSERT_EQ(t, init_board(&bd, &dt), 0);
	KTEST_EXPECT_STREQ(t, dtb_bootargs(&dt), "console=ttyS0 mem=128M");
}

static void bootargs_absent_from_chosen_are_null(struct ktest *t)
{
	struct dtb_builder b;
	struct dtb dt;

	begin_root(&b, 2, 2);
	dtb_builder_begin_node(&b, "chosen");
	dtb_builder_prop_string(&b, "stdout-path", "serial0");
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_NULL(t, dtb_bootargs(&dt));
}

static void bootargs_without_chosen_node_are_null(struct ktest *t)
{
	struct dtb_builder b;
	struct dtb dt;

	begin_root(&b, 2, 2);
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_NULL(t, dtb_bootargs(&dt));
}

static void bootargs_without_nul_terminator_are_null(struct ktest *t)
{
	struct dtb_builder b;
	struct dtb dt;

	begin_root(&b, 2, 2);
	dtb_builder_begin_node(&b, "chosen");
	dtb_builder_prop(&b, "bootargs", "console=ttyS0", 13); /* no NUL */
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_NULL(t, dtb_bootargs(&dt));
}

static void bootargs_with_embedded_nul_are_null(struct ktest *t)
{
	struct dtb_builder b;
	struct dtb dt;

	begin_root(&b, 2, 2);
	dtb_builder_begin_node(&b, "chosen");
	dtb_builder_prop(&b, "bootargs", "quiet\0debug", 12);
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_NULL(t, dtb_bootargs(&dt));
}

static void empty_bootargs_are_an_empty_string(struct ktest *t)
{
	struct dtb_builder b;
	struct dtb dt;

	begin_root(&b, 2, 2);
	dtb_builder_begin_node(&b, "chosen");
	dtb_builder_prop_string(&b, "bootargs", "");
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_STREQ(t, dtb_bootargs(&dt), "");
}

/* ---- Finding and walking nodes ---- */

/* /cpus: what a dtb_cpu_fn was called with. */
struct seen_cpus {
	int n;
	int stop_at;
	const char *name[MAX_SEEN];
	u64 hwid[MAX_SEEN];
};

static int collect_cpu(void *arg, const char *name, u64 hwid)
{
	struct seen_cpus *s = arg;

	if (s->n < MAX_SEEN) {
		s->name[s->n] = name;
		s->hwid[s->n] = hwid;
	}
	s->n++;
	return s->n == s->stop_at ? STOP_WALK : 0;
}

/* A /cpus node with #address-cells @addr_cells; the caller adds the CPUs and ends it. */
static void begin_cpus(struct dtb_builder *b, u32 addr_cells)
{
	begin_root(b, 2, 2);
	dtb_builder_begin_node(b, "cpus");
	dtb_builder_prop_u32(b, "#address-cells", addr_cells);
	dtb_builder_prop_u32(b, "#size-cells", 0);
}

static void cpu_node(struct dtb_builder *b, const char *name, const u32 *reg, u32 ncells,
		     const char *status)
{
	dtb_builder_begin_node(b, name);
	dtb_builder_prop_string(b, "device_type", "cpu");
	if (reg)
		dtb_builder_prop_cells(b, "reg", reg, ncells);
	if (status)
		dtb_builder_prop_string(b, "status", status);
	dtb_builder_end_node(b);
}

static void cpu_nodes_are_read_in_order_with_their_ids(struct ktest *t)
{
	static const u32 hart3[] = { 3 }, hart0[] = { 0 }, hart1[] = { 1 }, hart2[] = { 2 };
	struct seen_cpus s = { 0 };
	struct dtb_builder b;
	struct dtb dt;

	begin_cpus(&b, 1);
	cpu_node(&b, "cpu@3", hart3, 1, "okay");
	cpu_node(&b, "cpu@0", hart0, 1, NULL);
	cpu_node(&b, "cpu@1", hart1, 1, "disabled"); /* not in use: skipped */
	dtb_builder_begin_node(&b, "cpu-map");	     /* no device_type: not a CPU */
	dtb_builder_end_node(&b);
	dtb_builder_begin_node(&b, "cpu@2"); /* a CPU's child nodes are not CPUs either */
	dtb_builder_prop_string(&b, "device_type", "cpu");
	dtb_builder_prop_cells(&b, "reg", hart2, 1);
	dtb_builder_begin_node(&b, "interrupt-controller");
	dtb_builder_prop_string(&b, "device_type", "cpu");
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_cpu(&dt, collect_cpu, &s), 0);
	KTEST_ASSERT_EQ(t, s.n, 3);
	KTEST_EXPECT_STREQ(t, s.name[0], "cpu@3");
	KTEST_EXPECT_EQ(t, s.hwid[0], 3ULL);
	KTEST_EXPECT_STREQ(t, s.name[1], "cpu@0");
	KTEST_EXPECT_EQ(t, s.hwid[1], 0ULL);
	KTEST_EXPECT_STREQ(t, s.name[2], "cpu@2");
	KTEST_EXPECT_EQ(t, s.hwid[2], 2ULL);
}

static void cpu_ids_of_two_cells_are_read(struct ktest *t)
{
	static const u32 id[] = { 0x1, 0x80000002 };
	struct seen_cpus s = { 0 };
	struct dtb_builder b;
	struct dtb dt;

	begin_cpus(&b, 2);
	cpu_node(&b, "cpu@180000002", id, 2, NULL);
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_cpu(&dt, collect_cpu, &s), 0);
	KTEST_ASSERT_EQ(t, s.n, 1);
	KTEST_EXPECT_EQ(t, s.hwid[0], 0x180000002ULL);
}

static void cpu_without_a_usable_reg_is_refused(struct ktest *t)
{
	static const u32 hart0[] = { 0 };
	struct seen_cpus s = { 0 };
	struct dtb_builder b;
	struct dtb dt;

	begin_cpus(&b, 2);
	cpu_node(&b, "cpu@0", NULL, 0, NULL);
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_cpu(&dt, collect_cpu, &s), -DTB_ERR_BADCELLS);
	begin_cpus(&b, 2);
	cpu_node(&b, "cpu@1", hart0, 1, NULL); /* one cell where two are needed */
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_cpu(&dt, collect_cpu, &s), -DTB_ERR_BADCELLS);
	KTEST_EXPECT_EQ(t, s.n, 0); /* nothing is passed on from a malformed /cpus */
}

static void missing_cpus_node_gives_no_cpus(struct ktest *t)
{
	struct seen_cpus s = { 0 };
	struct dtb_builder b;
	struct dtb dt;

	begin_root(&b, 2, 2);
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_cpu(&dt, collect_cpu, &s), 0);
	KTEST_EXPECT_EQ(t, s.n, 0);
}

static void nonzero_cpu_callback_return_stops_the_walk(struct ktest *t)
{
	static const u32 ids[][1] = { { 0 }, { 1 }, { 2 } };
	struct seen_cpus s = { .stop_at = 2 };
	struct dtb_builder b;
	struct dtb dt;

	begin_cpus(&b, 1);
	cpu_node(&b, "cpu@0", ids[0], 1, NULL);
	cpu_node(&b, "cpu@1", ids[1], 1, NULL);
	cpu_node(&b, "cpu@2", ids[2], 1, NULL);
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_cpu(&dt, collect_cpu, &s), STOP_WALK);
	KTEST_EXPECT_EQ(t, s.n, 2);
}

static void path_offset_finds_nodes_by_full_name(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	KTEST_ASSERT_EQ(t, init_board(&bd, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_path_offset(&dt, "/chosen"), (int)bd.chosen);
	KTEST_EXPECT_STREQ(t, dtb_node_name(&dt, dtb_path_offset(&dt, "/soc/serial@10000000")),
			   "serial@10000000");
	KTEST_EXPECT_STREQ(
		t, dtb_node_name(&dt, dtb_path_offset(&dt, "/reserved-memory/shared@88000000")),
		"shared@88000000");
	KTEST_EXPECT_STREQ(t, dtb_node_name(&dt, dtb_path_offset(&dt, "/soc/virtio_mmio@10002000")),
			   "virtio_mmio@10002000");
	KTEST_EXPECT_STREQ(t, dtb_node_name(&dt, dtb_path_offset(&dt, "/cpus/cpu@0/")), "cpu@0");
}

static void root_path_is_the_root_node(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	KTEST_ASSERT_EQ(t, init_board(&bd, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_path_offset(&dt, "/"), 0);
	KTEST_EXPECT_EQ(t, dtb_path_offset(&dt, "//"), 0);
	KTEST_EXPECT_STREQ(t, dtb_node_name(&dt, 0), "");
}

static void path_without_unit_address_finds_the_only_such_node(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	KTEST_ASSERT_EQ(t, init_board(&bd, &dt), 0);
	KTEST_EXPECT_STREQ(t, dtb_node_name(&dt, dtb_path_offset(&dt, "/soc/serial")),
			   "serial@10000000");
	KTEST_EXPECT_STREQ(t, dtb_node_name(&dt, dtb_path_offset(&dt, "/cpus/cpu")), "cpu@0");
	KTEST_EXPECT_STREQ(t, dtb_node_name(&dt, dtb_path_offset(&dt, "/reserved-memory/firmware")),
			   "firmware@80000000");
}

static void path_without_unit_address_is_refused_when_ambiguous(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	KTEST_ASSERT_EQ(t, init_board(&bd, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_path_offset(&dt, "/soc/virtio_mmio"), -DTB_ERR_NOTFOUND);
	KTEST_EXPECT_EQ(t, dtb_path_offset(&dt, "/memory"), -DTB_ERR_NOTFOUND);
}

static void path_prefers_an_exact_name_to_unit_addresses(struct ktest *t)
{
	struct dtb_builder b;
	struct dtb dt;
	u32 exact;

	begin_root(&b, 2, 2);
	dtb_builder_begin_node(&b, "memory@80000000");
	dtb_builder_end_node(&b);
	exact = dtb_builder_offset(&b);
	dtb_builder_begin_node(&b, "memory");
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_path_offset(&dt, "/memory"), (int)exact);
}

static void missing_or_relative_paths_are_not_found(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	KTEST_ASSERT_EQ(t, init_board(&bd, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_path_offset(&dt, "/nope"), -DTB_ERR_NOTFOUND);
	KTEST_EXPECT_EQ(t, dtb_path_offset(&dt, "/chosen/nope"), -DTB_ERR_NOTFOUND);
	KTEST_EXPECT_EQ(t, dtb_path_offset(&dt, "/soc/serial@1"), -DTB_ERR_NOTFOUND);
	KTEST_EXPECT_EQ(t, dtb_path_offset(&dt, "/chose"), -DTB_ERR_NOTFOUND);
	KTEST_EXPECT_EQ(t, dtb_path_offset(&dt, "chosen"), -DTB_ERR_NOTFOUND);
	KTEST_EXPECT_EQ(t, dtb_path_offset(&dt, ""), -DTB_ERR_NOTFOUND);
}

static void children_are_walked_in_order(struct ktest *t)
{
	static const char *const names[] = {
		"chosen", "memory@80000000", "memory@100000000", "reserved-memory", "cpus", "soc"
	};
	struct board bd;
	struct dtb dt;
	int node;
	size_t i = 0;

	build_board(&bd);
	KTEST_ASSERT_EQ(t, init_board(&bd, &dt), 0);
	for (node = dtb_first_child(&dt, 0); node >= 0; node = dtb_next_sibling(&dt, node)) {
		KTEST_ASSERT_LT(t, i, ARRAY_SIZE(names));
		KTEST_EXPECT_STREQ(t, dtb_node_name(&dt, node), names[i]);
		i++;
	}
	KTEST_EXPECT_EQ(t, i, ARRAY_SIZE(names));
	KTEST_EXPECT_EQ(t, node, -DTB_ERR_NOTFOUND);
	KTEST_EXPECT_EQ(t, dtb_first_child(&dt, bd.chosen), -DTB_ERR_NOTFOUND);
	KTEST_EXPECT_EQ(t, dtb_next_sibling(&dt, 0), -DTB_ERR_NOTFOUND);
}

static void getprop_returns_value_and_length(struct ktest *t)
{
	const u8 *cells;
	struct board bd;
	struct dtb dt;
	int len = -1;

	build_board(&bd);
	KTEST_ASSERT_EQ(t, init_board(&bd, &dt), 0);
	KTEST_EXPECT_STREQ(t, dtb_getprop(&dt, bd.chosen, "bootargs", &len),
			   "console=ttyS0 mem=128M");
	KTEST_EXPECT_EQ(t, len, (int)sizeof("console=ttyS0 mem=128M"));
	cells = dtb_getprop(&dt, 0, "#size-cells", &len);
	KTEST_ASSERT_NOT_NULL(t, cells);
	KTEST_EXPECT_EQ(t, len, 4);
	KTEST_EXPECT_EQ(t, dtb_get_be32(cells), 2U);
	KTEST_EXPECT_NOT_NULL(
		t, dtb_getprop(&dt, dtb_path_offset(&dt, "/reserved-memory"), "ranges", NULL));
	KTEST_EXPECT_NULL(t, dtb_getprop(&dt, bd.chosen, "nope", &len));
	/* a child's property is not its parent's */
	KTEST_EXPECT_NULL(t, dtb_getprop(&dt, 0, "bootargs", NULL));
}

static void getprop_string_refuses_non_strings(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	KTEST_ASSERT_EQ(t, init_board(&bd, &dt), 0);
	KTEST_EXPECT_STREQ(t, dtb_getprop_string(&dt, 0, "compatible"), "riscv-virtio");
	KTEST_EXPECT_NULL(t, dtb_getprop_string(&dt, 0, "#address-cells"));
	KTEST_EXPECT_NULL(
		t, dtb_getprop_string(&dt, dtb_path_offset(&dt, "/reserved-memory"), "ranges"));
}

static void nop_tokens_are_skipped(struct ktest *t)
{
	struct dtb_builder b;
	struct dtb dt;
	u32 child;

	dtb_builder_init(&b, blob_buf, sizeof(blob_buf));
	dtb_builder_token(&b, DTB_TOKEN_NOP);
	dtb_builder_begin_node(&b, "");
	dtb_builder_token(&b, DTB_TOKEN_NOP);
	dtb_builder_prop_string(&b, "model", "nop");
	dtb_builder_token(&b, DTB_TOKEN_NOP);
	child = dtb_builder_offset(&b);
	dtb_builder_begin_node(&b, "chosen");
	dtb_builder_token(&b, DTB_TOKEN_NOP);
	dtb_builder_end_node(&b);
	dtb_builder_token(&b, DTB_TOKEN_NOP);
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_path_offset(&dt, "/"), 4);
	KTEST_EXPECT_STREQ(t, dtb_getprop_string(&dt, 4, "model"), "nop");
	KTEST_EXPECT_EQ(t, dtb_first_child(&dt, 4), (int)child);
	KTEST_EXPECT_EQ(t, dtb_next_sibling(&dt, child), -DTB_ERR_NOTFOUND);
}

static void unaligned_blob_is_read(struct ktest *t)
{
	static const u32 reg[] = { 0x80000000, 0x1000 };
	struct dtb_builder b;
	struct seen s = { 0 };
	struct dtb dt;

	dtb_builder_init(&b, blob_buf + 1, sizeof(blob_buf) - 1);
	dtb_builder_memreserve(&b, 0x1000, 0x2000);
	dtb_builder_begin_node(&b, "");
	dtb_builder_prop_u32(&b, "#address-cells", 1);
	dtb_builder_prop_u32(&b, "#size-cells", 1);
	memory_node(&b, "memory@80000000", reg, ARRAY_SIZE(reg));
	dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_memory(&dt, collect, &s), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_memreserve(&dt, collect, &s), 0);
	KTEST_ASSERT_EQ(t, s.n, 2);
	EXPECT_RANGE(t, &s, 0, "memory@80000000", 0x80000000, 0x1000, false);
	KTEST_EXPECT_EQ(t, s.r[1].base, 0x1000ULL);
	KTEST_EXPECT_EQ(t, s.r[1].size, 0x2000ULL);
}

static void header_fields_are_recorded(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	put_header(DTB_HDR_BOOT_CPUID_PHYS, 3);
	KTEST_ASSERT_EQ(t, init_board(&bd, &dt), 0);
	KTEST_EXPECT_PTR_EQ(t, dt.blob, blob_buf);
	KTEST_EXPECT_EQ(t, dt.totalsize, (u32)bd.size);
	KTEST_EXPECT_EQ(t, dt.version, 17U);
	KTEST_EXPECT_EQ(t, dt.boot_cpuid_phys, 3U);
	KTEST_EXPECT_EQ(t, dt.off_dt_struct, bd.off_struct);
	KTEST_EXPECT_EQ(t, dt.size_dt_struct, bd.size_struct);
	KTEST_EXPECT_EQ(t, dt.off_dt_strings, bd.off_strings);
	KTEST_EXPECT_EQ(t, dt.size_dt_strings, bd.size_strings);
	KTEST_EXPECT_EQ(t, dt.off_mem_rsvmap, (u32)DTB_HDR_SIZE);
}

/* A version 16 header has no size_dt_struct: the reader finds where FDT_END is. */
static void version_16_blob_is_read(struct ktest *t)
{
	const u32 gap = 8;
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	/* move the strings away from the structure block, leaving junk between them */
	memmove(blob_buf + bd.off_strings + gap, blob_buf + bd.off_strings, bd.size_strings);
	memset(blob_buf + bd.off_strings, 0xa5, gap);
	bd.size += gap;
	put_header(DTB_HDR_TOTALSIZE, bd.size);
	put_header(DTB_HDR_OFF_DT_STRINGS, bd.off_strings + gap);
	put_header(DTB_HDR_VERSION, 16);
	put_header(DTB_HDR_SIZE_DT_STRUCT, 0xdeadbeef); /* not part of a v16 header */
	KTEST_ASSERT_EQ(t, init_board(&bd, &dt), 0);
	KTEST_EXPECT_EQ(t, dt.size_dt_struct, bd.size_struct);
	KTEST_EXPECT_STREQ(t, dtb_bootargs(&dt), "console=ttyS0 mem=128M");
}

static void newer_version_readable_by_17_is_accepted(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	put_header(DTB_HDR_VERSION, 18);
	KTEST_ASSERT_EQ(t, init_board(&bd, &dt), 0);
	KTEST_EXPECT_EQ(t, dt.version, 18U);
}

static void tree_as_deep_as_max_depth_is_accepted(struct ktest *t)
{
	struct dtb_builder b;
	struct dtb dt;
	int i, node = 0;

	dtb_builder_init(&b, blob_buf, sizeof(blob_buf));
	dtb_builder_begin_node(&b, "");
	for (i = 1; i < DTB_MAX_DEPTH; i++)
		dtb_builder_begin_node(&b, "n");
	for (i = 0; i < DTB_MAX_DEPTH; i++)
		dtb_builder_end_node(&b);
	KTEST_ASSERT_EQ(t, finish_and_init(&b, &dt), 0);
	for (i = 1; i < DTB_MAX_DEPTH; i++)
		node = dtb_first_child(&dt, node);
	KTEST_EXPECT_STREQ(t, dtb_node_name(&dt, node), "n");
	KTEST_EXPECT_EQ(t, dtb_first_child(&dt, node), -DTB_ERR_NOTFOUND);
}

static void strerror_names_every_error(struct ktest *t)
{
	int err;

	for (err = DTB_ERR_MAGIC; err <= DTB_ERR_BADCELLS; err++) {
		KTEST_EXPECT_NOT_NULL(t, dtb_strerror(-err));
		KTEST_EXPECT_STRNEQ(t, dtb_strerror(-err), dtb_strerror(-err - 1));
	}
	KTEST_EXPECT_STREQ(t, dtb_strerror(-DTB_ERR_MAGIC), "not a device tree blob");
	KTEST_EXPECT_STREQ(t, dtb_strerror(-1000), "unknown device tree error");
	KTEST_EXPECT_STREQ(t, dtb_strerror(5), "unknown device tree error");
}

/* Whether the structure block of the board has a BEGIN_NODE token at @off. */
static bool begin_node_at(const struct board *bd, int off)
{
	if (off < 0 || off % 4 || off + 4 > (int)bd->size_struct)
		return false;
	return dtb_get_be32(blob_buf + bd->off_struct + off) == DTB_TOKEN_BEGIN_NODE;
}

static void offsets_that_are_not_nodes_are_refused(struct ktest *t)
{
	struct board bd;
	struct dtb dt;
	int off, len;

	build_board(&bd);
	KTEST_ASSERT_EQ(t, init_board(&bd, &dt), 0);
	for (off = -8; off < (int)bd.size_struct + 8; off++) {
		if (begin_node_at(&bd, off))
			continue;
		KTEST_EXPECT_NULL(t, dtb_node_name(&dt, off));
		KTEST_EXPECT_EQ(t, dtb_first_child(&dt, off), -DTB_ERR_NOTFOUND);
		KTEST_EXPECT_EQ(t, dtb_next_sibling(&dt, off), -DTB_ERR_NOTFOUND);
		KTEST_EXPECT_NULL(t, dtb_getprop(&dt, off, "reg", &len));
		if (t->status == KTEST_FAIL) {
			ktest_printf(t, "at structure offset %d", off);
			return;
		}
	}
}

/* ---- Malformed blobs: each is refused with its own error ---- */

static void bad_magic_is_refused(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	put_header(DTB_HDR_MAGIC, 0xfeedd00d);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_MAGIC);
}

static void buffer_shorter_than_totalsize_is_refused(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	KTEST_EXPECT_EQ(t, dtb_init(&dt, blob_buf, bd.size - 1), -DTB_ERR_TRUNCATED);
}

static void buffer_shorter_than_header_is_refused(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	KTEST_EXPECT_EQ(t, dtb_init(&dt, blob_buf, 0), -DTB_ERR_TRUNCATED);
	KTEST_EXPECT_EQ(t, dtb_init(&dt, blob_buf, 3), -DTB_ERR_TRUNCATED);
	KTEST_EXPECT_EQ(t, dtb_init(&dt, blob_buf, 24), -DTB_ERR_TRUNCATED);
	KTEST_EXPECT_EQ(t, dtb_init(&dt, blob_buf, DTB_HDR_SIZE - 1), -DTB_ERR_TRUNCATED);
}

static void totalsize_smaller_than_header_is_refused(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	put_header(DTB_HDR_TOTALSIZE, DTB_HDR_SIZE - 1);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_TRUNCATED);
}

static void struct_block_out_of_range_is_refused(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	put_header(DTB_HDR_OFF_DT_STRUCT, bd.size + 4);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_TRUNCATED);
	put_header(DTB_HDR_OFF_DT_STRUCT, bd.off_struct);
	put_header(DTB_HDR_SIZE_DT_STRUCT, bd.size - bd.off_struct + 4);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_TRUNCATED);
}

static void struct_block_size_wrapping_around_is_refused(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	/* offset + size wraps to a small number that a naive sum would accept */
	put_header(DTB_HDR_SIZE_DT_STRUCT, 0U - bd.off_struct + 8);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_TRUNCATED);
}

static void strings_block_out_of_range_is_refused(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	put_header(DTB_HDR_SIZE_DT_STRINGS, bd.size_strings + 1);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_TRUNCATED);
	put_header(DTB_HDR_SIZE_DT_STRINGS, 0xffffffff);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_TRUNCATED);
}

static void overlapping_blocks_are_refused(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	put_header(DTB_HDR_SIZE_DT_STRUCT, bd.size_struct + 4); /* into the strings */
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_LAYOUT);
	put_header(DTB_HDR_SIZE_DT_STRUCT, bd.size_struct);
	put_header(DTB_HDR_OFF_DT_STRINGS, bd.off_struct + 8);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_LAYOUT);
}

static void misaligned_blocks_are_refused(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	put_header(DTB_HDR_OFF_DT_STRUCT, bd.off_struct + 2);
	put_header(DTB_HDR_SIZE_DT_STRUCT, bd.size_struct - 4); /* still clear of the strings */
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_LAYOUT);
	put_header(DTB_HDR_SIZE_DT_STRUCT, bd.size_struct);
	put_header(DTB_HDR_OFF_DT_STRUCT, bd.off_struct);
	put_header(DTB_HDR_OFF_MEM_RSVMAP, DTB_HDR_SIZE + 4);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_LAYOUT);
}

static void block_inside_header_is_refused(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	put_header(DTB_HDR_OFF_MEM_RSVMAP, 32);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_LAYOUT);
	put_header(DTB_HDR_OFF_MEM_RSVMAP, DTB_HDR_SIZE);
	put_header(DTB_HDR_OFF_DT_STRINGS, 4);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_LAYOUT);
	put_header(DTB_HDR_OFF_DT_STRINGS, bd.off_strings);
	put_header(DTB_HDR_OFF_DT_STRUCT, 32); /* ends where the memreserve block starts */
	put_header(DTB_HDR_SIZE_DT_STRUCT, 8);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_LAYOUT);
}

static void unterminated_node_name_is_refused(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	/* end the structure block in the middle of "chosen" */
	put_header(DTB_HDR_SIZE_DT_STRUCT, bd.chosen + 4 + 3);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_STRING);
}

static void property_name_offset_outside_strings_is_refused(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	put_struct(&bd, bd.bootargs + 8, bd.size_strings);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_STRING);
	put_struct(&bd, bd.bootargs + 8, 0xfffffffc);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_STRING);
}

static void unterminated_string_in_strings_block_is_refused(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	/* drop the NUL of the last property name from the block */
	put_header(DTB_HDR_SIZE_DT_STRINGS, bd.size_strings - 1);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_STRING);
}

static void bad_token_is_refused(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	put_struct(&bd, bd.nop, 0x5);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_STRUCTURE);
	put_struct(&bd, bd.nop, 0);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_STRUCTURE);
}

static void property_running_past_struct_block_is_refused(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	put_struct(&bd, bd.bootargs + 4, bd.size_struct);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_STRUCTURE);
	put_struct(&bd, bd.bootargs + 4, 0xfffffff8); /* offset + length wraps */
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_STRUCTURE);
}

static void missing_end_token_is_refused(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	put_header(DTB_HDR_SIZE_DT_STRUCT, bd.size_struct - 4);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_STRUCTURE);
}

static void unbalanced_end_node_is_refused(struct ktest *t)
{
	struct dtb_builder b;
	struct dtb dt;

	begin_root(&b, 2, 2);
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	KTEST_EXPECT_EQ(t, finish_and_init(&b, &dt), -DTB_ERR_STRUCTURE);
}

static void unclosed_node_is_refused(struct ktest *t)
{
	struct dtb_builder b;
	struct dtb dt;

	begin_root(&b, 2, 2);
	dtb_builder_begin_node(&b, "chosen");
	dtb_builder_end_node(&b);
	KTEST_EXPECT_EQ(t, finish_and_init(&b, &dt), -DTB_ERR_STRUCTURE);
}

static void nesting_deeper_than_max_depth_is_refused(struct ktest *t)
{
	struct dtb_builder b;
	struct dtb dt;
	int i;

	dtb_builder_init(&b, blob_buf, sizeof(blob_buf));
	dtb_builder_begin_node(&b, "");
	for (i = 0; i < DTB_MAX_DEPTH; i++)
		dtb_builder_begin_node(&b, "n");
	for (i = 0; i <= DTB_MAX_DEPTH; i++)
		dtb_builder_end_node(&b);
	KTEST_EXPECT_EQ(t, finish_and_init(&b, &dt), -DTB_ERR_STRUCTURE);
}

static void unterminated_memreserve_is_refused(struct ktest *t)
{
	struct dtb_builder b;
	struct dtb dt;
	size_t size;

	dtb_builder_init(&b, blob_buf, sizeof(blob_buf));
	dtb_builder_memreserve(&b, 0x1000, 0); /* size 0 alone does not end the list */
	dtb_builder_begin_node(&b, "");
	dtb_builder_end_node(&b);
	size = dtb_builder_finish(&b);
	/* the (0, 0) entry closing the map becomes (0, 1) */
	dtb_put_be32(blob_buf + DTB_HDR_SIZE + 16 + 12, 1);
	KTEST_EXPECT_EQ(t, dtb_init(&dt, blob_buf, size), -DTB_ERR_TRUNCATED);
}

static void version_older_than_16_is_refused(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	put_header(DTB_HDR_VERSION, 15);
	put_header(DTB_HDR_LAST_COMP_VERSION, 2);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_VERSION);
}

static void last_compatible_version_newer_than_17_is_refused(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	put_header(DTB_HDR_VERSION, 18);
	put_header(DTB_HDR_LAST_COMP_VERSION, 18);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_VERSION);
}

static void version_older_than_its_last_compatible_is_refused(struct ktest *t)
{
	struct board bd;
	struct dtb dt;

	build_board(&bd);
	put_header(DTB_HDR_VERSION, 16);
	put_header(DTB_HDR_LAST_COMP_VERSION, 17);
	KTEST_EXPECT_EQ(t, init_board(&bd, &dt), -DTB_ERR_VERSION);
}

static void named_root_node_is_refused(struct ktest *t)
{
	struct dtb_builder b;
	struct dtb dt;

	dtb_builder_init(&b, blob_buf, sizeof(blob_buf));
	dtb_builder_begin_node(&b, "root");
	dtb_builder_end_node(&b);
	KTEST_EXPECT_EQ(t, finish_and_init(&b, &dt), -DTB_ERR_STRUCTURE);
}

static void second_root_node_is_refused(struct ktest *t)
{
	struct dtb_builder b;
	struct dtb dt;

	begin_root(&b, 2, 2);
	dtb_builder_end_node(&b);
	dtb_builder_begin_node(&b, "");
	dtb_builder_end_node(&b);
	KTEST_EXPECT_EQ(t, finish_and_init(&b, &dt), -DTB_ERR_STRUCTURE);
}

static void empty_structure_block_is_refused(struct ktest *t)
{
	struct dtb_builder b;
	struct dtb dt;

	dtb_builder_init(&b, blob_buf, sizeof(blob_buf));
	KTEST_EXPECT_EQ(t, finish_and_init(&b, &dt), -DTB_ERR_STRUCTURE);
}

static void token_after_root_end_is_refused(struct ktest *t)
{
	struct dtb_builder b;
	struct dtb dt;

	begin_root(&b, 2, 2);
	dtb_builder_end_node(&b);
	dtb_builder_token(&b, DTB_TOKEN_NOP);
	KTEST_EXPECT_EQ(t, finish_and_init(&b, &dt), -DTB_ERR_STRUCTURE);
}

static void property_after_subnode_is_refused(struct ktest *t)
{
	struct dtb_builder b;
	struct dtb dt;

	begin_root(&b, 2, 2);
	dtb_builder_begin_node(&b, "chosen");
	dtb_builder_end_node(&b);
	dtb_builder_prop_string(&b, "model", "late");
	dtb_builder_end_node(&b);
	KTEST_EXPECT_EQ(t, finish_and_init(&b, &dt), -DTB_ERR_STRUCTURE);
}

static void property_outside_root_is_refused(struct ktest *t)
{
	struct dtb_builder b;
	struct dtb dt;

	dtb_builder_init(&b, blob_buf, sizeof(blob_buf));
	dtb_builder_prop_string(&b, "model", "early");
	dtb_builder_begin_node(&b, "");
	dtb_builder_end_node(&b);
	KTEST_EXPECT_EQ(t, finish_and_init(&b, &dt), -DTB_ERR_STRUCTURE);
}

/* ---- Robustness: whatever the bytes, nothing is read outside the blob ---- */

static int sum_range(void *arg, const char *name, const struct dtb_range *r, bool nomap)
{
	unsigned long *sum = arg;

	*sum += (name ? strlen(name) : 0) + (unsigned long)(r->base ^ r->size) + nomap;
	return 0;
}

/* Touch every node, name and a few properties, as boot code would. */
static void walk_tree(const struct dtb *dt, int node, int depth, unsigned long *sum)
{
	const char *s;
	int child, len = 0;

	if (depth > DTB_MAX_DEPTH)
		return;
	*sum += strlen(dtb_node_name(dt, node));
	if (dtb_getprop(dt, node, "reg", &len))
		*sum += len;
	s = dtb_getprop_string(dt, node, "compatible");
	if (s)
		*sum += strlen(s);
	for (child = dtb_first_child(dt, node); child >= 0; child = dtb_next_sibling(dt, child))
		walk_tree(dt, child, depth + 1, sum);
}

static unsigned long use_everything(const struct dtb *dt)
{
	static const char *const paths[] = { "/",
					     "/chosen",
					     "/memory",
					     "/soc/serial",
					     "/reserved-memory/firmware@80000000",
					     "/cpus/cpu@0" };
	unsigned long sum = 0;
	const char *args;
	size_t i;
	int node;

	dtb_for_each_memory(dt, sum_range, &sum);
	dtb_for_each_reserved_memory(dt, sum_range, &sum);
	dtb_for_each_memreserve(dt, sum_range, &sum);
	args = dtb_bootargs(dt);
	if (args)
		sum += strlen(args);
	for (i = 0; i < ARRAY_SIZE(paths); i++) {
		node = dtb_path_offset(dt, paths[i]);
		if (node >= 0)
			walk_tree(dt, node, 0, &sum);
	}
	return sum;
}

static bool is_dtb_error(int err)
{
	return err <= -DTB_ERR_MAGIC && err >= -DTB_ERR_BADCELLS;
}

/*
 * Read a copy of fuzz_src (a valid board) changed by @mutate at @off, placed
 * at the very end of blob_buf so that any read past the blob leaves the array.
 */
struct fuzz_stats {
	unsigned int accepted;
	unsigned int refused;
	unsigned int bad_errors;
};

static void fuzz_one(struct fuzz_stats *st, size_t size, void (*mutate)(u8 *blob, u32 off, u32 arg),
		     u32 off, u32 arg)
{
	u8 *blob = blob_buf + sizeof(blob_buf) - size;
	struct dtb dt;
	int err;

	memcpy(blob, fuzz_src, size);
	mutate(blob, off, arg);
	err = dtb_init(&dt, blob, size);
	if (!err) {
		st->accepted++;
		use_everything(&dt);
	} else if (is_dtb_error(err)) {
		st->refused++;
	} else {
		st->bad_errors++;
	}
}

static size_t build_fuzz_source(void)
{
	struct board bd;

	build_board(&bd);
	memcpy(fuzz_src, blob_buf, bd.size);
	return bd.size;
}

static void xor_byte(u8 *blob, u32 off, u32 pattern)
{
	blob[off] ^= pattern;
}

static void put_word(u8 *blob, u32 off, u32 val)
{
	dtb_put_be32(blob + off, val);
}

static void every_single_byte_corruption_is_survived(struct ktest *t)
{
	static const u8 patterns[] = { 0x01, 0x80, 0xff, 0x20 };
	struct fuzz_stats st = { 0 };
	size_t size = build_fuzz_source();
	u32 off, i;

	for (off = 0; off < size; off++) {
		for (i = 0; i < ARRAY_SIZE(patterns); i++)
			fuzz_one(&st, size, xor_byte, off, patterns[i]);
	}
	KTEST_EXPECT_EQ(t, st.bad_errors, 0U);
	KTEST_EXPECT_GT(t, st.accepted, 0U); /* e.g. flips inside string values */
	KTEST_EXPECT_GT(t, st.refused, 0U);
	ktest_printf(t, "%u corrupted blobs accepted, %u refused", st.accepted, st.refused);
}

static void every_word_overwrite_is_survived(struct ktest *t)
{
	struct fuzz_stats st = { 0 };
	size_t size = build_fuzz_source();
	const u32 values[] = { 0,
			       1,
			       2,
			       3,
			       4,
			       9,
			       0x7fffffff,
			       0x80000000,
			       0xffffffff,
			       0xfffffffc,
			       (u32)size,
			       (u32)size - 4,
			       (u32)size + 4 };
	u32 off, i;

	for (off = 0; off + 4 <= size; off += 4) {
		for (i = 0; i < ARRAY_SIZE(values); i++)
			fuzz_one(&st, size, put_word, off, values[i]);
	}
	KTEST_EXPECT_EQ(t, st.bad_errors, 0U);
	KTEST_EXPECT_GT(t, st.accepted, 0U);
	KTEST_EXPECT_GT(t, st.refused, 0U);
}

static void truncated_blob_is_refused_at_every_length(struct ktest *t)
{
	size_t size = build_fuzz_source(), len;
	struct dtb dt;
	u8 *blob;

	for (len = 0; len < size; len++) {
		blob = blob_buf + sizeof(blob_buf) - len;
		memcpy(blob, fuzz_src, len);
		KTEST_EXPECT_EQ(t, dtb_init(&dt, blob, len), -DTB_ERR_TRUNCATED);
	}
}

KTEST_SUITE(dtb,
	    KTEST_CASE(memory_nodes_with_two_cell_addresses_are_read),
	    KTEST_CASE(memory_nodes_with_one_cell_addresses_are_read),
	    KTEST_CASE(disabled_memory_and_reserved_nodes_are_skipped),
	    KTEST_CASE(absent_cells_default_to_two_address_and_one_size),
	    KTEST_CASE(every_reg_entry_of_every_memory_node_is_passed_in_order),
	    KTEST_CASE(memory_nodes_are_found_by_device_type_or_by_name),
	    KTEST_CASE(memory_nodes_below_the_root_are_ignored),
	    KTEST_CASE(memory_node_without_reg_is_skipped),
	    KTEST_CASE(zero_size_memory_entries_are_passed_on),
	    KTEST_CASE(nonzero_callback_return_stops_the_walk),
	    KTEST_CASE(reg_length_not_a_multiple_of_cells_is_refused),
	    KTEST_CASE(address_cells_other_than_one_or_two_are_refused),
	    KTEST_CASE(size_cells_of_zero_are_refused),
	    KTEST_CASE(cells_property_of_wrong_length_is_refused),
	    KTEST_CASE(reserved_memory_children_are_read_with_their_nomap_flag),
	    KTEST_CASE(reserved_memory_cells_come_from_reserved_memory_node),
	    KTEST_CASE(missing_reserved_memory_node_gives_no_ranges),
	    KTEST_CASE(reserved_memory_with_bad_cells_is_refused),
	    KTEST_CASE(memreserve_entries_are_read_in_order),
	    KTEST_CASE(memreserve_entry_of_size_zero_does_not_end_the_list),
	    KTEST_CASE(empty_memreserve_block_gives_no_entries),
	    KTEST_CASE(bootargs_are_read_from_chosen),
	    KTEST_CASE(bootargs_absent_from_chosen_are_null),
	    KTEST_CASE(bootargs_without_chosen_node_are_null),
	    KTEST_CASE(bootargs_without_nul_terminator_are_null),
	    KTEST_CASE(bootargs_with_embedded_nul_are_null),
	    KTEST_CASE(empty_bootargs_are_an_empty_string),
	    KTEST_CASE(cpu_nodes_are_read_in_order_with_their_ids),
	    KTEST_CASE(cpu_ids_of_two_cells_are_read), KTEST_CASE(cpu_without_a_usable_reg_is_refused),
	    KTEST_CASE(missing_cpus_node_gives_no_cpus),
	    KTEST_CASE(nonzero_cpu_callback_return_stops_the_walk),
	    KTEST_CASE(path_offset_finds_nodes_by_full_name),
	    KTEST_CASE(root_path_is_the_root_node),
	    KTEST_CASE(path_without_unit_address_finds_the_only_such_node),
	    KTEST_CASE(path_without_unit_address_is_refused_when_ambiguous),
	    KTEST_CASE(path_prefers_an_exact_name_to_unit_addresses),
	    KTEST_CASE(missing_or_relative_paths_are_not_found),
	    KTEST_CASE(children_are_walked_in_order),
	    KTEST_CASE(getprop_returns_value_and_length),
	    KTEST_CASE(getprop_string_refuses_non_strings),
	    KTEST_CASE(nop_tokens_are_skipped),
	    KTEST_CASE(unaligned_blob_is_read),
	    KTEST_CASE(header_fields_are_recorded),
	    KTEST_CASE(version_16_blob_is_read),
	    KTEST_CASE(newer_version_readable_by_17_is_accepted),
	    KTEST_CASE(tree_as_deep_as_max_depth_is_accepted),
	    KTEST_CASE(strerror_names_every_error),
	    KTEST_CASE(offsets_that_are_not_nodes_are_refused),
	    KTEST_CASE(bad_magic_is_refused),
	    KTEST_CASE(buffer_shorter_than_totalsize_is_refused),
	    KTEST_CASE(buffer_shorter_than_header_is_refused),
	    KTEST_CASE(totalsize_smaller_than_header_is_refused),
	    KTEST_CASE(struct_block_out_of_range_is_refused),
	    KTEST_CASE(struct_block_size_wrapping_around_is_refused),
	    KTEST_CASE(strings_block_out_of_range_is_refused),
	    KTEST_CASE(overlapping_blocks_are_refused),
	    KTEST_CASE(misaligned_blocks_are_refused),
	    KTEST_CASE(block_inside_header_is_refused),
	    KTEST_CASE(unterminated_node_name_is_refused),
	    KTEST_CASE(property_name_offset_outside_strings_is_refused),
	    KTEST_CASE(unterminated_string_in_strings_block_is_refused),
	    KTEST_CASE(bad_token_is_refused),
	    KTEST_CASE(property_running_past_struct_block_is_refused),
	    KTEST_CASE(missing_end_token_is_refused),
	    KTEST_CASE(unbalanced_end_node_is_refused),
	    KTEST_CASE(unclosed_node_is_refused),
	    KTEST_CASE(nesting_deeper_than_max_depth_is_refused),
	    KTEST_CASE(unterminated_memreserve_is_refused),
	    KTEST_CASE(version_older_than_16_is_refused),
	    KTEST_CASE(last_compatible_version_newer_than_17_is_refused),
	    KTEST_CASE(version_older_than_its_last_compatible_is_refused),
	    KTEST_CASE(named_root_node_is_refused),
	    KTEST_CASE(second_root_node_is_refused),
	    KTEST_CASE(empty_structure_block_is_refused),
	    KTEST_CASE(token_after_root_end_is_refused),
	    KTEST_CASE(property_after_subnode_is_refused),
	    KTEST_CASE(property_outside_root_is_refused),
	    KTEST_CASE(every_single_byte_corruption_is_survived),
	    KTEST_CASE(every_word_overwrite_is_survived),
	    KTEST_CASE(truncated_blob_is_refused_at_every_length));
