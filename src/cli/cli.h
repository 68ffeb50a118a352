/* SPDX-License-Identifier: ISC */
/*
 * cli.h - what the cronkeep subcommands share: the command entry and its
 * options, the context a command runs with, exit codes, output helpers.
 */
#ifndef CK_CLI_H
#define CK_CLI_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <sysexits.h>
#include <time.h>

#include "cronkeep.h"

#define CLI_EXIT_OK	0
#define CLI_EXIT_FAIL	1	/* a "no": findings, no match, conflict */
#define CLI_EXIT_USAGE	2

/* ---- the command entry (one per src/cli/cmd_<name>.c) and its options ---- */

/* What completes an option's argument or a command's operands. */
enum cli_comp {
	CLI_COMP_NONE = 0,	/* free text: a schedule, a regex, a number */
	CLI_COMP_WORDS,		/* one of .words */
	CLI_COMP_FILE,		/* a path */
	CLI_COMP_DIR,		/* a directory */
	CLI_COMP_ID,		/* a job id of the selected crontab */
	CLI_COMP_USER,		/* a user name */
	CLI_COMP_COMMAND,	/* a command name (help COMMAND) */
	CLI_COMP_DIALECT	/* a dialect name or auto */
};

/* Option flags. */
#define CLI_OPT_REQUIRED 0x01u	/* shown without brackets in the usage */
#define CLI_OPT_HIDDEN	0x02u	/* an alias: not in help or completion */

/*
 * One option.  A table of them ends with an all-zero row.  key is what
 * the parser reports for it: its letter, or a command's own number from
 * CLI_KEY_OWN up (long-only options).
 */
struct cli_option {
	const char	*name;		/* long name without "--"; NULL: none */
	int		 letter;	/* short option; 0: none */
	int		 key;		/* reported as this (0: the letter) */
	const char	*arg;		/* its argument in help ("PATH"); NULL: none */
	const char	*help;		/* what it does; '\n' starts a new line */
	enum cli_comp	 comp;		/* what completes the argument */
	const char *const *words;	/* CLI_COMP_WORDS: NULL-terminated */
	unsigned int	 flags;		/* CLI_OPT_* */
};
#define CLI_KEY_OWN	0x100	/* a command's long-only options: 0x100.. */
/* --line and --match of the write commands (cli_pick_option()). */
#define CLI_KEY_LINE	0x1f0
#define CLI_KEY_MATCH	0x1f1

/* Command flags: preconditions, as in git's table; read by cli_run(). */
#define CMD_WRITES	0x01u	/* changes a crontab: takes -n and --backup */
#define CMD_NOSOURCE	0x02u	/* its operands are the input; the crontab
				   selection serves some options only */
#define CMD_DRYRUN	0x04u	/* takes -n (but not --backup) */
#define CMD_NOWHERE	0x08u	/* reads no crontab: rejects -u -f -s ... */
#define CMD_STOPOPT	0x10u	/* options end at the first operand (exec) */
#define CMD_BUFFERED	0x20u	/* main() gives stdout and stderr 64 KiB
				   buffers when they are not terminals */

struct cli_ctx;
struct cli_args;

struct cli_command {
	const char	*name;
	const char	*summary;	/* one line, for 'cronkeep --help' */
	const char	*synopsis;	/* operands after the options, or NULL */
	const char	*description;	/* --help: after the usage */
	const char	*epilog;	/* --help: after the options (JSON, exit) */
	const struct cli_option *options;	/* its own; all-zero row ends */
	unsigned int	 flags;		/* CMD_* */
	enum cli_comp	 operand;	/* what completes its operands */
	const char *const *operand_words;	/* CLI_COMP_WORDS */
	/* Run it with what cli_run() parsed.  @return the exit code. */
	int		(*exec)(struct cli_ctx *ctx, const struct cli_args *a);
};

/* The command table (main.c), ending with NULL. */
/* The command of table (NULL-terminated) called name, or NULL. */
const struct cli_command *cli_command_lookup(
	    const struct cli_command *const *table, const char *name);

/* An option as parsed, in command-line order. */
struct cli_optval {
	int		 key;		/* cli_option.key */
	const char	*arg;		/* its argument (borrowed), or NULL */
	int		 next;		/* the index in cli_args.argv of the
					   operand right after it, or -1 */
};
/* What cli_run() hands a command's exec. */
struct cli_args {
	struct cli_optval *opts;	/* the command's own options */
	size_t		 nopts;
	char		**argv;		/* the operands (borrowed strings) */
	int		 argc;
	int		 dashdash;	/* operands before "--" (argc: no "--") */
};

