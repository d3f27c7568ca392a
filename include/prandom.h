/*
 * A small seeded pseudo-random generator (xorshift64) for kernel code that
 * needs a repeatable sequence, such as fault injection: the same seed gives
 * the same numbers on every arch. Not for anything that must be unpredictable.
 * Linux's names (prandom_*_state); implemented in lib/prandom.c.
 */
#ifndef _PRANDOM_H
#define _PRANDOM_H

#include <types.h>

/* One generator's state. Never 0: the generator would stay at 0. */
struct rnd_state {
	u64 s;
};

/**
 * prandom_seed_state - start a generator from @seed
 * @state: the generator
 * @seed: any value; 0 is replaced by a fixed nonzero constant
 *
 * The same seed always starts the same sequence.
 */
void prandom_seed_state(struct rnd_state *state, u64 seed);

/**
 * prandom_u32_state - the next number of a generator
 * @state: a generator seeded with prandom_seed_state()
 *
 * Not safe against concurrent callers on the same @state: the caller serialises.
 * Return: 32 pseudo-random bits (the high half of the 64-bit state).
 */
u32 prandom_u32_state(struct rnd_state *state);

#endif /* _PRANDOM_H */
