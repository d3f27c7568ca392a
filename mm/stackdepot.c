/*
 * The stack depot: each distinct stack trace stored once, in a table of
 * fixed-size records allocated from memblock at boot (stack_depot_init(),
 * called by page_owner), found again through a hash table. A handle is the
 * record's index plus one, so its users can keep per-trace counts in an
 * array of their own. Nothing is ever removed.
 *
 * Locking: depot_lock (irqsave, a leaf: nothing is called under it) orders
 * the writers, who fill a record, link it into its bucket and then publish
 * the bucket's new head and the new count with release stores. Readers take
 * no lock: a record they reach through an acquire load of a head, or of the
 * count, is complete and never changes again.
 */
#include <atomic.h>
#include <errno.h>
#include <kernel.h>
#include <memblock.h>
#include <spinlock.h>
#include <stackdepot.h>
#include <stacktrace.h>
#include <string.h>

struct stack_record {
	u32 next; /* the next handle in this bucket, 0 at the end */
	u32 hash;
	u32 nr_entries;
	unsigned long entries[STACK_DEPOT_MAX_DEPTH];
};

static struct stack_record *records; /* records[handle - 1] */
static u32 *buckets;		     /* the handle of each bucket's newest record */
static unsigned int nr_buckets;	     /* a power of two */
static unsigned int max_stacks;
static unsigned int nr_stacks;
static DEFINE_SPINLOCK(depot_lock);

int stack_depot_init(unsigned int max)
{
	unsigned int nb = 1;

	if (records || !max)
		return 0;
	while (nb < max)
		nb <<= 1;
	records = memblock_alloc((phys_addr_t)max * sizeof(*records), sizeof(long));
	buckets = memblock_alloc((phys_addr_t)nb * sizeof(*buckets), sizeof(long));
	if (!records || !buckets) {
		pr_warn("stack_depot: no memory for %u stacks\n", max);
		records = NULL;
		return -ENOMEM;
	}
	nr_buckets = nb;
	smp_store_release(&max_stacks, max);
	return 0;
}

/* A 32-bit hash of the entries (a 64-bit multiply-xorshift mix of each). */
static u32 hash_entries(const unsigned long *entries, unsigned int nr)
{
	u64 h = nr;

	for (unsigned int i = 0; i < nr; i++) {
		h ^= entries[i];
		h *= 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	return (u32)(h ^ (h >> 32));
}

static struct stack_record *record_of(depot_stack_handle_t handle)
{
	return &records[handle - 1];
}

/* The handle of the record equal to @entries in the bucket that starts at @handle, or 0. */
static depot_stack_handle_t find_in_bucket(depot_stack_handle_t handle,
					   const unsigned long *entries, unsigned int nr, u32 hash)
{
	for (; handle; handle = record_of(handle)->next) {
		const struct stack_record *r = record_of(handle);

		if (r->hash == hash && r->nr_entries == nr &&
		    !memcmp(r->entries, entries, nr * sizeof(*entries)))
			return handle;
	}
	return 0;
}

depot_stack_handle_t stack_depot_save(const unsigned long *entries, unsigned int nr_entries,
				      gfp_t alloc_flags)
{
	u32 hash, *bucket;
	depot_stack_handle_t handle;
	unsigned long flags;

	if (!nr_entries || !smp_load_acquire(&max_stacks))
		return 0;
	nr_entries = min(nr_entries, (unsigned int)STACK_DEPOT_MAX_DEPTH);
	hash = hash_entries(entries, nr_entries);
	bucket = &buckets[hash & (nr_buckets - 1)];
	handle = find_in_bucket(smp_load_acquire(bucket), entries, nr_entries, hash);
	if (handle)
		return handle;
	spin_lock_irqsave(&depot_lock, flags);
	/* Another CPU may have added it meanwhile: look again under the lock. */
	handle = find_in_bucket(*bucket, entries, nr_entries, hash);
	if (!handle && nr_stacks < max_stacks) {
		struct stack_record *r;

		handle = nr_stacks + 1;
		r = record_of(handle);
		r->next = *bucket;
		r->hash = hash;
		r->nr_entries = nr_entries;
		memcpy(r->entries, entries, nr_entries * sizeof(*entries));
		smp_store_release(bucket, handle);
		smp_store_release(&nr_stacks, handle);
	}
	spin_unlock_irqrestore(&depot_lock, flags);
	return handle;
}

unsigned int stack_depot_fetch(depot_stack_handle_t handle, unsigned long **entries)
{
	if (!handle || handle > smp_load_acquire(&nr_stacks)) {
		*entries = NULL;
		return 0;
	}
	*entries = record_of(handle)->entries;
	return record_of(handle)->nr_entries;
}

void stack_depot_print(depot_stack_handle_t stack)
{
	unsigned long *entries;
	unsigned int nr = stack_depot_fetch(stack, &entries);

	if (nr)
		stack_trace_print(entries, nr, 0);
}

int stack_depot_snprint(depot_stack_handle_t handle, char *buf, size_t size, int spaces)
{
	unsigned long *entries;
	unsigned int nr = stack_depot_fetch(handle, &entries);

	if (!nr) {
		if (size)
			buf[0] = '\0';
		return 0;
	}
	return stack_trace_snprint(buf, size, entries, nr, spaces);
}

unsigned int stack_depot_nr_stacks(void)
{
	return smp_load_acquire(&nr_stacks);
}

unsigned int stack_depot_max_stacks(void)
{
	return smp_load_acquire(&max_stacks);
}
