/*
 * The allocators with several CPUs: pages and objects freed on a CPU other
 * than the one that allocated them, per-CPU page lists and slab arrays of
 * every CPU drained through cross-CPU calls, and vfree() flushing every
 * CPU's TLB. The other CPUs act through smp_call_on_cpu(). Each case skips
 * when there is only one CPU.
 */
#include <errno.h>
#include <fault.h>
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>
#include <smp.h>
#include <vmalloc.h>

#include "slab_helpers.h"

#include "../mm/slab.h"

#define NEED_TWO_CPUS(t)                                             \
	do {                                                         \
		if (num_online_cpus() < 2)                           \
			KTEST_SKIP(t, "needs a second CPU (SMP=1)"); \
	} while (0)

static unsigned int other_cpu(void)
{
	unsigned int cpu;

	for_each_online_cpu (cpu)
		if (cpu != smp_processor_id())
			return cpu;
	return 0;
}

static unsigned long pcp_pages_of(unsigned int cpu)
{
	unsigned long sum = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		sum += (unsigned long)READ_ONCE(node_zones[z].pcp[cpu].count);
	return sum;
}

#define CYCLED_PAGES 8

/* Allocate and free a few single pages here: they end up on this CPU's lists. */
static int cycle_pages(void *arg)
{
	struct page *pages[CYCLED_PAGES];
	int n;

	for (n = 0; n < CYCLED_PAGES; n++) {
		pages[n] = alloc_page(GFP_KERNEL);
		if (!pages[n])
			break;
	}
	while (n--)
		__free_page(pages[n]);
	return 0;
}

