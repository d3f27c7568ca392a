/*
 * AArch64 system register fields the kernel sets or decodes, as the Arm
 * Architecture Reference Manual (ARMv8-A) defines them. Shared by assembly
 * and C.
 */
#ifndef _ASM_SYSREG_H
#define _ASM_SYSREG_H

#ifdef __ASSEMBLY__
#define _BITUL(n) (1 << (n))
#define _UL(x) x
#else
#define _BITUL(n) (1UL << (n))
#define _UL(x) x##UL
#endif

/* CurrentEL.EL, bits [3:2] */
#define CURRENTEL_EL2 (2 << 2)

/* PSTATE interrupt masks (DAIF), as mrs/msr daif see them */
#define DAIF_F _BITUL(6)
#define DAIF_I _BITUL(7)
#define DAIF_A _BITUL(8)
#define DAIF_D _BITUL(9)

/* SPSR_EL2 to enter EL1h (SP_EL1) with D, A, I and F masked */
#define SPSR_EL1H_MASKED 0x3c5

/* HCR_EL2: RW, EL1 is AArch64; nothing else is trapped or virtualised. */
#define HCR_EL2_RW _BITUL(31)
/* CNTHCTL_EL2: EL1 may read the physical counter and use the physical timer. */
#define CNTHCTL_EL1PCTEN _BITUL(0)
#define CNTHCTL_EL1PCEN _BITUL(1)
/* CPTR_EL2 with no trap: its RES1 bits (13:12, 9:0) and TFP clear. */
#define CPTR_EL2_RES1 0x33ff
/* ICC_SRE_EL2: system-register GICv3 interface (SRE), and EL1 may use it (Enable). */
#define ICC_SRE_EL2_SRE _BITUL(0)
#define ICC_SRE_EL2_ENABLE _BITUL(3)
/* ID_AA64PFR0_EL1.GIC, bits [27:24]: non-zero when the GICv3 CPU interface exists. */
#define ID_AA64PFR0_GIC_SHIFT 24
/* PMCR_EL0.N, bits [15:11]: event counters implemented; MDCR_EL2.HPMN gives them to EL1. */
#define PMCR_N_SHIFT 11
#define PMCR_N_MASK 0x1f

/*
 * SCTLR_EL1, set whole: MMU (M), data (C) and instruction (I) caches on, SP
 * alignment check (SA, SA0), no alignment check of data accesses (A = 0:
 * normal memory allows unaligned accesses), little-endian, and the RES1 bits
 * of ARMv8.0 (11, 20, 22, 23, 28, 29).
 */
#define SCTLR_EL1_M _BITUL(0)
#define SCTLR_EL1_C _BITUL(2)
#define SCTLR_EL1_SA _BITUL(3)
#define SCTLR_EL1_SA0 _BITUL(4)
#define SCTLR_EL1_I _BITUL(12)
#define SCTLR_EL1_RES1 (_BITUL(11) | _BITUL(20) | _BITUL(22) | _BITUL(23) | _BITUL(28) | _BITUL(29))
#define SCTLR_EL1_MMU_OFF (SCTLR_EL1_RES1 | SCTLR_EL1_SA | SCTLR_EL1_SA0)
#define SCTLR_EL1_MMU_ON (SCTLR_EL1_MMU_OFF | SCTLR_EL1_M | SCTLR_EL1_C | SCTLR_EL1_I)

/*
 * MAIR_EL1: the memory types PTEs name by index (AttrIndx).
 *   0: Device-nGnRnE (devices), 1: Normal write-back read/write-allocate (RAM),
 *   2: Normal non-cacheable.
 */
#define MT_DEVICE_nGnRnE 0
#define MT_NORMAL 1
#define MT_NORMAL_NC 2
#define MAIR_EL1_VALUE \
	(0x00 << (8 * MT_DEVICE_nGnRnE) | 0xff << (8 * MT_NORMAL) | 0x44 << (8 * MT_NORMAL_NC))

/*
 * TCR_EL1: the same granule in both halves (4 KiB or 64 KiB: TCR_TG_FLAGS in
 * asm/boot.h); each half spans 2^VA_HALF_BITS
 * bytes (TnSZ = 64 - VA_HALF_BITS), walks are inner/outer write-back
 * cacheable and inner shareable; the intermediate physical address size
 * (IPS) is copied from ID_AA64MMFR0_EL1.PARange at boot. Top-byte-ignore off,
 * 8-bit ASIDs (unused: every kernel mapping is global).
 */
#define TCR_T0SZ_SHIFT 0
#define TCR_T1SZ_SHIFT 16
#define TCR_IRGN0_WBWA (_UL(1) << 8)
#define TCR_ORGN0_WBWA (_UL(1) << 10)
#define TCR_SH0_INNER (_UL(3) << 12)
#define TCR_TG0_4K (_UL(0) << 14)
#define TCR_TG0_64K (_UL(1) << 14)
#define TCR_IRGN1_WBWA (_UL(1) << 24)
#define TCR_ORGN1_WBWA (_UL(1) << 26)
#define TCR_SH1_INNER (_UL(3) << 28)
#define TCR_TG1_4K (_UL(2) << 30)
#define TCR_TG1_64K (_UL(3) << 30)
#define TCR_IPS_SHIFT 32
#define TCR_IPS_MAX 5 /* 48 bits: what this kernel's descriptors can hold */

/* ESR_ELx: exception class (EC, bits [31:26]) and the fault status of aborts. */
#define ESR_EC_SHIFT 26
#define ESR_EC_MASK 0x3f
#define ESR_IL _BITUL(25)
#define ESR_ISS_MASK 0x1ffffff
#define ESR_EC_UNKNOWN 0x00
#define ESR_EC_WFX 0x01
#define ESR_EC_FP_ASIMD 0x07
#define ESR_EC_ILL_STATE 0x0e
#define ESR_EC_SVC64 0x15
#define ESR_EC_HVC64 0x16
#define ESR_EC_SMC64 0x17
#define ESR_EC_SYS64 0x18
#define ESR_EC_SVE 0x19
#define ESR_EC_IABT_LOW 0x20
#define ESR_EC_IABT_CUR 0x21
#define ESR_EC_PC_ALIGN 0x22
#define ESR_EC_DABT_LOW 0x24
#define ESR_EC_DABT_CUR 0x25
#define ESR_EC_SP_ALIGN 0x26
#define ESR_EC_SERROR 0x2f
#define ESR_EC_BREAKPT_CUR 0x31
#define ESR_EC_SOFTSTP_CUR 0x33
#define ESR_EC_WATCHPT_CUR 0x35
#define ESR_EC_BRK64 0x3c
/* Data abort ISS: WnR (a write), and the fault status code (DFSC; IFSC for aborts on fetch). */
#define ESR_DABT_WNR _BITUL(6)
#define ESR_DABT_CM _BITUL(8)
#define ESR_FSC_MASK 0x3f
#define ESR_FSC_TYPE_MASK 0x3c /* the fault type without the level */
#define ESR_FSC_ADDR_SIZE 0x00
#define ESR_FSC_TRANSLATION 0x04
#define ESR_FSC_ACCESS_FLAG 0x08
#define ESR_FSC_PERMISSION 0x0c
#define ESR_FSC_ALIGNMENT 0x21

#endif /* _ASM_SYSREG_H */
