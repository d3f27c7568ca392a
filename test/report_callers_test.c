/*
 * Every report names its callers as Linux's do ("INFO: Allocated in foo+0x1c/0x80"): a SLUB
 * report the functions that allocated and freed the object, a bad page report, a bad
 * vfree() and a vmalloc fault explanation the function that called, a kernel fault
 * report the function that faulted, /proc/vmallocinfo each
 * area's allocator, a warning the function it fired in. Each case makes the call from a
 * function of its own and checks the report's text (printk_capture()) for that name.
 */
#include <bug.h>
#include <errno.h>
#include <fault.h>
#include <gfp.h>
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>
#include <string.h>
#include <vmalloc.h>

#include "../mm/vmap_area.h"

/* Enough for the longest report below: a SLUB report with its object dump. */
#define REPORT_MAX 8192
static char report[REPORT_MAX];

static int some_global;

/*
 * The callers the reports must name. Each is global and out of line, and the barrier after
 * its call keeps that call from becoming a tail call (which would make the test the caller).
 */
noinline void *report_callers_alloc(struct kmem_cache *s);
noinline void *report_callers_alloc(struct kmem_cache *s)
{
	void *p = kmem_cache_alloc(s, GFP_KERNEL);

	barrier();
	return p;
}

noinline void report_callers_free(struct kmem_cache *s, void *p);
noinline void report_callers_free(struct kmem_cache *s, void *p)
{
	kmem_cache_free(s, p);
	barrier();
}

noinline void report_callers_kfree(const void *p);
noinline void report_callers_kfree(const void *p)
{
	kfree(p);
	barrier();
}

noinline void report_callers_free_pages(struct page *page, unsigned int order);
noinline void report_callers_free_pages(struct page *page, unsigned int order)
{
	__free_pages(page, order);
	barrier();
}

noinline void *report_callers_vmalloc(unsigned long size);
noinline void *report_callers_vmalloc(unsigned long size)
{
	void *p = vmalloc(size);

	barrier();
	return p;
}

noinline void report_callers_vfree(const void *p);
noinline void report_callers_vfree(const void *p)
{
	vfree(p);
	barrier();
}

noinline bool report_callers_warn(bool cond);
noinline bool report_callers_warn(bool cond)
{
	return WARN_ON(cond);
}

/* The captured report has "@what @function+0x"; say what it had instead if not. */
static void expect_named(struct ktest *t, const char *what, const char *function)
{
	char want[128];

	snprintf(want, sizeof(want), "%s%s+0x", what, function);
	if (!strstr(report, want))
		ktest_fail_at(t, __FILE__, __LINE__,
			      "expected the report to contain \"%s\", seen:\n%s", want, report);
}

static void slub_report_names_the_allocating_and_freeing_functions(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-callers", 64, 0, SLAB_DEBUG_FLAGS, NULL);
	void *p;

	KTEST_ASSERT_NOT_NULL(t, s);
	p = report_callers_alloc(s);
	KTEST_ASSERT_NOT_NULL(t, p);
	report_callers_free(s, p);
	printk_capture(report, sizeof(report));
	kmem_cache_free(s, p); /* a double free: the report shows the object's trackers */
	printk_capture(NULL, 0);
	expect_named(t, "INFO: Allocated in ", "report_callers_alloc");
	expect_named(t, "INFO: Freed in ", "report_callers_free");
	kmem_cache_destroy(s);
}

static void bad_kfree_report_names_the_freeing_function(struct ktest *t)
{
	printk_capture(report, sizeof(report));
	report_callers_kfree(&some_global);
	printk_capture(NULL, 0);
	expect_named(t, "freed by ", "report_callers_kfree");
}

static void bad_page_report_names_the_freeing_function(struct ktest *t)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);

	KTEST_ASSERT_NOT_NULL(t, page);
	__free_pages(page, 2);
	printk_capture(report, sizeof(report));
	report_callers_free_pages(page, 2); /* a double free */
	printk_capture(NULL, 0);
	KTEST_EXPECT_NOT_NULL(t, strstr(report, "BUG: Bad page state"));
	expect_named(t, "caller: ", "report_callers_free_pages");
}

static void bad_vfree_report_names_the_freeing_function(struct ktest *t)
{
	printk_capture(report, sizeof(report));
	report_callers_vfree(&some_global);
	printk_capture(NULL, 0);
	KTEST_EXPECT_NOT_NULL(t, strstr(report, "nonexistent vm area"));
	expect_named(t, "caller: ", "report_callers_vfree");
}

static void vmalloc_fault_explanation_names_the_allocating_function(struct ktest *t)
{
	char *p = report_callers_vmalloc(PAGE_SIZE);

	KTEST_ASSERT_NOT_NULL(t, p);
	printk_capture(report, sizeof(report));
	vmalloc_explain_addr((unsigned long)p + PAGE_SIZE); /* the guard page */
	vmalloc_explain_addr((unsigned long)p + 8);
	printk_capture(NULL, 0);
	KTEST_EXPECT_NOT_NULL(t, strstr(report, "guard page after the vmalloc area"));
	expect_named(t, "allocated by ", "report_callers_vmalloc");
	vfree(p);
}

static void fault_report_names_the_faulting_function_and_the_areas_allocator(struct ktest *t)
{
	char *p = report_callers_vmalloc(PAGE_SIZE);
	u8 byte;

	KTEST_ASSERT_NOT_NULL(t, p);
	printk_capture(report, sizeof(report));
	KTEST_EXPECT_EQ(t, arch_probe_read_byte(p + PAGE_SIZE, &byte), -EFAULT); /* guard page */
	printk_capture(NULL, 0);
	KTEST_EXPECT_NOT_NULL(t, strstr(report, "Unable to handle kernel paging request"));
	expect_named(t, " ", "arch_probe_read_byte");
	expect_named(t, "allocated by ", "report_callers_vmalloc");
	vfree(p);
}

static void vmallocinfo_names_each_areas_allocating_function(struct ktest *t)
{
	char *p = report_callers_vmalloc(PAGE_SIZE);

	KTEST_ASSERT_NOT_NULL(t, p);
	printk_capture(report, sizeof(report));
	show_vmallocinfo();
	printk_capture(NULL, 0);
	expect_named(t, " ", "report_callers_vmalloc");
	vfree(p);
}

static void warning_names_the_function_it_fired_in(struct ktest *t)
{
	unsigned long before = warn_count();

	printk_capture(report, sizeof(report));
	KTEST_EXPECT_TRUE(t, report_callers_warn(true));
	printk_capture(NULL, 0);
	KTEST_EXPECT_EQ(t, warn_count(), before + 1);
	KTEST_EXPECT_NOT_NULL(t, strstr(report, "WARNING: at test/report_callers_test.c:"));
	expect_named(t, " ", "report_callers_warn");
}

KTEST_SUITE(report_callers,
	    KTEST_CASE(slub_report_names_the_allocating_and_freeing_functions),
	    KTEST_CASE(bad_kfree_report_names_the_freeing_function),
	    KTEST_CASE(bad_page_report_names_the_freeing_function),
	    KTEST_CASE(bad_vfree_report_names_the_freeing_function),
	    KTEST_CASE(vmalloc_fault_explanation_names_the_allocating_function),
	    KTEST_CASE(fault_report_names_the_faulting_function_and_the_areas_allocator),
	    KTEST_CASE(vmallocinfo_names_each_areas_allocating_function),
	    KTEST_CASE(warning_names_the_function_it_fired_in));
