/*
 * mm/'s boot options from a string: every early_param() handler of the
 * image (the boot_params section, whose bounds GNU ld defines) looked up by
 * name, for kernels that embed mm/ without kernel/params.c.
 */
#include <errno.h>
#include <kernel.h>
#include <mm_params.h>
#include <params.h>
#include <string.h>

extern const struct boot_param __start_boot_params[], __stop_boot_params[];

int mm_setup_param(const char *key, const char *value)
{
	/* cppcheck-suppress comparePointers ; the linker places both symbols around one section */
	size_t nr = __stop_boot_params - __start_boot_params;

	for (size_t i = 0; i < nr; i++)
		if (!strcmp(__start_boot_params[i].name, key))
			return __start_boot_params[i].setup(value) ? -EINVAL : 0;
	return -ENOENT;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

int mm_parse_options(char *line)
{
	int refused = 0;

	while (*line) {
		char *word, *value;
		int err;

		while (is_blank(*line))
			line++;
		if (!*line)
			break;
		word = line;
		while (*line && !is_blank(*line))
			line++;
		if (*line)
			*line++ = '\0';
		value = strchr(word, '=');
		if (value)
			*value++ = '\0';
		err = mm_setup_param(word, value);
		if (err == -ENOENT)
			pr_warn("mm: unknown option \"%s\"\n", word);
		else if (err)
			pr_warn("mm: bad value for %s: \"%s\"\n", word, value ? value : "");
		refused += err != 0;
	}
	return refused;
}
