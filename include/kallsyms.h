/*
 * kallsyms: the kernel's own symbol table (every function's address, size and name), linked
 * into the image by tools/link-kallsyms, so that reports name their callers.
 */
#ifndef _KALLSYMS_H
#define _KALLSYMS_H

#include <types.h>

/* Room for "name+0x<offset>/0x<size>" of any kernel symbol, with its NUL. */
#define KSYM_SYMBOL_LEN 160

/**
 * kallsyms_lookup - the function that contains an address
 * @addr: any address
 * @symbolsize: if not NULL, set to the function's size in bytes
 * @offset: if not NULL, set to @addr's offset from the function's start
 *
 * Return: the function's name, or NULL if @addr is in no function of the kernel.
 * Reads only the read-only table: any context, at any time from the first instruction.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize, unsigned long *offset);

/**
 * kallsyms_lookup_name - the address of a function, by name
 * @name: the function's name
 *
 * Return: its address, or 0 if no function is called @name (of several static
 * functions of that name, one of them).
 */
unsigned long kallsyms_lookup_name(const char *name);

/**
 * sprint_symbol - format "name+0xoffset/0xsize" for an address, as %pS does
 * @buf: at least KSYM_SYMBOL_LEN bytes
 * @addr: the address
 *
 * An address in no function is formatted as "0x<hex>".
 * Return: the length of the string written, without the NUL.
 */
int sprint_symbol(char *buf, unsigned long addr);

/**
 * sprint_backtrace - format a return address of a stack trace, as %pB does in Linux
 * @buf: at least KSYM_SYMBOL_LEN bytes
 * @addr: a return address
 *
 * As sprint_symbol(), but the function is the one that holds @addr - 1, the
 * call: the return address of a call that never returns (the last instruction
 * of its function) would otherwise name the next function.
 * Return: the length of the string written, without the NUL.
 */
int sprint_backtrace(char *buf, unsigned long addr);

/**
 * sprint_symbol_no_offset - the same, as %ps does: the function's name alone.
 */
int sprint_symbol_no_offset(char *buf, unsigned long addr);

#endif /* _KALLSYMS_H */
