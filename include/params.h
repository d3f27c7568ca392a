/*
 * Boot parameters: the "key=value" words of /chosen/bootargs. Code that
 * wants one registers a handler with early_param(); the handlers run once,
 * early in start_kernel(), before any test.
 */
#ifndef _PARAMS_H
#define _PARAMS_H

#include <compiler.h>
#include <errno.h>
#include <types.h>

#define COMMAND_LINE_SIZE 1024 /* bytes, including the terminating NUL */

struct boot_param {
	const char *name;
	/* Gets the text after '=' (NULL for a bare word); returns 0 or -EINVAL. */
	int (*setup)(const char *value);
};

/*
 * early_param - register @fn to receive the value of boot parameter @str
 * (e.g. early_param("loglevel", parse_loglevel)).
 */
#define early_param(str, fn)                                                                 \
	static const struct boot_param __boot_param_##fn __used __section("boot_params") = { \
		.name = str,                                                                 \
		.setup = fn,                                                                 \
	}

/* What one parse found wrong, for the caller's warnings (and the tests). */
struct bootargs_report {
	unsigned int unknown;	/* words no handler claims */
	unsigned int malformed; /* empty key, unterminated quote, or a handler said -EINVAL */
	char unknown_words[COMMAND_LINE_SIZE]; /* the unknown words, space-separated */
};

/**
 * bootargs_parse - split a command line into words and hand each to its handler
 * @line: the command line; modified in place (values are NUL-terminated in it,
 *	quotes removed), so it must outlive any value a handler keeps
 * @params: the handlers to match against, @nr_params of them
 * @report: counts and lists what was unknown or malformed
 *
 * Words are separated by spaces, tabs or newlines; a value may be quoted
 * with double quotes to contain spaces. Each problem gets a pr_warn(); the
 * word is then ignored and parsing goes on.
 */
void bootargs_parse(char *line, const struct boot_param *params, size_t nr_params,
		    struct bootargs_report *report);

/**
 * bootargs_fit - how much of a command line to keep
 * @line: the command line
 * @limit: the buffer size it must fit in, NUL included
 *
 * Return: strlen(@line) if it fits; otherwise the length of the longest
 * prefix that fits and ends at a word boundary (0 if the first word is
 * itself too long).
 */
size_t bootargs_fit(const char *line, size_t limit);

/**
 * setup_bootargs - parse the kernel command line with every early_param()
 * @bootargs: the command line (from the DTB or the arch), or NULL
 *
 * A line longer than COMMAND_LINE_SIZE - 1 is cut at the last whole word
 * that fits, with a warning naming how much was dropped.
 * Return: the command line as kept (for the boot log).
 */
const char *setup_bootargs(const char *bootargs);

#endif /* _PARAMS_H */
