/* SPDX-License-Identifier: ISC */
/*
 * next.c - fire times: the next and previous run of a schedule, the next
 * N, counting runs in a window, and frequency per year.
 *
 * Everything works on the bit sets of struct ck_expr.  A search jumps to
 * the next set month, day, hour and minute with count-trailing-zeros;
 * it never walks minute by minute, and it has no horizon: a schedule
 * that can fire at all fires within any 400-year stretch (the Gregorian
 * calendar, weekdays included, repeats every 146097 days), and one that
 * cannot is recognised from its bits before any search.
 *
 * Wall-clock times are handled as "local seconds": seconds since
 * 1970-01-01 00:00 on the zone's wall clock, as if it were UTC.  A zone
 * is a sequence of segments with one UTC offset each (tz.c); within a
 * segment a wall time W is the instant W - off.  Across segment borders
 * the DST mode decides what happens to skipped and repeated wall times
 * (docs/next.md).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Vixie cron treats a clock change of more than 3 hours as a reset. */
#define VIXIE_MAX_JUMP	(3 * 3600)
/* Within 400 years every possible combination occurs. */
#define SEARCH_YEARS	401
#define CYCLE_DAYS	INT64_C(146097)

static inline int
ctz32(uint32_t v)
{
	return __builtin_ctz(v);
}

static inline int
ctz64(uint64_t v)
{
	return __builtin_ctzll(v);
}

static inline int
top32(uint32_t v)
{
	return 31 - __builtin_clz(v);
}

static inline int
top64(uint64_t v)
{
	return 63 - __builtin_clzll(v);
}

static inline int
pop32(uint32_t v)
{
	return __builtin_popcount(v);
}

static inline int
pop64(uint64_t v)
{
	return __builtin_popcountll(v);
}

/* Bits at and above b (b <= 31). */
static inline uint32_t
from32(unsigned b)
{
	return ~((UINT32_C(1) << b) - 1);
}

/* Bits at and below b (b <= 31). */
static inline uint32_t
upto32(unsigned b)
{
	return b >= 31 ? UINT32_MAX : (UINT32_C(2) << b) - 1;
}

/*
 * The days of month m of year y on which e may fire, as bits 1..31,
 * under cron's rule: when either day field starts with '*' a day must be
 * in both sets, otherwise in either.
 */
static inline uint32_t
day_mask(const struct ck_expr *e, int64_t y, unsigned m)
{
	unsigned md = ck_days_in_month(y, m);
	uint32_t valid = (uint32_t)(((UINT64_C(1) << md) - 1) << 1);
	unsigned w1 = (unsigned)ck_weekday(ck_days_from_civil(y, m, 1));
	uint32_t dw = e->dow & 0x7fu;
	uint64_t p, rep;

	/* Bit j of p: does day j+1 fall on a weekday in the set? */
	p = ((dw >> w1) | (dw << (7 - w1))) & 0x7fu;
	rep = p | p << 7 | p << 14 | p << 21 | p << 28;
	dw = (uint32_t)(rep << 1) & valid;
	if (e->flags & (CK_SF_DOM_STAR | CK_SF_DOW_STAR))
		return e->dom & valid & dw;
	return (e->dom & valid) | dw;
}

bool
ck_expr_can_fire(const ck_expr *e)
{
	bool dom_ok = false;
	unsigned m;

	if (e == NULL || (e->flags & CK_SF_REBOOT))
		return false;
	if ((e->minute & CK_MINUTE_ALL) == 0 || (e->hour & CK_HOUR_ALL) == 0 ||
	    (e->month & CK_MONTH_ALL) == 0)
		return false;
	/* Days 1-28 exist in every month: the usual case, decided at once. */
	if (e->dom & UINT32_C(0x1ffffffe))
		dom_ok = true;
	for (m = 1; m <= 12 && !dom_ok; m++)
		if ((e->month >> m & 1) &&
		    (e->dom & (uint32_t)(((UINT64_C(1) <<
		    ck_days_in_month_max(m)) - 1) << 1)))
			dom_ok = true;
	/*
	 * A valid date falls on every weekday in some year (February 29
	 * too: leap years move it by five days, and 5 is prime to 7).
	 */
	if (e->flags & (CK_SF_DOM_STAR | CK_SF_DOW_STAR))
		return dom_ok && (e->dow & 0x7f) != 0;
	return dom_ok || (e->dow & 0x7f) != 0;
}

