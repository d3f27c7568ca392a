/*
 * libFuzzer target: the fuzzer's bytes drive the allocators of a running
 * kernel (the host build, booted once in this process on a 128 MiB machine
 * with 2 CPUs): kmalloc/kzalloc/kcalloc/krealloc/kfree, kmem_cache_*,
 * alloc_pages/__free_pages, vmalloc/vzalloc/vmalloc_32/__vmalloc_node/vfree,
 * kvmalloc/kvfree, vmap/vunmap, mempool_* (kmalloc and page pools), with valid
 * arguments, and misuses of the kinds the allocators report today without
 * harm (each must be reported exactly once and change nothing). Every live
 * object holds a pattern that is checked before it is freed or resized;
 * after each input everything is freed and every page must be back.
 * A broken rule calls fuzz_fail(), which aborts: libFuzzer keeps the input.
 */
#include <arch.h>
#include <asm/host_boot.h>
#include <gfp.h>
#include <kernel.h>
#include <mempool.h>
#include <mm.h>
#include <shrinker.h>
#include <slab.h>
#include <string.h>
#include <vmalloc.h>

#include "../test/dtb_builder.h"
#include "fuzz.h"

#define MAX_OBJS 64
#define MAX_CACHES 4
#define MAX_POOLS 2
#define MAX_VMALLOC (256UL << 10)
#define MACHINE_RAM (128UL << 20)
#define FUZZ_CPUS 2

enum kind {
	FREE_SLOT,
	KMALLOC,
	CACHE_OBJ,
	PAGES,
	VMALLOC,
	KVMALLOC,
	VMAP,
	POOL_ELEM
};

#define VMAP_PAGES 8

struct obj {
	enum kind kind;
	u8 *p;
	size_t size;			/* bytes that hold the pattern */
	u8 seed;			/* the pattern: every byte */
	u8 owner;			/* cache or pool index */
	u8 order;			/* PAGES; VMAP: how many pages */
	struct page *pages[VMAP_PAGES]; /* VMAP: the pages, the fuzzer's own */
};

static struct obj objs[MAX_OBJS];
static struct kmem_cache *caches[MAX_CACHES];
static unsigned int cache_size[MAX_CACHES];
static mempool_t *pools[MAX_POOLS];
static size_t pool_size[MAX_POOLS]; /* bytes of an element's memory */
static int pool_order[MAX_POOLS];   /* a page pool's order; -1: a kmalloc pool */
static unsigned long baseline;

static unsigned long quiesced_free_pages(void)
{
	shrink_caches(GFP_KERNEL, ULONG_MAX);
	drain_all_pages(NULL);
	return nr_free_pages();
}

/*
 * An object's pattern is its seed in every byte: another object's stray
 * write shows unless their seeds agree. Filled and compared a block at a
 * time by the C library (the harness's own loops would take most of its time).
 */
static void fill(struct obj *o)
{
	memset(o->p, o->seed, o->size);
}

/* Whether the @n bytes at @p all hold @byte. */
static bool all_bytes_are(const u8 *p, size_t n, u8 byte)
{
	static u8 ref[4096];

	memset(ref, byte, min(n, sizeof(ref)));
	for (size_t done = 0; done < n; done += sizeof(ref))
		if (memcmp(p + done, ref, min(n - done, sizeof(ref))))
			return false;
	return true;
}

static void check(const struct obj *o, size_t n, const char *when)
{
	n = min(n, o->size);
	if (all_bytes_are(o->p, n, o->seed))
		return;
	for (size_t i = 0; i < n; i++)
		if (o->p[i] != o->seed)
			fuzz_fail("%s: byte %zu of a live %zu-byte object (kind %d) at %p changed: "
				  "%#x, expected %#x",
				  when, i, o->size, o->kind, o->p, o->p[i], o->seed);
}

static struct obj *free_slot(struct fuzz_input *in)
{
	unsigned int start = fuzz_u8(in) % MAX_OBJS;

	for (unsigned int i = 0; i < MAX_OBJS; i++)
		if (objs[(start + i) % MAX_OBJS].kind == FREE_SLOT)
			return &objs[(start + i) % MAX_OBJS];
	return NULL;
}

