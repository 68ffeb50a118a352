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
	/*
	 * Identity, kept: cronie's reading (empty values, a trailing '\r')
	 * is the reference for "an assignment with an empty value".
	 */
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
 * A finding's place in the sort of its line: its column and its index in
 * the line's list (the order made: the parser's first).  Small, so sorting
 * moves 16 bytes a finding, not the whole ck_diag.
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

/* "# cronkeep-lint: disable=..." for the line with index li. */
struct line_off {
	size_t		 li;
	struct rset	 rs;
};

/*
 * One run of ck_lint_each(): the findings are made and handed out a line
 * at a time.  What needs the whole file (directives, the file's own
 * facts, duplicates, crowded minutes, CR LF, MAILTO) is found first and
 * kept in `late', each finding handed out with its line.
 */
struct run {
	struct lctx	 c;
	ck_diag_list	*line;		/* the findings of one line */
	ck_diag_list	*late;		/* the file-wide checks' */
	size_t		 nfile;		/* late's first nfile: the file's own
					   facts (made before the lines) */
	uint32_t	*late_ord;	/* late by line, then as made */
	uint32_t	*pre_ord;	/* the parser's by line, or NULL:
					   in line order already */
	struct rset	 file_off;
	struct line_off	*off;		/* by line */
	size_t		 noff;
	struct ord	*v;		/* a line's sort */
	size_t		 vcap;
	ck_lint_fn	 fn;
	void		*arg;
	bool		 stopped;	/* fn said stop */
	unsigned int	 stop_line;
};

/* A copy of d (its hint outlives the copy) at the end of l. */
static int
push(ck_diag_list *l, const ck_diag *d)
{
	return ck_diag_add_static(l, d->rule, d->severity, d->line, d->column,
	    d->hint, "%s", d->message);
}

/*
 * Hand out the findings of one line (all of them in r->line, in the order
 * they were made): sorted by column, without what directives switch off
 * (off: the line's own set, or NULL) and without repeated findings.
 */
static int
flush_line(struct run *r, const struct rset *off)
{
	ck_diag_list *l = r->line;
	const ck_diag *d;
	struct ord *v, t;
	size_t i, k, n = l->n;

	if (n == 0)
		return 0;
	if (n > r->vcap) {
		if ((v = reallocarray(r->v, n, sizeof(*v))) == NULL)
			return -1;
		r->v = v;
		r->vcap = n;
	}
	v = r->v;
	for (i = 0; i < n; i++) {
		d = &l->v[i];
		v[i].line = d->line;
		v[i].column = d->column;
		v[i].seq = (uint32_t)i;
		v[i].drop = rset_has(&r->file_off, d->rule) ||
		    (off != NULL && rset_has(off, d->rule));
	}
	if (n > 16)
		qsort(v, n, sizeof(*v), ord_cmp);
	else
		for (i = 1; i < n; i++) {
			t = v[i];
			for (k = i; k > 0 && ord_cmp(&v[k - 1], &t) > 0; k--)
				v[k] = v[k - 1];
			v[k] = t;
		}
	for (i = 0; i < n; i++)
		for (k = 0; k < n && !v[i].drop; k++)
			if (k != i && !v[k].drop && v[k].seq < v[i].seq &&
			    same_finding(&l->v[v[k].seq], &l->v[v[i].seq]))
				v[i].drop = true;
	for (i = 0; i < n && !r->stopped; i++) {
		if (v[i].drop)
			continue;
		d = &l->v[v[i].seq];
		if (r->fn(r->arg, d) != 0) {
			r->stopped = true;
			r->stop_line = d->line;
		}
	}
	ck_diag_list_clear(l);
	return 0;
}

static bool
is_commentish(uint8_t kind)
{
	return kind == CK_LINE_COMMENT || kind == CK_LINE_MARKER ||
	    kind == CK_LINE_DISABLED;
}

/*
 * Directives: for the next line that is not a comment, or all.  Their
 * mistakes are reported with their line (parse_directive() again).
 */
