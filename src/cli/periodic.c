/* SPDX-License-Identifier: ISC */
/*
 * periodic.c - the host's anacron and run-parts folders, as the host runs
 * them: which /etc/crontab line or anacron job runs each folder, when
 * anacron itself is started (Debian's anacron.timer, else the
 * /etc/cron.d/anacron line), and the timestamps anacron keeps in
 * /var/spool/anacron.  Everything is under --root and read once.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "periodic.h"

/* The host, read once per command run (cli_periodic_load). */
struct cli_periodic {
	bool		 anacron;	/* <root>/usr/sbin/anacron exists */
	ck_anacrontab	*ana;		/* <root>/etc/anacrontab, or NULL */
	ck_tab		*crontab;	/* <root>/etc/crontab, or NULL */
	ck_expr		*start;		/* when anacron is started, or NULL */
	char		*starter;	/* where start comes from */
};

/* What is known of a host that was not loaded: nothing. */
static const struct cli_periodic unloaded;

static const struct cli_periodic *
host_of(const struct cli_ctx *ctx)
{
	return ctx->periodic != NULL ? ctx->periodic : &unloaded;
}

static char *
rooted(const struct cli_ctx *ctx, const char *path)
{
	size_t rlen = strlen(ctx->root);
	char *p;

	while (rlen > 0 && ctx->root[rlen - 1] == '/')
		rlen--;
	if (asprintf(&p, "%.*s%s", (int)rlen, ctx->root, path) == -1) {
		cli_warnx(NULL, "out of memory");
		exit(EX_OSERR);
	}
	return p;
}

/* The contents of <root>path, or NULL. */
static char *
slurp(const struct cli_ctx *ctx, const char *path, size_t *len)
{
	ck_error err;
	char *p = rooted(ctx, path), *text;

	if (cli_read_file(p, &text, len, &err) == -1)
		text = NULL;
	free(p);
	if (text != NULL) {
		/* NUL-terminated: the timer's text is scanned as a string. */
		text = xreallocarray(text, *len + 1, 1);
		text[*len] = '\0';
	}
	return text;
}

/*
 * A systemd OnCalendar= value of the forms Debian's anacron.timer uses,
 * "[*-*-* ]H[..H]:MM[:SS]" and "hourly"/"daily", as a cron schedule.
 * @return the cron text (caller frees), or NULL when it is another form.
 */
static char *
calendar_to_cron(const char *v)
{
	unsigned int h1, h2, m;
	char *out = NULL;
	const char *p = v;
	int n;

	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "hourly", 6) == 0)
		return xstrdup("0 * * * *");
	if (strncmp(p, "daily", 5) == 0)
		return xstrdup("0 0 * * *");
	if (strncmp(p, "*-*-* ", 6) == 0)
		p += 6;
	if (!isdigit((unsigned char)*p))
		return NULL;
	h1 = (unsigned int)strtoul(p, (char **)&p, 10);
	h2 = h1;
	if (strncmp(p, "..", 2) == 0) {
		p += 2;
		if (!isdigit((unsigned char)*p))
			return NULL;
		h2 = (unsigned int)strtoul(p, (char **)&p, 10);
	}
	if (*p != ':' || !isdigit((unsigned char)p[1]))
		return NULL;
	m = (unsigned int)strtoul(p + 1, (char **)&p, 10);
	if (*p == ':')
		strtoul(p + 1, (char **)&p, 10);
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (*p != '\0' || h1 > 23 || h2 > 23 || m > 59 || h1 > h2)
		return NULL;
	n = h1 == h2 ? asprintf(&out, "%u %u * * *", m, h1) :
	    asprintf(&out, "%u %u-%u * * *", m, h1, h2);
	return n == -1 ? NULL : out;
}

/* The last OnCalendar= of a timer unit's text, as a schedule. */
static ck_expr *
timer_start(const char *text)
{
	const char *p = text, *nl, *last = NULL;
	char *line, *cron;
	ck_expr *e = NULL;

	for (; *p != '\0'; p = nl + 1) {
		if (strncmp(p, "OnCalendar=", 11) == 0)
			last = p + 11;
		if ((nl = strchr(p, '\n')) == NULL)
			break;
	}
	if (last == NULL)
		return NULL;
	nl = strchr(last, '\n');
	line = nl != NULL ? strndup(last, (size_t)(nl - last)) :
	    xstrdup(last);
	if (line == NULL)
		return NULL;
	if ((cron = calendar_to_cron(line)) != NULL)
		e = ck_expr_parse(cron, strlen(cron), CK_DIALECT_DEBIAN, NULL);
	free(cron);
	free(line);
	return e;
}

