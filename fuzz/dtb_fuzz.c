/*
 * libFuzzer target: the device-tree reader (lib/dtb.c) on arbitrary blobs.
 * The input is the blob, in a buffer of exactly its size (AddressSanitizer
 * catches a read past it). Once dtb_init() accepts it, every query the boot
 * makes runs on it (memory, reserved-memory, /memreserve/, CPUs, bootargs,
 * paths), then the walking functions at every node and at offsets taken from
 * the blob itself, and dtb_range_clip() on every range. Whatever they return
 * must lie inside the blob; a string must end inside it.
 */
#include <dtb.h>
#include <kernel.h>
#include <string.h>

#include "fuzz.h"

#define MAX_NODES 4096 /* a walk stops after this many nodes */

static const u8 *blob;
static size_t blob_size;

static void expect_inside(const void *p, size_t len, const char *what)
{
	const u8 *b = p;

	if (b < blob || b > blob + blob_size || len > (size_t)(blob + blob_size - b))
		fuzz_fail("%s: %zu bytes at offset %td lie outside the %zu-byte blob", what, len,
			  b - blob, blob_size);
}

static void expect_string(const char *s, const char *what)
{
	expect_inside(s, 0, what);
	if (!memchr(s, '\0', blob + blob_size - (const u8 *)s))
		fuzz_fail("%s: string at offset %td is not terminated inside the blob", what,
			  (const u8 *)s - blob);
}

/* dtb_range_clip()'s promises, for one range and one limit. */
static void check_clip(const struct dtb_range *r, u64 limit)
{
	struct dtb_range out;
	unsigned int cut = dtb_range_clip(r, limit, &out);
	bool wraps = r->size && r->base + (r->size - 1) < r->base;

	if (out.base != r->base || out.size > r->size)
		fuzz_fail("clip of [%#llx, +%#llx) grew or moved it", (unsigned long long)r->base,
			  (unsigned long long)r->size);
	if (out.size && out.base + (out.size - 1) < out.base)
		fuzz_fail("clip of [%#llx, +%#llx) still wraps", (unsigned long long)r->base,
			  (unsigned long long)r->size);
	if (limit && out.size && out.base + out.size > limit)
		fuzz_fail("clip of [%#llx, +%#llx) below %#llx ends above it",
			  (unsigned long long)r->base, (unsigned long long)r->size,
			  (unsigned long long)limit);
	if (!!(cut & DTB_RANGE_WRAPS) != wraps || (!cut && out.size != r->size))
		fuzz_fail("clip of [%#llx, +%#llx): cut %#x does not say what happened",
			  (unsigned long long)r->base, (unsigned long long)r->size, cut);
}

static int check_range(void *arg, const char *name, const struct dtb_range *r, bool nomap)
{
	if (name)
		expect_string(name, "range's node name");
	check_clip(r, 0);
	check_clip(r, 1ULL << 38);
	check_clip(r, r->base + 1);
	check_clip(r, (u64)(uintptr_t)arg);
	return 0;
}

static int check_cpu(void *arg, const char *name, u64 hwid)
{
	expect_string(name, "cpu node name");
	return 0;
}

static void check_node(const struct dtb *dt, int node)
{
	static const char *const props[] = { "reg",	    "device_type",
					     "status",	    "#address-cells",
					     "#size-cells", "bootargs",
					     "no-map",	    "" };
	const char *name = dtb_node_name(dt, node);
	int len;

	if (!name)
		return;
	expect_string(name, "dtb_node_name()");
	for (unsigned int i = 0; i < ARRAY_SIZE(props); i++) {
		const void *p = dtb_getprop(dt, node, props[i], &len);
		const char *s = dtb_getprop_string(dt, node, props[i]);

		if (p && len < 0)
			fuzz_fail("dtb_getprop(%s) gave a negative length %d", props[i], len);
		if (p)
			expect_inside(p, len, "dtb_getprop()");
		if (s)
			expect_string(s, "dtb_getprop_string()");
	}
}

/* Visit every node below @node, depth first, at most MAX_NODES in all. */
static void walk(const struct dtb *dt, int node, unsigned int *visited)
{
	for (int child = dtb_first_child(dt, node); child >= 0 && *visited < MAX_NODES;
	     child = dtb_next_sibling(dt, child)) {
		(*visited)++;
		check_node(dt, child);
		walk(dt, child, visited);
	}
}

/* The walking functions at offsets that are not (or may not be) nodes. */
static void poke(const struct dtb *dt, int off)
{
	dtb_first_child(dt, off);
	dtb_next_sibling(dt, off);
	check_node(dt, off);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static const char *const paths[] = { "/",	    "/chosen",		"/cpus",
					     "/memory",	    "/reserved-memory", "//chosen/",
					     "/soc/serial", "chosen",		"" };
	unsigned int visited = 0;
	struct dtb dt;
	int err;

	blob = data;
	blob_size = size;
	err = dtb_init(&dt, data, size);
	if (!dtb_strerror(err))
		fuzz_fail("dtb_strerror(%d) is NULL", err);
	if (err)
		return 0;
	if (dt.totalsize > size || dt.blob != data)
		fuzz_fail("dtb_init() accepted a totalsize of %u in %zu bytes", dt.totalsize, size);
	/* What the boot asks. */
	if (dtb_bootargs(&dt))
		expect_string(dtb_bootargs(&dt), "dtb_bootargs()");
	dtb_for_each_memory(&dt, check_range, (void *)(uintptr_t)size);
	dtb_for_each_reserved_memory(&dt, check_range, (void *)(uintptr_t)(size << 20));
	dtb_for_each_memreserve(&dt, check_range, (void *)(uintptr_t)~0UL);
	dtb_for_each_cpu(&dt, check_cpu, NULL);
	for (unsigned int i = 0; i < ARRAY_SIZE(paths); i++) {
		int node = dtb_path_offset(&dt, paths[i]);

		if (node >= 0)
			check_node(&dt, node);
	}
	/* Every node, then offsets the blob's own words name (aligned or not, in range or not). */
	walk(&dt, dtb_path_offset(&dt, "/"), &visited);
	for (size_t i = 0; i + 4 <= size && i < 64 * 4; i += 4) {
		int off = (int)((u32)data[i] << 24 | (u32)data[i + 1] << 16 | data[i + 2] << 8 |
				data[i + 3]);

		poke(&dt, off);
		poke(&dt, off % (int)(dt.size_dt_struct + 8));
		poke(&dt, (int)i);
	}
	return 0;
}
