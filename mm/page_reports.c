/*
 * What the page allocator prints: /proc/buddyinfo and /proc/meminfo layouts,
 * "BUG: Bad page state" for bad frees, "page allocation failure" warnings,
 * all in Linux's formats.
 */
#include <asm/port.h>
#include <kernel.h>
#include <mm.h>

#include "internal.h"

static unsigned long nr_bad_page_reports;
static unsigned long nr_alloc_failure_reports;

#define PAGEFLAG_NAME(uname, lname, at_free, why) [PG_##lname] = #lname,
static const char *const pageflag_names[NR_PAGEFLAGS] = { PAGEFLAGS(PAGEFLAG_NAME) };

#define PAGEFLAG_WHY(uname, lname, at_free, why) [PG_##lname] = why,
static const char *const pageflag_why[NR_PAGEFLAGS] = { PAGEFLAGS(PAGEFLAG_WHY) };

unsigned long bad_page_reports(void)
{
	return __atomic_load_n(&nr_bad_page_reports, __ATOMIC_RELAXED);
}

unsigned long alloc_failure_reports(void)
{
	return __atomic_load_n(&nr_alloc_failure_reports, __ATOMIC_RELAXED);
}

void format_page_flags(char *buf, size_t size, unsigned long flags)
{
	int len = 0;

	buf[0] = '\0';
	for (int i = 0; i < NR_PAGEFLAGS; i++)
		if (flags & (1UL << i))
			len += scnprintf(buf + len, size - len, "%s%s", len ? "|" : "",
					 pageflag_names[i]);
}

void dump_page(const struct page *page, const char *reason)
{
	char names[96];

	format_page_flags(names, sizeof(names), page->flags);
	pr_warn("page:%p pfn:%#lx zone:%s section:%lu private:%#lx\n", (const void *)page,
		page_to_pfn(page), page_zone(page)->name, page_section_nr(page), page->private);
	pr_warn("flags: %#lx(%s)\n", page->flags, names);
	if (reason)
		pr_warn("page dumped because: %s\n", reason);
	dump_page_owner(page);
}

static void bad_page(const struct page *page, unsigned long pfn, const char *reason,
		     const char *call, const void *caller)
{
	__atomic_fetch_add(&nr_bad_page_reports, 1, __ATOMIC_RELAXED);
	pr_alert("BUG: Bad page state in process " CONTEXT_FMT "  pfn:%05lx\n",
		 raw_smp_processor_id(), pfn);
	if (page)
		dump_page(page, reason);
	else
		pr_alert("page dumped because: %s\n", reason);
	pr_alert("caller: %pS %s\n", caller, call);
}

/*
 * Find the free or allocated block that @pfn lies inside, below its first
 * page. O(MAX_ORDER); only ever run for a bad free.
 */
static void describe_interior(unsigned long pfn, char *why, size_t size)
{
	for (unsigned int o = 1; o <= MAX_ORDER; o++) {
		unsigned long head_pfn = pfn & ~((1UL << o) - 1);
		const struct page *head;

		if (!pfn_valid(head_pfn))
			break;
		head = pfn_to_page(head_pfn);
		if (!PageBuddy(head) && !PageAllocated(head))
			continue;
		if (head->private > MAX_ORDER || pfn - head_pfn >= (1UL << head->private))
			continue;
		if (PageBuddy(head))
			snprintf(why, size,
				 "double free: the page is already free, inside a free order-%lu "
				 "block at pfn %#lx",
				 head->private, head_pfn);
		else
			snprintf(why, size,
				 "interior page of an allocated order-%lu block at pfn %#lx",
				 head->private, head_pfn);
		return;
	}
	snprintf(why, size, "the page is not allocated");
}

/*
 * Why is __free_pages(@page, @order) wrong? The first flag of PAGEFLAGS() that
 * the free-time check (PAGE_FLAGS_CHECK_AT_FREE) refuses says; with none, the
 * page is inside a block.
 */
static void describe_bad_free(const struct page *page, unsigned int order, char *why, size_t size)
{
	if (order > MAX_ORDER) {
		snprintf(why, size, "freed with order %u, above MAX_ORDER (%d)", order, MAX_ORDER);
		return;
	}
	for (int f = 0; f < NR_PAGEFLAGS; f++) {
		if (!(page->flags & PAGE_FLAGS_CHECK_AT_FREE & (1UL << f)))
			continue;
		switch (f) {
		case PG_buddy:
			snprintf(why, size,
				 "double free: the page is already free, first page of a free "
				 "order-%lu block",
				 page->private);
			break;
		case PG_pcp:
			snprintf(why, size,
				 "double free: the page is already free, on CPU %lu's per-CPU list",
				 page->private);
			break;
		case PG_allocated: /* the only one set, so the order is wrong */
			snprintf(why, size, "freed with order %u, but allocated with order %lu",
				 order, page->private);
			break;
		case PG_tail:
			snprintf(why, size, "tail page of a compound order-%u block at pfn %#lx",
				 compound_order(page->head_page), page_to_pfn(page->head_page));
			break;
		default:
			snprintf(why, size, "%s", pageflag_why[f]);
			break;
		}
		return;
	}
	describe_interior(page_to_pfn(page), why, size);
}

