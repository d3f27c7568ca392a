/*
 * Self-tests of the memory console's safety and parsing (kernel/mmconsole*):
 * a free of live memory the console did not allocate is refused, anything
 * else goes to the allocator (which reports a bad free itself), and numbers
 * parse as the help says. tools/console-test drives the commands themselves.
 */
#include <gfp.h>
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>
#include <vmalloc.h>

#include "../kernel/mmconsole_internal.h"

static void live_memory_it_did_not_allocate_is_refused(struct ktest *t)
{
	char *obj = kmalloc(64, GFP_KERNEL);
	unsigned long page = __get_free_pages(GFP_KERNEL, 1);
	char *area = vmalloc(PAGE_SIZE);

	KTEST_EXPECT_NOT_NULL(t, obj);
	KTEST_EXPECT_NE(t, page, 0);
	KTEST_EXPECT_NOT_NULL(t, area);
	if (obj)
		KTEST_EXPECT_FALSE(t, mmcon_may_free("test", (unsigned long)obj));
	if (page)
		KTEST_EXPECT_FALSE(t, mmcon_may_free("test", page));
	if (area)
		KTEST_EXPECT_FALSE(t, mmcon_may_free("test", (unsigned long)area));
	kfree(obj);
	free_pages(page, 1);
	vfree(area);
}

/* Interior pointers, freed memory, NULL: the allocator gets them, and reports them itself. */
static void what_is_no_live_allocation_goes_to_the_allocator(struct ktest *t)
{
	char *obj = kmalloc(64, GFP_KERNEL);
	char *area = vmalloc(PAGE_SIZE);

	KTEST_ASSERT_NOT_NULL(t, obj);
	KTEST_EXPECT_TRUE(t, mmcon_may_free("test", (unsigned long)obj + 8));
	kfree(obj);
	KTEST_EXPECT_TRUE(t, mmcon_may_free("test", (unsigned long)obj));
	KTEST_EXPECT_TRUE(t, mmcon_may_free("test", 0));
	KTEST_ASSERT_NOT_NULL(t, area);
	KTEST_EXPECT_TRUE(t, mmcon_may_free("test", (unsigned long)area + 8));
	vfree(area);
	KTEST_EXPECT_TRUE(t, mmcon_may_free("test", (unsigned long)area));
}

static void numbers_take_hex_and_size_suffixes(struct ktest *t)
{
	unsigned long v = 0;

	KTEST_EXPECT_TRUE(t, mmcon_number("test", "100", &v));
	KTEST_EXPECT_EQ(t, v, 100);
	KTEST_EXPECT_TRUE(t, mmcon_number("test", "0x40", &v));
	KTEST_EXPECT_EQ(t, v, 0x40);
	KTEST_EXPECT_TRUE(t, mmcon_number("test", "8K", &v));
	KTEST_EXPECT_EQ(t, v, 8192);
	KTEST_EXPECT_TRUE(t, mmcon_address("test", "0xffff0000", &v));
	KTEST_EXPECT_EQ(t, v, 0xffff0000UL);
	v = 7;
	KTEST_EXPECT_FALSE(t, mmcon_number("test", "lots", &v));
	KTEST_EXPECT_FALSE(t, mmcon_number("test", "5Q", &v));
	KTEST_EXPECT_FALSE(t, mmcon_address("test", "$", &v));
	KTEST_EXPECT_FALSE(t, mmcon_address("test", "$x+1", &v));
	KTEST_EXPECT_EQ(t, v, 7);
}

KTEST_SUITE(mmconsole, KTEST_CASE(live_memory_it_did_not_allocate_is_refused),
	    KTEST_CASE(what_is_no_live_allocation_goes_to_the_allocator),
	    KTEST_CASE(numbers_take_hex_and_size_suffixes));
