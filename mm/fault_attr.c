/*
 * The state of each fault injection capability (Linux's fault_attr) and the
 * decision the allocators ask for on their slow paths: must this allocation
 * fail? Below the allocators: it knows nothing of them. fault_inject.c sets
 * the configuration and opens or closes each allocator's gate.
 *
 * Locking: fault_lock serialises every change of the capabilities' states,
 * always with interrupts masked (an allocation in an interrupt handler may
 * take it). It is a leaf: nothing is called under it that takes a lock or
 * allocates; reports are printed, and the allocators' gates changed
 * (fault_inject.c), after it is dropped. So it is never held while
 * slab_caches_lock or a cache lock is taken.
 */
#include <asm/port.h>
#include <fault_inject.h>
#include <kernel.h>
#include <prandom.h>
#include <spinlock.h>

#include "internal.h"

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

/* Serialises every change of the states above (see "Locking" at the top). */
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
 * Turn the flag on or off to match the configuration. The allocators' gates
 * (their fast paths' copies of it) follow when fault_inject.c calls them, or,
 * when a capability turns itself off, at the allocator's next slow-path call.
 * Lock held.
 */
static void update_enabled(struct fault_state *f)
{
	WRITE_ONCE(*f->enabled, !f->off && can_fail(&f->attr));
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
	update_enabled(f);
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

bool __should_failslab(const struct kmem_cache *s, const char *name, size_t size, gfp_t gfp,
		       unsigned long caller)
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
		fail = should_fail(f, size, gfp, &report);
	fault_unlock_irqrestore(flags);
	if (report) {
		scnprintf(what, sizeof(what), "cache %s", name);
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

void fault_attr_set(enum fault_type type, const struct fault_attr *attr)
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
	update_enabled(f);
	fault_unlock_irqrestore(flags);
}

void fault_attr_off(enum fault_type type)
{
	struct fault_state *f = &faults[type];
	unsigned long flags;

	fault_lock_irqsave(&flags);
	f->off = true;
	update_enabled(f);
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
