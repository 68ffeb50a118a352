/*
 * cmd_disable.c - "cronkeep disable": switch a job off but keep it: put a
 * '#' in front of its line, under its marker (enable takes it away again).
 */
#include <stdio.h>

#include "cli.h"
#include "commands.h"

enum { OPT_ID = 0x100 };

static void
usage(FILE *f)
{
	fprintf(f,
"usage: cronkeep [where] disable --id ID [-n] [--backup PATH] [--json]\n"
"\n"
"Disable the job with marker ID: its line gets a leading '#' and stays\n"
"under its marker; nothing else changes ('cronkeep enable' undoes it).\n"
"Prints disabled or unchanged.  -n prints the diff and changes nothing.\n"
"\n"
"Exit: 0 done, 1 no job with that id, 75 the crontab changed meanwhile.\n");
}

const struct option cmd_disable_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "id", required_argument, NULL, OPT_ID },
	{ NULL, 0, NULL, 0 }
};

int
cmd_disable(int argc, char **argv)
{
	const char *id = NULL;
	int c;

	while ((c = cli_getopt(argc, argv, "h", cmd_disable_opts)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return cli_finish(CLI_EXIT_OK);
		case OPT_ID:
			id = optarg;
			break;
		default:
			usage(stderr);
			return CLI_EXIT_USAGE;
		}
	}
	if (id == NULL || optind != argc) {
		usage(stderr);
		return CLI_EXIT_USAGE;
	}
	return cli_switch_job(id, false);
}
