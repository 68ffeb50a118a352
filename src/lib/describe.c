/* SPDX-License-Identifier: ISC */
/*
 * describe.c - an English sentence for a schedule.
 *
 * The sentence is computed from the parsed bit sets, not from the text, so
 * two spellings of the same set ("1-5", "mon-fri", "1,2,3,4,5") read the
 * same.  The only facts taken from the spelling are the ones cron itself
 * takes from it: whether the day fields start with '*' (cron's
 * day-of-month / day-of-week rule, docs/dev/cron-dialects.md §2) and which
 * @keyword was used.  The wording rules are documented in docs/explain.md.
 *
 * A sentence is built as: time phrase, day phrase, month phrase, notes.
 *   "at 09:00 on weekdays"
 *   "every 15 minutes from 09:00 to 17:45 on weekdays"
 *   "at 00:00 on day 1 of the month and on every Monday"
 *   "at 00:00 on odd days of the month that are Mondays"
 *   "at 00:00 on February 29 (leap years only)"
 *   "never: February has no 30th"
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAXWORDS	64

/* A list of short generated words ("09:00", "Monday"), joined later. */
struct words {
	char	 w[MAXWORDS][24];
	int	 n;
};

struct fieldinfo {
	const char	*one;		/* "minute" */
	const char	*many;		/* "minutes" */
};

static const struct fieldinfo fields[CK_FIELD_COUNT] = {
	{ "minute", "minutes" },
	{ "hour", "hours" },
	{ "day", "days" },
	{ "month", "months" },
	{ "day of the week", "days of the week" },
};


#define WEEKDAYS	UINT64_C(0x3e)	/* Monday to Friday */
#define WEEKENDS	UINT64_C(0x41)	/* Saturday and Sunday */

