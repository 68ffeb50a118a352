/*
 * test_anacron.c - anacrontab documents: byte-exact round trips, the
 * lines anacron joins and skips, the jobs' fields, lint, edits by job
 * identifier, and when a job runs next under anacron's rules.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "cronkeep.h"

static ck_anacrontab *
parse(const char *s)
{
	ck_error err;
	ck_anacrontab *t = ck_anacrontab_parse(s, strlen(s), &err);

	cr_assert_not_null(t, "%s", err.msg);
	return t;
}

static char *
render(const ck_anacrontab *t)
{
	char *out;
	size_t n;

	cr_assert_eq(ck_anacrontab_format(t, &out, &n, NULL), 0);
	cr_assert_eq(strlen(out), n);
	return out;
}

static const char debian[] =
    "# /etc/anacrontab: configuration file for anacron\n"
    "\n"
    "SHELL=/bin/sh\n"
    "PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin\n"
    "HOME=/root\n"
    "LOGNAME=root\n"
    "\n"
    "# These replace cron's entries\n"
    "1\t5\tcron.daily\trun-parts --report /etc/cron.daily\n"
    "7\t10\tcron.weekly\trun-parts --report /etc/cron.weekly\n"
    "@monthly\t15\tcron.monthly\trun-parts --report /etc/cron.monthly\n";

Test(anacron, round_trip)
{
	static const char *const texts[] = {
		debian, "", "\n", "no newline", "1 5 a x\\\n y\r\n\\",
		"a\\\\\n\\\n\n\0x", "  \t\n#c\\\nstill comment\n",
	};
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		size_t len = i == 5 ? 9 : strlen(texts[i]);
		ck_anacrontab *t = ck_anacrontab_parse(texts[i], len, NULL);
		char *out;
		size_t n;

		cr_assert_not_null(t);
		cr_assert_eq(ck_anacrontab_format(t, &out, &n, NULL), 0);
		cr_assert_eq(n, len, "text %zu", i);
		cr_assert_eq(memcmp(out, texts[i], len), 0, "text %zu", i);
		free(out);
		ck_anacrontab_free(t);
	}
}

Test(anacron, jobs_and_settings)
{
	ck_anacrontab *t = parse(debian);
	const ck_anajob *j;
	struct ck_ana_settings s;
	const char *v;
	size_t n;

	cr_assert_eq(ck_anacrontab_job_count(t), 3);
	j = ck_anacrontab_job(t, 0);
	cr_assert_eq(j->named, CK_ANA_DAYS);
	cr_assert_eq(j->period_days, 1);
	cr_assert_eq(j->delay, 5);
	cr_assert_eq(j->lineno, 9);
	cr_assert(j->enabled);
	cr_assert_eq(j->id_len, 10);
	cr_assert_eq(memcmp(j->id, "cron.daily", 10), 0);
	cr_assert_eq(j->command_len, strlen("run-parts --report "
	    "/etc/cron.daily"));
	j = ck_anacrontab_find(t, "cron.monthly", 12);
	cr_assert_not_null(j);
	cr_assert_eq(j->named, CK_ANA_MONTHLY);
	cr_assert_eq(ck_anacrontab_line_kind(t, 2), CK_LINE_ENV);
	cr_assert_eq(ck_anacrontab_line_kind(t, 0), CK_LINE_COMMENT);
	cr_assert_eq(ck_anacrontab_line_kind(t, 1), CK_LINE_BLANK);
	v = ck_anacrontab_getenv(t, j->line, "HOME", &n);
	cr_assert_eq(n, 5);
	cr_assert_eq(memcmp(v, "/root", 5), 0);
	cr_assert_null(ck_anacrontab_getenv(t, 2, "SHELL", &n));
	ck_anacrontab_settings(t, &s);
	cr_assert_eq(s.hours_start, -1);
	ck_anacrontab_free(t);

	t = parse("START_HOURS_RANGE=3-22\nRANDOM_DELAY=45\n"
	    "1 5 a\\\n b c\n2 6 d e\n");
	ck_anacrontab_settings(t, &s);
	cr_assert_eq(s.hours_start, 3);
	cr_assert_eq(s.hours_stop, 22);
	cr_assert_eq(s.random_delay, 45);
	/* The continued line is one logical line; physical numbers. */
	cr_assert_eq(ck_anacrontab_line_count(t), 4);
	j = ck_anacrontab_job(t, 0);
	cr_assert_eq(j->lineno, 3);
	cr_assert_eq(j->command_len, 3);
	cr_assert_eq(memcmp(j->command, "b c", 3), 0);
	cr_assert_eq(ck_anacrontab_job(t, 1)->lineno, 5);
	ck_anacrontab_free(t);
}

