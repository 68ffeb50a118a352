/* SPDX-License-Identifier: ISC */
/*
 * test_edit.c - edits touch only their lines; values that would inject a
 * line are refused; the unified diff is a correct, minimal line diff.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static ck_tab *
parse(const char *text, unsigned int flags)
{
	ck_error err;
	ck_tab *t;

	memset(&err, 0, sizeof(err));
	t = ck_tab_parse(text, strlen(text), CK_DIALECT_DEBIAN,
	    flags | CK_PARSE_LENIENT, &err);
	cr_assert_not_null(t, "parse failed: %s", err.msg);
	return t;
}

/* The rendered text, for comparing (a static-free, test-owned copy). */
static char *
render(const ck_tab *t)
{
	ck_error err;
	char *out;
	size_t len;

	cr_assert_eq(ck_tab_format(t, &out, &len, &err), 0);
	cr_assert_eq(strlen(out), len);
	return out;
}

static void
expect_text(const ck_tab *t, const char *want)
{
	char *got = render(t);

	cr_assert_str_eq(got, want);
	free(got);
}

static ck_job_spec
spec(const char *id, const char *sched, const char *cmd)
{
	ck_job_spec s = CK_JOB_SPEC_INIT;

	s.id = id;
	s.id_len = strlen(id);
	s.schedule = sched;
	s.schedule_len = strlen(sched);
	s.command = cmd;
	s.command_len = strlen(cmd);
	return s;
}

static ck_set_result
do_set(ck_tab *t, const ck_job_spec *s)
{
	ck_set_result r;
	ck_error err;

	memset(&err, 0, sizeof(err));
	cr_assert_eq(ck_tab_set(t, s, &r, NULL, &err), 0, "set: %s", err.msg);
	return r;
}

Test(edit, creates_job_with_marker_in_empty_tab)
{
	ck_tab *t = parse("", 0);
	ck_job_spec s = spec("backup", "0 5 * * *", "/usr/bin/backup --all");
	size_t line = 99;
	ck_set_result r;
	ck_error err;

	cr_assert_eq(ck_tab_set(t, &s, &r, &line, &err), 0);
	cr_assert_eq(r, CK_SET_CREATED);
	cr_assert_eq(line, 1);
	expect_text(t, "# cronkeep: backup\n0 5 * * * /usr/bin/backup --all\n");
	cr_assert_eq(ck_tab_job_count(t), 1);
	cr_assert_not_null(ck_tab_find_id(t, "backup", 6));
	cr_assert_str_eq(ck_set_result_str(r), "created");
	ck_tab_free(t);
}

Test(edit, second_identical_set_is_unchanged_and_touches_nothing)
{
	ck_tab *t = parse("MAILTO=a@b\n", 0);
	ck_job_spec s = spec("j", "*/5 * * * *", "echo hi");

	cr_assert_eq(do_set(t, &s), CK_SET_CREATED);
	cr_assert_eq(do_set(t, &s), CK_SET_UNCHANGED);
	expect_text(t, "MAILTO=a@b\n# cronkeep: j\n*/5 * * * * echo hi\n");
	/* Untouched lines point into the original buffer, not copies. */
	cr_assert_eq(t->lines[0].lflags & CK_LF_OWNED, 0);
	ck_tab_free(t);
}

Test(edit, spacing_differences_alone_leave_the_job_unchanged)
{
	const char *in = "# cronkeep: j\n0   5 *\t* *   echo  hi\n";
	ck_tab *t = parse(in, 0);
	ck_job_spec s = spec("j", "0 5 * * *", "echo  hi");

	cr_assert_eq(do_set(t, &s), CK_SET_UNCHANGED);
	expect_text(t, in);
	ck_tab_free(t);
}

/* Every line but the job's own stays byte for byte. */
Test(edit, update_rerenders_only_the_job_line)
{
	const char *in =
	    "SHELL=/bin/sh\r\n"
	    "# m h  dom mon dow   command\r\n"
	    "  # cronkeep: a\r\n"
	    "0  1 * * *    old   command\r\n"
	    "#Ansible: other\n"
	    "5 4 * * sun   x\n"
	    "   \n"
	    "FOO = bar baz\n"
	    "@daily   tail";
	const char *want =
	    "SHELL=/bin/sh\r\n"
	    "# m h  dom mon dow   command\r\n"
	    "  # cronkeep: a\r\n"
	    "30 2 * * mon-fri new command\r\n"
	    "#Ansible: other\n"
	    "5 4 * * sun   x\n"
	    "   \n"
	    "FOO = bar baz\n"
	    "@daily   tail";
	ck_tab *t = parse(in, 0);
	ck_job_spec s = spec("a", "30 2 * * mon-fri", "new command");
	size_t i;

	cr_assert_not_null(ck_tab_find_id(t, "a", 1));
	cr_assert_eq(do_set(t, &s), CK_SET_UPDATED);
	expect_text(t, want);
	for (i = 0; i < ck_tab_line_count(t); i++)
		if (i != 3)
			cr_assert_eq(t->lines[i].lflags & CK_LF_OWNED, 0,
			    "line %zu was re-rendered", i);
	ck_tab_free(t);
}

Test(edit, append_terminates_an_unterminated_last_line_only)
{
	ck_tab *t = parse("0 1 * * * a\n@hourly  b", 0);
	ck_job_spec s = spec("n", "@daily", "c");

	cr_assert_eq(do_set(t, &s), CK_SET_CREATED);
	expect_text(t, "0 1 * * * a\n@hourly  b\n# cronkeep: n\n@daily c\n");
	ck_tab_free(t);
}

