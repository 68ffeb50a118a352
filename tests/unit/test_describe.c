/* SPDX-License-Identifier: ISC */
/*
 * test_describe.c - English sentences for schedules: a table of
 * expressions and the exact sentence each must give, covering cron's
 * day-of-month / day-of-week rule, schedules that never fire, leap days,
 * @keywords, names, Sunday as 0 and 7, steps, lists and month ranges.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct row {
	const char	*expr;
	const char	*want;
};

static const struct row rows[] = {
	/* Minutes and hours. */
	{ "* * * * *", "every minute" },
	{ "*/1 * * * *", "every minute" },
	{ "*/15 * * * *", "every 15 minutes" },
	{ "0,15,30,45 * * * *", "every 15 minutes" },
	{ "*/30 * * * *", "every 30 minutes" },
	{ "*/35 * * * *", "every hour at minutes 0 and 35" },
	{ "*/25 * * * *", "every hour at minutes 0, 25 and 50" },
	{ "*/7 * * * *",
	    "every 7 minutes from minute 0 through 56 past every hour" },
	{ "1-59/20 * * * *", "every hour at minutes 1, 21 and 41" },
	{ "1-59/2 * * * *", "every 2 minutes starting at minute 1" },
	{ "0-29 * * * *",
	    "every minute from minute 0 through 29 past every hour" },
	{ "0 * * * *", "every hour" },
	{ "15 * * * *", "every hour at minute 15" },
	{ "5 4 * * *", "at 04:05 every day" },
	{ "0 0,12 * * *", "at 00:00 and 12:00 every day" },
	{ "0 */12 * * *", "at 00:00 and 12:00 every day" },
	{ "0 */2 * * *", "every 2 hours" },
	{ "30 */2 * * *", "every 2 hours at minute 30" },
	{ "23 0-23/2 * * *", "every 2 hours at minute 23" },
	{ "0 */5 * * *", "every 5 hours from 00:00 to 20:00" },
	{ "0 */23 * * *", "at 00:00 and 23:00 every day" },
	{ "0 9-17/2 * * *", "every 2 hours from 09:00 to 17:00" },
	{ "0 9-17 * * *", "every hour from 09:00 to 17:00" },
	{ "15 1-23/2 * * *", "every 2 hours from 01:15 to 23:15" },
	{ "0 0-5,12-17 * * *",
	    "every hour from 00:00 to 05:00 and from 12:00 to 17:00" },
	{ "0 1,5,9,20 * * *", "at 01:00, 05:00, 09:00 and 20:00 every day" },
	{ "* 3 * * *", "every minute from 03:00 to 03:59" },
	{ "* 3,5 * * *",
	    "every minute from 03:00 to 03:59 and from 05:00 to 05:59" },
	{ "*/10 2 * * *", "every 10 minutes from 02:00 to 02:50" },
	{ "*/7 3 * * *", "every 7 minutes from 03:00 to 03:56" },
	{ "0-29 3 * * *", "every minute from 03:00 to 03:29" },
	{ "0,30 9,17 * * *", "at 09:00, 09:30, 17:00 and 17:30 every day" },
	{ "5,10 9-17 * * *",
	    "at minutes 5 and 10 past every hour from 9 through 17" },
	{ "0-29 9-17 * * *", "every minute from minute 0 through 29 past "
	    "every hour from 9 through 17" },
	{ "5-59/15 9-17 * * *", "every 15 minutes from 09:05 to 17:50" },
	{ "59 23 * * *", "at 23:59 every day" },
	/* Days of the week, names, Sunday as 0 and 7. */
	{ "0 9 * * 1-5", "at 09:00 on weekdays" },
	{ "0 9 * * MON-FRI", "at 09:00 on weekdays" },
	{ "30 18 * * mon,tue,wed,thu,fri", "at 18:30 on weekdays" },
	{ "0 10 * * sat,sun", "at 10:00 on weekends" },
	{ "0 10 * * 6,7", "at 10:00 on weekends" },
	{ "5 4 * * sun", "at 04:05 on every Sunday" },
	{ "0 0 * * 7", "at 00:00 on every Sunday" },
	{ "0 0 * * 0,7", "at 00:00 on every Sunday" },
	{ "0 0 * * 1,3,5", "at 00:00 on every Monday, Wednesday and Friday" },
	{ "0 0 * * 2-4", "at 00:00 on every day from Tuesday to Thursday" },
	{ "0 0 * * 5-7", "at 00:00 on every day from Friday to Sunday" },
	{ "0 0 * * */2",
	    "at 00:00 on every Tuesday, Thursday, Saturday and Sunday" },
	{ "*/15 9-17 * * 1-5",
	    "every 15 minutes from 09:00 to 17:45 on weekdays" },
	{ "0 9-17/4 * * mon-fri", "at 09:00, 13:00 and 17:00 on weekdays" },
	{ "0,30 8-9 * * 6,0",
	    "at 08:00, 08:30, 09:00 and 09:30 on weekends" },
	{ "0 0 * * 0-6", "at 00:00 every day" },
	/* Days of the month. */
	{ "0 0 1 * *", "at 00:00 on day 1 of the month" },
	{ "0 0 1,15 * *", "at 00:00 on days 1 and 15 of the month" },
	{ "0 0 1-7 * *", "at 00:00 on days 1 through 7 of the month" },
	{ "0 0 */2 * *", "at 00:00 on odd days of the month" },
	{ "0 0 2-31/2 * *", "at 00:00 on even days of the month" },
	{ "0 0 */5 * *",
	    "at 00:00 on every 5th day from day 1 through 31 of the month" },
	{ "0 0 31 * *",
	    "at 00:00 on day 31 of the month (only in months with a 31st)" },
	{ "0 0 30,31 * *",
	    "at 00:00 on days 30 and 31 of the month (not in February)" },
	{ "0 0 29 * *", "at 00:00 on day 29 of the month "
	    "(in February only in leap years)" },
	/* cron's rule: both restricted is OR, a leading '*' is AND. */
	{ "0 0 1 * 1", "at 00:00 on day 1 of the month and on every Monday" },
	{ "0 12 13 * 5",
	    "at 12:00 on day 13 of the month and on every Friday" },
	{ "30 4 1,15 * 5",
	    "at 04:30 on days 1 and 15 of the month and on every Friday" },
	{ "0 0 1 * 1-5", "at 00:00 on day 1 of the month and on weekdays" },
	{ "0 0 1-31 * 1", "at 00:00 every day" },
	{ "0 0 1-31 * mon", "at 00:00 every day" },
	{ "0 0 */2 * 1", "at 00:00 on odd days of the month that are Mondays" },
	{ "0 0 */2 * 1-5",
	    "at 00:00 on odd days of the month that are weekdays" },
	{ "0 0 */1 * 1", "at 00:00 on every Monday" },
	{ "0 0 1 * */2", "at 00:00 on day 1 of the month if it is a Tuesday, "
	    "Thursday, Saturday or Sunday" },
	{ "0 0 31 * 1", "at 00:00 on day 31 of the month (only in months "
	    "with a 31st) and on every Monday" },
	/* Months. */
	{ "0 0 * 6-8 *", "at 00:00 every day from June to August" },
	{ "0 0 * jun-aug *", "at 00:00 every day from June to August" },
	{ "0 12 * 1,4,7,10 *",
	    "at 12:00 every day in January, April, July and October" },
	{ "0 0 1 jan-mar/2 *",
	    "at 00:00 on day 1 of the month in January and March" },
	{ "*/15 * * 2 *", "every 15 minutes in February" },
	{ "59 23 31 12 *", "at 23:59 on December 31" },
	{ "0 0 1,15 3 *", "at 00:00 on March 1 and 15" },
	{ "0 0 1 1 1",
	    "at 00:00 on day 1 of the month and on every Monday, in January" },
	{ "0 0 1 * 1-5", "at 00:00 on day 1 of the month and on weekdays" },
	{ "0 0 1 1,7 1", "at 00:00 on day 1 of the month and on every "
	    "Monday, in January and July" },
	{ "0 0 29 1-3 *", "at 00:00 on day 29 of the month from January to "
	    "March (in February only in leap years)" },
	/* Leap days and schedules that never fire. */
	{ "0 0 29 2 *", "at 00:00 on February 29 (leap years only)" },
	{ "0 0 29 2 */2", "at 00:00 on February 29 if it is a Tuesday, "
	    "Thursday, Saturday or Sunday (leap years only)" },
	{ "0 0 30 2 *", "never: February has no 30th" },
	{ "0 0 30,31 4 *", "at 00:00 on April 30 (April has no 31st)" },
	{ "0 0 1,31 6 1", "at 00:00 on days 1 and 31 of the month (June has "
	    "no 31st) and on every Monday, in June" },
	{ "0 0 1,31 6 *", "at 00:00 on June 1 (June has no 31st)" },
	{ "0 0 29-31 2 *", "at 00:00 on February 29 (February has no 30th "
	    "or 31st; leap years only)" },
	{ "0 0 28,29 2 *",
	    "at 00:00 on February 28 and 29 (the 29th in leap years only)" },
	{ "0 0 1,15,31 2-4 *", "at 00:00 on days 1, 15 and 31 of the month "
	    "from February to April" },
	{ "0 0 30,31 2 *", "never: February has no 30th or 31st" },
	{ "0 0 31 4,6,9,11 *",
	    "never: April, June, September and November have no 31st" },
	{ "0 0 31 2,4 *", "never: February and April have no 31st" },
	{ "0 0 30 2 */2", "never: February has no 30th" },
	{ "0 0 30 2 0",
	    "at 00:00 on every Sunday in February (February has no 30th)" },
	/* @keywords. */
	{ "@reboot", "at system start-up" },
	{ "@yearly", "every year on January 1 at 00:00" },
	{ "@annually", "every year on January 1 at 00:00" },
	{ "@monthly", "on the first day of every month at 00:00" },
	{ "@weekly", "every Sunday at 00:00" },
	{ "@daily", "every day at midnight" },
	{ "@midnight", "every day at midnight" },
	{ "@hourly", "every hour" },
	{ "0 0 1 1 *", "at 00:00 on January 1" },
};

