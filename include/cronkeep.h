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

#define CK_VERSION_STRING "0.1.0"

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
 * Guess the cron installed under root ("/" normally): cronie when
 * root/usr/sbin/crond exists, busybox when only busybox provides crond,
 * else debian.
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
	CK_LINE_DISABLED,	/* "#" + job line, under a marker */
	CK_LINE_INVALID		/* kept verbatim; see ck_tab_diags() */
};

enum ck_marker {
	CK_MARKER_NONE = 0,
	CK_MARKER_CRONKEEP,	/* # cronkeep: ID */
	CK_MARKER_ANSIBLE,	/* #Ansible: NAME */
	CK_MARKER_PUPPET,	/* # Puppet Name: NAME */
	CK_MARKER_CHEF,		/* # Chef Name: NAME */
	CK_MARKER_SALT		/* # SALT_CRON_IDENTIFIER:ID */
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

/* ===================================================================== */
/* Time zones and fire times                                              */
/* ===================================================================== */

/* ===================================================================== */
/* Describing schedules                                                   */
/* ===================================================================== */

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
};
#define CK_LINT_OPTS_INIT \
	{ NULL, false, false, 0, 0, false, 0, 0, NULL, 0, 0 }

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

/* ===================================================================== */
/* Where crontabs live                                                    */
/* ===================================================================== */

/* ===================================================================== */
/* Export                                                                 */
/* ===================================================================== */

#ifdef __cplusplus
}
#endif

#endif /* CRONKEEP_H */
