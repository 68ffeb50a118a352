/* SPDX-License-Identifier: ISC */
/*
 * phrase.c - human phrases to cron expressions: "every weekday at 18:30"
 * becomes "30 18 * * 1-5".
 *
 * The phrase is lexed into words, numbers, times and ordinals, parsed as a
 * sequence of clauses (every / at / from..to / between..and / on / in /
 * the one-word keywords), and then turned into the five fields through the
 * builder (build.c).  Anything cron cannot say exactly is refused with the
 * reason: cron's steps restart at the top of their field, so "every 7
 * hours" or "every 90 minutes" or "every 2 days" have no exact cron form.
 * The grammar is documented in docs/explain.md.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAXTOK		128
#define MAXTIMES	64

enum tok_kind {
	T_WORD,		/* letters: "every", "mon", "am" */
	T_NUM,		/* digits */
	T_ORD,		/* 1st, 2nd, 15th */
	T_TIME,		/* 09:00, 3am, 3:30pm, noon, midnight */
	T_MINUTE,	/* :15 */
	T_DASH,		/* - */
	T_COMMA,	/* , or & */
	T_END
};

struct token {
	enum tok_kind	 kind;
	const char	*p;
	size_t		 len;
	unsigned int	 col;
	int		 num;		/* T_NUM, T_ORD, T_MINUTE */
	int		 h, m;		/* T_TIME */
};

enum interval {
	IV_NONE = 0, IV_MINUTE, IV_HOUR, IV_DAY, IV_WEEK, IV_MONTH, IV_YEAR
};

struct phrase {
	struct token	 t[MAXTOK + 1];
	size_t		 nt;
	size_t		 i;		/* current token */
	ck_error	*err;

	bool		 reboot;
	enum interval	 iv;
	int		 ivn;		/* the interval's count */
	unsigned int	 ivcol;
	int		 th[MAXTIMES];	/* times: hour, or -1 for ":MM" */
	int		 tm[MAXTIMES];
	int		 ntimes;
	unsigned int	 tcol;
	bool		 window;
	int		 wh1, wm1, wh2, wm2;
	unsigned int	 wcol;
	uint64_t	 dom, month, dow;
	unsigned int	 domcol, dowcol;
};

static const struct {
	const char	*word;
	int		 n;
} number_words[] = {
	{ "one", 1 }, { "two", 2 }, { "three", 3 }, { "four", 4 },
	{ "five", 5 }, { "six", 6 }, { "ten", 10 }, { "twelve", 12 },
	{ "fifteen", 15 }, { "twenty", 20 }, { "thirty", 30 }, { "other", 2 },
};

static int	 lex(struct phrase *, const char *, size_t);
static bool	 word_is(const struct token *, const char *);
static bool	 is(struct phrase *, const char *);
static struct token *cur(struct phrase *);
static int	 fail(struct phrase *, const struct token *, enum ck_code,
		    const char *, ...) __attribute__((format(printf, 4, 5)));
static int	 month_of(const struct token *);
static int	 day_of(const struct token *, bool *);
static int	 number_of(const struct token *);
static int	 parse_every(struct phrase *);
static int	 parse_at(struct phrase *);
static int	 parse_from(struct phrase *, const char *);
static int	 parse_on(struct phrase *);
static int	 parse_in(struct phrase *);
static int	 parse_days(struct phrase *, bool);
static int	 parse_months(struct phrase *);
static int	 parse_ordinals(struct phrase *);
static int	 set_interval(struct phrase *, enum interval, int,
		    const struct token *);
static int	 add_dow(struct phrase *, uint64_t, const struct token *);
static int	 build(struct phrase *, ck_build *);
static int	 build_time(struct phrase *, ck_build *);

static bool
word_is(const struct token *t, const char *w)
{
	size_t i;

	if (t->kind != T_WORD || strlen(w) != t->len)
		return false;
	for (i = 0; i < t->len; i++)
		if (ck_tolower((unsigned char)t->p[i]) != w[i])
			return false;
	return true;
}

static struct token *
cur(struct phrase *ph)
{
	return &ph->t[ph->i];
}

/* Consume the current token when it is the word w. */
static bool
is(struct phrase *ph, const char *w)
{
	if (!word_is(cur(ph), w))
		return false;
	ph->i++;
	return true;
}

static int
fail(struct phrase *ph, const struct token *t, enum ck_code code,
    const char *fmt, ...)
{
	va_list ap;
	int n;

	if (ph->err == NULL)
		return -1;
	ph->err->code = code;
	ph->err->line = 1;
	ph->err->column = t != NULL ? t->col : 0;
	ph->err->sys_errno = 0;
	ph->err->rule = 0;
	va_start(ap, fmt);
	n = ck_vfmt(ph->err->msg, sizeof(ph->err->msg), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(ph->err->msg))
		memcpy(ph->err->msg + sizeof(ph->err->msg) - 4, "...", 4);
	return -1;
}

/*
 * Split the phrase into tokens.  Letters make words, digits make numbers
 * (with "st", "nd", "rd", "th" ordinals, "am"/"pm" times and "H:MM"
 * times), ":MM" is a minute of the hour.
 */
