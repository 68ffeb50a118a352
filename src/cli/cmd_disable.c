/* SPDX-License-Identifier: ISC */
/*
 * cmd_disable.c - "cronkeep disable": switch a job off but keep it: put a
 * '#' in front of its line, under its marker (enable takes it away again).
 * Shares its code with enable (write.c: cli_switch_exec()).
 */
#include <stdbool.h>

#include "cli.h"
#include "commands.h"

static int
disable(struct cli_ctx *ctx, const struct cli_args *a)
{
	return cli_switch_exec(ctx, a, false);
}

const struct cli_command cmd_disable = {
	.name = "disable",
	.summary = "switch a job off, keeping it under its marker",
	.description =
"Disable the job with marker ID: its line gets a leading '#' and stays\n"
"under its marker; nothing else changes ('cronkeep enable' undoes it).\n"
"A job without an id is selected by --line N (its line, or its\n"
"marker's) or --match 'SCHEDULE COMMAND' (exactly that schedule and\n"
"command), and needs --id NEW: the marker '# cronkeep: NEW' is put above\n"
"it first (a disabled line without a marker would read as a comment).\n"
"Prints disabled or unchanged.  -n prints the diff and changes nothing.\n",
	.epilog =
"Exit: 0 done, 1 several jobs are exactly --match, 65 a job without an id\n"
"and no --id, or a --match that is no crontab line, 66 no job with that\n"
"id, on that line or exactly --match, 75 the crontab changed meanwhile.\n",
	.options = cli_switch_options,
	.flags = CMD_WRITES,
	.exec = disable,
};
