/* SPDX-License-Identifier: ISC */
/*
 * error.c - errors as values: a code, a position and a message.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

static const char *const code_str[] = {
	[CK_OK] = "success",
	[CK_ESYNTAX] = "syntax error",
	[CK_ERANGE] = "out of range",
	[CK_ENOMEM] = "out of memory",
	[CK_EIO] = "input/output error",
	[CK_ECHILD] = "child process failed",
	[CK_ENOTFOUND] = "not found",
	[CK_EINVAL] = "invalid argument",
	[CK_ECONFLICT] = "changed by someone else",
	[CK_EPERM] = "permission denied",
	[CK_ENEVER] = "never fires",
};

const char *
ck_code_str(enum ck_code code)
{
	if ((size_t)code >= sizeof(code_str) / sizeof(code_str[0]) ||
	    code_str[code] == NULL)
		return "unknown error";
	return code_str[code];
}

static void
fill(ck_error *err, const char *fmt, va_list ap)
{
	int n;

	n = ck_vfmt(err->msg, sizeof(err->msg), fmt, ap);
	if (n < 0)
		strlcpy(err->msg, "(unformattable message)", sizeof(err->msg));
	else if ((size_t)n >= sizeof(err->msg))
		memcpy(err->msg + sizeof(err->msg) - 4, "...", 4);
}

int
ck_error_set(ck_error *err, enum ck_code code, unsigned int line,
    unsigned int col, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	err->code = code;
	err->line = line;
	err->column = col;
	err->sys_errno = 0;
	err->rule = 0;
	va_start(ap, fmt);
	fill(err, fmt, ap);
	va_end(ap);
	return -1;
}

int
ck_error_sys(ck_error *err, enum ck_code code, int sys_errno,
    const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	err->code = code;
	err->line = 0;
	err->column = 0;
	err->sys_errno = sys_errno;
	err->rule = 0;
	va_start(ap, fmt);
	fill(err, fmt, ap);
	va_end(ap);
	return -1;
}

int
ck_error_oom(ck_error *err)
{
	return ck_error_sys(err, CK_ENOMEM, ENOMEM, "out of memory");
}
