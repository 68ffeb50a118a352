/* SPDX-License-Identifier: ISC */
/*
 * test_lint.c - every lint rule: a line that triggers it (asserting code,
 * line and column) and the same line fixed, which must not; then the
 * day/month arithmetic, portability, directives, secrets, file facts and
 * the rule table itself.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum optset { O_NONE = 0, O_USERS, O_ALSO_DEBIAN, O_ALSO_BUSYBOX,
	O_ALSO_OPENBSD, O_ALSO_CRONIE };

struct lcase {
	unsigned int	 rule;
	ck_dialect	 d;
	unsigned int	 flags;		/* CK_PARSE_SYSTEM */
	enum optset	 opt;
	char		 bad[96];
	unsigned int	 line, col;
	char		 good[96];	/* "" for none */
};

static const char *const users[] = { "root", "backup", "www-data" };

static void
opts_for(enum optset o, struct ck_lint_opts *lo)
{
	struct ck_lint_opts init = CK_LINT_OPTS_INIT;

	*lo = init;
	lo->year = 2026;
	switch (o) {
	case O_USERS:
		lo->users = users;
		lo->nusers = 3;
		break;
	case O_ALSO_DEBIAN:
		lo->also = CK_DIALECT_BIT(CK_DIALECT_DEBIAN);
		break;
	case O_ALSO_BUSYBOX:
		lo->also = CK_DIALECT_BIT(CK_DIALECT_BUSYBOX);
		break;
	case O_ALSO_OPENBSD:
		lo->also = CK_DIALECT_BIT(CK_DIALECT_OPENBSD);
		break;
	case O_ALSO_CRONIE:
		lo->also = CK_DIALECT_BIT(CK_DIALECT_CRONIE);
		break;
	case O_NONE:
		break;
	}
}

static ck_diag_list *
lint_len(const char *s, size_t len, ck_dialect d, unsigned int flags,
    const struct ck_lint_opts *o)
{
	ck_diag_list *out = NULL;
	ck_error err;
	ck_tab *t;

	t = ck_tab_parse(s, len, d, flags | CK_PARSE_LENIENT, &err);
	cr_assert_not_null(t, "parse: %s", err.msg);
	cr_assert_eq(ck_lint(t, o, &out, &err), 0, "lint: %s", err.msg);
	ck_tab_free(t);
	return out;
}

static ck_diag_list *
lint(const char *s, ck_dialect d, unsigned int flags,
    const struct ck_lint_opts *o)
{
	return lint_len(s, strlen(s), d, flags, o);
}

static const ck_diag *
find(const ck_diag_list *l, unsigned int rule)
{
	size_t i;

	for (i = 0; i < ck_diag_count(l); i++)
		if (ck_diag_at(l, i)->rule == rule)
			return ck_diag_at(l, i);
	return NULL;
}

static size_t __attribute__((unused))
count_rule(const ck_diag_list *l, unsigned int rule)
{
	size_t i, n = 0;

	for (i = 0; i < ck_diag_count(l); i++)
		if (ck_diag_at(l, i)->rule == rule)
			n++;
	return n;
}

static void
dump(const ck_diag_list *l)
{
	size_t i;

	for (i = 0; i < ck_diag_count(l); i++) {
		const ck_diag *d = ck_diag_at(l, i);

		cr_log_info("%u:%u %s %s", d->line, d->column, d->code,
		    d->message);
	}
}

#define D CK_DIALECT_DEBIAN
#define C CK_DIALECT_CRONIE
#define S CK_PARSE_SYSTEM

