/*
 * The kernel's page table: building the kernel address space at boot
 * (direct map, image sections, devices) and changing it afterwards (vmalloc
 * maps and unmaps pages). The walking is generic (mm/pgtable.c); the PTE
 * encoding, the number of levels and the TLB come from <asm/port.h>.
 */
#ifndef _PGTABLE_H
#define _PGTABLE_H

#include <asm/port.h>
#include <types.h>

struct page;

/* Index bits per level: log2 of the port's PTRS_PER_TABLE (9 for 512, 13 for 8192). */
#define PGTABLE_INDEX_BITS ((unsigned int)__builtin_ctz(PTRS_PER_TABLE))

/* Bytes one entry at @level maps: a page at level 0, PTRS_PER_TABLE times more per level. */
#define LEVEL_SHIFT(level) (PAGE_SHIFT + PGTABLE_INDEX_BITS * (level))
#define LEVEL_SIZE(level) (1UL << LEVEL_SHIFT(level))

/* One range the kernel maps at boot besides the direct map: an image section or a device. */
struct kernel_mapping {
	const char *name; /* printed in the layout: ".text", "uart" */
	unsigned long va;
	phys_addr_t pa;
	unsigned long size;
	pgprot_t prot;
};

/* The root of the kernel page table, shared by every CPU (Linux's swapper_pg_dir). */
extern pte_t *init_pg_dir;

/**
 * paging_init - build the kernel page table and switch this CPU to it
 * @maps: ranges to map after the direct map, image sections and devices
 * @nr: how many
 *
 * Maps every memblock memory range at phys_to_virt() with PAGE_KERNEL, using
 * the largest leaf that alignment allows, then maps @maps in order (a range
 * that falls inside the direct map replaces its permissions there, splitting
 * large leaves), loads the table and prints the virtual memory layout.
 * Runs before mem_init(): table pages come from memblock until
 * pgtable_count_boot_tables(), from the page allocator after. A range it
 * cannot map panics through paging_init_map(), which names it and the error.
 */
void paging_init(const struct kernel_mapping *maps, unsigned int nr);

/*
 * How mm/'s mappings must look in a page table it joins (paging_init_join()).
 * Levels count from 0, the level that maps one page (PAGE_SIZE).
 */
struct pgtable_join {
	/*
	 * The largest leaf mm/ may make: 0 for pages only, 1 for leaves of
	 * LEVEL_SIZE(1) (2 MiB with 4 KiB pages) and pages, and so on; never more
	 * than the port's PGTABLE_LEAF_LEVELS allows.
	 */
	unsigned int max_leaf_level;
	/* Take the port's global bit out of every mapping (pgprot_nonglobal()). */
	bool nonglobal;
};

/**
 * paging_init_join - make mm/'s kernel page table live in a root the caller owns
 * @root: the caller's root table: one page of PTRS_PER_TABLE entries, at its
 *        phys_to_virt() address, in memory memblock has reserved; it may hold
 *        the caller's own mappings already, but none in the direct map of RAM
 *        it needs kept, nor in the vmalloc and vmemmap regions
 * @how: leaf sizes and global bit of every mapping mm/ makes from now on;
 *       NULL: as paging_init() (the port's PAGE_KERNEL* and PGTABLE_LEAF_LEVELS)
 * @maps: ranges to map after the direct map, as for paging_init(); may be NULL
 * @nr: how many
 *
 * Instead of paging_init(): maps every memblock memory range at
 * phys_to_virt() with PAGE_KERNEL and then @maps into @root, with the
 * largest leaves that alignment and @how allow, and puts a table under every
 * entry of @root that covers the vmalloc or the vmemmap region. From then on
 * mm/ works in @root (init_pg_dir is @root): mem_init() maps the struct pages
 * there, vmalloc its areas, always with @how's leaves and global bit. An
 * entry of @root that points to a table never changes again (empty tables are
 * freed, never the ones right under the root); with @how->max_leaf_level
 * below the root's level (PGTABLE_LEVELS - 1) every entry mm/ sets in @root
 * is such a pointer, so a kernel may copy them into its other tables once,
 * after this call (a leaf in the root could be split later). It does not load the
 * table: the caller loads @root on this CPU (arch_load_page_table() or its
 * own way) before mm_core_init(), and on every other CPU before it runs mm/
 * code. Boot only, once, instead of paging_init(); panics as paging_init()
 * does when a range cannot be mapped.
 */
void paging_init_join(pte_t *root, const struct pgtable_join *how,
		      const struct kernel_mapping *maps, unsigned int nr);

/**
 * paging_init_map - map_kernel_range() for a range the kernel cannot run without
 * @what: the range's name for the report ("RAM", ".text", "uart")
 *
 * Panics if map_kernel_range() fails: "paging_init: cannot map <what>
 * [<va>-<last va>] to <pa>: <error>", the error by its name (-EINVAL for a
 * range that is not page aligned, -ENOMEM, said to be the lack of a page for a
 * table), never a guess at its cause. paging_init() maps the direct map and
 * the port's boot mappings with it.
 */
