/*
 * dtb-crosscheck: a host program that builds thousands of random device trees
 * with libfdt and checks that lib/dtb.c reads each of them as libfdt does, then
 * corrupts them and checks that it never accepts a blob libfdt would refuse.
 *
 * Build and run (see the Makefile's build/tools/dtb-crosscheck rule):
 *   gcc -std=gnu11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined \
 *       -fno-sanitize-recover=all -D_GNU_SOURCE -idirafter include \
 *       tools/dtb-crosscheck.c lib/dtb.c -lfdt -o build/tools/dtb-crosscheck
 *   build/tools/dtb-crosscheck [trees [seed]]
 * Output is KTAP version 1; the exit status is 0 only if every check passed.
 *
 * Where lib/dtb.c and libfdt (1.6.1, Debian 12) differ on purpose, the
 * reference below follows lib/dtb.c and the difference is checked, not ignored:
 *  - lib/dtb.c is stricter when validating. libfdt 1.6.1's fdt_check_full()
 *    accepts, and lib/dtb.c refuses: versions 2 to 15, misaligned or
 *    overlapping blocks, a structure block without any node, a property
 *    before the root node or after a subnode, and nesting deeper than
 *    DTB_MAX_DEPTH. So on corrupted blobs only "lib/dtb.c accepts => libfdt
 *    accepts" is checked; the generated trees keep to every rule of both and
 *    must be accepted by both.
 *  - libfdt 1.6.1's fdt_check_full() itself dereferences NULL on some blobs
 *    lib/dtb.c refuses (a version below 16 that is not below its
 *    last_comp_version), so it is asked only about blobs lib/dtb.c accepts.
 *  - /memreserve/ ends at an entry whose address and size are both 0 (the
 *    specification's rule); libfdt stops at the first entry of size 0. Both
 *    must list the same entries up to libfdt's end, and lib/dtb.c may only go
 *    on past it when that entry has a non-zero address.
 *  - A path component without a unit address ("memory") matches in lib/dtb.c
 *    a node of exactly that name first, else the only node "memory@...", and
 *    nothing when there are several; libfdt takes the first node that matches
 *    either way. ref_lookup() implements lib/dtb.c's rule on top of libfdt's
 *    node iteration, and fdt_path_offset() is compared wherever the two rules
 *    give the same node by construction.
 *  - #address-cells/#size-cells other than 1 and 2 are refused (the values
 *    must fit a u64), where libfdt allows up to 4.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include <dtb.h>

#define DEFAULT_TREES 2000
#define DEFAULT_SEED 0x5eed1234abcdULL
#define MUTATIONS_PER_TREE 40
#define BLOB_MAX 32768
#define MAX_RANGES 256
#define MAX_DIAGS 8 /* diagnostic lines kept per check */
#define PATH_MAX_LEN 512

/* ------------------------------------------------------------------------ */
/* Reporting: one KTAP test point per kind of check, over every tree. */

enum check {
	CHK_GENERATED_TREES_ARE_VALID,
	CHK_MEMORY,
	CHK_RESERVED_MEMORY,
	CHK_MEMRESERVE,
	CHK_BOOTARGS,
	CHK_PATHS,
	CHK_NODES,
	CHK_PROPERTIES,
	CHK_CORRUPT_VERDICT,
	CHK_CORRUPT_READS,
	NR_CHECKS,
};

static const char *const check_names[NR_CHECKS] = {
	[CHK_GENERATED_TREES_ARE_VALID] = "generated_trees_are_accepted_by_both",
	[CHK_MEMORY] = "memory_ranges_match_libfdt",
	[CHK_RESERVED_MEMORY] = "reserved_memory_ranges_and_nomap_match_libfdt",
	[CHK_MEMRESERVE] = "memreserve_entries_match_libfdt",
	[CHK_BOOTARGS] = "bootargs_match_libfdt",
	[CHK_PATHS] = "path_lookups_find_the_same_nodes",
	[CHK_NODES] = "node_names_and_children_match_libfdt",
	[CHK_PROPERTIES] = "properties_match_libfdt",
	[CHK_CORRUPT_VERDICT] = "corrupted_blobs_we_accept_are_accepted_by_libfdt",
	[CHK_CORRUPT_READS] = "corrupted_blobs_we_accept_read_the_same",
};

struct check_result {
	unsigned long runs;
	unsigned long failures;
	int ndiags;
	char *diags[MAX_DIAGS];
};

static struct check_result results[NR_CHECKS];

