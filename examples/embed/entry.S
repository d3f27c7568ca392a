/*
 * The example kernel's entry from OpenSBI (a0 = hart id, a1 = device tree):
 * one hart, a stack, CPU index 0 in tp (what the riscv port header's
 * raw_smp_processor_id() reads), BSS cleared, then embed_main().
 */
	.section .text.entry, "ax"
	.globl _start
_start:
	csrw	sie, zero
	la	sp, boot_stack_top
	li	tp, 0
	la	t0, _sbss
	la	t1, _end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	la	t0, embed_trap_entry
	csrw	stvec, t0
	call	embed_main
3:	wfi
	j	3b

	.section .bss.stack, "aw", @nobits
	.balign 16
	.space	16384
boot_stack_top:
