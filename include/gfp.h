/*
 * GFP ("get free pages") flags and the page allocator's allocation API, with
 * Linux's names, values and meanings, so that a request written from a Linux
 * tutorial means the same here. Implemented in mm/page_alloc.c.
 */
#ifndef _GFP_H
#define _GFP_H

#include <types.h>

/* How an allocation may behave: where it may come from, whether it may wait, ... */
typedef unsigned int gfp_t;

/* The bits, with Linux's values (so "mode:0xcc0" in a report reads as in Linux). */
#define ___GFP_DMA 0x01u
#define ___GFP_HIGHMEM 0x02u
#define ___GFP_DMA32 0x04u
#define ___GFP_MOVABLE 0x08u
#define ___GFP_HIGH 0x20u
#define ___GFP_IO 0x40u
#define ___GFP_FS 0x80u
#define ___GFP_ZERO 0x100u
#define ___GFP_DIRECT_RECLAIM 0x400u
#define ___GFP_KSWAPD_RECLAIM 0x800u
#define ___GFP_NOWARN 0x2000u
#define ___GFP_RETRY_MAYFAIL 0x4000u
#define ___GFP_NOFAIL 0x8000u
#define ___GFP_NORETRY 0x10000u
#define ___GFP_MEMALLOC 0x20000u
#define ___GFP_COMP 0x40000u
#define ___GFP_HARDWALL 0x100000u

/*
 * Zone modifiers. __GFP_DMA32: only ZONE_DMA32 (physical memory below 4 GiB)
 * will do.
 * __GFP_DMA: ZONE_DMA, for devices that reach less than 32 bits. Which zone
 * that is depends on the architecture in Linux: x86-64 has a 16 MiB ZONE_DMA,
 * arm64 one sized by the most limited device (at most 4 GiB), RISC-V none.
 * Where an architecture has no ZONE_DMA, Linux serves __GFP_DMA from
 * ZONE_NORMAL (its GFP zone table maps it there), and so does this kernel on
 * every arch it has today (riscv, host): see docs/porting.md, "DMA zones".
 * __GFP_HIGHMEM: may come from ZONE_HIGHMEM, which only 32-bit kernels have;
 * a 64-bit kernel maps all RAM, so it changes nothing here, as in Linux.
 * __GFP_MOVABLE: the pages may be migrated; there is no migration here, so
 * it is accepted and changes nothing.
 */
#define __GFP_DMA ((gfp_t)___GFP_DMA)
#define __GFP_HIGHMEM ((gfp_t)___GFP_HIGHMEM)
#define __GFP_DMA32 ((gfp_t)___GFP_DMA32)
#define __GFP_MOVABLE ((gfp_t)___GFP_MOVABLE)

/*
 * __GFP_HIGH: the caller is important and may use part of the reserve below
 * the min watermark (the reserve is halved: min/2).
 * __GFP_MEMALLOC: may use every free page, reserves included. For the code
 * that frees memory and for tests; never for ordinary allocations.
 */
#define __GFP_HIGH ((gfp_t)___GFP_HIGH)
#define __GFP_MEMALLOC ((gfp_t)___GFP_MEMALLOC)

/*
 * __GFP_DIRECT_RECLAIM: the caller may wait while memory is reclaimed (here:
 * while the registered shrinkers run). Without it the allocation is
 * "non-blocking": it never calls a shrinker, and with __GFP_HIGH it may go a
 * quarter further into the reserve (GFP_ATOMIC).
 * __GFP_KSWAPD_RECLAIM: may wake background reclaim (kept for Linux's values).
 * __GFP_IO, __GFP_FS: reclaim may start I/O or call into file systems.
 */
#define __GFP_IO ((gfp_t)___GFP_IO)
#define __GFP_FS ((gfp_t)___GFP_FS)
#define __GFP_DIRECT_RECLAIM ((gfp_t)___GFP_DIRECT_RECLAIM)
#define __GFP_KSWAPD_RECLAIM ((gfp_t)___GFP_KSWAPD_RECLAIM)
#define __GFP_RECLAIM ((gfp_t)(___GFP_DIRECT_RECLAIM | ___GFP_KSWAPD_RECLAIM))
#define __GFP_HARDWALL ((gfp_t)___GFP_HARDWALL)

/*
 * __GFP_ZERO: return zeroed memory.
 * __GFP_NOWARN: fail quietly (no allocation failure report).
 * __GFP_COMP: make a compound page: the first page is PG_head, the others are
 * tail pages whose compound_head() is the first.
 */
#define __GFP_ZERO ((gfp_t)___GFP_ZERO)
#define __GFP_NOWARN ((gfp_t)___GFP_NOWARN)
#define __GFP_COMP ((gfp_t)___GFP_COMP)

/*
 * __GFP_NOFAIL: the caller cannot handle failure: internal reserves and
 * allocations with no way back. Fault injection never fails it. When memory
 * is short it may use the reserve below min as __GFP_HIGH does, after
 * reclaim. Linux then retries for ever; here it fails (nothing here waits
 * for another CPU to free memory), with a report even with __GFP_NOWARN.
 * Keep it for small, rare allocations.
 */
#define __GFP_NOFAIL ((gfp_t)___GFP_NOFAIL)

/*
 * How hard to try before failing (Linux's reclaim modifiers).
 * __GFP_NORETRY: one light attempt: the allocator does not ask the shrinkers
 * for memory (nor, in Linux, invoke the OOM killer); the caller has a cheap
 * fallback. Checked only after the free lists failed: no cost otherwise.
 * __GFP_RETRY_MAYFAIL: try as hard as possible (every shrinker, as for any
 * blocking request) but fail rather than take reserves or loop for ever.
 * Here, where there is no OOM killer and reclaim is the shrinkers, that is
 * what a GFP_KERNEL allocation already does: the flag is accepted, named in
 * reports, and changes nothing else.
 */
