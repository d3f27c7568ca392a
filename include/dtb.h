/*
 * Flattened device tree (DTB) reader: validates a blob handed over by the
 * firmware and answers the questions boot code asks of it (memory ranges,
 * reservations, bootargs), never reading outside the blob.
 */
#ifndef _DTB_H
#define _DTB_H

#include <types.h>

#define DTB_MAGIC 0xd00dfeed
#define DTB_MAX_DEPTH 32 /* deeper trees are refused as malformed */

/* A validated blob: header fields in CPU byte order. */
struct dtb {
	const u8 *blob;
	u32 totalsize;
	u32 off_dt_struct;
	u32 size_dt_struct;
	u32 off_dt_strings;
	u32 size_dt_strings;
	u32 off_mem_rsvmap;
	u32 version;
	u32 boot_cpuid_phys;
};

/* Errors returned (negative) by the dtb_* functions; dtb_strerror() names them. */
enum dtb_error {
	DTB_ERR_MAGIC = 1, /* not a device tree blob */
	DTB_ERR_VERSION,   /* version we cannot read (< 16 or last_comp > 17) */
	DTB_ERR_TRUNCATED, /* header or block extends past the blob or its buffer */
	DTB_ERR_LAYOUT,	   /* blocks misaligned or overlapping */
	DTB_ERR_STRUCTURE, /* bad token, unbalanced nodes, bad property */
	DTB_ERR_STRING,	   /* name or string not terminated inside its block */
	DTB_ERR_NOTFOUND,  /* node or property does not exist */
	DTB_ERR_BADCELLS,  /* #address-cells / #size-cells unusable, or reg malformed */
};

/**
 * dtb_init - check a blob and prepare to read it
 * @dt: filled in on success, left alone on failure
 * @blob: start of the blob (any alignment)
 * @bufsize: bytes readable at @blob (the blob's totalsize must fit in it)
 *
 * Validates the header, the placement of every block, and walks the whole
 * structure block once (tokens, nesting, names and property name offsets),
 * so that later lookups can trust it. Reads nothing outside @bufsize, and
 * nothing outside totalsize once that is known. Versions 16 and 17 are read,
 * and later ones whose last_comp_version is at most 17.
 *
 * Return: 0, or a negative enum dtb_error.
 */
int dtb_init(struct dtb *dt, const void *blob, size_t bufsize);

/**
 * dtb_strerror - a short English description of a negative dtb_* return.
 */
const char *dtb_strerror(int err);

/**
 * dtb_path_offset - find a node by its full path, e.g. "/chosen"
 *
 * A path component without a unit address ("memory") matches a node of
 * exactly that name first; failing that, a node that has a unit address
 * ("memory@80000000") only when it is the only such node.
 * Return: the node's offset (>= 0), or -DTB_ERR_NOTFOUND.
 */
int dtb_path_offset(const struct dtb *dt, const char *path);

/**
 * dtb_first_child - the first child node of @node.
 * dtb_next_sibling - the node after @node with the same parent.
 *
 * Return: the child's offset; -DTB_ERR_NOTFOUND ends the walk, and is also
 * what an offset that is not a node gets.
 */
int dtb_first_child(const struct dtb *dt, int node);
int dtb_next_sibling(const struct dtb *dt, int node);

/**
 * dtb_node_name - "name@unit" of a node ("" for the root), NULL if @node is not a node.
 */
const char *dtb_node_name(const struct dtb *dt, int node);

/**
 * dtb_getprop - find a property of a node
 * @len: set to the value's length in bytes when found (may be NULL)
 * Return: the property's value (inside the blob), or NULL.
 */
const void *dtb_getprop(const struct dtb *dt, int node, const char *name, int *len);

/**
 * dtb_getprop_string - a property holding one string (whose only NUL ends it), else NULL.
 */
const char *dtb_getprop_string(const struct dtb *dt, int node, const char *name);

/* One "reg" entry, or one /memreserve/ entry. */
struct dtb_range {
	u64 base;
	u64 size;
};

