/*
 * RISC-V (rv64, Sv39) port header: the small set of facts and primitives
 * that generic code (mm/, kernel/) may use. docs/porting.md lists them all.
 */
#ifndef _ASM_PORT_H
#define _ASM_PORT_H

#include <asm/csr.h>
#include <types.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define L1_CACHE_BYTES 64

/*
 * The direct map is the identity: RAM, the kernel image and devices sit at
 * their physical addresses (paging_init() maps them so), and the kernel
 * runs at the address OpenSBI loaded it at before and after paging is on.
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
 * identity direct map lives in Sv39's lower half, [0, 2^38), and vmemmap holds
 * the struct pages of exactly as much: RAM above it is refused at boot.
 */
#define PHYS_RAM_LIMIT (1ULL << 38)

#define __va(pa) phys_to_virt(pa)
#define __pa(va) virt_to_phys((const void *)(va))

static inline void cpu_relax(void)
{
	__asm__ __volatile__("nop");
}

/*
 * raw_smp_processor_id - the index (0..NR_CPUS-1) of the running CPU. The tp
 * register holds it: entry.S sets it to 0 on the boot CPU, and each
 * secondary CPU's entry sets its own. It is not the hart id. A whole register:
 * as an unsigned int, every use as an array index would cost a zero-extension
 * (two shifts on rv64).
 */
static inline unsigned long raw_smp_processor_id(void)
{
	register unsigned long cpu __asm__("tp");

	/* tp itself, as an asm output: GCC uses the register, with no copy. */
	__asm__ __volatile__("" : "=r"(cpu));
	return cpu;
}

/* Mask supervisor interrupts on this CPU; return whether they were on. */
static inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags;

	__asm__ __volatile__("csrrc %0, sstatus, %1" : "=r"(flags) : "rK"(SSTATUS_SIE) : "memory");
	return flags & SSTATUS_SIE;
}

/* Unmask supervisor interrupts again if @flags says they were on. */
static inline void arch_local_irq_restore(unsigned long flags)
{
	__asm__ __volatile__("csrs sstatus, %0" ::"rK"(flags & SSTATUS_SIE) : "memory");
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

/*
 * local_irq_save_leaf(flags) / local_irq_restore_leaf(flags): the same for a
 * leaf section (only loads and stores: no call, no lock, no change to
 * sstatus). @flags keeps all of sstatus, and csrs of it sets only bits that
 * were set when the section began, which nothing in it cleared but SIE: one
 * instruction fewer than the mask local_irq_restore() applies.
 */
#define local_irq_save_leaf(flags) \
	__asm__ __volatile__("csrrc %0, sstatus, %1" : "=r"(flags) : "rK"(SSTATUS_SIE) : "memory")
#define local_irq_restore_leaf(flags) \
	__asm__ __volatile__("csrs sstatus, %0" ::"r"(flags) : "memory")

/*
 * local_irq_enable / local_irq_disable: interrupts on or off outright. The
 * only interrupt ever enabled in sie is the supervisor software interrupt
 * (the IPI), from entry.S on.
 */
static inline void local_irq_enable(void)
{
	__asm__ __volatile__("csrs sstatus, %0" ::"rK"(SSTATUS_SIE) : "memory");
}

static inline void local_irq_disable(void)
{
	__asm__ __volatile__("csrc sstatus, %0" ::"rK"(SSTATUS_SIE) : "memory");
}

/* irqs_disabled - true while this CPU's interrupts are masked. */
static inline bool irqs_disabled(void)
{
	unsigned long sstatus;

	__asm__ __volatile__("csrr %0, sstatus" : "=r"(sstatus));
	return !(sstatus & SSTATUS_SIE);
}

/*
 * arch_counter - what benchmarks count: retired instructions (rdinstret).
 * Exact only under QEMU -icount shift=0; otherwise it follows host time.
 */
static inline u64 arch_counter(void)
{
	u64 n;

	__asm__ __volatile__("rdinstret %0" : "=r"(n));
	return n;
}

#define ARCH_COUNTER_UNIT "instructions"
#define ARCH_COUNTER_NOTE "rdinstret, exact under QEMU -icount shift=0"
#define ARCH_CPU_COUNTER_NOTE "each hart's rdinstret"

/*
 * stack_trace_save() unwinds with lib/dwarf_unwind.c: the DWARF numbers of the
 * stack pointer and the return-address column (sp is x2, the return address column x1 (ra)), and
 * arch_unwind_capture() (stacktrace.S) fills in the registers it starts from.
 */
#define ARCH_UNWIND_SP_REG 2
#define ARCH_UNWIND_RA_REG 1

#include <asm/pgtable.h>

#endif /* _ASM_PORT_H */
