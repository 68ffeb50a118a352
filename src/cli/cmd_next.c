/* SPDX-License-Identifier: ISC */
/*
 * cmd_next.c - "cronkeep next": the next (or, with --prev, the previous)
 * fire times of a schedule given on the command line or of a job found by
 * its id, in the zone cron would use, with what a DST change does to them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "commands.h"
#include "hashed.h"
#include "fires.h"
#include "periodic.h"
#include "window.h"

#define MAX_COUNT	100000

enum {
	OPT_PREV = 0x200, OPT_ID, OPT_DST, OPT_SEED, OPT_HOST,
	OPT_HASHID
};

/*
 * --from: "YYYY-MM-DD HH:MM[:SS][ ][Z|+HH[:MM]|-HH[:MM]]" or "@EPOCH".
 * @return 0, or -1 after a message, or EX_DATAERR (printed) for a date
 * that does not exist.
 */
static int
parse_from(const struct cli_ctx *ctx, const char *s, const ck_tz *tz,
    time_t *out)
{
	struct tm tm;
	const char *p = s, *errstr;
	int oh, om = 0, sign, n;
	time_t t[2];
	ck_error err;
	long long v;

	if (*s == '@') {
		v = strtonum(s + 1, -(1LL << 53), 1LL << 53, &errstr);
		if (errstr != NULL)
			goto bad;
		*out = (time_t)v;
		return 0;
	}
	if ((n = fires_parse_wall(s, false, &tm, &p)) == -2)
		return cli_date_refused(ctx, "--from", s, -2, "");
	if (n != 0)
		goto bad;
	if (*p == ' ')
		p++;
	if (*p == '\0') {
		/* Local time in the zone. */
		if ((n = ck_tz_resolve(tz, &tm, t, &err)) == -1) {
			cli_warnx(ctx, "--from: %s", err.msg);
			return -1;
		}
		/*
		 * Twice (the clock went back): the first.  Skipped (the clock
		 * jumped): just before the jump, so a run moved there counts.
		 */
		*out = n == 0 ? t[0] - 1 : t[0];
		return 0;
	}
	if (*p == 'Z' && p[1] == '\0') {
		oh = 0;
		sign = 1;
	} else if (*p == '+' || *p == '-') {
		sign = *p++ == '-' ? -1 : 1;
		if (!fires_digits(&p, 2, 0, 23, &oh))
			goto bad;
		if (*p == ':')
			p++;
		if (*p != '\0' && !fires_digits(&p, 2, 0, 59, &om))
			goto bad;
		if (*p != '\0')
			goto bad;
	} else {
		goto bad;
	}
	/* The wall time in UTC, less the offset. */
	if (ck_tz_resolve(ck_tz_utc(), &tm, t, &err) != 1) {
		cli_warnx(ctx, "--from: %s", err.msg);
		return -1;
	}
	*out = t[0] - sign * (oh * 3600 + om * 60);
	return 0;
bad:
	cli_warnx(ctx, "--from takes 'YYYY-MM-DD HH:MM[:SS]' with an optional "
	    "offset (Z, +02:00), or @EPOCH, not '%s'", s);
	return -1;
}


/* "+02:00", "-03:30", "+00:53:28". */
static void
format_offset(long off, char *buf, size_t len)
{
	char sign = off < 0 ? '-' : '+';

	if (off < 0)
		off = -off;
	if (off % 60 != 0)
		snprintf(buf, len, "%c%02ld:%02ld:%02ld", sign, off / 3600,
		    off / 60 % 60, off % 60);
	else
		snprintf(buf, len, "%c%02ld:%02ld", sign, off / 3600,
		    off / 60 % 60);
}

