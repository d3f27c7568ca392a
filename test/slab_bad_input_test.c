/*
 * Misuse of the slab allocator on purpose: double frees, frees of pointers
 * that are not objects, writes past an object or into a freed one, corrupted
 * free pointers, leaks at destroy. Each must be reported (the error count
 * goes up by one), must not corrupt live neighbours, and must leave the
 * cache working and valid.
 */
#include <asm/port.h>
#include <kernel.h>
#include <ktest.h>
#include <memblock.h>
#include <mm.h>
#include <slab.h>
#include <string.h>
#include <vmalloc.h>

#include "slab_helpers.h"

#include "../mm/slab.h"

#define NEIGHBOUR_BYTE 0x4e

static int some_global;

/* Expect exactly one new report since @before. */
#define EXPECT_ONE_REPORT(t, before) KTEST_EXPECT_EQ(t, slab_error_count(), (before) + 1)

struct neighbours {
	u8 *obj[3];
	unsigned int size;
};

static bool alloc_neighbours(struct kmem_cache *s, struct neighbours *n)
{
	n->size = s->object_size;
	for (int i = 0; i < 3; i++) {
		n->obj[i] = kmem_cache_alloc(s, GFP_KERNEL);
		if (!n->obj[i])
			return false;
		memset(n->obj[i], NEIGHBOUR_BYTE, n->size);
	}
	return true;
}

/* Neighbours 0 and 2 must still hold their bytes; then free them. */
static void check_and_free_neighbours(struct ktest *t, struct kmem_cache *s, struct neighbours *n)
{
	KTEST_EXPECT_NULL(t, memchr_inv(n->obj[0], NEIGHBOUR_BYTE, n->size));
	KTEST_EXPECT_NULL(t, memchr_inv(n->obj[2], NEIGHBOUR_BYTE, n->size));
	kmem_cache_free(s, n->obj[0]);
	kmem_cache_free(s, n->obj[2]);
}

static void immediate_double_free_is_reported(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-dfree", 64, 0, 0, NULL);
	unsigned long before;
	void *a, *b, *c;

	KTEST_ASSERT_NOT_NULL(t, s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, a);
	before = slab_error_count();
	kmem_cache_free(s, a);
	EXPECT_ONE_REPORT(t, before);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	c = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_EXPECT_TRUE(t, b != c); /* a is handed out once, not twice */
	kmem_cache_free(s, b);
	kmem_cache_free(s, c);
	kmem_cache_destroy(s);
}

static void any_double_free_is_reported_with_debugging(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-dfree-debug", 64, 0, SLAB_DEBUG_FLAGS, NULL);
	struct neighbours n;
	unsigned long before;

	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_ASSERT_TRUE(t, alloc_neighbours(s, &n));
	kmem_cache_free(s, n.obj[1]);
	before = slab_error_count();
	kmem_cache_free(s, n.obj[1]);
	EXPECT_ONE_REPORT(t, before);
	check_and_free_neighbours(t, s, &n);
	KTEST_EXPECT_EQ(t, kmem_cache_validate(s), 0UL);
	kmem_cache_destroy(s);
}

static void kfree_of_a_stack_address_is_reported(struct ktest *t)
{
	unsigned long before = slab_error_count();
	char on_stack[16];

	kfree(on_stack);
	EXPECT_ONE_REPORT(t, before);
}

static void kfree_of_a_global_is_reported(struct ktest *t)
{
	unsigned long before = slab_error_count();

	kfree(&some_global);
	EXPECT_ONE_REPORT(t, before);
}

static void kfree_outside_the_memory_map_is_reported(struct ktest *t)
{
	unsigned long before = slab_error_count();

	kfree((void *)(uintptr_t)0x1000); /* no RAM there on any machine we run */
	EXPECT_ONE_REPORT(t, before);
}

static void kfree_of_a_vmalloc_address_is_reported(struct ktest *t)
{
	u8 *p = vmalloc(PAGE_SIZE);
	unsigned long before = slab_error_count();

	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 0x11, PAGE_SIZE);
	kfree(p);
	EXPECT_ONE_REPORT(t, before);
	KTEST_EXPECT_NULL(t, memchr_inv(p, 0x11, PAGE_SIZE));
	vfree(p);
}

/* An address between two banks: its struct page is the read-only hole page. */
static void kfree_in_a_hole_between_banks_is_reported(struct ktest *t)
{
	const struct memblock_region *r = &memblock.memory.regions[0];
	unsigned long before = slab_error_count();

	if (memblock.memory.cnt < 2)
		KTEST_SKIP(t, "needs RAM in two or more banks with holes between them "
			      "(host: tools/mkdts --banks 2 or 3)");
	kfree(phys_to_virt(ALIGN(r->base + r->size, PAGE_SIZE) + 64));
	EXPECT_ONE_REPORT(t, before);
}

