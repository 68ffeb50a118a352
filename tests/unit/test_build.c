/* SPDX-License-Identifier: ISC */
/*
 * test_build.c - the declarative builder: every / on / during / also /
 * clear / setall / keyword, the text it writes, and its errors.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static ck_build *b;

static void
setup(void)
{
	b = ck_build_new();
	cr_assert_not_null(b);
}

static void
teardown(void)
{
	ck_build_free(b);
}

TestSuite(build, .init = setup, .fini = teardown);

static void
expect_text(const char *want)
{
	ck_error err;
	char *s = ck_build_text(b, &err);

	cr_assert_not_null(s, "%s", err.msg);
	cr_expect_str_eq(s, want, "got \"%s\", want \"%s\"", s, want);
	free(s);
}

static void
expect_err(int rc, const ck_error *err, enum ck_code code, const char *msg)
{
	cr_expect_eq(rc, -1);
	cr_expect_eq(err->code, code, "code %d (%s)", err->code, err->msg);
	cr_expect_eq(err->line, 0);
	cr_expect_eq(err->column, 0);
	cr_expect_str_eq(err->msg, msg);
}

Test(build, starts_as_every_minute)
{
	expect_text("* * * * *");
}

Test(build, every_sets_smaller_units_to_their_first_value)
{
	static const struct {
		unsigned int	 n;
		enum ck_unit	 u;
		const char	*want;
	} t[] = {
		{ 5, CK_UNIT_MINUTE, "*/5 * * * *" },
		{ 1, CK_UNIT_MINUTE, "* * * * *" },
		{ 2, CK_UNIT_HOUR, "0 */2 * * *" },
		{ 1, CK_UNIT_HOUR, "0 * * * *" },
		{ 7, CK_UNIT_HOUR, "0 */7 * * *" },
		{ 3, CK_UNIT_DAY, "0 0 */3 * *" },
		{ 1, CK_UNIT_DAY, "0 0 * * *" },
		{ 3, CK_UNIT_MONTH, "0 0 1 */3 *" },
		{ 2, CK_UNIT_WEEKDAY, "0 0 * * */2" },
		{ 1, CK_UNIT_YEAR, "@yearly" },
		{ 59, CK_UNIT_MINUTE, "*/59 * * * *" },
	};
	ck_error err;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		cr_assert_eq(ck_build_every(b, t[i].n, t[i].u, &err), 0,
		    "%s", err.msg);
		expect_text(t[i].want);
	}
}

Test(build, every_replaces_what_was_there)
{
	ck_error err;
	int v[] = { 1, 2 };

	cr_assert_eq(ck_build_on(b, CK_FIELD_DOW, v, 2, &err), 0);
	cr_assert_eq(ck_build_every(b, 15, CK_UNIT_MINUTE, &err), 0);
	expect_text("*/15 * * * *");
}

Test(build, every_rejects_impossible_intervals)
{
	ck_error err;

	expect_err(ck_build_every(b, 61, CK_UNIT_MINUTE, &err), &err,
	    CK_ERANGE, "every 61 minutes out of range 1-59");
	expect_err(ck_build_every(b, 0, CK_UNIT_HOUR, &err), &err,
	    CK_ERANGE, "every 0 hours out of range 1-23");
	expect_err(ck_build_every(b, 24, CK_UNIT_HOUR, &err), &err,
	    CK_ERANGE, "every 24 hours out of range 1-23");
	expect_err(ck_build_every(b, 12, CK_UNIT_MONTH, &err), &err,
	    CK_ERANGE, "every 12 months out of range 1-11");
	expect_err(ck_build_every(b, 2, CK_UNIT_YEAR, &err), &err,
	    CK_ERANGE, "every 2 years cannot be expressed: cron has no year "
	    "field, only every year");
	expect_err(ck_build_every(b, 1, (enum ck_unit)42, &err), &err,
	    CK_EINVAL, "no such unit 42");
	/* Nothing changed. */
	expect_text("* * * * *");
}

