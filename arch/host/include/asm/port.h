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

#endif /* _ASM_PORT_H */
