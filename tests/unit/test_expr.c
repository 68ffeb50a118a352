/* SPDX-License-Identifier: ISC */
/*
 * test_expr.c - the schedule parser: bit sets, flags, errors with
 * positions, and the differences between dialects.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "internal.h"

static ck_expr *
parse(const char *s, ck_dialect d, ck_error *err)
{
	return ck_expr_parse(s, strlen(s), d, err);
}

static uint64_t
bits(const int *v, size_t n)
{
	uint64_t b = 0;

	for (size_t i = 0; i < n; i++)
		b |= UINT64_C(1) << v[i];
	return b;
}

Test(expr, parses_steps_ranges_lists_and_names)
{
	ck_error err;
	ck_expr *e = parse("1-10/3,20 */6 1,15 jan-mar/2 MON-fri", CK_DIALECT_DEBIAN,
	    &err);
	int mins[] = { 1, 4, 7, 10, 20 }, hrs[] = { 0, 6, 12, 18 };
	int doms[] = { 1, 15 }, mons[] = { 1, 3 }, dows[] = { 1, 2, 3, 4, 5 };

	cr_assert_not_null(e, "%s", err.msg);
	cr_expect_eq(e->minute, bits(mins, 5));
	cr_expect_eq(e->hour, bits(hrs, 4));
	cr_expect_eq(e->dom, bits(doms, 2));
	cr_expect_eq(e->month, bits(mons, 2));
	cr_expect_eq(e->dow, bits(dows, 5));
	cr_expect_eq(e->flags & (CK_SF_DOM_STAR | CK_SF_DOW_STAR), 0);
	cr_expect_eq(e->flags & CK_SF_HR_STAR, CK_SF_HR_STAR);
	ck_expr_free(e);
}

Test(expr, keeps_original_text)
{
	ck_error err;
	ck_expr *e = parse("  */5  *\t* * MON-FRI  ", CK_DIALECT_DEBIAN, &err);
	size_t len;
	const char *t;

	cr_assert_not_null(e, "%s", err.msg);
	t = ck_expr_text(e, &len);
	cr_expect_eq(len, strlen("*/5  *\t* * MON-FRI"));
	cr_expect_eq(memcmp(t, "*/5  *\t* * MON-FRI", len), 0);
	ck_expr_free(e);
}

Test(expr, star_flags_follow_the_first_character)
{
	ck_error err;
	ck_expr *e;

	e = parse("0 0 */2 * 1", CK_DIALECT_DEBIAN, &err);
	cr_assert_not_null(e);
	cr_expect(e->flags & CK_SF_DOM_STAR, "*/2 counts as a star");
	ck_expr_free(e);
	e = parse("0 0 1-31 * 1", CK_DIALECT_DEBIAN, &err);
	cr_assert_not_null(e);
	cr_expect_eq(e->flags & CK_SF_DOM_STAR, 0, "1-31 is no star");
	ck_expr_free(e);
}

Test(expr, sunday_is_0_and_7)
{
	ck_error err;
	ck_expr *a = parse("0 0 * * 7", CK_DIALECT_DEBIAN, &err);
	ck_expr *b = parse("0 0 * * sun", CK_DIALECT_DEBIAN, &err);
	ck_expr *c = parse("0 0 * * 5-0", CK_DIALECT_DEBIAN, &err);

	cr_assert(a && b && c);
	cr_expect_eq(a->dow, 1);
	cr_expect_eq(b->dow, 1);
	cr_expect_eq(c->dow, (1 << 5) | (1 << 6) | 1, "5-0 is Fri-Sun");
	cr_expect(ck_expr_same(a, b));
	ck_expr_free(a);
	ck_expr_free(b);
	ck_expr_free(c);
}

