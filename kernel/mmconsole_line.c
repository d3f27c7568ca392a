/*
 * The memory console's line editor: reads bytes from arch_console_getc(),
 * echoes what it keeps, and edits the line as a terminal's cooked mode
 * would: backspace (DEL or ^H) erases a character, ^U the whole line, ^C
 * abandons it; escape sequences (arrow keys) are swallowed; Enter is CR or
 * LF, and the LF of a CR LF pair is not a second Enter.
 */
#include <arch.h>
#include <asm/port.h>
#include <kernel.h>

#include "mmconsole_internal.h"

#define CTRL(c) ((c)&0x1f)
#define ESC 0x1b
#define DEL 0x7f

/* Where an escape sequence is: ESC, then '[' or 'O', then bytes up to one in 0x40..0x7e. */
enum esc_state {
	ESC_NONE,
	ESC_START,
	ESC_BODY,
};

static int next_byte(void)
{
	int c;

	while ((c = arch_console_getc()) == CONSOLE_NO_INPUT)
		cpu_relax();
	return c;
}

static void erase(size_t n)
{
	while (n--)
		printk("\b \b");
}

/* Swallow the bytes of an escape sequence; true while @c was part of one. */
static bool in_escape(enum esc_state *state, int c)
{
	switch (*state) {
	case ESC_START:
		*state = (c == '[' || c == 'O') ? ESC_BODY : ESC_NONE;
		return true;
	case ESC_BODY:
		if (c >= 0x40 && c <= 0x7e)
			*state = ESC_NONE;
		return true;
	default:
		if (c != ESC)
			return false;
		*state = ESC_START;
		return true;
	}
}

int mmcon_readline(char *buf, size_t size)
{
	static bool after_cr; /* the last line ended with CR: a LF right after is its pair */
	enum esc_state esc = ESC_NONE;
	size_t len = 0;
	int c;

	for (;;) {
		c = next_byte();
		if (c == CONSOLE_INPUT_CLOSED)
			return -1;
		if (after_cr && c == '\n') {
			after_cr = false;
			continue;
		}
		after_cr = false;
		if (in_escape(&esc, c))
			continue;
		if (c == '\r' || c == '\n') {
			after_cr = c == '\r';
			printk("\n");
			buf[len] = '\0';
			return (int)len;
		}
		if (c == DEL || c == CTRL('H')) {
			if (len) {
				len--;
				erase(1);
			}
		} else if (c == CTRL('U')) {
			erase(len);
			len = 0;
		} else if (c == CTRL('C')) {
			printk("^C\n");
			buf[0] = '\0';
			return 0;
		} else if (c >= ' ' && c < DEL && len + 1 < size) {
			buf[len++] = (char)c;
			printk("%c", c);
		}
	}
}
