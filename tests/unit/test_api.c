/* SPDX-License-Identifier: ISC */
/*
 * test_api.c - a tour of python-crontab's features done with libcronkeep,
 * through the public API only: open a string, a file, a user's crontab
 * (through a crontab(1) stand-in that keeps one file per user), new jobs
 * with ids and users, setall, is_valid, the builder, enable/disable, find
 * by command, comment, id, time and schedule, remove and remove_all, the
 * crontab's and each job's environment, render, write to this and to
 * another crontab, frequency, iteration, description, run and cron's log.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cronkeep.h"

static char dir[256];

static void
setup(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/ck-api.XXXXXX", t ? t : "/tmp");
	cr_assert_not_null(mkdtemp(dir));
}

static void
teardown(void)
{
	char cmd[512];
	pid_t pid;

	/* rm -r through argv, no shell: the path is ours anyway. */
	snprintf(cmd, sizeof(cmd), "%s", dir);
	if ((pid = fork()) == 0) {
		execlp("rm", "rm", "-rf", cmd, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, NULL, 0) == -1 && errno == EINTR)
			continue;
}

TestSuite(api, .init = setup, .fini = teardown, .timeout = 60);

static char *
path_of(const char *name)
{
	static char buf[4][512];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir, name);
	return buf[k];
}

static void
put(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f, "%s: %s", path, strerror(errno));
	cr_assert_eq(fputs(text, f) >= 0, true);
	cr_assert_eq(fclose(f), 0);
	cr_assert_eq(chmod(path, mode), 0);
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	size_t n;

	cr_assert_not_null(f, "%s: %s", path, strerror(errno));
	buf = calloc(1, 65536);
	cr_assert_not_null(buf);
	n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static ck_tab *
parse(const char *text, unsigned int flags)
{
	ck_error err;
	ck_tab *tab = ck_tab_parse(text, strlen(text), CK_DIALECT_DEBIAN, flags,
	    &err);

	cr_assert_not_null(tab, "%u:%u: %s", err.line, err.column, err.msg);
	return tab;
}

/* Render and compare with the expected text. */
static void
assert_text(const ck_tab *tab, const char *want)
{
	ck_error err;
	char *out;
	size_t len;

	cr_assert_eq(ck_tab_format(tab, &out, &len, &err), 0, "%s", err.msg);
	cr_assert_eq(len, strlen(out));
	cr_assert_str_eq(out, want);
	free(out);
}

static void
assert_err(const ck_error *err, enum ck_code code, unsigned int line,
    unsigned int col)
{
	cr_assert_eq(err->code, code, "code %d (%s), want %d", err->code,
	    err->msg, code);
	cr_assert_eq(err->line, line, "line %u (%s)", err->line, err->msg);
	cr_assert_eq(err->column, col, "column %u (%s)", err->column,
	    err->msg);
	cr_assert_neq(err->msg[0], '\0');
}

static ck_expr *
expr(const char *s)
{
	ck_error err;
	ck_expr *e = ck_expr_parse(s, strlen(s), CK_DIALECT_DEBIAN, &err);

	cr_assert_not_null(e, "%s: %s", s, err.msg);
	return e;
}

/* The matching job indexes as a string "0,2". */
static void
assert_match(const ck_tab *tab, const ck_match *m, const char *want)
{
	char got[128] = "";
	ck_error err;
	size_t *v, n, i;

	cr_assert_eq(ck_tab_match(tab, m, &v, &n, &err), 0, "%s", err.msg);
	for (i = 0; i < n; i++)
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%zu",
		    i ? "," : "", v[i]);
	free(v);
	cr_assert_str_eq(got, want);
}

/* ---- documents and jobs ---- */

Test(api, new_job_with_id_comment_and_user)
{
	ck_tab *tab = parse("SHELL=/bin/sh\n", CK_PARSE_SYSTEM);
	ck_job_spec s = CK_JOB_SPEC_INIT;
	ck_set_result r;
	const ck_job *j;
	const char *p;
	ck_error err;
	size_t len, line;

	s.id = "backup";
	s.id_len = 6;
	s.schedule = "30 2 * * *";
	s.schedule_len = strlen(s.schedule);
	s.command = "/usr/local/bin/backup --full";
	s.command_len = strlen(s.command);
	s.user = "root";
	s.user_len = 4;
	s.comment = "nightly";
	s.comment_len = 7;
	cr_assert_eq(ck_tab_set(tab, &s, &r, &line, &err), 0, "%s", err.msg);
	cr_assert_eq(r, CK_SET_CREATED);
	cr_assert_eq(line, 2);
	assert_text(tab, "SHELL=/bin/sh\n# cronkeep: backup nightly\n"
	    "30 2 * * * root /usr/local/bin/backup --full\n");
	j = ck_tab_find_id(tab, "backup", 6);
	cr_assert_not_null(j);
	p = ck_job_user(j, &len);
	cr_assert_eq(len, 4);
	cr_assert_eq(memcmp(p, "root", 4), 0);
	cr_assert_eq(ck_job_marker(j), CK_MARKER_CRONKEEP);
	/* Idempotent: the same spec again changes nothing. */
	cr_assert_eq(ck_tab_set(tab, &s, &r, NULL, &err), 0);
	cr_assert_eq(r, CK_SET_UNCHANGED);

	/* A system crontab needs a user. */
	s.user = NULL;
	s.user_len = 0;
	cr_assert_eq(ck_tab_set(tab, &s, &r, NULL, &err), -1);
	assert_err(&err, CK_EINVAL, 0, 0);
	ck_tab_free(tab);
}

