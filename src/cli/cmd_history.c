/* SPDX-License-Identifier: ISC */
/*
 * cmd_history.c - "cronkeep history": the runs "cronkeep exec" recorded,
 * newest first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

#include "cli.h"
#include "commands.h"
#include "histdb.h"
#include "metrics.h"
#include "width.h"

enum { OPT_ID = 0x100, OPT_FAILED, OPT_SINCE, OPT_LIMIT,
	OPT_HISTORY_DB, OPT_FORMAT };

static const char *const formats[] = { "text", "prometheus", NULL };

static const struct cli_option options[] = {
	{ "id", 0, OPT_ID, "ID", "the runs of this job only", CLI_COMP_ID,
	    NULL, 0 },
	{ "failed", 0, OPT_FAILED, NULL, "only the runs that did not succeed",
	    CLI_COMP_NONE, NULL, 0 },
	{ "since", 0, OPT_SINCE, "DATE", "runs from DATE on (YYYY-MM-DD[ "
	    "HH:MM])", CLI_COMP_NONE, NULL, 0 },
	{ "limit", 0, OPT_LIMIT, "N", "at most N runs", CLI_COMP_NONE, NULL,
	    0 },
	{ "history-db", 0, OPT_HISTORY_DB, "PATH", "the database (see "
	    "'cronkeep help exec')", CLI_COMP_FILE, NULL, 0 },
	{ "format", 0, OPT_FORMAT, "FMT", "text (the runs) or prometheus "
	    "(per job metrics,\nnode_exporter's textfile format)",
	    CLI_COMP_WORDS, formats, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

/* The last non-empty line of a run's output, or its note: escaped. */
static char *
run_text(const struct hist_run *r)
{
	const char *out = r->output ? r->output : "", *last, *e;

	e = out + strlen(out);
	while (e > out && (e[-1] == '\n' || e[-1] == '\r'))
		e--;
	last = e;
	while (last > out && last[-1] != '\n')
		last--;
	if (r->note != NULL && last == e)
		return cli_vis(r->note, strlen(r->note), 0);
	return cli_vis(last, (size_t)(e - last), 0);
}

enum { H_START, H_ID, H_STATUS, H_EXIT, H_DUR, H_OUT, H_NCOLS };

/*
 * The runs as a table: START ID STATUS EXIT DURATION OUTPUT, the columns
 * as wide as their widest cell; the output, then the id, cut to fit the
 * width.
 */
static void
print_table(const struct cli_ctx *ctx, const struct hist_run *v, size_t n)
{
	static const bool cut[H_NCOLS] = { [H_ID] = true, [H_OUT] = true };
	size_t w[H_NCOLS] = { 25, 2, 6, 6, 9, 6 }, i, limit, max;
	char **id, **text, tbuf[40], num[16];

	id = xcalloc(n, sizeof(*id));
	text = xcalloc(n, sizeof(*text));
	for (i = 0; i < n; i++) {
		id[i] = cli_vis(v[i].id, strlen(v[i].id), 0);
		text[i] = run_text(&v[i]);
		if (cli_text_width(id[i], strlen(id[i])) > w[H_ID])
			w[H_ID] = cli_text_width(id[i], strlen(id[i]));
		/* As wide as the widest status ("abandoned" is 9). */
		if (strlen(v[i].status) > w[H_STATUS])
			w[H_STATUS] = strlen(v[i].status);
		if (cli_text_width(text[i], strlen(text[i])) > w[H_OUT])
			w[H_OUT] = cli_text_width(text[i], strlen(text[i]));
	}
	if ((limit = cli_width(ctx)) > 0)
		cli_fit(w, cut, H_NCOLS, limit > 2 * (H_NCOLS - 1) ?
		    limit - 2 * (H_NCOLS - 1) : 1, 10);
	max = limit > 0 ? w[H_ID] : 0;
	printf("%-25s  %-*s  %-*s  %6s  %9s  %s\n", "START", (int)w[H_ID],
	    "ID", (int)w[H_STATUS], "STATUS", "EXIT", "DURATION", "OUTPUT");
	for (i = 0; i < n; i++) {
		double dur = v[i].end > 0 ? v[i].end - v[i].start : 0;

		hist_time(v[i].start, true, tbuf, sizeof(tbuf));
		printf("%-25s  ", tbuf);
		cli_put_cut(stdout, id[i], max, w[H_ID] + 2, 0);
		printf("%-*s  ", (int)w[H_STATUS], v[i].status);
		if (v[i].sig > 0)
			snprintf(num, sizeof(num), "sig%-3d", v[i].sig);
		else if (v[i].exit_code >= 0)
			snprintf(num, sizeof(num), "%6d", v[i].exit_code);
		else
			snprintf(num, sizeof(num), "%6s", "-");
		printf("%s  %8.1fs  ", num, dur);
		cli_put_cut(stdout, text[i], limit > 0 ? w[H_OUT] : 0, 0, 0);
		putchar('\n');
		free(id[i]);
		free(text[i]);
	}
	free(id);
	free(text);
}

