/* SPDX-License-Identifier: ISC */
/*
 * jobtable.c - the job table shared by `list` and `find`: where each job
 * is (source:line), its schedule, user, id, state and command; or the same
 * as JSON.  On a terminal, untrusted text is escaped (strvis); the
 * source, description and command columns are cut with "…" to fit the width
 * (width.c: the terminal's or COLUMNS; piped output without COLUMNS and
 * --wide are complete).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fires.h"
#include "histdb.h"
#include "jobtable.h"
#include "jobzone.h"
#include "periodic.h"
#include "width.h"

enum { C_WHERE, C_SCHED, C_USER, C_ID, C_ON, C_NEXT, C_LAST, C_STATUS,
	C_DESC, C_CMD, NCOLS };

static const char *const heads[NCOLS] = {
	"SOURCE", "SCHEDULE", "USER", "ID", "ON", "NEXT", "LAST RUN", "STATUS",
	"DESCRIPTION",
	"COMMAND"
};

/* What the NEXT column needs: a zone and the present. */
struct when {
	ck_tz		*tz;
	time_t		 now;
	struct histdb	*db;		/* with JT_STATUS, or NULL */
	struct job_zones *zones;	/* the jobs' zones (jobzone.c) */
};

struct var {
	const char	*name;
	size_t		 nlen;
	const char	*value;
	size_t		 vlen;
	size_t		 line;
};

/* Text for a cell: escaped on a terminal, raw (but no NUL) otherwise. */
static char *
cell(const char *s, size_t len, bool tty)
{
	return s == NULL ? xstrdup("-") : cli_text_for(s, len, tty);
}

/*
 * A schedule for the table: each run of blanks as one space, so that a
 * tab between fields cannot break the columns (JSON keeps the text).
 * Schedules hold only printable ASCII and blanks.
 */
static char *
squeeze(const char *s, size_t len)
{
	char *d = xmalloc(len + 1);
	size_t i, k = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == ' ' || s[i] == '\t') {
			if (k > 0 && d[k - 1] == ' ')
				continue;
			d[k++] = ' ';
		} else
			d[k++] = (unsigned char)s[i] < 0x20 ? '?' : s[i];
	}
	d[k] = '\0';
	return d;
}

/* Terminal columns of a cell. */
static size_t
width(const char *s)
{
	return cli_text_width(s, strlen(s));
}

/*
 * The variables in effect for a line of a tab (last one wins), read by a
 * cursor that moves down the tab: rows come in line order, so a table of
 * n jobs reads each line once (one scan from the top per row was
 * quadratic: 15 s for list -v at 100k jobs).
 */
struct envscan {
	const ck_tab	*tab;
	size_t		 pos;		/* lines [0, pos) are read */
	struct var	*v;
	size_t		 n, cap;
};

static void
envscan_free(struct envscan *es)
{
	free(es->v);
	memset(es, 0, sizeof(*es));
}

/* The variables for line upto of tab; borrowed from es until its next use. */
static const struct var *
environment(struct envscan *es, const ck_tab *tab, size_t upto, size_t *n)
{
	struct var x;
	size_t i, k;

	if (es->tab != tab || upto < es->pos) {
		es->tab = tab;
		es->pos = 0;
		es->n = 0;
	}
	for (i = es->pos; i < upto && i < ck_tab_line_count(tab); i++) {
		if (ck_tab_line_kind(tab, i) != CK_LINE_ENV ||
		    ck_tab_line_env(tab, i, &x.name, &x.nlen, &x.value,
		    &x.vlen) == -1)
			continue;
		x.line = i;
		for (k = 0; k < es->n; k++)
			if (es->v[k].nlen == x.nlen &&
			    memcmp(es->v[k].name, x.name, x.nlen) == 0)
				break;
		if (k < es->n) {
			es->v[k] = x;
			continue;
		}
		if (es->n == es->cap) {
			es->cap = es->cap ? es->cap * 2 : 8;
			es->v = xreallocarray(es->v, es->cap, sizeof(*es->v));
		}
		es->v[es->n++] = x;
	}
	if (upto > es->pos)
		es->pos = upto;
	*n = es->n;
	return es->v;
}

