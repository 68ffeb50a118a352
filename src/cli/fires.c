/* SPDX-License-Identifier: ISC */
/*
 * fires.c - fire times of all jobs in a window, and the zone to use.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fires.h"
#include "periodic.h"
#include "width.h"

/* The nearest zone name to a mistyped one, for "did you mean". */
struct zone_guess {
	const char	*name;		/* as typed */
	char		 best[128];
	size_t		 bd;		/* its distance; 0: same but the case */
};

/* Lower-case copy of s (ASCII) into buf. */
static void
lower(char *buf, size_t size, const char *s)
{
	size_t i;

	for (i = 0; i + 1 < size && s[i] != '\0'; i++)
		buf[i] = s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i];
	buf[i] = '\0';
}

/* Walk dir/rel (three levels at most) for the zone nearest g->name. */
static void
guess_zone(struct zone_guess *g, const char *dir, const char *rel, int depth)
{
	char path[4096], sub[128], a[128], b[128];
	struct dirent *e;
	struct stat st;
	size_t d;
	DIR *dp;

	snprintf(path, sizeof(path), "%s%s%s", dir, rel[0] ? "/" : "", rel);
	if (depth > 3 || (dp = opendir(path)) == NULL)
		return;
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.' || (e->d_name[0] < 'A' ||
		    e->d_name[0] > 'Z'))
			continue;	/* zones start with a capital */
		if ((size_t)snprintf(sub, sizeof(sub), "%s%s%s", rel,
		    rel[0] ? "/" : "", e->d_name) >= sizeof(sub))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, sub);
		if (stat(path, &st) == -1)
			continue;
		if (S_ISDIR(st.st_mode)) {
			guess_zone(g, dir, sub, depth + 1);
			continue;
		}
		lower(a, sizeof(a), g->name);
		lower(b, sizeof(b), sub);
		d = strcmp(a, b) == 0 ? 0 : cli_distance(a, b);
		if (d < g->bd && (d == 0 || cli_near(a, b))) {
			g->bd = d;
			snprintf(g->best, sizeof(g->best), "%s", sub);
		}
	}
	closedir(dp);
}

/* Print that spec is no zone, with the nearest name when there is one. */
static void
unknown_zone(const struct cli_ctx *ctx, const char *what, const char *spec,
    const char *dir, const ck_error *err)
{
	struct zone_guess g = { .name = spec, .bd = SIZE_MAX };

	if (err->code == CK_ENOTFOUND && strlen(spec) < sizeof(g.best))
		guess_zone(&g, dir != NULL && *dir != '\0' ? dir :
		    "/usr/share/zoneinfo", "", 0);
	if (g.best[0] != '\0')
		cli_warnx(ctx, "%s%s%s (did you mean %s?)", what ? what : "",
		    what ? ": " : "", err->msg, g.best);
	else if (what != NULL)
		cli_warnx(ctx, "%s: %s", what, err->msg);
	else
		cli_warnx(ctx, "time zone %s: %s", spec, err->msg);
}

ck_tz *
cli_zone(const struct cli_ctx *ctx, const char *spec, const char *what)
{
	const char *dir = getenv("TZDIR");
	ck_tz *tz;
	ck_error err, err2;

	if (spec == NULL && (spec = getenv("TZ")) != NULL)
		what = "TZ";
	if (spec == NULL) {
		tz = ck_tz_load(NULL, NULL, &err);
		if (tz == NULL && err.code == CK_ENOTFOUND)
			tz = ck_tz_load("UTC", NULL, &err);
		if (tz == NULL)
			cli_warnx(ctx, "local time zone: %s", err.msg);
		return tz;
	}
	if (spec[0] == ':')
		spec++;
	if (spec[0] == '\0')
		return ck_tz_posix("UTC0", &err);
	if (spec[0] == '/')
		tz = ck_tz_load_file(spec, NULL, &err);
	else
		tz = ck_tz_load(spec, dir != NULL && *dir != '\0' ? dir : NULL,
		    &err);
	if (tz != NULL)
		return tz;
	/* A POSIX TZ string such as "EST5EDT,M3.2.0,M11.1.0". */
	if ((err.code == CK_ENOTFOUND || err.code == CK_EINVAL) &&
	    strpbrk(spec, "0123456789") != NULL &&
	    (tz = ck_tz_posix(spec, &err2)) != NULL)
		return tz;
	unknown_zone(ctx, what, spec, dir, &err);
	return NULL;
}

static struct fire_job *
add_job(struct fire_job **v, size_t *k, size_t *cap,
    const struct cli_source *src)
{
	struct fire_job *f;

	if (*k == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = xreallocarray(*v, *cap, sizeof(**v));
	}
	f = &(*v)[(*k)++];
	memset(f, 0, sizeof(*f));
	f->src = src;
	return f;
}

