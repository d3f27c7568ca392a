/*
 * A small DWARF call-frame unwinder over the image's .eh_frame, for ports
 * whose kernel has no frame pointers (riscv, arm64): their stack_trace_save()
 * captures its registers and calls dwarf_unwind(). GCC's
 * -fasynchronous-unwind-tables emits the CIEs and FDEs without changing any
 * instruction; linker/<arch>.ld keeps them between __eh_frame_start and
 * __eh_frame_end. Their search table (FDEs sorted by address) is built here
 * at the first unwind, since the bare-metal linkers have no --eh-frame-hdr.
 *
 * What it reads: the CFA rules the port's GCC emits (def_cfa*, offset*,
 * restore*, advance_loc*, remember/restore_state, same_value, undefined,
 * register). A DWARF expression ends the walk, as does anything unexpected.
 *
 * Locking: table_lock (irqsave, a leaf) is taken once, by whoever unwinds
 * first, to build the table; afterwards the table is read only, found
 * through table_ready (release/acquire), and unwinding takes no lock. The
 * cache of computed rows (row_cache) has a sequence count per slot instead.
 */
#include <asm/port.h>
#include <atomic.h>
#include <dwarf_unwind.h>
#include <kernel.h>
#include <spinlock.h>
#include <stacktrace.h>
#include <string.h>

/* A port that unwinds otherwise (host: glibc's backtrace()) defines no DWARF numbers. */
#ifdef ARCH_UNWIND_SP_REG

/* stacktrace.S of each port stores at these offsets. */
_Static_assert(offsetof(struct unwind_frame, valid) == 256, "arch_unwind_capture's VALID_OFF");
_Static_assert(offsetof(struct unwind_frame, pc) == 264, "arch_unwind_capture's PC_OFF");

extern const u8 __eh_frame_start[], __eh_frame_end[];
extern const char _stext[];

/* FDEs the table holds: this image has about 1300; past this many, the rest are not found. */
#define MAX_FDES 4096
/* A frame's stack pointer stays this close above where the walk started. */
#define MAX_STACK_SPAN (64UL << 10)
/* Nesting of DW_CFA_remember_state. */
#define MAX_REMEMBERED 4

/* Call-frame instructions (DWARF 5, section 6.4.2): high two bits, or the whole byte. */
#define DW_CFA_advance_loc 0x40
#define DW_CFA_offset 0x80
#define DW_CFA_restore 0xc0
#define DW_CFA_nop 0x00
#define DW_CFA_set_loc 0x01
#define DW_CFA_advance_loc1 0x02
#define DW_CFA_advance_loc2 0x03
#define DW_CFA_advance_loc4 0x04
#define DW_CFA_offset_extended 0x05
#define DW_CFA_restore_extended 0x06
#define DW_CFA_undefined 0x07
#define DW_CFA_same_value 0x08
#define DW_CFA_register 0x09
#define DW_CFA_remember_state 0x0a
#define DW_CFA_restore_state 0x0b
#define DW_CFA_def_cfa 0x0c
#define DW_CFA_def_cfa_register 0x0d
#define DW_CFA_def_cfa_offset 0x0e
#define DW_CFA_offset_extended_sf 0x11
#define DW_CFA_def_cfa_sf 0x12
#define DW_CFA_def_cfa_offset_sf 0x13
#define DW_CFA_GNU_args_size 0x2e

/* Pointer encodings (the LSB "Linux Standard Base" DW_EH_PE_*): format, then application. */
#define DW_EH_PE_omit 0xff
#define DW_EH_PE_absptr 0x00
#define DW_EH_PE_uleb128 0x01
#define DW_EH_PE_udata2 0x02
#define DW_EH_PE_udata4 0x03
#define DW_EH_PE_udata8 0x04
#define DW_EH_PE_sleb128 0x09
#define DW_EH_PE_sdata2 0x0a
#define DW_EH_PE_sdata4 0x0b
#define DW_EH_PE_sdata8 0x0c
#define DW_EH_PE_pcrel 0x10

/* One FDE of the table: where its code starts, and the FDE itself, as offsets. */
struct fde_entry {
	u32 pc_off;  /* from _stext */
	u32 fde_off; /* from __eh_frame_start */
};

static struct fde_entry fde_table[MAX_FDES];
static unsigned int nr_fdes;
static int table_ready;
static DEFINE_SPINLOCK(table_lock);

/* A cursor over .eh_frame bytes that never reads past @end. */
struct reader {
	const u8 *p, *end;
	bool bad;
};

