/*
 * start_kernel(): the architecture-independent boot sequence. Reads the
 * device tree, the command line and the memory map, runs the self-tests and
 * powers off with their verdict (or, with ktest.shutdown=0, opens the memory
 * console).
 */
#include <arch.h>
#include <asm/port.h>
#include <bench.h>
#include <bug.h>
#include <fault_inject.h>
#include <kernel.h>
#include <ktest.h>
#include <memblock.h>
#include <mm.h>
#include <mmconsole.h>
#include <params.h>
#include <pgtable.h>
#include <setup.h>
#include <slab.h>
#include <smp.h>
#include <string.h>
#include <vmalloc.h>

static bool shutdown_after_tests = true;

static int parse_shutdown(const char *value)
{
	unsigned long on;

	if (!value || kstrtoul(value, 0, &on) || on > 1)
		return -EINVAL;
	shutdown_after_tests = on;
	return 0;
}
early_param("ktest.shutdown", parse_shutdown);

static void setup_dtb(phys_addr_t dtb_pa)
{
	int err = dtb_init(&boot_dtb, phys_to_virt(dtb_pa), DTB_MAX_SIZE);

	if (err)
		panic("invalid device tree blob at %#llx: %s", (unsigned long long)dtb_pa,
		      dtb_strerror(err));
	boot_dtb_pa = dtb_pa;
}

pte_t *boot_own_root;
struct pgtable_join boot_join;
static bool join_requested;

/* paging.join=<max leaf level>[,nonglobal] (include/setup.h). */
static int parse_join(const char *value)
{
	char level[8];
	const char *comma = value ? strchr(value, ',') : NULL;
	size_t len = comma ? (size_t)(comma - value) : (value ? strlen(value) : 0);
	unsigned long max;

	if (!len || len >= sizeof(level) || (comma && strcmp(comma + 1, "nonglobal")))
		return -EINVAL;
	memcpy(level, value, len);
	level[len] = '\0';
	if (kstrtoul(level, 0, &max) || max >= PGTABLE_LEVELS)
		return -EINVAL;
	boot_join = (struct pgtable_join){ .max_leaf_level = max, .nonglobal = comma != NULL };
	join_requested = true;
	return 0;
}
early_param("paging.join", parse_join);

static void setup_paging(void)
{
	unsigned int nr;
	const struct kernel_mapping *maps = arch_kernel_mappings(&nr);

	if (!join_requested) {
		paging_init(maps, nr);
		return;
	}
	/* As a kernel that embeds mm/ in a table of its own does (docs/embedding.md). */
	boot_own_root = memblock_alloc(PAGE_SIZE, PAGE_SIZE);
	if (!boot_own_root)
		panic("paging.join: no page for the kernel's own root table");
	paging_init_join(boot_own_root, &boot_join, maps, nr);
	arch_load_page_table(virt_to_phys(boot_own_root));
}

void boot_init(unsigned long boot_cpu, phys_addr_t dtb_pa)
{
	const char *bootargs;

	pr_notice("Booting the mm kernel (%s) on CPU 0 (hwid %lu), device tree at %#llx\n",
		  arch_name(), boot_cpu, (unsigned long long)dtb_pa);
	setup_dtb(dtb_pa);
	bootargs = arch_bootargs_override();
	if (!bootargs)
		bootargs = dtb_bootargs(&boot_dtb);
	pr_notice("Kernel command line: %s\n", setup_bootargs(bootargs));
	setup_memory();
	mm_layout_init();
	setup_paging(); /* first: mm_core_init() maps the struct pages with this table */
	boot_counts.mm_core_init = arch_counter();
	mm_core_init();
	boot_counts.mm_core_init = arch_counter() - boot_counts.mm_core_init;
	smp_init(boot_cpu);
	boot_counts.init_late = arch_counter();
	page_alloc_init_late(); /* on every CPU: after smp_init() */
	boot_counts.init_late = arch_counter() - boot_counts.init_late;
}

struct boot_counts boot_counts;

void start_kernel(unsigned long boot_cpu, phys_addr_t dtb_pa)
{
	unsigned int failed;

	boot_counts.entry = arch_counter();
	boot_init(boot_cpu, dtb_pa);
	boot_counts.first_test = arch_counter();
	if (bench_requested) {
		bench_run_all();
		arch_power_off(EXIT_TESTS_PASSED);
	}
	failed = ktest_run_all();
	pr_info("Memory after the tests:\n");
	show_buddyinfo();
	show_meminfo();
	show_slabinfo();
	show_vmallocinfo();
	show_fault_inject_stats();
	if (!shutdown_after_tests)
		mmconsole_run(failed);
	pr_notice("Powering off: %s\n",
		  failed ? "tests failed (exit status 1)" : "all tests passed (exit status 0)");
	arch_power_off(failed ? EXIT_TESTS_FAILED : EXIT_TESTS_PASSED);
}
