/* SPDX-License-Identifier: ISC */
/*
 * lint.c - the semantic checks behind `cronkeep check`.
 *
 * The parser (tab.c, expr.c, env.c) reports what is wrong with a line's
 * syntax; this module adds what is legal but probably not meant: schedules
 * that never fire or skip months (found from the bit sets), the day-of-month
 * / day-of-week rule, steps, percent signs, secrets, users, file names and
 * modes, and what another cron would reject or run differently.  The
 * caller passes every fact about the outside world in ck_lint_opts: this
 * file does no I/O.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A set of rule numbers. */
struct rset {
	uint64_t	 w[(CK_R_COUNT + 63) / 64];
};

/* One field of a schedule as written. */
struct field {
	const char	*p;
	size_t		 len;
	unsigned int	 col;		/* 1-based, in the line */
};

/* One list element of a field. */
enum ekind { E_STAR, E_VALUE, E_RANGE, E_RANDOM };
struct elem {
	enum ekind	 kind;
	const char	*p;
	size_t		 len;
	unsigned int	 col;
	int		 a, b;		/* value or range (star: limits) */
	int		 step;		/* 0: none */
	bool		 reversed;	/* a > b as written */
};

struct lctx {
	const ck_tab	*tab;
	const struct ck_lint_opts *o;
	ck_diag_list	*l;		/* everything found, unsorted */
	ck_dialect	 d;
	unsigned int	 others;	/* dialect bits for portability */
	bool		 system;	/* user column */
	bool		 oom;
	size_t		 npre;		/* the parser's findings: first */
	/* per line: dialects an explicit portability check already named */
	unsigned int	*ported;
	/*
	 * The last CRON_TZ line above the line being checked, or
	 * (size_t)-1: kept as the lines go by, so finding a job's zone does
	 * not scan back through the file for every job (ck_tab_getenv()).
	 */
	size_t		 tz_line;
	/* The host's users, hashed (opts' set, or users, or NULL). */
	const ck_userset *users;
	/* Does opts->tz change its offset (zone_has_dst(), once per call)? */
	bool		 zone_dst;
};

/* A field's name in messages; its range is calendar.c's. */
static const char *const field_name[CK_FIELD_COUNT] = {
	"minute", "hour", "day of month", "month", "day of week"
};

static const ck_dialect real_dialects[] = { CK_DIALECT_DEBIAN,
	CK_DIALECT_CRONIE, CK_DIALECT_OPENBSD, CK_DIALECT_BUSYBOX };
#define NREAL (sizeof(real_dialects) / sizeof(real_dialects[0]))

/* ---- small helpers ---- */

static void
rset_add(struct rset *s, unsigned int r)
{
	if (r < CK_R_COUNT)
		s->w[r / 64] |= UINT64_C(1) << (r % 64);
}

static bool
rset_has(const struct rset *s, unsigned int r)
{
	return r < CK_R_COUNT && (s->w[r / 64] >> (r % 64) & 1) != 0;
}

/* hint_static: hint is a string literal, kept without a copy. */
static int
emitv(struct lctx *c, unsigned int rule, int sev, unsigned int line,
    unsigned int col, const char *hint, bool hint_static, const char *fmt,
    va_list ap)
{
	const struct ck_rule *r = ck_rule_get(rule);
	int rc;

	if (sev < 0)
		sev = r != NULL ? (int)r->severity : CK_SEV_ERROR;
	if (hint_static)
		rc = ck_diag_addv_static(c->l, rule, (ck_severity)sev, line,
		    col, hint, fmt, ap);
	else
		rc = ck_diag_addv(c->l, rule, (ck_severity)sev, line, col,
		    hint, fmt, ap);
	if (rc == -1) {
		c->oom = true;
		return -1;
	}
	return 0;
}

/* Report rule at its default severity.  hint: a string literal or NULL. */
static int __attribute__((format(printf, 6, 7)))
emit(struct lctx *c, unsigned int rule, unsigned int line, unsigned int col,
    const char *hint, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = emitv(c, rule, -1, line, col, hint, true, fmt, ap);
	va_end(ap);
	return rc;
}

/* Report rule at severity sev.  hint: a string literal or NULL. */
static int __attribute__((format(printf, 7, 8)))
emit_sev(struct lctx *c, unsigned int rule, ck_severity sev, unsigned int line,
    unsigned int col, const char *hint, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = emitv(c, rule, (int)sev, line, col, hint, true, fmt, ap);
	va_end(ap);
	return rc;
}

/* Report rule at severity sev (-1: its default) with a hint made here. */
static int __attribute__((format(printf, 7, 8)))
emit_hint(struct lctx *c, unsigned int rule, int sev, unsigned int line,
    unsigned int col, const char *hint, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = emitv(c, rule, sev, line, col, hint, false, fmt, ap);
	va_end(ap);
	return rc;
}

/*
 * Whether rule was already reported on line: the parser's findings (a
 * prefix of the list, in line order) by binary search, lint's own from the
 * end (they are made line by line).
 */
