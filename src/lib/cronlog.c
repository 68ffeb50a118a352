/* SPDX-License-Identifier: ISC */
/*
 * cronlog.c - read cron's own log lines: when which job started, ended,
 * failed, and what it printed, from syslog files and journalctl output
 * of Debian's cron, cronie and busybox crond.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

struct ck_log {
	char		*buf;		/* the copied text */
	size_t		 len;
	ck_log_entry	*v;
	size_t		 n;
	size_t		 cap;
};

/* A parsed stamp before the year of a classic one is known. */
struct stamp {
	bool		 classic;
	int		 mon;		/* 1-12 */
	int		 mday;
	int		 hour;
	int		 min;
	int		 sec;
	time_t		 second;	/* a repeated hour's later instant, or -1 */
};

/* Read exactly n digits at *p. @return the value or -1. */
static long
digits(const char **p, const char *end, int n)
{
	long v = 0;
	int i;

	if (end - *p < n)
		return -1;
	for (i = 0; i < n; i++) {
		if (!ck_isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return v;
}

/*
 * RFC 3339 and journalctl's short-iso:
 *   YYYY-MM-DD "T" hh:mm:ss [ "." 1*DIGIT ] ( "Z" | ("+"|"-") hh [":"] mm )
 */
static bool
parse_iso(const char **pp, const char *end, time_t *t, unsigned int *usec)
{
	const char *p = *pp;
	long y, mo, d, h, mi, s, oh, om, frac = 0;
	int nfrac = 0, sign;

	if ((y = digits(&p, end, 4)) < 0 || p >= end || *p++ != '-' ||
	    (mo = digits(&p, end, 2)) < 1 || mo > 12 || p >= end ||
	    *p++ != '-' || (d = digits(&p, end, 2)) < 1 || d > 31 ||
	    p >= end || (*p != 'T' && *p != ' '))
		return false;
	p++;
	if ((h = digits(&p, end, 2)) < 0 || h > 23 || p >= end ||
	    *p++ != ':' || (mi = digits(&p, end, 2)) < 0 || mi > 59 ||
	    p >= end || *p++ != ':' || (s = digits(&p, end, 2)) < 0 || s > 60)
		return false;
	if (p < end && *p == '.') {
		p++;
		while (p < end && ck_isdigit((unsigned char)*p)) {
			if (nfrac < 6) {
				frac = frac * 10 + (*p - '0');
				nfrac++;
			}
			p++;
		}
		if (nfrac == 0)
			return false;
		while (nfrac < 6) {
			frac *= 10;
			nfrac++;
		}
	}
	if (p >= end)
		return false;
	if (*p == 'Z') {
		p++;
		oh = om = 0;
		sign = 1;
	} else if (*p == '+' || *p == '-') {
		sign = *p++ == '-' ? -1 : 1;
		if ((oh = digits(&p, end, 2)) < 0 || oh > 23)
			return false;
		if (p < end && *p == ':')
			p++;
		if ((om = digits(&p, end, 2)) < 0 || om > 59)
			return false;
	} else
		return false;
	*t = (time_t)(ck_days_from_civil(y, (unsigned int)mo,
	    (unsigned int)d) * 86400 + h * 3600 + mi * 60 + s -
	    sign * (oh * 3600 + om * 60));
	*usec = (unsigned int)frac;
	*pp = p;
	return true;
}

/* Classic syslog: Mmm [ |d]d hh:mm:ss ("Nov  5 13:00:01"). */
static bool
parse_classic(const char **pp, const char *end, struct stamp *st)
{
	const char *p = *pp;
	long d, h, mi, s;
	int m;

	if (end - p < 15)
		return false;
	for (m = 0; m < 12; m++)
		if (memcmp(p, ck_month_Abbr(m + 1), 3) == 0)
			break;
	if (m == 12 || p[3] != ' ')
		return false;
	p += 4;
	if (*p == ' ')
		p++;
	if (p < end && ck_isdigit((unsigned char)*p) && p + 1 < end &&
	    ck_isdigit((unsigned char)p[1]))
		d = digits(&p, end, 2);
	else
		d = digits(&p, end, 1);
	if (d < 1 || d > 31 || p >= end || *p++ != ' ')
		return false;
	if ((h = digits(&p, end, 2)) < 0 || h > 23 || p >= end ||
	    *p++ != ':' || (mi = digits(&p, end, 2)) < 0 || mi > 59 ||
	    p >= end || *p++ != ':' || (s = digits(&p, end, 2)) < 0 || s > 60)
		return false;
	st->classic = true;
	st->mon = m + 1;
	st->mday = (int)d;
	st->hour = (int)h;
	st->min = (int)mi;
	st->sec = (int)s;
	*pp = p;
	return true;
}

/* Read a decimal number (at most 9 digits). @return it or -1. */
static long
number(const char **pp, const char *end)
{
	const char *p = *pp;
	long v = 0;
	int n = 0;

	while (p < end && ck_isdigit((unsigned char)*p) && n < 9) {
		v = v * 10 + (*p++ - '0');
		n++;
	}
	if (n == 0 || (p < end && ck_isdigit((unsigned char)*p)))
		return -1;
	*pp = p;
	return v;
}

static bool
has_prefix(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
}

/* Is the tag cron's?  Its base name is cron or crond, in any case. */
static bool
cron_tag(const char *t, size_t n)
{
	const char *b = t;
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i] == '/')
			b = t + i + 1;
	n -= (size_t)(b - t);
	if (n != 4 && n != 5)
		return false;
	if (ck_tolower(b[0]) != 'c' || ck_tolower(b[1]) != 'r' ||
	    ck_tolower(b[2]) != 'o' || ck_tolower(b[3]) != 'n')
		return false;
	return n == 4 || ck_tolower(b[4]) == 'd';
}

