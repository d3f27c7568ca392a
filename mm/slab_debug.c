/*
 * Slab debugging: red zones, poisoning, caller tracking and consistency
 * checks for caches created with SLAB_DEBUG_FLAGS (or named in the
 * slub_debug= boot parameter), and the SLUB-format reports of what they find.
 * Memory poisoned outside the slabs (mempool's reserved elements) is checked
 * and reported here too, in the same format.
 */
#include <asm/port.h>
#include <kernel.h>
#include <params.h>
#include <string.h>

#include "internal.h"
#include "slab.h"

#define DUMP_MAX_BYTES 256 /* longest stretch of an object a report dumps */
#define MAX_DEBUG_NAMES 8

static unsigned long slab_errors;
static unsigned int track_seq;

static slab_flags_t debug_flags;
static bool debug_enabled;
static const char *debug_names[MAX_DEBUG_NAMES];
static unsigned int nr_debug_names;
static char debug_param[COMMAND_LINE_SIZE];

unsigned long slab_error_count(void)
{
	return READ_ONCE(slab_errors);
}

static slab_flags_t flag_for_letter(char c)
{
	switch (c) {
	case 'f':
	case 'F':
		return SLAB_CONSISTENCY_CHECKS;
	case 'z':
	case 'Z':
		return SLAB_RED_ZONE;
	case 'p':
	case 'P':
		return SLAB_POISON;
	case 'u':
	case 'U':
		return SLAB_STORE_USER;
	case '-':
		return 0;
	default:
		return ~0U;
	}
}

/* slub_debug[=<letters>[,<cache>[,<cache>...]]]: FZPU as in Linux; no letters means all. */
static int parse_slub_debug(const char *value)
{
	char *pos;
	slab_flags_t flags = 0;

	debug_enabled = true;
	debug_flags = SLAB_DEBUG_FLAGS;
	if (!value || !*value)
		return 0;
	strscpy(debug_param, value, sizeof(debug_param));
	for (pos = debug_param; *pos && *pos != ','; pos++) {
		slab_flags_t f = flag_for_letter(*pos);

		if (f == ~0U) {
			debug_enabled = false;
			return -EINVAL;
		}
		flags |= f;
	}
	if (pos != debug_param)
		debug_flags = flags;
	while (*pos == ',' && nr_debug_names < MAX_DEBUG_NAMES) {
		*pos++ = '\0';
		debug_names[nr_debug_names++] = pos;
		while (*pos && *pos != ',')
			pos++;
	}
	return 0;
}
early_param("slub_debug", parse_slub_debug);

slab_flags_t slub_debug_flags_for(const char *name)
{
	if (!debug_enabled)
		return 0;
	if (!nr_debug_names)
		return debug_flags;
	for (unsigned int i = 0; i < nr_debug_names; i++)
		if (!strcmp(debug_names[i], name))
			return debug_flags;
	return 0;
}

/* --- reports ------------------------------------------------------------- */

static void print_section(const char *label, const void *start, unsigned int len)
{
	const u8 *p = start;

	len = min(len, (unsigned int)DUMP_MAX_BYTES);
	for (unsigned int i = 0; i < len; i += 16) {
		char hex[16 * 3 + 1] = "", ascii[17] = "";
		unsigned int n = min(16U, len - i);
		int h = 0;

		for (unsigned int j = 0; j < n; j++) {
			h += scnprintf(hex + h, sizeof(hex) - h, "%02x ", p[i + j]);
			ascii[j] = p[i + j] >= 0x20 && p[i + j] < 0x7f ? (char)p[i + j] : '.';
		}
		ascii[n] = '\0';
		printk(KERN_ERR "%-8s %px: %-48s %s\n", label, p + i, hex, ascii);
	}
}

/* The head of every report, "BUG <name>: <reason>"; each one counts in slab_error_count(). */
static void report_banner(const char *name, const char *reason)
{
	__atomic_fetch_add(&slab_errors, 1, __ATOMIC_RELAXED);
	pr_err("=============================================================================\n");
	pr_err("BUG %s (Not tainted): %s\n", name, reason);
	pr_err("-----------------------------------------------------------------------------\n");
	pr_err("\n");
}

static void slab_bug(struct kmem_cache *s, const char *reason)
{
	report_banner(s ? s->name : "kfree", reason);
}