void
cli_periodic_load(struct cli_ctx *ctx)
{
	static const char *const timers[] = {
		"/etc/systemd/system/anacron.timer",
		"/lib/systemd/system/anacron.timer",
		"/usr/lib/systemd/system/anacron.timer",
	};
	struct cli_periodic *h;
	char *text, *p;
	size_t len, i;
	ck_tab *t;

	if (ctx->periodic != NULL)
		return;
	h = ctx->periodic = xcalloc(1, sizeof(*h));
	p = rooted(ctx, "/usr/sbin/anacron");
	h->anacron = access(p, F_OK) == 0;
	free(p);
	if ((text = slurp(ctx, "/etc/anacrontab", &len)) != NULL) {
		h->ana = ck_anacrontab_parse(text, len, NULL);
		free(text);
	}
	if ((text = slurp(ctx, "/etc/crontab", &len)) != NULL)
		h->crontab = ck_tab_parse_owned(text, len, ctx->dialect,
		    CK_PARSE_SYSTEM | CK_PARSE_LENIENT, NULL);
	for (i = 0; i < sizeof(timers) / sizeof(timers[0]); i++) {
		if ((text = slurp(ctx, timers[i], &len)) == NULL)
			continue;
		h->start = timer_start(text);
		free(text);
		if (h->start != NULL) {
			h->starter = xstrdup(timers[i]);
			return;
		}
	}
	if ((text = slurp(ctx, "/etc/cron.d/anacron", &len)) != NULL &&
	    (t = ck_tab_parse_owned(text, len, ctx->dialect, CK_PARSE_SYSTEM |
	    CK_PARSE_LENIENT, NULL)) != NULL) {
		for (i = 0; i < ck_tab_job_count(t); i++)
			if (ck_job_enabled(ck_tab_job(t, i)))
				break;
		if (i < ck_tab_job_count(t)) {
			h->start = ck_expr_dup(ck_job_expr(ck_tab_job(t, i)),
			    NULL);
			h->starter = xstrdup("/etc/cron.d/anacron");
		}
		ck_tab_free(t);
	}
}

void
cli_periodic_free(struct cli_periodic *h)
{
	if (h == NULL)
		return;
	ck_anacrontab_free(h->ana);
	ck_tab_free(h->crontab);
	ck_expr_free(h->start);
	free(h->starter);
	free(h);
}

const char *
cli_anacron_starter(const struct cli_ctx *ctx)
{
	return host_of(ctx)->starter;
}

void
cli_runparts_free(struct cli_runparts *p)
{
	if (p == NULL)
		return;
	ck_runparts_free(p->rp);
	free(p->dir);
	free(p->how);
	ck_expr_free(p->expr);
	free(p->ana_id);
	free(p);
}

/* Does cmd run run-parts on dir ("/etc/cron.daily", as a whole word)? */
static bool
runs_folder(const char *cmd, size_t len, const char *dir)
{
	const char *p, *end = cmd + len;
	size_t n = strlen(dir);
	char c;

	if (memmem(cmd, len, "run-parts", 9) == NULL)
		return false;
	for (p = cmd; (p = memmem(p, (size_t)(end - p), dir, n)) != NULL;
	    p += n) {
		c = p + n < end ? p[n] : ' ';
		if (!isalnum((unsigned char)c) && c != '.' && c != '_' &&
		    c != '-')
			return true;
	}
	return false;
}

/* Debian's guard: the crontab line runs the folder only without anacron. */
static bool
anacron_guard(const char *cmd, size_t len)
{
	return memmem(cmd, len, "test -x /usr/sbin/anacron ||", 28) != NULL ||
	    memmem(cmd, len, "[ -x /usr/sbin/anacron ] ||", 27) != NULL;
}

