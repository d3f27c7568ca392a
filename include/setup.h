/* What start_kernel() learns at boot and other code may look up afterwards. */
#ifndef _SETUP_H
#define _SETUP_H

#include <dtb.h>
#include <types.h>

#define DTB_MAX_SIZE (2UL << 20) /* larger blobs are refused */

/* The device tree the firmware handed over, validated, and where it lies. */
extern struct dtb boot_dtb;
extern phys_addr_t boot_dtb_pa;

/**
 * setup_memory - build the boot memory map (memblock) from the device tree
 *
 * Adds every /memory range, reserves /reserved-memory, /memreserve/, the
 * kernel image and the DTB, and prints the map. Panics with the reason when
 * the tree describes no usable memory.
 */
void setup_memory(void);

/**
 * format_size - "512 MiB", "4 GiB", "136 KiB": exact, in the largest unit that divides.
 */
const char *format_size(char *buf, size_t len, u64 bytes);

#endif /* _SETUP_H */
