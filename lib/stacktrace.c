/*
 * Printing stack traces (<stacktrace.h>): one symbolised entry per line, as
 * Linux's stack_trace_print(), each return address named by the call before
 * it (sprint_backtrace(), Linux's %pB). Capturing them is the port's
 * stack_trace_save() (lib/dwarf_unwind.c on riscv and arm64, arch/host).
 */
#include <kallsyms.h>
#include <kernel.h>
#include <printk.h>
#include <stacktrace.h>

void stack_trace_print(const unsigned long *entries, unsigned int nr_entries, int spaces)
{
	char sym[KSYM_SYMBOL_LEN];

	for (unsigned int i = 0; i < nr_entries; i++) {
		sprint_backtrace(sym, entries[i]);
		pr_info("%*c%s\n", 1 + spaces, ' ', sym);
	}
}

int stack_trace_snprint(char *buf, size_t size, const unsigned long *entries,
			unsigned int nr_entries, int spaces)
{
	int len = 0;

	if (size)
		buf[0] = '\0';
	for (unsigned int i = 0; i < nr_entries; i++) {
		size_t off = (size_t)len < size ? (size_t)len : size;
		char sym[KSYM_SYMBOL_LEN];

		sprint_backtrace(sym, entries[i]);
		len += snprintf(buf + off, size - off, "%*c%s\n", 1 + spaces, ' ', sym);
	}
	return len;
}