static void print_track(const char *what, const struct track *t)
{
	if (t->addr)
		pr_err("INFO: %s in %pS cpu=%u seq=%u\n", what, (void *)t->addr, t->cpu, t->when);
}

static void print_slab_info(struct kmem_cache *s, struct page *slab)
{
	pr_err("INFO: Slab %px objects=%u used=%u fp=%px flags=%#lx\n", slab_base(slab),
	       slab->objects, slab->inuse, slab->freelist, slab->flags);
}

/* What follows the object: trackers, then the dump of every part of its stride. */
static void print_trailer(struct kmem_cache *s, struct page *slab, void *obj)
{
	u8 *stride = (u8 *)obj - s->red_left;
	unsigned int meta_end = s->red_left + s->inuse;

	pr_err("INFO: Object %px @offset=%lu fp=%px\n", obj,
	       (unsigned long)((u8 *)obj - (u8 *)slab_base(slab)), *free_pointer_at(s, obj));
	if (s->flags & SLAB_STORE_USER) {
		print_track("Allocated", track_of(s, obj, TRACK_ALLOC));
		print_track("Freed", track_of(s, obj, TRACK_FREE));
		meta_end = s->red_left + s->track_offset + 2 * sizeof(struct track);
	}
	pr_err("\n");
	if (s->red_left)
		print_section("Redzone", stride, s->red_left);
	print_section("Object", obj, s->object_size);
	if (s->flags & SLAB_RED_ZONE)
		print_section("Redzone", (u8 *)obj + s->object_size, s->inuse - s->object_size);
	if (s->orig_size_offset)
		meta_end = s->red_left + s->orig_size_offset + sizeof(unsigned long);
	if (s->size > meta_end)
		print_section("Padding", stride + meta_end, s->size - meta_end);
}

void slab_err(struct kmem_cache *s, struct page *slab, const char *fmt, ...)
{
	char reason[160];
	va_list args;

	va_start(args, fmt);
	vscnprintf(reason, sizeof(reason), fmt, args);
	va_end(args);
	slab_bug(s, reason);
	if (slab)
		print_slab_info(s, slab);
}

void object_err(struct kmem_cache *s, struct page *slab, void *obj, const char *reason)
{
	slab_bug(s, reason);
	print_slab_info(s, slab);
	print_trailer(s, slab, obj);
}

void slab_fix(struct kmem_cache *s, const char *fmt, ...)
{
	char what[160];
	va_list args;

	va_start(args, fmt);
	vscnprintf(what, sizeof(what), fmt, args);
	va_end(args);
	pr_err("FIX %s: %s\n", s->name, what);
}

void bad_kfree(const void *p, unsigned long caller, const char *why)
{
	slab_bug(NULL, why);
	pr_err("INFO: pointer %px, freed by %pS\n", p, (void *)caller);
	if (virt_addr_valid(p)) {
		struct page *page = virt_to_page(p);

		pr_err("INFO: page pfn:%#lx flags:%#lx\n", page_to_pfn(page), page->flags);
	} else {
		pr_err("INFO: not an address of the kernel's direct map\n");
	}
	pr_err("FIX: nothing freed\n");
}

/* A call on @s, which is no cache (destroyed already, or never created). */
void bad_cache(const char *func, const void *s, unsigned long caller, const char *why)
{
	report_banner(func, why);
	pr_err("INFO: cache %px, passed by %pS\n", s, (void *)caller);
	pr_err("FIX: nothing done\n");
}

void report_double_free(struct kmem_cache *s, struct page *slab, void *obj)
{
	object_err(s, slab, obj, "Object already free (double free)");
	slab_fix(s, "Object %px left as it was, nothing freed", obj);
}

/* --- checks -------------------------------------------------------------- */

/* The stretch of [start, start + len) that does not hold @value: its first byte (NULL if none), and *@last. */
static u8 *find_damage(u8 *start, size_t len, u8 value, u8 **last)
{
	u8 *fault = memchr_inv(start, value, len), *end = start + len;

	if (!fault)
		return NULL;
	while (end > fault && end[-1] == value)
		end--;
	*last = end - 1;
	return fault;
}

static void print_damage(const u8 *fault, const u8 *last, const void *base, u8 value)
{
	pr_err("INFO: %px-%px @offset=%lu. First byte %#x instead of %#x\n", fault, last,
	       (unsigned long)(fault - (const u8 *)base), *fault, value);
}

