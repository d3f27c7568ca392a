/*
 * kmalloc against malloc: four workloads run through kmalloc()/kfree() and,
 * in the same run, through each allocator the port offers (arch_bench_peers():
 * glibc, jemalloc, mimalloc and tcmalloc on host, none on riscv), printed as
 * one table of counter per operation, best of a few repetitions, with ratios;
 * then a table of the memory each allocator holds for the same workloads.
 */
#include <asm/port.h>
#include <bench.h>
#include <glob.h>
#include <kernel.h>
#include <mm.h>
#include <params.h>
#include <slab.h>
#include <string.h>

#include "kmalloc_column.h"
#include "xorshift.h"

#define PEER_MAX 8 /* table columns: kmalloc and the port's allocators */
#define PEER_NAME_MAX 32
#define PEER_REPS_DEFAULT 5
#define PEER_REPS_MAX 100
#define PEER_WARMUP_DIVISOR 8 /* an unmeasured run first: lists, caches and pages filled */
#define PEER_FAILED (~0ULL)

#define PAIR_SIZE 64
#define BATCH_SIZE 256
#define BATCH_LIVE 1024
#define RANDOM_MIN_SIZE 8
#define RANDOM_MAX_SIZE 2048
#define RANDOM_LIVE 4096 /* a power of two: a slot is the low bits of a random number */
#define RANDOM_SEED 0x2545f4914f6cdd1dULL
#define GROW_LIVE 8192 /* grow_shrink's largest live set: 8192 objects, about 8 MiB */
#define GROW_KEEP 8    /* it shrinks to every 8th object, in allocation order */

/* bench.peer=<glob>: only the allocators whose name matches (tools/bench-peers: one each). */
static char peer_filter[PEER_NAME_MAX] = "*";
/* bench.peer_reps=<n>: repetitions of each measurement; the best one is kept. */
static unsigned long peer_reps = PEER_REPS_DEFAULT;

static int parse_peer_filter(const char *value)
{
	if (!value || !*value || strlen(value) >= PEER_NAME_MAX)
		return -EINVAL;
	strscpy(peer_filter, value, PEER_NAME_MAX);
	return 0;
}
early_param("bench.peer", parse_peer_filter);

static int parse_peer_reps(const char *value)
{
	unsigned long reps;

	if (!value || kstrtoul(value, 0, &reps) || reps < 1 || reps > PEER_REPS_MAX)
		return -EINVAL;
	peer_reps = reps;
	return 0;
}
early_param("bench.peer_reps", parse_peer_reps);

static void *kmalloc_alloc(size_t size)
{
	return kmalloc(size, GFP_KERNEL);
}

static void kmalloc_free(void *ptr)
{
	kfree(ptr);
}

/* Slab memory: every cache's slabs and the per-CPU arrays that grew (meminfo's "Slab:"). */
static unsigned long kmalloc_held(void)
{
	return (mm_stat(NR_SLAB_RECLAIMABLE) + mm_stat(NR_SLAB_UNRECLAIMABLE)) << PAGE_SHIFT;
}

/* kmalloc goes through a function pointer too, so every column pays the same call. */
const struct bench_allocator kmalloc_column = {
	.name = "kmalloc",
	.alloc = kmalloc_alloc,
	.free = kmalloc_free,
	.origin = "kmalloc()/kfree() of this kernel (mm/)",
	.held = kmalloc_held,
	.held_how = "slab pages and grown per-CPU arrays (NR_SLAB_*)",
};

/* Write to each object once, as its caller would: fresh memory is not free to hand out. */
static inline void use_object(void *p, unsigned long value)
{
	WRITE_ONCE(*(unsigned long *)p, value);
}

static void *live[GROW_LIVE]; /* the batch, random and grow_shrink workloads' objects */
static u64 rng_state;	      /* the same sequence for every allocator, from RANDOM_SEED */

static u64 next_random(void)
{
	return xorshift64_next(&rng_state);
}

static size_t random_size(u64 r)
{
	return RANDOM_MIN_SIZE + (r >> 32) % (RANDOM_MAX_SIZE - RANDOM_MIN_SIZE + 1);
}

/* pair64: malloc(64) + free, nothing else live. One op: one allocation and one free. */
static noinline bool pair64(const struct bench_allocator *a, unsigned long ops)
{
	for (unsigned long i = 0; i < ops; i++) {
		void *p = a->alloc(PAIR_SIZE);

		if (!p)
			return false;
		use_object(p, i);
		a->free(p);
	}
	return true;
}