static int
read_directives(struct run *r)
{
	struct lctx *c = &r->c;
	const ck_tab *tab = c->tab;
	struct rset pending, rs;
	struct line_off *o;
	bool have_pending = false;
	size_t i, k, cap = 0;
	int verb;

	memset(&pending, 0, sizeof(pending));
	c->mute = true;
	for (i = 0; i < tab->nlines; i++) {
		const struct ck_line *l = &tab->lines[i];

		memset(&rs, 0, sizeof(rs));
		verb = l->kind == CK_LINE_COMMENT ?
		    parse_directive(c, i, &rs) : 0;
		if (verb == 1) {
			for (k = 0; k < sizeof(rs.w) / sizeof(rs.w[0]); k++)
				pending.w[k] |= rs.w[k];
			have_pending = true;
			continue;
		}
		if (verb == 2) {
			for (k = 0; k < sizeof(rs.w) / sizeof(rs.w[0]); k++)
				r->file_off.w[k] |= rs.w[k];
			continue;
		}
		if (verb != 0 || is_commentish(l->kind) || !have_pending)
			continue;
		if (r->noff == cap) {
			cap = cap ? cap * 2 : 8;
			if ((o = reallocarray(r->off, cap, sizeof(*o))) ==
			    NULL) {
				c->mute = false;
				return -1;
			}
			r->off = o;
		}
		r->off[r->noff].li = i;
		r->off[r->noff++].rs = pending;
		memset(&pending, 0, sizeof(pending));
		have_pending = false;
	}
	c->mute = false;
	return 0;
}

/*
 * What needs the whole file, into r->late: the file's own facts, then
 * (after what the lines find, in the order ck_lint() always made them)
 * CR LF, duplicate jobs and ids, crowded minutes and MAILTO.
 */
static int
late_checks(struct run *r)
{
	struct lctx *c = &r->c;
	const ck_tab *tab = c->tab;
	struct ord *v;
	size_t i, n, ncrlf = 0, crlf_line = 0;
	bool jobs = false, mailto = false;

	c->l = r->late;
	ck_lint_check_file(c);
	r->nfile = r->late->n;
	for (i = 0; i < tab->nlines; i++) {
		const struct ck_line *l = &tab->lines[i];
		const char *name, *val;
		size_t nlen, vlen;

		if (l->kind == CK_LINE_JOB && l->job != CK_NONE &&
		    l->job < tab->njobs)
			jobs = true;
		else if (l->kind == CK_LINE_ENV && ck_tab_line_env(tab, i,
		    &name, &nlen, &val, &vlen) == 0 && nlen == 6 &&
		    memcmp(name, "MAILTO", 6) == 0)
			mailto = true;
		if (l->eol == CK_EOL_CRLF && (l->kind == CK_LINE_JOB ||
		    l->kind == CK_LINE_ENV) && ncrlf++ == 0)
			crlf_line = i;
	}
	if (ncrlf > 0)
		ck_lint_emit(c, CK_R_CRLF, (unsigned int)crlf_line + 1,
		    tab->lines[crlf_line].len + 1,
		    "convert the file to LF line endings (dos2unix)",
		    "%zu line%s end%s with CR LF: cron keeps the carriage "
		    "return in commands%s", ncrlf, ncrlf == 1 ? "" : "s",
		    ncrlf == 1 ? "s" : "", ck_dialect_facts(c->d)->env_trims_cr ?
		    "" : " and values");
	ck_lint_check_duplicates(c);
	ck_lint_check_duplicate_ids(c);
	ck_lint_check_crowded_minute(c);
	if (jobs && !mailto)
		/* Identity, kept: the hint is in busybox's words. */
		ck_lint_emit(c, CK_R_NO_MAILTO, 0, 0,
		    c->d == CK_DIALECT_BUSYBOX ?
		    "set MAILTO=address, or MAILTO= (empty) for no mail" :
		    "set MAILTO=address, or MAILTO=\"\" for no mail",
		    "MAILTO is not set: cron mails any output to the "
		    "crontab's owner");
	c->l = r->line;
	if (c->oom)
		return -1;
	/* By line, then in the order made. */
	n = r->late->n;
	if (n == 0)
		return 0;
	if (n > UINT32_MAX || (v = reallocarray(NULL, n, sizeof(*v))) ==
	    NULL || (r->late_ord = reallocarray(NULL, n,
	    sizeof(*r->late_ord))) == NULL) {
		if (n <= UINT32_MAX)
			free(v);
		return -1;
	}
	for (i = 0; i < n; i++) {
		v[i].line = r->late->v[i].line;
		v[i].column = 0;
		v[i].seq = (uint32_t)i;
	}
	qsort(v, n, sizeof(*v), ord_cmp);
	for (i = 0; i < n; i++)
		r->late_ord[i] = v[i].seq;
	free(v);
	return 0;
}

