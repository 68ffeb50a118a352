/* SPDX-License-Identifier: ISC */
/*
 * periodic.h - the host's periodic jobs besides crontab lines: the
 * anacrontab and the run-parts folders, and how the host runs them (the
 * run-parts lines of /etc/crontab, anacron's jobs and hours range, and the
 * timer or cron line that starts anacron), all under --root.
 */
#ifndef CK_PERIODIC_H
#define CK_PERIODIC_H

#include "cli.h"

/* Who runs a run-parts folder on this host. */
enum rp_by { RP_BY_NONE = 0, RP_BY_CRON, RP_BY_ANACRON };

/* A run-parts folder loaded as a source (cli_source.rp). */
struct cli_runparts {
	ck_runparts	*rp;
	char		*dir;		/* rooted path */
	const char	*period;	/* "hourly", "daily", "weekly", "monthly" */
	enum rp_by	 by;
	char		*how;		/* "/etc/crontab:17", "anacron cron.daily" */
	ck_expr		*expr;		/* RP_BY_CRON: the crontab line's schedule */
	char		*ana_id;	/* RP_BY_ANACRON: the anacron job */
};

void	cli_runparts_free(struct cli_runparts *p);
/*
 * Read what the host says about its periodic jobs (under --root) into
 * ctx->periodic, once per command run; released by cli_ctx_release().
 */
void	cli_periodic_load(struct cli_ctx *ctx);
void	cli_periodic_free(struct cli_periodic *h);
/*
 * Add <root>/etc/anacrontab (when it exists) and the four run-parts
 * folders (those that exist) to the sources.
 */
void	cli_periodic_sources(struct cli_ctx *ctx, unsigned int lflags,
	    struct cli_source **v, size_t *n);
/*
 * When an anacron job of src (an anacrontab source) runs next at or after
 * now: after the day of stamp ("YYYYMMDD"; NULL: the timestamp in
 * <root>/var/spool/anacron/ID), when anacron is started (the host's
 * anacron.timer, else /etc/cron.d/anacron, else at boot only).
 * @return 0, or -1 with err set (CK_ENEVER: disabled, never).
 */
int	cli_anajob_next(const struct cli_ctx *ctx, const ck_anacrontab *tab,
	    const ck_anajob *job, const char *stamp, const ck_tz *tz,
	    time_t now, time_t *out, ck_error *err);
/* When the scripts of a run-parts folder run next (stamp: as above). */
int	cli_runparts_next(const struct cli_ctx *ctx,
	    const struct cli_runparts *p, const char *stamp, const ck_tz *tz,
	    time_t now, time_t *out, ck_error *err);
/*
 * The runs in [from, to) of an anacron job of tab (ajob), or of the
 * scripts of a run-parts folder (rp; ajob NULL), at most cap (then
 * *capped): *out (caller frees), *n.  Only runs from now on are known
 * for anacron (it keeps the last day only); after each run its timestamp
 * is that run's day, so the job is due again a period later.
 * @return 0, or -1 with err set.
 */
int	cli_periodic_runs(const struct cli_ctx *ctx, const ck_anacrontab *tab,
	    const ck_anajob *ajob, const struct cli_runparts *rp,
	    const ck_tz *tz, time_t now, time_t from, time_t to, size_t cap,
	    time_t **out, size_t *n, bool *capped, ck_error *err);
/* The schedule shown for the scripts of p ("17 * * * *", "anacron 1"). */
char	*cli_runparts_schedule(const struct cli_ctx *ctx,
	    const struct cli_runparts *p);
/* What starts anacron: "anacron.timer (30 7-23 * * *)", or NULL. */
const char *cli_anacron_starter(const struct cli_ctx *ctx);

#endif /* CK_PERIODIC_H */
