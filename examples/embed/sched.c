/*
 * The example kernel's CPUs and threads: SBI calls, hart start-up, the timer
 * tick and a preemptive round-robin scheduler. Each CPU runs its own context
 * (slot 0: embed_main() on CPU 0, an idle loop elsewhere) and EMBED_THREADS
 * worker threads pinned to it. The tick (every TICK_CYCLES of the time CSR)
 * serves the polled cross-CPU requests and switches to the next runnable
 * thread unless the running one has preemption disabled. A worker that has
 * done its rounds stays as a background thread that gives the CPU back soon
 * after each switch to it, so that the tick goes on preempting whatever runs
 * (mm/'s test suites) at little cost. Page faults are reported by mm/; a
 * probe's resumes at its fixup, any other panics.
 */
#include <asm/port.h>
#include <bug.h>
#include <fault.h>
#include <kernel.h>
#include <smp.h>

#include "embed.h"

#define TICK_CYCLES 5000 /* 0.5 ms of QEMU virt's 10 MHz timebase */
#define IRQ_S_TIMER 5
#define SIE_STIE (1UL << 5)
#define SSTATUS_SPIE (1UL << 5)
#define SCAUSE_LOAD_ACCESS 5
#define SCAUSE_STORE_ACCESS 7
#define SCAUSE_LOAD_PAGE_FAULT 13
#define SCAUSE_STORE_PAGE_FAULT 15

struct embed_frame {
	unsigned long x[32]; /* x0's slot unused; x2 (sp) is the frame's end */
	unsigned long sepc, sstatus;
};

struct embed_thread {
	struct embed_frame *frame; /* saved context while not running */
	bool runnable;
};

/* One stack per CPU context (entry.S gives CPU 0 its own) and one per worker. */
char embed_cpu_stacks[NR_CPUS][STACK_SIZE] __aligned(16);
static char worker_stacks[NR_CPUS][EMBED_THREADS][STACK_SIZE] __aligned(16);
static struct embed_thread threads[NR_CPUS][EMBED_THREADS + 1];
static unsigned int running[NR_CPUS];
struct embed_cpu_stats embed_stats[NR_CPUS];
unsigned long embed_cpu_hart[NR_CPUS];

struct sbiret embed_sbi(unsigned long ext, unsigned long fid, unsigned long a0, unsigned long a1,
			unsigned long a2, unsigned long a3)
{
	register unsigned long r0 __asm__("a0") = a0;
	register unsigned long r1 __asm__("a1") = a1;
	register unsigned long r2 __asm__("a2") = a2;
	register unsigned long r3 __asm__("a3") = a3;
	register unsigned long r6 __asm__("a6") = fid;
	register unsigned long r7 __asm__("a7") = ext;

	__asm__ __volatile__("ecall"
			     : "+r"(r0), "+r"(r1)
			     : "r"(r2), "r"(r3), "r"(r6), "r"(r7)
			     : "memory");
	return (struct sbiret){ .error = (long)r0, .value = (long)r1 };
}

static unsigned long read_time(void)
{
	unsigned long t;

	__asm__ __volatile__("rdtime %0" : "=r"(t));
	return t;
}

static void set_next_tick(void)
{
	embed_sbi(SBI_EXT_TIME, 0, read_time() + TICK_CYCLES, 0, 0, 0);
}

/* Start this CPU's tick and take interrupts from now on. */
static void start_tick(void)
{
	set_next_tick();
	__asm__ __volatile__("csrs sie, %0" ::"r"(SIE_STIE));
	local_irq_enable();
}

/* Pick the next runnable thread of this CPU after the running one (round robin). */
static unsigned int next_thread(unsigned int cpu)
{
	for (unsigned int i = 1; i <= EMBED_THREADS + 1; i++) {
		unsigned int t = (running[cpu] + i) % (EMBED_THREADS + 1);

		if (threads[cpu][t].runnable)
			return t;
	}
	return running[cpu];
}

/*
 * A data fault: mm/ reports it (naming the vmalloc area it hit); a probe that
 * faulted returns -EFAULT through its fixup; anything else is fatal.
 */
