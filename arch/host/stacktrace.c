/*
 * stack_trace_save() for the host build: glibc's backtrace(), which unwinds
 * with the program's own .eh_frame (the kernel side is built with frame
 * pointers too, but glibc's frames are not, so a frame-pointer walk could not
 * tell where the kernel's frames end).
 */
#include <execinfo.h>
#include <stacktrace.h>

/* backtrace()'s own buffer: the callers asked for, this function and a few frames of slack. */
#define HOST_TRACE_MAX 64

__attribute__((noinline)) unsigned int stack_trace_save(unsigned long *store, unsigned int size,
							unsigned int skipnr)
{
	void *trace[HOST_TRACE_MAX], *caller = __builtin_return_address(0);
	unsigned int nr = 0;
	int got, first = 1;

	/*
	 * Our entry 0 is the return address into our caller. backtrace() starts
	 * in this function, or in AddressSanitizer's interceptor of it: begin
	 * where our own return address is.
	 */
	got = backtrace(trace, HOST_TRACE_MAX);
	for (int i = 0; i < got; i++) {
		if (trace[i] == caller) {
			first = i;
			break;
		}
	}
	for (int i = first + (int)skipnr; i < got && nr < size; i++)
		store[nr++] = (unsigned long)trace[i];
	return nr;
}
