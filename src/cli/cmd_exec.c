/* SPDX-License-Identifier: ISC */
/*
 * cmd_exec.c - "cronkeep exec --id ID [options] -- CMD...": the wrapper a
 * job line calls.  It runs CMD (an argument vector, no shell), passes its
 * output through (so cron still mails it), records the run in the history
 * database, and adds what cron lacks: run once (--once: the job removes
 * itself after a successful run), start and end dates (--not-before,
 * --not-after: past the end the job removes itself), no overlapping runs
 * (--no-overlap), a time limit (--timeout), retries with exponential backoff
 * (--retry), cronic's silence on success (--quiet) and anacron's catch-up
 * of a missed run (--catch-up) and monitoring pings (--ping: ping.c).
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "fires.h"
#include "histdb.h"
#include "metrics.h"
#include "ping.h"
#include "../lib/ck_spawn.h"

#define HIST_TAIL	4096	/* output kept in the history */
#define TAIL_MAX	10240	/* output kept for the --ping body */
#define KILL_GRACE	5	/* seconds between SIGTERM and SIGKILL */
#define RETRY_MAX	100	/* --retry N: at most */
#define RETRY_CAP	3600	/* no pause between tries is longer (s) */
#define RETRY_DELAY	10	/* --retry-delay: the default (s) */

struct tail {
	char	buf[TAIL_MAX];
	size_t	len;
};

