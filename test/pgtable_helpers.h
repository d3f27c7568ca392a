/*
 * Helpers shared by the page-table suites (test/pgtable*_test.c): a level-1
 * leaf (2 MiB with 4 KiB pages, 512 MiB with 64 KiB pages) over memory the
 * test owns, to map, split and change while it watches.
 */
#ifndef _TEST_PGTABLE_HELPERS_H
#define _TEST_PGTABLE_HELPERS_H

#include <ktest.h>
#include <mm.h>

/*
 * A leaf larger than the largest block the page allocator gives (MAX_ORDER)
 * cannot be owned whole: the test then owns a MAX_ORDER block inside it and
 * maps the leaf over the RAM around it (an alias of the direct map, with the
 * same memory type), and reads and writes only its own block through it.
 * When the leaf is no larger, the block is the leaf, and own_off is 0.
 */
struct leaf_block {
	struct page *own;	/* the block the test allocated: the only memory it touches */
	unsigned int order;	/* its order: the leaf's, or MAX_ORDER if the leaf is larger */
	unsigned long leaf_pfn; /* the leaf's first frame (LEVEL_SIZE(1) aligned) */
	unsigned long own_off;	/* where the block starts in the leaf, in bytes */
	unsigned long own_size; /* its size in bytes */
};

/*
 * leaf_block_get - allocate @b's block and find the leaf around it.
 * Return: NULL, or why this machine cannot give one, for KTEST_SKIP(): no
 * free MAX_ORDER block (when the leaf is larger), or no RAM over the whole
 * aligned leaf around the block (RAM smaller than a leaf, or not aligned to
 * one). An allocation of the whole leaf failing is the caller's to assert
 * (NULL returned, b->own NULL).
 */
const char *leaf_block_get(struct leaf_block *b);

/* leaf_block_put - give the block back. */
void leaf_block_put(struct leaf_block *b);

#endif /* _TEST_PGTABLE_HELPERS_H */