static int
lex(struct phrase *ph, const char *s, size_t len)
{
	struct token *t;
	size_t i = 0, j;
	int v;

	ph->nt = 0;
	while (i < len) {
		if (ck_isblank(s[i]) || s[i] == '\n' || s[i] == '\r') {
			i++;
			continue;
		}
		if (ph->nt == MAXTOK) {
			struct token end = { .col = (unsigned int)i + 1 };
			return fail(ph, &end, CK_ERANGE, "phrase too long "
			    "(more than %d words)", MAXTOK);
		}
		t = &ph->t[ph->nt];
		memset(t, 0, sizeof(*t));
		t->p = s + i;
		t->col = (unsigned int)i + 1;
		if (ck_isalpha(s[i])) {
			for (j = i; j < len && ck_isalpha(s[j]); j++)
				;
			t->kind = T_WORD;
			t->len = j - i;
			if (word_is(t, "noon") || word_is(t, "midnight")) {
				t->h = word_is(t, "noon") ? 12 : 0;
				t->kind = T_TIME;
			}
		} else if (ck_isdigit(s[i]) || (s[i] == ':' && i + 1 < len &&
		    ck_isdigit(s[i + 1]))) {
			v = 0;
			for (j = i; j < len && ck_isdigit(s[j]); j++) {
				v = v * 10 + (s[j] - '0');
				if (v > 9999) {
					t->len = 1;
					return fail(ph, t, CK_ERANGE,
					    "number too large");
				}
			}
			t->kind = T_NUM;
			t->num = v;
			if (j < len && s[j] == ':' && j + 2 < len + 0 &&
			    ck_isdigit(s[j + 1]) && ck_isdigit(s[j + 2]) &&
			    (j + 3 >= len || !ck_isdigit(s[j + 3]))) {
				t->kind = j == i ? T_MINUTE : T_TIME;
				t->h = v;
				t->m = (s[j + 1] - '0') * 10 + (s[j + 2] - '0');
				t->num = t->m;
				j += 3;
				if (t->kind == T_TIME && j - i > 5) {
					t->len = j - i;
					return fail(ph, t, CK_ESYNTAX,
					    "bad time \"%.*s\"", (int)t->len,
					    t->p);
				}
			} else if (j == i) {
				t->len = 1;
				return fail(ph, t, CK_ESYNTAX, "a minute is "
				    "written with two digits, as in \":05\"");
			}
			/* A suffix glued to the number. */
			if (j + 1 < len && ck_isalpha(s[j]) &&
			    ck_isalpha(s[j + 1]) &&
			    (j + 2 >= len || !ck_isalpha(s[j + 2]))) {
				char a = (char)ck_tolower((unsigned char)s[j]);
				char b = (char)ck_tolower(
				    (unsigned char)s[j + 1]);

				if ((a == 'a' || a == 'p') && b == 'm') {
					if (t->kind == T_NUM) {
						t->kind = T_TIME;
						t->h = v;
						t->m = 0;
					}
					j += 2;
					t->len = j - i;
					if (t->kind != T_TIME || t->h < 1 ||
					    t->h > 12)
						return fail(ph, t, CK_ERANGE,
						    "bad 12-hour time \"%.*s\"",
						    (int)t->len, t->p);
					t->h = t->h % 12 + (a == 'p' ? 12 : 0);
				} else if (t->kind == T_NUM &&
				    ((a == 's' && b == 't') ||
				    (a == 'n' && b == 'd') ||
				    (a == 'r' && b == 'd') ||
				    (a == 't' && b == 'h'))) {
					t->kind = T_ORD;
					j += 2;
				}
			}
			t->len = j - i;
		} else if (s[i] == '-') {
			t->kind = T_DASH;
			t->len = 1;
			j = i + 1;
		} else if (s[i] == ',' || s[i] == '&') {
			t->kind = T_COMMA;
			t->len = 1;
			j = i + 1;
		} else {
			t->len = 1;
			return fail(ph, t, CK_ESYNTAX, "unexpected \"%c\"",
			    s[i]);
		}
		/* "3 pm" written apart. */
		if (t->kind == T_TIME || t->kind == T_NUM) {
			size_t k = j;

			while (k < len && ck_isblank(s[k]))
				k++;
			if (k + 1 < len && (k + 2 >= len ||
			    !ck_isalpha(s[k + 2])) &&
			    (ck_tolower((unsigned char)s[k]) == 'a' ||
			    ck_tolower((unsigned char)s[k]) == 'p') &&
			    ck_tolower((unsigned char)s[k + 1]) == 'm' &&
			    k > j) {
				int pm = ck_tolower((unsigned char)s[k]) == 'p';
				int h = t->kind == T_TIME ? t->h : t->num;

				t->len = k + 2 - i;
				if (h < 1 || h > 12)
					return fail(ph, t, CK_ERANGE,
					    "bad 12-hour time \"%.*s\"",
					    (int)t->len, t->p);
				if (t->kind == T_NUM)
					t->m = 0;
				t->kind = T_TIME;
				t->h = h % 12 + (pm ? 12 : 0);
				j = k + 2;
			}
		}
		if (t->kind == T_TIME && (t->h > 23 || t->m > 59))
			return fail(ph, t, CK_ERANGE, "no such time \"%.*s\"",
			    (int)t->len, t->p);
		if (t->kind == T_MINUTE && t->m > 59)
			return fail(ph, t, CK_ERANGE, "minute %d out of range "
			    "0-59", t->m);
		ph->nt++;
		i = j;
	}
	t = &ph->t[ph->nt];
	memset(t, 0, sizeof(*t));
	t->kind = T_END;
	t->p = s + len;
	t->col = (unsigned int)len + 1;
	return 0;
}