static void kfree_of_an_interior_pointer_is_reported(struct ktest *t)
{
	u8 *p = kmalloc(64, GFP_KERNEL);
	unsigned long before = slab_error_count();

	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 0x11, 64);
	kfree(p + 16);
	EXPECT_ONE_REPORT(t, before);
	KTEST_EXPECT_NULL(t, memchr_inv(p, 0x11, 64));
	kfree(p);
	KTEST_EXPECT_EQ(t, slab_error_count(), before + 1);
}

static void kfree_of_a_misaligned_pointer_is_reported(struct ktest *t)
{
	u8 *p = kmalloc(96, GFP_KERNEL);
	unsigned long before = slab_error_count();

	KTEST_ASSERT_NOT_NULL(t, p);
	kfree(p + 1);
	EXPECT_ONE_REPORT(t, before);
	kfree(p);
}

static void kfree_inside_a_large_block_is_reported(struct ktest *t)
{
	u8 *p = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);
	unsigned long before = slab_error_count();

	KTEST_ASSERT_NOT_NULL(t, p);
	kfree(p + PAGE_SIZE);
	EXPECT_ONE_REPORT(t, before);
	kfree(p);
}

static void kfree_of_a_page_allocator_page_is_reported(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long before = slab_error_count();

	KTEST_ASSERT_NOT_NULL(t, page);
	kfree(page_address(page));
	EXPECT_ONE_REPORT(t, before);
	__free_page(page); /* still ours, still allocated */
}

static void kmem_cache_free_to_the_wrong_cache_is_reported(struct ktest *t)
{
	struct kmem_cache *a = kmem_cache_create("test-cache-a", 64, 0, 0, NULL);
	struct kmem_cache *b = kmem_cache_create("test-cache-b", 64, 0, 0, NULL);
	unsigned long before;
	void *obj;

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	obj = kmem_cache_alloc(a, GFP_KERNEL);
	before = slab_error_count();
	kmem_cache_free(b, obj);
	EXPECT_ONE_REPORT(t, before);
	kmem_cache_free(a, obj);
	kmem_cache_destroy(a);
	kmem_cache_destroy(b);
	KTEST_EXPECT_EQ(t, slab_error_count(), before + 1); /* both destroyed without leaks */
}

static void write_past_the_end_is_caught_by_the_red_zone(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-redzone", 40, 0, SLAB_RED_ZONE, NULL);
	struct neighbours n;
	unsigned long before;

	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_ASSERT_TRUE(t, alloc_neighbours(s, &n));
	n.obj[1][40] = 0x41; /* one byte past the object */
	before = slab_error_count();
	kmem_cache_free(s, n.obj[1]);
	EXPECT_ONE_REPORT(t, before);
	check_and_free_neighbours(t, s, &n);
	KTEST_EXPECT_EQ(t, kmem_cache_validate(s), 0UL); /* the red zone was restored */
	kmem_cache_destroy(s);
}

static void write_before_the_start_is_caught_by_the_red_zone(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-redzone-left", 40, 0, SLAB_RED_ZONE, NULL);
	struct neighbours n;
	unsigned long before;

	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_ASSERT_TRUE(t, alloc_neighbours(s, &n));
	*(n.obj[1] - 1) = 0x41; /* one byte before the object */
	before = slab_error_count();
	kmem_cache_free(s, n.obj[1]);
	EXPECT_ONE_REPORT(t, before);
	check_and_free_neighbours(t, s, &n);
	kmem_cache_destroy(s);
}

static void write_past_the_requested_kmalloc_size_is_caught(struct ktest *t)
{
	struct kmem_cache *s =
		create_cache("test-kmalloc-32", 32, 32, SLAB_KMALLOC | SLAB_RED_ZONE, NULL);
	unsigned long before;
	u8 *p;

	KTEST_ASSERT_NOT_NULL(t, s);
	p = slab_alloc(s, GFP_KERNEL, 20); /* as kmalloc(20) would */
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, ksize(p), (size_t)20);
	memset(p, 0, 20);
	p[24] = 1; /* inside the 32-byte class, past the 20 asked for */
	before = slab_error_count();
	kfree(p);
	EXPECT_ONE_REPORT(t, before);
	KTEST_EXPECT_EQ(t, kmem_cache_validate(s), 0UL);
	kmem_cache_destroy(s);
}

