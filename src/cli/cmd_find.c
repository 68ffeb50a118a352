/* SPDX-License-Identifier: ISC */
/*
 * cmd_find.c - "cronkeep find": the jobs that match every filter given
 * (--id, --command, --comment, --user, --at), printed as `list` prints
 * them.  Exit 1 when none match.
 */
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "fires.h"
#include "commands.h"
#include "fleet.h"
#include "jobtable.h"
#include "width.h"

enum { OPT_ID = 0x100, OPT_COMMAND, OPT_COMMENT, OPT_USER, OPT_AT,
	OPT_NEXT, OPT_EXPLAIN, OPT_STATUS, OPT_INVENTORY, OPT_GROUP };

struct filter {
	const char	*id;
	regex_t		 command;	/* for anacron and run-parts rows; */
	bool		 has_command;
	const char	*command_re;	/* crontab jobs: ck_tab_match() */
	regex_t		 comment;
	bool		 has_comment;
	const char	*comment_re;
	const char	*user;
	struct tm	 at;
	bool		 has_at;
	time_t		 at_t;		/* at in the local zone */
	ck_tz		*tz;		/* the local zone, for periodic jobs */
};

/*
 * YYYY-MM-DD HH:MM (or with a 'T'); the weekday from mktime(3) at noon.
 * *gone: the date does not exist (2026-02-30).
 */
static bool
parse_at(const char *s, struct tm *tm, bool *gone)
{
	struct tm day;
	const char *rest;
	int k;

	/* A minute: no seconds ("YYYY-MM-DD HH:MM" is 16 bytes). */
	if ((k = fires_parse_wall(s, false, tm, &rest)) != 0 ||
	    *rest != '\0' || rest - s != 16) {
		*gone = k == -2;
		return false;
	}
	/* The weekday: mktime(3) at noon of that day. */
	day = *tm;
	day.tm_hour = 12;
	day.tm_min = day.tm_sec = 0;
	day.tm_isdst = -1;
	if (mktime(&day) == (time_t)-1)
		return false;
	tm->tm_wday = day.tm_wday;
	tm->tm_yday = day.tm_yday;
	return true;
}

/* Job handles by address, for qsort(3) and bsearch(3). */
static int
ptr_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(const ck_job *const *)a;
	uintptr_t y = (uintptr_t)*(const ck_job *const *)b;

	return x < y ? -1 : x > y;
}

/* Does re match the len bytes at s (false for no text)? */
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

/* Do the comment lines right above anacron job j match re? */
static bool
ana_comment(const regex_t *re, const ck_anacrontab *tab, const ck_anajob *j)
{
	const char *s;
	size_t i, len;

	for (i = j->line; i-- > 0 &&
	    ck_anacrontab_line_kind(tab, i) == CK_LINE_COMMENT;) {
		s = ck_anacrontab_line_text(tab, i, &len);
		while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
			len--;
		if (rx_match(re, s, len))
			return true;
	}
	return false;
}

/*
 * An anacron job or a run-parts script: its identifier (the script's
 * name), command (the script's path), user (root), the comment lines
 * right above an anacron job, and its runs from anacron's timestamps
 * and the host's starters (--at, in the local zone).
 */
static bool
matches_periodic(const struct cli_ctx *ctx, const struct filter *f,
    const struct jt_row *r)
{
	struct fire_job fj = { .src = r->src, .ajob = r->ajob,
	    .part = r->part };
	const char *s;
	time_t *t;
	size_t len, n;
	bool capped;

	s = jt_row_id(r, &len);
	if (f->id != NULL && (len != strlen(f->id) ||
	    memcmp(s, f->id, len) != 0))
		return false;
	s = jt_row_command(r, &len);
	if (f->has_command && !rx_match(&f->command, s, len))
		return false;
	if (f->has_comment && (r->ajob == NULL ||
	    !ana_comment(&f->comment, r->src->ana, r->ajob)))
		return false;
	if (f->user != NULL && strcmp(f->user, "root") != 0)
		return false;
	if (!f->has_at)
		return true;
	if (r->ajob != NULL && !r->ajob->enabled)
		return false;
	if (fires_periodic(ctx, &fj, f->tz, f->at_t, f->at_t + 60, 1, &t, &n,
	    &capped) != 0)
		return false;
	free(t);
	return n > 0;
}