/* The anacron jobs and run-parts scripts of src that run. */
static void
periodic_jobs(const struct cli_source *src, struct fire_job **v, size_t *k,
    size_t *cap)
{
	const ck_anajob *aj;
	const ck_runpart *rp;
	struct fire_job *f;
	size_t i;

	if (src->ana != NULL)
		for (i = 0; i < ck_anacrontab_job_count(src->ana); i++) {
			aj = ck_anacrontab_job(src->ana, i);
			if (!aj->enabled)
				continue;
			f = add_job(v, k, cap, src);
			f->ajob = aj;
			f->label = cli_cut(aj->id, aj->id_len, 40);
		}
	if (src->rp != NULL && src->rp->by != RP_BY_NONE)
		for (i = 0; i < ck_runparts_count(src->rp->rp); i++) {
			rp = ck_runparts_at(src->rp->rp, i);
			if (!rp->runs)
				continue;
			f = add_job(v, k, cap, src);
			f->part = rp;
			f->label = cli_cut(rp->name, strlen(rp->name), 40);
		}
}

char *
fires_label(const ck_job *job, size_t max)
{
	const char *s;
	size_t n;

	if ((s = ck_job_id(job, &n)) == NULL) {
		s = ck_job_command(job, &n);
		while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' '))
			n--;
	}
	return cli_cut(s, n, max);
}

int
fires_jobs(const struct cli_source *src, size_t nsrc, struct fire_job **out,
    size_t *n)
{
	struct fire_job *v = NULL, *f;
	const ck_job *job;
	size_t k = 0, cap = 0, s, i;

	for (s = 0; s < nsrc; s++) {
		periodic_jobs(&src[s], &v, &k, &cap);
		for (i = 0; i < ck_tab_job_count(src[s].tab); i++) {
			job = ck_tab_job(src[s].tab, i);
			if (!ck_job_enabled(job) ||
			    ck_expr_is_reboot(ck_job_expr(job)))
				continue;
			f = add_job(&v, &k, &cap, &src[s]);
			f->job = job;
			f->label = fires_label(job, 40);
		}
	}
	*out = v;
	*n = k;
	return 0;
}

int
fires_periodic(const struct cli_ctx *ctx, const struct fire_job *f,
    const ck_tz *tz, time_t from, time_t to, size_t cap, time_t **out,
    size_t *n, bool *capped)
{
	ck_error err;
	time_t now;

	if (cli_now(ctx, &now) != 0)
		return CLI_EXIT_USAGE;
	if (cli_periodic_runs(f->src->ctx, f->src->ana, f->ajob,
	    f->part != NULL ? f->src->rp : NULL, tz, now, from, to, cap, out,
	    n, capped, &err) == -1)
		return cli_error(ctx, f->src->label, &err);
	return 0;
}

const char *
fires_job_where(const struct fire_job *f)
{
	return f->part != NULL ? f->part->path : f->src->label;
}

size_t
fires_job_line(const struct fire_job *f)
{
	if (f->job != NULL)
		return ck_job_line(f->job) + 1;
	return f->ajob != NULL ? f->ajob->lineno : 0;
}

const char *
fires_job_command(const struct fire_job *f, size_t *len)
{
	if (f->job != NULL)
		return ck_job_command(f->job, len);
	if (f->ajob != NULL) {
		*len = f->ajob->command_len;
		return f->ajob->command;
	}
	*len = strlen(f->part->path);
	return f->part->path;
}

char *
fires_job_schedule(const struct fire_job *f)
{
	const char *t;
	size_t len;
	char *s;

	if (f->job != NULL) {
		t = ck_expr_text(ck_job_expr(f->job), &len);
		return strndup(t, len);
	}
	if (f->ajob != NULL) {
		if (asprintf(&s, "anacron %.*s +%um",
		    (int)f->ajob->period_len, f->ajob->period_text,
		    f->ajob->delay) == -1)
			return NULL;
		return s;
	}
	return cli_runparts_schedule(f->src->ctx, f->src->rp);
}

int
fires_collect(const struct cli_ctx *ctx, const struct cli_source *src,
    size_t nsrc, const ck_tz *tz, time_t from, time_t to, size_t cap,
    struct fire_job **out, size_t *n)
{
	struct fire_job *v, *f;
	ck_error err;
	ck_dst_mode mode;
	size_t k, i, capn;
	time_t t, next;
	ck_run run;
	int rc;