Test(describe, table_of_expressions)
{
	size_t i, n = sizeof(rows) / sizeof(rows[0]);
	ck_error err;
	ck_expr *e;
	char *s;

	cr_assert_geq(n, 60);
	for (i = 0; i < n; i++) {
		e = ck_expr_parse(rows[i].expr, strlen(rows[i].expr),
		    CK_DIALECT_DEBIAN, &err);
		cr_assert_not_null(e, "%s: %s", rows[i].expr, err.msg);
		s = ck_expr_describe(e, 0, &err);
		cr_assert_not_null(s, "%s: %s", rows[i].expr, err.msg);
		cr_expect_str_eq(s, rows[i].want, "%s:\n  got  %s\n  want %s",
		    rows[i].expr, s, rows[i].want);
		free(s);
		ck_expr_free(e);
	}
}

static char *
describe(const char *expr, unsigned int flags)
{
	ck_error err;
	ck_expr *e;
	char *s;

	e = ck_expr_parse(expr, strlen(expr), CK_DIALECT_DEBIAN, &err);
	cr_assert_not_null(e, "%s: %s", expr, err.msg);
	s = ck_expr_describe(e, flags, &err);
	cr_assert_not_null(s, "%s", err.msg);
	ck_expr_free(e);
	return s;
}

