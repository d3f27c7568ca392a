/*
 * RISC-V kernel entry. OpenSBI jumps here in S-mode with a0 = boot hart id
 * and a1 = physical address of the DTB; we set up gp, a stack, a trap vector
 * and a zeroed BSS, then call start_kernel(hartid, dtb). The other harts
 * enter at secondary_entry when smp_init() starts them.
 */
#include <asm/boot.h>
#include <asm/csr.h>

	/* Call-frame information for gdb, in .debug_frame (the linker script drops .eh_frame). */
	.cfi_sections .debug_frame
	.section .text.boot, "ax"
	.globl _start
	.type	_start, @function
_start:
	/*
	 * The outermost frame of every CPU, _start to secondary_entry's loop: there is no
	 * caller, so that gdb's backtrace ends here, without "frame did not save the PC".
	 */
	.cfi_startproc
	.cfi_undefined ra
	/*
	 * Only the first hart here boots. OpenSBI 1.1 can send a hart that
	 * smp_init() starts here instead of to secondary_entry: its hart_start
	 * marks the hart START_PENDING before it stores the new start address,
	 * and a hart still finishing its own firmware start sees the state and
	 * jumps to the old address, the kernel's entry, with a1 = the DTB. Such
	 * a hart takes the boot record smp_init() left for it (it must not clear
	 * BSS under the running kernel).
	 */
	la	t0, boot_hart_claimed
	li	t1, 1
	amoswap.w t1, t1, (t0)
	bnez	t1, late_secondary
	csrw	CSR_SIE, zero
	csrw	CSR_SIP, zero
.option push
.option norelax
	la	gp, __global_pointer$
.option pop
	la	sp, boot_stack_top

	la	t0, __bss_start
	la	t1, __bss_stop
1:	bgeu	t0, t1, 2f
	sd	zero, (t0)
	addi	t0, t0, 8
	j	1b
2:
	la	t0, trap_entry
	csrw	CSR_STVEC, t0
	li	tp, 0		/* tp = CPU index (raw_smp_processor_id); the boot CPU is 0 */
	/* The IPI is the only interrupt source; sstatus.SIE stays clear until smp_init(). */
	li	t0, SIE_SSIE
	csrw	CSR_SIE, t0
	/* a0 and a1 still hold what OpenSBI gave us. */
	call	start_kernel
3:	wfi
	j	3b

/*
 * A secondary hart that entered at _start, maybe before smp_init() got to it:
 * wait (for its IPI, arch/riscv/smp.c) until the record of the hart being
 * started is ours.
 */
late_secondary:
	li	t0, SIE_SSIE
	csrw	CSR_SIE, t0
5:	la	t0, secondary_pending
	ld	a1, 0(t0)
	beqz	a1, 6f
	ld	t0, 16(a1)
	beq	t0, a0, secondary_entry
6:	wfi
	j	5b

/*
 * Where SBI HSM hart_start sends every other hart: a0 = hart id, a1 = the
 * physical address of its struct secondary_boot_data (arch/riscv/smp.c):
 * stack top, CPU index, hart id. satp is 0 and interrupts are masked.
 */
	.globl	secondary_entry
secondary_entry:
	csrw	CSR_SIE, zero
.option push
.option norelax
	la	gp, __global_pointer$
.option pop
	ld	sp, 0(a1)
	ld	tp, 8(a1)
	la	t0, trap_entry
	csrw	CSR_STVEC, t0
	csrc	CSR_SIP, SIP_SSIP
	li	t0, SIE_SSIE
	csrw	CSR_SIE, t0
	call	riscv_secondary_start
4:	wfi
	j	4b
	.cfi_endproc
	.size	_start, . - _start

	.section .bss.boot_stack, "aw", @nobits
	.balign	16
boot_stack:
	.space	BOOT_STACK_SIZE
	.globl	boot_stack_top
boot_stack_top:

	.section .data
	.balign	8
	/* Set by the first hart in _start: in .data, since that hart then clears BSS. */
boot_hart_claimed:
	.word	0
