/*
 * Several CPUs: bringing them up from the device tree's /cpus, cross-CPU
 * calls through inter-processor interrupts, and the idle loop in which a
 * CPU with nothing to do waits for calls and for work (<smp.h>). The port
 * starts CPUs and sends IPIs (include/arch.h); everything else is here.
 */
#include <arch.h>
#include <atomic.h>
#include <bug.h>
#include <dtb.h>
#include <errno.h>
#include <kernel.h>
#include <percpu.h>
#include <setup.h>
#include <smp.h>

/* How long smp_init() waits for a started CPU to come up, in polls. */
#define CPU_UP_POLLS (1UL << 28)

unsigned long __cpu_online_mask;
static unsigned long cpu_hwids[NR_CPUS];

unsigned long cpu_hwid(unsigned int cpu)
{
	return cpu < NR_CPUS ? cpu_hwids[cpu] : ~0UL;
}

static void set_cpu_online(unsigned int cpu)
{
	__atomic_fetch_or(&__cpu_online_mask, 1UL << cpu, __ATOMIC_RELEASE);
}

/*
 * Cross-CPU calls. Each CPU has a queue of calls for it: a singly linked
 * list that senders push onto with a compare-and-swap and that the owner
 * takes whole with one exchange in its IPI handler. A sender sends an IPI
 * only when it finds the queue empty: a non-empty queue has an IPI on the
 * way already, whose handler has not taken the queue yet (it empties the
 * queue before it runs anything), so it will find the new call too.
 *
 * The call's descriptor (csd) belongs to the sender: each CPU has one per
 * target, reused once the target has finished with it (CSD_LOCK cleared).
 * A target clears CSD_LOCK before it runs an asynchronous call (it copies
 * func and info first) and after it runs a synchronous one, which is how
 * the waiting sender learns it has returned.
 */
#define CSD_LOCK 0x1u
#define CSD_SYNC 0x2u

struct call_single_data {
	struct call_single_data *next;
	smp_call_func_t func;
	void *info;
	unsigned int flags;
};

struct call_queue {
	struct call_single_data *first;
} ____cacheline_aligned;

struct csd_set {
	struct call_single_data csd[NR_CPUS]; /* the one for calls to CPU n */
} ____cacheline_aligned;

static DEFINE_PER_CPU(struct call_queue, call_queue);
static DEFINE_PER_CPU(struct csd_set, csd_data);

static void csd_wait(struct call_single_data *csd)
{
	while (smp_load_acquire(&csd->flags) & CSD_LOCK)
		cpu_relax();
}

static void csd_unlock(struct call_single_data *csd)
{
	smp_store_release(&csd->flags, 0);
}

/* Push @csd on @cpu's queue; true if the queue was empty (the caller sends the IPI). */
static bool call_queue_push(unsigned int cpu, struct call_single_data *csd)
{
	struct call_queue *q = per_cpu_ptr(&call_queue, cpu);
	struct call_single_data *first = __atomic_load_n(&q->first, __ATOMIC_RELAXED);

	do {
		csd->next = first;
	} while (!__atomic_compare_exchange_n(&q->first, &first, csd, true, __ATOMIC_RELEASE,
					      __ATOMIC_RELAXED));
	return first == NULL;
}

/* Queue @func(@info) for @cpu (online, not this one) and make sure an IPI is on its way. */
static struct call_single_data *send_call(unsigned int cpu, smp_call_func_t func, void *info,
					  int wait)
{
	struct call_single_data *csd = &this_cpu_ptr(&csd_data)->csd[cpu];

	csd_wait(csd); /* our previous, asynchronous call to @cpu has started */
	csd->func = func;
	csd->info = info;
	__atomic_store_n(&csd->flags, CSD_LOCK | (wait ? CSD_SYNC : 0), __ATOMIC_RELAXED);
	if (call_queue_push(cpu, csd))
		arch_send_ipi(cpu);
	return csd;
}

void smp_ipi_interrupt(void)
{
	struct call_queue *q = this_cpu_ptr(&call_queue);
	struct call_single_data *csd, *reversed = NULL;

	csd = __atomic_exchange_n(&q->first, NULL, __ATOMIC_ACQUIRE);
	while (csd) { /* the queue is newest first: run the calls in the order they came */
		struct call_single_data *next = csd->next;

		csd->next = reversed;
		reversed = csd;
		csd = next;
	}
	for (csd = reversed; csd; csd = reversed) {
		smp_call_func_t func = csd->func;
		void *info = csd->info;

		reversed = csd->next; /* read before the sender may reuse @csd */
		if (csd->flags & CSD_SYNC) {
			func(info);
			csd_unlock(csd);
		} else {
			csd_unlock(csd);
			func(info);
		}
	}
}

