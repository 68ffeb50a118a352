/* SPDX-License-Identifier: ISC */
/*
 * test_tabdiff.c - ck_tab_diff(): jobs added, removed and changed (in
 * schedule, spelling, command, state, user, place, environment), matched
 * by id before command, and nothing listed for identical crontabs.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "cronkeep.h"

static ck_tab *
parse(const char *s, unsigned int flags)
{
	ck_error err;
	ck_tab *t = ck_tab_parse(s, strlen(s), CK_DIALECT_DEBIAN, flags, &err);

	cr_assert_not_null(t, "%s", err.msg);
	return t;
}

/* One expected entry: the jobs' lines (0-based, -1: none), bits, env. */
struct want {
	long		 old, new_;
	unsigned int	 what;
	const char	*env;
};

static void
check(const char *a, const char *b, unsigned int flags,
    const struct want *w, size_t n)
{
	ck_tab *ta = parse(a, 0), *tb = parse(b, 0);
	ck_error err;
	ck_tabdiff *d = ck_tab_diff(ta, tb, flags, &err);
	size_t i;

	cr_assert_not_null(d, "%s", err.msg);
	cr_assert_eq(ck_tabdiff_count(d), n, "count %zu, want %zu",
	    ck_tabdiff_count(d), n);
	for (i = 0; i < n; i++) {
		const ck_jobdiff *j = ck_tabdiff_at(d, i);

		cr_assert_not_null(j);
		if (w[i].old < 0)
			cr_assert_null(j->old, "entry %zu", i);
		else {
			cr_assert_not_null(j->old, "entry %zu", i);
			cr_assert_eq(ck_job_line(j->old), (size_t)w[i].old,
			    "entry %zu: old line %zu", i, ck_job_line(j->old));
		}
		if (w[i].new_ < 0)
			cr_assert_null(j->new_, "entry %zu", i);
		else {
			cr_assert_not_null(j->new_, "entry %zu", i);
			cr_assert_eq(ck_job_line(j->new_), (size_t)w[i].new_,
			    "entry %zu: new line %zu", i,
			    ck_job_line(j->new_));
		}
		cr_assert_eq(j->what, w[i].what, "entry %zu: what %#x, want "
		    "%#x", i, j->what, w[i].what);
		if (w[i].env == NULL)
			cr_assert_null(j->env, "entry %zu: env %s", i, j->env);
		else
			cr_assert_str_eq(j->env, w[i].env, "entry %zu", i);
	}
	cr_assert_null(ck_tabdiff_at(d, n));
	ck_tabdiff_free(d);
	ck_tab_free(ta);
	ck_tab_free(tb);
}

#define N(w)	(sizeof(w) / sizeof((w)[0]))

Test(tabdiff, identical)
{
	static const char t[] =
	    "MAILTO=root\n"
	    "# cronkeep: backup\n"
	    "0 3 * * * /usr/bin/backup\n"
	    "*/5 * * * * /usr/bin/poll\n";

	check(t, t, 0, NULL, 0);
	check("", "", 0, NULL, 0);
}

Test(tabdiff, layout_does_not_count)
{
	/* Comments, blank lines, spacing: no entry. */
	check("0 3 * * * a\n*/5 * * * * b\n",
	    "# nightly\n\n0  3\t* * *   a\n\n# poll\n*/5 * * * * b\n", 0,
	    NULL, 0);
}

Test(tabdiff, added_and_removed)
{
	static const struct want w[] = {
		{ -1, 1, CK_DIFF_ADDED, NULL },
		{ 0, -1, CK_DIFF_REMOVED, NULL },
	};

	check("0 1 * * * old\n2 2 * * * same\n",
	    "2 2 * * * same\n5 5 * * * new\n", 0, w, N(w));
}

Test(tabdiff, removed_after_new_order)
{
	static const struct want w[] = {
		{ -1, 0, CK_DIFF_ADDED, NULL },
		{ -1, 1, CK_DIFF_ADDED, NULL },
		{ 0, -1, CK_DIFF_REMOVED, NULL },
		{ 1, -1, CK_DIFF_REMOVED, NULL },
	};

	check("1 1 * * * a\n2 2 * * * b\n", "3 3 * * * c\n4 4 * * * d\n", 0,
	    w, N(w));
}

Test(tabdiff, schedule_and_respelled)
{
	static const struct want w[] = {
		{ 0, 0, CK_DIFF_RESPELLED, NULL },
		{ 1, 1, CK_DIFF_SCHEDULE, NULL },
	};

	/* Same times, other spelling; then other times. */
	check("0 * * * * a\n0 3 * * * b\n", "@hourly a\n0 4 * * * b\n", 0, w,
	    N(w));
}

Test(tabdiff, command_changed_by_id)
{
	static const struct want w[] = {
		{ 1, 1, CK_DIFF_COMMAND, NULL },
	};

	check("# cronkeep: backup\n0 3 * * * /usr/bin/backup\n",
	    "# cronkeep: backup\n0 3 * * * /usr/bin/backup --full\n", 0, w,
	    N(w));
}

