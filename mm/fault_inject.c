/*
 * Fault injection for the allocators, as policy: failslab and fail_page_alloc
 * configured as in Linux (the boot parameters, fault_inject_set() and
 * fault_inject_off()). The state and the decision are fault_attr.c's, which
 * the allocators' slow paths ask (__should_failslab(),
 * __should_fail_alloc_page()); each allocator owns its gate, the copies of
 * the on/off flag its fast paths test, and this file opens or closes them
 * with no lock held, after fault_attr.c has dropped fault_lock.
 */
#include <fault_inject.h>
#include <kernel.h>
#include <mmzone.h>
#include <params.h>
#include <string.h>

#include "internal.h"

#define PERCENT 100

/* Make @type's allocator's fast paths follow its flag. */
static void sync_gate(enum fault_type type)
{
	if (type == FAULT_FAILSLAB)
		slab_sync_failslab();
	else
		page_alloc_sync_fail_gate();
}

void fault_inject_set(enum fault_type type, const struct fault_attr *attr)
{
	fault_attr_set(type, attr);
	sync_gate(type);
}

void fault_inject_off(enum fault_type type)
{
	fault_attr_off(type);
	sync_gate(type);
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
