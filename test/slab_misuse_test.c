/*
 * The randomized misuse suite (issue 13): random mixes of valid calls and of
 * every misuse the slab allocator promises to report in the mode of the
 * cache it hits (docs/slab-debugging.md: default, hardened, slub_debug), in
 * bursts on each online CPU in turn, so that objects are freed on other CPUs
 * than their own. Each misuse must add exactly one report to
 * slab_error_count() and change nothing; after every burst every live object
 * holds its bytes; at the end every cache validates and every page is back.
 * Each boot runs a cache of each mode, and kmalloc in the boot's mode.
 */
#include <errno.h>
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <printk.h>
#include <slab.h>
#include <smp.h>
#include <string.h>

#include "slab_helpers.h"
#include "xorshift.h"

#include "../mm/slab.h"

#define LIVE_MAX 48	     /* live objects a run keeps at most */
#define FREED_MAX 16	     /* freed objects a run remembers (still free: never reallocated) */
#define BURSTS_PER_CPU 6     /* bursts on each online CPU */
#define OPS_PER_BURST 48     /* calls in a burst */
#define MISUSE_ONE_IN 4	     /* about one call in this many is a misuse */
#define OBJECT_SIZE 72	     /* the private caches' objects */
#define KMALLOC_SIZE_MAX 600 /* kmalloc sizes, 1 .. this */
#define QUIET_LOGLEVEL 3     /* during a burst, KERN_ERR reports are counted, not printed */

enum mode {
	MODE_DEFAULT,
	MODE_HARDENED,
	MODE_DEBUG
};

enum misuse {
	FREE_NOT_SLAB,	       /* a global, the stack, a page of the page allocator */
	FREE_INTERIOR,	       /* a pointer inside a live object */
	FREE_WRONG_CACHE,      /* kmem_cache_free() to another cache (private caches) */
	DOUBLE_FREE_LAST,      /* free the object just freed */
	DOUBLE_FREE_OLD,       /* free an object freed earlier (hardened, debug) */
	FREE_NEVER_HANDED_OUT, /* free a free object never allocated (hardened, debug; private) */
	KREALLOC_FREED_LAST,   /* krealloc() the object just freed (kmalloc) */
	KREALLOC_FREED_OLD,    /* krealloc() one freed earlier (kmalloc; hardened, debug) */
	DESTROY_TWICE,	       /* kmem_cache_destroy() of a destroyed cache */
	WRITE_PAST_END,	       /* one byte past a live object, then free it (red zone) */
	WRITE_AFTER_FREE,      /* into a freed object, then validate (poison; private) */
	NR_MISUSES
};

static const char *const misuse_names[NR_MISUSES] = {
	"free of a non-slab pointer",
	"free of an interior pointer",
	"free to the wrong cache",
	"double free of the object freed last",
	"double free of an older object",
	"free of an object never handed out",
	"krealloc of the object freed last",
	"krealloc of an older freed object",
	"destroy of a destroyed cache",
	"write past the end, then free",
	"write into a freed object, then validate",
};

struct live {
	u8 *p;
	size_t size; /* bytes filled with fill */
	u8 fill;
};

struct misuse_run {
	struct kmem_cache *cache; /* NULL: kmalloc */
	struct kmem_cache *other; /* for FREE_WRONG_CACHE */
	struct live live[LIVE_MAX];
	unsigned int nr_live;
	void *freed[FREED_MAX]; /* freed by this run and not handed out since */
	unsigned int nr_freed;
	u64 rng;
	unsigned long misuses[NR_MISUSES];
	/* The first misuse whose report count was wrong, if any. */
	int bad_misuse;
	unsigned long bad_expected, bad_seen;
	unsigned int bad_cpu;
	unsigned long krealloc_not_null; /* krealloc() of a freed object that did not return NULL */
};

static int misuse_global;

static u64 rnd(struct misuse_run *r, u64 n)
{
	return xorshift64_next(&r->rng) % n;
}

static enum mode mode_of(const struct kmem_cache *s)
{
	if (slab_debug(s))
		return MODE_DEBUG;
	return s->flags & SLAB_HARDENED ? MODE_HARDENED : MODE_DEFAULT;
}

static struct kmem_cache *cache_of(const void *p)
{
	return slab_page_of(p)->slab_cache;
}

static void forget_freed(struct misuse_run *r, const void *p)
{
	for (unsigned int i = 0; i < r->nr_freed; i++)
		if (r->freed[i] == p)
			r->freed[i] = r->freed[--r->nr_freed];
}

