/*
 * debug_pagealloc=on (Linux's boot option; off unless asked for): a page
 * block is unmapped from the direct map as it is freed and mapped again as it
 * is allocated, so that a read or write after free faults at once, and the
 * fault report says whose free it was. paging_init() maps RAM with
 * page-sized leaves while it is on (as Linux does on arm64 and x86), so that
 * unmapping a page never splits a leaf and never needs a table page: the
 * allocator can do it with interrupts masked, and the table pages themselves
 * come from the allocator mapped. With the option off nothing here runs and
 * the direct map keeps its large leaves.
 *
 * Each page's record, in a table from memblock that needs no page mapped:
 * where its leaf is, and its last free (caller, order, CPU, number).
 * No locks: a page's leaf and record change only at its free and at its
 * allocation, by the page's owner of the moment.
 */
#include <asm/port.h>
#include <atomic.h>
#include <bug.h>
#include <fault.h>
#include <kernel.h>
#include <memblock.h>
#include <mm.h>
#include <params.h>

#include "internal.h"

bool _debug_pagealloc_enabled;

static int parse_debug_pagealloc(const char *value)
{
	return kstrtobool(value, &_debug_pagealloc_enabled);
}
early_param("debug_pagealloc", parse_debug_pagealloc);

struct page_free_record {
	pte_t *pte;	    /* the page's leaf in the direct map */
	const void *caller; /* who freed it last, NULL before its first free */
	unsigned int seq;   /* that free's number since boot */
	unsigned short cpu; /* the CPU it ran on */
	unsigned char order;
};

/* One array of records per memory section that has RAM, from memblock; NULL elsewhere. */
static struct page_free_record **section_records;
static unsigned long nr_record_sections;
/* The direct map's protection as paging_init() made it (global bit included): remaps use it. */
static pgprot_t direct_map_prot;
static atomic_t free_seq;

static struct page_free_record *record_of(unsigned long pfn)
{
	unsigned long nr = pfn_to_section_nr(pfn);

	if (nr >= nr_record_sections || !section_records[nr])
		return NULL;
	return &section_records[nr][pfn & (PAGES_PER_SECTION - 1)];
}

static void *boot_alloc(unsigned long size)
{
	void *p = memblock_alloc(size, sizeof(long));

	if (!p)
		panic("debug_pagealloc: no boot memory for %lu bytes of page records", size);
	return p;
}

void debug_pagealloc_note_ptes(unsigned long pfn, pte_t *ptes, unsigned long nr)
{
	if (!section_records) {
		nr_record_sections = pfn_to_section_nr(PHYS_PFN(memblock_end_of_DRAM() - 1)) + 1;
		section_records = boot_alloc(nr_record_sections * sizeof(*section_records));
	}
	for (unsigned long i = 0; i < nr; i++, pfn++) {
		unsigned long sec = pfn_to_section_nr(pfn);

		if (sec >= nr_record_sections)
			break;
		if (!section_records[sec])
			section_records[sec] =
				boot_alloc(PAGES_PER_SECTION * sizeof(struct page_free_record));
		record_of(pfn)->pte = &ptes[i];
		direct_map_prot = pte_pgprot(ptes[i]);
	}
}

void debug_pagealloc_unmap_pages(struct page *page, unsigned int order, const void *caller)
{
	unsigned long pfn = page_to_pfn(page), va = (unsigned long)page_address(page);
	unsigned int seq = (unsigned int)atomic_inc_return(&free_seq);
	unsigned short cpu = (unsigned short)raw_smp_processor_id();

	for (unsigned long i = 0; i < (1UL << order); i++) {
		struct page_free_record *rec = record_of(pfn + i);

		if (!rec || !rec->pte)
			continue;
		rec->caller = caller;
		rec->seq = seq;
		rec->cpu = cpu;
		rec->order = (unsigned char)order;
		WRITE_ONCE(*rec->pte, (pte_t){ 0 });
	}
	/* No CPU may keep a translation of a free page: every CPU's TLB, before it is reused. */
	arch_flush_tlb_kernel_range(va, va + (PAGE_SIZE << order));
}

void debug_pagealloc_map_pages(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), va = (unsigned long)page_address(page);

	for (unsigned long i = 0; i < (1UL << order); i++) {
		struct page_free_record *rec = record_of(pfn + i);

		if (rec && rec->pte)
			WRITE_ONCE(*rec->pte, pfn_pte(pfn + i, direct_map_prot, 0));
	}
	/* An install: as vmalloc's, a CPU that cached the absence faults once and retries. */
	arch_flush_cache_vmap(va, va + (PAGE_SIZE << order));
}

/* "page last free: ...", at the fault report's level (@alert) or as information. */
static void print_last_free(bool alert, unsigned long pfn, const struct page_free_record *rec)
{
	unsigned long first = pfn & ~((1UL << rec->order) - 1);
	char line[160];

	if (!rec->caller)
		return;
	snprintf(line, sizeof(line),
		 "page last free: order %u (pfn %#lx-%#lx) by %pS on CPU %u, free #%u", rec->order,
		 first, first + (1UL << rec->order) - 1, rec->caller, rec->cpu, rec->seq);
	if (alert)
		pr_alert("  %s\n", line);
	else
		pr_info("  %s\n", line);
}

void debug_pagealloc_show_free(unsigned long pfn)
{
	struct page_free_record *r;

	if (!debug_pagealloc_enabled() || !(r = record_of(pfn)))
		return;
	print_last_free(false, pfn, r);
}

void debug_pagealloc_describe_fault(struct kernel_fault *fault)
{
	const void *addr = (const void *)fault->addr;
	struct page_free_record rec, *r;
	unsigned long pfn;

	if (!debug_pagealloc_enabled() || !virt_addr_valid(addr))
		return;
	pfn = virt_to_pfn(addr);
	r = record_of(pfn);
	/* A present leaf: not a free page's fault (a permission fault, say). */
	if (!r || !r->pte || pte_present(READ_ONCE(*r->pte)))
		return;
	rec = *r;
	pr_alert("  %#lx is %lu bytes into pfn %#lx, a free page: debug_pagealloc unmapped it\n",
		 fault->addr, fault->addr & (PAGE_SIZE - 1), pfn);
	print_last_free(true, pfn, &rec);
	dump_page(pfn_to_page(pfn), "debug_pagealloc: access to a free page");
	fault->region = FAULT_REGION_PAGE_FREE;
	fault->page_pfn = pfn;
	fault->free_order = rec.order;
	fault->free_cpu = rec.cpu;
	fault->free_seq = rec.seq;
	fault->free_caller = rec.caller;
}
