/*
 * Self-tests of the SMP primitives (kernel/smp.c, <spinlock.h>, <atomic.h>,
 * <percpu.h>): every CPU of the device tree up, cross-CPU calls and CPU work,
 * spinlocks with interrupts, atomics and per-CPU variables. Cases that need
 * a second CPU skip when there is none (SMP=1).
 */
#include <atomic.h>
#include <bug.h>
#include <errno.h>
#include <kernel.h>
#include <ktest.h>
#include <percpu.h>
#include <setup.h>
#include <smp.h>
#include <spinlock.h>

/* Polls before a case gives up waiting for another CPU (a hang would be worse). */
#define WAIT_POLLS (1UL << 26)

#define NEED_TWO_CPUS(t)                                             \
	do {                                                         \
		if (num_online_cpus() < 2)                           \
			KTEST_SKIP(t, "needs a second CPU (SMP=1)"); \
	} while (0)

/* The first online CPU that is not this one (the caller checked there is one). */
static unsigned int other_cpu(void)
{
	unsigned int cpu;

	for_each_online_cpu (cpu)
		if (cpu != smp_processor_id())
			return cpu;
	return 0;
}

static int count_cpu(void *arg, const char *name, u64 hwid)
{
	(*(unsigned int *)arg)++;
	return 0;
}

static void every_cpu_of_the_device_tree_is_online(struct ktest *t)
{
	unsigned int in_tree = 0;

	KTEST_ASSERT_EQ(t, dtb_for_each_cpu(&boot_dtb, count_cpu, &in_tree), 0);
	KTEST_EXPECT_EQ(t, num_online_cpus(), min(in_tree, (unsigned int)NR_CPUS));
	KTEST_EXPECT_TRUE(t, cpu_online(0));
	KTEST_EXPECT_EQ(t, smp_processor_id(), 0U); /* the tests run on the boot CPU */
	KTEST_EXPECT_FALSE(t, cpu_online(NR_CPUS));
}

static void online_cpus_have_distinct_hardware_ids(struct ktest *t)
{
	unsigned int a, b;

	for_each_online_cpu (a)
		for_each_online_cpu (b)
			if (a < b && cpu_hwid(a) == cpu_hwid(b))
				KTEST_FAIL(t, "CPU%u and CPU%u both have hardware id %lu", a, b,
					   cpu_hwid(a));
}

/* What each CPU saw when a call ran there: its index + 1, and whether interrupts were masked. */
static unsigned int seen_cpu[NR_CPUS];
static bool seen_irqs_off[NR_CPUS];

static void record_cpu(void *info)
{
	unsigned int cpu = smp_processor_id();

	seen_irqs_off[cpu] = irqs_disabled();
	smp_store_release(&seen_cpu[cpu], cpu + 1);
}

static void clear_seen(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		WRITE_ONCE(seen_cpu[cpu], 0);
		seen_irqs_off[cpu] = false;
	}
}

static void on_each_cpu_runs_on_every_cpu_with_interrupts_masked(struct ktest *t)
{
	unsigned int cpu;

	clear_seen();
	on_each_cpu(record_cpu, NULL, 1);
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		KTEST_EXPECT_EQ(t, smp_load_acquire(&seen_cpu[cpu]), cpu_online(cpu) ? cpu + 1 : 0);
		if (cpu_online(cpu))
			KTEST_EXPECT_TRUE(t, seen_irqs_off[cpu]);
	}
	KTEST_EXPECT_FALSE(t, irqs_disabled()); /* and this CPU's are back on */
}

static void smp_call_function_skips_this_cpu(struct ktest *t)
{
	unsigned int cpu;

	clear_seen();
	smp_call_function(record_cpu, NULL, 1);
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		KTEST_EXPECT_EQ(t, smp_load_acquire(&seen_cpu[cpu]),
				cpu_online(cpu) && cpu != smp_processor_id() ? cpu + 1 : 0);
}

static void a_single_call_runs_on_its_target_and_waits(struct ktest *t)
{
	unsigned int cpu;

	for_each_online_cpu (cpu) {
		clear_seen();
		KTEST_EXPECT_EQ(t, smp_call_function_single(cpu, record_cpu, NULL, 1), 0);
		/* Waited for: already done, and nowhere else. */
		for (unsigned int c = 0; c < NR_CPUS; c++)
			KTEST_EXPECT_EQ(t, READ_ONCE(seen_cpu[c]), c == cpu ? cpu + 1 : 0);
	}
}

