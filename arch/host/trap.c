/*
 * Host "traps": a fatal signal (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP) in
 * kernel code is reported like a kernel oops (the signal, the faulting
 * address, the registers) and ends the run through panic(), unless it is a
 * fault a probe expected (probe.c).
 */
#include <bug.h>
#include <ktest.h>
#include <mmzone.h>
#include <printk.h>
#include <sanitizer/common_interface_defs.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>

#include "host.h"

#define ALT_STACK_SIZE (64 * 1024)

static void show_regs(const ucontext_t *uc)
{
#if defined(__x86_64__)
	const greg_t *r = uc->uc_mcontext.gregs;

	printk(KERN_EMERG " rip : %016llx rsp : %016llx rbp : %016llx\n",
	       (unsigned long long)r[REG_RIP], (unsigned long long)r[REG_RSP],
	       (unsigned long long)r[REG_RBP]);
	printk(KERN_EMERG " rax : %016llx rbx : %016llx rcx : %016llx\n",
	       (unsigned long long)r[REG_RAX], (unsigned long long)r[REG_RBX],
	       (unsigned long long)r[REG_RCX]);
	printk(KERN_EMERG " rdx : %016llx rsi : %016llx rdi : %016llx\n",
	       (unsigned long long)r[REG_RDX], (unsigned long long)r[REG_RSI],
	       (unsigned long long)r[REG_RDI]);
#elif defined(__aarch64__)
	printk(KERN_EMERG " pc : %016llx sp : %016llx\n", (unsigned long long)uc->uc_mcontext.pc,
	       (unsigned long long)uc->uc_mcontext.sp);
	for (int i = 0; i < 31; i++)
		printk(KERN_EMERG " x%-2d : %016llx\n", i,
		       (unsigned long long)uc->uc_mcontext.regs[i]);
#else
	(void)uc;
#endif
}

/* Where the signal struck, for the report's "pc : function+offset/size" line. */
static void *context_pc(const ucontext_t *uc)
{
#if defined(__x86_64__)
	return (void *)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
	return (void *)uc->uc_mcontext.pc;
#else
	(void)uc;
	return NULL;
#endif
}

static void fatal_signal(int sig, siginfo_t *info, void *context)
{
	host_fault(sig, info, context); /* returns only when no probe expected it */
	printk(KERN_EMERG "Oops - %s at address %016lx [#1]\n", strsignal(sig),
	       (unsigned long)(uintptr_t)info->si_addr);
	printk(KERN_EMERG "pc : %pS\n", context_pc(context));
	show_regs(context);
	panic("Fatal exception: %s", strsignal(sig));
}

/* An ASan or UBSan report ends the run: name the case it happened in, as for a signal. */
static __unused void sanitizer_died(void)
{
	printk_panic_unlock();
	ktest_report_crash("sanitizer report above");
}

/* Each CPU thread reports its faults on a stack of its own (a stack overflow included). */
static char alt_stacks[NR_CPUS][ALT_STACK_SIZE] __aligned(16);

void host_setup_thread_traps(unsigned int cpu)
{
	stack_t alt = { .ss_sp = alt_stacks[cpu], .ss_size = ALT_STACK_SIZE };

	if (sigaltstack(&alt, NULL))
		host_die("cannot set up the signal stack of CPU %u", cpu);
}

void host_setup_traps(void)
{
	static const int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP };
	struct sigaction sa = { .sa_sigaction = fatal_signal, .sa_flags = SA_SIGINFO | SA_ONSTACK };

	host_setup_thread_traps(0);
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (sigaction(signals[i], &sa, NULL))
			host_die("cannot catch signal %d", signals[i]);
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) /* not in the benchmark build */
	__sanitizer_set_death_callback(sanitizer_died);
#endif
}
