/*
 * The example kernel's port header (docs/embedding.md, section 3): what mm/
 * may know of this machine. Unlike this repository's riscv port it preempts:
 * a per-CPU preemption count (threads are pinned to their CPU, and none is
 * switched out while its count is non-zero, so the CPU's count is the
 * running thread's), and cpu_relax() serves the polled cross-CPU requests.
 * The Sv39 page-table encoding is the riscv port's <asm/pgtable.h>.
 */
#ifndef _ASM_PORT_H
#define _ASM_PORT_H

#include <asm/csr.h>
#include <nr_cpus.h>
#include <types.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define L1_CACHE_BYTES 64

/* RAM is identity-mapped. */
static inline void *phys_to_virt(phys_addr_t pa)
{
	return (void *)(uintptr_t)pa;
}

static inline phys_addr_t virt_to_phys(const void *va)
{
	return (phys_addr_t)(uintptr_t)va;
}

/* The CPU index lives in tp: set at entry, never changed (threads stay on their CPU). */
static inline unsigned long raw_smp_processor_id(void)
{
	unsigned long cpu;

	__asm__ __volatile__("mv %0, tp" : "=r"(cpu));
	return cpu;
}

static inline bool irqs_disabled(void)
{
	unsigned long sstatus;

	__asm__ __volatile__("csrr %0, sstatus" : "=r"(sstatus));
	return !(sstatus & SSTATUS_SIE);
}

static inline void local_irq_enable(void)
{
	__asm__ __volatile__("csrs sstatus, %0" ::"rK"(SSTATUS_SIE) : "memory");
}

static inline void local_irq_disable(void)
{
	__asm__ __volatile__("csrc sstatus, %0" ::"rK"(SSTATUS_SIE) : "memory");
}

#define local_irq_save(flags) \
	__asm__ __volatile__("csrrc %0, sstatus, %1" : "=r"(flags) : "rK"(SSTATUS_SIE) : "memory")
#define local_irq_restore(flags) \
	__asm__ __volatile__("csrs sstatus, %0" ::"r"((flags)&SSTATUS_SIE) : "memory")
#define local_irq_save_leaf(flags) local_irq_save(flags)
#define local_irq_restore_leaf(flags) local_irq_restore(flags)

/* embed_poll_calls - run the cross-CPU requests waiting for this CPU (glue.c). */
void embed_poll_calls(void);

/* Spinning with interrupts enabled serves other CPUs' requests, as an IPI would. */
static inline void cpu_relax(void)
{
	if (!irqs_disabled())
		embed_poll_calls();
}

/* Preemption: each CPU's count; the timer switches threads only when it is 0. */
extern int embed_preempt_count[NR_CPUS];
#define preempt_disable()                                      \
	do {                                                   \
		embed_preempt_count[raw_smp_processor_id()]++; \
		__asm__ __volatile__("" ::: "memory");         \
	} while (0)
#define preempt_enable()                                       \
	do {                                                   \
		__asm__ __volatile__("" ::: "memory");         \
		embed_preempt_count[raw_smp_processor_id()]--; \
	} while (0)
#define preempt_count() embed_preempt_count[raw_smp_processor_id()]

#include <asm/pgtable.h>

#endif /* _ASM_PORT_H */
