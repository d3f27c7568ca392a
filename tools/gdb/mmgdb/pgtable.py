# The kernel page table: how the port encodes entries, the walk of one address, and the
# set of page-table pages (for mm-addr).
import gdb

from .kernel import *

def pte_format():
    """How the port encodes page-table entries (valid, leaf and permission bits)."""
    arch = gdb.selected_inferior().architecture().name()
    if gdb.lookup_global_symbol("host_ram_va") is not None:
        # the host build's software page table (arch/host/include/asm/pgtable.h)
        return {"valid": 0x1, "leaf": 0xe, "r": 0x2, "w": 0x4, "x": 0x8,
                "phys": lambda e: (e >> 12 & ((1 << 40) - 1)) << 12}
    if "riscv" in arch:  # Sv39 (arch/riscv/include/asm/pgtable.h)
        return {"valid": 0x1, "leaf": 0xe, "r": 0x2, "w": 0x4, "x": 0x8,
                "phys": lambda e: ((e >> 10) & ((1 << 44) - 1)) << 12}
    raise MmError("no decoder for %s page-table entries in tools/gdb/mm.py yet" % arch)


def pgtable_lines(va):
    lay = layout()
    root = to_int(value("init_pg_dir"))
    if root == 0:
        raise MmError("paging_init() has not run: no kernel page table yet")
    fmt = pte_format()
    bits = lay["ptrs_per_table"].bit_length() - 1
    table = root
    lines = []
    for level in range(lay["pgtable_levels"] - 1, -1, -1):
        shift = lay["page_shift"] + bits * level
        index = (va >> shift) & (lay["ptrs_per_table"] - 1)
        entry = read_ulong(table + index * 8)
        lines.append("level %d [%3d] @0x%x: 0x%016x" % (level, index, table + index * 8, entry))
        if not entry & fmt["valid"]:
            lines.append("  not mapped")
            return lines
        if entry & fmt["leaf"] or level == 0:
            perms = "".join(c if entry & fmt[c] else "-" for c in "rwx")
            size = 1 << shift
            pa = fmt["phys"](entry) + (va & (size - 1))
            lines.append("  %dK leaf, %s: 0x%x -> physical 0x%x" % (size >> 10, perms, va, pa))
            return lines
        table = fmt["phys"](entry) + lay["direct_map_offset"]
    return lines


def table_pfns(lay):
    """The pfns of every page-table page of init_pg_dir (the walk follows table entries)."""
    root = to_int(value("init_pg_dir"))
    if root == 0:
        return set()
    fmt = pte_format()
    found = set()
    todo = [(root, lay["pgtable_levels"] - 1)]
    while todo:
        table, level = todo.pop()
        found.add((table - lay["direct_map_offset"]) >> lay["page_shift"])
        if level == 0:
            continue
        raw = read_bytes(table, 8 * lay["ptrs_per_table"])
        for i in range(lay["ptrs_per_table"]):
            e = int.from_bytes(raw[8 * i:8 * i + 8], "little")
            if e & fmt["valid"] and not e & fmt["leaf"]:
                todo.append((fmt["phys"](e) + lay["direct_map_offset"], level - 1))
    return found