static bool
has_diag(const struct lctx *c, unsigned int line, unsigned int rule)
{
	size_t lo = 0, hi = c->npre, mid, i;

	for (i = c->l->n; i > c->npre; i--) {
		if (c->l->v[i - 1].line == line && c->l->v[i - 1].rule == rule)
			return true;
		if (c->l->v[i - 1].line < line && c->l->v[i - 1].line != 0)
			break;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->l->v[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < c->npre && c->l->v[i].line == line; i++)
		if (c->l->v[i].rule == rule)
			return true;
	return false;
}

/* 1-based column of p in line l (1 when p is not inside the line). */
static unsigned int
col_of(const struct ck_line *l, const char *p)
{
	if (p == NULL || p < l->p || p > l->p + l->len)
		return 1;
	return (unsigned int)(p - l->p) + 1;
}

/*
 * Quote text for a message: at most 40 bytes, then "...".  The CLI escapes
 * control characters when it prints.
 */
static int
qlen(size_t len)
{
	return len > 40 ? 40 : (int)len;
}
#define QDOTS(len)	((len) > 40 ? "..." : "")

static bool
eq_nocase(const char *a, size_t alen, const char *b)
{
	size_t i;

	if (strlen(b) != alen)
		return false;
	for (i = 0; i < alen; i++)
		if (ck_tolower((unsigned char)a[i]) !=
		    ck_tolower((unsigned char)b[i]))
			return false;
	return true;
}

static bool
has_nocase(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (eq_nocase(s + i, n, needle))
			return true;
	return false;
}

/*
 * Does the zone the jobs run in (opts->tz) change its offset around the
 * lint year (or 2026)?  Unknown zone: yes, the note stays.  Two instants
 * a year, January and July, over three years.
 */
static bool
zone_has_dst(const struct ck_lint_opts *o)
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

static int
popcount64(uint64_t v)
{
	int n = 0;

	for (; v != 0; v &= v - 1)
		n++;
	return n;
}

static const char *
dname(ck_dialect d)
{
	return ck_dialect_name(d);
}

/* "debian and busybox" for a set of dialects, into buf. */
static const char *
dlist(unsigned int set, char *buf, size_t size)
{
	size_t i, n = 0, k = 0;

	buf[0] = '\0';
	for (i = 0; i < NREAL; i++)
		if (set & CK_DIALECT_BIT(real_dialects[i]))
			n++;
	for (i = 0; i < NREAL; i++) {
		if (!(set & CK_DIALECT_BIT(real_dialects[i])))
			continue;
		if (k > 0)
			strlcat(buf, k + 1 == n ? " and " : ", ", size);
		strlcat(buf, dname(real_dialects[i]), size);
		k++;
	}
	return buf;
}

/* ---- fields and elements ---- */

/*
 * Split the five fields of a job's schedule.  The schedule text is the
 * parser's (e->text); its column comes from where it sits in the line.
 * @return false for an @keyword or text that is not five fields.
 */
static bool
split_fields(const struct ck_line *l, const struct ck_expr *e,
    struct field f[CK_FIELD_COUNT])
{
	const char *p, *end, *start;
	unsigned int col0;
	int i;

	if (e->keyword != CK_KW_NONE || e->text == NULL)
		return false;
	p = e->text;
	end = p + e->len;
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
	start = p;
	for (i = 0; i < CK_FIELD_COUNT; i++) {
		const char *s;

		while (p < end && ck_isblank((unsigned char)*p))
			p++;
		if (p >= end)
			return false;
		s = p;
		while (p < end && !ck_isblank((unsigned char)*p))
			p++;
		f[i].p = s;
		f[i].len = (size_t)(p - s);
	}
	for (i = 0; i < CK_FIELD_COUNT; i++)
		f[i].col = col0 + (unsigned int)(f[i].p - start);
	return true;
}

/* value = 1*DIGIT | name.  @return the length read, 0 for none. */
static size_t
read_value(const char *p, size_t len, int field, int *v)
{
	size_t i = 0;
	long n = 0;
	int k;

	if (len > 0 && ck_isdigit((unsigned char)p[0])) {
		while (i < len && ck_isdigit((unsigned char)p[i])) {
			if (n < 100000)
				n = n * 10 + (p[i] - '0');
			i++;
		}
		*v = (int)n;
		return i;
	}
	if (len < 3 || (field != CK_FIELD_MONTH && field != CK_FIELD_DOW))
		return 0;
	if (len > 3 && ck_isalpha((unsigned char)p[3]))
		return 0;
	k = field == CK_FIELD_MONTH ? ck_month_from_abbr(p, 3) :
	    ck_dow_from_abbr(p, 3);
	if (k == -1)
		return 0;
	*v = k;
	return 3;
}

/*
 * element = "*" ["/" step] | value ["-" value ["/" step]]
 *         | [value] "~" [value]
 * @return false for anything else (the parser reports it).
 */
static bool
parse_elem(const char *p, size_t len, int field, struct elem *e)
{
	size_t i = 0, n;
	int v;

	memset(e, 0, sizeof(*e));
	e->p = p;
	e->len = len;
	e->a = ck_field_min(field);
	e->b = ck_field_max_written(field);
	if (field == CK_FIELD_DOW)
		e->b = 6;
	if (len > 0 && p[0] == '*') {
		e->kind = E_STAR;
		i = 1;
	} else if (len > 0 && p[0] == '~') {
		e->kind = E_RANDOM;
		i = 1;
		if (i < len && (n = read_value(p + i, len - i, field, &v)) > 0)
			i += n;
		return i == len;
	} else {
		if ((n = read_value(p, len, field, &v)) == 0)
			return false;
		i = n;
		e->kind = E_VALUE;
		e->a = e->b = v;
		if (i < len && p[i] == '~') {
			e->kind = E_RANDOM;
			i++;
			if (i < len &&
			    (n = read_value(p + i, len - i, field, &v)) > 0)
				i += n;
			return i == len;
		}
		if (i < len && p[i] == '-') {
			i++;
			if ((n = read_value(p + i, len - i, field, &v)) == 0)
				return false;
			i += n;
			e->kind = E_RANGE;
			e->b = v;
			e->reversed = e->a > e->b;
		}
	}
	if (i < len && p[i] == '/') {
		if (e->kind == E_VALUE)
			return false;
		i++;
		n = 0;
		v = 0;
		while (i < len && ck_isdigit((unsigned char)p[i])) {
			if (v < 100000)
				v = v * 10 + (p[i] - '0');
			i++;
			n++;
		}
		if (n == 0 || v == 0)
			return false;
		e->step = v;
	}
	return i == len;
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

	if (e->kind == E_RANDOM)
		return 0;
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

/* ---- field-level rules: steps, duplicates, wrapping weekdays, ~ ---- */

static void
check_field(struct lctx *c, unsigned int line, int field,
    const struct field *f, bool *random)
{
	struct elem e;
	uint64_t acc = 0, bits, dup;
	const char *p = f->p, *end = f->p + f->len, *s;
	int span, last, gap, unit_max, dupv;
	char buf[64];

	for (;;) {
		s = p;
		while (p < end && *p != ',')
			p++;
		if (!parse_elem(s, (size_t)(p - s), field, &e))
			return;
		e.col = f->col + (unsigned int)(s - f->p);
		/* busybox stops reading the weekdays at a 7 (expr.c). */
		if (c->d == CK_DIALECT_BUSYBOX && field == CK_FIELD_DOW &&
		    e.kind != E_STAR && e.b == 7)
			return;
		if (e.kind == E_RANDOM)
			*random = true;
		bits = elem_bits(&e, field);
		dup = bits & acc;
		if (dup != 0 && e.kind != E_RANDOM) {
			for (dupv = 0; !(dup >> dupv & 1); dupv++)
				;
			if (field == CK_FIELD_DOW && dupv == 0)
				emit(c, CK_R_DUPLICATE_VALUE, line, e.col,
				    "list Sunday once", "day of week \"%.*s%s\" "
				    "selects Sunday twice: 0 and 7 are both "
				    "Sunday", qlen(f->len), f->p,
				    QDOTS(f->len));
			else
				emit(c, CK_R_DUPLICATE_VALUE, line, e.col, NULL,
				    "%s \"%.*s%s\" selects %d more than once",
				    field_name[field], qlen(f->len), f->p,
				    QDOTS(f->len), dupv);
		}
		acc |= bits;
		if (field == CK_FIELD_DOW && e.kind == E_RANGE && e.reversed &&
		    e.b == 0 && c->d != CK_DIALECT_BUSYBOX)
			emit(c, CK_R_REVERSED_DOW, line, e.col,
			    "write an ascending range ending in 7, such as 5-7",
			    "day of week range \"%.*s\" wraps past Saturday: "
			    "debian and cronie read it as %d-7, openbsd "
			    "rejects it", (int)e.len, e.p, e.a);
		if (e.step == 0)
			goto next;
		/* A huge step is the int the dialect's cron makes of it. */
		if (ck_dialect_wraps_ints(c->d) && (s = memchr(e.p, '/',
		    e.len)) != NULL) {
			bool exact;
			int32_t w = ck_cron_int(s + 1, (size_t)(e.p + e.len -
			    s - 1), &exact);

			if (w <= 0)
				goto next;	/* an error (expr.c) */
			if (w != e.step && w < 100000)
				e.step = w;
		}
		/* a-b/n where a + n > b: one value. */
		last = e.kind == E_STAR ? ck_field_max_written(field) : e.b;
		if (field == CK_FIELD_DOW && e.kind == E_STAR)
			last = 6;
		if (!e.reversed && e.a + e.step > last) {
			/* The step as written: huge ones are kept cut. */
			const char *sl = memchr(e.p, '/', e.len);
			int sn = sl != NULL ? (int)(e.p + e.len - sl - 1) : 0;

			emit(c, CK_R_STEP_TOO_BIG, line, e.col, NULL,
			    "step %.*s in \"%.*s\" is larger than the range: "
			    "only %d is selected", sn, sl != NULL ? sl + 1 : "",
			    (int)e.len, e.p, e.a);
			goto next;
		}
		/* Steps over a whole cyclic field restart at the wrap. */
		if (e.a != ck_field_min(field) || last < (field == CK_FIELD_DOW ?
		    6 : ck_field_max_written(field)) || e.step < 2)
			goto next;
		if (field == CK_FIELD_DOM) {
			for (last = e.a; last + e.step <= 31; last += e.step)
				;
			emit(c, CK_R_UNEVEN_STEP, line, e.col, NULL,
			    "day of month \"%.*s\" restarts on the 1st of each "
			    "month: after day %d (in months that have it) "
			    "comes the 1st", (int)e.len, e.p, last);
			goto next;
		}
		unit_max = field == CK_FIELD_DOW ? 6 : ck_field_max_written(field);
		span = unit_max - ck_field_min(field) + 1;
		if (span % e.step == 0)
			goto next;
		for (last = e.a; last + e.step <= unit_max; last += e.step)
			;
		gap = ck_field_min(field) + span - last;
		ck_fmt(buf, sizeof(buf), "%d %s%s", gap, field ==
		    CK_FIELD_MINUTE ? "minute" : field == CK_FIELD_HOUR ?
		    "hour" : field == CK_FIELD_MONTH ? "month" : "day",
		    gap == 1 ? "" : "s");
		emit(c, CK_R_UNEVEN_STEP, line, e.col,
		    "choose a step that divides the range, or list the values",
		    "step %d does not divide %d: %s \"%.*s\" runs at %d and then "
		    "at %d, %s later", e.step, span, field_name[field],
		    (int)e.len, e.p, last, ck_field_min(field), buf);
next:
		if (p == end)
			break;
		p++;
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
	    has_diag(c, line, CK_R_REVERSED_RANGE))
		return;
	if (e->minute == 0 || e->hour == 0 || e->month == 0) {
		emit(c, CK_R_NEVER_FIRES, line, col, NULL,
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
		valid = (uint32_t)(((UINT64_C(1) << (ck_days_in_month_max(m) + 1)) - 1) &
		    ~UINT64_C(1));
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
			emit(c, CK_R_NEVER_FIRES, line, col, NULL,
			    "the schedule never fires: no chosen month has "
			    "day %s and no weekday is chosen", dbuf);
		} else if (!any && e->dom != 0) {
			day_list(e->dom, dbuf, sizeof(dbuf));
			month_list(chosen, mbuf, sizeof(mbuf));
			emit(c, CK_R_SKIPS_MONTHS, line, col, NULL,
			    "%s never has day %s: only the day-of-week part of "
			    "the schedule ever fires", mbuf, dbuf);
		}
		return;
	}
	if (!any || e->dow == 0) {
		day_list(e->dom, dbuf, sizeof(dbuf));
		month_list(chosen, mbuf, sizeof(mbuf));
		if (e->dow == 0)
			emit(c, CK_R_NEVER_FIRES, line, col, NULL,
			    "the schedule never fires: the day-of-week field "
			    "selects nothing");
		else
			emit(c, CK_R_NEVER_FIRES, line, col,
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
		emit_hint(c, CK_R_SKIPS_MONTHS, -1, line, col,
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
		emit(c, CK_R_SKIPS_MONTHS, line, col, NULL,
		    "the job never runs in %s, which %s no day %s", mbuf,
		    popcount64(skipped) > 1 ? "have" : "has", dbuf);
	}
	if ((chosen >> 2 & 1) && dates[2] == UINT32_C(1) << 29)
		emit(c, CK_R_SKIPS_MONTHS, line, col, NULL,
		    "in February the job runs only in leap years (day 29)");
}

/*
 * The day-of-month / day-of-week rule of busybox, compared with Vixie's
 * over every (month, day, weekday): busybox calls a field restricted when
 * its bitmap is not full (its day-of-month '*' also fills slot 0, so a
 * step from '*' starts at 0) and then matches either restricted field.
 */
static bool
busybox_days_differ(const struct field *f, const struct ck_expr *e)
{
	struct elem el;
	uint64_t bdom = 0, bdow = 0;
	const char *p, *end, *s;
	bool rdom, rdow, and_mode, vx, bb;
	int m, d, w, field;

	for (field = CK_FIELD_DOM; field <= CK_FIELD_DOW; field += 2) {
		p = f[field].p;
		end = p + f[field].len;
		for (;;) {
			s = p;
			while (p < end && *p != ',')
				p++;
			if (!parse_elem(s, (size_t)(p - s), field, &el))
				return false;
			if (field == CK_FIELD_DOM && el.kind == E_STAR)
				el.a = 0;
			if (field == CK_FIELD_DOM)
				bdom |= elem_bits(&el, field);
			else
				bdow |= elem_bits(&el, field);
			if (p == end)
				break;
			p++;
		}
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

static void
check_schedule(struct lctx *c, size_t li, const struct ck_job *job)
{
	const struct ck_line *l = &c->tab->lines[li];
	const struct ck_expr *e = &job->expr;
	struct field f[CK_FIELD_COUNT];
	unsigned int line = (unsigned int)li + 1, col;
	bool fields, random = false, dom_full, dow_full;
	int i;
	char buf[32];
	uint32_t fixed;

	fields = split_fields(l, e, f);
	col = fields ? f[0].col : col_of(l, e->text);
	if (e->flags & CK_SF_REBOOT)
		return;
	check_days(c, line, fields ? f[CK_FIELD_DOM].col : col, e);
	if (fields)
		for (i = 0; i < CK_FIELD_COUNT; i++)
			check_field(c, line, i, &f[i], &random);

	if (e->minute == CK_MINUTE_ALL && e->hour != CK_HOUR_ALL &&
	    e->keyword == CK_KW_NONE && fields)
		emit(c, CK_R_HOURS_NOT_MINUTES, line, f[0].col,
		    "write 0 (or another minute) to run once in the hour",
		    "minute \"%.*s\" with hour \"%.*s%s\" runs every minute of "
		    "that hour, 60 times", (int)f[0].len, f[0].p,
		    qlen(f[1].len), f[1].p, QDOTS(f[1].len));
	if (e->minute == CK_MINUTE_ALL && e->hour == CK_HOUR_ALL)
		emit(c, CK_R_EVERY_MINUTE, line, col,
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
				emit(c, CK_R_EXPLICIT_FULL, line,
				    f[CK_FIELD_DOM].col, "write '*'",
				    "day of month \"%.*s\" is not '*' for cron: "
				    "with day of week \"%.*s\" also set the job "
				    "runs every day", (int)f[2].len, f[2].p,
				    qlen(f[4].len), f[4].p);
			else if (dow_full && !dom_full)
				emit(c, CK_R_EXPLICIT_FULL, line,
				    f[CK_FIELD_DOW].col, "write '*'",
				    "day of week \"%.*s\" is not '*' for cron: "
				    "with day of month \"%.*s\" also set the job "
				    "runs every day", (int)f[4].len, f[4].p,
				    qlen(f[2].len), f[2].p);
			else if (!dom_full && !dow_full)
			{
				char dd[64], ww[96];

				day_list(e->dom, dd, sizeof(dd));
				dow_list(e->dow, ww, sizeof(ww));
				emit(c, CK_R_DOM_OR_DOW, line,
				    f[CK_FIELD_DOW].col,
				    "to require both, keep one field and test "
				    "the other in the command, e.g. "
				    "[ \"$(date +\\%u)\" = 1 ] && cmd",
				    "day of month \"%.*s%s\" and day of week "
				    "\"%.*s%s\" are both set: cron runs on days "
				    "matching EITHER (day %s of the month, and "
				    "every %s)", qlen(f[2].len), f[2].p,
				    QDOTS(f[2].len), qlen(f[4].len), f[4].p,
				    QDOTS(f[4].len), dd, ww);
			}
		} else if (sdom && !sdow && !dom_full)
			emit(c, CK_R_STAR_STEP_AND, line, f[CK_FIELD_DOM].col,
			    "write 1-31/N to run on days matching either",
			    "day of month \"%.*s\" starts with '*', so cron "
			    "runs only on days matching BOTH it and day of "
			    "week \"%.*s\"", (int)f[2].len, f[2].p,
			    qlen(f[4].len), f[4].p);
		else if (sdow && !sdom && !dow_full)
			emit(c, CK_R_STAR_STEP_AND, line, f[CK_FIELD_DOW].col,
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

		if (c->tz_line != (size_t)-1 && ck_tab_line_env(c->tab,
		    c->tz_line, &name, &nlen, &tz, &tzlen) == -1)
			tz = NULL;
		if (!(c->d == CK_DIALECT_CRONIE && tz != NULL &&
		    (eq_nocase(tz, tzlen, "UTC") ||
		    eq_nocase(tz, tzlen, "Etc/UTC") ||
		    eq_nocase(tz, tzlen, "GMT"))) &&
		    !(tz == NULL && !c->zone_dst)) {
			ck_fmt(buf, sizeof(buf), "%02d:%02d%s",
			    __builtin_ctz(fixed), __builtin_ctzll(e->minute),
			    popcount64(e->hour) > 1 || popcount64(e->minute) >
			    1 ? " (and other times)" : "");
			emit(c, CK_R_DST_WINDOW, line, col,
			    "unless the zone is UTC, pick a time outside "
			    "01:00-03:59",
			    "the job runs at %s, in the hours a daylight "
			    "saving change can skip or repeat", buf);
		}
	}

	/* Portability of the schedule. */
	if (random && (c->others & (CK_DIALECT_BIT(CK_DIALECT_DEBIAN) |
	    CK_DIALECT_BIT(CK_DIALECT_BUSYBOX)))) {
		char dl[64];

		dlist(c->others & (CK_DIALECT_BIT(CK_DIALECT_DEBIAN) |
		    CK_DIALECT_BIT(CK_DIALECT_BUSYBOX)), dl, sizeof(dl));
		emit(c, CK_R_RANDOM, line, col, NULL,
		    "'~' (a random value) is not understood by %s", dl);
		c->ported[li] |= c->others & (CK_DIALECT_BIT(CK_DIALECT_DEBIAN)
		    | CK_DIALECT_BIT(CK_DIALECT_BUSYBOX));
	}
	if (fields && (c->others & CK_DIALECT_BIT(CK_DIALECT_BUSYBOX)) &&
	    busybox_days_differ(f, e)) {
		emit(c, CK_R_UNSUPPORTED, line, f[CK_FIELD_DOM].col, NULL,
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
				emit(c, CK_R_UNSUPPORTED, line,
				    f[4].col + (unsigned int)i, "write 0",
				    "busybox logs a parse error for day of "
				    "week 7 and runs the job every day");
				break;
			}
	}
	if (e->keyword != CK_KW_NONE &&
	    (c->others & CK_DIALECT_BIT(CK_DIALECT_BUSYBOX))) {
		emit(c, CK_R_UNSUPPORTED, line, col, NULL,
		    "busybox crond understands @keywords only when built with "
		    "FEATURE_CROND_SPECIAL_TIMES, and Debian's build crashes "
		    "on them");
		c->ported[li] |= CK_DIALECT_BIT(CK_DIALECT_BUSYBOX);
	}
	/* Seen with Debian's busybox-static 1.35: crond dies (SIGSEGV). */
	if (e->keyword != CK_KW_NONE && c->d == CK_DIALECT_BUSYBOX)
		emit(c, CK_R_UNSUPPORTED, line, col,
		    "write the five fields (@daily is \"0 0 * * *\")",
		    "busybox crond built without '-d' (Debian's busybox 1.35) "
		    "crashes when it reads an @keyword line, and no job of any "
		    "crontab runs; other builds run it only with "
		    "FEATURE_CROND_SPECIAL_TIMES");
}

/* ---- the command ---- */

/* Whether the command name b (a last path component) is one of names. */
static bool
word_is(const char *b, size_t len, const char *const *names)
{
	if (len == 0)
		return false;
	/*
	 * Called for every word of every command: reject on the first
	 * byte, and compare without strlen() of each name.
	 */
	for (; *names != NULL; names++)
		if ((*names)[0] == b[0] && strncmp(*names, b, len) == 0 &&
		    (*names)[len] == '\0')
			return true;
	return false;
}

static bool
secret_value(const char *v, size_t len)
{
	if (len == 0)
		return false;
	if (v[0] == '$' || v[0] == '`' || v[0] == '<')
		return false;
	if (len >= 2 && (v[0] == '"' || v[0] == '\'') && v[1] == '$')
		return false;
	return true;
}

/* Whether needle (not empty) occurs in s[0..len). */
static bool
contains(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	const char *p = s, *end = s + len;

	while ((size_t)(end - p) >= n &&
	    (p = memchr(p, needle[0], (size_t)(end - p) - n + 1)) != NULL) {
		if (memcmp(p, needle, n) == 0)
			return true;
		p++;
	}
	return false;
}

/*
 * Whether find_secret() can find anything: every form it knows needs an
 * '=' (NAME=value, --password=...), an '@' after "://" (scheme://user:
 * pass@host) or one of the programs it follows (mysql, mariadb, sshpass,
 * curl).  Most commands have none, and memchr(3) rules them out in a few
 * words.
 */
static bool
may_hold_secret(const char *cmd, size_t len)
{
	return memchr(cmd, '=', len) != NULL ||
	    (memchr(cmd, '@', len) != NULL && contains(cmd, len, "://")) ||
	    contains(cmd, len, "curl") || contains(cmd, len, "mysql") ||
	    contains(cmd, len, "mariadb") || contains(cmd, len, "sshpass");
}

/*
 * A password in the command: returns the offset of the word that holds it
 * and fills what (e.g. "PGPASSWORD=***").
 */
static bool
find_secret(const char *cmd, size_t len, size_t *at, char *what, size_t wsize)
{
	static const char *const mysql[] = { "mysql", "mysqldump",
		"mysqladmin", "mysqlcheck", "mysqlimport", "mysqlshow",
		"mysqlpump", "mariadb", "mariadb-dump", "mariadb-admin", NULL };
	static const char *const sshpass[] = { "sshpass", NULL };
	static const char *const curl[] = { "curl", NULL };
	static const char *const keys[] = { "PASSWORD", "PASSWD", "_PWD",
		"SECRET", "TOKEN", "API_KEY", "APIKEY", NULL };
	const char *p = cmd, *end = cmd + len, *w, *eq, *u, *at_sign, *colon;
	const char *base;
	size_t wl, i, bl;
	bool in_mysql = false, in_sshpass = false, in_curl = false;
	int want = 0;	/* 1: next word is sshpass's, 2: curl's -u */

	while (p < end) {
		while (p < end && ck_isblank((unsigned char)*p))
			p++;
		w = base = p;
		/* The word, and where its last path component starts. */
		for (; p < end && !ck_isblank((unsigned char)*p); p++)
			if (*p == '/')
				base = p + 1;
		wl = (size_t)(p - w);
		if (wl == 0)
			break;
		/* Strip quotes around the word for the checks. */
		while (wl > 0 && (*w == '"' || *w == '\'')) {
			w++;
			wl--;
		}
		while (wl > 0 && (w[wl - 1] == '"' || w[wl - 1] == '\''))
			wl--;
		*at = (size_t)(w - cmd);
		if (want == 1 && secret_value(w, wl)) {
			ck_fmt(what, wsize, "sshpass -p ***");
			return true;
		}
		if (want == 2 && (colon = memchr(w, ':', wl)) != NULL &&
		    secret_value(colon + 1, wl - (size_t)(colon + 1 - w))) {
			ck_fmt(what, wsize, "curl -u %.*s:***",
			    qlen((size_t)(colon - w)), w);
			return true;
		}
		want = 0;
		/* The last path component (quotes stripped), for the lists. */
		if (base < w)
			base = w;
		bl = base < w + wl ? wl - (size_t)(base - w) : 0;
		switch (bl > 0 ? *base : 0) {
		case 'm':
			in_mysql |= word_is(base, bl, mysql);
			break;
		case 's':
			in_sshpass |= word_is(base, bl, sshpass);
			break;
		case 'c':
			in_curl |= word_is(base, bl, curl);
			break;
		}
		/* NAME=value with a secret-sounding name. */
		if ((eq = memchr(w, '=', wl)) != NULL && eq > w &&
		    (ck_isalpha((unsigned char)*w) || *w == '_')) {
			bool ident = true;

			for (u = w; u < eq; u++)
				if (!ck_isalnum((unsigned char)*u) && *u != '_')
					ident = false;
			/* SECRET_FILE=/path names where the secret is. */
			if (has_nocase(w, (size_t)(eq - w), "FILE") ||
			    has_nocase(w, (size_t)(eq - w), "PATH") ||
			    has_nocase(w, (size_t)(eq - w), "DIR"))
				ident = false;
			for (i = 0; ident && keys[i] != NULL; i++)
				if (has_nocase(w, (size_t)(eq - w), keys[i]) &&
				    secret_value(eq + 1,
				    wl - (size_t)(eq + 1 - w))) {
					ck_fmt(what, wsize, "%.*s=***",
					    qlen((size_t)(eq - w)), w);
					return true;
				}
		}
		/* --password=..., --token=... (not --password-file=...). */
		if (wl > 2 && w[0] == '-' && w[1] == '-' &&
		    (eq = memchr(w, '=', wl)) != NULL &&
		    (has_nocase(w, (size_t)(eq - w), "pass") ||
		    has_nocase(w, (size_t)(eq - w), "secret") ||
		    has_nocase(w, (size_t)(eq - w), "token")) &&
		    !has_nocase(w, (size_t)(eq - w), "file") &&
		    !has_nocase(w, (size_t)(eq - w), "env") &&
		    secret_value(eq + 1, wl - (size_t)(eq + 1 - w))) {
			if (!in_curl ||
			    !has_nocase(w, (size_t)(eq - w), "user")) {
				ck_fmt(what, wsize, "%.*s=***",
				    qlen((size_t)(eq - w)), w);
				return true;
			}
		}
		if (in_mysql && wl > 2 && w[0] == '-' && w[1] == 'p' &&
		    secret_value(w + 2, wl - 2)) {
			ck_fmt(what, wsize, "-p***");
			return true;
		}
		if (in_sshpass && wl == 2 && memcmp(w, "-p", 2) == 0)
			want = 1;
		else if (in_sshpass && wl > 2 && memcmp(w, "-p", 2) == 0 &&
		    secret_value(w + 2, wl - 2)) {
			ck_fmt(what, wsize, "sshpass -p***");
			return true;
		}
		if (in_curl && ((wl == 2 && memcmp(w, "-u", 2) == 0) ||
		    (wl == 6 && memcmp(w, "--user", 6) == 0)))
			want = 2;
		else if (in_curl && ((wl > 2 && memcmp(w, "-u", 2) == 0) ||
		    (wl > 7 && memcmp(w, "--user=", 7) == 0))) {
			u = w + (w[1] == 'u' ? 2 : 7);
			if ((colon = memchr(u, ':', wl - (size_t)(u - w))) !=
			    NULL && secret_value(colon + 1,
			    wl - (size_t)(colon + 1 - w))) {
				ck_fmt(what, wsize, "curl -u %.*s:***",
				    qlen((size_t)(colon - u)), u);
				return true;
			}
		}
		/* scheme://user:password@host */
		for (u = w; u + 3 <= w + wl &&
		    (u = memchr(u, ':', (size_t)(w + wl - u))) != NULL &&
		    u + 3 <= w + wl; u++) {
			const char *host, *q;

			if (u[1] != '/' || u[2] != '/')
				continue;
			host = u + 3;
			q = host;
			at_sign = NULL;
			while (q < w + wl && *q != '/') {
				if (*q == '@')
					at_sign = q;
				q++;
			}
			if (at_sign == NULL)
				break;
			colon = memchr(host, ':', (size_t)(at_sign - host));
			if (colon != NULL && colon + 1 < at_sign &&
			    secret_value(colon + 1,
			    (size_t)(at_sign - colon - 1))) {
				ck_fmt(what, wsize, "%.*s:***@...",
				    qlen((size_t)(colon - w)), w);
				return true;
			}
			break;
		}
	}
	return false;
}

/* The bytes check_command() looks at in a command. */
static const unsigned char cmd_special[256] = {
	['\\'] = 1, ['\''] = 1, ['"'] = 1, ['%'] = 1, ['#'] = 1
};

/* Whether any of the eight bytes in x is one of \\ ' " % #. */
static inline bool
special8(uint64_t x)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t high = UINT64_C(0x8080808080808080);
	uint64_t a = x ^ (ones * '\\'), b = x ^ (ones * '\''),
	    q = x ^ (ones * '"'), d = x ^ (ones * '%'), h = x ^ (ones * '#');

	/* A zero byte in a, b, q, d or h: that byte matched. */
	return (((a - ones) & ~a) | ((b - ones) & ~b) | ((q - ones) & ~q) |
	    ((d - ones) & ~d) | ((h - ones) & ~h)) & high;
}

static void
check_command(struct lctx *c, size_t li, const struct ck_job *job)
{
	const struct ck_line *l = &c->tab->lines[li];
	const char *cmd = job->cmd, *end, *p;
	unsigned int line = (unsigned int)li + 1, ccol;
	char quote = 0, what[96];
	size_t at;
	bool percent = false;

	if (cmd == NULL || job->cmd_len == 0)
		return;
	end = cmd + job->cmd_len;
	ccol = col_of(l, cmd);
	for (p = cmd; p < end; p++) {
		/*
		 * Most bytes are none of \\ ' " % #: eight at a time while
		 * none is, then one test a byte.
		 */
		while (end - p >= 8) {
			uint64_t x;

			memcpy(&x, p, 8);
			if (special8(x))
				break;
			p += 8;
		}
		if (p == end)
			break;
		if (!cmd_special[(unsigned char)*p])
			continue;
		if (*p == '\\' && p + 1 < end && p[1] == '%') {
			p++;
			continue;
		}
		if (quote == 0 && (*p == '\'' || *p == '"')) {
			quote = *p;
			continue;
		}
		if (quote != 0 && *p == quote) {
			quote = 0;
			continue;
		}
		if (*p == '%') {
			percent = true;
			if (quote != 0)
				emit(c, CK_R_PERCENT_QUOTED, line,
				    ccol + (unsigned int)(p - cmd),
				    "write \\% for a literal percent",
				    "'%%' inside quotes in \"%.*s%s\" still ends "
				    "the command: cron handles it before the "
				    "shell sees the quotes", qlen(job->cmd_len),
				    cmd, QDOTS(job->cmd_len));
			else
				emit(c, CK_R_BARE_PERCENT, line,
				    ccol + (unsigned int)(p - cmd),
				    "write \\% for a literal percent",
				    "unescaped '%%' in \"%.*s%s\": cron ends the "
				    "command there and sends the rest to its "
				    "standard input", qlen(job->cmd_len), cmd,
				    QDOTS(job->cmd_len));
			break;
		}
		if (*p == '#' && quote == 0 && p > cmd &&
		    ck_isblank((unsigned char)p[-1]) && !percent) {
			emit(c, CK_R_INLINE_COMMENT, line,
			    ccol + (unsigned int)(p - cmd),
			    "put the comment on its own line above the job",
			    "\"%.*s%s\" is passed to the shell with the command: "
			    "cron has no trailing comments",
			    qlen((size_t)(end - p)), p,
			    QDOTS((size_t)(end - p)));
			/* Keep looking for a '%' after the comment. */
		}
	}
	if (job->marker == CK_MARKER_PYTHON) {
		/* python-crontab's name: cut off the command, still sent. */
		p = job->id - 2;
		emit(c, CK_R_INLINE_COMMENT, line,
		    ccol + (unsigned int)(p - cmd),
		    "put the comment on its own line above the job",
		    "\"# %.*s%s\" is passed to the shell with the command: "
		    "cron has no trailing comments",
		    qlen(job->id_len), job->id, QDOTS(job->id_len));
	}
	if (may_hold_secret(cmd, job->cmd_len) &&
	    find_secret(cmd, job->cmd_len, &at, what, sizeof(what)))
		emit(c, CK_R_SECRET, line, ccol + (unsigned int)at,
		    "read it from a file only the job's user can read "
		    "(~/.pgpass, --defaults-file, a credentials file)",
		    "the command holds a password (%s): crontabs are copied "
		    "and ps(1) shows command lines", what);

	/* User crontab: a user name where the command starts. */
	if (!c->system) {
		size_t wl = 0;
		bool known = false;

		while (wl < job->cmd_len && !ck_isblank((unsigned char)cmd[wl]))
			wl++;
		if (wl == 4 && memcmp(cmd, "root", 4) == 0)
			known = true;
		if (!known && c->users != NULL)
			known = ck_userset_has(c->users, cmd, wl);
		if (known && wl < job->cmd_len)
			emit(c, CK_R_USER_IN_USER_TAB, line, ccol,
			    "remove the user name: a user crontab's jobs run "
			    "as its owner",
			    "\"%.*s\" looks like a user column, but this is a "
			    "user crontab: cron runs \"%.*s\" as the command",
			    (int)wl, cmd, (int)wl, cmd);
	}
}

/* ---- the user column ---- */

static void
check_user(struct lctx *c, size_t li, const struct ck_job *job)
{
	static const char bad[] = "!\"#$%&'()*+,/:;<=>?@[\\]^`{|}~";
	const struct ck_line *l = &c->tab->lines[li];
	const char *u = job->user;
	size_t n = job->user_len, i;
	unsigned int line = (unsigned int)li + 1, col = col_of(l, u);
	bool found;

	if (!c->system || u == NULL)
		return;
	if (n == 0)
		return;
	if (memchr(u, '/', n) != NULL) {
		emit(c, CK_R_MISSING_USER, line, col,
		    "add the user the job runs as before the command",
		    "\"%.*s%s\" stands where system crontabs have the user: "
		    "the user column seems to be missing", qlen(n), u,
		    QDOTS(n));
		return;
	}
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)u[i];

		if (ch < 0x20 || ch >= 0x7f ||
		    (strchr(bad, ch) != NULL && !(ch == '$' && i + 1 == n)))
			break;
	}
	if (u[0] == '-' || n > 32 || i < n) {
		emit(c, CK_R_BAD_USER, line, col + (i < n ? (unsigned int)i :
		    0), NULL, "\"%.*s%s\" is not a valid user name%s", qlen(n),
		    u, QDOTS(n), u[0] == '-' ? " (it starts with '-')" :
		    n > 32 ? " (longer than 32 characters)" :
		    " (unexpected character)");
		return;
	}
	if (c->users != NULL) {
		found = ck_userset_has(c->users, u, n);
		if (!found)
			emit(c, CK_R_UNKNOWN_USER, line, col,
			    "create the user, or fix the user column",
			    "user \"%.*s%s\" does not exist on this host",
			    qlen(n), u, QDOTS(n));
	}
	if (n == 4 && memcmp(u, "root", 4) == 0)
		emit(c, CK_R_ROOT_JOB, line, col,
		    "run it as a less privileged user if it does not need root",
		    "the job runs as root");
}

/* ---- environment lines ---- */

static bool
raw_value(const struct ck_line *l, const char **v, size_t *vlen, bool *quoted)
{
	const char *p = l->p, *end = l->p + l->len, *eq;
	char q = 0;

	while (p < end && ck_isblank((unsigned char)*p))
		p++;
	if (p < end && (*p == '"' || *p == '\'')) {
		q = *p++;
		while (p < end && *p != q)
			p++;
		if (p < end)
			p++;
	}
	if ((eq = memchr(p, '=', (size_t)(end - p))) == NULL)
		return false;
	p = eq + 1;
	while (p < end && ck_isblank((unsigned char)*p))
		p++;
	*quoted = p < end && (*p == '"' || *p == '\'');
	*v = p;
	*vlen = (size_t)(end - p);
	return true;
}

/*
 * busybox crond (load_crontab) takes a line for an assignment only when its
 * first word starts with "MAILTO=" or "SHELL=", and keeps the rest of the
 * word as it is (quotes too); "MAILTO=" alone means no mail.  Every other
 * line with fewer than six words is skipped without a word: the jobs never
 * see the variable.  Seen with busybox 1.35's crond
 * (tests/cli/test_busybox.sh).
 */
static void
check_env_busybox(struct lctx *c, size_t li, const char *name, size_t nlen,
    const char *raw, bool quoted)
{
	const struct ck_line *l = &c->tab->lines[li];
	unsigned int line = (unsigned int)li + 1;
	bool mail = nlen == 6 && memcmp(name, "MAILTO", 6) == 0;
	bool shell = nlen == 5 && memcmp(name, "SHELL", 5) == 0;

	if (nlen == 2 && memcmp(name, "TZ", 2) == 0) {
		emit(c, CK_R_TZ_VAR, line, col_of(l, name),
		    "set the zone in crond's environment",
		    "busybox crond ignores TZ here: the jobs do not get it and "
		    "they run in the daemon's zone");
		return;
	}
	if (nlen == 7 && memcmp(name, "CRON_TZ", 7) == 0) {
		emit(c, CK_R_TZ_VAR, line, col_of(l, name), NULL,
		    "busybox ignores CRON_TZ: jobs run in the daemon's zone");
		return;
	}
	if (!mail && !shell) {
		emit(c, CK_R_UNSUPPORTED, line, col_of(l, name),
		    "set it in the command (NAME=value cmd)",
		    "busybox crond ignores %.*s=: it honours only MAILTO and "
		    "SHELL, and the jobs never see other variables",
		    qlen(nlen), name);
		return;
	}
	if (col_of(l, name) != 1 || name + nlen >= l->p + l->len ||
	    name[nlen] != '=' || raw != name + nlen + 1) {
		emit(c, CK_R_UNSUPPORTED, line, col_of(l, name),
		    "write it without blanks: NAME=value",
		    "busybox crond takes %.*s only from a line starting with "
		    "\"%.*s=\": it ignores this line", qlen(nlen), name,
		    qlen(nlen), name);
		return;
	}
	if (quoted)
		emit(c, CK_R_UNSUPPORTED, line, col_of(l, raw),
		    mail ? "write MAILTO=address, or MAILTO= for no mail" :
		    "write the value without quotes",
		    "busybox crond keeps the quotes: %.*s is set to the text "
		    "from the quote to the first blank%s", qlen(nlen), name,
		    mail ? " (MAILTO=\"\" mails to '\"\"', it does not turn mail "
		    "off)" : "");
}

static void
check_env(struct lctx *c, size_t li, bool *mailto)
{
	const struct ck_line *l = &c->tab->lines[li];
	const char *name, *value, *raw, *p;
	size_t nlen, vlen, rlen, i;
	unsigned int line = (unsigned int)li + 1;
	bool quoted = false, ident, digits;
	unsigned long n;
	char dl[64];
	unsigned int set;

	if (ck_tab_line_env(c->tab, li, &name, &nlen, &value, &vlen) == -1)
		return;
	if (!raw_value(l, &raw, &rlen, &quoted)) {
		raw = value;
		rlen = vlen;
	}
	if (nlen == 6 && memcmp(name, "MAILTO", 6) == 0)
		*mailto = true;
	ident = nlen > 0 && !ck_isdigit((unsigned char)name[0]);
	for (i = 0; i < nlen; i++)
		if (!ck_isalnum((unsigned char)name[i]) && name[i] != '_')
			ident = false;
	if (!ident)
		emit(c, CK_R_ENV_NAME, line, col_of(l, name) > 1 ?
		    col_of(l, name) : 1, "use letters, digits and '_'",
		    nlen == 0 ? "the variable name is empty%.*s" :
		    "variable name \"%.*s\" cannot be used by a shell",
		    qlen(nlen), name);
	if (!quoted && (p = memchr(raw, '$', rlen)) != NULL &&
	    !(c->d == CK_DIALECT_CRONIE && ((nlen == 6 &&
	    memcmp(name, "MAILTO", 6) == 0) || (nlen == 8 &&
	    memcmp(name, "MAILFROM", 8) == 0))))
		emit(c, CK_R_SHELL_VAR, line, col_of(l, p),
		    "write the value out in full",
		    "cron does not expand variables: %.*s is set to the "
		    "literal text \"%.*s%s\"", qlen(nlen), name, qlen(vlen),
		    value, QDOTS(vlen));
	if (!quoted) {
		for (p = raw; p < raw + rlen; p++)
			if (*p == '#' && (p == raw ||
			    ck_isblank((unsigned char)p[-1])))
				break;
		if (p < raw + rlen)
			emit(c, CK_R_ENV_COMMENT, line, col_of(l, p),
			    "put the comment on its own line",
			    "\"%.*s%s\" is part of the value of %.*s: cron has "
			    "no trailing comments", qlen((size_t)(raw + rlen -
			    p)), p, QDOTS((size_t)(raw + rlen - p)),
			    qlen(nlen), name);
	}
	if (c->d == CK_DIALECT_BUSYBOX) {
		check_env_busybox(c, li, name, nlen, raw, quoted);
		return;
	}
	if (nlen == 2 && memcmp(name, "TZ", 2) == 0)
		emit(c, CK_R_TZ_VAR, line, col_of(l, name),
		    c->d == CK_DIALECT_CRONIE ? "use CRON_TZ to schedule in "
		    "another zone" : "set the system's zone instead",
		    "TZ is passed to the jobs but does not change when they "
		    "run");
	if (nlen == 7 && memcmp(name, "CRON_TZ", 7) == 0) {
		if (c->d != CK_DIALECT_CRONIE && c->d != CK_DIALECT_PORTABLE)
			emit(c, CK_R_TZ_VAR, line, col_of(l, name), NULL,
			    "%s ignores CRON_TZ: jobs run in the system's "
			    "zone", dname(c->d));
		set = c->others & ~CK_DIALECT_BIT(CK_DIALECT_CRONIE);
		if (set != 0) {
			emit(c, CK_R_TZ_VAR, line, col_of(l, name), NULL,
			    "CRON_TZ is honoured by cronie only: %s run the "
			    "jobs in the system's zone",
			    dlist(set, dl, sizeof(dl)));
			c->ported[li] |= set;
		}
	}
	if (nlen == 12 && memcmp(name, "RANDOM_DELAY", 12) == 0) {
		digits = vlen > 0 && vlen < 6;
		n = 0;
		for (i = 0; i < vlen && digits; i++) {
			if (!ck_isdigit((unsigned char)value[i]))
				digits = false;
			else
				n = n * 10 + (unsigned long)(value[i] - '0');
		}
		if (!digits || n > 1440)
			emit(c, CK_R_RANDOM_DELAY, line, col_of(l, raw),
			    "give whole minutes, 0 to 1440",
			    "RANDOM_DELAY \"%.*s%s\" is not a whole number of "
			    "minutes from 0 to 1440: cronie ignores it",
			    qlen(vlen), value, QDOTS(vlen));
	}
	/* Portability of assignments. */
	if (rlen == 0 || (!quoted && vlen == 0)) {
		set = c->others & CK_DIALECT_BIT(CK_DIALECT_DEBIAN);
		if (set != 0 && !has_diag(c, line, CK_R_EMPTY_VALUE)) {
			emit_sev(c, CK_R_EMPTY_VALUE, CK_SEV_WARNING, line,
			    col_of(l, raw), "write NAME=\"\"",
			    "debian rejects an unquoted empty value");
			c->ported[li] |= set;
		}
	}
	if ((c->others & CK_DIALECT_BIT(CK_DIALECT_BUSYBOX)) &&
	    !(nlen == 6 && memcmp(name, "MAILTO", 6) == 0) &&
	    !(nlen == 5 && memcmp(name, "SHELL", 5) == 0)) {
		emit(c, CK_R_UNSUPPORTED, line, col_of(l, name), NULL,
		    "busybox crond ignores assignments other than MAILTO and "
		    "SHELL");
		c->ported[li] |= CK_DIALECT_BIT(CK_DIALECT_BUSYBOX);
	}
}

/* ---- whole lines: length, options, other dialects ---- */

/* The command's leading option word (-n, -q, -s) after schedule/user. */
static bool
job_option(const struct ck_line *l, const struct ck_job *job, bool system,
    const char **opt)
{
	const char *p, *end = l->p + l->len;

	if (job->expr.text == NULL || job->expr.text < l->p ||
	    job->expr.text > end)
		return false;
	p = job->expr.text + job->expr.len;
	if (system) {
		while (p < end && ck_isblank((unsigned char)*p))
			p++;
		while (p < end && !ck_isblank((unsigned char)*p))
			p++;
	}
	while (p < end && ck_isblank((unsigned char)*p))
		p++;
	if (end - p >= 3 && p[0] == '-' && (p[1] == 'n' || p[1] == 'q' ||
	    p[1] == 's') && ck_isblank((unsigned char)p[2])) {
		*opt = p;
		return true;
	}
	return false;
}

static void
check_line_portability(struct lctx *c, size_t li)
{
	const struct ck_line *l = &c->tab->lines[li];
	const struct ck_job *job = NULL;
	struct ck_tab other;
	struct ck_job j2;
	ck_diag_list *tmp;
	ck_error err;
	uint8_t kind;
	unsigned int line = (unsigned int)li + 1, set, bit;
	const char *opt, *p;
	size_t i, k;
	char dl[64];

	if (l->kind == CK_LINE_JOB && l->job != CK_NONE)
		job = &c->tab->jobs[l->job];
	/* cronie's '-' prefix: do not log. */
	p = l->p;
	while (p < l->p + l->len && ck_isblank((unsigned char)*p))
		p++;
	if (job != NULL && p < l->p + l->len && *p == '-') {
		set = c->others & ~CK_DIALECT_BIT(CK_DIALECT_CRONIE);
		if (set != 0) {
			emit(c, CK_R_UNSUPPORTED, line, col_of(l, p), NULL,
			    "%s reject%s the '-' prefix (cronie's 'do not log "
			    "this job')", dlist(set, dl, sizeof(dl)),
			    (set & (set - 1)) ? "" : "s");
			c->ported[li] |= set;
		}
	}
	if (job != NULL && job_option(l, job, c->system, &opt)) {
		set = 0;
		for (i = 0; i < NREAL; i++) {
			ck_dialect d = real_dialects[i];

			bit = CK_DIALECT_BIT(d);
			if (!(c->others & bit))
				continue;
			if (d == CK_DIALECT_OPENBSD)
				continue;
			if (d == CK_DIALECT_CRONIE && opt[1] == 'n')
				continue;
			set |= bit;
		}
		if (set != 0) {
			emit(c, CK_R_UNSUPPORTED, line, col_of(l, opt), NULL,
			    "%s do%s not know the option \"%.2s\": it becomes "
			    "part of the command", dlist(set, dl, sizeof(dl)),
			    (set & (set - 1)) ? "" : "es", opt);
			c->ported[li] |= set;
		}
	}
	/* Long lines: Vixie 3.0 keeps 1000 bytes, cronie 131072. */
	for (i = 0; i < NREAL + 1; i++) {
		ck_dialect d = i < NREAL ? real_dialects[i] : c->d;
		size_t max = d == CK_DIALECT_CRONIE ? 131070 : 998;

		if (i < NREAL && !(c->others & CK_DIALECT_BIT(d)))
			continue;
		if (l->len > max && l->kind != CK_LINE_COMMENT &&
		    l->kind != CK_LINE_BLANK) {
			emit(c, CK_R_LONG_LINE, line, (unsigned int)max + 1,
			    "move the command into a script",
			    "the line is %u bytes long: %s keeps only %zu",
			    l->len, d == CK_DIALECT_PORTABLE ? "debian" :
			    dname(d), max);
			break;
		}
	}

	if (c->others == 0 || (l->kind != CK_LINE_JOB &&
	    l->kind != CK_LINE_ENV))
		return;
	/* Parse the line again as each other cron would. */
	if ((tmp = ck_diag_list_new()) == NULL) {
		c->oom = true;
		return;
	}
	for (i = 0; i < NREAL; i++) {
		ck_dialect d = real_dialects[i];
		int rc;

		bit = CK_DIALECT_BIT(d);
		if (!(c->others & bit) || (c->ported[li] & bit))
			continue;
		other = *c->tab;
		other.dialect = d;
		other.diags = tmp;
		ck_diag_list_clear(tmp);
		memset(&j2, 0, sizeof(j2));
		memset(&err, 0, sizeof(err));
		kind = CK_LINE_INVALID;
		rc = ck_line_parse(&other, l->p, l->len, line, &kind, &j2,
		    tmp, &err);
		if (rc == -1 || kind == CK_LINE_INVALID) {
			if (err.rule == CK_R_REVERSED_RANGE &&
			    has_diag(c, line, CK_R_REVERSED_DOW))
				continue;
			emit(c, CK_R_UNSUPPORTED, line, err.column ? err.column
			    : 1, NULL, "%s rejects this line: %s", dname(d),
			    err.msg[0] ? err.msg : "not a valid line");
			continue;
		}
		if (kind != l->kind) {
			emit(c, CK_R_UNSUPPORTED, line, 1, NULL,
			    "%s reads this line as %s", dname(d),
			    kind == CK_LINE_ENV ? "an assignment" :
			    kind == CK_LINE_JOB ? "a job" : "something else");
			continue;
		}
		for (k = 0; k < tmp->n; k++) {
			const ck_diag *g = &tmp->v[k];

			if (g->severity == CK_SEV_INFO ||
			    has_diag(c, line, g->rule))
				continue;
			emit_hint(c, g->rule == CK_R_IGNORED_TEXT ||
			    g->rule == CK_R_RANDOM ? g->rule :
			    CK_R_UNSUPPORTED, CK_SEV_WARNING, line, g->column,
			    g->hint, "%s: %s", dname(d), g->message);
			break;
		}
		if (k < tmp->n)
			continue;
		if (kind == CK_LINE_JOB && job != NULL &&
		    !ck_expr_same(&job->expr, &j2.expr))
			emit(c, CK_R_UNSUPPORTED, line, col_of(l,
			    job->expr.text), NULL,
			    "%s runs this job at other times", dname(d));
		else if (kind == CK_LINE_JOB && job != NULL &&
		    (j2.cmd_len != job->cmd_len ||
		    memcmp(j2.cmd, job->cmd, job->cmd_len) != 0))
			emit(c, CK_R_UNSUPPORTED, line, col_of(l, j2.cmd),
			    NULL, "%s runs a different command: \"%.*s%s\"",
			    dname(d), qlen(j2.cmd_len), j2.cmd,
			    QDOTS(j2.cmd_len));
	}
	ck_diag_list_free(tmp);
}

/* ---- files ---- */

static bool
debian_name_ok(const char *b, size_t n)
{
	size_t i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++)
		if (!ck_isalnum((unsigned char)b[i]) && b[i] != '_' &&
		    b[i] != '-')
			return false;
	return true;
}

static bool
ends_with(const char *b, size_t n, const char *suf)
{
	size_t k = strlen(suf);

	return n >= k && memcmp(b + n - k, suf, k) == 0;
}

static bool
cronie_name_ok(const char *b, size_t n)
{
	return n > 0 && b[0] != '.' && b[0] != '#' && !ends_with(b, n, "~") &&
	    !ends_with(b, n, ".rpmsave") && !ends_with(b, n, ".rpmorig") &&
	    !ends_with(b, n, ".rpmnew") && n < 255;
}

static void
check_file(struct lctx *c)
{
	const struct ck_lint_opts *o = c->o;
	const char *path = o->path, *b;
	size_t n;
	unsigned int set = 0, i;
	ck_severity sev;
	char dl[64];

	if (path != NULL && c->system) {
		b = strrchr(path, '/');
		b = b != NULL ? b + 1 : path;
		n = strlen(b);
		/* /etc/crontab itself is read under any name. */
		if (!(o->system_file && strcmp(b, "crontab") == 0 &&
		    strstr(path, "cron.d/") == NULL)) {
			for (i = 0; i < NREAL; i++) {
				ck_dialect d = real_dialects[i];

				if (d != c->d && !(c->others &
				    CK_DIALECT_BIT(d)))
					continue;
				/* OpenBSD and busybox have no /etc/cron.d. */
				if (d == CK_DIALECT_OPENBSD ||
				    d == CK_DIALECT_BUSYBOX)
					continue;
				if (d == CK_DIALECT_CRONIE ?
				    !cronie_name_ok(b, n) :
				    !debian_name_ok(b, n))
					set |= CK_DIALECT_BIT(d);
			}
			if (c->d == CK_DIALECT_PORTABLE &&
			    !debian_name_ok(b, n))
				set |= CK_DIALECT_BIT(CK_DIALECT_DEBIAN);
		}
		if (set != 0) {
			sev = o->system_file && (set & CK_DIALECT_BIT(c->d)) ?
			    CK_SEV_ERROR : CK_SEV_WARNING;
			emit_sev(c, CK_R_FILE_NAME, sev, 0, 0,
			    "use only letters, digits, '_' and '-'",
			    "%s%s ignore%s a file in /etc/cron.d named "
			    "\"%.*s%s\"",
			    o->system_file ? "" : "if installed, ",
			    dlist(set, dl, sizeof(dl)),
			    (set & (set - 1)) ? "" : "s", qlen(n), b,
			    QDOTS(n));
		}
	}
	set = (c->others | CK_DIALECT_BIT(c->d)) &
	    (CK_DIALECT_BIT(CK_DIALECT_OPENBSD) |
	    CK_DIALECT_BIT(CK_DIALECT_BUSYBOX));
	if (path != NULL && c->system && strstr(path, "cron.d/") != NULL &&
	    set != 0)
		emit(c, CK_R_UNSUPPORTED, 0, 0, "put the jobs in /etc/crontab",
		    "%s read%s no /etc/cron.d", dlist(set, dl, sizeof(dl)),
		    (set & (set - 1)) ? "" : "s");
	if (o->have_stat && o->system_file) {
		if (o->uid != 0)
			emit(c, CK_R_CRON_D_FILE, 0, 0, "chown root",
			    "the file is owned by uid %lu: cron reads system "
			    "crontabs only when root owns them", o->uid);
		if (o->mode & 022)
			emit(c, CK_R_CRON_D_FILE, 0, 0, "chmod go-w",
			    "the file is writable by %s (mode %04o): cron "
			    "ignores it", (o->mode & 020) && (o->mode & 02) ?
			    "group and others" : (o->mode & 020) ? "group" :
			    "others", o->mode & 07777);
		if ((o->mode & 0111) && (c->d == CK_DIALECT_CRONIE ||
		    (c->others & CK_DIALECT_BIT(CK_DIALECT_CRONIE))))
			emit_sev(c, CK_R_CRON_D_FILE, c->d == CK_DIALECT_CRONIE
			    ? CK_SEV_ERROR : CK_SEV_WARNING, 0, 0,
			    "chmod a-x", "the file is executable (mode %04o): "
			    "cronie ignores it", o->mode & 07777);
		if (o->is_symlink && o->link_uid != 0)
			emit(c, CK_R_CRON_D_FILE, 0, 0, NULL,
			    "the symbolic link is owned by uid %lu: cron "
			    "follows links only when root owns both",
			    o->link_uid);
	}
	if (o->have_stat && o->spool_file) {
		bool cronie = c->d == CK_DIALECT_CRONIE ||
		    c->d == CK_DIALECT_PORTABLE;

		if (o->spool_uid >= 0 && o->uid != (unsigned long)o->spool_uid)
			emit(c, CK_R_SPOOL_FILE, 0, 0, "chown the user",
			    "the file is owned by uid %lu, not by its user "
			    "(uid %ld): cron ignores it", o->uid, o->spool_uid);
		if (cronie ? (o->mode & 07533) != 0400 :
		    (o->mode & 07777) != 0600)
			emit(c, CK_R_SPOOL_FILE, 0, 0, "chmod 0600",
			    "the file has mode %04o, not 0600: cron ignores it",
			    o->mode & 07777);
		if (o->nlink > 1)
			emit(c, CK_R_SPOOL_FILE, 0, 0, NULL,
			    "the file has %lu hard links: cron ignores it",
			    o->nlink);
	}
}

/* ---- jobs across the file ---- */

static uint64_t
job_hash(const struct ck_job *j)
{
	uint64_t h = UINT64_C(1469598103934665603);
	size_t i;

#define MIX(v) do {							\
	h ^= (uint64_t)(v);						\
	h *= UINT64_C(1099511628211);					\
} while (0)
	MIX(j->expr.minute);
	MIX(j->expr.hour);
	MIX(j->expr.dom);
	MIX(j->expr.month);
	MIX(j->expr.dow);
	MIX(j->expr.flags & (CK_SF_DOM_STAR | CK_SF_DOW_STAR | CK_SF_REBOOT));
	/* Eight bytes a step: the hash only groups, same_job() decides. */
	for (i = 0; i + 8 <= j->cmd_len; i += 8) {
		uint64_t w;

		memcpy(&w, j->cmd + i, 8);
		MIX(w);
		h ^= h >> 29;
	}
	for (; i < j->cmd_len; i++)
		MIX((unsigned char)j->cmd[i]);
	MIX(0x100);
	for (i = 0; j->user != NULL && i < j->user_len; i++)
		MIX((unsigned char)j->user[i]);
#undef MIX
	return h;
}

struct jref {
	uint64_t	 h;
	size_t		 idx;
};

static int
jref_cmp(const void *a, const void *b)
{
	const struct jref *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static bool
same_job(const struct ck_job *a, const struct ck_job *b)
{
	return a->cmd_len == b->cmd_len && a->user_len == b->user_len &&
	    memcmp(a->cmd, b->cmd, a->cmd_len) == 0 &&
	    (a->user_len == 0 || memcmp(a->user, b->user, a->user_len) == 0) &&
	    ck_expr_same(&a->expr, &b->expr);
}

/* Jobs by id, for sorting. */
static int
id_cmp(const void *a, const void *b)
{
	const struct ck_job *x = *(const struct ck_job *const *)a;
	const struct ck_job *y = *(const struct ck_job *const *)b;
	int r;

	if (x->id_len != y->id_len)
		return x->id_len < y->id_len ? -1 : 1;
	if ((r = memcmp(x->id, y->id, x->id_len)) != 0)
		return r;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* One id on several jobs: each later one is reported. */
static void
check_duplicate_ids(struct lctx *c)
{
	const ck_tab *t = c->tab;
	const struct ck_job **v;
	size_t i, n = 0;

	if (t->njobs < 2)
		return;
	if ((v = reallocarray(NULL, t->njobs, sizeof(*v))) == NULL) {
		c->oom = true;
		return;
	}
	for (i = 0; i < t->njobs; i++)
		if (t->jobs[i].id != NULL)
			v[n++] = &t->jobs[i];
	if (n > 1)
		qsort(v, n, sizeof(*v), id_cmp);
	for (i = 1; i < n; i++)
		if (v[i]->id_len == v[i - 1]->id_len &&
		    memcmp(v[i]->id, v[i - 1]->id, v[i]->id_len) == 0)
			emit(c, CK_R_DUPLICATE_ID, (v[i]->marker_line !=
			    CK_NONE ? v[i]->marker_line : v[i]->line) + 1, 1,
			    "give each job its own id",
			    "the id \"%.*s\" also marks the job on line %u",
			    (int)(v[i]->id_len > 128 ? 128 : v[i]->id_len),
			    v[i]->id, (unsigned int)v[i - 1]->line + 1);
	free(v);
}

static int
minute_cmp(const void *a, const void *b)
{
	const struct ck_job *x = *(const struct ck_job *const *)a;
	const struct ck_job *y = *(const struct ck_job *const *)b;

	if (x->expr.minute != y->expr.minute)
		return x->expr.minute < y->expr.minute ? -1 : 1;
	if (x->expr.hour != y->expr.hour)
		return x->expr.hour < y->expr.hour ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/*
 * CROWDED_MINUTE: five or more enabled jobs with one and the same minute
 * and the same hours; reported once, on the fifth job (in line order).
 */
#define CROWDED	5
static void
check_crowded_minute(struct lctx *c)
{
	const ck_tab *t = c->tab;
	const struct ck_job **v;
	size_t i, k, n = 0;

	if (t->njobs < CROWDED)
		return;
	if ((v = reallocarray(NULL, t->njobs, sizeof(*v))) == NULL) {
		c->oom = true;
		return;
	}
	for (i = 0; i < t->njobs; i++)
		if (t->jobs[i].enabled && t->jobs[i].expr.keyword !=
		    CK_KW_REBOOT && t->jobs[i].expr.minute != 0 &&
		    (t->jobs[i].expr.minute & (t->jobs[i].expr.minute - 1)) ==
		    0)
			v[n++] = &t->jobs[i];
	qsort(v, n, sizeof(*v), minute_cmp);
	for (i = 0; i < n; i = k) {
		for (k = i + 1; k < n && v[k]->expr.minute ==
		    v[i]->expr.minute && v[k]->expr.hour == v[i]->expr.hour;
		    k++)
			;
		if (k - i >= CROWDED)
			emit(c, CK_R_CROWDED_MINUTE, v[i + CROWDED - 1]->line +
			    1, 1, "cronkeep spread moves them apart",
			    "%zu jobs start in the same minute as this one "
			    "(the first on line %u)", k - i,
			    (unsigned int)v[i]->line + 1);
	}
	free(v);
}

static void
check_duplicates(struct lctx *c)
{
	const ck_tab *t = c->tab;
	struct jref *v;
	size_t i, k, n = 0;

	if (t->njobs < 2)
		return;
	if ((v = reallocarray(NULL, t->njobs, sizeof(*v))) == NULL) {
		c->oom = true;
		return;
	}
	for (i = 0; i < t->njobs; i++) {
		const struct ck_job *j = &t->jobs[i];

		if (j->line >= t->nlines || t->lines[j->line].kind !=
		    CK_LINE_JOB)
			continue;
		v[n].h = job_hash(j);
		v[n].idx = i;
		n++;
	}
	qsort(v, n, sizeof(*v), jref_cmp);
	for (i = 1; i < n; i++) {
		const struct ck_job *j = &t->jobs[v[i].idx];

		for (k = i; k-- > 0 && v[k].h == v[i].h;)
			if (same_job(&t->jobs[v[k].idx], j)) {
				emit(c, CK_R_DUPLICATE_JOB, j->line + 1, 1,
				    "remove one of them",
				    "the same job as on line %u: it runs twice",
				    t->jobs[v[k].idx].line + 1);
				break;
			}
	}
	free(v);
}

/* ---- directives ---- */

/*
 * directive = "#" *blank "cronkeep-lint:" *blank verb "=" list
 * verb      = "disable" | "disable-file"
 * list      = rule *( *blank "," *blank rule )
 * @return 0 not a directive, 1 for the next line, 2 for the file
 */
static int
parse_directive(struct lctx *c, size_t li, struct rset *rs)
{
	static const char tag[] = "cronkeep-lint:";
	const struct ck_line *l = &c->tab->lines[li];
	const char *p = l->p, *end = l->p + l->len, *s;
	const struct ck_rule *r;
	unsigned int line = (unsigned int)li + 1;
	int verb;

	while (p < end && ck_isblank((unsigned char)*p))
		p++;
	if (p >= end || *p != '#')
		return 0;
	p++;
	while (p < end && ck_isblank((unsigned char)*p))
		p++;
	if ((size_t)(end - p) < sizeof(tag) - 1 ||
	    memcmp(p, tag, sizeof(tag) - 1) != 0)
		return 0;
	p += sizeof(tag) - 1;
	while (p < end && ck_isblank((unsigned char)*p))
		p++;
	if ((size_t)(end - p) >= 13 && memcmp(p, "disable-file=", 13) == 0) {
		verb = 2;
		p += 13;
	} else if ((size_t)(end - p) >= 8 && memcmp(p, "disable=", 8) == 0) {
		verb = 1;
		p += 8;
	} else {
		emit(c, CK_R_BAD_DIRECTIVE, line, col_of(l, p),
		    "write disable=CODE,... or disable-file=CODE,...",
		    "unknown cronkeep-lint directive \"%.*s%s\"",
		    qlen((size_t)(end - p)), p, QDOTS((size_t)(end - p)));
		return -1;
	}
	for (;;) {
		while (p < end && ck_isblank((unsigned char)*p))
			p++;
		s = p;
		while (p < end && *p != ',' && !ck_isblank((unsigned char)*p))
			p++;
		if (p == s) {
			emit(c, CK_R_BAD_DIRECTIVE, line, col_of(l, p),
			    "name a rule such as CK016 or bare-percent",
			    "a rule code is missing in the cronkeep-lint "
			    "directive");
			return -1;
		}
		if ((r = ck_rule_find(s, (size_t)(p - s))) == NULL) {
			emit(c, CK_R_BAD_DIRECTIVE, line, col_of(l, s),
			    "see cronkeep check --list-rules",
			    "unknown rule \"%.*s%s\" in cronkeep-lint directive",
			    qlen((size_t)(p - s)), s, QDOTS((size_t)(p - s)));
			return -1;
		}
		rset_add(rs, r->num);
		while (p < end && ck_isblank((unsigned char)*p))
			p++;
		if (p >= end)
			break;
		if (*p != ',') {
			emit(c, CK_R_BAD_DIRECTIVE, line, col_of(l, p),
			    "separate rules with ','",
			    "unexpected '%c' in cronkeep-lint directive", *p);
			return -1;
		}
		p++;
	}
	return verb;
}

/* ---- lines the parser could not read ---- */

static bool
is_name_word(const char *w, size_t n)
{
	/* Longer spellings some people write: "sept", "tues", "thurs". */
	static const char *const more[] = { "sept", "tues", "thur", "thurs",
		NULL };
	int k;

	if (n == 3 && (ck_month_from_abbr(w, 3) != -1 ||
	    ck_dow_from_abbr(w, 3) != -1))
		return true;
	for (k = 1; k <= 12; k++)
		if (eq_nocase(w, n, ck_month_full(k)))
			return true;
	for (k = 0; k < 7; k++)
		if (eq_nocase(w, n, ck_dow_full(k)))
			return true;
	for (k = 0; more[k] != NULL; k++)
		if (eq_nocase(w, n, more[k]))
			return true;
	return false;
}

/*
 * A better rule than the parser's for a line it rejected: an unquoted
 * empty value where Debian needs quotes (CK004), or prose that is no job
 * at all (CK003), rather than "bad minute".  *col gets the column.
 */
static unsigned int
replacement(const struct lctx *c, size_t li, unsigned int *col)
{
	const struct ck_line *l = &c->tab->lines[li];
	const char *p = l->p, *end = l->p + l->len, *w, *n, *v;
	size_t nl, vl, wl;

	if (l->kind != CK_LINE_INVALID)
		return 0;
	if (c->d != CK_DIALECT_CRONIE &&
	    ck_env_parse(l->p, l->len, CK_DIALECT_CRONIE, &n, &nl, &v, &vl) &&
	    vl == 0) {
		w = memchr(l->p, '=', l->len);
		*col = w != NULL ? col_of(l, w) + 1 : 1;
		return CK_R_EMPTY_VALUE;
	}
	while (p < end && ck_isblank((unsigned char)*p))
		p++;
	w = p;
	while (p < end && ck_isalpha((unsigned char)*p))
		p++;
	wl = (size_t)(p - w);
	if (wl == 0 || (p < end && !ck_isblank((unsigned char)*p)) ||
	    is_name_word(w, wl) || memchr(l->p, '=', l->len) != NULL)
		return 0;
	while (p < end && ck_isblank((unsigned char)*p))
		p++;
	if (p < end && (ck_isdigit((unsigned char)*p) || *p == '*' ||
	    *p == '/' || *p == ','))
		return 0;
	*col = col_of(l, w);
	return CK_R_LINE_ERROR;
}

static void
replace_line(struct lctx *c, size_t li, unsigned int rule, unsigned int col)
{
	const struct ck_line *l = &c->tab->lines[li];
	unsigned int line = (unsigned int)li + 1;
	const char *w;

	if (rule == CK_R_EMPTY_VALUE) {
		w = memchr(l->p, '=', l->len);
		emit(c, rule, line, col, "quote it: NAME=\"\"",
		    "unquoted empty value: %s's cron does not take \"%.*s\" as "
		    "an assignment and rejects the line", dname(c->d),
		    qlen(w != NULL ? (size_t)(w - l->p) + 1 : l->len), l->p);
		return;
	}
	emit(c, rule, line, col, "start a comment with '#'",
	    "\"%.*s%s\" is neither a job, an assignment nor a comment",
	    qlen(l->len), l->p, QDOTS(l->len));
}

/* ---- putting it together ---- */

/*
 * A finding's place in the sort: where it is and its index in the list
 * (the order made: parser first).  Small, so sorting moves 16 bytes a
 * finding, not the whole ck_diag.
 */
struct ord {
	unsigned int	 line;
	unsigned int	 column;
	uint32_t	 seq;
	bool		 drop;
};

static int
ord_cmp(const void *a, const void *b)
{
	const struct ord *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Sort by merging the runs already in order: findings are made line by
 * line, the parser's first, so there are a few long runs and merging them
 * is linear where qsort(3) is not.  Stable (ord_cmp ends on seq anyway).
 * @return 0, or -1 when out of memory (v is then left as it was).
 */
static int
merge_runs(struct ord *v, size_t n)
{
	struct ord *tmp, *src = v, *dst, *t;
	size_t i, a, mid, m, e, k;
	bool done;

	if ((tmp = reallocarray(NULL, n, sizeof(*tmp))) == NULL)
		return -1;
	dst = tmp;
	do {
		done = true;
		for (i = 0, k = 0; i < n; i = e) {
			/* Two runs [i, mid) and [mid, e), merged into dst. */
			for (mid = i + 1; mid < n &&
			    ord_cmp(&src[mid - 1], &src[mid]) <= 0; mid++)
				;
			for (e = mid + (mid < n); e < n &&
			    ord_cmp(&src[e - 1], &src[e]) <= 0; e++)
				;
			if (mid < n)
				done = false;
			for (a = i, m = mid; a < mid && m < e;)
				dst[k++] = ord_cmp(&src[a], &src[m]) <= 0 ?
				    src[a++] : src[m++];
			while (a < mid)
				dst[k++] = src[a++];
			while (m < e)
				dst[k++] = src[m++];
		}
		t = src;
		src = dst;
		dst = t;
	} while (!done);
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
	free(tmp);
	return 0;
}

/*
 * Sort each line's findings by column first: lint makes a line's findings
 * check by check, so their columns are out of order (a job's "no id" at
 * column 1 comes after its schedule's), and that left merge_runs() with a
 * run per line.  After this, the runs are the few stretches in line order
 * (the parser's findings, lint's walk, the file-wide checks after it).
 * Groups are small: insertion sort; a large one (many findings on one
 * line) goes to qsort(3).
 */
static void
sort_line_groups(struct ord *v, size_t n)
{
	size_t g, e, i, k;
	struct ord t;

	for (g = 0; g < n; g = e) {
		for (e = g + 1; e < n && v[e].line == v[g].line; e++)
			;
		if (e - g > 16) {
			qsort(v + g, e - g, sizeof(*v), ord_cmp);
			continue;
		}
		for (i = g + 1; i < e; i++) {
			t = v[i];
			for (k = i; k > g && ord_cmp(&v[k - 1], &t) > 0; k--)
				v[k] = v[k - 1];
			v[k] = t;
		}
	}
}

/* The same finding twice (the parser's and lint's): keep the first. */
static bool
same_finding(const ck_diag *a, const ck_diag *b)
{
	/* A warning never hides an error of the same rule (5-1 14~4). */
	if (a->rule != b->rule || a->severity != b->severity)
		return false;
	if (a->rule == CK_R_UNSUPPORTED || a->rule == CK_R_CRON_D_FILE ||
	    a->rule == CK_R_TZ_VAR)
		return strcmp(a->message, b->message) == 0;
	return true;
}

static bool
suppressed(const ck_diag *d, const struct rset *file_off,
    const struct rset *line_off, size_t nlines)
{
	if (rset_has(file_off, d->rule))
		return true;
	return d->line > 0 && d->line <= nlines &&
	    rset_has(&line_off[d->line - 1], d->rule);
}

/*
 * Sort by line and column, drop what directives switch off and repeated
 * findings, and move the rest into a new list.
 */
static int
finish(struct lctx *c, const struct rset *file_off,
    const struct rset *line_off, ck_diag_list **out)
{
	ck_diag_list *res;
	const ck_diag *d;
	struct ord *v = NULL;
	size_t i, j, g, n = c->l->n, nlines = c->tab->nlines;
	bool sorted;

	if ((res = ck_diag_list_new()) == NULL)
		return -1;
	if (n == 0) {
		*out = res;
		return 0;
	}
	if (n > UINT32_MAX || (v = reallocarray(NULL, n, sizeof(*v))) == NULL) {
		ck_diag_list_free(res);
		return -1;
	}
	sorted = true;
	for (i = 0; i < n; i++) {
		d = &c->l->v[i];
		v[i].line = d->line;
		v[i].column = d->column;
		v[i].seq = (uint32_t)i;
		v[i].drop = suppressed(d, file_off, line_off, nlines);
		if (i > 0 && ord_cmp(&v[i - 1], &v[i]) > 0)
			sorted = false;
	}
	/* Findings are made line by line: often in order already. */
	if (!sorted) {
		sort_line_groups(v, n);
		if (merge_runs(v, n) == -1)
			qsort(v, n, sizeof(*v), ord_cmp);
	}
	for (g = 0; g < n; g = j) {
		for (j = g; j < n && v[j].line == v[g].line; j++)
			;
		for (i = g; i < j; i++) {
			size_t k;

			for (k = g; k < j && !v[i].drop; k++)
				if (k != i && !v[k].drop &&
				    v[k].seq < v[i].seq &&
				    same_finding(&c->l->v[v[k].seq],
				    &c->l->v[v[i].seq]))
					v[i].drop = true;
		}
	}
	/*
	 * Put the findings in that order in their own array, following each
	 * cycle of the permutation (entry i takes entry v[i].seq; a done
	 * entry is marked with seq = i), then close the gaps of the dropped
	 * ones.  The array and the text then move to res: no copy of either.
	 */
	for (i = 0; i < n; i++) {
		ck_diag first;
		size_t k, from;

		if (v[i].seq == i)
			continue;
		first = c->l->v[i];
		for (k = i; (from = v[k].seq) != i; k = from) {
			c->l->v[k] = c->l->v[from];
			v[k].seq = (uint32_t)k;
		}
		c->l->v[k] = first;
		v[k].seq = (uint32_t)k;
	}
	for (i = 0, j = 0; i < n; i++)
		if (!v[i].drop)
			c->l->v[j++] = c->l->v[i];
	res->v = c->l->v;
	res->n = j;
	res->cap = c->l->cap;
	c->l->v = NULL;
	c->l->cap = 0;
	/* The strings now belong to res (a dropped one's with them). */
	ck_diag_list_take_text(res, c->l);
	c->l->n = 0;
	free(v);
	*out = res;
	return 0;
}

static bool
is_commentish(uint8_t kind)
{
	return kind == CK_LINE_COMMENT || kind == CK_LINE_MARKER ||
	    kind == CK_LINE_DISABLED;
}

int
ck_lint(const ck_tab *tab, const struct ck_lint_opts *opts,
    ck_diag_list **out, ck_error *err)
{
	struct ck_lint_opts o;
	const ck_diag_list *pd;
	struct lctx c;
	struct rset file_off, pending, *line_off = NULL;
	bool have_pending = false, mailto = false, jobs = false;
	size_t i, nlines, ncrlf = 0, crlf_line = 0;
	unsigned int repcol = 1;
	ck_userset *own_users = NULL;
	int verb;

	*out = NULL;
	memset(&c, 0, sizeof(c));
	memset(&file_off, 0, sizeof(file_off));
	memset(&pending, 0, sizeof(pending));
	c.tab = tab;
	c.tz_line = (size_t)-1;
	if (ck_opts_read(&o, sizeof(o), opts, "ck_lint_opts", err) == -1)
		return -1;
	c.o = &o;
	c.zone_dst = zone_has_dst(&o);
	c.d = tab->dialect;
	c.system = (tab->flags & CK_PARSE_SYSTEM) != 0;
	for (i = 0; i < NREAL; i++)
		if (c.d == CK_DIALECT_PORTABLE ||
		    (c.o->also & CK_DIALECT_BIT(real_dialects[i])))
			c.others |= CK_DIALECT_BIT(real_dialects[i]);
	c.others &= ~CK_DIALECT_BIT(c.d);
	c.users = c.o->userset;
	if (c.users == NULL && c.o->users != NULL &&
	    (c.users = own_users = ck_userset_new(c.o->users, c.o->nusers,
	    err)) == NULL)
		return -1;
	nlines = tab->nlines;
	if ((c.l = ck_diag_list_new()) == NULL ||
	    (c.ported = calloc(nlines + 1, sizeof(*c.ported))) == NULL ||
	    (line_off = calloc(nlines + 1, sizeof(*line_off))) == NULL)
		goto fail;

	/* Lines where lint has a better word than the parser's error. */
	for (i = 0; i < nlines; i++)
		c.ported[i] = replacement(&c, i, &repcol);
	/* The parser's findings come first and win over repeats. */
	pd = ck_tab_diags(tab);
	for (i = 0; i < ck_diag_count(pd); i++) {
		const ck_diag *d = ck_diag_at(pd, i);

		if (d->line > 0 && d->line <= nlines &&
		    c.ported[d->line - 1] != 0 && d->severity == CK_SEV_ERROR)
			continue;
		if (ck_diag_add(c.l, d->rule, d->severity, d->line, d->column,
		    d->hint, "%s", d->message) == -1)
			goto fail;
	}
	c.npre = c.l->n;
	for (i = 0; i < nlines; i++)
		if (c.ported[i] != 0) {
			(void)replacement(&c, i, &repcol);
			replace_line(&c, i, c.ported[i], repcol);
			c.ported[i] = 0;
		}

	/* Directives: for the next line that is not a comment, or all. */
	for (i = 0; i < nlines; i++) {
		const struct ck_line *l = &tab->lines[i];
		struct rset rs;
		size_t k;

		memset(&rs, 0, sizeof(rs));
		verb = l->kind == CK_LINE_COMMENT ?
		    parse_directive(&c, i, &rs) : 0;
		if (verb == 1) {
			for (k = 0; k < sizeof(rs.w) / sizeof(rs.w[0]); k++)
				pending.w[k] |= rs.w[k];
			have_pending = true;
			continue;
		}
		if (verb == 2) {
			for (k = 0; k < sizeof(rs.w) / sizeof(rs.w[0]); k++)
				file_off.w[k] |= rs.w[k];
			continue;
		}
		if (verb != 0 || is_commentish(l->kind))
			continue;
		if (have_pending) {
			line_off[i] = pending;
			memset(&pending, 0, sizeof(pending));
			have_pending = false;
		}
	}

	check_file(&c);
	for (i = 0; i < nlines && !c.oom; i++) {
		const struct ck_line *l = &tab->lines[i];
		const struct ck_job *job;
		size_t clen;

		if (l->kind == CK_LINE_JOB && l->job != CK_NONE &&
		    l->job < tab->njobs) {
			job = &tab->jobs[l->job];
			jobs = true;
			check_schedule(&c, i, job);
			check_user(&c, i, job);
			check_command(&c, i, job);
			if (job->id == NULL && job->marker_line == CK_NONE &&
			    !(i > 0 && (tab->lines[i - 1].kind ==
			    CK_LINE_COMMENT || tab->lines[i - 1].kind ==
			    CK_LINE_MARKER)) &&
			    ck_job_comment(job, &clen) == NULL)
				emit(&c, CK_R_NO_ID, (unsigned int)i + 1, 1,
				    "add '# cronkeep: ID' or a comment above "
				    "it",
				    "the job \"%.*s%s\" has neither an id nor a "
				    "comment", qlen(job->cmd_len), job->cmd,
				    QDOTS(job->cmd_len));
		} else if (l->kind == CK_LINE_ENV) {
			const char *name, *v;
			size_t nlen, vlen;

			check_env(&c, i, &mailto);
			if (ck_tab_line_env(tab, i, &name, &nlen, &v, &vlen) ==
			    0 && nlen == 7 && memcmp(name, "CRON_TZ", 7) == 0)
				c.tz_line = i;
		}
		if (l->eol == CK_EOL_CRLF && (l->kind == CK_LINE_JOB ||
		    l->kind == CK_LINE_ENV) && ncrlf++ == 0)
			crlf_line = i;
		check_line_portability(&c, i);
		if (i + 1 == nlines && l->eol == CK_EOL_NONE && l->len > 0 &&
		    !has_diag(&c, (unsigned int)i + 1, CK_R_MISSING_NEWLINE))
			emit(&c, CK_R_MISSING_NEWLINE, (unsigned int)i + 1,
			    l->len + 1, "end the file with a newline",
			    "the last line does not end with a newline");
	}
	if (ncrlf > 0)
		emit(&c, CK_R_CRLF, (unsigned int)crlf_line + 1,
		    tab->lines[crlf_line].len + 1,
		    "convert the file to LF line endings (dos2unix)",
		    "%zu line%s end%s with CR LF: cron keeps the carriage "
		    "return in commands%s", ncrlf, ncrlf == 1 ? "" : "s",
		    ncrlf == 1 ? "s" : "", c.d == CK_DIALECT_CRONIE ? "" :
		    " and values");
	check_duplicates(&c);
	check_duplicate_ids(&c);
	check_crowded_minute(&c);
	if (jobs && !mailto)
		emit(&c, CK_R_NO_MAILTO, 0, 0, c.d == CK_DIALECT_BUSYBOX ?
		    "set MAILTO=address, or MAILTO= (empty) for no mail" :
		    "set MAILTO=address, or MAILTO=\"\" for no mail",
		    "MAILTO is not set: cron mails any output to the "
		    "crontab's owner");
	if (c.oom || finish(&c, &file_off, line_off, out) == -1)
		goto fail;
	ck_diag_list_free(c.l);
	free(c.ported);
	free(line_off);
	ck_userset_free(own_users);
	return 0;
fail:
	ck_diag_list_free(c.l);
	free(c.ported);
	free(line_off);
	ck_userset_free(own_users);
	return ck_error_oom(err);
}
