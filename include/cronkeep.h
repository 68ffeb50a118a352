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

/* ===================================================================== */
/* Where crontabs live                                                    */
/* ===================================================================== */

/* ===================================================================== */
/* Export                                                                 */
/* ===================================================================== */

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

/* Defaults of struct ck_run_opts. */
#define CK_RUN_OUTPUT_MAX	(1024u * 1024u)	/* bytes of output kept */
#define CK_RUN_KILL_GRACE_MS	2000u	/* SIGTERM to SIGKILL on timeout */

/*
 * What the library cannot know by itself (it never reads the password
 * database nor the environment): who the job runs as, and limits.
 */
struct ck_run_opts {
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
	unsigned long long duration_ms;	/* start to exit (monotonic clock) */
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
 * mail; standard input is a pipe holding plan->stdin_text.  Without
 * opts->switch_user the child is started with posix_spawn(3); with it, by
 * fork(2) and, in the child, setgroups/setgid/setuid before chdir and
 * execve (posix_spawn cannot change ids).  On timeout the process group
 * gets SIGTERM, then SIGKILL after opts->kill_grace_ms.  SIGPIPE is
 * blocked in the calling thread while writing the input.
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
 * Classic stamps have no year: they are read as local time (the calling
 * process's TZ), the last one in the year of ref_time (the file's mtime:
 * nothing in it is newer) or the year before when its month lies after
 * ref_time's, and walking backwards each step from January back to a
 * later month goes one year back.  A stamp that carries a year resets the
 * walk.  The text is copied.
 * @return the log, or NULL (CK_ENOMEM).
 * Owned by the caller; release with ck_log_free().
 */
CK_API ck_log		*ck_log_parse(const char *text, size_t len,
			    time_t ref_time, ck_error *err);
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
