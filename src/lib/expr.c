/* SPDX-License-Identifier: ISC */
/*
 * expr.c - one schedule: five fields or an @keyword, parsed into bit sets
 * plus the flags cron derives from the text, keeping the original spelling.
 *
 * What is accepted depends on the dialect (docs/dev/cron-dialects.md §1):
 *   debian   Vixie 3.0 skips anything after a complete element up to the
 *            next blank ("*-5" is "*"); we accept it with a warning.
 *            Reversed ranges are accepted and match nothing.
 *   cronie   strict; reversed ranges match nothing; "a~b" random values.
 *   openbsd  strict; reversed ranges are errors; "a~b" random values.
 *   busybox  reversed ranges wrap around; "*" steps in day-of-month start
 *            at 0; the day rule looks at the bit sets, not the text.
 *   portable only what all of them accept and run alike.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A field's name in messages and its range (calendar.c). */
struct fspec {
	const char		*name;
	int			 lo, hi;	/* hi: as written (weekday 7) */
};

static const char *const field_names[CK_FIELD_COUNT] = {
	"minute", "hour", "day-of-month", "month", "day-of-week"
};

static const struct {
	const char	*word;
	enum ck_keyword	 kw;
} keywords[] = {
	{ "reboot", CK_KW_REBOOT },
	{ "yearly", CK_KW_YEARLY },
	{ "annually", CK_KW_ANNUALLY },
	{ "monthly", CK_KW_MONTHLY },
	{ "weekly", CK_KW_WEEKLY },
	{ "daily", CK_KW_DAILY },
	{ "midnight", CK_KW_MIDNIGHT },
	{ "hourly", CK_KW_HOURLY },
};

/* One field being parsed. */
struct fparse {
	const char		*p;	/* the field's text (a non-blank run) */
	size_t			 len;
	size_t			 i;
	const struct fspec	*f;
	struct fspec		 spec;	/* what f points to */
	enum ck_field		 field;
	ck_dialect		 d;
	unsigned int		 line;
	unsigned int		 col0;	/* column of p[0] */
	ck_diag_list		*diags;
	ck_error		*err;
	uint64_t		 bits;
	bool			 busybox_full;	/* busybox: "*" filled slot 0 */
	bool			 wrapped;	/* the last number wrapped */
	bool			 dom_set;	/* day of month restricted */
	struct ck_elem		 cur;	/* the element get_range() read */
	struct ck_elems		*sink;	/* elements kept, or NULL */
	size_t			 foff;	/* offset of p in the schedule */
	bool			 oom;	/* the sink could not grow */
};

static int	field_error(struct fparse *, size_t, unsigned int,
		    const char *, ...) __attribute__((format(printf, 4, 5)));

