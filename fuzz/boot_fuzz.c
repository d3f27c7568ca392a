/*
 * libFuzzer target: the boot memory-map path, device tree -> memblock ->
 * zones. In this process, with coverage, memblock_from_dtb() reads the blob
 * into private memblock tables, which must then hold sorted, disjoint ranges
 * that neither wrap nor reach PHYS_RAM_LIMIT, and every usable part of every
 * /memory range. Each memory map not seen before whose RAM is at most
 * FUZZ_BOOT_MAX_RAM is then booted for real, in a child process: the host
 * kernel (FUZZ_KERNEL, default build/host/kernel.elf, ASan + UBSan) builds
 * memblock, the page tables, the struct pages and the zones from it, and runs
 * the suites memmap and memmap_init (every struct page checked). The child
 * must pass, or refuse the tree with a panic that says why; a crash, a
 * sanitizer report, a failed test or a hang is a finding (coverage of the
 * child's run is not fed back; see judge()).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <asm/port.h>
#include <dtb.h>
#include <memblock.h>
#include <printk.h>
#include <setup.h>

#include "fuzz.h"

#define SLOTS 1024			 /* private tables: far more than a boot's */
#define FUZZ_BOOT_MAX_RAM (512ULL << 20) /* larger maps are not booted */
#define SEEN_MAPS 65536			 /* memory maps booted so far, by hash */
#define CHILD_SECONDS "30"		 /* a boot that takes longer hangs */
#define OUTPUT_MAX (1 << 20)
#define SANITIZER_EXIT 86 /* the child's exit status after a sanitizer report */

static char *child_env[] = { "ASAN_OPTIONS=exitcode=86", "UBSAN_OPTIONS=exitcode=86",
			     "PATH=/usr/bin:/bin", NULL };

static struct memblock_region mem_slots[SLOTS], rsv_slots[SLOTS];
static struct memblock mb;
static unsigned long long seen[SEEN_MAPS];
static char dtb_path[64];
static char output[OUTPUT_MAX + 1], scratch[4096];

static int count_range(void *arg, const char *name, const struct dtb_range *r, bool nomap)
{
	(*(unsigned long *)arg)++;
	return 0;
}

/* How many ranges of each kind the tree has: more than SLOTS would fill the tables. */
static bool fits_tables(const struct dtb *dt)
{
	unsigned long mem = 0, rsv = 0;

	dtb_for_each_memory(dt, count_range, &mem);
	dtb_for_each_reserved_memory(dt, count_range, &rsv);
	dtb_for_each_memreserve(dt, count_range, &rsv);
	return mem <= SLOTS && rsv <= SLOTS;
}

static void check_type(const struct memblock_type *type, u64 limit)
{
	for (unsigned long i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];

		if (!r->size || r->base + r->size < r->base)
			fuzz_fail("%s[%lu] [%#llx, +%#llx) is empty or wraps", type->name, i,
				  (unsigned long long)r->base, (unsigned long long)r->size);
		if (limit && r->base + r->size > limit)
			fuzz_fail("%s[%lu] [%#llx, +%#llx) reaches past %#llx", type->name, i,
				  (unsigned long long)r->base, (unsigned long long)r->size,
				  (unsigned long long)limit);
		if (i && r->base <= type->regions[i - 1].base + type->regions[i - 1].size)
			fuzz_fail("%s[%lu] is not after %s[%lu], apart from it", type->name, i,
				  type->name, i - 1);
	}
}

static int check_recorded(void *arg, const char *name, const struct dtb_range *r, bool nomap)
{
	struct dtb_range use;

	dtb_range_clip(r, PHYS_RAM_LIMIT, &use);
	use.size = use.size < ~0ULL - use.base ? use.size : ~0ULL - use.base;
	if (use.size && !memblock_type_covers(&mb.memory, use.base, use.size))
		fuzz_fail("%s [%#llx, +%#llx) was not recorded", name, (unsigned long long)use.base,
			  (unsigned long long)use.size);
	return 0;
}

static u64 total_ram(void)
{
	u64 ram = 0;

	for (unsigned long i = 0; i < mb.memory.cnt; i++)
		ram += mb.memory.regions[i].size;
	return ram;
}

/* A hash of the memory map, to boot each one once. */
static unsigned long long map_hash(void)
{
	unsigned long long h = 1469598103934665603ULL;
	const struct memblock_type *types[] = { &mb.memory, &mb.reserved };

	for (unsigned int t = 0; t < 2; t++)
		for (unsigned long i = 0; i < types[t]->cnt; i++) {
			h = (h ^ types[t]->regions[i].base) * 1099511628211ULL;
			h = (h ^ types[t]->regions[i].size) * 1099511628211ULL;
		}
	return h | 1;
}