/* The parser's findings by line (they are made in line order: usually). */
static int
order_parser(struct run *r, const ck_diag_list *pd)
{
	struct ord *v;
	size_t i, n = ck_diag_count(pd);

	for (i = 1; i < n; i++)
		if (pd->v[i].line < pd->v[i - 1].line)
			break;
	if (i >= n)
		return 0;
	if (n > UINT32_MAX || (v = reallocarray(NULL, n, sizeof(*v))) ==
	    NULL)
		return -1;
	if ((r->pre_ord = reallocarray(NULL, n, sizeof(*r->pre_ord))) ==
	    NULL) {
		free(v);
		return -1;
	}
	for (i = 0; i < n; i++) {
		v[i].line = pd->v[i].line;
		v[i].column = 0;
		v[i].seq = (uint32_t)i;
	}
	qsort(v, n, sizeof(*v), ord_cmp);
	for (i = 0; i < n; i++)
		r->pre_ord[i] = v[i].seq;
	free(v);
	return 0;
}

/* What lint finds on line li (a line of the file). */
static void
check_line(struct lctx *c, size_t li)
{
	const ck_tab *tab = c->tab;
	const struct ck_line *l = &tab->lines[li];
	const struct ck_job *job;
	size_t clen;

	if (l->kind == CK_LINE_JOB && l->job != CK_NONE &&
	    l->job < tab->njobs) {
		job = &tab->jobs[l->job];
		ck_lint_check_schedule(c, li, job);
		ck_lint_check_user(c, li, job);
		ck_lint_check_command(c, li, job);
		if (job->id == NULL && job->marker_line == CK_NONE &&
		    !(li > 0 && (tab->lines[li - 1].kind ==
		    CK_LINE_COMMENT || tab->lines[li - 1].kind ==
		    CK_LINE_MARKER)) &&
		    ck_job_comment(job, &clen) == NULL)
			ck_lint_emit(c, CK_R_NO_ID, (unsigned int)li + 1, 1,
			    "add '# cronkeep: ID' or a comment above it",
			    "the job \"%.*s%s\" has neither an id nor a "
			    "comment", qlen(job->cmd_len), job->cmd,
			    QDOTS(job->cmd_len));
	} else if (l->kind == CK_LINE_ENV) {
		bool mailto;

		ck_lint_check_env(c, li, &mailto);
	}
	ck_lint_check_line_portability(c, li);
	if (li + 1 == tab->nlines && l->eol == CK_EOL_NONE && l->len > 0 &&
	    !ck_lint_has_diag(c, (unsigned int)li + 1, CK_R_MISSING_NEWLINE))
		ck_lint_emit(c, CK_R_MISSING_NEWLINE, (unsigned int)li + 1,
		    l->len + 1, "end the file with a newline",
		    "the last line does not end with a newline");
}

/*
 * Everything found on line number ln (0: the whole file; past the last
 * line: what the parser or a file-wide check put there) into r->line, in
 * the order ck_lint() always made it: the parser's, lint's better word
 * for a rejected line, directive mistakes, the file's facts, the line's
 * checks, the file-wide checks.  *pi and *li: cursors into the parser's
 * and the late findings.
 */
static void
collect_line(struct run *r, const ck_diag_list *pd, size_t ln, size_t *pi,
    size_t *li)
{
	struct lctx *c = &r->c;
	const ck_tab *tab = c->tab;
	const ck_diag *d;
	size_t np = ck_diag_count(pd), nl = r->late->n, i = ln - 1;
	unsigned int rep = 0, repcol = 1;
	bool real = ln >= 1 && ln <= tab->nlines;
	struct rset rs;

	if (real)
		rep = replacement(c, i, &repcol);
	for (; *pi < np; (*pi)++) {
		d = &pd->v[r->pre_ord != NULL ? r->pre_ord[*pi] : *pi];
		if (d->line != ln)
			break;
		/* Lint's word for the line replaces the parser's error. */
		if (rep != 0 && d->severity == CK_SEV_ERROR)
			continue;
		if (push(r->line, d) == -1)
			c->oom = true;
	}
	if (rep != 0)
		replace_line(c, i, rep, repcol);
	if (real && tab->lines[i].kind == CK_LINE_COMMENT) {
		memset(&rs, 0, sizeof(rs));
		(void)parse_directive(c, i, &rs);
	}
	for (; *li < nl && r->late_ord[*li] < r->nfile; (*li)++) {
		d = &r->late->v[r->late_ord[*li]];
		if (d->line != ln)
			break;
		if (push(r->line, d) == -1)
			c->oom = true;
	}
	if (real)
		check_line(c, i);
	for (; *li < nl; (*li)++) {
		d = &r->late->v[r->late_ord[*li]];
		if (d->line != ln)
			break;
		if (push(r->line, d) == -1)
			c->oom = true;
	}
}

