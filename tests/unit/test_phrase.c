/* SPDX-License-Identifier: ISC */
/*
 * test_phrase.c - human phrases to cron text, read back through
 * ck_expr_describe(): each phrase gives the expected cron line, and the
 * description of that line says the same thing as the phrase.  Phrases
 * cron cannot express exactly are refused with the reason and the column
 * of the word at fault.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct row {
	const char	*phrase;
	const char	*cron;
	const char	*description;
};

static const struct row rows[] = {
	{ "every 2 hours", "0 */2 * * *", "every 2 hours" },
	{ "every other hour", "0 */2 * * *", "every 2 hours" },
	{ "every hour at :15", "15 * * * *", "every hour at minute 15" },
	{ "every hour at minute 15", "15 * * * *", "every hour at minute 15" },
	{ "every 2 hours at :30", "30 */2 * * *",
	    "every 2 hours at minute 30" },
	{ "every hour at :00 and :30", "0,30 * * * *", "every 30 minutes" },
	{ "every weekday at 18:30", "30 18 * * 1-5", "at 18:30 on weekdays" },
	{ "Every Weekday At 6:30PM", "30 18 * * 1-5",
	    "at 18:30 on weekdays" },
	{ "every weekday, at 18:30", "30 18 * * 1-5",
	    "at 18:30 on weekdays" },
	{ "every 15 minutes from 09:00 to 17:59 on weekdays",
	    "*/15 9-17 * * 1-5",
	    "every 15 minutes from 09:00 to 17:45 on weekdays" },
	{ "every 10 minutes between 08:00 and 08:59", "*/10 8 * * *",
	    "every 10 minutes from 08:00 to 08:50" },
	{ "every 15 minutes from 09:05 to 17:59", "5-50/15 9-17 * * *",
	    "every 15 minutes from 09:05 to 17:50" },
	{ "every 30 minutes from 00:00 to 23:59", "*/30 * * * *",
	    "every 30 minutes" },
	{ "between 09:00 and 17:59 on weekdays", "* 9-17 * * 1-5",
	    "every minute from 09:00 to 17:59 on weekdays" },
	{ "every 2 hours from 09:00 to 17:00", "0 9-17/2 * * *",
	    "every 2 hours from 09:00 to 17:00" },
	{ "every hour from 09:30 to 17:30", "30 9-17 * * *",
	    "every hour from 09:30 to 17:30" },
	{ "every month on the 1st at 00:00", "0 0 1 * *",
	    "at 00:00 on day 1 of the month" },
	{ "every month on the 1st and 15th at 06:00", "0 6 1,15 * *",
	    "at 06:00 on days 1 and 15 of the month" },
	{ "on the 1st and 15th at 6am", "0 6 1,15 * *",
	    "at 06:00 on days 1 and 15 of the month" },
	{ "on days 1-7 at 02:00", "0 2 1-7 * *",
	    "at 02:00 on days 1 through 7 of the month" },
	{ "on day 15 at 12:00", "0 12 15 * *",
	    "at 12:00 on day 15 of the month" },
	{ "from jan to apr on mon-fri at 15:30", "30 15 * 1-4 1-5",
	    "at 15:30 on weekdays from January to April" },
	{ "in jan-mar at 08:00", "0 8 * 1-3 *",
	    "at 08:00 every day from January to March" },
	{ "in july and august every day at 12:00", "0 12 * 7,8 *",
	    "at 12:00 every day in July and August" },
	{ "every day at 09:00 and 18:00", "0 9,18 * * *",
	    "at 09:00 and 18:00 every day" },
	{ "at 9:00 and 10:00 and 11:00", "0 9-11 * * *",
	    "at 09:00, 10:00 and 11:00 every day" },
	{ "every sunday at 01:00", "0 1 * * 0", "at 01:00 on every Sunday" },
	{ "every monday and friday at 9:15am", "15 9 * * 1,5",
	    "at 09:15 on every Monday and Friday" },
	{ "every tuesday through thursday at 7am", "0 7 * * 2-4",
	    "at 07:00 on every day from Tuesday to Thursday" },
	{ "from fri to sun at 22:00", "0 22 * * 0,5,6",
	    "at 22:00 on every day from Friday to Sunday" },
	{ "every weekend at 10:00", "0 10 * * 0,6", "at 10:00 on weekends" },
	{ "at 3 pm on weekends", "0 15 * * 0,6", "at 15:00 on weekends" },
	{ "every 5 minutes", "*/5 * * * *", "every 5 minutes" },
	{ "every minute", "* * * * *", "every minute" },
	{ "every 120 minutes", "0 */2 * * *", "every 2 hours" },
	{ "every 24 hours", "0 0 * * *", "at 00:00 every day" },
	{ "every 1440 minutes at 09:00", "0 9 * * *", "at 09:00 every day" },
	{ "hourly", "0 * * * *", "every hour" },
	{ "daily", "0 0 * * *", "at 00:00 every day" },
	{ "daily at 3am", "0 3 * * *", "at 03:00 every day" },
	{ "every day at noon", "0 12 * * *", "at 12:00 every day" },
	{ "at midnight", "0 0 * * *", "at 00:00 every day" },
	{ "at 12:30am", "30 0 * * *", "at 00:30 every day" },
	{ "weekly", "0 0 * * 0", "at 00:00 on every Sunday" },
	{ "weekly on mondays at 08:00", "0 8 * * 1",
	    "at 08:00 on every Monday" },
	{ "monthly", "0 0 1 * *", "at 00:00 on day 1 of the month" },
	{ "every 3 months", "0 0 1 */3 *", "at 00:00 on day 1 of the month "
	    "in January, April, July and October" },
	{ "every year", "0 0 1 1 *", "at 00:00 on January 1" },
	{ "yearly on the 29th of february at 00:00", "0 0 29 2 *",
	    "at 00:00 on February 29 (leap years only)" },
	{ "at reboot", "@reboot", "at system start-up" },
	{ "at system startup", "@reboot", "at system start-up" },
};

