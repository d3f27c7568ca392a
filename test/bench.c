/*
 * The benchmark runner: with bench.run=1 on the command line, start_kernel()
 * runs the registered benchmarks instead of the self-tests and prints one
 * line per benchmark: the port's counter (instructions under QEMU -icount,
 * nanoseconds on host) per operation.
 */
#include <asm/port.h>
#include <bench.h>
#include <glob.h>
#include <kernel.h>
#include <params.h>
#include <string.h>

extern const struct bench_case *const __start_bench_suites[], *const __stop_bench_suites[];

#define WARMUP_DIVISOR 8 /* a first, unmeasured run fills per-CPU lists and caches */
#define FILTER_MAX 64

bool bench_requested;
static char bench_filter[FILTER_MAX] = "*";

static int parse_bench_run(const char *value)
{
	unsigned long on;

	if (!value || kstrtoul(value, 0, &on) || on > 1)
		return -EINVAL;
	bench_requested = on;
	return 0;
}
early_param("bench.run", parse_bench_run);

/* bench.filter=<glob>: only the benchmarks whose name matches. */
static int parse_bench_filter(const char *value)
{
	if (!value || !*value || strlen(value) >= FILTER_MAX)
		return -EINVAL;
	strscpy(bench_filter, value, FILTER_MAX);
	return 0;
}
early_param("bench.filter", parse_bench_filter);

bool bench_selected(const char *name)
{
	return glob_match(bench_filter, name);
}

/* The loop every benchmark is built from, empty: its cost is part of each figure. */
static bool empty_loop(unsigned long iterations)
{
	for (unsigned long i = 0; i < iterations; i++)
		barrier();
	return true;
}

static void run_one(const struct bench_case *b)
{
	unsigned long n = b->iterations;
	u64 start, spent;
	bool ok;

	if (n >= WARMUP_DIVISOR) /* one-shot measurements run once */
		b->run(n / WARMUP_DIVISOR);
	start = arch_counter();
	ok = b->run(n);
	spent = arch_counter() - start;
	if (!ok) {
		pr_info("bench %-36s failed\n", b->name);
		return;
	}
	pr_info("bench %-36s %8llu.%02llu %s/op (%lu ops)\n", b->name,
		(unsigned long long)(spent / n), (unsigned long long)(spent * 100 / n % 100),
		ARCH_COUNTER_UNIT, n);
}

static const struct bench_case calibration = BENCH_CASE(empty_loop, 1000000);

/* How many suites BENCH_SUITE() put in the bench_suites section. */
static size_t nr_bench_suites(void)
{
	/* cppcheck-suppress comparePointers ; the linker places both symbols around one section */
	return __stop_bench_suites - __start_bench_suites;
}

int bench_run_filter(const char *filter)
{
	int err = parse_bench_filter(filter);

	if (!err)
		bench_run_all();
	return err;
}

void bench_run_all(void)
{
	size_t nr = nr_bench_suites();

	pr_info("bench: counting %s per operation (%s)\n", ARCH_COUNTER_UNIT, ARCH_COUNTER_NOTE);
	run_one(&calibration);
	for (size_t i = 0; i < nr; i++)
		for (const struct bench_case *b = __start_bench_suites[i]; b->name; b++)
			if (b->run && bench_selected(b->name))
				run_one(b);
	/* Tables last: they print several lines each, after the one-line cases. */
	for (size_t i = 0; i < nr; i++)
		for (const struct bench_case *b = __start_bench_suites[i]; b->name; b++)
			if (b->table && bench_selected(b->name))
				b->table();
}
