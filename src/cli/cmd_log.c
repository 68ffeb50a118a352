/* SPDX-License-Identifier: ISC */
/*
 * cmd_log.c - "cronkeep log": past runs of jobs as cron itself logged
 * them, from the syslog files (also rotated and gzipped ones) and the
 * journal.  The library parses the text; this file finds and reads it.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"

extern char **environ;

enum { OPT_ID = 0x200, OPT_SINCE, OPT_LOG_FILE, OPT_JOURNAL_FILE };

/* Everything read, kept alive for the entries that point into it. */
struct input {
	char		*label;
	ck_log		*log;
};

struct row {
	const struct input	*in;
	const ck_log_entry	*cmd;
	const ck_log_entry	*end;
	int			 exit_status;
	const ck_log		*log;
	struct ck_log_run	 run;
};

/*
 * Run argv, collecting its standard output.  stderr goes to /dev/null
 * when quiet.  @return the exit status, or -1 when it could not start.
 */
static int
capture(char *const argv[], bool quiet, char **out, size_t *outlen)
{
	posix_spawn_file_actions_t fa;
	char *buf = NULL;
	size_t n = 0, cap = 0;
	int p[2], status, rc;
	ssize_t r;
	pid_t pid;

	*out = NULL;
	*outlen = 0;
	if (pipe(p) == -1)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addclose(&fa, p[0]);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_addclose(&fa, p[1]);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (quiet)
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null",
		    O_WRONLY, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (rc != 0) {
		close(p[0]);
		errno = rc;
		return -1;
	}
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = xreallocarray(buf, cap, 1);
		}
		r = read(p[0], buf + n, cap - n);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(p[0]);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			free(buf);
			return -1;
		}
	*out = buf;
	*outlen = n;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 +
	    WTERMSIG(status);
}

/* What kind of file: 'g' gzip, 'j' binary journal, 't' text. */
static int
sniff(const char *path)
{
	unsigned char m[8];
	ssize_t r;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	r = read(fd, m, sizeof(m));
	close(fd);
	if (r >= 2 && m[0] == 0x1f && m[1] == 0x8b)
		return 'g';
	if (r == 8 && memcmp(m, "LPKSHHRH", 8) == 0)
		return 'j';
	return 't';
}

static void
add_input(struct input **v, size_t *n, const char *label, char *buf,
    size_t len, time_t ref)
{
	ck_error err;
	ck_log *log;

	log = ck_log_parse(buf, len, ref, &err);
	free(buf);
	if (log == NULL) {
		cli_error(label, &err);
		return;
	}
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[*n].label = xstrdup(label);
	(*v)[*n].log = log;
	(*n)++;
}

/* Read one log file of any kind.  @return 0, or -1 (reported). */
static int
read_path(const char *path, struct input **v, size_t *n)
{
	char *argv[8], *buf;
	struct stat st;
	size_t len;
	ck_error err;
	int kind, rc;

	if (stat(path, &st) == -1 || (kind = sniff(path)) == -1) {
		cli_warn("%s", path);
		return -1;
	}
	if (kind == 'g') {
		argv[0] = "gzip";
		argv[1] = "-dc";
		argv[2] = "--";
		argv[3] = (char *)path;
		argv[4] = NULL;
		if ((rc = capture(argv, false, &buf, &len)) != 0) {
			if (rc == -1)
				cli_warn("cannot run gzip for %s", path);
			else
				cli_warnx("gzip -dc %s failed", path);
			free(buf);
			return -1;
		}
	} else if (kind == 'j') {
		argv[0] = "journalctl";
		argv[1] = "--file";
		argv[2] = (char *)path;
		argv[3] = "-o";
		argv[4] = "short-iso";
		argv[5] = "-q";
		argv[6] = "--no-pager";
		argv[7] = NULL;
		if ((rc = capture(argv, false, &buf, &len)) != 0) {
			if (rc == -1)
				cli_warn("cannot run journalctl for %s", path);
			else
				cli_warnx("journalctl --file %s failed", path);
			free(buf);
			return -1;
		}
	} else if (cli_read_stream(path, &buf, &len, &err) == -1) {
		cli_error(NULL, &err);
		return -1;
	}
	add_input(v, n, path, buf, len, st.st_mtime);
	return 0;
}