Test(build, on_replaces_a_field_and_also_adds)
{
	ck_error err;
	int h[] = { 9, 18 }, m[] = { 30 }, d[] = { 1, 2, 3, 4, 5 };
	int more[] = { 6 }, dom[] = { 15, 1 };

	cr_assert_eq(ck_build_on(b, CK_FIELD_MINUTE, m, 1, &err), 0);
	cr_assert_eq(ck_build_on(b, CK_FIELD_HOUR, h, 2, &err), 0);
	cr_assert_eq(ck_build_on(b, CK_FIELD_DOW, d, 5, &err), 0);
	expect_text("30 9,18 * * 1-5");
	cr_assert_eq(ck_build_also_on(b, CK_FIELD_DOW, more, 1, &err), 0);
	expect_text("30 9,18 * * 1-6");
	/* also_on a "*" field is on (python-crontab's also.on). */
	cr_assert_eq(ck_build_also_on(b, CK_FIELD_DOM, dom, 2, &err), 0);
	expect_text("30 9,18 1,15 * 1-6");
	cr_assert_eq(ck_build_on(b, CK_FIELD_HOUR, m + 0 - 0, 0, &err), -1);
}

Test(build, on_accepts_seven_as_sunday)
{
	ck_error err;
	int v[] = { 7, 6 };

	cr_assert_eq(ck_build_on(b, CK_FIELD_DOW, v, 2, &err), 0);
	expect_text("* * * * 0,6");
}

Test(build, on_rejects_values_out_of_range)
{
	ck_error err;
	int h[] = { 9, 24 }, m[] = { 60 }, d[] = { 0 }, mo[] = { 13 };
	int w[] = { 8 };

	expect_err(ck_build_on(b, CK_FIELD_HOUR, h, 2, &err), &err,
	    CK_ERANGE, "hour 24 out of range 0-23");
	expect_err(ck_build_on(b, CK_FIELD_MINUTE, m, 1, &err), &err,
	    CK_ERANGE, "minute 60 out of range 0-59");
	expect_err(ck_build_on(b, CK_FIELD_DOM, d, 1, &err), &err,
	    CK_ERANGE, "day of month 0 out of range 1-31");
	expect_err(ck_build_on(b, CK_FIELD_MONTH, mo, 1, &err), &err,
	    CK_ERANGE, "month 13 out of range 1-12");
	expect_err(ck_build_also_on(b, CK_FIELD_DOW, w, 1, &err), &err,
	    CK_ERANGE, "day of week 8 out of range 0-7");
	expect_err(ck_build_on(b, CK_FIELD_HOUR, h, 0, &err), &err,
	    CK_EINVAL, "no values given for the hour");
	expect_err(ck_build_on(b, (enum ck_field)7, h, 1, &err), &err,
	    CK_EINVAL, "no such field 7");
	expect_text("* * * * *");
}

Test(build, during_writes_ranges_and_steps)
{
	ck_error err;

	cr_assert_eq(ck_build_during(b, CK_FIELD_HOUR, 9, 17, 2, &err), 0);
	cr_assert_eq(ck_build_during(b, CK_FIELD_MINUTE, 0, 59, 15, &err), 0);
	cr_assert_eq(ck_build_during(b, CK_FIELD_DOW, 1, 5, 1, &err), 0);
	expect_text("0-45/15 9-17/2 * * 1-5");
	cr_assert_eq(ck_build_during(b, CK_FIELD_DOM, 1, 31, 1, &err), 0);
	expect_text("0-45/15 9-17/2 1-31 * 1-5");
	cr_assert_eq(ck_build_during(b, CK_FIELD_DOW, 5, 7, 1, &err), 0);
	expect_text("0-45/15 9-17/2 1-31 * 0,5,6");
	cr_assert_eq(ck_build_during(b, CK_FIELD_MONTH, 1, 12, 5, &err), 0);
	expect_text("0-45/15 9-17/2 1-31 1-11/5 0,5,6");
}

Test(build, during_rejects_bad_ranges)
{
	ck_error err;

	expect_err(ck_build_during(b, CK_FIELD_HOUR, 17, 9, 1, &err), &err,
	    CK_EINVAL, "hour range 17-9 is reversed");
	expect_err(ck_build_during(b, CK_FIELD_HOUR, 9, 17, 0, &err), &err,
	    CK_EINVAL, "step must be > 0");
	expect_err(ck_build_during(b, CK_FIELD_HOUR, 9, 24, 1, &err), &err,
	    CK_ERANGE, "hour 24 out of range 0-23");
	expect_err(ck_build_during(b, CK_FIELD_MINUTE, -1, 5, 1, &err), &err,
	    CK_ERANGE, "minute -1 out of range 0-59");
	expect_err(ck_build_during(b, CK_FIELD_MINUTE, 0, 59, 61, &err),
	    &err, CK_ERANGE, "step 61 out of range 1-60 for the minute");
	expect_text("* * * * *");
}

