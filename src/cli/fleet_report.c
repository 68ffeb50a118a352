/* SPDX-License-Identifier: ISC */
/*
 * fleet_report.c - the fleet view's reports (text and JSON; the timeline
 * also as SVG and HTML): list/find, stats (herd, per job, per group,
 * drift, duplicates), check (lint counts, drift and duplicates as
 * findings), timeline.
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fires.h"
#include "fleet.h"
#include "fleet_int.h"
#include "width.h"

#define TOP_DEFAULT	10
#define MAX_NAMES	5	/* hosts named in a drift or duplicate line */

/* The window and its zone.  @return 0, or an exit code (printed). */
static int
window(const struct cli_ctx *ctx, const struct fleet *f,
    const struct fleet_opts *o, ck_tz **tzp, time_t *from, time_t *to)
{
	int days = o->days > 0 ? o->days : o->week ? 7 : 1;
	ck_tz *tz;
	time_t now = 0, t;
	char buf[64];
	size_t i;
	int k;

	if ((tz = cli_zone(ctx, o->tz, "--tz")) == NULL)
		return EX_DATAERR;
	if (o->from != NULL) {
		/* The one parser: a date that does not exist is refused. */
		if ((k = fires_parse_time(tz, o->from, from)) != 0) {
			ck_tz_free(tz);
			return cli_date_refused(ctx, o->from_opt != NULL ?
			    o->from_opt : "--from", o->from, k,
			    "YYYY-MM-DD[ HH:MM]");
		}
	} else {
		/* The next midnight after the newest inventory was taken. */
		for (i = 0; i < f->nhosts; i++)
			if (f->hosts[i].now > now)
				now = f->hosts[i].now;
		if (now == 0)
			now = time(NULL);
		fires_fmt(tz, now + 86400, false, buf, sizeof(buf), NULL);
		buf[10] = '\0';
		if (fires_parse_time(tz, buf, from) == -1)
			*from = now - now % 86400 + 86400;
	}
	/* Days later, at the same wall time. */
	t = *from + (time_t)days * 86400 + 12 * 3600;
	{
		char day[64], hm[64], wall[160];

		fires_fmt(tz, *from, false, hm, sizeof(hm), NULL);
		fires_fmt(tz, t, false, day, sizeof(day), NULL);
		day[10] = '\0';
		snprintf(wall, sizeof(wall), "%s%s", day, hm + 10);
		if (fires_parse_time(tz, wall, to) == -1)
			*to = *from + (time_t)days * 86400;
	}
	*tzp = tz;
	return 0;
}

static void
fmt_min(const ck_tz *tz, time_t from, size_t m, bool iso, char *buf,
    size_t len)
{
	fires_fmt(tz, from + (time_t)m * 60, iso, buf, len, NULL);
}

static size_t
top_of(const struct fleet_opts *o)
{
	return o->top > 0 ? o->top : TOP_DEFAULT;
}

/*
 * Untrusted text s on out, escaped as for a terminal when tty: out may be
 * a memory stream holding a line for stdout (put_wrapped()).
 */
static void
put_text(FILE *out, bool tty, const char *s)
{
	char *t = cli_text_for(s, strlen(s), tty);

	fputs(t, out);
	free(t);
}

/* "h1, h2, h3 and 4 more" */
static void
put_hosts(FILE *out, bool tty, const struct fleet *f, const size_t *h,
    size_t n)
{
	size_t i;

	for (i = 0; i < n && i < MAX_NAMES; i++) {
		fprintf(out, "%s", i > 0 ? ", " : "");
		put_text(out, tty, f->hosts[h[i]].name);
	}
	if (n > MAX_NAMES)
		fprintf(out, " and %zu more", n - MAX_NAMES);
}

static void
json_hosts(struct json *j, const struct fleet *f, const size_t *h, size_t n)
{
	size_t i;

	json_arr_begin(j);
	for (i = 0; i < n; i++)
		json_str(j, f->hosts[h[i]].name);
	json_arr_end(j);
}

static const char *
group_label(const char *g)
{
	return g[0] != '\0' ? g : "(none)";
}

/* ---- list and find ---- */

struct filter {
	regex_t		 cmd, comment;
	bool		 has_cmd, has_comment;
};

static int
filter_init(const struct cli_ctx *ctx, struct filter *fl,
    const struct fleet_opts *o)
{
	char msg[256];
	int e;

	memset(fl, 0, sizeof(*fl));
	if (o->command_re != NULL) {
		if ((e = regcomp(&fl->cmd, o->command_re, REG_EXTENDED |
		    REG_NOSUB)) != 0) {
			regerror(e, &fl->cmd, msg, sizeof(msg));
			cli_warnx(ctx, "--command %s: %s", o->command_re, msg);
			return CLI_EXIT_USAGE;
		}
		fl->has_cmd = true;
	}
	if (o->comment_re != NULL) {
		if ((e = regcomp(&fl->comment, o->comment_re, REG_EXTENDED |
		    REG_NOSUB)) != 0) {
			regerror(e, &fl->comment, msg, sizeof(msg));
			cli_warnx(ctx, "--comment %s: %s", o->comment_re, msg);
			if (fl->has_cmd)
				regfree(&fl->cmd);
			return CLI_EXIT_USAGE;
		}
		fl->has_comment = true;
	}
	return 0;
}

