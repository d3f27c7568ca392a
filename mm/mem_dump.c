/*
 * What an address is, as far as mm/ knows: a page of RAM (its zone, flags and
 * the block it is part of, free or allocated), a slab object (its cache,
 * allocated or free), a large kmalloc block, a vmalloc area or its guard
 * page, a struct page in vmemmap, an image section or device the kernel
 * maps. mem_addr_info() finds out, mem_dump_obj() prints it; the memory
 * console's `addr` command and its refusal to free what it does not own are
 * built on them. Reads the allocators' state under their locks (zone lock,
 * cache lock, vmap_area_lock), one at a time: never call with one held.
 */
#include <kernel.h>
#include <mm.h>
#include <pgtable.h>
#include <smp.h>
#include <vmalloc.h>

#include "internal.h"
#include "slab.h"
#include "vmap_area.h"

static const char *const kind_names[] = {
	[MEM_ADDR_NONE] = "not memory mm/ manages",
	[MEM_ADDR_HOLE] = "a hole between memory banks",
	[MEM_ADDR_RESERVED] = "reserved memory (never given to the page allocator)",
	[MEM_ADDR_PAGE_FREE] = "free pages in the buddy lists",
	[MEM_ADDR_PAGE_PCP] = "a free page on a CPU's list",
	[MEM_ADDR_PAGE_ALLOCATED] = "allocated pages",
	[MEM_ADDR_LARGE_KMALLOC] = "a large kmalloc block",
	[MEM_ADDR_SLAB] = "slab memory",
	[MEM_ADDR_VMALLOC] = "a vmalloc area",
	[MEM_ADDR_VMALLOC_GUARD] = "the guard page of a vmalloc area",
	[MEM_ADDR_VMALLOC_UNUSED] = "the vmalloc region, in no area",
	[MEM_ADDR_VMEMMAP] = "a struct page in vmemmap",
};

/* The block of pages (free or allocated) @pfn lies in, from its head's flags; false if none. */
static bool find_block(unsigned long pfn, unsigned long state, struct mem_addr_info *info)
{
	for (unsigned int order = 0; order <= MAX_ORDER; order++) {
		unsigned long head = ALIGN_DOWN(pfn, 1UL << order);
		const struct page *page;

		if (!pfn_valid(head))
			return false;
		page = pfn_to_page(head);
		if ((page->flags & state) && page->private <= MAX_ORDER &&
		    pfn - head < (1UL << page->private)) {
			info->block_pfn = head;
			info->block_order = (unsigned int)page->private;
			return true;
		}
	}
	return false;
}

/* Is @obj on @slab's free list, in a CPU's array of @s or in its depot? Takes the cache lock. */
static bool slab_object_free(struct kmem_cache *s, struct page *slab, void *obj, int *cpu)
{
	unsigned long flags, n = 0, c;
	bool found = false;

	*cpu = -1;
	spin_lock_irqsave(&s->lock, flags);
	for (void *fp = slab->freelist; fp && n <= slab->objects; fp = *free_pointer_at(s, fp), n++)
		if (fp == obj) {
			found = true;
			break;
		}
	for (unsigned int i = 0; i < s->depot_nr && !found; i++)
		if (s->depot[i] == obj) {
			found = true;
			*cpu = MEM_ADDR_FREE_IN_DEPOT;
		}
	for (c = 0; c < NR_CPUS && !found; c++) {
		const struct array_cache *ac = s->cpu_array[c];

		for (unsigned long i = 0; ac && i < array_objects(ac); i++)
			if (READ_ONCE(ac->entry[i]) == obj) {
				found = true;
				*cpu = (int)c;
				break;
			}
	}
	spin_unlock_irqrestore(&s->lock, flags);
	return found;
}

/* Where in @slab of @s the byte at @addr lies: which object, or the padding around them. */
static void find_slab_object(struct kmem_cache *s, struct page *slab, unsigned long addr,
			     struct mem_addr_info *info)
{
	unsigned long first = (unsigned long)slab->s_mem - s->red_left;
	unsigned long index;

