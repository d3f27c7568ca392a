/*
 * Helpers shared by the page allocator's test suites (test/page_alloc*_test.c):
 * snapshots of the buddy state to prove a test left the allocator as it found
 * it, a "hoard" of blocks linked through their own contents, a seeded PRNG,
 * and a way to drive a zone down to an exact free count.
 */
#ifndef _TEST_PAGE_ALLOC_HELPERS_H
#define _TEST_PAGE_ALLOC_HELPERS_H

#include <ktest.h>
#include <mm.h>

/* The allocator's visible state: free blocks per zone and order, free and per-CPU pages. */
struct buddy_snapshot {
	unsigned long nr_free[MAX_NR_ZONES][NR_PAGE_ORDERS];
	unsigned long free_pages[MAX_NR_ZONES];
	unsigned long pcp_pages[MAX_NR_ZONES];
};

/* Record the state as it is (per-CPU lists left alone). */
void buddy_snapshot_take(struct buddy_snapshot *s);

/* Fail @t, naming each zone/order whose count differs from @want, when the state does. */
void expect_buddy_state(struct ktest *t, const struct buddy_snapshot *want);

/*
 * The baseline a test starts from and must return to: the per-CPU lists are
 * drained first, so that the comparison is of the buddy lists alone.
 */
void page_alloc_baseline(struct buddy_snapshot *s);
void expect_page_alloc_baseline(struct ktest *t, const struct buddy_snapshot *base);

/*
 * The largest order of which @zone has a free block now, or -1 if it has
 * none: a test of large blocks looks here first, since a small machine (64
 * MiB of 64 KiB pages: MAX_ORDER is all of RAM) may have none of MAX_ORDER.
 */
int largest_free_order(const struct zone *zone);

/*
 * Check the invariants of every zone's free lists by walking all of its
 * struct pages: each free block is aligned to its order and counted once,
 * the per-order counts and the zone's free count add up. O(pages).
 */
void expect_buddy_invariants(struct ktest *t);

/*
 * A hoard: allocated blocks kept on a list linked through the blocks' own
 * first bytes, so holding any number of them costs no other memory.
 */
struct hoard {
	void *head;
	unsigned long pages;
	unsigned long blocks;
};

/* Allocate one block onto @h. Return: its page, or NULL when alloc_pages() failed. */
struct page *hoard_alloc(struct hoard *h, gfp_t gfp, unsigned int order);

/* Free the most recently hoarded block. Return: pages freed (0: the hoard is empty). */
unsigned long hoard_free_one(struct hoard *h);

/* Free every block of @h. */
void hoard_free_all(struct hoard *h);

/*
 * The zone that allocations with *@zone_gfp reach and no other: ZONE_DMA32
 * (with __GFP_DMA32) when it has memory, else ZONE_NORMAL (with 0).
 */
struct zone *lowest_zone(gfp_t *zone_gfp);

/*
 * Allocate from @zone onto @h (with __GFP_MEMALLOC: watermarks do not stop
 * it) until exactly @target pages are free in it. The zone's per-CPU lists
 * must be disabled. Return: true when the zone's free count is @target.
 */
bool drive_zone_to(struct zone *zone, gfp_t zone_gfp, unsigned long target, struct hoard *h);

/* A seeded PRNG (xorshift64*): the same seed gives the same run on every arch. */
static inline u64 prng_next(u64 *state)
{
	u64 x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* The number of whole pages in memblock.memory between pfns [lo, hi). */
unsigned long ram_pages_between(unsigned long lo, unsigned long hi);

#endif /* _TEST_PAGE_ALLOC_HELPERS_H */
