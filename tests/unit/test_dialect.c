/* SPDX-License-Identifier: ISC */
/*
 * test_dialect.c - the dialect table (dialect.c, ck_dialect_facts()), the
 * one home of what each cron does: a few facts per dialect against
 * docs/dev/cron-dialects.md, so that a change to the table shows here
 * and is a decision, not an accident.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "internal.h"

#define F(d)	ck_dialect_facts(CK_DIALECT_##d)

Test(dialect, every_dialect_has_a_row)
{
	for (int d = 0; d < CK_DIALECT_COUNT; d++) {
		const struct ck_dialect_facts *f = ck_dialect_facts(d);

		cr_assert_not_null(f->name);
		cr_assert_str_eq(f->name, ck_dialect_name(d));
		cr_assert_not_null(f->spool_dir);
		cr_assert_not_null(f->default_path);
		cr_assert(f->max_line >= 998, "%s", f->name);
	}
	/* Unknown dialects read as debian. */
	cr_assert_eq(ck_dialect_facts((ck_dialect)CK_DIALECT_COUNT),
	    F(DEBIAN));
	cr_assert_eq(ck_dialect_facts((ck_dialect)-1), F(DEBIAN));
}

/* cron-dialects.md §1, the table of schedule differences. */
Test(dialect, schedules)
{
	/* text after a complete element ("*-5"): skipped by Debian only */
	cr_assert(F(DEBIAN)->skips_list_tail);
	cr_assert_not(F(CRONIE)->skips_list_tail);
	cr_assert_not(F(OPENBSD)->skips_list_tail);
	cr_assert_not(F(BUSYBOX)->skips_list_tail);
	cr_assert_not(F(PORTABLE)->skips_list_tail);
	/* reversed range "5-1" */
	cr_assert_eq(F(DEBIAN)->reversed_range, CK_REVERSED_EMPTY);
	cr_assert_eq(F(CRONIE)->reversed_range, CK_REVERSED_EMPTY);
	cr_assert_eq(F(OPENBSD)->reversed_range, CK_REVERSED_REFUSED);
	cr_assert_eq(F(BUSYBOX)->reversed_range, CK_REVERSED_WRAPS);
	cr_assert_eq(F(PORTABLE)->reversed_range, CK_REVERSED_REFUSED);
	/* "5-0": to 7 for Debian, for cronie without a step */
	cr_assert_eq(F(DEBIAN)->zero_end, CK_ZERO_END_SEVEN);
	cr_assert_eq(F(CRONIE)->zero_end, CK_ZERO_END_SEVEN_UNSTEPPED);
	cr_assert_eq(F(OPENBSD)->zero_end, CK_ZERO_END_REVERSED);
	cr_assert_eq(F(BUSYBOX)->zero_end, CK_ZERO_END_REVERSED);
	cr_assert_eq(F(PORTABLE)->zero_end, CK_ZERO_END_REVERSED);
	/* random values "a~b": cronie and OpenBSD */
	cr_assert_not(F(DEBIAN)->random_tilde);
	cr_assert(F(CRONIE)->random_tilde);
	cr_assert(F(OPENBSD)->random_tilde);
	cr_assert_not(F(BUSYBOX)->random_tilde);
	cr_assert_not(F(PORTABLE)->random_tilde);
	/* day-of-month "*\/n" from 0, weekday 7 and the day rule: busybox */
	for (int d = 0; d < CK_DIALECT_COUNT; d++) {
		bool bb = d == CK_DIALECT_BUSYBOX;
		const struct ck_dialect_facts *f = ck_dialect_facts(d);

		cr_assert_eq(f->dom_star_from_0, bb, "%s", f->name);
		cr_assert_eq(f->dow_seven_loops, bb, "%s", f->name);
		cr_assert_eq(f->day_star_by_bits, bb, "%s", f->name);
	}
	/* Debian and cronie read numbers as a C int that wraps; a step
	   that wraps below 0 is an error in Debian only */
	cr_assert(F(DEBIAN)->wraps_ints);
	cr_assert(F(CRONIE)->wraps_ints);
	cr_assert_not(F(OPENBSD)->wraps_ints);
	cr_assert(F(DEBIAN)->rejects_negative_step);
	cr_assert_not(F(CRONIE)->rejects_negative_step);
	cr_assert(F(DEBIAN)->checks_range_ends);
	cr_assert_not(F(CRONIE)->checks_range_ends);
}

