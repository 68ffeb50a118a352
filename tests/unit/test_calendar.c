/* SPDX-License-Identifier: ISC */
/*
 * test_calendar.c - calendar.c: leap years, month lengths, day numbers
 * against known dates and against each other over 800 years, weekdays,
 * names both ways, the fields' ranges, and the public name function.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"

Test(calendar, leap_years)
{
	cr_expect(ck_is_leap(2024));
	cr_expect(ck_is_leap(2000));
	cr_expect(ck_is_leap(1600));
	cr_expect(ck_is_leap(-4));
	cr_expect(ck_is_leap(0));
	cr_expect(!ck_is_leap(1900));
	cr_expect(!ck_is_leap(2100));
	cr_expect(!ck_is_leap(2023));
	cr_expect(!ck_is_leap(-100));
}

Test(calendar, month_lengths)
{
	static const unsigned want[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31,
	    30, 31, 30, 31 };
	unsigned m;

	for (m = 1; m <= 12; m++) {
		cr_expect_eq(ck_days_in_month(2023, m), want[m], "month %u", m);
		cr_expect_eq(ck_days_in_month(2024, m),
		    m == 2 ? 29 : want[m], "month %u", m);
		cr_expect_eq(ck_days_in_month_max(m), m == 2 ? 29 : want[m]);
	}
	cr_expect_eq(ck_days_in_month(1900, 2), 28);
	cr_expect_eq(ck_days_in_month(2000, 2), 29);
	cr_expect_eq(ck_days_in_month(2024, 0), 0);
	cr_expect_eq(ck_days_in_month(2024, 13), 0);
	cr_expect_eq(ck_days_in_month_max(0), 0);
	cr_expect_eq(ck_days_in_month_max(13), 0);
}

Test(calendar, day_numbers)
{
	int64_t y, z;
	unsigned m, d, n;

	cr_expect_eq(ck_days_from_civil(1970, 1, 1), 0);
	cr_expect_eq(ck_days_from_civil(2000, 3, 1), 11017);
	cr_expect_eq(ck_days_from_civil(1969, 12, 31), -1);
	cr_expect_eq(ck_days_from_civil(1600, 1, 1), -135140);
	/* Every day from 1600 to 2400 and back, one after the other. */
	z = ck_days_from_civil(1600, 1, 1);
	for (y = 1600; y < 2400; y++)
		for (m = 1; m <= 12; m++) {
			n = ck_days_in_month(y, m);
			for (d = 1; d <= n; d++, z++) {
				int64_t yy;
				unsigned mm, dd;

				if (ck_days_from_civil(y, m, d) != z)
					cr_assert_fail("%lld-%u-%u",
					    (long long)y, m, d);
				ck_civil_from_days(z, &yy, &mm, &dd);
				if (yy != y || mm != m || dd != d)
					cr_assert_fail("day %lld",
					    (long long)z);
			}
		}
}

Test(calendar, weekdays)
{
	cr_expect_eq(ck_weekday(0), 4);			/* Thursday */
	cr_expect_eq(ck_weekday(-1), 3);
	cr_expect_eq(ck_weekday(-4), 0);
	cr_expect_eq(ck_weekday_of(2026, 12, 2), 3);	/* Wednesday */
	cr_expect_eq(ck_weekday_of(2000, 2, 29), 2);	/* Tuesday */
	cr_expect_eq(ck_weekday_of(1900, 1, 1), 1);	/* Monday */
	cr_expect_eq(ck_weekday_of(2024, 2, 29), 4);	/* Thursday */
	cr_expect_eq(ck_weekday_of(-1, 12, 31), 5);
}

Test(calendar, names)
{
	cr_expect_str_eq(ck_month_abbr(1), "jan");
	cr_expect_str_eq(ck_month_Abbr(12), "Dec");
	cr_expect_str_eq(ck_month_full(9), "September");
	cr_expect_null(ck_month_abbr(0));
	cr_expect_null(ck_month_Abbr(13));
	cr_expect_null(ck_month_full(-1));
	cr_expect_str_eq(ck_dow_abbr(0), "sun");
	cr_expect_str_eq(ck_dow_abbr(7), "sun");
	cr_expect_str_eq(ck_dow_Abbr(3), "Wed");
	cr_expect_str_eq(ck_dow_full(6), "Saturday");
	cr_expect_null(ck_dow_abbr(8));
	cr_expect_null(ck_dow_full(-1));
	cr_expect_eq(ck_month_from_abbr("Jan", 3), 1);
	cr_expect_eq(ck_month_from_abbr("DEC", 3), 12);
	cr_expect_eq(ck_month_from_abbr("ja", 2), -1);
	cr_expect_eq(ck_month_from_abbr("june", 4), -1);
	cr_expect_eq(ck_dow_from_abbr("sUn", 3), 0);
	cr_expect_eq(ck_dow_from_abbr("sat", 3), 6);
	cr_expect_eq(ck_dow_from_abbr("jan", 3), -1);
	cr_expect_eq(ck_month_from_abbr("mon", 3), -1);
}

Test(calendar, names_round_trip)
{
	int v, out;

	for (v = 1; v <= 12; v++) {
		cr_expect_eq(ck_month_from_abbr(ck_month_abbr(v), 3), v);
		cr_expect_eq(ck_month_from_abbr(ck_month_full(v), 3), v);
		cr_expect_eq(ck_field_value_from_name(CK_FIELD_MONTH,
		    ck_field_value_name(CK_FIELD_MONTH, v, false), 3, &out), 0);
		cr_expect_eq(out, v);
		cr_expect_eq(strncmp(ck_field_value_name(CK_FIELD_MONTH, v,
		    true), ck_month_Abbr(v), 3), 0);
	}
	for (v = 0; v < 7; v++) {
		cr_expect_eq(ck_dow_from_abbr(ck_dow_abbr(v), 3), v);
		cr_expect_eq(ck_field_value_from_name(CK_FIELD_DOW,
		    ck_field_value_name(CK_FIELD_DOW, v, false), 3, &out), 0);
		cr_expect_eq(out, v);
	}
	cr_expect_str_eq(ck_field_value_name(CK_FIELD_DOW, 7, false), "Sun");
	cr_expect_str_eq(ck_field_value_name(CK_FIELD_DOW, 1, true), "Monday");
	cr_expect_null(ck_field_value_name(CK_FIELD_DOW, 8, false));
	cr_expect_null(ck_field_value_name(CK_FIELD_MONTH, 0, true));
	cr_expect_null(ck_field_value_name(CK_FIELD_HOUR, 1, false));
}

Test(calendar, field_ranges)
{
	cr_expect_eq(ck_field_min(CK_FIELD_MINUTE), 0);
	cr_expect_eq(ck_field_max(CK_FIELD_MINUTE), 59);
	cr_expect_eq(ck_field_max(CK_FIELD_HOUR), 23);
	cr_expect_eq(ck_field_min(CK_FIELD_DOM), 1);
	cr_expect_eq(ck_field_max(CK_FIELD_DOM), 31);
	cr_expect_eq(ck_field_min(CK_FIELD_MONTH), 1);
	cr_expect_eq(ck_field_max(CK_FIELD_MONTH), 12);
	cr_expect_eq(ck_field_min(CK_FIELD_DOW), 0);
	cr_expect_eq(ck_field_max(CK_FIELD_DOW), 6);
	cr_expect_eq(ck_field_max_written(CK_FIELD_DOW), 7);
	cr_expect_eq(ck_field_max_written(CK_FIELD_HOUR), 23);
	cr_expect_eq(ck_field_max(CK_FIELD_COUNT), 0);
}