/*
 * The message of a Vixie-family line: "(USER) EVENT (DETAIL)".
 * @return true when it is one we keep.
 */
static bool
parse_vixie(const char *p, const char *end, ck_log_entry *e)
{
	const char *u, *ev, *d, *q;
	size_t evlen;
	long jp, st;

	if (p >= end || *p != '(')
		return false;
	u = ++p;
	while (p < end && *p != ')')
		p++;
	if (p + 1 >= end || p[1] != ' ')
		return false;
	e->user = u;
	e->user_len = (size_t)(p - u);
	p += 2;
	ev = p;
	while (p < end && *p != ' ')
		p++;
	evlen = (size_t)(p - ev);
	if (p + 1 >= end || p[1] != '(')
		return false;
	d = p + 2;
	if (end > d && end[-1] == ')') {
		e->text_len = (size_t)(end - 1 - d);
		e->truncated = false;
	} else {
		e->text_len = (size_t)(end - d);
		e->truncated = true;
	}
	e->text = d;
	if (evlen == 3 && memcmp(ev, "CMD", 3) == 0)
		e->event = CK_LOG_CMD;
	else if ((evlen == 3 && memcmp(ev, "END", 3) == 0) ||
	    (evlen == 6 && memcmp(ev, "CMDEND", 6) == 0))
		e->event = CK_LOG_END;
	else if (evlen == 6 && memcmp(ev, "CMDOUT", 6) == 0) {
		e->event = CK_LOG_OUTPUT;
		return true;
	} else if (evlen == 5 && memcmp(ev, "error", 5) == 0) {
		/* (CRON) error (grandchild #N failed with exit status S) */
		q = d;
		if (!has_prefix(q, end, "grandchild #"))
			return false;
		q += 12;
		if ((jp = number(&q, end)) < 0 ||
		    !has_prefix(q, end, " failed with exit status "))
			return false;
		q += 25;
		if ((st = number(&q, end)) < 0)
			return false;
		e->event = CK_LOG_FAILED;
		e->job_pid = jp;
		e->exit_status = (int)st;
		return true;
	} else
		return false;
	/* Debian's cron -L 8 puts the job's pid first: "[1234] cmd". */
	q = e->text;
	if (q < end && *q == '[') {
		q++;
		if ((jp = number(&q, end)) >= 0 && has_prefix(q, end, "] ")) {
			e->job_pid = jp;
			q += 2;
			e->text_len -= (size_t)(q - e->text);
			e->text = q;
		}
	}
	return true;
}

