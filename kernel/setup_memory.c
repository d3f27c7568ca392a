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
#include <mm.h>
#include <setup.h>

/* A port's PHYS_RAM_LIMIT may not promise RAM that vmemmap has no struct pages for. */
_Static_assert((PHYS_RAM_LIMIT >> PAGE_SHIFT) <=
		       (VMEMMAP_END - VMEMMAP_START) / sizeof(struct page),
	       "PHYS_RAM_LIMIT is beyond what vmemmap describes");

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

static void reserve(struct memblock *mb, u64 base, u64 size, const char *why)
{
	show_range("reserved", base, size, why);
	if (memblock_add_range(&mb->reserved, base, size))
		panic("cannot record reservation of %s: memblock table full", why);
}

/*
 * The part of a range from the tree that the kernel may use (below @limit, 0
 * meaning 2^64), with a warning for what was cut. Every range the boot takes
 * from the tree comes through here.
 */
static bool usable_part(const char *name, const struct dtb_range *r, u64 limit,
			struct dtb_range *out)
{
	unsigned int cut = dtb_range_clip(r, limit, out);
	/* The last byte the tree asked for, or of the address space if it wrapped. */
	u64 last = cut & DTB_RANGE_WRAPS ? ~0ULL : r->base + (r->size - 1);

	if (cut & DTB_RANGE_WRAPS)
		pr_warn("  %s: base %#llx + size %#llx runs past the end of the address space: "
			"cut at 2^64\n",
			name, (unsigned long long)r->base, (unsigned long long)r->size);
	if (cut & DTB_RANGE_ABOVE)
		pr_warn("  %s: ignoring [mem %#018llx-%#018llx]: RAM at or above %#llx is out of "
			"this kernel's reach\n",
			name, (unsigned long long)max(r->base, limit), (unsigned long long)last,
			(unsigned long long)limit);
	return out->size != 0;
}

static int add_memory(void *arg, const char *name, const struct dtb_range *r, bool nomap)
{
	struct memblock *mb = arg;
	struct dtb_range use;

	if (!r->size) {
		pr_warn("  %s: ignoring a memory range of size zero at %#llx\n", name,
			(unsigned long long)r->base);
		return 0;
	}
	if (!usable_part(name, r, PHYS_RAM_LIMIT, &use))
		return 0;
	show_range("memory", use.base, use.size, name);
	if (memblock_add_range(&mb->memory, use.base, use.size))
		panic("cannot record memory range of %s: memblock table full", name);
	return 0;
}

struct reserve_walk {
	struct memblock *mb;
	const char *kind;
};

static int reserve_dt_range(void *arg, const char *name, const struct dtb_range *r, bool nomap)
{
	const struct reserve_walk *w = arg;
	struct dtb_range use;
	char why[96];

	if (!r->size)
		return 0;
	snprintf(why, sizeof(why), "%s (%s%s)", name ? name : "/memreserve/", w->kind,
		 nomap ? ", no-map" : "");
	if (usable_part(name ? name : "/memreserve/", r, 0, &use))
		reserve(w->mb, use.base, use.size, why);
	return 0;
}

static int add_up(void *arg, phys_addr_t base, phys_addr_t end)
{
	*(phys_addr_t *)arg += end - base;
	return 0;
}

int memblock_from_dtb(struct memblock *mb, const struct dtb *dt, const char **what)
{
	struct reserve_walk rsv = { .mb = mb, .kind = "reserved-memory" };
	int err;

	*what = "/memory";
	err = dtb_for_each_memory(dt, add_memory, mb);
	if (err)
		return err;
	*what = "/reserved-memory";
	err = dtb_for_each_reserved_memory(dt, reserve_dt_range, &rsv);
	if (err)
		return err;
	*what = "/memreserve/";
	rsv.kind = "memreserve";
	return dtb_for_each_memreserve(dt, reserve_dt_range, &rsv);
}

void setup_memory(void)
{
	phys_addr_t image_start, image_end, free = 0;
	const char *what;
	char total[32];
	int err;

	pr_info("Memory map (from the device tree):\n");
	err = memblock_from_dtb(&memblock, &boot_dtb, &what);
	if (err < 0)
		panic("device tree: cannot read %s: %s", what, dtb_strerror(err));
	if (!memblock_phys_mem_size())
		panic("device tree describes no usable memory (no /memory node with a non-empty "
		      "reg below %#llx)",
		      (unsigned long long)PHYS_RAM_LIMIT);
	if (arch_kernel_image(&image_start, &image_end))
		reserve(&memblock, image_start, image_end - image_start, "kernel image");
	reserve(&memblock, boot_dtb_pa, boot_dtb.totalsize, "device tree blob");

	memblock_for_each_free_range(&memblock, add_up, &free);
	pr_info("Memory: %lluK/%lluK available (%s of RAM, %lluK reserved)\n",
		(unsigned long long)free >> 10, (unsigned long long)memblock_phys_mem_size() >> 10,
		format_size(total, sizeof(total), memblock_phys_mem_size()),
		(unsigned long long)(memblock_phys_mem_size() - free) >> 10);
}
