/* SPDX-License-Identifier: ISC */
/*
 * opt.c - the one option parser of the command line: it reads the options
 * of a command (its entry's table) and the shared ones (the crontab
 * selection, -n/--backup for the commands that write, --json, --dialect,
 * --color, --wide, --help), and generates usage and help from the same
 * tables.
 * Reentrant: no getopt(3), no optind; the shell runs a command by calling
 * cli_run() again with a fresh context.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The shared options' keys (commands number theirs below 0x1000). */
enum {
	KEY_CRON_D = 0x1000, KEY_ROOT, KEY_USER_FORMAT, KEY_SYSTEM_FORMAT,
	KEY_DIALECT, KEY_JSON, KEY_COLOR, KEY_BACKUP, KEY_VERSION, KEY_STRICT,
	KEY_ANACRONTAB, KEY_WIDE
};

static const char *const colors[] = { "auto", "always", "never", NULL };

/* Which crontabs (-u -f -s ...): every command but CMD_NOWHERE ones. */
static const struct cli_option where_opts[] = {
	{ "user", 'u', 0, "USER", "that user's crontab", CLI_COMP_USER,
	    NULL, 0 },
	{ "file", 'f', 0, "PATH", "a crontab file in user format ('-': "
	    "standard input)", CLI_COMP_FILE, NULL, 0 },
	{ "system", 's', 0, NULL, "/etc/crontab and /etc/cron.d/* (with a "
	    "user column)", CLI_COMP_NONE, NULL, 0 },
	{ "cron-d", 0, KEY_CRON_D, "NAME", "the single file "
	    "/etc/cron.d/NAME", CLI_COMP_NONE, NULL, 0 },
	{ "all", 'a', 0, NULL, "every crontab on the host (reading commands)",
	    CLI_COMP_NONE, NULL, 0 },
	{ "root", 0, KEY_ROOT, "DIR", "prefix for every system path",
	    CLI_COMP_DIR, NULL, 0 },
	{ "user-format", 0, KEY_USER_FORMAT, NULL, "force the line format "
	    "of a file: user ...", CLI_COMP_NONE, NULL, 0 },
	{ "system-format", 0, KEY_SYSTEM_FORMAT, NULL, "... or system format, "
	    "with a user column", CLI_COMP_NONE, NULL, 0 },
	{ "anacrontab", 0, KEY_ANACRONTAB, NULL, "the file is an anacrontab "
	    "(default for one so named)", CLI_COMP_NONE, NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

/* For the commands that change a crontab (CMD_WRITES, -n: CMD_DRYRUN). */
static const struct cli_option write_opts[] = {
	{ "dry-run", 'n', 0, NULL, "print the diff, change nothing",
	    CLI_COMP_NONE, NULL, 0 },
	{ "backup", 0, KEY_BACKUP, "PATH", "save the old crontab first",
	    CLI_COMP_FILE, NULL, 0 },
	{ "strict", 0, KEY_STRICT, NULL, "a lint warning on a line to write "
	    "refuses the write\n(errors always do)", CLI_COMP_NONE, NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

/* Every command's. */
static const struct cli_option common_opts[] = {
	{ "json", 0, KEY_JSON, NULL, "machine-readable output",
	    CLI_COMP_NONE, NULL, 0 },
	{ "dialect", 0, KEY_DIALECT, "NAME", "debian | cronie | openbsd | "
	    "busybox | portable | auto", CLI_COMP_DIALECT, NULL, 0 },
	{ "color", 0, KEY_COLOR, "WHEN", "auto | always | never (NO_COLOR "
	    "is honoured)", CLI_COMP_WORDS, colors, 0 },
	{ "colour", 0, KEY_COLOR, "WHEN", "", CLI_COMP_WORDS, colors,
	    CLI_OPT_HIDDEN },
	{ "wide", 0, KEY_WIDE, NULL, "tables whole: nothing cut to the "
	    "terminal's width", CLI_COMP_NONE, NULL, 0 },
	{ "help", 'h', 0, NULL, "this text; 'cronkeep help COMMAND' for a "
	    "command", CLI_COMP_NONE, NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

/* Before the command only. */
static const struct cli_option top_opts[] = {
	{ "version", 0, KEY_VERSION, NULL, "print the version",
	    CLI_COMP_NONE, NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

static int
key_of(const struct cli_option *o)
{
	return o->key != 0 ? o->key : o->letter;
}

static bool
is_end(const struct cli_option *o)
{
	return o->name == NULL && o->letter == 0;
}

/* Does the table hold an option of that long name or letter? */
static bool
redefined(const struct cli_option *own, const struct cli_option *o)
{
	for (; own != NULL && !is_end(own); own++) {
		if (o->name != NULL && own->name != NULL &&
		    strcmp(o->name, own->name) == 0)
			return true;
		if (o->letter != 0 && own->letter == o->letter)
			return true;
	}
	return false;
}

/* Rows of t (at most max) that own does not redefine, appended to v. */
static void
add_table(const struct cli_option ***v, size_t *n,
    const struct cli_option *t, size_t max, const struct cli_option *own,
    bool hidden)
{
	for (; !is_end(t) && max > 0; t++, max--) {
		if ((t->flags & CLI_OPT_HIDDEN) && !hidden)
			continue;
		/*
		 * A command's own meaning of a name wins (find --user): the
		 * shared row stays for the parser, for its letter (-u).
		 */
		if (!hidden && own != NULL && t->name != NULL &&
		    redefined(own, &(struct cli_option){ .name = t->name }))
			continue;
		*v = xreallocarray(*v, *n + 1, sizeof(**v));
		(*v)[(*n)++] = t;
	}
}

/* How many rows of write_opts cmd takes: -n and --backup, -n, none. */
static size_t
write_rows(const struct cli_command *cmd)
{
	if (cmd == NULL || (cmd->flags & CMD_WRITES))
		return SIZE_MAX;
	return (cmd->flags & CMD_DRYRUN) ? 1 : 0;
}

/* Own, then where, write, common (then top, before a command). */
static const struct cli_option **
collect(const struct cli_command *cmd, bool hidden, size_t *n)
{
	const struct cli_option **v = NULL;
	const struct cli_option *own = cmd != NULL ? cmd->options : NULL;

	*n = 0;
	if (own != NULL)
		add_table(&v, n, own, SIZE_MAX, NULL, hidden);
	if (cmd == NULL || !(cmd->flags & CMD_NOWHERE))
		add_table(&v, n, where_opts, SIZE_MAX, own, hidden);
	add_table(&v, n, write_opts, write_rows(cmd), own, hidden);
	add_table(&v, n, common_opts, SIZE_MAX, own, hidden);
	if (cmd == NULL)
		add_table(&v, n, top_opts, SIZE_MAX, own, hidden);
	if (*n == 0)
		v = xcalloc(1, sizeof(*v));
	return v;
}

const struct cli_option **
cli_options_of(const struct cli_command *cmd, size_t *n)
{
	return collect(cmd, false, n);
}

static bool
is_shared(const struct cli_command *cmd, const struct cli_option *o)
{
	const struct cli_option *t;

	if (cmd != NULL && cmd->options != NULL)
		for (t = cmd->options; !is_end(t); t++)
			if (t == o)
				return false;
	return true;
}

/* ---- the shared options' effect on the context ---- */

static int
apply_shared(struct cli_ctx *ctx, int key, const char *arg)
{
	switch (key) {
	case 'u':
		ctx->user = arg;
		break;
	case 'f':
		ctx->file = arg;
		break;
	case 's':
		ctx->system = true;
		break;
	case 'a':
		ctx->all = true;
		break;
	case 'n':
		ctx->dry_run = true;
		break;
	case KEY_CRON_D:
		ctx->cron_d = arg;
		break;
	case KEY_ROOT:
		ctx->root = arg;
		break;
	case KEY_USER_FORMAT:
		ctx->format = CLI_FMT_USER;
		break;
	case KEY_SYSTEM_FORMAT:
		ctx->format = CLI_FMT_SYSTEM;
		break;
	case KEY_ANACRONTAB:
		ctx->anacrontab = true;
		break;
	case KEY_DIALECT:
		ctx->dialect_name = arg;
		break;
	case KEY_JSON:
		ctx->json = true;
		break;
	case KEY_WIDE:
		ctx->wide = true;
		break;
	case KEY_COLOR:
		if (strcmp(arg, "auto") == 0)
			ctx->color = CLI_COLOR_AUTO;
		else if (strcmp(arg, "always") == 0)
			ctx->color = CLI_COLOR_ALWAYS;
		else if (strcmp(arg, "never") == 0)
			ctx->color = CLI_COLOR_NEVER;
		else
			return -1;
		break;
	case KEY_BACKUP:
		ctx->backup = arg;
		break;
	case KEY_STRICT:
		ctx->strict = true;
		break;
	}
	return 0;
}

/* ---- the command table (main's, in ctx) ---- */

const struct cli_command *
cli_command_lookup(const struct cli_command *const *table, const char *name)
{
	const struct cli_command *const *c;

	for (c = table; *c != NULL; c++)
		if (strcmp((*c)->name, name) == 0)
			return *c;
	return NULL;
}

/* The option of p->v whose long name is nearest to name, or NULL. */
static const char *
nearest_option(const struct cli_option *const *v, size_t n,
    const char *name)
{
	const char *best = NULL;
	size_t i, d, bd = SIZE_MAX;

	for (i = 0; i < n; i++) {
		if (v[i]->name == NULL || (v[i]->flags & CLI_OPT_HIDDEN) ||
		    !cli_near(name, v[i]->name))
			continue;
		if ((d = cli_distance(name, v[i]->name)) < bd) {
			bd = d;
			best = v[i]->name;
		}
	}
	return best;
}

/* ---- parsing ---- */

enum { PARSE_OK = 0, PARSE_HELP = -1, PARSE_VERSION = -2 };

struct parser {
	const struct cli_command *cmd;	/* NULL: before the command */
	struct cli_ctx		*ctx;
	const struct cli_option	**v;	/* what may be given */
	size_t			 n;
	struct cli_args		*out;
	long			 pending;	/* opts index waiting for .next */
};

/* A shared option whose long name the command uses for its own. */
static bool
shadowed(const struct cli_command *cmd, const struct cli_option *o)
{
	return cmd != NULL && is_shared(cmd, o) && o->name != NULL &&
	    redefined(cmd->options, &(struct cli_option){ .name = o->name });
}

static const struct cli_option *
find_long(struct parser *p, const char *name, size_t len, bool *ambiguous)
{
	const struct cli_option *hit = NULL;
	size_t i;

	*ambiguous = false;
	for (i = 0; i < p->n; i++)
		if (p->v[i]->name != NULL && strlen(p->v[i]->name) == len &&
		    strncmp(p->v[i]->name, name, len) == 0)
			return p->v[i];
	/* As getopt_long(3): an unambiguous prefix will do. */
	for (i = 0; i < p->n; i++) {
		if (p->v[i]->name == NULL ||
		    strncmp(p->v[i]->name, name, len) != 0 ||
		    shadowed(p->cmd, p->v[i]))
			continue;
		if (hit != NULL && key_of(hit) != key_of(p->v[i])) {
			*ambiguous = true;
			return NULL;
		}
		hit = p->v[i];
	}
	return hit;
}

static const struct cli_option *
find_short(struct parser *p, int letter)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->v[i]->letter == letter)
			return p->v[i];
	return NULL;
}

static void
add_operand(struct parser *p, char *w)
{
	struct cli_args *a = p->out;

	if (p->pending >= 0)
		a->opts[p->pending].next = a->argc;
	p->pending = -1;
	a->argv = xreallocarray(a->argv, (size_t)a->argc + 2,
	    sizeof(*a->argv));
	a->argv[a->argc++] = w;
	a->argv[a->argc] = NULL;
}

/* One option found: the context's, the program's, or the command's. */
static int
got(struct parser *p, const struct cli_option *o, const char *arg)
{
	struct cli_args *a = p->out;
	int key = key_of(o);

	p->pending = -1;
	if (key == 'h' && is_shared(p->cmd, o))
		return PARSE_HELP;
	if (key == KEY_VERSION)
		return PARSE_VERSION;
	if (is_shared(p->cmd, o)) {
		if (apply_shared(p->ctx, key, arg) == -1)
			return cli_usage_error(p->ctx,
			    "--%s takes auto, always " "or never, not '%s'",
			    o->name, arg);
		return PARSE_OK;
	}
	a->opts = xreallocarray(a->opts, a->nopts + 1, sizeof(*a->opts));
	a->opts[a->nopts].key = key;
	a->opts[a->nopts].arg = arg;
	a->opts[a->nopts].next = -1;
	p->pending = (long)a->nopts++;
	return PARSE_OK;
}

static int
long_option(struct parser *p, int argc, char **argv, int *i)
{
	const struct cli_option *o;
	const char *name = argv[*i] + 2, *eq;
	size_t len;
	bool ambiguous;

	eq = strchr(name, '=');
	len = eq != NULL ? (size_t)(eq - name) : strlen(name);
	if ((o = find_long(p, name, len, &ambiguous)) == NULL) {
		char word[64];
		const char *near;

		if (ambiguous)
			return cli_usage_error(p->ctx, "option '--%.*s' is "
			    "ambiguous", (int)len, name);
		snprintf(word, sizeof(word), "%.*s", (int)len, name);
		if ((near = nearest_option(p->v, p->n, word)) != NULL)
			return cli_usage_error(p->ctx, "unknown option '--%s' "
			    "(did you mean --%s?)", word, near);
		return cli_usage_error(p->ctx, "unknown option '--%.*s'",
		    (int)len, name);
	}
	if (o->arg == NULL) {
		if (eq != NULL)
			return cli_usage_error(p->ctx, "option '--%s' takes "
			    "no argument", o->name);
		return got(p, o, NULL);
	}
	if (eq != NULL)
		return got(p, o, eq + 1);
	if (*i + 1 >= argc)
		return cli_usage_error(p->ctx, "option '--%s' needs an "
		    "argument (%s)", o->name, o->arg);
	return got(p, o, argv[++*i]);
}

static int
short_options(struct parser *p, int argc, char **argv, int *i)
{
	const struct cli_option *o;
	const char *s;
	int rc;

	for (s = argv[*i] + 1; *s != '\0'; s++) {
		if ((o = find_short(p, (unsigned char)*s)) == NULL)
			return cli_usage_error(p->ctx, "unknown option '-%c'",
			    *s);
		if (o->arg == NULL) {
			if ((rc = got(p, o, NULL)) != PARSE_OK)
				return rc;
			continue;
		}
		if (s[1] != '\0')
			return got(p, o, s + 1);
		if (*i + 1 >= argc)
			return cli_usage_error(p->ctx, "option '-%c' needs an "
			    "argument (%s)", *s, o->arg);
		return got(p, o, argv[++*i]);
	}
	return PARSE_OK;
}

/*
 * argv[0] is the command's name (or the program's); the options are
 * anywhere before "--" (before the command: up to the first operand).
 */
static int
parse(struct parser *p, int argc, char **argv, int *stopped)
{
	bool stop = false, help = false;
	int i, rc = PARSE_OK;

	p->v = collect(p->cmd, true, &p->n);
	p->pending = -1;
	p->out->dashdash = -1;
	for (i = 1; i < argc && rc == PARSE_OK; i++) {
		char *w = argv[i];

		if (stop || w[0] != '-' || w[1] == '\0') {
			if (p->cmd == NULL) {
				*stopped = i;
				break;
			}
			add_operand(p, w);
			if (p->cmd->flags & CMD_STOPOPT)
				stop = true;
			continue;
		}
		if (strcmp(w, "--") == 0) {
			if (p->cmd == NULL) {
				*stopped = i + 1;
				break;
			}
			if (p->out->dashdash < 0)
				p->out->dashdash = p->out->argc;
			p->pending = -1;
			stop = true;
			continue;
		}
		if (w[1] == '-')
			rc = long_option(p, argc, argv, &i);
		else
			rc = short_options(p, argc, argv, &i);
		/* "cronkeep -h list": the command's help. */
		if (rc == PARSE_HELP && p->cmd == NULL) {
			help = true;
			rc = PARSE_OK;
		}
	}
	if (p->cmd == NULL && i >= argc && rc == PARSE_OK)
		*stopped = argc;
	if (p->out->dashdash < 0)
		p->out->dashdash = p->out->argc;
	free(p->v);
	return rc == PARSE_OK && help ? PARSE_HELP : rc;
}

int
cli_parse_top(struct cli_ctx *ctx, int argc, char **argv, int *ind)
{
	struct cli_args a;
	struct parser p = { .ctx = ctx, .out = &a };
	int rc;

	memset(&a, 0, sizeof(a));
	*ind = argc;
	rc = parse(&p, argc, argv, ind);
	free(a.opts);
	free(a.argv);
	if (rc == PARSE_HELP)
		return CLI_TOP_HELP;
	if (rc == PARSE_VERSION)
		return CLI_TOP_VERSION;
	return rc;
}

/* What the command's flags say about the shared options given. */
static int
preconditions(const struct cli_ctx *ctx, const struct cli_command *cmd)
{
	if (ctx->staged == NULL && (cmd->flags & CMD_NOWHERE) &&
	    (ctx->user != NULL || ctx->file != NULL || ctx->system ||
	    ctx->cron_d != NULL || ctx->all))
		return cli_usage_error(ctx, "%s reads no crontab: -u, -f, -s, "
		    "--cron-d and -a are not for it", cmd->name);
	if (ctx->dry_run && !(cmd->flags & (CMD_WRITES | CMD_DRYRUN)))
		return cli_usage_error(ctx, "%s changes no crontab: -n is for "
		    "the commands that do", cmd->name);
	if (ctx->backup != NULL && !(cmd->flags & CMD_WRITES))
		return cli_usage_error(ctx, "%s changes no crontab: --backup "
		    "is for the commands that do", cmd->name);
	return 0;
}

bool
cli_json_asked(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--json") == 0)
			return true;
	return false;
}

int
cli_run(struct cli_ctx *ctx, const struct cli_command *cmd, int argc,
    char **argv)
{
	struct cli_args a;
	struct parser p = { .cmd = cmd, .ctx = ctx, .out = &a };
	int rc;

	memset(&a, 0, sizeof(a));
	ctx->cmd = cmd;
	cli_said_reset(ctx->said);
	rc = parse(&p, argc, argv, NULL);
	if (rc != PARSE_OK && rc != PARSE_HELP)
		ctx->json = ctx->json || cli_json_asked(argc, argv);
	if (rc == PARSE_HELP) {
		cli_help(stdout, cmd);
		rc = cli_finish(CLI_EXIT_OK);
	} else if (rc == PARSE_OK && (rc = preconditions(ctx, cmd)) == 0)
		rc = cmd->exec(ctx, &a);
	rc = cli_exit(ctx, rc);
	free(a.opts);
	free(a.argv);
	cli_ctx_release(ctx);
	return rc;
}

void
cli_ctx_release(struct cli_ctx *ctx)
{
	cli_sources_reset(ctx);
}

/* ---- usage and help, generated from the tables ---- */

#define WIDTH	79

struct wrap {
	FILE	*f;
	size_t	 col;
	size_t	 indent;
};

static void
wrap_word(struct wrap *w, const char *s)
{
	size_t len = strlen(s);

	if (w->col > w->indent && w->col + 1 + len > WIDTH) {
		fprintf(w->f, "\n%*s", (int)w->indent, "");
		w->col = w->indent;
	} else if (w->col > 0) {
		fputc(' ', w->f);
		w->col++;
	}
	fputs(s, w->f);
	w->col += len;
}

/* "[-v|--verbose]", "--id ID", "[-c|--count N]" */
static void
usage_item(char *buf, size_t size, const struct cli_option *o)
{
	bool req = (o->flags & CLI_OPT_REQUIRED) != 0;
	int k;

	k = snprintf(buf, size, "%s", req ? "" : "[");
	if (o->letter != 0 && o->name != NULL)
		k += snprintf(buf + k, size - (size_t)k, "-%c|--%s", o->letter,
		    o->name);
	else if (o->letter != 0)
		k += snprintf(buf + k, size - (size_t)k, "-%c", o->letter);
	else
		k += snprintf(buf + k, size - (size_t)k, "--%s", o->name);
	if (o->arg != NULL)
		k += snprintf(buf + k, size - (size_t)k, " %s", o->arg);
	snprintf(buf + k, size - (size_t)k, "%s", req ? "" : "]");
}

void
cli_usage(FILE *f, const struct cli_command *cmd)
{
	const struct cli_option **v;
	struct wrap w = { .f = f };
	char item[128], head[64];
	size_t n, i;

	if (cmd == NULL) {
		fprintf(f, "usage: cronkeep [options] <command> [args]\n");
		return;
	}
	snprintf(head, sizeof(head), "usage: cronkeep %s%s",
	    (cmd->flags & (CMD_NOSOURCE | CMD_NOWHERE)) ? "" : "[where] ",
	    cmd->name);
	fputs(head, f);
	w.col = strlen(head);
	w.indent = w.col + 1 < 32 ? w.col + 1 : 8;
	v = collect(cmd, false, &n);
	for (i = 0; i < n; i++) {
		/* The selection is "[where]"; -h is for everyone. */
		if (key_of(v[i]) == 'h' || (is_shared(cmd, v[i]) &&
		    redefined(where_opts, v[i])))
			continue;
		usage_item(item, sizeof(item), v[i]);
		wrap_word(&w, item);
	}
	free(v);
	if (cmd->synopsis != NULL)
		wrap_word(&w, cmd->synopsis);
	fputc('\n', f);
}

/*
 * s (len bytes) on f, ending a line where it would pass WIDTH (the
 * column it starts at is ind): at the last blank that fits, or after a
 * word longer than the room; the lines it continues on start ind
 * spaces in.  Blanks inside a line are kept as written.
 */
static void
help_fill(FILE *f, const char *s, size_t len, size_t ind)
{
	size_t room = WIDTH > ind + 20 ? WIDTH - ind : 20, cut, end;

	while (len > room) {
		for (cut = room; cut > 0 && s[cut] != ' '; cut--)
			;
		if (cut == 0) {
			for (cut = room; cut < len && s[cut] != ' '; cut++)
				;
			if (cut == len)
				break;
		}
		for (end = cut; end > 0 && s[end - 1] == ' '; end--)
			;
		fprintf(f, "%.*s\n%*s", (int)end, s, (int)ind, "");
		while (cut < len && s[cut] == ' ')
			cut++;
		s += cut;
		len -= cut;
	}
	fprintf(f, "%.*s\n", (int)len, s);
}

/*
 * "  -v, --verbose   help text": the help starts on column 24 (on the
 * next line after a long label), each of its '\n' ends a line, and a
 * line too long for WIDTH goes on on the next one (help_fill()).
 */
#define HELP_COL	24
static void
help_option(FILE *f, const struct cli_option *o)
{
	char label[80];
	const char *h, *nl;
	int k;

	if (o->letter != 0 && o->name != NULL)
		k = snprintf(label, sizeof(label), "  -%c, --%s", o->letter,
		    o->name);
	else if (o->letter != 0)
		k = snprintf(label, sizeof(label), "  -%c", o->letter);
	else
		k = snprintf(label, sizeof(label), "      --%s", o->name);
	if (o->arg != NULL && k > 0 && (size_t)k < sizeof(label))
		snprintf(label + k, sizeof(label) - (size_t)k, " %s", o->arg);
	fputs(label, f);
	if (strlen(label) > HELP_COL - 2)
		fprintf(f, "\n%*s", HELP_COL, "");
	else
		fprintf(f, "%*s", (int)(HELP_COL - strlen(label)), "");
	for (h = o->help != NULL ? o->help : ""; ; h = nl + 1) {
		nl = strchr(h, '\n');
		help_fill(f, h, nl != NULL ? (size_t)(nl - h) : strlen(h),
		    HELP_COL);
		if (nl == NULL)
			break;
		fprintf(f, "%*s", HELP_COL, "");
	}
}

static void
help_table(FILE *f, const char *title, const struct cli_command *cmd,
    const struct cli_option *t, size_t max)
{
	bool first = true;

	for (; !is_end(t) && max > 0; t++, max--) {
		struct cli_option o = *t;

		if (t->flags & CLI_OPT_HIDDEN)
			continue;
		/* find --user: -u still selects the crontab. */
		if (shadowed(cmd, t)) {
			if (t->letter == 0)
				continue;
			o.name = NULL;
		}
		if (first)
			fprintf(f, "%s\n", title);
		first = false;
		help_option(f, &o);
	}
}

void
cli_help_program(FILE *f, const struct cli_command *const *table)
{
	const struct cli_command *const *c;

	cli_usage(f, NULL);
	fputs("\n", f);
	help_table(f, "where (default: your crontab, through crontab(1)):",
	    NULL, where_opts, SIZE_MAX);
	help_table(f, "options:", NULL, common_opts, SIZE_MAX);
	help_table(f, "for the commands that change a crontab:", NULL,
	    write_opts, SIZE_MAX);
	help_table(f, "before the command:", NULL, top_opts, SIZE_MAX);
	fprintf(f, "\ncommands:\n");
	for (c = table; *c != NULL; c++)
		fprintf(f, "  %-12s %s\n", (*c)->name, (*c)->summary);
	fprintf(f, "\nExit: 0 success, 1 'no' (findings, no match, conflict), "
	    "2 usage,\nsysexits(3) codes for failures.\n");
}

void
cli_help(FILE *f, const struct cli_command *cmd)
{
	const struct cli_option *t;
	bool own = false;

	cli_usage(f, cmd);
	if (cmd->description != NULL)
		fprintf(f, "\n%s", cmd->description);
	for (t = cmd->options; t != NULL && !is_end(t); t++) {
		if (t->flags & CLI_OPT_HIDDEN)
			continue;
		if (!own)
			fprintf(f, "\noptions:\n");
		own = true;
		help_option(f, t);
	}
	fputc('\n', f);
	if (!(cmd->flags & CMD_NOWHERE))
		help_table(f, (cmd->flags & CMD_NOSOURCE) ?
		    "where (for the options that read a crontab):" :
		    "where (default: your crontab, through crontab(1)):", cmd,
		    where_opts, SIZE_MAX);
	help_table(f, "changing the crontab:", cmd, write_opts,
	    write_rows(cmd));
	help_table(f, "global options:", cmd, common_opts, SIZE_MAX);
	if (cmd->epilog != NULL)
		fprintf(f, "\n%s", cmd->epilog);
}

int
cli_usage_error(const struct cli_ctx *ctx, const char *fmt, ...)
{
	const struct cli_command *cmd = ctx != NULL ? ctx->cmd : NULL;
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", getprogname());
	va_start(ap, fmt);
	cli_vput_text(stderr, fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	cli_said_message(ctx, fmt, ap, NULL);
	va_end(ap);
	/* One line and where to read more, not the whole help. */
	fprintf(stderr, "; try 'cronkeep %s%s--help'\n",
	    cmd != NULL ? cmd->name : "", cmd != NULL ? " " : "");
	return CLI_EXIT_USAGE;
}
