/*
 * The host's TLB flush: after the kernel page table changes, make the
 * process's own mappings of the vmalloc and vmemmap regions and of the direct
 * map say the same. A
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

static int host_prot(pgprot_t prot)
{
	return PROT_READ | (pgprot_writable(prot) ? PROT_WRITE : 0) |
	       (pgprot_executable(prot) ? PROT_EXEC : 0);
}

/*
 * A run of pages that one mmap() call can mirror: pages the table does not
 * map, or pages it maps to consecutive frames with one protection.
 */
struct run {
	unsigned long start, end; /* virtual; empty when equal */
	bool present;
	phys_addr_t pa; /* of start, when present */
	int prot;
};

static void map_run(const struct run *r)
{
	unsigned long size = r->end - r->start;
	void *got;

	if (r->present)
		got = mmap((void *)r->start, size, r->prot, MAP_SHARED | MAP_FIXED, host_ram_fd,
			   (off_t)(r->pa - host_ram_pa));
	else
		got = mmap((void *)r->start, size, PROT_NONE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
	/*
	 * Each run is a mapping of the process, and Linux allows a process
	 * vm.max_map_count of them (65530 by default): debug_pagealloc=on, which
	 * unmaps free pages one by one, can need one per page of RAM at worst
	 * (free and allocated pages alternating), about one per two pages
	 * freed in random order: every suite fits at 256M (make test's boot);
	 * at 1G, page_alloc_stress's shuffled frees do not.
	 */
	if (got != (void *)r->start)
		panic("host: cannot map %#lx-%#lx: %s%s", r->start, r->end, strerror(errno),
		      errno == ENOMEM ? " (out of process mappings, vm.max_map_count? with "
					"debug_pagealloc=on, boot less RAM)"
				      : "");
}

/*
 * Extend @r by what the table says of @va: the rest of the leaf that maps it,
 * or of the empty entry above it (a whole unmapped table's reach at once),
 * up to @end; if one call cannot map both, map @r and start anew. Return
 * where that span ends.
 */
static unsigned long add_span(struct run *r, unsigned long va, unsigned long end)
{
	unsigned int level = 0;
	pte_t *pte = lookup_kernel_pte(va, &level);
	unsigned long next = (va | (LEVEL_SIZE(level) - 1)) + 1;
	struct run span;

	if (next > end || next < va)
		next = end;
	span = (struct run){ .start = va, .end = next };
	if (pte) {
		span.present = true;
		span.pa =
			((phys_addr_t)pte_pfn(*pte) << PAGE_SHIFT) + (va & (LEVEL_SIZE(level) - 1));
		span.prot = host_prot(pte_pgprot(*pte));
	}
	if (r->end == va && r->present == span.present &&
	    (!span.present || (span.pa == r->pa + (va - r->start) && span.prot == r->prot))) {
		r->end = span.end;
		return next;
	}
	if (r->end != r->start)
		map_run(r);
	*r = span;
	return next;
}

/* Mirror the part of [@start, @end) that lies in the region [@lo, @hi). */
static void sync_region(unsigned long start, unsigned long end, unsigned long lo, unsigned long hi)
{
	struct run run = { 0 };

	if (start < lo)
		start = lo;
	if (end > hi)
		end = hi;
	end = (end + PAGE_SIZE - 1) & PAGE_MASK;
	for (unsigned long va = start & PAGE_MASK; va < end;)
		va = add_span(&run, va, end);
	if (run.end != run.start)
		map_run(&run);
}

/*
 * Called by flush_tlb_kernel_range() under the page-table lock, so the
 * table cannot change (nor its pages be freed) while it is read here; or by
 * debug_pagealloc=on for the direct-map pages of a block it owns, whose
 * tables never change (nor are freed) after boot. The direct map is mirrored
 * too: its ranges are flushed only by paging_init() (which maps RAM as the
 * memfd mapping already does) and by debug_pagealloc.
 */
void host_sync_mappings(unsigned long start, unsigned long end)
{
	sync_region(start, end, VMALLOC_START, VMALLOC_END);
	sync_region(start, end, VMEMMAP_START, VMEMMAP_END);
	sync_region(start, end, host_ram_va, host_ram_va + host_ram_size);
}
