/*
 * Tests for lib/glob.c: the shell wildcards '*', '?' and '[...]' classes, the edge cases
 * of class syntax, and that backtracking stays polynomial.
 */
#include <glob.h>
#include <ktest.h>

static void expect_glob(struct ktest *t, int line, const char *pat, const char *str, bool want)
{
	if (glob_match(pat, str) != want)
		ktest_fail_at(t, __FILE__, line, "glob_match(\"%s\", \"%s\"): expected %s, seen %s",
			      pat, str, want ? "match" : "no match", want ? "no match" : "match");
}

#define EXPECT_MATCH(t, pat, str) expect_glob(t, __LINE__, pat, str, true)
#define EXPECT_NO_MATCH(t, pat, str) expect_glob(t, __LINE__, pat, str, false)

static void literal_pattern_matches_only_the_same_string(struct ktest *t)
{
	EXPECT_MATCH(t, "abc", "abc");
	EXPECT_MATCH(t, "", "");
	EXPECT_NO_MATCH(t, "abc", "abd");
	EXPECT_NO_MATCH(t, "abc", "ab");
	EXPECT_NO_MATCH(t, "ab", "abc");
	EXPECT_NO_MATCH(t, "", "a");
	EXPECT_NO_MATCH(t, "a", "");
	EXPECT_NO_MATCH(t, "abc", "ABC");
}

static void star_matches_any_run_including_none(struct ktest *t)
{
	EXPECT_MATCH(t, "*", "");
	EXPECT_MATCH(t, "*", "abc");
	EXPECT_MATCH(t, "a*", "a");
	EXPECT_MATCH(t, "a*", "abc");
	EXPECT_MATCH(t, "*c", "abc");
	EXPECT_MATCH(t, "a*c", "ac");
	EXPECT_MATCH(t, "a*c", "abbbc");
	EXPECT_NO_MATCH(t, "a*", "ba");
	EXPECT_NO_MATCH(t, "*c", "abd");
}

static void star_is_not_stopped_by_slash_or_dot(struct ktest *t)
{
	EXPECT_MATCH(t, "*", "a/b");
	EXPECT_MATCH(t, "a*b", "a/x/b");
	EXPECT_MATCH(t, "*.c", ".c");
	EXPECT_MATCH(t, "*", ".hidden");
}

static void several_stars_match_in_order(struct ktest *t)
{
	EXPECT_MATCH(t, "a*b*c", "aXbYc");
	EXPECT_MATCH(t, "a*b*c", "abc");
	EXPECT_MATCH(t, "**", "");
	EXPECT_MATCH(t, "*a*", "bab");
	EXPECT_MATCH(t, "a**b", "ab");
	EXPECT_NO_MATCH(t, "a*b*c", "aXcYb");
	EXPECT_NO_MATCH(t, "*a*", "bbb");
}

static void star_retries_at_later_occurrences(struct ktest *t)
{
	EXPECT_MATCH(t, "*abc", "ababc");
	EXPECT_MATCH(t, "a*bc", "abcbc");
	EXPECT_MATCH(t, "*ab*cd", "abxabcd");
	EXPECT_MATCH(t, "*aab", "aaab");
	EXPECT_NO_MATCH(t, "*abc", "ababd");
	EXPECT_NO_MATCH(t, "a*bc", "abcbd");
}

static void question_matches_exactly_one_character(struct ktest *t)
{
	EXPECT_MATCH(t, "?", "a");
	EXPECT_MATCH(t, "a?c", "abc");
	EXPECT_MATCH(t, "??", "/.");
	EXPECT_NO_MATCH(t, "?", "");
	EXPECT_NO_MATCH(t, "?", "ab");
	EXPECT_NO_MATCH(t, "??", "a");
	EXPECT_NO_MATCH(t, "a?c", "ac");
}

static void question_and_star_combine(struct ktest *t)
{
	EXPECT_MATCH(t, "*?", "a");
	EXPECT_MATCH(t, "?*?", "ab");
	EXPECT_MATCH(t, "?*?", "abcd");
	EXPECT_MATCH(t, "*?c", "abc");
	EXPECT_NO_MATCH(t, "*?", "");
	EXPECT_NO_MATCH(t, "?*?", "a");
}

static void class_matches_one_listed_character(struct ktest *t)
{
	EXPECT_MATCH(t, "[abc]", "a");
	EXPECT_MATCH(t, "[abc]", "c");
	EXPECT_MATCH(t, "x[yz]", "xz");
	EXPECT_NO_MATCH(t, "[abc]", "d");
	EXPECT_NO_MATCH(t, "[abc]", "");
	EXPECT_NO_MATCH(t, "[abc]", "ab");
}

static void class_range_matches_characters_between_its_ends(struct ktest *t)
{
	EXPECT_MATCH(t, "[a-c]", "a");
	EXPECT_MATCH(t, "[a-c]", "b");
	EXPECT_MATCH(t, "[a-c]", "c");
	EXPECT_MATCH(t, "[0-9]x", "5x");
	EXPECT_MATCH(t, "[a-cx-z]", "y");
	EXPECT_MATCH(t, "[a-cQ]", "Q");
	EXPECT_NO_MATCH(t, "[a-c]", "d");
	EXPECT_NO_MATCH(t, "[a-c]", "B");
	EXPECT_NO_MATCH(t, "[a-cx-z]", "m");
}

static void class_range_ends_may_come_in_either_order(struct ktest *t)
{
	EXPECT_MATCH(t, "[c-a]", "b");
	EXPECT_MATCH(t, "[9-0]", "0");
	EXPECT_NO_MATCH(t, "[c-a]", "d");
}

