/*
 * init_on_alloc= and init_on_free= (Linux's boot options, "1"/"0"): zero
 * every page and slab object as it is allocated, or as it is freed, so that
 * no data outlives its owner and nothing reads stale data. The page and slab
 * allocators read the two switches (want_init_on_alloc(), want_init_on_free()
 * in <mm.h>); while either is on, their fast paths step aside (a per-CPU
 * list's ->init_on gate, a cache's fast-path array), so that they cost
 * nothing when both are off. A leaf of mm/: no locks.
 */
#include <kernel.h>
#include <mm.h>
#include <params.h>

bool init_on_alloc_enabled;
bool init_on_free_enabled;

static int parse_init_on_alloc(const char *value)
{
	return kstrtobool(value, &init_on_alloc_enabled);
}
early_param("init_on_alloc", parse_init_on_alloc);

static int parse_init_on_free(const char *value)
{
	return kstrtobool(value, &init_on_free_enabled);
}
early_param("init_on_free", parse_init_on_free);
