/*
 * AArch64 exception handling. The IRQ is the interrupt controller's: the IPI
 * runs the queued cross-CPU calls (gic.c). A data or instruction abort is
 * reported by mm/'s fault report and resumes at its exception-table fixup
 * when it has one (the probes of <fault.h>). Every other exception, and an
 * abort without a fixup, is reported (ESR_EL1's class by name, the fault
 * status, ELR, FAR, all registers, the running test) and ends the run with
 * EXIT_KERNEL_PANIC.
 */
#include <asm/extable.h>
#include <asm/ptrace.h>
#include <asm/sysreg.h>
#include <bug.h>
#include <fault.h>
#include <kernel.h>

#include "arm64.h"

/* The exception classes of ESR_ELx.EC this kernel can meet, by the Arm ARM's names. */
static const char *const esr_class_names[ESR_EC_MASK + 1] = {
	[ESR_EC_UNKNOWN] = "Unknown/Uncategorized",
	[ESR_EC_WFX] = "WFI/WFE",
	[ESR_EC_FP_ASIMD] = "SIMD/FP access",
	[ESR_EC_ILL_STATE] = "Illegal execution state",
	[ESR_EC_SVC64] = "SVC (AArch64)",
	[ESR_EC_HVC64] = "HVC (AArch64)",
	[ESR_EC_SMC64] = "SMC (AArch64)",
	[ESR_EC_SYS64] = "MSR/MRS (AArch64)",
	[ESR_EC_SVE] = "SVE access",
	[ESR_EC_IABT_LOW] = "Instruction abort from a lower EL",
	[ESR_EC_IABT_CUR] = "Instruction abort",
	[ESR_EC_PC_ALIGN] = "PC alignment fault",
	[ESR_EC_DABT_LOW] = "Data abort from a lower EL",
	[ESR_EC_DABT_CUR] = "Data abort",
	[ESR_EC_SP_ALIGN] = "SP alignment fault",
	[ESR_EC_SERROR] = "SError interrupt",
	[ESR_EC_BREAKPT_CUR] = "Breakpoint",
	[ESR_EC_SOFTSTP_CUR] = "Software step",
	[ESR_EC_WATCHPT_CUR] = "Watchpoint",
	[ESR_EC_BRK64] = "BRK (AArch64)",
};

/* The fault status codes (DFSC/IFSC) of an abort, without the level. */
static const char *fsc_name(unsigned int fsc)
{
	switch (fsc & ESR_FSC_TYPE_MASK) {
	case ESR_FSC_ADDR_SIZE:
		return "address size fault";
	case ESR_FSC_TRANSLATION:
		return "translation fault";
	case ESR_FSC_ACCESS_FLAG:
		return "access flag fault";
	case ESR_FSC_PERMISSION:
		return "permission fault";
	}
	if (fsc == ESR_FSC_ALIGNMENT)
		return "alignment fault";
	if (fsc == 0x10)
		return "synchronous external abort";
	if (fsc == 0x30)
		return "TLB conflict abort";
	return "unknown fault status";
}

static unsigned int esr_class(unsigned long esr)
{
	return (esr >> ESR_EC_SHIFT) & ESR_EC_MASK;
}

/**
 * esr_class_name - the Arm ARM's name for the exception class of @esr
 * @esr: an ESR_EL1 value
 *
 * Return: a constant string; "Unknown exception class" for classes this
 * kernel does not name.
 */
static const char *esr_class_name(unsigned long esr)
{
	const char *name = esr_class_names[esr_class(esr)];

	return name ? name : "Unknown exception class";
}

static bool is_abort(unsigned long esr)
{
	return esr_class(esr) == ESR_EC_DABT_CUR || esr_class(esr) == ESR_EC_IABT_CUR;
}

/* The level a translation, access flag or permission fault was found at (0..3). */
static unsigned int fsc_level(unsigned long esr)
{
	return esr & 3;
}

