# The mm commands of tools/gdb/mm.py, one module per idea (docs/debugging.md).
