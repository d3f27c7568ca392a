/*
 * AArch64 page tables (VMSAv8-64), as the port interface hands them to
 * mm/pgtable.c, for the granule asm/page.h chose. 4 KiB: three levels of 512
 * eight-byte entries (the architecture's levels 1, 2 and 3), blocks of 1 GiB
 * and 2 MiB and pages of 4 KiB. 64 KiB: two levels of 8192 (its levels 2 and
 * 3), blocks of 512 MiB and pages of 64 KiB; 42-bit virtual addresses, as
 * Linux's 64K/42-bit configuration, so that the walk stays two levels deep.
 * One root serves both halves of the address space (below).
 * Included through <asm/port.h>; docs/porting.md lists what each name must mean.
 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <asm/page.h>
#include <asm/sysreg.h>

#define PTRS_PER_TABLE (1 << (PAGE_SHIFT - 3)) /* eight-byte entries in one page-table page */
#ifdef CONFIG_ARM64_64K_PAGES
#define PGTABLE_LEVELS 2	/* level 1 (512 MiB per entry) and level 0 (64 KiB) */
#define PGTABLE_LEAF_LEVELS 0x3 /* bit n set: a leaf may sit at level n */
#else
#define PGTABLE_LEVELS 3	/* level 2 (1 GiB per entry) down to level 0 (4 KiB) */
#define PGTABLE_LEAF_LEVELS 0x7 /* bit n set: a leaf may sit at level n */
#endif

/*
 * One root table serves both halves of the virtual address space (TTBR0: the
 * direct map at physical addresses; TTBR1: vmalloc and vmemmap): its lower
 * half of entries is TTBR0's table, its upper half TTBR1's (TTBR1 points
 * half a page in). So each half spans one bit less than the whole table
 * reaches: 4 KiB pages, 3 levels of 512 entries: 39 bits, halves of 2^38
 * (Sv39's); 64 KiB pages, 2 levels of 8192: 42 bits, halves of 2^41.
 */
#define VA_HALF_BITS (PAGE_SHIFT + (PAGE_SHIFT - 3) * PGTABLE_LEVELS - 1)
#define TTBR1_ROOT_OFFSET (PAGE_SIZE / 2)

/*
 * The vmalloc and vmemmap regions: the same addresses as on riscv, at the
 * bottom of the upper half (TTBR1: 0xffffffc000000000 up). RAM (the direct
 * map) and devices are mapped at their physical addresses in the lower half.
 * vmemmap: 4 GiB, one struct page for each of 2^26 frames: 256 GiB with 4 KiB
 * pages, what the identity direct map can reach; 4 TiB with 64 KiB pages,
 * more than its 2 TiB. Both lie in TTBR1's half at either size.
 */
#define VMALLOC_START _UL(0xffffffc000000000)
#define VMALLOC_END _UL(0xffffffc400000000)
#define VMEMMAP_START _UL(0xffffffc800000000)
#define VMEMMAP_END _UL(0xffffffc900000000)

/* Descriptor bits (head.S builds the boot identity map with them too). */
#define PTE_VALID _BITUL(0)
#define PTE_TABLE_OR_PAGE _BITUL(1) /* bits 1:0 = 11: a table above level 0, a page at it */
#define PTE_TYPE_MASK _UL(3)
#define PTE_TYPE_BLOCK _UL(1)
#define PTE_ATTRINDX(idx) (_UL(idx) << 2)
#define PTE_AP_RO _BITUL(7) /* AP[2]: read-only (AP[1] stays 0: no EL0 access) */
#define PTE_SH_INNER (_UL(3) << 8)
#define PTE_AF _BITUL(10) /* access flag, set: no access-flag faults */
#define PTE_NG _BITUL(11) /* not global: the TLB entry belongs to the current ASID */
#define PTE_PXN _BITUL(53)
#define PTE_UXN _BITUL(54)
/* The output address, bits 47:PAGE_SHIFT (52-bit addresses are not used: IPS is 48 bits at most). */
#define PTE_ADDR_MASK (_UL(0x0000ffffffffffff) & PAGE_MASK)

#ifndef __ASSEMBLY__
#include <types.h>

typedef struct {
	u64 pte;
} pte_t;

/* A protection: every descriptor bit but the address and the type (bits 1:0). */
typedef struct {
	u64 prot;
} pgprot_t;

