/*
 * The PMU as the benchmarks' counter (arch_counter(), arch_cpu_counter()):
 * event counter 0 counts INST_RETIRED at EL1, on every CPU from its start.
 * Under QEMU -icount shift=0 the count is exact; without icount QEMU counts
 * nothing (the benchmarks need icount anyway).
 */
#include <asm/port.h>
#include <bench.h>

#define PMU_EVENT_INST_RETIRED 0x08
#define PMCR_E (1UL << 0)  /* counters enabled */
#define PMCR_LC (1UL << 6) /* the cycle counter is 64 bits wide */
#define PMCNTEN_COUNTER0 (1UL << 0)
/* PMEVTYPER filters: count at EL1 (P = 0), not at EL0 (U) or EL2 (NSH = 0). */
#define PMEVTYPER_U (1UL << 30)

void pmu_init(void)
{
	__asm__ __volatile__("msr pmevtyper0_el0, %0" ::"r"(PMEVTYPER_U | PMU_EVENT_INST_RETIRED));
	__asm__ __volatile__("msr pmevcntr0_el0, xzr");
	__asm__ __volatile__("msr pmcntenset_el0, %0" ::"r"(PMCNTEN_COUNTER0));
	__asm__ __volatile__("msr pmcr_el0, %0\n\tisb" ::"r"(PMCR_E | PMCR_LC));
}

/* Event counter 0 is per CPU already: it counts only this CPU's instructions. */
u64 arch_cpu_counter(void)
{
	return arch_counter();
}

/* Bare metal has no malloc() to measure kmalloc against: the peer table is kmalloc alone. */
const struct bench_allocator *arch_bench_peers(unsigned int *nr)
{
	*nr = 0;
	return NULL;
}
