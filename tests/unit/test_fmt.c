/* SPDX-License-Identifier: ISC */
/*
 * test_fmt.c - ck_vfmt against the C library's vsnprintf: every supported
 * conversion with every flag, width and precision form, into buffers of
 * several sizes (so truncation too), and the forms it hands back to
 * vsnprintf.  The two must agree byte for byte and on the return value.
 */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

static unsigned long nchecked;

/* Format the same arguments both ways into buffers of several sizes. */
static void
same(const char *fmt, ...)
{
	static const size_t sizes[] = { 0, 1, 2, 5, 16, 300 };
	char want[300], got[300];
	va_list ap;
	size_t i;
	int nw, ng;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		memset(want, 'x', sizeof(want));
		memset(got, 'x', sizeof(got));
		va_start(ap, fmt);
		nw = vsnprintf(sizes[i] ? want : NULL, sizes[i], fmt, ap);
		va_end(ap);
		va_start(ap, fmt);
		ng = ck_vfmt(sizes[i] ? got : NULL, sizes[i], fmt, ap);
		va_end(ap);
		/* cr_assert reports to the runner each time: only on failure. */
		if (ng != nw)
			cr_assert_fail("\"%s\" size %zu: returned %d, "
			    "vsnprintf %d", fmt, sizes[i], ng, nw);
		if (memcmp(got, want, sizeof(want)) != 0)
			cr_assert_fail("\"%s\" size %zu: \"%.*s\", "
			    "vsnprintf \"%.*s\"", fmt, sizes[i],
			    (int)sizeof(got) - 1, got, (int)sizeof(want) - 1,
			    want);
		nchecked++;
	}
}

static const char *const flags[] = { "", "-", "0", "-0", "0-", "+", " ",
	"#" };
static const char *const widths[] = { "", "1", "3", "12", "*" };
static const char *const precs[] = { "", ".", ".0", ".2", ".9", ".*" };

/* Each flag/width/precision combination of conv, with length len. */
#define EACH_SPEC(len, conv, body) do {					\
	size_t fi, wi, pi;						\
	char spec[64];							\
	for (fi = 0; fi < sizeof(flags) / sizeof(flags[0]); fi++)	\
	for (wi = 0; wi < sizeof(widths) / sizeof(widths[0]); wi++)	\
	for (pi = 0; pi < sizeof(precs) / sizeof(precs[0]); pi++) {	\
		bool sw = widths[wi][0] == '*';				\
		bool sp = strcmp(precs[pi], ".*") == 0;			\
		snprintf(spec, sizeof(spec), "<%%%s%s%s%s%s>",		\
		    flags[fi], widths[wi], precs[pi], len, conv);	\
		body							\
	}								\
} while (0)

/* Call same() with the '*' arguments the spec asks for, then v. */
#define CALL(v) do {							\
	if (sw && sp) {							\
		same(spec, 7, 3, v);					\
		same(spec, -7, 3, v);					\
		same(spec, 4, -1, v);					\
	} else if (sw) {						\
		same(spec, 7, v);					\
		same(spec, -7, v);					\
		same(spec, 0, v);					\
	} else if (sp) {						\
		same(spec, 3, v);					\
		same(spec, 0, v);					\
		same(spec, -1, v);					\
	} else								\
		same(spec, v);						\
} while (0)

Test(fmt, signed_integers)
{
	static const long long vals[] = { 0, 1, -1, 7, -42, 123456789,
		INT_MAX, INT_MIN };
	static const long long lvals[] = { LLONG_MAX, LLONG_MIN, -1000000000000LL };
	size_t k;

	for (k = 0; k < sizeof(vals) / sizeof(vals[0]); k++) {
		int iv = (int)vals[k];

		EACH_SPEC("", "d", CALL(iv););
		EACH_SPEC("", "i", CALL(iv););
		EACH_SPEC("l", "d", CALL((long)vals[k]););
	}
	for (k = 0; k < sizeof(lvals) / sizeof(lvals[0]); k++) {
		EACH_SPEC("ll", "d", CALL(lvals[k]););
		EACH_SPEC("j", "d", CALL((intmax_t)lvals[k]););
		EACH_SPEC("t", "d", CALL((ptrdiff_t)lvals[k]););
	}
	cr_assert_gt(nchecked, 10000, "only %lu checks", nchecked);
}

Test(fmt, unsigned_integers)
{
	static const unsigned long long vals[] = { 0, 1, 8, 255, 0755, 4096,
		UINT_MAX };
	static const char *const convs[] = { "u", "x", "X", "o" };
	size_t k, c;

	for (k = 0; k < sizeof(vals) / sizeof(vals[0]); k++)
		for (c = 0; c < 4; c++) {
			EACH_SPEC("", convs[c], CALL((unsigned int)vals[k]););
			EACH_SPEC("l", convs[c], CALL((unsigned long)vals[k]););
			EACH_SPEC("ll", convs[c], CALL(vals[k] * 1000003ULL););
			EACH_SPEC("z", convs[c], CALL((size_t)vals[k]););
			EACH_SPEC("j", convs[c],
			    CALL((uintmax_t)ULLONG_MAX - vals[k]););
			/* h and hh cut the value: left to vsnprintf. */
			EACH_SPEC("h", convs[c], CALL((unsigned int)70000););
			EACH_SPEC("hh", convs[c], CALL((unsigned int)300););
		}
	cr_assert_gt(nchecked, 10000, "only %lu checks", nchecked);
}

Test(fmt, strings_and_chars)
{
	static const char *const strs[] = { "", "a", "abc", "hello, world",
		"a string longer than the widths and precisions here" };
	static const int chars[] = { 'a', ' ', '%', 0x7f, 0xe9 };
	size_t k;

	for (k = 0; k < sizeof(strs) / sizeof(strs[0]); k++)
		EACH_SPEC("", "s", CALL(strs[k]););
	for (k = 0; k < sizeof(chars) / sizeof(chars[0]); k++)
		EACH_SPEC("", "c", CALL(chars[k]););
	/* A precision lets the string be unterminated. */
	{
		char unterminated[3] = { 'x', 'y', 'z' };

		same("[%.3s]", unterminated);
		same("[%.*s|%s]", 2, unterminated, "end");
	}
	cr_assert_gt(nchecked, 1000, "only %lu checks", nchecked);
}

Test(fmt, mixed_messages)
{
	same("%%");
	same("100%% sure");
	same("");
	same("no conversions at all, only text that is long enough to be "
	    "truncated in the small buffers");
	same("line %u col %u: \"%.*s%s\" [%s]", 12u, 7u, 5, "abcdefgh", "...",
	    "CK012");
	same("%s=%d (%zu bytes, %04o, 0x%02x)", "MAILTO", -3, (size_t)99,
	    0644u, 0xau);
	same("%c%c%c", 'a', 0, 'b');		/* a NUL in the middle */
	same("%5%");				/* flags on %%: vsnprintf */
	same("%p", (void *)&nchecked);		/* not supported: fallback */
	same("%f %e %g", 1.5, 2.5, 3.5);
	same("%s and %d", (const char *)NULL, 4); /* glibc's "(null)" */
	same("%-*d|", 200000, 5);		/* a huge width: fallback */
	same("trailing %");
}

Test(fmt, ck_fmt)
{
	char b[8];

	cr_assert_eq(ck_fmt(b, sizeof(b), "%s-%d", "abcdef", 42), 9);
	cr_assert_str_eq(b, "abcdef-");
	cr_assert_eq(ck_fmt(NULL, 0, "%u", 12345u), 5);
}
