/*
 * Test-only writer of flattened device trees (see dtb_builder.h): the dtb
 * tests build their blobs with it, independently of lib/dtb.c.
 */
#include <dtb.h>
#include <string.h>
#include <types.h>

#include "dtb_builder.h"

#define TOKEN_SIZE 4
#define RSV_ENTRY_SIZE 16
#define VERSION 17
#define LAST_COMP_VERSION 16

void dtb_put_be32(void *p, u32 val)
{
	u8 *b = p;

	b[0] = val >> 24;
	b[1] = val >> 16;
	b[2] = val >> 8;
	b[3] = val;
}

u32 dtb_get_be32(const void *p)
{
	const u8 *b = p;

	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

/* Reserve @len bytes at the write position, or note the overflow and return NULL. */
static u8 *room(struct dtb_builder *b, u32 len)
{
	u8 *p;

	if (b->overflow || len > b->cap - b->pos) {
		b->overflow = true;
		return NULL;
	}
	p = b->buf + b->pos;
	b->pos += len;
	return p;
}

static void put32(struct dtb_builder *b, u32 val)
{
	u8 *p = room(b, 4);

	if (p)
		dtb_put_be32(p, val);
}

static void put_bytes(struct dtb_builder *b, const void *data, u32 len)
{
	u8 *p = room(b, len);

	if (p && len)
		memcpy(p, data, len);
}

/* Zero-fill up to the next 4-byte boundary of the structure block. */
static void pad(struct dtb_builder *b)
{
	while (!b->overflow && (b->pos - b->off_dt_struct) % TOKEN_SIZE)
		put_bytes(b, "", 1);
}

void dtb_builder_init(struct dtb_builder *b, void *buf, size_t cap)
{
	b->buf = buf;
	b->cap = cap;
	b->pos = 0;
	b->off_dt_struct = 0;
	b->strings_len = 0;
	b->overflow = false;
	if (room(b, DTB_HDR_SIZE))
		memset(b->buf, 0, DTB_HDR_SIZE);
}

static void put_rsv_entry(struct dtb_builder *b, u64 base, u64 size)
{
	put32(b, base >> 32);
	put32(b, base);
	put32(b, size >> 32);
	put32(b, size);
}

void dtb_builder_memreserve(struct dtb_builder *b, u64 base, u64 size)
{
	if (b->off_dt_struct)
		b->overflow = true; /* too late: the structure block has begun */
	put_rsv_entry(b, base, size);
}

/* The first structure token closes the memreserve block with its (0, 0) entry. */
static void start_struct(struct dtb_builder *b)
{
	if (b->off_dt_struct)
		return;
	put_rsv_entry(b, 0, 0);
	b->off_dt_struct = b->pos;
}

void dtb_builder_token(struct dtb_builder *b, u32 token)
{
	start_struct(b);
	put32(b, token);
}

void dtb_builder_begin_node(struct dtb_builder *b, const char *name)
{
	dtb_builder_token(b, DTB_TOKEN_BEGIN_NODE);
	put_bytes(b, name, strlen(name) + 1);
	pad(b);
}

void dtb_builder_end_node(struct dtb_builder *b)
{
	dtb_builder_token(b, DTB_TOKEN_END_NODE);
}

/* The offset of @name in the strings block, added there if new. */
static u32 string_offset(struct dtb_builder *b, const char *name)
{
	u32 off, len = strlen(name) + 1;

	for (off = 0; off < b->strings_len; off += strlen(b->strings + off) + 1) {
		if (!strcmp(b->strings + off, name))
			return off;
	}
	if (len > sizeof(b->strings) - b->strings_len) {
		b->overflow = true;
		return 0;
	}
	memcpy(b->strings + off, name, len);
	b->strings_len += len;
	return off;
}

static void prop_header(struct dtb_builder *b, const char *name, u32 len)
{
	dtb_builder_token(b, DTB_TOKEN_PROP);
	put32(b, len);
	put32(b, string_offset(b, name));
}

void dtb_builder_prop(struct dtb_builder *b, const char *name, const void *val, u32 len)
{
	prop_header(b, name, len);
	put_bytes(b, val, len);
	pad(b);
}

void dtb_builder_prop_u32(struct dtb_builder *b, const char *name, u32 val)
{
	dtb_builder_prop_cells(b, name, &val, 1);
}

void dtb_builder_prop_cells(struct dtb_builder *b, const char *name, const u32 *cells, u32 n)
{
	u32 i;

	prop_header(b, name, n * 4);
	for (i = 0; i < n; i++)
		put32(b, cells[i]);
}

void dtb_builder_prop_string(struct dtb_builder *b, const char *name, const char *s)
{
	dtb_builder_prop(b, name, s, strlen(s) + 1);
}

u32 dtb_builder_offset(const struct dtb_builder *b)
{
	return b->off_dt_struct ? b->pos - b->off_dt_struct : 0;
}

static void put_header(struct dtb_builder *b, u32 field, u32 val)
{
	dtb_put_be32(b->buf + field, val);
}

size_t dtb_builder_finish(struct dtb_builder *b)
{
	u32 size_struct, off_strings;

	dtb_builder_token(b, DTB_TOKEN_END);
	size_struct = b->pos - b->off_dt_struct;
	off_strings = b->pos;
	put_bytes(b, b->strings, b->strings_len);
	if (b->overflow)
		return 0;
	put_header(b, DTB_HDR_MAGIC, DTB_MAGIC);
	put_header(b, DTB_HDR_TOTALSIZE, b->pos);
	put_header(b, DTB_HDR_OFF_DT_STRUCT, b->off_dt_struct);
	put_header(b, DTB_HDR_OFF_DT_STRINGS, off_strings);
	put_header(b, DTB_HDR_OFF_MEM_RSVMAP, DTB_HDR_SIZE);
	put_header(b, DTB_HDR_VERSION, VERSION);
	put_header(b, DTB_HDR_LAST_COMP_VERSION, LAST_COMP_VERSION);
	put_header(b, DTB_HDR_BOOT_CPUID_PHYS, 0);
	put_header(b, DTB_HDR_SIZE_DT_STRINGS, b->strings_len);
	put_header(b, DTB_HDR_SIZE_DT_STRUCT, size_struct);
	return b->pos;
}