static double
now_real(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
tail_add(struct tail *t, const char *p, size_t n)
{
	if (n >= TAIL_MAX) {
		memcpy(t->buf, p + n - TAIL_MAX, TAIL_MAX);
		t->len = TAIL_MAX;
		return;
	}
	if (t->len + n > TAIL_MAX) {
		size_t drop = t->len + n - TAIL_MAX;

		memmove(t->buf, t->buf + drop, t->len - drop);
		t->len -= drop;
	}
	memcpy(t->buf + t->len, p, n);
	t->len += n;
}

/* Remove job id from the selected crontab. @return 0 or an exit code. */
static int
remove_self(struct cli_ctx *ctx, const char *id)
{
	struct cli_source *v = NULL;
	ck_match m = CK_MATCH_INIT;
	ck_error err;
	size_t n = 0, *idx = NULL, nidx = 0;
	bool changed;
	int rc;

	if ((rc = cli_write_load(ctx, &v, &n)) != 0)
		return rc;
	m.id = id;
	m.id_len = strlen(id);
	if (ck_tab_match(v[0].tab, &m, &idx, &nidx, &err) == -1) {
		rc = cli_error(ctx, v[0].label, &err);
		goto out;
	}
	if (nidx == 0) {
		cli_warnx(ctx, "%s: no job with id %s to remove", v[0].label,
		    id);
		goto out;
	}
	if (ck_tab_remove_jobs(v[0].tab, idx, nidx, &err) == -1) {
		rc = cli_error(ctx, v[0].label, &err);
		goto out;
	}
	rc = cli_write_tab(ctx, &v[0], &changed);
out:
	free(idx);
	cli_sources_free(v, n);
	return rc;
}

struct rec {
	struct histdb	*db;
	long long	 row;
};

/* The job started: its pid (its process group) becomes the run's. */
static void
job_started(pid_t pid, void *arg)
{
	struct rec *r = arg;

	if (r->db != NULL && r->row != -1)
		(void)histdb_set_pid(r->db, r->row, (long long)pid);
}

/*
 * The run cannot be recorded: say so, count it next to the database, and
 * run the job anyway (docs/reliability.md: a job never depends on its
 * history).
 */
static void
unrecorded(const struct cli_ctx *ctx, const char *dbpath, const char *id)
{
	long long n = dbpath != NULL ? histdb_unrecorded(dbpath, true) : -1;

	if (n > 0)
		cli_warnx(ctx,
		    "%s: this run is not recorded in the history (%lld "
		    "unrecorded so far, counted in %s.unrecorded)", id, n,
		    dbpath);
	else
		cli_warnx(ctx, "%s: this run is not recorded in the history",
		    id);
}

/* Where the command's output goes: out, and the tail we keep. */
struct stream {
	struct tail	*t;
	FILE		*out;
};

static void
stream_out(void *arg, const char *p, size_t n)
{
	struct stream *s = arg;

	fwrite(p, 1, n, s->out);
	fflush(s->out);
	tail_add(s->t, p, n);
}

/*
 * Run argv (looked up in PATH) in its own process group with its output
 * (stdout and stderr) through one pipe that we copy to out (our standard
 * output, or --quiet's capture) and keep the tail of; keep_fd (the
 * --no-overlap lock, -1: none) goes with it.  Returns the wait status;
 * *timed_out says whether we killed it for --timeout.  A command that
 * cannot be run says so in its output and "exits" 127 (not found) or 126,
 * as a shell would.
 */
static int
run_child(const struct cli_ctx *ctx, char **argv, long long timeout,
    struct tail *t, FILE *out, bool *timed_out, pid_t *pidp, int keep_fd,
    void (*started)(pid_t, void *),
    void *arg)
{
	struct stream st = { t, out };
	struct ck_spawn sp;
	sigset_t def;
	ck_error err;
	char msg[512];
	int n;

	*timed_out = false;
	fflush(stdout);
	memset(&sp, 0, sizeof(sp));
	sp.argv = argv;
	sp.search_path = true;
	sp.out = CK_SPAWN_PIPE;
	sp.err = CK_SPAWN_STDOUT;
	/* Its own process group, so a timeout kills all of it. */
	sp.new_pgroup = true;
	sigemptyset(&def);
	sigaddset(&def, SIGPIPE);
	sp.sig_default = &def;
	/*
	 * The --no-overlap lock goes with the job: a wrapper killed with -9
	 * does not release it while the job still runs.
	 */
	sp.keep_fd = keep_fd > STDERR_FILENO ? keep_fd : 0;
	sp.timeout_ms = timeout > 0 ? (unsigned long long)timeout * 1000 : 0;
	sp.kill_grace_ms = KILL_GRACE * 1000;
	sp.out_sink.fn = stream_out;
	sp.out_sink.arg = &st;
	if (ck_spawn_start(&sp, &err) == -1) {
		if (sp.stage != CK_SPAWN_AT_EXEC) {
			cli_warnx(ctx, "%s", err.msg);
			return -1;
		}
		n = snprintf(msg, sizeof(msg), "cronkeep exec: %s: %s\n",
		    argv[0], strerror(err.sys_errno));
		if (n > 0)
			stream_out(&st, msg, (size_t)n < sizeof(msg) ?
			    (size_t)n : sizeof(msg) - 1);
		return W_EXITCODE(err.sys_errno == ENOENT ? 127 : 126, 0);
	}
	*pidp = sp.pid;
	if (started != NULL)
		started(sp.pid, arg);
	if (ck_spawn_wait(&sp, &err) == -1) {
		cli_warnx(ctx, "%s", err.msg);
		return -1;
	}
	*timed_out = sp.timed_out;
	return sp.status;
}

/* Sleep secs seconds (signals do not cut it short). */
static void
pause_for(long long secs)
{
	struct timespec ts = { .tv_sec = (time_t)secs, .tv_nsec = 0 };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/*
 * --catch-up: whether job id missed its last fire time, that is whether
 * no successful run in the history started at or after the schedule's
 * previous fire time (the job's crontab is the one -u/-f/--cron-d select).
 * @return 0 and *missed, or an exit code (printed).
 */
static int
missed_last(struct cli_ctx *ctx, struct histdb *db, const char *id,
    bool *missed, time_t *prevp, double *lastp)
{
	struct cli_source *src = NULL;
	const ck_job *job = NULL;
	const ck_expr *e;
	ck_dst_mode mode = CK_DST_VIXIE;
	ck_tz *tz = NULL;
	ck_error err;
	time_t now;
	size_t n = 0, i;
	int rc, k;

	*missed = true;
	*lastp = 0;
	if ((rc = cli_load_sources(ctx, CLI_SRC_LENIENT, &src, &n)) != 0)
		return rc;
	for (i = 0; i < n && job == NULL; i++) {
		if (src[i].tab == NULL)
			continue;
		if ((job = ck_tab_find_id(src[i].tab, id, strlen(id))) != NULL)
			mode = ck_dialect_dst_mode(ck_tab_dialect(src[i].tab));
	}
	if (job == NULL) {
		rc = cli_no_such_id(ctx, src, n, id);
		goto out;
	}
	e = ck_job_expr(job);
	if (!ck_expr_can_fire(e)) {
		cli_warnx(ctx,
		    "--catch-up: job %s never fires at a time (@reboot?): "
		    "nothing to catch up on", id);
		rc = EX_DATAERR;
		goto out;
	}
	if ((rc = cli_now(ctx, &now)) != 0)
		goto out;
	if ((tz = cli_zone(ctx, NULL, NULL)) == NULL) {
		rc = EX_DATAERR;
		goto out;
	}
	/* A fire time of this very second counts as past. */
	if (ck_expr_prev(e, tz, now + 1, mode, prevp, NULL, &err) == -1) {
		if (err.code != CK_ENEVER) {
			rc = cli_error(ctx, id, &err);
			goto out;
		}
		*missed = false;	/* it never fired: nothing missed */
		*prevp = 0;
		goto out;
	}
	/* No history (none built, or unreadable): run, to be safe. */
	if (db == NULL || (k = histdb_last_ok(db, id, lastp)) == -1)
		goto out;
	*missed = k == 0 || *lastp < (double)*prevp;
out:
	ck_tz_free(tz);
	cli_sources_free(src, n);
	return rc;
}

/* What a try came to. */
struct outcome {
	const char	*status;	/* ok failed killed timeout */
	int		 code;		/* exit status, -1 when none */
	int		 sig;		/* signal, 0 when none */
	int		 rc;		/* ours */
};

static void
classify(int ws, bool timed_out, struct outcome *o)
{
	o->code = -1;
	o->sig = 0;
	if (ws == -1) {
		o->status = "failed";
		o->rc = EX_OSERR;
	} else if (timed_out) {
		o->status = "timeout";
		if (WIFSIGNALED(ws))
			o->sig = WTERMSIG(ws);
		else
			o->code = WEXITSTATUS(ws);
		o->rc = 124;
	} else if (WIFSIGNALED(ws)) {
		o->status = "killed";
		o->sig = WTERMSIG(ws);
		o->rc = 128 + o->sig;
	} else {
		o->code = WEXITSTATUS(ws);
		o->status = o->code == 0 ? "ok" : "failed";
		o->rc = o->code;
	}
}

/*
 * --ping: the end of the run.  Success: URL; an exit status: URL/CODE;
 * killed (by a signal or --timeout) or not started: URL/fail.  The body is
 * the last 10 KiB of output, and a last line saying why when there is no
 * exit status.
 */
static void
ping_end(const struct cli_ctx *ctx, const char *url, const struct outcome *o,
    long long timeout, const struct tail *t, long ping_timeout)
{
	char suffix[16], *body;
	const char *why = NULL;
	size_t len = t->len;
	int n = 0;

	if (strcmp(o->status, "ok") == 0) {
		(void)ping_send(ctx, url, NULL, t->buf, t->len, ping_timeout);
		return;
	}
	if (strcmp(o->status, "timeout") == 0)
		why = "killed by --timeout";
	else if (o->sig > 0)
		why = "killed by a signal";
	else if (o->code < 0)
		why = "could not be started";
	if (why == NULL)
		snprintf(suffix, sizeof(suffix), "%d", o->code & 0xff);
	else
		strlcpy(suffix, "fail", sizeof(suffix));
	body = xmalloc(t->len + 128);
	memcpy(body, t->buf, t->len);
	if (why != NULL) {
		if (o->sig > 0)
			n = snprintf(body + len, 128, "cronkeep exec: %s "
			    "(signal %d)\n", why, o->sig);
		else
			n = snprintf(body + len, 128, "cronkeep exec: %s\n",
			    why);
		if (strcmp(o->status, "timeout") == 0 && o->sig == 0)
			n = snprintf(body + len, 128, "cronkeep exec: %s "
			    "(%llds)\n", why, timeout);
	}
	len += n > 0 ? (size_t)n : 0;
	(void)ping_send(ctx, url, suffix, body, len, ping_timeout);
	free(body);
}

/* --quiet: copy what the command printed to standard output. */
static void
replay(FILE *cap)
{
	char buf[8192];
	size_t r;

	fflush(cap);
	rewind(cap);
	while ((r = fread(buf, 1, sizeof(buf), cap)) > 0)
		fwrite(buf, 1, r, stdout);
}

enum { OPT_ID = 0x100, OPT_ONCE, OPT_NOT_BEFORE, OPT_NOT_AFTER,
	OPT_NO_OVERLAP, OPT_TIMEOUT, OPT_HISTORY_DB, OPT_RETRY,
	OPT_RETRY_DELAY, OPT_QUIET, OPT_CATCH_UP, OPT_PING, OPT_PING_TIMEOUT,
	OPT_TEXTFILE };

static const struct cli_option options[] = {
	{ "id", 0, OPT_ID, "ID", "the job's id (required)", CLI_COMP_ID, NULL,
	    CLI_OPT_REQUIRED },
	{ "once", 0, OPT_ONCE, NULL, "after a successful run, remove job ID "
	    "from the\ncrontab selected by -u/-f/--cron-d (default: yours)",
	    CLI_COMP_NONE, NULL, 0 },
	{ "not-before", 0, OPT_NOT_BEFORE, "DATE", "do nothing before DATE "
	    "(YYYY-MM-DD[ HH:MM])", CLI_COMP_NONE, NULL, 0 },
	{ "not-after", 0, OPT_NOT_AFTER, "DATE", "after DATE, remove job ID "
	    "instead of running it", CLI_COMP_NONE, NULL, 0 },
	{ "no-overlap", 0, OPT_NO_OVERLAP, NULL, "skip (and record as "
	    "skipped) when the previous run\nof ID is still going",
	    CLI_COMP_NONE, NULL, 0 },
	{ "timeout", 0, OPT_TIMEOUT, "DURATION", "kill the command (SIGTERM, "
	    "then SIGKILL after 5s)\nwhen it runs longer than DURATION (90s, "
	    "5m, 1h30m)", CLI_COMP_NONE, NULL, 0 },
	{ "retry", 0, OPT_RETRY, "N", "when the command fails, run it again, "
	    "up to N more\ntimes (0-100), each try recorded", CLI_COMP_NONE,
	    NULL, 0 },
	{ "retry-delay", 0, OPT_RETRY_DELAY, "DURATION", "the pause before "
	    "the first retry (default 10s),\ndoubled before each next one, at "
	    "most 1h", CLI_COMP_NONE, NULL, 0 },
	{ "quiet", 'q', OPT_QUIET, NULL, "print the command's output only "
	    "when it fails\n(cronic: cron mails only failures)",
	    CLI_COMP_NONE, NULL, 0 },
	{ "catch-up", 0, OPT_CATCH_UP, NULL, "run only when job ID missed its "
	    "last fire time\n(no successful run since), else exit 0",
	    CLI_COMP_NONE, NULL, 0 },
	{ "ping", 0, OPT_PING, "URL", "monitoring pings (Healthchecks.io): "
	    "URL/start\nbefore, URL on success, URL/CODE or URL/fail\non "
	    "failure, with the last 10 KiB of output", CLI_COMP_NONE, NULL,
	    0 },
	{ "ping-timeout", 0, OPT_PING_TIMEOUT, "DURATION", "the limit of one "
	    "ping request (default 10s)", CLI_COMP_NONE, NULL, 0 },
	{ "textfile", 0, OPT_TEXTFILE, "DIR", "after the run, write every "
	    "job's metrics to\nDIR/cronkeep.prom (node_exporter's textfile "
	    "collector)", CLI_COMP_DIR, NULL, 0 },
	{ "history-db", 0, OPT_HISTORY_DB, "PATH", "the database (default: "
	    "$CRONKEEP_HISTORY_DB, else\n/var/lib/cronkeep/history.db for "
	    "root, else\n$XDG_STATE_HOME/cronkeep/history.db)", CLI_COMP_FILE,
	    NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

/* What the command line asks for. */
struct exec_req {
	const char	*id, *dbopt, *ping, *textfile;
	long long	 ping_timeout, timeout, delay;
	time_t		 not_before, not_after;
	bool		 once, no_overlap, quiet, catch_up;
	int		 retry;
};

/* What a run holds open. */
struct exec_state {
	struct histdb	*db;		/* NULL: runs go unrecorded */
	char		*dbpath, *lockpath;
	int		 lockfd;	/* --no-overlap, or -1 */
	FILE		*cap, *out;	/* --quiet: the output kept in cap */
	double		 start;
};

static int
exec_parse(struct cli_ctx *ctx, const struct cli_args *a,
    struct exec_req *q)
{
	const char *arg, *errstr;
	ck_error err;
	size_t oi;
	int c, k;

	memset(q, 0, sizeof(*q));
	q->ping_timeout = PING_TIMEOUT;
	q->delay = RETRY_DELAY;
	for (oi = 0; oi < a->nopts; oi++) {
		c = a->opts[oi].key;
		arg = a->opts[oi].arg;
		switch (c) {
		case OPT_ID:
			q->id = arg;
			break;
		case OPT_ONCE:
			q->once = true;
			break;
		case OPT_NOT_BEFORE:
		case OPT_NOT_AFTER:
			if ((k = cli_parse_local_time(ctx, arg, c ==
			    OPT_NOT_BEFORE ? &q->not_before :
			    &q->not_after)) != 0)
				return cli_date_refused(ctx,
				    c == OPT_NOT_BEFORE ? "--not-before" :
				    "--not-after", arg, k,
				    "YYYY-MM-DD[ HH:MM]");
			break;
		case OPT_NO_OVERLAP:
			q->no_overlap = true;
			break;
		case OPT_TIMEOUT:
			if (cli_parse_duration(arg, &q->timeout) == -1 ||
			    q->timeout == 0) {
				cli_warnx(ctx,
				    "bad duration '%s' (90s, 5m, 1h30m)", arg);
				return CLI_EXIT_USAGE;
			}
			break;
		case OPT_RETRY:
			q->retry = (int)strtonum(arg, 0, RETRY_MAX, &errstr);
			if (errstr != NULL) {
				cli_warnx(ctx,
				    "--retry takes a number from 0 to "
				    "%d, not '%s'", RETRY_MAX, arg);
				return CLI_EXIT_USAGE;
			}
			break;
		case OPT_RETRY_DELAY:
			if (cli_parse_duration(arg, &q->delay) == -1) {
				cli_warnx(ctx,
				    "bad duration '%s' (0s, 30s, 5m)", arg);
				return CLI_EXIT_USAGE;
			}
			if (q->delay > RETRY_CAP)
				q->delay = RETRY_CAP;
			break;
		case OPT_QUIET:
			q->quiet = true;
			break;
		case OPT_CATCH_UP:
			q->catch_up = true;
			break;
		case OPT_PING:
			if (strncmp(arg, "http://", 7) != 0 &&
			    strncmp(arg, "https://", 8) != 0) {
				cli_warnx(ctx,
				    "--ping takes an http:// or https:// "
				    "URL, not '%s'", arg);
				return CLI_EXIT_USAGE;
			}
			q->ping = arg;
			break;
		case OPT_PING_TIMEOUT:
			if (cli_parse_duration(arg, &q->ping_timeout) == -1 ||
			    q->ping_timeout == 0 || q->ping_timeout > 3600) {
				cli_warnx(ctx, "bad duration '%s' (1s to 1h)",
				    arg);
				return CLI_EXIT_USAGE;
			}
			break;
		case OPT_TEXTFILE:
			q->textfile = arg;
			break;
		case OPT_HISTORY_DB:
			q->dbopt = arg;
			break;
		}
	}
	if (q->id == NULL || a->argc == 0)
		return cli_usage_error(ctx, "exec needs --id ID and a "
		    "command after --");
	if (ck_id_check(q->id, strlen(q->id), &err) == -1) {
		cli_warnx(ctx, "bad id: %s", err.msg);
		return CLI_EXIT_USAGE;
	}
	if (q->ping != NULL && !ping_available()) {
		cli_warnx(ctx,
		    "--ping: this cronkeep was built without libcurl "
		    "(-Dcurl=disabled)");
		return EX_UNAVAILABLE;
	}
	return 0;
}

/*
 * Whether the job runs now: past --not-after it removes itself, with
 * --catch-up only a missed run runs, with --no-overlap not while the
 * previous run holds the lock (st->lockfd, kept for the run).
 * @return 0 with *go set, or an exit code.
 */
static int
exec_gate(struct cli_ctx *ctx, const struct exec_req *q,
    struct exec_state *st, bool *go)
{
	time_t prev_fire = 0;
	double last_ok;
	bool missed;
	char tbuf[40];
	int rc;

	*go = false;
	if (q->not_after != 0 && st->start > (double)q->not_after) {
		if (st->db != NULL)
			(void)histdb_start(st->db, q->id, st->start,
			    (long long)getpid(), "expired",
			    "past --not-after: job removed");
		return remove_self(ctx, q->id);
	}
	if (q->catch_up) {
		if ((rc = missed_last(ctx, st->db, q->id, &missed, &prev_fire,
		    &last_ok)) != 0)
			return rc;
		if (!missed) {
			if (q->quiet)
				return 0;
			if (prev_fire == 0)
				cli_warnx(ctx,
				    "%s: not run: its schedule never " "fired",
				    q->id);
			else {
				hist_time(last_ok, true, tbuf, sizeof(tbuf));
				cli_warnx(ctx,
				    "%s: not run: the last successful "
				    "run (%s) is not older than the last fire "
				    "time", q->id, tbuf);
			}
			return 0;
		}
	}
	if (q->no_overlap) {
		if (asprintf(&st->lockpath, "%s.%s.lock", st->dbpath,
		    q->id) == -1)
			st->lockpath = NULL;
		if (st->lockpath == NULL || (st->lockfd = open(st->lockpath,
		    O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1) {
			cli_warn(ctx, "cannot open the lock %s", st->lockpath);
			return EX_CANTCREAT;
		}
		if (flock(st->lockfd, LOCK_EX | LOCK_NB) == -1) {
			if (st->db != NULL)
				(void)histdb_start(st->db, q->id, st->start,
				    (long long)getpid(), "skipped",
				    "previous run still running");
			cli_warnx(ctx, "%s: skipped, the previous run is still "
			    "running", q->id);
			return 0;
		}
	}
	*go = true;
	return 0;
}

/* Run the command, again after a failure up to --retry times. */
static void
exec_tries(const struct cli_ctx *ctx, const struct exec_req *q,
    struct exec_state *st, char **argv, struct tail *t, struct outcome *o)
{
	long long row, wait;
	struct rec rec;
	bool timed_out;
	pid_t pid = 0;
	int try, k, ws;

	for (try = 1; ; try++) {
		t->len = 0;
		row = -1;
		if (try > 1)
			st->start = now_real();
		if (st->db != NULL && (row = histdb_start_try(st->db, q->id,
		    st->start, (long long)getpid(), "running", NULL,
		    try)) == -1)
			unrecorded(ctx, st->dbpath, q->id);
		rec.db = st->db;
		rec.row = row;
		ws = run_child(ctx, argv, q->timeout, t, st->out, &timed_out,
		    &pid, st->lockfd, job_started, &rec);
		classify(ws, timed_out, o);
		if (row != -1 && histdb_finish(st->db, row, now_real(),
		    o->status, o->code, o->sig, t->len > HIST_TAIL ?
		    t->buf + t->len - HIST_TAIL : t->buf, t->len > HIST_TAIL ?
		    HIST_TAIL : t->len) == -1)
			unrecorded(ctx, st->dbpath, q->id);
		if (strcmp(o->status, "ok") == 0 || try > q->retry)
			return;
		/* delay, 2 delay, 4 delay, ... at most RETRY_CAP. */
		wait = q->delay;
		for (k = 1; k < try && wait < RETRY_CAP; k++)
			wait *= 2;
		if (wait > RETRY_CAP)
			wait = RETRY_CAP;
		/* On stderr, or kept with the output for --quiet. */
		fflush(stdout);
		fprintf(st->cap != NULL ? st->cap : stderr, "cronkeep exec: "
		    "%s: try %d of %d %s (exit %d), next in %llds\n", q->id,
		    try, q->retry + 1, o->status, o->rc, wait);
		fflush(st->cap != NULL ? st->cap : stderr);
		pause_for(wait);
	}
}

static int
exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct exec_req q;
	struct exec_state st = { NULL, NULL, NULL, -1, NULL, stdout, 0 };
	struct tail t = { .len = 0 };
	struct outcome o = { "failed", -1, 0, 0 };
	bool go, ping_ready = false;
	const char *ping;
	int rc;

	if ((rc = exec_parse(ctx, a, &q)) != 0)
		return rc;
	ping = q.ping;
	st.start = now_real();
	if (q.not_before != 0 && st.start < (double)q.not_before)
		return 0;	/* not yet: nothing to do, nothing to record */
	if ((st.dbpath = histdb_default_path(q.dbopt)) == NULL) {
		rc = EX_OSERR;
		goto out;
	}
	if ((st.db = histdb_open(ctx, st.dbpath)) == NULL)
		unrecorded(ctx, st.dbpath, q.id);
	if ((rc = exec_gate(ctx, &q, &st, &go)) != 0 || !go)
		goto out;
	/* --quiet: the output waits in an unnamed file until the end. */
	if (q.quiet) {
		if ((st.cap = tmpfile()) == NULL)
			cli_warn(ctx,
			    "--quiet: cannot keep the output, passing it "
			    "through");
		else
			st.out = st.cap;
	}
	/* Without libcurl started, the job still runs: no pings. */
	if (ping != NULL && (ping_ready = ping_init(ctx) == 0) == false)
		ping = NULL;
	if (ping != NULL)
		(void)ping_send(ctx, ping, "start", NULL, 0,
		    (long)q.ping_timeout);
	exec_tries(ctx, &q, &st, a->argv, &t, &o);
	rc = o.rc;
	if (st.cap != NULL && rc != 0)
		replay(st.cap);
	fflush(stdout);
	if (ping != NULL)
		ping_end(ctx, ping, &o, q.timeout, &t, (long)q.ping_timeout);
	if (q.once && strcmp(o.status, "ok") == 0) {
		int r = remove_self(ctx, q.id);

		if (r != 0)
			rc = r;
	}
out:
	/* The metrics, whatever happened; never the job's failure. */
	if (q.textfile != NULL && st.db != NULL)
		(void)metrics_textfile(ctx, st.db, q.textfile);
	if (st.cap != NULL)
		fclose(st.cap);
	if (st.lockfd != -1)
		close(st.lockfd);
	free(st.lockpath);
	histdb_close(st.db);
	free(st.dbpath);
	if (ping_ready)
		ping_done();
	return cli_finish(rc);
}

const struct cli_command cmd_exec = {
	.name = "exec",
	.summary = "run a job's command, record it; --retry, --quiet, --timeout",
	.description =
"Run COMMAND (no shell: the job line's shell already split it), pass its\n"
"output through, and record the run (start, end, exit status or signal,\n"
"duration, the last 4 KiB of output) in the history database.\n",
	.epilog =
"The job runs even when the history cannot be written (a damaged or\n"
"unwritable database, a full disk): a warning says so and the run is\n"
"counted in DB.unrecorded.  A run whose wrapper was killed is shown as\n"
"\"abandoned\" once its processes are gone; with --no-overlap the job\n"
"itself holds the lock, so a killed wrapper does not let a second run in.\n"
"\n"
"A try fails when the command exits non-zero, is killed by a signal or\n"
"by --timeout (recorded as \"timeout\"), or cannot be started.  --retry\n"
"records every try (\"try\" in 'history --json') and pauses DELAY, 2 DELAY,\n"
"4 DELAY ... (each at most 1h) between them.  --quiet prints nothing\n"
"when the last try succeeds and all the output of every try, in order,\n"
"when it fails; cronkeep's own warnings still go to standard error.  The\n"
"line that announces each retry goes to standard error (with --quiet, it\n"
"is kept and printed with the output).\n"
"--catch-up looks up job ID in the crontab that -u/-f/--cron-d select\n"
"(default: yours) and runs the command only when no successful run\n"
"started at or after the schedule's last fire time (local zone, or TZ;\n"
"CRONKEEP_NOW pins the clock); otherwise it says so on standard error\n"
"(not with --quiet) and exits 0.  Without a readable history it runs.\n"
"\n"
"--ping URL follows the Healthchecks.io protocol (Cronitor and others take\n"
"it too): a POST to URL/start before the first try, then one to URL when\n"
"the last try succeeds, to URL/CODE when it exits with status CODE, or to\n"
"URL/fail when it has none (killed by a signal or by --timeout, or not\n"
"started; the body's last line says which).  The body is the last 10 KiB\n"
"of the last try's output.  Each request may take --ping-timeout (10s);\n"
"a refused connection, a timeout or an HTTP 408, 429 or 5xx is tried\n"
"3 times, 1s apart.  A ping that fails is a warning on standard error and\n"
"never changes the exit status; when libcurl cannot start, the command\n"
"runs unpinged, with a warning.  Runs skipped by --no-overlap, --catch-up\n"
"or --not-before are not pinged.\n"
"\n"
"--textfile DIR writes the metrics of 'history --format prometheus' (of\n"
"every job in the history) to DIR/cronkeep.prom through a temporary file\n"
"and rename(2), after the run and after a skipped one; a failure to write\n"
"it is a warning.\n"
"\n"
"Exit: the command's exit status, of the last try (128+N when killed by\n"
"signal N), 0 when skipped or not due (--catch-up), 2 usage, 124 on\n"
"--timeout, 66 when --catch-up finds no job ID, 65 when job ID never\n"
"fires at a time (@reboot), 69 for --ping when built without libcurl.\n",
	.options = options,
	.synopsis = "[--] COMMAND [ARG ...]",
	.flags = CMD_NOSOURCE | CMD_STOPOPT,
	.exec = exec,
};
