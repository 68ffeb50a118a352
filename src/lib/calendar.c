/* SPDX-License-Identifier: ISC */
/*
 * calendar.c - the proleptic Gregorian calendar (leap years, month
 * lengths, weekdays, day numbers), month and weekday names, and the
 * ranges of cron's five fields.  The only copies in the source tree
 * (tests/calendar_guard.py checks it).
 */
#include <stddef.h>
#include <stdint.h>

#include "calendar.h"

static const char *const mon_abbr[13] = {
	"", "jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec"
};
static const char *const mon_Abbr[13] = {
	"", "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};
static const char *const mon_full[13] = {
	"", "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};
static const char *const dow_abbr[7] = {
	"sun", "mon", "tue", "wed", "thu", "fri", "sat"
};
static const char *const dow_Abbr[7] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};
static const char *const dow_full[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday"
};

/* February as 28 days; ck_days_in_month() adds the leap day. */
static const unsigned char mdays[13] = {
	0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
};

static const struct {
	int	lo, hi, written;
} ranges[CK_FIELD_COUNT] = {
	[CK_FIELD_MINUTE] = { 0, 59, 59 },
	[CK_FIELD_HOUR] = { 0, 23, 23 },
	[CK_FIELD_DOM] = { 1, 31, 31 },
	[CK_FIELD_MONTH] = { 1, 12, 12 },
	[CK_FIELD_DOW] = { 0, 6, 7 },
};

bool
ck_is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned
ck_days_in_month(int64_t y, unsigned m)
{
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && ck_is_leap(y) ? 29 : mdays[m];
}

unsigned
ck_days_in_month_max(unsigned m)
{
	if (m < 1 || m > 12)
		return 0;
	return m == 2 ? 29 : mdays[m];
}

int64_t
ck_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
ck_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* 0 = Sunday; 1970-01-01 was a Thursday. */
int
ck_weekday(int64_t days)
{
	int64_t w = (days + 4) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

int
ck_weekday_of(int64_t y, unsigned m, unsigned d)
{
	return ck_weekday(ck_days_from_civil(y, m, d));
}

const char *
ck_month_abbr(int m)
{
	return m >= 1 && m <= 12 ? mon_abbr[m] : NULL;
}

const char *
ck_month_Abbr(int m)
{
	return m >= 1 && m <= 12 ? mon_Abbr[m] : NULL;
}

const char *
ck_month_full(int m)
{
	return m >= 1 && m <= 12 ? mon_full[m] : NULL;
}

const char *
ck_dow_abbr(int d)
{
	return d >= 0 && d <= 7 ? dow_abbr[d % 7] : NULL;
}

const char *
ck_dow_Abbr(int d)
{
	return d >= 0 && d <= 7 ? dow_Abbr[d % 7] : NULL;
}

const char *
ck_dow_full(int d)
{
	return d >= 0 && d <= 7 ? dow_full[d % 7] : NULL;
}

static bool
abbr_eq(const char *s, size_t len, const char *name)
{
	size_t i;

	if (len != 3)
		return false;
	for (i = 0; i < 3; i++) {
		int c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != name[i])
			return false;
	}
	return true;
}

int
ck_month_from_abbr(const char *s, size_t len)
{
	int m;

	for (m = 1; m <= 12; m++)
		if (abbr_eq(s, len, mon_abbr[m]))
			return m;
	return -1;
}

int
ck_dow_from_abbr(const char *s, size_t len)
{
	int d;

	for (d = 0; d < 7; d++)
		if (abbr_eq(s, len, dow_abbr[d]))
			return d;
	return -1;
}

int
ck_field_min(enum ck_field f)
{
	return (unsigned)f < CK_FIELD_COUNT ? ranges[f].lo : 0;
}

int
ck_field_max(enum ck_field f)
{
	return (unsigned)f < CK_FIELD_COUNT ? ranges[f].hi : 0;
}

int
ck_field_max_written(enum ck_field f)
{
	return (unsigned)f < CK_FIELD_COUNT ? ranges[f].written : 0;
}
