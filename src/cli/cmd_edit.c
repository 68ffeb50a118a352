/* SPDX-License-Identifier: ISC */
/*
 * cmd_edit.c - "cronkeep edit": edit a crontab with $VISUAL/$EDITOR, check
 * the result, offer to edit again while it has errors, and install only a
 * valid crontab.
 *
 * The text goes to a private temporary file (mkstemp(3): mode 0600) and
 * the editor runs as {"sh", "-c", "EDITOR \"$@\"", "EDITOR", PATH}, git's
 * pattern: the editor string is shell text and may carry arguments
 * ("emacs -nw", "code --wait"), while the path is an argument of the
 * shell script, never parsed by a shell.  The
 * question "edit again?" is asked on the terminal (/dev/tty); without one
 * the command fails and installs nothing.
 */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "../lib/ck_spawn.h"

static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t w;

	while (len > 0) {
		if ((w = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Run the editor on path and wait; @return 0 or -1 (reported). */
static int
run_editor(const struct cli_ctx *ctx, const char *path)
{
	const char *ed;
	char *argv[6], *script;
	struct sigaction ign, oint, oquit;
	struct ck_spawn sp;
	ck_error err;
	sigset_t def;
	int status = 0, e = 0;

	if ((ed = getenv("VISUAL")) == NULL || ed[0] == '\0')
		if ((ed = getenv("EDITOR")) == NULL || ed[0] == '\0')
			ed = "vi";
	/*
	 * git's way: the editor string is the user's own shell text (it may
	 * hold arguments and quotes), the path only ever "$@".
	 */
	if (asprintf(&script, "%s \"$@\"", ed) == -1) {
		cli_warnx(ctx, "out of memory");
		return -1;
	}
	argv[0] = "sh";
	argv[1] = "-c";
	argv[2] = script;
	argv[3] = (char *)ed;
	argv[4] = (char *)path;
	argv[5] = NULL;
	/* Like system(3): ^C goes to the editor, not to us. */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	sigemptyset(&def);
	sigaddset(&def, SIGINT);
	sigaddset(&def, SIGQUIT);
	memset(&sp, 0, sizeof(sp));
	sp.argv = argv;
	sp.search_path = true;
	sp.sig_default = &def;
	if (ck_spawn_run(&sp, &err) == -1)
		e = err.sys_errno != 0 ? err.sys_errno : EINVAL;
	else
		status = sp.status;
	free(script);
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	if (e != 0) {
		errno = e;
		cli_warn(ctx, "cannot run the editor '%s'", ed);
		return -1;
	}
	if (WIFSIGNALED(status)) {
		cli_warnx(ctx,
		    "the editor '%s' was killed by signal %d; nothing "
		    "installed", ed, WTERMSIG(status));
		return -1;
	}
	if (WEXITSTATUS(status) != 0) {
		cli_warnx(ctx,
		    "the editor '%s' failed (exit %d); nothing installed", ed,
		    WEXITSTATUS(status));
		return -1;
	}
	return 0;
}

/*
 * Ask on the terminal whether to edit again.
 * @return 1 yes, 0 no, -1 no terminal.
 */
static int
ask_again(void)
{
	FILE *tty;
	char line[64];
	int r = 0;

	if ((tty = fopen("/dev/tty", "r+")) == NULL)
		return -1;
	for (;;) {
		fputs("The crontab has errors.  Edit again? [y/n] ", tty);
		fflush(tty);
		if (fgets(line, sizeof(line), tty) == NULL)
			break;
		if (line[0] == 'y' || line[0] == 'Y') {
			r = 1;
			break;
		}
		if (line[0] == 'n' || line[0] == 'N')
			break;
	}
	fclose(tty);
	return r;
}

static int
edit(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct cli_source *src = NULL;
	const char *old, *tmpdir;
	char *path = NULL, *text = NULL;
	ck_error err;
	size_t nsrc = 0, oldlen, len, nerr;
	bool changed, keep = false;
	int rc, fd = -1, ans;

	if (a->argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'",
		    a->argv[0]);
	if ((rc = cli_write_load(ctx, &src, &nsrc)) != 0)
		return rc;
	if (src->path != NULL && strcmp(src->path, "-") == 0) {
		cli_warnx(ctx, "edit needs a crontab, not standard input");
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	old = cli_source_text(src, &oldlen);
	if ((tmpdir = getenv("TMPDIR")) == NULL || tmpdir[0] != '/')
		tmpdir = "/tmp";
	if (asprintf(&path, "%s/crontab.XXXXXX", tmpdir) == -1) {
		cli_warnx(ctx, "out of memory");
		rc = EX_OSERR;
		goto out;
	}
	/* mkstemp(3) creates the file 0600, for us alone. */
	if ((fd = mkstemp(path)) == -1) {
		cli_warn(ctx, "cannot create a temporary file in %s", tmpdir);
		free(path);
		path = NULL;
		rc = EX_CANTCREAT;
		goto out;
	}
	if (write_all(fd, old, oldlen) == -1 || close(fd) == -1) {
		cli_warn(ctx, "cannot write %s", path);
		fd = -1;
		rc = EX_IOERR;
		goto out;
	}
	fd = -1;
	for (;;) {
		if (run_editor(ctx, path) == -1) {
			rc = CLI_EXIT_FAIL;
			goto out;
		}
		free(text);
		text = NULL;
		memset(&err, 0, sizeof(err));
		if (cli_read_file(path, &text, &len, &err) == -1) {
			rc = cli_error(ctx, NULL, &err);
			goto out;
		}
		if (len == oldlen && memcmp(text, old, len) == 0) {
			printf("no changes\n");
			rc = cli_finish(CLI_EXIT_OK);
			goto out;
		}
		if ((nerr = cli_check_text(ctx, path, text, len,
		    src->system)) == 0) {
			/* The lines changed, linted as every write is. */
			if ((rc = cli_write_check(ctx, src, text, len)) == 0)
				break;
			if (rc != EX_DATAERR)
				goto out;
			nerr = 1;
		}
		if ((ans = ask_again()) == -1) {
			cli_warnx(ctx, "%zu error%s, and no terminal to ask "
			    "whether to edit again; nothing installed", nerr,
			    nerr == 1 ? "" : "s");
			rc = EX_DATAERR;
			goto out;
		}
		if (ans == 0) {
			cli_warnx(ctx, "nothing installed");
			rc = EX_DATAERR;
			goto out;
		}
	}
	if (ck_tab_replace(src->tab, text, len, &err) == -1) {
		rc = cli_error(ctx, path, &err);
		goto out;
	}
	if ((rc = cli_write_text(ctx, src, text, len, &changed)) != 0) {
		/* The edit is not lost: say where it is. */
		cli_warnx(ctx, "your edited crontab is kept in %s", path);
		keep = true;
		goto out;
	}
	if (!ctx->dry_run)
		printf("installed\n");
	rc = cli_finish(CLI_EXIT_OK);
out:
	if (fd != -1)
		close(fd);
	if (path != NULL && !keep)
		unlink(path);
	free(path);
	free(text);
	cli_sources_free(src, nsrc);
	return rc;
}

const struct cli_command cmd_edit = {
	.name = "edit",
	.summary = "edit with $VISUAL/$EDITOR, install only if valid",
	.description =
"Open the selected crontab (yours by default; -u USER, -f PATH, --cron-d\n"
"NAME) in $VISUAL, else $EDITOR, else vi.  The editor string may hold\n"
"arguments; the file name is passed to it as \"$@\".  After the editor\n"
"exits, the text is checked (and the lines you changed linted as 'check'\n"
"would; with --strict a warning counts as an error): while it has errors\n"
"they are shown and you are asked on the terminal whether to edit again;\n"
"only a valid crontab is installed.  Prints 'no changes' when nothing\n"
"changed, else 'installed'.\n",
	.epilog =
"Exit: 0 done, 1 the editor failed, 65 errors left (nothing installed;\n"
"also when there is no terminal to ask), 75 the crontab changed\n"
"meanwhile (your text is kept in the temporary file named in the\n"
"message).\n",
	.flags = CMD_WRITES,
	.exec = edit,
};
