/* Helpers shared by the libFuzzer targets of fuzz/: reading the input, failing loudly. */
#ifndef _FUZZ_H
#define _FUZZ_H

#include <stddef.h>

/* What is left of the fuzzer's input; each read takes from the front (0 once it is used up). */
struct fuzz_input {
	const unsigned char *data;
	size_t size;
};

static inline unsigned int fuzz_u8(struct fuzz_input *in)
{
	if (!in->size)
		return 0;
	in->size--;
	return *in->data++;
}

static inline unsigned int fuzz_u16(struct fuzz_input *in)
{
	return fuzz_u8(in) | fuzz_u8(in) << 8;
}

static inline unsigned int fuzz_u32(struct fuzz_input *in)
{
	return fuzz_u16(in) | fuzz_u16(in) << 16;
}

/*
 * fuzz_fail - a rule of the target was broken: print why on stderr and abort(),
 * which libFuzzer reports as a crash and keeps the input for (fuzz/fuzz_fail.c).
 */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif /* _FUZZ_H */