Test(edit, append_follows_crlf_line_endings)
{
	ck_tab *t = parse("0 1 * * * a\r\n", 0);
	ck_job_spec s = spec("n", "@daily", "c");

	cr_assert_eq(do_set(t, &s), CK_SET_CREATED);
	expect_text(t, "0 1 * * * a\r\n# cronkeep: n\r\n@daily c\r\n");
	ck_tab_free(t);
}

Test(edit, foreign_markers_are_adopted_and_kept)
{
	static const char *const markers[] = {
		"#Ansible: web", "# Puppet Name: web", "# Chef Name: web",
		"# SALT_CRON_IDENTIFIER:web"
	};
	char in[256], want[256];
	ck_tab *t;
	ck_job_spec s = spec("web", "*/10 * * * *", "curl -s localhost");
	size_t i;

	for (i = 0; i < sizeof(markers) / sizeof(markers[0]); i++) {
		snprintf(in, sizeof(in), "%s\n*/5 * * * * curl -s localhost\n",
		    markers[i]);
		snprintf(want, sizeof(want), "%s\n*/10 * * * * curl -s "
		    "localhost\n", markers[i]);
		t = parse(in, 0);
		cr_assert_eq(do_set(t, &s), CK_SET_UPDATED, "%s", markers[i]);
		expect_text(t, want);
		cr_assert_eq(ck_tab_job_count(t), 1);
		cr_assert_eq(do_set(t, &s), CK_SET_UNCHANGED, "%s", markers[i]);
		ck_tab_free(t);
	}
}

Test(edit, identical_unmarked_line_is_adopted_not_duplicated)
{
	ck_tab *t = parse("# hi\n0 5 * * *  /bin/backup\n@hourly x\n", 0);
	ck_job_spec s = spec("backup", "0 5 * * *", "/bin/backup");
	size_t line;
	ck_set_result r;
	ck_error err;

	cr_assert_eq(ck_tab_set(t, &s, &r, &line, &err), 0);
	cr_assert_eq(r, CK_SET_UPDATED);
	cr_assert_eq(line, 2);
	expect_text(t, "# hi\n# cronkeep: backup\n0 5 * * *  /bin/backup\n"
	    "@hourly x\n");
	cr_assert_eq(ck_tab_job_count(t), 2);
	cr_assert_eq(do_set(t, &s), CK_SET_UNCHANGED);
	ck_tab_free(t);
}

Test(edit, a_job_with_another_id_is_not_adopted)
{
	ck_tab *t = parse("# cronkeep: other\n0 5 * * * /bin/backup\n", 0);
	ck_job_spec s = spec("backup", "0 5 * * *", "/bin/backup");

	cr_assert_eq(do_set(t, &s), CK_SET_CREATED);
	cr_assert_eq(ck_tab_job_count(t), 2);
	ck_tab_free(t);
}

Test(edit, env_is_a_command_prefix_quoted_for_sh)
{
	ck_tab *t = parse("0 0 * * * first\n", 0);
	ck_env_pair env[] = {
		{ "PLAIN", 5, "/usr/bin:/bin", 13 },
		{ "SPACED", 6, "it's 50% done", 13 },
		{ "EMPTY", 5, "", 0 },
	};
	ck_job_spec s = spec("e", "@daily", "run");

	s.env = env;
	s.nenv = 3;
	cr_assert_eq(do_set(t, &s), CK_SET_CREATED);
	expect_text(t, "0 0 * * * first\n# cronkeep: e\n@daily PLAIN=/usr/bin:/bin"
	    " SPACED='it'\\''s 50\\% done' EMPTY='' run\n");
	/* No environment line was added: the first job is not affected. */
	cr_assert_null(ck_tab_getenv(t, 0, "PLAIN", NULL));
	cr_assert_null(ck_tab_getenv(t, 2, "PLAIN", NULL));
	cr_assert_eq(do_set(t, &s), CK_SET_UNCHANGED);
	ck_tab_free(t);
}

Test(edit, bad_env_names_are_refused)
{
	ck_tab *t = parse("", 0);
	ck_env_pair env[] = { { "1X", 2, "v", 1 } };
	ck_job_spec s = spec("e", "@daily", "run");
	ck_error err;

	s.env = env;
	s.nenv = 1;
	cr_assert_eq(ck_tab_set(t, &s, NULL, NULL, &err), -1);
	cr_assert_eq(err.code, CK_EINVAL);
	cr_assert_eq(err.line, 0);
	cr_assert_eq(err.column, 0);
	cr_assert(strstr(err.msg, "not a shell name") != NULL, "%s", err.msg);
	ck_tab_free(t);
}

/* Inline arrays: parameters are copied into the test's process. */
struct inject {
	char		 field[16];
	char		 value[32];
	size_t		 len;
	unsigned int	 column;
};

static struct inject injects[] = {
	{ "command", "echo a\n* * * * * evil", 20, 7 },
	{ "command", "echo a\rb", 8, 7 },
	{ "command", "echo a\0b", 8, 7 },
	{ "comment", "note\n* * * * * evil", 19, 5 },
	{ "comment", "x\0", 2, 2 },
	{ "id", "a\nb", 3, 2 },
	{ "id", "a\0b", 3, 2 },
	{ "envname", "A\nB", 3, 2 },
	{ "envvalue", "v\n* * * * * evil", 16, 2 },
	{ "envvalue", "v\0", 2, 2 },
	{ "user", "root\n* * * * * root evil", 24, 5 },
	{ "schedule", "0 5 * * *\n* * * * *", 19, 10 },
};