/* What the checks covered, printed with their results (a check that saw nothing proves nothing). */
static struct {
	unsigned long memory, reserved, nomap, badcells, memreserve, bootargs, no_bootargs;
	unsigned long libfdt_paths, own_rule_paths;
	unsigned long accepted, refused; /* corrupted blobs, by lib/dtb.c */
} seen;
static char context[160];  /* which tree and mutation the current checks are about */
static bool corrupt_phase; /* read mismatches now count against CHK_CORRUPT_READS */

/* Count one comparison of kind @c; on failure keep a diagnostic naming expected vs seen. */
static bool expect(enum check c, bool ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool expect(enum check c, bool ok, const char *fmt, ...)
{
	struct check_result *r;
	char msg[512];
	va_list ap;

	if (corrupt_phase && c != CHK_CORRUPT_VERDICT)
		c = CHK_CORRUPT_READS;
	r = &results[c];
	r->runs++;
	if (ok)
		return true;
	r->failures++;
	if (r->ndiags < MAX_DIAGS) {
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
		if (asprintf(&r->diags[r->ndiags], "%s: %s", context, msg) > 0)
			r->ndiags++;
	}
	return false;
}

/* ------------------------------------------------------------------------ */
/* Deterministic randomness. */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static uint32_t below(uint32_t n)
{
	return rnd() % n;
}

static bool chance(unsigned int percent)
{
	return below(100) < percent;
}

/* ------------------------------------------------------------------------ */
/* Generating trees with libfdt's sequential-write API. */

static int gen_err; /* first libfdt error while generating, 0 if none */

static void sw(int err)
{
	if (err < 0 && !gen_err)
		gen_err = err;
}

/* A value being assembled for a property. */
struct val {
	uint8_t b[256];
	int len;
};

static void val_u32(struct val *v, uint32_t x)
{
	if (v->len + 4 > (int)sizeof(v->b))
		return;
	v->b[v->len++] = x >> 24;
	v->b[v->len++] = x >> 16;
	v->b[v->len++] = x >> 8;
	v->b[v->len++] = x;
}

static void val_cells(struct val *v, uint64_t x, int ncells)
{
	int i;

	for (i = ncells - 1; i >= 0; i--)
		val_u32(v, i >= 2 ? 0 : (uint32_t)(x >> (32 * i)));
}

/* Values that exercise 1- and 2-cell encodings: small, page-aligned, high, all ones. */
static uint64_t rnd_value(int ncells)
{
	uint64_t x;

	switch (below(4)) {
	case 0:
		x = below(0x10000);
		break;
	case 1:
		x = rnd() & ~0xfffULL;
		break;
	case 2:
		x = 0x80000000ULL + ((uint64_t)below(0x1000) << 20);
		break;
	default:
		x = rnd();
		break;
	}
	return ncells == 1 ? (uint32_t)x : x;
}

/*
 * Write a #address-cells or #size-cells property (or leave it out) and return
 * the number of cells to use for reg entries below it.
 */
static int gen_ncells(void *fdt, const char *name, int dflt)
{
	static const uint32_t odd[] = { 0, 3, 4 };
	struct val v = { .len = 0 };
	uint32_t n;
	int r = below(100);

	if (r < 30)
		return dflt;
	if (r < 97) {
		n = r < 60 ? 1 : 2;
	} else if (r < 99) {
		n = odd[below(3)];
	} else {
		val_u32(&v, 0);
		val_u32(&v, 2);
		sw(fdt_property(fdt, name, v.b, v.len)); /* wrong length */
		return 2;
	}
	sw(fdt_property_u32(fdt, name, n));
	return n ? n : 1;
}

/* A reg property of @nent entries; sometimes one cell too long. */
static void gen_reg(void *fdt, int ac, int sc, int nent)
{
	struct val v = { .len = 0 };
	int i;

	for (i = 0; i < nent; i++) {
		val_cells(&v, rnd_value(ac), ac);
		val_cells(&v, rnd_value(sc), sc);
	}
	if (chance(4))
		val_u32(&v, 0xbad);
	sw(fdt_property(fdt, "reg", v.b, v.len));
}

static void gen_device_type(void *fdt)
{
	switch (below(20)) {
	case 0:
		sw(fdt_property_string(fdt, "device_type", "cpu"));
		break;
	case 1:
		sw(fdt_property(fdt, "device_type", "memory", 6)); /* no NUL */
		break;
	case 2:
		sw(fdt_property(fdt, "device_type", "memory\0x", 9)); /* two strings */
		break;
	case 3:
	case 4:
	case 5:
		break; /* absent: the node name decides */
	default:
		sw(fdt_property_string(fdt, "device_type", "memory"));
	}
}

static void gen_memory(void *fdt, int ac, int sc)
{
	uint64_t unit = rnd_value(2);
	char name[64];
	int r = below(100);

	if (r < 70)
		snprintf(name, sizeof(name), "memory@%" PRIx64, unit);
	else if (r < 76)
		snprintf(name, sizeof(name), "memory");
	else if (r < 90)
		snprintf(name, sizeof(name), "ram@%" PRIx64, unit);
	else
		snprintf(name, sizeof(name), "memory-controller@%" PRIx64, unit);
	sw(fdt_begin_node(fdt, name));
	gen_device_type(fdt);
	if (!chance(8))
		gen_reg(fdt, ac, sc, below(4));
	if (chance(10))
		sw(fdt_property_u32(fdt, "numa-node-id", below(4)));
	if (chance(10)) {
		sw(fdt_begin_node(fdt, "memory@0")); /* not under the root: never reported */
		sw(fdt_property_string(fdt, "device_type", "memory"));
		gen_reg(fdt, ac, sc, 1);
		sw(fdt_end_node(fdt));
	}
	sw(fdt_end_node(fdt));
}

static void gen_reserved_child(void *fdt, int i, int ac, int sc)
{
	char name[64];

	if (chance(80))
		snprintf(name, sizeof(name), "region%d@%" PRIx64, i, rnd_value(2));
	else
		snprintf(name, sizeof(name), "pool%d", i);
	sw(fdt_begin_node(fdt, name));
	if (chance(75))
		gen_reg(fdt, ac, sc, 1 + below(2));
	else
		sw(fdt_property_u32(fdt, "size", 0x100000));
	if (chance(40))
		sw(fdt_property(fdt, "no-map", NULL, 0));
	if (chance(30))
		sw(fdt_property(fdt, "reusable", NULL, 0));
	sw(fdt_end_node(fdt));
}

static void gen_reserved_memory(void *fdt)
{
	int i, n = below(5), ac, sc;

	sw(fdt_begin_node(fdt, chance(3) ? "reserved-memory@0" : "reserved-memory"));
	ac = gen_ncells(fdt, "#address-cells", 2);
	sc = gen_ncells(fdt, "#size-cells", 1);
	sw(fdt_property(fdt, "ranges", NULL, 0));
	for (i = 0; i < n; i++)
		gen_reserved_child(fdt, i, ac, sc);
	sw(fdt_end_node(fdt));
}

static const char *const words[] = { "console=ttyS0", "earlycon", "root=/dev/vda",    "rw",
				     "loglevel=8",    "mem=512M", "ktest.filter=dtb", "quiet" };

static void gen_chosen(void *fdt)
{
	char args[256] = "";
	int i, n = below(5);

	for (i = 0; i < n; i++) {
		strcat(args, words[below(sizeof(words) / sizeof(words[0]))]);
		strcat(args, " ");
	}
	sw(fdt_begin_node(fdt, "chosen"));
	switch (below(10)) {
	case 0:
		break; /* no bootargs */
	case 1:
		sw(fdt_property(fdt, "bootargs", args, strlen(args))); /* no NUL */
		break;
	case 2:
		sw(fdt_property(fdt, "bootargs", "a\0b", 4)); /* embedded NUL */
		break;
	default:
		sw(fdt_property_string(fdt, "bootargs", args));
	}
	if (chance(50))
		sw(fdt_property_string(fdt, "stdout-path", "/soc/uart@10000000"));
	sw(fdt_end_node(fdt));
}

static void gen_cpus(void *fdt)
{
	char name[32];
	int i, n = 1 + below(4);

	sw(fdt_begin_node(fdt, "cpus"));
	sw(fdt_property_u32(fdt, "#address-cells", 1));
	sw(fdt_property_u32(fdt, "#size-cells", 0));
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "cpu@%d", i);
		sw(fdt_begin_node(fdt, name));
		sw(fdt_property_string(fdt, "device_type", "cpu"));
		sw(fdt_property_u32(fdt, "reg", i));
		sw(fdt_end_node(fdt));
	}
	sw(fdt_end_node(fdt));
}

