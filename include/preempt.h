/*
 * preempt_disable() / preempt_enable(): the hook for a kernel that embeds
 * mm/ and switches threads on a timer interrupt (docs/embedding.md, section
 * 6). Every spinlock section of <spinlock.h> is inside one, so such a kernel
 * counts them per thread and does not switch while the count is non-zero.
 * This kernel never preempts: unless the port header defines them, they are
 * nothing. A port header that counts also defines preempt_count() (the host
 * sanitizer builds do, for the preempt suite).
 */
#ifndef _PREEMPT_H
#define _PREEMPT_H

#include <asm/port.h>

#ifndef preempt_disable
/* preempt_disable - keep this thread on this CPU until preempt_enable(); nothing here. */
#define preempt_disable() \
	do {              \
	} while (0)
/* preempt_enable - undo one preempt_disable(); nothing here. */
#define preempt_enable() \
	do {             \
	} while (0)
#endif

/* PREEMPT_COUNTED - 1 if the port counts preempt_disable(), readable with preempt_count(). */
#ifdef preempt_count
#define PREEMPT_COUNTED 1
#else
#define PREEMPT_COUNTED 0
/* preempt_count - this thread's preempt_disable() depth; 0 where it is not counted. */
#define preempt_count() 0
#endif

#endif /* _PREEMPT_H */
