/*
 * Tests for lib/kstrtox.c: memparse() with every suffix and base, and kstrtoul() on good
 * input, bad input, overflow and the trailing newline it tolerates.
 */
#include <errno.h>
#include <kernel.h>
#include <ktest.h>

#define ULLONG_MAX_VALUE (~0ULL)

/* Expect memparse(@s) to return @val and stop after @consumed characters. */
static void expect_memparse(struct ktest *t, int line, const char *s, unsigned long long val,
			    size_t consumed)
{
	char *end = NULL;
	unsigned long long v = memparse(s, &end);

	if (v != val || end != s + consumed)
		ktest_fail_at(t, __FILE__, line,
			      "memparse(\"%s\"): expected %llu at +%zu, seen %llu at +%td", s, val,
			      consumed, v, end - s);
}

#define EXPECT_MEMPARSE(t, s, val, consumed) expect_memparse(t, __LINE__, s, val, consumed)

/* Expect kstrtoul(@s, @base) to return @err and, on success, store @val. */
static void expect_kstrtoul(struct ktest *t, int line, const char *s, unsigned int base, int err,
			    unsigned long val)
{
	const unsigned long untouched = 0x5a5a5a5aUL;
	unsigned long res = untouched;
	int ret = kstrtoul(s, base, &res);
	unsigned long want = err ? untouched : val;

	if (ret != err || res != want)
		ktest_fail_at(t, __FILE__, line,
			      "kstrtoul(\"%s\", %u): expected %d with %lu, seen %d with %lu", s,
			      base, err, want, ret, res);
}

#define EXPECT_KSTRTOUL(t, s, base, val) expect_kstrtoul(t, __LINE__, s, base, 0, val)
#define EXPECT_KSTRTOUL_ERR(t, s, base, err) expect_kstrtoul(t, __LINE__, s, base, err, 0)

static void memparse_reads_plain_decimal(struct ktest *t)
{
	EXPECT_MEMPARSE(t, "0", 0, 1);
	EXPECT_MEMPARSE(t, "1", 1, 1);
	EXPECT_MEMPARSE(t, "1234", 1234, 4);
	EXPECT_MEMPARSE(t, "18446744073709551615", ULLONG_MAX_VALUE, 20);
}

static void memparse_detects_hex_and_octal_prefixes(struct ktest *t)
{
	EXPECT_MEMPARSE(t, "0x10", 16, 4);
	EXPECT_MEMPARSE(t, "0X1f", 31, 4);
	EXPECT_MEMPARSE(t, "0xffffffffffffffff", ULLONG_MAX_VALUE, 18);
	EXPECT_MEMPARSE(t, "010", 8, 3);
	EXPECT_MEMPARSE(t, "0777", 511, 4);
}

static void memparse_applies_each_suffix(struct ktest *t)
{
	EXPECT_MEMPARSE(t, "1K", 1ULL << 10, 2);
	EXPECT_MEMPARSE(t, "2M", 2ULL << 20, 2);
	EXPECT_MEMPARSE(t, "3G", 3ULL << 30, 2);
	EXPECT_MEMPARSE(t, "4T", 4ULL << 40, 2);
	EXPECT_MEMPARSE(t, "5P", 5ULL << 50, 2);
	EXPECT_MEMPARSE(t, "6E", 6ULL << 60, 2);
	EXPECT_MEMPARSE(t, "15E", 15ULL << 60, 3);
	EXPECT_MEMPARSE(t, "0K", 0, 2);
}

static void memparse_suffix_is_case_insensitive(struct ktest *t)
{
	EXPECT_MEMPARSE(t, "1k", 1ULL << 10, 2);
	EXPECT_MEMPARSE(t, "2m", 2ULL << 20, 2);
	EXPECT_MEMPARSE(t, "3g", 3ULL << 30, 2);
	EXPECT_MEMPARSE(t, "4t", 4ULL << 40, 2);
	EXPECT_MEMPARSE(t, "5p", 5ULL << 50, 2);
	EXPECT_MEMPARSE(t, "6e", 6ULL << 60, 2);
}

static void memparse_suffix_follows_hex_and_octal(struct ktest *t)
{
	EXPECT_MEMPARSE(t, "0x10M", 16ULL << 20, 5);
	EXPECT_MEMPARSE(t, "010K", 8ULL << 10, 4);
	/* In hex, 'e' is a digit rather than the exa suffix. */
	EXPECT_MEMPARSE(t, "0x1e", 0x1e, 4);
	EXPECT_MEMPARSE(t, "1e", 1ULL << 60, 2);
}