/* A bus with few distinct names and units, so that lookups without units are often ambiguous. */
static void gen_bus(void *fdt, int depth)
{
	static const char *const base[] = { "uart", "virtio_mmio", "plic", "pci" };
	static const unsigned int units[] = { 0x1000, 0x2000, 0x10000000 };
	struct val v = { .len = 0 };
	const char *status;
	char name[64];
	int i, n = below(5);

	for (i = 0; i < n; i++) {
		if (chance(85))
			snprintf(name, sizeof(name), "%s@%x", base[below(4)], units[below(3)]);
		else
			snprintf(name, sizeof(name), "%s", base[below(4)]);
		sw(fdt_begin_node(fdt, name));
		if (chance(60))
			sw(fdt_property_string(fdt, "compatible", "vendor,device"));
		v.len = 0;
		while (v.len < (int)below(24))
			val_u32(&v, rnd());
		sw(fdt_property(fdt, "reg", v.b, v.len));
		/* fdt_property_string() is a macro that evaluates its value twice */
		status = chance(50) ? "okay" : "disabled";
		if (chance(20))
			sw(fdt_property_string(fdt, "status", status));
		if (depth < 4 && chance(30))
			gen_bus(fdt, depth + 1);
		sw(fdt_end_node(fdt));
	}
}