static int
when_init(const struct cli_ctx *ctx, struct when *w)
{
	int rc;

	if ((rc = cli_now(ctx, &w->now)) != 0)
		return rc;
	if ((w->tz = cli_zone(ctx, NULL, NULL)) == NULL)
		return EX_DATAERR;
	job_zones_init(w->zones, w->tz);
	return 0;
}

static void
when_free(struct when *w)
{
	job_zones_free(w->zones);
	ck_tz_free(w->tz);
	histdb_close(w->db);
}

/*
 * The next time job fires, in its zone: "YYYY-MM-DD HH:MM" for the table
 * or ISO 8601 with seconds and offset for JSON; NULL when it never fires
 * (disabled, @reboot, 30 February) or its zone cannot be loaded.
 */
/* t in tz: "YYYY-MM-DD HH:MM", or ISO 8601 with offset; NULL on error. */
static char *
fmt_when(time_t t, const ck_tz *tz, bool iso)
{
	struct tm tm;
	long off;
	char *s;

	if (ck_tz_localtime(tz, t, &tm, &off, NULL, NULL) == -1)
		return NULL;
	if (!iso) {
		if (asprintf(&s, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900,
		    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min) == -1)
			s = NULL;
		return s;
	}
	if (asprintf(&s, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+', labs(off) / 3600,
	    labs(off) / 60 % 60) == -1)
		s = NULL;
	return s;
}

/* The next run of an anacron job or a run-parts script, or NULL. */
static char *
periodic_next(const struct jt_row *r, const struct when *w, bool iso)
{
	time_t t;
	int rc;

	if (r->ajob != NULL)
		rc = cli_anajob_next(r->src->ctx, r->src->ana, r->ajob, NULL,
		    w->tz, w->now, &t, NULL);
	else
		rc = cli_runparts_next(r->src->ctx, r->src->rp, NULL, w->tz,
		    w->now, &t, NULL);
	return rc == 0 ? fmt_when(t, w->tz, iso) : NULL;
}

const char *
jt_row_id(const struct jt_row *r, size_t *len)
{
	if (r->ajob != NULL) {
		*len = r->ajob->id_len;
		return r->ajob->id;
	}
	if (r->part != NULL) {
		*len = strlen(r->part->name);
		return r->part->name;
	}
	return r->job != NULL ? ck_job_id(r->job, len) : NULL;
}

const char *
jt_row_user(const struct jt_row *r, size_t *len)
{
	const char *u;

	if (r->ajob != NULL || r->part != NULL) {
		/* anacron and run-parts run as root. */
		*len = 4;
		return "root";
	}
	if (r->job == NULL)
		return NULL;
	if ((u = ck_job_user(r->job, len)) != NULL)
		return u;
	/* A user's crontab: its jobs run as its owner. */
	if (r->src->user != NULL && !r->src->system) {
		*len = strlen(r->src->user);
		return r->src->user;
	}
	return NULL;
}

const char *
jt_row_command(const struct jt_row *r, size_t *len)
{
	if (r->ajob != NULL) {
		*len = r->ajob->command_len;
		return r->ajob->command;
	}
	if (r->part != NULL) {
		*len = strlen(r->part->path);
		return r->part->path;
	}
	return r->job != NULL ? ck_job_command(r->job, len) : NULL;
}

/* The schedule shown for a periodic row (caller frees). */
static char *
periodic_schedule(const struct jt_row *r)
{
	char *s;

	if (r->part != NULL)
		return cli_runparts_schedule(r->src->ctx, r->src->rp);
	if (r->ajob->named != CK_ANA_DAYS)
		return strndup(r->ajob->period_text, r->ajob->period_len);
	if (asprintf(&s, "%u", r->ajob->period_days) == -1)
		s = NULL;
	return s;
}

