/* SPDX-License-Identifier: ISC */
/*
 * cmd_missed.c - "cronkeep missed": did each job run when it should?
 * The fire times of the selected jobs in a window (fires.c, the daemon's
 * DST behaviour) against the runs in cron's own log (logread.c) and in
 * the history of "cronkeep exec" (histdb.c): missed, late, overlapping
 * and failed runs, as text, JSON or one Nagios status line.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "commands.h"
#include "fires.h"
#include "histdb.h"
#include "width.h"
#include "logread.h"

enum { OPT_ID = CLI_KEY_OWN, OPT_SINCE, OPT_UNTIL, OPT_GRACE, OPT_LOG_FILE,
	OPT_JOURNAL_FILE, OPT_HISTORY_DB, OPT_NAGIOS };

/* The default --grace: cron starts a job within a second or two. */
#define DEFAULT_GRACE	60
/* A logged start and an exec start this close are the same run. */
#define SAME_RUN	5
/* At most this many fire times per job in the window. */
#define MAX_FIRES	(1u << 20)

/* One run of a job: a CMD line of cron's log or a row of the history. */
struct start {
	time_t			 t;
	double			 end;	/* history; 0: running */
	int			 exit;	/* -1: not known */
	int			 sig;
	const char		*status; /* history: its status; log: NULL */
	const struct log_input	*in;	/* log: where */
	const ck_log_entry	*e;
};

enum kind { K_MISSED, K_LATE, K_OVERLAP, K_FAILED, K_NKINDS };

static const char *const kind_name[] = { "missed", "late", "overlap",
	"failed" };
static const char *const kind_key[] = { "missed", "late", "overlaps",
	"failures" };

struct finding {
	enum kind		 kind;
	const struct fire_job	*f;
	time_t			 time;	/* fire (failed: start) */
	struct start		 run;	/* late, overlap, failed */
};

struct state {
	struct cli_ctx		*ctx;
	ck_tz			*tz;
	time_t			 since, until, now;
	long long		 grace;
	struct cli_source	*src;
	size_t			 nsrc;
	struct fire_job		*fj;		/* the jobs checked */
	size_t			 nfj;
	struct log_input	*in;
	size_t			 nin;
	struct ck_log_run	**runs;	/* per input */
	size_t			*nruns;
	struct hist_run		*hist;
	size_t			 nhist;
	struct finding		*fnd;
	size_t			 nfnd;
	size_t			 count[K_NKINDS];
	size_t			 nfires, njobs;
};

static void
add(struct state *st, enum kind k, const struct fire_job *f, time_t t,
    const struct start *run)
{
	struct finding *x;

	st->fnd = xreallocarray(st->fnd, st->nfnd + 1, sizeof(*st->fnd));
	x = &st->fnd[st->nfnd++];
	memset(x, 0, sizeof(*x));
	x->kind = k;
	x->f = f;
	x->time = t;
	if (run != NULL)
		x->run = *run;
	st->count[k]++;
}

static int
cmp_start(const void *a, const void *b)
{
	const struct start *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return (x->status != NULL) - (y->status != NULL);
}

static int
cmp_finding(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;

	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->f < y->f ? -1 : x->f > y->f;
}

/* The job's first fire time after t (0: none). */
static time_t
fire_after(const struct state *st, const struct fire_job *f, time_t t)
{
	ck_dst_mode mode = ck_dialect_dst_mode(ck_tab_dialect(f->src->tab));
	ck_error err;
	ck_run run;

	if (ck_expr_next_run(ck_job_expr(f->job), st->tz, mode, NULL, t, &run,
	    &err) == -1)
		return 0;
	return run.at;
}

/* Did this history row run the command (not skipped or expired)? */
static bool
hist_ran(const struct hist_run *h)
{
	return strcmp(h->status, "skipped") != 0 &&
	    strcmp(h->status, "expired") != 0;
}

/* A history run that did not succeed. */
static bool
hist_failed_start(const struct start *s)
{
	return strcmp(s->status, "failed") == 0 ||
	    strcmp(s->status, "killed") == 0 ||
	    strcmp(s->status, "timeout") == 0 ||
	    strcmp(s->status, "abandoned") == 0 || s->exit > 0 || s->sig > 0;
}