static void gen_root_children(void *fdt, int ac, int sc)
{
	bool chosen = false, reserved = false;
	int i, n = below(12);

	for (i = 0; i < n; i++) {
		switch (below(8)) {
		case 0:
		case 1:
		case 2:
			gen_memory(fdt, ac, sc);
			break;
		case 3:
			if (!reserved || chance(3))
				gen_reserved_memory(fdt);
			reserved = true;
			break;
		case 4:
			if (!chosen || chance(3))
				gen_chosen(fdt);
			chosen = true;
			break;
		case 5:
			gen_cpus(fdt);
			break;
		default:
			sw(fdt_begin_node(fdt, "soc"));
			gen_bus(fdt, 0);
			sw(fdt_end_node(fdt));
		}
	}
}

/* Build a random tree in @fdt; NOP out a few properties and nodes afterwards. */
static int gen_tree(void *fdt)
{
	int i, n = below(4), ac, sc, node;

	gen_err = 0;
	sw(fdt_create(fdt, BLOB_MAX));
	for (i = 0; i < n; i++)
		sw(fdt_add_reservemap_entry(fdt, rnd_value(2),
					    1 + rnd_value(2) % (UINT64_MAX - 1)));
	sw(fdt_finish_reservemap(fdt));
	sw(fdt_begin_node(fdt, ""));
	ac = gen_ncells(fdt, "#address-cells", 2);
	sc = gen_ncells(fdt, "#size-cells", 1);
	sw(fdt_property_string(fdt, "compatible", "riscv-virtio"));
	sw(fdt_property_string(fdt, "model", "crosscheck"));
	gen_root_children(fdt, ac, sc);
	sw(fdt_end_node(fdt));
	sw(fdt_finish(fdt));
	if (gen_err)
		return gen_err;
	if (chance(30))
		sw(fdt_nop_property(fdt, 0, "model"));
	node = fdt_path_offset(fdt, "/soc");
	if (node >= 0 && chance(30))
		sw(fdt_nop_node(fdt, node));
	return gen_err;
}

/* ------------------------------------------------------------------------ */
/* The reference: what lib/dtb.c must report, computed with libfdt's reader. */

struct range_entry {
	const char *name;
	uint64_t base;
	uint64_t size;
	bool nomap;
};

struct range_list {
	int n;
	int err; /* the walk's return value */
	struct range_entry e[MAX_RANGES];
};

static int add_range(void *arg, const char *name, const struct dtb_range *r, bool nomap)
{
	struct range_list *l = arg;

	if (l->n < MAX_RANGES)
		l->e[l->n] = (struct range_entry){ name, r->base, r->size, nomap };
	l->n++;
	return 0;
}

static uint64_t get_cells(const uint8_t *p, int n)
{
	uint64_t x = 0;
	int i;

	for (i = 0; i < 4 * n; i++)
		x = x << 8 | p[i];
	return x;
}

/* The root node: the first node of the structure block (NOPs may come before it). */
static int ref_root(const void *fdt)
{
	return fdt_next_node(fdt, -1, NULL);
}

static bool usable_cells(int n)
{
	return n == 1 || n == 2;
}

/* Append the reg entries of @node; -DTB_ERR_BADCELLS when reg is not whole entries. */
static int ref_reg(const void *fdt, int node, int ac, int sc, bool nomap, struct range_list *l)
{
	const uint8_t *p;
	int len, i, entry = 4 * (ac + sc);
	struct dtb_range r;

	p = fdt_getprop(fdt, node, "reg", &len);
	if (!p)
		return 0;
	if (len % entry)
		return -DTB_ERR_BADCELLS;
	for (i = 0; i < len; i += entry) {
		r.base = get_cells(p + i, ac);
		r.size = get_cells(p + i + 4 * ac, sc);
		add_range(l, fdt_get_name(fdt, node, NULL), &r, nomap);
	}
	return 0;
}

static bool ref_is_memory(const void *fdt, int node)
{
	const char *type, *name;
	int len;

	type = fdt_getprop(fdt, node, "device_type", &len);
	if (type)
		return len == sizeof("memory") && !memcmp(type, "memory", len);
	name = fdt_get_name(fdt, node, NULL);
	return !strcmp(name, "memory") || !strncmp(name, "memory@", strlen("memory@"));
}

