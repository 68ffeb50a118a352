/* SPDX-License-Identifier: ISC */
/*
 * histdb.c - the run history database (SQLite, WAL mode so that many
 * jobs finishing at once all get recorded).
 */
#include <sys/file.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "histdb.h"
#ifdef HAVE_HISTORY
#include <sqlite3.h>
#endif

char *
histdb_default_path(const char *opt)
{
	const char *e, *home;
	char *p;

	if (opt != NULL)
		return xstrdup(opt);
	if ((e = getenv("CRONKEEP_HISTORY_DB")) != NULL && e[0] != '\0')
		return xstrdup(e);
	if (geteuid() == 0)
		return xstrdup("/var/lib/cronkeep/history.db");
	if ((e = getenv("XDG_STATE_HOME")) != NULL && e[0] == '/') {
		if (asprintf(&p, "%s/cronkeep/history.db", e) == -1)
			return NULL;
		return p;
	}
	home = getenv("HOME");
	if (home == NULL || home[0] == '\0')
		home = "/tmp";
	if (asprintf(&p, "%s/.local/state/cronkeep/history.db", home) == -1)
		return NULL;
	return p;
}

#ifdef HAVE_HISTORY
struct histdb {
	const struct cli_ctx *ctx;	/* its messages are the run's */
	sqlite3	*db;
	char	*path;
	bool	 has_try;	/* the runs table has the try column */
};

/*
 * The schema's version, in PRAGMA user_version: 0 is the first one (no
 * try column), 1 adds "try" (the attempt number of --retry, 1 for the
 * first).  A database of version 0 is migrated when it is opened; one this
 * caller cannot write is still read (its runs are all first tries).
 */
#define SCHEMA_VERSION	1

static const char schema[] =
    "PRAGMA journal_mode=WAL;"
    "CREATE TABLE IF NOT EXISTS runs ("
    " rowid INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL,"
    " start REAL NOT NULL,"
    " end REAL,"
    " status TEXT NOT NULL,"
    " exit_code INTEGER,"
    " signal INTEGER,"
    " output TEXT,"
    " pid INTEGER,"
    " host TEXT,"
    " user TEXT,"
    " note TEXT,"
    " try INTEGER NOT NULL DEFAULT 1);"
    "CREATE INDEX IF NOT EXISTS runs_id_start ON runs(id, start);"
    "CREATE INDEX IF NOT EXISTS runs_status ON runs(status);";

/*
 * A process's state letter and process group from /proc/PID/stat
 * ("PID (COMM) S PPID PGRP ..."; COMM may hold ") ").  @return the state,
 * or 0 when there is no such process (or no /proc).
 */
static char
proc_state(const char *pid, long long *pgrp)
{
	char path[64], buf[512], *p, *end;
	ssize_t r;
	int fd;

	snprintf(path, sizeof(path), "/proc/%s/stat", pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	r = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (r <= 0)
		return 0;
	buf[r] = '\0';
	if ((p = strrchr(buf, ')')) == NULL || p[1] != ' ' || p[2] == '\0')
		return 0;
	(void)strtoll(p + 3, &end, 10);		/* the parent */
	*pgrp = strtoll(end, NULL, 10);
	return p[2];
}

/*
 * Whether the run recorded with pid is still going on this host: the
 * wrapper (before it starts the job) or the job's process group (the job
 * leads its own group, so a job that outlives a killed wrapper, and its
 * children, count).  Zombies do not count: an orphaned job's parent may
 * reap it late.  Without /proc, kill(2) decides (EPERM: alive).
 */
static bool
alive(long long pid)
{
	char num[32], st;
	long long pgrp;
	struct dirent *e;
	bool found = false;
	DIR *d;

	if (pid <= 0 || pid > INT_MAX)
		return false;
	if ((d = opendir("/proc")) == NULL)
		return kill((pid_t)pid, 0) == 0 || errno == EPERM ||
		    kill(-(pid_t)pid, 0) == 0 || errno == EPERM;
	snprintf(num, sizeof(num), "%lld", pid);
	st = proc_state(num, &pgrp);
	if (st != 0 && st != 'Z')
		found = true;
	else if (kill(-(pid_t)pid, 0) == 0 || errno == EPERM) {
		while (!found && (e = readdir(d)) != NULL) {
			if (e->d_name[0] < '1' || e->d_name[0] > '9')
				continue;
			st = proc_state(e->d_name, &pgrp);
			found = st != 0 && st != 'Z' && pgrp == pid;
		}
	}
	closedir(d);
	return found;
}

/*
 * Runs of this host still "running" whose processes are gone ended without
 * their wrapper recording the end (kill -9, a crash, a reboot): mark them
 * "abandoned" (docs/reliability.md).  Best effort: a database this caller
 * cannot write keeps them.
 */
static void
sweep(sqlite3 *db)
{
	sqlite3_stmt *st, *up;
	char host[256] = "";

	if (gethostname(host, sizeof(host)) == -1)
		return;
	host[sizeof(host) - 1] = '\0';
	if (sqlite3_prepare_v2(db, "SELECT rowid, pid FROM runs WHERE "
	    "status = 'running' AND host = ?", -1, &st, NULL) != SQLITE_OK)
		return;
	if (sqlite3_prepare_v2(db, "UPDATE runs SET status = 'abandoned', "
	    "note = 'ended unrecorded: the wrapper was killed or the host "
	    "stopped' WHERE rowid = ? AND status = 'running'", -1, &up,
	    NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return;
	}
	sqlite3_bind_text(st, 1, host, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (alive(sqlite3_column_int64(st, 1)))
			continue;
		sqlite3_reset(up);
		sqlite3_bind_int64(up, 1, sqlite3_column_int64(st, 0));
		(void)sqlite3_step(up);
	}
	sqlite3_finalize(up);
	sqlite3_finalize(st);
}

/* Whether the runs table has the try column. */
static bool
has_try(sqlite3 *db)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "SELECT try FROM runs LIMIT 0", -1, &st,
	    NULL) != SQLITE_OK)
		return false;
	sqlite3_finalize(st);
	return true;
}