static int
never(const struct ck_expr *e, ck_error *err)
{
	if (e->flags & CK_SF_REBOOT)
		return ck_error_set(err, CK_ENEVER, 0, 0,
		    "@reboot runs when cron starts and has no fire times");
	return ck_error_set(err, CK_ENEVER, 0, 0,
	    "schedule \"%.*s\" never fires", (int)(e->len > 200 ? 200 : e->len),
	    e->text != NULL ? e->text : "");
}

static int
out_of_range(ck_error *err)
{
	return ck_error_set(err, CK_ERANGE, 0, 0,
	    "fire time out of the supported range");
}

/*
 * The first matching wall minute at or after w (a minute boundary).
 * @return 0, or -1 when none lies within SEARCH_YEARS (never fires).
 */
static int
next_wall(const struct ck_expr *e, int64_t w, int64_t *out)
{
	int64_t days, sec, y, ylimit;
	unsigned m, d, h, mi;
	uint32_t dm, hb, mb32;
	uint64_t mb;

	days = ck_floordiv(w, 86400);
	sec = w - days * 86400;
	h = (unsigned)(sec / 3600);
	mi = (unsigned)(sec / 60 % 60);
	ck_civil_from_days(days, &y, &m, &d);
	ylimit = y + SEARCH_YEARS;
month:
	if (!(e->month >> m & 1)) {
		mb32 = e->month & from32(m + 1) & CK_MONTH_ALL;
		if (mb32 != 0) {
			m = (unsigned)ctz32(mb32);
		} else {
			if (++y > ylimit)
				return -1;
			m = (unsigned)ctz32(e->month & CK_MONTH_ALL);
		}
		d = 1;
		h = 0;
		mi = 0;
	}
day:
	dm = day_mask(e, y, m) & from32(d);
	if (dm == 0)
		goto next_month;
	if ((unsigned)ctz32(dm) != d) {
		d = (unsigned)ctz32(dm);
		h = 0;
		mi = 0;
	}
hour:
	hb = e->hour & from32(h) & CK_HOUR_ALL;
	if (hb == 0)
		goto next_day;
	if ((unsigned)ctz32(hb) != h) {
		h = (unsigned)ctz32(hb);
		mi = 0;
	}
	mb = e->minute & CK_MINUTE_ALL & ~((UINT64_C(1) << mi) - 1);
	if (mb == 0) {
		if (h >= 23)
			goto next_day;
		h++;
		mi = 0;
		goto hour;
	}
	mi = (unsigned)ctz64(mb);
	*out = ck_days_from_civil(y, m, d) * 86400 + h * 3600 + mi * 60;
	return 0;
next_day:
	if (d >= 31)
		goto next_month;
	d++;
	h = 0;
	mi = 0;
	goto day;
next_month:
	if (++m > 12) {
		m = 1;
		if (++y > ylimit)
			return -1;
	}
	d = 1;
	h = 0;
	mi = 0;
	goto month;
}

