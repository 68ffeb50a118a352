/* SPDX-License-Identifier: ISC */
/*
 * util.c - error reporting and small helpers shared by the subcommands.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

int
cli_resolve_dialect(struct cli_ctx *ctx)
{
	ck_error err;

	if (strcmp(ctx->dialect_name, "auto") == 0) {
		ctx->dialect = ck_dialect_detect(ctx->root[0] ? ctx->root : "/");
		return 0;
	}
	if (ck_dialect_from_name(ctx->dialect_name, &ctx->dialect,
	    &err) == -1) {
		cli_warnx(ctx, "%s", err.msg);
		return -1;
	}
	return 0;
}


void
cli_warnx(const struct cli_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", getprogname());
	va_start(ap, fmt);
	cli_vput_text(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	va_start(ap, fmt);
	cli_said_message(ctx, fmt, ap, NULL);
	va_end(ap);
}

void
cli_warn(const struct cli_ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	fflush(stdout);
	fprintf(stderr, "%s: ", getprogname());
	va_start(ap, fmt);
	cli_vput_text(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(e));
	va_start(ap, fmt);
	cli_said_message(ctx, fmt, ap, strerror(e));
	va_end(ap);
}

/* The exit codes of cronkeep(1) EXIT STATUS and their names in JSON. */
static const struct {
	int		 rc;
	const char	*code;
	const char	*what;
} exits[] = {
	{ CLI_EXIT_OK, "ok", "success" },
	{ CLI_EXIT_FAIL, "no", "no" },
	{ CLI_EXIT_USAGE, "usage", "usage error" },
	{ EX_DATAERR, "data", "invalid data" },
	{ EX_NOINPUT, "no-input", "cannot read the input" },
	{ EX_NOUSER, "no-user", "no such user" },
	{ EX_UNAVAILABLE, "unavailable", "a program failed" },
	{ EX_SOFTWARE, "software", "internal error" },
	{ EX_OSERR, "os", "a system resource failed" },
	{ EX_CANTCREAT, "cannot-create", "cannot create the output" },
	{ EX_IOERR, "io", "a read or write failed" },
	{ EX_TEMPFAIL, "temporary", "changed meanwhile; try again" },
	{ EX_NOPERM, "permission", "permission denied" },
	{ EX_CONFIG, "config", "cron would ignore the crontab" },
};

const char *
cli_exit_name(int rc)
{
	size_t i;

	for (i = 0; i < sizeof(exits) / sizeof(exits[0]); i++)
		if (exits[i].rc == rc)
			return exits[i].code;
	return "software";
}

void
cli_json_error(const struct cli_ctx *ctx, struct json *j, int rc)
{
	size_t i;
	const char *msg = cli_said_first(ctx);

	if (msg[0] == '\0') {
		msg = "failed";
		for (i = 0; i < sizeof(exits) / sizeof(exits[0]); i++)
			if (exits[i].rc == rc)
				msg = exits[i].what;
	}
	json_key(j, "error");
	json_obj_begin(j);
	json_key(j, "code");
	json_str(j, cli_exit_name(rc));
	json_key(j, "message");
	json_str(j, msg);
	json_key(j, "exit");
	json_int(j, rc);
	json_obj_end(j);
}

int
cli_exit(const struct cli_ctx *ctx, int rc)
{
	struct json j;

	if (!ctx->json || rc < CLI_EXIT_USAGE ||
	    (ctx->said != NULL && ctx->said->json_out))
		return rc;
	json_init(&j, stdout);
	json_obj_begin(&j);
	cli_json_error(ctx, &j, rc);
	json_obj_end(&j);
	json_end(&j);
	return cli_finish(rc);
}

int
cli_exit_code(const ck_error *err)
{
	switch (err->code) {
	case CK_OK:
		return CLI_EXIT_OK;
	case CK_ESYNTAX:
	case CK_ERANGE:
	case CK_ENEVER:
		return EX_DATAERR;
	case CK_EINVAL:
		return CLI_EXIT_USAGE;
	case CK_ENOMEM:
		return EX_OSERR;
	case CK_EIO:
		if (err->sys_errno == ENOENT)
			return EX_NOINPUT;
		if (err->sys_errno == EACCES || err->sys_errno == EPERM)
			return EX_NOPERM;
		return EX_IOERR;
	case CK_ECHILD:
		return EX_UNAVAILABLE;
	case CK_ENOTFOUND:
		return EX_NOINPUT;
	case CK_ECONFLICT:
		return EX_TEMPFAIL;
	case CK_EPERM:
		return EX_NOPERM;
	}
	return EX_SOFTWARE;
}

int
cli_error(const struct cli_ctx *ctx, const char *what, const ck_error *err)
{
	if (err->sys_errno != 0 && err->code == CK_EIO)
		cli_warnx(ctx, "%s%s%s: %s", what ? what : "", what ? ": " : "",
		    err->msg, strerror(err->sys_errno));
	else if (err->line != 0)
		cli_warnx(ctx, "%s:%u:%u: %s", what ? what : "-", err->line,
		    err->column, err->msg);
	else
		cli_warnx(ctx, "%s%s%s", what ? what : "", what ? ": " : "",
		    err->msg);
	return cli_exit_code(err);
}