static u8 read_u8(struct reader *r)
{
	if (r->p >= r->end) {
		r->bad = true;
		return 0;
	}
	return *r->p++;
}

static u64 read_bytes(struct reader *r, unsigned int n)
{
	u64 v = 0;

	if ((size_t)(r->end - r->p) < n) {
		r->bad = true;
		return 0;
	}
	for (unsigned int i = 0; i < n; i++) /* little-endian, as both ports */
		v |= (u64)r->p[i] << (8 * i);
	r->p += n;
	return v;
}

/* A LEB128 number's bits; *@shift: how many bits it had room for, *@last: its last byte. */
static u64 read_leb128(struct reader *r, unsigned int *shift, u8 *last)
{
	u64 v = 0;
	u8 b;

	*shift = 0;
	do {
		b = read_u8(r);
		if (*shift < 64)
			v |= (u64)(b & 0x7f) << *shift;
		*shift += 7;
	} while ((b & 0x80) && !r->bad);
	*last = b;
	return v;
}

static u64 read_uleb(struct reader *r)
{
	unsigned int shift;
	u8 last;

	return read_leb128(r, &shift, &last);
}

static s64 read_sleb(struct reader *r)
{
	unsigned int shift;
	u8 last;
	u64 v = read_leb128(r, &shift, &last);

	if (shift < 64 && (last & 0x40))
		v |= ~0ULL << shift;
	return (s64)v;
}

/* A pointer in encoding @enc; false for one this unwinder does not read (indirect, datarel). */
static bool read_pointer(struct reader *r, u8 enc, unsigned long *out)
{
	unsigned long here = (unsigned long)r->p, v;

	switch (enc & 0x0f) {
	case DW_EH_PE_absptr:
	case DW_EH_PE_udata8:
	case DW_EH_PE_sdata8:
		v = read_bytes(r, 8);
		break;
	case DW_EH_PE_uleb128:
		v = read_uleb(r);
		break;
	case DW_EH_PE_sleb128:
		v = read_sleb(r);
		break;
	case DW_EH_PE_udata2:
		v = read_bytes(r, 2);
		break;
	case DW_EH_PE_sdata2:
		v = (unsigned long)(s16)read_bytes(r, 2);
		break;
	case DW_EH_PE_udata4:
		v = read_bytes(r, 4);
		break;
	case DW_EH_PE_sdata4:
		v = (unsigned long)(s32)read_bytes(r, 4);
		break;
	default:
		return false;
	}
	switch (enc & 0x70) {
	case 0:
		break;
	case DW_EH_PE_pcrel:
		v += here;
		break;
	default:
		return false;
	}
	*out = v;
	return !r->bad;
}

/* What a CIE says about the FDEs that point to it. */
struct cie_info {
	u64 code_align;
	s64 data_align;
	unsigned int ra_reg;
	u8 fde_enc;	       /* how an FDE's pc_begin is encoded */
	bool has_aug_data;     /* "z": FDEs have an augmentation-data length */
	struct reader initial; /* the initial instructions */
};

/* The entry at @p: its length and the bytes after the length field. False at the end. */
static bool entry_at(const u8 *p, struct reader *body)
{
	struct reader r = { p, __eh_frame_end, false };
	u64 len = read_bytes(&r, 4);

	if (r.bad || len == 0)
		return false;
	if (len == 0xffffffff) /* 64-bit DWARF: not emitted by GCC for .eh_frame */
		return false;
	if (len > (u64)(r.end - r.p))
		return false;
	body->p = r.p;
	body->end = r.p + len;
	body->bad = false;
	return true;
}

static bool parse_cie(const u8 *cie, struct cie_info *info)
{
	struct reader r;
	const char *aug;
	u8 version;

	if (!entry_at(cie, &r) || read_bytes(&r, 4) != 0) /* a CIE's id is 0 in .eh_frame */
		return false;
	version = read_u8(&r);
	aug = (const char *)r.p;
	while (read_u8(&r))
		;
	info->code_align = read_uleb(&r);
	info->data_align = read_sleb(&r);
	info->ra_reg = version == 1 ? read_u8(&r) : (unsigned int)read_uleb(&r);
	info->fde_enc = DW_EH_PE_absptr;
	info->has_aug_data = aug[0] == 'z';
	if (info->has_aug_data) {
		u64 aug_len = read_uleb(&r);
		struct reader a = { r.p, r.p + aug_len, false };

		if (aug_len > (u64)(r.end - r.p))
			return false;
		for (const char *c = aug + 1; *c; c++) {
			unsigned long ignored;
			u8 enc;

			switch (*c) {
			case 'R':
				info->fde_enc = read_u8(&a);
				break;
			case 'P':
				enc = read_u8(&a);
				if (!read_pointer(&a, enc & 0x7f, &ignored))
					return false;
				break;
			case 'L':
				read_u8(&a);
				break;
			case 'S':
			case 'B':
				break;
			default:
				return false;
			}
		}
		r.p += aug_len;
	} else if (aug[0]) {
		return false;
	}
	info->initial = r;
	return !r.bad;
}

