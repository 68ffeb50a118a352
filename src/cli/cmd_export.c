/* SPDX-License-Identifier: ISC */
/*
 * cmd_export.c - "cronkeep export --to systemd|kubernetes": translate the
 * selected crontab's jobs for the schedulers that run fleets, and say job
 * by job what cannot move faithfully.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "fires.h"
#include "window.h"

static int
write_unit(const struct cli_ctx *ctx, const char *dir, const char *name,
    const char *text)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	size_t len = strlen(text);
	ssize_t w;
	int fd;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    sizeof(path) || (size_t)snprintf(tmp, sizeof(tmp), "%s/.%s.tmp",
	    dir, name) >= sizeof(tmp)) {
		cli_warnx(ctx, "%s/%s: path too long", dir, name);
		return EX_CANTCREAT;
	}
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) ==
	    -1) {
		cli_warn(ctx, "%s", tmp);
		return EX_CANTCREAT;
	}
	while (len > 0) {
		if ((w = write(fd, text, len)) == -1) {
			if (errno == EINTR)
				continue;
			cli_warn(ctx, "%s", tmp);
			close(fd);
			unlink(tmp);
			return EX_IOERR;
		}
		text += w;
		len -= (size_t)w;
	}
	if (fchmod(fd, 0644) == -1 || fsync(fd) == -1 || close(fd) == -1 ||
	    rename(tmp, path) == -1) {
		cli_warn(ctx, "%s", path);
		unlink(tmp);
		return EX_IOERR;
	}
	return 0;
}

enum { OPT_TO = 0x100, OPT_ID, OPT_IMAGE, OPT_RUN_AS,
	OPT_PREFIX, OPT_STRICT, OPT_INCLUDE_DISABLED };

static const char *const targets[] = { "systemd", "kubernetes", NULL };

static const struct cli_option options[] = {
	{ "to", 0, OPT_TO, "TARGET", "systemd or kubernetes (k8s)",
	    CLI_COMP_WORDS, targets, CLI_OPT_REQUIRED },
	{ "output", 'o', 0, "DIR", "write the files to DIR (else to standard "
	    "output)", CLI_COMP_DIR, NULL, 0 },
	{ "id", 0, OPT_ID, "ID", "only the job ID", CLI_COMP_ID, NULL, 0 },
	{ "image", 0, OPT_IMAGE, "IMAGE", "the container image (kubernetes)",
	    CLI_COMP_NONE, NULL, 0 },
	CLI_OPT_TZ("the zone the schedules are meant in"),
	{ "run-as", 0, OPT_RUN_AS, "USER", "the user of a user crontab's jobs",
	    CLI_COMP_USER, NULL, 0 },
	{ "prefix", 0, OPT_PREFIX, "P", "a prefix for the units' names",
	    CLI_COMP_NONE, NULL, 0 },
	{ "include-disabled", 0, OPT_INCLUDE_DISABLED, NULL, "export disabled "
	    "jobs too, disabled (a timer without\n[Install], a suspended "
	    "CronJob); else they are skipped", CLI_COMP_NONE, NULL, 0 },
	{ "strict", 0, OPT_STRICT, NULL, "exit 1 when a job could not be "
	    "translated faithfully", CLI_COMP_NONE, NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

/* A job entry's first keys: where the job is and its id (or null). */
static void
put_job_head(struct json *j, const char *label, size_t line, const char *id,
    size_t n)
{
	json_obj_begin(j);
	json_key(j, "source");
	json_str(j, label);
	json_key(j, "line");
	json_int(j, (long long)line);
	json_key(j, "id");
	if (id != NULL)
		json_strn(j, id, n);
	else
		json_null(j);
}

