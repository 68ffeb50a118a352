/* SPDX-License-Identifier: ISC */
/*
 * spread_fleet.c - "cronkeep spread --inventory": the same job on many
 * hosts starts at the same minute (every host's backup at 00:00 against
 * one server).  Give each host its own minute, evenly over
 * a window, and print the per-host plan; the hosts' crontabs are changed
 * by whatever provisions them (the Ansible collection's job module, or
 * cronkeep set on each host).  Nothing is written here.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fleet.h"
#include "spread_fleet.h"

/* One job of the plan: a host's copy of a key and where it goes. */
struct pjob {
	const struct fl_job *job;
	int		 minute, hour;	/* now (hour -1: not one number) */
	int		 to_minute, to_hour;
};

/* A plain number of at most 2 digits, or -1. */
static int
plain_number(const char *s, size_t n, int max)
{
	size_t i;
	int v = 0;

	if (n == 0 || n > 2)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v <= max ? v : -1;
}

/* The first two fields of a five-field schedule, or false. */
static bool
split2(const char *t, const char **f0, size_t *n0, const char **f1,
    size_t *n1, const char **rest)
{
	const char *p = t;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '@' || *p == '\0')
		return false;
	*f0 = p;
	while (*p != '\0' && *p != ' ' && *p != '\t')
		p++;
	*n0 = (size_t)(p - *f0);
	while (*p == ' ' || *p == '\t')
		p++;
	*f1 = p;
	while (*p != '\0' && *p != ' ' && *p != '\t')
		p++;
	*n1 = (size_t)(p - *f1);
	*rest = p;
	return *n1 > 0 && *p != '\0';
}

static bool
is_pinned(const struct fl_job *j)
{
	return j->comment != NULL && strstr(j->comment, "pinned") != NULL;
}

/*
 * Do a and b belong to one key (the same id, else the same command)?
 * Across groups: a herd hits its backend whatever the hosts' groups
 * (--group narrows the plan to one).
 */
static bool
same_key(const struct fl_job *a, const struct fl_job *b)
{
	if ((a->id == NULL) != (b->id == NULL))
		return false;
	return a->id != NULL ? strcmp(a->id, b->id) == 0 :
	    strcmp(a->command, b->command) == 0;
}

static int
cmp_pjob(const void *x, const void *y, void *ctx)
{
	const struct pjob *a = x, *b = y;
	const struct fl_job *ja = a->job, *jb = b->job;
	int c;

	(void)ctx;
	if ((ja->id == NULL) != (jb->id == NULL))
		return ja->id == NULL ? 1 : -1;
	if ((c = strcmp(ja->id != NULL ? ja->id : ja->command,
	    jb->id != NULL ? jb->id : jb->command)) != 0)
		return c;
	/* Hosts by name (fleet.hosts is sorted), then line. */
	if (ja->host != jb->host)
		return ja->host < jb->host ? -1 : 1;
	return ja->line < jb->line ? -1 : ja->line > jb->line;
}

/* Most copies of one key starting at the same hour and minute. */
static size_t
crowd(const struct pjob *v, size_t n, bool after)
{
	size_t i, k, best = 0, c;

	for (i = 0; i < n; i++) {
		c = 0;
		for (k = 0; k < n; k++)
			if ((after ? v[k].to_minute : v[k].minute) ==
			    (after ? v[i].to_minute : v[i].minute) &&
			    (after ? v[k].to_hour : v[k].hour) ==
			    (after ? v[i].to_hour : v[i].hour))
				c++;
		if (c > best)
			best = c;
	}
	return best;
}

/* The schedule with minute m and (h >= 0) hour h; owned by the caller. */
static char *
moved(const char *t, int m, int h)
{
	const char *f0, *f1, *rest;
	size_t n0, n1;
	char *out;

	if (!split2(t, &f0, &n0, &f1, &n1, &rest))
		return xstrdup(t);
	if (h >= 0) {
		if (asprintf(&out, "%d %d%s", m, h, rest) == -1)
			out = NULL;
	} else if (asprintf(&out, "%d %.*s%s", m, (int)n1, f1, rest) == -1)
		out = NULL;
	if (out == NULL) {
		cli_warnx(NULL, "out of memory");
		exit(EX_OSERR);
	}
	return out;
}

/* Spread one key's copies v[0..n) over the window's slots. */
static void
place(struct pjob *v, size_t n, const struct spread_fleet_opts *o,
    size_t *shared)
{
	size_t i, nslots, s;
	int hours;

	/* A job of one hour may move across --hours; else in its hour. */
	hours = v[0].hour >= 0 && o->hour_lo >= 0 ? o->hour_hi -
	    o->hour_lo + 1 : 1;
	for (i = 1; i < n; i++)
		if (v[i].hour < 0)
			hours = 1;
	nslots = (size_t)hours * (size_t)(o->minute_hi - o->minute_lo + 1);
	if (n > nslots)
		*shared += n - nslots;
	for (i = 0; i < n; i++) {
		/* Evenly: copy i of n at slot i * nslots / n. */
		s = i * nslots / n;
		v[i].to_minute = o->minute_lo + (int)(s % (size_t)(o->minute_hi -
		    o->minute_lo + 1));
		v[i].to_hour = hours > 1 ? o->hour_lo + (int)(s /
		    (size_t)(o->minute_hi - o->minute_lo + 1)) : v[i].hour;
	}
}

