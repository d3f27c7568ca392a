/*
 * The example kernel: mm/ embedded through docs/embedding.md only. Describe
 * RAM to memblock, apply options, let mm/ join this kernel's own page table
 * (pages only, nothing global) and start,
 * bring up every hart, then run EMBED_THREADS worker threads per CPU that
 * allocate and free with every allocator while the tick preempts them, then
 * mm/'s own test suites and this kernel's (selftest.c: every allocation
 * succeeded, every page came back, the tick preempted both phases). EMBED_MEM (bytes of RAM at 0x80000000)
 * comes from the Makefile, the same as QEMU's -m.
 */
#include <asm/port.h>
#include <bug.h>
#include <gfp.h>
#include <kernel.h>
#include <ktest.h>
#include <memblock.h>
#include <mm.h>
#include <mm_params.h>
#include <mmzone.h>
#include <pgtable.h>
#include <shrinker.h>
#include <slab.h>
#include <smp.h>
#include <string.h>
#include <vmalloc.h>

#include "embed.h"

#define RAM_BASE 0x80000000UL
#define DTB_RESERVE 0x10000UL
#define ROUNDS 300

extern char _etext[], _srodata[], _erodata[], _sdata[], _end[];
void embed_main(unsigned long hartid, unsigned long dtb);

static struct kernel_mapping maps[5];

/*
 * This kernel's own Sv39 root table, which mm/ joins: its walker (selftest.c)
 * reads only 4 KiB leaves, and no kernel mapping may be global (a process
 * table of such a kernel would not copy them). The root's entries as mm/ left
 * them at boot, which must never change.
 */
u64 embed_root[512] __aligned(4096);
u64 embed_root_at_boot[512];
static const struct pgtable_join join = { .max_leaf_level = 0, .nonglobal = true };

/* embed_load_root - switch this hart to embed_root: Sv39, ASID 0. */
void embed_load_root(void)
{
	unsigned long satp = 8UL << 60 | (unsigned long)embed_root >> 12;

	__asm__ __volatile__("sfence.vma\n\tcsrw satp, %0\n\tsfence.vma" ::"r"(satp) : "memory");
}
static struct kmem_cache *shared_cache;
static unsigned int go;
unsigned int embed_workers_done;
struct embed_workload embed_workload;

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
	__atomic_fetch_add(&embed_workload.failures, failed, __ATOMIC_RELAXED);
}

unsigned long embed_quiesced_free_pages(void)
{
	shrink_caches(GFP_KERNEL, ULONG_MAX);
	drain_all_pages(NULL);
	return nr_free_pages();
}

static unsigned long embed_preemptions(void)
{
	unsigned long sum = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		sum += __atomic_load_n(&embed_stats[cpu].preemptions, __ATOMIC_RELAXED);
	return sum;
}

static void print_cpu_stats(unsigned int nr_cpus)
{
	for (unsigned int cpu = 0; cpu < nr_cpus; cpu++) {
		struct embed_cpu_stats *st = &embed_stats[cpu];

		printk("embed: CPU%u (hart %lu): %lu ticks, %lu preemptions (%lu of its own "
		       "context), %lu deferred (preemption disabled), %lu cross-CPU requests "
		       "served\n",
		       cpu, embed_cpu_hart[cpu], st->ticks, st->preemptions, st->own, st->deferred,
		       st->calls);
	}
}

void embed_main(unsigned long hartid, unsigned long dtb)
{
	char options[] = "mempool.debug=1";
	unsigned int nr_cpus, failed;

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
	paging_init_join((pte_t *)embed_root, &join, maps, ARRAY_SIZE(maps));
	memcpy(embed_root_at_boot, embed_root, sizeof(embed_root));
	embed_load_root();
	mm_core_init();

	nr_cpus = embed_start_cpus(hartid);
	page_alloc_init_late(); /* the rest of RAM's struct pages, on every CPU */
	shared_cache = kmem_cache_create("embed_shared", 72, 0, 0, NULL);
	if (!shared_cache)
		panic("embed: no shared cache");
	embed_workload.free_before = embed_quiesced_free_pages();
	printk("embed: %u CPUs, %u worker threads each, %lu free pages\n", nr_cpus, EMBED_THREADS,
	       embed_workload.free_before);
	__atomic_store_n(&go, 1, __ATOMIC_RELEASE);
	while (__atomic_load_n(&embed_workers_done, __ATOMIC_ACQUIRE) < nr_cpus * EMBED_THREADS)
		cpu_relax();
	embed_workload.free_after = embed_quiesced_free_pages();
	embed_workload.preemptions = embed_preemptions();
	embed_workload.cpu0_own = embed_stats[0].own;
	print_cpu_stats(nr_cpus);

	/* mm/'s suites and this kernel's (selftest.c), the workers preempting them. */
	failed = ktest_run_all();
	print_cpu_stats(nr_cpus);
	embed_power_off(failed ? 1 : 0);
}