/* A disabled job is not exported: say so, in --json as a job entry. */
static void
skipped_disabled(const struct cli_ctx *ctx, struct json *j,
    const char *label, size_t line, const char *id, size_t n)
{
	static const char why[] = "disabled in the crontab: not exported "
	    "(--include-disabled exports it, disabled)";

	if (!ctx->json) {
		cli_warnx(ctx, "%s:%zu: %.*s: %s", label, line, id != NULL ?
		    (int)n : 6, id != NULL ? id : "(job)", why);
		return;
	}
	put_job_head(j, label, line, id, n);
	json_key(j, "name");
	json_null(j);
	json_key(j, "faithful");
	json_bool(j, true);
	json_key(j, "notes");
	json_arr_begin(j);
	json_str(j, why);
	json_arr_end(j);
	json_key(j, "files");
	json_arr_begin(j);
	json_arr_end(j);
	json_obj_end(j);
}

/*
 * Two jobs may not get one name (the second file would replace the first).
 * @return 0, or EX_DATAERR (printed).
 */
static int
unique_name(const struct cli_ctx *ctx, char ***names, size_t **lines, size_t *n,
    const char *name, const char *label, size_t line)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*names)[i], name) == 0) {
			cli_warnx(ctx,
			    "%s:%zu: the name %s is also the name of "
			    "the job on line %zu: give the jobs ids that "
			    "differ in their first characters (or --prefix)",
			    label, line, name, (*lines)[i]);
			return EX_DATAERR;
		}
	*names = xreallocarray(*names, *n + 1, sizeof(**names));
	*lines = xreallocarray(*lines, *n + 1, sizeof(**lines));
	(*names)[*n] = xstrdup(name);
	(*lines)[*n] = line;
	(*n)++;
	return 0;
}

/* What the command line asks for. */
struct export_req {
	struct ck_export_opts eo;
	ck_export_target target;
	const char	*dir, *id, *run_as;
	bool		 with_disabled, strict;
};

/* What the run has done so far. */
struct export_run {
	struct json	 j;
	char		**names;	/* the units' names, for clashes */
	size_t		*name_line, nnames;
	size_t		 exported;	/* jobs seen (exported or skipped) */
	bool		 unfaithful;	/* one runs otherwise under it */
};

static int
export_parse(struct cli_ctx *ctx, const struct cli_args *a,
    struct export_req *q)
{
	const struct ck_export_opts init = CK_EXPORT_OPTS_INIT;
	const char *to = NULL, *arg;
	size_t oi;
	ck_tz *tz;

	memset(q, 0, sizeof(*q));
	q->eo = init;
	for (oi = 0; oi < a->nopts; oi++) {
		arg = a->opts[oi].arg;
		switch (a->opts[oi].key) {
		case OPT_TO:
			to = arg;
			break;
		case 'o':
			q->dir = arg;
			break;
		case OPT_ID:
			q->id = arg;
			break;
		case OPT_IMAGE:
			q->eo.image = arg;
			break;
		case CLI_KEY_TZ:
			q->eo.zone = arg;
			break;
		case OPT_RUN_AS:
			q->run_as = arg;
			break;
		case OPT_PREFIX:
			q->eo.prefix = arg;
			break;
		case OPT_INCLUDE_DISABLED:
			q->with_disabled = true;
			break;
		case OPT_STRICT:
			q->strict = true;
			break;
		}
	}
	q->eo.now = time(NULL);
	if (a->argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'",
		    a->argv[0]);
	if (to == NULL)
		return cli_usage_error(ctx, "export needs --to "
		    "systemd|kubernetes");
	if (strcmp(to, "systemd") == 0)
		q->target = CK_EXPORT_SYSTEMD;
	else if (strcmp(to, "kubernetes") == 0 || strcmp(to, "k8s") == 0)
		q->target = CK_EXPORT_KUBERNETES;
	else {
		cli_warnx(ctx, "--to takes systemd or kubernetes, not '%s'",
		    to);
		return CLI_EXIT_USAGE;
	}
	if (q->target == CK_EXPORT_KUBERNETES && q->eo.image == NULL) {
		cli_warnx(ctx, "--to kubernetes needs --image IMAGE");
		return CLI_EXIT_USAGE;
	}
	/* The zone is checked as everywhere, not written blindly. */
	if (q->eo.zone != NULL) {
		if ((tz = cli_zone(ctx, q->eo.zone, "--tz")) == NULL)
			return EX_DATAERR;
		ck_tz_free(tz);
	}
	return 0;
}

