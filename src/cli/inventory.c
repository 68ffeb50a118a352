/* SPDX-License-Identifier: ISC */
/*
 * inventory.c - the host inventory document (INV_FORMAT, INV_VERSION):
 *
 *   {"format","version","generator","host","group","root","flavour",
 *    "dialect","zone","now","window":{"from","to","count"},
 *    "crontabs":[{"source","path","kind","owner","jobs","lint"}],
 *    "jobs":[{"source","line","id","owner","schedule","command","comment",
 *             "zone","enabled","next":[...],"lint":[...],"last_run"}],
 *    "skipped":[{"source","reason","error"}],
 *    "summary":{"crontabs","jobs","enabled","errors","warnings","notes"}}
 *
 * docs/inventory.schema.json describes it.  Everything is sorted (crontabs
 * by source, jobs by source and line) and every time is computed from
 * inv_opts.now, so the same host gives the same document.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fires.h"
#include "histdb.h"
#include "inventory.h"
#include "jobtable.h"
#include "jobzone.h"
#include "periodic.h"

/* Where a job's zone comes from, loaded once per name. */

/* What the jobs' last runs are read from. */
struct runs {
	struct histdb	*db;
	ck_log		*log;
	struct ck_log_run *v;
	size_t		 n;
};

/* An anacrontab or a run-parts folder (their tab is an empty one). */
static bool
periodic(const struct cli_source *s)
{
	return s->ana != NULL || s->rp != NULL;
}

static int
by_label(const void *a, const void *b)
{
	const struct cli_source *const *x = a, *const *y = b;

	return strcmp((*x)->label, (*y)->label);
}

/* The host's name: --host, else ROOT/etc/hostname, else gethostname(). */
static char *
host_name(const char *given, const char *root)
{
	char buf[256], *path, *text, *nl;
	size_t len;
	ck_error err;

	if (given != NULL)
		return xstrdup(given);
	if (root[0] != '\0') {
		if (asprintf(&path, "%s/etc/hostname", root) == -1)
			return xstrdup("unknown");
		if (cli_read_file(path, &text, &len, &err) == 0) {
			free(path);
			text = xreallocarray(text, len + 1, 1);
			text[len] = '\0';
			if ((nl = strpbrk(text, "\r\n")) != NULL)
				*nl = '\0';
			if (text[0] != '\0')
				return text;
			free(text);
		} else
			free(path);
	}
	if (gethostname(buf, sizeof(buf)) == -1)
		return xstrdup("unknown");
	buf[sizeof(buf) - 1] = '\0';
	return xstrdup(buf);
}

/* "YYYY-MM-DDTHH:MM:SS+HH:MM" in tz. */
static void
put_time(struct json *j, const ck_tz *tz, time_t t)
{
	char buf[64];

	fires_fmt(tz, t, true, buf, sizeof(buf), NULL);
	json_str(j, buf);
}

static void
put_diag(struct json *j, const ck_diag *d)
{
	json_obj_begin(j);
	json_key(j, "line");
	json_int(j, d->line);
	json_key(j, "column");
	json_int(j, d->column);
	json_key(j, "severity");
	json_str(j, cli_severity_name(d->severity));
	json_key(j, "code");
	json_str(j, d->code);
	json_key(j, "rule");
	json_str(j, d->name);
	json_key(j, "message");
	json_str(j, d->message);
	json_obj_end(j);
}

/* Lint a source with the facts of its file, as check does. */
static ck_diag_list *
lint(const struct cli_ctx *ctx, const struct cli_source *s)
{
	struct ck_lint_opts o = CK_LINT_OPTS_INIT;
	struct stat st, lst;
	ck_diag_list *l = NULL;
	bool cron_d;
	ck_error err;

	if (!periodic(s) && s->path != NULL && strcmp(s->path, "-") != 0) {
		o.path = s->path;
		o.system_file = ck_tab_is_system(s->tab) &&
		    cli_system_path(s->path, &cron_d);
		if (stat(s->path, &st) == 0 && lstat(s->path, &lst) == 0) {
			o.have_stat = true;
			o.mode = (unsigned int)st.st_mode;
			o.uid = (unsigned long)st.st_uid;
			o.is_symlink = S_ISLNK(lst.st_mode);
			o.link_uid = (unsigned long)lst.st_uid;
		}
	}
	memset(&err, 0, sizeof(err));
	if (periodic(s)) {
		if (s->ana != NULL && ck_anacrontab_lint(s->ana, &l, &err) == -1)
			cli_warnx(ctx, "%s: %s", s->label, err.msg);
		return l;
	}
	if (ck_lint(s->tab, &o, &l, &err) == -1) {
		cli_warnx(ctx, "%s: %s", s->label, err.msg);
		return NULL;
	}
	return l;
}