Test(tabdiff, id_wins_over_command)
{
	/*
	 * By id, "x" keeps its id and changes command and schedule; without
	 * ids, the same text would be one job removed and one added.
	 */
	static const struct want by_id[] = {
		{ 1, 1, CK_DIFF_SCHEDULE | CK_DIFF_COMMAND, NULL },
	};
	static const struct want by_key[] = {
		{ -1, 0, CK_DIFF_ADDED, NULL },
		{ 0, -1, CK_DIFF_REMOVED, NULL },
	};

	check("# cronkeep: x\n0 1 * * * one\n",
	    "# cronkeep: x\n0 2 * * * two\n", 0, by_id, N(by_id));
	check("0 1 * * * one\n", "0 2 * * * two\n", 0, by_key, N(by_key));
}

Test(tabdiff, id_pairs_even_when_commands_swap)
{
	/*
	 * Two jobs whose commands swapped: ids pair them to their own
	 * entries, each with a changed command; without ids the commands
	 * pair, both schedules changed, and the one out of the longest run
	 * of kept order moved.
	 */
	static const struct want by_id[] = {
		{ 1, 1, CK_DIFF_COMMAND, NULL },
		{ 3, 3, CK_DIFF_COMMAND, NULL },
	};
	static const struct want by_key[] = {
		{ 1, 0, CK_DIFF_SCHEDULE | CK_DIFF_MOVED, NULL },
		{ 0, 1, CK_DIFF_SCHEDULE, NULL },
	};

	check("# cronkeep: a\n0 1 * * * one\n# cronkeep: b\n0 2 * * * two\n",
	    "# cronkeep: a\n0 1 * * * two\n# cronkeep: b\n0 2 * * * one\n", 0,
	    by_id, N(by_id));
	check("0 1 * * * one\n0 2 * * * two\n",
	    "0 1 * * * two\n0 2 * * * one\n", 0, by_key, N(by_key));
}

Test(tabdiff, key_matched_by_command)
{
	/* No ids: the same command is the same job, its schedule changed. */
	static const struct want w[] = {
		{ 0, 0, CK_DIFF_SCHEDULE, NULL },
	};

	check("0 1 * * * /bin/report\n", "30 1 * * * /bin/report\n", 0, w,
	    N(w));
}

Test(tabdiff, enabled_and_moved)
{
	static const struct want w[] = {
		{ 2, 1, CK_DIFF_ENABLED | CK_DIFF_MOVED, NULL },
	};

	/* A disabled job is one under a marker; a stays, b moved. */
	check("1 1 * * * a\n# cronkeep: b\n2 2 * * * b\n",
	    "# cronkeep: b\n#2 2 * * * b\n1 1 * * * a\n", 0, w, N(w));
}

Test(tabdiff, env_changes)
{
	/*
	 * A job whose effective environment changed lists the names; a job
	 * above the change does not see it.
	 */
	static const struct want w[] = {
		{ 3, 3, CK_DIFF_ENV, "MAILTO, PATH" },
	};

	check("0 1 * * * early\nMAILTO=a\nPATH=/bin\n0 2 * * * late\n",
	    "0 1 * * * early\nMAILTO=b\nPATH=/usr/bin\n0 2 * * * late\n", 0,
	    w, N(w));
}

Test(tabdiff, env_set_and_unset)
{
	static const struct want w[] = {
		{ 1, 1, CK_DIFF_ENV, "A, B" },
	};

	check("A=1\n0 1 * * * j\n", "B=2\n0 1 * * * j\n", 0, w, N(w));
}

Test(tabdiff, ignore_comments)
{
	/* A job paired by its marker; its trailing " # note" changed. */
	static const char a[] = "# cronkeep: j\n0 1 * * * job # old note\n";
	static const char b[] = "# cronkeep: j\n0 1 * * * job # new note\n";
	static const struct want w[] = {
		{ 1, 1, CK_DIFF_COMMAND, NULL },
	};

	check(a, b, 0, w, N(w));
	check(a, b, CK_DIFF_IGNORE_COMMENTS, NULL, 0);
}

Test(tabdiff, user_column)
{
	static const struct want w[] = {
		{ 0, 0, CK_DIFF_USER, NULL },
	};
	ck_tab *a = parse("0 1 * * * root job\n", CK_PARSE_SYSTEM);
	ck_tab *b = parse("0 1 * * * www job\n", CK_PARSE_SYSTEM);
	ck_tabdiff *d = ck_tab_diff(a, b, 0, NULL);

	cr_assert_not_null(d);
	cr_assert_eq(ck_tabdiff_count(d), N(w));
	cr_assert_eq(ck_tabdiff_at(d, 0)->what, w[0].what);
	ck_tabdiff_free(d);
	ck_tab_free(a);
	ck_tab_free(b);
}

Test(tabdiff, null_is_empty)
{
	cr_assert_eq(ck_tabdiff_count(NULL), 0);
	cr_assert_null(ck_tabdiff_at(NULL, 0));
	ck_tabdiff_free(NULL);
}
