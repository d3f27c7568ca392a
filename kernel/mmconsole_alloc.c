/*
 * The memory console's allocation commands (kmalloc, kfree, alloc_pages,
 * free_pages, vmalloc, vfree, allocs) and the handles that name what they
 * allocated: $1, $2, ... in the order of allocation, usable wherever an
 * address is. A handle outlives its allocation, so that a double free can be
 * typed; frees of live memory the console did not allocate are refused.
 */
#include <gfp.h>
#include <kernel.h>
#include <mm.h>
#include <slab.h>
#include <string.h>
#include <vmalloc.h>

#include "mmconsole_internal.h"

#define MMCON_HANDLES 256 /* handles remembered; the oldest freed one is reused first */

struct mmcon_handle {
	unsigned int id; /* $id; 0: slot unused */
	enum mmcon_kind kind;
	bool live;
	void *addr;
	unsigned long size; /* bytes, or the order of MMCON_PAGES */
	struct kmem_cache *cache;
};

static struct mmcon_handle handles[MMCON_HANDLES];
static unsigned int last_id;

static const char *const kind_names[] = {
	[MMCON_KMALLOC] = "kmalloc",
	[MMCON_PAGES] = "alloc_pages",
	[MMCON_VMALLOC] = "vmalloc",
	[MMCON_CACHE] = "cache",
};

/* A slot for a new handle: an unused one, else the freed one with the oldest id. */
static struct mmcon_handle *free_slot(void)
{
	struct mmcon_handle *best = NULL;

	for (size_t i = 0; i < MMCON_HANDLES; i++) {
		struct mmcon_handle *h = &handles[i];

		if (!h->id)
			return h;
		if (!h->live && (!best || h->id < best->id))
			best = h;
	}
	return best;
}

static struct mmcon_handle *find_handle(unsigned int id)
{
	for (size_t i = 0; i < MMCON_HANDLES; i++)
		if (handles[i].id && handles[i].id == id)
			return &handles[i];
	return NULL;
}

static struct mmcon_handle *live_handle_at(unsigned long addr)
{
	for (size_t i = 0; i < MMCON_HANDLES; i++)
		if (handles[i].live && (unsigned long)handles[i].addr == addr)
			return &handles[i];
	return NULL;
}

void mmcon_track(enum mmcon_kind kind, void *addr, unsigned long size, struct kmem_cache *cache,
		 const char *what)
{
	struct mmcon_handle *h = free_slot();

	if (!h) {
		pr_info("%s = %px (no handle left: %d allocations are live)\n", what, addr,
			MMCON_HANDLES);
		return;
	}
	*h = (struct mmcon_handle){ .id = ++last_id,
				    .kind = kind,
				    .live = true,
				    .addr = addr,
				    .size = size,
				    .cache = cache };
	pr_info("%s = %px [$%u]\n", what, addr, h->id);
}

bool mmcon_address(const char *cmd, const char *word, unsigned long *addr)
{
	const char *op = word[0] == '$' ? word + 1 + strcspn(word + 1, "+-") : NULL;
	unsigned long id, offset = 0;
	struct mmcon_handle *h;
	char number[24];

	if (!op)
		return mmcon_number(cmd, word, addr);
	if ((size_t)(op - word - 1) >= sizeof(number) || op == word + 1) {
		pr_info("%s: '%s' is not a handle ($1, $2+0x10, ...)\n", cmd, word);
		return false;
	}
	memcpy(number, word + 1, op - word - 1);
	number[op - word - 1] = '\0';
	if (kstrtoul(number, 10, &id) || !(h = find_handle(id))) {
		pr_info("%s: no handle $%s (allocs lists them)\n", cmd, number);
		return false;
	}
	if (*op && !mmcon_number(cmd, op + 1, &offset))
		return false;
	*addr = (unsigned long)h->addr + (*op == '-' ? -offset : offset);
	return true;
}

bool mmcon_may_free(const char *cmd, unsigned long addr)
{
	struct mem_addr_info info;

	if (live_handle_at(addr))
		return true;
	mem_addr_info((const void *)addr, &info);
	if (!mem_addr_is_allocation(&info))
		return true;
	pr_info("%s: %#lx is live memory the console did not allocate; refusing to free it "
		"(addr %#lx says what it is)\n",
		cmd, addr, addr);
	return false;
}

void mmcon_forget_freed(void)
{
	struct mem_addr_info info;

	for (size_t i = 0; i < MMCON_HANDLES; i++) {
		struct mmcon_handle *h = &handles[i];

		if (!h->live)
			continue;
		mem_addr_info(h->addr, &info);
		h->live = mem_addr_is_allocation(&info);
	}
}