Test(build, clear_sets_a_field_back_to_star)
{
	ck_error err;

	cr_assert_eq(ck_build_setall(b, "5 4 1 2 3", 9, CK_DIALECT_DEBIAN,
	    &err), 0);
	ck_build_clear(b, CK_FIELD_DOM);
	ck_build_clear(b, CK_FIELD_MONTH);
	expect_text("5 4 * * 3");
}

Test(build, setall_keeps_the_star_of_each_field)
{
	static const struct {
		const char	*in;
		const char	*want;
	} t[] = {
		{ "0 0 */2 * 1", "0 0 */2 * 1" },
		{ "0 0 1-31 * 1", "0 0 1-31 * 1" },
		{ "*/15 9-17 * * MON-FRI", "*/15 9-17 * * 1-5" },
		{ "0,30 */2 1,15 jan-mar/2 sun", "0,30 */2 1,15 1,3 0" },
		{ "0 0 * * 7", "0 0 * * 0" },
		{ "*/10,5 * * * *", "*/10,5 * * * *" },
		{ "1-10/3,20 * * * *", "1-10/3,20 * * * *" },
		{ "0 0 1,2,3,10 * *", "0 0 1-3,10 * *" },
		{ "@daily", "@daily" },
		{ "@reboot", "@reboot" },
		{ "  0   0 * *\t*  ", "0 0 * * *" },
	};
	ck_error err;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		cr_assert_eq(ck_build_setall(b, t[i].in, strlen(t[i].in),
		    CK_DIALECT_DEBIAN, &err), 0, "%s: %s", t[i].in, err.msg);
		expect_text(t[i].want);
	}
}

Test(build, text_round_trips_through_the_parser)
{
	static const char *const in[] = {
		"0 0 */2 * 1", "0 0 1-31 * 1", "*/7 */5 */3 */4 */2",
		"1,2,3,5,8,13,21,34,55 0-23/3 2-30/7 1-12/5 1-5",
		"*/10,5 * * * *",
	};
	ck_expr *a, *e;
	ck_error err;
	size_t i;

	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		cr_assert_eq(ck_build_setall(b, in[i], strlen(in[i]),
		    CK_DIALECT_DEBIAN, &err), 0, "%s", err.msg);
		e = ck_build_expr(b, CK_DIALECT_DEBIAN, &err);
		cr_assert_not_null(e, "%s: %s", in[i], err.msg);
		a = ck_expr_parse(in[i], strlen(in[i]), CK_DIALECT_DEBIAN,
		    &err);
		cr_assert_not_null(a);
		cr_expect(ck_expr_same(a, e), "%s", in[i]);
		cr_expect_eq(a->flags & (CK_SF_DOM_STAR | CK_SF_DOW_STAR |
		    CK_SF_MIN_STAR | CK_SF_HR_STAR), e->flags &
		    (CK_SF_DOM_STAR | CK_SF_DOW_STAR | CK_SF_MIN_STAR |
		    CK_SF_HR_STAR), "%s: star flags", in[i]);
		ck_expr_free(a);
		ck_expr_free(e);
	}
}

Test(build, setall_reports_parse_errors_with_a_column)
{
	ck_error err;

	cr_expect_eq(ck_build_setall(b, "0 24 * * *", 10, CK_DIALECT_DEBIAN,
	    &err), -1);
	cr_expect_eq(err.code, CK_ESYNTAX, "%d %s", err.code, err.msg);
	cr_expect_eq(err.line, 1);
	cr_expect_eq(err.column, 3);
	cr_expect_str_eq(err.msg, "hour 24 out of range 0-23");
	expect_text("* * * * *");
}