	info->cache = s;
	info->block_pfn = page_to_pfn(slab);
	info->block_order = s->order;
	if (addr < first)
		return; /* the colour before the first object */
	index = (addr - first) / s->size;
	if (index >= slab->objects)
		return; /* the leftover after the last */
	info->object = slab_object(s, slab, (unsigned int)index);
	info->object_offset = (long)(addr - (unsigned long)info->object);
	info->object_free = slab_object_free(s, slab, info->object, &info->free_cpu);
}

static void ram_info(const void *addr, struct mem_addr_info *info)
{
	unsigned long pfn = virt_to_pfn(addr), flags;
	struct page *page = pfn_to_page(pfn), *head;
	struct zone *zone;

	info->page = page;
	if (PageHole(page)) {
		info->kind = MEM_ADDR_HOLE;
		return;
	}
	if (PageReserved(page)) {
		info->kind = MEM_ADDR_RESERVED;
		return;
	}
	head = slab_page_of(addr);
	if (head) {
		info->kind = MEM_ADDR_SLAB;
		find_slab_object(head->slab_cache, head, (unsigned long)addr, info);
		return;
	}
	head = compound_head(page);
	if (PageLargeKmalloc(head)) {
		info->kind = MEM_ADDR_LARGE_KMALLOC;
		info->block_pfn = page_to_pfn(head);
		info->block_order = compound_order(head);
		return;
	}
	zone = page_zone(page);
	spin_lock_irqsave(&zone->lock, flags);
	if (PagePcp(page)) {
		info->kind = MEM_ADDR_PAGE_PCP;
		info->block_pfn = pfn;
		info->free_cpu = (int)page->private;
	} else if (find_block(pfn, 1UL << PG_buddy, info)) {
		info->kind = MEM_ADDR_PAGE_FREE;
	} else if (find_block(pfn, 1UL << PG_allocated, info)) {
		info->kind = MEM_ADDR_PAGE_ALLOCATED;
	}
	spin_unlock_irqrestore(&zone->lock, flags);
}

static void vmalloc_info(const void *addr, struct mem_addr_info *info)
{
	struct vm_struct *area = find_vm_area(addr);

	info->kind = MEM_ADDR_VMALLOC_UNUSED;
	if (!area)
		return;
	info->area = area;
	info->kind = (unsigned long)addr >= (unsigned long)area->addr + area->size - PAGE_SIZE
			     ? MEM_ADDR_VMALLOC_GUARD
			     : MEM_ADDR_VMALLOC;
	info->page = vmalloc_to_page(addr);
}

void mem_addr_info(const void *addr, struct mem_addr_info *info)
{
	unsigned long a = (unsigned long)addr;

	*info = (struct mem_addr_info){ .addr = addr, .free_cpu = -1 };
	info->mapping = kernel_mapping_of(a);
	if (memmap_covers(addr))
		ram_info(addr, info);
	else if (is_vmalloc_addr(addr))
		vmalloc_info(addr, info);
	else if (a >= VMEMMAP_START && a < VMEMMAP_END)
		info->kind = MEM_ADDR_VMEMMAP;
}

bool mem_addr_is_allocation(const struct mem_addr_info *info)
{
	const struct page *head;

	switch (info->kind) {
	case MEM_ADDR_SLAB:
		return info->object == info->addr && !info->object_free;
	case MEM_ADDR_LARGE_KMALLOC:
	case MEM_ADDR_PAGE_ALLOCATED:
		head = pfn_to_page(info->block_pfn);
		return page_address(head) == info->addr;
	case MEM_ADDR_VMALLOC:
		return info->area->addr == info->addr;
	default:
		return false;
	}
}