static void drain_all_pages_empties_the_lists_of_every_cpu(struct ktest *t)
{
	unsigned long before = quiesced_free_pages();
	unsigned int cpu;

	NEED_TWO_CPUS(t);
	for_each_online_cpu (cpu) {
		KTEST_ASSERT_EQ(t, smp_call_on_cpu(cpu, cycle_pages, NULL, false), 0);
		KTEST_EXPECT_GT(t, pcp_pages_of(cpu), 0UL);
	}
	drain_all_pages(NULL);
	for_each_online_cpu (cpu) {
		KTEST_EXPECT_EQ(t, pcp_pages_of(cpu), 0UL);
		for (int z = 0; z < MAX_NR_ZONES; z++)
			KTEST_EXPECT_EQ(t, READ_ONCE(node_zones[z].pcp[cpu].drain), 0);
	}
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static int free_the_page(void *arg)
{
	__free_page(arg);
	return 0;
}

static int alloc_a_page(void *arg)
{
	*(struct page **)arg = alloc_page(GFP_KERNEL);
	return 0;
}

/* A page freed on another CPU goes onto that CPU's list, and is that CPU's to hand out. */
static void a_page_freed_on_another_cpu_joins_that_cpus_list(struct ktest *t)
{
	unsigned long before = quiesced_free_pages();
	unsigned int cpu = other_cpu();
	struct page *page, *again = NULL;

	NEED_TWO_CPUS(t);
	page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_ASSERT_EQ(t, smp_call_on_cpu(cpu, free_the_page, page, false), 0);
	KTEST_EXPECT_TRUE(t, PagePcp(page));
	KTEST_EXPECT_EQ(t, page->private, (unsigned long)cpu);
	KTEST_ASSERT_EQ(t, smp_call_on_cpu(cpu, alloc_a_page, &again, false), 0);
	KTEST_EXPECT_PTR_EQ(t, again, page); /* the most recently freed page first */
	__free_page(again);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
}

static int kfree_it(void *arg)
{
	kfree(arg);
	return 0;
}

static int kmalloc_64(void *arg)
{
	*(void **)arg = kmalloc(64, GFP_KERNEL);
	return 0;
}

/* An object freed on another CPU goes into that CPU's array and is reused there. */
static void an_object_freed_on_another_cpu_is_reused_there(struct ktest *t)
{
	unsigned long before = quiesced_free_pages();
	unsigned int cpu = other_cpu();
	void *obj, *again = NULL;

	NEED_TWO_CPUS(t);
	obj = kmalloc(64, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, obj);
	KTEST_ASSERT_EQ(t, smp_call_on_cpu(cpu, kfree_it, obj, false), 0);
	KTEST_ASSERT_EQ(t, smp_call_on_cpu(cpu, kmalloc_64, &again, false), 0);
	KTEST_EXPECT_PTR_EQ(t, again, obj);
	kfree(again);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
}

#define SHARED_OBJECTS 200

struct free_batch {
	struct kmem_cache *cache;
	void **objs;
	unsigned int first, n;
};

static int free_batch(void *arg)
{
	struct free_batch *b = arg;

	for (unsigned int i = b->first; i < b->first + b->n; i++)
		kmem_cache_free(b->cache, b->objs[i]);
	return 0;
}

static unsigned long cpu_array_objects(struct kmem_cache *s)
{
	unsigned long sum = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		sum += array_objects(cpu_array(s, cpu));
	return sum;
}

/*
 * Objects allocated here and freed on the other CPUs sit in their arrays;
 * kmem_cache_shrink() gets every CPU to empty its own, and destroy finds no
 * object left (it would report a leak).
 */
static void objects_freed_on_other_cpus_all_come_back(struct ktest *t)
{
	static void *objs[SHARED_OBJECTS];
	unsigned long before = quiesced_free_pages(), errors = slab_error_count();
	unsigned int cpu, others = num_online_cpus() - 1, per_cpu, first = 0;
	struct kmem_cache *s;

	NEED_TWO_CPUS(t);
	s = kmem_cache_create("test-smp-free", 100, 0, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, s);
	for (int i = 0; i < SHARED_OBJECTS; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
	}
	per_cpu = SHARED_OBJECTS / others;
	for_each_online_cpu (cpu) {
		struct free_batch b = { .cache = s, .objs = objs, .first = first, .n = per_cpu };

		if (cpu == smp_processor_id())
			continue;
		if (first + 2 * per_cpu > SHARED_OBJECTS)
			b.n = SHARED_OBJECTS - first; /* the last CPU takes the rest */
		KTEST_ASSERT_EQ(t, smp_call_on_cpu(cpu, free_batch, &b, false), 0);
		first += b.n;
	}
	KTEST_EXPECT_EQ(t, first, (unsigned int)SHARED_OBJECTS);
	if (array_capacity(
		    cpu_array(s, 0))) /* not with slub_debug: then every free goes to its slab */
		KTEST_EXPECT_GT(t, cpu_array_objects(s), 0UL);
	kmem_cache_shrink(s);
	KTEST_EXPECT_EQ(t, cpu_array_objects(s), 0UL);
	KTEST_EXPECT_EQ(t, s->nr_active, 0UL);
	KTEST_EXPECT_EQ(t, s->nr_slabs, 0UL);
	KTEST_EXPECT_EQ(t, kmem_cache_validate(s), 0UL);
	kmem_cache_destroy(s);
	KTEST_EXPECT_EQ(t, slab_error_count(), errors);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
}

static int fill_array(void *arg)
{
	struct kmem_cache *s = arg;
	void *objs[4];

	for (int i = 0; i < 4; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	for (int i = 0; i < 4; i++)
		kmem_cache_free(s, objs[i]);
	return 0;
}

/* kmem_cache_destroy() drains the arrays of every CPU before it counts what is left. */
static void destroy_finds_no_leak_in_other_cpus_arrays(struct ktest *t)
{
	unsigned long before = quiesced_free_pages(), errors = slab_error_count();
	struct kmem_cache *s;
	unsigned int cpu;

	NEED_TWO_CPUS(t);
	s = kmem_cache_create("test-smp-destroy", 200, 0, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, s);
	for_each_online_cpu (cpu)
		KTEST_ASSERT_EQ(t, smp_call_on_cpu(cpu, fill_array, s, false), 0);
	if (array_capacity(cpu_array(s, 0))) /* not with slub_debug */
		KTEST_EXPECT_GT(t, cpu_array_objects(s), 0UL);
	kmem_cache_destroy(s);
	KTEST_EXPECT_EQ(t, slab_error_count(), errors);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
}

/* The other CPU reads one byte through its own TLB; -EFAULT if it faults. */
struct remote_read {
	const u8 *addr;
	u8 val;
};

static int read_there(void *arg)
{
	struct remote_read *r = arg;

	return arch_probe_read_byte(r->addr, &r->val);
}

/*
 * The other CPU reads an area, so that its TLB may hold the translation;
 * after vfree() here, its read must fault, and after a new area takes the
 * same addresses, it must see the new pages, not the old ones.
 */
static void vfree_flushes_the_tlb_of_every_cpu(struct ktest *t)
{
	unsigned long before = quiesced_free_pages();
	struct remote_read r;
	unsigned int cpu = other_cpu();
	u8 *old, *new;

	NEED_TWO_CPUS(t);
	old = vmalloc(PAGE_SIZE);
	KTEST_ASSERT_NOT_NULL(t, old);
	memset(old, 0x11, PAGE_SIZE);
	r = (struct remote_read){ .addr = old + 100 };
	KTEST_ASSERT_EQ(t, smp_call_on_cpu(cpu, read_there, &r, false), 0);
	KTEST_EXPECT_EQ(t, r.val, 0x11);
	vfree(old);
	KTEST_EXPECT_EQ(t, smp_call_on_cpu(cpu, read_there, &r, false), -EFAULT);
	new = vmalloc(PAGE_SIZE);
	KTEST_ASSERT_NOT_NULL(t, new);
	if (new != old) {
		vfree(new);
		KTEST_SKIP(t, "the new area did not reuse the old addresses");
	}
	memset(new, 0x22, PAGE_SIZE);
	KTEST_EXPECT_EQ(t, smp_call_on_cpu(cpu, read_there, &r, false), 0);
	KTEST_EXPECT_EQ(t, r.val, 0x22);
	vfree(new);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
}

KTEST_SUITE(smp_alloc, KTEST_CASE(drain_all_pages_empties_the_lists_of_every_cpu),
	    KTEST_CASE(a_page_freed_on_another_cpu_joins_that_cpus_list),
	    KTEST_CASE(an_object_freed_on_another_cpu_is_reused_there),
	    KTEST_CASE(objects_freed_on_other_cpus_all_come_back),
	    KTEST_CASE(destroy_finds_no_leak_in_other_cpus_arrays),
	    KTEST_CASE(vfree_flushes_the_tlb_of_every_cpu));
