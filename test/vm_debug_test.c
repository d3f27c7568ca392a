/*
 * The debug build's checks of mm/'s rules (<mmdebug.h>, CONFIG_DEBUG_VM: the
 * host sanitizer builds) catch a broken rule at once: a function that needs a
 * lock called without it, a per-CPU array whose encoding is damaged. Manual
 * suites (each ends the run on purpose); tools/test-harness runs them on host
 * and checks the report. Without CONFIG_DEBUG_VM they skip: the checks are
 * compiled out there.
 */
#include <asm/port.h>
#include <ktest.h>
#include <slab.h>

#include "../mm/slab.h"
#include "../mm/vmap_area.h"

static void lock_not_held_is_caught(struct ktest *t)
{
#ifndef CONFIG_DEBUG_VM
	KTEST_SKIP(t, "no CONFIG_DEBUG_VM in this build: the lock checks are compiled out");
#endif
	__find_vmap_area(VMALLOC_START); /* needs vmap_area_lock */
	KTEST_FAIL(t, "__find_vmap_area() without vmap_area_lock returned");
}

KTEST_MANUAL_SUITE(vm_debug_lock, KTEST_CASE(lock_not_held_is_caught));

static void damaged_per_cpu_array_is_caught(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-vm-debug", 64, 0, 0, NULL);
	struct array_cache *ac;
	unsigned long flags;
	void *obj;

#ifndef CONFIG_DEBUG_VM
	KTEST_SKIP(t, "no CONFIG_DEBUG_VM in this build: the array checks are compiled out");
#endif
	KTEST_ASSERT_NOT_NULL(t, s);
	obj = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, obj);
	kmem_cache_free(s, obj); /* now on this CPU's array */
	local_irq_save(flags);
	ac = cpu_array(s, raw_smp_processor_id());
	ac->top = (void **)((char *)ac->top + 1); /* not a whole pointer */
	obj = kmem_cache_alloc(s, GFP_KERNEL);
	local_irq_restore(flags);
	KTEST_FAIL(t, "an allocation from a damaged array returned %p", obj);
}

KTEST_MANUAL_SUITE(vm_debug_array, KTEST_CASE(damaged_per_cpu_array_is_caught));
