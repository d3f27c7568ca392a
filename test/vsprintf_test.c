/*
 * Tests for lib/vsprintf.c: every conversion with every length modifier at its boundary
 * values, flags, width and precision, and truncation at every buffer size. Expected
 * strings are what C's printf prints (%p, which C leaves to the implementation, aside).
 */
#include <kernel.h>
#include <ktest.h>
#include <stdarg.h>
#include <string.h>

/* Output lands here; big enough for every expected string below. */
#define OUT_SIZE 128
static char out[OUT_SIZE];

/* Bytes of out[] that vsnprintf() must leave alone are preset to this. */
#define SENTINEL '#'

static void check_vfmt(struct ktest *t, int line, const char *expected, const char *fmt,
		       va_list args)
{
	int n = vsnprintf(out, sizeof(out), fmt, args);
	int want = (int)strlen(expected);

	if (strcmp(out, expected) != 0 || n != want)
		ktest_fail_at(t, __FILE__, line,
			      "format \"%s\": expected \"%s\" (%d), seen \"%s\" (%d)", fmt,
			      expected, want, out, n);
}

/* The compiler checks these arguments against the format, as for any printf call. */
static __printf(4, 5) void check_fmt(struct ktest *t, int line, const char *expected,
				     const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	check_vfmt(t, line, expected, fmt, args);
	va_end(args);
}

/*
 * For calls the compiler would warn about on purpose: odd flags, unknown conversions, and
 * ints given to %hh and %h to show they are converted to char or short.
 */
static void check_fmt_unchecked(struct ktest *t, int line, const char *expected, const char *fmt,
				...)
{
	va_list args;

	va_start(args, fmt);
	check_vfmt(t, line, expected, fmt, args);
	va_end(args);
}