static int
month_of(const struct token *t)
{
	int i;
	size_t k;

	if (t->kind != T_WORD || t->len < 3)
		return -1;
	for (i = 1; i <= 12; i++) {
		if (t->len != 3 && t->len != strlen(ck_month_full(i)) &&
		    !(i == 9 && t->len == 4))
			continue;
		for (k = 0; k < t->len; k++)
			if (ck_tolower((unsigned char)t->p[k]) !=
			    ck_tolower((unsigned char)ck_month_full(i)[k]))
				break;
		if (k == t->len)
			return i;
	}
	return -1;
}

/*
 * A day name: "mon", "monday", "mondays", "tues", "thurs".  *plural is
 * set for "mondays".
 */
static int
day_of(const struct token *t, bool *plural)
{
	int i;
	size_t k, n;

	*plural = false;
	if (t->kind != T_WORD || t->len < 3)
		return -1;
	for (i = 0; i < 7; i++) {
		n = t->len;
		if (n == strlen(ck_dow_full(i)) + 1 &&
		    ck_tolower((unsigned char)t->p[n - 1]) == 's') {
			n--;
			*plural = true;
		} else
			*plural = false;
		if (n != 3 && n != strlen(ck_dow_full(i)) &&
		    !(n == 4 && (i == 2 || i == 4)) && !(n == 5 && i == 4))
			continue;
		for (k = 0; k < n; k++)
			if (ck_tolower((unsigned char)t->p[k]) !=
			    ck_tolower((unsigned char)ck_dow_full(i)[k]))
				break;
		if (k == n)
			return i;
	}
	*plural = false;
	return -1;
}

static int
number_of(const struct token *t)
{
	size_t i;

	if (t->kind == T_NUM)
		return t->num;
	for (i = 0; i < sizeof(number_words) / sizeof(number_words[0]); i++)
		if (word_is(t, number_words[i].word))
			return number_words[i].n;
	return -1;
}

static int
set_interval(struct phrase *ph, enum interval iv, int n,
    const struct token *t)
{
	if (ph->iv != IV_NONE && !(ph->iv == iv && ph->ivn == n))
		return fail(ph, t, CK_ESYNTAX, "a second interval: say "
		    "\"every\" once");
	ph->iv = iv;
	ph->ivn = n;
	ph->ivcol = t->col;
	return 0;
}

static int
add_dow(struct phrase *ph, uint64_t days, const struct token *t)
{
	if (ph->dow == 0)
		ph->dowcol = t->col;
	ph->dow |= days;
	return 0;
}

/*
 * every_tail = [count] unit | daylist | "weekday" | "weekend" ["day"]
 * unit       = minute[s] | min[s] | hour[s] | hr[s] | day[s] | week[s]
 *            | month[s] | year[s]
 */
static int
parse_every(struct phrase *ph)
{
	struct token *start = cur(ph), *u;
	int n = number_of(cur(ph));
	bool plural;

	if (n >= 0)
		ph->i++;
	u = cur(ph);
	if (n == 0)
		return fail(ph, start, CK_ERANGE, "every 0 is never");
	if (word_is(u, "minute") || word_is(u, "minutes") ||
	    word_is(u, "min") || word_is(u, "mins")) {
		ph->i++;
		return set_interval(ph, IV_MINUTE, n < 0 ? 1 : n, start);
	}
	if (word_is(u, "hour") || word_is(u, "hours") || word_is(u, "hr") ||
	    word_is(u, "hrs")) {
		ph->i++;
		return set_interval(ph, IV_HOUR, n < 0 ? 1 : n, start);
	}
	if (word_is(u, "day") || word_is(u, "days")) {
		ph->i++;
		return set_interval(ph, IV_DAY, n < 0 ? 1 : n, start);
	}
	if (word_is(u, "week") || word_is(u, "weeks")) {
		ph->i++;
		return set_interval(ph, IV_WEEK, n < 0 ? 1 : n, start);
	}
	if (word_is(u, "month") || word_is(u, "months")) {
		ph->i++;
		return set_interval(ph, IV_MONTH, n < 0 ? 1 : n, start);
	}
	if (word_is(u, "year") || word_is(u, "years")) {
		ph->i++;
		return set_interval(ph, IV_YEAR, n < 0 ? 1 : n, start);
	}
	if (n >= 0 && (word_is(u, "weekday") || word_is(u, "weekdays") ||
	    day_of(u, &plural) >= 0))
		return fail(ph, start, CK_ERANGE, "every %d %.*s cannot be "
		    "expressed: cron has no week counter", n, (int)u->len,
		    u->p);
	if (n >= 0)
		return fail(ph, u, CK_ESYNTAX, "expected a unit (minutes, "
		    "hours, days, weeks, months, years) after \"%.*s\"",
		    (int)start->len, start->p);
	if (set_interval(ph, IV_DAY, 1, start) == -1)
		return -1;
	return parse_days(ph, true);
}

/*
 * days     = ( "weekday"[s] | "weekend"[s] ["day"[s]] | day ["-" day]
 *            | day "to" day ) *( ("and" | ",") days )
 */
