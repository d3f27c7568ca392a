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
};

/* BENCH_CASE - a benchmark named after its function, run @iters times per measurement. */
#define BENCH_CASE(fn, iters)                               \
	{                                                   \
		.name = #fn, .run = fn, .iterations = iters \
	}

/* BENCH_SUITE - register benchmarks to run when bench.run=1 is given. */
#define BENCH_SUITE(sname, ...)                                                          \
	static const struct bench_case __bench_cases_##sname[] = { __VA_ARGS__, { 0 } }; \
	static const struct bench_case *const __bench_ptr_##sname __used __section(      \
		"bench_suites") = __bench_cases_##sname

/* Set by the boot parameter bench.run=1: start_kernel() benchmarks instead of testing. */
extern bool bench_requested;

/* bench_run_all - run every registered benchmark, printing one line each. */
void bench_run_all(void);

#endif /* _BENCH_H */