/* The one argument of a command that takes one number; false (after a message) if bad. */
static bool one_number(const char *cmd, const char *usage, int argc, char **argv,
		       unsigned long *value)
{
	if (argc != 1) {
		pr_info("usage: %s %s\n", cmd, usage);
		return false;
	}
	return mmcon_number(cmd, argv[0], value);
}

static bool one_address(const char *cmd, int argc, char **argv, unsigned long *addr)
{
	if (argc != 1) {
		pr_info("usage: %s ADDR\n", cmd);
		return false;
	}
	return mmcon_address(cmd, argv[0], addr);
}

void mmcon_kmalloc(int argc, char **argv)
{
	unsigned long size;
	char what[48];
	void *p;

	if (!one_number("kmalloc", "SIZE", argc, argv, &size))
		return;
	p = kmalloc(size, GFP_KERNEL);
	scnprintf(what, sizeof(what), "kmalloc(%lu)", size);
	if (!p)
		pr_info("%s failed: NULL\n", what);
	else if (p == ZERO_SIZE_PTR)
		pr_info("%s = ZERO_SIZE_PTR (%px): nothing to use, nothing to free\n", what, p);
	else
		mmcon_track(MMCON_KMALLOC, p, size, NULL, what);
}

void mmcon_kfree(int argc, char **argv)
{
	unsigned long addr;

	if (!one_address("kfree", argc, argv, &addr) || !mmcon_may_free("kfree", addr))
		return;
	kfree((const void *)addr);
	mmcon_forget_freed();
	pr_info("kfree(%#lx) returned\n", addr);
}

void mmcon_alloc_pages(int argc, char **argv)
{
	unsigned long order;
	struct page *page;
	char what[48];

	if (!one_number("alloc_pages", "ORDER", argc, argv, &order))
		return;
	if (order > UINT_MAX) {
		pr_info("alloc_pages: order %lu does not fit an unsigned int\n", order);
		return;
	}
	page = alloc_pages(GFP_KERNEL, (unsigned int)order);
	scnprintf(what, sizeof(what), "alloc_pages(order %lu)", order);
	if (!page)
		pr_info("%s failed: NULL\n", what);
	else
		mmcon_track(MMCON_PAGES, page_address(page), order, NULL, what);
}

void mmcon_free_pages(int argc, char **argv)
{
	unsigned long addr, order;

	if (argc != 2) {
		pr_info("usage: free_pages ADDR ORDER\n");
		return;
	}
	if (!mmcon_address("free_pages", argv[0], &addr) ||
	    !mmcon_number("free_pages", argv[1], &order) || !mmcon_may_free("free_pages", addr))
		return;
	if (order > UINT_MAX) {
		pr_info("free_pages: order %lu does not fit an unsigned int\n", order);
		return;
	}
	free_pages(addr, (unsigned int)order);
	mmcon_forget_freed();
	pr_info("free_pages(%#lx, %lu) returned\n", addr, order);
}

void mmcon_vmalloc(int argc, char **argv)
{
	unsigned long size;
	char what[48];
	void *p;

	if (!one_number("vmalloc", "SIZE", argc, argv, &size))
		return;
	p = vmalloc(size);
	scnprintf(what, sizeof(what), "vmalloc(%lu)", size);
	if (!p)
		pr_info("%s failed: NULL\n", what);
	else
		mmcon_track(MMCON_VMALLOC, p, size, NULL, what);
}

void mmcon_vfree(int argc, char **argv)
{
	unsigned long addr;

	if (!one_address("vfree", argc, argv, &addr) || !mmcon_may_free("vfree", addr))
		return;
	vfree((const void *)addr);
	mmcon_forget_freed();
	pr_info("vfree(%#lx) returned\n", addr);
}

void mmcon_allocs(int argc, char **argv)
{
	unsigned int n = 0;

	for (unsigned int id = 1; id <= last_id; id++) {
		const struct mmcon_handle *h = find_handle(id);

		if (!h)
			continue;
		n++;
		pr_info("$%-3u %-11s %px %8lu %s%s%s%s\n", h->id, kind_names[h->kind], h->addr,
			h->size, h->kind == MMCON_PAGES ? "(order)" : "bytes",
			h->cache ? " of " : "", h->cache ? mmcon_cache_name(h->cache) : "",
			h->live ? "" : " (freed)");
	}
	if (!n)
		pr_info("(the console has allocated nothing yet)\n");
}
