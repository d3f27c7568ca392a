/*
 * The DWARF call-frame unwinder of lib/dwarf_unwind.c, for the ports whose
 * kernel is built without frame pointers (riscv, arm64): their
 * stack_trace_save() captures the registers (struct unwind_frame) and hands
 * them over. Only the register numbers are the port's (<asm/port.h>).
 */
#ifndef _DWARF_UNWIND_H
#define _DWARF_UNWIND_H

#include <types.h>

/* Registers by DWARF number: 0..31 covers riscv's x0-x31 and arm64's x0-x30 and sp (31). */
#define DWARF_UNWIND_REGS 32

/**
 * struct unwind_frame - one frame's registers
 * @regs: by DWARF register number
 * @valid: bit n set: @regs[n] is known (the stack pointer and the callee-saved registers)
 * @pc: a return address in the frame's function (the first frame: its caller's
 *      return address from the capture, which lies in stack_trace_save())
 */
struct unwind_frame {
	unsigned long regs[DWARF_UNWIND_REGS];
	u32 valid;
	unsigned long pc;
};

/**
 * arch_unwind_capture - fill @frame with the caller's stack pointer, its
 * callee-saved registers and its return address (as @frame->pc and the
 * return-address register): arch/<name>/stacktrace.S, a leaf.
 */
void arch_unwind_capture(struct unwind_frame *frame);

/**
 * dwarf_unwind - walk the frames above @frame with the image's .eh_frame
 * @frame: the registers where the walk starts; changed as it goes
 * @sp_reg: the DWARF number of the stack pointer (riscv 2, arm64 31)
 * @ra_reg: the return-address column of the port's CIEs (riscv 1, arm64 30)
 * @store: the callers' return addresses, innermost first
 * @size: room in @store
 * @skipnr: how many callers to leave out first
 *
 * Stops at a frame whose return address is undefined (the entry code's
 * outermost frame), at an address with no FDE, at a rule it does not know
 * (DWARF expressions), or when the stack pointer would go down or more than
 * 64 KiB above where it started.
 * Return: the number of entries stored.
 */
unsigned int dwarf_unwind(struct unwind_frame *frame, unsigned int sp_reg, unsigned int ra_reg,
			  unsigned long *store, unsigned int size, unsigned int skipnr);

#endif /* _DWARF_UNWIND_H */
