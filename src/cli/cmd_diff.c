/* SPDX-License-Identifier: ISC */
/*
 * cmd_diff.c - "cronkeep diff OLD NEW": a semantic diff of two crontabs.
 * Jobs are matched by id, else by command; schedules are compared by the
 * minutes they fire at, so "0 * * * *" versus "@hourly" is reported as the
 * same schedule, respelled.  Exit 0 when the crontabs do the same, 1 when
 * they differ (like diff(1)).
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"

struct side {
	char		*label;
	char		*text;
	size_t		 len;
	ck_tab		*tab;
	struct cli_source *src;		/* when it came from a store */
	size_t		 nsrc;
	bool		 system;	/* read in the system format */
};

static int
read_file(const struct cli_ctx *ctx, const char *path, bool system,
    struct side *s)
{
	ck_error err;

	s->label = xstrdup(strcmp(path, "-") == 0 ? "(stdin)" : path);
	s->system = system;
	if (cli_read_file(path, &s->text, &s->len, &err) == -1)
		return cli_error(ctx, NULL, &err);
	return 0;
}

static int
parse_file(const struct cli_ctx *ctx, struct side *s)
{
	ck_error err;

	s->tab = ck_tab_parse(s->text, s->len, ctx->dialect,
	    CK_PARSE_LENIENT | (s->system ? CK_PARSE_SYSTEM : 0), &err);
	if (s->tab == NULL)
		return cli_error(ctx, s->label, &err);
	return 0;
}

/*
 * OLD and NEW name one readable regular file: as with diff(1), a file is
 * the same as itself without reading it.  Anything else (an unreadable
 * file, a FIFO) takes the long way, which reports it.
 */