ParameterizedTestParameters(edit, line_breaking_values_are_refused)
{
	return cr_make_param_array(struct inject, injects,
	    sizeof(injects) / sizeof(injects[0]));
}

ParameterizedTest(struct inject *in, edit, line_breaking_values_are_refused)
{
	const char *orig = "# cronkeep: x\n0 1 * * * root keep\n";
	ck_tab *t = parse(orig, strcmp(in->field, "user") == 0 ?
	    CK_PARSE_SYSTEM : 0);
	ck_job_spec s = spec("x", "0 2 * * *", "cmd");
	ck_env_pair env = { "N", 1, "v", 1 };
	ck_error err;

	if (strcmp(in->field, "user") == 0) {
		s.user = in->value;
		s.user_len = in->len;
	} else if (strcmp(in->field, "command") == 0) {
		s.command = in->value;
		s.command_len = in->len;
	} else if (strcmp(in->field, "comment") == 0) {
		s.comment = in->value;
		s.comment_len = in->len;
	} else if (strcmp(in->field, "id") == 0) {
		s.id = in->value;
		s.id_len = in->len;
	} else if (strcmp(in->field, "schedule") == 0) {
		s.schedule = in->value;
		s.schedule_len = in->len;
	} else {
		if (strcmp(in->field, "envname") == 0) {
			env.name = in->value;
			env.name_len = in->len;
		} else {
			env.value = in->value;
			env.value_len = in->len;
		}
		s.env = &env;
		s.nenv = 1;
	}
	memset(&err, 0, sizeof(err));
	cr_assert_eq(ck_tab_set(t, &s, NULL, NULL, &err), -1, "%s accepted",
	    in->field);
	cr_assert_eq(err.code, CK_EINVAL, "%s: code %d (%s)", in->field,
	    err.code, err.msg);
	cr_assert_eq(err.line, 0);
	cr_assert_eq(err.column, in->column, "%s: column %u, msg %s",
	    in->field, err.column, err.msg);
	expect_text(t, orig);
	ck_tab_free(t);
}

Test(edit, ids_are_checked)
{
	ck_error err;
	char longid[CK_ID_MAX + 2];

	cr_assert_eq(ck_id_check("a.b:c@d-e_F9", 12, &err), 0);
	cr_assert_eq(ck_id_check("bad id", 6, &err), -1);
	cr_assert_eq(err.code, CK_EINVAL);
	cr_assert_eq(err.line, 0);
	cr_assert_eq(err.column, 4);
	cr_assert_eq(ck_id_check("", 0, &err), -1);
	cr_assert_eq(err.code, CK_EINVAL);
	cr_assert_eq(err.column, 0);
	memset(longid, 'a', sizeof(longid));
	cr_assert_eq(ck_id_check(longid, CK_ID_MAX, &err), 0);
	cr_assert_eq(ck_id_check(longid, CK_ID_MAX + 1, &err), -1);
	cr_assert_eq(err.column, CK_ID_MAX + 1);
}

Test(edit, bad_schedule_is_a_syntax_error_with_its_column)
{
	ck_tab *t = parse("", 0);
	ck_job_spec s = spec("x", "0 61 * * *", "cmd");
	ck_error err;

	cr_assert_eq(ck_tab_set(t, &s, NULL, NULL, &err), -1);
	cr_assert_eq(err.code, CK_ESYNTAX, "%s", err.msg);
	cr_assert_eq(err.line, 1);
	cr_assert_eq(err.column, 3);
	expect_text(t, "");
	ck_tab_free(t);
}

Test(edit, a_command_cron_would_misread_is_refused)
{
	ck_tab *t = parse("", 0);
	/* A sixth '*' is cron's "bad command". */
	ck_job_spec s = spec("x", "* * * * *", "* echo");
	ck_error err;

	cr_assert_eq(ck_tab_set(t, &s, NULL, NULL, &err), -1);
	cr_assert_eq(err.code, CK_EINVAL, "%s", err.msg);
	cr_assert_eq(err.line, 0);
	cr_assert_eq(err.column, 0);
	ck_tab_free(t);
}

Test(edit, system_format_writes_the_user_column)
{
	ck_tab *t = parse("SHELL=/bin/sh\n", CK_PARSE_SYSTEM);
	ck_job_spec s = spec("r", "17 * * * *", "cd / && run-parts /x");
	ck_error err;
	const ck_job *j;
	size_t len;

	cr_assert_eq(ck_tab_set(t, &s, NULL, NULL, &err), -1);
	cr_assert_eq(err.code, CK_EINVAL);
	cr_assert_eq(err.column, 0);
	s.user = "root";
	s.user_len = 4;
	cr_assert_eq(do_set(t, &s), CK_SET_CREATED);
	expect_text(t, "SHELL=/bin/sh\n# cronkeep: r\n17 * * * * root cd / && "
	    "run-parts /x\n");
	j = ck_tab_find_id(t, "r", 1);
	cr_assert_not_null(j);
	cr_assert_eq(memcmp(ck_job_user(j, &len), "root", 4), 0);
	s.user = "daemon";
	s.user_len = 6;
	cr_assert_eq(do_set(t, &s), CK_SET_UPDATED);
	expect_text(t, "SHELL=/bin/sh\n# cronkeep: r\n17 * * * * daemon cd / && "
	    "run-parts /x\n");
	ck_tab_free(t);
}

