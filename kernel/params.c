/*
 * The kernel command line: cut to size, split into words, and each
 * "key=value" handed to the early_param() handler registered for key.
 */
#include <kernel.h>
#include <params.h>
#include <string.h>

extern const struct boot_param __start_boot_params[], __stop_boot_params[];

static char command_line[COMMAND_LINE_SIZE];

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Cut the next word out of *pos: NUL-terminate it in place, drop its double
 * quotes, and advance *pos past it. Returns NULL at the end of the line, and
 * sets *unterminated when a quote is left open.
 */
static char *next_word(char **pos, bool *unterminated)
{
	char *src = *pos, *dst, *word;
	bool quoted = false;

	while (is_space(*src))
		src++;
	if (!*src)
		return NULL;
	word = dst = src;
	for (; *src && (quoted || !is_space(*src)); src++) {
		if (*src == '"')
			quoted = !quoted;
		else
			*dst++ = *src;
	}
	*unterminated = quoted;
	*pos = *src ? src + 1 : src;
	*dst = '\0';
	return word;
}

static const struct boot_param *find_param(const struct boot_param *params, size_t nr_params,
					   const char *key)
{
	for (size_t i = 0; i < nr_params; i++)
		if (!strcmp(params[i].name, key))
			return &params[i];
	return NULL;
}

static void note_unknown(struct bootargs_report *report, const char *word)
{
	size_t used = strlen(report->unknown_words);

	report->unknown++;
	scnprintf(report->unknown_words + used, sizeof(report->unknown_words) - used, "%s%s",
		  used ? " " : "", word);
}

static void handle_word(char *word, const struct boot_param *params, size_t nr_params,
			struct bootargs_report *report)
{
	char *eq = strchr(word, '=');
	const char *value = NULL;
	const struct boot_param *param;

	if (eq == word) {
		pr_warn("bootargs: ignoring malformed parameter '%s' (no name before '=')\n", word);
		report->malformed++;
		return;
	}
	if (eq) {
		*eq = '\0';
		value = eq + 1;
	}
	param = find_param(params, nr_params, word);
	if (!param) {
		if (eq)
			*eq = '=';
		note_unknown(report, word);
		return;
	}
	if (param->setup(value)) {
		pr_warn("bootargs: malformed value for '%s': '%s', ignored\n", word,
			value ? value : "(none)");
		report->malformed++;
	}
}

void bootargs_parse(char *line, const struct boot_param *params, size_t nr_params,
		    struct bootargs_report *report)
{
	bool unterminated;
	char *word;

	memset(report, 0, sizeof(*report));
	while ((word = next_word(&line, &unterminated))) {
		if (unterminated) {
			pr_warn("bootargs: ignoring '%s': its opening quote is never closed\n",
				word);
			report->malformed++;
			continue;
		}
		handle_word(word, params, nr_params, report);
	}
	if (report->unknown)
		pr_warn("Unknown kernel command line parameters \"%s\", will be ignored\n",
			report->unknown_words);
}

size_t bootargs_fit(const char *line, size_t limit)
{
	size_t len = strlen(line), keep;

	if (len < limit)
		return len;
	keep = limit - 1;
	while (keep && !is_space(line[keep]))
		keep--;
	return keep;
}

const char *setup_bootargs(const char *bootargs)
{
	static struct bootargs_report report;
	static char parsed[COMMAND_LINE_SIZE];
	size_t len, keep, nr_params;

	if (!bootargs)
		bootargs = "";
	len = strlen(bootargs);
	keep = bootargs_fit(bootargs, COMMAND_LINE_SIZE);
	if (keep < len)
		pr_warn("bootargs: command line is %zu bytes, the limit is %d; ignoring the last "
			"%zu bytes\n",
			len, COMMAND_LINE_SIZE - 1, len - keep);
	memcpy(command_line, bootargs, keep);
	command_line[keep] = '\0';
	memcpy(parsed, command_line, sizeof(parsed));
	/* cppcheck-suppress comparePointers ; the linker places both symbols around one section */
	nr_params = __stop_boot_params - __start_boot_params;
	bootargs_parse(parsed, __start_boot_params, nr_params, &report);
	return command_line;
}
