/*
 * Host console and power: printk output goes to stdout a line at a time,
 * input comes from stdin a byte at a time; "power off" is exit() with the
 * kernel's status.
 */
#include <arch.h>
#include <poll.h>
#include <bug.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include "host.h"

static char line[1024];
static size_t line_len;

static void flush_line(void)
{
	size_t done = 0;

	while (done < line_len) {
		ssize_t n = write(STDOUT_FILENO, line + done, line_len - done);

		if (n <= 0)
			break;
		done += (size_t)n;
	}
	line_len = 0;
}

void arch_console_putc(char c)
{
	line[line_len++] = c;
	if (c == '\n' || line_len == sizeof(line))
		flush_line();
}

static struct termios saved_termios;

static void restore_terminal(void)
{
	tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
}

/*
 * A terminal on stdin would echo and edit lines itself, which the console
 * does: hand it bytes as they are typed, without echo. ^C still ends the
 * process, as for any program.
 */
static void raw_terminal(void)
{
	static bool done;
	struct termios raw;

	if (done || !isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_termios))
		return;
	done = true;
	raw = saved_termios;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_iflag &= ~(tcflag_t)ICRNL;
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (!tcsetattr(STDIN_FILENO, TCSANOW, &raw))
		atexit(restore_terminal);
}

/*
 * Waits up to 10 ms for a byte, so that a console left at its prompt does not
 * keep a host CPU busy. A partial line (the prompt) is written out first.
 */
int arch_console_getc(void)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	unsigned char c;
	ssize_t n;

	flush_line();
	raw_terminal();
	if (poll(&pfd, 1, 10) <= 0)
		return CONSOLE_NO_INPUT;
	n = read(STDIN_FILENO, &c, 1);
	if (n < 0 && errno == EINTR)
		return CONSOLE_NO_INPUT;
	return n == 1 ? c : CONSOLE_INPUT_CLOSED;
}

void arch_power_off(int status)
{
	flush_line();
	exit(status);
}

void arch_idle_forever(void)
{
	flush_line();
	for (;;)
		pause();
}

void host_die(const char *fmt, ...)
{
	va_list args;

	flush_line();
	fputs("host: ", stderr);
	va_start(args, fmt);
	vfprintf(stderr, fmt, args);
	va_end(args);
	fputc('\n', stderr);
	exit(EXIT_KERNEL_PANIC);
}

/* Sanitizer reports are crashes too: make them end the run like a panic. */
const char *__asan_default_options(void)
{
	return "exitcode=2:detect_leaks=1";
}

const char *__ubsan_default_options(void)
{
	return "exitcode=2:print_stacktrace=1";
}

/* A data race ends the run too (make test-tsan). */
const char *__tsan_default_options(void)
{
	return "exitcode=2:halt_on_error=1";
}