static void restore_damage(const char *name, const char *what, u8 *fault, u8 *last, u8 value)
{
	pr_err("FIX %s: Restoring %s %px-%px=%#x\n", name, what, fault, last, value);
	memset(fault, value, (size_t)(last + 1 - fault));
}

/*
 * Check that [start, start + len) holds only @value. On a mismatch, report
 * it with the bad range and the object, restore the bytes, and return false.
 */
static bool check_bytes(struct kmem_cache *s, struct page *slab, void *obj, const char *what,
			u8 *start, unsigned int len, u8 value)
{
	u8 *last, *fault = find_damage(start, len, value, &last);

	if (!fault)
		return true;
	slab_bug(s, what);
	print_damage(fault, last, slab_base(slab), value);
	print_slab_info(s, slab);
	print_trailer(s, slab, obj);
	restore_damage(s->name, what, fault, last, value);
	return false;
}

static unsigned long *orig_size_of(struct kmem_cache *s, void *obj)
{
	return (unsigned long *)((u8 *)obj + s->orig_size_offset);
}

size_t kmalloc_orig_size(struct kmem_cache *s, const void *obj)
{
	return *orig_size_of(s, (void *)obj);
}

void kmalloc_set_orig_size(struct kmem_cache *s, void *obj, size_t size)
{
	*orig_size_of(s, obj) = size;
	memset((u8 *)obj + size, SLUB_RED_ACTIVE, s->object_size - size);
}

/* Red zones of a free (@value = SLUB_RED_INACTIVE) or allocated object. */
static bool check_red_zones(struct kmem_cache *s, struct page *slab, void *obj, u8 value)
{
	bool ok = check_bytes(s, slab, obj, "Left Redzone overwritten", (u8 *)obj - s->red_left,
			      s->red_left, value);

	return check_bytes(s, slab, obj, "Right Redzone overwritten", (u8 *)obj + s->object_size,
			   s->inuse - s->object_size, value) &&
	       ok;
}

/* The tail of a kmalloc object past what was asked for is red zone too. */
static bool check_kmalloc_tail(struct kmem_cache *s, struct page *slab, void *obj)
{
	unsigned long orig = *orig_size_of(s, obj);

	if (!s->orig_size_offset || orig >= s->object_size)
		return true;
	return check_bytes(s, slab, obj, "kmalloc Redzone overwritten", (u8 *)obj + orig,
			   s->object_size - orig, SLUB_RED_ACTIVE);
}

static bool check_poison(struct kmem_cache *s, struct page *slab, void *obj)
{
	u8 *p = obj;

	return check_bytes(s, slab, obj, "Poison overwritten", p, s->object_size - 1,
			   POISON_FREE) &&
	       check_bytes(s, slab, obj, "Poison overwritten", p + s->object_size - 1, 1,
			   POISON_END);
}

static void poison_object(struct kmem_cache *s, void *obj)
{
	poison_memory(obj, s->object_size);
}

static void set_red_zones(struct kmem_cache *s, void *obj, u8 value)
{
	memset((u8 *)obj - s->red_left, value, s->red_left);
	memset((u8 *)obj + s->object_size, value, s->inuse - s->object_size);
}

static void set_track(struct kmem_cache *s, void *obj, enum track_item item, unsigned long addr)
{
	struct track *t = track_of(s, obj, item);

	t->addr = addr;
	t->cpu = raw_smp_processor_id();
	t->when = __atomic_add_fetch(&track_seq, 1, __ATOMIC_RELAXED);
}

void debug_init_object(struct kmem_cache *s, void *obj)
{
	if (s->flags & SLAB_POISON)
		poison_object(s, obj);
	if (s->flags & SLAB_RED_ZONE)
		set_red_zones(s, obj, SLUB_RED_INACTIVE);
	if (s->flags & SLAB_STORE_USER)
		memset(track_of(s, obj, TRACK_ALLOC), 0, 2 * sizeof(struct track));
}

/* Walk @slab's free list looking for @obj (bounded by the object count). */
static bool on_freelist(struct kmem_cache *s, struct page *slab, void *obj)
{
	void *fp = slab->freelist;

	for (unsigned int n = 0; fp && n <= slab->objects; n++) {
		if (fp == obj)
			return true;
		if (object_index(s, slab, fp) < 0)
			return false;
		fp = *free_pointer_at(s, fp);
	}
	return false;
}

