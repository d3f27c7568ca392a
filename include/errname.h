/* errname(): an error number's symbolic name, as Linux's lib/errname.c gives it. */
#ifndef _ERRNAME_H
#define _ERRNAME_H

/**
 * errname - the name of an error number
 * @err: an error number of <errno.h>, negative as functions return it or not
 *
 * Return: "-EINVAL" for -EINVAL, "EINVAL" for EINVAL, NULL for a number that
 * <errno.h> does not define.
 */
const char *errname(int err);

#endif /* _ERRNAME_H */
