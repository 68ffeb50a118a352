/*
 * cmd_list.c - "cronkeep list": every job of the selected crontabs, with
 * where it is (source:line), its schedule, user, id, state and command.
 * Files cron would ignore and crontabs that cannot be read are reported;
 * the others are still listed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "fleet.h"
#include "jobtable.h"

enum { OPT_NEXT = 0x100, OPT_EXPLAIN, OPT_STATUS, OPT_INVENTORY };

static void
usage(FILE *f)
{
	fprintf(f,
"usage: cronkeep [where] list [-v|--verbose] [--next] [--explain] [--status]\n"
"                          [--json]\n"
"\n"
"List the jobs: SOURCE:LINE, SCHEDULE, USER (system crontabs), ID,\n"
"ON (enabled) and COMMAND.  On a terminal, control characters are escaped\n"
"and the command is cut to fit the width; piped output is complete.\n"
"  -v, --verbose   also the environment lines, and under each job the\n"
"                  variables it runs with (and the line that set them)\n"
"  --next          a NEXT column: when the job fires next, in the zone of\n"
"                  TZ or the local zone (cronie: the job's CRON_TZ)\n"
"  --explain       a DESCRIPTION column: the schedule in English\n"
"  --status        LAST RUN and STATUS columns: the last run of each job\n"
"                  recorded by 'cronkeep exec' (see 'cronkeep history')\n"
"  --json          {\"jobs\":[{\"source\",\"line\",\"schedule\",\"user\",\n"
"                  \"id\",\"enabled\",\"command\",\"comment\"}],\n"
"                  \"skipped\":[{\"source\",\"reason\",\"error\"}]};\n"
"                  line is 1-based, user is null\n"
"                  for user crontabs; --verbose adds \"environment\",\n"
"                  --next \"next\" (ISO 8601 with offset, null when it\n"
"                  never fires), --explain \"description\",\n"
"                  --status \"last_run\" ({\"start\",\"status\",\"exit\",\n"
"                  \"signal\",\"duration\"} or null)\n"
"\n"
"Exit: 0, or the code of a crontab that could not be read (the others\n"
"are still listed).\n");
}

const struct option cmd_list_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "next", no_argument, NULL, OPT_NEXT },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "status", no_argument, NULL, OPT_STATUS },
	{ "inventory", required_argument, NULL, OPT_INVENTORY },
	{ NULL, 0, NULL, 0 }
};

int
cmd_list(int argc, char **argv)
{
	struct cli_source *src;
	struct jt_row *rows = NULL;
	size_t n, i, nrows = 0;
	unsigned int flags = 0;
	char **inv = NULL;
	size_t ninv = 0;
	int c, rc;

	while ((c = cli_getopt(argc, argv, "hv", cmd_list_opts)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return cli_finish(CLI_EXIT_OK);
		case 'v':
			flags |= JT_VERBOSE;
			break;
		case OPT_NEXT:
			flags |= JT_NEXT;
			break;
		case OPT_STATUS:
			flags |= JT_STATUS;
			break;
		case OPT_EXPLAIN:
			flags |= JT_EXPLAIN;
			break;
		case OPT_INVENTORY:
			inv = xreallocarray(inv, ninv + 1, sizeof(*inv));
			inv[ninv++] = optarg;
			break;
		default:
			usage(stderr);
			return CLI_EXIT_USAGE;
		}
	}
	if (ninv > 0) {
		struct fleet_opts fo;

		memset(&fo, 0, sizeof(fo));
		for (; optind < argc; optind++) {
			inv = xreallocarray(inv, ninv + 1, sizeof(*inv));
			inv[ninv++] = argv[optind];
		}
		rc = fleet_main(FLEET_LIST, inv, ninv, &fo);
		free(inv);
		return rc;
	}
	if (optind != argc) {
		usage(stderr);
		return CLI_EXIT_USAGE;
	}
	if ((rc = cli_load_sources(CLI_SRC_LENIENT, &src, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		jobtable_collect(&src[i], (flags & JT_VERBOSE) && !cli.json,
		    &rows, &nrows);
	rc = jobtable_print(rows, nrows, flags);
	free(rows);
	cli_sources_free(src, n);
	return cli_finish(rc != 0 ? rc : cli_sources_status());
}
