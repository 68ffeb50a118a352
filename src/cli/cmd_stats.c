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

#define TOP 10

struct start {
	time_t	 t;
	size_t	 job;
};

struct bucket {
	time_t	 t;		/* window start */
	size_t	 first;		/* index into the sorted starts */
	size_t	 count;		/* starts in the window */
	size_t	 jobs;		/* distinct jobs */
};

static int
cmp_start(const void *a, const void *b)
{
	const struct start *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->job < y->job ? -1 : x->job > y->job;
}

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

/*
 * Group the sorted starts into windows of width seconds aligned on the
 * zone's wall clock (so "1h" means 02:00-02:59 local).
 */
static struct bucket *
group(const struct start *s, size_t n, const ck_tz *tz, long width,
    size_t *nb)
{
	struct bucket *b = NULL;
	ck_error err;
	struct tm tm;
	long off;
	size_t i, k = 0, j;
	time_t w;

	for (i = 0; i < n; i++) {
		if (ck_tz_localtime(tz, s[i].t, &tm, &off, NULL, &err) == -1)
			off = 0;
		w = s[i].t - (time_t)(((long long)s[i].t + off) % width);
		if (k == 0 || b[k - 1].t != w) {
			b = xreallocarray(b, k + 1, sizeof(*b));
			b[k].t = w;
			b[k].first = i;
			b[k].count = 0;
			b[k].jobs = 0;
			k++;
		}
		b[k - 1].count++;
		for (j = b[k - 1].first; j < i; j++)
			if (s[j].job == s[i].job)
				break;
		if (j == i)
			b[k - 1].jobs++;
	}
	*nb = k;
	return b;
}

static void
bucket_jobs_json(struct json *j, const struct bucket *b,
    const struct start *s, const struct fire_job *fj)
{
	size_t i, k;

	json_arr_begin(j);
	for (i = b->first; i < b->first + b->count; i++) {
		for (k = b->first; k < i; k++)
			if (s[k].job == s[i].job)
				break;
		if (k == i)
			json_str(j, fj[s[i].job].label);
	}
	json_arr_end(j);
}

static void
bucket_jobs_text(const struct bucket *b, const struct start *s,
    const struct fire_job *fj)
{
	size_t i, k;
	bool first = true;

	for (i = b->first; i < b->first + b->count; i++) {
		for (k = b->first; k < i; k++)
			if (s[k].job == s[i].job)
				break;
		if (k != i)
			continue;
		fputs(first ? "" : ", ", stdout);
		cli_put_text(stdout, fj[s[i].job].label,
		    strlen(fj[s[i].job].label));
		first = false;
	}
}