static int	 count(uint64_t);
static int	 lowest(uint64_t);
static int	 highest(uint64_t);
static bool	 has(uint64_t, int);
static bool	 progression(uint64_t, int *);
static bool	 uniform(uint64_t, int, int *);
static const char *ordinal_suffix(int);
static void	 fmt_time(char *, size_t, int, int, unsigned int);
static void	 words_add(struct words *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	 join(struct ck_buf *, const struct words *, const char *);
static void	 values_words(struct words *, enum ck_field, uint64_t);
static void	 dow_words(struct words *, uint64_t, bool);
static void	 field_phrase(struct ck_buf *, enum ck_field, uint64_t);
static void	 time_phrase(struct ck_buf *, uint64_t, uint64_t,
		    unsigned int);
static void	 minutes_list(struct ck_buf *, const char *, uint64_t);
static void	 times_list(struct ck_buf *, uint64_t, uint64_t,
		    unsigned int);
static bool	 dom_valid(uint64_t, uint64_t);
static void	 never_reason(struct ck_buf *, uint64_t, uint64_t);
static bool	 dom_phrase(struct ck_buf *, uint64_t, uint64_t, bool);
static void	 dom_note(struct ck_buf *, uint64_t, uint64_t);
static void	 dow_phrase(struct ck_buf *, uint64_t);
static void	 dow_clause(struct ck_buf *, uint64_t, bool);
static void	 month_phrase(struct ck_buf *, uint64_t);
static int	 keyword_sentence(struct ck_buf *, const ck_expr *,
		    unsigned int);
static char	*finish(struct ck_buf *, unsigned int, ck_error *);

static int
count(uint64_t x)
{
	int n = 0;

	while (x != 0) {
		x &= x - 1;
		n++;
	}
	return n;
}

static int
lowest(uint64_t x)
{
	int i;

	for (i = 0; i < 64; i++)
		if (x & (UINT64_C(1) << i))
			return i;
	return -1;
}

static int
highest(uint64_t x)
{
	int i;

	for (i = 63; i >= 0; i--)
		if (x & (UINT64_C(1) << i))
			return i;
	return -1;
}

static bool
has(uint64_t x, int i)
{
	return i >= 0 && i < 64 && (x & (UINT64_C(1) << i)) != 0;
}

/*
 * True when x holds at least two values spaced evenly; *step gets the
 * spacing.
 */
static bool
progression(uint64_t x, int *step)
{
	int prev = -1, s = 0, i;

	if (count(x) < 2)
		return false;
	for (i = 0; i < 64; i++) {
		if (!has(x, i))
			continue;
		if (prev >= 0) {
			if (s == 0)
				s = i - prev;
			else if (i - prev != s)
				return false;
		}
		prev = i;
	}
	*step = s;
	return true;
}

/*
 * True when x (values 0..span-1) is evenly spaced all the way round, also
 * across the end of the field: minutes every s minutes where s divides 60,
 * so the gap from the last minute of one hour to the first of the next is
 * s as well.  *step gets s.
 */
static bool
uniform(uint64_t x, int span, int *step)
{
	int n = count(x), s;

	if (n < 2 || span % n != 0)
		return false;
	s = span / n;
	if (lowest(x) >= s)
		return false;
	if (!progression(x, step) || *step != s)
		return false;
	return true;
}

static const char *
ordinal_suffix(int n)
{
	if (n % 100 >= 11 && n % 100 <= 13)
		return "th";
	switch (n % 10) {
	case 1:
		return "st";
	case 2:
		return "nd";
	case 3:
		return "rd";
	}
	return "th";
}

static void
fmt_time(char *out, size_t size, int h, int m, unsigned int flags)
{
	if (flags & CK_DESCRIBE_12H)
		ck_fmt(out, size, "%d:%02d %s", h % 12 == 0 ? 12 : h % 12,
		    m, h < 12 ? "AM" : "PM");
	else
		ck_fmt(out, size, "%02d:%02d", h, m);
}

static void
words_add(struct words *w, const char *fmt, ...)
{
	va_list ap;

	/* Callers never add more than MAXWORDS; keep it safe anyway. */
	if (w->n >= MAXWORDS)
		return;
	va_start(ap, fmt);
	ck_vfmt(w->w[w->n], sizeof(w->w[w->n]), fmt, ap);
	va_end(ap);
	w->n++;
}

/* "a", "a and b", "a, b and c"; conj is "and" or "or". */
static void
join(struct ck_buf *b, const struct words *w, const char *conj)
{
	int i;

	for (i = 0; i < w->n; i++) {
		if (i > 0 && i == w->n - 1)
			ck_buf_printf(b, " %s ", conj);
		else if (i > 0)
			ck_buf_adds(b, ", ");
		ck_buf_adds(b, w->w[i]);
	}
}

static void
values_words(struct words *w, enum ck_field f, uint64_t x)
{
	int i;

	for (i = ck_field_min(f); i <= ck_field_max(f); i++) {
		if (!has(x, i))
			continue;
		if (f == CK_FIELD_MONTH)
			words_add(w, "%s", ck_month_full(i));
		else
			words_add(w, "%d", i);
	}
}

/* Day names Monday first (the working week reads naturally). */
static void
dow_words(struct words *w, uint64_t x, bool plural)
{
	int i, d;

	for (i = 1; i <= 7; i++) {
		d = i % 7;
		if (has(x, d))
			words_add(w, "%s%s", ck_dow_full(d),
			    plural ? "s" : "");
	}
}

/*
 * The values of one field on their own: "every 15 minutes", "minute 5",
 * "hours 9 through 17", "every 2nd hour from 1 through 23", "January".
 */
static void
field_phrase(struct ck_buf *b, enum ck_field f, uint64_t x)
{
	const struct fieldinfo *fi = &fields[f];
	struct words w = { .n = 0 };
	int n = count(x), span = ck_field_max(f) - ck_field_min(f) + 1, s;

	if (n == span) {
		ck_buf_printf(b, "every %s", fi->one);
		return;
	}
	if (f == CK_FIELD_DOW) {
		if (x == WEEKDAYS)
			ck_buf_adds(b, "weekdays");
		else if (x == WEEKENDS)
			ck_buf_adds(b, "weekends");
		else {
			dow_words(&w, x, false);
			join(b, &w, "and");
		}
		return;
	}
	if (f == CK_FIELD_MONTH && n <= 4) {
		values_words(&w, f, x);
		join(b, &w, "and");
		return;
	}
	if (n == 1) {
		if (f == CK_FIELD_MONTH)
			ck_buf_adds(b, ck_month_full(lowest(x)));
		else
			ck_buf_printf(b, "%s %d", fi->one, lowest(x));
		return;
	}
	if (f <= CK_FIELD_HOUR && uniform(x, span, &s) && lowest(x) == 0) {
		ck_buf_printf(b, "every %d %s", s, fi->many);
		return;
	}
	if (progression(x, &s) && n >= 3) {
		if (s == 1 && f == CK_FIELD_MONTH)
			ck_buf_printf(b, "%s through %s",
			    ck_month_full(lowest(x)),
			    ck_month_full(highest(x)));
		else if (s == 1)
			ck_buf_printf(b, "%s %d through %d", fi->many,
			    lowest(x), highest(x));
		else if (f == CK_FIELD_MONTH)
			ck_buf_printf(b, "every %d%s month from %s through %s",
			    s, ordinal_suffix(s), ck_month_full(lowest(x)),
			    ck_month_full(highest(x)));
		else
			ck_buf_printf(b, "every %d%s %s from %d through %d",
			    s, ordinal_suffix(s), fi->one, lowest(x),
			    highest(x));
		return;
	}
	if (f != CK_FIELD_MONTH)
		ck_buf_printf(b, "%s ", fi->many);
	values_words(&w, f, x);
	join(b, &w, "and");
}

/* "at minute 5", "at minutes 0, 25 and 50". */
static void
minutes_list(struct ck_buf *b, const char *lead, uint64_t m)
{
	struct words w = { .n = 0 };

	values_words(&w, CK_FIELD_MINUTE, m);
	ck_buf_printf(b, "%s%s ", lead, w.n == 1 ? "minute" : "minutes");
	join(b, &w, "and");
}

/* "at 09:00, 09:30 and 17:00": every (hour, minute) pair, in time order. */
static void
times_list(struct ck_buf *b, uint64_t m, uint64_t h, unsigned int flags)
{
	struct words w = { .n = 0 };
	int i, j;

	for (i = 0; i < 24; i++) {
		if (!has(h, i))
			continue;
		for (j = 0; j < 60; j++)
			if (has(m, j) && w.n < MAXWORDS) {
				fmt_time(w.w[w.n], sizeof(w.w[w.n]), i, j,
				    flags);
				w.n++;
			}
	}
	ck_buf_adds(b, "at ");
	join(b, &w, "and");
}

/*
 * The time of day: minutes and hours together.  See docs/explain.md for
 * the order in which the shapes are tried.
 */
static void
time_phrase(struct ck_buf *b, uint64_t m, uint64_t h, unsigned int flags)
{
	char t1[24], t2[24];
	int nm = count(m), nh = count(h), s, hs, i, start, mm;
	int runs, shortest;
	bool first;

	if (nm == 1) {
		mm = lowest(m);
		if (nh == 24) {
			ck_buf_adds(b, "every hour");
			if (mm != 0)
				ck_buf_printf(b, " at minute %d", mm);
			return;
		}
		if (nh <= 3) {
			times_list(b, m, h, flags);
			return;
		}
		if (uniform(h, 24, &s) && lowest(h) == 0) {
			ck_buf_printf(b, "every %d hours", s);
			if (mm != 0)
				ck_buf_printf(b, " at minute %d", mm);
			return;
		}
		if (progression(h, &s)) {
			fmt_time(t1, sizeof(t1), lowest(h), mm, flags);
			fmt_time(t2, sizeof(t2), highest(h), mm, flags);
			if (s == 1)
				ck_buf_printf(b, "every hour from %s to %s",
				    t1, t2);
			else
				ck_buf_printf(b, "every %d hours from %s to %s",
				    s, t1, t2);
			return;
		}
		/* Several runs of hours, each at least two long. */
		runs = 0;
		shortest = 24;
		for (i = 0; i < 24; i++) {
			if (!has(h, i) || has(h, i - 1))
				continue;
			start = i;
			while (has(h, i + 1))
				i++;
			runs++;
			if (i - start + 1 < shortest)
				shortest = i - start + 1;
		}
		if (shortest >= 2 && runs <= 4) {
			ck_buf_adds(b, "every hour");
			first = true;
			for (i = 0; i < 24; i++) {
				if (!has(h, i) || has(h, i - 1))
					continue;
				start = i;
				while (has(h, i + 1))
					i++;
				fmt_time(t1, sizeof(t1), start, mm, flags);
				fmt_time(t2, sizeof(t2), i, mm, flags);
				ck_buf_printf(b, "%s from %s to %s",
				    first ? "" : " and", t1, t2);
				first = false;
			}
			return;
		}
		times_list(b, m, h, flags);
		return;
	}

	if (nh == 24) {
		if (nm == 60)
			ck_buf_adds(b, "every minute");
		else if (uniform(m, 60, &s) && lowest(m) == 0)
			ck_buf_printf(b, "every %d minutes", s);
		else if (nm <= 4)
			minutes_list(b, "every hour at ", m);
		else if (uniform(m, 60, &s))
			ck_buf_printf(b, "every %d minutes starting at minute "
			    "%d", s, lowest(m));
		else if (progression(m, &s) && s == 1)
			ck_buf_printf(b, "every minute from minute %d through "
			    "%d past every hour", lowest(m), highest(m));
		else if (progression(m, &s))
			ck_buf_printf(b, "every %d minutes from minute %d "
			    "through %d past every hour", s, lowest(m),
			    highest(m));
		else
			minutes_list(b, "every hour at ", m);
		return;
	}

	if (nm * nh <= 4) {
		times_list(b, m, h, flags);
		return;
	}

	/*
	 * Minutes evenly spaced across the hour boundary: each run of
	 * consecutive hours is one window "from 09:00 to 17:45".
	 */
	if (uniform(m, 60, &s)) {
		runs = 0;
		for (i = 0; i < 24; i++)
			if (has(h, i) && !has(h, i - 1))
				runs++;
		if (runs <= 3) {
			if (s == 1)
				ck_buf_adds(b, "every minute");
			else
				ck_buf_printf(b, "every %d minutes", s);
			first = true;
			for (i = 0; i < 24; i++) {
				if (!has(h, i) || has(h, i - 1))
					continue;
				start = i;
				while (has(h, i + 1))
					i++;
				fmt_time(t1, sizeof(t1), start, lowest(m),
				    flags);
				fmt_time(t2, sizeof(t2), i, highest(m), flags);
				ck_buf_printf(b, "%s from %s to %s",
				    first ? "" : " and", t1, t2);
				first = false;
			}
			return;
		}
	}
	if (nh == 1 && progression(m, &s) && (s == 1 || nm >= 3)) {
		fmt_time(t1, sizeof(t1), lowest(h), lowest(m), flags);
		fmt_time(t2, sizeof(t2), lowest(h), highest(m), flags);
		if (s == 1)
			ck_buf_printf(b, "every minute from %s to %s", t1, t2);
		else
			ck_buf_printf(b, "every %d minutes from %s to %s", s,
			    t1, t2);
		return;
	}

	/* The general shape: "<minutes> past <hours>". */
	if (progression(m, &s) && s == 1)
		ck_buf_printf(b, "every minute from minute %d through %d",
		    lowest(m), highest(m));
	else if (progression(m, &s) && nm >= 3)
		ck_buf_printf(b, "every %d minutes from minute %d through %d",
		    s, lowest(m), highest(m));
	else
		minutes_list(b, "at ", m);
	ck_buf_adds(b, " past ");
	if (nh == 1)
		ck_buf_printf(b, "hour %d", lowest(h));
	else if (progression(h, &hs) && hs == 1)
		ck_buf_printf(b, "every hour from %d through %d", lowest(h),
		    highest(h));
	else if (uniform(h, 24, &hs) && lowest(h) == 0)
		ck_buf_printf(b, "every %d%s hour", hs, ordinal_suffix(hs));
	else if (progression(h, &hs) && nh >= 3)
		ck_buf_printf(b, "every %d%s hour from %d through %d", hs,
		    ordinal_suffix(hs), lowest(h), highest(h));
	else
		field_phrase(b, CK_FIELD_HOUR, h);
}

/* True when some day of d exists in some month of mon (Feb 29 counts). */
static bool
dom_valid(uint64_t d, uint64_t mon)
{
	int m;

	for (m = 1; m <= 12; m++)
		if (has(mon, m) && lowest(d) >= 1 &&
		    lowest(d) <= (int)ck_days_in_month_max(m))
			return true;
	return false;
}

/* "February has no 30th", "April and June have no 31st". */
static void
never_reason(struct ck_buf *b, uint64_t d, uint64_t mon)
{
	struct words w = { .n = 0 };
	int i;

	values_words(&w, CK_FIELD_MONTH, mon);
	join(b, &w, "and");
	ck_buf_adds(b, w.n == 1 ? " has no " : " have no ");
	w.n = 0;
	for (i = 1; i <= 31; i++)
		if (has(d, i))
			words_add(&w, "%d%s", i, ordinal_suffix(i));
	join(b, &w, "or");
}

/*
 * "on day 1 of the month", "on odd days of the month", "on February 29".
 * @return true when the phrase named the month itself (the month phrase
 * is then left out), false otherwise.  The phrase is plural when it names
 * more than one day; callers ask count(d).
 */
static bool
dom_phrase(struct ck_buf *b, uint64_t d, uint64_t mon, bool dates)
{
	struct words w = { .n = 0 };
	int n = count(d), s, i;

	if (dates && count(mon) == 1 && n <= 4) {
		/* Only the dates that exist; dom_note() names the rest. */
		ck_buf_printf(b, "on %s ", ck_month_full(lowest(mon)));
		values_words(&w, CK_FIELD_DOM, d & ((UINT64_C(2) <<
		    (int)ck_days_in_month_max(lowest(mon))) - 1));
		join(b, &w, "and");
		return true;
	}
	if (n == 1)
		ck_buf_printf(b, "on day %d of the month", lowest(d));
	else if (n == 16 && progression(d, &s) && s == 2 && lowest(d) == 1)
		ck_buf_adds(b, "on odd days of the month");
	else if (n == 15 && progression(d, &s) && s == 2 && lowest(d) == 2)
		ck_buf_adds(b, "on even days of the month");
	else if (progression(d, &s) && s == 1 && n >= 3)
		ck_buf_printf(b, "on days %d through %d of the month",
		    lowest(d), highest(d));
	else if (progression(d, &s) && n >= 7)
		ck_buf_printf(b, "on every %d%s day from day %d through %d of "
		    "the month", s, ordinal_suffix(s), lowest(d), highest(d));
	else {
		for (i = 1; i <= 31; i++)
			if (has(d, i))
				words_add(&w, "%d", i);
		ck_buf_adds(b, "on days ");
		join(b, &w, "and");
		ck_buf_adds(b, " of the month");
	}
	return false;
}

/*
 * Months of mon in which no day of d exists are skipped by cron; February
 * 29 exists only in leap years.  Say so in parentheses.
 */
static void
dom_note(struct ck_buf *b, uint64_t d, uint64_t mon)
{
	struct words w = { .n = 0 };
	uint64_t skipped = 0, feb = UINT64_C(1) << 2;
	size_t open = b->len;
	int m;
	bool leaponly;

#define NOTE()	ck_buf_adds(b, b->len == open ? " (" : "; ")
	for (m = 1; m <= 12; m++)
		if (has(mon, m) && lowest(d) > (int)ck_days_in_month_max(m))
			skipped |= UINT64_C(1) << m;
	leaponly = has(mon, 2) && !has(skipped, 2) && lowest(d) == 29;
	if (count(mon) == 1 && skipped == 0 &&
	    highest(d) > (int)ck_days_in_month_max(lowest(mon))) {
		/* One month, some of the days missing: name them. */
		NOTE();
		never_reason(b, d & ~((UINT64_C(2) <<
		    (int)ck_days_in_month_max(lowest(mon))) - 1), mon);
	}
	if (skipped != 0 && skipped != mon) {
		NOTE();
		if (count(d) == 1 && count(skipped) >= 3)
			ck_buf_printf(b, "only in months with a %d%s",
			    lowest(d), ordinal_suffix(lowest(d)));
		else {
			values_words(&w, CK_FIELD_MONTH, skipped);
			ck_buf_adds(b, "not in ");
			join(b, &w, "and");
		}
	}
	if (leaponly && mon == feb) {
		NOTE();
		ck_buf_adds(b, "leap years only");
	} else if (leaponly) {
		NOTE();
		ck_buf_adds(b, "in February only in leap years");
	} else if (mon == feb && has(d, 29)) {
		NOTE();
		ck_buf_adds(b, "the 29th in leap years only");
	}
#undef NOTE
	if (b->len != open)
		ck_buf_addc(b, ')');
}

/* "on weekdays", "on every Monday and Friday", "on every day from ...". */
static void
dow_phrase(struct ck_buf *b, uint64_t x)
{
	struct words w = { .n = 0 };
	int n = count(x), i, start = -1;

	if (x == WEEKDAYS) {
		ck_buf_adds(b, "on weekdays");
		return;
	}
	if (x == WEEKENDS) {
		ck_buf_adds(b, "on weekends");
		return;
	}
	if (n >= 3 && n <= 6) {
		/* One run round the week, e.g. Friday to Sunday. */
		for (i = 0; i < 7; i++)
			if (has(x, i) && !has(x, (i + 6) % 7)) {
				if (start != -1) {
					start = -2;
					break;
				}
				start = i;
			}
		if (start >= 0) {
			ck_buf_printf(b, "on every day from %s to %s",
			    ck_dow_full(start),
			    ck_dow_full((start + n - 1) % 7));
			return;
		}
	}
	dow_words(&w, x, false);
	ck_buf_adds(b, "on every ");
	join(b, &w, "and");
}

/*
 * The day-of-week condition on days of the month (cron's AND case):
 * " if it is a Monday", " that are Mondays or Fridays".
 */
static void
dow_clause(struct ck_buf *b, uint64_t x, bool plural)
{
	struct words w = { .n = 0 };

	if (x == WEEKDAYS) {
		ck_buf_adds(b, plural ? " that are weekdays" :
		    " if it is a weekday");
		return;
	}
	dow_words(&w, x, plural);
	ck_buf_adds(b, plural ? " that are " : " if it is a ");
	join(b, &w, "or");
}

/* "in February", "from June to August", "in January, April and July". */
static void
month_phrase(struct ck_buf *b, uint64_t mon)
{
	struct words w = { .n = 0 };
	uint64_t rest = mon;
	int i, start;
	bool first = true;

	/* Runs of three or more months read "from June to August". */
	for (i = 1; i <= 12; i++) {
		if (!has(mon, i) || has(mon, i - 1))
			continue;
		start = i;
		while (has(mon, i + 1))
			i++;
		if (i - start < 2)
			continue;
		ck_buf_printf(b, "%s from %s to %s", first ? "" : " and",
		    ck_month_full(start), ck_month_full(i));
		first = false;
		while (start <= i)
			rest &= ~(UINT64_C(1) << start++);
	}
	if (rest == 0)
		return;
	values_words(&w, CK_FIELD_MONTH, rest);
	ck_buf_printf(b, "%s in ", first ? "" : " and");
	join(b, &w, "and");
}

static int
keyword_sentence(struct ck_buf *b, const ck_expr *e, unsigned int flags)
{
	char t[24];

	fmt_time(t, sizeof(t), 0, 0, flags);
	switch ((enum ck_keyword)e->keyword) {
	case CK_KW_REBOOT:
		ck_buf_adds(b, "at system start-up");
		return 1;
	case CK_KW_YEARLY:
	case CK_KW_ANNUALLY:
		ck_buf_printf(b, "every year on January 1 at %s", t);
		return 1;
	case CK_KW_MONTHLY:
		ck_buf_printf(b, "on the first day of every month at %s", t);
		return 1;
	case CK_KW_WEEKLY:
		ck_buf_printf(b, "every Sunday at %s", t);
		return 1;
	case CK_KW_DAILY:
	case CK_KW_MIDNIGHT:
		ck_buf_adds(b, "every day at midnight");
		return 1;
	case CK_KW_HOURLY:
		ck_buf_adds(b, "every hour");
		return 1;
	case CK_KW_NONE:
		break;
	}
	return 0;
}

static char *
finish(struct ck_buf *b, unsigned int flags, ck_error *err)
{
	char *s;

	if ((flags & CK_DESCRIBE_SENTENCE) && b->len > 0 && !b->oom) {
		if (b->p[0] >= 'a' && b->p[0] <= 'z')
			b->p[0] = (char)(b->p[0] - 'a' + 'A');
		ck_buf_addc(b, '.');
	}
	if ((s = ck_buf_take(b, NULL)) == NULL)
		ck_error_oom(err);
	return s;
}

char *
ck_expr_describe(const ck_expr *e, unsigned int flags, ck_error *err)
{
	struct ck_buf b = { 0 };
	uint64_t m, h, d, mon, w;
	bool or_rule, use_d, use_w, named_month = false, dom_dead = false;
	size_t before;

	if (e == NULL) {
		ck_error_set(err, CK_EINVAL, 0, 0, "no schedule to describe");
		return NULL;
	}
	if ((e->flags & CK_SF_REBOOT) || e->keyword != CK_KW_NONE) {
		if (keyword_sentence(&b, e, flags))
			return finish(&b, flags, err);
	}
	m = e->minute & CK_MINUTE_ALL;
	h = e->hour & CK_HOUR_ALL;
	d = e->dom & CK_DOM_ALL;
	mon = e->month & CK_MONTH_ALL;
	w = e->dow & CK_DOW_ALL;

	/*
	 * cron's rule (docs/dev/cron-dialects.md §2): when both day fields are
	 * restricted, that is neither starts with '*', a day matches if
	 * EITHER matches; otherwise it must match both.
	 */
	or_rule = !(e->flags & (CK_SF_DOM_STAR | CK_SF_DOW_STAR));
	if (or_rule) {
		use_d = d != CK_DOM_ALL && w != CK_DOW_ALL;
		use_w = use_d;
		if (use_d && d != 0 && mon != 0 && !dom_valid(d, mon)) {
			/* The days never exist; the weekdays still fire. */
			use_d = false;
			dom_dead = true;
		}
	} else {
		use_d = d != CK_DOM_ALL;
		use_w = w != CK_DOW_ALL;
	}

	if (m == 0 || h == 0 || mon == 0 || (use_w && w == 0) ||
	    (use_d && d == 0) || (!or_rule && use_d && !dom_valid(d, mon)) ||
	    (or_rule && dom_dead && w == 0)) {
		ck_buf_adds(&b, "never");
		if (d != 0 && mon != 0 && !dom_valid(d, mon)) {
			ck_buf_adds(&b, ": ");
			never_reason(&b, d, mon);
		}
		return finish(&b, flags, err);
	}

	before = b.len;
	time_phrase(&b, m, h, flags);
	/* A list of times of day reads better with "every day". */
	if (!use_d && !use_w && b.len - before >= 4 &&
	    memcmp(b.p + before, "at ", 3) == 0 &&
	    ck_isdigit((unsigned char)b.p[before + 3]))
		ck_buf_adds(&b, " every day");
	if (use_d) {
		ck_buf_addc(&b, ' ');
		/*
		 * "on January 1" only when the month restricts nothing else:
		 * with the OR rule the weekdays are in that month too.
		 */
		named_month = dom_phrase(&b, d, mon, !(use_w && or_rule));
		if (use_w && or_rule) {
			/* The note belongs to the days, not the weekdays. */
			dom_note(&b, d, mon);
			ck_buf_adds(&b, " and ");
			dow_phrase(&b, w);
		} else if (use_w)
			dow_clause(&b, w, count(d) > 1);
	} else if (use_w) {
		ck_buf_addc(&b, ' ');
		dow_phrase(&b, w);
	}
	if (mon != CK_MONTH_ALL && !named_month) {
		if (use_d && use_w && or_rule)
			ck_buf_addc(&b, ',');
		month_phrase(&b, mon);
	}
	if (use_d && !(use_w && or_rule))
		dom_note(&b, d, mon);
	if (dom_dead) {
		ck_buf_adds(&b, " (");
		never_reason(&b, d, mon);
		ck_buf_adds(&b, ")");
	}
	return finish(&b, flags, err);
}

char *
ck_expr_describe_field(const ck_expr *e, enum ck_field f,
    unsigned int flags, ck_error *err)
{
	struct ck_buf b = { 0 };
	uint64_t x;

	(void)flags;
	if (e == NULL || (unsigned int)f >= CK_FIELD_COUNT) {
		ck_error_set(err, CK_EINVAL, 0, 0, "no such field");
		return NULL;
	}
	switch (f) {
	case CK_FIELD_MINUTE:
		x = e->minute & CK_MINUTE_ALL;
		break;
	case CK_FIELD_HOUR:
		x = e->hour & CK_HOUR_ALL;
		break;
	case CK_FIELD_DOM:
		x = e->dom & CK_DOM_ALL;
		break;
	case CK_FIELD_MONTH:
		x = e->month & CK_MONTH_ALL;
		break;
	default:
		x = e->dow & CK_DOW_ALL;
		break;
	}
	if (e->flags & CK_SF_REBOOT)
		ck_buf_adds(&b, "at start-up");
	else if (x == 0)
		ck_buf_adds(&b, "none");
	else
		field_phrase(&b, f, x);
	return finish(&b, flags & ~(unsigned int)CK_DESCRIBE_SENTENCE, err);
}