Test(describe, twelve_hour_clock)
{
	static const struct row t[] = {
		{ "0 9-17/2 * * *", "every 2 hours from 9:00 AM to 5:00 PM" },
		{ "0 0,12 * * *", "at 12:00 AM and 12:00 PM every day" },
		{ "30 18 * * 1-5", "at 6:30 PM on weekdays" },
		{ "@yearly", "every year on January 1 at 12:00 AM" },
	};
	size_t i;
	char *s;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		s = describe(t[i].expr, CK_DESCRIBE_12H);
		cr_expect_str_eq(s, t[i].want, "%s: got %s", t[i].expr, s);
		free(s);
	}
}

Test(describe, sentence_flag_capitalises_and_ends_with_a_period)
{
	char *s = describe("0 9 * * 1-5", CK_DESCRIBE_SENTENCE);

	cr_expect_str_eq(s, "At 09:00 on weekdays.");
	free(s);
	s = describe("0 0 30 2 *", CK_DESCRIBE_SENTENCE);
	cr_expect_str_eq(s, "Never: February has no 30th.");
	free(s);
}

Test(describe, spellings_of_one_set_read_the_same)
{
	static const char *const same[] = {
		"0 9 * * 1-5", "0 9 * * mon-fri", "0 9 * * 1,2,3,4,5",
		"00 09 * * MON,2-3,thu,5", "0 9 * * 1-5/1",
	};
	char *first = describe(same[0], 0), *s;
	size_t i;

	for (i = 1; i < sizeof(same) / sizeof(same[0]); i++) {
		s = describe(same[i], 0);
		cr_expect_str_eq(s, first, "%s", same[i]);
		free(s);
	}
	free(first);
}

