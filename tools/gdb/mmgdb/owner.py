# page_owner=on in gdb (mm/page_owner.c, mm/stackdepot.c): a page's record as dump_page()
# prints it, and the allocated blocks grouped by stack as show_page_owner() prints them.
import gdb

from .kernel import *
from .pages import *


NO_STACK = " (no stack recorded: the stack depot was full, or the port unwinds nothing)"


def need_page_owner():
    if not int(value("page_owner_inited")):
        raise MmError("page_owner is off: boot with page_owner=on (or page_owner_init() "
                      "has not run yet)")


def gfp_string(gfp):
    """format_gfp_flags() (mm/gfp_names.c), from the kernel's own table."""
    table = value("'gfp_names.c'::gfp_names")
    names = []
    for i in range(table.type.range()[1] + 1):
        if not gfp:
            break
        mask = int(table[i]["mask"])
        if gfp & mask == mask:
            names.append(table[i]["name"].string())
            gfp &= ~mask
    if gfp:
        names.append("%#x" % gfp)
    return "|".join(names)


def owner_type():
    return gdb.lookup_type("struct page_owner")


def field_offsets(type_name, *names):
    t = gdb.lookup_type(type_name)
    return {f.name: (f.bitpos // 8, f.type.sizeof) for f in t.fields() if f.name in names}


def unpack(raw, base, off):
    o, size = off
    return int.from_bytes(raw[base + o:base + o + size], "little")


class Owners:
    """The side table and the stack depot, read once per command."""

    def __init__(self, lay):
        need_page_owner()
        self.lay = lay
        self.sections = value("'page_owner.c'::section_owners")
        self.mem_section = value("mem_section")
        self.nr_sections = int(value("nr_mem_sections"))
        self.size = owner_type().sizeof
        self.off = field_offsets("struct page_owner", "seq", "handle", "gfp", "order", "cpu")
        self.records = to_int(value("'stackdepot.c'::records"))
        self.nr_stacks = int(value("'stackdepot.c'::nr_stacks"))
        self.max_stacks = int(value("'stackdepot.c'::max_stacks"))
        self.rec_size = gdb.lookup_type("struct stack_record").sizeof
        self.rec_off = field_offsets("struct stack_record", "nr_entries", "entries")
        self.nr_cpus = int(value("sizeof(node_zones[0].pcp) / sizeof(node_zones[0].pcp[0])"))

    def section_span(self, nr):
        ms = self.mem_section[nr]
        return int(ms["start_pfn"]), int(ms["end_pfn"])

    def record(self, pfn):
        """pfn's record as a dict, or None (no table for it, or never recorded)."""
        nr = pfn >> (self.lay["section_size_bits"] - self.lay["page_shift"])
        if nr >= self.nr_sections or not to_int(self.sections[nr]):
            return None
        start, end = self.section_span(nr)
        if not start <= pfn < end:
            return None
        raw = read_bytes(to_int(self.sections[nr]) + (pfn - start) * self.size, self.size)
        return self.parse(raw, 0)

    def parse(self, raw, base):
        r = {k: unpack(raw, base, v) for k, v in self.off.items()}
        return r if r["seq"] else None

    def stack(self, handle):
        """The stored entries of @handle (stack_depot_fetch())."""
        if not handle or handle > self.nr_stacks:
            return []
        addr = self.records + (handle - 1) * self.rec_size
        raw = read_bytes(addr, self.rec_size)
        n = unpack(raw, 0, self.rec_off["nr_entries"])
        o = self.rec_off["entries"][0]
        return [int.from_bytes(raw[o + 8 * i:o + 8 * i + 8], "little") for i in range(n)]


def backtrace_symbol(addr):
    """sprint_backtrace() (lib/kallsyms.c): the function of the call before return address @addr."""
    if not addr:
        return symbol(addr)
    s = symbol(addr - 1)
    if s.startswith("0x"):
        return "0x%x" % addr
    name, rest = s.rsplit("+0x", 1)
    off, size = rest.split("/")
    return "%s+0x%x/%s" % (name, int(off, 16) + 1, size)


def stack_lines(entries):
    return [" " + backtrace_symbol(e) for e in entries]


def page_owner_lines(page, lay):
    """dump_page_owner()'s lines (mm/page_owner.c) for @page."""
    owners = Owners(lay)
    pfn = page_to_pfn(to_int(page.address), lay)
    head, lines = pfn, []
    if not (has(page, "allocated") or has(page, "buddy") or has(page, "reserved")):
        block = allocated_block_of(pfn, lay)
        if block and block[0] != pfn:
            head = block[0]
            lines.append("page_owner: the page is inside the order-%d block at pfn %#x" %
                         (block[1], head))
    r = owners.record(head)
    if not r:
        return lines + ["page_owner info is not present (never allocated while page_owner "
                        "was on)"]
    state = "allocated" if has(pfn_to_page(head, lay), "allocated") else "freed"
    lines.append("page_owner tracks the page as %s" % state)
    lines.append("page last allocated via order %d, gfp_mask %#x(%s), cpu %d, seq %d" %
                 (r["order"], r["gfp"], gfp_string(r["gfp"]), r["cpu"], r["seq"]))
    entries = owners.stack(r["handle"])
    return lines + (stack_lines(entries) if entries else
                    [NO_STACK])


def ranges(bits):
    return ",".join(str(i) for i in range(64) if bits >> i & 1)


def page_owner_report(lay, since=0, max_stacks=0):
    """show_page_owner_since()'s lines: every allocated block, grouped by stack."""
    owners = Owners(lay)
    psize = page_type().sizeof
    poff = field_offsets("struct page", "flags", "private")
    bits = dict((n, i) for i, n in page_flags())
    allocated, hole = 1 << bits["allocated"], 1 << bits["hole"]
    groups, blocks, pages, untracked, untracked_pages = {}, 0, 0, 0, 0
    for nr in range(owners.nr_sections):
        start, end = owners.section_span(nr)
        if end <= start or not to_int(owners.sections[nr]):
            continue
        structs = read_bytes(lay["vmemmap_start"] + start * psize, (end - start) * psize)
        recs = read_bytes(to_int(owners.sections[nr]), (end - start) * owners.size)
        pfn = start
        while pfn < end:
            i = pfn - start
            flags = unpack(structs, i * psize, poff["flags"])
            if not flags & allocated or flags & hole:
                pfn += 1
                continue
            order = min(unpack(structs, i * psize, poff["private"]), lay["max_order"])
            n = min(1 << order, end - pfn)
            pfn += n
            r = owners.parse(recs, i * owners.size)
            if not r:
                untracked, untracked_pages = untracked + 1, untracked_pages + n
                continue
            if r["seq"] < since:
                continue
            blocks, pages = blocks + 1, pages + n
            g = groups.setdefault(r["handle"], {"pages": 0, "blocks": 0, "orders": 0,
                                                "cpus": 0, "mixed": False, "gfp": r["gfp"],
                                                "first": r["seq"], "last": r["seq"]})
            if r["gfp"] != g["gfp"]:
                g["mixed"] = True
                if r["seq"] > g["last"]:
                    g["gfp"] = r["gfp"]
            g["first"], g["last"] = min(g["first"], r["seq"]), max(g["last"], r["seq"])
            g["blocks"] += 1
            g["pages"] += n
            g["orders"] |= 1 << min(r["order"], lay["max_order"])
            g["cpus"] |= 1 << (r["cpu"] % owners.nr_cpus)
    order = sorted(groups, key=lambda h: (-groups[h]["pages"], -groups[h]["blocks"], h))
    more = ", the largest shown" if max_stacks and len(order) > max_stacks else ""
    lines = ["page_owner: %d blocks (%d pages) allocated since seq %d, by %d stacks%s "
             "(stack depot: %d of %d)" % (blocks, pages, since, len(order), more,
                                          owners.nr_stacks, owners.max_stacks)]
    if untracked:
        lines.append("page_owner: %d blocks (%d pages) allocated before page_owner was set up" %
                     (untracked, untracked_pages))
    for h in order[:max_stacks] if max_stacks else order:
        g = groups[h]
        lines.append("%d times, %d pages:" % (g["blocks"], g["pages"]))
        lines.append("Page allocated via order %s, mask %#x(%s)%s, cpus %s, seq %d..%d" %
                     (ranges(g["orders"]), g["gfp"], gfp_string(g["gfp"]),
                      " and others" if g["mixed"] else "", ranges(g["cpus"]), g["first"],
                      g["last"]))
        entries = owners.stack(h)
        lines.extend(stack_lines(entries) if entries else
                     [NO_STACK])
        lines.append("")
    return lines
