/*
 * The ktest runner: walks the registered suites, runs the cases that
 * ktest.filter selects, and prints KTAP version 1 exactly as KUnit does
 * (nested suites indented four spaces, a totals line at the end).
 */
#include <glob.h>
#include <kernel.h>
#include <ktest.h>
#include <params.h>
#include <string.h>

extern const struct ktest_suite *const __start_ktest_suites[], *const __stop_ktest_suites[];

#define FILTER_MAX 128

struct ktest_totals {
	unsigned int pass, fail, skip;
};

static char filter_suite[FILTER_MAX] = "*";
static char filter_case[FILTER_MAX] = "*";
static struct ktest *current_case;
static unsigned int current_case_index;
static const struct ktest_suite *current_suite;
static unsigned int current_suite_index;

/* ktest.filter=<suite-glob>[.<case-glob>], as KUnit's filter_glob. */
static int parse_filter(const char *value)
{
	const char *dot;
	size_t len;

	if (!value || !*value)
		return -EINVAL;
	dot = strchr(value, '.');
	len = dot ? (size_t)(dot - value) : strlen(value);
	if (len >= FILTER_MAX || (dot && strlen(dot + 1) >= FILTER_MAX))
		return -EINVAL;
	memcpy(filter_suite, value, len);
	filter_suite[len] = '\0';
	strscpy(filter_case, dot ? dot + 1 : "*", FILTER_MAX);
	return 0;
}
early_param("ktest.filter", parse_filter);

static bool suite_selected(const struct ktest_suite *suite)
{
	if (suite->manual)
		return !strcmp(filter_suite, suite->name);
	return glob_match(filter_suite, suite->name);
}

static unsigned int selected_cases(const struct ktest_suite *suite)
{
	unsigned int n = 0;

	for (const struct ktest_case *c = suite->cases; c->run; c++)
		n += glob_match(filter_case, c->name);
	return n;
}

struct ktest *ktest_current(void)
{
	return current_case;
}

void ktest_printf(struct ktest *t, const char *fmt, ...)
{
	char msg[256];
	va_list args;

	va_start(args, fmt);
	vscnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	printk("    # %s\n", msg);
}

void ktest_skip(struct ktest *t, const char *reason)
{
	t->status = KTEST_SKIP;
	t->skip_reason = reason;
}

static void fail_header(struct ktest *t, const char *kind, const char *file, int line)
{
	t->status = KTEST_FAIL;
	printk("    # %s: %s FAILED at %s:%d\n", t->name, kind, file, line);
}

void ktest_fail_at(struct ktest *t, const char *file, int line, const char *fmt, ...)
{
	char msg[256];
	va_list args;

	va_start(args, fmt);
	vscnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	fail_header(t, "EXPECTATION", file, line);
	printk("    # %s\n", msg);
}

void ktest_fail_binary(struct ktest *t, const char *file, int line, const char *kind,
		       const char *left_str, const char *op, const char *right_str, long long left,
		       long long right)
{
	fail_header(t, kind, file, line);
	printk("    # Expected %s %s %s, but\n", left_str, op, right_str);
	printk("    #     %s == %lld (%#llx)\n", left_str, left, (unsigned long long)left);
	printk("    #     %s == %lld (%#llx)\n", right_str, right, (unsigned long long)right);
}

void ktest_fail_bool(struct ktest *t, const char *file, int line, const char *kind,
		     const char *cond_str, bool expected)
{
	fail_header(t, kind, file, line);
	printk("    # Expected %s to be %s, but is %s\n", cond_str, expected ? "true" : "false",
	       expected ? "false" : "true");
}

void ktest_fail_str(struct ktest *t, const char *file, int line, const char *kind,
		    const char *left_str, const char *op, const char *right_str, const char *left,
		    const char *right)
{
	fail_header(t, kind, file, line);
	printk("    # Expected %s %s %s, but\n", left_str, op, right_str);
	printk("    #     %s == \"%s\"\n", left_str, left ? left : "(null)");
	printk("    #     %s == \"%s\"\n", right_str, right ? right : "(null)");
}

