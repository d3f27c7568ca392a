/*
 * Tests for stack_trace_save(), the port hook page_owner records its stacks
 * with (riscv and arm64: lib/dwarf_unwind.c over .eh_frame; host: glibc's
 * backtrace()): a chain of out-of-line functions comes back whole and in
 * order, skipnr and size are honoured, and a trace taken in a cross-CPU call
 * on every CPU starts in the callback.
 */
#include <kallsyms.h>
#include <kernel.h>
#include <ktest.h>
#include <smp.h>
#include <stacktrace.h>
#include <string.h>

#define TRACE_MAX 16

/*
 * Global and out of line, so that the compiler neither inlines, clones nor
 * renames them, and each does something after its call: no tail call drops
 * a frame.
 */
noinline unsigned int stacktrace_test_leaf(unsigned long *store, unsigned int size,
					   unsigned int skipnr);
noinline unsigned int stacktrace_test_middle(unsigned long *store, unsigned int size,
					     unsigned int skipnr);
noinline unsigned int stacktrace_test_outer(unsigned long *store, unsigned int size,
					    unsigned int skipnr);

noinline unsigned int stacktrace_test_leaf(unsigned long *store, unsigned int size,
					   unsigned int skipnr)
{
	unsigned int nr = stack_trace_save(store, size, skipnr);

	barrier();
	return nr;
}

noinline unsigned int stacktrace_test_middle(unsigned long *store, unsigned int size,
					     unsigned int skipnr)
{
	unsigned int nr = stacktrace_test_leaf(store, size, skipnr);

	barrier();
	return nr;
}

noinline unsigned int stacktrace_test_outer(unsigned long *store, unsigned int size,
					    unsigned int skipnr)
{
	unsigned int nr = stacktrace_test_middle(store, size, skipnr);

	barrier();
	return nr;
}

/* Entry @i of @entries (of @nr) lies in function @want; else say what is there. */
static void expect_entry(struct ktest *t, const unsigned long *entries, unsigned int nr,
			 unsigned int i, const char *want)
{
	const char *seen = i < nr ? kallsyms_lookup(entries[i], NULL, NULL) : NULL;

	if (seen && !strcmp(seen, want))
		return;
	KTEST_EXPECT_STREQ(t, seen ? seen : "(none)", want);
	ktest_printf(t, "entry %u of %u: expected in %s, seen %pS", i, nr, want,
		     i < nr ? (void *)entries[i] : NULL);
}

static void chain_of_noinline_functions_appears_in_order(struct ktest *t)
{
	unsigned long entries[TRACE_MAX];
	unsigned int nr = stacktrace_test_outer(entries, TRACE_MAX, 0);

	KTEST_ASSERT_TRUE(t, nr >= 4);
	expect_entry(t, entries, nr, 0, "stacktrace_test_leaf");
	expect_entry(t, entries, nr, 1, "stacktrace_test_middle");
	expect_entry(t, entries, nr, 2, "stacktrace_test_outer");
	expect_entry(t, entries, nr, 3, __func__);
}

static void skipnr_leaves_out_the_innermost_entries(struct ktest *t)
{
	unsigned long entries[TRACE_MAX];
	unsigned int nr = stacktrace_test_outer(entries, TRACE_MAX, 2);

	KTEST_ASSERT_TRUE(t, nr >= 2);
	expect_entry(t, entries, nr, 0, "stacktrace_test_outer");
	expect_entry(t, entries, nr, 1, __func__);
}

static void size_limits_the_entries_stored(struct ktest *t)
{
	unsigned long entries[TRACE_MAX];

	entries[2] = 0x5a5a;
	KTEST_EXPECT_EQ(t, stacktrace_test_outer(entries, 2, 0), 2U);
	expect_entry(t, entries, 2, 0, "stacktrace_test_leaf");
	expect_entry(t, entries, 2, 1, "stacktrace_test_middle");
	KTEST_EXPECT_EQ(t, entries[2], 0x5a5aUL);
	KTEST_EXPECT_EQ(t, stacktrace_test_outer(entries, 0, 0), 0U);
}

/* The walk ends by itself, well inside the array, at the outermost frame it can unwind. */
static void trace_ends_at_the_outermost_frame(struct ktest *t)
{
	unsigned long entries[64];
	unsigned int nr = stacktrace_test_outer(entries, 64, 0);

	KTEST_EXPECT_GE(t, nr, 4U);
	KTEST_EXPECT_LT(t, nr, 64U);
}

struct cpu_traces {
	unsigned long entries[NR_CPUS][TRACE_MAX];
	unsigned int nr[NR_CPUS];
};

noinline void stacktrace_test_on_cpu(void *info);
noinline void stacktrace_test_on_cpu(void *info)
{
	struct cpu_traces *traces = info;
	unsigned int cpu = smp_processor_id();

	traces->nr[cpu] = stack_trace_save(traces->entries[cpu], TRACE_MAX, 0);
	barrier();
}

static void trace_in_a_cross_cpu_call_starts_in_the_callback(struct ktest *t)
{
	static struct cpu_traces traces;
	unsigned int cpu;

	memset(&traces, 0, sizeof(traces));
	on_each_cpu(stacktrace_test_on_cpu, &traces, 1);
	for_each_online_cpu (cpu) {
		/* Entry 0 is in the callback's caller: the cross-CPU call machinery. */
		KTEST_EXPECT_GE(t, traces.nr[cpu], 1U);
		if (traces.nr[cpu] && !kallsyms_lookup(traces.entries[cpu][0], NULL, NULL))
			ktest_printf(t, "cpu %u: entry 0 %pS is in no function", cpu,
				     (void *)traces.entries[cpu][0]);
		KTEST_EXPECT_NOT_NULL(t, kallsyms_lookup(traces.entries[cpu][0], NULL, NULL));
	}
}

static void snprint_symbolises_each_entry_on_its_own_line(struct ktest *t)
{
	unsigned long entries[TRACE_MAX];
	char buf[512], want[KSYM_SYMBOL_LEN + 8];
	unsigned int nr = stacktrace_test_outer(entries, 3, 0);
	int len;

	KTEST_ASSERT_EQ(t, nr, 3U);
	len = stack_trace_snprint(buf, sizeof(buf), entries, nr, 2);
	KTEST_EXPECT_EQ(t, (size_t)len, strlen(buf));
	want[0] = want[1] = want[2] = ' ';
	sprint_backtrace(want + 3, entries[1]);
	memcpy(want + strlen(want), "\n", 2);
	KTEST_EXPECT_NOT_NULL(t, strstr(buf, want));
	KTEST_EXPECT_EQ(t, strncmp(buf, "   stacktrace_test_leaf+0x", 26), 0);
	/* Too small a buffer: cut, terminated, the whole length still returned. */
	KTEST_EXPECT_EQ(t, stack_trace_snprint(buf, 8, entries, nr, 2), len);
	KTEST_EXPECT_EQ(t, strlen(buf), 7UL);
}

KTEST_SUITE(stacktrace, KTEST_CASE(chain_of_noinline_functions_appears_in_order),
	    KTEST_CASE(skipnr_leaves_out_the_innermost_entries),
	    KTEST_CASE(size_limits_the_entries_stored),
	    KTEST_CASE(trace_ends_at_the_outermost_frame),
	    KTEST_CASE(trace_in_a_cross_cpu_call_starts_in_the_callback),
	    KTEST_CASE(snprint_symbolises_each_entry_on_its_own_line));