Test(edit, disable_and_enable_keep_the_job_under_its_marker)
{
	const char *in = "A=1\n# cronkeep: j\n 0 5 * * *  cmd  x\nB=2\n";
	ck_tab *t = parse(in, 0);
	ck_error err;
	bool changed;

	cr_assert_eq(ck_tab_set_enabled(t, "j", 1, false, &changed, &err), 0);
	cr_assert(changed);
	expect_text(t, "A=1\n# cronkeep: j\n# 0 5 * * *  cmd  x\nB=2\n");
	cr_assert_eq(ck_tab_job_count(t), 1);
	cr_assert_not(ck_job_enabled(ck_tab_find_id(t, "j", 1)));
	cr_assert_eq(ck_tab_set_enabled(t, "j", 1, false, &changed, &err), 0);
	cr_assert_not(changed);
	cr_assert_eq(ck_tab_set_enabled(t, "j", 1, true, &changed, &err), 0);
	cr_assert(changed);
	expect_text(t, in);
	cr_assert(ck_job_enabled(ck_tab_find_id(t, "j", 1)));
	cr_assert_eq(ck_tab_set_enabled(t, "nope", 4, true, &changed, &err),
	    -1);
	cr_assert_eq(err.code, CK_ENOTFOUND);
	cr_assert_eq(err.line, 0);
	cr_assert_eq(err.column, 0);
	ck_tab_free(t);
}

Test(edit, set_disabled_writes_a_commented_job)
{
	ck_tab *t = parse("", 0);
	ck_job_spec s = spec("d", "@weekly", "cmd");

	s.disabled = true;
	cr_assert_eq(do_set(t, &s), CK_SET_CREATED);
	expect_text(t, "# cronkeep: d\n#@weekly cmd\n");
	cr_assert_eq(ck_tab_job_count(t), 1);
	cr_assert_not(ck_job_enabled(ck_tab_job(t, 0)));
	cr_assert_eq(do_set(t, &s), CK_SET_UNCHANGED);
	s.disabled = false;
	cr_assert_eq(do_set(t, &s), CK_SET_UPDATED);
	expect_text(t, "# cronkeep: d\n@weekly cmd\n");
	ck_tab_free(t);
}

Test(edit, comment_lives_on_the_marker_line)
{
	ck_tab *t = parse("", 0);
	ck_job_spec s = spec("c", "@daily", "cmd");

	s.comment = "nightly dump";
	s.comment_len = 12;
	cr_assert_eq(do_set(t, &s), CK_SET_CREATED);
	expect_text(t, "# cronkeep: c nightly dump\n@daily cmd\n");
	cr_assert_eq(do_set(t, &s), CK_SET_UNCHANGED);
	/* No comment given: the note stays. */
	s.comment = NULL;
	s.comment_len = 0;
	cr_assert_eq(do_set(t, &s), CK_SET_UNCHANGED);
	s.comment = "other";
	s.comment_len = 5;
	cr_assert_eq(do_set(t, &s), CK_SET_UPDATED);
	expect_text(t, "# cronkeep: c other\n@daily cmd\n");
	cr_assert_eq(t->lines[1].lflags & CK_LF_OWNED, CK_LF_OWNED);
	s.comment = "";
	s.comment_len = 0;
	cr_assert_eq(do_set(t, &s), CK_SET_UPDATED);
	expect_text(t, "# cronkeep: c\n@daily cmd\n");
	ck_tab_free(t);
}

