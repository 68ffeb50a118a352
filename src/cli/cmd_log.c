/* SPDX-License-Identifier: ISC */
/*
 * cmd_log.c - "cronkeep log": past runs of jobs as cron itself logged
 * them, from the syslog files (also rotated and gzipped ones) and the
 * journal.  The library parses the text; this file finds and reads it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

#include "cli.h"
#include "commands.h"
#include "logread.h"
#include "width.h"

enum { OPT_ID = 0x200, OPT_SINCE, OPT_LOG_FILE, OPT_JOURNAL_FILE };

struct row {
	const struct log_input	*in;
	const ck_log_entry	*cmd;
	const ck_log_entry	*end;
	int			 exit_status;
	const ck_log		*log;
	struct ck_log_run	 run;
};

static void
iso_time(char *buf, size_t size, time_t t)
{
	struct tm tm;
	char z[8];
	size_t n;

	localtime_r(&t, &tm);
	n = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(z, sizeof(z), "%z", &tm);
	/* +0100 -> +01:00 */
	if (strlen(z) == 5)
		snprintf(buf + n, size - n, "%.3s:%s", z, z + 3);
}

static int
cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->cmd->time != y->cmd->time)
		return x->cmd->time < y->cmd->time ? -1 : 1;
	if (x->cmd->usec != y->cmd->usec)
		return x->cmd->usec < y->cmd->usec ? -1 : 1;
	return 0;
}

/* The same run read twice (syslog and journal)? */
static bool
same_run(const struct row *a, const struct row *b)
{
	const ck_log_entry *x = a->cmd, *y = b->cmd;

	return x->time == y->time && x->pid == y->pid &&
	    x->user_len == y->user_len && x->text_len == y->text_len &&
	    memcmp(x->user, y->user, x->user_len) == 0 &&
	    memcmp(x->text, y->text, x->text_len) == 0;
}

/* TIME USER STATUS COMMAND, the command cut to fit limit (0: none). */
static void
print_text_row(const struct row *r, size_t limit)
{
	const ck_log_entry *e = r->cmd;
	static const bool cut[2] = { false, true };
	size_t w[2];
	char t[64], st[32], *user, *head, *text;

	iso_time(t, sizeof(t), e->time);
	if (r->exit_status >= 0)
		snprintf(st, sizeof(st), "exit %d", r->exit_status);
	else
		snprintf(st, sizeof(st), "%s", r->end != NULL ? "ended" :
		    "started");
	user = cli_text(stdout, e->user, e->user_len);
	text = cli_text(stdout, e->text, e->text_len);
	if (asprintf(&head, "%s  %s  %s  ", t, user, st) == -1) {
		cli_warnx(NULL, "out of memory");
		exit(EX_OSERR);
	}
	w[0] = cli_text_width(head, strlen(head));
	w[1] = cli_text_width(text, strlen(text));
	cli_fit(w, cut, 2, limit, 10);
	fputs(head, stdout);
	cli_put_cut(stdout, text, limit > 0 ? w[1] : 0, 0, 0);
	putchar('\n');
	free(head);
	free(user);
	free(text);
}

static void
print_row(const struct row *r, struct json *j)
{
	const ck_log_entry *e = r->cmd, *o;
	char t[64];
	size_t k;

	iso_time(t, sizeof(t), e->time);
	json_obj_begin(j);
	json_key(j, "time");
	json_str(j, t);
	json_key(j, "host");
	json_strn(j, e->host, e->host_len);
	json_key(j, "user");
	json_strn(j, e->user, e->user_len);
	json_key(j, "pid");
	if (e->pid >= 0)
		json_int(j, e->pid);
	else
		json_null(j);
	json_key(j, "job_pid");
	if (e->job_pid >= 0)
		json_int(j, e->job_pid);
	else
		json_null(j);
	json_key(j, "command");
	json_strn(j, e->text, e->text_len);
	json_key(j, "truncated");
	json_bool(j, e->truncated);
	json_key(j, "source");
	json_str(j, r->in->label);
	json_key(j, "line");
	json_int(j, e->line);
	json_key(j, "ended");
	json_bool(j, r->end != NULL);
	json_key(j, "end");
	if (r->end != NULL) {
		iso_time(t, sizeof(t), r->end->time);
		json_str(j, t);
	} else
		json_null(j);
	json_key(j, "exit");
	if (r->exit_status >= 0)
		json_int(j, r->exit_status);
	else
		json_null(j);
	json_key(j, "output");
	json_arr_begin(j);
	for (k = 0; k < r->run.noutput; k++) {
		o = ck_log_at(r->log, r->run.output[k]);
		json_strn(j, o->text, o->text_len);
	}
	json_arr_end(j);
	json_obj_end(j);
}