/* Which physical lines have errors, as a string "1,3,". */
static void
error_lines(const char *text, char *out, size_t cap, unsigned int *rules)
{
	ck_anacrontab *t = parse(text);
	ck_diag_list *l;
	size_t i, n = 0;

	cr_assert_eq(ck_anacrontab_lint(t, &l, NULL), 0);
	out[0] = '\0';
	for (i = 0; i < ck_diag_count(l); i++) {
		const ck_diag *d = ck_diag_at(l, i);

		if (rules != NULL)
			rules[i] = d->rule;
		if (d->severity != CK_SEV_ERROR)
			continue;
		n += (size_t)snprintf(out + n, cap - n, "%u,", d->line);
	}
	if (rules != NULL)
		rules[i] = 0;
	ck_diag_list_free(l);
	ck_anacrontab_free(t);
}

Test(anacron, lint_errors_follow_anacron)
{
	char got[128];
	unsigned int rules[16];

	/* Each of these lines is one anacron skips, or one it accepts. */
	error_lines("@daily 5 a x\n@weekly 5 b x\n@annually 5 c x\n"
	    "@monthl 5 d x\n@yearlyx 5 e x\n", got, sizeof(got), rules);
	cr_assert_str_eq(got, "1,2,3,");
	cr_assert_eq(rules[0], 57);
	error_lines("1 5 a/b x\n1 2147483648 a x\n2147483647 0 a x\n"
	    "+1 5 a x\n1 5 a \n=b\nA =b\n\r\n1 5 a x\\\n\nfoo\n", got,
	    sizeof(got), rules);
	cr_assert_str_eq(got, "1,2,4,5,6,8,11,");
	cr_assert_eq(rules[0], 55);
	cr_assert_eq(rules[1], 56);
	cr_assert_eq(rules[2], 54);
	/* START_HOURS_RANGE and RANDOM_DELAY: warnings, anacron -T is quiet. */
	error_lines("START_HOURS_RANGE=3pm\nRANDOM_DELAY=x\n", got,
	    sizeof(got), rules);
	cr_assert_str_eq(got, "");
	cr_assert_eq(rules[0], 60);
	cr_assert_eq(rules[1], 60);
	cr_assert_eq(rules[2], 0);
}

Test(anacron, lint_warnings)
{
	char got[64];
	unsigned int rules[16];

	error_lines("START_HOURS_RANGE=3-4\n1 5 a x\n1 60 b x\n7 5 a y\n"
	    "0 1 c x\n", got, sizeof(got), rules);
	cr_assert_str_eq(got, "");
	cr_assert_eq(rules[0], 59);	/* line 3: 60 minutes >= 1 hour */
	cr_assert_eq(rules[1], 58);	/* line 4: "a" again */
	cr_assert_eq(rules[2], 57);	/* line 5: period 0 */
	cr_assert_eq(rules[3], 0);
}

Test(anacron, set_remove_switch)
{
	ck_anacrontab *t = parse(debian);
	ck_anajob_spec spec = { 0 };
	ck_set_result r;
	ck_error err;
	char *out, *exp;
	size_t n;
	bool changed;

	spec.id = "backup";
	spec.id_len = 6;
	spec.period_days = 3;
	spec.delay = 20;
	spec.command = "/usr/local/bin/backup";
	spec.command_len = strlen(spec.command);
	cr_assert_eq(ck_anacrontab_set(t, &spec, &r, &err), 0, "%s", err.msg);
	cr_assert_eq(r, CK_SET_CREATED);
	out = render(t);
	cr_assert_eq(asprintf(&exp, "%s3\t20\tbackup\t/usr/local/bin/backup\n",
	    debian) > 0, 1);
	cr_assert_str_eq(out, exp);
	free(out);
	cr_assert_eq(ck_anacrontab_set(t, &spec, &r, NULL), 0);
	cr_assert_eq(r, CK_SET_UNCHANGED);
	/* Update in place: the other lines keep their bytes. */
	spec.named = CK_ANA_MONTHLY;
	cr_assert_eq(ck_anacrontab_set(t, &spec, &r, NULL), 0);
	cr_assert_eq(r, CK_SET_UPDATED);
	out = render(t);
	cr_assert_not_null(strstr(out, "\n@monthly\t20\tbackup\t"));
	cr_assert_eq(strncmp(out, debian, strlen(debian)), 0);
	free(out);
	/* Disable, then enable. */
	cr_assert_eq(ck_anacrontab_set_enabled(t, "cron.weekly", 11, false,
	    &changed, NULL), 0);
	cr_assert(changed);
	out = render(t);
	cr_assert_not_null(strstr(out, "\n# cronkeep: cron.weekly\n#7\t10\t"
	    "cron.weekly\trun-parts --report /etc/cron.weekly\n"));
	free(out);
	cr_assert_not(ck_anacrontab_find(t, "cron.weekly", 11)->enabled);
	cr_assert_eq(ck_anacrontab_set_enabled(t, "cron.weekly", 11, false,
	    &changed, NULL), 0);
	cr_assert_not(changed);
	cr_assert_eq(ck_anacrontab_set_enabled(t, "cron.weekly", 11, true,
	    &changed, NULL), 0);
	cr_assert(changed);
	cr_assert(ck_anacrontab_find(t, "cron.weekly", 11)->enabled);
	/* Remove takes the marker along. */
	cr_assert_eq(ck_anacrontab_remove(t, "cron.weekly", 11, &n, NULL), 0);
	cr_assert_eq(n, 1);
	out = render(t);
	cr_assert_null(strstr(out, "cron.weekly"));
	free(out);
	cr_assert_eq(ck_anacrontab_set_enabled(t, "nope", 4, true, &changed,
	    &err), -1);
	cr_assert_eq(err.code, CK_ENOTFOUND);
	/* Values that would inject a line or be mangled are refused. */
	spec.command = "a\nb";
	spec.command_len = 3;
	cr_assert_eq(ck_anacrontab_set(t, &spec, &r, &err), -1);
	cr_assert_eq(err.code, CK_EINVAL);
	spec.command = "x";
	spec.command_len = 1;
	spec.id = "a/b";
	spec.id_len = 3;
	cr_assert_eq(ck_anacrontab_set(t, &spec, &r, &err), -1);
	free(exp);
	ck_anacrontab_free(t);
}

