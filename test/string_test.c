/*
 * Tests for lib/string.c: each function against its C-library contract, and the word-wise
 * paths of memcpy/memmove/memset/memchr_inv against byte loops at every alignment.
 */
#include <errno.h>
#include <kernel.h>
#include <ktest.h>
#include <string.h>

/* The alignment sweeps try every offset below ALIGN_SPAN and every length up to LEN_MAX. */
#define ALIGN_SPAN 16
#define LEN_MAX 80
/* Room before and after the destination, so writes out of bounds are seen. */
#define GUARD 16
#define SWEEP_BUF (GUARD + ALIGN_SPAN + LEN_MAX + GUARD)

/* Comparison operands, named rather than literal so analysers do not flag the calls. */
static const char s_empty[] = "", s_ab[] = "ab", s_abc[] = "abc", s_abc2[] = "abc";
static const char s_abd[] = "abd", s_bac[] = "bac", s_empty2[] = "";

static u8 sweep_src[SWEEP_BUF] __aligned(16);
static u8 sweep_dst[SWEEP_BUF] __aligned(16);
static u8 sweep_ref[SWEEP_BUF] __aligned(16);

/*
 * Reference byte loops. The volatile accesses keep the compiler from turning them into
 * calls to the very functions under test.
 */
static void ref_copy(u8 *dst, const u8 *src, size_t n)
{
	volatile u8 *d = dst;
	const volatile u8 *s = src;

	for (size_t i = 0; i < n; i++)
		d[i] = s[i];
}

static void ref_fill(u8 *dst, u8 c, size_t n)
{
	volatile u8 *d = dst;

	for (size_t i = 0; i < n; i++)
		d[i] = c;
}

/* A pattern with no repeats within a word, so misplaced bytes are caught. */
static void fill_pattern(u8 *buf, size_t n, unsigned int seed)
{
	volatile u8 *b = buf;

	for (size_t i = 0; i < n; i++)
		b[i] = (u8)(i * 7 + seed * 13 + 1);
}

/* Both sweep buffers start equal; the test then changes each the same way, two routes. */
static void sweep_reset(unsigned int seed)
{
	fill_pattern(sweep_dst, SWEEP_BUF, seed);
	fill_pattern(sweep_ref, SWEEP_BUF, seed);
	fill_pattern(sweep_src, SWEEP_BUF, seed + 101);
}

/* Compare the whole buffer, so bytes just outside the destination are checked too. */
static bool sweep_check(struct ktest *t, const char *fn, size_t soff, size_t doff, size_t len)
{
	for (size_t i = 0; i < SWEEP_BUF; i++) {
		if (sweep_dst[i] != sweep_ref[i]) {
			KTEST_FAIL(t,
				   "%s(src+%zu, dst+%zu, len %zu): byte %zu is %#x, expected %#x",
				   fn, soff, doff, len, i, sweep_dst[i], sweep_ref[i]);
			return false;
		}
	}
	return true;
}

static void memset_fills_range_and_returns_dest(struct ktest *t)
{
	static char buf[8] = "abcdefg";

	KTEST_EXPECT_PTR_EQ(t, memset(buf + 1, 'x', 3), buf + 1);
	KTEST_EXPECT_STREQ(t, buf, "axxxefg");
}

static void memset_uses_low_byte_of_value(struct ktest *t)
{
	static u8 buf[4];

	/* cppcheck-suppress memsetValueOutOfRange ; the conversion is what is tested */
	memset(buf, 0x1a5, sizeof(buf));
	KTEST_EXPECT_EQ(t, buf[0], 0xa5);
	KTEST_EXPECT_EQ(t, buf[3], 0xa5);
}

static void memset_zero_length_writes_nothing(struct ktest *t)
{
	static char buf[4] = "abc";
	size_t none = 0;

	KTEST_EXPECT_PTR_EQ(t, memset(buf, 'x', none), buf);
	KTEST_EXPECT_STREQ(t, buf, "abc");
}

