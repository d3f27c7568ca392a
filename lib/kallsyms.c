/*
 * kallsyms: finds the function an address is in, for %pS and every report that names a
 * caller. The table is generated at link time (tools/kallsyms from nm of a previous link,
 * tools/link-kallsyms): the text symbols' link-time addresses, sorted, their sizes, their
 * names. A kernel that runs elsewhere than it was linked (the host build is a
 * position-independent executable) shifts every address by the same amount, which the
 * table's anchor gives: the link-time address of kallsyms_lookup() itself.
 */
#include <kallsyms.h>
#include <kernel.h>
#include <string.h>

/* The generated table (build/<arch>/kernel.elf.kallsyms/table*.c). */
extern const unsigned long kallsyms_num_syms;
extern const unsigned long kallsyms_anchor;
extern const unsigned long kallsyms_addresses[];
extern const unsigned int kallsyms_sizes[];
extern const unsigned int kallsyms_name_offsets[];
extern const char kallsyms_names[];

/* Run-time minus link-time address: 0 for a kernel that runs where it was linked. */
static unsigned long load_offset(void)
{
	return (unsigned long)&kallsyms_lookup - kallsyms_anchor;
}

/* Index of the last symbol at or below link-time address @addr, or -1 if there is none. */
static long find_index(unsigned long addr)
{
	long lo = 0, hi = (long)kallsyms_num_syms - 1, found = -1;

	while (lo <= hi) {
		long mid = lo + (hi - lo) / 2;

		if (kallsyms_addresses[mid] <= addr) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return found;
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize, unsigned long *offset)
{
	unsigned long link_addr = addr - load_offset();
	long i = find_index(link_addr);

	if (i < 0 || link_addr - kallsyms_addresses[i] >= kallsyms_sizes[i])
		return NULL;
	if (symbolsize)
		*symbolsize = kallsyms_sizes[i];
	if (offset)
		*offset = link_addr - kallsyms_addresses[i];
	return kallsyms_names + kallsyms_name_offsets[i];
}

unsigned long kallsyms_lookup_name(const char *name)
{
	for (unsigned long i = 0; i < kallsyms_num_syms; i++)
		if (strcmp(kallsyms_names + kallsyms_name_offsets[i], name) == 0)
			return kallsyms_addresses[i] + load_offset();
	return 0;
}

/* "name+0xoffset/0xsize" of the function @lookup lies in, @adjust added back to the offset. */
static int format_symbol(char *buf, unsigned long addr, unsigned long lookup, unsigned long adjust)
{
	unsigned long size, offset;
	const char *name = kallsyms_lookup(lookup, &size, &offset);

	if (!name)
		return scnprintf(buf, KSYM_SYMBOL_LEN, "0x%lx", addr);
	return scnprintf(buf, KSYM_SYMBOL_LEN, "%s+0x%lx/0x%lx", name, offset + adjust, size);
}

int sprint_symbol(char *buf, unsigned long addr)
{
	return format_symbol(buf, addr, addr, 0);
}

int sprint_backtrace(char *buf, unsigned long addr)
{
	/* A call that never returns may be its function's last instruction: look before it. */
	return addr ? format_symbol(buf, addr, addr - 1, 1) : format_symbol(buf, addr, addr, 0);
}

int sprint_symbol_no_offset(char *buf, unsigned long addr)
{
	const char *name = kallsyms_lookup(addr, NULL, NULL);

	if (!name)
		return scnprintf(buf, KSYM_SYMBOL_LEN, "0x%lx", addr);
	return scnprintf(buf, KSYM_SYMBOL_LEN, "%s", name);
}