/*
 * Bring a database of an older schema to SCHEMA_VERSION, in one
 * transaction (many wrappers may open it at once: the first migrates, the
 * others find it done).  @return 0, or -1 when it cannot (read-only).
 */
static int
migrate(sqlite3 *db)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) ==
	    SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	if (v < 0)
		goto fail;
	if (v < 1 && !has_try(db) && sqlite3_exec(db, "ALTER TABLE runs ADD "
	    "COLUMN try INTEGER NOT NULL DEFAULT 1", NULL, NULL, NULL) !=
	    SQLITE_OK)
		goto fail;
	if (v < SCHEMA_VERSION && sqlite3_exec(db, "PRAGMA user_version = 1",
	    NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	return 0;
fail:
	(void)sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* mkdir -p for the directory part of path. */
static int
make_parent(const char *path)
{
	char buf[PATH_MAX];
	char *s;

	if (strlcpy(buf, path, sizeof(buf)) >= sizeof(buf))
		return -1;
	if ((s = strrchr(buf, '/')) == NULL || s == buf)
		return 0;
	*s = '\0';
	for (s = buf + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(buf, 0755) == -1 && errno != EEXIST)
			return -1;
		*s = '/';
	}
	if (mkdir(buf, 0700) == -1 && errno != EEXIST)
		return -1;
	return 0;
}

struct histdb *
histdb_open(const struct cli_ctx *ctx, const char *path)
{
	struct histdb *h;
	char *msg = NULL;

	if (make_parent(path) == -1) {
		cli_warn(ctx, "cannot create the directory of %s", path);
		return NULL;
	}
	h = xcalloc(1, sizeof(*h));
	h->ctx = ctx;
	h->path = xstrdup(path);
	if (sqlite3_open_v2(path, &h->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK) {
		cli_warnx(ctx, "%s: %s", path, h->db ? sqlite3_errmsg(h->db) :
		    "cannot open");
		histdb_close(h);
		return NULL;
	}
	/* Many jobs may finish in the same second: wait, do not fail. */
	sqlite3_busy_timeout(h->db, 60000);
	if (sqlite3_exec(h->db, schema, NULL, NULL, &msg) != SQLITE_OK) {
		cli_warnx(ctx, "%s: %s", path, msg ? msg : "cannot set up");
		sqlite3_free(msg);
		histdb_close(h);
		return NULL;
	}
	(void)migrate(h->db);
	h->has_try = has_try(h->db);
	sweep(h->db);
	return h;
}

struct histdb *
histdb_open_existing(const struct cli_ctx *ctx, const char *path, bool *absent)
{
	struct histdb *h;
	struct stat st;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;

	*absent = false;
	if (stat(path, &st) == -1 && errno == ENOENT) {
		*absent = true;		/* exec never ran: no runs */
		return NULL;
	}
	h = xcalloc(1, sizeof(*h));
	h->ctx = ctx;
	h->path = xstrdup(path);
	/* Someone else's database: read it as it is. */
	if (access(path, W_OK) == -1)
		flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX;
	if (sqlite3_open_v2(path, &h->db, flags, NULL) != SQLITE_OK) {
		cli_warnx(ctx, "%s: %s", path, h->db ? sqlite3_errmsg(h->db) :
		    "cannot open");
		histdb_close(h);
		return NULL;
	}
	sqlite3_busy_timeout(h->db, 60000);
	if (flags & SQLITE_OPEN_READWRITE) {
		/* The tables of an older cronkeep; abandoned runs marked. */
		(void)migrate(h->db);
		sweep(h->db);
	}
	h->has_try = has_try(h->db);
	return h;
}

void
histdb_close(struct histdb *h)
{
	if (h == NULL)
		return;
	sqlite3_close(h->db);
	free(h->path);
	free(h);
}

static int
fail(struct histdb *h, const char *what)
{
	cli_warnx(h->ctx, "%s: %s: %s", h->path, what, sqlite3_errmsg(h->db));
	return -1;
}

long long
histdb_start(struct histdb *h, const char *id, double start, long long pid,
    const char *status, const char *note)
{
	return histdb_start_try(h, id, start, pid, status, note, 1);
}

long long
histdb_start_try(struct histdb *h, const char *id, double start,
    long long pid, const char *status, const char *note, int try)
{
	sqlite3_stmt *st;
	char host[256] = "";
	const char *user;
	struct passwd *pw;
	long long row;

	if (gethostname(host, sizeof(host)) == -1)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	pw = getpwuid(geteuid());
	user = pw != NULL ? pw->pw_name : getenv("LOGNAME");
	if (sqlite3_prepare_v2(h->db, h->has_try ? "INSERT INTO runs (id, "
	    "start, status, pid, host, user, note, exit_code, signal, try) "
	    "VALUES (?,?,?,?,?,?,?,-1,0,?)" : "INSERT INTO runs (id, start, "
	    "status, pid, host, user, note, exit_code, signal) VALUES (?,?,?,"
	    "?,?,?,?,-1,0)", -1, &st, NULL) != SQLITE_OK)
		return fail(h, "prepare");
	if (h->has_try)
		sqlite3_bind_int(st, 8, try);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 2, start);
	sqlite3_bind_text(st, 3, status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, pid);
	sqlite3_bind_text(st, 5, host, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, user, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, note, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_finalize(st);
		return fail(h, "insert");
	}
	sqlite3_finalize(st);
	row = sqlite3_last_insert_rowid(h->db);
	return row;
}

int
histdb_finish(struct histdb *h, long long rowid, double end,
    const char *status, int exit_code, int sig, const char *output,
    size_t outlen)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(h->db, "UPDATE runs SET end=?, status=?, "
	    "exit_code=?, signal=?, output=? WHERE rowid=?", -1, &st, NULL) !=
	    SQLITE_OK)
		return fail(h, "prepare");
	sqlite3_bind_double(st, 1, end);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, exit_code);
	sqlite3_bind_int(st, 4, sig);
	sqlite3_bind_text(st, 5, output, (int)outlen, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, rowid);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_finalize(st);
		return fail(h, "update");
	}
	sqlite3_finalize(st);
	return 0;
}

