/*
 * The kernel page table: built once at boot by paging_init() (direct map,
 * image sections, devices) and changed afterwards by vmalloc. The walk is
 * the same for every port: PGTABLE_LEVELS levels of PTRS_PER_TABLE entries,
 * one page each; the port says how an entry is encoded, at which levels a
 * leaf may sit, and how to flush the TLB.
 *
 * Locking: pgtable_lock guards every entry of the table (and each table
 * page's count of entries in use). A plain spinlock, taken with interrupts
 * enabled, never in an interrupt handler: under it a table page may be
 * allocated (GFP_KERNEL: the page allocator's zone->lock, drain_all_pages()
 * waiting for the other CPUs, the shrinkers), so it comes before those. The
 * shrinker that frees empty tables only tries it (spin_trylock()). The TLB
 * flush runs after it is dropped, except where the port's flush reads the
 * table (ARCH_FLUSH_READS_PAGE_TABLE).
 */
#include <asm/port.h>
#include <bug.h>
#include <errname.h>
#include <errno.h>
#include <gfp.h>
#include <list.h>
#include <memblock.h>
#include <mmdebug.h>
#include <mm.h>
#include <pgtable.h>
#include <printk.h>
#include <spinlock.h>

#include "internal.h"

/* Every table is one page of entries, PTRS_PER_TABLE a power of two (LEVEL_SHIFT()). */
_Static_assert(PTRS_PER_TABLE * sizeof(pte_t) == PAGE_SIZE, "a table is one page");
_Static_assert((PTRS_PER_TABLE & (PTRS_PER_TABLE - 1)) == 0, "PTRS_PER_TABLE is a power of 2");

pte_t *init_pg_dir;

/* What paging_init() mapped besides the direct map (the port's static array). */
static const struct kernel_mapping *boot_maps;
static unsigned int nr_boot_maps;

/*
 * How mm/'s leaves look: the levels a leaf may sit at (the port's
 * PGTABLE_LEAF_LEVELS, or fewer), and whether the port's global bit is taken
 * out of every protection. paging_init_join() may restrict them; they never
 * change afterwards (but for level 0 alone while the boot maps RAM under
 * debug_pagealloc=on). root_owned: the root is the caller's, whose kernel may
 * have copied its entries, so an entry of the root, once set, stays.
 */
static unsigned int leaf_levels = PGTABLE_LEAF_LEVELS;
static bool nonglobal, root_owned;

/*
 * Serialises every change to the kernel page table (see "Locking" above).
 * Areas that vmalloc hands out never overlap, but two of them may share a
 * table page that one of them is about to allocate: the lock keeps that
 * allocation single.
 */
static DEFINE_SPINLOCK(pgtable_lock);

#ifndef ARCH_FLUSH_READS_PAGE_TABLE
#define ARCH_FLUSH_READS_PAGE_TABLE 0
#endif

/*
 * Drop the lock and flush [@start, @end) (with flush_cache_vmap() for new
 * mappings). The flush comes after the unlock, so that the other CPUs can go
 * on changing the table while this one waits for a TLB shootdown (they are
 * the CPUs it waits for); before it when the port's flush reads the table
 * (ARCH_FLUSH_READS_PAGE_TABLE: the host mirrors it into its mappings), which
 * must not meet a table page another CPU is freeing.
 */
static void unlock_and_flush(unsigned long start, unsigned long end, bool new_mappings)
{
	void (*flush)(unsigned long, unsigned long) =
		new_mappings ? flush_cache_vmap : flush_tlb_kernel_range;

	if (ARCH_FLUSH_READS_PAGE_TABLE)
		flush(start, end);
	spin_unlock(&pgtable_lock);
	if (!ARCH_FLUSH_READS_PAGE_TABLE)
		flush(start, end);
}

static unsigned int pt_index(unsigned long va, unsigned int level)
{
	return (va >> LEVEL_SHIFT(level)) & (PTRS_PER_TABLE - 1);
}

static pte_t *pte_table(pte_t entry)
{
	return phys_to_virt(PFN_PHYS(pte_pfn(entry)));
}

/*
 * paging_init() runs before mem_init() (which maps the struct pages in
 * vmemmap with this table): until pgtable_count_boot_tables(), table pages
 * come from memblock, and their entries are not counted, having no struct
 * page yet to count them in. Those tables stay for good (PG_reserved).
 */
static bool counting;

