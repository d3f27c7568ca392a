/*
 * Exception-table entries: "if the instruction at insn faults, resume at
 * fixup". Assembly emits them into __ex_table (three .dword each, see
 * probe.S); the linker collects them (linker/arm64.ld) and the trap handler
 * looks a faulting pc up there before it declares the fault fatal.
 */
#ifndef _ASM_EXTABLE_H
#define _ASM_EXTABLE_H

/* The entry's insn is the faulting load or store itself. */
#define EX_TYPE_ACCESS 0
/*
 * The entry's insn is the return address of a call whose target could not be
 * fetched: an instruction abort at the target with lr == insn resumes at fixup.
 */
#define EX_TYPE_CALL_TARGET 1
/* The entry's insn is the semihosting trap of arch_power_off(): any exception there resumes. */
#define EX_TYPE_ANY 2

#ifndef __ASSEMBLY__
struct exception_table_entry {
	unsigned long insn;
	unsigned long fixup;
	unsigned long type;
};
#endif

#endif /* _ASM_EXTABLE_H */