/* One exported job: its JSON object, or its notes and files as text. */
static void
export_put(const struct cli_ctx *ctx, const struct export_req *q,
    struct export_run *st, const char *label, size_t line, const char *t,
    size_t n, const ck_export *x)
{
	struct json *j = &st->j;
	const char *body;
	size_t k;

	if (ctx->json) {
		put_job_head(j, label, line, t, n);
		json_key(j, "name");
		json_str(j, ck_export_name(x));
		json_key(j, "faithful");
		json_bool(j, ck_export_faithful(x));
		json_key(j, "notes");
		json_arr_begin(j);
		for (k = 0; k < ck_export_note_count(x); k++)
			json_str(j, ck_export_note(x, k));
		json_arr_end(j);
		json_key(j, "files");
		json_arr_begin(j);
		for (k = 0; k < ck_export_file_count(x); k++) {
			json_obj_begin(j);
			json_key(j, "name");
			json_str(j, ck_export_file_name(x, k));
			json_key(j, "text");
			json_str(j, ck_export_file_text(x, k));
			json_obj_end(j);
		}
		json_arr_end(j);
		json_obj_end(j);
		return;
	}
	for (k = 0; k < ck_export_note_count(x); k++)
		cli_warnx(ctx, "%s:%zu: %s: %s", label, line, ck_export_name(x),
		    ck_export_note(x, k));
	for (k = 0; k < ck_export_file_count(x); k++) {
		if (q->dir != NULL) {
			printf("%s/%s\n", q->dir, ck_export_file_name(x, k));
			continue;
		}
		if (q->target == CK_EXPORT_SYSTEMD)
			printf("### %s\n", ck_export_file_name(x, k));
		body = ck_export_file_text(x, k);
		cli_put_lines(stdout, body, strlen(body));
	}
}

/* Job i of crontab (or anacrontab) s: export it, write its units. */
static int
export_one(const struct cli_ctx *ctx, struct export_req *q,
    struct export_run *st, const struct cli_source *s, size_t i)
{
	const ck_job *job = NULL;
	const ck_anajob *aj = NULL;
	const char *t;
	size_t n, line, k;
	ck_export *x;
	ck_error err;
	bool enabled;
	int rc = 0;

	/* An anacrontab's jobs, or a crontab's. */
	if (s->ana != NULL) {
		aj = ck_anacrontab_job(s->ana, i);
		t = aj->id;
		n = aj->id_len;
		line = aj->lineno;
		enabled = aj->enabled;
	} else {
		job = ck_tab_job(s->tab, i);
		t = ck_job_id(job, &n);
		line = ck_job_line(job) + 1;
		enabled = ck_job_enabled(job);
	}
	if (q->id != NULL && (t == NULL || n != strlen(q->id) ||
	    memcmp(t, q->id, n) != 0))
		return 0;
	st->exported++;
	if (!enabled && !q->with_disabled) {
		/* Export never widens what runs. */
		skipped_disabled(ctx, &st->j, s->label, line, t, n);
		return 0;
	}
	x = s->ana != NULL ? ck_export_anajob(s->ana, aj, q->target, &q->eo,
	    &err) : ck_export_job(s->tab, job, q->target, &q->eo, &err);
	if (x == NULL)
		return cli_error(ctx, s->label, &err);
	if (!ck_export_faithful(x))
		st->unfaithful = true;
	if (ck_export_file_count(x) > 0 && (rc = unique_name(ctx, &st->names,
	    &st->name_line, &st->nnames, ck_export_name(x), s->label,
	    line)) != 0) {
		ck_export_free(x);
		return rc;
	}
	for (k = 0; k < ck_export_file_count(x) && q->dir != NULL && rc == 0;
	    k++)
		rc = write_unit(ctx, q->dir, ck_export_file_name(x, k),
		    ck_export_file_text(x, k));
	export_put(ctx, q, st, s->label, line, t, n, x);
	ck_export_free(x);
	return rc;
}