Test(api, new_appends_jobs_with_or_without_id)
{
	ck_tab *tab = parse("MAILTO=ops\r\n# last", 0);
	ck_job_spec s = CK_JOB_SPEC_INIT;
	const char *p;
	ck_error err;
	size_t line, len;

	s.schedule = "@hourly";
	s.schedule_len = 7;
	s.command = "date";
	s.command_len = 4;
	/* No id: a bare job line, and twice gives two jobs. */
	cr_assert_eq(ck_tab_append(tab, &s, &line, &err), 0, "%s", err.msg);
	cr_assert_eq(line, 2);
	cr_assert_eq(ck_tab_append(tab, &s, &line, &err), 0);
	cr_assert_eq(line, 3);
	s.id = "stamp";
	s.id_len = 5;
	s.comment = " note ";
	s.comment_len = 6;
	cr_assert_eq(ck_tab_append(tab, &s, &line, &err), 0, "%s", err.msg);
	cr_assert_eq(line, 5);
	assert_text(tab, "MAILTO=ops\r\n# last\r\n@hourly date\r\n"
	    "@hourly date\r\n# cronkeep: stamp note\r\n@hourly date\r\n");
	cr_assert_eq(ck_tab_job_count(tab), 3);
	p = ck_job_id(ck_tab_job(tab, 2), &len);
	cr_assert_eq(len, 5);
	cr_assert_eq(memcmp(p, "stamp", 5), 0);
	cr_assert_null(ck_job_id(ck_tab_job(tab, 0), NULL));

	/* Refusals leave the tab as it was. */
	cr_assert_eq(ck_tab_append(tab, &s, &line, &err), -1);
	assert_err(&err, CK_EINVAL, 0, 0);
	s.id = NULL;
	s.id_len = 0;
	cr_assert_eq(ck_tab_append(tab, &s, &line, &err), -1);
	assert_err(&err, CK_EINVAL, 0, 0);
	s.comment = NULL;
	s.comment_len = 0;
	s.disabled = true;
	cr_assert_eq(ck_tab_append(tab, &s, &line, &err), -1);
	assert_err(&err, CK_EINVAL, 0, 0);
	s.disabled = false;
	s.command = "a\nb";
	s.command_len = 3;
	cr_assert_eq(ck_tab_append(tab, &s, &line, &err), -1);
	assert_err(&err, CK_EINVAL, 0, 2);
	s.command = "x";
	s.command_len = 1;
	s.schedule = "0 0 * * * *";
	s.schedule_len = 11;
	cr_assert_eq(ck_tab_append(tab, &s, &line, &err), -1);
	cr_assert_eq(err.code, CK_ESYNTAX);
	cr_assert_eq(err.line, 1);
	cr_assert_eq(err.column, 11);
	assert_text(tab, "MAILTO=ops\r\n# last\r\n@hourly date\r\n"
	    "@hourly date\r\n# cronkeep: stamp note\r\n@hourly date\r\n");
	ck_tab_free(tab);
}

Test(api, setall_and_is_valid)
{
	ck_tab *tab = parse("", 0);
	ck_job_spec s = CK_JOB_SPEC_INIT;
	enum ck_line_kind kind;
	ck_set_result r;
	ck_error err;

	s.id = "x";
	s.id_len = 1;
	s.command = "true";
	s.command_len = 4;
	s.schedule = "*/5 * * * *";
	s.schedule_len = strlen(s.schedule);
	cr_assert_eq(ck_tab_set(tab, &s, &r, NULL, &err), 0, "%s", err.msg);
	/* setall: the same job gets a new schedule. */
	s.schedule = "0 9-17 * * mon-fri";
	s.schedule_len = strlen(s.schedule);
	cr_assert_eq(ck_tab_set(tab, &s, &r, NULL, &err), 0, "%s", err.msg);
	cr_assert_eq(r, CK_SET_UPDATED);
	assert_text(tab, "# cronkeep: x\n0 9-17 * * mon-fri true\n");
	/* A bad schedule: the column is in the schedule text. */
	s.schedule = "0 25 * * *";
	s.schedule_len = strlen(s.schedule);
	cr_assert_eq(ck_tab_set(tab, &s, &r, NULL, &err), -1);
	assert_err(&err, CK_ESYNTAX, 1, 3);
	assert_text(tab, "# cronkeep: x\n0 9-17 * * mon-fri true\n");

	/* is_valid, for lines about to be written. */
	cr_assert_eq(ck_line_check("0 * * * * cmd", 13, CK_DIALECT_DEBIAN, 0,
	    &kind, &err), 0, "%s", err.msg);
	cr_assert_eq(kind, CK_LINE_JOB);
	cr_assert_eq(ck_line_check("MAILTO=ops", 10, CK_DIALECT_DEBIAN, 0,
	    &kind, &err), 0);
	cr_assert_eq(kind, CK_LINE_ENV);
	cr_assert_eq(ck_line_check("# note", 6, CK_DIALECT_DEBIAN, 0, &kind,
	    &err), 0);
	cr_assert_eq(kind, CK_LINE_COMMENT);
	cr_assert_eq(ck_line_check("0 * * * * root cmd", 18,
	    CK_DIALECT_DEBIAN, CK_PARSE_SYSTEM, &kind, &err), 0);
	cr_assert_eq(kind, CK_LINE_JOB);
	cr_assert_eq(ck_line_check("0 * 32 * * cmd", 14, CK_DIALECT_DEBIAN, 0,
	    &kind, &err), -1);
	assert_err(&err, CK_ESYNTAX, 1, 5);
	cr_assert_eq(ck_line_check("0 * * * * a\nb", 13, CK_DIALECT_DEBIAN, 0,
	    NULL, &err), -1);
	assert_err(&err, CK_EINVAL, 1, 12);
	cr_assert_eq(ck_line_check("0 * * * *", 9, CK_DIALECT_CRONIE, 0,
	    NULL, &err), -1);
	assert_err(&err, CK_ESYNTAX, 1, 10);
	ck_tab_free(tab);
}

