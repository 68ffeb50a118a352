/* SPDX-License-Identifier: ISC */
/*
 * cmd_shell.c - "cronkeep shell": an interactive session on one crontab.
 *
 * The crontab is read once (as a write command reads it) and copied into
 * a private file; every command runs as the command line would run it,
 * with '-f COPY', so reading commands see the staged text and writing
 * commands change the copy, never the crontab.  'diff' shows what would
 * change, 'write' installs the copy through the crontab's own store after
 * checking that the crontab still holds what the shell read, 'quit' asks
 * before discarding unwritten changes.
 *
 * Lines are split into words like a shell does with quotes ('...', "...")
 * and backslashes, and nothing else: no variables, no globbing, no shell.
 * When standard input is not a terminal the lines are read without
 * prompts, so that a script can drive the shell.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "complete.h"
#include "prompt.h"

struct shell {
	struct cli_ctx base;	/* the options the shell was given */
	char		*label;	/* the crontab, for messages */
	bool		 system;	/* system format */
	char		*orig;	/* the crontab as read or written */
	size_t		 origlen;
	char		*dir;	/* the copy's private directory */
	char		*path;	/* the copy */
	unsigned int	 changes;	/* commands that changed the copy */
	char		***journal;	/* those commands, for 'rebase' */
	size_t		 njournal;
	bool		 interactive;
	const char	**words;	/* completion candidates */
	struct cpl_arg	 arg;		/* what the last completion offered
					   (its words may point into it) */
	char		**ids;
	struct prompt	*pr;	/* where the lines come from */
};

/* The shell's own commands; the rest come from the command table. */
static const struct {
	const char	*name;
	const char	*summary;
} builtins[] = {
	{ "diff",	"(without operands) the unwritten changes, as a "
			"unified diff" },
	{ "write",	"install the staged crontab (refused when it changed "
			"meanwhile)" },
	{ "reload",	"discard the staged changes, read the crontab "
			"again" },
	{ "rebase",	"read the crontab again and replay the commands that "
			"changed the staged copy (after a refused 'write')" },
	{ "help",	"this list; 'help COMMAND' for a command" },
	{ "quit",	"leave (asks before discarding unwritten changes); "
			"also 'exit', EOF" },
};
#define NBUILTIN (sizeof(builtins) / sizeof(builtins[0]))

/* ---- words ---- */

static void
words_free(char **v)
{
	size_t i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

static void
journal_free(char ***j, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		words_free(j[i]);
	free(j);
}

/* Remember a command that changed the staged copy. */
static void
journal_add(struct shell *sh, int argc, char **argv)
{
	char **v = xreallocarray(NULL, (size_t)argc + 1, sizeof(*v));
	int i;

	for (i = 0; i < argc; i++)
		v[i] = xstrdup(argv[i]);
	v[argc] = NULL;
	sh->journal = xreallocarray(sh->journal, sh->njournal + 1,
	    sizeof(*sh->journal));
	sh->journal[sh->njournal++] = v;
}

static void
journal_clear(struct shell *sh)
{
	journal_free(sh->journal, sh->njournal);
	sh->journal = NULL;
	sh->njournal = 0;
}

/*
 * line := blank* (word blank+)* word?
 * word := (plain | '\' any | "'" any-but-' "'" | '"' (any-but-"\ | '\' any)
 *         '"')+
 * Inside "...", a backslash only escapes " and \ (else it stays).  A '#'
 * at the start of a word begins a comment.  With partial, an open quote
 * or a trailing backslash ends the last word instead of being an error.
 * @return the words (NULL-terminated, *n of them), or NULL with *why and
 * the 1-based *col of the open quote or the backslash.
 */
static char **
split_line(const char *s, bool partial, size_t *n, const char **why,
    size_t *col)
{
	const char *line = s, *open = s;
	char **v = NULL, *w;
	size_t nv = 0, len;
	char q;
	bool in;

	w = xmalloc(strlen(s) + 1);
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || *s == '#')
			break;
		len = 0;
		in = true;
		while (in && *s != '\0' && *s != ' ' && *s != '\t') {
			if (*s == '\\') {
				if (s[1] == '\0') {
					open = s;
					*why = "a backslash at the end "
					    "of the line";
					if (!partial)
						goto open;
					s++;
					break;
				}
				w[len++] = s[1];
				s += 2;
			} else if (*s == '\'' || *s == '"') {
				open = s;
				q = *s++;
				while (*s != q) {
					if (*s == '\0') {
						*why = q == '"' ?
						    "a \" without its closing \"" :
						    "a ' without its closing '";
						if (!partial)
							goto open;
						in = false;
						break;
					}
					if (q == '"' && *s == '\\' &&
					    (s[1] == '"' || s[1] == '\\'))
						s++;
					w[len++] = *s++;
				}
				if (in)
					s++;
			} else
				w[len++] = *s++;
		}
		v = xreallocarray(v, nv + 2, sizeof(*v));
		v[nv] = xmalloc(len + 1);
		memcpy(v[nv], w, len);
		v[nv++][len] = '\0';
	}
	free(w);
	if (v == NULL)
		v = xcalloc(1, sizeof(*v));
	v[nv] = NULL;
	*n = nv;
	return v;
