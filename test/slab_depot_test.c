/*
 * Self-tests of a cache's depot (mm/slab.h, mm/slab_cpu.c): a full per-CPU
 * array flushes into it, an empty one refills from it, on whichever CPU,
 * without the objects going back to their slabs; shrinking empties it, and
 * mem_dump names an object found there.
 */
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>
#include <smp.h>

#include "../mm/slab.h"
#include "slab_helpers.h"

/*
 * 2 KiB objects: an array of 16 that never grows (a page of them would hold
 * more than 512 KiB), batches of 8, a depot of 64.
 */
#define DEPOT_OBJECT_SIZE 2048
#define DEPOT_OBJECTS 48 /* freed in one go: 16 stay in the array, 32 reach the depot */
#define DEPOT_FLUSHED 32

static void *objs[DEPOT_OBJECTS];
static void *again[DEPOT_FLUSHED];

static bool alloc_all(struct kmem_cache *s)
{
	for (unsigned int i = 0; i < DEPOT_OBJECTS; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		if (!objs[i])
			return false;
	}
	return true;
}

static int free_all(void *arg)
{
	for (unsigned int i = 0; i < DEPOT_OBJECTS; i++)
		kmem_cache_free(arg, objs[i]);
	return 0;
}

/* Was @obj one of the first DEPOT_FLUSHED objects freed (the ones flushed)? */
static bool was_flushed(const void *obj)
{
	for (unsigned int i = 0; i < DEPOT_FLUSHED; i++)
		if (objs[i] == obj)
			return true;
	return false;
}

/* A new cache of DEPOT_OBJECT_SIZE, or NULL (and the case skipped) when it is checked. */
static struct kmem_cache *depot_cache(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-depot", DEPOT_OBJECT_SIZE, 0, 0, NULL);

	if (s && slab_checked(s)) {
		kmem_cache_destroy(s);
		ktest_skip(t, "slub_debug or slab_hardened=1: no arrays, no depot");
		return NULL;
	}
	return s;
}

static void a_full_array_flushes_into_the_depot(struct ktest *t)
{
	struct kmem_cache *s = depot_cache(t);
	unsigned long slabs, active;
	struct mem_addr_info info;

	if (!s)
		return;
	KTEST_EXPECT_EQ(t, s->depot_limit, 8 * s->array_batch);
	KTEST_ASSERT_TRUE(t, alloc_all(s));
	slabs = s->nr_slabs;
	active = s->nr_active;
	free_all(s);
	KTEST_EXPECT_EQ(t, s->depot_nr, DEPOT_FLUSHED);
	KTEST_EXPECT_EQ(t, array_objects(cpu_array(s, raw_smp_processor_id())),
			(unsigned long)(DEPOT_OBJECTS - DEPOT_FLUSHED));
	/* Nothing went back to the slabs: the objects still count as handed out of them. */
	KTEST_EXPECT_EQ(t, s->nr_active, active);
	KTEST_EXPECT_EQ(t, s->nr_slabs, slabs);
	mem_addr_info(objs[0], &info);
	KTEST_EXPECT_TRUE(t, info.object_free);
	KTEST_EXPECT_EQ(t, info.free_cpu, MEM_ADDR_FREE_IN_DEPOT);

	/* Shrinking empties the depot into the slabs, and every slab goes. */
	kmem_cache_shrink(s);
	KTEST_EXPECT_EQ(t, s->depot_nr, 0U);
	KTEST_EXPECT_EQ(t, s->nr_active, 0UL);
	KTEST_EXPECT_EQ(t, s->nr_slabs, 0UL);
	kmem_cache_destroy(s);
}

static void objects_freed_on_one_cpu_are_allocated_on_another_from_the_depot(struct ktest *t)
{
	unsigned int here = smp_processor_id(), there = here;
	unsigned long before = quiesced_free_pages(), slabs;
	struct kmem_cache *s;
	unsigned int cpu;

	for_each_online_cpu (cpu)
		if (cpu != here) {
			there = cpu;
			break;
		}
	if (there == here)
		KTEST_SKIP(t, "one CPU online: no other CPU to free on");
	s = depot_cache(t);
	if (!s)
		return;
	KTEST_ASSERT_TRUE(t, alloc_all(s));
	slabs = s->nr_slabs;
	KTEST_ASSERT_EQ(t, smp_call_on_cpu(there, free_all, s, false), 0);
	KTEST_EXPECT_EQ(t, s->depot_nr, DEPOT_FLUSHED);

	/* This CPU's array is empty: its refills take the batches the other CPU flushed. */
	KTEST_EXPECT_EQ(t, array_objects(cpu_array(s, here)), 0UL);
	for (unsigned int i = 0; i < DEPOT_FLUSHED; i++) {
		again[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KTEST_EXPECT_TRUE(t, was_flushed(again[i]));
	}
	KTEST_EXPECT_EQ(t, s->depot_nr, 0U);
	KTEST_EXPECT_EQ(t, s->nr_slabs, slabs);
	for (unsigned int i = 0; i < DEPOT_FLUSHED; i++)
		kmem_cache_free(s, again[i]);
	kmem_cache_destroy(s); /* drains the other CPU's array too */
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), before);
}

KTEST_SUITE(slab_depot, KTEST_CASE(a_full_array_flushes_into_the_depot),
	    KTEST_CASE(objects_freed_on_one_cpu_are_allocated_on_another_from_the_depot));
