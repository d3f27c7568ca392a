# The mm commands (`help mm` lists them) and their Linux names (lx-slabinfo, ...).
import gdb

from .command import MmCommand, Mm
from .describe import *
from .kernel import *
from .owner import page_owner_lines, page_owner_report
from .pages import *
from .pgtable import pgtable_lines

class BuddyInfo(MmCommand):
    """mm-buddyinfo: free blocks per zone and order, as /proc/buddyinfo (show_buddyinfo()).

Needs the page allocator (after mem_init())."""
    name, usage = "mm-buddyinfo", "mm-buddyinfo"

    def run(self):
        need_page_allocator()
        lay = layout()
        lines = []
        for zone in zones():
            if int(zone["managed_pages"]) == 0:
                continue
            counts = "".join("%6d " % int(zone["free_area"][o]["nr_free"])
                             for o in range(lay["max_order"] + 1))
            lines.append("Node 0, zone %8s %s" % (zone["name"].string(), counts))
        return lines


class VmallocInfo(MmCommand):
    """mm-vmallocinfo: the live vmalloc areas, as /proc/vmallocinfo (show_vmallocinfo()).

Needs vmalloc (after vmalloc_init())."""
    name, usage = "mm-vmallocinfo", "mm-vmallocinfo"

    def run(self):
        need_vmalloc()
        lines = []
        for va in vmap_areas():
            vm = va["vm"]
            kind = "vmalloc" if int(vm["flags"]) & 0x2 else "vmap"
            lines.append("0x%016x-0x%016x %8d %s pages=%d %s" %
                         (int(va["va_start"]), int(va["va_end"]), int(vm["size"]),
                          symbol(to_int(vm["caller"])), int(vm["nr_pages"]), kind))
        if not lines:
            lines.append("(no vmalloc or vmap area is live)")
        return lines


class PgTable(MmCommand):
    """mm-pgtable ADDR: walk the kernel page table (init_pg_dir) for ADDR, level by level.

ADDR is any expression: mm-pgtable start_kernel, mm-pgtable &memblock, mm-pgtable p + 4096.
Each level's entry, then the mapping (size, permissions, physical address) or where the
walk stops. Needs paging_init(). Also called mm-pte."""
    name, usage, takes_expression = "mm-pgtable", "mm-pgtable ADDR", True

    def run(self, arg):
        _, va = address_arg(arg, self.usage)
        return pgtable_lines(va)


class SlabInfo(MmCommand):
    """mm-slabinfo [CACHE]: the slab caches, as /proc/slabinfo (version 2.1); with a
cache's name, that cache in detail: its layout, slab order and colouring, its slabs
(partial, full, free) and each CPU's array. Needs kmem_cache_init(). Also lx-slabinfo."""
    name, usage, max_args = "mm-slabinfo", "mm-slabinfo [CACHE]", 1

    def run(self, name=None):
        if name is not None:
            return self.detail(find_cache(name))
        lines = ["slabinfo - version: 2.1",
                 "# name            <active_objs> <num_objs> <objsize> <objperslab> "
                 "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata "
                 "<active_slabs> <num_slabs> <sharedavail>"]
        for s in slab_caches():
            slabs, free = int(s["nr_slabs"]), int(s["nr_free_slabs"])
            lines.append("%-17s %6d %6d %6d %4d %4d : tunables %4d %4d %4d : slabdata %6d %6d "
                         "%6d" % (s["name"].string(), int(s["nr_active"]),
                                  slabs * int(s["objects"]), int(s["size"]), int(s["objects"]),
                                  1 << int(s["order"]), int(s["array_limit"]),
                                  int(s["array_batch"]), 0, slabs - free, slabs, 0))
        return lines

    def detail(self, s):
        flags = int(s["flags"])
        names = [n for bit, n in SLAB_FLAG_NAMES if flags & bit] or ["none"]
        counts = {l: sum(1 for _ in list_entries(s[l], "struct page", "lru"))
                  for l in ("slabs_partial", "slabs_full", "slabs_free")}
        lines = ["cache %s at 0x%x" % (s["name"].string(), to_int(s.address)),
                 "  object size %d, stride %d, align %d, left red zone %d, free pointer at "
                 "+%d" % (int(s["object_size"]), int(s["size"]), int(s["align"]),
                          int(s["red_left"]), int(s["free_offset"])),
                 "  flags: %s" % "|".join(names),
                 "  slabs of %d page(s) (order %d), %d objects each; colour: %d offsets %d "
                 "bytes apart, next %d" % (1 << int(s["order"]), int(s["order"]),
                                           int(s["objects"]), int(s["colour_count"]),
                                           int(s["colour_step"]), int(s["colour_next"])),
                 "  slabs: %d partial, %d full, %d free (%d in all); objects in use: %d" %
                 (counts["slabs_partial"], counts["slabs_full"], counts["slabs_free"],
                  int(s["nr_slabs"]), int(s["nr_active"]))]
        lines.extend("  " + l for l in cpu_array_lines(s))
        return lines


