/* SPDX-License-Identifier: ISC */
/*
 * cmd_inventory.c - "cronkeep inventory": the host's crontabs and jobs as
 * one versioned JSON document (inventory.c, docs/inventory.schema.json),
 * the input of the fleet view (--inventory) and of the Ansible module
 * cronkeep.cron.info.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "commands.h"
#include "inventory.h"

enum { OPT_HOST = CLI_KEY_OWN, OPT_GROUP, OPT_COUNT, OPT_WINDOW,
	OPT_HISTORY_DB, OPT_CRON_LOG };

static const struct cli_option options[] = {
	{ "host", 0, OPT_HOST, "NAME", "the host's name (default: "
	    "etc/hostname under\nthe --root tree, else this host's name)",
	    CLI_COMP_NONE, NULL, 0 },
	{ "group", 0, OPT_GROUP, "NAME", "a host group, which the fleet view "
	    "compares", CLI_COMP_NONE, NULL, 0 },
	{ "count", 0, OPT_COUNT, "N", "next fire times per job (default 3, "
	    "0 to 100)", CLI_COMP_NONE, NULL, 0 },
	{ "window", 0, OPT_WINDOW, "DURATION", "only fire times before now + "
	    "DURATION (default\n31d; 90m, 12h, 7d)", CLI_COMP_NONE, NULL, 0 },
	{ "history-db", 0, OPT_HISTORY_DB, "PATH", "exec's run history "
	    "(default: the usual one,\nunder the --root tree; read only when "
	    "it exists)", CLI_COMP_FILE, NULL, 0 },
	{ "cron-log", 0, OPT_CRON_LOG, "FILE", "also find last runs in cron's "
	    "log (syslog, or\njournalctl -o short-iso output)", CLI_COMP_FILE,
	    NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

static int
inventory(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct inv_opts o;
	struct cli_source *src;
	const char *errstr, *arg;
	size_t n, i;
	int rc;

	memset(&o, 0, sizeof(o));
	o.count = 3;
	o.window = 31 * 86400LL;
	for (i = 0; i < a->nopts; i++) {
		arg = a->opts[i].arg;
		switch (a->opts[i].key) {
		case OPT_HOST:
			o.host = arg;
			break;
		case OPT_GROUP:
			o.group = arg;
			break;
		case OPT_COUNT:
			o.count = (size_t)strtonum(arg, 0, 100, &errstr);
			if (errstr != NULL)
				return cli_usage_error(ctx, "--count %s: "
				    "%s (0 to 100)", arg, errstr);
			break;
		case OPT_WINDOW:
			if (cli_parse_duration(arg, &o.window) == -1 ||
			    o.window <= 0)
				return cli_usage_error(ctx, "--window %s: "
				    "say 90m, 12h, 7d ...", arg);
			break;
		case OPT_HISTORY_DB:
			o.history_db = arg;
			break;
		case OPT_CRON_LOG:
			o.cron_log = arg;
			break;
		}
	}
	if (a->argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'",
		    a->argv[0]);
	if ((rc = cli_now(ctx, &o.now)) != 0)
		return rc;
	/* Every crontab of the host unless something else is selected. */
	if (ctx->user == NULL && ctx->file == NULL && !ctx->system &&
	    ctx->cron_d == NULL && ctx->staged == NULL)
		ctx->all = true;
	if ((rc = cli_load_sources(ctx, CLI_SRC_LENIENT, &src, &n)) != 0)
		return rc;
	o.root = ctx->root;
	o.dialect = ctx->dialect;
	rc = inventory_write(ctx, stdout, src, n, &o);
	cli_sources_free(src, n);
	return cli_finish(rc != 0 ? rc : cli_sources_status(ctx));
}

const struct cli_command cmd_inventory = {
	.name = "inventory",
	.summary = "the host's crontabs and jobs as one JSON document",
	.description =
"Print the host's cron inventory, one JSON document (format\n"
"\"cronkeep-inventory\", version 1; docs/inventory.schema.json): the host\n"
"name, the cron flavour found under --root and the dialect in use, every\n"
"crontab (every one on the host unless -u, -f, -s or --cron-d selects\n"
"others) and each job with its id, owner, source and line, schedule,\n"
"zone, state, next fire times, lint findings and last recorded run (from\n"
"exec's history, else from --cron-log).  Sorted by source and line: the\n"
"same host gives the same document.  The document is JSON with or\n"
"without --json.  The fleet view reads such documents (the inventory\n"
"option of list, find, check, stats and timeline).\n",
	.epilog =
"Exit: 0, or the code of a crontab that could not be read (the others\n"
"are still listed, and named under \"skipped\").\n",
	.options = options,
	.exec = inventory,
};