/* cron-dialects.md §3, lines. */
Test(dialect, lines)
{
	/* Debian does not take "NAME=" as an assignment; busybox's
	   "MAILTO=" means no mail; cronie takes it too */
	cr_assert_not(F(DEBIAN)->env_empty_value);
	cr_assert(F(CRONIE)->env_empty_value);
	cr_assert(F(BUSYBOX)->env_empty_value);
	cr_assert_not(F(PORTABLE)->env_empty_value);
	/* a command that is only '\r': Debian, cronie and busybox run it */
	cr_assert(F(DEBIAN)->cr_command_runs);
	cr_assert(F(CRONIE)->cr_command_runs);
	cr_assert_not(F(OPENBSD)->cr_command_runs);
	cr_assert(F(BUSYBOX)->cr_command_runs);
	cr_assert_not(F(PORTABLE)->cr_command_runs);
	/* a job without a command: Debian's crontab(1) installs it */
	for (int d = 0; d < CK_DIALECT_COUNT; d++)
		cr_assert_eq(ck_dialect_facts(d)->empty_command_ok,
		    d == CK_DIALECT_DEBIAN, "%s", ck_dialect_name(d));
	/* busybox: the crontab's assignments never reach the jobs, and an
	   @keyword line crashes Debian's build */
	cr_assert_not(F(BUSYBOX)->tab_env_to_jobs);
	cr_assert(F(DEBIAN)->tab_env_to_jobs);
	cr_assert(F(BUSYBOX)->keyword_crashes);
	cr_assert_not(F(CRONIE)->keyword_crashes);
	/* options before the command: cronie "-n", OpenBSD "-n -q -s" */
	cr_assert_eq(F(CRONIE)->job_opts, CK_JOBOPT_N);
	cr_assert_eq(F(OPENBSD)->job_opts, CK_JOBOPT_NQS);
	cr_assert_eq(F(DEBIAN)->job_opts, CK_JOBOPT_NONE);
	cr_assert_eq(F(PORTABLE)->job_opts, CK_JOBOPT_NONE);
	cr_assert(F(CRONIE)->dash_nolog);
	cr_assert_not(F(DEBIAN)->dash_nolog);
	/* '%': none in busybox; Vixie 3.0 also unescapes "\\" */
	cr_assert_eq(F(BUSYBOX)->percent, CK_PERCENT_LITERAL);
	cr_assert_eq(F(CRONIE)->percent, CK_PERCENT_VIXIE);
	cr_assert_eq(F(OPENBSD)->percent, CK_PERCENT_VIXIE);
	cr_assert_eq(F(DEBIAN)->percent, CK_PERCENT_VIXIE3);
	cr_assert_eq(F(PORTABLE)->percent, CK_PERCENT_VIXIE3);
	/* USER except on Debian (cronkeep run --help) */
	cr_assert_not(F(DEBIAN)->sets_user);
	cr_assert(F(CRONIE)->sets_user);
	cr_assert_str_eq(F(CRONIE)->default_path,
	    "/usr/bin:/bin:/usr/sbin:/sbin");
	cr_assert_str_eq(F(DEBIAN)->default_path, "/usr/bin:/bin");
	/* Vixie 3.0 keeps 1000 bytes of a line, cronie 131072 */
	cr_assert_eq(F(DEBIAN)->max_line, 998);
	cr_assert_eq(F(CRONIE)->max_line, 131070);
}

