/* /proc/slabinfo (version 2.1): one line per cache. */
#include <kernel.h>

#include "slab.h"

int slabinfo_line(struct kmem_cache *s, char *buf, size_t len)
{
	unsigned long active_objs, num_objs, active_slabs, num_slabs, flags;
	unsigned int limit = s->array_limit, batch = s->array_batch;

	spin_lock_irqsave(&s->lock, flags);
	active_objs = s->nr_active;
	num_slabs = s->nr_slabs;
	active_slabs = s->nr_slabs - s->nr_free_slabs;
	spin_unlock_irqrestore(&s->lock, flags);
	num_objs = num_slabs * s->objects;
	return scnprintf(
		buf, len,
		"%-17s %6lu %6lu %6u %4u %4u : tunables %4u %4u %4u : slabdata %6lu %6lu %6u",
		s->name, active_objs, num_objs, s->size, s->objects, 1U << s->order, limit, batch,
		0U, active_slabs, num_slabs, 0U);
}

void show_slabinfo(void)
{
	static char line[256];
	struct kmem_cache *s;
	unsigned long flags;

	printk("slabinfo - version: 2.1\n");
	printk("# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
	       " : tunables <limit> <batchcount> <sharedfactor>"
	       " : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	/* Interrupts masked: a drain of every cache takes this lock from an IPI (slab.c). */
	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry (s, &slab_caches, list) {
		slabinfo_line(s, line, sizeof(line));
		printk("%s\n", line);
	}
	spin_unlock_irqrestore(&slab_caches_lock, flags);
}