static void handle_fault(struct embed_frame *f, unsigned long scause, unsigned long stval)
{
	extern char embed_probe_load[], embed_probe_store[], embed_probe_fixup[];
	bool load = scause == SCAUSE_LOAD_ACCESS || scause == SCAUSE_LOAD_PAGE_FAULT;
	bool store = scause == SCAUSE_STORE_ACCESS || scause == SCAUSE_STORE_PAGE_FAULT;

	if (load || store)
		report_kernel_fault(stval, load ? FAULT_READ : FAULT_WRITE, f->sepc);
	if ((load && f->sepc == (unsigned long)embed_probe_load) ||
	    (store && f->sepc == (unsigned long)embed_probe_store)) {
		f->sepc = (unsigned long)embed_probe_fixup;
		return;
	}
	panic("trap on CPU%lu: scause %#lx sepc %#lx stval %#lx ra %#lx", raw_smp_processor_id(),
	      scause, f->sepc, stval, f->x[1]);
}

struct embed_frame *embed_trap(struct embed_frame *f)
{
	unsigned long scause, stval, cpu = raw_smp_processor_id();
	unsigned int next;

	__asm__ __volatile__("csrr %0, scause" : "=r"(scause));
	__asm__ __volatile__("csrr %0, stval" : "=r"(stval));
	if (scause != (SCAUSE_INTERRUPT | IRQ_S_TIMER)) {
		handle_fault(f, scause, stval);
		return f;
	}
	set_next_tick();
	embed_stats[cpu].ticks++;
	embed_poll_calls();
	if (preempt_count()) {
		embed_stats[cpu].deferred++; /* inside mm/'s locks: no switch */
		return f;
	}
	next = next_thread((unsigned int)cpu);
	if (next == running[cpu])
		return f;
	threads[cpu][running[cpu]].frame = f;
	embed_stats[cpu].own += running[cpu] == 0;
	running[cpu] = next;
	embed_stats[cpu].preemptions++;
	return threads[cpu][next].frame;
}

static void __noreturn worker_entry(void)
{
	unsigned long cpu = raw_smp_processor_id();

	embed_worker(cpu);
	__atomic_fetch_add(&embed_workers_done, 1, __ATOMIC_RELEASE);
	for (;;) { /* a background thread: the next tick comes soon and switches away */
		embed_sbi(SBI_EXT_TIME, 0, read_time() + TICK_CYCLES / 10, 0, 0, 0);
		__asm__ __volatile__("wfi");
	}
}

/* Make this CPU's worker threads: each starts at worker_entry() with interrupts on. */
static void create_workers(unsigned int cpu)
{
	threads[cpu][0].runnable = true;
	for (unsigned int i = 0; i < EMBED_THREADS; i++) {
		char *top = worker_stacks[cpu][i] + STACK_SIZE;
		struct embed_frame *f = (struct embed_frame *)(top - sizeof(*f));

		*f = (struct embed_frame){ 0 };
		f->x[4] = cpu; /* tp */
		f->sepc = (unsigned long)worker_entry;
		f->sstatus = SSTATUS_SPP | SSTATUS_SPIE;
		threads[cpu][i + 1] = (struct embed_thread){ .frame = f, .runnable = true };
	}
}

void embed_secondary_main(unsigned long hartid, unsigned long cpu)
{
	extern char embed_trap_entry[];

	embed_load_root();
	__asm__ __volatile__("csrw stvec, %0" ::"r"(embed_trap_entry));
	create_workers((unsigned int)cpu);
	__atomic_fetch_or(&__cpu_online_mask, 1UL << cpu, __ATOMIC_RELEASE);
	start_tick();
	for (;;) /* this CPU's own context: mm/'s tests' CPU work (selftest.c) */
		if (!embed_run_cpu_work(cpu))
			__asm__ __volatile__("wfi");
}

unsigned int embed_start_cpus(unsigned long boot_hart)
{
	extern char embed_secondary_entry[];
	unsigned int nr = 1;

	embed_cpu_hart[0] = boot_hart;
	create_workers(0);
	__atomic_fetch_or(&__cpu_online_mask, 1UL, __ATOMIC_RELEASE);
	for (unsigned long hart = 0; hart < NR_CPUS && nr < NR_CPUS; hart++) {
		unsigned long mask = 1UL << nr;

		if (hart == boot_hart)
			continue;
		embed_cpu_hart[nr] = hart;
		if (embed_sbi(SBI_EXT_HSM, 0, hart, (unsigned long)embed_secondary_entry, nr, 0)
			    .error)
			continue; /* no such hart */
		while (!(__atomic_load_n(&__cpu_online_mask, __ATOMIC_ACQUIRE) & mask))
			;
		nr++;
	}
	start_tick();
	return nr;
}
