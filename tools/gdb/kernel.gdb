# gdb set-up loaded by `make gdb`: sensible defaults for stepping through the kernel.
# (mm helper commands join here as the allocators land; see docs/debugging.md.)
set pagination off
set confirm off
set print pretty on
