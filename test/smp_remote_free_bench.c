/*
 * Producer/consumer: objects allocated on one CPU and freed on another, by 1,
 * 2 and 4 pairs of CPUs at once, through kmalloc and, in the same run, through
 * each allocator the port offers (host: glibc, jemalloc, mimalloc, tcmalloc on
 * the CPU threads). A producer allocates a batch, writes each object and hands
 * the batch over a ring to its consumer, which reads and frees each. Each CPU
 * counts (arch_cpu_counter()) only its allocations or its frees, never its
 * waits for the other: the figure is the allocator's cost per object, the
 * allocation on one CPU plus the free on the other.
 */
#include <atomic.h>
#include <bench.h>
#include <errno.h>
#include <kernel.h>
#include <slab.h>
#include <smp.h>
#include <string.h>

#include "kmalloc_column.h"

#define RF_SIZE 64  /* every object */
#define RF_BATCH 32 /* objects handed over at once */
#define RF_RING 8   /* batches in flight per pair */
#define RF_MAX_PAIRS (NR_CPUS / 2)
#define RF_PEERS_MAX 8
/* Instructions are exact after a few batches; time needs longer runs. */
#define RF_OBJECTS_EXACT 16384UL
#define RF_OBJECTS_TIMED 1048576UL
#define RF_WAIT_POLLS (1UL << 30) /* a partner that never comes: give up, report failure */

struct rf_slot {
	void *objs[RF_BATCH];
	unsigned int full; /* written with release, read with acquire */
} ____cacheline_aligned;

struct rf_pair {
	struct rf_slot ring[RF_RING];
	unsigned int producer, consumer; /* CPU ids */
};

struct rf_result {
	u64 spent;
	bool ok;
} ____cacheline_aligned;

/*
 * The pairs' rings and each CPU's result, allocated while the table runs:
 * in BSS they would move what boot leaves on the free lists, which other
 * benchmarks (kmalloc16k_pair) are measured against.
 */
struct rf_state {
	struct rf_pair pairs[RF_MAX_PAIRS];
	struct rf_result results[NR_CPUS];
};

static struct rf_state *rf;
static const struct bench_allocator *rf_alloc; /* the allocator measured now */
static unsigned long rf_objects;	       /* per pair, measured */
static unsigned long rf_count;		       /* per pair, this run (warm-up or measured) */

/* Wait until @slot's full flag is @want; false if the partner never came. */
static bool rf_wait(struct rf_slot *slot, unsigned int want)
{
	for (unsigned long polls = 0; smp_load_acquire(&slot->full) != want; polls++) {
		if (polls > RF_WAIT_POLLS)
			return false;
		cpu_relax();
	}
	return true;
}

/* The producer: allocate and write each batch (counted), hand it over (not counted). */
static bool rf_produce(struct rf_pair *p, u64 *spent)
{
	const struct bench_allocator *a = rf_alloc;

	for (unsigned long b = 0; b < rf_count / RF_BATCH; b++) {
		struct rf_slot *slot = &p->ring[b % RF_RING];
		bool ok = true;
		u64 start;

		if (!rf_wait(slot, 0))
			return false;
		start = arch_cpu_counter();
		for (unsigned int i = 0; i < RF_BATCH; i++) {
			void *obj = a->alloc(RF_SIZE);

			slot->objs[i] = obj;
			if (obj)
				WRITE_ONCE(*(unsigned long *)obj, b);
			else
				ok = false;
		}
		*spent += arch_cpu_counter() - start;
		smp_store_release(&slot->full, 1);
		if (!ok)
			return false;
	}
	return true;
}

/* The consumer: take each batch (not counted), read and free its objects (counted). */
static bool rf_consume(struct rf_pair *p, u64 *spent)
{
	const struct bench_allocator *a = rf_alloc;
	bool ok = true;

	for (unsigned long b = 0; b < rf_count / RF_BATCH; b++) {
		struct rf_slot *slot = &p->ring[b % RF_RING];
		u64 start;

		if (!rf_wait(slot, 1))
			return false;
		start = arch_cpu_counter();
		for (unsigned int i = 0; i < RF_BATCH; i++) {
			void *obj = slot->objs[i];

			if (obj) {
				ok &= READ_ONCE(*(unsigned long *)obj) == b;
				a->free(obj);
			}
		}
		*spent += arch_cpu_counter() - start;
		smp_store_release(&slot->full, 0);
	}
	return ok;
}

static int rf_run_here(void *arg)
{
	unsigned int cpu = smp_processor_id(), nr_pairs = (unsigned long)arg;
	struct rf_result *r = &rf->results[cpu];

	r->spent = 0;
	r->ok = false;
	for (unsigned int i = 0; i < nr_pairs; i++) {
		if (rf->pairs[i].producer == cpu)
			r->ok = rf_produce(&rf->pairs[i], &r->spent);
		else if (rf->pairs[i].consumer == cpu)
			r->ok = rf_consume(&rf->pairs[i], &r->spent);
	}
	return 0;
}