/* A live object of @kind (any kind but FREE_SLOT if @kind is FREE_SLOT), or NULL. */
static struct obj *live(struct fuzz_input *in, enum kind kind)
{
	unsigned int start = fuzz_u8(in) % MAX_OBJS;

	for (unsigned int i = 0; i < MAX_OBJS; i++) {
		struct obj *o = &objs[(start + i) % MAX_OBJS];

		if (o->kind != FREE_SLOT && (kind == FREE_SLOT || o->kind == kind))
			return o;
	}
	return NULL;
}

static gfp_t some_gfp(struct fuzz_input *in)
{
	static const gfp_t gfps[] = { GFP_KERNEL, GFP_ATOMIC, GFP_NOWAIT, GFP_KERNEL | __GFP_ZERO };

	return gfps[fuzz_u8(in) % ARRAY_SIZE(gfps)] | __GFP_NOWARN;
}

/* Record a new object in @o (p may be NULL: a failed allocation records nothing). */
static void keep(struct fuzz_input *in, struct obj *o, enum kind kind, void *p, size_t size,
		 bool zeroed)
{
	if (!p)
		return;
	*o = (struct obj){ .kind = kind, .p = p, .size = size, .seed = fuzz_u8(in) };
	if (zeroed && !all_bytes_are(p, size, 0))
		fuzz_fail("a zeroed allocation of %zu bytes at %p is not zero", size, p);
	fill(o);
}

/* Free @o by the function its kind needs, after checking its contents. */
static void release(struct obj *o)
{
	check(o, o->size, "before free");
	switch (o->kind) {
	case KMALLOC:
		kfree(o->p);
		break;
	case CACHE_OBJ:
		kmem_cache_free(caches[o->owner], o->p);
		break;
	case PAGES:
		__free_pages(virt_to_page(o->p), o->order);
		break;
	case VMALLOC:
		vfree(o->p);
		break;
	case KVMALLOC:
		kvfree(o->p);
		break;
	case VMAP:
		vunmap(o->p);
		for (unsigned int i = 0; i < o->order; i++)
			__free_page(o->pages[i]);
		break;
	case POOL_ELEM:
		mempool_free(pool_order[o->owner] < 0 ? (void *)o->p : virt_to_page(o->p),
			     pools[o->owner]);
		break;
	case FREE_SLOT:
		break;
	}
	o->kind = FREE_SLOT;
}

static size_t kmalloc_size(struct fuzz_input *in)
{
	u16 v = fuzz_u16(in);

	/* Mostly small sizes; one in eight up to 64 KiB (the page allocator's part of kmalloc). */
	return (v & 7) ? (v >> 3) % 2048 : (size_t)(v >> 3) * 8 + 1;
}

static void op_kmalloc(struct fuzz_input *in)
{
	struct obj *o = free_slot(in);
	size_t size = kmalloc_size(in);
	gfp_t gfp = some_gfp(in);
	void *p;

	if (!o)
		return;
	switch (fuzz_u8(in) % 3) {
	case 0:
		p = kmalloc(size, gfp);
		break;
	case 1:
		p = kzalloc(size, gfp);
		gfp |= __GFP_ZERO;
		break;
	default:
		p = kcalloc(size % 64 + 1, size / 64 + 1, gfp);
		size = (size % 64 + 1) * (size / 64 + 1);
		gfp |= __GFP_ZERO;
		break;
	}
	if (!size) {
		if (p != ZERO_SIZE_PTR)
			fuzz_fail("kmalloc(0) returned %p, expected ZERO_SIZE_PTR", p);
		return;
	}
	if (p && ksize(p) < size)
		fuzz_fail("ksize(%p) = %zu, below the %zu bytes asked for", p, ksize(p), size);
	keep(in, o, KMALLOC, p, size, gfp & __GFP_ZERO);
}

static void op_krealloc(struct fuzz_input *in)
{
	struct obj *o = live(in, KMALLOC);
	size_t size = kmalloc_size(in);
	u8 *p;

	if (!o || !size)
		return;
	p = krealloc(o->p, size, GFP_KERNEL | __GFP_NOWARN);
	if (!p) {
		check(o, o->size, "after a failed krealloc");
		return;
	}
	o->p = p;
	check(o, size, "after krealloc");
	o->size = size;
	fill(o);
}