Test(api, builder_every_on_during_also_clear_reboot)
{
	static const int mon_fri[] = { 1, 5 }, sun[] = { 0 }, h22[] = { 22 };
	ck_build *b = ck_build_new();
	ck_error err;
	ck_expr *e;
	char *t;

	cr_assert_not_null(b);
	cr_assert_eq(ck_build_every(b, 2, CK_UNIT_HOUR, &err), 0);
	t = ck_build_text(b, &err);
	cr_assert_str_eq(t, "0 */2 * * *");
	free(t);
	cr_assert_eq(ck_build_on(b, CK_FIELD_DOW, mon_fri, 2, &err), 0);
	cr_assert_eq(ck_build_during(b, CK_FIELD_HOUR, 9, 17, 2, &err), 0);
	t = ck_build_text(b, &err);
	cr_assert_str_eq(t, "0 9-17/2 * * 1,5");
	free(t);
	cr_assert_eq(ck_build_also_on(b, CK_FIELD_DOW, sun, 1, &err), 0);
	cr_assert_eq(ck_build_also_on(b, CK_FIELD_HOUR, h22, 1, &err), 0);
	e = ck_build_expr(b, CK_DIALECT_DEBIAN, &err);
	cr_assert_not_null(e, "%s", err.msg);
	cr_assert(ck_expr_has(e, CK_FIELD_DOW, 0));
	cr_assert(ck_expr_has(e, CK_FIELD_HOUR, 22));
	cr_assert(!ck_expr_has(e, CK_FIELD_HOUR, 10));
	ck_expr_free(e);
	ck_build_clear(b, CK_FIELD_HOUR);
	ck_build_clear(b, CK_FIELD_DOW);
	t = ck_build_text(b, &err);
	cr_assert_str_eq(t, "0 * * * *");
	free(t);
	/* every_reboot */
	ck_build_keyword(b, CK_KW_REBOOT);
	t = ck_build_text(b, &err);
	cr_assert_str_eq(t, "@reboot");
	free(t);
	e = ck_build_expr(b, CK_DIALECT_DEBIAN, &err);
	cr_assert(ck_expr_is_reboot(e));
	ck_expr_free(e);
	/* Errors leave the builder as it was. */
	cr_assert_eq(ck_build_every(b, 60, CK_UNIT_MINUTE, &err), -1);
	assert_err(&err, CK_ERANGE, 0, 0);
	cr_assert_eq(ck_build_setall(b, "0 0 * * 8", 9, CK_DIALECT_DEBIAN,
	    &err), -1);
	assert_err(&err, CK_ESYNTAX, 1, 9);
	t = ck_build_text(b, &err);
	cr_assert_str_eq(t, "@reboot");
	free(t);
	ck_build_free(b);
}

Test(api, enable_and_disable)
{
	ck_tab *tab = parse("# cronkeep: a\n0 * * * * a\n", 0);
	ck_error err;
	bool changed;

	cr_assert_eq(ck_tab_set_enabled(tab, "a", 1, false, &changed, &err),
	    0);
	cr_assert(changed);
	assert_text(tab, "# cronkeep: a\n#0 * * * * a\n");
	cr_assert(!ck_job_enabled(ck_tab_job(tab, 0)));
	cr_assert_eq(ck_tab_set_enabled(tab, "a", 1, false, &changed, &err),
	    0);
	cr_assert(!changed);
	cr_assert_eq(ck_tab_set_enabled(tab, "a", 1, true, &changed, &err), 0);
	cr_assert(changed);
	assert_text(tab, "# cronkeep: a\n0 * * * * a\n");
	cr_assert_eq(ck_tab_set_enabled(tab, "b", 1, true, &changed, &err),
	    -1);
	assert_err(&err, CK_ENOTFOUND, 0, 0);
	ck_tab_free(tab);
}

/* ---- finding and removing ---- */

static const char findtab[] =
    "MAILTO=ops\n"
    "# cronkeep: web-backup\n"
    "30 9 * * 1-5 root /bin/backup web\n"
    "0 * * * * www /usr/bin/php cron.php # hourly tick\n"
    "@hourly root /bin/rotate\n"
    "# cronkeep: off\n"
    "#*/15 * * * * root /bin/backup db\n"
    "@reboot root /bin/warm\n";

Test(api, find_by_command_comment_id_user)
{
	ck_tab *tab = parse(findtab, CK_PARSE_SYSTEM);
	ck_match m = CK_MATCH_INIT;
	ck_error err;
	size_t *v, n;

	assert_match(tab, &m, "0,1,2,3,4");
	m.command_re = "^/bin/backup";
	assert_match(tab, &m, "0,3");
	m.command_re = NULL;
	m.comment_re = "hourly";
	assert_match(tab, &m, "1");
	m.comment_re = "backup";
	assert_match(tab, &m, "0");
	m.comment_re = NULL;
	m.id = "off";
	m.id_len = 3;
	assert_match(tab, &m, "3");
	m.id = NULL;
	m.user = "root";
	m.user_len = 4;
	assert_match(tab, &m, "0,2,3,4");
	m.user = "www";
	m.user_len = 3;
	m.command_re = "php";
	assert_match(tab, &m, "1");

	m = (ck_match)CK_MATCH_INIT;
	m.command_re = "(";
	cr_assert_eq(ck_tab_match(tab, &m, &v, &n, &err), -1);
	assert_err(&err, CK_EINVAL, 0, 0);
	ck_tab_free(tab);

	tab = parse("0 * * * * x\n", 0);
	m = (ck_match)CK_MATCH_INIT;
	m.user = "root";
	m.user_len = 4;
	cr_assert_eq(ck_tab_match(tab, &m, &v, &n, &err), -1);
	assert_err(&err, CK_EINVAL, 0, 0);
	ck_tab_free(tab);
}

Test(api, find_by_time_and_schedule)
{
	ck_tab *tab = parse(findtab, CK_PARSE_SYSTEM);
	ck_match m = CK_MATCH_INIT;
	const ck_tz *utc = ck_tz_utc();
	struct tm tm;
	ck_expr *e;
	ck_error err;
	size_t *v, n;

	/* Monday 2025-11-24 09:30 UTC. */
	cr_assert_eq(ck_tz_localtime(utc, 1763976600, &tm, NULL, NULL, &err),
	    0);
	cr_assert_eq(tm.tm_wday, 1);
	cr_assert_eq(tm.tm_hour, 9);
	m.at = &tm;
	assert_match(tab, &m, "0");
	/* Sunday 2025-11-23 10:00: the hourly ones; disabled jobs never. */
	cr_assert_eq(ck_tz_localtime(utc, 1763892000, &tm, NULL, NULL, &err),
	    0);
	assert_match(tab, &m, "1,2");
	cr_assert_eq(ck_tab_set_enabled(tab, "off", 3, true, NULL, &err), 0);
	assert_match(tab, &m, "1,2,3");
	tm.tm_min = 60;
	cr_assert_eq(ck_tab_match(tab, &m, &v, &n, &err), -1);
	assert_err(&err, CK_EINVAL, 0, 0);

	/* find_time: same minutes, any spelling. */
	m.at = NULL;
	e = expr("0 */1 * * *");
	m.schedule = e;
	assert_match(tab, &m, "1,2");
	ck_expr_free(e);
	e = expr("@reboot");
	m.schedule = e;
	assert_match(tab, &m, "4");
	ck_expr_free(e);
	e = expr("30 9 * * mon,tue,wed,thu,fri");
	m.schedule = e;
	m.command_re = "web$";
	assert_match(tab, &m, "0");
	ck_expr_free(e);
	ck_tab_free(tab);
}