static bool
same_file(const char *p1, const char *p2)
{
	struct stat s1, s2;
	int fd;
	bool same;

	if (strcmp(p1, "-") == 0 || strcmp(p2, "-") == 0)
		return false;
	if ((fd = open(p1, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) ==
	    -1)
		return false;
	same = fstat(fd, &s1) == 0 && stat(p2, &s2) == 0 &&
	    S_ISREG(s1.st_mode) && s1.st_dev == s2.st_dev &&
	    s1.st_ino == s2.st_ino;
	close(fd);
	return same;
}

/*
 * Two files of the same bytes, read the same way (user or system format,
 * one dialect), mean the same: a lenient parse is a function of the bytes
 * and fails only without memory, so neither needs parsing.  This makes
 * "diff FILE FILE" (a file with itself, or a copy) a read and a memcmp.
 */
static bool
same_bytes(const struct side *a, const struct side *b)
{
	return a->system == b->system && a->len == b->len &&
	    (a->len == 0 || memcmp(a->text, b->text, a->len) == 0);
}

static int
load_store(struct cli_ctx *ctx, struct side *s)
{
	const char *t;
	int rc;

	if ((rc = cli_load_sources(ctx, CLI_SRC_LENIENT | CLI_SRC_SINGLE |
	    CLI_SRC_TEXT, &s->src, &s->nsrc)) != 0)
		return rc;
	s->label = xstrdup(s->src[0].label);
	t = cli_source_text(&s->src[0], &s->len);
	s->text = xmalloc(s->len + 1);
	memcpy(s->text, t, s->len);
	s->text[s->len] = '\0';
	s->tab = s->src[0].tab;
	s->src[0].tab = NULL;
	return 0;
}

static void
side_free(struct side *s)
{
	free(s->label);
	free(s->text);
	ck_tab_free(s->tab);
	cli_sources_free(s->src, s->nsrc);
}

/* A job's name for humans: its id, else its command. */
static void
put_name(const ck_job *j)
{
	const char *s;
	size_t n;

	if ((s = ck_job_id(j, &n)) != NULL) {
		cli_put_text(stdout, s, n);
		return;
	}
	s = ck_job_command(j, &n);
	if (n > 60) {
		cli_put_text(stdout, s, 57);
		fputs("...", stdout);
	} else
		cli_put_text(stdout, s, n);
}

static void
put_quoted_schedule(const ck_job *j)
{
	size_t n;
	const char *s = ck_expr_text(ck_job_expr(j), &n);

	putchar('"');
	cli_put_text(stdout, s, n);
	putchar('"');
}

static void
put_quoted_command(const ck_job *j)
{
	size_t n;
	const char *s = ck_job_command(j, &n);

	putchar('"');
	cli_put_text(stdout, s, n);
	putchar('"');
}

static void
json_job(struct json *j, const ck_job *job)
{
	const char *s;
	size_t n;

	json_obj_begin(j);
	json_key(j, "line");
	json_int(j, (long long)ck_job_line(job) + 1);
	json_key(j, "schedule");
	s = ck_expr_text(ck_job_expr(job), &n);
	json_strn(j, s, n);
	json_key(j, "command");
	s = ck_job_command(job, &n);
	json_strn(j, s, n);
	json_key(j, "user");
	s = ck_job_user(job, &n);
	if (s != NULL)
		json_strn(j, s, n);
	else
		json_null(j);
	json_key(j, "enabled");
	json_bool(j, ck_job_enabled(job));
	json_obj_end(j);
}

static const struct {
	unsigned int	 bit;
	const char	*name;
} whats[] = {
	{ CK_DIFF_SCHEDULE, "schedule" },
	{ CK_DIFF_RESPELLED, "respelled" },
	{ CK_DIFF_COMMAND, "command" },
	{ CK_DIFF_ENABLED, "enabled" },
	{ CK_DIFF_USER, "user" },
	{ CK_DIFF_ENV, "environment" },
	{ CK_DIFF_MOVED, "moved" },
};

static void
print_json(const struct cli_ctx *ctx, const ck_tabdiff *d)
{
	const ck_jobdiff *c;
	const ck_job *any;
	struct json j;
	const char *s, *p, *e;
	size_t i, k, n;

	cli_json_init(ctx, &j, stdout);
	json_obj_begin(&j);
	json_key(&j, "same");
	json_bool(&j, ck_tabdiff_count(d) == 0);
	json_key(&j, "changes");
	json_arr_begin(&j);
	for (i = 0; i < ck_tabdiff_count(d); i++) {
		c = ck_tabdiff_at(d, i);
		any = c->new_ != NULL ? c->new_ : c->old;
		json_obj_begin(&j);
		json_key(&j, "change");
		json_str(&j, (c->what & CK_DIFF_ADDED) ? "added" :
		    (c->what & CK_DIFF_REMOVED) ? "removed" : "changed");
		json_key(&j, "id");
		if ((s = ck_job_id(any, &n)) != NULL)
			json_strn(&j, s, n);
		else
			json_null(&j);
		json_key(&j, "what");
		json_arr_begin(&j);
		for (k = 0; k < sizeof(whats) / sizeof(whats[0]); k++)
			if (c->what & whats[k].bit)
				json_str(&j, whats[k].name);
		json_arr_end(&j);
		json_key(&j, "old");
		if (c->old != NULL)
			json_job(&j, c->old);
		else
			json_null(&j);
		json_key(&j, "new");
		if (c->new_ != NULL)
			json_job(&j, c->new_);
		else
			json_null(&j);
		json_key(&j, "env");
		json_arr_begin(&j);
		for (p = c->env; p != NULL && *p != '\0'; p = e) {
			e = strchr(p, ',');
			if (e == NULL)
				e = p + strlen(p);
			json_strn(&j, p, (size_t)(e - p));
			while (*e == ',' || *e == ' ')
				e++;
		}
		json_arr_end(&j);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	json_end(&j);
}

static void
print_text(const ck_tabdiff *d, const struct side *a, const struct side *b)
{
	const ck_jobdiff *c;
	size_t i, n;
	const char *s;

	for (i = 0; i < ck_tabdiff_count(d); i++) {
		c = ck_tabdiff_at(d, i);
		if (c->what & (CK_DIFF_ADDED | CK_DIFF_REMOVED)) {
			const ck_job *j = c->new_ != NULL ? c->new_ : c->old;

			printf("%c ", c->new_ != NULL ? '+' : '-');
			put_name(j);
			printf(" (%s:%zu): ", c->new_ != NULL ? b->label :
			    a->label, ck_job_line(j) + 1);
			s = ck_expr_text(ck_job_expr(j), &n);
			cli_put_text(stdout, s, n);
			if ((s = ck_job_user(j, &n)) != NULL) {
				putchar(' ');
				cli_put_text(stdout, s, n);
			}
			s = ck_job_command(j, &n);
			putchar(' ');
			cli_put_text(stdout, s, n);
			if (!ck_job_enabled(j))
				fputs(" (disabled)", stdout);
			putchar('\n');
			continue;
		}
		printf("~ ");
		put_name(c->new_);
		printf(" (%s:%zu -> %s:%zu)\n", a->label, ck_job_line(c->old) + 1,
		    b->label, ck_job_line(c->new_) + 1);
		if (c->what & CK_DIFF_SCHEDULE) {
			fputs("    schedule: ", stdout);
			put_quoted_schedule(c->old);
			fputs(" -> ", stdout);
			put_quoted_schedule(c->new_);
			putchar('\n');
		}
		if (c->what & CK_DIFF_RESPELLED) {
			fputs("    same schedule, respelled: ", stdout);
			put_quoted_schedule(c->old);
			fputs(" -> ", stdout);
			put_quoted_schedule(c->new_);
			putchar('\n');
		}
		if (c->what & CK_DIFF_COMMAND) {
			fputs("    command: ", stdout);
			put_quoted_command(c->old);
			fputs(" -> ", stdout);
			put_quoted_command(c->new_);
			putchar('\n');
		}
		if (c->what & CK_DIFF_ENABLED)
			printf("    %s\n", ck_job_enabled(c->new_) ? "enabled" :
			    "disabled");
		if (c->what & CK_DIFF_USER) {
			fputs("    user: ", stdout);
			s = ck_job_user(c->old, &n);
			cli_put_text(stdout, s ? s : "(none)", s ? n : 6);
			fputs(" -> ", stdout);
			s = ck_job_user(c->new_, &n);
			cli_put_text(stdout, s ? s : "(none)", s ? n : 6);
			putchar('\n');
		}
		if (c->what & CK_DIFF_ENV) {
			fputs("    environment: ", stdout);
			cli_put_text(stdout, c->env, strlen(c->env));
			putchar('\n');
		}
		if (c->what & CK_DIFF_MOVED)
			printf("    moved among the jobs\n");
	}
}

/* What print_json(ctx) and print_text() say of no change. */
static int
print_same(const struct cli_ctx *ctx, bool unified)
{
	if (ctx->json)
		fputs(unified ? "{\"same\":true,\"diff\":\"\"}\n" :
		    "{\"same\":true,\"changes\":[]}\n", stdout);
	return CLI_EXIT_OK;
}

enum { OPT_IGNORE_COMMENTS = 0x100, OPT_FORMAT };

static const char *const formats[] = { "semantic", "unified", NULL };

static const struct cli_option options[] = {
	{ "ignore-comments", 0, OPT_IGNORE_COMMENTS, NULL, "ignore "
	    "python-crontab's \"cmd # comment\" comments", CLI_COMP_NONE,
	    NULL, 0 },
	{ "format", 0, OPT_FORMAT, "FORMAT", "semantic (default), or unified: "
	    "a unified line diff", CLI_COMP_WORDS, formats, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

static int
diff(struct cli_ctx *ctx, const struct cli_args *args)
{
	struct side a = { 0 }, b = { 0 };
	ck_tabdiff *d = NULL;
	ck_error err;
	unsigned int flags = 0;
	bool unified = false, from_store;
	char *ud;
	size_t udlen, i;
	int rc;

	for (i = 0; i < args->nopts; i++) {
		const char *arg = args->opts[i].arg;

		switch (args->opts[i].key) {
		case OPT_IGNORE_COMMENTS:
			flags |= CK_DIFF_IGNORE_COMMENTS;
			break;
		case OPT_FORMAT:
			if (strcmp(arg, "unified") == 0)
				unified = true;
			else if (strcmp(arg, "semantic") != 0 &&
			    strcmp(arg, "text") != 0) {
				cli_warnx(ctx,
				    "--format takes semantic or unified, "
				    "not '%s'", arg);
				return CLI_EXIT_USAGE;
			}
			break;
		}
	}
	from_store = ctx->user != NULL || ctx->file != NULL || ctx->system ||
	    ctx->cron_d != NULL;
	if (args->argc != (from_store ? 1 : 2))
		return cli_usage_error(ctx, from_store ? "diff with a "
		    "crontab selected takes one file (NEW)" : "diff takes two "
		    "files (OLD NEW), or NEW with a crontab selected");
	if (cli_resolve_dialect(ctx) == -1)
		return CLI_EXIT_USAGE;
	if (!from_store && same_file(args->argv[0], args->argv[1]) &&
	    cli_file_is_system(ctx, args->argv[0], NULL) ==
	    cli_file_is_system(ctx, args->argv[1], NULL)) {
		rc = print_same(ctx, unified);
		goto out;
	}
	if (from_store)
		rc = load_store(ctx, &a);
	else
		rc = read_file(ctx, args->argv[0],
		    cli_file_is_system(ctx, args->argv[0], NULL), &a);
	if (rc == 0)
		rc = read_file(ctx, args->argv[args->argc - 1], from_store ?
		    ck_tab_is_system(a.tab) :
		    cli_file_is_system(ctx, args->argv[args->argc - 1], NULL),
		    &b);
	if (rc != 0)
		goto out;
	if (!from_store && same_bytes(&a, &b)) {
		rc = print_same(ctx, unified);
		goto out;
	}
	if ((!from_store && (rc = parse_file(ctx, &a)) != 0) ||
	    (rc = parse_file(ctx, &b)) != 0)
		goto out;
	if (unified) {
		if (ck_udiff(a.text, a.len, b.text, b.len, a.label, b.label,
		    &ud, &udlen, &err) == -1) {
			rc = cli_error(ctx, NULL, &err);
			goto out;
		}
		if (ctx->json) {
			struct json j;

			cli_json_init(ctx, &j, stdout);
			json_obj_begin(&j);
			json_key(&j, "same");
			json_bool(&j, udlen == 0);
			json_key(&j, "diff");
			json_strn(&j, ud, udlen);
			json_obj_end(&j);
			json_end(&j);
		} else
			fwrite(ud, 1, udlen, stdout);
		rc = udlen > 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
		free(ud);
		goto out;
	}
	if ((d = ck_tab_diff(a.tab, b.tab, flags, &err)) == NULL) {
		rc = cli_error(ctx, NULL, &err);
		goto out;
	}
	if (ctx->json)
		print_json(ctx, d);
	else
		print_text(d, &a, &b);
	rc = ck_tabdiff_count(d) > 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
out:
	ck_tabdiff_free(d);
	side_free(&a);
	side_free(&b);
	return cli_finish(rc);
}

const struct cli_command cmd_diff = {
	.name = "diff",
	.summary = "semantic diff of two crontabs (exit 1 when different)",
	.description =
"Compare two crontabs by meaning: jobs added, removed, changed (schedule,\n"
"command, enabled, user, effective environment) or moved, matched by id,\n"
"else by command.  Two spellings of one schedule are reported as\n"
"\"same schedule, respelled\".  OLD and NEW are files or '-' (standard\n"
"input); with a crontab selected (-u, -f, --cron-d, -s) it is OLD.\n"
"Comments, blank lines and spacing do not count.  Two files of the same\n"
"bytes (or one file named twice) are the same without being parsed.\n",
	.epilog =
"With --json: {\"same\":bool,\"changes\":[{\"change\",\"id\",\"what\",\n"
"\"old\",\"new\",\"env\"}]}; with --format unified: {\"same\":bool,\"diff\"}\n"
"\n"
"Exit: 0 the same, 1 different, 2 usage, 66 unreadable.\n",
	.options = options,
	.synopsis = "[OLD] NEW",
	.flags = CMD_NOSOURCE,
	.operand = CLI_COMP_FILE,
	.exec = diff,
};
