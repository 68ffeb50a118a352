/* SPDX-License-Identifier: ISC */
/*
 * test_next.c - fire times: the vectors in tests/vectors, prev as the inverse of
 * next, counting, frequency, never-firing schedules, far years, and DST
 * in real zones checked against a minute-by-minute simulation of the
 * cron daemons (Vixie's virtual time; busybox's calendar matching).
 *
 * The simulations below scan minute by minute on purpose: they are the
 * slow, obviously-correct reference the fast code is compared with.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

#ifndef CK_VECTORS
#define CK_VECTORS "tests/vectors"
#endif

/* CPU-time bounds stretch under valgrind (meson test --setup valgrind). */
static long
slow(void)
{
	return getenv("CK_VALGRIND") != NULL ? 100 : 1;
}

static ck_expr *
parse(const char *text)
{
	ck_error err;
	ck_expr *e;

	e = ck_expr_parse(text, strlen(text), CK_DIALECT_DEBIAN, &err);
	cr_assert_not_null(e, "parse \"%s\": %s", text, err.msg);
	return e;
}

/* "2024-01-01T00:00[:SS][Z]" as UTC. */
static time_t
utc(const char *s)
{
	int y, mo, d, h, mi, sec = 0;
	char *end;

	y = (int)strtol(s, &end, 10);
	mo = (int)strtol(end + 1, &end, 10);
	d = (int)strtol(end + 1, &end, 10);
	h = (int)strtol(end + 1, &end, 10);
	mi = (int)strtol(end + 1, &end, 10);
	if (*end == ':')
		sec = (int)strtol(end + 1, &end, 10);
	return (time_t)(ck_days_from_civil(y, (unsigned)mo, (unsigned)d) *
	    86400 + h * 3600 + mi * 60 + sec);
}

static const char *
fmt(time_t t, char *buf, size_t len)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

/* ---- the vectors (tests/vectors/next.tsv) ---- */

Test(next, matches_every_vector)
{
	FILE *f;
	char line[4096], *fields[3], *p, *tok, *save;
	char a[32], b[32];
	time_t start, got[5], want[5], t;
	int rows = 0, nwant, i;
	ck_expr *e;
	ck_error err;

	f = fopen(CK_VECTORS "/next.tsv", "r");
	cr_assert_not_null(f, "cannot open %s", CK_VECTORS "/next.tsv");
	while (fgets(line, sizeof(line), f) != NULL) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		p = line;
		for (i = 0; i < 3; i++) {
			fields[i] = p;
			p = strchr(p, '\t');
			if (p == NULL) {
				cr_assert_eq(i, 2, "bad row: %s", line);
				break;
			}
			*p++ = '\0';
		}
		e = parse(fields[0]);
		start = utc(fields[1]);
		nwant = 0;
		for (tok = strtok_r(fields[2], " ", &save); tok != NULL;
		    tok = strtok_r(NULL, " ", &save))
			want[nwant++] = utc(tok);
		if (nwant == 0) {
			memset(&err, 0, sizeof(err));
			cr_expect_eq(ck_expr_next(e, NULL, start, CK_DST_VIXIE,
			    &t, NULL, &err), -1, "%s fires", fields[0]);
			cr_expect_eq(err.code, CK_ENEVER, "%s: code %d",
			    fields[0], err.code);
			cr_expect_eq(err.line, 0);
			cr_expect_eq(err.column, 0);
			cr_expect_not(ck_expr_can_fire(e));
		} else {
			cr_expect(ck_expr_can_fire(e));
			cr_assert_eq(ck_expr_next_n(e, ck_tz_utc(), start,
			    CK_DST_VIXIE, (size_t)nwant, got, NULL, &err), 0,
			    "%s: %s", fields[0], err.msg);
			for (i = 0; i < nwant; i++)
				cr_expect_eq(got[i], want[i],
				    "%s from %s: #%d is %s, want %s",
				    fields[0], fields[1], i,
				    fmt(got[i], a, sizeof(a)),
				    fmt(want[i], b, sizeof(b)));
			/* prev walks the same list backwards. */
			for (i = nwant - 1; i > 0; i--) {
				cr_assert_eq(ck_expr_prev(e, NULL, want[i],
				    CK_DST_VIXIE, &t, NULL, &err), 0);
				cr_expect_eq(t, want[i - 1], "%s prev of %s",
				    fields[0], fmt(want[i], a, sizeof(a)));
			}
			cr_assert_eq(ck_expr_prev(e, NULL, want[0],
			    CK_DST_VIXIE, &t, NULL, &err), 0);
			cr_expect_leq(t, start, "%s: prev of first", fields[0]);
		}
		ck_expr_free(e);
		rows++;
	}
	fclose(f);
	cr_assert_gt(rows, 30, "only %d rows read", rows);
}