static int
field_error(struct fparse *fp, size_t at, unsigned int rule, const char *fmt,
    ...)
{
	va_list ap;
	char msg[200];

	va_start(ap, fmt);
	ck_vfmt(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ck_error_set(fp->err, CK_ESYNTAX, fp->line,
	    fp->col0 + (unsigned int)at, "%s", msg);
	if (fp->err != NULL)
		fp->err->rule = rule;
	return -1;
}

static bool
at_end(const struct fparse *fp)
{
	return fp->i >= fp->len;
}

static bool
has_random(ck_dialect d)
{
	return ck_dialect_facts(d)->random_tilde;
}

/* Does "lo-0" run to 7 (Sunday) in this dialect? */
static bool
zero_ends_on_seven(ck_dialect d, bool stepped)
{
	enum ck_zero_end z = ck_dialect_facts(d)->zero_end;

	return z == CK_ZERO_END_SEVEN ||
	    (z == CK_ZERO_END_SEVEN_UNSTEPPED && !stepped);
}

/*
 * Debian and cronie read numbers as the C library does
 * (ck_dialect_wraps_ints()): atoi(3) and (int)strtol(3) stop at LONG_MAX
 * and keep the low 32 bits, so "4294967296" is 0, "4294967297" is 1 and
 * anything from 2^63 on is -1.  The elements of a range are then set one
 * by one, each checked, in an int that wraps (see vixie_set()).
 */

/* The int the Vixie family makes of n digits; *exact: no wrap happened. */
int32_t
ck_cron_int(const char *tok, size_t n, bool *exact)
{
	uint64_t v = 0;
	size_t k;

	for (k = 0; k < n; k++) {
		if (v > (UINT64_C(0x7fffffffffffffff) - (uint64_t)(tok[k] -
		    '0')) / 10) {
			v = UINT64_C(0x7fffffffffffffff);
			break;
		}
		v = v * 10 + (uint64_t)(tok[k] - '0');
	}
	*exact = v <= INT32_MAX;
	return (int32_t)(uint32_t)(v & 0xffffffffu);
}

/* Warn that the number at fp->i (n digits) is read as v. */
static int
note_wrap(struct fparse *fp, size_t n, int32_t v, const char *what)
{
	if (ck_diag_add(fp->diags, CK_R_FIELD_RANGE, CK_SEV_WARNING, fp->line,
	    fp->col0 + (unsigned int)fp->i, "write the number you mean",
	    "%s%s %.*s%s is read as %d by %s's cron (the number wraps in a "
	    "C int)", what, fp->f->name, (int)(n > 24 ? 24 : n),
	    fp->p + fp->i, n > 24 ? "..." : "", (int)v,
	    ck_dialect_name(fp->d)) == -1)
		return ck_error_oom(fp->err);
	return 0;
}

/* Length of the alphanumeric run at p[i]. */
static size_t
alnum_run(const struct fparse *fp, size_t i)
{
	size_t j = i;

	while (j < fp->len && ck_isalnum((unsigned char)fp->p[j]))
		j++;
	return j - i;
}

static bool
name_eq(const char *a, size_t alen, const char *name)
{
	size_t i;

	for (i = 0; i < alen; i++)
		if (name[i] == '\0' ||
		    ck_tolower((unsigned char)a[i]) !=
		    ck_tolower((unsigned char)name[i]))
			return false;
	return name[alen] == '\0';
}

/*
 * An extension from another scheduler: L, W, #, ? (Quartz, croner,
 * cron-parser).  Returns a message, or NULL.
 */
static const char *
extension_name(const char *tok, size_t n)
{
	if (n == 1 && tok[0] == '?')
		return "'?' (no specific value) is Quartz/croner syntax; cron "
		    "writes '*'";
	if (n >= 1 && (tok[n - 1] == 'L' || tok[n - 1] == 'l'))
		return "'L' (last day) is Quartz/croner/cron-parser syntax, "
		    "not cron";
	if (n >= 1 && (tok[n - 1] == 'W' || tok[n - 1] == 'w'))
		return "'W' (nearest weekday) is Quartz/croner syntax, not cron";
	return NULL;
}

/*
 * value = 1*DIGIT | name
 * Reads a number or a name at fp->i into *out.
 */
static int
get_value(struct fparse *fp, int *out, bool check)
{
	const struct fspec *f = fp->f;
	const char *tok = fp->p + fp->i;
	size_t n = alnum_run(fp, fp->i), k;
	const char *ext;
	long v = 0;
	bool digits = true;

	if (n == 0) {
		if (at_end(fp) || fp->p[fp->i] == ',')
			return field_error(fp, fp->i, CK_R_FIELD_SYNTAX,
			    "empty element in %s field \"%.*s\"", f->name,
			    (int)fp->len, fp->p);
		if (fp->p[fp->i] == '?')
			return field_error(fp, fp->i, CK_R_EXTENSION, "%s",
			    extension_name("?", 1));
		if (fp->p[fp->i] == '-')
			return field_error(fp, fp->i, CK_R_FIELD_SYNTAX,
			    "bad %s \"%.*s\": negative values do not exist",
			    f->name, (int)fp->len, fp->p);
		if (fp->p[fp->i] == '~')
			return field_error(fp, fp->i, CK_R_RANDOM,
			    "'~' (random value) is not supported by %s cron",
			    ck_dialect_name(fp->d));
		return field_error(fp, fp->i, CK_R_FIELD_SYNTAX,
		    "unexpected \"%c\" in %s field \"%.*s\"", fp->p[fp->i],
		    f->name, (int)fp->len, fp->p);
	}
	for (k = 0; k < n; k++)
		if (!ck_isdigit((unsigned char)tok[k]))
			digits = false;
	if (digits && ck_dialect_wraps_ints(fp->d)) {
		bool exact;
		int32_t w = ck_cron_int(tok, n, &exact);

		fp->wrapped = !exact;
		if (!exact && note_wrap(fp, n, w, "") == -1)
			return -1;
		if (check && (w < f->lo || w > f->hi))
			return field_error(fp, fp->i, CK_R_FIELD_RANGE,
			    exact ? "%s %.*s out of range %d-%d" :
			    "%s %.*s out of range %d-%d (it is read as %d)",
			    f->name, (int)(n > 24 ? 24 : n), tok, f->lo, f->hi,
			    (int)w);
		*out = (int)w;
		fp->i += n;
		return 0;
	}
	if (digits) {
		for (k = 0; k < n; k++) {
			v = v * 10 + (tok[k] - '0');
			if (v > 1000000)
				break;
		}
		if (v < f->lo || v > f->hi)
			return field_error(fp, fp->i, CK_R_FIELD_RANGE,
			    "%s %.*s out of range %d-%d", f->name,
			    (int)(n > 24 ? 24 : n), tok, f->lo, f->hi);
		*out = (int)v;
		fp->i += n;
		return 0;
	}
	if ((fp->field == CK_FIELD_DOM || fp->field == CK_FIELD_DOW) &&
	    (ext = extension_name(tok, n)) != NULL &&
	    (n == 1 || n == 2 || ck_isdigit((unsigned char)tok[0])))
		return field_error(fp, fp->i, CK_R_EXTENSION, "%s", ext);
	if (fp->field != CK_FIELD_MONTH && fp->field != CK_FIELD_DOW)
		return field_error(fp, fp->i, ck_isdigit((unsigned char)tok[0]) ?
		    CK_R_FIELD_SYNTAX : CK_R_BAD_NAME,
		    "bad %s \"%.*s\": %s", f->name, (int)n, tok,
		    ck_isdigit((unsigned char)tok[0]) ? "not a number" :
		    "names are allowed only for months and days of the week");
	v = fp->field == CK_FIELD_MONTH ? ck_month_from_abbr(tok, n) :
	    ck_dow_from_abbr(tok, n);
	if (v != -1) {
		*out = (int)v;
		fp->i += n;
		return 0;
	}
	for (k = 0; k < (fp->field == CK_FIELD_MONTH ? 12u : 7u); k++) {
		int num = fp->field == CK_FIELD_MONTH ? (int)k + 1 : (int)k;
		const char *full = fp->field == CK_FIELD_MONTH ?
		    ck_month_full(num) : ck_dow_full(num);
		const char *abbr = fp->field == CK_FIELD_MONTH ?
		    ck_month_abbr(num) : ck_dow_abbr(num);

		if (name_eq(tok, n, full) ||
		    (n > 3 && n < strlen(full) && name_eq(tok, 3, abbr) &&
		    strncasecmp(tok, full, n) == 0))
			return field_error(fp, fp->i, CK_R_FULL_NAME,
			    "bad %s \"%.*s\": only three-letter names exist, "
			    "write \"%s\"", f->name, (int)n, tok, abbr);
	}
	return field_error(fp, fp->i, CK_R_BAD_NAME,
	    "unknown %s name \"%.*s\"", fp->field == CK_FIELD_MONTH ? "month" :
	    "day", (int)n, tok);
}

/* step = 1*DIGIT, > 0 */
static int
get_step(struct fparse *fp, int *out)
{
	size_t n, k, start = fp->i;
	long v = 0;

	n = alnum_run(fp, fp->i);
	if (n == 0)
		return field_error(fp, start, CK_R_FIELD_SYNTAX,
		    "missing step after '/' in %s field \"%.*s\"",
		    fp->f->name, (int)fp->len, fp->p);
	for (k = 0; k < n; k++) {
		if (!ck_isdigit((unsigned char)fp->p[fp->i + k]))
			return field_error(fp, start, CK_R_FIELD_SYNTAX,
			    "step \"%.*s\" in %s field is not a number",
			    (int)n, fp->p + fp->i, fp->f->name);
		if (v < 1000000)
			v = v * 10 + (fp->p[fp->i + k] - '0');
	}
	if (ck_dialect_wraps_ints(fp->d)) {
		bool exact, neg_bad = ck_dialect_facts(fp->d)->
		    rejects_negative_step;
		int32_t w = ck_cron_int(fp->p + fp->i, n, &exact);

		if (!exact && w != 0 && !(w < 0 && neg_bad) &&
		    note_wrap(fp, n, w, "step in ") == -1)
			return -1;
		/* Debian rejects a step <= 0, cronie only 0. */
		if (w == 0 || (w < 0 && neg_bad))
			return field_error(fp, start, CK_R_BAD_STEP,
			    exact ? "step must be > 0 in %s field \"%.*s\"" :
			    "step in %s field \"%.*s\" is read as %d (the "
			    "number wraps in a C int): %s's cron rejects it",
			    fp->f->name, (int)(fp->len > 40 ? 40 : fp->len),
			    fp->p, (int)w, ck_dialect_name(fp->d));
		fp->i += n;
		*out = (int)w;
		return 0;
	}
	if (v == 0)
		return field_error(fp, start, CK_R_BAD_STEP,
		    "step must be > 0 in %s field \"%.*s\"", fp->f->name,
		    (int)fp->len, fp->p);
	if (v > 1000000)
		v = 1000000;
	fp->i += n;
	*out = (int)v;
	return 0;
}

static void
set_range(struct fparse *fp, int lo, int hi, int step)
{
	int v;

	for (v = lo; v <= hi; v += step) {
		if (fp->field == CK_FIELD_DOW && v == 7)
			fp->bits |= 1;
		else
			fp->bits |= UINT64_C(1) << v;
	}
}

/*
 * Debian and cronie: set lo, lo+step, ... up to hi one by one, each
 * checked against the field's range, in an int that wraps as cron's does
 * ("30-59/2147483647" overflows and is rejected).  A range that ends on 0
 * ends on 7 ("5-0" is 5-7); a reversed range sets nothing, and cronie
 * never checks its start ("100-4" passes).
 */
static int
vixie_set(struct fparse *fp, size_t start, int lo, int hi, int step,
    bool range, bool stepped)
{
	const struct fspec *f = fp->f;
	int64_t i, next;
	int top = f->hi;

	if (ck_dialect_facts(fp->d)->checks_range_ends && range) {
		/* Debian's crontab(1) checks both ends of a range first. */
		if (lo < f->lo || lo > top || hi < f->lo || hi > top)
			return field_error(fp, start, CK_R_FIELD_RANGE,
			    "%s range \"%.*s\" out of range %d-%d", f->name,
			    (int)(fp->i - start > 40 ? 40 : fp->i - start),
			    fp->p + start, f->lo, f->hi);
	}
	/* cronie turns the 0 into 7 only when no step follows. */
	if (range && lo > hi && hi == 0 && zero_ends_on_seven(fp->d,
	    stepped)) {
		hi = 7;
		if (fp->field == CK_FIELD_DOW) {
			if (ck_diag_add(fp->diags, CK_R_REVERSED_DOW,
			    CK_SEV_WARNING, fp->line,
			    fp->col0 + (unsigned int)start, NULL,
			    "\"%.*s\" runs to Sunday as %d-7; OpenBSD rejects "
			    "a reversed range", (int)(fp->i - start),
			    fp->p + start, lo) == -1)
				return ck_error_oom(fp->err);
		} else if (lo <= 7 && ck_diag_add(fp->diags,
		    CK_R_REVERSED_RANGE, CK_SEV_WARNING, fp->line,
		    fp->col0 + (unsigned int)start, "write the range you mean",
		    "%s reads \"%.*s\" in the %s field as %d-7 (a range "
		    "ending on 0 ends on 7); other crons never run it or "
		    "reject it", ck_dialect_name(fp->d), (int)(fp->i - start),
		    fp->p + start, f->name, lo) == -1)
			return ck_error_oom(fp->err);
	}
	if (lo > hi) {
		if (ck_diag_add(fp->diags, CK_R_REVERSED_RANGE,
		    CK_SEV_WARNING, fp->line, fp->col0 + (unsigned int)start,
		    NULL, "reversed range \"%.*s\" in %s field matches "
		    "nothing (%s accepts it and never runs it; OpenBSD "
		    "rejects it)", (int)(fp->i - start), fp->p + start,
		    f->name, ck_dialect_name(fp->d)) == -1)
			return ck_error_oom(fp->err);
		return 0;
	}
	for (i = lo; i <= hi; i = next) {
		if (i < f->lo || i > top)
			return field_error(fp, start, CK_R_FIELD_RANGE,
			    "%s %lld out of range %d-%d (in \"%.*s\")",
			    f->name, (long long)i, f->lo, f->hi,
			    (int)(fp->i - start > 40 ? 40 : fp->i - start),
			    fp->p + start);
		set_range(fp, (int)i, (int)i, 1);
		next = (int32_t)(uint32_t)((uint32_t)i + (uint32_t)step);
		if (next <= i && step > 0)
			return field_error(fp, start, CK_R_BAD_STEP,
			    "step %d in \"%.*s\" overflows cron's int after "
			    "%lld: %s's cron rejects it", step,
			    (int)(fp->i - start > 40 ? 40 : fp->i - start),
			    fp->p + start, (long long)i, ck_dialect_name(fp->d));
	}
	return 0;
}

/*
 * busybox: a weekday range ending on 7 ("7", "0,7", "5-7", "wed-7").  Its
 * ParseField steps from the start modulo 7 until it meets the end, which
 * never comes: after 1024 steps it logs a parse error and stops reading
 * the field, but keeps the line with every value it set on the way (all
 * seven days unless the step is a multiple of 7).  Verified with
 * busybox 1.35's crond (docs/dialects.md).  Returns 1: the field is done.
 */
static int
busybox_seven(struct fparse *fp, size_t start, int lo, int step)
{
	long k;
	size_t n = fp->i - start;

	for (k = 0; k * step <= 1023; k++)
		fp->bits |= UINT64_C(1) << ((lo % 7 + k * step) % 7);
	if (ck_diag_add(fp->diags, CK_R_FIELD_RANGE, CK_SEV_ERROR, fp->line,
	    fp->col0 + (unsigned int)start, "write 0 for Sunday",
	    (fp->bits & CK_DOW_ALL) != CK_DOW_ALL ?
	    "weekday 7 in \"%.*s\": busybox logs a parse error and keeps the "
	    "line with the weekdays it set before the error%s" :
	    fp->dom_set ?
	    "weekday 7 in \"%.*s\": busybox logs a parse error, keeps the "
	    "line and sets every weekday: busybox ignores the weekday and "
	    "runs this on the days of month only%s" :
	    "weekday 7 in \"%.*s\": busybox logs a parse error, keeps the "
	    "line and sets every weekday: busybox runs this every day%s",
	    (int)(n > 40 ? 40 : n), fp->p + start,
	    fp->i < fp->len ? " (and ignores the rest of the field)" : "") ==
	    -1)
		return ck_error_oom(fp->err);
	fp->i = fp->len;
	return 1;
}

/* What get_range() read, before the dialect's rules apply. */
static void
elem_read(struct fparse *fp, enum ck_elem_kind kind, int a, int b, int step)
{
	fp->cur.field = (uint8_t)fp->field;
	fp->cur.kind = (uint8_t)kind;
	fp->cur.a = a;
	fp->cur.b = b;
	fp->cur.step = step;
	fp->cur.reversed = a > b;
}

/* Keep the element get_range() read from start (with a sink). */
static void
elem_keep(struct fparse *fp, size_t start)
{
	struct ck_elems *el = fp->sink;
	struct ck_elem *nv;
	size_t cap;

	if (el == NULL || fp->oom)
		return;
	if (el->n == el->cap) {
		cap = el->cap ? el->cap * 2 : 16;
		if ((nv = reallocarray(el->v, cap, sizeof(*nv))) == NULL) {
			fp->oom = true;
			return;
		}
		el->v = nv;
		el->cap = cap;
	}
	fp->cur.off = (uint32_t)(fp->foff + start);
	fp->cur.len = (uint32_t)(fp->i - start);
	el->v[el->n++] = fp->cur;
}

/*
 * range = "*" [ "/" step ]
 *       | value [ "-" value [ "/" step ] ]
 *       | [ value ] "~" [ value ]          (cronie, openbsd)
 */
static int
get_range(struct fparse *fp)
{
	const struct fspec *f = fp->f;
	size_t start = fp->i;
	int lo, hi, step = 1, v;
	bool random = false, stepped;
	enum ck_reversed rev = ck_dialect_facts(fp->d)->reversed_range;

	if (fp->p[fp->i] == '*') {
		fp->i++;
		lo = f->lo;
		hi = f->hi;
		if (fp->field == CK_FIELD_DOW)
			hi = 6;
		stepped = !at_end(fp) && fp->p[fp->i] == '/';
		if (stepped) {
			fp->i++;
			if (get_step(fp, &step) == -1)
				return -1;
		}
		elem_read(fp, CK_ELEM_STAR, lo, hi, stepped ? step : 0);
		if (ck_dialect_wraps_ints(fp->d)) {
			/* cron's '*' is first-last: 0-7 for the weekday. */
			if (vixie_set(fp, start, lo, f->hi, step, false, true) == -1)
				return -1;
			if (fp->field == CK_FIELD_DOM)
				fp->bits &= CK_DOM_ALL;
			return 0;
		}
		if (ck_dialect_facts(fp->d)->dom_star_from_0 &&
		    fp->field == CK_FIELD_DOM) {
			/* busybox counts day-of-month steps from slot 0. */
			if (step == 1)
				fp->busybox_full = true;
			lo = 0;
		}
		set_range(fp, lo, hi, step);
		if (fp->field == CK_FIELD_DOM)
			fp->bits &= CK_DOM_ALL;
		return 0;
	}
	if (fp->p[fp->i] == '~' && has_random(fp->d)) {
		lo = f->lo;
		random = true;
	} else if (get_value(fp, &lo, !ck_dialect_wraps_ints(fp->d)) == -1)
		return -1;
	/* Debian and cronie check a single value, not a range's ends. */
	if (ck_dialect_wraps_ints(fp->d) && (at_end(fp) || fp->p[fp->i] != '-') &&
	    (lo < f->lo || lo > f->hi))
		return field_error(fp, start, CK_R_FIELD_RANGE,
		    fp->wrapped ? "%s %.*s out of range %d-%d (it is read as "
		    "%d)" : "%s %.*s out of range %d-%d", f->name,
		    (int)(fp->i - start > 24 ? 24 : fp->i - start),
		    fp->p + start, f->lo, f->hi, lo);
	hi = lo;
	if (!random && !at_end(fp) && fp->p[fp->i] == '~' &&
	    has_random(fp->d))
		random = true;
	if (random) {
		fp->i++;
		hi = f->hi;
		if (!at_end(fp) && ck_isalnum((unsigned char)fp->p[fp->i]) &&
		    get_value(fp, &hi, true) == -1)
			return -1;
		if (lo > hi)
			return field_error(fp, start, CK_R_REVERSED_RANGE,
			    "random range %d~%d in %s field is reversed", lo,
			    hi, f->name);
		elem_read(fp, CK_ELEM_RANDOM, lo, hi, 0);
		set_range(fp, lo, hi, 1);
		if (ck_diag_add(fp->diags, CK_R_RANDOM, CK_SEV_INFO, fp->line,
		    fp->col0 + (unsigned int)start, NULL,
		    "\"%.*s\": %s picks one random %s in %d-%d when it loads "
		    "the crontab; fire times count every candidate",
		    (int)(fp->i - start), fp->p + start,
		    ck_dialect_name(fp->d), f->name, lo, hi) == -1)
			return ck_error_oom(fp->err);
		return 0;
	}
	if (!at_end(fp) && fp->p[fp->i] == '-') {
		fp->i++;
		if (at_end(fp) || fp->p[fp->i] == ',')
			return field_error(fp, fp->i, CK_R_FIELD_SYNTAX,
			    "missing end of range in %s field \"%.*s\"",
			    f->name, (int)fp->len, fp->p);
		if (get_value(fp, &hi, !ck_dialect_wraps_ints(fp->d)) == -1)
			return -1;
		stepped = !at_end(fp) && fp->p[fp->i] == '/';
		if (stepped) {
			fp->i++;
			if (get_step(fp, &step) == -1)
				return -1;
		}
		elem_read(fp, CK_ELEM_RANGE, lo, hi, stepped ? step : 0);
		if (ck_dialect_wraps_ints(fp->d))
			return vixie_set(fp, start, lo, hi, step, true,
			    stepped);
	} else if (!at_end(fp) && fp->p[fp->i] == '/') {
		return field_error(fp, fp->i, CK_R_STEP_NO_RANGE,
		    "step after a single value \"%.*s\": cron needs a range "
		    "(write \"%d-%d/N\"; \"a/n\" is croner/Quartz syntax)",
		    (int)(fp->i - start), fp->p + start, lo,
		    ck_field_max(fp->field));
	} else {
		elem_read(fp, CK_ELEM_VALUE, lo, lo, 0);
		if (ck_dialect_facts(fp->d)->dow_seven_loops &&
		    fp->field == CK_FIELD_DOW && lo == 7)
			return busybox_seven(fp, start, lo, 1);
		set_range(fp, lo, lo, 1);
		return 0;
	}
	if (ck_dialect_facts(fp->d)->dow_seven_loops &&
	    fp->field == CK_FIELD_DOW && hi == 7)
		return busybox_seven(fp, start, lo, step);
	if (lo > hi) {
		/* cronie and Debian: "5-0" means 5-7 in every field. */
		if (hi == 0 && zero_ends_on_seven(fp->d, stepped))
			hi = 7;
		if (fp->field == CK_FIELD_DOW && hi == 7 && lo <= 7) {
			if (rev == CK_REVERSED_REFUSED)
				goto reversed;
			if (ck_diag_add(fp->diags, CK_R_REVERSED_DOW,
			    CK_SEV_WARNING, fp->line,
			    fp->col0 + (unsigned int)start, NULL,
			    "\"%.*s\" runs to Sunday as %d-7; OpenBSD rejects "
			    "a reversed range", (int)(fp->i - start),
			    fp->p + start, lo) == -1)
				return ck_error_oom(fp->err);
			set_range(fp, lo, hi, step);
			return 0;
		}
		if (lo > hi && rev == CK_REVERSED_WRAPS) {
			/* busybox wraps around the end of the field. */
			int top = ck_field_max(fp->field);

			for (v = lo; v <= top; v += step)
				set_range(fp, v, v, 1);
			for (v = f->lo; v <= hi; v += step)
				set_range(fp, v, v, 1);
			if (ck_diag_add(fp->diags, CK_R_REVERSED_RANGE,
			    CK_SEV_WARNING, fp->line,
			    fp->col0 + (unsigned int)start, NULL,
			    "reversed range \"%.*s\" wraps around in busybox; "
			    "other crons never run it or reject it",
			    (int)(fp->i - start), fp->p + start) == -1)
				return ck_error_oom(fp->err);
			return 0;
		}
		if (lo > hi) {
			if (rev == CK_REVERSED_REFUSED)
				goto reversed;
			if (ck_diag_add(fp->diags, CK_R_REVERSED_RANGE,
			    CK_SEV_WARNING, fp->line,
			    fp->col0 + (unsigned int)start, NULL,
			    "reversed range \"%.*s\" in %s field matches "
			    "nothing (%s accepts it and never runs it; OpenBSD "
			    "rejects it)", (int)(fp->i - start), fp->p + start,
			    f->name, ck_dialect_name(fp->d)) == -1)
				return ck_error_oom(fp->err);
			return 0;
		}
	}
	set_range(fp, lo, hi, step);
	return 0;
reversed:
	return field_error(fp, start, CK_R_REVERSED_RANGE,
	    "reversed range \"%.*s\" in %s field (write the smaller value "
	    "first)", (int)(fp->i - start), fp->p + start, f->name);
}

/* list = range *( "," range ) */
static int
get_list(struct fparse *fp)
{
	size_t at;
	char c;
	int rc;

	for (;;) {
		if (at_end(fp))
			return field_error(fp, fp->i, CK_R_FIELD_SYNTAX,
			    "empty element in %s field \"%.*s\"", fp->f->name,
			    (int)fp->len, fp->p);
		at = fp->i;
		if ((rc = get_range(fp)) == -1)
			return -1;
		elem_keep(fp, at);
		if (rc == 1 || at_end(fp))
			return 0;
		c = fp->p[fp->i];
		if (c == ',') {
			fp->i++;
			continue;
		}
		at = fp->i;
		if (ck_dialect_facts(fp->d)->skips_list_tail) {
			/* Vixie 3.0: Skip_Nonblanks after a complete list. */
			if (ck_diag_add(fp->diags, CK_R_IGNORED_TEXT,
			    CK_SEV_WARNING, fp->line,
			    fp->col0 + (unsigned int)at,
			    "cronie and OpenBSD reject it",
			    "Debian's cron ignores \"%.*s\" in %s field "
			    "\"%.*s\" and runs it as \"%.*s\"",
			    (int)(fp->len - at), fp->p + at, fp->f->name,
			    (int)fp->len, fp->p, (int)at, fp->p) == -1)
				return ck_error_oom(fp->err);
			fp->i = fp->len;
			return 0;
		}
		if (c == '#' && fp->field == CK_FIELD_DOW)
			return field_error(fp, at, CK_R_EXTENSION,
			    "'#' (nth weekday of the month) is "
			    "Quartz/croner syntax, not cron");
		if (c == '~')
			return field_error(fp, at, CK_R_RANDOM,
			    "'~' (random value) is not supported by %s cron",
			    ck_dialect_name(fp->d));
		return field_error(fp, at, CK_R_FIELD_SYNTAX,
		    "unexpected \"%c\" in %s field \"%.*s\"", c, fp->f->name,
		    (int)fp->len, fp->p);
	}
}

static int
scan_keyword(struct ck_expr *e, const char *p, size_t n, unsigned int line,
    unsigned int col, ck_error *err)
{
	size_t k;

	for (k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++) {
		if (strlen(keywords[k].word) == n - 1 &&
		    memcmp(keywords[k].word, p + 1, n - 1) == 0)
			break;
	}
	if (k == sizeof(keywords) / sizeof(keywords[0])) {
		for (k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++)
			if (strlen(keywords[k].word) == n - 1 &&
			    strncasecmp(keywords[k].word, p + 1, n - 1) == 0) {
				ck_error_set(err, CK_ESYNTAX, line, col,
				    "\"%.*s\": @keywords are lowercase, write "
				    "\"@%s\"", (int)n, p, keywords[k].word);
				if (err != NULL)
					err->rule = CK_R_KEYWORD_CASE;
				return -1;
			}
		ck_error_set(err, CK_ESYNTAX, line, col,
		    "unknown keyword \"%.*s\" (@reboot, @yearly, @annually, "
		    "@monthly, @weekly, @daily, @midnight, @hourly)",
		    (int)(n > 40 ? 40 : n), p);
		if (err != NULL)
			err->rule = CK_R_BAD_KEYWORD;
		return -1;
	}
	e->keyword = (uint8_t)keywords[k].kw;
	e->minute = 1;
	e->hour = 1;
	e->dom = CK_DOM_ALL;
	e->month = CK_MONTH_ALL;
	e->dow = CK_DOW_ALL;
	switch (keywords[k].kw) {
	case CK_KW_REBOOT:
		e->minute = 0;
		e->hour = 0;
		e->dom = 0;
		e->month = 0;
		e->dow = 0;
		e->flags = CK_SF_REBOOT;
		break;
	case CK_KW_YEARLY:
	case CK_KW_ANNUALLY:
		e->month = 1u << 1;
		CK_FALLTHROUGH;
	case CK_KW_MONTHLY:
		e->dom = 1u << 1;
		e->flags = CK_SF_DOW_STAR;
		break;
	case CK_KW_WEEKLY:
		e->dow = 1;
		e->flags = CK_SF_DOM_STAR;
		break;
	case CK_KW_HOURLY:
		e->hour = CK_HOUR_ALL;
		e->flags = CK_SF_HR_STAR;
		break;
	default:
		break;
	}
	return 0;
}

/* ck_expr_scan(), keeping the fields and elements in sink (or NULL). */
static int
scan(struct ck_expr *e, const char *text, size_t len, ck_dialect d,
    unsigned int line, unsigned int col0, size_t *end, ck_diag_list *diags,
    ck_error *err, struct ck_elems *sink)
{
	struct fparse fp;
	size_t i = 0, start, tok;
	int f;

	memset(e, 0, sizeof(*e));
	while (i < len && ck_isblank((unsigned char)text[i]))
		i++;
	start = i;
	if (i < len && text[i] == '@') {
		tok = i;
		while (i < len && !ck_isblank((unsigned char)text[i]))
			i++;
		if (scan_keyword(e, text + tok, i - tok, line,
		    col0 + (unsigned int)tok, err) == -1)
			return -1;
		goto done;
	}
	memset(&fp, 0, sizeof(fp));
	fp.d = d;
	fp.line = line;
	fp.diags = diags;
	fp.err = err;
	fp.sink = sink;
	for (f = 0; f < CK_FIELD_COUNT; f++) {
		while (i < len && ck_isblank((unsigned char)text[i]))
			i++;
		if (i >= len) {
			ck_error_set(err, CK_ESYNTAX, line,
			    col0 + (unsigned int)i,
			    "missing %s field (a schedule has five fields: "
			    "minute hour day-of-month month day-of-week)",
			    field_names[f]);
			if (err != NULL)
				err->rule = CK_R_FIELD_COUNT;
			return -1;
		}
		tok = i;
		while (i < len && !ck_isblank((unsigned char)text[i]))
			i++;
		fp.p = text + tok;
		fp.len = i - tok;
		fp.i = 0;
		fp.spec.name = field_names[f];
		fp.spec.lo = ck_field_min((enum ck_field)f);
		fp.spec.hi = ck_field_max_written((enum ck_field)f);
		fp.f = &fp.spec;
		fp.field = (enum ck_field)f;
		fp.col0 = col0 + (unsigned int)tok;
		fp.bits = 0;
		fp.busybox_full = false;
		fp.dom_set = !(e->flags & CK_SF_DOM_STAR);
		fp.foff = tok - start;
		if (get_list(&fp) == -1)
			return -1;
		if (sink != NULL) {
			sink->foff[f] = (uint32_t)(tok - start);
			sink->flen[f] = (uint32_t)(i - tok);
		}
		switch (f) {
		case CK_FIELD_MINUTE:
			e->minute = fp.bits & CK_MINUTE_ALL;
			if (fp.p[0] == '*')
				e->flags |= CK_SF_MIN_STAR;
			break;
		case CK_FIELD_HOUR:
			e->hour = (uint32_t)fp.bits & CK_HOUR_ALL;
			if (fp.p[0] == '*')
				e->flags |= CK_SF_HR_STAR;
			break;
		case CK_FIELD_DOM:
			e->dom = (uint32_t)fp.bits & CK_DOM_ALL;
			if (ck_dialect_facts(d)->day_star_by_bits ?
			    fp.busybox_full : fp.p[0] == '*')
				e->flags |= CK_SF_DOM_STAR;
			break;
		case CK_FIELD_MONTH:
			e->month = (uint16_t)(fp.bits & CK_MONTH_ALL);
			break;
		case CK_FIELD_DOW:
			e->dow = (uint8_t)(fp.bits & CK_DOW_ALL);
			if (ck_dialect_facts(d)->day_star_by_bits ?
			    e->dow == CK_DOW_ALL : fp.p[0] == '*')
				e->flags |= CK_SF_DOW_STAR;
			break;
		}
	}
	if (sink != NULL) {
		if (fp.oom)
			return ck_error_oom(err);
		sink->fields = true;
	}
done:
	e->text = text + start;
	e->len = (uint32_t)(i - start);
	*end = i;
	return 0;
}

int
ck_expr_scan(struct ck_expr *e, const char *text, size_t len, ck_dialect d,
    unsigned int line, unsigned int col0, size_t *end, ck_diag_list *diags,
    ck_error *err)
{
	return scan(e, text, len, d, line, col0, end, diags, err, NULL);
}

int
ck_expr_elements(const struct ck_expr *e, ck_dialect d,
    struct ck_elems *out, ck_error *err)
{
	struct ck_expr x;
	ck_error perr;
	size_t end;

	out->n = 0;
	out->fields = false;
	if (e->keyword != CK_KW_NONE || e->text == NULL)
		return 0;
	if (scan(&x, e->text, e->len, d, 1, 1, &end, NULL, &perr, out) == 0)
		return 0;
	out->n = 0;
	out->fields = false;
	if (perr.code == CK_ENOMEM)
		return ck_error_oom(err);
	return 0;
}

void
ck_elems_clear(struct ck_elems *el)
{
	free(el->v);
	memset(el, 0, sizeof(*el));
}

ck_expr *
ck_expr_parse(const char *text, size_t len, ck_dialect d, ck_error *err)
{
	struct ck_expr tmp, *e;
	size_t end, j;
	char *copy;

	if (memchr(text, '\0', len) != NULL) {
		ck_error_set(err, CK_ESYNTAX, 1,
		    (unsigned int)((const char *)memchr(text, '\0', len) -
		    text) + 1, "NUL byte in schedule");
		return NULL;
	}
	/*
	 * cron reads a schedule from one line: a newline can never be part
	 * of it (Debian would otherwise skip it as text after a field).
	 */
	if (memchr(text, '\n', len) != NULL) {
		ck_error_set(err, CK_ESYNTAX, 1,
		    (unsigned int)((const char *)memchr(text, '\n', len) -
		    text) + 1, "newline in schedule (a schedule is one line)");
		return NULL;
	}
	if (len > 4096) {
		ck_error_set(err, CK_ERANGE, 1, 1,
		    "schedule longer than 4096 bytes");
		return NULL;
	}
	if (ck_expr_scan(&tmp, text, len, d, 1, 1, &end, NULL, err) == -1)
		return NULL;
	j = end;
	while (j < len && ck_isblank((unsigned char)text[j]))
		j++;
	if (j < len) {
		if (text[j] == '*' || ck_isdigit((unsigned char)text[j])) {
			ck_error_set(err, CK_ESYNTAX, 1, (unsigned int)j + 1,
			    "a sixth field \"%.*s\": cron has no seconds or "
			    "years field (croner/Quartz syntax)",
			    (int)(len - j > 20 ? 20 : len - j), text + j);
			if (err != NULL)
				err->rule = CK_R_SIX_FIELDS;
		} else {
			ck_error_set(err, CK_ESYNTAX, 1, (unsigned int)j + 1,
			    "unexpected text \"%.*s\" after the schedule",
			    (int)(len - j > 20 ? 20 : len - j), text + j);
			if (err != NULL)
				err->rule = CK_R_FIELD_SYNTAX;
		}
		return NULL;
	}
	if ((e = malloc(sizeof(*e) + tmp.len + 1)) == NULL) {
		ck_error_oom(err);
		return NULL;
	}
	*e = tmp;
	copy = (char *)(e + 1);
	memcpy(copy, tmp.text, tmp.len);
	copy[tmp.len] = '\0';
	e->text = copy;
	e->flags |= CK_SF_OWNED;
	return e;
}

ck_expr *
ck_expr_dup(const ck_expr *src, ck_error *err)
{
	ck_expr *e;
	char *copy;

	if ((e = malloc(sizeof(*e) + src->len + 1)) == NULL) {
		ck_error_oom(err);
		return NULL;
	}
	*e = *src;
	copy = (char *)(e + 1);
	memcpy(copy, src->text, src->len);
	copy[src->len] = '\0';
	e->text = copy;
	e->flags |= CK_SF_OWNED;
	return e;
}

void
ck_expr_free(ck_expr *e)
{
	free(e);
}

const char *
ck_expr_text(const ck_expr *e, size_t *len)
{
	if (len != NULL)
		*len = e->len;
	return e->text;
}

enum ck_keyword
ck_expr_keyword(const ck_expr *e)
{
	return (enum ck_keyword)e->keyword;
}

bool
ck_expr_is_reboot(const ck_expr *e)
{
	return (e->flags & CK_SF_REBOOT) != 0;
}

bool
ck_expr_has(const ck_expr *e, enum ck_field f, int v)
{
	switch (f) {
	case CK_FIELD_MINUTE:
		return v >= 0 && v < 60 && (e->minute >> v) & 1;
	case CK_FIELD_HOUR:
		return v >= 0 && v < 24 && (e->hour >> v) & 1;
	case CK_FIELD_DOM:
		return v >= 1 && v <= 31 && (e->dom >> v) & 1;
	case CK_FIELD_MONTH:
		return v >= 1 && v <= 12 && (e->month >> v) & 1;
	case CK_FIELD_DOW:
		if (v == 7)
			v = 0;
		return v >= 0 && v < 7 && (e->dow >> v) & 1;
	default:
		return false;
	}
}

bool
ck_expr_matches(const ck_expr *e, const struct tm *tm)
{
	bool dom, dow;

	if (e->flags & CK_SF_REBOOT)
		return false;
	if (!((e->minute >> tm->tm_min) & 1) || !((e->hour >> tm->tm_hour) & 1)
	    || !((e->month >> (tm->tm_mon + 1)) & 1))
		return false;
	dom = (e->dom >> tm->tm_mday) & 1;
	dow = (e->dow >> tm->tm_wday) & 1;
	if (e->flags & (CK_SF_DOM_STAR | CK_SF_DOW_STAR))
		return dom && dow;
	return dom || dow;
}

bool
ck_expr_same(const ck_expr *a, const ck_expr *b)
{
	const uint8_t dayflags = CK_SF_DOM_STAR | CK_SF_DOW_STAR;
	bool aand, band;

	if ((a->flags & CK_SF_REBOOT) || (b->flags & CK_SF_REBOOT))
		return (a->flags & CK_SF_REBOOT) && (b->flags & CK_SF_REBOOT);
	if (a->minute != b->minute || a->hour != b->hour ||
	    a->month != b->month)
		return false;
	if (a->dom == b->dom && a->dow == b->dow &&
	    (a->flags & dayflags) == (b->flags & dayflags))
		return true;
	/*
	 * Different spellings of the same days: compare the set of days
	 * each rule selects over a (day-of-month, weekday) grid.
	 */
	aand = (a->flags & dayflags) != 0;
	band = (b->flags & dayflags) != 0;
	for (int md = 1; md <= 31; md++)
		for (int wd = 0; wd < 7; wd++) {
			bool x, y, ad = (a->dom >> md) & 1,
			    aw = (a->dow >> wd) & 1, bd = (b->dom >> md) & 1,
			    bw = (b->dow >> wd) & 1;

			x = aand ? (ad && aw) : (ad || aw);
			y = band ? (bd && bw) : (bd || bw);
			if (x != y)
				return false;
		}
	return true;
}
