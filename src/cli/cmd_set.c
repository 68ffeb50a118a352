/* SPDX-License-Identifier: ISC */
/*
 * cmd_set.c - "cronkeep set": make a job with an id exist exactly as
 * given, idempotently.  The job is found by its marker (ours or another
 * tool's), or an identical unmarked line is adopted, or it is appended.
 * Prints created, updated or unchanged; unchanged writes nothing at all.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "hashed.h"

static int	set_anacron(struct cli_ctx *, struct cli_source *,
		    const char *, const char *, const char *, const char *,
		    bool);

enum {
	OPT_ID = 0x100, OPT_EVERY, OPT_AT, OPT_ON, OPT_DURING, OPT_DISABLED,
	OPT_COMMENT, OPT_ENV, OPT_USER, OPT_WHEN, OPT_ONCE, OPT_RAW, OPT_DELAY,
	OPT_SEED, OPT_HOST
};

/* A schedule-building option, applied in order after --every. */
struct bop {
	int		 opt;
	const char	*arg;
};

static int
field_from(const char *s, size_t len, enum ck_field *f)
{
	static const struct {
		const char	*name;
		enum ck_field	 f;
	} names[] = {
		{ "minute", CK_FIELD_MINUTE }, { "min", CK_FIELD_MINUTE },
		{ "hour", CK_FIELD_HOUR }, { "dom", CK_FIELD_DOM },
		{ "day", CK_FIELD_DOM }, { "month", CK_FIELD_MONTH },
		{ "mon", CK_FIELD_MONTH }, { "dow", CK_FIELD_DOW },
		{ "weekday", CK_FIELD_DOW },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == len &&
		    strncmp(names[i].name, s, len) == 0) {
			*f = names[i].f;
			return 0;
		}
	return -1;
}

/* A number or (month, day of week) a name. */
static int
value_from(enum ck_field f, const char *s, size_t len, int *out)
{
	const char *e;
	char buf[16];
	long long v;

	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (ck_field_value_from_name(f, buf, len, out) == 0)
		return 0;
	v = strtonum(buf, 0, 59, &e);
	if (e != NULL)
		return -1;
	*out = (int)v;
	return 0;
}

static int
build_fail(const struct cli_ctx *ctx, const char *what, const char *arg,
    const ck_error *err)
{
	cli_warnx(ctx, "%s %s: %s", what, arg, err->msg);
	return CLI_EXIT_USAGE;
}

static bool
unit_word(const char *s, enum ck_unit *u)
{
	static const struct {
		const char	*w;
		enum ck_unit	 u;
	} units[] = {
		{ "m", CK_UNIT_MINUTE }, { "min", CK_UNIT_MINUTE },
		{ "mins", CK_UNIT_MINUTE }, { "minute", CK_UNIT_MINUTE },
		{ "minutes", CK_UNIT_MINUTE }, { "h", CK_UNIT_HOUR },
		{ "hour", CK_UNIT_HOUR }, { "hours", CK_UNIT_HOUR },
		{ "d", CK_UNIT_DAY }, { "day", CK_UNIT_DAY },
		{ "days", CK_UNIT_DAY }, { "month", CK_UNIT_MONTH },
		{ "months", CK_UNIT_MONTH }, { "year", CK_UNIT_YEAR },
		{ "years", CK_UNIT_YEAR },
	};
	size_t i;

	while (*s == ' ')
		s++;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcasecmp(s, units[i].w) == 0) {
			*u = units[i].u;
			return true;
		}
	return false;
}

/* Append w to the phrase *ph. */
static void
ph_add(char **ph, const char *w)
{
	size_t n = *ph != NULL ? strlen(*ph) : 0;

	*ph = xreallocarray(*ph, n + strlen(w) + 1, 1);
	memcpy(*ph + n, w, strlen(w) + 1);
}

/*
 * --every: "N UNIT", "NUNIT", "UNIT", a day name, weekday, weekend, as the
 * words of a phrase for ck_phrase_to_cron(), so that the builder and
 * "explain --when" give the same answer (or the same refusal).
 */
static int
every_phrase(const struct cli_ctx *ctx, char **ph, const char *arg,
    const char *unit)
{
	static const char *const unit_text[] = { "minutes", "hours", "days",
	    "months", "days of the week", "years" };
	enum ck_unit u;
	const char *p = arg, *e;
	char num[16];
	long long n = 1;
	size_t k;
	int day;
	const char *full;
	char lower[16];

	if (strcasecmp(arg, "weekday") == 0 ||
	    strcasecmp(arg, "weekdays") == 0) {
		ph_add(ph, "every weekday");
		return 0;
	}
	if (strcasecmp(arg, "weekend") == 0) {
		ph_add(ph, "every weekend");
		return 0;
	}
	for (day = 0; day < 7; day++) {
		full = ck_field_value_name(CK_FIELD_DOW, day, true);
		if (strcasecmp(arg, full) == 0 ||
		    (strncasecmp(arg, full, 3) == 0 && arg[3] == '\0')) {
			/* The phrase's spelling: "monday". */
			for (k = 0; full[k] != '\0' && k < sizeof(lower) - 1;
			    k++)
				lower[k] = full[k] >= 'A' && full[k] <= 'Z' ?
				    (char)(full[k] - 'A' + 'a') : full[k];
			lower[k] = '\0';
			ph_add(ph, "every ");
			ph_add(ph, lower);
			return 0;
		}
	}
	for (k = 0; p[k] >= '0' && p[k] <= '9' && k < sizeof(num) - 1; k++)
		num[k] = p[k];
	num[k] = '\0';
	if (k > 0) {
		n = strtonum(num, 1, 1000, &e);
		if (e != NULL) {
			cli_warnx(ctx, "--every %s: the number is %s", arg, e);
			return CLI_EXIT_USAGE;
		}
		p += k;
		if (*p == '\0' && unit != NULL)
			p = unit;
	}
	if (!unit_word(p, &u)) {
		cli_warnx(ctx,
		    "--every %s: say N minutes|hours|days|months, or a "
		    "day (monday...sunday, weekday, weekend)", arg);
		return CLI_EXIT_USAGE;
	}
	snprintf(num, sizeof(num), "every %lld ", n);
	ph_add(ph, num);
	ph_add(ph, unit_text[u]);
	return 0;
}

