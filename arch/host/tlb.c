/*
 * The host's TLB flush: after the kernel page table changes, make the
 * process's own mappings of the vmalloc and vmemmap regions say the same. A
 * present leaf becomes a MAP_SHARED mapping of the RAM memfd at that frame's
 * offset (the same memory the direct map shows), anything else a PROT_NONE
 * reservation, so a stray access faults as it would on hardware. Pages that
 * follow each other in memory with the same protection share one mmap().
 */
#include <asm/port.h>
#include <bug.h>
#include <errno.h>
#include <pgtable.h>
#include <string.h>
#include <sys/mman.h>

#include "host.h"

#define NOT_MAPPED (~(phys_addr_t)0)

static int host_prot(pgprot_t prot)
{
	return PROT_READ | (pgprot_writable(prot) ? PROT_WRITE : 0) |
	       (pgprot_executable(prot) ? PROT_EXEC : 0);
}

/* What the page table maps at @va: the physical address (NOT_MAPPED if none) and its prot. */
static phys_addr_t lookup(unsigned long va, int *prot)
{
	unsigned int level;
	pte_t *pte = lookup_kernel_pte(va, &level);

	if (!pte)
		return NOT_MAPPED;
	*prot = host_prot(pte_pgprot(*pte));
	return ((phys_addr_t)pte_pfn(*pte) << PAGE_SHIFT) + (va & (LEVEL_SIZE(level) - 1));
}

/* Map [@va, @va + @size) to @pa (or reserve it, for NOT_MAPPED) with @prot. */
static void map_run(unsigned long va, unsigned long size, phys_addr_t pa, int prot)
{
	void *got;

	if (pa != NOT_MAPPED)
		got = mmap((void *)va, size, prot, MAP_SHARED | MAP_FIXED, host_ram_fd,
			   (off_t)(pa - host_ram_pa));
	else
		got = mmap((void *)va, size, PROT_NONE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
	if (got != (void *)va)
		panic("host: cannot map %#lx: %s", va, strerror(errno));
}

/* Mirror the part of [@start, @end) that lies in the region [@lo, @hi). */
static void sync_region(unsigned long start, unsigned long end, unsigned long lo, unsigned long hi)
{
	unsigned long run_va = 0, run_size = 0;
	phys_addr_t run_pa = NOT_MAPPED;
	int run_prot = 0;

	if (start < lo)
		start = lo;
	if (end > hi)
		end = hi;
	start &= PAGE_MASK;
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		int prot = 0;
		phys_addr_t pa = lookup(va, &prot);
		bool extends = run_size && prot == run_prot &&
			       (pa == NOT_MAPPED ? run_pa == NOT_MAPPED
						 : run_pa != NOT_MAPPED && pa == run_pa + run_size);

		if (!extends) {
			if (run_size)
				map_run(run_va, run_size, run_pa, run_prot);
			run_va = va;
			run_pa = pa;
			run_prot = prot;
			run_size = 0;
		}
		run_size += PAGE_SIZE;
	}
	if (run_size)
		map_run(run_va, run_size, run_pa, run_prot);
}

void host_sync_mappings(unsigned long start, unsigned long end)
{
	sync_region(start, end, VMALLOC_START, VMALLOC_END);
	sync_region(start, end, VMEMMAP_START, VMEMMAP_END);
}