/* The last matching wall minute at or before w (a minute boundary). */
static int
prev_wall(const struct ck_expr *e, int64_t w, int64_t *out)
{
	int64_t days, sec, y, ylimit;
	unsigned m, d, h, mi;
	uint32_t dm, hb, mb32;
	uint64_t mb;

	days = ck_floordiv(w, 86400);
	sec = w - days * 86400;
	h = (unsigned)(sec / 3600);
	mi = (unsigned)(sec / 60 % 60);
	ck_civil_from_days(days, &y, &m, &d);
	ylimit = y - SEARCH_YEARS;
month:
	if (!(e->month >> m & 1)) {
		mb32 = e->month & ((UINT32_C(1) << m) - 1) & CK_MONTH_ALL;
		if (mb32 != 0) {
			m = (unsigned)top32(mb32);
		} else {
			if (--y < ylimit)
				return -1;
			m = (unsigned)top32(e->month & CK_MONTH_ALL);
		}
		d = 31;
		h = 23;
		mi = 59;
	}
day:
	dm = day_mask(e, y, m) & upto32(d);
	if (dm == 0)
		goto prev_month;
	if ((unsigned)top32(dm) != d) {
		d = (unsigned)top32(dm);
		h = 23;
		mi = 59;
	}
hour:
	hb = e->hour & upto32(h) & CK_HOUR_ALL;
	if (hb == 0)
		goto prev_day;
	if ((unsigned)top32(hb) != h) {
		h = (unsigned)top32(hb);
		mi = 59;
	}
	mb = e->minute & CK_MINUTE_ALL & ((UINT64_C(2) << mi) - 1);
	if (mb == 0) {
		if (h == 0)
			goto prev_day;
		h--;
		mi = 59;
		goto hour;
	}
	mi = (unsigned)top64(mb);
	*out = ck_days_from_civil(y, m, d) * 86400 + h * 3600 + mi * 60;
	return 0;
prev_day:
	if (d <= 1)
		goto prev_month;
	d--;
	h = 23;
	mi = 59;
	goto day;
prev_month:
	if (--m < 1) {
		m = 12;
		if (--y < ylimit)
			return -1;
	}
	d = 31;
	h = 23;
	mi = 59;
	goto month;
}

/* Does e fire at wall time w? */
static bool
match_wall(const struct ck_expr *e, int64_t w)
{
	int64_t days, sec, y;
	unsigned m, d;

	if (ck_floordiv(w, 60) * 60 != w)
		return false;
	days = ck_floordiv(w, 86400);
	sec = w - days * 86400;
	ck_civil_from_days(days, &y, &m, &d);
	return (e->month >> m & 1) && (day_mask(e, y, m) >> d & 1) &&
	    (e->hour >> (sec / 3600) & 1) && (e->minute >> (sec / 60 % 60) & 1);
}

/* The first minute boundary strictly after w. */
static inline int64_t
minute_after(int64_t w)
{
	return ck_floordiv(w, 60) * 60 + 60;
}

/* The first minute boundary at or after w. */
static inline int64_t
minute_ceil(int64_t w)
{
	return -ck_floordiv(-w, 60) * 60;
}

