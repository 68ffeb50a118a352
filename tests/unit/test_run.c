/* SPDX-License-Identifier: ISC */
/*
 * test_run.c - running a job exactly as cron would.  The expectations come
 * from cron's source (do_command.c, entry.c) and from a run of Debian's
 * cron 3.0pl1-162 itself with the same lines (a shell stand-in recorded
 * its argv, environment, directory and standard input):
 *
 *   SHELL=/tmp/ckexp/dump.sh / FOO = bar baz / MAILTO=""
 *   * * * * * a\\b \%c d%line1%line2\%x\\y\z
 *     argv: dump.sh -c 'a\b %c d'   stdin: "line1\nline2%x\\y\z\n"
 *     env:  HOME (passwd) MAILTO= LOGNAME PATH=/usr/bin:/bin FOO=bar baz
 *           SHELL   (no USER: Debian does not set it)
 *   HOME=/tmp/ckexp / LOGNAME=fake / USER=fakeuser
 *   * * * * * ... x\\y 'end\'%
 *     argv: /bin/sh -c "... x\y 'end\'"  stdin: empty   cwd: /tmp/ckexp
 *     env:  USER=fakeuser (kept) LOGNAME=<real user> (forced) HOME=/tmp/ckexp
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <criterion/criterion.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

struct split_case {
	ck_dialect	 d;
	const char	*in;
	size_t		 len;		/* 0: strlen */
	const char	*cmd;
	const char	*stdin_text;	/* NULL: no '%' */
};


/* A ck_run_opts with its size and the fields given. */
#define RUN_OPTS(...)	{ .size = sizeof(struct ck_run_opts), __VA_ARGS__ }
static const struct split_case split_cases[] = {
	{ CK_DIALECT_DEBIAN, "echo hi", 0, "echo hi", NULL },
	/* The example of every man page. */
	{ CK_DIALECT_DEBIAN,
	  "mail -s \"It's 10pm\" joe%Joe,%%Where are your kids?%", 0,
	  "mail -s \"It's 10pm\" joe", "Joe,\n\nWhere are your kids?\n" },
	{ CK_DIALECT_DEBIAN, "date +\\%Y-\\%m-\\%d", 0, "date +%Y-%m-%d",
	  NULL },
	/* Observed with Debian's cron (see the top of this file). */
	{ CK_DIALECT_DEBIAN, "a\\\\b \\%c d%line1%line2\\%x\\\\y\\z", 0,
	  "a\\b %c d", "line1\nline2%x\\\\y\\z\n" },
	/* cronie (Vixie 4.1) keeps "\\" in the command part. */
	{ CK_DIALECT_CRONIE, "a\\\\b \\%c d%line1%line2\\%x\\\\y\\z", 0,
	  "a\\\\b %c d", "line1\nline2%x\\\\y\\z\n" },
	{ CK_DIALECT_OPENBSD, "x\\\\y", 0, "x\\\\y", NULL },
	{ CK_DIALECT_DEBIAN, "x\\\\y 'end\\'%", 0, "x\\y 'end\\'", "" },
	/* A '%' escaped by an escaped backslash is a real '%'. */
	{ CK_DIALECT_DEBIAN, "\\\\%in", 0, "\\", "in\n" },
	{ CK_DIALECT_CRONIE, "\\\\%in", 0, "\\\\", "in\n" },
	/* A trailing backslash is kept in both parts. */
	{ CK_DIALECT_DEBIAN, "two\ttab \xc3\xa9\\", 0, "two\ttab \xc3\xa9\\",
	  NULL },
	{ CK_DIALECT_DEBIAN, "cat%abc\\", 0, "cat", "abc\\\n" },
	/* In the input, "\\%" is a backslash then a literal '%'. */
	{ CK_DIALECT_DEBIAN, "cat%a\\\\%b", 0, "cat", "a\\%b\n" },
	{ CK_DIALECT_DEBIAN, "cat%a%", 0, "cat", "a\n" },
	/* The text ends at a NUL, as cron's C strings do. */
	{ CK_DIALECT_DEBIAN, "ab\0%c", 5, "ab", NULL },
	/* busybox has no '%' rule. */
	{ CK_DIALECT_BUSYBOX, "date +%F%x", 0, "date +%F%x", NULL },
	{ CK_DIALECT_DEBIAN, "", 0, "", NULL },
};