static int
export(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct export_req q;
	struct export_run st;
	struct cli_source *src = NULL;
	size_t nsrc = 0, s, i, njobs;
	int rc;

	if ((rc = export_parse(ctx, a, &q)) != 0)
		return rc;
	if (q.dir != NULL && mkdir(q.dir, 0755) == -1 && errno != EEXIST) {
		cli_warn(ctx, "%s", q.dir);
		return EX_CANTCREAT;
	}
	if ((rc = cli_load_sources(ctx, CLI_SRC_LENIENT, &src, &nsrc)) != 0)
		return rc;
	if (q.id != NULL && !cli_sources_have_id(src, nsrc, q.id)) {
		rc = cli_no_such_id(ctx, src, nsrc, q.id);
		cli_sources_free(src, nsrc);
		return rc;
	}
	memset(&st, 0, sizeof(st));
	if (ctx->json) {
		cli_json_init(ctx, &st.j, stdout);
		json_obj_begin(&st.j);
		json_key(&st.j, "target");
		json_str(&st.j, q.target == CK_EXPORT_SYSTEMD ? "systemd" :
		    "kubernetes");
		json_key(&st.j, "jobs");
		json_arr_begin(&st.j);
	}
	for (s = 0; s < nsrc && rc == 0; s++) {
		q.eo.user = q.run_as != NULL ? q.run_as : src[s].user;
		njobs = src[s].ana != NULL ?
		    ck_anacrontab_job_count(src[s].ana) :
		    ck_tab_job_count(src[s].tab);
		for (i = 0; i < njobs && rc == 0; i++)
			rc = export_one(ctx, &q, &st, &src[s], i);
	}
	if (ctx->json) {
		json_arr_end(&st.j);
		json_obj_end(&st.j);
		json_end(&st.j);
	}
	if (rc == 0 && q.id != NULL && st.exported == 0)
		rc = cli_no_such_id(ctx, src, nsrc, q.id);
	if (rc == 0 && q.strict && st.unfaithful)
		rc = CLI_EXIT_FAIL;
	for (i = 0; i < st.nnames; i++)
		free(st.names[i]);
	free(st.names);
	free(st.name_line);
	cli_sources_free(src, nsrc);
	return cli_finish(rc);
}

const struct cli_command cmd_export = {
	.name = "export",
	.summary = "translate jobs to systemd timers or Kubernetes CronJobs",
	.description =
"Translate each job (or the job ID) of the selected crontab:\n"
"  systemd      a .timer and a .service unit per job, named from its id\n"
"               (else a stable hash of the line); OnCalendar= fires at\n"
"               exactly cron's minutes (two lines for the day-of-month OR\n"
"               weekday rule), AccuracySec=1s, Persistent=false; the\n"
"               service runs $SHELL -c CMD as the job's user with the\n"
"               crontab's environment and '%' text as standard input\n"
"  kubernetes   one batch/v1 CronJob per job (multi-document YAML);\n"
"               --image is required\n"
"Files go to DIR with -o, else to standard output.  What cannot move\n"
"faithfully (@reboot, MAILTO, '%' input on Kubernetes, a user crontab's\n"
"job without --run-as, ...) is reported on standard error, or in --json;\n"
"--strict exits 1 when any job could not be translated faithfully.\n"
"Disabled jobs are skipped with a note (--include-disabled exports them,\n"
"disabled); a line that is not UTF-8 is not exported; a name cut to fit\n"
"ends in a hash of the id, and two jobs never share a name (exit 65).\n"
"An anacrontab's jobs (-f .../anacrontab, -a) become persistent timers:\n"
"daily, Mondays, monthly or yearly at START_HOURS_RANGE's first hour plus\n"
"the delay, Persistent=true, RandomizedDelaySec= from RANDOM_DELAY; the\n"
"service runs as root.  Other periods are not faithful (a note says why).\n",
	.epilog =
"With --json: {\"target\",\"jobs\":[{\"source\",\"line\",\"id\",\"name\",\n"
"\"faithful\",\"notes\",\"files\":[{\"name\",\"text\"}]}]}.\n",
	.options = options,
	.exec = export,
};
