/*
 * The example kernel's entry from OpenSBI (a0 = hart id, a1 = device tree):
 * one hart, a stack, CPU index 0 in tp (what the riscv port header's
 * raw_smp_processor_id() reads), BSS cleared, then embed_main().
 */
#include <nr_cpus.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	/*
	 * Only the first hart here boots. OpenSBI 1.1's hart_start can send a
	 * hart that embed_start_cpus() starts here instead of to
	 * embed_secondary_entry (arch/riscv/entry.S says why); such a hart must
	 * not clear BSS under the running kernel: it finds the CPU index it was
	 * given in embed_cpu_hart[] and goes on as a secondary.
	 */
	la	t0, embed_boot_claimed
	li	t1, 1
	amoswap.w t1, t1, (t0)
	bnez	t1, late_secondary
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

/* a0 = this hart's id: a1 = the index i >= 1 with embed_cpu_hart[i] == a0, then as SBI would. */
late_secondary:
	csrw	sie, zero
	la	t0, embed_cpu_hart
1:	li	t1, 1
2:	li	t2, NR_CPUS
	bgeu	t1, t2, 1b		/* not written yet: look again */
	slli	t3, t1, 3
	add	t3, t0, t3
	ld	t3, 0(t3)
	beq	t3, a0, 3f
	addi	t1, t1, 1
	j	2b
3:	mv	a1, t1
	j	embed_secondary_entry

	/* In .data, not .bss: the boot hart clears BSS after it has claimed the boot. */
	.section .data
	.balign 4
embed_boot_claimed:
	.word	0

	.section .bss.stack, "aw", @nobits
	.balign 16
	.space	16384
boot_stack_top:
