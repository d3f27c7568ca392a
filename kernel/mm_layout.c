/*
 * mm_layout: this build's memory layout, for debuggers. gdb sees no macros, and some of
 * these are known only at run time (on host, where the RAM and vmalloc mappings landed),
 * so start_kernel() writes them here once the memory map is read, and tools/gdb/mm.py
 * reads them instead of hard-coding any arch's. Nothing in the kernel reads them.
 */
#include <asm/pgtable.h>
#include <asm/port.h>
#include <mm.h>
#include <mmzone.h>
#include <setup.h>

struct mm_layout mm_layout;

void mm_layout_init(void)
{
	mm_layout = (struct mm_layout){
		.page_shift = PAGE_SHIFT,
		.max_order = MAX_ORDER,
		.nr_cpus = NR_CPUS,
		.pgtable_levels = PGTABLE_LEVELS,
		.ptrs_per_table = PTRS_PER_TABLE,
		.section_size_bits = SECTION_SIZE_BITS,
		.zones_pgshift = ZONES_PGSHIFT,
		.vmemmap_start = VMEMMAP_START,
		.vmemmap_end = VMEMMAP_END,
		.vmalloc_start = VMALLOC_START,
		.vmalloc_end = VMALLOC_END,
		.direct_map_offset = (unsigned long)phys_to_virt(0),
	};
}
