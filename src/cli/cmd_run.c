/* SPDX-License-Identifier: ISC */
/*
 * cmd_run.c - "cronkeep run": run one job of the selected crontab now,
 * exactly as cron would (the library's ck_job_run()), and report how it
 * ended; or, with --dry-run, show exactly what would be executed.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"

enum { OPT_ID = 0x200, OPT_LINE, OPT_TIMEOUT, OPT_MAX_OUTPUT };

/* "N", "Ns", "Nms", "Nm": milliseconds, or -1. */
static long long
parse_duration(const char *s)
{
	const char *errstr;
	long long v, mul = 1000;
	char num[32];
	size_t n = strspn(s, "0123456789");

	if (n == 0 || n >= sizeof(num))
		return -1;
	memcpy(num, s, n);
	num[n] = '\0';
	if (strcmp(s + n, "ms") == 0)
		mul = 1;
	else if (strcmp(s + n, "m") == 0)
		mul = 60000;
	else if (s[n] != '\0' && strcmp(s + n, "s") != 0)
		return -1;
	v = strtonum(num, 1, 86400000, &errstr);
	if (errstr != NULL || v > INT_MAX / mul)
		return -1;
	return v * mul;
}

/* The job the options name, and its source. */
static int
pick_job(const struct cli_ctx *ctx, struct cli_source *src, size_t n,
    const char *id, long line, size_t *si, const ck_job **job)
{
	const ck_job *j;
	size_t i, k;

	*job = NULL;
	for (i = 0; i < n; i++) {
		if (id != NULL) {
			j = ck_tab_find_id(src[i].tab, id, strlen(id));
			if (j == NULL)
				continue;
			if (*job != NULL) {
				cli_warnx(ctx, "id '%s' is in %s and in %s", id,
				    src[*si].label, src[i].label);
				return CLI_EXIT_USAGE;
			}
			*job = j;
			*si = i;
			continue;
		}
		for (k = 0; k < ck_tab_job_count(src[i].tab); k++) {
			j = ck_tab_job(src[i].tab, k);
			if ((long)ck_job_line(j) + 1 == line) {
				*job = j;
				*si = i;
			}
		}
	}
	if (*job == NULL) {
		if (id != NULL)
			return cli_no_such_id(ctx, src, n, id);
		cli_warnx(ctx, "no job on line %ld", line);
		return EX_NOINPUT;
	}
	return 0;
}

/*
 * Would cron run the jobs of this file at all?  A system crontab (user
 * column) counts only when root owns it and nobody else can write it: as
 * the daemon skips any other, run refuses too, or a user who can write
 * the file could run commands as root.  A file given with -f in system
 * format is held to the same rules wherever it is.
 * @return 0, or an exit code after saying why.
 */
static int
cron_would_run(const struct cli_ctx *ctx, const struct cli_source *s)
{
	const char *why;
	bool cron_d = false;
	int e;

	if (s->path == NULL || strcmp(s->path, "-") == 0 || !s->system)
		return 0;
	(void)cli_system_path(s->path, &cron_d);
	why = ck_store_file_ignored(s->path, cron_d ? CK_STORE_KIND_CRON_D :
	    CK_STORE_KIND_CRONTAB, ctx->dialect, -1, &e);
	if (why == NULL)
		return 0;
	if (e != 0) {
		cli_warnx(ctx, "%s: %s", s->path, strerror(e));
		return EX_NOINPUT;
	}
	cli_warnx(ctx,
	    "refusing to run a job of %s: %s cron ignores this file (%s)",
	    s->path, ck_dialect_name(ctx->dialect), why);
	return EX_CONFIG;
}

/*
 * Who runs the job: its user column, the crontab's user, the owner of a
 * -f file, or us (standard input).  *rc gets an exit code when there is
 * nobody.
 */