static int
apply_on(const struct cli_ctx *ctx, ck_build *b, const char *arg)
{
	enum ck_field f;
	const char *eq = strchr(arg, '='), *p, *q;
	int *vals = NULL;
	size_t n = 0;
	ck_error err;
	int rc = 0;

	if (eq == NULL || field_from(arg, (size_t)(eq - arg), &f) == -1) {
		cli_warnx(ctx,
		    "--on %s: say FIELD=VALUES, FIELD one of minute, "
		    "hour, dom, month, dow", arg);
		return CLI_EXIT_USAGE;
	}
	for (p = eq + 1; ; p = q + 1) {
		q = strchr(p, ',');
		if (q == NULL)
			q = p + strlen(p);
		vals = xreallocarray(vals, n + 1, sizeof(*vals));
		if (value_from(f, p, (size_t)(q - p), &vals[n]) == -1) {
			cli_warnx(ctx, "--on %s: \"%.*s\" is not a value", arg,
			    (int)(q - p), p);
			free(vals);
			return CLI_EXIT_USAGE;
		}
		n++;
		if (*q == '\0')
			break;
	}
	memset(&err, 0, sizeof(err));
	if (ck_build_on(b, f, vals, n, &err) == -1)
		rc = build_fail(ctx, "--on", arg, &err);
	free(vals);
	return rc;
}

static int
apply_during(const struct cli_ctx *ctx, ck_build *b, const char *arg)
{
	enum ck_field f;
	const char *eq = strchr(arg, '='), *dash, *slash, *end;
	int from, to, step = 1;
	ck_error err;

	if (eq == NULL || field_from(arg, (size_t)(eq - arg), &f) == -1 ||
	    (dash = strchr(eq + 1, '-')) == NULL)
		goto bad;
	slash = strchr(dash + 1, '/');
	end = slash != NULL ? slash : dash + strlen(dash);
	if (value_from(f, eq + 1, (size_t)(dash - eq - 1), &from) == -1 ||
	    value_from(f, dash + 1, (size_t)(end - dash - 1), &to) == -1)
		goto bad;
	if (slash != NULL && (value_from(CK_FIELD_MINUTE, slash + 1,
	    strlen(slash + 1), &step) == -1 || step < 1))
		goto bad;
	memset(&err, 0, sizeof(err));
	if (ck_build_during(b, f, from, to, (unsigned int)step, &err) == -1)
		return build_fail(ctx, "--during", arg, &err);
	return 0;
bad:
	cli_warnx(ctx, "--during %s: say FIELD=A-B or FIELD=A-B/STEP", arg);
	return CLI_EXIT_USAGE;
}

/* --at HH:MM: " at HH:MM" in the phrase (each --at adds a time). */
static int
at_phrase(const struct cli_ctx *ctx, char **ph, const char *arg)
{
	const char *colon = strchr(arg, ':');
	char buf[32];
	int h, m;

	if (colon == NULL || colon == arg || colon - arg > 2 ||
	    strlen(colon + 1) != 2 ||
	    value_from(CK_FIELD_HOUR, arg, (size_t)(colon - arg), &h) == -1 ||
	    value_from(CK_FIELD_MINUTE, colon + 1, 2, &m) == -1 || h > 23) {
		cli_warnx(ctx,
		    "--at '%s': no such time: say HH:MM (00:00 to 23:59)", arg);
		return EX_DATAERR;
	}
	snprintf(buf, sizeof(buf), " at %02d:%02d", h, m);
	ph_add(ph, buf);
	return 0;
}

/*
 * --on and --during change one field of the schedule --every and --at
 * made; a field those already fixed is refused, never overwritten.
 * @return true when field f of sched is "*".
 */
static bool
field_free(const char *sched, enum ck_field f)
{
	const char *p = sched;
	int i;

	if (*p == '@')
		return false;
	for (i = 0; i < (int)f; i++) {
		p += strcspn(p, " \t");
		p += strspn(p, " \t");
	}
	return p[0] == '*' && (p[1] == ' ' || p[1] == '\t' || p[1] == '\0');
}

static const char *const field_word[] = { "minute", "hour", "day of "
    "month", "month", "day of week" };

/*
 * The schedule from --every, --at, --on and --during.  --every and --at
 * are a phrase for ck_phrase_to_cron() (what cron cannot say exactly is
 * refused there, with the reason "explain --when" gives); --on and
 * --during then set fields the phrase left open or at their default
 * (minute 0 of "--every day"), and never a field an option already set.
 * @return 0 and *sched, or an exit code (printed).
 */
