/*
 * page_owner=on: who allocated each page block. A side table (like Linux's
 * page_ext) holds a record per page frame of RAM, one array per memory
 * section, allocated from memblock at boot only when the option is on; the
 * page allocator records the first page of each block it hands out (through
 * set_page_owner(), from its checked path, which every allocation takes while
 * page_owner is on) and split_page() copies the record to each page. The
 * stack goes into the stack depot (mm/stackdepot.c): a record is 24 bytes.
 * Frees change nothing here: a block counts as allocated while its first page
 * is PG_allocated, and its record is the last allocation's.
 *
 * Locking: a record is written by the CPU that allocated its block, field by
 * field (WRITE_ONCE), and read by anyone without a lock (READ_ONCE): a report
 * that races with a reallocation may print a mix of the two records, as
 * Linux's may. report_lock (a plain spinlock, interrupts enabled, never taken
 * in interrupt context) serialises reports, which share one array of counts
 * per stack; under it the report prints, reads the depot and the records, and
 * takes no other lock.
 */
#include <asm/port.h>
#include <kernel.h>
#include <memblock.h>
#include <mm.h>
#include <page_owner.h>
#include <params.h>
#include <spinlock.h>
#include <stackdepot.h>
#include <stacktrace.h>
#include <string.h>

#include "internal.h"

/* Entries captured before the allocator's own frames are cut off (see record_stack()). */
#define CAPTURE_DEPTH (STACK_DEPOT_MAX_DEPTH + 16)
/* Stacks the depot holds: one per this many pages of RAM, within the bounds below. */
#define PAGES_PER_STACK 256
#define MIN_STACKS 1024
#define MAX_STACKS 16384

struct page_owner {
	u64 seq; /* 0: never recorded */
	depot_stack_handle_t handle;
	gfp_t gfp;
	u16 order;
	u16 cpu;
};

/* Per stack, while a report runs: what it allocated. Index: the handle (0: no stack). */
struct owner_group {
	unsigned long pages;
	unsigned long blocks;
	u64 first_seq, last_seq;
	u32 orders; /* bit n: a block of order n */
	u32 cpus;   /* bit n: allocated on CPU n */
	gfp_t gfp;  /* the latest block's */
	bool mixed; /* not every block had that gfp */
	bool shown;
};

bool page_owner_enabled;
bool page_owner_inited;

static struct page_owner **section_owners; /* per section, indexed by pfn - start_pfn */
static struct owner_group *groups;	   /* stack_depot_max_stacks() + 1 */
static u64 next_seq = 1;
static DEFINE_SPINLOCK(report_lock);

_Static_assert(NR_CPUS <= 32, "owner_group.cpus has a bit per CPU");
_Static_assert(MAX_ORDER < 32, "owner_group.orders has a bit per order");

static int parse_page_owner(const char *value)
{
	return kstrtobool(value, &page_owner_enabled);
}
early_param("page_owner", parse_page_owner);

static struct page_owner *owner_of_pfn(unsigned long pfn)
{
	unsigned long nr = pfn_to_section_nr(pfn);
	const struct mem_section *ms;

	if (!section_owners || nr >= nr_mem_sections || !section_owners[nr])
		return NULL;
	ms = &mem_section[nr];
	if (pfn < ms->start_pfn || pfn >= ms->end_pfn)
		return NULL;
	return &section_owners[nr][pfn - ms->start_pfn];
}

