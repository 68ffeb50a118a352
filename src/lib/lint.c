/* SPDX-License-Identifier: ISC */
/*
 * lint.c - the semantic checks behind `cronkeep check`.
 *
 * The parser (tab.c, expr.c, env.c) reports what is wrong with a line's
 * syntax; this module adds what is legal but probably not meant: schedules
 * that never fire or skip months (found from the bit sets), the day-of-month
 * / day-of-week rule, steps, percent signs, secrets, users, file names and
 * modes, and what another cron would reject or run differently.  The
 * caller passes every fact about the outside world in ck_lint_opts: this
 * file does no I/O.
 *
 * This file is the driver: directives, lines the parser rejected, running
 * each family of rules over the lines, then sorting, merging and
 * filtering the findings.  The families are lint_sched.c, lint_cmd.c,
 * lint_env.c, lint_port.c and lint_file.c; what they share is
 * lint_util.c (lint_int.h).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "lint_int.h"

/* ---- directives ---- */

/*
 * directive = "#" *blank "cronkeep-lint:" *blank verb "=" list
 * verb      = "disable" | "disable-file"
 * list      = rule *( *blank "," *blank rule )
 * @return 0 not a directive, 1 for the next line, 2 for the file
 */
static int
parse_directive(struct lctx *c, size_t li, struct rset *rs)
{
	static const char tag[] = "cronkeep-lint:";
	const struct ck_line *l = &c->tab->lines[li];
	const char *p = l->p, *end = l->p + l->len, *s;
	const struct ck_rule *r;
	unsigned int line = (unsigned int)li + 1;
	int verb;

	while (p < end && ck_isblank((unsigned char)*p))
		p++;
	if (p >= end || *p != '#')
		return 0;
	p++;
	while (p < end && ck_isblank((unsigned char)*p))
		p++;
	if ((size_t)(end - p) < sizeof(tag) - 1 ||
	    memcmp(p, tag, sizeof(tag) - 1) != 0)
		return 0;
	p += sizeof(tag) - 1;
	while (p < end && ck_isblank((unsigned char)*p))
		p++;
	if ((size_t)(end - p) >= 13 && memcmp(p, "disable-file=", 13) == 0) {
		verb = 2;
		p += 13;
	} else if ((size_t)(end - p) >= 8 && memcmp(p, "disable=", 8) == 0) {
		verb = 1;
		p += 8;
	} else {
		ck_lint_emit(c, CK_R_BAD_DIRECTIVE, line, col_of(l, p),
		    "write disable=CODE,... or disable-file=CODE,...",
		    "unknown cronkeep-lint directive \"%.*s%s\"",
		    qlen((size_t)(end - p)), p, QDOTS((size_t)(end - p)));
		return -1;
	}
	for (;;) {
		while (p < end && ck_isblank((unsigned char)*p))
			p++;
		s = p;
		while (p < end && *p != ',' && !ck_isblank((unsigned char)*p))
			p++;
		if (p == s) {
			ck_lint_emit(c, CK_R_BAD_DIRECTIVE, line, col_of(l, p),
			    "name a rule such as CK016 or bare-percent",
			    "a rule code is missing in the cronkeep-lint "
			    "directive");
			return -1;
		}
		if ((r = ck_rule_find(s, (size_t)(p - s))) == NULL) {
			ck_lint_emit(c, CK_R_BAD_DIRECTIVE, line, col_of(l, s),
			    "see cronkeep check --list-rules",
			    "unknown rule \"%.*s%s\" in cronkeep-lint directive",
			    qlen((size_t)(p - s)), s, QDOTS((size_t)(p - s)));
			return -1;
		}
		rset_add(rs, r->num);
		while (p < end && ck_isblank((unsigned char)*p))
			p++;
		if (p >= end)
			break;
		if (*p != ',') {
			ck_lint_emit(c, CK_R_BAD_DIRECTIVE, line, col_of(l, p),
			    "separate rules with ','",
			    "unexpected '%c' in cronkeep-lint directive", *p);
			return -1;
		}
		p++;
	}
	return verb;
}

/* ---- lines the parser could not read ---- */

