/*
 * What the arm64 port reads from the device tree beyond memory and CPUs
 * (kernel/setup_memory.c, kernel/smp.c): the PSCI conduit and the
 * interrupt controller's node and register frames. QEMU virt puts both
 * directly under the root, as nodes of the root's address and size cells.
 */
#include <dtb.h>
#include <kernel.h>
#include <printk.h>
#include <setup.h>
#include <string.h>

#include "arm64.h"

static u32 be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | (u32)p[3];
}

/* Is @compatible one of the strings of the node's "compatible" list? */
static bool node_is_compatible(int node, const char *compatible)
{
	int len;
	const char *list = dtb_getprop(&boot_dtb, node, "compatible", &len);

	for (int i = 0; list && i < len; i += strlen(list + i) + 1)
		if (strnlen(list + i, len - i) < (size_t)(len - i) && !strcmp(list + i, compatible))
			return true;
	return false;
}

/**
 * dt_find_compatible - the first child of the root compatible with @compatible
 * @compatible: a "compatible" string, e.g. "arm,gic-v3"
 * @node: set to its offset when found
 *
 * Return: the node's name, or NULL when no child of the root is compatible.
 */
const void *dt_find_compatible(const char *compatible, int *node)
{
	int root = dtb_path_offset(&boot_dtb, "/");

	for (int n = root < 0 ? root : dtb_first_child(&boot_dtb, root); n >= 0;
	     n = dtb_next_sibling(&boot_dtb, n)) {
		if (node_is_compatible(n, compatible)) {
			*node = n;
			return dtb_node_name(&boot_dtb, n);
		}
	}
	return NULL;
}

/* The root's #address-cells or #size-cells; @dflt when absent or unusable. */
static unsigned int root_cells(const char *name, unsigned int dflt)
{
	int len, root = dtb_path_offset(&boot_dtb, "/");
	const u8 *p = root >= 0 ? dtb_getprop(&boot_dtb, root, name, &len) : NULL;

	return p && len == 4 && be32(p) >= 1 && be32(p) <= 2 ? be32(p) : dflt;
}

static u64 read_cells(const u8 *p, unsigned int cells)
{
	return cells == 2 ? (u64)be32(p) << 32 | be32(p + 4) : be32(p);
}

/**
 * dt_reg - entry @index of a root child's "reg"
 * @node: the node
 * @index: which (base, size) pair
 * @base: set to its base
 * @size: set to its size
 *
 * Return: false when the node has no such entry.
 */
bool dt_reg(int node, unsigned int index, u64 *base, u64 *size)
{
	unsigned int ac = root_cells("#address-cells", 2), sc = root_cells("#size-cells", 1);
	unsigned int entry = 4 * (ac + sc);
	int len;
	const u8 *reg = dtb_getprop(&boot_dtb, node, "reg", &len);

	if (!reg || len < 0 || (unsigned int)len < (index + 1) * entry)
		return false;
	*base = read_cells(reg + index * entry, ac);
	*size = read_cells(reg + index * entry + 4 * ac, sc);
	return true;
}

/*
 * The PSCI conduit: /psci's "method", "hvc" or "smc". Until it is read,
 * firmware.S uses smc if QEMU started us at EL2 (it then implements PSCI
 * behind smc) and hvc otherwise, so that an early panic can still power off.
 */
bool psci_use_smc; /* set by head.S */

void dt_setup_psci(void)
{
	int node = dtb_path_offset(&boot_dtb, "/psci");
	const char *method = node >= 0 ? dtb_getprop_string(&boot_dtb, node, "method") : NULL;

	if (method && !strcmp(method, "smc"))
		psci_use_smc = true;
	else if (method && !strcmp(method, "hvc"))
		psci_use_smc = false;
	else
		pr_warn("psci: no /psci method in the device tree: using %s\n",
			psci_use_smc ? "smc" : "hvc");
}
