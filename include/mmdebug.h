/*
 * Checks of mm/'s invariants that cost nothing in a normal build, as Linux's
 * <linux/mmdebug.h> and lockdep_assert_held(). With CONFIG_DEBUG_VM (the host
 * builds that make test runs: ASan/UBSan and TSan) each one tests its
 * condition and panics with what broke; without it (riscv, and every BENCH=1
 * build) it compiles to nothing and the condition is not even evaluated, so
 * that the fast paths carry no test for it. The condition must have no side
 * effect.
 */
#ifndef _MMDEBUG_H
#define _MMDEBUG_H

#include <bug.h>
#include <spinlock.h>

struct page;
/**
 * dump_page - print what is known of a page (<mm.h> documents it; declared here for VM_BUG_ON_PAGE())
 */
void dump_page(const struct page *page, const char *reason);

#ifdef CONFIG_DEBUG_VM

/* VM_BUG_ON - panic if @cond, an invariant mm/ relies on, is false after all. */
#define VM_BUG_ON(cond) BUG_ON(cond)

/* VM_BUG_ON_PAGE - the same, with dump_page() of @page first. */
#define VM_BUG_ON_PAGE(cond, page)                                                     \
	do {                                                                           \
		if (unlikely(cond)) {                                                  \
			dump_page(page, "VM_BUG_ON_PAGE(" #cond ")");                  \
			panic("kernel BUG at %s:%d! (%s)", __FILE__, __LINE__, #cond); \
		}                                                                      \
	} while (0)

/* lockdep_assert_held - panic unless this CPU holds @lock (a spinlock_t *). */
#define lockdep_assert_held(lock) \
	VM_BUG_ON(READ_ONCE((lock)->holder) != (u32)raw_smp_processor_id() + 1)

#else

#define VM_BUG_ON(cond) ((void)sizeof(!(cond)))
#define VM_BUG_ON_PAGE(cond, page) ((void)sizeof(!(cond)), (void)sizeof(page))
#define lockdep_assert_held(lock) ((void)sizeof(lock))

#endif /* CONFIG_DEBUG_VM */

#endif /* _MMDEBUG_H */