static void op_cache_create(struct fuzz_input *in)
{
	static const unsigned int flag_sets[] = { 0, SLAB_HWCACHE_ALIGN, SLAB_RECLAIM_ACCOUNT,
						  SLAB_DEBUG_FLAGS };
	/* A cache keeps its name's pointer, as in Linux. */
	static const char *const names[MAX_CACHES] = { "fuzz-0", "fuzz-1", "fuzz-2", "fuzz-3" };
	unsigned int i = fuzz_u8(in) % MAX_CACHES, size = fuzz_u16(in) % 4096 + 1;
	unsigned int align = (1U << (fuzz_u8(in) % 8)) & ~1U;

	if (caches[i])
		return;
	caches[i] = kmem_cache_create(names[i], size, align, flag_sets[fuzz_u8(in) % 4], NULL);
	cache_size[i] = size;
}

static void op_cache_alloc(struct fuzz_input *in)
{
	unsigned int c = fuzz_u8(in) % MAX_CACHES;
	struct obj *o = free_slot(in);
	gfp_t gfp = some_gfp(in);

	if (!o || !caches[c])
		return;
	keep(in, o, CACHE_OBJ, kmem_cache_alloc(caches[c], gfp), cache_size[c], gfp & __GFP_ZERO);
	o->owner = (u8)c;
}

static void op_cache_destroy(struct fuzz_input *in)
{
	unsigned int c = fuzz_u8(in) % MAX_CACHES;

	for (unsigned int i = 0; i < MAX_OBJS; i++)
		if (objs[i].kind == CACHE_OBJ && objs[i].owner == c)
			return; /* only empty caches: destroying a full one leaks on purpose */
	kmem_cache_destroy(caches[c]);
	caches[c] = NULL;
}

static void op_alloc_pages(struct fuzz_input *in)
{
	struct obj *o = free_slot(in);
	unsigned int order = fuzz_u8(in) % (MAX_ORDER + 1);
	gfp_t gfp = some_gfp(in);
	struct page *page;

	if (!o)
		return;
	page = alloc_pages(gfp, order);
	if (!page)
		return;
	if (!IS_ALIGNED(page_to_pfn(page), 1UL << order))
		fuzz_fail("an order-%u block at pfn %#lx is not aligned", order, page_to_pfn(page));
	keep(in, o, PAGES, page_address(page), PAGE_SIZE << order, gfp & __GFP_ZERO);
	o->order = (u8)order;
}

static void op_vmalloc(struct fuzz_input *in)
{
	struct obj *o = free_slot(in);
	size_t size = fuzz_u32(in) % MAX_VMALLOC + 1;
	unsigned int how = fuzz_u8(in) % 6;
	unsigned long align;
	void *p;

	if (!o)
		return;
	switch (how) {
	case 0:
		p = vzalloc(size);
		break;
	case 1:
		p = vmalloc_32(size);
		break;
	case 2: /* an area aligned to up to 2 MiB */
		align = PAGE_SIZE << (fuzz_u8(in) % 10);
		p = __vmalloc_node(size, align, GFP_KERNEL, 0, NULL);
		if (p && !IS_ALIGNED((unsigned long)p, align))
			fuzz_fail("__vmalloc_node() of %zu bytes aligned to %lu returned %p", size,
				  align, p);
		break;
	case 3:
	case 4: /* kmalloc or vmalloc memory, whichever kvmalloc() finds */
		keep(in, o, KVMALLOC,
		     how == 3 ? kvmalloc(size, GFP_KERNEL) : kvzalloc(size, GFP_KERNEL), size,
		     how == 4);
		return;
	default:
		p = vmalloc(size);
		break;
	}
	keep(in, o, VMALLOC, p, size, how == 0);
}

