/*
 * RISC-V SMP: harts started with SBI HSM hart_start, IPIs sent with the SBI
 * IPI extension (they arrive as supervisor software interrupts), and TLB
 * shootdowns with SBI RFENCE remote_sfence_vma. Generic code (kernel/smp.c)
 * numbers the CPUs and decides what to run where.
 */
#include <arch.h>
#include <asm/csr.h>
#include <asm/sbi.h>
#include <atomic.h>
#include <errno.h>
#include <fault.h>
#include <gfp.h>
#include <kernel.h>
#include <mm.h>
#include <pgtable.h>
#include <smp.h>
#include <vmalloc.h>

#define SECONDARY_STACK_ORDER 2 /* 16 KiB, as the boot hart's (BOOT_STACK_SIZE) */
#define TLB_FLUSH_ALL_PAGES 64	/* past this many pages, one full flush is cheaper */

/*
 * What a starting hart finds at the address its a1 holds (secondary_entry in
 * entry.S reads it before it has a stack; the offsets are entry.S's).
 */
struct secondary_boot_data {
	unsigned long stack_top;
	unsigned long cpu;    /* goes into tp: raw_smp_processor_id() */
	unsigned long hartid; /* checked by a hart that entered at _start */
};

static struct secondary_boot_data boot_data[NR_CPUS];

/*
 * The record of the hart being started now, for a hart that OpenSBI sends to
 * _start instead of secondary_entry (see entry.S). smp_init() starts one CPU
 * at a time.
 */
struct secondary_boot_data *secondary_pending;

extern char secondary_entry[];

int arch_start_cpu(unsigned int cpu, unsigned long hwid)
{
	struct page *stack = alloc_pages(GFP_KERNEL, SECONDARY_STACK_ORDER);
	long err;

	if (!stack)
		return -ENOMEM;
	boot_data[cpu].stack_top =
		(unsigned long)page_address(stack) + (PAGE_SIZE << SECONDARY_STACK_ORDER);
	boot_data[cpu].cpu = cpu;
	boot_data[cpu].hartid = hwid;
	secondary_pending = &boot_data[cpu];
	/* The new hart reads boot_data with its MMU off: make our stores visible first. */
	__asm__ __volatile__("fence rw, rw" ::: "memory");
	err = sbi_hart_start(hwid, __pa(secondary_entry), __pa(&boot_data[cpu]));
	/*
	 * "Already available": the hart left the firmware early, through _start
	 * (entry.S), and waits there for its record; the IPI wakes it to look.
	 */
	if (err != SBI_SUCCESS && err != SBI_ERR_ALREADY_AVAILABLE) {
		__free_pages(stack, SECONDARY_STACK_ORDER);
		return -EIO;
	}
	sbi_send_ipi(1, hwid);
	return 0;
}

/* Called by secondary_entry on the hart's own stack, tp and stvec set, satp still 0. */
void riscv_secondary_start(void)
{
	arch_load_page_table(virt_to_phys(init_pg_dir));
	secondary_start_kernel();
}

void arch_send_ipi(unsigned int cpu)
{
	sbi_send_ipi(1, cpu_hwid(cpu));
}

/*
 * Idle harts and TLB shootdowns. A hart in arch_cpu_idle() runs no kernel
 * code that could use a stale translation, so a flush need not wake it: the
 * flushing hart marks it TLB_STALE instead, and the hart flushes its whole
 * TLB itself when it leaves the wait, before it runs anything. The mark is
 * set only while TLB_IDLE is (compare-and-swap), and leaving clears both at
 * once (exchange): either the hart sees the mark, or the flusher sees it
 * awake and includes it in the SBI fence. Waking a hart from wfi costs QEMU
 * far more than the flush.
 */
#define TLB_IDLE 1UL
#define TLB_STALE 2UL

struct tlb_idle_state {
	unsigned long state;
} ____cacheline_aligned;

static struct tlb_idle_state tlb_idle[NR_CPUS];

static void local_flush_tlb_all(void)
{
	__asm__ __volatile__("sfence.vma" ::: "memory");
}