/* ---- a reference matcher, written apart from next.c ---- */

static bool
ref_match(const ck_expr *e, const struct tm *tm)
{
	bool dom, dow;

	if (!(e->minute >> tm->tm_min & 1) || !(e->hour >> tm->tm_hour & 1) ||
	    !(e->month >> (tm->tm_mon + 1) & 1))
		return false;
	dom = e->dom >> tm->tm_mday & 1;
	dow = e->dow >> tm->tm_wday & 1;
	if (e->flags & (CK_SF_DOM_STAR | CK_SF_DOW_STAR))
		return dom && dow;
	return dom || dow;
}

/* Does e match wall minute wm (minutes of local seconds)? */
static bool
ref_match_wall(const ck_expr *e, int64_t wm)
{
	time_t w = (time_t)(wm * 60);
	struct tm tm;

	gmtime_r(&w, &tm);
	return ref_match(e, &tm);
}

static const char *const common_exprs[] = {
	"* * * * *", "*/5 * * * *", "0 * * * *", "30 2 * * *", "0 0 * * *",
	"15 14 1 * *", "0 22 * * 1-5", "23 0-23/2 * * *", "5 4 * * sun",
	"0 0,12 1 */2 *", "0 4 8-14 * *", "0 0 1 1 *", "0 9 * * mon",
	"*/15 9-17 * * mon-fri", "0 0 13 * 5", "0 0 29 2 *", "0 0 1-31 * 1",
	"0 0 */1 * 1", "0 0 31 * *", "59 23 31 12 *", "0 0 * * */2",
	"0 12 * * 6,0", "1-59/20 * * * *", "0 */23 * * *", "@weekly",
	"@monthly", "@hourly",
};
#define NCOMMON (sizeof(common_exprs) / sizeof(common_exprs[0]))

/* next() equals a minute-by-minute scan in UTC. */
Test(next, agrees_with_a_minute_scan_in_utc)
{
	size_t i;
	int k;
	time_t from, t, scan;
	struct tm tm;
	ck_expr *e;
	ck_error err;

	for (i = 0; i < NCOMMON; i++) {
		e = parse(common_exprs[i]);
		from = utc("2023-12-27T13:37:21");
		for (k = 0; k < 15; k++) {
			cr_assert_eq(ck_expr_next(e, NULL, from, CK_DST_VIXIE,
			    &t, NULL, &err), 0);
			for (scan = from - from % 60 + 60;; scan += 60) {
				gmtime_r(&scan, &tm);
				if (ref_match(e, &tm))
					break;
				cr_assert_lt(scan, from + 9 * 366 * 86400);
			}
			cr_assert_eq(t, scan, "%s after %lld",
			    common_exprs[i], (long long)from);
			/* A pseudo-random walk through the year. */
			from = t + (k * 7919) % 86400 * 3;
		}
		ck_expr_free(e);
	}
}

Test(next, prev_is_the_inverse_of_next)
{
	static const char *const zones[] = { "UTC", "Europe/Berlin",
	    "America/New_York", "Australia/Lord_Howe" };
	size_t i, z;
	int k, mode;
	time_t a, n, p, again;
	ck_expr *e;
	ck_tz *tz;
	ck_error err;

	for (z = 0; z < 4; z++) {
		tz = ck_tz_load(zones[z], NULL, &err);
		cr_assert_not_null(tz, "%s", err.msg);
		for (i = 0; i < NCOMMON; i++) {
			e = parse(common_exprs[i]);
			for (mode = 0; mode < 2; mode++) {
				a = utc("2024-03-01T00:00:07");
				for (k = 0; k < 25; k++) {
					cr_assert_eq(ck_expr_next(e, tz, a,
					    mode, &n, NULL, &err), 0);
					cr_assert_gt(n, a);
					cr_assert_eq(ck_expr_prev(e, tz, n,
					    mode, &p, NULL, &err), 0);
					cr_assert_leq(p, a, "%s %s: prev(next"
					    "(%lld)) = %lld", zones[z],
					    common_exprs[i], (long long)a,
					    (long long)p);
					cr_assert_eq(ck_expr_next(e, tz, p,
					    mode, &again, NULL, &err), 0);
					cr_assert_eq(again, n, "%s %s",
					    zones[z], common_exprs[i]);
					a = n + 86400 * 11 + 3599;
				}
			}
			ck_expr_free(e);
		}
		ck_tz_free(tz);
	}
}

