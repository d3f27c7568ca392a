/*
 * NR_CPUS, what per-CPU arrays, CPU masks and zones are sized by (Linux keeps
 * it in <linux/threads.h>, a name the host's libc has taken).
 */
#ifndef _NR_CPUS_H
#define _NR_CPUS_H

/* The most CPUs the kernel supports; per-CPU state is an array indexed by CPU id. */
#ifndef NR_CPUS
#define NR_CPUS 8
#endif

#endif /* _NR_CPUS_H */