static void free_live(const struct bench_allocator *a, unsigned int nr)
{
	for (unsigned int i = 0; i < nr; i++) {
		if (live[i])
			a->free(live[i]);
		live[i] = NULL;
	}
}

/*
 * batch256: 1024 objects of 256 bytes allocated, all live at once, then the
 * whole batch freed in allocation order; again and again. One op: one
 * allocation and one free; @ops is rounded up to whole batches.
 */
static noinline bool batch256(const struct bench_allocator *a, unsigned long ops)
{
	for (unsigned long done = 0; done < ops; done += BATCH_LIVE) {
		for (unsigned int i = 0; i < BATCH_LIVE; i++) {
			live[i] = a->alloc(BATCH_SIZE);
			if (!live[i]) {
				free_live(a, i);
				return false;
			}
			use_object(live[i], i);
		}
		free_live(a, BATCH_LIVE);
	}
	return true;
}

/* random_sizes, before it is measured: 4096 live objects of random sizes. */
static bool random_fill(const struct bench_allocator *a)
{
	rng_state = RANDOM_SEED;
	for (unsigned int i = 0; i < RANDOM_LIVE; i++) {
		live[i] = a->alloc(random_size(next_random()));
		if (!live[i])
			return false;
		use_object(live[i], i);
	}
	return true;
}

/*
 * random_sizes: with 4096 objects of 8..2048 bytes live, free a random one
 * and put a new one of a random size in its place. One op: that free and
 * that allocation.
 */
static noinline bool random_sizes(const struct bench_allocator *a, unsigned long ops)
{
	for (unsigned long i = 0; i < ops; i++) {
		u64 r = next_random();
		unsigned int slot = r & (RANDOM_LIVE - 1);

		a->free(live[slot]);
		live[slot] = a->alloc(random_size(r));
		if (!live[slot])
			return false;
		use_object(live[slot], i);
	}
	return true;
}

static void random_drain(const struct bench_allocator *a)
{
	free_live(a, RANDOM_LIVE);
}

/*
 * grow_shrink: 8192 objects of random sizes 8..2048 allocated (about 8 MiB),
 * then all but every 8th (in allocation order) freed, then those. One op:
 * one allocation and one free; @ops is rounded up to whole rounds.
 */
static noinline bool grow_shrink(const struct bench_allocator *a, unsigned long ops)
{
	for (unsigned long done = 0; done < ops; done += GROW_LIVE) {
		for (unsigned int i = 0; i < GROW_LIVE; i++) {
			live[i] = a->alloc(random_size(next_random()));
			if (!live[i]) {
				free_live(a, i);
				return false;
			}
			use_object(live[i], i);
		}
		for (unsigned int i = 0; i < GROW_LIVE; i++)
			if (i % GROW_KEEP) {
				a->free(live[i]);
				live[i] = NULL;
			}
		free_live(a, GROW_LIVE);
	}
	return true;
}

static bool grow_fill(const struct bench_allocator *a)
{
	rng_state = RANDOM_SEED;
	return true;
}

struct peer_workload {
	const char *name;
	/* Make the live set the workload starts from, or NULL; false if allocation failed. */
	bool (*fill)(const struct bench_allocator *a);
	/* Run @ops operations; false if an allocation failed. */
	bool (*run)(const struct bench_allocator *a, unsigned long ops);
	/* Free whatever is still live, after success or failure alike (NULL: nothing is). */
	void (*drain)(const struct bench_allocator *a);
	unsigned long ops;
};

static const struct peer_workload workloads[] = {
	{ .name = "pair64", .run = pair64, .ops = 500000 },
	{ .name = "batch256", .run = batch256, .ops = 256 * BATCH_LIVE },
	{ .name = "random_sizes",
	  .fill = random_fill,
	  .run = random_sizes,
	  .drain = random_drain,
	  .ops = 500000 },
	{ .name = "grow_shrink", .fill = grow_fill, .run = grow_shrink, .ops = 32 * GROW_LIVE },
};

#define NR_WORKLOADS ARRAY_SIZE(workloads)

/*
 * The measured call, out of line: tools/bench-peers has callgrind count
 * instructions only inside it (--toggle-collect), so warm-up, fill and drain
 * stay out of the instruction figures as they stay out of the time.
 */
