/* SPDX-License-Identifier: ISC */
/*
 * cmd_spread.c - "cronkeep spread": find the minutes where more than
 * --max jobs start and move jobs to quieter minutes of the same hour.
 *
 * The runs are counted by runcount.c (as stats counts them) over a window
 * of --days days from local midnight.  A job is movable when it is
 * enabled, its minute field is one number, it is not pinned (the word
 * "pinned" in its marker note or trailing comment) and its crontab can be
 * written.  Moving it changes only that number, so its frequency, hours
 * and days stay; its runs in the window shift by the same amount.
 *
 * The plan is greedy and deterministic: minute by minute through the
 * window, the jobs starting in a minute with more than --max runs are
 * taken from the last to the first (so the first ones stay), and each
 * moves to the minute (within --minutes) that gives the lowest busiest
 * load over its runs, then the lowest total load, then the nearest
 * minute, then the smallest; only when that is strictly quieter than
 * where it is.  Once no minute has more than --max runs, nothing moves:
 * a second run changes nothing.
 *
 * Resource tags: a job whose marker note or trailing comment holds
 * "resource=NAME" shares NAME with every other job that says so; at most
 * --per-resource of them (default 1) may start in one minute.  A minute
 * where they clash is crowded too, and a move is judged first by the
 * busiest clash of its resources over its runs, then by the load above.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "spread_fleet.h"
#include "commands.h"
#include "fires.h"
#include "runcount.h"
#include "window.h"

enum { OPT_MAX = 0x100, OPT_MINUTES, OPT_INVENTORY, OPT_HOURS, OPT_GROUP,
    OPT_PER_RESOURCE };

/* The resource tags of all jobs and their runs per minute. */
struct rtags {
	char		**name;		/* the distinct names, in order found */
	size_t		  n;
	uint32_t	 *occ;		/* n x nmin counters */
	size_t		  nmin;
	size_t		  max;		/* --per-resource */
};

struct sjob {
	size_t		*at;		/* minute indexes of its runs */
	size_t		 nat;
	int		 minute;	/* its minute, or -1: not movable */
	int		 to;		/* the new minute, or -1 */
	const char	*why;		/* why it is not movable */
	size_t		*res;		/* its resource tags (rtags indexes) */
	size_t		 nres;
	/* What the report says, taken before the tab is rewritten. */
	size_t		 line;
	char		*id;		/* NULL: none */
	char		*label;
	char		*expr;
};

static char *
dupn(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* The number a minute field is, or -1. */
static int
single_minute(const ck_expr *e)
{
	const char *t;
	size_t len, i;
	int v = 0;

	t = ck_expr_text(e, &len);
	if (len == 0 || t[0] == '@')
		return -1;
	for (i = 0; i < len && !(t[i] == ' ' || t[i] == '\t'); i++) {
		if (t[i] < '0' || t[i] > '9' || i >= 2)
			return -1;
		v = v * 10 + (t[i] - '0');
	}
	return i > 0 && v < 60 ? v : -1;
}

static bool
alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

static bool
has_word(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w), i;

	for (i = 0; s != NULL && i + n <= len; i++)
		if (strncasecmp(s + i, w, n) == 0 &&
		    (i == 0 || !alnum(s[i - 1])) &&
		    (i + n == len || !alnum(s[i + n])))
			return true;
	return false;
}

/* Pinned: "pinned" in the marker note (after the id) or the comment. */
static bool
pinned(const struct cli_source *src, const ck_job *job)
{
	const char *t, *c;
	size_t n, cl;

	c = ck_job_comment(job, &cl);
	if (c != NULL && has_word(c, cl, "pinned"))
		return true;
	if (ck_job_marker(job) == CK_MARKER_NONE)
		return false;
	t = ck_tab_line_text(src->tab, ck_job_marker_line(job), &n, NULL);
	return t != NULL && has_word(t, n, "pinned");
}

static bool
tagchar(char c)
{
	return alnum(c) || c == '.' || c == '_' || c == '-';
}

