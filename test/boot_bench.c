/*
 * The boot benchmark: what boot cost on the boot CPU, from start_kernel() to
 * the first test, and the share of it spent on struct pages, per GiB of RAM
 * (kernel/main.c counts, mm/memmap_init.c says how many struct pages each
 * part initialised). `make bench-boot` boots it at 512M and 8G on one CPU,
 * where instruction counts under QEMU -icount are exact and mean work done.
 */
#include <asm/port.h>
#include <bench.h>
#include <kernel.h>
#include <memblock.h>
#include <mm.h>
#include <smp.h>

/* @count per GiB of @pages pages, rounded. */
static unsigned long long per_gib(u64 count, unsigned long pages)
{
	const unsigned long long gib_pages = SZ_1G >> PAGE_SHIFT;

	return pages ? (count * gib_pages + pages / 2) / pages : 0;
}

/* The lines start "bench boot:", which no other benchmark's parser takes for its own. */
static void boot_memmap(void)
{
	const struct memmap_init_stats *st = &memmap_init_stats;
	const unsigned long here = st->cpu_pages[smp_processor_id()];

	pr_info("bench boot: %lu MiB of RAM, %u CPUs online; %s on the boot CPU\n",
		(unsigned long)(memblock_phys_mem_size() >> 20), num_online_cpus(),
		ARCH_COUNTER_UNIT);
	pr_info("bench boot: start_kernel() to the first test %12llu\n",
		(unsigned long long)(boot_counts.first_test - boot_counts.entry));
	pr_info("bench boot: mm_core_init()                   %12llu (%lu free pages initialised "
		"here, and the reserved ones)\n",
		(unsigned long long)boot_counts.mm_core_init, st->early_pages);
	pr_info("bench boot: page_alloc_init_late()           %12llu (%lu free pages initialised "
		"on %u CPUs, %lu of them here)\n",
		(unsigned long long)boot_counts.init_late, st->deferred_pages, st->cpus, here);
	/*
	 * A cost per GiB on one CPU only. With more, the count includes this
	 * CPU's wait for the others, and under QEMU -icount the CPUs run one at
	 * a time (round robin), so it measures no parallel time.
	 */
	if (num_online_cpus() == 1 && st->deferred_pages)
		pr_info("bench boot: page_alloc_init_late() per GiB   %12llu\n",
			per_gib(boot_counts.init_late, st->deferred_pages));
	else if (st->deferred_pages)
		pr_info("bench boot: (%u CPUs: page_alloc_init_late() includes the wait for the "
			"others; no cost per GiB)\n",
			num_online_cpus());
}

BENCH_SUITE(boot, BENCH_TABLE(boot_memmap));