Test(build, keywords_and_reboot)
{
	ck_error err;
	int m[] = { 30 };

	ck_build_keyword(b, CK_KW_REBOOT);
	expect_text("@reboot");
	ck_build_keyword(b, CK_KW_WEEKLY);
	expect_text("@weekly");
	/* A field change expands the keyword first. */
	cr_assert_eq(ck_build_on(b, CK_FIELD_MINUTE, m, 1, &err), 0);
	expect_text("30 0 * * 0");
	ck_build_keyword(b, CK_KW_MONTHLY);
	ck_build_clear(b, CK_FIELD_HOUR);
	expect_text("0 * 1 * *");
	ck_build_keyword(b, CK_KW_REBOOT);
	cr_assert_eq(ck_build_on(b, CK_FIELD_MINUTE, m, 1, &err), 0);
	expect_text("30 * * * *");
	ck_build_keyword(b, CK_KW_NONE);
	expect_text("* * * * *");
}

Test(build, names_of_months_and_days)
{
	int v = -1;

	cr_expect_eq(ck_field_value_from_name(CK_FIELD_MONTH, "jan", 3, &v), 0);
	cr_expect_eq(v, 1);
	cr_expect_eq(ck_field_value_from_name(CK_FIELD_MONTH, "DEC", 3, &v), 0);
	cr_expect_eq(v, 12);
	cr_expect_eq(ck_field_value_from_name(CK_FIELD_DOW, "Sun", 3, &v), 0);
	cr_expect_eq(v, 0);
	cr_expect_eq(ck_field_value_from_name(CK_FIELD_DOW, "fri", 3, &v), 0);
	cr_expect_eq(v, 5);
	cr_expect_eq(ck_field_value_from_name(CK_FIELD_DOW, "friday", 6, &v),
	    -1);
	cr_expect_eq(ck_field_value_from_name(CK_FIELD_DOW, "jan", 3, &v), -1);
	cr_expect_eq(ck_field_value_from_name(CK_FIELD_HOUR, "mon", 3, &v),
	    -1);
}

/* A small deterministic generator of valid expressions. */
static unsigned long rnd_state = 12345;

static int
rnd(int n)
{
	rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
	return (int)((rnd_state >> 33) % (unsigned long)n);
}

static void
rnd_field(char *out, size_t size, int lo, int hi)
{
	size_t len = 0;
	int k, items = 1 + rnd(3), x, y;

	out[0] = '\0';
	for (k = 0; k < items; k++) {
		x = lo + rnd(hi - lo + 1);
		y = x + rnd(hi - x + 1);
		if (k > 0)
			len += (size_t)snprintf(out + len, size - len, ",");
		switch (rnd(k == 0 ? 5 : 3)) {
		case 0:
			len += (size_t)snprintf(out + len, size - len, "%d", x);
			break;
		case 1:
			len += (size_t)snprintf(out + len, size - len, "%d-%d",
			    x, y);
			break;
		case 2:
			len += (size_t)snprintf(out + len, size - len,
			    "%d-%d/%d", x, y, 1 + rnd(hi - lo + 1));
			break;
		case 3:
			len += (size_t)snprintf(out + len, size - len, "*");
			break;
		default:
			len += (size_t)snprintf(out + len, size - len, "*/%d",
			    1 + rnd(hi - lo));
			break;
		}
	}
}

Test(build, random_expressions_round_trip)
{
	static const int lo[] = { 0, 0, 1, 1, 0 }, hi[] = { 59, 23, 31, 12, 7 };
	char f[5][64], text[400];
	ck_expr *a, *e;
	ck_error err;
	int i, k;

	for (i = 0; i < 3000; i++) {
		for (k = 0; k < 5; k++)
			rnd_field(f[k], sizeof(f[k]), lo[k], hi[k]);
		snprintf(text, sizeof(text), "%s %s %s %s %s", f[0], f[1],
		    f[2], f[3], f[4]);
		a = ck_expr_parse(text, strlen(text), CK_DIALECT_DEBIAN, &err);
		cr_assert_not_null(a, "%s: %s", text, err.msg);
		cr_assert_eq(ck_build_setall(b, text, strlen(text),
		    CK_DIALECT_DEBIAN, &err), 0, "%s", err.msg);
		e = ck_build_expr(b, CK_DIALECT_DEBIAN, &err);
		cr_assert_not_null(e, "%s: %s", text, err.msg);
		cr_expect(ck_expr_same(a, e), "%s", text);
		cr_expect_eq(a->flags & 0x0f, e->flags & 0x0f, "%s", text);
		ck_expr_free(a);
		ck_expr_free(e);
	}
}