static int
parse_days(struct phrase *ph, bool required)
{
	struct token *t = cur(ph), *t2;
	int d, d2, k;
	bool plural, any = false;

	for (;;) {
		t = cur(ph);
		if (word_is(t, "weekday") || word_is(t, "weekdays")) {
			ph->i++;
			add_dow(ph, 0x3e, t);
		} else if (word_is(t, "weekend") || word_is(t, "weekends")) {
			ph->i++;
			if (!is(ph, "day"))
				(void)is(ph, "days");
			add_dow(ph, 0x41, t);
		} else if ((d = day_of(t, &plural)) >= 0) {
			ph->i++;
			d2 = d;
			if (cur(ph)->kind == T_DASH || word_is(cur(ph), "to") ||
			    word_is(cur(ph), "through") ||
			    word_is(cur(ph), "thru")) {
				ph->i++;
				t2 = cur(ph);
				if ((d2 = day_of(t2, &plural)) < 0)
					return fail(ph, t2, CK_ESYNTAX,
					    "expected a day name after "
					    "\"%.*s\"", (int)t->len, t->p);
				ph->i++;
			}
			/* Ranges run forward round the week: fri-mon. */
			for (k = d;; k = (k + 1) % 7) {
				add_dow(ph, UINT64_C(1) << k, t);
				if (k == d2)
					break;
			}
		} else if (!any && required)
			return fail(ph, t, CK_ESYNTAX, "expected a unit or a "
			    "day after \"every\"");
		else
			break;
		any = true;
		if ((cur(ph)->kind == T_COMMA || word_is(cur(ph), "and") ||
		    word_is(cur(ph), "or")) &&
		    (day_of(&ph->t[ph->i + 1], &plural) >= 0 ||
		    word_is(&ph->t[ph->i + 1], "weekend") ||
		    word_is(&ph->t[ph->i + 1], "weekends") ||
		    word_is(&ph->t[ph->i + 1], "weekdays") ||
		    word_is(&ph->t[ph->i + 1], "weekday")))
			ph->i++;
		else
			break;
	}
	return any ? 0 : 1;
}

/* months = month [("-" | "to" | "through") month] *(("and" | ",") months) */
static int
parse_months(struct phrase *ph)
{
	struct token *t, *t2;
	int m, m2, k;
	bool any = false;

	for (;;) {
		t = cur(ph);
		if ((m = month_of(t)) < 0)
			break;
		ph->i++;
		m2 = m;
		if (cur(ph)->kind == T_DASH || word_is(cur(ph), "to") ||
		    word_is(cur(ph), "through") || word_is(cur(ph), "thru")) {
			ph->i++;
			t2 = cur(ph);
			if ((m2 = month_of(t2)) < 0)
				return fail(ph, t2, CK_ESYNTAX, "expected a "
				    "month after \"%.*s\"", (int)t->len, t->p);
			ph->i++;
			if (m2 < m)
				return fail(ph, t, CK_ESYNTAX, "month range "
				    "%.*s to %.*s runs backwards: cron "
				    "months cannot wrap round the year",
				    (int)t->len, t->p, (int)t2->len, t2->p);
		}
		for (k = m; k <= m2; k++)
			ph->month |= UINT64_C(1) << k;
		any = true;
		if ((cur(ph)->kind == T_COMMA || word_is(cur(ph), "and")) &&
		    month_of(&ph->t[ph->i + 1]) >= 0)
			ph->i++;
		else
			break;
	}
	return any ? 0 : 1;
}

/* ordinals = ["the"] ord ["-" ord] *(("and" | ",") ["the"] ord) */
static int
parse_ordinals(struct phrase *ph)
{
	struct token *t;
	int d, d2, k;
	bool any = false;

	for (;;) {
		(void)is(ph, "the");
		t = cur(ph);
		if (t->kind != T_ORD)
			break;
		d = d2 = t->num;
		ph->i++;
		if ((cur(ph)->kind == T_DASH || word_is(cur(ph), "to") ||
		    word_is(cur(ph), "through")) &&
		    ph->t[ph->i + 1].kind == T_ORD) {
			ph->i++;
			d2 = cur(ph)->num;
			ph->i++;
		}
		if (d < 1 || d > 31 || d2 < 1 || d2 > 31)
			return fail(ph, t, CK_ERANGE, "day of month %d out of "
			    "range 1-31", d < 1 || d > 31 ? d : d2);
		if (d2 < d)
			return fail(ph, t, CK_ESYNTAX, "day range %d-%d runs "
			    "backwards", d, d2);
		if (ph->dom == 0)
			ph->domcol = t->col;
		for (k = d; k <= d2; k++)
			ph->dom |= UINT64_C(1) << k;
		any = true;
		if ((cur(ph)->kind == T_COMMA || word_is(cur(ph), "and")) &&
		    (ph->t[ph->i + 1].kind == T_ORD ||
		    word_is(&ph->t[ph->i + 1], "the")))
			ph->i++;
		else
			break;
	}
	if (any && is(ph, "of")) {
		/* "of the month", "of every month", "of january" */
		if (is(ph, "the") || is(ph, "every") || is(ph, "each")) {
			if (!is(ph, "month"))
				return fail(ph, cur(ph), CK_ESYNTAX,
				    "expected \"month\"");
		} else if (parse_months(ph) != 0)
			return fail(ph, cur(ph), CK_ESYNTAX,
			    "expected a month or \"the month\"");
	}
	return any ? 0 : 1;
}

/*
 * at_tail = time *(("and" | ",") time) | ":MM" ... | "minute" NUM
 *         | "reboot" | "startup" | "boot"
 */