/* The command and user of --id's job.  @return 0 or an exit code. */
static int
find_job(struct cli_ctx *ctx, const char *id, char **cmd, size_t *cmdlen,
    char **user)
{
	struct cli_source *src;
	const ck_job *job = NULL;
	const char *c;
	size_t n, i, found = 0, len;
	int rc;

	if ((rc = cli_load_sources(ctx, CLI_SRC_LENIENT, &src, &n)) != 0)
		return rc;
	*user = NULL;
	for (i = 0; i < n; i++) {
		const ck_job *jb = ck_tab_find_id(src[i].tab, id, strlen(id));

		if (jb == NULL)
			continue;
		if (job != NULL) {
			cli_warnx(ctx, "id '%s' is in %s and in %s", id,
			    src[found].label, src[i].label);
			cli_sources_free(src, n);
			return CLI_EXIT_USAGE;
		}
		job = jb;
		found = i;
	}
	if (job == NULL) {
		rc = cli_no_such_id(ctx, src, n, id);
		cli_sources_free(src, n);
		return rc;
	}
	c = ck_job_command(job, &len);
	*cmd = xmalloc(len + 1);
	memcpy(*cmd, c, len);
	(*cmd)[len] = '\0';
	*cmdlen = len;
	*user = logread_job_user(&src[found], job);
	cli_sources_free(src, n);
	return 0;
}