void page_owner_init(void)
{
	unsigned long pages = 0, bytes;
	unsigned int stacks;

	if (!page_owner_enabled)
		return;
	section_owners = memblock_alloc(nr_mem_sections * sizeof(*section_owners), sizeof(long));
	if (!section_owners)
		goto nomem;
	for (unsigned long nr = 0; nr < nr_mem_sections; nr++) {
		const struct mem_section *ms = &mem_section[nr];
		unsigned long span = ms->end_pfn - ms->start_pfn;

		if (!span)
			continue;
		section_owners[nr] = memblock_alloc(span * sizeof(struct page_owner), sizeof(long));
		if (!section_owners[nr])
			goto nomem;
		pages += span;
	}
	stacks = (unsigned int)min(max(pages / PAGES_PER_STACK, (unsigned long)MIN_STACKS),
				   (unsigned long)MAX_STACKS);
	groups = memblock_alloc((stacks + 1) * sizeof(*groups), sizeof(long));
	if (!groups || stack_depot_init(stacks))
		goto nomem;
	bytes = pages * sizeof(struct page_owner) + (stacks + 1) * sizeof(*groups) +
		(unsigned long)stacks * (sizeof(unsigned long) * (STACK_DEPOT_MAX_DEPTH + 2));
	pr_info("page_owner: on, %lu KiB for %lu page records and %u stacks\n", bytes >> 10, pages,
		stacks);
	WRITE_ONCE(page_owner_inited, true);
	return;
nomem:
	pr_warn("page_owner: no memory for the records: off\n");
}

/*
 * The allocating stack, from the function that called into the allocator:
 * @caller (the return address the allocator's entry point recorded) is looked
 * for in the trace and everything inside it is cut off. If it is not there
 * (a caller the allocator passed on from further up), the trace starts at
 * this function's caller's caller.
 */
static depot_stack_handle_t record_stack(const void *caller)
{
	unsigned long entries[CAPTURE_DEPTH];
	unsigned int nr = stack_trace_save(entries, CAPTURE_DEPTH, 0), first = nr > 1 ? 1 : 0;

	for (unsigned int i = 0; i < nr; i++) {
		if (entries[i] == (unsigned long)caller) {
			first = i;
			break;
		}
	}
	return stack_depot_save(entries + first, nr - first, 0);
}

static void write_record(struct page_owner *po, u64 seq, depot_stack_handle_t handle, gfp_t gfp,
			 unsigned int order, unsigned int cpu)
{
	WRITE_ONCE(po->handle, handle);
	WRITE_ONCE(po->gfp, gfp);
	WRITE_ONCE(po->order, (u16)order);
	WRITE_ONCE(po->cpu, (u16)cpu);
	WRITE_ONCE(po->seq, seq);
}

void __set_page_owner(struct page *page, unsigned int order, gfp_t gfp, const void *caller)
{
	struct page_owner *po = owner_of_pfn(page_to_pfn(page));

	if (!po)
		return;
	write_record(po, __atomic_fetch_add(&next_seq, 1, __ATOMIC_RELAXED), record_stack(caller),
		     gfp, order, raw_smp_processor_id());
}

void __split_page_owner(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);
	const struct page_owner *head = owner_of_pfn(pfn);

	if (!head)
		return;
	for (unsigned long i = 1; i < (1UL << order); i++) {
		struct page_owner *po = owner_of_pfn(pfn + i);

		if (po)
			write_record(po, READ_ONCE(head->seq), READ_ONCE(head->handle),
				     READ_ONCE(head->gfp), 0, READ_ONCE(head->cpu));
	}
	WRITE_ONCE(((struct page_owner *)head)->order, 0);
}

/* Read @pfn's record; false if it has none. */
static bool read_record(unsigned long pfn, struct page_owner_info *info)
{
	const struct page_owner *po = owner_of_pfn(pfn);

	if (!po || !READ_ONCE(po->seq))
		return false;
	info->seq = READ_ONCE(po->seq);
	info->handle = READ_ONCE(po->handle);
	info->gfp = READ_ONCE(po->gfp);
	info->order = READ_ONCE(po->order);
	info->cpu = READ_ONCE(po->cpu);
	info->nr_entries = stack_depot_fetch(info->handle, &info->entries);
	return true;
}

bool page_owner_get(const struct page *page, struct page_owner_info *info)
{
	return READ_ONCE(page_owner_inited) && read_record(page_to_pfn(page), info);
}