/* An FDE's CIE (from its CIE pointer, relative to the pointer's own position). */
static const u8 *fde_cie(const u8 *fde)
{
	struct reader r;
	const u8 *id_pos;
	u32 id;

	if (!entry_at(fde, &r))
		return NULL;
	id_pos = r.p;
	id = (u32)read_bytes(&r, 4);
	if (id == 0 || (unsigned long)id > (unsigned long)(id_pos - __eh_frame_start))
		return NULL;
	return id_pos - id;
}

/* An FDE's code range, and (if @insns) its instructions. */
static bool parse_fde(const u8 *fde, const struct cie_info *cie, unsigned long *begin,
		      unsigned long *range, struct reader *insns)
{
	struct reader r;

	if (!entry_at(fde, &r))
		return false;
	read_bytes(&r, 4);
	if (!read_pointer(&r, cie->fde_enc, begin) || !read_pointer(&r, cie->fde_enc & 0x0f, range))
		return false;
	if (cie->has_aug_data) {
		u64 len = read_uleb(&r);

		if (len > (u64)(r.end - r.p))
			return false;
		r.p += len;
	}
	if (insns)
		*insns = r;
	return !r.bad;
}

/* Insert at its place: .eh_frame comes mostly in address order, so this is nearly linear. */
static void table_insert(unsigned long begin, const u8 *fde)
{
	u32 pc_off = (u32)(begin - (unsigned long)_stext);
	unsigned int i = nr_fdes;

	while (i > 0 && fde_table[i - 1].pc_off > pc_off) {
		fde_table[i] = fde_table[i - 1];
		i--;
	}
	fde_table[i].pc_off = pc_off;
	fde_table[i].fde_off = (u32)(fde - __eh_frame_start);
	nr_fdes++;
}

static void build_table(void)
{
	const u8 *p = __eh_frame_start;
	struct reader body;
	bool warned = false;

	/* cppcheck-suppress comparePointers ; the linker places both symbols around one section */
	while (p < __eh_frame_end && entry_at(p, &body)) {
		const u8 *cie = fde_cie(p);
		struct cie_info info;
		unsigned long begin, range;

		/* The table keeps 32-bit offsets: the code lies within 4 GiB above _stext. */
		if (cie && parse_cie(cie, &info) && parse_fde(p, &info, &begin, &range, NULL) &&
		    range && begin >= (unsigned long)_stext &&
		    begin - (unsigned long)_stext <= U32_MAX) {
			if (nr_fdes < MAX_FDES) {
				table_insert(begin, p);
			} else if (!warned) {
				pr_warn("dwarf_unwind: more than %d FDEs: the rest are not used\n",
					MAX_FDES);
				warned = true;
			}
		}
		p = body.end;
	}
}

/* The FDE whose code holds @pc, or NULL. */
static const u8 *find_fde(unsigned long pc, struct cie_info *cie, unsigned long *begin,
			  struct reader *insns)
{
	u32 pc_off = (u32)(pc - (unsigned long)_stext);
	long lo = 0, hi = (long)nr_fdes - 1, found = -1;
	unsigned long range;
	const u8 *fde;

