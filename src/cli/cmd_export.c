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

static int
write_unit(const char *dir, const char *name, const char *text)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	size_t len = strlen(text);
	ssize_t w;
	int fd;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    sizeof(path) || (size_t)snprintf(tmp, sizeof(tmp), "%s/.%s.tmp",
	    dir, name) >= sizeof(tmp)) {
		cli_warnx("%s/%s: path too long", dir, name);
		return EX_CANTCREAT;
	}
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) ==
	    -1) {
		cli_warn("%s", tmp);
		return EX_CANTCREAT;
	}
	while (len > 0) {
		if ((w = write(fd, text, len)) == -1) {
			if (errno == EINTR)
				continue;
			cli_warn("%s", tmp);
			close(fd);
			unlink(tmp);
			return EX_IOERR;
		}
		text += w;
		len -= (size_t)w;
	}
	if (fchmod(fd, 0644) == -1 || fsync(fd) == -1 || close(fd) == -1 ||
	    rename(tmp, path) == -1) {
		cli_warn("%s", path);
		unlink(tmp);
		return EX_IOERR;
	}
	return 0;
}

enum { OPT_TO = 0x100, OPT_ID, OPT_IMAGE, OPT_TZ, OPT_RUN_AS,
	OPT_PREFIX, OPT_STRICT };

static const char *const targets[] = { "systemd", "kubernetes", NULL };

