/*
 * What generic code may ask about the machine's CPUs. Only the boot CPU runs
 * kernel code so far: bringing up the others is a later step, which will
 * count here the CPUs that came up.
 */
#ifndef _SMP_H
#define _SMP_H

/**
 * num_online_cpus - how many CPUs run kernel code now
 *
 * Code that would wait for another CPU (mempool_alloc() waiting for an
 * element to be freed) asks this first: with one CPU there is nobody to wait for.
 * Return: 1 until secondary CPUs are started.
 */
static inline unsigned int num_online_cpus(void)
{
	return 1;
}

#endif /* _SMP_H */
