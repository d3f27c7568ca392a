/*
 * The example kernel's trap entry: every trap is taken in S-mode on the
 * running thread's stack. It saves the registers as a struct embed_frame
 * below the stack pointer, calls embed_trap(frame) and resumes whatever
 * frame that returns: the same one, or another thread's (a switch).
 * Secondary harts enter at embed_secondary_entry (SBI HSM: a0 = hart id,
 * a1 = the CPU index this kernel gave it). The probes mm/'s tests fault with
 * on purpose (<fault.h>) are here too: embed_trap() resumes a faulting probe
 * at embed_probe_fixup, which returns -EFAULT.
 */
#define FRAME_SIZE 272

	.section .text
	.globl embed_trap_entry
	.balign 4
embed_trap_entry:
	addi	sp, sp, -FRAME_SIZE
	sd	x1, 8(sp)
	sd	x3, 24(sp)
	sd	x4, 32(sp)
	.irp	n, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	sd	x\n, \n * 8(sp)
	.endr
	csrr	t0, sepc
	sd	t0, 256(sp)
	csrr	t0, sstatus
	sd	t0, 264(sp)
	mv	a0, sp
	call	embed_trap
	mv	sp, a0
	ld	t0, 256(sp)
	csrw	sepc, t0
	ld	t0, 264(sp)
	csrw	sstatus, t0
	ld	x1, 8(sp)
	ld	x3, 24(sp)
	ld	x4, 32(sp)
	.irp	n, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld	x\n, \n * 8(sp)
	.endr
	addi	sp, sp, FRAME_SIZE
	sret

	.globl embed_secondary_entry
	.balign 4
embed_secondary_entry:
	csrw	sie, zero
	mv	tp, a1
	la	sp, embed_cpu_stacks
	addi	t0, a1, 1
	li	t1, 16384
	mul	t0, t0, t1
	add	sp, sp, t0
	call	embed_secondary_main
1:	wfi
	j	1b

	.globl arch_probe_read_byte, arch_probe_write_byte
	.globl embed_probe_load, embed_probe_store, embed_probe_fixup
	.balign 4
arch_probe_read_byte:			/* a0 = address, a1 = where to put the byte */
embed_probe_load:
	lbu	t0, 0(a0)
	sb	t0, 0(a1)
	li	a0, 0
	ret
arch_probe_write_byte:			/* a0 = address, a1 = the byte */
embed_probe_store:
	sb	a1, 0(a0)
	li	a0, 0
	ret
embed_probe_fixup:
	li	a0, -14			/* -EFAULT */
	ret
