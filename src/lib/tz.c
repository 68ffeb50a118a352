/* SPDX-License-Identifier: ISC */
/*
 * tz.c - time zones without global state: a TZif reader (RFC 8536,
 * versions 1 to 4) and a POSIX TZ string evaluator for instants past the
 * end of the transition table.
 *
 * The C library's localtime() works on one process-wide zone set through
 * the TZ variable and tzset(), which a library must not touch.  So zones
 * are read here, into an immutable ck_tz that any number of threads can
 * use at once.
 *
 * A zone is a list of events: at instant t the offset from UTC becomes
 * off (with isdst and an abbreviation).  The events come from the
 * transition table, and after its last entry from the footer's POSIX TZ
 * rule, computed for the years around the instant asked about (tzdata
 * files may be "slim": the table then stops in 2007 or so and the rule
 * does the rest).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define TZ_MAX_FILE	(1024 * 1024)
#define TZ_DEFAULT_DIR	"/usr/share/zoneinfo"
#define TZ_LOCALTIME	"/etc/localtime"
/* RFC 8536 3.2: utoff SHOULD be in [-89999, 93599]. */
#define TZ_OFF_MIN	(-89999)
#define TZ_OFF_MAX	93599
#define TZ_T_LIMIT	(INT64_C(1) << 60)

struct tzstate {
	int32_t		 off;
	bool		 isdst;
	const char	*abbr;
};

struct tzev {
	int64_t		 t;
	struct tzstate	 s;
};

static const struct ck_tz_type utc_types[1] = { { 0, 0, 0 } };

static const struct ck_tz utc_zone = {
	.name = (char *)"UTC",
	.ntypes = 1,
	.types = utc_types,
	.chars = "UTC",
	.rule = { .std_abbr = "UTC" },
	.fixed = true,
	.fixed_abbr = "UTC",
};

static int	parse_tzif(struct ck_tz *, const unsigned char *, size_t,
		    ck_error *);
static int	parse_posix(struct ck_tz_rule *, const char *, size_t,
		    ck_error *);

const ck_tz *
ck_tz_utc(void)
{
	return &utc_zone;
}

void
ck_tz_free(ck_tz *tz)
{
	if (tz == NULL || tz == &utc_zone)
		return;
	free(tz->name);
	free(tz->trans);
	free(tz->tidx);
	free(tz->types_dyn);
	free(tz->chars_dyn);
	free(tz);
}

const char *
ck_tz_name(const ck_tz *tz)
{
	if (tz == NULL)
		tz = &utc_zone;
	return tz->name;
}

bool
ck_tz_is_fixed(const ck_tz *tz, int32_t *off)
{
	if (tz == NULL)
		tz = &utc_zone;
	if (tz->fixed && off != NULL)
		*off = tz->fixed_off;
	return tz->fixed;
}

/* ---- calendar helpers for the rule evaluator ---- */

/* The day (days since 1970-01-01) on which a rule date falls in year y. */
static int64_t
rule_day(const struct ck_tz_rdate *r, int64_t y)
{
	int64_t d, first;
	int wd, last;

	switch (r->kind) {
	case 'J':
		/* Julian day 1..365, February 29 never counted. */
		d = ck_days_from_civil(y, 1, 1) + r->n - 1;
		if (ck_is_leap(y) && r->n > 59)
			d++;
		return d;
	case 'D':
		/* Zero-based day of the year, February 29 counted. */
		return ck_days_from_civil(y, 1, 1) + r->n;
	default:
		/* Mm.w.d: day d of week w (5: the last) of month m. */
		first = ck_days_from_civil(y, r->m, 1);
		wd = ck_weekday(first);
		d = first + (r->d - wd + 7) % 7 + (int64_t)(r->w - 1) * 7;
		last = (int)ck_days_in_month(y, (unsigned)r->m);
		while (d >= first + last)
			d -= 7;
		return d;
	}
}

/* The two events of the rule in year y: DST starts, DST ends. */
static void
rule_events(const ck_tz *tz, int64_t y, struct tzev ev[2])
{
	const struct ck_tz_rule *r = &tz->rule;

	ev[0].t = rule_day(&r->start, y) * 86400 + r->start.secs - r->std_off;
	ev[0].s.off = r->dst_off;
	ev[0].s.isdst = true;
	ev[0].s.abbr = r->dst_abbr;
	ev[1].t = rule_day(&r->end, y) * 86400 + r->end.secs - r->dst_off;
	ev[1].s.off = r->std_off;
	ev[1].s.isdst = false;
	ev[1].s.abbr = r->std_abbr;
}