Test(describe, fields_on_their_own)
{
	static const struct {
		const char	*expr;
		enum ck_field	 f;
		const char	*want;
	} t[] = {
		{ "*/15 * * * *", CK_FIELD_MINUTE, "every 15 minutes" },
		{ "* * * * *", CK_FIELD_MINUTE, "every minute" },
		{ "5 * * * *", CK_FIELD_MINUTE, "minute 5" },
		{ "0,30 * * * *", CK_FIELD_MINUTE, "every 30 minutes" },
		{ "* 9-17 * * *", CK_FIELD_HOUR, "hours 9 through 17" },
		{ "* 1-23/2 * * *", CK_FIELD_HOUR,
		    "every 2nd hour from 1 through 23" },
		{ "* * 1,15 * *", CK_FIELD_DOM, "days 1 and 15" },
		{ "* * * 1,7 *", CK_FIELD_MONTH, "January and July" },
		{ "* * * 3-9 *", CK_FIELD_MONTH, "March through September" },
		{ "* * * * 1-5", CK_FIELD_DOW, "weekdays" },
		{ "* * * * 1,3", CK_FIELD_DOW, "Monday and Wednesday" },
		{ "* * * * *", CK_FIELD_DOW, "every day of the week" },
	};
	ck_error err;
	ck_expr *e;
	char *s;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		e = ck_expr_parse(t[i].expr, strlen(t[i].expr),
		    CK_DIALECT_DEBIAN, &err);
		cr_assert_not_null(e);
		s = ck_expr_describe_field(e, t[i].f, 0, &err);
		cr_assert_not_null(s);
		cr_expect_str_eq(s, t[i].want, "%s field %d: got %s",
		    t[i].expr, (int)t[i].f, s);
		free(s);
		ck_expr_free(e);
	}
	e = ck_expr_parse("* * * * *", 9, CK_DIALECT_DEBIAN, &err);
	cr_assert_not_null(e);
	memset(&err, 0, sizeof(err));
	cr_expect_null(ck_expr_describe_field(e, CK_FIELD_COUNT, 0, &err));
	cr_expect_eq(err.code, CK_EINVAL);
	cr_expect_eq(err.line, 0);
	cr_expect_eq(err.column, 0);
	ck_expr_free(e);
}

