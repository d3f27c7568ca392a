/*
 * printf-style formatting into a buffer: vsnprintf() and its wrappers, used by printk()
 * and by anything that builds a message. C99 semantics for the conversions it knows.
 */
#include <kallsyms.h>
#include <kernel.h>
#include <stdarg.h>
#include <string.h>
#include <types.h>

/* Where formatted output goes: @buf holds @size bytes; @len counts every character. */
struct outbuf {
	char *buf;
	size_t size;
	size_t len;
};

/* One parsed conversion specification: "%[flags][width][.precision][length]conv". */
struct spec {
	bool left;     /* '-': pad on the right */
	bool zero;     /* '0': pad numbers with zeros after the sign and prefix */
	bool plus;     /* '+': sign even non-negative numbers */
	bool space;    /* ' ': a space where a non-negative number's sign would be */
	bool alt;      /* '#': 0x/0X prefix for hex, leading 0 for octal */
	bool upper;    /* 'X': upper-case hex digits and prefix */
	bool pointer;  /* %p: the 0x prefix even for NULL, where "%#x" of 0 has none */
	int width;     /* minimum field width, 0 for none */
	int precision; /* -1 for none */
	unsigned int base;
};

enum length_mod {
	LEN_NONE,
	LEN_HH,
	LEN_H,
	LEN_L,
	LEN_LL,
	LEN_Z,
	LEN_T,
	LEN_J,
};

/* Enough for a 64-bit value in octal (22 digits). */
#define NUM_DIGITS_MAX 24

/* Widths and precisions are clamped here, so that parsing them cannot overflow an int. */
#define FIELD_MAX 4096

/* The character is counted even when it does not fit, as vsnprintf() must return it. */
static void put_char(struct outbuf *out, char c)
{
	if (out->len < out->size)
		out->buf[out->len] = c;
	out->len++;
}

static void put_chars(struct outbuf *out, char c, int count)
{
	while (count-- > 0)
		put_char(out, c);
}

static void put_string(struct outbuf *out, const char *s, size_t n)
{
	while (n--)
		put_char(out, *s++);
}

/*
 * Emit @len bytes of @s padded to the field width with spaces, on the left unless the
 * '-' flag asked for the right.
 */
static void put_padded(struct outbuf *out, const struct spec *spec, const char *s, size_t len)
{
	int pad = spec->width > (int)len ? spec->width - (int)len : 0;

	if (!spec->left)
		put_chars(out, ' ', pad);
	put_string(out, s, len);
	if (spec->left)
		put_chars(out, ' ', pad);
}

/*
 * Emit an integer: [spaces][sign][prefix][zeros][digits][spaces]. The precision is the
 * minimum number of digits (so "%.0d" of 0 prints no digits); the '0' flag pads to the
 * field width with zeros instead, unless a precision was given.
 */
static void put_number(struct outbuf *out, const struct spec *spec, unsigned long long num,
		       bool negative)
{
	const char *digits = spec->upper ? "0123456789ABCDEF" : "0123456789abcdef";
	const unsigned int base = spec->base;
	char tmp[NUM_DIGITS_MAX];
	const char *prefix = "";
	int ndigits = 0, zeros, pad, head_len;
	char sign = 0;

	for (; num; num /= base)
		tmp[ndigits++] = digits[num % base];
	if (negative)
		sign = '-';
	else if (spec->plus)
		sign = '+';
	else if (spec->space)
		sign = ' ';
	if (spec->alt && base == 16 && (ndigits > 0 || spec->pointer))
		prefix = spec->upper ? "0X" : "0x";
	head_len = (int)strlen(prefix) + (sign ? 1 : 0);

	/* Zeros before the digits: as many as the precision asks for (by default, one digit). */
	zeros = spec->precision < 0 ? 1 : spec->precision;
	zeros = zeros > ndigits ? zeros - ndigits : 0;
	/* "#o" must start with a 0; a value's own leading digit never is one. */
	if (spec->alt && base == 8 && zeros == 0)
		zeros = 1;

	pad = spec->width - head_len - zeros - ndigits;
	if (pad > 0 && spec->zero && !spec->left && spec->precision < 0) {
		zeros += pad;
		pad = 0;
	}

	if (!spec->left)
		put_chars(out, ' ', pad);
	if (sign)
		put_char(out, sign);
	put_string(out, prefix, strlen(prefix));
	put_chars(out, '0', zeros);
	while (ndigits > 0)
		put_char(out, tmp[--ndigits]);
	if (spec->left)
		put_chars(out, ' ', pad);
}

