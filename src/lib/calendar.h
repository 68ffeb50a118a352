/* SPDX-License-Identifier: ISC */
/*
 * calendar.h - the proleptic Gregorian calendar and the ranges of cron's
 * five fields (calendar.c).  The one home of month and weekday names, the
 * leap-year rule and the length of months: tests/calendar_guard.py fails
 * when a copy appears in another source file.  Never installed.
 */
#ifndef CK_CALENDAR_H
#define CK_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>

#include "cronkeep.h"

/* Gregorian leap year (proleptic, any year). */
bool		 ck_is_leap(int64_t y);
/* Days in month m (1-12) of year y; 0 for another m. */
unsigned	 ck_days_in_month(int64_t y, unsigned m);
/* The longest month m (1-12) can be: February 29; 0 for another m. */
unsigned	 ck_days_in_month_max(unsigned m);
/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
int64_t		 ck_days_from_civil(int64_t y, unsigned m, unsigned d);
/* The date of day z (days since 1970-01-01). */
void		 ck_civil_from_days(int64_t z, int64_t *y, unsigned *m,
		    unsigned *d);
/* Weekday (0 = Sunday) of day z (days since 1970-01-01). */
int		 ck_weekday(int64_t days);
/* Weekday (0 = Sunday) of the date y-m-d. */
int		 ck_weekday_of(int64_t y, unsigned m, unsigned d);

/*
 * Names, or NULL for a number out of range.  Months are 1-12, weekdays
 * 0-7 (7 is Sunday, as cron reads it).  abbr: "jan", "sun" (cron's
 * spelling); Abbr: "Jan", "Sun"; full: "January", "Sunday".
 */
const char	*ck_month_abbr(int m);
const char	*ck_month_Abbr(int m);
const char	*ck_month_full(int m);
const char	*ck_dow_abbr(int d);
const char	*ck_dow_Abbr(int d);
const char	*ck_dow_full(int d);
/*
 * Number (1-12, 0-6) of a three-letter month or weekday name, any case;
 * -1 when it is not one.
 */
int		 ck_month_from_abbr(const char *s, size_t len);
int		 ck_dow_from_abbr(const char *s, size_t len);

/*
 * The values of field f: ck_field_min() to ck_field_max() are the values
 * a schedule holds (a weekday is 0-6); ck_field_max_written() is the
 * highest a field may be written as (7 for the weekday: Sunday again).
 */
int		 ck_field_min(enum ck_field f);
int		 ck_field_max(enum ck_field f);
int		 ck_field_max_written(enum ck_field f);

#endif /* CK_CALENDAR_H */
