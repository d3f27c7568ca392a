/*
 * RISC-V board glue for QEMU virt: the ns16550a console (polled, both
 * ways), power-off through the sifive_test finisher, and where the kernel
 * image lies.
 */
#include <arch.h>
#include <asm/port.h>
#include <compiler.h>
#include <kernel.h>
#include <pgtable.h>

#define UART0_BASE 0x10000000UL /* ns16550a on QEMU virt */
#define UART_RBR 0		/* receive buffer register (read) */
#define UART_THR 0		/* transmit holding register (write) */
#define UART_LSR 5		/* line status register */
#define UART_LSR_DR 0x01	/* data ready: RBR holds a received byte */
#define UART_LSR_THRE 0x20	/* THR empty: room for a byte */

#define SIFIVE_TEST_BASE 0x100000UL
#define SIFIVE_TEST_PASS 0x5555
#define SIFIVE_TEST_FAIL 0x3333 /* exit status goes in bits 16..31 */

extern char _start_kernel_image[], _end[];
extern char _stext[], _etext[], _srodata[], _erodata[], _sdata[];

static inline volatile u8 *uart_reg(unsigned int reg)
{
	return (volatile u8 *)(UART0_BASE + reg);
}

void arch_console_putc(char c)
{
	if (c == '\n')
		arch_console_putc('\r');
	while (!(*uart_reg(UART_LSR) & UART_LSR_THRE))
		cpu_relax();
	*uart_reg(UART_THR) = (u8)c;
}

/* QEMU's ns16550a holds received bytes in its FIFO and stops taking input while it is full. */
int arch_console_getc(void)
{
	if (!(*uart_reg(UART_LSR) & UART_LSR_DR))
		return CONSOLE_NO_INPUT;
	return *uart_reg(UART_RBR);
}

void arch_power_off(int status)
{
	volatile u32 *finisher = (volatile u32 *)SIFIVE_TEST_BASE;

	*finisher = status ? SIFIVE_TEST_FAIL | (u32)status << 16 : SIFIVE_TEST_PASS;
	arch_idle_forever();
}

void arch_idle_forever(void)
{
	for (;;)
		__asm__ __volatile__("wfi");
}

bool arch_kernel_image(phys_addr_t *start, phys_addr_t *end)
{
	*start = __pa(_start_kernel_image);
	*end = __pa(_end);
	return true;
}

static struct kernel_mapping kernel_maps[5];

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

/* W^X: text is read+exec, rodata read-only, data and bss read+write; never write+exec. */
const struct kernel_mapping *arch_kernel_mappings(unsigned int *nr)
{
	add_mapping(0, ".text", __pa(_stext), __pa(_etext), PAGE_KERNEL_ROX);
	add_mapping(1, ".rodata", __pa(_srodata), __pa(_erodata), PAGE_KERNEL_RO);
	add_mapping(2, ".data+bss", __pa(_sdata), __pa(_end), PAGE_KERNEL);
	add_mapping(3, "uart", UART0_BASE, UART0_BASE + PAGE_SIZE, PAGE_KERNEL_IO);
	add_mapping(4, "finisher", SIFIVE_TEST_BASE, SIFIVE_TEST_BASE + PAGE_SIZE, PAGE_KERNEL_IO);
	*nr = ARRAY_SIZE(kernel_maps);
	return kernel_maps;
}

const char *arch_bootargs_override(void)
{
	return NULL;
}

const char *arch_name(void)
{
	return "riscv64";
}
