/* SPDX-License-Identifier: ISC */
/*
 * cronkeep.h - the whole public API of libcronkeep.
 *
 * libcronkeep reads, checks, explains, edits and writes crontabs without
 * losing a byte.  All types are opaque and prefixed ck_; every function that
 * can fail takes a caller-owned ck_error as its last argument (may be NULL),
 * written only on failure.  The library never prints, exits or aborts on bad
 * input, keeps no global state and never reads the environment: the caller
 * passes times, zones, paths and user names.
 *
 * Text arguments are (pointer, length) pairs and may contain any bytes.
 * Returned text is NOT NUL-terminated unless said so: use the length.
 */
#ifndef CRONKEEP_H
#define CRONKEEP_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && __GNUC__ >= 4
#define CK_API __attribute__((visibility("default")))
#else
#define CK_API
#endif

/*
 * The version of this header.  CK_VERSION_NUMBER is 0xMMmmpp (major,
 * minor, patch), for comparisons: CK_VERSION_NUMBER >= 0x010100 means
 * 1.1.0 or later.  A new minor version only adds: functions, enumerators,
 * and fields at the end of options structs (see "Options structs" below).
 */
#define CK_VERSION_MAJOR	1
#define CK_VERSION_MINOR	1
#define CK_VERSION_PATCH	0
#define CK_VERSION_NUMBER	((CK_VERSION_MAJOR << 16) | \
				 (CK_VERSION_MINOR << 8) | CK_VERSION_PATCH)
#define CK_VERSION_STRING	"1.1.0"

/*
 * Options structs.  Every struct a caller fills in to pass options
 * (ck_job_spec, ck_match, ck_lint_opts, ck_store_opts, ck_export_opts,
 * ck_run_opts) starts with `size_t size` and has an _INIT macro that sets
 * it and leaves every other field zero, which is its default:
 *
 *	struct ck_lint_opts o = CK_LINT_OPTS_INIT;
 *	o.path = "/etc/crontab";
 *
 * The library reads only the fields the caller's header had, so a program
 * keeps working with later versions of the library.  A struct whose size
 * is 0 (not from its _INIT macro) is refused with CK_EINVAL.
 */

/* ===================================================================== */
/* Errors                                                                 */
/* ===================================================================== */

enum ck_code {
	CK_OK = 0,
	CK_ESYNTAX,		/* input does not follow the grammar */
	CK_ERANGE,		/* a value or a size is out of range */
	CK_ENOMEM,		/* out of memory */
	CK_EIO,			/* a system call failed; see sys_errno */
	CK_ECHILD,		/* a child process (crontab(1)) failed */
	CK_ENOTFOUND,		/* no such job, file, user or zone */
	CK_EINVAL,		/* an argument is invalid */
	CK_ECONFLICT,		/* the crontab changed since it was read */
	CK_EPERM,		/* permission denied, or refused by policy */
	CK_ENEVER		/* a schedule that never fires */
};

typedef struct ck_error {
	enum ck_code	 code;
	unsigned int	 line;		/* 1-based; 0 if not about input */
	unsigned int	 column;	/* 1-based byte column; 0 if n/a */
	int		 sys_errno;	/* errno for CK_EIO/CK_ECHILD, else 0 */
	unsigned int	 rule;		/* lint rule number (CKnnn) or 0 */
	char		 msg[256];	/* NUL-terminated; ends "..." if cut */
} ck_error;

/*
 * A short lowercase name for an error code ("syntax error").
 * @return a static string.
 */
CK_API const char	*ck_code_str(enum ck_code code);

/*
 * The version of the library running, as CK_VERSION_NUMBER: may be later
 * than the header the program was built with.
 */
CK_API unsigned long	 ck_version(void);

/* ===================================================================== */
/* Dialects: which cron implementation's rules apply                     */
/* ===================================================================== */

typedef enum ck_dialect {
	CK_DIALECT_DEBIAN = 0,	/* Vixie 3.0 + Debian patches (Debian, Ubuntu) */
	CK_DIALECT_CRONIE,	/* RHEL, Fedora, Arch, SUSE */
	CK_DIALECT_OPENBSD,	/* OpenBSD (Vixie 4.1 descendant) */
	CK_DIALECT_BUSYBOX,	/* busybox crond */
	CK_DIALECT_PORTABLE,	/* only what all of the above accept alike */
	CK_DIALECT_COUNT
} ck_dialect;

/*
 * Look a dialect up by name ("debian", "cronie", ...).  "auto" is not a
 * dialect here: the caller decides what the host runs (see
 * ck_dialect_detect()).
 * @return 0, or -1 (CK_EINVAL) for an unknown name.
 */
CK_API int		 ck_dialect_from_name(const char *name, ck_dialect *out,
			    ck_error *err);
/* @return the dialect's name, a static string. */
CK_API const char	*ck_dialect_name(ck_dialect d);
/*
 * Guess the cron installed under root ("/" or NULL: this host): openbsd
 * when root/usr/sbin/cron and root/var/cron/tabs exist, debian when only
 * root/usr/sbin/cron does, busybox when root/usr/sbin/crond is a link to
 * busybox (Alpine) or only root/bin/busybox exists, cronie when
 * root/usr/sbin/crond is another program, else debian.
 */
CK_API ck_dialect	 ck_dialect_detect(const char *root);

/* ===================================================================== */
/* Schedules: five fields or an @keyword                                 */
/* ===================================================================== */

typedef struct ck_expr ck_expr;

enum ck_keyword {
	CK_KW_NONE = 0,		/* five fields */
	CK_KW_REBOOT,
	CK_KW_YEARLY,
	CK_KW_ANNUALLY,
	CK_KW_MONTHLY,
	CK_KW_WEEKLY,
	CK_KW_DAILY,
	CK_KW_MIDNIGHT,
	CK_KW_HOURLY
};

/* Which of the five fields. */
enum ck_field {
	CK_FIELD_MINUTE = 0,
	CK_FIELD_HOUR,
	CK_FIELD_DOM,
	CK_FIELD_MONTH,
	CK_FIELD_DOW,
	CK_FIELD_COUNT
};

/*
 * Parse one schedule (five fields or an @keyword, nothing else; blanks
 * around it are allowed) under the rules of dialect d.
 * @return the schedule, or NULL with err filled in (line 1, column of the
 * offending text).
 * Owned by the caller; release with ck_expr_free().
 */
CK_API ck_expr		*ck_expr_parse(const char *text, size_t len,
			    ck_dialect d, ck_error *err);
CK_API void		 ck_expr_free(ck_expr *e);
/*
 * Copy a schedule.
 * Owned by the caller; release with ck_expr_free().
 */
CK_API ck_expr		*ck_expr_dup(const ck_expr *e, ck_error *err);
/*
 * The schedule's original text, exactly as written.
 * Borrowed: valid as long as e (and the tab that holds it) is not freed.
 */
CK_API const char	*ck_expr_text(const ck_expr *e, size_t *len);
CK_API enum ck_keyword	 ck_expr_keyword(const ck_expr *e);
/* True for @reboot, which has no fire times. */
CK_API bool		 ck_expr_is_reboot(const ck_expr *e);
/*
 * True when the field's value is in the field's set (minute 0-59, hour
 * 0-23, day of month 1-31, month 1-12, day of week 0-6 with 0 Sunday).
 */
CK_API bool		 ck_expr_has(const ck_expr *e, enum ck_field f,
			    int value);
/*
 * True when e fires at the minute described by tm (tm_min, tm_hour,
 * tm_mday, tm_mon, tm_wday are used), under cron's day-of-month /
 * day-of-week rule.
 */
CK_API bool		 ck_expr_matches(const ck_expr *e, const struct tm *tm);
/* True when a and b fire at exactly the same minutes ("respelled"). */
CK_API bool		 ck_expr_same(const ck_expr *a, const ck_expr *b);

/* ===================================================================== */
/* Diagnostics                                                            */
/* ===================================================================== */

typedef enum ck_severity {
	CK_SEV_INFO = 0,
	CK_SEV_WARNING,
	CK_SEV_ERROR
} ck_severity;

typedef struct ck_diag {
	ck_severity	 severity;
	unsigned int	 line;		/* 1-based; 0: about the whole file */
	unsigned int	 column;	/* 1-based byte column; 0 if n/a */
	unsigned int	 rule;		/* CKnnn */
	const char	*code;		/* "CK012", static */
	const char	*name;		/* "step-without-range", static */
	const char	*message;	/* owned by the list */
	const char	*hint;		/* owned by the list, or NULL */
} ck_diag;

typedef struct ck_diag_list ck_diag_list;

CK_API size_t		 ck_diag_count(const ck_diag_list *l);
/* Borrowed: valid until l is freed. */
CK_API const ck_diag	*ck_diag_at(const ck_diag_list *l, size_t i);
CK_API void		 ck_diag_list_free(ck_diag_list *l);

/* ===================================================================== */
/* Crontab documents                                                      */
/* ===================================================================== */

typedef struct ck_tab ck_tab;
typedef struct ck_job ck_job;

/* Parse flags. */
#define CK_PARSE_SYSTEM		0x01u	/* a user column follows the schedule */
#define CK_PARSE_LENIENT	0x02u	/* keep bad lines as CK_LINE_INVALID */

enum ck_line_kind {
	CK_LINE_BLANK = 0,	/* empty or only blanks */
	CK_LINE_COMMENT,	/* '#' first, not a marker, not a disabled job */
	CK_LINE_MARKER,		/* an id comment directly above a job */
	CK_LINE_ENV,		/* NAME=VALUE */
	CK_LINE_JOB,		/* a schedule and a command */
	CK_LINE_DISABLED,	/* "#" + job line, under a marker (or with
				   python-crontab's trailing "# NAME") */
	CK_LINE_INVALID		/* kept verbatim; see ck_tab_diags() */
};

enum ck_marker {
	CK_MARKER_NONE = 0,
	CK_MARKER_CRONKEEP,	/* # cronkeep: ID */
	CK_MARKER_ANSIBLE,	/* #Ansible: NAME */
	CK_MARKER_PUPPET,	/* # Puppet Name: NAME */
	CK_MARKER_CHEF,		/* # Chef Name: NAME */
	CK_MARKER_SALT,		/* # SALT_CRON_IDENTIFIER:ID */
	CK_MARKER_PYTHON	/* python-crontab: "JOB # NAME" on the job line,
				   disabled as "# JOB # NAME" */
};

/*
 * Parse a crontab.  Every byte is kept: ck_tab_format() of an unmodified
 * tab gives back exactly text.  Without CK_PARSE_LENIENT the first bad line
 * fails the parse; with it, bad lines are kept as CK_LINE_INVALID and
 * reported by ck_tab_diags().  The text is copied.
 * @return the document, or NULL with err filled in.
 * Owned by the caller; release with ck_tab_free().
 */
CK_API ck_tab		*ck_tab_parse(const char *text, size_t len,
			    ck_dialect d, unsigned int flags, ck_error *err);
/*
 * As ck_tab_parse(), but takes ownership of buf (allocated with malloc(3))
 * instead of copying it, also on failure.
 */
CK_API ck_tab		*ck_tab_parse_owned(char *buf, size_t len,
			    ck_dialect d, unsigned int flags, ck_error *err);
/* An empty document. Owned by the caller; release with ck_tab_free(). */
CK_API ck_tab		*ck_tab_new(ck_dialect d, unsigned int flags,
			    ck_error *err);
CK_API void		 ck_tab_free(ck_tab *tab);
/*
 * Render the document.
 * @return 0, or -1 (CK_ENOMEM).  *out is NUL-terminated for convenience.
 * *out: owned by the caller; release with free(3).
 */
CK_API int		 ck_tab_format(const ck_tab *tab, char **out,
			    size_t *outlen, ck_error *err);
/*
 * A writer for ck_tab_render(): write n bytes of p, return 0, or -1 to
 * stop the rendering.
 */
typedef int		(*ck_write_fn)(void *arg, const char *p, size_t n);
/*
 * Render the document through fn, line by line, without building a copy
 * of it in memory (the same bytes as ck_tab_format()).
 * @return 0, or -1 (CK_EIO, line of the failed write) when fn failed.
 */
CK_API int		 ck_tab_render(const ck_tab *tab, ck_write_fn fn,
			    void *arg, ck_error *err);
CK_API ck_dialect	 ck_tab_dialect(const ck_tab *tab);
CK_API bool		 ck_tab_is_system(const ck_tab *tab);
CK_API size_t		 ck_tab_line_count(const ck_tab *tab);
CK_API enum ck_line_kind ck_tab_line_kind(const ck_tab *tab, size_t i);
/*
 * Line i's text without its line ending; *eol gets the ending ("\n",
 * "\r\n" or "" for a last line without one) when eol is not NULL.
 * Borrowed: valid until tab is modified or freed.
 */
CK_API const char	*ck_tab_line_text(const ck_tab *tab, size_t i,
			    size_t *len, const char **eol);
