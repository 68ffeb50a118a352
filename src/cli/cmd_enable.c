/* SPDX-License-Identifier: ISC */
/*
 * cmd_enable.c - "cronkeep enable": switch a job back on: remove the '#' that
 * disabled it, exactly that one, under its marker.  Shares its code with
 * disable (write.c: cli_switch_exec()).
 */
#include <stdbool.h>

#include "cli.h"
#include "commands.h"

static int
enable(struct cli_ctx *ctx, const struct cli_args *a)
{
	return cli_switch_exec(ctx, a, true);
}

const struct cli_command cmd_enable = {
	.name = "enable",
	.summary = "switch a disabled job back on",
	.description =
"Enable the job with marker ID: the '#' in front of its line is removed;\n"
"nothing else changes.  --line N (the job's line or its marker's) and\n"
"--match 'SCHEDULE COMMAND' select the job without its id.\n"
"Prints enabled or unchanged.  -n prints the diff and changes nothing.\n",
	.epilog =
"Exit: 0 done, 1 several jobs are exactly --match, 65 a --match that is\n"
"no crontab line, 66 no job with that id, on that line or exactly\n"
"--match, 75 the crontab changed meanwhile.\n",
	.options = cli_switch_options,
	.flags = CMD_WRITES,
	.exec = enable,
};