/* ---- counting ---- */

Test(next, count_equals_enumeration)
{
	static const char *const zones[] = { "UTC", "Europe/Berlin",
	    "America/New_York", "Australia/Lord_Howe" };
	size_t i, z;
	int mode;
	unsigned long long n, walked;
	time_t from = utc("2024-01-01T00:00:30"), to, t;
	ck_expr *e;
	ck_tz *tz;
	ck_error err;

	to = utc("2025-01-01T00:00");
	for (z = 0; z < 4; z++) {
		tz = ck_tz_load(zones[z], NULL, &err);
		cr_assert_not_null(tz);
		for (i = 0; i < NCOMMON; i++) {
			e = parse(common_exprs[i]);
			for (mode = 0; mode < 2; mode++) {
				cr_assert_eq(ck_expr_count(e, tz, from, to,
				    mode, &n, &err), 0);
				walked = 0;
				/* [from, to): start one second before from. */
				for (t = from - 1;; walked++) {
					cr_assert_eq(ck_expr_next(e, tz, t,
					    mode, &t, NULL, &err), 0);
					if (t >= to)
						break;
				}
				cr_expect_eq(n, walked, "%s %s mode %d: "
				    "count %llu, walked %llu", zones[z],
				    common_exprs[i], mode, n, walked);
			}
			ck_expr_free(e);
		}
		ck_tz_free(tz);
	}
}

Test(next, counts_long_windows_without_enumerating)
{
	ck_expr *e;
	unsigned long long n;
	ck_error err;
	struct timespec t0, t1;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	e = parse("* * * * *");
	/* 2000-01-01 to 2400-01-01: 146097 days of 1440 minutes. */
	cr_assert_eq(ck_expr_count(e, NULL, utc("2000-01-01T00:00"),
	    utc("2400-01-01T00:00"), CK_DST_VIXIE, &n, &err), 0);
	cr_assert_eq(n, 146097ULL * 1440);
	ck_expr_free(e);
	e = parse("0 0 29 2 *");
	/* 97 leap days in any 400 years; 10000 years: 2425. */
	cr_assert_eq(ck_expr_count(e, NULL, utc("2000-01-01T00:00"),
	    utc("2400-01-01T00:00"), CK_DST_VIXIE, &n, &err), 0);
	cr_assert_eq(n, 97);
	cr_assert_eq(ck_expr_count(e, NULL, utc("2000-01-01T00:00"),
	    (time_t)(utc("2000-01-01T00:00") + 25 * 146097LL * 86400),
	    CK_DST_VIXIE, &n, &err), 0);
	cr_assert_eq(n, 25 * 97);
	ck_expr_free(e);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
	cr_assert_lt((t1.tv_sec - t0.tv_sec) * 1000000000L +
	    (t1.tv_nsec - t0.tv_nsec), 200000000L * slow(),
	    "counting took too long");
	/* An empty or reversed window counts 0. */
	e = parse("* * * * *");
	cr_assert_eq(ck_expr_count(e, NULL, 100, 100, CK_DST_VIXIE, &n,
	    &err), 0);
	cr_assert_eq(n, 0);
	cr_assert_eq(ck_expr_count(e, NULL, 100000, 100, CK_DST_VIXIE, &n,
	    &err), 0);
	cr_assert_eq(n, 0);
	/* [from, to): a fire at from counts, one at to does not. */
	cr_assert_eq(ck_expr_count(e, NULL, 60, 180, CK_DST_VIXIE, &n, &err),
	    0);
	cr_assert_eq(n, 2);
	ck_expr_free(e);
}

/* ---- frequency ---- */

struct freq_case {
	const char	*expr;
	long		 year;
	unsigned long long per_year;
	unsigned int	 days;
	unsigned int	 per_day;
};

