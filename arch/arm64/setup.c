/*
 * AArch64 board glue for QEMU virt: the PL011 console, power-off through
 * semihosting and PSCI, where the kernel image lies and what paging_init()
 * maps besides RAM (the image with W^X, the UART, the GIC).
 */
#include <arch.h>
#include <asm/port.h>
#include <compiler.h>
#include <bug.h>
#include <kernel.h>
#include <pgtable.h>
#include <printk.h>

#include "arm64.h"

#define UART0_BASE 0x09000000UL /* PL011 on QEMU virt; works without initialisation */
#define UART_DR 0x00		/* data register */
#define UART_FR 0x18		/* flag register */
#define UART_FR_TXFF (1U << 5)	/* transmit FIFO full */
#define UART_FR_RXFE (1U << 4)	/* receive FIFO empty */

#define GIC_MAX_FRAMES 2

extern char _start_kernel_image[], _end[];
extern char _stext[], _etext[], _srodata[], _erodata[], _sdata[];

static inline volatile u32 *uart_reg(unsigned int reg)
{
	return (volatile u32 *)(UART0_BASE + reg);
}

void arch_console_putc(char c)
{
	if (c == '\n')
		arch_console_putc('\r');
	while (*uart_reg(UART_FR) & UART_FR_TXFF)
		cpu_relax();
	*uart_reg(UART_DR) = (u8)c;
}

/* The PL011 holds received bytes in its FIFO; the low 8 bits of UARTDR are the byte. */
int arch_console_getc(void)
{
	if (*uart_reg(UART_FR) & UART_FR_RXFE)
		return CONSOLE_NO_INPUT;
	return (int)(*uart_reg(UART_DR) & 0xff);
}

/*
 * PSCI SYSTEM_OFF makes QEMU exit with status 0 whatever the reason; only
 * semihosting's SYS_EXIT hands it a status. So a failure or a panic exits
 * through semihosting (QEMU runs with -semihosting), and a pass, or a
 * failure when semihosting is off, powers off through PSCI.
 */
void arch_power_off(int status)
{
	if (status)
		semihosting_exit(status);
	psci_call(PSCI_0_2_FN_SYSTEM_OFF, 0, 0, 0);
	arch_idle_forever();
}

void arch_idle_forever(void)
{
	__asm__ __volatile__("msr daifset, #2" ::: "memory");
	for (;;)
		__asm__ __volatile__("wfi");
}

bool arch_kernel_image(phys_addr_t *start, phys_addr_t *end)
{
	*start = __pa(_start_kernel_image);
	*end = __pa(_end);
	return true;
}

static struct kernel_mapping kernel_maps[4 + GIC_MAX_FRAMES];

static void add_mapping(unsigned int i, const char *name, phys_addr_t start, phys_addr_t end,
			pgprot_t prot)
{
	kernel_maps[i] = (struct kernel_mapping){
		.name = name,
		.va = (unsigned long)__va(start),
		.pa = start,
		.size = end - start,
		.prot = prot,
	};
}

/*
 * W^X: text is read+exec, rodata read-only, data and bss read+write; never
 * write+exec. The devices: the UART and the GIC's register frames. paging_init()
 * is the first to need the device tree beyond memory: the PSCI conduit and the
 * GIC are set up here too, before any CPU is started or any interrupt enabled.
 */
const struct kernel_mapping *arch_kernel_mappings(unsigned int *nr)
{
	static unsigned int nr_maps;
	u64 base[GIC_MAX_FRAMES], size[GIC_MAX_FRAMES];
	const char *gic_names[GIC_MAX_FRAMES];
	unsigned int n = 4, frames;

	/* Tests ask again later (test/pgtable_test.c): the answer, and the set-up, are made once. */
	if (nr_maps) {
		*nr = nr_maps;
		return kernel_maps;
	}
	dt_setup_psci();
	pr_info("CPU: entered at EL%d, running at EL1; PSCI through %s\n", booted_at_el2 ? 2 : 1,
		psci_use_smc ? "smc" : "hvc");
	gic_init();
	add_mapping(0, ".text", __pa(_stext), __pa(_etext), PAGE_KERNEL_ROX);
	add_mapping(1, ".rodata", __pa(_srodata), __pa(_erodata), PAGE_KERNEL_RO);
	add_mapping(2, ".data+bss", __pa(_sdata), __pa(_end), PAGE_KERNEL);
	add_mapping(3, "uart", UART0_BASE, UART0_BASE + PAGE_SIZE, PAGE_KERNEL_IO);
	frames = gic_mappings(base, size, gic_names, GIC_MAX_FRAMES);
	for (unsigned int i = 0; i < frames; i++)
		add_mapping(n++, gic_names[i], ALIGN_DOWN(base[i], PAGE_SIZE),
			    ALIGN(base[i] + size[i], PAGE_SIZE), PAGE_KERNEL_IO);
	*nr = nr_maps = n;
	return kernel_maps;
}

const char *arch_bootargs_override(void)
{
	return NULL;
}

const char *arch_name(void)
{
	return "arm64";
}