static int
build_schedule(const struct cli_ctx *ctx, const char *every,
    const char *every_unit, const struct bop *bops, size_t nbops,
    char **sched)
{
	bool taken[CK_FIELD_COUNT] = { false };
	enum ck_field f;
	ck_build *b = NULL;
	ck_error err;
	char *ph = NULL, *cur = NULL;
	const char *eq;
	size_t i;
	int rc = 0;

	memset(&err, 0, sizeof(err));
	if (every != NULL && (rc = every_phrase(ctx, &ph, every,
	    every_unit)) != 0)
		goto out;
	for (i = 0; i < nbops; i++)
		if (bops[i].opt == OPT_AT && (rc = at_phrase(ctx, &ph,
		    bops[i].arg)) != 0)
			goto out;
	if (ph != NULL) {
		if ((cur = ck_phrase_to_cron(ph, strlen(ph), &err)) == NULL) {
			cli_warnx(ctx, "%s%s%s%s: %s",
			    every != NULL ? "--every " : "--at",
			    every != NULL ? every : "", every != NULL &&
			    every_unit != NULL ? " " : "", every != NULL &&
			    every_unit != NULL ? every_unit : "", err.msg);
			cli_warnx(ctx, "(the phrase '%s', as cronkeep explain "
			    "--when reads it)", ph[0] == ' ' ? ph + 1 : ph);
			rc = err.code == CK_ENOMEM ? EX_OSERR : EX_DATAERR;
			goto out;
		}
		/* What the options named, as opposed to a default. */
		for (i = 0; i < nbops; i++)
			if (bops[i].opt == OPT_AT)
				taken[CK_FIELD_MINUTE] =
				    taken[CK_FIELD_HOUR] = true;
		if (every != NULL) {
			enum ck_unit u;
			const char *p = every + strspn(every, "0123456789");

			if (*p == '\0' && every_unit != NULL)
				p = every_unit;
			if (!unit_word(p, &u))
				taken[CK_FIELD_DOW] = true;
			else if (u == CK_UNIT_MINUTE)
				taken[CK_FIELD_MINUTE] = true;
			else if (u == CK_UNIT_HOUR)
				taken[CK_FIELD_HOUR] = true;
			else if (u == CK_UNIT_MONTH)
				taken[CK_FIELD_MONTH] = true;
		}
		for (i = 0; i < CK_FIELD_COUNT; i++)
			if (field_free(cur, (enum ck_field)i))
				taken[i] = false;
	}
	if ((b = ck_build_new()) == NULL) {
		cli_warnx(ctx, "out of memory");
		rc = EX_OSERR;
		goto out;
	}
	if (cur != NULL && ck_build_setall(b, cur, strlen(cur), ctx->dialect,
	    &err) == -1) {
		rc = cli_error(ctx, NULL, &err);
		goto out;
	}
	for (i = 0; i < nbops; i++) {
		if (bops[i].opt == OPT_AT)
			continue;
		eq = strchr(bops[i].arg, '=');
		if (eq != NULL && field_from(bops[i].arg, (size_t)(eq -
		    bops[i].arg), &f) == 0) {
			if (taken[f]) {
				cli_warnx(ctx, "--%s %s: the %s is already set "
				    "(%s); one option per field, or say the "
				    "whole schedule with --when or as five "
				    "fields", bops[i].opt == OPT_ON ? "on" :
				    "during", bops[i].arg, field_word[f],
				    cur != NULL ? cur : "by an earlier option");
				rc = EX_DATAERR;
				goto out;
			}
			taken[f] = true;
		}
		rc = bops[i].opt == OPT_ON ? apply_on(ctx, b, bops[i].arg) :
		    apply_during(ctx, b, bops[i].arg);
		if (rc != 0)
			goto out;
	}
	if ((*sched = ck_build_text(b, &err)) == NULL)
		rc = cli_error(ctx, NULL, &err);
out:
	ck_build_free(b);
	free(cur);
	free(ph);
	return rc;
}

/* Join words with single spaces. */
static char *
join(char **w, size_t n)
{
	size_t len = 0, i;
	char *s, *p;

	for (i = 0; i < n; i++)
		len += strlen(w[i]) + 1;
	p = s = xmalloc(len + 1);
	for (i = 0; i < n; i++) {
		if (i > 0)
			*p++ = ' ';
		memcpy(p, w[i], strlen(w[i]));
		p += strlen(w[i]);
	}
	*p = '\0';
	return s;
}

/* Append s quoted for sh: '...' with ' as '\''. */
static void
sh_quote(char **buf, size_t *len, const char *s)
{
	size_t n = strlen(s), k = 0, i;
	char *q = xmalloc(n * 4 + 3);

	q[k++] = '\'';
	for (i = 0; i < n; i++) {
		if (s[i] == '\'') {
			memcpy(q + k, "'\\''", 4);
			k += 4;
		} else
			q[k++] = s[i];
	}
	q[k++] = '\'';
	q[k] = '\0';
	*buf = xreallocarray(*buf, *len + k + 1, 1);
	memcpy(*buf + *len, q, k + 1);
	*len += k;
	free(q);
}

/*
 * --once: the schedule fires at that minute (yearly), and the command
 * becomes "CRONKEEP exec --id ID --once --not-after NEXTDAY -- /bin/sh -c
 * 'COMMAND'", so the job removes itself after a successful run and never
 * runs a year later.
 */