Test(phrase, phrases_give_cron_text_that_reads_back_the_same)
{
	size_t i, n = sizeof(rows) / sizeof(rows[0]);
	ck_error err;
	ck_expr *e;
	char *cron, *desc;

	for (i = 0; i < n; i++) {
		cron = ck_phrase_to_cron(rows[i].phrase,
		    strlen(rows[i].phrase), &err);
		cr_assert_not_null(cron, "\"%s\": %s", rows[i].phrase,
		    err.msg);
		cr_expect_str_eq(cron, rows[i].cron, "\"%s\": got \"%s\"",
		    rows[i].phrase, cron);
		e = ck_expr_parse(cron, strlen(cron), CK_DIALECT_DEBIAN, &err);
		cr_assert_not_null(e, "\"%s\" -> \"%s\": %s", rows[i].phrase,
		    cron, err.msg);
		desc = ck_expr_describe(e, 0, &err);
		cr_assert_not_null(desc);
		cr_expect_str_eq(desc, rows[i].description,
		    "\"%s\" -> \"%s\" reads \"%s\"", rows[i].phrase, cron,
		    desc);
		free(desc);
		ck_expr_free(e);
		free(cron);
	}
}

struct bad {
	const char	*phrase;
	enum ck_code	 code;
	unsigned int	 column;
	const char	*msg;
};

