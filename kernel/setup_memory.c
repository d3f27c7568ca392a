/*
 * The boot memory map: RAM and reservations read from the device tree, plus
 * the kernel image and the DTB itself (no firmware reserves those), recorded
 * in memblock and printed the way Linux prints its early memory ranges.
 */
#include <arch.h>
#include <asm/port.h>
#include <bug.h>
#include <kernel.h>
#include <memblock.h>
#include <setup.h>

struct dtb boot_dtb;
phys_addr_t boot_dtb_pa;

const char *format_size(char *buf, size_t len, u64 bytes)
{
	static const char *const units[] = { "bytes", "KiB", "MiB", "GiB", "TiB" };
	unsigned int u = 0;

	while (u + 1 < ARRAY_SIZE(units) && bytes && !(bytes & (SZ_1K - 1))) {
		bytes >>= 10;
		u++;
	}
	snprintf(buf, len, "%llu %s", (unsigned long long)bytes, units[u]);
	return buf;
}

static void show_range(const char *kind, u64 base, u64 size, const char *why)
{
	char sz[32];

	pr_info("  %-8s [mem %#018llx-%#018llx] %10s  %s\n", kind, (unsigned long long)base,
		(unsigned long long)(base + size - 1), format_size(sz, sizeof(sz), size), why);
}

static void reserve(u64 base, u64 size, const char *why)
{
	show_range("reserved", base, size, why);
	if (memblock_reserve(base, size))
		panic("cannot record reservation of %s: memblock table full", why);
}

static int add_memory(void *arg, const char *name, const struct dtb_range *r, bool nomap)
{
	if (!r->size) {
		pr_warn("  %s: ignoring a memory range of size zero at %#llx\n", name,
			(unsigned long long)r->base);
		return 0;
	}
	show_range("memory", r->base, r->size, name);
	if (memblock_add(r->base, r->size))
		panic("cannot record memory range of %s: memblock table full", name);
	return 0;
}

static int reserve_dt_range(void *arg, const char *name, const struct dtb_range *r, bool nomap)
{
	char why[96];

	if (!r->size)
		return 0;
	snprintf(why, sizeof(why), "%s (%s%s)", name ? name : "/memreserve/", (char *)arg,
		 nomap ? ", no-map" : "");
	reserve(r->base, r->size, why);
	return 0;
}

static int add_up(void *arg, phys_addr_t base, phys_addr_t end)
{
	*(phys_addr_t *)arg += end - base;
	return 0;
}

static void check(int err, const char *what)
{
	if (err < 0)
		panic("device tree: cannot read %s: %s", what, dtb_strerror(err));
}

void setup_memory(void)
{
	phys_addr_t image_start, image_end, free = 0;
	char total[32];

	pr_info("Memory map (from the device tree):\n");
	check(dtb_for_each_memory(&boot_dtb, add_memory, NULL), "/memory");
	if (!memblock_phys_mem_size())
		panic("device tree describes no usable memory (no /memory node with a non-empty "
		      "reg)");
	check(dtb_for_each_reserved_memory(&boot_dtb, reserve_dt_range, "reserved-memory"),
	      "/reserved-memory");
	check(dtb_for_each_memreserve(&boot_dtb, reserve_dt_range, "memreserve"), "/memreserve/");
	if (arch_kernel_image(&image_start, &image_end))
		reserve(image_start, image_end - image_start, "kernel image");
	reserve(boot_dtb_pa, boot_dtb.totalsize, "device tree blob");

	memblock_for_each_free_range(&memblock, add_up, &free);
	pr_info("Memory: %lluK/%lluK available (%s of RAM, %lluK reserved)\n",
		(unsigned long long)free >> 10, (unsigned long long)memblock_phys_mem_size() >> 10,
		format_size(total, sizeof(total), memblock_phys_mem_size()),
		(unsigned long long)(memblock_phys_mem_size() - free) >> 10);
}
