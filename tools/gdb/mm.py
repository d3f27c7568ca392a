# gdb commands that read the allocators' state out of a stopped kernel, in the formats the
# kernel prints itself (docs/debugging.md). They only read memory: safe at any breakpoint.
#   mm-buddyinfo        free blocks per zone and order, as /proc/buddyinfo
#   mm-vmallocinfo      the live vmalloc areas, as /proc/vmallocinfo
#   mm-pte ADDR         the kernel page-table walk for ADDR, level by level
import gdb

MAX_ORDER = 10


def zones():
    node_zones = gdb.parse_and_eval("node_zones")
    lo, hi = node_zones.type.range()
    for z in range(lo, hi + 1):
        yield node_zones[z]


class BuddyInfo(gdb.Command):
    """Print free blocks per zone and order, as /proc/buddyinfo."""

    def __init__(self):
        super().__init__("mm-buddyinfo", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        for zone in zones():
            if int(zone["managed_pages"]) == 0:
                continue
            counts = "".join("%7d" % int(zone["free_area"][o]["nr_free"])
                             for o in range(MAX_ORDER + 1))
            print("Node 0, zone %8s%s" % (zone["name"].string(), counts))


def rb_inorder(node):
    """The nodes of a red-black (sub)tree in order, without recursion."""
    stack = []
    while stack or int(node) != 0:
        while int(node) != 0:
            stack.append(node)
            node = node["rb_left"]
        node = stack.pop()
        yield node
        node = node["rb_right"]


class VmallocInfo(gdb.Command):
    """Print the live vmalloc areas, as /proc/vmallocinfo."""

    def __init__(self):
        super().__init__("mm-vmallocinfo", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        area_type = gdb.lookup_type("struct vmap_area")
        offset = int(gdb.parse_and_eval("&((struct vmap_area *)0)->rb_node"))
        root = gdb.parse_and_eval("vmap_busy_root")["rb_node"]
        for node in rb_inorder(root):
            va = gdb.Value(int(node) - offset).cast(area_type.pointer()).dereference()
            vm = va["vm"]
            kind = "vmalloc" if int(vm["flags"]) & 0x2 else "vmap"
            print("0x%016x-0x%016x %8d 0x%x pages=%d %s" %
                  (int(va["va_start"]), int(va["va_end"]), int(vm["size"]),
                   int(vm["caller"]), int(vm["nr_pages"]), kind))


def pgtable_format():
    """(levels, pfn shift, valid bit, leaf bits, R, W, X) of the port's page tables."""
    arch = gdb.selected_inferior().architecture().name()
    if "riscv" in arch:
        return 3, 10, 0x1, 0xe, 0x2, 0x4, 0x8   # Sv39
    return 4, 12, 0x1, 0xe, 0x2, 0x4, 0x8       # the host's software format


def direct_map_offset():
    """Virtual minus physical address in the direct map: 0 on riscv (the identity)."""
    try:
        return int(gdb.parse_and_eval("host_ram_va")) - int(gdb.parse_and_eval("host_ram_pa"))
    except gdb.error:
        return 0


class Pte(gdb.Command):
    """mm-pte ADDR: walk the kernel page table (init_pg_dir) for ADDR."""

    def __init__(self):
        super().__init__("mm-pte", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        va = int(gdb.parse_and_eval(arg).cast(gdb.lookup_type("unsigned long")))
        levels, pfn_shift, valid, leaf, r, w, x = pgtable_format()
        table = int(gdb.parse_and_eval("(unsigned long)init_pg_dir"))
        if table == 0:
            print("paging_init() has not run: no kernel page table yet")
            return
        direct = direct_map_offset()
        inferior = gdb.selected_inferior()
        for level in range(levels - 1, -1, -1):
            index = (va >> (12 + 9 * level)) & 511
            raw = inferior.read_memory(table + index * 8, 8).tobytes()
            entry = int.from_bytes(raw, "little")
            size_kb = 4 << (9 * level)
            print("level %d [%3d] @0x%x: 0x%016x" % (level, index, table + index * 8, entry))
            if not entry & valid:
                print("  not mapped")
                return
            pfn = entry >> pfn_shift
            if entry & leaf or level == 0:
                perms = "".join(c if entry & bit else "-" for c, bit in (("r", r), ("w", w), ("x", x)))
                pa = (pfn << 12) + (va & ((size_kb << 10) - 1))
                print("  %dK leaf, %s: 0x%x -> physical 0x%x" % (size_kb, perms, va, pa))
                return
            table = (pfn << 12) + direct


BuddyInfo()
VmallocInfo()
Pte()
