/*
 * Per-CPU variables with Linux's names, kept simply: a per-CPU variable is an
 * array of NR_CPUS elements indexed by CPU. Code that writes its own CPU's
 * element often should give the element type ____cacheline_aligned, so that
 * no two CPUs write to one cache line.
 *
 *	DEFINE_PER_CPU(struct counters, stats);
 *	this_cpu_ptr(&stats)->allocs++;          (with interrupts off)
 *	per_cpu(stats, cpu).allocs               (any CPU, e.g. for a report)
 */
#ifndef _PERCPU_H
#define _PERCPU_H

#include <asm/port.h>
#include <compiler.h>
#include <nr_cpus.h>

#define DECLARE_PER_CPU(type, name) extern __typeof__(type) name[NR_CPUS]
#define DEFINE_PER_CPU(type, name) __typeof__(type) name[NR_CPUS]

/* per_cpu - @cpu's instance of @var (an lvalue). */
#define per_cpu(var, cpu) ((var)[cpu])

/* per_cpu_ptr - @cpu's instance of the per-CPU variable @ptr points to (&var). */
#define per_cpu_ptr(ptr, cpu) (&(*(ptr))[cpu])

/*
 * this_cpu_ptr - the running CPU's instance. Stable as long as the code
 * cannot move to another CPU: always, in this kernel, which never preempts.
 */
#define this_cpu_ptr(ptr) per_cpu_ptr(ptr, raw_smp_processor_id())

#endif /* _PERCPU_H */