static void write_into_a_freed_object_is_caught_by_poison(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-poison", 48, 0, SLAB_POISON, NULL);
	struct neighbours n;
	unsigned long before;
	u8 *stale, *again;

	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_ASSERT_TRUE(t, alloc_neighbours(s, &n));
	stale = n.obj[1];
	kmem_cache_free(s, stale);
	stale[5] = 0x99; /* use after free */
	before = slab_error_count();
	/* Allocating it again finds the damage, reports it and restores the poison. */
	again = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_EXPECT_PTR_EQ(t, again, stale);
	EXPECT_ONE_REPORT(t, before);
	kmem_cache_free(s, again);
	KTEST_EXPECT_EQ(t, kmem_cache_validate(s), 0UL);
	check_and_free_neighbours(t, s, &n);
	kmem_cache_destroy(s);
	KTEST_EXPECT_EQ(t, slab_error_count(), before + 1); /* destroyed cleanly */
}

static void corrupted_free_pointer_is_reported_and_isolated(struct ktest *t)
{
	/* Consistency checks only: objects go straight back to their slab's free list. */
	struct kmem_cache *s =
		kmem_cache_create("test-freeptr", 64, 0, SLAB_CONSISTENCY_CHECKS, NULL);
	struct neighbours n;
	unsigned long before;
	void *a, *b;

	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_ASSERT_TRUE(t, alloc_neighbours(s, &n));
	kmem_cache_free(s, n.obj[1]);
	*free_pointer_at(s, n.obj[1]) = (void *)0xdeadbeef; /* a stray write */
	before = slab_error_count();
	a = kmem_cache_alloc(s, GFP_KERNEL); /* takes obj[1], finds its next pointer bad */
	KTEST_EXPECT_PTR_EQ(t, a, n.obj[1]);
	EXPECT_ONE_REPORT(t, before);
	b = kmem_cache_alloc(s, GFP_KERNEL); /* still works: from another slab */
	KTEST_ASSERT_NOT_NULL(t, b);
	KTEST_EXPECT_TRUE(t, b != a);
	kmem_cache_free(s, a);
	kmem_cache_free(s, b);
	check_and_free_neighbours(t, s, &n);
	/* The objects behind the bad pointer are lost for good: destroy says so, once. */
	before = slab_error_count();
	kmem_cache_destroy(s);
	EXPECT_ONE_REPORT(t, before);
}

static void destroying_a_cache_with_live_objects_reports_them_and_keeps_them(struct ktest *t)
{
	unsigned long before, free_before = quiesced_free_pages();
	struct kmem_cache *s = kmem_cache_create("test-leak", 128, 0, SLAB_STORE_USER, NULL);
	u8 *leaked;

	KTEST_ASSERT_NOT_NULL(t, s);
	leaked = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, leaked);
	memset(leaked, 0x2d, 128);
	before = slab_error_count();
	kmem_cache_destroy(s);
	EXPECT_ONE_REPORT(t, before);
	/* The object's memory was not freed under it: still a slab object of s, intact. */
	KTEST_EXPECT_PTR_EQ(t, slab_page_of(leaked)->slab_cache, s);
	KTEST_EXPECT_NULL(t, memchr_inv(leaked, 0x2d, 128));
	kmem_cache_free(s, leaked);
	kmem_cache_destroy(s);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), free_before);
}

/* Issue 13, bug 2: validation checks allocated objects too, not only free ones. */
static void validation_reports_a_write_past_a_live_object(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-validate-live", 40, 0, SLAB_RED_ZONE, NULL);
	struct neighbours n;
	unsigned long before;

	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_ASSERT_TRUE(t, alloc_neighbours(s, &n));
	n.obj[1][40] = 0x41; /* one byte past a live object */
	before = slab_error_count();
	KTEST_EXPECT_EQ(t, kmem_cache_validate(s), 1UL);
	EXPECT_ONE_REPORT(t, before);
	/* Validation restored the red zone: the free finds nothing more. */
	kmem_cache_free(s, n.obj[1]);
	EXPECT_ONE_REPORT(t, before);
	check_and_free_neighbours(t, s, &n);
	KTEST_EXPECT_EQ(t, kmem_cache_validate(s), 0UL);
	kmem_cache_destroy(s);
}

