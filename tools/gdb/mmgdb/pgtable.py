# The kernel page table: how the port encodes entries, the walk of one address, and the
# set of page-table pages (for mm-addr).
import gdb

from .kernel import *

def pte_format():
    """How the port encodes page-table entries: valid, leaf (at a level), permissions, address."""
    arch = gdb.selected_inferior().architecture().name()
    if gdb.lookup_global_symbol("host_ram_va") is not None:
        # the host build's software page table (arch/host/include/asm/pgtable.h)
        return {"valid": lambda e: e & 0x1, "leaf": lambda e, level: e & 0xe or level == 0,
                "perms": lambda e: "".join(c if e & b else "-" for c, b in zip("rwx", (2, 4, 8))),
                "phys": lambda e: (e >> 12 & ((1 << 40) - 1)) << 12}
    if "riscv" in arch:  # Sv39 (arch/riscv/include/asm/pgtable.h)
        return {"valid": lambda e: e & 0x1, "leaf": lambda e, level: e & 0xe or level == 0,
                "perms": lambda e: "".join(c if e & b else "-" for c, b in zip("rwx", (2, 4, 8))),
                "phys": lambda e: ((e >> 10) & ((1 << 44) - 1)) << 12}
    if "aarch64" in arch:  # VMSAv8-64 descriptors (arch/arm64/include/asm/pgtable.h)
        # bits 1:0 = 01 a block above level 0; 11 a page at level 0, a table above it.
        # AP[2] (bit 7) makes it read-only, PXN (bit 53) not executable. The address is
        # bits 47:PAGE_SHIFT (4 KiB or 64 KiB granule: mm_layout's page_shift).
        addr_mask = ((1 << 48) - 1) & ~((1 << layout()["page_shift"]) - 1)
        return {"valid": lambda e: e & 0x1, "leaf": lambda e, level: level == 0 or e & 3 == 1,
                "perms": lambda e: "r" + ("-" if e >> 7 & 1 else "w") + ("-" if e >> 53 & 1 else "x"),
                "phys": lambda e: e & addr_mask}
    raise MmError("no decoder for %s page-table entries in tools/gdb/mmgdb/pgtable.py yet" % arch)


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
        if not fmt["valid"](entry):
            lines.append("  not mapped")
            return lines
        if fmt["leaf"](entry, level):
            perms = fmt["perms"](entry)
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
            if fmt["valid"](e) and not fmt["leaf"](e, level):
                todo.append((fmt["phys"](e) + lay["direct_map_offset"], level - 1))
    return found
