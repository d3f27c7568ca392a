/*
 * The fault probes of <fault.h> on the host: a probe arms a per-thread jump
 * buffer, makes its access, and disarms it. A SIGSEGV or SIGBUS meanwhile is
 * reported as a kernel fault and jumps back into the probe, which returns
 * -EFAULT; the host's exception table, in effect.
 */
#include <errno.h>
#include <fault.h>
#include <printk.h>
#include <setjmp.h>
#include <signal.h>
#include <ucontext.h>

#include "host.h"

static __thread sigjmp_buf probe_jump;
static __thread volatile int probe_armed;

/* Read as a kernel fault: which access, at which instruction. */
static void decode_fault(const siginfo_t *info, const ucontext_t *uc, enum fault_access *access,
			 unsigned long *ip)
{
#if defined(__x86_64__)
	unsigned long err = (unsigned long)uc->uc_mcontext.gregs[REG_ERR];

	*ip = (unsigned long)uc->uc_mcontext.gregs[REG_RIP];
	*access = err & 16 ? FAULT_EXEC : err & 2 ? FAULT_WRITE : FAULT_READ;
#else
	*ip = 0;
	*access = FAULT_READ;
#endif
	if (*ip == (unsigned long)info->si_addr)
		*access = FAULT_EXEC;
}

void host_fault(int sig, siginfo_t *info, void *context)
{
	enum fault_access access;
	unsigned long ip;

	if (sig != SIGSEGV && sig != SIGBUS)
		return;
	decode_fault(info, context, &access, &ip);
	report_kernel_fault((unsigned long)info->si_addr, access, ip);
	if (probe_armed) {
		pr_alert("  caught by a probe: it returns -EFAULT\n");
		probe_armed = 0;
		siglongjmp(probe_jump, 1);
	}
}

/* The accesses are the point: keep the sanitizers' checks (and their own faults) out of them. */
__attribute__((no_sanitize("address", "thread"))) int arch_probe_read_byte(const void *addr,
									   u8 *val)
{
	if (sigsetjmp(probe_jump, 1))
		return -EFAULT;
	probe_armed = 1;
	*val = *(const volatile u8 *)addr;
	probe_armed = 0;
	return 0;
}

__attribute__((no_sanitize("address", "thread"))) int arch_probe_write_byte(void *addr, u8 val)
{
	if (sigsetjmp(probe_jump, 1))
		return -EFAULT;
	probe_armed = 1;
	*(volatile u8 *)addr = val;
	probe_armed = 0;
	return 0;
}

int arch_probe_exec(const void *addr)
{
	void (*volatile fn)(void) = (void (*)(void))addr;

	if (sigsetjmp(probe_jump, 1))
		return -EFAULT;
	probe_armed = 1;
	fn();
	probe_armed = 0;
	return 0;
}
