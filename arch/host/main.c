/*
 * ARCH=host entry: boots the kernel as a Linux process. Reads a DTB file,
 * makes a memfd as large as the memory it describes, maps it as the direct
 * map, copies the DTB near the top of RAM (as QEMU does) and calls
 * start_kernel().
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

#define DTB_ALIGN (2UL << 20) /* QEMU puts the DTB 2 MiB-aligned below the top of RAM */

uintptr_t host_ram_va;
phys_addr_t host_ram_pa;
int host_ram_fd;
unsigned long host_vmalloc_start;
static const char *append;

struct ram_span {
	u64 lo, hi;   /* lowest base and highest end of all memory ranges */
	u64 top_base; /* base of the highest range, where the DTB goes */
};

static int widen_span(void *arg, const char *name, const struct dtb_range *r, bool nomap)
{
	struct ram_span *span = arg;

	if (!r->size || r->base + r->size < r->base)
		return 0;
	if (r->base < span->lo)
		span->lo = r->base;
	if (r->base + r->size > span->hi) {
		span->hi = r->base + r->size;
		span->top_base = r->base;
	}
	return 0;
}

static void *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 1 << 16, len = 0, n;
	char *buf = malloc(cap);

	if (!f || !buf)
		host_die("cannot read %s: %s", path, strerror(errno));
	while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap) {
			char *bigger = realloc(buf, cap *= 2);

			if (!bigger)
				host_die("out of memory reading %s", path);
			buf = bigger;
		}
	}
	fclose(f);
	*size = len;
	return buf;
}

/* Create and map the memfd that plays physical memory [lo, hi). */
static void map_ram(u64 lo, u64 hi)
{
	int fd = memfd_create("host-ram", 0);
	void *va;

	if (fd < 0 || ftruncate(fd, (off_t)(hi - lo)) < 0)
		host_die("cannot create %llu MiB of RAM: %s", (unsigned long long)(hi - lo) >> 20,
			 strerror(errno));
	va = mmap(NULL, hi - lo, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_NORESERVE, fd, 0);
	if (va == MAP_FAILED)
		host_die("cannot map RAM: %s", strerror(errno));
	host_ram_va = (uintptr_t)va;
	host_ram_pa = lo;
	host_ram_fd = fd;
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

static void usage(const char *prog)
{
	fprintf(stderr, "usage: %s [--append \"bootargs\"] file.dtb\n", prog);
	exit(EXIT_KERNEL_PANIC);
}

int main(int argc, char **argv)
{
	struct ram_span span = { .lo = ~0ULL };
	const char *dtb_path = NULL;
	struct dtb dt;
	size_t size;
	void *blob;
	u64 dtb_pa;
	int err;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--append") && i + 1 < argc)
			append = argv[++i];
		else if (argv[i][0] != '-' && !dtb_path)
			dtb_path = argv[i];
		else
			usage(argv[0]);
	}
	if (!dtb_path)
		usage(argv[0]);

	blob = read_file(dtb_path, &size);
	err = dtb_init(&dt, blob, size);
	if (err)
		host_die("%s is not a usable device tree: %s", dtb_path, dtb_strerror(err));
	err = dtb_for_each_memory(&dt, widen_span, &span);
	if (err)
		host_die("%s: cannot read /memory: %s", dtb_path, dtb_strerror(err));

	/* With no usable RAM the kernel must say so itself: give the DTB a home anyway. */
	if (span.hi - span.top_base < DTB_ALIGN * 2) {
		span.lo = span.top_base = span.hi = 0x80000000ULL;
		span.hi += DTB_ALIGN * 2;
	}
	dtb_pa = ((span.hi - dt.totalsize) & ~(u64)(DTB_ALIGN - 1));
	map_ram(span.lo, span.hi);
	reserve_vmalloc_region();
	reserve_vmemmap_region(span.hi);
	memcpy(phys_to_virt(dtb_pa), blob, dt.totalsize);
	free(blob);

	host_setup_traps();
	host_irq_of[0] = &host_irq_this; /* the main thread is CPU 0 */
	start_kernel(0, dtb_pa);
}

const char *arch_bootargs_override(void)
{
	return append;
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
