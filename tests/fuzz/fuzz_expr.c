/* SPDX-License-Identifier: ISC */
/*
 * fuzz_expr.c - the schedule parser, in every dialect.
 *
 * Properties, for any bytes x and dialect d:
 *  - no crash; a refusal has a code, line 1 and a column inside x (or just
 *    past its end);
 *  - an accepted schedule keeps its text (x without surrounding blanks),
 *    and that text parses again to the same bits, flags and keyword;
 *  - ck_expr_dup() copies it exactly, and ck_expr_same() holds;
 *  - the same schedule in a job line ("x cmd", "x root cmd") gives the
 *    job exactly those bits, unless cron reads the line as an assignment.
 */
#include <string.h>

#include "fuzz.h"

static void
same_bits(const ck_expr *a, const ck_expr *b, const char *what)
{
	FUZZ_CHECK(a->minute == b->minute && a->hour == b->hour &&
	    a->dom == b->dom && a->month == b->month && a->dow == b->dow &&
	    a->keyword == b->keyword &&
	    (a->flags & ~CK_SF_OWNED) == (b->flags & ~CK_SF_OWNED),
	    "%s: bits differ", what);
	FUZZ_CHECK(ck_expr_same(a, b), "%s: ck_expr_same() is false", what);
}

static void
in_a_line(const ck_expr *e, ck_dialect d, bool system)
{
	const char *t;
	char *line;
	size_t tl, n;
	ck_tab *tab;
	ck_error err;
	const char *tail = system ? " root cmd\n" : " cmd\n";

	t = ck_expr_text(e, &tl);
	n = tl + strlen(tail);
	if ((line = malloc(n)) == NULL)
		return;
	memcpy(line, t, tl);
	memcpy(line + tl, tail, strlen(tail));
	tab = ck_tab_parse(line, n, d, CK_PARSE_LENIENT |
	    (system ? CK_PARSE_SYSTEM : 0), &err);
	FUZZ_CHECK(tab != NULL, "job line parse failed: %s", err.msg);
	if (ck_tab_line_kind(tab, 0) != CK_LINE_ENV) {
		FUZZ_CHECK(ck_tab_line_kind(tab, 0) == CK_LINE_JOB,
		    "\"%.*s cmd\" is not a job line (kind %d)", (int)tl, t,
		    (int)ck_tab_line_kind(tab, 0));
		same_bits(e, ck_job_expr(ck_tab_job(tab, 0)), "in a job line");
	}
	ck_tab_free(tab);
	free(line);
}

static void
one(const char *text, size_t size, ck_dialect d)
{
	ck_expr *e, *again, *dup;
	ck_error err;
	const char *t;
	size_t tl, s = 0, end = size;

	memset(&err, 0, sizeof(err));
	if ((e = ck_expr_parse(text, size, d, &err)) == NULL) {
		FUZZ_CHECK(err.code == CK_ESYNTAX || err.code == CK_ERANGE ||
		    err.code == CK_ENOMEM, "refused with code %d",
		    (int)err.code);
		FUZZ_CHECK(err.line == 1, "error on line %u", err.line);
		FUZZ_CHECK(err.column >= 1 && err.column <= size + 1,
		    "error column %u outside %zu bytes: %s", err.column,
		    size, err.msg);
		FUZZ_CHECK(memchr(err.msg, '\0', sizeof(err.msg)) != NULL &&
		    err.msg[0] != '\0', "error message empty or unterminated");
		return;
	}
	while (s < size && ck_isblank((unsigned char)text[s]))
		s++;
	while (end > s && ck_isblank((unsigned char)text[end - 1]))
		end--;
	t = ck_expr_text(e, &tl);
	FUZZ_CHECK(tl == end - s && memcmp(t, text + s, tl) == 0 &&
	    t[tl] == '\0', "schedule text is not the input");
	again = ck_expr_parse(t, tl, d, &err);
	FUZZ_CHECK(again != NULL, "own text refused: %s", err.msg);
	same_bits(e, again, "re-parse");
	dup = ck_expr_dup(e, &err);
	FUZZ_CHECK(dup != NULL, "dup failed");
	same_bits(e, dup, "dup");
	FUZZ_CHECK(ck_expr_is_reboot(e) == (ck_expr_keyword(e) ==
	    CK_KW_REBOOT), "reboot flag and keyword disagree");
	in_a_line(e, d, false);
	in_a_line(e, d, true);
	ck_expr_free(dup);
	ck_expr_free(again);
	ck_expr_free(e);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int d;

	for (d = 0; d < CK_DIALECT_COUNT; d++)
		one((const char *)data, size, (ck_dialect)d);
	return 0;
}
