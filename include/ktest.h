/*
 * ktest: the kernel's self-test framework. Suites of cases are declared once
 * with KTEST_SUITE() and run at boot on every architecture; results are
 * printed in KTAP version 1, the format KUnit uses.
 */
#ifndef _KTEST_H
#define _KTEST_H

#include <compiler.h>
#include <string.h>
#include <types.h>

enum ktest_status {
	KTEST_PASS,
	KTEST_FAIL,
	KTEST_SKIP,
};

/* The state of one running test case, handed to the case function. */
struct ktest {
	const char *name;
	enum ktest_status status;
	const char *skip_reason;
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *t);
};

struct ktest_suite {
	const char *name;
	const struct ktest_case *cases; /* terminated by an entry with run == NULL */
	bool manual;			/* only run when ktest.filter names the suite exactly */
};

/* A case entry for KTEST_SUITE(): the case is named after its function. */
#define KTEST_CASE(fn)                 \
	{                              \
		.name = #fn, .run = fn \
	}

/*
 * KTEST_SUITE - declare a suite and register it to run at boot
 * @sname: suite name (an identifier), printed in the KTAP output
 * @...: its KTEST_CASE() entries, run in order
 *
 * Suites run in link order; each gets its own nested KTAP block.
 */
#define KTEST_SUITE(sname, ...) __KTEST_SUITE(sname, false, __VA_ARGS__)

/*
 * KTEST_MANUAL_SUITE - a suite that runs only when asked for by name
 * (ktest.filter=<sname> or <sname>.<case>): used for cases that must fail or
 * crash on purpose, to prove the framework reports them.
 */
#define KTEST_MANUAL_SUITE(sname, ...) __KTEST_SUITE(sname, true, __VA_ARGS__)

#define __KTEST_SUITE(sname, is_manual, ...)                                             \
	static const struct ktest_case __ktest_cases_##sname[] = { __VA_ARGS__, { 0 } }; \
	static const struct ktest_suite __ktest_suite_##sname = {                        \
		.name = #sname,                                                          \
		.cases = __ktest_cases_##sname,                                          \
		.manual = is_manual,                                                     \
	};                                                                               \
	static const struct ktest_suite *const __ktest_ptr_##sname __used __section(     \
		"ktest_suites") = &__ktest_suite_##sname

/**
 * ktest_run_all - run every registered suite that the filter selects
 *
 * Prints the KTAP header, one nested block per suite and a totals line.
 * Return: the number of failed cases.
 */
unsigned int ktest_run_all(void);

/**
 * ktest_run_filter - select tests as ktest.filter does, then run them
 * @filter: "<suite-glob>[.<case-glob>]"; it stays in force afterwards
 *
 * For the memory console's `test` command: prints the same KTAP output as
 * ktest_run_all(). Return: the number of failed cases, or -EINVAL (and
 * nothing is run) when @filter is empty or too long.
 */
int ktest_run_filter(const char *filter);

/**
 * ktest_current - the case running now, or NULL between cases
 *
 * Used by trap and panic reports to name the test that crashed.
 */
struct ktest *ktest_current(void);

/**
 * ktest_report_crash - report that the running case crashed: prints its "not ok" line.
 * @what: the crash, printed after "# crashed: "
 */
void ktest_report_crash(const char *what);

/**
 * ktest_printf - print a "# " diagnostic line inside the running case's KTAP block.
 */
void ktest_printf(struct ktest *t, const char *fmt, ...) __printf(2, 3);

/**
 * ktest_fail_at - mark the case failed with a free-form message naming what was expected.
 * ktest_fail_binary - the same for a comparison: both sides' text and values.
 * ktest_fail_bool - for a condition that was not what was expected.
 * ktest_fail_str - for two strings.
 * ktest_fail_mem - for two byte ranges: the first difference and the bytes around it.
 *
 * The KTEST_EXPECT_* and KTEST_ASSERT_* macros call them; @file and @line
 * are the failed check's.
 */
void ktest_fail_at(struct ktest *t, const char *file, int line, const char *fmt, ...)
	__printf(4, 5);
void ktest_fail_binary(struct ktest *t, const char *file, int line, const char *kind,
		       const char *left_str, const char *op, const char *right_str, long long left,
		       long long right);
void ktest_fail_bool(struct ktest *t, const char *file, int line, const char *kind,
		     const char *cond_str, bool expected);
void ktest_fail_str(struct ktest *t, const char *file, int line, const char *kind,
		    const char *left_str, const char *op, const char *right_str, const char *left,
		    const char *right);
void ktest_fail_mem(struct ktest *t, const char *file, int line, const char *kind,
		    const char *left_str, const char *right_str, const void *left,
		    const void *right, size_t size);

/**
 * ktest_skip - mark the case skipped (it is reported "ok ... # SKIP @reason").
 */
void ktest_skip(struct ktest *t, const char *reason);

#define __KTEST_BINARY(t, kind, on_fail, left, op, right)                                  \
	do {                                                                               \
		const __typeof__(left) __l = (left);                                       \
		const __typeof__(right) __r = (right);                                     \
		if (!(__l op __r)) {                                                       \
			ktest_fail_binary(t, __FILE__, __LINE__, kind, #left, #op, #right, \
					  (long long)__l, (long long)__r);                 \
			on_fail;                                                           \
		}                                                                          \
	} while (0)