static int
parse_at(struct phrase *ph)
{
	struct token *t;

	if (is(ph, "reboot") || is(ph, "startup") || is(ph, "boot")) {
		ph->reboot = true;
		return 0;
	}
	if (is(ph, "system")) {
		if (!is(ph, "startup") && !is(ph, "start") && !is(ph, "boot"))
			return fail(ph, cur(ph), CK_ESYNTAX,
			    "expected \"startup\"");
		ph->reboot = true;
		return 0;
	}
	if (ph->ntimes == 0)
		ph->tcol = cur(ph)->col;
	for (;;) {
		t = cur(ph);
		if (word_is(t, "minute") && ph->t[ph->i + 1].kind == T_NUM) {
			ph->i++;
			t = cur(ph);
			if (t->num > 59)
				return fail(ph, t, CK_ERANGE, "minute %d out "
				    "of range 0-59", t->num);
			t->kind = T_MINUTE;
			t->m = t->num;
		}
		if (t->kind == T_NUM)
			return fail(ph, t, CK_ESYNTAX, "\"%.*s\" is not a "
			    "time: write %02d:00 or a minute as \":%02d\"",
			    (int)t->len, t->p, t->num % 100,
			    t->num % 100);
		if (t->kind != T_TIME && t->kind != T_MINUTE)
			return fail(ph, t, CK_ESYNTAX, "expected a time "
			    "(09:30, 3pm, noon, :15)");
		if (ph->ntimes == MAXTIMES)
			return fail(ph, t, CK_ERANGE, "too many times");
		ph->th[ph->ntimes] = t->kind == T_TIME ? t->h : -1;
		ph->tm[ph->ntimes] = t->m;
		ph->ntimes++;
		ph->i++;
		if ((cur(ph)->kind == T_COMMA || word_is(cur(ph), "and")) &&
		    (ph->t[ph->i + 1].kind == T_TIME ||
		    ph->t[ph->i + 1].kind == T_MINUTE))
			ph->i++;
		else
			break;
	}
	return 0;
}

/*
 * from = ("from" | "between") X ("to" | "through" | "until" | "-" | "and") Y
 * where X, Y are both times (a window of the day), both months, or both
 * days of the week.
 */
static int
parse_from(struct phrase *ph, const char *sep)
{
	struct token *a = cur(ph), *b, *s;
	bool plural;

	if (a->kind == T_TIME) {
		ph->i++;
		s = cur(ph);
		if (!is(ph, sep) && !is(ph, "to") && !is(ph, "until") &&
		    !is(ph, "till") && !is(ph, "through") &&
		    cur(ph)->kind != T_DASH)
			return fail(ph, s, CK_ESYNTAX, "expected \"%s\" and "
			    "a time", sep);
		if (cur(ph)->kind == T_DASH)
			ph->i++;
		b = cur(ph);
		if (b->kind != T_TIME)
			return fail(ph, b, CK_ESYNTAX, "expected a time after "
			    "\"%.*s\"", (int)s->len, s->p);
		ph->i++;
		if (ph->window)
			return fail(ph, a, CK_ESYNTAX, "a second time window");
		if (b->h * 60 + b->m < a->h * 60 + a->m)
			return fail(ph, b, CK_ERANGE, "the window %02d:%02d to "
			    "%02d:%02d crosses midnight: cron needs two lines "
			    "for that", a->h, a->m, b->h, b->m);
		ph->window = true;
		ph->wh1 = a->h;
		ph->wm1 = a->m;
		ph->wh2 = b->h;
		ph->wm2 = b->m;
		ph->wcol = a->col;
		return 0;
	}
	if (month_of(a) >= 0) {
		/* Reuse the month list parser: "jan to apr" is a range. */
		if (strcmp(sep, "and") == 0 && word_is(&ph->t[ph->i + 1],
		    "and")) {
			ph->t[ph->i + 1].p = "to";
			ph->t[ph->i + 1].len = 2;
		}
		return parse_months(ph) == 0 ? 0 : -1;
	}
	if (day_of(a, &plural) >= 0) {
		if (strcmp(sep, "and") == 0 && word_is(&ph->t[ph->i + 1],
		    "and")) {
			ph->t[ph->i + 1].p = "to";
			ph->t[ph->i + 1].len = 2;
		}
		return parse_days(ph, true) == -1 ? -1 : 0;
	}
	return fail(ph, a, CK_ESYNTAX, "expected a time, a month or a day "
	    "after \"%s\"", strcmp(sep, "and") == 0 ? "between" : "from");
}

/*
 * on_tail = days | ordinals | "day"[s] NUM ["-" NUM] *("and" NUM)
 *         | "reboot" | "startup" | "boot"
 */
