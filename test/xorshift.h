/* A tiny seeded PRNG (xorshift64) for tests and benchmarks: the same seed gives the same run. */
#ifndef _TEST_XORSHIFT_H
#define _TEST_XORSHIFT_H

#include <types.h>

/* xorshift64_next - advance @state (never 0) and return the new value. */
static inline u64 xorshift64_next(u64 *state)
{
	u64 x = *state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return x;
}

#endif /* _TEST_XORSHIFT_H */
