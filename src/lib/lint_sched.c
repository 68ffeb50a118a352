/* SPDX-License-Identifier: ISC */
/*
 * lint_sched.c - schedule rules, read from the fields and elements the
 * parser read (ck_expr_elements(), expr.c: one grammar): steps, duplicates and wrapping ranges in a field; schedules
 * that never fire, skip months or fall in a DST change; the day-of-month
 * / day-of-week rule.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "lint_int.h"

/* One field of a schedule as written. */
struct field {
	const char	*p;
	size_t		 len;
	unsigned int	 col;		/* 1-based, in the line */
};

/* One list element of a field, as the parser read it (ck_expr_elements()). */
struct elem {
	enum ck_elem_kind kind;
	const char	*p;
	size_t		 len;
	unsigned int	 col;
	int		 a, b;		/* value or range (star: limits) */
	int		 step;		/* 0: none */
	bool		 reversed;	/* a > b as written */
};

/* A field's name in messages; its range is calendar.c's. */
static const char *const field_name[CK_FIELD_COUNT] = {
	"minute", "hour", "day of month", "month", "day of week"
};

/* ---- fields and elements ---- */

/*
 * The five fields of a job's schedule and their elements, as the parser
 * reads them (c->elems, until the next job).  The schedule text is the
 * parser's (e->text); its column comes from where it sits in the line.
 * @return false for an @keyword or text that is not five fields.
 */
static bool
split_fields(struct lctx *c, const struct ck_line *l, const struct ck_expr *e,
    struct field f[CK_FIELD_COUNT])
{
	const char *p, *end;
	unsigned int col0;
	ck_error err;
	int i;

	if (e->keyword != CK_KW_NONE || e->text == NULL)
		return false;
	if (ck_expr_elements(e, c->d, &c->elems, &err) == -1) {
		c->oom = true;
		return false;
	}
	if (!c->elems.fields)
		return false;
	p = e->text;
	col0 = col_of(l, p);
	if (col0 == 1 && !(p >= l->p && p <= l->p + l->len)) {
		/* The text is a copy: find the schedule in the line. */
		p = l->p;
		end = l->p + l->len;
		while (p < end && ck_isblank((unsigned char)*p))
			p++;
		if (p < end && *p == '-')
			p++;
		col0 = col_of(l, p);
	}
	for (i = 0; i < CK_FIELD_COUNT; i++) {
		f[i].p = p + c->elems.foff[i];
		f[i].len = c->elems.flen[i];
		f[i].col = col0 + c->elems.foff[i];
	}
	return true;
}

/* Element k of c->elems, placed in field f (which holds it). */
static void
elem_at(const struct lctx *c, size_t k, const struct field *f,
    struct elem *e)
{
	const struct ck_elem *x = &c->elems.v[k];
	size_t rel = x->off - c->elems.foff[x->field];

	e->kind = (enum ck_elem_kind)x->kind;
	e->p = f->p + rel;
	e->len = x->len;
	e->col = f->col + (unsigned int)rel;
	e->a = x->a;
	e->b = x->b;
	e->step = x->step;
	e->reversed = x->reversed;
}

/*
 * The values an element selects, as the Vixie family reads it.  The day of
 * week folds 7 into 0; a range ending on 0 means ending on 7 (5-0).
 */
static uint64_t
elem_bits(const struct elem *e, int field)
{
	uint64_t bits = 0;
	int a = e->a, b = e->b, s = e->step ? e->step : 1, v;

	if (e->kind == CK_ELEM_RANDOM)
		return 0;
	/* cronie's int wrap can make a step negative: only a is sure. */
	if (s <= 0)
		s = 64;
	if (e->reversed && b == 0)
		b = 7;
	if (a < 0 || b > 63)
		return 0;
	if (s == 1 && a <= b)
		/* a..b at once (b - a + 1 <= 64 bits). */
		bits = (UINT64_MAX >> (63 - (b - a))) << a;
	else
		for (v = a; v <= b; v += s)
			bits |= UINT64_C(1) << v;
	if (field == CK_FIELD_DOW && (bits & (UINT64_C(1) << 7))) {
		bits &= ~(UINT64_C(1) << 7);
		bits |= 1;
	}
	return bits;
}

