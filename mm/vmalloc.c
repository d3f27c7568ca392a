/*
 * vmalloc, vmap and kvmalloc: kernel memory that is contiguous only
 * virtually. An area of the vmalloc region (vmap_area.c) gets single pages
 * from the page allocator, mapped with page-sized leaves (pgtable.c), and an
 * unmapped guard page after it that catches overruns.
 */
#include <bug.h>
#include <mm.h>
#include <pgtable.h>
#include <printk.h>
#include <shrinker.h>
#include <slab.h>
#include <string.h>
#include <vmalloc.h>

#include "internal.h"
#include "vmap_area.h"

static unsigned long bad_calls;

unsigned long vmalloc_bad_calls(void)
{
	return READ_ONCE(bad_calls);
}

static void count_bad_call(void)
{
	__atomic_fetch_add(&bad_calls, 1, __ATOMIC_RELAXED);
}

/* The "vmalloc error" warning Linux prints, with the reason and the GFP flags. */
static void warn_vmalloc(gfp_t gfp, unsigned long size, const char *why, const void *caller)
{
	char names[160];

	if (gfp & __GFP_NOWARN)
		return;
	format_gfp_flags(names, sizeof(names), gfp);
	pr_warn(CONTEXT_FMT ": vmalloc error: size %lu, %s, mode:%#x(%s)\n", raw_smp_processor_id(),
		size, why, gfp, names);
	pr_warn("caller: %pS\n", caller);
}

static void free_area_pages(struct vm_struct *vm, unsigned int nr)
{
	for (unsigned int i = 0; i < nr; i++)
		__free_page(vm->pages[i]);
	if (nr)
		mod_mm_stat(NR_VMALLOC, -(long)nr);
	kfree(vm->pages);
}

/* Is @size more than the vmalloc region can hold (with a guard page)? Warn if so. */
static bool too_large(unsigned long size, gfp_t gfp, const void *caller)
{
	if (size <= VMALLOC_END - VMALLOC_START - PAGE_SIZE)
		return false;
	warn_vmalloc(gfp, size, "larger than the vmalloc region", caller);
	count_bad_call();
	return true;
}

/* Reserve an area of @size bytes (page aligned, fits the region) plus its guard page. */
static struct vmap_area *get_area(unsigned long size, unsigned long align, gfp_t gfp,
				  const void *caller)
{
	struct vmap_area *va = alloc_vmap_area(size + PAGE_SIZE, align, gfp & GFP_KERNEL);

	if (!va) {
		warn_vmalloc(gfp, size, "vm_struct allocation failed", caller);
		return NULL;
	}
	va->vm.caller = caller;
	return va;
}

/*
 * Unmap an area already taken out of the busy tree, free its pages if it
 * owns them, and give its addresses back: in that order, so that neither
 * the pages nor the addresses are reused while a TLB may still map them.
 */
static void release_area(struct vmap_area *va, const void *freer)
{
	unmap_kernel_range(va->va_start, va->va_end);
	if (va->vm.flags & VM_ALLOC)
		free_area_pages(&va->vm, va->vm.nr_pages);
	free_vmap_area(va, freer);
}

/* Give back an area get_area() returned, after a failure to fill it. */
static void put_area(struct vmap_area *va, const void *freer)
{
	take_vmap_area(va->va_start);
	release_area(va, freer);
}

static void *vmalloc_caller(unsigned long size, unsigned long align, gfp_t gfp, const void *caller)
{
	unsigned long nr, addr;
	struct vmap_area *va;
	struct vm_struct *vm;
	unsigned int i;

	if (!size) {
		warn_vmalloc(gfp, size, "zero size", caller);
		count_bad_call();
		return NULL;
	}
	/* Checked before rounding up to whole pages, which could wrap around. */
	if (too_large(size, gfp, caller))
		return NULL;
	if (align & (align - 1)) {
		warn_vmalloc(gfp, size, "alignment not a power of two", caller);
		count_bad_call();
		return NULL;
	}
	if (align < PAGE_SIZE)
		align = PAGE_SIZE;
	va = get_area((size + PAGE_SIZE - 1) & PAGE_MASK, align, gfp, caller);
	if (!va)
		return NULL;
	vm = &va->vm;
	addr = va->va_start;
	nr = (va->va_end - va->va_start) / PAGE_SIZE - 1;
	vm->flags = VM_ALLOC;
	vm->pages = kmalloc_array(nr, sizeof(*vm->pages), (gfp & GFP_KERNEL) | __GFP_NOWARN);
	if (!vm->pages) {
		warn_vmalloc(gfp, size, "no memory for the page array", caller);
		goto fail;
	}
	for (i = 0; i < nr; i++) {
		vm->pages[i] = alloc_page((gfp & ~__GFP_COMP) | __GFP_NOWARN);
		if (!vm->pages[i])
			break;
	}
	vm->nr_pages = i;
	mod_mm_stat(NR_VMALLOC, i);
	if (i < nr) {
		warn_vmalloc(gfp, size, "failed to allocate pages", caller);
		goto fail;
	}
	if (vmap_pages_range(addr, addr + nr * PAGE_SIZE, PAGE_KERNEL, vm->pages)) {
		warn_vmalloc(gfp, size, "failed to map pages", caller);
		goto fail;
	}
	return (void *)addr;

fail:
	put_area(va, caller);
	return NULL;
}

void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp, int node,
		     const void *caller)
{
	return vmalloc_caller(size, align, gfp, caller);
}

