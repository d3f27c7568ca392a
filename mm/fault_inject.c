/*
 * Fault injection for the allocators: failslab and fail_page_alloc, as in
 * Linux. The slab and page allocators call should_failslab() and
 * should_fail_alloc_page() on entry; while a capability is off that is one
 * load and one branch, and everything here stays out of the way.
 */
#include <asm/port.h>
#include <fault_inject.h>
#include <kernel.h>
#include <params.h>
#include <prandom.h>
#include <spinlock.h>
#include <string.h>

#include "internal.h"
#include "slab.h"

#define PERCENT 100

/* One capability: its configuration, where it has got to, and what it did. */
struct fault_state {
	const char *name;
	bool *enabled;		/* the flag the fast path tests */
	struct fault_attr attr; /* @space, @times and @nth run down as calls pass */
	struct rnd_state rnd;
	unsigned long count; /* calls that reached the interval test, for @interval */
	unsigned long reports;
	struct fault_stats stats;
	bool off;  /* fault_inject_off() was called */
	bool used; /* configured at least once since boot: show_fault_inject_stats() says so */
};

bool failslab_enabled;
bool fail_page_alloc_enabled;
unsigned int fail_page_alloc_order_limit = MAX_ORDER + 1;

static struct fault_state faults[NR_FAULT_TYPES] = {
	[FAULT_FAILSLAB] = {
		.name = "failslab",
		.enabled = &failslab_enabled,
		.attr = FAULT_ATTR_INITIALIZER,
	},
	[FAULT_FAIL_PAGE_ALLOC] = {
		.name = "fail_page_alloc",
		.enabled = &fail_page_alloc_enabled,
		/* FAULT_ATTR_INITIALIZER, and single pages spared as in Linux. */
		.attr = {
			.interval = 1,
			.times = 1,
			.ignore_gfp_reclaim = true,
			.min_order = FAIL_PAGE_ALLOC_MIN_ORDER,
			.verbose = 1,
		},
	},
};

/* Serialises every change of the states above; taken only while a capability is on. */
static DEFINE_SPINLOCK(fault_lock);

static void fault_lock_irqsave(unsigned long *flags)
{
	local_irq_save(*flags);
	spin_lock(&fault_lock);
}

static void fault_unlock_irqrestore(unsigned long flags)
{
	spin_unlock(&fault_lock);
	local_irq_restore(flags);
}

/* Can @attr fail anything? */
static bool can_fail(const struct fault_attr *attr)
{
	return attr->nth || (attr->probability && attr->times != 0);
}

/*
 * Turn the flag on or off to match the configuration, and its copies the
 * fast paths test: one in each cache (failslab), one in each per-CPU page
 * list (fail_page_alloc, next to its drain request: one test for both). @sync: copy even if the flag did not change (the cache
 * filter may have). Lock held.
 */
static void update_enabled(struct fault_state *f, bool sync)
{
	bool on = !f->off && can_fail(&f->attr);

	if (on == *f->enabled && !sync)
		return;
	WRITE_ONCE(*f->enabled, on);
	if (f == &faults[FAULT_FAILSLAB]) {
		slab_set_failslab(on, f->attr.cache);
		return;
	}
	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (int cpu = 0; cpu < NR_CPUS; cpu++)
			WRITE_ONCE(node_zones[z].pcp[cpu].fail_page_alloc, on);
	WRITE_ONCE(fail_page_alloc_order_limit, on ? 0 : MAX_ORDER + 1);
}

bool failslab_covers(const struct kmem_cache *s)
{
	const struct kmem_cache *only = READ_ONCE(faults[FAULT_FAILSLAB].attr.cache);

	return READ_ONCE(failslab_enabled) && (!only || only == s);
}

/*
 * Linux's decision, for a call that got past the filters: @size is what it
 * asks for (bytes or pages), taken off the space budget while that lasts.
 * Lock held.
 */
static bool decide(struct fault_state *f, unsigned long size)
{
	struct fault_attr *attr = &f->attr;

	if (attr->nth)
		return --attr->nth == 0;
	if (!attr->probability || attr->times == 0)
		return false;
	if (attr->space > 0 && (unsigned long)attr->space > size) {
		attr->space -= (long)size;
		return false;
	}
	if (attr->interval > 1 && ++f->count % attr->interval)
		return false;
	if (attr->probability < PERCENT &&
	    prandom_u32_state(&f->rnd) % PERCENT >= attr->probability)
		return false;
	if (attr->times > 0)
		attr->times--;
	return true;
}

