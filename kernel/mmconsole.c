/*
 * The memory console: with ktest.shutdown=0 (make qemu CONSOLE=1), the boot
 * CPU ends the tests at an "mm> " prompt on the serial console instead of
 * powering off. Each line is one command that calls the allocators or prints
 * their reports as Linux's /proc files do; `help` lists them. Runs on the
 * boot CPU alone (the others idle, answering cross-CPU calls), one command
 * at a time, so it needs no lock of its own. The commands live in the
 * mmconsole_*.c files, one kind each.
 */
#include <arch.h>
#include <bug.h>
#include <fault_inject.h>
#include <kernel.h>
#include <mm.h>
#include <mmconsole.h>
#include <page_owner.h>
#include <slab.h>
#include <string.h>
#include <vmalloc.h>

#include "mmconsole_internal.h"

static unsigned int boot_tests_failed;
unsigned int mmcon_tests_failed;

static void cmd_help(int argc, char **argv);
/* page_owner [SEQ [MAX]]: show_page_owner_since(SEQ, MAX), every block without SEQ. */
static void cmd_page_owner(int argc, char **argv)
{
	unsigned long seq = 0, max = 0;

	if ((argc > 0 && kstrtoul(argv[0], 0, &seq)) || (argc > 1 && kstrtoul(argv[1], 0, &max))) {
		pr_info("page_owner: SEQ and MAX are numbers: page_owner [SEQ [MAX]]\n");
		return;
	}
	show_page_owner_since(seq, (unsigned int)max);
}

static void cmd_poweroff(int argc, char **argv) __noreturn;

static void cmd_meminfo(int argc, char **argv)
{
	show_meminfo();
}

static void cmd_buddyinfo(int argc, char **argv)
{
	show_buddyinfo();
}

static void cmd_zoneinfo(int argc, char **argv)
{
	show_zoneinfo();
}

static void cmd_vmallocinfo(int argc, char **argv)
{
	if (!nr_vmalloc_areas())
		pr_info("(no vmalloc area is live)\n");
	show_vmallocinfo();
}

static void cmd_addr(int argc, char **argv)
{
	unsigned long addr;

	if (mmcon_address("addr", argv[0], &addr))
		mem_dump_obj((const void *)addr);
}

static void cmd_poweroff(int argc, char **argv)
{
	unsigned int failed = boot_tests_failed + mmcon_tests_failed;

	pr_notice("Powering off: %s\n",
		  failed ? "tests failed (exit status 1)" : "all tests passed (exit status 0)");
	arch_power_off(failed ? EXIT_TESTS_FAILED : EXIT_TESTS_PASSED);
}