/* NAME, NAME.N, NAME.N.gz, NAME-YYYYMMDD[.gz] */
static bool
rotation_of(const char *file, const char *base)
{
	size_t n = strlen(base), k;
	const char *p;

	if (strncmp(file, base, n) != 0)
		return false;
	p = file + n;
	if (*p == '\0')
		return true;
	if (*p != '.' && *p != '-')
		return false;
	p++;
	k = strspn(p, "0123456789");
	if (k == 0 || (file[n] == '-' && k != 8))
		return false;
	p += k;
	return *p == '\0' || strcmp(p, ".gz") == 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
read_default(const struct cli_ctx *ctx, struct input **v, size_t *n,
    const time_t *since)
{
	static const char *const bases[] = { "syslog", "cron", "cron.log" };
	char dir[PATH_MAX], path[PATH_MAX + NAME_MAX + 2], jdir[PATH_MAX + 9];
	char *buf;
	char **names = NULL;
	char *argv[14], sincebuf[32];
	struct dirent *de;
	struct stat st;
	size_t nn = 0, i, k, len;
	DIR *d;
	int rc;

	if ((size_t)snprintf(dir, sizeof(dir), "%s/var/log", ctx->root) >=
	    sizeof(dir) - NAME_MAX - 1) {
		cli_warnx("--root: path too long");
		return;
	}
	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL)
			for (k = 0; k < sizeof(bases) / sizeof(bases[0]); k++)
				if (rotation_of(de->d_name, bases[k])) {
					names = xreallocarray(names, nn + 1,
					    sizeof(*names));
					names[nn++] = xstrdup(de->d_name);
					break;
				}
		closedir(d);
	}
	qsort(names, nn, sizeof(*names), cmp_str);
	for (i = 0; i < nn; i++) {
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
		    names[i]) < sizeof(path) && stat(path, &st) == 0 &&
		    S_ISREG(st.st_mode))
			(void)read_path(path, v, n);
		free(names[i]);
	}
	free(names);

	/* The journal: the host's, or the tree's. */
	k = 0;
	argv[k++] = "journalctl";
	if (ctx->root[0] != '\0') {
		snprintf(jdir, sizeof(jdir), "%s/journal", dir);
		if (stat(jdir, &st) == -1 || !S_ISDIR(st.st_mode))
			return;
		argv[k++] = "-D";
		argv[k++] = jdir;
	}
	argv[k++] = "-q";
	argv[k++] = "--no-pager";
	argv[k++] = "-o";
	argv[k++] = "short-iso";
	argv[k++] = "-u";
	argv[k++] = "cron.service";
	argv[k++] = "-u";
	argv[k++] = "crond.service";
	if (since != NULL) {
		snprintf(sincebuf, sizeof(sincebuf), "--since=@%lld",
		    (long long)*since);
		argv[k++] = sincebuf;
	}
	argv[k] = NULL;
	rc = capture(argv, true, &buf, &len);
	if (rc == 0)
		add_input(v, n, "journal", buf, len, time(NULL));
	else
		free(buf);
}

/* --since: @return 0 and *t, or -1 or -2 (cli_parse_local_time()). */
static int
parse_since(const char *s, time_t *t)
{
	const char *errstr;
	ck_error err;
	ck_log *log;
	char line[128], num[16];
	size_t n = strspn(s, "0123456789");
	long long v, mul;

	/* N{s,m,h,d,w} ago. */
	if (n > 0 && n < sizeof(num) && s[n] != '\0' && s[n + 1] == '\0' &&
	    strchr("smhdw", s[n]) != NULL) {
		memcpy(num, s, n);
		num[n] = '\0';
		v = strtonum(num, 0, 100000000, &errstr);
		if (errstr != NULL)
			return -1;
		mul = s[n] == 's' ? 1 : s[n] == 'm' ? 60 : s[n] == 'h' ?
		    3600 : s[n] == 'd' ? 86400 : 604800;
		*t = time(NULL) - (time_t)(v * mul);
		return 0;
	}
	/* RFC 3339: let the library's parser read it as a log stamp. */
	if (snprintf(line, sizeof(line), "%s h cron[1]: (x) CMD (x)", s) <
	    (int)sizeof(line) && (log = ck_log_parse(line, strlen(line), 0,
	    &err)) != NULL) {
		if (ck_log_count(log) == 1 &&
		    !ck_log_at(log, 0)->year_inferred) {
			*t = ck_log_at(log, 0)->time;
			ck_log_free(log);
			return 0;
		}
		ck_log_free(log);
	}
	/* Local YYYY-MM-DD[ HH:MM[:SS]]: the one date parser. */
	return cli_parse_local_time(s, t);
}