Test(anacron, set_adds_missing_newline)
{
	ck_anacrontab *t = parse("SHELL=/bin/sh");
	ck_anajob_spec spec = { 0 };
	ck_set_result r;
	char *out;

	spec.id = "j";
	spec.id_len = 1;
	spec.period_days = 1;
	spec.command = "true";
	spec.command_len = 4;
	cr_assert_eq(ck_anacrontab_set(t, &spec, &r, NULL), 0);
	out = render(t);
	cr_assert_str_eq(out, "SHELL=/bin/sh\n1\t0\tj\ttrue\n");
	free(out);
	ck_anacrontab_free(t);
}

Test(anacron, next_run)
{
	ck_anacrontab *t = parse("START_HOURS_RANGE=9-12\n"
	    "1 5 daily x\n7 10 weekly x\n@monthly 15 monthly x\n"
	    "@yearly 0 yearly x\n");
	ck_expr *start;
	ck_error err;
	time_t now = 1764669600;	/* 2025-12-02 10:00:00 UTC */
	time_t out;

	start = ck_expr_parse("30 7-23 * * *", 13, CK_DIALECT_DEBIAN, &err);
	cr_assert_not_null(start);
	/* Ran today: due tomorrow 00:00, anacron at 09:30, plus 5 min. */
	cr_assert_eq(ck_anajob_next(t, ck_anacrontab_job(t, 0), "20251202", 8,
	    start, NULL, now, &out, &err), 0, "%s", err.msg);
	cr_assert_eq(out, 1764669600 + 14 * 3600 + 9 * 3600 + 35 * 60);
	/* Never ran: due now; the next start is 10:30. */
	cr_assert_eq(ck_anajob_next(t, ck_anacrontab_job(t, 0), NULL, 0,
	    start, NULL, now, &out, NULL), 0);
	cr_assert_eq(out, now + 35 * 60);
	/* Weekly, ran 2025-11-20: overdue, 10:30 + 10 min. */
	cr_assert_eq(ck_anajob_next(t, ck_anacrontab_job(t, 1), "20251120\n",
	    9, start, NULL, now, &out, NULL), 0);
	cr_assert_eq(out, now + 40 * 60);
	/* Monthly, ran this month: 2026-01-01 09:30 + 15 min. */
	cr_assert_eq(ck_anajob_next(t, ck_anacrontab_job(t, 2), "20251201", 8,
	    start, NULL, now, &out, NULL), 0);
	cr_assert_eq(out, 1767225600 + 9 * 3600 + 45 * 60);
	/* Yearly: 2026-01-01 09:30. */
	cr_assert_eq(ck_anajob_next(t, ck_anacrontab_job(t, 3), "20250101", 8,
	    start, NULL, now, &out, NULL), 0);
	cr_assert_eq(out, 1767225600 + 9 * 3600 + 30 * 60);
	ck_expr_free(start);
	ck_anacrontab_free(t);

	/* A range anacron is never started in. */
	t = parse("START_HOURS_RANGE=1-3\n1 0 j x\n");
	start = ck_expr_parse("30 7-23 * * *", 13, CK_DIALECT_DEBIAN, NULL);
	cr_assert_eq(ck_anajob_next(t, ck_anacrontab_job(t, 0), NULL, 0,
	    start, NULL, now, &out, &err), -1);
	cr_assert_eq(err.code, CK_ENEVER);
	ck_expr_free(start);
	ck_anacrontab_free(t);
}
