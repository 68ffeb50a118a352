/* SPDX-License-Identifier: ISC */
/*
 * main.c - cronkeep's entry point: the command table, the options before
 * the command, dispatch.  Nothing else lives here.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"

static const struct cli_command *const cli_commands[] = {
	&cmd_check,
	&cmd_completion,
	&cmd_diff,
	&cmd_disable,
	&cmd_doc,
	&cmd_edit,
	&cmd_enable,
	&cmd_exec,
	&cmd_explain,
	&cmd_export,
	&cmd_find,
	&cmd_history,
	&cmd_install,
	&cmd_inventory,
	&cmd_list,
	&cmd_log,
	&cmd_missed,
	&cmd_next,
	&cmd_remove,
	&cmd_run,
	&cmd_set,
	&cmd_shell,
	&cmd_show,
	&cmd_spread,
	&cmd_stats,
	&cmd_timeline,
	NULL
};

/* "unknown command 'lsit' (did you mean 'list'?)" on stderr. */
static int
unknown_command(const struct cli_ctx *ctx, const char *name)
{
	const struct cli_command *const *c, *best = NULL;
	size_t d, bd = SIZE_MAX;

	for (c = cli_commands; *c != NULL; c++) {
		if (!cli_near(name, (*c)->name))
			continue;
		if ((d = cli_distance(name, (*c)->name)) < bd) {
			bd = d;
			best = *c;
		}
	}
	if (best != NULL)
		cli_warnx(ctx, "unknown command '%s' (did you mean '%s'?); try "
		    "'cronkeep --help'", name, best->name);
	else
		cli_warnx(ctx, "unknown command '%s'; try 'cronkeep --help'",
		    name);
	return CLI_EXIT_USAGE;
}

/* "help [COMMAND]", "-h [COMMAND]": the program's or a command's help. */
static int
help(const struct cli_ctx *ctx, const char *name)
{
	const struct cli_command *c = NULL;

	if (name != NULL && strcmp(name, "help") == 0) {
		printf("usage: cronkeep help [COMMAND]\n"
		    "       cronkeep -h|--help [COMMAND]\n"
		    "       cronkeep COMMAND -h|--help\n\n"
		    "The help of COMMAND (the same three ways), or without "
		    "one the shared\noptions and the list of commands.\n");
		return cli_finish(CLI_EXIT_OK);
	}
	if (name != NULL && (c = cli_command_lookup(cli_commands, name)) == NULL)
		return unknown_command(ctx, name);
	if (c != NULL)
		cli_help(stdout, c);
	else
		cli_help_program(stdout, cli_commands);
	return cli_finish(CLI_EXIT_OK);
}

/*
 * CMD_BUFFERED (check): one write per 64 KiB into a pipe or a file (CI
 * logs, editors: a file can have thousands of findings), one per line on
 * a terminal.  Before any output, as ISO C requires; the buffers live as
 * long as the streams, hence static.
 */
static void
buffer_output(void)
{
	static char errbuf[65536], outbuf[65536];

	if (isatty(STDERR_FILENO))
		setvbuf(stderr, NULL, _IOLBF, 0);
	else
		setvbuf(stderr, errbuf, _IOFBF, sizeof(errbuf));
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
}

int
main(int argc, char **argv)
{
	struct cli_ctx ctx = CLI_CTX_INIT;
	struct cli_said said;
	const struct cli_command *c;
	int ind, rc;

	setprogname(argv[0]);
	ctx.commands = cli_commands;
	ctx.said = &said;
	cli_said_reset(&said);
	rc = cli_parse_top(&ctx, argc, argv, &ind);
	if (rc == CLI_TOP_VERSION) {
		printf("cronkeep %s\n", CK_VERSION_STRING);
		return cli_finish(CLI_EXIT_OK);
	}
	if (rc == CLI_TOP_HELP)
		return help(&ctx, ind < argc ? argv[ind] : NULL);
	if (rc != 0)
		return cli_exit(&ctx, rc);
	if (ind >= argc)
		return cli_exit(&ctx, cli_usage_error(&ctx,
		    "no command given"));
	if (strcmp(argv[ind], "help") == 0)
		return cli_exit(&ctx, help(&ctx,
		    ind + 1 < argc ? argv[ind + 1] : NULL));
	if ((c = cli_command_lookup(cli_commands, argv[ind])) == NULL) {
		ctx.json = ctx.json || cli_json_asked(argc - ind, argv + ind);
		return cli_exit(&ctx, unknown_command(&ctx, argv[ind]));
	}
	if (c->flags & CMD_BUFFERED)
		buffer_output();
	return cli_run(&ctx, c, argc - ind, argv + ind);
}
