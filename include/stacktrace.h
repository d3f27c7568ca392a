/*
 * Stack traces (Linux's <linux/stacktrace.h>): the return addresses of the
 * running call chain, captured by the port (docs/porting.md) and printed
 * symbolised. page_owner keeps one per allocated page block.
 */
#ifndef _STACKTRACE_H
#define _STACKTRACE_H

#include <types.h>

/**
 * stack_trace_save - capture the call chain of the caller
 * @store: where the return addresses go, innermost first
 * @size: room in @store
 * @skipnr: how many of the innermost entries to leave out
 *
 * Entry 0 (with @skipnr 0) is the return address into the function that
 * called stack_trace_save() (a place in that function), entry 1 one in its
 * caller, and so on up to the outermost frame the port can unwind or @size
 * entries. A port hook (docs/porting.md): riscv and arm64 unwind with the
 * image's DWARF call-frame information (lib/dwarf_unwind.c), host with
 * glibc's backtrace(). Any context, any lock held; takes no lock but, on
 * riscv and arm64, the once-only one that builds the search table.
 * Return: the number of entries stored (0 if nothing could be unwound).
 */
unsigned int stack_trace_save(unsigned long *store, unsigned int size, unsigned int skipnr);

/**
 * stack_trace_print - print a trace, one symbolised entry per line
 * @entries: return addresses, as stack_trace_save() stores them
 * @nr_entries: how many
 * @spaces: indentation of each line
 *
 * Each line is " name+0xoff/0xsize", as Linux's stack_trace_print(), the
 * function found from the address before the return address (sprint_backtrace()):
 * a call that never returns may end its function.
 */
void stack_trace_print(const unsigned long *entries, unsigned int nr_entries, int spaces);

/**
 * stack_trace_snprint - format a trace into a buffer, as stack_trace_print() prints it
 * @buf: the buffer (always NUL-terminated when @size is not 0)
 * @size: its size
 * @entries: return addresses
 * @nr_entries: how many
 * @spaces: indentation of each line
 *
 * Return: the length the whole trace needs, without the NUL (as snprintf()).
 */
int stack_trace_snprint(char *buf, size_t size, const unsigned long *entries,
			unsigned int nr_entries, int spaces);

#endif /* _STACKTRACE_H */