static const struct bad bads[] = {
	{ "every 7 hours", CK_ERANGE, 7, "every 7 hours cannot be expressed "
	    "in cron: 7 does not divide the day, and an hour step restarts at "
	    "midnight (write \"0 */7 * * *\" if that is what you want)" },
	{ "every 90 minutes", CK_ERANGE, 7, "every 90 minutes cannot be "
	    "expressed in cron: a minute step restarts at every hour, so a "
	    "longer interval must be whole hours that divide the day" },
	{ "every 36 hours", CK_ERANGE, 7, "every 36 hours cannot be "
	    "expressed in cron: an hour step restarts at midnight, so a "
	    "longer interval must be whole days" },
	{ "every 48 hours", CK_ERANGE, 7, "every 2 days cannot be expressed "
	    "in cron: a day-of-month step restarts every month (*/2 runs on "
	    "the 31st and again on the 1st)" },
	{ "every 7 minutes", CK_ERANGE, 7, "every 7 minutes cannot be "
	    "expressed in cron: 7 does not divide the hour, and a minute step "
	    "restarts at every hour" },
	{ "every 2 days", CK_ERANGE, 7, "every 2 days cannot be expressed in "
	    "cron: a day-of-month step restarts every month (*/2 runs on the "
	    "31st and again on the 1st)" },
	{ "every 2 weeks", CK_ERANGE, 7, "every 2 weeks cannot be expressed "
	    "in cron: cron has no week counter" },
	{ "every 5 months", CK_ERANGE, 7, "every 5 months cannot be expressed "
	    "in cron: 5 does not divide the year, and a month step restarts "
	    "in January" },
	{ "every 2 years", CK_ERANGE, 7, "every 2 years cannot be expressed "
	    "in cron: cron has no year field" },
	{ "every 0 minutes", CK_ERANGE, 7, "every 0 is never" },
	{ "every 15 minutes from 09:00 to 17:00", CK_ERANGE, 23,
	    "every 15 minutes to 17:00 needs more than one cron line: end "
	    "the window at 16:59 or 17:59" },
	{ "every 20 minutes from 09:20 to 17:59", CK_ERANGE, 23,
	    "every 20 minutes from 09:20 needs more than one cron line: "
	    "start the window at 09:00" },
	{ "every hour from 22:00 to 02:00", CK_ERANGE, 26, "the window 22:00 "
	    "to 02:00 crosses midnight: cron needs two lines for that" },
	{ "at 09:00 and 18:30", CK_ERANGE, 4, "these times need more than "
	    "one cron line: cron runs each listed minute at each listed "
	    "hour" },
	{ "on the 1st on mondays", CK_ERANGE, 8, "a day of the month and a "
	    "day of the week cannot be combined: cron runs on either one "
	    "(write the expression if you want that)" },
	{ "on the last day", CK_ERANGE, 8, "cron has no \"last day of the "
	    "month\" (that is Quartz's L)" },
	{ "every 5 minutes at 09:00", CK_ESYNTAX, 20, "\"every 5 minutes\" "
	    "and \"at\" a time contradict each other" },
	{ "every 2 hours at 09:00", CK_ESYNTAX, 18, "\"every 2 hours\" and "
	    "\"at\" a time of day contradict each other (say \"at :MM\" for "
	    "the minute)" },
	{ "at 25:00", CK_ERANGE, 4, "no such time \"25:00\"" },
	{ "at 13pm", CK_ERANGE, 4, "bad 12-hour time \"13pm\"" },
	{ "at :75", CK_ERANGE, 4, "minute 75 out of range 0-59" },
	{ "at 9", CK_ESYNTAX, 4, "\"9\" is not a time: write 09:00 or a "
	    "minute as \":09\"" },
	{ "at :15", CK_ESYNTAX, 4, "\"at :MM\" needs \"every hour\" (or "
	    "\"hourly\")" },
	{ "every fortnight", CK_ESYNTAX, 7, "expected a unit or a day after "
	    "\"every\"" },
	{ "every 3 bananas", CK_ESYNTAX, 9, "expected a unit (minutes, "
	    "hours, days, weeks, months, years) after \"3\"" },
	{ "blah", CK_ESYNTAX, 1, "unexpected \"blah\"" },
	{ "", CK_ESYNTAX, 1, "no schedule in the phrase (try \"every 5 "
	    "minutes\" or \"daily at 03:00\")" },
	{ "daily at 3am; rm -rf /", CK_ESYNTAX, 13, "unexpected \";\"" },
	{ "at reboot every day", CK_ESYNTAX, 1, "\"at reboot\" takes no other "
	    "time" },
	{ "from apr to jan at 09:00", CK_ESYNTAX, 6, "month range apr to jan "
	    "runs backwards: cron months cannot wrap round the year" },
	{ "on the 32nd at 09:00", CK_ERANGE, 8,
	    "day of month 32 out of range 1-31" },
	{ "every 5 minutes every hour", CK_ESYNTAX, 23, "a second interval: "
	    "say \"every\" once" },
};

