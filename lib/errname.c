/*
 * errname(): the symbolic name of an error number ("-EINVAL"), for messages
 * that must say which error happened rather than guess at its cause.
 */
#include <errno.h>
#include <kernel.h>

#define E(name) [name] = "-" #name

static const char *const names[] = {
	E(EPERM),  E(ENOENT),  E(EIO),	   E(ENXIO),   E(E2BIG),     E(EAGAIN),
	E(ENOMEM), E(EFAULT),  E(EBUSY),   E(EEXIST),  E(EINVAL),    E(ENOSPC),
	E(ERANGE), E(EDEADLK), E(ENODATA), E(EBADMSG), E(EOVERFLOW),
};

const char *errname(int err)
{
	unsigned int e = err < 0 ? -(unsigned int)err : (unsigned int)err;

	if (e >= ARRAY_SIZE(names) || !names[e])
		return NULL;
	return names[e] + (err < 0 ? 0 : 1);
}