#define __KTEST_BOOL(t, kind, on_fail, cond, expected)                                 \
	do {                                                                           \
		if (!(cond) != !(expected)) {                                          \
			ktest_fail_bool(t, __FILE__, __LINE__, kind, #cond, expected); \
			on_fail;                                                       \
		}                                                                      \
	} while (0)

#define __KTEST_STR(t, kind, on_fail, left, op, right)                                             \
	do {                                                                                       \
		const char *__l = (left), *__r = (right);                                          \
		if (!(__l && __r && strcmp(__l, __r) op 0)) {                                      \
			ktest_fail_str(t, __FILE__, __LINE__, kind, #left, #op, #right, __l, __r); \
			on_fail;                                                                   \
		}                                                                                  \
	} while (0)

#define __KTEST_MEM(t, kind, on_fail, left, right, size)                                           \
	do {                                                                                       \
		const void *__l = (left), *__r = (right);                                          \
		size_t __n = (size);                                                               \
		if (memcmp(__l, __r, __n) != 0) {                                                  \
			ktest_fail_mem(t, __FILE__, __LINE__, kind, #left, #right, __l, __r, __n); \
			on_fail;                                                                   \
		}                                                                                  \
	} while (0)

#define __KTEST_NOTHING ((void)0)
#define __KTEST_RETURN return

#define KTEST_EXPECT_EQ(t, l, r) __KTEST_BINARY(t, "EXPECTATION", __KTEST_NOTHING, l, ==, r)
#define KTEST_EXPECT_NE(t, l, r) __KTEST_BINARY(t, "EXPECTATION", __KTEST_NOTHING, l, !=, r)
#define KTEST_EXPECT_LT(t, l, r) __KTEST_BINARY(t, "EXPECTATION", __KTEST_NOTHING, l, <, r)
#define KTEST_EXPECT_LE(t, l, r) __KTEST_BINARY(t, "EXPECTATION", __KTEST_NOTHING, l, <=, r)
#define KTEST_EXPECT_GT(t, l, r) __KTEST_BINARY(t, "EXPECTATION", __KTEST_NOTHING, l, >, r)
#define KTEST_EXPECT_GE(t, l, r) __KTEST_BINARY(t, "EXPECTATION", __KTEST_NOTHING, l, >=, r)
#define KTEST_EXPECT_TRUE(t, c) __KTEST_BOOL(t, "EXPECTATION", __KTEST_NOTHING, c, true)
#define KTEST_EXPECT_FALSE(t, c) __KTEST_BOOL(t, "EXPECTATION", __KTEST_NOTHING, c, false)
#define KTEST_EXPECT_NULL(t, p) \
	__KTEST_BINARY(t, "EXPECTATION", __KTEST_NOTHING, (const void *)(p), ==, NULL)
#define KTEST_EXPECT_NOT_NULL(t, p) \
	__KTEST_BINARY(t, "EXPECTATION", __KTEST_NOTHING, (const void *)(p), !=, NULL)
#define KTEST_EXPECT_PTR_EQ(t, l, r) \
	__KTEST_BINARY(t, "EXPECTATION", __KTEST_NOTHING, (const void *)(l), ==, (const void *)(r))
#define KTEST_EXPECT_STREQ(t, l, r) __KTEST_STR(t, "EXPECTATION", __KTEST_NOTHING, l, ==, r)
#define KTEST_EXPECT_STRNEQ(t, l, r) __KTEST_STR(t, "EXPECTATION", __KTEST_NOTHING, l, !=, r)
#define KTEST_EXPECT_MEMEQ(t, l, r, n) __KTEST_MEM(t, "EXPECTATION", __KTEST_NOTHING, l, r, n)

/* The ASSERT forms end the case at once; use them in the case function itself. */
#define KTEST_ASSERT_EQ(t, l, r) __KTEST_BINARY(t, "ASSERTION", __KTEST_RETURN, l, ==, r)
#define KTEST_ASSERT_NE(t, l, r) __KTEST_BINARY(t, "ASSERTION", __KTEST_RETURN, l, !=, r)
#define KTEST_ASSERT_LT(t, l, r) __KTEST_BINARY(t, "ASSERTION", __KTEST_RETURN, l, <, r)
#define KTEST_ASSERT_LE(t, l, r) __KTEST_BINARY(t, "ASSERTION", __KTEST_RETURN, l, <=, r)
#define KTEST_ASSERT_GT(t, l, r) __KTEST_BINARY(t, "ASSERTION", __KTEST_RETURN, l, >, r)
#define KTEST_ASSERT_GE(t, l, r) __KTEST_BINARY(t, "ASSERTION", __KTEST_RETURN, l, >=, r)
#define KTEST_ASSERT_TRUE(t, c) __KTEST_BOOL(t, "ASSERTION", __KTEST_RETURN, c, true)
#define KTEST_ASSERT_FALSE(t, c) __KTEST_BOOL(t, "ASSERTION", __KTEST_RETURN, c, false)
#define KTEST_ASSERT_NULL(t, p) \
	__KTEST_BINARY(t, "ASSERTION", __KTEST_RETURN, (const void *)(p), ==, NULL)
#define KTEST_ASSERT_NOT_NULL(t, p) \
	__KTEST_BINARY(t, "ASSERTION", __KTEST_RETURN, (const void *)(p), !=, NULL)
#define KTEST_ASSERT_STREQ(t, l, r) __KTEST_STR(t, "ASSERTION", __KTEST_RETURN, l, ==, r)
#define KTEST_ASSERT_MEMEQ(t, l, r, n) __KTEST_MEM(t, "ASSERTION", __KTEST_RETURN, l, r, n)

/* Fail with a message of the test's own; the case goes on. */
#define KTEST_FAIL(t, fmt, ...) ktest_fail_at(t, __FILE__, __LINE__, fmt, ##__VA_ARGS__)

/* Skip the rest of the case with a reason, e.g. a feature this machine lacks. */
#define KTEST_SKIP(t, reason)          \
	do {                           \
		ktest_skip(t, reason); \
		return;                \
	} while (0)

#endif /* _KTEST_H */