/* Matching days in [da, db) (days since the epoch). */
static uint64_t
count_days(const struct ck_expr *e, int64_t da, int64_t db)
{
	int64_t y, y2, k;
	unsigned m, d, m2, d2;
	uint64_t n = 0, cyc;
	uint32_t mask;

	if (da >= db)
		return 0;
	/* The pattern repeats every 146097 days: count one cycle. */
	if (db - da > 2 * CYCLE_DAYS) {
		k = (db - da) / CYCLE_DAYS - 1;
		cyc = count_days(e, da, da + CYCLE_DAYS);
		return cyc * (uint64_t)k + count_days(e, da + k * CYCLE_DAYS,
		    db);
	}
	ck_civil_from_days(da, &y, &m, &d);
	ck_civil_from_days(db, &y2, &m2, &d2);
	for (;;) {
		bool last = y == y2 && m == m2;

		if (e->month >> m & 1) {
			mask = day_mask(e, y, m) & from32(d);
			if (last)
				mask &= (UINT32_C(1) << d2) - 1;
			n += (uint64_t)pop32(mask);
		}
		if (last)
			break;
		d = 1;
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	return n;
}

static bool
day_matches(const struct ck_expr *e, int64_t days)
{
	int64_t y;
	unsigned m, d;

	ck_civil_from_days(days, &y, &m, &d);
	return (e->month >> m & 1) && (day_mask(e, y, m) >> d & 1);
}

/* Matching (hour, minute) pairs of one day before second s of the day. */
static uint64_t
before_in_day(const struct ck_expr *e, int64_t s)
{
	unsigned h = (unsigned)(s / 3600), mi = (unsigned)(s / 60 % 60);
	uint64_t n;

	n = (uint64_t)pop32(e->hour & CK_HOUR_ALL & ((UINT32_C(1) << h) - 1)) *
	    (uint64_t)pop64(e->minute & CK_MINUTE_ALL);
	if (e->hour >> h & 1)
		n += (uint64_t)pop64(e->minute & CK_MINUTE_ALL &
		    ((UINT64_C(1) << mi) - 1));
	return n;
}

/* Matching wall minutes in [wa, wb). */
static uint64_t
count_wall(const struct ck_expr *e, int64_t wa, int64_t wb)
{
	int64_t da, db, sa, sb;
	uint64_t n, per_day;

	wa = minute_ceil(wa);
	wb = minute_ceil(wb);
	if (wa >= wb)
		return 0;
	da = ck_floordiv(wa, 86400);
	db = ck_floordiv(wb, 86400);
	sa = wa - da * 86400;
	sb = wb - db * 86400;
	per_day = (uint64_t)pop32(e->hour & CK_HOUR_ALL) *
	    (uint64_t)pop64(e->minute & CK_MINUTE_ALL);
	n = count_days(e, da, db) * per_day;
	if (day_matches(e, da))
		n -= before_in_day(e, sa);
	if (sb > 0 && day_matches(e, db))
		n += before_in_day(e, sb);
	return n;
}

static bool
is_fixed_job(const struct ck_expr *e)
{
	return (e->flags & (CK_SF_MIN_STAR | CK_SF_HR_STAR)) == 0;
}

static int
check_args(const struct ck_expr *e, int64_t t, ck_error *err)
{
	if (e == NULL)
		return ck_error_set(err, CK_EINVAL, 0, 0, "no schedule");
	if (!ck_expr_can_fire(e))
		return never(e, err);
	if (t > CK_T_MAX || t < -CK_T_MAX)
		return out_of_range(err);
	return 0;
}

static int
store(int64_t t, unsigned int fl, time_t *out, unsigned int *how,
    ck_error *err)
{
	if (t > CK_T_MAX || t < -CK_T_MAX || (int64_t)(time_t)t != t)
		return out_of_range(err);
	*out = (time_t)t;
	if (how != NULL)
		*how = fl;
	return 0;
}

/* Is there a match among the wall times [wa, wb)? */
static bool
any_wall(const struct ck_expr *e, int64_t wa, int64_t wb)
{
	int64_t w;

	wa = minute_ceil(wa);
	return wa < wb && next_wall(e, wa, &w) == 0 && w < wb;
}

/* Did the segment start with a forward jump that Vixie catches up? */
static bool
vixie_gap(const struct ck_tz_seg *s)
{
	return s->start != INT64_MIN && s->off > s->prev_off &&
	    s->off - s->prev_off <= VIXIE_MAX_JUMP;
}

static bool
vixie_back(const struct ck_tz_seg *s)
{
	return s->start != INT64_MIN && s->off < s->prev_off &&
	    s->prev_off - s->off <= VIXIE_MAX_JUMP;
}

int
ck_expr_next(const ck_expr *e, const ck_tz *tz, time_t after,
    ck_dst_mode mode, time_t *out, unsigned int *how, ck_error *err)
{
	struct ck_tz_seg seg, nseg;
	int64_t cur, lo, w, t, cache_lo = 0, cache_w = 0;
	int32_t off;
	bool vix, have_cache = false;
	unsigned int fl;
	int guard;

	if (check_args(e, (int64_t)after, err) == -1)
		return -1;
	if (ck_tz_is_fixed(tz, &off)) {
		if (next_wall(e, minute_after((int64_t)after + off), &w) == -1)
			return never(e, err);
		return store(w - off, 0, out, how, err);
	}
	vix = mode == CK_DST_VIXIE && is_fixed_job(e);
	cur = (int64_t)after;
	ck_tz_seg_at(tz, cur, &seg);
	for (guard = 0; guard < 4 * SEARCH_YEARS + 1000; guard++) {
		lo = minute_after(cur + seg.off);
		/* Vixie runs fixed-time jobs in the first copy only. */
		if (vix && vixie_back(&seg) && lo < seg.start + seg.prev_off)
			lo = minute_ceil(seg.start + seg.prev_off);
		if (have_cache && lo >= cache_lo && lo <= cache_w) {
			w = cache_w;
		} else if (next_wall(e, lo, &w) == -1) {
			return never(e, err);
		}
		cache_lo = lo;
		cache_w = w;
		have_cache = true;
		if (seg.end == INT64_MAX || w < seg.end + seg.off) {
			t = w - seg.off;
			fl = 0;
			if (seg.start != INT64_MIN && seg.prev_off > seg.off &&
			    w < seg.start + seg.prev_off)
				fl |= CK_NEXT_REPEATED;
			return store(t, fl, out, how, err);
		}
		if (seg.end > CK_T_MAX)
			return out_of_range(err);
		ck_tz_seg_at(tz, seg.end, &nseg);
		/* Fixed-time jobs skipped by a jump run right after it. */
		if (vix && vixie_gap(&nseg) &&
		    any_wall(e, nseg.start + nseg.prev_off,
		    nseg.start + nseg.off))
			return store(nseg.start, CK_NEXT_SHIFTED, out, how,
			    err);
		cur = seg.end - 1;
		seg = nseg;
	}
	return out_of_range(err);
}

int
ck_expr_prev(const ck_expr *e, const ck_tz *tz, time_t before,
    ck_dst_mode mode, time_t *out, unsigned int *how, ck_error *err)
{
	struct ck_tz_seg seg;
	int64_t cur, hi, lo, w, t;
	int32_t off;
	bool vix;
	unsigned int fl;
	int guard;

	if (check_args(e, (int64_t)before, err) == -1)
		return -1;
	if (ck_tz_is_fixed(tz, &off)) {
		if (prev_wall(e, minute_ceil((int64_t)before + off) - 60,
		    &w) == -1)
			return never(e, err);
		return store(w - off, 0, out, how, err);
	}
	vix = mode == CK_DST_VIXIE && is_fixed_job(e);
	cur = (int64_t)before;
	ck_tz_seg_at(tz, cur - 1, &seg);
	for (guard = 0; guard < 4 * SEARCH_YEARS + 1000; guard++) {
		hi = minute_ceil(cur + seg.off) - 60;
		lo = seg.start == INT64_MIN ? INT64_MIN : seg.start + seg.off;
		if (vix && vixie_back(&seg))
			lo = seg.start + seg.prev_off;
		if (hi >= lo) {
			if (prev_wall(e, hi, &w) == -1)
				return never(e, err);
			if (w >= lo) {
				t = w - seg.off;
				fl = 0;
				if (seg.start != INT64_MIN &&
				    seg.prev_off > seg.off &&
				    w < seg.start + seg.prev_off)
					fl |= CK_NEXT_REPEATED;
				if (vix && t == seg.start && vixie_gap(&seg) &&
				    any_wall(e, seg.start + seg.prev_off,
				    seg.start + seg.off))
					fl |= CK_NEXT_SHIFTED;
				return store(t, fl, out, how, err);
			}
		}
		if (seg.start == INT64_MIN)
			return never(e, err);
		if (vix && vixie_gap(&seg) && any_wall(e,
		    seg.start + seg.prev_off, seg.start + seg.off))
			return store(seg.start, CK_NEXT_SHIFTED, out, how, err);
		if (seg.start < -CK_T_MAX)
			return out_of_range(err);
		cur = seg.start;
		ck_tz_seg_at(tz, seg.start - 1, &seg);
	}
	return out_of_range(err);
}

/* The wall time of instant t in tz. */
static int64_t
wall_of(const ck_tz *tz, int64_t t)
{
	struct ck_tz_seg seg;
	int32_t off;

	if (ck_tz_is_fixed(tz, &off))
		return t + off;
	ck_tz_seg_at(tz, t, &seg);
	return t + seg.off;
}

int
ck_expr_next_run(const ck_expr *e, const ck_tz *tz, ck_dst_mode mode,
    const ck_run *prev, time_t after, ck_run *out, ck_error *err)
{
	struct ck_tz_seg seg;
	int64_t at, w0, gs, ge, w;
	unsigned int how;
	time_t t;
	int32_t off;
	bool vix;

	if (check_args(e, prev != NULL ? (int64_t)prev->at : (int64_t)after,
	    err) == -1)
		return -1;
	vix = mode == CK_DST_VIXIE && is_fixed_job(e) &&
	    !ck_tz_is_fixed(tz, &off);
	at = prev != NULL ? (int64_t)prev->at : (int64_t)after;
	w0 = prev != NULL ? (int64_t)prev->wall : INT64_MAX;
	/*
	 * The rest of the runs at a forward jump: one for each skipped
	 * time that matches (Vixie's virtual time runs the fixed-time jobs
	 * of every minute it missed), then the time after the jump itself.
	 */
	if (vix && prev != NULL) {
		ck_tz_seg_at(tz, at, &seg);
		if (seg.start == at && vixie_gap(&seg)) {
			gs = seg.start + seg.prev_off;
			ge = seg.start + seg.off;
			if (w0 < ge - 60 && next_wall(e, w0 < gs ? gs :
			    minute_after(w0), &w) == 0 && w < ge) {
				out->at = (time_t)at;
				out->wall = (time_t)w;
				out->how = CK_NEXT_SHIFTED;
				return 0;
			}
			if (w0 < ge && match_wall(e, ge)) {
				out->at = (time_t)at;
				out->wall = (time_t)ge;
				out->how = 0;
				return 0;
			}
		}
	}
	if (ck_expr_next(e, tz, (time_t)at, mode, &t, &how, err) == -1)
		return -1;
	out->at = t;
	out->how = how;
	out->wall = (time_t)wall_of(tz, (int64_t)t);
	if (how & CK_NEXT_SHIFTED) {
		/* The first skipped time it stands for. */
		ck_tz_seg_at(tz, (int64_t)t, &seg);
		if (next_wall(e, seg.start + seg.prev_off, &w) == 0)
			out->wall = (time_t)w;
	}
	return 0;
}

int
ck_expr_next_n(const ck_expr *e, const ck_tz *tz, time_t after,
    ck_dst_mode mode, size_t n, time_t *out, unsigned int *how,
    ck_error *err)
{
	ck_run r;
	size_t i;

	for (i = 0; i < n; i++) {
		if (ck_expr_next_run(e, tz, mode, i > 0 ? &r : NULL, after, &r,
		    err) == -1)
			return -1;
		out[i] = r.at;
		if (how != NULL)
			how[i] = r.how;
	}
	return 0;
}

int
ck_expr_prev_n(const ck_expr *e, const ck_tz *tz, time_t before,
    ck_dst_mode mode, size_t n, time_t *out, unsigned int *how,
    ck_error *err)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (ck_expr_prev(e, tz, before, mode, &out[i],
		    how != NULL ? &how[i] : NULL, err) == -1)
			return -1;
		before = out[i];
	}
	return 0;
}

