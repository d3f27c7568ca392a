/*
 * Calls into what runs below the kernel: PSCI (QEMU's own implementation,
 * reached with hvc at EL1, or smc when the machine has EL2) and semihosting
 * (QEMU -semihosting: hlt #0xf000).
 */
#include <asm/assembler.h>
#include <asm/extable.h>

/* Semihosting operation SYS_EXIT and its reason "ADP_Stopped_ApplicationExit". */
#define SYS_EXIT 0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

	.section .text
	.balign	4

/* long psci_call(fn, arg0, arg1, arg2): SMC Calling Convention, result in x0. */
	.globl	psci_call
psci_call:
	adr_l	x4, psci_use_smc
	ldrb	w4, [x4]
	cbnz	w4, 1f
	hvc	#0
	ret
1:	smc	#0
	ret

/*
 * void semihosting_exit(unsigned long status): QEMU exits with @status.
 * Without -semihosting, hlt is undefined: the exception table resumes after it.
 */
	.globl	semihosting_exit
semihosting_exit:
	sub	sp, sp, #16
	mov	x2, #(ADP_STOPPED_APPLICATION_EXIT & 0xffff)
	movk	x2, #(ADP_STOPPED_APPLICATION_EXIT >> 16), lsl #16
	stp	x2, x0, [sp]
	mov	x0, #SYS_EXIT
	mov	x1, sp
1:	hlt	#0xf000
2:	add	sp, sp, #16
	ret
	_ASM_EXTABLE 1b, 2b, EX_TYPE_ANY
