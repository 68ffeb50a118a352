/* SPDX-License-Identifier: ISC */
/*
 * logread.c - find and read cron's own log (syslog files, rotated and
 * gzipped ones, the journal) and match its runs to jobs; shared by
 * "cronkeep log" and "cronkeep missed".
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fires.h"
#include "logread.h"
#include "../lib/ck_spawn.h"

/*
 * Run argv, collecting its standard output.  stderr goes to /dev/null
 * when quiet.  @return the exit status, or -1 (errno set) when it could
 * not start.
 */
static int
capture(char *const argv[], bool quiet, char **out, size_t *outlen)
{
	struct ck_spawn sp;
	ck_error err;

	*out = NULL;
	*outlen = 0;
	memset(&sp, 0, sizeof(sp));
	sp.argv = argv;
	sp.search_path = true;
	sp.in = CK_SPAWN_DEVNULL;
	sp.out = CK_SPAWN_PIPE;
	sp.err = quiet ? CK_SPAWN_DEVNULL : CK_SPAWN_INHERIT;
	if (ck_spawn_run(&sp, &err) == -1) {
		errno = err.sys_errno;
		return -1;
	}
	*out = sp.out_sink.text;
	*outlen = sp.out_sink.len;
	return WIFEXITED(sp.status) ? WEXITSTATUS(sp.status) : 128 +
	    WTERMSIG(sp.status);
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
add_input(const struct cli_ctx *ctx, struct log_input **v, size_t *n,
    const char *label, char *buf, size_t len, time_t ref)
{
	ck_error err;
	ck_log *log;
	ck_tz *tz;

	/* Classic stamps are the host's wall clock (TZ, else its zone). */
	if ((tz = cli_zone(ctx, NULL, NULL)) == NULL) {
		free(buf);
		return;
	}
	log = ck_log_parse_tz(buf, len, ref, tz, &err);
	ck_tz_free(tz);
	free(buf);
	if (log == NULL) {
		cli_error(ctx, label, &err);
		return;
	}
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[*n].label = xstrdup(label);
	(*v)[*n].log = log;
	(*n)++;
}

int
logread_path(const struct cli_ctx *ctx, const char *path, struct log_input **v,
    size_t *n)
{
	char *argv[8], *buf;
	struct stat st;
	size_t len;
	ck_error err;
	int kind, rc;

	if (stat(path, &st) == -1 || (kind = sniff(path)) == -1) {
		cli_warn(ctx, "%s", path);
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
				cli_warn(ctx, "cannot run gzip for %s", path);
			else
				cli_warnx(ctx, "gzip -dc %s failed", path);
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
				cli_warn(ctx, "cannot run journalctl for %s",
				    path);
			else
				cli_warnx(ctx, "journalctl --file %s failed",
				    path);
			free(buf);
			return -1;
		}
	} else if (cli_read_stream(path, &buf, &len, &err) == -1) {
		cli_error(ctx, NULL, &err);
		return -1;
	}
	add_input(ctx, v, n, path, buf, len, st.st_mtime);
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

void
logread_default(const struct cli_ctx *ctx, struct log_input **v, size_t *n,
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
		cli_warnx(ctx, "--root: path too long");
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
	if (nn > 0)	/* qsort(3) wants a non-null array even for 0 */
		qsort(names, nn, sizeof(*names), cmp_str);
	for (i = 0; i < nn; i++) {
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
		    names[i]) < sizeof(path) && stat(path, &st) == 0 &&
		    S_ISREG(st.st_mode))
			(void)logread_path(ctx, path, v, n);
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
		add_input(ctx, v, n, "journal", buf, len, time(NULL));
	else
		free(buf);
}

int
logread_time(const struct cli_ctx *ctx, const char *s, time_t *t)
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
		if (cli_now(ctx, t) != 0)
			return -1;
		*t -= (time_t)(v * mul);
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
	return cli_parse_local_time(ctx, s, t);
}

bool
logread_matches(const struct cli_ctx *ctx, const ck_log_entry *e,
    const char *cmd, size_t len, const char *user)
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

void
logread_free(struct log_input *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].label);
		ck_log_free(v[i].log);
	}
	free(v);
}

char *
logread_job_user(const struct cli_source *src, const ck_job *job)
{
	struct passwd *pw;
	const char *u;
	size_t len;

	if (src->system && (u = ck_job_user(job, &len)) != NULL)
		return strndup(u, len);
	if (src->user != NULL)
		return xstrdup(src->user);
	if (src->path == NULL && (pw = getpwuid(geteuid())) != NULL)
		return xstrdup(pw->pw_name);
	/* A plain file (-f) has no known owner: match any user. */
	return NULL;
}