/* The reg entries of the children of @parent chosen by @reserved (all) or memory nodes. */
static void ref_ranges(const void *fdt, int parent, bool reserved, struct range_list *l)
{
	int ac, sc, node;

	l->n = 0;
	l->err = 0;
	if (parent < 0)
		return;
	ac = fdt_address_cells(fdt, parent);
	sc = fdt_size_cells(fdt, parent);
	if (!usable_cells(ac) || !usable_cells(sc)) {
		l->err = -DTB_ERR_BADCELLS;
		return;
	}
	for (node = fdt_first_subnode(fdt, parent); node >= 0; node = fdt_next_subnode(fdt, node)) {
		if (!reserved && !ref_is_memory(fdt, node))
			continue;
		l->err = ref_reg(fdt, node, ac, sc,
				 reserved && fdt_getprop(fdt, node, "no-map", NULL), l);
		if (l->err) {
			l->n = 0; /* lib/dtb.c passes on nothing from a malformed tree */
			return;
		}
	}
}

/*
 * lib/dtb.c's path rule on top of libfdt's iteration; *@same is cleared when
 * libfdt's own rule (first child matching with or without unit) picks another node.
 */
static int ref_lookup(const void *fdt, const char *path, bool *same)
{
	int node = ref_root(fdt), child, exact, base, nbase, libfdt_pick;
	const char *name;
	size_t len;
	bool has_unit;

	*same = true;
	if (*path != '/' || node < 0)
		return -DTB_ERR_NOTFOUND;
	for (;;) {
		while (*path == '/')
			path++;
		if (!*path)
			return node;
		len = strcspn(path, "/");
		has_unit = memchr(path, '@', len) != NULL;
		exact = base = libfdt_pick = -1;
		nbase = 0;
		for (child = fdt_first_subnode(fdt, node); child >= 0;
		     child = fdt_next_subnode(fdt, child)) {
			name = fdt_get_name(fdt, child, NULL);
			if (strlen(name) == len && !memcmp(name, path, len)) {
				if (exact < 0)
					exact = child;
				if (libfdt_pick < 0)
					libfdt_pick = child;
			} else if (!has_unit && !strncmp(name, path, len) && name[len] == '@') {
				if (base < 0)
					base = child;
				nbase++;
				if (libfdt_pick < 0)
					libfdt_pick = child;
			}
		}
		node = exact >= 0 ? exact : nbase == 1 ? base : -DTB_ERR_NOTFOUND;
		if (node != libfdt_pick && (node >= 0 || libfdt_pick >= 0))
			*same = false;
		if (node < 0)
			return node;
		path += len;
	}
}

/* A value that is one NUL-terminated string, as dtb_getprop_string() requires. */
static bool is_string(const char *s, int len)
{
	return s && len >= 1 && memchr(s, '\0', len) == s + len - 1;
}

static const char *ref_bootargs(const void *fdt)
{
	bool same;
	int chosen = ref_lookup(fdt, "/chosen", &same), len;
	const char *s;

	if (chosen < 0)
		return NULL;
	s = fdt_getprop(fdt, chosen, "bootargs", &len);
	return is_string(s, len) ? s : NULL;
}

/* ------------------------------------------------------------------------ */
/* Comparing lib/dtb.c with the reference. */

static void compare_ranges(enum check c, const char *what, const struct range_list *want,
			   const struct range_list *got)
{
	int i;

	if (!expect(c, got->err == want->err, "%s: expected return %d, seen %d", what, want->err,
		    got->err))
		return;
	if (!expect(c, got->n == want->n, "%s: expected %d entries, seen %d", what, want->n,
		    got->n))
		return;
	for (i = 0; i < want->n && i < MAX_RANGES; i++) {
		const struct range_entry *w = &want->e[i], *g = &got->e[i];

		expect(c,
		       g->name == w->name && g->base == w->base && g->size == w->size &&
			       g->nomap == w->nomap,
		       "%s entry %d: expected %s [%#" PRIx64 " +%#" PRIx64 "]%s, seen %s [%#" PRIx64
		       " +%#" PRIx64 "]%s",
		       what, i, w->name ? w->name : "(null)", w->base, w->size,
		       w->nomap ? " no-map" : "", g->name ? g->name : "(null)", g->base, g->size,
		       g->nomap ? " no-map" : "");
	}
}