	while (lo <= hi) {
		long mid = lo + (hi - lo) / 2;

		if (fde_table[mid].pc_off <= pc_off) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	if (pc < (unsigned long)_stext || found < 0)
		return NULL;
	fde = __eh_frame_start + fde_table[found].fde_off;
	if (!parse_cie(fde_cie(fde), cie) || !parse_fde(fde, cie, begin, &range, insns))
		return NULL;
	return pc - *begin < range ? fde : NULL;
}

/* How to find a register of the caller. */
enum rule_type {
	RULE_SAME,
	RULE_UNDEFINED,
	RULE_OFFSET,
	RULE_REGISTER
};

struct reg_rule {
	s32 offset; /* RULE_OFFSET: saved at CFA + offset */
	u8 type;
	u8 reg; /* RULE_REGISTER: the callee's register that holds it */
};

struct cfa_state {
	unsigned int cfa_reg;
	s64 cfa_offset;
	u32 set; /* bit n: rules[n] is not RULE_SAME (the step looks at these alone) */
	struct reg_rule rules[DWARF_UNWIND_REGS];
};

static void set_rule(struct cfa_state *st, u64 reg, u8 type, s64 offset, u8 from)
{
	st->rules[reg].type = type;
	st->rules[reg].offset = (s32)offset;
	st->rules[reg].reg = from;
	if (type == RULE_SAME)
		st->set &= ~(1U << reg);
	else
		st->set |= 1U << reg;
}

/*
 * Run call-frame instructions from @r, starting at code address @loc, until
 * the row for @pc is reached. @initial: the CIE's state, for DW_CFA_restore
 * (NULL while running the CIE itself). False on anything not understood.
 */
static bool run_cfa(struct reader *r, const struct cie_info *cie, unsigned long loc,
		    unsigned long pc, struct cfa_state *st, const struct cfa_state *initial)
{
	struct cfa_state remembered[MAX_REMEMBERED];
	unsigned int depth = 0;

	while (r->p < r->end && !r->bad) {
		u8 op = read_u8(r), low = op & 0x3f;
		u64 reg = low, delta = 0;

		switch (op & 0xc0) {
		case DW_CFA_advance_loc:
			delta = low;
			goto advance;
		case DW_CFA_offset:
			if (reg >= DWARF_UNWIND_REGS)
				return false;
			set_rule(st, reg, RULE_OFFSET, (s64)read_uleb(r) * cie->data_align, 0);
			continue;
		case DW_CFA_restore:
			goto restore;
		}
		switch (op) {
		case DW_CFA_nop:
			continue;
		case DW_CFA_set_loc:
			if (!read_pointer(r, cie->fde_enc, &loc))
				return false;
			if (loc > pc)
				return true;
			continue;
		case DW_CFA_advance_loc1:
			delta = read_bytes(r, 1);
			goto advance;
		case DW_CFA_advance_loc2:
			delta = read_bytes(r, 2);
			goto advance;
		case DW_CFA_advance_loc4:
			delta = read_bytes(r, 4);
			goto advance;
		case DW_CFA_offset_extended:
			reg = read_uleb(r);
			if (reg >= DWARF_UNWIND_REGS)
				return false;
			set_rule(st, reg, RULE_OFFSET, (s64)read_uleb(r) * cie->data_align, 0);
			continue;
		case DW_CFA_offset_extended_sf:
			reg = read_uleb(r);
			if (reg >= DWARF_UNWIND_REGS)
				return false;
			set_rule(st, reg, RULE_OFFSET, read_sleb(r) * cie->data_align, 0);
			continue;
		case DW_CFA_restore_extended:
			reg = read_uleb(r);
			goto restore;
		case DW_CFA_undefined:
		case DW_CFA_same_value:
			reg = read_uleb(r);
			if (reg >= DWARF_UNWIND_REGS)
				return false;
			set_rule(st, reg, op == DW_CFA_undefined ? RULE_UNDEFINED : RULE_SAME, 0,
				 0);
			continue;
		case DW_CFA_register: {
			u64 from;

			reg = read_uleb(r);
			from = read_uleb(r);
			if (reg >= DWARF_UNWIND_REGS || from >= DWARF_UNWIND_REGS)
				return false;
			set_rule(st, reg, RULE_REGISTER, 0, (u8)from);
			continue;
		}
		case DW_CFA_remember_state:
			if (depth == MAX_REMEMBERED)
				return false;
			remembered[depth++] = *st;
			continue;
		case DW_CFA_restore_state:
			if (depth == 0)
				return false;
			*st = remembered[--depth];
			continue;
		case DW_CFA_def_cfa:
			st->cfa_reg = (unsigned int)read_uleb(r);
			st->cfa_offset = (s64)read_uleb(r);
			continue;
		case DW_CFA_def_cfa_sf:
			st->cfa_reg = (unsigned int)read_uleb(r);
			st->cfa_offset = read_sleb(r) * cie->data_align;
			continue;
		case DW_CFA_def_cfa_register:
			st->cfa_reg = (unsigned int)read_uleb(r);
			continue;
		case DW_CFA_def_cfa_offset:
			st->cfa_offset = (s64)read_uleb(r);
			continue;
		case DW_CFA_def_cfa_offset_sf:
			st->cfa_offset = read_sleb(r) * cie->data_align;
			continue;
		case DW_CFA_GNU_args_size:
			read_uleb(r);
			continue;
		default: /* DWARF expressions and anything else */
			return false;
		}
advance:
		loc += delta * cie->code_align;
		if (loc > pc)
			return true;
		continue;
restore:
		if (!initial || reg >= DWARF_UNWIND_REGS)
			return false;
		set_rule(st, reg, initial->rules[reg].type, initial->rules[reg].offset,
			 initial->rules[reg].reg);
	}
	return !r->bad;
}

static void ensure_table(void)
{
	unsigned long flags;

	if (smp_load_acquire(&table_ready))
		return;
	spin_lock_irqsave(&table_lock, flags);
	if (!table_ready) {
		build_table();
		smp_store_release(&table_ready, 1);
	}
	spin_unlock_irqrestore(&table_lock, flags);
}

/* A stack slot of the walk: aligned, between where it started and MAX_STACK_SPAN above. */
static bool read_stack(unsigned long addr, unsigned long base, unsigned long *val)
{
	if (addr & (sizeof(long) - 1) || addr < base || addr - base >= MAX_STACK_SPAN)
		return false;
	*val = *(const unsigned long *)addr;
	return true;
}

/*
 * One row of the call-frame table, as unwind_step() applies it: the CFA and
 * the registers whose rule is not "same value", for the code at one return
 * address. Computing it (the FDE's search, its CIE and its rules run from the
 * function's start) is most of an unwind's cost, and allocation stacks come
 * back to the same few hundred return addresses: the rows are kept in
 * row_cache, direct-mapped by return address.
 */
#define ROW_RULES 14 /* riscv: ra, s0-s11; arm64: x19-x30: every callee-saved register */
#define ROW_CACHE_SIZE 256

struct unwind_row {
	unsigned long pc; /* the return address it is for (0: none) */
	s32 cfa_offset;
	u8 cfa_reg;
	u8 nr_rules;
	struct {
		s32 offset; /* RULE_OFFSET */
		u8 reg;
		u8 type;
		u8 from; /* RULE_REGISTER */
	} rules[ROW_RULES];
};

/*
 * row_cache's slots, each under a sequence count (odd: being written). A
 * writer takes the slot by moving its count from even to odd with a
 * compare-and-swap (and skips the slot if it cannot), fills it, and releases
 * it with the next even count; a reader copies a slot and keeps the copy only
 * if the count was even and unchanged around the copy. No lock: an unwind may
 * run in any context, and a row that is not cached is only computed again.
 */
static struct {
	u32 seq;
	struct unwind_row row;
} row_cache[ROW_CACHE_SIZE];

static unsigned int row_slot(unsigned long pc)
{
	return (unsigned int)((pc >> 1) ^ (pc >> 9)) % ROW_CACHE_SIZE;
}

static bool row_cache_get(unsigned long pc, struct unwind_row *row)
{
	unsigned int i = row_slot(pc);
	const struct unwind_row *slot = &row_cache[i].row;
	u32 seq = smp_load_acquire(&row_cache[i].seq);

	if (seq & 1 || READ_ONCE(slot->pc) != pc)
		return false;
	/* Field by field, and only the rules in use: a whole copy would be a memcpy() call. */
	row->pc = pc;
	row->cfa_offset = READ_ONCE(slot->cfa_offset);
	row->cfa_reg = READ_ONCE(slot->cfa_reg);
	row->nr_rules = min(READ_ONCE(slot->nr_rules), (u8)ROW_RULES);
	for (unsigned int r = 0; r < row->nr_rules; r++)
		row->rules[r] = slot->rules[r];
	smp_rmb();
	return READ_ONCE(row_cache[i].seq) == seq;
}

static void row_cache_put(const struct unwind_row *row)
{
	unsigned int i = row_slot(row->pc);
	u32 seq = READ_ONCE(row_cache[i].seq);

	if ((seq & 1) || !__atomic_compare_exchange_n(&row_cache[i].seq, &seq, seq + 1, false,
						      __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	smp_wmb();
	row_cache[i].row = *row;
	smp_store_release(&row_cache[i].seq, seq + 2);
}

/* The row for return address @pc, from its FDE. False if there is none, or it does not fit. */
static bool compute_row(unsigned long pc, unsigned int ra_reg, struct unwind_row *row)
{
	struct cfa_state initial = { 0 }, st;
	struct cie_info cie;
	struct reader insns;
	unsigned long begin, lookup = pc - 1; /* a return address: the call is before it */

	if (!find_fde(lookup, &cie, &begin, &insns) || cie.ra_reg != ra_reg)
		return false;
	if (!run_cfa(&cie.initial, &cie, begin, lookup, &initial, NULL))
		return false;
	st = initial;
	if (!run_cfa(&insns, &cie, begin, lookup, &st, &initial))
		return false;
	if (st.cfa_reg >= DWARF_UNWIND_REGS || st.cfa_offset != (s32)st.cfa_offset)
		return false;
	row->pc = pc;
	row->cfa_reg = (u8)st.cfa_reg;
	row->cfa_offset = (s32)st.cfa_offset;
	row->nr_rules = 0;
	for (u32 set = st.set; set; set &= set - 1) {
		unsigned int reg = (unsigned int)__builtin_ctz(set);

		if (row->nr_rules == ROW_RULES)
			return false;
		row->rules[row->nr_rules].reg = (u8)reg;
		row->rules[row->nr_rules].type = st.rules[reg].type;
		row->rules[row->nr_rules].offset = st.rules[reg].offset;
		row->rules[row->nr_rules].from = st.rules[reg].reg;
		row->nr_rules++;
	}
	return true;
}

/*
 * Step @f to its caller's frame. False when the walk ends, with @f as it was.
 * The caller's registers are gathered first and written only once all were
 * found: copying the whole frame would cost more than the step.
 */
static bool unwind_step(struct unwind_frame *f, unsigned int sp_reg, unsigned int ra_reg,
			unsigned long base)
{
	unsigned long cfa, pc, vals[ROW_RULES];
	struct unwind_row row;
	u32 valid = f->valid;

	if (!row_cache_get(f->pc, &row)) {
		if (!compute_row(f->pc, ra_reg, &row))
			return false;
		row_cache_put(&row);
	}
	if (!(f->valid & (1U << row.cfa_reg)))
		return false;
	cfa = f->regs[row.cfa_reg] + row.cfa_offset;
	pc = f->regs[ra_reg]; /* the return address, unless a rule says where it went */
	for (unsigned int i = 0; i < row.nr_rules; i++) {
		unsigned int reg = row.rules[i].reg, from = row.rules[i].from;

		switch (row.rules[i].type) {
		case RULE_UNDEFINED:
			valid &= ~(1U << reg);
			break;
		case RULE_OFFSET:
			if (!read_stack(cfa + row.rules[i].offset, base, &vals[i]))
				return false;
			valid |= 1U << reg;
			break;
		case RULE_REGISTER:
			vals[i] = f->regs[from];
			if (f->valid & (1U << from))
				valid |= 1U << reg;
			else
				valid &= ~(1U << reg);
			break;
		}
		if (reg == ra_reg && row.rules[i].type != RULE_UNDEFINED)
			pc = vals[i];
	}
	/* The caller's stack pointer is the CFA: it never goes down, nor past the span. */
	if (cfa < f->regs[sp_reg] || cfa - base >= MAX_STACK_SPAN || !(valid & (1U << ra_reg)))
		return false;
	/* No return address, or one that would repeat this frame forever. */
	if (!pc || (pc == f->pc && cfa == f->regs[sp_reg]))
		return false;
	for (unsigned int i = 0; i < row.nr_rules; i++)
		if (row.rules[i].type != RULE_UNDEFINED)
			f->regs[row.rules[i].reg] = vals[i];
	f->regs[sp_reg] = cfa;
	f->valid = valid | 1U << sp_reg;
	f->pc = pc;
	return true;
}

unsigned int dwarf_unwind(struct unwind_frame *frame, unsigned int sp_reg, unsigned int ra_reg,
			  unsigned long *store, unsigned int size, unsigned int skipnr)
{
	unsigned long base = frame->regs[sp_reg];
	unsigned int nr = 0;

	ensure_table();
	while (nr < size && unwind_step(frame, sp_reg, ra_reg, base)) {
		if (skipnr)
			skipnr--;
		else
			store[nr++] = frame->pc;
	}
	return nr;
}

noinline unsigned int stack_trace_save(unsigned long *store, unsigned int size, unsigned int skipnr)
{
	struct unwind_frame frame;

	arch_unwind_capture(&frame);
	/* The capture's pc lies in this function: the first step finds our caller's. */
	return dwarf_unwind(&frame, ARCH_UNWIND_SP_REG, ARCH_UNWIND_RA_REG, store, size, skipnr);
}

#endif /* ARCH_UNWIND_SP_REG */