static void dump_slab(const struct mem_addr_info *info)
{
	const struct kmem_cache *s = info->cache;
	const struct page *slab = pfn_to_page(info->block_pfn);

	pr_info("  slab of cache %s: %u objects of %u bytes (stride %u), %u in use, order %u\n",
		s->name, slab->objects, s->object_size, s->size, slab->inuse, s->order);
	if (!info->object) {
		pr_info("  %px is in the slab's padding, outside every object\n", info->addr);
		return;
	}
	if (info->object_offset < 0 || info->object_offset >= (long)s->object_size)
		pr_info("  %px is in the metadata of object %px (%ld bytes from its start)\n",
			info->addr, info->object, info->object_offset);
	else
		pr_info("  %px is %ld bytes inside object %px\n", info->addr, info->object_offset,
			info->object);
	if (!info->object_free)
		pr_info("  the object is allocated\n");
	else if (info->free_cpu >= 0)
		pr_info("  the object is free, in CPU%d's array\n", info->free_cpu);
	else if (info->free_cpu == MEM_ADDR_FREE_IN_DEPOT)
		pr_info("  the object is free, in the cache's depot\n");
	else
		pr_info("  the object is free, on the slab's free list\n");
}

static void dump_mapping(unsigned long addr)
{
	unsigned int level, unit;
	pte_t *pte = lookup_kernel_pte(addr, &level);
	unsigned long size;
	pgprot_t prot;

	if (!pte) {
		pr_info("  not mapped in the kernel page table\n");
		return;
	}
	prot = pte_pgprot(*pte);
	size = LEVEL_SIZE(level) >> 10;
	for (unit = 0; size >= 1024 && unit < 2; unit++)
		size >>= 10;
	pr_info("  mapped by a %lu%c leaf, %c%c%c, to physical %#llx\n", size, "KMG"[unit], 'r',
		pgprot_writable(prot) ? 'w' : '-', pgprot_executable(prot) ? 'x' : '-',
		(unsigned long long)(PFN_PHYS(pte_pfn(*pte)) + (addr & (LEVEL_SIZE(level) - 1))));
}

void mem_dump_obj(const void *addr)
{
	struct mem_addr_info info;
	unsigned long a = (unsigned long)addr;

	mem_addr_info(addr, &info);
	pr_info("%px: %s\n", addr, kind_names[info.kind]);
	if (info.mapping)
		pr_info("  in the kernel's %s mapping [%#lx-%#lx]\n", info.mapping->name,
			info.mapping->va, info.mapping->va + info.mapping->size);
	switch (info.kind) {
	case MEM_ADDR_SLAB:
		dump_slab(&info);
		break;
	case MEM_ADDR_PAGE_FREE:
	case MEM_ADDR_PAGE_ALLOCATED:
	case MEM_ADDR_LARGE_KMALLOC:
		pr_info("  block of order %u at pfn %#lx; %px is page %lu of it, byte %lu\n",
			info.block_order, info.block_pfn, addr, virt_to_pfn(addr) - info.block_pfn,
			a & (PAGE_SIZE - 1));
		if (info.kind == MEM_ADDR_PAGE_FREE)
			debug_pagealloc_show_free(virt_to_pfn(addr));
		break;
	case MEM_ADDR_PAGE_PCP:
		pr_info("  on CPU%d's list\n", info.free_cpu);
		debug_pagealloc_show_free(virt_to_pfn(addr));
		break;
	case MEM_ADDR_VMALLOC:
	case MEM_ADDR_VMALLOC_GUARD:
	case MEM_ADDR_VMALLOC_UNUSED:
		vmalloc_explain_addr(a);
		break;
	case MEM_ADDR_VMEMMAP:
		pr_info("  the struct page of pfn %#lx, %lu bytes into it\n",
			(a - VMEMMAP_START) / sizeof(struct page),
			(a - VMEMMAP_START) % sizeof(struct page));
		break;
	default:
		break;
	}
	if (info.page)
		dump_page(info.page, NULL);
	if (info.kind != MEM_ADDR_NONE || info.mapping)
		dump_mapping(a);
}
