/* SPDX-License-Identifier: ISC */
/*
 * fuzz_tab.c - the document parser, for every dialect and both formats.
 *
 * Properties, for any bytes x:
 *  - a lenient parse never fails (short of memory), and
 *    render(parse(x)) == x byte for byte, also through the line accessors;
 *  - parse(render(parse(x))) has the same line kinds and jobs as parse(x);
 *  - a strict parse succeeds exactly when the lenient one has no invalid
 *    line, with the same model; when it fails, its error names the first
 *    invalid line and a column inside it;
 *  - every job points into its own line, every diagnostic into the text.
 */
#include <string.h>

#include "fuzz.h"

static size_t
cron_len(const ck_tab *tab, size_t i)
{
	const char *eol;
	size_t len;

	ck_tab_line_text(tab, i, &len, &eol);
	return len + (strcmp(eol, "\r\n") == 0 ? 1 : 0);
}

static void
check_positions(const ck_tab *tab, const char *what)
{
	const ck_diag_list *dl = ck_tab_diags(tab);
	const ck_diag *d;
	const ck_job *j;
	const char *lt, *p;
	size_t i, n = ck_tab_line_count(tab), len, ln;
	enum ck_line_kind k;

	for (i = 0; i < ck_diag_count(dl); i++) {
		d = ck_diag_at(dl, i);
		FUZZ_CHECK(d->line >= 1 && d->line <= n, "%s: diagnostic on "
		    "line %u of %zu", what, d->line, n);
		FUZZ_CHECK(d->column >= 1 &&
		    d->column <= cron_len(tab, d->line - 1) + 1,
		    "%s: diagnostic at %u:%u past the line", what, d->line,
		    d->column);
		FUZZ_CHECK(d->message != NULL && d->code != NULL,
		    "%s: diagnostic without text", what);
	}
	for (i = 0; i < ck_tab_job_count(tab); i++) {
		j = ck_tab_job(tab, i);
		ln = ck_job_line(j);
		FUZZ_CHECK(ln < n, "%s: job %zu on line %zu", what, i, ln);
		k = ck_tab_line_kind(tab, ln);
		FUZZ_CHECK(k == CK_LINE_JOB || k == CK_LINE_DISABLED,
		    "%s: job %zu on a line of kind %d", what, i, (int)k);
		FUZZ_CHECK((k == CK_LINE_JOB) == ck_job_enabled(j),
		    "%s: job %zu state disagrees with its line", what, i);
		if (ck_job_marker_line(j) != (size_t)-1)
			FUZZ_CHECK(ck_job_marker_line(j) + 1 == ln &&
			    ck_tab_line_kind(tab, ln - 1) == CK_LINE_MARKER,
			    "%s: job %zu marker not directly above", what, i);
		lt = ck_tab_line_text(tab, ln, &len, NULL);
		p = ck_job_command(j, &len);
		FUZZ_CHECK(p >= lt && p + len <= lt + cron_len(tab, ln),
		    "%s: job %zu command outside its line", what, i);
		FUZZ_CHECK((ck_job_user(j, NULL) != NULL) ==
		    ck_tab_is_system(tab), "%s: job %zu user column", what, i);
	}
}

static void
one(const char *text, size_t size, ck_dialect d, unsigned int flags)
{
	ck_tab *lax, *again, *strict;
	ck_error err, serr;
	const char *p, *eol;
	char *out = NULL;
	size_t outlen, i, n, len, off, first_bad;

	if ((lax = ck_tab_parse(text, size, d, flags | CK_PARSE_LENIENT,
	    &err)) == NULL) {
		FUZZ_CHECK(err.code == CK_ENOMEM || err.code == CK_ERANGE,
		    "lenient parse failed: %s", err.msg);
		return;
	}
	FUZZ_CHECK(ck_tab_format(lax, &out, &outlen, &err) == 0,
	    "format failed: %s", err.msg);
	FUZZ_CHECK(outlen == size && memcmp(out, text, size) == 0,
	    "render(parse(x)) != x (dialect %d, flags %u)", (int)d, flags);
	FUZZ_CHECK(out[outlen] == '\0', "rendered text not NUL-terminated");
	n = ck_tab_line_count(lax);
	for (i = 0, off = 0; i < n; i++) {
		p = ck_tab_line_text(lax, i, &len, &eol);
		FUZZ_CHECK(off + len + strlen(eol) <= size &&
		    memcmp(text + off, p, len) == 0 &&
		    memcmp(text + off + len, eol, strlen(eol)) == 0,
		    "line %zu text differs from the input", i + 1);
		FUZZ_CHECK(i + 1 == n || *eol != '\0',
		    "line %zu without an ending is not the last", i + 1);
		off += len + strlen(eol);
	}
	FUZZ_CHECK(off == size, "lines cover %zu of %zu bytes", off, size);
	check_positions(lax, "lenient");

	again = ck_tab_parse(out, outlen, d, flags | CK_PARSE_LENIENT, &err);
	FUZZ_CHECK(again != NULL, "re-parse failed: %s", err.msg);
	fuzz_same_model(lax, again, "parse(render(parse(x)))");
	ck_tab_free(again);

	for (first_bad = 0; first_bad < n; first_bad++)
		if (ck_tab_line_kind(lax, first_bad) == CK_LINE_INVALID)
			break;
	strict = ck_tab_parse(text, size, d, flags, &serr);
	if (strict != NULL) {
		FUZZ_CHECK(first_bad == n, "strict parse accepted invalid "
		    "line %zu", first_bad + 1);
		fuzz_same_model(lax, strict, "strict vs lenient");
		check_positions(strict, "strict");
		ck_tab_free(strict);
	} else if (serr.code != CK_ENOMEM) {
		FUZZ_CHECK(first_bad < n, "strict parse failed (%u:%u: %s) "
		    "but no line is invalid", serr.line, serr.column,
		    serr.msg);
		FUZZ_CHECK(serr.line == first_bad + 1, "strict error on line "
		    "%u, first invalid line %zu", serr.line, first_bad + 1);
		FUZZ_CHECK(serr.column >= 1 &&
		    serr.column <= cron_len(lax, first_bad) + 1,
		    "strict error column %u past line %u", serr.column,
		    serr.line);
		FUZZ_CHECK(memchr(serr.msg, '\0', sizeof(serr.msg)) != NULL &&
		    serr.msg[0] != '\0', "error message empty or unterminated");
	}
	free(out);
	ck_tab_free(lax);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int d;

	for (d = 0; d < CK_DIALECT_COUNT; d++) {
		one((const char *)data, size, (ck_dialect)d, 0);
		one((const char *)data, size, (ck_dialect)d, CK_PARSE_SYSTEM);
	}
	return 0;
}