static const struct mmcon_cmd commands[] = {
	{ "help", "", "this list", cmd_help, 0, 0 },
	{ "meminfo", "", "memory totals, as /proc/meminfo", cmd_meminfo, 0, 0 },
	{ "buddyinfo", "", "free blocks per zone and order, as /proc/buddyinfo", cmd_buddyinfo, 0,
	  0 },
	{ "zoneinfo", "", "each zone's free pages, watermarks, CPU lists (/proc/zoneinfo)",
	  cmd_zoneinfo, 0, 0 },
	{ "slabinfo", "[CACHE]", "every cache (/proc/slabinfo), or one cache in detail",
	  mmcon_slabinfo, 0, 1 },
	{ "vmallocinfo", "", "the live vmalloc areas, as /proc/vmallocinfo", cmd_vmallocinfo, 0,
	  0 },
	{ "addr", "ADDR", "what an address is: page, block, slab object, vmalloc area, ...",
	  cmd_addr, 1, 1 },
	{ "kmalloc", "SIZE", "kmalloc(SIZE, GFP_KERNEL)", mmcon_kmalloc, 1, 1 },
	{ "kfree", "ADDR", "kfree(ADDR)", mmcon_kfree, 1, 1 },
	{ "alloc_pages", "ORDER", "alloc_pages(GFP_KERNEL, ORDER): 2^ORDER pages",
	  mmcon_alloc_pages, 1, 1 },
	{ "free_pages", "ADDR ORDER", "free_pages(ADDR, ORDER)", mmcon_free_pages, 2, 2 },
	{ "vmalloc", "SIZE", "vmalloc(SIZE)", mmcon_vmalloc, 1, 1 },
	{ "vfree", "ADDR", "vfree(ADDR)", mmcon_vfree, 1, 1 },
	{ "allocs", "", "what the console allocated, by handle ($1, $2, ...)", mmcon_allocs, 0, 0 },
	{ "cache", "create NAME SIZE [FZPUA]|alloc NAME|free NAME ADDR|destroy NAME|validate NAME",
	  "a slab cache of your own (flags: slub_debug letters, A: SLAB_HWCACHE_ALIGN)",
	  mmcon_cache, 1, 5 },
	{ "fail", "[slab|page off|nth N|I,P,S,T [CACHE|MIN_ORDER]]",
	  "fault injection (failslab, fail_page_alloc): set it up or show its counts", mmcon_fail,
	  0, 3 },
	{ "test", "[FILTER]", "run the self-test suites (ktest.filter syntax)", mmcon_test, 0, 1 },
	{ "bench", "[FILTER]", "run the benchmarks whose name matches", mmcon_bench, 0, 1 },
	{ "page_owner", "[SEQ [MAX]]",
	  "page_owner=on: allocated blocks by stack (since sequence number SEQ, MAX groups)",
	  cmd_page_owner, 0, 2 },
	{ "poweroff", "", "power off: exit status 1 if any test failed, else 0", cmd_poweroff, 0,
	  0 },
};

static void cmd_help(int argc, char **argv)
{
	pr_info("Commands (ADDR: 0x... or a handle $n, +/- an offset; SIZE: 100, 0x40, 8K, 2M):\n");
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		pr_info("  %s%s%s\n      %s\n", commands[i].name, *commands[i].args ? " " : "",
			commands[i].args, commands[i].help);
	pr_info("Editing: backspace, ^U erases the line, ^C abandons it.\n");
}

/* Cut @line into words in place; returns how many (at most @max), -1 if there are more. */
static int split_words(char *line, char **words, int max)
{
	int n = 0;

	for (;;) {
		while (*line == ' ' || *line == '\t')
			*line++ = '\0';
		if (!*line)
			return n;
		if (n == max)
			return -1;
		words[n++] = line;
		while (*line && *line != ' ' && *line != '\t')
			line++;
	}
}

static void run_line(char *line)
{
	char *words[MMCON_ARGS_MAX + 1];
	int n = split_words(line, words, ARRAY_SIZE(words));

	if (n == 0)
		return;
	if (n < 0) {
		pr_info("too many words: at most %d after the command\n", MMCON_ARGS_MAX);
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		const struct mmcon_cmd *cmd = &commands[i];

		if (strcmp(words[0], cmd->name))
			continue;
		if (n - 1 < cmd->min_args || n - 1 > cmd->max_args)
			pr_info("usage: %s%s%s\n", cmd->name, *cmd->args ? " " : "", cmd->args);
		else
			cmd->run(n - 1, words + 1);
		return;
	}
	pr_info("%s: unknown command (help lists them)\n", words[0]);
}

bool mmcon_number(const char *cmd, const char *word, unsigned long *value)
{
	char *end;
	unsigned long long v = memparse(word, &end);

	if (end == word || *end || v > ULONG_MAX) {
		pr_info("%s: '%s' is not a number (100, 0x40, 8K, 2M)\n", cmd, word);
		return false;
	}
	*value = (unsigned long)v;
	return true;
}

void mmconsole_run(unsigned int tests_failed)
{
	char line[MMCON_LINE_MAX];

	boot_tests_failed = tests_failed;
	pr_notice("ktest.shutdown=0: memory console; type help (poweroff or QEMU's Ctrl-A X "
		  "quits)\n");
	for (;;) {
		printk("mm> ");
		if (mmcon_readline(line, sizeof(line)) < 0)
			break;
		run_line(line);
	}
	pr_notice("console input ended\n");
	cmd_poweroff(0, NULL);
}