static void remember_freed(struct misuse_run *r, void *p)
{
	if (r->nr_freed == FREED_MAX)
		r->freed[rnd(r, FREED_MAX)] = p;
	else
		r->freed[r->nr_freed++] = p;
}

static void fill(struct live *l, u8 *p, size_t size, u8 value)
{
	l->p = p;
	l->size = size;
	l->fill = value;
	memset(p, value, size);
}

static void alloc_one(struct misuse_run *r)
{
	size_t size = r->cache ? OBJECT_SIZE : 1 + rnd(r, KMALLOC_SIZE_MAX);
	u8 *p;

	if (r->nr_live == LIVE_MAX)
		return;
	p = r->cache ? kmem_cache_alloc(r->cache, GFP_KERNEL) : kmalloc(size, GFP_KERNEL);
	if (!p)
		return;
	forget_freed(r, p);
	fill(&r->live[r->nr_live++], p, size, (u8)(1 + rnd(r, 255)));
}

/* Take live object @i out of the set; returns it. */
static void *unlive(struct misuse_run *r, unsigned int i)
{
	void *p = r->live[i].p;

	r->live[i] = r->live[--r->nr_live];
	return p;
}

static void free_ptr(struct misuse_run *r, void *p)
{
	if (r->cache)
		kmem_cache_free(r->cache, p);
	else
		kfree(p);
}

static void free_one(struct misuse_run *r, unsigned int i)
{
	void *p = unlive(r, i);

	free_ptr(r, p);
	remember_freed(r, p);
}

/* kmalloc: grow or shrink a live block; what it held up to the smaller size stays. */
static void krealloc_one(struct misuse_run *r, unsigned int i)
{
	struct live *l = &r->live[i];
	size_t size = 1 + rnd(r, KMALLOC_SIZE_MAX);
	u8 *p = krealloc(l->p, size, GFP_KERNEL);

	if (!p)
		return;
	if (p != l->p)
		remember_freed(r, l->p);
	forget_freed(r, p);
	if (memchr_inv(p, l->fill, min(size, l->size)))
		l->size = 0; /* seen as damage by check_live() */
	else
		fill(l, p, size, l->fill);
}

/* The misuses @r's allocator promises to report, in the mode its object @p's cache is in. */
static bool promised(struct misuse_run *r, enum misuse m, enum mode mode)
{
	struct kmem_cache *s = r->cache;

	switch (m) {
	case FREE_WRONG_CACHE:
	case FREE_NEVER_HANDED_OUT:
		if (!s)
			return false;
		return m == FREE_WRONG_CACHE || mode != MODE_DEFAULT;
	case DOUBLE_FREE_OLD:
		return mode != MODE_DEFAULT;
	case KREALLOC_FREED_LAST:
		return !s;
	case KREALLOC_FREED_OLD:
		return !s && mode != MODE_DEFAULT;
	case WRITE_PAST_END:
		return mode == MODE_DEBUG && r->nr_live &&
		       (cache_of(r->live[0].p)->flags & SLAB_RED_ZONE);
	case WRITE_AFTER_FREE:
		return s && mode == MODE_DEBUG && (s->flags & SLAB_POISON);
	default:
		return true;
	}
}

/* A free object never handed out: one of a live object's slab that this run does not hold. */
static void *never_handed_out(struct misuse_run *r)
{
	struct kmem_cache *s = r->cache;
	struct page *slab;

	if (!r->nr_live)
		return NULL;
	slab = slab_page_of(r->live[rnd(r, r->nr_live)].p);
	for (unsigned int i = 0; i < s->objects; i++) {
		void *obj = slab_object(s, slab, i);
		bool held = false;

		for (unsigned int j = 0; j < r->nr_live; j++)
			held |= r->live[j].p == obj;
		for (unsigned int j = 0; j < r->nr_freed; j++)
			held |= r->freed[j] == obj; /* freed by us: that is DOUBLE_FREE_OLD */
		if (!held)
			return obj;
	}
	return NULL;
}

