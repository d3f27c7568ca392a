/* Bare metal has no malloc() to measure kmalloc against: its peer table is kmalloc alone. */
#include <bench.h>

const struct bench_allocator *arch_bench_peers(unsigned int *nr)
{
	*nr = 0;
	return NULL;
}