/* Kernel mappings are global (nG = 0), accessed already, never executable at EL0. */
#define _PROT_NORMAL (PTE_ATTRINDX(MT_NORMAL) | PTE_SH_INNER | PTE_AF | PTE_UXN)
#define PAGE_KERNEL ((pgprot_t){ _PROT_NORMAL | PTE_PXN })
#define PAGE_KERNEL_RO ((pgprot_t){ _PROT_NORMAL | PTE_PXN | PTE_AP_RO })
#define PAGE_KERNEL_ROX ((pgprot_t){ _PROT_NORMAL | PTE_AP_RO })
#define PAGE_KERNEL_IO ((pgprot_t){ PTE_ATTRINDX(MT_DEVICE_nGnRnE) | PTE_AF | PTE_UXN | PTE_PXN })

/*
 * pfn_pte - a leaf mapping page frame @pfn with @prot at @level: a page
 * descriptor (bits 1:0 = 11) at level 0, a block (01) above.
 */
static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot, unsigned int level)
{
	return (pte_t){ ((u64)pfn << PAGE_SHIFT & PTE_ADDR_MASK) | prot.prot |
			(level ? PTE_TYPE_BLOCK : PTE_VALID | PTE_TABLE_OR_PAGE) };
}

/* A table descriptor: points at the next level's table in page frame @pfn. */
static inline pte_t pfn_table_pte(unsigned long pfn)
{
	return (pte_t){ ((u64)pfn << PAGE_SHIFT & PTE_ADDR_MASK) | PTE_VALID | PTE_TABLE_OR_PAGE };
}

static inline bool pte_present(pte_t pte)
{
	return pte.pte & PTE_VALID;
}

/* Only asked of entries above level 0 (every valid level-0 entry is a page). */
static inline bool pte_leaf(pte_t pte)
{
	return (pte.pte & PTE_TYPE_MASK) == PTE_TYPE_BLOCK;
}

static inline unsigned long pte_pfn(pte_t pte)
{
	return (pte.pte & PTE_ADDR_MASK) >> PAGE_SHIFT;
}

static inline pgprot_t pte_pgprot(pte_t pte)
{
	return (pgprot_t){ pte.pte & ~(PTE_ADDR_MASK | PTE_TYPE_MASK) };
}

static inline bool pgprot_writable(pgprot_t prot)
{
	return !(prot.prot & PTE_AP_RO);
}

static inline bool pgprot_executable(pgprot_t prot)
{
	return !(prot.prot & PTE_PXN);
}

/* @prot with nG: a mapping of the current ASID only (paging_init_join()). */
static inline pgprot_t pgprot_nonglobal(pgprot_t prot)
{
	return (pgprot_t){ prot.prot | PTE_NG };
}

static inline bool pgprot_global(pgprot_t prot)
{
	return !(prot.prot & PTE_NG);
}

/*
 * Make every CPU forget the translations of [@start, @end): broadcast
 * tlbi vaae1is per page (vmalle1is past a threshold) between dsb ishst and
 * dsb ish; isb (arch/arm64/tlb.c). No other CPU's help is needed.
 */
void arch_flush_tlb_kernel_range(unsigned long start, unsigned long end);

/*
 * After mappings were installed where nothing was mapped: AArch64 TLBs never
 * hold a translation fault, so making the entries visible to every walker
 * (dsb ishst) and resynchronising this CPU (isb) is enough.
 */
static inline void arch_flush_cache_vmap(unsigned long start, unsigned long end)
{
	__asm__ __volatile__("dsb ishst\n\tisb" ::: "memory");
}

/*
 * Break-before-make: replace the live entry *@entry, which maps [@va, @va +
 * @size), by @val: write an invalid entry, invalidate the range on every CPU,
 * then write @val (arch/arm64/tlb.c). A CPU that touches the range meanwhile
 * takes a translation fault and waits in the trap handler until the new entry
 * is in. The caller flushes afterwards as for any change.
 */
void arch_replace_live_pte(pte_t *entry, pte_t val, unsigned long va, unsigned long size);

/*
 * Make the table at physical @root_pa this CPU's kernel page table: TTBR0 for
 * the lower half, TTBR1 for the upper (the same page, half of it in), then a local
 * invalidation of everything the previous table left in the TLB.
 */
static inline void arch_load_page_table(phys_addr_t root_pa)
{
	__asm__ __volatile__("dsb ishst\n\t"
			     "msr ttbr0_el1, %0\n\t"
			     "msr ttbr1_el1, %1\n\t"
			     "isb\n\t"
			     "tlbi vmalle1\n\t"
			     "dsb nsh\n\t"
			     "isb" ::"r"(root_pa),
			     "r"(root_pa + TTBR1_ROOT_OFFSET)
			     : "memory");
}

#endif /* !__ASSEMBLY__ */

#endif /* _ASM_PGTABLE_H */
