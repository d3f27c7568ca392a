/*
 * Kernel page faults: the report every arch's trap handler prints for an
 * access to an address the kernel page table does not allow, and the probes
 * with which tests provoke such a fault on purpose and carry on.
 */
#ifndef _FAULT_H
#define _FAULT_H

#include <types.h>

enum fault_access {
	FAULT_READ,
	FAULT_WRITE,
	FAULT_EXEC,
};

/* What the faulting address was, as far as mm/ can tell. */
enum fault_region {
	FAULT_REGION_OTHER,	     /* nothing mm/ knows of */
	FAULT_REGION_VMALLOC_GUARD,  /* the guard page after a live vmalloc area */
	FAULT_REGION_VMALLOC_FREED,  /* inside a vmalloc area that was freed */
	FAULT_REGION_VMALLOC_AREA,   /* inside a live vmalloc area (a permission fault) */
	FAULT_REGION_VMALLOC_UNUSED, /* in the vmalloc region, in no area seen */
	FAULT_REGION_PAGE_FREE,	     /* a free page, unmapped by debug_pagealloc=on */
};

/* One kernel fault, as report_kernel_fault() understood it. */
struct kernel_fault {
	unsigned long addr; /* the faulting address */
	unsigned long ip;   /* the instruction that faulted */
	enum fault_access access;
	enum fault_region region;
	unsigned long area_start; /* the vmalloc area involved, if any */
	unsigned long area_size;  /* its size, guard page not included */
	const void *area_caller;  /* who allocated it */
	/* FAULT_REGION_PAGE_FREE: the page and its last free (mm/debug_pagealloc.c) */
	unsigned long page_pfn;	 /* the page's pfn */
	unsigned int free_order; /* the order of the block it was freed in */
	unsigned int free_cpu;	 /* the CPU that freed it */
	unsigned int free_seq;	 /* which free since boot (1, 2, ...) */
	const void *free_caller; /* who freed it */
};

/**
 * report_kernel_fault - print the report for a kernel access that faulted
 * @addr: the address accessed
 * @access: read, write or instruction fetch
 * @ip: the faulting instruction's address
 *
 * Called by the arch's trap handler for every page fault in the kernel,
 * before it decides whether an exception-table fixup resumes execution or
 * the fault is fatal. Prints Linux's "Unable to handle kernel paging request
 * at virtual address ..." and, for the vmalloc region, which area the
 * address belongs to (guard page, freed area: start, size, allocating
 * caller); with debug_pagealloc=on, for a free page of the direct map, its
 * pfn and its last free (order, caller, CPU, number). Records the fault for last_kernel_fault(). Any context.
 */
void report_kernel_fault(unsigned long addr, enum fault_access access, unsigned long ip);

/**
 * kernel_fault_count - how many kernel faults report_kernel_fault() has seen since boot.
 */
unsigned long kernel_fault_count(void);

/**
 * last_kernel_fault - a copy of the most recent fault's record (all zero if none yet).
 */
struct kernel_fault last_kernel_fault(void);

/*
 * Probes: each makes one access that may fault. A fault is reported as any
 * other (report_kernel_fault()) and then, instead of ending the run, the
 * arch's exception fixup makes the probe return -EFAULT. For tests that
 * check that an access faults (guard pages, W^X) and what was reported.
 */

/**
 * arch_probe_read_byte - *@val = *@addr; Return: 0, or -EFAULT if the read faulted.
 */
int arch_probe_read_byte(const void *addr, u8 *val);

/**
 * arch_probe_write_byte - *@addr = @val; Return: 0, or -EFAULT if the write faulted.
 */
int arch_probe_write_byte(void *addr, u8 val);

/**
 * arch_probe_exec - call @addr as a function taking and returning nothing.
 * Return: 0 when it returned, -EFAULT when fetching its first instruction
 * faulted. Only for addresses that must not be executable: code there runs.
 */
int arch_probe_exec(const void *addr);

#endif /* _FAULT_H */
