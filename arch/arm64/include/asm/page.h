/*
 * The AArch64 translation granule, chosen at build time: 4 KiB pages by
 * default, 64 KiB with PAGE_SIZE=64K (the Makefile defines
 * CONFIG_ARM64_64K_PAGES, Linux's name). Everything else about the page
 * tables (asm/pgtable.h) and the boot layout (asm/boot.h) follows from
 * PAGE_SHIFT. Shared by assembly and C.
 */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#include <asm/sysreg.h>

#ifdef CONFIG_ARM64_64K_PAGES
#define PAGE_SHIFT 16
#else
#define PAGE_SHIFT 12
#endif
#define PAGE_SIZE (_UL(1) << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))

#endif /* _ASM_PAGE_H */