/*
 * For an environment line: its name and value (quotes removed, unquoted
 * values trimmed as cron does).
 * @return 0, or -1 when line i is not CK_LINE_ENV.
 * Borrowed: valid until tab is modified or freed.
 */
CK_API int		 ck_tab_line_env(const ck_tab *tab, size_t i,
			    const char **name, size_t *nlen,
			    const char **value, size_t *vlen);
/*
 * Problems found while parsing (bad lines in lenient mode, and warnings the
 * parser knows of, such as text Debian silently ignores).
 * Borrowed: valid until tab is modified or freed.
 */
CK_API const ck_diag_list *ck_tab_diags(const ck_tab *tab);
/*
 * Check one crontab line (without its line ending) the way ck_tab_parse()
 * would read it in a document of dialect d and flags (CK_PARSE_SYSTEM:
 * a user column; CK_PARSE_LENIENT is ignored): python-crontab's
 * is_valid() for a line about to be written.  *kind (may be NULL) gets
 * what the line is (CK_LINE_JOB, CK_LINE_ENV, CK_LINE_COMMENT, ...).
 * @return 0, or -1 with err set: CK_EINVAL for a newline, CR or NUL
 * byte (column: that byte), else the parse error with line 1 and its
 * column.
 */
CK_API int		 ck_line_check(const char *text, size_t len,
			    ck_dialect d, unsigned int flags,
			    enum ck_line_kind *kind, ck_error *err);
CK_API size_t		 ck_tab_job_count(const ck_tab *tab);
/* Borrowed: valid until tab is modified or freed. */
CK_API const ck_job	*ck_tab_job(const ck_tab *tab, size_t i);
/*
 * The job carrying marker id (any marker kind), or NULL.
 * Borrowed: valid until tab is modified or freed.
 */
CK_API const ck_job	*ck_tab_find_id(const ck_tab *tab, const char *id,
			    size_t idlen);
/*
 * The value of variable name as cron would set it for a job at line i
 * (0-based; the last assignment above it wins), or NULL when unset.
 * Borrowed: valid until tab is modified or freed.
 */
CK_API const char	*ck_tab_getenv(const ck_tab *tab, size_t line,
			    const char *name, size_t *vlen);

/* ---- jobs (borrowed from their tab) ---- */

/* Borrowed: valid until the tab is modified or freed. */
CK_API const ck_expr	*ck_job_expr(const ck_job *job);
/* 0-based index of the job's line in its tab. */
CK_API size_t		 ck_job_line(const ck_job *job);
/* 0-based index of the marker line, or (size_t)-1 without a marker. */
CK_API size_t		 ck_job_marker_line(const ck_job *job);
CK_API enum ck_marker	 ck_job_marker(const ck_job *job);
CK_API bool		 ck_job_enabled(const ck_job *job);
/*
 * The command text as written (cron's %-processing not applied).
 * Borrowed: valid until the tab is modified or freed.
 */
CK_API const char	*ck_job_command(const ck_job *job, size_t *len);
/* The user column (system format), or NULL. Borrowed, as above. */
CK_API const char	*ck_job_user(const ck_job *job, size_t *len);
/* The marker's id or name, or NULL. Borrowed, as above. */
CK_API const char	*ck_job_id(const ck_job *job, size_t *len);
/*
 * python-crontab's trailing comment (text after the last " # " of the
 * command), or NULL.  Borrowed, as above.
 */
CK_API const char	*ck_job_comment(const ck_job *job, size_t *len);

/* ===================================================================== */
/* Editing (see also build, store)                                        */
/* ===================================================================== */

/*
 * Every edit changes only the lines it touches: a touched line is rendered
 * anew, every other line keeps its exact bytes and line ending.  Values
 * written into a line (id, schedule, command, user, comment, environment)
 * that hold a newline, a carriage return or a NUL byte are refused with
 * CK_EINVAL: they would inject a line.  An edit that fails leaves the tab
 * as it was.  Every successful edit invalidates the borrowed pointers the
 * tab handed out (jobs, line texts, diagnostics).
 */

/* Longest id: markers carry ids matching [A-Za-z0-9_.:@-]{1,128}. */
#define CK_ID_MAX	128

/*
 * Check an id against [A-Za-z0-9_.:@-]{1,128}.
 * @return 0, or -1 (CK_EINVAL, column of the bad byte).
 */
CK_API int		 ck_id_check(const char *id, size_t len, ck_error *err);

/* One variable set for one job only: written "NAME=value command". */
typedef struct ck_env_pair {
	const char	*name;		/* [A-Za-z_][A-Za-z0-9_]* */
	size_t		 name_len;
	const char	*value;		/* any bytes but newline, CR, NUL */
	size_t		 value_len;
} ck_env_pair;

/* What ck_tab_set() should make true. */
typedef struct ck_job_spec {
	size_t		 size;		/* set by CK_JOB_SPEC_INIT */
	const char	*id;		/* required; see ck_id_check() */
	size_t		 id_len;
	const char	*schedule;	/* five fields or @keyword */
	size_t		 schedule_len;
	/*
	 * Required, not empty: what the shell must run, written for cron
	 * (ck_command_encode()), unless raw is set.
	 */
	const char	*command;
	size_t		 command_len;
	const char	*user;		/* system format: required; else NULL */
	size_t		 user_len;
	/*
	 * A note kept on the marker line ("# cronkeep: ID NOTE").  NULL
	 * leaves an existing note alone; "" (length 0) removes it.
	 */
	const char	*comment;
	size_t		 comment_len;
	const ck_env_pair *env;		/* nenv pairs, written in order */
	size_t		 nenv;
	bool		 disabled;	/* write the job commented out */
	/*
	 * command is crontab text, written as it is ('%' sends the rest to
	 * standard input), python-crontab's raw command.
	 */
	bool		 raw;
} ck_job_spec;
#define CK_JOB_SPEC_INIT { .size = sizeof(ck_job_spec) }

typedef enum ck_set_result {
	CK_SET_UNCHANGED = 0,	/* nothing to do: the tab was not touched */
	CK_SET_CREATED,		/* a new job (and marker) was appended */
	CK_SET_UPDATED		/* an existing or adopted job was changed */
} ck_set_result;

/* @return "unchanged", "created" or "updated". */
CK_API const char	*ck_set_result_str(ck_set_result r);

/*
 * Make the job with spec->id exist exactly as spec says.  The job is found
 * by its marker (cronkeep's "# cronkeep: ID" or a foreign one, which is
 * kept); else an unmarked job with the same schedule, user and command is
 * adopted (a marker is added above it); else the job is appended at the
 * end, under a new marker.  The schedule is checked with the tab's dialect
 * and the new line must parse back to the same job.
 * UNCHANGED means no byte of the tab was touched.  *line (may be NULL) gets
 * the 0-based index of the job's line.
 * @return 0, or -1 (CK_EINVAL for a bad value, CK_ESYNTAX for a bad
 * schedule with its column in the schedule text, CK_ENOMEM).
 */
CK_API int		 ck_tab_set(ck_tab *tab, const ck_job_spec *spec,
			    ck_set_result *result, size_t *line,
			    ck_error *err);

/*
 * Append a new job at the end, always (python-crontab's cron.new()):
 * unlike ck_tab_set(), nothing is found, adopted or updated, so calling it
 * twice gives two jobs.  spec->id may be NULL for a job without a marker
 * (then spec->comment must be NULL or empty and spec->disabled false: a
 * note lives on the marker line, and a disabled line without a marker
 * reads as a comment).  Values are checked as by ck_tab_set().  *line
 * (may be NULL) gets the 0-based index of the job's line.
 * @return 0, or -1 (CK_EINVAL for a bad value or an id already in use,
 * CK_ESYNTAX for a bad schedule with its column, CK_ENOMEM); the tab is
 * then unchanged.
 */
CK_API int		 ck_tab_append(ck_tab *tab, const ck_job_spec *spec,
			    size_t *line, ck_error *err);

/*
 * Remove the given jobs (indexes as for ck_tab_job()), each with its
 * marker line.  Environment lines and comments stay.
 * @return 0, or -1 (CK_EINVAL for an index out of range, CK_ENOMEM).
 */
CK_API int		 ck_tab_remove_jobs(ck_tab *tab, const size_t *jobs,
			    size_t n, ck_error *err);

/*
 * Which jobs ck_tab_match() selects; the set fields must all match, and a
 * ck_match with no field set selects every job (enabled or not).
 */
typedef struct ck_match {
	size_t		 size;		/* set by CK_MATCH_INIT */
	const char	*id;		/* exact marker id, or NULL */
	size_t		 id_len;
	const char	*command_re;	/* POSIX ERE on the command, or NULL */
	const char	*comment_re;	/* ERE on the marker id, its note, the
					   whole marker line ("^#Ansible:") and
					   a trailing "# comment", or NULL */
	/*
	 * Fires at this wall-clock minute (tm_min, tm_hour, tm_mday, tm_mon
	 * and tm_wday are read, as by ck_expr_matches(); fill it with
	 * ck_tz_localtime()), or NULL.  Disabled and @reboot jobs never
	 * fire, so they never match.
	 */
	const struct tm	*at;
	/*
	 * Fires at exactly the same minutes as this schedule, whatever the
	 * spelling ("@hourly" selects "0 * * * *"; see ck_expr_same()), or
	 * NULL: python-crontab's find_time().
	 */
	const ck_expr	*schedule;
	const char	*user;		/* exact user column, or NULL */
	size_t		 user_len;
} ck_match;
#define CK_MATCH_INIT { .size = sizeof(ck_match) }

/*
 * The indexes (as for ck_tab_job()) of the jobs that match m, in order.
 * @return 0, or -1 (CK_EINVAL for a bad regular expression, CK_ENOMEM).
 * *out: owned by the caller; release with free(3) (NULL when *n is 0).
 */
CK_API int		 ck_tab_match(const ck_tab *tab, const ck_match *m,
			    size_t **out, size_t *n, ck_error *err);

/*
 * Remove every job ck_tab_match() selects with m, each with its marker
 * line (python-crontab's remove_all(); CK_MATCH_INIT removes every job).
 * Environment lines and comments stay.  *removed (may be NULL) gets the
 * number of jobs removed; 0 leaves the tab untouched.
 * @return 0, or -1 as ck_tab_match() (the tab is then unchanged), or
 * CK_ENOMEM.
 */
CK_API int		 ck_tab_remove_match(ck_tab *tab, const ck_match *m,
			    size_t *removed, ck_error *err);

/*
 * Switch the job with marker id on or off.  Disabling puts a '#' in front
 * of the job line, under its marker; enabling removes exactly that '#'.
 * *changed (may be NULL) says whether anything changed.
 * @return 0, or -1 (CK_ENOTFOUND for an unknown id, CK_ENOMEM).
 */
CK_API int		 ck_tab_set_enabled(ck_tab *tab, const char *id,
			    size_t idlen, bool enabled, bool *changed,
			    ck_error *err);

/*
 * By handle: give the job of index job (as for ck_tab_job()), which has no
 * marker, the id id: a "# cronkeep: ID" line is put above it, so that
 * ck_tab_set() and the other edits by id reach it (the way to adopt a job
 * another tool or a person wrote).  A job that has this id already is
 * left alone.
 * @return 0, or -1 (CK_EINVAL for an index out of range, a job with
 * another id, a bad id or one in use, with the line; CK_ENOMEM).
 */
CK_API int		 ck_tab_job_adopt(ck_tab *tab, size_t job,
			    const char *id, size_t idlen, ck_error *err);

/*
 * By handle: switch the job of index job on or off, as
 * ck_tab_set_enabled() does for an id.  A job without a marker cannot be
 * disabled (its line would read as a comment): adopt it first.
 * *changed (may be NULL) says whether anything changed.
 * @return 0, or -1 (CK_EINVAL for an index out of range or a job without
 * a marker, with its line; CK_ENOMEM).
 */
CK_API int		 ck_tab_job_set_enabled(ck_tab *tab, size_t job,
			    bool enabled, bool *changed, ck_error *err);

/*
 * Replace the whole document with text, parsed with the tab's dialect and
 * flags (a lenient tab stays lenient).  On failure the tab is unchanged.
 * @return 0, or -1 as ck_tab_parse().
 */
CK_API int		 ck_tab_replace(ck_tab *tab, const char *text,
			    size_t len, ck_error *err);

/*
 * A unified diff (3 lines of context, "--- a_name" / "+++ b_name" headers,
 * "@@" hunks, "\ No newline at end of file" marks) between two texts,
 * compared line by line with Myers' O(ND) algorithm in linear space.
 * Identical texts give an empty diff (*outlen 0).
 * @return 0, or -1 (CK_ENOMEM).
 * *out: NUL-terminated; owned by the caller; release with free(3).
 */
