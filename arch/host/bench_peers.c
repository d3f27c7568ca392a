/*
 * The host's malloc() implementations, for kmalloc's peer benchmarks
 * (arch_bench_peers(), test/kmalloc_peer_bench.c): glibc's own, and jemalloc,
 * mimalloc and tcmalloc loaded with dlopen(RTLD_LOCAL), so that none of them
 * replaces the process's malloc and each is reached only through the
 * pointers found here, checked to lie in the library they were asked of;
 * with each one's own statistic of the memory it holds.
 */
#include <bench.h>
#include <dlfcn.h>
#include <limits.h>
#include <link.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* jemalloc alone wants 2.6 KiB of static TLS, more than glibc keeps for dlopen() by default. */
#define TLS_HINT "GLIBC_TUNABLES=glibc.rtld.optional_static_tls=8192"

/*
 * Each library's statistic of what it holds, found with dlsym() in it as
 * malloc and free are (NULL: the library lacks it; the column says n/a).
 */
static struct mallinfo2 (*glibc_mallinfo2)(void);
static int (*je_mallctl)(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen);
static int (*tc_numeric_property)(const char *property, size_t *value);

/* glibc: the arenas' memory from sbrk() and mmap() (its free chunks included) plus mmap()ed blocks. */
static unsigned long glibc_held(void)
{
	struct mallinfo2 mi = glibc_mallinfo2();

	return mi.arena + mi.hblkhd;
}

/* jemalloc: resident pages of its heap and metadata (dirty pages not yet purged included). */
static unsigned long jemalloc_held(void)
{
	uint64_t epoch = 1;
	size_t resident = 0, len = sizeof(epoch);

	/* Writing "epoch" refreshes the statistics jemalloc caches. */
	if (je_mallctl("epoch", &epoch, &len, &epoch, len))
		return 0;
	len = sizeof(resident);
	return je_mallctl("stats.resident", &resident, &len, NULL, 0) ? 0 : resident;
}

/*
 * mimalloc: the process's resident memory (/proc/self/statm). mimalloc's own
 * figures do not say what it holds here: its "committed" counts whole
 * reserved regions (32 MiB from the first allocation on), memory it never
 * touched, and mi_process_info() reports the same for current_rss on Linux.
 * While mimalloc is the only allocator running, what the process gains in
 * resident memory is mimalloc's.
 */
static unsigned long mimalloc_held(void)
{
	unsigned long size, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (!f)
		return 0;
	if (fscanf(f, "%lu %lu", &size, &resident) != 2)
		resident = 0;
	fclose(f);
	return resident * (unsigned long)sysconf(_SC_PAGESIZE);
}

/* tcmalloc: the page heap's memory from the system, less what it has given back (unmapped). */
static unsigned long tcmalloc_held(void)
{
	size_t heap = 0, unmapped = 0;

	if (!tc_numeric_property("generic.heap_size", &heap) ||
	    !tc_numeric_property("tcmalloc.pageheap_unmapped_bytes", &unmapped))
		return 0;
	return heap - unmapped;
}

struct peer_library {
	const char *name;
	const char *soname;
	const char *package; /* the Debian package that ships it */
	/* Its statistic of what it holds: looked up (@stats, NULL-terminated) into @slots. */
	unsigned long (*held)(void);
	const char *held_how;
	const char *const *stats;
	void **slots;
};

static const char *const glibc_stats[] = { "mallinfo2", NULL };
static void *glibc_slots[] = { &glibc_mallinfo2 };
static const char *const jemalloc_stats[] = { "mallctl", NULL };
static void *jemalloc_slots[] = { &je_mallctl };
static const char *const mimalloc_stats[] = { NULL };
static void *mimalloc_slots[] = { NULL };
static const char *const tcmalloc_stats[] = { "MallocExtension_GetNumericProperty", NULL };
static void *tcmalloc_slots[] = { &tc_numeric_property };

