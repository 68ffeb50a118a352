/* SPDX-License-Identifier: ISC */
/*
 * histdb.h - the run history that "cronkeep exec" records and
 * "cronkeep history" shows, in an SQLite database.
 */
#ifndef CK_HISTDB_H
#define CK_HISTDB_H

#include <stdbool.h>
#include <time.h>

struct histdb;

struct hist_run {
	long long	 rowid;
	char		*id;
	double		 start;		/* seconds since the epoch */
	double		 end;		/* 0 while running */
	char		*status;	/* running ok failed killed timeout
					   skipped expired abandoned */
	int		 exit_code;	/* -1 when none */
	int		 sig;		/* 0 when none */
	char		*output;	/* the last lines of output */
	long long	 pid;
	char		*host;
	char		*user;
	char		*note;
	int		 try;		/* the attempt (--retry): 1, 2, ... */
};

/*
 * The database path: --history-db, else $CRONKEEP_HISTORY_DB, else
 * /var/lib/cronkeep/history.db for root, else
 * $XDG_STATE_HOME/cronkeep/history.db (~/.local/state/...).
 * Returns an allocated string.
 */
char	*histdb_default_path(const char *opt);
/* Open (creating the file and its directory). Prints on failure. */
struct histdb *histdb_open(const struct cli_ctx *ctx, const char *path);
/*
 * Open for reading what is there: no file is created (reading never
 * creates files); a missing file is *absent (NULL, nothing printed), a
 * database the caller cannot write is opened read-only.  NULL otherwise:
 * printed.
 */
struct histdb *histdb_open_existing(const struct cli_ctx *ctx, const char *path,
    bool *absent);
void	 histdb_close(struct histdb *db);
/* A run begins: returns its row id, or -1 (printed). */
long long histdb_start(struct histdb *db, const char *id, double start,
	    long long pid, const char *status, const char *note);
/* The same for attempt try (1: the first) of a run with --retry. */
long long histdb_start_try(struct histdb *db, const char *id, double start,
	    long long pid, const char *status, const char *note, int try);
/*
 * The run's processes: the job's pid, which leads its own process group
 * (a "running" run whose processes are all gone is marked "abandoned" when
 * a database is opened).  @return 0 or -1 (printed).
 */
int	 histdb_set_pid(struct histdb *db, long long rowid, long long pid);
/*
 * Runs that could not be recorded, counted next to the database
 * (PATH.unrecorded).  add: one more.  @return the count, or -1.
 */
long long histdb_unrecorded(const char *dbpath, bool add);
/* A run ends. @return 0 or -1 (printed). */
int	 histdb_finish(struct histdb *db, long long rowid, double end,
	    const char *status, int exit_code, int sig, const char *output,
	    size_t outlen);
/*
 * Runs, newest first: of one id (or NULL), only failed ones, since a
 * time (0: all), at most limit (0: all).  *out is an allocated array.
 */
int	 histdb_query(struct histdb *db, const char *id, bool failed,
	    double since, long limit, struct hist_run **out, size_t *n);
/* The newest run of id into *out: 1 found, 0 none, -1 error. */
int	 histdb_last(struct histdb *db, const char *id, struct hist_run *out);
/*
 * The start of the newest successful run of id into *start: 1 found, 0
 * none, -1 error (printed).
 */
int	 histdb_last_ok(struct histdb *db, const char *id, double *start);

/* What the metrics say of one job (history --format prometheus). */
struct hist_metric {
	char		*id;
	long long	 runs;		/* finished runs (every try) */
	long long	 failures;	/* of them, not ok */
	double		 last_start;	/* 0: none */
	double		 last_success;	/* the end of the newest ok run; 0 */
	bool		 has_last;	/* a finished run exists: */
	double		 last_duration;	/* its duration, */
	int		 last_exit;	/* its exit status (128+N: signal N,
					   124: --timeout) */
};
/* Every job of the history, by id.  @return 0 or -1 (printed). */
int	 histdb_metrics(struct histdb *db, struct hist_metric **out,
	    size_t *n);
void	 hist_metrics_free(struct hist_metric *v, size_t n);

/*
 * A run's time in the local zone: "YYYY-MM-DD HH:MM", or RFC 3339 with
 * seconds and offset.
 */
void	 hist_time(double t, bool rfc3339, char *buf, size_t len);
void	 hist_run_clear(struct hist_run *r);
void	 hist_runs_free(struct hist_run *v, size_t n);

#endif /* CK_HISTDB_H */
