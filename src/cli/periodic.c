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

/* The host, read on first use (the CLI runs one command per process). */
struct host {
	bool		 loaded;
	bool		 anacron;	/* <root>/usr/sbin/anacron exists */
	ck_anacrontab	*ana;		/* <root>/etc/anacrontab, or NULL */
	ck_tab		*crontab;	/* <root>/etc/crontab, or NULL */
	ck_expr		*start;		/* when anacron is started, or NULL */
	char		*starter;	/* where start comes from */
};
static struct host host;

static char *
rooted(const struct cli_ctx *ctx, const char *path)
{
	size_t rlen = strlen(ctx->root);
	char *p;

	while (rlen > 0 && ctx->root[rlen - 1] == '/')
		rlen--;
	if (asprintf(&p, "%.*s%s", (int)rlen, ctx->root, path) == -1) {
		cli_warnx("out of memory");
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

static void
load_host(const struct cli_ctx *ctx)
{
	static const char *const timers[] = {
		"/etc/systemd/system/anacron.timer",
		"/lib/systemd/system/anacron.timer",
		"/usr/lib/systemd/system/anacron.timer",
	};
	char *text, *p;
	size_t len, i;
	ck_tab *t;

	if (host.loaded)
		return;
	host.loaded = true;
	p = rooted(ctx, "/usr/sbin/anacron");
	host.anacron = access(p, F_OK) == 0;
	free(p);
	if ((text = slurp(ctx, "/etc/anacrontab", &len)) != NULL) {
		host.ana = ck_anacrontab_parse(text, len, NULL);
		free(text);
	}
	if ((text = slurp(ctx, "/etc/crontab", &len)) != NULL)
		host.crontab = ck_tab_parse_owned(text, len, ctx->dialect,
		    CK_PARSE_SYSTEM | CK_PARSE_LENIENT, NULL);
	for (i = 0; i < sizeof(timers) / sizeof(timers[0]); i++) {
		if ((text = slurp(ctx, timers[i], &len)) == NULL)
			continue;
		host.start = timer_start(text);
		free(text);
		if (host.start != NULL) {
			host.starter = xstrdup(timers[i]);
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
			host.start = ck_expr_dup(ck_job_expr(ck_tab_job(t, i)),
			    NULL);
			host.starter = xstrdup("/etc/cron.d/anacron");
		}
		ck_tab_free(t);
	}
}

const char *
cli_anacron_starter(const struct cli_ctx *ctx)
{
	load_host(ctx);
	return host.starter;
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
	const ck_anajob *aj;
	const ck_job *j;
	const char *cmd;
	size_t i, len;

	load_host(ctx);
	if (host.anacron && host.ana != NULL) {
		for (i = 0; i < ck_anacrontab_job_count(host.ana); i++) {
			aj = ck_anacrontab_job(host.ana, i);
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
	if (host.crontab == NULL)
		return;
	for (i = 0; i < ck_tab_job_count(host.crontab); i++) {
		j = ck_tab_job(host.crontab, i);
		cmd = ck_job_command(j, &len);
		if (!ck_job_enabled(j) || !runs_folder(cmd, len, dir) ||
		    (host.anacron && anacron_guard(cmd, len)))
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
			cli_warnx("%s: %s", p->dir, err.msg);
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
		cli_warnx("out of memory");
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
    const ck_anajob *job,
    const ck_tz *tz, time_t now, time_t *out, ck_error *err)
{
	char path[512], *stamp;
	size_t len;
	int rc;

	load_host(ctx);
	if (snprintf(path, sizeof(path), "/var/spool/anacron/%.*s",
	    (int)job->id_len, job->id) >= (int)sizeof(path))
		return -1;
	stamp = slurp(ctx, path, &len);
	rc = ck_anajob_next(tab, job, stamp, stamp != NULL ? len : 0,
	    host.start, tz, now, out, err);
	free(stamp);
	return rc;
}

int
cli_runparts_next(const struct cli_ctx *ctx, const struct cli_runparts *p,
    const ck_tz *tz,
    time_t now, time_t *out, ck_error *err)
{
	const ck_anajob *j;

	load_host(ctx);
	if (p->by == RP_BY_CRON)
		return ck_expr_next(p->expr, tz, now, ck_dialect_dst_mode(
		    ctx->dialect), out, NULL, err);
	if (p->by == RP_BY_ANACRON && host.ana != NULL && (j =
	    ck_anacrontab_find(host.ana, p->ana_id, strlen(p->ana_id))) !=
	    NULL)
		return cli_anajob_next(ctx, host.ana, j, tz, now, out, err);
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
	const ck_anajob *j;
	const char *t;
	size_t len;
	char *s;

	load_host(ctx);
	if (p->by == RP_BY_CRON) {
		t = ck_expr_text(p->expr, &len);
		return strndup(t, len);
	}
	if (p->by == RP_BY_ANACRON && host.ana != NULL && (j =
	    ck_anacrontab_find(host.ana, p->ana_id, strlen(p->ana_id))) !=
	    NULL && asprintf(&s, "anacron %.*s", (int)j->period_len,
	    j->period_text) != -1)
		return s;
	return xstrdup("(not run)");
}