enum cli_format { CLI_FMT_AUTO = 0, CLI_FMT_USER, CLI_FMT_SYSTEM };
enum cli_color { CLI_COLOR_AUTO = 0, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };

/* What a command runs with: the selection and the global options. */
struct cli_periodic;

struct cli_ctx {
	/* main's command table, NULL-terminated: the shell and completion
	   read it here, so that no command calls back into main. */
	const struct cli_command *const *commands;
	const struct cli_command *cmd;	/* the command running */
	const char	*user;		/* -u */
	const char	*file;		/* -f */
	bool		 system;	/* -s */
	const char	*cron_d;	/* --cron-d */
	bool		 all;		/* -a */
	const char	*root;		/* --root, "" when not given */
	enum cli_format	 format;
	bool		 anacrontab;	/* --anacrontab: files are anacrontabs */
	const char	*dialect_name;
	ck_dialect	 dialect;
	bool		 json;
	enum cli_color	 color;
	bool		 wide;		/* --wide: no table cut to the width */
	bool		 dry_run;	/* -n */
	bool		 strict;	/* --strict: a warning refuses a write */
	const char	*backup;
	const char	*staged;	/* the shell's copy of the crontab ... */
	const char	*staged_label;	/* ... is shown as this */
	/* State of the run (source.c, write.c), released by cli_run(). */
	struct cli_skipped *skipped;	/* sources found but not loaded */
	size_t		 nskipped;
	long		 pause_ms;	/* CRONKEEP_FAULT_PAUSE_MS (tests) */
	struct cli_periodic *periodic;	/* the host's anacron and run-parts
					   setup (periodic.c), or NULL */
	struct cli_said	*said;		/* what the run said (main's), or
					   NULL */
};
#define CLI_CTX_INIT { .root = "", .dialect_name = "auto" }
/*
 * Release what a command's run holds in ctx (the skipped sources); ctx
 * can run another command.
 */
void	 cli_ctx_release(struct cli_ctx *ctx);

/*
 * Parse argv (argv[0]: the command's name) with cmd's options and the
 * shared ones (selection, --json, --dialect, ...: stored in ctx), then run
 * cmd->exec.  -h/--help prints the help; a usage error prints a message.
 * @return the exit code.
 */
int	 cli_run(struct cli_ctx *ctx, const struct cli_command *cmd,
	    int argc, char **argv);
/*
 * The options before the command (argv[0]: the program), stored in ctx;
 * *ind: the index of the first operand.  @return 0, CLI_TOP_HELP,
 * CLI_TOP_VERSION, or an exit code (> 0, printed).
 */
int	 cli_parse_top(struct cli_ctx *ctx, int argc, char **argv, int *ind);
#define CLI_TOP_HELP	(-1)
#define CLI_TOP_VERSION	(-2)
/* cmd's generated help on f. */
void	 cli_help(FILE *f, const struct cli_command *cmd);
/* The program's help on f: shared options and the commands of table. */
void	 cli_help_program(FILE *f, const struct cli_command *const *table);
/* cmd's usage lines (NULL: the program's) on f. */
void	 cli_usage(FILE *f, const struct cli_command *cmd);
/*
 * A usage error in the running command (ctx->cmd; NULL: before a
 * command): the message and a hint ("try 'cronkeep CMD --help'") on one
 * line of stderr.  @return CLI_EXIT_USAGE.
 */
