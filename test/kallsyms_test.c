/*
 * Tests for lib/kallsyms.c and the %pS/%ps formats: the image's symbol table names the
 * function an address is in, with its offset and size, on every arch (the host build runs
 * away from its link-time addresses), and printk_capture() keeps what a report printed.
 */
#include <kallsyms.h>
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>
#include <string.h>

/* Global and out of line, so that the compiler neither inlines nor clones it. */
noinline unsigned long kallsyms_test_target(unsigned long x);
noinline unsigned long kallsyms_test_target(unsigned long x)
{
	barrier();
	return x * 3 + 1;
}

/* Returns its caller's return address: a point inside the calling test. */
static noinline void *return_address(void)
{
	void *ret = __builtin_return_address(0);

	barrier();
	return ret;
}

static int some_data;

static void lookup_names_a_function_by_any_address_inside_it(struct ktest *t)
{
	unsigned long start = (unsigned long)&kallsyms_test_target, size = 0, offset = 1;
	const char *name = kallsyms_lookup(start, &size, &offset);

	KTEST_ASSERT_NOT_NULL(t, name);
	KTEST_EXPECT_STREQ(t, name, "kallsyms_test_target");
	KTEST_EXPECT_EQ(t, offset, 0UL);
	KTEST_ASSERT_TRUE(t, size >= 2);
	name = kallsyms_lookup(start + size - 1, NULL, &offset);
	KTEST_EXPECT_STREQ(t, name, "kallsyms_test_target");
	KTEST_EXPECT_EQ(t, offset, size - 1);
	/* The first byte past it belongs to whatever follows, never to it. */
	name = kallsyms_lookup(start + size, NULL, NULL);
	if (name)
		KTEST_EXPECT_STRNEQ(t, name, "kallsyms_test_target");
}

static void lookup_name_finds_global_and_static_functions(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, kallsyms_lookup_name("kallsyms_test_target"),
			(unsigned long)&kallsyms_test_target);
	KTEST_EXPECT_EQ(t, kallsyms_lookup_name("kmem_cache_alloc"),
			(unsigned long)&kmem_cache_alloc);
	KTEST_EXPECT_EQ(t, kallsyms_lookup_name("return_address"), (unsigned long)&return_address);
	KTEST_EXPECT_EQ(t, kallsyms_lookup_name("no_such_function_anywhere"), 0UL);
}

static void lookup_of_data_or_null_finds_no_function(struct ktest *t)
{
	KTEST_EXPECT_NULL(t, kallsyms_lookup((unsigned long)&some_data, NULL, NULL));
	KTEST_EXPECT_NULL(t, kallsyms_lookup(0, NULL, NULL));
}

static void pS_prints_name_offset_and_size(struct ktest *t)
{
	unsigned long size = 0;
	char want[KSYM_SYMBOL_LEN], seen[KSYM_SYMBOL_LEN];

	KTEST_ASSERT_NOT_NULL(t,
			      kallsyms_lookup((unsigned long)&kallsyms_test_target, &size, NULL));
	snprintf(want, sizeof(want), "kallsyms_test_target+0x1/0x%lx", size);
	snprintf(seen, sizeof(seen), "%pS", (char *)&kallsyms_test_target + 1);
	KTEST_EXPECT_STREQ(t, seen, want);
	snprintf(want, sizeof(want), "kallsyms_test_target+0x0/0x%lx", size);
	snprintf(seen, sizeof(seen), "%pS", &kallsyms_test_target);
	KTEST_EXPECT_STREQ(t, seen, want);
}

static void ps_prints_the_name_alone(struct ktest *t)
{
	char seen[KSYM_SYMBOL_LEN];

	snprintf(seen, sizeof(seen), "%ps", (char *)&kallsyms_test_target + 1);
	KTEST_EXPECT_STREQ(t, seen, "kallsyms_test_target");
}

static void pS_of_a_return_address_names_the_caller(struct ktest *t)
{
	char seen[KSYM_SYMBOL_LEN];
	const char *want = "pS_of_a_return_address_names_the_caller+0x";

	snprintf(seen, sizeof(seen), "%pS", return_address());
	KTEST_EXPECT_EQ(t, strncmp(seen, want, strlen(want)), 0);
	if (strncmp(seen, want, strlen(want)))
		ktest_printf(t, "expected \"%s...\", seen \"%s\"", want, seen);
}

