/*
 * The kernel page-fault report: what an arch's trap handler prints when the
 * kernel touches an address its page table does not allow, and the record
 * tests read back after provoking one on purpose.
 */
#include <fault.h>
#include <printk.h>
#include <spinlock.h>

#include "internal.h"

static const char *const access_names[] = {
	[FAULT_READ] = "read",
	[FAULT_WRITE] = "write",
	[FAULT_EXEC] = "instruction fetch",
};

static DEFINE_SPINLOCK(fault_lock); /* keeps the record whole when CPUs fault at once */
static struct kernel_fault last_fault;
static unsigned long nr_faults;

void report_kernel_fault(unsigned long addr, enum fault_access access, unsigned long ip)
{
	struct kernel_fault fault = { .addr = addr, .ip = ip, .access = access };

	pr_alert("Unable to handle kernel paging request at virtual address %016lx\n", addr);
	pr_alert("  %s at ip %016lx %pS\n", access_names[access], ip, (void *)ip);
	vmalloc_describe_fault(&fault);
	debug_pagealloc_describe_fault(&fault);

	spin_lock(&fault_lock);
	last_fault = fault;
	nr_faults++;
	spin_unlock(&fault_lock);
}

unsigned long kernel_fault_count(void)
{
	return READ_ONCE(nr_faults);
}

struct kernel_fault last_kernel_fault(void)
{
	struct kernel_fault fault;

	spin_lock(&fault_lock);
	fault = last_fault;
	spin_unlock(&fault_lock);
	return fault;
}