static bool first_time(unsigned long long h)
{
	for (unsigned long i = h % SEEN_MAPS, n = 0; n < SEEN_MAPS; i = (i + 1) % SEEN_MAPS, n++) {
		if (seen[i] == h)
			return false;
		if (!seen[i]) {
			seen[i] = h;
			return true;
		}
	}
	return false; /* the table is full: boot no more */
}

/* Run the host kernel on the blob; return its exit status, its output in output[]. */
static int boot_child(const u8 *data, size_t size)
{
	const char *kernel =
		getenv("FUZZ_KERNEL") ? getenv("FUZZ_KERNEL") : "build/host/kernel.elf";
	char *argv[] = { "timeout",
			 "-s",
			 "KILL",
			 CHILD_SECONDS,
			 (char *)kernel,
			 "--append",
			 "ktest.filter=memmap*",
			 dtb_path,
			 NULL };
	posix_spawn_file_actions_t fa;
	int fd, pipefd[2], status;
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	fd = open(dtb_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size || close(fd))
		fuzz_fail("cannot write %s", dtb_path);
	if (pipe(pipefd))
		fuzz_fail("cannot make a pipe");
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 2);
	posix_spawn_file_actions_addclose(&fa, pipefd[0]);
	if (posix_spawnp(&pid, "timeout", &fa, NULL, argv, child_env))
		fuzz_fail("cannot start %s", kernel);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	/*
	 * Read to the end (past OUTPUT_MAX into a scratch buffer: a child whose
	 * pipe closes dies of SIGPIPE), again after a signal: libFuzzer's timer
	 * interrupts system calls.
	 */
	while ((n = read(pipefd[0], len < OUTPUT_MAX ? output + len : scratch,
			 len < OUTPUT_MAX ? OUTPUT_MAX - len : sizeof(scratch))) != 0) {
		if (n > 0 && len < OUTPUT_MAX)
			len += (size_t)n;
		else if (n < 0 && errno != EINTR)
			fuzz_fail("cannot read the child's output: %s", strerror(errno));
	}
	output[len] = '\0';
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) != pid)
		if (errno != EINTR)
			fuzz_fail("lost the child: %s", strerror(errno));
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/*
 * A boot may refuse a tree, but only by saying why, never by crashing. The
 * tree's own strings reach the output (node names are printed), so nothing
 * it says is trusted but its last line: a panic ends with "---[ end Kernel
 * panic - not syncing: <why> ]---", and a crash (an oops or a fatal signal)
 * panics with "Fatal exception". A sanitizer report exits with its own
 * status (SANITIZER_EXIT).
 */
static void judge(int status)
{
	static const char end[] = "---[ end Kernel panic - not syncing: ";
	const char *tail = output + (strlen(output) > 3000 ? strlen(output) - 3000 : 0);
	const char *last = NULL;

	for (const char *p = output; (p = strstr(p, end)); p++)
		last = p;
	if (status == 0 ||
	    (status == 2 && last &&
	     strncmp(last + strlen(end), "Fatal exception", strlen("Fatal exception"))))
		return;
	if (status == 2 && !last && strstr(tail, "host: ")) /* refused before the kernel ran */
		return;
	fuzz_fail("the boot ended with exit status %d (1: a test failed, %d: a sanitizer "
		  "report, 2: a crash, 137: a hang):\n%s",
		  status, SANITIZER_EXIT, tail);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	snprintf(dtb_path, sizeof(dtb_path), "/tmp/boot-fuzz-%d.dtb", (int)getpid());
	console_loglevel_set(1); /* memblock_from_dtb() prints every range */
	return 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	const char *what;
	struct dtb dt;

	if (dtb_init(&dt, data, size) || !fits_tables(&dt))
		return 0;
	memset(mem_slots, 0, sizeof(mem_slots));
	memset(rsv_slots, 0, sizeof(rsv_slots));
	mb = (struct memblock){
		.memory = { .max = SLOTS, .regions = mem_slots, .name = "memory" },
		.reserved = { .max = SLOTS, .regions = rsv_slots, .name = "reserved" },
	};
	if (memblock_from_dtb(&mb, &dt, &what))
		return 0;
	check_type(&mb.memory, PHYS_RAM_LIMIT);
	check_type(&mb.reserved, 0);
	dtb_for_each_memory(&dt, check_recorded, NULL);
	if (getenv("FUZZ_NO_BOOT") || !mb.memory.cnt || total_ram() > FUZZ_BOOT_MAX_RAM ||
	    !first_time(map_hash()))
		return 0;
	judge(boot_child(data, size));
	return 0;
}