Test(expr, keywords_set_bits_and_flags)
{
	ck_error err;
	ck_expr *e = parse("@weekly", CK_DIALECT_DEBIAN, &err);
	ck_expr *f = parse("0 0 * * 0", CK_DIALECT_DEBIAN, &err);
	ck_expr *r = parse("@reboot", CK_DIALECT_DEBIAN, &err);
	ck_expr *h = parse("@hourly", CK_DIALECT_DEBIAN, &err);

	cr_assert(e && f && r && h);
	cr_expect(ck_expr_same(e, f), "@weekly is 0 0 * * 0");
	cr_expect(e->flags & CK_SF_DOM_STAR);
	cr_expect(ck_expr_is_reboot(r));
	cr_expect_eq(ck_expr_keyword(h), CK_KW_HOURLY);
	cr_expect(h->flags & CK_SF_HR_STAR, "@hourly is a wildcard job");
	ck_expr_free(e);
	ck_expr_free(f);
	ck_expr_free(r);
	ck_expr_free(h);
}

Test(expr, matches_with_the_or_rule)
{
	ck_error err;
	ck_expr *e = parse("0 12 13 * 5", CK_DIALECT_DEBIAN, &err);
	struct tm tm = { 0 };

	cr_assert_not_null(e);
	tm.tm_hour = 12;
	tm.tm_mday = 5;
	tm.tm_wday = 5;
	cr_expect(ck_expr_matches(e, &tm), "a Friday the 5th");
	tm.tm_mday = 13;
	tm.tm_wday = 6;
	cr_expect(ck_expr_matches(e, &tm), "a Saturday the 13th");
	tm.tm_mday = 14;
	tm.tm_wday = 0;
	cr_expect_not(ck_expr_matches(e, &tm));
	ck_expr_free(e);
}

struct bad {
	const char	*expr;
	ck_dialect	 d;
	unsigned int	 rule;
	unsigned int	 col;
	const char	*msg;	/* a substring of the message */
};

static const struct bad bads[] = {
	{ "61 * * * *", CK_DIALECT_DEBIAN, CK_R_FIELD_RANGE, 1, "minute 61 out of range 0-59" },
	{ "0 24 * * *", CK_DIALECT_DEBIAN, CK_R_FIELD_RANGE, 3, "hour 24 out of range 0-23" },
	{ "0 0 0 * *", CK_DIALECT_DEBIAN, CK_R_FIELD_RANGE, 5, "day-of-month 0 out of range 1-31" },
	{ "0 0 * 13 *", CK_DIALECT_DEBIAN, CK_R_FIELD_RANGE, 7, "month 13" },
	{ "0 0 * * 8", CK_DIALECT_DEBIAN, CK_R_FIELD_RANGE, 9, "day-of-week 8" },
	{ "*/0 * * * *", CK_DIALECT_DEBIAN, CK_R_BAD_STEP, 3, "step must be > 0" },
	{ "1-5/0 * * * *", CK_DIALECT_DEBIAN, CK_R_BAD_STEP, 5, "step must be > 0" },
	{ "5/10 * * * *", CK_DIALECT_DEBIAN, CK_R_STEP_NO_RANGE, 2, "single value" },
	{ "0 0 * * mon/2", CK_DIALECT_CRONIE, CK_R_STEP_NO_RANGE, 12, "single value" },
	{ "1,,2 * * * *", CK_DIALECT_DEBIAN, CK_R_FIELD_SYNTAX, 3, "empty element" },
	{ "1, * * * *", CK_DIALECT_DEBIAN, CK_R_FIELD_SYNTAX, 3, "empty element" },
	{ "-1 * * * *", CK_DIALECT_DEBIAN, CK_R_FIELD_SYNTAX, 1, "negative" },
	{ "0 0 * january *", CK_DIALECT_DEBIAN, CK_R_FULL_NAME, 7, "write \"jan\"" },
	{ "0 0 * * monday", CK_DIALECT_DEBIAN, CK_R_FULL_NAME, 9, "write \"mon\"" },
	{ "0 0 * * mon-fry", CK_DIALECT_DEBIAN, CK_R_BAD_NAME, 13, "unknown day name \"fry\"" },
	{ "jan * * * *", CK_DIALECT_DEBIAN, CK_R_BAD_NAME, 1, "names are allowed only" },
	{ "*/jan * * * *", CK_DIALECT_DEBIAN, CK_R_FIELD_SYNTAX, 3, "not a number" },
	{ "1a * * * *", CK_DIALECT_DEBIAN, CK_R_FIELD_SYNTAX, 1, "not a number" },
	{ "99999999999 * * * *", CK_DIALECT_DEBIAN, CK_R_FIELD_RANGE, 1, "99999999999 out of range" },
	{ "0 0 L * *", CK_DIALECT_DEBIAN, CK_R_EXTENSION, 5, "Quartz" },
	{ "0 0 15W * *", CK_DIALECT_DEBIAN, CK_R_EXTENSION, 5, "nearest weekday" },
	{ "0 0 * * 5L", CK_DIALECT_DEBIAN, CK_R_EXTENSION, 9, "last" },
	{ "0 0 ? * *", CK_DIALECT_DEBIAN, CK_R_EXTENSION, 5, "Quartz" },
	{ "0 0 * * 1#2", CK_DIALECT_CRONIE, CK_R_EXTENSION, 10, "nth weekday" },
	{ "*/20 * * * * *", CK_DIALECT_DEBIAN, CK_R_SIX_FIELDS, 14, "seconds" },
	{ "* * * *", CK_DIALECT_DEBIAN, CK_R_FIELD_COUNT, 8, "missing day-of-week" },
	{ "@YEARLY", CK_DIALECT_DEBIAN, CK_R_KEYWORD_CASE, 1, "write \"@yearly\"" },
	{ "@every 5m", CK_DIALECT_DEBIAN, CK_R_BAD_KEYWORD, 1, "unknown keyword \"@every\"" },
	{ "*-5 * * * *", CK_DIALECT_CRONIE, CK_R_FIELD_SYNTAX, 2, "unexpected \"-\"" },
	{ "5-1 * * * *", CK_DIALECT_OPENBSD, CK_R_REVERSED_RANGE, 1, "reversed" },
	{ "0 0 * * fri-sun", CK_DIALECT_OPENBSD, CK_R_REVERSED_RANGE, 9, "reversed" },
	{ "~ * * * *", CK_DIALECT_DEBIAN, CK_R_RANDOM, 1, "not supported by debian" },
	{ "0~30 * * * *", CK_DIALECT_BUSYBOX, CK_R_RANDOM, 2, "not supported by busybox" },
	{ "30~10 * * * *", CK_DIALECT_CRONIE, CK_R_REVERSED_RANGE, 1, "reversed" },
};

