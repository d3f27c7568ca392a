/*
 * What mm/'s own test suites need from the example kernel besides the
 * embedding contract (docs/embedding.md, section 11): CPU work, run by each
 * other CPU's own context (its idle loop in sched.c) with interrupts enabled
 * and preemptible, polled like the cross-CPU requests; and this kernel's own
 * suite, linked after mm/'s so that it runs last: the workload's results,
 * that the tick preempted mm/'s suites and they left every page free, and
 * that this kernel's own page-table walker reads everything mm/ mapped in
 * its root (4 KiB leaves, none global) and that the root never changed.
 */
#include <asm/port.h>
#include <errno.h>
#include <ktest.h>
#include <memblock.h>
#include <mm.h>
#include <smp.h>
#include <vmalloc.h>

#include "embed.h"

/* One CPU's work: put in its slot by the caller, taken and run by its idle loop. */
struct cpu_work {
	int (*func)(void *arg);
	void *arg;
	int ret;
	int done;
};

static struct cpu_work *cpu_work[NR_CPUS];

bool embed_run_cpu_work(unsigned long cpu)
{
	struct cpu_work *work = __atomic_exchange_n(&cpu_work[cpu], NULL, __ATOMIC_ACQUIRE);

	if (!work)
		return false;
	work->ret = work->func(work->arg);
	__atomic_store_n(&work->done, 1, __ATOMIC_RELEASE);
	return true;
}

/* CPU 0's own context runs embed_main(), not an idle loop: it takes no work. */
static int queue_work(unsigned int cpu, struct cpu_work *work)
{
	struct cpu_work *none = NULL;

	if (!cpu || !cpu_online(cpu))
		return -ENXIO;
	if (!__atomic_compare_exchange_n(&cpu_work[cpu], &none, work, false, __ATOMIC_RELEASE,
					 __ATOMIC_RELAXED))
		return -EBUSY;
	return 0;
}

static int wait_work(struct cpu_work *work)
{
	while (!__atomic_load_n(&work->done, __ATOMIC_ACQUIRE))
		cpu_relax();
	return work->ret;
}

int smp_call_on_cpu(unsigned int cpu, int (*func)(void *), void *par, bool phys)
{
	struct cpu_work work = { .func = func, .arg = par };
	int err;

	if (cpu == smp_processor_id())
		return func(par);
	err = queue_work(cpu, &work);
	return err ? err : wait_work(&work);
}

int smp_run_on_cpus(unsigned long mask, int (*func)(void *), void *arg)
{
	struct cpu_work work[NR_CPUS];
	unsigned int me = smp_processor_id();
	unsigned long queued = 0;
	int err = 0, ret;

	if (mask & ~cpu_online_mask())
		return -ENXIO;
	for (unsigned int cpu = 0; cpu < NR_CPUS && !err; cpu++) {
		if (cpu == me || !(mask & (1UL << cpu)))
			continue;
		work[cpu] = (struct cpu_work){ .func = func, .arg = arg };
		err = queue_work(cpu, &work[cpu]);
		if (!err)
			queued |= 1UL << cpu;
	}
	if (!err && (mask & (1UL << me)))
		err = func(arg);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!(queued & (1UL << cpu)))
			continue;
		ret = wait_work(&work[cpu]);
		if (ret && !err)
			err = ret;
	}
	return err;
}

int smp_run_on_each_cpu(int (*func)(void *), void *arg)
{
	return smp_run_on_cpus(cpu_online_mask(), func, arg);
}

static void no_allocation_failed(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, embed_workload.failures, 0);
}

static void no_page_lost(struct ktest *t)
{
	ktest_printf(t, "free pages %lu before the workers, %lu after", embed_workload.free_before,
		     embed_workload.free_after);
	KTEST_EXPECT_EQ(t, embed_workload.free_after, embed_workload.free_before);
}

static void the_tick_preempted_worker_threads(struct ktest *t)
{
	ktest_printf(t, "%lu preemptions during the workload", embed_workload.preemptions);
	KTEST_EXPECT_GT(t, embed_workload.preemptions, 0);
}

