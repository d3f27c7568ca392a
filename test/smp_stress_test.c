/*
 * The SMP stress test: every CPU at once runs a random mix of kmalloc, kfree
 * and krealloc of random sizes, kmem_cache_alloc/free on caches all CPUs
 * share, alloc_pages/free_pages of orders 0..4, and vmalloc/vfree. A share of
 * the objects goes to another CPU through that CPU's inbox and is freed
 * there. Every live object carries a pattern derived from its address and
 * its owner, checked before it is freed (wherever that is). At the end: no
 * pattern lost, every cache valid, every per-CPU list drained, and exactly
 * as many free pages as before.
 *
 * smp_stress.ops=N sets the operations (all CPUs together; make test runs
 * the default, make stress 10^7); each CPU's sequence is seeded, so a run's
 * mix repeats, though not its interleaving.
 */
#include <atomic.h>
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <params.h>
#include <slab.h>
#include <smp.h>
#include <spinlock.h>
#include <vmalloc.h>

#include "slab_helpers.h"
#include "xorshift.h"

#include "../mm/slab.h"

#define DEFAULT_OPS 40000
#define SLOTS 128	  /* live objects per CPU, at most (see live_slots_for()) */
#define MIN_SLOTS 8	  /* ... and at least */
#define INBOX_SIZE 64	  /* objects waiting in a CPU's inbox */
#define NR_CACHES 3	  /* caches shared by every CPU */
#define MAX_KMALLOC 32768 /* beyond KMALLOC_MAX_CACHE_SIZE: page-backed kmalloc too */
#define MAX_VMALLOC_PAGES 16
#define MAX_ORDER_USED 4
#define CHECK_WORDS 16 /* of a large object, the first and last words of each page */
#define INBOX_POLL 8   /* a CPU looks at its inbox every INBOX_POLL operations */

static unsigned long total_ops = DEFAULT_OPS;
static unsigned int live_slots = SLOTS;

static int parse_ops(const char *value)
{
	unsigned long ops;

	if (!value || kstrtoul(value, 0, &ops) || !ops)
		return -EINVAL;
	total_ops = ops;
	return 0;
}
early_param("smp_stress.ops", parse_ops);

enum obj_kind {
	OBJ_KMALLOC,
	OBJ_CACHE,
	OBJ_PAGES,
	OBJ_VMALLOC,
	NR_OBJ_KINDS,
};

static const char *const kind_names[NR_OBJ_KINDS] = { "kmalloc", "kmem_cache", "pages", "vmalloc" };

struct obj {
	void *p;	     /* NULL: a free slot */
	unsigned long size;  /* bytes the pattern covers */
	unsigned long key;   /* the address and owner the pattern was derived from */
	unsigned char kind;  /* enum obj_kind */
	unsigned char which; /* the cache's index, or the pages' order */
};

struct inbox {
	spinlock_t lock;
	unsigned int head, count;
	struct obj objs[INBOX_SIZE];
} ____cacheline_aligned;

/* What each CPU counted; written by that CPU only, read when all are done. */
struct cpu_stats {
	unsigned long ops, allocs, frees, reallocs, sent, received, failures, mismatches;
} ____cacheline_aligned;

static struct kmem_cache *caches[NR_CACHES];
static const unsigned int cache_sizes[NR_CACHES] = { 40, 192, 1000 };
static struct inbox inboxes[NR_CPUS];
static struct cpu_stats stats[NR_CPUS];
static struct obj slots[NR_CPUS][SLOTS];
static atomic_t cpus_sending;	  /* CPUs that may still send objects */
static unsigned long first_error; /* the first mismatching object's address (cmpxchg'd) */
static char first_error_text[160];

/* splitmix64's finaliser: every input bit reaches every output bit. */
static unsigned long mix(unsigned long x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9UL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebUL;
	return x ^ (x >> 31);
}

static unsigned long pattern_word(unsigned long key, unsigned long i)
{
	return mix(key + i * 0x9e3779b97f4a7c15UL);
}

static unsigned long obj_key(const void *p, unsigned int owner)
{
	return (unsigned long)p ^ ((unsigned long)owner << 56);
}

/* Which words of an object of @size bytes carry the pattern: all, or some of each page. */
static bool checked_word(unsigned long i, unsigned long size)
{
	unsigned long words_per_page = PAGE_SIZE / sizeof(long), in_page = i % words_per_page;

	return size <= PAGE_SIZE || in_page < CHECK_WORDS ||
	       in_page >= words_per_page - CHECK_WORDS;
}