void paging_init_map(const char *what, unsigned long va, phys_addr_t pa, unsigned long size,
		     pgprot_t prot);

/**
 * kernel_mapping_of - which range of paging_init()'s @maps holds @va
 * @va: any address
 *
 * Return: the image section or device mapping that contains @va, or NULL
 * (the direct map, vmalloc and vmemmap are not in the list). Any context.
 */
const struct kernel_mapping *kernel_mapping_of(unsigned long va);

/**
 * pgtable_count_boot_tables - start keeping each table page's count of entries
 *
 * paging_init() runs before mem_init() and takes its table pages from
 * memblock, before any struct page exists. mem_init() calls this once the
 * struct pages are built: it counts the entries of every table so far into
 * its struct page (pt_used), and from then on table pages come from the page
 * allocator and every change is counted as it is made.
 */
void pgtable_count_boot_tables(void);

/**
 * map_kernel_range - map [@va, @va + @size) to [@pa, @pa + @size) with @prot
 * @va: virtual start, page aligned
 * @pa: physical start, page aligned
 * @size: bytes, a multiple of PAGE_SIZE
 * @prot: PAGE_KERNEL, PAGE_KERNEL_RO, PAGE_KERNEL_ROX or PAGE_KERNEL_IO
 *
 * Uses the largest leaves that the alignment of @va, @pa and @size allows;
 * replaces whatever mapped the range before (splitting a larger leaf that
 * only partly overlaps it, keeping the rest of that leaf as it was) and
 * flushes the range from the TLB. Takes the page-table lock.
 * Return: 0, or -ENOMEM when a page-table page cannot be allocated (what was
 * mapped before the failure stays mapped).
 */
int map_kernel_range(unsigned long va, phys_addr_t pa, unsigned long size, pgprot_t prot);

/**
 * vmap_pages_range - map @pages one after another at [@addr, @end)
 * @addr: virtual start, page aligned
 * @end: virtual end, page aligned; (@end - @addr) / PAGE_SIZE pages are mapped
 * @prot: protection of every page
 * @pages: the pages, in order
 *
 * For vmalloc and vmap: page-sized leaves only (level 0), so any page can be unmapped alone.
 * The range must not be mapped already. Makes the new mappings visible
 * (flush_cache_vmap()).
 * Return: 0, or -ENOMEM (the pages mapped so far stay mapped: unmap the range).
 */
int vmap_pages_range(unsigned long addr, unsigned long end, pgprot_t prot, struct page **pages);

/**
 * unmap_kernel_range - remove every mapping of [@addr, @end)
 * @addr: virtual start, page aligned
 * @end: virtual end, page aligned
 *
 * Clears the leaves (splitting a large leaf that sticks out of the range),
 * keeps the page-table pages for the next user, and flushes the range from
 * the TLB before returning, so that the pages and the addresses may be reused.
 */
void unmap_kernel_range(unsigned long addr, unsigned long end);

/**
 * free_empty_page_tables - give back the table pages that map nothing
 * @start: virtual start of the range to look at
 * @end: its end
 *
 * Unmapping keeps the page-table pages, ready for the next mapping there;
 * this frees those below the root whose every entry is empty, after
 * flushing the range from the TLB. vmalloc's shrinker calls it when memory
 * runs short. Takes the page-table lock if it is free, and frees nothing if
 * it is not (the shrinker may run inside an allocation made under it).
 * Return: the number of pages freed.
 */
unsigned long free_empty_page_tables(unsigned long start, unsigned long end);

/**
 * lookup_kernel_pte - the leaf that maps @va
 * @va: any kernel virtual address
 * @level: set to the leaf's level (0 for a page) when one is found
 *
 * Return: the leaf entry, or NULL when @va is not mapped. Lock-free: the
 * caller must know the mapping cannot change under it (it owns the range).
 */
pte_t *lookup_kernel_pte(unsigned long va, unsigned int *level);

/**
 * flush_tlb_kernel_range - make every CPU forget translations of [@start, @end)
 *
 * Called after kernel mappings change, installs included (some CPUs cache
 * the absence of a translation too). Every online CPU's TLB is flushed
 * before it returns (riscv: SBI RFENCE to the other harts), so the pages
 * and addresses unmapped may be reused at once. Callable with interrupts
 * masked: it does not need the other CPUs' interrupts.
 */
void flush_tlb_kernel_range(unsigned long start, unsigned long end);

/**
 * flush_cache_vmap - make new mappings of [@start, @end) usable on every CPU
 *
 * For mappings installed where nothing was mapped (vmap_pages_range()):
 * Linux's name. A port may do less than flush_tlb_kernel_range() here: on
 * riscv only this CPU fences, and another CPU that still holds the old
 * absence faults once, fences in its trap handler and retries.
 */
void flush_cache_vmap(unsigned long start, unsigned long end);

#endif /* _PGTABLE_H */
