/*
 * Host port header: the kernel as a Linux process. "Physical memory" is a
 * memfd mapped once at host_ram_va; physical address host_ram_pa is its
 * first byte, so the direct map is a constant offset, as on real hardware.
 */
#ifndef _ASM_PORT_H
#define _ASM_PORT_H

#include <types.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define L1_CACHE_BYTES 64

extern uintptr_t host_ram_va;	/* where the memfd is mapped */
extern phys_addr_t host_ram_pa; /* the physical address of its first byte */

static inline void *phys_to_virt(phys_addr_t pa)
{
	return (void *)(host_ram_va + (uintptr_t)(pa - host_ram_pa));
}

static inline phys_addr_t virt_to_phys(const void *va)
{
	return (phys_addr_t)((uintptr_t)va - host_ram_va) + host_ram_pa;
}

/*
 * PHYS_RAM_LIMIT: one past the highest physical address RAM may have: 4 TiB,
 * what the vmemmap region (64 GiB of 64-byte struct pages) describes. The
 * direct map (the memfd, mapped once by boot.c) reaches as far as RAM goes.
 */
#define PHYS_RAM_LIMIT (1ULL << 42)

#define __va(pa) phys_to_virt(pa)
#define __pa(va) virt_to_phys((const void *)(va))

/*
 * Interrupts, emulated. A host CPU is a thread; it cannot be interrupted, so
 * an IPI sets ipi_pending and the target runs its cross-CPU calls itself at
 * the next point where a real CPU could take the interrupt: when it enables
 * interrupts again (local_irq_restore(), local_irq_enable()), while it spins
 * with them enabled (cpu_relax()), or when its idle wait ends. Each thread
 * keeps its state in a thread-local variable (one access, no index), and
 * publishes its address in host_irq_of[] for the CPUs that send it IPIs.
 * @irqs_off is only ever touched by its own thread. arch/host/smp.c has the
 * rest.
 */
struct host_irq_state {
	int irqs_off;
	int ipi_pending; /* atomic: set by any CPU, cleared by the owner */
};

/*
 * The executable defines its thread-local variables itself (arch/host/smp.c):
 * the local-exec model reads one at a fixed offset from %fs, one instruction.
 */
#define HOST_TLS __thread __attribute__((tls_model("local-exec")))

extern HOST_TLS struct host_irq_state host_irq_this;
extern struct host_irq_state *host_irq_of[]; /* each CPU's host_irq_this */

/* host_handle_ipi - run this CPU's pending cross-CPU calls (interrupts are on). */
void host_handle_ipi(void);

/* host_cpu_relax - cpu_relax() out of line: takes a pending IPI, yields the host CPU now and then. */
void host_cpu_relax(void);

/*
 * The index of the running CPU (a pthread), set by arch/host/smp.c when the
 * thread starts, in a thread-local variable of arch/host: read inline, since
 * every single-page allocation and free reads it (a call costs more than the
 * read). An unsigned long, as on riscv, where a whole register makes the
 * cheaper array index.
 */
extern HOST_TLS unsigned int host_this_cpu;

#ifdef CONFIG_DEBUG_VM
/*
 * preempt_disable()/preempt_enable() (<preempt.h>): nothing preempts here,
 * but the sanitizer builds count them per thread (per CPU), as a kernel that
 * embeds mm/ and preempts would, so that the preempt suite can check that
 * every spinlock section, and every mm/ call, leaves the count as it was.
 */
extern HOST_TLS int host_preempt_count;
#define preempt_disable() (host_preempt_count++)
#define preempt_enable() (host_preempt_count--)
#define preempt_count() host_preempt_count
#endif

static inline unsigned long raw_smp_processor_id(void)
{
	return host_this_cpu;
}

static inline struct host_irq_state *host_this_irq(void)
{
	return &host_irq_this;
}

static inline void cpu_relax(void)
{
	host_cpu_relax();
}

static inline unsigned long arch_local_irq_save(void)
{
	struct host_irq_state *s = host_this_irq();
	unsigned long was_off = (unsigned long)s->irqs_off;

	s->irqs_off = 1;
	__asm__ __volatile__("" ::: "memory");
	return was_off;
}

static inline void arch_local_irq_restore(unsigned long was_off)
{
	struct host_irq_state *s = host_this_irq();

	__asm__ __volatile__("" ::: "memory");
	s->irqs_off = (int)was_off;
	if (!was_off && __builtin_expect(__atomic_load_n(&s->ipi_pending, __ATOMIC_RELAXED), 0))
		host_handle_ipi();
}

/* local_irq_save(flags) / local_irq_restore(flags): as on real hardware; they nest. */
#define local_irq_save(flags)                    \
	do {                                     \
		(flags) = arch_local_irq_save(); \
	} while (0)
#define local_irq_restore(flags) arch_local_irq_restore(flags)

/*
 * local_irq_save_leaf(flags) / local_irq_restore_leaf(flags): the same for a
 * leaf section (only loads and stores: no call, no lock, no spinning). An
 * emulated interrupt only arrives where its CPU enables interrupts or spins
 * with them enabled, never inside such a section: nothing to do but keep the
 * compiler from moving the section's loads and stores out of it.
 */
#define local_irq_save_leaf(flags)                     \
	do {                                           \
		(flags) = 0;                           \
		__asm__ __volatile__("" ::: "memory"); \
	} while (0)
#define local_irq_restore_leaf(flags)                  \
	do {                                           \
		(void)(flags);                         \
		__asm__ __volatile__("" ::: "memory"); \
	} while (0)

static inline void local_irq_disable(void)
{
	host_this_irq()->irqs_off = 1;
	__asm__ __volatile__("" ::: "memory");
}

static inline void local_irq_enable(void)
{
	arch_local_irq_restore(0);
}

static inline bool irqs_disabled(void)
{
	return host_this_irq()->irqs_off;
}

/* arch_counter - what benchmarks count: CLOCK_MONOTONIC nanoseconds (arch/host/smp.c). */
extern u64 host_counter_ns(void);

static inline u64 arch_counter(void)
{
	return host_counter_ns();
}

#define ARCH_COUNTER_UNIT "ns"
#define ARCH_COUNTER_NOTE "wall-clock time of a host process"
#define ARCH_CPU_COUNTER_NOTE "each CPU thread's own CPU time"

#include <asm/pgtable.h>

#endif /* _ASM_PORT_H */
