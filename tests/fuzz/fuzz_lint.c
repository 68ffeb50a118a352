/* SPDX-License-Identifier: ISC */
/*
 * fuzz_lint.c - ck_lint() on any document, in every dialect and format,
 * without and with file facts (name, mode, owner, users, other dialects).
 *
 * Properties: no crash, no leak; every diagnostic has a known rule, a
 * code, a name and a message, a line inside the document (0 for the whole
 * file) and a column inside that line; the list is sorted by line; lint
 * does not change the document (it renders to the same bytes after).
 */
#include <string.h>

#include "fuzz.h"

static void
lint_once(const ck_tab *tab, const struct ck_lint_opts *o)
{
	ck_diag_list *l = NULL;
	const ck_diag *d;
	ck_error err;
	const char *eol;
	size_t i, n = ck_tab_line_count(tab), len;
	unsigned int prev = 0;

	if (ck_lint(tab, o, &l, &err) == -1) {
		FUZZ_CHECK(err.code == CK_ENOMEM, "lint failed: %s", err.msg);
		return;
	}
	FUZZ_CHECK(l != NULL, "lint gave no list");
	for (i = 0; i < ck_diag_count(l); i++) {
		d = ck_diag_at(l, i);
		FUZZ_CHECK(d->rule >= 1 && d->rule <= ck_rule_max() &&
		    ck_rule_get(d->rule) != NULL, "unknown rule %u", d->rule);
		FUZZ_CHECK(d->code != NULL && d->name != NULL &&
		    d->message != NULL && d->message[0] != '\0',
		    "diagnostic %zu lacks text", i);
		FUZZ_CHECK(d->line <= n, "diagnostic on line %u of %zu",
		    d->line, n);
		FUZZ_CHECK(d->line >= prev, "diagnostics not sorted by line");
		prev = d->line;
		if (d->line == 0)
			continue;
		ck_tab_line_text(tab, d->line - 1, &len, &eol);
		FUZZ_CHECK(d->column <= len + strlen(eol) + 1,
		    "%s at %u:%u is past the line (%zu bytes)", d->code,
		    d->line, d->column, len);
	}
	ck_diag_list_free(l);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const users[] = { "root", "www-data", "nobody" };
	struct ck_lint_opts o = CK_LINT_OPTS_INIT;
	ck_tab *tab;
	ck_error err;
	char *out;
	size_t outlen;
	int d, sys;

	for (d = 0; d < CK_DIALECT_COUNT; d++)
		for (sys = 0; sys < 2; sys++) {
			tab = ck_tab_parse((const char *)data, size,
			    (ck_dialect)d, CK_PARSE_LENIENT |
			    (sys ? CK_PARSE_SYSTEM : 0), &err);
			if (tab == NULL)
				continue;
			lint_once(tab, NULL);
			o.path = sys ? "/etc/cron.d/back.up" : "crontab.txt";
			o.system_file = sys != 0;
			o.have_stat = true;
			o.mode = 0100000u | (size > 0 ? data[0] * 8u : 0644u);
			o.uid = size > 1 ? data[1] % 3 : 0;
			o.is_symlink = size > 2 && (data[2] & 1);
			o.also = 0x1fu;
			o.users = users;
			o.nusers = 3;
			o.year = 2024;
			lint_once(tab, &o);
			FUZZ_CHECK(ck_tab_format(tab, &out, &outlen,
			    &err) == 0 && outlen == size &&
			    memcmp(out, data, size) == 0,
			    "the document changed under lint");
			free(out);
			ck_tab_free(tab);
		}
	return 0;
}
