/*
 * Host CPUs, interrupts and time. Each CPU is a thread: the main thread is
 * CPU 0, arch_start_cpu() creates the others. The kernel side is
 * freestanding (no thread-local storage of its own, no libc), so this file
 * keeps which CPU a thread is (host_this_cpu, read inline by <asm/port.h>)
 * and tells it what time it is.
 *
 * Interrupts are emulated (see <asm/port.h>): an IPI sets the target's
 * ipi_pending and wakes it if it is idle; the target runs its calls when it
 * next enables interrupts or spins with them enabled.
 */
#include <arch.h>
#include <asm/port.h>
#include <errno.h>
#include <mmzone.h>
#include <pthread.h>
#include <sched.h>
#include <smp.h>
#include <time.h>

#include "host.h"

/* Every CPU (thread) starts with its interrupts masked, as a real one does. */
HOST_TLS struct host_irq_state host_irq_this = { .irqs_off = 1 };
struct host_irq_state *host_irq_of[NR_CPUS];

/* Where an idle CPU sleeps until an IPI is pending. */
struct host_idle {
	pthread_mutex_t lock;
	pthread_cond_t wake;
};

static struct host_idle idle[NR_CPUS] = {
	[0 ... NR_CPUS - 1] = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER },
};

HOST_TLS unsigned int host_this_cpu; /* 0 in the main thread */
HOST_TLS int host_preempt_count;     /* preempt_disable() depth (sanitizer builds) */
static __thread unsigned int relax_count;

/* Spinning is rare; with more CPU threads than host cores, let the one we wait for run. */
#define RELAX_YIELD_EVERY 64

void host_handle_ipi(void)
{
	struct host_irq_state *s = &host_irq_this;

	s->irqs_off = 1; /* an interrupt handler runs with interrupts masked */
	while (__atomic_exchange_n(&s->ipi_pending, 0, __ATOMIC_ACQUIRE))
		smp_ipi_interrupt();
	s->irqs_off = 0;
}

void host_cpu_relax(void)
{
	struct host_irq_state *s = &host_irq_this;

	if (!s->irqs_off && __atomic_load_n(&s->ipi_pending, __ATOMIC_RELAXED))
		host_handle_ipi();
	if (++relax_count % RELAX_YIELD_EVERY == 0)
		sched_yield();
#if defined(__x86_64__)
	else
		__builtin_ia32_pause();
#endif
}

/*
 * The pending flag is set before the wake-up and read under the idle lock,
 * so a CPU about to sleep either sees it or is woken.
 */
void arch_send_ipi(unsigned int cpu)
{
	__atomic_store_n(&host_irq_of[cpu]->ipi_pending, 1, __ATOMIC_RELEASE);
	pthread_mutex_lock(&idle[cpu].lock);
	pthread_cond_signal(&idle[cpu].wake);
	pthread_mutex_unlock(&idle[cpu].lock);
}

void arch_cpu_idle(void)
{
	struct host_idle *w = &idle[host_this_cpu];

	pthread_mutex_lock(&w->lock);
	while (!__atomic_load_n(&host_irq_this.ipi_pending, __ATOMIC_ACQUIRE))
		pthread_cond_wait(&w->wake, &w->lock);
	pthread_mutex_unlock(&w->lock);
}

static void *cpu_thread(void *arg)
{
	host_this_cpu = (unsigned int)(uintptr_t)arg;
	host_irq_of[host_this_cpu] = &host_irq_this;
	host_setup_thread_traps(host_this_cpu);
	secondary_start_kernel();
}

int arch_start_cpu(unsigned int cpu, unsigned long hwid)
{
	pthread_attr_t attr;
	pthread_t thread;
	int err;

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	err = pthread_create(&thread, &attr, cpu_thread, (void *)(uintptr_t)cpu);
	pthread_attr_destroy(&attr);
	return err ? -EAGAIN : 0;
}

u64 host_counter_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}
