# The base of every mm command (argument checks, messages instead of tracebacks) and
# `help mm`.
import gdb

from .kernel import MmError

class MmCommand(gdb.Command):
    """Base: argument checks and messages instead of tracebacks."""
    name = None
    usage = None
    takes_expression = False  # the whole argument is one C expression
    min_args = max_args = 0

    def __init__(self, name=None):
        super().__init__(name or self.name, gdb.COMMAND_DATA)
        self.called = name or self.name

    def invoke(self, arg, from_tty):
        try:
            if self.takes_expression:
                out = self.run(arg)
            else:
                args = gdb.string_to_argv(arg)
                if not self.min_args <= len(args) <= self.max_args:
                    raise MmError("%s: usage: %s" % (
                        "an argument is missing" if len(args) < self.min_args
                        else "too many arguments", self.usage))
                out = self.run(*args)
            for line in out or []:
                print(line)
        except MmError as e:
            print("%s: %s" % (self.called, e))
        except gdb.MemoryError as e:
            print("%s: cannot read the kernel's memory there: %s" % (self.called, e))
        except gdb.error as e:
            print("%s: %s" % (self.called, e))
        except Exception as e:  # a bug here, or state the kernel never has: say so briefly
            print("%s: cannot make sense of the kernel's state (%s: %s)" %
                  (self.called, type(e).__name__, e))


class Mm(gdb.Command):
    """The mm commands: state of the kernel's memory allocators, read from a stopped kernel.

mm-addr ADDR          what an address is: page, zone, buddy block, slab object, vmalloc area, ...
mm-page PFN|ADDR|PAGE dump_page() of a page, in gdb
mm-page-owner [PFN|ADDR|PAGE | since SEQ [MAX]]
                      page_owner=on: blocks by allocating stack, or one page's owner
mm-meminfo            /proc/meminfo                            (lx-meminfo)
mm-zoneinfo           each zone: watermarks, counts, per-CPU lists
mm-buddyinfo          free blocks per zone and order, /proc/buddyinfo
mm-slabinfo [CACHE]   /proc/slabinfo, or one cache in detail   (lx-slabinfo)
mm-slab-arrays CACHE  each CPU's array of free objects of CACHE
mm-slabtrace CACHE    CACHE's allocated objects by allocating caller (lx-slabtrace)
mm-vmallocinfo        /proc/vmallocinfo                         (lx-vmallocinfo)
mm-pgtable ADDR       the kernel page-table walk for ADDR (mm-pte)
mm-memblock           the boot memory map, as memblock_dump
lx-pfn_to_page PFN, lx-page_to_pfn PAGE, lx-page_address PAGE, lx-virt_to_page ADDR,
lx-virt_to_phys ADDR  Linux's conversions, as its scripts/gdb print them
Each takes `help mm-NAME`."""

    def __init__(self):
        super().__init__("mm", gdb.COMMAND_DATA, prefix=False)

    def invoke(self, arg, from_tty):
        print(self.__doc__)