static void check_memory(const void *fdt, const struct dtb *dt)
{
	static struct range_list want, got;
	bool same;

	int i;

	ref_ranges(fdt, ref_root(fdt), false, &want);
	got.n = 0;
	got.err = dtb_for_each_memory(dt, add_range, &got);
	compare_ranges(CHK_MEMORY, "memory", &want, &got);
	seen.memory += want.n;
	seen.badcells += want.err != 0;

	ref_ranges(fdt, ref_lookup(fdt, "/reserved-memory", &same), true, &want);
	got.n = 0;
	got.err = dtb_for_each_reserved_memory(dt, add_range, &got);
	compare_ranges(CHK_RESERVED_MEMORY, "reserved-memory", &want, &got);
	seen.reserved += want.n;
	seen.badcells += want.err != 0;
	for (i = 0; i < want.n && i < MAX_RANGES; i++)
		seen.nomap += want.e[i].nomap;
}

/* libfdt ends /memreserve/ at the first entry of size 0; lib/dtb.c at (0, 0). */
static void check_memreserve(const void *fdt, const struct dtb *dt)
{
	static struct range_list got;
	uint64_t base, size;
	int i, n = fdt_num_mem_rsv(fdt);

	got.n = 0;
	got.err = dtb_for_each_memreserve(dt, add_range, &got);
	seen.memreserve += got.n;
	expect(CHK_MEMRESERVE, got.err == 0, "expected return 0, seen %d", got.err);
	if (!expect(CHK_MEMRESERVE, n >= 0, "libfdt cannot count /memreserve/ entries: %d", n))
		return;
	for (i = 0; i < n && i < got.n && i < MAX_RANGES; i++) {
		fdt_get_mem_rsv(fdt, i, &base, &size);
		expect(CHK_MEMRESERVE,
		       got.e[i].base == base && got.e[i].size == size && !got.e[i].name,
		       "entry %d: expected [%#" PRIx64 " +%#" PRIx64 "], seen [%#" PRIx64
		       " +%#" PRIx64 "]",
		       i, base, size, got.e[i].base, got.e[i].size);
	}
	if (got.n == n)
		return;
	fdt_get_mem_rsv(fdt, n, &base, &size);
	expect(CHK_MEMRESERVE, got.n > n && base != 0 && size == 0,
	       "expected %d entries as libfdt, or more past an entry of size 0; seen %d "
	       "(libfdt's last: [%#" PRIx64 " +%#" PRIx64 "])",
	       n, got.n, base, size);
}

static void check_bootargs(const void *fdt, const struct dtb *dt)
{
	const char *want = ref_bootargs(fdt), *got = dtb_bootargs(dt);

	if (want)
		seen.bootargs++;
	else
		seen.no_bootargs++;

	expect(CHK_BOOTARGS, want == got, "expected \"%s\" at %p, seen \"%s\" at %p",
	       want ? want : "(null)", (const void *)want, got ? got : "(null)", (const void *)got);
}

static void check_one_path(const void *fdt, const struct dtb *dt, const char *path)
{
	bool same;
	int want = ref_lookup(fdt, path, &same), got = dtb_path_offset(dt, path), lib;

	expect(CHK_PATHS, got == want, "path \"%s\": expected %d, seen %d", path, want, got);
	if (got >= 0 && want >= 0)
		expect(CHK_PATHS, !strcmp(dtb_node_name(dt, got), fdt_get_name(fdt, want, NULL)),
		       "path \"%s\": expected node \"%s\", seen \"%s\"", path,
		       fdt_get_name(fdt, want, NULL), dtb_node_name(dt, got));
	if (!same || *path != '/' || ref_root(fdt) != 0) {
		seen.own_rule_paths++;
		return; /* libfdt's rule picks another node here, or reads aliases */
	}
	seen.libfdt_paths++;
	lib = fdt_path_offset(fdt, path);
	expect(CHK_PATHS, got == (lib < 0 ? -DTB_ERR_NOTFOUND : lib),
	       "path \"%s\": libfdt finds %d, lib/dtb.c %d", path, lib, got);
}

/* The full path of every node, and the same path without its last unit address. */
static void check_paths(const void *fdt, const struct dtb *dt)
{
	static const char *const fixed[] = { "/",	  "//",	       "/chosen",      "/memory",
					     "/soc/uart", "/cpus/cpu", "/nonexistent", "chosen",
					     "" };
	char path[PATH_MAX_LEN];
	char *at, *slash;
	size_t i;
	int node;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		check_one_path(fdt, dt, fixed[i]);
	for (node = ref_root(fdt); node >= 0; node = fdt_next_node(fdt, node, NULL)) {
		if (fdt_get_path(fdt, node, path, sizeof(path)) < 0)
			continue;
		check_one_path(fdt, dt, path);
		slash = strrchr(path, '/');
		at = strchr(slash, '@');
		if (at) {
			*at = '\0';
			check_one_path(fdt, dt, path);
		}
	}
}

