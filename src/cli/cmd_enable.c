/*
 * cmd_enable.c - "cronkeep enable": switch a job back on: remove the '#' that
 * disabled it, exactly that one, under its marker.
 */
#include <stdio.h>

#include "cli.h"
#include "commands.h"

enum { OPT_ID = 0x100 };

static void
usage(FILE *f)
{
	fprintf(f,
"usage: cronkeep [where] enable --id ID [-n] [--backup PATH] [--json]\n"
"\n"
"Enable the job with marker ID: the '#' in front of its line is removed;\n"
"nothing else changes.\n"
"Prints enabled or unchanged.  -n prints the diff and changes nothing.\n"
"\n"
"Exit: 0 done, 1 no job with that id, 75 the crontab changed meanwhile.\n");
}

const struct option cmd_enable_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "id", required_argument, NULL, OPT_ID },
	{ NULL, 0, NULL, 0 }
};

int
cmd_enable(int argc, char **argv)
{
	const char *id = NULL;
	int c;

	while ((c = cli_getopt(argc, argv, "h", cmd_enable_opts)) != -1) {
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
	return cli_switch_job(id, true);
}