Test(next, frequency_is_exact_per_year)
{
	static const struct freq_case cases[] = {
		{ "* * * * *", 2024, 366ULL * 1440, 366, 1440 },
		{ "* * * * *", 2023, 365ULL * 1440, 365, 1440 },
		/* OR: every day of the month, or Mondays: daily. */
		{ "0 0 1-31 * 1", 2024, 366, 366, 1 },
		/* '*' first: AND, so Mondays only (2024 has 53). */
		{ "0 0 */1 * 1", 2024, 53, 53, 1 },
		/* 12 thirteenths + 52 Fridays - 2 Friday the 13ths. */
		{ "0 0 13 * 5", 2024, 62, 62, 1 },
		{ "0 0 29 2 *", 2024, 1, 1, 1 },
		{ "0 0 29 2 *", 2023, 0, 0, 1 },
		{ "0 0 29 2 *", 2100, 0, 0, 1 },
		{ "0 0 29 2 *", 2000, 1, 1, 1 },
		{ "*/15 9-17 * * mon-fri", 2024, 262ULL * 36, 262, 36 },
		{ "0 0 31 * *", 2024, 7, 7, 1 },
		{ "0 0 30 2 *", 2024, 0, 0, 1 },
		/* OR with a date that never exists: the Sundays of February. */
		{ "0 0 30 2 0", 2024, 4, 4, 1 },
		{ "@hourly", 2024, 366ULL * 24, 366, 24 },
	};
	size_t i;
	unsigned m;
	unsigned long long sum, brute;
	ck_freq fq;
	ck_expr *e;
	ck_error err;
	time_t t, end;
	struct tm tm;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct freq_case *c = &cases[i];

		e = parse(c->expr);
		cr_assert_eq(ck_expr_frequency(e, c->year, &fq, &err), 0);
		cr_expect_eq(fq.per_year, c->per_year, "%s %ld: %llu",
		    c->expr, c->year, fq.per_year);
		cr_expect_eq(fq.days, c->days, "%s %ld: days %u", c->expr,
		    c->year, fq.days);
		if (c->per_year > 0)
			cr_expect_eq(fq.per_day, c->per_day, "%s", c->expr);
		sum = 0;
		for (m = 0; m < 12; m++)
			sum += fq.per_month[m];
		cr_expect_eq(sum, fq.per_year);
		cr_expect_float_eq(fq.avg_per_day, (double)fq.per_year /
		    (c->year % 4 == 0 && (c->year % 100 != 0 ||
		    c->year % 400 == 0) ? 366 : 365), 1e-9);
		/* And a brute-force count of the year's minutes. */
		brute = 0;
		t = (time_t)(ck_days_from_civil(c->year, 1, 1) * 86400);
		end = (time_t)(ck_days_from_civil(c->year + 1, 1, 1) * 86400);
		for (; t < end; t += 60) {
			gmtime_r(&t, &tm);
			brute += ref_match(e, &tm);
		}
		cr_expect_eq(fq.per_year, brute, "%s: brute force %llu",
		    c->expr, brute);
		ck_expr_free(e);
	}
	e = parse("0 0 1 * *");
	cr_assert_eq(ck_expr_frequency(e, 2024, &fq, &err), 0);
	for (m = 0; m < 12; m++)
		cr_expect_eq(fq.per_month[m], 1);
	cr_expect_float_eq(fq.avg_per_month, 1.0, 1e-9);
	cr_assert_eq(ck_expr_frequency(e, 999999999999L, &fq, &err), -1);
	cr_assert_eq(err.code, CK_ERANGE);
	ck_expr_free(e);
}

/* ---- schedules that never fire ---- */