/* One test over the table: pointers in criterion parameters do not
 * survive its re-executed workers. */
Test(run, splits_like_cron)
{
	const struct split_case *c;
	char *cmd, *in;
	ck_error err;
	size_t i, len;

	for (i = 0; i < sizeof(split_cases) / sizeof(split_cases[0]); i++) {
		c = &split_cases[i];
		len = c->len ? c->len : strlen(c->in);
		cr_assert_eq(ck_command_split_dialect(c->in, len, c->d, &cmd,
		    &in, &err), 0);
		cr_assert_str_eq(cmd, c->cmd, "command of [%s]", c->in);
		if (c->stdin_text == NULL)
			cr_assert_null(in, "stdin of [%s]: [%s]", c->in, in);
		else {
			cr_assert_not_null(in, "stdin of [%s]", c->in);
			cr_assert_str_eq(in, c->stdin_text, "stdin of [%s]",
			    c->in);
		}
		free(cmd);
		free(in);
	}
}

Test(run, split_defaults_to_debian)
{
	char *cmd, *in;

	cr_assert_eq(ck_command_split("a\\\\b%x", 6, &cmd, &in, NULL), 0);
	cr_assert_str_eq(cmd, "a\\b");
	cr_assert_str_eq(in, "x\n");
	free(cmd);
	free(in);
	cr_assert_eq(ck_command_split("a%b", 3, &cmd, NULL, NULL), 0);
	cr_assert_str_eq(cmd, "a");
	free(cmd);
}

/* ---- plans ---- */

static ck_tab *
parse(const char *s, ck_dialect d, unsigned int flags)
{
	ck_error err;
	ck_tab *t = ck_tab_parse(s, strlen(s), d, flags, &err);

	cr_assert_not_null(t, "parse failed: %u:%u: %s", err.line, err.column,
	    err.msg);
	return t;
}

static const struct ck_run_opts uopts = {
	.size = sizeof(struct ck_run_opts),
	.user = "alice", .home = "/home/alice"
};

/* The plan's environment, sorted and joined with '|'. */
static char *
env_str(char **envp)
{
	struct ck_buf b = { 0 };
	size_t n = 0, i, j;
	char *t;

	while (envp[n] != NULL)
		n++;
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (strcmp(envp[i], envp[j]) > 0) {
				t = envp[i];
				envp[i] = envp[j];
				envp[j] = t;
			}
	for (i = 0; i < n; i++) {
		if (i > 0)
			ck_buf_addc(&b, '|');
		ck_buf_adds(&b, envp[i]);
	}
	return ck_buf_take(&b, NULL);
}

static const char env_tab[] =
    "FOO=1\n"
    "SHELL=/bin/bash\n"
    "0 * * * * first\n"
    "FOO = two words  \n"
    "PATH=/opt/bin\n"
    "LOGNAME=fake\n"
    "USER=fakeuser\n"
    "HOME=/srv\n"
    "MAILTO=\"\"\n"
    "0 * * * * second%in\n";

Test(run, plan_has_only_the_variables_above_the_job)
{
	ck_tab *t = parse(env_tab, CK_DIALECT_DEBIAN, 0);
	struct ck_run_plan p;
	ck_error err;
	char *s;

	cr_assert_eq(ck_job_plan(t, ck_tab_job(t, 0), &uopts, &p, &err), 0,
	    "%s", err.msg);
	cr_assert_str_eq(p.argv[0], "/bin/bash");
	cr_assert_str_eq(p.argv[1], "-c");
	cr_assert_str_eq(p.argv[2], "first");
	cr_assert_null(p.argv[3]);
	cr_assert_str_eq(p.cwd, "/home/alice");
	cr_assert_null(p.stdin_text);
	s = env_str(p.envp);
	cr_assert_str_eq(s, "FOO=1|HOME=/home/alice|LOGNAME=alice|"
	    "PATH=/usr/bin:/bin|SHELL=/bin/bash");
	free(s);
	ck_run_plan_clear(&p);
	ck_tab_free(t);
}

