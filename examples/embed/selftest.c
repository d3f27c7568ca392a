/*
 * What mm/'s own test suites need from the example kernel besides the
 * embedding contract (docs/embedding.md, section 11): CPU work, run by each
 * other CPU's own context (its idle loop in sched.c) with interrupts enabled
 * and preemptible, polled like the cross-CPU requests; and this kernel's own
 * suite, linked after mm/'s so that it runs last: the workload's results,
 * and that the tick preempted mm/'s suites and they left every page free.
 */
#include <asm/port.h>
#include <errno.h>
#include <ktest.h>
#include <mm.h>
#include <smp.h>

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

KTEST_SUITE(embed, KTEST_CASE(no_allocation_failed), KTEST_CASE(no_page_lost),
	    KTEST_CASE(the_tick_preempted_worker_threads), KTEST_CASE(the_tick_preempted_mm_suites),
	    KTEST_CASE(mm_suites_left_every_page_free));