/* What a file that is no regular file is, for messages. */
const char *
cli_file_kind(unsigned int m)
{
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

static int
read_path(const char *path, bool regular, char **out, size_t *len,
    ck_error *err)
{
	struct stat st;
	char *buf = NULL;
	size_t cap = 0, n = 0;
	ssize_t r;
	int fd, e;

	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY |
	    (regular ? O_NONBLOCK : 0))) == -1) {
		e = errno;
		err->code = CK_EIO;
		err->sys_errno = e;
		err->line = err->column = err->rule = 0;
		snprintf(err->msg, sizeof(err->msg), "cannot open %s", path);
		return -1;
	} else if (regular) {
		/*
		 * Opened without blocking, so that a FIFO cannot hang us;
		 * only a regular file is a crontab.
		 */
		if (fstat(fd, &st) == -1) {
			e = errno;
			close(fd);
			err->code = CK_EIO;
			err->sys_errno = e;
			err->line = err->column = err->rule = 0;
			snprintf(err->msg, sizeof(err->msg), "cannot stat %s",
			    path);
			return -1;
		}
		if (!S_ISREG(st.st_mode)) {
			close(fd);
			err->code = CK_ENOTFOUND;
			err->sys_errno = 0;
			err->line = err->column = err->rule = 0;
			snprintf(err->msg, sizeof(err->msg), "%s is %s, not a "
			    "crontab file", path, cli_file_kind(st.st_mode));
			return -1;
		}
		(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		/* Room for the whole file (and the read that sees its end). */
		if (st.st_size > 0 && (uintmax_t)st.st_size < SIZE_MAX / 2) {
			cap = (size_t)st.st_size + 1;
			buf = xmalloc(cap);
		}
	}
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = xreallocarray(buf, cap, 1);
		}
		r = read(fd, buf + n, cap - n);
		if (r == -1) {
			if (errno == EINTR)
				continue;
			e = errno;
			free(buf);
			if (fd != STDIN_FILENO)
				close(fd);
			err->code = CK_EIO;
			err->sys_errno = e;
			err->line = err->column = err->rule = 0;
			snprintf(err->msg, sizeof(err->msg), "cannot read %s",
			    path);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	*out = buf;
	*len = n;
	return 0;
}

int
cli_read_file(const char *path, char **out, size_t *len, ck_error *err)
{
	return read_path(path, true, out, len, err);
}

int
cli_read_stream(const char *path, char **out, size_t *len, ck_error *err)
{
	return read_path(path, false, out, len, err);
}

int
cli_now(const struct cli_ctx *ctx, time_t *now)
{
	const char *env, *errstr;

	*now = time(NULL);
	if ((env = getenv("CRONKEEP_NOW")) != NULL && *env != '\0') {
		*now = (time_t)strtonum(env, 0, 1LL << 53, &errstr);
		if (errstr != NULL) {
			cli_warnx(ctx,
			    "CRONKEEP_NOW must be seconds since 1970");
			return CLI_EXIT_USAGE;
		}
	}
	return 0;
}

int
cli_finish(int rc)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		cli_warn(NULL, "error writing to standard output");
		return rc ? rc : EX_IOERR;
	}
	return rc;
}

char *
cli_abs_path(const char *path)
{
	char buf[PATH_MAX], *cwd, *s;

	if (realpath(path, buf) != NULL)
		return xstrdup(buf);
	if (path[0] == '/' || (cwd = getcwd(NULL, 0)) == NULL)
		return xstrdup(path);
	if (asprintf(&s, "%s/%s", cwd, path) == -1) {
		cli_warnx(NULL, "out of memory");
		exit(EX_OSERR);
	}
	free(cwd);
	return s;
}

int
cli_date_refused(const struct cli_ctx *ctx, const char *opt, const char *s,
    int rc, const char *form)
{
	if (rc == -2) {
		cli_warnx(ctx,
		    "%s '%s': no such date or time (the month has fewer "
		    "days, or the hour, minute or second is out of range)",
		    opt, s);
		return EX_DATAERR;
	}
	cli_warnx(ctx, "%s '%s': say %s", opt, s, form);
	return EX_DATAERR;
}

int
cli_parse_duration(const char *s, long long *secs)
{
	long long total = 0, v;
	const char *p = s;

	if (*p == '\0')
		return -1;
	while (*p != '\0') {
		if (*p < '0' || *p > '9')
			return -1;
		for (v = 0; *p >= '0' && *p <= '9'; p++) {
			v = v * 10 + (*p - '0');
			if (v > 100000000)
				return -1;
		}
		switch (*p) {
		case 'd':
			v *= 86400;
			p++;
			break;
		case 'h':
			v *= 3600;
			p++;
			break;
		case 'm':
			v *= 60;
			p++;
			break;
		case 's':
			p++;
			break;
		case '\0':
			break;
		default:
			return -1;
		}
		total += v;
	}
	*secs = total;
	return 0;
}