/* Commit misuse @m; false if it cannot be done now (no object to do it with). */
static bool do_misuse(struct misuse_run *r, enum misuse m)
{
	struct kmem_cache *victim;
	unsigned int i = r->nr_live ? (unsigned int)rnd(r, r->nr_live) : 0;
	struct page *page;
	u8 *p, on_stack[16];

	switch (m) {
	case FREE_NOT_SLAB:
		switch (rnd(r, 3)) {
		case 0:
			free_ptr(r, &misuse_global);
			break;
		case 1:
			free_ptr(r, on_stack);
			break;
		default:
			page = alloc_page(GFP_KERNEL);
			if (!page)
				return false;
			free_ptr(r, page_address(page));
			__free_page(page);
		}
		return true;
	case FREE_INTERIOR:
		if (!r->nr_live || r->live[i].size < 16)
			return false;
		free_ptr(r, r->live[i].p + 8);
		return true;
	case FREE_WRONG_CACHE:
		if (!r->nr_live)
			return false;
		kmem_cache_free(r->other, r->live[i].p);
		return true;
	case DOUBLE_FREE_LAST:
	case KREALLOC_FREED_LAST:
		if (!r->nr_live)
			return false;
		p = unlive(r, i);
		free_ptr(r, p); /* valid */
		remember_freed(r, p);
		if (m == DOUBLE_FREE_LAST)
			free_ptr(r, p);
		else if (krealloc(p, 1 + rnd(r, KMALLOC_SIZE_MAX), GFP_KERNEL))
			r->krealloc_not_null++; /* must be NULL */
		return true;
	case DOUBLE_FREE_OLD:
	case KREALLOC_FREED_OLD:
		if (!r->nr_freed)
			return false;
		p = r->freed[rnd(r, r->nr_freed)];
		if (m == DOUBLE_FREE_OLD)
			free_ptr(r, p);
		else if (krealloc(p, 1 + rnd(r, KMALLOC_SIZE_MAX), GFP_KERNEL))
			r->krealloc_not_null++;
		return true;
	case FREE_NEVER_HANDED_OUT:
		p = never_handed_out(r);
		if (!p)
			return false;
		free_ptr(r, p);
		return true;
	case DESTROY_TWICE:
		victim = kmem_cache_create("misuse-victim", 32, 0, 0, NULL);
		if (!victim)
			return false;
		kmem_cache_destroy(victim);
		kmem_cache_destroy(victim);
		return true;
	case WRITE_PAST_END:
		p = unlive(r, i);
		p[r->cache ? r->cache->object_size : ksize(p)] ^= 0xff;
		free_ptr(r, p);
		remember_freed(r, p);
		return true;
	case WRITE_AFTER_FREE:
		if (!r->nr_live)
			return false;
		p = unlive(r, i);
		free_ptr(r, p);
		remember_freed(r, p);
		p[rnd(r, r->cache->object_size)] ^= 0x5a;
		kmem_cache_validate(r->cache); /* finds it and restores the poison */
		return true;
	default:
		return false;
	}
}

static void misuse_one(struct misuse_run *r)
{
	enum misuse m = (enum misuse)rnd(r, NR_MISUSES);
	struct kmem_cache *s = r->cache;
	unsigned long before;
	enum mode mode;

	if (!s && !r->nr_live)
		return;
	mode = mode_of(s ? s : cache_of(r->live[0].p));
	/* A kmalloc run's objects may sit in caches of different modes only under slub_debug=,<names>. */
	if (!s) {
		for (unsigned int i = 1; i < r->nr_live; i++)
			if (mode_of(cache_of(r->live[i].p)) != mode)
				return;
		for (unsigned int i = 0; i < r->nr_freed; i++)
			if (!slab_page_of(r->freed[i]) || mode_of(cache_of(r->freed[i])) != mode)
				return;
	}
	if (!promised(r, m, mode))
		return;
	before = slab_error_count();
	if (!do_misuse(r, m))
		return;
	r->misuses[m]++;
	if (slab_error_count() != before + 1 && r->bad_misuse < 0) {
		r->bad_misuse = m;
		r->bad_expected = before + 1;
		r->bad_seen = slab_error_count();
		r->bad_cpu = raw_smp_processor_id();
	}
}

/* One burst, on whichever CPU runs it. */
static int burst(void *arg)
{
	struct misuse_run *r = arg;

	for (unsigned int op = 0; op < OPS_PER_BURST; op++) {
		u64 what = rnd(r, 16);

		if (rnd(r, MISUSE_ONE_IN) == 0)
			misuse_one(r);
		else if (what < 7 || !r->nr_live)
			alloc_one(r);
		else if (what < 13 || r->cache)
			free_one(r, (unsigned int)rnd(r, r->nr_live));
		else
			krealloc_one(r, (unsigned int)rnd(r, r->nr_live));
	}
	return 0;
}