static void
put_hist(struct json *j, const struct hist_run *r)
{
	char buf[40];

	json_obj_begin(j);
	json_key(j, "from");
	json_str(j, "exec");
	hist_time(r->start, true, buf, sizeof(buf));
	json_key(j, "start");
	json_str(j, buf);
	json_key(j, "status");
	json_str(j, r->status);
	json_key(j, "exit");
	if (r->exit_code >= 0)
		json_int(j, r->exit_code);
	else
		json_null(j);
	json_obj_end(j);
}

/*
 * The last run of a job: exec's history by id, else the newest run in
 * cron's log of this command by this user.
 */
static void
put_last_run(struct json *j, struct runs *r, const ck_job *job,
    const char *owner, const ck_tz *tz, ck_dialect d)
{
	const ck_log_entry *e;
	struct hist_run hr;
	const char *s;
	size_t len, i;
	char *id;

	if (r->db != NULL && (s = ck_job_id(job, &len)) != NULL) {
		id = xmalloc(len + 1);
		memcpy(id, s, len);
		id[len] = '\0';
		memset(&hr, 0, sizeof(hr));
		if (histdb_last(r->db, id, &hr) == 1) {
			free(id);
			put_hist(j, &hr);
			hist_run_clear(&hr);
			return;
		}
		free(id);
	}
	s = ck_job_command(job, &len);
	for (i = r->n; r->log != NULL && i-- > 0; ) {
		e = ck_log_at(r->log, r->v[i].cmd);
		if (owner != NULL && (e->user_len != strlen(owner) ||
		    memcmp(e->user, owner, e->user_len) != 0))
			continue;
		if (!ck_log_entry_matches(e, s, len, d))
			continue;
		json_obj_begin(j);
		json_key(j, "from");
		json_str(j, "cron-log");
		json_key(j, "start");
		put_time(j, tz, e->time);
		json_key(j, "status");
		json_str(j, r->v[i].exit_status > 0 ? "failed" :
		    r->v[i].end != CK_LOG_NONE ? "ok" : "started");
		json_key(j, "exit");
		if (r->v[i].exit_status >= 0)
			json_int(j, r->v[i].exit_status);
		else
			json_null(j);
		json_obj_end(j);
		return;
	}
	json_null(j);
}

static void
put_job(const struct cli_ctx *ctx, struct json *j, const struct cli_source *s,
    const ck_job *job, const ck_diag_list *dl, size_t *di, struct job_zones *z,
    struct runs *r,
    const struct inv_opts *o)
{
	const ck_tz *tz;
	ck_dst_mode mode;
	const char *str, *owner;
	size_t len, line = ck_job_line(job), k;
	ck_error err;
	time_t t, after;
	char *own = NULL;

	json_obj_begin(j);
	json_key(j, "source");
	json_str(j, s->label);
	json_key(j, "line");
	json_int(j, (long long)line + 1);
	json_key(j, "kind");
	json_str(j, "cron");
	json_key(j, "id");
	str = ck_job_id(job, &len);
	json_strn(j, str, str != NULL ? len : 0);
	json_key(j, "owner");
	if ((str = ck_job_user(job, &len)) != NULL) {
		own = xmalloc(len + 1);
		memcpy(own, str, len);
		own[len] = '\0';
		owner = own;
	} else
		owner = s->user;
	json_str(j, owner);
	json_key(j, "schedule");
	str = ck_expr_text(ck_job_expr(job), &len);
	json_strn(j, str, len);
	json_key(j, "command");
	str = ck_job_command(job, &len);
	json_strn(j, str, len);
	json_key(j, "comment");
	str = ck_job_comment(job, &len);
	json_strn(j, str, str != NULL ? len : 0);
	tz = job_zone(ctx, z, s->tab, job, &mode);
	json_key(j, "zone");
	json_str(j, tz != NULL ? ck_tz_name(tz) : NULL);
	json_key(j, "enabled");
	json_bool(j, ck_job_enabled(job));
	json_key(j, "next");
	json_arr_begin(j);
	after = o->now;
	for (k = 0; tz != NULL && ck_job_enabled(job) && k < o->count; k++) {
		if (ck_expr_next(ck_job_expr(job), tz, after, mode, &t, NULL,
		    &err) == -1 || t >= o->now + o->window)
			break;
		put_time(j, tz, t);
		after = t;
	}
	json_arr_end(j);
	json_key(j, "lint");
	json_arr_begin(j);
	/* The findings are sorted by line: those of this job's line. */
	while (dl != NULL && *di < ck_diag_count(dl) &&
	    ck_diag_at(dl, *di)->line <= line + 1) {
		if (ck_diag_at(dl, *di)->line == line + 1)
			put_diag(j, ck_diag_at(dl, *di));
		(*di)++;
	}
	json_arr_end(j);
	json_key(j, "last_run");
	put_last_run(j, r, job, owner, tz != NULL ? tz : z->host,
	    ck_tab_dialect(s->tab));
	json_obj_end(j);
	free(own);
}