/* A JSON row for an anacron job or a run-parts script. */
static void
json_periodic(struct json *j, const struct jt_row *r, unsigned int flags,
    const struct when *w)
{
	const struct cli_runparts *p = r->src->rp;
	const char *s;
	size_t len;
	char *t;

	json_obj_begin(j);
	json_key(j, "source");
	json_str(j, r->ajob != NULL ? r->src->label : r->part->path);
	json_key(j, "line");
	if (r->ajob != NULL)
		json_int(j, r->ajob->lineno);
	else
		json_null(j);
	json_key(j, "kind");
	json_str(j, r->ajob != NULL ? "anacron" : "run-parts");
	json_key(j, "schedule");
	t = periodic_schedule(r);
	json_str(j, t);
	free(t);
	json_key(j, "user");
	s = jt_row_user(r, &len);
	json_strn(j, s, len);
	json_key(j, "id");
	s = jt_row_id(r, &len);
	json_strn(j, s, len);
	json_key(j, "enabled");
	json_bool(j, r->ajob != NULL ? r->ajob->enabled : true);
	json_key(j, "command");
	s = jt_row_command(r, &len);
	json_strn(j, s, len);
	json_key(j, "comment");
	json_null(j);
	if (r->ajob != NULL) {
		json_key(j, "period_days");
		if (r->ajob->named == CK_ANA_DAYS)
			json_int(j, r->ajob->period_days);
		else
			json_null(j);
		json_key(j, "delay");	/* seconds, as every duration */
		json_int(j, (long long)r->ajob->delay * 60);
	} else {
		json_key(j, "period");
		json_str(j, p->period);
		json_key(j, "run_by");
		json_str(j, p->how);
		json_key(j, "owner");
		json_int(j, r->part->uid);
		json_key(j, "mode");
		json_int(j, r->part->mode & 07777);
	}
	if (flags & JT_NEXT) {
		json_key(j, "next");
		t = periodic_next(r, w, true);
		json_str(j, t);
		free(t);
	}
	if (flags & JT_STATUS) {
		json_key(j, "last_run");
		json_null(j);
	}
	if (flags & JT_EXPLAIN) {
		json_key(j, "description");
		json_null(j);
	}
	json_obj_end(j);
}

static char *
next_time(const struct cli_ctx *ctx, const struct jt_row *r,
    const struct when *w, bool iso)
{
	const ck_tz *tz;
	ck_dst_mode mode;
	struct tm tm;
	ck_error err;
	time_t t;
	long off;
	char *s = NULL;

	if (!ck_job_enabled(r->job))
		return NULL;
	if ((tz = job_zone(ctx, w->zones, r->src->tab, r->job, &mode)) == NULL)
		return NULL;
	if (ck_expr_next(ck_job_expr(r->job), tz, w->now, mode, &t, NULL,
	    &err) == -1 || ck_tz_localtime(tz, t, &tm, &off, NULL, &err) == -1)
		goto out;
	if (!iso) {
		if (asprintf(&s, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900,
		    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min) == -1)
			s = NULL;
		goto out;
	}
	if (asprintf(&s, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+', labs(off) / 3600,
	    labs(off) / 60 % 60) == -1)
		s = NULL;
out:
	return s;
}

/*
 * Room for one more row: the array doubles at 16, 32, 64... rows, so
 * appending n rows costs O(n) (it grew by one row a call: quadratic).
 */
static void
grow_rows(struct jt_row **rows, size_t n)
{
	if (n == 0)
		*rows = xreallocarray(*rows, 16, sizeof(**rows));
	else if (n >= 16 && (n & (n - 1)) == 0)
		*rows = xreallocarray(*rows, n * 2, sizeof(**rows));
}

static char *
describe(const ck_job *job)
{
	ck_error err;

	return ck_expr_describe(ck_job_expr(job), 0, &err);
}

void
jobtable_collect(const struct cli_source *src, bool env,
    struct jt_row **rows, size_t *n)
{
	const ck_tab *tab = src->tab;
	size_t i, j = 0, nj = ck_tab_job_count(tab);
	const ck_job *job;
	struct jt_row *r;