/* vmap() of pages the fuzzer owns: the mapping shows the pages' own bytes. */
static void op_vmap(struct fuzz_input *in)
{
	unsigned int n = fuzz_u8(in) % VMAP_PAGES + 1, i;
	struct page *pages[VMAP_PAGES];
	struct obj *o = free_slot(in);
	void *p;

	if (!o)
		return;
	for (i = 0; i < n; i++) {
		pages[i] = alloc_page(GFP_KERNEL | __GFP_NOWARN);
		if (!pages[i])
			break;
		memset(page_address(pages[i]), (int)i, PAGE_SIZE);
	}
	p = i == n ? vmap(pages, n, VM_MAP, PAGE_KERNEL) : NULL;
	if (!p) {
		while (i--)
			__free_page(pages[i]);
		return;
	}
	for (i = 0; i < n; i++)
		if (!all_bytes_are((u8 *)p + i * PAGE_SIZE, PAGE_SIZE, (u8)i))
			fuzz_fail("vmap() page %u at %p does not show its page's bytes", i,
				  (u8 *)p + i * PAGE_SIZE);
	keep(in, o, VMAP, p, n * PAGE_SIZE, false);
	o->order = (u8)n;
	memcpy(o->pages, pages, n * sizeof(pages[0]));
}

static void op_pool_create(struct fuzz_input *in)
{
	unsigned int i = fuzz_u8(in) % MAX_POOLS;

	if (pools[i])
		return;
	if (fuzz_u8(in) & 1) {
		pool_order[i] = (int)(fuzz_u8(in) % 3);
		pool_size[i] = PAGE_SIZE << pool_order[i];
		pools[i] = mempool_create_page_pool(fuzz_u8(in) % 8 + 1, pool_order[i]);
	} else {
		pool_order[i] = -1;
		pool_size[i] = fuzz_u16(in) % 1024 + 1;
		pools[i] = mempool_create_kmalloc_pool(fuzz_u8(in) % 8 + 1, pool_size[i]);
	}
}

static void op_pool_alloc(struct fuzz_input *in)
{
	unsigned int i = fuzz_u8(in) % MAX_POOLS;
	struct obj *o = free_slot(in);
	void *p;

	if (!o || !pools[i])
		return;
	/* Never a waiting allocation: with the reserve empty it would wait for a free. */
	p = mempool_alloc(pools[i], GFP_NOWAIT | __GFP_NOWARN);
	if (p && pool_order[i] >= 0)
		p = page_address(p);
	keep(in, o, POOL_ELEM, p, pool_size[i], false);
	o->owner = (u8)i;
}

static void op_pool_destroy(struct fuzz_input *in)
{
	unsigned int p = fuzz_u8(in) % MAX_POOLS;

	for (unsigned int i = 0; i < MAX_OBJS; i++)
		if (objs[i].kind == POOL_ELEM && objs[i].owner == p)
			return;
	mempool_destroy(pools[p]);
	pools[p] = NULL;
}

/* Misuses the allocators report: each must be counted once and change nothing. */
static void op_misuse(struct fuzz_input *in)
{
	unsigned long slab = slab_error_count(), pages = bad_page_reports();
	unsigned long vm = vmalloc_bad_calls();
	unsigned int order;
	struct obj *o;
	int local = 0;
	void *p;

	switch (fuzz_u8(in) % 7) {
	case 0: /* kfree() of a pointer inside a live kmalloc object */
		o = live(in, KMALLOC);
		if (!o || o->size < 2 || o->size > KMALLOC_MAX_CACHE_SIZE)
			return;
		kfree(o->p + 1 + fuzz_u8(in) % (o->size - 1));
		slab++;
		break;
	case 1: /* kfree() of a stack address */
		kfree(&local);
		slab++;
		break;
	case 2: /* an immediate double free */
		p = kmalloc(kmalloc_size(in) % KMALLOC_MAX_CACHE_SIZE + 1, GFP_KERNEL);
		if (!p)
			return;
		kfree(p);
		kfree(p);
		slab++;
		break;
	case 3: /* kmem_cache_free() of a kmalloc object to a cache of the fuzzer's */
		o = live(in, KMALLOC);
		if (!o || !caches[o->seed % MAX_CACHES] || o->size > KMALLOC_MAX_CACHE_SIZE)
			return;
		kmem_cache_free(caches[o->seed % MAX_CACHES], o->p);
		slab++;
		break;
	case 4: /* a second free_pages() of a block */
		order = fuzz_u8(in) % 4;
		p = (void *)__get_free_pages(GFP_KERNEL, order);
		if (!p)
			return;
		free_pages((unsigned long)p, order);
		free_pages((unsigned long)p, order);
		pages++;
		break;
	case 5: /* vfree() inside a live area */
		o = live(in, VMALLOC);
		if (!o || o->size <= PAGE_SIZE)
			return;
		vfree(o->p + PAGE_SIZE);
		vm++;
		break;
	default: /* vfree() of a kmalloc pointer */
		o = live(in, KMALLOC);
		if (!o)
			return;
		vfree(o->p);
		vm++;
		break;
	}
	if (slab_error_count() != slab || bad_page_reports() != pages || vmalloc_bad_calls() != vm)
		fuzz_fail("a misuse: reports slab %lu, pages %lu, vmalloc %lu; expected %lu, %lu, "
			  "%lu",
			  slab_error_count(), bad_page_reports(), vmalloc_bad_calls(), slab, pages,
			  vm);
}