Test(next, reports_never_firing_schedules_fast)
{
	static const char *const nevers[] = { "0 0 30 2 *",
	    "0 0 31 4,6,9,11 *", "0 0 31 2 */2", "0 0 30,31 2 *",
	    "0 0 31 2,4 */1", "@reboot" };
	size_t i;
	time_t t;
	unsigned long long n;
	ck_expr *e;
	ck_error err;
	struct timespec t0, t1;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	for (i = 0; i < sizeof(nevers) / sizeof(nevers[0]); i++) {
		e = parse(nevers[i]);
		cr_expect_not(ck_expr_can_fire(e), "%s", nevers[i]);
		memset(&err, 0, sizeof(err));
		cr_expect_eq(ck_expr_next(e, NULL, 0, CK_DST_VIXIE, &t, NULL,
		    &err), -1, "%s", nevers[i]);
		cr_expect_eq(err.code, CK_ENEVER);
		cr_expect_eq(err.line, 0);
		cr_expect_eq(err.column, 0);
		memset(&err, 0, sizeof(err));
		cr_expect_eq(ck_expr_prev(e, NULL, 0, CK_DST_CALENDAR, &t,
		    NULL, &err), -1);
		cr_expect_eq(err.code, CK_ENEVER);
		cr_expect_eq(ck_expr_count(e, NULL, 0, 4102444800LL,
		    CK_DST_VIXIE, &n, &err), 0);
		cr_expect_eq(n, 0);
		if (i == 5)
			cr_expect(strstr(err.msg, "@reboot") != NULL, "%s",
			    err.msg);
		ck_expr_free(e);
	}
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
	cr_assert_lt((t1.tv_sec - t0.tv_sec) * 1000000000L +
	    (t1.tv_nsec - t0.tv_nsec), 50000000L * slow());
	/* Rare but possible: the 31st of a 31-day month that is a Sunday. */
	e = parse("0 0 31 2,3 */7");
	cr_assert(ck_expr_can_fire(e));
	cr_assert_eq(ck_expr_next(e, NULL, utc("2024-01-01T00:00"),
	    CK_DST_VIXIE, &t, NULL, &err), 0);
	cr_assert_eq(t, utc("2024-03-31T00:00"));
	ck_expr_free(e);
	/* The rarest: February 29 on a Sunday, 28 years apart. */
	e = parse("0 0 29 2 */7");
	cr_assert_eq(ck_expr_next(e, NULL, utc("2020-03-01T00:00"),
	    CK_DST_VIXIE, &t, NULL, &err), 0);
	cr_assert_eq(t, utc("2032-02-29T00:00"));
	cr_assert_eq(ck_expr_next(e, NULL, t, CK_DST_VIXIE, &t, NULL, &err),
	    0);
	cr_assert_eq(t, utc("2060-02-29T00:00"));
	ck_expr_free(e);
}

/* ---- far years, negative times ---- */

Test(next, works_past_2038_and_before_1970)
{
	ck_expr *e;
	time_t t;
	ck_error err;
	ck_tz *tz;

	e = parse("0 0 29 2 *");
	cr_assert_eq(ck_expr_next(e, NULL, utc("2096-03-01T00:00"),
	    CK_DST_VIXIE, &t, NULL, &err), 0);
	cr_assert_eq(t, utc("2104-02-29T00:00"));
	cr_assert_eq(ck_expr_prev(e, NULL, utc("2104-02-29T00:00"),
	    CK_DST_VIXIE, &t, NULL, &err), 0);
	cr_assert_eq(t, utc("2096-02-29T00:00"));
	/* Year 9999 and on. */
	cr_assert_eq(ck_expr_next(e, NULL, utc("9999-03-01T00:00"),
	    CK_DST_VIXIE, &t, NULL, &err), 0);
	cr_assert_eq(t, utc("10000-02-29T00:00"));
	ck_expr_free(e);
	e = parse("0 0 1 1 *");
	cr_assert_eq(ck_expr_prev(e, NULL, 0, CK_DST_VIXIE, &t, NULL, &err),
	    0);
	cr_assert_eq(t, -365 * 86400);
	cr_assert_eq(ck_expr_next(e, NULL, -1, CK_DST_VIXIE, &t, NULL, &err),
	    0);
	cr_assert_eq(t, 0);
	/* In a zone, past the end of its table (the footer rule). */
	tz = ck_tz_load("Europe/Berlin", NULL, &err);
	cr_assert_not_null(tz);
	cr_assert_eq(ck_expr_next(e, tz, utc("2999-06-01T00:00"),
	    CK_DST_VIXIE, &t, NULL, &err), 0);
	cr_assert_eq(t, utc("2999-12-31T23:00"));
	ck_tz_free(tz);
	/* Out of range is an error, not a wrong answer. */
	cr_assert_eq(ck_expr_next(e, NULL, (time_t)INT64_MAX, CK_DST_VIXIE,
	    &t, NULL, &err), -1);
	cr_assert_eq(err.code, CK_ERANGE);
	ck_expr_free(e);
}

/* ---- DST: a simulation of the daemons ---- */

struct fire {
	time_t		 t;
	unsigned int	 how;
	int64_t		 wall;	/* the wall minute it stands for */
};

static int64_t
wall_minute(const ck_tz *tz, time_t t)
{
	long off;
	ck_error err;

	cr_assert_eq(ck_tz_localtime(tz, t, NULL, &off, NULL, &err), 0);
	return ((int64_t)t + off) / 60;
}