/* cron-dialects.md §4 and the code that lists a host's crontabs. */
Test(dialect, where_crontabs_live)
{
	cr_assert_str_eq(F(DEBIAN)->spool_dir, "/var/spool/cron/crontabs");
	cr_assert_str_eq(F(CRONIE)->spool_dir, "/var/spool/cron");
	cr_assert_str_eq(F(OPENBSD)->spool_dir, "/var/cron/tabs");
	cr_assert_not_null(F(OPENBSD)->skips_cron_d);
	cr_assert_not_null(F(BUSYBOX)->skips_cron_d);
	cr_assert_not_null(F(BUSYBOX)->skips_crontab);
	cr_assert_null(F(DEBIAN)->skips_cron_d);
	cr_assert_null(F(CRONIE)->skips_crontab);
	cr_assert(F(CRONIE)->cron_tz);
	cr_assert_not(F(DEBIAN)->cron_tz);
	cr_assert(F(CRONIE)->cronie_modes);
	cr_assert(F(PORTABLE)->cronie_modes);
	cr_assert_not(F(DEBIAN)->cronie_modes);
	cr_assert_eq(F(DEBIAN)->spool_header, CK_HEADER_HIDDEN);
	cr_assert_eq(F(OPENBSD)->spool_header, CK_HEADER_SHOWN);
	cr_assert_eq(F(CRONIE)->spool_header, CK_HEADER_NONE);
	cr_assert(F(DEBIAN)->direct_spool);
	cr_assert(F(CRONIE)->direct_spool);
	cr_assert_not(F(OPENBSD)->direct_spool);
	cr_assert_eq(F(BUSYBOX)->dst, CK_DST_CALENDAR);
	cr_assert_eq(F(DEBIAN)->dst, CK_DST_VIXIE);
}

/* The names each cron skips in /etc/cron.d, as ck_store_ignored_name()
   answers from the table's cron_d_names. */
Test(dialect, cron_d_names)
{
	static const struct {
		const char *name;
		bool debian, cronie, portable;	/* skipped? */
	} v[] = {
		{ "backup", false, false, false },
		{ "back-up_2", false, false, false },
		{ "backup.sh", true, false, true },
		{ "backup.rpmsave", true, true, true },
		{ "backup~", true, true, true },
		{ "#backup", true, true, true },
		{ ".backup", true, true, true },
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		cr_assert_eq(ck_store_ignored_name(v[i].name,
		    CK_DIALECT_DEBIAN) != NULL, v[i].debian, "%s", v[i].name);
		cr_assert_eq(ck_store_ignored_name(v[i].name,
		    CK_DIALECT_CRONIE) != NULL, v[i].cronie, "%s", v[i].name);
		cr_assert_eq(ck_store_ignored_name(v[i].name,
		    CK_DIALECT_PORTABLE) != NULL, v[i].portable, "%s",
		    v[i].name);
	}
}

/* The rules read the table: a few verdicts that follow from it. */
Test(dialect, the_grammar_follows_the_table)
{
	ck_error err;
	ck_expr *e;

	for (int d = 0; d < CK_DIALECT_COUNT; d++) {
		const struct ck_dialect_facts *f = ck_dialect_facts(d);

		memset(&err, 0, sizeof(err));
		/* Debian reads "1" and skips the rest ("~5"). */
		e = ck_expr_parse("1~5 * * * *", 11, d, &err);
		cr_assert_eq(e != NULL, f->random_tilde || f->skips_list_tail,
		    "%s", f->name);
		ck_expr_free(e);
		e = ck_expr_parse("5-1 * * * *", 11, d, &err);
		cr_assert_eq(e != NULL,
		    f->reversed_range != CK_REVERSED_REFUSED, "%s", f->name);
		ck_expr_free(e);
		e = ck_expr_parse("0 0 * * 5-0", 11, d, &err);
		cr_assert_eq(e != NULL,
		    f->reversed_range != CK_REVERSED_REFUSED, "%s", f->name);
		if (e != NULL && f->zero_end != CK_ZERO_END_REVERSED)
			cr_assert_eq(e->dow, (1 << 5) | (1 << 6) | 1,
			    "%s: 5-0 is 5-7", f->name);
		ck_expr_free(e);
	}
}
