/*
 * jobtable.h - the table (or JSON) of jobs that `list` and `find` print.
 */
#ifndef CK_JOBTABLE_H
#define CK_JOBTABLE_H

#include "cli.h"

/* One row: a job, or (with JT_ENV_LINES) an environment line. */
struct jt_row {
	const struct cli_source	*src;
	const ck_job		*job;	/* NULL: an environment line, or */
	const ck_anajob		*ajob;	/* an anacron job (src->ana), or */
	const ck_runpart	*part;	/* a run-parts script (src->rp) */
	size_t			 line;	/* 0-based line */
};

/* Is the row a job (cron, anacron or run-parts), not an env line? */
#define JT_IS_JOB(r)	((r)->job != NULL || (r)->ajob != NULL || \
	(r)->part != NULL)
/*
 * The row's id (marker id, anacron identifier, run-parts script name),
 * user and command, or NULL.  Borrowed from the row's source.
 */
const char *jt_row_id(const struct jt_row *r, size_t *len);
const char *jt_row_user(const struct jt_row *r, size_t *len);
const char *jt_row_command(const struct jt_row *r, size_t *len);

#define JT_VERBOSE	0x01u	/* effective environment of each job */
#define JT_NEXT		0x02u	/* the next fire time ("next") */
#define JT_STATUS	0x08u	/* last run from exec's history (LAST RUN) */
#define JT_EXPLAIN	0x04u	/* an English sentence ("description") */

/*
 * Print rows on standard output: a table (escaped and fitted to the width
 * on a terminal, complete when piped), or with --json
 * {"jobs":[...],"skipped":[...]}.  The next fire time is computed in the
 * zone of TZ (else the local zone; cronie: a job's CRON_TZ), from now or
 * CRONKEEP_NOW (seconds since 1970, for tests).
 * @return 0, or an exit code after printing an error (a bad zone).
 */
int	jobtable_print(const struct cli_ctx *ctx, const struct jt_row *rows,
	    size_t n, unsigned int flags);
/* Append the rows of every job (and env line when env) of src. */
void	jobtable_collect(const struct cli_source *src, bool env,
	    struct jt_row **rows, size_t *n);

#endif /* CK_JOBTABLE_H */