/*
 * Does the zone the jobs run in (opts->tz) change its offset around the
 * lint year (or 2026)?  Unknown zone: yes, the note stays.  Two instants
 * a year, January and July, over three years.
 */
bool
ck_lint_zone_has_dst(const struct ck_lint_opts *o)
{
	ck_error err;
	long first = 0, off;
	int y, k, year;
	time_t t;

	if (o == NULL || o->tz == NULL)
		return true;
	year = o->year > 1970 ? o->year : 2026;
	for (y = year - 1; y <= year + 1; y++)
		for (k = 0; k < 2; k++) {
			/* Noon UTC of January 15 and July 15. */
			t = (time_t)(((int64_t)(y - 1970) * 365 + (y - 1969) /
			    4 + (k ? 196 : 14)) * 86400 + 43200);
			if (ck_tz_localtime(o->tz, t, NULL, &off, NULL,
			    &err) == -1)
				return true;
			if (y == year - 1 && k == 0)
				first = off;
			else if (off != first)
				return true;
		}
	return false;
}

/* ---- field-level rules: steps, duplicates, wrapping weekdays, ~ ---- */

static void
check_field(struct lctx *c, unsigned int line, int field,
    const struct field *f, bool *random)
{
	struct elem e;
	uint64_t acc = 0, bits, dup;
	int span, last, gap, unit_max, dupv;
	size_t k;
	char buf[64];

	for (k = 0; k < c->elems.n; k++) {
		if (c->elems.v[k].field != field)
			continue;
		elem_at(c, k, f, &e);
		/* busybox stops reading the weekdays at a 7 (expr.c). */
		if (ck_dialect_facts(c->d)->dow_seven_loops &&
		    field == CK_FIELD_DOW && e.kind != CK_ELEM_STAR && e.b == 7)
			return;
		if (e.kind == CK_ELEM_RANDOM)
			*random = true;
		bits = elem_bits(&e, field);
		dup = bits & acc;
		if (dup != 0 && e.kind != CK_ELEM_RANDOM) {
			for (dupv = 0; !(dup >> dupv & 1); dupv++)
				;
			if (field == CK_FIELD_DOW && dupv == 0)
				ck_lint_emit(c, CK_R_DUPLICATE_VALUE, line,
				    e.col,
				    "list Sunday once", "day of week \"%.*s%s\" "
				    "selects Sunday twice: 0 and 7 are both "
				    "Sunday", qlen(f->len), f->p,
				    QDOTS(f->len));
			else
				ck_lint_emit(c, CK_R_DUPLICATE_VALUE, line,
				    e.col, NULL,
				    "%s \"%.*s%s\" selects %d more than once",
				    field_name[field], qlen(f->len), f->p,
				    QDOTS(f->len), dupv);
		}
		acc |= bits;
		if (field == CK_FIELD_DOW && e.kind == CK_ELEM_RANGE && e.reversed &&
		    e.b == 0 && ck_dialect_facts(c->d)->reversed_range !=
		    CK_REVERSED_WRAPS)
			ck_lint_emit(c, CK_R_REVERSED_DOW, line, e.col,
			    "write an ascending range ending in 7, such as 5-7",
			    "day of week range \"%.*s\" wraps past Saturday: "
			    "debian and cronie read it as %d-7, openbsd "
			    "rejects it", (int)e.len, e.p, e.a);
		/* A huge step is the int the dialect's cron makes of it. */
		if (e.step <= 0)
			continue;
		/* a-b/n where a + n > b: one value. */
		last = e.kind == CK_ELEM_STAR ? ck_field_max_written(field) : e.b;
		if (field == CK_FIELD_DOW && e.kind == CK_ELEM_STAR)
			last = 6;
		if (!e.reversed && e.a + e.step > last) {
			/* The step as written: huge ones are kept cut. */
			const char *sl = memchr(e.p, '/', e.len);
			int sn = sl != NULL ? (int)(e.p + e.len - sl - 1) : 0;

			ck_lint_emit(c, CK_R_STEP_TOO_BIG, line, e.col, NULL,
			    "step %.*s in \"%.*s\" is larger than the range: "
			    "only %d is selected", sn, sl != NULL ? sl + 1 : "",
			    (int)e.len, e.p, e.a);
			continue;
		}
		/* Steps over a whole cyclic field restart at the wrap. */
		if (e.a != ck_field_min(field) || last < ck_field_max(field) ||
		    e.step < 2)
			continue;
		if (field == CK_FIELD_DOM) {
			for (last = e.a; last + e.step <= 31; last += e.step)
				;
			ck_lint_emit(c, CK_R_UNEVEN_STEP, line, e.col, NULL,
			    "day of month \"%.*s\" restarts on the 1st of each "
			    "month: after day %d (in months that have it) "
			    "comes the 1st", (int)e.len, e.p, last);
			continue;
		}
		unit_max = ck_field_max(field);
		span = unit_max - ck_field_min(field) + 1;
		if (span % e.step == 0)
			continue;
		for (last = e.a; last + e.step <= unit_max; last += e.step)
			;
		gap = ck_field_min(field) + span - last;
		ck_fmt(buf, sizeof(buf), "%d %s%s", gap, field ==
		    CK_FIELD_MINUTE ? "minute" : field == CK_FIELD_HOUR ?
		    "hour" : field == CK_FIELD_MONTH ? "month" : "day",
		    gap == 1 ? "" : "s");
		ck_lint_emit(c, CK_R_UNEVEN_STEP, line, e.col,
		    "choose a step that divides the range, or list the values",
		    "step %d does not divide %d: %s \"%.*s\" runs at %d and then "
		    "at %d, %s later", e.step, span, field_name[field],
		    (int)e.len, e.p, last, ck_field_min(field), buf);
	}
}

