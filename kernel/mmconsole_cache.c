/*
 * The memory console's slab commands: slabinfo [CACHE], and caches of the
 * user's own (cache create, alloc, free, destroy, validate). Only caches
 * the console created can be used or destroyed from it: the kernel's own
 * caches have owners that would not expect it.
 */
#include <kernel.h>
#include <slab.h>
#include <string.h>

#include "mmconsole_internal.h"

#define MMCON_CACHES 8
#define MMCON_CACHE_NAME_MAX 24

struct mmcon_cache {
	struct kmem_cache *s; /* NULL: slot unused */
	char name[MMCON_CACHE_NAME_MAX];
};

static struct mmcon_cache caches[MMCON_CACHES];

void mmcon_slabinfo(int argc, char **argv)
{
	if (argc == 0) {
		show_slabinfo();
		return;
	}
	if (argc != 1) {
		pr_info("usage: slabinfo [CACHE]\n");
		return;
	}
	if (show_slab_cache(argv[0]))
		pr_info("slabinfo: no cache named '%s'\n", argv[0]);
}

const char *mmcon_cache_name(const struct kmem_cache *s)
{
	for (size_t i = 0; i < MMCON_CACHES; i++)
		if (caches[i].s == s)
			return caches[i].name;
	return "?";
}

struct kmem_cache *mmcon_cache_by_name(const char *name)
{
	for (size_t i = 0; i < MMCON_CACHES; i++)
		if (caches[i].s && !strcmp(caches[i].name, name))
			return caches[i].s;
	return NULL;
}

static struct mmcon_cache *find_cache(const char *cmd, const char *name)
{
	for (size_t i = 0; i < MMCON_CACHES; i++)
		if (caches[i].s && !strcmp(caches[i].name, name))
			return &caches[i];
	pr_info("cache %s: the console created no cache named '%s'\n", cmd, name);
	return NULL;
}

/* SLAB_* flags from letters: slub_debug's F, Z, P, U, and A for SLAB_HWCACHE_ALIGN. */
static bool parse_flags(const char *letters, slab_flags_t *flags)
{
	static const char names[] = "FZPUA";
	static const slab_flags_t values[] = { SLAB_CONSISTENCY_CHECKS, SLAB_RED_ZONE, SLAB_POISON,
					       SLAB_STORE_USER, SLAB_HWCACHE_ALIGN };

	*flags = 0;
	for (; *letters; letters++) {
		const char *at = strchr(names, *letters);

		if (!at) {
			pr_info("cache create: unknown flag '%c' (F Z P U: slub_debug's; A: "
				"SLAB_HWCACHE_ALIGN)\n",
				*letters);
			return false;
		}
		*flags |= values[at - names];
	}
	return true;
}

static bool valid_name(const char *name)
{
	size_t len = strlen(name);

	if (len >= MMCON_CACHE_NAME_MAX ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyz"
			 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != len) {
		pr_info("cache create: a name is 1 to %d letters, digits, '-' or '_'\n",
			MMCON_CACHE_NAME_MAX - 1);
		return false;
	}
	return true;
}

static void cache_create(int argc, char **argv)
{
	struct mmcon_cache *slot = NULL;
	slab_flags_t flags = 0;
	unsigned long size;

	if (argc < 2 || argc > 3) {
		pr_info("usage: cache create NAME SIZE [FZPUA]\n");
		return;
	}
	if (!valid_name(argv[0]) || !mmcon_number("cache create", argv[1], &size) ||
	    (argc == 3 && !parse_flags(argv[2], &flags)))
		return;
	for (size_t i = 0; i < MMCON_CACHES; i++) {
		if (caches[i].s && !strcmp(caches[i].name, argv[0])) {
			pr_info("cache create: the console has a cache named '%s' already\n",
				argv[0]);
			return;
		}
		if (!caches[i].s && !slot)
			slot = &caches[i];
	}
	if (!slot) {
		pr_info("cache create: the console has %d caches already; destroy one first\n",
			MMCON_CACHES);
		return;
	}
	if (size > UINT_MAX)
		size = UINT_MAX; /* kmem_cache_create() refuses it with its own warning */
	strscpy(slot->name, argv[0], sizeof(slot->name));
	slot->s = kmem_cache_create(slot->name, (unsigned int)size, 0, flags, NULL);
	if (slot->s)
		pr_info("cache %s created: objects of %lu bytes\n", slot->name, size);
	else
		pr_info("cache create: kmem_cache_create() failed: NULL\n");
}

static void cache_alloc(struct mmcon_cache *c)
{
	char what[64];
	void *p = kmem_cache_alloc(c->s, GFP_KERNEL);

	scnprintf(what, sizeof(what), "kmem_cache_alloc(%s)", c->name);
	if (!p)
		pr_info("%s failed: NULL\n", what);
	else
		mmcon_track(MMCON_CACHE, p, kmem_cache_size(c->s), c->s, what);
}

static void cache_free(struct mmcon_cache *c, const char *word)
{
	unsigned long addr;

	if (!mmcon_address("cache free", word, &addr) || !mmcon_may_free("cache free", addr))
		return;
	kmem_cache_free(c->s, (void *)addr);
	mmcon_forget_freed();
	pr_info("kmem_cache_free(%s, %#lx) returned\n", c->name, addr);
}

static void cache_destroy(struct mmcon_cache *c)
{
	unsigned long reports = slab_error_count();

	kmem_cache_destroy(c->s);
	if (slab_error_count() != reports) {
		pr_info("cache %s kept: objects are still allocated (reported above)\n", c->name);
		return;
	}
	pr_info("cache %s destroyed\n", c->name);
	c->s = NULL;
}

void mmcon_cache(int argc, char **argv)
{
	const char *sub = argc ? argv[0] : "";
	struct mmcon_cache *c;
	int want = !strcmp(sub, "free") ? 3 : 2;

	if (!strcmp(sub, "create")) {
		cache_create(argc - 1, argv + 1);
		return;
	}
	if (strcmp(sub, "alloc") && strcmp(sub, "free") && strcmp(sub, "destroy") &&
	    strcmp(sub, "validate")) {
		pr_info("usage: cache create NAME SIZE [FZPUA] | alloc NAME | free NAME ADDR | "
			"destroy NAME | validate NAME\n");
		return;
	}
	if (argc != want) {
		pr_info("usage: cache %s NAME%s\n", sub, want == 3 ? " ADDR" : "");
		return;
	}
	c = find_cache(sub, argv[1]);
	if (!c)
		return;
	if (!strcmp(sub, "alloc"))
		cache_alloc(c);
	else if (!strcmp(sub, "free"))
		cache_free(c, argv[2]);
	else if (!strcmp(sub, "destroy"))
		cache_destroy(c);
	else
		pr_info("cache %s: %lu problem(s) found\n", c->name, kmem_cache_validate(c->s));
}