/*
 * An anacron job or a run-parts script (they run as root): its schedule
 * as list shows it ("1", "@monthly", "25 6 * * *", "anacron 1"), its next
 * runs from anacron's timestamps and the host's starters.
 */
static void
put_periodic(const struct cli_ctx *ctx, struct json *j, const struct jt_row *r,
    const ck_diag_list *dl, size_t *di, const ck_tz *tz,
    const struct inv_opts *o)
{
	const char *str;
	size_t len, k, nruns = 0;
	ck_error err;
	time_t *runs = NULL;
	char *sched = NULL;
	bool enabled = r->ajob != NULL ? r->ajob->enabled : true, capped;

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
	json_key(j, "id");
	str = jt_row_id(r, &len);
	json_strn(j, str, len);
	json_key(j, "owner");
	str = jt_row_user(r, &len);
	json_strn(j, str, len);
	json_key(j, "schedule");
	if (r->part != NULL)
		sched = cli_runparts_schedule(ctx, r->src->rp);
	else if (r->ajob->named != CK_ANA_DAYS)
		sched = strndup(r->ajob->period_text, r->ajob->period_len);
	else if (asprintf(&sched, "%u", r->ajob->period_days) == -1)
		sched = NULL;
	json_str(j, sched != NULL ? sched : "");
	free(sched);
	json_key(j, "command");
	str = jt_row_command(r, &len);
	json_strn(j, str, len);
	json_key(j, "comment");
	json_null(j);
	json_key(j, "zone");
	json_str(j, ck_tz_name(tz));
	json_key(j, "enabled");
	json_bool(j, enabled);
	json_key(j, "next");
	json_arr_begin(j);
	/* anacron runs a job once per period: each run moves its stamp. */
	if (enabled && cli_periodic_runs(ctx, r->src->ana, r->ajob,
	    r->part != NULL ? r->src->rp : NULL, tz, o->now, o->now,
	    o->now + o->window, o->count, &runs, &nruns, &capped, &err) == 0)
		for (k = 0; k < nruns; k++)
			put_time(j, tz, runs[k]);
	free(runs);
	json_arr_end(j);
	json_key(j, "lint");
	json_arr_begin(j);
	while (r->ajob != NULL && dl != NULL && *di < ck_diag_count(dl) &&
	    ck_diag_at(dl, *di)->line <= r->ajob->lineno) {
		if (ck_diag_at(dl, *di)->line == r->ajob->lineno)
			put_diag(j, ck_diag_at(dl, *di));
		(*di)++;
	}
	json_arr_end(j);
	json_key(j, "last_run");
	json_null(j);
	json_obj_end(j);
}

/* The jobs of a source: crontab lines, anacron jobs or run-parts scripts. */
static size_t
source_jobs(const struct cli_source *s, struct jt_row **rows)
{
	size_t n = 0;

	*rows = NULL;
	if (!periodic(s))
		return ck_tab_job_count(s->tab);
	jobtable_collect(s, false, rows, &n);
	return n;
}

