/*
 * Memory pools (Linux's mempool): a reserve of min_nr preallocated elements
 * in front of an allocator. mempool_alloc() asks the allocator first and
 * takes from the reserve only when that fails; mempool_free() refills the
 * reserve before it gives anything back. Used by code that must make
 * progress when memory runs out.
 *
 * Locking: each pool's ->lock guards its reserve (elements[], curr_nr,
 * min_nr, the free generation). Taken with interrupts masked, since
 * mempool_free() may be called from an interrupt handler; nothing is
 * allocated, freed, checked or reported under it: elements go to and come
 * from the allocator, and are checked for poison, after it is dropped. It
 * nests inside no other mm/ lock and no other lock nests in it.
 */
#include <asm/port.h>
#include <bug.h>
#include <kernel.h>
#include <mempool.h>
#include <params.h>
#include <slab.h>
#include <smp.h>
#include <string.h>

#include "internal.h"

/*
 * A waiting mempool_alloc() polls the reserve this many times between tries
 * of the allocator (Linux sleeps up to 5 s between them): an element given
 * back while the reserve was full went to the allocator, not to the waiter.
 */
#define MEMPOOL_WAIT_POLLS (1UL << 16)

#define POISON_REASON "Poison overwritten in a reserved mempool element"

static bool mempool_debug;

bool mempool_set_debug(bool on)
{
	bool old = READ_ONCE(mempool_debug);

	WRITE_ONCE(mempool_debug, on);
	return old;
}

static int parse_mempool_debug(const char *value)
{
	unsigned long on;

	if (!value || kstrtoul(value, 0, &on) || on > 1)
		return -EINVAL;
	mempool_set_debug(on);
	return 0;
}
early_param("mempool.debug", parse_mempool_debug);

/* --- the stock allocators ----------------------------------------------- */

void *mempool_alloc_slab(gfp_t gfp_mask, void *pool_data)
{
	return kmem_cache_alloc(pool_data, gfp_mask);
}

void mempool_free_slab(void *element, void *pool_data)
{
	kmem_cache_free(pool_data, element);
}

void *mempool_kmalloc(gfp_t gfp_mask, void *pool_data)
{
	return kmalloc((size_t)pool_data, gfp_mask);
}

void mempool_kfree(void *element, void *pool_data)
{
	kfree(element);
}

void *mempool_alloc_pages(gfp_t gfp_mask, void *pool_data)
{
	return alloc_pages(gfp_mask, (unsigned int)(long)pool_data);
}

void mempool_free_pages(void *element, void *pool_data)
{
	__free_pages(element, (unsigned int)(long)pool_data);
}

/* --- what the pool knows of its elements --------------------------------- */

/* Where an element's bytes are, how many, and which cache they belong to (stock pools). */
struct element_memory {
	void *addr;
	size_t len; /* 0: unknown (a pool of the caller's own allocator) */
	struct kmem_cache *cache;
	const char *name; /* for reports when there is no cache */
};

static struct element_memory element_memory(const mempool_t *pool, void *element)
{
	struct element_memory m = { .addr = element, .name = "mempool" };

	if (pool->alloc == mempool_alloc_slab) {
		m.cache = pool->pool_data;
		m.len = kmem_cache_size(m.cache);
	} else if (pool->alloc == mempool_kmalloc) {
		m.cache = kmem_cache_of_object(element);
		m.len = ZERO_OR_NULL_PTR(element) ? 0 : (size_t)pool->pool_data;
		m.name = "mempool kmalloc";
	} else if (pool->alloc == mempool_alloc_pages) {
		m.addr = page_address(element);
		m.len = PAGE_SIZE << (long)pool->pool_data;
		m.name = "mempool pages";
	}
	return m;
}

/*
 * Does the pool poison this element while it is reserved? Its cache says so
 * (SLAB_POISON), or the pool was made with mempool_set_debug() on. Never an
 * object with a constructor, and never an element of unknown size.
 */
static bool poisons(const mempool_t *pool, const struct element_memory *m)
{
	if (!m->len || (m->cache && !kmem_cache_may_poison(m->cache)))
		return false;
	return pool->debug || (m->cache && kmem_cache_poisons(m->cache));
}

static void poison_element(const mempool_t *pool, void *element)
{
	struct element_memory m = element_memory(pool, element);

	if (poisons(pool, &m))
		poison_memory(m.addr, m.len);
}

/* A write into a reserved element is reported, its poison restored; it is handed out anyway. */
static void check_element(const mempool_t *pool, void *element)
{
	struct element_memory m = element_memory(pool, element);

	if (poisons(pool, &m))
		check_poisoned_memory(m.cache, m.name, m.addr, m.len, POISON_REASON);
}

/*
 * Is @element what the stock allocator of @pool hands out: an object of the
 * pool's cache, or the start of a kmalloc block? Elements of other pools
 * cannot be checked and pass.
 */
