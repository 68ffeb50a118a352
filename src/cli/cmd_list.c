/* SPDX-License-Identifier: ISC */
/*
 * cmd_list.c - "cronkeep list": every job of the selected crontabs, with
 * where it is (source:line), its schedule, user, id, state and command.
 * Files cron would ignore and crontabs that cannot be read are reported;
 * the others are still listed.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "commands.h"
#include "fleet.h"
#include "jobtable.h"
#include "width.h"

enum { OPT_NEXT = CLI_KEY_OWN, OPT_EXPLAIN, OPT_STATUS, OPT_INVENTORY };

static const struct cli_option options[] = {
	{ "verbose", 'v', 0, NULL, "also the environment lines, and under "
	    "each job the\nvariables it runs with (and the line that set "
	    "them)", CLI_COMP_NONE, NULL, 0 },
	{ "next", 0, OPT_NEXT, NULL, "a NEXT column: when the job fires next, "
	    "in the zone of\nTZ or the local zone (cronie: the job's "
	    "CRON_TZ)", CLI_COMP_NONE, NULL, 0 },
	{ "explain", 0, OPT_EXPLAIN, NULL, "a DESCRIPTION column: the schedule "
	    "in English", CLI_COMP_NONE, NULL, 0 },
	{ "status", 0, OPT_STATUS, NULL, "LAST RUN and STATUS columns: the "
	    "last run of each job\nrecorded by 'cronkeep exec' (see "
	    "'cronkeep history')", CLI_COMP_NONE, NULL, 0 },
	{ "inventory", 0, OPT_INVENTORY, "FILE|DIR", "the jobs of many hosts' "
	    "inventories (and of the\noperands), with a HOST column",
	    CLI_COMP_FILE, NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

static int
list(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct cli_source *src;
	struct jt_row *rows = NULL;
	size_t n, i, nrows = 0;
	unsigned int flags = 0;
	const char **inv = NULL;
	size_t ninv = 0;
	int rc;

	for (i = 0; i < a->nopts; i++) {
		switch (a->opts[i].key) {
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
			inv[ninv++] = a->opts[i].arg;
			break;
		}
	}
	if (ninv > 0) {
		struct fleet_opts fo = FLEET_OPTS_INIT;

		fo.json = ctx->json;
		fo.limit = cli_width(ctx);
		rc = fleet_main(ctx, FLEET_LIST, inv, ninv, a, &fo);
		free(inv);
		return rc;
	}
	if (a->argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'",
		    a->argv[0]);
	if ((rc = cli_load_sources(ctx, CLI_SRC_LENIENT, &src, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		jobtable_collect(&src[i], (flags & JT_VERBOSE) && !ctx->json,
		    &rows, &nrows);
	rc = jobtable_print(ctx, rows, nrows, flags);
	free(rows);
	cli_sources_free(src, n);
	return cli_finish(rc != 0 ? rc : cli_sources_status(ctx));
}

const struct cli_command cmd_list = {
	.name = "list",
	.summary = "the jobs: where, schedule, user, id, state, command",
	.description =
"List the jobs: SOURCE:LINE, SCHEDULE, USER (system crontabs), ID,\n"
"ON (enabled) and COMMAND.  On a terminal, control characters are escaped\n"
"and the command is cut to fit the width; piped output is complete.\n"
"With --inventory FILE|DIR...: the jobs of those hosts' inventories\n"
"(cronkeep inventory --json), host by host: HOST, SCHEDULE, ID, ON,\n"
"COMMAND; with --json {\"hosts\",\"jobs\":[{\"host\",\"group\",\"source\",\n"
"\"line\",\"schedule\",\"user\",\"id\",\"enabled\",\"command\",\"comment\"}]}.\n",
	.epilog =
"With --json: {\"jobs\":[{\"source\",\"line\",\"schedule\",\"user\",\n"
"\"id\",\"enabled\",\"command\",\"comment\"}],\n"
"\"skipped\":[{\"source\",\"reason\",\"error\"}]}; line is 1-based, user\n"
"is null for user crontabs; --verbose adds \"environment\", --next \"next\"\n"
"(ISO 8601 with offset, null when it never fires), --explain\n"
"\"description\", --status \"last_run\" ({\"start\",\"status\",\"exit\",\n"
"\"signal\",\"duration\"} or null).\n"
"With -a, also anacron's jobs and the scripts of the run-parts folders\n"
"that run-parts runs, scheduled as this host runs them (/etc/crontab's\n"
"run-parts lines, or anacron's jobs when anacron is installed); their\n"
"JSON adds \"kind\" (anacron, run-parts), \"period_days\", \"delay\"\n"
"(seconds) or \"period\", \"run_by\", \"owner\", \"mode\".  See\n"
"cronkeep(1).\n"
"\n"
"Exit: 0, or the code of a crontab that could not be read (the others\n"
"are still listed).\n",
	.options = options,
	.exec = list,
};