static void show_regs(const struct pt_regs *regs)
{
	char line[96];
	int len = 0;

	for (int i = 0; i < PT_NR_GPRS; i++) {
		len += scnprintf(line + len, sizeof(line) - len, " x%-2d : %016lx", i, regs->x[i]);
		if (i % 3 == 2 || i == PT_NR_GPRS - 1) {
			printk(KERN_EMERG "%s\n", line);
			len = 0;
		}
	}
	printk(KERN_EMERG "  sp : %016lx   pc : %016lx pstate : %08lx\n", regs->sp, regs->pc,
	       regs->pstate);
	printk(KERN_EMERG " esr : %016lx  far : %016lx\n", regs->esr, regs->far);
}

static void show_esr(unsigned long esr)
{
	printk(KERN_EMERG "Mem abort info:\n");
	printk(KERN_EMERG "  ESR = %#010lx, EC = %#04x: %s, IL = %u bits\n", esr, esr_class(esr),
	       esr_class_name(esr), esr & ESR_IL ? 32 : 16);
	if (is_abort(esr))
		printk(KERN_EMERG "  FSC = %#04lx: level %u %s%s\n", esr & ESR_FSC_MASK,
		       fsc_level(esr), fsc_name(esr & ESR_FSC_MASK),
		       esr_class(esr) == ESR_EC_DABT_CUR
			       ? (esr & ESR_DABT_WNR ? ", on a write" : ", on a read")
			       : "");
}

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

/*
 * Resume at the fixup of the exception-table entry for this exception, if
 * there is one. The table holds a handful of entries: a linear search.
 */
static bool fixup_exception(struct pt_regs *regs, int access)
{
	/* cppcheck-suppress comparePointers ; the linker places both symbols around one section */
	for (const struct exception_table_entry *e = __start___ex_table; e < __stop___ex_table;
	     e++) {
		bool match;

		if (e->type == EX_TYPE_ANY)
			match = e->insn == regs->pc;
		else if (e->type == EX_TYPE_ACCESS)
			match = access >= 0 && e->insn == regs->pc;
		else
			match = access == FAULT_EXEC && regs->pc == regs->far &&
				e->insn == regs->x[30];
		if (match) {
			if (access >= 0)
				pr_alert("  caught by the exception table: resuming at %016lx\n",
					 e->fixup);
			regs->pc = e->fixup;
			return true;
		}
	}
	return false;
}

/* The kind of access an abort was, or -1 if @esr is not an abort on an access. */
static int fault_access(unsigned long esr)
{
	if (esr_class(esr) == ESR_EC_IABT_CUR)
		return FAULT_EXEC;
	if (esr_class(esr) != ESR_EC_DABT_CUR)
		return -1;
	/* Cache maintenance reports WnR = 1 for reads too: only a write is a write. */
	return (esr & ESR_DABT_WNR) && !(esr & ESR_DABT_CM) ? FAULT_WRITE : FAULT_READ;
}

static bool is_translation_fault(unsigned long esr)
{
	return (esr & ESR_FSC_TYPE_MASK) == ESR_FSC_TRANSLATION && (esr & ESR_FSC_MASK) < 0x10;
}

static void __noreturn die(struct pt_regs *regs, const char *what)
{
	printk(KERN_EMERG "Internal error: Oops - %s [#1]\n", what);
	show_esr(regs->esr);
	show_regs(regs);
	panic("Fatal exception: %s at pc %016lx, address %016lx", what, regs->pc, regs->far);
}

/* Called from the vector for a synchronous exception at EL1 (SP_EL1). */
void do_sync(struct pt_regs *regs)
{
	int access = fault_access(regs->esr);

	if (access >= 0 && is_translation_fault(regs->esr) &&
	    arm64_spurious_fault(regs->far, access))
		return;
	if (access >= 0) {
		report_kernel_fault(regs->far, access, regs->pc);
		show_esr(regs->esr);
		if (fixup_exception(regs, access))
			return;
		die(regs, esr_class_name(regs->esr));
	}
	if (fixup_exception(regs, -1))
		return;
	die(regs, esr_class_name(regs->esr));
}

/* Called from the vector for an IRQ at EL1: the interrupt controller's only source, the IPI. */
void do_irq(struct pt_regs *regs)
{
	gic_handle_irq();
}

/* Called from the vector for everything this kernel never expects (EL0, SP_EL0, FIQ, SError). */
void do_bad_mode(struct pt_regs *regs)
{
	die(regs, "Bad mode (an exception from EL0, with SP_EL0, an FIQ or an SError)");
}
