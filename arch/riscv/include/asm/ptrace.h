/* The registers a RISC-V trap saves, in the order arch/riscv/trap.S stores them. */
#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H

#define PT_NR_GPRS 32 /* x0 (slot holds sepc) .. x31 */
#define PT_SIZE ((PT_NR_GPRS + 3) * 8)
#define PT_SSTATUS (PT_NR_GPRS * 8)
#define PT_SCAUSE ((PT_NR_GPRS + 1) * 8)
#define PT_STVAL ((PT_NR_GPRS + 2) * 8)

#ifndef __ASSEMBLY__
/* x[0] holds sepc: x0 is always zero, so its slot is free. */
struct pt_regs {
	unsigned long x[PT_NR_GPRS];
	unsigned long sstatus;
	unsigned long scause;
	unsigned long stval;
};
#endif

#endif /* _ASM_PTRACE_H */
