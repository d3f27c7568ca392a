/*
 * The memory console's fault injection command: failslab and
 * fail_page_alloc set up as the boot parameters do (<fault_inject.h>), but
 * sparing nothing by default: the console's own allocations are GFP_KERNEL
 * and often single pages, which Linux's defaults (ignore-gfp-wait,
 * min-order 1) would never fail.
 */
#include <fault_inject.h>
#include <kernel.h>
#include <string.h>

#include "mmconsole_internal.h"

static void usage(void)
{
	pr_info("usage: fail [slab|page off | slab|page nth N | slab I,P,S,T [CACHE] | "
		"page I,P,S,T [MIN_ORDER]]\n");
}

/* The optional word after I,P,S,T: a console cache for slab, a minimum order for page. */
static bool parse_filter(enum fault_type type, const char *word, struct fault_attr *attr)
{
	unsigned long order;

	if (type == FAULT_FAIL_PAGE_ALLOC) {
		if (!mmcon_number("fail", word, &order))
			return false;
		attr->min_order = (unsigned int)min(order, (unsigned long)UINT_MAX);
		return true;
	}
	attr->cache = mmcon_cache_by_name(word);
	if (!attr->cache) {
		pr_info("fail: the console created no cache named '%s'\n", word);
		return false;
	}
	return true;
}

void mmcon_fail(int argc, char **argv)
{
	struct fault_attr attr = FAULT_ATTR_INITIALIZER;
	enum fault_type type;
	unsigned long nth;

	if (argc == 0) {
		if (!failslab_enabled && !fail_page_alloc_enabled)
			pr_info("(fault injection is off)\n");
		show_fault_inject_stats();
		return;
	}
	if (!strcmp(argv[0], "slab"))
		type = FAULT_FAILSLAB;
	else if (!strcmp(argv[0], "page"))
		type = FAULT_FAIL_PAGE_ALLOC;
	else
		type = NR_FAULT_TYPES;
	if (type == NR_FAULT_TYPES || argc < 2 || argc > 3) {
		usage();
		return;
	}
	if (argc == 2 && !strcmp(argv[1], "off")) {
		fault_inject_off(type);
		pr_info("fail %s: off\n", argv[0]);
		return;
	}
	attr.ignore_gfp_reclaim = false;
	attr.min_order = 0;
	if (argc == 3 && !strcmp(argv[1], "nth")) {
		if (!mmcon_number("fail", argv[2], &nth))
			return;
		if (!nth) {
			pr_info("fail: nth counts from 1\n");
			return;
		}
		attr.nth = nth;
	} else {
		if (setup_fault_attr(&attr, argv[1])) {
			pr_info("fail: nothing changed\n");
			return;
		}
		if (argc == 3 && !parse_filter(type, argv[2], &attr))
			return;
	}
	fault_inject_set(type, &attr);
	pr_info("fail %s: on (interval %lu, probability %lu, space %ld, times %ld, nth %lu)\n",
		argv[0], attr.interval, attr.probability, attr.space, attr.times, attr.nth);
}