/* "in 3h 5m", "2d 4h ago", "now". */
static void
format_distance(time_t t, time_t now, char *buf, size_t len)
{
	long long s = (long long)t - (long long)now, a = s < 0 ? -s : s;
	char body[64];

	if (a == 0) {
		snprintf(buf, len, "now");
		return;
	}
	if (a >= 86400)
		snprintf(body, sizeof(body), "%lldd %lldh", a / 86400,
		    a % 86400 / 3600);
	else if (a >= 3600)
		snprintf(body, sizeof(body), "%lldh %lldm", a / 3600,
		    a % 3600 / 60);
	else if (a >= 60)
		snprintf(body, sizeof(body), "%lldm", a / 60);
	else
		snprintf(body, sizeof(body), "%llds", a);
	if (s > 0)
		snprintf(buf, len, "in %s", body);
	else
		snprintf(buf, len, "%s ago", body);
}

/* Print the fire times; @return the exit code. */
static int
print_times(const struct cli_ctx *ctx, const char *text, size_t len,
    const ck_tz *tz, const time_t *t, const unsigned int *how,
    const time_t *walls, size_t n, bool prev, time_t now)
{
	struct json j;
	struct tm tm;
	const char *abbr;
	char off[48], dist[80], stamp[96];
	size_t i;
	long gmtoff;
	ck_error err;

	if (ctx->json) {
		cli_json_init(ctx, &j, stdout);
		json_obj_begin(&j);
		json_key(&j, "schedule");
		json_strn(&j, text, len);
		json_key(&j, "timezone");
		json_str(&j, ck_tz_name(tz));
		json_key(&j, prev ? "prev" : "next");
		json_arr_begin(&j);
	}
	for (i = 0; i < n; i++) {
		if (ck_tz_localtime(tz, t[i], &tm, &gmtoff, &abbr, &err) ==
		    -1)
			return cli_error(ctx, "next", &err);
		format_offset(gmtoff, off, sizeof(off));
		if (ctx->json) {
			snprintf(stamp, sizeof(stamp),
			    "%04lld-%02d-%02dT%02d:%02d:%02d%s",
			    (long long)tm.tm_year + 1900, tm.tm_mon + 1,
			    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, off);
			json_str(&j, stamp);
			continue;
		}
		format_distance(t[i], now, dist, sizeof(dist));
		printf("%s %04lld-%02d-%02d %02d:%02d %s %-6s %s",
		    ck_field_value_name(CK_FIELD_DOW, tm.tm_wday, false),
		    (long long)tm.tm_year + 1900,
		    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, off,
		    abbr, dist);
		if ((how[i] & CK_NEXT_SHIFTED) && walls != NULL) {
			struct tm wt;

			gmtime_r(&walls[i], &wt);
			printf("  (DST: the run for %02d:%02d, a time the clock "
			    "change skipped)", wt.tm_hour, wt.tm_min);
		} else if (how[i] & CK_NEXT_SHIFTED)
			printf("  (DST: moved here, its time was skipped by "
			    "the clock change)");
		if (how[i] & CK_NEXT_REPEATED)
			printf("  (DST: again, the clock went back and this "
			    "time repeats)");
		putchar('\n');
	}
	if (ctx->json) {
		json_arr_end(&j);
		json_key(&j, "dst");
		json_arr_begin(&j);
		for (i = 0; i < n; i++) {
			if (how[i] & CK_NEXT_SHIFTED)
				json_str(&j, "shifted");
			else if (how[i] & CK_NEXT_REPEATED)
				json_str(&j, "repeated");
			else
				json_null(&j);
		}
		json_arr_end(&j);
		/* The skipped wall time each shifted run stands for. */
		json_key(&j, "for");
		json_arr_begin(&j);
		for (i = 0; i < n; i++) {
			struct tm wt;

			if (walls == NULL || !(how[i] & CK_NEXT_SHIFTED)) {
				json_null(&j);
				continue;
			}
			gmtime_r(&walls[i], &wt);
			snprintf(stamp, sizeof(stamp),
			    "%04lld-%02d-%02dT%02d:%02d:00",
			    (long long)wt.tm_year + 1900, wt.tm_mon + 1,
			    wt.tm_mday, wt.tm_hour, wt.tm_min);
			json_str(&j, stamp);
		}
		json_arr_end(&j);
		json_obj_end(&j);
		json_end(&j);
	}
	return CLI_EXIT_OK;
}

