/*
 * Flattened device tree reader for early boot: dtb_init() checks everything the
 * lookups will touch, and every lookup checks its bounds again, so a blob from
 * firmware can be asked for memory, reservations and bootargs without trusting it.
 */
#include <compiler.h>
#include <dtb.h>
#include <kernel.h>
#include <string.h>
#include <types.h>

/* Structure block tokens. */
#define FDT_BEGIN_NODE 0x1
#define FDT_END_NODE 0x2
#define FDT_PROP 0x3
#define FDT_NOP 0x4
#define FDT_END 0x9

#define FDT_TAGSIZE 4
#define FDT_PROP_HDR_SIZE 12  /* token, value length, name offset */
#define FDT_RSV_ENTRY_SIZE 16 /* u64 address, u64 size */
#define FDT_RSVMAP_ALIGN 8

#define FDT_FIRST_VERSION 16
#define FDT_LAST_COMP_VERSION 17   /* newest format a blob may require of its reader */
#define FDT_SIZE_STRUCT_VERSION 17 /* first version whose header has size_dt_struct */
#define FDT_V16_HDR_SIZE 36
#define FDT_V17_HDR_SIZE 40 /* adds size_dt_struct */

/* Byte offsets of the header fields. */
#define HDR_MAGIC 0
#define HDR_TOTALSIZE 4
#define HDR_OFF_DT_STRUCT 8
#define HDR_OFF_DT_STRINGS 12
#define HDR_OFF_MEM_RSVMAP 16
#define HDR_VERSION 20
#define HDR_LAST_COMP_VERSION 24
#define HDR_BOOT_CPUID_PHYS 28
#define HDR_SIZE_DT_STRINGS 32
#define HDR_SIZE_DT_STRUCT 36

/* Defaults the devicetree specification gives for absent #address-cells / #size-cells. */
#define DEFAULT_ADDR_CELLS 2
#define DEFAULT_SIZE_CELLS 1

struct cells {
	u32 addr;
	u32 size;
};

/* Walk state of check_structure(). */
struct walk {
	int depth;
	bool root_done; /* the root node has been closed: only FDT_END may follow */
	bool props_ok;	/* no child has been opened yet in the current node */
};

/* Big-endian loads by byte: the blob need not be aligned. */
static u32 get_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | (u32)p[3];
}

static u64 get_be64(const u8 *p)
{
	return (u64)get_be32(p) << 32 | get_be32(p + 4);
}

/* Whether [off, off + len) lies inside a region of @size bytes, without overflow. */
static bool fits(u32 off, u32 len, u32 size)
{
	return off <= size && len <= size - off;
}

static bool overlap(u32 a, u32 alen, u32 b, u32 blen)
{
	return a < b + blen && b < a + alen;
}

static const u8 *struct_ptr(const struct dtb *dt, u32 off)
{
	return dt->blob + dt->off_dt_struct + off;
}

/*
 * Decode the token at @off of the structure block: its tag and the offset of
 * the token after it. Fails rather than read past the block.
 */
static int next_tag(const struct dtb *dt, u32 off, u32 *tag, u32 *next)
{
	u32 size = dt->size_dt_struct, len;
	const u8 *name, *nul;

	if (!IS_ALIGNED(off, FDT_TAGSIZE) || !fits(off, FDT_TAGSIZE, size))
		return -DTB_ERR_STRUCTURE;
	*tag = get_be32(struct_ptr(dt, off));
	switch (*tag) {
	case FDT_BEGIN_NODE:
		off += FDT_TAGSIZE;
		name = struct_ptr(dt, off);
		nul = memchr(name, '\0', size - off);
		if (!nul)
			return -DTB_ERR_STRING;
		len = nul - name + 1;
		break;
	case FDT_PROP:
		if (!fits(off, FDT_PROP_HDR_SIZE, size))
			return -DTB_ERR_STRUCTURE;
		len = get_be32(struct_ptr(dt, off + FDT_TAGSIZE));
		off += FDT_PROP_HDR_SIZE;
		if (!fits(off, len, size))
			return -DTB_ERR_STRUCTURE;
		break;
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		len = FDT_TAGSIZE;
		break;
	default:
		return -DTB_ERR_STRUCTURE;
	}
	/* off + len <= size <= INT_MAX, so aligning cannot wrap. */
	*next = ALIGN(off + len, FDT_TAGSIZE);
	return 0;
}