static char *
job_user(const struct cli_ctx *ctx, const struct cli_source *s,
    const ck_job *job, int *rc)
{
	struct passwd *pw;
	struct stat st;
	const char *u;
	size_t len;

	*rc = EX_NOUSER;
	if (s->system && (u = ck_job_user(job, &len)) != NULL)
		return strndup(u, len);
	if (s->user != NULL)
		return xstrdup(s->user);
	if (s->path != NULL && strcmp(s->path, "-") != 0) {
		if (stat(s->path, &st) == -1) {
			cli_warn(ctx, "%s", s->path);
			*rc = EX_NOINPUT;
			return NULL;
		}
		if ((pw = getpwuid(st.st_uid)) == NULL) {
			cli_warnx(ctx,
			    "%s is owned by uid %lu, who has no passwd "
			    "entry", s->path, (unsigned long)st.st_uid);
			return NULL;
		}
		return xstrdup(pw->pw_name);
	}
	if ((pw = getpwuid(geteuid())) == NULL) {
		cli_warnx(ctx, "who am I? (uid %ld has no passwd entry)",
		    (long)geteuid());
		return NULL;
	}
	return xstrdup(pw->pw_name);
}

/*
 * Who cron would mail the output to: MAILTO when set, nobody when it is
 * empty, else the job's user.  @return NULL for nobody.
 */
static const char *
mail_to(const struct ck_run_plan *p, const char *user)
{
	size_t i;

	for (i = 0; p->envp[i] != NULL; i++)
		if (strncmp(p->envp[i], "MAILTO=", 7) == 0)
			return p->envp[i][7] != '\0' ? p->envp[i] + 7 : NULL;
	return user;
}

static void
print_plan(const struct ck_run_plan *p, const char *user)
{
	const char *m = mail_to(p, user);

	size_t i;

	printf("argv:\n");
	for (i = 0; p->argv[i] != NULL; i++) {
		printf("  ");
		cli_put_vis(stdout, p->argv[i], strlen(p->argv[i]));
		putchar('\n');
	}
	printf("environment:\n");
	for (i = 0; p->envp[i] != NULL; i++) {
		printf("  ");
		cli_put_vis(stdout, p->envp[i], strlen(p->envp[i]));
		putchar('\n');
	}
	printf("directory: ");
	cli_put_vis(stdout, p->cwd, strlen(p->cwd));
	printf("\nstdin: ");
	if (p->stdin_text == NULL || p->stdin_len == 0)
		printf("(empty)\n");
	else {
		cli_put_vis(stdout, p->stdin_text, p->stdin_len);
		putchar('\n');
	}
	printf("output mailed to: ");
	if (m != NULL) {
		cli_put_vis(stdout, m, strlen(m));
		putchar('\n');
	} else
		printf("(nobody: MAILTO is empty)\n");
}

static void
json_head(struct json *j, const char *id, const struct cli_source *s,
    const ck_job *job, const char *user)
{
	size_t len;
	const char *jid = ck_job_id(job, &len);

	json_obj_begin(j);
	json_key(j, "id");
	if (jid != NULL)
		json_strn(j, jid, len);
	else
		json_str(j, id);
	json_key(j, "source");
	json_str(j, s->label);
	json_key(j, "line");
	json_int(j, (long long)ck_job_line(job) + 1);
	json_key(j, "user");
	json_str(j, user);
}