CK_API int		 ck_udiff(const char *a, size_t alen, const char *b,
			    size_t blen, const char *a_name, const char *b_name,
			    char **out, size_t *outlen, ck_error *err);

/* ===================================================================== */
/* Environment                                                            */
/* ===================================================================== */

/*
 * cron gives each job the assignments (NAME=VALUE lines) above it, the
 * last one of a name winning; a job may also set variables for itself
 * alone with a "NAME=value command" prefix (ck_job_spec.env).  A ck_env
 * is a list of variables, each name once, in the order the names were
 * first set; it holds copies, so it stays valid when the tab changes.
 * The lists report the assignments as written, whatever the dialect
 * (busybox's crond ignores them); for the exact environment of the
 * process cron would start (SHELL, HOME, LOGNAME, PATH, the dialect's
 * rules) see ck_job_plan().
 */
typedef struct ck_env ck_env;

/* ck_job_env() flags. */
#define CK_ENV_CRONTAB	0x01u	/* the assignments above the job */
#define CK_ENV_JOB	0x02u	/* the job's own "NAME=value" prefix */

/*
 * The variables the crontab's assignments set for a job at line (0-based:
 * the assignments on lines before it count); a line at or past
 * ck_tab_line_count() gives every assignment of the crontab
 * (python-crontab's CronTab.env).
 * @return the list, or NULL (CK_ENOMEM).
 * Owned by the caller; release with ck_env_free().
 */
CK_API ck_env		*ck_tab_env(const ck_tab *tab, size_t line,
			    ck_error *err);
/*
 * A job's variables: with CK_ENV_CRONTAB the assignments above it, with
 * CK_ENV_JOB the literal assignments that start its command ("A=1
 * B='x y' cmd": A and B; a word with an expansion, an operator or an
 * unescaped '%' ends the prefix), the job's own winning over the
 * crontab's when both flags are given (python-crontab's job.env).
 * @return the list, or NULL (CK_EINVAL for flags that are 0 or unknown,
 * CK_ENOMEM).
 * Owned by the caller; release with ck_env_free().
 */
CK_API ck_env		*ck_job_env(const ck_tab *tab, const ck_job *job,
			    unsigned int flags, ck_error *err);
CK_API size_t		 ck_env_count(const ck_env *env);
/*
 * Variable i, or NULL when i is out of range.  name and value are
 * NUL-terminated.
 * Borrowed: valid until env is freed.
 */
CK_API const ck_env_pair *ck_env_at(const ck_env *env, size_t i);
/*
 * The value of variable name (nlen bytes), NUL-terminated, or NULL when
 * the list does not set it; *vlen (may be NULL) gets its length.
 * Borrowed: valid until env is freed.
 */
CK_API const char	*ck_env_get(const ck_env *env, const char *name,
			    size_t nlen, size_t *vlen);
/* Free a list; NULL is a no-op. */
CK_API void		 ck_env_free(ck_env *env);

/*
 * Make variable name hold value for every job of the crontab
 * (python-crontab's cron.env[name] = value).  When the first assignment
 * of name comes before the first job, every assignment of name is
 * rewritten in place; otherwise "NAME=value" is inserted just above the
 * first job (above its marker) and the later assignments are rewritten
 * too.  Without any job, a new assignment goes at the end.  The value is
 * written bare when cron reads it back unchanged, else in double quotes,
 * else in single quotes; a value holding both quote characters and
 * needing quotes is refused.  *changed (may be NULL) says whether any
 * line changed.
 * @return 0, or -1 (CK_EINVAL for a name that is not
 * [A-Za-z_][A-Za-z0-9_]* or a value with a newline, CR or NUL (column:
 * its byte), or one that cannot be written; CK_ENOMEM).  On failure the
 * tab is unchanged.
 */
CK_API int		 ck_tab_setenv(ck_tab *tab, const char *name,
			    size_t nlen, const char *value, size_t vlen,
			    bool *changed, ck_error *err);
/*
 * Remove every assignment of name; jobs' own prefixes are not touched.
 * *removed (may be NULL) gets the number of lines removed.
 * @return 0, or -1 (CK_ENOMEM; the tab is then unchanged).
 */
CK_API int		 ck_tab_unsetenv(ck_tab *tab, const char *name,
			    size_t nlen, size_t *removed, ck_error *err);

/* ===================================================================== */
/* Time zones and fire times                                              */
/* ===================================================================== */

/*
 * A time zone, read from tzdata (TZif files) by the library itself: no
 * TZ variable, no tzset(), no localtime().  A ck_tz never changes once
 * loaded, so one zone can be used by many threads at once.
 */
typedef struct ck_tz ck_tz;

/*
 * Load zone name ("Europe/Berlin", "UTC") from zoneinfo_dir (NULL:
 * /usr/share/zoneinfo).  name NULL loads /etc/localtime, named after its
 * symlink target when it is one ("Europe/Berlin"), else "localtime".
 * Names that are absolute or hold ".." or an empty component are refused
 * (CK_EINVAL); an unknown zone is CK_ENOTFOUND; "UTC" works even without
 * tzdata.  Zones with leap seconds ("right/...") are refused.
 * @return the zone, or NULL with err set.
 * Owned by the caller; release with ck_tz_free().
 */
CK_API ck_tz		*ck_tz_load(const char *name, const char *zoneinfo_dir,
			    ck_error *err);
/*
 * Load a TZif file by path; name (NULL: the path) is what ck_tz_name()
 * returns.
 * Owned by the caller; release with ck_tz_free().
 */
CK_API ck_tz		*ck_tz_load_file(const char *path, const char *name,
			    ck_error *err);
/*
 * A zone from the bytes of a TZif file (versions 1 to 4).
 * Owned by the caller; release with ck_tz_free().
 */
CK_API ck_tz		*ck_tz_from_tzif(const void *data, size_t len,
			    const char *name, ck_error *err);
/*
 * A zone from a POSIX TZ string ("CET-1CEST,M3.5.0,M10.5.0/3", "EST5EDT",
 * "<+0530>-5:30"); a DST name without a rule gets the US rule, as in
 * glibc.
 * Owned by the caller; release with ck_tz_free().
 */
CK_API ck_tz		*ck_tz_posix(const char *spec, ck_error *err);
/*
 * The UTC zone, a static object: never freed (ck_tz_free() ignores it).
 * Every function taking a zone also takes NULL for UTC.
 * Borrowed: valid for the life of the program.
 */
CK_API const ck_tz	*ck_tz_utc(void);
/* Free a zone; NULL and ck_tz_utc() are ignored. */
CK_API void		 ck_tz_free(ck_tz *tz);
/*
 * The zone's name as loaded ("Europe/Berlin").
 * Borrowed: valid until tz is freed.
 */
CK_API const char	*ck_tz_name(const ck_tz *tz);
/*
 * UTC instant t as local time in tz: tm gets every field but tm_gmtoff
 * and tm_zone (tm_wday, tm_yday, tm_isdst included); *gmtoff the offset
 * in seconds east of UTC; *abbr the abbreviation ("CEST").  Any output
 * may be NULL.
 * @return 0, or -1 (CK_ERANGE for instants more than about 300 million
 * years away).  *abbr: Borrowed: valid until tz is freed.
 */
CK_API int		 ck_tz_localtime(const ck_tz *tz, time_t t,
			    struct tm *tm, long *gmtoff, const char **abbr,
			    ck_error *err);
/*
 * The instants at which the wall clock in tz shows the local time in
 * wall (tm_year, tm_mon, tm_mday, tm_hour, tm_min, tm_sec; values out of
 * range carry over, tm_isdst is ignored).
 * @return how many (0: the time was skipped by a change such as the start
 * of DST, and out[0] gets the instant the skip ends; 1: out[0]; 2: the
 * time happens twice, out[0] < out[1]), or -1 with err set.
 */
CK_API int		 ck_tz_resolve(const ck_tz *tz, const struct tm *wall,
			    time_t out[2], ck_error *err);

/*
 * How fire times behave across a daylight-saving change (see
 * docs/next.md).
 * CK_DST_VIXIE: the cron daemon of Debian, cronie and OpenBSD (Vixie's
 * "virtual time").  When the clock jumps forward by at most 3 hours, a
 * fixed-time job (neither minute nor hour field starts with '*') whose
 * time was skipped runs once, at the first instant after the jump;
 * wildcard jobs skip the missing minutes.  When the clock goes back by at
 * most 3 hours, fixed-time jobs run only in the first copy of the repeated
 * times, wildcard jobs in both.  Larger jumps are clock resets: skipped
 * times are lost and repeated times run again.
 * CK_DST_CALENDAR: busybox crond, and cronie's CRON_TZ jobs: a skipped
 * local time never fires, a repeated one fires twice.
 */
typedef enum ck_dst_mode {
	CK_DST_VIXIE = 0,
	CK_DST_CALENDAR
} ck_dst_mode;

/* Flags in *how for each fire time. */
#define CK_NEXT_SHIFTED		0x01u	/* moved here: its time was skipped */
#define CK_NEXT_REPEATED	0x02u	/* second copy of a repeated time */

/* The DST behaviour of the dialect's daemon (busybox: calendar). */
CK_API ck_dst_mode	 ck_dialect_dst_mode(ck_dialect d);
/*
 * The zone job's schedule is read in, as its cron reads it.  Where the
 * tab's dialect honours CRON_TZ (cronie) and a CRON_TZ line stands above
 * the job, *zone gets that line's value (*len its length; it is not
 * NUL-terminated) and *mode the DST behaviour of such jobs (cronie: the
 * zone's calendar); otherwise *zone is NULL, for the host's zone, and
 * *mode the daemon's (ck_dialect_dst_mode()).  len and mode may be NULL.
 * Constant time: the lookup is made when the tab is parsed or edited.
 * Since 1.1.
 * @return 0, or -1 (CK_EINVAL: job is not one of tab's jobs).
 * *zone borrowed: valid until tab is modified or freed.
 */
CK_API int		 ck_job_zone(const ck_tab *tab, const ck_job *job,
			    const char **zone, size_t *len,
			    ck_dst_mode *mode, ck_error *err);

/*
 * True when e can ever fire; decided from the bits alone (no search).
 * False for @reboot and for schedules such as "0 0 30 2 *".
 */
CK_API bool		 ck_expr_can_fire(const ck_expr *e);
/*
 * The first fire time of e strictly after instant after, computed in
 * zone tz (NULL: UTC) under DST mode.  There is no search horizon:
 * "0 0 29 2 *" from 2096-03-01 gives 2104-02-29.  *how (may be NULL)
 * gets CK_NEXT_* flags.
 * @return 0, or -1 with err set: CK_ENEVER for a schedule that never
 * fires (and for @reboot), CK_ERANGE past the supported range.
 */
CK_API int		 ck_expr_next(const ck_expr *e, const ck_tz *tz,
			    time_t after, ck_dst_mode mode, time_t *out,
			    unsigned int *how, ck_error *err);
/* The last fire time strictly before before; as ck_expr_next(). */
CK_API int		 ck_expr_prev(const ck_expr *e, const ck_tz *tz,
			    time_t before, ck_dst_mode mode, time_t *out,
			    unsigned int *how, ck_error *err);
/*
 * One run of a schedule as the daemon makes it.  Under CK_DST_VIXIE a
 * forward jump makes one run for each skipped time that matches, all at
 * the first instant after the jump: "0,30 2 * * *" on the night Berlin
 * skips 02:00-03:00 runs twice at 03:00, "0 2-3 * * *" twice too (for
 * 02:00, and for 03:00 itself).
 */
typedef struct ck_run {
	time_t		 at;	/* when the daemon starts it */
	time_t		 wall;	/* the wall time it stands for, as seconds
				   since 1970-01-01 00:00 on the zone's wall
				   clock (gmtime_r(3) gives its fields) */
	unsigned int	 how;	/* CK_NEXT_*: SHIFTED when wall was skipped */
} ck_run;

/*
 * The run after prev (NULL: the first run strictly after instant after),
 * in zone tz (NULL: UTC) under mode.  Runs are ordered by (at, wall):
 * several runs may share one instant.
 * @return 0, or -1 as ck_expr_next().
 */
CK_API int		 ck_expr_next_run(const ck_expr *e, const ck_tz *tz,
			    ck_dst_mode mode, const ck_run *prev, time_t after,
			    ck_run *out, ck_error *err);

/*
 * The n fire times after (ascending) or, with ck_expr_prev_n(), before
 * (descending) an instant; out and how (how may be NULL) hold n entries.
 * ck_expr_next_n() gives every run (ck_expr_next_run()): an instant
 * repeats when the daemon runs the job several times at once after a
 * forward jump.
 * @return 0, or -1 with err set (nothing useful in out).
 */
CK_API int		 ck_expr_next_n(const ck_expr *e, const ck_tz *tz,
			    time_t after, ck_dst_mode mode, size_t n,
			    time_t *out, unsigned int *how, ck_error *err);
