/*
 * The fault probes of <fault.h>: one access each, with an exception-table
 * entry that turns a fault into a return of -EFAULT (14) instead of a panic.
 */
#include <asm/extable.h>

#define EFAULT 14

/* _ASM_EXTABLE insn, fixup, type: one entry of struct exception_table_entry. */
.macro _ASM_EXTABLE insn, fixup, type
	.pushsection __ex_table, "a"
	.balign	8
	.dword	\insn, \fixup, \type
	.popsection
.endm

	.section .text
	.balign	4

/* int arch_probe_read_byte(const void *addr, u8 *val) */
	.globl	arch_probe_read_byte
arch_probe_read_byte:
1:	lbu	t0, 0(a0)
	sb	t0, 0(a1)
	li	a0, 0
	ret
2:	li	a0, -EFAULT
	ret
	_ASM_EXTABLE 1b, 2b, EX_TYPE_ACCESS

/* int arch_probe_write_byte(void *addr, u8 val) */
	.globl	arch_probe_write_byte
arch_probe_write_byte:
1:	sb	a1, 0(a0)
	li	a0, 0
	ret
2:	li	a0, -EFAULT
	ret
	_ASM_EXTABLE 1b, 2b, EX_TYPE_ACCESS

/* int arch_probe_exec(const void *addr): the fixup keys on the call's return address. */
	.globl	arch_probe_exec
arch_probe_exec:
	addi	sp, sp, -16
	sd	ra, 8(sp)
	jalr	a0
1:	li	a0, 0
	j	3f
2:	li	a0, -EFAULT
3:	ld	ra, 8(sp)
	addi	sp, sp, 16
	ret
	_ASM_EXTABLE 1b, 2b, EX_TYPE_CALL_TARGET