/* Fetch a signed argument of the size the length modifier names, widened. */
static long long fetch_signed(va_list *ap, enum length_mod len)
{
	switch (len) {
	case LEN_HH:
		return (signed char)va_arg(*ap, int);
	case LEN_H:
		return (short)va_arg(*ap, int);
	case LEN_L:
		return va_arg(*ap, long);
	case LEN_LL:
		return va_arg(*ap, long long);
	case LEN_Z:
		return va_arg(*ap, ssize_t);
	case LEN_T:
		return va_arg(*ap, ptrdiff_t);
	case LEN_J:
		return va_arg(*ap, intmax_t);
	default:
		return va_arg(*ap, int);
	}
}

/* Fetch an unsigned argument of the size the length modifier names, widened. */
static unsigned long long fetch_unsigned(va_list *ap, enum length_mod len)
{
	switch (len) {
	case LEN_HH:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:
		return va_arg(*ap, unsigned long);
	case LEN_LL:
		return va_arg(*ap, unsigned long long);
	case LEN_Z:
		return va_arg(*ap, size_t);
	case LEN_T:
		return (uintptr_t)va_arg(*ap, ptrdiff_t);
	case LEN_J:
		return va_arg(*ap, uintmax_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

/* Parse a decimal field (width or precision) at *@fmt, clamped to FIELD_MAX. */
static int parse_field(const char **fmt)
{
	int n = 0;

	while (**fmt >= '0' && **fmt <= '9') {
		n = n * 10 + (**fmt - '0');
		if (n > FIELD_MAX)
			n = FIELD_MAX;
		(*fmt)++;
	}
	return n;
}

static int clamp_field(int n)
{
	return n > FIELD_MAX ? FIELD_MAX : n;
}

/*
 * Parse the flags, width, precision and length of the specification that follows a '%',
 * taking '*' arguments from @ap. Returns the conversion character's position.
 */
static const char *parse_spec(const char *fmt, struct spec *spec, enum length_mod *len, va_list *ap)
{
	*spec = (struct spec){ .precision = -1, .base = 10 };

	for (;; fmt++) {
		if (*fmt == '-')
			spec->left = true;
		else if (*fmt == '0')
			spec->zero = true;
		else if (*fmt == '+')
			spec->plus = true;
		else if (*fmt == ' ')
			spec->space = true;
		else if (*fmt == '#')
			spec->alt = true;
		else
			break;
	}

	if (*fmt == '*') {
		int w = va_arg(*ap, int);

		/* A negative '*' width means the '-' flag and a positive width (C99 7.19.6.1). */
		if (w < 0) {
			spec->left = true;
			w = w < -FIELD_MAX ? FIELD_MAX : -w;
		}
		spec->width = clamp_field(w);
		fmt++;
	} else {
		spec->width = parse_field(&fmt);
	}

	if (*fmt == '.') {
		fmt++;
		if (*fmt == '*') {
			int p = va_arg(*ap, int);

			/* A negative '*' precision is taken as if it were omitted. */
			spec->precision = p < 0 ? -1 : clamp_field(p);
			fmt++;
		} else {
			spec->precision = parse_field(&fmt);
		}
	}

	*len = LEN_NONE;
	switch (*fmt) {
	case 'h':
		*len = fmt[1] == 'h' ? LEN_HH : LEN_H;
		break;
	case 'l':
		*len = fmt[1] == 'l' ? LEN_LL : LEN_L;
		break;
	case 'z':
		*len = LEN_Z;
		break;
	case 't':
		*len = LEN_T;
		break;
	case 'j':
		*len = LEN_J;
		break;
	}
	if (*len == LEN_HH || *len == LEN_LL)
		fmt += 2;
	else if (*len != LEN_NONE)
		fmt++;
	return fmt;
}

/*
 * %p and %px print the raw address as "0x" and zero-padded lowercase hex of pointer
 * width ("0x00000000deadbeef" on 64-bit). Linux hashes %p to hide kernel addresses from
 * unprivileged users; this kernel has none, so both print the real value.
 */
static void put_pointer(struct outbuf *out, const struct spec *field, const void *p)
{
	struct spec spec = {
		.alt = true,
		.pointer = true,
		.width = field->width,
		.left = field->left,
		.precision = (int)(2 * sizeof(void *)),
		.base = 16,
	};

	put_number(out, &spec, (uintptr_t)p, false);
}

/* %pS: "name+0xoffset/0xsize" of the function @p is in; %ps: its name (kallsyms.h). */
static void put_symbol(struct outbuf *out, const struct spec *spec, const void *p, bool offset)
{
	char sym[KSYM_SYMBOL_LEN];
	int len = offset ? sprint_symbol(sym, (unsigned long)p)
			 : sprint_symbol_no_offset(sym, (unsigned long)p);

	put_padded(out, spec, sym, len);
}

/**
 * vsnprintf - format a string into a buffer
 * @buf: the buffer; may be NULL when @size is 0
 * @size: size of @buf in bytes, including room for the terminating NUL
 * @fmt: the format
 * @args: arguments for the format
 *
 * Understands the C conversions d i u x X o c s p and %%, with the flags - 0 + space #,
 * field width and precision (as numbers or '*'), and the length modifiers hh h l ll z t j.
 * "%px" prints a pointer like "%p"; "%pS" the function it points into, as
 * "name+0xoffset/0xsize" (its raw address if it is in none), "%ps" the name alone. A
 * specification with an unknown conversion is copied to the output as it stands (though
 * any '*' in it has consumed its argument). "%s" of
 * NULL prints "(null)". Widths and precisions are capped at FIELD_MAX (4096).
 *
 * If @size is not 0 the output is always NUL-terminated, truncated if it does not fit;
 * nothing is written when @size is 0. Takes no locks and allocates nothing, so it may be
 * called from any context.
 *
 * Return: the length the full output would have, not counting the NUL, even when it was
 * truncated (C semantics): output was truncated if the result is >= @size.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct outbuf out = { .buf = buf, .size = size, .len = 0 };
	va_list ap;

	va_copy(ap, args);
	while (*fmt) {
		const char *start = fmt;
		struct spec spec;
		enum length_mod len;
		const char *s;

		if (*fmt != '%') {
			put_char(&out, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &spec, &len, &ap);
		switch (*fmt) {
		case 'd':
		case 'i': {
			long long v = fetch_signed(&ap, len);

			/* Negate in unsigned arithmetic: -LLONG_MIN does not fit in long long. */
			put_number(&out, &spec,
				   v < 0 ? -(unsigned long long)v : (unsigned long long)v, v < 0);
			break;
		}
		case 'o':
		case 'u':
		case 'x':
		case 'X':
			spec.base = *fmt == 'o' ? 8 : *fmt == 'u' ? 10 : 16;
			spec.upper = *fmt == 'X';
			/* Signs belong only to signed conversions. */
			spec.plus = spec.space = false;
			put_number(&out, &spec, fetch_unsigned(&ap, len), false);
			break;
		case 'c': {
			char c = (char)va_arg(ap, int);

			put_padded(&out, &spec, &c, 1);
			break;
		}
		case 's':
			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			put_padded(&out, &spec, s,
				   spec.precision < 0 ? strlen(s) : strnlen(s, spec.precision));
			break;
		case 'p':
			if (fmt[1] == 'S' || fmt[1] == 's') {
				put_symbol(&out, &spec, va_arg(ap, const void *), fmt[1] == 'S');
				fmt++;
				break;
			}
			put_pointer(&out, &spec, va_arg(ap, const void *));
			if (fmt[1] == 'x')
				fmt++;
			break;
		case '%':
			put_char(&out, '%');
			break;
		case '\0':
			/* A lone '%' (or unfinished specification) at the end: print it. */
			put_string(&out, start, fmt - start);
			continue;
		default:
			put_string(&out, start, fmt + 1 - start);
			break;
		}
		fmt++;
	}
	va_end(ap);

	if (size > 0)
		buf[out.len < size ? out.len : size - 1] = '\0';
	return (int)out.len;
}

