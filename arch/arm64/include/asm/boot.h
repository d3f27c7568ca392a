/* Sizes and layout fixed at boot on AArch64, shared by assembly and C. */
#ifndef _ASM_BOOT_H
#define _ASM_BOOT_H

#include <asm/pgtable.h>

#define BOOT_STACK_SIZE 16384 /* the boot CPU's stack, in .bss */

/*
 * The Image header's load request: QEMU loads the Image at RAM's start
 * (0x40000000 on virt) + TEXT_OFFSET, where linker/arm64.ld links it (2 MiB
 * in: aligned for either page size). IMAGE_FLAGS: little-endian (bit 0
 * clear), the page size (bits 2:1 = 1 for 4 KiB, 3 for 64 KiB), as near
 * RAM's start as possible (bit 3 clear: the kernel is not relocatable).
 */
#define TEXT_OFFSET 0x200000
#ifdef CONFIG_ARM64_64K_PAGES
#define IMAGE_FLAGS 0x6
#else
#define IMAGE_FLAGS 0x2
#endif

/*
 * The boot identity map (head.S): blocks of the root level (1 GiB at 4 KiB,
 * 512 MiB at 64 KiB) over TTBR0's half; those below 1 GiB (QEMU virt's
 * devices) are device memory.
 */
#define ROOT_BLOCK_SHIFT (PAGE_SHIFT + (PAGE_SHIFT - 3) * (PGTABLE_LEVELS - 1))
#define BOOT_IDMAP_ENTRIES (PTRS_PER_TABLE / 2)
#define BOOT_IDMAP_DEVICE_ENTRIES ((1 << 30) >> ROOT_BLOCK_SHIFT)

/* TCR_EL1's granule fields (TG0, TG1) for the page size. */
#ifdef CONFIG_ARM64_64K_PAGES
#define TCR_TG_FLAGS (TCR_TG0_64K | TCR_TG1_64K)
#else
#define TCR_TG_FLAGS (TCR_TG0_4K | TCR_TG1_4K)
#endif

/* struct secondary_boot_data (arch/arm64/smp.c), as secondary_entry reads it. */
#define SECONDARY_STACK_TOP 0
#define SECONDARY_CPU 8

#endif /* _ASM_BOOT_H */
