/* Shell-style wildcard matching, e.g. for selecting tests by name (ktest.filter=slab*). */
#ifndef _GLOB_H
#define _GLOB_H

#include <types.h>

/**
 * glob_match - match a string against a shell-style wildcard pattern
 * @pat: the pattern
 * @str: the string to test; all of it must match
 *
 * In @pat, '*' matches any run of characters (including none), '?' matches exactly one
 * character, and '[...]' matches one character from a class: single characters and
 * ranges such as "a-z" (either order of ends), negated by a leading '!' or '^'. A ']'
 * first in the class (after any negation) and a '-' first or last are literal members.
 * A '[' without a closing ']' is an ordinary character. Every other character matches
 * itself, byte for byte; there is no backslash escape, and '/' and leading '.' are not
 * special. Characters compare as unsigned bytes.
 *
 * Runs in O(strlen(@pat) * strlen(@str)) time at worst, with no recursion: on a
 * mismatch only the most recent '*' is retried, which suffices for these patterns.
 * Needs no memory and may be called from any context.
 *
 * Return: true if all of @str matches @pat.
 */
bool glob_match(const char *pat, const char *str);

#endif /* _GLOB_H */
