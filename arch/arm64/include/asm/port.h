/*
 * AArch64 (EL1; 4 KiB pages and 39-bit virtual addresses, or with
 * PAGE_SIZE=64K 64 KiB pages and 42-bit ones) port header: the small set of
 * facts and primitives that generic code (mm/, kernel/) may use.
 * docs/porting.md lists them all.
 */
#ifndef _ASM_PORT_H
#define _ASM_PORT_H

#include <asm/page.h> /* PAGE_SHIFT, PAGE_SIZE, PAGE_MASK: the granule */
#include <asm/sysreg.h>
#include <types.h>

#define L1_CACHE_BYTES 64

/*
 * The direct map is the identity, as on riscv: RAM, the kernel image and the
 * devices sit at their physical addresses in the lower half (TTBR0), and the
 * kernel runs at the address QEMU loaded it at before and after the kernel
 * page table is loaded.
 */
static inline void *phys_to_virt(phys_addr_t pa)
{
	return (void *)(uintptr_t)pa;
}

static inline phys_addr_t virt_to_phys(const void *va)
{
	return (phys_addr_t)(uintptr_t)va;
}

/*
 * PHYS_RAM_LIMIT: one past the highest physical address RAM may have. The
 * identity direct map lives in TTBR0's half, [0, 2^VA_HALF_BITS): 256 GiB
 * with 4 KiB pages, 2 TiB with 64 KiB pages. vmemmap holds the struct pages
 * of exactly 256 GiB at 4 KiB and 4 TiB at 64 KiB (kernel/setup_memory.c
 * checks it reaches the limit): RAM above it is refused at boot.
 */
#define PHYS_RAM_LIMIT (1ULL << VA_HALF_BITS)

#define __va(pa) phys_to_virt(pa)
#define __pa(va) virt_to_phys((const void *)(va))

static inline void cpu_relax(void)
{
	__asm__ __volatile__("yield" ::: "memory");
}

/*
 * raw_smp_processor_id - the index (0..NR_CPUS-1) of the running CPU, which
 * TPIDR_EL1 holds: head.S sets it to 0 on the boot CPU and each secondary
 * CPU's entry to its own. It is not the MPIDR. One mrs; not volatile, so that
 * GCC may reuse a value it read (a CPU never changes its index).
 */
static inline unsigned long raw_smp_processor_id(void)
{
	unsigned long cpu;

	__asm__("mrs %0, tpidr_el1" : "=r"(cpu));
	return cpu;
}

/* Mask IRQs on this CPU; return the DAIF bits as they were. */
static inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags;

	__asm__ __volatile__("mrs %0, daif\n\tmsr daifset, #2" : "=r"(flags) : : "memory");
	return flags;
}

/* Put the DAIF bits back as arch_local_irq_save() found them. */
static inline void arch_local_irq_restore(unsigned long flags)
{
	__asm__ __volatile__("msr daif, %0" ::"r"(flags) : "memory");
}

/*
 * local_irq_save(flags) / local_irq_restore(flags): a section that this
 * CPU's interrupt handlers cannot enter. They nest; @flags is an unsigned long.
 */
#define local_irq_save(flags)                    \
	do {                                     \
		(flags) = arch_local_irq_save(); \
	} while (0)
#define local_irq_restore(flags) arch_local_irq_restore(flags)

/* The leaf-section forms: no cheaper pair exists on AArch64 (two instructions, then one). */
#define local_irq_save_leaf(flags) local_irq_save(flags)
#define local_irq_restore_leaf(flags) local_irq_restore(flags)

/*
 * local_irq_enable / local_irq_disable: IRQs on or off outright. The only IRQ
 * ever enabled at the interrupt controller is the IPI (SGI 0, arch/arm64/gic.c).
 */
static inline void local_irq_enable(void)
{
	__asm__ __volatile__("msr daifclr, #2" ::: "memory");
}

static inline void local_irq_disable(void)
{
	__asm__ __volatile__("msr daifset, #2" ::: "memory");
}

/* irqs_disabled - true while this CPU's IRQs are masked. */
static inline bool irqs_disabled(void)
{
	unsigned long daif;

	__asm__ __volatile__("mrs %0, daif" : "=r"(daif));
	return daif & DAIF_I;
}

/*
 * arch_counter - what benchmarks count: instructions retired, PMU event
 * counter 0 programmed with INST_RETIRED (arch/arm64/pmu.c, at every CPU's
 * start). Exact only under QEMU -icount shift=0; without icount QEMU counts none.
 */
static inline u64 arch_counter(void)
{
	u64 n;

	__asm__ __volatile__("mrs %0, pmevcntr0_el0" : "=r"(n));
	return n;
}

#define ARCH_COUNTER_UNIT "instructions"
#define ARCH_COUNTER_NOTE "PMU INST_RETIRED, exact under QEMU -icount shift=0"
#define ARCH_CPU_COUNTER_NOTE "each CPU's PMU INST_RETIRED"

/*
 * stack_trace_save() unwinds with lib/dwarf_unwind.c: the DWARF numbers of the
 * stack pointer and the return-address column (sp is 31, the return address column x30 (lr)), and
 * arch_unwind_capture() (stacktrace.S) fills in the registers it starts from.
 */
#define ARCH_UNWIND_SP_REG 31
#define ARCH_UNWIND_RA_REG 30

#include <asm/pgtable.h>

#endif /* _ASM_PORT_H */
