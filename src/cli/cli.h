/*
 * cli.h - what the cronkeep subcommands share: global options, exit codes,
 * the command table entry, output helpers.
 */
#ifndef CK_CLI_H
#define CK_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <sysexits.h>
#include <time.h>

#include "cronkeep.h"

#define CLI_EXIT_OK	0
#define CLI_EXIT_FAIL	1	/* a "no": findings, no match, conflict */
#define CLI_EXIT_USAGE	2

/* Command flags: preconditions, as in git's table. */
#define CMD_WRITES	0x01u	/* changes a crontab */
#define CMD_NOSOURCE	0x02u	/* needs no crontab */

struct cli_cmd {
	const char	*name;
	int		(*fn)(int argc, char **argv);
	unsigned int	 flags;
	const char	*summary;
	const struct option *opts;	/* its long options (for completion) */
};
/* The command table (main.c), ending with a NULL name. */
extern const struct cli_cmd cli_cmds[];
const struct cli_cmd *cli_cmd_lookup(const char *name);

enum cli_format { CLI_FMT_AUTO = 0, CLI_FMT_USER, CLI_FMT_SYSTEM };
enum cli_color { CLI_COLOR_AUTO = 0, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };

/* The global options; set by main.c and by cli_getopt(). */
struct cli_global {
	const char	*user;		/* -u */
	const char	*file;		/* -f */
	bool		 system;	/* -s */
	const char	*cron_d;	/* --cron-d */
	bool		 all;		/* -a */
	const char	*root;		/* --root, "" when not given */
	enum cli_format	 format;
	const char	*dialect_name;
	ck_dialect	 dialect;
	bool		 json;
	enum cli_color	 color;
	bool		 dry_run;	/* -n */
	const char	*backup;
	const char	*cmd;		/* the subcommand's name */
	const char	*staged;	/* the shell's copy of the crontab ... */
	const char	*staged_label;	/* ... is shown as this */
};
extern struct cli_global cli;

/*
 * getopt_long() over the command's own options merged with the global
 * ones.  Global options are handled here and not returned.  Returns what
 * getopt_long() returns for the command's options; usage errors return '?'.
 * Call with optind = 0 (done by main).  Commands number their long-only
 * options from 0x100 up (below 0x1000: the global ones live above).
 */
int	 cli_getopt(int argc, char **argv, const char *shortopts,
	    const struct option *longopts);
/* Resolve --dialect (auto: the host's cron). @return 0 or -1 (printed). */
int	 cli_resolve_dialect(void);
/* The global options' table (no terminator); *n is its length. */
const struct option *cli_global_options(size_t *n);

/* Messages on stderr, prefixed with the program name. */
void	 cli_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Report a library error; returns the exit code that fits it. */
int	 cli_error(const char *what, const ck_error *err);
int	 cli_exit_code(const ck_error *err);
/* Allocation that dies, for the CLI only. */
void	*xmalloc(size_t n);
void	*xcalloc(size_t n, size_t m);
void	*xreallocarray(void *p, size_t n, size_t m);
char	*xstrdup(const char *s);

/*
 * Read a whole crontab file ("-": standard input).  Anything but a regular
 * file (a FIFO, a device, a directory) is refused without blocking
 * (CK_ENOTFOUND: exit 66).  @return 0 or -1 with err.
 */
int	 cli_read_file(const char *path, char **out, size_t *len,
	    ck_error *err);
/* The same for any file that can be read (a log, a pipe). */
int	 cli_read_stream(const char *path, char **out, size_t *len,
	    ck_error *err);
/* "a FIFO", "a directory", ... for a file that is not a regular one. */
const char *cli_file_kind(unsigned int mode);
/*
 * "YYYY-MM-DD[ HH:MM[:SS]]" (or with 'T') in the local zone.
 * @return 0 or -1.
 */
int	 cli_parse_local_time(const char *s, time_t *out);
/* "90", "90s", "5m", "1h30m", "2d". @return 0 or -1. */
int	 cli_parse_duration(const char *s, long long *secs);
/* Finish: flush stdout and check it. @return rc or EX_IOERR. */
int	 cli_finish(int rc);

/* ---- source.c: the crontabs a command works on ---- */
struct cli_source {
	char		*label;		/* for messages: a path, or "crontab(1) for alice" */
	char		*path;		/* the file, or NULL for a user's crontab */
	char		*user;		/* the crontab's owner when known, else NULL */
	bool		 system;	/* system format (a user column) */
	ck_tab		*tab;		/* the parsed document (lenient) */
	void		*priv;		/* store state for writing back */
};
/* Load with the CK_PARSE_LENIENT flag. */
#define CLI_SRC_LENIENT	0x01u
/* Only one source may be selected (write commands). */
#define CLI_SRC_SINGLE	0x02u
/* Open for writing: lock files, a missing file is an empty crontab. */
#define CLI_SRC_WRITE	0x04u
/* Keep the text as read, for cli_source_text() (implied by WRITE). */
#define CLI_SRC_TEXT	0x08u
/*
 * Load every crontab the global options select (-u, -f, -s, --cron-d, -a,
 * --root; default: the invoking user's crontab).  Problems are printed;
 * sources that cannot be read are reported and skipped.
 * @return 0, or an exit code (> 0) when nothing usable was loaded.
 */
