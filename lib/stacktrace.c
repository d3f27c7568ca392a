/*
 * Printing stack traces (<stacktrace.h>): one symbolised entry per line, as
 * Linux's stack_trace_print(). Capturing them is the port's
 * stack_trace_save() (lib/dwarf_unwind.c on riscv and arm64, arch/host).
 */
#include <kernel.h>
#include <printk.h>
#include <stacktrace.h>

void stack_trace_print(const unsigned long *entries, unsigned int nr_entries, int spaces)
{
	for (unsigned int i = 0; i < nr_entries; i++)
		pr_info("%*c%pS\n", 1 + spaces, ' ', (void *)entries[i]);
}

int stack_trace_snprint(char *buf, size_t size, const unsigned long *entries,
			unsigned int nr_entries, int spaces)
{
	int len = 0;

	if (size)
		buf[0] = '\0';
	for (unsigned int i = 0; i < nr_entries; i++) {
		size_t off = (size_t)len < size ? (size_t)len : size;

		len += snprintf(buf + off, size - off, "%*c%pS\n", 1 + spaces, ' ',
				(void *)entries[i]);
	}
	return len;
}
