/* SPDX-License-Identifier: ISC */
/*
 * cmd_stats.c - "cronkeep stats": how busy the selected crontabs are over
 * a period: runs per day of each job, the busiest hours and minutes,
 * collisions (several jobs starting in the same minute), and a
 * concurrency budget check (--max-concurrent N --window 1m|1h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "commands.h"
#include "fires.h"
#include "fleet.h"
#include "runcount.h"
#include "width.h"
#include "window.h"

#define TOP 10

/* A window of minutes (one minute: a collision). */
struct bucket {
	time_t	 t;		/* window start */
	size_t	 first, last;	/* its minutes with starts, [first, last] */
	size_t	 count;		/* starts in the window */
	size_t	 jobs;		/* distinct jobs */
};

static int
cmp_bucket(const void *a, const void *b)
{
	const struct bucket *x = a, *y = b;

	if (x->jobs != y->jobs)
		return x->jobs > y->jobs ? -1 : 1;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->t < y->t ? -1 : x->t > y->t;
}

/* Keep the TOP worst collisions in top[] (sorted), count all in *n. */
static void
keep_top(struct bucket *top, size_t *n, const struct bucket *b)
{
	size_t k = *n < TOP ? *n : TOP;

	(*n)++;
	if (k == TOP && cmp_bucket(b, &top[TOP - 1]) >= 0)
		return;
	if (k == TOP)
		k--;
	while (k > 0 && cmp_bucket(b, &top[k - 1]) < 0) {
		top[k] = top[k - 1];
		k--;
	}
	top[k] = *b;
}

/*
 * The distinct jobs starting in a window, in the order of their first
 * start (then job order), into list; seen[] is left all false.
 */
static size_t
bucket_jobs(struct runcount *rc, const struct bucket *b, size_t *buf,
    bool *seen, size_t *list)
{
	size_t i, k, n, m = 0;

	for (i = b->first; i <= b->last; i++) {
		n = runcount_jobs(rc, i, buf);
		for (k = 0; k < n; k++)
			if (!seen[buf[k]]) {
				seen[buf[k]] = true;
				list[m++] = buf[k];
			}
	}
	for (k = 0; k < m; k++)
		seen[list[k]] = false;
	return m;
}

static void
bucket_jobs_json(struct json *j, const struct fire_job *fj,
    const size_t *list, size_t n)
{
	size_t i;

	json_arr_begin(j);
	for (i = 0; i < n; i++)
		json_str(j, fj[list[i]].label);
	json_arr_end(j);
}

/* The jobs' labels, wrapped to the width after what w has. */
static void
bucket_jobs_text(struct cli_wrap *w, const struct fire_job *fj,
    const size_t *list, size_t n)
{
	size_t i;
	char *t;

	for (i = 0; i < n; i++) {
		t = cli_text(stdout, fj[list[i]].label,
		    strlen(fj[list[i]].label));
		cli_wrap_put(w, i == 0 ? "" : ", ", t);
		free(t);
	}
	putchar('\n');
}

/* "  1.5  LABEL  (WHERE:LINE)", the label cut to fit limit (0: none). */
static void
print_job_row(const struct fire_job *f, long long days, size_t limit)
{
	static const bool cut[3] = { false, true, false };
	char head[32], *label, *where, *tail;
	size_t w[3];
	int n;

	snprintf(head, sizeof(head), "%10.1f  ", (double)f->n / (double)days);
	label = cli_text(stdout, f->label, strlen(f->label));
	where = cli_text(stdout, fires_job_where(f),
	    strlen(fires_job_where(f)));
	if (fires_job_line(f) > 0)
		n = asprintf(&tail, "  (%s:%zu)", where, fires_job_line(f));
	else
		n = asprintf(&tail, "  (%s)", where);
	if (n == -1) {
		cli_warnx(NULL, "out of memory");
		exit(EX_OSERR);
	}
	w[0] = strlen(head);
	w[1] = cli_text_width(label, strlen(label));
	w[2] = cli_text_width(tail, strlen(tail));
	cli_fit(w, cut, 3, limit, 10);
	fputs(head, stdout);
	cli_put_cut(stdout, label, limit > 0 ? w[1] : 0, 0, 0);
	printf("%s\n", tail);
	free(label);
	free(where);
	free(tail);
}

