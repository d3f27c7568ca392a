/*
 * What vmalloc prints: /proc/vmallocinfo, and which area an address belongs
 * to, for the kernel fault report (a guard page hit, a use after vfree) and
 * for a bad vfree()/vunmap() (an interior pointer, a double free).
 */
#include <fault.h>
#include <mm.h>
#include <printk.h>
#include <vmalloc.h>

#include "internal.h"
#include "vmap_area.h"

/* What is known of an address in the vmalloc region. */
struct addr_info {
	enum fault_region region;
	unsigned long start, end; /* the area, its guard page not included */
	const void *caller, *freer;
};

/* Under vmap_area_lock: which area @addr belongs to. */
static void classify(unsigned long addr, struct addr_info *info)
{
	const struct vmap_area *va = __find_vmap_area(addr);
	struct freed_vmap_area freed;

	*info = (struct addr_info){ .region = FAULT_REGION_VMALLOC_UNUSED };
	if (va) {
		info->start = va->va_start;
		info->end = va->va_end - PAGE_SIZE;
		info->caller = va->vm.caller;
		info->region =
			addr >= info->end ? FAULT_REGION_VMALLOC_GUARD : FAULT_REGION_VMALLOC_AREA;
	} else if (__find_freed_vmap_area(addr, &freed)) {
		info->start = freed.va_start;
		info->end = freed.va_end - PAGE_SIZE;
		info->caller = freed.caller;
		info->freer = freed.freer;
		info->region = FAULT_REGION_VMALLOC_FREED;
	}
}

static void print_info(unsigned long addr, const struct addr_info *info)
{
	unsigned long size = info->end - info->start;

	switch (info->region) {
	case FAULT_REGION_VMALLOC_GUARD:
		pr_alert("  %#lx is in the guard page after the vmalloc area [%#lx-%#lx] "
			 "of %lu bytes allocated by %pS\n",
			 addr, info->start, info->end, size, info->caller);
		break;
	case FAULT_REGION_VMALLOC_AREA:
		pr_alert("  %#lx is %lu bytes inside the vmalloc area [%#lx-%#lx] of %lu bytes "
			 "allocated by %pS\n",
			 addr, addr - info->start, info->start, info->end, size, info->caller);
		break;
	case FAULT_REGION_VMALLOC_FREED:
		pr_alert("  %#lx is %lu bytes inside the vmalloc area [%#lx-%#lx] of %lu bytes "
			 "allocated by %pS and freed by %pS\n",
			 addr, addr - info->start, info->start, info->end, size, info->caller,
			 info->freer);
		break;
	case FAULT_REGION_VMALLOC_UNUSED:
		pr_alert("  %#lx is in the vmalloc region but in no area allocated lately\n", addr);
		break;
	default:
		pr_alert("  %#lx is not in the vmalloc region [%#lx-%#lx]\n", addr, VMALLOC_START,
			 VMALLOC_END);
		break;
	}
}

void vmalloc_describe_fault(struct kernel_fault *fault)
{
	struct addr_info info = { .region = FAULT_REGION_OTHER };

	if (!is_vmalloc_addr((void *)fault->addr))
		return;
	/* The fault may have hit while this CPU held the lock: do not wait for it. */
	if (!spin_trylock(&vmap_area_lock)) {
		pr_alert("  (vmalloc areas are being changed: cannot say which area)\n");
		return;
	}
	classify(fault->addr, &info);
	spin_unlock(&vmap_area_lock);
	print_info(fault->addr, &info);
	fault->region = info.region;
	fault->area_start = info.start;
	fault->area_size = info.end - info.start;
	fault->area_caller = info.caller;
}

void vmalloc_explain_addr(unsigned long addr)
{
	struct addr_info info = { .region = FAULT_REGION_OTHER };

	if (is_vmalloc_addr((void *)addr)) {
		spin_lock(&vmap_area_lock);
		classify(addr, &info);
		spin_unlock(&vmap_area_lock);
	}
	print_info(addr, &info);
}

void show_vmallocinfo(void)
{
	spin_lock(&vmap_area_lock);
	for (struct rb_node *node = rb_first(&vmap_busy_root); node; node = rb_next(node)) {
		const struct vmap_area *va = rb_entry(node, struct vmap_area, rb_node);
		const struct vm_struct *vm = &va->vm;

		pr_info("0x%016lx-0x%016lx %8lu %pS pages=%u %s\n", va->va_start, va->va_end,
			vm->size, vm->caller, vm->nr_pages,
			vm->flags & VM_ALLOC ? "vmalloc" : "vmap");
	}
	spin_unlock(&vmap_area_lock);
}