static const struct cli_option options[] = {
	{ "id", 0, OPT_ID, "ID", "the job carrying this id marker",
	    CLI_COMP_ID, NULL, 0 },
	{ "line", 0, OPT_LINE, "N", "the job on line N of the (single) "
	    "selected crontab", CLI_COMP_NONE, NULL, 0 },
	{ "timeout", 0, OPT_TIMEOUT, "TIME", "kill the job's process group "
	    "after TIME (N, Ns, Nms,\nNm): SIGTERM, then SIGKILL 2 seconds "
	    "later", CLI_COMP_NONE, NULL, 0 },
	{ "max-output", 0, OPT_MAX_OUTPUT, "BYTES", "keep at most BYTES of "
	    "output (default 1 MiB)", CLI_COMP_NONE, NULL, 0 },
	{ "dry-run", 'n', 0, NULL, "print the argv, environment, directory "
	    "and standard\ninput that would be used, and run nothing",
	    CLI_COMP_NONE, NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

/* What the command line asks for. */
struct run_req {
	const char	*id;
	long		 line;
	struct ck_run_opts ro;		/* --timeout, --max-output */
};

static int
run_parse(struct cli_ctx *ctx, const struct cli_args *a, struct run_req *q)
{
	const struct ck_run_opts init = CK_RUN_OPTS_INIT;
	const char *arg, *errstr;
	long long v;
	size_t oi;

	memset(q, 0, sizeof(*q));
	q->ro = init;
	for (oi = 0; oi < a->nopts; oi++) {
		arg = a->opts[oi].arg;
		switch (a->opts[oi].key) {
		case OPT_ID:
			q->id = arg;
			break;
		case OPT_LINE:
			q->line = (long)strtonum(arg, 1, INT_MAX, &errstr);
			if (errstr != NULL) {
				cli_warnx(ctx, "--line: '%s' is %s", arg,
				    errstr);
				return CLI_EXIT_USAGE;
			}
			break;
		case OPT_TIMEOUT:
			if ((v = parse_duration(arg)) < 0) {
				cli_warnx(ctx,
				    "--timeout: '%s' is not a duration "
				    "(N, Ns, Nms, Nm)", arg);
				return CLI_EXIT_USAGE;
			}
			q->ro.timeout_ms = (unsigned int)v;
			break;
		case OPT_MAX_OUTPUT:
			v = strtonum(arg, 1, LLONG_MAX / 2, &errstr);
			if (errstr != NULL ||
			    (unsigned long long)v > SIZE_MAX) {
				cli_warnx(ctx, "--max-output: '%s' is %s", arg,
				    errstr ? errstr : "too large");
				return CLI_EXIT_USAGE;
			}
			q->ro.output_max = (size_t)v;
			break;
		case 'n':
			ctx->dry_run = true;
			break;
		}
	}
	if (a->argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'",
		    a->argv[0]);
	if ((q->id == NULL) == (q->line == 0))
		return cli_usage_error(ctx, "give exactly one of --id "
		    "and --line");
	return 0;
}

/* -n: what would run, as JSON or text. */
static void
run_show_plan(const struct cli_ctx *ctx, const struct run_req *q,
    const struct cli_source *src, const ck_job *job, const char *user,
    const struct ck_run_plan *plan, const struct passwd *pw)
{
	struct json j;
	size_t i;

	if (!ctx->json) {
		print_plan(plan, pw->pw_name);
		return;
	}
	cli_json_init(ctx, &j, stdout);
	json_head(&j, q->id, src, job, user);
	json_key(&j, "argv");
	json_arr_begin(&j);
	for (i = 0; plan->argv[i] != NULL; i++)
		json_str(&j, plan->argv[i]);
	json_arr_end(&j);
	json_key(&j, "env");
	json_arr_begin(&j);
	for (i = 0; plan->envp[i] != NULL; i++)
		json_str(&j, plan->envp[i]);
	json_arr_end(&j);
	json_key(&j, "cwd");
	json_str(&j, plan->cwd);
	json_key(&j, "mailto");
	json_str(&j, mail_to(plan, pw->pw_name));
	json_key(&j, "stdin");
	if (plan->stdin_text != NULL)
		json_strn(&j, plan->stdin_text, plan->stdin_len);
	else
		json_null(&j);
	json_obj_end(&j);
	json_end(&j);
}

/*
 * Run as the job's user: root switches to it with its groups (*groups,
 * owned by the caller); anyone else runs only their own jobs.
 * @return 0, or an exit code.
 */
static int
run_identity(const struct cli_ctx *ctx, const struct passwd *pw,
    struct ck_run_opts *ro, unsigned int **groups)
{
	gid_t *gl;
	size_t i;
	int ng;

	if (geteuid() != 0 || pw->pw_uid == 0) {
		if (pw->pw_uid == geteuid())
			return 0;
		cli_warnx(ctx, "this is %s's job: only root can run it as %s",
		    pw->pw_name, pw->pw_name);
		return EX_NOPERM;
	}
	ng = 64;
	gl = xreallocarray(NULL, (size_t)ng, sizeof(*gl));
	if (getgrouplist(pw->pw_name, pw->pw_gid, gl, &ng) == -1) {
		gl = xreallocarray(gl, (size_t)ng, sizeof(*gl));
		if (getgrouplist(pw->pw_name, pw->pw_gid, gl, &ng) == -1)
			ng = 0;
	}
	*groups = xreallocarray(NULL, (size_t)ng, sizeof(**groups));
	for (i = 0; i < (size_t)ng; i++)
		(*groups)[i] = (unsigned int)gl[i];
	free(gl);
	ro->groups = *groups;
	ro->ngroups = (size_t)ng;
	ro->switch_user = true;
	return 0;
}

/* What the run did: JSON, or its output and how it ended. */
static void
run_report(const struct cli_ctx *ctx, const struct run_req *q,
    const struct cli_source *src, const ck_job *job, const char *user,
    const struct ck_run_result *res)
{
	struct json j;
	const char *cmd;
	size_t cmdlen;

	if (ctx->json) {
		cli_json_init(ctx, &j, stdout);
		json_head(&j, q->id, src, job, user);
		json_key(&j, "command");
		cmd = ck_job_command(job, &cmdlen);
		json_strn(&j, cmd, cmdlen);
		json_key(&j, "exit");
		if (res->signal == 0)
			json_int(&j, res->exit_status);
		else
			json_null(&j);
		json_key(&j, "signal");
		if (res->signal != 0)
			json_int(&j, res->signal);
		else
			json_null(&j);
		json_key(&j, "timed_out");
		json_bool(&j, res->timed_out);
		json_key(&j, "duration");	/* seconds, as everywhere */
		json_double(&j, (double)res->duration_ms / 1000.0);
		json_key(&j, "output");
		json_strn(&j, res->output, res->output_len);
		json_key(&j, "output_truncated");
		json_bool(&j, res->output_truncated);
		json_obj_end(&j);
		json_end(&j);
		return;
	}
	cli_put_text(stdout, res->output, res->output_len);
	fflush(stdout);
	if (res->output_truncated)
		fprintf(stderr, "output cut at %zu of %llu bytes\n",
		    res->output_len, res->output_total);
	if (res->timed_out)
		fprintf(stderr, "timed out after %u ms\n", q->ro.timeout_ms);
	if (res->signal != 0)
		fprintf(stderr, "killed by signal %d (%s)%s\n", res->signal,
		    strsignal(res->signal), res->core_dumped ?
		    ", core dumped" : "");
	else
		fprintf(stderr, "exit status %d\n", res->exit_status);
}

static int
run(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct run_req q;
	struct ck_run_result res = { 0 };
	struct ck_run_plan plan = { 0 };
	struct cli_source *src = NULL;
	const ck_job *job;
	struct passwd *pw;
	unsigned int *groups = NULL;
	char *user = NULL;
	size_t n = 0, si = 0;
	ck_error err;
	int rc;

	if ((rc = run_parse(ctx, a, &q)) != 0)
		return rc;
	if ((rc = cli_load_sources(ctx, CLI_SRC_LENIENT |
	    (q.line ? CLI_SRC_SINGLE : 0), &src, &n)) != 0)
		return rc;
	if ((rc = pick_job(ctx, src, n, q.id, q.line, &si, &job)) != 0)
		goto done;
	if (!ck_job_enabled(job))
		cli_warnx(ctx, "the job is disabled in the crontab; running it "
		    "anyway");
	if ((rc = cron_would_run(ctx, &src[si])) != 0)
		goto done;
	if ((user = job_user(ctx, &src[si], job, &rc)) == NULL)
		goto done;
	errno = 0;
	if ((pw = getpwnam(user)) == NULL) {
		fflush(stdout);
		fprintf(stderr, "%s: no such user '", getprogname());
		cli_put_vis(stderr, user, strlen(user));
		fputs("'\n", stderr);
		rc = EX_NOUSER;
		goto done;
	}
	q.ro.user = pw->pw_name;
	q.ro.home = pw->pw_dir;
	q.ro.uid = pw->pw_uid;
	q.ro.gid = pw->pw_gid;
	if (ck_job_plan(src[si].tab, job, &q.ro, &plan, NULL) == -1) {
		cli_warnx(ctx, "out of memory");
		rc = EX_OSERR;
		goto done;
	}
	if (ctx->dry_run) {
		run_show_plan(ctx, &q, &src[si], job, user, &plan, pw);
		rc = CLI_EXIT_OK;
		goto done;
	}
	if ((rc = run_identity(ctx, pw, &q.ro, &groups)) != 0)
		goto done;
	fflush(stdout);
	if (ck_plan_run(&plan, &q.ro, &res, &err) == -1) {
		rc = cli_error(ctx, NULL, &err);
		goto done;
	}
	rc = res.exit_status == 0 && !res.timed_out ? CLI_EXIT_OK :
	    CLI_EXIT_FAIL;
	run_report(ctx, &q, &src[si], job, user, &res);
done:
	ck_run_result_clear(&res);
	ck_run_plan_clear(&plan);
	free(groups);
	free(user);
	cli_sources_free(src, n);
	return cli_finish(rc);
}

const struct cli_command cmd_run = {
	.name = "run",
	.summary = "run a job now exactly as cron would",
	.description =
"Run a job of the selected crontab now, exactly as cron would: $SHELL -c\n"
"COMMAND in $HOME, with ONLY the crontab's assignments above the job plus\n"
"cron's own variables (SHELL=/bin/sh, HOME and PATH unless set, LOGNAME\n"
"always, USER except on Debian), the text after the first unescaped '%'\n"
"on standard input and '\\%' turned into '%', only descriptors 0-2\n"
"open and umask 022.  A job runs as its crontab's user: the user column\n"
"of a system crontab, the user of -u, the owner of a -f file.  Run as\n"
"root, a job of another user runs as that user; otherwise only your own\n"
"jobs can run.  A system crontab cron would ignore (not owned by root,\n"
"writable by group or others, a cron.d name cron skips) is refused.\n",
	.epilog =
"The job's output (standard output and standard error together, as in\n"
"cron's mail) goes to standard output; 'exit status N', 'killed by signal\n"
"N' and 'timed out' go to standard error.  --json prints\n"
"{\"id\",\"source\",\"line\",\"user\",\"command\",\"exit\",\"signal\",\n"
"\"timed_out\",\"duration\",\"output\",\"output_truncated\"} (duration in\n"
"seconds, as in every command; with\n"
"--dry-run: {\"id\",\"source\",\"line\",\"user\",\"argv\",\"env\",\"cwd\",\n"
"\"stdin\",\"mailto\"}, mailto being null when MAILTO is empty).\n"
"\n"
"Exit: 0 the job succeeded, 1 it failed (non-zero status, a signal or\n"
"the timeout), 2 usage, 66 no such job, 67 no such user, 77 not allowed\n"
"to run another user's job, 69 it could not be started, 78 cron ignores\n"
"the crontab the job is in.\n",
	.options = options,
	.flags = CMD_DRYRUN,
	.exec = run,
};
