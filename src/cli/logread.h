/* SPDX-License-Identifier: ISC */
/*
 * logread.h - finding and reading cron's own log (syslog files, rotated
 * and gzipped ones, the journal) and matching its runs to crontab jobs;
 * shared by log and missed.  The library parses the text (cronlog.c).
 */
#ifndef CK_LOGREAD_H
#define CK_LOGREAD_H

#include "cli.h"

/* One log read, kept alive for the entries that point into it. */
struct log_input {
	char		*label;		/* the path, or "journal" */
	ck_log		*log;
};

/*
 * Read one log file of any kind: text, gzip (gzip -dc), a binary journal
 * (journalctl --file PATH -o short-iso), each run from an argument vector.
 * @return 0, or -1 (printed, naming the path).
 */
int	 logread_path(const struct cli_ctx *ctx, const char *path,
	    struct log_input **v, size_t *n);
/*
 * The default logs under ctx->root: /var/log/syslog, cron, cron.log and
 * their rotations, and the journal of cron.service and crond.service
 * (since *since when not NULL).  What cannot be read is skipped.
 */
void	 logread_default(const struct cli_ctx *ctx, struct log_input **v,
	    size_t *n, const time_t *since);
void	 logread_free(struct log_input *v, size_t n);
/*
 * A time given to --since or --until: N{s,m,h,d,w} ago (from cli_now(ctx, )),
 * RFC 3339, or YYYY-MM-DD[ HH:MM[:SS]] local (cli_parse_local_time(ctx)).
 * @return 0 and *t, or -1 or -2 for cli_date_refused(ctx, ).
 */
int	 logread_time(const struct cli_ctx *ctx, const char *s, time_t *t);
/* The form logread_time(ctx) reads, for cli_date_refused(ctx, ). */
#define LOGREAD_TIME_FORM "YYYY-MM-DD[ HH:MM[:SS]] or a log time"
/*
 * Does the log entry e name the command cmd (as written in the crontab)
 * run by user (NULL: any user)?  The selected dialect first, then the
 * ones that log (Debian, cronie, busybox): the log tells which cron
 * wrote it better than a guess.
 */
bool	 logread_matches(const struct cli_ctx *ctx, const ck_log_entry *e,
	    const char *cmd, size_t len, const char *user);
/*
 * The user cron runs src's job as: the user column of a system crontab,
 * the crontab's owner, the invoking user for the own crontab; NULL for
 * a plain file (-f: any user).  Release with free(3).
 */
char	*logread_job_user(const struct cli_source *src, const ck_job *job);

#endif /* CK_LOGREAD_H */
