/*
 * cmd_remove.c - "cronkeep remove": remove jobs by id, by command or by
 * comment, each with its marker line.  Environment lines and other
 * comments stay.  More than one match is refused unless --all-matching.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

enum { OPT_ID = 0x100, OPT_COMMAND, OPT_COMMENT, OPT_ALL };

static void
usage(FILE *f)
{
	fprintf(f,
"usage: cronkeep [where] remove (--id ID | --command REGEX | --comment REGEX)...\n"
"                        [--all-matching] [-n] [--backup PATH] [--json]\n"
"\n"
"Remove the jobs that match every given filter, each with its marker\n"
"line; environment lines and other comments are kept.  REGEX is a POSIX\n"
"extended regular expression; --comment matches the marker's id and note\n"
"and a trailing '# comment'.  When more than one job matches, nothing is\n"
"removed unless --all-matching is given.  Prints 'removed N'.\n"
"--json: {\"removed\":N,\"jobs\":[{\"line\",\"id\",\"command\"}]} (+ \"diff\" with -n).\n"
"\n"
"Exit: 0 removed, 1 nothing matched or several without --all-matching,\n"
"2 usage or a bad REGEX, 75 the crontab changed meanwhile.\n");
}

static char *
dupn(const char *s, size_t len)
{
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

const struct option cmd_remove_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "id", required_argument, NULL, OPT_ID },
	{ "command", required_argument, NULL, OPT_COMMAND },
	{ "comment", required_argument, NULL, OPT_COMMENT },
	{ "all-matching", no_argument, NULL, OPT_ALL },
	{ NULL, 0, NULL, 0 }
};

int
cmd_remove(int argc, char **argv)
{
	ck_match m = CK_MATCH_INIT;
	struct cli_source *src = NULL;
	const ck_job *job;
	struct json j;
	ck_error err;
	const char *s;
	struct gone {
		size_t	 line;
		char	*id;
		char	*cmd;
		size_t	 cmdlen;
	} *gone = NULL;
	size_t nsrc = 0, *v = NULL, n = 0, i, len;
	bool all = false, changed;
	int c, rc;

	while ((c = cli_getopt(argc, argv, "h", cmd_remove_opts)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return cli_finish(CLI_EXIT_OK);
		case OPT_ID:
			m.id = optarg;
			m.id_len = strlen(optarg);
			break;
		case OPT_COMMAND:
			m.command_re = optarg;
			break;
		case OPT_COMMENT:
			m.comment_re = optarg;
			break;
		case OPT_ALL:
			all = true;
			break;
		default:
			usage(stderr);
			return CLI_EXIT_USAGE;
		}
	}
	if (optind != argc || (m.id == NULL && m.command_re == NULL &&
	    m.comment_re == NULL)) {
		usage(stderr);
		return CLI_EXIT_USAGE;
	}
	if ((rc = cli_write_load(&src, &nsrc)) != 0)
		return rc;
	memset(&err, 0, sizeof(err));
	if (ck_tab_match(src->tab, &m, &v, &n, &err) == -1) {
		cli_warnx("%s", err.msg);
		rc = cli_exit_code(&err);
		goto out;
	}
	if (n == 0) {
		cli_warnx("%s: no job matches", src->label);
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	if (n > 1 && !all) {
		fflush(stdout);
		fprintf(stderr, "%s: %s: %zu jobs match (lines", getprogname(),
		    src->label, n);
		for (i = 0; i < n; i++)
			fprintf(stderr, " %zu", ck_job_line(ck_tab_job(src->tab,
			    v[i])) + 1);
		fprintf(stderr, "); nothing removed: use --all-matching to "
		    "remove them all\n");
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	/* What is removed, kept for the report once the write succeeded. */
	gone = xcalloc(n, sizeof(*gone));
	for (i = 0; i < n; i++) {
		job = ck_tab_job(src->tab, v[i]);
		gone[i].line = ck_job_line(job) + 1;
		if ((s = ck_job_id(job, &len)) != NULL)
			gone[i].id = dupn(s, len);
		s = ck_job_command(job, &len);
		gone[i].cmd = dupn(s, len);
		gone[i].cmdlen = len;
	}
	if (ck_tab_remove_jobs(src->tab, v, n, &err) == -1) {
		rc = cli_error(src->label, &err);
		goto out;
	}
	if ((rc = cli_write_tab(src, &changed)) != 0)
		goto out;
	if (cli.json) {
		json_init(&j, stdout);
		json_obj_begin(&j);
		json_key(&j, "removed");
		json_int(&j, (long long)n);
		json_key(&j, "jobs");
		json_arr_begin(&j);
		for (i = 0; i < n; i++) {
			json_obj_begin(&j);
			json_key(&j, "line");
			json_int(&j, (long long)gone[i].line);
			json_key(&j, "id");
			if (gone[i].id != NULL)
				json_str(&j, gone[i].id);
			else
				json_null(&j);
			json_key(&j, "command");
			json_strn(&j, gone[i].cmd, gone[i].cmdlen);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		cli_json_diff(&j, src);
		json_obj_end(&j);
		json_end(&j);
	} else {
		fprintf(cli_result_file(src), "removed %zu\n", n);
	}
	rc = cli_finish(CLI_EXIT_OK);
out:
	for (i = 0; gone != NULL && i < n; i++) {
		free(gone[i].id);
		free(gone[i].cmd);
	}
	free(gone);
	free(v);
	cli_sources_free(src, nsrc);
	return rc;
}
