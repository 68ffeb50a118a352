/* SPDX-License-Identifier: ISC */
/*
 * build.c - the declarative schedule builder: every / on / during / also /
 * clear / setall / keyword, after python-crontab's CronSlices.
 *
 * The builder keeps one bit set per field plus whether the field "starts
 * with '*'", because cron decides its day-of-month / day-of-week rule (and
 * its daylight-saving treatment of wildcard jobs) from that first
 * character.  The text is produced from the sets: "*", "*\/n", "a-b",
 * "a-b/n" and lists of those, numbers only.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct ck_build {
	uint64_t	 set[CK_FIELD_COUNT];
	bool		 star[CK_FIELD_COUNT];
	enum ck_keyword	 keyword;
};

struct range {
	const char	*name;
	int		 lo;
	int		 hi;	/* highest accepted value (7 for the weekday) */
	int		 top;	/* highest stored value */
};

static const char *const range_names[CK_FIELD_COUNT] = {
	"minute", "hour", "day of month", "month", "day of week"
};

static const char *const unit_names[] = {
	"minutes", "hours", "days", "months", "days of the week", "years"
};

static struct range range_of(enum ck_field);
static uint64_t	 all_of(enum ck_field);
static uint64_t	 bit(enum ck_field, int);
static bool	 bad_field(enum ck_field, ck_error *);
static void	 reset(ck_build *);
static void	 expand_keyword(ck_build *);
static int	 check_values(enum ck_field, const int *, size_t,
		    ck_error *);
static void	 field_text(struct ck_buf *, enum ck_field, uint64_t, bool);
static void	 compact(struct ck_buf *, const int *, int);

/* Field f's name and values (calendar.c). */
static struct range
range_of(enum ck_field f)
{
	struct range r;

	r.name = range_names[f];
	r.lo = ck_field_min(f);
	r.hi = ck_field_max_written(f);
	r.top = ck_field_max(f);
	return r;
}

static uint64_t
all_of(enum ck_field f)
{
	uint64_t x = 0;
	int i;

	for (i = range_of(f).lo; i <= range_of(f).top; i++)
		x |= UINT64_C(1) << i;
	return x;
}

/* The bit for value v; Sunday is stored as 0 also when written 7. */
static uint64_t
bit(enum ck_field f, int v)
{
	if (f == CK_FIELD_DOW && v == 7)
		v = 0;
	return UINT64_C(1) << v;
}

static bool
bad_field(enum ck_field f, ck_error *err)
{
	if ((unsigned int)f < CK_FIELD_COUNT)
		return false;
	ck_error_set(err, CK_EINVAL, 0, 0, "no such field %d", (int)f);
	return true;
}

static void
reset(ck_build *b)
{
	int f;

	for (f = 0; f < CK_FIELD_COUNT; f++) {
		b->set[f] = all_of((enum ck_field)f);
		b->star[f] = true;
	}
	b->keyword = CK_KW_NONE;
}

/* Turn an @keyword into its five fields before a field is changed. */
static void
expand_keyword(ck_build *b)
{
	enum ck_keyword kw = b->keyword;

	reset(b);
	switch (kw) {
	case CK_KW_YEARLY:
	case CK_KW_ANNUALLY:
		b->set[CK_FIELD_MONTH] = bit(CK_FIELD_MONTH, 1);
		b->star[CK_FIELD_MONTH] = false;
		CK_FALLTHROUGH;
	case CK_KW_MONTHLY:
		b->set[CK_FIELD_DOM] = bit(CK_FIELD_DOM, 1);
		b->star[CK_FIELD_DOM] = false;
		CK_FALLTHROUGH;
	case CK_KW_DAILY:
	case CK_KW_MIDNIGHT:
		b->set[CK_FIELD_HOUR] = bit(CK_FIELD_HOUR, 0);
		b->star[CK_FIELD_HOUR] = false;
		CK_FALLTHROUGH;
	case CK_KW_HOURLY:
		b->set[CK_FIELD_MINUTE] = bit(CK_FIELD_MINUTE, 0);
		b->star[CK_FIELD_MINUTE] = false;
		break;
	case CK_KW_WEEKLY:
		b->set[CK_FIELD_MINUTE] = bit(CK_FIELD_MINUTE, 0);
		b->star[CK_FIELD_MINUTE] = false;
		b->set[CK_FIELD_HOUR] = bit(CK_FIELD_HOUR, 0);
		b->star[CK_FIELD_HOUR] = false;
		b->set[CK_FIELD_DOW] = bit(CK_FIELD_DOW, 0);
		b->star[CK_FIELD_DOW] = false;
		break;
	case CK_KW_REBOOT:
	case CK_KW_NONE:
		break;
	}
}