ParameterizedTestParameters(lint, each_rule)
{
	static struct lcase cases[] = {
	{ CK_R_MISSING_NEWLINE, D, 0, O_NONE, "0 * * * * x", 1, 12,
	    "0 * * * * x\n" },
	{ CK_R_CROWDED_MINUTE, D, 0, O_NONE, "0 0 * * * a\n0 0 * * * b\n"
	    "0 0 * * * c\n@daily d\n0 0 * * * e\n", 5, 1, "0 0 * * * a\n"
	    "1 0 * * * b\n2 0 * * * c\n@daily d\n3 0 * * * e\n" },
	{ CK_R_LINE_ERROR, D, 0, O_NONE, "# a\nBad comment\n", 2, 1,
	    "# a\n# Good comment\n" },
	{ CK_R_EMPTY_VALUE, D, 0, O_NONE, "MAILTO=\n", 1, 8,
	    "MAILTO=\"\"\n" },
	{ CK_R_SHELL_VAR, D, 0, O_NONE, "PATH=$PATH:/opt/bin\n", 1, 6,
	    "PATH=/usr/bin:/bin:/opt/bin\n" },
	{ CK_R_ENV_COMMENT, D, 0, O_NONE, "MAILTO=a@b.c # ops\n", 1, 14,
	    "MAILTO=a@b.c\n" },
	{ CK_R_BAD_KEYWORD, D, 0, O_NONE, "@fortnightly x\n", 1, 1,
	    "@weekly x\n" },
	{ CK_R_FIELD_SYNTAX, C, 0, O_NONE, "1--2 * * * * x\n", 1, 3,
	    "1-2 * * * * x\n" },
	{ CK_R_FIELD_RANGE, D, 0, O_NONE, "0 0 32 * * x\n", 1, 5,
	    "0 0 31 1 * x\n" },
	{ CK_R_REVERSED_RANGE, D, 0, O_NONE, "5-1 * * * * x\n", 1, 1,
	    "1-5 * * * * x\n" },
	{ CK_R_BAD_STEP, D, 0, O_NONE, "*/0 * * * * x\n", 1, 3,
	    "*/5 * * * * x\n" },
	{ CK_R_BAD_NAME, D, 0, O_NONE, "0 0 * * mon-fry x\n", 1, 13,
	    "0 0 * * mon-fri x\n" },
	{ CK_R_HOURS_NOT_MINUTES, D, 0, O_NONE, "* 3 * * * x\n", 1, 1,
	    "0 3 * * * x\n" },
	{ CK_R_BAD_USER, D, S, O_NONE, "0 * * * * r@@t x\n", 1, 12,
	    "0 * * * * root x\n" },
	{ CK_R_UNKNOWN_USER, D, S, O_USERS, "0 * * * * ro0t x\n", 1, 11,
	    "0 * * * * backup x\n" },
	{ CK_R_BARE_PERCENT, D, 0, O_NONE, "0 0 * * * date +%F\n", 1, 17,
	    "0 0 * * * date +\\%F\n" },
	{ CK_R_BAD_DIRECTIVE, D, 0, O_NONE,
	    "# cronkeep-lint: disable=CK999\n0 * * * * x\n", 1, 26,
	    "# cronkeep-lint: disable=CK016\n0 * * * * x\n" },
	{ CK_R_FIELD_COUNT, C, 0, O_NONE, "* * * * *\n", 1, 10,
	    "* * * * * x\n" },
	{ CK_R_SIX_FIELDS, D, 0, O_NONE, "* * * * * * x\n", 1, 11,
	    "* * * * * x\n" },
	{ CK_R_STEP_NO_RANGE, D, 0, O_NONE, "5/10 * * * * x\n", 1, 2,
	    "5-59/10 * * * * x\n" },
	{ CK_R_IGNORED_TEXT, D, 0, O_NONE, "*-5 * * * * x\n", 1, 2,
	    "0-5 * * * * x\n" },
	{ CK_R_KEYWORD_CASE, D, 0, O_NONE, "@Daily x\n", 1, 1,
	    "@daily x\n" },
	{ CK_R_FULL_NAME, D, 0, O_NONE, "0 0 * * monday x\n", 1, 9,
	    "0 0 * * mon x\n" },
	{ CK_R_NEVER_FIRES, D, 0, O_NONE, "0 0 30 2 * x\n", 1, 5,
	    "0 0 28 2 * x\n" },
	{ CK_R_SKIPS_MONTHS, D, 0, O_NONE, "0 0 31 * * x\n", 1, 5,
	    "0 0 1 * * x\n" },
	{ CK_R_DOM_OR_DOW, D, 0, O_NONE, "0 0 1 * 1 x\n", 1, 9,
	    "0 0 1 * * x\n" },
	{ CK_R_STAR_STEP_AND, D, 0, O_NONE, "0 0 */2 * 1 x\n", 1, 5,
	    "0 0 */2 * * x\n" },
	{ CK_R_EXPLICIT_FULL, D, 0, O_NONE, "0 0 1-31 * mon x\n", 1, 5,
	    "0 0 * * mon x\n" },
	{ CK_R_UNEVEN_STEP, D, 0, O_NONE, "*/7 * * * * x\n", 1, 1,
	    "*/5 * * * * x\n" },
	{ CK_R_STEP_TOO_BIG, D, 0, O_NONE, "0 0-10/20 * * * x\n", 1, 3,
	    "0 0-10/5 * * * x\n" },
	{ CK_R_DUPLICATE_VALUE, D, 0, O_NONE, "0 0 * * 0,7 x\n", 1, 11,
	    "0 0 * * 0,6 x\n" },
	{ CK_R_REVERSED_DOW, D, 0, O_NONE, "0 0 * * fri-sun x\n", 1, 9,
	    "0 0 * * 5-7 x\n" },
	{ CK_R_EVERY_MINUTE, D, 0, O_NONE, "* * * * * x\n", 1, 1,
	    "*/5 * * * * x\n" },
	{ CK_R_PERCENT_QUOTED, D, 0, O_NONE, "0 0 * * * date '+%F'\n", 1, 18,
	    "0 0 * * * date '+\\%F'\n" },
	{ CK_R_INLINE_COMMENT, D, 0, O_NONE, "0 0 * * * cmd # note\n", 1, 15,
	    "# note\n0 0 * * * cmd\n" },
	{ CK_R_CRLF, D, 0, O_NONE, "# a\n0 0 * * * x\r\n", 2, 12,
	    "# a\n0 0 * * * x\n" },
	{ CK_R_ENV_NAME, D, 0, O_NONE, "MY-VAR=1\n", 1, 1, "MY_VAR=1\n" },
	{ CK_R_TZ_VAR, D, 0, O_NONE, "TZ=UTC\n", 1, 1, "LANG=C\n" },
	{ CK_R_RANDOM_DELAY, C, 0, O_NONE, "RANDOM_DELAY=1h\n", 1, 14,
	    "RANDOM_DELAY=60\n" },
	{ CK_R_DST_WINDOW, D, 0, O_NONE, "30 2 * * * x\n", 1, 1,
	    "30 4 * * * x\n" },
	{ CK_R_MISSING_USER, D, S, O_NONE, "0 * * * * /usr/bin/foo\n", 1, 11,
	    "0 * * * * root /usr/bin/foo\n" },
	{ CK_R_USER_IN_USER_TAB, D, 0, O_NONE, "0 * * * * root cmd\n", 1, 11,
	    "0 * * * * cmd\n" },
	{ CK_R_UNSUPPORTED, C, 0, O_ALSO_DEBIAN, "0 * * * * -n cmd\n", 1, 11,
	    "0 * * * * cmd\n" },
	{ CK_R_DUPLICATE_JOB, D, 0, O_NONE, "0 * * * * a\n0 * * * * a\n", 2,
	    1, "0 * * * * a\n0 * * * * b\n" },
	{ CK_R_NO_MAILTO, D, 0, O_NONE, "0 * * * * a\n", 0, 0,
	    "MAILTO=x@y.z\n0 * * * * a\n" },
	{ CK_R_SECRET, D, 0, O_NONE, "0 0 * * * mysqldump -pS3cret db\n", 1,
	    21, "0 0 * * * mysqldump --defaults-file=/etc/b.cnf db\n" },
	{ CK_R_ROOT_JOB, D, S, O_NONE, "0 * * * * root x\n", 1, 11,
	    "0 * * * * backup x\n" },
	{ CK_R_NO_ID, D, 0, O_NONE, "0 * * * * x\n", 1, 1,
	    "# cronkeep: nightly\n0 * * * * x\n" },
	{ CK_R_EXTENSION, D, 0, O_NONE, "0 0 L * * x\n", 1, 5,
	    "0 0 28 * * x\n" },
	{ CK_R_RANDOM, C, 0, O_ALSO_DEBIAN, "0~30 * * * * x\n", 1, 1,
	    "15 * * * * x\n" },
	{ CK_R_NUL_BYTE, D, 0, O_NONE, "0 * * * * x\n", 1, 0, "" },
	};

	return cr_make_param_array(struct lcase, cases,
	    sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct lcase *tc, lint, each_rule)
{
	struct ck_lint_opts o;
	ck_diag_list *l;
	const ck_diag *d;
	const struct ck_rule *r = ck_rule_get(tc->rule);

	cr_assert_not_null(r);
	if (tc->good[0] == '\0')
		return;		/* NUL: its own test below */
	opts_for(tc->opt, &o);
	l = lint(tc->bad, tc->d, tc->flags, &o);
	d = find(l, tc->rule);
	if (d == NULL)
		dump(l);
	cr_assert_not_null(d, "%s not reported for \"%s\"", r->code, tc->bad);
	cr_expect_str_eq(d->code, r->code);
	cr_expect_str_eq(d->name, r->name);
	cr_expect_eq(d->line, tc->line, "%s: line %u, want %u", r->code,
	    d->line, tc->line);
	cr_expect_eq(d->column, tc->col, "%s: column %u, want %u", r->code,
	    d->column, tc->col);
	cr_expect_gt(strlen(d->message), 10);
	ck_diag_list_free(l);

	l = lint(tc->good, tc->d, tc->flags, &o);
	if (find(l, tc->rule) != NULL)
		dump(l);
	cr_expect_null(find(l, tc->rule), "%s reported for the fixed \"%s\"",
	    r->code, tc->good);
	ck_diag_list_free(l);
}

Test(lint, reports_nul_bytes)
{
	static const char text[] = "0 * * * * x\0y\n";
	ck_diag_list *l = lint_len(text, sizeof(text) - 1, D, 0, NULL);
	const ck_diag *d = find(l, CK_R_NUL_BYTE);

	cr_assert_not_null(d);
	cr_expect_eq(d->line, 1);
	cr_expect_eq(d->column, 12);
	cr_expect_eq(d->severity, CK_SEV_ERROR);
	ck_diag_list_free(l);
}

Test(lint, every_rule_has_a_complete_table_row)
{
	unsigned int i;
	char code[8];

	cr_assert_eq(ck_rule_max(), CK_R_COUNT - 1);
	for (i = 1; i <= ck_rule_max(); i++) {
		const struct ck_rule *r = ck_rule_get(i);

		cr_assert_not_null(r, "rule %u missing", i);
		snprintf(code, sizeof(code), "CK%03u", i);
		cr_expect_str_eq(r->code, code);
		cr_expect_eq(r->num, i);
		cr_expect_not_null(r->name);
		cr_expect_not_null(r->summary);
		cr_expect_not_null(r->bad);
		cr_expect_not_null(r->good);
		cr_expect_not_null(r->explain, "%s has no explanation", code);
		cr_expect_eq(ck_rule_find(r->name, strlen(r->name)), r);
		cr_expect_eq(ck_rule_find(code, 5), r);
	}
	cr_expect_null(ck_rule_get(0));
	cr_expect_null(ck_rule_get(CK_R_COUNT));
	cr_expect_eq(ck_rule_find("ck016", 5), ck_rule_get(CK_R_BARE_PERCENT));
	cr_expect_null(ck_rule_find("CK999", 5));
}

/* ---- files: name, owner, mode ---- */

Test(lint, cron_d_file_names_per_dialect)
{
	struct ck_lint_opts o = CK_LINT_OPTS_INIT;
	ck_diag_list *l;
	const ck_diag *d;

	o.system_file = true;
	o.path = "/etc/cron.d/backup.sh";
	l = lint("0 * * * * root x\n", D, S, &o);
	d = find(l, CK_R_FILE_NAME);
	cr_assert_not_null(d);
	cr_expect_eq(d->severity, CK_SEV_ERROR);
	cr_expect_eq(d->line, 0);
	cr_expect_eq(d->column, 0);
	cr_expect_not_null(strstr(d->message, "backup.sh"), "%s", d->message);
	ck_diag_list_free(l);
	/* cronie reads names with dots... */
	l = lint("0 * * * * root x\n", C, S, &o);
	cr_expect_null(find(l, CK_R_FILE_NAME));
	ck_diag_list_free(l);
	/* ...but not editor backups; Debian's name is only a portability note. */
	o.path = "/etc/cron.d/backup~";
	o.also = CK_DIALECT_BIT(CK_DIALECT_DEBIAN);
	l = lint("0 * * * * root x\n", C, S, &o);
	d = find(l, CK_R_FILE_NAME);
	cr_assert_not_null(d);
	cr_expect_eq(d->severity, CK_SEV_ERROR);
	cr_expect_not_null(strstr(d->message, "cronie and debian") != NULL ?
	    d->message : strstr(d->message, "debian and cronie"), "%s",
	    d->message);
	ck_diag_list_free(l);
	o.path = "/etc/cron.d/backup";
	l = lint("0 * * * * root x\n", D, S, &o);
	cr_expect_null(find(l, CK_R_FILE_NAME));
	ck_diag_list_free(l);
	/* /etc/crontab is read under its own name. */
	o.path = "/etc/crontab";
	l = lint("0 * * * * root x\n", D, S, &o);
	cr_expect_null(find(l, CK_R_FILE_NAME));
	ck_diag_list_free(l);
	/* A system-format file elsewhere: a warning about installing it. */
	o.system_file = false;
	o.path = "deploy/app.cron";
	l = lint("0 * * * * root x\n", D, S, &o);
	d = find(l, CK_R_FILE_NAME);
	cr_assert_not_null(d);
	cr_expect_eq(d->severity, CK_SEV_WARNING);
	ck_diag_list_free(l);
	/* OpenBSD and busybox have no /etc/cron.d at all. */
	o.path = "/etc/cron.d/backup.sh";
	o.system_file = true;
	o.also = CK_DIALECT_BIT(CK_DIALECT_OPENBSD);
	l = lint("0 * * * * root x\n", D, S, &o);
	d = find(l, CK_R_FILE_NAME);
	cr_assert_not_null(d);
	cr_expect_null(strstr(d->message, "openbsd"), "%s", d->message);
	d = find(l, CK_R_UNSUPPORTED);
	cr_assert_not_null(d);
	cr_expect_str_eq(d->message, "openbsd reads no /etc/cron.d");
	ck_diag_list_free(l);
	o.also = 0;
	o.system_file = false;
	o.path = "deploy/app.cron";
	/* User crontabs have no such rule. */
	l = lint("0 * * * * x\n", D, 0, &o);
	cr_expect_null(find(l, CK_R_FILE_NAME));
	ck_diag_list_free(l);
}

Test(lint, cron_d_owner_and_mode)
{
	struct ck_lint_opts o = CK_LINT_OPTS_INIT;
	ck_diag_list *l;
	const ck_diag *d;

	o.system_file = true;
	o.have_stat = true;
	o.path = "/etc/cron.d/app";
	o.mode = 0100664;
	l = lint("0 * * * * root x\n", D, S, &o);
	d = find(l, CK_R_CRON_D_FILE);
	cr_assert_not_null(d);
	cr_expect_eq(d->severity, CK_SEV_ERROR);
	cr_expect_not_null(strstr(d->message, "0664"), "%s", d->message);
	cr_expect_not_null(strstr(d->message, "group"), "%s", d->message);
	ck_diag_list_free(l);
	o.mode = 0100644;
	l = lint("0 * * * * root x\n", D, S, &o);
	cr_expect_null(find(l, CK_R_CRON_D_FILE));
	ck_diag_list_free(l);
	o.uid = 1000;
	l = lint("0 * * * * root x\n", D, S, &o);
	d = find(l, CK_R_CRON_D_FILE);
	cr_assert_not_null(d);
	cr_expect_not_null(strstr(d->message, "uid 1000"), "%s", d->message);
	ck_diag_list_free(l);
	/* Executable: cronie ignores it, Debian does not care. */
	o.uid = 0;
	o.mode = 0100755;
	l = lint("0 * * * * root x\n", D, S, &o);
	cr_expect_null(find(l, CK_R_CRON_D_FILE));
	ck_diag_list_free(l);
	l = lint("0 * * * * root x\n", C, S, &o);
	cr_expect_not_null(find(l, CK_R_CRON_D_FILE));
	ck_diag_list_free(l);
	/* Not read by cron (forced format only): no owner rules. */
	o.system_file = false;
	o.mode = 0100666;
	l = lint("0 * * * * root x\n", D, S, &o);
	cr_expect_null(find(l, CK_R_CRON_D_FILE));
	ck_diag_list_free(l);
}

/* Issue 27 item 8: a user's spool file that cron ignores. */
Test(lint, spool_file_owner_mode_and_links)
{
	struct ck_lint_opts o = CK_LINT_OPTS_INIT;
	ck_diag_list *l;
	const ck_diag *d;

	o.spool_file = true;
	o.have_stat = true;
	o.path = "/var/spool/cron/crontabs/alice";
	o.spool_uid = 4242;
	o.uid = 0;
	o.mode = 0100644;
	l = lint("0 * * * * x\n", D, 0, &o);
	cr_assert_geq(count_rule(l, CK_R_SPOOL_FILE), 1);
	d = find(l, CK_R_SPOOL_FILE);
	cr_expect_eq(d->severity, CK_SEV_ERROR);
	cr_expect_str_eq(d->code, "CK067");
	ck_diag_list_free(l);
	o.uid = 4242;
	o.mode = 0100600;
	l = lint("0 * * * * x\n", D, 0, &o);
	cr_expect_null(find(l, CK_R_SPOOL_FILE));
	ck_diag_list_free(l);
	o.nlink = 2;
	l = lint("0 * * * * x\n", D, 0, &o);
	d = find(l, CK_R_SPOOL_FILE);
	cr_assert_not_null(d);
	cr_expect_not_null(strstr(d->message, "2 hard links"), "%s",
	    d->message);
	ck_diag_list_free(l);
	/* cronie takes 0400 too; Debian wants exactly 0600. */
	o.nlink = 1;
	o.mode = 0100400;
	l = lint("0 * * * * x\n", C, 0, &o);
	cr_expect_null(find(l, CK_R_SPOOL_FILE));
	ck_diag_list_free(l);
	l = lint("0 * * * * x\n", D, 0, &o);
	cr_expect_not_null(find(l, CK_R_SPOOL_FILE));
	ck_diag_list_free(l);
}

/* ---- schedules that never fire, from the sets ---- */

struct dcase {
	char		 expr[40];
	unsigned int	 rule;		/* expected, or 0 for none */
	unsigned int	 absent;	/* must not be reported */
	char		 in_msg[40];	/* "" or a part of the message */
};

ParameterizedTestParameters(lint, day_arithmetic)
{
	static struct dcase cases[] = {
	{ "0 0 30 2 *", CK_R_NEVER_FIRES, 0, "February" },
	{ "0 0 31 4,6,9,11 *", CK_R_NEVER_FIRES, 0, "November" },
	{ "0 0 31 2,4 *", CK_R_NEVER_FIRES, 0, "February and April" },
	{ "0 0 30,31 feb *", CK_R_NEVER_FIRES, 0, "" },
	{ "0 0 31 */2 *", CK_R_SKIPS_MONTHS, CK_R_NEVER_FIRES, "September" },
	{ "0 0 30 2 0", CK_R_SKIPS_MONTHS, CK_R_NEVER_FIRES, "day-of-week" },
	{ "0 0 29 2 *", CK_R_SKIPS_MONTHS, CK_R_NEVER_FIRES, "leap" },
	{ "0 0 29-31 2 *", CK_R_SKIPS_MONTHS, CK_R_NEVER_FIRES, "leap" },
	{ "0 0 29-31 * *", CK_R_SKIPS_MONTHS, CK_R_NEVER_FIRES,
	    "February" },
	{ "0 0 31 1,3,5 *", 0, CK_R_SKIPS_MONTHS, "" },
	{ "0 0 28 2 *", 0, CK_R_SKIPS_MONTHS, "" },
	{ "0 0 29 2 1", 0, CK_R_NEVER_FIRES, "" },
	{ "@monthly", 0, CK_R_SKIPS_MONTHS, "" },
	{ "@reboot", 0, CK_R_NEVER_FIRES, "" },
	{ "0 0 1-31 * *", 0, CK_R_EXPLICIT_FULL, "" },
	{ "0 0 * * 0-6", 0, CK_R_EXPLICIT_FULL, "" },
	};

	return cr_make_param_array(struct dcase, cases,
	    sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct dcase *tc, lint, day_arithmetic)
{
	char text[64];
	ck_diag_list *l;
	const ck_diag *d;

	snprintf(text, sizeof(text), "%s x\n", tc->expr);
	l = lint(text, D, 0, NULL);
	if (tc->rule != 0) {
		d = find(l, tc->rule);
		if (d == NULL)
			dump(l);
		cr_assert_not_null(d, "\"%s\": %u not reported", tc->expr,
		    tc->rule);
		cr_expect_eq(d->line, 1);
		if (tc->in_msg[0] != '\0')
			cr_expect_not_null(strstr(d->message, tc->in_msg),
			    "\"%s\": %s", tc->expr, d->message);
	}
	if (tc->absent != 0)
		cr_expect_null(find(l, tc->absent), "\"%s\": %u reported",
		    tc->expr, tc->absent);
	ck_diag_list_free(l);
}

Test(lint, leap_day_names_the_next_year_that_fires)
{
	struct ck_lint_opts o = CK_LINT_OPTS_INIT;
	ck_diag_list *l;
	const ck_diag *d;

	o.year = 2026;
	l = lint("0 0 29 2 * x\n", D, 0, &o);
	d = find(l, CK_R_SKIPS_MONTHS);
	cr_assert_not_null(d);
	cr_expect_str_eq(d->hint, "next: 2028-02-29");
	ck_diag_list_free(l);
	/* With a weekday (AND: '*' start), the next Sunday February 29. */
	l = lint("0 0 29 2 */7 x\n", D, 0, &o);
	d = find(l, CK_R_SKIPS_MONTHS);
	cr_assert_not_null(d);
	cr_expect_str_eq(d->hint, "next: 2032-02-29");
	cr_expect_not_null(strstr(d->message, "Sunday"), "%s", d->message);
	ck_diag_list_free(l);
	/* 2100 is not a leap year. */
	o.year = 2097;
	l = lint("0 0 29 2 * x\n", D, 0, &o);
	d = find(l, CK_R_SKIPS_MONTHS);
	cr_assert_not_null(d);
	cr_expect_str_eq(d->hint, "next: 2104-02-29");
	ck_diag_list_free(l);
	/* Unknown year: no hint. */
	l = lint("0 0 29 2 * x\n", D, 0, NULL);
	d = find(l, CK_R_SKIPS_MONTHS);
	cr_assert_not_null(d);
	cr_expect_null(d->hint);
	ck_diag_list_free(l);
}

/* ---- directives ---- */

Test(lint, directive_switches_rules_off_for_the_next_line)
{
	ck_diag_list *l;

	l = lint("MAILTO=\"\"\n"
	    "# cronkeep-lint: disable=CK016,no-id\n"
	    "# a comment between\n"
	    "0 0 * * * date +%F\n"
	    "0 0 * * * date +%d\n", D, 0, NULL);
	cr_expect_eq(count_rule(l, CK_R_BARE_PERCENT), 1);
	cr_expect_eq(find(l, CK_R_BARE_PERCENT)->line, 5);
	cr_expect_eq(count_rule(l, CK_R_NO_ID), 1);
	cr_expect_null(find(l, CK_R_BAD_DIRECTIVE));
	ck_diag_list_free(l);
}

Test(lint, directive_for_the_whole_file)
{
	ck_diag_list *l;

	l = lint("0 0 * * * date +%F\n"
	    "# cronkeep-lint: disable-file=bare-percent, CK047 ,CK050\n"
	    "0 0 * * * date +%d\n", D, 0, NULL);
	cr_expect_null(find(l, CK_R_BARE_PERCENT));
	cr_expect_null(find(l, CK_R_NO_MAILTO));
	cr_expect_null(find(l, CK_R_NO_ID));
	cr_expect_eq(ck_diag_count(l), 0, "left: %zu", ck_diag_count(l));
	ck_diag_list_free(l);
}

Test(lint, malformed_directives_are_errors_with_positions)
{
	ck_diag_list *l;
	const ck_diag *d;

	l = lint("# cronkeep-lint: enable=CK016\n"
	    "# cronkeep-lint: disable=\n"
	    "# cronkeep-lint: disable=CK016;CK033\n"
	    "# cronkeep-lint: disable=CK016,CK999\n"
	    "# cronkeep: an-id\n"
	    "0 0 * * * date +%F\n", D, 0, NULL);
	cr_expect_eq(count_rule(l, CK_R_BAD_DIRECTIVE), 4);
	d = find(l, CK_R_BAD_DIRECTIVE);
	cr_expect_eq(d->line, 1);
	cr_expect_eq(d->column, 18);
	cr_expect_eq(d->severity, CK_SEV_ERROR);
	/* A bad directive disables nothing. */
	cr_expect_not_null(find(l, CK_R_BARE_PERCENT));
	ck_diag_list_free(l);
}

/* ---- secrets ---- */

struct scase {
	char		 cmd[80];
	bool		 secret;
	char		 shown[32];	/* in the message; the secret never */
};

ParameterizedTestParameters(lint, secrets)
{
	static struct scase cases[] = {
	{ "PGPASSWORD=hunter2 pg_dump db", true, "PGPASSWORD=***" },
	{ "MYSQL_PWD=hunter2 mysql db", true, "MYSQL_PWD=***" },
	{ "env API_TOKEN='hunter2' ./sync", true, "API_TOKEN=***" },
	{ "mysqldump -uroot -phunter2 db", true, "-p***" },
	{ "/usr/bin/mysql -phunter2 db", true, "-p***" },
	{ "curl -u bob:hunter2 https://x", true, "curl -u bob:***" },
	{ "curl --user=bob:hunter2 https://x", true, "curl -u bob:***" },
	{ "wget -q https://bob:hunter2@example.com/f", true, "bob:***@" },
	{ "sshpass -p hunter2 ssh host", true, "sshpass -p ***" },
	{ "sshpass -phunter2 ssh host", true, "sshpass -p***" },
	{ "backup --password=hunter2", true, "--password=***" },
	{ "mysql -p db", false, "" },
	{ "PGPASSWORD=$PW pg_dump db", false, "" },
	{ "backup --password-file=/etc/pw", false, "" },
	{ "curl -u bob https://x", false, "" },
	{ "curl https://bob@example.com/", false, "" },
	{ "ps -p 1", false, "" },
	{ "mysqldump --defaults-file=/etc/b.cnf db", false, "" },
	{ "SECRET_FILE=/etc/app/secret ./sync", false, "" },
	{ "AWS_SECRET_ACCESS_KEY=abc123 aws s3 ls", true,
	    "AWS_SECRET_ACCESS_KEY=***" },
	};

	return cr_make_param_array(struct scase, cases,
	    sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct scase *tc, lint, secrets)
{
	char text[128];
	ck_diag_list *l;
	const ck_diag *d;

	snprintf(text, sizeof(text), "0 0 * * * %s\n", tc->cmd);
	l = lint(text, D, 0, NULL);
	d = find(l, CK_R_SECRET);
	if (!tc->secret) {
		cr_expect_null(d, "\"%s\": %s", tc->cmd, d ? d->message : "");
	} else {
		cr_assert_not_null(d, "\"%s\" not reported", tc->cmd);
		cr_expect_not_null(strstr(d->message, tc->shown), "%s",
		    d->message);
		cr_expect_null(strstr(d->message, "hunter2"),
		    "the secret is in the message: %s", d->message);
		cr_expect_eq(d->severity, CK_SEV_WARNING);
	}
	ck_diag_list_free(l);
}

/* ---- portability ---- */

Test(lint, busybox_day_rule_differs)
{
	struct ck_lint_opts o;
	ck_diag_list *l;
	const ck_diag *d;

	opts_for(O_ALSO_BUSYBOX, &o);
	/* Vixie: the 1st only when it is Sun/Tue/Thu/Sat; busybox: OR. */
	l = lint("0 0 1 * */2 x\n", D, 0, &o);
	d = find(l, CK_R_UNSUPPORTED);
	cr_assert_not_null(d);
	cr_expect_not_null(strstr(d->message, "busybox"), "%s", d->message);
	ck_diag_list_free(l);
	/* DOW 0-6 is full for busybox (AND), not for Vixie (OR). */
	l = lint("0 0 1 * 0-6 x\n", D, 0, &o);
	cr_expect_not_null(find(l, CK_R_UNSUPPORTED));
	ck_diag_list_free(l);
	/* busybox starts a day-of-month step at 0: 2,4,... */
	l = lint("0 0 */2 * * x\n", D, 0, &o);
	cr_expect_not_null(find(l, CK_R_UNSUPPORTED));
	ck_diag_list_free(l);
	l = lint("0 0 1 * * x\n0 0 * * 1 x\n0 0 1,15 * 1 x\n", D, 0, &o);
	cr_expect_null(find(l, CK_R_UNSUPPORTED));
	ck_diag_list_free(l);
	l = lint("@daily x\n", D, 0, &o);
	d = find(l, CK_R_UNSUPPORTED);
	cr_assert_not_null(d);
	cr_expect_not_null(strstr(d->message, "@keywords"), "%s", d->message);
	ck_diag_list_free(l);
	l = lint("FOO=bar\n", D, 0, &o);
	cr_expect_not_null(find(l, CK_R_UNSUPPORTED));
	ck_diag_list_free(l);
}

Test(lint, busybox_day_rules_in_its_own_dialect)
{
	ck_diag_list *l;

	/* busybox: '*\/2' weekdays are restricted, so EITHER (CK026). */
	l = lint("0 0 1 * */2 x\n", CK_DIALECT_BUSYBOX, 0, NULL);
	cr_expect_not_null(find(l, CK_R_DOM_OR_DOW));
	cr_expect_null(find(l, CK_R_STAR_STEP_AND));
	ck_diag_list_free(l);
	/* busybox: 0-6 is all days, as '*' (no CK028). */
	l = lint("0 0 1 * 0-6 x\n", CK_DIALECT_BUSYBOX, 0, NULL);
	cr_expect_null(find(l, CK_R_EXPLICIT_FULL));
	cr_expect_null(find(l, CK_R_DOM_OR_DOW));
	ck_diag_list_free(l);
	l = lint("0 0 1 * 0-6 x\n", D, 0, NULL);
	cr_expect_not_null(find(l, CK_R_EXPLICIT_FULL));
	ck_diag_list_free(l);
}

/* CK026 names each day set, or says it is empty (a reversed range). */
Test(lint, day_or_weekday_message_for_empty_sets)
{
	static const struct {
		const char	*tab;
		const char	*msg;
	} t[] = {
		{ "0 0 1,15 * 1 x\n", "day of month \"1,15\" and day of week "
		    "\"1\" are both set: cron runs on days matching EITHER "
		    "(day 1 and 15 of the month, and every Monday)" },
		{ "0 0 5-1 * 1-2 x\n", "day of month \"5-1\" and day of week "
		    "\"1-2\" are both set: cron runs on days matching EITHER "
		    "(no day of the month, and every Monday and Tuesday)" },
		{ "0 0 1 * 5-1 x\n", "day of month \"1\" and day of week "
		    "\"5-1\" are both set: cron runs on days matching EITHER "
		    "(day 1 of the month, and no day of the week)" },
		{ "0 0 5-1 * 5-1 x\n", "day of month \"5-1\" and day of week "
		    "\"5-1\" are both set: cron runs on days matching EITHER "
		    "(no day of the month, and no day of the week)" },
	};
	ck_diag_list *l;
	const ck_diag *d;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		l = lint(t[i].tab, C, 0, NULL);
		d = find(l, CK_R_DOM_OR_DOW);
		cr_assert_not_null(d, "%s", t[i].tab);
		cr_expect_str_eq(d->message, t[i].msg);
		ck_diag_list_free(l);
	}
}

Test(lint, other_dialects_name_what_they_reject)
{
	struct ck_lint_opts o;
	ck_diag_list *l;
	const ck_diag *d;

	/* cronie's -n option, read by Debian as part of the command. */
	opts_for(O_ALSO_DEBIAN, &o);
	l = lint("0 * * * * -n cmd\n", C, 0, &o);
	d = find(l, CK_R_UNSUPPORTED);
	cr_assert_not_null(d);
	cr_expect_not_null(strstr(d->message, "debian"), "%s", d->message);
	cr_expect_not_null(strstr(d->message, "-n"), "%s", d->message);
	ck_diag_list_free(l);
	/* cronie's '-' prefix. */
	l = lint("-0 * * * * cmd\n", C, 0, &o);
	d = find(l, CK_R_UNSUPPORTED);
	cr_assert_not_null(d);
	cr_expect_eq(d->column, 1);
	ck_diag_list_free(l);
	/* An unquoted empty value: fine in cronie, rejected by Debian. */
	l = lint("FOO=\n", C, 0, &o);
	d = find(l, CK_R_EMPTY_VALUE);
	cr_assert_not_null(d);
	cr_expect_eq(d->severity, CK_SEV_WARNING);
	ck_diag_list_free(l);
	/* CRON_TZ outside cronie. */
	l = lint("CRON_TZ=UTC\n", C, 0, &o);
	d = find(l, CK_R_TZ_VAR);
	cr_assert_not_null(d);
	cr_expect_not_null(strstr(d->message, "debian"), "%s", d->message);
	ck_diag_list_free(l);
	l = lint("CRON_TZ=UTC\n", C, 0, NULL);
	cr_expect_null(find(l, CK_R_TZ_VAR));
	ck_diag_list_free(l);
	/* A reversed weekday range, rejected by OpenBSD. */
	opts_for(O_ALSO_OPENBSD, &o);
	l = lint("0 0 * * 5-0 x\n", D, 0, &o);
	cr_expect_not_null(find(l, CK_R_REVERSED_DOW));
	cr_expect_eq(count_rule(l, CK_R_UNSUPPORTED), 0);
	ck_diag_list_free(l);
	/* Debian ignores text cronie rejects: found by parsing again. */
	opts_for(O_ALSO_CRONIE, &o);
	l = lint("*/2/3 * * * * x\n", D, 0, &o);
	d = find(l, CK_R_UNSUPPORTED);
	cr_assert_not_null(d);
	cr_expect_not_null(strstr(d->message, "cronie rejects"), "%s",
	    d->message);
	ck_diag_list_free(l);
}

Test(lint, portable_is_quiet_on_portable_crontabs)
{
	ck_diag_list *l;
	size_t i;

	l = lint("MAILTO=\"\"\n# nightly\n15 3 * * * /usr/bin/backup\n"
	    "# weekly\n0 4 * * 1 /usr/bin/report\n", CK_DIALECT_PORTABLE, 0,
	    NULL);
	for (i = 0; i < ck_diag_count(l); i++)
		cr_expect(ck_diag_at(l, i)->severity == CK_SEV_INFO,
		    "%s: %s", ck_diag_at(l, i)->code,
		    ck_diag_at(l, i)->message);
	ck_diag_list_free(l);
}

Test(lint, long_lines_per_dialect)
{
	char text[1200];
	ck_diag_list *l;
	const ck_diag *d;

	memset(text, 'a', sizeof(text));
	memcpy(text, "0 0 * * * ", 10);
	text[1100] = '\n';
	text[1101] = '\0';
	l = lint(text, D, 0, NULL);
	d = find(l, CK_R_LONG_LINE);
	cr_assert_not_null(d);
	cr_expect_eq(d->column, 999);
	ck_diag_list_free(l);
	l = lint(text, C, 0, NULL);
	cr_expect_null(find(l, CK_R_LONG_LINE));
	ck_diag_list_free(l);
}

/* ---- the list itself ---- */

Test(lint, parser_and_lint_findings_appear_once_in_order)
{
	ck_diag_list *l;
	size_t i;

	l = lint("0 0 * * * date +%F\n61 * * * * x\n0 * * * * y", D, 0,
	    NULL);
	cr_expect_eq(count_rule(l, CK_R_MISSING_NEWLINE), 1);
	cr_expect_eq(count_rule(l, CK_R_FIELD_RANGE), 1);
	for (i = 1; i < ck_diag_count(l); i++) {
		const ck_diag *a = ck_diag_at(l, i - 1), *b = ck_diag_at(l, i);

		cr_expect(a->line < b->line || (a->line == b->line &&
		    a->column <= b->column), "out of order at %zu", i);
	}
	ck_diag_list_free(l);
}

Test(lint, untouched_by_disabled_jobs_and_comments)
{
	ck_diag_list *l;

	l = lint("MAILTO=\"\"\n# cronkeep: old\n#* * * * * date +%F\n"
	    "# * 3 * * * x\n", D, 0, NULL);
	cr_expect_eq(ck_diag_count(l), 0);
	ck_diag_list_free(l);
}

/*
 * Each job's zone is the CRON_TZ assignment above it (lint tracks it as it
 * goes instead of searching back from every job): under cronie, jobs under
 * CRON_TZ=UTC have no daylight-saving window, the others do.
 */
Test(lint, dst_window_follows_the_cron_tz_above_each_job)
{
	static const char text[] =
	    "30 2 * * * a\n"
	    "CRON_TZ=UTC\n"
	    "30 2 * * * b\n"
	    "CRON_TZ=Europe/Berlin\n"
	    "30 2 * * * c\n"
	    "CRON_TZ=utc\n"
	    "# a comment between\n"
	    "30 2 * * * d\n";
	static const unsigned int want[] = { 1, 5 };
	ck_diag_list *l;
	const ck_diag *d;
	size_t i, n = 0;

	l = lint(text, CK_DIALECT_CRONIE, 0, NULL);
	for (i = 0; i < ck_diag_count(l); i++) {
		d = ck_diag_at(l, i);
		if (d->rule != CK_R_DST_WINDOW)
			continue;
		cr_assert_lt(n, 2, "DST window reported on line %u", d->line);
		cr_expect_eq(d->line, want[n], "line %u, want %u", d->line,
		    want[n]);
		cr_expect_eq(d->column, 1);
		n++;
	}
	cr_expect_eq(n, 2, "DST window reported %zu times, want 2", n);
	ck_diag_list_free(l);
}

/* ---- the command scan and the order of findings ---- */

/*
 * '%' and '#' at every offset of a command, so on both sides of each
 * 8-byte step of the scan, and quotes opened in one step and closed in
 * another: the right rule at the right column every time.
 */
Test(lint, command_scan_every_offset)
{
	char cmd[64], text[128];
	ck_diag_list *l;
	const ck_diag *d;
	size_t at;

	for (at = 0; at < 24; at++) {
		memset(cmd, 'a', at);
		memcpy(cmd + at, "%x", 3);
		snprintf(text, sizeof(text), "0 0 * * * %s\n", cmd);
		l = lint(text, D, 0, NULL);
		d = find(l, CK_R_BARE_PERCENT);
		cr_assert_not_null(d, "'%%' at %zu not found", at);
		cr_expect_eq(d->column, 11 + at, "'%%' at %zu: column %u", at,
		    d->column);
		ck_diag_list_free(l);

		memset(cmd, 'a', at);
		cmd[at] = '"';
		memset(cmd + at + 1, 'b', 9);
		memcpy(cmd + at + 10, "%\" #c", 6);
		snprintf(text, sizeof(text), "0 0 * * * x %s\n", cmd);
		l = lint(text, D, 0, NULL);
		d = find(l, CK_R_PERCENT_QUOTED);
		cr_assert_not_null(d, "quoted '%%' after %zu not found", at);
		cr_expect_eq(d->column, 13 + at + 10);
		cr_expect_null(find(l, CK_R_BARE_PERCENT));
		ck_diag_list_free(l);
	}
}

/* Findings come out by column within a line, the first made first. */
static void
expect_order(const char *text, const unsigned int *rules,
    const unsigned int *cols, size_t n)
{
	ck_diag_list *l = lint(text, D, 0, NULL);
	size_t i, k = 0;

	for (i = 0; i < ck_diag_count(l); i++) {
		const ck_diag *d = ck_diag_at(l, i);

		if (d->line != 1)
			continue;
		cr_assert_lt(k, n, "extra finding %s at %u", d->code,
		    d->column);
		cr_expect_eq(d->rule, rules[k], "finding %zu is %s", k,
		    d->code);
		cr_expect_eq(d->column, cols[k], "finding %zu at %u", k,
		    d->column);
		k++;
	}
	cr_expect_eq(k, n, "%zu findings on line 1", k);
	ck_diag_list_free(l);
}

Test(lint, findings_ordered_in_small_and_large_groups)
{
	static const unsigned int rules[] = { CK_R_EVERY_MINUTE, CK_R_NO_ID,
		CK_R_INLINE_COMMENT, CK_R_BARE_PERCENT };
	static const unsigned int small[] = { 1, 1, 13, 17 };
	static const unsigned int large[] = { 1, 1, 13, 106 };
	char text[256];
	size_t i, n;

	/*
	 * Made in the order 33, 35, 16, 50.  (A short group goes through
	 * insertion sort, a long one through qsort(3), before the runs are
	 * merged; the merge alone would give the same order, so this checks
	 * the order, not which path was taken.)
	 */
	expect_order("* * * * * x #c 1%\n", rules, small, 4);
	/* 20 comments: 23 findings on the line; the repeats of CK035 are
	 * dropped after the sort, the first (leftmost) kept. */
	n = (size_t)snprintf(text, sizeof(text), "* * * * * x");
	for (i = 0; i < 20; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, " #c%zu", i);
	snprintf(text + n, sizeof(text) - n, " 100%%\n");
	expect_order(text, rules, large, 4);
}

/* A user set built once answers as the users array does, for both rules. */
Test(lint, userset_same_as_users)
{
	static const char *const many[] = { "alpha", "beta", "gamma", "beta",
		"a", "" };
	struct ck_lint_opts o;
	ck_diag_list *a, *b;
	ck_userset *set;
	ck_error err;
	size_t i;

	set = ck_userset_new(many, 6, &err);
	cr_assert_not_null(set);
	cr_expect(ck_userset_has(set, "beta", 4));
	cr_expect(ck_userset_has(set, "a", 1));
	cr_expect(ck_userset_has(set, "", 0));
	cr_expect(!ck_userset_has(set, "bet", 3));
	cr_expect(!ck_userset_has(set, "betaa", 5));
	opts_for(O_NONE, &o);
	o.users = many;
	o.nusers = 6;
	a = lint("0 * * * * beta x\n0 * * * * delta x\n", D,
	    CK_PARSE_SYSTEM, &o);
	o.userset = set;
	b = lint("0 * * * * beta x\n0 * * * * delta x\n", D,
	    CK_PARSE_SYSTEM, &o);
	cr_assert_eq(ck_diag_count(a), ck_diag_count(b));
	for (i = 0; i < ck_diag_count(a); i++)
		cr_expect_eq(ck_diag_at(a, i)->rule, ck_diag_at(b, i)->rule);
	cr_expect_eq(count_rule(b, CK_R_UNKNOWN_USER), 1);
	ck_diag_list_free(a);
	ck_diag_list_free(b);
	a = lint("0 * * * * gamma x\n", D, 0, &o);
	cr_expect_not_null(find(a, CK_R_USER_IN_USER_TAB));
	ck_diag_list_free(a);
	ck_userset_free(set);
	ck_userset_free(NULL);
}

/* CK030 names the step as written, not a number cut to six digits. */
Test(lint, step_too_big_names_huge_step)
{
	ck_diag_list *l = lint("*/99999999999 * * * * x\n", D, 0, NULL);
	const ck_diag *d = find(l, CK_R_STEP_TOO_BIG);

	cr_assert_not_null(d);
	cr_expect(strstr(d->message, "step 99999999999 in") != NULL, "%s",
	    d->message);
	ck_diag_list_free(l);
}

/*
 * A step debian and cronie read as a small int (the low 32 bits) is that
 * step: a minute step of 4294967297 is every minute there (CK009 says
 * so), no CK030 "only 0 is selected"; busybox reads the whole number.
 */
Test(lint, step_too_big_follows_the_wrap)
{
	ck_diag_list *l = lint("*/4294967297 * * * * x\n", D, 0, NULL);

	cr_expect_null(find(l, CK_R_STEP_TOO_BIG));
	cr_expect_not_null(find(l, CK_R_FIELD_RANGE));
	ck_diag_list_free(l);
	l = lint("*/4294967297 * * * * x\n", CK_DIALECT_CRONIE, 0, NULL);
	cr_expect_null(find(l, CK_R_STEP_TOO_BIG));
	ck_diag_list_free(l);
	l = lint("*/4294967297 * * * * x\n", CK_DIALECT_BUSYBOX, 0, NULL);
	cr_expect_not_null(find(l, CK_R_STEP_TOO_BIG));
	ck_diag_list_free(l);
	/* Read as 24: still past the hours. */
	l = lint("0 */4294967320 * * * x\n", D, 0, NULL);
	cr_expect_not_null(find(l, CK_R_STEP_TOO_BIG));
	ck_diag_list_free(l);
}

struct each_state {
	const ck_diag_list	*want;
	size_t			 n;
	size_t			 stop_after;	/* 0: never */
};

static int
each_cmp(void *arg, const ck_diag *d)
{
	struct each_state *s = arg;
	const ck_diag *w = ck_diag_at(s->want, s->n);

	cr_assert_not_null(w, "more findings than ck_lint(): %s", d->message);
	cr_expect_eq(d->line, w->line);
	cr_expect_eq(d->column, w->column);
	cr_expect_eq(d->rule, w->rule);
	cr_expect_eq(d->severity, w->severity);
	cr_expect_str_eq(d->message, w->message);
	cr_expect((d->hint == NULL) == (w->hint == NULL));
	if (d->hint != NULL && w->hint != NULL)
		cr_expect_str_eq(d->hint, w->hint);
	s->n++;
	return s->stop_after != 0 && s->n == s->stop_after ? -1 : 0;
}

/*
 * ck_lint_each() hands out what ck_lint() lists, in the same order:
 * the file's own findings (line 0), the parser's and lint's per line,
 * directives, and the file-wide checks (duplicates, CR LF) at their line.
 */
Test(lint, each_gives_the_list_in_order_and_stops)
{
	static const char text[] =
	    "0 0 * * * date +%F\r\n"
	    "# cronkeep-lint: disable=no-id\n"
	    "61 * * * * x\n"
	    "# cronkeep-lint: bogus\n"
	    "0 0 * * * date +%F\r\n"
	    "5 1 * * * a # note\n"
	    "TZ=UTC\n"
	    "5 1 * * * a # note\n"
	    "# cronkeep: one\n"
	    "1 2 * * * b\n"
	    "# cronkeep: one\n"
	    "1 2 * * * c\n"
	    "0 * * * * y";
	struct ck_lint_opts o;
	struct each_state s;
	ck_diag_list *want;
	ck_error err;
	ck_tab *t;

	opts_for(O_ALSO_BUSYBOX, &o);
	want = lint(text, D, 0, &o);
	cr_assert_gt(ck_diag_count(want), 8);
	cr_expect_not_null(find(want, CK_R_DUPLICATE_JOB));
	cr_expect_not_null(find(want, CK_R_DUPLICATE_ID));
	cr_expect_not_null(find(want, CK_R_CRLF));
	cr_expect_not_null(find(want, CK_R_NO_MAILTO));
	cr_expect_not_null(find(want, CK_R_BAD_DIRECTIVE));
	t = ck_tab_parse(text, strlen(text), D, CK_PARSE_LENIENT, &err);
	cr_assert_not_null(t);
	memset(&s, 0, sizeof(s));
	s.want = want;
	cr_assert_eq(ck_lint_each(t, &o, each_cmp, &s, &err), 0, "%s",
	    err.msg);
	cr_expect_eq(s.n, ck_diag_count(want));
	/* Stopped by the receiver: CK_EIO with the finding's line. */
	memset(&s, 0, sizeof(s));
	s.want = want;
	s.stop_after = 3;
	cr_expect_eq(ck_lint_each(t, &o, each_cmp, &s, &err), -1);
	cr_expect_eq(err.code, CK_EIO);
	cr_expect_eq(err.line, ck_diag_at(want, 2)->line);
	cr_expect_eq(s.n, 3);
	cr_expect_eq(ck_lint_each(t, &o, NULL, NULL, &err), -1);
	cr_expect_eq(err.code, CK_EINVAL);
	ck_tab_free(t);
	ck_diag_list_free(want);
}

/*
 * cronie keeps the low 32 bits of a number: a step of 4294967295 is -1,
 * which it accepts (only 0 is refused) where the range is empty or
 * reversed ("5-0/4294967295": no value is ever set).  Lint reads the
 * parser's elements, so it meets that step: the range gives its first
 * value alone, and nothing shifts by a negative count (UBSan, in the
 * ASan suite, caught it on cronie's recorded verdicts).
 */
Test(lint, negative_step_from_int_wrap)
{
	const char text[] = "0 1,1 * * 5-0/4294967295 /bin/x\n";
	ck_diag_list *l;
	ck_tab *t;
	ck_error err;

	t = ck_tab_parse(text, sizeof(text) - 1, CK_DIALECT_CRONIE,
	    CK_PARSE_LENIENT, &err);
	cr_assert_not_null(t, "%s", err.msg);
	cr_assert_eq(ck_tab_job_count(t), 1, "cronie accepts the step");
	ck_tab_free(t);
	l = lint(text, CK_DIALECT_CRONIE, 0, NULL);
	cr_assert_not_null(find(l, CK_R_REVERSED_DOW), "5-0 wraps");
	cr_assert_not_null(find(l, CK_R_DUPLICATE_VALUE),
	    "hour \"1,1\" is still read");
	ck_diag_list_free(l);
}