int	 cli_usage_error(const struct cli_ctx *ctx, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Edit distance of a and b (a swap of neighbours counts 1). */
size_t	 cli_distance(const char *a, const char *b);
/* Is word a likely typo of cand (for "did you mean")? */
bool	 cli_near(const char *word, const char *cand);
/*
 * The options cmd takes (NULL: before a command), its own first, then
 * the shared ones it does not redefine; hidden aliases left out.  The
 * array is the caller's to free(3); its entries are borrowed.
 */
const struct cli_option **cli_options_of(const struct cli_command *cmd,
	    size_t *n);

/* Resolve --dialect (auto: the host's cron). @return 0 or -1 (printed). */
int	 cli_resolve_dialect(struct cli_ctx *ctx);

/*
 * What a run said, for cli_exit(): its first message on stderr (the JSON
 * error object's "message") and whether it began a JSON document on
 * stdout.  main() owns one and points ctx->said at it; cli_run() clears it
 * before each command.  ctx->said NULL: nothing is recorded.
 */
struct cli_said {
	char		 msg[1024];
	bool		 json_out;
};
/* Forget what the last run said (cli_run(), before a command). */
void	 cli_said_reset(struct cli_said *said);
/* Keep the first message of a run in ctx->said (tail: ": tail"). */
void	 cli_said_message(const struct cli_ctx *ctx, const char *fmt,
	    va_list ap, const char *tail) __attribute__((format(printf, 2, 0)));

/*
 * Messages on stderr, prefixed with the program name; the first of a run
 * is kept in ctx->said (ctx may be NULL).  cli_warn() adds strerror(errno).
 */
void	 cli_warnx(const struct cli_ctx *ctx, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 cli_warn(const struct cli_ctx *ctx, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * The failure of a run in JSON: with --json, an exit code >= 2 and no
 * JSON document on stdout yet, print
 * {"error":{"code":"usage","message":"...","exit":2}} on stdout (the
 * message: the first one the run printed on stderr).  cli_run() and
 * main() call it for every command.  @return rc (or EX_IOERR).
 */
int	 cli_exit(const struct cli_ctx *ctx, int rc);
/*
 * Is --json among argv[1..] (before "--")?  For a command line the parser
 * refused: its usage error is a JSON error object too.
 */
bool	 cli_json_asked(int argc, char **argv);
/*
 * The key "error" with that object, in a document a command prints when
 * it still has a result to give (check: the files it could read).
 */
struct json;
void	 cli_json_error(const struct cli_ctx *ctx, struct json *j, int rc);
/* One finding: {"line","column","severity","code","rule","message"[,"hint"]}. */
void	 cli_json_diag(struct json *j, const ck_diag *d);
/* "usage", "data", "no-input", ... : the JSON name of an exit code. */
const char *cli_exit_name(int rc);
/* The first message of the run ("" when none). */
const char *cli_said_first(const struct cli_ctx *ctx);
/*
 * Start j on f; on stdout it is the run's JSON document, and cli_exit()
 * then prints no error document of its own.
 */
void	 cli_json_init(const struct cli_ctx *ctx, struct json *j, FILE *f);
/* Report a library error; returns the exit code that fits it. */
int	 cli_error(const struct cli_ctx *ctx, const char *what,
	    const ck_error *err);
int	 cli_exit_code(const ck_error *err);
/* Allocation that dies, for the CLI only. */
void	*xmalloc(size_t n);
void	*xcalloc(size_t n, size_t m);
void	*xreallocarray(void *p, size_t n, size_t m);
char	*xstrdup(const char *s);
/*
 * The present: CRONKEEP_NOW (seconds since 1970, tests pin the clock with
 * it), else time(2).  @return 0, or CLI_EXIT_USAGE (printed).
 */
int	 cli_now(const struct cli_ctx *ctx, time_t *now);

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
 * "YYYY-MM-DD[ HH:MM[:SS]]" (or with 'T') in the local zone, with
 * fires_parse_time() (the one date parser).
 * @return 0, -1 (not a date), -2 (a date or time that does not exist).
 */
int	 cli_parse_local_time(const struct cli_ctx *ctx, const char *s,
	    time_t *out);
/*
 * Say why the value s of option opt was refused by the date parser (rc:
 * its -1 or -2); form: how to write it.  @return EX_DATAERR (65), as
 * for every invalid value cronkeep(1) documents.
 */
int	 cli_date_refused(const struct cli_ctx *ctx, const char *opt,
	    const char *s, int rc, const char *form);
/*
 * path made absolute for a line cron runs in $HOME: resolved when it
 * exists, else joined to the working directory.  Release with free(3).
 */
char	*cli_abs_path(const char *path);
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
	ck_tab		*tab;		/* the parsed document (lenient); empty
					   for the two kinds below */
	ck_anacrontab	*ana;		/* an anacrontab, or NULL */
	struct cli_runparts *rp;	/* a run-parts folder, or NULL */
	void		*priv;		/* store state for writing back */
	struct cli_ctx	*ctx;		/* what it was loaded with (borrowed) */
	struct cli_written *written;	/* what the write check found */
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
int	 cli_load_sources(struct cli_ctx *ctx, unsigned int flags,
	    struct cli_source **out, size_t *n);
void	 cli_sources_free(struct cli_source *v, size_t n);
/*
 * No job of v[0..n) has marker id: say so, with the nearest id as a
 * suggestion ("no job with id 'bakup' (did you mean 'backup'?)").
 * @return EX_NOINPUT, the exit code of every command for it.
 */
int	 cli_no_such_id(const struct cli_ctx *ctx, const struct cli_source *v,
	    size_t n, const char *id);
/* Does a job of v[0..n) (a crontab's or an anacrontab's) have id? */
bool	 cli_sources_have_id(const struct cli_source *v, size_t n,
	    const char *id);
/*
 * Is path a system crontab as cron reads it (.../etc/crontab or
 * .../etc/cron.d/NAME, also through a relative path or links)?  *cron_d
 * says which.
 */
bool	 cli_system_path(const char *path, bool *cron_d);
/* Is path read as an anacrontab (--anacrontab, or named "anacrontab")? */
bool	 cli_is_anacrontab(const struct cli_ctx *ctx, const char *path);
/* The line format of a file: --system-format/--user-format, else by path. */
bool	 cli_file_is_system(const struct cli_ctx *ctx, const char *path,
	    bool *cron_d);
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
size_t	 cli_sources_skipped(const struct cli_ctx *ctx,
	    const struct cli_skipped **v);
/* The exit code of the first source that could not be read, or 0. */
int	 cli_sources_status(const struct cli_ctx *ctx);
/* Forget the skipped sources (the shell, between two commands). */
void	 cli_sources_reset(struct cli_ctx *ctx);
/* A unified diff of a and b (3 lines of context); nothing when equal. */
void	 cli_udiff(const struct cli_ctx *ctx, FILE *f, const char *alabel,
	    const char *a, size_t alen, const char *blabel, const char *b,
	    size_t blen);

/* ---- write.c: shared by the write commands ---- */
struct json;
/*
 * Load the single crontab a write command changes (locked, lenient; a
 * missing file is empty; the lock goes with the source's store).  A
 * system crontab cron ignores is warned about.
 * @return 0, or an exit code (printed).
 */
int	 cli_write_load(struct cli_ctx *ctx, struct cli_source **v,
	    size_t *n);
/*
 * Write text as src's new contents unless it is what was read (then
 * nothing at all is written).  --dry-run prints the diff (with --json,
 * nothing: see cli_json_diff()).  @return 0 or an exit code (printed).
 */
int	 cli_write_text(const struct cli_ctx *ctx, struct cli_source *src,
	    const char *text, size_t len, bool *changed);
/* src's document as text (its anacrontab, or its crontab). @return 0/-1. */
int	 cli_source_format(const struct cli_source *src, char **text,
	    size_t *len, ck_error *err);
/* The same as cli_write_text(ctx) with src->tab rendered. */
int	 cli_write_tab(const struct cli_ctx *ctx, struct cli_source *src,
	    bool *changed);
/*
 * The "warnings" of cli_json_findings(), and with --dry-run a "diff" key
 * holding the unified diff of src->tab.
 */
void	 cli_json_diff(struct json *j, const struct cli_source *src);
/*
 * The word a write prints for what it did ("created", "removed", ...):
 * with -n what it would do ("would create", ...); "unchanged" stays.
 */
const char *cli_result_word(const struct cli_ctx *ctx, const char *done);
/* Where a result word goes: stdout, or stderr when stdout is the crontab. */
FILE	*cli_result_file(const struct cli_source *src);
/*
 * A job picked without its id: --line N (its line or its marker's) or
 * --match 'SCHEDULE COMMAND' (exactly that schedule, user and command).
 */
struct cli_pick {
	const char	*line;
	const char	*match;
};
/*
 * Keep the --line (key CLI_KEY_LINE) or --match (CLI_KEY_MATCH) option
 * in p.  @return 1 when key was one of them, else 0.
 */
int	 cli_pick_option(struct cli_pick *p, int key, const char *arg);
/*
 * The index (for ck_tab_job()) of the one job p selects in src.
 * @return 0, or the exit code (printed): 66 no such job (the lines of the
 * jobs are listed), 1 several match, 65 a --match that is no job line,
 * 64 a bad line number.
 */
int	 cli_pick_job(const struct cli_ctx *ctx, const struct cli_source *src,
	    const struct cli_pick *p, size_t *job);
/*
 * enable/disable: switch the job with marker id, or the one pick selects
 * (NULL: none), on or off in the selected crontab; an unmarked job picked
 * for disable gets the marker id first.  Prints
 * enabled|disabled|unchanged.  @return the exit code.
 */
int	 cli_switch_job(struct cli_ctx *ctx, const char *id,
	    const struct cli_pick *pick, bool enable);
/* enable and disable: their options (--id) and what they run. */
extern const struct cli_option cli_switch_options[];
int	 cli_switch_exec(struct cli_ctx *ctx, const struct cli_args *a,
	    bool enable);
/*
 * Check text as a crontab in the selected dialect and the given format;
 * print its problems (path:line:col: severity: msg [CODE]) on stderr.
 * @return the number of errors.
 */
size_t	 cli_check_text(struct cli_ctx *ctx, const char *path,
	    const char *text, size_t len, bool system);

/* ---- writecheck.c: every write is linted ---- */
/* One finding of the write check: what check would print. */
struct cli_found {
	ck_severity	 severity;
	unsigned int	 line;
	unsigned int	 column;
	const char	*code;		/* static */
	const char	*name;		/* static */
	char		*message;
};

/* What was found in the text last checked for a source. */
struct cli_written {
	char		*text;		/* the text checked */
	size_t		 len;
	struct cli_found *v;
	size_t		 n;
};
/*
 * Lint the lines of text (src's new contents) that src does not hold yet,
 * with the rules of src's dialect and format (the host's users, or those
 * of --root's etc/passwd, for a user column).  Errors and warnings are
 * printed on stderr as check prints them and kept in src for
 * cli_json_findings().  Checking the same text again prints nothing.
 * @return 0, or EX_DATAERR when an error (or with --strict a warning)
 * refuses the write (said on stderr), or another exit code (printed).
 */
int	 cli_write_check(const struct cli_ctx *ctx, struct cli_source *src,
	    const char *text, size_t len);
/* A "warnings" key: what cli_write_check(ctx) found ([] when nothing). */
void	 cli_json_findings(struct json *j, const struct cli_source *src);
/* Release w (source.c: a source owns what its write check found). */
void	 cli_written_free(struct cli_written *w);
/*
 * The users of --root's etc/passwd; without --root, the host's users
 * when host is true (else NULL).  Release with cli_users_free().
 */
char	**cli_read_users(const struct cli_ctx *ctx, bool host, size_t *n);
void	 cli_users_free(char **v, size_t n);

/* ---- output.c ---- */
bool	 cli_color_on(const struct cli_ctx *ctx, FILE *f);
/* Write untrusted text, escaping control characters when f is a tty. */
void	 cli_put_text(FILE *f, const char *s, size_t len);
/* What cli_put_text() would write, as an allocated string. */
char	*cli_text(FILE *f, const char *s, size_t len);
/* The same for a terminal (tty) or not, decided by the caller. */
char	*cli_text_for(const char *s, size_t len, bool tty);
/*
 * The longest prefix of s (len bytes of UTF-8) that ends on a character
 * boundary and is at most maxw terminal columns wide (wide characters
 * count 2, combining marks 0, a byte that is not UTF-8 1).  *width (may
 * be NULL) gets its width.  @return its length in bytes.
 */
size_t	 cli_utf8_cut(const char *s, size_t len, size_t maxw, size_t *width);
/*
 * The one escaping of untrusted text for display: C style (\n, \033 as
 * \033...) for every byte that is not printable ASCII, so no escape
 * sequence, CR, C1 control or bidi override reaches a terminal.
 * CLI_VIS_LINES keeps newlines and tabs; CLI_VIS_DOC only drops C1
 * controls and bidi overrides (U+202A-E, U+2066-9) for documents.
 * @return an allocated string.
 */
#define CLI_VIS_LINES	0x1
#define CLI_VIS_DOC	0x2
char	*cli_vis(const char *s, size_t len, unsigned int flags);
/* cli_vis(s, len, 0) written to f. */
void	 cli_put_vis(FILE *f, const char *s, size_t len);
/*
 * A message formatted from fmt: escaped on a tty as cli_put_text() does
 * (messages echo -u, -f, paths and schedules).
 */
void	 cli_vput_text(FILE *f, const char *fmt, va_list ap);
/* A multi-line text (a file): escaped on a tty, keeping its lines. */
void	 cli_put_lines(FILE *f, const char *s, size_t len);
/* Text escaped for XML and HTML (entities; control bytes as '?'). */
void	 cli_put_xml(FILE *f, const char *s, size_t len);
/* path:line:column: severity: message [CODE] */
void	 cli_print_diag(const struct cli_ctx *ctx, FILE *f, const char *path,
	    const ck_diag *d);
const char *cli_severity_name(ck_severity s);

/* A small streaming JSON writer with correct escaping. */
struct json {
	FILE		*f;
	bool		*began;		/* set when a top-level value starts
					   (NULL: not told) */
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