/* The runs of f, from the log and the history, by start time. */
static struct start *
job_starts(struct state *st, const struct fire_job *f, size_t *n)
{
	struct start *v = NULL;
	const char *cmd, *id;
	size_t len, idlen, i, k, out;
	char *user;

	*n = 0;
	cmd = ck_job_command(f->job, &len);
	user = logread_job_user(f->src, f->job);
	for (i = 0; i < st->nin; i++)
		for (k = 0; k < st->nruns[i]; k++) {
			const struct ck_log_run *r = &st->runs[i][k];
			const ck_log_entry *e = ck_log_at(st->in[i].log,
			    r->cmd);

			if (!logread_matches(st->ctx, e, cmd, len, user))
				continue;
			v = xreallocarray(v, *n + 1, sizeof(*v));
			memset(&v[*n], 0, sizeof(*v));
			v[*n].t = e->time;
			v[*n].exit = r->exit_status;
			v[*n].in = &st->in[i];
			v[*n].e = e;
			(*n)++;
		}
	free(user);
	if ((id = ck_job_id(f->job, &idlen)) != NULL)
		for (i = 0; i < st->nhist; i++) {
			const struct hist_run *h = &st->hist[i];

			if (strlen(h->id) != idlen ||
			    memcmp(h->id, id, idlen) != 0 || !hist_ran(h))
				continue;
			v = xreallocarray(v, *n + 1, sizeof(*v));
			memset(&v[*n], 0, sizeof(*v));
			v[*n].t = (time_t)h->start;
			v[*n].end = h->end;
			v[*n].exit = h->exit_code;
			v[*n].sig = h->sig;
			v[*n].status = h->status;
			(*n)++;
		}
	if (*n > 0)
		qsort(v, *n, sizeof(*v), cmp_start);
	/* The same run read twice (rsyslog copies the journal). */
	for (i = 0, out = 0; i < *n; i++) {
		if (out > 0 && v[i].status == NULL &&
		    v[out - 1].status == NULL && v[out - 1].t == v[i].t &&
		    v[out - 1].e->pid == v[i].e->pid &&
		    v[out - 1].e->job_pid == v[i].e->job_pid)
			continue;
		v[out++] = v[i];
	}
	*n = out;
	return v;
}

/*
 * Did exec record the run cron logged at t (a job line that runs
 * "cronkeep exec")?  Then its failure is reported once, from the history.
 */
static bool
in_history(const struct start *s, size_t n, time_t t)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i].status != NULL && s[i].t >= t - SAME_RUN &&
		    s[i].t <= t + SAME_RUN)
			return true;
	return false;
}

static void
check_job(struct state *st, const struct fire_job *f)
{
	struct start *s;
	size_t n, i, k = 0, j;
	time_t lo, hi, nf;
	double end;

	s = job_starts(st, f, &n);
	st->njobs++;
	st->nfires += f->n;
	/* Each fire time: the first run from it to the next one. */
	for (i = 0; i < f->n; i++) {
		lo = f->t[i];
		hi = i + 1 < f->n ? f->t[i + 1] : fire_after(st, f, lo);
		while (k < n && s[k].t < lo)
			k++;
		if (k < n && (hi == 0 || s[k].t < hi)) {
			if (s[k].t - lo > st->grace)
				add(st, K_LATE, f, lo, &s[k]);
		} else if (lo + st->grace <= st->now)
			add(st, K_MISSED, f, lo, NULL);
	}
	for (j = 0; j < n; j++) {
		if (s[j].t < st->since || s[j].t >= st->until)
			continue;
		if (s[j].status != NULL ? hist_failed_start(&s[j]) :
		    s[j].exit > 0 && !in_history(s, n, s[j].t))
			add(st, K_FAILED, f, s[j].t, &s[j]);
		if (s[j].status == NULL)
			continue;
		/* A run still going at the job's next fire time. */
		for (i = 0; i < f->n && f->t[i] <= s[j].t; i++)
			;
		nf = i < f->n ? f->t[i] : fire_after(st, f, s[j].t);
		end = s[j].end > 0 ? s[j].end : (double)st->now;
		if (nf != 0 && end > (double)nf && nf <= st->now)
			add(st, K_OVERLAP, f, nf, &s[j]);
	}
	free(s);
}