static const struct peer_library libraries[] = {
	{ "glibc", "libc.so.6", "libc6", glibc_held, "mallinfo2(): arena + hblkhd", glibc_stats,
	  glibc_slots },
	{ "jemalloc", "libjemalloc.so.2", "libjemalloc2", jemalloc_held,
	  "mallctl(\"stats.resident\")", jemalloc_stats, jemalloc_slots },
	{ "mimalloc", "libmimalloc.so.2", "libmimalloc2.0", mimalloc_held,
	  "the process's resident memory (/proc/self/statm)", mimalloc_stats, mimalloc_slots },
	{ "tcmalloc", "libtcmalloc_minimal.so.4", "libtcmalloc-minimal4", tcmalloc_held,
	  "generic.heap_size - tcmalloc.pageheap_unmapped_bytes", tcmalloc_stats, tcmalloc_slots },
};

#define NR_PEERS (sizeof(libraries) / sizeof(libraries[0]))

static struct bench_allocator peers[NR_PEERS];
static char origins[NR_PEERS][PATH_MAX + 128];

/* Find @lib's statistic functions in @handle; false if one is missing. */
static bool load_stats(const struct peer_library *lib, void *handle)
{
	for (size_t i = 0; lib->stats[i]; i++) {
		void *fn = dlsym(handle, lib->stats[i]);

		if (!fn)
			return false;
		memcpy(lib->slots[i], &fn, sizeof(fn)); /* a function pointer, from dlsym() */
	}
	return true;
}

/* Whether @fn lies in the object @map describes: it does unless something interposed it. */
static bool defined_in(void *fn, const struct link_map *map)
{
	Dl_info info;

	return fn && dladdr(fn, &info) && info.dli_fname && !strcmp(info.dli_fname, map->l_name);
}

/* Say why @lib cannot be measured, from dlopen()'s error. */
static void explain_failure(const struct peer_library *lib, char *why, size_t size)
{
	const char *err = dlerror();

	if (!err)
		err = "unknown error";
	if (strstr(err, "No such file"))
		snprintf(why, size, "not installed (Debian package %s)", lib->package);
	else if (strstr(err, "static TLS"))
		snprintf(why, size, "cannot load: %s (run with %s)", err, TLS_HINT);
	else
		snprintf(why, size, "cannot load: %s", err);
}

/*
 * Find @lib's malloc and free. glibc's is the process's own libc (RTLD_NOLOAD
 * gives its handle, so an interposing malloc such as ASan's is bypassed);
 * the others are loaded privately. Fills @a, with a NULL alloc on failure.
 */
static void load_peer(const struct peer_library *lib, struct bench_allocator *a, char *origin,
		      size_t size)
{
	int flags = RTLD_LOCAL | RTLD_NOW | (!strcmp(lib->name, "glibc") ? RTLD_NOLOAD : 0);
	struct link_map *map;
	char real[PATH_MAX];
	void *handle, *m, *f;

	a->name = lib->name;
	a->origin = origin;
	handle = dlopen(lib->soname, flags);
	if (!handle) {
		explain_failure(lib, origin, size);
		return;
	}
	m = dlsym(handle, "malloc");
	f = dlsym(handle, "free");
	if (dlinfo(handle, RTLD_DI_LINKMAP, &map) || !defined_in(m, map) || !defined_in(f, map)) {
		snprintf(origin, size, "malloc/free of %s not found in it: not measured",
			 lib->soname);
		dlclose(handle);
		return;
	}
	a->alloc = (void *(*)(size_t))m;
	a->free = (void (*)(void *))f;
	if (load_stats(lib, handle)) {
		a->held = lib->held;
		a->held_how = lib->held_how;
	}
	snprintf(origin, size, "malloc()/free() of %s",
		 realpath(map->l_name, real) ? real : map->l_name);
}

const struct bench_allocator *arch_bench_peers(unsigned int *nr)
{
	static bool loaded;

	if (!loaded) {
		for (size_t i = 0; i < NR_PEERS; i++)
			load_peer(&libraries[i], &peers[i], origins[i], sizeof(origins[i]));
		loaded = true;
	}
	*nr = NR_PEERS;
	return peers;
}

/* The calling thread's CPU time: what this CPU spent, not the time it waited for a host core. */
u64 arch_cpu_counter(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}
