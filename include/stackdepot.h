/*
 * The stack depot (Linux's <linux/stackdepot.h>): stack traces stored once
 * each, named by a small handle, so that records that keep a stack per page or
 * object (page_owner) stay small. Storage comes from memblock at boot, sized
 * by its one user; a trace that no longer fits gets handle 0.
 */
#ifndef _STACKDEPOT_H
#define _STACKDEPOT_H

#include <gfp.h>
#include <types.h>

typedef u32 depot_stack_handle_t;

/* The deepest trace the depot keeps; deeper ones keep their innermost entries. */
#define STACK_DEPOT_MAX_DEPTH 16

/**
 * stack_depot_init - set the depot up, at boot, from memblock
 * @max_stacks: how many distinct traces it holds
 *
 * Called by the depot's user (page_owner_init()) before the page allocator
 * takes the free memory; a second call does nothing.
 * Return: 0, or -ENOMEM if memblock has no room (the depot then stores nothing).
 */
int stack_depot_init(unsigned int max_stacks);

/**
 * stack_depot_save - store a trace, or find it stored already
 * @entries: return addresses, innermost first
 * @nr_entries: how many (at most STACK_DEPOT_MAX_DEPTH are kept)
 * @alloc_flags: unused: the depot never allocates after boot (Linux's may)
 *
 * Equal traces get equal handles. Handles are dense: 1 for the first trace
 * stored, up to stack_depot_nr_stacks(). Any context; takes depot_lock
 * (irqsave, a leaf) only to add a trace.
 * Return: the handle, or 0 if the depot is full, not set up, or @nr_entries is 0.
 */
depot_stack_handle_t stack_depot_save(const unsigned long *entries, unsigned int nr_entries,
				      gfp_t alloc_flags);

/**
 * stack_depot_fetch - the trace a handle names
 * @handle: from stack_depot_save()
 * @entries: set to the stored entries (read only; they never change)
 *
 * Return: how many entries there are; 0 (and @entries NULL) for handle 0 or one never given out.
 */
unsigned int stack_depot_fetch(depot_stack_handle_t handle, unsigned long **entries);

/**
 * stack_depot_print - print a stored trace, as stack_trace_print() with no indentation.
 * @stack: its handle; nothing is printed for handle 0
 */
void stack_depot_print(depot_stack_handle_t stack);

/**
 * stack_depot_snprint - format a stored trace, as stack_trace_snprint()
 * @handle: its handle
 * @buf: the buffer
 * @size: its size
 * @spaces: indentation of each line
 *
 * Return: the length the whole trace needs (0 for handle 0).
 */
int stack_depot_snprint(depot_stack_handle_t handle, char *buf, size_t size, int spaces);

/**
 * stack_depot_nr_stacks - how many distinct traces are stored: the highest handle given out.
 */
unsigned int stack_depot_nr_stacks(void);

/**
 * stack_depot_max_stacks - how many it can hold (0 before stack_depot_init()).
 */
unsigned int stack_depot_max_stacks(void);

#endif /* _STACKDEPOT_H */
