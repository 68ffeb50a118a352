/* SPDX-License-Identifier: ISC */
/*
 * fleet.c - reading many hosts' inventories (fleet_load) and what the
 * fleet view computes from them: each job's starts in a window, the herd
 * (starts per minute across the fleet, per job key and per host group),
 * drift inside host groups, and duplicate commands on a host.  The
 * reports are printed by fleet_report.c.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fires.h"
#include "fleet.h"
#include "fleet_int.h"
#include "inventory.h"
#include "jsonread.h"

/* ---- loading ---- */

static const char *
keep(struct fleet *f, const char *s)
{
	char *d;

	if (s == NULL)
		return NULL;
	d = xstrdup(s);
	if ((f->nstrings & (f->nstrings - 1)) == 0)
		f->strings = xreallocarray(f->strings, f->nstrings ?
		    f->nstrings * 2 : 1, sizeof(*f->strings));
	f->strings[f->nstrings++] = d;
	return d;
}

void
fleet_free(struct fleet *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nstrings; i++)
		free(f->strings[i]);
	free(f->strings);
	free(f->hosts);
	free(f->jobs);
	free(f);
}

static int
load_doc(const struct cli_ctx *ctx, struct fleet *f, const char *path)
{
	const struct jv *jobs, *j, *lint, *d;
	struct fl_host *h;
	struct fl_job *fj;
	struct jv *doc;
	ck_error err;
	char msg[256], *text;
	const char *s;
	size_t len, i, k;

	if (cli_read_file(path, &text, &len, &err) == -1)
		return cli_error(ctx, path, &err);
	doc = jv_parse(text, len, msg, sizeof(msg));
	free(text);
	if (doc == NULL) {
		cli_warnx(ctx, "%s: not JSON: %s", path, msg);
		return EX_DATAERR;
	}
	if ((s = jv_str(doc, "format")) == NULL || strcmp(s, INV_FORMAT) != 0 ||
	    jv_num(doc, "version", 0) != INV_VERSION ||
	    jv_str(doc, "host") == NULL ||
	    (jobs = jv_get(doc, "jobs")) == NULL || jobs->type != JV_ARR) {
		cli_warnx(ctx, "%s: not a cronkeep inventory (format \"%s\" "
		    "version %d; see 'cronkeep inventory --help')", path,
		    INV_FORMAT, INV_VERSION);
		jv_free(doc);
		return EX_DATAERR;
	}
	f->hosts = xreallocarray(f->hosts, f->nhosts + 1, sizeof(*f->hosts));
	h = &f->hosts[f->nhosts];
	memset(h, 0, sizeof(*h));
	h->name = keep(f, jv_str(doc, "host"));
	s = jv_str(doc, "group");
	h->group = keep(f, s != NULL ? s : "");
	h->dialect = keep(f, jv_str(doc, "dialect"));
	h->zone = keep(f, jv_str(doc, "zone"));
	h->file = keep(f, path);
	if (fleet_parse_rfc3339(jv_str(doc, "now"), &h->now) == -1)
		h->now = 0;
	h->jobs = jobs->n;
	h->errors = (size_t)jv_num(jv_get(doc, "summary"), "errors", 0);
	h->warnings = (size_t)jv_num(jv_get(doc, "summary"), "warnings", 0);
	f->jobs = xreallocarray(f->jobs, f->njobs + jobs->n + 1,
	    sizeof(*f->jobs));
	for (i = 0; i < jobs->n; i++) {
		j = &jobs->items[i];
		fj = &f->jobs[f->njobs + i];
		memset(fj, 0, sizeof(*fj));
		fj->host = f->nhosts;
		fj->id = keep(f, jv_str(j, "id"));
		fj->owner = keep(f, jv_str(j, "owner"));
		fj->schedule = keep(f, (s = jv_str(j, "schedule")) != NULL ?
		    s : "");
		fj->command = keep(f, (s = jv_str(j, "command")) != NULL ?
		    s : "");
		fj->comment = keep(f, jv_str(j, "comment"));
		fj->source = keep(f, (s = jv_str(j, "source")) != NULL ?
		    s : "");
		fj->line = (long)jv_num(j, "line", 0);
		fj->enabled = jv_bool(j, "enabled", false);
		fj->zone = keep(f, jv_str(j, "zone"));
		if ((lint = jv_get(j, "lint")) != NULL && lint->type == JV_ARR)
			for (k = 0; k < lint->n; k++) {
				d = &lint->items[k];
				s = jv_str(d, "severity");
				if (s != NULL && strcmp(s, "error") == 0) {
					if (fj->errors++ == 0 &&
					    jv_str(d, "message") != NULL) {
						char *m;

						if (asprintf(&m, "%s %s",
						    jv_str(d, "code") ?
						    jv_str(d, "code") : "",
						    jv_str(d, "message")) != -1) {
							fj->first_error =
							    keep(f, m);
							free(m);
						}
					}
				} else if (s != NULL &&
				    strcmp(s, "warning") == 0)
					fj->warnings++;
			}
	}
	f->njobs += jobs->n;
	f->nhosts++;
	jv_free(doc);
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
load_dir(const struct cli_ctx *ctx, struct fleet *f, const char *dir)
{
	struct dirent *e;
	char **names = NULL, *p;
	size_t n = 0, i, len;
	DIR *d;
	int rc = 0;

	if ((d = opendir(dir)) == NULL) {
		cli_warn(ctx, "%s", dir);
		return EX_NOINPUT;
	}
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 6 ||
		    strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		if (rc == 0) {
			if (asprintf(&p, "%s/%s", dir, names[i]) == -1) {
				cli_warnx(NULL, "out of memory");
				exit(EX_OSERR);
			}
			rc = load_doc(ctx, f, p);
			free(p);
		}
		free(names[i]);
	}
	free(names);
	if (rc == 0 && n == 0) {
		cli_warnx(ctx, "%s: no inventory (*.json) in this directory",
		    dir);
		rc = EX_NOINPUT;
	}
	return rc;
}