open:
	free(w);
	v = xreallocarray(v, nv + 1, sizeof(*v));
	v[nv] = NULL;
	words_free(v);
	*col = (size_t)(open - line) + 1;
	return NULL;
}

/* ---- the staged copy ---- */

static int
put_file(const char *path, const char *text, size_t len)
{
	ssize_t w;
	int fd;

	if ((fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW)) ==
	    -1)
		return -1;
	while (len > 0) {
		if ((w = write(fd, text, len)) == -1) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		text += w;
		len -= (size_t)w;
	}
	return close(fd);
}

/* The staged text; the caller free(3)s it.  @return 0 or an exit code. */
static int
staged(const struct shell *sh, char **text, size_t *len)
{
	ck_error err;

	memset(&err, 0, sizeof(err));
	if (cli_read_file(sh->path, text, len, &err) == -1)
		return cli_error(&sh->base, "the staged copy", &err);
	return 0;
}

static bool
pending(const struct shell *sh)
{
	char *text;
	size_t len;
	bool r;

	if (staged(sh, &text, &len) != 0)
		return true;
	r = len != sh->origlen || memcmp(text, sh->orig, len) != 0;
	free(text);
	return r;
}

/* A context for one run from the shell's options, holding nothing yet. */
static struct cli_ctx
fresh(const struct shell *sh)
{
	struct cli_ctx ctx = sh->base;

	ctx.cmd = &cmd_shell;
	ctx.skipped = NULL;
	ctx.nskipped = 0;
	return ctx;
}

/*
 * Read the crontab the shell's options select, as a write command does.
 * @return 0 or an exit code (printed).
 */
static int
load(struct shell *sh)
{
	struct cli_source *src = NULL;
	const char *text;
	size_t n = 0, len;
	struct cli_ctx ctx = fresh(sh);
	int rc;

	if ((rc = cli_write_load(&ctx, &src, &n)) != 0) {
		cli_ctx_release(&ctx);
		return rc;
	}
	text = cli_source_text(src, &len);
	free(sh->orig);
	sh->orig = xmalloc(len + 1);
	memcpy(sh->orig, text, len);
	sh->orig[len] = '\0';
	sh->origlen = len;
	free(sh->label);
	sh->label = xstrdup(src->label);
	sh->system = src->system;
	/* Others may write meanwhile: 'write' checks the content. */
	cli_sources_free(src, n);
	cli_ctx_release(&ctx);
	if (put_file(sh->path, sh->orig, sh->origlen) == -1) {
		cli_warn(&ctx, "%s", sh->path);
		return EX_IOERR;
	}
	sh->changes = 0;
	journal_clear(sh);
	return 0;
}