Test(edit, remove_takes_the_marker_and_never_an_env_line)
{
	const char *in = "PATH=/bin\n# cronkeep: a\n0 1 * * * a\nX=1\n"
	    "#Ansible: b\n0 2 * * * b\n0 3 * * * c";
	ck_tab *t = parse(in, 0);
	size_t *v, n;
	ck_match m = CK_MATCH_INIT;
	ck_error err;

	m.id = "b";
	m.id_len = 1;
	cr_assert_eq(ck_tab_match(t, &m, &v, &n, &err), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(ck_tab_remove_jobs(t, v, n, &err), 0);
	free(v);
	expect_text(t, "PATH=/bin\n# cronkeep: a\n0 1 * * * a\nX=1\n"
	    "0 3 * * * c");
	m.id = "a";
	cr_assert_eq(ck_tab_match(t, &m, &v, &n, &err), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(ck_tab_remove_jobs(t, v, n, &err), 0);
	free(v);
	expect_text(t, "PATH=/bin\nX=1\n0 3 * * * c");
	ck_tab_free(t);
}

Test(edit, match_by_command_and_comment_regex)
{
	ck_tab *t = parse("# cronkeep: a nightly backup\n0 1 * * * rsync a\n"
	    "0 2 * * * rsync b # py-comment\n0 3 * * * other\n", 0);
	ck_match m = CK_MATCH_INIT;
	size_t *v, n;
	ck_error err;

	m.command_re = "^rsync ";
	cr_assert_eq(ck_tab_match(t, &m, &v, &n, &err), 0);
	cr_assert_eq(n, 2);
	cr_assert_eq(v[0], 0);
	cr_assert_eq(v[1], 1);
	free(v);
	m.command_re = NULL;
	m.comment_re = "night";
	cr_assert_eq(ck_tab_match(t, &m, &v, &n, &err), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(v[0], 0);
	free(v);
	m.comment_re = "py-comm";
	cr_assert_eq(ck_tab_match(t, &m, &v, &n, &err), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(v[0], 1);
	free(v);
	m.comment_re = "nomatch";
	cr_assert_eq(ck_tab_match(t, &m, &v, &n, &err), 0);
	cr_assert_eq(n, 0);
	cr_assert_null(v);
	m.comment_re = "(";
	cr_assert_eq(ck_tab_match(t, &m, &v, &n, &err), -1);
	cr_assert_eq(err.code, CK_EINVAL);
	cr_assert_eq(err.line, 0);
	cr_assert_eq(err.column, 0);
	ck_tab_free(t);
}

Test(edit, match_comment_reads_the_whole_marker_line)
{
	ck_tab *t = parse("#Ansible: rotate\n0 1 * * * a\n"
	    "# cronkeep: rotate2\n0 2 * * * b\n0 3 * * * c # Ansible\n", 0);
	ck_match m = CK_MATCH_INIT;
	size_t *v, n;
	ck_error err;

	/* The tool's marker picks its jobs; the id alone would not. */
	m.comment_re = "^#Ansible:";
	cr_assert_eq(ck_tab_match(t, &m, &v, &n, &err), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(v[0], 0);
	free(v);
	m.comment_re = "^# cronkeep: ";
	cr_assert_eq(ck_tab_match(t, &m, &v, &n, &err), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(v[0], 1);
	free(v);
	/* Anchored on the id, as before. */
	m.comment_re = "^rotate$";
	cr_assert_eq(ck_tab_match(t, &m, &v, &n, &err), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(v[0], 0);
	free(v);
	ck_tab_free(t);
}

Test(edit, replace_swaps_the_whole_document)
{
	ck_tab *t = parse("0 1 * * * a\n", 0);
	ck_error err;
	const char *nt = "# cronkeep: z\n@daily z\n";

	cr_assert_eq(ck_tab_replace(t, nt, strlen(nt), &err), 0);
	expect_text(t, nt);
	cr_assert_not_null(ck_tab_find_id(t, "z", 1));
	ck_tab_free(t);
}

/* Edits compose: random sets/disables/removes keep other lines intact. */
Test(edit, many_edits_keep_foreign_lines_byte_identical)
{
	const char *keep[] = { "SHELL=/bin/bash\r", "# a comment  ", "",
	    "  \t", "#Ansible: foreign", "1 2 3 4 5 foreign job" };
	char id[16], cmd[32], *out;
	ck_tab *t;
	ck_job_spec s;
	size_t i, k, *v, n, len, pos;
	ck_match m = CK_MATCH_INIT;
	ck_error err;
	struct ck_buf in = { 0 };

	for (i = 0; i < 6; i++) {
		ck_buf_adds(&in, keep[i]);
		ck_buf_addc(&in, '\n');
	}
	t = parse(in.p, 0);
	srand(7);
	for (i = 0; i < 300; i++) {
		k = (size_t)rand() % 20;
		snprintf(id, sizeof(id), "j%zu", k);
		snprintf(cmd, sizeof(cmd), "cmd %d", rand() % 3);
		switch (rand() % 4) {
		case 0:
		case 1:
			s = spec(id, rand() % 2 ? "@daily" : "*/5 * * * *", cmd);
			s.disabled = rand() % 3 == 0;
			cr_assert_eq(ck_tab_set(t, &s, NULL, NULL, &err), 0,
			    "%s", err.msg);
			break;
		case 2:
			if (ck_tab_set_enabled(t, id, strlen(id), rand() % 2,
			    NULL, &err) == -1)
				cr_assert_eq(err.code, CK_ENOTFOUND);
			break;
		case 3:
			m.id = id;
			m.id_len = strlen(id);
			cr_assert_eq(ck_tab_match(t, &m, &v, &n, &err), 0);
			cr_assert_leq(n, 1);
			cr_assert_eq(ck_tab_remove_jobs(t, v, n, &err), 0);
			free(v);
			break;
		}
	}
	cr_assert_eq(ck_tab_format(t, &out, &len, &err), 0);
	/* The untouched lines are still there, in order, at the start. */
	cr_assert_eq(memcmp(out, in.p, in.len), 0);
	for (pos = in.len; pos < len; pos++)
		cr_assert_neq(out[pos], '\r');
	free(out);
	ck_buf_free(&in);
	ck_tab_free(t);
}

/* ---- the unified diff ---- */

static char *
udiff(const char *a, const char *b)
{
	char *out;
	size_t len;
	ck_error err;

	cr_assert_eq(ck_udiff(a, strlen(a), b, strlen(b), "a/x", "b/x", &out,
	    &len, &err), 0);
	cr_assert_eq(strlen(out), len);
	return out;
}

Test(udiff, identical_texts_give_nothing)
{
	char *d = udiff("a\nb\n", "a\nb\n");

	cr_assert_str_eq(d, "");
	free(d);
}

Test(udiff, hunk_with_three_lines_of_context)
{
	char *d = udiff("1\n2\n3\n4\n5\n6\n7\n8\n9\n",
	    "1\n2\n3\n4\nfive\n6\n7\n8\n9\n");

	cr_assert_str_eq(d, "--- a/x\n+++ b/x\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n"
	    "-5\n+five\n 6\n 7\n 8\n");
	free(d);
}

Test(udiff, far_changes_get_separate_hunks_near_ones_merge)
{
	char *d = udiff("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
	    "X\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\nY\n");

	cr_assert_str_eq(d, "--- a/x\n+++ b/x\n@@ -1,4 +1,4 @@\n-1\n+X\n 2\n 3\n"
	    " 4\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+Y\n");
	free(d);
	d = udiff("1\n2\n3\n4\n5\n6\n7\n8\n", "X\n2\n3\n4\n5\n6\n7\nY\n");
	cr_assert_str_eq(d, "--- a/x\n+++ b/x\n@@ -1,8 +1,8 @@\n-1\n+X\n 2\n 3\n"
	    " 4\n 5\n 6\n 7\n-8\n+Y\n");
	free(d);
}

Test(udiff, empty_sides_and_missing_newline)
{
	char *d = udiff("", "a\nb");

	cr_assert_str_eq(d, "--- a/x\n+++ b/x\n@@ -0,0 +1,2 @@\n+a\n+b\n"
	    "\\ No newline at end of file\n");
	free(d);
	d = udiff("a\nb", "a\nb\n");
	cr_assert_str_eq(d, "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n"
	    "\\ No newline at end of file\n+b\n");
	free(d);
	d = udiff("a\n", "");
	cr_assert_str_eq(d, "--- a/x\n+++ b/x\n@@ -1 +0,0 @@\n-a\n");
	free(d);
}

/* Apply a unified diff to a; the result must be b. */
static char *
apply(const char *a, const char *diff)
{
	struct ck_buf out = { 0 };
	const char *p = diff, *nl, *ap = a;
	size_t astart, line = 1;
	char *end, last = ' ';

	/* Skip the two header lines. */
	if (*p == '\0')
		return strdup(a);
	p = strchr(p, '\n') + 1;
	p = strchr(p, '\n') + 1;
	while (*p != '\0') {
		cr_assert_eq(strncmp(p, "@@ -", 4), 0, "bad hunk at %s", p);
		astart = strtoul(p + 4, &end, 10);
		if (*end == ',' && strtoul(end + 1, NULL, 10) == 0)
			astart++;
		/* Copy a's lines before the hunk. */
		while (line < astart) {
			nl = strchr(ap, '\n');
			ck_buf_add(&out, ap, (size_t)(nl + 1 - ap));
			ap = nl + 1;
			line++;
		}
		p = strchr(p, '\n') + 1;
		while (*p == ' ' || *p == '-' || *p == '+' || *p == '\\') {
			nl = strchr(p, '\n');
			if (*p == '\\') {
				/* The previous line had no newline. */
				if (last != '-')
					out.len--;
				p = nl + 1;
				continue;
			}
			last = *p;
			if (*p != '+') {
				cr_assert_eq(strncmp(ap, p + 1,
				    (size_t)(nl - p - 1)), 0);
				ap += nl - p - 1;
				if (*ap == '\n')
					ap++;
				line++;
			}
			if (*p != '-')
				ck_buf_add(&out, p + 1, (size_t)(nl - p));
			p = nl + 1;
		}
	}
	ck_buf_adds(&out, ap);
	return ck_buf_take(&out, NULL);
}

static size_t
lcs(char **a, size_t n, char **b, size_t m)
{
	size_t *row = calloc((n + 1) * (m + 1), sizeof(size_t));
	size_t i, j, r;

	for (i = 1; i <= n; i++)
		for (j = 1; j <= m; j++)
			row[i * (m + 1) + j] = strcmp(a[i - 1], b[j - 1]) == 0 ?
			    row[(i - 1) * (m + 1) + j - 1] + 1 :
			    row[(i - 1) * (m + 1) + j] > row[i * (m + 1) + j - 1] ?
			    row[(i - 1) * (m + 1) + j] : row[i * (m + 1) + j - 1];
	r = row[n * (m + 1) + m];
	free(row);
	return r;
}

/* Random inputs: the diff applies, and it is minimal (n + m - 2 LCS). */
Test(udiff, random_diffs_apply_and_are_minimal)
{
	static const char *words[] = { "a", "b", "c", "d", "e" };
	char *al[40], *bl[40], *d, *got;
	struct ck_buf a, b;
	size_t n, m, i, changes, iter;
	const char *p;

	srand(11);
	for (iter = 0; iter < 2000; iter++) {
		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		n = (size_t)rand() % 25;
		m = (size_t)rand() % 25;
		for (i = 0; i < n; i++) {
			al[i] = (char *)words[rand() % 5];
			ck_buf_printf(&a, "%s\n", al[i]);
		}
		for (i = 0; i < m; i++) {
			bl[i] = (char *)words[rand() % 5];
			ck_buf_printf(&b, "%s\n", bl[i]);
		}
		d = udiff(a.p ? a.p : "", b.p ? b.p : "");
		got = apply(a.p ? a.p : "", d);
		cr_assert_str_eq(got, b.p ? b.p : "", "diff:\n%s", d);
		changes = 0;
		for (p = d; *p != '\0'; p = strchr(p, '\n') + 1)
			if ((*p == '-' || *p == '+') && p[1] != '-' &&
			    p[1] != '+')
				changes++;
		cr_assert_eq(changes, n + m - 2 * lcs(al, n, bl, m),
		    "not minimal:\n%s", d);
		free(got);
		free(d);
		ck_buf_free(&a);
		ck_buf_free(&b);
	}
}

Test(udiff, large_inputs_with_few_changes_are_fast)
{
	struct ck_buf a = { 0 }, b = { 0 };
	char *out;
	size_t len, i;
	ck_error err;

	for (i = 0; i < 200000; i++) {
		ck_buf_printf(&a, "%zu * * * * job %zu\n", i % 60, i);
		ck_buf_printf(&b, "%zu * * * * job %zu\n", i % 60,
		    i % 50000 == 7 ? i + 1 : i);
	}
	cr_assert_eq(ck_udiff(a.p, a.len, b.p, b.len, "a", "b", &out, &len,
	    &err), 0);
	cr_assert(strstr(out, "-7 * * * * job 7\n+7 * * * * job 8\n") != NULL);
	free(out);
	/* Everything different: still linear space, quadratic time bound. */
	ck_buf_free(&b);
	for (i = 0; i < 3000; i++)
		ck_buf_printf(&b, "other %zu\n", i);
	cr_assert_eq(ck_udiff(a.p, 3000 * 16, b.p, b.len, "a", "b", &out, &len,
	    &err), 0);
	free(out);
	ck_buf_free(&a);
	ck_buf_free(&b);
}

/* tab.c reads a CRLF line's '\r' as part of the command, as cron does. */
Test(edit, crlf_jobs_are_idempotent_and_edits_keep_crlf)
{
	ck_tab *t = parse("# cronkeep: j\r\n0 1 * * * a\r\nX=1", 0);
	ck_job_spec s = spec("j", "0 1 * * *", "a");
	ck_job_spec n = spec("n", "@daily", "b");
	const ck_job *job;
	size_t len;

	cr_assert_eq(do_set(t, &s), CK_SET_UNCHANGED);
	s.command = "c";
	cr_assert_eq(do_set(t, &s), CK_SET_UPDATED);
	expect_text(t, "# cronkeep: j\r\n0 1 * * * c\r\nX=1");
	job = ck_tab_find_id(t, "j", 1);
	cr_assert_eq(memcmp(ck_job_command(job, &len), "c\r", 2), 0);
	cr_assert_eq(len, 2);
	cr_assert_eq(do_set(t, &s), CK_SET_UNCHANGED);
	cr_assert_eq(do_set(t, &n), CK_SET_CREATED);
	expect_text(t, "# cronkeep: j\r\n0 1 * * * c\r\nX=1\r\n# cronkeep: n\r\n"
	    "@daily b\r\n");
	cr_assert_eq(do_set(t, &n), CK_SET_UNCHANGED);
	cr_assert_eq(ck_tab_set_enabled(t, "n", 1, false, NULL, NULL), 0);
	cr_assert_eq(ck_tab_set_enabled(t, "n", 1, true, NULL, NULL), 0);
	cr_assert_eq(do_set(t, &n), CK_SET_UNCHANGED);
	expect_text(t, "# cronkeep: j\r\n0 1 * * * c\r\nX=1\r\n# cronkeep: n\r\n"
	    "@daily b\r\n");
	job = ck_tab_find_id(t, "n", 1);
	cr_assert_eq(memcmp(ck_job_command(job, &len), "b\r", 2), 0);
	ck_tab_free(t);
}

/*
 * Removing a job must not let a stray marker above it adopt a commented
 * line below it: an empty line is left between them instead.
 */
Test(edit, remove_does_not_join_a_stray_marker_to_a_comment)
{
	static const char text[] = "# cronkeep: x\n# cronkeep: a\n"
	    "0 * * * * a\n#0 * * * * b\n0 1 * * * keep\n";
	ck_match m = CK_MATCH_INIT;
	ck_error err;
	ck_tab *t;
	size_t *idx = NULL, n = 0, len;
	char *out;

	t = ck_tab_parse(text, sizeof(text) - 1, CK_DIALECT_DEBIAN,
	    CK_PARSE_LENIENT, &err);
	cr_assert_not_null(t);
	m.id = "a";
	m.id_len = 1;
	cr_assert_eq(ck_tab_match(t, &m, &idx, &n, &err), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(ck_tab_remove_jobs(t, idx, n, &err), 0);
	cr_expect_eq(ck_tab_job_count(t), 1, "no disabled job x appeared");
	cr_expect_null(ck_tab_find_id(t, "x", 1));
	cr_assert_eq(ck_tab_format(t, &out, &len, &err), 0);
	cr_expect_str_eq(out, "# cronkeep: x\n\n#0 * * * * b\n"
	    "0 1 * * * keep\n");
	free(out);
	free(idx);
	ck_tab_free(t);
}

/* Issue 19: a spec's command is what the shell runs. */
Test(edit, command_is_encoded_for_cron)
{
	ck_tab *t = parse("", 0);
	ck_job_spec s = spec("p", "@daily", "date +%F > /tmp/x");
	ck_error err;

	cr_assert_eq(ck_tab_set(t, &s, NULL, NULL, &err), 0, "%s", err.msg);
	expect_text(t, "# cronkeep: p\n@daily date +\\%F > /tmp/x\n");
	s.raw = true;
	s.command = "mail ops%hello";
	s.command_len = strlen(s.command);
	cr_assert_eq(ck_tab_set(t, &s, NULL, NULL, &err), 0, "%s", err.msg);
	expect_text(t, "# cronkeep: p\n@daily mail ops%hello\n");
	ck_tab_free(t);
}

/* Encoding then splitting gives back the command, in every dialect. */
Test(edit, encode_round_trips)
{
	static const char *const cmds[] = { "plain", "a%b", "%%", "a\\b",
	    "a\\\\b", "x\\", "a\\%b", "100%\\", "\\\\%" };
	static const ck_dialect ds[] = { CK_DIALECT_DEBIAN, CK_DIALECT_CRONIE,
	    CK_DIALECT_OPENBSD, CK_DIALECT_BUSYBOX, CK_DIALECT_PORTABLE };
	ck_error err;
	char *enc, *back, *in;
	size_t i, k, len;

	for (k = 0; k < sizeof(ds) / sizeof(ds[0]); k++)
		for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
			if (ck_command_encode(cmds[i], strlen(cmds[i]), ds[k],
			    &enc, &len, &err) == -1) {
				cr_assert_eq(err.code, CK_EINVAL);
				/* Only a backslash before '%' or '\'. */
				cr_assert(strstr(cmds[i], "\\%") != NULL ||
				    (ds[k] == CK_DIALECT_PORTABLE &&
				    strstr(cmds[i], "\\\\") != NULL),
				    "%s refused in %s", cmds[i],
				    ck_dialect_name(ds[k]));
				continue;
			}
			cr_assert_eq(ck_command_split_dialect(enc, len, ds[k],
			    &back, &in, &err), 0);
			cr_assert_str_eq(back, cmds[i], "%s in %s", cmds[i],
			    ck_dialect_name(ds[k]));
			cr_assert_null(in);
			free(back);
			free(enc);
		}
	/* Debian can say a backslash before '%'; cronie cannot. */
	cr_assert_eq(ck_command_encode("a\\%b", 4, CK_DIALECT_DEBIAN, &enc,
	    &len, &err), 0);
	cr_assert_str_eq(enc, "a\\\\\\%b");
	free(enc);
	cr_assert_eq(ck_command_encode("a\\%b", 4, CK_DIALECT_CRONIE, &enc,
	    &len, &err), -1);
	cr_assert_eq(err.column, 2);
}

/* ---- edits by handle (ck_tab_job_adopt, ck_tab_job_set_enabled) ---- */

Test(edit, adopt_puts_a_marker_above_the_job_only)
{
	ck_tab *t = parse("MAILTO=a\r\n0 3 * * * backup\r\n# note\r\n"
	    "5 4 * * * other\r\n", 0);
	ck_job_spec s = spec("nightly", "0 4 * * *", "backup");
	ck_set_result r;
	ck_error err;

	cr_assert_eq(ck_tab_job_adopt(t, 0, "nightly", 7, &err), 0, "%s",
	    err.msg);
	expect_text(t, "MAILTO=a\r\n# cronkeep: nightly\r\n0 3 * * * backup\r\n"
	    "# note\r\n5 4 * * * other\r\n");
	/* Adopting again with the same id changes nothing. */
	cr_assert_eq(ck_tab_job_adopt(t, 0, "nightly", 7, &err), 0);
	/* Another id, an id in use, an index out of range: refused. */
	cr_assert_eq(ck_tab_job_adopt(t, 0, "other", 5, &err), -1);
	cr_assert_eq(err.code, CK_EINVAL);
	cr_assert_eq(ck_tab_job_adopt(t, 1, "nightly", 7, &err), -1);
	cr_assert_eq(err.line, 3);
	cr_assert_eq(ck_tab_job_adopt(t, 2, "x", 1, &err), -1);
	cr_assert_eq(ck_tab_job_adopt(t, 1, "bad id\n", 7, &err), -1);
	/* Now set reaches it by id: the job line changes in place. */
	cr_assert_eq(ck_tab_set(t, &s, &r, NULL, &err), 0, "%s", err.msg);
	cr_assert_eq(r, CK_SET_UPDATED);
	expect_text(t, "MAILTO=a\r\n# cronkeep: nightly\r\n0 4 * * * backup\r\n"
	    "# note\r\n5 4 * * * other\r\n");
	ck_tab_free(t);
}

Test(edit, set_enabled_by_handle)
{
	ck_tab *t = parse("# cronkeep: a\n0 3 * * * x\n5 4 * * * y\n"
	    "1 1 * * * z # py\n", 0);
	ck_error err;
	bool changed;

	cr_assert_eq(ck_tab_job_set_enabled(t, 0, false, &changed, &err), 0);
	cr_assert(changed);
	cr_assert_eq(ck_tab_job_set_enabled(t, 0, false, &changed, &err), 0);
	cr_assert(!changed);
	/* No marker: disabling would turn the job into a comment. */
	cr_assert_eq(ck_tab_job_set_enabled(t, 1, false, &changed, &err), -1);
	cr_assert_eq(err.code, CK_EINVAL);
	cr_assert_eq(err.line, 3);
	/* Enabling an enabled job without a marker: nothing to do. */
	cr_assert_eq(ck_tab_job_set_enabled(t, 1, true, &changed, &err), 0);
	cr_assert(!changed);
	/* python-crontab's id lives on the job line itself. */
	cr_assert_eq(ck_tab_job_set_enabled(t, 2, false, &changed, &err), 0);
	cr_assert(changed);
	expect_text(t, "# cronkeep: a\n#0 3 * * * x\n5 4 * * * y\n"
	    "# 1 1 * * * z # py\n");
	cr_assert_eq(ck_tab_job_set_enabled(t, 0, true, &changed, &err), 0);
	expect_text(t, "# cronkeep: a\n0 3 * * * x\n5 4 * * * y\n"
	    "# 1 1 * * * z # py\n");
	cr_assert_eq(ck_tab_job_set_enabled(t, 9, true, &changed, &err), -1);
	ck_tab_free(t);
}

/*
 * Another tool's id that could not be ours ("rotate logs") takes no note:
 * "# cronkeep: rotate logs NOTE" would read back as the id "rotate"
 * (found by fuzz_edit).  Without a note the job is updated under its own
 * marker.
 */
Test(edit, foreign_id_with_space_takes_no_note)
{
	ck_tab *t = parse("#Ansible: rotate logs\n0 2 * * * x\n", 0);
	ck_job_spec s = spec("rotate logs", "0 3 * * *", "x");
	ck_set_result r;
	ck_error err;

	s.comment = "a note";
	s.comment_len = 6;
	cr_assert_eq(ck_tab_set(t, &s, &r, NULL, &err), -1);
	cr_assert_eq(err.code, CK_EINVAL);
	expect_text(t, "#Ansible: rotate logs\n0 2 * * * x\n");
	s.comment = NULL;
	s.comment_len = 0;
	cr_assert_eq(ck_tab_set(t, &s, &r, NULL, &err), 0, "%s", err.msg);
	cr_assert_eq(r, CK_SET_UPDATED);
	expect_text(t, "#Ansible: rotate logs\n0 3 * * * x\n");
	cr_assert_not_null(ck_tab_find_id(t, "rotate logs", 11));
	ck_tab_free(t);
}
