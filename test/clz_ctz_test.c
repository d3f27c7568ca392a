/* Self-tests of lib/clz_ctz.c, called directly (the builtins may not reach them). */
#include <ktest.h>
#include <types.h>

int __clzdi2(unsigned long x);
int __ctzdi2(unsigned long x);
int __clzsi2(unsigned int x);
int __ctzsi2(unsigned int x);

static void every_single_bit_is_counted_from_both_ends(struct ktest *t)
{
	for (int bit = 0; bit < 64; bit++) {
		KTEST_EXPECT_EQ(t, __clzdi2(1UL << bit), 63 - bit);
		KTEST_EXPECT_EQ(t, __ctzdi2(1UL << bit), bit);
	}
	for (int bit = 0; bit < 32; bit++) {
		KTEST_EXPECT_EQ(t, __clzsi2(1U << bit), 31 - bit);
		KTEST_EXPECT_EQ(t, __ctzsi2(1U << bit), bit);
	}
}

static void other_bits_do_not_change_the_count(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, __clzdi2(~0UL), 0);
	KTEST_EXPECT_EQ(t, __ctzdi2(~0UL), 0);
	KTEST_EXPECT_EQ(t, __clzdi2(0x00f0000000000001UL), 8);
	KTEST_EXPECT_EQ(t, __ctzdi2(0x8000000000010000UL), 16);
	KTEST_EXPECT_EQ(t, __clzsi2(0x0001ffffU), 15);
	KTEST_EXPECT_EQ(t, __ctzsi2(0xfff00000U), 20);
}

KTEST_SUITE(clz_ctz,
	    KTEST_CASE(every_single_bit_is_counted_from_both_ends),
	    KTEST_CASE(other_bits_do_not_change_the_count));