void *__vmalloc(unsigned long size, gfp_t gfp)
{
	return vmalloc_caller(size, PAGE_SIZE, gfp, __builtin_return_address(0));
}

void *vmalloc(unsigned long size)
{
	return vmalloc_caller(size, PAGE_SIZE, GFP_KERNEL, __builtin_return_address(0));
}

void *vzalloc(unsigned long size)
{
	return vmalloc_caller(size, PAGE_SIZE, GFP_KERNEL | __GFP_ZERO,
			      __builtin_return_address(0));
}

void *vmalloc_32(unsigned long size)
{
	return vmalloc_caller(size, PAGE_SIZE, GFP_KERNEL | GFP_DMA32, __builtin_return_address(0));
}

/* Say why @addr cannot be freed by @what ("vfree", "vunmap"), and count the misuse. */
static void report_bad_free(const char *what, const void *addr, const void *caller)
{
	pr_err("WARNING: Trying to %s() nonexistent vm area (%p)\n", what, addr);
	vmalloc_explain_addr((unsigned long)addr);
	pr_err("caller: %pS\n", caller);
	count_bad_call();
}

void vfree(const void *addr)
{
	const void *caller = __builtin_return_address(0);
	struct vmap_area *va;

	if (!addr)
		return;
	va = take_vmap_area((unsigned long)addr);
	if (!va) {
		report_bad_free("vfree", addr, caller);
		return;
	}
	release_area(va, caller);
}

void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot)
{
	const void *caller = __builtin_return_address(0);
	struct vmap_area *va;
	unsigned long addr;

	if (!count) {
		warn_vmalloc(GFP_KERNEL, 0, "zero size", caller);
		count_bad_call();
		return NULL;
	}
	if (too_large((unsigned long)count * PAGE_SIZE, GFP_KERNEL, caller))
		return NULL;
	va = get_area((unsigned long)count * PAGE_SIZE, PAGE_SIZE, GFP_KERNEL, caller);
	if (!va)
		return NULL;
	addr = va->va_start;
	va->vm.flags = VM_MAP;
	va->vm.pages = pages;
	va->vm.nr_pages = count;
	if (vmap_pages_range(addr, addr + (unsigned long)count * PAGE_SIZE, prot, pages)) {
		warn_vmalloc(GFP_KERNEL, (unsigned long)count * PAGE_SIZE, "failed to map pages",
			     caller);
		put_area(va, caller);
		return NULL;
	}
	return (void *)addr;
}

void vunmap(const void *addr)
{
	const void *caller = __builtin_return_address(0);
	struct vmap_area *va;

	if (!addr)
		return;
	va = find_vmap_area((unsigned long)addr);
	if (va && va->va_start == (unsigned long)addr && (va->vm.flags & VM_ALLOC)) {
		pr_err("WARNING: vunmap() of %p, an area vmalloc() allocated: vfree() it\n", addr);
		pr_err("caller: %pS\n", caller);
		count_bad_call();
		return;
	}
	va = take_vmap_area((unsigned long)addr);
	if (!va) {
		report_bad_free("vunmap", addr, caller);
		return;
	}
	release_area(va, caller);
}

struct page *vmalloc_to_page(const void *addr)
{
	unsigned long va = (unsigned long)addr;
	unsigned int level;
	pte_t *pte = lookup_kernel_pte(va, &level);

	if (!pte)
		return NULL;
	return pfn_to_page(pte_pfn(*pte) + ((va & (LEVEL_SIZE(level) - 1)) >> PAGE_SHIFT));
}

unsigned long vmalloc_to_pfn(const void *addr)
{
	struct page *page = vmalloc_to_page(addr);

	return page ? page_to_pfn(page) : 0;
}

struct vm_struct *find_vm_area(const void *addr)
{
	struct vmap_area *va = find_vmap_area((unsigned long)addr);

	return va ? &va->vm : NULL;
}

static void *kvmalloc_caller(size_t size, gfp_t gfp, const void *caller)
{
	if (size <= (PAGE_SIZE << PAGE_ALLOC_COSTLY_ORDER)) {
		void *p = kmalloc(size, gfp | __GFP_NOWARN);

		if (p || size <= PAGE_SIZE)
			return p; /* a failure this small would fail vmalloc too */
	}
	return vmalloc_caller(size, PAGE_SIZE, gfp, caller);
}

void *kvmalloc(size_t size, gfp_t gfp)
{
	return kvmalloc_caller(size, gfp, __builtin_return_address(0));
}

void *kvzalloc(size_t size, gfp_t gfp)
{
	return kvmalloc_caller(size, gfp | __GFP_ZERO, __builtin_return_address(0));
}

void kvfree(const void *addr)
{
	if (is_vmalloc_addr(addr))
		vfree(addr);
	else
		kfree(addr);
}

/*
 * vfree() keeps the page-table pages of the region for the next area there
 * (allocating and zeroing one per vmalloc would double its cost); when
 * memory runs short, the empty ones go back.
 */
static unsigned long vmalloc_shrink_scan(struct shrinker *shrinker, struct shrink_control *sc)
{
	return free_empty_page_tables(VMALLOC_START, VMALLOC_END);
}

static struct shrinker vmalloc_shrinker = {
	.scan = vmalloc_shrink_scan,
};

void vmalloc_init(void)
{
	vmap_area_init(VMALLOC_START, VMALLOC_END);
	register_shrinker(&vmalloc_shrinker);
	vmalloc_total_bytes = VMALLOC_END - VMALLOC_START;
}
