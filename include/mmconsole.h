/*
 * The memory console: a prompt on the serial console, after the self-tests,
 * from which the allocators can be called and their reports printed
 * (kernel/mmconsole*.c; README's "Memory console" lists the commands).
 */
#ifndef _MMCONSOLE_H
#define _MMCONSOLE_H

#include <compiler.h>

/**
 * mmconsole_run - read commands from the console and run them, until poweroff
 * @tests_failed: how many test cases failed before; `poweroff` exits with
 *	status 1 if these or any run from the console failed, else 0
 *
 * Called by start_kernel() on the boot CPU after the tests when
 * ktest.shutdown=0, with the other CPUs idle. Input comes from
 * arch_console_getc(); when it ends for good, the console powers off.
 */
void mmconsole_run(unsigned int tests_failed) __noreturn;

#endif /* _MMCONSOLE_H */