int
ck_expr_count(const ck_expr *e, const ck_tz *tz, time_t from, time_t to,
    ck_dst_mode mode, unsigned long long *n, ck_error *err)
{
	struct ck_tz_seg seg;
	int64_t a, b, wa, f = (int64_t)from, l = (int64_t)to;
	uint64_t total = 0;
	int32_t off;
	bool vix;

	if (e == NULL)
		return ck_error_set(err, CK_EINVAL, 0, 0, "no schedule");
	if (f > CK_T_MAX || f < -CK_T_MAX || l > CK_T_MAX || l < -CK_T_MAX)
		return out_of_range(err);
	*n = 0;
	if (f >= l || !ck_expr_can_fire(e))
		return 0;
	if (ck_tz_is_fixed(tz, &off)) {
		*n = count_wall(e, f + off, l + off);
		return 0;
	}
	vix = mode == CK_DST_VIXIE && is_fixed_job(e);
	ck_tz_seg_at(tz, f, &seg);
	for (;;) {
		a = seg.start > f ? seg.start : f;
		b = seg.end < l ? seg.end : l;
		wa = a + seg.off;
		if (vix && vixie_back(&seg) && wa < seg.start + seg.prev_off)
			wa = seg.start + seg.prev_off;
		total += count_wall(e, wa, b + seg.off);
		/* One run for each skipped time that matches. */
		if (vix && vixie_gap(&seg) && seg.start >= f)
			total += count_wall(e, seg.start + seg.prev_off,
			    seg.start + seg.off);
		if (seg.end >= l)
			break;
		ck_tz_seg_at(tz, seg.end, &seg);
	}
	*n = total;
	return 0;
}