int
histdb_set_pid(struct histdb *h, long long rowid, long long pid)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(h->db, "UPDATE runs SET pid=? WHERE rowid=?",
	    -1, &st, NULL) != SQLITE_OK)
		return fail(h, "prepare");
	sqlite3_bind_int64(st, 1, pid);
	sqlite3_bind_int64(st, 2, rowid);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_finalize(st);
		return fail(h, "update");
	}
	sqlite3_finalize(st);
	return 0;
}

static char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t != NULL ? xstrdup((const char *)t) : NULL;
}

static void
read_row(sqlite3_stmt *st, struct hist_run *r)
{
	r->rowid = sqlite3_column_int64(st, 0);
	r->id = col_text(st, 1);
	r->start = sqlite3_column_double(st, 2);
	r->end = sqlite3_column_double(st, 3);
	r->status = col_text(st, 4);
	r->exit_code = sqlite3_column_int(st, 5);
	r->sig = sqlite3_column_int(st, 6);
	r->output = col_text(st, 7);
	r->pid = sqlite3_column_int64(st, 8);
	r->host = col_text(st, 9);
	r->user = col_text(st, 10);
	r->note = col_text(st, 11);
	r->try = sqlite3_column_int(st, 12);
}

#define COLUMNS "rowid, id, start, end, status, exit_code, signal, output, " \
	"pid, host, user, note, "