/**
 * snprintf - format a string into a buffer
 * @buf: the buffer; may be NULL when @size is 0
 * @size: size of @buf in bytes, including room for the terminating NUL
 * @fmt: the format, as for vsnprintf()
 *
 * Return: the length the full output would have, not counting the NUL (see vsnprintf()).
 */
int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

/**
 * vscnprintf - format a string into a buffer, returning what was written
 * @buf: the buffer; may be NULL when @size is 0
 * @size: size of @buf in bytes, including room for the terminating NUL
 * @fmt: the format, as for vsnprintf()
 * @args: arguments for the format
 *
 * Return: the number of characters actually stored in @buf, not counting the NUL:
 * at most @size - 1, and 0 when @size is 0. Handy for appending piece by piece.
 */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int n = vsnprintf(buf, size, fmt, args);

	if (size == 0)
		return 0;
	return (size_t)n < size ? n : (int)(size - 1);
}

/**
 * scnprintf - format a string into a buffer, returning what was written
 * @buf: the buffer; may be NULL when @size is 0
 * @size: size of @buf in bytes, including room for the terminating NUL
 * @fmt: the format, as for vsnprintf()
 *
 * Return: the number of characters actually stored in @buf, not counting the NUL.
 */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

/**
 * sprintf - format a string into a buffer assumed to be large enough
 * @buf: the buffer
 * @fmt: the format, as for vsnprintf()
 *
 * Prefer snprintf() or scnprintf(): nothing here stops an overflow of @buf.
 * Return: the number of characters written, not counting the NUL.
 */
int sprintf(char *buf, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, INT_MAX, fmt, args);
	va_end(args);
	return n;
}
