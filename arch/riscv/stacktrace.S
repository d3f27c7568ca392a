/*
 * arch_unwind_capture(struct unwind_frame *f) (<dwarf_unwind.h>): the registers
 * stack_trace_save() starts its DWARF unwind from: sp, ra and the callee-saved
 * s0-s11 by DWARF number (x<n> is n), their valid mask, and ra again as the
 * frame's pc (the return address into the caller). A leaf: no frame of its own.
 */
#define REG(n) (8 * (n))
#define VALID_OFF 256 /* offsetof(struct unwind_frame, valid), checked in lib/dwarf_unwind.c */
#define PC_OFF 264
/* x1 (ra), x2 (sp), x8-x9 (s0-s1), x18-x27 (s2-s11) */
#define VALID_MASK 0x0ffc0306

	.section .text
	.balign	4
	.globl	arch_unwind_capture
arch_unwind_capture:
	sd	ra, REG(1)(a0)
	sd	sp, REG(2)(a0)
	sd	s0, REG(8)(a0)
	sd	s1, REG(9)(a0)
	sd	s2, REG(18)(a0)
	sd	s3, REG(19)(a0)
	sd	s4, REG(20)(a0)
	sd	s5, REG(21)(a0)
	sd	s6, REG(22)(a0)
	sd	s7, REG(23)(a0)
	sd	s8, REG(24)(a0)
	sd	s9, REG(25)(a0)
	sd	s10, REG(26)(a0)
	sd	s11, REG(27)(a0)
	sd	ra, PC_OFF(a0)
	li	t0, VALID_MASK
	sw	t0, VALID_OFF(a0)
	ret
