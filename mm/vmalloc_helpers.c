/*
 * The vmalloc-side helpers tutorials use, built on the public vmalloc, vmap
 * and kvmalloc calls: vm_map_ram()/vm_unmap_ram(), vcalloc(),
 * kvmalloc_array(), kvcalloc() and kvrealloc(). No state and no locks of
 * their own.
 */
#include <bug.h>
#include <kernel.h>
#include <mmzone.h>
#include <slab.h>
#include <string.h>
#include <vmalloc.h>

void *vm_map_ram(struct page **pages, unsigned int count, int node)
{
	return vmap(pages, count, VM_MAP, PAGE_KERNEL);
}

void vm_unmap_ram(const void *mem, unsigned int count)
{
	struct vm_struct *vm = find_vm_area(mem);

	if (!vm || vm->addr != mem || !(vm->flags & VM_MAP) || vm->nr_pages != count) {
		pr_err("WARNING: vm_unmap_ram(%p, %u): not a vm_map_ram() area of %u pages\n", mem,
		       count, count);
		WARN_ON(true);
		return;
	}
	vunmap(mem);
}

void *vcalloc(size_t n, size_t size)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return vzalloc(bytes);
}

void *kvmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kvmalloc(bytes, flags);
}

void *kvcalloc(size_t n, size_t size, gfp_t flags)
{
	return kvmalloc_array(n, size, flags | __GFP_ZERO);
}

/* Bytes of @p the caller may use: a vmalloc area's pages, or ksize(). */
static size_t kv_usable_size(const void *p)
{
	if (is_vmalloc_addr(p)) {
		struct vm_struct *vm = find_vm_area(p);

		return vm ? (size_t)vm->nr_pages * PAGE_SIZE : 0;
	}
	return ksize(p);
}

void *kvrealloc(const void *p, size_t size, gfp_t flags)
{
	size_t old;
	void *n;

	if (ZERO_OR_NULL_PTR(p))
		return kvmalloc(size, flags);
	if (!size) {
		kvfree(p);
		return ZERO_SIZE_PTR;
	}
	/* kvmalloc()'s rule: only sizes up to the costly order try kmalloc. */
	if (!is_vmalloc_addr(p) && size <= (PAGE_SIZE << PAGE_ALLOC_COSTLY_ORDER)) {
		n = krealloc(p, size, flags | __GFP_NOWARN);
		if (n || !is_kmalloc_block(p))
			return n; /* done, or not kmalloc memory (krealloc() reported it) */
	}
	old = kv_usable_size(p);
	if (!old)
		return NULL; /* not a live area: find_vm_area() found nothing */
	if (size <= old && is_vmalloc_addr(p)) {
		if (flags & __GFP_ZERO)
			memset((u8 *)p + size, 0, old - size);
		return (void *)p;
	}
	n = kvmalloc(size, flags & ~__GFP_ZERO);
	if (!n)
		return NULL;
	memcpy(n, p, min(old, size));
	if ((flags & __GFP_ZERO) && size > old)
		memset((u8 *)n + old, 0, size - old);
	kvfree(p);
	return n;
}
