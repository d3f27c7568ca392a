/*
 * RISC-V trap vector: saves every register into a struct pt_regs on the
 * current stack, calls do_trap(regs), and restores them (do_trap may change
 * regs->x[0], the saved sepc, to resume elsewhere).
 */
#include <asm/ptrace.h>
#include <asm/csr.h>

	.section .text
	.balign	4
	.globl	trap_entry
trap_entry:
	addi	sp, sp, -PT_SIZE
	sd	x1, 1*8(sp)
	sd	x3, 3*8(sp)
	sd	x4, 4*8(sp)
	sd	x5, 5*8(sp)
	sd	x6, 6*8(sp)
	sd	x7, 7*8(sp)
	sd	x8, 8*8(sp)
	sd	x9, 9*8(sp)
	sd	x10, 10*8(sp)
	sd	x11, 11*8(sp)
	sd	x12, 12*8(sp)
	sd	x13, 13*8(sp)
	sd	x14, 14*8(sp)
	sd	x15, 15*8(sp)
	sd	x16, 16*8(sp)
	sd	x17, 17*8(sp)
	sd	x18, 18*8(sp)
	sd	x19, 19*8(sp)
	sd	x20, 20*8(sp)
	sd	x21, 21*8(sp)
	sd	x22, 22*8(sp)
	sd	x23, 23*8(sp)
	sd	x24, 24*8(sp)
	sd	x25, 25*8(sp)
	sd	x26, 26*8(sp)
	sd	x27, 27*8(sp)
	sd	x28, 28*8(sp)
	sd	x29, 29*8(sp)
	sd	x30, 30*8(sp)
	sd	x31, 31*8(sp)
	/* The sp slot holds sp as it was before the trap. */
	addi	t0, sp, PT_SIZE
	sd	t0, 2*8(sp)
	csrr	t0, CSR_SEPC
	sd	t0, 0*8(sp)
	csrr	t0, CSR_SSTATUS
	sd	t0, PT_SSTATUS(sp)
	csrr	t0, CSR_SCAUSE
	sd	t0, PT_SCAUSE(sp)
	csrr	t0, CSR_STVAL
	sd	t0, PT_STVAL(sp)

	mv	a0, sp
	call	do_trap

	ld	t0, 0*8(sp)
	csrw	CSR_SEPC, t0
	ld	t0, PT_SSTATUS(sp)
	csrw	CSR_SSTATUS, t0
	ld	x1, 1*8(sp)
	ld	x3, 3*8(sp)
	ld	x4, 4*8(sp)
	ld	x5, 5*8(sp)
	ld	x6, 6*8(sp)
	ld	x7, 7*8(sp)
	ld	x8, 8*8(sp)
	ld	x9, 9*8(sp)
	ld	x10, 10*8(sp)
	ld	x11, 11*8(sp)
	ld	x12, 12*8(sp)
	ld	x13, 13*8(sp)
	ld	x14, 14*8(sp)
	ld	x15, 15*8(sp)
	ld	x16, 16*8(sp)
	ld	x17, 17*8(sp)
	ld	x18, 18*8(sp)
	ld	x19, 19*8(sp)
	ld	x20, 20*8(sp)
	ld	x21, 21*8(sp)
	ld	x22, 22*8(sp)
	ld	x23, 23*8(sp)
	ld	x24, 24*8(sp)
	ld	x25, 25*8(sp)
	ld	x26, 26*8(sp)
	ld	x27, 27*8(sp)
	ld	x28, 28*8(sp)
	ld	x29, 29*8(sp)
	ld	x30, 30*8(sp)
	ld	x31, 31*8(sp)
	ld	x2, 2*8(sp)
	sret