/* Count one call, decide, and keep the flag in step. False if it passes. */
static bool should_fail(struct fault_state *f, unsigned long size, gfp_t gfp, bool *report)
{
	bool fail;

	if (!*f->enabled) /* turned off since the caller looked */
		return false;
	f->stats.calls++;
	fail = decide(f, size);
	update_enabled(f, false);
	if (!fail)
		return false;
	f->stats.injected++;
	*report = f->attr.verbose && !(gfp & __GFP_NOWARN) && f->reports < FAULT_REPORT_BURST;
	if (*report)
		f->reports++;
	else
		f->stats.unreported++;
	return true;
}

static void report_failure(const struct fault_state *f, const char *what, gfp_t gfp,
			   unsigned long caller)
{
	char names[160];

	format_gfp_flags(names, sizeof(names), gfp);
	pr_notice("FAULT_INJECTION: forcing a failure: %s, %s, mode:%#x(%s), caller %pS\n", f->name,
		  what, gfp, names, (void *)caller);
	if (f->reports == FAULT_REPORT_BURST)
		pr_notice("FAULT_INJECTION: %s: further failures are counted, not printed\n",
			  f->name);
}

bool __should_failslab(struct kmem_cache *s, gfp_t gfp, unsigned long caller)
{
	struct fault_state *f = &faults[FAULT_FAILSLAB];
	bool fail = false, report = false;
	unsigned long flags;
	char what[64];

	if (gfp & __GFP_NOFAIL)
		return false;
	fault_lock_irqsave(&flags);
	if (!(f->attr.ignore_gfp_reclaim && (gfp & __GFP_DIRECT_RECLAIM)) &&
	    (!f->attr.cache || f->attr.cache == s))
		fail = should_fail(f, s->object_size, gfp, &report);
	fault_unlock_irqrestore(flags);
	if (report) {
		scnprintf(what, sizeof(what), "cache %s", s->name);
		report_failure(f, what, gfp, caller);
	}
	return fail;
}

bool __should_fail_alloc_page(gfp_t gfp, unsigned int order, unsigned long caller)
{
	struct fault_state *f = &faults[FAULT_FAIL_PAGE_ALLOC];
	bool fail = false, report = false;
	unsigned long flags;
	char what[32];

	if (gfp & __GFP_NOFAIL)
		return false;
	fault_lock_irqsave(&flags);
	if (order >= f->attr.min_order &&
	    !(f->attr.ignore_gfp_reclaim && (gfp & __GFP_DIRECT_RECLAIM)))
		fail = should_fail(f, 1UL << order, gfp, &report);
	fault_unlock_irqrestore(flags);
	if (report) {
		scnprintf(what, sizeof(what), "order:%u", order);
		report_failure(f, what, gfp, caller);
	}
	return fail;
}

void fault_inject_set(enum fault_type type, const struct fault_attr *attr)
{
	struct fault_state *f = &faults[type];
	unsigned long flags;

	fault_lock_irqsave(&flags);
	f->attr = *attr;
	prandom_seed_state(&f->rnd, attr->seed);
	f->count = 0;
	f->reports = 0;
	f->stats = (struct fault_stats){ 0 };
	f->off = false;
	f->used = true;
	update_enabled(f, true);
	fault_unlock_irqrestore(flags);
}

void fault_inject_off(enum fault_type type)
{
	struct fault_state *f = &faults[type];
	unsigned long flags;

	fault_lock_irqsave(&flags);
	f->off = true;
	update_enabled(f, true);
	fault_unlock_irqrestore(flags);
}

void fault_inject_get(enum fault_type type, struct fault_attr *attr)
{
	unsigned long flags;

	fault_lock_irqsave(&flags);
	*attr = faults[type].attr;
	fault_unlock_irqrestore(flags);
}

void fault_inject_stats(enum fault_type type, struct fault_stats *stats)
{
	unsigned long flags;

	fault_lock_irqsave(&flags);
	*stats = faults[type].stats;
	fault_unlock_irqrestore(flags);
}

void show_fault_inject_stats(void)
{
	for (int type = 0; type < NR_FAULT_TYPES; type++) {
		struct fault_state *f = &faults[type];
		struct fault_attr attr;
		struct fault_stats stats;

		if (!READ_ONCE(f->used))
			continue;
		fault_inject_get(type, &attr);
		fault_inject_stats(type, &stats);
		pr_info("fault injection: %s: %lu of %lu calls failed, %lu not printed (interval "
			"%lu, probability %lu, space %ld, times %ld)%s\n",
			f->name, stats.injected, stats.calls, stats.unreported, attr.interval,
			attr.probability, attr.space, attr.times,
			READ_ONCE(*f->enabled) ? "" : ", now off");
	}
}

/* --- boot parameters -------------------------------------------------------------- */

/* Copy the next comma-separated field of *@pos into @buf; NULL when there is none. */
static const char *next_field(const char **pos, char *buf, size_t size)
{
	const char *start = *pos, *comma;
	size_t len;

	if (!start)
		return NULL;
	comma = strchr(start, ',');
	len = comma ? (size_t)(comma - start) : strlen(start);
	if (len >= size)
		return NULL;
	memcpy(buf, start, len);
	buf[len] = '\0';
	*pos = comma ? comma + 1 : NULL;
	return buf;
}

