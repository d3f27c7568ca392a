/* Helpers shared by the page-table suites; see pgtable_helpers.h. */
#include <gfp.h>
#include <memblock.h>
#include <pgtable.h>

#include "pgtable_helpers.h"

const char *leaf_block_get(struct leaf_block *b)
{
	const unsigned int leaf_order = LEVEL_SHIFT(1) - PAGE_SHIFT;
	phys_addr_t pa, leaf;

	b->order = min(leaf_order, (unsigned int)MAX_ORDER);
	b->own_size = PAGE_SIZE << b->order;
	b->own = alloc_pages(GFP_KERNEL | (b->order < leaf_order ? __GFP_NOWARN : 0), b->order);
	if (!b->own)
		return b->order < leaf_order ? "needs a free MAX_ORDER block (RAM too small)"
					     : NULL;
	pa = PFN_PHYS(page_to_pfn(b->own));
	leaf = ALIGN_DOWN(pa, LEVEL_SIZE(1));
	b->leaf_pfn = PHYS_PFN(leaf);
	b->own_off = pa - leaf;
	if (!memblock_type_covers(&memblock.memory, leaf, LEVEL_SIZE(1))) {
		leaf_block_put(b);
		return "needs RAM over the whole aligned level-1 leaf around a free MAX_ORDER "
		       "block";
	}
	return NULL;
}

void leaf_block_put(struct leaf_block *b)
{
	__free_pages(b->own, b->order);
	b->own = NULL;
}