static void
iso_time(char *buf, size_t size, time_t t)
{
	struct tm tm;
	char z[8];
	size_t n;

	localtime_r(&t, &tm);
	n = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(z, sizeof(z), "%z", &tm);
	/* +0100 -> +01:00 */
	if (strlen(z) == 5)
		snprintf(buf + n, size - n, "%.3s:%s", z, z + 3);
}

static int
cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->cmd->time != y->cmd->time)
		return x->cmd->time < y->cmd->time ? -1 : 1;
	if (x->cmd->usec != y->cmd->usec)
		return x->cmd->usec < y->cmd->usec ? -1 : 1;
	return 0;
}

/* The same run read twice (syslog and journal)? */
static bool
same_run(const struct row *a, const struct row *b)
{
	const ck_log_entry *x = a->cmd, *y = b->cmd;

	return x->time == y->time && x->pid == y->pid &&
	    x->user_len == y->user_len && x->text_len == y->text_len &&
	    memcmp(x->user, y->user, x->user_len) == 0 &&
	    memcmp(x->text, y->text, x->text_len) == 0;
}

static bool
matches(const struct cli_ctx *ctx, const ck_log_entry *e, const char *cmd,
    size_t len,
    const char *user)
{
	static const ck_dialect ds[] = { CK_DIALECT_DEBIAN, CK_DIALECT_CRONIE,
	    CK_DIALECT_BUSYBOX };
	size_t i;

	if (user != NULL && (e->user_len != strlen(user) ||
	    memcmp(e->user, user, e->user_len) != 0))
		return false;
	if (ck_log_entry_matches(e, cmd, len, ctx->dialect))
		return true;
	/* The log tells which cron wrote it better than a guess. */
	for (i = 0; i < sizeof(ds) / sizeof(ds[0]); i++)
		if (ck_log_entry_matches(e, cmd, len, ds[i]))
			return true;
	return false;
}

static void
print_row(const struct row *r, struct json *j)
{
	const ck_log_entry *e = r->cmd, *o;
	char t[64], *src;
	size_t k;

	iso_time(t, sizeof(t), e->time);
	if (j == NULL) {
		printf("%s  ", t);
		cli_put_text(stdout, e->user, e->user_len);
		if (r->exit_status >= 0)
			printf("  exit %d  ", r->exit_status);
		else
			printf("  %s  ", r->end != NULL ? "ended" : "started");
		cli_put_text(stdout, e->text, e->text_len);
		putchar('\n');
		return;
	}
	json_obj_begin(j);
	json_key(j, "time");
	json_str(j, t);
	json_key(j, "host");
	json_strn(j, e->host, e->host_len);
	json_key(j, "user");
	json_strn(j, e->user, e->user_len);
	json_key(j, "pid");
	if (e->pid >= 0)
		json_int(j, e->pid);
	else
		json_null(j);
	json_key(j, "job_pid");
	if (e->job_pid >= 0)
		json_int(j, e->job_pid);
	else
		json_null(j);
	json_key(j, "command");
	json_strn(j, e->text, e->text_len);
	json_key(j, "truncated");
	json_bool(j, e->truncated);
	json_key(j, "source");
	if (asprintf(&src, "%s:%u", r->in->label, e->line) == -1) {
		cli_warnx("out of memory");
		exit(EX_OSERR);
	}
	json_str(j, src);
	free(src);
	json_key(j, "ended");
	json_bool(j, r->end != NULL);
	json_key(j, "end");
	if (r->end != NULL) {
		iso_time(t, sizeof(t), r->end->time);
		json_str(j, t);
	} else
		json_null(j);
	json_key(j, "exit");
	if (r->exit_status >= 0)
		json_int(j, r->exit_status);
	else
		json_null(j);
	json_key(j, "output");
	json_arr_begin(j);
	for (k = 0; k < r->run.noutput; k++) {
		o = ck_log_at(r->log, r->run.output[k]);
		json_strn(j, o->text, o->text_len);
	}
	json_arr_end(j);
	json_obj_end(j);
}

