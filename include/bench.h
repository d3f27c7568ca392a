/*
 * Benchmarks: loops over one allocator operation, measured with the port's
 * counter (retired instructions under QEMU -icount, nanoseconds on host).
 * Run with the boot parameter bench.run=1 (make bench); never part of make
 * test, whose machines are shared and noisy.
 */
#ifndef _BENCH_H
#define _BENCH_H

#include <compiler.h>
#include <types.h>

struct bench_case {
	const char *name;
	/* Run the operation @iterations times (one "op" each); return false if it failed. */
	bool (*run)(unsigned long iterations);
	unsigned long iterations;
	/* Or, instead of @run: measure and print lines of its own, after every @run case. */
	void (*table)(void);
};

/* BENCH_CASE - a benchmark named after its function, run @iters times per measurement. */
#define BENCH_CASE(fn, iters)                               \
	{                                                   \
		.name = #fn, .run = fn, .iterations = iters \
	}

/* BENCH_TABLE - a benchmark that prints its own table, named after its function. */
#define BENCH_TABLE(fn)                  \
	{                                \
		.name = #fn, .table = fn \
	}

/* BENCH_SUITE - register benchmarks to run when bench.run=1 is given. */
#define BENCH_SUITE(sname, ...)                                                          \
	static const struct bench_case __bench_cases_##sname[] = { __VA_ARGS__, { 0 } }; \
	static const struct bench_case *const __bench_ptr_##sname __used __section(      \
		"bench_suites") = __bench_cases_##sname

/**
 * struct boot_counts - arch_counter() on the boot CPU at boot's milestones
 * @entry: when start_kernel() began
 * @first_test: when the first test or benchmark starts (after boot_init())
 * @mm_core_init: what mm_core_init() took
 * @init_late: what page_alloc_init_late() took (the other CPUs' work is not
 *             counted here, only this CPU's share and its wait for theirs)
 *
 * Read by the boot benchmark (test/boot_bench.c). Under QEMU -icount the
 * counter is the instructions this CPU retired, exact and the same run to run.
 */
struct boot_counts {
	u64 entry;
	u64 first_test;
	u64 mm_core_init;
	u64 init_late;
};

extern struct boot_counts boot_counts;

/* Set by the boot parameter bench.run=1: start_kernel() benchmarks instead of testing. */
extern bool bench_requested;

/**
 * bench_selected - whether the boot parameter bench.filter selects a benchmark
 * @name: the benchmark's name (its function's)
 *
 * bench.filter=<glob> (default "*") limits bench.run=1 to the cases and
 * tables whose name matches, e.g. for a run under callgrind.
 * Return: true if @name matches the filter.
 */
bool bench_selected(const char *name);

/**
 * bench_run_all - run every registered benchmark: the @run cases, one line
 * each, then the @table ones.
 */
void bench_run_all(void);

/**
 * bench_run_filter - set bench.filter to @filter, then run the benchmarks it selects
 * @filter: a glob on benchmark names; it stays in force afterwards
 *
 * For the memory console's `bench` command. Return: 0, or -EINVAL (nothing
 * run) when @filter is empty or too long.
 */
int bench_run_filter(const char *filter);

/**
 * struct bench_allocator - a malloc() to measure kmalloc() against
 * @name: short name for a table column ("glibc", "jemalloc")
 * @alloc: malloc(): @size bytes or NULL; NULL when the allocator is unavailable
 * @free: free() of a pointer @alloc returned
 * @origin: where @alloc and @free were found (a library's path), or why the
 *	allocator is unavailable ("not installed")
 * @held: bytes of memory the allocator holds now, by its own statistics
 *	(what it took from its source, pages or the OS, and has not given
 *	back); NULL when it cannot say
 * @held_how: which statistic @held reads ("mallinfo2() arena + hblkhd")
 */
struct bench_allocator {
	const char *name;
	void *(*alloc)(size_t size);
	void (*free)(void *ptr);
	const char *origin;
	unsigned long (*held)(void);
	const char *held_how;
};

/**
 * arch_bench_peers - the port's allocators for kmalloc's peer benchmarks
 * @nr: set to the number of entries returned
 *
 * A port that runs as a process offers the malloc() implementations of its
 * platform (host: glibc, jemalloc, mimalloc, tcmalloc); a bare-metal port
 * has none and returns NULL with *@nr = 0. Unavailable allocators are listed
 * with a NULL @alloc, so that the table says so instead of dropping them.
 * Called only when benchmarks run (bench.run=1, the memory console's
 * `bench`), from the boot CPU; may load libraries.
 * Return: an array of *@nr entries that stays valid until power-off.
 */
const struct bench_allocator *arch_bench_peers(unsigned int *nr);

/**
 * arch_cpu_counter - what the SMP benchmarks count on each CPU
 *
 * Like arch_counter(), in ARCH_COUNTER_UNIT, but counting only while this
 * CPU runs (ARCH_CPU_COUNTER_NOTE says how): riscv reads rdinstret, which
 * each hart has of its own; host reads the thread's CPU time, so that more
 * CPU threads than host cores do not look like contention.
 */
u64 arch_cpu_counter(void);

#endif /* _BENCH_H */