/* The name of the property whose token is at @off, or NULL if it is not inside the strings. */
static const char *prop_name(const struct dtb *dt, u32 off)
{
	u32 nameoff = get_be32(struct_ptr(dt, off + 2 * FDT_TAGSIZE));
	const char *s = (const char *)dt->blob + dt->off_dt_strings + nameoff;

	if (nameoff >= dt->size_dt_strings || !memchr(s, '\0', dt->size_dt_strings - nameoff))
		return NULL;
	return s;
}

static int check_begin_node(const struct dtb *dt, struct walk *w, u32 off)
{
	if (w->root_done || w->depth == DTB_MAX_DEPTH)
		return -DTB_ERR_STRUCTURE;
	/* The root node, and only it, comes first and has an empty name. */
	if (w->depth == 0 && *struct_ptr(dt, off + FDT_TAGSIZE) != '\0')
		return -DTB_ERR_STRUCTURE;
	w->depth++;
	w->props_ok = true;
	return 0;
}

static int check_token(const struct dtb *dt, struct walk *w, u32 off, u32 tag)
{
	switch (tag) {
	case FDT_BEGIN_NODE:
		return check_begin_node(dt, w, off);
	case FDT_END_NODE:
		if (w->depth == 0)
			return -DTB_ERR_STRUCTURE;
		w->root_done = --w->depth == 0;
		w->props_ok = false; /* properties precede subnodes */
		return 0;
	case FDT_PROP:
		if (!w->props_ok)
			return -DTB_ERR_STRUCTURE;
		return prop_name(dt, off) ? 0 : -DTB_ERR_STRING;
	case FDT_NOP:
		return w->root_done ? -DTB_ERR_STRUCTURE : 0;
	default: /* FDT_END */
		return w->root_done ? 0 : -DTB_ERR_STRUCTURE;
	}
}

/* Walk the whole structure block once; on success *@end is the offset just past FDT_END. */
static int check_structure(const struct dtb *dt, u32 *end)
{
	struct walk w = { 0 };
	u32 off = 0, tag, next;
	int err;

	for (;; off = next) {
		err = next_tag(dt, off, &tag, &next);
		if (!err)
			err = check_token(dt, &w, off, tag);
		if (err)
			return err;
		if (tag == FDT_END) {
			*end = next;
			return 0;
		}
	}
}

static u32 header_size(u32 version)
{
	return version >= FDT_SIZE_STRUCT_VERSION ? FDT_V17_HDR_SIZE : FDT_V16_HDR_SIZE;
}

/* Read and check the header fields that do not depend on where the blocks are. */
static int read_header(struct dtb *dt, const u8 *b, size_t bufsize)
{
	u32 last_comp;

	if (bufsize < FDT_TAGSIZE)
		return -DTB_ERR_TRUNCATED;
	if (get_be32(b + HDR_MAGIC) != DTB_MAGIC)
		return -DTB_ERR_MAGIC;
	if (bufsize < FDT_V16_HDR_SIZE)
		return -DTB_ERR_TRUNCATED;
	dt->version = get_be32(b + HDR_VERSION);
	last_comp = get_be32(b + HDR_LAST_COMP_VERSION);
	if (dt->version < FDT_FIRST_VERSION || last_comp > FDT_LAST_COMP_VERSION ||
	    dt->version < last_comp)
		return -DTB_ERR_VERSION;
	if (bufsize < header_size(dt->version))
		return -DTB_ERR_TRUNCATED;

	dt->blob = b;
	dt->totalsize = get_be32(b + HDR_TOTALSIZE);
	dt->off_dt_struct = get_be32(b + HDR_OFF_DT_STRUCT);
	dt->off_dt_strings = get_be32(b + HDR_OFF_DT_STRINGS);
	dt->off_mem_rsvmap = get_be32(b + HDR_OFF_MEM_RSVMAP);
	dt->boot_cpuid_phys = get_be32(b + HDR_BOOT_CPUID_PHYS);
	dt->size_dt_strings = get_be32(b + HDR_SIZE_DT_STRINGS);
	dt->size_dt_struct = 0;
	if (dt->version >= FDT_SIZE_STRUCT_VERSION)
		dt->size_dt_struct = get_be32(b + HDR_SIZE_DT_STRUCT);

	/* Offsets are handed out as int, so the whole blob must fit in one. */
	if (dt->totalsize < header_size(dt->version) || dt->totalsize > bufsize ||
	    dt->totalsize > INT_MAX)
		return -DTB_ERR_TRUNCATED;
	return 0;
}

