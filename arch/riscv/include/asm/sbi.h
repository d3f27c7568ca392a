/*
 * Calls into the SBI firmware (OpenSBI under QEMU), as the RISC-V SBI
 * specification encodes them: ecall with the extension id in a7, the
 * function id in a6, arguments in a0..a5; the error comes back in a0 and
 * the value in a1. Only the extensions the kernel uses are named here.
 */
#ifndef _ASM_SBI_H
#define _ASM_SBI_H

#define SBI_EXT_IPI 0x735049	  /* "sPI" */
#define SBI_EXT_RFENCE 0x52464E43 /* "RFNC" */
#define SBI_EXT_HSM 0x48534D	  /* "HSM" */

#define SBI_IPI_SEND_IPI 0
#define SBI_RFENCE_REMOTE_SFENCE_VMA 1
#define SBI_HSM_HART_START 0

#define SBI_SUCCESS 0
#define SBI_ERR_ALREADY_AVAILABLE -6

/* A remote fence of the whole address space: size 2^XLEN - 1. */
#define SBI_RFENCE_ALL (~0UL)

struct sbiret {
	long error;
	long value;
};

static inline struct sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long arg0,
				      unsigned long arg1, unsigned long arg2, unsigned long arg3)
{
	register unsigned long a0 __asm__("a0") = arg0;
	register unsigned long a1 __asm__("a1") = arg1;
	register unsigned long a2 __asm__("a2") = arg2;
	register unsigned long a3 __asm__("a3") = arg3;
	register unsigned long a6 __asm__("a6") = fid;
	register unsigned long a7 __asm__("a7") = ext;

	__asm__ __volatile__("ecall"
			     : "+r"(a0), "+r"(a1)
			     : "r"(a2), "r"(a3), "r"(a6), "r"(a7)
			     : "memory");
	return (struct sbiret){ .error = (long)a0, .value = (long)a1 };
}

/*
 * sbi_hart_start - start hart @hartid in S-mode at physical @start_addr,
 * with satp 0, interrupts masked, a0 = @hartid and a1 = @opaque.
 */
static inline long sbi_hart_start(unsigned long hartid, unsigned long start_addr,
				  unsigned long opaque)
{
	return sbi_ecall(SBI_EXT_HSM, SBI_HSM_HART_START, hartid, start_addr, opaque, 0).error;
}

/* sbi_send_ipi - a supervisor software interrupt to each hart base + n of bit n of @mask. */
static inline long sbi_send_ipi(unsigned long mask, unsigned long base)
{
	return sbi_ecall(SBI_EXT_IPI, SBI_IPI_SEND_IPI, mask, base, 0, 0).error;
}

/*
 * sbi_remote_sfence_vma - make the harts of @mask/@base run sfence.vma over
 * [@start, @start + @size) (the whole address space for SBI_RFENCE_ALL).
 */
static inline long sbi_remote_sfence_vma(unsigned long mask, unsigned long base,
					 unsigned long start, unsigned long size)
{
	return sbi_ecall(SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_SFENCE_VMA, mask, base, start, size)
		.error;
}

#endif /* _ASM_SBI_H */