static void
who_runs(const struct cli_ctx *ctx, struct cli_runparts *p, const char *dir)
{
	const struct cli_periodic *host = host_of(ctx);
	const ck_anajob *aj;
	const ck_job *j;
	const char *cmd;
	size_t i, len;

	if (host->anacron && host->ana != NULL) {
		for (i = 0; i < ck_anacrontab_job_count(host->ana); i++) {
			aj = ck_anacrontab_job(host->ana, i);
			if (!aj->enabled || !runs_folder(aj->command,
			    aj->command_len, dir))
				continue;
			p->by = RP_BY_ANACRON;
			p->ana_id = strndup(aj->id, aj->id_len);
			if (asprintf(&p->how, "/etc/anacrontab:%u (%.*s)",
			    aj->lineno, (int)aj->id_len, aj->id) == -1)
				p->how = NULL;
			return;
		}
	}
	if (host->crontab == NULL)
		return;
	for (i = 0; i < ck_tab_job_count(host->crontab); i++) {
		j = ck_tab_job(host->crontab, i);
		cmd = ck_job_command(j, &len);
		if (!ck_job_enabled(j) || !runs_folder(cmd, len, dir) ||
		    (host->anacron && anacron_guard(cmd, len)))
			continue;
		p->by = RP_BY_CRON;
		p->expr = ck_expr_dup(ck_job_expr(j), NULL);
		if (asprintf(&p->how, "/etc/crontab:%zu", ck_job_line(j) + 1)
		    == -1)
			p->how = NULL;
		return;
	}
}

/* Load one folder; false when it does not exist. */
static bool
runparts_source(struct cli_ctx *ctx, struct cli_source *s,
    const char *period)
{
	struct cli_runparts *p;
	ck_error err;
	char dir[64];

	snprintf(dir, sizeof(dir), "/etc/cron.%s", period);
	p = xcalloc(1, sizeof(*p));
	p->dir = rooted(ctx, dir);
	p->period = period;
	if ((p->rp = ck_runparts_scan(p->dir, &err)) == NULL) {
		if (err.code != CK_ENOTFOUND)
			cli_warnx(ctx, "%s: %s", p->dir, err.msg);
		cli_runparts_free(p);
		return false;
	}
	who_runs(ctx, p, dir);
	memset(s, 0, sizeof(*s));
	s->label = xstrdup(p->dir);
	s->path = xstrdup(p->dir);
	s->user = xstrdup("root");
	s->rp = p;
	s->ctx = ctx;
	if ((s->tab = ck_tab_new(ctx->dialect, 0, &err)) == NULL) {
		cli_warnx(NULL, "out of memory");
		exit(EX_OSERR);
	}
	return true;
}

void
cli_periodic_sources(struct cli_ctx *ctx, unsigned int lflags,
    struct cli_source **v, size_t *n)
{
	static const char *const periods[] = {
		"hourly", "daily", "weekly", "monthly"
	};
	struct cli_source s;
	size_t i;

	(void)lflags;
	for (i = 0; i < sizeof(periods) / sizeof(periods[0]); i++) {
		if (!runparts_source(ctx, &s, periods[i]))
			continue;
		*v = xreallocarray(*v, *n + 1, sizeof(**v));
		(*v)[(*n)++] = s;
	}
}

int
cli_anajob_next(const struct cli_ctx *ctx, const ck_anacrontab *tab,
    const ck_anajob *job, const char *stamp, const ck_tz *tz, time_t now,
    time_t *out, ck_error *err)
{
	char path[512], *text = NULL;
	size_t len = 0;
	int rc;

	if (stamp != NULL)
		len = strlen(stamp);
	else if (snprintf(path, sizeof(path), "/var/spool/anacron/%.*s",
	    (int)job->id_len, job->id) < (int)sizeof(path) &&
	    (text = slurp(ctx, path, &len)) != NULL)
		stamp = text;
	rc = ck_anajob_next(tab, job, stamp, stamp != NULL ? len : 0,
	    host_of(ctx)->start, tz, now, out, err);
	free(text);
	return rc;
}