ck_build *
ck_build_new(void)
{
	ck_build *b;

	if ((b = calloc(1, sizeof(*b))) == NULL)
		return NULL;
	reset(b);
	return b;
}

void
ck_build_free(ck_build *b)
{
	free(b);
}

int
ck_build_setall(ck_build *b, const char *expr, size_t len, ck_dialect d,
    ck_error *err)
{
	ck_build nb;
	ck_expr *e;
	size_t i;
	int f;

	if ((e = ck_expr_parse(expr, len, d, err)) == NULL)
		return -1;
	reset(&nb);
	if (e->keyword != CK_KW_NONE) {
		nb.keyword = (enum ck_keyword)e->keyword;
		goto done;
	}
	nb.set[CK_FIELD_MINUTE] = e->minute & all_of(CK_FIELD_MINUTE);
	nb.set[CK_FIELD_HOUR] = e->hour & all_of(CK_FIELD_HOUR);
	nb.set[CK_FIELD_DOM] = e->dom & all_of(CK_FIELD_DOM);
	nb.set[CK_FIELD_MONTH] = e->month & all_of(CK_FIELD_MONTH);
	nb.set[CK_FIELD_DOW] = e->dow & all_of(CK_FIELD_DOW);
	/* Which fields start with '*': the first byte of each field. */
	i = 0;
	for (f = 0; f < CK_FIELD_COUNT; f++) {
		while (i < e->len && ck_isblank(e->text[i]))
			i++;
		nb.star[f] = i < e->len && e->text[i] == '*';
		while (i < e->len && !ck_isblank(e->text[i]))
			i++;
	}
done:
	ck_expr_free(e);
	*b = nb;
	return 0;
}

int
ck_build_every(ck_build *b, unsigned int n, enum ck_unit unit,
    ck_error *err)
{
	static const unsigned int max[] = { 59, 23, 30, 11, 6, 1 };
	static const enum ck_field target[] = { CK_FIELD_MINUTE,
	    CK_FIELD_HOUR, CK_FIELD_DOM, CK_FIELD_MONTH, CK_FIELD_DOW };
	enum ck_field t;
	uint64_t x = 0;
	int f, v, lower;

	if ((unsigned int)unit > CK_UNIT_YEAR)
		return ck_error_set(err, CK_EINVAL, 0, 0, "no such unit %d",
		    (int)unit);
	if (n < 1 || n > max[unit]) {
		if (unit == CK_UNIT_YEAR)
			return ck_error_set(err, CK_ERANGE, 0, 0, "every %u "
			    "years cannot be expressed: cron has no year "
			    "field, only every year", n);
		return ck_error_set(err, CK_ERANGE, 0, 0,
		    "every %u %s out of range 1-%u", n, unit_names[unit],
		    max[unit]);
	}
	reset(b);
	if (unit == CK_UNIT_YEAR) {
		b->keyword = CK_KW_YEARLY;
		return 0;
	}
	t = target[unit];
	/* Day of week is a "day" unit: the day of month stays "*". */
	lower = t == CK_FIELD_DOW ? CK_FIELD_DOM : (int)t;
	for (f = 0; f < lower; f++) {
		b->set[f] = bit((enum ck_field)f, range_of(f).lo);
		b->star[f] = false;
	}
	for (v = range_of(t).lo; v <= range_of(t).top; v += (int)n)
		x |= bit(t, v);
	b->set[t] = x;
	b->star[t] = true;
	return 0;
}