static noinline bool peer_measure(bool (*run)(const struct bench_allocator *, unsigned long),
				  const struct bench_allocator *a, unsigned long ops)
{
	return run(a, ops);
}

/* One measurement of workload @w through allocator @a: counter units spent, or PEER_FAILED. */
static u64 measure(const struct peer_workload *w, const struct bench_allocator *a)
{
	u64 start, spent = PEER_FAILED;

	if (w->fill && !w->fill(a))
		goto out;
	if (!w->run(a, w->ops / PEER_WARMUP_DIVISOR))
		goto out;
	start = arch_counter();
	if (peer_measure(w->run, a, w->ops))
		spent = arch_counter() - start;
out:
	if (w->drain)
		w->drain(a);
	return spent;
}

/* What kmalloc_peers() measured: a column per allocator, a row per workload. */
struct peer_table {
	const struct bench_allocator *cols[PEER_MAX];
	unsigned int nr;
	u64 best[NR_WORKLOADS][PEER_MAX];    /* the least counter units of any repetition */
	bool failed[NR_WORKLOADS][PEER_MAX]; /* unavailable, or an allocation failed */
};

static struct peer_table table;

/* The columns: kmalloc, then the port's allocators, as bench.peer selects them. */
static void pick_columns(struct peer_table *t)
{
	const struct bench_allocator *peers;
	unsigned int nr_peers = 0;

	t->nr = 0;
	if (glob_match(peer_filter, kmalloc_column.name))
		t->cols[t->nr++] = &kmalloc_column;
	peers = arch_bench_peers(&nr_peers);
	for (unsigned int i = 0; i < nr_peers && t->nr < PEER_MAX; i++)
		if (glob_match(peer_filter, peers[i].name))
			t->cols[t->nr++] = &peers[i];
}

/*
 * Every workload through every column, bench.peer_reps times, interleaved so
 * that a slow spell of a shared machine hits all the allocators alike.
 */
static void measure_all(struct peer_table *t)
{
	for (unsigned int w = 0; w < NR_WORKLOADS; w++)
		for (unsigned int c = 0; c < t->nr; c++) {
			t->best[w][c] = PEER_FAILED;
			t->failed[w][c] = !t->cols[c]->alloc;
		}
	for (unsigned long rep = 0; rep < peer_reps; rep++)
		for (unsigned int w = 0; w < NR_WORKLOADS; w++)
			for (unsigned int c = 0; c < t->nr; c++) {
				u64 spent;

				if (t->failed[w][c])
					continue; /* a failure once means no figure */
				spent = measure(&workloads[w], t->cols[c]);
				if (spent == PEER_FAILED)
					t->failed[w][c] = true;
				else if (spent < t->best[w][c])
					t->best[w][c] = spent;
			}
}

/* "123.45": @value / @ops to two decimals. */
static void format_per_op(char *buf, size_t size, u64 value, u64 ops)
{
	u64 hundredths = value * 100 / ops;

	snprintf(buf, size, "%llu.%02llu", (unsigned long long)(hundredths / 100),
		 (unsigned long long)(hundredths % 100));
}

/* Whether column @c gets a ratio: it is not kmalloc's, and kmalloc's is column 0. */
static bool has_ratio(const struct peer_table *t, unsigned int c)
{
	return c > 0 && t->cols[0] == &kmalloc_column;
}

/* Print a row: @name, @ops, then each column's cell from @cell(). */
static void print_row(const struct peer_table *t, const char *name, const char *ops,
		      void (*cell)(const struct peer_table *t, unsigned int w, unsigned int c,
				   char *value, char *ratio, size_t size),
		      unsigned int w)
{
	char line[256], value[24], ratio[24];
	size_t len;

	len = snprintf(line, sizeof(line), "bench   %-14s %8s", name, ops);
	for (unsigned int c = 0; c < t->nr && len < sizeof(line); c++) {
		cell(t, w, c, value, ratio, sizeof(value));
		if (has_ratio(t, c))
			len += snprintf(line + len, sizeof(line) - len, " %11s %7s", value, ratio);
		else
			len += snprintf(line + len, sizeof(line) - len, " %11s", value);
	}
	pr_info("%s\n", line);
}

static void header_cell(const struct peer_table *t, unsigned int w, unsigned int c, char *value,
			char *ratio, size_t size)
{
	strscpy(value, t->cols[c]->name, size);
	strscpy(ratio, "ratio", size);
}