static void run(struct fuzz_input *in)
{
	struct obj *o;

	switch (fuzz_u8(in) % 17) {
	case 0:
	case 1:
		op_kmalloc(in);
		break;
	case 2:
		op_krealloc(in);
		break;
	case 3:
		op_cache_create(in);
		break;
	case 4:
	case 5:
		op_cache_alloc(in);
		break;
	case 6:
		op_cache_destroy(in);
		break;
	case 7:
		op_alloc_pages(in);
		break;
	case 8:
		op_vmalloc(in);
		break;
	case 9:
		op_pool_create(in);
		break;
	case 10:
		op_pool_alloc(in);
		break;
	case 11:
		op_pool_destroy(in);
		break;
	case 12:
		op_misuse(in);
		break;
	case 13:
		drain_all_pages(NULL);
		break;
	case 14:
		op_vmap(in);
		break;
	default:
		o = live(in, FREE_SLOT);
		if (o)
			release(o);
		break;
	}
}

/* Free everything the input left, and expect every page back. */
static void clean_up(void)
{
	unsigned long now;

	for (unsigned int i = 0; i < MAX_OBJS; i++)
		if (objs[i].kind != FREE_SLOT)
			release(&objs[i]);
	for (unsigned int i = 0; i < MAX_CACHES; i++) {
		if (caches[i] && kmem_cache_validate(caches[i]))
			fuzz_fail("cache fuzz-%u does not validate", i);
		kmem_cache_destroy(caches[i]);
		caches[i] = NULL;
	}
	for (unsigned int i = 0; i < MAX_POOLS; i++) {
		mempool_destroy(pools[i]);
		pools[i] = NULL;
	}
	now = quiesced_free_pages();
	if (now != baseline)
		fuzz_fail("%lu pages free after the input, %lu before it", now, baseline);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static u8 blob[1024];
	struct dtb_builder b;
	const u32 reg[] = { 0, 0x80000000, 0, MACHINE_RAM };
	size_t size;

	dtb_builder_init(&b, blob, sizeof(blob));
	dtb_builder_begin_node(&b, "");
	dtb_builder_prop_u32(&b, "#address-cells", 2);
	dtb_builder_prop_u32(&b, "#size-cells", 2);
	dtb_builder_begin_node(&b, "cpus");
	dtb_builder_prop_u32(&b, "#address-cells", 1);
	dtb_builder_prop_u32(&b, "#size-cells", 0);
	for (u32 cpu = 0; cpu < FUZZ_CPUS; cpu++) {
		dtb_builder_begin_node(&b, cpu ? "cpu@1" : "cpu@0");
		dtb_builder_prop_string(&b, "device_type", "cpu");
		dtb_builder_prop_u32(&b, "reg", cpu);
		dtb_builder_end_node(&b);
	}
	dtb_builder_end_node(&b);
	dtb_builder_begin_node(&b, "memory@80000000");
	dtb_builder_prop_string(&b, "device_type", "memory");
	dtb_builder_prop_cells(&b, "reg", reg, ARRAY_SIZE(reg));
	dtb_builder_end_node(&b);
	dtb_builder_end_node(&b);
	size = dtb_builder_finish(&b);
	/* Reports of misuse are expected by the thousand: print only emergencies. */
	host_append = "loglevel=1";
	boot_init(0, host_boot(blob, size, "the alloc fuzzer's machine"));
	baseline = quiesced_free_pages();
	return 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fuzz_input in = { data, size };

	while (in.size)
		run(&in);
	clean_up();
	return 0;
}
