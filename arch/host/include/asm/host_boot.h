/*
 * How a host program boots the host port's kernel (arch/host/boot.c): main.c
 * from a DTB file, the fuzz/ harnesses from a tree of their own. Not part of
 * the port interface; generic code does not include it.
 */
#ifndef _ASM_HOST_BOOT_H
#define _ASM_HOST_BOOT_H

#include <stddef.h>
#include <types.h>

/*
 * host_boot - make the machine a device tree describes: RAM (a memfd mapped
 * as the direct map), the vmalloc and vmemmap regions, the DTB copied into
 * RAM, traps, the calling thread as CPU 0. Exits with status 2 and the reason
 * if the tree is unusable. Return: the DTB's physical address, for
 * start_kernel() or boot_init().
 */
phys_addr_t host_boot(const void *blob, size_t size, const char *name);

/* The kernel's command line instead of /chosen/bootargs when set (main.c: --append). */
extern const char *host_append;

#endif /* _ASM_HOST_BOOT_H */
