# Reading the stopped kernel for the mm commands: values and memory, the layout
# (mm_layout), what is up yet, the kernel's lists, and callers named as %pS names them.
import gdb

SLAB_FLAG_NAMES = [(0x00000100, "CONSISTENCY_CHECKS"), (0x00000400, "RED_ZONE"),
                   (0x00000800, "POISON"), (0x00002000, "HWCACHE_ALIGN"),
                   (0x00010000, "STORE_USER")]
SLUB_RED_INACTIVE, SLUB_RED_ACTIVE = 0xbb, 0xcc


_page_flags = []


def page_flags():
    """The names of the PG_* bits, in bit order, from the kernel's enum pageflags."""
    if not _page_flags:
        for f in gdb.lookup_type("enum pageflags").fields():
            if f.name != "NR_PAGEFLAGS":
                _page_flags.append((f.enumval, f.name[3:]))
    return _page_flags


class MmError(Exception):
    """A message for the user: the command's data is not there, or its argument is wrong."""


def ulong():
    return gdb.lookup_type("unsigned long")


def value(expr):
    try:
        return gdb.parse_and_eval(expr)
    except gdb.error as e:
        raise MmError("cannot evaluate %r: %s" % (expr, e))


def to_int(v):
    return int(v.cast(ulong())) if v.type.code in (gdb.TYPE_CODE_PTR, gdb.TYPE_CODE_ARRAY) \
        else int(v)


def array_slots(ac, field):
    """Slots of struct array_cache *ac from entry[0] to its pointer @field ("top" or "end")."""
    return (to_int(ac[field]) - to_int(ac["entry"].address)) // 8


def address_arg(arg, usage):
    """An address or expression argument: any C expression gdb can evaluate."""
    if not arg.strip():
        raise MmError("an address is missing: " + usage)
    v = value(arg)
    if v.type.strip_typedefs().code in (gdb.TYPE_CODE_ARRAY, gdb.TYPE_CODE_FUNC):
        v = v.address
    try:
        return v, to_int(v)
    except gdb.error as e:
        raise MmError("%r is not an address: %s" % (arg, e))


def read_ulong(addr):
    return int.from_bytes(gdb.selected_inferior().read_memory(addr, 8).tobytes(), "little")


def read_bytes(addr, n):
    return gdb.selected_inferior().read_memory(addr, n).tobytes()


# ---- What is up yet ---------------------------------------------------------------------

def layout():
    """The kernel's mm_layout, once start_kernel() filled it in."""
    lay = value("mm_layout")
    if int(lay["page_shift"]) == 0:
        raise MmError("the memory layout is not known yet: start_kernel() has not called "
                      "mm_layout_init() (break after setup_memory())")
    return {f.name: int(lay[f.name]) for f in lay.type.fields()}


def zones():
    node_zones = value("node_zones")
    lo, hi = node_zones.type.range()
    return [node_zones[z] for z in range(lo, hi + 1)]


def need_page_allocator():
    if not any(int(z["managed_pages"]) for z in zones()):
        raise MmError("the page allocator is not up yet: mem_init() has not run")


def list_entries(head, type_name, member):
    """The structures of type @type_name linked through @member on the list at @head."""
    ptr = gdb.lookup_type(type_name).pointer()
    offset = int(gdb.parse_and_eval("(unsigned long)&((%s *)0)->%s" % (type_name, member)))
    node = head["next"]
    end = int(head.address)
    count = 0
    while int(node) != end:
        if int(node) == 0:
            return
        yield gdb.Value(int(node) - offset).cast(ptr).dereference()
        node = node["next"]
        count += 1
        if count > 1 << 22:
            raise MmError("list at %#x does not end: corrupted?" % end)


def slab_caches():
    head = value("slab_caches")
    caches = list(list_entries(head, "struct kmem_cache", "list"))
    if not caches:
        raise MmError("the slab allocator is not up yet: kmem_cache_init() has not run")
    return caches


def find_cache(name):
    for s in slab_caches():
        if s["name"].string() == name:
            return s
    raise MmError("no slab cache called %r (mm-slabinfo lists them)" % name)


def need_vmalloc():
    if int(value("vmalloc_total_bytes")) == 0:
        raise MmError("vmalloc is not up yet: vmalloc_init() has not run")


# ---- Symbols, as the kernel's %pS prints them ---------------------------------------------

_kallsyms = {}


def kallsyms():
    """The kernel's own symbol table (addresses, sizes, names), read once per image."""
    key = gdb.current_progspace().filename
    if key not in _kallsyms:
        n = int(value("kallsyms_num_syms"))
        shift = to_int(value("&kallsyms_lookup")) - int(value("kallsyms_anchor"))
        raw = read_bytes(to_int(value("&kallsyms_addresses")), 8 * n)
        addrs = [int.from_bytes(raw[8 * i:8 * i + 8], "little") + shift for i in range(n)]
        raw = read_bytes(to_int(value("&kallsyms_sizes")), 4 * n)
        sizes = [int.from_bytes(raw[4 * i:4 * i + 4], "little") for i in range(n)]
        raw = read_bytes(to_int(value("&kallsyms_name_offsets")), 4 * (n + 1))
        offs = [int.from_bytes(raw[4 * i:4 * i + 4], "little") for i in range(n + 1)]
        names = read_bytes(to_int(value("&kallsyms_names")), offs[n]) if n else b""
        syms = [(addrs[i], sizes[i], names[offs[i]:offs[i + 1] - 1].decode()) for i in range(n)]
        _kallsyms[key] = syms
    return _kallsyms[key]


def symbol(addr):
    """'name+0xoff/0xsize' as %pS prints @addr, or its hex if it is in no function."""
    syms = kallsyms()
    lo, hi = 0, len(syms) - 1
    found = -1
    while lo <= hi:
        mid = (lo + hi) // 2
        if syms[mid][0] <= addr:
            found, lo = mid, mid + 1
        else:
            hi = mid - 1
    if found >= 0 and addr - syms[found][0] < syms[found][1]:
        start, size, name = syms[found]
        return "%s+0x%x/0x%x" % (name, addr - start, size)
    return "0x%x" % addr