static void validation_reports_a_write_past_a_live_kmalloc_request(struct ktest *t)
{
	struct kmem_cache *s =
		create_cache("test-validate-kmalloc", 32, 32, SLAB_KMALLOC | SLAB_RED_ZONE, NULL);
	unsigned long before;
	u8 *p;

	KTEST_ASSERT_NOT_NULL(t, s);
	p = slab_alloc(s, GFP_KERNEL, 20); /* as kmalloc(20) would */
	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 0x3c, 20);
	p[24] = 1; /* inside the 32-byte class, past the 20 asked for */
	before = slab_error_count();
	KTEST_EXPECT_EQ(t, kmem_cache_validate(s), 1UL);
	EXPECT_ONE_REPORT(t, before);
	KTEST_EXPECT_NULL(t, memchr_inv(p, 0x3c, 20)); /* what was asked for is untouched */
	kfree(p);
	EXPECT_ONE_REPORT(t, before);
	KTEST_EXPECT_EQ(t, kmem_cache_validate(s), 0UL);
	kmem_cache_destroy(s);
}

/* Issue 13, bug 3: krealloc() checks its pointer as kfree() does. */
static void krealloc_of_a_freed_object_is_reported_and_returns_null(struct ktest *t)
{
	unsigned long before;
	u8 *p, *a, *b;

	p = kmalloc(40, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	kfree(p); /* the object freed last: every mode knows it is free */
	before = slab_error_count();
	KTEST_EXPECT_NULL(t, krealloc(p, 48, GFP_KERNEL));
	EXPECT_ONE_REPORT(t, before);
	KTEST_EXPECT_NULL(t, krealloc(p, 4000, GFP_KERNEL)); /* would move it */
	KTEST_EXPECT_EQ(t, slab_error_count(), before + 2);
	/* Still free once: handed out once, not twice. */
	a = kmalloc(40, GFP_KERNEL);
	b = kmalloc(40, GFP_KERNEL);
	KTEST_EXPECT_TRUE(t, a && b && a != b);
	kfree(a);
	kfree(b);
	KTEST_EXPECT_EQ(t, slab_error_count(), before + 2);
}

static void krealloc_of_any_freed_object_is_reported_with_debugging(struct ktest *t)
{
	struct kmem_cache *s =
		create_cache("test-krealloc-debug", 64, 64, SLAB_KMALLOC | SLAB_DEBUG_FLAGS, NULL);
	unsigned long before;
	u8 *p, *q;

	KTEST_ASSERT_NOT_NULL(t, s);
	p = slab_alloc(s, GFP_KERNEL, 40);
	q = slab_alloc(s, GFP_KERNEL, 40);
	KTEST_ASSERT_TRUE(t, p && q);
	kfree(p);
	kfree(q); /* p is not the object freed last */
	before = slab_error_count();
	KTEST_EXPECT_NULL(t, krealloc(p, 48, GFP_KERNEL));
	EXPECT_ONE_REPORT(t, before);
	/* Nothing was written into it: its poison is whole. */
	KTEST_EXPECT_EQ(t, kmem_cache_validate(s), 0UL);
	kmem_cache_destroy(s);
	EXPECT_ONE_REPORT(t, before);
}

/* Issue 13, bug 4: destroying a cache twice is reported, and changes nothing. */
static void destroying_a_destroyed_cache_is_reported_and_changes_nothing(struct ktest *t)
{
	unsigned long before, caches = 0, caches_after = 0, flags, free_before;
	struct kmem_cache *s, *c;
	void *obj;

	free_before = quiesced_free_pages();
	s = kmem_cache_create("test-destroy-twice", 64, 0, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, s);
	kmem_cache_destroy(s);
	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry (c, &slab_caches, list)
		caches++;
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	before = slab_error_count();
	kmem_cache_destroy(s);
	EXPECT_ONE_REPORT(t, before);
	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry (c, &slab_caches, list)
		caches_after++;
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	KTEST_EXPECT_EQ(t, caches_after, caches);
	/* The cache of caches still works, and nothing leaked. */
	s = kmem_cache_create("test-destroy-after", 64, 0, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, s);
	obj = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_EXPECT_NOT_NULL(t, obj);
	kmem_cache_free(s, obj);
	kmem_cache_destroy(s);
	KTEST_EXPECT_EQ(t, slab_error_count(), before + 1);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), free_before);
}