	if (src->ana != NULL || src->rp != NULL) {
		nj = src->ana != NULL ? ck_anacrontab_job_count(src->ana) :
		    ck_runparts_count(src->rp->rp);
		for (i = 0; i < nj; i++) {
			/* What run-parts would run: run-parts --test. */
			if (src->rp != NULL &&
			    !ck_runparts_at(src->rp->rp, i)->runs)
				continue;
			grow_rows(rows, *n);
			r = &(*rows)[(*n)++];
			memset(r, 0, sizeof(*r));
			r->src = src;
			if (src->ana != NULL) {
				r->ajob = ck_anacrontab_job(src->ana, i);
				r->line = r->ajob->lineno - 1;
			} else
				r->part = ck_runparts_at(src->rp->rp, i);
		}
		return;
	}
	for (i = 0; i < ck_tab_line_count(tab); i++) {
		job = NULL;
		while (j < nj && ck_job_line(ck_tab_job(tab, j)) < i)
			j++;
		if (j < nj && ck_job_line(ck_tab_job(tab, j)) == i)
			job = ck_tab_job(tab, j);
		else if (!env || ck_tab_line_kind(tab, i) != CK_LINE_ENV)
			continue;
		grow_rows(rows, *n);
		memset(&(*rows)[*n], 0, sizeof(**rows));
		(*rows)[*n].src = src;
		(*rows)[*n].job = job;
		(*rows)[*n].line = i;
		(*n)++;
	}
}

/*
 * The last run exec recorded for the job's id into *out (release with
 * hist_run_clear()); false when there is none.
 */
static bool
last_run(const struct jt_row *r, const struct when *w, struct hist_run *out)
{
	const char *id;
	size_t len;
	char *name;
	int found;

	if (w->db == NULL || (id = ck_job_id(r->job, &len)) == NULL)
		return false;
	name = xmalloc(len + 1);
	memcpy(name, id, len);
	name[len] = '\0';
	found = histdb_last(w->db, name, out);
	free(name);
	return found == 1;
}

static void
json_row(const struct cli_ctx *ctx, struct json *j, const struct jt_row *r,
    unsigned int flags, const struct when *w, struct envscan *es)
{
	const ck_expr *e = ck_job_expr(r->job);
	const char *s;
	const struct var *v;
	size_t len, nv, i;
	char *t, *sh = NULL, *in = NULL;

	json_obj_begin(j);
	json_key(j, "source");
	json_str(j, r->src->label);
	json_key(j, "line");
	json_int(j, (long long)r->line + 1);
	json_key(j, "schedule");
	s = ck_expr_text(e, &len);
	json_strn(j, s, len);
	json_key(j, "user");
	s = jt_row_user(r, &len);
	json_strn(j, s, s != NULL ? len : 0);
	json_key(j, "id");
	s = ck_job_id(r->job, &len);
	json_strn(j, s, s != NULL ? len : 0);
	json_key(j, "enabled");
	json_bool(j, ck_job_enabled(r->job));
	json_key(j, "command");
	s = ck_job_command(r->job, &len);
	json_strn(j, s, len);
	/* What the shell gets, and its standard input (cron's '%'). */
	if (ck_job_split(r->src->tab, r->job, &sh, &in, NULL) == 0) {
		json_key(j, "shell_command");
		json_str(j, sh);
		json_key(j, "stdin");
		json_str(j, in);
		free(sh);
		free(in);
	}
	json_key(j, "comment");
	s = ck_job_comment(r->job, &len);
	json_strn(j, s, s != NULL ? len : 0);
	if (flags & JT_NEXT) {
		json_key(j, "next");
		t = next_time(ctx, r, w, true);
		json_str(j, t);
		free(t);
	}
	if (flags & JT_STATUS) {
		struct hist_run run;
		char buf[40];

		json_key(j, "last_run");
		if (last_run(r, w, &run)) {
			json_obj_begin(j);
			hist_time(run.start, true, buf, sizeof(buf));
			json_key(j, "start");
			json_str(j, buf);
			json_key(j, "status");
			json_str(j, run.status);
			json_key(j, "exit");
			if (run.exit_code >= 0)
				json_int(j, run.exit_code);
			else
				json_null(j);
			json_key(j, "signal");
			if (run.sig > 0)
				json_int(j, run.sig);
			else
				json_null(j);
			json_key(j, "duration");
			json_double(j, run.end > 0 ? run.end - run.start : 0);
			json_obj_end(j);
			hist_run_clear(&run);
		} else
			json_null(j);
	}
	if (flags & JT_EXPLAIN) {
		json_key(j, "description");
		t = describe(r->job);
		json_str(j, t);
		free(t);
	}
	if (flags & JT_VERBOSE) {
		v = environment(es, r->src->tab, r->line, &nv);
		json_key(j, "environment");
		json_obj_begin(j);
		for (i = 0; i < nv; i++) {
			char *name = xmalloc(v[i].nlen + 1);

			memcpy(name, v[i].name, v[i].nlen);
			name[v[i].nlen] = '\0';
			json_key(j, name);
			json_strn(j, v[i].value, v[i].vlen);
			free(name);
		}
		json_obj_end(j);
	}
	json_obj_end(j);
}

