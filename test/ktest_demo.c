/*
 * Cases that fail, crash or skip on purpose, to prove that ktest and
 * tools/ktap-check report them. A manual suite: it runs only when asked
 * for by name (ktest.filter=ktest_demo.<case>), as tools/test-harness does.
 */
#include <ktest.h>

static void failing_expectation_is_reported(struct ktest *t)
{
	int two = 1 + 1;

	KTEST_EXPECT_EQ(t, two, 3);
}

static void failing_assertion_ends_the_case(struct ktest *t)
{
	KTEST_ASSERT_TRUE(t, false);
	KTEST_FAIL(t, "this line runs only if KTEST_ASSERT_TRUE did not end the case");
}

static void skipped_case_is_reported(struct ktest *t)
{
	KTEST_SKIP(t, "skipped on purpose");
}

static void crash_in_a_case_is_reported(struct ktest *t)
{
	__builtin_trap(); /* an illegal instruction on every architecture */
}

KTEST_MANUAL_SUITE(ktest_demo,
		   KTEST_CASE(failing_expectation_is_reported),
		   KTEST_CASE(failing_assertion_ends_the_case),
		   KTEST_CASE(skipped_case_is_reported),
		   KTEST_CASE(crash_in_a_case_is_reported));
