/*
 * Shell-style wildcard matching ('*', '?', '[...]') for names given on the command line,
 * such as ktest.filter. See include/glob.h for the pattern language.
 */
#include <glob.h>
#include <types.h>

/* What match_class() found. */
enum class_result {
	CLASS_NO_MATCH,
	CLASS_MATCH,
	CLASS_UNTERMINATED, /* no closing ']': the '[' is an ordinary character */
};

/*
 * Test @c against the class whose members start at *@pp (just after the '['). On a
 * well-formed class, advances *@pp past its closing ']'.
 */
static enum class_result match_class(const char **pp, unsigned char c)
{
	const unsigned char *p = (const unsigned char *)*pp;
	bool negate = false, found = false;

	if (*p == '!' || *p == '^') {
		negate = true;
		p++;
	}
	/* do-while: a ']' in the first position is a member, not the end of the class. */
	do {
		unsigned char lo = p[0], hi = p[0];

		if (lo == '\0')
			return CLASS_UNTERMINATED;
		if (p[1] == '-' && p[2] != ']' && p[2] != '\0') {
			hi = p[2];
			p += 3;
		} else {
			p++;
		}
		if (lo > hi) {
			unsigned char tmp = lo;

			lo = hi;
			hi = tmp;
		}
		if (c >= lo && c <= hi)
			found = true;
	} while (*p != ']');

	*pp = (const char *)(p + 1);
	return found != negate ? CLASS_MATCH : CLASS_NO_MATCH;
}

/*
 * Walk pattern and string together. At a '*', remember where we are in both; when a
 * later character fails to match, let that '*' swallow one more character and try the
 * rest again. Retrying only the latest '*' is enough: the pattern text before it is best
 * matched as early in the string as possible, since the '*' absorbs whatever follows.
 */
bool glob_match(const char *pat, const char *str)
{
	const char *star_pat = NULL, *star_str = NULL;

	for (;;) {
		unsigned char c = *str;
		unsigned char p = *pat++;

		switch (p) {
		case '*':
			if (*pat == '\0')
				return true; /* a trailing '*' matches the rest, whatever it is */
			star_pat = pat;
			star_str = str;
			continue;
		case '?':
			if (c == '\0')
				return false;
			str++;
			continue;
		case '[': {
			const char *after = pat;
			enum class_result r;

			if (c == '\0')
				return false;
			r = match_class(&after, c);
			if (r == CLASS_MATCH) {
				pat = after;
				str++;
				continue;
			}
			if (r == CLASS_UNTERMINATED && c == '[') {
				str++;
				continue;
			}
			break;
		}
		case '\0':
			if (c == '\0')
				return true;
			break;
		default:
			if (c == '\0')
				return false;
			if (c == p) {
				str++;
				continue;
			}
			break;
		}

		/*
		 * Mismatch. Running out of string is final (returned above): retrying a '*'
		 * only leaves less string for the same pattern.
		 */
		if (!star_pat)
			return false;
		pat = star_pat;
		str = ++star_str;
	}
}
