/*
 * The fault probes of <fault.h>: one access each, with an exception-table
 * entry that turns a fault into a return of -EFAULT (14) instead of a panic.
 */
#include <asm/assembler.h>
#include <asm/extable.h>

#define EFAULT 14

	.section .text
	.balign	4

/* int arch_probe_read_byte(const void *addr, u8 *val) */
	.globl	arch_probe_read_byte
arch_probe_read_byte:
1:	ldrb	w2, [x0]
	strb	w2, [x1]
	mov	w0, #0
	ret
2:	mov	w0, #-EFAULT
	ret
	_ASM_EXTABLE 1b, 2b, EX_TYPE_ACCESS

/* int arch_probe_write_byte(void *addr, u8 val) */
	.globl	arch_probe_write_byte
arch_probe_write_byte:
1:	strb	w1, [x0]
	mov	w0, #0
	ret
2:	mov	w0, #-EFAULT
	ret
	_ASM_EXTABLE 1b, 2b, EX_TYPE_ACCESS

/* int arch_probe_exec(const void *addr): the fixup keys on the call's return address. */
	.globl	arch_probe_exec
arch_probe_exec:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	blr	x0
1:	mov	w0, #0
	b	3f
2:	mov	w0, #-EFAULT
3:	ldp	x29, x30, [sp], #16
	ret
	_ASM_EXTABLE 1b, 2b, EX_TYPE_CALL_TARGET
