/*
 * vmalloc: virtually contiguous kernel memory built from single pages, in
 * the vmalloc region of the kernel page table; each area is followed by an
 * unmapped guard page. Also vmap() of pages the caller owns, and the kvmalloc
 * family that picks kmalloc or vmalloc. Linux's names and semantics.
 */
#ifndef _VMALLOC_H
#define _VMALLOC_H

#include <asm/port.h>
#include <gfp.h>
#include <types.h>

struct page;

/* vm_struct.flags */
#define VM_ALLOC 0x2 /* vmalloc(): the area owns its pages */
#define VM_MAP 0x4   /* vmap(): the caller owns the pages */

/* One area of the vmalloc region in use. */
struct vm_struct {
	void *addr;	       /* first byte */
	unsigned long size;    /* bytes, the guard page after the area included */
	unsigned long flags;   /* VM_ALLOC or VM_MAP */
	struct page **pages;   /* the pages mapped, in order */
	unsigned int nr_pages; /* how many */
	const void *caller;    /* who asked for the area */
};

/**
 * vmalloc_init - set up the vmalloc region
 *
 * Called once by mm_core_init(), after the kmalloc caches: the whole region
 * [VMALLOC_START, VMALLOC_END) becomes one free area.
 */
void vmalloc_init(void);

/**
 * vmalloc - allocate virtually contiguous memory
 * @size: bytes (rounded up to whole pages)
 *
 * Pages come one at a time from the page allocator (GFP_KERNEL) and are
 * mapped at the lowest free address of the vmalloc region that fits, with an
 * unmapped guard page after the area. Not physically contiguous: use
 * vmalloc_to_page() to find each page.
 * Return: the address (page aligned), or NULL with a warning when @size is
 * 0, larger than the region, or memory (pages or addresses) runs out.
 */
void *vmalloc(unsigned long size);

/**
 * vzalloc - vmalloc() of zeroed memory.
 */
void *vzalloc(unsigned long size);

/**
 * vmalloc_32 - vmalloc() whose pages all lie below 4 GiB (ZONE_DMA32).
 */
void *vmalloc_32(unsigned long size);

/**
 * __vmalloc - vmalloc() with the page allocation flags given
 * @size: bytes
 * @gfp: flags for every page: __GFP_ZERO zeroes, __GFP_DMA32 keeps them below
 *       4 GiB, __GFP_NOWARN silences the failure warning
 *
 * Return: the address, or NULL. Everything allocated is given back on failure.
 */
void *__vmalloc(unsigned long size, gfp_t gfp);

/**
 * __vmalloc_node - vmalloc() with an alignment and a recorded caller
 * @size: bytes
 * @align: alignment of the area's start, a power of two (below PAGE_SIZE: PAGE_SIZE)
 * @gfp: as for __vmalloc()
 * @node: NUMA node; ignored (one node)
 * @caller: recorded as the allocator (vmallocinfo, fault reports)
 *
 * Return: the address, or NULL.
 */
void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp, int node,
		     const void *caller);

/**
 * vfree - free memory from vmalloc() (or unmap an area from vmap())
 * @addr: the address vmalloc() returned; NULL does nothing
 *
 * Unmaps the area, flushes it from the TLB, frees its pages and only then
 * lets the addresses be used again. An @addr that is not the start of a live
 * area (an interior pointer, a direct-map or kmalloc address, an area freed
 * already) is reported ("Trying to vfree() nonexistent vm area") and nothing
 * changes.
 */
void vfree(const void *addr);

/**
 * vmap - map pages the caller owns at consecutive virtual addresses
 * @pages: the pages, in order
 * @count: how many (at least 1)
 * @flags: VM_MAP
 * @prot: PAGE_KERNEL or another kernel protection
 *
 * Return: the address, or NULL. The pages stay the caller's: vunmap() does
 * not free them.
 */
void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot);

/**
 * vunmap - remove a mapping made by vmap()
 * @addr: the address vmap() returned; NULL does nothing
 *
 * The pages are not freed. A bad @addr, or a vmalloc() area (which vfree()
 * must free), is reported and nothing changes.
 */
void vunmap(const void *addr);

/**
 * is_vmalloc_addr - does @addr lie in the vmalloc region?
 */
static inline bool is_vmalloc_addr(const void *addr)
{
	unsigned long a = (unsigned long)addr;

	return a >= VMALLOC_START && a < VMALLOC_END;
}

/**
 * vmalloc_to_page - the page mapped at vmalloc (or vmap) address @addr
 *
 * Return: the struct page, or NULL when nothing is mapped there.
 */
