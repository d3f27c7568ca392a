/*
 * Allocations of an exact number of pages, built on the buddy allocator:
 * split_page() makes a block single pages, alloc_pages_exact() gives back the
 * pages of the block beyond the size asked for, free_pages_exact() frees them
 * one by one.
 */
#include <bug.h>
#include <mm.h>

#include "internal.h"

void split_page(struct page *page, unsigned int order)
{
	if (WARN_ON(!PageAllocated(page) || page->private != order || PageHead(page)))
		return;
	for (unsigned long i = 0; i < (1UL << order); i++) {
		page[i].private = 0;
		__SetPageAllocated(page + i);
		if (PageFreeHooks(page)) /* each page runs the free hooks when it is freed */
			__SetPageFreeHooks(page + i);
	}
	split_page_owner(page, order);
}

void *alloc_pages_exact(size_t size, gfp_t gfp)
{
	unsigned long addr, used, end;
	unsigned int order;
	struct page *page;

	if (!size)
		return NULL;
	order = get_order(size);
	page = alloc_pages_caller(gfp & ~__GFP_COMP, order, __builtin_return_address(0));
	if (!page)
		return NULL;
	split_page(page, order);
	addr = (unsigned long)page_address(page);
	used = addr + ALIGN(size, PAGE_SIZE);
	for (end = addr + (PAGE_SIZE << order); used < end; used += PAGE_SIZE)
		free_pages_caller(virt_to_page((void *)used), 0, __builtin_return_address(0));
	return (void *)addr;
}

void free_pages_exact(void *virt, size_t size)
{
	unsigned long addr = (unsigned long)virt, end = addr + ALIGN(size, PAGE_SIZE);

	for (; addr < end; addr += PAGE_SIZE)
		free_pages_addr(addr, 0, __builtin_return_address(0));
}
