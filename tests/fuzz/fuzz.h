/* SPDX-License-Identifier: ISC */
/*
 * fuzz.h - shared helpers for the libFuzzer targets in tests/fuzz.
 *
 * Each target defines LLVMFuzzerTestOneInput().  A broken property calls
 * fuzz_fail(), which prints what broke and aborts: libFuzzer reports an
 * abort as a crash and saves the input, and the replay driver (replay.c)
 * exits non-zero.
 */
#ifndef CK_FUZZ_H
#define CK_FUZZ_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	fuzz_fail(const char *, int, const char *, ...)
		    __attribute__((format(printf, 3, 4), noreturn, unused));

static void
fuzz_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: property failed: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

#define FUZZ_CHECK(cond, ...) do {					\
	if (!(cond))							\
		fuzz_fail(__FILE__, __LINE__, __VA_ARGS__);		\
} while (0)

/* The bytes of a document: the public accessors' lines, concatenated. */
static int __attribute__((unused))
fuzz_lines_equal(const ck_tab *a, size_t i, const ck_tab *b, size_t j)
{
	const char *pa, *pb, *ea, *eb;
	size_t la, lb;

	pa = ck_tab_line_text(a, i, &la, &ea);
	pb = ck_tab_line_text(b, j, &lb, &eb);
	return la == lb && memcmp(pa, pb, la) == 0 && strcmp(ea, eb) == 0;
}

/*
 * Two documents have the same model: the same line kinds, the same jobs
 * (line, marker, state, schedule bits and text, user, command, id).
 */
static void __attribute__((unused))
fuzz_same_model(const ck_tab *a, const ck_tab *b, const char *what)
{
	const ck_job *ja, *jb;
	const ck_expr *ea, *eb;
	const char *sa, *sb;
	size_t i, la, lb;

	FUZZ_CHECK(ck_tab_line_count(a) == ck_tab_line_count(b),
	    "%s: %zu lines, then %zu", what, ck_tab_line_count(a),
	    ck_tab_line_count(b));
	for (i = 0; i < ck_tab_line_count(a); i++)
		FUZZ_CHECK(ck_tab_line_kind(a, i) == ck_tab_line_kind(b, i),
		    "%s: line %zu kind %d, then %d", what, i + 1,
		    (int)ck_tab_line_kind(a, i), (int)ck_tab_line_kind(b, i));
	FUZZ_CHECK(ck_tab_job_count(a) == ck_tab_job_count(b),
	    "%s: %zu jobs, then %zu", what, ck_tab_job_count(a),
	    ck_tab_job_count(b));
	for (i = 0; i < ck_tab_job_count(a); i++) {
		ja = ck_tab_job(a, i);
		jb = ck_tab_job(b, i);
		FUZZ_CHECK(ck_job_line(ja) == ck_job_line(jb) &&
		    ck_job_marker_line(ja) == ck_job_marker_line(jb) &&
		    ck_job_marker(ja) == ck_job_marker(jb) &&
		    ck_job_enabled(ja) == ck_job_enabled(jb),
		    "%s: job %zu moved or changed state", what, i);
		ea = ck_job_expr(ja);
		eb = ck_job_expr(jb);
		FUZZ_CHECK(ea->minute == eb->minute && ea->hour == eb->hour &&
		    ea->dom == eb->dom && ea->month == eb->month &&
		    ea->dow == eb->dow && ea->keyword == eb->keyword &&
		    (ea->flags & ~CK_SF_OWNED) == (eb->flags & ~CK_SF_OWNED),
		    "%s: job %zu schedule bits differ", what, i);
		sa = ck_expr_text(ea, &la);
		sb = ck_expr_text(eb, &lb);
		FUZZ_CHECK(la == lb && memcmp(sa, sb, la) == 0,
		    "%s: job %zu schedule text differs", what, i);
		sa = ck_job_command(ja, &la);
		sb = ck_job_command(jb, &lb);
		FUZZ_CHECK(la == lb && memcmp(sa, sb, la) == 0,
		    "%s: job %zu command differs", what, i);
		sa = ck_job_user(ja, &la);
		sb = ck_job_user(jb, &lb);
		FUZZ_CHECK((sa == NULL) == (sb == NULL) && (sa == NULL ||
		    (la == lb && memcmp(sa, sb, la) == 0)),
		    "%s: job %zu user differs", what, i);
		sa = ck_job_id(ja, &la);
		sb = ck_job_id(jb, &lb);
		FUZZ_CHECK((sa == NULL) == (sb == NULL) && (sa == NULL ||
		    (la == lb && memcmp(sa, sb, la) == 0)),
		    "%s: job %zu id differs", what, i);
	}
}

#endif /* CK_FUZZ_H */