/* "path:line" of a log run; caller frees. */
static char *
log_where(const struct start *r)
{
	char *s;

	if (asprintf(&s, "%s:%u", r->in->label, r->e->line) == -1) {
		cli_warnx(NULL, "out of memory");
		exit(EX_OSERR);
	}
	return s;
}

static void
json_time(struct json *j, const char *key, const ck_tz *tz, time_t t)
{
	char buf[64];

	json_key(j, key);
	fires_fmt(tz, t, true, buf, sizeof(buf), NULL);
	json_str(j, buf);
}

static void
print_json_finding(const struct state *st, const struct finding *x,
    struct json *j)
{
	const char *id;
	size_t len;
	char *w;

	json_obj_begin(j);
	json_key(j, "source");
	json_str(j, fires_job_where(x->f));
	json_key(j, "line");
	json_int(j, (long long)fires_job_line(x->f));
	json_key(j, "id");
	if ((id = ck_job_id(x->f->job, &len)) != NULL)
		json_strn(j, id, len);
	else
		json_null(j);
	json_key(j, "label");
	json_str(j, x->f->label);
	json_time(j, "time", st->tz, x->time);
	if (x->kind == K_MISSED) {
		json_obj_end(j);
		return;
	}
	if (x->kind != K_FAILED)
		json_time(j, "start", st->tz, x->run.t);
	if (x->kind == K_LATE) {
		json_key(j, "delay");
		json_int(j, (long long)(x->run.t - x->time));
	}
	if (x->kind == K_OVERLAP) {
		if (x->run.end > 0)
			json_time(j, "end", st->tz, (time_t)x->run.end);
		else {
			json_key(j, "end");
			json_null(j);
		}
	}
	if (x->kind == K_FAILED) {
		json_key(j, "exit");
		if (x->run.exit >= 0)
			json_int(j, x->run.exit);
		else
			json_null(j);
		json_key(j, "signal");
		if (x->run.sig > 0)
			json_int(j, x->run.sig);
		else
			json_null(j);
		json_key(j, "status");
		json_str(j, x->run.status != NULL ? x->run.status : "failed");
	}
	json_key(j, "from");
	json_str(j, x->run.status != NULL ? "history" : "log");
	json_key(j, "log");
	if (x->run.status == NULL) {
		w = log_where(&x->run);
		json_str(j, w);
		free(w);
	} else
		json_null(j);
	json_obj_end(j);
}

/* asprintf(3) that dies. */
static char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n == -1) {
		cli_warnx(NULL, "out of memory");
		exit(EX_OSERR);
	}
	return s;
}

/* What became of a fire time: "no run", "exit 2 (history)", ... */
static char *
finding_detail(const struct state *st, const struct finding *x)
{
	char r[64], *what, *from, *d;

	if (x->kind == K_MISSED || x->kind == K_NKINDS)
		return xstrdup(x->kind == K_MISSED ? "no run" : "");
	fires_fmt(st->tz, x->run.t, true, r, sizeof(r), NULL);
	if (x->kind == K_LATE)
		what = xasprintf("started %s, %lld s late", r,
		    (long long)(x->run.t - x->time));
	else if (x->kind == K_OVERLAP)
		what = xasprintf("the run started %s was still going", r);
	else if (x->run.sig > 0)
		what = xasprintf("signal %d", x->run.sig);
	else if (x->run.exit >= 0)
		what = xasprintf("exit %d", x->run.exit);
	else
		what = xstrdup(x->run.status != NULL ? x->run.status :
		    "failed");
	from = x->run.status != NULL ? xstrdup("history") :
	    log_where(&x->run);
	d = xasprintf("%s (%s)", what, from);
	free(what);
	free(from);
	return d;
}

/*
 * KIND TIME  JOB  WHERE:LINE  WHAT, the job's label cut so that the line
 * fits limit (0: no limit).
 */
