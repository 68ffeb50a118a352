/* SPDX-License-Identifier: ISC */
/*
 * lint_port.c - portability rules: a whole line as another cron
 * (--also-dialect, --dialect portable) would read it, length and options.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "lint_int.h"

/* ---- whole lines: length, options, other dialects ---- */

static bool
no_dash_nolog(const struct ck_dialect_facts *f)
{
	return !f->dash_nolog;
}

/* Does a cron with these facts take "-x" (n, q or s) as a job option? */
static bool
knows_option(const struct ck_dialect_facts *f, char x)
{
	return f->job_opts == CK_JOBOPT_NQS ||
	    (f->job_opts == CK_JOBOPT_N && x == 'n');
}

/* The command's leading option word (-n, -q, -s) after schedule/user. */
static bool
job_option(const struct ck_line *l, const struct ck_job *job, bool system,
    const char **opt)
{
	const char *p, *end = l->p + l->len;

	if (job->expr.text == NULL || job->expr.text < l->p ||
	    job->expr.text > end)
		return false;
	p = job->expr.text + job->expr.len;
	if (system) {
		while (p < end && ck_isblank((unsigned char)*p))
			p++;
		while (p < end && !ck_isblank((unsigned char)*p))
			p++;
	}
	while (p < end && ck_isblank((unsigned char)*p))
		p++;
	if (end - p >= 3 && p[0] == '-' && (p[1] == 'n' || p[1] == 'q' ||
	    p[1] == 's') && ck_isblank((unsigned char)p[2])) {
		*opt = p;
		return true;
	}
	return false;
}

void
ck_lint_check_line_portability(struct lctx *c, size_t li)
{
	const struct ck_line *l = &c->tab->lines[li];
	const struct ck_job *job = NULL;
	struct ck_tab other;
	struct ck_job j2;
	ck_diag_list *tmp;
	ck_error err;
	uint8_t kind;
	unsigned int line = (unsigned int)li + 1, set, bit;
	const char *opt, *p;
	size_t i, k;
	char dl[64];

	if (l->kind == CK_LINE_JOB && l->job != CK_NONE)
		job = &c->tab->jobs[l->job];
	/* cronie's '-' prefix: do not log. */
	p = l->p;
	while (p < l->p + l->len && ck_isblank((unsigned char)*p))
		p++;
	if (job != NULL && p < l->p + l->len && *p == '-') {
		set = ck_lint_dwhere(c->others, no_dash_nolog);
		if (set != 0) {
			ck_lint_emit(c, CK_R_UNSUPPORTED, line, col_of(l, p),
			    NULL,
			    "%s reject%s the '-' prefix (cronie's 'do not log "
			    "this job')", ck_lint_dlist(set, dl, sizeof(dl)),
			    (set & (set - 1)) ? "" : "s");
			c->ported[li] |= set;
		}
	}
	if (job != NULL && job_option(l, job, c->system, &opt)) {
		set = 0;
		for (i = 0; i < NREAL; i++) {
			ck_dialect d = real_dialects[i];

			bit = CK_DIALECT_BIT(d);
			if (!(c->others & bit))
				continue;
			if (knows_option(ck_dialect_facts(d), opt[1]))
				continue;
			set |= bit;
		}
		if (set != 0) {
			ck_lint_emit(c, CK_R_UNSUPPORTED, line, col_of(l, opt),
			    NULL,
			    "%s do%s not know the option \"%.2s\": it becomes "
			    "part of the command", ck_lint_dlist(set, dl,
			    sizeof(dl)),
			    (set & (set - 1)) ? "" : "es", opt);
			c->ported[li] |= set;
		}
	}
	/* Long lines: Vixie 3.0 keeps 1000 bytes, cronie 131072. */
	for (i = 0; i < NREAL + 1; i++) {
		ck_dialect d = i < NREAL ? real_dialects[i] : c->d;
		size_t max = ck_dialect_facts(d)->max_line;

		if (i < NREAL && !(c->others & CK_DIALECT_BIT(d)))
			continue;
		/* Identity in the message, kept: portable's is Debian's. */
		if (l->len > max && l->kind != CK_LINE_COMMENT &&
		    l->kind != CK_LINE_BLANK) {
			ck_lint_emit(c, CK_R_LONG_LINE, line,
			    (unsigned int)max + 1,
			    "move the command into a script",
			    "the line is %u bytes long: %s keeps only %zu",
			    l->len, d == CK_DIALECT_PORTABLE ? "debian" :
			    dname(d), max);
			break;
		}
	}

	if (c->others == 0 || (l->kind != CK_LINE_JOB &&
	    l->kind != CK_LINE_ENV))
		return;
	/* Parse the line again as each other cron would. */
	if ((tmp = ck_diag_list_new()) == NULL) {
		c->oom = true;
		return;
	}
	for (i = 0; i < NREAL; i++) {
		ck_dialect d = real_dialects[i];
		int rc;

		bit = CK_DIALECT_BIT(d);
		if (!(c->others & bit) || (c->ported[li] & bit))
			continue;
		other = *c->tab;
		other.dialect = d;
		other.diags = tmp;
		ck_diag_list_clear(tmp);
		memset(&j2, 0, sizeof(j2));
		memset(&err, 0, sizeof(err));
		kind = CK_LINE_INVALID;
		rc = ck_line_parse(&other, l->p, l->len, line, &kind, &j2,
		    tmp, &err);
		if (rc == -1 || kind == CK_LINE_INVALID) {
			if (err.rule == CK_R_REVERSED_RANGE &&
			    ck_lint_has_diag(c, line, CK_R_REVERSED_DOW))
				continue;
			ck_lint_emit(c, CK_R_UNSUPPORTED, line,
			    err.column ? err.column
			    : 1, NULL, "%s rejects this line: %s", dname(d),
			    err.msg[0] ? err.msg : "not a valid line");
			continue;
		}
		if (kind != l->kind) {
			ck_lint_emit(c, CK_R_UNSUPPORTED, line, 1, NULL,
			    "%s reads this line as %s", dname(d),
			    kind == CK_LINE_ENV ? "an assignment" :
			    kind == CK_LINE_JOB ? "a job" : "something else");
			continue;
		}
		for (k = 0; k < tmp->n; k++) {
			const ck_diag *g = &tmp->v[k];

			if (g->severity == CK_SEV_INFO ||
			    ck_lint_has_diag(c, line, g->rule))
				continue;
			ck_lint_emit_hint(c, g->rule == CK_R_IGNORED_TEXT ||
			    g->rule == CK_R_RANDOM ? g->rule :
			    CK_R_UNSUPPORTED, CK_SEV_WARNING, line, g->column,
			    g->hint, "%s: %s", dname(d), g->message);
			break;
		}
		if (k < tmp->n)
			continue;
		if (kind == CK_LINE_JOB && job != NULL &&
		    !ck_expr_same(&job->expr, &j2.expr))
			ck_lint_emit(c, CK_R_UNSUPPORTED, line, col_of(l,
			    job->expr.text), NULL,
			    "%s runs this job at other times", dname(d));
		else if (kind == CK_LINE_JOB && job != NULL &&
		    (j2.cmd_len != job->cmd_len ||
		    memcmp(j2.cmd, job->cmd, job->cmd_len) != 0))
			ck_lint_emit(c, CK_R_UNSUPPORTED, line, col_of(l,
			    j2.cmd),
			    NULL, "%s runs a different command: \"%.*s%s\"",
			    dname(d), qlen(j2.cmd_len), j2.cmd,
			    QDOTS(j2.cmd_len));
	}
	ck_diag_list_free(tmp);
}
