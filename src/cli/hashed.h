/* SPDX-License-Identifier: ISC */
/*
 * hashed.h - what set, explain and next share about hashed schedules
 * (H forms, docs/cronkeep.1 HASHED TIMES): the key's parts, and the note
 * on the marker line that keeps the request.
 */
#ifndef CLI_HASHED_H
#define CLI_HASHED_H

#include <stdbool.h>
#include <stddef.h>

#include <cronkeep.h>

struct cli_hashreq {
	const char	*host;		/* NULL: this host's name */
	const char	*owner;		/* NULL: empty */
	const char	*id;		/* NULL: empty */
	const char	*seed;		/* not NULL: the key is its hash */
};

/* This host's name (gethostname(2)) or override; owned by the caller. */
char	*cli_host_name(const char *override);
/*
 * Resolve the H forms of sched.  prev (prevlen bytes) is the job's
 * current marker note or NULL: when it holds the same request and no
 * seed is given, its key is used again, so that the time stays where it
 * is when the host, owner or id changed.  On success *resolved is plain
 * cron and *note the note's part "[REQUEST key=HEX]" (both malloc'd).
 * @return 0, or an exit code after a message.
 */
int	 cli_hash_resolve(const struct cli_ctx *ctx, const char *sched,
	    const struct cli_hashreq *r, const char *prev, size_t prevlen,
	    char **resolved, char **note);
/*
 * The marker note of job ("# cronkeep: ID NOTE"), or NULL; borrowed from
 * the tab.
 */
const char *cli_marker_note(const ck_tab *tab, const ck_job *job,
	    size_t *len);
/*
 * note without its hashed part, and with part appended after a blank
 * when part is not NULL (malloc'd; "" when nothing is left).
 */
char	*cli_note_with(const char *note, size_t len, const char *part);
/* True when the note holds a hashed part. */
bool	 cli_note_is_hashed(const char *note, size_t len);

/* The options explain and next take for a schedule with H fields. */
#define CLI_HASH_OPTIONS(kseed, khost, kid)				\
	{ "seed", 0, kseed, "TEXT", "resolve H fields with the hash of "	\
	    "TEXT", CLI_COMP_NONE, NULL, 0 },				\
	{ "host", 0, khost, "NAME", "resolve H fields for host NAME "	\
	    "(default: this one)", CLI_COMP_NONE, NULL, 0 },		\
	{ "hash-id", 0, kid, "ID", "resolve H fields for the job id ID "	\
	    "(with -u USER: of\nUSER's crontab)", CLI_COMP_ID, NULL, 0 }

/*
 * When *text holds H fields: replace it with its resolved form (the
 * request goes to *request, else NULL) and say so on standard error
 * unless quiet.  @return 0, or an exit code after a message.
 */
int	 cli_hash_text(const struct cli_ctx *ctx, char **text,
	    const struct cli_hashreq *r, char **request, bool quiet);
#endif
