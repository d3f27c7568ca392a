/*
 * SMP scaling: the kmalloc pair and the page pair run on 1, 2 and 4 CPUs at
 * once, each CPU measuring its own loop. Per-CPU fast paths that do not
 * contend cost the same per operation however many CPUs run. Each CPU counts
 * with arch_cpu_counter(): its own retired instructions on riscv (exact under
 * QEMU -icount, which runs the vCPUs in turn: the figure is the path length,
 * and any atomic retry or lock spin would show in it), its thread's CPU time
 * on host (so that more CPU threads than host cores do not count as
 * contention; the wall-clock total is printed beside it).
 */
#include <atomic.h>
#include <bench.h>
#include <kernel.h>
#include <mm.h>
#include <slab.h>
#include <smp.h>
#include <string.h>

/*
 * Instructions are exact after a few operations; time needs loops long enough
 * for the CPU threads to overlap on a shared host (several scheduler slices).
 */
#define SCALING_ITERATIONS_EXACT 200000UL
#define SCALING_ITERATIONS_TIMED 10000000UL
#define RENDEZVOUS_POLLS (1UL << 28)

static bool kmalloc64_pair(unsigned long iterations)
{
	for (unsigned long i = 0; i < iterations; i++) {
		void *p = kmalloc(64, GFP_KERNEL);

		if (!p)
			return false;
		*(volatile char *)p = 0; /* the object's user writes it */
		kfree(p);
	}
	return true;
}

static bool order0_pair(unsigned long iterations)
{
	for (unsigned long i = 0; i < iterations; i++) {
		struct page *page = alloc_page(GFP_KERNEL);

		if (!page)
			return false;
		__free_page(page);
	}
	return true;
}

struct scaling_case {
	const char *name;
	bool (*run)(unsigned long iterations);
};

static const struct scaling_case scaling_cases[] = {
	{ "kmalloc64_pair", kmalloc64_pair },
	{ "order0_pair", order0_pair },
};

struct cpu_result {
	u64 spent;
	bool ok;
} ____cacheline_aligned;

static struct cpu_result results[NR_CPUS];
static atomic_t arrived;
static unsigned int nr_running;
static unsigned long iterations;

/* Each CPU: warm up, wait for the others, measure its own loop. */
static int measure_here(void *arg)
{
	const struct scaling_case *c = arg;
	struct cpu_result *r = &results[smp_processor_id()];
	unsigned long polls = 0, n = iterations;
	u64 start;

	c->run(n / 8);
	atomic_inc(&arrived);
	while ((unsigned int)atomic_read(&arrived) < nr_running && polls++ < RENDEZVOUS_POLLS)
		cpu_relax();
	start = arch_cpu_counter();
	r->ok = c->run(n);
	r->spent = arch_cpu_counter() - start;
	return 0;
}

/* "123.45" for @num / @den. */
static const char *fixed2(char *buf, size_t size, u64 num, u64 den)
{
	snprintf(buf, size, "%llu.%02llu", (unsigned long long)(num / den),
		 (unsigned long long)(num * 100 / den % 100));
	return buf;
}

static void run_scaling(const struct scaling_case *c, unsigned int n)
{
	unsigned long mask = 0;
	u64 min = ~0ULL, max = 0, sum = 0, wall, per_cpu = iterations;
	char avg_s[24], min_s[24], max_s[24];
	unsigned int cpu, i = 0;

	for_each_online_cpu (cpu)
		if (i++ < n)
			mask |= 1UL << cpu;
	atomic_set(&arrived, 0);
	nr_running = n;
	wall = arch_counter();
	if (smp_run_on_cpus(mask, measure_here, (void *)c)) {
		pr_info("bench smp %-18s %u CPUs: could not run\n", c->name, n);
		return;
	}
	wall = arch_counter() - wall;
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!(mask & (1UL << cpu)))
			continue;
		if (!results[cpu].ok) {
			pr_info("bench smp %-18s %u CPUs: failed on CPU%u\n", c->name, n, cpu);
			return;
		}
		min = results[cpu].spent < min ? results[cpu].spent : min;
		max = results[cpu].spent > max ? results[cpu].spent : max;
		sum += results[cpu].spent;
	}
	fixed2(avg_s, sizeof(avg_s), sum, (u64)n * per_cpu);
	fixed2(min_s, sizeof(min_s), min, per_cpu);
	fixed2(max_s, sizeof(max_s), max, per_cpu);
	if (strcmp(ARCH_COUNTER_UNIT, "ns"))
		pr_info("bench smp %-18s %u CPU%s %10s %s/op per CPU (%s .. %s)\n", c->name, n,
			n == 1 ? " " : "s", avg_s, ARCH_COUNTER_UNIT, min_s, max_s);
	else /* ns: say it as operations per second too, per CPU and all together */
		pr_info("bench smp %-18s %u CPU%s %10s ns/op per CPU (%s .. %s): %llu Mops/s per "
			"CPU, %llu Mops/s together (wall clock)\n",
			c->name, n, n == 1 ? " " : "s", avg_s, min_s, max_s,
			(unsigned long long)((u64)n * per_cpu * 1000 / sum),
			(unsigned long long)((u64)n * per_cpu * 1000 / wall));
}

static void smp_scaling(void)
{
	static const unsigned int counts[] = { 1, 2, 4 };

	iterations = strcmp(ARCH_COUNTER_UNIT, "ns") ? SCALING_ITERATIONS_EXACT
						     : SCALING_ITERATIONS_TIMED;
	pr_info("bench smp: each CPU's %s per op (%s), %lu ops per CPU\n", ARCH_COUNTER_UNIT,
		ARCH_CPU_COUNTER_NOTE, iterations);
	for (unsigned int c = 0; c < ARRAY_SIZE(scaling_cases); c++)
		for (unsigned int i = 0; i < ARRAY_SIZE(counts); i++)
			if (counts[i] <= num_online_cpus())
				run_scaling(&scaling_cases[c], counts[i]);
}

BENCH_SUITE(smp, BENCH_TABLE(smp_scaling));
