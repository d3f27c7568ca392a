/*
 * dtb_builder: writes a flattened device tree into a caller's buffer, so tests
 * can build blobs in memory and then break them on purpose. Test code only: it
 * checks nothing about the tree it is told to write.
 */
#ifndef _TEST_DTB_BUILDER_H
#define _TEST_DTB_BUILDER_H

#include <types.h>

/* Structure block tokens, as the devicetree specification numbers them. */
#define DTB_TOKEN_BEGIN_NODE 0x1
#define DTB_TOKEN_END_NODE 0x2
#define DTB_TOKEN_PROP 0x3
#define DTB_TOKEN_NOP 0x4
#define DTB_TOKEN_END 0x9

/* Byte offsets of the header fields, for tests that patch them. */
#define DTB_HDR_MAGIC 0
#define DTB_HDR_TOTALSIZE 4
#define DTB_HDR_OFF_DT_STRUCT 8
#define DTB_HDR_OFF_DT_STRINGS 12
#define DTB_HDR_OFF_MEM_RSVMAP 16
#define DTB_HDR_VERSION 20
#define DTB_HDR_LAST_COMP_VERSION 24
#define DTB_HDR_BOOT_CPUID_PHYS 28
#define DTB_HDR_SIZE_DT_STRINGS 32
#define DTB_HDR_SIZE_DT_STRUCT 36
#define DTB_HDR_SIZE 40 /* a version 17 header; the memreserve block follows */

#define DTB_BUILDER_MAX_STRINGS 256

/*
 * Layout written: header, memreserve block, structure block, strings block.
 * The strings are staged here and copied after the structure at the end.
 */
struct dtb_builder {
	u8 *buf;
	u32 cap;
	u32 pos;	   /* next byte to write in buf */
	u32 off_dt_struct; /* 0 until the memreserve block is closed */
	u32 strings_len;
	bool overflow; /* something did not fit: finish will fail */
	char strings[DTB_BUILDER_MAX_STRINGS];
};

/* dtb_builder_init - start a blob in @buf, which holds @cap bytes (any alignment). */
void dtb_builder_init(struct dtb_builder *b, void *buf, size_t cap);

/* dtb_builder_memreserve - add a /memreserve/ entry; only before the first node. */
void dtb_builder_memreserve(struct dtb_builder *b, u64 base, u64 size);

void dtb_builder_begin_node(struct dtb_builder *b, const char *name);
void dtb_builder_end_node(struct dtb_builder *b);

/* dtb_builder_prop - a property with @len bytes of value @val (NULL when @len is 0). */
void dtb_builder_prop(struct dtb_builder *b, const char *name, const void *val, u32 len);
void dtb_builder_prop_u32(struct dtb_builder *b, const char *name, u32 val);
/* dtb_builder_prop_cells - a property of @n big-endian 32-bit cells. */
void dtb_builder_prop_cells(struct dtb_builder *b, const char *name, const u32 *cells, u32 n);
/* dtb_builder_prop_string - a property holding @s with its NUL. */
void dtb_builder_prop_string(struct dtb_builder *b, const char *name, const char *s);

/* dtb_builder_token - a bare token (FDT_NOP, or a wrong one on purpose). */
void dtb_builder_token(struct dtb_builder *b, u32 token);

/* dtb_builder_offset - where the next token goes, as an offset in the structure block. */
u32 dtb_builder_offset(const struct dtb_builder *b);

/**
 * dtb_builder_finish - close the blob: FDT_END, the strings block, the header
 * @b: the builder; unbalanced nodes are written as they are
 *
 * Return: the blob's totalsize, or 0 if it did not fit in the buffer.
 */
size_t dtb_builder_finish(struct dtb_builder *b);

/* Big-endian 32-bit access at any alignment, for patching a finished blob. */
void dtb_put_be32(void *p, u32 val);
u32 dtb_get_be32(const void *p);

#endif /* _TEST_DTB_BUILDER_H */