/* busybox: "USER NAME pid N cmd COMMAND". */
static bool
parse_busybox(const char *p, const char *end, ck_log_entry *e)
{
	const char *u;
	long jp;

	if (!has_prefix(p, end, "USER "))
		return false;
	u = p += 5;
	while (p < end && *p != ' ')
		p++;
	if (p == u)
		return false;
	e->user = u;
	e->user_len = (size_t)(p - u);
	if (!has_prefix(p, end, " pid "))
		return false;
	p += 5;
	if ((jp = number(&p, end)) < 0 || !has_prefix(p, end, " cmd "))
		return false;
	p += 5;
	e->job_pid = jp;
	e->event = CK_LOG_CMD;
	e->text = p;
	e->text_len = (size_t)(end - p);
	e->truncated = false;
	return true;
}

/*
 * One line: STAMP HOST TAG[PID]: MESSAGE.  @return true for a cron line
 * we keep (e and st filled).
 */
static bool
parse_line(const char *p, const char *end, ck_log_entry *e, struct stamp *st)
{
	const char *h, *t;

	memset(e, 0, sizeof(*e));
	memset(st, 0, sizeof(*st));
	e->pid = e->job_pid = -1;
	e->exit_status = -1;
	if (end > p && end[-1] == '\r')
		end--;
	if (!parse_iso(&p, end, &e->time, &e->usec) &&
	    !parse_classic(&p, end, st))
		return false;
	if (p >= end || *p++ != ' ')
		return false;
	while (p < end && *p == ' ')
		p++;
	h = p;
	while (p < end && *p != ' ')
		p++;
	if (p == h || p >= end)
		return false;
	e->host = h;
	e->host_len = (size_t)(p - h);
	p++;
	t = p;
	while (p < end && *p != '[' && *p != ':' && *p != ' ')
		p++;
	/* busybox syslogd writes FACILITY.PRIORITY first: "cron.info". */
	if (p < end && *p == ' ' && memchr(t, '.', (size_t)(p - t)) != NULL) {
		t = ++p;
		while (p < end && *p != '[' && *p != ':' && *p != ' ')
			p++;
	}
	if (p >= end || p == t || !cron_tag(t, (size_t)(p - t)))
		return false;
	e->tag = t;
	e->tag_len = (size_t)(p - t);
	if (*p == '[') {
		p++;
		if ((e->pid = number(&p, end)) < 0 || p >= end || *p++ != ']')
			return false;
	}
	if (!has_prefix(p, end, ": "))
		return false;
	p += 2;
	return parse_vixie(p, end, e) || parse_busybox(p, end, e);
}

/*
 * ref_time as local time: in tz, or (tz NULL) in the process's TZ.
 * @return false when it cannot be converted.
 */
static bool
local_tm(const ck_tz *tz, time_t t, struct tm *tm)
{
	if (tz != NULL)
		return ck_tz_localtime(tz, t, tm, NULL, NULL, NULL) == 0;
	return localtime_r(&t, tm) != NULL;
}

/*
 * The instant the wall clock tm shows in tz (NULL: the process's TZ); a
 * time a change skipped is the instant the skip ends.  A time shown twice
 * (the hour a clock goes back repeats) is the first, and *second gets the
 * other (else -1).
 */
static time_t
wall_time(const ck_tz *tz, struct tm *tm, time_t *second)
{
	time_t out[2];
	int n;

	*second = (time_t)-1;
	if (tz == NULL) {
		tm->tm_isdst = -1;
		return mktime(tm);
	}
	if ((n = ck_tz_resolve(tz, tm, out, NULL)) < 0)
		return (time_t)-1;
	if (n == 2)
		*second = out[1];
	return out[0];
}

