# mm-addr's answer: what an address is (a page and its owner, a slab object, a vmalloc
# area, the kernel image), and the page a PFN, address or struct page argument names.
import gdb

from .kernel import *
from .pages import *
from .pgtable import table_pfns

def describe_slab_object(s, slab, addr, lines):
    """Which object of slab @slab (first page) of cache @s @addr is in, and its state."""
    size, red_left = int(s["size"]), int(s["red_left"])
    first = to_int(slab["s_mem"]) - red_left  # s_mem is the first object, after its red zone
    objects = int(slab["objects"])
    if addr < first or addr >= first + objects * size:
        lines.append("  in slab %#x of cache %s, outside its objects (colour or tail)" %
                     (first, s["name"].string()))
        return
    index = (addr - first) // size
    stride = first + index * size
    obj = stride + red_left
    free = set()
    p, steps = to_int(slab["freelist"]), 0
    while p and steps <= objects:
        free.add(p)
        p = read_ulong(p + int(s["free_offset"]))
        steps += 1
    in_array = None
    for cpu in range(s["cpu_array"].type.range()[1] + 1):
        ac = s["cpu_array"][cpu]
        if to_int(ac) == 0:
            continue
        held = array_slots(ac, "top")
        if held and obj in {to_int(ac["entry"][i]) for i in range(held)}:
            in_array = cpu
    state = ("free (on the slab's freelist)" if obj in free else
             "free (in CPU%d's array)" % in_array if in_array is not None else "allocated")
    where = addr - obj
    lines.append("  slab object %d of %d of cache %s (object size %d, stride %d) at %#x: %s" %
                 (index, objects, s["name"].string(), int(s["object_size"]), size, obj, state))
    if 0 <= where < int(s["object_size"]):
        lines.append("  %#x is %d bytes inside the object" % (addr, where))
    else:
        lines.append("  %#x is %d bytes from the object's start: in its metadata" %
                     (addr, where))
    flags = int(s["flags"])
    if flags & 0x400 and red_left:
        want = SLUB_RED_INACTIVE if state.startswith("free") else SLUB_RED_ACTIVE
        left = read_bytes(stride, red_left)
        right_start = obj + int(s["object_size"])
        right = read_bytes(right_start, int(s["inuse"]) - int(s["object_size"]))
        ok = all(b == want for b in left) and all(b == want for b in right)
        lines.append("  red zones: %s (expected %#x)" % ("intact" if ok else "CORRUPTED", want))
    if flags & 0x10000:
        track = obj + int(s["track_offset"])
        for i, what in enumerate(("Allocated", "Freed")):
            t = track + 16 * i
            caller = read_ulong(t)
            if caller:
                cpu_when = read_ulong(t + 8)
                lines.append("  %s in %s cpu=%d seq=%d" % (what, symbol(caller),
                                                           cpu_when & 0xffffffff,
                                                           cpu_when >> 32))


def describe_page_owner(pfn, addr, lay, lines):
    page = pfn_to_page(pfn, lay)
    lines.extend("  " + l for l in dump_page_lines(page, lay))
    phys = pfn << lay["page_shift"]
    cache = page["slab_cache"]
    no_slab = to_int(value("&no_slab_cache"))
    if to_int(cache) not in (0, no_slab):
        first = page
        while not has(first, "slab"):
            pfn -= 1
            first = pfn_to_page(pfn, lay)
        describe_slab_object(cache.dereference(), first, addr, lines)
        return
    if has(page, "pcp"):
        lines.append("  a free page on CPU%d's per-CPU list" % int(page["private"]))
        return
    block = free_block_of(pfn, lay)
    if block:
        lines.append("  in a free buddy block of order %d, head pfn %#x" % (block[1], block[0]))
        return
    if has(page, "tail") or has(page, "large_kmalloc"):
        head = page["head_page"] if has(page, "tail") else page.address
        hp = head.dereference()
        if has(hp, "large_kmalloc"):
            hpfn = page_to_pfn(to_int(head), lay)
            lines.append("  a large kmalloc block of order %d at %#x (head pfn %#x)" %
                         (int(hp["private"]), (hpfn << lay["page_shift"]) +
                          lay["direct_map_offset"], hpfn))
            return
    block = allocated_block_of(pfn, lay)
    if block:
        kind = "a page-table page of init_pg_dir" if pfn in table_pfns(lay) else \
            "allocated from the page allocator"
        lines.append("  %s: block of order %d, head pfn %#x" % (kind, block[1], block[0]))
        return
    if has(page, "reserved"):
        r = memblock_region_of("reserved", phys)
        if r:
            lines.append("  reserved by memblock: [%#x-%#x]" % (r[0], r[0] + r[1] - 1))
        else:
            lines.append("  reserved (not handed to the page allocator)")
        if pfn in table_pfns(lay):
            lines.append("  a page-table page of init_pg_dir")
        return
    lines.append("  not the first page of any block (the page allocator's own state)")


