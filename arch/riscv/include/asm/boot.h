/* Sizes fixed at boot on RISC-V, shared by assembly and C. */
#ifndef _ASM_BOOT_H
#define _ASM_BOOT_H

#define BOOT_STACK_SIZE 16384 /* the boot hart's stack, in .bss */

#endif /* _ASM_BOOT_H */