struct page *vmalloc_to_page(const void *addr);

/**
 * vmalloc_to_pfn - the page frame mapped at @addr, or 0 when nothing is.
 */
unsigned long vmalloc_to_pfn(const void *addr);

/**
 * find_vm_area - the live area containing @addr
 *
 * Return: its vm_struct (guard page included in ->size), or NULL. O(log n).
 * The area may be freed by its owner at any time: only the owner may keep it.
 */
struct vm_struct *find_vm_area(const void *addr);

/**
 * kvmalloc - kmalloc() if it can, vmalloc() otherwise
 * @size: bytes
 * @gfp: GFP_KERNEL, optionally with __GFP_ZERO; other flags go to kmalloc
 *
 * Sizes up to PAGE_SIZE << PAGE_ALLOC_COSTLY_ORDER (32 KiB) try kmalloc()
 * first, quietly, and fall back to vmalloc() if it fails; larger sizes go to
 * vmalloc() at once, since large physically contiguous blocks are scarce.
 * Return: the address, or NULL. Free it with kvfree().
 */
void *kvmalloc(size_t size, gfp_t gfp);

/**
 * kvzalloc - kvmalloc() of zeroed memory.
 */
void *kvzalloc(size_t size, gfp_t gfp);

/**
 * kvfree - free memory from kvmalloc(), whichever allocator it came from; NULL is fine.
 */
void kvfree(const void *addr);

/**
 * kvmalloc_array - kvmalloc() of room for @n elements of @size bytes
 * Return: as kvmalloc(); NULL if @n * @size overflows.
 */
void *kvmalloc_array(size_t n, size_t size, gfp_t flags);

/**
 * kvcalloc - kvmalloc_array() of zeroed memory
 * Return: as kvmalloc(); NULL if @n * @size overflows.
 */
void *kvcalloc(size_t n, size_t size, gfp_t flags);

/**
 * kvrealloc - resize memory from kvmalloc(), keeping its contents
 * @p: the memory, or NULL (then this is kvmalloc())
 * @size: the new size; 0 frees @p and returns ZERO_SIZE_PTR
 * @flags: GFP flags; __GFP_ZERO zeroes the grown part
 *
 * Linux 6.12's prototype (older kernels also took the old size). kmalloc
 * memory is krealloc()ed when @size is one kvmalloc() would try kmalloc for
 * and krealloc() succeeds; otherwise new memory comes from kvmalloc() and the old is kvfree()d. A vmalloc
 * area that already has @size bytes stays where it is.
 * Return: the memory (maybe moved), or NULL with @p untouched.
 */
void *kvrealloc(const void *p, size_t size, gfp_t flags);

/**
 * vcalloc - vzalloc() of room for @n elements of @size bytes
 * Return: the address, or NULL (also if @n * @size overflows).
 */
void *vcalloc(size_t n, size_t size);

/**
 * vm_map_ram - map pages at consecutive kernel virtual addresses, quickly
 * @pages: the pages, in order
 * @count: how many (at least 1)
 * @node: NUMA node for the bookkeeping (one node here; ignored)
 *
 * Linux's short-lived mapping call; the mapping is PAGE_KERNEL. Here it is
 * vmap() (a guard page follows it): Linux keeps small mappings in per-CPU
 * blocks instead, an optimisation this kernel does not have.
 * Return: the address, or NULL. Undo it with vm_unmap_ram() and the same @count.
 */
void *vm_map_ram(struct page **pages, unsigned int count, int node);

/**
 * vm_unmap_ram - remove a mapping made by vm_map_ram()
 * @mem: the address vm_map_ram() returned
 * @count: the count it was given
 *
 * Every CPU's TLB forgets the mapping before this returns; the pages stay
 * the caller's. An @mem that vm_map_ram() did not return, or a wrong @count,
 * is reported with a warning and nothing is unmapped (Linux would BUG).
 */
void vm_unmap_ram(const void *mem, unsigned int count);

/**
 * show_vmallocinfo - print the live areas as /proc/vmallocinfo does
 *
 * One line per area in address order:
 * "0x<start>-0x<end> <size> <caller> pages=<n> vmalloc" (or "vmap").
 */
void show_vmallocinfo(void);

/**
 * vmalloc_bad_calls - how many misuses (bad vfree/vunmap, bad sizes) were reported.
 */
unsigned long vmalloc_bad_calls(void);

/**
 * nr_vmalloc_areas - how many areas are live.
 */
unsigned long nr_vmalloc_areas(void);

#endif /* _VMALLOC_H */
