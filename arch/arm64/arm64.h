/* What the files of arch/arm64/ share with one another; nothing outside arch/arm64 sees it. */
#ifndef _ARM64_H
#define _ARM64_H

#include <types.h>

/* Set by head.S: QEMU started the boot CPU at EL2 (-machine virt,virtualization=on). */
extern unsigned long booted_at_el2;

/* firmware.S: PSCI through the conduit the device tree names (smc when false: hvc). */
extern bool psci_use_smc;
long psci_call(unsigned long fn, unsigned long arg0, unsigned long arg1, unsigned long arg2);
/* Semihosting SYS_EXIT(ApplicationExit, @status); returns if semihosting is off. */
void semihosting_exit(unsigned long status);

#define PSCI_0_2_FN_SYSTEM_OFF 0x84000008UL
#define PSCI_0_2_FN64_CPU_ON 0xc4000003UL
#define PSCI_RET_SUCCESS 0

/* dt.c: what the kernel needs from the device tree beyond memory and CPUs. */
const void *dt_find_compatible(const char *compatible, int *node);
bool dt_reg(int node, unsigned int index, u64 *base, u64 *size);
void dt_setup_psci(void);

/* gic.c: the interrupt controller, version 2 or 3, as the device tree describes it. */
void gic_init(void);
void gic_cpu_init(void);
void gic_send_ipi(unsigned int cpu);
void gic_handle_irq(void);
/*
 * The register frames to map (PAGE_KERNEL_IO), with their names for the layout
 * (gicd, then gicc on v2 or gicr on v3); returns how many of @nr it filled.
 */
unsigned int gic_mappings(u64 *base, u64 *size, const char **name, unsigned int nr);

/* tlb.c: a translation fault on a mapping being replaced or just made; true: retry. */
bool arm64_spurious_fault(unsigned long addr, int access);

/* pmu.c: count instructions retired (INST_RETIRED) in event counter 0, on this CPU. */
void pmu_init(void);

#endif /* _ARM64_H */