CK_API int		 ck_expr_prev_n(const ck_expr *e, const ck_tz *tz,
			    time_t before, ck_dst_mode mode, size_t n,
			    time_t *out, unsigned int *how, ck_error *err);
/*
 * How many times e fires in [from, to) in zone tz under mode, counted
 * without enumerating them (a century takes microseconds); every run
 * counts (ck_expr_next_run()).
 * @return 0 (a never-firing schedule counts 0), or -1 with err set.
 */
CK_API int		 ck_expr_count(const ck_expr *e, const ck_tz *tz,
			    time_t from, time_t to, ck_dst_mode mode,
			    unsigned long long *n, ck_error *err);

/*
 * A cursor over a schedule's fire times, in the manner of croniter and
 * python-crontab's job.schedule(): each step moves the cursor to the fire
 * time it returns, so next and prev may be mixed.
 */
typedef struct ck_iter ck_iter;

/*
 * An iterator over e's fire times in zone tz (NULL: UTC) under mode,
 * with the cursor at instant start.  e is copied; tz is borrowed and must
 * outlive the iterator.
 * @return the iterator, or NULL (CK_ENOMEM).
 * Owned by the caller; release with ck_iter_free().
 */
CK_API ck_iter		*ck_expr_iter(const ck_expr *e, const ck_tz *tz,
			    time_t start, ck_dst_mode mode, ck_error *err);
/*
 * The first fire time strictly after the cursor, as ck_expr_next(); the
 * cursor moves to it.  *how (may be NULL) gets CK_NEXT_* flags.
 * @return 0, or -1 as ck_expr_next() (CK_ENEVER, CK_ERANGE); the cursor
 * then stays.
 */
CK_API int		 ck_iter_next(ck_iter *it, time_t *out,
			    unsigned int *how, ck_error *err);
/* The last fire time strictly before the cursor; as ck_iter_next(). */
CK_API int		 ck_iter_prev(ck_iter *it, time_t *out,
			    unsigned int *how, ck_error *err);
/* The cursor: the start, or the last fire time returned. */
CK_API time_t		 ck_iter_cursor(const ck_iter *it);
/* Free an iterator; NULL is a no-op. */
CK_API void		 ck_iter_free(ck_iter *it);

/* How often a schedule runs in one calendar year (no DST involved). */
typedef struct ck_freq {
	long		 year;
	unsigned long long per_year;	/* runs in the year, exactly */
	unsigned long long per_month[12];	/* January first */
	unsigned int	 days;		/* days of the year with a run */
	unsigned int	 per_day;	/* runs on each such day */
	unsigned int	 per_hour;	/* runs in each hour with a run */
	double		 avg_per_day;	/* per_year / days in the year */
	double		 avg_per_week;	/* per_year * 7 / days in the year */
	double		 avg_per_month;	/* per_year / 12 */
	double		 avg_per_hour;	/* per_year / hours in the year */
} ck_freq;

/*
 * Frequency of e in calendar year year, with cron's day-of-month /
 * day-of-week rule and leap years (wall-clock minutes; for a zone's DST
 * effects use ck_expr_count()).
 * @return 0, or -1 with err set (CK_ERANGE for an absurd year).
 */
CK_API int		 ck_expr_frequency(const ck_expr *e, long year,
			    ck_freq *out, ck_error *err);

/* ===================================================================== */
/* Describing schedules                                                   */
/* ===================================================================== */

/* Flags for ck_expr_describe(). */
#define CK_DESCRIBE_12H		0x01u	/* "9:00 AM" instead of "09:00" */
#define CK_DESCRIBE_SENTENCE	0x02u	/* capital letter and final period */

/*
 * An English sentence for a schedule: "at 09:00 on weekdays", "every 15
 * minutes", "at 00:00 on day 1 of the month and on every Monday" (cron's
 * day-of-month / day-of-week OR rule), "never: February has no 30th".
 * Lowercase without a final period unless CK_DESCRIBE_SENTENCE is given.
 * The wording is documented in docs/explain.md.
 * @return the sentence, or NULL (CK_ENOMEM, CK_EINVAL for a NULL e).
 * Owned by the caller; release with free(3).
 */
CK_API char		*ck_expr_describe(const ck_expr *e, unsigned int flags,
			    ck_error *err);
/*
 * The values of one field on their own, for columns: "every 15 minutes",
 * "hours 9 through 17", "weekdays", "January and July".
 * @return the phrase, or NULL (CK_ENOMEM, CK_EINVAL).
 * Owned by the caller; release with free(3).
 */
CK_API char		*ck_expr_describe_field(const ck_expr *e,
			    enum ck_field f, unsigned int flags, ck_error *err);

/* ===================================================================== */
/* Lint                                                                   */
/* ===================================================================== */

/*
 * A lint rule: a stable code (CK001...), a name, a default severity and
 * examples.  The table is static: every pointer is a static string.
 */
struct ck_rule {
	unsigned int	 num;		/* 1..n: CKnnn */
	const char	*code;		/* "CK001" */
	const char	*name;		/* "file-name" */
	ck_severity	 severity;	/* default severity */
	const char	*summary;	/* one line */
	const char	*bad;		/* an example that triggers it */
	const char	*good;		/* the same, fixed */
	const char	*explain;	/* a paragraph: why it matters */
};

/* The highest rule number; rules are numbered 1..ck_rule_max(). */
CK_API unsigned int	 ck_rule_max(void);
/*
 * The rule with number num, or NULL.
 * Borrowed: static, valid for the life of the program.
 */
CK_API const struct ck_rule *ck_rule_get(unsigned int num);
/*
 * The rule with this code ("CK016", any case) or name ("bare-percent"), or
 * NULL.  Borrowed: static.
 */
CK_API const struct ck_rule *ck_rule_find(const char *s, size_t len);

/* A set of dialects, for ck_lint_opts.also. */
#define CK_DIALECT_BIT(d)	(1u << (unsigned int)(d))

/*
 * What ck_lint() knows besides the document.  The library does no I/O: the
 * caller fills in the file's name and stat(2) facts and the host's users.
 * Start from CK_LINT_OPTS_INIT and set what is known.
 */
struct ck_lint_opts {
	size_t		 size;		/* set by CK_LINT_OPTS_INIT */
	const char	*path;		/* the file's path, or NULL (no file) */
	bool		 system_file;	/* read by cron as /etc/crontab or
					   /etc/cron.d/NAME: owner, mode and
					   name rules are errors */
	bool		 have_stat;	/* mode, uid, is_symlink are set */
	unsigned int	 mode;		/* st_mode of the file (after links) */
	unsigned long	 uid;		/* owner of the file (after links) */
	bool		 is_symlink;	/* path itself is a symbolic link */
	unsigned long	 link_uid;	/* owner of the link (if is_symlink) */
	unsigned int	 also;		/* CK_DIALECT_BIT()s: check portability
					   to these dialects too */
	const char *const *users;	/* the host's user names, or NULL */
	size_t		 nusers;
	int		 year;		/* current year (leap-day advice), 0 */
	const struct ck_userset *userset; /* the same users, hashed once for
					   many files (ck_userset_new()), or
					   NULL: ck_lint() hashes users */
	/*
	 * A user's spool file (cron's own copy of a crontab): owner, mode and
	 * links are checked (with have_stat) against what cron requires.
	 */
	bool		 spool_file;
	long		 spool_uid;	/* the user's uid, or -1 when unknown */
	unsigned long	 nlink;		/* its link count (with have_stat) */
	/*
	 * The zone the jobs run in (the host's), or NULL when unknown.  A
	 * zone without daylight saving time around year (UTC, Asia/Tokyo)
	 * gets no note about the hours a change skips or repeats.
	 * Borrowed for the call.
	 */
	const struct ck_tz *tz;
};
#define CK_LINT_OPTS_INIT { .size = sizeof(struct ck_lint_opts), \
	.spool_uid = -1, .nlink = 1 }

/*
 * A set of user names looked up in constant time: build it once from the
 * host's users and give it to every ck_lint() call (ck_lint_opts.userset)
 * so checking many files costs one pass over the users, not one a file.
 * The names are borrowed: they must outlive the set.
 * @return the set, or NULL with err set (CK_ENOMEM).
 * Owned by the caller; release with ck_userset_free().
 */
typedef struct ck_userset ck_userset;
CK_API ck_userset	*ck_userset_new(const char *const *names, size_t n,
			    ck_error *err);
CK_API bool		 ck_userset_has(const ck_userset *set,
			    const char *name, size_t len);
CK_API void		 ck_userset_free(ck_userset *set);	/* NULL: no-op */

/*
 * Check a crontab: the parser's diagnostics (ck_tab_diags()) followed by
 * every semantic rule, sorted by line and column.  Lines may switch rules
 * off with "# cronkeep-lint: disable=CODE,..." (the next line that is not
 * a comment) or "# cronkeep-lint: disable-file=CODE,..." (the whole file).
 * With the dialect CK_DIALECT_PORTABLE, or dialects in opts->also, lint
 * also reports what another cron rejects or runs differently.
 * @param opts may be NULL (no file facts, no users)
 * @return 0 with *out set, or -1 (CK_ENOMEM) with err set.
 * *out: owned by the caller; release with ck_diag_list_free().
 */
CK_API int		 ck_lint(const ck_tab *tab,
			    const struct ck_lint_opts *opts,
			    ck_diag_list **out, ck_error *err);
/*
 * A receiver for ck_lint_each(): d is borrowed for the call only.
 * Return 0 to go on, or -1 to stop.
 */
typedef int		(*ck_lint_fn)(void *arg, const ck_diag *d);
/*
 * The findings of ck_lint(), in the same order, handed to fn one by one
 * as each line is checked instead of kept in a list: memory does not grow
 * with the number of findings (only what needs the whole file, such as
 * duplicate jobs, is kept until its line comes).  Since 1.1.
 * @return 0, or -1 with err set: CK_ENOMEM, CK_EINVAL (fn NULL), or
 * CK_EIO (line of the finding) when fn asked to stop.
 */
CK_API int		 ck_lint_each(const ck_tab *tab,
			    const struct ck_lint_opts *opts, ck_lint_fn fn,
			    void *arg, ck_error *err);

/* ===================================================================== */
/* Where crontabs live                                                    */
/* ===================================================================== */

/*
 * A ck_store is one crontab where it lives: a user's crontab reached
 * through crontab(1), or a file (/etc/crontab, /etc/cron.d/NAME, a plain
 * file).  Reading records the exact bytes read; writing first checks that
 * the crontab still holds them (else CK_ECONFLICT and nothing changes).
 *
 * User crontabs: read with `crontab [-u USER] -l`, written by saving the
 * text to a private mkstemp(3) file (0600, fsynced) and running
 * `crontab [-u USER] FILE`.  The child is started with posix_spawnp(3) and
 * an argument vector (never a shell), with LC_ALL=C, standard input from
 * /dev/null and both outputs captured.  "no crontab for USER" (exit 1,
 * nothing on standard output) reads as an empty crontab; every other
 * failure (another message, a signal, a timeout, a missing program) is
 * CK_ECHILD with the program's own message, never an empty crontab.  The
 * three-line "# DO NOT EDIT THIS FILE" header OpenBSD's crontab -l prints
 * is removed (Debian's crontab(1) hides it itself, cronie writes none).
 * crontab(1) offers no lock: the conflict check re-reads the crontab just
 * before the install, and reads it again after: when it then holds other
 * text than was written, another writer came in between (CK_ECONFLICT).
 * A change between the re-read and the install still goes unseen.
 * With CK_STORE_DIRECT (the debian and cronie dialects, run as root, the
 * spool folder present) crontab(1) is not run: the spool file is read
 * directly (without Debian's header) and written as crontab(1) writes it:
 * a temporary .USER.XXXXXX in the spool folder with the header (Debian),
 * owned by the user and group crontab (else the user's group), mode
 * 0600, fsynced; right before the rename the file's identity (device,
 * inode, size, modification time) and bytes must be those read, else
 * CK_ECONFLICT; then the rename, and cron is told by touching the spool
 * folder.  With lock_dir set, writers of one user's crontab serialise on
 * lock_dir/crontab-USER.lock (CK_ECONFLICT after 30 s).
 *
 * Files: written atomically.  The new text goes to <dir>/.<name>.XXXXXX
 * (a name every cron ignores; ones older than a minute that a killed
 * writer left are removed), is flushed and fsynced, gets the original's
 * owner, group and mode (a new file: 0644 and root:root with
 * CK_STORE_SYSTEM; a new plain file keeps the writer's uid and gid and is
 * 0666 less the umask; owner_uid, owner_gid and mode override), is
 * renamed over the original, and the directory is fsynced.  A FIFO or
 * other non-regular file at the path is refused without blocking.  Writing over
 * a symbolic link is refused (CK_EPERM) unless CK_STORE_FOLLOW is given;
 * then its target is replaced and the link kept (reading follows links).  With CK_STORE_LOCK, reading takes
 * an exclusive flock(2) on the file (on its directory while the file does
 * not exist) that is held until ck_store_free().
 */