static int
parse_on(struct phrase *ph)
{
	struct token *t = cur(ph);
	int d, d2, k, r;

	if (is(ph, "reboot") || is(ph, "startup") || is(ph, "boot")) {
		ph->reboot = true;
		return 0;
	}
	if (word_is(t, "day") || word_is(t, "days")) {
		ph->i++;
		for (;;) {
			t = cur(ph);
			if (t->kind != T_NUM)
				return fail(ph, t, CK_ESYNTAX, "expected a "
				    "day of the month");
			d = d2 = t->num;
			ph->i++;
			if (cur(ph)->kind == T_DASH &&
			    ph->t[ph->i + 1].kind == T_NUM) {
				d2 = ph->t[ph->i + 1].num;
				ph->i += 2;
			}
			if (d < 1 || d > 31 || d2 < 1 || d2 > 31)
				return fail(ph, t, CK_ERANGE, "day of month "
				    "%d out of range 1-31",
				    d < 1 || d > 31 ? d : d2);
			if (d2 < d)
				return fail(ph, t, CK_ESYNTAX, "day range "
				    "%d-%d runs backwards", d, d2);
			if (ph->dom == 0)
				ph->domcol = t->col;
			for (k = d; k <= d2; k++)
				ph->dom |= UINT64_C(1) << k;
			if ((cur(ph)->kind == T_COMMA ||
			    word_is(cur(ph), "and")) &&
			    ph->t[ph->i + 1].kind == T_NUM)
				ph->i++;
			else
				break;
		}
		if (is(ph, "of")) {
			if (is(ph, "the") || is(ph, "every") ||
			    is(ph, "each")) {
				if (!is(ph, "month"))
					return fail(ph, cur(ph), CK_ESYNTAX,
					    "expected \"month\"");
			} else if (parse_months(ph) != 0)
				return fail(ph, cur(ph), CK_ESYNTAX,
				    "expected a month or \"the month\"");
		}
		return 0;
	}
	if (word_is(t, "the") && word_is(&ph->t[ph->i + 1], "last"))
		return fail(ph, &ph->t[ph->i + 1], CK_ERANGE, "cron has no "
		    "\"last day of the month\" (that is Quartz's L)");
	if ((r = parse_ordinals(ph)) != 1)
		return r;
	if ((r = parse_days(ph, false)) != 1)
		return r;
	return fail(ph, t, CK_ESYNTAX, "expected days after \"on\" "
	    "(weekdays, mon-fri, the 1st, day 15)");
}

static int
parse_in(struct phrase *ph)
{
	int r;

	if ((r = parse_months(ph)) == 1)
		return fail(ph, cur(ph), CK_ESYNTAX, "expected a month after "
		    "\"in\"");
	return r;
}

