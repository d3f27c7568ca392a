/*
 * The GIC, version 2 or 3 as the device tree says (QEMU virt: gic-version=2
 * or 3), used for one thing: IPIs. SGI 0 is the IPI; it is the only
 * interrupt enabled, at one priority, in group 1 (v3) or group 0 (v2, with
 * no security extensions in use). Version 2 is driven through the
 * distributor and CPU-interface registers in memory, version 3 through the
 * distributor, each CPU's redistributor and the ICC_* system registers.
 * gic_init() runs once on the boot CPU (before paging_init(): its frames
 * are reached through the boot identity map, and mapped for good by
 * paging_init()), gic_cpu_init() on every CPU as it starts.
 */
#include <asm/port.h>
#include <bug.h>
#include <kernel.h>
#include <printk.h>
#include <smp.h>

#include "arm64.h"

#define IPI_SGI 0
#define IPI_PRIORITY 0xa0
#define PRIORITY_MASK 0xf0 /* lets IPI_PRIORITY through */
#define SPURIOUS_IRQ 1023

/* Distributor registers (both versions) */
#define GICD_CTLR 0x0000
#define GICD_ISENABLER 0x0100
#define GICD_IPRIORITYR 0x0400
#define GICD_ITARGETSR 0x0800
#define GICD_SGIR 0x0f00
#define GICD_CTLR_ENABLE_GRP0 (1U << 0)
#define GICD_CTLR_ENABLE_GRP1 (1U << 1)
#define GICD_CTLR_ARE (1U << 4)
#define GICD_CTLR_RWP (1U << 31)

/* GICv2 CPU interface */
#define GICC_CTLR 0x0000
#define GICC_PMR 0x0004
#define GICC_IAR 0x000c
#define GICC_EOIR 0x0010

/* GICv3 redistributor: RD_base frame, then SGI_base frame 64 KiB above it */
#define GICR_TYPER 0x0008
#define GICR_WAKER 0x0014
#define GICR_TYPER_VLPIS (1UL << 1)
#define GICR_TYPER_LAST (1UL << 4)
#define GICR_WAKER_PROCESSOR_SLEEP (1U << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1U << 2)
#define GICR_SGI_BASE 0x10000
#define GICR_IGROUPR0 0x0080
#define GICR_ISENABLER0 0x0100
#define GICR_IPRIORITYR0 0x0400

#define MPIDR_AFF(mpidr, n) (((mpidr) >> ((n) == 3 ? 32 : 8 * (n))) & 0xff)

static unsigned int gic_version;
static u64 frame_base[2], frame_size[2]; /* v2: distributor, CPU interface; v3: dist., redists. */
static u8 cpu_target[NR_CPUS];		 /* v2: each CPU's bit in GICD_ITARGETSR / GICD_SGIR */

static volatile u32 *reg32(u64 base, unsigned long off)
{
	return (volatile u32 *)((unsigned long)base + off);
}

static u64 read64(u64 base, unsigned long off)
{
	return *(volatile u64 *)((unsigned long)base + off);
}

void gic_init(void)
{
	int node;
	const char *name;

	name = dt_find_compatible("arm,gic-v3", &node);
	gic_version = 3;
	if (!name) {
		name = dt_find_compatible("arm,cortex-a15-gic", &node);
		gic_version = 2;
	}
	if (!name)
		name = dt_find_compatible("arm,gic-400", &node);
	if (!name || !dt_reg(node, 0, &frame_base[0], &frame_size[0]) ||
	    !dt_reg(node, 1, &frame_base[1], &frame_size[1]))
		panic("gic: no GICv2 or GICv3 with two register frames in the device tree");
	pr_info("GICv%u: %s: distributor at %#llx, %s at %#llx\n", gic_version, name,
		(unsigned long long)frame_base[0],
		gic_version == 3 ? "redistributors" : "CPU interface",
		(unsigned long long)frame_base[1]);
	if (gic_version == 3) {
		*reg32(frame_base[0], GICD_CTLR) =
			GICD_CTLR_ARE | GICD_CTLR_ENABLE_GRP1 | GICD_CTLR_ENABLE_GRP0;
		while (*reg32(frame_base[0], GICD_CTLR) & GICD_CTLR_RWP)
			cpu_relax();
	} else {
		*reg32(frame_base[0], GICD_CTLR) = GICD_CTLR_ENABLE_GRP0;
	}
	gic_cpu_init();
}

unsigned int gic_mappings(u64 *base, u64 *size, const char **name, unsigned int nr)
{
	static const char *const names[2][2] = { { "gicd", "gicc" }, { "gicd", "gicr" } };
	unsigned int n = min(nr, 2U);

	for (unsigned int i = 0; i < n; i++) {
		base[i] = frame_base[i];
		size[i] = frame_size[i];
		name[i] = names[gic_version == 3][i];
	}
	return n;
}

static unsigned long this_mpidr(void)
{
	unsigned long mpidr;

	__asm__ __volatile__("mrs %0, mpidr_el1" : "=r"(mpidr));
	return mpidr;
}