static void memset_matches_byte_loop_at_every_alignment(struct ktest *t)
{
	for (size_t doff = 0; doff < ALIGN_SPAN; doff++) {
		for (size_t len = 0; len <= LEN_MAX; len++) {
			sweep_reset(len);
			memset(sweep_dst + GUARD + doff, 0xa5, len);
			ref_fill(sweep_ref + GUARD + doff, 0xa5, len);
			if (!sweep_check(t, "memset", 0, doff, len))
				return;
		}
	}
}

static void memcpy_copies_and_returns_dest(struct ktest *t)
{
	static char dst[8] = "-------";

	KTEST_EXPECT_PTR_EQ(t, memcpy(dst + 2, "abc", 3), dst + 2);
	KTEST_EXPECT_STREQ(t, dst, "--abc--");
}

static void memcpy_zero_length_writes_nothing(struct ktest *t)
{
	static char dst[4] = "abc";

	KTEST_EXPECT_PTR_EQ(t, memcpy(dst, "xyz", 0), dst);
	KTEST_EXPECT_STREQ(t, dst, "abc");
}

static void memcpy_matches_byte_loop_at_every_alignment(struct ktest *t)
{
	for (size_t soff = 0; soff < ALIGN_SPAN; soff++) {
		for (size_t doff = 0; doff < ALIGN_SPAN; doff++) {
			for (size_t len = 0; len <= LEN_MAX; len++) {
				u8 *src = sweep_src + GUARD + soff;

				sweep_reset(len);
				memcpy(sweep_dst + GUARD + doff, src, len);
				ref_copy(sweep_ref + GUARD + doff, src, len);
				if (!sweep_check(t, "memcpy", soff, doff, len))
					return;
			}
		}
	}
}

static void memmove_without_overlap_copies(struct ktest *t)
{
	static char dst[8] = "-------";

	KTEST_EXPECT_PTR_EQ(t, memmove(dst + 1, "abcde", 5), dst + 1);
	KTEST_EXPECT_STREQ(t, dst, "-abcde-");
}

/* The overlap cases fill their buffer afresh, so that the memory console can run them again. */
static void memmove_overlap_to_higher_address(struct ktest *t)
{
	static char buf[12];

	ref_copy((u8 *)buf, (const u8 *)"abcdefgh", 9);
	KTEST_EXPECT_PTR_EQ(t, memmove(buf + 2, buf, 8), buf + 2);
	KTEST_EXPECT_MEMEQ(t, buf, "ababcdefgh", 10);
}

static void memmove_overlap_to_lower_address(struct ktest *t)
{
	static char buf[12];

	ref_copy((u8 *)buf, (const u8 *)"abcdefghij", 11);
	KTEST_EXPECT_PTR_EQ(t, memmove(buf, buf + 3, 7), buf);
	KTEST_EXPECT_STREQ(t, buf, "defghijhij");
}

static void memmove_onto_itself_changes_nothing(struct ktest *t)
{
	static char buf[8] = "abcdefg";

	memmove(buf, buf, 7);
	KTEST_EXPECT_STREQ(t, buf, "abcdefg");
}

static void memmove_zero_length_writes_nothing(struct ktest *t)
{
	static char buf[8] = "abcdefg";

	memmove(buf + 1, buf, 0);
	KTEST_EXPECT_STREQ(t, buf, "abcdefg");
}

static void memmove_matches_byte_loop_at_every_alignment(struct ktest *t)
{
	for (size_t soff = 0; soff < ALIGN_SPAN; soff++) {
		for (size_t doff = 0; doff < ALIGN_SPAN; doff++) {
			for (size_t len = 0; len <= LEN_MAX; len++) {
				u8 *src = sweep_src + GUARD + soff;

				sweep_reset(len);
				memmove(sweep_dst + GUARD + doff, src, len);
				ref_copy(sweep_ref + GUARD + doff, src, len);
				if (!sweep_check(t, "memmove", soff, doff, len))
					return;
			}
		}
	}
}