def cpu_array_lines(s):
    small = (1 << 32) - 1  # SLAB_CPU_ARRAY_SMALL
    online = int(value("__cpu_online_mask"))
    lines = []
    lo, hi = s["cpu_array"].type.range()
    for cpu in range(lo, hi + 1):
        if to_int(s["cpu_array"][cpu]) == 0:
            continue
        ac = s["cpu_array"][cpu].dereference()
        objects, limit = array_slots(ac, "top"), array_slots(ac, "end")
        if not online >> cpu & 1 and objects == 0:
            continue
        order = int(ac["order"])
        kind = "small" if order == small else "grown, %d page(s)" % (1 << order)
        newest = ", ".join("0x%x" % to_int(ac["entry"][i])
                           for i in range(objects - 1, max(objects - 4, 0) - 1, -1))
        lines.append("CPU%d: %d of %d objects (%s)%s" %
                     (cpu, objects, limit, kind, ": " + newest if newest else ""))
    return lines


class SlabArrays(MmCommand):
    """mm-slab-arrays CACHE: each CPU's array of free objects of the cache called CACHE,
newest first (the next ones kmem_cache_alloc() hands out on that CPU)."""
    name, usage, min_args, max_args = "mm-slab-arrays", "mm-slab-arrays CACHE", 1, 1

    def run(self, name):
        return cpu_array_lines(find_cache(name))


class SlabTrace(MmCommand):
    """mm-slabtrace CACHE: the allocated objects of CACHE grouped by the function that
allocated them, most objects first (as Linux's lx-slabtrace). Needs the cache to record
callers: SLAB_STORE_USER, or boot with slub_debug. Also lx-slabtrace."""
    name, usage, min_args, max_args = "mm-slabtrace", "mm-slabtrace CACHE", 1, 1

    def run(self, name):
        s = find_cache(name)
        if not int(s["flags"]) & 0x10000:
            raise MmError("cache %s does not record callers: create it with SLAB_STORE_USER "
                          "or boot with slub_debug" % name)
        free = set()
        for cpu in range(s["cpu_array"].type.range()[1] + 1):
            ac = s["cpu_array"][cpu]
            if to_int(ac):
                free.update(to_int(ac["entry"][i]) for i in range(array_slots(ac, "top")))
        by_caller = {}
        for lst in ("slabs_partial", "slabs_full"):
            for slab in list_entries(s[lst], "struct page", "lru"):
                p, steps = to_int(slab["freelist"]), 0
                while p and steps <= int(slab["objects"]):
                    free.add(p)
                    p = read_ulong(p + int(s["free_offset"]))
                    steps += 1
                base = to_int(slab["s_mem"])
                for i in range(int(slab["objects"])):
                    obj = base + i * int(s["size"])
                    if obj in free:
                        continue
                    caller = read_ulong(obj + int(s["track_offset"]))
                    by_caller[caller] = by_caller.get(caller, 0) + 1
        if not by_caller:
            return ["cache %s has no allocated objects" % name]
        return ["%7d %s" % (n, symbol(c) if c else "(no caller recorded)")
                for c, n in sorted(by_caller.items(), key=lambda kv: (-kv[1], kv[0]))]


