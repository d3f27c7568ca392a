/*
 * The vmalloc region's address-space bookkeeping, shared by the files of
 * vmalloc: vmap_area.c keeps the areas, vmalloc.c maps pages into them,
 * vmalloc_reports.c prints them.
 */
#ifndef _MM_VMAP_AREA_H
#define _MM_VMAP_AREA_H

#include <rbtree.h>
#include <spinlock.h>
#include <vmalloc.h>

/*
 * A range [va_start, va_end) of the vmalloc region, either free (in the free
 * tree, augmented with the largest free size below it) or busy (in the busy
 * tree, the guard page included in the range, vm describing the use).
 */
struct vmap_area {
	unsigned long va_start;
	unsigned long va_end;
	struct rb_node rb_node;
	unsigned long subtree_max_size; /* free tree only */
	struct vm_struct vm;		/* busy tree only */
};

/* An area freed lately: what the fault report says of an access to it. */
struct freed_vmap_area {
	unsigned long va_start;
	unsigned long va_end;
	const void *caller; /* who allocated it */
	const void *freer;  /* who freed it */
};

/* vmap_area_init - make [@start, @end) one free area; needs the slab allocator. */
void vmap_area_init(unsigned long start, unsigned long end);

/*
 * alloc_vmap_area - reserve @size bytes (guard page included) at the lowest
 * free address aligned to @align (a power of two, at least PAGE_SIZE). The
 * area is busy on return, its vm zeroed but for addr and size.
 * Return: the area, or NULL when no free area fits or memory ran out.
 */
struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long align, gfp_t gfp);

/*
 * take_vmap_area - remove the busy area that starts at @addr from the busy
 * tree, so that no one else can find or free it. Return: it, or NULL.
 */
struct vmap_area *take_vmap_area(unsigned long addr);

/*
 * free_vmap_area - give the addresses of a taken area back, merging with its
 * free neighbours; remember it (and @freer) for fault reports. The area must
 * be unmapped and flushed from every TLB already.
 */
void free_vmap_area(struct vmap_area *va, const void *freer);

/* find_vmap_area - the busy area containing @addr (guard page included), or NULL. */
struct vmap_area *find_vmap_area(unsigned long addr);

/*
 * The lock that guards both trees and the freed-area history. Reports hold
 * it while they walk; a fault report only tries it (the fault may have hit
 * while this CPU held it).
 */
extern spinlock_t vmap_area_lock;
extern struct rb_root vmap_busy_root;

/* Under vmap_area_lock: the busy area containing @addr, or NULL. */
struct vmap_area *__find_vmap_area(unsigned long addr);

/* Under vmap_area_lock: copy the latest freed area containing @addr to @out; false if none. */
bool __find_freed_vmap_area(unsigned long addr, struct freed_vmap_area *out);

/* vmalloc_explain_addr - print which area @addr belongs to, if any (vmalloc_reports.c). */
void vmalloc_explain_addr(unsigned long addr);

#endif /* _MM_VMAP_AREA_H */
