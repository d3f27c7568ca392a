/*
 * Self-tests of the boot memory map: what the device tree says, what the
 * machine was given (ktest.expect_mem=, passed by make), and what memblock
 * recorded and reserved must all agree.
 */
#include <arch.h>
#include <asm/port.h>
#include <kernel.h>
#include <ktest.h>
#include <memblock.h>
#include <params.h>
#include <setup.h>
#include <string.h>

static unsigned long long expected_mem;

static int parse_expect_mem(const char *value)
{
	char *end;

	if (!value)
		return -EINVAL;
	expected_mem = memparse(value, &end);
	return *end ? -EINVAL : 0;
}
early_param("ktest.expect_mem", parse_expect_mem);

static void ram_total_is_what_the_machine_was_given(struct ktest *t)
{
	if (!expected_mem)
		KTEST_SKIP(t, "booted without ktest.expect_mem=<size>");
	KTEST_EXPECT_EQ(t, (unsigned long long)memblock_phys_mem_size(), expected_mem);
}

/*
 * The part of @r that the boot must have recorded: below @limit (0: 2^64), as
 * dtb_range_clip() cuts it, and below 2^64 - 1, where memblock stops.
 */
static struct dtb_range recorded_part(const struct dtb_range *r, u64 limit)
{
	struct dtb_range use;

	dtb_range_clip(r, limit, &use);
	use.size = min(use.size, ~0ULL - use.base);
	return use;
}

static int check_memory(void *arg, const char *name, const struct dtb_range *r, bool nomap)
{
	struct dtb_range use = recorded_part(r, PHYS_RAM_LIMIT);
	struct ktest *t = arg;

	if (use.size && !memblock_type_covers(&memblock.memory, use.base, use.size))
		KTEST_FAIL(t, "%s [%#llx, +%#llx) is not in memblock.memory", name,
			   (unsigned long long)use.base, (unsigned long long)use.size);
	return 0;
}

static void every_memory_node_is_recorded(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, dtb_for_each_memory(&boot_dtb, check_memory, t), 0);
	KTEST_EXPECT_GT(t, memblock.memory.cnt, 0UL);
}

static int check_reserved(void *arg, const char *name, const struct dtb_range *r, bool nomap)
{
	struct dtb_range use = recorded_part(r, 0);
	struct ktest *t = arg;

	if (use.size && !memblock_is_region_reserved(use.base, use.size))
		KTEST_FAIL(t, "%s [%#llx, +%#llx) is not reserved", name ? name : "/memreserve/",
			   (unsigned long long)use.base, (unsigned long long)use.size);
	return 0;
}

static void reserved_memory_nodes_are_reserved(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, dtb_for_each_reserved_memory(&boot_dtb, check_reserved, t), 0);
	KTEST_EXPECT_EQ(t, dtb_for_each_memreserve(&boot_dtb, check_reserved, t), 0);
}

static void kernel_image_is_reserved(struct ktest *t)
{
	phys_addr_t start, end;

	if (!arch_kernel_image(&start, &end))
		KTEST_SKIP(t, "the kernel image is not in this machine's RAM (ARCH=host)");
	KTEST_EXPECT_LT(t, start, end);
	KTEST_EXPECT_TRUE(t, memblock_is_region_reserved(start, end - start));
}

static void device_tree_blob_is_reserved(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t,
			  memblock_type_covers(&memblock.memory, boot_dtb_pa, boot_dtb.totalsize));
	KTEST_EXPECT_TRUE(t, memblock_is_region_reserved(boot_dtb_pa, boot_dtb.totalsize));
}

static bool overlaps(phys_addr_t a, phys_addr_t a_size, phys_addr_t b, phys_addr_t b_size)
{
	return a < b + b_size && b < a + a_size;
}

/* A private copy of the boot memory map, to allocate from without touching the real one. */
static struct memblock_region copy_memory[INIT_MEMBLOCK_REGIONS];
static struct memblock_region copy_reserved[INIT_MEMBLOCK_REGIONS];

static void copy_boot_map(struct memblock *copy)
{
	memcpy(copy_memory, memblock.memory.regions, sizeof(copy_memory));
	memcpy(copy_reserved, memblock.reserved.regions, sizeof(copy_reserved));
	*copy = memblock;
	copy->memory.regions = copy_memory;
	copy->reserved.regions = copy_reserved;
}

static int add_range(void *arg, phys_addr_t base, phys_addr_t end)
{
	*(phys_addr_t *)arg += end - base;
	return 0;
}

static phys_addr_t free_bytes(const struct memblock *mb)
{
	phys_addr_t free = 0;

	memblock_for_each_free_range(mb, add_range, &free);
	return free;
}

static void boot_allocations_avoid_image_and_dtb(struct ktest *t)
{
	const phys_addr_t size = 64 * SZ_1K;
	phys_addr_t start, end, pa;
	struct memblock copy;

	bool tiny;
	int n;

	copy_boot_map(&copy);
	/*
	 * 64 of them. A tiny machine (under 8 MiB free) may have room for fewer:
	 * its free ranges in pieces, or at physical 0, which memblock never
	 * hands out (0 is its "nothing found"); there, as many as fit, one at least.
	 */
	tiny = free_bytes(&copy) < 128 * size;
	for (n = 0; n < 64; n++) {
		pa = memblock_find_in_range(&copy, size, PAGE_SIZE, 0, MEMBLOCK_ALLOC_ANYWHERE);
		if (!pa && tiny)
			break;
		KTEST_ASSERT_NE(t, pa, (phys_addr_t)0);
		KTEST_EXPECT_TRUE(t, memblock_type_covers(&copy.memory, pa, size));
		KTEST_EXPECT_FALSE(t, overlaps(pa, size, boot_dtb_pa, boot_dtb.totalsize));
		if (arch_kernel_image(&start, &end))
			KTEST_EXPECT_FALSE(t, overlaps(pa, size, start, end - start));
		KTEST_ASSERT_EQ(t, memblock_add_range(&copy.reserved, pa, size), 0);
	}
	if (!n)
		KTEST_SKIP(t, "no 64 KiB of free RAM at boot");
}

KTEST_SUITE(memmap,
	    KTEST_CASE(ram_total_is_what_the_machine_was_given),
	    KTEST_CASE(every_memory_node_is_recorded),
	    KTEST_CASE(reserved_memory_nodes_are_reserved),
	    KTEST_CASE(kernel_image_is_reserved),
	    KTEST_CASE(device_tree_blob_is_reserved),
	    KTEST_CASE(boot_allocations_avoid_image_and_dtb));