/* CPU 0's own context ran every suite (and waited there for the other CPUs' work). */
static void the_tick_preempted_mm_suites(struct ktest *t)
{
	unsigned long during = embed_stats[0].own - embed_workload.cpu0_own;

	ktest_printf(t, "CPU 0's own context preempted %lu times while mm/'s suites ran", during);
	KTEST_EXPECT_GT(t, during, 0);
}

static void mm_suites_left_every_page_free(struct ktest *t)
{
	unsigned long now = embed_quiesced_free_pages();

	ktest_printf(t, "free pages %lu before mm/'s suites, %lu after", embed_workload.free_after,
		     now);
	KTEST_EXPECT_EQ(t, now, embed_workload.free_after);
}

/*
 * This kernel's own Sv39 walker, which knows 4 KiB leaves only: the entry
 * that maps @va, or 0 if nothing does or a larger leaf is in the way.
 */
#define SV39_V 0x1UL
#define SV39_RWX 0xeUL
#define SV39_G 0x20UL

static u64 own_walk(unsigned long va)
{
	const u64 *table = embed_root;

	for (int level = 2; level >= 0; level--) {
		u64 e = table[(va >> (12 + 9 * level)) & 511];

		if (!(e & SV39_V) || ((e & SV39_RWX) && level))
			return 0;
		if (e & SV39_RWX)
			return e;
		table = (const u64 *)((e >> 10) << 12);
	}
	return 0;
}

/* Every page of [@start, @end) a 4 KiB leaf, not global, of the page @pa_of() says. */
static bool own_walker_reads(struct ktest *t, const char *what, unsigned long start,
			     unsigned long end, unsigned long (*pa_of)(unsigned long va))
{
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		u64 e = own_walk(va);

		if (!e || (e & SV39_G) || (e >> 10) << 12 != pa_of(va)) {
			KTEST_FAIL(
				t,
				"%s at %#lx: entry %#llx; expected a 4 KiB leaf of %#lx, G clear",
				what, va, (unsigned long long)e, pa_of(va));
			return false;
		}
	}
	return true;
}

static unsigned long direct_pa(unsigned long va)
{
	return virt_to_phys((void *)va);
}

static unsigned long vmalloc_pa(unsigned long va)
{
	return page_to_phys(vmalloc_to_page((void *)va));
}

/* The struct pages' own addresses: vmemmap maps pages from anywhere in RAM. */
static unsigned long vmemmap_pa(unsigned long va)
{
	u64 e = own_walk(va);

	return e ? (e >> 10) << 12 : ~0UL;
}

static void own_walker_reads_every_mm_mapping(struct ktest *t)
{
	unsigned long ram = (unsigned long)phys_to_virt(memblock.memory.regions[0].base);
	unsigned long first = (unsigned long)pfn_to_page(PHYS_PFN(virt_to_phys((void *)ram)));
	unsigned long last = (unsigned long)pfn_to_page(PHYS_PFN(virt_to_phys((void *)ram)) +
							(EMBED_MEM >> PAGE_SHIFT) - 1);
	void *v = vmalloc(3 * PAGE_SIZE);

	KTEST_ASSERT_NOT_NULL(t, v);
	KTEST_EXPECT_TRUE(t, own_walker_reads(t, "direct map", ram, ram + EMBED_MEM, direct_pa));
	KTEST_EXPECT_TRUE(t,
			  own_walker_reads(t, "vmemmap", first & PAGE_MASK, last + 1, vmemmap_pa));
	KTEST_EXPECT_TRUE(t, own_walker_reads(t, "vmalloc", (unsigned long)v,
					      (unsigned long)v + 3 * PAGE_SIZE, vmalloc_pa));
	vfree(v);
}

/* mm/ never changed an entry of the root after paging_init_join(). */
static void root_entries_unchanged_since_boot(struct ktest *t)
{
	KTEST_EXPECT_MEMEQ(t, embed_root, embed_root_at_boot, sizeof(embed_root));
}

KTEST_SUITE(embed, KTEST_CASE(no_allocation_failed), KTEST_CASE(no_page_lost),
	    KTEST_CASE(the_tick_preempted_worker_threads), KTEST_CASE(the_tick_preempted_mm_suites),
	    KTEST_CASE(mm_suites_left_every_page_free), KTEST_CASE(own_walker_reads_every_mm_mapping),
	    KTEST_CASE(root_entries_unchanged_since_boot));
