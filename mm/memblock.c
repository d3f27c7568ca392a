/*
 * memblock: boot-time bookkeeping of RAM and reserved ranges, and a simple
 * allocator over "RAM minus reserved" for structures needed before the page
 * allocator exists. Each table is a sorted array of disjoint ranges.
 */
#include <asm/port.h>
#include <bug.h>
#include <errno.h>
#include <kernel.h>
#include <memblock.h>
#include <string.h>

static struct memblock_region memory_regions[INIT_MEMBLOCK_REGIONS];
static struct memblock_region reserved_regions[INIT_MEMBLOCK_REGIONS];

/* Set once the page allocator owns the free memory: memblock may not hand out more. */
static bool handed_over;

struct memblock memblock = {
	.memory = { .max = INIT_MEMBLOCK_REGIONS, .regions = memory_regions, .name = "memory" },
	.reserved = { .max = INIT_MEMBLOCK_REGIONS,
		      .regions = reserved_regions,
		      .name = "reserved" },
};

static inline phys_addr_t region_end(const struct memblock_region *r)
{
	return r->base + r->size;
}

/* Cut @size so that @base + @size does not wrap past the top of the address space. */
static phys_addr_t cap_size(phys_addr_t base, phys_addr_t size)
{
	return min(size, ~(phys_addr_t)0 - base);
}

static void remove_slot(struct memblock_type *type, unsigned long i)
{
	memmove(&type->regions[i], &type->regions[i + 1],
		(type->cnt - i - 1) * sizeof(type->regions[0]));
	type->cnt--;
}

static void insert_slot(struct memblock_type *type, unsigned long i, phys_addr_t base,
			phys_addr_t size)
{
	memmove(&type->regions[i + 1], &type->regions[i],
		(type->cnt - i) * sizeof(type->regions[0]));
	type->regions[i].base = base;
	type->regions[i].size = size;
	type->cnt++;
}

int memblock_add_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end;
	unsigned long i = 0;

	size = cap_size(base, size);
	if (!size)
		return 0;
	end = base + size;

	/* Skip the ranges wholly below, not even touching, the new one. */
	while (i < type->cnt && region_end(&type->regions[i]) < base)
		i++;
	/* Absorb every range that overlaps or touches [base, end). */
	while (i < type->cnt && type->regions[i].base <= end) {
		base = min(base, type->regions[i].base);
		end = max(end, region_end(&type->regions[i]));
		remove_slot(type, i);
	}
	if (type->cnt == type->max) {
		pr_warn("memblock: %s table full (%lu ranges), cannot add [%#llx-%#llx]\n",
			type->name, type->max, (unsigned long long)base,
			(unsigned long long)end - 1);
		return -ENOSPC;
	}
	insert_slot(type, i, base, end - base);
	return 0;
}

int memblock_remove_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end;
	unsigned long i;

	size = cap_size(base, size);
	if (!size)
		return 0;
	end = base + size;

	for (i = 0; i < type->cnt; i++) {
		struct memblock_region *r = &type->regions[i];
		phys_addr_t r_end = region_end(r);

		if (r_end <= base)
			continue;
		if (r->base >= end)
			break;
		if (r->base < base && r_end > end) {
			/* The hole is strictly inside r: r splits in two. */
			if (type->cnt == type->max)
				return -ENOSPC;
			insert_slot(type, i + 1, end, r_end - end);
			r->size = base - r->base;
			return 0;
		}
		if (r->base < base) {
			r->size = base - r->base;
		} else if (r_end > end) {
			r->size = r_end - end;
			r->base = end;
		} else {
			remove_slot(type, i--);
		}
	}
	return 0;
}

int memblock_for_each_free_range(const struct memblock *mb, memblock_range_fn fn, void *arg)
{
	const struct memblock_type *rsv = &mb->reserved;
	unsigned long first_rsv = 0;

	for (unsigned long m = 0; m < mb->memory.cnt; m++) {
		const struct memblock_region *mem = &mb->memory.regions[m];
		phys_addr_t cur = mem->base, mem_end = region_end(mem);
		int ret;

		while (first_rsv < rsv->cnt && region_end(&rsv->regions[first_rsv]) <= cur)
			first_rsv++;
		for (unsigned long r = first_rsv; r < rsv->cnt && cur < mem_end; r++) {
			const struct memblock_region *res = &rsv->regions[r];

			if (res->base >= mem_end)
				break;
			if (res->base > cur && (ret = fn(arg, cur, res->base)))
				return ret;
			cur = max(cur, region_end(res));
		}
		if (cur < mem_end && (ret = fn(arg, cur, mem_end)))
			return ret;
	}
	return 0;
}

struct find_request {
	phys_addr_t size, align, start, end;
	bool bottom_up;
	phys_addr_t found;
};

