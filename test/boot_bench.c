/*
 * The boot benchmark: what boot cost on the boot CPU, from start_kernel() to
 * the first test, and the share of it spent on struct pages, per GiB of RAM
 * (kernel/main.c counts, mm/memmap_init.c says how many struct pages each
 * part initialised). `make bench-boot` boots it at 512M and 8G, one CPU and
 * four.
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

static void boot_memmap(void)
{
	const struct memmap_init_stats *st = &memmap_init_stats;
	unsigned long ram_mib = (unsigned long)(memblock_phys_mem_size() >> 20);

	pr_info("bench boot_memmap: %lu MiB of RAM, %u CPUs online; %s on the boot CPU\n", ram_mib,
		num_online_cpus(), ARCH_COUNTER_UNIT);
	pr_info("bench boot_to_first_test %12llu (start_kernel() to the first test)\n",
		(unsigned long long)(boot_counts.first_test - boot_counts.entry));
	pr_info("bench boot_mm_core_init  %12llu (%lu free pages' struct pages here, the "
		"reserved pages' too)\n",
		(unsigned long long)boot_counts.mm_core_init, st->early_pages);
	pr_info("bench boot_init_late     %12llu (%lu free pages' struct pages on %u CPUs, %lu on "
		"this one)\n",
		(unsigned long long)boot_counts.init_late, st->deferred_pages, st->cpus,
		st->cpu_pages[smp_processor_id()]);
	/* Meaningful as a cost per GiB when this CPU did them all (one CPU online). */
	if (st->deferred_pages && st->cpu_pages[smp_processor_id()] == st->deferred_pages)
		pr_info("bench boot_init_late_per_GiB %8llu %s per GiB of RAM\n",
			per_gib(boot_counts.init_late, st->deferred_pages), ARCH_COUNTER_UNIT);
}

BENCH_SUITE(boot, BENCH_TABLE(boot_memmap));