/* "123.45" for @num / @den. */
static void rf_fixed2(char *buf, size_t size, u64 num, u64 den)
{
	snprintf(buf, size, "%llu.%02llu", (unsigned long long)(num / den),
		 (unsigned long long)(num * 100 / den % 100));
}

/* Run @nr_pairs pairs through allocator @a; print its line. */
static void rf_measure(const struct bench_allocator *a, unsigned int nr_pairs)
{
	u64 alloc = 0, free = 0, worst = 0, objects = (u64)nr_pairs * rf_objects;
	char total_s[24], alloc_s[24], free_s[24], worst_s[24];
	unsigned long mask = 0;
	unsigned int cpu, n = 0;
	int err = -EBUSY;

	for_each_online_cpu (cpu) {
		if (n >= 2 * nr_pairs)
			break;
		if (n % 2)
			rf->pairs[n / 2].consumer = cpu;
		else
			rf->pairs[n / 2].producer = cpu;
		mask |= 1UL << cpu;
		n++;
	}
	rf_alloc = a;
	/* A warm-up of an eighth, then the measured run; each leaves every ring empty. */
	rf_count = rf_objects / 8;
	if (!smp_run_on_cpus(mask, rf_run_here, (void *)(unsigned long)nr_pairs)) {
		rf_count = rf_objects;
		err = smp_run_on_cpus(mask, rf_run_here, (void *)(unsigned long)nr_pairs);
	}
	if (err) {
		pr_info("bench smp_remote_free %-9s %u pair%s: could not run\n", a->name, nr_pairs,
			nr_pairs == 1 ? " " : "s");
		return;
	}
	for (unsigned int i = 0; i < nr_pairs; i++) {
		struct rf_result *p = &rf->results[rf->pairs[i].producer],
				 *c = &rf->results[rf->pairs[i].consumer];

		if (!p->ok || !c->ok) {
			pr_info("bench smp_remote_free %-9s %u pair%s: failed on CPUs %u and %u\n",
				a->name, nr_pairs, nr_pairs == 1 ? " " : "s", rf->pairs[i].producer,
				rf->pairs[i].consumer);
			return;
		}
		alloc += p->spent;
		free += c->spent;
		worst = max(worst, p->spent + c->spent);
	}
	rf_fixed2(total_s, sizeof(total_s), alloc + free, objects);
	rf_fixed2(alloc_s, sizeof(alloc_s), alloc, objects);
	rf_fixed2(free_s, sizeof(free_s), free, objects);
	rf_fixed2(worst_s, sizeof(worst_s), worst, rf_objects);
	pr_info("bench smp_remote_free %-9s %u pair%s %10s %s/object (alloc %s + free %s; "
		"slowest pair %s)\n",
		a->name, nr_pairs, nr_pairs == 1 ? " " : "s", total_s, ARCH_COUNTER_UNIT, alloc_s,
		free_s, worst_s);
}

/*
 * smp_remote_free - the producer/consumer table: each allocator (kmalloc,
 * then arch_bench_peers()'s) with 1, 2 and 4 pairs of CPUs, as many as are
 * online.
 */
static void smp_remote_free(void)
{
	static const unsigned int counts[] = { 1, 2, 4 };
	const struct bench_allocator *cols[RF_PEERS_MAX], *peers;
	unsigned int nr_cols = 0, nr_peers = 0;

	rf = kzalloc(sizeof(*rf), GFP_KERNEL);
	if (!rf) {
		pr_info("bench smp_remote_free: no memory for the rings\n");
		return;
	}
	rf_objects = strcmp(ARCH_COUNTER_UNIT, "ns") ? RF_OBJECTS_EXACT : RF_OBJECTS_TIMED;
	cols[nr_cols++] = &kmalloc_column;
	peers = arch_bench_peers(&nr_peers);
	for (unsigned int i = 0; i < nr_peers && nr_cols < RF_PEERS_MAX; i++)
		if (peers[i].alloc)
			cols[nr_cols++] = &peers[i];
	pr_info("bench smp_remote_free: %s per object of %u bytes, allocated and written on one "
		"CPU, read and freed on another (%s; waits not counted), %lu objects per pair in "
		"batches of %u\n",
		ARCH_COUNTER_UNIT, RF_SIZE, ARCH_CPU_COUNTER_NOTE, rf_objects, RF_BATCH);
	for (unsigned int i = 0; i < ARRAY_SIZE(counts); i++) {
		if (2 * counts[i] > num_online_cpus()) {
			pr_info("bench smp_remote_free: %u pairs need %u CPUs, %u online\n",
				counts[i], 2 * counts[i], num_online_cpus());
			continue;
		}
		for (unsigned int c = 0; c < nr_cols; c++)
			rf_measure(cols[c], counts[i]);
	}
	kfree(rf);
	rf = NULL;
}

BENCH_SUITE(smp_remote_free, BENCH_TABLE(smp_remote_free));