static void
print_json(const struct cli_ctx *ctx, const struct jt_row *rows, size_t n,
    unsigned int flags,
    const struct when *w)
{
	const struct cli_skipped *sk;
	struct envscan es = { 0 };
	struct json j;
	size_t i, ns;

	cli_json_init(ctx, &j, stdout);
	json_obj_begin(&j);
	json_key(&j, "jobs");
	json_arr_begin(&j);
	for (i = 0; i < n; i++)
		if (rows[i].job != NULL)
			json_row(ctx, &j, &rows[i], flags, w, &es);
		else if (JT_IS_JOB(&rows[i]))
			json_periodic(&j, &rows[i], flags, w);
	json_arr_end(&j);
	envscan_free(&es);
	json_key(&j, "skipped");
	json_arr_begin(&j);
	ns = cli_sources_skipped(ctx, &sk);
	for (i = 0; i < ns; i++) {
		json_obj_begin(&j);
		json_key(&j, "source");
		json_str(&j, sk[i].label);
		json_key(&j, "reason");
		json_str(&j, sk[i].reason);
		json_key(&j, "error");
		json_bool(&j, sk[i].rc != 0);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	json_end(&j);
}

/* The cells of one row; env rows show the assignment as the command. */
static void
row_cells(const struct cli_ctx *ctx, const struct jt_row *r, bool tty,
    unsigned int flags, const struct when *w, char *c[NCOLS])
{
	struct hist_run run;
	char *t;
	const char *s, *eol;
	size_t len;
	char *where;

	if (r->part != NULL) {
		c[C_WHERE] = cell(r->part->path, strlen(r->part->path), tty);
		t = periodic_schedule(r);
		c[C_SCHED] = xstrdup(t != NULL ? t : "-");
		free(t);
		c[C_USER] = xstrdup("root");
		c[C_ID] = cell(r->part->name, strlen(r->part->name), tty);
		c[C_ON] = xstrdup(r->src->rp->by != RP_BY_NONE ? "yes" : "no");
		goto periodic;
	}
	if (r->ajob != NULL) {
		if (asprintf(&where, "%s:%u", r->src->label,
		    r->ajob->lineno) == -1)
			exit(EX_OSERR);
		c[C_WHERE] = cell(where, strlen(where), tty);
		free(where);
		t = periodic_schedule(r);
		if (t != NULL && asprintf(&where, "anacron %s +%um", t,
		    r->ajob->delay) == -1)
			exit(EX_OSERR);
		free(t);
		c[C_SCHED] = where;
		c[C_USER] = xstrdup("root");
		c[C_ID] = cell(r->ajob->id, r->ajob->id_len, tty);
		c[C_ON] = xstrdup(r->ajob->enabled ? "yes" : "no");
		goto periodic;
	}
	if (asprintf(&where, "%s:%zu", r->src->label, r->line + 1) == -1) {
		cli_warnx(NULL, "out of memory");
		exit(EX_OSERR);
	}
	c[C_WHERE] = cell(where, strlen(where), tty);
	free(where);
	if (r->job == NULL) {
		/* An environment line. */
		c[C_SCHED] = xstrdup("(env)");
		c[C_USER] = xstrdup("");
		c[C_ID] = xstrdup("");
		c[C_ON] = xstrdup("");
		c[C_NEXT] = xstrdup("");
		c[C_LAST] = xstrdup("");
		c[C_STATUS] = xstrdup("");
		c[C_DESC] = xstrdup("");
		s = ck_tab_line_text(r->src->tab, r->line, &len, &eol);
		c[C_CMD] = cell(s, len, tty);
		return;
	}
	s = ck_expr_text(ck_job_expr(r->job), &len);
	c[C_SCHED] = squeeze(s, len);
	s = jt_row_user(r, &len);
	c[C_USER] = cell(s, len, tty);
	s = ck_job_id(r->job, &len);
	c[C_ID] = cell(s, len, tty);
	c[C_ON] = xstrdup(ck_job_enabled(r->job) ? "yes" : "no");
	t = (flags & JT_NEXT) ? next_time(ctx, r, w, false) : NULL;
	c[C_NEXT] = xstrdup(t != NULL ? t : "-");
	free(t);
	c[C_LAST] = xstrdup("-");
	c[C_STATUS] = xstrdup("-");
	if ((flags & JT_STATUS) && last_run(r, w, &run)) {
		char buf[40], st[48];

		hist_time(run.start, false, buf, sizeof(buf));
		free(c[C_LAST]);
		c[C_LAST] = xstrdup(buf);
		if (run.sig > 0)
			snprintf(st, sizeof(st), "%s (signal %d)", run.status,
			    run.sig);
		else if (run.exit_code > 0)
			snprintf(st, sizeof(st), "%s (exit %d)", run.status,
			    run.exit_code);
		else
			snprintf(st, sizeof(st), "%s", run.status);
		free(c[C_STATUS]);
		c[C_STATUS] = xstrdup(st);
		hist_run_clear(&run);
	}
	t = (flags & JT_EXPLAIN) ? describe(r->job) : NULL;
	c[C_DESC] = t != NULL ? cell(t, strlen(t), tty) : xstrdup("-");
	free(t);
	s = ck_job_command(r->job, &len);
	c[C_CMD] = cell(s, len, tty);
	return;
periodic:
	t = (flags & JT_NEXT) ? periodic_next(r, w, false) : NULL;
	c[C_NEXT] = xstrdup(t != NULL ? t : "-");
	free(t);
	c[C_LAST] = xstrdup("-");
	c[C_STATUS] = xstrdup("-");
	c[C_DESC] = xstrdup("-");
	s = jt_row_command(r, &len);
	c[C_CMD] = cell(s, len, tty);
}

/* The variables a job runs with, a line each, cut to limit (0: none). */
static void
print_env(const struct jt_row *r, bool tty, struct envscan *es, size_t limit)
{
	const struct var *v;
	size_t nv, i;
	char *name, *value, *line;

	v = environment(es, r->src->tab, r->line, &nv);
	for (i = 0; i < nv; i++) {
		name = cell(v[i].name, v[i].nlen, tty);
		value = cell(v[i].value, v[i].vlen, tty);
		if (asprintf(&line, "    %s=%s  (line %zu)", name, value,
		    v[i].line + 1) == -1) {
			cli_warnx(NULL, "out of memory");
			exit(EX_OSERR);
		}
		cli_put_cut(stdout, line, limit, 0, 0);
		putchar('\n');
		free(line);
		free(name);
		free(value);
	}
	if (nv == 0)
		printf("    (no variables set in the crontab)\n");
}

/* Is column k shown? */
static bool
shown(size_t k, unsigned int flags, bool show_user)
{
	return (k != C_USER || show_user) &&
	    (k != C_NEXT || (flags & JT_NEXT)) &&
	    ((k != C_LAST && k != C_STATUS) || (flags & JT_STATUS)) &&
	    (k != C_DESC || (flags & JT_EXPLAIN));
}

/*
 * Fit the shown columns to limit (two spaces between them): the widest
 * of the source (at its start: "…/tab:3"), the description and the
 * command is cut, to CUT_MIN columns at least.
 * w[k]: the widths, narrowed; max[k]: what column k may take, 0 for no
 * cut (a column never cut, or no limit).
 */
#define CUT_MIN	8
static void
fit_columns(size_t limit, size_t w[NCOLS], size_t max[NCOLS],
    unsigned int flags, bool show_user)
{
	size_t v[NCOLS], at[NCOLS], n = 0, gaps = 0, k;
	bool cut[NCOLS];

	for (k = 0; k < NCOLS; k++) {
		if (!shown(k, flags, show_user))
			continue;
		if (n > 0)
			gaps += 2;
		at[n] = k;
		v[n] = w[k];
		cut[n++] = k == C_WHERE || k == C_DESC || k == C_CMD;
	}
	if (limit > 0)
		cli_fit(v, cut, n, limit > gaps ? limit - gaps : 1, CUT_MIN);
	for (k = 0; k < NCOLS; k++)
		max[k] = 0;
	for (k = 0; k < n && limit > 0; k++)
		if (cut[k])
			max[at[k]] = w[at[k]] = v[k];
}

int
jobtable_print(const struct cli_ctx *ctx, const struct jt_row *rows,
    size_t n, unsigned int flags)
{
	char *(*cells)[NCOLS];
	size_t w[NCOLS] = { 0 }, max[NCOLS], limit, i, k;
	bool tty, show_user = false;
	struct job_zones zones = { 0 };
	struct when when = { NULL, 0, NULL, &zones };
	struct envscan es = { 0 };
	char *dbpath;
	int rc;

	if ((flags & JT_NEXT) && (rc = when_init(ctx, &when)) != 0)
		return rc;
	if (flags & JT_STATUS) {
		/* No database yet means no runs yet (nothing is created). */
		bool absent = false;

		if ((dbpath = histdb_default_path(NULL)) == NULL ||
		    ((when.db = histdb_open_existing(ctx, dbpath, &absent)) ==
		    NULL && !absent)) {
			free(dbpath);
			when_free(&when);
			return EX_NOINPUT;
		}
		free(dbpath);
	}
	if (ctx->json) {
		print_json(ctx, rows, n, flags, &when);
		when_free(&when);
		return 0;
	}
	if (n == 0) {
		/* On a terminal say so; scripts get silence. */
		if (isatty(STDOUT_FILENO))
			printf("no jobs\n");
		when_free(&when);
		return 0;
	}
	tty = isatty(STDOUT_FILENO);
	cells = xreallocarray(NULL, n, sizeof(*cells));
	for (k = 0; k < NCOLS; k++)
		w[k] = strlen(heads[k]);
	for (i = 0; i < n; i++) {
		row_cells(ctx, &rows[i], tty, flags, &when, cells[i]);
		/* The user column when the rows have several owners (-a). */
		if (rows[i].src->system || rows[i].ajob != NULL ||
		    rows[i].part != NULL || (rows[i].src->user != NULL &&
		    rows[i].src != rows[0].src))
			show_user = true;
		for (k = 0; k < NCOLS; k++)
			if (width(cells[i][k]) > w[k])
				w[k] = width(cells[i][k]);
	}
	limit = cli_width(ctx);
	fit_columns(limit, w, max, flags, show_user);
	for (i = 0; i <= n; i++) {
		for (k = 0; k < NCOLS; k++) {
			const char *t = i == 0 ? heads[k] : cells[i - 1][k];

			if (!shown(k, flags, show_user))
				continue;
			if (k == C_CMD) {
				cli_put_cut(stdout, t, max[k], 0, 0);
				putchar('\n');
			} else
				cli_put_cut(stdout, t, max[k], w[k] + 2,
				    k == C_WHERE ? CLI_CUT_START : 0);
		}
		if (i > 0 && (flags & JT_VERBOSE) && rows[i - 1].job != NULL)
			print_env(&rows[i - 1], tty, &es, limit);
	}
	envscan_free(&es);
	for (i = 0; i < n; i++)
		for (k = 0; k < NCOLS; k++)
			free(cells[i][k]);
	free(cells);
	when_free(&when);
	return 0;
}
