# Build, run and test the kernel. ARCH=riscv (default), ARCH=arm64 or ARCH=host.
#   make qemu      boot it (MEM=512M SMP=4 APPEND="ktest.filter=..." also work;
#                  CONSOLE=1 ends the tests at the memory console's mm> prompt)
#   make test      every suite on every ARCH, ending with "N passed, N failed"
#   make qemu-gdb  boot halted, waiting for `make gdb`
# See README.md for the rest.

ARCH ?= riscv
MEM ?= 512M
SMP ?= 4
APPEND ?=
CONSOLE ?=
# PAGE_SIZE=64K (ARCH=arm64 only): the 64 KiB translation granule instead of 4 KiB pages.
PAGE_SIZE ?= 4K
# CONSOLE=1: the tests end at the memory console (kernel/mmconsole.c) instead of powering off.
BOOTARGS = ktest.expect_mem=$(MEM)$(if $(filter 1,$(CONSOLE)), ktest.shutdown=0) $(APPEND)
GDB_PORT ?= 1234
RUN_TIMEOUT ?= 300
# KCFLAGS (Linux's name): more compiler flags for the kernel's objects, e.g. KCFLAGS=-DFOO.
KCFLAGS ?=

# BENCH=1 builds for benchmarks in a directory of its own (on host: optimised, no sanitizers);
# TSAN=1 (host) builds with ThreadSanitizer instead of ASan/UBSan, in a directory of its own.
# DEBUG=1 builds for stepping in gdb, in a directory of its own (docs/debugging.md).
BUILD := build/$(ARCH)$(if $(filter 64K,$(PAGE_SIZE)),-64k)$(if $(filter 1,$(BENCH)),-bench)$(if $(filter 1,$(TSAN)),-tsan)$(if \
	$(filter 1,$(DEBUG)),-debug)