/* Leave @cpu to flush when it wakes? False if it is not (or no longer) idle. */
static bool flush_at_idle_exit(unsigned int cpu)
{
	unsigned long *state = &tlb_idle[cpu].state;
	unsigned long old = __atomic_load_n(state, __ATOMIC_SEQ_CST);

	while (old & TLB_IDLE) {
		if ((old & TLB_STALE) ||
		    __atomic_compare_exchange_n(state, &old, old | TLB_STALE, false,
						__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			return true;
	}
	return false;
}

/* wfi ends when an enabled interrupt is pending, whether or not sstatus.SIE is set. */
void arch_cpu_idle(void)
{
	unsigned long *state = &tlb_idle[smp_processor_id()].state;

	__atomic_store_n(state, TLB_IDLE, __ATOMIC_SEQ_CST);
	__asm__ __volatile__("wfi" ::: "memory");
	if (__atomic_exchange_n(state, 0, __ATOMIC_SEQ_CST) & TLB_STALE)
		local_flush_tlb_all();
}

/* The IPI: clear it first, so that one sent while the calls run is taken again. */
void riscv_handle_ipi(void)
{
	csr_clear(sip, SIP_SSIP);
	smp_ipi_interrupt();
}

static void local_flush_tlb_range(unsigned long start, unsigned long end)
{
	if (end - start > TLB_FLUSH_ALL_PAGES * PAGE_SIZE) {
		local_flush_tlb_all();
		return;
	}
	for (; start < end; start += PAGE_SIZE)
		__asm__ __volatile__("sfence.vma %0" ::"r"(start) : "memory");
}

/*
 * New mappings where nothing was mapped: only this hart fences. Another hart
 * that cached the old absence takes a page fault on the new mapping, and its
 * trap handler sees the mapping in the table, fences and retries
 * (riscv_spurious_fault()).
 */
void arch_flush_cache_vmap(unsigned long start, unsigned long end)
{
	local_flush_tlb_range(start, end);
}

/*
 * Every other online hart flushes the range too, through SBI RFENCE: the
 * firmware interrupts them in M-mode, whatever their own interrupt state,
 * and OpenSBI returns only when each has done its sfence.vma (its
 * tlb_sync step waits for their acknowledgements). Idle harts flush when
 * they wake instead (above). A hart that comes up later loads satp with a
 * full fence of its own.
 */
void arch_flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	unsigned long others = cpu_online_mask() & ~(1UL << smp_processor_id());
	unsigned long size = end - start;
	unsigned int cpu;

	local_flush_tlb_range(start, end);
	if (!others)
		return;
	smp_mb(); /* the cleared entries are visible before we look who is idle */
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		if ((others & (1UL << cpu)) && flush_at_idle_exit(cpu))
			others &= ~(1UL << cpu);
	if (size > TLB_FLUSH_ALL_PAGES * PAGE_SIZE) {
		start = 0;
		size = SBI_RFENCE_ALL;
	}
	/* One call per group of harts that fits one mask (hart ids base .. base + 63). */
	while (others) {
		unsigned long base = ~0UL, mask = 0;

		for (cpu = 0; cpu < NR_CPUS; cpu++)
			if ((others & (1UL << cpu)) && cpu_hwid(cpu) < base)
				base = cpu_hwid(cpu);
		for (cpu = 0; cpu < NR_CPUS; cpu++) {
			unsigned long bit = cpu_hwid(cpu) - base;

			if ((others & (1UL << cpu)) && bit < 8 * sizeof(unsigned long)) {
				mask |= 1UL << bit;
				others &= ~(1UL << cpu);
			}
		}
		sbi_remote_sfence_vma(mask, base, start, size);
	}
}

/*
 * A page fault on a vmalloc address, or a direct-map one (debug_pagealloc=on
 * maps pages back there as they are allocated), that the table maps, for an
 * access it allows: this hart still held the mapping's absence
 * (arch_flush_cache_vmap() fences only the hart that maps). Fence and let
 * the access run again.
 */
bool riscv_spurious_fault(unsigned long addr, int access)
{
	unsigned int level;
	pgprot_t prot;
	pte_t *pte;

	if (!is_vmalloc_addr((void *)addr) && !virt_addr_valid((void *)addr))
		return false;
	pte = lookup_kernel_pte(addr, &level);
	if (!pte)
		return false;
	prot = pte_pgprot(*pte);
	if ((access == FAULT_WRITE && !pgprot_writable(prot)) ||
	    (access == FAULT_EXEC && !pgprot_executable(prot)))
		return false;
	__asm__ __volatile__("sfence.vma %0" ::"r"(addr) : "memory");
	return true;
}
