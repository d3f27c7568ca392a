/*
 * GFP flags by name, as Linux prints them in its reports ("GFP_KERNEL|__GFP_ZERO").
 * A leaf of mm/: the page allocator's, fault injection's and vmalloc's reports use it.
 */
#include <kernel.h>

#include "internal.h"

/* GFP names, combinations first so that a combination is named whole. */
static const struct {
	gfp_t mask;
	const char *name;
} gfp_names[] = {
	{ GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE" },
	{ GFP_HIGHUSER, "GFP_HIGHUSER" },
	{ GFP_USER, "GFP_USER" },
	{ GFP_KERNEL, "GFP_KERNEL" },
	{ GFP_ATOMIC, "GFP_ATOMIC" },
	{ GFP_NOWAIT, "GFP_NOWAIT" },
	{ GFP_DMA32, "GFP_DMA32" },
	{ GFP_DMA, "GFP_DMA" },
	{ __GFP_HIGHMEM, "__GFP_HIGHMEM" },
	{ __GFP_MOVABLE, "__GFP_MOVABLE" },
	{ __GFP_RETRY_MAYFAIL, "__GFP_RETRY_MAYFAIL" },
	{ __GFP_NORETRY, "__GFP_NORETRY" },
	{ __GFP_HIGH, "__GFP_HIGH" },
	{ __GFP_IO, "__GFP_IO" },
	{ __GFP_FS, "__GFP_FS" },
	{ __GFP_ZERO, "__GFP_ZERO" },
	{ __GFP_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM" },
	{ __GFP_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM" },
	{ __GFP_NOWARN, "__GFP_NOWARN" },
	{ __GFP_NOFAIL, "__GFP_NOFAIL" },
	{ __GFP_MEMALLOC, "__GFP_MEMALLOC" },
	{ __GFP_COMP, "__GFP_COMP" },
	{ __GFP_HARDWALL, "__GFP_HARDWALL" },
};

int format_gfp_flags(char *buf, size_t size, gfp_t gfp)
{
	int len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(gfp_names) && gfp; i++) {
		if ((gfp & gfp_names[i].mask) != gfp_names[i].mask)
			continue;
		len += scnprintf(buf + len, size - len, "%s%s", len ? "|" : "", gfp_names[i].name);
		gfp &= ~gfp_names[i].mask;
	}
	if (gfp)
		len += scnprintf(buf + len, size - len, "%s%#x", len ? "|" : "", gfp);
	return len;
}