static bool element_looks_valid(const mempool_t *pool, const void *element)
{
	if (pool->alloc == mempool_alloc_slab)
		return kmem_cache_owns(pool->pool_data, element);
	if (pool->alloc == mempool_kmalloc)
		return element == ZERO_SIZE_PTR || is_kmalloc_block(element);
	return true;
}

/* --- the reserve (pool->lock held) -------------------------------------- */

static void add_element(mempool_t *pool, void *element)
{
	poison_element(pool, element);
	pool->elements[pool->curr_nr++] = element;
}

static void *remove_element(mempool_t *pool)
{
	return pool->elements[--pool->curr_nr];
}

/* Is @element in the reserve already? (kmalloc(0)'s ZERO_SIZE_PTR may be there many times.) */
static bool in_reserve(const mempool_t *pool, const void *element)
{
	if (element == ZERO_SIZE_PTR)
		return false;
	for (int i = 0; i < pool->curr_nr; i++)
		if (pool->elements[i] == element)
			return true;
	return false;
}

/* --- creating, resizing, destroying --------------------------------------- */

int mempool_init(mempool_t *pool, int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
		 void *pool_data)
{
	if (WARN_ON(min_nr < 0 || !alloc_fn || !free_fn))
		return -EINVAL;
	*pool = (mempool_t){
		.min_nr = min_nr,
		.pool_data = pool_data,
		.alloc = alloc_fn,
		.free = free_fn,
		.debug = READ_ONCE(mempool_debug),
	};
	spin_lock_init(&pool->lock);
	pool->elements = kmalloc_array((size_t)min_nr, sizeof(void *), GFP_KERNEL);
	if (!pool->elements)
		return -ENOMEM;
	while (pool->curr_nr < pool->min_nr) {
		void *element = pool->alloc(GFP_KERNEL, pool->pool_data);

		if (!element) {
			mempool_exit(pool);
			return -ENOMEM;
		}
		add_element(pool, element); /* the pool is not shared yet: no lock */
	}
	return 0;
}

void mempool_exit(mempool_t *pool)
{
	while (pool->curr_nr) {
		void *element = remove_element(pool);

		check_element(pool, element);
		pool->free(element, pool->pool_data);
	}
	kfree(pool->elements);
	pool->elements = NULL;
}

mempool_t *mempool_create(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			  void *pool_data)
{
	mempool_t *pool = kmalloc(sizeof(*pool), GFP_KERNEL);

	if (!pool)
		return NULL;
	if (mempool_init(pool, min_nr, alloc_fn, free_fn, pool_data)) {
		kfree(pool);
		return NULL;
	}
	return pool;
}

void mempool_destroy(mempool_t *pool)
{
	if (!pool)
		return;
	mempool_exit(pool);
	kfree(pool);
}

/* Give back reserved elements until at most @keep remain. */
static void shrink_reserve(mempool_t *pool, int keep)
{
	unsigned long flags;

	local_irq_save(flags);
	spin_lock(&pool->lock);
	while (pool->curr_nr > keep) {
		void *element = remove_element(pool);

		spin_unlock(&pool->lock);
		local_irq_restore(flags);
		check_element(pool, element);
		pool->free(element, pool->pool_data);
		local_irq_save(flags);
		spin_lock(&pool->lock);
	}
	spin_unlock(&pool->lock);
	local_irq_restore(flags);
}

/* Fill the reserve up to min_nr with GFP_KERNEL allocations; stop at the first failure. */
static void fill_reserve(mempool_t *pool)
{
	unsigned long flags;

	for (;;) {
		void *element = pool->alloc(GFP_KERNEL, pool->pool_data);
		bool added = false;

		if (!element)
			return;
		local_irq_save(flags);
		spin_lock(&pool->lock);
		if (pool->curr_nr < pool->min_nr) {
			add_element(pool, element);
			added = true;
		}
		spin_unlock(&pool->lock);
		local_irq_restore(flags);
		if (!added) { /* full: frees got there first */
			pool->free(element, pool->pool_data);
			return;
		}
	}
}

int mempool_resize(mempool_t *pool, int new_min_nr)
{
	void **new_elements, **old_elements;
	unsigned long flags;

	if (WARN_ON(new_min_nr <= 0))
		return -EINVAL;
	if (new_min_nr <= READ_ONCE(pool->min_nr)) {
		local_irq_save(flags);
		spin_lock(&pool->lock);
		pool->min_nr = new_min_nr; /* frees stop refilling beyond it at once */
		spin_unlock(&pool->lock);
		local_irq_restore(flags);
		shrink_reserve(pool, new_min_nr);
		return 0;
	}
	new_elements = kmalloc_array((size_t)new_min_nr, sizeof(void *), GFP_KERNEL);
	if (!new_elements)
		return -ENOMEM;
	local_irq_save(flags);
	spin_lock(&pool->lock);
	if (unlikely(new_min_nr <= pool->min_nr)) { /* a concurrent resize got there first */
		spin_unlock(&pool->lock);
		local_irq_restore(flags);
		kfree(new_elements);
		return 0;
	}
	memcpy(new_elements, pool->elements, (size_t)pool->curr_nr * sizeof(void *));
	old_elements = pool->elements;
	pool->elements = new_elements;
	pool->min_nr = new_min_nr;
	spin_unlock(&pool->lock);
	local_irq_restore(flags);
	kfree(old_elements);
	fill_reserve(pool);
	return 0;
}

