# gdb commands that read the allocators' state out of a stopped kernel, in the formats the
# kernel prints itself (docs/debugging.md). They only read memory: safe at any breakpoint.
#   mm-buddyinfo        free blocks per zone and order, as /proc/buddyinfo
#   mm-vmallocinfo      the live vmalloc areas, as /proc/vmallocinfo
#   mm-pte ADDR         the kernel page-table walk for ADDR, level by level
#   mm-slabinfo         the slab caches, as /proc/slabinfo
#   mm-slab-arrays NAME each CPU's array of free objects of the cache called NAME
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


def decode_sv39(entry, level):
    """(valid, leaf, pfn, "rwx") of an Sv39 entry (the host's software format is the same)."""
    perms = "".join(c if entry & bit else "-" for c, bit in (("r", 0x2), ("w", 0x4), ("x", 0x8)))
    return entry & 0x1, bool(entry & 0xe) or level == 0, (entry >> 10) & ((1 << 44) - 1), perms


def decode_host(entry, level):
    valid, leaf, _, perms = decode_sv39(entry, level)
    return valid, leaf, entry >> 12, perms


def decode_arm64(entry, level):
    """AArch64 4K-granule descriptor: block (01) above level 0, page (11) at it; AP[2], PXN."""
    perms = "r" + ("-" if entry & (1 << 7) else "w") + ("-" if entry & (1 << 53) else "x")
    leaf = level == 0 or entry & 3 == 1
    return entry & 0x1, leaf, (entry & 0x0000fffffffff000) >> 12, perms


def pgtable_format():
    """(levels, entry decoder) of the port's page tables."""
    arch = gdb.selected_inferior().architecture().name()
    if "riscv" in arch:
        return 3, decode_sv39
    if "aarch64" in arch:
        return 3, decode_arm64
    return 4, decode_host


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
        levels, decode = pgtable_format()
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
            valid, leaf, pfn, perms = decode(entry, level)
            if not valid:
                print("  not mapped")
                return
            if leaf:
                pa = (pfn << 12) + (va & ((size_kb << 10) - 1))
                print("  %dK leaf, %s: 0x%x -> physical 0x%x" % (size_kb, perms, va, pa))
                return
            table = (pfn << 12) + direct


def slab_caches():
    """Every struct kmem_cache on the slab_caches list, in its order."""
    cache_type = gdb.lookup_type("struct kmem_cache")
    offset = int(gdb.parse_and_eval("&((struct kmem_cache *)0)->list"))
    head = gdb.parse_and_eval("&slab_caches")
    node = head["next"]
    while int(node) != int(head):
        yield gdb.Value(int(node) - offset).cast(cache_type.pointer()).dereference()
        node = node["next"]


class SlabInfo(gdb.Command):
    """Print the slab caches, as /proc/slabinfo (version 2.1)."""

    def __init__(self):
        super().__init__("mm-slabinfo", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        print("slabinfo - version: 2.1")
        print("# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
              " : tunables <limit> <batchcount> <sharedfactor>"
              " : slabdata <active_slabs> <num_slabs> <sharedavail>")
        for s in slab_caches():
            slabs, free = int(s["nr_slabs"]), int(s["nr_free_slabs"])
            print("%-17s %6d %6d %6d %4d %4d : tunables %4d %4d %4d : slabdata %6d %6d %6d" %
                  (s["name"].string(), int(s["nr_active"]), slabs * int(s["objects"]),
                   int(s["size"]), int(s["objects"]), 1 << int(s["order"]),
                   int(s["array_limit"]), int(s["array_batch"]), 0, slabs - free, slabs, 0))


class SlabArrays(gdb.Command):
    """mm-slab-arrays NAME: each CPU's array of free objects of cache NAME, newest first."""

    def __init__(self):
        super().__init__("mm-slab-arrays", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        name = arg.strip()
        for s in slab_caches():
            if s["name"].string() == name:
                break
        else:
            print("no slab cache called %r" % name)
            return
        small = (1 << 32) - 1  # SLAB_CPU_ARRAY_SMALL
        online = int(gdb.parse_and_eval("__cpu_online_mask"))
        lo, hi = s["cpu_array"].type.range()
        for cpu in range(lo, hi + 1):
            ac = s["cpu_array"][cpu].dereference()
            objects, limit = int(ac["avail"]) // 8, int(ac["limit"]) // 8
            if not online >> cpu & 1 and objects == 0:
                continue
            order = int(ac["order"])
            kind = "small" if order == small else "grown, %d page(s)" % (1 << order)
            newest = ", ".join("0x%x" % int(ac["entry"][i])
                               for i in range(objects - 1, max(objects - 4, 0) - 1, -1))
            print("CPU%d: %d of %d objects (%s)%s" %
                  (cpu, objects, limit, kind, ": " + newest if newest else ""))


BuddyInfo()
VmallocInfo()
Pte()
SlabInfo()
SlabArrays()