/* Every live object holds its bytes. */
static bool check_live(struct ktest *t, struct misuse_run *r, unsigned int cpu)
{
	for (unsigned int i = 0; i < r->nr_live; i++) {
		struct live *l = &r->live[i];

		if (!l->size || memchr_inv(l->p, l->fill, l->size)) {
			KTEST_FAIL(t, "CPU %u: live object %px (%zu bytes of %#x) changed", cpu,
				   l->p, l->size, l->fill);
			return false;
		}
	}
	return true;
}

static void run(struct ktest *t, struct kmem_cache *cache, u64 seed)
{
	struct misuse_run *r = kzalloc(sizeof(*r), GFP_KERNEL);
	unsigned long total = 0;
	unsigned int cpu;

	KTEST_ASSERT_NOT_NULL(t, r);
	r->cache = cache;
	r->rng = seed;
	r->bad_misuse = -1;
	r->other = kmem_cache_create("misuse-other", OBJECT_SIZE, 0, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, r->other);
	for (unsigned int b = 0; b < BURSTS_PER_CPU; b++) {
		for_each_online_cpu (cpu) {
			int ret;

			console_loglevel_set(QUIET_LOGLEVEL); /* hundreds of reports */
			ret = smp_call_on_cpu(cpu, burst, r, false);
			console_loglevel_set(CONSOLE_LOGLEVEL_DEFAULT);
			if (ret)
				KTEST_FAIL(t, "burst on CPU %u failed: %d", cpu, ret);
			if (r->bad_misuse >= 0 || r->krealloc_not_null || !check_live(t, r, cpu))
				goto out;
		}
	}
out:
	if (r->bad_misuse >= 0)
		KTEST_FAIL(t, "CPU %u: %s: expected %lu reports in all, saw %lu", r->bad_cpu,
			   misuse_names[r->bad_misuse], r->bad_expected, r->bad_seen);
	KTEST_EXPECT_EQ(t, r->krealloc_not_null, 0UL);
	for (unsigned int m = 0; m < NR_MISUSES; m++) {
		if (r->misuses[m])
			ktest_printf(t, "%s: %lu", misuse_names[m], r->misuses[m]);
		total += r->misuses[m];
	}
	KTEST_EXPECT_GT(t, total, 0UL);
	while (r->nr_live)
		free_ptr(r, unlive(r, 0));
	if (cache)
		KTEST_EXPECT_EQ(t, kmem_cache_validate(cache), 0UL);
	kmem_cache_destroy(r->other);
	kfree(r);
}

static void cache_run(struct ktest *t, const char *name, slab_flags_t flags, u64 seed)
{
	unsigned long free_before = quiesced_free_pages(), errors;
	struct kmem_cache *s = create_cache(name, OBJECT_SIZE, 0, flags, NULL);

	KTEST_ASSERT_NOT_NULL(t, s);
	run(t, s, seed);
	errors = slab_error_count();
	kmem_cache_destroy(s);
	KTEST_EXPECT_EQ(t, slab_error_count(), errors); /* no leak */
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), free_before);
}

static void misuse_of_a_default_cache_is_reported_exactly(struct ktest *t)
{
	cache_run(t, "misuse-default", 0, 0x9e3779b97f4a7c15ULL);
}

static void misuse_of_a_hardened_cache_is_reported_exactly(struct ktest *t)
{
	cache_run(t, "misuse-hardened", SLAB_HARDENED, 0xd1b54a32d192ed03ULL);
}

static void misuse_of_a_debugged_cache_is_reported_exactly(struct ktest *t)
{
	cache_run(t, "misuse-debug", SLAB_DEBUG_FLAGS, 0x8cb92ba72f3d8dd7ULL);
}

/* kmalloc in the boot's mode (slab_hardened=1, slub_debug or neither). */
static void misuse_of_kmalloc_is_reported_exactly(struct ktest *t)
{
	unsigned long free_before = quiesced_free_pages();

	run(t, NULL, 0x2545f4914f6cdd1dULL);
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), free_before);
	expect_every_cache_valid(t);
}

KTEST_SUITE(slab_misuse, KTEST_CASE(misuse_of_a_default_cache_is_reported_exactly),
	    KTEST_CASE(misuse_of_a_hardened_cache_is_reported_exactly),
	    KTEST_CASE(misuse_of_a_debugged_cache_is_reported_exactly),
	    KTEST_CASE(misuse_of_kmalloc_is_reported_exactly));
