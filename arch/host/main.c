/*
 * ARCH=host entry: boots the kernel as a Linux process from a DTB file
 * (boot.c does the work a bootloader would), then calls start_kernel().
 */
#include <arch.h>
#include <bug.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"

static void *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 1 << 16, len = 0, n;
	char *buf = malloc(cap);

	if (!f || !buf)
		host_die("cannot read %s: %s", path, strerror(errno));
	while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap) {
			char *bigger = realloc(buf, cap *= 2);

			if (!bigger)
				host_die("out of memory reading %s", path);
			buf = bigger;
		}
	}
	fclose(f);
	*size = len;
	return buf;
}

static void usage(const char *prog)
{
	fprintf(stderr, "usage: %s [--append \"bootargs\"] file.dtb\n", prog);
	exit(EXIT_KERNEL_PANIC);
}

int main(int argc, char **argv)
{
	const char *dtb_path = NULL;
	phys_addr_t dtb_pa;
	size_t size;
	void *blob;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--append") && i + 1 < argc)
			host_append = argv[++i];
		else if (argv[i][0] != '-' && !dtb_path)
			dtb_path = argv[i];
		else
			usage(argv[0]);
	}
	if (!dtb_path)
		usage(argv[0]);
	blob = read_file(dtb_path, &size);
	dtb_pa = host_boot(blob, size, dtb_path);
	free(blob);
	start_kernel(0, dtb_pa);
}