Test(api, remove_and_remove_all)
{
	ck_tab *tab = parse(findtab, CK_PARSE_SYSTEM);
	ck_match m = CK_MATCH_INIT;
	size_t one = 1, removed;
	ck_error err;

	/* remove(job) */
	cr_assert_eq(ck_tab_remove_jobs(tab, &one, 1, &err), 0);
	cr_assert_eq(ck_tab_job_count(tab), 4);
	/* remove_all(command=...): jobs and their markers go. */
	m.command_re = "backup";
	cr_assert_eq(ck_tab_remove_match(tab, &m, &removed, &err), 0);
	cr_assert_eq(removed, 2);
	assert_text(tab, "MAILTO=ops\n@hourly root /bin/rotate\n"
	    "@reboot root /bin/warm\n");
	/* Nothing matches: nothing changes. */
	cr_assert_eq(ck_tab_remove_match(tab, &m, &removed, &err), 0);
	cr_assert_eq(removed, 0);
	/* remove_all(): every job; assignments and comments stay. */
	m.command_re = NULL;
	cr_assert_eq(ck_tab_remove_match(tab, &m, &removed, &err), 0);
	cr_assert_eq(removed, 2);
	assert_text(tab, "MAILTO=ops\n");
	cr_assert_eq(ck_tab_job_count(tab), 0);
	/* Errors leave the tab alone. */
	m.comment_re = "[";
	cr_assert_eq(ck_tab_remove_match(tab, &m, &removed, &err), -1);
	assert_err(&err, CK_EINVAL, 0, 0);
	cr_assert_eq(ck_tab_remove_jobs(tab, &one, 1, &err), -1);
	assert_err(&err, CK_EINVAL, 0, 0);
	ck_tab_free(tab);
}

/* ---- environment ---- */

static void
assert_env(const ck_env *env, const char *want)
{
	char got[512] = "";
	const ck_env_pair *p;
	size_t i;

	for (i = 0; i < ck_env_count(env); i++) {
		p = ck_env_at(env, i);
		cr_assert_eq(strlen(p->name), p->name_len);
		cr_assert_eq(strlen(p->value), p->value_len);
		snprintf(got + strlen(got), sizeof(got) - strlen(got),
		    "%s%s=%s", i ? ";" : "", p->name, p->value);
	}
	cr_assert_null(ck_env_at(env, i));
	cr_assert_str_eq(got, want);
}

Test(api, crontab_and_job_environment)
{
	ck_tab *tab = parse("MAILTO=a@x\nPATH = \"/bin:/usr/bin\"\n"
	    "0 * * * * A=1 B='x y' C=\"q\\\"\" D=50\\% E=$HOME cmd\n"
	    "MAILTO=b@x\n"
	    "5 * * * * ONLY=assignment\n", 0);
	ck_env *env;
	ck_error err;
	const char *v;
	size_t vlen;

	env = ck_tab_env(tab, ck_tab_line_count(tab), &err);
	cr_assert_not_null(env);
	assert_env(env, "MAILTO=b@x;PATH=/bin:/usr/bin");
	v = ck_env_get(env, "PATH", 4, &vlen);
	cr_assert_str_eq(v, "/bin:/usr/bin");
	cr_assert_eq(vlen, 13);
	cr_assert_null(ck_env_get(env, "HOME", 4, NULL));
	ck_env_free(env);
	env = ck_tab_env(tab, 0, &err);
	assert_env(env, "");
	ck_env_free(env);

	env = ck_job_env(tab, ck_tab_job(tab, 0), CK_ENV_CRONTAB, &err);
	assert_env(env, "MAILTO=a@x;PATH=/bin:/usr/bin");
	ck_env_free(env);
	/* The job's own prefix: literal words only ($HOME ends it). */
	env = ck_job_env(tab, ck_tab_job(tab, 0), CK_ENV_JOB, &err);
	assert_env(env, "A=1;B=x y;C=q\";D=50%");
	ck_env_free(env);
	env = ck_job_env(tab, ck_tab_job(tab, 1), CK_ENV_CRONTAB | CK_ENV_JOB,
	    &err);
	assert_env(env, "MAILTO=b@x;PATH=/bin:/usr/bin");
	ck_env_free(env);
	cr_assert_null(ck_job_env(tab, ck_tab_job(tab, 0), 0, &err));
	assert_err(&err, CK_EINVAL, 0, 0);
	cr_assert_null(ck_job_env(tab, ck_tab_job(tab, 0), 0x10, &err));
	assert_err(&err, CK_EINVAL, 0, 0);
	ck_tab_free(tab);
}

Test(api, job_environment_round_trips_through_set)
{
	static const ck_env_pair pairs[] = {
		{ "GREETING", 8, "it's 50% off", 12 },
		{ "N", 1, "2", 1 },
	};
	ck_tab *tab = parse("", 0);
	ck_job_spec s = CK_JOB_SPEC_INIT;
	ck_env *env;
	ck_error err;

	s.id = "g";
	s.id_len = 1;
	s.schedule = "@daily";
	s.schedule_len = 6;
	s.command = "echo \"$GREETING\"";
	s.command_len = strlen(s.command);
	s.env = pairs;
	s.nenv = 2;
	cr_assert_eq(ck_tab_set(tab, &s, NULL, NULL, &err), 0, "%s", err.msg);
	env = ck_job_env(tab, ck_tab_job(tab, 0), CK_ENV_JOB, &err);
	cr_assert_not_null(env);
	assert_env(env, "GREETING=it's 50% off;N=2");
	ck_env_free(env);
	ck_tab_free(tab);
}