static int
once_schedule(const struct cli_ctx *ctx, const char *when, const char *id,
    char **sched, char **words,
    size_t nwords, char **cmd)
{
	char self[4096], buf[64], *user_cmd, *c = NULL, *path;
	struct tm tm;
	time_t t, after, now;
	size_t len = 0;
	ssize_t n;
	int rc;

	if ((rc = cli_parse_local_time(ctx, when,
	    &t)) != 0 || strlen(when) < 16)
		return cli_date_refused(ctx, "--once", when, rc == 0 ? -1 : rc,
		    "'YYYY-MM-DD HH:MM'");
	if ((rc = cli_now(ctx, &now)) != 0)
		return rc;
	if (t <= now) {
		cli_warnx(ctx, "--once '%s' is in the past", when);
		return EX_DATAERR;
	}
	localtime_r(&t, &tm);
	if (asprintf(sched, "%d %d %d %d *", tm.tm_min, tm.tm_hour,
	    tm.tm_mday, tm.tm_mon + 1) == -1) {
		*sched = NULL;
		return EX_OSERR;
	}
	/* The binary by its absolute path: cron's PATH is short. */
	if ((n = readlink("/proc/self/exe", self, sizeof(self) - 1)) <= 0)
		strlcpy(self, "cronkeep", sizeof(self));
	else
		self[n] = '\0';
	after = t + 86400;
	localtime_r(&after, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M", &tm);
	user_cmd = join(words, nwords);
	c = xstrdup("");
	sh_quote(&c, &len, self);
	/* Where the job lives, so that exec can remove it from there. */
	/* cron runs jobs in $HOME: every path in the line is absolute. */
	if (ctx->file != NULL && strcmp(ctx->file, "-") != 0) {
		path = cli_abs_path(ctx->file);
		c = xreallocarray(c, len + 8, 1);
		len += (size_t)snprintf(c + len, 8, " -f ");
		sh_quote(&c, &len, path);
		free(path);
	}
	if (ctx->cron_d != NULL) {
		c = xreallocarray(c, len + 16, 1);
		len += (size_t)snprintf(c + len, 16, " --cron-d ");
		sh_quote(&c, &len, ctx->cron_d);
	}
	if (ctx->root != NULL && ctx->root[0] != '\0') {
		c = xreallocarray(c, len + 16, 1);
		len += (size_t)snprintf(c + len, 16, " --root ");
		path = cli_abs_path(ctx->root);
		sh_quote(&c, &len, path);
		free(path);
	}
	if (ctx->format == CLI_FMT_SYSTEM || ctx->format == CLI_FMT_USER) {
		c = xreallocarray(c, len + 20, 1);
		len += (size_t)snprintf(c + len, 20, ctx->format ==
		    CLI_FMT_SYSTEM ? " --system-format" : " --user-format");
	}
	c = xreallocarray(c, len + 64 + strlen(id), 1);
	len += (size_t)snprintf(c + len, 64 + strlen(id), " exec --id %s "
	    "--once --not-after ", id);
	sh_quote(&c, &len, buf);
	c = xreallocarray(c, len + 20, 1);
	len += (size_t)snprintf(c + len, 20, " -- /bin/sh -c ");
	sh_quote(&c, &len, user_cmd);
	free(user_cmd);
	*cmd = c;
	return 0;
}

/* Report a refused spec: the message, and where in the value. */
static int
refused(const struct cli_ctx *ctx, const ck_error *err)
{
	if (err->code == CK_ESYNTAX || err->code == CK_ERANGE)
		cli_warnx(ctx, "schedule:%u: %s", err->column, err->msg);
	else if (err->column != 0 && err->code == CK_EINVAL)
		cli_warnx(ctx, "%s (at byte %u)", err->msg, err->column);
	else
		cli_warnx(ctx, "%s", err->msg);
	return cli_exit_code(err);
}

/*
 * The job pick selects gets the marker id (unless it has it already: a
 * job with another id is refused).  @return 0 or the exit code (printed).
 */
static int
adopt(const struct cli_ctx *ctx, struct cli_source *src,
    const struct cli_pick *pick, const char *id)
{
	const ck_job *job;
	const char *s;
	ck_error err;
	size_t k, len;
	int rc;

	if ((rc = cli_pick_job(ctx, src, pick, &k)) != 0)
		return rc;
	job = ck_tab_job(src->tab, k);
	if ((s = ck_job_id(job, &len)) != NULL && (len != strlen(id) ||
	    memcmp(s, id, len) != 0)) {
		cli_warnx(ctx, "%s: line %zu is the job '%.*s', not '%s'",
		    src->label, ck_job_line(job) + 1, (int)len, s, id);
		return EX_DATAERR;
	}
	memset(&err, 0, sizeof(err));
	if (ck_tab_job_adopt(src->tab, k, id, strlen(id), &err) == -1)
		return cli_error(ctx, src->label, &err);
	return 0;
}

/* ---- H in the builder: --at H:H, --on minute=H(0-29) ---- */

/* Builder fields by their --on names, in cron's order. */
static const char *const bfields[5] = { "minute", "hour", "dom", "month",
	"dow" };
static const int bfield_min[5] = { 0, 0, 1, 1, 0 };

/*
 * A value that starts with H (H, H/N, H(A-B), H(A-B)/N): the number the
 * builder gets in its place (A, else the field's lowest), or -1.
 */
static int
h_placeholder(const char *v, size_t len, int field)
{
	const char *errstr;
	char num[8];
	size_t k;

	if (len == 0 || v[0] != 'H')
		return -1;
	if (len > 2 && v[1] == '(') {
		for (k = 2; k < len && v[k] >= '0' && v[k] <= '9' &&
		    k - 2 < sizeof(num) - 1; k++)
			num[k - 2] = v[k];
		num[k - 2] = '\0';
		return (int)strtonum(num, 0, 59, &errstr);
	}
	return bfield_min[field];
}

/*
 * The builder options with H values: each such value is kept in over[]
 * (by field) and replaced by a plain number the builder can read; the
 * schedule it builds gets the H values back in those fields
 * (hashed_fields(ctx)), and is then resolved as any H schedule.
 * New arguments are kept in *keep (free them after the build).
 */
static void
hashed_builder(struct bop *b, size_t n, char *over[5], char ***keep,
    size_t *nkeep)
{
	const char *v, *colon, *eq;
	char *arg;
	size_t i, f;
	int ph, pm;

	for (i = 0; i < n; i++) {
		v = b[i].arg;
		if (b[i].opt == OPT_AT && (colon = strchr(v, ':')) != NULL &&
		    (v[0] == 'H' || colon[1] == 'H')) {
			char hh[16], mm[16];

			ph = h_placeholder(v, (size_t)(colon - v), 1);
			pm = h_placeholder(colon + 1, strlen(colon + 1), 0);
			if (ph >= 0) {
				free(over[1]);
				if ((over[1] = strndup(v, (size_t)(colon -
				    v))) == NULL) {
					cli_warnx(NULL, "out of memory");
					exit(EX_OSERR);
				}
				snprintf(hh, sizeof(hh), "%02d", ph);
			} else
				snprintf(hh, sizeof(hh), "%.*s",
				    (int)(colon - v), v);
			if (pm >= 0) {
				free(over[0]);
				over[0] = xstrdup(colon + 1);
				snprintf(mm, sizeof(mm), "%02d", pm);
			} else
				snprintf(mm, sizeof(mm), "%s", colon + 1);
			if (asprintf(&arg, "%s:%s", hh, mm) == -1)
				arg = NULL;
		} else if (b[i].opt == OPT_ON && (eq = strchr(v, '=')) != NULL &&
		    eq[1] == 'H') {
			for (f = 0; f < 5; f++)
				if (strlen(bfields[f]) == (size_t)(eq - v) &&
				    strncmp(v, bfields[f], (size_t)(eq - v)) == 0)
					break;
			if (f == 5)
				continue;	/* the builder says why */
			ph = h_placeholder(eq + 1, strlen(eq + 1), (int)f);
			free(over[f]);
			over[f] = xstrdup(eq + 1);
			if (asprintf(&arg, "%.*s=%d", (int)(eq - v), v, ph < 0 ?
			    bfield_min[f] : ph) == -1)
				arg = NULL;
		} else
			continue;
		if (arg == NULL) {
			cli_warnx(NULL, "out of memory");
			exit(EX_OSERR);
		}
		*keep = xreallocarray(*keep, *nkeep + 1, sizeof(**keep));
		(*keep)[(*nkeep)++] = arg;
		b[i].arg = arg;
	}
}

/* The built schedule with the H values of over[] in their fields. */
static int
hashed_fields(const struct cli_ctx *ctx, char **sched, char *const over[5])
{
	char *f[5], *copy, *p, *out;
	size_t i, k;

	for (i = 0; i < 5 && over[i] == NULL; i++)
		;
	if (i == 5)
		return 0;
	copy = xstrdup(*sched);
	for (p = copy, k = 0; k < 5; k++) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || *p == '@')
			break;
		f[k] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t')
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
	if (k < 5) {
		free(copy);
		cli_warnx(ctx,
		    "H with the builder needs a five-field schedule, and "
		    "it built '%s'", *sched);
		return EX_DATAERR;
	}
	if (asprintf(&out, "%s %s %s %s %s", over[0] ? over[0] : f[0],
	    over[1] ? over[1] : f[1], over[2] ? over[2] : f[2],
	    over[3] ? over[3] : f[3], over[4] ? over[4] : f[4]) == -1) {
		free(copy);
		cli_warnx(ctx, "out of memory");
		return EX_OSERR;
	}
	free(copy);
	free(*sched);
	*sched = out;
	return 0;
}

