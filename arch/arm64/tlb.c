/*
 * AArch64 TLB maintenance for the kernel page table. Every kernel mapping is
 * global, and tlbi's inner-shareable forms (vaae1is, vmalle1is) reach every
 * CPU of the inner-shareable domain, so a shootdown is local code: dsb ishst
 * (the table writes reach the walkers first), the tlbis, dsb ish (every CPU
 * has done them), isb (this CPU refetches with the new translations).
 *
 * Break-before-make (arch_replace_live_pte()): the architecture forbids
 * replacing a valid entry by another that differs in its output address,
 * block size or attributes while a TLB may hold the old one; the entry goes
 * invalid, the range is invalidated everywhere, and only then is the new
 * entry written. A CPU that touches the range in between takes a
 * translation fault; arm64_spurious_fault() makes it wait for the new entry
 * and retry. mm/pgtable.c makes every replacement under its page-table lock,
 * so one at a time: bbm_seq counts their starts and ends (odd: one is under way).
 */
#include <asm/boot.h>
#include <asm/port.h>
#include <atomic.h>
#include <fault.h>
#include <pgtable.h>
#include <vmalloc.h>

#include "arm64.h"

#define TLB_FLUSH_ALL_PAGES 64 /* past this many pages, one vmalle1is is cheaper */

/* Incremented before the break and after the make: odd while an entry is invalid. */
static unsigned long bbm_seq;

static void flush_range_nosync(unsigned long start, unsigned long end)
{
	if (end - start > TLB_FLUSH_ALL_PAGES * PAGE_SIZE) {
		__asm__ __volatile__("tlbi vmalle1is" ::: "memory");
		return;
	}
	/*
	 * vaae1is: any ASID, every level (table pages are freed after such a
	 * flush too). Its operand is VA[55:12] whatever the granule; with 64 KiB
	 * pages, start stays page aligned, so its low four bits are zero.
	 */
	for (start &= PAGE_MASK; start < end; start += PAGE_SIZE)
		__asm__ __volatile__("tlbi vaae1is, %0" ::"r"((start >> 12) & ((1UL << 44) - 1))
				     : "memory");
}

void arch_flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	__asm__ __volatile__("dsb ishst" ::: "memory");
	flush_range_nosync(start, end);
	__asm__ __volatile__("dsb ish\n\tisb" ::: "memory");
}

void arch_replace_live_pte(pte_t *entry, pte_t val, unsigned long va, unsigned long size)
{
	__atomic_fetch_add(&bbm_seq, 1, __ATOMIC_SEQ_CST);
	WRITE_ONCE(*entry, (pte_t){ 0 });
	arch_flush_tlb_kernel_range(va, va + size);
	WRITE_ONCE(*entry, val);
	__asm__ __volatile__("dsb ishst\n\tisb" ::: "memory");
	__atomic_fetch_add(&bbm_seq, 1, __ATOMIC_SEQ_CST);
}

/*
 * A translation fault at @addr for @access: spurious if the table maps @addr
 * with the access allowed (the fault raced with a break-before-make, or
 * with a mapping made on another CPU). Waits out a replacement under way,
 * and looks again if one began or ended while it looked; then the access may
 * run again.
 */
bool arm64_spurious_fault(unsigned long addr, int access)
{
	unsigned long seq;
	unsigned int level;
	pgprot_t prot;
	pte_t *pte;

	/* Outside both halves (asm/boot.h) the walk would read the wrong entries. */
	if (addr >= (1UL << VA_HALF_BITS) && addr < -(1UL << VA_HALF_BITS))
		return false;
	do {
		while ((seq = __atomic_load_n(&bbm_seq, __ATOMIC_SEQ_CST)) & 1)
			cpu_relax();
		pte = lookup_kernel_pte(addr, &level);
	} while (!pte && __atomic_load_n(&bbm_seq, __ATOMIC_SEQ_CST) != seq);
	if (!pte)
		return false;
	prot = pte_pgprot(*pte);
	if ((access == FAULT_WRITE && !pgprot_writable(prot)) ||
	    (access == FAULT_EXEC && !pgprot_executable(prot)))
		return false;
	__asm__ __volatile__("isb" ::: "memory");
	return true;
}
