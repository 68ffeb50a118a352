/*
 * test_badinput.c - hostile input: a 10 MB line, a million lines, binary
 * garbage, and every byte value in every position of a job line.  The
 * parser must not crash or hang, must give back every byte, must refuse
 * what cron refuses (with the line and column), and must use memory in
 * proportion to the input.  Also the regression tests for inputs the
 * fuzzers found (tests/fuzz/corpus/).
 */
#include <sys/resource.h>

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

/*
 * Under valgrind (meson test --setup valgrind sets CK_VALGRIND) everything
 * runs some 30 times slower and memory is counted with valgrind's own.
 */
static bool
under_valgrind(void)
{
	return getenv("CK_VALGRIND") != NULL;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Peak resident memory of this test process, in bytes. */
static size_t
maxrss(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (size_t)ru.ru_maxrss * 1024;
}

/*
 * The memory a parse may take: the copy of the text, about 20 bytes of
 * line record per line, job records, and the sanitizers' overhead when
 * they are on (AddressSanitizer keeps freed memory in quarantine).
 */
static size_t
budget(size_t input, size_t lines)
{
	size_t b = 64u << 20;	/* the test process itself, criterion */

	b += 8 * input + 200 * lines;
#if defined(__SANITIZE_ADDRESS__)
	b = b * 4 + (256u << 20);
#endif
	if (under_valgrind())
		b *= 3;
	return b;
}

static double
time_limit(double s)
{
#if defined(__SANITIZE_ADDRESS__)
	s *= 4;
#endif
	return under_valgrind() ? s * 40 : s;
}

/* Parse, render, compare; also strict.  Returns the lenient tab. */
static ck_tab *
round_trip(const char *text, size_t len, ck_dialect d, unsigned int flags)
{
	ck_tab *tab;
	ck_error err;
	char *out;
	size_t outlen;

	tab = ck_tab_parse(text, len, d, flags | CK_PARSE_LENIENT, &err);
	cr_assert_not_null(tab, "lenient parse failed: %s", err.msg);
	cr_assert_eq(ck_tab_format(tab, &out, &outlen, &err), 0, "%s",
	    err.msg);
	cr_assert_eq(outlen, len, "rendered %zu bytes of %zu", outlen, len);
	cr_assert(memcmp(out, text, len) == 0, "rendered bytes differ");
	free(out);
	return tab;
}

/* ---- regressions found by the fuzzers ---- */

/*
 * fuzz_expr: "0 0 *0 * 3\n/20" was accepted in the Debian dialect (text
 * after a field is skipped up to a blank, and '\n' is no blank), so a
 * schedule could hold a line break.  Corpus: expr/crash-newline-*.
 */
Test(badinput, schedule_with_a_newline_is_refused_in_every_dialect)
{
	static const char s[] = "0 0 *0 * 3\n/20";
	ck_error err;
	int d;

	for (d = 0; d < CK_DIALECT_COUNT; d++) {
		memset(&err, 0, sizeof(err));
		cr_expect_null(ck_expr_parse(s, sizeof(s) - 1, (ck_dialect)d,
		    &err), "dialect %d accepted a newline", d);
		cr_expect_eq(err.code, CK_ESYNTAX);
		cr_expect_eq(err.line, 1);
		cr_expect_eq(err.column, 11, "column %u", err.column);
		cr_expect(strstr(err.msg, "newline") != NULL, "%s", err.msg);
	}
}

/* ---- size ---- */

Test(badinput, ten_megabyte_line_round_trips_in_bounded_time_and_memory,
    .timeout = 600)
{
	size_t n = 10u << 20, i;
	char *text;
	ck_tab *tab;
	ck_error err;
	double t0, dt;
	int d;

	cr_assert_not_null(text = malloc(n + 1));
	/* A job whose command is 10 MB long, and then a huge comment. */
	memcpy(text, "0 * * * * ", 10);
	for (i = 10; i < n; i++)
		text[i] = (char)('a' + i % 26);
	text[n] = '\n';
	t0 = now_s();
	for (d = 0; d < CK_DIALECT_COUNT; d++) {
		tab = round_trip(text, n + 1, (ck_dialect)d, 0);
		cr_expect_eq(ck_tab_job_count(tab), 1);
		ck_tab_free(tab);
		tab = ck_tab_parse(text, n + 1, (ck_dialect)d, 0, &err);
		cr_expect_not_null(tab, "strict: %s", err.msg);
		ck_tab_free(tab);
	}
	/* One field of 10 MB: an error at column 1, not a crash. */
	memset(text, '1', n);
	tab = ck_tab_parse(text, n + 1, CK_DIALECT_CRONIE, 0, &err);
	cr_expect_null(tab);
	cr_expect_eq(err.code, CK_ESYNTAX);
	cr_expect_eq(err.line, 1);
	cr_expect_eq(err.column, 1, "column %u", err.column);
	tab = round_trip(text, n + 1, CK_DIALECT_DEBIAN, CK_PARSE_SYSTEM);
	cr_expect_eq(ck_tab_line_kind(tab, 0), CK_LINE_INVALID);
	ck_tab_free(tab);
	dt = now_s() - t0;
	cr_expect_lt(dt, time_limit(10.0), "took %.1f s", dt);
	cr_log_info("10 MB line: %.2f s, peak %zu MB", dt, maxrss() >> 20);
	cr_expect_lt(maxrss(), budget(n, 1), "peak %zu MB for a 10 MB line",
	    maxrss() >> 20);
	free(text);
}

Test(badinput, million_lines_round_trip_in_bounded_time_and_memory,
    .timeout = 600)
{
	static const char *const kinds[] = { "0 * * * * /bin/job\n",
	    "# a comment\n", "\n", "MAILTO=root\n", "bad line\n",
	    "# cronkeep: id\n", "*/5 1-5 * jan-mar mon-fri run\r\n" };
	struct ck_buf b = { 0 };
	ck_tab *tab;
	ck_error err;
	double t0, dt;
	size_t i, lines = 1000000;

	for (i = 0; i < lines; i++)
		ck_buf_adds(&b, kinds[i % 7]);
	cr_assert(!b.oom);
	t0 = now_s();
	tab = round_trip(b.p, b.len, CK_DIALECT_DEBIAN, 0);
	cr_expect_eq(ck_tab_line_count(tab), lines);
	/* The "# cronkeep: id" line is a marker over the CRLF job. */
	cr_expect_eq(ck_tab_job_count(tab), 2 * (lines / 7) +
	    (lines % 7 > 0) + (lines % 7 > 6));
	cr_expect_eq(ck_tab_line_kind(tab, 5), CK_LINE_MARKER);
	ck_tab_free(tab);
	/* Strict: refused at the first bad line, line 5 column 1. */
	cr_expect_null(ck_tab_parse(b.p, b.len, CK_DIALECT_DEBIAN, 0, &err));
	cr_expect_eq(err.line, 5);
	cr_expect_eq(err.column, 1);
	dt = now_s() - t0;
	cr_expect_lt(dt, time_limit(10.0), "took %.1f s", dt);
	cr_log_info("%zu lines (%zu MB): %.2f s, peak %zu MB", lines,
	    b.len >> 20, dt, maxrss() >> 20);
	cr_expect_lt(maxrss(), budget(b.len, lines),
	    "peak %zu MB for %zu MB in %zu lines", maxrss() >> 20,
	    b.len >> 20, lines);
	ck_buf_free(&b);
}

/* ---- binary garbage ---- */

static uint64_t
xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

Test(badinput, binary_garbage_round_trips_in_every_dialect, .timeout = 600)
{
	static const char alphabet[] = "0123456789 *-/,@#=\n\t\r\"'%~LW?"
	    "janmonSUN";
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	size_t n = 1u << 20, i;
	char *text;
	ck_tab *tab;
	ck_error err;
	double t0, dt;
	int d, round;

	cr_assert_not_null(text = malloc(n));
	t0 = now_s();
	for (round = 0; round < 3; round++) {
		for (i = 0; i < n; i++) {
			uint64_t r = xorshift(&seed);

			/*
			 * Round 0: any byte; 1: mostly cron's alphabet; 2:
			 * long runs of one byte.
			 */
			if (round == 0)
				text[i] = (char)r;
			else if (round == 1)
				text[i] = alphabet[r % (sizeof(alphabet) - 1)];
			else
				text[i] = i > 0 && r % 64 ? text[i - 1] :
				    (char)(r >> 8);
		}
		for (d = 0; d < CK_DIALECT_COUNT; d++) {
			tab = round_trip(text, n, (ck_dialect)d, 0);
			ck_tab_free(tab);
			tab = round_trip(text, n, (ck_dialect)d,
			    CK_PARSE_SYSTEM);
			ck_tab_free(tab);
			tab = ck_tab_parse(text, n, (ck_dialect)d, 0, &err);
			if (tab == NULL) {
				cr_expect(err.line >= 1 && err.column >= 1,
				    "error without a position: %s", err.msg);
			}
			ck_tab_free(tab);
		}
	}
	dt = now_s() - t0;
	cr_log_info("garbage: %.2f s, peak %zu MB", dt, maxrss() >> 20);
	cr_expect_lt(dt, time_limit(20.0), "took %.1f s", dt);
	cr_expect_lt(maxrss(), budget(n, n / 2), "peak %zu MB",
	    maxrss() >> 20);
	free(text);
}

/* ---- every byte in every position of "0 * * * * cmd\n" ---- */

enum want { W_ANY, W_JOB, W_ENV, W_COMMENT, W_REFUSED };

/*
 * What cron does with "0 * * * * cmd\n" when byte c replaces position
 * pos, in dialect d (docs/dev/cron-dialects.md §1 and §3).
 */
static enum want
expected(size_t pos, unsigned char c, ck_dialect d)
{
	static const int lo[] = { 0, 0, 1, 1, 0 }, hi[] = { 9, 9, 9, 9, 7 };
	bool random = d == CK_DIALECT_CRONIE || d == CK_DIALECT_OPENBSD;
	int f;

	if (c == '\0')
		return W_REFUSED;	/* cron stops reading at a NUL */
	switch (pos) {
	case 0: case 2: case 4: case 6: case 8:
		/* A one-character field. */
		f = (int)pos / 2;
		if (c == '*' || (c == '~' && random))
			return W_JOB;
		if (c >= '0' && c <= '9')
			return c - '0' >= lo[f] && c - '0' <= hi[f] ?
			    W_JOB : W_REFUSED;
		if (c == '#' && pos == 0)
			return W_COMMENT;
		if (c == '=' && pos <= 2)
			return W_ENV;	/* "NAME=..." is tried first */
		return W_REFUSED;
	case 1: case 3: case 5: case 7:
		/* Between fields: anything but a blank joins two fields. */
		if (c == ' ' || c == '\t')
			return W_JOB;
		if (c == '=' && pos == 1)
			return W_ENV;
		return W_REFUSED;
	case 9:
		if (c == ' ' || c == '\t')
			return W_JOB;
		if (c == '\n')
			return W_REFUSED;	/* "cmd" alone on line 2 */
		/* Debian skips text after a field: "*Xcmd" is "*". */
		return d == CK_DIALECT_DEBIAN ? W_ANY : W_REFUSED;
	case 10: case 11:
		if (c == '\n')
			return W_REFUSED;	/* "md" or "d" on line 2 */
		if (c == '*' && pos == 10)
			return W_REFUSED;	/* a sixth time field */
		if (c == '-' && pos == 10 && d == CK_DIALECT_CRONIE)
			return W_REFUSED;	/* "-md": cronie's bad option */
		return W_JOB;
	case 12:
		return W_JOB;	/* "cm\n\n" is a job and a blank line */
	default:
		return W_JOB;	/* no final newline: still a job */
	}
}

Test(badinput, every_byte_in_every_position_of_a_job_line, .timeout = 600)
{
	static const char base[] = "0 * * * * cmd\n";
	static const char *const names[] = { "any", "job", "env", "comment",
	    "refused" };
	char line[sizeof(base)];
	size_t len = sizeof(base) - 1, pos;
	enum want w;
	ck_tab *tab, *strict;
	ck_error err;
	double t0 = now_s(), dt;
	int c, d, sys;

	for (pos = 0; pos < len; pos++)
		for (c = 0; c < 256; c++)
			for (d = 0; d < CK_DIALECT_COUNT; d++)
				for (sys = 0; sys < 2; sys++) {
		memcpy(line, base, len);
		line[pos] = (char)c;
		tab = round_trip(line, len, (ck_dialect)d,
		    sys ? CK_PARSE_SYSTEM : 0);
		memset(&err, 0, sizeof(err));
		strict = ck_tab_parse(line, len, (ck_dialect)d,
		    sys ? CK_PARSE_SYSTEM : 0, &err);
		if (strict == NULL)
			cr_expect(err.line >= 1 && err.line <= 2 &&
			    err.column >= 1 && err.column <= len + 1,
			    "byte 0x%02x at %zu: error at %u:%u", c, pos,
			    err.line, err.column);
		/* The system format shifts the command: checked above. */
		w = sys ? W_ANY : expected(pos, (unsigned char)c,
		    (ck_dialect)d);
		switch (w) {
		case W_ANY:
			break;
		case W_REFUSED:
			cr_expect_null(strict, "byte 0x%02x at %zu, dialect %s: "
			    "accepted, cron refuses it", c, pos,
			    ck_dialect_name((ck_dialect)d));
			/* Junk in a one-character field: its column. */
			if (pos % 2 == 0 && pos <= 8 && c != '\n' &&
			    c != ' ' && c != '\t')
				cr_expect(err.line == 1 &&
				    err.column == pos + 1, "byte 0x%02x at "
				    "%zu, dialect %s: error at %u:%u (%s)", c,
				    pos, ck_dialect_name((ck_dialect)d),
				    err.line, err.column, err.msg);
			break;
		default:
			cr_expect_not_null(strict, "byte 0x%02x at %zu, "
			    "dialect %s: refused (%s), cron reads a %s", c,
			    pos, ck_dialect_name((ck_dialect)d), err.msg,
			    names[w]);
			cr_expect_eq(ck_tab_line_kind(tab, 0),
			    w == W_JOB ? CK_LINE_JOB : w == W_ENV ?
			    CK_LINE_ENV : CK_LINE_COMMENT,
			    "byte 0x%02x at %zu, dialect %s: kind %d, want "
			    "%s", c, pos, ck_dialect_name((ck_dialect)d),
			    (int)ck_tab_line_kind(tab, 0), names[w]);
			break;
		}
		ck_tab_free(strict);
		ck_tab_free(tab);
				}
	dt = now_s() - t0;
	cr_expect_lt(dt, time_limit(20.0), "took %.1f s", dt);
}
