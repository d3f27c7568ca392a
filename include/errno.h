/* Error numbers returned (negated) by kernel functions, with Linux's values. */
#ifndef _ERRNO_H
#define _ERRNO_H

#define EPERM 1
#define ENOENT 2
#define EIO 5
#define ENXIO 6
#define E2BIG 7
#define EAGAIN 11
#define ENOMEM 12
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define EINVAL 22
#define ENOSPC 28
#define ERANGE 34
#define EDEADLK 35
#define ENODATA 61
#define EOVERFLOW 75
#define EBADMSG 74

#endif /* _ERRNO_H */
