/*
 * Self-tests of mm_setup_param() and mm_parse_options() (mm/mm_params.c):
 * mm/'s boot options applied from a string, as a kernel without
 * kernel/params.c does. mempool.debug is the option whose effect a test can
 * read back and undo (mempool_set_debug() returns the old value).
 */
#include <errno.h>
#include <ktest.h>
#include <mempool.h>
#include <mm_params.h>
#include <string.h>

static void setup_param_reaches_the_handler(struct ktest *t)
{
	bool old = mempool_set_debug(false);

	KTEST_EXPECT_EQ(t, mm_setup_param("mempool.debug", "1"), 0);
	KTEST_EXPECT_TRUE(t, mempool_set_debug(false));
	KTEST_EXPECT_EQ(t, mm_setup_param("mempool.debug", "0"), 0);
	KTEST_EXPECT_FALSE(t, mempool_set_debug(old));
}

static void unknown_key_is_enoent(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, mm_setup_param("mempool.debu", "1"), -ENOENT);
	KTEST_EXPECT_EQ(t, mm_setup_param("no_such_option", NULL), -ENOENT);
}

static void rejected_value_is_einval_and_changes_nothing(struct ktest *t)
{
	bool old = mempool_set_debug(true);

	KTEST_EXPECT_EQ(t, mm_setup_param("mempool.debug", "7"), -EINVAL);
	KTEST_EXPECT_EQ(t, mm_setup_param("mempool.debug", NULL), -EINVAL);
	KTEST_EXPECT_EQ(t, mm_setup_param("fail_page_alloc.min-order", "abc"), -EINVAL);
	KTEST_EXPECT_TRUE(t, mempool_set_debug(old));
}

static void parse_options_applies_every_word(struct ktest *t)
{
	char line[] = "  no.such=1\tmempool.debug=9 mempool.debug=1 unknown  ";
	bool old = mempool_set_debug(false);

	KTEST_EXPECT_EQ(t, mm_parse_options(line), 3);
	KTEST_EXPECT_TRUE(t, mempool_set_debug(old));
}

static void parse_options_of_an_empty_line(struct ktest *t)
{
	char line[] = " \t ";

	KTEST_EXPECT_EQ(t, mm_parse_options(line), 0);
}

KTEST_SUITE(mm_params,
	    KTEST_CASE(setup_param_reaches_the_handler),
	    KTEST_CASE(unknown_key_is_enoent),
	    KTEST_CASE(rejected_value_is_einval_and_changes_nothing),
	    KTEST_CASE(parse_options_applies_every_word),
	    KTEST_CASE(parse_options_of_an_empty_line));