static int
check_values(enum ck_field f, const int *values, size_t n, ck_error *err)
{
	size_t i;

	if (n == 0 || values == NULL)
		return ck_error_set(err, CK_EINVAL, 0, 0,
		    "no values given for the %s", range_of(f).name);
	for (i = 0; i < n; i++)
		if (values[i] < range_of(f).lo || values[i] > range_of(f).hi)
			return ck_error_set(err, CK_ERANGE, 0, 0,
			    "%s %d out of range %d-%d", range_of(f).name,
			    values[i], range_of(f).lo, range_of(f).hi);
	return 0;
}

int
ck_build_on(ck_build *b, enum ck_field f, const int *values, size_t n,
    ck_error *err)
{
	uint64_t x = 0;
	size_t i;

	if (bad_field(f, err) || check_values(f, values, n, err) == -1)
		return -1;
	if (b->keyword != CK_KW_NONE)
		expand_keyword(b);
	for (i = 0; i < n; i++)
		x |= bit(f, values[i]);
	b->set[f] = x;
	b->star[f] = false;
	return 0;
}

int
ck_build_also_on(ck_build *b, enum ck_field f, const int *values, size_t n,
    ck_error *err)
{
	size_t i;

	if (bad_field(f, err) || check_values(f, values, n, err) == -1)
		return -1;
	if (b->keyword != CK_KW_NONE)
		expand_keyword(b);
	if (b->star[f] && b->set[f] == all_of(f))
		return ck_build_on(b, f, values, n, err);
	for (i = 0; i < n; i++)
		b->set[f] |= bit(f, values[i]);
	return 0;
}

int
ck_build_during(ck_build *b, enum ck_field f, int from, int to,
    unsigned int step, ck_error *err)
{
	struct range rv;
	const struct range *r;
	uint64_t x = 0;
	int v;

	if (bad_field(f, err))
		return -1;
	rv = range_of(f);
	r = &rv;
	if (from < r->lo || from > r->hi)
		return ck_error_set(err, CK_ERANGE, 0, 0,
		    "%s %d out of range %d-%d", r->name, from, r->lo, r->hi);
	if (to < r->lo || to > r->hi)
		return ck_error_set(err, CK_ERANGE, 0, 0,
		    "%s %d out of range %d-%d", r->name, to, r->lo, r->hi);
	if (from > to)
		return ck_error_set(err, CK_EINVAL, 0, 0,
		    "%s range %d-%d is reversed", r->name, from, to);
	if (step == 0)
		return ck_error_set(err, CK_EINVAL, 0, 0,
		    "step must be > 0");
	if (step > (unsigned int)(r->hi - r->lo + 1))
		return ck_error_set(err, CK_ERANGE, 0, 0,
		    "step %u out of range 1-%d for the %s", step,
		    r->hi - r->lo + 1, r->name);
	if (b->keyword != CK_KW_NONE)
		expand_keyword(b);
	for (v = from; v <= to; v += (int)step)
		x |= bit(f, v);
	b->set[f] = x;
	b->star[f] = false;
	return 0;
}

void
ck_build_clear(ck_build *b, enum ck_field f)
{
	if ((unsigned int)f >= CK_FIELD_COUNT)
		return;
	if (b->keyword != CK_KW_NONE)
		expand_keyword(b);
	b->set[f] = all_of(f);
	b->star[f] = true;
}

void
ck_build_keyword(ck_build *b, enum ck_keyword kw)
{
	reset(b);
	if ((unsigned int)kw <= CK_KW_HOURLY)
		b->keyword = kw;
}

/*
 * Sorted values v[0..n) as "a-b" runs, "a-b/s" progressions and single
 * values, separated by commas.
 */
