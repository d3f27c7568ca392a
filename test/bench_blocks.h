/*
 * Benchmark set-up for the buddy lists (test/page_alloc_bench.c): a block
 * allocation's cost depends on the free lists boot left behind (a free block
 * of its order taken as it is, or a larger one split and merged back), so a
 * benchmark fixes that state first.
 */
#ifndef _TEST_BENCH_BLOCKS_H
#define _TEST_BENCH_BLOCKS_H

#include <types.h>

/*
 * bench_free_block_with_buddy_in_use - hold two buddies of @order (successive
 * allocations split one larger block) and free the second: a free block of
 * @order whose buddy is in use, first on its free list. False if no two
 * buddies could be had. bench_release_blocks() frees what it holds.
 */
bool bench_free_block_with_buddy_in_use(unsigned int order);

/* bench_release_blocks - free every block the set-up holds. */
void bench_release_blocks(void);

#endif /* _TEST_BENCH_BLOCKS_H */
