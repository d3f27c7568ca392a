# gdb commands that read the allocators' state out of a stopped kernel, in the formats the
# kernel prints itself (docs/debugging.md). They only read memory: safe at any breakpoint.
# Each says why when its data is not there yet or an argument is wrong; none ends in a
# Python traceback. The layout (page size, regions, direct map) comes from the kernel's
# own mm_layout (kernel/mm_layout.c) and types; callers are named from the kernel's own
# symbol table (lib/kallsyms.c), as its reports name them. `help mm` lists the commands.
# The code is in tools/gdb/mmgdb/; importing its commands module registers the commands.
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mmgdb.commands  # noqa: E402,F401
