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

#define __va(pa) phys_to_virt(pa)
#define __pa(va) virt_to_phys((const void *)(va))

static inline void cpu_relax(void)
{
	__asm__ __volatile__("" ::: "memory");
}

/* The index of the running CPU (a pthread): arch/host/smp.c. */
extern unsigned int host_cpu_id(void);

/* An unsigned long, as on riscv, where a whole register makes the cheaper array index. */
static inline unsigned long raw_smp_processor_id(void)
{
	return host_cpu_id();
}

/*
 * The host kernel takes no interrupts (signals only end the run), so there is
 * nothing to mask; the barrier keeps the compiler from moving memory accesses
 * out of the section, as the real ones do.
 */
#define local_irq_save(flags)                          \
	do {                                           \
		(flags) = 0;                           \
		__asm__ __volatile__("" ::: "memory"); \
	} while (0)
#define local_irq_restore(flags)                       \
	do {                                           \
		(void)(flags);                         \
		__asm__ __volatile__("" ::: "memory"); \
	} while (0)

/* arch_counter - what benchmarks count: CLOCK_MONOTONIC nanoseconds (arch/host/smp.c). */
extern u64 host_counter_ns(void);

static inline u64 arch_counter(void)
{
	return host_counter_ns();
}

#define ARCH_COUNTER_UNIT "ns"
#define ARCH_COUNTER_NOTE "wall-clock time of a host process"

#include <asm/pgtable.h>

#endif /* _ASM_PORT_H */
