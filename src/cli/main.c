/*
 * main.c - cronkeep's entry point: global options, the command table,
 * dispatch.  Nothing else lives here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

const struct cli_cmd cli_cmds[] = {
	{ "check",	cmd_check,	CMD_NOSOURCE,	"report problems in crontabs or expressions",
	    cmd_check_opts },
	{ "completion",	cmd_completion,	CMD_NOSOURCE,	"print a completion script: bash, zsh or fish",
	    cmd_completion_opts },
	{ "diff",	cmd_diff,	CMD_NOSOURCE,	"semantic diff of two crontabs (exit 1 when different)",
	    cmd_diff_opts },
	{ "disable",	cmd_disable,	CMD_WRITES,	"switch a job off, keeping it under its marker",
	    cmd_disable_opts },
	{ "doc",	cmd_doc,	0,		"a Markdown or HTML document describing the crontab",
	    cmd_doc_opts },
	{ "edit",	cmd_edit,	CMD_WRITES,	"edit with $VISUAL/$EDITOR, install only if valid",
	    cmd_edit_opts },
	{ "enable",	cmd_enable,	CMD_WRITES,	"switch a disabled job back on",
	    cmd_enable_opts },
	{ "exec",	cmd_exec,	CMD_NOSOURCE,	"run a job's command, record it; --once, --no-overlap, --timeout",
	    cmd_exec_opts },
	{ "explain",	cmd_explain,	CMD_NOSOURCE,	"explain a schedule in English",
	    cmd_explain_opts },
	{ "export",	cmd_export,	0,		"translate jobs to systemd timers or Kubernetes CronJobs",
	    cmd_export_opts },
	{ "find",	cmd_find,	0,		"jobs matching --id, --command, --comment, --user, --at",
	    cmd_find_opts },
	{ "history",	cmd_history,	CMD_NOSOURCE,	"past runs recorded by exec",
	    cmd_history_opts },
	{ "install",	cmd_install,	CMD_WRITES,	"replace the whole crontab with a checked file",
	    cmd_install_opts },
	{ "inventory",	cmd_inventory,	0,		"the host's crontabs and jobs as one JSON document",
	    cmd_inventory_opts },
	{ "list",	cmd_list,	0,		"the jobs: where, schedule, user, id, state, command",
	    cmd_list_opts },
	{ "log",	cmd_log,	CMD_NOSOURCE,	"past runs of jobs, from cron's own log",
	    cmd_log_opts },
	{ "next",	cmd_next,	CMD_NOSOURCE,	"the next (or previous) fire times of a schedule or job",
	    cmd_next_opts },
	{ "remove",	cmd_remove,	CMD_WRITES,	"remove jobs by id, command or comment",
	    cmd_remove_opts },
	{ "run",	cmd_run,	0,		"run a job now exactly as cron would",
	    cmd_run_opts },
	{ "set",	cmd_set,	CMD_WRITES,	"create or update a job by id (idempotent)",
	    cmd_set_opts },
	{ "shell",	cmd_shell,	CMD_WRITES,	"interactive session: edit a staged copy, then write",
	    cmd_shell_opts },
	{ "show",	cmd_show,	0,		"print the crontab as it is",
	    cmd_show_opts },
	{ "stats",	cmd_stats,	0,		"runs per job, busiest times, collisions, --max-concurrent",
	    cmd_stats_opts },
	{ "timeline",	cmd_timeline,	0,		"a picture of when what runs (terminal, --svg, --html)",
	    cmd_timeline_opts },
	{ NULL, NULL, 0, NULL, NULL }
};

static void
usage(FILE *f)
{
	const struct cli_cmd *c;

	fprintf(f,
"usage: cronkeep [options] <command> [args]\n"
"\n"
"where (default: your crontab, through crontab(1)):\n"
"  -u, --user USER      that user's crontab\n"
"  -f, --file PATH      a crontab file in user format ('-': standard input)\n"
"  -s, --system         /etc/crontab and /etc/cron.d/* (with a user column)\n"
"      --cron-d NAME    the single file /etc/cron.d/NAME\n"
"  -a, --all            every crontab on the host (reading commands)\n"
"      --root DIR       prefix for every system path\n"
"      --user-format, --system-format   force the line format of a file\n"
"options:\n"
"      --dialect NAME   debian | cronie | openbsd | busybox | portable | auto\n"
"      --json           machine-readable output\n"
"      --color WHEN     auto | always | never (NO_COLOR is honoured)\n"
"  -n, --dry-run        (write commands) print the diff, change nothing\n"
"      --backup PATH    (write commands) save the old crontab first\n"
"  -h, --help           this text; 'cronkeep help COMMAND' for a command\n"
"      --version        print the version\n"
"\n"
"commands:\n");
	for (c = cli_cmds; c->name != NULL; c++)
		fprintf(f, "  %-12s %s\n", c->name, c->summary);
	fprintf(f, "\nExit: 0 success, 1 'no' (findings, no match, conflict), "
	    "2 usage, sysexits(3) codes for failures.\n");
}

const struct cli_cmd *
cli_cmd_lookup(const char *name)
{
	const struct cli_cmd *c;

	for (c = cli_cmds; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

int
main(int argc, char **argv)
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	static const struct option top[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cli_cmd *c;
	char *helpargv[3];
	int ch;

	setprogname(argv[0]);
	(void)none;
	/* Global options before the command; stop at the first operand. */
	opterr = 1;
	while ((ch = cli_getopt(argc, argv, "+h", top)) != -1) {
		switch (ch) {
		case 'h':
			usage(stdout);
			return cli_finish(CLI_EXIT_OK);
		case 'V':
			printf("cronkeep %s\n", CK_VERSION_STRING);
			return cli_finish(CLI_EXIT_OK);
		default:
			usage(stderr);
			return CLI_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return CLI_EXIT_USAGE;
	}
	if (strcmp(argv[optind], "help") == 0) {
		if (optind + 1 >= argc) {
			usage(stdout);
			return cli_finish(CLI_EXIT_OK);
		}
		if ((c = cli_cmd_lookup(argv[optind + 1])) == NULL) {
			cli_warnx("unknown command '%s'", argv[optind + 1]);
			return CLI_EXIT_USAGE;
		}
		helpargv[0] = argv[optind + 1];
		helpargv[1] = "--help";
		helpargv[2] = NULL;
		cli.cmd = c->name;
		optind = 1;
		return c->fn(2, helpargv);
	}
	if ((c = cli_cmd_lookup(argv[optind])) == NULL) {
		cli_warnx("unknown command '%s' (try 'cronkeep --help')",
		    argv[optind]);
		return CLI_EXIT_USAGE;
	}
	cli.cmd = c->name;
	argc -= optind;
	argv += optind;
	optind = 0;	/* glibc: reinitialise (permute again) */
	return c->fn(argc, argv);
}