/* What dtb_range_clip() cut from a range. */
#define DTB_RANGE_WRAPS 0x1 /* it ran past the end of the 64-bit address space */
#define DTB_RANGE_ABOVE 0x2 /* some or all of it lay at or above the limit */

/**
 * dtb_range_clip - the part of a range from the tree that an address space holds
 * @r: a reg or /memreserve/ entry as the tree gives it
 * @limit: one past the highest address wanted; 0 for the whole 64-bit space
 * @out: set to the part of @r below @limit and below 2^64 (size 0 if none)
 *
 * A tree may say anything: a base and size whose sum runs past 2^64, or
 * memory no kernel could address. Every range a boot takes from the tree
 * goes through here, so that none is used as a wrapped or unreachable range.
 * Return: 0 when @out is all of @r, else DTB_RANGE_WRAPS and/or DTB_RANGE_ABOVE.
 */
unsigned int dtb_range_clip(const struct dtb_range *r, u64 limit, struct dtb_range *out);

/*
 * Callbacks return 0 to go on; anything else stops the walk and is returned.
 * @name is the node's "name@unit" (NULL for /memreserve/ entries).
 */
typedef int (*dtb_range_fn)(void *arg, const char *name, const struct dtb_range *range, bool nomap);

/**
 * dtb_for_each_memory - call @fn for every reg entry of every /memory node
 *
 * Reads every child of the root whose device_type is "memory" (or, without a
 * device_type, that is named "memory" or "memory@..."), honouring the root's
 * #address-cells and #size-cells (absent: 2 and 1; only 1 or 2 accepted).
 * Entries of size zero are passed on; the caller decides what to do. Every
 * entry is checked before the first is passed on, so @fn sees all or none.
 * Return: 0, -DTB_ERR_BADCELLS (cells unusable, or a reg not made of whole
 * entries), or the first non-zero value of @fn.
 */
int dtb_for_each_memory(const struct dtb *dt, dtb_range_fn fn, void *arg);

/**
 * dtb_for_each_reserved_memory - call @fn for every reg entry of every child
 * of /reserved-memory (with @nomap true when the child has "no-map")
 *
 * Honours /reserved-memory's own #address-cells and #size-cells. Children
 * without "reg" (dynamic allocations) are skipped. No /reserved-memory node
 * means no ranges. Return: as dtb_for_each_memory().
 */
int dtb_for_each_reserved_memory(const struct dtb *dt, dtb_range_fn fn, void *arg);

/**
 * dtb_for_each_memreserve - call @fn for every entry of the /memreserve/ block,
 * up to the (0, 0) entry that ends it (an entry of size 0 alone does not).
 */
int dtb_for_each_memreserve(const struct dtb *dt, dtb_range_fn fn, void *arg);

/* Called for each CPU; return 0 to go on. @name is the node's "cpu@unit". */
typedef int (*dtb_cpu_fn)(void *arg, const char *name, u64 hwid);

/**
 * dtb_for_each_cpu - call @fn for every CPU node of /cpus, in tree order
 *
 * A CPU node is a child of /cpus whose device_type is "cpu" and whose status
 * (if any) is "okay"; its hardware id (the hart id on RISC-V, MPIDR on Arm)
 * is the first entry of its "reg", #address-cells of /cpus (1 or 2) cells
 * wide. Every CPU node is checked before the first is passed on, so @fn sees
 * all or none. No /cpus node means no CPUs.
 * Return: 0, -DTB_ERR_BADCELLS (#address-cells unusable, or a CPU's "reg"
 * missing or too short), or the first non-zero value of @fn.
 */
int dtb_for_each_cpu(const struct dtb *dt, dtb_cpu_fn fn, void *arg);

/**
 * dtb_bootargs - /chosen/bootargs, or NULL when absent or not a valid string.
 */
const char *dtb_bootargs(const struct dtb *dt);

#endif /* _DTB_H */