static const struct cli_option options[] = {
	{ "id", 0, OPT_ID, "ID", "the runs of this job only", CLI_COMP_ID,
	    NULL, 0 },
	{ "since", 0, OPT_SINCE, "TIME", "runs from TIME on: YYYY-MM-DD[ "
	    "HH:MM[:SS]] (local),\nRFC 3339, or N{s,m,h,d,w} ago",
	    CLI_COMP_NONE, NULL, 0 },
	{ "log-file", 0, OPT_LOG_FILE, "PATH", "read this syslog file (gzip "
	    "or not) instead (again\nfor more)", CLI_COMP_FILE, NULL, 0 },
	{ "journal-file", 0, OPT_JOURNAL_FILE, "PATH", "read this journalctl "
	    "-o short-iso output (or a\nbinary journal file) instead",
	    CLI_COMP_FILE, NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

static int
log_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *arg;
	size_t oi;
	struct log_input *in = NULL;
	struct row *rows = NULL;
	struct ck_log_run *runs;
	const char **files = NULL;
	const char *id = NULL;
	char *cmd = NULL, *user = NULL;
	struct json j;
	size_t nin = 0, nfiles = 0, nrows = 0, nruns, i, k, out, cmdlen = 0;
	size_t limit;
	time_t since = 0;
	bool has_since = false;
	ck_error err;
	int c, dk, rc = CLI_EXIT_OK;

	for (oi = 0; oi < a->nopts; oi++) {
		c = a->opts[oi].key;
		arg = a->opts[oi].arg;
		switch (c) {
		case OPT_ID:
			id = arg;
			break;
		case OPT_SINCE:
			if ((dk = logread_time(ctx, arg, &since)) != 0)
				return cli_date_refused(ctx, "--since", arg, dk,
				    LOGREAD_TIME_FORM);
			has_since = true;
			break;
		case OPT_LOG_FILE:
		case OPT_JOURNAL_FILE:
			files = xreallocarray(files, nfiles + 1,
			    sizeof(*files));
			files[nfiles++] = arg;
			break;
		}
	}
	if (a->argc != 0) {
		free(files);
		return cli_usage_error(ctx, "unexpected argument '%s'",
		    a->argv[0]);
	}
	if (cli_resolve_dialect(ctx) == -1) {
		free(files);
		return CLI_EXIT_USAGE;
	}
	if (id != NULL && (rc = find_job(ctx, id, &cmd, &cmdlen, &user)) != 0) {
		free(files);
		return rc;
	}
	if (nfiles > 0) {
		for (i = 0; i < nfiles; i++)
			if (logread_path(ctx, files[i], &in, &nin) == -1)
				rc = EX_NOINPUT;
		if (rc != CLI_EXIT_OK)
			goto done;
	} else
		logread_default(ctx, &in, &nin, has_since ? &since : NULL);

	for (i = 0; i < nin; i++) {
		if (ck_log_runs(in[i].log, &runs, &nruns, &err) == -1) {
			rc = cli_error(ctx, in[i].label, &err);
			goto done;
		}
		for (k = 0; k < nruns; k++) {
			const ck_log_entry *e = ck_log_at(in[i].log,
			    runs[k].cmd);

			if (has_since && e->time < since)
				continue;
			if (cmd != NULL && !logread_matches(ctx, e, cmd, cmdlen, user))
				continue;
			rows = xreallocarray(rows, nrows + 1, sizeof(*rows));
			rows[nrows].in = &in[i];
			rows[nrows].log = in[i].log;
			rows[nrows].cmd = e;
			rows[nrows].end = runs[k].end == CK_LOG_NONE ? NULL :
			    ck_log_at(in[i].log, runs[k].end);
			rows[nrows].exit_status = runs[k].exit_status;
			rows[nrows].run = runs[k];
			/* The row keeps the output array. */
			runs[k].output = NULL;
			nrows++;
		}
		ck_log_runs_free(runs, nruns);
	}
	if (nrows > 0)
		qsort(rows, nrows, sizeof(*rows), cmp_row);
	/* Drop a run read twice (rsyslog also copies the journal). */
	for (i = 0, out = 0; i < nrows; i++) {
		if (out > 0 && same_run(&rows[out - 1], &rows[i])) {
			free(rows[i].run.output);
			continue;
		}
		rows[out++] = rows[i];
	}
	nrows = out;

	if (ctx->json) {
		cli_json_init(ctx, &j, stdout);
		json_obj_begin(&j);
		json_key(&j, "runs");
		json_arr_begin(&j);
		for (i = 0; i < nrows; i++)
			print_row(&rows[i], &j);
		json_arr_end(&j);
		json_key(&j, "sources");
		json_arr_begin(&j);
		for (i = 0; i < nin; i++)
			json_str(&j, in[i].label);
		json_arr_end(&j);
		json_obj_end(&j);
		json_end(&j);
	} else if (nrows == 0 && isatty(STDOUT_FILENO))
		printf("no runs\n");	/* scripts get silence */
	else {
		limit = cli_width(ctx);
		for (i = 0; i < nrows; i++)
			print_text_row(&rows[i], limit);
	}
	rc = nrows > 0 ? CLI_EXIT_OK : CLI_EXIT_FAIL;
done:
	for (i = 0; i < nrows; i++)
		free(rows[i].run.output);
	free(rows);
	logread_free(in, nin);
	free(files);
	free(cmd);
	free(user);
	return cli_finish(rc);
}

const struct cli_command cmd_log = {
	.name = "log",
	.summary = "past runs of jobs, from cron's own log",
	.description =
"Past runs as cron itself logged them: when each job started, whether\n"
"it ended, its exit status when cron logged a failure (Debian's cron -L\n"
"4), its output lines (cronie).  Without --id every run is listed; with\n"
"--id only the runs of that job of the selected crontab, matched by the\n"
"command as cron logs it (after its '%' rule) and by user.\n"
"\n"
"Read by default, under --root: /var/log/syslog, /var/log/cron,\n"
"/var/log/cron.log and their rotations (NAME.1, NAME.2.gz, NAME-DATE),\n"
"and, without --root, the journal of cron.service and crond.service\n"
"(journalctl; with --root, ROOT/var/log/journal when it exists).\n"
"Classic syslog stamps carry no year: it is taken from each file's\n"
"modification time, going back a year at each New Year in the file.\n",
	.epilog =
"Each run is printed as TIME USER STATUS COMMAND, STATUS being 'exit N',\n"
"'ended' or 'started'.  --json prints {\"runs\":[{\"time\",\"host\",\"user\",\n"
"\"pid\",\"job_pid\",\"command\",\"source\",\"ended\",\"end\",\"exit\",\n"
"\"output\"}],\"sources\":[...]} (times in ISO 8601 with the offset).\n"
"\n"
"Exit: 0 runs were found, 1 none, 2 usage, 66 no such job.\n",
	.options = options,
	.flags = CMD_NOSOURCE,
	.exec = log_exec,
};