typedef struct ck_store ck_store;

/* ck_store_opts.flags */
#define CK_STORE_SYSTEM		0x01u	/* a system crontab (user column) */
#define CK_STORE_CRON_D		0x02u	/* a file in cron.d: name rules apply */
#define CK_STORE_FOLLOW		0x04u	/* allow a symbolic link as target */
#define CK_STORE_LOCK		0x08u	/* flock(2) from read to free */
#define CK_STORE_CREATE		0x10u	/* a missing file reads as empty */
#define CK_STORE_READ_ONLY	0x20u	/* only read: ck_store_write() fails
					   (CK_EPERM), no copy of the bytes */
#define CK_STORE_SPOOL		0x40u	/* a user's spool file: every write
					   gives it owner_uid, owner_gid and
					   mode */
#define CK_STORE_DIRECT		0x80u	/* a user's crontab, as root: read and
					   write the spool file itself, as
					   crontab(1) does (see above) */

typedef struct ck_store_opts {
	size_t		 size;		/* set by CK_STORE_OPTS_INIT */
	unsigned int	 flags;		/* CK_STORE_* */
	ck_dialect	 dialect;	/* for the cron.d name rules */
	const char	*crontab;	/* crontab(1) program; NULL: "crontab" */
	const char	*tmpdir;	/* user installs; NULL: "/tmp" */
	int		 timeout_ms;	/* crontab(1) time limit; <= 0: 10000 */
	size_t		 max_bytes;	/* largest crontab read; 0: 16 MiB */
	/*
	 * Files: >= 0, a new file (with CK_STORE_SPOOL, every file written)
	 * gets this owner and group; mode != 0, this mode.  Otherwise a new
	 * file is 0644 (CK_STORE_SYSTEM) or 0666 less the umask.
	 */
	long		 owner_uid;
	long		 owner_gid;
	unsigned int	 mode;
	/*
	 * Users' crontabs: when not NULL, writers serialise on a lock file
	 * in this folder, which must belong to the caller with mode 0700 (it
	 * is created so): nobody else can open the lock, so nobody else can
	 * hold it.
	 */
	const char	*lock_dir;
	/* CK_STORE_DIRECT: the spool folder; NULL: the dialect's. */
	const char	*spool_dir;
} ck_store_opts;
#define CK_STORE_OPTS_INIT { .size = sizeof(ck_store_opts), \
	.dialect = CK_DIALECT_DEBIAN, .owner_uid = -1, .owner_gid = -1 }

/*
 * A user's crontab, reached through crontab(1).  user is passed as
 * `-u USER`; NULL means the invoking user's own crontab (no -u).
 * Nothing is run until ck_store_read() or ck_store_write().  opts may be
 * NULL (defaults); it is copied, and so are the strings it points to.
 * @return the store, or NULL with err set (CK_ENOMEM, CK_EINVAL).
 * Owned by the caller; release with ck_store_free().
 */
CK_API ck_store		*ck_store_open_user(const char *user,
			    const ck_store_opts *opts, ck_error *err);
/*
 * A crontab file at path.  With CK_STORE_CRON_D, a name the dialect's
 * cron ignores is refused here (CK_EPERM, with the reason) when the store
 * will be written, that is unless the file is only read: the check is
 * made by ck_store_write().  opts may be NULL; it is copied.
 * @return the store, or NULL with err set.
 * Owned by the caller; release with ck_store_free().
 */
CK_API ck_store		*ck_store_open_file(const char *path,
			    const ck_store_opts *opts, ck_error *err);
/* Release the store and any lock it holds.  NULL is a no-op. */
CK_API void		 ck_store_free(ck_store *s);
/*
 * Read the crontab and remember its bytes for the conflict check.
 * Errors: CK_ECHILD (crontab(1) failed; its message is in err->msg),
 * CK_ENOTFOUND (no such file, without CK_STORE_CREATE; or not a regular
 * file: a FIFO is opened without blocking and refused), CK_EPERM (not
 * readable), CK_EIO, CK_ERANGE (too big).
 * @return 0, or -1 with err set.
 * *text: NUL-terminated; owned by the caller; release with free(3).
 */
CK_API int		 ck_store_read(ck_store *s, char **text, size_t *len,
			    ck_error *err);
/*
 * Replace the crontab with text.  When the store was read, the crontab
 * must still hold exactly what was read (else CK_ECONFLICT and nothing is
 * written); without a prior read the text is installed unconditionally.
 * On failure the old crontab stays as it was.  After a success the store
 * remembers text as the current contents.
 * @return 0, or -1 with err set.
 */
CK_API int		 ck_store_write(ck_store *s, const char *text,
			    size_t len, ck_error *err);
/* True when the last read found no crontab (empty, or a missing file). */
CK_API bool		 ck_store_was_absent(const ck_store *s);
/*
 * The file's path, or NULL for a user's crontab.
 * Borrowed: valid until s is freed.
 */
CK_API const char	*ck_store_path(const ck_store *s);

/*
 * ck_store_read() then ck_tab_parse(): open a crontab as a document
 * (python-crontab's CronTab(user=...) and CronTab(tabfile=...)).  A store
 * opened with CK_STORE_SYSTEM parses with CK_PARSE_SYSTEM added to flags.
 * The bytes read are remembered, so a later ck_store_write_tab() on the
 * same store fails with CK_ECONFLICT when someone changed the crontab
 * meanwhile.  A crontab that is absent reads as an empty document.
 * @return the document, or NULL with err set (the errors of
 * ck_store_read(), then those of ck_tab_parse() with line and column).
 * Owned by the caller; release with ck_tab_free().
 */
CK_API ck_tab		*ck_store_read_tab(ck_store *s, ck_dialect d,
			    unsigned int flags, ck_error *err);
/*
 * ck_tab_format() then ck_store_write(): install tab in the store
 * (python-crontab's write()).  To write to another user or file
 * (write(user=...), write(filename)), open a store for it and call this
 * without reading it first: the text is then installed unconditionally.
 * @return 0, or -1 as ck_store_write() (the crontab is then unchanged).
 */
CK_API int		 ck_store_write_tab(ck_store *s, const ck_tab *tab,
			    ck_error *err);

/*
 * Why the dialect's cron would ignore a file of this name in /etc/cron.d
 * (debian, busybox, openbsd: only [A-Za-z0-9_-]; cronie: a leading '.' or
 * '#', a trailing '~', .rpmsave, .rpmorig, .rpmnew; portable: both), or
 * NULL when cron reads it.
 * @return a static string, or NULL.
 */
CK_API const char	*ck_store_ignored_name(const char *name, ck_dialect d);
/*
 * The folder where the dialect's cron keeps users' crontabs, one file a
 * user named after them: /var/spool/cron/crontabs (debian, busybox,
 * portable), /var/spool/cron (cronie), /var/cron/tabs (openbsd).
 * @return a static string, without a trailing '/'.
 */
CK_API const char	*ck_store_spool_dir(ck_dialect d);

/* What kind of crontab a ck_store_entry is. */
enum ck_store_kind {
	CK_STORE_KIND_CRONTAB = 0,	/* <root>/etc/crontab */
	CK_STORE_KIND_CRON_D,		/* <root>/etc/cron.d/NAME */
	CK_STORE_KIND_SPOOL,		/* a user's file in the spool directory */
	CK_STORE_KIND_DIR		/* a directory that could not be read */
};

typedef struct ck_store_entry {
	enum ck_store_kind	 kind;
	const char		*path;	/* <root> + the system path */
	const char		*name;	/* last path component */
	const char		*user;	/* spool: the file name (the user) */
	bool			 system; /* system format (a user column) */
	unsigned int		 uid;	/* owner, from lstat(2) */
	unsigned int		 mode;	/* st_mode */
	/* Why cron ignores this file (name, owner or mode), or NULL. */
	const char		*ignored;
	/* errno of a failed lstat(2)/opendir(3), else 0. */
	int			 sys_errno;
} ck_store_entry;

/*
 * Why the dialect's cron would not read the existing file at path as a
 * crontab of this kind, or NULL when it reads it.  System crontabs
 * (CK_STORE_KIND_CRONTAB, CK_STORE_KIND_CRON_D): the name rules of
 * ck_store_ignored_name() for cron.d, a regular file (or a link to one,
 * both owned by root) owned by root, not writable by group or others, and
 * for cronie not executable.  A user's spool file (CK_STORE_KIND_SPOOL):
 * a regular file owned by owner_uid (any owner when it is -1), one link,
 * mode 0600 (cronie: owner-readable, no execute, no group/other write).
 * When the file cannot be examined, *sys_errno (may be NULL) gets errno
 * and a reason is returned.
 * @return a static string, or NULL.
 */
CK_API const char	*ck_store_file_ignored(const char *path,
			    enum ck_store_kind kind, ck_dialect d,
			    long owner_uid, int *sys_errno);

/*
 * Who must own user's spool file for cron to read it, under root ("" or
 * NULL: this host, else the image's <root>/etc/passwd and etc/group): the
 * user's uid, and the gid of the group "crontab" (Debian; else the group
 * named like the user, else 0).
 * @return 0, or -1 when the user is unknown.
 */
CK_API int		 ck_store_spool_owner(const char *root,
			    const char *user, long *uid, long *gid);

/*
 * The same answer for many users: the users and groups under root read
 * once (an image's etc/passwd and etc/group; this host's user database
 * when root is "" or NULL), so that checking every spool file of a host
 * costs one read of those files, not one per file.
 * @return the set, or NULL with err set (CK_ENOMEM).  Owned by the
 * caller; release with ck_owners_free().
 */
typedef struct ck_owners ck_owners;
CK_API ck_owners	*ck_owners_load(const char *root, ck_error *err);
/* As ck_store_spool_owner() for root.  @return 0, or -1: unknown user. */
CK_API int		 ck_owners_spool(const ck_owners *o, const char *user,
			    long *uid, long *gid);
CK_API void		 ck_owners_free(ck_owners *o);

typedef struct ck_store_list ck_store_list;

#define CK_LIST_SYSTEM	0x01u	/* /etc/crontab and /etc/cron.d/ */
#define CK_LIST_SPOOL	0x02u	/* every user's spool file */

/*
 * The crontabs of a host under root ("" or "/" for the host itself): with
 * CK_LIST_SYSTEM <root>/etc/crontab (when it exists) and every file in
 * <root>/etc/cron.d, with CK_LIST_SPOOL every file in the dialect's spool
 * directory (debian, busybox: /var/spool/cron/crontabs; cronie:
 * /var/spool/cron; openbsd: /var/cron/tabs).  Files cron ignores are
 * listed with the reason in `ignored`; a directory that cannot be read is
 * an entry of kind CK_STORE_KIND_DIR with sys_errno set, so the rest is
 * still listed.  Entries are sorted by path within each directory.
 * @return the list, or NULL with err set (CK_ENOMEM, CK_EINVAL).
 * Owned by the caller; release with ck_store_list_free().
 */
CK_API ck_store_list	*ck_store_list_host(const char *root, ck_dialect d,
			    unsigned int flags, ck_error *err);
CK_API size_t		 ck_store_list_count(const ck_store_list *l);
/* Borrowed: valid until l is freed. */
CK_API const ck_store_entry *ck_store_list_at(const ck_store_list *l,
			    size_t i);
CK_API void		 ck_store_list_free(ck_store_list *l);

/* ===================================================================== */
/* anacrontab: anacron's own table                                        */
/* ===================================================================== */

/*
 * An anacrontab (/etc/anacrontab): assignments NAME=VALUE (anacron itself
 * reads START_HOURS_RANGE and RANDOM_DELAY; SHELL, PATH, MAILTO, ... go to
 * the jobs below them) and jobs "PERIOD DELAY IDENTIFIER COMMAND", read
 * the way Debian's anacron 2.3 reads them: a backslash before a newline
 * joins two physical lines into one logical line, other backslashes are
 * dropped, PERIOD is a number of days or a named period (only "@monthly"
 * and "@yearly": anacron compares seven bytes, @daily, @weekly and
 * @annually are errors there), DELAY is minutes.  Like ck_tab, every byte
 * is kept: ck_anacrontab_format() of an unmodified document gives back the
 * input, and an edit re-renders only the lines it touches.  Lines anacron
 * skips are kept as CK_LINE_INVALID and reported by
 * ck_anacrontab_lint().  A disabled job is "#" followed by the job, under
 * a marker line "# cronkeep: IDENTIFIER".
 */
typedef struct ck_anacrontab ck_anacrontab;

enum ck_ana_period {
	CK_ANA_DAYS = 0,	/* every period_days days */
	CK_ANA_MONTHLY,		/* once in each calendar month */
	CK_ANA_YEARLY		/* once in each calendar year */
};