def vmap_areas():
    offset = int(gdb.parse_and_eval("(unsigned long)&((struct vmap_area *)0)->rb_node"))
    ptr = gdb.lookup_type("struct vmap_area").pointer()
    stack, node = [], value("vmap_busy_root")["rb_node"]
    while stack or int(node) != 0:
        while int(node) != 0:
            stack.append(node)
            node = node["rb_left"]
        node = stack.pop()
        yield gdb.Value(int(node) - offset).cast(ptr).dereference()
        node = node["rb_right"]


def describe_vmalloc(addr, lay, lines):
    need_vmalloc()
    page_size = 1 << lay["page_shift"]
    for va in vmap_areas():
        start, end = int(va["va_start"]), int(va["va_end"])
        if not start <= addr < end:
            continue
        vm = va["vm"]
        what = "vmalloc" if int(vm["flags"]) & 0x2 else "vmap"
        area = "the %s area [%#x-%#x] of %d bytes allocated by %s" % (
            what, start, end, int(vm["size"]), symbol(to_int(vm["caller"])))
        if addr >= end - page_size:
            lines.append("  in the guard page after " + area)
            return
        index = (addr - start) // page_size
        lines.append("  %d bytes inside %s" % (addr - start, area))
        if index < int(vm["nr_pages"]):
            pfn = page_to_pfn(to_int(vm["pages"][index]), lay)
            lines.append("  page %d of the area: pfn %#x" % (index, pfn))
            describe_page_owner(pfn, addr, lay, lines)
        return
    lines.append("  in the vmalloc region, in no live area")


def image_symbol(addr):
    """'symbol + off in section X' of a kernel image address, from gdb, or None."""
    text = gdb.execute("info symbol %#x" % addr, to_string=True).strip()
    return None if text.startswith("No symbol") else text


def describe(addr):
    lay = layout()
    lines = []
    sym = image_symbol(addr)
    if sym:
        lines.append("%#x: kernel image: %s" % (addr, sym))
    if lay["vmemmap_start"] <= addr < lay["vmemmap_end"]:
        pfn = page_to_pfn(addr, lay)
        lines.append("%#x: the struct page of pfn %#x (+%d)" %
                     (addr, pfn, (addr - lay["vmemmap_start"]) % page_type().sizeof))
        if pfn_valid(pfn, lay):
            need_page_allocator()
            describe_page_owner(pfn, (pfn << lay["page_shift"]) + lay["direct_map_offset"],
                                lay, lines)
        else:
            lines.append("  pfn %#x is not RAM: no struct page is in use there" % pfn)
        return lines
    if lay["vmalloc_start"] <= addr < lay["vmalloc_end"]:
        lines.append("%#x: vmalloc address" % addr)
        describe_vmalloc(addr, lay, lines)
        return lines
    phys = (addr - lay["direct_map_offset"]) & ((1 << 64) - 1)
    pfn = phys >> lay["page_shift"]
    if pfn_valid(pfn, lay):
        need_page_allocator()
        lines.append("%#x: direct map, physical %#x, pfn %#x" % (addr, phys, pfn))
        describe_page_owner(pfn, addr, lay, lines)
        return lines
    if not lines:
        lines.append("%#x: not RAM, not vmalloc, not vmemmap, not in the kernel image" % addr)
    return lines


def page_arg(arg, usage):
    """A struct page from a PFN, an address, or a struct page pointer."""
    lay = layout()
    v, n = address_arg(arg, usage)
    t = v.type.strip_typedefs()
    if t.code == gdb.TYPE_CODE_PTR and t.target().strip_typedefs().tag == "page":
        if not lay["vmemmap_start"] <= n < lay["vmemmap_end"]:
            raise MmError("%#x is not a struct page: not in vmemmap [%#x-%#x)" %
                          (n, lay["vmemmap_start"], lay["vmemmap_end"]))
        return v.dereference(), lay
    if lay["vmemmap_start"] <= n < lay["vmemmap_end"]:
        pfn = page_to_pfn(n, lay)
    elif lay["vmalloc_start"] <= n < lay["vmalloc_end"]:
        raise MmError("%#x is a vmalloc address: mm-addr finds the page behind it" % n)
    elif pfn_valid(((n - lay["direct_map_offset"]) & ((1 << 64) - 1)) >> lay["page_shift"],
                   lay):
        pfn = ((n - lay["direct_map_offset"]) & ((1 << 64) - 1)) >> lay["page_shift"]
    else:
        pfn = n
    if not pfn_valid(pfn, lay):
        raise MmError("%#x is neither a valid pfn nor an address of RAM or of a struct page" % n)
    return pfn_to_page(pfn, lay), lay