Test(run, plan_follows_debian_overrides)
{
	ck_tab *t = parse(env_tab, CK_DIALECT_DEBIAN, 0);
	struct ck_run_plan p;
	ck_error err;
	char *s;

	cr_assert_eq(ck_job_plan(t, ck_tab_job(t, 1), &uopts, &p, &err), 0);
	/* HOME from the crontab wins and is the working directory; LOGNAME
	 * is forced; Debian leaves USER alone. */
	s = env_str(p.envp);
	cr_assert_str_eq(s, "FOO=two words|HOME=/srv|LOGNAME=alice|MAILTO=|"
	    "PATH=/opt/bin|SHELL=/bin/bash|USER=fakeuser");
	free(s);
	cr_assert_str_eq(p.cwd, "/srv");
	cr_assert_str_eq(p.argv[2], "second");
	cr_assert_eq(p.stdin_len, 3);
	cr_assert_str_eq(p.stdin_text, "in\n");
	ck_run_plan_clear(&p);
	ck_tab_free(t);
}

Test(run, plan_forces_user_on_cronie)
{
	ck_tab *t = parse(env_tab, CK_DIALECT_CRONIE, 0);
	struct ck_run_plan p;
	char *s;

	cr_assert_eq(ck_job_plan(t, ck_tab_job(t, 0), &uopts, &p, NULL), 0);
	s = env_str(p.envp);
	cr_assert_str_eq(s, "FOO=1|HOME=/home/alice|LOGNAME=alice|"
	    "PATH=/usr/bin:/bin:/usr/sbin:/sbin|SHELL=/bin/bash|USER=alice");
	free(s);
	ck_run_plan_clear(&p);
	ck_run_plan_clear(&p);
	ck_tab_free(t);
}

Test(run, plan_takes_path_from_the_caller)
{
	ck_tab *t = parse("0 * * * * x\n", CK_DIALECT_DEBIAN, 0);
	struct ck_run_opts o = uopts;
	struct ck_run_plan p;
	char *s;

	o.path = "/a:/b";
	cr_assert_eq(ck_job_plan(t, ck_tab_job(t, 0), &o, &p, NULL), 0);
	s = env_str(p.envp);
	cr_assert_str_eq(s, "HOME=/home/alice|LOGNAME=alice|PATH=/a:/b|"
	    "SHELL=/bin/sh");
	free(s);
	ck_run_plan_clear(&p);
	ck_tab_free(t);
}

Test(run, plan_of_a_system_job_uses_its_user)
{
	ck_tab *t = parse("PATH=/sbin:/bin\n0 * * * * www-data cd / && ls\n",
	    CK_DIALECT_DEBIAN, CK_PARSE_SYSTEM);
	struct ck_run_opts o = RUN_OPTS(.user = "www-data", .home = "/var/www");
	struct ck_run_plan p;
	char *s;

	cr_assert_eq(ck_job_plan(t, ck_tab_job(t, 0), &o, &p, NULL), 0);
	cr_assert_str_eq(p.argv[2], "cd / && ls");
	s = env_str(p.envp);
	cr_assert_str_eq(s, "HOME=/var/www|LOGNAME=www-data|PATH=/sbin:/bin|"
	    "SHELL=/bin/sh");
	free(s);
	ck_run_plan_clear(&p);
	ck_tab_free(t);
}

Test(run, plan_needs_user_and_home)
{
	ck_tab *t = parse("0 * * * * x\n", CK_DIALECT_DEBIAN, 0);
	struct ck_run_opts o = RUN_OPTS(.user = "alice");
	struct ck_run_plan p;
	ck_error err;

	cr_assert_eq(ck_job_plan(t, ck_tab_job(t, 0), &o, &p, &err), -1);
	cr_assert_eq(err.code, CK_EINVAL);
	cr_assert_eq(err.line, 0);
	cr_assert_eq(err.column, 0);
	cr_assert_null(p.argv);
	ck_tab_free(t);
}

/* ---- real runs ---- */

static char tmpdir[64];

static void
mk_tmp(void)
{
	strlcpy(tmpdir, "/tmp/ck-run.XXXXXX", sizeof(tmpdir));
	cr_assert_not_null(mkdtemp(tmpdir));
}

