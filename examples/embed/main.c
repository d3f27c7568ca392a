/*
 * The example kernel: mm/ embedded through docs/embedding.md only. Describe
 * RAM to memblock, apply options, let mm/ build its page table and start,
 * bring up every hart, then run EMBED_THREADS worker threads per CPU that
 * allocate and free with every allocator while the tick preempts them, and
 * check that every page came back. EMBED_MEM (bytes of RAM at 0x80000000)
 * comes from the Makefile, the same as QEMU's -m.
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
#include <shrinker.h>
#include <slab.h>
#include <smp.h>
#include <vmalloc.h>

#include "embed.h"

#define RAM_BASE 0x80000000UL
#define DTB_RESERVE 0x10000UL
#define ROUNDS 300

extern char _etext[], _srodata[], _erodata[], _sdata[], _end[];
void embed_main(unsigned long hartid, unsigned long dtb);

static struct kernel_mapping maps[5];
static struct kmem_cache *shared_cache;
static unsigned int go;
unsigned int embed_workers_done;
static unsigned long failures;

static void set_map(unsigned int i, const char *name, unsigned long start, unsigned long end,
		    pgprot_t prot)
{
	maps[i] = (struct kernel_mapping){
		.name = name, .va = start, .pa = start, .size = end - start, .prot = prot
	};
}

/* One worker thread: ROUNDS of kmalloc, pages, vmalloc and the shared cache. */
void embed_worker(unsigned long cpu)
{
	unsigned long seed = cpu * 7919 + 17, failed = 0;

	while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
		cpu_relax();
	for (int i = 0; i < ROUNDS; i++) {
		unsigned int order = (unsigned int)(seed % 4);
		void *p = kmalloc(16 + seed % 3000, GFP_KERNEL);
		struct page *page = alloc_pages(GFP_KERNEL, order);
		void *v = vmalloc(PAGE_SIZE * (1 + seed % 5));
		void *o = kmem_cache_alloc(shared_cache, GFP_KERNEL);

		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		failed += !p + !page + !v + !o;
		kfree(p);
		if (page)
			__free_pages(page, order);
		vfree(v);
		kmem_cache_free(shared_cache, o);
	}
	__atomic_fetch_add(&failures, failed, __ATOMIC_RELAXED);
}

static unsigned long quiesced_free_pages(void)
{
	shrink_caches(GFP_KERNEL, ULONG_MAX);
	drain_all_pages(NULL);
	return nr_free_pages();
}

void embed_main(unsigned long hartid, unsigned long dtb)
{
	char options[] = "mempool.debug=1";
	unsigned long before, after, preemptions = 0;
	unsigned int nr_cpus;

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

	nr_cpus = embed_start_cpus(hartid);
	page_alloc_init_late(); /* the rest of RAM's struct pages, on every CPU */
	shared_cache = kmem_cache_create("embed_shared", 72, 0, 0, NULL);
	if (!shared_cache)
		panic("embed: no shared cache");
	before = quiesced_free_pages();
	printk("embed: %u CPUs, %u worker threads each, %lu free pages\n", nr_cpus, EMBED_THREADS,
	       before);
	__atomic_store_n(&go, 1, __ATOMIC_RELEASE);
	while (__atomic_load_n(&embed_workers_done, __ATOMIC_ACQUIRE) < nr_cpus * EMBED_THREADS)
		cpu_relax();
	after = quiesced_free_pages();
	for (unsigned int cpu = 0; cpu < nr_cpus; cpu++) {
		struct embed_cpu_stats *st = &embed_stats[cpu];

		printk("embed: CPU%u (hart %lu): %lu ticks, %lu preemptions, %lu deferred "
		       "(preemption disabled), %lu cross-CPU requests served\n",
		       cpu, embed_cpu_hart[cpu], st->ticks, st->preemptions, st->deferred,
		       st->calls);
		preemptions += st->preemptions;
	}
	/* KTAP, for make test's ktap-check. */
	printk("KTAP version 1\n1..3\n");
	printk("# %lu allocations failed\n%sok 1 no_allocation_failed\n", failures,
	       failures ? "not " : "");
	printk("# free pages %lu before the workers, %lu after\n%sok 2 no_page_lost\n", before,
	       after, before != after ? "not " : "");
	printk("# %lu preemptions in all\n%sok 3 the_tick_preempted_worker_threads\n", preemptions,
	       preemptions ? "" : "not ");
	embed_power_off(failures || before != after || !preemptions);
}
