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
};

/*
 * The database path: --history-db, else $CRONKEEP_HISTORY_DB, else
 * /var/lib/cronkeep/history.db for root, else
 * $XDG_STATE_HOME/cronkeep/history.db (~/.local/state/...).
 * Returns an allocated string.
 */
char	*histdb_default_path(const char *opt);
/* Open (creating the file and its directory). Prints on failure. */
struct histdb *histdb_open(const char *path);
void	 histdb_close(struct histdb *db);
/* A run begins: returns its row id, or -1 (printed). */
long long histdb_start(struct histdb *db, const char *id, double start,
	    long long pid, const char *status, const char *note);
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
 * A run's time in the local zone: "YYYY-MM-DD HH:MM", or RFC 3339 with
 * seconds and offset.
 */
void	 hist_time(double t, bool rfc3339, char *buf, size_t len);
void	 hist_run_clear(struct hist_run *r);
void	 hist_runs_free(struct hist_run *v, size_t n);

#endif /* CK_HISTDB_H */
