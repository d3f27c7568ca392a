/* What start_kernel() learns at boot and other code may look up afterwards. */
#ifndef _SETUP_H
#define _SETUP_H

#include <dtb.h>
#include <pgtable.h>
#include <types.h>

#define DTB_MAX_SIZE (2UL << 20) /* larger blobs are refused */

/*
 * paging.join=<max leaf level>[,nonglobal]: start the way a kernel that
 * embeds mm/ in a page table of its own does (docs/embedding.md): a root
 * table the kernel allocates itself, boot_own_root, filled by
 * paging_init_join() with boot_join's largest leaf and global bit, then
 * loaded. NULL without the option (paging_init() and its init_pg_dir).
 */
extern pte_t *boot_own_root;
extern struct pgtable_join boot_join;

/* The device tree the firmware handed over, validated, and where it lies. */
extern struct dtb boot_dtb;
extern phys_addr_t boot_dtb_pa;

/**
 * setup_memory - build the boot memory map (memblock) from the device tree
 *
 * memblock_from_dtb() into the boot's tables, then reserves the kernel
 * image and the DTB, and prints the map. Panics with the reason when the
 * tree describes no usable memory.
 */
void setup_memory(void);

struct memblock;

/**
 * memblock_from_dtb - record the memory map a device tree describes
 * @mb: the memblock tables to add to (the boot's, or a test's own)
 * @dt: a validated tree
 * @what: set to the part of the tree being read ("/memory", ...), for a report
 *
 * Adds every /memory range to @mb->memory and every /reserved-memory and
 * /memreserve/ range to @mb->reserved, printing each. Every range passes
 * through dtb_range_clip() first: a range that runs past 2^64 is cut there,
 * and memory at or above the port's PHYS_RAM_LIMIT (what its direct map and
 * vmemmap reach) is cut off or left out, each with a warning naming it.
 * Panics if a memblock table fills up.
 * Return: 0, or the negative dtb error that stopped the reading of @what.
 */
int memblock_from_dtb(struct memblock *mb, const struct dtb *dt, const char **what);

/*
 * struct mm_layout - the memory layout of this build and boot, for debuggers only
 * (tools/gdb/mm.py reads it; kernel/mm_layout.c). All zero until mm_layout_init().
 */
struct mm_layout {
	unsigned long page_shift;
	unsigned long max_order;
	unsigned long nr_cpus;
	unsigned long pgtable_levels;
	unsigned long ptrs_per_table;
	unsigned long section_size_bits;
	unsigned long zones_pgshift; /* page->flags >> this is the zone index */
	unsigned long vmemmap_start; /* the struct page of pfn at vmemmap_start + pfn * size */
	unsigned long vmemmap_end;
	unsigned long vmalloc_start;
	unsigned long vmalloc_end;
	unsigned long direct_map_offset; /* virtual minus physical address in the direct map */
};

extern struct mm_layout mm_layout;

/**
 * mm_layout_init - fill in mm_layout; start_kernel() calls it once the memory map is read.
 */
void mm_layout_init(void);

/**
 * format_size - "512 MiB", "4 GiB", "136 KiB": exact, in the largest unit that divides.
 */
const char *format_size(char *buf, size_t len, u64 bytes);

#endif /* _SETUP_H */