static void
print_text_finding(const struct state *st, const struct finding *x,
    size_t limit)
{
	static const bool cut[3] = { false, true, false };
	char t[64], *head, *label, *tail, *where, *detail;
	size_t w[3];

	fires_fmt(st->tz, x->time, false, t, sizeof(t), NULL);
	head = xasprintf("%-8s %s  ", kind_name[x->kind], t);
	label = cli_text(stdout, x->f->label, strlen(x->f->label));
	where = cli_text(stdout, fires_job_where(x->f),
	    strlen(fires_job_where(x->f)));
	detail = finding_detail(st, x);
	tail = xasprintf("  %s:%zu  %s", where, fires_job_line(x->f), detail);
	w[0] = cli_text_width(head, strlen(head));
	w[1] = cli_text_width(label, strlen(label));
	w[2] = cli_text_width(tail, strlen(tail));
	cli_fit(w, cut, 3, limit, 10);
	fputs(head, stdout);
	cli_put_cut(stdout, label, limit > 0 ? w[1] : 0, 0, 0);
	fputs(tail, stdout);
	putchar('\n');
	free(head);
	free(label);
	free(where);
	free(detail);
	free(tail);
}

static void
summary(const struct state *st, char *buf, size_t len)
{
	snprintf(buf, len, "%zu missed, %zu late, %zu overlapping, %zu failed "
	    "(%zu jobs, %zu fire times)", st->count[K_MISSED],
	    st->count[K_LATE], st->count[K_OVERLAP], st->count[K_FAILED],
	    st->njobs, st->nfires);
}

