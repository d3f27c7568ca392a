/*
 * /proc/slabinfo (version 2.1): one line per cache; and one cache in detail,
 * its object layout and per-CPU arrays.
 */
#include <errno.h>
#include <kernel.h>
#include <smp.h>
#include <string.h>

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

static const struct {
	slab_flags_t flag;
	const char *name;
} slab_flag_names[] = {
	{ SLAB_CONSISTENCY_CHECKS, "SLAB_CONSISTENCY_CHECKS" },
	{ SLAB_RED_ZONE, "SLAB_RED_ZONE" },
	{ SLAB_POISON, "SLAB_POISON" },
	{ SLAB_HWCACHE_ALIGN, "SLAB_HWCACHE_ALIGN" },
	{ SLAB_CACHE_DMA32, "SLAB_CACHE_DMA32" },
	{ SLAB_STORE_USER, "SLAB_STORE_USER" },
	{ SLAB_PANIC, "SLAB_PANIC" },
	{ SLAB_RECLAIM_ACCOUNT, "SLAB_RECLAIM_ACCOUNT" },
	{ SLAB_KMALLOC, "kmalloc" },
};

/* The layout and arrays of @s; slab_caches_lock held (it keeps @s alive). */
static void show_cache_details(struct kmem_cache *s)
{
	char flags[160] = "";
	unsigned int cpu;
	int len = 0;

	for (size_t i = 0; i < ARRAY_SIZE(slab_flag_names); i++)
		if (s->flags & slab_flag_names[i].flag)
			len += scnprintf(flags + len, sizeof(flags) - len, "%s%s", len ? "|" : "",
					 slab_flag_names[i].name);
	printk("  object size %u, stride %u, align %u, left red zone %u, free pointer at +%u\n",
	       s->object_size, s->size, s->align, s->red_left, s->free_offset);
	/* Offsets from the object's start, as the struct kmem_cache comment draws them. */
	printk("  in use to +%u (right red zone included), tracks at +%u, requested size at +%u"
	       " (0: none)\n",
	       s->inuse, s->flags & SLAB_STORE_USER ? s->track_offset : 0, s->orig_size_offset);
	printk("  slabs of %u page(s), %u objects each, colours %u apart (%u of them); %lu slabs,"
	       " %lu of them empty\n",
	       1U << s->order, s->objects, s->colour_step, s->colour_count, s->nr_slabs,
	       s->nr_free_slabs);
	printk("  flags: %s\n", len ? flags : "none");
	for_each_online_cpu (cpu) {
		const struct array_cache *ac = cpu_array(s, cpu);

		printk("  CPU%u array: %lu of %lu objects%s\n", cpu, array_objects(ac),
		       array_capacity(ac), ac->order == SLAB_CPU_ARRAY_SMALL ? "" : " (grown)");
	}
	printk("  depot: %u of %u objects\n", READ_ONCE(s->depot_nr), s->depot_limit);
}

int show_slab_cache(const char *name)
{
	static char line[256];
	struct kmem_cache *s;
	unsigned long flags;
	int err = -ENOENT;

	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry (s, &slab_caches, list) {
		if (strcmp(s->name, name))
			continue;
		slabinfo_line(s, line, sizeof(line));
		printk("%s\n", line);
		show_cache_details(s);
		err = 0;
		break;
	}
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	return err;
}
