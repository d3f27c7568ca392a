/*
 * RISC-V Sv39 page tables, as the port interface hands them to mm/pgtable.c:
 * three levels of 512 eight-byte entries, a leaf allowed at every level
 * (4 KiB, 2 MiB, 1 GiB pages), the same PTE layout at each level. Included
 * through <asm/port.h>; docs/porting.md lists what each name must mean.
 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <types.h>

#define PGTABLE_LEVELS 3	/* Sv39: level 2 (1 GiB per entry) down to level 0 (4 KiB) */
#define PTRS_PER_TABLE 512	/* entries in one page-table page */
#define PGTABLE_LEAF_LEVELS 0x7 /* bit n set: a leaf may sit at level n */

/*
 * The vmalloc region: the lowest 16 GiB of Sv39's upper half. RAM (the direct
 * map) and devices are mapped at their physical addresses in the lower half,
 * so nothing else lives up here.
 */
#define VMALLOC_START 0xffffffc000000000UL
#define VMALLOC_END 0xffffffc400000000UL

/*
 * The vmemmap region: the struct page of page frame pfn at VMEMMAP_START +
 * pfn * sizeof(struct page), mapped by mem_init() where RAM has struct pages.
 * 4 GiB: one struct page for each of the 2^26 frames of the 256 GiB the
 * identity direct map can reach in Sv39's lower half. 16 GiB above vmalloc.
 */
#define VMEMMAP_START 0xffffffc800000000UL
#define VMEMMAP_END 0xffffffc900000000UL

typedef struct {
	u64 pte;
} pte_t;

typedef struct {
	u64 prot;
} pgprot_t;

#define _PAGE_VALID (1UL << 0)
#define _PAGE_READ (1UL << 1)
#define _PAGE_WRITE (1UL << 2)
#define _PAGE_EXEC (1UL << 3)
#define _PAGE_USER (1UL << 4)
#define _PAGE_GLOBAL (1UL << 5)
#define _PAGE_ACCESSED (1UL << 6)
#define _PAGE_DIRTY (1UL << 7)
#define _PAGE_PFN_SHIFT 10
#define _PAGE_PFN_MASK (((1UL << 44) - 1) << _PAGE_PFN_SHIFT)
#define _PAGE_LEAF (_PAGE_READ | _PAGE_WRITE | _PAGE_EXEC)

/*
 * Kernel mappings are global (shared by every address space) and have A and
 * D set already: hardware that does not update them would otherwise fault.
 */
#define _PAGE_KERNEL_BASE (_PAGE_VALID | _PAGE_GLOBAL | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PAGE_KERNEL ((pgprot_t){ _PAGE_KERNEL_BASE | _PAGE_READ | _PAGE_WRITE })
#define PAGE_KERNEL_RO ((pgprot_t){ _PAGE_KERNEL_BASE | _PAGE_READ })
#define PAGE_KERNEL_ROX ((pgprot_t){ _PAGE_KERNEL_BASE | _PAGE_READ | _PAGE_EXEC })
/* QEMU virt's devices need no memory-type bits (no Svpbmt): plain read/write. */
#define PAGE_KERNEL_IO PAGE_KERNEL

/* A leaf at @level: the same encoding at every level. */
static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot, unsigned int level)
{
	return (pte_t){ (u64)pfn << _PAGE_PFN_SHIFT | prot.prot };
}

/* A non-leaf entry: points at the next level's table in page frame @pfn. */
static inline pte_t pfn_table_pte(unsigned long pfn)
{
	return (pte_t){ (u64)pfn << _PAGE_PFN_SHIFT | _PAGE_VALID };
}

static inline bool pte_present(pte_t pte)
{
	return pte.pte & _PAGE_VALID;
}

static inline bool pte_leaf(pte_t pte)
{
	return pte.pte & _PAGE_LEAF;
}

static inline unsigned long pte_pfn(pte_t pte)
{
	return (pte.pte & _PAGE_PFN_MASK) >> _PAGE_PFN_SHIFT;
}

static inline pgprot_t pte_pgprot(pte_t pte)
{
	return (pgprot_t){ pte.pte & ~_PAGE_PFN_MASK };
}

static inline bool pgprot_writable(pgprot_t prot)
{
	return prot.prot & _PAGE_WRITE;
}

static inline bool pgprot_executable(pgprot_t prot)
{
	return prot.prot & _PAGE_EXEC;
}

/* @prot without G: a mapping of this address space only (paging_init_join()). */
static inline pgprot_t pgprot_nonglobal(pgprot_t prot)
{
	return (pgprot_t){ prot.prot & ~_PAGE_GLOBAL };
}

static inline bool pgprot_global(pgprot_t prot)
{
	return prot.prot & _PAGE_GLOBAL;
}

/*
 * Make every online CPU forget the translations of [@start, @end) it may have
 * cached: sfence.vma here, SBI RFENCE for the other harts (arch/riscv/smp.c).
 * Returns when all have done it.
 */
void arch_flush_tlb_kernel_range(unsigned long start, unsigned long end);

/*
 * After mappings were installed where nothing was mapped: this hart fences;
 * another that faults on them fences in its trap handler and retries.
 */
void arch_flush_cache_vmap(unsigned long start, unsigned long end);

/*
 * Make the table at physical @root_pa this CPU's kernel page table: Sv39 mode
 * in satp, then a full fence so no translation of the bare-mode era survives.
 */
static inline void arch_load_page_table(phys_addr_t root_pa)
{
	unsigned long satp = 8UL << 60 | root_pa >> 12;

	__asm__ __volatile__("sfence.vma\n\tcsrw satp, %0\n\tsfence.vma" ::"r"(satp) : "memory");
}

/*
 * arch_replace_live_pte - replace the present entry *@entry, which maps
 * [@va, @va + @size), by @val: Sv39 has no break-before-make rule: one store; the flush that follows
 * every change covers the rest.
 */
static inline void arch_replace_live_pte(pte_t *entry, pte_t val, unsigned long va,
					 unsigned long size)
{
	*(volatile u64 *)&entry->pte = val.pte;
}

#endif /* _ASM_PGTABLE_H */