static const struct cli_option options[] = {
	{ "to", 0, OPT_TO, "TARGET", "systemd or kubernetes (k8s)",
	    CLI_COMP_WORDS, targets, CLI_OPT_REQUIRED },
	{ "output", 'o', 0, "DIR", "write the files to DIR (else to standard "
	    "output)", CLI_COMP_DIR, NULL, 0 },
	{ "id", 0, OPT_ID, "ID", "only the job ID", CLI_COMP_ID, NULL, 0 },
	{ "image", 0, OPT_IMAGE, "IMAGE", "the container image (kubernetes)",
	    CLI_COMP_NONE, NULL, 0 },
	{ "tz", 0, OPT_TZ, "ZONE", "the zone the schedules are meant in",
	    CLI_COMP_NONE, NULL, 0 },
	{ "run-as", 0, OPT_RUN_AS, "USER", "the user of a user crontab's jobs",
	    CLI_COMP_USER, NULL, 0 },
	{ "prefix", 0, OPT_PREFIX, "P", "a prefix for the units' names",
	    CLI_COMP_NONE, NULL, 0 },
	{ "strict", 0, OPT_STRICT, NULL, "exit 1 when a job could not be "
	    "translated faithfully", CLI_COMP_NONE, NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

static int
export(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *arg;
	size_t oi;
	struct ck_export_opts eo = CK_EXPORT_OPTS_INIT;
	const char *to = NULL, *dir = NULL, *id = NULL, *run_as = NULL;
	struct cli_source *src = NULL;
	ck_export_target target;
	struct json j;
	ck_error err;
	ck_export *x;
	const ck_job *job = NULL;
	const ck_anajob *aj = NULL;
	size_t nsrc = 0, s, i, k, n, exported = 0, njobs, line;
	bool unfaithful = false;
	const char *t, *body;
	int c, rc;

	for (oi = 0; oi < a->nopts; oi++) {
		c = a->opts[oi].key;
		arg = a->opts[oi].arg;
		switch (c) {
		case OPT_TO:
			to = arg;
			break;
		case 'o':
			dir = arg;
			break;
		case OPT_ID:
			id = arg;
			break;
		case OPT_IMAGE:
			eo.image = arg;
			break;
		case OPT_TZ:
			eo.zone = arg;
			break;
		case OPT_RUN_AS:
			run_as = arg;
			break;
		case OPT_PREFIX:
			eo.prefix = arg;
			break;
		case OPT_STRICT:
			unfaithful = false;
			eo.now = 1;	/* marks --strict; reset below */
			break;
		}
	}
	{
		bool strict = eo.now == 1;

		eo.now = time(NULL);
		if (a->argc != 0)
			return cli_usage_error(ctx->cmd, "unexpected argument "
			    "'%s'", a->argv[0]);
		if (to == NULL)
			return cli_usage_error(ctx->cmd, "export needs --to "
			    "systemd|kubernetes");
		if (strcmp(to, "systemd") == 0)
			target = CK_EXPORT_SYSTEMD;
		else if (strcmp(to, "kubernetes") == 0 ||
		    strcmp(to, "k8s") == 0)
			target = CK_EXPORT_KUBERNETES;
		else {
			cli_warnx("--to takes systemd or kubernetes, not '%s'",
			    to);
			return CLI_EXIT_USAGE;
		}
		if (target == CK_EXPORT_KUBERNETES && eo.image == NULL) {
			cli_warnx("--to kubernetes needs --image IMAGE");
			return CLI_EXIT_USAGE;
		}
		if (dir != NULL && mkdir(dir, 0755) == -1 && errno != EEXIST) {
			cli_warn("%s", dir);
			return EX_CANTCREAT;
		}
		if ((rc = cli_load_sources(ctx, CLI_SRC_LENIENT, &src,
		    &nsrc)) != 0)
			return rc;
		if (ctx->json) {
			json_init(&j, stdout);
			json_obj_begin(&j);
			json_key(&j, "target");
			json_str(&j, target == CK_EXPORT_SYSTEMD ? "systemd" :
			    "kubernetes");
			json_key(&j, "jobs");
			json_arr_begin(&j);
		}
		for (s = 0; s < nsrc && rc == 0; s++) {
			eo.user = src[s].user != NULL ? src[s].user : run_as;
			if (run_as != NULL)
				eo.user = run_as;
			njobs = src[s].ana != NULL ?
			    ck_anacrontab_job_count(src[s].ana) :
			    ck_tab_job_count(src[s].tab);
			for (i = 0; i < njobs; i++) {
				/* An anacrontab's jobs, or a crontab's. */
				if (src[s].ana != NULL) {
					aj = ck_anacrontab_job(src[s].ana, i);
					t = aj->id;
					n = aj->id_len;
					line = aj->lineno;
				} else {
					job = ck_tab_job(src[s].tab, i);
					t = ck_job_id(job, &n);
					line = ck_job_line(job) + 1;
				}
				if (id != NULL && (t == NULL ||
				    n != strlen(id) || memcmp(t, id, n) != 0))
					continue;
				x = src[s].ana != NULL ?
				    ck_export_anajob(src[s].ana, aj, target,
				    &eo, &err) : ck_export_job(src[s].tab, job,
				    target, &eo, &err);
				if (x == NULL) {
					rc = cli_error(src[s].label, &err);
					break;
				}
				exported++;
				if (!ck_export_faithful(x))
					unfaithful = true;
				for (k = 0; k < ck_export_file_count(x) &&
				    dir != NULL && rc == 0; k++)
					rc = write_unit(dir,
					    ck_export_file_name(x, k),
					    ck_export_file_text(x, k));
				if (ctx->json) {
					json_obj_begin(&j);
					json_key(&j, "source");
					json_str(&j, src[s].label);
					json_key(&j, "line");
					json_int(&j, (long long)line);
					json_key(&j, "id");
					if (t != NULL)
						json_strn(&j, t, n);
					else
						json_null(&j);
					json_key(&j, "name");
					json_str(&j, ck_export_name(x));
					json_key(&j, "faithful");
					json_bool(&j, ck_export_faithful(x));
					json_key(&j, "notes");
					json_arr_begin(&j);
					for (k = 0; k < ck_export_note_count(x);
					    k++)
						json_str(&j, ck_export_note(x,
						    k));
					json_arr_end(&j);
					json_key(&j, "files");
					json_arr_begin(&j);
					for (k = 0; k < ck_export_file_count(x);
					    k++) {
						json_obj_begin(&j);
						json_key(&j, "name");
						json_str(&j,
						    ck_export_file_name(x, k));
						json_key(&j, "text");
						json_str(&j,
						    ck_export_file_text(x, k));
						json_obj_end(&j);
					}
					json_arr_end(&j);
					json_obj_end(&j);
				} else {
					for (k = 0; k < ck_export_note_count(x);
					    k++)
						cli_warnx("%s:%zu: %s: %s%s",
						    src[s].label, line,
						    ck_export_name(x),
						    ck_export_note(x, k),
						    ck_export_faithful(x) ? "" :
						    "");
					for (k = 0; k < ck_export_file_count(x);
					    k++) {
						if (dir != NULL) {
							printf("%s/%s\n", dir,
							    ck_export_file_name(
							    x, k));
							continue;
						}
						if (target == CK_EXPORT_SYSTEMD)
							printf("### %s\n",
							    ck_export_file_name(
							    x, k));
						body = ck_export_file_text(x,
						    k);
						cli_put_lines(stdout, body,
						    strlen(body));
					}
				}
				ck_export_free(x);
				if (rc != 0)
					break;
			}
		}
		if (ctx->json) {
			json_arr_end(&j);
			json_obj_end(&j);
			json_end(&j);
		}
		if (rc == 0 && id != NULL && exported == 0) {
			cli_warnx("no job with id %s", id);
			rc = CLI_EXIT_FAIL;
		}
		if (rc == 0 && strict && unfaithful)
			rc = CLI_EXIT_FAIL;
	}
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
