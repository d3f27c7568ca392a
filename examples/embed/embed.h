/* What the example kernel's files share (sched.c, glue.c, main.c, selftest.c). */
#ifndef _EMBED_H
#define _EMBED_H

#include <types.h>

#define EMBED_THREADS 2 /* worker threads per CPU */
#define STACK_SIZE 16384
#define SBI_EXT_TIME 0x54494D45
#define SBI_EXT_HSM 0x48534D
#define SBI_EXT_RFENCE 0x52464E43

struct embed_cpu_stats {
	unsigned long ticks;	   /* timer interrupts taken */
	unsigned long preemptions; /* ticks that switched threads */
	unsigned long own;	   /* ... away from the CPU's own context (slot 0) */
	unsigned long deferred;	   /* ticks that found preemption disabled */
	unsigned long calls;	   /* cross-CPU requests served by polling */
};

/* What the worker threads' rounds left, for the embed suite (selftest.c). */
struct embed_workload {
	unsigned long failures;	   /* allocations that returned NULL */
	unsigned long free_before; /* free pages before the workers (quiesced) */
	unsigned long free_after;  /* ... and after them */
	unsigned long preemptions; /* switches by the tick until then */
	unsigned long cpu0_own;	   /* ... away from CPU 0's own context (embed_main()) */
};

struct sbiret {
	long error;
	long value;
};

extern struct embed_cpu_stats embed_stats[];
extern unsigned long embed_cpu_hart[];
extern unsigned int embed_workers_done;
extern u64 embed_root[512], embed_root_at_boot[512];
extern struct embed_workload embed_workload;

struct sbiret embed_sbi(unsigned long ext, unsigned long fid, unsigned long a0, unsigned long a1,
			unsigned long a2, unsigned long a3);
unsigned int embed_start_cpus(unsigned long boot_hart);
void embed_worker(unsigned long cpu);
bool embed_run_cpu_work(unsigned long cpu);
unsigned long embed_quiesced_free_pages(void);
void __noreturn embed_power_off(unsigned int status);
void embed_load_root(void);

#endif /* _EMBED_H */
