/*
 * Fault injection: allocations that fail on purpose, so that the code
 * handling failure runs and can be tested. Linux's two allocator
 * capabilities: failslab (kmem_cache_alloc, kmalloc up to
 * KMALLOC_MAX_CACHE_SIZE) and fail_page_alloc (alloc_pages and everything
 * built on it), set up by boot parameters or, from tests, by the functions
 * below. Implemented in mm/fault_inject.c.
 *
 * Boot parameters (docs/memory-pressure.md):
 *   failslab=<interval>,<probability>,<space>,<times>
 *   fail_page_alloc=<interval>,<probability>,<space>,<times>
 *   failslab.ignore-gfp-wait=<Y|N>, fail_page_alloc.ignore-gfp-wait=<Y|N>,
 *   fail_page_alloc.min-order=<order>, failslab.verbose=<0|1>,
 *   fail_page_alloc.verbose=<0|1>
 */
#ifndef _FAULT_INJECT_H
#define _FAULT_INJECT_H

#include <compiler.h>
#include <gfp.h>
#include <types.h>

struct kmem_cache;

/* The two capabilities. */
enum fault_type {
	FAULT_FAILSLAB,
	FAULT_FAIL_PAGE_ALLOC,
	NR_FAULT_TYPES,
};

/**
 * struct fault_attr - when a capability makes an allocation fail
 * @interval: only every @interval-th call that gets past the filters and
 *	@space may fail (0 and 1: any)
 * @probability: the percentage (0..100) of those calls that fail, drawn
 *	from a seeded generator (0: none, 100: all)
 * @space: a budget used up first: while it is larger than a call's size
 *	(bytes of the object for failslab, pages for fail_page_alloc), the call
 *	passes and the size is taken off the budget
 * @times: how many failures may still be injected; -1: no limit
 * @nth: when not 0, the @nth call from now that gets past the filters fails,
 *	once, whatever the fields above say; until then nothing else fails
 * @seed: the generator's seed for @probability (0: a fixed default)
 * @ignore_gfp_reclaim: never fail an allocation that may reclaim
 *	(__GFP_DIRECT_RECLAIM, so GFP_KERNEL); Linux's ignore-gfp-wait
 * @min_order: fail_page_alloc only: only blocks of this order or larger fail
 * @cache: failslab only: only allocations from this cache fail (NULL: any)
 * @verbose: 1: print a line for each injected failure (the first
 *	FAULT_REPORT_BURST after each fault_inject_set()); 0: quiet
 *
 * The fields before @nth are Linux's, in the boot parameter's order. An
 * allocation with __GFP_NOFAIL never fails, whatever they say. Failures an
 * allocation with __GFP_NOWARN gets are counted but never printed.
 */
struct fault_attr {
	unsigned long interval;
	unsigned long probability;
	long space;
	long times;
	unsigned long nth;
	u64 seed;
	bool ignore_gfp_reclaim;
	unsigned int min_order;
	const struct kmem_cache *cache;
	unsigned int verbose;
};

/* Linux's defaults: no failure until configured; sleeping allocations spared. */
#define FAULT_ATTR_INITIALIZER                                                      \
	{                                                                           \
		.interval = 1, .times = 1, .ignore_gfp_reclaim = true, .verbose = 1 \
	}

/* fail_page_alloc's default @min_order: single pages are spared, as in Linux. */
#define FAIL_PAGE_ALLOC_MIN_ORDER 1

/* Injected failures printed after each fault_inject_set(); the rest are only counted. */
#define FAULT_REPORT_BURST 10

/**
 * setup_fault_attr - read "<interval>,<probability>,<space>,<times>"
 * @attr: where the four values go; its other fields are left alone
 * @str: the text, as the failslab= and fail_page_alloc= boot parameters take it
 *
 * Decimal numbers, comma-separated, nothing else: @interval and
 * @probability unsigned, @probability at most 100, @space 0 or more,
 * @times -1 or more. Anything else is reported with a warning and @attr is
 * left unchanged.
 * Return: 0, or -EINVAL.
 */
int setup_fault_attr(struct fault_attr *attr, const char *str);

/**
 * fault_inject_set - configure a capability and start injecting
 * @type: FAULT_FAILSLAB or FAULT_FAIL_PAGE_ALLOC
 * @attr: what to fail (copied)
 *
 * Replaces the configuration, seeds the generator with @attr->seed and
 * resets the counters of fault_inject_stats(). Injection is on when @attr
 * can fail anything (@nth, or @probability with @times not 0) and goes off
 * by itself when @times runs out.
 * Context: any; the allocation fast paths see the change at once.
 */
void fault_inject_set(enum fault_type type, const struct fault_attr *attr);

/**
 * fault_inject_off - stop injecting (the counters are kept until the next set).
 */
void fault_inject_off(enum fault_type type);

/**
 * fault_inject_get - the configuration in force
 * @type: the capability
 * @attr: filled with it: @space, @times and @nth as far as they have run down
 */
void fault_inject_get(enum fault_type type, struct fault_attr *attr);

/* What a capability did since it was last set (for tests and the stats line). */
struct fault_stats {
	unsigned long calls;	  /* allocations that got past the filters while it was on */
	unsigned long injected;	  /* of those, the ones made to fail */
	unsigned long unreported; /* injected failures not printed (burst used up, __GFP_NOWARN) */
};

/**
 * fault_inject_stats - copy @type's counters into @stats.
 */
void fault_inject_stats(enum fault_type type, struct fault_stats *stats);

/**
 * show_fault_inject_stats - print one line per capability used since boot
 *
 * "fault injection: failslab: 12 of 600 calls failed (interval 1, ...)";
 * nothing for a capability never configured. start_kernel() calls it after
 * the tests, next to the memory reports.
 */
void show_fault_inject_stats(void);

/*
 * The hooks the allocators call (mm/slab_cpu.c, mm/page_alloc.c), in
 * mm/fault_attr.c. While a capability is off, an allocation pays nothing
 * for it: the fast paths test copies of these flags kept in structures they
 * load anyway (each slab cache's fast-path arrays, each per-CPU page list),
 * which each allocator keeps itself (its gate, mm/internal.h).
 */

/* Set while a capability may fail something (read-only outside mm/fault_inject.c). */
extern bool failslab_enabled;
extern bool fail_page_alloc_enabled;

/**
 * __should_failslab - must this slab allocation fail?
 * @s: the cache allocated from (compared with the @cache filter only)
 * @name: its name and @size its object size, for the report and @space
 * @gfp: the allocation's flags
 * @caller: its caller, for the report
 *
 * Called only while failslab may fail @s: its fast-path arrays are then
 * empty ones that send every allocation to the slow path.
 * Return: true when the allocation is to fail (it was counted and reported).
 */
bool __should_failslab(const struct kmem_cache *s, const char *name, size_t size, gfp_t gfp,
		       unsigned long caller);

/**
 * failslab_covers - may failslab fail @s now? What a new cache's copies start as.
 */
bool failslab_covers(const struct kmem_cache *s);

/**
 * __should_fail_alloc_page - as __should_failslab(), for 2^@order pages.
 * Called only while fail_page_alloc is on: the order-0 fast path tests a copy
 * of fail_page_alloc_enabled in its per-CPU list, the slow entry compares the
 * order with a limit that is 0 then (mm/page_alloc.c).
 */
bool __should_fail_alloc_page(gfp_t gfp, unsigned int order, unsigned long caller);

#endif /* _FAULT_INJECT_H */