static atomic_t async_calls;

static void count_call(void *info)
{
	atomic_inc(&async_calls);
}

static void calls_without_wait_all_run(struct ktest *t)
{
	unsigned int cpu = 0, expected = 0;
	unsigned long polls = 0;

	NEED_TWO_CPUS(t);
	atomic_set(&async_calls, 0);
	for (int round = 0; round < 100; round++) {
		for_each_online_cpu (cpu) {
			if (cpu == smp_processor_id())
				continue;
			KTEST_ASSERT_EQ(t, smp_call_function_single(cpu, count_call, NULL, 0), 0);
			expected++;
		}
	}
	while (atomic_read(&async_calls) != (int)expected && polls++ < WAIT_POLLS)
		cpu_relax();
	KTEST_EXPECT_EQ(t, atomic_read(&async_calls), (int)expected);
}

static void a_call_to_a_cpu_that_is_not_online_fails(struct ktest *t)
{
	unsigned int cpu;

	KTEST_EXPECT_EQ(t, smp_call_function_single(NR_CPUS, record_cpu, NULL, 1), -ENXIO);
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		if (!cpu_online(cpu))
			KTEST_EXPECT_EQ(t, smp_call_function_single(cpu, record_cpu, NULL, 1),
					-ENXIO);
}

static void a_call_with_interrupts_masked_is_refused_with_a_warning(struct ktest *t)
{
	unsigned long warnings = warn_count(), flags;
	int ret;

	NEED_TWO_CPUS(t);
	clear_seen();
	local_irq_save(flags);
	ret = smp_call_function_single(other_cpu(), record_cpu, NULL, 1);
	local_irq_restore(flags);
	KTEST_EXPECT_EQ(t, ret, -EDEADLK);
	KTEST_EXPECT_EQ(t, warn_count(), warnings + 1);
	KTEST_EXPECT_EQ(t, READ_ONCE(seen_cpu[other_cpu()]), 0U);
	KTEST_EXPECT_TRUE(t, cpus_can_be_waited_for());
}

/* Every CPU sends waited-for calls to every CPU at once: none may wait forever. */
#define CALL_STORM_ROUNDS 200
static atomic_t storm_calls[NR_CPUS];

static void storm_call(void *info)
{
	atomic_inc(&storm_calls[smp_processor_id()]);
}

static int call_storm(void *arg)
{
	for (int i = 0; i < CALL_STORM_ROUNDS; i++)
		on_each_cpu(storm_call, NULL, 1);
	return 0;
}

static void every_cpu_calling_every_cpu_at_once_completes(struct ktest *t)
{
	unsigned int cpu, n = num_online_cpus();

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		atomic_set(&storm_calls[cpu], 0);
	KTEST_ASSERT_EQ(t, smp_run_on_each_cpu(call_storm, NULL), 0);
	for_each_online_cpu (cpu)
		KTEST_EXPECT_EQ(t, atomic_read(&storm_calls[cpu]), (int)(n * CALL_STORM_ROUNDS));
}

static int whoami(void *arg)
{
	return irqs_disabled() ? -1 : 100 + (int)smp_processor_id();
}

static void smp_call_on_cpu_runs_there_with_interrupts_enabled(struct ktest *t)
{
	unsigned int cpu;

	for_each_online_cpu (cpu)
		KTEST_EXPECT_EQ(t, smp_call_on_cpu(cpu, whoami, NULL, false), 100 + (int)cpu);
	KTEST_EXPECT_EQ(t, smp_call_on_cpu(NR_CPUS, whoami, NULL, false), -ENXIO);
}

/* A rendezvous: each CPU arrives, then waits for all. Only CPUs running at once can all arrive. */
static atomic_t arrived;

static int rendezvous(void *arg)
{
	unsigned int want = *(unsigned int *)arg;
	unsigned long polls = 0;

	atomic_inc(&arrived);
	while ((unsigned int)atomic_read(&arrived) < want)
		if (polls++ > WAIT_POLLS)
			return -1;
	return 0;
}

