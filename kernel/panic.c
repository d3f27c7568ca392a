/* panic() and WARN_ON(): the kernel's last word, and its "this should not happen". */
#include <arch.h>
#include <bug.h>
#include <kernel.h>
#include <ktest.h>

static unsigned long warnings;

void __warn(const char *file, int line, const char *cond)
{
	__atomic_fetch_add(&warnings, 1, __ATOMIC_RELAXED);
	/* The return address is in the function whose WARN_ON() fired. */
	pr_warn("WARNING: at %s:%d %pS: %s\n", file, line, __builtin_return_address(0), cond);
}

unsigned long warn_count(void)
{
	return __atomic_load_n(&warnings, __ATOMIC_RELAXED);
}

void panic(const char *fmt, ...)
{
	static bool panicking;
	static char reason[256];
	va_list args;

	if (panicking) /* a fault while reporting a fault: stop at once */
		arch_power_off(EXIT_KERNEL_PANIC);
	panicking = true;
	printk_panic_unlock();

	va_start(args, fmt);
	vscnprintf(reason, sizeof(reason), fmt, args);
	va_end(args);

	pr_emerg("Kernel panic - not syncing: %s\n", reason);
	ktest_report_crash(reason);
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", reason);
	arch_power_off(EXIT_KERNEL_PANIC);
}
