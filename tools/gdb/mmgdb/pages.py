# struct page: pfn <-> page, flags by name, dump_page()'s lines, and which block a page
# is in (free buddy block, allocated block).
import gdb

from .kernel import *

def page_type():
    return gdb.lookup_type("struct page")


def pfn_to_page(pfn, lay):
    return gdb.Value(lay["vmemmap_start"] + pfn * page_type().sizeof).cast(
        page_type().pointer()).dereference()


def page_to_pfn(page_addr, lay):
    return (page_addr - lay["vmemmap_start"]) // page_type().sizeof


def pfn_valid(pfn, lay):
    """pfn_valid(): in a section with RAM and not a hole (as include/mm.h)."""
    nr = pfn >> (lay["section_size_bits"] - lay["page_shift"])
    if nr >= int(value("nr_mem_sections")) or to_int(value("mem_section")) == 0:
        return False
    sec = value("mem_section")[nr]
    if to_int(sec["mem_map"]) == 0 or not int(sec["start_pfn"]) <= pfn < int(sec["end_pfn"]):
        return False
    return not has(pfn_to_page(pfn, lay), "hole")


def flag_names(flags):
    return "|".join(n for i, n in page_flags() if flags >> i & 1)


def page_zone_name(page, lay):
    return zones()[int(page["flags"]) >> lay["zones_pgshift"]]["name"].string()


def dump_page_lines(page, lay, reason=None):
    """dump_page()'s lines (mm/page_reports.c) for @page."""
    addr = to_int(page.address)
    pfn = page_to_pfn(addr, lay)
    flags = int(page["flags"])
    section = pfn >> (lay["section_size_bits"] - lay["page_shift"])
    lines = ["page:0x%016x pfn:%#x zone:%s section:%d private:%#x" %
             (addr, pfn, page_zone_name(page, lay), section, int(page["private"])),
             "flags: %#x(%s)" % (flags, flag_names(flags))]
    if reason:
        lines.append("page dumped because: %s" % reason)
    return lines


def has(page, name):
    bit = [i for i, n in page_flags() if n == name][0]
    return int(page["flags"]) >> bit & 1


def free_block_of(pfn, lay):
    """(head pfn, order) of the free buddy block @pfn is in, or None."""
    for order in range(lay["max_order"] + 1):
        head = pfn & ~((1 << order) - 1)
        if not pfn_valid(head, lay):
            continue
        page = pfn_to_page(head, lay)
        if has(page, "buddy") and int(page["private"]) >= order:
            if pfn < head + (1 << int(page["private"])):
                return head, int(page["private"])
    return None


def allocated_block_of(pfn, lay):
    """(head pfn, order) of the allocated block @pfn is in, or None."""
    for order in range(lay["max_order"] + 1):
        head = pfn & ~((1 << order) - 1)
        if not pfn_valid(head, lay):
            continue
        page = pfn_to_page(head, lay)
        if has(page, "allocated") and pfn < head + (1 << int(page["private"])):
            return head, int(page["private"])
    return None


def memblock_region_of(type_name, phys):
    t = value("memblock")[type_name]
    for i in range(int(t["cnt"])):
        r = t["regions"][i]
        base, size = int(r["base"]), int(r["size"])
        if base <= phys < base + size:
            return base, size
    return None