/* ---- schedule-level rules: bit sets ---- */

static void
month_list(uint16_t set, char *buf, size_t size)
{
	int m, n = 0, k = 0;

	buf[0] = '\0';
	for (m = 1; m <= 12; m++)
		if (set >> m & 1)
			n++;
	for (m = 1; m <= 12; m++) {
		if (!(set >> m & 1))
			continue;
		if (k > 0)
			strlcat(buf, k + 1 == n ? " and " : ", ", size);
		strlcat(buf, ck_month_full(m), size);
		k++;
	}
}

static void
day_list(uint32_t dom, char *buf, size_t size)
{
	char one[16];
	int d, k = 0, n = popcount64(dom);

	buf[0] = '\0';
	for (d = 1; d <= 31; d++) {
		if (!(dom >> d & 1))
			continue;
		if (k == 6) {
			strlcat(buf, ", ...", size);
			break;
		}
		ck_fmt(one, sizeof(one), "%s%d", k == 0 ? "" : k + 1 == n ?
		    " and " : ", ", d);
		strlcat(buf, one, size);
		k++;
	}
}

static void
dow_list(uint8_t dow, char *buf, size_t size)
{
	int w, n = popcount64(dow), k = 0;

	buf[0] = '\0';
	for (w = 0; w < 7; w++) {
		if (!(dow >> w & 1))
			continue;
		if (k > 0)
			strlcat(buf, k + 1 == n ? " and " : ", ", size);
		strlcat(buf, ck_dow_full(w), size);
		k++;
	}
}

/*
 * Whether the schedule can fire, and in which months, from the sets:
 * for each chosen month the chosen days that exist in it (February has a
 * 29th in leap years), then cron's rule: when either day field starts with
 * '*' a day must match both sets, otherwise either.
 */
