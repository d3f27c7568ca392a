/* The registers an AArch64 exception saves, in the order arch/arm64/entry.S stores them. */
#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H

#define PT_NR_GPRS 31 /* x0 .. x30 (lr) */
#define PT_SP (PT_NR_GPRS * 8)
#define PT_PC (PT_SP + 8)
#define PT_PSTATE (PT_PC + 8)
#define PT_ESR (PT_PSTATE + 8)
#define PT_FAR (PT_ESR + 8)
#define PT_SIZE (PT_FAR + 8 + 8) /* a multiple of 16: sp stays aligned */

#ifndef __ASSEMBLY__
struct pt_regs {
	unsigned long x[PT_NR_GPRS];
	unsigned long sp;     /* sp before the exception */
	unsigned long pc;     /* ELR_EL1: where the exception was taken */
	unsigned long pstate; /* SPSR_EL1 */
	unsigned long esr;    /* ESR_EL1 */
	unsigned long far;    /* FAR_EL1 */
	unsigned long pad;
};
#endif

#endif /* _ASM_PTRACE_H */
