/*
 * The host's TLB flush: after the kernel page table changes, make the
 * process's own mappings of the vmalloc region say the same, page by page.
 * A present leaf becomes a MAP_SHARED mapping of the RAM memfd at that
 * frame's offset (the same memory the direct map shows), anything else a
 * PROT_NONE reservation, so a stray access faults as it would on hardware.
 */
#include <asm/port.h>
#include <bug.h>
#include <errno.h>
#include <pgtable.h>
#include <string.h>
#include <sys/mman.h>

#include "host.h"

static int host_prot(pgprot_t prot)
{
	return PROT_READ | (pgprot_writable(prot) ? PROT_WRITE : 0) |
	       (pgprot_executable(prot) ? PROT_EXEC : 0);
}

static void sync_page(unsigned long va)
{
	unsigned int level;
	pte_t *pte = lookup_kernel_pte(va, &level);
	void *got;

	if (pte) {
		phys_addr_t pa =
			((phys_addr_t)pte_pfn(*pte) << PAGE_SHIFT) + (va & (LEVEL_SIZE(level) - 1));

		got = mmap((void *)va, PAGE_SIZE, host_prot(pte_pgprot(*pte)),
			   MAP_SHARED | MAP_FIXED, host_ram_fd, (off_t)(pa - host_ram_pa));
	} else {
		got = mmap((void *)va, PAGE_SIZE, PROT_NONE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
	}
	if (got != (void *)va)
		panic("host: cannot map %#lx: %s", va, strerror(errno));
}

void host_sync_mappings(unsigned long start, unsigned long end)
{
	if (start < VMALLOC_START)
		start = VMALLOC_START;
	if (end > VMALLOC_END)
		end = VMALLOC_END;
	for (unsigned long va = start & PAGE_MASK; va < end; va += PAGE_SIZE)
		sync_page(va);
}