Test(api, crontab_setenv_and_unsetenv)
{
	ck_tab *tab = parse("# my jobs\nMAILTO=a\n# cronkeep: j\n"
	    "0 * * * * j\nMAILTO=b\n1 * * * * k\n", 0);
	ck_env *env;
	ck_error err;
	size_t removed;
	bool changed;

	/* The first assignment is above the jobs: rewrite each in place. */
	cr_assert_eq(ck_tab_setenv(tab, "MAILTO", 6, "ops@x", 5, &changed,
	    &err), 0, "%s", err.msg);
	cr_assert(changed);
	assert_text(tab, "# my jobs\nMAILTO=ops@x\n# cronkeep: j\n"
	    "0 * * * * j\nMAILTO=ops@x\n1 * * * * k\n");
	cr_assert_eq(ck_tab_setenv(tab, "MAILTO", 6, "ops@x", 5, &changed,
	    &err), 0);
	cr_assert(!changed);
	/* A new variable goes just above the first job's marker. */
	cr_assert_eq(ck_tab_setenv(tab, "PATH", 4, " /bin ", 6, &changed,
	    &err), 0);
	cr_assert(changed);
	cr_assert_eq(ck_tab_setenv(tab, "EMPTY", 5, "", 0, &changed, &err),
	    0);
	assert_text(tab, "# my jobs\nMAILTO=ops@x\nPATH=\" /bin \"\n"
	    "EMPTY=\"\"\n# cronkeep: j\n0 * * * * j\nMAILTO=ops@x\n"
	    "1 * * * * k\n");
	env = ck_job_env(tab, ck_tab_job(tab, 1), CK_ENV_CRONTAB, &err);
	assert_env(env, "MAILTO=ops@x;PATH= /bin ;EMPTY=");
	ck_env_free(env);

	cr_assert_eq(ck_tab_unsetenv(tab, "MAILTO", 6, &removed, &err), 0);
	cr_assert_eq(removed, 2);
	cr_assert_eq(ck_tab_unsetenv(tab, "NOPE", 4, &removed, &err), 0);
	cr_assert_eq(removed, 0);
	assert_text(tab, "# my jobs\nPATH=\" /bin \"\nEMPTY=\"\"\n"
	    "# cronkeep: j\n0 * * * * j\n1 * * * * k\n");

	/* Refusals leave the tab as it was. */
	cr_assert_eq(ck_tab_setenv(tab, "1X", 2, "v", 1, NULL, &err), -1);
	assert_err(&err, CK_EINVAL, 0, 0);
	cr_assert_eq(ck_tab_setenv(tab, "X", 1, "a\nb=1", 5, NULL, &err), -1);
	assert_err(&err, CK_EINVAL, 0, 2);
	cr_assert_eq(ck_tab_setenv(tab, "X", 1, " '\" ", 4, NULL, &err), -1);
	assert_err(&err, CK_EINVAL, 0, 0);
	assert_text(tab, "# my jobs\nPATH=\" /bin \"\nEMPTY=\"\"\n"
	    "# cronkeep: j\n0 * * * * j\n1 * * * * k\n");
	ck_tab_free(tab);

	/* Without jobs the assignment goes at the end, ending the last line. */
	tab = parse("# only a comment", 0);
	cr_assert_eq(ck_tab_setenv(tab, "TZ", 2, "UTC", 3, NULL, &err), 0);
	assert_text(tab, "# only a comment\nTZ=UTC\n");
	ck_tab_free(tab);
	/* A later first assignment: a new one above the jobs. */
	tab = parse("0 * * * * j\r\nHOME=/x\r\n", 0);
	cr_assert_eq(ck_tab_setenv(tab, "HOME", 4, "/y", 2, NULL, &err), 0);
	assert_text(tab, "HOME=/y\r\n0 * * * * j\r\nHOME=/y\r\n");
	ck_tab_free(tab);
}

/* ---- stores: files and users ---- */

Test(api, write_to_file_and_to_another_file)
{
	ck_store_opts o = CK_STORE_OPTS_INIT;
	ck_job_spec s = CK_JOB_SPEC_INIT;
	ck_store *st, *other;
	ck_tab *tab;
	ck_error err;
	char *text;

	o.flags = CK_STORE_CREATE;
	st = ck_store_open_file(path_of("tab"), &o, &err);
	cr_assert_not_null(st, "%s", err.msg);
	tab = ck_store_read_tab(st, CK_DIALECT_DEBIAN, 0, &err);
	cr_assert_not_null(tab, "%s", err.msg);
	cr_assert(ck_store_was_absent(st));
	cr_assert_eq(ck_tab_line_count(tab), 0);
	s.id = "a";
	s.id_len = 1;
	s.schedule = "@daily";
	s.schedule_len = 6;
	s.command = "true";
	s.command_len = 4;
	cr_assert_eq(ck_tab_set(tab, &s, NULL, NULL, &err), 0);
	cr_assert_eq(ck_store_write_tab(st, tab, &err), 0, "%s", err.msg);
	text = slurp(path_of("tab"));
	cr_assert_str_eq(text, "# cronkeep: a\n@daily true\n");
	free(text);

	/* write(filename): another file, written without reading it. */
	other = ck_store_open_file(path_of("copy"), NULL, &err);
	cr_assert_not_null(other);
	put(path_of("copy"), "old contents\n", 0600);
	cr_assert_eq(ck_store_write_tab(other, tab, &err), 0, "%s", err.msg);
	text = slurp(path_of("copy"));
	cr_assert_str_eq(text, "# cronkeep: a\n@daily true\n");
	free(text);
	ck_store_free(other);

	/* Someone changed it since the read: a conflict, nothing written. */
	ck_tab_free(tab);
	tab = ck_store_read_tab(st, CK_DIALECT_DEBIAN, 0, &err);
	cr_assert_not_null(tab);
	put(path_of("tab"), "# someone else\n", 0644);
	cr_assert_eq(ck_store_write_tab(st, tab, &err), -1);
	assert_err(&err, CK_ECONFLICT, 0, 0);
	text = slurp(path_of("tab"));
	cr_assert_str_eq(text, "# someone else\n");
	free(text);
	ck_tab_free(tab);
	ck_store_free(st);

	/* A file that does not parse: the position of the bad text. */
	put(path_of("bad"), "# ok\n0 0 * * * ok\n0 0 * 13 * bad\n", 0644);
	st = ck_store_open_file(path_of("bad"), NULL, &err);
	cr_assert_null(ck_store_read_tab(st, CK_DIALECT_DEBIAN, 0, &err));
	assert_err(&err, CK_ESYNTAX, 3, 7);
	tab = ck_store_read_tab(st, CK_DIALECT_DEBIAN, CK_PARSE_LENIENT,
	    &err);
	cr_assert_not_null(tab);
	cr_assert_eq(ck_tab_line_kind(tab, 2), CK_LINE_INVALID);
	ck_tab_free(tab);
	ck_store_free(st);
	st = ck_store_open_file(path_of("missing"), NULL, &err);
	cr_assert_null(ck_store_read_tab(st, CK_DIALECT_DEBIAN, 0, &err));
	assert_err(&err, CK_ENOTFOUND, 0, 0);
	ck_store_free(st);
}