/* The year (in standard time) that instant t falls in. */
static int64_t
rule_year(const ck_tz *tz, int64_t t)
{
	int64_t y;
	unsigned m, d;

	ck_civil_from_days(ck_floordiv(t + tz->rule.std_off, 86400), &y, &m,
	    &d);
	return y;
}

/*
 * Footer events around t.  Rule times may lie up to a week outside their
 * year, so two years either side are looked at.  Events at the same
 * instant keep their order of application (later year last).
 */
static int
rule_window(const ck_tz *tz, int64_t t, struct tzev ev[10])
{
	int64_t y = rule_year(tz, t);
	int i;

	for (i = 0; i < 5; i++)
		rule_events(tz, y - 2 + i, ev + 2 * i);
	return 10;
}

static struct tzstate
type_state(const ck_tz *tz, unsigned i)
{
	struct tzstate s;

	s.off = tz->types[i].off;
	s.isdst = tz->types[i].isdst != 0;
	s.abbr = tz->chars + tz->types[i].abbr;
	return s;
}

static int64_t
last_trans(const ck_tz *tz)
{
	return tz->ntrans ? tz->trans[tz->ntrans - 1] : INT64_MIN;
}

/* The last event at or before t.  @return false when there is none. */
static bool
ev_prev(const ck_tz *tz, int64_t t, struct tzev *out)
{
	struct tzev ev[10];
	size_t lo, hi, mid;
	int i, n, best = -1;

	if (tz->has_rule && t > last_trans(tz)) {
		n = rule_window(tz, t, ev);
		for (i = 0; i < n; i++) {
			if (ev[i].t > t || ev[i].t <= last_trans(tz))
				continue;
			/* Ties: the later-applied one wins (>=). */
			if (best == -1 || ev[i].t >= ev[best].t)
				best = i;
		}
		if (best != -1) {
			*out = ev[best];
			return true;
		}
	}
	if (tz->ntrans == 0 || tz->trans[0] > t)
		return false;
	/* The largest i with trans[i] <= t. */
	lo = 0;
	hi = tz->ntrans;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (tz->trans[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	out->t = tz->trans[lo];
	out->s = type_state(tz, tz->tidx[lo]);
	return true;
}

/* The first event after t.  @return false when there is none. */
static bool
ev_next(const ck_tz *tz, int64_t t, struct tzev *out)
{
	struct tzev ev[10];
	size_t lo, hi, mid;
	int i, n, best = -1;

	if (tz->ntrans > 0 && t < last_trans(tz)) {
		/* The smallest i with trans[i] > t. */
		lo = 0;
		hi = tz->ntrans - 1;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (tz->trans[mid] > t)
				hi = mid;
			else
				lo = mid + 1;
		}
		out->t = tz->trans[lo];
		out->s = type_state(tz, tz->tidx[lo]);
		return true;
	}
	if (!tz->has_rule)
		return false;
	n = rule_window(tz, t, ev);
	for (i = 0; i < n; i++) {
		if (ev[i].t <= t || ev[i].t <= last_trans(tz))
			continue;
		if (best == -1 || ev[i].t < ev[best].t)
			best = i;
		else if (ev[i].t == ev[best].t)
			best = i;	/* the later-applied one */
	}
	if (best == -1)
		return false;
	*out = ev[best];
	return true;
}

static struct tzstate
state_at(const ck_tz *tz, int64_t t)
{
	struct tzev ev;
	struct tzstate s;

	if (tz->fixed) {
		s.off = tz->fixed_off;
		s.isdst = tz->fixed_isdst;
		s.abbr = tz->fixed_abbr != NULL ? tz->fixed_abbr :
		    tz->chars;
		return s;
	}
	if (ev_prev(tz, t, &ev))
		return ev.s;
	if (tz->ntrans == 0 && !tz->has_rule) {
		s.off = tz->rule.std_off;
		s.isdst = false;
		s.abbr = tz->rule.std_abbr;
		return s;
	}
	return type_state(tz, 0);
}

int
ck_tz_seg_at(const ck_tz *tz, int64_t t, struct ck_tz_seg *seg)
{
	struct tzev ev;
	struct tzstate cur;
	int64_t at;
	int guard;

	if (tz == NULL)
		tz = &utc_zone;
	cur = state_at(tz, t);
	seg->off = cur.off;
	seg->start = INT64_MIN;
	seg->prev_off = cur.off;
	seg->end = INT64_MAX;
	seg->next_off = cur.off;
	if (tz->fixed)
		return 0;
	/* Walk back over events that do not change the offset. */
	at = t;
	for (guard = 0; guard < 100000; guard++) {
		if (!ev_prev(tz, at, &ev))
			break;
		if (ev.t == INT64_MIN)
			break;
		seg->prev_off = state_at(tz, ev.t - 1).off;
		if (seg->prev_off != cur.off) {
			seg->start = ev.t;
			break;
		}
		seg->prev_off = cur.off;
		at = ev.t - 1;
	}
	at = t;
	for (guard = 0; guard < 100000; guard++) {
		if (!ev_next(tz, at, &ev))
			break;
		if (ev.s.off != cur.off) {
			seg->end = ev.t;
			seg->next_off = ev.s.off;
			break;
		}
		at = ev.t;
	}
	return 0;
}

/* ---- public conversions ---- */

int
ck_tz_localtime(const ck_tz *tz, time_t t, struct tm *tm, long *gmtoff,
    const char **abbr, ck_error *err)
{
	struct tzstate s;
	int64_t w, days, secs, y, yday;
	unsigned m, d;

	if (tz == NULL)
		tz = &utc_zone;
	if ((int64_t)t > CK_T_MAX || (int64_t)t < -CK_T_MAX)
		return ck_error_set(err, CK_ERANGE, 0, 0,
		    "instant %lld out of range", (long long)t);
	s = state_at(tz, (int64_t)t);
	w = (int64_t)t + s.off;
	days = ck_floordiv(w, 86400);
	secs = w - days * 86400;
	ck_civil_from_days(days, &y, &m, &d);
	if (y - 1900 > INT_MAX || y - 1900 < INT_MIN)
		return ck_error_set(err, CK_ERANGE, 0, 0,
		    "year %lld out of range", (long long)y);
	yday = days - ck_days_from_civil(y, 1, 1);
	if (tm != NULL) {
		memset(tm, 0, sizeof(*tm));
		tm->tm_year = (int)(y - 1900);
		tm->tm_mon = (int)m - 1;
		tm->tm_mday = (int)d;
		tm->tm_hour = (int)(secs / 3600);
		tm->tm_min = (int)(secs / 60 % 60);
		tm->tm_sec = (int)(secs % 60);
		tm->tm_wday = ck_weekday(days);
		tm->tm_yday = (int)yday;
		tm->tm_isdst = s.isdst ? 1 : 0;
	}
	if (gmtoff != NULL)
		*gmtoff = s.off;
	if (abbr != NULL)
		*abbr = s.abbr;
	return 0;
}

int
ck_tz_resolve(const ck_tz *tz, const struct tm *wall, time_t out[2],
    ck_error *err)
{
	struct ck_tz_seg seg;
	int64_t y, mon, w, t, probe;
	int n = 0, guard;

	if (tz == NULL)
		tz = &utc_zone;
	/* Normalise the month into the year; days and times add up. */
	mon = (int64_t)wall->tm_mon;
	y = (int64_t)wall->tm_year + 1900 + ck_floordiv(mon, 12);
	mon -= ck_floordiv(mon, 12) * 12;
	if (y > CK_YEAR_MAX || y < -CK_YEAR_MAX)
		return ck_error_set(err, CK_ERANGE, 0, 0,
		    "year %lld out of range", (long long)y);
	w = (ck_days_from_civil(y, (unsigned)mon + 1, 1) +
	    wall->tm_mday - 1) * 86400 + (int64_t)wall->tm_hour * 3600 +
	    (int64_t)wall->tm_min * 60 + wall->tm_sec;
	/*
	 * Offsets stay within 26 hours, so every instant whose wall time is
	 * w lies in a segment that meets [w - 26h, w + 26h].
	 */
	probe = w - 26 * 3600;
	for (guard = 0; guard < 64; guard++) {
		ck_tz_seg_at(tz, probe, &seg);
		t = w - seg.off;
		if (t >= seg.start && t < seg.end && n < 2) {
			if (n == 0 || out[n - 1] != (time_t)t)
				out[n++] = (time_t)t;
		}
		if (seg.end == INT64_MAX || seg.end > w + 26 * 3600)
			break;
		/* A gap: remember where it ends. */
		if (n == 0 && seg.next_off > seg.off &&
		    w >= seg.end + seg.off && w < seg.end + seg.next_off)
			out[0] = (time_t)seg.end;
		probe = seg.end;
	}
	return n;
}

/* ---- loading ---- */

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static int64_t
be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

struct tzhead {
	int		 version;
	uint32_t	 isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

static int
read_head(const unsigned char *p, size_t len, struct tzhead *h,
    ck_error *err)
{
	if (len < 44 || memcmp(p, "TZif", 4) != 0)
		return ck_error_set(err, CK_ESYNTAX, 0, 0,
		    "not a TZif file");
	h->version = p[4] == 0 ? 1 : p[4] - '0';
	if (h->version < 1 || h->version > 9)
		return ck_error_set(err, CK_ESYNTAX, 0, 0,
		    "unknown TZif version byte 0x%02x", p[4]);
	h->isutcnt = be32(p + 20);
	h->isstdcnt = be32(p + 24);
	h->leapcnt = be32(p + 28);
	h->timecnt = be32(p + 32);
	h->typecnt = be32(p + 36);
	h->charcnt = be32(p + 40);
	if (h->typecnt == 0 || h->typecnt > 256 || h->charcnt == 0 ||
	    h->timecnt > 100000 || h->charcnt > 100000 ||
	    h->leapcnt > 100000 ||
	    (h->isutcnt != 0 && h->isutcnt != h->typecnt) ||
	    (h->isstdcnt != 0 && h->isstdcnt != h->typecnt))
		return ck_error_set(err, CK_ESYNTAX, 0, 0,
		    "TZif header counts are invalid");
	return 0;
}

static size_t
block_len(const struct tzhead *h, size_t tsize)
{
	return (size_t)h->timecnt * tsize + h->timecnt + h->typecnt * 6u +
	    h->charcnt + (size_t)h->leapcnt * (tsize + 4) + h->isstdcnt +
	    h->isutcnt;
}

static int
parse_tzif(struct ck_tz *tz, const unsigned char *p, size_t len,
    ck_error *err)
{
	struct tzhead h;
	const unsigned char *d, *q;
	size_t tsize = 4, need, i;
	const char *foot, *nl;

	if (read_head(p, len, &h, err) == -1)
		return -1;
	need = 44 + block_len(&h, 4);
	if (need > len)
		return ck_error_set(err, CK_ESYNTAX, 0, 0,
		    "TZif file is truncated");
	d = p + 44;
	if (h.version >= 2) {
		/* Skip the 32-bit block; use the 64-bit one. */
		p += need;
		len -= need;
		if (read_head(p, len, &h, err) == -1)
			return -1;
		tsize = 8;
		need = 44 + block_len(&h, 8);
		if (need > len)
			return ck_error_set(err, CK_ESYNTAX, 0, 0,
			    "TZif file is truncated");
		d = p + 44;
	}
	if (h.leapcnt != 0)
		return ck_error_set(err, CK_EINVAL, 0, 0,
		    "time zones with leap seconds (\"right/\") are not "
		    "supported");
	tz->ntrans = h.timecnt;
	tz->ntypes = h.typecnt;
	if (h.timecnt > 0) {
		tz->trans = reallocarray(NULL, h.timecnt, sizeof(int64_t));
		tz->tidx = malloc(h.timecnt);
		if (tz->trans == NULL || tz->tidx == NULL)
			return ck_error_oom(err);
	}
	tz->types_dyn = reallocarray(NULL, h.typecnt, sizeof(*tz->types_dyn));
	tz->chars_dyn = malloc((size_t)h.charcnt + 1);
	if (tz->types_dyn == NULL || tz->chars_dyn == NULL)
		return ck_error_oom(err);
	q = d;
	for (i = 0; i < h.timecnt; i++, q += tsize) {
		tz->trans[i] = tsize == 8 ? be64(q) : (int32_t)be32(q);
		/* tzdata's "big bang" is -2^59; keep far from overflow. */
		if (tz->trans[i] > TZ_T_LIMIT || tz->trans[i] < -TZ_T_LIMIT)
			return ck_error_set(err, CK_ESYNTAX, 0, 0,
			    "TZif transition time out of range");
		if (i > 0 && tz->trans[i] <= tz->trans[i - 1])
			return ck_error_set(err, CK_ESYNTAX, 0, 0,
			    "TZif transitions are not in order");
	}
	for (i = 0; i < h.timecnt; i++, q++) {
		if (*q >= h.typecnt)
			return ck_error_set(err, CK_ESYNTAX, 0, 0,
			    "TZif transition type %u out of range", *q);
		tz->tidx[i] = *q;
	}
	for (i = 0; i < h.typecnt; i++, q += 6) {
		int32_t off = (int32_t)be32(q);

		if (off < TZ_OFF_MIN || off > TZ_OFF_MAX || q[4] > 1 ||
		    q[5] >= h.charcnt)
			return ck_error_set(err, CK_ESYNTAX, 0, 0,
			    "TZif time type %zu is invalid", i);
		tz->types_dyn[i].off = off;
		tz->types_dyn[i].isdst = q[4];
		tz->types_dyn[i].abbr = q[5];
	}
	memcpy(tz->chars_dyn, q, h.charcnt);
	tz->chars_dyn[h.charcnt] = '\0';
	tz->types = tz->types_dyn;
	tz->chars = tz->chars_dyn;
	q += h.charcnt;
	if (h.version >= 2) {
		p += need;
		len -= need;
		foot = (const char *)p;
		if (len < 2 || foot[0] != '\n' ||
		    (nl = memchr(foot + 1, '\n', len - 1)) == NULL)
			return ck_error_set(err, CK_ESYNTAX, 0, 0,
			    "TZif footer is missing");
		if (nl > foot + 1) {
			if (parse_posix(&tz->rule, foot + 1,
			    (size_t)(nl - foot - 1), err) == -1)
				return -1;
			tz->has_footer = true;
		}
	}
	return 0;
}

/*
 * Decide how the zone is evaluated: fixed (one offset for all time),
 * table plus rule, or table alone.
 */
static void
finish_zone(struct ck_tz *tz)
{
	struct ck_tz_rule *r = &tz->rule;
	struct tzev a[2], b[2];
	size_t i;
	bool same;

	if (tz->has_footer && r->has_dst) {
		if (r->dst_off == r->std_off) {
			r->has_dst = false;
		} else {
			/*
			 * DST all year ("EST5EDT,0/0,J365/25"): standard
			 * time never lasts, so the zone is fixed after the
			 * table.
			 */
			rule_events(tz, 2001, a);
			rule_events(tz, 2002, b);
			if ((a[0].t < a[1].t && b[0].t <= a[1].t) ||
			    (a[0].t >= a[1].t && a[0].t <= a[1].t)) {
				r->has_dst = false;
				r->std_off = r->dst_off;
				strlcpy(r->std_abbr, r->dst_abbr,
				    sizeof(r->std_abbr));
				r->perm_dst = true;
			}
		}
	}
	tz->has_rule = tz->has_footer && r->has_dst;
	if (tz->has_rule)
		return;
	/* Without rules, the zone is fixed if every type has one offset. */
	same = true;
	for (i = 0; i < tz->ntrans; i++)
		if (tz->types[tz->tidx[i]].off != tz->types[0].off)
			same = false;
	/* Without a table the footer alone rules. */
	if (tz->has_footer && tz->ntrans > 0 && r->std_off != tz->types[0].off)
		same = false;
	if (same) {
		tz->fixed = true;
		tz->fixed_off = tz->has_footer ? r->std_off :
		    tz->types[0].off;
		if (tz->has_footer) {
			tz->fixed_abbr = r->std_abbr;
			tz->fixed_isdst = r->perm_dst;
		} else if (tz->ntrans > 0) {
			tz->fixed_abbr = tz->chars +
			    tz->types[tz->tidx[tz->ntrans - 1]].abbr;
			tz->fixed_isdst =
			    tz->types[tz->tidx[tz->ntrans - 1]].isdst;
		}
	}
	if (!tz->has_footer && tz->ntrans == 0) {
		tz->rule.std_off = tz->types[0].off;
		strlcpy(tz->rule.std_abbr, tz->chars + tz->types[0].abbr,
		    sizeof(tz->rule.std_abbr));
	}
}

ck_tz *
ck_tz_from_tzif(const void *data, size_t len, const char *name,
    ck_error *err)
{
	struct ck_tz *tz;

	if ((tz = calloc(1, sizeof(*tz))) == NULL) {
		ck_error_oom(err);
		return NULL;
	}
	if ((tz->name = strdup(name != NULL ? name : "")) == NULL) {
		ck_error_oom(err);
		goto fail;
	}
	if (parse_tzif(tz, data, len, err) == -1)
		goto fail;
	finish_zone(tz);
	return tz;
fail:
	ck_tz_free(tz);
	return NULL;
}

ck_tz *
ck_tz_posix(const char *spec, ck_error *err)
{
	struct ck_tz *tz;

	if (spec == NULL || *spec == '\0') {
		ck_error_set(err, CK_EINVAL, 0, 0, "empty TZ string");
		return NULL;
	}
	if ((tz = calloc(1, sizeof(*tz))) == NULL) {
		ck_error_oom(err);
		return NULL;
	}
	if ((tz->name = strdup(spec)) == NULL) {
		ck_error_oom(err);
		goto fail;
	}
	if (parse_posix(&tz->rule, spec, strlen(spec), err) == -1)
		goto fail;
	tz->has_footer = true;
	/* One type, for instants before any table (there is none). */
	tz->ntypes = 1;
	tz->types_dyn = calloc(1, sizeof(*tz->types_dyn));
	tz->chars_dyn = strdup(tz->rule.std_abbr);
	if (tz->types_dyn == NULL || tz->chars_dyn == NULL) {
		ck_error_oom(err);
		goto fail;
	}
	tz->types_dyn[0].off = tz->rule.std_off;
	tz->types = tz->types_dyn;
	tz->chars = tz->chars_dyn;
	finish_zone(tz);
	return tz;
fail:
	ck_tz_free(tz);
	return NULL;
}

static bool
valid_name(const char *name)
{
	const char *p, *seg;

	if (*name == '\0' || *name == '/' || strlen(name) > 255)
		return false;
	seg = name;
	for (p = name;; p++) {
		if (*p == '/' || *p == '\0') {
			if (p == seg)
				return false;	/* empty component */
			if (p - seg == 2 && seg[0] == '.' && seg[1] == '.')
				return false;
			if (p - seg == 1 && seg[0] == '.')
				return false;
			if (*p == '\0')
				return true;
			seg = p + 1;
			continue;
		}
		if (!ck_isalnum((unsigned char)*p) && *p != '_' &&
		    *p != '-' && *p != '+' && *p != '.')
			return false;
	}
}

/* The zone name from a /etc/localtime symlink, or "localtime". */
static char *
localtime_name(const char *path)
{
	char buf[PATH_MAX];
	const char *p;
	ssize_t n = 0;

	n = readlink(path, buf, sizeof(buf) - 1);
	if (n <= 0 || (size_t)n >= sizeof(buf) - 1)
		return strdup("localtime");
	buf[n] = '\0';
	if ((p = strstr(buf, "zoneinfo/")) != NULL) {
		p += strlen("zoneinfo/");
		if (strncmp(p, "posix/", 6) == 0)
			p += 6;
		if (*p != '\0')
			return strdup(p);
	}
	return strdup("localtime");
}

static int
read_zone_file(const char *path, unsigned char **out, size_t *outlen,
    ck_error *err)
{
	struct stat st;
	unsigned char *buf = NULL;
	size_t have = 0;
	ssize_t n = 0;
	int fd, e;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		e = errno;
		if (e == ENOENT || e == ENOTDIR)
			return ck_error_set(err, CK_ENOTFOUND, 0, 0,
			    "no time zone file %s", path);
		return ck_error_sys(err, CK_EIO, e, "%s", path);
	}
	if (fstat(fd, &st) == -1) {
		e = errno;
		close(fd);
		return ck_error_sys(err, CK_EIO, e, "%s", path);
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return ck_error_set(err, CK_ENOTFOUND, 0, 0,
		    "%s is not a time zone file", path);
	}
	if (st.st_size > TZ_MAX_FILE) {
		close(fd);
		return ck_error_set(err, CK_ERANGE, 0, 0,
		    "%s is too large for a time zone file", path);
	}
	if ((buf = malloc((size_t)st.st_size + 1)) == NULL) {
		close(fd);
		return ck_error_oom(err);
	}
	while (have < (size_t)st.st_size) {
		n = read(fd, buf + have, (size_t)st.st_size - have);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		have += (size_t)n;
	}
	if (n == -1) {
		e = errno;
		close(fd);
		free(buf);
		return ck_error_sys(err, CK_EIO, e, "%s", path);
	}
	close(fd);
	*out = buf;
	*outlen = have;
	return 0;
}

ck_tz *
ck_tz_load_file(const char *path, const char *name, ck_error *err)
{
	unsigned char *data = NULL;
	size_t len = 0;
	ck_tz *tz;
	ck_error e2;

	if (read_zone_file(path, &data, &len, err) == -1)
		return NULL;
	tz = ck_tz_from_tzif(data, len, name != NULL ? name : path, &e2);
	free(data);
	if (tz == NULL && err != NULL) {
		*err = e2;
		if (e2.code == CK_ESYNTAX)
			ck_error_set(err, CK_ESYNTAX, 0, 0, "%s: %s", path,
			    e2.msg);
	}
	return tz;
}

ck_tz *
ck_tz_load(const char *name, const char *zoneinfo_dir, ck_error *err)
{
	char *path = NULL, *lname;
	size_t plen;
	ck_tz *tz;
	ck_error e2;

	if (name == NULL) {
		if ((lname = localtime_name(TZ_LOCALTIME)) == NULL) {
			ck_error_oom(err);
			return NULL;
		}
		tz = ck_tz_load_file(TZ_LOCALTIME, lname, err);
		free(lname);
		return tz;
	}
	if (!valid_name(name)) {
		ck_error_set(err, CK_EINVAL, 0, 0,
		    "invalid time zone name \"%s\"", name);
		return NULL;
	}
	if (zoneinfo_dir == NULL)
		zoneinfo_dir = TZ_DEFAULT_DIR;
	plen = strlen(zoneinfo_dir) + strlen(name) + 2;
	if ((path = malloc(plen)) == NULL) {
		ck_error_oom(err);
		return NULL;
	}
	(void)ck_fmt(path, plen, "%s/%s", zoneinfo_dir, name);
	tz = ck_tz_load_file(path, name, &e2);
	free(path);
	if (tz != NULL)
		return tz;
	if (e2.code == CK_ENOTFOUND && (strcmp(name, "UTC") == 0 ||
	    strcmp(name, "Etc/UTC") == 0)) {
		/* No tzdata installed: UTC is still UTC. */
		if ((tz = ck_tz_posix("UTC0", err)) == NULL)
			return NULL;
		free(tz->name);
		if ((tz->name = strdup(name)) == NULL) {
			ck_tz_free(tz);
			ck_error_oom(err);
			return NULL;
		}
		return tz;
	}
	if (err != NULL) {
		*err = e2;
		if (e2.code == CK_ENOTFOUND)
			ck_error_set(err, CK_ENOTFOUND, 0, 0,
			    "unknown time zone \"%s\"", name);
	}
	return NULL;
}

/* ---- POSIX TZ strings ---- */

struct pz {
	const char	*p;
	const char	*end;
	const char	*start;
};

static int
pz_fail(struct pz *z, ck_error *err, const char *what)
{
	return ck_error_set(err, CK_ESYNTAX, 1,
	    (unsigned int)(z->p - z->start) + 1,
	    "bad TZ string \"%.*s\": %s", (int)(z->end - z->start), z->start,
	    what);
}

static int
pz_abbr(struct pz *z, char *out, size_t outsz, ck_error *err)
{
	const char *s;
	size_t n;

	if (z->p < z->end && *z->p == '<') {
		s = ++z->p;
		while (z->p < z->end && *z->p != '>' &&
		    (ck_isalnum((unsigned char)*z->p) || *z->p == '+' ||
		    *z->p == '-'))
			z->p++;
		if (z->p >= z->end || *z->p != '>')
			return pz_fail(z, err, "unterminated <name>");
		n = (size_t)(z->p - s);
		z->p++;
	} else {
		s = z->p;
		while (z->p < z->end && ck_isalpha((unsigned char)*z->p))
			z->p++;
		n = (size_t)(z->p - s);
	}
	if (n < 3)
		return pz_fail(z, err, "zone name shorter than 3 letters");
	if (n >= outsz)
		return pz_fail(z, err, "zone name too long");
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

/* [+-]hh[:mm[:ss]] with hh at most maxh; seconds into *out. */
static int
pz_time(struct pz *z, int maxh, int32_t *out, ck_error *err)
{
	int sign = 1, part, v, i;
	int32_t total = 0;

	if (z->p < z->end && (*z->p == '+' || *z->p == '-')) {
		if (*z->p == '-')
			sign = -1;
		z->p++;
	}
	for (part = 0; part < 3; part++) {
		if (part > 0) {
			if (z->p >= z->end || *z->p != ':')
				break;
			z->p++;
		}
		v = 0;
		for (i = 0; z->p < z->end && ck_isdigit((unsigned char)*z->p) &&
		    i < 3; i++, z->p++)
			v = v * 10 + (*z->p - '0');
		if (i == 0)
			return pz_fail(z, err, "number expected");
		if ((part == 0 && v > maxh) || (part > 0 && v > 59))
			return pz_fail(z, err, "time out of range");
		total += part == 0 ? v * 3600 : part == 1 ? v * 60 : v;
	}
	*out = sign * total;
	return 0;
}

static int
pz_num(struct pz *z, int lo, int hi, int *out, ck_error *err)
{
	int v = 0, i;

	for (i = 0; z->p < z->end && ck_isdigit((unsigned char)*z->p) && i < 4;
	    i++, z->p++)
		v = v * 10 + (*z->p - '0');
	if (i == 0)
		return pz_fail(z, err, "number expected");
	if (v < lo || v > hi)
		return pz_fail(z, err, "number out of range");
	*out = v;
	return 0;
}

static int
pz_date(struct pz *z, struct ck_tz_rdate *r, ck_error *err)
{
	int v = 0;	/* set by pz_num(); gcc -O3 cannot tell */

	if (z->p < z->end && *z->p == 'J') {
		z->p++;
		r->kind = 'J';
		if (pz_num(z, 1, 365, &v, err) == -1)
			return -1;
		r->n = (int16_t)v;
	} else if (z->p < z->end && *z->p == 'M') {
		z->p++;
		r->kind = 'M';
		if (pz_num(z, 1, 12, &v, err) == -1)
			return -1;
		r->m = (int16_t)v;
		if (z->p >= z->end || *z->p++ != '.')
			return pz_fail(z, err, "'.' expected");
		if (pz_num(z, 1, 5, &v, err) == -1)
			return -1;
		r->w = (int16_t)v;
		if (z->p >= z->end || *z->p++ != '.')
			return pz_fail(z, err, "'.' expected");
		if (pz_num(z, 0, 6, &v, err) == -1)
			return -1;
		r->d = (int16_t)v;
	} else {
		r->kind = 'D';
		if (pz_num(z, 0, 365, &v, err) == -1)
			return -1;
		r->n = (int16_t)v;
	}
	r->secs = 7200;
	if (z->p < z->end && *z->p == '/') {
		z->p++;
		/* RFC 8536 extends the hours to -167..167. */
		if (pz_time(z, 167, &r->secs, err) == -1)
			return -1;
	}
	return 0;
}

static int
parse_posix(struct ck_tz_rule *r, const char *s, size_t len, ck_error *err)
{
	struct pz z = { s, s + len, s };
	int32_t off;

	memset(r, 0, sizeof(*r));
	if (pz_abbr(&z, r->std_abbr, sizeof(r->std_abbr), err) == -1)
		return -1;
	if (pz_time(&z, 24, &off, err) == -1)
		return -1;
	r->std_off = -off;	/* POSIX counts west of Greenwich */
	if (z.p == z.end)
		return 0;
	if (pz_abbr(&z, r->dst_abbr, sizeof(r->dst_abbr), err) == -1)
		return -1;
	r->has_dst = true;
	r->dst_off = r->std_off + 3600;
	if (z.p < z.end && *z.p != ',') {
		if (pz_time(&z, 24, &off, err) == -1)
			return -1;
		r->dst_off = -off;
	}
	if (z.p == z.end) {
		/* No rule: the US rule, as glibc assumes. */
		r->start = (struct ck_tz_rdate){ 'M', 0, 3, 2, 0, 7200 };
		r->end = (struct ck_tz_rdate){ 'M', 0, 11, 1, 0, 7200 };
		return 0;
	}
	if (*z.p++ != ',')
		return pz_fail(&z, err, "',' expected");
	if (pz_date(&z, &r->start, err) == -1)
		return -1;
	if (z.p >= z.end || *z.p++ != ',')
		return pz_fail(&z, err, "',' expected");
	if (pz_date(&z, &r->end, err) == -1)
		return -1;
	if (z.p != z.end)
		return pz_fail(&z, err, "trailing text");
	return 0;
}