static void smp_run_on_cpus_runs_them_all_at_the_same_time(struct ktest *t)
{
	unsigned int n = num_online_cpus();
	unsigned long others = cpu_online_mask() & ~1UL;

	atomic_set(&arrived, 0);
	KTEST_EXPECT_EQ(t, smp_run_on_each_cpu(rendezvous, &n), 0);
	KTEST_EXPECT_EQ(t, atomic_read(&arrived), (int)n);
	/* Without this CPU: the others alone. */
	n--;
	atomic_set(&arrived, 0);
	KTEST_EXPECT_EQ(t, smp_run_on_cpus(others, rendezvous, &n), 0);
	KTEST_EXPECT_EQ(t, atomic_read(&arrived), (int)n);
	if (num_online_cpus() < NR_CPUS) /* a mask with a CPU that is not up */
		KTEST_EXPECT_EQ(t, smp_run_on_cpus(~0UL >> (64 - NR_CPUS), rendezvous, &n), -ENXIO);
}

/* Spinlocks. */

static void spin_lock_irqsave_masks_interrupts_and_restores_them(struct ktest *t)
{
	DEFINE_SPINLOCK(lock);
	unsigned long outer, inner;

	KTEST_ASSERT_FALSE(t, irqs_disabled());
	spin_lock_irqsave(&lock, outer);
	KTEST_EXPECT_TRUE(t, irqs_disabled());
	KTEST_EXPECT_TRUE(t, spin_is_locked(&lock));
	local_irq_save(inner); /* nested: restoring it keeps them masked */
	local_irq_restore(inner);
	KTEST_EXPECT_TRUE(t, irqs_disabled());
	spin_unlock_irqrestore(&lock, outer);
	KTEST_EXPECT_FALSE(t, irqs_disabled());
	KTEST_EXPECT_FALSE(t, spin_is_locked(&lock));
	spin_lock_irq(&lock);
	KTEST_EXPECT_TRUE(t, irqs_disabled());
	spin_unlock_irq(&lock);
	KTEST_EXPECT_FALSE(t, irqs_disabled());
}

/*
 * Few rounds: with more CPUs than host cores (QEMU's vCPUs are host threads),
 * a ticket lock waits for a waiter the host has descheduled about once per
 * acquisition, a host time slice each.
 */
#define LOCK_ROUNDS 1000
static DEFINE_SPINLOCK(shared_lock);
static unsigned long shared_counter; /* plain: only ever changed under shared_lock */

static int bump_under_lock(void *arg)
{
	for (int i = 0; i < LOCK_ROUNDS; i++) {
		unsigned long flags;

		spin_lock_irqsave(&shared_lock, flags);
		shared_counter++;
		spin_unlock_irqrestore(&shared_lock, flags);
	}
	return 0;
}

static void a_spinlock_excludes_every_other_cpu(struct ktest *t)
{
	shared_counter = 0;
	KTEST_ASSERT_EQ(t, smp_run_on_each_cpu(bump_under_lock, NULL), 0);
	KTEST_EXPECT_EQ(t, shared_counter, (unsigned long)num_online_cpus() * LOCK_ROUNDS);
}

/* One CPU holds shared_lock until told to let go; the other takes it after, from the slow path. */
static int held;
static int let_go;

static int hold_then_release(void *arg)
{
	unsigned long polls = 0;

	if (smp_processor_id() == 0) {
		while (!smp_load_acquire(&held) && polls++ < WAIT_POLLS)
			cpu_relax();
		smp_store_release(&let_go, 1);
		spin_lock(&shared_lock); /* contended: waits, and must not call it recursion */
		spin_unlock(&shared_lock);
		return 0;
	}
	spin_lock(&shared_lock);
	smp_store_release(&held, 1);
	while (!smp_load_acquire(&let_go) && polls++ < WAIT_POLLS)
		cpu_relax();
	for (int i = 0; i < 1000; i++)
		cpu_relax(); /* let CPU 0 find it taken */
	spin_unlock(&shared_lock);
	return 0;
}

static void a_lock_held_by_another_cpu_is_waited_for(struct ktest *t)
{
	NEED_TWO_CPUS(t);
	held = let_go = 0;
	KTEST_EXPECT_EQ(t, smp_run_on_cpus(1UL | 1UL << other_cpu(), hold_then_release, NULL), 0);
	KTEST_EXPECT_FALSE(t, spin_is_locked(&shared_lock));
}

static int take_shared_lock(void *arg)
{
	spin_lock(&shared_lock);
	return 0;
}

static int release_shared_lock(void *arg)
{
	spin_unlock(&shared_lock);
	return 0;
}