enum { OPT_MAX = 0x100, OPT_WINDOW, OPT_INVENTORY };

static const char *const windows[] = { "1m", "1h", NULL };

static const struct cli_option options[] = {
	CLI_OPT_FROM("TIME", "start here (YYYY-MM-DD[ HH:MM]; default: now)"),
	CLI_OPT_DAYS("over N days (default 7)"),
	CLI_OPT_TZ("in ZONE (default: TZ, else the local zone)"),
	{ "max-concurrent", 0, OPT_MAX, "N", "exit 1 when a window sees more "
	    "than N job starts", CLI_COMP_NONE, NULL, 0 },
	{ "window", 0, OPT_WINDOW, "1m|1h", "the window of --max-concurrent "
	    "(default 1m)", CLI_COMP_WORDS, windows, 0 },
	{ "inventory", 0, OPT_INVENTORY, "FILE|DIR", "the fleet view: many "
	    "hosts' inventories (and the\noperands too): herd, per job, per "
	    "group, drift, duplicates", CLI_COMP_FILE, NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

/* What the command line asks for. */
struct stats_req {
	struct cli_window w;			/* --from, --days, --tz */
	const char	*window_s;
	long long	 maxc, width;		/* width: a window's, seconds */
	const char	**inv;			/* --inventory */
	size_t		 ninv;
};

/* What the minutes of the window give. */
struct stats_res {
	ck_tz		*tz;
	time_t		 from, to;
	struct cli_source *src;
	size_t		 nsrc;
	struct fire_job	*fj;
	size_t		 nfj;
	struct runcount	*rcnt;
	size_t		 nst;			/* starts in all */
	struct bucket	 coll[TOP];		/* the worst collisions */
	size_t		 ncoll;			/* all of them */
	struct bucket	*wins;			/* windows over --max-concurrent */
	size_t		 nwins, capwins;
	double		 per_hour[24], per_min[24 * 60];
	size_t		 order[24 * 60];	/* minutes, busiest first (TOP) */
	size_t		*jbuf, *jlist;		/* scratch for a bucket's jobs */
	bool		*seen;
};

static int
stats_parse(struct cli_ctx *ctx, const struct cli_args *a,
    struct stats_req *q)
{
	const char *arg, *errstr;
	size_t oi;
	int rc;

	memset(q, 0, sizeof(*q));
	q->window_s = "1m";
	cli_window_init(&q->w, 7, 3660);
	q->maxc = -1;
	q->width = 60;
	for (oi = 0; oi < a->nopts; oi++) {
		arg = a->opts[oi].arg;
		if ((rc = cli_window_option(ctx, &q->w, a->opts[oi].key,
		    arg)) == -1)
			return CLI_EXIT_USAGE;
		if (rc == 1)
			continue;
		switch (a->opts[oi].key) {
		case OPT_MAX:
			q->maxc = strtonum(arg, 1, 1000000, &errstr);
			if (errstr != NULL) {
				cli_warnx(ctx, "--max-concurrent %s: %s", arg,
				    errstr);
				return CLI_EXIT_USAGE;
			}
			break;
		case OPT_WINDOW:
			q->window_s = arg;
			if (cli_parse_duration(arg, &q->width) == -1 ||
			    q->width < 60 || q->width % 60 != 0 ||
			    q->width > 86400) {
				cli_warnx(ctx,
				    "--window takes whole minutes up to "
				    "a day (1m, 5m, 1h), not '%s'", arg);
				return CLI_EXIT_USAGE;
			}
			break;
		case OPT_INVENTORY:
			q->inv = xreallocarray(q->inv, q->ninv + 1,
			    sizeof(*q->inv));
			q->inv[q->ninv++] = arg;
			break;
		}
	}
	if (q->ninv == 0 && a->argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'",
		    a->argv[0]);
	return 0;
}

/* A window over the budget. */
static void
keep_window(struct stats_res *r, const struct bucket *b)
{
	if (r->nwins == r->capwins) {
		r->capwins = r->capwins ? r->capwins * 2 : 16;
		r->wins = xreallocarray(r->wins, r->capwins,
		    sizeof(*r->wins));
	}
	r->wins[r->nwins++] = *b;
}

/*
 * One pass over the minutes: the time of day of the starts, the
 * collisions (minutes where several jobs start) and the windows of the
 * budget, aligned on the zone's wall clock (so "1h" means 02:00-02:59
 * local).  A job starts at most once a minute.
 */
static void
stats_count(const struct stats_req *q, struct stats_res *r)
{
	unsigned long long hour_n[24] = { 0 }, min_n[24 * 60] = { 0 };
	struct bucket cur;
	size_t nmin, i, k, nj;
	bool open_ = false;
	long long lt, w;
	uint32_t cnt;
	long off;

	nmin = runcount_minutes(r->rcnt);
	memset(&cur, 0, sizeof(cur));
	for (i = 0; i < nmin; i++) {
		if ((cnt = runcount_at(r->rcnt, i)) == 0)
			continue;
		r->nst += cnt;
		off = runcount_offset(r->rcnt, i);
		lt = (long long)r->from + (long long)i * 60 + off;
		k = (size_t)(((lt % 86400) + 86400) % 86400 / 60);
		min_n[k] += cnt;
		hour_n[k / 60] += cnt;
		/* Several jobs, not one job run twice (a DST jump). */
		if (cnt > 1 && (nj = runcount_jobs(r->rcnt, i, r->jbuf)) > 1) {
			struct bucket b = { (time_t)(lt - off - lt % 60), i, i,
			    cnt, nj };

			keep_top(r->coll, &r->ncoll, &b);
		}
		if (q->maxc <= 0)
			continue;
		w = (long long)r->from + (long long)i * 60 - lt % q->width;
		if (open_ && cur.t != (time_t)w) {
			if ((long long)cur.count > q->maxc)
				keep_window(r, &cur);
			open_ = false;
		}
		if (!open_) {
			memset(&cur, 0, sizeof(cur));
			cur.t = (time_t)w;
			cur.first = i;
			open_ = true;
		}
		cur.last = i;
		cur.count += cnt;
	}
	if (open_ && (long long)cur.count > q->maxc)
		keep_window(r, &cur);
	for (i = 0; i < 24 * 60; i++)
		r->per_min[i] = (double)min_n[i] / (double)q->w.days;
	for (i = 0; i < 24; i++)
		r->per_hour[i] = (double)hour_n[i] / (double)q->w.days;
	for (i = 0; i < 24 * 60; i++)
		r->order[i] = i;
	/* The busiest minutes of the day: a small selection sort. */
	for (i = 0; i < TOP; i++)
		for (k = i + 1; k < 24 * 60; k++)
			if (r->per_min[r->order[k]] > r->per_min[r->order[i]]) {
				size_t tmp = r->order[i];

				r->order[i] = r->order[k];
				r->order[k] = tmp;
			}
}

/* The zone, the window, the crontabs' jobs and their starts counted. */
static int
stats_compute(struct cli_ctx *ctx, const struct stats_req *q,
    struct stats_res *r)
{
	int dk, rc;

	if ((r->tz = cli_zone(ctx, q->w.zone, "--tz")) == NULL)
		return EX_DATAERR;
	if (q->w.from != NULL) {
		if ((dk = fires_parse_time(r->tz, q->w.from, &r->from)) != 0)
			return cli_date_refused(ctx, "--from", q->w.from, dk,
			    "YYYY-MM-DD[ HH:MM]");
	} else if ((dk = cli_now(ctx, &r->from)) != 0)
		return dk;
	r->from -= r->from % 60;
	r->to = r->from + (time_t)q->w.days * 86400;
	if ((rc = cli_load_sources(ctx, CLI_SRC_LENIENT, &r->src,
	    &r->nsrc)) != 0)
		return rc;
	fires_jobs(r->src, r->nsrc, &r->fj, &r->nfj);
	if ((r->rcnt = runcount_new(ctx, r->fj, r->nfj, r->tz, r->from,
	    r->to)) == NULL)
		return EX_DATAERR;
	r->jbuf = xcalloc(r->nfj + 1, sizeof(*r->jbuf));
	r->jlist = xcalloc(r->nfj + 1, sizeof(*r->jlist));
	r->seen = xcalloc(r->nfj + 1, sizeof(*r->seen));
	stats_count(q, r);
	return 0;
}

/* A bucket's jobs, as a JSON array. */
static void
put_bucket_json(struct json *j, struct stats_res *r, const struct bucket *b)
{
	size_t nj = bucket_jobs(r->rcnt, b, r->jbuf, r->seen, r->jlist);

	bucket_jobs_json(j, r->fj, r->jlist, nj);
}

static void
stats_json(const struct cli_ctx *ctx, const struct stats_req *q,
    struct stats_res *r)
{
	struct json j;
	char buf[64];
	size_t i;

	cli_json_init(ctx, &j, stdout);
	json_obj_begin(&j);
	fires_fmt(r->tz, r->from, true, buf, sizeof(buf), NULL);
	json_key(&j, "from");
	json_str(&j, buf);
	fires_fmt(r->tz, r->to, true, buf, sizeof(buf), NULL);
	json_key(&j, "to");
	json_str(&j, buf);
	json_key(&j, "timezone");
	json_str(&j, ck_tz_name(r->tz));
	json_key(&j, "days");
	json_int(&j, q->w.days);
	json_key(&j, "runs");
	json_int(&j, (long long)r->nst);
	json_key(&j, "jobs");
	json_arr_begin(&j);
	for (i = 0; i < r->nfj; i++) {
		json_obj_begin(&j);
		json_key(&j, "source");
		json_str(&j, fires_job_where(&r->fj[i]));
		json_key(&j, "line");
		if (fires_job_line(&r->fj[i]) > 0)
			json_int(&j, (long long)fires_job_line(&r->fj[i]));
		else
			json_null(&j);
		json_key(&j, "label");
		json_str(&j, r->fj[i].label);
		json_key(&j, "runs");
		json_int(&j, (long long)r->fj[i].n);
		json_key(&j, "runs_per_day");
		json_double(&j, (double)r->fj[i].n / (double)q->w.days);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_key(&j, "busiest_hours");
	json_arr_begin(&j);
	for (i = 0; i < 24; i++) {
		json_obj_begin(&j);
		json_key(&j, "hour");
		json_int(&j, (long long)i);
		json_key(&j, "runs_per_day");
		json_double(&j, r->per_hour[i]);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_key(&j, "busiest_minutes");
	json_arr_begin(&j);
	for (i = 0; i < TOP && r->per_min[r->order[i]] > 0; i++) {
		json_obj_begin(&j);
		snprintf(buf, sizeof(buf), "%02zu:%02zu", r->order[i] / 60,
		    r->order[i] % 60);
		json_key(&j, "time");
		json_str(&j, buf);
		json_key(&j, "runs_per_day");
		json_double(&j, r->per_min[r->order[i]]);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_key(&j, "collision_minutes");
	json_int(&j, (long long)r->ncoll);
	json_key(&j, "collisions");
	json_arr_begin(&j);
	for (i = 0; i < r->ncoll && i < TOP; i++) {
		json_obj_begin(&j);
		fires_fmt(r->tz, r->coll[i].t, true, buf, sizeof(buf), NULL);
		json_key(&j, "time");
		json_str(&j, buf);
		json_key(&j, "jobs");
		put_bucket_json(&j, r, &r->coll[i]);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_key(&j, "budget");
	if (q->maxc > 0) {
		json_obj_begin(&j);
		json_key(&j, "max");
		json_int(&j, q->maxc);
		json_key(&j, "window");	/* seconds */
		json_int(&j, q->width);
		json_key(&j, "ok");
		json_bool(&j, r->nwins == 0);
		json_key(&j, "exceeded");
		json_arr_begin(&j);
		for (i = 0; i < r->nwins; i++) {
			json_obj_begin(&j);
			fires_fmt(r->tz, r->wins[i].t, true, buf, sizeof(buf),
			    NULL);
			json_key(&j, "start");
			json_str(&j, buf);
			json_key(&j, "starts");
			json_int(&j, (long long)r->wins[i].count);
			json_key(&j, "jobs");
			put_bucket_json(&j, r, &r->wins[i]);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		json_obj_end(&j);
	} else
		json_null(&j);
	json_obj_end(&j);
	json_end(&j);
}

/* The three busiest hours, in order, into top[3]. */
static void
busiest_hours(const struct stats_res *r, size_t top[3])
{
	size_t order[24], i, k, tmp;

	for (i = 0; i < 24; i++)
		order[i] = i;
	for (i = 0; i < 3; i++)
		for (k = i + 1; k < 24; k++)
			if (r->per_hour[order[k]] > r->per_hour[order[i]]) {
				tmp = order[i];
				order[i] = order[k];
				order[k] = tmp;
			}
	memcpy(top, order, 3 * sizeof(*top));
}

/* A bucket's line: its time, then its jobs wrapped. */
static void
put_bucket_text(struct cli_wrap *wr, struct stats_res *r,
    const struct bucket *b, size_t n, const char *what)
{
	char buf[64];
	size_t nj;

	fires_fmt(r->tz, b->t, false, buf, sizeof(buf), NULL);
	wr->col = (size_t)printf("  %s  %zu %s: ", buf, n, what);
	nj = bucket_jobs(r->rcnt, b, r->jbuf, r->seen, r->jlist);
	bucket_jobs_text(wr, r->fj, r->jlist, nj);
}

static void
stats_text(const struct cli_ctx *ctx, const struct stats_req *q,
    struct stats_res *r)
{
	char buf[64], buf2[64], item[256];
	size_t limit = cli_width(ctx), hours[3], i;
	struct cli_wrap wr = { stdout, limit, 2, 0 };

	fires_fmt(r->tz, r->from, false, buf, sizeof(buf), NULL);
	fires_fmt(r->tz, r->to, false, buf2, sizeof(buf2), NULL);
	snprintf(item, sizeof(item), "%s to %s", buf, buf2);
	cli_wrap_put(&wr, "", item);
	snprintf(item, sizeof(item), "(%ld day%s, %s):", q->w.days,
	    q->w.days == 1 ? "" : "s", ck_tz_name(r->tz));
	cli_wrap_put(&wr, " ", item);
	snprintf(item, sizeof(item), "%zu jobs, %zu runs", r->nfj, r->nst);
	cli_wrap_put(&wr, " ", item);
	printf("\n\n%10s  %s\n", "RUNS/DAY", "JOB");
	for (i = 0; i < r->nfj; i++)
		print_job_row(&r->fj[i], q->w.days, limit);
	wr.col = strlen("busiest minutes of the day:");
	printf("\nbusiest minutes of the day:");
	for (i = 0; i < 5 && r->per_min[r->order[i]] > 0; i++) {
		snprintf(item, sizeof(item), "%02zu:%02zu (%.1f runs/day)",
		    r->order[i] / 60, r->order[i] % 60,
		    r->per_min[r->order[i]]);
		cli_wrap_put(&wr, i ? ", " : " ", item);
	}
	wr.col = strlen("busiest hours:");
	printf("\nbusiest hours:");
	busiest_hours(r, hours);
	for (i = 0; i < 3 && r->per_hour[hours[i]] > 0; i++) {
		snprintf(item, sizeof(item), "%02zu:00-%02zu:59 (%.1f "
		    "runs/day)", hours[i], hours[i], r->per_hour[hours[i]]);
		cli_wrap_put(&wr, i ? ", " : " ", item);
	}
	printf("\ncollisions: %zu minute%s in which several jobs start at "
	    "once\n", r->ncoll, r->ncoll == 1 ? "" : "s");
	wr.indent = 4;
	for (i = 0; i < r->ncoll && i < TOP; i++)
		put_bucket_text(&wr, r, &r->coll[i], r->coll[i].jobs, "jobs");
	if (q->maxc > 0) {
		printf("\nbudget: at most %lld start%s per %s: %s\n", q->maxc,
		    q->maxc == 1 ? "" : "s", q->window_s,
		    r->nwins == 0 ? "kept" : "EXCEEDED");
		for (i = 0; i < r->nwins; i++)
			put_bucket_text(&wr, r, &r->wins[i], r->wins[i].count,
			    "starts");
	}
}

static void
stats_free(struct stats_res *r)
{
	runcount_free(r->rcnt);
	free(r->jbuf);
	free(r->jlist);
	free(r->seen);
	free(r->wins);
	fires_free(r->fj, r->nfj);
	cli_sources_free(r->src, r->nsrc);
	ck_tz_free(r->tz);
}

static int
stats(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct stats_req q;
	struct stats_res r;
	int rc;

	if ((rc = stats_parse(ctx, a, &q)) != 0) {
		free(q.inv);
		return rc;
	}
	if (q.ninv > 0) {
		struct fleet_opts fo = FLEET_OPTS_INIT;

		fo.json = ctx->json;
		fo.from = q.w.from;
		fo.tz = q.w.zone;
		fo.days = q.w.days_given ? (int)q.w.days : 1;
		fo.limit = cli_width(ctx);
		rc = fleet_main(ctx, FLEET_STATS, q.inv, q.ninv, a, &fo);
		free(q.inv);
		return rc;
	}
	memset(&r, 0, sizeof(r));
	if ((rc = stats_compute(ctx, &q, &r)) == 0) {
		if (ctx->json)
			stats_json(ctx, &q, &r);
		else
			stats_text(ctx, &q, &r);
		rc = r.nwins > 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
	}
	stats_free(&r);
	return cli_finish(rc);
}

const struct cli_command cmd_stats = {
	.name = "stats",
	.summary = "runs per job, busiest times, collisions, --max-concurrent",
	.description =
"Runs per day of each job, the busiest hours and minutes of the day, and\n"
"collisions (minutes in which several jobs start at once), over N days\n"
"(default 7) from TIME (default: now), in ZONE (default: TZ, else the\n"
"local zone).  With --max-concurrent N, check that no window of 1 minute\n"
"(or 1 hour with --window 1h) sees more than N job starts: exit 1 when\n"
"the budget is exceeded, listing the offending windows.\n"
"With --inventory FILE|DIR... (cronkeep inventory --json documents, or\n"
"a folder of them): the fleet view over a day from the next midnight\n"
"after the newest inventory (--from, --days, --tz apply): the busiest\n"
"minutes across the fleet (starts and hosts), each job's busiest minute\n"
"(by id, else command) and its hosts per group, each group's busiest\n"
"minute, drift (ids on some hosts of a group but not others, or with\n"
"another schedule, command or state) and duplicates (one command enabled\n"
"twice on a host).\n",
	.epilog =
"With --json: {\"from\",\"to\",\"timezone\",\"days\",\"jobs\",\"busiest_hours\",\n"
"\"busiest_minutes\",\"collision_minutes\",\"collisions\",\"budget\"}.\n"
"With --inventory and --json: {\"hosts\",\"jobs\",\"enabled\",\"window\",\n"
"\"starts\",\"herd\":[{\"at\",\"starts\",\"hosts\"}],\"per_job\":[{\"id\"|\n"
"\"command\",\"hosts\",\"starts\",\"peak\",\"at\",\"groups\"}],\"per_group\",\n"
"\"drift\":[{\"group\",\"id\",\"group_hosts\",\"hosts\",\"missing\",\n"
"\"variants\"}],\"duplicates\":[{\"host\",\"command\",\"jobs\"}]}.\n",
	.options = options,
	.exec = stats,
};
