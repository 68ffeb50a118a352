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

static int
remove_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *arg;
	size_t oi;
	ck_match m = CK_MATCH_INIT;
	struct cli_source *src = NULL;
	const ck_job *job;
	struct json j;
	ck_error err;
	const char *s;
	struct gone {
		size_t	 line;
		char	*id;
		char	*cmd;
		size_t	 cmdlen;
	} *gone = NULL;
	size_t nsrc = 0, *v = NULL, n = 0, i, len;
	bool all = false, changed;
	struct cli_pick pick = { NULL, NULL };
	int c, rc;

	for (oi = 0; oi < a->nopts; oi++) {
		c = a->opts[oi].key;
		arg = a->opts[oi].arg;
		switch (c) {
		case OPT_ID:
			m.id = arg;
			m.id_len = strlen(arg);
			break;
		case OPT_COMMAND:
			m.command_re = arg;
			break;
		case OPT_COMMENT:
			m.comment_re = arg;
			break;
		case OPT_ALL:
			all = true;
			break;
		default:
			(void)cli_pick_option(&pick, c, arg);
			break;
		}
	}
	if (a->argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'",
		    a->argv[0]);
	if ((pick.line != NULL || pick.match != NULL) && (m.id != NULL ||
	    m.command_re != NULL || m.comment_re != NULL ||
	    (pick.line != NULL && pick.match != NULL)))
		return cli_usage_error(ctx, "--line and --match select one "
		    "job on their own: give one of them alone");
	if (m.id == NULL && m.command_re == NULL && m.comment_re == NULL &&
	    pick.line == NULL && pick.match == NULL) {
		return cli_usage_error(ctx, "remove needs --id, --command, "
		    "--comment, --line or --match");
	}
	if ((rc = cli_write_load(ctx, &src, &nsrc)) != 0)
		return rc;
	memset(&err, 0, sizeof(err));
	if (src->ana != NULL) {
		rc = remove_anacron(ctx, src, m.id, m.command_re != NULL ||
		    m.comment_re != NULL || pick.line != NULL ||
		    pick.match != NULL);
		goto out;
	}
	if (pick.line != NULL || pick.match != NULL) {
		v = xmalloc(sizeof(*v));
		if ((rc = cli_pick_job(ctx, src, &pick, v)) != 0)
			goto out;
		n = 1;
	} else if (ck_tab_match(src->tab, &m, &v, &n, &err) == -1) {
		cli_warnx(ctx, "%s", err.msg);
		rc = cli_exit_code(&err);
		goto out;
	}
	if (n == 0 && m.id != NULL && !cli_sources_have_id(src, 1, m.id)) {
		rc = cli_no_such_id(ctx, src, 1, m.id);
		goto out;
	}
	if (n == 0) {
		cli_warnx(ctx, "%s: no job matches", src->label);
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	if (n > 1 && !all) {
		fflush(stdout);
		fprintf(stderr, "%s: %s: %zu jobs match (lines", getprogname(),
		    src->label, n);
		for (i = 0; i < n; i++)
			fprintf(stderr, " %zu", ck_job_line(ck_tab_job(src->tab,
			    v[i])) + 1);
		fprintf(stderr, "); nothing removed: use --all-matching to "
		    "remove them all\n");
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	/* What is removed, kept for the report once the write succeeded. */
	gone = xcalloc(n, sizeof(*gone));
	for (i = 0; i < n; i++) {
		job = ck_tab_job(src->tab, v[i]);
		gone[i].line = ck_job_line(job) + 1;
		if ((s = ck_job_id(job, &len)) != NULL)
			gone[i].id = dupn(s, len);
		s = ck_job_command(job, &len);
		gone[i].cmd = dupn(s, len);
		gone[i].cmdlen = len;
	}
	if (ck_tab_remove_jobs(src->tab, v, n, &err) == -1) {
		rc = cli_error(ctx, src->label, &err);
		goto out;
	}
	if ((rc = cli_write_tab(ctx, src, &changed)) != 0)
		goto out;
	if (ctx->json) {
		cli_json_init(ctx, &j, stdout);
		json_obj_begin(&j);
		json_key(&j, "removed");
		json_int(&j, (long long)n);
		json_key(&j, "jobs");
		json_arr_begin(&j);
		for (i = 0; i < n; i++) {
			json_obj_begin(&j);
			json_key(&j, "line");
			json_int(&j, (long long)gone[i].line);
			json_key(&j, "id");
			if (gone[i].id != NULL)
				json_str(&j, gone[i].id);
			else
				json_null(&j);
			json_key(&j, "command");
			json_strn(&j, gone[i].cmd, gone[i].cmdlen);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		cli_json_diff(&j, src);
		json_obj_end(&j);
		json_end(&j);
	} else {
		fprintf(cli_result_file(src), "%s %zu\n",
		    cli_result_word(ctx, "removed"), n);
	}
	rc = cli_finish(CLI_EXIT_OK);
out:
	for (i = 0; gone != NULL && i < n; i++) {
		free(gone[i].id);
		free(gone[i].cmd);
	}
	free(gone);
	free(v);
	cli_sources_free(src, nsrc);
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