bool cpus_can_be_waited_for(void)
{
	return !irqs_disabled() || num_online_cpus() == 1;
}

/* Cross-CPU calls from a CPU with interrupts masked could deadlock: refuse them, loudly. */
static bool calls_forbidden_here(void)
{
	return WARN_ON(irqs_disabled() && num_online_cpus() > 1);
}

static void run_here(smp_call_func_t func, void *info)
{
	unsigned long flags;

	local_irq_save(flags);
	func(info);
	local_irq_restore(flags);
}

int smp_call_function_single(unsigned int cpu, smp_call_func_t func, void *info, int wait)
{
	struct call_single_data *csd;

	if (cpu == smp_processor_id()) {
		run_here(func, info);
		return 0;
	}
	if (!cpu_online(cpu))
		return -ENXIO;
	if (calls_forbidden_here())
		return -EDEADLK;
	csd = send_call(cpu, func, info, wait);
	if (wait)
		csd_wait(csd);
	return 0;
}

/* Send @func to every online CPU but this one; if @wait, wait after @local ran here. */
static void call_others(smp_call_func_t func, void *info, int wait, bool local)
{
	struct call_single_data *sent[NR_CPUS];
	unsigned int me = smp_processor_id(), cpu, n = 0;

	for_each_online_cpu (cpu)
		if (cpu != me)
			sent[n++] = send_call(cpu, func, info, wait);
	if (local)
		run_here(func, info);
	while (wait && n)
		csd_wait(sent[--n]);
}

void smp_call_function(smp_call_func_t func, void *info, int wait)
{
	if (num_online_cpus() == 1 || calls_forbidden_here())
		return;
	call_others(func, info, wait, false);
}

void on_each_cpu(smp_call_func_t func, void *info, int wait)
{
	if (num_online_cpus() == 1 || calls_forbidden_here()) {
		run_here(func, info);
		return;
	}
	call_others(func, info, wait, true);
}

/*
 * CPU work: one slot per CPU, which its idle loop empties. A waker puts the
 * work in the slot and sends an IPI, which ends the target's wait in
 * arch_cpu_idle(); the IPI handler finds no call and returns, and the idle
 * loop finds the work.
 */
struct cpu_work {
	int (*func)(void *arg);
	void *arg;
	int ret;
	int done;
};

static DEFINE_PER_CPU(struct cpu_work *, cpu_work);

static int queue_work_on(unsigned int cpu, struct cpu_work *work)
{
	struct cpu_work *none = NULL;

	if (!cpu_online(cpu))
		return -ENXIO;
	if (!__atomic_compare_exchange_n(per_cpu_ptr(&cpu_work, cpu), &none, work, false,
					 __ATOMIC_RELEASE, __ATOMIC_RELAXED))
		return -EBUSY;
	arch_send_ipi(cpu);
	return 0;
}

static int wait_work(struct cpu_work *work)
{
	while (!smp_load_acquire(&work->done))
		cpu_relax();
	return work->ret;
}

static void run_work(struct cpu_work *work)
{
	work->ret = work->func(work->arg);
	smp_store_release(&work->done, 1);
}

int smp_call_on_cpu(unsigned int cpu, int (*func)(void *), void *par, bool phys)
{
	struct cpu_work work = { .func = func, .arg = par };
	int err;

	if (cpu == smp_processor_id())
		return func(par);
	if (calls_forbidden_here())
		return -EDEADLK;
	err = queue_work_on(cpu, &work);
	return err ? err : wait_work(&work);
}

int smp_run_on_cpus(unsigned long mask, int (*func)(void *), void *arg)
{
	struct cpu_work work[NR_CPUS];
	unsigned int me = smp_processor_id(), cpu;
	unsigned long queued = 0;
	int ret = 0, err = 0;

	if (mask & ~cpu_online_mask())
		return -ENXIO;
	if ((mask & ~(1UL << me)) && calls_forbidden_here())
		return -EDEADLK;
	for (cpu = 0; cpu < NR_CPUS && !err; cpu++) {
		if (cpu == me || !(mask & (1UL << cpu)))
			continue;
		work[cpu] = (struct cpu_work){ .func = func, .arg = arg };
		err = queue_work_on(cpu, &work[cpu]);
		if (!err)
			queued |= 1UL << cpu;
	}
	if (!err && (mask & (1UL << me))) {
		work[me] = (struct cpu_work){ .func = func, .arg = arg };
		run_work(&work[me]);
		queued |= 1UL << me;
	}
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!(queued & (1UL << cpu)))
			continue;
		ret = wait_work(&work[cpu]);
		if (ret && !err)
			err = ret;
	}
	return err;
}