/* Open exec's history (only when it exists) and cron's log (written in tz). */
static int
runs_open(const struct cli_ctx *ctx, struct runs *r, const struct inv_opts *o,
    const ck_tz *tz)
{
	struct stat st;
	ck_error err;
	char *path, *text;
	size_t len;

	memset(r, 0, sizeof(*r));
	if (o->history_db != NULL)
		path = xstrdup(o->history_db);
	else {
		char *def = histdb_default_path(NULL);

		if (def == NULL)
			return 0;
		if (o->root[0] != '\0' && def[0] == '/') {
			if (asprintf(&path, "%s%s", o->root, def) == -1)
				path = NULL;
			free(def);
		} else
			path = def;
	}
	if (path != NULL && stat(path, &st) == 0 && S_ISREG(st.st_mode))
		r->db = histdb_open(ctx, path);
	free(path);
	if (o->cron_log == NULL)
		return 0;
	if (cli_read_file(o->cron_log, &text, &len, &err) == -1)
		return cli_error(ctx, o->cron_log, &err);
	if (stat(o->cron_log, &st) == -1)
		st.st_mtime = o->now;
	r->log = ck_log_parse_tz(text, len, st.st_mtime, tz, &err);
	free(text);
	if (r->log == NULL || ck_log_runs(r->log, &r->v, &r->n, &err) == -1)
		return cli_error(ctx, o->cron_log, &err);
	return 0;
}

static void
runs_close(struct runs *r)
{
	histdb_close(r->db);
	ck_log_runs_free(r->v, r->n);
	ck_log_free(r->log);
}

static const char *
kind_of(const struct cli_source *s)
{
	bool cron_d = false;

	if (s->ana != NULL)
		return "anacrontab";
	if (s->rp != NULL)
		return "run-parts";
	if (s->path == NULL)
		return "user";
	if (s->system && cli_system_path(s->path, &cron_d))
		return cron_d ? "cron.d" : "system";
	return s->system ? "system" : "user";
}

