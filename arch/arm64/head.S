/*
 * AArch64 kernel entry. QEMU loads the raw Image (its header below) and jumps
 * to its first byte with x0 = the DTB's physical address, at EL2 with
 * -machine virt,virtualization=on and at EL1 otherwise, MMU off. We drop to
 * EL1, zero BSS, turn the MMU on with a boot identity map, then call
 * start_kernel(mpidr, dtb). The other CPUs enter at secondary_entry when
 * PSCI CPU_ON starts them (arch/arm64/smp.c).
 */
#include <asm/assembler.h>
#include <asm/boot.h>
#include <asm/pgtable.h>
#include <asm/sysreg.h>

/* The MPIDR_EL1 affinity fields (Aff3, Aff2, Aff1, Aff0): the device tree's CPU ids. */
#define MPIDR_HWID_MASK 0xff00ffffff

	.section .head.text, "ax"
	.globl	_start
_start:
	/* The arm64 Image header (Linux's Documentation/arch/arm64/booting.rst layout). */
	b	primary_entry		/* code0 */
	.word	0			/* code1 */
	.dword	TEXT_OFFSET		/* text_offset: where in RAM to load us */
	.dword	_image_size		/* image_size, bss included (linker/arm64.ld) */
	.dword	IMAGE_FLAGS		/* little-endian, page size, anywhere in RAM */
	.dword	0, 0, 0			/* res2..res4 */
	.ascii	"ARM\x64"		/* magic */
	.word	0			/* res5: no PE/COFF header */

primary_entry:
	mov	x19, x0			/* the DTB */
	bl	el2_to_el1
	mov	x20, x0			/* 1 if we came from EL2 */

	adr_l	x0, __bss_start
	adr_l	x1, __bss_stop
1:	cmp	x0, x1
	b.hs	2f
	stp	xzr, xzr, [x0], #16
	b	1b
2:
	adr_l	x0, booted_at_el2
	str	x20, [x0]
	adr_l	x0, psci_use_smc	/* QEMU's PSCI is behind smc when it gave us EL2 */
	strb	w20, [x0]
	bl	build_boot_idmap
	bl	mmu_on
	adr_l	x0, boot_stack_top
	mov	sp, x0
	msr	tpidr_el1, xzr	/* raw_smp_processor_id(): the boot CPU is 0 */
	bl	arm64_cpu_setup
	mrs	x0, mpidr_el1
	ldr	x1, =MPIDR_HWID_MASK
	and	x0, x0, x1
	mov	x1, x19
	bl	start_kernel
3:	wfi
	b	3b

/*
 * Where PSCI CPU_ON sends every other CPU: x0 = the physical address of its
 * struct secondary_boot_data (stack top, CPU index), MMU off, at EL2 if the
 * machine has it (QEMU starts CPUs at the highest non-secure EL).
 */
	.globl	secondary_entry