static pte_t *alloc_table(void)
{
	pte_t *table;

	if (!counting) {
		table = memblock_alloc(PAGE_SIZE, PAGE_SIZE);
	} else {
		table = (pte_t *)get_zeroed_page(GFP_KERNEL);
		if (table)
			virt_to_page(table)->pt_used = 0;
	}
	if (table)
		mod_mm_stat(NR_PAGETABLE, 1);
	return table;
}

/*
 * Every change of an entry keeps its table page's count of entries in use
 * (struct page.pt_used), so that an empty one can be found and freed: these
 * two do it for one entry at a time; split_leaf() (a full new table, an entry
 * that stays in use), vmap_pages_range() and clear_pages() (a run of
 * last-level entries of one table) count for themselves.
 * An entry that is present already, mapping [@va, @va + LEVEL_SIZE(@level)),
 * is replaced by the port (arch_replace_live_pte(): break-before-make where
 * the architecture requires it), since a CPU may be using it.
 */
static void set_entry(pte_t *entry, pte_t val, unsigned long va, unsigned int level)
{
	lockdep_assert_held(&pgtable_lock);
	if (pte_present(*entry)) {
		arch_replace_live_pte(entry, val, va & ~(LEVEL_SIZE(level) - 1), LEVEL_SIZE(level));
		return;
	}
	if (counting)
		virt_to_page(entry)->pt_used++;
	WRITE_ONCE(*entry, val);
}

static void clear_entry(pte_t *entry)
{
	lockdep_assert_held(&pgtable_lock);
	WRITE_ONCE(*entry, (pte_t){ 0 });
	if (counting)
		virt_to_page(entry)->pt_used--;
}

/*
 * Replace the leaf *@entry at @level (> 0), which maps @va, by a table of
 * leaves one level down that map the same memory with the same permissions,
 * so that part of it can be changed alone.
 */
static int split_leaf(pte_t *entry, unsigned long va, unsigned int level)
{
	unsigned long pfn = pte_pfn(*entry), step = LEVEL_SIZE(level - 1) >> PAGE_SHIFT;
	pgprot_t prot = pte_pgprot(*entry);
	pte_t *table = alloc_table();

	if (!table)
		return -ENOMEM;
	for (unsigned int i = 0; i < PTRS_PER_TABLE; i++)
		table[i] = pfn_pte(pfn + i * step, prot, level - 1);
	if (counting)
		virt_to_page(table)->pt_used = PTRS_PER_TABLE;
	arch_replace_live_pte(entry, pfn_table_pte(virt_to_pfn(table)),
			      va & ~(LEVEL_SIZE(level) - 1), LEVEL_SIZE(level));
	return 0;
}

/*
 * The entry for @va at @level, creating the tables above it and splitting
 * the leaves in the way. NULL when a table page cannot be allocated.
 */
static pte_t *walk_alloc(unsigned long va, unsigned int level)
{
	pte_t *table = init_pg_dir;

	for (unsigned int l = PGTABLE_LEVELS - 1; l > level; l--) {
		pte_t *entry = &table[pt_index(va, l)];

		if (!pte_present(*entry)) {
			pte_t *next = alloc_table();

			if (!next)
				return NULL;
			set_entry(entry, pfn_table_pte(virt_to_pfn(next)), va, l);
		} else if (pte_leaf(*entry) && split_leaf(entry, va, l)) {
			return NULL;
		}
		table = pte_table(*entry);
	}
	return &table[pt_index(va, level)];
}

/* The lowest entry on the path to @va: a leaf, an empty entry, or a level-0 entry. */
static pte_t *walk(unsigned long va, unsigned int *level)
{
	pte_t *table = init_pg_dir;

	for (unsigned int l = PGTABLE_LEVELS - 1;; l--) {
		pte_t *entry = &table[pt_index(va, l)];

		if (l == 0 || !pte_present(*entry) || pte_leaf(*entry)) {
			*level = l;
			return entry;
		}
		table = pte_table(*entry);
	}
}

pte_t *lookup_kernel_pte(unsigned long va, unsigned int *level)
{
	pte_t *entry;

	if (!init_pg_dir)
		return NULL;
	entry = walk(va, level);
	return pte_present(*entry) ? entry : NULL;
}

/* The end of the @level entry holding @va, or @end if that comes first (or wraps). */
static unsigned long entry_end(unsigned long va, unsigned int level, unsigned long end)
{
	unsigned long next = (va & ~(LEVEL_SIZE(level) - 1)) + LEVEL_SIZE(level);

	return next < va || next > end ? end : next;
}