/* EXPECT_FMT - expect snprintf(.., fmt, ...) to print @expected and return its length. */
#define EXPECT_FMT(t, expected, fmt, ...) check_fmt(t, __LINE__, expected, fmt, ##__VA_ARGS__)
#define EXPECT_FMT_UNCHECKED(t, expected, fmt, ...) \
	check_fmt_unchecked(t, __LINE__, expected, fmt, ##__VA_ARGS__)

/* The literal expectations for long, size_t and pointers assume 64-bit ones. */
#define REQUIRE_64BIT(t)                                                   \
	do {                                                               \
		if (sizeof(long) != 8 || sizeof(void *) != 8)              \
			KTEST_SKIP(t, "expectations are for 64-bit long"); \
	} while (0)

/*
 * Format into out[] limited to every size from 0 to strlen(@expected) + 1, and check the
 * return values of vsnprintf() and vscnprintf(), the truncated text, where the NUL goes,
 * and that nothing past the limit was written.
 */
static void check_vtruncation(struct ktest *t, int line, const char *expected, const char *fmt,
			      va_list args)
{
	size_t len = strlen(expected);

	for (size_t size = 0; size <= len + 1; size++) {
		size_t kept = size == 0 ? 0 : min(size - 1, len);
		size_t untouched = size == 0 ? 0 : kept + 1;
		int n, m;
		va_list ap;

		memset(out, SENTINEL, sizeof(out));
		va_copy(ap, args);
		n = vsnprintf(out, size, fmt, ap);
		va_end(ap);
		if (n != (int)len)
			ktest_fail_at(t, __FILE__, line,
				      "size %zu: vsnprintf returned %d, expected %zu", size, n,
				      len);
		if (memcmp(out, expected, kept) != 0 || (size > 0 && out[kept] != '\0'))
			ktest_fail_at(t, __FILE__, line,
				      "size %zu: expected \"%.*s\" and a NUL, seen \"%.*s\"", size,
				      (int)kept, expected, (int)kept, out);
		if (memchr_inv(out + untouched, SENTINEL, sizeof(out) - untouched))
			ktest_fail_at(t, __FILE__, line, "size %zu: wrote past the buffer", size);

		memset(out, SENTINEL, sizeof(out));
		va_copy(ap, args);
		m = vscnprintf(out, size, fmt, ap);
		va_end(ap);
		if (m != (int)kept)
			ktest_fail_at(t, __FILE__, line,
				      "size %zu: vscnprintf returned %d, expected %zu", size, m,
				      kept);
		if (memchr_inv(out + untouched, SENTINEL, sizeof(out) - untouched))
			ktest_fail_at(t, __FILE__, line,
				      "size %zu: vscnprintf wrote past the buffer", size);
	}
}

static __printf(4, 5) void check_truncation(struct ktest *t, int line, const char *expected,
					    const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	check_vtruncation(t, line, expected, fmt, args);
	va_end(args);
}

#define EXPECT_TRUNCATION(t, expected, fmt, ...) \
	check_truncation(t, __LINE__, expected, fmt, ##__VA_ARGS__)

static void plain_text_is_copied(struct ktest *t)
{
	EXPECT_FMT_UNCHECKED(t, "", ""); /* the compiler frowns on empty formats */
	EXPECT_FMT(t, "hello, world\n", "hello, world\n");
}

static void percent_percent_prints_one_percent(struct ktest *t)
{
	EXPECT_FMT(t, "%", "%%");
	EXPECT_FMT(t, "100%", "100%%");
	EXPECT_FMT(t, "%d", "%%d");
	EXPECT_FMT(t, "%%", "%%%%");
}

static void d_prints_int_boundaries(struct ktest *t)
{
	EXPECT_FMT(t, "0", "%d", 0);
	EXPECT_FMT(t, "1", "%d", 1);
	EXPECT_FMT(t, "-1", "%d", -1);
	EXPECT_FMT(t, "2147483647", "%d", INT_MAX);
	EXPECT_FMT(t, "-2147483648", "%d", INT_MIN);
}

static void i_prints_like_d(struct ktest *t)
{
	EXPECT_FMT(t, "0", "%i", 0);
	EXPECT_FMT(t, "-1", "%i", -1);
	EXPECT_FMT(t, "2147483647", "%i", INT_MAX);
	EXPECT_FMT(t, "-2147483648", "%i", INT_MIN);
}

static void u_prints_unsigned_int_boundaries(struct ktest *t)
{
	EXPECT_FMT(t, "0", "%u", 0U);
	EXPECT_FMT(t, "1", "%u", 1U);
	EXPECT_FMT(t, "2147483648", "%u", (unsigned int)INT_MIN);
	EXPECT_FMT(t, "4294967295", "%u", UINT_MAX);
	EXPECT_FMT(t, "4294967295", "%u", -1);
}

static void x_prints_lowercase_hex(struct ktest *t)
{
	EXPECT_FMT(t, "0", "%x", 0U);
	EXPECT_FMT(t, "1", "%x", 1U);
	EXPECT_FMT(t, "deadbeef", "%x", 0xdeadbeefU);
	EXPECT_FMT(t, "80000000", "%x", (unsigned int)INT_MIN);
	EXPECT_FMT(t, "ffffffff", "%x", -1);
}

static void X_prints_uppercase_hex(struct ktest *t)
{
	EXPECT_FMT(t, "0", "%X", 0U);
	EXPECT_FMT(t, "DEADBEEF", "%X", 0xdeadbeefU);
	EXPECT_FMT(t, "FFFFFFFF", "%X", -1);
}

static void o_prints_octal(struct ktest *t)
{
	EXPECT_FMT(t, "0", "%o", 0U);
	EXPECT_FMT(t, "1", "%o", 1U);
	EXPECT_FMT(t, "10", "%o", 8U);
	EXPECT_FMT(t, "777", "%o", 511U);
	EXPECT_FMT(t, "37777777777", "%o", -1);
}

static void hh_converts_to_char_before_printing(struct ktest *t)
{
	EXPECT_FMT_UNCHECKED(t, "0", "%hhd", 0);
	EXPECT_FMT_UNCHECKED(t, "-1", "%hhd", -1);
	EXPECT_FMT_UNCHECKED(t, "127", "%hhd", 127);
	EXPECT_FMT_UNCHECKED(t, "-128", "%hhd", SCHAR_MIN);
	EXPECT_FMT_UNCHECKED(t, "-128", "%hhi", 128);
	EXPECT_FMT_UNCHECKED(t, "-1", "%hhd", 255);
	EXPECT_FMT_UNCHECKED(t, "127", "%hhd", 0x17f);
	EXPECT_FMT_UNCHECKED(t, "255", "%hhu", -1);
	EXPECT_FMT_UNCHECKED(t, "0", "%hhu", 256);
	EXPECT_FMT_UNCHECKED(t, "ff", "%hhx", 0x1ff);
	EXPECT_FMT_UNCHECKED(t, "AB", "%hhX", 0x12ab);
	EXPECT_FMT_UNCHECKED(t, "377", "%hho", -1);
}

static void h_converts_to_short_before_printing(struct ktest *t)
{
	EXPECT_FMT_UNCHECKED(t, "0", "%hd", 0);
	EXPECT_FMT_UNCHECKED(t, "-1", "%hd", -1);
	EXPECT_FMT_UNCHECKED(t, "32767", "%hd", 32767);
	EXPECT_FMT_UNCHECKED(t, "-32768", "%hd", SHRT_MIN);
	EXPECT_FMT_UNCHECKED(t, "-32768", "%hi", 32768);
	EXPECT_FMT_UNCHECKED(t, "-1", "%hd", 65535);
	EXPECT_FMT_UNCHECKED(t, "65535", "%hu", -1);
	EXPECT_FMT_UNCHECKED(t, "0", "%hu", 65536);
	EXPECT_FMT_UNCHECKED(t, "2345", "%hx", 0x12345);
	EXPECT_FMT_UNCHECKED(t, "BEEF", "%hX", 0xdeadbeef);
	EXPECT_FMT_UNCHECKED(t, "177777", "%ho", -1);
}

static void l_prints_long_boundaries(struct ktest *t)
{
	REQUIRE_64BIT(t);
	EXPECT_FMT(t, "0", "%ld", 0L);
	EXPECT_FMT(t, "-1", "%ld", -1L);
	EXPECT_FMT(t, "9223372036854775807", "%ld", LONG_MAX);
	EXPECT_FMT(t, "-9223372036854775808", "%ld", LONG_MIN);
	EXPECT_FMT(t, "-9223372036854775808", "%li", LONG_MIN);
	EXPECT_FMT(t, "4294967296", "%lu", 1UL << 32);
	EXPECT_FMT(t, "18446744073709551615", "%lu", ULONG_MAX);
	EXPECT_FMT(t, "ffffffffffffffff", "%lx", ULONG_MAX);
	EXPECT_FMT(t, "8000000000000000", "%lx", (unsigned long)LONG_MIN);
	EXPECT_FMT(t, "FFFFFFFFFFFFFFFF", "%lX", ULONG_MAX);
	EXPECT_FMT(t, "1777777777777777777777", "%lo", ULONG_MAX);
}

static void ll_prints_long_long_boundaries(struct ktest *t)
{
	EXPECT_FMT(t, "0", "%lld", 0LL);
	EXPECT_FMT(t, "-1", "%lld", -1LL);
	EXPECT_FMT(t, "9223372036854775807", "%lld", LLONG_MAX);
	EXPECT_FMT(t, "-9223372036854775808", "%lld", LLONG_MIN);
	EXPECT_FMT(t, "-9223372036854775808", "%lli", LLONG_MIN);
	EXPECT_FMT(t, "18446744073709551615", "%llu", ULLONG_MAX);
	EXPECT_FMT(t, "ffffffffffffffff", "%llx", ULLONG_MAX);
	EXPECT_FMT(t, "123456789ABCDEF0", "%llX", 0x123456789abcdef0ULL);
	EXPECT_FMT(t, "1777777777777777777777", "%llo", ULLONG_MAX);
}

static void z_prints_size_t(struct ktest *t)
{
	REQUIRE_64BIT(t);
	EXPECT_FMT(t, "0", "%zu", (size_t)0);
	EXPECT_FMT(t, "18446744073709551615", "%zu", (size_t)-1);
	EXPECT_FMT(t, "-1", "%zd", (ssize_t)-1);
	EXPECT_FMT(t, "-9223372036854775808", "%zi", (ssize_t)LONG_MIN);
	EXPECT_FMT(t, "ffffffffffffffff", "%zx", (size_t)-1);
	EXPECT_FMT(t, "1000", "%zX", (size_t)0x1000);
	EXPECT_FMT(t, "17", "%zo", (size_t)15);
}

static void t_prints_ptrdiff_t(struct ktest *t)
{
	static const char s[] = "abcdef";
	const char *lo = s, *hi = s + 5;

	REQUIRE_64BIT(t);
	EXPECT_FMT(t, "5", "%td", hi - lo);
	EXPECT_FMT(t, "-5", "%td", lo - hi);
	EXPECT_FMT(t, "-5", "%ti", lo - hi);
	EXPECT_FMT(t, "fffffffffffffffb", "%tx", lo - hi);
}

static void j_prints_intmax_t(struct ktest *t)
{
	EXPECT_FMT(t, "-9223372036854775808", "%jd", (intmax_t)LLONG_MIN);
	EXPECT_FMT(t, "18446744073709551615", "%ju", (uintmax_t)ULLONG_MAX);
}

static void width_pads_on_the_left(struct ktest *t)
{
	EXPECT_FMT(t, "   42", "%5d", 42);
	EXPECT_FMT(t, "  -42", "%5d", -42);
	EXPECT_FMT(t, "   ab", "%5s", "ab");
	EXPECT_FMT(t, "    x", "%5c", 'x');
	EXPECT_FMT(t, "   2a", "%5x", 42U);
}

static void width_is_a_minimum_not_a_limit(struct ktest *t)
{
	EXPECT_FMT(t, "12345", "%3d", 12345);
	EXPECT_FMT(t, "-12345", "%6d", -12345);
	EXPECT_FMT(t, "abcdef", "%2s", "abcdef");
}

static void minus_flag_pads_on_the_right(struct ktest *t)
{
	EXPECT_FMT(t, "42   |", "%-5d|", 42);
	EXPECT_FMT(t, "-42  |", "%-5d|", -42);
	EXPECT_FMT(t, "ab   |", "%-5s|", "ab");
	EXPECT_FMT(t, "x  |", "%-3c|", 'x');
	EXPECT_FMT(t, "ff   |", "%-5x|", 255U);
}

static void zero_flag_pads_numbers_with_zeros(struct ktest *t)
{
	EXPECT_FMT(t, "00042", "%05d", 42);
	EXPECT_FMT(t, "-0042", "%05d", -42);
	EXPECT_FMT(t, "0000beef", "%08x", 0xbeefU);
	EXPECT_FMT(t, "00017", "%05o", 15U);
	EXPECT_FMT(t, "-2147483648", "%05d", INT_MIN);
}

static void minus_flag_overrides_zero_flag(struct ktest *t)
{
	EXPECT_FMT_UNCHECKED(t, "42   |", "%-05d|", 42);
	EXPECT_FMT_UNCHECKED(t, "42   |", "%0-5d|", 42);
}

static void precision_sets_minimum_digits(struct ktest *t)
{
	EXPECT_FMT(t, "007", "%.3d", 7);
	EXPECT_FMT(t, "-007", "%.3d", -7);
	EXPECT_FMT(t, "12345", "%.3d", 12345);
	EXPECT_FMT(t, "0000000042", "%.10u", 42U);
	EXPECT_FMT(t, "00ff", "%.4x", 255U);
	EXPECT_FMT(t, "     007", "%8.3d", 7);
	EXPECT_FMT(t, "007     |", "%-8.3d|", 7);
	EXPECT_FMT(t, "7", "%.d", 7);
}

static void precision_zero_prints_no_digits_for_zero(struct ktest *t)
{
	EXPECT_FMT(t, "", "%.0d", 0);
	EXPECT_FMT(t, "", "%.0u", 0U);
	EXPECT_FMT(t, "", "%.0x", 0U);
	EXPECT_FMT(t, "", "%.0o", 0U);
	EXPECT_FMT(t, "", "%.d", 0);
	EXPECT_FMT(t, "     ", "%5.0d", 0);
	EXPECT_FMT(t, "1", "%.0d", 1);
}

static void precision_overrides_zero_flag(struct ktest *t)
{
	EXPECT_FMT_UNCHECKED(t, "     007", "%08.3d", 7);
	EXPECT_FMT_UNCHECKED(t, "    -007", "%08.3d", -7);
	EXPECT_FMT_UNCHECKED(t, "     ", "%05.0d", 0);
}

static void plus_flag_signs_non_negative_numbers(struct ktest *t)
{
	EXPECT_FMT(t, "+5", "%+d", 5);
	EXPECT_FMT(t, "-5", "%+d", -5);
	EXPECT_FMT(t, "+0", "%+d", 0);
	EXPECT_FMT(t, "   +5", "%+5d", 5);
	EXPECT_FMT(t, "+0005", "%+05d", 5);
	EXPECT_FMT(t, "+2147483647", "%+i", INT_MAX);
	EXPECT_FMT(t, "+", "%+.0d", 0);
}

static void space_flag_puts_space_before_non_negative_numbers(struct ktest *t)
{
	EXPECT_FMT(t, " 5", "% d", 5);
	EXPECT_FMT(t, "-5", "% d", -5);
	EXPECT_FMT(t, " 0", "% d", 0);
	EXPECT_FMT(t, " 0005", "% 05d", 5);
	EXPECT_FMT(t, "   5", "% 4d", 5);
}

static void plus_flag_overrides_space_flag(struct ktest *t)
{
	EXPECT_FMT_UNCHECKED(t, "+5", "%+ d", 5);
	EXPECT_FMT_UNCHECKED(t, "+5", "% +d", 5);
}

static void sign_flags_do_not_affect_unsigned_conversions(struct ktest *t)
{
	EXPECT_FMT_UNCHECKED(t, "5", "%+u", 5U);
	EXPECT_FMT_UNCHECKED(t, "5", "% u", 5U);
	EXPECT_FMT_UNCHECKED(t, "ff", "%+x", 255U);
	EXPECT_FMT_UNCHECKED(t, "17", "% o", 15U);
}

static void hash_flag_prefixes_hex(struct ktest *t)
{
	EXPECT_FMT(t, "0xff", "%#x", 255U);
	EXPECT_FMT(t, "0XFF", "%#X", 255U);
	EXPECT_FMT(t, "0", "%#x", 0U);
	EXPECT_FMT(t, "      0xff", "%#10x", 255U);
	EXPECT_FMT(t, "0x000000ff", "%#010x", 255U);
	EXPECT_FMT(t, "0xff      |", "%-#10x|", 255U);
	EXPECT_FMT(t, "0x00ff", "%#.4x", 255U);
	EXPECT_FMT(t, "0xffffffffffffffff", "%#llx", ULLONG_MAX);
}

static void hash_flag_makes_octal_start_with_zero(struct ktest *t)
{
	EXPECT_FMT(t, "010", "%#o", 8U);
	EXPECT_FMT(t, "0", "%#o", 0U);
	EXPECT_FMT(t, "0", "%#.0o", 0U);
	EXPECT_FMT(t, "010", "%#.3o", 8U);
	EXPECT_FMT(t, "00010", "%#.5o", 8U);
	EXPECT_FMT(t, "  010", "%#5o", 8U);
	EXPECT_FMT(t, "00010", "%#05o", 8U);
}

static void star_width_takes_an_int_argument(struct ktest *t)
{
	EXPECT_FMT(t, "   42", "%*d", 5, 42);
	EXPECT_FMT(t, "  ab", "%*s", 4, "ab");
	EXPECT_FMT(t, "42", "%*d", 0, 42);
	EXPECT_FMT(t, "00042", "%0*d", 5, 42);
	EXPECT_FMT(t, "x 7", "%c%*d", 'x', 2, 7);
}

static void negative_star_width_pads_on_the_right(struct ktest *t)
{
	EXPECT_FMT(t, "42   |", "%*d|", -5, 42);
	EXPECT_FMT(t, "ab  |", "%*s|", -4, "ab");
	EXPECT_FMT(t, "42   |", "%0*d|", -5, 42);
}

static void star_precision_takes_an_int_argument(struct ktest *t)
{
	EXPECT_FMT(t, "ab", "%.*s", 2, "abcdef");
	EXPECT_FMT(t, "0007", "%.*d", 4, 7);
	EXPECT_FMT(t, "   007", "%*.*d", 6, 3, 7);
	EXPECT_FMT(t, "", "%.*d", 0, 0);
}

static void negative_star_precision_counts_as_none(struct ktest *t)
{
	EXPECT_FMT(t, "7", "%.*d", -1, 7);
	EXPECT_FMT(t, "0", "%.*d", -3, 0);
	EXPECT_FMT(t, "abc", "%.*s", -1, "abc");
	EXPECT_FMT_UNCHECKED(t, "00007", "%0*.*d", 5, -1, 7);
}

static void c_prints_one_character(struct ktest *t)
{
	EXPECT_FMT(t, "A", "%c", 'A');
	EXPECT_FMT(t, "ab", "%c%c", 'a', 'b');
	EXPECT_FMT(t, "\xff", "%c", 0xff);
	EXPECT_FMT(t, "a", "%c", 0x161);
}

static void c_with_zero_width_prints_just_the_character(struct ktest *t)
{
	EXPECT_FMT(t, "x", "%*c", 0, 'x');
	EXPECT_FMT(t, "x", "%1c", 'x');
	EXPECT_FMT(t, "x|", "%-*c|", 0, 'x');
}

static void c_of_nul_writes_and_counts_a_nul(struct ktest *t)
{
	memset(out, SENTINEL, sizeof(out));
	KTEST_EXPECT_EQ(t, snprintf(out, sizeof(out), "a%cb", 0), 3);
	KTEST_EXPECT_MEMEQ(t, out, "a\0b\0", 4);
}

static void s_prints_the_string(struct ktest *t)
{
	EXPECT_FMT(t, "hello", "%s", "hello");
	EXPECT_FMT(t, "", "%s", "");
	EXPECT_FMT(t, "[]", "[%s]", "");
	EXPECT_FMT(t, "a-b", "%s-%s", "a", "b");
	EXPECT_FMT(t, "100%", "%s", "100%");
}

static void s_precision_limits_characters_printed(struct ktest *t)
{
	EXPECT_FMT(t, "abc", "%.3s", "abcdef");
	EXPECT_FMT(t, "", "%.0s", "abcdef");
	EXPECT_FMT(t, "", "%.s", "abcdef");
	EXPECT_FMT(t, "abc", "%.10s", "abc");
	EXPECT_FMT(t, "   ab", "%5.2s", "abcdef");
	EXPECT_FMT(t, "ab   |", "%-5.2s|", "abcdef");
}

static void s_precision_does_not_read_past_it(struct ktest *t)
{
	static const char unterminated[3] = { 'a', 'b', 'c' };

	EXPECT_FMT(t, "abc", "%.3s", unterminated);
	EXPECT_FMT(t, "ab", "%.2s", unterminated);
}

static void s_of_null_prints_null_in_parentheses(struct ktest *t)
{
	EXPECT_FMT_UNCHECKED(t, "(null)", "%s", (const char *)NULL);
	EXPECT_FMT_UNCHECKED(t, "  (null)", "%8s", (const char *)NULL);
	EXPECT_FMT_UNCHECKED(t, "(null)  |", "%-8s|", (const char *)NULL);
}

static void p_prints_zero_padded_hex_address(struct ktest *t)
{
	REQUIRE_64BIT(t);
	EXPECT_FMT(t, "0x00000000deadbeef", "%p", (void *)0xdeadbeefUL);
	EXPECT_FMT(t, "0x0000000000000000", "%p", (void *)NULL);
	EXPECT_FMT(t, "0xffffffffffffffff", "%p", (void *)ULONG_MAX);
	EXPECT_FMT(t, "0x8000000000001000", "%p", (void *)0x8000000000001000UL);
}

static void px_prints_the_raw_address_too(struct ktest *t)
{
	REQUIRE_64BIT(t);
	EXPECT_FMT(t, "0x00000000deadbeef", "%px", (void *)0xdeadbeefUL);
	EXPECT_FMT(t, "[0x0000000000000010]", "[%px]", (void *)0x10UL);
	EXPECT_FMT(t, "0x0000000000000001 0x0000000000000002", "%px %p", (void *)1UL, (void *)2UL);
}

static void p_honours_width_and_minus_flag(struct ktest *t)
{
	REQUIRE_64BIT(t);
	EXPECT_FMT(t, "  0x00000000deadbeef", "%20p", (void *)0xdeadbeefUL);
	EXPECT_FMT(t, "0x00000000deadbeef  |", "%-20p|", (void *)0xdeadbeefUL);
	EXPECT_FMT(t, "0x00000000deadbeef", "%5p", (void *)0xdeadbeefUL);
}

static void unknown_conversion_prints_literally(struct ktest *t)
{
	EXPECT_FMT_UNCHECKED(t, "%y", "%y");
	EXPECT_FMT_UNCHECKED(t, "a%yb", "a%yb");
	EXPECT_FMT_UNCHECKED(t, "%-5y", "%-5y");
	EXPECT_FMT_UNCHECKED(t, "%lly", "%lly");
}

static void unknown_conversion_consumes_no_argument(struct ktest *t)
{
	EXPECT_FMT_UNCHECKED(t, "%y 5", "%y %d", 5);
	EXPECT_FMT_UNCHECKED(t, "%k=ab", "%k=%s", "ab");
}

static void trailing_percent_prints_literally(struct ktest *t)
{
	EXPECT_FMT_UNCHECKED(t, "abc%", "abc%");
	EXPECT_FMT_UNCHECKED(t, "5 %-3", "%d %-3", 5);
}

static void conversions_take_arguments_in_order(struct ktest *t)
{
	REQUIRE_64BIT(t);
	EXPECT_FMT(t, "1 two 3 4 5 -6 7 0x0000000000000008 9", "%d %s %c %x %lu %lld %zu %p %hhu",
		   1, "two", '3', 4U, 5UL, -6LL, (size_t)7, (void *)8UL, (unsigned char)9);
}

static void null_buffer_with_size_zero_returns_length(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, snprintf(NULL, 0, "%d", 12345), 5);
	KTEST_EXPECT_EQ(t, snprintf(NULL, 0, "%s and %s", "this", "that"), 13);
	KTEST_EXPECT_EQ(t, scnprintf(NULL, 0, "%d", 12345), 0);
}

static void size_zero_writes_nothing(struct ktest *t)
{
	memset(out, SENTINEL, sizeof(out));
	KTEST_EXPECT_EQ(t, snprintf(out, 0, "abc"), 3);
	KTEST_EXPECT_NULL(t, memchr_inv(out, SENTINEL, sizeof(out)));
}

static void truncation_at_every_size_keeps_prefix_and_length(struct ktest *t)
{
	EXPECT_TRUNCATION(t, "hello, world", "hello, %s", "world");
	EXPECT_TRUNCATION(t, "-2147483648", "%d", INT_MIN);
	EXPECT_TRUNCATION(t, "   -042|", "%7.3d|", -42);
	EXPECT_TRUNCATION(t, "0xdeadbeef", "%#x", 0xdeadbeefU);
	EXPECT_TRUNCATION(t, "ab    ", "%-6s", "ab");
	EXPECT_TRUNCATION(t, "x", "%c", 'x');
	EXPECT_TRUNCATION(t, "", "%s", "");
	EXPECT_TRUNCATION(t, "100%", "%d%%", 100);
}

static void snprintf_returns_full_length_when_truncating(struct ktest *t)
{
	memset(out, SENTINEL, sizeof(out));
	KTEST_EXPECT_EQ(t, snprintf(out, 4, "%d", 123456), 6);
	KTEST_EXPECT_MEMEQ(t, out, "123\0#", 5);
}

static void scnprintf_returns_characters_stored(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, scnprintf(out, sizeof(out), "abcdef"), 6);
	KTEST_EXPECT_EQ(t, scnprintf(out, 7, "abcdef"), 6);
	KTEST_EXPECT_EQ(t, scnprintf(out, 6, "abcdef"), 5);
	KTEST_EXPECT_STREQ(t, out, "abcde");
	KTEST_EXPECT_EQ(t, scnprintf(out, 1, "abcdef"), 0);
	KTEST_EXPECT_EQ(t, scnprintf(out, 0, "abcdef"), 0);
}

