/*
 * mm/'s boot options from a string, for a kernel that has no command-line
 * parser of its own (kernel/params.c): slub_debug, failslab, fail_page_alloc,
 * mempool.debug and their sub-options (docs/embedding.md, section 8).
 */
#ifndef _MM_PARAMS_H
#define _MM_PARAMS_H

/**
 * mm_setup_param - apply one boot option
 * @key: its name ("slub_debug", "fail_page_alloc.min-order", ...)
 * @value: the text after '=', or NULL for a bare word
 *
 * Calls the early_param() handler registered for @key (any linked into the
 * image: in this kernel kernel/'s and test/'s too) exactly as the command
 * line would. Handlers copy what they keep. Call before mm_core_init() for
 * options read at boot (slub_debug applies to caches created afterwards).
 * Return: 0, -ENOENT if no handler has that name, or the handler's -EINVAL.
 */
int mm_setup_param(const char *key, const char *value);

/**
 * mm_parse_options - apply every "key[=value]" word of @line
 * @line: words separated by spaces or tabs; modified in place (no quoting)
 *
 * Each word goes to mm_setup_param(); one it refuses gets a warning
 * ("mm: unknown option \"<key>\"" or "mm: bad value for <key>: \"<value>\"")
 * and the rest are still applied.
 * Return: the number of words refused (0: all applied).
 */
int mm_parse_options(char *line);

#endif /* _MM_PARAMS_H */