static void
check_days(struct lctx *c, unsigned int line, unsigned int col,
    const struct ck_expr *e)
{
	uint32_t dates[13], valid;
	uint16_t skipped = 0, chosen = 0;
	bool and_mode, any = false, nonleap = false, feb29 = false;
	char mbuf[128], dbuf[64], hint[96];
	int m, y;

	if (e->flags & CK_SF_REBOOT)
		return;
	/* A reversed range the parser reported already says "nothing". */
	if ((e->minute == 0 || e->hour == 0 || e->month == 0 ||
	    e->dom == 0 || e->dow == 0) &&
	    ck_lint_has_diag(c, line, CK_R_REVERSED_RANGE))
		return;
	if (e->minute == 0 || e->hour == 0 || e->month == 0) {
		ck_lint_emit(c, CK_R_NEVER_FIRES, line, col, NULL,
		    "the schedule never fires: the %s field selects nothing",
		    e->minute == 0 ? "minute" : e->hour == 0 ? "hour" :
		    "month");
		return;
	}
	and_mode = (e->flags & (CK_SF_DOM_STAR | CK_SF_DOW_STAR)) != 0;
	for (m = 1; m <= 12; m++) {
		dates[m] = 0;
		if (!(e->month >> m & 1))
			continue;
		chosen |= (uint16_t)(1u << m);
		valid = (uint32_t)(((UINT64_C(1) <<
		    (ck_days_in_month_max(m) + 1)) - 1) & ~UINT64_C(1));
		dates[m] = e->dom & valid;
		if (dates[m] != 0)
			any = true;
		if ((dates[m] & ~(m == 2 ? UINT32_C(1) << 29 : 0)) != 0)
			nonleap = true;
		else if (dates[m] != 0)
			feb29 = true;
		if (dates[m] == 0)
			skipped |= (uint16_t)(1u << m);
	}
	/*
	 * The day list (dbuf) is spelled out only for a finding: this runs
	 * for every job, and most have none.
	 */
	if (!and_mode) {
		/* Either field: the weekday part rescues a dead day part. */
		if (e->dow == 0 && !any) {
			day_list(e->dom, dbuf, sizeof(dbuf));
			ck_lint_emit(c, CK_R_NEVER_FIRES, line, col, NULL,
			    "the schedule never fires: no chosen month has "
			    "day %s and no weekday is chosen", dbuf);
		} else if (!any && e->dom != 0) {
			day_list(e->dom, dbuf, sizeof(dbuf));
			month_list(chosen, mbuf, sizeof(mbuf));
			ck_lint_emit(c, CK_R_SKIPS_MONTHS, line, col, NULL,
			    "%s never has day %s: only the day-of-week part of "
			    "the schedule ever fires", mbuf, dbuf);
		}
		return;
	}
	if (!any || e->dow == 0) {
		day_list(e->dom, dbuf, sizeof(dbuf));
		month_list(chosen, mbuf, sizeof(mbuf));
		if (e->dow == 0)
			ck_lint_emit(c, CK_R_NEVER_FIRES, line, col, NULL,
			    "the schedule never fires: the day-of-week field "
			    "selects nothing");
		else
			ck_lint_emit(c, CK_R_NEVER_FIRES, line, col,
			    "check the day and month fields",
			    "the schedule never fires: %s %s day %s",
			    mbuf, popcount64(chosen) > 1 ? "never have" :
			    "never has", dbuf);
		return;
	}
	if (!nonleap && feb29) {
		/* Only February 29, and only on the chosen weekdays. */
		hint[0] = '\0';
		for (y = c->o->year; c->o->year > 0 && y < c->o->year + 400;
		    y++)
			if (ck_is_leap(y) &&
			    (e->dow >> ck_weekday_of(y, 2, 29) & 1)) {
				ck_fmt(hint, sizeof(hint), "next: %d-02-29",
				    y);
				break;
			}
		ck_lint_emit_hint(c, CK_R_SKIPS_MONTHS, -1, line, col,
		    hint[0] ? hint : NULL,
		    "the schedule fires only on February 29%s%s: in leap "
		    "years only", e->dow != CK_DOW_ALL ? " when it is a " : "",
		    e->dow != CK_DOW_ALL && popcount64(e->dow) == 1 ?
		    ck_dow_full(__builtin_ctz(e->dow)) : e->dow != CK_DOW_ALL ?
		    "chosen weekday" : "");
		return;
	}
	if (skipped != 0) {
		day_list(e->dom, dbuf, sizeof(dbuf));
		month_list(skipped, mbuf, sizeof(mbuf));
		ck_lint_emit(c, CK_R_SKIPS_MONTHS, line, col, NULL,
		    "the job never runs in %s, which %s no day %s", mbuf,
		    popcount64(skipped) > 1 ? "have" : "has", dbuf);
	}
	if ((chosen >> 2 & 1) && dates[2] == UINT32_C(1) << 29)
		ck_lint_emit(c, CK_R_SKIPS_MONTHS, line, col, NULL,
		    "in February the job runs only in leap years (day 29)");
}

