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

enum { OPT_HOST = 0x100, OPT_GROUP, OPT_COUNT, OPT_WINDOW, OPT_HISTORY_DB,
	OPT_CRON_LOG };

static void
usage(FILE *f)
{
	fprintf(f,
"usage: cronkeep [where] inventory [--json] [--host NAME] [--group NAME]\n"
"                          [--count N] [--window DURATION]\n"
"                          [--history-db PATH] [--cron-log FILE]\n"
"\n"
"Print the host's cron inventory, one JSON document (format\n"
"\"cronkeep-inventory\", version 1; docs/inventory.schema.json): the host\n"
"name, the cron flavour found under --root and the dialect in use, every\n"
"crontab (every one on the host unless -u, -f, -s or --cron-d selects\n"
"others) and each job with its id, owner, source and line, schedule,\n"
"zone, state, next fire times, lint findings and last recorded run.\n"
"Sorted by source and line: the same host gives the same document.\n"
"  --host NAME         the host's name (default: ROOT/etc/hostname with\n"
"                      --root, else this host's name)\n"
"  --group NAME        a host group, which the fleet view compares\n"
"  --count N           next fire times per job (default 3, 0 to 100)\n"
"  --window DURATION   only fire times before now + DURATION (default\n"
"                      31d; '90m', '12h', '7d')\n"
"  --history-db PATH   exec's run history (default: the usual one, under\n"
"                      --root; read only when it exists)\n"
"  --cron-log FILE     also find last runs in cron's log (syslog or\n"
"                      journalctl -o short-iso output)\n"
"\n"
"Exit: 0, or the code of a crontab that could not be read (the others\n"
"are still listed, and named under \"skipped\").\n");
}

const struct option cmd_inventory_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "host", required_argument, NULL, OPT_HOST },
	{ "group", required_argument, NULL, OPT_GROUP },
	{ "count", required_argument, NULL, OPT_COUNT },
	{ "window", required_argument, NULL, OPT_WINDOW },
	{ "history-db", required_argument, NULL, OPT_HISTORY_DB },
	{ "cron-log", required_argument, NULL, OPT_CRON_LOG },
	{ NULL, 0, NULL, 0 }
};

/* The present: CRONKEEP_NOW (seconds since 1970, for tests) or now. */
static int
present(time_t *now)
{
	const char *env, *errstr;

	*now = time(NULL);
	if ((env = getenv("CRONKEEP_NOW")) != NULL && *env != '\0') {
		*now = (time_t)strtonum(env, 0, 1LL << 53, &errstr);
		if (errstr != NULL) {
			cli_warnx("CRONKEEP_NOW must be seconds since 1970");
			return CLI_EXIT_USAGE;
		}
	}
	return 0;
}

int
cmd_inventory(int argc, char **argv)
{
	struct inv_opts o;
	struct cli_source *src;
	const char *errstr;
	size_t n;
	int c, rc;

	memset(&o, 0, sizeof(o));
	o.count = 3;
	o.window = 31 * 86400LL;
	while ((c = cli_getopt(argc, argv, "h", cmd_inventory_opts)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return cli_finish(CLI_EXIT_OK);
		case OPT_HOST:
			o.host = optarg;
			break;
		case OPT_GROUP:
			o.group = optarg;
			break;
		case OPT_COUNT:
			o.count = (size_t)strtonum(optarg, 0, 100, &errstr);
			if (errstr != NULL) {
				cli_warnx("--count %s: %s (0 to 100)", optarg,
				    errstr);
				return CLI_EXIT_USAGE;
			}
			break;
		case OPT_WINDOW:
			if (cli_parse_duration(optarg, &o.window) == -1 ||
			    o.window <= 0) {
				cli_warnx("--window %s: say 90m, 12h, 7d ...",
				    optarg);
				return CLI_EXIT_USAGE;
			}
			break;
		case OPT_HISTORY_DB:
			o.history_db = optarg;
			break;
		case OPT_CRON_LOG:
			o.cron_log = optarg;
			break;
		default:
			usage(stderr);
			return CLI_EXIT_USAGE;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return CLI_EXIT_USAGE;
	}
	if ((rc = present(&o.now)) != 0)
		return rc;
	/* Every crontab of the host unless something else is selected. */
	if (cli.user == NULL && cli.file == NULL && !cli.system &&
	    cli.cron_d == NULL && cli.staged == NULL)
		cli.all = true;
	if ((rc = cli_load_sources(CLI_SRC_LENIENT, &src, &n)) != 0)
		return rc;
	rc = inventory_write(stdout, src, n, &o);
	cli_sources_free(src, n);
	return cli_finish(rc != 0 ? rc : cli_sources_status());
}
