/*
 * AArch64 SMP: CPUs started with PSCI CPU_ON, IPIs through the GIC (gic.c).
 * TLB shootdowns need no IPI: tlbi's inner-shareable forms reach every CPU
 * (tlb.c). Generic code (kernel/smp.c) numbers the CPUs and decides what to
 * run where.
 */
#include <arch.h>
#include <asm/boot.h>
#include <errno.h>
#include <gfp.h>
#include <kernel.h>
#include <mm.h>
#include <pgtable.h>
#include <smp.h>

#include "arm64.h"

/* At least the boot CPU's 16 KiB (BOOT_STACK_SIZE): 4 pages of 4 KiB, or one of 64 KiB. */
#define SECONDARY_STACK_ORDER get_order(BOOT_STACK_SIZE)

/*
 * What a starting CPU finds at the physical address in its x0: secondary_entry
 * (head.S) reads it with the MMU off (offsets in asm/boot.h).
 */
struct secondary_boot_data {
	unsigned long stack_top;
	unsigned long cpu; /* goes into TPIDR_EL1: raw_smp_processor_id() */
} __aligned(L1_CACHE_BYTES);

static struct secondary_boot_data boot_data[NR_CPUS];

extern char secondary_entry[];

int arch_start_cpu(unsigned int cpu, unsigned long hwid)
{
	struct page *stack = alloc_pages(GFP_KERNEL, SECONDARY_STACK_ORDER);
	long err;

	if (!stack)
		return -ENOMEM;
	boot_data[cpu].stack_top =
		(unsigned long)page_address(stack) + (PAGE_SIZE << SECONDARY_STACK_ORDER);
	boot_data[cpu].cpu = cpu;
	/* The new CPU reads its record with the MMU (and so its cache) off: clean it to memory. */
	__asm__ __volatile__("dc cvac, %0\n\tdsb sy" ::"r"(&boot_data[cpu]) : "memory");
	err = psci_call(PSCI_0_2_FN64_CPU_ON, hwid, __pa(secondary_entry), __pa(&boot_data[cpu]));
	if (err != PSCI_RET_SUCCESS) {
		__free_pages(stack, SECONDARY_STACK_ORDER);
		return -EIO;
	}
	return 0;
}

/* Called by secondary_entry on the CPU's own stack, TPIDR_EL1 and VBAR set, boot idmap on. */
void arm64_secondary_start(void)
{
	arch_load_page_table(virt_to_phys(init_pg_dir));
	gic_cpu_init();
	secondary_start_kernel();
}

void arch_send_ipi(unsigned int cpu)
{
	gic_send_ipi(cpu);
}

/* wfi ends when an interrupt is pending at the GIC, whether or not PSTATE.I masks it. */
void arch_cpu_idle(void)
{
	__asm__ __volatile__("dsb sy\n\twfi" ::: "memory");
}

/* Every CPU, the boot CPU included, runs this from head.S before any other C code. */
void arm64_cpu_setup(void)
{
	pmu_init();
}