/* Find the (0, 0) entry closing /memreserve/; return the size of the map including it. */
static int rsvmap_size(const struct dtb *dt, u32 *size)
{
	u32 off;

	for (off = dt->off_mem_rsvmap; fits(off, FDT_RSV_ENTRY_SIZE, dt->totalsize);
	     off += FDT_RSV_ENTRY_SIZE) {
		if (!get_be64(dt->blob + off) && !get_be64(dt->blob + off + 8)) {
			*size = off + FDT_RSV_ENTRY_SIZE - dt->off_mem_rsvmap;
			return 0;
		}
	}
	return -DTB_ERR_TRUNCATED;
}

/*
 * A version 16 header does not give the structure block's size: until the
 * walk finds FDT_END, let it run up to the next block or the end of the blob.
 */
static u32 v16_struct_limit(const struct dtb *dt)
{
	u32 end = dt->totalsize;

	if (dt->off_dt_strings > dt->off_dt_struct)
		end = min(end, dt->off_dt_strings);
	if (dt->off_mem_rsvmap > dt->off_dt_struct)
		end = min(end, dt->off_mem_rsvmap);
	return end - dt->off_dt_struct;
}

/* Check that the three blocks lie inside the blob, aligned, after the header and apart. */
static int check_layout(struct dtb *dt)
{
	u32 hdr = header_size(dt->version), rsv_size;
	int err;

	if (dt->version < FDT_SIZE_STRUCT_VERSION && dt->off_dt_struct <= dt->totalsize)
		dt->size_dt_struct = v16_struct_limit(dt);
	if (!fits(dt->off_dt_struct, dt->size_dt_struct, dt->totalsize) ||
	    !fits(dt->off_dt_strings, dt->size_dt_strings, dt->totalsize) ||
	    dt->off_mem_rsvmap > dt->totalsize)
		return -DTB_ERR_TRUNCATED;
	if (!IS_ALIGNED(dt->off_dt_struct, FDT_TAGSIZE) ||
	    !IS_ALIGNED(dt->off_mem_rsvmap, FDT_RSVMAP_ALIGN) || dt->off_dt_struct < hdr ||
	    dt->off_dt_strings < hdr || dt->off_mem_rsvmap < hdr)
		return -DTB_ERR_LAYOUT;
	err = rsvmap_size(dt, &rsv_size);
	if (err)
		return err;
	if (overlap(dt->off_mem_rsvmap, rsv_size, dt->off_dt_struct, dt->size_dt_struct) ||
	    overlap(dt->off_mem_rsvmap, rsv_size, dt->off_dt_strings, dt->size_dt_strings) ||
	    overlap(dt->off_dt_struct, dt->size_dt_struct, dt->off_dt_strings, dt->size_dt_strings))
		return -DTB_ERR_LAYOUT;
	return 0;
}

int dtb_init(struct dtb *dt, const void *blob, size_t bufsize)
{
	struct dtb new;
	u32 end;
	int err;

	err = read_header(&new, blob, bufsize);
	if (!err)
		err = check_layout(&new);
	if (!err)
		err = check_structure(&new, &end);
	if (err)
		return err;
	if (new.version < FDT_SIZE_STRUCT_VERSION)
		new.size_dt_struct = end;
	*dt = new;
	return 0;
}

const char *dtb_strerror(int err)
{
	static const char *const msg[] = {
		[0] = "success",
		[DTB_ERR_MAGIC] = "not a device tree blob",
		[DTB_ERR_VERSION] = "unsupported device tree version",
		[DTB_ERR_TRUNCATED] = "device tree truncated",
		[DTB_ERR_LAYOUT] = "device tree blocks misaligned or overlapping",
		[DTB_ERR_STRUCTURE] = "malformed device tree structure",
		[DTB_ERR_STRING] = "unterminated device tree string",
		[DTB_ERR_NOTFOUND] = "device tree node or property not found",
		[DTB_ERR_BADCELLS] = "bad #address-cells, #size-cells or reg",
	};

	if (err > 0 || err < -(int)(ARRAY_SIZE(msg) - 1))
		return "unknown device tree error";
	return msg[-err];
}