static void pS_of_an_address_in_no_function_prints_hex(struct ktest *t)
{
	char want[KSYM_SYMBOL_LEN], seen[KSYM_SYMBOL_LEN];

	snprintf(want, sizeof(want), "0x%lx", (unsigned long)&some_data);
	snprintf(seen, sizeof(seen), "%pS", &some_data);
	KTEST_EXPECT_STREQ(t, seen, want);
	snprintf(seen, sizeof(seen), "%ps", &some_data);
	KTEST_EXPECT_STREQ(t, seen, want);
	snprintf(seen, sizeof(seen), "%pS", (void *)0UL);
	KTEST_EXPECT_STREQ(t, seen, "0x0");
}

static void pS_honours_width_and_minus_flag(struct ktest *t)
{
	char seen[64];

	snprintf(seen, sizeof(seen), "[%24ps]", &kallsyms_test_target);
	KTEST_EXPECT_STREQ(t, seen, "[    kallsyms_test_target]");
	snprintf(seen, sizeof(seen), "[%-24ps]", &kallsyms_test_target);
	KTEST_EXPECT_STREQ(t, seen, "[kallsyms_test_target    ]");
	/* Arguments after it are still taken in order. */
	snprintf(seen, sizeof(seen), "%ps %d", &kallsyms_test_target, 42);
	KTEST_EXPECT_STREQ(t, seen, "kallsyms_test_target 42");
}

static void sprint_backtrace_names_the_call_before_a_return_address(struct ktest *t)
{
	unsigned long start = (unsigned long)&kallsyms_test_target, size = 0;
	char want[KSYM_SYMBOL_LEN], seen[KSYM_SYMBOL_LEN];

	KTEST_ASSERT_NOT_NULL(t, kallsyms_lookup(start, &size, NULL));
	/* A return address just past the function (a call that never returns ended it). */
	snprintf(want, sizeof(want), "kallsyms_test_target+0x%lx/0x%lx", size, size);
	sprint_backtrace(seen, start + size);
	KTEST_EXPECT_STREQ(t, seen, want);
	snprintf(want, sizeof(want), "kallsyms_test_target+0x1/0x%lx", size);
	sprint_backtrace(seen, start + 1);
	KTEST_EXPECT_STREQ(t, seen, want);
	sprint_backtrace(seen, 0);
	KTEST_EXPECT_STREQ(t, seen, "0x0");
}

static void printk_capture_keeps_what_was_printed(struct ktest *t)
{
	char buf[128];

	printk_capture(buf, sizeof(buf));
	pr_debug("kallsyms test: %ps was here\n", &kallsyms_test_target);
	printk_capture(NULL, 0);
	pr_debug("kallsyms test: not captured\n");
	KTEST_EXPECT_STREQ(t, buf, "kallsyms test: kallsyms_test_target was here\n");
	KTEST_EXPECT_EQ(t, kallsyms_test_target(1), 4UL);
}

static void printk_capture_drops_what_does_not_fit(struct ktest *t)
{
	char buf[8];

	printk_capture(buf, sizeof(buf));
	pr_debug("0123456789\n");
	pr_debug("abc\n");
	printk_capture(NULL, 0);
	KTEST_EXPECT_STREQ(t, buf, "0123456");
}

KTEST_SUITE(kallsyms,
	    KTEST_CASE(lookup_names_a_function_by_any_address_inside_it),
	    KTEST_CASE(lookup_name_finds_global_and_static_functions),
	    KTEST_CASE(lookup_of_data_or_null_finds_no_function),
	    KTEST_CASE(pS_prints_name_offset_and_size),
	    KTEST_CASE(ps_prints_the_name_alone),
	    KTEST_CASE(pS_of_a_return_address_names_the_caller),
	    KTEST_CASE(pS_of_an_address_in_no_function_prints_hex),
	    KTEST_CASE(pS_honours_width_and_minus_flag),
	    KTEST_CASE(sprint_backtrace_names_the_call_before_a_return_address),
	    KTEST_CASE(printk_capture_keeps_what_was_printed),
	    KTEST_CASE(printk_capture_drops_what_does_not_fit));