/*
 * A crontab(1) stand-in keeping one file per user in the test directory:
 * "-u USER -l" prints it (or says "no crontab for USER"), "-u USER FILE"
 * installs FILE.
 */
static char *
fake_crontab(void)
{
	char *prog = path_of("crontab");
	char text[1024];

	snprintf(text, sizeof(text),
	    "#!/bin/sh\n"
	    "[ \"$1\" = -u ] || { echo 'need -u' >&2; exit 2; }\n"
	    "f='%s/spool.'\"$2\"\n"
	    "if [ \"$3\" = -l ]; then\n"
	    "  [ -f \"$f\" ] || { echo \"no crontab for $2\" >&2; exit 1; }\n"
	    "  exec cat \"$f\"\n"
	    "fi\n"
	    "exec cp \"$3\" \"$f\"\n", dir);
	put(prog, text, 0755);
	return prog;
}

Test(api, user_crontab_and_write_to_another_user)
{
	ck_store_opts o = CK_STORE_OPTS_INIT;
	ck_job_spec s = CK_JOB_SPEC_INIT;
	ck_store *alice, *bob;
	ck_tab *tab;
	ck_error err;
	char *text;

	o.crontab = fake_crontab();
	o.tmpdir = dir;
	alice = ck_store_open_user("alice", &o, &err);
	cr_assert_not_null(alice, "%s", err.msg);
	tab = ck_store_read_tab(alice, CK_DIALECT_DEBIAN, 0, &err);
	cr_assert_not_null(tab, "%s", err.msg);
	cr_assert(ck_store_was_absent(alice));
	s.id = "mail";
	s.id_len = 4;
	s.schedule = "*/10 * * * *";
	s.schedule_len = strlen(s.schedule);
	s.command = "fetchmail -s";
	s.command_len = strlen(s.command);
	cr_assert_eq(ck_tab_set(tab, &s, NULL, NULL, &err), 0);
	cr_assert_eq(ck_store_write_tab(alice, tab, &err), 0, "%s", err.msg);
	text = slurp(path_of("spool.alice"));
	cr_assert_str_eq(text, "# cronkeep: mail\n*/10 * * * * fetchmail -s\n");
	free(text);

	/* write_to_user("bob") */
	bob = ck_store_open_user("bob", &o, &err);
	cr_assert_eq(ck_store_write_tab(bob, tab, &err), 0, "%s", err.msg);
	text = slurp(path_of("spool.bob"));
	cr_assert_str_eq(text, "# cronkeep: mail\n*/10 * * * * fetchmail -s\n");
	free(text);
	ck_tab_free(tab);
	/* Bob's crontab reads back as the same document. */
	tab = ck_store_read_tab(bob, CK_DIALECT_DEBIAN, 0, &err);
	cr_assert_not_null(tab);
	cr_assert(!ck_store_was_absent(bob));
	cr_assert_not_null(ck_tab_find_id(tab, "mail", 4));
	ck_tab_free(tab);
	ck_store_free(bob);
	ck_store_free(alice);

	/* No -u: the stand-in fails, and that is an error, not empty. */
	alice = ck_store_open_user(NULL, &o, &err);
	cr_assert_null(ck_store_read_tab(alice, CK_DIALECT_DEBIAN, 0, &err));
	assert_err(&err, CK_ECHILD, 0, 0);
	cr_assert(strstr(err.msg, "need -u") != NULL, "%s", err.msg);
	ck_store_free(alice);
}