/* Source and destination in one buffer: overlapping in both directions. */
static void memmove_overlapping_matches_copy_via_temporary(struct ktest *t)
{
	static u8 tmp[LEN_MAX];

	for (size_t soff = 0; soff < ALIGN_SPAN; soff++) {
		for (size_t doff = 0; doff < ALIGN_SPAN; doff++) {
			for (size_t len = 0; len <= LEN_MAX; len++) {
				sweep_reset(len);
				memmove(sweep_dst + GUARD + doff, sweep_dst + GUARD + soff, len);
				ref_copy(tmp, sweep_ref + GUARD + soff, len);
				ref_copy(sweep_ref + GUARD + doff, tmp, len);
				if (!sweep_check(t, "memmove (overlapping)", soff, doff, len))
					return;
			}
		}
	}
}

static void memcmp_equal_ranges_compare_zero(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, memcmp(s_abc, s_abc2, 3), 0);
	KTEST_EXPECT_EQ(t, memcmp(s_abc, s_abd, 2), 0);
	KTEST_EXPECT_EQ(t, memcmp(s_abc, s_bac, 0), 0);
}

static void memcmp_orders_by_first_differing_byte(struct ktest *t)
{
	KTEST_EXPECT_LT(t, memcmp(s_abc, s_abd, 3), 0);
	KTEST_EXPECT_GT(t, memcmp(s_abd, s_abc, 3), 0);
	KTEST_EXPECT_GT(t, memcmp(s_bac, s_abc, 3), 0);
}

static void memcmp_compares_bytes_as_unsigned(struct ktest *t)
{
	static const u8 high[] = { 0x80 }, low[] = { 0x7f };

	KTEST_EXPECT_GT(t, memcmp(high, low, 1), 0);
	KTEST_EXPECT_LT(t, memcmp(low, high, 1), 0);
}

static void memcmp_does_not_stop_at_nul(struct ktest *t)
{
	static const char a[] = "a\0b", b[] = "a\0c";

	KTEST_EXPECT_LT(t, memcmp(a, b, 3), 0);
}

static void memchr_finds_first_occurrence(struct ktest *t)
{
	static const char s[] = "abcabc";

	KTEST_EXPECT_PTR_EQ(t, memchr(s, 'c', 6), s + 2);
	KTEST_EXPECT_PTR_EQ(t, memchr(s, '\0', 7), s + 6);
}

static void memchr_stops_at_length(struct ktest *t)
{
	static const char s[] = "abcabc";

	KTEST_EXPECT_NULL(t, memchr(s, 'c', 2));
	KTEST_EXPECT_NULL(t, memchr(s, 'a', 0));
}

static void memchr_converts_value_to_unsigned_char(struct ktest *t)
{
	static const char s[] = "a\xff";

	/* cppcheck-suppress invalidFunctionArg ; the conversion is what is tested */
	KTEST_EXPECT_PTR_EQ(t, memchr(s, -1, 2), s + 1);
	KTEST_EXPECT_PTR_EQ(t, memchr(s, 0x161, 2), s);
}

static void memchr_inv_returns_null_when_all_bytes_match(struct ktest *t)
{
	static u8 buf[LEN_MAX];

	ref_fill(buf, 0x6b, sizeof(buf));
	KTEST_EXPECT_NULL(t, memchr_inv(buf, 0x6b, sizeof(buf)));
	KTEST_EXPECT_NULL(t, memchr_inv(buf + 3, 0x6b, sizeof(buf) - 3));
	KTEST_EXPECT_NULL(t, memchr_inv(buf, 0x16b, sizeof(buf)));
}

static void memchr_inv_zero_length_returns_null(struct ktest *t)
{
	KTEST_EXPECT_NULL(t, memchr_inv("x", 'y', 0));
}

/*
 * Plant a differing byte at @bad, and another at the end, and expect memchr_inv() to find
 * the first. Bytes past @len are left as earlier rounds wrote them and must be ignored.
 */
static bool memchr_inv_finds(struct ktest *t, u8 *buf, size_t len, size_t bad)
{
	void *seen;

	ref_fill(buf, 0xcc, len);
	buf[bad] = 0xcd;
	if (bad + 1 < len)
		buf[len - 1] = 0x00;
	seen = memchr_inv(buf, 0xcc, len);
	if (seen == buf + bad)
		return true;
	KTEST_FAIL(t, "buffer %p, len %zu: expected byte %zu, seen %p", buf, len, bad, seen);
	return false;
}