enum { OPT_FROM = 0x100, OPT_DAYS, OPT_TZ, OPT_MAX, OPT_WINDOW };

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
	struct start *st = NULL;
	struct bucket *mins = NULL, *wins = NULL, *coll;
	double per_hour[24] = { 0 }, per_min[24 * 60] = { 0 };
	size_t nsrc = 0, nfj = 0, nst = 0, nmins = 0, nwins = 0, i, k;
	size_t ncoll = 0, nexceed = 0, order[24 * 60];
	long long days = 7, maxc = -1, width = 60;
	time_t from, to;
	ck_tz *tz = NULL;
	struct json j;
	struct tm tm;
	char buf[64], buf2[64];
	int c, rc;

	for (oi = 0; oi < a->nopts; oi++) {
		c = a->opts[oi].key;
		arg = a->opts[oi].arg;
		switch (c) {
		case OPT_FROM:
			from_s = arg;
			break;
		case OPT_DAYS:
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
		}
	}
	if (a->argc != 0)
		return cli_usage_error(ctx->cmd, "unexpected argument '%s'",
		    a->argv[0]);
	if ((tz = cli_zone(zone, "--tz")) == NULL)
		return EX_DATAERR;
	if (from_s != NULL) {
		if (fires_parse_time(tz, from_s, &from) == -1) {
			cli_warnx("bad --from '%s' (YYYY-MM-DD[ HH:MM])",
			    from_s);
			ck_tz_free(tz);
			return CLI_EXIT_USAGE;
		}
	} else
		from = time(NULL);
	from -= from % 60;
	to = from + (time_t)days * 86400;
	if ((rc = cli_load_sources(CLI_SRC_LENIENT, &src, &nsrc)) != 0)
		goto out;
	if ((rc = fires_collect(src, nsrc, tz, from, to, 5000000, &fj,
	    &nfj)) != 0)
		goto out;
	for (i = 0; i < nfj; i++) {
		st = xreallocarray(st, nst + fj[i].n + 1, sizeof(*st));
		for (k = 0; k < fj[i].n; k++) {
			st[nst].t = fj[i].t[k];
			st[nst].job = i;
			nst++;
			if (ck_tz_localtime(tz, fj[i].t[k], &tm, NULL, NULL,
			    NULL) == 0) {
				per_hour[tm.tm_hour] += 1.0 / (double)days;
				per_min[tm.tm_hour * 60 + tm.tm_min] += 1.0 /
				    (double)days;
			}
		}
	}
	qsort(st, nst, sizeof(*st), cmp_start);
	mins = group(st, nst, tz, 60, &nmins);
	coll = xcalloc(nmins + 1, sizeof(*coll));
	for (i = 0; i < nmins; i++)
		if (mins[i].jobs > 1)
			coll[ncoll++] = mins[i];
	qsort(coll, ncoll, sizeof(*coll), cmp_bucket);
	if (maxc > 0) {
		wins = group(st, nst, tz, (long)width, &nwins);
		for (i = 0, k = 0; i < nwins; i++)
			if ((long long)wins[i].count > maxc)
				wins[k++] = wins[i];
		nexceed = k;
	}
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
			json_str(&j, fj[i].src->label);
			json_key(&j, "line");
			json_int(&j, (long long)ck_job_line(fj[i].job) + 1);
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
			bucket_jobs_json(&j, &coll[i], st, fj);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		json_key(&j, "budget");
		if (maxc > 0) {
			json_obj_begin(&j);
			json_key(&j, "max");
			json_int(&j, maxc);
			json_key(&j, "window");
			json_str(&j, window_s);
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
				bucket_jobs_json(&j, &wins[i], st, fj);
				json_obj_end(&j);
			}
			json_arr_end(&j);
			json_obj_end(&j);
		} else
			json_null(&j);
		json_obj_end(&j);
		json_end(&j);
	} else {
		fires_fmt(tz, from, false, buf, sizeof(buf), NULL);
		fires_fmt(tz, to, false, buf2, sizeof(buf2), NULL);
		printf("%s to %s (%lld day%s, %s): %zu jobs, %zu runs\n\n",
		    buf, buf2, days, days == 1 ? "" : "s", ck_tz_name(tz),
		    nfj, nst);
		printf("%10s  %s\n", "RUNS/DAY", "JOB");
		for (i = 0; i < nfj; i++) {
			printf("%10.1f  ", (double)fj[i].n / (double)days);
			cli_put_text(stdout, fj[i].label, strlen(fj[i].label));
			printf("  (%s:%zu)\n", fj[i].src->label,
			    ck_job_line(fj[i].job) + 1);
		}
		printf("\nbusiest minutes of the day:");
		for (i = 0; i < 5 && per_min[order[i]] > 0; i++)
			printf("%s %02zu:%02zu (%.1f runs/day)", i ? "," : "",
			    order[i] / 60, order[i] % 60, per_min[order[i]]);
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
		for (i = 0; i < 3 && per_hour[order[i]] > 0; i++)
			printf("%s %02zu:00-%02zu:59 (%.1f runs/day)",
			    i ? "," : "", order[i], order[i], per_hour[order[i]]);
		printf("\ncollisions: %zu minute%s in which several jobs "
		    "start at once\n", ncoll, ncoll == 1 ? "" : "s");
		for (i = 0; i < ncoll && i < TOP; i++) {
			fires_fmt(tz, coll[i].t, false, buf, sizeof(buf), NULL);
			printf("  %s  %zu jobs: ", buf, coll[i].jobs);
			bucket_jobs_text(&coll[i], st, fj);
			putchar('\n');
		}
		if (maxc > 0) {
			printf("\nbudget: at most %lld start%s per %s: %s\n",
			    maxc, maxc == 1 ? "" : "s", window_s,
			    nexceed == 0 ? "kept" : "EXCEEDED");
			for (i = 0; i < nexceed; i++) {
				fires_fmt(tz, wins[i].t, false, buf,
				    sizeof(buf), NULL);
				printf("  %s  %zu starts: ", buf,
				    wins[i].count);
				bucket_jobs_text(&wins[i], st, fj);
				putchar('\n');
			}
		}
	}
	free(coll);
	rc = nexceed > 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
out:
	free(st);
	free(mins);
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
"the budget is exceeded, listing the offending windows.\n",
	.epilog =
"With --json: {\"from\",\"to\",\"timezone\",\"days\",\"jobs\",\"busiest_hours\",\n"
"\"busiest_minutes\",\"collision_minutes\",\"collisions\",\"budget\"}.\n",
	.options = options,
	.exec = stats,
};