/* The job with marker id among the selected crontabs. */
static int
find_job(struct cli_ctx *ctx, const char *id, struct cli_source **srcp,
    size_t *nsrcp,
    const ck_job **jobp, const ck_tab **tabp, struct fire_job *per)
{
	struct cli_source *src;
	struct fire_job *fj;
	size_t n, i, nfj, hits = 0;
	const ck_job *job;
	const char *name;
	int rc;

	if ((rc = cli_load_sources(ctx, CLI_SRC_LENIENT, &src, &n)) != 0)
		return rc;
	*srcp = src;
	*nsrcp = n;
	for (i = 0; i < n; i++) {
		job = ck_tab_find_id(src[i].tab, id, strlen(id));
		if (job != NULL) {
			*jobp = job;
			*tabp = src[i].tab;
			return 0;
		}
	}
	/*
	 * An anacron job by its identifier, a run-parts script by its name
	 * (or FOLDER/NAME: "cron.daily/man-db" when two folders have one).
	 */
	fires_jobs(src, n, &fj, &nfj);
	for (i = 0; i < nfj; i++) {
		if (fj[i].job != NULL)
			continue;
		if (fj[i].ajob != NULL ? strlen(id) == fj[i].ajob->id_len &&
		    memcmp(id, fj[i].ajob->id, fj[i].ajob->id_len) == 0 :
		    strcmp(id, fj[i].part->name) == 0 || ((name =
		    strrchr(fj[i].src->rp->dir, '/')) != NULL &&
		    strncmp(id, name + 1, strlen(name + 1)) == 0 &&
		    id[strlen(name + 1)] == '/' && strcmp(id + strlen(name +
		    1) + 1, fj[i].part->name) == 0)) {
			if (hits++ == 0)
				*per = fj[i];
			else
				cli_warnx(ctx, "id '%s' is %s and %s: name the "
				    "folder too (cron.daily/NAME)", id,
				    fires_job_where(per),
				    fires_job_where(&fj[i]));
		}
	}
	per->label = NULL;
	fires_free(fj, nfj);
	if (hits == 1)
		return 0;
	if (hits == 0)
		return cli_no_such_id(ctx, src, n, id);
	return CLI_EXIT_FAIL;
}

/*
 * next --id for an anacron job or a run-parts script: its runs from now
 * on (anacron keeps only the day of the last run: no --prev).
 */
static int
periodic_next(struct cli_ctx *ctx, const struct fire_job *f,
    const char *zone, const char *from, bool prev, size_t count)
{
	time_t now, start, *t = NULL;
	unsigned int *how;
	size_t n = 0;
	bool capped;
	char *sched;
	ck_tz *tz;
	int rc;

	if (prev)
		return cli_usage_error(ctx, "--prev: anacron keeps only "
		    "the day of a job's last run, not its times");
	if ((tz = cli_zone(ctx, zone, zone != NULL ? "--tz" : NULL)) == NULL)
		return EX_DATAERR;
	if ((rc = cli_now(ctx, &now)) != 0)
		goto out;
	start = now;
	if (from != NULL && (rc = parse_from(ctx, from, tz, &start)) != 0) {
		if (rc == -1)
			rc = CLI_EXIT_USAGE;
		goto out;
	}
	/* Runs after start, as for a schedule. */
	if ((rc = fires_periodic(ctx, f, tz, start + 1, start + 200LL * 366 *
	    86400, count, &t, &n, &capped)) != 0)
		goto out;
	how = xcalloc(n + 1, sizeof(*how));
	sched = fires_job_schedule(f);
	rc = print_times(ctx, sched != NULL ? sched : "", sched != NULL ?
	    strlen(sched) : 0, tz, t, how, NULL, n, false, now);
	if (n == 0 && rc == CLI_EXIT_OK) {
		cli_warnx(ctx, "%s never runs", fires_job_where(f));
		rc = CLI_EXIT_FAIL;
	}
	free(sched);
	free(how);
out:
	free(t);
	ck_tz_free(tz);
	return rc;
}

