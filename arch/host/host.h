/* Helpers shared by the files of arch/host (not part of the port interface). */
#ifndef _ARCH_HOST_H
#define _ARCH_HOST_H

#include <compiler.h>

/* host_die - report a problem found before the kernel could start, exit with status 2. */
void host_die(const char *fmt, ...) __printf(1, 2) __noreturn;

/* host_setup_traps - turn fatal signals into kernel-style crash reports. */
void host_setup_traps(void);

#endif /* _ARCH_HOST_H */