/* The largest level whose leaf fits at @va/@pa (both aligned to it) within @size bytes. */
static unsigned int leaf_level(unsigned long va, phys_addr_t pa, unsigned long size)
{
	for (unsigned int l = PGTABLE_LEVELS - 1; l > 0; l--) {
		unsigned long mask = LEVEL_SIZE(l) - 1;

		if ((leaf_levels & (1U << l)) && !(va & mask) && !(pa & mask) &&
		    size >= LEVEL_SIZE(l))
			return l;
	}
	return 0;
}

static int map_range_locked(unsigned long va, phys_addr_t pa, unsigned long size, pgprot_t prot)
{
	unsigned long end = va + size;

	while (va < end) {
		unsigned int level = leaf_level(va, pa, end - va);
		pte_t *entry;

		/* A table already below this entry: map inside it rather than orphan it. */
		while ((entry = walk_alloc(va, level)) && level > 0 && pte_present(*entry) &&
		       !pte_leaf(*entry))
			level--;
		if (!entry)
			return -ENOMEM;
		set_entry(entry, pfn_pte(PHYS_PFN(pa), prot, level), va, level);
		va += LEVEL_SIZE(level);
		pa += LEVEL_SIZE(level);
	}
	return 0;
}

/* @prot as mm/ maps it: without the global bit when paging_init_join() asked. */
static pgprot_t kernel_prot(pgprot_t prot)
{
	return nonglobal ? pgprot_nonglobal(prot) : prot;
}

int map_kernel_range(unsigned long va, phys_addr_t pa, unsigned long size, pgprot_t prot)
{
	int err;

	if (WARN_ON((va | pa | size) & ~PAGE_MASK))
		return -EINVAL;
	prot = kernel_prot(prot);
	spin_lock(&pgtable_lock);
	err = map_range_locked(va, pa, size, prot);
	unlock_and_flush(va, va + size, false);
	return err;
}

int vmap_pages_range(unsigned long addr, unsigned long end, pgprot_t prot, struct page **pages)
{
	unsigned long va = addr;
	int err = 0;

	prot = kernel_prot(prot);
	spin_lock(&pgtable_lock);
	while (va < end) {
		/* One walk per last-level table, then its entries one after another. */
		pte_t *entry = walk_alloc(va, 0);
		unsigned long next = entry_end(va, 1, end);
		struct page *table;

		if (!entry) {
			err = -ENOMEM;
			break;
		}
		table = virt_to_page(entry);
		for (; va < next; va += PAGE_SIZE, entry++) {
			WARN_ON(pte_present(*entry));
			WRITE_ONCE(*entry, pfn_pte(page_to_pfn(*pages++), prot, 0));
			table->pt_used++;
		}
	}
	unlock_and_flush(addr, va, true);
	return err;
}

/* Clear the level-0 entries from @entry on, for [va, next) within one table. */
static void clear_pages(pte_t *entry, unsigned long va, unsigned long next)
{
	struct page *table = virt_to_page(entry);

	for (; va < next; va += PAGE_SIZE, entry++) {
		if (pte_present(*entry)) {
			WRITE_ONCE(*entry, (pte_t){ 0 });
			table->pt_used--;
		}
	}
}

void unmap_kernel_range(unsigned long addr, unsigned long end)
{
	unsigned long va = addr;

	spin_lock(&pgtable_lock);
	while (va < end) {
		unsigned int level;
		pte_t *entry = walk(va, &level);
		unsigned long size = LEVEL_SIZE(level);
		/* A level-0 entry: the rest of its table; a larger one: the rest of the entry. */
		unsigned long next = entry_end(va, level ? level : 1, end);

		if (level == 0) {
			clear_pages(entry, va, next);
		} else if (pte_present(*entry) && ((va & (size - 1)) || next - va != size)) {
			/* A large leaf sticking out of the range: split it, then walk again. */
			if (split_leaf(entry, va, level) == 0)
				continue;
			pr_err("unmap_kernel_range: no memory to split the %luK leaf at %#lx: left "
			       "mapped\n",
			       size >> 10, va);
		} else if (pte_present(*entry)) {
			clear_entry(entry);
		}
		va = next;
	}
	unlock_and_flush(addr, end, false);
}

/*
 * Free the empty tables below the entries of @table (at @level > 0) covering
 * [start, end): each is unlinked and put on @freed, to be freed only after
 * the TLB flush (a CPU may still hold a cached pointer to it until then).
 */