KERNEL_DIRS := kernel lib mm test
# The file gdb reads symbols from (arm64 boots a raw Image made from it).
KERNEL_ELF = $(KERNEL_IMAGE)
KERNEL_SRCS := $(wildcard $(addsuffix /*.c,$(KERNEL_DIRS)))
ARCH_SRCS := $(wildcard arch/$(ARCH)/*.c arch/$(ARCH)/*.S)
KERNEL_OBJS := $(KERNEL_SRCS:%.c=$(BUILD)/%.o)
ARCH_OBJS := $(patsubst %,$(BUILD)/%.o,$(basename $(ARCH_SRCS)))

ifeq ($(V),1)
Q :=
else
Q := @
endif

# Every object and image depends on its build directory's flags file (build/<arch>/flags):
# changed flags rebuild the directory.
include tools/build-flags.mk

WARNINGS := -Wall -Wextra -Werror -Wno-unused-parameter
# -MD, not -MMD: arch/host sees our headers through -idirafter, as system headers, and a
# change to them must still rebuild its objects.
COMMON_CFLAGS := -std=gnu11 -g $(WARNINGS) -MD -MP
# Kernel-side code (kernel/ lib/ mm/ test/) sees only our headers and the compiler's own.
FREESTANDING := -ffreestanding -nostdinc -fno-stack-protector -Iinclude -Iarch/$(ARCH)/include

ifneq ($(PAGE_SIZE),4K)
ifneq ($(ARCH),arm64)
$(error PAGE_SIZE=$(PAGE_SIZE) is for ARCH=arm64 only (4K or 64K); ARCH=$(ARCH) has 4K pages)
endif
endif

ifeq ($(ARCH),riscv)
CROSS := riscv64-unknown-elf-
CC := $(CROSS)gcc
OBJDUMP := $(CROSS)objdump
GCC_INCLUDE := $(shell $(CC) -print-file-name=include 2>/dev/null)
# No frame pointers: stack_trace_save() (lib/dwarf_unwind.c) unwinds with the DWARF
# call-frame information of .eh_frame, which -fasynchronous-unwind-tables emits without
# changing a single instruction (linker/*.ld keeps it).
KERNEL_CFLAGS := $(COMMON_CFLAGS) -O2 $(FREESTANDING) -isystem $(GCC_INCLUDE) \
	-march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany -fno-pie \
	-fomit-frame-pointer -fasynchronous-unwind-tables
ARCH_CFLAGS := $(KERNEL_CFLAGS)
KERNEL_IMAGE := $(BUILD)/kernel.elf
# gdb's view of the registers: QEMU's own list has CSRs it cannot read ("info frame" failed).
GDB_TDESC := tools/gdb/riscv64.xml
QEMU := qemu-system-riscv64
QEMU_CMD = $(QEMU) -machine virt -bios default -nographic -no-reboot -smp $(SMP) -m $(MEM) \
	-kernel $(KERNEL_IMAGE) -append "$(BOOTARGS)"
# -icount so that rdinstret counts exactly the instructions executed; the one-CPU benchmarks
# run on CPU 0 while the others idle, the SMP scaling table uses 1, 2 and 4 of them. Under
# -icount this QEMU (7.2, OpenSBI 1.1) never releases hart 1 from OpenSBI: 5 harts give 4 CPUs.
BENCH_SMP ?= 5
BENCH_CMD = $(QEMU) -machine virt -bios default -nographic -no-reboot -smp $(BENCH_SMP) -m $(MEM) \
	-icount shift=0,sleep=off -kernel $(KERNEL_IMAGE) -append "bench.run=1 $(BENCH_APPEND)"
else ifeq ($(ARCH),arm64)
# ---- arm64: QEMU virt, EL1, 4 KiB or 64 KiB pages (arch/arm64, linker/arm64.ld) ----
CROSS := aarch64-linux-gnu-
CC := $(CROSS)gcc
OBJDUMP := $(CROSS)objdump
OBJCOPY := $(CROSS)objcopy
GCC_INCLUDE := $(shell $(CC) -print-file-name=include 2>/dev/null)
# No FP/SIMD (CPACR_EL1 traps it); no PIE (Debian's default); LL/SC atomics inline
# (outline atomics would call libgcc).
KERNEL_CFLAGS := $(COMMON_CFLAGS) -O2 $(FREESTANDING) -isystem $(GCC_INCLUDE) \
	-march=armv8-a -mgeneral-regs-only -mno-outline-atomics -fno-pie \
	-fomit-frame-pointer -fasynchronous-unwind-tables
ARCH_CFLAGS := $(KERNEL_CFLAGS)
# PAGE_SIZE=64K: CONFIG_ARM64_64K_PAGES (Linux's name) picks the granule in asm/port.h, and
# the linker script aligns the image's sections to it (KERNEL_PAGE_SIZE).
ifeq ($(PAGE_SIZE),64K)
KERNEL_CFLAGS += -DCONFIG_ARM64_64K_PAGES
ARCH_CFLAGS += -DCONFIG_ARM64_64K_PAGES
ARCH_LDFLAGS := -Wl,--defsym,KERNEL_PAGE_SIZE=0x10000
else ifeq ($(PAGE_SIZE),4K)
ARCH_LDFLAGS := -Wl,--defsym,KERNEL_PAGE_SIZE=0x1000
else
$(error PAGE_SIZE=$(PAGE_SIZE): ARCH=arm64 has 4K (the default) and 64K)
endif
ARCH_LDFLAGS += -no-pie -Wl,--build-id=none
# QEMU boots the raw Image (its arm64 header makes x0 the DTB); gdb reads kernel.elf.
KERNEL_ELF := $(BUILD)/kernel.elf
KERNEL_IMAGE := $(BUILD)/Image
QEMU := qemu-system-aarch64
# QEMU_MACHINE=virt,virtualization=on (start at EL2), virt,gic-version=2 or 3; QEMU_CPU=max.
QEMU_MACHINE ?= virt
QEMU_CPU ?= cortex-a57
QEMU_CMD = $(QEMU) -machine $(QEMU_MACHINE) -cpu $(QEMU_CPU) -nographic -no-reboot -nic none -semihosting \
	-smp $(SMP) -m $(MEM) -kernel $(KERNEL_IMAGE) -append "$(BOOTARGS)"
# -icount so that the PMU's INST_RETIRED counts exactly the instructions executed.
BENCH_SMP ?= 4
BENCH_CMD = $(QEMU) -machine $(QEMU_MACHINE) -cpu $(QEMU_CPU) -nographic -no-reboot -nic none -semihosting \
	-smp $(BENCH_SMP) -m $(MEM) -icount shift=0,sleep=off -kernel $(KERNEL_IMAGE) -append "bench.run=1 $(BENCH_APPEND)"
# ---- end arm64 ----
else ifeq ($(ARCH),host)
CC := gcc
GCC_INCLUDE := $(shell $(CC) -print-file-name=include 2>/dev/null)
ifeq ($(BENCH),1)
SANITIZE :=
HOST_OPT := -O2
else ifeq ($(TSAN),1)
SANITIZE := -fsanitize=thread
HOST_OPT := -O1 -DCONFIG_EXPLICIT_CALLERS
else
SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_OPT := -O1 -DCONFIG_EXPLICIT_CALLERS
endif
# The sanitizer builds (not BENCH=1) also check mm/'s invariants and lock rules (<mmdebug.h>).
# CONFIG_EXPLICIT_CALLERS: the sanitized builds make no sibling calls, so the slab fast
# paths hand their slow paths the caller to report (mm/slab.h, SLAB_FAST_CALLER).
KERNEL_CFLAGS := $(COMMON_CFLAGS) $(HOST_OPT) -fno-omit-frame-pointer $(FREESTANDING) -isystem $(GCC_INCLUDE) \
	$(SANITIZE) $(if $(SANITIZE),-DCONFIG_DEBUG_VM)
# arch/host is an ordinary Linux program: libc headers first, then ours.
ARCH_CFLAGS := $(COMMON_CFLAGS) $(HOST_OPT) -fno-omit-frame-pointer -D_GNU_SOURCE -pthread $(SANITIZE) \
	-idirafter include -idirafter arch/host/include
KERNEL_IMAGE := $(BUILD)/kernel.elf
KERNEL_LDFLAGS := $(SANITIZE) -pthread
HOST_DTB := $(BUILD)/host-$(MEM)-$(SMP).dtb
QEMU_CMD = $(KERNEL_IMAGE) --append "$(BOOTARGS)" $(HOST_DTB)
# jemalloc, dlopen()ed by the peer benchmarks, needs more static TLS than glibc keeps by default.
BENCH_CMD = GLIBC_TUNABLES=glibc.rtld.optional_static_tls=8192 $(KERNEL_IMAGE) --append "bench.run=1 $(BENCH_APPEND)" $(HOST_DTB)
else
$(error ARCH=$(ARCH) is not supported: use riscv, arm64 or host)
endif

# DEBUG=1, on any ARCH: optimised for stepping (-Og), frame pointers, the inline fast paths
# out of line (compiler.h: __fast_inline, __fast_api_inline), callers passed explicitly
# (mm/slab.h: SLAB_FAST_CALLER). The later -O and frame-pointer options win.
ifeq ($(DEBUG),1)
DEBUG_CFLAGS := -Og -fno-omit-frame-pointer -DCONFIG_DEBUG_STEPPING -DCONFIG_EXPLICIT_CALLERS
KERNEL_CFLAGS += $(DEBUG_CFLAGS)
ARCH_CFLAGS += $(DEBUG_CFLAGS)
endif
KERNEL_CFLAGS += $(KCFLAGS)
ARCH_CFLAGS += $(KCFLAGS)
ARCH_ASFLAGS := -D__ASSEMBLY__
# A bare-metal port links with linker/$(ARCH).ld (host: KERNEL_LDFLAGS above).
ifneq ($(ARCH),host)
KERNEL_LDFLAGS := -nostdlib -static $(ARCH_LDFLAGS) -Wl,-T,linker/$(ARCH).ld -Wl,--gc-sections
endif
# lib/string.c implements memcpy & co: keep GCC from turning its loops into calls to themselves.
STRING_CFLAGS := -fno-tree-loop-distribute-patterns -fno-builtin

# What $(BUILD)/flags holds: the flags of every command below, as they are now
# (STRING_CFLAGS: lib/string.o's, added to KERNEL_CFLAGS).
define BUILD_FLAGS :=
# The flags $(BUILD) was built with (tools/build-flags.mk): a change rebuilds it all.
CC := $(CC)
KERNEL_CFLAGS := $(KERNEL_CFLAGS)
ARCH_CFLAGS := $(ARCH_CFLAGS)
ARCH_ASFLAGS := $(ARCH_ASFLAGS)
STRING_CFLAGS := $(STRING_CFLAGS)
KERNEL_LDFLAGS := $(KERNEL_LDFLAGS)
endef

.PHONY: all image qemu run qemu-gdb gdb test test-tsan stress check docs bench bench-boot bench-run \
	bench-plot clean \
	compile_commands.json
# Public targets first make sure the toolchain is installed (tools/deps is instant when it
# is), then build in a sub-make that can see the freshly installed compiler.
all:
	$(Q)tools/deps
	$(Q)$(MAKE) --no-print-directory image

image: $(KERNEL_IMAGE)

$(BUILD)/lib/string.o: KERNEL_CFLAGS += $(STRING_CFLAGS)
$(KERNEL_OBJS) $(ARCH_OBJS) $(KERNEL_ELF): $(call build_flags,$(BUILD),BUILD_FLAGS)

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
	$(Q)$(CC) $(ARCH_CFLAGS) $(ARCH_ASFLAGS) -c $< -o $@

# Every image carries its own symbol table (lib/kallsyms.c), so that reports name callers:
# tools/link-kallsyms links it, then again with the table made from nm of that link.
NM := $(CROSS)nm
KALLSYMS_LINK = NM=$(NM) KALLSYMS_CC="$(CC) $(KERNEL_CFLAGS)" tools/link-kallsyms $@ --
KALLSYMS_DEPS := build/tools/kallsyms tools/link-kallsyms

ifneq ($(ARCH),host)
# A bare-metal port: linker/$(ARCH).ld places the image.
$(KERNEL_ELF): $(ARCH_OBJS) $(KERNEL_OBJS) linker/$(ARCH).ld $(KALLSYMS_DEPS)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(KALLSYMS_LINK) $(CC) $(KERNEL_CFLAGS) $(KERNEL_LDFLAGS) $(ARCH_OBJS) $(KERNEL_OBJS)
ifeq ($(ARCH),arm64)
# QEMU loads the raw Image (its arm64 header makes x0 the DTB): kernel.elf stripped.
$(KERNEL_IMAGE): $(KERNEL_ELF)
	@$(if $(Q),echo "  OBJCOPY $@")
	$(Q)$(OBJCOPY) -O binary $< $@
endif
else
# The kernel side defines memcpy, snprintf, ... itself. Link it into one object and rename
# every symbol that libc also defines, so the kernel uses its own and libc keeps its own.
$(BUILD)/kernel-side.o: $(KERNEL_OBJS) tools/host-rename-syms
	@$(if $(Q),echo "  LD -r   $@")
	$(Q)ld -r -o $@.tmp $(KERNEL_OBJS)
	$(Q)tools/host-rename-syms $@.tmp $@

$(KERNEL_IMAGE): $(ARCH_OBJS) $(BUILD)/kernel-side.o $(KALLSYMS_DEPS)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(KALLSYMS_LINK) $(CC) $(KERNEL_LDFLAGS) $(ARCH_OBJS) $(BUILD)/kernel-side.o

$(HOST_DTB): tools/mkdts
	@mkdir -p $(dir $@)
	$(Q)tools/mkdts --mem $(MEM) --smp $(SMP) | dtc -q -I dts -O dtb -o $@ -

image: $(HOST_DTB)
endif

# Host tools used by make test (built with the host compiler whatever ARCH is), in build/tools
# with a flags file of their own.
HOSTCC := gcc
TOOLS_CFLAGS := -std=gnu11 -O2 $(WARNINGS)
DTB_CROSSCHECK_CFLAGS := -std=gnu11 -O1 -g $(WARNINGS) -fsanitize=address,undefined \
	-fno-sanitize-recover=all -D_GNU_SOURCE -idirafter include
DTB_CROSSCHECK_LDLIBS := -lfdt
define TOOLS_FLAGS :=
# The flags build/tools was built with (tools/build-flags.mk): a change rebuilds it all.
HOSTCC := $(HOSTCC)
TOOLS_CFLAGS := $(TOOLS_CFLAGS)
DTB_CROSSCHECK_CFLAGS := $(DTB_CROSSCHECK_CFLAGS)
DTB_CROSSCHECK_LDLIBS := $(DTB_CROSSCHECK_LDLIBS)
endef
TOOLS := build/tools/ktap-check build/tools/kallsyms build/tools/dtb-crosscheck
$(TOOLS): $(call build_flags,build/tools,TOOLS_FLAGS)

build/tools/ktap-check: tools/ktap-check.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(TOOLS_CFLAGS) -o $@ $<

build/tools/kallsyms: tools/kallsyms.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(TOOLS_CFLAGS) -o $@ $<

build/tools/dtb-crosscheck: tools/dtb-crosscheck.c lib/dtb.c include/dtb.h
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(DTB_CROSSCHECK_CFLAGS) tools/dtb-crosscheck.c lib/dtb.c \
		$(DTB_CROSSCHECK_LDLIBS) -o $@

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
	gdb-multiarch -q -x tools/gdb/kernel.gdb $(if $(GDB_TDESC),-ex 'set tdesc filename $(GDB_TDESC)') \
		-ex 'target remote 127.0.0.1:$(GDB_PORT)' $(KERNEL_ELF)
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
# here) under ASan/UBSan and again under TSan, 10^7 each (minutes); ARCH=riscv or ARCH=arm64
# under QEMU, where 10^7 takes hours on a 2-core machine (STRESS_OPS=1000000: about 12 minutes
# on riscv).
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

# docs/api.md from include/'s kernel-doc, README's sample boot from a fresh `make qemu`, the
# pictures of docs/pictures/ from runs of the memory console (make check fails on drift).
docs:
	$(Q)tools/deps
	$(Q)tools/kerneldoc-md >docs/api.md
	$(Q)tools/readme-sample --write
	$(Q)tools/mkpictures

# Instructions (riscv and arm64 under -icount; arm64 again with 64 KiB pages, about 5 seconds
# more) and nanoseconds (host) per allocator operation (riscv again with init_on_alloc=1
# init_on_free=1, with page_owner=on and with slab_hardened=1, for their cost;
# BENCH_APPEND adds boot words); on host,
# kmalloc next to glibc, jemalloc, mimalloc and tcmalloc (test/kmalloc_peer_bench.c), in
# nanoseconds (and kmalloc's column again with kmalloc.classes=fine) and then in instructions
# counted by callgrind (tools/bench-peers, kmalloc-fine its column with the option).
bench:
	$(Q)tools/deps libjemalloc2 libmimalloc2.0 libtcmalloc-minimal4 valgrind
	$(Q)$(MAKE) --no-print-directory ARCH=riscv BENCH=1 bench-run
	$(Q)$(MAKE) --no-print-directory ARCH=riscv BENCH=1 bench-run \
		BENCH_APPEND="bench.filter=*_pair* init_on_alloc=1 init_on_free=1"
	$(Q)echo "== riscv, page_owner=on: its cost per allocation (docs/memory-debugging.md) =="
	$(Q)$(MAKE) --no-print-directory ARCH=riscv BENCH=1 bench-run \
		BENCH_APPEND="bench.filter=*_pair* page_owner=on"
	$(Q)echo "== riscv, slab_hardened=1: the slab fast paths' cost (docs/slab-debugging.md) =="
	$(Q)$(MAKE) --no-print-directory ARCH=riscv BENCH=1 \
		BENCH_APPEND="slab_hardened=1 bench.filter=km*_pair" bench-run
	$(Q)$(MAKE) --no-print-directory ARCH=arm64 BENCH=1 bench-run
	$(Q)$(MAKE) --no-print-directory ARCH=arm64 PAGE_SIZE=64K BENCH=1 bench-run
	$(Q)$(MAKE) --no-print-directory ARCH=host BENCH=1 SMP=8 bench-run
	$(Q)echo "== host, kmalloc.classes=fine: the peer table's kmalloc column with finer classes (docs/benchmarks.md) =="
	$(Q)$(MAKE) --no-print-directory ARCH=host BENCH=1 SMP=8 \
		BENCH_APPEND="kmalloc.classes=fine bench.filter=kmalloc_peers bench.peer=kmalloc" bench-run
	$(Q)$(MAKE) --no-print-directory bench-boot
	$(Q)echo "== host, instructions (callgrind) =="
	$(Q)tools/bench-peers
	$(Q)tools/bench-callgrind vmalloc16k_write_vfree host_sync_mappings

# make bench's figures as plots (gnuplot) in docs/pictures/bench-*.svg; BENCH_OUT=<file>
# plots a saved `make bench` output instead of running it (into build/bench.txt).
BENCH_OUT ?=
bench-plot:
	$(Q)tools/deps gnuplot-nox
ifeq ($(BENCH_OUT),)
	$(Q)mkdir -p build
	$(Q)$(MAKE) --no-print-directory bench >build/bench.txt 2>&1 || { cat build/bench.txt; exit 1; }
	$(Q)cat build/bench.txt
	$(Q)tools/bench-plot build/bench.txt
else
	$(Q)tools/bench-plot $(BENCH_OUT)
endif

# What boot costs (test/boot_bench.c): instructions from start_kernel() to the first test, and
# the struct page initialisation per GiB, at 512M and 8G on one CPU (under -icount several CPUs
# run one at a time, so more would measure no parallel time: tools/boot-time measures that).
bench-boot:
	$(Q)for arch in riscv arm64; do for mem in 512M 8G; do \
		$(MAKE) --no-print-directory ARCH=$$arch BENCH=1 MEM=$$mem BENCH_SMP=1 \
			BENCH_APPEND="bench.filter=boot*" bench-run \
			| sed -e "s/^== .* ==$$/== $$arch MEM=$$mem, 1 CPU ==/" -e "/^bench empty_loop/d" \
			|| exit 1; \
	done; done

# The section's name is the arch's, and arm64-64k at PAGE_SIZE=64K (tools/bench-plot's columns).
bench-run: image
	$(Q)echo "== $(ARCH)$(if $(filter 64K,$(PAGE_SIZE)),-64k) $(BENCH_APPEND) =="
	$(Q)$(BENCH_CMD) | grep '^bench'


compile_commands.json:
	$(Q)tools/deps bear
	bear --output $@ -- $(MAKE) -B ARCH=$(ARCH) all

clean:
	rm -rf build compile_commands.json

# make fuzz: libFuzzer targets (host, clang, ASan + UBSan); see fuzz/fuzz.mk.
include fuzz/fuzz.mk

-include $(KERNEL_OBJS:.o=.d) $(ARCH_OBJS:.o=.d)