static int
print_result(const struct cli_ctx *ctx, const struct state *st, bool nagios)
{
	struct json j;
	char sum[256];
	size_t k, i, limit;
	bool crit, warn;

	crit = st->count[K_MISSED] > 0 || st->count[K_FAILED] > 0;
	warn = st->count[K_LATE] > 0 || st->count[K_OVERLAP] > 0;
	summary(st, sum, sizeof(sum));
	if (nagios) {
		printf("CRONKEEP %s - %s | missed=%zu late=%zu overlaps=%zu "
		    "failures=%zu\n", crit ? "CRITICAL" : warn ? "WARNING" :
		    "OK", sum, st->count[K_MISSED], st->count[K_LATE],
		    st->count[K_OVERLAP], st->count[K_FAILED]);
		return crit ? 2 : warn ? 1 : 0;
	}
	if (st->ctx->json) {
		cli_json_init(ctx, &j, stdout);
		json_obj_begin(&j);
		json_time(&j, "since", st->tz, st->since);
		json_time(&j, "until", st->tz, st->until);
		json_key(&j, "grace");
		json_int(&j, st->grace);
		for (k = 0; k < K_NKINDS; k++) {
			json_key(&j, kind_key[k]);
			json_arr_begin(&j);
			for (i = 0; i < st->nfnd; i++)
				if (st->fnd[i].kind == k)
					print_json_finding(st, &st->fnd[i],
					    &j);
			json_arr_end(&j);
		}
		json_key(&j, "jobs");
		json_int(&j, (long long)st->njobs);
		json_key(&j, "fires");
		json_int(&j, (long long)st->nfires);
		json_key(&j, "sources");
		json_arr_begin(&j);
		for (i = 0; i < st->nin; i++)
			json_str(&j, st->in[i].label);
		json_arr_end(&j);
		json_obj_end(&j);
		json_end(&j);
	} else {
		limit = cli_width(st->ctx);
		for (i = 0; i < st->nfnd; i++)
			print_text_finding(st, &st->fnd[i], limit);
		printf("%s\n", sum);
	}
	return crit || warn ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

static const struct cli_option options[] = {
	{ "id", 0, OPT_ID, "ID", "this job only", CLI_COMP_ID, NULL, 0 },
	{ "since", 0, OPT_SINCE, "TIME", "the window's start (required): "
	    "YYYY-MM-DD[ HH:MM[:SS]]\n(local), RFC 3339, or N{s,m,h,d,w} ago",
	    CLI_COMP_NONE, NULL, CLI_OPT_REQUIRED },
	{ "until", 0, OPT_UNTIL, "TIME", "the window's end, as --since "
	    "(default: now)", CLI_COMP_NONE, NULL, 0 },
	{ "grace", 0, OPT_GRACE, "DURATION", "a run starting later than this "
	    "after its fire time\nis late (default 1m; 90s, 5m, 1h30m)",
	    CLI_COMP_NONE, NULL, 0 },
	{ "log-file", 0, OPT_LOG_FILE, "PATH", "read this syslog file (gzip "
	    "or not) instead of\nthe default logs (again for more)",
	    CLI_COMP_FILE, NULL, 0 },
	{ "journal-file", 0, OPT_JOURNAL_FILE, "PATH", "read this journalctl "
	    "-o short-iso output (or a\nbinary journal file) instead",
	    CLI_COMP_FILE, NULL, 0 },
	{ "history-db", 0, OPT_HISTORY_DB, "PATH", "the runs of 'cronkeep "
	    "exec' (see 'cronkeep help\nexec'; default: its default, when it "
	    "exists)", CLI_COMP_FILE, NULL, 0 },
	{ "nagios", 0, OPT_NAGIOS, NULL, "print one Nagios/Icinga status "
	    "line, exit 0 OK,\n1 WARNING, 2 CRITICAL, 3 UNKNOWN",
	    CLI_COMP_NONE, NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

/* Only the jobs of the crontabs (not anacron, not run-parts), or --id's. */
static size_t
keep_jobs(struct fire_job *fj, size_t n, const char *id)
{
	const char *jid;
	size_t i, out, len;

	for (i = 0, out = 0; i < n; i++) {
		if (fj[i].job == NULL || (id != NULL && ((jid =
		    ck_job_id(fj[i].job, &len)) == NULL || len != strlen(id) ||
		    memcmp(jid, id, len) != 0))) {
			free(fj[i].label);
			free(fj[i].t);
			continue;
		}
		fj[out++] = fj[i];
	}
	return out;
}

static int
read_history(const struct cli_ctx *ctx, struct state *st, const char *dbopt)
{
	struct histdb *db;
	struct stat sb;
	char *path;

	if ((path = histdb_default_path(dbopt)) == NULL)
		return EX_OSERR;
	if (stat(path, &sb) == -1) {
		if (dbopt == NULL && errno == ENOENT) {
			free(path);
			return 0;	/* exec never ran here: no history */
		}
		cli_warn(ctx, "%s", path);
		free(path);
		return EX_NOINPUT;
	}
	if ((db = histdb_open(ctx, path)) == NULL) {
		free(path);
		return EX_NOINPUT;
	}
	free(path);
	if (histdb_query(db, NULL, false, (double)st->since, 0, &st->hist,
	    &st->nhist) == -1) {
		histdb_close(db);
		return EX_SOFTWARE;
	}
	histdb_close(db);
	return 0;
}

/* What the command line asks for. */
struct missed_req {
	const char	*id, *since_s, *until_s;
	const char	*dbopt;			/* --history-db */
	const char	**files;		/* --log-file, --journal-file */
	size_t		 nfiles;
	long long	 grace;
};

/* Release what missed_parse() took. */
static void
missed_req_free(struct missed_req *q)
{
	free(q->files);
}

/*
 * The options into q, and what they say together (--nagios comes from
 * missed(), which reads it first).  @return 0, or an exit code (printed).
 */
static int
missed_parse(struct cli_ctx *ctx, const struct cli_args *a, bool nagios,
    struct missed_req *q)
{
	const char *arg;
	size_t oi;

	memset(q, 0, sizeof(*q));
	q->grace = DEFAULT_GRACE;
	for (oi = 0; oi < a->nopts; oi++) {
		arg = a->opts[oi].arg;
		switch (a->opts[oi].key) {
		case OPT_ID:
			q->id = arg;
			break;
		case OPT_SINCE:
			q->since_s = arg;
			break;
		case OPT_UNTIL:
			q->until_s = arg;
			break;
		case OPT_GRACE:
			if (cli_parse_duration(arg, &q->grace) == -1) {
				cli_warnx(ctx,
				    "--grace: bad duration '%s' (90s, "
				    "5m, 1h30m)", arg);
				return EX_DATAERR;
			}
			break;
		case OPT_LOG_FILE:
		case OPT_JOURNAL_FILE:
			q->files = xreallocarray(q->files, q->nfiles + 1,
			    sizeof(*q->files));
			q->files[q->nfiles++] = arg;
			break;
		case OPT_HISTORY_DB:
			q->dbopt = arg;
			break;
		}
	}
	if (a->argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'",
		    a->argv[0]);
	if (nagios && ctx->json)
		return cli_usage_error(ctx, "give either --json or "
		    "--nagios, not both");
	if (q->since_s == NULL)
		return cli_usage_error(ctx, "missed needs --since TIME");
	return 0;
}

/*
 * The window (--since to --until, else now), the dialect and the zone
 * cron runs in into st.  @return 0, or an exit code (printed).
 */
static int
missed_window(struct cli_ctx *ctx, const struct missed_req *q,
    struct state *st)
{
	int dk, rc;

	st->grace = q->grace;
	if ((rc = cli_now(ctx, &st->now)) != 0)
		return rc;
	if ((dk = logread_time(ctx, q->since_s, &st->since)) != 0)
		return cli_date_refused(ctx, "--since", q->since_s, dk,
		    LOGREAD_TIME_FORM);
	st->until = st->now;
	if (q->until_s != NULL &&
	    (dk = logread_time(ctx, q->until_s, &st->until)) != 0)
		return cli_date_refused(ctx, "--until", q->until_s, dk,
		    LOGREAD_TIME_FORM);
	if (st->since >= st->until) {
		cli_warnx(ctx, "--since %s is not before %s", q->since_s,
		    q->until_s != NULL ? "--until" : "now");
		return EX_DATAERR;
	}
	if (cli_resolve_dialect(ctx) == -1)
		return CLI_EXIT_USAGE;
	/* The zone cron runs in: TZ, else the local one. */
	if ((st->tz = cli_zone(ctx, NULL, NULL)) == NULL)
		return EX_DATAERR;
	return 0;
}

/*
 * The jobs of the crontabs (or --id's) and their fire times in the
 * window, a warning for each job with too many.
 * @return 0, or an exit code (printed).
 */
static int
missed_jobs(struct cli_ctx *ctx, const struct missed_req *q,
    struct state *st)
{
	size_t i;
	int rc;

	if ((rc = cli_load_sources(ctx, CLI_SRC_LENIENT, &st->src,
	    &st->nsrc)) != 0)
		return rc;
	if (q->id != NULL && !cli_sources_have_id(st->src, st->nsrc, q->id))
		return cli_no_such_id(ctx, st->src, st->nsrc, q->id);
	if ((rc = fires_collect(ctx, st->src, st->nsrc, st->tz, st->since,
	    st->until, MAX_FIRES, &st->fj, &st->nfj)) != 0)
		return rc;
	st->nfj = keep_jobs(st->fj, st->nfj, q->id);
	for (i = 0; i < st->nfj; i++)
		if (st->fj[i].capped)
			cli_warnx(ctx,
			    "warning: %s: more than %u fire times, only "
			    "the first ones checked", st->fj[i].label,
			    MAX_FIRES);
	return 0;
}

/*
 * The runs: cron's log (the --log-file and --journal-file files, else
 * the default logs) and the history of exec.
 * @return 0, or an exit code (printed).
 */
static int
missed_runs(struct cli_ctx *ctx, const struct missed_req *q,
    struct state *st)
{
	ck_error err;
	size_t i;
	int rc = CLI_EXIT_OK;

	if (q->nfiles > 0) {
		for (i = 0; i < q->nfiles; i++)
			if (logread_path(ctx, q->files[i], &st->in,
			    &st->nin) == -1)
				rc = EX_NOINPUT;
		if (rc != CLI_EXIT_OK)
			return rc;
	} else
		logread_default(ctx, &st->in, &st->nin, &st->since);
	st->runs = xcalloc(st->nin + 1, sizeof(*st->runs));
	st->nruns = xcalloc(st->nin + 1, sizeof(*st->nruns));
	for (i = 0; i < st->nin; i++)
		if (ck_log_runs(st->in[i].log, &st->runs[i], &st->nruns[i],
		    &err) == -1)
			return cli_error(ctx, st->in[i].label, &err);
	return read_history(ctx, st, q->dbopt);
}

/* Release what missed_window(), _jobs(), _runs() and check_job() took. */
static void
missed_free(struct state *st)
{
	size_t i;

	free(st->fnd);
	for (i = 0; i < st->nin && st->runs != NULL; i++)
		ck_log_runs_free(st->runs[i], st->nruns[i]);
	free(st->runs);
	free(st->nruns);
	logread_free(st->in, st->nin);
	hist_runs_free(st->hist, st->nhist);
	fires_free(st->fj, st->nfj);
	if (st->src != NULL)
		cli_sources_free(st->src, st->nsrc);
	ck_tz_free(st->tz);
}

/*
 * Parse, then the window, the jobs and the runs, each job checked, the
 * findings sorted and printed.
 * @return an exit code; *done: the result was printed (rc is its code).
 */
static int
missed_main(struct cli_ctx *ctx, const struct cli_args *a, bool nagios,
    bool *done)
{
	struct missed_req q;
	struct state st;
	size_t i;
	int rc;

	memset(&st, 0, sizeof(st));
	st.ctx = ctx;
	if ((rc = missed_parse(ctx, a, nagios, &q)) != 0 ||
	    (rc = missed_window(ctx, &q, &st)) != 0 ||
	    (rc = missed_jobs(ctx, &q, &st)) != 0 ||
	    (rc = missed_runs(ctx, &q, &st)) != 0)
		goto out;
	for (i = 0; i < st.nfj; i++)
		check_job(&st, &st.fj[i]);
	if (st.nfnd > 0)
		qsort(st.fnd, st.nfnd, sizeof(*st.fnd), cmp_finding);
	rc = print_result(ctx, &st, nagios);
	*done = true;
out:
	missed_free(&st);
	missed_req_free(&q);
	return rc;
}

static int
missed(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *msg;
	bool nagios = false, done = false;
	size_t oi;
	int rc;

	for (oi = 0; oi < a->nopts; oi++)
		if (a->opts[oi].key == OPT_NAGIOS)
			nagios = true;
	rc = missed_main(ctx, a, nagios, &done);
	/* Nagios: anything that kept the check from running is UNKNOWN. */
	if (nagios && !done && !ctx->json && rc != CLI_EXIT_OK) {
		msg = cli_said_first(ctx);
		printf("CRONKEEP UNKNOWN - %s\n", msg[0] != '\0' ? msg :
		    cli_exit_name(rc));
		rc = 3;
	}
	return cli_finish(rc);
}

const struct cli_command cmd_missed = {
	.name = "missed",
	.summary = "missed, late, overlapping and failed runs of jobs",
	.description =
"Did each job run when it should?  The fire times of the selected jobs\n"
"between --since and --until (as the cron daemon computes them, DST\n"
"included, in the zone of TZ or the local one) against the runs cron\n"
"logged (the logs 'cronkeep log' reads, or --log-file, --journal-file)\n"
"and the runs 'cronkeep exec' recorded (by job id, --history-db).\n"
"A fire time is missed when no run started from it to the next one\n"
"(fire times less than --grace ago are not counted yet), late when\n"
"the first run started more than --grace (default 1m) after it.  A run\n"
"recorded by exec that was still going at the job's next fire time\n"
"overlaps; a run with a nonzero exit status (from the history, or from\n"
"cron's log where it logs it: Debian's cron -L 4) failed, once when a\n"
"line that runs exec is in both.  Only the jobs of crontabs are\n"
"checked, not anacron jobs or run-parts scripts.\n",
	.epilog =
"Each finding is printed as KIND TIME JOB SOURCE:LINE DETAIL, oldest\n"
"first, and a count at the end.  --json prints {\"since\",\"until\",\n"
"\"grace\",\"missed\":[{\"source\",\"line\",\"id\",\"label\",\"time\"}],\n"
"\"late\":[{... \"start\",\"delay\",\"from\",\"log\"}],\"overlaps\":[{...\n"
"\"start\",\"end\"}],\"failures\":[{... \"exit\",\"signal\",\"status\"}],\n"
"\"jobs\",\"fires\",\"sources\"} (times in RFC 3339).\n"
"--nagios prints one line, CRONKEEP OK|WARNING|CRITICAL|UNKNOWN - ...\n"
"with performance data: CRITICAL for missed or failed runs, WARNING\n"
"for late or overlapping ones, UNKNOWN for anything that kept the check\n"
"from running.\n"
"\n"
"Exit: 0 nothing found, 1 something missed, late, overlapping or\n"
"failed, 2 usage, 65 a bad date or duration, 66 a log or history file\n"
"that cannot be read or no such id; with --nagios: 0 OK, 1 WARNING,\n"
"2 CRITICAL, 3 UNKNOWN.\n",
	.options = options,
	.exec = missed,
};