int
histdb_query(struct histdb *h, const char *id, bool failed, double since,
    long limit, struct hist_run **out, size_t *n)
{
	sqlite3_stmt *st;
	struct hist_run *v = NULL;
	size_t k = 0;
	int rc;

	if (sqlite3_prepare_v2(h->db, h->has_try ? "SELECT " COLUMNS "try "
	    "FROM runs WHERE (?1 IS NULL OR id = ?1) AND (?2 = 0 OR status NOT "
	    "IN ('ok', 'running', 'skipped')) AND start >= ?3 ORDER BY start "
	    "DESC, rowid DESC LIMIT ?4" : "SELECT " COLUMNS "1 FROM runs "
	    "WHERE (?1 IS NULL OR id = ?1) AND (?2 = 0 OR status NOT IN ('ok', "
	    "'running', 'skipped')) AND start >= ?3 ORDER BY start DESC, rowid "
	    "DESC LIMIT ?4", -1, &st, NULL) != SQLITE_OK)
		return fail(h, "prepare");
	if (id != NULL)
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 1);
	sqlite3_bind_int(st, 2, failed ? 1 : 0);
	sqlite3_bind_double(st, 3, since);
	sqlite3_bind_int64(st, 4, limit > 0 ? limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xreallocarray(v, k + 1, sizeof(*v));
		read_row(st, &v[k++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		hist_runs_free(v, k);
		return fail(h, "query");
	}
	*out = v;
	*n = k;
	return 0;
}

int
histdb_last_ok(struct histdb *h, const char *id, double *start)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(h->db, "SELECT max(start) FROM runs WHERE id = "
	    "? AND status = 'ok'", -1, &st, NULL) != SQLITE_OK)
		return fail(h, "prepare");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return fail(h, "query");
	}
	rc = sqlite3_column_type(st, 0) != SQLITE_NULL;
	if (rc)
		*start = sqlite3_column_double(st, 0);
	sqlite3_finalize(st);
	return rc;
}

/*
 * Per job: the counters, then the newest finished run and the newest
 * successful one (ties broken by rowid).
 */
int
histdb_metrics(struct histdb *h, struct hist_metric **out, size_t *n)
{
	sqlite3_stmt *st;
	struct hist_metric *v = NULL, *m;
	size_t k = 0;
	int rc;

	if (sqlite3_prepare_v2(h->db,
	    "SELECT g.id, g.runs, g.failures,"
	    " (SELECT max(start) FROM runs r WHERE r.id = g.id AND"
	    "  r.status NOT IN ('skipped', 'expired')),"
	    " (SELECT max(end) FROM runs r WHERE r.id = g.id AND"
	    "  r.status = 'ok'),"
	    " l.start, l.end, l.status, l.exit_code, l.signal"
	    " FROM (SELECT id, sum(status NOT IN ('running', 'skipped',"
	    "  'expired')) AS runs, sum(status NOT IN ('ok', 'running',"
	    "  'skipped', 'expired')) AS failures FROM runs GROUP BY id) g"
	    " LEFT JOIN runs l ON l.rowid = (SELECT rowid FROM runs r WHERE"
	    "  r.id = g.id AND r.end IS NOT NULL AND r.status NOT IN"
	    "  ('running', 'skipped', 'expired') ORDER BY r.start DESC,"
	    "  r.rowid DESC LIMIT 1)"
	    " ORDER BY g.id", -1, &st, NULL) != SQLITE_OK)
		return fail(h, "prepare");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xreallocarray(v, k + 1, sizeof(*v));
		m = &v[k++];
		memset(m, 0, sizeof(*m));
		m->id = col_text(st, 0);
		m->runs = sqlite3_column_int64(st, 1);
		m->failures = sqlite3_column_int64(st, 2);
		m->last_start = sqlite3_column_double(st, 3);
		m->last_success = sqlite3_column_double(st, 4);
		m->has_last = sqlite3_column_type(st, 5) != SQLITE_NULL;
		if (m->has_last) {
			const unsigned char *stt = sqlite3_column_text(st, 7);

			m->last_duration = sqlite3_column_double(st, 6) -
			    sqlite3_column_double(st, 5);
			if (stt != NULL && strcmp((const char *)stt,
			    "timeout") == 0)
				m->last_exit = 124;
			else if (sqlite3_column_int(st, 9) > 0)
				m->last_exit = 128 + sqlite3_column_int(st, 9);
			else
				m->last_exit = sqlite3_column_int(st, 8);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		hist_metrics_free(v, k);
		return fail(h, "query");
	}
	*out = v;
	*n = k;
	return 0;
}
#else /* !HAVE_HISTORY: built with -Dhistory=disabled */
struct histdb *
histdb_open(const struct cli_ctx *ctx, const char *path)
{
	(void)path;
	cli_warnx(ctx, "this cronkeep was built without the run history");
	return NULL;
}