static bool
matches(const struct fleet *f, const struct fl_job *j,
    const struct fleet_opts *o, const struct filter *fl)
{
	if (o->group != NULL && strcmp(f->hosts[j->host].group, o->group) != 0)
		return false;
	if (o->id != NULL && (j->id == NULL || strcmp(j->id, o->id) != 0))
		return false;
	if (o->user != NULL && (j->owner == NULL ||
	    strcmp(j->owner, o->user) != 0))
		return false;
	if (fl->has_cmd && regexec(&fl->cmd, j->command, 0, NULL, 0) != 0)
		return false;
	if (fl->has_comment &&
	    (j->id == NULL || regexec(&fl->comment, j->id, 0, NULL, 0) != 0) &&
	    (j->comment == NULL ||
	    regexec(&fl->comment, j->comment, 0, NULL, 0) != 0))
		return false;
	return true;
}

int
fleet_list(const struct cli_ctx *ctx, struct fleet *f,
    const struct fleet_opts *o, bool find)
{
	struct filter fl;
	struct json j;
	const struct fl_job *x;
	size_t i, n = 0, w[4] = { 4, 12, 8, 2 }, fixed, max = 0;
	char where[64], *t;
	int rc;

	if ((rc = filter_init(ctx, &fl, o)) != 0)
		return rc;
	if (o->json) {
		cli_json_init(ctx, &j, stdout);
		json_obj_begin(&j);
		json_key(&j, "hosts");
		json_int(&j, (long long)f->nhosts);
		json_key(&j, "jobs");
		json_arr_begin(&j);
	} else {
		for (i = 0; i < f->njobs; i++) {
			x = &f->jobs[i];
			if (!matches(f, x, o, &fl))
				continue;
			if (strlen(f->hosts[x->host].name) > w[0])
				w[0] = strlen(f->hosts[x->host].name);
			if (strlen(x->schedule) > w[2])
				w[2] = strlen(x->schedule);
			if (x->id != NULL && strlen(x->id) > w[3])
				w[3] = strlen(x->id);
		}
		printf("%-*s  %-*s  %-*s  %-2s  %s\n", (int)w[0], "HOST",
		    (int)w[2], "SCHEDULE", (int)w[3], "ID", "ON", "COMMAND");
		/* The command takes what is left of the width (width.c). */
		fixed = w[0] + w[2] + w[3] + 2 + 4 * 2;
		if (o->limit > 0)
			max = o->limit > fixed + 8 ? o->limit - fixed : 8;
	}
	for (i = 0; i < f->njobs; i++) {
		x = &f->jobs[i];
		if (!matches(f, x, o, &fl))
			continue;
		n++;
		if (!o->json) {
			printf("%-*s  %-*s  %-*s  %-2s  ", (int)w[0],
			    f->hosts[x->host].name, (int)w[2], x->schedule,
			    (int)w[3], x->id != NULL ? x->id : "-",
			    x->enabled ? "on" : "-");
			t = cli_text(stdout, x->command, strlen(x->command));
			cli_put_cut(stdout, t, max, 0, 0);
			free(t);
			putchar('\n');
			continue;
		}
		json_obj_begin(&j);
		json_key(&j, "host");
		json_str(&j, f->hosts[x->host].name);
		json_key(&j, "group");
		json_str(&j, f->hosts[x->host].group[0] != '\0' ?
		    f->hosts[x->host].group : NULL);
		json_key(&j, "source");
		json_str(&j, x->source);
		json_key(&j, "line");
		json_int(&j, x->line);
		json_key(&j, "schedule");
		json_str(&j, x->schedule);
		json_key(&j, "user");
		json_str(&j, x->owner);
		json_key(&j, "id");
		json_str(&j, x->id);
		json_key(&j, "enabled");
		json_bool(&j, x->enabled);
		json_key(&j, "command");
		json_str(&j, x->command);
		json_key(&j, "comment");
		json_str(&j, x->comment);
		json_obj_end(&j);
	}
	(void)where;
	if (o->json) {
		json_arr_end(&j);
		json_obj_end(&j);
		json_end(&j);
	}
	if (fl.has_cmd)
		regfree(&fl.cmd);
	if (fl.has_comment)
		regfree(&fl.comment);
	return find && n == 0 ? CLI_EXIT_FAIL : 0;
}

/* ---- drift and duplicates, shared by stats and check ---- */

/* One drifted id on a line (escaped for a terminal when tty). */
static void
print_drift(FILE *out, bool tty, const struct fleet *f,
    const struct fl_drift *d, const char *prefix)
{
	size_t v;

	fprintf(out, "%s", prefix);
	put_text(out, tty, group_label(d->group));
	fprintf(out, ": ");
	put_text(out, tty, d->id);
	if (d->nmissing > 0) {
		fprintf(out, ": on %zu of %zu hosts (not on ", d->hosts,
		    d->group_hosts);
		put_hosts(out, tty, f, d->missing, d->nmissing);
		fprintf(out, ")");
	}
	if (d->nvariants > 1) {
		fprintf(out, "%s %zu variants:", d->nmissing > 0 ? ";" : ":",
		    d->nvariants);
		for (v = 0; v < d->nvariants; v++) {
			const struct fl_job *j = d->variants[v].job;

			fprintf(out, "%s \"%s\" ", v > 0 ? ";" : "",
			    j->schedule);
			put_text(out, tty, j->command);
			fprintf(out, "%s on %zu host%s (", j->enabled ? "" :
			    " (disabled)", d->variants[v].nhosts,
			    d->variants[v].nhosts == 1 ? "" : "s");
			put_hosts(out, tty, f, d->variants[v].hosts,
			    d->variants[v].nhosts);
			fprintf(out, ")");
		}
	}
	fprintf(out, "\n");
}

