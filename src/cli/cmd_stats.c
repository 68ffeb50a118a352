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
		cli_warnx("out of memory");
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

enum { OPT_FROM = 0x100, OPT_DAYS, OPT_TZ, OPT_MAX, OPT_WINDOW,
	OPT_INVENTORY };

static const char *const windows[] = { "1m", "1h", NULL };

static const struct cli_option options[] = {
	{ "from", 0, OPT_FROM, "TIME", "start here (YYYY-MM-DD[ HH:MM]; "
	    "default: now)", CLI_COMP_NONE, NULL, 0 },
	{ "days", 0, OPT_DAYS, "N", "over N days (default 7)", CLI_COMP_NONE,
	    NULL, 0 },
	{ "tz", 0, OPT_TZ, "ZONE", "in ZONE (default: TZ, else the local "
	    "zone)", CLI_COMP_NONE, NULL, 0 },
	{ "max-concurrent", 0, OPT_MAX, "N", "exit 1 when a window sees more "
	    "than N job starts", CLI_COMP_NONE, NULL, 0 },
	{ "window", 0, OPT_WINDOW, "1m|1h", "the window of --max-concurrent "
	    "(default 1m)", CLI_COMP_WORDS, windows, 0 },
	{ "inventory", 0, OPT_INVENTORY, "FILE|DIR", "the fleet view: many "
	    "hosts' inventories (and the\noperands too): herd, per job, per "
	    "group, drift, duplicates", CLI_COMP_FILE, NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

static int
stats(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *arg;
	size_t oi;
	const char *from_s = NULL, *zone = NULL, *errstr, *window_s = "1m";
	struct cli_source *src = NULL;
	struct fire_job *fj = NULL;
	struct runcount *rcnt = NULL;
	struct bucket coll[TOP], *wins = NULL, cur;
	double per_hour[24] = { 0 }, per_min[24 * 60] = { 0 };
	unsigned long long hour_n[24] = { 0 }, min_n[24 * 60] = { 0 };
	size_t nsrc = 0, nfj = 0, nst = 0, nwins = 0, capwins = 0, i, k;
	size_t ncoll = 0, nexceed = 0, order[24 * 60], nmin, *jbuf = NULL;
	size_t *jlist = NULL, nj;
	bool *seen = NULL, open_ = false;
	uint32_t cnt;
	long off;
	long long lt, w;
	long long days = 7, maxc = -1, width = 60;
	time_t from, to;
	ck_tz *tz = NULL;
	struct json j;
	char buf[64], buf2[64], item[256];
	struct cli_wrap wr;
	size_t limit;
	const char **inv = NULL;
	size_t ninv = 0;
	bool days_given = false;
	int c, dk, rc;

	for (oi = 0; oi < a->nopts; oi++) {
		c = a->opts[oi].key;
		arg = a->opts[oi].arg;
		switch (c) {
		case OPT_FROM:
			from_s = arg;
			break;
		case OPT_DAYS:
			days_given = true;
			days = strtonum(arg, 1, 3660, &errstr);
			if (errstr != NULL) {
				cli_warnx("--days %s: %s", arg, errstr);
				return CLI_EXIT_USAGE;
			}
			break;
		case OPT_TZ:
			zone = arg;
			break;
		case OPT_MAX:
			maxc = strtonum(arg, 1, 1000000, &errstr);
			if (errstr != NULL) {
				cli_warnx("--max-concurrent %s: %s", arg,
				    errstr);
				return CLI_EXIT_USAGE;
			}
			break;
		case OPT_WINDOW:
			window_s = arg;
			if (cli_parse_duration(arg, &width) == -1 ||
			    width < 60 || width % 60 != 0 || width > 86400) {
				cli_warnx("--window takes whole minutes up to "
				    "a day (1m, 5m, 1h), not '%s'", arg);
				return CLI_EXIT_USAGE;
			}
			break;
		case OPT_INVENTORY:
			inv = xreallocarray(inv, ninv + 1, sizeof(*inv));
			inv[ninv++] = arg;
			break;
		}
	}
	if (ninv > 0) {
		struct fleet_opts fo = FLEET_OPTS_INIT;

		fo.json = ctx->json;
		fo.from = from_s;
		fo.tz = zone;
		fo.days = days_given ? (int)days : 1;
		rc = fleet_main(FLEET_STATS, inv, ninv, a, &fo);
		free(inv);
		return rc;
	}
	if (a->argc != 0)
		return cli_usage_error(ctx->cmd, "unexpected argument '%s'",
		    a->argv[0]);
	if ((tz = cli_zone(zone, "--tz")) == NULL)
		return EX_DATAERR;
	if (from_s != NULL) {
		if ((dk = fires_parse_time(tz, from_s, &from)) != 0) {
			ck_tz_free(tz);
			return cli_date_refused("--from", from_s, dk,
			    "YYYY-MM-DD[ HH:MM]");
		}
	} else if ((dk = cli_now(&from)) != 0) {
		ck_tz_free(tz);
		return dk;
	}
	from -= from % 60;
	to = from + (time_t)days * 86400;
	if ((rc = cli_load_sources(ctx, CLI_SRC_LENIENT, &src, &nsrc)) != 0)
		goto out;
	fires_jobs(src, nsrc, &fj, &nfj);
	if ((rcnt = runcount_new(fj, nfj, tz, from, to)) == NULL) {
		rc = EX_DATAERR;
		goto out;
	}
	jbuf = xcalloc(nfj + 1, sizeof(*jbuf));
	jlist = xcalloc(nfj + 1, sizeof(*jlist));
	seen = xcalloc(nfj + 1, sizeof(*seen));
	/*
	 * One pass over the minutes: the time of day of the starts, the
	 * collisions (minutes where several jobs start) and the windows of
	 * the budget, aligned on the zone's wall clock (so "1h" means
	 * 02:00-02:59 local).  A job starts at most once a minute.
	 */
	nmin = runcount_minutes(rcnt);
	memset(&cur, 0, sizeof(cur));
	for (i = 0; i < nmin; i++) {
		if ((cnt = runcount_at(rcnt, i)) == 0)
			continue;
		nst += cnt;
		off = runcount_offset(rcnt, i);
		lt = (long long)from + (long long)i * 60 + off;
		k = (size_t)(((lt % 86400) + 86400) % 86400 / 60);
		min_n[k] += cnt;
		hour_n[k / 60] += cnt;
		/* Several jobs, not one job run twice (a DST jump). */
		if (cnt > 1 && (nj = runcount_jobs(rcnt, i, jbuf)) > 1) {
			struct bucket b = { (time_t)(lt - off - lt % 60), i, i,
			    cnt, nj };

			keep_top(coll, &ncoll, &b);
		}
		if (maxc <= 0)
			continue;
		w = (long long)from + (long long)i * 60 - lt % width;
		if (open_ && cur.t != (time_t)w) {
			if ((long long)cur.count > maxc) {
				if (nwins == capwins) {
					capwins = capwins ? capwins * 2 : 16;
					wins = xreallocarray(wins, capwins,
					    sizeof(*wins));
				}
				wins[nwins++] = cur;
			}
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
	if (open_ && (long long)cur.count > maxc) {
		if (nwins == capwins) {
			capwins = capwins ? capwins * 2 : 16;
			wins = xreallocarray(wins, capwins, sizeof(*wins));
		}
		wins[nwins++] = cur;
	}
	nexceed = nwins;
	for (i = 0; i < 24 * 60; i++)
		per_min[i] = (double)min_n[i] / (double)days;
	for (i = 0; i < 24; i++)
		per_hour[i] = (double)hour_n[i] / (double)days;
	for (i = 0; i < 24 * 60; i++)
		order[i] = i;
	/* The busiest minutes of the day: a small selection sort. */
	for (i = 0; i < TOP; i++)
		for (k = i + 1; k < 24 * 60; k++)
			if (per_min[order[k]] > per_min[order[i]]) {
				size_t tmp = order[i];

				order[i] = order[k];
				order[k] = tmp;
			}
	if (ctx->json) {
		json_init(&j, stdout);
		json_obj_begin(&j);
		fires_fmt(tz, from, true, buf, sizeof(buf), NULL);
		json_key(&j, "from");
		json_str(&j, buf);
		fires_fmt(tz, to, true, buf, sizeof(buf), NULL);
		json_key(&j, "to");
		json_str(&j, buf);
		json_key(&j, "timezone");
		json_str(&j, ck_tz_name(tz));
		json_key(&j, "days");
		json_int(&j, days);
		json_key(&j, "runs");
		json_int(&j, (long long)nst);
		json_key(&j, "jobs");
		json_arr_begin(&j);
		for (i = 0; i < nfj; i++) {
			json_obj_begin(&j);
			json_key(&j, "source");
			json_str(&j, fires_job_where(&fj[i]));
			json_key(&j, "line");
			if (fires_job_line(&fj[i]) > 0)
				json_int(&j, (long long)fires_job_line(&fj[i]));
			else
				json_null(&j);
			json_key(&j, "label");
			json_str(&j, fj[i].label);
			json_key(&j, "runs");
			json_int(&j, (long long)fj[i].n);
			json_key(&j, "runs_per_day");
			json_double(&j, (double)fj[i].n / (double)days);
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
			json_double(&j, per_hour[i]);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		json_key(&j, "busiest_minutes");
		json_arr_begin(&j);
		for (i = 0; i < TOP && per_min[order[i]] > 0; i++) {
			json_obj_begin(&j);
			snprintf(buf, sizeof(buf), "%02zu:%02zu", order[i] / 60,
			    order[i] % 60);
			json_key(&j, "time");
			json_str(&j, buf);
			json_key(&j, "runs_per_day");
			json_double(&j, per_min[order[i]]);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		json_key(&j, "collision_minutes");
		json_int(&j, (long long)ncoll);
		json_key(&j, "collisions");
		json_arr_begin(&j);
		for (i = 0; i < ncoll && i < TOP; i++) {
			json_obj_begin(&j);
			fires_fmt(tz, coll[i].t, true, buf, sizeof(buf), NULL);
			json_key(&j, "time");
			json_str(&j, buf);
			json_key(&j, "jobs");
			nj = bucket_jobs(rcnt, &coll[i], jbuf, seen, jlist);
			bucket_jobs_json(&j, fj, jlist, nj);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		json_key(&j, "budget");
		if (maxc > 0) {
			json_obj_begin(&j);
			json_key(&j, "max");
			json_int(&j, maxc);
			json_key(&j, "window");	/* seconds */
			json_int(&j, width);
			json_key(&j, "ok");
			json_bool(&j, nexceed == 0);
			json_key(&j, "exceeded");
			json_arr_begin(&j);
			for (i = 0; i < nexceed; i++) {
				json_obj_begin(&j);
				fires_fmt(tz, wins[i].t, true, buf, sizeof(buf),
				    NULL);
				json_key(&j, "start");
				json_str(&j, buf);
				json_key(&j, "starts");
				json_int(&j, (long long)wins[i].count);
				json_key(&j, "jobs");
				nj = bucket_jobs(rcnt, &wins[i], jbuf, seen,
				    jlist);
				bucket_jobs_json(&j, fj, jlist, nj);
				json_obj_end(&j);
			}
			json_arr_end(&j);
			json_obj_end(&j);
		} else
			json_null(&j);
		json_obj_end(&j);
		json_end(&j);
	} else {
		limit = cli_width(ctx);
		wr = (struct cli_wrap){ stdout, limit, 2, 0 };
		fires_fmt(tz, from, false, buf, sizeof(buf), NULL);
		fires_fmt(tz, to, false, buf2, sizeof(buf2), NULL);
		snprintf(item, sizeof(item), "%s to %s", buf, buf2);
		cli_wrap_put(&wr, "", item);
		snprintf(item, sizeof(item), "(%lld day%s, %s):", days,
		    days == 1 ? "" : "s", ck_tz_name(tz));
		cli_wrap_put(&wr, " ", item);
		snprintf(item, sizeof(item), "%zu jobs, %zu runs", nfj, nst);
		cli_wrap_put(&wr, " ", item);
		printf("\n\n%10s  %s\n", "RUNS/DAY", "JOB");
		for (i = 0; i < nfj; i++)
			print_job_row(&fj[i], days, limit);
		wr.col = strlen("busiest minutes of the day:");
		printf("\nbusiest minutes of the day:");
		for (i = 0; i < 5 && per_min[order[i]] > 0; i++) {
			snprintf(item, sizeof(item), "%02zu:%02zu (%.1f "
			    "runs/day)", order[i] / 60, order[i] % 60,
			    per_min[order[i]]);
			cli_wrap_put(&wr, i ? ", " : " ", item);
		}
		wr.col = strlen("busiest hours:");
		printf("\nbusiest hours:");
		for (i = 0; i < 24; i++)
			order[i] = i;
		for (i = 0; i < 3; i++)
			for (k = i + 1; k < 24; k++)
				if (per_hour[order[k]] > per_hour[order[i]]) {
					size_t tmp = order[i];

					order[i] = order[k];
					order[k] = tmp;
				}
		for (i = 0; i < 3 && per_hour[order[i]] > 0; i++) {
			snprintf(item, sizeof(item), "%02zu:00-%02zu:59 (%.1f "
			    "runs/day)", order[i], order[i],
			    per_hour[order[i]]);
			cli_wrap_put(&wr, i ? ", " : " ", item);
		}
		printf("\ncollisions: %zu minute%s in which several jobs "
		    "start at once\n", ncoll, ncoll == 1 ? "" : "s");
		wr.indent = 4;
		for (i = 0; i < ncoll && i < TOP; i++) {
			fires_fmt(tz, coll[i].t, false, buf, sizeof(buf), NULL);
			wr.col = (size_t)printf("  %s  %zu jobs: ", buf,
			    coll[i].jobs);
			nj = bucket_jobs(rcnt, &coll[i], jbuf, seen, jlist);
			bucket_jobs_text(&wr, fj, jlist, nj);
		}
		if (maxc > 0) {
			printf("\nbudget: at most %lld start%s per %s: %s\n",
			    maxc, maxc == 1 ? "" : "s", window_s,
			    nexceed == 0 ? "kept" : "EXCEEDED");
			for (i = 0; i < nexceed; i++) {
				fires_fmt(tz, wins[i].t, false, buf,
				    sizeof(buf), NULL);
				wr.col = (size_t)printf("  %s  %zu starts: ",
				    buf, wins[i].count);
				nj = bucket_jobs(rcnt, &wins[i], jbuf, seen,
				    jlist);
				bucket_jobs_text(&wr, fj, jlist, nj);
			}
		}
	}
	rc = nexceed > 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
out:
	runcount_free(rcnt);
	free(jbuf);
	free(jlist);
	free(seen);
	free(wins);
	fires_free(fj, nfj);
	cli_sources_free(src, nsrc);
	ck_tz_free(tz);
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
