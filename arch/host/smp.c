/*
 * Host CPU identity and time. The kernel side is freestanding (no
 * thread-local storage, no libc), so it asks this file which CPU it runs on
 * and what time it is. Only the boot CPU (the main thread) exists so far:
 * CPU 0. When secondary CPUs become pthreads, each records its index here.
 */
#include <asm/port.h>
#include <time.h>

unsigned int host_cpu_id(void)
{
	return 0;
}

u64 host_counter_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}