static void memparse_stops_after_one_suffix(struct ktest *t)
{
	EXPECT_MEMPARSE(t, "64M,rest", 64ULL << 20, 3);
	EXPECT_MEMPARSE(t, "1KK", 1ULL << 10, 2);
	EXPECT_MEMPARSE(t, "64,rest", 64, 2);
	EXPECT_MEMPARSE(t, "64X", 64, 2);
	EXPECT_MEMPARSE(t, "64 M", 64, 2);
}

static void memparse_without_digits_returns_zero_at_start(struct ktest *t)
{
	EXPECT_MEMPARSE(t, "", 0, 0);
	EXPECT_MEMPARSE(t, "abc", 0, 0);
	EXPECT_MEMPARSE(t, "K", 0, 0);
	EXPECT_MEMPARSE(t, " 5", 0, 0);
	EXPECT_MEMPARSE(t, "+5", 0, 0);
	EXPECT_MEMPARSE(t, "-5", 0, 0);
}

static void memparse_zero_x_without_hex_digit_is_zero(struct ktest *t)
{
	EXPECT_MEMPARSE(t, "0x", 0, 1);
	EXPECT_MEMPARSE(t, "0xg", 0, 1);
}

static void memparse_octal_stops_at_eight(struct ktest *t)
{
	EXPECT_MEMPARSE(t, "08", 0, 1);
	EXPECT_MEMPARSE(t, "0178", 15, 3);
}

static void memparse_accepts_null_retptr(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, memparse("4K", NULL), 4096ULL);
	KTEST_EXPECT_EQ(t, memparse("x", NULL), 0ULL);
}

static void memparse_saturates_when_too_large(struct ktest *t)
{
	EXPECT_MEMPARSE(t, "16E", ULLONG_MAX_VALUE, 3);
	EXPECT_MEMPARSE(t, "18446744073709551616", ULLONG_MAX_VALUE, 20);
	EXPECT_MEMPARSE(t, "0x10000000000000000K", ULLONG_MAX_VALUE, 20);
}

static void kstrtoul_parses_decimal(struct ktest *t)
{
	EXPECT_KSTRTOUL(t, "0", 10, 0);
	EXPECT_KSTRTOUL(t, "1", 10, 1);
	EXPECT_KSTRTOUL(t, "42", 0, 42);
	EXPECT_KSTRTOUL(t, "017", 10, 17);
}

static void kstrtoul_parses_ulong_max(struct ktest *t)
{
	if (sizeof(long) != 8)
		KTEST_SKIP(t, "expectations are for 64-bit long");
	EXPECT_KSTRTOUL(t, "4294967296", 10, 4294967296UL);
	EXPECT_KSTRTOUL(t, "18446744073709551615", 0, ULONG_MAX);
	EXPECT_KSTRTOUL(t, "0xffffffffffffffff", 0, ULONG_MAX);
	EXPECT_KSTRTOUL(t, "1777777777777777777777", 8, ULONG_MAX);
}

static void kstrtoul_base_zero_detects_hex_and_octal(struct ktest *t)
{
	EXPECT_KSTRTOUL(t, "0x1f", 0, 31);
	EXPECT_KSTRTOUL(t, "0X1F", 0, 31);
	EXPECT_KSTRTOUL(t, "017", 0, 15);
	EXPECT_KSTRTOUL(t, "0", 0, 0);
	EXPECT_KSTRTOUL(t, "00", 0, 0);
}

static void kstrtoul_uses_explicit_base(struct ktest *t)
{
	EXPECT_KSTRTOUL(t, "ff", 16, 255);
	EXPECT_KSTRTOUL(t, "0xff", 16, 255);
	EXPECT_KSTRTOUL(t, "FF", 16, 255);
	EXPECT_KSTRTOUL(t, "17", 8, 15);
	EXPECT_KSTRTOUL(t, "101", 2, 5);
	EXPECT_KSTRTOUL(t, "z", 36, 35);
}

static void kstrtoul_accepts_one_trailing_newline(struct ktest *t)
{
	EXPECT_KSTRTOUL(t, "42\n", 10, 42);
	EXPECT_KSTRTOUL(t, "0x10\n", 0, 16);
	EXPECT_KSTRTOUL_ERR(t, "42\n\n", 10, -EINVAL);
	EXPECT_KSTRTOUL_ERR(t, "\n", 10, -EINVAL);
	EXPECT_KSTRTOUL_ERR(t, "42\nx", 10, -EINVAL);
}