static void memchr_inv_finds_first_differing_byte_at_every_alignment(struct ktest *t)
{
	static u8 buf[ALIGN_SPAN + LEN_MAX] __aligned(16);

	for (size_t off = 0; off < ALIGN_SPAN; off++) {
		for (size_t len = 1; len <= LEN_MAX; len++) {
			for (size_t bad = 0; bad < len; bad++) {
				if (!memchr_inv_finds(t, buf + off, len, bad))
					return;
			}
		}
	}
}

static void memchr_inv_ignores_bytes_past_length(struct ktest *t)
{
	static const u8 buf[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 2 };

	KTEST_EXPECT_NULL(t, memchr_inv(buf, 1, 9));
	KTEST_EXPECT_PTR_EQ(t, memchr_inv(buf, 1, 10), buf + 9);
}

static void strlen_counts_bytes_before_nul(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, strlen(""), 0UL);
	KTEST_EXPECT_EQ(t, strlen("a"), 1UL);
	KTEST_EXPECT_EQ(t, strlen("hello, world"), 12UL);
	KTEST_EXPECT_EQ(t, strlen("ab\0cd"), 2UL);
}

static void strnlen_stops_at_maxlen(struct ktest *t)
{
	static const char unterminated[4] = { 'a', 'b', 'c', 'd' };

	KTEST_EXPECT_EQ(t, strnlen("abc", 10), 3UL);
	KTEST_EXPECT_EQ(t, strnlen("abc", 3), 3UL);
	KTEST_EXPECT_EQ(t, strnlen("abc", 2), 2UL);
	KTEST_EXPECT_EQ(t, strnlen("abc", 0), 0UL);
	KTEST_EXPECT_EQ(t, strnlen(unterminated, sizeof(unterminated)), 4UL);
}

static void strcmp_orders_strings(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, strcmp(s_empty, s_empty2), 0);
	KTEST_EXPECT_EQ(t, strcmp(s_abc, s_abc2), 0);
	KTEST_EXPECT_LT(t, strcmp(s_abc, s_abd), 0);
	KTEST_EXPECT_GT(t, strcmp(s_abd, s_abc), 0);
}

static void strcmp_prefix_sorts_first(struct ktest *t)
{
	KTEST_EXPECT_LT(t, strcmp(s_ab, s_abc), 0);
	KTEST_EXPECT_GT(t, strcmp(s_abc, s_ab), 0);
	KTEST_EXPECT_LT(t, strcmp(s_empty, s_abc), 0);
}

static void strcmp_compares_chars_as_unsigned(struct ktest *t)
{
	static const char high[] = "\xe9", low[] = "z", longer[] = "ab\x80";

	KTEST_EXPECT_GT(t, strcmp(high, low), 0);
	KTEST_EXPECT_LT(t, strcmp(s_ab, longer), 0);
}

static void strncmp_compares_at_most_n_chars(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, strncmp(s_abc, s_abd, 2), 0);
	KTEST_EXPECT_LT(t, strncmp(s_abc, s_abd, 3), 0);
	KTEST_EXPECT_EQ(t, strncmp(s_abc, s_bac, 0), 0);
}

static void strncmp_stops_at_nul(struct ktest *t)
{
	static const char a[] = "ab\0x", b[] = "ab\0y", high[] = "\xff", low[] = "\x01";

	KTEST_EXPECT_EQ(t, strncmp(a, b, 4), 0);
	KTEST_EXPECT_LT(t, strncmp(s_ab, s_abc, 5), 0);
	KTEST_EXPECT_GT(t, strncmp(high, low, 1), 0);
}

static void strchr_finds_first_occurrence(struct ktest *t)
{
	static const char s[] = "hello";

	KTEST_EXPECT_PTR_EQ(t, strchr(s, 'l'), s + 2);
	KTEST_EXPECT_PTR_EQ(t, strchr(s, 'h'), s);
	KTEST_EXPECT_NULL(t, strchr(s, 'z'));
}