int smp_run_on_each_cpu(int (*func)(void *), void *arg)
{
	return smp_run_on_cpus(cpu_online_mask(), func, arg);
}

/*
 * The idle loop. Work is looked for with interrupts masked and the wait
 * starts with them still masked (arch_cpu_idle() returns when an interrupt
 * is pending): an IPI that arrives in between stays pending and ends the
 * wait, instead of being taken before the wait and lost. Enabling
 * interrupts then runs the pending cross-CPU calls.
 */
static void __noreturn cpu_idle_loop(void)
{
	struct cpu_work **slot = this_cpu_ptr(&cpu_work);

	for (;;) {
		struct cpu_work *work;

		local_irq_disable();
		work = __atomic_exchange_n(slot, NULL, __ATOMIC_ACQUIRE);
		if (!work)
			arch_cpu_idle();
		local_irq_enable();
		if (work)
			run_work(work);
	}
}

/*
 * A started CPU and smp_init() agree once on its fate: it comes online, or
 * smp_init() gave up waiting and it must never join (it would find itself
 * left out of everything smp_init() printed and counted).
 */
enum cpu_boot_state {
	CPU_NOT_STARTED,
	CPU_STARTING,
	CPU_UP,
	CPU_GIVEN_UP,
};

static int cpu_boot_state[NR_CPUS];

static bool settle_boot_state(unsigned int cpu, int outcome)
{
	int starting = CPU_STARTING;

	return __atomic_compare_exchange_n(&cpu_boot_state[cpu], &starting, outcome, false,
					   __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

void secondary_start_kernel(void)
{
	unsigned int cpu = smp_processor_id();

	if (!settle_boot_state(cpu, CPU_UP))
		for (;;) /* too late: smp_init() gave up on this CPU */
			arch_cpu_idle();
	set_cpu_online(cpu);
	local_irq_enable();
	cpu_idle_loop();
}

/* Bring-up. */

struct cpu_list {
	unsigned long boot_hwid;
	unsigned int nr;    /* CPUs numbered so far, the boot CPU included */
	unsigned int extra; /* CPUs of the device tree beyond NR_CPUS */
	bool boot_found;
};

static int number_cpu(void *arg, const char *name, u64 hwid)
{
	struct cpu_list *list = arg;

	if (hwid == list->boot_hwid && !list->boot_found) {
		list->boot_found = true;
		return 0;
	}
	if (list->nr == NR_CPUS) {
		list->extra++;
		return 0;
	}
	cpu_hwids[list->nr++] = hwid;
	return 0;
}

static bool wait_cpu_up(unsigned int cpu)
{
	for (unsigned long polls = 0; polls < CPU_UP_POLLS; polls++) {
		if (cpu_online(cpu))
			return true;
		cpu_relax();
	}
	if (settle_boot_state(cpu, CPU_GIVEN_UP))
		return false;
	while (!cpu_online(cpu)) /* it made it just now */
		cpu_relax();
	return true;
}

void smp_init(unsigned long boot_hwid)
{
	struct cpu_list list = { .boot_hwid = boot_hwid, .nr = 1 };
	char line[160];
	int err, len = 0;

	cpu_hwids[0] = boot_hwid;
	set_cpu_online(0);
	err = dtb_for_each_cpu(&boot_dtb, number_cpu, &list);
	if (err)
		pr_warn("smp: cannot read /cpus: %s; running on the boot CPU only\n",
			dtb_strerror(err));
	if (!err && list.extra)
		pr_warn("smp: %u CPUs of the device tree left out: NR_CPUS is %d\n", list.extra,
			NR_CPUS);
	if (!err && list.nr > 1)
		pr_info("smp: Bringing up secondary CPUs ...\n");
	for (unsigned int cpu = 1; !err && cpu < list.nr; cpu++) {
		int ret;

		cpu_boot_state[cpu] = CPU_STARTING;
		ret = arch_start_cpu(cpu, cpu_hwids[cpu]);

		if (ret)
			pr_warn("smp: CPU%u (hwid %lu) failed to start: error %d\n", cpu,
				cpu_hwids[cpu], ret);
		else if (!wait_cpu_up(cpu))
			pr_warn("smp: CPU%u (hwid %lu) started but did not come up\n", cpu,
				cpu_hwids[cpu]);
	}
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu_online(cpu))
			len += scnprintf(line + len, sizeof(line) - len, " CPU%u (hwid %lu%s),",
					 cpu, cpu_hwids[cpu], cpu ? "" : ", boot");
	if (len)
		line[len - 1] = '\0';
	pr_info("smp: Brought up %u CPU%s:%s\n", num_online_cpus(),
		num_online_cpus() == 1 ? "" : "s", line);
	local_irq_enable();
}
