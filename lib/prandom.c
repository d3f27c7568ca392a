/*
 * The seeded pseudo-random generator of <prandom.h>: Marsaglia's xorshift64
 * (shifts 13, 7, 17), the generator the tests use (test/xorshift.h), so that
 * a seed means the same sequence in kernel code and in test code.
 */
#include <prandom.h>

/* What a zero seed becomes: any nonzero value would do. */
#define PRANDOM_DEFAULT_SEED 0x9e3779b97f4a7c15ULL

void prandom_seed_state(struct rnd_state *state, u64 seed)
{
	state->s = seed ? seed : PRANDOM_DEFAULT_SEED;
}

u32 prandom_u32_state(struct rnd_state *state)
{
	u64 x = state->s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	state->s = x;
	return (u32)(x >> 32);
}