class MemInfo(MmCommand):
    """mm-meminfo: memory totals, as /proc/meminfo (show_meminfo()). Needs mem_init().
Also lx-meminfo."""
    name, usage = "mm-meminfo", "mm-meminfo"

    def run(self):
        need_page_allocator()
        lay = layout()
        kb = lay["page_shift"] - 10
        stats = value("mm_stats")

        def stat(name):
            v = int(stats[int(value(name))])
            return v if v > 0 else 0
        zs = zones()
        free = sum(int(z["free_pages"]) for z in zs)
        total = sum(int(z["managed_pages"]) for z in zs)
        pcp = sum(int(z["pcp"][c]["count"]) for z in zs for c in range(lay["nr_cpus"]))
        reserve = sum(int(z["_watermark"][2]) for z in zs)
        low = sum(int(z["_watermark"][1]) for z in zs)
        recl, unrecl = stat("NR_SLAB_RECLAIMABLE"), stat("NR_SLAB_UNRECLAIMABLE")
        avail = free + pcp
        avail = avail - reserve if avail > reserve else 0
        avail = avail + recl - min(recl // 2, low)
        rows = [("MemTotal:", total), ("MemFree:", free), ("MemAvailable:", avail),
                ("Buffers:", 0), ("Cached:", 0), ("Slab:", recl + unrecl),
                ("SReclaimable:", recl), ("SUnreclaim:", unrecl),
                ("PageTables:", stat("NR_PAGETABLE"))]
        lines = ["%-16s%8d kB" % (label, pages << kb) for label, pages in rows]
        lines.append("%-16s%8d kB" % ("VmallocTotal:", int(value("vmalloc_total_bytes")) >> 10))
        lines.append("%-16s%8d kB" % ("VmallocUsed:", stat("NR_VMALLOC") << kb))
        return lines


class ZoneInfo(MmCommand):
    """mm-zoneinfo: each populated zone: its pfn span, page counts, watermarks, free pages
by order, and each CPU's per-CPU list (count, high, batch). Needs mem_init()."""
    name, usage = "mm-zoneinfo", "mm-zoneinfo"

    def run(self):
        need_page_allocator()
        lay = layout()
        online = int(value("__cpu_online_mask"))
        lines = []
        for z in zones():
            if int(z["managed_pages"]) == 0:
                continue
            wm = z["_watermark"]
            lines += ["Node 0, zone %8s" % z["name"].string(),
                      "  pages free     %d" % int(z["free_pages"]),
                      "        min      %d" % int(wm[0]),
                      "        low      %d" % int(wm[1]),
                      "        high     %d" % int(wm[2]),
                      "        spanned  %d" % int(z["spanned_pages"]),
                      "        present  %d" % int(z["present_pages"]),
                      "        managed  %d" % int(z["managed_pages"]),
                      "  start_pfn:     %#x" % int(z["zone_start_pfn"]),
                      "  free blocks by order: " + " ".join(
                          str(int(z["free_area"][o]["nr_free"]))
                          for o in range(lay["max_order"] + 1)),
                      "  pagesets"]
            for cpu in range(lay["nr_cpus"]):
                p = z["pcp"][cpu]
                if not online >> cpu & 1 and int(p["count"]) == 0:
                    continue
                lines.append("    cpu: %d count: %d high: %d batch: %d" %
                             (cpu, int(p["count"]), int(p["high"]), int(p["batch"])))
        return lines


class MemBlock(MmCommand):
    """mm-memblock: the boot memory map (memory and reserved ranges), as memblock_dump()."""
    name, usage = "mm-memblock", "mm-memblock"

    def run(self):
        mb = value("memblock")
        if int(mb["memory"]["cnt"]) == 0:
            raise MmError("memblock is empty: setup_memory() has not run")
        lines = []
        for t in ("memory", "reserved"):
            typ = mb[t]
            lines.append(" %s.cnt  = %#x" % (t, int(typ["cnt"])))
            for i in range(int(typ["cnt"])):
                r = typ["regions"][i]
                base, size = int(r["base"]), int(r["size"])
                lines.append(" %s[%#x]\t[%#018x-%#018x], %#x bytes" %
                             (t, i, base, base + size - 1, size))
        return lines


class Page(MmCommand):
    """mm-page PFN|ADDR|PAGE: dump_page()'s lines for a page, in gdb: given its frame number,
any direct-map address in it, or its struct page (pointer or vmemmap address).
"""
    name, usage, takes_expression = "mm-page", "mm-page PFN|ADDR|PAGE", True

    def run(self, arg):
        page, lay = page_arg(arg, self.usage)
        return dump_page_lines(page, lay)


class PageOwner(MmCommand):
    """mm-page-owner [PFN|ADDR|PAGE | since SEQ [MAX]]: page_owner=on's records
(mm/page_owner.c). Without an argument, every allocated block grouped by allocating stack,
the most pages first, as show_page_owner() prints it; with "since SEQ [MAX]", the blocks
allocated at or after sequence number SEQ, at most MAX groups (show_page_owner_since());
with a page (as mm-page takes it), its record as dump_page() prints it."""
    name, takes_expression = "mm-page-owner", True
    usage = "mm-page-owner [PFN|ADDR|PAGE | since SEQ [MAX]]"

    def run(self, arg):
        args = gdb.string_to_argv(arg)
        if not args:
            need_page_allocator()
            return page_owner_report(layout())
        if args[0] == "since":
            if not 2 <= len(args) <= 3:
                raise MmError("usage: " + self.usage)
            need_page_allocator()
            return page_owner_report(layout(), to_int(value(args[1])),
                                     to_int(value(args[2])) if len(args) == 3 else 0)
        page, lay = page_arg(arg, self.usage)
        return page_owner_lines(page, lay)


class Convert(MmCommand):
    """Linux's address conversions, printed as its scripts/gdb print them."""
    takes_expression = True

    def run(self, arg):
        lay = layout()
        _, n = address_arg(arg, self.usage)
        phys = (n - lay["direct_map_offset"]) & ((1 << 64) - 1)
        if self.function == "pfn_to_page":
            pfn = n
        elif self.function.startswith("page_"):
            if not lay["vmemmap_start"] <= n < lay["vmemmap_end"]:
                raise MmError("%#x is not a struct page: not in vmemmap [%#x-%#x)" %
                              (n, lay["vmemmap_start"], lay["vmemmap_end"]))
            pfn = page_to_pfn(n, lay)
        else:
            pfn = phys >> lay["page_shift"]
        if not pfn_valid(pfn, lay):
            raise MmError("pfn %#x is not RAM (no struct page in use there)" % pfn)
        page_addr = lay["vmemmap_start"] + pfn * page_type().sizeof
        direct = (pfn << lay["page_shift"]) + lay["direct_map_offset"]
        result = {"pfn_to_page": page_addr, "page_to_pfn": pfn, "page_address": direct,
                  "virt_to_page": page_addr,
                  "virt_to_phys": phys}
        return ["%s(0x%x) = 0x%x" % (self.function, n, result[self.function])]


class PfnToPage(Convert):
    """lx-pfn_to_page PFN: the struct page of a page frame number."""
    name, usage, function = "lx-pfn_to_page", "lx-pfn_to_page PFN", "pfn_to_page"


class PageToPfn(Convert):
    """lx-page_to_pfn PAGE: the page frame number of a struct page."""
    name, usage, function = "lx-page_to_pfn", "lx-page_to_pfn PAGE", "page_to_pfn"


class PageAddress(Convert):
    """lx-page_address PAGE: the direct-map address of a struct page's memory."""
    name, usage, function = "lx-page_address", "lx-page_address PAGE", "page_address"


class VirtToPage(Convert):
    """lx-virt_to_page ADDR: the struct page of a direct-map address."""
    name, usage, function = "lx-virt_to_page", "lx-virt_to_page ADDR", "virt_to_page"


class VirtToPhys(Convert):
    """lx-virt_to_phys ADDR: the physical address of a direct-map address."""
    name, usage, function = "lx-virt_to_phys", "lx-virt_to_phys ADDR", "virt_to_phys"


class Addr(MmCommand):
    """mm-addr ADDR: what an address is. ADDR is any expression (p, &x, p + 8, 0x80200000).
For the direct map and vmemmap: the page (pfn, zone, flags, private) and its owner: a
free buddy block (order, head), a per-CPU list, a slab object (cache, index, allocated
or free, offset, red zones, the callers recorded with SLAB_STORE_USER), a large kmalloc
block, a page-table page, memblock-reserved memory. For vmalloc: the
area and its caller, the page behind the address, or the guard page. For the kernel
image: the symbol and section."""
    name, usage, takes_expression = "mm-addr", "mm-addr ADDR", True

    def run(self, arg):
        _, addr = address_arg(arg, self.usage)
        return describe(addr)


Mm()
for cls in (Addr, Page, PageOwner, MemInfo, ZoneInfo, BuddyInfo, SlabInfo, SlabArrays, SlabTrace,
            VmallocInfo, PgTable, MemBlock, PfnToPage, PageToPfn, PageAddress, VirtToPage,
            VirtToPhys):
    cls()
# The names Linux's scripts/gdb gives the same information, and this tree's older names.
for alias, cls in (("lx-slabinfo", SlabInfo), ("lx-vmallocinfo", VmallocInfo),
                   ("lx-meminfo", MemInfo),
                   ("lx-slabtrace", SlabTrace), ("mm-pte", PgTable)):
    type(cls.__name__ + "Alias", (cls,), {"__doc__": cls.__doc__})(alias)