/* The anacron job that runs p's folder, or NULL. */
static const ck_anajob *
runparts_anajob(const struct cli_ctx *ctx, const struct cli_runparts *p,
    const ck_anacrontab **tab)
{
	const struct cli_periodic *host = host_of(ctx);

	*tab = host->ana;
	if (p->by != RP_BY_ANACRON || host->ana == NULL)
		return NULL;
	return ck_anacrontab_find(host->ana, p->ana_id, strlen(p->ana_id));
}

int
cli_runparts_next(const struct cli_ctx *ctx, const struct cli_runparts *p,
    const char *stamp, const ck_tz *tz, time_t now, time_t *out,
    ck_error *err)
{
	const ck_anacrontab *tab;
	const ck_anajob *j;

	if (p->by == RP_BY_CRON)
		return ck_expr_next(p->expr, tz, now, ck_dialect_dst_mode(
		    ctx->dialect), out, NULL, err);
	if ((j = runparts_anajob(ctx, p, &tab)) != NULL)
		return cli_anajob_next(ctx, tab, j, stamp, tz, now, out, err);
	if (err != NULL) {
		err->code = CK_ENEVER;
		snprintf(err->msg, sizeof(err->msg), "nothing runs %s",
		    p->dir);
	}
	return -1;
}

char *
cli_runparts_schedule(const struct cli_ctx *ctx, const struct cli_runparts *p)
{
	const ck_anacrontab *tab;
	const ck_anajob *j;
	const char *t;
	size_t len;
	char *s;

	if (p->by == RP_BY_CRON) {
		t = ck_expr_text(p->expr, &len);
		return strndup(t, len);
	}
	if ((j = runparts_anajob(ctx, p, &tab)) != NULL &&
	    asprintf(&s, "anacron %.*s", (int)j->period_len,
	    j->period_text) != -1)
		return s;
	return xstrdup("(not run)");
}

/* t's day in tz as anacron writes it in a timestamp: "YYYYMMDD". */
static void
stamp_of(const ck_tz *tz, time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (ck_tz_localtime(tz, t, &tm, NULL, NULL, NULL) == -1)
		gmtime_r(&t, &tm);
	snprintf(buf, len, "%04d%02d%02d", tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
}

static void
add_run(time_t **out, size_t *n, size_t *capn, time_t t)
{
	if (*n == *capn) {
		*capn = *capn ? *capn * 2 : 16;
		*out = xreallocarray(*out, *capn, sizeof(**out));
	}
	(*out)[(*n)++] = t;
}

int
cli_periodic_runs(const struct cli_ctx *ctx, const ck_anacrontab *tab,
    const ck_anajob *ajob, const struct cli_runparts *rp, const ck_tz *tz,
    time_t now, time_t from, time_t to, size_t cap, time_t **out, size_t *n,
    bool *capped, ck_error *err)
{
	char stamp[32];
	size_t capn = 0;
	time_t t, after;
	ck_run run;
	bool first = true, have = false;

	*out = NULL;
	*n = 0;
	*capped = false;
	if (rp != NULL && rp->by == RP_BY_CRON) {
		for (after = from - 1;; after = run.at, first = false) {
			if (ck_expr_next_run(rp->expr, tz, ck_dialect_dst_mode(
			    ctx->dialect), first ? NULL : &run, after, &run,
			    err) == -1)
				return err->code == CK_ENEVER ? 0 : -1;
			if (run.at >= to)
				return 0;
			if (*n == cap) {
				*capped = true;
				return 0;
			}
			add_run(out, n, &capn, run.at);
		}
	}
	if (rp != NULL)
		ajob = runparts_anajob(ctx, rp, &tab);
	if (ajob == NULL)
		return 0;
	/*
	 * From now on, each run moves anacron's timestamp to its day: the job
	 * is not due again before the period has passed.
	 */
	for (after = now;;) {
		if (cli_anajob_next(ctx, tab, ajob, have ? stamp : NULL, tz,
		    after, &t, err) == -1)
			return err->code == CK_ENEVER ? 0 : -1;
		if (t >= to || t < after)
			return 0;
		if (t >= from) {
			if (*n == cap) {
				*capped = true;
				return 0;
			}
			add_run(out, n, &capn, t);
		}
		stamp_of(tz, t, stamp, sizeof(stamp));
		have = true;
		after = t + 60;
	}
}
