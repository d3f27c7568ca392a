# The libFuzzer targets of fuzz/ (included by the Makefile): built on the host with clang-14,
# AddressSanitizer and UndefinedBehaviorSanitizer, in build/fuzz, from the same sources as the
# host kernel (ARCH=host), whatever ARCH is.
#   make fuzz                 each target for FUZZ_SECONDS (default 60) over its corpus
#   make fuzz FUZZ_TARGETS=dtb FUZZ_SECONDS=600
#   make fuzz-build           only build them
#   make fuzz-coverage        what their corpora cover (llvm-cov), after make fuzz
# fuzz/run does the running; make test runs each target for a fixed number of inputs.

FUZZ_CC := clang-14
# FUZZ_COV=1 (fuzz/coverage): the same targets with source-based coverage, in build/fuzz-cov.
FUZZ_BUILD := build/fuzz$(if $(filter 1,$(FUZZ_COV)),-cov)
FUZZ_PROFILE := $(if $(filter 1,$(FUZZ_COV)),-fprofile-instr-generate -fcoverage-mapping)
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= dtb boot alloc
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_COMMON := -std=gnu11 -g -O1 -fno-omit-frame-pointer $(WARNINGS) -MD -MP $(FUZZ_SAN) \
	-fsanitize=fuzzer-no-link $(FUZZ_PROFILE)
FUZZ_CLANG_INCLUDE = $(shell $(FUZZ_CC) -print-resource-dir 2>/dev/null)/include
# Kernel-side code (and the harnesses that use only its headers): freestanding, our headers.
FUZZ_KERNEL_CFLAGS = $(FUZZ_COMMON) -ffreestanding -nostdinc -fno-stack-protector -Iinclude \
	-Iarch/host/include -isystem $(FUZZ_CLANG_INCLUDE)
# arch/host and harnesses that are host programs: libc headers first, then ours.
FUZZ_HOST_CFLAGS := $(FUZZ_COMMON) -D_GNU_SOURCE -pthread -idirafter include \
	-idirafter arch/host/include