/* Counter units per op of workload @w through column @c, and the ratio to kmalloc's. */
static void figure_cell(const struct peer_table *t, unsigned int w, unsigned int c, char *value,
			char *ratio, size_t size)
{
	strscpy(ratio, "", size);
	if (!t->cols[c]->alloc) {
		strscpy(value, "n/a", size);
	} else if (t->failed[w][c]) {
		strscpy(value, "failed", size);
	} else {
		format_per_op(value, size, t->best[w][c], workloads[w].ops);
		if (has_ratio(t, c) && !t->failed[w][0] && t->best[w][0] > 0) {
			format_per_op(ratio, size - 1, t->best[w][c], t->best[w][0]);
			strscpy(ratio + strlen(ratio), "x", size - strlen(ratio));
		}
	}
}

/*
 * The memory table: what each allocator holds (its held(), minus what it
 * held before its first workload here) at these points of the workloads,
 * against the bytes live there. Measured once per allocator, untimed,
 * before the timed repetitions, the workloads in this order.
 */
enum mem_point {
	MEM_PAIR64,   /* after pair64: nothing live */
	MEM_BATCH256, /* batch256's 1024 objects live */
	MEM_RANDOM,   /* random_sizes' 4096 live, after its ops */
	MEM_GROWN,    /* grow_shrink's 8192 live */
	MEM_SHRUNK,   /* then every 8th of them */
	MEM_FREED,    /* then none: what is left is not given back */
	NR_MEM_POINTS
};

static const char *const mem_point_names[NR_MEM_POINTS] = {
	"pair64", "batch256", "random_sizes", "grow_peak", "grow_shrunk", "grow_freed",
};

struct mem_table {
	unsigned long requested[NR_MEM_POINTS]; /* bytes live: the same for every allocator */
	unsigned long held[NR_MEM_POINTS][PEER_MAX];
	bool failed[PEER_MAX]; /* no held(), or an allocation failed */
};

static struct mem_table mem;
static unsigned int live_size[GROW_LIVE]; /* the memory pass's record of each live object */

/* Allocate @size bytes into live[@i], recorded; false if it failed. */
static bool mem_alloc(const struct bench_allocator *a, unsigned int i, size_t size)
{
	live[i] = a->alloc(size);
	live_size[i] = live[i] ? size : 0;
	if (live[i])
		use_object(live[i], i);
	return live[i];
}

static void mem_free(const struct bench_allocator *a, unsigned int i)
{
	a->free(live[i]);
	live[i] = NULL;
	live_size[i] = 0;
}

/* Bytes live in live[0 .. @nr - 1]. */
static unsigned long mem_live_bytes(unsigned int nr)
{
	unsigned long bytes = 0;

	for (unsigned int i = 0; i < nr; i++)
		bytes += live_size[i];
	return bytes;
}

/* Record point @p for column @c: held over @base, and the bytes live in the first @nr slots. */
static void mem_sample(const struct bench_allocator *a, unsigned int c, enum mem_point p,
		       unsigned long base, unsigned int nr)
{
	mem.held[p][c] = a->held() - base;
	mem.requested[p] = mem_live_bytes(nr);
}

/* The workloads as above, untimed, stopping at each point to sample; false if one failed. */
static bool mem_workloads(const struct bench_allocator *a, unsigned int c)
{
	unsigned long base = a->held();
	bool ok = true;

	ok = pair64(a, workloads[0].ops / PEER_WARMUP_DIVISOR);
	mem_sample(a, c, MEM_PAIR64, base, 0);
	for (unsigned int i = 0; ok && i < BATCH_LIVE; i++)
		ok = mem_alloc(a, i, BATCH_SIZE);
	mem_sample(a, c, MEM_BATCH256, base, BATCH_LIVE);
	free_live(a, BATCH_LIVE);

	rng_state = RANDOM_SEED;
	for (unsigned int i = 0; ok && i < RANDOM_LIVE; i++)
		ok = mem_alloc(a, i, random_size(next_random()));
	for (unsigned long i = 0; ok && i < workloads[2].ops; i++) {
		u64 r = next_random();
		unsigned int slot = r & (RANDOM_LIVE - 1);

		mem_free(a, slot);
		ok = mem_alloc(a, slot, random_size(r));
	}
	mem_sample(a, c, MEM_RANDOM, base, RANDOM_LIVE);
	free_live(a, RANDOM_LIVE);

	rng_state = RANDOM_SEED;
	for (unsigned int i = 0; ok && i < GROW_LIVE; i++)
		ok = mem_alloc(a, i, random_size(next_random()));
	mem_sample(a, c, MEM_GROWN, base, GROW_LIVE);
	for (unsigned int i = 0; i < GROW_LIVE; i++)
		if (live[i] && i % GROW_KEEP)
			mem_free(a, i);
	mem_sample(a, c, MEM_SHRUNK, base, GROW_LIVE);
	for (unsigned int i = 0; i < GROW_LIVE; i++)
		if (live[i])
			mem_free(a, i);
	mem_sample(a, c, MEM_FREED, base, GROW_LIVE);
	return ok;
}