/*
 * A plain loop, not ParameterizedTest: criterion re-executes the binary
 * for each test, so pointers in a static parameter array would dangle.
 */
Test(expr, rejects_with_rule_and_column)
{
	for (size_t i = 0; i < sizeof(bads) / sizeof(bads[0]); i++) {
		const struct bad *b = &bads[i];
		ck_error err;
		ck_expr *e;

		memset(&err, 0, sizeof(err));
		e = parse(b->expr, b->d, &err);
		cr_expect_null(e, "\"%s\" was accepted", b->expr);
		if (e != NULL) {
			ck_expr_free(e);
			continue;
		}
		cr_expect_eq(err.code, CK_ESYNTAX, "%s: code %d", b->expr,
		    err.code);
		cr_expect_eq(err.rule, b->rule, "%s: rule %u, want %u (%s)",
		    b->expr, err.rule, b->rule, err.msg);
		cr_expect_eq(err.line, 1);
		cr_expect_eq(err.column, b->col, "%s: column %u, want %u (%s)",
		    b->expr, err.column, b->col, err.msg);
		cr_expect(strstr(err.msg, b->msg) != NULL,
		    "%s: message \"%s\" lacks \"%s\"", b->expr, err.msg,
		    b->msg);
	}
}

Test(expr, debian_ignores_trailing_text_with_a_warning)
{
	const char *cases[][2] = {
		{ "*-5 * * * *", "*" }, { "1-5-7 * * * *", "1-5" },
		{ "*/2/3 * * * *", "*/2" }, { "0~30 * * * *", "0" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_diag_list *dl = ck_diag_list_new();
		struct ck_expr a, b;
		ck_error err;
		size_t end;
		char want[64];

		cr_assert_eq(ck_expr_scan(&a, cases[i][0], strlen(cases[i][0]),
		    CK_DIALECT_DEBIAN, 1, 1, &end, dl, &err), 0, "%s: %s",
		    cases[i][0], err.msg);
		snprintf(want, sizeof(want), "%s * * * *", cases[i][1]);
		cr_assert_eq(ck_expr_scan(&b, want, strlen(want),
		    CK_DIALECT_DEBIAN, 1, 1, &end, NULL, &err), 0);
		cr_expect_eq(a.minute, b.minute, "%s runs as %s", cases[i][0],
		    want);
		cr_assert_eq(ck_diag_count(dl), 1);
		cr_expect_eq(ck_diag_at(dl, 0)->rule, CK_R_IGNORED_TEXT);
		cr_expect_eq(ck_diag_at(dl, 0)->severity, CK_SEV_WARNING);
		ck_diag_list_free(dl);
	}
}

Test(expr, dialects_differ_on_reversed_ranges)
{
	ck_error err;
	ck_expr *deb = parse("5-1 * * * *", CK_DIALECT_DEBIAN, &err);
	ck_expr *bb = parse("0 0 * * 5-1", CK_DIALECT_BUSYBOX, &err);
	ck_expr *obsd = parse("5-1 * * * *", CK_DIALECT_OPENBSD, &err);

	cr_assert_not_null(deb);
	cr_expect_eq(deb->minute, 0, "Debian: a reversed range matches nothing");
	cr_assert_not_null(bb);
	cr_expect_eq(bb->dow, (1 << 5) | (1 << 6) | 1 | (1 << 1),
	    "busybox wraps: Fri,Sat,Sun,Mon");
	cr_expect_null(obsd, "OpenBSD rejects it");
	ck_expr_free(deb);
	ck_expr_free(bb);
}

Test(expr, cronie_random_range_covers_candidates)
{
	ck_error err;
	ck_expr *e = parse("0~30 * * * *", CK_DIALECT_CRONIE, &err);

	cr_assert_not_null(e, "%s", err.msg);
	cr_expect_eq(e->minute, (UINT64_C(1) << 31) - 1);
	ck_expr_free(e);
}

Test(expr, busybox_day_rule_uses_the_bits)
{
	ck_error err;
	ck_expr *a = parse("0 0 */2 * *", CK_DIALECT_BUSYBOX, &err);
	ck_expr *b = parse("0 0 1 * sun-sat", CK_DIALECT_BUSYBOX, &err);
	ck_expr *c = parse("0 0 1 * sun-sat", CK_DIALECT_DEBIAN, &err);

	cr_assert(a && b && c);
	cr_expect(a->dom & (1u << 2), "busybox */2 starts at slot 0: day 2");
	cr_expect_not(a->dom & (1u << 1));
	cr_expect(b->flags & CK_SF_DOW_STAR, "busybox: a full weekday set is a star");
	cr_expect_not(c->flags & CK_SF_DOW_STAR, "Vixie: sun-sat is not a star");
	ck_expr_free(a);
	ck_expr_free(b);
	ck_expr_free(c);
}

Test(expr, same_detects_respelled_schedules)
{
	const char *pairs[][2] = {
		{ "0 * * * *", "@hourly" }, { "0 0 1 1 *", "@yearly" },
		{ "*/15 * * * *", "0,15,30,45 * * * *" },
		{ "0 0 * * 1-5", "0 0 * * mon-fri" },
		{ "0 0 1-31 * 1", "0 0 * * *" },
	};
	ck_error err;

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		ck_expr *a = parse(pairs[i][0], CK_DIALECT_DEBIAN, &err);
		ck_expr *b = parse(pairs[i][1], CK_DIALECT_DEBIAN, &err);

		cr_assert(a && b);
		cr_expect(ck_expr_same(a, b), "%s vs %s", pairs[i][0], pairs[i][1]);
		ck_expr_free(a);
		ck_expr_free(b);
	}
	{
		ck_expr *a = parse("0 0 */1 * 1", CK_DIALECT_DEBIAN, &err);
		ck_expr *b = parse("0 0 * * *", CK_DIALECT_DEBIAN, &err);

		cr_expect_not(ck_expr_same(a, b), "*/1 makes it Mondays only");
		ck_expr_free(a);
		ck_expr_free(b);
	}
}