/* Give job j resource NAME (once), registering the name. */
static void
add_tag(struct rtags *rt, struct sjob *j, const char *s, size_t len)
{
	size_t r, k;

	for (r = 0; r < rt->n; r++)
		if (strlen(rt->name[r]) == len &&
		    memcmp(rt->name[r], s, len) == 0)
			break;
	if (r == rt->n) {
		rt->name = xreallocarray(rt->name, rt->n + 1,
		    sizeof(*rt->name));
		rt->name[rt->n++] = dupn(s, len);
	}
	for (k = 0; k < j->nres && j->res[k] != r; k++)
		;
	if (k == j->nres) {
		j->res = xreallocarray(j->res, j->nres + 1, sizeof(*j->res));
		j->res[j->nres++] = r;
	}
}

/* Add the "resource=NAME[,NAME...]" words of s to job j. */
static void
scan_tags(struct rtags *rt, struct sjob *j, const char *s, size_t len)
{
	static const char key[] = "resource=";
	size_t kl = sizeof(key) - 1, i, b, e;

	for (i = 0; s != NULL && i + kl < len; i++) {
		if (strncasecmp(s + i, key, kl) != 0 ||
		    (i > 0 && !(s[i - 1] == ' ' || s[i - 1] == '\t' ||
		    s[i - 1] == '#')))
			continue;
		for (b = e = i + kl; ; b = ++e) {
			while (e < len && tagchar(s[e]))
				e++;
			if (e > b)
				add_tag(rt, j, s + b, e - b);
			if (e >= len || s[e] != ',')
				break;
		}
		i = e > i ? e - 1 : i;
	}
}

/* The tags in a job's trailing comment and its marker note. */
static void
job_tags(struct rtags *rt, struct sjob *j, const struct cli_source *src,
    const ck_job *job)
{
	const char *t, *c;
	size_t n, cl;

	c = ck_job_comment(job, &cl);
	scan_tags(rt, j, c, c != NULL ? cl : 0);
	if (ck_job_marker(job) == CK_MARKER_NONE)
		return;
	t = ck_tab_line_text(src->tab, ck_job_marker_line(job), &n, NULL);
	scan_tags(rt, j, t, t != NULL ? n : 0);
}

/* The busiest clash of j's resources over its runs shifted by d. */
static uint32_t
clash_at(const struct rtags *rt, const struct sjob *j, long d)
{
	uint32_t peak = 0, v;
	size_t k, r;
	long i;

	for (r = 0; r < j->nres; r++)
		for (k = 0; k < j->nat; k++) {
			i = (long)j->at[k] + d;
			if (i < 0 || (size_t)i >= rt->nmin)
				continue;
			v = rt->occ[j->res[r] * rt->nmin + (size_t)i];
			if (v > peak)
				peak = v;
		}
	return peak;
}

/* Does one of j's resources have more than --per-resource runs at i? */
static bool
clashes(const struct rtags *rt, const struct sjob *j, size_t i)
{
	size_t r;

	for (r = 0; r < j->nres; r++)
		if (rt->occ[j->res[r] * rt->nmin + i] > rt->max)
			return true;
	return false;
}

/* The (resource, minute) pairs over --per-resource. */
static size_t
clash_count(const struct rtags *rt)
{
	size_t i, n = 0;

	for (i = 0; i < rt->n * rt->nmin; i++)
		n += rt->occ[i] > rt->max;
	return n;
}

/* Busiest and total load over a job's runs shifted by d minutes. */
static void
load_at(const uint32_t *occ, size_t nmin, const struct sjob *j, long d,
    uint32_t *peak, uint64_t *sum)
{
	size_t k;
	long i;

	*peak = 0;
	*sum = 0;
	for (k = 0; k < j->nat; k++) {
		i = (long)j->at[k] + d;
		if (i < 0 || (size_t)i >= nmin)
			continue;
		if (occ[i] > *peak)
			*peak = occ[i];
		*sum += occ[i];
	}
}