/*
 * Vixie's virtual time (cronie cron.c), for one job: the daemon wakes
 * every minute of [from, to) and decides from the jump of the wall clock.
 */
static size_t
sim_vixie(const ck_expr *e, const ck_tz *tz, time_t from, time_t to,
    struct fire *out, size_t max)
{
	bool wild = (e->flags & (CK_SF_MIN_STAR | CK_SF_HR_STAR)) != 0;
	int64_t virt, clk, diff, vt;
	size_t n = 0;
	time_t t;
	bool run, shifted;

	virt = wall_minute(tz, from - 60);
	for (t = from; t < to; t += 60) {
		clk = wall_minute(tz, t);
		diff = clk - virt;
		run = shifted = false;
		if (diff >= 1 && diff <= 5) {
			for (vt = virt + 1; vt <= clk; vt++)
				run |= ref_match_wall(e, vt);
			virt = clk;
		} else if (diff > 5 && diff <= 180) {
			if (wild) {
				run = ref_match_wall(e, clk);
			} else {
				/* A run for each missed minute that matches. */
				for (vt = virt + 1; vt < clk; vt++)
					if (ref_match_wall(e, vt) && n < max) {
						out[n].t = t;
						out[n].wall = vt;
						out[n++].how = CK_NEXT_SHIFTED;
					}
				run = ref_match_wall(e, clk);
			}
			virt = clk;
		} else if (diff <= 0 && diff > -180) {
			if (wild && ref_match_wall(e, clk)) {
				run = true;
				if (n < max) {
					out[n].t = t;
					out[n].wall = clk;
					out[n++].how = CK_NEXT_REPEATED;
				}
				continue;
			}
		} else {
			run = ref_match_wall(e, clk);
			virt = clk;
		}
		if (run && n < max) {
			out[n].t = t;
			out[n].wall = clk;
			out[n++].how = shifted ? CK_NEXT_SHIFTED : 0;
		}
	}
	return n;
}

/* The distinct instants of a run list (the first run's flags). */
static size_t
instants(struct fire *v, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (k == 0 || v[k - 1].t != v[i].t)
			v[k++] = v[i];
	return k;
}

/* busybox: every minute whose local time matches, repeats included. */
static size_t
sim_calendar(const ck_expr *e, const ck_tz *tz, time_t from, time_t to,
    struct fire *out, size_t max)
{
	int64_t seen = INT64_MIN, clk;
	size_t n = 0;
	time_t t;

	for (t = from; t < to; t += 60) {
		clk = wall_minute(tz, t);
		if (ref_match_wall(e, clk) && n < max) {
			out[n].t = t;
			out[n].wall = clk;
			out[n++].how = clk <= seen ? CK_NEXT_REPEATED : 0;
		}
		if (clk > seen)
			seen = clk;
	}
	return n;
}

static const char *const dst_exprs[] = {
	"30 2 * * *", "0 2 * * *", "15 1 * * *", "45 1,2,3 * * *",
	"0,30 2 * * *", "59 1 * * *", "0 3 * * *", "5 3 * * *", "@daily",
	"*/10 * * * *", "0 * * * *", "*/15 2 * * *", "30 */1 * * *",
	"* 2 * * *", "15,45 * * * *", "10 2 * * 0", "0 2-3 * * *",
	"30 1 * * *",
};
#define NDST (sizeof(dst_exprs) / sizeof(dst_exprs[0]))

