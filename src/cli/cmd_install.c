/* SPDX-License-Identifier: ISC */
/*
 * cmd_install.c - "cronkeep install FILE": replace the whole crontab with
 * FILE, after checking it with the parser of the crontab's own format and
 * dialect.  A file with errors is refused and nothing changes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

enum { OPT_PERIOD = CLI_KEY_OWN };

static const char *const periods[] = {
	"hourly", "daily", "weekly", "monthly", NULL
};

static const struct cli_option options[] = {
	{ "period", 0, OPT_PERIOD, "PERIOD", "install NAME FILE as a script "
	    "in\n/etc/cron.PERIOD (hourly, daily, weekly, monthly)",
	    CLI_COMP_WORDS, periods, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

/*
 * --period PERIOD NAME FILE: a script in <root>/etc/cron.PERIOD, named so
 * that run-parts runs it, root's and 0755, written atomically.
 */
static int
install_script(struct cli_ctx *ctx, const char *period,
    const struct cli_args *a)
{
	struct json j;
	ck_error err;
	char *text = NULL, *dir = NULL, *old = NULL, *path = NULL;
	size_t len, oldlen = 0, i, rlen;
	bool changed = false;
	int rc;

	for (i = 0; periods[i] != NULL; i++)
		if (strcmp(periods[i], period) == 0)
			break;
	if (periods[i] == NULL)
		return cli_usage_error(ctx, "--period takes hourly, daily, "
		    "weekly or monthly, not '%s'", period);
	if (a->argc != 2)
		return cli_usage_error(ctx, "install --period PERIOD takes "
		    "NAME and FILE");
	rlen = strlen(ctx->root);
	while (rlen > 0 && ctx->root[rlen - 1] == '/')
		rlen--;
	if (asprintf(&dir, "%.*s/etc/cron.%s", (int)rlen, ctx->root,
	    period) == -1 || asprintf(&path, "%s/%s", dir, a->argv[0]) == -1)
		return EX_OSERR;
	memset(&err, 0, sizeof(err));
	if (cli_read_file(a->argv[1], &text, &len, &err) == -1) {
		rc = cli_error(ctx, NULL, &err);
		goto out;
	}
	if (ck_runparts_name_skip(a->argv[0]) != NULL) {
		cli_warnx(ctx, "%s: %s; nothing installed", a->argv[0],
		    ck_runparts_name_skip(a->argv[0]));
		rc = EX_DATAERR;
		goto out;
	}
	if (ctx->dry_run) {
		if (cli_read_file(path, &old, &oldlen, &err) == -1)
			old = NULL;
		cli_udiff(ctx, stdout, path, old != NULL ? old : "", oldlen,
		    path, text, len);
		rc = cli_finish(CLI_EXIT_OK);
		goto out;
	}
	if (ck_runparts_install(dir, a->argv[0], text, len, &changed,
	    &err) == -1) {
		rc = err.code == CK_EINVAL ? EX_DATAERR : cli_error(ctx, NULL,
		    &err);
		if (err.code == CK_EINVAL)
			cli_warnx(ctx, "%s", err.msg);
		goto out;
	}
	if (ctx->json) {
		cli_json_init(ctx, &j, stdout);
		json_obj_begin(&j);
		json_key(&j, "result");
		json_str(&j, changed ? "installed" : "unchanged");
		json_key(&j, "target");
		json_str(&j, path);
		json_obj_end(&j);
		json_end(&j);
	} else
		printf("%s\n", cli_result_word(ctx, changed ? "installed" :
		    "unchanged"));
	rc = cli_finish(CLI_EXIT_OK);
out:
	free(text);
	free(old);
	free(dir);
	free(path);
	return rc;
}

static int
install(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct cli_source *src = NULL;
	struct json j;
	ck_error err;
	char *text = NULL;
	const char *path;
	size_t nsrc = 0, len, nerr, i;
	const char *period = NULL;
	bool changed;
	int rc;

	for (i = 0; i < a->nopts; i++)
		if (a->opts[i].key == OPT_PERIOD)
			period = a->opts[i].arg;
	if (period != NULL)
		return install_script(ctx, period, a);
	if (a->argc == 0)
		return cli_usage_error(ctx, "install needs a FILE");
	if (a->argc > 1)
		return cli_usage_error(ctx, "unexpected argument '%s'",
		    a->argv[1]);
	path = a->argv[0];
	memset(&err, 0, sizeof(err));
	if (cli_read_file(path, &text, &len, &err) == -1)
		return cli_error(ctx, NULL, &err);
	if ((rc = cli_write_load(ctx, &src, &nsrc)) != 0)
		goto out;
	if ((nerr = cli_check_text(ctx,
	    strcmp(path, "-") == 0 ? "(stdin)" : path,
	    text, len, src->system)) > 0) {
		cli_warnx(ctx, "%s: %zu error%s; nothing installed in %s",
		    path, nerr, nerr == 1 ? "" : "s", src->label);
		rc = EX_DATAERR;
		goto out;
	}
	memset(&err, 0, sizeof(err));
	if (ck_tab_replace(src->tab, text, len, &err) == -1) {
		rc = cli_error(ctx, path, &err);
		goto out;
	}
	if ((rc = cli_write_text(ctx, src, text, len, &changed)) != 0)
		goto out;
	if (ctx->json) {
		cli_json_init(ctx, &j, stdout);
		json_obj_begin(&j);
		json_key(&j, "result");
		json_str(&j, changed ? "installed" : "unchanged");
		json_key(&j, "target");
		json_str(&j, src->label);
		cli_json_diff(&j, src);
		json_obj_end(&j);
		json_end(&j);
	} else {
		fprintf(cli_result_file(src), "%s\n", cli_result_word(ctx,
		    changed ? "installed" : "unchanged"));
	}
	rc = cli_finish(CLI_EXIT_OK);
out:
	free(text);
	cli_sources_free(src, nsrc);
	return rc;
}

const struct cli_command cmd_install = {
	.name = "install",
	.summary = "replace the whole crontab with a checked file",
	.synopsis = "FILE | --period PERIOD NAME FILE",
	.options = options,
	.description =
"Replace the selected crontab (yours by default; -u USER, -f PATH,\n"
"--cron-d NAME) with FILE ('-': standard input).  FILE is checked first,\n"
"in the crontab's format (a user column for system crontabs) and\n"
"dialect; its problems are printed as path:line:column: severity: msg\n"
"[CODE], and any error refuses the install.  The lines that change are\n"
"linted as 'check' would (a user column in a user crontab, a schedule\n"
"that never fires): an error refuses, a warning is printed (and refuses\n"
"with --strict).  Prints installed or unchanged (nothing is written\n"
"when FILE holds what is there).\n"
"\n"
"With --period PERIOD NAME FILE: put FILE into /etc/cron.PERIOD (under\n"
"--root) as NAME, owned by root:root with mode 0755, through a hidden\n"
"temporary file renamed into place; a NAME run-parts would skip (a dot,\n"
"other characters than letters, digits, '_', '-') is refused (65).\n",
	.epilog =
"With --json: {\"result\",\"target\",\"warnings\"} (+ \"diff\" with -n)\n"
"\n"
"Exit: 0 done, 65 FILE has errors, 66 FILE cannot be read,\n"
"75 the crontab changed meanwhile (nothing written).\n",
	.operand = CLI_COMP_FILE,
	.flags = CMD_WRITES,
	.exec = install,
};
