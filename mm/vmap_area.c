/*
 * Address-space management for the vmalloc region: which ranges are free
 * and which are busy. Both are red-black trees ordered by address. The free
 * tree keeps, in each node, the size of the largest free area in its
 * subtree, so the lowest free area that fits a request is found by one
 * descent from the root, never by scanning: O(log n) to allocate, to free
 * (merging with the free neighbours) and to look an address up.
 *
 * Locking: vmap_area_lock guards both trees, the busy count and the history
 * of freed areas. A plain spinlock, taken with interrupts enabled and never
 * in an interrupt handler. Nothing is allocated under it (a new area's nodes
 * are allocated before it is taken); a free area merged away is freed under
 * it (kmem_cache_free(), so a slab cache lock and zone->lock may nest
 * inside). The fault report (vmalloc_reports.c) only tries it: the fault may
 * have hit while this CPU held it.
 */
#include <bug.h>
#include <errno.h>
#include <mmdebug.h>
#include <printk.h>
#include <rbtree_augmented.h>
#include <slab.h>

#include "vmap_area.h"

#define FREED_HISTORY 64 /* freed areas remembered for fault reports */

DEFINE_SPINLOCK(vmap_area_lock);
struct rb_root vmap_busy_root = RB_ROOT;
static struct rb_root vmap_free_root = RB_ROOT;
static struct kmem_cache *vmap_area_cachep;
static unsigned long nr_busy_areas;

static struct freed_vmap_area freed_history[FREED_HISTORY];
static unsigned int freed_next; /* the slot the next freed area goes to */

static unsigned long va_size(const struct vmap_area *va)
{
	return va->va_end - va->va_start;
}

RB_DECLARE_CALLBACKS_MAX(static, free_augment, struct vmap_area, rb_node, unsigned long,
			 subtree_max_size, va_size);

static struct vmap_area *va_of(struct rb_node *node)
{
	return node ? rb_entry(node, struct vmap_area, rb_node) : NULL;
}

static unsigned long subtree_max(struct rb_node *node)
{
	return node ? va_of(node)->subtree_max_size : 0;
}

/* Link @va into @root by address; @augment for the free tree, NULL for the busy tree. */
static void insert_area(struct rb_root *root, struct vmap_area *va,
			const struct rb_augment_callbacks *augment)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	va->subtree_max_size = va_size(va);
	while (*link) {
		struct vmap_area *above = va_of(*link);

		/* The augmented tree's contract: the path down includes the new size already. */
		if (augment && above->subtree_max_size < va->subtree_max_size)
			above->subtree_max_size = va->subtree_max_size;
		parent = *link;
		link = va->va_start < above->va_start ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&va->rb_node, parent, link);
	if (augment)
		rb_insert_augmented(&va->rb_node, root, augment);
	else
		rb_insert_color(&va->rb_node, root);
}

/* Does [start, start + size) fit in @va with start aligned to @align? Where, in *@start. */
static bool area_fits(const struct vmap_area *va, unsigned long size, unsigned long align,
		      unsigned long *start)
{
	unsigned long s = (va->va_start + align - 1) & ~(align - 1);

	if (s < va->va_start || s >= va->va_end || va->va_end - s < size)
		return false;
	*start = s;
	return true;
}

/*
 * The lowest free area holding @size bytes at @align. A subtree is entered
 * only if its largest area is at least size + align - PAGE_SIZE long, which
 * fits whatever the alignment of its start, so the descent never has to
 * come back up; an area shorter than that which happens to be aligned well
 * can be passed over (Linux's vmalloc makes the same trade).
 */
static struct vmap_area *find_lowest_fit(unsigned long size, unsigned long align,
					 unsigned long *start)
{
	unsigned long length = size + align - PAGE_SIZE;
	struct rb_node *node = vmap_free_root.rb_node;

	lockdep_assert_held(&vmap_area_lock);
	if (length < size || subtree_max(node) < length)
		return NULL;
	while (node) {
		struct vmap_area *va = va_of(node);

		if (subtree_max(node->rb_left) >= length)
			node = node->rb_left;
		else if (area_fits(va, size, align, start))
			return va;
		else
			node = node->rb_right;
	}
	return NULL; /* not reached: the root's maximum promised a fit */
}

/*
 * Cut [start, start + size) out of free area @va: it shrinks, splits in two
 * (the right part into @spare, which is then used up) or disappears.
 */
static void clip_free_area(struct vmap_area *va, unsigned long start, unsigned long size,
			   struct vmap_area **spare)
{
	unsigned long end = start + size;

	lockdep_assert_held(&vmap_area_lock);
	if (start == va->va_start && end == va->va_end) {
		rb_erase_augmented(&va->rb_node, &vmap_free_root, &free_augment);
		kmem_cache_free(vmap_area_cachep, va);
	} else if (start == va->va_start) {
		va->va_start = end;
		free_augment.propagate(&va->rb_node, NULL);
	} else if (end == va->va_end) {
		va->va_end = start;
		free_augment.propagate(&va->rb_node, NULL);
	} else {
		struct vmap_area *right = *spare;

		*spare = NULL;
		right->va_start = end;
		right->va_end = va->va_end;
		va->va_end = start;
		free_augment.propagate(&va->rb_node, NULL);
		insert_area(&vmap_free_root, right, &free_augment);
	}
}

struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long align, gfp_t gfp)
{
	struct vmap_area *va, *spare, *free;
	unsigned long start;

	/* Allocate before taking the lock: the busy area, and a spare for a split. */
	va = kmem_cache_zalloc(vmap_area_cachep, gfp);
	if (!va)
		return NULL;
	spare = kmem_cache_alloc(vmap_area_cachep, gfp);
	if (!spare)
		goto fail;

	spin_lock(&vmap_area_lock);
	free = find_lowest_fit(size, align, &start);
	if (!free) {
		spin_unlock(&vmap_area_lock);
		goto fail;
	}
	clip_free_area(free, start, size, &spare);
	va->va_start = start;
	va->va_end = start + size;
	va->vm.addr = (void *)start;
	va->vm.size = size;
	insert_area(&vmap_busy_root, va, NULL);
	nr_busy_areas++;
	spin_unlock(&vmap_area_lock);

	if (spare)
		kmem_cache_free(vmap_area_cachep, spare);
	return va;
fail:
	if (spare)
		kmem_cache_free(vmap_area_cachep, spare);
	kmem_cache_free(vmap_area_cachep, va);
	return NULL;
}

struct vmap_area *__find_vmap_area(unsigned long addr)
{
	struct rb_node *node = vmap_busy_root.rb_node;

	lockdep_assert_held(&vmap_area_lock);
	while (node) {
		struct vmap_area *va = va_of(node);

		if (addr < va->va_start)
			node = node->rb_left;
		else if (addr >= va->va_end)
			node = node->rb_right;
		else
			return va;
	}
	return NULL;
}

struct vmap_area *find_vmap_area(unsigned long addr)
{
	struct vmap_area *va;

	spin_lock(&vmap_area_lock);
	va = __find_vmap_area(addr);
	spin_unlock(&vmap_area_lock);
	return va;
}

struct vmap_area *take_vmap_area(unsigned long addr)
{
	struct vmap_area *va;

	spin_lock(&vmap_area_lock);
	va = __find_vmap_area(addr);
	if (va && va->va_start == addr) {
		rb_erase(&va->rb_node, &vmap_busy_root);
		nr_busy_areas--;
	} else
		va = NULL;
	spin_unlock(&vmap_area_lock);
	return va;
}

/* Where a free area starting at @start would be linked: its neighbours in the free tree. */
static void free_neighbours(unsigned long start, struct vmap_area **prev, struct vmap_area **next)
{
	struct rb_node *node = vmap_free_root.rb_node;

	*prev = *next = NULL;
	while (node) {
		struct vmap_area *va = va_of(node);

		if (start < va->va_start) {
			*next = va;
			node = node->rb_left;
		} else {
			*prev = va;
			node = node->rb_right;
		}
	}
}

static void remember_freed(const struct vmap_area *va, const void *freer)
{
	freed_history[freed_next] = (struct freed_vmap_area){
		.va_start = va->va_start,
		.va_end = va->va_end,
		.caller = va->vm.caller,
		.freer = freer,
	};
	freed_next = (freed_next + 1) % FREED_HISTORY;
}

void free_vmap_area(struct vmap_area *va, const void *freer)
{
	struct vmap_area *prev, *next;

	spin_lock(&vmap_area_lock);
	remember_freed(va, freer);
	free_neighbours(va->va_start, &prev, &next);
	if (next && next->va_start == va->va_end) {
		if (prev && prev->va_end == va->va_start) {
			/* Fills the hole between two free areas: one area now. */
			prev->va_end = next->va_end;
			rb_erase_augmented(&next->rb_node, &vmap_free_root, &free_augment);
			free_augment.propagate(&prev->rb_node, NULL);
			kmem_cache_free(vmap_area_cachep, next);
		} else {
			next->va_start = va->va_start;
			free_augment.propagate(&next->rb_node, NULL);
		}
	} else if (prev && prev->va_end == va->va_start) {
		prev->va_end = va->va_end;
		free_augment.propagate(&prev->rb_node, NULL);
	} else {
		insert_area(&vmap_free_root, va, &free_augment);
		va = NULL; /* it is the free area now */
	}
	spin_unlock(&vmap_area_lock);
	if (va)
		kmem_cache_free(vmap_area_cachep, va);
}

unsigned long nr_vmalloc_areas(void)
{
	return READ_ONCE(nr_busy_areas);
}

bool __find_freed_vmap_area(unsigned long addr, struct freed_vmap_area *out)
{
	for (unsigned int i = 1; i <= FREED_HISTORY; i++) {
		const struct freed_vmap_area *f =
			&freed_history[(freed_next + FREED_HISTORY - i) % FREED_HISTORY];

		if (f->va_end && addr >= f->va_start && addr < f->va_end) {
			*out = *f;
			return true;
		}
	}
	return false;
}

void vmap_area_init(unsigned long start, unsigned long end)
{
	struct vmap_area *va;

	vmap_area_cachep =
		kmem_cache_create("vmap_area", sizeof(struct vmap_area), 0, SLAB_PANIC, NULL);
	va = kmem_cache_zalloc(vmap_area_cachep, GFP_KERNEL);
	if (!va)
		panic("vmalloc: no memory for the free area");
	va->va_start = start;
	va->va_end = end;
	insert_area(&vmap_free_root, va, &free_augment);
}
