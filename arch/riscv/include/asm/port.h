/*
 * RISC-V (rv64, Sv39) port header: the small set of facts and primitives
 * that generic code (mm/, kernel/) may use. docs/porting.md lists them all.
 */
#ifndef _ASM_PORT_H
#define _ASM_PORT_H

#include <types.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define L1_CACHE_BYTES 64

/* Paging is not on yet: the kernel runs at its physical addresses. */
static inline void *phys_to_virt(phys_addr_t pa)
{
	return (void *)(uintptr_t)pa;
}

static inline phys_addr_t virt_to_phys(const void *va)
{
	return (phys_addr_t)(uintptr_t)va;
}

#define __va(pa) phys_to_virt(pa)
#define __pa(va) virt_to_phys((const void *)(va))

static inline void cpu_relax(void)
{
	__asm__ __volatile__("nop");
}

#endif /* _ASM_PORT_H */