static void check_children(const void *fdt, const struct dtb *dt, int node)
{
	int want, got;

	want = fdt_first_subnode(fdt, node);
	got = dtb_first_child(dt, node);
	for (;;) {
		if (!expect(CHK_NODES, got == (want < 0 ? -DTB_ERR_NOTFOUND : want),
			    "children of %d: expected %d, seen %d", node, want, got) ||
		    want < 0)
			return;
		want = fdt_next_subnode(fdt, want);
		got = dtb_next_sibling(dt, got);
	}
}

static void check_properties(const void *fdt, const struct dtb *dt, int node)
{
	const char *name, *want_str;
	const void *want, *got;
	int prop, want_len, got_len;

	for (prop = fdt_first_property_offset(fdt, node); prop >= 0;
	     prop = fdt_next_property_offset(fdt, prop)) {
		if (!fdt_getprop_by_offset(fdt, prop, &name, NULL))
			continue;
		want = fdt_getprop(fdt, node, name, &want_len);
		got = dtb_getprop(dt, node, name, &got_len);
		expect(CHK_PROPERTIES, got == want && got_len == want_len,
		       "node %d property \"%s\": expected %p (%d bytes), seen %p (%d bytes)", node,
		       name, want, want_len, got, got_len);
		want_str = is_string(want, want_len) ? want : NULL;
		expect(CHK_PROPERTIES, dtb_getprop_string(dt, node, name) == want_str,
		       "node %d property \"%s\": string expected %s", node, name,
		       want_str ? "valid" : "NULL");
	}
	expect(CHK_PROPERTIES, !dtb_getprop(dt, node, "no-such-property", NULL),
	       "node %d: a missing property was found", node);
}

static void check_nodes(const void *fdt, const struct dtb *dt)
{
	const char *want;
	int node;

	for (node = ref_root(fdt); node >= 0; node = fdt_next_node(fdt, node, NULL)) {
		want = fdt_get_name(fdt, node, NULL);
		expect(CHK_NODES, dtb_node_name(dt, node) == want,
		       "node %d: expected name \"%s\", seen \"%s\"", node, want ? want : "(null)",
		       dtb_node_name(dt, node) ? dtb_node_name(dt, node) : "(null)");
		check_children(fdt, dt, node);
		check_properties(fdt, dt, node);
	}
}

static void check_reads(const void *fdt, const struct dtb *dt)
{
	check_memory(fdt, dt);
	check_memreserve(fdt, dt);
	check_bootargs(fdt, dt);
	check_paths(fdt, dt);
	check_nodes(fdt, dt);
}

/* ------------------------------------------------------------------------ */
/* Corrupting valid blobs. */

static void put_be32(uint8_t *p, uint32_t x)
{
	p[0] = x >> 24;
	p[1] = x >> 16;
	p[2] = x >> 8;
	p[3] = x;
}

static uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Change @blob in one random way; describe it in @what. Returns the buffer size to use. */
static size_t mutate(uint8_t *blob, size_t size, char *what, size_t wlen)
{
	static const uint32_t words[] = { 0, 1, 2, 3, 4, 9, 16, 17, 0x7fffffff, 0xffffffff };
	uint32_t off = below(size), field, delta, x;

	switch (below(6)) {
	case 0:
		x = 1u << below(8);
		blob[off] ^= x;
		snprintf(what, wlen, "byte %#x ^= %#x", off, x);
		return size;
	case 1:
		x = below(256);
		blob[off] = x;
		snprintf(what, wlen, "byte %#x = %#x", off, x);
		return size;
	case 2:
		off &= ~3u;
		x = words[below(sizeof(words) / sizeof(words[0]))];
		put_be32(blob + off, x);
		snprintf(what, wlen, "word %#x = %#x", off, x);
		return size;
	case 3:
		/* a header field, nudged a little: sizes and offsets off by a few */
		field = 4 * (1 + below(9));
		delta = below(17) - 8;
		put_be32(blob + field, get_be32(blob + field) + delta);
		snprintf(what, wlen, "header word %#x += %d", field, (int)delta);
		return size;
	case 4:
		off = (off & ~3u) + 4 > size ? 0 : off & ~3u;
		x = get_be32(blob + off) + below(9) - 4;
		put_be32(blob + off, x);
		snprintf(what, wlen, "word %#x += small (now %#x)", off, x);
		return size;
	default:
		x = below(size);
		snprintf(what, wlen, "buffer cut to %u bytes", x);
		return x;
	}
}