void bad_free(const struct page *page, unsigned int order, const void *caller)
{
	char why[128], call[48];

	describe_bad_free(page, order, why, sizeof(why));
	snprintf(call, sizeof(call), "(freeing order %u)", order);
	bad_page(page, page_to_pfn(page), why, call, caller);
}

void bad_free_address(unsigned long addr, unsigned int order, const char *why, const void *caller)
{
	unsigned long pfn = virt_to_pfn((const void *)addr);
	char call[64];

	snprintf(call, sizeof(call), "(free_pages(%#lx, %u))", addr, order);
	bad_page(pfn_valid(pfn) ? pfn_to_page(pfn) : NULL, pfn, why, call, caller);
}

/* Copy a zone's per-order free counts under its lock, so the line is consistent. */
static void snapshot_free_area(struct zone *zone, unsigned long *nr_free)
{
	unsigned long flags;

	local_irq_save(flags);
	spin_lock(&zone->lock);
	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		nr_free[o] = zone->free_area[o].nr_free;
	spin_unlock(&zone->lock);
	local_irq_restore(flags);
}

static void show_zone_buddyinfo(struct zone *zone)
{
	char line[32 + 7 * NR_PAGE_ORDERS];
	unsigned long nr_free[NR_PAGE_ORDERS];
	int len;

	snapshot_free_area(zone, nr_free);
	len = scnprintf(line, sizeof(line), "Node 0, zone %8s ", zone->name);
	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		len += scnprintf(line + len, sizeof(line) - len, "%6lu ", nr_free[o]);
	pr_info("%s\n", line);
}

void show_buddyinfo(void)
{
	for (int z = 0; z < MAX_NR_ZONES; z++)
		if (populated_zone(&node_zones[z]))
			show_zone_buddyinfo(&node_zones[z]);
}

/*
 * An estimate of how much can be allocated without running anyone short, as
 * Linux's MemAvailable: the free pages (per-CPU lists included) minus the
 * high watermarks, plus the half of reclaimable slab that can be had.
 */
static unsigned long si_mem_available(void)
{
	unsigned long reserve = 0, low = 0, free = nr_free_pages();
	unsigned long reclaimable = mm_stat(NR_SLAB_RECLAIMABLE);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &node_zones[z];

		reserve += high_wmark_pages(zone);
		low += low_wmark_pages(zone);
		free += zone_pcp_pages(zone);
	}
	free = free > reserve ? free - reserve : 0;
	return free + reclaimable - min(reclaimable / 2, low);
}

static void show_val_kb(const char *label, unsigned long pages)
{
	pr_info("%-16s%8lu kB\n", label, pages << (PAGE_SHIFT - 10));
}

void show_meminfo(void)
{
	unsigned long sreclaimable = mm_stat(NR_SLAB_RECLAIMABLE);
	unsigned long sunreclaim = mm_stat(NR_SLAB_UNRECLAIMABLE);

	show_val_kb("MemTotal:", totalram_pages());
	show_val_kb("MemFree:", nr_free_pages());
	show_val_kb("MemAvailable:", si_mem_available());
	show_val_kb("Buffers:", 0);
	show_val_kb("Cached:", 0);
	show_val_kb("Slab:", sreclaimable + sunreclaim);
	show_val_kb("SReclaimable:", sreclaimable);
	show_val_kb("SUnreclaim:", sunreclaim);
	show_val_kb("PageTables:", mm_stat(NR_PAGETABLE));
	pr_info("%-16s%8lu kB\n", "VmallocTotal:", vmalloc_total_bytes >> 10);
	show_val_kb("VmallocUsed:", mm_stat(NR_VMALLOC));
}

static void show_zone_free(const struct zone *zone)
{
	const int kb = PAGE_SHIFT - 10;

	pr_warn("Node 0 %s free:%lukB min:%lukB low:%lukB high:%lukB managed:%lukB pcp:%lukB\n",
		zone->name, zone_free_pages(zone) << kb, min_wmark_pages(zone) << kb,
		low_wmark_pages(zone) << kb, high_wmark_pages(zone) << kb,
		zone->managed_pages << kb, zone_pcp_pages(zone) << kb);
}

void warn_alloc(gfp_t gfp, unsigned int order, const void *caller)
{
	char names[160];

	__atomic_fetch_add(&nr_alloc_failure_reports, 1, __ATOMIC_RELAXED);
	format_gfp_flags(names, sizeof(names), gfp);
	pr_warn(CONTEXT_FMT ": page allocation failure: order:%u, mode:%#x(%s), nodemask=(null)\n",
		raw_smp_processor_id(), order, gfp, names);
	pr_warn("caller: %pS\n", caller);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		if (populated_zone(&node_zones[z]))
			show_zone_free(&node_zones[z]);
	show_buddyinfo();
}
