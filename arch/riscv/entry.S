/*
 * RISC-V kernel entry. OpenSBI jumps here in S-mode with a0 = boot hart id
 * and a1 = physical address of the DTB; we set up gp, a stack, a trap vector
 * and a zeroed BSS, then call start_kernel(hartid, dtb). The other harts
 * enter at secondary_entry when smp_init() starts them.
 */
#include <asm/boot.h>
#include <asm/csr.h>

	.section .text.boot, "ax"
	.globl _start
_start:
	csrw	CSR_SIE, zero
	csrw	CSR_SIP, zero
.option push
.option norelax
	la	gp, __global_pointer$
.option pop
	la	sp, boot_stack_top

	la	t0, __bss_start
	la	t1, __bss_stop
1:	bgeu	t0, t1, 2f
	sd	zero, (t0)
	addi	t0, t0, 8
	j	1b
2:
	la	t0, trap_entry
	csrw	CSR_STVEC, t0
	li	tp, 0		/* tp = CPU index (raw_smp_processor_id); the boot CPU is 0 */
	/* The IPI is the only interrupt source; sstatus.SIE stays clear until smp_init(). */
	li	t0, SIE_SSIE
	csrw	CSR_SIE, t0
	/* a0 and a1 still hold what OpenSBI gave us. */
	call	start_kernel
3:	wfi
	j	3b

/*
 * Where SBI HSM hart_start sends every other hart: a0 = hart id, a1 = the
 * physical address of its struct secondary_boot_data (arch/riscv/smp.c):
 * stack top, then CPU index. satp is 0 and interrupts are masked.
 */
	.globl	secondary_entry
secondary_entry:
	csrw	CSR_SIE, zero
.option push
.option norelax
	la	gp, __global_pointer$
.option pop
	ld	sp, 0(a1)
	ld	tp, 8(a1)
	la	t0, trap_entry
	csrw	CSR_STVEC, t0
	csrc	CSR_SIP, SIP_SSIP
	li	t0, SIE_SSIE
	csrw	CSR_SIE, t0
	call	riscv_secondary_start
4:	wfi
	j	4b

	.section .bss.boot_stack, "aw", @nobits
	.balign	16
boot_stack:
	.space	BOOT_STACK_SIZE
	.globl	boot_stack_top
boot_stack_top:
