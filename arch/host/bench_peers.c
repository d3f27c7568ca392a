/*
 * The host's malloc() implementations, for kmalloc's peer benchmarks
 * (arch_bench_peers(), test/kmalloc_peer_bench.c): glibc's own, and jemalloc,
 * mimalloc and tcmalloc loaded with dlopen(RTLD_LOCAL), so that none of them
 * replaces the process's malloc and each is reached only through the
 * pointers found here, checked to lie in the library they were asked of.
 */
#include <bench.h>
#include <dlfcn.h>
#include <limits.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* jemalloc alone wants 2.6 KiB of static TLS, more than glibc keeps for dlopen() by default. */
#define TLS_HINT "GLIBC_TUNABLES=glibc.rtld.optional_static_tls=8192"

struct peer_library {
	const char *name;
	const char *soname;
	const char *package; /* the Debian package that ships it */
};

static const struct peer_library libraries[] = {
	{ "glibc", "libc.so.6", "libc6" },
	{ "jemalloc", "libjemalloc.so.2", "libjemalloc2" },
	{ "mimalloc", "libmimalloc.so.2", "libmimalloc2.0" },
	{ "tcmalloc", "libtcmalloc_minimal.so.4", "libtcmalloc-minimal4" },
};

#define NR_PEERS (sizeof(libraries) / sizeof(libraries[0]))

static struct bench_allocator peers[NR_PEERS];
static char origins[NR_PEERS][PATH_MAX + 128];

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