Test(describe, null_schedule_is_an_error)
{
	ck_error err;

	memset(&err, 0, sizeof(err));
	cr_expect_null(ck_expr_describe(NULL, 0, &err));
	cr_expect_eq(err.code, CK_EINVAL);
	cr_expect_eq(err.line, 0);
	cr_expect_eq(err.column, 0);
}

/*
 * The sentence says "never" exactly when no minute of a full 400-year
 * Gregorian cycle matches: checked against ck_expr_matches() for every
 * day, over a set of day/month combinations.
 */
Test(describe, never_agrees_with_matching)
{
	static const char *const exprs[] = {
		"0 0 30 2 *", "0 0 29 2 *", "0 0 31 4,6,9,11 *", "0 0 31 * *",
		"0 0 30 2 0", "0 0 30 2 */2", "0 0 31 2,4 1", "0 0 31 2,4 */3",
		"0 0 29,30 2 *", "0 0 */2 2 1",
	};
	struct tm tm;
	time_t t;
	size_t i;
	bool fires;
	char *s;
	ck_error err;
	ck_expr *e;

	for (i = 0; i < sizeof(exprs) / sizeof(exprs[0]); i++) {
		e = ck_expr_parse(exprs[i], strlen(exprs[i]),
		    CK_DIALECT_DEBIAN, &err);
		cr_assert_not_null(e);
		fires = false;
		/* 2000-01-01 .. 2028-12-31 covers every leap-year case. */
		for (t = 946684800; t < 1861920000 && !fires; t += 86400) {
			gmtime_r(&t, &tm);
			fires = ck_expr_matches(e, &tm);
		}
		s = ck_expr_describe(e, 0, &err);
		cr_assert_not_null(s);
		cr_expect_eq(strncmp(s, "never", 5) != 0, fires,
		    "%s: \"%s\" but fires=%d", exprs[i], s, fires);
		free(s);
		ck_expr_free(e);
	}
}

static unsigned long rnd_state = 777;

static int
rnd(int n)
{
	rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
	return (int)((rnd_state >> 33) % (unsigned long)n);
}

/*
 * Random day-of-month / month / day-of-week combinations, with and
 * without a leading '*': the sentence says "never" exactly when no day of
 * 2000-2028 matches, and is never empty.
 */
Test(describe, random_day_rules_agree_with_matching)
{
	static const char *const doms[] = { "*", "*/2", "1", "29", "30", "31",
	    "30,31", "1-31", "15-31/5", "*/10", "29-31" };
	static const char *const mons[] = { "*", "2", "4,6,9,11", "2,4",
	    "1-3", "*/6", "2-12/2", "11" };
	static const char *const dows[] = { "*", "1", "*/3", "0-6", "1-5",
	    "7", "sat,sun", "*/1" };
	char text[64], *s;
	struct tm tm;
	time_t t;
	ck_error err;
	ck_expr *e;
	bool fires;
	int i;

	for (i = 0; i < 150; i++) {
		snprintf(text, sizeof(text), "0 0 %s %s %s",
		    doms[rnd(sizeof(doms) / sizeof(doms[0]))],
		    mons[rnd(sizeof(mons) / sizeof(mons[0]))],
		    dows[rnd(sizeof(dows) / sizeof(dows[0]))]);
		e = ck_expr_parse(text, strlen(text), CK_DIALECT_DEBIAN, &err);
		cr_assert_not_null(e, "%s: %s", text, err.msg);
		fires = false;
		for (t = 946684800; t < 1861920000 && !fires; t += 86400) {
			gmtime_r(&t, &tm);
			fires = ck_expr_matches(e, &tm);
		}
		s = ck_expr_describe(e, 0, &err);
		cr_assert_not_null(s);
		cr_expect_gt(strlen(s), 5, "%s", text);
		cr_expect_eq(strncmp(s, "never", 5) != 0, fires,
		    "%s: \"%s\" but fires=%d", text, s, fires);
		free(s);
		ck_expr_free(e);
	}
}

