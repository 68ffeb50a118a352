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

static int
install(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct cli_source *src = NULL;
	struct json j;
	ck_error err;
	char *text = NULL;
	const char *path;
	size_t nsrc = 0, len, nerr;
	bool changed;
	int rc;

	if (a->argc == 0)
		return cli_usage_error(ctx->cmd, "install needs a FILE");
	if (a->argc > 1)
		return cli_usage_error(ctx->cmd, "unexpected argument '%s'",
		    a->argv[1]);
	path = a->argv[0];
	memset(&err, 0, sizeof(err));
	if (cli_read_file(path, &text, &len, &err) == -1)
		return cli_error(NULL, &err);
	if ((rc = cli_write_load(ctx, &src, &nsrc)) != 0)
		goto out;
	if ((nerr = cli_check_text(ctx,
	    strcmp(path, "-") == 0 ? "(stdin)" : path,
	    text, len, src->system)) > 0) {
		cli_warnx("%s: %zu error%s; nothing installed in %s",
		    path, nerr, nerr == 1 ? "" : "s", src->label);
		rc = EX_DATAERR;
		goto out;
	}
	memset(&err, 0, sizeof(err));
	if (ck_tab_replace(src->tab, text, len, &err) == -1) {
		rc = cli_error(path, &err);
		goto out;
	}
	if ((rc = cli_write_text(src, text, len, &changed)) != 0)
		goto out;
	if (ctx->json) {
		json_init(&j, stdout);
		json_obj_begin(&j);
		json_key(&j, "result");
		json_str(&j, changed ? "installed" : "unchanged");
		json_key(&j, "target");
		json_str(&j, src->label);
		cli_json_diff(&j, src);
		json_obj_end(&j);
		json_end(&j);
	} else {
		fprintf(cli_result_file(src), "%s\n", changed ? "installed" :
		    "unchanged");
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
	.synopsis = "FILE",
	.description =
"Replace the selected crontab (yours by default; -u USER, -f PATH,\n"
"--cron-d NAME) with FILE ('-': standard input).  FILE is checked first,\n"
"in the crontab's format (a user column for system crontabs) and\n"
"dialect; its problems are printed as path:line:column: severity: msg\n"
"[CODE], and any error refuses the install.  The lines that change are\n"
"linted as 'check' would (a user column in a user crontab, a schedule\n"
"that never fires): an error refuses, a warning is printed (and refuses\n"
"with --strict).  Prints installed or unchanged (nothing is written\n"
"when FILE holds what is there).\n",
	.epilog =
"With --json: {\"result\",\"target\",\"warnings\"} (+ \"diff\" with -n)\n"
"\n"
"Exit: 0 done, 65 FILE has errors, 66 FILE cannot be read,\n"
"75 the crontab changed meanwhile (nothing written).\n",
	.operand = CLI_COMP_FILE,
	.flags = CMD_WRITES,
	.exec = install,
};
