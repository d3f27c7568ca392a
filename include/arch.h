/*
 * What kernel/ needs from each architecture beyond the port header
 * <asm/port.h>: console output, power-off and the boot hand-over. Every
 * arch/<name>/ implements all of these (see docs/porting.md).
 */
#ifndef _ARCH_H
#define _ARCH_H

#include <compiler.h>
#include <types.h>

/**
 * start_kernel - the architecture-independent kernel entry
 * @boot_cpu: hardware id of the CPU that booted (hart id on RISC-V)
 * @dtb_pa: physical address of the flattened device tree
 *
 * Called once by the arch entry code on a valid stack, with BSS cleared and
 * traps routed to the arch's handler. Never returns.
 */
void start_kernel(unsigned long boot_cpu, phys_addr_t dtb_pa) __noreturn;

/**
 * boot_init - the part of start_kernel() that brings the kernel up
 *
 * Everything before the self-tests: the device tree, the command line, the
 * memory map, paging, the page, slab and vmalloc allocators, the other CPUs.
 * start_kernel() calls it first; fuzz/alloc_fuzz.c calls it alone, to drive
 * the allocators of a running kernel from a host program.
 */
void boot_init(unsigned long boot_cpu, phys_addr_t dtb_pa);

/**
 * arch_console_putc - write one character to the boot console, busy-waiting.
 */
void arch_console_putc(char c);

/* What arch_console_getc() returns when nothing has arrived, and when nothing ever will. */
#define CONSOLE_NO_INPUT (-1)
#define CONSOLE_INPUT_CLOSED (-2)

/**
 * arch_console_getc - take one received byte from the boot console, without waiting
 *
 * Polled by the memory console (kernel/mmconsole.c) on the boot CPU, with
 * interrupts enabled and no lock held; never called before the tests have
 * run. Bytes come raw, as the terminal sends them: no echo (the caller
 * echoes), no line buffering, no translation ('\r' for Enter from a terminal,
 * 0x7f or 0x08 for backspace). A port may wait a little for input to spare
 * its host (host: up to 10 ms) but must return within a fraction of a
 * second. A port whose console output is buffered writes it out before
 * waiting, so that a prompt without a newline is seen.
 * Return: the byte (0..255); CONSOLE_NO_INPUT when none is waiting; or
 * CONSOLE_INPUT_CLOSED when no input can ever come (host: end of standard
 * input), after which the console powers off.
 */
int arch_console_getc(void);

/**
 * arch_power_off - stop the machine and hand @status to whoever started it
 * @status: EXIT_TESTS_PASSED, EXIT_TESTS_FAILED or EXIT_KERNEL_PANIC (<bug.h>)
 *
 * Under QEMU this becomes QEMU's exit status; ARCH=host exits the process.
 */
void arch_power_off(int status) __noreturn;

/**
 * arch_idle_forever - park this CPU (interrupts off), e.g. after ktest.shutdown=0.
 */
void arch_idle_forever(void) __noreturn;

/**
 * arch_kernel_image - the physical range the kernel image occupies
 * @start: set to its first byte
 * @end: set to one past its last byte
 *
 * Return: false when the image is not in the machine's RAM (ARCH=host).
 */
bool arch_kernel_image(phys_addr_t *start, phys_addr_t *end);

struct kernel_mapping;

/**
 * arch_kernel_mappings - what paging_init() maps besides the direct map
 * @nr: set to the number of entries
 *
 * The kernel image's sections with their W^X permissions and the devices the
 * kernel uses. Return: the array (static), or NULL with @nr 0.
 */
const struct kernel_mapping *arch_kernel_mappings(unsigned int *nr);

/**
 * arch_start_cpu - start CPU @cpu, whose hardware id is @hwid
 * @cpu: the index it gets (1 .. NR_CPUS - 1)
 * @hwid: its id in the device tree's /cpus (the hart id on RISC-V)
 *
 * The CPU must enter secondary_start_kernel() (<smp.h>) on a stack of its
 * own, with raw_smp_processor_id() returning @cpu, its trap vector set, the
 * kernel page table loaded (arch_load_page_table(virt_to_phys(init_pg_dir)))
 * and interrupts masked, with the IPI as an enabled interrupt source.
 * May return before the CPU runs: smp_init() waits for it to come online.
 * Return: 0, or a negative errno when it cannot be started.
 */
int arch_start_cpu(unsigned int cpu, unsigned long hwid);

/**
 * arch_send_ipi - interrupt CPU @cpu: as soon as its interrupts are enabled
 * it calls smp_ipi_interrupt() with them masked. If it waits in
 * arch_cpu_idle(), the wait ends. Callable from any context.
 */
void arch_send_ipi(unsigned int cpu);

/**
 * arch_cpu_idle - wait, interrupts masked, until an interrupt is pending on
 * this CPU (or for no reason); return with interrupts still masked. The idle
 * loop enables them afterwards, which runs the pending IPI.
 */
void arch_cpu_idle(void);

/**
 * arch_bootargs_override - a command line given outside the DTB (host --append), or NULL.
 */
const char *arch_bootargs_override(void);

/**
 * arch_name - short name printed in the boot banner ("riscv64", "host").
 */
const char *arch_name(void);

#endif /* _ARCH_H */
