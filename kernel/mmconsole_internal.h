/*
 * The memory console's internals, shared by its files: the command table's
 * entries, argument parsing, and the handles ($1, $2, ...) of what the
 * console allocated. The console itself (kernel/mmconsole.c) is entered by
 * start_kernel() after the tests when ktest.shutdown=0.
 */
#ifndef _KERNEL_MMCONSOLE_INTERNAL_H
#define _KERNEL_MMCONSOLE_INTERNAL_H

#include <types.h>

struct kmem_cache;

/* The longest command line, and the most words one may have. */
#define MMCON_LINE_MAX 256
#define MMCON_ARGS_MAX 8

/*
 * One command: "name args" in help; run() gets the words after the name,
 * of which there are min_args to max_args (others get the usage line).
 */
struct mmcon_cmd {
	const char *name;
	const char *args;
	const char *help;
	void (*run)(int argc, char **argv);
	int min_args, max_args;
};

/*
 * mmcon_readline - read a line from the console, echoing and editing it
 * (backspace, ^U erases the line, ^C abandons it, escape sequences ignored).
 * Return: its length (@buf NUL-terminated), or -1 when input has ended.
 */
int mmcon_readline(char *buf, size_t size);

/*
 * Parsing, each printing "<cmd>: ..." and returning false on bad input:
 * mmcon_number() takes a number (0x for hex) with an optional K, M or G;
 * mmcon_address() a number or a handle, $n, optionally +/- an offset.
 */
bool mmcon_number(const char *cmd, const char *word, unsigned long *value);
bool mmcon_address(const char *cmd, const char *word, unsigned long *addr);

/* What a handle was made by. */
enum mmcon_kind {
	MMCON_KMALLOC,
	MMCON_PAGES,
	MMCON_VMALLOC,
	MMCON_CACHE,
};

/*
 * mmcon_track - give a new allocation a handle and print it: "<what> =
 * <address> [$n]". @size: bytes (the order for MMCON_PAGES); @cache: the
 * cache of an MMCON_CACHE object.
 */
void mmcon_track(enum mmcon_kind kind, void *addr, unsigned long size, struct kmem_cache *cache,
		 const char *what);

/*
 * mmcon_may_free - may a free of @addr be passed to the allocator? Yes when
 * the console allocated it, or when it is no live allocation at all (the
 * allocator then reports the bad free itself). No, with a message, when it
 * is a live allocation of someone else's: freeing it would corrupt its owner.
 */
bool mmcon_may_free(const char *cmd, unsigned long addr);

/* mmcon_forget_freed - after a free: handles whose allocation is gone are marked freed. */
void mmcon_forget_freed(void);

/* mmcon_cache_name - the name of a cache the console created ("?" for any other). */
const char *mmcon_cache_name(const struct kmem_cache *s);

/* mmcon_cache_by_name - the cache the console created with that name, or NULL. */
struct kmem_cache *mmcon_cache_by_name(const char *name);

/* The commands of each file. */
void mmcon_kmalloc(int argc, char **argv);
void mmcon_kfree(int argc, char **argv);
void mmcon_alloc_pages(int argc, char **argv);
void mmcon_free_pages(int argc, char **argv);
void mmcon_vmalloc(int argc, char **argv);
void mmcon_vfree(int argc, char **argv);
void mmcon_allocs(int argc, char **argv);
void mmcon_cache(int argc, char **argv);
void mmcon_slabinfo(int argc, char **argv);
void mmcon_fail(int argc, char **argv);
void mmcon_test(int argc, char **argv);
void mmcon_bench(int argc, char **argv);

/* Tests that failed in the console's test runs, for the exit status of poweroff. */
extern unsigned int mmcon_tests_failed;

#endif /* _KERNEL_MMCONSOLE_INTERNAL_H */