/* Windows of three days around each change, in 2024 and in 2099. */
static void
check_zone(const char *zone)
{
	static struct fire want[8000];
	ck_tz *tz;
	ck_error err;
	struct ck_tz_seg seg;
	time_t t, from, to, got;
	unsigned int how;
	size_t i, k, n;
	int mode, changes = 0;
	int64_t probe;
	ck_expr *e;
	unsigned long long cnt;
	ck_run run;

	tz = ck_tz_load(zone, NULL, &err);
	cr_assert_not_null(tz, "%s", err.msg);
	for (probe = utc("2024-01-01T00:00"); probe < utc("2100-01-01T00:00");
	    probe = seg.end) {
		ck_tz_seg_at(tz, probe, &seg);
		cr_assert_neq(seg.end, INT64_MAX);
		if (seg.end >= utc("2025-01-01T00:00") &&
		    seg.end < utc("2099-01-01T00:00"))
			continue;
		if (seg.end >= utc("2100-01-01T00:00"))
			break;
		changes++;
		from = (time_t)(seg.end - (seg.end % 60) - 36 * 3600);
		to = from + 72 * 3600;
		for (i = 0; i < NDST; i++) {
			e = parse(dst_exprs[i]);
			for (mode = 0; mode < 2; mode++) {
				n = mode == CK_DST_VIXIE ?
				    sim_vixie(e, tz, from, to, want, 8000) :
				    sim_calendar(e, tz, from, to, want, 8000);
				/* Every run, with the time it stands for. */
				for (k = 0; k < n; k++) {
					cr_assert_eq(ck_expr_next_run(e, tz,
					    mode, k > 0 ? &run : NULL, from - 1,
					    &run, &err), 0);
					cr_assert(run.at == want[k].t &&
					    run.how == want[k].how &&
					    run.wall == want[k].wall * 60,
					    "%s \"%s\" mode %d run #%zu: %lld "
					    "%u for %lld, want %lld %u for "
					    "%lld", zone, dst_exprs[i], mode, k,
					    (long long)run.at, run.how,
					    (long long)run.wall,
					    (long long)want[k].t, want[k].how,
					    (long long)want[k].wall * 60);
				}
				cr_assert_eq(ck_expr_count(e, tz, from, to,
				    mode, &cnt, &err), 0);
				cr_assert_eq(cnt, n, "%s count \"%s\" mode %d",
				    zone, dst_exprs[i], mode);
				n = instants(want, n);
				t = from - 1;
				for (k = 0; k < n; k++) {
					cr_assert_eq(ck_expr_next(e, tz, t,
					    mode, &got, &how, &err), 0);
					cr_assert_eq(got, want[k].t,
					    "%s \"%s\" mode %d near %lld: "
					    "#%zu %lld, want %lld", zone,
					    dst_exprs[i], mode,
					    (long long)seg.end, k,
					    (long long)got,
					    (long long)want[k].t);
					cr_assert_eq(how, want[k].how,
					    "%s \"%s\" mode %d at %lld: how "
					    "%u, want %u", zone, dst_exprs[i],
					    mode, (long long)got, how,
					    want[k].how);
					t = got;
				}
				cr_assert_eq(ck_expr_next(e, tz, t, mode,
				    &got, &how, &err), 0);
				cr_assert_geq(got, to, "%s \"%s\" mode %d: "
				    "extra fire %lld", zone, dst_exprs[i],
				    mode, (long long)got);
				/* Backwards, the same list. */
				t = to;
				for (k = n; k-- > 0;) {
					cr_assert_eq(ck_expr_prev(e, tz, t,
					    mode, &got, &how, &err), 0);
					cr_assert_eq(got, want[k].t,
					    "%s prev \"%s\" mode %d", zone,
					    dst_exprs[i], mode);
					cr_assert_eq(how, want[k].how);
					t = got;
				}
			}
			ck_expr_free(e);
		}
	}
	cr_assert_eq(changes, 4, "%s: %d changes", zone, changes);
	ck_tz_free(tz);
}

Test(next, dst_europe_berlin_matches_the_daemons)
{
	check_zone("Europe/Berlin");
}

Test(next, dst_america_new_york_matches_the_daemons)
{
	check_zone("America/New_York");
}

Test(next, dst_australia_lord_howe_matches_the_daemons)
{
	check_zone("Australia/Lord_Howe");
}

struct dst_case {
	const char	*zone;
	const char	*expr;
	ck_dst_mode	 mode;
	const char	*after;		/* UTC */
	/* UTC; a "!" marks a shifted run, a "+" a repeated one. */
	const char	*want[4];
};