static void class_negated_by_bang_or_caret(struct ktest *t)
{
	EXPECT_MATCH(t, "[!a-c]", "d");
	EXPECT_MATCH(t, "[^x]", "y");
	EXPECT_MATCH(t, "[!abc]x", "zx");
	EXPECT_NO_MATCH(t, "[!a-c]", "b");
	EXPECT_NO_MATCH(t, "[^x]", "x");
	EXPECT_NO_MATCH(t, "[!a]", "");
}

static void class_leading_bracket_is_a_member(struct ktest *t)
{
	EXPECT_MATCH(t, "[]]", "]");
	EXPECT_MATCH(t, "[]a]", "a");
	EXPECT_MATCH(t, "[]a]", "]");
	EXPECT_MATCH(t, "[!]]", "a");
	EXPECT_NO_MATCH(t, "[!]]", "]");
	EXPECT_NO_MATCH(t, "[]a]", "b");
}

static void class_dash_first_or_last_is_a_member(struct ktest *t)
{
	EXPECT_MATCH(t, "[-a]", "-");
	EXPECT_MATCH(t, "[a-]", "-");
	EXPECT_MATCH(t, "[a-]", "a");
	EXPECT_MATCH(t, "[!-]", "a");
	EXPECT_NO_MATCH(t, "[a-]", "b");
	EXPECT_NO_MATCH(t, "[!-]", "-");
}

static void class_other_specials_are_members(struct ktest *t)
{
	EXPECT_MATCH(t, "[*?[]", "*");
	EXPECT_MATCH(t, "[*?[]", "?");
	EXPECT_MATCH(t, "[*?[]", "[");
	EXPECT_NO_MATCH(t, "[*?[]", "a");
}

static void unterminated_class_is_a_literal_bracket(struct ktest *t)
{
	EXPECT_MATCH(t, "[abc", "[abc");
	EXPECT_MATCH(t, "[", "[");
	EXPECT_MATCH(t, "a[", "a[");
	EXPECT_MATCH(t, "[!", "[!");
	EXPECT_MATCH(t, "*[a-", "x[a-");
	EXPECT_NO_MATCH(t, "[abc", "a");
	EXPECT_NO_MATCH(t, "[", "");
}

static void class_compares_characters_as_unsigned(struct ktest *t)
{
	/* Compared as signed chars, [\x01-\xff] would miss \x80 and [\x7f-\x80] hold all. */
	EXPECT_MATCH(t, "[\x01-\xff]", "\x80");
	EXPECT_MATCH(t, "[\x80-\xff]", "\xe9");
	EXPECT_NO_MATCH(t, "[\x7f-\x80]", "a");
	EXPECT_NO_MATCH(t, "[a-z]", "\xe9");
}

static void star_and_class_combine(struct ktest *t)
{
	EXPECT_MATCH(t, "*[0-9]", "abc7");
	EXPECT_MATCH(t, "*[0-9]*", "ab7cd");
	EXPECT_MATCH(t, "[a-z]*[!0-9]", "x12y");
	EXPECT_NO_MATCH(t, "*[0-9]", "abc");
	EXPECT_NO_MATCH(t, "[a-z]*[!0-9]", "x12");
}

static void test_filter_patterns_select_suites_and_cases(struct ktest *t)
{
	EXPECT_MATCH(t, "slab*", "slab_merge");
	EXPECT_MATCH(t, "slab.*", "slab.kmalloc_zero_returns_zero_size_ptr");
	EXPECT_MATCH(t, "*.kfree_*", "slab.kfree_null_is_noop");
	EXPECT_MATCH(t, "page_alloc.order[0-3]_*", "page_alloc.order2_split");
	EXPECT_NO_MATCH(t, "slab.*", "slab_merge.one");
	EXPECT_NO_MATCH(t, "page_alloc.order[0-3]_*", "page_alloc.order4_split");
}

/* With a backtracking matcher that retries every '*', this takes about 2^60 steps. */
static void many_stars_do_not_backtrack_exponentially(struct ktest *t)
{
	static const char many_a[] =
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

	EXPECT_NO_MATCH(t, "a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", many_a);
	EXPECT_MATCH(t, "a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a", many_a);
	EXPECT_NO_MATCH(t, "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*?b", many_a);
}

KTEST_SUITE(glob,
	    KTEST_CASE(literal_pattern_matches_only_the_same_string),
	    KTEST_CASE(star_matches_any_run_including_none),
	    KTEST_CASE(star_is_not_stopped_by_slash_or_dot),
	    KTEST_CASE(several_stars_match_in_order),
	    KTEST_CASE(star_retries_at_later_occurrences),
	    KTEST_CASE(question_matches_exactly_one_character),
	    KTEST_CASE(question_and_star_combine),
	    KTEST_CASE(class_matches_one_listed_character),
	    KTEST_CASE(class_range_matches_characters_between_its_ends),
	    KTEST_CASE(class_range_ends_may_come_in_either_order),
	    KTEST_CASE(class_negated_by_bang_or_caret),
	    KTEST_CASE(class_leading_bracket_is_a_member),
	    KTEST_CASE(class_dash_first_or_last_is_a_member),
	    KTEST_CASE(class_other_specials_are_members),
	    KTEST_CASE(unterminated_class_is_a_literal_bracket),
	    KTEST_CASE(class_compares_characters_as_unsigned),
	    KTEST_CASE(star_and_class_combine),
	    KTEST_CASE(test_filter_patterns_select_suites_and_cases),
	    KTEST_CASE(many_stars_do_not_backtrack_exponentially));
