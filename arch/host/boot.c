/*
 * ARCH=host boot: what a bootloader and the firmware do for the other ports.
 * Sizes "physical memory" from a device tree (what the kernel will accept of
 * it), makes it a memfd mapped as the direct map, reserves the vmalloc and
 * vmemmap regions, copies the DTB near the top of RAM (as QEMU does). main.c
 * boots from a file with it; fuzz/ harnesses from their input.
 */
#include <arch.h>
#include <asm/port.h>
#include <bug.h>
#include <dtb.h>
#include <mm.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "host.h"

#define DTB_ALIGN (2UL << 20)	 /* QEMU puts the DTB 2 MiB-aligned below the top of RAM */
#define RAM_VA_ALIGN (1UL << 30) /* the largest leaf: RAM's VA is congruent to its PA modulo it */

uintptr_t host_ram_va;
phys_addr_t host_ram_pa;
int host_ram_fd;
size_t host_ram_size;
unsigned long host_vmalloc_start;
const char *host_append;

/*
 * Where RAM lies, as the kernel will see it: every /memory range cut by
 * dtb_range_clip() at PHYS_RAM_LIMIT, as setup_memory() cuts it, so that
 * the memfd holds exactly the RAM the kernel accepts.
 */
struct ram_span {
	u64 lo, hi; /* lowest base and highest end of all usable memory */
	u64 dtb_pa; /* where the DTB goes: the highest place in RAM that holds it */
	u32 dtb_size;
};

static int widen_span(void *arg, const char *name, const struct dtb_range *r, bool nomap)
{
	struct ram_span *span = arg;
	struct dtb_range use;
	u64 end, at;

	dtb_range_clip(r, PHYS_RAM_LIMIT, &use);
	if (!use.size)
		return 0;
	end = use.base + use.size;
	span->lo = min(span->lo, use.base);
	span->hi = max(span->hi, end);
	if (use.size < span->dtb_size)
		return 0;
	/* 2 MiB aligned below the top, as QEMU does; page aligned in a smaller range. */
	at = (end - span->dtb_size) & ~(u64)(DTB_ALIGN - 1);
	if (at < use.base)
		at = (end - span->dtb_size) & PAGE_MASK;
	if (at >= use.base && (span->dtb_pa == ~0ULL || at > span->dtb_pa))
		span->dtb_pa = at;
	return 0;
}

/*
 * Create the memfd that plays physical memory [lo, hi) (page aligned) and map
 * it where its virtual address is congruent to its physical one modulo the
 * largest leaf: the direct map then takes large leaves wherever RAM's
 * alignment allows, and a block of the buddy allocator is as aligned in
 * virtual memory as in physical, whatever the banks' bases and sizes.
 */
static void map_ram(u64 lo, u64 hi)
{
	size_t size = hi - lo, room = size + RAM_VA_ALIGN;
	int fd = memfd_create("host-ram", 0);
	uintptr_t base, va;

	if (fd < 0 || ftruncate(fd, (off_t)size) < 0)
		host_die("cannot create %llu MiB of RAM: %s", (unsigned long long)size >> 20,
			 strerror(errno));
	base = (uintptr_t)mmap(NULL, room, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
			       -1, 0);
	if ((void *)base == MAP_FAILED)
		host_die("cannot reserve address space for RAM: %s", strerror(errno));
	va = base + ((lo - base) & (RAM_VA_ALIGN - 1));
	if (mmap((void *)va, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_NORESERVE | MAP_FIXED,
		 fd, 0) == MAP_FAILED)
		host_die("cannot map RAM: %s", strerror(errno));
	if (va > base)
		munmap((void *)base, va - base);
	if (base + room > va + size)
		munmap((void *)(va + size), base + room - (va + size));
	host_ram_va = va;
	host_ram_pa = lo;
	host_ram_fd = fd;
	host_ram_size = size;
}

/*
 * Reserve the vmalloc region: address space only (PROT_NONE, no memory),
 * aligned to 1 GiB so that it starts a fresh page-table subtree.
 */
static void reserve_vmalloc_region(void)
{
	const unsigned long align = 1UL << 30;
	void *va = mmap(NULL, HOST_VMALLOC_SIZE + align, PROT_NONE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (va == MAP_FAILED)
		host_die("cannot reserve the vmalloc region: %s", strerror(errno));
	host_vmalloc_start = ((unsigned long)va + align - 1) & ~(align - 1);
}

/*
 * Reserve the vmemmap region, at its fixed address: address space only.
 * mem_init() maps the parts that RAM needs.
 */
static void reserve_vmemmap_region(u64 ram_end)
{
	void *want = (void *)VMEMMAP_START, *va;

	if ((ram_end >> PAGE_SHIFT) > (VMEMMAP_END - VMEMMAP_START) / sizeof(struct page))
		host_die("RAM ending at %#llx needs more struct pages than vmemmap holds",
			 (unsigned long long)ram_end);
	va = mmap(want, VMEMMAP_END - VMEMMAP_START, PROT_NONE,
		  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
	if (va != want)
		host_die("cannot reserve the vmemmap region at %p: %s", want,
			 va == MAP_FAILED ? strerror(errno) : "taken");
}

phys_addr_t host_boot(const void *blob, size_t size, const char *name)
{
	struct ram_span span = { .lo = ~0ULL, .dtb_pa = ~0ULL };
	struct dtb dt;
	int err;

	err = dtb_init(&dt, blob, size);
	if (err)
		host_die("%s is not a usable device tree: %s", name, dtb_strerror(err));
	span.dtb_size = dt.totalsize;
	err = dtb_for_each_memory(&dt, widen_span, &span);
	if (err)
		host_die("%s: cannot read /memory: %s", name, dtb_strerror(err));

	/*
	 * No range of RAM holds the DTB (no usable RAM at all, or only tiny
	 * ranges): put it just above RAM, outside it, and let the kernel judge.
	 */
	if (span.dtb_pa == ~0ULL) {
		if (span.lo > span.hi)
			span.lo = span.hi = 0x80000000ULL;
		span.dtb_pa = ALIGN(span.hi, PAGE_SIZE);
		span.hi = span.dtb_pa + dt.totalsize;
	}
	map_ram(span.lo & PAGE_MASK, ALIGN(span.hi, PAGE_SIZE));
	reserve_vmalloc_region();
	reserve_vmemmap_region(span.hi);
	memcpy(phys_to_virt(span.dtb_pa), blob, dt.totalsize);
	host_setup_traps();
	host_irq_of[0] = &host_irq_this; /* the calling thread is CPU 0 */
	return span.dtb_pa;
}

const char *arch_bootargs_override(void)
{
	return host_append;
}

bool arch_kernel_image(phys_addr_t *start, phys_addr_t *end)
{
	return false; /* the kernel is a host program, not in the simulated RAM */
}

const struct kernel_mapping *arch_kernel_mappings(unsigned int *nr)
{
	*nr = 0; /* the image and the console are the host program's own */
	return NULL;
}

const char *arch_name(void)
{
	return "host";
}
