/*
 * The example kernel's side of the embedding contract (docs/embedding.md,
 * section 4): console, panic, warnings, the spinlock report, cross-CPU calls
 * polled without IPIs, and TLB flushes. Written against the doc, not kernel/.
 */
#include <asm/port.h>
#include <bug.h>
#include <kernel.h>
#include <ktest.h>
#include <smp.h>
#include <spinlock.h>
#include <stdarg.h>

#include "embed.h"

#define UART_THR ((volatile u8 *)0x10000000)
#define UART_LSR ((volatile u8 *)0x10000005)
#define FINISHER ((volatile u32 *)0x100000)

unsigned long __cpu_online_mask;

static void embed_putc(char c)
{
	while (!(*UART_LSR & 0x20))
		;
	*UART_THR = (u8)c;
}

static void embed_puts(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			embed_putc('\r');
		embed_putc(*s);
	}
}

static void embed_vprint(const char *fmt, va_list args)
{
	static char buf[512];
	const char *s = buf;

	vscnprintf(buf, sizeof(buf), fmt, args);
	if (s[0] == KERN_SOH[0] && s[1])
		s += 2;
	embed_puts(s);
}

static DEFINE_SPINLOCK(console_lock);

int printk(const char *fmt, ...)
{
	unsigned long flags;
	va_list args;

	spin_lock_irqsave(&console_lock, flags);
	va_start(args, fmt);
	embed_vprint(fmt, args);
	va_end(args);
	spin_unlock_irqrestore(&console_lock, flags);
	return 0;
}

/* embed_power_off - 0: success, else a failure status, through QEMU's sifive_test device. */
void embed_power_off(unsigned int status)
{
	*FINISHER = status ? 0x3333 | status << 16 : 0x5555;
	for (;;)
		__asm__ volatile("wfi");
}

void panic(const char *fmt, ...)
{
	va_list args;

	local_irq_disable();
	embed_puts("Kernel panic - not syncing: ");
	va_start(args, fmt);
	embed_vprint(fmt, args);
	va_end(args);
	embed_puts("\n");
	ktest_report_crash("panic"); /* the running test's "not ok" line */
	embed_power_off(2);
}

static unsigned long warnings;

void __warn(const char *file, int line, const char *cond)
{
	__atomic_fetch_add(&warnings, 1, __ATOMIC_RELAXED);
	printk("WARNING: at %s:%d: %s\n", file, line, cond);
}

/* warn_count - <bug.h>: the WARN_ON()s so far, which mm/'s suites count. */
unsigned long warn_count(void)
{
	return __atomic_load_n(&warnings, __ATOMIC_RELAXED);
}

void spin_lock_recursion(spinlock_t *lock)
{
	panic("BUG: spinlock recursion on CPU%lu, lock %p", raw_smp_processor_id(), (void *)lock);
}

/* No unwinder here: page_owner=on records its blocks without a stack ("(no stack recorded)"). */
unsigned int stack_trace_save(unsigned long *store, unsigned int size, unsigned int skipnr)
{
	return 0;
}

bool cpus_can_be_waited_for(void)
{
	return !irqs_disabled() || num_online_cpus() == 1;
}

/*
 * Cross-CPU requests without IPIs: one slot per (target, sender) pair, so
 * senders never contend. The target runs its slots' requests, interrupts
 * masked, when it polls: at every tick, and in cpu_relax() with interrupts
 * enabled (every spinlock wait, mempool's wait, and the sender's own wait
 * below, so that two CPUs calling each other both progress).
 */
struct embed_call {
	smp_call_func_t func;
	void *info;
	int pending;
};

static struct embed_call calls[NR_CPUS][NR_CPUS]; /* [target][sender] */
int embed_preempt_count[NR_CPUS];

void embed_poll_calls(void)
{
	unsigned long flags, cpu;

	local_irq_save(flags);
	cpu = raw_smp_processor_id();
	for (unsigned int s = 0; s < NR_CPUS; s++) {
		struct embed_call *c = &calls[cpu][s];

		if (!__atomic_load_n(&c->pending, __ATOMIC_ACQUIRE))
			continue;
		c->func(c->info);
		embed_stats[cpu].calls++;
		__atomic_store_n(&c->pending, 0, __ATOMIC_RELEASE);
	}
	local_irq_restore(flags);
}

/* Always waits (a slot is reused by the next call); preemption is off throughout. */
void on_each_cpu(smp_call_func_t func, void *info, int wait)
{
	unsigned long flags, me, online;

	preempt_disable();
	me = raw_smp_processor_id();
	online = cpu_online_mask();
	for (unsigned int t = 0; t < NR_CPUS; t++) {
		if (t == me || !(online & (1UL << t)))
			continue;
		calls[t][me].func = func;
		calls[t][me].info = info;
		__atomic_store_n(&calls[t][me].pending, 1, __ATOMIC_RELEASE);
	}
	local_irq_save(flags);
	func(info);
	local_irq_restore(flags);
	for (unsigned int t = 0; t < NR_CPUS; t++) {
		if (t == me || !(online & (1UL << t)))
			continue;
		while (__atomic_load_n(&calls[t][me].pending, __ATOMIC_ACQUIRE))
			cpu_relax();
	}
	preempt_enable();
}

/*
 * TLB shootdowns are one more polled request: every online CPU fences its
 * own TLB. (SBI's remote fence deadlocked in this QEMU's OpenSBI, 1.1, when
 * four harts fenced each other at once.)
 */
static void local_fence(void *unused)
{
	__asm__ volatile("sfence.vma" ::: "memory");
}

void arch_flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	on_each_cpu(local_fence, NULL, 1);
}

void arch_flush_cache_vmap(unsigned long start, unsigned long end)
{
	on_each_cpu(local_fence, NULL, 1);
}
