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

enum { OPT_MAX = 0x100, OPT_MINUTES, OPT_FROM, OPT_DAYS, OPT_TZ,
    OPT_INVENTORY, OPT_HOURS, OPT_GROUP, OPT_PER_RESOURCE };

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
	{ "from", 0, OPT_FROM, "DATE", "count the runs from DATE 00:00 "
	    "(default: today)", CLI_COMP_NONE, NULL, 0 },
	{ "days", 0, OPT_DAYS, "N", "over N days (default 7)",
	    CLI_COMP_NONE, NULL, 0 },
	{ "tz", 0, OPT_TZ, "ZONE", "the zone (default: $TZ, else "
	    "/etc/localtime)", CLI_COMP_NONE, NULL, 0 },
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

static int
spread(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct cli_source *src = NULL;
	struct fire_job *fj = NULL;
	struct runcount *rcnt = NULL;
	struct sjob *sj = NULL;
	uint32_t *occ = NULL, before, after;
	size_t nsrc = 0, nfj = 0, nmin, i, k, n, *buf = NULL, max = 1;
	size_t over_before, over_after, moves = 0, clash_before, clash_after;
	size_t r;
	struct rtags rt = { NULL, 0, NULL, 0, 1 };
	const char *zone = NULL, *from_s = NULL, *errstr, *t;
	char day[32], *text;
	ck_tz *tz = NULL;
	time_t now, from;
	long days = 7;
	int lo = 0, hi = 59, rc = CLI_EXIT_OK, dk;
	struct spread_fleet_opts fo = { 0, 59, -1, -1, NULL };
	const char **inv = NULL;
	size_t ninv = 0;
	bool changed, pass;
	struct json j;
	ck_error err;

	for (i = 0; i < a->nopts; i++) {
		const char *arg = a->opts[i].arg;

		switch (a->opts[i].key) {
		case OPT_MAX:
			max = (size_t)strtonum(arg, 1, 100000, &errstr);
			if (errstr != NULL)
				return cli_usage_error(ctx->cmd, "--max takes "
				    "a number from 1, not '%s'", arg);
			break;
		case OPT_PER_RESOURCE:
			rt.max = (size_t)strtonum(arg, 1, 100000, &errstr);
			if (errstr != NULL)
				return cli_usage_error(ctx->cmd, "--per-resource "
				    "takes a number from 1, not '%s'", arg);
			break;
		case OPT_MINUTES:
			if (range_of(arg, 59, &lo, &hi) == -1)
				return cli_usage_error(ctx->cmd, "--minutes "
				    "takes A-B within 0-59, not '%s'", arg);
			break;
		case OPT_FROM:
			from_s = arg;
			break;
		case OPT_DAYS:
			days = (long)strtonum(arg, 1, 366, &errstr);
			if (errstr != NULL)
				return cli_usage_error(ctx->cmd, "--days takes "
				    "1 to 366, not '%s'", arg);
			break;
		case OPT_TZ:
			zone = arg;
			break;
		case OPT_INVENTORY:
			ninv++;		/* collected below */
			break;
		case OPT_HOURS:
			if (range_of(arg, 23, &fo.hour_lo, &fo.hour_hi) == -1)
				return cli_usage_error(ctx->cmd, "--hours "
				    "takes A-B within 0-23, not '%s'", arg);
			break;
		case OPT_GROUP:
			fo.group = arg;
			break;
		}
	}
	if (ninv > 0) {
		inv = xcalloc(ninv, sizeof(*inv));
		for (i = 0, k = 0; i < a->nopts; i++)
			if (a->opts[i].key == OPT_INVENTORY)
				inv[k++] = a->opts[i].arg;
		fo.minute_lo = lo;
		fo.minute_hi = hi;
		if (a->argc != 0) {
			free(inv);
			return cli_usage_error(ctx->cmd, "unexpected argument "
			    "'%s'", a->argv[0]);
		}
		rc = spread_fleet(ctx, inv, ninv, &fo);
		free(inv);
		return rc;
	}
	if (fo.hour_lo >= 0 || fo.group != NULL)
		return cli_usage_error(ctx->cmd, "--hours and --group are for "
		    "--inventory");
	if (a->argc != 0)
		return cli_usage_error(ctx->cmd, "unexpected argument '%s'",
		    a->argv[0]);
	if ((tz = cli_zone(zone, "--tz")) == NULL)
		return EX_DATAERR;
	if ((rc = cli_now(&now)) != 0) {
		ck_tz_free(tz);
		return rc;
	}
	if (from_s == NULL) {
		fires_fmt(tz, now, false, day, sizeof(day), NULL);
		day[10] = '\0';
		from_s = day;
	}
	if ((dk = fires_parse_time(tz, from_s, &from)) != 0) {
		rc = cli_date_refused("--from", from_s, dk, "'YYYY-MM-DD'");
		goto out;
	}
	if ((rc = cli_load_sources(ctx, CLI_SRC_WRITE | CLI_SRC_LENIENT, &src,
	    &nsrc)) != 0)
		goto out;
	fires_jobs(src, nsrc, &fj, &nfj);
	if ((rcnt = runcount_new(fj, nfj, tz, from, from + days * 86400)) ==
	    NULL) {
		rc = EX_SOFTWARE;
		goto out;
	}
	nmin = runcount_minutes(rcnt);
	occ = xreallocarray(NULL, nmin > 0 ? nmin : 1, sizeof(*occ));
	sj = xreallocarray(NULL, nfj > 0 ? nfj : 1, sizeof(*sj));
	memset(sj, 0, (nfj > 0 ? nfj : 1) * sizeof(*sj));
	buf = xreallocarray(NULL, nfj > 0 ? nfj : 1, sizeof(*buf));
	for (k = 0; k < nfj; k++) {
		sj[k].to = -1;
		sj[k].minute = single_minute(ck_job_expr(fj[k].job));
		sj[k].at = xreallocarray(NULL, fj[k].n > 0 ? fj[k].n : 1,
		    sizeof(size_t));
		if (sj[k].minute < 0)
			sj[k].why = "its minute is not one number";
		else if (pinned(fj[k].src, fj[k].job))
			sj[k].why = "pinned";
		else if (fj[k].src->ana != NULL || fj[k].src->rp != NULL)
			sj[k].why = "not a crontab";
		if (sj[k].why != NULL)
			sj[k].minute = -1;
		job_tags(&rt, &sj[k], fj[k].src, fj[k].job);
	}
	rt.nmin = nmin;
	rt.occ = xcalloc(rt.n * nmin > 0 ? rt.n * nmin : 1, sizeof(*rt.occ));
	/* Every job's runs, as minute indexes (runcount.c's sweep). */
	for (i = 0; i < nmin; i++) {
		occ[i] = runcount_at(rcnt, i);
		if (occ[i] == 0)
			continue;
		n = runcount_jobs(rcnt, i, buf);
		for (k = 0; k < n; k++) {
			if (sj[buf[k]].nat < fj[buf[k]].n)
				sj[buf[k]].at[sj[buf[k]].nat++] = i;
			for (r = 0; r < sj[buf[k]].nres; r++)
				rt.occ[sj[buf[k]].res[r] * nmin + i]++;
		}
	}
	before = busiest(occ, nmin, max, &over_before);
	clash_before = clash_count(&rt);
	/* The plan: up to three sweeps while something moves. */
	for (dk = 0, pass = true; dk < 3 && pass; dk++) {
		pass = false;
		for (i = 0; i < nmin; i++) {
			if (occ[i] == 0 || (occ[i] <= max && rt.n == 0))
				continue;
			n = runcount_jobs(rcnt, i, buf);
			for (k = n; k > 0; k--) {
				struct sjob *x = &sj[buf[k - 1]];

				if (x->minute < 0 || x->to >= 0 ||
				    (occ[i] <= max && !clashes(&rt, x, i)))
					continue;
				if (place(occ, &rt, nmin, x, lo, hi))
					pass = true;
			}
		}
	}
	after = busiest(occ, nmin, max, &over_after);
	clash_after = clash_count(&rt);
	for (k = 0; k < nfj; k++)
		moves += sj[k].to >= 0;

	for (k = 0; k < nfj; k++) {
		const char *id;
		size_t idl;

		if (sj[k].to < 0)
			continue;
		sj[k].line = ck_job_line(fj[k].job) + 1;
		if ((id = ck_job_id(fj[k].job, &idl)) != NULL)
			sj[k].id = dupn(id, idl);
		sj[k].label = fires_label(fj[k].job, 40);
		t = ck_expr_text(ck_job_expr(fj[k].job), &n);
		sj[k].expr = dupn(t, n);
	}
	/* Write (or with -n show) each crontab that changes. */
	for (i = 0; i < nsrc && rc == CLI_EXIT_OK; i++) {
		for (k = 0; k < nfj; k++)
			if (fj[k].src == &src[i] && sj[k].to >= 0)
				break;
		if (k == nfj)
			continue;
		text = rewrite(&src[i], fj, sj, nfj, &n);
		memset(&err, 0, sizeof(err));
		if (ck_tab_replace(src[i].tab, text, n, &err) == -1)
			rc = cli_error(src[i].label, &err);
		else
			rc = cli_write_tab(&src[i], &changed);
		free(text);
	}
	if (rc != CLI_EXIT_OK)
		goto out;
	if (ctx->json) {
		json_init(&j, stdout);
		json_obj_begin(&j);
		json_key(&j, "max");
		json_int(&j, (long long)max);
		json_key(&j, "busiest_before");
		json_int(&j, before);
		json_key(&j, "busiest_after");
		json_int(&j, after);
		json_key(&j, "minutes_over_before");
		json_int(&j, (long long)over_before);
		json_key(&j, "minutes_over_after");
		json_int(&j, (long long)over_after);
		json_key(&j, "resources");
		json_arr_begin(&j);
		for (r = 0; r < rt.n; r++)
			json_str(&j, rt.name[r]);
		json_arr_end(&j);
		json_key(&j, "clashes_before");
		json_int(&j, (long long)clash_before);
		json_key(&j, "clashes_after");
		json_int(&j, (long long)clash_after);
		json_key(&j, "moves");
		json_arr_begin(&j);
		for (k = 0; k < nfj; k++) {
			if (sj[k].to < 0)
				continue;
			json_obj_begin(&j);
			json_key(&j, "crontab");
			json_str(&j, fj[k].src->label);
			json_key(&j, "line");
			json_int(&j, (long long)sj[k].line);
			json_key(&j, "id");
			if (sj[k].id != NULL)
				json_str(&j, sj[k].id);
			else
				json_null(&j);
			json_key(&j, "from");
			json_int(&j, sj[k].minute);
			json_key(&j, "to");
			json_int(&j, sj[k].to);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		json_key(&j, "dry_run");
		json_bool(&j, ctx->dry_run);
		json_obj_end(&j);
		json_end(&j);
	} else {
		for (k = 0; k < nfj; k++) {
			if (sj[k].to < 0)
				continue;
			fprintf(stderr, "%s:%zu: ", fj[k].src->label,
			    sj[k].line);
			cli_put_vis(stderr, sj[k].label, strlen(sj[k].label));
			fprintf(stderr, ": minute %d -> %d (was ", sj[k].minute,
			    sj[k].to);
			cli_put_vis(stderr, sj[k].expr, strlen(sj[k].expr));
			fprintf(stderr, ")\n");
		}
		fprintf(stderr, "%zu job%s moved%s; busiest minute %u -> %u "
		    "job%s; minutes over --max %zu: %zu -> %zu\n", moves,
		    moves == 1 ? "" : "s", ctx->dry_run ? " (dry run)" : "",
		    before, after, after == 1 ? "" : "s", max, over_before,
		    over_after);
		if (rt.n > 0)
			fprintf(stderr, "resource clashes (more than %zu of "
			    "one resource in a minute): %zu -> %zu\n", rt.max,
			    clash_before, clash_after);
	}
	rc = over_after > 0 || clash_after > 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
out:
	for (k = 0; sj != NULL && k < nfj; k++) {
		free(sj[k].at);
		free(sj[k].id);
		free(sj[k].label);
		free(sj[k].expr);
		free(sj[k].res);
	}
	for (r = 0; r < rt.n; r++)
		free(rt.name[r]);
	free(rt.name);
	free(rt.occ);
	free(sj);
	free(occ);
	free(buf);
	runcount_free(rcnt);
	fires_free(fj, nfj);
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
"\"clashes_after\",\"moves\":[{\"crontab\",\"line\",\n"
"\"id\",\"from\",\"to\"}],\"dry_run\"}; with --inventory: {\"hosts\",\"keys\",\n"
"\"busiest_before\",\"busiest_after\",\"plan\":[{\"host\",\"group\",\"id\",\n"
"\"command\",\"source\",\"line\",\"from\",\"to\"}],\"moves\",\"shared\"}\n"
"\n"
"Exit: 0 no minute over --max and no resource clash after the plan, 1\n"
"some minute still over or clashing (nothing else could move), 2 usage, 65 a bad date or zone or a lint\n"
"error in a new line, 75 a crontab changed meanwhile (nothing written).\n",
	.options = options,
	.flags = CMD_WRITES,
	.exec = spread,
};