static void spin_trylock_fails_while_another_cpu_holds_the_lock(struct ktest *t)
{
	NEED_TWO_CPUS(t);
	KTEST_ASSERT_EQ(t, smp_call_on_cpu(other_cpu(), take_shared_lock, NULL, false), 0);
	KTEST_EXPECT_FALSE(t, spin_trylock(&shared_lock));
	KTEST_EXPECT_EQ(t, smp_call_on_cpu(other_cpu(), release_shared_lock, NULL, false), 0);
	KTEST_ASSERT_TRUE(t, spin_trylock(&shared_lock));
	spin_unlock(&shared_lock);
}

/* Atomics and barriers. */

static void atomic_operations_return_what_linux_returns(struct ktest *t)
{
	atomic_t v = ATOMIC_INIT(5);
	atomic_long_t l = ATOMIC_LONG_INIT(-1);
	unsigned long word = 7;

	KTEST_EXPECT_EQ(t, atomic_read(&v), 5);
	atomic_inc(&v);
	atomic_add(4, &v);
	KTEST_EXPECT_EQ(t, atomic_read(&v), 10);
	KTEST_EXPECT_EQ(t, atomic_inc_return(&v), 11);
	KTEST_EXPECT_EQ(t, atomic_fetch_add(2, &v), 11);
	KTEST_EXPECT_EQ(t, atomic_sub_return(12, &v), 1);
	KTEST_EXPECT_TRUE(t, atomic_dec_and_test(&v));
	KTEST_EXPECT_FALSE(t, atomic_dec_and_test(&v));
	KTEST_EXPECT_EQ(t, atomic_cmpxchg(&v, -1, 3), -1); /* held -1: now 3 */
	KTEST_EXPECT_EQ(t, atomic_cmpxchg(&v, -1, 9), 3);  /* held 3: unchanged */
	KTEST_EXPECT_EQ(t, atomic_xchg(&v, 42), 3);
	KTEST_EXPECT_EQ(t, atomic_read(&v), 42);
	KTEST_EXPECT_EQ(t, atomic_long_inc_return(&l), 0L);
	KTEST_EXPECT_EQ(t, atomic_long_add_return(1L << 40, &l), 1L << 40);
	KTEST_EXPECT_EQ(t, cmpxchg(&word, 7UL, 8UL), 7UL);
	KTEST_EXPECT_EQ(t, xchg(&word, 9UL), 8UL);
	KTEST_EXPECT_EQ(t, word, 9UL);
}

#define ATOMIC_ROUNDS 50000
static atomic_long_t shared_atomic;

static int bump_atomic(void *arg)
{
	for (int i = 0; i < ATOMIC_ROUNDS; i++)
		atomic_long_inc(&shared_atomic);
	return 0;
}

static void atomic_increments_from_every_cpu_are_all_counted(struct ktest *t)
{
	atomic_long_set(&shared_atomic, 0);
	KTEST_ASSERT_EQ(t, smp_run_on_each_cpu(bump_atomic, NULL), 0);
	KTEST_EXPECT_EQ(t, atomic_long_read(&shared_atomic),
			(long)num_online_cpus() * ATOMIC_ROUNDS);
}

/*
 * Message passing: one CPU fills a buffer and publishes it with a release
 * store; the other waits with an acquire load and must find the whole buffer.
 */
#define MESSAGES 2000
#define MESSAGE_WORDS 8
static unsigned long message[MESSAGE_WORDS];
static unsigned long message_seq;    /* release-published sequence number */
static unsigned long message_acked;  /* the reader's reply */
static unsigned long message_errors; /* the reader's count of torn messages */

/* Wait until *@p reads @want (acquire); false after WAIT_POLLS polls. */
static bool wait_for_value(unsigned long *p, unsigned long want)
{
	for (unsigned long polls = 0; polls < WAIT_POLLS; polls++) {
		if (smp_load_acquire(p) == want)
			return true;
		cpu_relax();
	}
	return false;
}

static int pass_messages(void *arg)
{
	for (unsigned long seq = 1; seq <= MESSAGES; seq++) {
		if (smp_processor_id() == 0) {
			if (!wait_for_value(&message_acked, seq - 1))
				return -1;
			for (int w = 0; w < MESSAGE_WORDS; w++)
				message[w] = seq * MESSAGE_WORDS + (unsigned long)w;
			smp_store_release(&message_seq, seq);
		} else {
			if (!wait_for_value(&message_seq, seq))
				return -1;
			for (int w = 0; w < MESSAGE_WORDS; w++)
				if (message[w] != seq * MESSAGE_WORDS + (unsigned long)w)
					message_errors++;
			smp_store_release(&message_acked, seq);
		}
	}
	return 0;
}