struct histdb *
histdb_open_existing(const struct cli_ctx *ctx, const char *path, bool *absent)
{
	*absent = false;
	return histdb_open(ctx, path);
}

/* No histdb is ever opened: the rest is never reached. */
void
histdb_close(struct histdb *h)
{
	(void)h;
}

long long
histdb_start(struct histdb *h, const char *id, double start, long long pid,
    const char *status, const char *note)
{
	return histdb_start_try(h, id, start, pid, status, note, 1);
}

long long
histdb_start_try(struct histdb *h, const char *id, double start,
    long long pid, const char *status, const char *note, int try)
{
	(void)h, (void)id, (void)start, (void)pid, (void)status, (void)note;
	return -1;
}

int
histdb_finish(struct histdb *h, long long rowid, double end,
    const char *status, int exit_code, int sig, const char *output,
    size_t outlen)
{
	(void)h, (void)rowid, (void)end, (void)status, (void)exit_code;
	(void)sig, (void)output, (void)outlen;
	return -1;
}

int
histdb_set_pid(struct histdb *h, long long rowid, long long pid)
{
	(void)h, (void)rowid, (void)pid;
	return -1;
}

int
histdb_query(struct histdb *h, const char *id, bool failed, double since,
    long limit, struct hist_run **out, size_t *n)
{
	(void)h, (void)id, (void)failed, (void)since, (void)limit;
	(void)out, (void)n;
	return -1;
}

int
histdb_last_ok(struct histdb *h, const char *id, double *start)
{
	(void)h, (void)id, (void)start;
	return -1;
}

int
histdb_metrics(struct histdb *h, struct hist_metric **out, size_t *n)
{
	(void)h, (void)out, (void)n;
	return -1;
}
#endif /* HAVE_HISTORY */

/*
 * The count of runs that could not be recorded: a number in PATH.unrecorded,
 * next to the database, so that it survives a database that is a folder, a
 * garbage file or locked.  add: count one more (under an flock, so that
 * jobs failing at once all count).  @return the count, 0 when none, -1 when
 * the count itself cannot be kept (full disk: the warning is all there is).
 */
long long
histdb_unrecorded(const char *dbpath, bool add)
{
	char *path, buf[32];
	long long n = 0;
	ssize_t r;
	int fd, len;

	if (asprintf(&path, "%s.unrecorded", dbpath) == -1)
		return -1;
	fd = open(path, (add ? O_RDWR | O_CREAT : O_RDONLY) | O_CLOEXEC |
	    O_NOFOLLOW | O_NONBLOCK, 0600);
	free(path);
	if (fd == -1)
		return add ? -1 : 0;
	if (flock(fd, add ? LOCK_EX : LOCK_SH) == -1)
		goto fail;
	if ((r = pread(fd, buf, sizeof(buf) - 1, 0)) == -1)
		goto fail;
	buf[r] = '\0';
	n = strtoll(buf, NULL, 10);
	if (n < 0)
		n = 0;
	if (add) {
		n++;
		len = snprintf(buf, sizeof(buf), "%lld\n", n);
		if (pwrite(fd, buf, (size_t)len, 0) != len ||
		    ftruncate(fd, len) == -1)
			goto fail;
	}
	close(fd);
	return n;
fail:
	close(fd);
	return -1;
}

int
histdb_last(struct histdb *h, const char *id, struct hist_run *out)
{
	struct hist_run *v;
	size_t n;

	if (histdb_query(h, id, false, 0, 1, &v, &n) == -1)
		return -1;
	if (n == 0)
		return 0;
	*out = v[0];
	free(v);
	return 1;
}

void
hist_run_clear(struct hist_run *r)
{
	free(r->id);
	free(r->status);
	free(r->output);
	free(r->host);
	free(r->user);
	free(r->note);
	memset(r, 0, sizeof(*r));
}

void
hist_metrics_free(struct hist_metric *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].id);
	free(v);
}

void
hist_runs_free(struct hist_run *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		hist_run_clear(&v[i]);
	free(v);
}

void
hist_time(double t, bool rfc3339, char *buf, size_t len)
{
	struct tm tm;
	time_t s = (time_t)t;
	long g;

	localtime_r(&s, &tm);
	if (!rfc3339) {
		strftime(buf, len, "%Y-%m-%d %H:%M", &tm);
		return;
	}
	g = tm.tm_gmtoff < 0 ? -tm.tm_gmtoff : tm.tm_gmtoff;
	strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + strlen(buf), len - strlen(buf), "%c%02ld:%02ld",
	    tm.tm_gmtoff < 0 ? '-' : '+', g / 3600 % 100, g % 3600 / 60);
}