	fires_jobs(src, nsrc, &v, &k);
	for (i = 0; i < k; i++) {
		f = &v[i];
		if (f->job == NULL) {
			if ((rc = fires_periodic(ctx, f, tz, from, to, cap,
			    &f->t, &f->n, &f->capped)) != 0) {
				fires_free(v, k);
				return rc;
			}
			continue;
		}
		mode = ck_dialect_dst_mode(ck_tab_dialect(f->src->tab));
		capn = 0;
		/* Every run: several at once after a DST jump. */
		for (t = from - 1;;) {
			if (ck_expr_next_run(ck_job_expr(f->job), tz, mode,
			    f->n > 0 ? &run : NULL, t, &run, &err) == -1) {
				if (err.code == CK_ENEVER)
					break;
				fires_free(v, k);
				return cli_error(ctx, f->src->label, &err);
			}
			next = run.at;
			if (next >= to)
				break;
			if (f->n == cap) {
				f->capped = true;
				break;
			}
			if (f->n == capn) {
				capn = capn ? capn * 2 : 64;
				f->t = xreallocarray(f->t, capn,
				    sizeof(*f->t));
			}
			f->t[f->n++] = next;
			t = next;
		}
	}
	*out = v;
	*n = k;
	return 0;
}

void
fires_free(struct fire_job *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].label);
		free(v[i].t);
	}
	free(v);
}

void
fires_fmt(const ck_tz *tz, time_t t, bool rfc3339, char *buf, size_t len,
    struct tm *tmp)
{
	struct tm tm;
	ck_error err;
	long off = 0;
	int o;

	if (ck_tz_localtime(tz, t, &tm, &off, NULL, &err) == -1) {
		gmtime_r(&t, &tm);
		off = 0;
	}
	if (tmp != NULL)
		*tmp = tm;
	o = (int)(off < 0 ? -off : off);
	if (rfc3339)
		snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		    tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+', o / 3600 % 100,
		    o % 3600 / 60);
	else
		snprintf(buf, len, "%04d-%02d-%02d %02d:%02d",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		    tm.tm_min);
}

bool
fires_date_exists(const struct tm *tm)
{
	struct tm noon = *tm, back;
	time_t t[2];

	if (tm->tm_mon < 0 || tm->tm_mon > 11 || tm->tm_mday < 1 ||
	    tm->tm_mday > 31)
		return false;
	/* Noon of that date in UTC: a day past the month's end carries. */
	noon.tm_hour = 12;
	noon.tm_min = noon.tm_sec = 0;
	if (ck_tz_resolve(ck_tz_utc(), &noon, t, NULL) != 1 ||
	    ck_tz_localtime(ck_tz_utc(), t[0], &back, NULL, NULL, NULL) == -1)
		return false;
	return back.tm_mday == tm->tm_mday;
}

bool
fires_digits(const char **p, int n, int lo, int hi, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return false;
		v = v * 10 + ((*p)[i] - '0');
	}
	if (v < lo || v > hi)
		return false;
	*p += n;
	*out = v;
	return true;
}

/*
 * date = YYYY "-" MM "-" DD
 * wall = date [(" " | "T") HH ":" MM [":" SS]]   (the time: unless
 *        date_only is false, then it is required)
 */
int
fires_parse_wall(const char *s, bool date_only, struct tm *tm,
    const char **rest)
{
	const char *p = s;
	int y, mo, d, h = 0, mi = 0, sec = 0;

	if (!fires_digits(&p, 4, 0, 9999, &y) || *p++ != '-' ||
	    !fires_digits(&p, 2, 1, 12, &mo) || *p++ != '-' ||
	    !fires_digits(&p, 2, 1, 31, &d))
		return -1;
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = y - 1900;
	tm->tm_mon = mo - 1;
	tm->tm_mday = d;
	if (!fires_date_exists(tm))
		return -2;
	if (*p == '\0' && date_only) {
		*rest = p;
		return 0;
	}
	if ((*p != ' ' && *p != 'T') ||
	    (p++, !fires_digits(&p, 2, 0, 23, &h)) || *p++ != ':' ||
	    !fires_digits(&p, 2, 0, 59, &mi))
		return -1;
	if (*p == ':' && (p++, !fires_digits(&p, 2, 0, 59, &sec)))
		return -1;
	tm->tm_hour = h;
	tm->tm_min = mi;
	tm->tm_sec = sec;
	*rest = p;
	return 0;
}

int
fires_parse_time(const ck_tz *tz, const char *s, time_t *out)
{
	struct tm tm;
	const char *end;
	time_t t[2];
	ck_error err;
	int k;

	if ((k = fires_parse_wall(s, true, &tm, &end)) != 0)
		return k;
	if (*end != '\0')
		return -1;
	/* A skipped time (n == 0) means the end of the skip. */
	if (ck_tz_resolve(tz, &tm, t, &err) < 0)
		return -1;
	*out = t[0];
	return 0;
}

int
cli_parse_local_time(const struct cli_ctx *ctx, const char *s, time_t *out)
{
	ck_tz *tz;
	int rc;

	/* The local zone as libc's localtime(3) sees it: TZ, else the host's. */
	if ((tz = cli_zone(ctx, NULL, NULL)) == NULL)
		return -1;
	rc = fires_parse_time(tz, s, out);
	ck_tz_free(tz);
	return rc;
}