static void
shift(uint32_t *occ, struct rtags *rt, size_t nmin, struct sjob *j, long d,
    int add)
{
	uint32_t *ro;
	size_t k, r;
	long i;

	for (k = 0; k < j->nat; k++) {
		i = (long)j->at[k] + d;
		if (i < 0 || (size_t)i >= nmin)
			continue;
		occ[i] = (uint32_t)((long)occ[i] + add);
		for (r = 0; r < j->nres; r++) {
			ro = &rt->occ[j->res[r] * rt->nmin + (size_t)i];
			*ro = (uint32_t)((long)*ro + add);
		}
	}
}

/*
 * Move job j if some minute in [lo, hi] is strictly quieter: first by the
 * busiest clash of its resources, then by the busiest minute.
 */
static bool
place(uint32_t *occ, struct rtags *rt, size_t nmin, struct sjob *j, int lo,
    int hi)
{
	uint32_t cur, peak, bpeak = 0, cclash, clash, bclash = 0;
	uint64_t csum, sum, bsum = 0;
	int cm = j->to >= 0 ? j->to : j->minute, m, best = -1;
	bool moved;
	long d;

	shift(occ, rt, nmin, j, cm - j->minute, -1);
	load_at(occ, nmin, j, cm - j->minute, &cur, &csum);
	cclash = clash_at(rt, j, cm - j->minute);
	for (m = lo; m <= hi; m++) {
		if (m == cm)
			continue;
		d = m - j->minute;
		load_at(occ, nmin, j, d, &peak, &sum);
		clash = clash_at(rt, j, d);
		if (best == -1 || clash < bclash || (clash == bclash &&
		    (peak < bpeak || (peak == bpeak && (sum < bsum ||
		    (sum == bsum && abs(m - cm) < abs(best - cm))))))) {
			best = m;
			bpeak = peak;
			bsum = sum;
			bclash = clash;
		}
	}
	moved = best != -1 && (bclash < cclash ||
	    (bclash == cclash && bpeak < cur));
	if (moved) {
		j->to = best == j->minute ? -1 : best;
		cm = best;
	}
	shift(occ, rt, nmin, j, cm - j->minute, +1);
	return moved;
}

/* The job line with its minute field replaced. */
static char *
moved_line(const char *t, size_t n, int minute)
{
	size_t s = 0, e;
	char *out;
	int k;

	while (s < n && (t[s] == ' ' || t[s] == '\t'))
		s++;
	for (e = s; e < n && t[e] != ' ' && t[e] != '\t'; e++)
		;
	out = xmalloc(n + 4);
	memcpy(out, t, s);
	k = snprintf(out + s, 4, "%d", minute);
	memcpy(out + s + k, t + e, n - e);
	out[s + (size_t)k + (n - e)] = '\0';
	return out;
}

/* src's text with the moves of its jobs. */
static char *
rewrite(const struct cli_source *src, const struct fire_job *fj,
    const struct sjob *sj, size_t nj, size_t *outlen)
{
	const char *t, *eol;
	size_t nl = ck_tab_line_count(src->tab), i, k, n, len = 0;
	char *out = NULL, *line;
	bool done;

	for (i = 0; i < nl; i++) {
		t = ck_tab_line_text(src->tab, i, &n, &eol);
		line = NULL;
		done = false;
		for (k = 0; k < nj && !done; k++)
			if (fj[k].src == src && sj[k].to >= 0 &&
			    ck_job_line(fj[k].job) == i) {
				line = moved_line(t, n, sj[k].to);
				t = line;
				n = strlen(line);
				done = true;
			}
		out = xreallocarray(out, len + n + strlen(eol) + 1, 1);
		memcpy(out + len, t, n);
		len += n;
		memcpy(out + len, eol, strlen(eol));
		len += strlen(eol);
		free(line);
	}
	if (out == NULL)
		out = xstrdup("");
	out[len] = '\0';
	*outlen = len;
	return out;
}

static uint32_t
busiest(const uint32_t *occ, size_t nmin, size_t max, size_t *over)
{
	uint32_t b = 0;
	size_t i;

	*over = 0;
	for (i = 0; i < nmin; i++) {
		if (occ[i] > b)
			b = occ[i];
		if (occ[i] > max)
			(*over)++;
	}
	return b;
}

