/*
 * Host CPU identity. The kernel side is freestanding (no thread-local
 * storage), so it asks this file which CPU it runs on. Only the boot CPU
 * (the main thread) exists so far: CPU 0. When secondary CPUs become
 * pthreads, each records its index here at start-up.
 */
#include <asm/port.h>

unsigned int host_cpu_id(void)
{
	return 0;
}
