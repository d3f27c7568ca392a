/* What the example kernel's files share (sched.c, glue.c, main.c). */
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
	unsigned long deferred;	   /* ticks that found preemption disabled */
	unsigned long calls;	   /* cross-CPU requests served by polling */
};

struct sbiret {
	long error;
	long value;
};

extern struct embed_cpu_stats embed_stats[];
extern unsigned long embed_cpu_hart[];
extern unsigned int embed_workers_done;

struct sbiret embed_sbi(unsigned long ext, unsigned long fid, unsigned long a0, unsigned long a1,
			unsigned long a2, unsigned long a3);
unsigned int embed_start_cpus(unsigned long boot_hart);
void embed_worker(unsigned long cpu);
void __noreturn embed_power_off(unsigned int status);

#endif /* _EMBED_H */