/* This CPU's redistributor: the frame whose GICR_TYPER names our affinity. */
static u64 gicv3_this_redist(void)
{
	unsigned long mpidr = this_mpidr();
	u32 aff = MPIDR_AFF(mpidr, 3) << 24 | MPIDR_AFF(mpidr, 2) << 16 | MPIDR_AFF(mpidr, 1) << 8 |
		  MPIDR_AFF(mpidr, 0);
	u64 rd = frame_base[1];

	for (; rd < frame_base[1] + frame_size[1];) {
		u64 typer = read64(rd, GICR_TYPER);

		if ((u32)(typer >> 32) == aff)
			return rd;
		if (typer & GICR_TYPER_LAST)
			break;
		rd += typer & GICR_TYPER_VLPIS ? 0x40000 : 0x20000;
	}
	panic("gic: no redistributor for MPIDR %#lx", mpidr);
}

static void gicv3_cpu_init(void)
{
	u64 rd = gicv3_this_redist(), sgi = rd + GICR_SGI_BASE;
	unsigned long sre;

	*reg32(rd, GICR_WAKER) &= ~GICR_WAKER_PROCESSOR_SLEEP;
	while (*reg32(rd, GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP)
		cpu_relax();
	*reg32(sgi, GICR_IGROUPR0) |= 1U << IPI_SGI;
	((volatile u8 *)(unsigned long)(sgi + GICR_IPRIORITYR0))[IPI_SGI] = IPI_PRIORITY;
	*reg32(sgi, GICR_ISENABLER0) = 1U << IPI_SGI;

	__asm__ __volatile__("mrs %0, S3_0_C12_C12_5" : "=r"(sre)); /* ICC_SRE_EL1 */
	__asm__ __volatile__("msr S3_0_C12_C12_5, %0\n\tisb" ::"r"(sre | 1));
	__asm__ __volatile__("msr S3_0_C4_C6_0, %0" ::"r"((unsigned long)PRIORITY_MASK)); /* PMR */
	__asm__ __volatile__("msr S3_0_C12_C12_3, xzr"); /* ICC_BPR1_EL1 */
	__asm__ __volatile__(
		"msr S3_0_C12_C12_4, xzr"); /* ICC_CTLR_EL1: EOI drops and deactivates */
	__asm__ __volatile__("msr S3_0_C12_C12_7, %0\n\tisb" ::"r"(1UL)); /* ICC_IGRPEN1_EL1 */
}

static void gicv2_cpu_init(void)
{
	u64 dist = frame_base[0], cpuif = frame_base[1];

	/* GICD_ITARGETSR0..7 are banked: byte 0 reads this CPU's own target bit. */
	cpu_target[smp_processor_id()] = *(volatile u8 *)(unsigned long)(dist + GICD_ITARGETSR);
	((volatile u8 *)(unsigned long)(dist + GICD_IPRIORITYR))[IPI_SGI] = IPI_PRIORITY;
	*reg32(dist, GICD_ISENABLER) = 1U << IPI_SGI;
	*reg32(cpuif, GICC_PMR) = PRIORITY_MASK;
	*reg32(cpuif, GICC_CTLR) = 1;
}

/* Make this CPU's interface take the IPI (the CPU's IRQ mask stays as it is). */
void gic_cpu_init(void)
{
	if (gic_version == 3)
		gicv3_cpu_init();
	else
		gicv2_cpu_init();
}

/*
 * The IPI to @cpu. The dsb makes the caller's stores (the queued call) visible
 * before the SGI can arrive: the GIC write is not ordered with them otherwise
 * (a system register on v3, Device memory on v2).
 */
void gic_send_ipi(unsigned int cpu)
{
	unsigned long mpidr = cpu_hwid(cpu);

	__asm__ __volatile__("dsb ishst" ::: "memory");
	if (gic_version == 3) {
		unsigned long sgi1r = MPIDR_AFF(mpidr, 3) << 48 | MPIDR_AFF(mpidr, 2) << 32 |
				      (unsigned long)IPI_SGI << 24 | MPIDR_AFF(mpidr, 1) << 16 |
				      1UL << (MPIDR_AFF(mpidr, 0) & 15);

		__asm__ __volatile__(
			"msr S3_0_C12_C11_5, %0\n\tisb" ::"r"(sgi1r)); /* ICC_SGI1R_EL1 */
	} else {
		*reg32(frame_base[0], GICD_SGIR) = (u32)cpu_target[cpu] << 16 | IPI_SGI;
	}
}

/*
 * An IRQ: acknowledge it and signal its end before running the calls, so
 * that an IPI sent while they run is taken again afterwards.
 */
void gic_handle_irq(void)
{
	unsigned long iar;

	if (gic_version == 3) {
		__asm__ __volatile__("mrs %0, S3_0_C12_C12_0" : "=r"(iar)); /* ICC_IAR1_EL1 */
		if ((iar & 0xffffff) >= SPURIOUS_IRQ)
			return;
		__asm__ __volatile__(
			"msr S3_0_C12_C12_1, %0\n\tisb" ::"r"(iar)); /* ICC_EOIR1_EL1 */
	} else {
		iar = *reg32(frame_base[1], GICC_IAR);
		if ((iar & 0x3ff) >= SPURIOUS_IRQ)
			return;
		*reg32(frame_base[1], GICC_EOIR) = (u32)iar;
	}
	if ((iar & 0x3ff) == IPI_SGI)
		smp_ipi_interrupt();
	else
		pr_warn("gic: unexpected interrupt %lu\n", iar & 0x3ff);
}