static void fill(struct obj *o, unsigned int owner)
{
	unsigned long *w = o->p, words = o->size / sizeof(long);
	u8 *tail = (u8 *)o->p + words * sizeof(long);

	o->key = obj_key(o->p, owner);
	for (unsigned long i = 0; i < words; i++)
		if (checked_word(i, o->size))
			w[i] = pattern_word(o->key, i);
	for (unsigned long b = 0; b < o->size % sizeof(long); b++)
		tail[b] = (u8)(pattern_word(o->key, words) >> (8 * b));
}

static void record_mismatch(struct cpu_stats *st, const struct obj *o, const void *at,
			    unsigned long want, unsigned long seen)
{
	st->mismatches++;
	if (cmpxchg(&first_error, 0UL, (unsigned long)at) == 0)
		scnprintf(first_error_text, sizeof(first_error_text),
			  "%s object %p (%lu bytes): at %p expected %#lx, saw %#lx",
			  kind_names[o->kind], o->p, o->size, at, want, seen);
}

/* Check the first @size bytes of @p against the pattern of @o (@p: where they are now). */
static bool check_bytes(struct cpu_stats *st, const struct obj *o, const void *p,
			unsigned long size)
{
	const unsigned long *w = p;
	const u8 *tail;
	unsigned long words = size / sizeof(long);

	for (unsigned long i = 0; i < words; i++) {
		if (checked_word(i, o->size) && w[i] != pattern_word(o->key, i)) {
			record_mismatch(st, o, &w[i], pattern_word(o->key, i), w[i]);
			return false;
		}
	}
	/* A part word: the object's own tail, or the start of a whole word of its pattern. */
	if (size != o->size && !checked_word(words, o->size))
		return true;
	tail = (const u8 *)p + words * sizeof(long);
	for (unsigned long b = 0; b < size % sizeof(long); b++) {
		u8 want = (u8)(pattern_word(o->key, words) >> (8 * b));

		if (tail[b] != want) {
			record_mismatch(st, o, &tail[b], want, tail[b]);
			return false;
		}
	}
	return true;
}

static void free_obj(struct cpu_stats *st, struct obj *o)
{
	check_bytes(st, o, o->p, o->size);
	switch (o->kind) {
	case OBJ_KMALLOC:
		kfree(o->p);
		break;
	case OBJ_CACHE:
		kmem_cache_free(caches[o->which], o->p);
		break;
	case OBJ_PAGES:
		free_pages((unsigned long)o->p, o->which);
		break;
	default:
		vfree(o->p);
		break;
	}
	o->p = NULL;
	st->frees++;
}

static unsigned long random_kmalloc_size(u64 *rng)
{
	u64 r = xorshift64_next(rng);

	switch (r % 8) {
	case 0:
		return 1 + (r >> 8) % MAX_KMALLOC; /* any size, large ones included */
	case 1:
	case 2:
		return 1 + (r >> 8) % 4096;
	default:
		return 1 + (r >> 8) % 256; /* mostly small, as in a kernel */
	}
}

/* Orders 0..4, smaller ones more often. */
static unsigned int random_order(u64 *rng)
{
	static const u8 orders[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 4 };

	return orders[xorshift64_next(rng) % 16];
}

/* Allocate an object of a random kind into @o; false if the allocation failed. */
static bool alloc_obj(struct obj *o, u64 *rng)
{
	u64 r = xorshift64_next(rng) % 100;

	if (r < 45) {
		o->kind = OBJ_KMALLOC;
		o->size = random_kmalloc_size(rng);
		o->p = kmalloc(o->size, GFP_KERNEL);
	} else if (r < 75) {
		o->kind = OBJ_CACHE;
		o->which = (unsigned char)(xorshift64_next(rng) % NR_CACHES);
		o->size = cache_sizes[o->which];
		o->p = kmem_cache_alloc(caches[o->which], GFP_KERNEL);
	} else if (r < 93) {
		o->kind = OBJ_PAGES;
		o->which = (unsigned char)random_order(rng);
		o->size = PAGE_SIZE << o->which;
		o->p = (void *)__get_free_pages(GFP_KERNEL, o->which);
	} else {
		o->kind = OBJ_VMALLOC;
		o->size = 1 + xorshift64_next(rng) % (MAX_VMALLOC_PAGES * PAGE_SIZE);
		o->p = vmalloc(o->size);
	}
	return o->p != NULL;
}