/* The offset of the first token after the name of @node, if @node is a node. */
static int node_body(const struct dtb *dt, int node, u32 *body)
{
	u32 tag;

	if (node < 0 || next_tag(dt, node, &tag, body) || tag != FDT_BEGIN_NODE)
		return -DTB_ERR_NOTFOUND;
	return 0;
}

/* From @off, skip properties and NOPs; return the offset of the next other token. */
static u32 skip_props(const struct dtb *dt, u32 off, u32 *tag)
{
	u32 next;

	for (; !next_tag(dt, off, tag, &next); off = next) {
		if (*tag != FDT_PROP && *tag != FDT_NOP)
			return off;
	}
	*tag = FDT_END;
	return off;
}

/* The offset just past the FDT_END_NODE closing @node (which must be a node). */
static int skip_node(const struct dtb *dt, int node, u32 *after)
{
	u32 off = node, tag, next = 0;
	int depth = 0;

	for (; !next_tag(dt, off, &tag, &next); off = next) {
		if (tag == FDT_BEGIN_NODE)
			depth++;
		else if (tag == FDT_END_NODE && --depth == 0)
			break;
		else if (tag == FDT_END)
			return -DTB_ERR_NOTFOUND;
	}
	if (depth)
		return -DTB_ERR_NOTFOUND;
	*after = next;
	return 0;
}

/* @off is where a node may begin: return it if one does. */
static int node_at(const struct dtb *dt, u32 off)
{
	u32 tag;

	off = skip_props(dt, off, &tag);
	return tag == FDT_BEGIN_NODE ? (int)off : -DTB_ERR_NOTFOUND;
}

int dtb_first_child(const struct dtb *dt, int node)
{
	u32 body;

	if (node_body(dt, node, &body))
		return -DTB_ERR_NOTFOUND;
	return node_at(dt, body);
}

int dtb_next_sibling(const struct dtb *dt, int node)
{
	u32 body, after;

	if (node_body(dt, node, &body) || skip_node(dt, node, &after))
		return -DTB_ERR_NOTFOUND;
	return node_at(dt, after);
}

const char *dtb_node_name(const struct dtb *dt, int node)
{
	u32 body;

	if (node_body(dt, node, &body))
		return NULL;
	return (const char *)struct_ptr(dt, node + FDT_TAGSIZE);
}

const void *dtb_getprop(const struct dtb *dt, int node, const char *name, int *len)
{
	u32 off, tag, next;
	const char *pname;

	if (node_body(dt, node, &off))
		return NULL;
	for (; !next_tag(dt, off, &tag, &next); off = next) {
		if (tag == FDT_NOP)
			continue;
		if (tag != FDT_PROP)
			break;
		pname = prop_name(dt, off);
		if (pname && !strcmp(pname, name)) {
			if (len)
				*len = get_be32(struct_ptr(dt, off + FDT_TAGSIZE));
			return struct_ptr(dt, off + FDT_PROP_HDR_SIZE);
		}
	}
	return NULL;
}

const char *dtb_getprop_string(const struct dtb *dt, int node, const char *name)
{
	const char *s;
	int len;

	s = dtb_getprop(dt, node, name, &len);
	if (!s || len < 1 || memchr(s, '\0', len) != s + len - 1)
		return NULL;
	return s;
}

/* Whether @name ("base@unit") has @comp (@clen bytes, no unit) as its base. */
static bool base_name_is(const char *name, const char *comp, size_t clen)
{
	return !strncmp(name, comp, clen) && name[clen] == '@';
}

/*
 * The child of @parent named by the path component @comp: an exact match,
 * else the only child whose base name matches a component without unit.
 */
