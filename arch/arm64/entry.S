/*
 * AArch64 exception vector (VBAR_EL1). Every exception taken at EL1 saves
 * the registers, ELR, SPSR, ESR and FAR into a struct pt_regs on the current
 * stack and calls do_sync(regs) or do_irq(regs) (trap.c); on return the
 * registers are restored (do_sync may change regs->pc to resume elsewhere).
 * Exceptions from EL0 or with SP_EL0 never happen here: they are reported as
 * bad modes.
 */
#include <asm/assembler.h>
#include <asm/ptrace.h>

/* One vector slot: 128 bytes, enough to make room and branch to the common code. */
.macro ventry handler
	.balign	128
	sub	sp, sp, #PT_SIZE
	stp	x0, x1, [sp, #0]
	adr	x1, \handler
	b	save_and_call
.endm

	.section .text
	.balign	2048
	.globl	vectors
vectors:
	ventry	do_bad_mode	/* current EL, SP_EL0: sync */
	ventry	do_bad_mode	/* IRQ */
	ventry	do_bad_mode	/* FIQ */
	ventry	do_bad_mode	/* SError */
	ventry	do_sync		/* current EL, SP_ELx: sync */
	ventry	do_irq		/* IRQ */
	ventry	do_bad_mode	/* FIQ */
	ventry	do_bad_mode	/* SError */
	ventry	do_bad_mode	/* lower EL, AArch64 */
	ventry	do_bad_mode
	ventry	do_bad_mode
	ventry	do_bad_mode
	ventry	do_bad_mode	/* lower EL, AArch32 */
	ventry	do_bad_mode
	ventry	do_bad_mode
	ventry	do_bad_mode

/* x0 and x1 are saved already; x1 = the C handler, called as handler(regs). */
save_and_call:
	stp	x2, x3, [sp, #2 * 8]
	stp	x4, x5, [sp, #4 * 8]
	stp	x6, x7, [sp, #6 * 8]
	stp	x8, x9, [sp, #8 * 8]
	stp	x10, x11, [sp, #10 * 8]
	stp	x12, x13, [sp, #12 * 8]
	stp	x14, x15, [sp, #14 * 8]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #18 * 8]
	stp	x20, x21, [sp, #20 * 8]
	stp	x22, x23, [sp, #22 * 8]
	stp	x24, x25, [sp, #24 * 8]
	stp	x26, x27, [sp, #26 * 8]
	stp	x28, x29, [sp, #28 * 8]
	add	x2, sp, #PT_SIZE	/* sp before the exception */
	stp	x30, x2, [sp, #30 * 8]
	mrs	x2, elr_el1
	mrs	x3, spsr_el1
	stp	x2, x3, [sp, #PT_PC]
	mrs	x2, esr_el1
	mrs	x3, far_el1
	stp	x2, x3, [sp, #PT_ESR]
	mov	x0, sp
	blr	x1

	ldp	x2, x3, [sp, #PT_PC]
	msr	elr_el1, x2
	msr	spsr_el1, x3
	ldp	x2, x3, [sp, #2 * 8]
	ldp	x4, x5, [sp, #4 * 8]
	ldp	x6, x7, [sp, #6 * 8]
	ldp	x8, x9, [sp, #8 * 8]
	ldp	x10, x11, [sp, #10 * 8]
	ldp	x12, x13, [sp, #12 * 8]
	ldp	x14, x15, [sp, #14 * 8]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x19, [sp, #18 * 8]
	ldp	x20, x21, [sp, #20 * 8]
	ldp	x22, x23, [sp, #22 * 8]
	ldp	x24, x25, [sp, #24 * 8]
	ldp	x26, x27, [sp, #26 * 8]
	ldp	x28, x29, [sp, #28 * 8]
	ldr	x30, [sp, #30 * 8]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #PT_SIZE
	eret