/* The command and user of --id's job.  @return 0 or an exit code. */
static int
find_job(struct cli_ctx *ctx, const char *id, char **cmd, size_t *cmdlen,
    char **user)
{
	struct cli_source *src;
	const ck_job *job = NULL;
	const char *c, *u;
	struct passwd *pw;
	size_t n, i, found = 0, len;
	int rc;

	if ((rc = cli_load_sources(ctx, CLI_SRC_LENIENT, &src, &n)) != 0)
		return rc;
	*user = NULL;
	for (i = 0; i < n; i++) {
		const ck_job *jb = ck_tab_find_id(src[i].tab, id, strlen(id));

		if (jb == NULL)
			continue;
		if (job != NULL) {
			cli_warnx("id '%s' is in %s and in %s", id,
			    src[found].label, src[i].label);
			cli_sources_free(src, n);
			return CLI_EXIT_USAGE;
		}
		job = jb;
		found = i;
	}
	if (job == NULL) {
		rc = cli_no_such_id(src, n, id);
		cli_sources_free(src, n);
		return rc;
	}
	c = ck_job_command(job, &len);
	*cmd = xmalloc(len + 1);
	memcpy(*cmd, c, len);
	(*cmd)[len] = '\0';
	*cmdlen = len;
	if (src[found].system && (u = ck_job_user(job, &len)) != NULL)
		*user = strndup(u, len);
	else if (src[found].user != NULL)
		*user = xstrdup(src[found].user);
	else if (src[found].path == NULL && (pw = getpwuid(geteuid())) != NULL)
		*user = xstrdup(pw->pw_name);
	/* A plain file (-f) has no known owner: match any user. */
	cli_sources_free(src, n);
	return 0;
}

