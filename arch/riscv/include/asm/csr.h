/* RISC-V supervisor CSR numbers, bits and accessors (privileged spec v1.12). */
#ifndef _ASM_CSR_H
#define _ASM_CSR_H

#define CSR_SSTATUS 0x100
#define CSR_SIE 0x104
#define CSR_STVEC 0x105
#define CSR_SSCRATCH 0x140
#define CSR_SEPC 0x141
#define CSR_SCAUSE 0x142
#define CSR_STVAL 0x143
#define CSR_SIP 0x144
#define CSR_SATP 0x180

#define SSTATUS_SIE (1UL << 1)
#define SIE_SSIE (1 << 1) /* supervisor software interrupt (the IPI) enabled */
#define SIP_SSIP (1 << 1) /* ... and pending */
#define IRQ_S_SOFT 1	  /* its scause interrupt code */
#define SSTATUS_SPP (1UL << 8)

#define SCAUSE_INTERRUPT (1UL << 63)

#ifndef __ASSEMBLY__
#define csr_read(csr)                                               \
	({                                                          \
		unsigned long __v;                                  \
		__asm__ __volatile__("csrr %0, " #csr : "=r"(__v)); \
		__v;                                                \
	})

#define csr_write(csr, val) __asm__ __volatile__("csrw " #csr ", %0" ::"rK"(val))
#define csr_set(csr, val) __asm__ __volatile__("csrs " #csr ", %0" ::"rK"(val) : "memory")
#define csr_clear(csr, val) __asm__ __volatile__("csrc " #csr ", %0" ::"rK"(val) : "memory")
#endif

#endif /* _ASM_CSR_H */