static void kstrtoul_accepts_leading_plus_not_minus(struct ktest *t)
{
	EXPECT_KSTRTOUL(t, "+7", 10, 7);
	EXPECT_KSTRTOUL(t, "+0x7", 0, 7);
	EXPECT_KSTRTOUL_ERR(t, "+", 10, -EINVAL);
	EXPECT_KSTRTOUL_ERR(t, "-1", 10, -EINVAL);
	EXPECT_KSTRTOUL_ERR(t, "++1", 10, -EINVAL);
}

static void kstrtoul_rejects_empty_and_trailing_junk(struct ktest *t)
{
	EXPECT_KSTRTOUL_ERR(t, "", 10, -EINVAL);
	EXPECT_KSTRTOUL_ERR(t, "abc", 10, -EINVAL);
	EXPECT_KSTRTOUL_ERR(t, "12abc", 10, -EINVAL);
	EXPECT_KSTRTOUL_ERR(t, " 12", 10, -EINVAL);
	EXPECT_KSTRTOUL_ERR(t, "12 ", 10, -EINVAL);
	EXPECT_KSTRTOUL_ERR(t, "1.5", 10, -EINVAL);
}

static void kstrtoul_rejects_digits_outside_base(struct ktest *t)
{
	EXPECT_KSTRTOUL_ERR(t, "08", 0, -EINVAL);
	EXPECT_KSTRTOUL_ERR(t, "9", 8, -EINVAL);
	EXPECT_KSTRTOUL_ERR(t, "2", 2, -EINVAL);
	EXPECT_KSTRTOUL_ERR(t, "0x10", 10, -EINVAL);
	EXPECT_KSTRTOUL_ERR(t, "0x", 0, -EINVAL);
	EXPECT_KSTRTOUL_ERR(t, "0xg", 16, -EINVAL);
}

static void kstrtoul_rejects_invalid_base(struct ktest *t)
{
	EXPECT_KSTRTOUL_ERR(t, "0", 1, -EINVAL);
	EXPECT_KSTRTOUL_ERR(t, "0", 37, -EINVAL);
}

static void kstrtoul_overflow_returns_erange(struct ktest *t)
{
	if (sizeof(long) != 8)
		KTEST_SKIP(t, "expectations are for 64-bit long");
	EXPECT_KSTRTOUL_ERR(t, "18446744073709551616", 10, -ERANGE);
	EXPECT_KSTRTOUL_ERR(t, "0x10000000000000000", 0, -ERANGE);
	EXPECT_KSTRTOUL_ERR(t, "99999999999999999999999", 10, -ERANGE);
	EXPECT_KSTRTOUL_ERR(t, "18446744073709551616\n", 10, -ERANGE);
}

KTEST_SUITE(kstrtox,
	    KTEST_CASE(memparse_reads_plain_decimal),
	    KTEST_CASE(memparse_detects_hex_and_octal_prefixes),
	    KTEST_CASE(memparse_applies_each_suffix),
	    KTEST_CASE(memparse_suffix_is_case_insensitive),
	    KTEST_CASE(memparse_suffix_follows_hex_and_octal),
	    KTEST_CASE(memparse_stops_after_one_suffix),
	    KTEST_CASE(memparse_without_digits_returns_zero_at_start),
	    KTEST_CASE(memparse_zero_x_without_hex_digit_is_zero),
	    KTEST_CASE(memparse_octal_stops_at_eight),
	    KTEST_CASE(memparse_accepts_null_retptr),
	    KTEST_CASE(memparse_saturates_when_too_large),
	    KTEST_CASE(kstrtoul_parses_decimal),
	    KTEST_CASE(kstrtoul_parses_ulong_max),
	    KTEST_CASE(kstrtoul_base_zero_detects_hex_and_octal),
	    KTEST_CASE(kstrtoul_uses_explicit_base),
	    KTEST_CASE(kstrtoul_accepts_one_trailing_newline),
	    KTEST_CASE(kstrtoul_accepts_leading_plus_not_minus),
	    KTEST_CASE(kstrtoul_rejects_empty_and_trailing_junk),
	    KTEST_CASE(kstrtoul_rejects_digits_outside_base),
	    KTEST_CASE(kstrtoul_rejects_invalid_base),
	    KTEST_CASE(kstrtoul_overflow_returns_erange));
