/* SPDX-License-Identifier: ISC */
/*
 * runcount.c - runs per minute of a window from the schedules' bit sets.
 *
 * The window is cut into segments.  In a segment without a change of UTC
 * offset, minute i is a local day and a minute of that day: the jobs
 * starting then are (jobs whose day rule takes that day) AND (jobs whose
 * hour and minute sets take that minute), two bit sets of one bit a job,
 * so a count is a popcount over njobs/64 words.  Near each offset change
 * (6 hours and the size of the jump either side) the runs are asked of
 * ck_expr_next_run() job by job, with the dialect's DST mode, and kept
 * (each run: Debian's cron may start a job several times in one minute
 * after a forward jump).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runcount.h"

#define DAY_MIN		1440
#define SAMPLE		(6 * 3600)	/* offset probes: every 6 hours */
#define MARGIN		(6 * 3600)	/* exact runs around a change */

struct seg {
	size_t		 a, b;		/* minutes [a, b) */
	bool		 exact;		/* runs from ck_expr_next() */
	long		 off;		/* UTC offset (bit-set segments) */
};

struct xrun {
	size_t		 min;
	size_t		 job;
};

struct runcount {
	const ck_tz	*tz;
	time_t		 from;
	size_t		 nmin;
	uint32_t	*count;
	struct seg	*seg;
	size_t		 nseg;
	struct xrun	*x;		/* exact runs, by minute then job */
	size_t		 nx;
	size_t		 njobs, words;
	uint64_t	*minmask;	/* DAY_MIN rows of words */
	bool		*rowany;	/* a row has a bit */
	const struct fire_job *jobs;
	int		*fh, *fm;	/* an hour and minute each job fires */
	/* The day set of the last day asked (runcount_jobs()). */
	uint64_t	*dayset;
	long long	 dayno;
	bool		 dayvalid;
};

static long
offset_at(const ck_tz *tz, time_t t)
{
	long off = 0;

	if (ck_tz_localtime(tz, t, NULL, &off, NULL, NULL) == -1)
		return 0;
	return off;
}