/* krealloc @o to a random size: the old contents must come along, then a new pattern. */
static void realloc_obj(struct cpu_stats *st, struct obj *o, u64 *rng, unsigned int me)
{
	unsigned long new_size = random_kmalloc_size(rng);
	void *p = krealloc(o->p, new_size, GFP_KERNEL);

	if (!p) {
		st->failures++;
		return;
	}
	check_bytes(st, o, p, min(o->size, new_size));
	o->p = p;
	o->size = new_size;
	fill(o, me);
	st->reallocs++;
}

/* Send @o to another CPU's inbox, to be freed there; false if that inbox is full. */
static bool send_obj(struct obj *o, unsigned int to)
{
	struct inbox *box = &inboxes[to];
	bool sent = false;

	spin_lock(&box->lock);
	if (box->count < INBOX_SIZE) {
		box->objs[(box->head + box->count) % INBOX_SIZE] = *o;
		box->count++;
		sent = true;
	}
	spin_unlock(&box->lock);
	return sent;
}

/* Free what other CPUs sent here. */
static void empty_inbox(struct cpu_stats *st, unsigned int me)
{
	struct inbox *box = &inboxes[me];

	for (;;) {
		struct obj o;

		spin_lock(&box->lock);
		if (!box->count) {
			spin_unlock(&box->lock);
			return;
		}
		o = box->objs[box->head];
		box->head = (box->head + 1) % INBOX_SIZE;
		box->count--;
		spin_unlock(&box->lock);
		free_obj(st, &o);
		st->received++;
	}
}

/* A random online CPU other than @me (there are at least two). */
static unsigned int random_other_cpu(u64 *rng, unsigned int me)
{
	unsigned int n = num_online_cpus(), pick = (unsigned int)(xorshift64_next(rng) % (n - 1));
	unsigned int cpu;

	for_each_online_cpu (cpu) {
		if (cpu == me)
			continue;
		if (!pick--)
			return cpu;
	}
	return me;
}

static int stress_worker(void *arg)
{
	unsigned long ops = *(unsigned long *)arg;
	unsigned int me = smp_processor_id();
	struct cpu_stats *st = &stats[me];
	struct obj *live = slots[me];
	u64 rng = 0x5eed5eed5eed5eedULL ^ ((u64)(me + 1) * 0x9e3779b97f4a7c15ULL);
	bool others = num_online_cpus() > 1;

	for (unsigned long op = 0; op < ops; op++) {
		struct obj *o = &live[xorshift64_next(&rng) % live_slots];
		u64 r = xorshift64_next(&rng) % 100;

		if (op % INBOX_POLL == 0)
			empty_inbox(st, me);
		st->ops++;
		if (!o->p) {
			if (alloc_obj(o, &rng)) {
				fill(o, me);
				st->allocs++;
			} else {
				st->failures++;
			}
		} else if (r < 20 && o->kind == OBJ_KMALLOC) {
			realloc_obj(st, o, &rng, me);
		} else if (r < 45 && others && send_obj(o, random_other_cpu(&rng, me))) {
			o->p = NULL; /* the other CPU owns it now */
			st->sent++;
		} else {
			free_obj(st, o);
		}
	}
	for (unsigned int i = 0; i < SLOTS; i++)
		if (live[i].p)
			free_obj(st, &live[i]);
	/* Serve the inbox until no CPU can send any more, then once more. */
	atomic_dec(&cpus_sending);
	while (atomic_read(&cpus_sending) > 0) {
		empty_inbox(st, me);
		cpu_relax();
	}
	empty_inbox(st, me);
	return 0;
}

static void sum_stats(struct cpu_stats *sum)
{
	*sum = (struct cpu_stats){ 0 };
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		sum->ops += stats[cpu].ops;
		sum->allocs += stats[cpu].allocs;
		sum->frees += stats[cpu].frees;
		sum->reallocs += stats[cpu].reallocs;
		sum->sent += stats[cpu].sent;
		sum->received += stats[cpu].received;
		sum->failures += stats[cpu].failures;
		sum->mismatches += stats[cpu].mismatches;
	}
}