/* Every minute/hour shape gives a sentence without leftovers. */
Test(describe, random_times_read_cleanly)
{
	char text[200], m[64], h[64], *s;
	ck_error err;
	ck_expr *e;
	int i, k, a, b;
	size_t n;

	for (i = 0; i < 2000; i++) {
		char *f[2] = { m, h };
		int hi[2] = { 59, 23 };

		for (k = 0; k < 2; k++) {
			a = rnd(hi[k] + 1);
			b = a + rnd(hi[k] - a + 1);
			switch (rnd(6)) {
			case 0:
				snprintf(f[k], 64, "*");
				break;
			case 1:
				snprintf(f[k], 64, "*/%d", 1 + rnd(hi[k]));
				break;
			case 2:
				snprintf(f[k], 64, "%d", a);
				break;
			case 3:
				snprintf(f[k], 64, "%d-%d", a, b);
				break;
			case 4:
				snprintf(f[k], 64, "%d-%d/%d", a, b,
				    1 + rnd(hi[k]));
				break;
			default:
				snprintf(f[k], 64, "%d,%d,%d", a, b,
				    rnd(hi[k] + 1));
				break;
			}
		}
		snprintf(text, sizeof(text), "%s %s * * *", m, h);
		e = ck_expr_parse(text, strlen(text), CK_DIALECT_DEBIAN, &err);
		cr_assert_not_null(e, "%s: %s", text, err.msg);
		s = ck_expr_describe(e, 0, &err);
		cr_assert_not_null(s);
		n = strlen(s);
		cr_expect(n > 5 && s[n - 1] != ' ' && strstr(s, "  ") == NULL &&
		    strstr(s, " ,") == NULL, "%s: \"%s\"", text, s);
		cr_expect(strncmp(s, "every", 5) == 0 ||
		    strncmp(s, "at ", 3) == 0, "%s: \"%s\"", text, s);
		free(s);
		ck_expr_free(e);
	}
}

/*
 * The dialect's day rule reaches the sentence through the parsed flags:
 * busybox calls a field restricted when its set is not full, and starts
 * a day-of-month step at 0.
 */
Test(describe, follows_the_dialect_day_rule)
{
	static const struct {
		const char	*expr;
		ck_dialect	 d;
		const char	*want;
	} t[] = {
		{ "0 0 1 * */2", CK_DIALECT_DEBIAN, "at 00:00 on day 1 of the "
		    "month if it is a Tuesday, Thursday, Saturday or Sunday" },
		{ "0 0 1 * */2", CK_DIALECT_BUSYBOX, "at 00:00 on day 1 of the "
		    "month and on every Tuesday, Thursday, Saturday and "
		    "Sunday" },
		{ "0 0 */2 * *", CK_DIALECT_DEBIAN,
		    "at 00:00 on odd days of the month" },
		{ "0 0 */2 * *", CK_DIALECT_BUSYBOX,
		    "at 00:00 on even days of the month" },
		{ "0 0 1 * 0-6", CK_DIALECT_DEBIAN, "at 00:00 every day" },
		{ "0 0 1 * 0-6", CK_DIALECT_BUSYBOX,
		    "at 00:00 on day 1 of the month" },
	};
	ck_error err;
	ck_expr *e;
	char *s;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		e = ck_expr_parse(t[i].expr, strlen(t[i].expr), t[i].d, &err);
		cr_assert_not_null(e, "%s: %s", t[i].expr, err.msg);
		s = ck_expr_describe(e, 0, &err);
		cr_assert_not_null(s);
		cr_expect_str_eq(s, t[i].want, "%s (%s): got %s", t[i].expr,
		    ck_dialect_name(t[i].d), s);
		free(s);
		ck_expr_free(e);
	}
}
