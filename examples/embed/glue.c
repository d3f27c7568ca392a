/*
 * The example kernel's side of the embedding contract (docs/embedding.md,
 * section 4): console, panic, warnings, the spinlock report, cross-CPU calls
 * and TLB flushes, for one hart. Written against the doc, not kernel/.
 */
#include <asm/port.h>
#include <bug.h>
#include <kernel.h>
#include <smp.h>
#include <spinlock.h>
#include <stdarg.h>

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

int printk(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	embed_vprint(fmt, args);
	va_end(args);
	return 0;
}

/* embed_power_off - 0: success, else a failure status, through QEMU's sifive_test device. */
void __noreturn embed_power_off(unsigned int status)
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
	embed_power_off(2);
}

void __warn(const char *file, int line, const char *cond)
{
	printk("WARNING: at %s:%d: %s\n", file, line, cond);
}

void spin_lock_recursion(spinlock_t *lock)
{
	panic("BUG: spinlock recursion on CPU%lu, lock %p", raw_smp_processor_id(), (void *)lock);
}

bool cpus_can_be_waited_for(void)
{
	return true; /* one hart: nobody to wait for */
}

void on_each_cpu(smp_call_func_t func, void *info, int wait)
{
	unsigned long flags;

	local_irq_save(flags);
	func(info);
	local_irq_restore(flags);
}

void arch_flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	__asm__ volatile("sfence.vma" ::: "memory");
}

void arch_flush_cache_vmap(unsigned long start, unsigned long end)
{
	__asm__ volatile("sfence.vma" ::: "memory");
}