/*
 * The crontab jobs of src that f selects, as job handles sorted by
 * address (for bsearch), through the library's ck_tab_match(): id,
 * command, comment (the id, the marker's note or line, a trailing
 * comment), the minute, and the user column; a user crontab's jobs run
 * as its owner.
 * @return 0 or an exit code (printed).
 */
static int
match_tab(const struct cli_ctx *ctx, const struct filter *f,
    const struct cli_source *src, const ck_job ***out, size_t *nout)
{
	ck_match m = CK_MATCH_INIT;
	const ck_job **v;
	size_t *idx = NULL, n = 0, i;
	ck_error err;

	*out = NULL;
	*nout = 0;
	m.id = f->id;
	m.id_len = f->id != NULL ? strlen(f->id) : 0;
	m.command_re = f->command_re;
	m.comment_re = f->comment_re;
	m.at = f->has_at ? &f->at : NULL;
	if (f->user != NULL && src->system) {
		m.user = f->user;
		m.user_len = strlen(f->user);
	} else if (f->user != NULL && (src->user == NULL ||
	    strcmp(src->user, f->user) != 0))
		return 0;
	memset(&err, 0, sizeof(err));
	if (ck_tab_match(src->tab, &m, &idx, &n, &err) == -1)
		return cli_error(ctx, src->label, &err);
	v = xreallocarray(NULL, n > 0 ? n : 1, sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = ck_tab_job(src->tab, idx[i]);
	free(idx);
	qsort(v, n, sizeof(*v), ptr_cmp);
	*out = v;
	*nout = n;
	return 0;
}

/* pat into *re, for --command or --comment.  @return 0, or -1 (printed). */
static int
compile(const struct cli_ctx *ctx, regex_t *re, const char *pat,
    const char *opt)
{
	char msg[256];
	int e;

	if ((e = regcomp(re, pat, REG_EXTENDED | REG_NOSUB)) != 0) {
		regerror(e, re, msg, sizeof(msg));
		cli_warnx(ctx, "%s: bad regular expression '%s': %s", opt, pat,
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
	{ "comment", 0, OPT_COMMENT, "REGEX", "the marker (its id, note or the "
	    "whole marker line)\nor a python-crontab trailing comment matches",
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

/* What the command line asks for. */
struct find_req {
	struct filter	 f;
	unsigned int	 flags;			/* JT_*: as in list */
	const char	**inv;			/* --inventory */
	size_t		 ninv;
	const char	*group;			/* --group */
};

/* The rows of the job table and those the filter selects. */
struct find_res {
	struct cli_source *src;
	size_t		 nsrc;
	struct jt_row	*all, *rows;
	size_t		 nall, nrows;
};

/*
 * --command or --comment: pat compiled into *re (a later one replaces
 * it), *pat_out and *has set.  @return 0, or -1 (printed).
 */
static int
find_regex(const struct cli_ctx *ctx, regex_t *re, bool *has,
    const char **pat_out, const char *pat, const char *opt)
{
	if (*has)
		regfree(re);
	*has = false;
	if (compile(ctx, re, pat, opt) == -1)
		return -1;
	*pat_out = pat;
	*has = true;
	return 0;
}

/*
 * One option into q, in command-line order.
 * @return 0, or an exit code (printed).
 */
static int
find_option(const struct cli_ctx *ctx, const struct cli_optval *o,
    struct find_req *q)
{
	bool gone = false;

	switch (o->key) {
	case 'v':
		q->flags |= JT_VERBOSE;
		break;
	case OPT_NEXT:
		q->flags |= JT_NEXT;
		break;
	case OPT_STATUS:
		q->flags |= JT_STATUS;
		break;
	case OPT_EXPLAIN:
		q->flags |= JT_EXPLAIN;
		break;
	case OPT_ID:
		q->f.id = o->arg;
		break;
	case OPT_INVENTORY:
		q->inv = xreallocarray(q->inv, q->ninv + 1, sizeof(*q->inv));
		q->inv[q->ninv++] = o->arg;
		break;
	case OPT_GROUP:
		q->group = o->arg;
		break;
	case OPT_COMMAND:
		if (find_regex(ctx, &q->f.command, &q->f.has_command,
		    &q->f.command_re, o->arg, "--command") == -1)
			return CLI_EXIT_USAGE;
		break;
	case OPT_COMMENT:
		if (find_regex(ctx, &q->f.comment, &q->f.has_comment,
		    &q->f.comment_re, o->arg, "--comment") == -1)
			return CLI_EXIT_USAGE;
		break;
	case OPT_USER:
		q->f.user = o->arg;
		break;
	case OPT_AT:
		if (!parse_at(o->arg, &q->f.at, &gone))
			return cli_date_refused(ctx, "--at", o->arg,
			    gone ? -2 : -1, "'YYYY-MM-DD HH:MM'");
		q->f.has_at = true;
		break;
	}
	return 0;
}

/*
 * The options and what they say together (--at and --group against
 * --inventory, the operands are --inventory's only).
 * @return 0, or an exit code (printed).
 */
static int
find_parse(const struct cli_ctx *ctx, const struct cli_args *a,
    struct find_req *q)
{
	size_t oi;
	int rc;

	memset(q, 0, sizeof(*q));
	for (oi = 0; oi < a->nopts; oi++)
		if ((rc = find_option(ctx, &a->opts[oi], q)) != 0)
			return rc;
	if (q->ninv > 0) {
		if (q->f.has_at)
			return cli_usage_error(ctx, "--at does not apply to "
			    "--inventory");
		return 0;
	}
	if (q->group != NULL)
		return cli_usage_error(ctx, "--group needs --inventory");
	if (a->argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'",
		    a->argv[0]);
	return 0;
}

/* What find_parse() kept, and the zone find_at_zone() found. */
static void
find_req_free(struct find_req *q)
{
	ck_tz_free(q->f.tz);
	if (q->f.has_command)
		regfree(&q->f.command);
	if (q->f.has_comment)
		regfree(&q->f.comment);
	free(q->inv);
}

/*
 * --at with -a: the local zone (f->tz) and the minute in it (f->at_t),
 * for the periodic jobs.  @return 0, or an exit code (printed).
 */
static int
find_at_zone(const struct cli_ctx *ctx, struct filter *f)
{
	ck_error err;
	time_t tt[2];
	struct tm wall = f->at;

	if ((f->tz = cli_zone(ctx, NULL, NULL)) == NULL)
		return EX_DATAERR;
	/* A skipped time means the end of the skip, as for --from. */
	if (ck_tz_resolve(f->tz, &wall, tt, &err) < 0)
		return cli_error(ctx, "--at", &err);
	f->at_t = tt[0];
	return 0;
}

/*
 * The rows of the job table that f selects, in the table's order: a
 * crontab's jobs through match_tab() (once per crontab), the others
 * through matches_periodic().  @return 0, or an exit code (printed).
 */
static int
find_select(const struct cli_ctx *ctx, const struct filter *f,
    struct find_res *r)
{
	const struct cli_source *msrc = NULL;
	const struct jt_row *row;
	const ck_job **sel = NULL;
	size_t nsel = 0, i;
	int rc = 0;

	for (i = 0; i < r->nsrc; i++)
		jobtable_collect(&r->src[i], false, &r->all, &r->nall);
	r->rows = xreallocarray(NULL, r->nall + 1, sizeof(*r->rows));
	for (i = 0; i < r->nall; i++) {
		row = &r->all[i];
		/* A crontab's selection, when the rows reach a new one. */
		if (row->job != NULL && row->src != msrc) {
			free(sel);
			msrc = row->src;
			if ((rc = match_tab(ctx, f, msrc, &sel, &nsel)) != 0)
				break;
		}
		if (row->job != NULL ? nsel == 0 || bsearch(&row->job,
		    sel, nsel, sizeof(*sel), ptr_cmp) == NULL :
		    !matches_periodic(ctx, f, row))
			continue;
		r->rows[r->nrows++] = *row;
	}
	free(sel);
	return rc;
}

/*
 * The selected crontabs' rows that q's filter matches: an --id no job
 * has is refused first, --at with -a completed in the local zone (q->f).
 * @return 0, or an exit code (printed).
 */
static int
find_compute(struct cli_ctx *ctx, struct find_req *q, struct find_res *r)
{
	int rc;

	if ((rc = cli_load_sources(ctx, CLI_SRC_LENIENT, &r->src,
	    &r->nsrc)) != 0)
		return rc;
	/* A source that could not be read wins (its exit code). */
	if (q->f.id != NULL && cli_sources_status(ctx) == 0 &&
	    !cli_sources_have_id(r->src, r->nsrc, q->f.id))
		return cli_no_such_id(ctx, r->src, r->nsrc, q->f.id);
	if (q->f.has_at && ctx->all && (rc = find_at_zone(ctx, &q->f)) != 0)
		return rc;
	return find_select(ctx, &q->f, r);
}

/*
 * The rows, as 'list' prints them.  @return 0, the exit code of a source
 * that could not be read, or 1 when no job matched (not finished).
 */
static int
find_print(const struct cli_ctx *ctx, const struct find_req *q,
    const struct find_res *r)
{
	int rc;

	if ((rc = jobtable_print(ctx, r->rows, r->nrows, q->flags)) == 0)
		rc = cli_sources_status(ctx);
	if (rc == 0 && r->nrows == 0)
		rc = CLI_EXIT_FAIL;
	return rc;
}

/* The rows and the crontabs they came from. */
static void
find_res_free(struct find_res *r)
{
	free(r->rows);
	free(r->all);
	cli_sources_free(r->src, r->nsrc);
}

/*
 * Parse, then --inventory's fleet, or the selected crontabs' matching
 * jobs printed.  @return the exit code.
 */
static int
find(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct find_req q;
	struct find_res r;
	int rc;

	memset(&r, 0, sizeof(r));
	if ((rc = find_parse(ctx, a, &q)) != 0)
		goto out;
	if (q.ninv > 0) {
		struct fleet_opts fo = FLEET_OPTS_INIT;

		fo.id = q.f.id;
		fo.command_re = q.f.command_re;
		fo.comment_re = q.f.comment_re;
		fo.user = q.f.user;
		fo.group = q.group;
		fo.json = ctx->json;
		fo.limit = cli_width(ctx);
		rc = fleet_main(ctx, FLEET_FIND, q.inv, q.ninv, a, &fo);
		goto out;
	}
	if ((rc = find_compute(ctx, &q, &r)) == 0)
		rc = cli_finish(find_print(ctx, &q, &r));
out:
	find_req_free(&q);
	find_res_free(&r);
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
"With -a, anacron's jobs match by their identifier, command and the\n"
"comment lines right above them (--comment), the scripts of the run-parts\n"
"folders by their name (--id) and path (--command); both run as root, and\n"
"--at finds those that run in that minute (local zone), from anacron's\n"
"timestamps and the host's starters as 'next --id' computes them.\n"
"\n"
"Exit: 0 when some job matches, 1 when none does, 2 for usage errors.\n",
	.options = options,
	.exec = find,
};