int
ck_expr_frequency(const ck_expr *e, long year, ck_freq *out, ck_error *err)
{
	int64_t y = year, d0, d1, da, db;
	unsigned m, ndays;

	if (e == NULL)
		return ck_error_set(err, CK_EINVAL, 0, 0, "no schedule");
	if (y > CK_YEAR_MAX || y < -CK_YEAR_MAX)
		return ck_error_set(err, CK_ERANGE, 0, 0,
		    "year %ld out of range", year);
	memset(out, 0, sizeof(*out));
	out->year = year;
	d0 = ck_days_from_civil(y, 1, 1);
	d1 = ck_days_from_civil(y + 1, 1, 1);
	ndays = (unsigned)(d1 - d0);
	if (ck_expr_can_fire(e)) {
		for (m = 1; m <= 12; m++) {
			da = ck_days_from_civil(y, m, 1);
			db = m == 12 ? d1 : ck_days_from_civil(y, m + 1, 1);
			out->per_month[m - 1] = count_wall(e, da * 86400,
			    db * 86400);
			out->per_year += out->per_month[m - 1];
		}
		out->days = (unsigned)count_days(e, d0, d1);
		out->per_hour = (unsigned)pop64(e->minute & CK_MINUTE_ALL);
		out->per_day = out->per_hour *
		    (unsigned)pop32(e->hour & CK_HOUR_ALL);
	}
	out->avg_per_day = (double)out->per_year / ndays;
	out->avg_per_week = (double)out->per_year * 7 / ndays;
	out->avg_per_month = (double)out->per_year / 12;
	out->avg_per_hour = (double)out->per_year / (ndays * 24.0);
	return 0;
}