/*
 * Give classic stamps their year, walking backwards from ref_time; then,
 * walking forwards, a stamp of a repeated hour that would lie before the
 * entry above it is its second instant.
 */
static void
infer_years(ck_log *log, struct stamp *st, time_t ref_time,
    const ck_tz *tz)
{
	struct tm ref, tm;
	int year, next_mon;
	time_t prev = 0;
	size_t i;

	if (!local_tm(tz, ref_time, &ref)) {
		memset(&ref, 0, sizeof(ref));
		ref.tm_year = 70;
	}
	year = ref.tm_year;
	next_mon = ref.tm_mon + 1;
	for (i = log->n; i-- > 0;) {
		st[i].second = (time_t)-1;
		if (!st[i].classic) {
			if (local_tm(tz, log->v[i].time, &tm)) {
				year = tm.tm_year;
				next_mon = tm.tm_mon + 1;
			}
			continue;
		}
		/* Walking back from January to December: a year earlier. */
		if (st[i].mon > next_mon)
			year--;
		next_mon = st[i].mon;
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = year;
		tm.tm_mon = st[i].mon - 1;
		tm.tm_mday = st[i].mday;
		tm.tm_hour = st[i].hour;
		tm.tm_min = st[i].min;
		tm.tm_sec = st[i].sec;
		log->v[i].time = wall_time(tz, &tm, &st[i].second);
		log->v[i].year_inferred = true;
	}
	for (i = 0; i < log->n; i++) {
		if (i > 0 && st[i].second != (time_t)-1 &&
		    log->v[i].time < prev)
			log->v[i].time = st[i].second;
		prev = log->v[i].time;
	}
}

ck_log *
ck_log_parse(const char *text, size_t len, time_t ref_time, ck_error *err)
{
	return ck_log_parse_tz(text, len, ref_time, NULL, err);
}

ck_log *
ck_log_parse_tz(const char *text, size_t len, time_t ref_time,
    const ck_tz *tz, ck_error *err)
{
	struct stamp *st = NULL, *nst, s;
	ck_log_entry e, *nv;
	const char *p, *end, *nl;
	unsigned int line = 0;
	ck_log *log;

	if ((log = calloc(1, sizeof(*log))) == NULL)
		goto oom;
	if ((log->buf = malloc(len + 1)) == NULL)
		goto oom;
	if (len > 0)
		memcpy(log->buf, text, len);
	log->buf[len] = '\0';
	log->len = len;
	p = log->buf;
	end = log->buf + len;
	while (p < end) {
		line++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (parse_line(p, nl, &e, &s)) {
			e.line = line;
			if (log->n == log->cap) {
				size_t cap = log->cap ? log->cap * 2 : 64;

				if ((nv = reallocarray(log->v, cap,
				    sizeof(*nv))) == NULL)
					goto oom;
				log->v = nv;
				if ((nst = reallocarray(st, cap,
				    sizeof(*nst))) == NULL)
					goto oom;
				st = nst;
				log->cap = cap;
			}
			log->v[log->n] = e;
			st[log->n] = s;
			log->n++;
		}
		p = nl + 1;
	}
	infer_years(log, st, ref_time, tz);
	free(st);
	return log;
oom:
	free(st);
	ck_log_free(log);
	ck_error_oom(err);
	return NULL;
}

void
ck_log_free(ck_log *log)
{
	if (log == NULL)
		return;
	free(log->buf);
	free(log->v);
	free(log);
}

size_t
ck_log_count(const ck_log *log)
{
	return log->n;
}

const ck_log_entry *
ck_log_at(const ck_log *log, size_t i)
{
	return i < log->n ? &log->v[i] : NULL;
}

