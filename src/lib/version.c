/* SPDX-License-Identifier: ISC */
/*
 * version.c - what lets the API grow without breaking programs built
 * against an older header: the library's version at run time, and the
 * reading of option structs whose layout carries its own size.
 *
 * Every public options struct starts with `size_t size`, which its _INIT
 * macro sets to sizeof the struct as the caller's header declared it.
 * New fields are only ever appended, and zero is every field's default,
 * so a shorter struct (an older program) reads as if the missing fields
 * were zero, and a longer one (a newer program on an older library) is
 * accepted as long as the fields this library does not know are zero.
 */
#include <string.h>

#include "internal.h"

unsigned long
ck_version(void)
{
	return CK_VERSION_NUMBER;
}

int
ck_opts_read(void *dst, size_t dstsize, const void *src, const char *what,
    ck_error *err)
{
	const unsigned char *p = src;
	size_t size, i;

	memset(dst, 0, dstsize);
	if (src == NULL) {
		memcpy(dst, &dstsize, sizeof(size_t));
		return 0;
	}
	memcpy(&size, src, sizeof(size));
	if (size < sizeof(size_t))
		return ck_error_set(err, CK_EINVAL, 0, 0, "%s: size is %zu: "
		    "start from its _INIT macro", what, size);
	for (i = dstsize; i < size; i++)
		if (p[i] != 0)
			return ck_error_set(err, CK_EINVAL, 0, 0, "%s: a field "
			    "this version of libcronkeep does not know is set "
			    "(offset %zu)", what, i);
	memcpy(dst, src, size < dstsize ? size : dstsize);
	memcpy(dst, &dstsize, sizeof(size_t));
	return 0;
}
