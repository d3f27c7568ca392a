/* Self-tests of errname() (lib/errname.c): the names messages print for error numbers. */
#include <errname.h>
#include <errno.h>
#include <ktest.h>

static void negative_errors_are_named_with_their_sign(struct ktest *t)
{
	KTEST_EXPECT_STREQ(t, errname(-EINVAL), "-EINVAL");
	KTEST_EXPECT_STREQ(t, errname(-ENOMEM), "-ENOMEM");
	KTEST_EXPECT_STREQ(t, errname(-EOVERFLOW), "-EOVERFLOW");
}

static void positive_errors_are_named_without_a_sign(struct ktest *t)
{
	KTEST_EXPECT_STREQ(t, errname(EINVAL), "EINVAL");
	KTEST_EXPECT_STREQ(t, errname(EPERM), "EPERM");
}

static void unknown_numbers_have_no_name(struct ktest *t)
{
	KTEST_EXPECT_NULL(t, errname(0));
	KTEST_EXPECT_NULL(t, errname(-3)); /* ESRCH: not in <errno.h> */
	KTEST_EXPECT_NULL(t, errname(-100000));
	KTEST_EXPECT_NULL(t, errname(-2147483647 - 1));
}

KTEST_SUITE(errname, KTEST_CASE(negative_errors_are_named_with_their_sign),
	    KTEST_CASE(positive_errors_are_named_without_a_sign),
	    KTEST_CASE(unknown_numbers_have_no_name));