FUZZ_KERNEL_OBJS := $(KERNEL_SRCS:%.c=$(FUZZ_BUILD)/%.o)
# The host port without main.c: the harnesses boot it themselves (arch/host/boot.c).
FUZZ_ARCH_OBJS := $(patsubst %.c,$(FUZZ_BUILD)/%.o,$(filter-out arch/host/main.c, \
	$(wildcard arch/host/*.c)))
FUZZ_HARNESS_OBJS := $(patsubst %.c,$(FUZZ_BUILD)/%.o,$(wildcard fuzz/*.c))
FUZZ_BINS := $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/%_fuzz)
FUZZ_STRING_CFLAGS := -fno-builtin
FUZZ_LDFLAGS := $(FUZZ_SAN) $(FUZZ_PROFILE) -fsanitize=fuzzer -pthread

# $(FUZZ_BUILD)/flags (tools/build-flags.mk), kept by the makes that build fuzz targets (its
# flags ask clang-14 where its headers are, which other makes need not do).
ifneq ($(filter fuzz fuzz-build fuzz-coverage $(FUZZ_BUILD)/%,$(MAKECMDGOALS)),)
define FUZZ_FLAGS :=
# The flags $(FUZZ_BUILD) was built with (tools/build-flags.mk): a change rebuilds it all.
FUZZ_CC := $(FUZZ_CC)
FUZZ_KERNEL_CFLAGS := $(FUZZ_KERNEL_CFLAGS)
FUZZ_HOST_CFLAGS := $(FUZZ_HOST_CFLAGS)
FUZZ_STRING_CFLAGS := $(FUZZ_STRING_CFLAGS)
FUZZ_LDFLAGS := $(FUZZ_LDFLAGS)
endef
$(FUZZ_KERNEL_OBJS) $(FUZZ_ARCH_OBJS) $(FUZZ_HARNESS_OBJS) $(FUZZ_BUILD)/dtb_fuzz \
	$(FUZZ_BUILD)/boot_fuzz $(FUZZ_BUILD)/alloc_fuzz: $(call build_flags,$(FUZZ_BUILD),FUZZ_FLAGS)
endif

.PHONY: fuzz fuzz-build fuzz-coverage

$(FUZZ_BUILD)/lib/string.o: FUZZ_KERNEL_CFLAGS += $(FUZZ_STRING_CFLAGS)

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(FUZZ_CC) $(FUZZ_KERNEL_CFLAGS) -c $< -o $@

$(FUZZ_BUILD)/arch/host/%.o: arch/host/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(FUZZ_CC) $(FUZZ_HOST_CFLAGS) -c $< -o $@

$(FUZZ_BUILD)/fuzz/boot_fuzz.o $(FUZZ_BUILD)/fuzz/fuzz_fail.o: $(FUZZ_BUILD)/fuzz/%.o: fuzz/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(FUZZ_CC) $(FUZZ_HOST_CFLAGS) -c $< -o $@

# As for the host kernel: one object, every symbol libc also defines renamed.
$(FUZZ_BUILD)/kernel-side.o: $(FUZZ_KERNEL_OBJS) tools/host-rename-syms
	@$(if $(Q),echo "  LD -r   $@")
	$(Q)ld -r -o $@.tmp $(FUZZ_KERNEL_OBJS)
	$(Q)tools/host-rename-syms $@.tmp $@

FUZZ_LINK = $(FUZZ_CC) $(FUZZ_LDFLAGS) -o $@ $(filter %.o,$^)

# The DTB reader alone: lib/dtb.c uses the C library's string functions.
$(FUZZ_BUILD)/dtb_fuzz: $(FUZZ_BUILD)/fuzz/dtb_fuzz.o $(FUZZ_BUILD)/fuzz/fuzz_fail.o \
		$(FUZZ_BUILD)/lib/dtb.o
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(FUZZ_LINK)

# These carry the kernel's symbol table as the host kernel does (tools/link-kallsyms), so
# that lib/kallsyms.c links and reports name callers.
$(FUZZ_BUILD)/boot_fuzz $(FUZZ_BUILD)/alloc_fuzz: $(FUZZ_BUILD)/%_fuzz: $(FUZZ_BUILD)/fuzz/%_fuzz.o \
		$(FUZZ_BUILD)/fuzz/fuzz_fail.o $(FUZZ_BUILD)/kernel-side.o $(FUZZ_ARCH_OBJS) \
		build/tools/kallsyms tools/link-kallsyms
	@$(if $(Q),echo "  LD      $@")
	$(Q)NM=nm KALLSYMS_CC="$(FUZZ_CC) $(FUZZ_KERNEL_CFLAGS)" tools/link-kallsyms $@ -- \
		$(FUZZ_CC) $(FUZZ_LDFLAGS) $(filter %.o,$^)

fuzz-build: $(FUZZ_BINS)

# What the corpora of build/fuzz (those make fuzz grew) cover of lib/dtb.c, kernel/ and mm/.
fuzz-coverage:
	$(Q)$(MAKE) --no-print-directory FUZZ_COV=1 fuzz-build
	$(Q)fuzz/coverage $(FUZZ_TARGETS)

# The boot target boots the host kernel in child processes: build that too.
fuzz:
	$(Q)tools/deps clang-14 libclang-rt-14-dev
	$(Q)$(MAKE) --no-print-directory ARCH=host image
	$(Q)$(MAKE) --no-print-directory fuzz-build
	$(Q)fuzz/run --seconds $(FUZZ_SECONDS) $(FUZZ_TARGETS)

-include $(FUZZ_KERNEL_OBJS:.o=.d) $(FUZZ_ARCH_OBJS:.o=.d) $(wildcard $(FUZZ_BUILD)/fuzz/*.d)