static void scnprintf_appends_until_the_buffer_is_full(struct ktest *t)
{
	static char buf[10];
	int len = 0;

	for (int i = 0; i < 6; i++)
		len += scnprintf(buf + len, sizeof(buf) - len, "%d,", i);
	KTEST_EXPECT_EQ(t, len, 9);
	KTEST_EXPECT_STREQ(t, buf, "0,1,2,3,4");
}

static void sprintf_writes_whole_string(struct ktest *t)
{
	static char buf[32];

	KTEST_EXPECT_EQ(t, sprintf(buf, "%d-%s-%03x", 1, "two", 3U), 9);
	KTEST_EXPECT_STREQ(t, buf, "1-two-003");
}

KTEST_SUITE(vsprintf,
	    KTEST_CASE(plain_text_is_copied),
	    KTEST_CASE(percent_percent_prints_one_percent),
	    KTEST_CASE(d_prints_int_boundaries),
	    KTEST_CASE(i_prints_like_d),
	    KTEST_CASE(u_prints_unsigned_int_boundaries),
	    KTEST_CASE(x_prints_lowercase_hex),
	    KTEST_CASE(X_prints_uppercase_hex),
	    KTEST_CASE(o_prints_octal),
	    KTEST_CASE(hh_converts_to_char_before_printing),
	    KTEST_CASE(h_converts_to_short_before_printing),
	    KTEST_CASE(l_prints_long_boundaries),
	    KTEST_CASE(ll_prints_long_long_boundaries),
	    KTEST_CASE(z_prints_size_t),
	    KTEST_CASE(t_prints_ptrdiff_t),
	    KTEST_CASE(j_prints_intmax_t),
	    KTEST_CASE(width_pads_on_the_left),
	    KTEST_CASE(width_is_a_minimum_not_a_limit),
	    KTEST_CASE(minus_flag_pads_on_the_right),
	    KTEST_CASE(zero_flag_pads_numbers_with_zeros),
	    KTEST_CASE(minus_flag_overrides_zero_flag),
	    KTEST_CASE(precision_sets_minimum_digits),
	    KTEST_CASE(precision_zero_prints_no_digits_for_zero),
	    KTEST_CASE(precision_overrides_zero_flag),
	    KTEST_CASE(plus_flag_signs_non_negative_numbers),
	    KTEST_CASE(space_flag_puts_space_before_non_negative_numbers),
	    KTEST_CASE(plus_flag_overrides_space_flag),
	    KTEST_CASE(sign_flags_do_not_affect_unsigned_conversions),
	    KTEST_CASE(hash_flag_prefixes_hex),
	    KTEST_CASE(hash_flag_makes_octal_start_with_zero),
	    KTEST_CASE(star_width_takes_an_int_argument),
	    KTEST_CASE(negative_star_width_pads_on_the_right),
	    KTEST_CASE(star_precision_takes_an_int_argument),
	    KTEST_CASE(negative_star_precision_counts_as_none),
	    KTEST_CASE(c_prints_one_character),
	    KTEST_CASE(c_with_zero_width_prints_just_the_character),
	    KTEST_CASE(c_of_nul_writes_and_counts_a_nul),
	    KTEST_CASE(s_prints_the_string),
	    KTEST_CASE(s_precision_limits_characters_printed),
	    KTEST_CASE(s_precision_does_not_read_past_it),
	    KTEST_CASE(s_of_null_prints_null_in_parentheses),
	    KTEST_CASE(p_prints_zero_padded_hex_address),
	    KTEST_CASE(px_prints_the_raw_address_too),
	    KTEST_CASE(p_honours_width_and_minus_flag),
	    KTEST_CASE(unknown_conversion_prints_literally),
	    KTEST_CASE(unknown_conversion_consumes_no_argument),
	    KTEST_CASE(trailing_percent_prints_literally),
	    KTEST_CASE(conversions_take_arguments_in_order),
	    KTEST_CASE(null_buffer_with_size_zero_returns_length),
	    KTEST_CASE(size_zero_writes_nothing),
	    KTEST_CASE(truncation_at_every_size_keeps_prefix_and_length),
	    KTEST_CASE(snprintf_returns_full_length_when_truncating),
	    KTEST_CASE(scnprintf_returns_characters_stored),
	    KTEST_CASE(scnprintf_appends_until_the_buffer_is_full),
	    KTEST_CASE(sprintf_writes_whole_string));
