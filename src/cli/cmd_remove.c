/* SPDX-License-Identifier: ISC */
/*
 * cmd_remove.c - "cronkeep remove": remove jobs by id, by command or by
 * comment, each with its marker line.  Environment lines and other
 * comments stay.  More than one match is refused unless --all-matching.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

enum { OPT_ID = 0x100, OPT_COMMAND, OPT_COMMENT, OPT_ALL };

/* The len bytes at s as a string.  Owned by the caller. */
static char *
dupn(const char *s, size_t len)
{
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

static const struct cli_option options[] = {
	{ "id", 0, OPT_ID, "ID", "the job with this marker id", CLI_COMP_ID,
	    NULL, 0 },
	{ "command", 0, OPT_COMMAND, "REGEX", "jobs whose command matches",
	    CLI_COMP_NONE, NULL, 0 },
	{ "comment", 0, OPT_COMMENT, "REGEX", "jobs whose marker or trailing "
	    "comment matches", CLI_COMP_NONE, NULL, 0 },
	{ "all-matching", 0, OPT_ALL, NULL, "remove all of several matches",
	    CLI_COMP_NONE, NULL, 0 },
	{ "line", 0, CLI_KEY_LINE, "N", "the job on line N (or its marker "
	    "line), for a job without an id", CLI_COMP_NONE, NULL, 0 },
	{ "match", 0, CLI_KEY_MATCH, "'SCHEDULE COMMAND'", "the one job "
	    "with exactly this schedule and command", CLI_COMP_NONE, NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

/* An anacrontab: its jobs are removed by identifier (--id) only. */
static int
remove_anacron(struct cli_ctx *ctx, struct cli_source *src, const char *id,
    bool other)
{
	const ck_anajob *aj;
	struct json j;
	ck_error err;
	size_t n, line;
	bool changed;
	int rc;

	if (id == NULL || other)
		return cli_usage_error(ctx, "anacron jobs are removed by "
		    "their identifier: --id ID only");
	if ((aj = ck_anacrontab_find(src->ana, id, strlen(id))) == NULL)
		return cli_no_such_id(ctx, src, 1, id);
	line = aj->lineno;
	memset(&err, 0, sizeof(err));
	if (ck_anacrontab_remove(src->ana, id, strlen(id), &n, &err) == -1)
		return cli_error(ctx, src->label, &err);
	if ((rc = cli_write_tab(ctx, src, &changed)) != 0)
		return rc;
	if (ctx->json) {
		cli_json_init(ctx, &j, stdout);
		json_obj_begin(&j);
		json_key(&j, "removed");
		json_int(&j, (long long)n);
		json_key(&j, "jobs");
		json_arr_begin(&j);
		json_obj_begin(&j);
		json_key(&j, "line");
		json_int(&j, (long long)line);
		json_key(&j, "id");
		json_str(&j, id);
		json_obj_end(&j);
		json_arr_end(&j);
		cli_json_diff(&j, src);
		json_obj_end(&j);
		json_end(&j);
	} else
		fprintf(cli_result_file(src), "%s %zu\n",
		    cli_result_word(ctx, "removed"), n);
	return cli_finish(CLI_EXIT_OK);
}

/* What the command line asks for. */
struct remove_req {
	ck_match	 m;		/* --id, --command, --comment */
	bool		 all;		/* --all-matching */
	struct cli_pick	 pick;		/* --line, --match */
};

/* A removed job, kept for the report once the write succeeded. */
struct gone {
	size_t		 line;
	char		*id;
	char		*cmd;
	size_t		 cmdlen;
};

/* The crontab, the jobs selected in it and what they were. */
struct remove_res {
	struct cli_source *src;
	size_t		 nsrc;
	size_t		*v, n;			/* the jobs' indexes */
	struct gone	*gone;			/* n of them, or NULL */
};

/*
 * The options and what they say together: --line and --match alone,
 * some filter given.  @return 0, or an exit code (printed).
 */
static int
remove_parse(const struct cli_ctx *ctx, const struct cli_args *a,
    struct remove_req *q)
{
	const ck_match m0 = CK_MATCH_INIT;
	const char *arg;
	size_t oi;
	int c;

	memset(q, 0, sizeof(*q));
	q->m = m0;
	for (oi = 0; oi < a->nopts; oi++) {
		c = a->opts[oi].key;
		arg = a->opts[oi].arg;
		switch (c) {
		case OPT_ID:
			q->m.id = arg;
			q->m.id_len = strlen(arg);
			break;
		case OPT_COMMAND:
			q->m.command_re = arg;
			break;
		case OPT_COMMENT:
			q->m.comment_re = arg;
			break;
		case OPT_ALL:
			q->all = true;
			break;
		default:
			(void)cli_pick_option(&q->pick, c, arg);
			break;
		}
	}
	if (a->argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'",
		    a->argv[0]);
	if ((q->pick.line != NULL || q->pick.match != NULL) &&
	    (q->m.id != NULL || q->m.command_re != NULL ||
	    q->m.comment_re != NULL ||
	    (q->pick.line != NULL && q->pick.match != NULL)))
		return cli_usage_error(ctx, "--line and --match select one "
		    "job on their own: give one of them alone");
	if (q->m.id == NULL && q->m.command_re == NULL &&
	    q->m.comment_re == NULL && q->pick.line == NULL &&
	    q->pick.match == NULL) {
		return cli_usage_error(ctx, "remove needs --id, --command, "
		    "--comment, --line or --match");
	}
	return 0;
}

/*
 * The jobs of r->src the request selects (r->v, r->n): none, or several
 * without --all-matching, is refused with the lines that match.
 * @return 0, or an exit code (printed).
 */
static int
remove_select(const struct cli_ctx *ctx, const struct remove_req *q,
    struct remove_res *r)
{
	ck_error err;
	size_t i;
	int rc;

	memset(&err, 0, sizeof(err));
	if (q->pick.line != NULL || q->pick.match != NULL) {
		r->v = xmalloc(sizeof(*r->v));
		if ((rc = cli_pick_job(ctx, r->src, &q->pick, r->v)) != 0)
			return rc;
		r->n = 1;
	} else if (ck_tab_match(r->src->tab, &q->m, &r->v, &r->n,
	    &err) == -1) {
		cli_warnx(ctx, "%s", err.msg);
		return cli_exit_code(&err);
	}
	if (r->n == 0 && q->m.id != NULL &&
	    !cli_sources_have_id(r->src, 1, q->m.id))
		return cli_no_such_id(ctx, r->src, 1, q->m.id);
	if (r->n == 0) {
		cli_warnx(ctx, "%s: no job matches", r->src->label);
		return CLI_EXIT_FAIL;
	}
	if (r->n > 1 && !q->all) {
		fflush(stdout);
		fprintf(stderr, "%s: %s: %zu jobs match (lines", getprogname(),
		    r->src->label, r->n);
		for (i = 0; i < r->n; i++)
			fprintf(stderr, " %zu", ck_job_line(ck_tab_job(
			    r->src->tab, r->v[i])) + 1);
		fprintf(stderr, "); nothing removed: use --all-matching to "
		    "remove them all\n");
		return CLI_EXIT_FAIL;
	}
	return 0;
}

/*
 * The selected jobs kept for the report (r->gone), removed from the tab,
 * and the tab written.  @return 0, or an exit code (printed).
 */
static int
remove_apply(const struct cli_ctx *ctx, struct remove_res *r)
{
	const ck_job *job;
	const char *s;
	ck_error err;
	size_t i, len;
	bool changed;

	r->gone = xcalloc(r->n, sizeof(*r->gone));
	for (i = 0; i < r->n; i++) {
		job = ck_tab_job(r->src->tab, r->v[i]);
		r->gone[i].line = ck_job_line(job) + 1;
		if ((s = ck_job_id(job, &len)) != NULL)
			r->gone[i].id = dupn(s, len);
		s = ck_job_command(job, &len);
		r->gone[i].cmd = dupn(s, len);
		r->gone[i].cmdlen = len;
	}
	memset(&err, 0, sizeof(err));
	if (ck_tab_remove_jobs(r->src->tab, r->v, r->n, &err) == -1)
		return cli_error(ctx, r->src->label, &err);
	return cli_write_tab(ctx, r->src, &changed);
}

/* What was removed: "removed N", or the JSON document. */
static void
remove_render(const struct cli_ctx *ctx, const struct remove_res *r)
{
	struct json j;
	size_t i;

	if (!ctx->json) {
		fprintf(cli_result_file(r->src), "%s %zu\n",
		    cli_result_word(ctx, "removed"), r->n);
		return;
	}
	cli_json_init(ctx, &j, stdout);
	json_obj_begin(&j);
	json_key(&j, "removed");
	json_int(&j, (long long)r->n);
	json_key(&j, "jobs");
	json_arr_begin(&j);
	for (i = 0; i < r->n; i++) {
		json_obj_begin(&j);
		json_key(&j, "line");
		json_int(&j, (long long)r->gone[i].line);
		json_key(&j, "id");
		if (r->gone[i].id != NULL)
			json_str(&j, r->gone[i].id);
		else
			json_null(&j);
		json_key(&j, "command");
		json_strn(&j, r->gone[i].cmd, r->gone[i].cmdlen);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	cli_json_diff(&j, r->src);
	json_obj_end(&j);
	json_end(&j);
}

/* The jobs' copies, their indexes and the crontab. */
static void
remove_res_free(struct remove_res *r)
{
	size_t i;

	for (i = 0; r->gone != NULL && i < r->n; i++) {
		free(r->gone[i].id);
		free(r->gone[i].cmd);
	}
	free(r->gone);
	free(r->v);
	cli_sources_free(r->src, r->nsrc);
}

/*
 * Parse, load the one crontab, then an anacrontab's job by its
 * identifier, or the crontab's selected jobs removed and reported.
 * @return the exit code.
 */
static int
remove_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct remove_req q;
	struct remove_res r;
	int rc;

	if ((rc = remove_parse(ctx, a, &q)) != 0)
		return rc;
	memset(&r, 0, sizeof(r));
	if ((rc = cli_write_load(ctx, &r.src, &r.nsrc)) != 0)
		return rc;
	if (r.src->ana != NULL)
		rc = remove_anacron(ctx, r.src, q.m.id,
		    q.m.command_re != NULL || q.m.comment_re != NULL ||
		    q.pick.line != NULL || q.pick.match != NULL);
	else if ((rc = remove_select(ctx, &q, &r)) == 0 &&
	    (rc = remove_apply(ctx, &r)) == 0) {
		remove_render(ctx, &r);
		rc = cli_finish(CLI_EXIT_OK);
	}
	remove_res_free(&r);
	return rc;
}

const struct cli_command cmd_remove = {
	.name = "remove",
	.summary = "remove jobs by id, command or comment",
	.description =
"Remove the jobs that match every given filter, each with its marker\n"
"line; environment lines and other comments are kept.  REGEX is a POSIX\n"
"extended regular expression; --comment matches the marker's id and note\n"
"and a trailing '# comment'.  When more than one job matches, nothing is\n"
"removed unless --all-matching is given.  A job without an id is\n"
"selected alone by --line N (its line, or its marker's) or by --match\n"
"'SCHEDULE COMMAND' (exactly that schedule and command).  Prints\n"
"'removed N'.\n"
"--json: {\"removed\":N,\"jobs\":[{\"line\",\"id\",\"command\"}]} (+ \"diff\" with -n).\n"
"In an anacrontab (-f FILE named anacrontab, or --anacrontab) the job with\n"
"identifier ID is removed (--id only; \"command\" is left out).\n",
	.epilog =
"Exit: 0 removed, 1 nothing matched or several without --all-matching,\n"
"2 usage or a bad REGEX, 65 a --match that is no crontab line, 66 no job\n"
"on --line N or none exactly --match, 75 the crontab changed meanwhile.\n",
	.options = options,
	.flags = CMD_WRITES,
	.exec = remove_exec,
};