static void check_corruptions(const uint8_t *valid, size_t size, unsigned long tree)
{
	static uint8_t scratch[BLOB_MAX];
	char what[96], what2[96];
	size_t bufsize;
	uint8_t *blob;
	struct dtb dt;
	int i, ours, theirs;

	corrupt_phase = true;
	for (i = 0; i < MUTATIONS_PER_TREE; i++) {
		memcpy(scratch, valid, size);
		bufsize = mutate(scratch, size, what, sizeof(what));
		if (bufsize && chance(25)) {
			bufsize = mutate(scratch, bufsize, what2, sizeof(what2));
			strncat(what, ", ", sizeof(what) - strlen(what) - 1);
			strncat(what, what2, sizeof(what) - strlen(what) - 1);
		}
		/* exactly the buffer handed over, so that ASan sees any read past it */
		blob = malloc(bufsize ? bufsize : 1);
		memcpy(blob, scratch, bufsize);
		snprintf(context, sizeof(context), "tree %lu, %s", tree, what);
		ours = dtb_init(&dt, blob, bufsize);
		if (ours) {
			seen.refused++;
		} else {
			theirs = fdt_check_full(blob, bufsize);
			if (expect(CHK_CORRUPT_VERDICT, theirs == 0,
				   "lib/dtb.c accepts, libfdt refuses: %s", fdt_strerror(theirs)))
				check_reads(blob, &dt);
			seen.accepted++;
		}
		free(blob);
	}
	corrupt_phase = false;
}

/* ------------------------------------------------------------------------ */

static void check_tree(uint8_t *fdt, unsigned long tree)
{
	size_t size;
	struct dtb dt;
	int err, ours;

	snprintf(context, sizeof(context), "tree %lu", tree);
	err = gen_tree(fdt);
	if (!expect(CHK_GENERATED_TREES_ARE_VALID, err == 0, "libfdt could not build it: %s",
		    fdt_strerror(err)))
		return;
	size = fdt_totalsize(fdt);
	err = fdt_check_full(fdt, size);
	ours = dtb_init(&dt, fdt, size);
	if (!expect(CHK_GENERATED_TREES_ARE_VALID, err == 0 && ours == 0,
		    "expected both to accept, libfdt says %s, lib/dtb.c says %s", fdt_strerror(err),
		    dtb_strerror(ours)))
		return;
	check_reads(fdt, &dt);
	check_corruptions(fdt, size, tree);
}

static void coverage(enum check c)
{
	switch (c) {
	case CHK_MEMORY:
		printf("# %lu memory ranges; %lu walks refused with bad cells\n", seen.memory,
		       seen.badcells);
		break;
	case CHK_RESERVED_MEMORY:
		printf("# %lu reserved ranges, %lu of them no-map\n", seen.reserved, seen.nomap);
		break;
	case CHK_MEMRESERVE:
		printf("# %lu /memreserve/ entries\n", seen.memreserve);
		break;
	case CHK_BOOTARGS:
		printf("# %lu trees with bootargs, %lu without valid ones\n", seen.bootargs,
		       seen.no_bootargs);
		break;
	case CHK_PATHS:
		printf("# %lu lookups also checked against fdt_path_offset, %lu where its rule "
		       "differs\n",
		       seen.libfdt_paths, seen.own_rule_paths);
		break;
	case CHK_CORRUPT_VERDICT:
		printf("# %lu corrupted blobs accepted by lib/dtb.c, %lu refused\n", seen.accepted,
		       seen.refused);
		break;
	default:
		break;
	}
}

static int report(void)
{
	int c, i, failed = 0;

	printf("KTAP version 1\n1..%d\n", NR_CHECKS);
	for (c = 0; c < NR_CHECKS; c++) {
		struct check_result *r = &results[c];
		bool ok = r->failures == 0 && r->runs > 0;

		coverage(c);
		printf("# %lu comparisons, %lu failed\n", r->runs, r->failures);
		for (i = 0; i < r->ndiags; i++) {
			printf("# %s\n", r->diags[i]);
			free(r->diags[i]);
		}
		printf("%sok %d %s\n", ok ? "" : "not ", c + 1, check_names[c]);
		failed += !ok;
	}
	return failed;
}

int main(int argc, char **argv)
{
	unsigned long trees = argc > 1 ? strtoul(argv[1], NULL, 0) : DEFAULT_TREES, t;
	/* libfdt wants the blob 8-byte aligned */
	static uint8_t fdt[BLOB_MAX] __attribute__((aligned(8)));

	rng_state = argc > 2 ? strtoull(argv[2], NULL, 0) : DEFAULT_SEED;
	if (!rng_state)
		rng_state = DEFAULT_SEED;
	for (t = 0; t < trees; t++)
		check_tree(fdt, t);
	return report() ? 1 : 0;
}
