/*
 * The memory console's test and bench commands: the self-test suites and
 * the benchmarks, run again on the live kernel with a filter (ktest.filter
 * and bench.filter syntax). A failed test counts in poweroff's exit status.
 */
#include <bench.h>
#include <kernel.h>
#include <ktest.h>

#include "mmconsole_internal.h"

void mmcon_test(int argc, char **argv)
{
	int failed;

	if (argc > 1) {
		pr_info("usage: test [SUITE-GLOB[.CASE-GLOB]]\n");
		return;
	}
	failed = ktest_run_filter(argc ? argv[0] : "*");
	if (failed < 0) {
		pr_info("test: '%s' is not a filter: 1 to 127 characters per glob\n", argv[0]);
		return;
	}
	mmcon_tests_failed += (unsigned int)failed;
	pr_info("test: %d case(s) failed\n", failed);
}

void mmcon_bench(int argc, char **argv)
{
	if (argc > 1) {
		pr_info("usage: bench [GLOB]\n");
		return;
	}
	if (bench_run_filter(argc ? argv[0] : "*"))
		pr_info("bench: '%s' is not a filter: 1 to 63 characters\n", argv[0]);
}
