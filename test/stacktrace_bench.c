/*
 * The cost of stack_trace_save() (riscv and arm64: the DWARF unwinder of
 * lib/dwarf_unwind.c; host: glibc's backtrace()), which page_owner=on pays at
 * every page allocation: one trace of the benchmark's whole call chain.
 */
#include <bench.h>
#include <stacktrace.h>

static bool stack_trace_save_16(unsigned long iterations)
{
	unsigned long entries[16];

	for (unsigned long i = 0; i < iterations; i++)
		if (!stack_trace_save(entries, 16, 0))
			return false;
	return true;
}

BENCH_SUITE(stacktrace, BENCH_CASE(stack_trace_save_16, 20000));