static int find_child(const struct dtb *dt, int parent, const char *comp, size_t clen)
{
	int child, found = -DTB_ERR_NOTFOUND, nfound = 0;
	bool has_unit = memchr(comp, '@', clen) != NULL;
	const char *name;

	for (child = dtb_first_child(dt, parent); child >= 0; child = dtb_next_sibling(dt, child)) {
		name = dtb_node_name(dt, child);
		if (strlen(name) == clen && !memcmp(name, comp, clen))
			return child;
		if (!has_unit && base_name_is(name, comp, clen)) {
			found = child;
			nfound++;
		}
	}
	return nfound == 1 ? found : -DTB_ERR_NOTFOUND;
}

int dtb_path_offset(const struct dtb *dt, const char *path)
{
	int node = node_at(dt, 0);
	size_t clen;

	if (*path != '/')
		return -DTB_ERR_NOTFOUND;
	while (node >= 0) {
		while (*path == '/')
			path++;
		if (!*path)
			return node;
		clen = strcspn(path, "/");
		node = find_child(dt, node, path, clen);
		path += clen;
	}
	return node;
}

/* Read #address-cells or #size-cells of @node; only 1 and 2 fit a u64. */
static int read_ncells(const struct dtb *dt, int node, const char *name, u32 dflt, u32 *ncells)
{
	const u8 *p;
	int len;

	p = dtb_getprop(dt, node, name, &len);
	if (!p) {
		*ncells = dflt;
		return 0;
	}
	if (len != sizeof(u32))
		return -DTB_ERR_BADCELLS;
	*ncells = get_be32(p);
	return *ncells == 1 || *ncells == 2 ? 0 : -DTB_ERR_BADCELLS;
}

static int read_cells(const struct dtb *dt, int node, struct cells *c)
{
	int err;

	err = read_ncells(dt, node, "#address-cells", DEFAULT_ADDR_CELLS, &c->addr);
	if (!err)
		err = read_ncells(dt, node, "#size-cells", DEFAULT_SIZE_CELLS, &c->size);
	return err;
}

static u64 get_cells(const u8 *p, u32 n)
{
	return n == 2 ? get_be64(p) : get_be32(p);
}

/* Pass each "reg" entry of @node to @fn; with @fn NULL, only check that "reg" is well formed. */
static int walk_reg(const struct dtb *dt, int node, const struct cells *c, bool nomap,
		    dtb_range_fn fn, void *arg)
{
	u32 entry = (c->addr + c->size) * sizeof(u32);
	struct dtb_range r;
	const u8 *p;
	int len, i, ret;

	p = dtb_getprop(dt, node, "reg", &len);
	if (!p)
		return 0;
	if (len % entry)
		return -DTB_ERR_BADCELLS;
	for (i = 0; fn && i < len; i += entry) {
		r.base = get_cells(p + i, c->addr);
		r.size = get_cells(p + i + c->addr * sizeof(u32), c->size);
		ret = fn(arg, dtb_node_name(dt, node), &r, nomap);
		if (ret)
			return ret;
	}
	return 0;
}

unsigned int dtb_range_clip(const struct dtb_range *r, u64 limit, struct dtb_range *out)
{
	unsigned int cut = 0;

	*out = *r;
	if (out->size && out->base + (out->size - 1) < out->base) {
		out->size = -out->base; /* up to 2^64; base is not 0, or it could not wrap */
		cut |= DTB_RANGE_WRAPS;
	}
	if (limit && out->size && out->size > limit - min(out->base, limit)) {
		out->size = out->base < limit ? limit - out->base : 0;
		cut |= DTB_RANGE_ABOVE;
	}
	return cut;
}

/* Which children of a node hold ranges, and whether they are no-map. */
typedef bool (*select_fn)(const struct dtb *dt, int node, bool *nomap);

static int walk_children(const struct dtb *dt, int parent, select_fn select, dtb_range_fn fn,
			 void *arg)
{
	struct cells c;
	bool nomap;
	int node, ret;

	ret = read_cells(dt, parent, &c);
	for (node = dtb_first_child(dt, parent); !ret && node >= 0;
	     node = dtb_next_sibling(dt, node)) {
		if (select(dt, node, &nomap))
			ret = walk_reg(dt, node, &c, nomap, fn, arg);
	}
	return ret;
}