int	 cli_load_sources(unsigned int flags, struct cli_source **out,
	    size_t *n);
void	 cli_sources_free(struct cli_source *v, size_t n);
/*
 * Is path a system crontab as cron reads it (.../etc/crontab or
 * .../etc/cron.d/NAME, also through a relative path or links)?  *cron_d
 * says which.
 */
bool	 cli_system_path(const char *path, bool *cron_d);
/* The line format of a file: --system-format/--user-format, else by path. */
bool	 cli_file_is_system(const char *path, bool *cron_d);
/*
 * Write text back as src's new contents (atomic for files, crontab(1) for
 * users, standard output for '-f -'), after checking that nobody changed
 * it since it was loaded.  Honours --dry-run (prints a unified diff and
 * changes nothing) and --backup PATH (the old text is saved first).
 * Errors are printed.  @return 0, or an exit code (EX_TEMPFAIL for a
 * conflict).
 */
int	 cli_source_write(struct cli_source *src, const char *text,
	    size_t len);
/* The text as loaded (or as last written); borrowed from src. */
const char *cli_source_text(const struct cli_source *src, size_t *len);
/* Sources that were found but not loaded, and why. */
struct cli_skipped {
	char	*label;
	char	*reason;
	int	 rc;		/* 0: cron ignores it; else the exit code */
};
size_t	 cli_sources_skipped(const struct cli_skipped **v);
/* The exit code of the first source that could not be read, or 0. */
int	 cli_sources_status(void);
/* Forget the skipped sources (the shell, between two commands). */
void	 cli_sources_reset(void);
/* A unified diff of a and b (3 lines of context); nothing when equal. */
void	 cli_udiff(FILE *f, const char *alabel, const char *a, size_t alen,
	    const char *blabel, const char *b, size_t blen);

/* ---- write.c: shared by the write commands ---- */
struct json;
/*
 * Load the single crontab a write command changes (locked, lenient; a
 * missing file is empty; the lock goes with the source's store).  A
 * system crontab cron ignores is warned about.
 * @return 0, or an exit code (printed).
 */
int	 cli_write_load(struct cli_source **v, size_t *n);
/*
 * Write text as src's new contents unless it is what was read (then
 * nothing at all is written).  --dry-run prints the diff (with --json,
 * nothing: see cli_json_diff()).  @return 0 or an exit code (printed).
 */
int	 cli_write_text(struct cli_source *src, const char *text, size_t len,
	    bool *changed);
/* The same as cli_write_text() with src->tab rendered. */
int	 cli_write_tab(struct cli_source *src, bool *changed);
/* With --dry-run: a "diff" key holding the unified diff of src->tab. */
void	 cli_json_diff(struct json *j, const struct cli_source *src);
/* Where a result word goes: stdout, or stderr when stdout is the crontab. */
FILE	*cli_result_file(const struct cli_source *src);
/*
 * enable/disable: switch the job with marker id on or off in the selected
 * crontab, print enabled|disabled|unchanged.  @return the exit code.
 */
int	 cli_switch_job(const char *id, bool enable);
/*
 * Check text as a crontab in the selected dialect and the given format;
 * print its problems (path:line:col: severity: msg [CODE]) on stderr.
 * @return the number of errors.
 */
size_t	 cli_check_text(const char *path, const char *text, size_t len,
	    bool system);

/* ---- output.c ---- */
bool	 cli_color_on(FILE *f);
/* Write untrusted text, escaping control characters when f is a tty. */
void	 cli_put_text(FILE *f, const char *s, size_t len);
/* Always-escaped variant (strvis VIS_CSTYLE|VIS_NL|VIS_TAB|VIS_OCTAL). */
void	 cli_put_vis(FILE *f, const char *s, size_t len);
/* Text escaped for XML and HTML (entities; control bytes as '?'). */
void	 cli_put_xml(FILE *f, const char *s, size_t len);
/* path:line:column: severity: message [CODE] */
void	 cli_print_diag(FILE *f, const char *path, const ck_diag *d);
const char *cli_severity_name(ck_severity s);

/* A small streaming JSON writer with correct escaping. */
struct json {
	FILE		*f;
	int		 depth;
	bool		 need_comma[64];
	bool		 after_key;
};
void	 json_init(struct json *j, FILE *f);
void	 json_obj_begin(struct json *j);
void	 json_obj_end(struct json *j);
void	 json_arr_begin(struct json *j);
void	 json_arr_end(struct json *j);
void	 json_key(struct json *j, const char *key);
void	 json_str(struct json *j, const char *s);
void	 json_strn(struct json *j, const char *s, size_t len);
void	 json_int(struct json *j, long long v);
void	 json_double(struct json *j, double v);
void	 json_bool(struct json *j, bool v);
void	 json_null(struct json *j);
/* Finish the document with a newline. */
void	 json_end(struct json *j);

#endif /* CK_CLI_H */
