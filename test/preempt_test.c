/*
 * Self-tests of the preemption hook (<preempt.h>): every spinlock section is
 * inside preempt_disable()/preempt_enable(), and every call into mm/ returns
 * with the count as it found it, so a kernel that embeds mm/ and preempts on
 * a timer can trust the count (docs/embedding.md, section 6). Only a port
 * whose hook counts can show it (host sanitizer builds); elsewhere the hook is
 * nothing and the cases skip.
 */
#include <gfp.h>
#include <ktest.h>
#include <mempool.h>
#include <mmzone.h>
#include <preempt.h>
#include <slab.h>
#include <spinlock.h>
#include <vmalloc.h>

#define NEEDS_COUNT(t)                                                                      \
	do {                                                                                \
		if (!PREEMPT_COUNTED)                                                       \
			KTEST_SKIP(t, "this port's preempt_disable() is nothing (the host " \
				      "sanitizer builds count it)");                        \
	} while (0)

static DEFINE_SPINLOCK(lock_a);
static DEFINE_SPINLOCK(lock_b);

static void spin_lock_disables_preemption_until_unlock(struct ktest *t)
{
	int base;

	NEEDS_COUNT(t);
	base = preempt_count();
	spin_lock(&lock_a);
	KTEST_EXPECT_EQ(t, preempt_count(), base + 1);
	spin_lock(&lock_b);
	KTEST_EXPECT_EQ(t, preempt_count(), base + 2);
	spin_unlock(&lock_b);
	KTEST_EXPECT_EQ(t, preempt_count(), base + 1);
	spin_unlock(&lock_a);
	KTEST_EXPECT_EQ(t, preempt_count(), base);
}

static void trylock_counts_only_when_it_takes_the_lock(struct ktest *t)
{
	int base;

	NEEDS_COUNT(t);
	base = preempt_count();
	KTEST_ASSERT_TRUE(t, spin_trylock(&lock_a));
	KTEST_EXPECT_EQ(t, preempt_count(), base + 1);
	KTEST_EXPECT_FALSE(t, spin_trylock(&lock_a));
	KTEST_EXPECT_EQ(t, preempt_count(), base + 1);
	spin_unlock(&lock_a);
	KTEST_EXPECT_EQ(t, preempt_count(), base);
}

static void irqsave_lock_counts_too(struct ktest *t)
{
	unsigned long flags;
	int base;

	NEEDS_COUNT(t);
	base = preempt_count();
	spin_lock_irqsave(&lock_a, flags);
	KTEST_EXPECT_EQ(t, preempt_count(), base + 1);
	spin_unlock_irqrestore(&lock_a, flags);
	KTEST_EXPECT_EQ(t, preempt_count(), base);
}

/* Check after each step that mm/ left the count where it was. */
#define CHECK_COUNT(t, base, what)                                                               \
	do {                                                                                     \
		if (preempt_count() != (base))                                                   \
			KTEST_FAIL(t, "preempt count %d after %s, expected %d", preempt_count(), \
				   what, base);                                                  \
	} while (0)

static void mm_calls_leave_the_count_as_they_found_it(struct ktest *t)
{
	struct kmem_cache *s;
	struct page *page;
	mempool_t *pool;
	void *p, *v, *o, *e;
	int base;

	NEEDS_COUNT(t);
	base = preempt_count();
	p = kmalloc(100, GFP_KERNEL);
	CHECK_COUNT(t, base, "kmalloc");
	kfree(p);
	CHECK_COUNT(t, base, "kfree");
	page = alloc_pages(GFP_KERNEL, 2);
	CHECK_COUNT(t, base, "alloc_pages");
	if (page)
		__free_pages(page, 2);
	CHECK_COUNT(t, base, "__free_pages");
	drain_all_pages(NULL);
	CHECK_COUNT(t, base, "drain_all_pages");
	v = vmalloc(5 * PAGE_SIZE);
	CHECK_COUNT(t, base, "vmalloc");
	vfree(v);
	CHECK_COUNT(t, base, "vfree");
	s = kmem_cache_create("preempt_test", 48, 0, 0, NULL);
	CHECK_COUNT(t, base, "kmem_cache_create");
	KTEST_ASSERT_NOT_NULL(t, s);
	o = kmem_cache_alloc(s, GFP_KERNEL);
	CHECK_COUNT(t, base, "kmem_cache_alloc");
	pool = mempool_create_slab_pool(2, s);
	CHECK_COUNT(t, base, "mempool_create_slab_pool");
	KTEST_ASSERT_NOT_NULL(t, pool);
	e = mempool_alloc(pool, GFP_KERNEL);
	CHECK_COUNT(t, base, "mempool_alloc");
	mempool_free(e, pool);
	mempool_destroy(pool);
	CHECK_COUNT(t, base, "mempool_free and mempool_destroy");
	kmem_cache_free(s, o);
	kmem_cache_shrink(s);
	kmem_cache_destroy(s);
	CHECK_COUNT(t, base, "kmem_cache_free, _shrink and _destroy");
	KTEST_EXPECT_NOT_NULL(t, p);
	KTEST_EXPECT_NOT_NULL(t, page);
	KTEST_EXPECT_NOT_NULL(t, v);
	KTEST_EXPECT_NOT_NULL(t, o);
	KTEST_EXPECT_NOT_NULL(t, e);
}

KTEST_SUITE(preempt,
	    KTEST_CASE(spin_lock_disables_preemption_until_unlock),
	    KTEST_CASE(trylock_counts_only_when_it_takes_the_lock),
	    KTEST_CASE(irqsave_lock_counts_too),
	    KTEST_CASE(mm_calls_leave_the_count_as_they_found_it));