static bool create_caches(struct ktest *t)
{
	static const char *const names[NR_CACHES] = { "stress-40", "stress-192", "stress-1000" };

	for (int i = 0; i < NR_CACHES; i++) {
		caches[i] = kmem_cache_create(names[i], cache_sizes[i], 0,
					      i == 1 ? SLAB_HWCACHE_ALIGN : 0, NULL);
		if (!caches[i]) {
			KTEST_FAIL(t, "cannot create cache %s", names[i]);
			return false;
		}
	}
	return true;
}

/*
 * Live objects per CPU: SLOTS, or fewer where half the free memory could not
 * hold every CPU's slots and its inbox all at once with objects of the
 * largest size the test makes. From free memory, not RAM: a small machine
 * with many CPUs runs without failed allocations, a large one as a small one.
 */
static unsigned int live_slots_for(unsigned long free_pages)
{
	const unsigned long largest =
		max(PAGE_SIZE << MAX_ORDER_USED,
		    max((unsigned long)MAX_KMALLOC, MAX_VMALLOC_PAGES * PAGE_SIZE));
	unsigned long fit = (free_pages << PAGE_SHIFT) / 2 / num_online_cpus() / largest;

	return fit > SLOTS + INBOX_SIZE
		       ? SLOTS
		       : max(fit, (unsigned long)INBOX_SIZE + MIN_SLOTS) - INBOX_SIZE;
}

static void all_cpus_allocating_and_freeing_at_once_lose_nothing(struct ktest *t)
{
	unsigned long base, ops_per_cpu = max(total_ops / num_online_cpus(), 1UL);
	unsigned long bad_pages = bad_page_reports(), slab_errors = slab_error_count();
	unsigned int cpu;
	struct cpu_stats sum;
	int ret;

	if (!create_caches(t))
		goto destroy;
	memset(stats, 0, sizeof(stats));
	memset(slots, 0, sizeof(slots));
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		inboxes[cpu] = (struct inbox){ .lock = __SPIN_LOCK_UNLOCKED };
	first_error = 0;
	atomic_set(&cpus_sending, (int)num_online_cpus());
	base = quiesced_free_pages();
	live_slots = live_slots_for(base);

	ret = smp_run_on_each_cpu(stress_worker, &ops_per_cpu);
	KTEST_EXPECT_EQ(t, ret, 0);

	sum_stats(&sum);
	ktest_printf(t,
		     "%u CPUs, %u live objects each, %lu ops: %lu allocations, %lu krealloc, %lu "
		     "frees, %lu freed on another CPU",
		     num_online_cpus(), live_slots, sum.ops, sum.allocs, sum.reallocs, sum.frees,
		     sum.received);
	KTEST_EXPECT_EQ(t, sum.ops, ops_per_cpu * num_online_cpus());
	KTEST_EXPECT_EQ(t, sum.mismatches, 0UL);
	if (first_error)
		KTEST_FAIL(t, "first pattern lost: %s", first_error_text);
	KTEST_EXPECT_EQ(t, sum.failures, 0UL);
	KTEST_EXPECT_EQ(t, sum.allocs, sum.frees);
	KTEST_EXPECT_EQ(t, sum.sent, sum.received);
	if (num_online_cpus() > 1)
		KTEST_EXPECT_GT(t, sum.received, 0UL);
	KTEST_EXPECT_EQ(t, bad_page_reports(), bad_pages);
	KTEST_EXPECT_EQ(t, slab_error_count(), slab_errors);
	expect_every_cache_valid(t);

	/* Everything went back: the lists of every CPU drained, the free count exact. */
	KTEST_EXPECT_EQ(t, quiesced_free_pages(), base);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		KTEST_EXPECT_EQ(t, zone_pcp_pages(&node_zones[z]), 0UL);
	for (int i = 0; i < NR_CACHES; i++) {
		KTEST_EXPECT_EQ(t, caches[i]->nr_active, 0UL);
		KTEST_EXPECT_EQ(t, caches[i]->nr_slabs, 0UL);
	}
destroy:
	for (int i = 0; i < NR_CACHES; i++) {
		kmem_cache_destroy(caches[i]);
		caches[i] = NULL;
	}
}

KTEST_SUITE(smp_stress, KTEST_CASE(all_cpus_allocating_and_freeing_at_once_lose_nothing));