/* Minutes and hours. */
static int
build_time(struct phrase *ph, ck_build *b)
{
	struct token at = { .col = ph->tcol }, iv = { .col = ph->ivcol };
	struct token win = { .col = ph->wcol };
	uint64_t hs = 0, ms = 0, pairs[24];
	int mins[60], hours[24], nm = 0, nh = 0, i, n = ph->ivn, h, m;
	int last, a, mx;
	bool minute_only = false, clock = false;

	memset(pairs, 0, sizeof(pairs));
	for (i = 0; i < ph->ntimes; i++) {
		if (ph->th[i] < 0)
			minute_only = true;
		else {
			clock = true;
			hs |= UINT64_C(1) << ph->th[i];
			pairs[ph->th[i]] |= UINT64_C(1) << ph->tm[i];
		}
		ms |= UINT64_C(1) << ph->tm[i];
	}
	if (minute_only && clock)
		return fail(ph, &at, CK_ESYNTAX, "mix of times of day and "
		    "minutes of the hour");
	for (i = 0; i < 60; i++)
		if (ms & (UINT64_C(1) << i))
			mins[nm++] = i;
	for (i = 0; i < 24; i++)
		if (hs & (UINT64_C(1) << i))
			hours[nh++] = i;
	/* cron runs every listed minute at every listed hour. */
	if (clock)
		for (i = 0; i < 24; i++)
			if ((hs & (UINT64_C(1) << i)) && pairs[i] != ms)
				return fail(ph, &at, CK_ERANGE, "these times "
				    "need more than one cron line: cron runs "
				    "each listed minute at each listed hour");

	switch (ph->iv) {
	case IV_MINUTE:
		if (ph->ntimes > 0)
			return fail(ph, &at, CK_ESYNTAX, "\"every %d minutes\" "
			    "and \"at\" a time contradict each other", n);
		if (n % 60 == 0 && 24 % (n / 60) == 0) {
			/* 120 minutes are 2 hours, exactly. */
			ph->iv = IV_HOUR;
			ph->ivn = n / 60;
			return build_time(ph, b);
		}
		if (n > 60)
			return fail(ph, &iv, CK_ERANGE, "every %d minutes "
			    "cannot be expressed in cron: a minute step "
			    "restarts at every hour, so a longer interval must "
			    "be whole hours that divide the day", n);
		if (n >= 60 || 60 % n != 0)
			return fail(ph, &iv, CK_ERANGE, "every %d minutes "
			    "cannot be expressed in cron: %d does not divide "
			    "the hour, and a minute step restarts at every "
			    "hour", n, n);
		if (!ph->window)
			return ck_build_every(b, (unsigned int)n,
			    CK_UNIT_MINUTE, ph->err);
		a = ph->wm1 % n;
		mx = a + 60 - n;
		if (ph->wm1 != a)
			return fail(ph, &win, CK_ERANGE, "every %d minutes "
			    "from %02d:%02d needs more than one cron line: "
			    "start the window at %02d:%02d", n, ph->wh1,
			    ph->wm1, ph->wh1, a);
		if (ph->wm2 < mx)
			return fail(ph, &win, CK_ERANGE, "every %d minutes "
			    "to %02d:%02d needs more than one cron line: end "
			    "the window at %02d:%02d or %02d:%02d", n,
			    ph->wh2, ph->wm2, ph->wh2 - (ph->wh2 > ph->wh1),
			    59, ph->wh2, 59);
		if (a == 0) {
			if (ck_build_every(b, (unsigned int)n,
			    CK_UNIT_MINUTE, ph->err) == -1)
				return -1;
		} else if (ck_build_during(b, CK_FIELD_MINUTE, a, 59,
		    (unsigned int)n, ph->err) == -1)
			return -1;
		if (ph->wh1 == 0 && ph->wh2 == 23)
			return 0;	/* the whole day: hour stays "*" */
		return ck_build_during(b, CK_FIELD_HOUR, ph->wh1, ph->wh2, 1,
		    ph->err);
	case IV_HOUR:
		if (clock)
			return fail(ph, &at, CK_ESYNTAX, "\"every %d hours\" "
			    "and \"at\" a time of day contradict each other "
			    "(say \"at :MM\" for the minute)", n);
		if (n > 24)
			return fail(ph, &iv, CK_ERANGE, "every %d hours cannot "
			    "be expressed in cron: an hour step restarts at "
			    "midnight, so a longer interval must be whole "
			    "days", n);
		if (24 % n != 0)
			return fail(ph, &iv, CK_ERANGE, "every %d hours cannot "
			    "be expressed in cron: %d does not divide the "
			    "day, and an hour step restarts at midnight (write "
			    "\"0 */%d * * *\" if that is what you want)", n,
			    n, n);
		if (ph->window) {
			if (minute_only && (nm != 1 || mins[0] != ph->wm1))
				return fail(ph, &at, CK_ESYNTAX, "the minute "
				    "is given twice");
			last = ph->wh1;
			for (h = ph->wh1; h * 60 + ph->wm1 <=
			    ph->wh2 * 60 + ph->wm2; h += n)
				last = h;
			m = ph->wm1;
			if (ck_build_on(b, CK_FIELD_MINUTE, &m, 1,
			    ph->err) == -1)
				return -1;
			return ck_build_during(b, CK_FIELD_HOUR, ph->wh1, last,
			    (unsigned int)n, ph->err);
		}
		if (ck_build_every(b, (unsigned int)n, CK_UNIT_HOUR,
		    ph->err) == -1)
			return -1;
		if (minute_only)
			return ck_build_on(b, CK_FIELD_MINUTE, mins,
			    (size_t)nm, ph->err);
		return 0;
	default:
		break;
	}
	if (minute_only)
		return fail(ph, &at, CK_ESYNTAX, "\"at :MM\" needs \"every "
		    "hour\" (or \"hourly\")");
	if (ph->window) {
		if (clock)
			return fail(ph, &win, CK_ESYNTAX, "a time window and "
			    "\"at\" a time contradict each other");
		/* Every minute of the window. */
		ph->iv = IV_MINUTE;
		ph->ivn = 1;
		return build_time(ph, b);
	}
	if (!clock) {
		m = 0;
		if (ck_build_on(b, CK_FIELD_MINUTE, &m, 1, ph->err) == -1 ||
		    ck_build_on(b, CK_FIELD_HOUR, &m, 1, ph->err) == -1)
			return -1;
		return 0;
	}
	if (ck_build_on(b, CK_FIELD_MINUTE, mins, (size_t)nm, ph->err) == -1)
		return -1;
	return ck_build_on(b, CK_FIELD_HOUR, hours, (size_t)nh, ph->err);
}

