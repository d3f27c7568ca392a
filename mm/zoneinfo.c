/*
 * /proc/zoneinfo: each zone's free pages, watermarks, sizes and per-CPU
 * lists, in Linux's layout (the fields this allocator has). Reads the zones
 * without their locks: a snapshot, as Linux's is.
 */
#include <kernel.h>
#include <mm.h>
#include <smp.h>

static void show_zone(const struct zone *zone)
{
	unsigned int cpu;

	printk("Node 0, zone %8s\n", zone->name);
	printk("  pages free     %lu\n", zone_free_pages(zone));
	printk("        min      %lu\n", min_wmark_pages(zone));
	printk("        low      %lu\n", low_wmark_pages(zone));
	printk("        high     %lu\n", high_wmark_pages(zone));
	printk("        spanned  %lu\n", zone->spanned_pages);
	printk("        present  %lu\n", zone->present_pages);
	printk("        managed  %lu\n", zone->managed_pages);
	if (!populated_zone(zone))
		return;
	printk("  pagesets\n");
	for_each_online_cpu (cpu) {
		const struct per_cpu_pages *pcp = &zone->pcp[cpu];

		printk("    cpu: %u\n", cpu);
		printk("              count: %d\n", READ_ONCE(pcp->count));
		printk("              high:  %d\n", READ_ONCE(pcp->high));
		printk("              batch: %d\n", READ_ONCE(pcp->batch));
	}
	printk("  start_pfn:           %lu\n", zone->zone_start_pfn);
}

void show_zoneinfo(void)
{
	for (int i = 0; i < MAX_NR_ZONES; i++)
		show_zone(&node_zones[i]);
}
