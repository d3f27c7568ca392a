/*
 * Host page tables: a software format the generic walker (mm/pgtable.c)
 * builds like any other, four levels of 512 entries as on x86-64 and arm64.
 * The host's "TLB" is the process's own memory map: flushing a range of the
 * vmalloc or vmemmap region makes it match the table, each present page
 * mmap()ed from the RAM memfd at its frame's offset and each absent one
 * PROT_NONE, so a vmalloc alias really shares memory with the direct map, a
 * guard page really faults and struct pages really live in vmemmap
 * (arch/host/tlb.c). The direct map is mapped once by boot.c.
 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <types.h>

#define PGTABLE_LEVELS 4
#define PTRS_PER_TABLE 512
#define PGTABLE_LEAF_LEVELS 0x7 /* 4 KiB, 2 MiB and 1 GiB leaves */

/* The vmalloc region: reserved (PROT_NONE) by boot.c before the kernel starts. */
#define HOST_VMALLOC_SIZE (8UL << 30)
extern unsigned long host_vmalloc_start;
#define VMALLOC_START host_vmalloc_start
#define VMALLOC_END (host_vmalloc_start + HOST_VMALLOC_SIZE)

/*
 * The vmemmap region (the struct page of pfn at VMEMMAP_START + pfn * 64):
 * 64 GiB at a fixed address, room for the struct pages of 4 TiB of physical
 * addresses, reserved (PROT_NONE) by boot.c and mirrored from the page table
 * like vmalloc. A constant, as on hardware, so that pfn_to_page() loads
 * nothing. 32 TiB lies in the part of the address space that AddressSanitizer
 * leaves to the program (above its shadow), and that Linux hands out to no
 * one unasked on x86-64.
 */
#ifdef __SANITIZE_THREAD__
/*
 * ThreadSanitizer keeps its shadow where AddressSanitizer leaves room and
 * takes the program's mappings only in its own application ranges: the TSan
 * build (TSAN=1) uses the low one, 256 GiB up, clear of the PIE binary.
 */
#define VMEMMAP_START 0x0000004000000000UL
#else
#define VMEMMAP_START 0x0000200000000000UL
#endif
#define VMEMMAP_END (VMEMMAP_START + (64UL << 30))

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
/* Recorded like riscv's G bit, with no effect: the host process has one address space. */
#define _PAGE_GLOBAL (1UL << 5)
#define _PAGE_LEAF (_PAGE_READ | _PAGE_WRITE | _PAGE_EXEC)
#define _PAGE_PFN_SHIFT 12

#define _PAGE_KERNEL_BASE (_PAGE_VALID | _PAGE_GLOBAL)
#define PAGE_KERNEL ((pgprot_t){ _PAGE_KERNEL_BASE | _PAGE_READ | _PAGE_WRITE })
#define PAGE_KERNEL_RO ((pgprot_t){ _PAGE_KERNEL_BASE | _PAGE_READ })
#define PAGE_KERNEL_ROX ((pgprot_t){ _PAGE_KERNEL_BASE | _PAGE_READ | _PAGE_EXEC })
#define PAGE_KERNEL_IO PAGE_KERNEL

/* A leaf at @level: the same encoding at every level. */
static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot, unsigned int level)
{
	return (pte_t){ (u64)pfn << _PAGE_PFN_SHIFT | prot.prot };
}

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
	return pte.pte >> _PAGE_PFN_SHIFT;
}

static inline pgprot_t pte_pgprot(pte_t pte)
{
	return (pgprot_t){ pte.pte & ((1UL << _PAGE_PFN_SHIFT) - 1) };
}

static inline bool pgprot_writable(pgprot_t prot)
{
	return prot.prot & _PAGE_WRITE;
}

static inline bool pgprot_executable(pgprot_t prot)
{
	return prot.prot & _PAGE_EXEC;
}

/* @prot without the (software) global bit (paging_init_join()). */
static inline pgprot_t pgprot_nonglobal(pgprot_t prot)
{
	return (pgprot_t){ prot.prot & ~_PAGE_GLOBAL };
}

static inline bool pgprot_global(pgprot_t prot)
{
	return prot.prot & _PAGE_GLOBAL;
}

/*
 * host_sync_mappings - make the process's mappings of [start, end) match the
 * page table. It reads the table: mm/pgtable.c calls it with the page-table
 * lock held, so that no table page is freed under it.
 */
#define ARCH_FLUSH_READS_PAGE_TABLE 1
void host_sync_mappings(unsigned long start, unsigned long end);

static inline void arch_flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	host_sync_mappings(start, end);
}

/* The process's mappings are every CPU's: new ones need the same mirroring, no more. */
static inline void arch_flush_cache_vmap(unsigned long start, unsigned long end)
{
	host_sync_mappings(start, end);
}

/* The host process has one address space: nothing to switch. */
static inline void arch_load_page_table(phys_addr_t root_pa)
{
}

/*
 * arch_replace_live_pte - replace the present entry *@entry, which maps
 * [@va, @va + @size), by @val: the host's "TLB" is its mmap mirror, made to match the table by
 * the flush that follows every change: one store.
 */
static inline void arch_replace_live_pte(pte_t *entry, pte_t val, unsigned long va,
					 unsigned long size)
{
	*(volatile u64 *)&entry->pte = val.pte;
}

#endif /* _ASM_PGTABLE_H */