static int
build(struct phrase *ph, ck_build *b)
{
	struct token iv = { .col = ph->ivcol };
	struct token dom = { .col = ph->domcol };
	int v[32], n, i;

	if (ph->reboot) {
		if (ph->iv != IV_NONE || ph->ntimes > 0 || ph->window ||
		    ph->dom || ph->dow || ph->month)
			return fail(ph, &ph->t[0], CK_ESYNTAX, "\"at reboot\" "
			    "takes no other time");
		ck_build_keyword(b, CK_KW_REBOOT);
		return 0;
	}
	if (ph->iv == IV_NONE && ph->ntimes == 0 && !ph->window &&
	    ph->dom == 0 && ph->dow == 0 && ph->month == 0)
		return fail(ph, &ph->t[0], CK_ESYNTAX, "no schedule in the "
		    "phrase (try \"every 5 minutes\" or \"daily at 03:00\")");
	if (ph->dom && ph->dow)
		return fail(ph, &dom, CK_ERANGE, "a day of the month and a day "
		    "of the week cannot be combined: cron runs on either one "
		    "(write the expression if you want that)");
	if (ph->iv == IV_MINUTE && ph->ivn % 1440 == 0) {
		ph->iv = IV_HOUR;
		ph->ivn /= 60;
	}
	if (ph->iv == IV_HOUR && ph->ivn % 24 == 0) {
		/* 24 hours are a day, exactly. */
		ph->iv = IV_DAY;
		ph->ivn /= 24;
	}
	switch (ph->iv) {
	case IV_DAY:
		if (ph->ivn != 1)
			return fail(ph, &iv, CK_ERANGE, "every %d days cannot "
			    "be expressed in cron: a day-of-month step "
			    "restarts every month (*/%d runs on the 31st and "
			    "again on the 1st)", ph->ivn, ph->ivn);
		break;
	case IV_WEEK:
		if (ph->ivn != 1)
			return fail(ph, &iv, CK_ERANGE, "every %d weeks cannot "
			    "be expressed in cron: cron has no week counter",
			    ph->ivn);
		if (ph->dom)
			return fail(ph, &dom, CK_ESYNTAX, "\"every week\" with "
			    "a day of the month");
		if (ph->dow == 0)
			ph->dow = 1;	/* Sunday, as @weekly */
		break;
	case IV_MONTH:
		if (12 % ph->ivn != 0 || ph->ivn == 12)
			return fail(ph, &iv, CK_ERANGE, "every %d months "
			    "cannot be expressed in cron: %d does not divide "
			    "the year, and a month step restarts in January",
			    ph->ivn, ph->ivn);
		break;
	case IV_YEAR:
		if (ph->ivn != 1)
			return fail(ph, &iv, CK_ERANGE, "every %d years cannot "
			    "be expressed in cron: cron has no year field",
			    ph->ivn);
		break;
	default:
		break;
	}
	if (ph->iv == IV_MONTH && ph->ivn > 1) {
		/* python-crontab's every(n).months(): "0 0 1 *\/n *". */
		if (ph->month)
			return fail(ph, &iv, CK_ESYNTAX, "\"every %d months\" "
			    "and named months contradict each other",
			    ph->ivn);
		if (ck_build_every(b, (unsigned int)ph->ivn, CK_UNIT_MONTH,
		    ph->err) == -1)
			return -1;
	}
	if (build_time(ph, b) == -1)
		return -1;
	if ((ph->iv == IV_MONTH || ph->iv == IV_YEAR) && ph->dom == 0 &&
	    ph->dow == 0)
		ph->dom = UINT64_C(1) << 1;
	if (ph->iv == IV_YEAR && ph->month == 0)
		ph->month = UINT64_C(1) << 1;
	if (ph->dom) {
		for (n = 0, i = 1; i <= 31; i++)
			if (ph->dom & (UINT64_C(1) << i))
				v[n++] = i;
		if (ck_build_on(b, CK_FIELD_DOM, v, (size_t)n, ph->err) == -1)
			return -1;
	}
	if (ph->month) {
		for (n = 0, i = 1; i <= 12; i++)
			if (ph->month & (UINT64_C(1) << i))
				v[n++] = i;
		if (ck_build_on(b, CK_FIELD_MONTH, v, (size_t)n, ph->err) == -1)
			return -1;
	}
	if (ph->dow) {
		for (n = 0, i = 0; i <= 6; i++)
			if (ph->dow & (UINT64_C(1) << i))
				v[n++] = i;
		if (ck_build_on(b, CK_FIELD_DOW, v, (size_t)n, ph->err) == -1)
			return -1;
	}
	return 0;
}

char *
ck_phrase_to_cron(const char *text, size_t len, ck_error *err)
{
	struct phrase *ph;
	struct token *t;
	ck_build *b = NULL;
	char *out = NULL;
	int r;

	if ((ph = calloc(1, sizeof(*ph))) == NULL) {
		ck_error_oom(err);
		return NULL;
	}
	ph->err = err;
	if (lex(ph, text, len) == -1)
		goto done;
	while (cur(ph)->kind != T_END) {
		t = cur(ph);
		ph->i++;
		if (word_is(t, "every") || word_is(t, "each"))
			r = parse_every(ph);
		else if (word_is(t, "at"))
			r = parse_at(ph);
		else if (word_is(t, "from"))
			r = parse_from(ph, "to");
		else if (word_is(t, "between"))
			r = parse_from(ph, "and");
		else if (word_is(t, "on"))
			r = parse_on(ph);
		else if (word_is(t, "in") || word_is(t, "during"))
			r = parse_in(ph);
		else if (word_is(t, "hourly"))
			r = set_interval(ph, IV_HOUR, 1, t);
		else if (word_is(t, "daily") || word_is(t, "nightly"))
			r = set_interval(ph, IV_DAY, 1, t);
		else if (word_is(t, "weekly"))
			r = set_interval(ph, IV_WEEK, 1, t);
		else if (word_is(t, "monthly"))
			r = set_interval(ph, IV_MONTH, 1, t);
		else if (word_is(t, "yearly") || word_is(t, "annually"))
			r = set_interval(ph, IV_YEAR, 1, t);
		else if (word_is(t, "reboot") || word_is(t, "startup")) {
			ph->reboot = true;
			r = 0;
		} else if (t->kind == T_TIME) {
			/* "daily 03:00": a time without "at". */
			ph->i--;
			r = parse_at(ph);
		} else if (t->kind == T_ORD) {
			ph->i--;
			r = parse_ordinals(ph);
		} else if (t->kind == T_COMMA || word_is(t, "and")) {
			r = 0;
		} else {
			ph->i--;
			if ((r = parse_days(ph, false)) == 1 &&
			    (r = parse_months(ph)) == 1)
				r = fail(ph, t, CK_ESYNTAX,
				    "unexpected \"%.*s\"", (int)t->len, t->p);
		}
		if (r == -1)
			goto done;
	}
	if ((b = ck_build_new()) == NULL) {
		ck_error_oom(err);
		goto done;
	}
	if (build(ph, b) == -1) {
		/* Builder errors have no position; the phrase as a whole. */
		if (err != NULL && err->line == 0) {
			err->line = 1;
			err->column = 1;
		}
		goto done;
	}
	out = ck_build_text(b, err);
done:
	ck_build_free(b);
	free(ph);
	return out;
}
