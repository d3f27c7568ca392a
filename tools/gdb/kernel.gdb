# gdb set-up loaded by `make gdb`: sensible defaults for stepping through the kernel, and
# the mm commands of tools/gdb/mm.py (`help mm` lists them; docs/debugging.md).
set pagination off
set confirm off
set print pretty on
source tools/gdb/mm.py