/* One job.  Text members are borrowed from the document. */
typedef struct ck_anajob {
	size_t		 line;		/* 0-based logical line index */
	unsigned int	 lineno;	/* 1-based physical line it starts on */
	bool		 enabled;
	enum ck_ana_period named;
	unsigned int	 period_days;	/* CK_ANA_DAYS: the period */
	unsigned int	 delay;		/* minutes, without RANDOM_DELAY */
	const char	*period_text;	/* as written: "1", "@monthly" */
	size_t		 period_len;
	const char	*id;		/* the job identifier */
	size_t		 id_len;
	const char	*command;	/* as anacron passes it to the shell */
	size_t		 command_len;
} ck_anajob;

/*
 * Parse an anacrontab.  Never fails on content (bad lines are kept); the
 * text is copied.
 * @return the document, or NULL (CK_ENOMEM).
 * Owned by the caller; release with ck_anacrontab_free().
 */
CK_API ck_anacrontab	*ck_anacrontab_parse(const char *text, size_t len,
			    ck_error *err);
CK_API void		 ck_anacrontab_free(ck_anacrontab *tab);
/*
 * Render the document.  *out is NUL-terminated.
 * @return 0, or -1 (CK_ENOMEM).
 * *out: owned by the caller; release with free(3).
 */
CK_API int		 ck_anacrontab_format(const ck_anacrontab *tab,
			    char **out, size_t *outlen, ck_error *err);
/* Logical lines (a continued line counts once). */
CK_API size_t		 ck_anacrontab_line_count(const ck_anacrontab *tab);
CK_API enum ck_line_kind ck_anacrontab_line_kind(const ck_anacrontab *tab,
			    size_t i);
/*
 * Logical line i's exact bytes, its line ending included.
 * Borrowed: valid until tab is modified or freed.
 */
CK_API const char	*ck_anacrontab_line_text(const ck_anacrontab *tab,
			    size_t i, size_t *len);
/* The 1-based physical line logical line i starts on. */
CK_API unsigned int	 ck_anacrontab_line_number(const ck_anacrontab *tab,
			    size_t i);
CK_API size_t		 ck_anacrontab_job_count(const ck_anacrontab *tab);
/* Borrowed: valid until tab is modified or freed. */
CK_API const ck_anajob	*ck_anacrontab_job(const ck_anacrontab *tab,
			    size_t i);
/*
 * The first job with this identifier, or NULL.
 * Borrowed: valid until tab is modified or freed.
 */
CK_API const ck_anajob	*ck_anacrontab_find(const ck_anacrontab *tab,
			    const char *id, size_t len);
/*
 * The value of name as set above logical line `line` (the last assignment
 * wins; pass ck_anacrontab_line_count() for the whole file), or NULL.
 * anacron keeps the value exactly: blanks and quotes included.
 * Borrowed: valid until tab is modified or freed.
 */
CK_API const char	*ck_anacrontab_getenv(const ck_anacrontab *tab,
			    size_t line, const char *name, size_t *vlen);

/* What anacron reads for itself; the last assignment in the file wins. */
struct ck_ana_settings {
	int		 hours_start;	/* START_HOURS_RANGE,
	    or -1 when unset */
	int		 hours_stop;	/* or invalid; jobs start when */
					/* start <= hour < stop */
	unsigned int	 random_delay;	/* RANDOM_DELAY: at most this many
					   minutes added to every delay */
};
CK_API void		 ck_anacrontab_settings(const ck_anacrontab *tab,
			    struct ck_ana_settings *s);

/*
 * Check an anacrontab: errors exactly where anacron skips a line (its
 * "Invalid syntax", "number out of range" and "Unknown named period"
 * messages, so the lines with errors are the lines `anacron -T` rejects)
 * and warnings of cronkeep's own (duplicate identifiers, delays reaching
 * past START_HOURS_RANGE, malformed START_HOURS_RANGE or RANDOM_DELAY,
 * period 0, carriage returns), sorted by line.  Lines are physical.
 * @return 0, or -1 (CK_ENOMEM).
 * *out: owned by the caller; release with ck_diag_list_free().
 */
CK_API int		 ck_anacrontab_lint(const ck_anacrontab *tab,
			    ck_diag_list **out, ck_error *err);

/* What ck_anacrontab_set() should make true. */
typedef struct ck_anajob_spec {
	const char	*id;		/* required: no blanks, '/', '#', '=' */
	size_t		 id_len;
	enum ck_ana_period named;
	unsigned int	 period_days;	/* CK_ANA_DAYS */
	unsigned int	 delay;		/* minutes */
	const char	*command;	/* required, not blank */
	size_t		 command_len;
	bool		 disabled;	/* write it commented out */
} ck_anajob_spec;

/*
 * Check a spec: identifier and command without newline, carriage return,
 * NUL or backslash (anacron would join or drop them), numbers that fit.
 * @return 0, or -1 (CK_EINVAL, CK_ERANGE).
 */
CK_API int		 ck_anajob_spec_check(const ck_anajob_spec *spec,
			    ck_error *err);
/*
 * Create or update the job with spec->id (written "PERIOD<TAB>DELAY<TAB>
 * ID<TAB>COMMAND"; a new job goes last).  *res: created, updated or
 * unchanged (then tab is not touched).
 * @return 0, or -1 with err set (tab unchanged).  Invalidates every
 * borrowed pointer of tab unless unchanged.
 */
CK_API int		 ck_anacrontab_set(ck_anacrontab *tab,
			    const ck_anajob_spec *spec, ck_set_result *res,
			    ck_error *err);
/*
 * Remove every job with this identifier (and its marker line).  *removed
 * gets how many.  @return 0, or -1 (CK_ENOMEM).
 */
CK_API int		 ck_anacrontab_remove(ck_anacrontab *tab,
			    const char *id, size_t len, size_t *removed,
			    ck_error *err);
/*
 * Switch the job with this identifier on or off.  *changed is false when
 * it already was.  @return 0, or -1 (CK_ENOTFOUND, CK_ENOMEM).
 */
CK_API int		 ck_anacrontab_set_enabled(ck_anacrontab *tab,
			    const char *id, size_t len, bool enable,
			    bool *changed, ck_error *err);

/*
 * A timestamp file's contents (/var/spool/anacron/ID: "YYYYMMDD", the day
 * of the last run).  @return 0, or -1 when it holds no such date.
 */
CK_API int		 ck_anacron_stamp_parse(const char *text, size_t len,
			    long *year, unsigned int *month,
			    unsigned int *day);
/*
 * When job becomes due in zone tz: local midnight of the timestamp's day
 * plus the period (CK_ANA_MONTHLY: the first of the next month;
 * CK_ANA_YEARLY: January 1st of the next year), or now when that is past
 * or there is no valid timestamp (stamp NULL: never ran).
 * @return 0, or -1 with err set.
 */
CK_API int		 ck_anajob_due(const ck_anajob *job, const char *stamp,
			    size_t stamp_len, const ck_tz *tz, time_t now,
			    time_t *out, ck_error *err);
/*
 * When job runs next: the first time anacron is started (a fire time of
 * start, the host's anacron timer or cron line; NULL: started only by
 * hand or at boot, then the due time) at or after the due time and within
 * START_HOURS_RANGE, plus the job's delay.  RANDOM_DELAY is not added
 * (it is random); anacron's own timer delay neither.
 * @return 0, or -1 with err set (CK_ENEVER: disabled, or never started
 * within the hours range).
 */
CK_API int		 ck_anajob_next(const ck_anacrontab *tab,
			    const ck_anajob *job, const char *stamp,
			    size_t stamp_len, const ck_expr *start,
			    const ck_tz *tz, time_t now, time_t *out,
			    ck_error *err);

/* ===================================================================== */
/* run-parts folders: /etc/cron.hourly, daily, weekly, monthly            */
/* ===================================================================== */

/*
 * What Debian's run-parts (without --lsbsysinit) does with each entry of a
 * folder: a name must match ^[A-Za-z0-9_-]+$, the entry is followed
 * through links, must be a regular file and executable (access(2) X_OK
 * for the calling user).  The entries that run are exactly what
 * `run-parts --test DIR` lists, in its order (bytewise, as in the C
 * locale).
 */
typedef struct ck_runparts ck_runparts;

typedef struct ck_runpart {
	const char	*name;		/* the file name */
	const char	*path;		/* DIR/name */
	bool		 runs;		/* run-parts runs it */
	unsigned int	 skip_rule;	/* lint rule of skip_why, or 0 */
	const char	*skip_why;	/* why it is skipped (static),
	    or NULL */
	const char	*unsafe_why;	/* regular file not owned by root or
					   writable by group or others
					   (static), or NULL */
	bool		 have_stat;	/* uid and mode are set */
	bool		 is_link;	/* the entry is a symbolic link */
	unsigned int	 uid;		/* owner (through links) */
	unsigned int	 mode;		/* st_mode (through links) */
	int		 sys_errno;	/* a failed stat(2), else 0 */
} ck_runpart;

/*
 * Why run-parts skips a file of this name (a dot, another character, a
 * package manager's .dpkg-old, ...), or NULL when it runs it.
 * @return a static string, or NULL.
 */
CK_API const char	*ck_runparts_name_skip(const char *name);
/*
 * Read folder dir and judge each entry (but "." and "..").
 * @return the folder, or NULL with err set (CK_ENOTFOUND, CK_EPERM,
 * CK_EIO with sys_errno, CK_ENOMEM).
 * Owned by the caller; release with ck_runparts_free().
 */
CK_API ck_runparts	*ck_runparts_scan(const char *dir, ck_error *err);
CK_API void		 ck_runparts_free(ck_runparts *rp);
CK_API size_t		 ck_runparts_count(const ck_runparts *rp);
/* Borrowed: valid until rp is freed. */
CK_API const ck_runpart	*ck_runparts_at(const ck_runparts *rp, size_t i);
/*
 * The findings about one entry (line 0: about the file): why run-parts
 * skips it (rules run-parts-name, run-parts-leftover,
 * run-parts-not-executable, run-parts-not-regular; hidden names such as
 * .placeholder are not reported) and, for a script that runs,
 * run-parts-unsafe.
 * @return 0, or -1 (CK_ENOMEM).
 * *out: owned by the caller; release with ck_diag_list_free().
 */
CK_API int		 ck_runpart_lint(const ck_runpart *p,
			    ck_diag_list **out, ck_error *err);
/*
 * Put a script into folder dir as dir/name, the way run-parts will run
 * it: the name must pass ck_runparts_name_skip() (else CK_EINVAL with the
 * reason, nothing written); the text goes to a hidden temporary file in
 * dir that is written, given to root:root with mode 0755, fsynced and
 * renamed over dir/name (an existing non-regular dir/name is refused,
 * CK_EPERM).  *changed is false when dir/name already was exactly this
 * (text, 0755, root:root).
 * @return 0, or -1 with err set (CK_EINVAL, CK_ENOTFOUND: no folder,
 * CK_EPERM: not allowed to give the file to root, CK_EIO, CK_ENOMEM).
 */
CK_API int		 ck_runparts_install(const char *dir, const char *name,
			    const char *text, size_t len, bool *changed,
			    ck_error *err);

/* ===================================================================== */
/* Comparing crontabs                                                     */
/* ===================================================================== */

/* What changed about one job (bits). */
#define CK_DIFF_ADDED		0x001u	/* only in the new crontab */
#define CK_DIFF_REMOVED		0x002u	/* only in the old crontab */
#define CK_DIFF_SCHEDULE	0x004u	/* fires at other times */
#define CK_DIFF_RESPELLED	0x008u	/* same times, other spelling */
#define CK_DIFF_COMMAND		0x010u
#define CK_DIFF_ENABLED		0x020u	/* enabled or disabled */
#define CK_DIFF_ENV		0x040u	/* its effective environment */
#define CK_DIFF_USER		0x080u	/* the user column */
#define CK_DIFF_MOVED		0x100u	/* its place among the jobs */

/* ck_tab_diff() flags. */
#define CK_DIFF_IGNORE_COMMENTS	0x01u	/* "cmd # note": compare "cmd" */

typedef struct ck_tabdiff ck_tabdiff;

typedef struct ck_jobdiff {
	const ck_job	*old;		/* NULL when added */
	const ck_job	*new_;		/* NULL when removed */
	unsigned int	 what;		/* CK_DIFF_* bits */
	const char	*env;		/* names whose values differ, ", "-joined, or NULL */
} ck_jobdiff;

/*
 * A semantic diff of two crontabs: jobs are matched by id, else by command
 * (then by schedule), and each pair is compared by meaning: "0 * * * *" and
 * "@hourly" are the same schedule, respelled.  Comments, blank lines and
 * spacing do not count.  Only jobs with a change are listed, in the order
 * of the new crontab, removed jobs after.
 * Owned by the caller; release with ck_tabdiff_free().  The jobs it points
 * to are borrowed from a and b, which must outlive it.
 */