static long long
floordiv(long long a, long long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* The jobs whose day rule takes local day dayno (days since 1970). */
static void
day_set(struct runcount *rc, long long dayno, uint64_t *set)
{
	struct tm tm;
	time_t t = (time_t)(dayno * 86400);
	size_t j;

	memset(set, 0, rc->words * sizeof(*set));
	gmtime_r(&t, &tm);
	for (j = 0; j < rc->njobs; j++) {
		if (rc->fh[j] < 0)
			continue;
		tm.tm_hour = rc->fh[j];
		tm.tm_min = rc->fm[j];
		if (ck_expr_matches(ck_job_expr(rc->jobs[j].job), &tm))
			set[j / 64] |= UINT64_C(1) << (j % 64);
	}
}

static uint32_t
popand(const uint64_t *a, const uint64_t *b, size_t n)
{
	uint32_t c = 0;
	size_t w;

	for (w = 0; w < n; w++)
		c += (uint32_t)__builtin_popcountll(a[w] & b[w]);
	return c;
}

static void
add_exact(struct runcount *rc, size_t min, size_t job, size_t *cap)
{
	if (rc->nx == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		rc->x = xreallocarray(rc->x, *cap, sizeof(*rc->x));
	}
	rc->x[rc->nx].min = min;
	rc->x[rc->nx].job = job;
	rc->nx++;
}

static int
cmp_xrun(const void *a, const void *b)
{
	const struct xrun *x = a, *y = b;

	if (x->min != y->min)
		return x->min < y->min ? -1 : 1;
	return x->job < y->job ? -1 : x->job > y->job;
}

static void
add_seg(struct runcount *rc, size_t a, size_t b, bool exact, size_t *cap)
{
	if (a >= b)
		return;
	if (rc->nseg > 0 && rc->seg[rc->nseg - 1].exact == exact && exact &&
	    rc->seg[rc->nseg - 1].b >= a) {
		if (b > rc->seg[rc->nseg - 1].b)
			rc->seg[rc->nseg - 1].b = b;
		return;
	}
	if (rc->nseg == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		rc->seg = xreallocarray(rc->seg, *cap, sizeof(*rc->seg));
	}
	rc->seg[rc->nseg].a = a;
	rc->seg[rc->nseg].b = b;
	rc->seg[rc->nseg].exact = exact;
	rc->seg[rc->nseg].off = offset_at(rc->tz, rc->from + (time_t)a * 60);
	rc->nseg++;
}

/*
 * Segments: exact minutes around each offset change (found by probing
 * every 6 hours, then bisecting), bit sets between.
 */
static void
plan(struct runcount *rc)
{
	time_t to = rc->from + (time_t)rc->nmin * 60, t, lo, hi;
	size_t cap = 0, xa, xb, done = 0, i, nex = 0;
	struct { size_t a, b; } *ex = NULL;
	long o0, o1, jump;
	bool whole = false;

	o0 = offset_at(rc->tz, rc->from);
	if (o0 % 60 != 0)
		whole = true;
	for (t = rc->from; !whole && t < to; t = lo) {
		lo = t;
		hi = t + SAMPLE < to ? t + SAMPLE : to;
		if ((o1 = offset_at(rc->tz, hi)) == o0) {
			lo = hi;
			if (hi == to)
				break;
			continue;
		}
		/* The first second with the new offset: in (lo, hi]. */
		while (hi - lo > 1) {
			time_t mid = lo + (hi - lo) / 2;

			if (offset_at(rc->tz, mid) == o0)
				lo = mid;
			else
				hi = mid;
		}
		o1 = offset_at(rc->tz, hi);
		if (o1 % 60 != 0)
			whole = true;
		jump = o1 > o0 ? o1 - o0 : o0 - o1;
		xa = hi - MARGIN - jump <= rc->from ? 0 :
		    (size_t)((hi - MARGIN - jump - rc->from) / 60);
		xb = hi + MARGIN + jump >= to ? rc->nmin :
		    (size_t)((hi + MARGIN + jump - rc->from + 59) / 60);
		ex = xreallocarray(ex, nex + 1, sizeof(*ex));
		ex[nex].a = xa;
		ex[nex].b = xb;
		nex++;
		o0 = o1;
		lo = hi;
	}
	if (whole) {
		add_seg(rc, 0, rc->nmin, true, &cap);
		free(ex);
		return;
	}
	for (i = 0; i < nex; i++) {
		if (ex[i].a > done)
			add_seg(rc, done, ex[i].a, false, &cap);
		add_seg(rc, ex[i].a > done ? ex[i].a : done, ex[i].b, true,
		    &cap);
		if (ex[i].b > done)
			done = ex[i].b;
	}
	add_seg(rc, done, rc->nmin, false, &cap);
	free(ex);
}

static int
count_exact(const struct cli_ctx *ctx, struct runcount *rc,
    struct fire_job *jobs, const struct seg *s, size_t *cap)
{
	time_t a = rc->from + (time_t)s->a * 60, b = rc->from +
	    (time_t)s->b * 60, next;
	ck_error err;
	ck_dst_mode mode;
	ck_run run;
	size_t j;
	bool first;

	for (j = 0; j < rc->njobs; j++) {
		if (jobs[j].job == NULL)	/* periodic: counted apart */
			continue;
		mode = ck_dialect_dst_mode(ck_tab_dialect(jobs[j].src->tab));
		/* Every run: several in one minute after a DST jump. */
		for (first = true;; first = false) {
			if (ck_expr_next_run(ck_job_expr(jobs[j].job), rc->tz,
			    mode, first ? NULL : &run, a - 1, &run, &err) ==
			    -1) {
				if (err.code == CK_ENEVER)
					break;
				return cli_error(ctx, jobs[j].src->label, &err);
			}
			next = run.at;
			if (next >= b)
				break;
			add_exact(rc, (size_t)((next - rc->from) / 60), j, cap);
		}
	}
	return 0;
}

/* anacron jobs and run-parts scripts: their few runs, one by one. */
static int
count_periodic(const struct cli_ctx *ctx, struct runcount *rc,
    struct fire_job *jobs, time_t to, size_t *cap)
{
	time_t *runs;
	size_t j, k, n;
	bool capped;
	int e;

	for (j = 0; j < rc->njobs; j++) {
		if (jobs[j].job != NULL)
			continue;
		if ((e = fires_periodic(ctx, &jobs[j], rc->tz, rc->from, to,
		    SIZE_MAX, &runs, &n, &capped)) != 0)
			return e;
		for (k = 0; k < n; k++)
			add_exact(rc, (size_t)((runs[k] - rc->from) / 60), j,
			    cap);
		free(runs);
	}
	return 0;
}

static void
count_bits(struct runcount *rc, struct fire_job *jobs, const struct seg *s,
    const uint32_t *daily)
{
	uint64_t *set = xcalloc(rc->words + 1, sizeof(*set)), v;
	long long day = 0, w;
	size_t i, d0, k;
	int mod;

	for (i = s->a; i < s->b;) {
		w = (long long)rc->from + (long long)i * 60 + s->off;
		day = floordiv(w, 86400);
		mod = (int)((w - day * 86400) / 60);
		day_set(rc, day, set);
		d0 = i;
		/* The minutes of this local day in the segment. */
		for (; i < s->b && mod < DAY_MIN; i++, mod++)
			if (rc->rowany[mod])
				rc->count[i] = popand(set, rc->minmask +
				    (size_t)mod * rc->words, rc->words);
		if (i - d0 == DAY_MIN) {
			for (k = 0; k < rc->words; k++)
				for (v = set[k]; v != 0; v &= v - 1)
					jobs[k * 64 + (size_t)
					    __builtin_ctzll(v)].n +=
					    daily[k * 64 + (size_t)
					    __builtin_ctzll(v)];
			continue;
		}
		/* A part of a day: count its runs minute by minute. */
		for (; d0 < i; d0++) {
			w = (long long)rc->from + (long long)d0 * 60 + s->off;
			mod = (int)((w - day * 86400) / 60);
			for (k = 0; k < rc->words; k++)
				for (v = set[k] & rc->minmask[(size_t)mod *
				    rc->words + k]; v != 0; v &= v - 1)
					jobs[k * 64 + (size_t)
					    __builtin_ctzll(v)].n++;
		}
	}
	free(set);
}

struct runcount *
runcount_new(const struct cli_ctx *ctx, struct fire_job *jobs, size_t njobs,
    const ck_tz *tz, time_t from, time_t to)
{
	struct runcount *rc = xcalloc(1, sizeof(*rc));
	uint32_t *daily;
	size_t j, i, cap = 0;
	const ck_expr *e;
	int h, m;

	rc->tz = tz;
	rc->from = from;
	rc->nmin = to > from ? (size_t)((to - from) / 60) : 0;
	rc->count = xcalloc(rc->nmin + 1, sizeof(*rc->count));
	rc->njobs = njobs;
	rc->jobs = jobs;
	rc->words = (njobs + 63) / 64;
	rc->minmask = xcalloc((size_t)DAY_MIN * rc->words + 1,
	    sizeof(*rc->minmask));
	rc->rowany = xcalloc(DAY_MIN, sizeof(*rc->rowany));
	rc->dayset = xcalloc(rc->words + 1, sizeof(*rc->dayset));
	rc->fh = xcalloc(njobs + 1, sizeof(*rc->fh));
	rc->fm = xcalloc(njobs + 1, sizeof(*rc->fm));
	daily = xcalloc(njobs + 1, sizeof(*daily));
	for (j = 0; j < njobs; j++) {
		bool mins[60];

		jobs[j].n = 0;
		rc->fh[j] = -1;
		if (jobs[j].job == NULL)	/* periodic: counted apart */
			continue;
		e = ck_job_expr(jobs[j].job);
		for (m = 0; m < 60; m++)
			mins[m] = ck_expr_has(e, CK_FIELD_MINUTE, m);
		for (h = 0; h < 24; h++) {
			if (!ck_expr_has(e, CK_FIELD_HOUR, h))
				continue;
			for (m = 0; m < 60; m++) {
				if (!mins[m])
					continue;
				i = (size_t)(h * 60 + m);
				rc->minmask[i * rc->words + j / 64] |=
				    UINT64_C(1) << (j % 64);
				rc->rowany[i] = true;
				daily[j]++;
				if (rc->fh[j] < 0) {
					rc->fh[j] = h;
					rc->fm[j] = m;
				}
			}
		}
	}
	plan(rc);
	for (i = 0; i < rc->nseg; i++) {
		if (!rc->seg[i].exact) {
			count_bits(rc, jobs, &rc->seg[i], daily);
			continue;
		}
		if (count_exact(ctx, rc, jobs, &rc->seg[i], &cap) != 0) {
			free(daily);
			runcount_free(rc);
			return NULL;
		}
	}
	if (count_periodic(ctx, rc, jobs, to, &cap) != 0) {
		free(daily);
		runcount_free(rc);
		return NULL;
	}
	if (rc->nx > 0)
		qsort(rc->x, rc->nx, sizeof(*rc->x), cmp_xrun);
	for (i = 0; i < rc->nx; i++) {
		rc->count[rc->x[i].min]++;
		jobs[rc->x[i].job].n++;
	}
	free(daily);
	return rc;
}

void
runcount_free(struct runcount *rc)
{
	if (rc == NULL)
		return;
	free(rc->count);
	free(rc->seg);
	free(rc->x);
	free(rc->minmask);
	free(rc->rowany);
	free(rc->dayset);
	free(rc->fh);
	free(rc->fm);
	free(rc);
}

size_t
runcount_minutes(const struct runcount *rc)
{
	return rc->nmin;
}

uint32_t
runcount_at(const struct runcount *rc, size_t i)
{
	return i < rc->nmin ? rc->count[i] : 0;
}

static const struct seg *
seg_of(const struct runcount *rc, size_t i)
{
	size_t lo = 0, hi = rc->nseg;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (rc->seg[mid].b <= i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < rc->nseg ? &rc->seg[lo] : NULL;
}

long
runcount_offset(const struct runcount *rc, size_t i)
{
	const struct seg *s = seg_of(rc, i);

	if (s != NULL && !s->exact)
		return s->off;
	return offset_at(rc->tz, rc->from + (time_t)i * 60);
}

size_t
runcount_jobs(struct runcount *rc, size_t i, size_t *out)
{
	const struct seg *s = seg_of(rc, i);
	size_t n = 0, k, lo, hi, m;
	long long t, day;
	uint64_t v;
	int mod;

	if (s == NULL || rc->count[i] == 0)
		return 0;
	if (!s->exact) {
		t = (long long)rc->from + (long long)i * 60 + s->off;
		day = floordiv(t, 86400);
		mod = (int)((t - day * 86400) / 60);
		if (!rc->dayvalid || rc->dayno != day) {
			day_set(rc, day, rc->dayset);
			rc->dayno = day;
			rc->dayvalid = true;
		}
		for (k = 0; k < rc->words; k++)
			for (v = rc->dayset[k] & rc->minmask[(size_t)mod *
			    rc->words + k]; v != 0; v &= v - 1)
				out[n++] = k * 64 + (size_t)__builtin_ctzll(v);
	}
	/* Runs counted one by one: DST segments, periodic jobs. */
	lo = 0;
	hi = rc->nx;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (rc->x[mid].min < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* A job with several runs in the minute is listed once. */
	for (k = lo, m = n; k < rc->nx && rc->x[k].min == i; k++)
		if (n == m || out[n - 1] != rc->x[k].job)
			out[n++] = rc->x[k].job;
	return n;
}