static void
json_drift(struct json *j, const struct fleet *f, const struct fl_drift *d,
    size_t n)
{
	size_t i, v;

	json_arr_begin(j);
	for (i = 0; i < n; i++) {
		json_obj_begin(j);
		json_key(j, "group");
		json_str(j, d[i].group);
		json_key(j, "id");
		json_str(j, d[i].id);
		json_key(j, "group_hosts");
		json_int(j, (long long)d[i].group_hosts);
		json_key(j, "hosts");
		json_int(j, (long long)d[i].hosts);
		json_key(j, "missing");
		json_hosts(j, f, d[i].missing, d[i].nmissing);
		json_key(j, "variants");
		json_arr_begin(j);
		for (v = 0; v < d[i].nvariants; v++) {
			json_obj_begin(j);
			json_key(j, "schedule");
			json_str(j, d[i].variants[v].job->schedule);
			json_key(j, "command");
			json_str(j, d[i].variants[v].job->command);
			json_key(j, "enabled");
			json_bool(j, d[i].variants[v].job->enabled);
			json_key(j, "hosts");
			json_hosts(j, f, d[i].variants[v].hosts,
			    d[i].variants[v].nhosts);
			json_obj_end(j);
		}
		json_arr_end(j);
		json_obj_end(j);
	}
	json_arr_end(j);
}

/* One duplicated command on a line (escaped for a terminal when tty). */
static void
print_dup(FILE *out, bool tty, const struct fleet *f, const struct fl_dup *d,
    const char *prefix)
{
	const struct fl_job *j = &f->jobs[d->jobs[0]];
	size_t k;

	fprintf(out, "%s", prefix);
	put_text(out, tty, f->hosts[d->host].name);
	fprintf(out, ": \"");
	put_text(out, tty, j->command);
	fprintf(out, "\" runs %zu times (", d->n);
	for (k = 0; k < d->n; k++) {
		j = &f->jobs[d->jobs[k]];
		fprintf(out, "%s", k > 0 ? ", " : "");
		put_text(out, tty, j->source);
		fprintf(out, ":%ld \"%s\"", j->line, j->schedule);
	}
	fprintf(out, ")\n");
}

static void
json_dups(struct json *j, const struct fleet *f, const struct fl_dup *d,
    size_t n)
{
	size_t i, k;

	json_arr_begin(j);
	for (i = 0; i < n; i++) {
		json_obj_begin(j);
		json_key(j, "host");
		json_str(j, f->hosts[d[i].host].name);
		json_key(j, "command");
		json_str(j, f->jobs[d[i].jobs[0]].command);
		json_key(j, "jobs");
		json_arr_begin(j);
		for (k = 0; k < d[i].n; k++) {
			const struct fl_job *x = &f->jobs[d[i].jobs[k]];

			json_obj_begin(j);
			json_key(j, "source");
			json_str(j, x->source);
			json_key(j, "line");
			json_int(j, x->line);
			json_key(j, "schedule");
			json_str(j, x->schedule);
			json_key(j, "id");
			json_str(j, x->id);
			json_key(j, "user");
			json_str(j, x->owner);
			json_obj_end(j);
		}
		json_arr_end(j);
		json_obj_end(j);
	}
	json_arr_end(j);
}

/* ---- stats ---- */