Test(api, system_set_lists_every_crontab)
{
	ck_store_opts o = CK_STORE_OPTS_INIT;
	const ck_store_entry *e;
	ck_store_list *l;
	ck_store *st;
	ck_tab *tab;
	ck_error err;
	size_t i, jobs = 0;
	char p[600];

	snprintf(p, sizeof(p), "%s/etc", dir);
	cr_assert_eq(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/etc/cron.d", dir);
	cr_assert_eq(mkdir(p, 0755), 0);
	put(path_of("etc/crontab"), "17 * * * * root run-parts x\n", 0644);
	put(path_of("etc/cron.d/php"), "09,39 * * * * root clean\n"
	    "@reboot root warm\n", 0644);
	l = ck_store_list_host(dir, CK_DIALECT_DEBIAN, CK_LIST_SYSTEM, &err);
	cr_assert_not_null(l, "%s", err.msg);
	cr_assert_eq(ck_store_list_count(l), 2);
	o.flags = CK_STORE_SYSTEM;
	for (i = 0; i < ck_store_list_count(l); i++) {
		e = ck_store_list_at(l, i);
		cr_assert(e->system);
		st = ck_store_open_file(e->path, &o, &err);
		tab = ck_store_read_tab(st, CK_DIALECT_DEBIAN, 0, &err);
		cr_assert_not_null(tab, "%s: %s", e->path, err.msg);
		cr_assert(ck_tab_is_system(tab));
		jobs += ck_tab_job_count(tab);
		cr_assert_not_null(ck_job_user(ck_tab_job(tab, 0), NULL));
		ck_tab_free(tab);
		ck_store_free(st);
	}
	cr_assert_eq(jobs, 3);
	ck_store_list_free(l);
}

/* ---- times ---- */

Test(api, frequency)
{
	ck_expr *e = expr("0 */2 * * *");
	ck_freq f;
	ck_error err;

	cr_assert_eq(ck_expr_frequency(e, 2024, &f, &err), 0);
	cr_assert_eq(f.per_year, 12ull * 366);
	cr_assert_eq(f.per_day, 12);
	cr_assert_eq(f.days, 366);
	cr_assert_eq(f.per_month[1], 12ull * 29);
	ck_expr_free(e);
	e = expr("0 0 29 2 *");
	cr_assert_eq(ck_expr_frequency(e, 2025, &f, &err), 0);
	cr_assert_eq(f.per_year, 0);
	ck_expr_free(e);
}

Test(api, iterates_next_and_prev)
{
	ck_expr *e = expr("30 9 * * 1-5");
	ck_tz *tz;
	ck_iter *it;
	ck_error err;
	time_t t, want[4], start;
	unsigned int how;
	struct tm tm;
	int i;

	tz = ck_tz_load("Europe/Berlin", NULL, &err);
	cr_assert_not_null(tz, "%s", err.msg);
	/* Friday 2025-10-24 12:00 Berlin (CEST, +2). */
	start = 1761300000;
	it = ck_expr_iter(e, tz, start, CK_DST_VIXIE, &err);
	cr_assert_not_null(it);
	cr_assert_eq(ck_iter_cursor(it), start);
	cr_assert_eq(ck_expr_next_n(e, tz, start, CK_DST_VIXIE, 4, want, NULL,
	    &err), 0);
	for (i = 0; i < 4; i++) {
		cr_assert_eq(ck_iter_next(it, &t, &how, &err), 0);
		cr_assert_eq(t, want[i]);
		cr_assert_eq(how, 0);
		cr_assert_eq(ck_tz_localtime(tz, t, &tm, NULL, NULL, &err), 0);
		cr_assert_eq(tm.tm_hour, 9);
		cr_assert_eq(tm.tm_min, 30);
		cr_assert(tm.tm_wday >= 1 && tm.tm_wday <= 5);
	}
	/* Monday 27th, after the change to CET: 08:30 UTC. */
	cr_assert_eq(want[0], 1761553800);
	/* Back again: the same times in reverse, then Friday the 24th. */
	for (i = 2; i >= 0; i--) {
		cr_assert_eq(ck_iter_prev(it, &t, NULL, &err), 0);
		cr_assert_eq(t, want[i]);
	}
	cr_assert_eq(ck_iter_prev(it, &t, NULL, &err), 0);
	cr_assert_eq(t, 1761291000);
	cr_assert_eq(ck_iter_cursor(it), t);
	ck_iter_free(it);
	ck_expr_free(e);

	/* A schedule that never fires: an error, and the cursor stays. */
	e = expr("@reboot");
	it = ck_expr_iter(e, NULL, start, CK_DST_VIXIE, &err);
	ck_expr_free(e);	/* the iterator keeps its own copy */
	cr_assert_eq(ck_iter_next(it, &t, NULL, &err), -1);
	assert_err(&err, CK_ENEVER, 0, 0);
	cr_assert_eq(ck_iter_prev(it, &t, NULL, &err), -1);
	assert_err(&err, CK_ENEVER, 0, 0);
	cr_assert_eq(ck_iter_cursor(it), start);
	ck_iter_free(it);
	ck_iter_free(NULL);
	ck_tz_free(tz);
}

Test(api, describes_a_job)
{
	ck_tab *tab = parse("30 9 * * 1-5 cmd\n", 0);
	ck_error err;
	char *d;

	d = ck_expr_describe(ck_job_expr(ck_tab_job(tab, 0)),
	    CK_DESCRIBE_SENTENCE, &err);
	cr_assert_not_null(d, "%s", err.msg);
	cr_assert(strstr(d, "09:30") != NULL, "%s", d);
	cr_assert(strstr(d, "Monday") != NULL || strstr(d, "weekday") != NULL,
	    "%s", d);
	cr_assert_eq(d[strlen(d) - 1], '.');
	free(d);
	ck_tab_free(tab);
}

/* ---- running, and cron's log ---- */

Test(api, runs_a_harmless_job)
{
	ck_tab *tab = parse("GREETING=hello\n"
	    "* * * * * N=2 sh -c 'echo \"$GREETING $N $LOGNAME\"; cat'"
	    "%in1%in2\n", 0);
	struct ck_run_opts o = CK_RUN_OPTS_INIT;
	struct ck_run_result res;
	ck_error err;

	o.user = "ckuser";
	o.home = dir;
	o.timeout_ms = 20000;
	cr_assert_eq(ck_job_run(tab, ck_tab_job(tab, 0), &o, &res, &err), 0,
	    "%s", err.msg);
	cr_assert_eq(res.exit_status, 0);
	cr_assert_eq(res.signal, 0);
	cr_assert(!res.timed_out);
	cr_assert_str_eq(res.output, "hello 2 ckuser\nin1\nin2\n");
	ck_run_result_clear(&res);
	/* Without a user the plan cannot be made. */
	o.user = NULL;
	cr_assert_eq(ck_job_run(tab, ck_tab_job(tab, 0), &o, &res, &err), -1);
	assert_err(&err, CK_EINVAL, 0, 0);
	ck_tab_free(tab);
}

Test(api, finds_a_jobs_runs_in_crons_log)
{
	ck_tab *tab = parse("* * * * * a\\\\b \\%c d%input\n"
	    "0 * * * * other\n", 0);
	struct ck_log_run *runs;
	const ck_log_entry *e;
	const char *cmd;
	ck_error err;
	ck_log *log;
	char *text;
	size_t len, n, i, hits = 0, other = 0;

	text = slurp(CK_TEST_DATA "/logs/syslog-debian");
	/* The file's year: 2025 ends in it, 2026 begins. */
	log = ck_log_parse(text, strlen(text), 1767261600, &err);
	cr_assert_not_null(log, "%s", err.msg);
	cr_assert_eq(ck_log_runs(log, &runs, &n, &err), 0);
	for (i = 0; i < n; i++) {
		e = ck_log_at(log, runs[i].cmd);
		cr_assert_eq(e->event, CK_LOG_CMD);
		cmd = ck_job_command(ck_tab_job(tab, 0), &len);
		if (ck_log_entry_matches(e, cmd, len, CK_DIALECT_DEBIAN)) {
			hits++;
			cr_assert_eq(e->user_len, 6);
			cr_assert_eq(memcmp(e->user, "ck-exp", 6), 0);
			cr_assert_neq(runs[i].end, CK_LOG_NONE);
		}
		cmd = ck_job_command(ck_tab_job(tab, 1), &len);
		if (ck_log_entry_matches(e, cmd, len, CK_DIALECT_DEBIAN))
			other++;
	}
	cr_assert_geq(hits, 2);
	cr_assert_eq(other, 0);
	ck_log_runs_free(runs, n);
	ck_log_free(log);
	free(text);
	ck_tab_free(tab);
}

/* ---- options structs that carry their size ---- */

Test(api, options_struct_without_size_is_refused)
{
	struct ck_lint_opts lo;
	ck_store_opts so;
	ck_diag_list *l;
	ck_error err;
	ck_tab *t;

	cr_assert_not_null(t = ck_tab_parse("0 * * * * x\n", 12,
	    CK_DIALECT_DEBIAN, 0, &err));
	memset(&lo, 0, sizeof(lo));
	cr_assert_eq(ck_lint(t, &lo, &l, &err), -1);
	cr_assert_eq(err.code, CK_EINVAL);
	cr_assert(strstr(err.msg, "_INIT") != NULL, "%s", err.msg);
	memset(&so, 0, sizeof(so));
	cr_assert_null(ck_store_open_file("/nonexistent", &so, &err));
	cr_assert_eq(err.code, CK_EINVAL);
	ck_tab_free(t);
}

Test(api, options_struct_of_an_older_or_newer_header)
{
	/* A newer header's struct: ours plus one field. */
	struct newer {
		struct ck_lint_opts o;
		long added;
	} n;
	struct ck_lint_opts o = CK_LINT_OPTS_INIT;
	ck_diag_list *l;
	ck_error err;
	ck_tab *t;

	cr_assert_eq(o.size, sizeof(struct ck_lint_opts));
	cr_assert_not_null(t = ck_tab_parse("0 * * * * x\n", 12,
	    CK_DIALECT_DEBIAN, 0, &err));
	/* An older header's struct: shorter; the rest reads as zero. */
	o.size = offsetof(struct ck_lint_opts, year);
	o.year = 1999;	/* beyond the old size: not read */
	cr_assert_eq(ck_lint(t, &o, &l, &err), 0, "%s", err.msg);
	ck_diag_list_free(l);
	/* A newer one: accepted while the field we do not know is zero. */
	memset(&n, 0, sizeof(n));
	n.o.size = sizeof(n);
	cr_assert_eq(ck_lint(t, &n.o, &l, &err), 0, "%s", err.msg);
	ck_diag_list_free(l);
	n.added = 1;
	cr_assert_eq(ck_lint(t, &n.o, &l, &err), -1);
	cr_assert_eq(err.code, CK_EINVAL);
	ck_tab_free(t);
	cr_assert_geq(ck_version(), (unsigned long)CK_VERSION_NUMBER);
	cr_assert_eq(CK_VERSION_NUMBER >> 16, CK_VERSION_MAJOR);
}

/* ---- misuse: a job handle is checked against its tab ---- */

Test(api, job_of_another_tab_is_refused)
{
	struct ck_run_opts ro = CK_RUN_OPTS_INIT;
	struct ck_run_plan plan;
	const ck_job *ja;
	ck_error err;
	ck_tab *a, *b;
	char *cmd, *in;

	cr_assert_not_null(a = ck_tab_parse("0 * * * * a\n", 12,
	    CK_DIALECT_DEBIAN, 0, &err));
	cr_assert_not_null(b = ck_tab_parse("0 * * * * b\n1 * * * * c\n", 24,
	    CK_DIALECT_DEBIAN, 0, &err));
	ja = ck_tab_job(a, 0);
	ro.user = "alice";
	ro.home = "/home/alice";
	cr_assert_eq(ck_job_plan(b, ja, &ro, &plan, &err), -1);
	cr_assert_eq(err.code, CK_EINVAL);
	cr_assert(strstr(err.msg, "not one of this tab's jobs") != NULL,
	    "%s", err.msg);
	cr_assert_null(ck_export_job(b, ja, CK_EXPORT_SYSTEMD, NULL, &err));
	cr_assert_eq(err.code, CK_EINVAL);
	cr_assert_null(ck_job_env(b, ja, CK_ENV_JOB, &err));
	cr_assert_eq(err.code, CK_EINVAL);
	cr_assert_eq(ck_job_split(b, ja, &cmd, &in, &err), -1);
	cr_assert_eq(err.code, CK_EINVAL);
	/* Its own tab is fine. */
	cr_assert_eq(ck_job_plan(a, ja, &ro, &plan, &err), 0, "%s", err.msg);
	ck_run_plan_clear(&plan);
	ck_tab_free(a);
	ck_tab_free(b);
}

/* Make root/path (and its folders), a file or, with target, a link. */
static void
plant(const char *root, const char *path, const char *target)
{
	char buf[512], *p;

	snprintf(buf, sizeof(buf), "%s%s", root, path);
	for (p = buf + strlen(root) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		mkdir(buf, 0755);
		*p = '/';
	}
	if (target != NULL)
		cr_assert_eq(symlink(target, buf), 0, "%s", buf);
	else
		cr_assert_eq(mkdir(buf, 0755), 0, "%s", buf);
}

static ck_dialect
detect_in(const char *const *files, const char *crond_target)
{
	char root[] = "/tmp/ck-detect.XXXXXX";
	char *argv[] = { "rm", "-rf", root, NULL };
	ck_dialect d;
	pid_t pid;
	int st;

	cr_assert_not_null(mkdtemp(root));
	for (; *files != NULL; files++)
		plant(root, *files, NULL);
	if (crond_target != NULL)
		plant(root, "/usr/sbin/crond", crond_target);
	d = ck_dialect_detect(root);
	if ((pid = fork()) == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	return d;
}

/* Which cron a host image runs, from the programs and folders it has. */
Test(api, dialect_detect)
{
	const char *debian[] = { "/usr/sbin/cron", "/var/spool/cron/crontabs",
	    NULL };
	const char *openbsd[] = { "/usr/sbin/cron", "/var/cron/tabs", NULL };
	const char *cronie[] = { "/usr/sbin/crond", "/var/spool/cron", NULL };
	const char *alpine[] = { "/bin/busybox", "/var/spool/cron/crontabs",
	    NULL };
	const char *spool[] = { "/var/spool/cron/crontabs", NULL };
	const char *none[] = { NULL };

	cr_assert_eq(detect_in(debian, NULL), CK_DIALECT_DEBIAN);
	cr_assert_eq(detect_in(openbsd, NULL), CK_DIALECT_OPENBSD);
	cr_assert_eq(detect_in(cronie, NULL), CK_DIALECT_CRONIE);
	/* Alpine: crond is busybox's applet, a link to it. */
	cr_assert_eq(detect_in(alpine, "/bin/busybox"), CK_DIALECT_BUSYBOX);
	cr_assert_eq(detect_in(alpine, NULL), CK_DIALECT_BUSYBOX);
	cr_assert_eq(detect_in(none, "/usr/bin/cronie-crond"),
	    CK_DIALECT_CRONIE);
	cr_assert_eq(detect_in(spool, NULL), CK_DIALECT_DEBIAN);
	cr_assert_eq(detect_in(none, NULL), CK_DIALECT_DEBIAN);
}
