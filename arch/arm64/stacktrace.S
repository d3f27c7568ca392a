/*
 * arch_unwind_capture(struct unwind_frame *f) (<dwarf_unwind.h>): the registers
 * stack_trace_save() starts its DWARF unwind from: the callee-saved x19-x29,
 * x30 (lr) and sp (DWARF 31), their valid mask, and lr again as the frame's pc
 * (the return address into the caller). A leaf: no frame of its own.
 */
#define REG(n) (8 * (n))
#define VALID_OFF 256 /* offsetof(struct unwind_frame, valid), checked in lib/dwarf_unwind.c */
#define PC_OFF 264

	.section .text
	.balign	4
	.globl	arch_unwind_capture
arch_unwind_capture:
	stp	x19, x20, [x0, #REG(19)]
	stp	x21, x22, [x0, #REG(21)]
	stp	x23, x24, [x0, #REG(23)]
	stp	x25, x26, [x0, #REG(25)]
	stp	x27, x28, [x0, #REG(27)]
	stp	x29, x30, [x0, #REG(29)]
	mov	x1, sp
	str	x1, [x0, #REG(31)]
	str	x30, [x0, #PC_OFF]
	movz	w1, #0xfff8, lsl #16 /* x19-x31 */
	str	w1, [x0, #VALID_OFF]
	ret
