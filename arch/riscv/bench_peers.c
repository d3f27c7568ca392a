/*
 * What benchmarks ask of the riscv port. Bare metal has no malloc() to
 * measure kmalloc against: its peer table is kmalloc alone.
 */
#include <asm/port.h>
#include <bench.h>

/* rdinstret is per hart: counting only this CPU's instructions already. */
u64 arch_cpu_counter(void)
{
	return arch_counter();
}

const struct bench_allocator *arch_bench_peers(unsigned int *nr)
{
	*nr = 0;
	return NULL;
}
