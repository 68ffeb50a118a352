/* SPDX-License-Identifier: ISC */
/*
 * fires.h - the fire times of every job of the selected crontabs in a
 * window, and the zone they are computed in; shared by stats, timeline
 * and doc.
 */
#ifndef CK_FIRES_H
#define CK_FIRES_H

#include "cli.h"

/*
 * One job: a crontab line (job), an anacron job (ajob, of src->ana) or a
 * run-parts script (part, of src->rp).
 */
struct fire_job {
	const struct cli_source	*src;
	const ck_job		*job;	/* or NULL, and one of: */
	const ck_anajob		*ajob;
	const ck_runpart	*part;
	char			*label;	/* id, else the command (short) */
	time_t			*t;	/* fire times in [from, to), ascending */
	size_t			 n;
	bool			 capped; /* more than the cap: t is partial */
};

/*
 * The zone for a command: spec (a name, a path or a POSIX TZ string),
 * else $TZ, else the local zone (/etc/localtime), else UTC.  Prints on
 * failure, naming what (e.g. "--tz", "CRON_TZ"; NULL: the zone itself).
 * Owned by the caller; release with ck_tz_free().
 */
ck_tz	*cli_zone(const struct cli_ctx *ctx, const char *spec,
	    const char *what);
/*
 * Every enabled job (not @reboot) of the sources, without fire times
 * (t NULL, n 0).  @return 0.
 */
int	 fires_jobs(const struct cli_source *src, size_t nsrc,
	    struct fire_job **out, size_t *n);
/*
 * Fire times of every enabled job (not @reboot) of the sources in
 * [from, to), computed in tz with the dialect's DST behaviour, at most cap
 * per job.  @return 0, or an exit code (printed).
 */
int	 fires_collect(const struct cli_ctx *ctx, const struct cli_source *src,
	    size_t nsrc, const ck_tz *tz, time_t from, time_t to, size_t cap,
	    struct fire_job **out, size_t *n);
void	 fires_free(struct fire_job *v, size_t n);
/*
 * The runs of a periodic job (ajob or part) in [from, to), at most cap:
 * see cli_periodic_runs().  @return 0, or an exit code (printed).
 */
int	 fires_periodic(const struct cli_ctx *ctx, const struct fire_job *f,
	    const ck_tz *tz, time_t from, time_t to, size_t cap, time_t **out,
	    size_t *n, bool *capped);
/* Where f is: its source's label, or a run-parts script's path. */
const char *fires_job_where(const struct fire_job *f);
/* f's 1-based line in its source (0: a run-parts script, a file). */
size_t	 fires_job_line(const struct fire_job *f);
/* f's command (a run-parts script: its path), borrowed. */
const char *fires_job_command(const struct fire_job *f, size_t *len);
/* f's schedule as shown ("0 3 * * *", "anacron 7 +10m"); caller frees. */
char	*fires_job_schedule(const struct fire_job *f);
/*
 * A short label for a job: its id, else its command, cut to max terminal
 * columns on a character boundary ("…" marks the cut: cli_cut()).
 */
char	*fires_label(const ck_job *job, size_t max);

/*
 * t in zone tz as "YYYY-MM-DDTHH:MM:SS+HH:MM" (rfc3339) or
 * "YYYY-MM-DD HH:MM" (human); also the broken-down time when tm != NULL.
 */
void	 fires_fmt(const ck_tz *tz, time_t t, bool rfc3339, char *buf,
	    size_t len, struct tm *tm);
/*
 * The one parser of a date and time given on the command line (--from,
 * --to, --day, --once, --since, --until, --at, --not-before,
 * --not-after): "YYYY-MM-DD[ HH:MM[:SS]]" (or with a 'T') in zone tz.
 * A date or time that does not exist (2027-02-30, 25:00) is refused, not
 * moved.  @return 0, -1 when s is not in these forms, -2 when it names
 * a date or time that does not exist.
 */
int	 fires_parse_time(const ck_tz *tz, const char *s, time_t *out);
/*
 * Its grammar, for the options that add to it (next --from: an offset or
 * @EPOCH) or want the wall clock itself (find --at): the date and time at
 * s into tm (tm_year, tm_mon, tm_mday, tm_hour, tm_min, tm_sec; the rest
 * 0); *rest: the text after them.  date_only: a date alone is enough.
 * @return 0, -1 not in these forms, -2 a date that does not exist.
 */
/* Exactly n digits at *p, within lo..hi; *p moves past them. */
bool	 fires_digits(const char **p, int n, int lo, int hi, int *out);
int	 fires_parse_wall(const char *s, bool date_only, struct tm *tm,
	    const char **rest);
/* Does this year-month-day exist (tm_year, tm_mon, tm_mday)? */
bool	 fires_date_exists(const struct tm *tm);

#endif /* CK_FIRES_H */