u64 page_owner_seq(void)
{
	return READ_ONCE(page_owner_inited) ? __atomic_load_n(&next_seq, __ATOMIC_RELAXED) : 0;
}

static void print_cpus(char *buf, size_t size, u32 cpus)
{
	int len = 0;

	buf[0] = '\0';
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpus & (1U << cpu))
			len += scnprintf(buf + len, size - len, "%s%u", len ? "," : "", cpu);
}

static void print_orders(char *buf, size_t size, u32 orders)
{
	int len = 0;

	buf[0] = '\0';
	for (unsigned int o = 0; o <= MAX_ORDER; o++)
		if (orders & (1U << o))
			len += scnprintf(buf + len, size - len, "%s%u", len ? "," : "", o);
}

static void print_group(depot_stack_handle_t handle, const struct owner_group *g)
{
	char gfp_names[128], cpus[3 * NR_CPUS + 1], orders[3 * (MAX_ORDER + 1) + 1];

	format_gfp_flags(gfp_names, sizeof(gfp_names), g->gfp);
	print_cpus(cpus, sizeof(cpus), g->cpus);
	print_orders(orders, sizeof(orders), g->orders);
	pr_info("%lu times, %lu pages:\n", g->blocks, g->pages);
	pr_info("Page allocated via order %s, mask %#x(%s)%s, cpus %s, seq %llu..%llu\n", orders,
		g->gfp, gfp_names, g->mixed ? " and others" : "", cpus,
		(unsigned long long)g->first_seq, (unsigned long long)g->last_seq);
	if (handle)
		stack_depot_print(handle);
	else
		pr_info(" (no stack recorded: the stack depot was full, or the port unwinds "
			"nothing)\n");
	pr_info("\n");
}

static void account_block(const struct page_owner_info *info, unsigned long pages)
{
	struct owner_group *g = &groups[info->handle];

	if (!g->blocks) {
		g->first_seq = info->seq;
		g->gfp = info->gfp;
	} else if (info->gfp != g->gfp) {
		g->mixed = true;
		if (info->seq > g->last_seq)
			g->gfp = info->gfp;
	}
	g->first_seq = min(g->first_seq, info->seq);
	g->last_seq = max(g->last_seq, info->seq);
	g->blocks++;
	g->pages += pages;
	g->orders |= 1U << min(info->order, (unsigned int)MAX_ORDER);
	g->cpus |= 1U << (info->cpu % NR_CPUS);
}

struct report_totals {
	unsigned long blocks, pages;		  /* allocated at or after the seq asked for */
	unsigned long untracked, untracked_pages; /* allocated, no record */
};

/*
 * Count every allocated block of section @ms: a block is its first page,
 * PG_allocated, with its order in ->private (read racily: the walk clamps it).
 */
static void walk_section(const struct mem_section *ms, u64 since, struct report_totals *t)
{
	unsigned long pfn = ms->start_pfn;

	while (pfn < ms->end_pfn) {
		const struct page *page = pfn_to_page(pfn);
		unsigned long flags = data_race(READ_ONCE(page->flags)), pages;
		struct page_owner_info info;
		unsigned int order;

		if (!(flags & (1UL << PG_allocated)) || (flags & (1UL << PG_hole))) {
			pfn++;
			continue;
		}
		order = (unsigned int)min(data_race(READ_ONCE(page->private)),
					  (unsigned long)MAX_ORDER);
		pages = min(1UL << order, ms->end_pfn - pfn);
		pfn += pages;
		if (!read_record(page_to_pfn(page), &info)) {
			t->untracked++;
			t->untracked_pages += pages;
			continue;
		}
		if (info.seq < since)
			continue;
		t->blocks++;
		t->pages += pages;
		account_block(&info, pages);
	}
}