static void print_bytes(const char *name, const u8 *p, size_t from, size_t to)
{
	char line[128];
	int len = scnprintf(line, sizeof(line), "    #     %s[%zu..]:", name, from);

	for (size_t i = from; i < to; i++)
		len += scnprintf(line + len, sizeof(line) - len, " %02x", p[i]);
	printk("%s\n", line);
}

void ktest_fail_mem(struct ktest *t, const char *file, int line, const char *kind,
		    const char *left_str, const char *right_str, const void *left,
		    const void *right, size_t size)
{
	const u8 *l = left, *r = right;
	size_t first = 0, from, to;

	while (first < size && l[first] == r[first])
		first++;
	from = first & ~(size_t)15;
	to = min(from + 16, size);
	fail_header(t, kind, file, line);
	printk("    # Expected %s == %s (%zu bytes), but they differ first at byte %zu\n", left_str,
	       right_str, size, first);
	print_bytes(left_str, l, from, to);
	print_bytes(right_str, r, from, to);
}

static void run_case(const struct ktest_case *c, unsigned int index, struct ktest_totals *totals)
{
	struct ktest t = { .name = c->name, .status = KTEST_PASS };

	current_case = &t;
	current_case_index = index;
	c->run(&t);
	current_case = NULL;

	switch (t.status) {
	case KTEST_PASS:
		totals->pass++;
		printk("    ok %u %s\n", index, c->name);
		break;
	case KTEST_SKIP:
		totals->skip++;
		printk("    ok %u %s # SKIP %s\n", index, c->name, t.skip_reason);
		break;
	case KTEST_FAIL:
		totals->fail++;
		printk("    not ok %u %s\n", index, c->name);
		break;
	}
}

static void run_suite(const struct ktest_suite *suite, unsigned int index, struct ktest_totals *all)
{
	struct ktest_totals totals = { 0 };
	unsigned int n = 0;
	const char *verdict;

	current_suite = suite;
	current_suite_index = index;
	printk("    KTAP version 1\n");
	printk("    # Subtest: %s\n", suite->name);
	printk("    1..%u\n", selected_cases(suite));
	for (const struct ktest_case *c = suite->cases; c->run; c++)
		if (glob_match(filter_case, c->name))
			run_case(c, ++n, &totals);
	current_suite = NULL;

	printk("# %s: pass:%u fail:%u skip:%u total:%u\n", suite->name, totals.pass, totals.fail,
	       totals.skip, n);
	verdict = totals.fail ? "not ok" : "ok";
	if (!totals.fail && totals.skip == n)
		printk("%s %u %s # SKIP all cases skipped\n", verdict, index, suite->name);
	else
		printk("%s %u %s\n", verdict, index, suite->name);
	all->pass += totals.pass;
	all->fail += totals.fail;
	all->skip += totals.skip;
}

void ktest_report_crash(const char *what)
{
	if (current_case)
		printk("    not ok %u %s # crashed: %s\n", current_case_index, current_case->name,
		       what);
	if (current_suite)
		printk("not ok %u %s\n", current_suite_index, current_suite->name);
}

/* How many suites KTEST_SUITE() put in the ktest_suites section. */
static size_t nr_registered_suites(void)
{
	/* cppcheck-suppress comparePointers ; the linker places both symbols around one section */
	return __stop_ktest_suites - __start_ktest_suites;
}

int ktest_run_filter(const char *filter)
{
	int err = parse_filter(filter);

	return err ? err : (int)ktest_run_all();
}

unsigned int ktest_run_all(void)
{
	size_t nr_registered = nr_registered_suites();
	struct ktest_totals totals = { 0 };
	unsigned int nr_selected = 0, index = 0;
	size_t i;

	for (i = 0; i < nr_registered; i++)
		nr_selected += suite_selected(__start_ktest_suites[i]) &&
			       selected_cases(__start_ktest_suites[i]);

	printk("KTAP version 1\n");
	printk("1..%u\n", nr_selected);
	for (i = 0; i < nr_registered; i++) {
		const struct ktest_suite *suite = __start_ktest_suites[i];

		if (suite_selected(suite) && selected_cases(suite))
			run_suite(suite, ++index, &totals);
	}
	printk("# Totals: pass:%u fail:%u skip:%u total:%u\n", totals.pass, totals.fail,
	       totals.skip, totals.pass + totals.fail + totals.skip);
	return totals.fail;
}
