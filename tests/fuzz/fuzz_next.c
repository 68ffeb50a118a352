/* SPDX-License-Identifier: ISC */
/*
 * fuzz_next.c - fire times: ck_expr_next(), ck_expr_prev(), the _n forms.
 *
 * Input: byte 0 picks the dialect, the zone (UTC, Europe/Berlin,
 * America/New_York, Australia/Lord_Howe with its 30-minute DST), the DST
 * mode and whether the start is any 64-bit time or one in 1970-2398;
 * bytes 1-8 are the start; the rest is the schedule.
 *
 * Properties, for a schedule that parses:
 *  - it fails with CK_ENEVER exactly when ck_expr_can_fire() is false;
 *    otherwise it succeeds or, far out, fails with CK_ERANGE;
 *  - next is > the start and prev is < it, on a whole minute;
 *  - the result matches the schedule (ck_expr_matches() on the local time
 *    computed by the C library), unless flagged as shifted by DST;
 *  - in UTC, and in a zone under the calendar DST mode, no minute in
 *    between matches (checked by brute force when the gap is at most
 *    20000 minutes);
 *  - next_n/prev_n agree with repeated next/prev, strictly monotonic.
 */
#include <string.h>
#include <time.h>

#include "fuzz.h"

#define MAX_GAP		20000	/* minutes searched by brute force */

static const char *const zones[] = { NULL, "Europe/Berlin",
	"America/New_York", "Australia/Lord_Howe" };

static ck_tz *loaded[4];
static int libc_zone = -1;

/* The C library's local time in zone z; the oracle. */
static void
oracle(int z, time_t t, struct tm *tm)
{
	if (z == 0) {
		gmtime_r(&t, tm);
		return;
	}
	if (libc_zone != z) {
		setenv("TZ", zones[z], 1);
		tzset();
		libc_zone = z;
	}
	localtime_r(&t, tm);
}

static void
check_gap(const ck_expr *e, int z, time_t lo, time_t hi, const char *what)
{
	struct tm tm;
	time_t m;

	if (lo < (time_t)-2208988800LL)
		return;	/* before 1900: local mean time, odd seconds */
	/* Minutes strictly between lo and hi. */
	m = lo - (lo % 60 + 60) % 60 + 60;
	if (hi - m > (time_t)MAX_GAP * 60)
		return;
	for (; m < hi; m += 60) {
		oracle(z, m, &tm);
		FUZZ_CHECK(!ck_expr_matches(e, &tm), "%s skipped the match at "
		    "%lld (%04d-%02d-%02d %02d:%02d)", what, (long long)m,
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		    tm.tm_min);
	}
}

static void
one(const ck_expr *e, int z, ck_dst_mode mode, time_t start, bool prev)
{
	const ck_tz *tz = z == 0 ? NULL : loaded[z];
	time_t out, many[4], t;
	unsigned int how, hows[4];
	struct tm tm;
	ck_error err;
	bool exact = z == 0 || mode == CK_DST_CALENDAR;
	const char *what = prev ? "prev" : "next";
	int rc, i;

	rc = prev ? ck_expr_prev(e, tz, start, mode, &out, &how, &err) :
	    ck_expr_next(e, tz, start, mode, &out, &how, &err);
	if (!ck_expr_can_fire(e)) {
		FUZZ_CHECK(rc == -1 && err.code == CK_ENEVER,
		    "%s of a schedule that cannot fire did not say so", what);
		return;
	}
	if (rc == -1) {
		FUZZ_CHECK(err.code == CK_ERANGE, "%s failed: %s", what,
		    err.msg);
		return;
	}
	FUZZ_CHECK(prev ? out < start : out > start, "%s %lld is not %s "
	    "the start %lld", what, (long long)out, prev ? "before" :
	    "after", (long long)start);
	if (out < (time_t)-2208988800LL || out > (time_t)32503680000LL)
		return;	/* outside 1900-3000: no oracle */
	oracle(z, out, &tm);
	/* Local mean time offsets have seconds: check the local minute. */
	FUZZ_CHECK(tm.tm_sec == 0, "%s %lld is not on a minute", what,
	    (long long)out);
	FUZZ_CHECK((how & CK_NEXT_SHIFTED) || ck_expr_matches(e, &tm),
	    "%s %lld (%04d-%02d-%02d %02d:%02d) does not match", what,
	    (long long)out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    tm.tm_hour, tm.tm_min);
	if (!exact)
		return;
	FUZZ_CHECK(!(how & CK_NEXT_SHIFTED), "%s shifted in UTC or in the "
	    "calendar mode", what);
	if (prev)
		check_gap(e, z, out, start, what);
	else
		check_gap(e, z, start, out, what);

	/* The _n forms agree with stepping one at a time. */
	rc = prev ? ck_expr_prev_n(e, tz, start, mode, 4, many, hows, &err) :
	    ck_expr_next_n(e, tz, start, mode, 4, many, hows, &err);
	if (rc == -1) {
		FUZZ_CHECK(err.code == CK_ERANGE, "%s_n failed: %s", what,
		    err.msg);
		return;
	}
	FUZZ_CHECK(many[0] == out, "%s_n starts at %lld, not %lld", what,
	    (long long)many[0], (long long)out);
	for (i = 1; i < 4; i++) {
		rc = prev ? ck_expr_prev(e, tz, many[i - 1], mode, &t, &how,
		    &err) : ck_expr_next(e, tz, many[i - 1], mode, &t, &how,
		    &err);
		FUZZ_CHECK(rc == 0 && t == many[i], "%s_n[%d] = %lld, "
		    "stepping gives %lld", what, i, (long long)many[i],
		    (long long)t);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ck_expr *e;
	ck_error err;
	ck_dialect d;
	ck_dst_mode mode;
	uint64_t raw = 0;
	time_t start;
	int z, i;

	if (size < 9)
		return 0;
	d = (ck_dialect)((data[0] & 7) % CK_DIALECT_COUNT);
	z = (data[0] >> 3) & 3;
	mode = (data[0] & 0x20) ? CK_DST_CALENDAR : CK_DST_VIXIE;
	for (i = 1; i < 9; i++)
		raw = raw << 8 | data[i];
	if (data[0] & 0x40)
		start = (time_t)(int64_t)raw;
	else
		start = (time_t)(raw % 13500000000ULL);	/* 1970-2397 */
	if (z != 0 && loaded[z] == NULL &&
	    (loaded[z] = ck_tz_load(zones[z], NULL, &err)) == NULL)
		fuzz_fail(__FILE__, __LINE__, "cannot load %s: %s", zones[z],
		    err.msg);
	if ((e = ck_expr_parse((const char *)data + 9, size - 9, d,
	    &err)) == NULL)
		return 0;
	one(e, z, mode, start, false);
	one(e, z, mode, start, true);
	ck_expr_free(e);
	return 0;
}