/* "A-B" with 0 <= A <= B <= 59, digits only.  @return 0 or -1. */
static int
range_of(const char *s, int max, int *lo, int *hi)
{
	const char *dash = strchr(s, '-'), *errstr;
	char a[8];

	if (dash == NULL || dash == s || (size_t)(dash - s) >= sizeof(a) ||
	    strspn(s, "0123456789") != (size_t)(dash - s) || dash[1] == '\0' ||
	    strspn(dash + 1, "0123456789") != strlen(dash + 1))
		return -1;
	memcpy(a, s, (size_t)(dash - s));
	a[dash - s] = '\0';
	*lo = (int)strtonum(a, 0, max, &errstr);
	if (errstr != NULL)
		return -1;
	*hi = (int)strtonum(dash + 1, 0, max, &errstr);
	return errstr != NULL || *lo > *hi ? -1 : 0;
}

static const struct cli_option options[] = {
	{ "max", 0, OPT_MAX, "N", "at most N jobs may start in one minute "
	    "(default 1)", CLI_COMP_NONE, NULL, 0 },
	{ "per-resource", 0, OPT_PER_RESOURCE, "N", "at most N jobs with one "
	    "'resource=NAME' tag may\nstart in one minute (default 1)",
	    CLI_COMP_NONE, NULL, 0 },
	{ "minutes", 0, OPT_MINUTES, "A-B", "move jobs only to minutes A to "
	    "B of their hour\n(default 0-59)", CLI_COMP_NONE, NULL, 0 },
	CLI_OPT_FROM("DATE", "count the runs from DATE 00:00 (default: "
	    "today)"),
	CLI_OPT_DAYS("over N days (default 7)"),
	CLI_OPT_TZ("the zone (default: $TZ, else /etc/localtime)"),
	{ "inventory", 0, OPT_INVENTORY, "FILE|DIR", "a fleet: many hosts' "
	    "inventories (repeatable); print\nthe per-host plan, write "
	    "nothing", CLI_COMP_FILE, NULL, 0 },
	{ "hours", 0, OPT_HOURS, "A-B", "with --inventory: a job of one hour "
	    "may move to hours\nA to B (default: its own hour)",
	    CLI_COMP_NONE, NULL, 0 },
	{ "group", 0, OPT_GROUP, "GROUP", "with --inventory: only the hosts "
	    "of this group", CLI_COMP_NONE, NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

/* What the command line asks (spread_parse(ctx)). */
struct spread_req {
	size_t		 max;		/* --max */
	size_t		 per_resource;	/* --per-resource */
	int		 lo, hi;	/* --minutes */
	struct cli_window w;		/* --from (NULL: today), --days, --tz */
	struct spread_fleet_opts fo;	/* --inventory's */
	size_t		 ninv;		/* how many --inventory */
};

/* The plan over the loaded crontabs (spread_plan(ctx)). */
struct plan {
	struct fire_job	*fj;		/* the jobs and their runs */
	size_t		 nfj;
	struct sjob	*sj;		/* the same jobs, what moves */
	struct rtags	 rt;
	uint32_t	*occ;		/* runs per minute of the window */
	size_t		 nmin;
	uint32_t	 before, after;	/* the busiest minute */
	size_t		 over_before, over_after;
	size_t		 clash_before, clash_after;
	size_t		 moves;
};

static int
spread_parse(const struct cli_ctx *ctx, const struct cli_args *a,
    struct spread_req *q)
{
	const char *arg, *errstr;
	size_t i;
	int rc;

	memset(q, 0, sizeof(*q));
	q->max = 1;
	q->per_resource = 1;
	q->hi = 59;
	cli_window_init(&q->w, 7, 366);
	q->fo.minute_hi = 59;
	q->fo.hour_lo = q->fo.hour_hi = -1;
	for (i = 0; i < a->nopts; i++) {
		arg = a->opts[i].arg;
		if ((rc = cli_window_option(ctx, &q->w, a->opts[i].key,
		    arg)) == -1)
			return CLI_EXIT_USAGE;
		if (rc == 1)
			continue;
		switch (a->opts[i].key) {
		case OPT_MAX:
			q->max = (size_t)strtonum(arg, 1, 100000, &errstr);
			if (errstr != NULL)
				return cli_usage_error(ctx, "--max takes a "
				    "number from 1, not '%s'", arg);
			break;
		case OPT_PER_RESOURCE:
			q->per_resource = (size_t)strtonum(arg, 1, 100000,
			    &errstr);
			if (errstr != NULL)
				return cli_usage_error(ctx, "--per-resource "
				    "takes a number from 1, not '%s'", arg);
			break;
		case OPT_MINUTES:
			if (range_of(arg, 59, &q->lo, &q->hi) == -1)
				return cli_usage_error(ctx, "--minutes takes "
				    "A-B within 0-59, not '%s'", arg);
			break;
		case OPT_INVENTORY:
			q->ninv++;	/* collected by spread_inventory() */
			break;
		case OPT_HOURS:
			if (range_of(arg, 23, &q->fo.hour_lo,
			    &q->fo.hour_hi) == -1)
				return cli_usage_error(ctx, "--hours takes "
				    "A-B within 0-23, not '%s'", arg);
			break;
		case OPT_GROUP:
			q->fo.group = arg;
			break;
		}
	}
	q->fo.minute_lo = q->lo;
	q->fo.minute_hi = q->hi;
	if (a->argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'",
		    a->argv[0]);
	if (q->ninv == 0 && (q->fo.hour_lo >= 0 || q->fo.group != NULL))
		return cli_usage_error(ctx, "--hours and --group are for "
		    "--inventory");
	return CLI_EXIT_OK;
}

/* The fleet plan of the --inventory options (spread_fleet.c). */
static int
spread_inventory(struct cli_ctx *ctx, const struct cli_args *a,
    const struct spread_req *q)
{
	const char **inv;
	size_t i, k;
	int rc;

	inv = xcalloc(q->ninv, sizeof(*inv));
	for (i = 0, k = 0; i < a->nopts; i++)
		if (a->opts[i].key == OPT_INVENTORY)
			inv[k++] = a->opts[i].arg;
	rc = spread_fleet(ctx, inv, q->ninv, &q->fo);
	free(inv);
	return rc;
}

/* Which jobs may move, their tags, and every job's runs as minutes. */
static void
plan_load(struct plan *p, struct runcount *rcnt, size_t *buf)
{
	struct sjob *sj;
	size_t i, k, n, r;

	p->nmin = runcount_minutes(rcnt);
	p->occ = xreallocarray(NULL, p->nmin > 0 ? p->nmin : 1,
	    sizeof(*p->occ));
	p->sj = xcalloc(p->nfj > 0 ? p->nfj : 1, sizeof(*p->sj));
	for (k = 0; k < p->nfj; k++) {
		sj = &p->sj[k];
		sj->to = -1;
		sj->minute = single_minute(ck_job_expr(p->fj[k].job));
		sj->at = xreallocarray(NULL, p->fj[k].n > 0 ? p->fj[k].n : 1,
		    sizeof(size_t));
		if (sj->minute < 0)
			sj->why = "its minute is not one number";
		else if (pinned(p->fj[k].src, p->fj[k].job))
			sj->why = "pinned";
		else if (p->fj[k].src->ana != NULL || p->fj[k].src->rp != NULL)
			sj->why = "not a crontab";
		if (sj->why != NULL)
			sj->minute = -1;
		job_tags(&p->rt, sj, p->fj[k].src, p->fj[k].job);
	}
	p->rt.nmin = p->nmin;
	p->rt.occ = xcalloc(p->rt.n * p->nmin > 0 ? p->rt.n * p->nmin : 1,
	    sizeof(*p->rt.occ));
	/* Every job's runs, as minute indexes (runcount.c's sweep). */
	for (i = 0; i < p->nmin; i++) {
		p->occ[i] = runcount_at(rcnt, i);
		if (p->occ[i] == 0)
			continue;
		n = runcount_jobs(rcnt, i, buf);
		for (k = 0; k < n; k++) {
			sj = &p->sj[buf[k]];
			if (sj->nat < p->fj[buf[k]].n)
				sj->at[sj->nat++] = i;
			for (r = 0; r < sj->nres; r++)
				p->rt.occ[sj->res[r] * p->nmin + i]++;
		}
	}
}

/* What the report says of each moved job, taken before any rewrite. */
static void
plan_labels(struct plan *p)
{
	const char *id, *t;
	size_t k, n;

	for (k = 0; k < p->nfj; k++) {
		if (p->sj[k].to < 0)
			continue;
		p->moves++;
		p->sj[k].line = ck_job_line(p->fj[k].job) + 1;
		if ((id = ck_job_id(p->fj[k].job, &n)) != NULL)
			p->sj[k].id = dupn(id, n);
		p->sj[k].label = fires_label(p->fj[k].job, 40);
		t = ck_expr_text(ck_job_expr(p->fj[k].job), &n);
		p->sj[k].expr = dupn(t, n);
	}
}

/* The plan: up to three sweeps while something moves. */
static int
spread_plan(const struct cli_ctx *ctx, struct plan *p,
    const struct spread_req *q, ck_tz *tz, time_t from)
{
	struct runcount *rcnt;
	size_t i, k, n, *buf;
	struct sjob *x;
	bool pass;
	int sweep;

	rcnt = runcount_new(ctx, p->fj, p->nfj, tz, from,
	    from + q->w.days * 86400);
	if (rcnt == NULL)
		return EX_SOFTWARE;
	buf = xreallocarray(NULL, p->nfj > 0 ? p->nfj : 1, sizeof(*buf));
	p->rt.max = q->per_resource;
	plan_load(p, rcnt, buf);
	p->before = busiest(p->occ, p->nmin, q->max, &p->over_before);
	p->clash_before = clash_count(&p->rt);
	for (sweep = 0, pass = true; sweep < 3 && pass; sweep++) {
		pass = false;
		for (i = 0; i < p->nmin; i++) {
			if (p->occ[i] == 0 ||
			    (p->occ[i] <= q->max && p->rt.n == 0))
				continue;
			n = runcount_jobs(rcnt, i, buf);
			for (k = n; k > 0; k--) {
				x = &p->sj[buf[k - 1]];
				if (x->minute < 0 || x->to >= 0 ||
				    (p->occ[i] <= q->max &&
				    !clashes(&p->rt, x, i)))
					continue;
				if (place(p->occ, &p->rt, p->nmin, x, q->lo,
				    q->hi))
					pass = true;
			}
		}
	}
	p->after = busiest(p->occ, p->nmin, q->max, &p->over_after);
	p->clash_after = clash_count(&p->rt);
	plan_labels(p);
	free(buf);
	runcount_free(rcnt);
	return CLI_EXIT_OK;
}

/* Write (or with -n show) each crontab that changes. */
static int
spread_write(const struct cli_ctx *ctx, struct cli_source *src, size_t nsrc,
    const struct plan *p)
{
	size_t i, k, n;
	char *text;
	bool changed;
	ck_error err;
	int rc = CLI_EXIT_OK;

	for (i = 0; i < nsrc && rc == CLI_EXIT_OK; i++) {
		for (k = 0; k < p->nfj; k++)
			if (p->fj[k].src == &src[i] && p->sj[k].to >= 0)
				break;
		if (k == p->nfj)
			continue;
		text = rewrite(&src[i], p->fj, p->sj, p->nfj, &n);
		memset(&err, 0, sizeof(err));
		if (ck_tab_replace(src[i].tab, text, n, &err) == -1)
			rc = cli_error(ctx, src[i].label, &err);
		else
			rc = cli_write_tab(ctx, &src[i], &changed);
		free(text);
	}
	return rc;
}

static void
spread_render_json(const struct cli_ctx *ctx, const struct plan *p,
    const struct spread_req *q,
    bool dry_run)
{
	const struct sjob *sj;
	struct json j;
	size_t k, r;

	cli_json_init(ctx, &j, stdout);
	json_obj_begin(&j);
	json_key(&j, "max");
	json_int(&j, (long long)q->max);
	json_key(&j, "busiest_before");
	json_int(&j, p->before);
	json_key(&j, "busiest_after");
	json_int(&j, p->after);
	json_key(&j, "minutes_over_before");
	json_int(&j, (long long)p->over_before);
	json_key(&j, "minutes_over_after");
	json_int(&j, (long long)p->over_after);
	json_key(&j, "resources");
	json_arr_begin(&j);
	for (r = 0; r < p->rt.n; r++)
		json_str(&j, p->rt.name[r]);
	json_arr_end(&j);
	json_key(&j, "clashes_before");
	json_int(&j, (long long)p->clash_before);
	json_key(&j, "clashes_after");
	json_int(&j, (long long)p->clash_after);
	json_key(&j, "moves");
	json_arr_begin(&j);
	for (k = 0; k < p->nfj; k++) {
		sj = &p->sj[k];
		if (sj->to < 0)
			continue;
		json_obj_begin(&j);
		json_key(&j, "source");
		json_str(&j, p->fj[k].src->label);
		json_key(&j, "line");
		json_int(&j, (long long)sj->line);
		json_key(&j, "id");
		if (sj->id != NULL)
			json_str(&j, sj->id);
		else
			json_null(&j);
		json_key(&j, "from");
		json_int(&j, sj->minute);
		json_key(&j, "to");
		json_int(&j, sj->to);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_key(&j, "dry_run");
	json_bool(&j, dry_run);
	json_obj_end(&j);
	json_end(&j);
}

/* Each move and the summary, on standard error. */
static void
spread_render_text(const struct plan *p, const struct spread_req *q,
    bool dry_run)
{
	const struct sjob *sj;
	size_t k;

	for (k = 0; k < p->nfj; k++) {
		sj = &p->sj[k];
		if (sj->to < 0)
			continue;
		fprintf(stderr, "%s:%zu: ", p->fj[k].src->label, sj->line);
		cli_put_vis(stderr, sj->label, strlen(sj->label));
		fprintf(stderr, ": minute %d -> %d (was ", sj->minute, sj->to);
		cli_put_vis(stderr, sj->expr, strlen(sj->expr));
		fprintf(stderr, ")\n");
	}
	fprintf(stderr, "%zu job%s moved%s; busiest minute %u -> %u job%s; "
	    "minutes over --max %zu: %zu -> %zu\n", p->moves,
	    p->moves == 1 ? "" : "s", dry_run ? " (dry run)" : "",
	    p->before, p->after, p->after == 1 ? "" : "s", q->max,
	    p->over_before, p->over_after);
	if (p->rt.n > 0)
		fprintf(stderr, "resource clashes (more than %zu of one "
		    "resource in a minute): %zu -> %zu\n", p->rt.max,
		    p->clash_before, p->clash_after);
}

static void
plan_free(struct plan *p)
{
	size_t k, r;

	for (k = 0; p->sj != NULL && k < p->nfj; k++) {
		free(p->sj[k].at);
		free(p->sj[k].id);
		free(p->sj[k].label);
		free(p->sj[k].expr);
		free(p->sj[k].res);
	}
	for (r = 0; r < p->rt.n; r++)
		free(p->rt.name[r]);
	free(p->rt.name);
	free(p->rt.occ);
	free(p->sj);
	free(p->occ);
	fires_free(p->fj, p->nfj);
}

static int
spread(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct cli_source *src = NULL;
	struct spread_req q;
	struct plan p;
	size_t nsrc = 0;
	ck_tz *tz;
	time_t now, from;
	char day[32];
	int rc, dk;

	memset(&p, 0, sizeof(p));
	if ((rc = spread_parse(ctx, a, &q)) != CLI_EXIT_OK)
		return rc;
	if (q.ninv > 0)
		return spread_inventory(ctx, a, &q);
	if ((tz = cli_zone(ctx, q.w.zone, "--tz")) == NULL)
		return EX_DATAERR;
	if ((rc = cli_now(ctx, &now)) != 0)
		goto out;
	if (q.w.from == NULL) {
		fires_fmt(tz, now, false, day, sizeof(day), NULL);
		day[10] = '\0';
		q.w.from = day;
	}
	if ((dk = fires_parse_time(tz, q.w.from, &from)) != 0) {
		rc = cli_date_refused(ctx, "--from", q.w.from, dk,
		    "'YYYY-MM-DD'");
		goto out;
	}
	if ((rc = cli_load_sources(ctx, CLI_SRC_WRITE | CLI_SRC_LENIENT, &src,
	    &nsrc)) != 0)
		goto out;
	fires_jobs(src, nsrc, &p.fj, &p.nfj);
	if ((rc = spread_plan(ctx, &p, &q, tz, from)) != CLI_EXIT_OK ||
	    (rc = spread_write(ctx, src, nsrc, &p)) != CLI_EXIT_OK)
		goto out;
	if (ctx->json)
		spread_render_json(ctx, &p, &q, ctx->dry_run);
	else
		spread_render_text(&p, &q, ctx->dry_run);
	rc = p.over_after > 0 || p.clash_after > 0 ? CLI_EXIT_FAIL :
	    CLI_EXIT_OK;
out:
	plan_free(&p);
	cli_sources_free(src, nsrc);
	ck_tz_free(tz);
	return cli_finish(rc);
}

const struct cli_command cmd_spread = {
	.name = "spread",
	.summary = "move jobs out of minutes where too many start",
	.description =
"Count the runs of the selected crontabs (-f FILE, -u USER, -s, --cron-d,\n"
"-a) minute by minute over --days days from --from (as stats counts them),\n"
"find the minutes where more than --max jobs start, and move jobs to\n"
"quieter minutes of the same hour: only the minute field changes, so each\n"
"job keeps its frequency, its hours and its days.  A job moves only when\n"
"its minute is one number and it is not pinned (the word 'pinned' in its\n"
"marker note, '# cronkeep: ID pinned', or in a trailing '# comment').\n"
"Jobs tagged with the same 'resource=NAME' word (in the marker note or\n"
"the trailing comment) may not start more than --per-resource at a time\n"
"(default 1), whatever --max says: a clash is crowded too.\n"
"The plan is deterministic: the first jobs of a busy minute stay, the\n"
"later ones move, each to the minute that makes its busiest minute\n"
"quietest (then the nearest); once no minute is over --max, spread changes\n"
"nothing.  The crontabs are written as set writes them (checked, atomic,\n"
"refused when they changed meanwhile); -n shows the diff instead.\n"
"The moves and a summary go to standard error.\n"
"\n"
"With --inventory FILE|DIR... (cronkeep inventory --json of many hosts):\n"
"every job (by id, else command) that two hosts or more start at one\n"
"plain minute (in any group; --group GROUP: that group's hosts only)\n"
"gets, host by host in name order, its own minute,\n"
"evenly over --minutes of its hour, or over --hours A-B when its hour is\n"
"one number (100 hosts need a window of 100 minutes or more).  Pinned\n"
"jobs stay.  The per-host plan is printed (apply it on each host with the\n"
"Ansible collection or cronkeep set); nothing is written.\n",
	.epilog =
"With --json: {\"max\",\"busiest_before\",\"busiest_after\",\n"
"\"minutes_over_before\",\"minutes_over_after\",\"resources\",\"clashes_before\",\n"
"\"clashes_after\",\"moves\":[{\"source\",\"line\",\n"
"\"id\",\"from\",\"to\"}],\"dry_run\"}; with --inventory: {\"hosts\",\"keys\",\n"
"\"busiest_before\",\"busiest_after\",\"plan\":[{\"host\",\"group\",\"id\",\n"
"\"command\",\"source\",\"line\",\"from\",\"to\"}],\"moves\",\"shared\"}\n"
"\n"
"Exit: 0 no minute over --max and no resource clash after the plan, 1\n"
"some minute still over or clashing (nothing else could move), 2 usage,\n"
"65 a bad date or zone or a lint error in a new line, 75 a crontab\n"
"changed meanwhile (nothing written).\n",
	.options = options,
	.flags = CMD_WRITES,
	.exec = spread,
};