/* Check every entry first, so that @fn sees either all of them or none. */
static int walk_ranges(const struct dtb *dt, int parent, select_fn select, dtb_range_fn fn,
		       void *arg)
{
	int err;

	if (parent < 0)
		return 0;
	err = walk_children(dt, parent, select, NULL, NULL);
	if (err)
		return err;
	return walk_children(dt, parent, select, fn, arg);
}

/* A node without "status", or with "okay" (or the older "ok"), is in use. */
static bool is_available(const struct dtb *dt, int node)
{
	const char *status;

	if (!dtb_getprop(dt, node, "status", NULL))
		return true;
	status = dtb_getprop_string(dt, node, "status");
	return status && (!strcmp(status, "okay") || !strcmp(status, "ok"));
}

static bool is_memory(const struct dtb *dt, int node, bool *nomap)
{
	const char *type, *name;

	*nomap = false;
	if (!is_available(dt, node))
		return false;
	if (dtb_getprop(dt, node, "device_type", NULL)) {
		type = dtb_getprop_string(dt, node, "device_type");
		return type && !strcmp(type, "memory");
	}
	name = dtb_node_name(dt, node);
	return !strcmp(name, "memory") || base_name_is(name, "memory", strlen("memory"));
}

static bool is_reserved(const struct dtb *dt, int node, bool *nomap)
{
	*nomap = dtb_getprop(dt, node, "no-map", NULL) != NULL;
	return is_available(dt, node);
}

int dtb_for_each_memory(const struct dtb *dt, dtb_range_fn fn, void *arg)
{
	return walk_ranges(dt, node_at(dt, 0), is_memory, fn, arg);
}

int dtb_for_each_reserved_memory(const struct dtb *dt, dtb_range_fn fn, void *arg)
{
	return walk_ranges(dt, dtb_path_offset(dt, "/reserved-memory"), is_reserved, fn, arg);
}

int dtb_for_each_memreserve(const struct dtb *dt, dtb_range_fn fn, void *arg)
{
	struct dtb_range r;
	u32 off;
	int ret;

	for (off = dt->off_mem_rsvmap; fits(off, FDT_RSV_ENTRY_SIZE, dt->totalsize);
	     off += FDT_RSV_ENTRY_SIZE) {
		r.base = get_be64(dt->blob + off);
		r.size = get_be64(dt->blob + off + 8);
		if (!r.base && !r.size)
			break;
		ret = fn(arg, NULL, &r, false);
		if (ret)
			return ret;
	}
	return 0;
}

static bool is_cpu(const struct dtb *dt, int node)
{
	const char *type = dtb_getprop_string(dt, node, "device_type");

	return type && !strcmp(type, "cpu") && is_available(dt, node);
}

/* Pass each CPU node's id to @fn; with @fn NULL, only check that every "reg" is usable. */
static int walk_cpus(const struct dtb *dt, int cpus, u32 addr_cells, dtb_cpu_fn fn, void *arg)
{
	for (int node = dtb_first_child(dt, cpus); node >= 0; node = dtb_next_sibling(dt, node)) {
		const u8 *reg;
		int len, ret;

		if (!is_cpu(dt, node))
			continue;
		reg = dtb_getprop(dt, node, "reg", &len);
		if (!reg || len < (int)(addr_cells * sizeof(u32)))
			return -DTB_ERR_BADCELLS;
		if (!fn)
			continue;
		ret = fn(arg, dtb_node_name(dt, node), get_cells(reg, addr_cells));
		if (ret)
			return ret;
	}
	return 0;
}

int dtb_for_each_cpu(const struct dtb *dt, dtb_cpu_fn fn, void *arg)
{
	int cpus = dtb_path_offset(dt, "/cpus");
	u32 addr_cells;
	int err;

	if (cpus < 0)
		return 0;
	err = read_ncells(dt, cpus, "#address-cells", 1, &addr_cells);
	if (!err)
		err = walk_cpus(dt, cpus, addr_cells, NULL, NULL);
	return err ? err : walk_cpus(dt, cpus, addr_cells, fn, arg);
}

const char *dtb_bootargs(const struct dtb *dt)
{
	int chosen = dtb_path_offset(dt, "/chosen");

	if (chosen < 0)
		return NULL;
	return dtb_getprop_string(dt, chosen, "bootargs");
}