void debug_alloc_checks(struct kmem_cache *s, struct page *slab, void *obj, unsigned long caller,
			size_t orig_size)
{
	/* Damage found here is reported and the bytes restored, so the object is whole again. */
	if (s->flags & SLAB_RED_ZONE)
		check_red_zones(s, slab, obj, SLUB_RED_INACTIVE);
	if (s->flags & SLAB_POISON)
		check_poison(s, slab, obj);
	if (s->flags & SLAB_RED_ZONE)
		set_red_zones(s, obj, SLUB_RED_ACTIVE);
	if (s->orig_size_offset)
		kmalloc_set_orig_size(s, obj, orig_size);
	if (s->flags & SLAB_STORE_USER)
		set_track(s, obj, TRACK_ALLOC, caller);
}

/* Is @obj already free? Red zones say so cheaply; the free list says so surely. ->lock held. */
bool debug_object_is_free(struct kmem_cache *s, struct page *slab, void *obj)
{
	lockdep_assert_held(&s->lock);
	if ((s->flags & SLAB_RED_ZONE) &&
	    !memchr_inv((u8 *)obj + s->object_size, SLUB_RED_INACTIVE, s->inuse - s->object_size))
		return true;
	return on_freelist(s, slab, obj);
}

bool debug_free_checks(struct kmem_cache *s, struct page *slab, void *obj, unsigned long caller)
{
	if (debug_object_is_free(s, slab, obj)) {
		report_double_free(s, slab, obj);
		return false;
	}
	if (s->flags & SLAB_RED_ZONE) {
		check_red_zones(s, slab, obj, SLUB_RED_ACTIVE);
		check_kmalloc_tail(s, slab, obj);
		set_red_zones(s, obj, SLUB_RED_INACTIVE);
	}
	if (s->flags & SLAB_STORE_USER)
		set_track(s, obj, TRACK_FREE, caller);
	if (s->flags & SLAB_POISON)
		poison_object(s, obj);
	return true;
}

/* Objects per pass of the allocated objects' check: a bitmap of this many bits on the stack. */
#define VALIDATE_CHUNK 512

/*
 * Red zones, and the kmalloc tail past the request, of the allocated objects
 * among [@first, @first + @n) of @slab, whose free chain is sound. An
 * allocated object whose right red zone reads free is one a corrupted free
 * chain isolated (take_from_slab()): the allocator treats it as free, and so
 * does this check.
 */
static void validate_allocated(struct kmem_cache *s, struct page *slab, unsigned int first,
			       unsigned int n)
{
	unsigned long free[VALIDATE_CHUNK / BITS_PER_LONG] = { 0 };
	void *fp = slab->freelist;

	for (; fp; fp = *free_pointer_at(s, fp)) {
		unsigned int i = (unsigned int)object_index(s, slab, fp) - first;

		if (i < n)
			free[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
	}
	for (unsigned int i = 0; i < n; i++) {
		void *obj = slab_object(s, slab, first + i);

		if (free[i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG)))
			continue;
		if (!memchr_inv((u8 *)obj + s->object_size, SLUB_RED_INACTIVE,
				s->inuse - s->object_size))
			continue;
		check_red_zones(s, slab, obj, SLUB_RED_ACTIVE);
		check_kmalloc_tail(s, slab, obj);
	}
}

/*
 * Check one slab: its free list and counter, each free object's red zones and
 * poison, and each allocated object's red zones and kmalloc tail.
 */
unsigned long debug_validate_slab(struct kmem_cache *s, struct page *slab)
{
	unsigned long before = READ_ONCE(slab_errors);
	unsigned int nr_free = 0;
	void *fp = slab->freelist;
	bool chain_ok = true;

	while (fp && nr_free <= slab->objects) {
		void *next;

		if (object_index(s, slab, fp) < 0) {
			slab_err(s, slab, "Freechain corrupt: %px is not an object of this slab",
				 fp);
			chain_ok = false;
			break;
		}
		next = *free_pointer_at(s, fp);
		if (s->flags & SLAB_RED_ZONE)
			check_red_zones(s, slab, fp, SLUB_RED_INACTIVE);
		if (s->flags & SLAB_POISON)
			check_poison(s, slab, fp);
		nr_free++;
		fp = next;
	}
	if (nr_free + slab->inuse != slab->objects) {
		slab_err(s, slab, "Wrong object count: %u free + %u in use != %u objects", nr_free,
			 slab->inuse, slab->objects);
		chain_ok = false;
	}
	/* Allocated objects too, as Linux's validation: when the chain told which they are. */
	if ((s->flags & SLAB_RED_ZONE) && chain_ok)
		for (unsigned int first = 0; first < slab->objects; first += VALIDATE_CHUNK)
			validate_allocated(
				s, slab, first,
				min(slab->objects - first, (unsigned int)VALIDATE_CHUNK));
	return READ_ONCE(slab_errors) - before;
}