/* A decimal number with an optional '-', within [@min, LONG_MAX]. */
static int parse_long(const char *s, long min, long *res)
{
	bool negative = *s == '-';
	unsigned long v;

	if (negative && (s[1] == '+' || s[1] == '-'))
		return -EINVAL;
	if (kstrtoul(s + negative, 10, &v) || v > LONG_MAX)
		return -EINVAL;
	if ((negative ? -(long)v : (long)v) < min)
		return -EINVAL;
	*res = negative ? -(long)v : (long)v;
	return 0;
}

int setup_fault_attr(struct fault_attr *attr, const char *str)
{
	long values[4], mins[4] = { 0, 0, 0, -1 };
	const char *pos = str;
	char buf[24];

	for (int i = 0; i < 4; i++) {
		const char *field = next_field(&pos, buf, sizeof(buf));

		if (!field || parse_long(field, mins[i], &values[i]))
			goto bad;
	}
	if (pos || values[1] > PERCENT)
		goto bad;
	attr->interval = (unsigned long)values[0];
	attr->probability = (unsigned long)values[1];
	attr->space = values[2];
	attr->times = values[3];
	return 0;
bad:
	pr_warn("FAULT_INJECTION: cannot parse '%s': want <interval>,<probability 0-100>,"
		"<space>,<times>\n",
		str ? str : "(none)");
	return -EINVAL;
}

/* Change the boot configuration of @type with @set, keeping what other parameters set. */
static int boot_update(enum fault_type type, int (*set)(struct fault_attr *, const char *),
		       const char *value)
{
	struct fault_attr attr;

	fault_inject_get(type, &attr);
	if (!value || set(&attr, value))
		return -EINVAL;
	fault_inject_set(type, &attr);
	return 0;
}

/* Y/N, y/n or 1/0, as Linux's boolean parameters. */
static int parse_bool(const char *s, bool *res)
{
	if (!s || !s[0] || s[1])
		return -EINVAL;
	if (s[0] == 'Y' || s[0] == 'y' || s[0] == '1')
		*res = true;
	else if (s[0] == 'N' || s[0] == 'n' || s[0] == '0')
		*res = false;
	else
		return -EINVAL;
	return 0;
}

static int set_ignore_gfp_wait(struct fault_attr *attr, const char *value)
{
	return parse_bool(value, &attr->ignore_gfp_reclaim);
}

static int set_min_order(struct fault_attr *attr, const char *value)
{
	unsigned long order;

	if (kstrtoul(value, 10, &order) || order > MAX_ORDER + 1)
		return -EINVAL;
	attr->min_order = (unsigned int)order;
	return 0;
}

static int set_verbose(struct fault_attr *attr, const char *value)
{
	unsigned long verbose;

	if (kstrtoul(value, 10, &verbose) || verbose > 1)
		return -EINVAL;
	attr->verbose = (unsigned int)verbose;
	return 0;
}

static int parse_failslab(const char *value)
{
	return boot_update(FAULT_FAILSLAB, setup_fault_attr, value);
}
early_param("failslab", parse_failslab);

static int parse_failslab_ignore_gfp_wait(const char *value)
{
	return boot_update(FAULT_FAILSLAB, set_ignore_gfp_wait, value);
}
early_param("failslab.ignore-gfp-wait", parse_failslab_ignore_gfp_wait);

static int parse_failslab_verbose(const char *value)
{
	return boot_update(FAULT_FAILSLAB, set_verbose, value);
}
early_param("failslab.verbose", parse_failslab_verbose);

static int parse_fail_page_alloc(const char *value)
{
	return boot_update(FAULT_FAIL_PAGE_ALLOC, setup_fault_attr, value);
}
early_param("fail_page_alloc", parse_fail_page_alloc);

static int parse_fail_page_alloc_ignore_gfp_wait(const char *value)
{
	return boot_update(FAULT_FAIL_PAGE_ALLOC, set_ignore_gfp_wait, value);
}
early_param("fail_page_alloc.ignore-gfp-wait", parse_fail_page_alloc_ignore_gfp_wait);

static int parse_fail_page_alloc_min_order(const char *value)
{
	return boot_update(FAULT_FAIL_PAGE_ALLOC, set_min_order, value);
}
early_param("fail_page_alloc.min-order", parse_fail_page_alloc_min_order);

static int parse_fail_page_alloc_verbose(const char *value)
{
	return boot_update(FAULT_FAIL_PAGE_ALLOC, set_verbose, value);
}
early_param("fail_page_alloc.verbose", parse_fail_page_alloc_verbose);
