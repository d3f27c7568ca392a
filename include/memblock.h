/*
 * memblock: the boot-time memory manager. It records which physical ranges
 * are RAM and which are reserved (firmware, kernel image, DTB, early
 * allocations) until the page allocator takes over the free remainder.
 */
#ifndef _MEMBLOCK_H
#define _MEMBLOCK_H

#include <types.h>

#define INIT_MEMBLOCK_REGIONS 128
#define MEMBLOCK_ALLOC_ANYWHERE (~(phys_addr_t)0)

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
};

/* A sorted array of disjoint, non-adjacent ranges. */
struct memblock_type {
	unsigned long cnt;
	unsigned long max;
	struct memblock_region *regions;
	const char *name;
};

struct memblock {
	bool bottom_up; /* allocate from low addresses up (default: top down) */
	struct memblock_type memory;
	struct memblock_type reserved;
};

/* The boot memory map; tests build their own struct memblock instead. */
extern struct memblock memblock;

/**
 * memblock_add_range - add [@base, @base + @size) to @type, merging with
 * every range it overlaps or touches
 *
 * A range that would wrap past the end of the address space is cut at it.
 * Return: 0, or -ENOSPC when @type has no room left (nothing is changed).
 */
int memblock_add_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size);

/**
 * memblock_remove_range - remove [@base, @base + @size) from @type, splitting
 * ranges that straddle its edges
 *
 * Return: 0, or -ENOSPC when a split needs a slot @type does not have.
 */
int memblock_remove_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size);

/**
 * memblock_find_in_range - find free space (RAM that is not reserved)
 * @mb: the memory map to search
 * @size: bytes wanted (non-zero)
 * @align: alignment, a power of two (0 means 1)
 * @start: lowest acceptable address
 * @end: one past the highest acceptable address (MEMBLOCK_ALLOC_ANYWHERE: no limit)
 *
 * Searches top-down, or bottom-up when @mb->bottom_up is set. Reserves nothing.
 * Return: the base of the range found, or 0 if none fits.
 */
phys_addr_t memblock_find_in_range(const struct memblock *mb, phys_addr_t size, phys_addr_t align,
				   phys_addr_t start, phys_addr_t end);

/* Callback for memblock_for_each_free_range(); return non-zero to stop the walk. */
typedef int (*memblock_range_fn)(void *arg, phys_addr_t base, phys_addr_t end);

/**
 * memblock_for_each_free_range - call @fn for each free range of @mb, in address order.
 */
int memblock_for_each_free_range(const struct memblock *mb, memblock_range_fn fn, void *arg);

/**
 * memblock_add - add [@base, @base + @size) to the global map's memory (RAM).
 * memblock_remove - take it out of the memory ranges.
 * memblock_reserve - mark it reserved: never handed out, never freed to the page allocator.
 * memblock_phys_free - unreserve it again.
 *
 * The global map, as Linux names it. Return: 0, or -ENOSPC when the map's
 * table of ranges is full.
 */
int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_remove(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
int memblock_phys_free(phys_addr_t base, phys_addr_t size);

/**
 * memblock_phys_alloc_range - allocate and reserve boot memory
 * @size: bytes wanted
 * @align: alignment, a power of two
 * @start: lowest acceptable physical address
 * @end: one past the highest acceptable address, or MEMBLOCK_ALLOC_ANYWHERE
 *
 * Return: the physical base of the reserved range, or 0 if nothing fits or
 * the page allocator already owns the memory (see memblock_hand_over()).
 */
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align, phys_addr_t start,
				      phys_addr_t end);

/**
 * memblock_phys_alloc - allocate and reserve boot memory anywhere
 * @size: bytes wanted
 * @align: alignment, a power of two (0: a warning, then the cache line, as Linux)
 *
 * Searches in the direction memblock_set_bottom_up() chose (top-down by
 * default). The memory is not zeroed and has no kernel mapping promised.
 * Return: its physical address, or 0 if nothing fits.
 */
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align);

/**
 * memblock_set_bottom_up - choose the direction of boot allocations
 * @enable: true: from the lowest free address up; false (the default): top-down
 *
 * Linux's call for code that wants early allocations near the kernel image.
 */
void memblock_set_bottom_up(bool enable);

/**
 * memblock_bottom_up - whether boot allocations go bottom-up.
 */
bool memblock_bottom_up(void);

/**
 * memblock_alloc - allocate zeroed boot memory
 * @size: bytes wanted
 * @align: alignment, a power of two (0: a warning, then the cache line, as Linux)
 *
 * Searches as memblock_phys_alloc() does. For structures needed before the page allocator exists (struct page
 * arrays, early page tables). Lives until freed with memblock_phys_free().
 * Return: the memory's kernel virtual address, or NULL if nothing fits.
 */
void *memblock_alloc(phys_addr_t size, phys_addr_t align);

/**
 * memblock_hand_over - the page allocator has taken every free page
 *
 * Called once by mem_init(). From then on memblock_phys_alloc_range() and
 * memblock_alloc() warn and fail: what they would hand out is not theirs.
 * The tables stay readable (they are the boot memory map).
 */
void memblock_hand_over(void);

/**
 * memblock_phys_mem_size - bytes of memory in the global map.
 * memblock_reserved_size - bytes of it reserved.
 * memblock_start_of_DRAM - the lowest address of memory.
 * memblock_end_of_DRAM - one past the highest.
 */
phys_addr_t memblock_phys_mem_size(void);
phys_addr_t memblock_reserved_size(void);
phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);

/**
 * memblock_type_covers - true when every byte of [@base, @base + @size) is in @type.
 */
bool memblock_type_covers(const struct memblock_type *type, phys_addr_t base, phys_addr_t size);

/**
 * memblock_is_region_reserved - true when [@base, @base + @size) is wholly reserved.
 */
bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size);

/**
 * memblock_dump - print both tables, as Linux's memblock=debug does.
 */
void memblock_dump(const struct memblock *mb);

#endif /* _MEMBLOCK_H */