secondary_entry:
	mov	x19, x0
	bl	el2_to_el1
	bl	mmu_on
	ldr	x0, [x19, #SECONDARY_STACK_TOP]
	mov	sp, x0
	ldr	x0, [x19, #SECONDARY_CPU]
	msr	tpidr_el1, x0
	bl	arm64_cpu_setup
	bl	arm64_secondary_start
4:	wfi
	b	4b

/*
 * At EL2: let EL1 run as AArch64 with nothing trapped (timers, the GICv3
 * system registers, the PMU's counters, FP is not used), then eret to EL1h
 * with interrupts masked. Returns x0 = 1 if it dropped, 0 if already at EL1.
 * Clobbers x0-x1.
 */
el2_to_el1:
	mrs	x0, CurrentEL
	cmp	x0, #CURRENTEL_EL2
	b.eq	1f
	mov	x0, #0
	ret
1:	mov	x0, #HCR_EL2_RW
	msr	hcr_el2, x0
	mrs	x0, cnthctl_el2
	orr	x0, x0, #(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN)
	msr	cnthctl_el2, x0
	msr	cntvoff_el2, xzr
	mov	x0, #CPTR_EL2_RES1
	msr	cptr_el2, x0
	msr	hstr_el2, xzr
	msr	vttbr_el2, xzr
	/* Every PMU event counter belongs to EL1 (HPMN = PMCR_EL0.N), none trapped. */
	mrs	x0, pmcr_el0
	ubfx	x0, x0, #PMCR_N_SHIFT, #5
	msr	mdcr_el2, x0
	/* GICv3 CPU interface: system registers, usable from EL1. */
	mrs	x0, id_aa64pfr0_el1
	ubfx	x0, x0, #ID_AA64PFR0_GIC_SHIFT, #4
	cbz	x0, 2f
	mrs	x0, S3_4_C12_C9_5	/* ICC_SRE_EL2 */
	mov	x1, #(ICC_SRE_EL2_SRE | ICC_SRE_EL2_ENABLE)
	orr	x0, x0, x1
	msr	S3_4_C12_C9_5, x0
	isb
2:	ldr	x0, =SCTLR_EL1_MMU_OFF
	msr	sctlr_el1, x0
	mov	x0, #SPSR_EL1H_MASKED
	msr	spsr_el2, x0
	msr	elr_el2, lr
	mov	x0, #1
	eret

/*
 * The boot identity map, one root table of blocks (1 GiB at 4 KiB pages, 512
 * MiB at 64 KiB) over TTBR0's half of the address space: those below 1 GiB
 * (QEMU virt's devices) Device-nGnRnE, the rest normal memory, all
 * read/write/execute at EL1. Only until paging_init() loads the kernel page
 * table, which maps what it should with W^X; it lets C code run with caches
 * and unaligned accesses before then. Clobbers x0-x4.
 */
build_boot_idmap:
	adr_l	x0, boot_idmap
	ldr	x1, =(PTE_ATTRINDX(MT_DEVICE_nGnRnE) | PTE_AF | PTE_UXN | PTE_PXN | PTE_TYPE_BLOCK)
	ldr	x4, =(PTE_ATTRINDX(MT_NORMAL) | PTE_SH_INNER | PTE_AF | PTE_UXN | PTE_TYPE_BLOCK)
	mov	x2, #0
1:	cmp	x2, #BOOT_IDMAP_DEVICE_ENTRIES
	csel	x3, x1, x4, lo
	orr	x3, x3, x2, lsl #ROOT_BLOCK_SHIFT
	str	x3, [x0], #8
	add	x2, x2, #1
	cmp	x2, #BOOT_IDMAP_ENTRIES
	b.lo	1b
	dsb	ishst
	ret

/*
 * MAIR, TCR, TTBR0 = the boot identity map, then SCTLR with the MMU and
 * caches on; the exception vector too. Runs at EL1 with the MMU off, on every
 * CPU. Clobbers x0-x2.
 */
mmu_on:
	ldr	x0, =MAIR_EL1_VALUE
	msr	mair_el1, x0
	ldr	x0, =((64 - VA_HALF_BITS) << TCR_T0SZ_SHIFT | (64 - VA_HALF_BITS) << TCR_T1SZ_SHIFT | \
		      TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER | \
		      TCR_IRGN1_WBWA | TCR_ORGN1_WBWA | TCR_SH1_INNER | TCR_TG_FLAGS)
	mrs	x1, id_aa64mmfr0_el1
	and	x1, x1, #0xf		/* PARange */
	cmp	x1, #TCR_IPS_MAX
	mov	x2, #TCR_IPS_MAX
	csel	x1, x1, x2, ls
	orr	x0, x0, x1, lsl #TCR_IPS_SHIFT
	msr	tcr_el1, x0
	adr_l	x0, boot_idmap
	msr	ttbr0_el1, x0
	add	x0, x0, #TTBR1_ROOT_OFFSET	/* the upper half: invalid entries */
	msr	ttbr1_el1, x0
	adr_l	x0, vectors
	msr	vbar_el1, x0
	isb
	tlbi	vmalle1
	dsb	nsh
	ldr	x0, =SCTLR_EL1_MMU_ON
	msr	sctlr_el1, x0
	isb
	ret

	.section .bss.boot_stack, "aw", @nobits
	.balign	16
boot_stack:
	.space	BOOT_STACK_SIZE
	.globl	boot_stack_top
boot_stack_top:

	.section .bss.boot_idmap, "aw", @nobits
	.balign	PAGE_SIZE
boot_idmap:			/* TTBR0's entries, then TTBR1's: none */
	.space	PAGE_SIZE

	.section .data
	.balign	8
	.globl	booted_at_el2
booted_at_el2:			/* 1 when QEMU started us at EL2 (virtualization=on) */
	.dword	0