static bool
is_name_word(const char *w, size_t n)
{
	/* Longer spellings some people write: "sept", "tues", "thurs". */
	static const char *const more[] = { "sept", "tues", "thur", "thurs",
		NULL };
	int k;

	if (n == 3 && (ck_month_from_abbr(w, 3) != -1 ||
	    ck_dow_from_abbr(w, 3) != -1))
		return true;
	for (k = 1; k <= 12; k++)
		if (eq_nocase(w, n, ck_month_full(k)))
			return true;
	for (k = 0; k < 7; k++)
		if (eq_nocase(w, n, ck_dow_full(k)))
			return true;
	for (k = 0; more[k] != NULL; k++)
		if (eq_nocase(w, n, more[k]))
			return true;
	return false;
}

/*
 * A better rule than the parser's for a line it rejected: an unquoted
 * empty value where Debian needs quotes (CK004), or prose that is no job
 * at all (CK003), rather than "bad minute".  *col gets the column.
 */
static unsigned int
replacement(const struct lctx *c, size_t li, unsigned int *col)
{
	const struct ck_line *l = &c->tab->lines[li];
	const char *p = l->p, *end = l->p + l->len, *w, *n, *v;
	size_t nl, vl, wl;

	if (l->kind != CK_LINE_INVALID)
		return 0;
	if (c->d != CK_DIALECT_CRONIE &&
	    ck_env_parse(l->p, l->len, CK_DIALECT_CRONIE, &n, &nl, &v, &vl) &&
	    vl == 0) {
		w = memchr(l->p, '=', l->len);
		*col = w != NULL ? col_of(l, w) + 1 : 1;
		return CK_R_EMPTY_VALUE;
	}
	while (p < end && ck_isblank((unsigned char)*p))
		p++;
	w = p;
	while (p < end && ck_isalpha((unsigned char)*p))
		p++;
	wl = (size_t)(p - w);
	if (wl == 0 || (p < end && !ck_isblank((unsigned char)*p)) ||
	    is_name_word(w, wl) || memchr(l->p, '=', l->len) != NULL)
		return 0;
	while (p < end && ck_isblank((unsigned char)*p))
		p++;
	if (p < end && (ck_isdigit((unsigned char)*p) || *p == '*' ||
	    *p == '/' || *p == ','))
		return 0;
	*col = col_of(l, w);
	return CK_R_LINE_ERROR;
}

static void
replace_line(struct lctx *c, size_t li, unsigned int rule, unsigned int col)
{
	const struct ck_line *l = &c->tab->lines[li];
	unsigned int line = (unsigned int)li + 1;
	const char *w;

	if (rule == CK_R_EMPTY_VALUE) {
		w = memchr(l->p, '=', l->len);
		ck_lint_emit(c, rule, line, col, "quote it: NAME=\"\"",
		    "unquoted empty value: %s's cron does not take \"%.*s\" as "
		    "an assignment and rejects the line", dname(c->d),
		    qlen(w != NULL ? (size_t)(w - l->p) + 1 : l->len), l->p);
		return;
	}
	ck_lint_emit(c, rule, line, col, "start a comment with '#'",
	    "\"%.*s%s\" is neither a job, an assignment nor a comment",
	    qlen(l->len), l->p, QDOTS(l->len));
}

/* ---- putting it together ---- */

/*
 * A finding's place in the sort: where it is and its index in the list
 * (the order made: parser first).  Small, so sorting moves 16 bytes a
 * finding, not the whole ck_diag.
 */
struct ord {
	unsigned int	 line;
	unsigned int	 column;
	uint32_t	 seq;
	bool		 drop;
};