static int
cmp_host(const void *a, const void *b, void *ctx)
{
	const struct fleet *fl = ctx;
	const struct fl_host *x = &fl->hosts[*(const size_t *)a];
	const struct fl_host *y = &fl->hosts[*(const size_t *)b];
	int c = strcmp(x->name, y->name);

	return c != 0 ? c : strcmp(x->file, y->file);
}

static int
cmp_job(const void *a, const void *b)
{
	const struct fl_job *x = a, *y = b;
	int c;

	if (x->host != y->host)
		return x->host < y->host ? -1 : 1;
	if ((c = strcmp(x->source, y->source)) != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

int
fleet_load(const struct cli_ctx *ctx, const char *const *paths, size_t n,
    struct fleet **out)
{
	struct fleet *f = xcalloc(1, sizeof(*f));
	struct fl_host *hosts;
	struct stat st;
	size_t i, *order, *rank;
	int rc = 0;

	*out = NULL;
	for (i = 0; i < n && rc == 0; i++) {
		if (stat(paths[i], &st) == -1) {
			cli_warn(ctx, "%s", paths[i]);
			rc = EX_NOINPUT;
		} else if (S_ISDIR(st.st_mode))
			rc = load_dir(ctx, f, paths[i]);
		else
			rc = load_doc(ctx, f, paths[i]);
	}
	if (rc != 0) {
		fleet_free(f);
		return rc;
	}
	/* Hosts by name; their jobs follow them. */
	order = xcalloc(f->nhosts + 1, sizeof(*order));
	rank = xcalloc(f->nhosts + 1, sizeof(*rank));
	for (i = 0; i < f->nhosts; i++)
		order[i] = i;
	qsort_r(order, f->nhosts, sizeof(*order), cmp_host, f);
	hosts = xcalloc(f->nhosts + 1, sizeof(*hosts));
	for (i = 0; i < f->nhosts; i++) {
		hosts[i] = f->hosts[order[i]];
		rank[order[i]] = i;
	}
	free(f->hosts);
	f->hosts = hosts;
	for (i = 0; i < f->njobs; i++)
		f->jobs[i].host = rank[f->jobs[i].host];
	if (f->njobs > 0)
		qsort(f->jobs, f->njobs, sizeof(*f->jobs), cmp_job);
	free(order);
	free(rank);
	*out = f;
	return 0;
}

/* ---- starts in the window ---- */

struct zcache {
	char		**names;
	ck_tz		**tz;
	size_t		 n;
};

static const ck_tz *
zone_named(const struct cli_ctx *ctx, struct zcache *z, const char *name)
{
	ck_error err;
	size_t i;

	for (i = 0; i < z->n; i++)
		if (strcmp(z->names[i], name) == 0)
			return z->tz[i];
	z->names = xreallocarray(z->names, z->n + 1, sizeof(*z->names));
	z->tz = xreallocarray(z->tz, z->n + 1, sizeof(*z->tz));
	z->names[z->n] = xstrdup(name);
	z->tz[z->n] = ck_tz_load(name, getenv("TZDIR"), &err);
	if (z->tz[z->n] == NULL)
		cli_warnx(ctx, "time zone %s: %s (UTC is used)", name, err.msg);
	return z->tz[z->n++];
}

static void
zcache_free(struct zcache *z)
{
	size_t i;

	for (i = 0; i < z->n; i++) {
		free(z->names[i]);
		ck_tz_free(z->tz[i]);
	}
	free(z->names);
	free(z->tz);
}

int
fleet_starts(const struct cli_ctx *ctx, const struct fleet *f, time_t from,
    time_t to, struct fl_starts *s)
{
	const struct fl_job *j;
	const struct fl_host *h;
	struct zcache zc = { NULL, NULL, 0 };
	const ck_tz *tz;
	ck_dialect d;
	ck_dst_mode mode;
	ck_expr *e;
	ck_error err;
	time_t t, after;
	size_t i, cap = 0, per;

	memset(s, 0, sizeof(*s));
	s->from = from;
	s->nmin = (size_t)((to - from) / 60);
	s->off = xcalloc(f->njobs + 1, sizeof(*s->off));
	for (i = 0; i < f->njobs; i++) {
		j = &f->jobs[i];
		h = &f->hosts[j->host];
		s->off[i] = s->n;
		if (!j->enabled)
			continue;
		if (h->dialect == NULL ||
		    ck_dialect_from_name(h->dialect, &d, &err) == -1)
			d = CK_DIALECT_DEBIAN;
		if ((e = ck_expr_parse(j->schedule, strlen(j->schedule), d,
		    &err)) == NULL) {
			s->unparsed++;
			continue;
		}
		mode = ck_dialect_dst_mode(d);
		if (j->zone != NULL && h->zone != NULL &&
		    strcmp(j->zone, h->zone) != 0 && d == CK_DIALECT_CRONIE)
			mode = CK_DST_CALENDAR;	/* a CRON_TZ job */
		tz = j->zone != NULL ? zone_named(ctx, &zc, j->zone) :
		    h->zone != NULL ? zone_named(ctx, &zc, h->zone) : NULL;
		after = from - 1;
		for (per = 0; per < s->nmin; per++) {
			if (ck_expr_next(e, tz, after, mode, &t, NULL,
			    &err) == -1 || t >= to)
				break;
			if (s->n == cap) {
				cap = cap ? cap * 2 : 4096;
				s->min = xreallocarray(s->min, cap,
				    sizeof(*s->min));
			}
			s->min[s->n++] = (uint32_t)((t - from) / 60);
			after = t;
		}
		ck_expr_free(e);
	}
	s->off[f->njobs] = s->n;
	zcache_free(&zc);
	return 0;
}

void
fleet_starts_free(struct fl_starts *s)
{
	free(s->min);
	free(s->off);
}

/* ---- groups, keys, herd ---- */

const char *
fleet_key(const struct fl_job *j)
{
	return j->id != NULL ? j->id : j->command;
}

static int
cmp_key(const void *a, const void *b, void *ctx)
{
	const struct fleet *fl = ctx;
	const struct fl_job *x = &fl->jobs[*(const size_t *)a];
	const struct fl_job *y = &fl->jobs[*(const size_t *)b];
	int c;

	if ((x->id != NULL) != (y->id != NULL))
		return x->id != NULL ? -1 : 1;
	if ((c = strcmp(fleet_key(x), fleet_key(y))) != 0)
		return c;
	return x->host < y->host ? -1 : x->host > y->host;
}

size_t
fleet_groups(const struct fleet *f, const char ***names, size_t **of_host)
{
	const char **g = NULL;
	size_t n = 0, i, k, *oh;

	oh = xcalloc(f->nhosts + 1, sizeof(*oh));
	for (i = 0; i < f->nhosts; i++) {
		for (k = 0; k < n; k++)
			if (strcmp(g[k], f->hosts[i].group) == 0)
				break;
		if (k == n) {
			g = xreallocarray(g, n + 1, sizeof(*g));
			g[n++] = f->hosts[i].group;
		}
		oh[i] = k;
	}
	*names = g;
	*of_host = oh;
	return n;
}

static int
cmp_peak(const void *a, const void *b)
{
	const struct fl_key *x = a, *y = b;

	if (x->peak != y->peak)
		return x->peak > y->peak ? -1 : 1;
	if (x->peak_min != y->peak_min)
		return x->peak_min < y->peak_min ? -1 : 1;
	return strcmp(x->key, y->key);
}

void
fleet_herd(const struct fleet *f, const struct fl_starts *s,
    struct fl_herd *hd)
{
	size_t *order, i, k, m, run, ng, *gof, *last;
	unsigned int *cnt;
	uint32_t *touched;
	size_t ntouched;

	memset(hd, 0, sizeof(*hd));
	hd->nmin = s->nmin;
	hd->starts = xcalloc(s->nmin + 1, sizeof(*hd->starts));
	hd->hosts = xcalloc(s->nmin + 1, sizeof(*hd->hosts));
	last = xcalloc(s->nmin + 1, sizeof(*last));
	ng = fleet_groups(f, &hd->groups, &gof);
	hd->ngroups = ng;
	hd->gstarts = xcalloc(ng * s->nmin + 1, sizeof(*hd->gstarts));
	hd->gpeak = xcalloc(ng + 1, sizeof(*hd->gpeak));
	hd->gpeak_min = xcalloc(ng + 1, sizeof(*hd->gpeak_min));
	hd->ghosts = xcalloc(ng + 1, sizeof(*hd->ghosts));
	for (i = 0; i < f->nhosts; i++)
		hd->ghosts[gof[i]]++;
	/* Fleet-wide and per group; jobs come host by host. */
	for (i = 0; i < f->njobs; i++) {
		size_t host = f->jobs[i].host, g = gof[host];

		for (k = s->off[i]; k < s->off[i + 1]; k++) {
			m = s->min[k];
			hd->starts[m]++;
			hd->gstarts[g * s->nmin + m]++;
			if (last[m] != host + 1) {
				last[m] = host + 1;
				hd->hosts[m]++;
			}
		}
	}
	for (m = 0; m < s->nmin; m++) {
		if (hd->starts[m] > hd->peak) {
			hd->peak = hd->starts[m];
			hd->peak_min = m;
		}
		for (k = 0; k < ng; k++)
			if (hd->gstarts[k * s->nmin + m] > hd->gpeak[k]) {
				hd->gpeak[k] = hd->gstarts[k * s->nmin + m];
				hd->gpeak_min[k] = m;
			}
	}
	/* Per job key: its busiest minute, and how many hosts of each group
	 * start it then. */
	order = xcalloc(f->njobs + 1, sizeof(*order));
	for (i = 0; i < f->njobs; i++)
		order[i] = i;
	qsort_r(order, f->njobs, sizeof(*order), cmp_key, (void *)f);
	cnt = xcalloc(s->nmin + 1, sizeof(*cnt));
	touched = xcalloc(s->nmin + 1, sizeof(*touched));
	for (i = 0; i < f->njobs; i = run) {
		const struct fl_job *ji = &f->jobs[order[i]];
		struct fl_key key;
		size_t lasthost = (size_t)-1;

		memset(&key, 0, sizeof(key));
		key.key = fleet_key(ji);
		key.is_id = ji->id != NULL;
		ntouched = 0;
		for (run = i; run < f->njobs; run++) {
			const struct fl_job *jr = &f->jobs[order[run]];

			if ((jr->id != NULL) != key.is_id ||
			    strcmp(fleet_key(jr), key.key) != 0)
				break;
			key.njobs++;
			if (jr->host != lasthost) {
				key.nhosts++;
				lasthost = jr->host;
			}
			for (k = s->off[order[run]];
			    k < s->off[order[run] + 1]; k++) {
				m = s->min[k];
				if (cnt[m]++ == 0)
					touched[ntouched++] = (uint32_t)m;
				key.total++;
			}
		}
		for (k = 0; k < ntouched; k++) {
			m = touched[k];
			if (cnt[m] > key.peak || (cnt[m] == key.peak &&
			    m < key.peak_min)) {
				key.peak = cnt[m];
				key.peak_min = m;
			}
		}
		for (k = 0; k < ntouched; k++)
			cnt[touched[k]] = 0;
		if (key.peak > 0) {
			key.gpeak = xcalloc(ng + 1, sizeof(*key.gpeak));
			for (k = i; k < run; k++) {
				size_t x;

				for (x = s->off[order[k]];
				    x < s->off[order[k] + 1]; x++)
					if (s->min[x] == key.peak_min) {
						key.gpeak[gof[f->jobs[
						    order[k]].host]]++;
						break;
					}
			}
		}
		hd->keys = xreallocarray(hd->keys, hd->nkeys + 1,
		    sizeof(*hd->keys));
		hd->keys[hd->nkeys++] = key;
	}
	if (hd->nkeys > 0)
		qsort(hd->keys, hd->nkeys, sizeof(*hd->keys), cmp_peak);
	free(cnt);
	free(touched);
	free(order);
	free(gof);
	free(last);
}

void
fleet_herd_free(struct fl_herd *hd)
{
	size_t i;

	for (i = 0; i < hd->nkeys; i++)
		free(hd->keys[i].gpeak);
	free(hd->keys);
	free(hd->starts);
	free(hd->hosts);
	free(hd->groups);
	free(hd->gstarts);
	free(hd->gpeak);
	free(hd->gpeak_min);
	free(hd->ghosts);
}

/* ---- drift and duplicates ---- */

static int
cmp_drift(const void *a, const void *b, void *ctx)
{
	const struct fleet *fl = ctx;
	const struct fl_job *x = &fl->jobs[*(const size_t *)a];
	const struct fl_job *y = &fl->jobs[*(const size_t *)b];
	int c;

	if ((c = strcmp(fl->hosts[x->host].group,
	    fl->hosts[y->host].group)) != 0)
		return c;
	if ((c = strcmp(x->id, y->id)) != 0)
		return c;
	return x->host < y->host ? -1 : x->host > y->host;
}

static bool
same_variant(const struct fl_job *a, const struct fl_job *b)
{
	return a->enabled == b->enabled &&
	    strcmp(a->schedule, b->schedule) == 0 &&
	    strcmp(a->command, b->command) == 0;
}

void
fleet_drift(const struct fleet *f, struct fl_drift **out, size_t *nout)
{
	const char **gnames;
	size_t *gof, ng, *order, n = 0, i, run, v, *ingroup;
	struct fl_drift *dv = NULL, d;

	ng = fleet_groups(f, &gnames, &gof);
	ingroup = xcalloc(ng + 1, sizeof(*ingroup));
	for (i = 0; i < f->nhosts; i++)
		ingroup[gof[i]]++;
	order = xcalloc(f->njobs + 1, sizeof(*order));
	for (i = 0; i < f->njobs; i++)
		if (f->jobs[i].id != NULL &&
		    f->hosts[f->jobs[i].host].group[0] != '\0')
			order[n++] = i;
	if (n > 0)
		qsort_r(order, n, sizeof(*order), cmp_drift, (void *)f);
	*out = NULL;
	*nout = 0;
	for (i = 0; i < n; i = run) {
		const struct fl_job *ji = &f->jobs[order[i]];
		size_t g = gof[ji->host], lasthost = (size_t)-1;

		memset(&d, 0, sizeof(d));
		d.group = gnames[g];
		d.id = ji->id;
		d.group_hosts = ingroup[g];
		for (run = i; run < n; run++) {
			const struct fl_job *jr = &f->jobs[order[run]];

			if (gof[jr->host] != g || strcmp(jr->id, ji->id) != 0)
				break;
			if (jr->host != lasthost) {
				d.hosts++;
				lasthost = jr->host;
			}
			for (v = 0; v < d.nvariants; v++)
				if (same_variant(d.variants[v].job, jr))
					break;
			if (v == d.nvariants) {
				d.variants = xreallocarray(d.variants,
				    d.nvariants + 1, sizeof(*d.variants));
				d.variants[v].job = jr;
				d.variants[v].hosts = NULL;
				d.variants[v].nhosts = 0;
				d.nvariants++;
			}
			d.variants[v].hosts = xreallocarray(
			    d.variants[v].hosts, d.variants[v].nhosts + 1,
			    sizeof(size_t));
			d.variants[v].hosts[d.variants[v].nhosts++] =
			    jr->host;
		}
		if (d.hosts == d.group_hosts && d.nvariants == 1) {
			free(d.variants[0].hosts);
			free(d.variants);
			continue;
		}
		/* The hosts of the group without the id. */
		{
			size_t h, x = i;

			for (h = 0; h < f->nhosts; h++) {
				if (gof[h] != g)
					continue;
				while (x < run && f->jobs[order[x]].host < h)
					x++;
				if (x < run && f->jobs[order[x]].host == h)
					continue;
				d.missing = xreallocarray(d.missing,
				    d.nmissing + 1, sizeof(*d.missing));
				d.missing[d.nmissing++] = h;
			}
		}
		dv = xreallocarray(dv, *nout + 1, sizeof(*dv));
		dv[(*nout)++] = d;
	}
	*out = dv;
	free(order);
	free(ingroup);
	free(gof);
	free(gnames);
}

void
fleet_drift_free(struct fl_drift *d, size_t n)
{
	size_t i, v;

	for (i = 0; i < n; i++) {
		for (v = 0; v < d[i].nvariants; v++)
			free(d[i].variants[v].hosts);
		free(d[i].variants);
		free(d[i].missing);
	}
	free(d);
}

static int
cmp_dup(const void *a, const void *b, void *ctx)
{
	const struct fleet *fl = ctx;
	const struct fl_job *x = &fl->jobs[*(const size_t *)a];
	const struct fl_job *y = &fl->jobs[*(const size_t *)b];
	int c;

	if (x->host != y->host)
		return x->host < y->host ? -1 : 1;
	if ((c = strcmp(x->command, y->command)) != 0)
		return c;
	if ((c = strcmp(x->source, y->source)) != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

void
fleet_dups(const struct fleet *f, struct fl_dup **out, size_t *nout)
{
	size_t *order, n = 0, i, run;
	struct fl_dup *dv = NULL;

	order = xcalloc(f->njobs + 1, sizeof(*order));
	for (i = 0; i < f->njobs; i++)
		if (f->jobs[i].enabled)
			order[n++] = i;
	if (n > 0)
		qsort_r(order, n, sizeof(*order), cmp_dup, (void *)f);
	*nout = 0;
	for (i = 0; i < n; i = run) {
		const struct fl_job *ji = &f->jobs[order[i]];

		for (run = i + 1; run < n; run++)
			if (f->jobs[order[run]].host != ji->host ||
			    strcmp(f->jobs[order[run]].command,
			    ji->command) != 0)
				break;
		if (run - i < 2)
			continue;
		dv = xreallocarray(dv, *nout + 1, sizeof(*dv));
		dv[*nout].host = ji->host;
		dv[*nout].n = run - i;
		dv[*nout].jobs = xcalloc(run - i, sizeof(size_t));
		memcpy(dv[*nout].jobs, order + i, (run - i) * sizeof(size_t));
		(*nout)++;
	}
	*out = dv;
	free(order);
}

void
fleet_dups_free(struct fl_dup *d, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(d[i].jobs);
	free(d);
}

/* ---- the window ---- */

/* "YYYY-MM-DDTHH:MM:SS+HH:MM" as an instant. @return 0 or -1. */
int
fleet_parse_rfc3339(const char *s, time_t *out)
{
	int v[8], i, k;
	static const int at[8] = { 0, 5, 8, 11, 14, 17, 20, 23 };
	static const int w[8] = { 4, 2, 2, 2, 2, 2, 2, 2 };
	long long secs;
	struct tm wall;
	time_t t[2];

	if (s == NULL || strlen(s) != 25 || (s[19] != '+' && s[19] != '-'))
		return -1;
	for (i = 0; i < 8; i++) {
		v[i] = 0;
		for (k = 0; k < w[i]; k++) {
			char c = s[at[i] + k];

			if (c < '0' || c > '9')
				return -1;
			v[i] = v[i] * 10 + (c - '0');
		}
	}
	if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31)
		return -1;
	/* The wall time in UTC (hours, minutes, seconds carry over). */
	memset(&wall, 0, sizeof(wall));
	wall.tm_year = v[0] - 1900;
	wall.tm_mon = v[1] - 1;
	wall.tm_mday = v[2];
	wall.tm_hour = v[3];
	wall.tm_min = v[4];
	wall.tm_sec = v[5];
	if (ck_tz_resolve(ck_tz_utc(), &wall, t, NULL) != 1)
		return -1;
	secs = (long long)t[0];
	secs -= (s[19] == '-' ? -1 : 1) * (v[6] * 3600LL + v[7] * 60LL);
	*out = (time_t)secs;
	return 0;
}