void report_allocated_objects(struct kmem_cache *s, struct page *slab)
{
	for (unsigned int i = 0; i < s->objects; i++) {
		void *obj = slab_object(s, slab, i);

		if (on_freelist(s, slab, obj))
			continue;
		pr_err("INFO: Object %px @offset=%lu still allocated\n", obj,
		       (unsigned long)((u8 *)obj - (u8 *)slab_base(slab)));
		if (s->flags & SLAB_STORE_USER)
			print_track("Allocated", track_of(s, obj, TRACK_ALLOC));
	}
}

static unsigned long validate_list(struct kmem_cache *s, struct list_head *list,
				   unsigned long *nr_slabs)
{
	unsigned long errors = 0;
	struct page *slab;

	list_for_each_entry (slab, list, lru) {
		if (slab->slab_cache != s || !PageSlab(slab))
			slab_err(s, slab, "Slab on the wrong cache's list");
		errors += debug_validate_slab(s, slab);
		(*nr_slabs)++;
	}
	return errors;
}

unsigned long kmem_cache_validate(struct kmem_cache *s)
{
	unsigned long before = READ_ONCE(slab_errors), nr_slabs = 0, flags;

	spin_lock_irqsave(&s->lock, flags);
	validate_list(s, &s->slabs_partial, &nr_slabs);
	validate_list(s, &s->slabs_full, &nr_slabs);
	validate_list(s, &s->slabs_free, &nr_slabs);
	if (nr_slabs != s->nr_slabs)
		slab_err(s, NULL, "Slab count wrong: %lu on the lists, %lu counted", nr_slabs,
			 s->nr_slabs);
	spin_unlock_irqrestore(&s->lock, flags);
	return READ_ONCE(slab_errors) - before;
}

/* --- poisoned memory outside the slabs (mempool's reserved elements) ----- */

void poison_memory(void *p, size_t len)
{
	if (!len)
		return;
	memset(p, POISON_FREE, len - 1);
	((u8 *)p)[len - 1] = POISON_END;
}

/* check_bytes() for memory that is no slab object: the report shows the damaged bytes. */
static bool check_memory_bytes(const char *name, const char *what, u8 *p, size_t len, u8 *start,
			       size_t n, u8 value)
{
	u8 *last, *fault = find_damage(start, n, value, &last);
	u8 *line = (u8 *)ALIGN_DOWN((unsigned long)fault, 16UL);

	if (!fault)
		return true;
	report_banner(name, what);
	print_damage(fault, last, p, value);
	pr_err("INFO: Memory %px, %zu bytes\n", p, len);
	pr_err("\n");
	print_section("Object", line,
		      (unsigned int)min((size_t)(p + len - line), (size_t)DUMP_MAX_BYTES));
	restore_damage(name, what, fault, last, value);
	return false;
}

bool check_poisoned_memory(struct kmem_cache *s, const char *name, void *p, size_t len,
			   const char *what)
{
	struct page *slab = s ? slab_page_of(p) : NULL;
	u8 *bytes = p;

	if (!len)
		return true;
	if (slab)
		return check_bytes(s, slab, p, what, bytes, (unsigned int)len - 1, POISON_FREE) &&
		       check_bytes(s, slab, p, what, bytes + len - 1, 1, POISON_END);
	return check_memory_bytes(name, what, bytes, len, bytes, len - 1, POISON_FREE) &&
	       check_memory_bytes(name, what, bytes, len, bytes + len - 1, 1, POISON_END);
}

void memory_err(struct kmem_cache *s, const char *name, void *p, size_t len, const char *reason)
{
	struct page *slab = s ? slab_page_of(p) : NULL;

	if (slab) {
		object_err(s, slab, p, reason);
		return;
	}
	report_banner(name, reason);
	pr_err("INFO: Memory %px, %zu bytes\n", p, len);
	if (len) {
		pr_err("\n");
		print_section("Object", p, (unsigned int)min(len, (size_t)DUMP_MAX_BYTES));
	}
}