int
inventory_write(const struct cli_ctx *ctx, FILE *f,
    const struct cli_source *src, size_t n, const struct inv_opts *o)
{
	const struct cli_source **v;
	const struct cli_skipped *sk;
	ck_diag_list **dl;
	struct job_zones z;
	ck_tz *local;
	struct runs r;
	struct json j;
	const ck_diag *d;
	char *host;
	size_t i, k, jk, di, ns, njobs = 0, nenabled = 0, sev[3] = { 0, 0, 0 };
	int rc;

	if ((local = cli_zone(ctx, NULL, NULL)) == NULL)
		return EX_DATAERR;
	job_zones_init(&z, local);
	if ((rc = runs_open(ctx, &r, o, local)) != 0) {
		ck_tz_free(local);
		return rc;
	}
	v = xcalloc(n + 1, sizeof(*v));
	dl = xcalloc(n + 1, sizeof(*dl));
	for (i = 0; i < n; i++)
		v[i] = &src[i];
	qsort(v, n, sizeof(*v), by_label);
	for (i = 0; i < n; i++) {
		dl[i] = lint(ctx, v[i]);
		for (k = 0; dl[i] != NULL && k < ck_diag_count(dl[i]); k++)
			sev[ck_diag_at(dl[i], k)->severity]++;
		if (periodic(v[i])) {
			struct jt_row *rows;
			size_t nr = source_jobs(v[i], &rows);

			njobs += nr;
			for (k = 0; k < nr; k++)
				nenabled += rows[k].ajob == NULL ||
				    rows[k].ajob->enabled;
			free(rows);
			continue;
		}
		njobs += ck_tab_job_count(v[i]->tab);
		for (k = 0; k < ck_tab_job_count(v[i]->tab); k++)
			if (ck_job_enabled(ck_tab_job(v[i]->tab, k)))
				nenabled++;
	}
	host = host_name(o->host, o->root);
	cli_json_init(ctx, &j, f);
	json_obj_begin(&j);
	json_key(&j, "format");
	json_str(&j, INV_FORMAT);
	json_key(&j, "version");
	json_int(&j, INV_VERSION);
	json_key(&j, "generator");
	json_str(&j, "cronkeep " CK_VERSION_STRING);
	json_key(&j, "host");
	json_str(&j, host);
	json_key(&j, "group");
	json_str(&j, o->group);
	json_key(&j, "root");
	json_str(&j, o->root[0] != '\0' ? o->root : "/");
	json_key(&j, "flavour");
	json_str(&j, ck_dialect_name(ck_dialect_detect(o->root[0] != '\0' ?
	    o->root : "/")));
	json_key(&j, "dialect");
	json_str(&j, ck_dialect_name(o->dialect));
	json_key(&j, "zone");
	json_str(&j, ck_tz_name(local));
	json_key(&j, "now");
	put_time(&j, local, o->now);
	json_key(&j, "window");
	json_obj_begin(&j);
	json_key(&j, "from");
	put_time(&j, local, o->now);
	json_key(&j, "to");
	put_time(&j, local, o->now + o->window);
	json_key(&j, "count");
	json_int(&j, (long long)o->count);
	json_obj_end(&j);

	json_key(&j, "crontabs");
	json_arr_begin(&j);
	for (i = 0; i < n; i++) {
		json_obj_begin(&j);
		json_key(&j, "source");
		json_str(&j, v[i]->label);
		json_key(&j, "path");
		json_str(&j, v[i]->path);
		json_key(&j, "kind");
		json_str(&j, kind_of(v[i]));
		json_key(&j, "owner");
		json_str(&j, v[i]->user);
		{
			struct jt_row *rows;

			json_key(&j, "jobs");
			json_int(&j, (long long)source_jobs(v[i], &rows));
			free(rows);
		}
		/* Findings on no job's line: the file's own, markers, ...
		 * (findings and jobs are both in line order). */
		json_key(&j, "lint");
		json_arr_begin(&j);
		jk = 0;
		for (k = 0; dl[i] != NULL && periodic(v[i]) &&
		    k < ck_diag_count(dl[i]); k++) {
			/* anacrontab: what is not on a job's line. */
			struct jt_row *rows;
			size_t nr = source_jobs(v[i], &rows), x;
			bool on_job = false;

			d = ck_diag_at(dl[i], k);
			for (x = 0; x < nr && d->line != 0; x++)
				if (rows[x].ajob != NULL &&
				    rows[x].ajob->lineno == d->line)
					on_job = true;
			free(rows);
			if (!on_job)
				put_diag(&j, d);
		}
		for (k = 0; dl[i] != NULL && !periodic(v[i]) &&
		    k < ck_diag_count(dl[i]); k++) {
			d = ck_diag_at(dl[i], k);
			while (jk < ck_tab_job_count(v[i]->tab) &&
			    ck_job_line(ck_tab_job(v[i]->tab, jk)) + 1 <
			    d->line)
				jk++;
			if (d->line == 0 || jk == ck_tab_job_count(v[i]->tab) ||
			    ck_job_line(ck_tab_job(v[i]->tab, jk)) + 1 !=
			    d->line)
				put_diag(&j, d);
		}
		json_arr_end(&j);
		json_obj_end(&j);
	}
	json_arr_end(&j);

	json_key(&j, "jobs");
	json_arr_begin(&j);
	for (i = 0; i < n; i++) {
		di = 0;
		if (periodic(v[i])) {
			struct jt_row *rows;
			size_t nr = source_jobs(v[i], &rows);

			for (k = 0; k < nr; k++)
				put_periodic(ctx, &j, &rows[k], dl[i], &di,
				    local, o);
			free(rows);
			continue;
		}
		for (k = 0; k < ck_tab_job_count(v[i]->tab); k++)
			put_job(ctx, &j, v[i], ck_tab_job(v[i]->tab, k), dl[i],
			    &di, &z, &r, o);
	}
	json_arr_end(&j);

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

	json_key(&j, "summary");
	json_obj_begin(&j);
	json_key(&j, "crontabs");
	json_int(&j, (long long)n);
	json_key(&j, "jobs");
	json_int(&j, (long long)njobs);
	json_key(&j, "enabled");
	json_int(&j, (long long)nenabled);
	json_key(&j, "errors");
	json_int(&j, (long long)sev[CK_SEV_ERROR]);
	json_key(&j, "warnings");
	json_int(&j, (long long)sev[CK_SEV_WARNING]);
	json_key(&j, "notes");
	json_int(&j, (long long)sev[CK_SEV_INFO]);
	json_obj_end(&j);
	json_obj_end(&j);
	json_end(&j);

	for (i = 0; i < n; i++)
		ck_diag_list_free(dl[i]);
	free(dl);
	free(v);
	free(host);
	runs_close(&r);
	job_zones_free(&z);
	ck_tz_free(local);
	return 0;
}
