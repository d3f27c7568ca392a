/*
 * ktap-check: reads KTAP version 1 logs (one per run: an architecture's boot
 * log, a host tool's output), checks that every plan was met, that nothing
 * crashed, and counts the test cases. Prints each failure by name, a line per
 * log, and finally one line "N passed, N failed[, N skipped]" (the line CI
 * reads). Exit status 0 only when every case passed and every log is whole.
 *
 * Usage: ktap-check LABEL=FILE [LABEL=FILE ...]
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 8
#define LINE_MAX 4096

struct counts {
	unsigned long pass, fail, skip, problems;
};

/* One KTAP block being read: its plan, the results seen so far, its name. */
struct level {
	bool open;
	long plan;		 /* -1 until the "1..N" line */
	long results;		 /* result lines seen at this depth */
	bool child_since_result; /* a nested block ended into this result */
	char name[256];		 /* "# Subtest:" name, for naming failures */
};

/* Messages that mean the run crashed, whatever the results say. */
static const char *const crash_markers[] = {
	"Kernel panic - not syncing", "ERROR: AddressSanitizer", "runtime error:",
	"ERROR: LeakSanitizer",	      "ThreadSanitizer:",
};

static void problem(struct counts *c, const char *label, const char *what, const char *detail)
{
	c->problems++;
	printf("FAIL %s: %s%s%s\n", label, what, detail ? ": " : "", detail ? detail : "");
}

static int indent_depth(const char *line, const char **rest)
{
	int spaces = 0;

	while (line[spaces] == ' ')
		spaces++;
	*rest = line + spaces;
	return spaces / 4;
}

static void close_level(struct level *lv, int depth, struct counts *c, const char *label)
{
	char msg[512];

	if (lv[depth].plan >= 0 && lv[depth].results != lv[depth].plan) {
		snprintf(msg, sizeof(msg), "%s planned %ld tests, reported %ld",
			 depth ? lv[depth].name : "top level", lv[depth].plan, lv[depth].results);
		problem(c, label, "plan not met", msg);
	}
	lv[depth].open = false;
}

/* Handle "ok N name" / "not ok N name [# SKIP ...]" at @depth. */
static void result_line(struct level *lv, int depth, const char *text, struct counts *c,
			const char *label)
{
	bool ok = !strncmp(text, "ok ", 3);
	const char *name = strchr(text + (ok ? 3 : 7), ' ');
	bool skip = strstr(text, "# SKIP") != NULL;
	bool leaf;

	name = name ? name + 1 : "";
	if (depth + 1 < MAX_DEPTH && lv[depth + 1].open)
		close_level(lv, depth + 1, c, label);
	leaf = !lv[depth].child_since_result;
	lv[depth].child_since_result = false;
	lv[depth].results++;
	if (!leaf) /* a suite's own line: its cases were counted already */
		return;
	if (!ok) {
		c->fail++;
		printf("FAIL %s: %s%s%s\n", label, depth ? lv[depth].name : "", depth ? "." : "",
		       name);
	} else if (skip) {
		c->skip++;
	} else {
		c->pass++;
	}
}

static void check_line(struct level *lv, char *line, struct counts *c, const char *label,
		       bool *started)
{
	const char *text;
	int depth;
	long plan;

	line[strcspn(line, "\r\n")] = '\0';
	for (size_t i = 0; i < sizeof(crash_markers) / sizeof(crash_markers[0]); i++)
		if (strstr(line, crash_markers[i]))
			problem(c, label, "crashed", line);
	depth = indent_depth(line, &text);
	if (depth >= MAX_DEPTH)
		return;
	if (!strcmp(text, "KTAP version 1")) {
		if (depth == 0 && *started)
			return;
		*started = true;
		if (depth > 0 && lv[depth - 1].open)
			lv[depth - 1].child_since_result = true;
		lv[depth] = (struct level){ .open = true, .plan = -1 };
		return;
	}
	if (!*started || !lv[depth].open)
		return;
	if (!strncmp(text, "# Subtest: ", 11))
		snprintf(lv[depth].name, sizeof(lv[depth].name), "%s", text + 11);
	else if (sscanf(text, "1..%ld", &plan) == 1 && lv[depth].plan < 0)
		lv[depth].plan = plan;
	else if (!strncmp(text, "ok ", 3) || !strncmp(text, "not ok ", 7))
		result_line(lv, depth, text, c, label);
}

static struct counts check_log(const char *label, const char *path)
{
	struct level lv[MAX_DEPTH] = { 0 };
	struct counts c = { 0 };
	char line[LINE_MAX];
	bool started = false;
	FILE *f = fopen(path, "r");

	if (!f) {
		problem(&c, label, "cannot open log", path);
		return c;
	}
	while (fgets(line, sizeof(line), f))
		check_line(lv, line, &c, label, &started);
	fclose(f);
	if (!started)
		problem(&c, label, "no KTAP output", path);
	for (int d = MAX_DEPTH - 1; d >= 0; d--)
		if (lv[d].open)
			close_level(lv, d, &c, label);
	return c;
}

/* A log that is broken but names no failed case (a hang, a lost plan) counts as one failure. */
static unsigned long failures(const struct counts *c)
{
	return c->fail ? c->fail : c->problems ? 1 : 0;
}

static void print_counts(const char *prefix, const struct counts *c, unsigned long failed)
{
	printf("%s%lu passed, %lu failed", prefix, c->pass, failed);
	if (c->skip)
		printf(", %lu skipped", c->skip);
	printf("\n");
}

int main(int argc, char **argv)
{
	struct counts total = { 0 };

	if (argc < 2) {
		fprintf(stderr, "usage: %s LABEL=FILE [LABEL=FILE ...]\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		char prefix[300];
		struct counts c;

		if (!eq) {
			fprintf(stderr, "ktap-check: expected LABEL=FILE, got %s\n", argv[i]);
			return 2;
		}
		*eq = '\0';
		c = check_log(argv[i], eq + 1);
		snprintf(prefix, sizeof(prefix), "%s: ", argv[i]);
		print_counts(prefix, &c, failures(&c));
		total.pass += c.pass;
		total.fail += failures(&c);
		total.skip += c.skip;
		total.problems += c.problems;
	}
	print_counts("", &total, total.fail);
	return total.fail || total.problems ? 1 : 0;
}
