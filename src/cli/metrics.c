/* SPDX-License-Identifier: ISC */
/*
 * metrics.c - per job metrics from the run history in the Prometheus text
 * exposition format: last start, last success, last duration, last exit
 * status, runs and failures, next fire time; labels id and source.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "fires.h"
#include "histdb.h"
#include "metrics.h"

/* A label value: backslash, double quote and newline escaped. */
static void
put_label(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			fputs("\\\\", f);
		else if (*s == '"')
			fputs("\\\"", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			putc(*s, f);
	}
}

/* What the selected crontabs say of a job. */
struct where {
	char	*source;	/* a path, or "user:NAME"; "" when not found */
	time_t	 next;		/* 0: none */
};

static void
find(struct cli_source *src, size_t n, const char *id, ck_tz *tz,
    time_t now, struct where *w)
{
	const ck_job *job;
	ck_error err;
	size_t i;

	w->source = NULL;
	w->next = 0;
	for (i = 0; i < n; i++) {
		if (src[i].tab == NULL ||
		    (job = ck_tab_find_id(src[i].tab, id, strlen(id))) == NULL)
			continue;
		if (src[i].path != NULL)
			w->source = xstrdup(src[i].path);
		else if (asprintf(&w->source, "user:%s", src[i].user != NULL ?
		    src[i].user : "") == -1)
			w->source = NULL;
		if (tz != NULL && ck_expr_can_fire(ck_job_expr(job)) &&
		    ck_expr_next(ck_job_expr(job), tz, now,
		    ck_dialect_dst_mode(ck_tab_dialect(src[i].tab)), &w->next,
		    NULL, &err) == -1)
			w->next = 0;
		break;
	}
}

static const struct family {
	const char	*name;
	const char	*type;
	const char	*help;
} families[] = {
	{ "cronkeep_job_last_start_timestamp_seconds", "gauge",
	    "Start of the job's newest run (seconds since 1970)." },
	{ "cronkeep_job_last_success_timestamp_seconds", "gauge",
	    "End of the job's newest successful run (seconds since 1970)." },
	{ "cronkeep_job_last_duration_seconds", "gauge",
	    "Duration of the job's newest finished run." },
	{ "cronkeep_job_last_exit_status", "gauge",
	    "Exit status of the newest finished run (128+N: signal N, "
	    "124: --timeout)." },
	{ "cronkeep_job_runs_total", "counter",
	    "Finished runs of the job (each --retry try counts)." },
	{ "cronkeep_job_failures_total", "counter",
	    "Finished runs of the job that did not succeed." },
	{ "cronkeep_job_next_run_timestamp_seconds", "gauge",
	    "The job's next fire time (seconds since 1970), from its crontab." },
};

int
metrics_print(struct cli_ctx *ctx, struct histdb *db, FILE *f)
{
	struct hist_metric *m = NULL;
	struct cli_source *src = NULL;
	struct where *w;
	ck_tz *tz = NULL;
	time_t now = 0;
	size_t n = 0, nsrc = 0, i, k;
	double v;
	bool has;
	int rc;

	if (histdb_metrics(db, &m, &n) == -1)
		return EX_IOERR;
	w = xcalloc(n > 0 ? n : 1, sizeof(*w));
	/* The crontabs, only when selected: none is read by default. */
	if (ctx->user != NULL || ctx->file != NULL || ctx->system ||
	    ctx->cron_d != NULL || ctx->all) {
		if ((rc = cli_load_sources(ctx, CLI_SRC_LENIENT, &src,
		    &nsrc)) != 0) {
			free(w);
			hist_metrics_free(m, n);
			return rc;
		}
		if ((rc = cli_now(ctx, &now)) != 0) {
			free(w);
			hist_metrics_free(m, n);
			cli_sources_free(src, nsrc);
			return rc;
		}
		tz = cli_zone(ctx, NULL, NULL);
	}
	for (i = 0; i < n; i++)
		find(src, nsrc, m[i].id, tz, now, &w[i]);
	for (k = 0; k < sizeof(families) / sizeof(families[0]); k++) {
		fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", families[k].name,
		    families[k].help, families[k].name, families[k].type);
		for (i = 0; i < n; i++) {
			switch (k) {
			case 0:
				has = m[i].last_start > 0;
				v = m[i].last_start;
				break;
			case 1:
				has = m[i].last_success > 0;
				v = m[i].last_success;
				break;
			case 2:
				has = m[i].has_last;
				v = m[i].last_duration;
				break;
			case 3:
				has = m[i].has_last && m[i].last_exit >= 0;
				v = m[i].last_exit;
				break;
			case 4:
				has = true;
				v = (double)m[i].runs;
				break;
			case 5:
				has = true;
				v = (double)m[i].failures;
				break;
			default:
				has = w[i].next != 0;
				v = (double)w[i].next;
				break;
			}
			if (!has)
				continue;
			fprintf(f, "%s{id=\"", families[k].name);
			put_label(f, m[i].id);
			fputs("\",source=\"", f);
			put_label(f, w[i].source != NULL ? w[i].source : "");
			if (v == (double)(long long)v)
				fprintf(f, "\"} %lld\n", (long long)v);
			else
				fprintf(f, "\"} %.3f\n", v);
		}
	}
	for (i = 0; i < n; i++)
		free(w[i].source);
	free(w);
	hist_metrics_free(m, n);
	cli_sources_free(src, nsrc);
	ck_tz_free(tz);
	return 0;
}

int
metrics_textfile(struct cli_ctx *ctx, struct histdb *db, const char *dir)
{
	char *tmp = NULL, *path = NULL;
	FILE *f = NULL;
	int fd = -1, rc;

	if (asprintf(&tmp, "%s/.cronkeep.prom.XXXXXX", dir) == -1 ||
	    asprintf(&path, "%s/cronkeep.prom", dir) == -1) {
		free(tmp);
		return EX_OSERR;
	}
	if ((fd = mkstemp(tmp)) == -1 || (f = fdopen(fd, "w")) == NULL) {
		cli_warn(ctx, "--textfile: cannot create a file in %s", dir);
		rc = EX_CANTCREAT;
		if (fd != -1) {
			close(fd);
			unlink(tmp);
		}
		goto out;
	}
	/* Readable by node_exporter, which may run as another user. */
	(void)fchmod(fd, 0644);
	if ((rc = metrics_print(ctx, db, f)) != 0) {
		fclose(f);
		unlink(tmp);
		goto out;
	}
	if (fflush(f) != 0 || fsync(fileno(f)) == -1 || ferror(f)) {
		cli_warn(ctx, "--textfile: %s", tmp);
		fclose(f);
		unlink(tmp);
		rc = EX_IOERR;
		goto out;
	}
	if (fclose(f) != 0 || rename(tmp, path) == -1) {
		cli_warn(ctx, "--textfile: %s", path);
		unlink(tmp);
		rc = EX_IOERR;
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	free(path);
	return rc;
}