static void prune_tables(pte_t *table, unsigned int level, unsigned long start, unsigned long end,
			 struct list_head *freed)
{
	for (unsigned long va = start, next; va < end; va = next) {
		pte_t *entry = &table[pt_index(va, level)];
		struct page *child;

		next = entry_end(va, level, end);
		if (!pte_present(*entry) || pte_leaf(*entry))
			continue;
		if (level > 1)
			prune_tables(pte_table(*entry), level - 1, va, next, freed);
		child = virt_to_page(pte_table(*entry));
		if (!child->pt_used && !(root_owned && table == init_pg_dir)) {
			clear_entry(entry);
			list_add(&child->lru, freed);
		}
	}
}

unsigned long free_empty_page_tables(unsigned long start, unsigned long end)
{
	unsigned long nr = 0;
	struct page *page, *tmp;
	LIST_HEAD(freed);

	/*
	 * A shrinker may run inside a page-table allocation made under the lock
	 * (on this CPU, or on another that then waits for us): never wait for it.
	 */
	if (!spin_trylock(&pgtable_lock))
		return 0;
	prune_tables(init_pg_dir, PGTABLE_LEVELS - 1, start, end, &freed);
	/* The unlinked tables are freed only once no TLB can hold them. */
	if (list_empty(&freed))
		spin_unlock(&pgtable_lock);
	else
		unlock_and_flush(start, end, false);
	list_for_each_entry_safe (page, tmp, &freed, lru) {
		list_del(&page->lru);
		__free_page(page);
		nr++;
	}
	mod_mm_stat(NR_PAGETABLE, -(long)nr);
	return nr;
}

/* Set pt_used of @table (at @level) and of every table below it to its entries in use. */
static void count_entries(pte_t *table, unsigned int level)
{
	unsigned long used = 0;

	for (unsigned int i = 0; i < PTRS_PER_TABLE; i++) {
		if (!pte_present(table[i]))
			continue;
		used++;
		if (level > 0 && !pte_leaf(table[i]))
			count_entries(pte_table(table[i]), level - 1);
	}
	virt_to_page(table)->pt_used = used;
}

void pgtable_count_boot_tables(void)
{
	spin_lock(&pgtable_lock);
	count_entries(init_pg_dir, PGTABLE_LEVELS - 1);
	counting = true;
	spin_unlock(&pgtable_lock);
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	arch_flush_tlb_kernel_range(start, end);
}

void flush_cache_vmap(unsigned long start, unsigned long end)
{
	arch_flush_cache_vmap(start, end);
}

static void show_layout_line(const char *name, unsigned long start, unsigned long end)
{
	unsigned long size = end - start;

	if (size >= (1UL << 20))
		pr_info("  %10s : %#018lx - %#018lx   (%6lu MB)\n", name, start, end, size >> 20);
	else
		pr_info("  %10s : %#018lx - %#018lx   (%6lu kB)\n", name, start, end, size >> 10);
}

/* Add the leaves of @table (at @level) and of the tables below it to @leaves[level]. */
static void count_leaves(const pte_t *table, unsigned int level, unsigned long *leaves)
{
	for (unsigned int i = 0; i < PTRS_PER_TABLE; i++) {
		if (!pte_present(table[i]))
			continue;
		if (level == 0 || pte_leaf(table[i]))
			leaves[level]++;
		else
			count_leaves(pte_table(table[i]), level - 1, leaves);
	}
}

static void show_layout(const struct kernel_mapping *maps, unsigned int nr)
{
	const struct memblock_type *mem = &memblock.memory;
	const struct memblock_region *last = &mem->regions[mem->cnt - 1];
	unsigned long leaves[PGTABLE_LEVELS] = { 0 };

	pr_info("Virtual kernel memory layout:\n");
	show_layout_line("vmalloc", VMALLOC_START, VMALLOC_END);
	show_layout_line("vmemmap", VMEMMAP_START, VMEMMAP_END);
	show_layout_line("lowmem", (unsigned long)phys_to_virt(mem->regions[0].base),
			 (unsigned long)phys_to_virt(last->base + last->size));
	for (unsigned int i = 0; i < nr; i++)
		show_layout_line(maps[i].name, maps[i].va, maps[i].va + maps[i].size);
	count_leaves(init_pg_dir, PGTABLE_LEVELS - 1, leaves);
	pr_info("Kernel page table: %lu table pages, leaves:", mm_stat(NR_PAGETABLE));
	for (unsigned int l = PGTABLE_LEVELS; l-- > 0;) {
		unsigned long kb = LEVEL_SIZE(l) >> 10;

		if (!(leaf_levels & (1U << l)))
			continue;
		if (kb >= (1UL << 20))
			pr_cont(" %lu of %luG", leaves[l], kb >> 20);
		else if (kb >= (1UL << 10))
			pr_cont(" %lu of %luM", leaves[l], kb >> 10);
		else
			pr_cont(" %lu of %luK", leaves[l], kb);
	}
	pr_cont("\n");
}