/* The documented examples, spelled out. */
Test(next, dst_documented_examples)
{
	static const struct dst_case cases[] = {
		/* Berlin spring: 02:00 CET -> 03:00 CEST at 01:00Z. */
		{ "Europe/Berlin", "30 2 * * *", CK_DST_VIXIE,
		    "2024-03-30T12:00", { "2024-03-31T01:00!",
		    "2024-04-01T00:30" } },
		{ "Europe/Berlin", "30 2 * * *", CK_DST_CALENDAR,
		    "2024-03-30T12:00", { "2024-04-01T00:30" } },
		{ "Europe/Berlin", "*/30 * * * *", CK_DST_VIXIE,
		    "2024-03-31T00:29", { "2024-03-31T00:30",
		    "2024-03-31T01:00", "2024-03-31T01:30" } },
		/* Berlin autumn: 03:00 CEST -> 02:00 CET at 01:00Z. */
		{ "Europe/Berlin", "30 2 * * *", CK_DST_VIXIE,
		    "2024-10-26T12:00", { "2024-10-27T00:30",
		    "2024-10-28T01:30" } },
		{ "Europe/Berlin", "30 2 * * *", CK_DST_CALENDAR,
		    "2024-10-26T12:00", { "2024-10-27T00:30",
		    "2024-10-27T01:30+", "2024-10-28T01:30" } },
		{ "Europe/Berlin", "0 * * * *", CK_DST_VIXIE,
		    "2024-10-26T23:30", { "2024-10-27T00:00",
		    "2024-10-27T01:00+", "2024-10-27T02:00" } },
		/* New York spring: 02:00 EST -> 03:00 EDT at 07:00Z. */
		{ "America/New_York", "15 2 * * *", CK_DST_VIXIE,
		    "2024-03-09T12:00", { "2024-03-10T07:00!",
		    "2024-03-11T06:15" } },
		/* New York autumn: 02:00 EDT -> 01:00 EST at 06:00Z. */
		{ "America/New_York", "30 1 * * *", CK_DST_VIXIE,
		    "2024-11-02T12:00", { "2024-11-03T05:30",
		    "2024-11-04T06:30" } },
		{ "America/New_York", "30 1 * * *", CK_DST_CALENDAR,
		    "2024-11-02T12:00", { "2024-11-03T05:30",
		    "2024-11-03T06:30+", "2024-11-04T06:30" } },
		/* Lord Howe spring: 02:00 -> 02:30 (+10:30 -> +11). */
		{ "Australia/Lord_Howe", "15 2 * * *", CK_DST_VIXIE,
		    "2024-10-05T00:00", { "2024-10-05T15:30!",
		    "2024-10-06T15:15" } },
		{ "Australia/Lord_Howe", "15 2 * * *", CK_DST_CALENDAR,
		    "2024-10-05T00:00", { "2024-10-06T15:15" } },
		/* Lord Howe autumn: 02:00 -> 01:30 (+11 -> +10:30). */
		{ "Australia/Lord_Howe", "45 1 * * *", CK_DST_VIXIE,
		    "2024-04-06T00:00", { "2024-04-06T14:45",
		    "2024-04-07T15:15" } },
		{ "Australia/Lord_Howe", "45 1 * * *", CK_DST_CALENDAR,
		    "2024-04-06T00:00", { "2024-04-06T14:45",
		    "2024-04-06T15:15+", "2024-04-07T15:15" } },
	};
	size_t i, k;
	time_t t, got;
	unsigned int how, want_how;
	ck_expr *e;
	ck_tz *tz;
	ck_error err;
	char a[32];

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct dst_case *c = &cases[i];

		tz = ck_tz_load(c->zone, NULL, &err);
		cr_assert_not_null(tz);
		e = parse(c->expr);
		t = utc(c->after);
		for (k = 0; k < 4 && c->want[k] != NULL; k++) {
			cr_assert_eq(ck_expr_next(e, tz, t, c->mode, &got,
			    &how, &err), 0);
			want_how = strchr(c->want[k], '!') ? CK_NEXT_SHIFTED :
			    strchr(c->want[k], '+') ? CK_NEXT_REPEATED : 0;
			cr_expect_eq(got, utc(c->want[k]), "case %zu #%zu: %s",
			    i, k, fmt(got, a, sizeof(a)));
			cr_expect_eq(how, want_how, "case %zu #%zu: how %u",
			    i, k, how);
			t = got;
		}
		ck_expr_free(e);
		ck_tz_free(tz);
	}
}

Test(next, dialects_choose_their_dst_mode)
{
	cr_assert_eq(ck_dialect_dst_mode(CK_DIALECT_DEBIAN), CK_DST_VIXIE);
	cr_assert_eq(ck_dialect_dst_mode(CK_DIALECT_CRONIE), CK_DST_VIXIE);
	cr_assert_eq(ck_dialect_dst_mode(CK_DIALECT_OPENBSD), CK_DST_VIXIE);
	cr_assert_eq(ck_dialect_dst_mode(CK_DIALECT_PORTABLE), CK_DST_VIXIE);
	cr_assert_eq(ck_dialect_dst_mode(CK_DIALECT_BUSYBOX),
	    CK_DST_CALENDAR);
}
