/*
 * The example kernel: mm/ embedded through docs/embedding.md only. One hart
 * so far: describe RAM to memblock, apply options, let mm/ build its page
 * table and start, run a workload of every allocator and check that every
 * page came back. EMBED_MEM (bytes of RAM at 0x80000000) comes from the
 * Makefile, the same as QEMU's -m.
 */
#include <asm/port.h>
#include <bug.h>
#include <gfp.h>
#include <kernel.h>
#include <memblock.h>
#include <mm.h>
#include <mm_params.h>
#include <mmzone.h>
#include <pgtable.h>
#include <slab.h>
#include <smp.h>
#include <vmalloc.h>

#define RAM_BASE 0x80000000UL
#define DTB_RESERVE 0x10000UL

extern char _etext[], _srodata[], _erodata[], _sdata[], _end[];
void __noreturn embed_power_off(unsigned int status);
void embed_main(unsigned long hartid, unsigned long dtb);

static struct kernel_mapping maps[5];

static void set_map(unsigned int i, const char *name, unsigned long start, unsigned long end,
		    pgprot_t prot)
{
	maps[i] = (struct kernel_mapping){
		.name = name, .va = start, .pa = start, .size = end - start, .prot = prot
	};
}

/* A round of every allocator; returns how many allocations failed. */
static unsigned int workload(void)
{
	struct kmem_cache *s = kmem_cache_create("embed", 72, 0, 0, NULL);
	unsigned int failed = 0;

	for (int i = 0; i < 200; i++) {
		void *p = kmalloc(16 + i * 37, GFP_KERNEL);
		struct page *page = alloc_pages(GFP_KERNEL, i % 4);
		void *v = vmalloc(PAGE_SIZE * (1 + i % 5));
		void *o = s ? kmem_cache_alloc(s, GFP_KERNEL) : NULL;

		failed += !p + !page + !v + !o;
		kfree(p);
		if (page)
			__free_pages(page, i % 4);
		vfree(v);
		if (o)
			kmem_cache_free(s, o);
	}
	kmem_cache_destroy(s);
	return failed;
}

void embed_main(unsigned long hartid, unsigned long dtb)
{
	char options[] = "mempool.debug=1";
	unsigned long before, after;
	unsigned int failed;

	printk("embed: example kernel on hart %lu, device tree at %#lx\n", hartid, dtb);
	memblock_add(RAM_BASE, EMBED_MEM);
	memblock_reserve(RAM_BASE, (unsigned long)_end - RAM_BASE); /* OpenSBI and the image */
	memblock_reserve(dtb, DTB_RESERVE);
	if (mm_parse_options(options))
		panic("embed: mm_parse_options refused \"%s\"", options);
	set_map(0, ".text", 0x80200000UL, (unsigned long)_etext, PAGE_KERNEL_ROX);
	set_map(1, ".rodata", (unsigned long)_srodata, (unsigned long)_erodata, PAGE_KERNEL_RO);
	set_map(2, ".data+bss", (unsigned long)_sdata, (unsigned long)_end, PAGE_KERNEL);
	set_map(3, "uart", 0x10000000UL, 0x10001000UL, PAGE_KERNEL_IO);
	set_map(4, "finisher", 0x100000UL, 0x101000UL, PAGE_KERNEL_IO);
	paging_init(maps, ARRAY_SIZE(maps));
	mm_core_init();
	__cpu_online_mask = 1;

	/* The first round leaves caches' slabs and page-table pages in place: measure the second. */
	failed = workload();
	drain_all_pages(NULL);
	before = nr_free_pages();
	failed += workload();
	drain_all_pages(NULL);
	after = nr_free_pages();
	printk("embed: %u allocations failed; free pages %lu before the workload, %lu after\n",
	       failed, before, after);
	embed_power_off(failed || before != after);
}