/*
 * The day-of-month / day-of-week rule of busybox, compared with Vixie's
 * over every (month, day, weekday): busybox calls a field restricted when
 * its bitmap is not full (its day-of-month '*' also fills slot 0, so a
 * step from '*' starts at 0) and then matches either restricted field.
 */
static bool
busybox_days_differ(const struct lctx *c, const struct field *f,
    const struct ck_expr *e)
{
	struct elem el;
	uint64_t bdom = 0, bdow = 0;
	bool rdom, rdow, and_mode, vx, bb;
	int m, d, w, field;
	size_t k;

	for (k = 0; k < c->elems.n; k++) {
		field = c->elems.v[k].field;
		if (field != CK_FIELD_DOM && field != CK_FIELD_DOW)
			continue;
		elem_at(c, k, &f[field], &el);
		if (field == CK_FIELD_DOM && el.kind == CK_ELEM_STAR)
			el.a = 0;
		if (field == CK_FIELD_DOM)
			bdom |= elem_bits(&el, field);
		else
			bdow |= elem_bits(&el, field);
	}
	rdom = bdom != UINT64_C(0xffffffff);
	rdow = bdow != CK_DOW_ALL;
	and_mode = (e->flags & (CK_SF_DOM_STAR | CK_SF_DOW_STAR)) != 0;
	for (m = 1; m <= 12; m++) {
		if (!(e->month >> m & 1))
			continue;
		for (d = 1; d <= (int)ck_days_in_month_max(m); d++)
			for (w = 0; w < 7; w++) {
				bool mdom = e->dom >> d & 1;
				bool mdow = e->dow >> w & 1;

				vx = and_mode ? mdom && mdow : mdom || mdow;
				mdom = bdom >> d & 1;
				mdow = bdow >> w & 1;
				if (rdom && rdow)
					bb = mdom || mdow;
				else if (rdom)
					bb = mdom;
				else if (rdow)
					bb = mdow;
				else
					bb = true;
				if (vx != bb)
					return true;
			}
	}
	return false;
}

static bool
no_random(const struct ck_dialect_facts *f)
{
	return !f->random_tilde;
}