/* ---- iterators ---- */

struct ck_iter {
	ck_expr		*e;		/* owned copy */
	const ck_tz	*tz;		/* borrowed */
	time_t		 cursor;
	ck_dst_mode	 mode;
};

ck_iter *
ck_expr_iter(const ck_expr *e, const ck_tz *tz, time_t start,
    ck_dst_mode mode, ck_error *err)
{
	ck_iter *it;

	if ((it = calloc(1, sizeof(*it))) == NULL) {
		ck_error_oom(err);
		return NULL;
	}
	if ((it->e = ck_expr_dup(e, err)) == NULL) {
		free(it);
		return NULL;
	}
	it->tz = tz;
	it->cursor = start;
	it->mode = mode;
	return it;
}

int
ck_iter_next(ck_iter *it, time_t *out, unsigned int *how, ck_error *err)
{
	time_t t;

	if (ck_expr_next(it->e, it->tz, it->cursor, it->mode, &t, how,
	    err) == -1)
		return -1;
	it->cursor = t;
	*out = t;
	return 0;
}

int
ck_iter_prev(ck_iter *it, time_t *out, unsigned int *how, ck_error *err)
{
	time_t t;

	if (ck_expr_prev(it->e, it->tz, it->cursor, it->mode, &t, how,
	    err) == -1)
		return -1;
	it->cursor = t;
	*out = t;
	return 0;
}

time_t
ck_iter_cursor(const ck_iter *it)
{
	return it->cursor;
}

void
ck_iter_free(ck_iter *it)
{
	if (it == NULL)
		return;
	ck_expr_free(it->e);
	free(it);
}