static const struct cli_option options[] = {
	{ "id", 0, OPT_ID, "ID", "[A-Za-z0-9_.:@-]{1,128} (required)",
	    CLI_COMP_ID, NULL, CLI_OPT_REQUIRED },
	{ "every", 0, OPT_EVERY, "N", "N minutes|hours|days|months (also "
	    "'15m', 'hour', 'day'), or monday ... sunday|weekday|weekend, at "
	    "00:00 unless --at; with --at read as the phrase 'every N UNIT at "
	    "HH:MM' (explain --when): refused when inexact", CLI_COMP_NONE,
	    NULL, 0 },
	{ "at", 0, OPT_AT, "HH:MM", "hour and minute (repeatable); H or "
	    "H(A-B) for either\nis a hashed time, as in a schedule",
	    CLI_COMP_NONE, NULL, 0 },
	{ "on", 0, OPT_ON, "FIELD=VALUES", "e.g. dow=mon,wed  dom=1,15  "
	    "month=jan  hour=9,17", CLI_COMP_NONE, NULL, 0 },
	{ "during", 0, OPT_DURING, "FIELD=A-B[/S]", "e.g. hour=9-17  "
	    "minute=0-30/10\n(FIELD: minute, hour, dom, month, dow; applied "
	    "after --every; a field an option already set is refused)",
	    CLI_COMP_NONE, NULL, 0 },
	{ "when", 0, OPT_WHEN, "PHRASE", "'every weekday at 18:30', 'every 15 "
	    "minutes from\n09:00 to 17:59 on weekdays' (see cronkeep explain"
	    "\n--when); refused when cron cannot say it exactly",
	    CLI_COMP_NONE, NULL, 0 },
	{ "once", 0, OPT_ONCE, "'YYYY-MM-DD HH:MM'", "run once then remove "
	    "the job: the line runs\nCOMMAND through 'cronkeep exec --once' "
	    "at that time", CLI_COMP_NONE, NULL, 0 },
	{ "disabled", 0, OPT_DISABLED, NULL, "write the job commented out, "
	    "under its marker", CLI_COMP_NONE, NULL, 0 },
	{ "line", 0, CLI_KEY_LINE, "N", "adopt the job on line N (or its "
	    "marker line): it gets\nthe marker ID, then is set as any job "
	    "with that id", CLI_COMP_NONE, NULL, 0 },
	{ "match", 0, CLI_KEY_MATCH, "'SCHEDULE COMMAND'", "adopt the one job "
	    "with exactly this\nschedule and command, as --line does",
	    CLI_COMP_NONE, NULL, 0 },
	{ "comment", 0, OPT_COMMENT, "TEXT", "a note on the marker line ('' "
	    "removes it)", CLI_COMP_NONE, NULL, 0 },
	{ "env", 0, OPT_ENV, "NAME=VALUE", "set a variable for this job only "
	    "(a command\nprefix, quoted for sh); repeatable", CLI_COMP_NONE,
	    NULL, 0 },
	{ "user", 0, OPT_USER, "USER", "the user column of a system crontab",
	    CLI_COMP_USER, NULL, 0 },
	{ "raw", 0, OPT_RAW, NULL, "COMMAND is crontab text: '%' starts "
	    "standard input", CLI_COMP_NONE, NULL, 0 },
	{ "delay", 0, OPT_DELAY, "MINUTES", "an anacrontab job's delay "
	    "(default 0)", CLI_COMP_NONE, NULL, 0 },
	{ "seed", 0, OPT_SEED, "TEXT", "hash TEXT for the H fields instead "
	    "of host, owner\nand id", CLI_COMP_NONE, NULL, 0 },
	{ "host", 0, OPT_HOST, "NAME", "the host name hashed for the H "
	    "fields (default:\nthis host's)", CLI_COMP_NONE, NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

/* What the command line asks (set_parse()). */
struct set_req {
	const char	*id;
	const char	*every, *every_unit;	/* --every N [UNIT] */
	struct bop	*bops;			/* --at, --on, --during */
	size_t		 nbops;
	const char	*when, *once;
	size_t		 nsched;	/* the schedule's words before "--" */
	ck_env_pair	*env;
	size_t		 nenv;
	const char	*comment, *user, *delay, *seed, *host;
	bool		 disabled, raw;
	struct cli_pick	 pick;
};

static void
set_req_free(struct set_req *q)
{
	free(q->bops);
	free(q->env);
}

/* One option into q.  @return 0, or an exit code (printed). */
static int
set_option(const struct cli_ctx *ctx, const struct cli_args *a, size_t i,
    struct set_req *q)
{
	const char *arg = a->opts[i].arg, *eq;
	int c = a->opts[i].key, nx;

	if (cli_pick_option(&q->pick, c, arg))
		return 0;
	switch (c) {
	case OPT_ID:
		q->id = arg;
		break;
	case OPT_EVERY:
		q->every = arg;
		/* "--every 15 minutes": the unit as its own word. */
		nx = a->opts[i].next;
		if (nx >= 0 && nx < a->dashdash && q->every_unit == NULL &&
		    arg[strspn(arg, "0123456789")] == '\0' &&
		    unit_word(a->argv[nx], &(enum ck_unit){ 0 })) {
			q->every_unit = a->argv[nx];
			q->nsched--;
		}
		break;
	case OPT_AT:
	case OPT_ON:
	case OPT_DURING:
		q->bops = xreallocarray(q->bops, q->nbops + 1,
		    sizeof(*q->bops));
		q->bops[q->nbops].opt = c;
		q->bops[q->nbops++].arg = arg;
		break;
	case OPT_DISABLED:
		q->disabled = true;
		break;
	case OPT_COMMENT:
		q->comment = arg;
		break;
	case OPT_ENV:
		if ((eq = strchr(arg, '=')) == NULL) {
			cli_warnx(ctx, "--env %s: say NAME=VALUE", arg);
			return CLI_EXIT_USAGE;
		}
		q->env = xreallocarray(q->env, q->nenv + 1, sizeof(*q->env));
		q->env[q->nenv].name = arg;
		q->env[q->nenv].name_len = (size_t)(eq - arg);
		q->env[q->nenv].value = eq + 1;
		q->env[q->nenv].value_len = strlen(eq + 1);
		q->nenv++;
		break;
	case OPT_USER:
		q->user = arg;
		break;
	case OPT_WHEN:
		q->when = arg;
		break;
	case OPT_ONCE:
		q->once = arg;
		break;
	case OPT_RAW:
		q->raw = true;
		break;
	case OPT_DELAY:
		q->delay = arg;
		break;
	case OPT_SEED:
		q->seed = arg;
		break;
	case OPT_HOST:
		q->host = arg;
		break;
	}
	return 0;
}

/*
 * The options and what they say together.  The command follows the first
 * "--" (a->dashdash); the operands before it are the schedule's words.
 * @return 0, or an exit code (printed).
 */
static int
set_parse(const struct cli_ctx *ctx, const struct cli_args *a,
    struct set_req *q)
{
	size_t i;
	int rc;

	memset(q, 0, sizeof(*q));
	q->nsched = (size_t)a->dashdash;
	for (i = 0; i < a->nopts; i++)
		if ((rc = set_option(ctx, a, i, q)) != 0)
			return rc;
	if (q->id == NULL)
		return cli_usage_error(ctx, "set needs --id ID");
	if (a->dashdash == a->argc)
		return cli_usage_error(ctx, "set needs the command after "
		    "'--'");
	if ((q->when != NULL) + (q->once != NULL) + (q->every != NULL ||
	    q->nbops > 0) > 1) {
		cli_warnx(ctx,
		    "give one of --when, --once, or --every/--at/--on/"
		    "--during");
		return CLI_EXIT_USAGE;
	}
	return 0;
}

/* The schedule --every, --at, --on and --during build (H kept). */
static int
set_built(const struct cli_ctx *ctx, const struct set_req *q, char **sched)
{
	char *over[5] = { NULL, NULL, NULL, NULL, NULL }, **keep = NULL;
	size_t nkeep = 0, k;
	int rc;

	hashed_builder(q->bops, q->nbops, over, &keep, &nkeep);
	rc = build_schedule(ctx, q->every, q->every_unit, q->bops, q->nbops,
	    sched);
	if (rc == 0)
		rc = hashed_fields(ctx, sched, over);
	for (k = 0; k < 5; k++)
		free(over[k]);
	for (k = 0; k < nkeep; k++)
		free(keep[k]);
	free(keep);
	return rc;
}

/*
 * The schedule text (*sched) and the command (*cmd) the request gives.
 * @return 0, or an exit code (printed).
 */
static int
set_schedule(const struct cli_ctx *ctx, const struct cli_args *a,
    const struct set_req *q, char **sched, char **cmd)
{
	ck_error err;
	int rc;

	if (q->when != NULL || q->once != NULL) {
		if (q->nsched != 0) {
			cli_warnx(ctx, "give a SCHEDULE or --%s, not both",
			    q->when != NULL ? "when" : "once");
			return CLI_EXIT_USAGE;
		}
		if (q->when != NULL && (*sched = ck_phrase_to_hashed(q->when,
		    strlen(q->when), &err)) == NULL) {
			cli_warnx(ctx, "--when '%s':%u: %s", q->when,
			    err.column, err.msg);
			return err.code == CK_ENOMEM ? EX_OSERR : EX_DATAERR;
		}
		if (q->once != NULL && (rc = once_schedule(ctx, q->once,
		    q->id, sched, a->argv + a->dashdash,
		    (size_t)(a->argc - a->dashdash), cmd)) != 0)
			return rc;
	} else if (q->every != NULL || q->nbops > 0) {
		if (q->nsched != 0) {
			cli_warnx(ctx, "give a SCHEDULE or --every/--at/--on/"
			    "--during, not both");
			return CLI_EXIT_USAGE;
		}
		if ((rc = set_built(ctx, q, sched)) != 0)
			return rc;
	} else if (q->nsched == 1 || q->nsched == 5) {
		*sched = join(a->argv, q->nsched);
	} else {
		cli_warnx(ctx,
		    "the schedule is one word ('*/5 * * * *', @daily) or "
		    "five words, or built with --every/--at/--on/--during; "
		    "got %zu word%s", q->nsched, q->nsched == 1 ? "" : "s");
		return CLI_EXIT_USAGE;
	}
	if (*cmd == NULL)
		*cmd = join(a->argv + a->dashdash,
		    (size_t)(a->argc - a->dashdash));
	return 0;
}

/* Does the request fit the crontab (its user column, --line/--match)? */
static int
set_fits(const struct cli_ctx *ctx, const struct cli_source *src,
    const struct set_req *q)
{
	if (q->delay != NULL) {
		cli_warnx(ctx, "--delay is for anacrontab jobs");
		return CLI_EXIT_USAGE;
	}
	if (src->system && q->user == NULL) {
		cli_warnx(ctx,
		    "%s is a system crontab: give the job's user with "
		    "--user USER", src->label);
		return CLI_EXIT_USAGE;
	}
	if (!src->system && q->user != NULL) {
		cli_warnx(ctx, "%s is a user crontab: it has no user column "
		    "(--user is for system crontabs; -u USER before the "
		    "command picks USER's crontab)", src->label);
		return CLI_EXIT_USAGE;
	}
	if (q->pick.line != NULL && q->pick.match != NULL)
		return cli_usage_error(ctx, "--line and --match select "
		    "the job two ways: give one");
	return 0;
}

/*
 * H fields: resolved here (*sched replaced), the request kept in the
 * marker's note (hashed.c; *note: the note to write, or NULL); a job that
 * stops being hashed loses that part.  @return 0, or an exit code.
 */
static int
set_hashed(const struct cli_ctx *ctx, const struct cli_source *src,
    const struct set_req *q, char **sched, char **hnote, char **note)
{
	const ck_job *old;
	const char *prev;
	char *resolved = NULL;
	size_t prevlen = 0;
	int rc;

	old = ck_tab_find_id(src->tab, q->id, strlen(q->id));
	prev = old != NULL ? cli_marker_note(src->tab, old, &prevlen) : NULL;
	if (ck_sched_is_hashed(*sched, strlen(*sched))) {
		struct cli_hashreq hr = { q->host, q->user != NULL ? q->user :
		    src->user, q->id, q->seed };

		if ((rc = cli_hash_resolve(ctx, *sched, &hr, prev, prevlen,
		    &resolved, hnote)) != 0)
			return rc;
		free(*sched);
		*sched = resolved;
		*note = q->comment != NULL ? cli_note_with(q->comment,
		    strlen(q->comment), *hnote) : cli_note_with(prev, prevlen,
		    *hnote);
	} else if (q->comment == NULL && cli_note_is_hashed(prev, prevlen)) {
		*note = cli_note_with(prev, prevlen, NULL);
	} else if (q->seed != NULL || q->host != NULL) {
		cli_warnx(ctx,
		    "--seed and --host are for schedules with H fields");
		return CLI_EXIT_USAGE;
	}
	return 0;
}

/* Make the job so in src's tab (*result, *line: what ck_tab_set says). */
static int
set_apply(const struct cli_ctx *ctx, struct cli_source *src,
    const struct set_req *q, const char *sched, const char *cmd,
    const char *comment, ck_set_result *result,
    size_t *line)
{
	ck_job_spec spec = CK_JOB_SPEC_INIT;
	ck_error err;

	spec.id = q->id;
	spec.id_len = strlen(q->id);
	spec.schedule = sched;
	spec.schedule_len = strlen(sched);
	spec.command = cmd;
	spec.command_len = strlen(cmd);
	if (q->user != NULL) {
		spec.user = q->user;
		spec.user_len = strlen(q->user);
	}
	if (comment != NULL) {
		spec.comment = comment;
		spec.comment_len = strlen(comment);
	}
	spec.env = q->env;
	spec.nenv = q->nenv;
	spec.disabled = q->disabled;
	spec.raw = q->raw;
	memset(&err, 0, sizeof(err));
	if (ck_tab_set(src->tab, &spec, result, line, &err) == -1)
		return refused(ctx, &err);
	return 0;
}

static void
set_render(const struct cli_ctx *ctx, const struct cli_source *src,
    const char *id, ck_set_result result, size_t line)
{
	struct json j;

	if (ctx->json) {
		cli_json_init(ctx, &j, stdout);
		json_obj_begin(&j);
		json_key(&j, "result");
		json_str(&j, ck_set_result_str(result));
		json_key(&j, "id");
		json_str(&j, id);
		json_key(&j, "line");
		json_int(&j, (long long)line + 1);
		cli_json_diff(&j, src);
		json_obj_end(&j);
		json_end(&j);
	} else {
		fprintf(cli_result_file(src), "%s\n",
		    cli_result_word(ctx, ck_set_result_str(result)));
	}
}

static int
set(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct cli_source *src = NULL;
	struct set_req q;
	char *sched = NULL, *cmd = NULL, *hnote = NULL, *note = NULL;
	ck_set_result result;
	size_t nsrc = 0, line;
	bool changed = false;
	int rc;

	if ((rc = set_parse(ctx, a, &q)) != 0 ||
	    (rc = set_schedule(ctx, a, &q, &sched, &cmd)) != 0 ||
	    (rc = cli_write_load(ctx, &src, &nsrc)) != 0)
		goto out;
	if (src->ana != NULL) {
		rc = set_anacron(ctx, src, q.id, sched, cmd, q.delay,
		    q.disabled);
		goto out;
	}
	if ((rc = set_fits(ctx, src, &q)) != 0)
		goto out;
	/* --line, --match: the job gets the id first, then is set by it. */
	if ((q.pick.line != NULL || q.pick.match != NULL) &&
	    (rc = adopt(ctx, src, &q.pick, q.id)) != 0)
		goto out;
	if ((rc = set_hashed(ctx, src, &q, &sched, &hnote, &note)) != 0 ||
	    (rc = set_apply(ctx, src, &q, sched, cmd, note != NULL ? note :
	    q.comment, &result, &line)) != 0)
		goto out;
	if (result != CK_SET_UNCHANGED &&
	    (rc = cli_write_tab(ctx, src, &changed)) != 0)
		goto out;
	set_render(ctx, src, q.id, result, line);
	rc = cli_finish(CLI_EXIT_OK);
out:
	cli_sources_free(src, nsrc);
	set_req_free(&q);
	free(sched);
	free(hnote);
	free(note);
	free(cmd);
	return rc;
}

/*
 * An anacrontab job: SCHEDULE is the period (days, @monthly, @yearly),
 * --delay the minutes, the identifier ID.
 */
static int
set_anacron(struct cli_ctx *ctx, struct cli_source *src, const char *id,
    const char *sched, const char *cmd, const char *delay, bool disabled)
{
	ck_anajob_spec spec;
	const ck_anajob *aj;
	ck_set_result result;
	struct json j;
	ck_error err;
	const char *e;
	bool changed = false;
	unsigned long v;
	int rc;

	memset(&spec, 0, sizeof(spec));
	spec.id = id;
	spec.id_len = strlen(id);
	spec.command = cmd;
	spec.command_len = strlen(cmd);
	spec.disabled = disabled;
	if (strcmp(sched, "@monthly") == 0)
		spec.named = CK_ANA_MONTHLY;
	else if (strcmp(sched, "@yearly") == 0)
		spec.named = CK_ANA_YEARLY;
	else if (sched[0] != '\0' && sched[strspn(sched, "0123456789")] ==
	    '\0' && strlen(sched) < 10) {
		v = strtoul(sched, NULL, 10);
		spec.period_days = (unsigned int)v;
	} else {
		cli_warnx(ctx,
		    "an anacron period is a number of days, @monthly or "
		    "@yearly (Debian's anacron knows no other), not '%s'",
		    sched);
		return EX_DATAERR;
	}
	if (delay != NULL) {
		e = delay + strspn(delay, "0123456789");
		if (*delay == '\0' || *e != '\0' || strlen(delay) > 9) {
			cli_warnx(ctx, "--delay takes minutes, not '%s'",
			    delay);
			return CLI_EXIT_USAGE;
		}
		spec.delay = (unsigned int)strtoul(delay, NULL, 10);
	}
	memset(&err, 0, sizeof(err));
	if (ck_anacrontab_set(src->ana, &spec, &result, &err) == -1) {
		cli_warnx(ctx, "%s: %s", src->label, err.msg);
		return err.code == CK_ENOMEM ? EX_OSERR : CLI_EXIT_USAGE;
	}
	if (result != CK_SET_UNCHANGED &&
	    (rc = cli_write_tab(ctx, src, &changed)) != 0)
		return rc;
	aj = ck_anacrontab_find(src->ana, id, strlen(id));
	if (ctx->json) {
		cli_json_init(ctx, &j, stdout);
		json_obj_begin(&j);
		json_key(&j, "result");
		json_str(&j, ck_set_result_str(result));
		json_key(&j, "id");
		json_str(&j, id);
		json_key(&j, "line");
		json_int(&j, aj != NULL ? (long long)aj->lineno : 0);
		cli_json_diff(&j, src);
		json_obj_end(&j);
		json_end(&j);
	} else
		fprintf(cli_result_file(src), "%s\n",
		    cli_result_word(ctx, ck_set_result_str(result)));
	return cli_finish(CLI_EXIT_OK);
}

const struct cli_command cmd_set = {
	.name = "set",
	.summary = "create or update a job by id (idempotent)",
	.description =
"Create or update the job with marker ID ('# cronkeep: ID' above the job;\n"
"a job under another tool's marker with that name, or an identical line\n"
"without a marker, is adopted rather than duplicated).  Only the job's own\n"
"lines change.  Prints created, updated or unchanged (nothing is written\n"
"when unchanged).\n"
"\n"
"COMMAND is what the shell runs: cronkeep writes it for cron, '%' as '\\%'\n"
"(cron would cut the command there and feed the rest to its standard\n"
"input); --raw writes COMMAND as crontab text instead.  The new line is\n"
"linted as 'check' would: an error refuses it (exit 65), warnings are\n"
"printed (and refuse it with --strict).\n"
"\n"
"SCHEDULE is one word ('*/5 * * * *', @daily) or five words, or built with\n"
"--every, --at, --on and --during, or --when or --once.\n"
"\n"
"Hashed times (Jenkins' H): a field H, H/N, H(A-B) or H(A-B)/N, or a --when\n"
"phrase with 'at some minute [between HH:MM and HH:MM]', is resolved to\n"
"plain cron by a stable hash of the host name, the crontab's owner and ID\n"
"(or --seed TEXT), so that the same ID on the same host always gets the\n"
"same time.  The marker keeps the request ('# cronkeep: ID [H H * * *\n"
"key=HEX]'); a later set with the same request reuses that key.\n"
"\n"
"In an anacrontab (-f FILE named anacrontab, or --anacrontab), ID is the\n"
"job identifier, SCHEDULE the period (days, @monthly or @yearly) and\n"
"--delay the delay in minutes; the line is PERIOD DELAY ID COMMAND.\n",
	.epilog =
"With --json: {\"result\",\"id\",\"line\",\"warnings\"} (+ \"diff\" with -n)\n"
"\n"
"Exit: 0 done, 2 usage or a value refused (newline, CR, NUL, bad id),\n"
"65 bad schedule or a lint error (nothing written), 75 the crontab changed\n"
"meanwhile (nothing written).\n",
	.options = options,
	.synopsis = "[SCHEDULE] -- COMMAND ...",
	.flags = CMD_WRITES,
	.exec = set,
};