void
ck_lint_check_schedule(struct lctx *c, size_t li, const struct ck_job *job)
{
	const struct ck_line *l = &c->tab->lines[li];
	const struct ck_expr *e = &job->expr;
	struct field f[CK_FIELD_COUNT];
	unsigned int line = (unsigned int)li + 1, col, set;
	bool fields, random = false, dom_full, dow_full;
	int i;
	char buf[32];
	uint32_t fixed;

	fields = split_fields(c, l, e, f);
	col = fields ? f[0].col : col_of(l, e->text);
	if (e->flags & CK_SF_REBOOT)
		return;
	check_days(c, line, fields ? f[CK_FIELD_DOM].col : col, e);
	if (fields)
		for (i = 0; i < CK_FIELD_COUNT; i++)
			check_field(c, line, i, &f[i], &random);

	if (e->minute == CK_MINUTE_ALL && e->hour != CK_HOUR_ALL &&
	    e->keyword == CK_KW_NONE && fields)
		ck_lint_emit(c, CK_R_HOURS_NOT_MINUTES, line, f[0].col,
		    "write 0 (or another minute) to run once in the hour",
		    "minute \"%.*s\" with hour \"%.*s%s\" runs every minute of "
		    "that hour, 60 times", (int)f[0].len, f[0].p,
		    qlen(f[1].len), f[1].p, QDOTS(f[1].len));
	if (e->minute == CK_MINUTE_ALL && e->hour == CK_HOUR_ALL)
		ck_lint_emit(c, CK_R_EVERY_MINUTE, line, col,
		    "if that is not meant, set the minute (and hour) fields",
		    "\"%.*s%s\" runs the job every minute", qlen(e->len),
		    e->text, QDOTS(e->len));

	/* The day-of-month / day-of-week rule. */
	if (fields) {
		/*
		 * The parser's flags follow the dialect: the first character
		 * for the Vixie family, a full set for busybox.
		 */
		bool sdom = (e->flags & CK_SF_DOM_STAR) != 0;
		bool sdow = (e->flags & CK_SF_DOW_STAR) != 0;

		dom_full = e->dom == CK_DOM_ALL;
		dow_full = e->dow == CK_DOW_ALL;
		if (!sdom && !sdow) {
			if (dom_full && !dow_full)
				ck_lint_emit(c, CK_R_EXPLICIT_FULL, line,
				    f[CK_FIELD_DOM].col, "write '*'",
				    "day of month \"%.*s\" is not '*' for cron: "
				    "with day of week \"%.*s\" also set the job "
				    "runs every day", (int)f[2].len, f[2].p,
				    qlen(f[4].len), f[4].p);
			else if (dow_full && !dom_full)
				ck_lint_emit(c, CK_R_EXPLICIT_FULL, line,
				    f[CK_FIELD_DOW].col, "write '*'",
				    "day of week \"%.*s\" is not '*' for cron: "
				    "with day of month \"%.*s\" also set the job "
				    "runs every day", (int)f[4].len, f[4].p,
				    qlen(f[2].len), f[2].p);
			else if (!dom_full && !dow_full)
			{
				char dd[64], ww[96];

				/*
				 * A set can be empty (a reversed range some
				 * crons accept): say so rather than leave a
				 * hole in the sentence.
				 */
				day_list(e->dom, dd, sizeof(dd));
				dow_list(e->dow, ww, sizeof(ww));
				ck_lint_emit(c, CK_R_DOM_OR_DOW, line,
				    f[CK_FIELD_DOW].col,
				    "to require both, keep one field and test "
				    "the other in the command, e.g. "
				    "[ \"$(date +\\%u)\" = 1 ] && cmd",
				    "day of month \"%.*s%s\" and day of week "
				    "\"%.*s%s\" are both set: cron runs on days "
				    "matching EITHER (%s%s of the month, and "
				    "%s%s)", qlen(f[2].len), f[2].p,
				    QDOTS(f[2].len), qlen(f[4].len), f[4].p,
				    QDOTS(f[4].len),
				    e->dom != 0 ? "day " : "no day", dd,
				    e->dow != 0 ? "every " : "no day of the week",
				    ww);
			}
		} else if (sdom && !sdow && !dom_full)
			ck_lint_emit(c, CK_R_STAR_STEP_AND, line,
			    f[CK_FIELD_DOM].col,
			    "write 1-31/N to run on days matching either",
			    "day of month \"%.*s\" starts with '*', so cron "
			    "runs only on days matching BOTH it and day of "
			    "week \"%.*s\"", (int)f[2].len, f[2].p,
			    qlen(f[4].len), f[4].p);
		else if (sdow && !sdom && !dow_full)
			ck_lint_emit(c, CK_R_STAR_STEP_AND, line,
			    f[CK_FIELD_DOW].col,
			    "write 0-6/N to run on days matching either",
			    "day of week \"%.*s\" starts with '*', so cron runs "
			    "only on days matching BOTH it and day of month "
			    "\"%.*s\"", (int)f[4].len, f[4].p, qlen(f[2].len),
			    f[2].p);
	}

	/* Fixed-time jobs in 01:00-03:59 meet daylight saving changes. */
	fixed = e->hour & (UINT32_C(7) << 1);
	if (!(e->flags & (CK_SF_MIN_STAR | CK_SF_HR_STAR)) && fixed != 0 &&
	    e->minute != 0 && popcount64(e->hour) <= 3) {
		const char *tz = NULL, *name;
		size_t tzlen = 0, nlen;

		/* The CRON_TZ line in force (tab.c found it). */
		if (job->tz_line != CK_NONE && ck_tab_line_env(c->tab,
		    job->tz_line, &name, &nlen, &tz, &tzlen) == -1)
			tz = NULL;
		if (!(ck_dialect_facts(c->d)->cron_tz && tz != NULL &&
		    (eq_nocase(tz, tzlen, "UTC") ||
		    eq_nocase(tz, tzlen, "Etc/UTC") ||
		    eq_nocase(tz, tzlen, "GMT"))) &&
		    !(tz == NULL && !c->zone_dst)) {
			ck_fmt(buf, sizeof(buf), "%02d:%02d%s",
			    __builtin_ctz(fixed), __builtin_ctzll(e->minute),
			    popcount64(e->hour) > 1 || popcount64(e->minute) >
			    1 ? " (and other times)" : "");
			ck_lint_emit(c, CK_R_DST_WINDOW, line, col,
			    "unless the zone is UTC, pick a time outside "
			    "01:00-03:59",
			    "the job runs at %s, in the hours a daylight "
			    "saving change can skip or repeat", buf);
		}
	}

	/* Portability of the schedule. */
	set = random ? ck_lint_dwhere(c->others, no_random) : 0;
	if (set != 0) {
		char dl[64];

		ck_lint_dlist(set, dl, sizeof(dl));
		ck_lint_emit(c, CK_R_RANDOM, line, col, NULL,
		    "'~' (a random value) is not understood by %s", dl);
		c->ported[li] |= set;
	}
	/* Identity, kept below: the messages name busybox. */
	if (fields && (c->others & CK_DIALECT_BIT(CK_DIALECT_BUSYBOX)) &&
	    busybox_days_differ(c, f, e)) {
		ck_lint_emit(c, CK_R_UNSUPPORTED, line, f[CK_FIELD_DOM].col,
		    NULL,
		    "busybox runs this job on other days: it decides between "
		    "EITHER and BOTH day fields by whether their sets are "
		    "full, and starts a day-of-month '*/N' at 0");
		c->ported[li] |= CK_DIALECT_BIT(CK_DIALECT_BUSYBOX);
	}
	if (fields && (c->others & CK_DIALECT_BIT(CK_DIALECT_BUSYBOX))) {
		for (i = 0; (size_t)i < f[4].len; i++)
			if (f[4].p[i] == '7' && (i == 0 ||
			    !ck_isdigit((unsigned char)f[4].p[i - 1])) &&
			    ((size_t)i + 1 == f[4].len ||
			    !ck_isdigit((unsigned char)f[4].p[i + 1]))) {
				ck_lint_emit(c, CK_R_UNSUPPORTED, line,
				    f[4].col + (unsigned int)i, "write 0",
				    "busybox logs a parse error for day of "
				    "week 7 and runs the job every day");
				break;
			}
	}
	if (e->keyword != CK_KW_NONE &&
	    (c->others & CK_DIALECT_BIT(CK_DIALECT_BUSYBOX))) {
		ck_lint_emit(c, CK_R_UNSUPPORTED, line, col, NULL,
		    "busybox crond understands @keywords only when built with "
		    "FEATURE_CROND_SPECIAL_TIMES, and Debian's build crashes "
		    "on them");
		c->ported[li] |= CK_DIALECT_BIT(CK_DIALECT_BUSYBOX);
	}
	/* Seen with Debian's busybox-static 1.35: crond dies (SIGSEGV). */
	if (e->keyword != CK_KW_NONE && ck_dialect_facts(c->d)->keyword_crashes)
		ck_lint_emit(c, CK_R_UNSUPPORTED, line, col,
		    "write the five fields (@daily is \"0 0 * * *\")",
		    "busybox crond built without '-d' (Debian's busybox 1.35) "
		    "crashes when it reads an @keyword line, and no job of any "
		    "crontab runs; other builds run it only with "
		    "FEATURE_CROND_SPECIAL_TIMES");
}