static void strchr_nul_finds_terminator(struct ktest *t)
{
	static const char s[] = "hello";
	static const char empty[] = "";

	KTEST_EXPECT_PTR_EQ(t, strchr(s, '\0'), s + 5);
	KTEST_EXPECT_PTR_EQ(t, strchr(empty, '\0'), empty);
}

static void strrchr_finds_last_occurrence(struct ktest *t)
{
	static const char s[] = "hello";

	KTEST_EXPECT_PTR_EQ(t, strrchr(s, 'l'), s + 3);
	KTEST_EXPECT_PTR_EQ(t, strrchr(s, 'o'), s + 4);
	KTEST_EXPECT_PTR_EQ(t, strrchr(s, '\0'), s + 5);
	KTEST_EXPECT_NULL(t, strrchr(s, 'z'));
}

static void strstr_finds_first_match(struct ktest *t)
{
	static const char s[] = "abababc";

	KTEST_EXPECT_PTR_EQ(t, strstr(s, "ab"), s);
	KTEST_EXPECT_PTR_EQ(t, strstr(s, "abc"), s + 4);
	KTEST_EXPECT_PTR_EQ(t, strstr(s, "c"), s + 6);
	KTEST_EXPECT_PTR_EQ(t, strstr(s, s), s);
}

static void strstr_empty_needle_matches_at_start(struct ktest *t)
{
	static const char s[] = "abc";
	static const char empty[] = "";

	KTEST_EXPECT_PTR_EQ(t, strstr(s, ""), s);
	KTEST_EXPECT_PTR_EQ(t, strstr(empty, ""), empty);
}

static void strstr_missing_needle_returns_null(struct ktest *t)
{
	KTEST_EXPECT_NULL(t, strstr("abababc", "abd"));
	KTEST_EXPECT_NULL(t, strstr("ab", "abc"));
	KTEST_EXPECT_NULL(t, strstr("", "a"));
}

static void strspn_counts_accepted_prefix(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, strspn("  \tword", " \t"), 3UL);
	KTEST_EXPECT_EQ(t, strspn("abc", "cba"), 3UL);
	KTEST_EXPECT_EQ(t, strspn("abc", "x"), 0UL);
	KTEST_EXPECT_EQ(t, strspn("abc", ""), 0UL);
	KTEST_EXPECT_EQ(t, strspn("", "abc"), 0UL);
}

static void strcspn_counts_rejected_prefix(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, strcspn("key=value", "=:"), 3UL);
	KTEST_EXPECT_EQ(t, strcspn("abc", "x"), 3UL);
	KTEST_EXPECT_EQ(t, strcspn("abc", ""), 3UL);
	KTEST_EXPECT_EQ(t, strcspn("abc", "a"), 0UL);
	KTEST_EXPECT_EQ(t, strcspn("", "abc"), 0UL);
}

static void strscpy_copies_string_that_fits(struct ktest *t)
{
	static char buf[8];

	KTEST_EXPECT_EQ(t, strscpy(buf, "abc", sizeof(buf)), 3L);
	KTEST_EXPECT_STREQ(t, buf, "abc");
}

static void strscpy_exact_fit_is_not_truncation(struct ktest *t)
{
	static char buf[4];

	KTEST_EXPECT_EQ(t, strscpy(buf, "abc", sizeof(buf)), 3L);
	KTEST_EXPECT_STREQ(t, buf, "abc");
}

static void strscpy_truncates_and_reports_e2big(struct ktest *t)
{
	static char buf[8] = "-------";

	KTEST_EXPECT_EQ(t, strscpy(buf, "abcdef", 4), (ssize_t)-E2BIG);
	KTEST_EXPECT_MEMEQ(t, buf, "abc\0---", 8);
}

static void strscpy_size_one_gives_empty_string(struct ktest *t)
{
	static char buf[4] = "xyz";

	KTEST_EXPECT_EQ(t, strscpy(buf, "a", 1), (ssize_t)-E2BIG);
	KTEST_EXPECT_MEMEQ(t, buf, "\0yz", 4);
	KTEST_EXPECT_EQ(t, strscpy(buf, "", 1), 0L);
}