/* Vixie's mkprint(): how cron writes a command into its log. */
static int
mkprint(struct ck_buf *b, const char *s, size_t n)
{
	static const char oct[] = "01234567";
	unsigned char c;
	size_t i;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c < ' ') {
			ck_buf_addc(b, '^');
			ck_buf_addc(b, (char)(c + '@'));
		} else if (c < 0x7f)
			ck_buf_addc(b, (char)c);
		else if (c == 0x7f)
			ck_buf_add(b, "^?", 2);
		else {
			ck_buf_addc(b, '\\');
			ck_buf_addc(b, oct[c >> 6]);
			ck_buf_addc(b, oct[(c >> 3) & 7]);
			ck_buf_addc(b, oct[c & 7]);
		}
	}
	return b->oom ? -1 : 0;
}

static bool
same_or_cut(const ck_log_entry *e, const char *want, size_t wlen)
{
	if (e->text_len == wlen && memcmp(e->text, want, wlen) == 0)
		return true;
	return (e->truncated || e->text_len >= CK_LOG_PREFIX_MIN) &&
	    e->text_len < wlen && memcmp(e->text, want, e->text_len) == 0;
}

bool
ck_log_entry_matches(const ck_log_entry *e, const char *cmd, size_t len,
    ck_dialect d)
{
	struct ck_buf b = { 0 };
	char *command = NULL;
	bool ok;

	if (e == NULL || cmd == NULL)
		return false;
	if (e->event == CK_LOG_OUTPUT || e->event == CK_LOG_FAILED)
		return false;
	if (ck_command_split_dialect(cmd, len, d, &command, NULL, NULL) == -1)
		return false;
	ok = same_or_cut(e, command, strlen(command));
	if (!ok && mkprint(&b, command, strlen(command)) == 0)
		ok = same_or_cut(e, b.p != NULL ? b.p : "", b.len);
	ck_buf_free(&b);
	free(command);
	return ok;
}

static bool
same_source(const ck_log_entry *a, const ck_log_entry *b)
{
	return a->pid == b->pid && a->host_len == b->host_len &&
	    memcmp(a->host, b->host, a->host_len) == 0;
}

void
ck_log_runs_free(struct ck_log_run *runs, size_t n)
{
	size_t i;

	if (runs == NULL)
		return;
	for (i = 0; i < n; i++)
		free(runs[i].output);
	free(runs);
}

int
ck_log_runs(const ck_log *log, struct ck_log_run **runs, size_t *n,
    ck_error *err)
{
	struct ck_log_run *v = NULL, *nv, *r;
	const ck_log_entry *e;
	size_t i, k, cap = 0, cnt = 0, *no;

	*runs = NULL;
	*n = 0;
	for (i = 0; i < log->n; i++) {
		e = &log->v[i];
		if (e->event == CK_LOG_CMD) {
			if (cnt == cap) {
				cap = cap ? cap * 2 : 32;
				if ((nv = reallocarray(v, cap,
				    sizeof(*nv))) == NULL)
					goto oom;
				v = nv;
			}
			r = &v[cnt++];
			memset(r, 0, sizeof(*r));
			r->cmd = i;
			r->end = r->failed = CK_LOG_NONE;
			r->exit_status = -1;
			continue;
		}
		/* The latest open run of the same process. */
		r = NULL;
		for (k = cnt; k-- > 0;) {
			if (same_source(&log->v[v[k].cmd], e)) {
				if (v[k].end == CK_LOG_NONE)
					r = &v[k];
				break;
			}
		}
		if (r == NULL)
			continue;
		switch (e->event) {
		case CK_LOG_END:
			r->end = i;
			break;
		case CK_LOG_FAILED:
			r->failed = i;
			r->exit_status = e->exit_status;
			break;
		case CK_LOG_OUTPUT:
			if ((no = reallocarray(r->output, r->noutput + 1,
			    sizeof(*no))) == NULL)
				goto oom;
			r->output = no;
			r->output[r->noutput++] = i;
			break;
		case CK_LOG_CMD:
			break;
		}
	}
	*runs = v;
	*n = cnt;
	return 0;
oom:
	ck_log_runs_free(v, cnt);
	return ck_error_oom(err);
}