Test(phrase, refuses_what_cron_cannot_say_exactly)
{
	size_t i;
	ck_error err;
	char *cron;

	for (i = 0; i < sizeof(bads) / sizeof(bads[0]); i++) {
		memset(&err, 0, sizeof(err));
		cron = ck_phrase_to_cron(bads[i].phrase,
		    strlen(bads[i].phrase), &err);
		cr_expect_null(cron, "\"%s\" gave \"%s\"", bads[i].phrase,
		    cron ? cron : "");
		free(cron);
		cr_expect_eq(err.code, bads[i].code, "\"%s\": code %d (%s)",
		    bads[i].phrase, err.code, err.msg);
		cr_expect_eq(err.line, 1, "\"%s\"", bads[i].phrase);
		cr_expect_eq(err.column, bads[i].column, "\"%s\": column %u",
		    bads[i].phrase, err.column);
		cr_expect_str_eq(err.msg, bads[i].msg, "\"%s\": %s",
		    bads[i].phrase, err.msg);
	}
}

Test(phrase, takes_a_length_not_a_terminator)
{
	ck_error err;
	char *cron = ck_phrase_to_cron("hourlyXXX", 6, &err);

	cr_assert_not_null(cron, "%s", err.msg);
	cr_expect_str_eq(cron, "0 * * * *");
	free(cron);
}

Test(phrase, refuses_overlong_phrases)
{
	ck_error err;
	char buf[1024];
	char *cron;
	size_t i;

	for (i = 0; i + 2 < sizeof(buf); i += 2) {
		buf[i] = ',';
		buf[i + 1] = ' ';
	}
	buf[i] = '\0';
	cron = ck_phrase_to_cron(buf, strlen(buf), &err);
	cr_expect_null(cron);
	cr_expect_eq(err.code, CK_ERANGE);
	cr_expect_eq(err.line, 1);
	cr_expect_eq(err.column, 257);
	cr_expect_str_eq(err.msg, "phrase too long (more than 128 words)");
}

static unsigned long rnd_state = 4242;

static int
rnd(int n)
{
	rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
	return (int)((rnd_state >> 33) % (unsigned long)n);
}

/*
 * Phrases made of random grammar words: each either gives cron text that
 * the parser accepts, or an error on line 1 at a column inside the
 * phrase (or just past its end).
 */
Test(phrase, random_phrases_give_valid_text_or_a_positioned_error)
{
	static const char *const words[] = { "every", "at", "on", "in", "from",
	    "to", "between", "and", ",", "-", "the", "1st", "15th", "32nd",
	    "day", "days", "hour", "hours", "minute", "minutes", "week",
	    "month", "year", "weekday", "weekends", "mon", "friday", "sundays",
	    "jan", "april", "dec", "5", "15", "7", "2", "0", "09:00", "17:59",
	    "3am", "12pm", ":15", ":30", "noon", "midnight", "hourly", "daily",
	    "weekly", "monthly", "reboot", "other", "of", "last", "x",
	    "99:99" };
	char buf[256];
	size_t len;
	ck_error err;
	ck_expr *e;
	char *cron;
	int i, k, n, ok = 0;

	for (i = 0; i < 20000; i++) {
		len = 0;
		n = 1 + rnd(7);
		for (k = 0; k < n; k++)
			len += (size_t)snprintf(buf + len, sizeof(buf) - len,
			    "%s%s", k ? " " : "",
			    words[rnd(sizeof(words) / sizeof(words[0]))]);
		memset(&err, 0, sizeof(err));
		cron = ck_phrase_to_cron(buf, len, &err);
		if (cron != NULL) {
			e = ck_expr_parse(cron, strlen(cron),
			    CK_DIALECT_DEBIAN, &err);
			cr_expect_not_null(e, "\"%s\" -> \"%s\": %s", buf,
			    cron, err.msg);
			ck_expr_free(e);
			free(cron);
			ok++;
			continue;
		}
		cr_expect(err.code == CK_ESYNTAX || err.code == CK_ERANGE,
		    "\"%s\": code %d", buf, err.code);
		cr_expect_eq(err.line, 1, "\"%s\"", buf);
		cr_expect(err.column >= 1 && err.column <= len + 1,
		    "\"%s\": column %u", buf, err.column);
		cr_expect_gt(strlen(err.msg), 5, "\"%s\"", buf);
	}
	/* The generator does reach valid phrases. */
	cr_expect_gt(ok, 100, "only %d valid phrases", ok);
}
