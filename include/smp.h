/*
 * Several CPUs: which ones are up, and how one CPU gets another to run a
 * function (kernel/smp.c), with Linux's names. CPUs are numbered 0 ..
 * NR_CPUS - 1; CPU 0 is the one that booted, whatever its hardware id.
 *
 * Two ways to run code on another CPU:
 * - cross-CPU calls (smp_call_function_single(), on_each_cpu()): @func runs
 *   on the target in interrupt context (an inter-processor interrupt),
 *   interrupts masked, as soon as the target has its interrupts enabled;
 *   it must be short, must not wait for other CPUs and may take only locks
 *   that are always taken with interrupts masked (spin_lock_irqsave());
 * - CPU work (smp_call_on_cpu(), smp_run_on_cpus()): the function runs in
 *   the target's idle loop, with interrupts enabled, like a kernel thread:
 *   it may allocate, call other CPUs and run for long. For tests and
 *   benchmarks that keep several CPUs busy at once.
 */
#ifndef _SMP_H
#define _SMP_H

#include <asm/port.h>
#include <compiler.h>
#include <nr_cpus.h>
#include <types.h>

_Static_assert(NR_CPUS <= 8 * sizeof(unsigned long), "a CPU mask is one unsigned long");

/* smp_processor_id - the running CPU's index. */
#define smp_processor_id() ((unsigned int)raw_smp_processor_id())

/* Bit n set: CPU n is up and serves cross-CPU calls. Read with the helpers below. */
extern unsigned long __cpu_online_mask;

/**
 * cpu_online_mask - the online CPUs, bit n for CPU n (an acquire load).
 * cpu_online - is CPU @cpu online?
 */
static inline unsigned long cpu_online_mask(void)
{
	return __atomic_load_n(&__cpu_online_mask, __ATOMIC_ACQUIRE);
}

static inline bool cpu_online(unsigned int cpu)
{
	return cpu < NR_CPUS && (cpu_online_mask() & (1UL << cpu));
}

/**
 * hweight_long - how many bits of @w are set (no libgcc call: the kernel links without it).
 */
static inline unsigned int hweight_long(unsigned long w)
{
	unsigned int n = 0;

	for (; w; w &= w - 1)
		n++;
	return n;
}

static inline unsigned int num_online_cpus(void)
{
	return hweight_long(cpu_online_mask());
}

#define for_each_online_cpu(cpu)                  \
	for ((cpu) = 0; (cpu) < NR_CPUS; (cpu)++) \
		if (cpu_online(cpu))

/**
 * cpu_hwid - the hardware id of CPU @cpu (the hart id on RISC-V), as the device tree gives it.
 */
unsigned long cpu_hwid(unsigned int cpu);

typedef void (*smp_call_func_t)(void *info);

/**
 * smp_call_function_single - run @func(@info) on CPU @cpu
 * @cpu: the target; this CPU is allowed (then @func runs at once, interrupts masked)
 * @func: the function; see the rules for cross-CPU calls above
 * @info: its argument
 * @wait: nonzero: return only after @func has returned on @cpu
 *
 * Context: interrupts enabled (a CPU that waits with its interrupts masked
 * could be waited for itself), not in a cross-CPU call. With @wait zero,
 * the call may still wait for this CPU's previous call to @cpu to start.
 * Return: 0, -ENXIO if @cpu is not online, -EDEADLK (with a warning) if
 * called with interrupts masked.
 */
int smp_call_function_single(unsigned int cpu, smp_call_func_t func, void *info, int wait);

/**
 * smp_call_function - run @func(@info) on every online CPU but this one,
 * waiting for all of them if @wait. Context as smp_call_function_single().
 */
void smp_call_function(smp_call_func_t func, void *info, int wait);

/**
 * on_each_cpu - run @func(@info) on every online CPU, this one included
 * @func: the function; see the rules for cross-CPU calls above
 * @info: its argument
 * @wait: nonzero: return only when @func has returned everywhere
 *
 * This CPU runs @func itself with interrupts masked, after sending the calls.
 * Context: as smp_call_function_single(); while this is the only CPU online
 * (early boot), any context. With interrupts masked and other CPUs up it
 * warns and runs @func here only.
 */
void on_each_cpu(smp_call_func_t func, void *info, int wait);

/**
 * cpus_can_be_waited_for - whether this CPU may wait for cross-CPU calls
 * now: its interrupts are enabled (so it serves other CPUs' calls while it
 * waits), or it is the only CPU online. Callers with a fallback (a drain
 * request flag) use it to choose.
 */
bool cpus_can_be_waited_for(void);

/**
 * smp_call_on_cpu - run @func(@par) on CPU @cpu in its idle loop and wait
 * @cpu: a CPU that is up and idle, or this CPU (then @func runs at once)
 * @func: runs with interrupts enabled; may allocate, call other CPUs, run long
 * @par: its argument
 * @phys: unused (Linux: pin to a physical CPU)
 *
 * Context: interrupts enabled. Return: what @func returned, or -ENXIO if
 * @cpu is not online, -EBUSY if it already has work waiting.
 */
int smp_call_on_cpu(unsigned int cpu, int (*func)(void *), void *par, bool phys);

/**
 * smp_run_on_cpus - run @func(@arg) on every CPU of @mask at the same time
 * @mask: bit n for CPU n; this CPU may be in it (it runs @func itself)
 * @func: as for smp_call_on_cpu(); it tells CPUs apart with smp_processor_id()
 * @arg: its argument, the same for every CPU
 *
 * The other CPUs of @mask start @func from their idle loops; this CPU runs
 * its own share, then waits for all. Context: interrupts enabled.
 * Return: 0 if @func returned 0 everywhere, else the lowest CPU's nonzero
 * return, -ENXIO if a CPU of @mask is not online, -EBUSY if one is busy.
 */
int smp_run_on_cpus(unsigned long mask, int (*func)(void *), void *arg);

/**
 * smp_run_on_each_cpu - smp_run_on_cpus() on every online CPU.
 */
int smp_run_on_each_cpu(int (*func)(void *), void *arg);

/**
 * smp_init - bring up the other CPUs
 * @boot_hwid: the hardware id of the CPU running this (CPU 0)
 *
 * Starts every CPU of the device tree's /cpus (up to NR_CPUS) through the
 * port (arch_start_cpu()), one at a time, waits for each to come up, prints
 * them, and enables interrupts on this CPU. Called once, after the
 * allocators and the kernel page table are ready.
 */
void smp_init(unsigned long boot_hwid);

/**
 * secondary_start_kernel - where a started CPU enters generic code: its
 * stack, CPU index, trap vector and page table are set up, interrupts are
 * masked. Marks the CPU online and runs its idle loop. Never returns.
 */
void secondary_start_kernel(void) __noreturn;

/**
 * smp_ipi_interrupt - the port's IPI handler calls this, interrupts masked.
 */
void smp_ipi_interrupt(void);

#endif /* _SMP_H */