int
ck_lint_each(const ck_tab *tab, const struct ck_lint_opts *opts,
    ck_lint_fn fn, void *arg, ck_error *err)
{
	struct ck_lint_opts o;
	const ck_diag_list *pd;
	struct run r;
	struct lctx *c = &r.c;
	const struct rset *off;
	size_t i, nlines, ln, pi = 0, li = 0, oi = 0, next;
	ck_userset *own_users = NULL;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	if (fn == NULL)
		return ck_error_set(err, CK_EINVAL, 0, 0, "no function");
	r.fn = fn;
	r.arg = arg;
	c->tab = tab;
	if (ck_opts_read(&o, sizeof(o), opts, "ck_lint_opts", err) == -1)
		return -1;
	c->o = &o;
	c->zone_dst = ck_lint_zone_has_dst(&o);
	c->d = tab->dialect;
	c->system = (tab->flags & CK_PARSE_SYSTEM) != 0;
	/* Identity, kept: portable is checked against every real cron. */
	for (i = 0; i < NREAL; i++)
		if (c->d == CK_DIALECT_PORTABLE ||
		    (c->o->also & CK_DIALECT_BIT(real_dialects[i])))
			c->others |= CK_DIALECT_BIT(real_dialects[i]);
	c->others &= ~CK_DIALECT_BIT(c->d);
	c->users = c->o->userset;
	if (c->users == NULL && c->o->users != NULL &&
	    (c->users = own_users = ck_userset_new(c->o->users, c->o->nusers,
	    err)) == NULL)
		return -1;
	nlines = tab->nlines;
	pd = ck_tab_diags(tab);
	if ((r.line = ck_diag_list_new()) == NULL ||
	    (r.late = ck_diag_list_new()) == NULL ||
	    (c->ported = calloc(nlines + 1, sizeof(*c->ported))) == NULL)
		goto oom;
	c->l = r.line;
	if (read_directives(&r) == -1 || late_checks(&r) == -1 ||
	    order_parser(&r, pd) == -1)
		goto oom;

	/* Line 0 (the whole file), each line, then anything past them. */
	for (ln = 0; !r.stopped;) {
		collect_line(&r, pd, ln, &pi, &li);
		if (c->oom)
			goto oom;
		off = NULL;
		while (oi < r.noff && r.off[oi].li + 1 < ln)
			oi++;
		if (oi < r.noff && r.off[oi].li + 1 == ln)
			off = &r.off[oi].rs;
		if (flush_line(&r, off) == -1)
			goto oom;
		if (ln < nlines) {
			ln++;
			continue;
		}
		next = SIZE_MAX;
		if (pi < ck_diag_count(pd))
			next = pd->v[r.pre_ord != NULL ? r.pre_ord[pi] :
			    pi].line;
		if (li < r.late->n &&
		    r.late->v[r.late_ord[li]].line < next)
			next = r.late->v[r.late_ord[li]].line;
		if (next == SIZE_MAX || next <= ln)
			break;
		ln = next;
	}
	if (r.stopped)
		rc = ck_error_set(err, CK_EIO, r.stop_line, 0,
		    "stopped by the caller");
	else
		rc = 0;
	goto out;
oom:
	rc = ck_error_oom(err);
out:
	ck_diag_list_free(r.line);
	ck_diag_list_free(r.late);
	free(r.late_ord);
	free(r.pre_ord);
	free(r.off);
	free(r.v);
	free(c->ported);
	ck_elems_clear(&c->elems);
	ck_userset_free(own_users);
	return rc;
}

/* ck_lint(): each finding copied into a list. */
static int
to_list(void *arg, const ck_diag *d)
{
	ck_diag_list *l = arg;

	return ck_diag_add(l, d->rule, d->severity, d->line, d->column,
	    d->hint, "%s", d->message);
}

int
ck_lint(const ck_tab *tab, const struct ck_lint_opts *opts,
    ck_diag_list **out, ck_error *err)
{
	ck_diag_list *l;

	*out = NULL;
	if ((l = ck_diag_list_new()) == NULL)
		return ck_error_oom(err);
	if (ck_lint_each(tab, opts, to_list, l, err) == -1) {
		ck_diag_list_free(l);
		if (err->code == CK_EIO)	/* to_list: out of memory */
			return ck_error_oom(err);
		return -1;
	}
	*out = l;
	return 0;
}