/* --- allocating and freeing ------------------------------------------------ */

/* Take an element from the reserve, or NULL; *@gen: the free generation seen when it was empty. */
static void *take_reserved(mempool_t *pool, unsigned long *gen)
{
	void *element = NULL;
	unsigned long flags;

	local_irq_save(flags);
	spin_lock(&pool->lock);
	if (pool->curr_nr)
		element = remove_element(pool);
	else
		*gen = pool->free_gen;
	spin_unlock(&pool->lock);
	local_irq_restore(flags);
	if (element)
		check_element(pool, element);
	return element;
}

/*
 * The reserve is empty and the allocator fails. Wait for mempool_free() on
 * another CPU to put an element in the reserve: it bumps pool->free_gen after
 * adding one, under the pool's lock, so a generation other than @gen means
 * an element arrived (or went again to a faster CPU: the caller just loops).
 * Every MEMPOOL_WAIT_POLLS polls the wait ends anyway, for the caller to try
 * the allocator again. With no other CPU online nothing can end the wait.
 * Return: false when waiting is pointless (one CPU).
 */
static bool wait_for_free(mempool_t *pool, unsigned long gen)
{
	if (num_online_cpus() < 2)
		return false;
	for (unsigned long polls = 0; polls < MEMPOOL_WAIT_POLLS; polls++) {
		if (__atomic_load_n(&pool->free_gen, __ATOMIC_ACQUIRE) != gen)
			break;
		cpu_relax();
	}
	return true;
}

void *mempool_alloc(mempool_t *pool, gfp_t gfp_mask)
{
	gfp_t gfp, gfp_first;
	unsigned long gen = 0;
	void *element;

	if (WARN_ON(gfp_mask & __GFP_ZERO))
		gfp_mask &= ~__GFP_ZERO;
	/*
	 * The reserve is this caller's emergency memory: it takes no part of the
	 * page allocator's (no __GFP_MEMALLOC), and a failing allocator is normal
	 * (__GFP_NOWARN). The first try does not reclaim: the reserve is cheaper.
	 */
	gfp = (gfp_mask & ~__GFP_MEMALLOC) | __GFP_NOWARN;
	gfp_first = gfp & ~(__GFP_DIRECT_RECLAIM | __GFP_IO);
	element = pool->alloc(gfp_first, pool->pool_data);
	while (!element) {
		element = take_reserved(pool, &gen);
		if (element)
			break;
		if (!gfpflags_allow_blocking(gfp))
			return NULL;
		element = pool->alloc(gfp, pool->pool_data); /* now with reclaim */
		if (element)
			break;
		if (!wait_for_free(pool, gen)) {
			if (!(gfp_mask & __GFP_NOWARN)) {
				pr_warn("mempool_alloc: pool %px is empty and its allocator fails; "
					"no other CPU can free an element: returning NULL "
					"(mode:%#x)\n",
					pool, gfp_mask);
				WARN_ON(num_online_cpus() < 2);
			}
			return NULL;
		}
	}
	return element;
}

void mempool_free(void *element, mempool_t *pool)
{
	unsigned long flags;
	bool double_free = false;

	if (unlikely(!element))
		return;
	/* A racy peek: most frees find the reserve full and take no lock. */
	if (unlikely(READ_ONCE(pool->curr_nr) < READ_ONCE(pool->min_nr))) {
		if (!element_looks_valid(pool, element))
			goto to_allocator; /* its free function reports it */
		local_irq_save(flags);
		spin_lock(&pool->lock);
		if (in_reserve(pool, element)) {
			double_free = true;
		} else if (pool->curr_nr < pool->min_nr) {
			add_element(pool, element);
			/* Release: a waiter that sees the new generation finds the element. */
			__atomic_store_n(&pool->free_gen, pool->free_gen + 1, __ATOMIC_RELEASE);
			element = NULL;
		}
		spin_unlock(&pool->lock);
		local_irq_restore(flags);
		if (double_free) {
			struct element_memory m = element_memory(pool, element);

			memory_err(m.cache, m.name, m.addr, m.len,
				   "mempool_free of an element already in the pool's reserve "
				   "(double free)");
			return;
		}
		if (!element)
			return;
	}
to_allocator:
	pool->free(element, pool->pool_data);
}