/* One run as JSON. */
static void
json_run(struct json *j, const struct hist_run *r)
{
	double dur = r->end > 0 ? r->end - r->start : 0;
	char tbuf[40];

	hist_time(r->start, true, tbuf, sizeof(tbuf));
	json_obj_begin(j);
	json_key(j, "id");
	json_str(j, r->id);
	json_key(j, "start");
	json_str(j, tbuf);
	json_key(j, "end");
	if (r->end > 0) {
		hist_time(r->end, true, tbuf, sizeof(tbuf));
		json_str(j, tbuf);
	} else
		json_null(j);
	json_key(j, "status");
	json_str(j, r->status);
	json_key(j, "exit");
	if (r->exit_code >= 0)
		json_int(j, r->exit_code);
	else
		json_null(j);
	json_key(j, "signal");
	if (r->sig > 0)
		json_int(j, r->sig);
	else
		json_null(j);
	json_key(j, "duration");
	json_double(j, dur);
	json_key(j, "output");
	json_str(j, r->output ? r->output : "");
	json_key(j, "pid");
	json_int(j, r->pid);
	json_key(j, "host");
	json_str(j, r->host);
	json_key(j, "user");
	json_str(j, r->user);
	json_key(j, "note");
	json_str(j, r->note);
	json_key(j, "try");
	json_int(j, r->try);
	json_obj_end(j);
}

static int
history(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *arg;
	size_t oi;
	const char *id = NULL, *dbopt = NULL, *errstr;
	struct hist_run *v = NULL;
	struct histdb *db;
	struct json j;
	time_t since = 0;
	long limit = 0;
	bool failed = false, prom = false, absent = false;
	size_t n = 0, i;
	char *path;
	int c, k, rc = 0;

	for (oi = 0; oi < a->nopts; oi++) {
		c = a->opts[oi].key;
		arg = a->opts[oi].arg;
		switch (c) {
		case OPT_ID:
			id = arg;
			break;
		case OPT_FAILED:
			failed = true;
			break;
		case OPT_SINCE:
			if ((k = cli_parse_local_time(ctx, arg, &since)) != 0)
				return cli_date_refused(ctx, "--since", arg, k,
				    "YYYY-MM-DD[ HH:MM]");
			break;
		case OPT_LIMIT:
			limit = (long)strtonum(arg, 1, 1000000000, &errstr);
			if (errstr != NULL) {
				cli_warnx(ctx, "--limit %s: %s", arg, errstr);
				return CLI_EXIT_USAGE;
			}
			break;
		case OPT_HISTORY_DB:
			dbopt = arg;
			break;
		case OPT_FORMAT:
			if (strcmp(arg, "prometheus") == 0)
				prom = true;
			else if (strcmp(arg, "text") == 0)
				prom = false;
			else
				return cli_usage_error(ctx, "--format "
				    "takes text or prometheus, not '%s'", arg);
			break;
		}
	}
	if (a->argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'",
		    a->argv[0]);
	if (prom && (ctx->json || id != NULL || failed || since != 0 ||
	    limit != 0))
		return cli_usage_error(ctx, "--format prometheus takes "
		    "no --json, --id, --failed, --since or --limit");
	if (!prom && (ctx->user != NULL || ctx->file != NULL ||
	    ctx->system || ctx->cron_d != NULL || ctx->all))
		return cli_usage_error(ctx, "history reads no crontab "
		    "but for --format prometheus (the jobs' next fire "
		    "times)");
	if ((path = histdb_default_path(dbopt)) == NULL)
		return EX_OSERR;
	/* Reading never creates the database: none means no runs yet. */
	if ((db = histdb_open_existing(ctx, path,
	    &absent)) == NULL && !absent) {
		free(path);
		return EX_NOINPUT;
	}
	if (absent) {
		free(path);
		if (ctx->json)
			printf("{\"runs\":[]}\n");
		else if (!prom && isatty(STDOUT_FILENO))
			printf("no runs yet\n");
		return cli_finish(CLI_EXIT_OK);
	}
	if (prom) {
		rc = metrics_print(ctx, db, stdout);
		goto out;
	}
	if (histdb_query(db, id, failed, (double)since, limit, &v, &n) == -1) {
		rc = EX_IOERR;
		goto out;
	}
	if (ctx->json) {
		cli_json_init(ctx, &j, stdout);
		json_obj_begin(&j);
		json_key(&j, "runs");
		json_arr_begin(&j);
	} else if (n > 0)
		print_table(ctx, v, n);
	for (i = 0; i < n && ctx->json; i++)
		json_run(&j, &v[i]);
	if (ctx->json) {
		json_arr_end(&j);
		json_obj_end(&j);
		json_end(&j);
	}
out:
	hist_runs_free(v, n);
	histdb_close(db);
	free(path);
	return cli_finish(rc);
}

const struct cli_command cmd_history = {
	.name = "history",
	.summary = "past runs recorded by exec",
	.description =
"Show the runs recorded by 'cronkeep exec', newest first: start, job id,\n"
"status (ok, failed, killed, timeout, skipped, expired, running,\n"
"abandoned: the wrapper died and the job is gone), exit\n"
"status or signal, duration and the last line of output.\n",
	.epilog =
"With --json: {\"runs\":[{\"id\",\"start\",\"end\",\"status\",\"exit\",\n"
"\"signal\",\"duration\",\"output\",\"pid\",\"host\",\"user\",\"note\",\"try\"}]}\n"
"(times in RFC 3339 with offset; \"try\": 1, or the attempt of exec --retry).\n"
"\n"
"--format prometheus prints per job metrics in the Prometheus text format\n"
"(labels id and source): cronkeep_job_last_start_timestamp_seconds,\n"
"cronkeep_job_last_success_timestamp_seconds (the end of the newest ok\n"
"run), cronkeep_job_last_duration_seconds, cronkeep_job_last_exit_status\n"
"(128+N for signal N, 124 for --timeout), cronkeep_job_runs_total and\n"
"cronkeep_job_failures_total (every --retry try counts), and, for the\n"
"jobs found by id in the crontabs -u, -f, -s, --cron-d or -a select (none\n"
"by default), cronkeep_job_next_run_timestamp_seconds; source is then the\n"
"crontab's path or user:NAME, else empty.\n",
	.options = options,
	.flags = CMD_NOSOURCE,
	.exec = history,
};