int
spread_fleet(struct cli_ctx *ctx, const char *const *paths, size_t npaths,
    const struct spread_fleet_opts *o)
{
	struct fleet *f = NULL;
	struct pjob *v = NULL;
	struct json j;
	const char *f0, *f1, *rest;
	size_t nv = 0, i, k, a, n0, n1, keys = 0, moves = 0, shared = 0;
	size_t before = 0, after = 0, c;
	char *from, *to;
	int rc;

	if ((rc = fleet_load(ctx, paths, npaths, &f)) != 0)
		return rc;
	v = xcalloc(f->njobs, sizeof(*v));
	for (i = 0; i < f->njobs; i++) {
		const struct fl_job *fj = &f->jobs[i];

		if (!fj->enabled || is_pinned(fj) || (o->group != NULL &&
		    strcmp(f->hosts[fj->host].group, o->group) != 0) ||
		    !split2(fj->schedule, &f0, &n0, &f1, &n1, &rest) ||
		    plain_number(f0, n0, 59) < 0)
			continue;
		v[nv].job = fj;
		v[nv].minute = plain_number(f0, n0, 59);
		v[nv].hour = plain_number(f1, n1, 23);
		v[nv].to_minute = v[nv].minute;
		v[nv].to_hour = v[nv].hour;
		nv++;
	}
	qsort_r(v, nv, sizeof(*v), cmp_pjob, f);
	/* Each key of a group on two hosts or more: its copies spread. */
	for (a = 0; a < nv; a = k) {
		for (k = a + 1; k < nv && same_key(v[a].job, v[k].job); k++)
			;
		if (k - a < 2)
			continue;
		/* Copies at different times already: left alone. */
		if ((c = crowd(v + a, k - a, false)) < 2)
			continue;
		keys++;
		if (c > before)
			before = c;
		place(v + a, k - a, o, &shared);
		if ((c = crowd(v + a, k - a, true)) > after)
			after = c;
	}
	if (ctx->json) {
		cli_json_init(ctx, &j, stdout);
		json_obj_begin(&j);
		json_key(&j, "hosts");
		json_int(&j, (long long)f->nhosts);
		json_key(&j, "keys");
		json_int(&j, (long long)keys);
		json_key(&j, "busiest_before");
		json_int(&j, (long long)before);
		json_key(&j, "busiest_after");
		json_int(&j, (long long)after);
		json_key(&j, "plan");
		json_arr_begin(&j);
	} else
		printf("%-24s %-10s %-20s %-16s %s\n", "HOST", "GROUP", "JOB",
		    "FROM", "TO");
	for (i = 0; i < nv; i++) {
		const struct fl_job *fj = v[i].job;
		const struct fl_host *h = &f->hosts[fj->host];
		const char *name;
		size_t len;

		if (v[i].to_minute == v[i].minute && v[i].to_hour ==
		    v[i].hour)
			continue;
		moves++;
		from = xstrdup(fj->schedule);
		to = moved(fj->schedule, v[i].to_minute, v[i].to_hour !=
		    v[i].hour ? v[i].to_hour : -1);
		if (ctx->json) {
			json_obj_begin(&j);
			json_key(&j, "host");
			json_str(&j, h->name);
			json_key(&j, "group");
			json_str(&j, h->group);
			json_key(&j, "id");
			if (fj->id != NULL)
				json_str(&j, fj->id);
			else
				json_null(&j);
			json_key(&j, "command");
			json_str(&j, fj->command);
			json_key(&j, "source");
			json_str(&j, fj->source);
			json_key(&j, "line");
			json_int(&j, fj->line);
			json_key(&j, "from");
			json_str(&j, from);
			json_key(&j, "to");
			json_str(&j, to);
			json_obj_end(&j);
		} else {
			printf("%-24s %-10s ", h->name, h->group[0] != '\0' ?
			    h->group : "-");
			name = fj->id != NULL ? fj->id : fj->command;
			len = strlen(name) > 20 ? 20 : strlen(name);
			cli_put_vis(stdout, name, len);
			printf("%*s %-16s %s\n", (int)(20 - len), "", from, to);
		}
		free(from);
		free(to);
	}
	if (ctx->json) {
		json_arr_end(&j);
		json_key(&j, "moves");
		json_int(&j, (long long)moves);
		json_key(&j, "shared");
		json_int(&j, (long long)shared);
		json_obj_end(&j);
		json_end(&j);
	} else {
		fprintf(stderr, "%zu hosts, %zu job%s starting together on two "
		    "hosts or more: %zu move%s; most hosts starting one job "
		    "together: %zu before, %zu after\n", f->nhosts, keys,
		    keys == 1 ? "" : "s", moves, moves == 1 ? "" : "s",
		    before, after);
		if (shared > 0)
			fprintf(stderr, "%s: warning: %zu copies share a minute: "
			    "the window has fewer minutes than hosts (widen it "
			    "with --hours)\n", getprogname(), shared);
	}
	free(v);
	fleet_free(f);
	return cli_finish(CLI_EXIT_OK);
}
