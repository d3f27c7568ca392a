/* Self-tests of the boot parameter parser (kernel/params.c), on private handler tables. */
#include <kernel.h>
#include <ktest.h>
#include <params.h>
#include <string.h>

#define NR_SEEN 4

static struct {
	unsigned int calls;
	const char *value[NR_SEEN];
	bool had_value[NR_SEEN];
} seen;

static int record(const char *value)
{
	if (seen.calls < NR_SEEN) {
		seen.value[seen.calls] = value;
		seen.had_value[seen.calls] = value != NULL;
	}
	seen.calls++;
	return 0;
}

static int reject(const char *value)
{
	seen.calls++;
	return -EINVAL;
}

static const struct boot_param test_params[] = {
	{ .name = "alpha", .setup = record },
	{ .name = "beta.gamma", .setup = record },
	{ .name = "picky", .setup = reject },
};

static struct bootargs_report report;
static char line[COMMAND_LINE_SIZE];

static void parse(const char *text)
{
	memset(&seen, 0, sizeof(seen));
	strscpy(line, text, sizeof(line));
	bootargs_parse(line, test_params, ARRAY_SIZE(test_params), &report);
}

static void words_reach_their_handlers(struct ktest *t)
{
	parse("alpha=1 beta.gamma=two");
	KTEST_ASSERT_EQ(t, seen.calls, 2U);
	KTEST_EXPECT_STREQ(t, seen.value[0], "1");
	KTEST_EXPECT_STREQ(t, seen.value[1], "two");
	KTEST_EXPECT_EQ(t, report.unknown, 0U);
	KTEST_EXPECT_EQ(t, report.malformed, 0U);
}

static void bare_word_gets_null_value(struct ktest *t)
{
	parse("alpha");
	KTEST_ASSERT_EQ(t, seen.calls, 1U);
	KTEST_EXPECT_FALSE(t, seen.had_value[0]);
}

static void empty_value_is_an_empty_string(struct ktest *t)
{
	parse("alpha=");
	KTEST_ASSERT_EQ(t, seen.calls, 1U);
	KTEST_EXPECT_STREQ(t, seen.value[0], "");
}

static void quoted_value_keeps_its_spaces(struct ktest *t)
{
	parse("alpha=\"x  y\" beta.gamma=z");
	KTEST_ASSERT_EQ(t, seen.calls, 2U);
	KTEST_EXPECT_STREQ(t, seen.value[0], "x  y");
	KTEST_EXPECT_STREQ(t, seen.value[1], "z");
}

static void any_whitespace_separates_words(struct ktest *t)
{
	parse("  \talpha=1\t\n beta.gamma=2\r\n  ");
	KTEST_ASSERT_EQ(t, seen.calls, 2U);
	KTEST_EXPECT_STREQ(t, seen.value[0], "1");
	KTEST_EXPECT_STREQ(t, seen.value[1], "2");
}

static void unknown_words_are_counted_and_listed(struct ktest *t)
{
	parse("zeta=1 alpha=2 omega");
	KTEST_EXPECT_EQ(t, seen.calls, 1U);
	KTEST_EXPECT_EQ(t, report.unknown, 2U);
	KTEST_EXPECT_STREQ(t, report.unknown_words, "zeta=1 omega");
}

static void prefix_of_a_name_is_not_that_name(struct ktest *t)
{
	parse("alph=1 alphabet=2 beta=3");
	KTEST_EXPECT_EQ(t, seen.calls, 0U);
	KTEST_EXPECT_EQ(t, report.unknown, 3U);
}

static void empty_name_is_malformed_and_ignored(struct ktest *t)
{
	parse("=5 alpha=1");
	KTEST_EXPECT_EQ(t, report.malformed, 1U);
	KTEST_ASSERT_EQ(t, seen.calls, 1U);
	KTEST_EXPECT_STREQ(t, seen.value[0], "1");
}

static void unterminated_quote_is_malformed_and_ignored(struct ktest *t)
{
	parse("beta.gamma=ok alpha=\"never closed");
	KTEST_EXPECT_EQ(t, report.malformed, 1U);
	KTEST_ASSERT_EQ(t, seen.calls, 1U);
	KTEST_EXPECT_STREQ(t, seen.value[0], "ok");
}

static void rejected_value_is_malformed(struct ktest *t)
{
	parse("picky=bad alpha=1");
	KTEST_EXPECT_EQ(t, report.malformed, 1U);
	KTEST_EXPECT_EQ(t, seen.calls, 2U);
}

static void empty_line_calls_nothing(struct ktest *t)
{
	parse("");
	KTEST_EXPECT_EQ(t, seen.calls, 0U);
	KTEST_EXPECT_EQ(t, report.unknown + report.malformed, 0U);
}

static void short_line_is_kept_whole(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, bootargs_fit("alpha=1 beta=2", 64), strlen("alpha=1 beta=2"));
}

static void long_line_is_cut_at_a_word_boundary(struct ktest *t)
{
	/* 20 words of 9 bytes + a space: the limit of 64 falls inside the 7th word. */
	static char text[256];
	size_t keep;

	for (int i = 0; i < 20; i++)
		memcpy(text + i * 10, "word=abcd ", 10);
	text[199] = '\0';
	keep = bootargs_fit(text, 64);
	KTEST_EXPECT_EQ(t, keep, (size_t)59);
	KTEST_EXPECT_EQ(t, text[keep], ' ');
}

static void line_of_one_huge_word_keeps_nothing(struct ktest *t)
{
	static char text[300];

	memset(text, 'x', sizeof(text) - 1);
	KTEST_EXPECT_EQ(t, bootargs_fit(text, 64), (size_t)0);
}

KTEST_SUITE(params,
	    KTEST_CASE(words_reach_their_handlers),
	    KTEST_CASE(bare_word_gets_null_value),
	    KTEST_CASE(empty_value_is_an_empty_string),
	    KTEST_CASE(quoted_value_keeps_its_spaces),
	    KTEST_CASE(any_whitespace_separates_words),
	    KTEST_CASE(unknown_words_are_counted_and_listed),
	    KTEST_CASE(prefix_of_a_name_is_not_that_name),
	    KTEST_CASE(empty_name_is_malformed_and_ignored),
	    KTEST_CASE(unterminated_quote_is_malformed_and_ignored),
	    KTEST_CASE(rejected_value_is_malformed),
	    KTEST_CASE(empty_line_calls_nothing),
	    KTEST_CASE(short_line_is_kept_whole),
	    KTEST_CASE(long_line_is_cut_at_a_word_boundary),
	    KTEST_CASE(line_of_one_huge_word_keeps_nothing));