static const struct cli_option options[] = {
	{ "id", 0, OPT_ID, "ID", "the runs of this job only", CLI_COMP_ID,
	    NULL, 0 },
	{ "since", 0, OPT_SINCE, "TIME", "runs from TIME on: YYYY-MM-DD[ "
	    "HH:MM[:SS]] (local),\nRFC 3339, or N{s,m,h,d,w} ago",
	    CLI_COMP_NONE, NULL, 0 },
	{ "log-file", 0, OPT_LOG_FILE, "PATH", "read this syslog file (gzip "
	    "or not) instead (again\nfor more)", CLI_COMP_FILE, NULL, 0 },
	{ "journal-file", 0, OPT_JOURNAL_FILE, "PATH", "read this journalctl "
	    "-o short-iso output (or a\nbinary journal file) instead",
	    CLI_COMP_FILE, NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

static int
log_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *arg;
	size_t oi;
	struct input *in = NULL;
	struct row *rows = NULL;
	struct ck_log_run *runs;
	const char **files = NULL;
	const char *id = NULL;
	char *cmd = NULL, *user = NULL;
	struct json j;
	size_t nin = 0, nfiles = 0, nrows = 0, nruns, i, k, out, cmdlen = 0;
	time_t since = 0;
	bool has_since = false;
	ck_error err;
	int c, dk, rc = CLI_EXIT_OK;

	for (oi = 0; oi < a->nopts; oi++) {
		c = a->opts[oi].key;
		arg = a->opts[oi].arg;
		switch (c) {
		case OPT_ID:
			id = arg;
			break;
		case OPT_SINCE:
			if ((dk = parse_since(arg, &since)) != 0)
				return cli_date_refused("--since", arg, dk,
				    "YYYY-MM-DD[ HH:MM[:SS]] or a log time");
			has_since = true;
			break;
		case OPT_LOG_FILE:
		case OPT_JOURNAL_FILE:
			files = xreallocarray(files, nfiles + 1,
			    sizeof(*files));
			files[nfiles++] = arg;
			break;
		}
	}
	if (a->argc != 0) {
		free(files);
		return cli_usage_error(ctx->cmd, "unexpected argument '%s'",
		    a->argv[0]);
	}
	if (cli_resolve_dialect(ctx) == -1) {
		free(files);
		return CLI_EXIT_USAGE;
	}
	if (id != NULL && (rc = find_job(ctx, id, &cmd, &cmdlen, &user)) != 0) {
		free(files);
		return rc;
	}
	if (nfiles > 0) {
		for (i = 0; i < nfiles; i++)
			if (read_path(files[i], &in, &nin) == -1)
				rc = EX_NOINPUT;
		if (rc != CLI_EXIT_OK)
			goto done;
	} else
		read_default(ctx, &in, &nin, has_since ? &since : NULL);

	for (i = 0; i < nin; i++) {
		if (ck_log_runs(in[i].log, &runs, &nruns, &err) == -1) {
			rc = cli_error(in[i].label, &err);
			goto done;
		}
		for (k = 0; k < nruns; k++) {
			const ck_log_entry *e = ck_log_at(in[i].log,
			    runs[k].cmd);

			if (has_since && e->time < since)
				continue;
			if (cmd != NULL && !matches(ctx, e, cmd, cmdlen, user))
				continue;
			rows = xreallocarray(rows, nrows + 1, sizeof(*rows));
			rows[nrows].in = &in[i];
			rows[nrows].log = in[i].log;
			rows[nrows].cmd = e;
			rows[nrows].end = runs[k].end == CK_LOG_NONE ? NULL :
			    ck_log_at(in[i].log, runs[k].end);
			rows[nrows].exit_status = runs[k].exit_status;
			rows[nrows].run = runs[k];
			/* The row keeps the output array. */
			runs[k].output = NULL;
			nrows++;
		}
		ck_log_runs_free(runs, nruns);
	}
	if (nrows > 0)
		qsort(rows, nrows, sizeof(*rows), cmp_row);
	/* Drop a run read twice (rsyslog also copies the journal). */
	for (i = 0, out = 0; i < nrows; i++) {
		if (out > 0 && same_run(&rows[out - 1], &rows[i])) {
			free(rows[i].run.output);
			continue;
		}
		rows[out++] = rows[i];
	}
	nrows = out;

	if (ctx->json) {
		json_init(&j, stdout);
		json_obj_begin(&j);
		json_key(&j, "runs");
		json_arr_begin(&j);
		for (i = 0; i < nrows; i++)
			print_row(&rows[i], &j);
		json_arr_end(&j);
		json_key(&j, "sources");
		json_arr_begin(&j);
		for (i = 0; i < nin; i++)
			json_str(&j, in[i].label);
		json_arr_end(&j);
		json_obj_end(&j);
		json_end(&j);
	} else
		for (i = 0; i < nrows; i++)
			print_row(&rows[i], NULL);
	rc = nrows > 0 ? CLI_EXIT_OK : CLI_EXIT_FAIL;
done:
	for (i = 0; i < nrows; i++)
		free(rows[i].run.output);
	free(rows);
	for (i = 0; i < nin; i++) {
		free(in[i].label);
		ck_log_free(in[i].log);
	}
	free(in);
	free(files);
	free(cmd);
	free(user);
	return cli_finish(rc);
}

const struct cli_command cmd_log = {
	.name = "log",
	.summary = "past runs of jobs, from cron's own log",
	.description =
"Past runs as cron itself logged them: when each job started, whether\n"
"it ended, its exit status when cron logged a failure (Debian's cron -L\n"
"4), its output lines (cronie).  Without --id every run is listed; with\n"
"--id only the runs of that job of the selected crontab, matched by the\n"
"command as cron logs it (after its '%' rule) and by user.\n"
"\n"
"Read by default, under --root: /var/log/syslog, /var/log/cron,\n"
"/var/log/cron.log and their rotations (NAME.1, NAME.2.gz, NAME-DATE),\n"
"and, without --root, the journal of cron.service and crond.service\n"
"(journalctl; with --root, ROOT/var/log/journal when it exists).\n"
"Classic syslog stamps carry no year: it is taken from each file's\n"
"modification time, going back a year at each New Year in the file.\n",
	.epilog =
"Each run is printed as TIME USER STATUS COMMAND, STATUS being 'exit N',\n"
"'ended' or 'started'.  --json prints {\"runs\":[{\"time\",\"host\",\"user\",\n"
"\"pid\",\"job_pid\",\"command\",\"source\",\"ended\",\"end\",\"exit\",\n"
"\"output\"}],\"sources\":[...]} (times in ISO 8601 with the offset).\n"
"\n"
"Exit: 0 runs were found, 1 none, 2 usage, 66 no such job.\n",
	.options = options,
	.flags = CMD_NOSOURCE,
	.exec = log_exec,
};