static const char *const dst_modes[] = { "vixie", "calendar", NULL };

static const struct cli_option options[] = {
	{ "count", 'c', 0, "N", "how many (default 5)", CLI_COMP_NONE, NULL,
	    0 },
	CLI_OPT_FROM("TIME", "start here instead of now: 'YYYY-MM-DD "
	    "HH:MM[:SS]',\noptionally followed by Z or an offset (+02:00);\n"
	    "without one, local time in the zone; or @EPOCH"),
	CLI_OPT_TZ("the zone (Europe/Berlin, UTC, or a POSIX TZ string);\n"
	    "default: the job's CRON_TZ where the dialect honours it\n"
	    "(cronie), else $TZ, else /etc/localtime"),
	{ "prev", 0, OPT_PREV, NULL, "the previous fire times instead (newest "
	    "first)", CLI_COMP_NONE, NULL, 0 },
	{ "id", 0, OPT_ID, "ID", "the job with this marker id (instead of "
	    "EXPR)", CLI_COMP_ID, NULL, 0 },
	{ "dst", 0, OPT_DST, "MODE", "vixie: fixed-time jobs skipped by a DST "
	    "jump run right\nafter it and run once in a repeated hour "
	    "(Debian,\ncronie, OpenBSD); calendar: skipped times never run,"
	    "\nrepeated times run twice (busybox, cronie's CRON_TZ);\n"
	    "default: the dialect's", CLI_COMP_WORDS, dst_modes, 0 },
	CLI_HASH_OPTIONS(OPT_SEED, OPT_HOST, OPT_HASHID),
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

/* What the command line asks for. */
struct next_req {
	size_t		 count;
	struct cli_window w;			/* --from, --tz */
	const char	*id;
	bool		 prev, have_mode;
	ck_dst_mode	 mode;			/* with have_mode: --dst */
	struct cli_hashreq hr;			/* H fields: --seed, --host */
};

/* The schedule and where its times are computed, and what it owns. */
struct next_sched {
	const ck_expr	*e;
	ck_dst_mode	 mode;
	const char	*zone, *zone_what;
	struct cli_source *src;
	size_t		 nsrc;
	ck_expr		*own;
	char		*text, *zbuf, *request;
};

static int
next_parse(struct cli_ctx *ctx, const struct cli_args *a,
    struct next_req *q)
{
	const char *arg, *errstr;
	size_t oi;
	int rc;

	memset(q, 0, sizeof(*q));
	q->count = 5;
	q->mode = CK_DST_VIXIE;
	cli_window_init(&q->w, 0, 0);
	for (oi = 0; oi < a->nopts; oi++) {
		arg = a->opts[oi].arg;
		if ((rc = cli_window_option(ctx, &q->w, a->opts[oi].key,
		    arg)) == -1)
			return CLI_EXIT_USAGE;
		if (rc == 1)
			continue;
		switch (a->opts[oi].key) {
		case 'c':
			q->count = (size_t)strtonum(arg, 1, MAX_COUNT,
			    &errstr);
			if (errstr != NULL) {
				cli_warnx(ctx, "--count takes a number from 1 "
				    "to %d, not '%s'", MAX_COUNT, arg);
				return CLI_EXIT_USAGE;
			}
			break;
		case OPT_PREV:
			q->prev = true;
			break;
		case OPT_ID:
			q->id = arg;
			break;
		case OPT_DST:
			if (strcmp(arg, "vixie") == 0) {
				q->mode = CK_DST_VIXIE;
			} else if (strcmp(arg, "calendar") == 0) {
				q->mode = CK_DST_CALENDAR;
			} else {
				cli_warnx(ctx,
				    "--dst takes vixie or calendar, not "
				    "'%s'", arg);
				return CLI_EXIT_USAGE;
			}
			q->have_mode = true;
			break;
		case OPT_SEED:
			q->hr.seed = arg;
			break;
		case OPT_HOST:
			q->hr.host = arg;
			break;
		case OPT_HASHID:
			q->hr.id = arg;
			break;
		}
	}
	if (q->id != NULL && a->argc != 0)
		return cli_usage_error(ctx, "give either --id or an "
		    "expression, not both");
	if (q->id == NULL && a->argc == 0)
		return cli_usage_error(ctx, "next needs an expression or "
		    "--id ID");
	return 0;
}

/*
 * The schedule: the job's (--id; its CRON_TZ where cronie reads it) or
 * the expression's (separate words are one expression: next 0 0 '*' '*'
 * 1; H fields resolved as set would write them for this host).
 * @return 0, -1 when --id named a periodic job (done, *prc its status),
 * or an exit code.
 */
static int
next_schedule(struct cli_ctx *ctx, const struct cli_args *a,
    struct next_req *q, struct next_sched *s, int *prc)
{
	const ck_job *job = NULL;
	const ck_tab *tab = NULL;
	struct fire_job per = { 0 };
	const char *cron_tz;
	ck_dialect dialect = ctx->dialect;
	ck_dst_mode jmode;
	bool from_cron_tz = false;
	ck_error err;
	size_t len, i;
	int rc;

	s->zone = q->w.zone;
	s->zone_what = "--tz";
	s->mode = q->mode;
	if (q->id != NULL) {
		if ((rc = find_job(ctx, q->id, &s->src, &s->nsrc, &job, &tab,
		    &per)) != 0)
			return rc;
		if (job == NULL) {
			*prc = periodic_next(ctx, &per, q->w.zone, q->w.from,
			    q->prev, q->count);
			return -1;
		}
		s->e = ck_job_expr(job);
		dialect = ck_tab_dialect(tab);
		/* The zone its cron reads (cronie: CRON_TZ), unless --tz. */
		if (ck_job_zone(tab, job, &cron_tz, &len, &jmode, &err) == -1)
			return cli_error(ctx, q->id, &err);
		if (q->w.zone == NULL && cron_tz != NULL) {
			s->zbuf = xmalloc(len + 1);
			memcpy(s->zbuf, cron_tz, len);
			s->zbuf[len] = '\0';
			s->zone = s->zbuf;
			s->zone_what = "CRON_TZ";
			from_cron_tz = true;
			if (!q->have_mode)
				s->mode = jmode;
		}
	} else {
		len = 0;
		for (i = 0; i < (size_t)a->argc; i++)
			len += strlen(a->argv[i]) + 1;
		s->text = xmalloc(len);
		s->text[0] = '\0';
		for (i = 0; i < (size_t)a->argc; i++) {
			if (i > 0)
				strlcat(s->text, " ", len);
			strlcat(s->text, a->argv[i], len);
		}
		/* H fields: what set would write for this host (stderr). */
		q->hr.owner = ctx->user;
		if ((rc = cli_hash_text(ctx, &s->text, &q->hr, &s->request,
		    ctx->json)) != 0)
			return rc;
		if ((s->own = ck_expr_parse(s->text, strlen(s->text), dialect,
		    &err)) == NULL)
			return cli_error(ctx, s->text, &err);
		s->e = s->own;
	}
	if (!q->have_mode && !from_cron_tz)
		s->mode = ck_dialect_dst_mode(dialect);
	return 0;
}

/* The times, then the table or the JSON. */
static int
next_times(struct cli_ctx *ctx, const struct next_req *q,
    const struct next_sched *s, const ck_tz *tz)
{
	time_t now, start, *times, *walls;
	unsigned int *how;
	const char *etext;
	ck_error err;
	size_t len;
	int rc, r;

	/* Now (CRONKEEP_NOW pins it, for tests), and where to start. */
	if ((rc = cli_now(ctx, &now)) != 0)
		return rc;
	start = now;
	if (q->w.from != NULL && (rc = parse_from(ctx, q->w.from, tz,
	    &start)) != 0)
		return rc == -1 ? EX_DATAERR : rc;	/* a bad date */
	times = xreallocarray(NULL, q->count, sizeof(*times));
	how = xreallocarray(NULL, q->count, sizeof(*how));
	walls = xreallocarray(NULL, q->count, sizeof(*walls));
	if (q->prev)
		r = ck_expr_prev_n(s->e, tz, start, s->mode, q->count, times,
		    how, &err);
	else {
		/* Every run, each with the wall time it stands for. */
		ck_run run;
		size_t k;

		for (k = 0, r = 0; k < q->count && r == 0; k++) {
			r = ck_expr_next_run(s->e, tz, s->mode, k > 0 ? &run :
			    NULL, start, &run, &err);
			times[k] = run.at;
			how[k] = run.how;
			walls[k] = run.wall;
		}
	}
	etext = ck_expr_text(s->e, &len);
	if (r == -1 && err.code != CK_ENEVER)
		rc = cli_error(ctx, "next", &err);
	else if (r == -1) {
		if (ctx->json)
			print_times(ctx, etext, len, tz, times, how, NULL, 0,
			    q->prev, now);
		cli_warnx(ctx, "%s", err.msg);
		rc = CLI_EXIT_FAIL;
	} else
		rc = print_times(ctx, etext, len, tz, times, how, q->prev ?
		    NULL : walls, q->count, q->prev, now);
	free(walls);
	free(times);
	free(how);
	return rc;
}

static int
next(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct next_req q;
	struct next_sched s;
	ck_tz *tz = NULL;
	int rc, r, prc = 0;

	if ((rc = next_parse(ctx, a, &q)) != 0)
		return rc;
	if (cli_resolve_dialect(ctx) == -1)
		return CLI_EXIT_USAGE;
	memset(&s, 0, sizeof(s));
	/* -1: a periodic job, done; prc is its status. */
	if ((r = next_schedule(ctx, a, &q, &s, &prc)) == -1)
		rc = prc;
	else if (r != 0)
		rc = r;
	else if ((tz = cli_zone(ctx, s.zone, s.zone != NULL ? s.zone_what :
	    NULL)) == NULL)
		rc = EX_DATAERR;
	else
		rc = next_times(ctx, &q, &s, tz);
	free(s.text);
	free(s.request);
	free(s.zbuf);
	ck_expr_free(s.own);
	ck_tz_free(tz);
	if (s.src != NULL)
		cli_sources_free(s.src, s.nsrc);
	return cli_finish(rc);
}

const struct cli_command cmd_next = {
	.name = "next",
	.summary = "the next (or previous) fire times of a schedule or job",
	.description =
"Print the next N fire times of a schedule (EXPR: five fields or an\n"
"@keyword, quoted or as separate words) or of the job with marker id ID,\n"
"in local time with the weekday, the UTC offset and the distance from now.\n"
"H fields are resolved as set resolves them (for this host or --host, the\n"
"owner -u USER and --hash-id ID, or --seed); standard error says to what.\n",
	.epilog =
"With --json: {\"schedule\",\"timezone\",\"next\":[RFC 3339 times],\n"
"\"dst\":[null|\"shifted\"|\"repeated\"]} (\"prev\" with --prev).\n"
"\n"
"Exit: 0; 1 when the schedule never fires or no job has the id;\n"
"2 for usage errors; 65 for a schedule that does not parse.\n",
	.options = options,
	.synopsis = "[EXPR]",
	.flags = CMD_NOSOURCE,
	.exec = next,
};
