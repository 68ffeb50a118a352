/* SPDX-License-Identifier: ISC */
/*
 * internal.h - structures and helpers shared inside libcronkeep.
 * Never installed.  Tests include it to reach internals.
 */
#ifndef CK_INTERNAL_H
#define CK_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cronkeep.h"
#include "calendar.h"
#include "testhooks.h"

#define CK_NONE		UINT32_MAX

/* A deliberate fall through a case label (gcc >= 7 and clang know it). */
#if defined(__has_attribute)
#if __has_attribute(fallthrough)
#define CK_FALLTHROUGH	__attribute__((fallthrough))
#endif
#endif
#ifndef CK_FALLTHROUGH
#define CK_FALLTHROUGH	do { } while (0)
#endif

/* ---- characters: ASCII only, never the locale ---- */
static inline bool ck_isdigit(int c) { return c >= '0' && c <= '9'; }
static inline bool ck_isalpha(int c)
{ return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static inline bool ck_isalnum(int c) { return ck_isdigit(c) || ck_isalpha(c); }
static inline bool ck_isblank(int c) { return c == ' ' || c == '\t'; }
static inline int ck_tolower(int c)
{ return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c; }

/* ---- errors (error.c) ---- */
/* Fill err (if not NULL) and return -1. */
int	ck_error_set(ck_error *err, enum ck_code code, unsigned int line,
	    unsigned int col, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
int	ck_error_sys(ck_error *err, enum ck_code code, int sys_errno,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
int	ck_error_oom(ck_error *err);

/* ---- versions (version.c) ---- */
/*
 * Read the caller's options struct src (first member: size_t size, set by
 * its _INIT macro; may be NULL for all defaults) into dst, the library's
 * own layout of dstsize bytes.  Fields an older caller lacks read as zero;
 * a newer caller's fields beyond dstsize must be zero.  dst's size member
 * is set to dstsize.  what names the struct in the message.
 * @return 0, or -1 (CK_EINVAL).
 */
int	ck_opts_read(void *dst, size_t dstsize, const void *src,
	    const char *what, ck_error *err);

/* ---- formatting (fmt.c) ---- */
/* vsnprintf(3)'s result, faster for the conversions messages use. */
int	ck_vfmt(char *dst, size_t size, const char *fmt, va_list ap)
	    __attribute__((format(printf, 3, 0)));
int	ck_fmt(char *dst, size_t size, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* ---- growable byte buffer (buf.c) ---- */
struct ck_buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
	bool	 oom;		/* sticky: a failed append sets it */
};
int	ck_buf_grow(struct ck_buf *b, size_t more);
int	ck_buf_add(struct ck_buf *b, const void *p, size_t len);
int	ck_buf_adds(struct ck_buf *b, const char *s);
int	ck_buf_addc(struct ck_buf *b, char c);
int	ck_buf_printf(struct ck_buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Detach the NUL-terminated contents; the buf is reset. */
char	*ck_buf_take(struct ck_buf *b, size_t *len);
void	ck_buf_free(struct ck_buf *b);

/* ---- cron's '%' rule (command.c) ---- */
/*
 * Split a command field as cron of dialect d does: c gets the shell's
 * command, in its standard input (when *has_in).  @return 0 or -1 (OOM).
 */
int	ck_command_split_buf(const char *cmd, size_t len, ck_dialect d,
	    struct ck_buf *c, struct ck_buf *in, bool *has_in);

/* ---- hashing (hash.c) ---- */
/* A 64-bit hash of len bytes, chained from h (start with 0). */
uint64_t ck_hash_bytes(const void *p, size_t len, uint64_t h);
/* Scramble a 64-bit value (a finaliser for hashes built by hand). */
uint64_t ck_hash_mix(uint64_t h);
/*
 * A table from 64-bit hashes to indices into the caller's own array; the
 * caller compares keys (eq(ctx, index)).  Zero-initialise; no removal.
 */
struct ck_hslot {
	uint64_t	 h;
	size_t		 val;		/* SIZE_MAX: empty */
};
struct ck_hmap {
	struct ck_hslot	*v;
	size_t		 cap;		/* a power of two, or 0 */
	size_t		 n;
};
/* Room for n entries without growing.  @return 0 or -1 (OOM). */
int	ck_hmap_reserve(struct ck_hmap *m, size_t n);
/*
 * The stored index of the first entry with hash h that eq() accepts, or
 * NULL.  Borrowed: the caller may overwrite it (with an index eq() still
 * accepts) until the next put.
 */
size_t	*ck_hmap_find(const struct ck_hmap *m, uint64_t h,
	    bool (*eq)(const void *ctx, size_t val), const void *ctx);
/* Add val under h (no check for an equal key).  @return 0 or -1 (OOM). */
int	ck_hmap_put(struct ck_hmap *m, uint64_t h, size_t val);
void	ck_hmap_free(struct ck_hmap *m);

/* ---- schedules (expr.c) ---- */
/* flags */
#define CK_SF_DOM_STAR	0x01u	/* day-of-month field starts with '*' */
#define CK_SF_DOW_STAR	0x02u	/* day-of-week field starts with '*' */
#define CK_SF_MIN_STAR	0x04u	/* minute starts with '*': "wildcard" job */
#define CK_SF_HR_STAR	0x08u	/* hour starts with '*': "wildcard" job */
#define CK_SF_REBOOT	0x10u	/* @reboot: no fire times */
#define CK_SF_OWNED	0x80u	/* text was allocated with the expr */

struct ck_expr {
	uint64_t	 minute;	/* bits 0..59 */
	uint32_t	 hour;		/* bits 0..23 */
	uint32_t	 dom;		/* bits 1..31 */
	uint16_t	 month;		/* bits 1..12 */
	uint8_t		 dow;		/* bits 0..6; 7 is folded into 0 */
	uint8_t		 flags;		/* CK_SF_* */
	uint8_t		 keyword;	/* enum ck_keyword */
	uint32_t	 len;		/* of text */
	const char	*text;		/* original spelling (borrowed or owned) */
};

#define CK_MINUTE_ALL	((UINT64_C(1) << 60) - 1)
#define CK_HOUR_ALL	((UINT32_C(1) << 24) - 1)
#define CK_DOM_ALL	(((UINT32_C(1) << 31) - 1) << 1)
#define CK_MONTH_ALL	((uint16_t)(((1u << 12) - 1) << 1))
#define CK_DOW_ALL	((uint8_t)0x7f)

/*
 * Parse a schedule that starts at text (five fields or @keyword) and stop
 * after it.  *end gets the offset just past the schedule.  line and col0
 * (the 1-based column of text[0]) place errors and diagnostics.  diags may
 * be NULL; warnings go there (e.g. text Debian ignores).
 * @return 0, or -1 with err set (err->rule gives the lint rule).
 */
int	ck_expr_scan(struct ck_expr *e, const char *text, size_t len,
	    ck_dialect d, unsigned int line, unsigned int col0, size_t *end,
	    ck_diag_list *diags, ck_error *err);

/*
 * The elements of a schedule's fields as the parser read them (expr.c):
 * one grammar for the parser and for lint.  Values are as written (names
 * read, numbers as the dialect's cron reads them), before any dialect
 * rule turns them into bits.
 */
enum ck_elem_kind { CK_ELEM_STAR, CK_ELEM_VALUE, CK_ELEM_RANGE,
	CK_ELEM_RANDOM };
struct ck_elem {
	uint8_t		 field;		/* enum ck_field */
	uint8_t		 kind;		/* enum ck_elem_kind */
	bool		 reversed;	/* a > b as written */
	uint32_t	 off, len;	/* in the schedule's text */
	int		 a, b;		/* value or range (star: the limits,
					   Saturday for the day of week) */
	int		 step;		/* 0: none */
};
struct ck_elems {
	struct ck_elem	*v;
	size_t		 n, cap;
	uint32_t	 foff[CK_FIELD_COUNT], flen[CK_FIELD_COUNT];
	bool		 fields;	/* five fields were read */
};
/*
 * Read e's text again under dialect d, keeping its fields and elements.
 * An @keyword, or text d does not accept, gives no fields.
 * @return 0, or -1 (CK_ENOMEM).  out: release with ck_elems_clear().
 */
int	ck_expr_elements(const struct ck_expr *e, ck_dialect d,
	    struct ck_elems *out, ck_error *err);
void	ck_elems_clear(struct ck_elems *el);

/* ---- diagnostics (diag.c) ---- */
struct ck_diag_text;		/* blocks holding the messages and hints */
struct ck_diag_list {
	ck_diag			*v;
	size_t			 n;
	size_t			 cap;
	struct ck_diag_text	*text;	/* newest block first */
};
ck_diag_list *ck_diag_list_new(void);
/* Append a diagnostic for rule; message formatted. @return 0 or -1 (OOM). */
int	ck_diag_add(ck_diag_list *l, unsigned int rule, ck_severity sev,
	    unsigned int line, unsigned int col, const char *hint,
	    const char *fmt, ...) __attribute__((format(printf, 7, 8)));
int	ck_diag_addv(ck_diag_list *l, unsigned int rule, ck_severity sev,
	    unsigned int line, unsigned int col, const char *hint,
	    const char *fmt, va_list ap);
/* The same, for a hint that outlives the list (a string literal). */
int	ck_diag_addv_static(ck_diag_list *l, unsigned int rule,
	    ck_severity sev, unsigned int line, unsigned int col,
	    const char *hint, const char *fmt, va_list ap);
int	ck_diag_add_static(ck_diag_list *l, unsigned int rule,
	    ck_severity sev, unsigned int line, unsigned int col,
	    const char *hint, const char *fmt, ...)
	    __attribute__((format(printf, 7, 8)));
/* Append a copy of an error as an error diagnostic. */
int	ck_diag_add_error(ck_diag_list *l, const ck_error *e);
void	ck_diag_list_clear(ck_diag_list *l);
/* Move from's message text to to (the diagnostics pointing into it). */
void	ck_diag_list_take_text(ck_diag_list *to, ck_diag_list *from);


/*
 * Lint rules.  The numbers are stable (CKnnn) and never reused: 1-17
 * cover chkcrontab's checks, the later ones are cronkeep's own.
 */
enum ck_rule_num {
	CK_R_NONE = 0,
	CK_R_FILE_NAME = 1,	/* cron.d name cron ignores */
	CK_R_MISSING_NEWLINE,	/* last line lacks '\n' */
	CK_R_LINE_ERROR,	/* not a job, env, comment or blank line */
	CK_R_EMPTY_VALUE,	/* FOO= (unquoted empty value) */
	CK_R_SHELL_VAR,		/* $ in an env value */
	CK_R_ENV_COMMENT,	/* # inside an env value */
	CK_R_BAD_KEYWORD,	/* unknown @keyword */
	CK_R_FIELD_SYNTAX,	/* a field cannot be parsed */
	CK_R_FIELD_RANGE,	/* value out of range */
	CK_R_REVERSED_RANGE,	/* 5-1 */
	CK_R_BAD_STEP,		/* step 0 */
	CK_R_BAD_NAME,		/* unknown month/day name */
	CK_R_HOURS_NOT_MINUTES,	/* * 3 * * * */
	CK_R_BAD_USER,		/* malformed user column */
	CK_R_UNKNOWN_USER,	/* user not in passwd */
	CK_R_BARE_PERCENT,	/* unescaped % in command */
	CK_R_BAD_DIRECTIVE,	/* bad cronkeep-lint directive */
	CK_R_FIELD_COUNT,	/* too few fields / no command */
	CK_R_SIX_FIELDS,	/* a sixth time-like field */
	CK_R_STEP_NO_RANGE,	/* 5/10 */
	CK_R_IGNORED_TEXT,	/* text Debian silently ignores: *-5 */
	CK_R_KEYWORD_CASE,	/* @Daily */
	CK_R_FULL_NAME,		/* monday, january */
	CK_R_NEVER_FIRES,	/* 0 0 30 2 * */
	CK_R_SKIPS_MONTHS,	/* 0 0 31 * *, leap years only */
	CK_R_DOM_OR_DOW,	/* both restricted: OR */
	CK_R_STAR_STEP_AND,	/* 0 0 *\/2 * 1: AND */
	CK_R_EXPLICIT_FULL,	/* 1-31 or 0-6 written out: OR */
	CK_R_UNEVEN_STEP,	/* *\/7 */
	CK_R_STEP_TOO_BIG,	/* *\/60 */
	CK_R_DUPLICATE_VALUE,	/* 0,7 or 1,1 */
	CK_R_REVERSED_DOW,	/* fri-sun */
	CK_R_EVERY_MINUTE,	/* * * * * * */
	CK_R_PERCENT_QUOTED,	/* % inside quotes still special */
	CK_R_INLINE_COMMENT,	/* cmd # comment */
	CK_R_CRLF,		/* \r in a line */
	CK_R_ENV_NAME,		/* odd variable name */
	CK_R_TZ_VAR,		/* TZ= / CRON_TZ where ignored */
	CK_R_RANDOM_DELAY,	/* bad RANDOM_DELAY */
	CK_R_DST_WINDOW,	/* fixed job in the DST hours */
	CK_R_MISSING_USER,	/* system table without user column */
	CK_R_USER_IN_USER_TAB,	/* 0 * * * * root cmd in a user table */
	CK_R_CRON_D_FILE,	/* owner, mode of a system file */
	CK_R_LONG_LINE,		/* longer than cron keeps */
	CK_R_UNSUPPORTED,	/* option/keyword the dialect lacks */
	CK_R_DUPLICATE_JOB,	/* identical entries */
	CK_R_NO_MAILTO,		/* MAILTO/PATH unset */
	CK_R_SECRET,		/* a password in a command */
	CK_R_ROOT_JOB,		/* system job running as root */
	CK_R_NO_ID,		/* job with neither id nor comment */
	CK_R_EXTENSION,		/* L W # ? seconds: not cron */
	CK_R_RANDOM,		/* ~ where unsupported */
	CK_R_NUL_BYTE,		/* NUL or binary bytes */
	CK_R_ANA_SYNTAX,	/* anacrontab: "Invalid syntax" */
	CK_R_ANA_IDENT,		/* anacrontab: '/' in an identifier */
	CK_R_ANA_NUMBER,	/* anacrontab: number out of range */
	CK_R_ANA_PERIOD,	/* anacrontab: unknown named period, 0 */
	CK_R_ANA_DUP_ID,	/* anacrontab: identifier used twice */
	CK_R_ANA_DELAY,		/* anacrontab: delay past the hours range */
	CK_R_ANA_SETTING,	/* anacrontab: bad START_HOURS_RANGE etc. */
	CK_R_RP_NAME,		/* run-parts skips the name */
	CK_R_RP_LEFTOVER,	/* a .dpkg-old, .dpkg-dist, ... file */
	CK_R_RP_EXEC,		/* run-parts: not executable */
	CK_R_RP_TYPE,		/* run-parts: not a regular file */
	CK_R_RP_UNSAFE,		/* not root's, or writable by others */
	CK_R_DUPLICATE_ID,	/* one id marks several jobs */
	CK_R_SPOOL_FILE,	/* owner, mode of a user's spool file */
	CK_R_CROWDED_MINUTE,	/* many jobs start in the same minute */
	CK_R_COUNT
};

/* The rule table (struct ck_rule, ck_rule_get()) is public: cronkeep.h. */

/* ---- the document (tab.c, job.c, env.c) ---- */
#define CK_EOL_NONE	0
#define CK_EOL_LF	1
#define CK_EOL_CRLF	2

#define CK_LF_OWNED	0x01u	/* p was allocated for this line */

struct ck_line {
	const char	*p;		/* text without the line ending */
	uint32_t	 len;
	uint8_t		 eol;		/* CK_EOL_* */
	uint8_t		 kind;		/* enum ck_line_kind */
	uint8_t		 lflags;	/* CK_LF_* */
	uint8_t		 pad;
	uint32_t	 job;		/* index into tab->jobs, or CK_NONE */
};

struct ck_job {
	struct ck_expr	 expr;
	const char	*cmd;
	const char	*user;		/* NULL in user format */
	const char	*id;		/* NULL without a marker */
	uint32_t	 cmd_len;
	uint32_t	 user_len;
	uint32_t	 id_len;
	uint32_t	 line;		/* index of the job line */
	uint32_t	 marker_line;	/* CK_NONE without a marker */
	uint32_t	 tz_line;	/* the CRON_TZ line in force, or CK_NONE */
	uint8_t		 marker;	/* enum ck_marker */
	uint8_t		 enabled;
};

struct ck_tab {
	char		*buf;		/* the original bytes (owned) */
	size_t		 buflen;
	struct ck_line	*lines;
	size_t		 nlines;
	size_t		 lines_cap;
	struct ck_job	*jobs;
	size_t		 njobs;
	size_t		 jobs_cap;
	ck_diag_list	*diags;
	ck_dialect	 dialect;
	unsigned int	 flags;		/* CK_PARSE_* */
};

/*
 * Is job one of tab's jobs (a handle from ck_tab_job() or ck_tab_find_id()
 * of this tab, still valid)?  Catches a job passed with another tab.
 * @return 0, or -1 (CK_EINVAL).
 */
int	ck_tab_check_job(const ck_tab *tab, const ck_job *job, ck_error *err);

/*
 * Classify and parse one line (text without its ending) of tab: fills
 * *kind, and for jobs *job (without marker data).  Diagnostics go to
 * tab->diags.  line is 1-based.
 * @return 0, or -1 for a line no dialect rule accepts (err set).
 */
int	ck_line_parse(const ck_tab *tab, const char *p, size_t len,
	    unsigned int line, uint8_t *kind, struct ck_job *job,
	    ck_diag_list *diags, ck_error *err);
/* Recognise a marker comment; id and idlen get the id. */
enum ck_marker ck_marker_parse(const char *p, size_t len, const char **id,
	    size_t *idlen);
/* An id cronkeep writes: [A-Za-z0-9_.:@-]{1,128}. */
bool	ck_id_valid(const char *id, size_t len);
/* Parse NAME=VALUE the way cron does. @return true for an env line. */
/*
 * The facts about a cron that several modules read, one table per
 * dialect (dialect.c).  Unknown dialects read as debian.
 */
/* How a reversed range "a-b", a > b, reads (expr.c). */
enum ck_reversed {
	CK_REVERSED_EMPTY,	/* accepted, matches nothing */
	CK_REVERSED_WRAPS,	/* runs past the field's end to b */
	CK_REVERSED_REFUSED	/* a syntax error */
};
/* How a reversed range ending on 0, "a-0", reads (expr.c). */
enum ck_zero_end {
	CK_ZERO_END_REVERSED,	/* like any reversed range */
	CK_ZERO_END_SEVEN,	/* as a-7, stepped or not */
	CK_ZERO_END_SEVEN_UNSTEPPED /* as a-7 when no "/step" follows */
};
/* The header crontab(1) puts above a user's crontab (store_user.c). */
enum ck_spool_header {
	CK_HEADER_NONE,		/* none */
	CK_HEADER_HIDDEN,	/* in the spool file; crontab -l hides it */
	CK_HEADER_SHOWN		/* in the spool file and in crontab -l */
};
/* The file names a cron skips in a folder (store_host.c, lint_file.c). */
#define CK_NAMES_CRONIE		0x1u	/* cronie's not_a_crontab() */
#define CK_NAMES_RUNPARTS	0x2u	/* only [A-Za-z0-9_-] */
#define CK_NAMES_NO_DOT		0x4u	/* no '.' anywhere */
/* What '%' and '\\' do in a job's command (command.c). */
enum ck_percent {
	CK_PERCENT_LITERAL,	/* nothing: the command runs as written */
	CK_PERCENT_VIXIE,	/* '%' ends the command, "\\%" is '%' */
	CK_PERCENT_VIXIE3	/* the same, and "\\\\" is '\\' (Vixie 3.0) */
};
/* The options a job may carry before its command (tab.c). */
enum ck_job_opts {
	CK_JOBOPT_NONE,		/* none: "-n" is part of the command */
	CK_JOBOPT_N,		/* "-n" once; any other '-' is refused */
	CK_JOBOPT_NQS		/* "-n", "-q", "-s", skipped */
};
/*
 * The facts about a cron that the library's modules read, one table per
 * dialect (dialect.c): the one home of the dialect rules.  Code asks the
 * table what a cron does instead of comparing dialects.  Unknown dialects
 * read as debian.
 */
struct ck_dialect_facts {
	const char	*name;
	const char	*spool_dir;	/* users' crontabs, no trailing '/' */
	const char	*skips_crontab;	/* why /etc/crontab is not read, or
					   NULL: it is */
	const char	*skips_cron_d;	/* the same for /etc/cron.d */
	bool		 cron_tz;	/* honours CRON_TZ for the jobs below */
	bool		 random_tilde;	/* "a~b": a random value (expr.c) */
	bool		 wraps_ints;	/* numbers wrap as a C int (expr.c) */
	bool		 cronie_modes;	/* file modes as cronie checks them:
					   owner-readable, no x, no set-id */
	ck_dst_mode	 dst;		/* how times behave across DST */
	ck_dst_mode	 cron_tz_dst;	/* the same for a CRON_TZ job */
	/* -- schedules (expr.c); the first two only with wraps_ints -- */
	bool		 rejects_negative_step; /* a step that wraps below 0
					   is refused, not only 0 */
	bool		 checks_range_ends; /* both ends of "a-b" checked
					   before any value is set */
	enum ck_zero_end zero_end;	/* "a-0" */
	enum ck_reversed reversed_range; /* "a-b", a > b (no wraps_ints) */
	bool		 skips_list_tail; /* text after a complete list, up
					   to the blank, is ignored ("*-5") */
	bool		 dom_star_from_0; /* day-of-month '*' steps from 0 */
	bool		 day_star_by_bits; /* a day field is unrestricted when
					   its set is full, not when it
					   starts with '*' (the day rule) */
	bool		 dow_seven_loops; /* weekday 7 (alone or ending a
					   range) sends the parser round the
					   week: parse error, days kept */
	/* -- lines (tab.c, env.c) -- */
	bool		 env_empty_value; /* "NAME=" (unquoted, empty) is an
					   assignment, not a bad job */
	bool		 env_trims_cr;	/* a value's trailing '\r' (CRLF) is
					   trimmed like a blank */
	bool		 dash_nolog;	/* a leading '-' on a job: do not
					   log it */
	enum ck_job_opts job_opts;	/* options before the command */
	bool		 keyword_star_cmd; /* after an @keyword, a command
					   may start with '*' */
	bool		 cr_command_runs; /* a command that is only the '\r'
					   of a CRLF is kept and run */
	bool		 empty_command_ok; /* a job without a command is
					   installed (and runs nothing) */
	/* -- running a job (command.c, run.c, export.c) -- */
	enum ck_percent	 percent;	/* the command's '%' rule */
	const char	*default_path;	/* PATH when the crontab sets none */
	bool		 tab_env_to_jobs; /* the crontab's assignments reach
					   the jobs */
	bool		 forces_shell_home; /* SHELL=/bin/sh and HOME always,
					   over the crontab's */
	bool		 sets_user;	/* USER is set, like LOGNAME */
	bool		 random_delay;	/* RANDOM_DELAY=minutes delays jobs */
	/* -- where crontabs live (store_user.c, store_host.c) -- */
	enum ck_spool_header spool_header;
	bool		 direct_spool;	/* cronkeep may write the spool file
					   itself (CK_STORE_DIRECT) */
	unsigned int	 cron_d_names;	/* CK_NAMES_* skipped in cron.d */
	unsigned int	 spool_names;	/* the same in the spool (besides a
					   leading '.', which all skip) */
	/* -- what lint warns about (lint_*.c) -- */
	bool		 expands_mail_vars; /* $VAR in MAILTO and MAILFROM
					   is expanded */
	size_t		 max_line;	/* bytes of a line kept; the rest is
					   cut off */
	bool		 keyword_crashes; /* crond dies on an @keyword line
					   (Debian's busybox 1.35, no -d) */
};
const struct ck_dialect_facts *ck_dialect_facts(ck_dialect d);
/*
 * Debian and cronie read a number as the C library does: the low 32 bits
 * of atoi(3)/(int)strtol(3) (expr.c).  Does dialect d?  And the int they
 * make of the n digits at tok; *exact: no wrap happened.
 */
bool	ck_dialect_wraps_ints(ck_dialect d);
int32_t	ck_cron_int(const char *tok, size_t n, bool *exact);
bool	ck_env_parse(const char *p, size_t len, ck_dialect d,
	    const char **name, size_t *nlen, const char **value, size_t *vlen);
/* Recompute kinds and job links of the whole document after an edit. */
int	ck_tab_relink(ck_tab *tab, ck_error *err);
/*
 * 0 when id marks at most one job, else -1 (CK_EINVAL naming the lines
 * of the jobs it marks): an edit by id must not pick one of them.
 */
int	ck_tab_id_unique(const ck_tab *tab, const char *id, size_t idlen,
	    ck_error *err);

/* ---- where crontabs live (store.c, store_user.c, store_file.c) ---- */
enum ck_store_type { CK_STORE_T_USER, CK_STORE_T_FILE };

struct ck_store {
	enum ck_store_type type;
	ck_store_opts	 o;		/* strings below are owned copies */
	char		*crontab;	/* program name */
	char		*tmpdir;
	char		*user;		/* -u USER, or NULL */
	char		*path;		/* the file, or NULL */
	bool		 have_read;	/* seen/absent are valid */
	bool		 absent;	/* the last read found no crontab */
	char		*seen;		/* the bytes last read or written */
	size_t		 seen_len;
	int		 lock_fd;	/* -1 when no lock is held */
	void		(*commit_hook)(const char *tmp_path, void *arg);
	void		*hook_arg;
	char		*lock_dir;	/* users: the lock's folder, or NULL */
	char		*spool_dir;	/* CK_STORE_DIRECT: the spool folder */
	/* CK_STORE_DIRECT: the spool file as read (raw bytes, identity). */
	char		*raw;
	size_t		 raw_len;
	bool		 raw_absent;
	unsigned long long raw_dev, raw_ino, raw_size;
	long long	 raw_mtime_s, raw_mtime_ns;
};
/* Is the file at path still the crontab read? 0, or -1 (CK_ECONFLICT). */
typedef int (*ck_store_same_fn)(void *arg, const char *path, ck_error *err);
/*
 * Rename tmp to path unless another writer changed path since it was read
 * (absent: path did not exist); a file found changed stays.  0 or -1.
 */
int	ck_store_commit(const char *tmp, const char *path, bool absent,
	    ck_store_same_fn same, void *arg, ck_error *err);
/* Remove our temporary files older than a minute: "<dir>/<prefix>XXXXXX". */
void	ck_store_clean_stale(const char *dir, const char *prefix);

/* Remember text as the crontab's current contents. @return 0 or -1. */
int	ck_store_remember(ck_store *s, const char *text, size_t len,
	    bool absent, ck_error *err);
/* True when text is what was read (an absent crontab equals ""). */
bool	ck_store_same(const ck_store *s, const char *text, size_t len,
	    bool absent);
int	ck_store_user_read(ck_store *s, char **text, size_t *len,
	    bool *absent, ck_error *err);
int	ck_store_user_write(ck_store *s, const char *text, size_t len,
	    ck_error *err);
int	ck_store_file_read(ck_store *s, char **text, size_t *len,
	    bool *absent, ck_error *err);
int	ck_store_file_write(ck_store *s, const char *text, size_t len,
	    ck_error *err);

/* ---- time zones and fire times (tz.c, next.c) ---- */
/* Instants handled: about 317 million years either side of 1970. */
#define CK_T_MAX	INT64_C(10000000000000000)
#define CK_YEAR_MAX	INT64_C(300000000)

static inline int64_t
ck_floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

struct ck_tz_type {
	int32_t		 off;		/* seconds east of UTC */
	uint8_t		 isdst;
	uint8_t		 abbr;		/* index into chars */
};

/* A POSIX TZ rule date: Jn, n (kind 'D') or Mm.w.d; secs: local time. */
struct ck_tz_rdate {
	char		 kind;
	int16_t		 n;
	int16_t		 m, w, d;
	int32_t		 secs;
};

struct ck_tz_rule {
	int32_t		 std_off;	/* seconds east of UTC */
	int32_t		 dst_off;
	bool		 has_dst;
	bool		 perm_dst;	/* DST all year, folded into std */
	char		 std_abbr[16];
	char		 dst_abbr[16];
	struct ck_tz_rdate start, end;
};

struct ck_tz {
	char			*name;
	size_t			 ntrans;
	int64_t			*trans;		/* ascending instants */
	uint8_t			*tidx;		/* type after each */
	size_t			 ntypes;
	const struct ck_tz_type	*types;
	const char		*chars;		/* abbreviations */
	struct ck_tz_type	*types_dyn;	/* owned storage */
	char			*chars_dyn;
	bool			 has_footer;
	bool			 has_rule;	/* footer with DST changes */
	struct ck_tz_rule	 rule;
	bool			 fixed;		/* one offset for all time */
	int32_t			 fixed_off;
	bool			 fixed_isdst;
	const char		*fixed_abbr;
};

/*
 * A longest stretch [start, end) of instants with one UTC offset off;
 * prev_off is the offset just before start, next_off the one from end
 * on.  start is INT64_MIN and end INT64_MAX where there is no change.
 */
struct ck_tz_seg {
	int64_t		 start;
	int64_t		 end;
	int32_t		 off;
	int32_t		 prev_off;
	int32_t		 next_off;
};
int	ck_tz_seg_at(const ck_tz *tz, int64_t t, struct ck_tz_seg *seg);
/* True when tz has one offset for all time (*off gets it). */
bool	ck_tz_is_fixed(const ck_tz *tz, int32_t *off);

#endif /* CK_INTERNAL_H */