static int
ord_cmp(const void *a, const void *b)
{
	const struct ord *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Sort by merging the runs already in order: findings are made line by
 * line, the parser's first, so there are a few long runs and merging them
 * is linear where qsort(3) is not.  Stable (ord_cmp ends on seq anyway).
 * @return 0, or -1 when out of memory (v is then left as it was).
 */
static int
merge_runs(struct ord *v, size_t n)
{
	struct ord *tmp, *src = v, *dst, *t;
	size_t i, a, mid, m, e, k;
	bool done;

	if ((tmp = reallocarray(NULL, n, sizeof(*tmp))) == NULL)
		return -1;
	dst = tmp;
	do {
		done = true;
		for (i = 0, k = 0; i < n; i = e) {
			/* Two runs [i, mid) and [mid, e), merged into dst. */
			for (mid = i + 1; mid < n &&
			    ord_cmp(&src[mid - 1], &src[mid]) <= 0; mid++)
				;
			for (e = mid + (mid < n); e < n &&
			    ord_cmp(&src[e - 1], &src[e]) <= 0; e++)
				;
			if (mid < n)
				done = false;
			for (a = i, m = mid; a < mid && m < e;)
				dst[k++] = ord_cmp(&src[a], &src[m]) <= 0 ?
				    src[a++] : src[m++];
			while (a < mid)
				dst[k++] = src[a++];
			while (m < e)
				dst[k++] = src[m++];
		}
		t = src;
		src = dst;
		dst = t;
	} while (!done);
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
	free(tmp);
	return 0;
}

/*
 * Sort each line's findings by column first: lint makes a line's findings
 * check by check, so their columns are out of order (a job's "no id" at
 * column 1 comes after its schedule's), and that left merge_runs() with a
 * run per line.  After this, the runs are the few stretches in line order
 * (the parser's findings, lint's walk, the file-wide checks after it).
 * Groups are small: insertion sort; a large one (many findings on one
 * line) goes to qsort(3).
 */
static void
sort_line_groups(struct ord *v, size_t n)
{
	size_t g, e, i, k;
	struct ord t;

	for (g = 0; g < n; g = e) {
		for (e = g + 1; e < n && v[e].line == v[g].line; e++)
			;
		if (e - g > 16) {
			qsort(v + g, e - g, sizeof(*v), ord_cmp);
			continue;
		}
		for (i = g + 1; i < e; i++) {
			t = v[i];
			for (k = i; k > g && ord_cmp(&v[k - 1], &t) > 0; k--)
				v[k] = v[k - 1];
			v[k] = t;
		}
	}
}

/* The same finding twice (the parser's and lint's): keep the first. */
static bool
same_finding(const ck_diag *a, const ck_diag *b)
{
	/* A warning never hides an error of the same rule (5-1 14~4). */
	if (a->rule != b->rule || a->severity != b->severity)
		return false;
	if (a->rule == CK_R_UNSUPPORTED || a->rule == CK_R_CRON_D_FILE ||
	    a->rule == CK_R_TZ_VAR)
		return strcmp(a->message, b->message) == 0;
	return true;
}

static bool
suppressed(const ck_diag *d, const struct rset *file_off,
    const struct rset *line_off, size_t nlines)
{
	if (rset_has(file_off, d->rule))
		return true;
	return d->line > 0 && d->line <= nlines &&
	    rset_has(&line_off[d->line - 1], d->rule);
}

/*
 * Sort by line and column, drop what directives switch off and repeated
 * findings, and move the rest into a new list.
 */
static int
finish(struct lctx *c, const struct rset *file_off,
    const struct rset *line_off, ck_diag_list **out)
{
	ck_diag_list *res;
	const ck_diag *d;
	struct ord *v = NULL;
	size_t i, j, g, n = c->l->n, nlines = c->tab->nlines;
	bool sorted;

	if ((res = ck_diag_list_new()) == NULL)
		return -1;
	if (n == 0) {
		*out = res;
		return 0;
	}
	if (n > UINT32_MAX || (v = reallocarray(NULL, n, sizeof(*v))) == NULL) {
		ck_diag_list_free(res);
		return -1;
	}
	sorted = true;
	for (i = 0; i < n; i++) {
		d = &c->l->v[i];
		v[i].line = d->line;
		v[i].column = d->column;
		v[i].seq = (uint32_t)i;
		v[i].drop = suppressed(d, file_off, line_off, nlines);
		if (i > 0 && ord_cmp(&v[i - 1], &v[i]) > 0)
			sorted = false;
	}
	/* Findings are made line by line: often in order already. */
	if (!sorted) {
		sort_line_groups(v, n);
		if (merge_runs(v, n) == -1)
			qsort(v, n, sizeof(*v), ord_cmp);
	}
	for (g = 0; g < n; g = j) {
		for (j = g; j < n && v[j].line == v[g].line; j++)
			;
		for (i = g; i < j; i++) {
			size_t k;

			for (k = g; k < j && !v[i].drop; k++)
				if (k != i && !v[k].drop &&
				    v[k].seq < v[i].seq &&
				    same_finding(&c->l->v[v[k].seq],
				    &c->l->v[v[i].seq]))
					v[i].drop = true;
		}
	}
	/*
	 * Put the findings in that order in their own array, following each
	 * cycle of the permutation (entry i takes entry v[i].seq; a done
	 * entry is marked with seq = i), then close the gaps of the dropped
	 * ones.  The array and the text then move to res: no copy of either.
	 */
	for (i = 0; i < n; i++) {
		ck_diag first;
		size_t k, from;

		if (v[i].seq == i)
			continue;
		first = c->l->v[i];
		for (k = i; (from = v[k].seq) != i; k = from) {
			c->l->v[k] = c->l->v[from];
			v[k].seq = (uint32_t)k;
		}
		c->l->v[k] = first;
		v[k].seq = (uint32_t)k;
	}
	for (i = 0, j = 0; i < n; i++)
		if (!v[i].drop)
			c->l->v[j++] = c->l->v[i];
	res->v = c->l->v;
	res->n = j;
	res->cap = c->l->cap;
	c->l->v = NULL;
	c->l->cap = 0;
	/* The strings now belong to res (a dropped one's with them). */
	ck_diag_list_take_text(res, c->l);
	c->l->n = 0;
	free(v);
	*out = res;
	return 0;
}

static bool
is_commentish(uint8_t kind)
{
	return kind == CK_LINE_COMMENT || kind == CK_LINE_MARKER ||
	    kind == CK_LINE_DISABLED;
}

int
ck_lint(const ck_tab *tab, const struct ck_lint_opts *opts,
    ck_diag_list **out, ck_error *err)
{
	struct ck_lint_opts o;
	const ck_diag_list *pd;
	struct lctx c;
	struct rset file_off, pending, *line_off = NULL;
	bool have_pending = false, mailto = false, jobs = false;
	size_t i, nlines, ncrlf = 0, crlf_line = 0;
	unsigned int repcol = 1;
	ck_userset *own_users = NULL;
	int verb;

	*out = NULL;
	memset(&c, 0, sizeof(c));
	memset(&file_off, 0, sizeof(file_off));
	memset(&pending, 0, sizeof(pending));
	c.tab = tab;
	c.tz_line = (size_t)-1;
	if (ck_opts_read(&o, sizeof(o), opts, "ck_lint_opts", err) == -1)
		return -1;
	c.o = &o;
	c.zone_dst = ck_lint_zone_has_dst(&o);
	c.d = tab->dialect;
	c.system = (tab->flags & CK_PARSE_SYSTEM) != 0;
	for (i = 0; i < NREAL; i++)
		if (c.d == CK_DIALECT_PORTABLE ||
		    (c.o->also & CK_DIALECT_BIT(real_dialects[i])))
			c.others |= CK_DIALECT_BIT(real_dialects[i]);
	c.others &= ~CK_DIALECT_BIT(c.d);
	c.users = c.o->userset;
	if (c.users == NULL && c.o->users != NULL &&
	    (c.users = own_users = ck_userset_new(c.o->users, c.o->nusers,
	    err)) == NULL)
		return -1;
	nlines = tab->nlines;
	if ((c.l = ck_diag_list_new()) == NULL ||
	    (c.ported = calloc(nlines + 1, sizeof(*c.ported))) == NULL ||
	    (line_off = calloc(nlines + 1, sizeof(*line_off))) == NULL)
		goto fail;

	/* Lines where lint has a better word than the parser's error. */
	for (i = 0; i < nlines; i++)
		c.ported[i] = replacement(&c, i, &repcol);
	/* The parser's findings come first and win over repeats. */
	pd = ck_tab_diags(tab);
	for (i = 0; i < ck_diag_count(pd); i++) {
		const ck_diag *d = ck_diag_at(pd, i);

		if (d->line > 0 && d->line <= nlines &&
		    c.ported[d->line - 1] != 0 && d->severity == CK_SEV_ERROR)
			continue;
		if (ck_diag_add(c.l, d->rule, d->severity, d->line, d->column,
		    d->hint, "%s", d->message) == -1)
			goto fail;
	}
	c.npre = c.l->n;
	for (i = 0; i < nlines; i++)
		if (c.ported[i] != 0) {
			(void)replacement(&c, i, &repcol);
			replace_line(&c, i, c.ported[i], repcol);
			c.ported[i] = 0;
		}

	/* Directives: for the next line that is not a comment, or all. */
	for (i = 0; i < nlines; i++) {
		const struct ck_line *l = &tab->lines[i];
		struct rset rs;
		size_t k;

		memset(&rs, 0, sizeof(rs));
		verb = l->kind == CK_LINE_COMMENT ?
		    parse_directive(&c, i, &rs) : 0;
		if (verb == 1) {
			for (k = 0; k < sizeof(rs.w) / sizeof(rs.w[0]); k++)
				pending.w[k] |= rs.w[k];
			have_pending = true;
			continue;
		}
		if (verb == 2) {
			for (k = 0; k < sizeof(rs.w) / sizeof(rs.w[0]); k++)
				file_off.w[k] |= rs.w[k];
			continue;
		}
		if (verb != 0 || is_commentish(l->kind))
			continue;
		if (have_pending) {
			line_off[i] = pending;
			memset(&pending, 0, sizeof(pending));
			have_pending = false;
		}
	}

	ck_lint_check_file(&c);
	for (i = 0; i < nlines && !c.oom; i++) {
		const struct ck_line *l = &tab->lines[i];
		const struct ck_job *job;
		size_t clen;

		if (l->kind == CK_LINE_JOB && l->job != CK_NONE &&
		    l->job < tab->njobs) {
			job = &tab->jobs[l->job];
			jobs = true;
			ck_lint_check_schedule(&c, i, job);
			ck_lint_check_user(&c, i, job);
			ck_lint_check_command(&c, i, job);
			if (job->id == NULL && job->marker_line == CK_NONE &&
			    !(i > 0 && (tab->lines[i - 1].kind ==
			    CK_LINE_COMMENT || tab->lines[i - 1].kind ==
			    CK_LINE_MARKER)) &&
			    ck_job_comment(job, &clen) == NULL)
				ck_lint_emit(&c, CK_R_NO_ID,
				    (unsigned int)i + 1, 1,
				    "add '# cronkeep: ID' or a comment above "
				    "it",
				    "the job \"%.*s%s\" has neither an id nor a "
				    "comment", qlen(job->cmd_len), job->cmd,
				    QDOTS(job->cmd_len));
		} else if (l->kind == CK_LINE_ENV) {
			const char *name, *v;
			size_t nlen, vlen;

			ck_lint_check_env(&c, i, &mailto);
			if (ck_tab_line_env(tab, i, &name, &nlen, &v, &vlen) ==
			    0 && nlen == 7 && memcmp(name, "CRON_TZ", 7) == 0)
				c.tz_line = i;
		}
		if (l->eol == CK_EOL_CRLF && (l->kind == CK_LINE_JOB ||
		    l->kind == CK_LINE_ENV) && ncrlf++ == 0)
			crlf_line = i;
		ck_lint_check_line_portability(&c, i);
		if (i + 1 == nlines && l->eol == CK_EOL_NONE && l->len > 0 &&
		    !ck_lint_has_diag(&c, (unsigned int)i + 1,
		    CK_R_MISSING_NEWLINE))
			ck_lint_emit(&c, CK_R_MISSING_NEWLINE,
			    (unsigned int)i + 1,
			    l->len + 1, "end the file with a newline",
			    "the last line does not end with a newline");
	}
	if (ncrlf > 0)
		ck_lint_emit(&c, CK_R_CRLF, (unsigned int)crlf_line + 1,
		    tab->lines[crlf_line].len + 1,
		    "convert the file to LF line endings (dos2unix)",
		    "%zu line%s end%s with CR LF: cron keeps the carriage "
		    "return in commands%s", ncrlf, ncrlf == 1 ? "" : "s",
		    ncrlf == 1 ? "s" : "", c.d == CK_DIALECT_CRONIE ? "" :
		    " and values");
	ck_lint_check_duplicates(&c);
	ck_lint_check_duplicate_ids(&c);
	ck_lint_check_crowded_minute(&c);
	if (jobs && !mailto)
		ck_lint_emit(&c, CK_R_NO_MAILTO, 0, 0,
		    c.d == CK_DIALECT_BUSYBOX ?
		    "set MAILTO=address, or MAILTO= (empty) for no mail" :
		    "set MAILTO=address, or MAILTO=\"\" for no mail",
		    "MAILTO is not set: cron mails any output to the "
		    "crontab's owner");
	if (c.oom || finish(&c, &file_off, line_off, out) == -1)
		goto fail;
	ck_diag_list_free(c.l);
	free(c.ported);
	ck_elems_clear(&c.elems);
	free(line_off);
	ck_userset_free(own_users);
	return 0;
fail:
	ck_diag_list_free(c.l);
	free(c.ported);
	ck_elems_clear(&c.elems);
	free(line_off);
	ck_userset_free(own_users);
	return ck_error_oom(err);
}