static void
compact(struct ck_buf *out, const int *v, int n)
{
	int i = 0, j, s;

	while (i < n) {
		if (i > 0)
			ck_buf_addc(out, ',');
		if (i + 2 < n) {
			s = v[i + 1] - v[i];
			j = i + 1;
			while (j + 1 < n && v[j + 1] - v[j] == s)
				j++;
			if (j - i >= 2) {
				if (s == 1)
					ck_buf_printf(out, "%d-%d", v[i], v[j]);
				else
					ck_buf_printf(out, "%d-%d/%d", v[i],
					    v[j], s);
				i = j + 1;
				continue;
			}
		}
		ck_buf_printf(out, "%d", v[i]);
		i++;
	}
}

static void
field_text(struct ck_buf *out, enum ck_field f, uint64_t x, bool star)
{
	const struct range rv = range_of(f), *r = &rv;
	uint64_t p = 0;
	int v[64], n = 0, i, s;

	if (star) {
		if (x == all_of(f)) {
			ck_buf_addc(out, '*');
			return;
		}
		/*
		 * The largest "*\/s" progression inside the set, then the
		 * values it leaves out.  Every set that started with '*'
		 * holds the field's first value, so s = span always fits.
		 */
		for (s = 2; s <= r->top - r->lo + 1; s++) {
			p = 0;
			for (i = r->lo; i <= r->top; i += s)
				p |= UINT64_C(1) << i;
			if ((x & p) == p)
				break;
		}
		if ((x & p) == p) {
			ck_buf_printf(out, "*/%d", s);
			x &= ~p;
			if (x == 0)
				return;
			ck_buf_addc(out, ',');
		}
	}
	for (i = r->lo; i <= r->top; i++)
		if (x & (UINT64_C(1) << i))
			v[n++] = i;
	compact(out, v, n);
}

char *
ck_build_text(const ck_build *b, ck_error *err)
{
	static const char *const kw[] = {
		[CK_KW_REBOOT] = "@reboot", [CK_KW_YEARLY] = "@yearly",
		[CK_KW_ANNUALLY] = "@annually", [CK_KW_MONTHLY] = "@monthly",
		[CK_KW_WEEKLY] = "@weekly", [CK_KW_DAILY] = "@daily",
		[CK_KW_MIDNIGHT] = "@midnight", [CK_KW_HOURLY] = "@hourly",
	};
	struct ck_buf out = { 0 };
	char *s;
	int f;

	if (b->keyword != CK_KW_NONE)
		ck_buf_adds(&out, kw[b->keyword]);
	else {
		for (f = 0; f < CK_FIELD_COUNT; f++) {
			if (f > 0)
				ck_buf_addc(&out, ' ');
			field_text(&out, (enum ck_field)f, b->set[f],
			    b->star[f]);
		}
	}
	if ((s = ck_buf_take(&out, NULL)) == NULL)
		ck_error_oom(err);
	return s;
}

ck_expr *
ck_build_expr(const ck_build *b, ck_dialect d, ck_error *err)
{
	ck_expr *e;
	char *text;

	if ((text = ck_build_text(b, err)) == NULL)
		return NULL;
	e = ck_expr_parse(text, strlen(text), d, err);
	free(text);
	return e;
}

int
ck_field_value_from_name(enum ck_field f, const char *name, size_t len,
    int *out)
{
	int v;

	if (f == CK_FIELD_MONTH)
		v = ck_month_from_abbr(name, len);
	else if (f == CK_FIELD_DOW)
		v = ck_dow_from_abbr(name, len);
	else
		return -1;
	if (v == -1)
		return -1;
	*out = v;
	return 0;
}

const char *
ck_field_value_name(enum ck_field f, int v, bool full)
{
	if (f == CK_FIELD_MONTH)
		return full ? ck_month_full(v) : ck_month_Abbr(v);
	if (f == CK_FIELD_DOW)
		return full ? ck_dow_full(v) : ck_dow_Abbr(v);
	return NULL;
}
