/* printk and its log levels: the kernel's only way to talk to the console. */
#ifndef _PRINTK_H
#define _PRINTK_H

#include <compiler.h>
#include <stdarg.h>
#include <stddef.h>

/* A level is a two-byte prefix "\001<digit>", as in Linux; it is not printed. */
#define KERN_SOH "\001"
#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"
#define KERN_CONT KERN_SOH "c"

#define LOGLEVEL_DEFAULT 4	   /* level of a printk() without a prefix */
#define CONSOLE_LOGLEVEL_DEFAULT 7 /* messages below this level reach the console */

/**
 * printk - format a message and write it to the console
 * @fmt: format string, optionally starting with a KERN_<LEVEL> prefix
 *
 * Messages whose level is numerically below the console log level (the
 * "loglevel=" boot parameter, default 7) are written; others are dropped.
 * Safe to call from any context once the console is up; lines written by
 * different CPUs are never interleaved within one call.
 *
 * Return: the number of characters written to the console.
 */
int printk(const char *fmt, ...) __printf(1, 2);
/**
 * vprintk - printk() with the arguments in a va_list.
 */
int vprintk(const char *fmt, va_list args);

/**
 * console_loglevel_set - change which printk levels reach the console
 * @level: messages with a level numerically below this are printed
 */
void console_loglevel_set(int level);

/**
 * printk_capture - also copy every message into a buffer, for tests that check a report
 * @buf: where messages are appended (whatever their level), always NUL-terminated; what
 *       does not fit is dropped
 * @size: @buf's size in bytes; 0 stops capturing
 *
 * One capture at a time: a new call replaces the previous buffer and starts it empty.
 */
void printk_capture(char *buf, size_t size);

/**
 * printk_panic_unlock - for panic() only: print even if a crashed CPU holds the console.
 */
void printk_panic_unlock(void);

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

#define pr_emerg(fmt, ...) printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...) printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...) printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...) printk(KERN_CONT fmt, ##__VA_ARGS__)

#endif /* _PRINTK_H */
