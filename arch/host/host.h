/* Helpers shared by the files of arch/host (not part of the port interface). */
#ifndef _ARCH_HOST_H
#define _ARCH_HOST_H

#include <asm/host_boot.h>
#include <compiler.h>
#include <signal.h>

/* The memfd that plays RAM (boot.c); the vmalloc region maps its pages again (tlb.c). */
extern int host_ram_fd;
extern size_t host_ram_size; /* its bytes, mapped at host_ram_va */

/* host_die - report a problem found before the kernel could start, exit with status 2. */
void host_die(const char *fmt, ...) __printf(1, 2) __noreturn;

/* host_setup_traps - turn fatal signals into kernel-style crash reports (main thread: CPU 0). */
void host_setup_traps(void);

/* host_setup_thread_traps - give CPU @cpu's thread its own signal stack. */
void host_setup_thread_traps(unsigned int cpu);

/*
 * host_fault - report a SIGSEGV or SIGBUS as a kernel page fault; if a probe
 * was waiting for it, jump back into the probe (does not return).
 */
void host_fault(int sig, siginfo_t *info, void *context);

#endif /* _ARCH_HOST_H */
