/*
 * Count leading/trailing zeros for targets without such instructions (RISC-V
 * without Zbb): GCC calls these for __builtin_clz and friends. The toolchain's
 * own libgcc is built for another float ABI, so the kernel brings its own.
 * As for the builtins, the result for 0 is undefined.
 */
#include <types.h>

int __clzdi2(unsigned long x);
int __ctzdi2(unsigned long x);
int __clzsi2(unsigned int x);
int __ctzsi2(unsigned int x);

int __clzdi2(unsigned long x)
{
	int n = 0;

	for (int shift = 32; shift; shift >>= 1) {
		if (!(x >> (64 - shift))) {
			n += shift;
			x <<= shift;
		}
	}
	return n;
}

int __ctzdi2(unsigned long x)
{
	int n = 0;

	for (int shift = 32; shift; shift >>= 1) {
		if (!(x << (64 - shift))) {
			n += shift;
			x >>= shift;
		}
	}
	return n;
}

int __clzsi2(unsigned int x)
{
	return __clzdi2((unsigned long)x << 32);
}

int __ctzsi2(unsigned int x)
{
	return __ctzdi2(x);
}