/* The group not shown yet with the most pages (then blocks, then the lower handle), or -1. */
static long next_group(unsigned int nr)
{
	long best = -1;

	for (unsigned int h = 0; h <= nr; h++) {
		const struct owner_group *g = &groups[h];

		if (!g->blocks || g->shown)
			continue;
		if (best < 0 || g->pages > groups[best].pages ||
		    (g->pages == groups[best].pages && g->blocks > groups[best].blocks))
			best = h;
	}
	return best;
}

void show_page_owner_since(u64 since, unsigned int max_stacks)
{
	struct report_totals t = { 0 };
	unsigned int nr, used = 0, shown = 0;
	long h;

	if (!READ_ONCE(page_owner_inited)) {
		pr_info("page_owner: off (boot with page_owner=on)\n");
		return;
	}
	spin_lock(&report_lock);
	memset(groups, 0, (stack_depot_max_stacks() + 1) * sizeof(*groups));
	for (unsigned long s = 0; s < nr_mem_sections; s++)
		if (mem_section[s].end_pfn > mem_section[s].start_pfn)
			walk_section(&mem_section[s], since, &t);
	/* Read after the walk: every handle the walk met is at most this. */
	nr = stack_depot_nr_stacks();
	for (unsigned int i = 0; i <= nr; i++)
		used += groups[i].blocks != 0;
	pr_info("page_owner: %lu blocks (%lu pages) allocated since seq %llu, by %u stacks%s "
		"(stack depot: %u of %u)\n",
		t.blocks, t.pages, (unsigned long long)since, used,
		max_stacks && used > max_stacks ? ", the largest shown" : "", nr,
		stack_depot_max_stacks());
	if (t.untracked)
		pr_info("page_owner: %lu blocks (%lu pages) allocated before page_owner was set "
			"up\n",
			t.untracked, t.untracked_pages);
	while ((!max_stacks || shown < max_stacks) && (h = next_group(nr)) >= 0) {
		groups[h].shown = true;
		print_group((depot_stack_handle_t)h, &groups[h]);
		shown++;
	}
	spin_unlock(&report_lock);
}

void show_page_owner(void)
{
	show_page_owner_since(0, 0);
}

/* The first page of the allocated block @pfn lies in, or @pfn itself if there is none. */
static unsigned long block_head_pfn(unsigned long pfn)
{
	for (unsigned int o = 1; o <= MAX_ORDER; o++) {
		unsigned long head = pfn & ~((1UL << o) - 1);
		const struct page *page;

		if (!pfn_valid(head))
			break;
		page = pfn_to_page(head);
		if (PageAllocated(page) && data_race(page->private) >= o)
			return head;
	}
	return pfn;
}

void dump_page_owner(const struct page *page)
{
	unsigned long pfn = page_to_pfn(page), head = pfn;
	struct page_owner_info info;
	char gfp_names[128];

	if (!READ_ONCE(page_owner_inited))
		return;
	if (!PageAllocated(page) && !PageBuddy(page) && !PageReserved(page))
		head = block_head_pfn(pfn);
	if (head != pfn)
		pr_warn("page_owner: the page is inside the order-%lu block at pfn %#lx\n",
			data_race(pfn_to_page(head)->private), head);
	if (!read_record(head, &info)) {
		pr_warn("page_owner info is not present (never allocated while page_owner was "
			"on)\n");
		return;
	}
	pr_warn("page_owner tracks the page as %s\n",
		PageAllocated(pfn_to_page(head)) ? "allocated" : "freed");
	format_gfp_flags(gfp_names, sizeof(gfp_names), info.gfp);
	pr_warn("page last allocated via order %u, gfp_mask %#x(%s), cpu %u, seq %llu\n",
		info.order, info.gfp, gfp_names, info.cpu, (unsigned long long)info.seq);
	if (info.nr_entries)
		stack_trace_print(info.entries, info.nr_entries, 0);
	else
		pr_warn(" (no stack recorded: the stack depot was full, or the port unwinds "
			"nothing)\n");
}