static int
cmp_minute(const void *a, const void *b, void *ctx)
{
	const unsigned int *starts = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	if (starts[x] != starts[y])
		return starts[x] > starts[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

static size_t
enabled_jobs(const struct fleet *f)
{
	size_t i, n = 0;

	for (i = 0; i < f->njobs; i++)
		n += f->jobs[i].enabled;
	return n;
}

/* A memory stream writing to *s (allocated); out of memory: exit. */
static FILE *
mem_open(char **s, size_t *len)
{
	FILE *m;

	if ((m = open_memstream(s, len)) == NULL) {
		cli_warn(NULL, "out of memory");
		exit(EX_OSERR);
	}
	return m;
}

static void
mem_close(FILE *m)
{
	if (fclose(m) != 0) {
		cli_warn(NULL, "out of memory");
		exit(EX_OSERR);
	}
}

/*
 * A line of prose (display text, no newline) on stdout after two spaces,
 * broken at its blanks to fit limit (0: one line), continued four spaces
 * in; a word wider than the line stays whole.
 */
static void
put_wrapped(const char *line, size_t limit)
{
	struct cli_wrap w = { stdout, limit, 4, 2 };

	fputs("  ", stdout);
	cli_wrap_words(&w, "", line);
	putchar('\n');
}

/* A drift (dr) or duplicate (du) line of stats, wrapped to limit. */
static void
put_finding(const struct fleet *f, const struct fl_drift *dr,
    const struct fl_dup *du, size_t limit)
{
	bool tty = isatty(STDOUT_FILENO);
	char *line = NULL;
	size_t len = 0;
	FILE *m;

	m = mem_open(&line, &len);
	if (dr != NULL)
		print_drift(m, tty, f, dr, "");
	else
		print_dup(m, tty, f, du, "");
	mem_close(m);
	if (len > 0 && line[len - 1] == '\n')
		line[len - 1] = '\0';
	put_wrapped(line, limit);
	free(line);
}

/*
 * "JOB  HOSTS  PEAK  AT  GROUPS AT THE PEAK": the most hosts starting one
 * job in the same minute, for the top jobs.  The job (its id or command)
 * and the groups are free text, cut to fit limit (0: whole).
 */
#define JOB_W		24	/* the JOB column at least */
#define GROUP_W		16	/* the GROUP column at least */
#define CUT_MIN		10	/* a cut column at least */
static void
stats_per_job(const struct fl_herd *hd, const ck_tz *tz, time_t from,
    size_t top, size_t limit)
{
	static const bool cut[5] = { true, false, false, false, true };
	bool tty = isatty(STDOUT_FILENO);
	const struct fl_key **key;
	char **job, **grp, a[64];
	size_t w[5] = { JOB_W, 6, 6, 16, 0 }, i, k, g, n = 0, len;
	FILE *m;

	key = xcalloc(top + 1, sizeof(*key));
	job = xcalloc(top + 1, sizeof(*job));
	grp = xcalloc(top + 1, sizeof(*grp));
	w[4] = strlen("GROUPS AT THE PEAK");
	for (i = 0; i < hd->nkeys && n < top; i++) {
		if (hd->keys[i].peak == 0)
			continue;
		key[n] = &hd->keys[i];
		job[n] = cli_text_for(key[n]->key, strlen(key[n]->key), tty);
		m = mem_open(&grp[n], &len);
		for (g = 0, k = 0; g < hd->ngroups; g++)
			if (key[n]->gpeak[g] > 0) {
				fputs(k++ > 0 ? ", " : "", m);
				put_text(m, tty, group_label(hd->groups[g]));
				fprintf(m, " %u", key[n]->gpeak[g]);
			}
		mem_close(m);
		if (cli_text_width(job[n], strlen(job[n])) > w[0])
			w[0] = cli_text_width(job[n], strlen(job[n]));
		if (cli_text_width(grp[n], len) > w[4])
			w[4] = cli_text_width(grp[n], len);
		n++;
	}
	/* Two spaces before the table and between its columns. */
	if (limit > 0)
		cli_fit(w, cut, 5, limit > 2 + 4 * 2 ? limit - 2 - 4 * 2 : 1,
		    CUT_MIN);
	printf("  ");
	cli_put_cut(stdout, "JOB", 0, w[0] + 2, 0);
	printf("%6s  %6s  %-16s  ", "HOSTS", "PEAK", "AT");
	cli_put_cut(stdout, "GROUPS AT THE PEAK", limit > 0 ? w[4] : 0, 0, 0);
	putchar('\n');
	for (i = 0; i < n; i++) {
		printf("  ");
		cli_put_cut(stdout, job[i], limit > 0 ? w[0] : 0, w[0] + 2, 0);
		fmt_min(tz, from, key[i]->peak_min, false, a, sizeof(a));
		printf("%6zu  %6u  %-16s  ", key[i]->nhosts, key[i]->peak, a);
		cli_put_cut(stdout, grp[i], limit > 0 ? w[4] : 0, 0, 0);
		putchar('\n');
		free(job[i]);
		free(grp[i]);
	}
	free(key);
	free(job);
	free(grp);
}

/*
 * "GROUP  HOSTS  PEAK  AT": the busiest minute of each host group, the
 * group's name cut to fit limit (0: whole).
 */
static void
stats_per_group(const struct fl_herd *hd, const ck_tz *tz, time_t from,
    size_t limit)
{
	static const bool cut[4] = { true, false, false, false };
	bool tty = isatty(STDOUT_FILENO);
	char **name, a[64];
	size_t w[4] = { GROUP_W, 6, 6, 16 }, k;

	name = xcalloc(hd->ngroups + 1, sizeof(*name));
	for (k = 0; k < hd->ngroups; k++) {
		name[k] = cli_text_for(group_label(hd->groups[k]),
		    strlen(group_label(hd->groups[k])), tty);
		if (cli_text_width(name[k], strlen(name[k])) > w[0])
			w[0] = cli_text_width(name[k], strlen(name[k]));
	}
	if (limit > 0)
		cli_fit(w, cut, 4, limit > 2 + 3 * 2 ? limit - 2 - 3 * 2 : 1,
		    CUT_MIN);
	printf("  ");
	cli_put_cut(stdout, "GROUP", 0, w[0] + 2, 0);
	printf("%6s  %6s  %s\n", "HOSTS", "PEAK", "AT");
	for (k = 0; k < hd->ngroups; k++) {
		printf("  ");
		cli_put_cut(stdout, name[k], limit > 0 ? w[0] : 0, w[0] + 2, 0);
		fmt_min(tz, from, hd->gpeak_min[k], false, a, sizeof(a));
		printf("%6zu  %6u  %s\n", hd->ghosts[k], hd->gpeak[k],
		    hd->gpeak[k] > 0 ? a : "-");
		free(name[k]);
	}
	free(name);
}

/*
 * The text of fleet stats, fit to o->limit: the header line wrapped, the
 * tables' free text cut (width.c), the drift and duplicate lines wrapped.
 */
static void
stats_text(const struct fleet *f, const struct fleet_opts *o,
    const struct fl_starts *s, const struct fl_herd *hd, const size_t *mins,
    size_t nm, const ck_tz *tz, time_t from, time_t to,
    const struct fl_drift *dr, size_t ndr, const struct fl_dup *du,
    size_t ndu)
{
	char a[64], b[64], *line;
	size_t i, len, top = top_of(o);
	FILE *m;

	fires_fmt(tz, from, false, a, sizeof(a), NULL);
	fires_fmt(tz, to, false, b, sizeof(b), NULL);
	m = mem_open(&line, &len);
	fprintf(m, "fleet: %zu host%s in %zu group%s, %zu jobs (%zu "
	    "enabled), %zu starts from %s to %s (%s)", f->nhosts,
	    f->nhosts == 1 ? "" : "s", hd->ngroups, hd->ngroups == 1 ? "" :
	    "s", f->njobs, enabled_jobs(f), s->n, a, b, ck_tz_name(tz));
	mem_close(m);
	{
		struct cli_wrap w = { stdout, o->limit, 2, 0 };

		cli_wrap_words(&w, "", line);
		putchar('\n');
	}
	free(line);
	printf("\nherd: the busiest minutes across the fleet\n");
	printf("  %-16s  %7s  %6s\n", "MINUTE", "STARTS", "HOSTS");
	for (i = 0; i < nm && i < top; i++) {
		fmt_min(tz, from, mins[i], false, a, sizeof(a));
		printf("  %-16s  %7u  %6u\n", a, hd->starts[mins[i]],
		    hd->hosts[mins[i]]);
	}
	printf("\nper job: the most hosts starting one job in the same "
	    "minute\n");
	stats_per_job(hd, tz, from, top, o->limit);
	printf("\nper group: the busiest minute of each host group\n");
	stats_per_group(hd, tz, from, o->limit);
	printf("\ndrift: %zu id%s not the same on every host of %s group\n",
	    ndr, ndr == 1 ? "" : "s", ndr == 1 ? "its" : "their");
	for (i = 0; i < ndr; i++)
		put_finding(f, &dr[i], NULL, o->limit);
	printf("\nduplicates: %zu command%s enabled twice or more on a "
	    "host\n", ndu, ndu == 1 ? "" : "s");
	for (i = 0; i < ndu; i++)
		put_finding(f, NULL, &du[i], o->limit);
}

int
fleet_stats(const struct cli_ctx *ctx, struct fleet *f,
    const struct fleet_opts *o)
{
	struct fl_starts s;
	struct fl_herd hd;
	struct fl_drift *dr;
	struct fl_dup *du;
	struct json j;
	ck_tz *tz;
	time_t from, to;
	size_t ndr, ndu, i, k, *mins, nm = 0, top = top_of(o);
	char a[64], b[64];
	int rc;

	if ((rc = window(ctx, f, o, &tz, &from, &to)) != 0)
		return rc;
	fleet_starts(ctx, f, from, to, &s);
	fleet_herd(f, &s, &hd);
	fleet_drift(f, &dr, &ndr);
	fleet_dups(f, &du, &ndu);
	mins = xcalloc(hd.nmin + 1, sizeof(*mins));
	for (i = 0; i < hd.nmin; i++)
		if (hd.starts[i] > 0)
			mins[nm++] = i;
	if (nm > 0)
		qsort_r(mins, nm, sizeof(*mins), cmp_minute, hd.starts);
	fires_fmt(tz, from, !!o->json, a, sizeof(a), NULL);
	fires_fmt(tz, to, !!o->json, b, sizeof(b), NULL);
	if (o->json) {
		cli_json_init(ctx, &j, stdout);
		json_obj_begin(&j);
		json_key(&j, "hosts");
		json_int(&j, (long long)f->nhosts);
		json_key(&j, "jobs");
		json_int(&j, (long long)f->njobs);
		json_key(&j, "enabled");
		json_int(&j, (long long)enabled_jobs(f));
		json_key(&j, "window");
		json_obj_begin(&j);
		json_key(&j, "from");
		json_str(&j, a);
		json_key(&j, "to");
		json_str(&j, b);
		json_key(&j, "zone");
		json_str(&j, ck_tz_name(tz));
		json_obj_end(&j);
		json_key(&j, "starts");
		json_int(&j, (long long)s.n);
		json_key(&j, "herd");
		json_arr_begin(&j);
		for (i = 0; i < nm && i < top; i++) {
			json_obj_begin(&j);
			fmt_min(tz, from, mins[i], true, a, sizeof(a));
			json_key(&j, "at");
			json_str(&j, a);
			json_key(&j, "starts");
			json_int(&j, hd.starts[mins[i]]);
			json_key(&j, "hosts");
			json_int(&j, hd.hosts[mins[i]]);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		json_key(&j, "per_job");
		json_arr_begin(&j);
		for (i = 0; i < hd.nkeys; i++) {
			const struct fl_key *x = &hd.keys[i];

			if (x->peak == 0)
				continue;
			json_obj_begin(&j);
			json_key(&j, x->is_id ? "id" : "command");
			json_str(&j, x->key);
			json_key(&j, "hosts");
			json_int(&j, (long long)x->nhosts);
			json_key(&j, "starts");
			json_int(&j, (long long)x->total);
			json_key(&j, "peak");
			json_int(&j, x->peak);
			fmt_min(tz, from, x->peak_min, true, a, sizeof(a));
			json_key(&j, "at");
			json_str(&j, a);
			json_key(&j, "groups");
			json_obj_begin(&j);
			for (k = 0; k < hd.ngroups; k++)
				if (x->gpeak[k] > 0) {
					json_key(&j, hd.groups[k]);
					json_int(&j, x->gpeak[k]);
				}
			json_obj_end(&j);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		json_key(&j, "per_group");
		json_arr_begin(&j);
		for (k = 0; k < hd.ngroups; k++) {
			json_obj_begin(&j);
			json_key(&j, "group");
			json_str(&j, hd.groups[k]);
			json_key(&j, "hosts");
			json_int(&j, (long long)hd.ghosts[k]);
			json_key(&j, "peak");
			json_int(&j, hd.gpeak[k]);
			fmt_min(tz, from, hd.gpeak_min[k], true, a, sizeof(a));
			json_key(&j, "at");
			json_str(&j, hd.gpeak[k] > 0 ? a : NULL);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		json_key(&j, "drift");
		json_drift(&j, f, dr, ndr);
		json_key(&j, "duplicates");
		json_dups(&j, f, du, ndu);
		json_obj_end(&j);
		json_end(&j);
		goto out;
	}
	stats_text(f, o, &s, &hd, mins, nm, tz, from, to, dr, ndr, du, ndu);
out:
	free(mins);
	fleet_drift_free(dr, ndr);
	fleet_dups_free(du, ndu);
	fleet_herd_free(&hd);
	fleet_starts_free(&s);
	ck_tz_free(tz);
	return 0;
}

/* ---- check ---- */

int
fleet_check(const struct cli_ctx *ctx, struct fleet *f,
    const struct fleet_opts *o)
{
	struct fl_drift *dr;
	struct fl_dup *du;
	struct json j;
	size_t ndr, ndu, i, errors = 0, warnings = 0;
	int fail_on = o->fail_on < 0 ? CK_SEV_ERROR : o->fail_on;
	bool failed;

	fleet_drift(f, &dr, &ndr);
	fleet_dups(f, &du, &ndu);
	for (i = 0; i < f->nhosts; i++) {
		errors += f->hosts[i].errors;
		warnings += f->hosts[i].warnings;
	}
	failed = ndr > 0 || ndu > 0 || (errors > 0 &&
	    fail_on <= CK_SEV_ERROR) || (warnings > 0 &&
	    fail_on <= CK_SEV_WARNING);
	if (o->json) {
		cli_json_init(ctx, &j, stdout);
		json_obj_begin(&j);
		json_key(&j, "hosts");
		json_arr_begin(&j);
		for (i = 0; i < f->nhosts; i++) {
			json_obj_begin(&j);
			json_key(&j, "host");
			json_str(&j, f->hosts[i].name);
			json_key(&j, "group");
			json_str(&j, f->hosts[i].group[0] != '\0' ?
			    f->hosts[i].group : NULL);
			json_key(&j, "errors");
			json_int(&j, (long long)f->hosts[i].errors);
			json_key(&j, "warnings");
			json_int(&j, (long long)f->hosts[i].warnings);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		json_key(&j, "jobs_with_errors");
		json_arr_begin(&j);
		for (i = 0; i < f->njobs; i++) {
			const struct fl_job *x = &f->jobs[i];

			if (x->errors == 0)
				continue;
			json_obj_begin(&j);
			json_key(&j, "host");
			json_str(&j, f->hosts[x->host].name);
			json_key(&j, "source");
			json_str(&j, x->source);
			json_key(&j, "line");
			json_int(&j, x->line);
			json_key(&j, "id");
			json_str(&j, x->id);
			json_key(&j, "errors");
			json_int(&j, (long long)x->errors);
			json_key(&j, "first");
			json_str(&j, x->first_error);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		json_key(&j, "drift");
		json_drift(&j, f, dr, ndr);
		json_key(&j, "duplicates");
		json_dups(&j, f, du, ndu);
		json_key(&j, "errors");
		json_int(&j, (long long)errors);
		json_key(&j, "warnings");
		json_int(&j, (long long)warnings);
		json_obj_end(&j);
		json_end(&j);
	} else {
		for (i = 0; i < f->njobs; i++) {
			const struct fl_job *x = &f->jobs[i];

			if (x->errors == 0)
				continue;
			cli_put_text(stderr, f->hosts[x->host].name,
			    strlen(f->hosts[x->host].name));
			fprintf(stderr, ":");
			cli_put_text(stderr, x->source, strlen(x->source));
			fprintf(stderr, ":%ld: error: ", x->line);
			if (x->first_error != NULL)
				cli_put_text(stderr, x->first_error,
				    strlen(x->first_error));
			if (x->errors > 1)
				fprintf(stderr, " (and %zu more)",
				    x->errors - 1);
			fprintf(stderr, "\n");
		}
		for (i = 0; i < ndr; i++)
			print_drift(stderr, isatty(STDERR_FILENO), f, &dr[i],
			    "drift: ");
		for (i = 0; i < ndu; i++)
			print_dup(stderr, isatty(STDERR_FILENO), f, &du[i],
			    "duplicate: ");
		fprintf(stderr, "%zu host%s: %zu error%s, %zu warning%s, %zu "
		    "drifted id%s, %zu duplicated command%s\n", f->nhosts,
		    f->nhosts == 1 ? "" : "s", errors, errors == 1 ? "" : "s",
		    warnings, warnings == 1 ? "" : "s", ndr, ndr == 1 ? "" :
		    "s", ndu, ndu == 1 ? "" : "s");
	}
	fleet_drift_free(dr, ndr);
	fleet_dups_free(du, ndu);
	return failed ? CLI_EXIT_FAIL : 0;
}

/* ---- timeline ---- */

#define TL_ROWS		30	/* job rows at most (the busiest) */
#define SVG_LABEL	200
#define SVG_PLOT	960
#define SVG_ROW		22
#define SVG_TOP		40

/* The picture: rows of starts per column, from the herd. */
struct tl {
	const ck_tz	*tz;
	time_t		 from, to;
	size_t		 cols, nrows;
	const char	**label;	/* row labels; the last is the fleet */
	unsigned int	*cell;		/* [row * cols + col] starts */
	unsigned int	 max;		/* the most in a job row's cell */
	unsigned int	 fmax;		/* the most in the fleet row's cell */
};

static void
tl_build(const struct fleet *f, const struct fl_starts *s,
    const struct fl_herd *hd, time_t from, time_t to, size_t cols,
    struct tl *p)
{
	size_t r, i, k, m, c, krow;
	const char **keys;

	p->from = from;
	p->to = to;
	p->cols = cols;
	p->nrows = 0;
	keys = xcalloc(TL_ROWS + 2, sizeof(*keys));
	for (i = 0; i < hd->nkeys && p->nrows < TL_ROWS; i++)
		if (hd->keys[i].peak > 0)
			keys[p->nrows++] = hd->keys[i].key;
	keys[p->nrows] = "all jobs";
	p->label = keys;
	p->cell = xcalloc((p->nrows + 1) * cols + 1, sizeof(*p->cell));
	for (i = 0; i < f->njobs; i++) {
		krow = p->nrows;
		for (r = 0; r < p->nrows; r++)
			if (strcmp(keys[r], fleet_key(&f->jobs[i])) == 0) {
				krow = r;
				break;
			}
		for (k = s->off[i]; k < s->off[i + 1]; k++) {
			m = s->min[k];
			c = m * cols / (hd->nmin > 0 ? hd->nmin : 1);
			if (krow < p->nrows)
				p->cell[krow * cols + c]++;
			p->cell[p->nrows * cols + c]++;
		}
	}
	p->max = p->fmax = 0;
	for (r = 0; r <= p->nrows; r++)
		for (c = 0; c < cols; c++) {
			unsigned int v = p->cell[r * cols + c];

			if (r < p->nrows && v > p->max)
				p->max = v;
			if (r == p->nrows && v > p->fmax)
				p->fmax = v;
		}
}

/* Eight levels, relative to the row kind's maximum. */
static const char *
level(unsigned int v, unsigned int max)
{
	static const char *const bars[] = { "\u2581", "\u2582", "\u2583",
	    "\u2584", "\u2585", "\u2586", "\u2587", "\u2588" };

	if (v == 0)
		return " ";
	if (v >= max)
		return bars[7];
	return bars[((unsigned long long)v * 8 + max - 1) / max - 1];
}

/* The picture, lw columns of labels (cli_fit_picture()), fit to limit. */
static void
tl_text(const struct tl *p, size_t lw, size_t limit)
{
	struct cli_wrap w = { stdout, limit, lw + 1, lw + 1 };
	char a[64], b[64], item[160];
	char *t;
	size_t r, c;

	fires_fmt(p->tz, p->from, false, a, sizeof(a), NULL);
	fires_fmt(p->tz, p->to, false, b, sizeof(b), NULL);
	printf("%*s ", (int)lw, "");
	snprintf(item, sizeof(item), "%s .. %s (%s);", a, b,
	    ck_tz_name(p->tz));
	cli_wrap_put(&w, "", item);
	snprintf(item, sizeof(item), "a full block: %u starts in a job row,",
	    p->max);
	cli_wrap_put(&w, " ", item);
	snprintf(item, sizeof(item), "%u in the last row", p->fmax);
	cli_wrap_put(&w, " ", item);
	putchar('\n');
	for (r = 0; r <= p->nrows; r++) {
		t = cli_text(stdout, p->label[r], strlen(p->label[r]));
		cli_put_cut(stdout, t, lw, lw, 0);
		free(t);
		putchar(' ');
		for (c = 0; c < p->cols; c++)
			fputs(level(p->cell[r * p->cols + c], r < p->nrows ?
			    p->max : p->fmax), stdout);
		printf("\n");
	}
}

/*
 * --json: {"window":{"from","to","zone"},"cells":N,"jobs":[{"label",
 * "starts":[N per cell]}],"all":[N per cell]}.
 */
static void
tl_json(const struct cli_ctx *ctx, const struct tl *p)
{
	struct json j;
	char buf[64];
	size_t r, c;

	cli_json_init(ctx, &j, stdout);
	json_obj_begin(&j);
	json_key(&j, "window");
	json_obj_begin(&j);
	fires_fmt(p->tz, p->from, true, buf, sizeof(buf), NULL);
	json_key(&j, "from");
	json_str(&j, buf);
	fires_fmt(p->tz, p->to, true, buf, sizeof(buf), NULL);
	json_key(&j, "to");
	json_str(&j, buf);
	json_key(&j, "zone");
	json_str(&j, ck_tz_name(p->tz));
	json_obj_end(&j);
	json_key(&j, "cells");
	json_int(&j, (long long)p->cols);
	json_key(&j, "jobs");
	json_arr_begin(&j);
	for (r = 0; r <= p->nrows; r++) {
		if (r == p->nrows) {
			json_arr_end(&j);
			json_key(&j, "all");
		} else {
			json_obj_begin(&j);
			json_key(&j, "label");
			json_str(&j, p->label[r]);
			json_key(&j, "starts");
		}
		json_arr_begin(&j);
		for (c = 0; c < p->cols; c++)
			json_int(&j, p->cell[r * p->cols + c]);
		json_arr_end(&j);
		if (r < p->nrows)
			json_obj_end(&j);
	}
	json_obj_end(&j);
	json_end(&j);
}

static void
tl_svg(FILE *out, const struct tl *p)
{
	size_t r, c, rows = p->nrows + 1;
	int height = SVG_TOP + (int)rows * SVG_ROW + 10;
	double cw = (double)SVG_PLOT / (double)p->cols;
	char buf[64];

	fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" "
	    "font-size=\"12\">\n", SVG_LABEL + SVG_PLOT + 10, height,
	    SVG_LABEL + SVG_PLOT + 10, height);
	fires_fmt(p->tz, p->from, false, buf, sizeof(buf), NULL);
	fprintf(out, "<title>cronkeep fleet timeline from %s (", buf);
	cli_put_xml(out, ck_tz_name(p->tz), strlen(ck_tz_name(p->tz)));
	fprintf(out, ")</title>\n<style>.starts{fill:#1f77b4}"
	    ".fleet{fill:#d62728}.label{fill:#222}</style>\n");
	for (r = 0; r < rows; r++) {
		int y = SVG_TOP + (int)r * SVG_ROW;
		unsigned int max = r < p->nrows ? p->max : p->fmax;

		fprintf(out, "<g><text class=\"label\" x=\"4\" y=\"%d\">",
		    y + 14);
		cli_put_xml(out, p->label[r], strlen(p->label[r]));
		fprintf(out, "</text>\n");
		for (c = 0; c < p->cols; c++) {
			unsigned int v = p->cell[r * p->cols + c];

			if (v == 0)
				continue;
			fires_fmt(p->tz, p->from + (time_t)((double)c *
			    (double)(p->to - p->from) / (double)p->cols),
			    false, buf, sizeof(buf), NULL);
			fprintf(out, "<rect class=\"%s\" x=\"%.2f\" y=\"%d\" "
			    "width=\"%.2f\" height=\"%d\" opacity=\"%.2f\">"
			    "<title>%s: %u starts</title></rect>\n",
			    r < p->nrows ? "starts" : "fleet",
			    SVG_LABEL + (double)c * cw, y + 3, cw,
			    SVG_ROW - 6, 0.15 + 0.85 * (double)v /
			    (double)(max > 0 ? max : 1), buf, v);
		}
		fprintf(out, "</g>\n");
	}
	fprintf(out, "</svg>\n");
}

static int
tl_file(const struct cli_ctx *ctx, const char *path, const struct tl *p,
    const struct fl_herd *hd, bool html)
{
	FILE *out;
	size_t i;
	char a[64];

	if ((out = fopen(path, "w")) == NULL) {
		cli_warn(ctx, "%s", path);
		return EX_CANTCREAT;
	}
	if (html) {
		fprintf(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<title>cronkeep fleet "
		    "timeline</title>\n<style>body{font-family:sans-serif;"
		    "margin:2em}table{border-collapse:collapse}td,th{padding:"
		    "2px 8px;border-bottom:1px solid #ddd;text-align:left}"
		    "</style>\n</head>\n<body>\n<h1>When what runs across "
		    "the fleet</h1>\n");
		tl_svg(out, p);
		fprintf(out, "<table>\n<tr><th>job</th><th>hosts</th>"
		    "<th>starts</th><th>most at once</th><th>at</th></tr>\n");
		for (i = 0; i < hd->nkeys && i < TL_ROWS; i++) {
			if (hd->keys[i].peak == 0)
				continue;
			fmt_min(p->tz, p->from, hd->keys[i].peak_min, false,
			    a, sizeof(a));
			fprintf(out, "<tr><td>");
			cli_put_xml(out, hd->keys[i].key,
			    strlen(hd->keys[i].key));
			fprintf(out, "</td><td>%zu</td><td>%zu</td><td>%u</td>"
			    "<td>%s</td></tr>\n", hd->keys[i].nhosts,
			    hd->keys[i].total, hd->keys[i].peak, a);
		}
		fprintf(out, "</table>\n</body>\n</html>\n");
	} else
		tl_svg(out, p);
	if (fflush(out) == EOF || ferror(out)) {
		cli_warn(ctx, "%s", path);
		fclose(out);
		return EX_IOERR;
	}
	if (fclose(out) == EOF) {
		cli_warn(ctx, "%s", path);
		return EX_IOERR;
	}
	return 0;
}

int
fleet_timeline(const struct cli_ctx *ctx, struct fleet *f,
    const struct fleet_opts *o)
{
	struct fl_starts s;
	struct fl_herd hd;
	struct tl p;
	ck_tz *tz;
	time_t from, to;
	size_t cols, lw = 24;
	int rc;

	if ((rc = window(ctx, f, o, &tz, &from, &to)) != 0)
		return rc;
	fleet_starts(ctx, f, from, to, &s);
	fleet_herd(f, &s, &hd);
	memset(&p, 0, sizeof(p));
	p.tz = tz;
	cols = o->width > 0 ? o->width : o->week ? 84 : 96;
	/* Only the text picture fits the width; the files have theirs. */
	if (o->svg == NULL && o->html == NULL && !o->json)
		lw = cli_fit_picture(o->limit, o->week, o->width > 0, &cols);
	tl_build(f, &s, &hd, from, to, cols, &p);
	if (o->svg != NULL)
		rc = tl_file(ctx, o->svg, &p, &hd, false);
	if (rc == 0 && o->html != NULL)
		rc = tl_file(ctx, o->html, &p, &hd, true);
	if (rc == 0 && o->svg == NULL && o->html == NULL) {
		if (o->json)
			tl_json(ctx, &p);
		else
			tl_text(&p, lw, o->limit);
	}
	free(p.label);
	free(p.cell);
	fleet_herd_free(&hd);
	fleet_starts_free(&s);
	ck_tz_free(tz);
	return rc;
}

int
fleet_main(const struct cli_ctx *ctx, enum fleet_report r,
    const char *const *paths, size_t n, const struct cli_args *a,
    const struct fleet_opts *o)
{
	const char **all;
	struct fleet *f;
	size_t i;
	int rc;

	all = xcalloc(n + (size_t)a->argc + 1, sizeof(*all));
	for (i = 0; i < n; i++)
		all[i] = paths[i];
	for (i = 0; i < (size_t)a->argc; i++)
		all[n + i] = a->argv[i];
	rc = fleet_load(ctx, all, n + (size_t)a->argc, &f);
	free(all);
	if (rc != 0)
		return rc;
	switch (r) {
	case FLEET_LIST:
	case FLEET_FIND:
		rc = fleet_list(ctx, f, o, r == FLEET_FIND);
		break;
	case FLEET_STATS:
		rc = fleet_stats(ctx, f, o);
		break;
	case FLEET_CHECK:
		rc = fleet_check(ctx, f, o);
		break;
	case FLEET_TIMELINE:
		rc = fleet_timeline(ctx, f, o);
		break;
	}
	fleet_free(f);
	return cli_finish(rc);
}
