/*
 * printk: formats a message, drops it if its level is filtered out, and
 * writes it to the arch console under a lock so lines never interleave.
 */
#include <arch.h>
#include <kernel.h>
#include <params.h>
#include <spinlock.h>

#define PRINTK_LINE_MAX 1024

static int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
static DEFINE_SPINLOCK(console_lock);
static char printk_buf[PRINTK_LINE_MAX];
/* printk_capture()'s buffer: what printk() formats is also appended here, NUL-terminated. */
static char *capture_buf;
static size_t capture_size, capture_len;

void console_loglevel_set(int level)
{
	console_loglevel = level;
}

static int parse_loglevel(const char *value)
{
	unsigned long level;

	if (!value || kstrtoul(value, 10, &level) || level > 15)
		return -EINVAL;
	console_loglevel_set((int)level);
	return 0;
}
early_param("loglevel", parse_loglevel);

/* Split off a KERN_<LEVEL> prefix; returns the level (or the default) and advances *text. */
static int printk_level(const char **text)
{
	const char *s = *text;

	if (s[0] != KERN_SOH[0] || !s[1])
		return LOGLEVEL_DEFAULT;
	*text = s + 2;
	if (s[1] >= '0' && s[1] <= '7')
		return s[1] - '0';
	return LOGLEVEL_DEFAULT; /* KERN_CONT: continuation of the previous line */
}

int vprintk(const char *fmt, va_list args)
{
	unsigned long flags;
	const char *text;
	int level, len;

	/* Masked interrupts: a cross-CPU call that reports something may interrupt a printk. */
	spin_lock_irqsave(&console_lock, flags);
	vscnprintf(printk_buf, sizeof(printk_buf), fmt, args);
	text = printk_buf;
	level = printk_level(&text);
	len = 0;
	if (level < console_loglevel)
		for (; text[len]; len++)
			arch_console_putc(text[len]);
	if (capture_buf)
		capture_len += scnprintf(capture_buf + capture_len, capture_size - capture_len,
					 "%s", text);
	spin_unlock_irqrestore(&console_lock, flags);
	return len;
}

void printk_capture(char *buf, size_t size)
{
	unsigned long flags;

	spin_lock_irqsave(&console_lock, flags);
	capture_buf = size ? buf : NULL;
	capture_size = size;
	capture_len = 0;
	if (capture_buf)
		capture_buf[0] = '\0';
	spin_unlock_irqrestore(&console_lock, flags);
}

int printk(const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vprintk(fmt, args);
	va_end(args);
	return len;
}

/**
 * printk_panic_unlock - let a panicking CPU print even if the console lock is held
 *
 * Called only by panic(): the machine is about to stop, and a report lost to a
 * lock held by a crashed CPU is worse than a garbled line.
 */
void printk_panic_unlock(void)
{
	spin_lock_init(&console_lock);
}
