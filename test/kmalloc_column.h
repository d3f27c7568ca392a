/* kmalloc as a column of the peer benchmarks, beside the port's malloc()s. */
#ifndef _TEST_KMALLOC_COLUMN_H
#define _TEST_KMALLOC_COLUMN_H

#include <bench.h>

/*
 * kmalloc()/kfree() through function pointers, as arch_bench_peers()'s
 * allocators are called (test/kmalloc_peer_bench.c); its held() reads the
 * slab counters (NR_SLAB_*).
 */
extern const struct bench_allocator kmalloc_column;

#endif /* _TEST_KMALLOC_COLUMN_H */