static int
setup(struct shell *sh)
{
	const char *t = getenv("TMPDIR");
	int fd;

	if (t == NULL || t[0] != '/')
		t = "/tmp";
	if (asprintf(&sh->dir, "%s/cronkeep-shell.XXXXXX", t) == -1) {
		cli_warnx(&sh->base, "out of memory");
		sh->dir = NULL;
		return EX_OSERR;
	}
	if (mkdtemp(sh->dir) == NULL) {
		cli_warn(&sh->base, "cannot create a directory in %s", t);
		free(sh->dir);
		sh->dir = NULL;
		return EX_CANTCREAT;
	}
	if (asprintf(&sh->path, "%s/crontab", sh->dir) == -1) {
		cli_warnx(&sh->base, "out of memory");
		sh->path = NULL;
		return EX_OSERR;
	}
	if ((fd = open(sh->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1) {
		cli_warn(&sh->base, "%s", sh->path);
		return EX_CANTCREAT;
	}
	close(fd);
	return 0;
}

static void
teardown(struct shell *sh)
{
	if (sh->path != NULL)
		(void)unlink(sh->path);
	if (sh->dir != NULL)
		(void)rmdir(sh->dir);
	free(sh->dir);
	free(sh->path);
	free(sh->label);
	free(sh->orig);
	free(sh->words);
	words_free(sh->ids);
	journal_clear(sh);
}

/* ---- commands ---- */

static void
help(const struct cli_command *const *table)
{
	const struct cli_command *const *c;
	size_t i;

	printf("The shell's own commands:\n");
	for (i = 0; i < NBUILTIN; i++)
		printf("  %-12s %s\n", builtins[i].name, builtins[i].summary);
	printf("The commands of the command line, on the staged copy:\n");
	for (c = table; *c != NULL; c++)
		if (strcmp((*c)->name, "shell") != 0)
			printf("  %-12s %s\n", (*c)->name, (*c)->summary);
	printf("Global options: --json, --dialect NAME, -n (dry run) ... "
	    "apply to one command.\n");
}

/* Run a command of the table on the staged copy, as the CLI would. */
static int
dispatch(struct shell *sh, const struct cli_command *c, int argc,
    char **argv)
{
	struct cli_ctx ctx;
	char *before = NULL, *after = NULL;
	size_t blen = 0, alen = 0;
	int rc;

	if (staged(sh, &before, &blen) != 0)
		return EX_IOERR;
	ctx = fresh(sh);
	ctx.user = NULL;
	ctx.system = false;
	ctx.all = false;
	ctx.cron_d = NULL;
	ctx.file = sh->path;
	ctx.staged = sh->path;
	ctx.staged_label = sh->label;
	ctx.format = sh->system ? CLI_FMT_SYSTEM : CLI_FMT_USER;
	ctx.dry_run = false;
	ctx.backup = NULL;
	rc = cli_run(&ctx, c, argc, argv);
	fflush(stdout);
	fflush(stderr);
	if (staged(sh, &after, &alen) == 0) {
		if (alen != blen || memcmp(before, after, alen) != 0) {
			sh->changes++;
			journal_add(sh, argc, argv);
		}
		free(after);
	}
	free(before);
	return rc;
}

static int
show_diff(struct shell *sh)
{
	char *text, *blabel;
	size_t len;

	if (staged(sh, &text, &len) != 0)
		return EX_IOERR;
	if (asprintf(&blabel, "%s (staged)", sh->label) == -1) {
		free(text);
		return EX_OSERR;
	}
	cli_udiff(&sh->base, stdout, sh->label, sh->orig, sh->origlen, blabel,
	    text, len);
	if (sh->interactive && (len == sh->origlen &&
	    memcmp(text, sh->orig, len) == 0))
		printf("no unwritten changes\n");
	free(blabel);
	free(text);
	return cli_finish(CLI_EXIT_OK);
}

static int
write_back(struct shell *sh)
{
	struct cli_source *src = NULL;
	struct cli_ctx ctx = fresh(sh);
	const char *now;
	char *text;
	size_t n = 0, len, nowlen;
	bool changed;
	int rc;

	if ((rc = staged(sh, &text, &len)) != 0)
		return rc;
	if (len == sh->origlen && memcmp(text, sh->orig, len) == 0) {
		printf("nothing to write\n");
		free(text);
		return cli_finish(CLI_EXIT_OK);
	}
	if ((rc = cli_write_load(&ctx, &src, &n)) != 0)
		goto out;
	/*
	 * The store checks that the crontab holds what this load read; the
	 * shell checks that this is what the session started from.
	 */
	now = cli_source_text(src, &nowlen);
	if (nowlen != sh->origlen || memcmp(now, sh->orig, nowlen) != 0) {
		cli_warnx(&ctx,
		    "%s changed since the shell read it; nothing was "
		    "written.  The changes stay staged: 'diff' shows them, "
		    "'rebase' reads the crontab again and replays them, "
		    "'reload' drops them", sh->label);
		rc = EX_TEMPFAIL;
		goto out;
	}
	if ((rc = cli_write_text(&ctx, src, text, len, &changed)) != 0) {
		cli_warnx(&ctx, "nothing was written; the changes stay staged: "
		    "'diff' shows them%s, 'reload' drops them",
		    rc == EX_TEMPFAIL ? ", 'rebase' replays them on the "
		    "crontab as it is now" : ", commands fix them, 'write' "
		    "tries again");
		goto out;
	}
	if (ctx.dry_run)
		goto out;
	free(sh->orig);
	sh->orig = text;
	sh->origlen = len;
	text = NULL;
	printf("written: %u change%s to %s\n", sh->changes,
	    sh->changes == 1 ? "" : "s", sh->label);
	sh->changes = 0;
	journal_clear(sh);
	rc = cli_finish(CLI_EXIT_OK);
out:
	cli_sources_free(src, n);
	cli_ctx_release(&ctx);
	free(text);
	return rc;
}

/*
 * Read the crontab again and replay the commands that changed the staged
 * copy.  When one fails, the session is put back as it was: nothing is
 * lost.  @return 0 or an exit code (printed).
 */
static int
rebase(struct shell *sh)
{
	const struct cli_command *c;
	char ***j = sh->journal, *orig = sh->orig, *text = NULL;
	size_t nj = sh->njournal, origlen = sh->origlen, len = 0, i;
	unsigned int changes = sh->changes;
	int rc, argc;

	if ((rc = staged(sh, &text, &len)) != 0)
		return rc;
	sh->journal = NULL;
	sh->njournal = 0;
	sh->orig = NULL;
	if ((rc = load(sh)) != 0)
		goto back;
	for (i = 0; i < nj; i++) {
		for (argc = 0; j[i][argc] != NULL; argc++)
			continue;
		if ((c = cli_command_lookup(sh->base.commands, j[i][0])) == NULL) {
			rc = EX_SOFTWARE;
			goto back;
		}
		if ((rc = dispatch(sh, c, argc, j[i])) != 0) {
			cli_warnx(&sh->base,
			    "'%s' (change %zu of %zu) failed on the "
			    "crontab as it is now", j[i][0], i + 1, nj);
			goto back;
		}
	}
	printf("replayed %zu change%s on %s as it is now\n", nj,
	    nj == 1 ? "" : "s", sh->label);
	journal_free(j, nj);
	free(orig);
	free(text);
	return cli_finish(CLI_EXIT_OK);
back:
	cli_warnx(&sh->base,
	    "the session is as before the rebase: the changes stay " "staged");
	journal_clear(sh);
	sh->journal = j;
	sh->njournal = nj;
	free(sh->orig);
	sh->orig = orig;
	sh->origlen = origlen;
	sh->changes = changes;
	if (put_file(sh->path, text, len) == -1) {
		cli_warn(&sh->base, "%s", sh->path);
		rc = EX_IOERR;
	}
	free(text);
	return rc;
}

/*
 * Before unwritten changes are dropped: ask on a terminal.  @return
 * whether to go on.
 */
static bool
may_discard(struct shell *sh)
{
	char q[80], *a;
	bool yes;

	if (!pending(sh))
		return true;
	if (!sh->interactive)
		return true;
	snprintf(q, sizeof(q), "discard %u unwritten change%s? [y/N] ",
	    sh->changes, sh->changes == 1 ? "" : "s");
	if (sh->pr == NULL || (a = prompt_read(sh->pr, q)) == NULL)
		return true;
	yes = a[0] == 'y' || a[0] == 'Y';
	free(a);
	return yes;
}

/* ---- completion ---- */

static const char *const *
command_words(struct shell *sh)
{
	const struct cli_command *const *c;
	size_t n = 0, i;

	free(sh->words);
	for (c = sh->base.commands; *c != NULL; c++)
		n++;
	sh->words = xcalloc(n + NBUILTIN + 2, sizeof(*sh->words));
	n = 0;
	for (i = 0; i < NBUILTIN; i++)
		if (strcmp(builtins[i].name, "diff") != 0)
			sh->words[n++] = builtins[i].name;
	sh->words[n++] = "exit";
	for (c = sh->base.commands; *c != NULL; c++)
		if (strcmp((*c)->name, "shell") != 0)
			sh->words[n++] = (*c)->name;
	return sh->words;
}

static const char *const *
option_words(struct shell *sh, const struct cli_command *c)
{
	const struct cli_option **o;
	size_t n, i, k = 0;
	char *w;

	o = cli_options_of(c, &n);
	words_free(sh->ids);
	sh->ids = xcalloc(n + 1, sizeof(*sh->ids));
	for (i = 0; i < n; i++) {
		if (o[i]->name == NULL)
			continue;
		if (asprintf(&w, "--%s", o[i]->name) == -1)
			w = xstrdup("--");
		sh->ids[k++] = w;
	}
	free(o);
	return (const char *const *)sh->ids;
}

/* The ids of the staged crontab's jobs. */
static const char *const *
id_words(struct shell *sh)
{
	struct cli_ctx ctx;
	const ck_job *job;
	const char *id;
	ck_tab *tab;
	char *text;
	size_t len, i, k = 0;

	words_free(sh->ids);
	sh->ids = NULL;
	if (staged(sh, &text, &len) != 0)
		return NULL;
	ctx = fresh(sh);
	(void)cli_resolve_dialect(&ctx);
	tab = ck_tab_parse(text, len, ctx.dialect, CK_PARSE_LENIENT |
	    (sh->system ? CK_PARSE_SYSTEM : 0), NULL);
	free(text);
	if (tab == NULL)
		return NULL;
	sh->ids = xcalloc(ck_tab_job_count(tab) + 1, sizeof(*sh->ids));
	for (i = 0; i < ck_tab_job_count(tab); i++) {
		job = ck_tab_job(tab, i);
		if ((id = ck_job_id(job, &len)) == NULL)
			continue;
		sh->ids[k] = xmalloc(len + 1);
		memcpy(sh->ids[k], id, len);
		sh->ids[k++][len] = '\0';
	}
	ck_tab_free(tab);
	return (const char *const *)sh->ids;
}

static enum prompt_kind
arg_kind(struct shell *sh, const struct cpl_arg *a, const char *const **out)
{
	switch (a->kind) {
	case CLI_COMP_WORDS:
		*out = a->words;
		return PROMPT_WORDS;
	case CLI_COMP_FILE:
	case CLI_COMP_DIR:
		return PROMPT_FILES;
	case CLI_COMP_USER:
		return PROMPT_USERS;
	case CLI_COMP_ID:
		*out = id_words(sh);
		return PROMPT_WORDS;
	case CLI_COMP_COMMAND:
		*out = command_words(sh);
		return PROMPT_WORDS;
	default:
		return PROMPT_NONE;
	}
}

static enum prompt_kind
complete(const char *before, const char *word, const char *const **out,
    void *arg)
{
	struct shell *sh = arg;
	const struct cli_command *c;
	const struct cli_option **o;
	const char *last, *why;
	char **w;
	size_t n, no, i, col;
	enum prompt_kind k = PROMPT_NONE;

	if ((w = split_line(before, true, &n, &why, &col)) == NULL)
		return PROMPT_NONE;
	if (n == 0) {
		*out = command_words(sh);
		k = PROMPT_WORDS;
		goto done;
	}
	if (strcmp(w[0], "help") == 0) {
		if (n == 1) {
			*out = command_words(sh);
			k = PROMPT_WORDS;
		}
		goto done;
	}
	if ((c = cli_command_lookup(sh->base.commands, w[0])) == NULL ||
	    strcmp(w[0], "shell") == 0)
		goto done;
	for (i = 1; i < n; i++)
		if (strcmp(w[i], "--") == 0)
			goto done;	/* a command to run: free text */
	last = w[n - 1];
	/* The argument of an option: --name, or -x of its short letter. */
	if (n >= 2 && last[0] == '-' && last[1] != '\0' &&
	    strchr(last, '=') == NULL && (last[1] == '-' || last[2] == '\0')) {
		o = cli_options_of(c, &no);
		for (i = 0; i < no; i++) {
			if (last[1] == '-' ? o[i]->name != NULL &&
			    strcmp(o[i]->name, last + 2) == 0 :
			    o[i]->letter == (unsigned char)last[1])
				break;
		}
		if (i < no && o[i]->arg != NULL) {
			cpl_option_arg(o[i], &sh->arg);
			free(o);
			k = arg_kind(sh, &sh->arg, out);
			goto done;
		}
		free(o);
	}
	if (word[0] == '-') {
		*out = option_words(sh, c);
		k = PROMPT_WORDS;
		goto done;
	}
	cpl_operand(c, &sh->arg);
	k = arg_kind(sh, &sh->arg, out);
done:
	words_free(w);
	return k;
}

/* ---- the loop ---- */

static char *
history_path(const struct shell *sh)
{
	const char *state = getenv("XDG_STATE_HOME"), *home;
	char *dir, *p, *path;
	bool end;

	if (state != NULL && state[0] == '/') {
		if (asprintf(&dir, "%s/cronkeep", state) == -1)
			return NULL;
	} else {
		if ((home = getenv("HOME")) == NULL || home[0] != '/')
			return NULL;
		if (asprintf(&dir, "%s/.local/state/cronkeep", home) == -1)
			return NULL;
	}
	/* mkdir -p, private. */
	for (p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		end = *p == '\0';
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
			cli_warn(&sh->base, "history not kept: %s", dir);
			free(dir);
			return NULL;
		}
		if (end)
			break;
		*p = '/';
	}
	if (asprintf(&path, "%s/history", dir) == -1)
		path = NULL;
	free(dir);
	return path;
}

static int
run_line(struct shell *sh, char **argv, size_t argc, bool *quit)
{
	const struct cli_command *c;
	char *hargv[3];

	if (strcmp(argv[0], "quit") == 0 || strcmp(argv[0], "exit") == 0) {
		*quit = may_discard(sh);
		return CLI_EXIT_OK;
	}
	if (strcmp(argv[0], "write") == 0) {
		if (argc > 1) {
			cli_warnx(&sh->base,
			    "write takes no arguments (give --backup "
			    "and -n to the shell)");
			return CLI_EXIT_USAGE;
		}
		return write_back(sh);
	}
	if (strcmp(argv[0], "reload") == 0) {
		if (!may_discard(sh))
			return CLI_EXIT_OK;
		return load(sh);
	}
	if (strcmp(argv[0], "rebase") == 0) {
		if (argc > 1) {
			cli_warnx(&sh->base, "rebase takes no arguments");
			return CLI_EXIT_USAGE;
		}
		return rebase(sh);
	}
	if (strcmp(argv[0], "diff") == 0 && argc == 1)
		return show_diff(sh);
	if (strcmp(argv[0], "help") == 0 || strcmp(argv[0], "?") == 0) {
		if (argc == 1) {
			help(sh->base.commands);
			return cli_finish(CLI_EXIT_OK);
		}
		if ((c = cli_command_lookup(sh->base.commands, argv[1])) == NULL ||
		    strcmp(argv[1], "shell") == 0) {
			cli_warnx(&sh->base, "unknown command '%s'", argv[1]);
			return CLI_EXIT_USAGE;
		}
		hargv[0] = argv[1];
		hargv[1] = "--help";
		hargv[2] = NULL;
		return dispatch(sh, c, 2, hargv);
	}
	if ((c = cli_command_lookup(sh->base.commands, argv[0])) == NULL) {
		cli_warnx(&sh->base, "unknown command '%s' (try 'help')",
		    argv[0]);
		return CLI_EXIT_USAGE;
	}
	if (strcmp(c->name, "shell") == 0) {
		cli_warnx(&sh->base, "this is the shell already");
		return CLI_EXIT_USAGE;
	}
	return dispatch(sh, c, (int)argc, argv);
}

static int
shell(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct shell sh;
	char *line, *hist = NULL, *prompt = NULL, **words;
	const char *why;
	size_t n, col, lineno = 0;
	bool quit = false;
	int rc, last = 0;

	if (a->argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'",
		    a->argv[0]);
	if (ctx->file != NULL && strcmp(ctx->file, "-") == 0) {
		cli_warnx(ctx,
		    "the shell reads its commands from standard input; "
		    "'-f -' cannot be the crontab");
		return CLI_EXIT_USAGE;
	}
	memset(&sh, 0, sizeof(sh));
	sh.base = *ctx;
	sh.interactive = isatty(STDIN_FILENO) == 1;
	if ((rc = setup(&sh)) != 0 || (rc = load(&sh)) != 0) {
		teardown(&sh);
		return rc;
	}
	if (sh.interactive) {
		hist = history_path(&sh);
		printf("cronkeep shell on %s: 'help' lists the commands, "
		    "'write' installs the changes.\n", sh.label);
	}
	sh.pr = prompt_open(sh.interactive, hist, complete, &sh);
	while (!quit) {
		free(prompt);
		if (asprintf(&prompt, "%s%s> ", sh.label,
		    sh.changes > 0 && pending(&sh) ? "*" : "") == -1)
			prompt = NULL;
		if ((line = prompt_read(sh.pr, prompt ? prompt : "> ")) == NULL) {
			if (sh.interactive)
				putchar('\n');
			if (may_discard(&sh))
				break;
			continue;
		}
		prompt_remember(sh.pr, line);
		lineno++;
		if ((words = split_line(line, false, &n, &why, &col)) ==
		    NULL) {
			if (sh.interactive)
				cli_warnx(ctx, "column %zu: %s", col, why);
			else
				cli_warnx(ctx, "(stdin):%zu:%zu: %s", lineno,
				    col, why);
			last = CLI_EXIT_USAGE;
		} else if (n > 0)
			last = run_line(&sh, words, n, &quit);
		words_free(words);
		free(line);
		clearerr(stdin);
		/* A script fails whole: nothing after a failure runs. */
		if (!sh.interactive && last != 0) {
			cli_warnx(ctx,
			    "(stdin):%zu: the command failed (exit %d): "
			    "stopping here, the lines after it are not run",
			    lineno, last);
			break;
		}
	}
	free(prompt);
	if (prompt_close(sh.pr) == -1)
		cli_warn(ctx, "cannot save the history in %s", hist);
	sh.pr = NULL;
	free(hist);
	if (!sh.interactive && pending(&sh)) {
		cli_warnx(ctx, "%u unwritten change%s discarded", sh.changes,
		    sh.changes == 1 ? "" : "s");
		if (last == 0)
			last = CLI_EXIT_FAIL;
	}
	teardown(&sh);
	if (sh.interactive)
		return cli_finish(CLI_EXIT_OK);
	return cli_finish(last);
}

const struct cli_command cmd_shell = {
	.name = "shell",
	.summary = "interactive session: edit a staged copy, then write",
	.description =
"An interactive session on the selected crontab (yours by default; -u USER,\n"
"-f PATH, --cron-d NAME).  It is read once; the commands (list, find, set,\n"
"remove, enable, disable, check, next, explain, edit, ...) then work on a\n"
"staged copy, 'diff' shows the unwritten changes and 'write' installs them,\n"
"after checking that nobody changed the crontab meanwhile.  Lines are split\n"
"into words with '...', \"...\" and \\ quoting, nothing else.\n"
"\n"
"On a terminal, lines are edited with readline: TAB completes commands,\n"
"options, job ids, dialects and paths, and the history is kept in\n"
"$XDG_STATE_HOME/cronkeep/history (~/.local/state/cronkeep/history).\n"
"Otherwise commands are read line by line without prompts.\n",
	.epilog =
"Reading commands from a non-terminal, the shell stops at the first command\n"
"that fails: the lines after it are not run and the staged changes are not\n"
"written.  On a terminal, a refused 'write' keeps the changes staged.\n"
"\n"
"Exit: 0 on a terminal; else the code of the failing (or last) command, and\n"
"1 instead of 0 when unwritten changes were discarded at the end.\n",
	.flags = CMD_WRITES,
	.exec = shell,
};