static void
rm_tmp(void)
{
	char *argv[] = { "rm", "-rf", tmpdir, NULL };
	pid_t pid = fork();

	if (pid == 0) {
		execvp("rm", argv);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
}

TestSuite(run, .init = mk_tmp, .fini = rm_tmp);

/* Run the only job of text (Debian rules) as the current user. */
static int
run_text(const char *text, const struct ck_run_opts *extra,
    struct ck_run_result *res, ck_error *err)
{
	struct ck_run_opts o = RUN_OPTS(.user = "tester", .home = tmpdir);
	ck_tab *t = parse(text, CK_DIALECT_DEBIAN, 0);
	int rc;

	if (extra != NULL) {
		o = *extra;
		if (o.user == NULL)
			o.user = "tester";
		if (o.home == NULL)
			o.home = tmpdir;
	}
	rc = ck_job_run(t, ck_tab_job(t, ck_tab_job_count(t) - 1), &o, res,
	    err);
	ck_tab_free(t);
	return rc;
}

/* Output lines sorted and joined with '|'. */
static char *
sorted_lines(const char *out)
{
	char *copy = strdup(out), *save = NULL, *tok, *v[64], *s;
	size_t n = 0;

	for (tok = strtok_r(copy, "\n", &save); tok != NULL && n < 64;
	    tok = strtok_r(NULL, "\n", &save))
		v[n++] = tok;
	s = env_str((v[n] = NULL, v));
	free(copy);
	return s;
}

Test(run, child_gets_only_the_crontab_environment)
{
	struct ck_run_result r;
	char want[512], *s;
	ck_error err;

	/* Something in our own environment must not leak. */
	setenv("CK_LEAK", "secret", 1);
	cr_assert_eq(run_text("FOO=bar baz\n* * * * * exec /usr/bin/env\n",
	    NULL, &r, &err), 0, "%s", err.msg);
	cr_assert_eq(r.exit_status, 0);
	/* dash exports PWD itself: it must be HOME. */
	s = sorted_lines(r.output);
	snprintf(want, sizeof(want), "FOO=bar baz|HOME=%s|LOGNAME=tester|"
	    "PATH=/usr/bin:/bin|PWD=%s|SHELL=/bin/sh", tmpdir, tmpdir);
	cr_assert_str_eq(s, want);
	free(s);
	ck_run_result_clear(&r);
}

Test(run, feeds_text_after_percent_to_stdin)
{
	struct ck_run_result r;

	cr_assert_eq(run_text("* * * * * cat%hello%world\n", NULL, &r, NULL),
	    0);
	cr_assert_str_eq(r.output, "hello\nworld\n");
	cr_assert_eq(r.exit_status, 0);
	ck_run_result_clear(&r);
	/* No '%': standard input is at its end at once. */
	cr_assert_eq(run_text("* * * * * cat; echo rc=$?\n", NULL, &r, NULL),
	    0);
	cr_assert_str_eq(r.output, "rc=0\n");
	ck_run_result_clear(&r);
}

Test(run, escaped_percent_reaches_the_command)
{
	struct ck_run_result r;

	cr_assert_eq(run_text("* * * * * printf '\\%s|' a b\n", NULL, &r,
	    NULL), 0);
	cr_assert_str_eq(r.output, "a|b|");
	ck_run_result_clear(&r);
}

Test(run, shell_comes_from_the_crontab)
{
	struct ck_run_result r;

	if (access("/bin/bash", X_OK) != 0)
		cr_skip_test("no /bin/bash");
	cr_assert_eq(run_text("SHELL=/bin/bash\n* * * * * echo \"$0\" "
	    "${BASH_VERSINFO[0]:+bash}\n", NULL, &r, NULL), 0);
	cr_assert_str_eq(r.output, "/bin/bash bash\n");
	ck_run_result_clear(&r);
	cr_assert_eq(run_text("* * * * * echo \"$0\"\n", NULL, &r, NULL), 0);
	cr_assert_str_eq(r.output, "/bin/sh\n");
	ck_run_result_clear(&r);
}

Test(run, reports_exit_codes)
{
	struct ck_run_result r;

	cr_assert_eq(run_text("* * * * * exit 3\n", NULL, &r, NULL), 0);
	cr_assert_eq(r.exit_status, 3);
	cr_assert_eq(r.signal, 0);
	cr_assert_gt(r.pid, 0);
	ck_run_result_clear(&r);
	cr_assert_eq(run_text("* * * * * true\n", NULL, &r, NULL), 0);
	cr_assert_eq(r.exit_status, 0);
	cr_assert_eq(r.output_len, 0);
	cr_assert_str_eq(r.output, "");
	ck_run_result_clear(&r);
}

Test(run, reports_signals)
{
	struct ck_run_result r;

	cr_assert_eq(run_text("* * * * * kill -USR1 $$\n", NULL, &r, NULL), 0);
	cr_assert_eq(r.exit_status, -1);
	cr_assert_eq(r.signal, SIGUSR1);
	cr_assert(!r.timed_out);
	ck_run_result_clear(&r);
}

Test(run, signals_are_reset_for_the_job)
{
	struct ck_run_result r;
	struct sigaction sa, old;

	/* An ignored signal in the caller is not ignored in the job. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigaction(SIGUSR2, &sa, &old);
	cr_assert_eq(run_text("* * * * * kill -USR2 $$; echo survived\n",
	    NULL, &r, NULL), 0);
	sigaction(SIGUSR2, &old, NULL);
	cr_assert_eq(r.signal, SIGUSR2, "output: %s", r.output);
	ck_run_result_clear(&r);
}

Test(run, merges_stderr_into_stdout_in_order)
{
	struct ck_run_result r;

	cr_assert_eq(run_text("* * * * * echo a; echo b >&2; echo c\n", NULL,
	    &r, NULL), 0);
	cr_assert_str_eq(r.output, "a\nb\nc\n");
	ck_run_result_clear(&r);
}

Test(run, times_out_and_kills_the_group)
{
	struct ck_run_opts o = RUN_OPTS(.timeout_ms = 300, .kill_grace_ms = 300);
	struct ck_run_result r;

	/* The background sleep holds the output pipe: only a kill of the
	 * whole group ends the run. */
	cr_assert_eq(run_text("* * * * * sleep 30 & sleep 30\n", &o, &r,
	    NULL), 0);
	cr_assert(r.timed_out);
	cr_assert_eq(r.signal, SIGTERM);
	cr_assert_geq(r.duration_ms, 300);
	cr_assert_lt(r.duration_ms, 5000);
	ck_run_result_clear(&r);
}

Test(run, kills_a_job_that_ignores_sigterm)
{
	struct ck_run_opts o = RUN_OPTS(.timeout_ms = 200, .kill_grace_ms = 200);
	struct ck_run_result r;

	cr_assert_eq(run_text("* * * * * trap '' TERM; echo armed; "
	    "while :; do sleep 1; done\n", &o, &r, NULL), 0);
	cr_assert(r.timed_out);
	cr_assert_eq(r.signal, SIGKILL);
	cr_assert_str_eq(r.output, "armed\n");
	cr_assert_geq(r.duration_ms, 400);
	cr_assert_lt(r.duration_ms, 5000);
	ck_run_result_clear(&r);
}

Test(run, gives_up_on_output_held_outside_the_group)
{
	struct ck_run_opts o = RUN_OPTS(.timeout_ms = 200, .kill_grace_ms = 200);
	struct ck_run_result r;

	if (access("/usr/bin/setsid", X_OK) != 0)
		cr_skip_test("no setsid(1)");
	/* The job exits at once, but a process in another session keeps
	 * the output pipe open: cron would wait for it; the timeout ends
	 * the wait a second after the SIGKILL. */
	cr_assert_eq(run_text("* * * * * /usr/bin/setsid sleep 4 & echo bye\n",
	    &o, &r, NULL), 0);
	cr_assert_eq(r.exit_status, 0);
	cr_assert_eq(r.signal, 0);
	cr_assert(r.timed_out);
	cr_assert_str_eq(r.output, "bye\n");
	cr_assert_geq(r.duration_ms, 1400);
	cr_assert_lt(r.duration_ms, 3500);
	ck_run_result_clear(&r);
}

Test(run, limits_the_output_it_keeps)
{
	struct ck_run_opts o = RUN_OPTS(.output_max = 1000);
	struct ck_run_result r;

	cr_assert_eq(run_text("* * * * * head -c 100000 /dev/zero | "
	    "tr '\\\\0' x\n", &o, &r, NULL), 0);
	cr_assert_eq(r.exit_status, 0);
	cr_assert_eq(r.output_len, 1000);
	cr_assert_eq(strlen(r.output), 1000);
	cr_assert_eq(r.output[999], 'x');
	cr_assert(r.output_truncated);
	cr_assert_eq(r.output_total, 100000);
	ck_run_result_clear(&r);
}

Test(run, big_input_never_deadlocks)
{
	struct ck_run_result r;
	struct ck_buf b = { 0 };
	ck_error err;
	char *text;
	size_t i;

	/* 300 KB of input: more than a pipe holds. */
	ck_buf_adds(&b, "* * * * * wc -c%");
	for (i = 0; i < 300000; i++)
		ck_buf_addc(&b, 'y');
	ck_buf_addc(&b, '\n');
	text = ck_buf_take(&b, NULL);
	cr_assert_eq(run_text(text, NULL, &r, &err), 0, "%s", err.msg);
	cr_assert_eq(strtol(r.output, NULL, 10), 300001, "%s", r.output);
	ck_run_result_clear(&r);
	/* A job that never reads it. */
	memcpy(text + 10, "true ", 5);
	cr_assert_eq(run_text(text, NULL, &r, NULL), 0);
	cr_assert_eq(r.exit_status, 0);
	ck_run_result_clear(&r);
	free(text);
}

Test(run, fails_without_home)
{
	struct ck_run_opts o = RUN_OPTS(.home = "/nonexistent/ck");
	struct ck_run_result r;
	ck_error err;

	cr_assert_eq(run_text("* * * * * true\n", &o, &r, &err), -1);
	cr_assert_eq(err.code, CK_ECHILD);
	cr_assert_eq(err.sys_errno, ENOENT);
	cr_assert_eq(err.line, 0);
	cr_assert_eq(err.column, 0);
	cr_assert_null(r.output);
}

Test(run, fails_without_the_shell)
{
	struct ck_run_result r;
	ck_error err;

	cr_assert_eq(run_text("SHELL=/nonexistent/sh\n* * * * * true\n", NULL,
	    &r, &err), -1);
	cr_assert_eq(err.code, CK_ECHILD);
	cr_assert_eq(err.sys_errno, ENOENT);
	cr_assert_eq(err.line, 0);
	cr_assert_eq(err.column, 0);
	/* cron does not search PATH for the shell either. */
	cr_assert_eq(run_text("SHELL=sh\n* * * * * true\n", NULL, &r, &err),
	    -1);
	cr_assert_eq(err.code, CK_ECHILD);
}

Test(run, switches_user_when_root)
{
	struct ck_run_opts o = RUN_OPTS(.user = "nobody", .home = "/",
	    .switch_user = true, .uid = 65534, .gid = 65534);
	struct ck_run_result r;
	ck_error err;

	if (geteuid() != 0)
		cr_skip_test("needs root");
	cr_assert_eq(run_text("* * * * * id -u; id -g; id -G; pwd\n", &o, &r,
	    &err), 0, "%s", err.msg);
	cr_assert_str_eq(r.output, "65534\n65534\n65534\n/\n");
	ck_run_result_clear(&r);
	/* The home directory is entered as the user. */
	o.home = tmpdir;
	cr_assert_eq(chmod(tmpdir, 0700), 0);
	cr_assert_eq(run_text("* * * * * true\n", &o, &r, &err), -1);
	cr_assert_eq(err.code, CK_ECHILD);
	cr_assert_eq(err.sys_errno, EACCES);
	cr_assert_eq(err.line, 0);
	cr_assert_eq(err.column, 0);
}

Test(run, switch_without_rights_fails)
{
	struct ck_run_opts o = RUN_OPTS(.switch_user = true, .uid = 0, .gid = 0);
	struct ck_run_result r;
	ck_error err;

	if (geteuid() == 0)
		cr_skip_test("runs as root");
	cr_assert_eq(run_text("* * * * * true\n", &o, &r, &err), -1);
	cr_assert_eq(err.code, CK_ECHILD);
	cr_assert_eq(err.sys_errno, EPERM);
}