/* Try one free range; keep the highest fit (or stop at the first, bottom-up). */
static int try_free_range(void *arg, phys_addr_t base, phys_addr_t end)
{
	struct find_request *req = arg;
	phys_addr_t lo = max(base, req->start), hi = min(end, req->end), cand;

	if (lo >= hi || hi - lo < req->size)
		return 0;
	if (req->bottom_up) {
		cand = ALIGN(lo, req->align);
		if (cand < lo || cand > hi - req->size) /* cand < lo: ALIGN wrapped */
			return 0;
		req->found = cand;
		return 1;
	}
	cand = ALIGN_DOWN(hi - req->size, req->align);
	if (cand >= lo && cand)
		req->found = cand;
	return 0;
}

phys_addr_t memblock_find_in_range(const struct memblock *mb, phys_addr_t size, phys_addr_t align,
				   phys_addr_t start, phys_addr_t end)
{
	struct find_request req = {
		.size = size,
		.align = align ? align : 1,
		.start = start,
		.end = end,
		.bottom_up = mb->bottom_up,
	};

	if (!size)
		return 0;
	memblock_for_each_free_range(mb, try_free_range, &req);
	return req.found;
}

int memblock_add(phys_addr_t base, phys_addr_t size)
{
	return memblock_add_range(&memblock.memory, base, size);
}

int memblock_remove(phys_addr_t base, phys_addr_t size)
{
	return memblock_remove_range(&memblock.memory, base, size);
}

int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	return memblock_add_range(&memblock.reserved, base, size);
}

int memblock_phys_free(phys_addr_t base, phys_addr_t size)
{
	return memblock_remove_range(&memblock.reserved, base, size);
}

void memblock_hand_over(void)
{
	handed_over = true;
}

phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align, phys_addr_t start,
				      phys_addr_t end)
{
	phys_addr_t base;

	if (WARN_ON(handed_over)) /* that memory belongs to the page allocator now */
		return 0;
	base = memblock_find_in_range(&memblock, size, align, start, end);

	if (!base || memblock_reserve(base, size))
		return 0;
	return base;
}

/* Linux warns about an alignment of 0 and uses the cache line. */
static phys_addr_t checked_align(phys_addr_t align)
{
	if (align)
		return align;
	pr_warn("memblock: allocation with alignment 0, using %d\n", L1_CACHE_BYTES);
	WARN_ON(true);
	return L1_CACHE_BYTES;
}

phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_phys_alloc_range(size, checked_align(align), 0, MEMBLOCK_ALLOC_ANYWHERE);
}

void memblock_set_bottom_up(bool enable)
{
	memblock.bottom_up = enable;
}

bool memblock_bottom_up(void)
{
	return memblock.bottom_up;
}

void *memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	phys_addr_t base = memblock_phys_alloc(size, align);
	void *va;

	if (!base)
		return NULL;
	va = phys_to_virt(base);
	memset(va, 0, size);
	return va;
}

static phys_addr_t type_total(const struct memblock_type *type)
{
	phys_addr_t total = 0;

	for (unsigned long i = 0; i < type->cnt; i++)
		total += type->regions[i].size;
	return total;
}

phys_addr_t memblock_phys_mem_size(void)
{
	return type_total(&memblock.memory);
}

phys_addr_t memblock_reserved_size(void)
{
	return type_total(&memblock.reserved);
}

phys_addr_t memblock_start_of_DRAM(void)
{
	return memblock.memory.cnt ? memblock.memory.regions[0].base : 0;
}

phys_addr_t memblock_end_of_DRAM(void)
{
	unsigned long n = memblock.memory.cnt;

	return n ? region_end(&memblock.memory.regions[n - 1]) : 0;
}

bool memblock_type_covers(const struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	/* Ranges never touch, so a covered range lies inside a single one. */
	for (unsigned long i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];

		if (r->base <= base && base - r->base + size <= r->size)
			return true;
	}
	return false;
}

bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size)
{
	return memblock_type_covers(&memblock.reserved, base, size);
}

static void dump_type(const struct memblock_type *type)
{
	pr_info(" %s.cnt  = %#lx\n", type->name, type->cnt);
	for (unsigned long i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];

		pr_info(" %s[%#lx]\t[%#018llx-%#018llx], %#llx bytes\n", type->name, i,
			(unsigned long long)r->base, (unsigned long long)region_end(r) - 1,
			(unsigned long long)r->size);
	}
}

void memblock_dump(const struct memblock *mb)
{
	pr_info("MEMBLOCK configuration:\n");
	pr_info(" memory size = %#llx reserved size = %#llx\n",
		(unsigned long long)type_total(&mb->memory),
		(unsigned long long)type_total(&mb->reserved));
	dump_type(&mb->memory);
	dump_type(&mb->reserved);
}