static void release_and_acquire_pass_a_whole_message(struct ktest *t)
{
	NEED_TWO_CPUS(t);
	message_seq = message_acked = message_errors = 0;
	KTEST_EXPECT_EQ(t, smp_run_on_cpus(1UL | 1UL << other_cpu(), pass_messages, NULL), 0);
	KTEST_EXPECT_EQ(t, message_errors, 0UL);
	KTEST_EXPECT_EQ(t, message_acked, (unsigned long)MESSAGES);
}

/* Per-CPU variables. */

struct test_pcpu {
	unsigned long value;
} ____cacheline_aligned;

static DEFINE_PER_CPU(struct test_pcpu, test_pcpu_var);

static void set_mine(void *info)
{
	this_cpu_ptr(&test_pcpu_var)->value = 1000 + smp_processor_id();
}

static void per_cpu_variables_hold_one_instance_per_cpu(struct ktest *t)
{
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		per_cpu(test_pcpu_var, cpu).value = 0;
	on_each_cpu(set_mine, NULL, 1);
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		KTEST_EXPECT_EQ(t, per_cpu(test_pcpu_var, cpu).value,
				cpu_online(cpu) ? 1000UL + cpu : 0UL);
		KTEST_EXPECT_PTR_EQ(t, per_cpu_ptr(&test_pcpu_var, cpu),
				    &per_cpu(test_pcpu_var, cpu));
	}
	KTEST_EXPECT_PTR_EQ(t, this_cpu_ptr(&test_pcpu_var), &per_cpu(test_pcpu_var, 0));
	/* Each instance on its own cache line. */
	KTEST_EXPECT_EQ(t,
			(unsigned long)per_cpu_ptr(&test_pcpu_var, 1) -
				(unsigned long)per_cpu_ptr(&test_pcpu_var, 0),
			(unsigned long)L1_CACHE_BYTES);
}

KTEST_SUITE(smp, KTEST_CASE(every_cpu_of_the_device_tree_is_online),
	    KTEST_CASE(online_cpus_have_distinct_hardware_ids),
	    KTEST_CASE(on_each_cpu_runs_on_every_cpu_with_interrupts_masked),
	    KTEST_CASE(smp_call_function_skips_this_cpu),
	    KTEST_CASE(a_single_call_runs_on_its_target_and_waits),
	    KTEST_CASE(calls_without_wait_all_run),
	    KTEST_CASE(a_call_to_a_cpu_that_is_not_online_fails),
	    KTEST_CASE(a_call_with_interrupts_masked_is_refused_with_a_warning),
	    KTEST_CASE(every_cpu_calling_every_cpu_at_once_completes),
	    KTEST_CASE(smp_call_on_cpu_runs_there_with_interrupts_enabled),
	    KTEST_CASE(smp_run_on_cpus_runs_them_all_at_the_same_time),
	    KTEST_CASE(spin_lock_irqsave_masks_interrupts_and_restores_them),
	    KTEST_CASE(a_spinlock_excludes_every_other_cpu),
	    KTEST_CASE(a_lock_held_by_another_cpu_is_waited_for),
	    KTEST_CASE(spin_trylock_fails_while_another_cpu_holds_the_lock),
	    KTEST_CASE(atomic_operations_return_what_linux_returns),
	    KTEST_CASE(atomic_increments_from_every_cpu_are_all_counted),
	    KTEST_CASE(release_and_acquire_pass_a_whole_message),
	    KTEST_CASE(per_cpu_variables_hold_one_instance_per_cpu));

/*
 * lockdep-lite: a CPU taking a lock it holds would spin forever; the kernel
 * reports it and panics instead. A manual suite (it ends the run on
 * purpose); tools/test-harness runs it and checks the report.
 */
static void spinlock_taken_twice_on_one_cpu_is_reported(struct ktest *t)
{
	static DEFINE_SPINLOCK(lock);

	spin_lock(&lock);
	spin_lock(&lock);
	KTEST_FAIL(t, "the second spin_lock() returned");
}

KTEST_MANUAL_SUITE(spinlock_debug, KTEST_CASE(spinlock_taken_twice_on_one_cpu_is_reported));
