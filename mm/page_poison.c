/*
 * page_poison=1 (Linux's boot option; off unless asked for): every page block
 * is filled with PAGE_POISON as it is freed and checked as it is allocated
 * again, so that a write to a free page (a use after free, a stray DMA) is
 * reported: "pagealloc: memory corruption" (or "single bit error"), the pfn,
 * the offsets changed and their bytes, the page. As Linux does, the check
 * reports and goes on: the block is handed out as it is (zeroed after the
 * check if the allocation asks for zeroes). As Linux also does, the poison
 * takes precedence over init_on_alloc=1 and init_on_free=1, which it turns
 * off. With debug_pagealloc=on the free poisons before the unmap and the
 * allocation checks after the map (mm/page_alloc.c orders them). No locks.
 */
#include <kernel.h>
#include <mm.h>
#include <params.h>
#include <string.h>

#include "internal.h"

/* A report shows at most this many rows of 16 bytes that hold a change. */
#define MAX_DUMP_ROWS 16
#define ROW_BYTES 16

bool _page_poisoning_enabled;
static unsigned long nr_reports;

static int parse_page_poison(const char *value)
{
	return kstrtobool(value, &_page_poisoning_enabled);
}
early_param("page_poison", parse_page_poison);

void page_poison_init(void)
{
	if (!page_poisoning_enabled() || !(want_init_on_alloc(0) || want_init_on_free()))
		return;
	pr_info("mem auto-init: page_poison is on, will take precedence over init_on_alloc and "
		"init_on_free\n");
	WRITE_ONCE(init_on_alloc_enabled, false);
	WRITE_ONCE(init_on_free_enabled, false);
}

unsigned long page_poison_reports(void)
{
	return __atomic_load_n(&nr_reports, __ATOMIC_RELAXED);
}

void kernel_poison_pages(struct page *page, unsigned int order)
{
	memset(page_address(page), PAGE_POISON, PAGE_SIZE << order);
}

static bool single_bit_flip(u8 a, u8 b)
{
	u8 diff = a ^ b;

	return diff && !(diff & (diff - 1));
}

/* The rows of 16 bytes of [@first, @last] that hold a changed byte, with their offsets. */
static void dump_changed_rows(const u8 *mem, unsigned long first, unsigned long last)
{
	unsigned int rows = 0, skipped = 0;

	for (unsigned long row = first & ~(ROW_BYTES - 1UL); row <= last; row += ROW_BYTES) {
		char line[3 * ROW_BYTES + 1];
		int len = 0;

		if (!memchr_inv(mem + row, PAGE_POISON, ROW_BYTES))
			continue;
		if (rows++ >= MAX_DUMP_ROWS) {
			skipped++;
			continue;
		}
		for (unsigned int i = 0; i < ROW_BYTES; i++)
			len += scnprintf(line + len, sizeof(line) - len, " %02x", mem[row + i]);
		pr_err("%016lx (+%#05lx):%s\n", (unsigned long)(mem + row), row, line);
	}
	if (skipped)
		pr_err("(%u more rows with changes)\n", skipped);
}

static void check_poison_page(struct page *page, const void *caller)
{
	const u8 *mem = page_address(page);
	const u8 *start = memchr_inv(mem, PAGE_POISON, PAGE_SIZE);
	unsigned long first, last, changed = 0;

	if (!start)
		return;
	first = (unsigned long)(start - mem);
	for (last = PAGE_SIZE - 1; mem[last] == PAGE_POISON; last--)
		;
	for (unsigned long i = first; i <= last; i++)
		changed += mem[i] != PAGE_POISON;
	__atomic_fetch_add(&nr_reports, 1, __ATOMIC_RELAXED);
	if (first == last && single_bit_flip(mem[first], PAGE_POISON))
		pr_err("pagealloc: single bit error\n");
	else
		pr_err("pagealloc: memory corruption\n");
	pr_err("pagealloc: pfn %#lx was written while free: %lu byte%s changed at offsets "
	       "%#lx-%#lx, found as %pS allocated it\n",
	       page_to_pfn(page), changed, changed == 1 ? "" : "s", first, last, caller);
	dump_changed_rows(mem, first, last);
	dump_page(page, "pagealloc: corrupted page details");
}

void kernel_unpoison_pages(struct page *page, unsigned int order, const void *caller)
{
	for (unsigned long i = 0; i < (1UL << order); i++)
		check_poison_page(page + i, caller);
}