/* Issue 13, bug 5: a hardened cache (slab_hardened=1) catches every double free ... */
static void any_double_free_is_reported_when_hardened(struct ktest *t)
{
	struct kmem_cache *s = create_cache("test-dfree-hardened", 64, 0, SLAB_HARDENED, NULL);
	struct neighbours n;
	unsigned long before;
	void *again[2];

	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_ASSERT_TRUE(t, alloc_neighbours(s, &n));
	kmem_cache_free(s, n.obj[1]);
	kmem_cache_free(s, n.obj[0]); /* obj[1] is not the object freed last */
	before = slab_error_count();
	kmem_cache_free(s, n.obj[1]);
	EXPECT_ONE_REPORT(t, before);
	again[0] = kmem_cache_alloc(s, GFP_KERNEL);
	again[1] = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, again[0] && again[1]);
	KTEST_EXPECT_TRUE(t, again[0] != again[1]); /* handed out once, not twice */
	memset(again[0], NEIGHBOUR_BYTE, n.size);
	memset(again[1], NEIGHBOUR_BYTE, n.size);
	n.obj[0] = again[0];
	n.obj[1] = again[1];
	check_and_free_neighbours(t, s, &n);
	kmem_cache_free(s, again[1]);
	KTEST_EXPECT_EQ(t, kmem_cache_validate(s), 0UL);
	kmem_cache_destroy(s);
	EXPECT_ONE_REPORT(t, before); /* destroyed without leaks */
}

/* ... and every free of an object the cache never handed out. */
static void free_of_an_object_never_handed_out_is_reported_when_hardened(struct ktest *t)
{
	struct kmem_cache *s = create_cache("test-never-hardened", 64, 0, SLAB_HARDENED, NULL);
	unsigned long before, free_objects = 0;
	struct page *slab;
	u8 *a, *never = NULL;

	KTEST_ASSERT_NOT_NULL(t, s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, a);
	memset(a, NEIGHBOUR_BYTE, 64);
	slab = slab_page_of(a);
	/* A free object of a's slab: on its free list, never handed out. */
	for (unsigned int i = 0; i < s->objects && !never; i++)
		if (slab_object(s, slab, i) != a)
			never = slab_object(s, slab, i);
	KTEST_ASSERT_NOT_NULL(t, never);
	before = slab_error_count();
	kmem_cache_free(s, never);
	EXPECT_ONE_REPORT(t, before);
	KTEST_EXPECT_NULL(t, memchr_inv(a, NEIGHBOUR_BYTE, 64));
	free_objects = s->objects - slab->inuse;
	KTEST_EXPECT_EQ(t, free_objects, (unsigned long)s->objects - 1);
	kmem_cache_free(s, a);
	KTEST_EXPECT_EQ(t, kmem_cache_validate(s), 0UL);
	kmem_cache_destroy(s);
	EXPECT_ONE_REPORT(t, before);
}

KTEST_SUITE(slab_bad_input,
	    KTEST_CASE(immediate_double_free_is_reported),
	    KTEST_CASE(any_double_free_is_reported_with_debugging),
	    KTEST_CASE(kfree_of_a_stack_address_is_reported),
	    KTEST_CASE(kfree_of_a_global_is_reported),
	    KTEST_CASE(kfree_outside_the_memory_map_is_reported),
	    KTEST_CASE(kfree_of_a_vmalloc_address_is_reported),
	    KTEST_CASE(kfree_in_a_hole_between_banks_is_reported),
	    KTEST_CASE(kfree_of_an_interior_pointer_is_reported),
	    KTEST_CASE(kfree_of_a_misaligned_pointer_is_reported),
	    KTEST_CASE(kfree_inside_a_large_block_is_reported),
	    KTEST_CASE(kfree_of_a_page_allocator_page_is_reported),
	    KTEST_CASE(kmem_cache_free_to_the_wrong_cache_is_reported),
	    KTEST_CASE(write_past_the_end_is_caught_by_the_red_zone),
	    KTEST_CASE(write_before_the_start_is_caught_by_the_red_zone),
	    KTEST_CASE(write_past_the_requested_kmalloc_size_is_caught),
	    KTEST_CASE(write_into_a_freed_object_is_caught_by_poison),
	    KTEST_CASE(corrupted_free_pointer_is_reported_and_isolated),
	    KTEST_CASE(destroying_a_cache_with_live_objects_reports_them_and_keeps_them),
	    KTEST_CASE(validation_reports_a_write_past_a_live_object),
	    KTEST_CASE(validation_reports_a_write_past_a_live_kmalloc_request),
	    KTEST_CASE(krealloc_of_a_freed_object_is_reported_and_returns_null),
	    KTEST_CASE(krealloc_of_any_freed_object_is_reported_with_debugging),
	    KTEST_CASE(destroying_a_destroyed_cache_is_reported_and_changes_nothing),
	    KTEST_CASE(any_double_free_is_reported_when_hardened),
	    KTEST_CASE(free_of_an_object_never_handed_out_is_reported_when_hardened));
