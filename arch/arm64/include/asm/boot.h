/* Sizes and layout fixed at boot on AArch64, shared by assembly and C. */
#ifndef _ASM_BOOT_H
#define _ASM_BOOT_H

#define BOOT_STACK_SIZE 16384 /* the boot CPU's stack, in .bss */

/*
 * The Image header's load request: QEMU loads the Image at RAM's start
 * (0x40000000 on virt) + TEXT_OFFSET, where linker/arm64.ld links it.
 * IMAGE_FLAGS: little-endian (bit 0 clear), 4 KiB pages (bits 2:1 = 1), as
 * near RAM's start as possible (bit 3 clear: the kernel is not relocatable).
 */
#define TEXT_OFFSET 0x200000
#define IMAGE_FLAGS 0x2

/*
 * Each half of the virtual address space (TTBR0: the direct map at physical
 * addresses; TTBR1: vmalloc and vmemmap) spans 2^38 bytes, Sv39's halves, so
 * that one 512-entry root table serves both: entries 0..255 are TTBR0's
 * level-1 table, entries 256..511 TTBR1's (TTBR1 points 2 KiB into the page).
 */
#define VA_HALF_BITS 38
#define TTBR1_ROOT_OFFSET 2048

/* The boot identity map (head.S): 1 GiB blocks over the 256 GiB TTBR0 spans. */
#define BOOT_IDMAP_ENTRIES 256

/* struct secondary_boot_data (arch/arm64/smp.c), as secondary_entry reads it. */
#define SECONDARY_STACK_TOP 0
#define SECONDARY_CPU 8

#endif /* _ASM_BOOT_H */