CK_API ck_tabdiff	*ck_tab_diff(const ck_tab *a, const ck_tab *b,
			    unsigned int flags, ck_error *err);
CK_API size_t		 ck_tabdiff_count(const ck_tabdiff *d);
/* Borrowed: valid until d is freed. */
CK_API const ck_jobdiff	*ck_tabdiff_at(const ck_tabdiff *d, size_t i);
CK_API void		 ck_tabdiff_free(ck_tabdiff *d);

/* ===================================================================== */
/* Export                                                                 */
/* ===================================================================== */

/* Where a job is exported to. */
typedef enum ck_export_target {
	CK_EXPORT_SYSTEMD = 0,	/* a .timer and a .service unit */
	CK_EXPORT_KUBERNETES	/* a batch/v1 CronJob manifest (YAML) */
} ck_export_target;

struct ck_export_opts {
	size_t		 size;		/* set by CK_EXPORT_OPTS_INIT */
	const char	*zone;		/* zone for the schedule, or NULL: the
					   job's CRON_TZ (cronie), else none */
	const char	*user;		/* user of a user crontab's jobs */
	const char	*image;		/* container image (Kubernetes) */
	const char	*prefix;	/* of names; NULL: "cronkeep-" */
	time_t		 now;		/* to size startingDeadlineSeconds */
};
#define CK_EXPORT_OPTS_INIT { .size = sizeof(struct ck_export_opts) }

typedef struct ck_export ck_export;

/*
 * Translate one job.  systemd: OnCalendar= lines that fire at exactly
 * cron's minutes (two lines where cron's day-of-month OR weekday rule needs
 * them), AccuracySec=1s, Persistent=false, RandomizedDelaySec from
 * cronie's RANDOM_DELAY, the zone; the service runs "$SHELL -c CMD" as the
 * job's user with the crontab's environment and '%' text as standard
 * input.  Kubernetes: a CronJob with the schedule, timeZone,
 * concurrencyPolicy Allow and startingDeadlineSeconds up to the gap
 * between two runs.  What cannot be carried over is said in notes; such a
 * translation is not faithful.
 * Owned by the caller; release with ck_export_free().
 */
CK_API ck_export	*ck_export_job(const ck_tab *tab, const ck_job *job,
			    ck_export_target target,
			    const struct ck_export_opts *opts, ck_error *err);
/*
 * Translate an anacron job (of an anacrontab) to a systemd timer and
 * service: OnCalendar= daily (period 1), weekly (7), monthly, yearly at
 * START_HOURS_RANGE's first hour plus the delay, Persistent=true (a missed
 * run is made up, as anacron does), RandomizedDelaySec= from RANDOM_DELAY;
 * the service runs "$SHELL -c COMMAND" as root with the assignments above
 * the job.  Other periods fire daily and the hours range is not enforced:
 * said in notes, not faithful.  Kubernetes: no files, a note.
 * Owned by the caller; release with ck_export_free().
 */
CK_API ck_export	*ck_export_anajob(const ck_anacrontab *tab,
			    const ck_anajob *job, ck_export_target target,
			    const struct ck_export_opts *opts, ck_error *err);
/* The unit or CronJob name. Borrowed: valid until x is freed. */
CK_API const char	*ck_export_name(const ck_export *x);
/* Files to write (none when the job cannot be exported at all). */
CK_API size_t		 ck_export_file_count(const ck_export *x);
/* Borrowed: valid until x is freed. */
CK_API const char	*ck_export_file_name(const ck_export *x, size_t i);
/* Borrowed: valid until x is freed. */
CK_API const char	*ck_export_file_text(const ck_export *x, size_t i);
CK_API size_t		 ck_export_note_count(const ck_export *x);
/* Borrowed: valid until x is freed. */
CK_API const char	*ck_export_note(const ck_export *x, size_t i);
/* True when the target does exactly what cron would. */
CK_API bool		 ck_export_faithful(const ck_export *x);
CK_API void		 ck_export_free(ck_export *x);
/*
 * The systemd OnCalendar= values for a schedule, one a line ("\n"
 * between; *n gets 1 or 2), with zone appended when not NULL.
 * @return 0, or -1 (CK_EINVAL for @reboot, CK_ENOMEM).
 * *out: owned by the caller; release with free(3).
 */
CK_API int		 ck_expr_oncalendar(const ck_expr *e,
			    const char *zone, char **out, size_t *n,
			    ck_error *err);

/* ===================================================================== */
/* Building schedules                                                     */
/* ===================================================================== */

/*
 * A declarative schedule builder in the manner of python-crontab's
 * every / on / during / also / clear / setall.  A new builder holds
 * "* * * * *".  Operations that fail leave the builder unchanged.
 */
typedef struct ck_build ck_build;

/* The unit of ck_build_every(). */
enum ck_unit {
	CK_UNIT_MINUTE = 0,	/* every n minutes:  *\/n * * * *        */
	CK_UNIT_HOUR,		/* every n hours:    0 *\/n * * *        */
	CK_UNIT_DAY,		/* every n days:     0 0 *\/n * *        */
	CK_UNIT_MONTH,		/* every n months:   0 0 1 *\/n *        */
	CK_UNIT_WEEKDAY,	/* every n weekdays: 0 0 * * *\/n        */
	CK_UNIT_YEAR		/* every year (n must be 1): @yearly     */
};

/*
 * A new builder holding "* * * * *".
 * @return NULL when out of memory.
 * Owned by the caller; release with ck_build_free().
 */
CK_API ck_build		*ck_build_new(void);
CK_API void		 ck_build_free(ck_build *b);
/*
 * Replace the whole schedule with a parsed expression (five fields or an
 * @keyword) under dialect d.  Errors carry line 1 and the column.
 * @return 0, or -1 with err set.
 */
CK_API int		 ck_build_setall(ck_build *b, const char *expr,
			    size_t len, ck_dialect d, ck_error *err);
/*
 * python-crontab's job.every(n).<unit>(): every field is reset to "*",
 * the fields smaller than unit are set to their first value (minute 0,
 * hour 0, day 1; for CK_UNIT_WEEKDAY the day of month stays "*") and the
 * unit's field becomes "*\/n" ("*" when n is 1).  n must be 1..59
 * (minutes), 1..23 (hours), 1..30 (days), 1..11 (months), 1..6 (days of
 * the week), 1 (years).
 * @return 0, or -1 (CK_ERANGE for n, CK_EINVAL for unit).
 */
CK_API int		 ck_build_every(ck_build *b, unsigned int n,
			    enum ck_unit unit, ck_error *err);
/*
 * Replace field f with exactly these values (day of week 0-7, 7 is
 * Sunday).  n must be > 0.
 * @return 0, or -1 (CK_ERANGE for a value out of the field's range,
 * CK_EINVAL for n == 0).
 */
CK_API int		 ck_build_on(ck_build *b, enum ck_field f,
			    const int *values, size_t n, ck_error *err);
/*
 * Add values to field f.  On a field that is "*" this is ck_build_on()
 * (python-crontab's also.on).
 * @return 0, or -1 as ck_build_on().
 */
CK_API int		 ck_build_also_on(ck_build *b, enum ck_field f,
			    const int *values, size_t n, ck_error *err);
/*
 * Replace field f with the range from-to stepping by step ("9-17/2").
 * @return 0, or -1 (CK_ERANGE for bounds outside the field, CK_EINVAL for
 * step 0 or from > to).
 */
CK_API int		 ck_build_during(ck_build *b, enum ck_field f, int from,
			    int to, unsigned int step, ck_error *err);
/* Set field f back to "*". */
CK_API void		 ck_build_clear(ck_build *b, enum ck_field f);
/*
 * Replace the schedule with an @keyword (CK_KW_REBOOT included); CK_KW_NONE
 * resets to "* * * * *".  A later field operation first expands the
 * keyword to its five fields (@reboot to "* * * * *").
 */
CK_API void		 ck_build_keyword(ck_build *b, enum ck_keyword kw);
/*
 * The schedule as compact cron text: "*\/5", "1-5", "1,15", "9-17/2",
 * "@daily"; numbers, never names.  A field keeps starting with "*" exactly
 * when it was set with every/clear/setall("*..."), so cron's day rule is
 * preserved.  NUL-terminated.
 * @return the text, or NULL (CK_ENOMEM).
 * Owned by the caller; release with free(3).
 */
CK_API char		*ck_build_text(const ck_build *b, ck_error *err);
/*
 * The schedule parsed under dialect d.
 * @return the schedule, or NULL with err set.
 * Owned by the caller; release with ck_expr_free().
 */
CK_API ck_expr		*ck_build_expr(const ck_build *b, ck_dialect d,
			    ck_error *err);
/*
 * A month or day-of-week name (three letters, any case: "jan", "Mon") to
 * its number (1-12, 0-6).  Other fields have no names.
 * @return 0, or -1 when name is not a name of field f.
 */
CK_API int		 ck_field_value_from_name(enum ck_field f,
			    const char *name, size_t len, int *out);
/*
 * The name of value v of field f, capitalised: "Jan" ... "Dec" for a
 * month (1-12), "Sun" ... "Sat" for a day of the week (0-7, 7 being
 * Sunday); with full, "January", "Sunday".  Since 1.1.
 * @return the name, or NULL for another field or a value out of range.
 * Static: never freed.
 */
CK_API const char	*ck_field_value_name(enum ck_field f, int v,
			    bool full);

/* ===================================================================== */
/* Human phrases                                                          */
/* ===================================================================== */

/*
 * Turn a phrase ("every weekday at 18:30", "every 15 minutes from 09:00
 * to 17:59 on weekdays", "daily at 3am", "at reboot") into a cron
 * expression ("30 18 * * 1-5").  A phrase cron cannot express exactly
 * ("every 7 hours", "every 90 minutes") is refused with the reason,
 * never approximated.  The grammar is in docs/explain.md.
 * @return NUL-terminated cron text, or NULL with err set (CK_ESYNTAX with
 * line 1 and the column of the offending word, or CK_ERANGE).
 * Owned by the caller; release with free(3).
 */
CK_API char		*ck_phrase_to_cron(const char *phrase, size_t len,
			    ck_error *err);

/* ===================================================================== */
/* Hashed schedules (since 1.1)                                           */
/* ===================================================================== */

/*
 * Jenkins' "H" forms spread jobs over the hour without a coordinator: H,
 * H/N, H(A-B) and H(A-B)/N, in any field, stand for values chosen by a
 * stable hash of a key.  The key is FNV-1a (64 bits) over HOST NUL OWNER
 * NUL ID, or over seed when it is not NULL (docs/cronkeep.1, HASHED
 * TIMES, gives the whole rule).
 */
typedef struct ck_hash_opts {
	size_t		 size;		/* set by CK_HASH_OPTS_INIT */
	const char	*host;		/* the host name; NULL: empty */
	size_t		 host_len;
	const char	*owner;		/* the crontab's owner; NULL: empty */
	size_t		 owner_len;
	const char	*id;		/* the job's id; NULL: empty */
	size_t		 id_len;
	const char	*seed;		/* not NULL: hash this instead */
	size_t		 seed_len;
} ck_hash_opts;

#define CK_HASH_OPTS_INIT { .size = sizeof(ck_hash_opts) }

/*
 * The key of a job: FNV-1a over its host, owner and id, or over the seed.
 * @return 0 with *key set, or -1 (CK_EINVAL: opts not from its _INIT).
 */
CK_API int		 ck_hash_key(const ck_hash_opts *opts,
			    unsigned long long *key, ck_error *err);
/* True when schedule text holds an "H" element in some field. */
CK_API bool		 ck_sched_is_hashed(const char *text, size_t len);
/*
 * The schedule text with every H element replaced by the values key
 * chooses (fields joined by one space; a text without H comes back with
 * only that change; an @keyword unchanged).  The result is plain cron
 * that every dialect accepts when the rest of the text is.
 * @return NUL-terminated text, or NULL with err set (CK_ESYNTAX,
 * CK_ERANGE with line 1 and the byte column of the element; CK_ENOMEM).
 * Owned by the caller; release with free(3).
 */
CK_API char		*ck_sched_resolve(const char *text, size_t len,
			    unsigned long long key, size_t *outlen,
			    ck_error *err);
/*
 * ck_phrase_to_cron() with one more clause, "at some minute" or "at some
 * time", optionally with a window ("between 01:00 and 05:00"): "daily at
 * some minute between 01:00 and 05:00" gives "H H(1-4) * * *", for
 * ck_sched_resolve().  A phrase without the clause gives what
 * ck_phrase_to_cron() gives.
 * @return NUL-terminated text, or NULL with err set as
 * ck_phrase_to_cron() does.  Owned by the caller; release with free(3).
 */
CK_API char		*ck_phrase_to_hashed(const char *phrase, size_t len,
			    ck_error *err);

/* ===================================================================== */
/* Running jobs                                                           */
/* ===================================================================== */

