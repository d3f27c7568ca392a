/*
 * Parsing numbers out of strings: kstrtoul() for values that must be a whole string
 * (boot parameters, test filters), memparse() for sizes such as "64M" or "0x1000", and
 * kstrtobool() for switches.
 */
#include <errno.h>
#include <kernel.h>
#include <types.h>

#define ULLONG_MAX_VALUE (~0ULL)

/* Value of @c as a digit in bases up to 36, or 36 if it is not one. */
static unsigned int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 36;
}

static bool is_hex_prefix(const char *s)
{
	return s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && digit_value(s[2]) < 16;
}

/*
 * Settle the base as strtoull() does: base 0 means hex after "0x", octal after a leading
 * "0", decimal otherwise; base 16 also skips an "0x". Advances *@s past the prefix.
 */
static unsigned int detect_base(const char **s, unsigned int base)
{
	if ((base == 0 || base == 16) && is_hex_prefix(*s)) {
		*s += 2;
		return 16;
	}
	if (base == 0)
		return (*s)[0] == '0' ? 8 : 10;
	return base;
}

/*
 * Accumulate the digits of @base at @s into *@res. Returns the first character that is
 * not a digit; sets *@overflow (and saturates *@res) if the value does not fit.
 */
static const char *parse_digits(const char *s, unsigned int base, unsigned long long *res,
				bool *overflow)
{
	unsigned long long v = 0;
	unsigned int d;

	*overflow = false;
	for (; (d = digit_value(*s)) < base; s++) {
		if (v > (ULLONG_MAX_VALUE - d) / base) {
			*overflow = true;
			v = ULLONG_MAX_VALUE;
		} else {
			v = v * base + d;
		}
	}
	*res = v;
	return s;
}

/**
 * memparse - parse a size with an optional binary suffix
 * @ptr: the string, e.g. "64M", "0x8000", "2g"
 * @retptr: if not NULL, set to the first character after the number and its suffix
 *
 * The number's base is detected as by strtoull() with base 0 (hex after "0x", octal after
 * "0", decimal otherwise); no leading whitespace or sign is accepted. One suffix may
 * follow, in either case: K, M, G, T, P or E, multiplying by 2^10, 2^20, ... 2^60.
 * A value too large for unsigned long long saturates to its maximum.
 *
 * Return: the value, or 0 if @ptr does not start with a digit (then *@retptr == @ptr).
 */
unsigned long long memparse(const char *ptr, char **retptr)
{
	static const char suffixes[] = "KMGTPE";
	const char *s = ptr;
	unsigned long long v;
	unsigned int base, i;
	bool overflow;

	base = detect_base(&s, 0);
	s = parse_digits(s, base, &v, &overflow);
	if (s == ptr) {
		if (retptr)
			*retptr = (char *)ptr;
		return 0;
	}
	for (i = 0; suffixes[i]; i++) {
		if ((*s & ~0x20) == suffixes[i]) {
			unsigned int shift = 10 * (i + 1);

			v = v > (ULLONG_MAX_VALUE >> shift) ? ULLONG_MAX_VALUE : v << shift;
			s++;
			break;
		}
	}
	if (retptr)
		*retptr = (char *)s;
	return v;
}

/**
 * kstrtoul - convert a whole string to an unsigned long
 * @s: the string: an optional '+', then digits, then at most one '\n'
 * @base: 2..36, or 0 to detect it as strtoull() does ("0x" hex, "0" octal, else
 *        decimal); base 16 also accepts an "0x" prefix
 * @res: where to store the value; left unchanged on failure
 *
 * Unlike strtoul(), leading whitespace, a '-' sign, trailing characters (other than one
 * newline) and an empty string are errors.
 *
 * Return: 0 on success, -EINVAL if @s is not a number in @base, or -ERANGE if the value
 * does not fit in an unsigned long.
 */
int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long v;
	const char *end;
	bool overflow;

	if (base == 1 || base > 36)
		return -EINVAL;
	if (*s == '+')
		s++;
	base = detect_base(&s, base);
	end = parse_digits(s, base, &v, &overflow);
	if (end == s)
		return -EINVAL;
	if (overflow || v > ULONG_MAX)
		return -ERANGE;
	if (*end == '\n')
		end++;
	if (*end)
		return -EINVAL;
	*res = (unsigned long)v;
	return 0;
}

int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (s[0]) {
	case 'y':
	case 'Y':
	case '1':
		*res = true;
		return 0;
	case 'n':
	case 'N':
	case '0':
		*res = false;
		return 0;
	case 'o':
	case 'O':
		if (s[1] == 'n' || s[1] == 'N') {
			*res = true;
			return 0;
		}
		if (s[1] == 'f' || s[1] == 'F') {
			*res = false;
			return 0;
		}
		break;
	}
	return -EINVAL;
}