#define __GFP_RETRY_MAYFAIL ((gfp_t)___GFP_RETRY_MAYFAIL)
#define __GFP_NORETRY ((gfp_t)___GFP_NORETRY)

/*
 * The combinations callers use:
 * GFP_KERNEL: ordinary kernel allocations; may wait for reclaim; fails at the
 * min watermark.
 * GFP_ATOMIC: cannot wait (interrupts, spinlocks held); may use the reserve
 * down to 3/8 of min, never all of it.
 * GFP_NOWAIT: cannot wait and has no claim on the reserve.
 * GFP_USER: memory handed to user space (GFP_KERNEL here, with Linux's value).
 * GFP_DMA32: only below 4 GiB; combine with one of the above.
 * GFP_DMA: ZONE_DMA (see __GFP_DMA); combine with one of the above.
 * GFP_HIGHUSER, GFP_HIGHUSER_MOVABLE: user pages that may be high memory
 * (and movable): GFP_USER here, with Linux's values.
 */
#define GFP_ATOMIC (__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL (__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_NOWAIT (__GFP_KSWAPD_RECLAIM)
#define GFP_USER (__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_DMA32 __GFP_DMA32
#define GFP_DMA __GFP_DMA
#define GFP_HIGHUSER (GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE (GFP_HIGHUSER | __GFP_MOVABLE)

/**
 * gfpflags_allow_blocking - true when an allocation with @gfp may wait for reclaim.
 */
static inline bool gfpflags_allow_blocking(gfp_t gfp)
{
	return gfp & __GFP_DIRECT_RECLAIM;
}

struct page;

/**
 * alloc_pages - allocate a block of 2^@order physically contiguous pages
 * @gfp: GFP flags: the zone (GFP_DMA32 or any), whether the caller may wait,
 *       its claim on the reserves, __GFP_ZERO, __GFP_COMP, __GFP_NOWARN
 * @order: log2 of the number of pages, 0..MAX_ORDER
 *
 * The block is aligned to its size (its first pfn is a multiple of 2^@order)
 * and lies in one zone: ZONE_DMA32 for __GFP_DMA32, otherwise ZONE_NORMAL if
 * it can, falling back to ZONE_DMA32. Before failing, the allocator empties
 * the per-CPU page lists and, if @gfp allows blocking, asks the registered
 * shrinkers for memory. A failure prints a "page allocation failure" report
 * unless __GFP_NOWARN. An @order above MAX_ORDER is a caller bug: a warning
 * (unless __GFP_NOWARN) and NULL.
 *
 * Context: any, with GFP_ATOMIC or GFP_NOWAIT; GFP_KERNEL may run shrinkers.
 * Return: the first page's struct page, or NULL.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order);

/* alloc_page - alloc_pages() of a single page (order 0). */
#define alloc_page(gfp) alloc_pages(gfp, 0)

/**
 * __free_pages - give back a block from alloc_pages()
 * @page: the block's first page, as alloc_pages() returned it
 * @order: the order it was allocated with
 *
 * The block returns to the free lists, merging with free neighbours. A bad
 * call (the block is already free, @order is not the allocated order, @page
 * is reserved, or is inside a larger block) is reported as "BUG: Bad page
 * state" with the caller, and changes nothing.
 * Context: any.
 */
void __free_pages(struct page *page, unsigned int order);

/* __free_page - __free_pages() of a single page. */
#define __free_page(page) __free_pages(page, 0)

/**
 * __get_free_pages - allocate 2^@order pages and return their address
 * @gfp: as for alloc_pages()
 * @order: as for alloc_pages()
 *
 * Return: the kernel virtual address of the first page (direct map), or 0.
 */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);

/* __get_free_page - __get_free_pages() of a single page. */
#define __get_free_page(gfp) __get_free_pages(gfp, 0)

/**
 * get_zeroed_page - allocate one zeroed page
 * @gfp: as for alloc_pages(); __GFP_ZERO is implied
 *
 * Return: its kernel virtual address, or 0.
 */
unsigned long get_zeroed_page(gfp_t gfp);

/**
 * free_pages - give back a block by its address
 * @addr: the address __get_free_pages() returned (0 does nothing)
 * @order: the order it was allocated with
 *
 * As __free_pages(), and also reports (and ignores) an @addr that is not
 * page aligned or not in RAM.
 */
void free_pages(unsigned long addr, unsigned int order);

/* free_page - free_pages() of a single page. */
#define free_page(addr) free_pages(addr, 0)

/**
 * alloc_pages_exact - allocate @size bytes of contiguous pages, no more
 * @size: bytes wanted (rounded up to whole pages)
 * @gfp: as for alloc_pages() (__GFP_COMP is ignored)
 *
 * Allocates the smallest block that holds @size, splits it into single pages
 * and frees those beyond the last page @size needs, so that a 5-page request
 * costs 5 pages, not 8. Free it with free_pages_exact(), not free_pages().
 * Return: the address of the first page, or NULL.
 */
void *alloc_pages_exact(size_t size, gfp_t gfp);

/**
 * free_pages_exact - free memory from alloc_pages_exact()
 * @virt: the address alloc_pages_exact() returned
 * @size: the size given to alloc_pages_exact()
 */
void free_pages_exact(void *virt, size_t size);

/**
 * split_page - turn an allocated block into 2^@order single-page allocations
 * @page: the block's first page (not a compound page)
 * @order: the order it was allocated with
 *
 * Afterwards each page is freed on its own with __free_page().
 */
void split_page(struct page *page, unsigned int order);

#endif /* _GFP_H */