void paging_init_map(const char *what, unsigned long va, phys_addr_t pa, unsigned long size,
		     pgprot_t prot)
{
	int err = map_kernel_range(va, pa, size, prot);
	const char *name = errname(err);

	if (err)
		panic("paging_init: cannot map %s [%#lx-%#lx] to %#llx: %s%s", what, va,
		      va + size - 1, (unsigned long long)pa, name ? name : "unknown error",
		      err == -ENOMEM ? " (no memory for a page table)" : "");
}

/* The whole pages of memory range @i: [*start, *end). False if it has none. */
static bool ram_range(unsigned long i, phys_addr_t *start, phys_addr_t *end)
{
	const struct memblock_region *r = &memblock.memory.regions[i];

	*start = PFN_PHYS(PFN_UP(r->base));
	*end = PFN_PHYS(PFN_DOWN(r->base + r->size));
	return *start < *end;
}

/*
 * debug_pagealloc=on: tell it where the leaf of each page of RAM is (all at
 * level 0), a table's run of entries at a time.
 */
static void note_direct_map_leaves(void)
{
	phys_addr_t start, end;

	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		if (!ram_range(i, &start, &end))
			continue;
		for (unsigned long va = (unsigned long)phys_to_virt(start), next;
		     va < (unsigned long)phys_to_virt(end); va = next) {
			unsigned int level;
			pte_t *entry = walk(va, &level);

			next = entry_end(va, 1, (unsigned long)phys_to_virt(end));
			if (WARN_ON(level != 0))
				continue;
			debug_pagealloc_note_ptes(virt_to_pfn((void *)va), entry,
						  (next - va) >> PAGE_SHIFT);
		}
	}
}

/* The direct map of every memblock memory range, then @maps. */
static void map_boot_ranges(const struct kernel_mapping *maps, unsigned int nr)
{
	unsigned int leaves = leaf_levels;
	phys_addr_t start, end;

	/* debug_pagealloc unmaps free pages one by one: no large leaf to split then. */
	if (debug_pagealloc_enabled())
		leaf_levels = 0;
	for (unsigned long i = 0; i < memblock.memory.cnt; i++)
		if (ram_range(i, &start, &end))
			paging_init_map("RAM", (unsigned long)phys_to_virt(start), start,
					end - start, PAGE_KERNEL);
	leaf_levels = leaves;
	for (unsigned int i = 0; i < nr; i++)
		paging_init_map(maps[i].name, maps[i].va, maps[i].pa, maps[i].size, maps[i].prot);
	if (debug_pagealloc_enabled())
		note_direct_map_leaves();
	boot_maps = maps;
	nr_boot_maps = nr;
}

void paging_init(const struct kernel_mapping *maps, unsigned int nr)
{
	init_pg_dir = alloc_table();
	if (!init_pg_dir)
		panic("paging_init: no page for the kernel page table");
	map_boot_ranges(maps, nr);
	arch_load_page_table(virt_to_phys(init_pg_dir));
	show_layout(maps, nr);
}

/* A table under every root entry of [@start, @end), so that those entries never change. */
static void populate_root(const char *what, unsigned long start, unsigned long end)
{
	const unsigned int top = PGTABLE_LEVELS - 1;

	spin_lock(&pgtable_lock);
	for (unsigned long va = start; va < end; va = entry_end(va, top, end))
		if (!walk_alloc(va, top - 1))
			panic("paging_init_join: no page for a table of %s at %#lx", what, va);
	spin_unlock(&pgtable_lock);
}

void paging_init_join(pte_t *root, const struct pgtable_join *how,
		      const struct kernel_mapping *maps, unsigned int nr)
{
	if (how && how->max_leaf_level < PGTABLE_LEVELS)
		leaf_levels &= (2U << how->max_leaf_level) - 1;
	nonglobal = how && how->nonglobal;
	root_owned = true;
	init_pg_dir = root;
	map_boot_ranges(maps, nr);
	populate_root("vmalloc", VMALLOC_START, VMALLOC_END);
	populate_root("vmemmap", VMEMMAP_START, VMEMMAP_END);
	show_layout(maps, nr);
}

const struct kernel_mapping *kernel_mapping_of(unsigned long va)
{
	for (unsigned int i = 0; i < nr_boot_maps; i++)
		if (va - boot_maps[i].va < boot_maps[i].size)
			return &boot_maps[i];
	return NULL;
}