/*
 * Split a job's command field as cron does just before running it.  The
 * text before the first '%' that is not escaped by a backslash is the
 * command given to the shell; everything after it is the job's standard
 * input, in which each further '%' becomes a newline and a newline is
 * added at the end when the text does not already end with one.  "\%"
 * becomes "%" in both parts; other backslashes are kept (in the command
 * part Debian's cron also turns "\\" into "\", see
 * ck_command_split_dialect()).  Like cron, the text ends at a NUL byte.
 * This function applies Debian's rules (the default dialect).
 * @param command receives the command part, NUL-terminated.
 * @param stdin_text receives the standard input, NUL-terminated, or NULL
 * when the field has no unescaped '%' (both mean an empty input: cron
 * writes nothing and closes the pipe); may be NULL when not wanted.
 * @return 0, or -1 (CK_ENOMEM).
 * *command and *stdin_text: owned by the caller; release with free(3).
 */
CK_API int		 ck_command_split(const char *cmd, size_t len,
			    char **command, char **stdin_text, ck_error *err);
/*
 * As ck_command_split(), under the rules of dialect d: debian and
 * portable turn "\\" into "\" in the command part (Vixie 3.0, observed
 * with Debian's cron 3.0pl1-162); cronie and openbsd keep it (Vixie 4.1);
 * busybox does no '%' processing at all (the whole field is the command).
 * *command and *stdin_text: owned by the caller; release with free(3).
 */
CK_API int		 ck_command_split_dialect(const char *cmd, size_t len,
			    ck_dialect d, char **command, char **stdin_text,
			    ck_error *err);

/*
 * The inverse of ck_command_split_dialect() without standard input: the
 * command field that makes cron of dialect d give the shell exactly the
 * command cmd ('%' is written "\%", and under debian's rules a backslash
 * before a backslash or a '%' is doubled; busybox takes the text as it
 * is).  Under portable the field must read the same under debian's and
 * cronie's rules.  The result is checked by splitting it again.
 * @return 0, or -1 (CK_EINVAL, column of the byte that cannot be said
 * for this cron, such as a backslash before '%' under cronie; CK_ENOMEM).
 * *out: NUL-terminated; owned by the caller; release with free(3).
 */
CK_API int		 ck_command_encode(const char *cmd, size_t len,
			    ck_dialect d, char **out, size_t *outlen,
			    ck_error *err);
/*
 * A job's command as the shell gets it and its standard input: its
 * command field split by the rules of its tab's dialect (the field itself
 * is ck_job_command()).  *stdin_text is NULL when there is none.
 * @return 0, or -1 (CK_ENOMEM).
 * *command and *stdin_text: owned by the caller; release with free(3).
 */
CK_API int		 ck_job_split(const ck_tab *tab, const ck_job *job,
			    char **command, char **stdin_text, ck_error *err);

/* Defaults of struct ck_run_opts. */
#define CK_RUN_OUTPUT_MAX	(1024u * 1024u)	/* bytes of output kept */
#define CK_RUN_KILL_GRACE_MS	2000u	/* SIGTERM to SIGKILL on timeout */

/*
 * What the library cannot know by itself (it never reads the password
 * database nor the environment): who the job runs as, and limits.
 */
struct ck_run_opts {
	size_t		 size;		/* set by CK_RUN_OPTS_INIT */
	const char	*user;		/* LOGNAME (and USER): the job's user */
	const char	*home;		/* HOME unless the crontab sets it */
	const char	*path;		/* PATH unless set; NULL: the dialect's */
	bool		 switch_user;	/* become uid/gid/groups (needs root) */
	unsigned int	 uid;
	unsigned int	 gid;
	const unsigned int *groups;	/* supplementary groups, for switch_user */
	size_t		 ngroups;
	size_t		 output_max;	/* 0: CK_RUN_OUTPUT_MAX */
	unsigned int	 timeout_ms;	/* 0: no timeout */
	unsigned int	 kill_grace_ms;	/* 0: CK_RUN_KILL_GRACE_MS */
};
#define CK_RUN_OPTS_INIT { .size = sizeof(struct ck_run_opts) }

/* Exactly what would be executed. */
struct ck_run_plan {
	char		**argv;		/* { SHELL, "-c", command, NULL } */
	char		**envp;		/* "NAME=value" ..., NULL */
	char		 *cwd;		/* the job's HOME */
	char		 *stdin_text;	/* fed to standard input; NULL: none */
	size_t		  stdin_len;
};

struct ck_run_result {
	int		 exit_status;	/* 0-255, or -1 when killed by a signal */
	int		 signal;	/* the signal that ended it, or 0 */
	bool		 core_dumped;
	bool		 timed_out;	/* opts->timeout_ms passed: group killed */
	bool		 output_truncated; /* more than output_max bytes came */
	char		*output;	/* stdout and stderr, interleaved */
	size_t		 output_len;	/* bytes kept; output is NUL-terminated */
	unsigned long long output_total; /* bytes the job wrote */
	unsigned long long duration_ms;	/* start to exit and end of output */
	long		 pid;
};

/*
 * Work out how cron would run job (of tab) without running it: the
 * environment is ONLY the assignments above the job's line (the last
 * assignment of a name wins) plus cron's own: SHELL=/bin/sh, HOME=
 * opts->home and PATH (the dialect's default, /usr/bin:/bin for Debian)
 * when the crontab does not set them, LOGNAME=opts->user always, and
 * USER=opts->user always except for debian and portable (Debian's cron
 * does not set USER).  busybox ignores the crontab's assignments.  The
 * command goes through the '%' rule of the tab's dialect, then runs as
 * { $SHELL, "-c", command } in the directory $HOME.  PAM's additions
 * (pam_env on Debian) are not reproduced.
 * @return 0, or -1 (CK_EINVAL without opts->user or opts->home,
 * CK_ENOMEM).
 * The plan's members: owned by the caller; release with
 * ck_run_plan_clear().
 */
CK_API int		 ck_job_plan(const ck_tab *tab, const ck_job *job,
			    const struct ck_run_opts *opts,
			    struct ck_run_plan *plan, ck_error *err);
CK_API void		 ck_run_plan_clear(struct ck_run_plan *plan);
/*
 * Run a plan and wait for it: the process starts in a new session (its
 * own process group) with default signal dispositions and an empty signal
 * mask; standard output and standard error share one pipe, as in cron's
 * mail; standard input is a pipe holding plan->stdin_text; descriptors
 * above 2 are closed and the umask is 022.  The child is started by
 * fork(2) (posix_spawn(3) can set neither the umask nor the ids) and, in
 * the child, with opts->switch_user, setgroups/setgid/setuid, then chdir
 * and execve.  On timeout the process group gets SIGTERM, then SIGKILL
 * after opts->kill_grace_ms.  SIGPIPE is blocked in the calling thread
 * while writing the input.
 * @return 0 when the job ran, whatever its status; -1 when it could not
 * be started (CK_ECHILD with sys_errno: no such shell, HOME not
 * accessible, ids not changeable; CK_EIO, CK_ENOMEM).
 * res->output: owned by the caller; release with ck_run_result_clear().
 */
CK_API int		 ck_plan_run(const struct ck_run_plan *plan,
			    const struct ck_run_opts *opts,
			    struct ck_run_result *res, ck_error *err);
/*
 * ck_job_plan() then ck_plan_run(): run job now exactly as cron would.
 * res->output: owned by the caller; release with ck_run_result_clear().
 */
CK_API int		 ck_job_run(const ck_tab *tab, const ck_job *job,
			    const struct ck_run_opts *opts,
			    struct ck_run_result *res, ck_error *err);
CK_API void		 ck_run_result_clear(struct ck_run_result *res);

/* ===================================================================== */
/* cron's own log                                                         */
/* ===================================================================== */

/* What a log line says happened. */
enum ck_log_event {
	CK_LOG_CMD = 0,		/* a job started: "CMD (...)", busybox "cmd" */
	CK_LOG_END,		/* it ended: Debian "END", cronie "CMDEND" */
	CK_LOG_OUTPUT,		/* a line of its output: cronie "CMDOUT" */
	CK_LOG_FAILED		/* Debian: "grandchild #N failed with exit
				   status S" (cron -L 4) */
};

/* "No such entry" for indexes into a ck_log. */
#define CK_LOG_NONE	((size_t)-1)
/*
 * A logged command at least this long may have been cut by cron (Vixie
 * 3.0 keeps 1000 bytes of a command) or by a syslog daemon: a job whose
 * command starts with it matches.
 */
#define CK_LOG_PREFIX_MIN	250u

/* One line of cron's log.  Text members point into the log's copy. */
typedef struct ck_log_entry {
	time_t		 time;		/* seconds since the epoch */
	unsigned int	 usec;		/* fraction of a second, when logged */
	bool		 year_inferred;	/* classic stamp: the year was guessed */
	enum ck_log_event event;
	const char	*host;
	size_t		 host_len;
	const char	*tag;		/* "CRON", "CROND", "crond", ... */
	size_t		 tag_len;
	long		 pid;		/* of the logging process; -1 if none */
	long		 job_pid;	/* the job's, when logged; else -1 */
	const char	*user;
	size_t		 user_len;
	const char	*text;		/* the command as cron logged it, or an
					   output line */
	size_t		 text_len;
	bool		 truncated;	/* no closing ")": the line was cut */
	int		 exit_status;	/* CK_LOG_FAILED: the status; else -1 */
	unsigned int	 line;		/* 1-based line in the text */
} ck_log_entry;

typedef struct ck_log ck_log;

/*
 * Find cron's lines in a log: syslog files (classic "Nov 25 13:00:01" or
 * RFC 3339 stamps) and journalctl -o short-iso output, from Debian's cron
 * ("CRON[PID]: (USER) CMD ([JOBPID] COMMAND)", "END", and "(CRON) error
 * (grandchild #N failed with exit status S)"), cronie ("CROND[PID]:
 * (USER) CMD|CMDEND|CMDOUT (...)") and busybox ("crond[PID]: USER NAME
 * pid N cmd COMMAND").  Other lines are skipped.  Host and user names may
 * hold any byte but blanks (user names: but ')').
 * Classic stamps have no year nor offset: ck_log_parse() reads them as
 * local time in the calling process's TZ (mktime(3)), ck_log_parse_tz()
 * in the zone tz (the host's, whose syslog wrote them; NULL: the
 * process's TZ as ck_log_parse()); in the hour a clock goes back, the
 * later of the two instants when the next entry is not before it.  The
 * last one is in the year of ref_time (the file's mtime:
 * nothing in it is newer) or the year before when its month lies after
 * ref_time's, and walking backwards each step from January back to a
 * later month goes one year back.  A stamp that carries a year resets the
 * walk.  The text is copied.
 * @return the log, or NULL (CK_ENOMEM).
 * Owned by the caller; release with ck_log_free().
 */
CK_API ck_log		*ck_log_parse(const char *text, size_t len,
			    time_t ref_time, ck_error *err);
CK_API ck_log		*ck_log_parse_tz(const char *text, size_t len,
			    time_t ref_time, const ck_tz *tz, ck_error *err);
CK_API void		 ck_log_free(ck_log *log);
CK_API size_t		 ck_log_count(const ck_log *log);
/* Borrowed: valid until log is freed. */
CK_API const ck_log_entry *ck_log_at(const ck_log *log, size_t i);
/*
 * True when e logs the command field cmd (as written in the crontab):
 * cron logs the command part after its '%' rule (dialect d), with control
 * bytes as "^X" and bytes above 0x7e as "\ooo".  A logged text that was
 * cut (e->truncated, or at least CK_LOG_PREFIX_MIN bytes) matches a
 * command that starts with it.
 */
CK_API bool		 ck_log_entry_matches(const ck_log_entry *e,
			    const char *cmd, size_t len, ck_dialect d);

/* One run: a CMD entry and what the same process logged after it. */
struct ck_log_run {
	size_t		 cmd;		/* index of the CK_LOG_CMD entry */
	size_t		 end;		/* the CK_LOG_END entry, or CK_LOG_NONE */
	size_t		 failed;	/* the CK_LOG_FAILED entry, or NONE */
	int		 exit_status;	/* from failed; -1 when not logged */
	size_t		*output;	/* CK_LOG_OUTPUT entries, in order */
	size_t		 noutput;
};
/*
 * Group the entries into runs: END, FAILED and OUTPUT entries belong to
 * the latest open run of the same host and process id (Debian logs them
 * from the process that logged CMD; cronie from the job's pid).  Runs are
 * in the order of their CMD lines.
 * @return 0, or -1 (CK_ENOMEM).
 * *runs: owned by the caller; release with ck_log_runs_free().
 */
CK_API int		 ck_log_runs(const ck_log *log,
			    struct ck_log_run **runs, size_t *n,
			    ck_error *err);
CK_API void		 ck_log_runs_free(struct ck_log_run *runs, size_t n);

#ifdef __cplusplus
}
#endif

#endif /* CRONKEEP_H */
