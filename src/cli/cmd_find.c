/* SPDX-License-Identifier: ISC */
/*
 * cmd_find.c - "cronkeep find": the jobs that match every filter given
 * (--id, --command, --comment, --user, --at), printed as `list` prints
 * them.  Exit 1 when none match.
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "fires.h"
#include "commands.h"
#include "fleet.h"
#include "jobtable.h"

enum { OPT_ID = 0x100, OPT_COMMAND, OPT_COMMENT, OPT_USER, OPT_AT,
	OPT_NEXT, OPT_EXPLAIN, OPT_STATUS, OPT_INVENTORY, OPT_GROUP };

struct filter {
	const char	*id;
	regex_t		 command;
	bool		 has_command;
	regex_t		 comment;
	bool		 has_comment;
	const char	*user;
	struct tm	 at;
	bool		 has_at;
};

/* Two to four digits at *p, within lo..hi. */
static bool
num(const char **p, size_t digits, int lo, int hi, int *out)
{
	size_t i;
	int v = 0;

	for (i = 0; i < digits; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return false;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += digits;
	if (v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/*
 * YYYY-MM-DD HH:MM (or with a 'T'); the weekday from mktime(3) at noon.
 * *gone: the date does not exist (2026-02-30).
 */
static bool
parse_at(const char *s, struct tm *tm, bool *gone)
{
	struct tm day;
	int y, mo, d, h, mi;

	if (!num(&s, 4, 1900, 9999, &y) || *s++ != '-' ||
	    !num(&s, 2, 1, 12, &mo) || *s++ != '-' ||
	    !num(&s, 2, 1, 31, &d) || (*s != ' ' && *s != 'T'))
		return false;
	memset(&day, 0, sizeof(day));
	day.tm_year = y - 1900;
	day.tm_mon = mo - 1;
	day.tm_mday = d;
	if (!fires_date_exists(&day)) {
		*gone = true;
		return false;
	}
	s++;
	if (!num(&s, 2, 0, 23, &h) || *s++ != ':' || !num(&s, 2, 0, 59, &mi) ||
	    *s != '\0')
		return false;
	memset(&day, 0, sizeof(day));
	day.tm_year = y - 1900;
	day.tm_mon = mo - 1;
	day.tm_mday = d;
	day.tm_hour = 12;
	day.tm_isdst = -1;
	if (mktime(&day) == (time_t)-1 || day.tm_mday != d ||
	    day.tm_mon != mo - 1)
		return false;
	*tm = day;
	tm->tm_hour = h;
	tm->tm_min = mi;
	tm->tm_sec = 0;
	return true;
}

static bool
rx_match(const regex_t *re, const char *s, size_t len)
{
	char *t;
	bool m;

	if (s == NULL)
		return false;
	t = xmalloc(len + 1);
	memcpy(t, s, len);
	t[len] = '\0';
	m = regexec(re, t, 0, NULL, 0) == 0;
	free(t);
	return m;
}

/*
 * An anacron job or a run-parts script: its identifier (the script's
 * name), command (the script's path) and user (root); --at cannot be
 * answered for them (they run when anacron or a crontab line starts).
 */
static bool
matches_periodic(const struct filter *f, const struct jt_row *r)
{
	const char *s;
	size_t len;

	s = jt_row_id(r, &len);
	if (f->id != NULL && (len != strlen(f->id) ||
	    memcmp(s, f->id, len) != 0))
		return false;
	s = jt_row_command(r, &len);
	if (f->has_command && !rx_match(&f->command, s, len))
		return false;
	if (f->has_comment)
		return false;
	if (f->user != NULL && strcmp(f->user, "root") != 0)
		return false;
	return !f->has_at;
}

static bool
matches(const struct filter *f, const struct jt_row *r)
{
	const struct cli_source *src = r->src;
	const ck_job *job = r->job;
	const char *s, *eol;
	size_t len;

	if (job == NULL)
		return matches_periodic(f, r);

	if (f->id != NULL) {
		s = ck_job_id(job, &len);
		if (s == NULL || len != strlen(f->id) ||
		    memcmp(s, f->id, len) != 0)
			return false;
	}
	if (f->has_command) {
		s = ck_job_command(job, &len);
		if (!rx_match(&f->command, s, len))
			return false;
	}
	if (f->has_comment) {
		bool m = false;

		s = ck_job_id(job, &len);
		if (s != NULL)
			m = rx_match(&f->comment, s, len);
		if (!m && ck_job_marker_line(job) != (size_t)-1) {
			s = ck_tab_line_text(src->tab, ck_job_marker_line(job),
			    &len, &eol);
			m = rx_match(&f->comment, s, len);
		}
		if (!m && (s = ck_job_comment(job, &len)) != NULL)
			m = rx_match(&f->comment, s, len);
		if (!m)
			return false;
	}
	if (f->user != NULL) {
		s = ck_job_user(job, &len);
		if (s == NULL && src->user != NULL) {
			s = src->user;
			len = strlen(s);
		}
		if (s == NULL || len != strlen(f->user) ||
		    memcmp(s, f->user, len) != 0)
			return false;
	}
	/* A disabled job does not fire. */
	if (f->has_at && (!ck_job_enabled(job) ||
	    !ck_expr_matches(ck_job_expr(job), &f->at)))
		return false;
	return true;
}

static int
compile(regex_t *re, const char *pat, const char *opt)
{
	char msg[256];
	int e;

	if ((e = regcomp(re, pat, REG_EXTENDED | REG_NOSUB)) != 0) {
		regerror(e, re, msg, sizeof(msg));
		cli_warnx("%s: bad regular expression '%s': %s", opt, pat,
		    msg);
		return -1;
	}
	return 0;
}

static const struct cli_option options[] = {
	{ "id", 0, OPT_ID, "ID", "the job's marker id (cronkeep, Ansible, "
	    "Puppet,\nChef, Salt), exactly", CLI_COMP_ID, NULL, 0 },
	{ "command", 0, OPT_COMMAND, "REGEX", "the command matches (POSIX "
	    "extended regex)", CLI_COMP_NONE, NULL, 0 },
	{ "comment", 0, OPT_COMMENT, "REGEX", "the marker (its id or the whole "
	    "marker line) or a\npython-crontab trailing comment matches",
	    CLI_COMP_NONE, NULL, 0 },
	{ "user", 0, OPT_USER, "USER", "the job runs as USER: the user column "
	    "of a system\ncrontab, or the owner of a user crontab (after the"
	    "\ncommand; '-u USER' before it selects USER's crontab)",
	    CLI_COMP_USER, NULL, 0 },
	{ "at", 0, OPT_AT, "'YYYY-MM-DD HH:MM'", "the job fires at that "
	    "minute, local time (an\nenabled job whose schedule matches it)",
	    CLI_COMP_NONE, NULL, 0 },
	{ "verbose", 'v', 0, NULL, "as in 'list'", CLI_COMP_NONE, NULL, 0 },
	{ "next", 0, OPT_NEXT, NULL, "as in 'list'", CLI_COMP_NONE, NULL, 0 },
	{ "explain", 0, OPT_EXPLAIN, NULL, "as in 'list'", CLI_COMP_NONE, NULL,
	    0 },
	{ "status", 0, OPT_STATUS, NULL, "as in 'list'", CLI_COMP_NONE, NULL,
	    0 },
	{ "inventory", 0, OPT_INVENTORY, "FILE|DIR", "search many hosts' "
	    "inventories (and the operands)\ninstead (not with --at)",
	    CLI_COMP_FILE, NULL, 0 },
	{ "group", 0, OPT_GROUP, "GROUP", "with --inventory: hosts of this "
	    "group only", CLI_COMP_NONE, NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

static int
find(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *arg;
	size_t oi;
	struct filter f;
	struct cli_source *src = NULL;
	struct jt_row *rows = NULL, *all = NULL;
	size_t n = 0, i, nrows = 0, nall = 0;
	unsigned int flags = 0;
	struct fleet_opts fo = FLEET_OPTS_INIT;
	const char **inv = NULL;
	size_t ninv = 0;
	int c, rc = CLI_EXIT_USAGE;
	bool gone = false;

	memset(&f, 0, sizeof(f));
	for (oi = 0; oi < a->nopts; oi++) {
		c = a->opts[oi].key;
		arg = a->opts[oi].arg;
		switch (c) {
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
		case OPT_ID:
			f.id = arg;
			fo.id = arg;
			break;
		case OPT_INVENTORY:
			inv = xreallocarray(inv, ninv + 1, sizeof(*inv));
			inv[ninv++] = arg;
			break;
		case OPT_GROUP:
			fo.group = arg;
			break;
		case OPT_COMMAND:
			if (f.has_command)
				regfree(&f.command);
			f.has_command = false;
			if (compile(&f.command, arg, "--command") == -1)
				goto out;
			fo.command_re = arg;
			f.has_command = true;
			break;
		case OPT_COMMENT:
			if (f.has_comment)
				regfree(&f.comment);
			f.has_comment = false;
			if (compile(&f.comment, arg, "--comment") == -1)
				goto out;
			fo.comment_re = arg;
			f.has_comment = true;
			break;
		case OPT_USER:
			f.user = arg;
			fo.user = arg;
			break;
		case OPT_AT:
			if (!parse_at(arg, &f.at, &gone)) {
				rc = cli_date_refused("--at", arg, gone ? -2 :
				    -1, "'YYYY-MM-DD HH:MM'");
				goto out;
			}
			f.has_at = true;
			break;
		}
	}
	if (ninv > 0) {
		if (f.has_at) {
			rc = cli_usage_error(ctx->cmd, "--at does not apply to "
			    "--inventory");
			goto out;
		}
		fo.json = ctx->json;
		rc = fleet_main(FLEET_FIND, inv, ninv, a, &fo);
		goto out;
	}
	if (fo.group != NULL) {
		rc = cli_usage_error(ctx->cmd, "--group needs --inventory");
		goto out;
	}
	if (a->argc != 0) {
		rc = cli_usage_error(ctx->cmd, "unexpected argument '%s'",
		    a->argv[0]);
		goto out;
	}
	if ((rc = cli_load_sources(ctx, CLI_SRC_LENIENT, &src, &n)) != 0)
		goto out;
	/* A source that could not be read wins (its exit code). */
	if (f.id != NULL && cli_sources_status(ctx) == 0 &&
	    !cli_sources_have_id(src, n, f.id)) {
		rc = cli_no_such_id(src, n, f.id);
		goto out;
	}
	for (i = 0; i < n; i++)
		jobtable_collect(&src[i], false, &all, &nall);
	rows = xreallocarray(NULL, nall + 1, sizeof(*rows));
	for (i = 0; i < nall; i++) {
		if (!matches(&f, &all[i]))
			continue;
		rows[nrows++] = all[i];
	}
	if ((rc = jobtable_print(ctx, rows, nrows, flags)) == 0)
		rc = cli_sources_status(ctx);
	if (rc == 0 && nrows == 0)
		rc = CLI_EXIT_FAIL;
	rc = cli_finish(rc);
out:
	if (f.has_command)
		regfree(&f.command);
	if (f.has_comment)
		regfree(&f.comment);
	free(rows);
	free(all);
	free(inv);
	cli_sources_free(src, n);
	return rc;
}

const struct cli_command cmd_find = {
	.name = "find",
	.summary = "jobs matching --id, --command, --comment, --user, --at",
	.description =
"Print the jobs that match all the filters given, as 'list' does.\n"
"With --inventory FILE|DIR...: the matching jobs of those hosts'\n"
"inventories, as 'list --inventory' prints them.\n",
	.epilog =
"With -a, anacron's jobs match by their identifier and command, and the\n"
"scripts of the run-parts folders by their name (--id) and path\n"
"(--command); both run as root and never match --at or --comment.\n"
"\n"
"Exit: 0 when some job matches, 1 when none does, 2 for usage errors.\n",
	.options = options,
	.exec = find,
};