static void measure_memory(const struct peer_table *t)
{
	for (unsigned int c = 0; c < t->nr; c++) {
		const struct bench_allocator *a = t->cols[c];

		mem.failed[c] = !a->alloc || !a->held || !mem_workloads(a, c);
	}
}

/*
 * "1234(+12%)": KiB held, and how much more than the bytes requested live
 * (none when nothing is); the ratio: held over kmalloc's.
 */
static void memory_cell(const struct peer_table *t, unsigned int p, unsigned int c, char *value,
			char *ratio, size_t size)
{
	unsigned long held = mem.held[p][c], requested = mem.requested[p];
	long over;

	strscpy(ratio, "", size);
	if (mem.failed[c] || (long)held < 0) {
		strscpy(value, mem.failed[c] ? "n/a" : "<0", size);
		return;
	}
	if (requested) {
		over = (long)((held * 100 + requested / 2) / requested) - 100;
		snprintf(value, size, "%lu(%+ld%%)", held >> 10, over);
	} else {
		snprintf(value, size, "%lu", held >> 10);
	}
	if (has_ratio(t, c) && !mem.failed[0] && (long)mem.held[p][0] > 0) {
		format_per_op(ratio, size - 1, held, mem.held[p][0]);
		strscpy(ratio + strlen(ratio), "x", size - strlen(ratio));
	}
}

static void print_memory(const struct peer_table *t)
{
	char requested[24];

	pr_info("bench kmalloc_peers memory: KiB held (each allocator's own figure, less what it "
		"held before; untimed, once) at each point, and how much more than the KiB "
		"requested live there\n");
	for (unsigned int c = 0; c < t->nr; c++)
		pr_info("bench kmalloc_peers memory: %-9s %s\n", t->cols[c]->name,
			t->cols[c]->held_how ? t->cols[c]->held_how : "(no figure)");
	print_row(t, "memory", "KiB", header_cell, 0);
	for (unsigned int p = 0; p < NR_MEM_POINTS; p++) {
		snprintf(requested, sizeof(requested), "%lu", mem.requested[p] >> 10);
		print_row(t, mem_point_names[p], requested, memory_cell, p);
	}
}

/*
 * kmalloc_peers - the peer table: each workload through kmalloc and through
 * each allocator of arch_bench_peers(), the best of bench.peer_reps
 * repetitions, with the counter per op and the ratio to kmalloc's.
 */
static void kmalloc_peers(void)
{
	struct peer_table *t = &table;
	char ops[24];

	pick_columns(t);
	pr_info("bench kmalloc_peers: %s per op (one allocation + one free), best of %lu; "
		"ratio = that allocator's %s over kmalloc's (above 1.00x: kmalloc does better)\n",
		ARCH_COUNTER_UNIT, peer_reps, ARCH_COUNTER_UNIT);
	for (unsigned int c = 0; c < t->nr; c++)
		pr_info("bench kmalloc_peers: %-9s %s\n", t->cols[c]->name, t->cols[c]->origin);
	if (!t->nr) {
		pr_info("bench kmalloc_peers: no allocator matches bench.peer=%s\n", peer_filter);
		return;
	}
	measure_memory(t);
	measure_all(t);
	print_row(t, "workload", "ops", header_cell, 0);
	for (unsigned int w = 0; w < NR_WORKLOADS; w++) {
		snprintf(ops, sizeof(ops), "%lu", workloads[w].ops);
		print_row(t, workloads[w].name, ops, figure_cell, w);
	}
	print_memory(t);
}

BENCH_SUITE(kmalloc_peers, BENCH_TABLE(kmalloc_peers));
