/*
 * RISC-V trap handling. An IPI (supervisor software interrupt) runs the
 * queued cross-CPU calls. A page or access fault is reported by mm/'s fault
 * report and resumes at its exception-table fixup when it has one (the
 * probes of <fault.h>). Every other trap, and a fault without a fixup, is
 * reported (cause by name, sepc, stval, all registers, the running test) and
 * ends the run with EXIT_KERNEL_PANIC.
 */
#include <asm/csr.h>
#include <asm/extable.h>
#include <asm/ptrace.h>
#include <bug.h>
#include <fault.h>
#include <kernel.h>

static const char *const exception_names[] = {
	[0] = "Instruction address misaligned",
	[1] = "Instruction access fault",
	[2] = "Illegal instruction",
	[3] = "Breakpoint",
	[4] = "Load address misaligned",
	[5] = "Load access fault",
	[6] = "Store/AMO address misaligned",
	[7] = "Store/AMO access fault",
	[8] = "Environment call from U-mode",
	[9] = "Environment call from S-mode",
	[12] = "Instruction page fault",
	[13] = "Load page fault",
	[15] = "Store/AMO page fault",
};

static const char *const interrupt_names[] = {
	[1] = "Supervisor software interrupt",
	[5] = "Supervisor timer interrupt",
	[9] = "Supervisor external interrupt",
};

/* ABI names of x0..x31; the x0 slot of pt_regs holds sepc instead. */
static const char *const reg_names[PT_NR_GPRS] = {
	"epc", "ra", "sp", "gp", "tp",	"t0",  "t1", "t2", "s0", "s1", "a0",
	"a1",  "a2", "a3", "a4", "a5",	"a6",  "a7", "s2", "s3", "s4", "s5",
	"s6",  "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

/**
 * scause_name - the privileged spec's name for a trap cause
 * @scause: the scause CSR value
 *
 * Return: a constant string, "Unknown exception" or "Unknown interrupt" for
 * codes the spec reserves.
 */
static const char *scause_name(unsigned long scause)
{
	unsigned long code = scause & ~SCAUSE_INTERRUPT;

	if (scause & SCAUSE_INTERRUPT) {
		if (code < ARRAY_SIZE(interrupt_names) && interrupt_names[code])
			return interrupt_names[code];
		return "Unknown interrupt";
	}
	if (code < ARRAY_SIZE(exception_names) && exception_names[code])
		return exception_names[code];
	return "Unknown exception";
}

static void show_regs(const struct pt_regs *regs)
{
	char line[96];
	int len = 0;

	printk(KERN_EMERG "epc : %pS\n ra : %pS\n", (void *)regs->x[0], (void *)regs->x[1]);
	for (int i = 0; i < PT_NR_GPRS; i++) {
		len += scnprintf(line + len, sizeof(line) - len, " %3s : %016lx", reg_names[i],
				 regs->x[i]);
		if (i % 3 == 2 || i == PT_NR_GPRS - 1) {
			printk(KERN_EMERG "%s\n", line);
			len = 0;
		}
	}
	printk(KERN_EMERG " status: %016lx badaddr: %016lx cause: %016lx\n", regs->sstatus,
	       regs->stval, regs->scause);
}

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

/* The kind of access an exception code reports, or -1 if it is not a fault on an access. */
static int fault_access(unsigned long code)
{
	switch (code) {
	case 1:	 /* instruction access fault */
	case 12: /* instruction page fault */
		return FAULT_EXEC;
	case 5:	 /* load access fault */
	case 13: /* load page fault */
		return FAULT_READ;
	case 7:	 /* store/AMO access fault */
	case 15: /* store/AMO page fault */
		return FAULT_WRITE;
	default:
		return -1;
	}
}

/*
 * Resume at the fixup of the exception-table entry for this fault, if there
 * is one. The table holds a handful of entries (the probes): a linear search.
 */
static bool fixup_exception(struct pt_regs *regs, int access)
{
	/* cppcheck-suppress comparePointers ; the linker places both symbols around one section */
	for (const struct exception_table_entry *e = __start___ex_table; e < __stop___ex_table;
	     e++) {
		bool match = e->type == EX_TYPE_ACCESS
				     ? e->insn == regs->x[0]
				     : access == FAULT_EXEC && regs->x[0] == regs->stval &&
					       e->insn == regs->x[1];

		if (match) {
			pr_alert("  caught by the exception table: resuming at %016lx\n", e->fixup);
			regs->x[0] = e->fixup;
			return true;
		}
	}
	return false;
}

/* arch/riscv/smp.c */
void riscv_handle_ipi(void);
bool riscv_spurious_fault(unsigned long addr, int access);

/* Page faults (not access faults): the ones a stale TLB entry can cause. */
static bool is_page_fault(unsigned long scause)
{
	return scause == 12 || scause == 13 || scause == 15;
}

/* Called from trap_entry with the interrupted context; an IPI is served and returns. */
void do_trap(struct pt_regs *regs)
{
	int access = -1;

	if (regs->scause == (SCAUSE_INTERRUPT | IRQ_S_SOFT)) {
		riscv_handle_ipi();
		return;
	}
	if (!(regs->scause & SCAUSE_INTERRUPT))
		access = fault_access(regs->scause);
	if (access >= 0 && is_page_fault(regs->scause) && riscv_spurious_fault(regs->stval, access))
		return;
	if (access >= 0) {
		report_kernel_fault(regs->stval, access, regs->x[0]);
		if (fixup_exception(regs, access))
			return;
	}
	printk(KERN_EMERG "Oops - %s [#1]\n", scause_name(regs->scause));
	show_regs(regs);
	panic("Fatal exception: %s at epc %016lx, address %016lx", scause_name(regs->scause),
	      regs->x[0], regs->stval);
}
