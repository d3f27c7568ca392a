/*
 * Benchmarks of vmalloc: a 16 KiB vmalloc + write + vfree (page allocation,
 * mapping, unmapping and TLB flush included), and find_vm_area() with
 * 10..10,000 live areas, to show that a lookup grows as log n.
 */
#include <asm/port.h>
#include <bench.h>
#include <kernel.h>
#include <printk.h>
#include <vmalloc.h>

#include "xorshift.h"

#define LOOKUP_AREAS_MAX 10000
#define LOOKUPS 20000

static bool vmalloc16k_write_vfree(unsigned long iterations)
{
	for (unsigned long i = 0; i < iterations; i++) {
		u8 *p = vmalloc(16 * 1024);

		if (!p)
			return false;
		for (unsigned long off = 0; off < 16 * 1024; off += PAGE_SIZE)
			p[off] = (u8)i;
		vfree(p);
	}
	return true;
}

static void *live[LOOKUP_AREAS_MAX];
static const void *probes[LOOKUPS];

/* Instructions per find_vm_area() of a random live address, with @n areas alive. */
static void measure_lookups(unsigned int n)
{
	unsigned int made = 0;
	u64 rng = 0xc0ffee, start, spent;
	bool found_all = true;
	char name[40];

	snprintf(name, sizeof(name), "find_vm_area_with_%u_areas", n);
	while (made < n && (live[made] = vmalloc(PAGE_SIZE)))
		made++;
	if (made == n) {
		for (unsigned int i = 0; i < LOOKUPS; i++)
			probes[i] = (u8 *)live[xorshift64_next(&rng) % n] + i % PAGE_SIZE;
		start = arch_counter();
		for (unsigned int i = 0; i < LOOKUPS; i++)
			found_all &= find_vm_area(probes[i]) != NULL;
		spent = arch_counter() - start;
		if (found_all)
			pr_info("bench %-36s %8llu.%02llu %s/op (%u ops)\n", name,
				(unsigned long long)(spent / LOOKUPS),
				(unsigned long long)(spent * 100 / LOOKUPS % 100),
				ARCH_COUNTER_UNIT, LOOKUPS);
		else
			pr_info("bench %-36s failed: an area was not found\n", name);
	} else {
		pr_info("bench %-36s failed: only %u of %u areas\n", name, made, n);
	}
	while (made)
		vfree(live[--made]);
}

static void find_vm_area_of_n_areas(void)
{
	for (unsigned int n = 10; n <= LOOKUP_AREAS_MAX; n *= 10)
		measure_lookups(n);
}

BENCH_SUITE(vmalloc, BENCH_CASE(vmalloc16k_write_vfree, 20000),
	    BENCH_TABLE(find_vm_area_of_n_areas));