static void strscpy_size_zero_writes_nothing(struct ktest *t)
{
	static char buf[4] = "xyz";

	KTEST_EXPECT_EQ(t, strscpy(buf, "a", 0), (ssize_t)-E2BIG);
	KTEST_EXPECT_STREQ(t, buf, "xyz");
}

static void strscpy_does_not_pad_with_zeros(struct ktest *t)
{
	static char buf[8] = "-------";

	KTEST_EXPECT_EQ(t, strscpy(buf, "ab", sizeof(buf)), 2L);
	KTEST_EXPECT_MEMEQ(t, buf, "ab\0----", 8);
}

KTEST_SUITE(string,
	    KTEST_CASE(memset_fills_range_and_returns_dest),
	    KTEST_CASE(memset_uses_low_byte_of_value),
	    KTEST_CASE(memset_zero_length_writes_nothing),
	    KTEST_CASE(memset_matches_byte_loop_at_every_alignment),
	    KTEST_CASE(memcpy_copies_and_returns_dest),
	    KTEST_CASE(memcpy_zero_length_writes_nothing),
	    KTEST_CASE(memcpy_matches_byte_loop_at_every_alignment),
	    KTEST_CASE(memmove_without_overlap_copies),
	    KTEST_CASE(memmove_overlap_to_higher_address),
	    KTEST_CASE(memmove_overlap_to_lower_address),
	    KTEST_CASE(memmove_onto_itself_changes_nothing),
	    KTEST_CASE(memmove_zero_length_writes_nothing),
	    KTEST_CASE(memmove_matches_byte_loop_at_every_alignment),
	    KTEST_CASE(memmove_overlapping_matches_copy_via_temporary),
	    KTEST_CASE(memcmp_equal_ranges_compare_zero),
	    KTEST_CASE(memcmp_orders_by_first_differing_byte),
	    KTEST_CASE(memcmp_compares_bytes_as_unsigned),
	    KTEST_CASE(memcmp_does_not_stop_at_nul),
	    KTEST_CASE(memchr_finds_first_occurrence),
	    KTEST_CASE(memchr_stops_at_length),
	    KTEST_CASE(memchr_converts_value_to_unsigned_char),
	    KTEST_CASE(memchr_inv_returns_null_when_all_bytes_match),
	    KTEST_CASE(memchr_inv_zero_length_returns_null),
	    KTEST_CASE(memchr_inv_finds_first_differing_byte_at_every_alignment),
	    KTEST_CASE(memchr_inv_ignores_bytes_past_length),
	    KTEST_CASE(strlen_counts_bytes_before_nul),
	    KTEST_CASE(strnlen_stops_at_maxlen),
	    KTEST_CASE(strcmp_orders_strings),
	    KTEST_CASE(strcmp_prefix_sorts_first),
	    KTEST_CASE(strcmp_compares_chars_as_unsigned),
	    KTEST_CASE(strncmp_compares_at_most_n_chars),
	    KTEST_CASE(strncmp_stops_at_nul),
	    KTEST_CASE(strchr_finds_first_occurrence),
	    KTEST_CASE(strchr_nul_finds_terminator),
	    KTEST_CASE(strrchr_finds_last_occurrence),
	    KTEST_CASE(strstr_finds_first_match),
	    KTEST_CASE(strstr_empty_needle_matches_at_start),
	    KTEST_CASE(strstr_missing_needle_returns_null),
	    KTEST_CASE(strspn_counts_accepted_prefix),
	    KTEST_CASE(strcspn_counts_rejected_prefix),
	    KTEST_CASE(strscpy_copies_string_that_fits),
	    KTEST_CASE(strscpy_exact_fit_is_not_truncation),
	    KTEST_CASE(strscpy_truncates_and_reports_e2big),
	    KTEST_CASE(strscpy_size_one_gives_empty_string),
	    KTEST_CASE(strscpy_size_zero_writes_nothing),
	    KTEST_CASE(strscpy_does_not_pad_with_zeros));
