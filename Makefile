# Build, run and test the kernel. ARCH=riscv (default) or ARCH=host.
#   make qemu      boot it (MEM=512M SMP=4 APPEND="ktest.filter=..." also work)
#   make test      every suite on every ARCH, ending with "N passed, N failed"
#   make qemu-gdb  boot halted, waiting for `make gdb`
# See README.md for the rest.

ARCH ?= riscv
MEM ?= 512M
SMP ?= 4
APPEND ?=
GDB_PORT ?= 1234
RUN_TIMEOUT ?= 300

# BENCH=1 builds for benchmarks in a directory of its own (on host: optimised, no sanitizers);
# TSAN=1 (host) builds with ThreadSanitizer instead of ASan/UBSan, in a directory of its own.
BUILD := build/$(ARCH)$(if $(filter 1,$(BENCH)),-bench)$(if $(filter 1,$(TSAN)),-tsan)
KERNEL_DIRS := kernel lib mm test
KERNEL_SRCS := $(wildcard $(addsuffix /*.c,$(KERNEL_DIRS)))
ARCH_SRCS := $(wildcard arch/$(ARCH)/*.c arch/$(ARCH)/*.S)
KERNEL_OBJS := $(KERNEL_SRCS:%.c=$(BUILD)/%.o)
ARCH_OBJS := $(patsubst %,$(BUILD)/%.o,$(basename $(ARCH_SRCS)))

ifeq ($(V),1)
Q :=
else
Q := @
endif

WARNINGS := -Wall -Wextra -Werror -Wno-unused-parameter
# -MD, not -MMD: arch/host sees our headers through -idirafter, as system headers, and a
# change to them must still rebuild its objects.
COMMON_CFLAGS := -std=gnu11 -g $(WARNINGS) -MD -MP
# Kernel-side code (kernel/ lib/ mm/ test/) sees only our headers and the compiler's own.
FREESTANDING := -ffreestanding -nostdinc -fno-stack-protector -Iinclude -Iarch/$(ARCH)/include

ifeq ($(ARCH),riscv)
CROSS := riscv64-unknown-elf-
CC := $(CROSS)gcc
OBJDUMP := $(CROSS)objdump
GCC_INCLUDE := $(shell $(CC) -print-file-name=include 2>/dev/null)
# No frame pointers: nothing in the kernel walks frames, and gdb unwinds with the DWARF
# call-frame information -g puts in .debug_frame (not loaded; .eh_frame is not emitted).
KERNEL_CFLAGS := $(COMMON_CFLAGS) -O2 $(FREESTANDING) -isystem $(GCC_INCLUDE) \
	-march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany -fno-pie \
	-fomit-frame-pointer -fno-asynchronous-unwind-tables
ARCH_CFLAGS := $(KERNEL_CFLAGS)
KERNEL_IMAGE := $(BUILD)/kernel.elf
QEMU := qemu-system-riscv64
QEMU_CMD = $(QEMU) -machine virt -bios default -nographic -no-reboot -smp $(SMP) -m $(MEM) \
	-kernel $(KERNEL_IMAGE) -append "ktest.expect_mem=$(MEM) $(APPEND)"
# -icount so that rdinstret counts exactly the instructions executed; the one-CPU benchmarks
# run on CPU 0 while the others idle, the SMP scaling table uses 1, 2 and 4 of them. Under
# -icount this QEMU (7.2, OpenSBI 1.1) never releases hart 1 from OpenSBI: 5 harts give 4 CPUs.
BENCH_CMD = $(QEMU) -machine virt -bios default -nographic -no-reboot -smp 5 -m $(MEM) \
	-icount shift=0,sleep=off -kernel $(KERNEL_IMAGE) -append "bench.run=1 $(BENCH_APPEND)"
else ifeq ($(ARCH),host)
CC := gcc
GCC_INCLUDE := $(shell $(CC) -print-file-name=include 2>/dev/null)
ifeq ($(BENCH),1)
SANITIZE :=
HOST_OPT := -O2
else ifeq ($(TSAN),1)
SANITIZE := -fsanitize=thread
HOST_OPT := -O1
else
SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_OPT := -O1
endif
# The sanitizer builds (not BENCH=1) also check mm/'s invariants and lock rules (<mmdebug.h>).
KERNEL_CFLAGS := $(COMMON_CFLAGS) $(HOST_OPT) -fno-omit-frame-pointer $(FREESTANDING) -isystem $(GCC_INCLUDE) \
	$(SANITIZE) $(if $(SANITIZE),-DCONFIG_DEBUG_VM)
# arch/host is an ordinary Linux program: libc headers first, then ours.
ARCH_CFLAGS := $(COMMON_CFLAGS) $(HOST_OPT) -fno-omit-frame-pointer -D_GNU_SOURCE -pthread $(SANITIZE) \
	-idirafter include -idirafter arch/host/include
KERNEL_IMAGE := $(BUILD)/kernel.elf
HOST_DTB := $(BUILD)/host-$(MEM)-$(SMP).dtb
QEMU_CMD = $(KERNEL_IMAGE) --append "ktest.expect_mem=$(MEM) $(APPEND)" $(HOST_DTB)
# jemalloc, dlopen()ed by the peer benchmarks, needs more static TLS than glibc keeps by default.
BENCH_CMD = GLIBC_TUNABLES=glibc.rtld.optional_static_tls=8192 $(KERNEL_IMAGE) --append "bench.run=1 $(BENCH_APPEND)" $(HOST_DTB)
else
$(error ARCH=$(ARCH) is not supported: use riscv or host)
endif

.PHONY: all image qemu run qemu-gdb gdb test test-tsan stress check bench bench-run clean \
	compile_commands.json
# Public targets first make sure the toolchain is installed (tools/deps is instant when it
# is), then build in a sub-make that can see the freshly installed compiler.
all:
	$(Q)tools/deps
	$(Q)$(MAKE) --no-print-directory image

image: $(KERNEL_IMAGE)

# lib/string.c implements memcpy & co: keep GCC from turning its loops into calls to themselves.
$(BUILD)/lib/string.o: KERNEL_CFLAGS += -fno-tree-loop-distribute-patterns -fno-builtin

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(BUILD)/arch/$(ARCH)/%.o: arch/$(ARCH)/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(ARCH_CFLAGS) -c $< -o $@

$(BUILD)/arch/$(ARCH)/%.o: arch/$(ARCH)/%.S
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AS      $@")
	$(Q)$(CC) $(ARCH_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

ifeq ($(ARCH),riscv)
$(KERNEL_IMAGE): $(ARCH_OBJS) $(KERNEL_OBJS) linker/riscv.ld
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(KERNEL_CFLAGS) -nostdlib -static -Wl,-T,linker/riscv.ld -Wl,--gc-sections \
		-o $@ $(ARCH_OBJS) $(KERNEL_OBJS)
else
# The kernel side defines memcpy, snprintf, ... itself. Link it into one object and rename
# every symbol that libc also defines, so the kernel uses its own and libc keeps its own.
$(BUILD)/kernel-side.o: $(KERNEL_OBJS) tools/host-rename-syms
	@$(if $(Q),echo "  LD -r   $@")
	$(Q)ld -r -o $@.tmp $(KERNEL_OBJS)
	$(Q)tools/host-rename-syms $@.tmp $@

$(KERNEL_IMAGE): $(ARCH_OBJS) $(BUILD)/kernel-side.o
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(SANITIZE) -pthread -o $@ $(ARCH_OBJS) $(BUILD)/kernel-side.o

$(HOST_DTB): tools/mkdts
	@mkdir -p $(dir $@)
	$(Q)tools/mkdts --mem $(MEM) --smp $(SMP) | dtc -q -I dts -O dtb -o $@ -

image: $(HOST_DTB)
endif

# Host tools used by make test (built with the host compiler whatever ARCH is).
build/tools/ktap-check: tools/ktap-check.c
	@mkdir -p $(dir $@)
	$(Q)gcc -std=gnu11 -O2 $(WARNINGS) -o $@ $<

build/tools/dtb-crosscheck: tools/dtb-crosscheck.c lib/dtb.c include/dtb.h
	@mkdir -p $(dir $@)
	$(Q)gcc -std=gnu11 -O1 -g $(WARNINGS) -fsanitize=address,undefined -fno-sanitize-recover=all \
		-D_GNU_SOURCE -idirafter include tools/dtb-crosscheck.c lib/dtb.c -lfdt -o $@

# Boot the kernel and watch the self-tests; QEMU's exit status is the kernel's (0/1/2).
qemu run: all
	$(QEMU_CMD)

qemu-gdb: all
ifeq ($(ARCH),host)
	@echo "ARCH=host runs as a normal process: use 'make gdb ARCH=host'"
else
	@echo "QEMU is halted, waiting for gdb on tcp port $(GDB_PORT): run 'make gdb' in another terminal"
	$(QEMU_CMD) -S -gdb tcp:127.0.0.1:$(GDB_PORT)
endif

gdb: all
ifeq ($(ARCH),host)
	gdb -q -x tools/gdb/kernel.gdb --args $(QEMU_CMD)
else
	gdb-multiarch -q -x tools/gdb/kernel.gdb -ex 'target remote 127.0.0.1:$(GDB_PORT)' $(KERNEL_IMAGE)
endif

# Every suite on every ARCH plus the tree checks; the last line is "N passed, N failed".
test:
	$(Q)tools/deps
	$(Q)tools/run-tests

# Every suite on host under ThreadSanitizer (a build of its own, build/host-tsan): a data race
# between the CPUs (threads) ends the run with exit status 2. Also part of make test.
test-tsan:
	$(Q)tools/deps
	$(Q)$(MAKE) --no-print-directory ARCH=host TSAN=1 image
	$(Q)$(MAKE) --no-print-directory ARCH=host TSAN=1 run

# The SMP stress test alone, long: STRESS_OPS operations over all CPUs. On host (the default
# here) under ASan/UBSan and again under TSan, 10^7 each (minutes); ARCH=riscv under QEMU,
# where 10^7 takes hours on a 2-core machine (STRESS_OPS=1000000: about 12 minutes).
STRESS_OPS ?= 10000000
STRESS_APPEND = ktest.filter=smp_stress smp_stress.ops=$(STRESS_OPS)
stress:
	$(Q)tools/deps
ifeq ($(origin ARCH),command line)
	$(Q)$(MAKE) --no-print-directory ARCH=$(ARCH) APPEND="$(STRESS_APPEND)" qemu
else
	$(Q)$(MAKE) --no-print-directory ARCH=host APPEND="$(STRESS_APPEND)" qemu
	$(Q)$(MAKE) --no-print-directory ARCH=host TSAN=1 APPEND="$(STRESS_APPEND)" qemu
endif

check:
	$(Q)tools/check

# Instructions (riscv under -icount) and nanoseconds (host) per allocator operation (riscv
# again with init_on_alloc=1 init_on_free=1, for their cost; BENCH_APPEND adds boot words); on host,
# kmalloc next to glibc, jemalloc, mimalloc and tcmalloc (test/kmalloc_peer_bench.c), in
# nanoseconds and then in instructions counted by callgrind (tools/bench-peers).
bench:
	$(Q)tools/deps libjemalloc2 libmimalloc2.0 libtcmalloc-minimal4 valgrind
	$(Q)$(MAKE) --no-print-directory ARCH=riscv BENCH=1 bench-run
	$(Q)$(MAKE) --no-print-directory ARCH=riscv BENCH=1 bench-run \
		BENCH_APPEND="bench.filter=*_pair* init_on_alloc=1 init_on_free=1"
	$(Q)$(MAKE) --no-print-directory ARCH=host BENCH=1 bench-run
	$(Q)echo "== host, instructions (callgrind) =="
	$(Q)tools/bench-peers
	$(Q)tools/bench-callgrind vmalloc16k_write_vfree host_sync_mappings

bench-run: image
	$(Q)echo "== $(ARCH) $(BENCH_APPEND) =="
	$(Q)$(BENCH_CMD) | grep '^bench'


compile_commands.json:
	$(Q)tools/deps bear
	bear --output $@ -- $(MAKE) -B ARCH=$(ARCH) all

clean:
	rm -rf build compile_commands.json

# make fuzz: libFuzzer targets (host, clang, ASan + UBSan); see fuzz/fuzz.mk.
include fuzz/fuzz.mk

-include $(KERNEL_OBJS:.o=.d) $(ARCH_OBJS:.o=.d)
