/* SPDX-License-Identifier: ISC */
/*
 * export.c - translate jobs for the schedulers that run fleets: a systemd
 * .timer and .service pair, or a Kubernetes batch/v1 CronJob.  The
 * translation is exact where the target can say the same thing, and says
 * in a note, job by job, what it cannot carry over.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_FILES	2
#define MAX_NOTES	16

struct ck_export {
	char	*name;
	char	*file_name[MAX_FILES];
	char	*file_text[MAX_FILES];
	size_t	 nfiles;
	char	*notes[MAX_NOTES];
	size_t	 nnotes;
	bool	 faithful;
};

static int
note(ck_export *x, bool unfaithful, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	if (unfaithful)
		x->faithful = false;
	if (x->nnotes == MAX_NOTES)
		return 0;
	va_start(ap, fmt);
	n = ck_vfmt(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (s = malloc((size_t)n + 1)) == NULL)
		return -1;
	va_start(ap, fmt);
	ck_vfmt(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	x->notes[x->nnotes++] = s;
	return 0;
}

/*
 * A field's values as a list with ranges: "0,15,30,45", "1-5" (cron) or
 * "1..5" (systemd); names for days of the week when asked.
 */
static void
put_value(struct ck_buf *b, int v, bool name, bool pad)
{
	if (name)
		ck_buf_adds(b, ck_dow_Abbr(v % 7));
	else
		ck_buf_printf(b, pad ? "%02d" : "%d", v);
}

static void
field_list(struct ck_buf *b, uint64_t bits, int lo, int hi, const char *dash,
    bool dow_as_names)
{
	/* systemd writes times as HH:MM: pad hours and minutes there. */
	bool pad = dash[0] == '.' && !dow_as_names && (hi == 59 || hi == 23);
	int v, end;
	bool first = true;

	/*
	 * systemd's week runs Mon..Sun and refuses "Sun..Tue" (systemd 252):
	 * Sunday goes last, as 7 ("Mon,Tue,Sun", "Fri..Sun").
	 */
	if (dow_as_names && lo == 0 && hi == 6) {
		bits = ((bits & 0x7f) >> 1) << 1 | (bits & 1) << 7;
		lo = 1;
		hi = 7;
	}

	for (v = lo; v <= hi; v++) {
		if (!((bits >> v) & 1))
			continue;
		end = v;
		while (end + 1 <= hi && ((bits >> (end + 1)) & 1))
			end++;
		if (!first)
			ck_buf_addc(b, ',');
		first = false;
		put_value(b, v, dow_as_names, pad);
		if (end >= v + 2) {
			ck_buf_adds(b, dash);
			put_value(b, end, dow_as_names, pad);
		} else if (end == v + 1) {
			ck_buf_addc(b, ',');
			put_value(b, end, dow_as_names, pad);
		}
		v = end;
	}
}

static bool
full(uint64_t bits, int lo, int hi)
{
	int v;

	for (v = lo; v <= hi; v++)
		if (!((bits >> v) & 1))
			return false;
	return true;
}

/* How the days of a schedule can be said with ANDed fields. */
enum dayform {
	DAYS_ALL,	/* every day */
	DAYS_AND,	/* one spec: day-of-month AND weekday */
	DAYS_OR		/* two specs: day-of-month, OR weekday */
};

static enum dayform
day_form(const struct ck_expr *e)
{
	bool domfull = full(e->dom, 1, 31), dowfull = full(e->dow, 0, 6);

	if (e->flags & (CK_SF_DOM_STAR | CK_SF_DOW_STAR))
		return domfull && dowfull ? DAYS_ALL : DAYS_AND;
	/* Both restricted: either matching is enough. */
	if (domfull || dowfull)
		return DAYS_ALL;
	return DAYS_OR;
}

/* One OnCalendar= value. */
static void
calendar(struct ck_buf *b, const struct ck_expr *e, bool use_dom,
    bool use_dow, const char *zone)
{
	if (use_dow && !full(e->dow, 0, 6)) {
		field_list(b, e->dow, 0, 6, "..", true);
		ck_buf_addc(b, ' ');
	}
	ck_buf_adds(b, "*-");
	if (full(e->month, 1, 12))
		ck_buf_addc(b, '*');
	else
		field_list(b, e->month, 1, 12, "..", false);
	ck_buf_addc(b, '-');
	if (!use_dom || full(e->dom, 1, 31))
		ck_buf_addc(b, '*');
	else
		field_list(b, e->dom, 1, 31, "..", false);
	ck_buf_addc(b, ' ');
	if (full(e->hour, 0, 23))
		ck_buf_addc(b, '*');
	else
		field_list(b, e->hour, 0, 23, "..", false);
	ck_buf_addc(b, ':');
	if (full(e->minute, 0, 59))
		ck_buf_addc(b, '*');
	else
		field_list(b, e->minute, 0, 59, "..", false);
	ck_buf_adds(b, ":00");
	if (zone != NULL && zone[0] != '\0') {
		ck_buf_addc(b, ' ');
		ck_buf_adds(b, zone);
	}
}

int
ck_expr_oncalendar(const ck_expr *e, const char *zone, char **out,
    size_t *n, ck_error *err)
{
	struct ck_buf b = { 0 };

	*n = 0;
	if (e->flags & CK_SF_REBOOT)
		return ck_error_set(err, CK_EINVAL, 0, 0,
		    "@reboot has no calendar time");
	switch (day_form(e)) {
	case DAYS_ALL:
		calendar(&b, e, false, false, zone);
		*n = 1;
		break;
	case DAYS_AND:
		calendar(&b, e, true, true, zone);
		*n = 1;
		break;
	case DAYS_OR:
		/* systemd ANDs weekday and day: cron's OR needs two lines. */
		calendar(&b, e, true, false, zone);
		ck_buf_addc(&b, '\n');
		calendar(&b, e, false, true, zone);
		*n = 2;
		break;
	}
	if ((*out = ck_buf_take(&b, NULL)) == NULL) {
		*n = 0;
		return ck_error_oom(err);
	}
	return 0;
}

/* The effective value of name for job, NUL-terminated, or NULL. */
static char *
env_value(const ck_tab *tab, const ck_job *job, const char *name)
{
	const char *v;
	size_t vl;
	char *s;

	if ((v = ck_tab_getenv(tab, job->line, name, &vl)) == NULL)
		return NULL;
	if ((s = malloc(vl + 1)) == NULL)
		return NULL;
	memcpy(s, v, vl);
	s[vl] = '\0';
	return s;
}

/* A stable short hash of the job line, for names of unmarked jobs. */
static unsigned long
line_hash(const ck_tab *tab, const ck_job *job)
{
	const struct ck_line *l = &tab->lines[job->line];
	unsigned long h = 2166136261u;
	uint32_t i;

	for (i = 0; i < l->len; i++) {
		h ^= (unsigned char)l->p[i];
		h = (h * 16777619u) & 0xffffffffu;
	}
	return h;
}

/* Whether s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
static bool
utf8_ok(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k, len;
	unsigned int c;

	while (i < n) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		if (u[i] >= 0xc2 && u[i] <= 0xdf)
			len = 2, c = u[i] & 0x1f;
		else if (u[i] >= 0xe0 && u[i] <= 0xef)
			len = 3, c = u[i] & 0x0f;
		else if (u[i] >= 0xf0 && u[i] <= 0xf4)
			len = 4, c = u[i] & 0x07;
		else
			return false;
		if (n - i < len)
			return false;
		for (k = 1; k < len; k++) {
			if ((u[i + k] & 0xc0) != 0x80)
				return false;
			c = (c << 6) | (u[i + k] & 0x3f);
		}
		if ((len == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
		    (len == 4 && (c < 0x10000 || c > 0x10ffff)))
			return false;
		i += len;
	}
	return true;
}

/*
 * name: [a-z0-9-], at most max bytes, from the id or a hash.  A name cut
 * to max ends in a hash of the whole id, so that two long ids sharing
 * their first bytes still get two names.
 */
static char *
make_name(const ck_tab *tab, const ck_job *job, const char *prefix,
    size_t max, bool dns)
{
	struct ck_buf b = { 0 };
	size_t i;
	bool dash = false;

	ck_buf_adds(&b, prefix);
	if (job->id != NULL) {
		for (i = 0; i < job->id_len; i++) {
			unsigned char c = (unsigned char)job->id[i];

			if (ck_isalnum(c) || (!dns && (c == '_' || c == '.'))) {
				ck_buf_addc(&b, (char)(dns ? ck_tolower(c) :
				    c));
				dash = false;
			} else if (!dash && b.len > 0) {
				ck_buf_addc(&b, '-');
				dash = true;
			}
		}
	} else
		ck_buf_printf(&b, "%08lx", line_hash(tab, job));
	if (b.p == NULL)
		return NULL;
	if (b.len > max) {
		unsigned long h = 2166136261u;

		for (i = 0; i < job->id_len; i++) {
			h ^= (unsigned char)job->id[i];
			h = (h * 16777619u) & 0xffffffffu;
		}
		b.len = max - 9;
		while (b.len > 0 && (b.p[b.len - 1] == '-' ||
		    b.p[b.len - 1] == '.'))
			b.len--;
		ck_buf_printf(&b, "-%08lx", h);
		if (b.p == NULL)
			return NULL;
	}
	while (b.len > 0 && (b.p[b.len - 1] == '-' || b.p[b.len - 1] == '.'))
		b.len--;
	b.p[b.len] = '\0';
	return ck_buf_take(&b, NULL);
}

/* Quote for systemd: inside "...", escape \ and ", double $ and %. */
static void
sd_quote(struct ck_buf *b, const char *s, bool dollars)
{
	ck_buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '\\' || *s == '"')
			ck_buf_addc(b, '\\');
		if (*s == '%')
			ck_buf_addc(b, '%');
		if (*s == '$' && dollars)
			ck_buf_addc(b, '$');
		ck_buf_addc(b, *s);
	}
	ck_buf_addc(b, '"');
}

/* Environment="NAME=value": quoted, specifiers doubled. */
static void
sd_quote_kv(struct ck_buf *b, const char *name, const char *v, size_t vl)
{
	size_t i;

	ck_buf_addc(b, '"');
	ck_buf_adds(b, name);
	ck_buf_addc(b, '=');
	for (i = 0; i < vl; i++) {
		if (v[i] == '\\' || v[i] == '"')
			ck_buf_addc(b, '\\');
		if (v[i] == '%')
			ck_buf_addc(b, '%');
		ck_buf_addc(b, v[i]);
	}
	ck_buf_addc(b, '"');
}

/*
 * Specifiers and C escapes are processed in StandardInputText=, and the
 * unit parser strips a value's leading and trailing blanks: those are
 * written as escapes, so that the text arrives as cron would give it.
 */
static void
sd_text(struct ck_buf *b, const char *s, size_t n)
{
	size_t i, lead, trail;

	for (lead = 0; lead < n && ck_isblank(s[lead]); lead++)
		continue;
	for (trail = n; trail > lead && ck_isblank(s[trail - 1]); trail--)
		continue;
	for (i = 0; i < n; i++) {
		if (i < lead || i >= trail) {
			ck_buf_adds(b, s[i] == ' ' ? "\\x20" : "\\t");
			continue;
		}
		if (s[i] == '\\')
			ck_buf_addc(b, '\\');
		if (s[i] == '%')
			ck_buf_addc(b, '%');
		ck_buf_addc(b, s[i]);
	}
}

/* The environment lines in effect for job, last assignment of each name. */
static int
sd_environment(struct ck_buf *b, const ck_tab *tab, const ck_job *job,
    ck_export *x)
{
	const ck_env_pair *e;
	ck_env *env;
	size_t i;
	int rc = 0;

	if ((env = ck_job_env(tab, job, CK_ENV_CRONTAB, NULL)) == NULL)
		return -1;
	for (i = 0; (e = ck_env_at(env, i)) != NULL && rc == 0; i++) {
		if (e->name_len == 0)
			continue;
		if (strcmp(e->name, "MAILTO") == 0 ||
		    strcmp(e->name, "MAILFROM") == 0) {
			/* MAILTO="" mails nothing: that carries over. */
			rc = note(x, e->value_len > 0, "%s=%s: systemd does "
			    "not mail the output; it goes to the journal",
			    e->name, e->value);
			continue;
		}
		if (strcmp(e->name, "CRON_TZ") == 0 ||
		    strcmp(e->name, "RANDOM_DELAY") == 0 ||
		    strcmp(e->name, "SHELL") == 0)
			continue;
		ck_buf_adds(b, "Environment=");
		sd_quote_kv(b, e->name, e->value, e->value_len);
		ck_buf_addc(b, '\n');
	}
	ck_env_free(env);
	return rc;
}

static int
add_file(ck_export *x, const char *suffix, struct ck_buf *b)
{
	struct ck_buf nb = { 0 };
	char *name, *text;

	ck_buf_adds(&nb, x->name);
	ck_buf_adds(&nb, suffix);
	if (b->oom || (name = ck_buf_take(&nb, NULL)) == NULL)
		return -1;
	if ((text = ck_buf_take(b, NULL)) == NULL) {
		free(name);
		return -1;
	}
	x->file_name[x->nfiles] = name;
	x->file_text[x->nfiles] = text;
	x->nfiles++;
	return 0;
}

static const char *
job_zone(const ck_tab *tab, const ck_job *job, const struct ck_export_opts *o,
    char **owned)
{
	const char *v;
	size_t vl;

	*owned = NULL;
	if (o != NULL && o->zone != NULL)
		return o->zone;
	if (ck_job_zone(tab, job, &v, &vl, NULL, NULL) == -1 || v == NULL ||
	    (*owned = malloc(vl + 1)) == NULL)
		return NULL;
	memcpy(*owned, v, vl);
	(*owned)[vl] = '\0';
	return *owned;
}

static const char *
job_user(const ck_job *job, const struct ck_export_opts *o, char **owned)
{
	*owned = NULL;
	if (job->user != NULL) {
		if ((*owned = malloc(job->user_len + 1)) == NULL)
			return NULL;
		memcpy(*owned, job->user, job->user_len);
		(*owned)[job->user_len] = '\0';
		return *owned;
	}
	return o != NULL ? o->user : NULL;
}

static int
export_systemd(ck_export *x, const ck_tab *tab, const ck_job *job,
    const struct ck_export_opts *o, ck_error *err)
{
	struct ck_buf t = { 0 }, s = { 0 };
	char *cal = NULL, *zone_own = NULL, *user_own = NULL, *shell = NULL;
	char *cmd = NULL, *in = NULL, *delay = NULL, *line, *nl;
	const char *zone, *user, *prefix;
	size_t ncal = 0, len;
	const char *errstr;
	long long d;
	int rc = -1;

	prefix = o != NULL && o->prefix != NULL ? o->prefix : "cronkeep-";
	if ((x->name = make_name(tab, job, prefix, 200, false)) == NULL)
		goto oom;
	zone = job_zone(tab, job, o, &zone_own);
	user = job_user(job, o, &user_own);
	if (ck_command_split_dialect(job->cmd, job->cmd_len, tab->dialect,
	    &cmd, &in, err) == -1)
		goto out;
	/* The timer. */
	ck_buf_printf(&t, "# Generated by cronkeep from line %u.\n[Unit]\n"
	    "Description=Timer for ", job->line + 1);
	ck_buf_adds(&t, x->name);
	ck_buf_adds(&t, "\n\n[Timer]\n");
	if (job->expr.flags & CK_SF_REBOOT) {
		ck_buf_adds(&t, "OnBootSec=1min\n");
		if (note(x, true, "@reboot became OnBootSec=1min: it runs a "
		    "minute after every boot, where cron runs it when the "
		    "daemon starts") == -1)
			goto oom;
	} else {
		if (ck_expr_oncalendar(&job->expr, zone, &cal, &ncal, err) ==
		    -1)
			goto out;
		for (line = cal; line != NULL; line = nl) {
			if ((nl = strchr(line, '\n')) != NULL)
				*nl++ = '\0';
			ck_buf_printf(&t, "OnCalendar=%s\n", line);
		}
		if (ncal == 2 && note(x, false, "two OnCalendar= lines: cron "
		    "runs on the day of month OR the weekday, systemd needs "
		    "one line for each") == -1)
			goto oom;
		if ((job->expr.flags & (CK_SF_MIN_STAR | CK_SF_HR_STAR)) == 0 &&
		    note(x, true, "daylight saving: cron runs a fixed-time "
		    "job skipped by the change once after it and a repeated "
		    "one once; systemd skips and repeats by the wall clock") ==
		    -1)
			goto oom;
	}
	ck_buf_adds(&t, "AccuracySec=1s\nPersistent=false\n");
	if (ck_dialect_facts(tab->dialect)->random_delay &&
	    (delay = env_value(tab, job, "RANDOM_DELAY")) != NULL) {
		d = strtonum(delay, 0, 1440, &errstr);
		if (errstr == NULL && d > 0)
			ck_buf_printf(&t, "RandomizedDelaySec=%lldmin\n", d);
	}
	if (job->enabled)
		ck_buf_adds(&t, "\n[Install]\nWantedBy=timers.target\n");
	else if (note(x, false, "disabled in the crontab: the timer has no "
	    "[Install] section, so enabling it does nothing") == -1)
		goto oom;
	/* The service. */
	ck_buf_adds(&s, "# Generated by cronkeep.\n[Unit]\nDescription=");
	ck_buf_adds(&s, x->name);
	ck_buf_adds(&s, "\n\n[Service]\nType=oneshot\n");
	if (user != NULL) {
		ck_buf_adds(&s, "User=");
		ck_buf_adds(&s, user);
		ck_buf_addc(&s, '\n');
	} else if (note(x, true, "a user crontab's job without --user: the "
	    "service runs as root (or install it as a user unit)") == -1)
		goto oom;
	if (sd_environment(&s, tab, job, x) == -1)
		goto oom;
	shell = env_value(tab, job, "SHELL");
	ck_buf_adds(&s, "ExecStart=");
	ck_buf_adds(&s, shell != NULL ? shell : "/bin/sh");
	ck_buf_adds(&s, " -c ");
	sd_quote(&s, cmd, true);
	ck_buf_addc(&s, '\n');
	if (in != NULL) {
		/*
		 * One StandardInputText= per line; an empty assignment would
		 * reset the text, so empty lines go as "\n" escapes.
		 */
		ck_buf_adds(&s, "StandardInput=data\n");
		for (line = in; *line != '\0'; line = nl) {
			ck_buf_adds(&s, "StandardInputText=");
			for (; *line == '\n' && line[1] != '\0'; line++)
				ck_buf_adds(&s, "\\n");
			nl = strchr(line, '\n');
			len = nl != NULL ? (size_t)(nl - line) : strlen(line);
			sd_text(&s, line, len);
			line += len;
			nl = *line == '\n' ? line + 1 : line;
			for (; *nl == '\n' && nl[1] == '\0'; nl++)
				ck_buf_adds(&s, "\\n");
			ck_buf_addc(&s, '\n');
		}
	}
	if (add_file(x, ".timer", &t) == -1 || add_file(x, ".service", &s) ==
	    -1)
		goto oom;
	rc = 0;
	goto out;
oom:
	ck_error_oom(err);
out:
	ck_buf_free(&t);
	ck_buf_free(&s);
	free(cal);
	free(zone_own);
	free(user_own);
	free(shell);
	free(cmd);
	free(in);
	free(delay);
	return rc;
}

/* A YAML double-quoted scalar (JSON escapes are valid YAML). */
static void
yq(struct ck_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	ck_buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\') {
			ck_buf_addc(b, '\\');
			ck_buf_addc(b, (char)c);
		} else if (c == '\n')
			ck_buf_adds(b, "\\n");
		else if (c == '\t')
			ck_buf_adds(b, "\\t");
		else if (c < 0x20 || c == 0x7f) {
			ck_buf_adds(b, "\\x");
			ck_buf_addc(b, hex[c >> 4]);
			ck_buf_addc(b, hex[c & 15]);
		} else
			ck_buf_addc(b, (char)c);
	}
	ck_buf_addc(b, '"');
}

static void
yqs(struct ck_buf *b, const char *s)
{
	yq(b, s, strlen(s));
}

/*
 * The schedule for Kubernetes (robfig/cron: 0-6 weekdays, and a stepped
 * "*\/n" day field is not a star there).
 */
static int
k8s_schedule(struct ck_buf *b, const struct ck_expr *e, ck_export *x)
{
	enum dayform form = day_form(e);
	bool domfull = full(e->dom, 1, 31), dowfull = full(e->dow, 0, 6);

	switch (e->keyword) {
	case CK_KW_YEARLY:
	case CK_KW_ANNUALLY:
	case CK_KW_MONTHLY:
	case CK_KW_WEEKLY:
	case CK_KW_DAILY:
	case CK_KW_MIDNIGHT:
	case CK_KW_HOURLY:
		ck_buf_add(b, e->text, e->len);
		return 0;
	default:
		break;
	}
	if (full(e->minute, 0, 59))
		ck_buf_addc(b, '*');
	else
		field_list(b, e->minute, 0, 59, "-", false);
	ck_buf_addc(b, ' ');
	if (full(e->hour, 0, 23))
		ck_buf_addc(b, '*');
	else
		field_list(b, e->hour, 0, 23, "-", false);
	ck_buf_addc(b, ' ');
	if (form == DAYS_ALL || domfull)
		ck_buf_addc(b, '*');
	else
		field_list(b, e->dom, 1, 31, "-", false);
	ck_buf_addc(b, ' ');
	if (full(e->month, 1, 12))
		ck_buf_addc(b, '*');
	else
		field_list(b, e->month, 1, 12, "-", false);
	ck_buf_addc(b, ' ');
	if (form == DAYS_ALL || dowfull)
		ck_buf_addc(b, '*');
	else
		field_list(b, e->dow, 0, 6, "-", false);
	/* AND of two restricted sets: robfig would OR the two lists. */
	if (form == DAYS_AND && !domfull && !dowfull)
		return note(x, true, "the schedule needs BOTH the day of month "
		    "and the weekday (a day field starting with '*'); "
		    "Kubernetes would run on EITHER");
	return 0;
}

static int
export_k8s(ck_export *x, const ck_tab *tab, const ck_job *job,
    const struct ck_export_opts *o, ck_error *err)
{
	struct ck_buf y = { 0 };
	char *zone_own = NULL, *cmd = NULL, *in = NULL, *shell = NULL;
	char *user_own = NULL;
	const char *zone, *prefix, *user;
	const ck_env_pair *e;
	ck_env *env = NULL;
	size_t i, cl;
	long long deadline = 3600;
	time_t t0, t1, t2;
	int rc = -1;

	if (o == NULL || o->image == NULL)
		return ck_error_set(err, CK_EINVAL, 0, 0,
		    "a Kubernetes CronJob needs an image");
	prefix = o->prefix != NULL ? o->prefix : "cronkeep-";
	/* CronJob names: DNS-1123, at most 52 characters. */
	if ((x->name = make_name(tab, job, prefix, 52, true)) == NULL)
		goto oom;
	if (job->expr.flags & CK_SF_REBOOT) {
		if (note(x, true, "@reboot has no Kubernetes equivalent: the "
		    "job was not exported") == -1)
			goto oom;
		rc = 0;
		goto out;
	}
	zone = job_zone(tab, job, o, &zone_own);
	user = job_user(job, o, &user_own);
	if (user != NULL && note(x, false, "user %s: set the container's "
	    "securityContext to a matching uid", user) == -1)
		goto oom;
	if (ck_command_split_dialect(job->cmd, job->cmd_len, tab->dialect,
	    &cmd, &in, err) == -1)
		goto out;
	if (in != NULL && note(x, true, "the command feeds standard input "
	    "with '%%', which a CronJob cannot do") == -1)
		goto oom;
	/* Missed runs may start until the next one is due. */
	t0 = o->now;
	if (ck_expr_next(&job->expr, ck_tz_utc(), t0, CK_DST_CALENDAR, &t1,
	    NULL, NULL) == 0 && ck_expr_next(&job->expr, ck_tz_utc(), t1,
	    CK_DST_CALENDAR, &t2, NULL, NULL) == 0 && t2 - t1 < deadline)
		deadline = t2 - t1;
	if (deadline < 10)
		deadline = 10;
	ck_buf_adds(&y, "---\n# Generated by cronkeep.\napiVersion: batch/v1\n"
	    "kind: CronJob\nmetadata:\n  name: ");
	ck_buf_adds(&y, x->name);
	ck_buf_adds(&y, "\n  labels:\n    app.kubernetes.io/managed-by: "
	    "cronkeep\nspec:\n  schedule: \"");
	if (k8s_schedule(&y, &job->expr, x) == -1)
		goto oom;
	ck_buf_adds(&y, "\"\n");
	if (zone != NULL) {
		ck_buf_adds(&y, "  timeZone: ");
		yqs(&y, zone);
		ck_buf_addc(&y, '\n');
	}
	ck_buf_printf(&y, "  concurrencyPolicy: Allow\n"
	    "  startingDeadlineSeconds: %lld\n", deadline);
	if (!job->enabled)
		ck_buf_adds(&y, "  suspend: true\n");
	ck_buf_adds(&y, "  jobTemplate:\n    spec:\n      template:\n"
	    "        spec:\n          restartPolicy: Never\n"
	    "          containers:\n          - name: job\n            image: ");
	yqs(&y, o->image);
	shell = env_value(tab, job, "SHELL");
	ck_buf_adds(&y, "\n            command: [");
	yqs(&y, shell != NULL ? shell : "/bin/sh");
	ck_buf_adds(&y, ", \"-c\", ");
	yqs(&y, cmd);
	ck_buf_adds(&y, "]\n");
	if ((env = ck_job_env(tab, job, CK_ENV_CRONTAB, err)) == NULL)
		goto out;
	for (i = 0, cl = 0; (e = ck_env_at(env, i)) != NULL; i++) {
		if (e->name_len == 0 || strcmp(e->name, "CRON_TZ") == 0 ||
		    strcmp(e->name, "SHELL") == 0)
			continue;
		if (strcmp(e->name, "MAILTO") == 0) {
			if (note(x, e->value_len > 0, "MAILTO: a CronJob does "
			    "not mail its output") == -1)
				goto oom;
			continue;
		}
		if (cl++ == 0)
			ck_buf_adds(&y, "            env:\n");
		ck_buf_adds(&y, "            - name: ");
		yqs(&y, e->name);
		ck_buf_adds(&y, "\n              value: ");
		yq(&y, e->value, e->value_len);
		ck_buf_addc(&y, '\n');
	}
	if (add_file(x, ".yaml", &y) == -1)
		goto oom;
	rc = 0;
	goto out;
oom:
	ck_error_oom(err);
out:
	ck_env_free(env);
	ck_buf_free(&y);
	free(zone_own);
	free(user_own);
	free(cmd);
	free(in);
	free(shell);
	return rc;
}

ck_export *
ck_export_job(const ck_tab *tab, const ck_job *job, ck_export_target target,
    const struct ck_export_opts *opts, ck_error *err)
{
	struct ck_export_opts oo, *o = &oo;
	ck_export *x;
	int rc;

	if (ck_tab_check_job(tab, job, err) == -1 ||
	    ck_opts_read(&oo, sizeof(oo), opts, "ck_export_opts", err) == -1)
		return NULL;
	if ((x = calloc(1, sizeof(*x))) == NULL) {
		ck_error_oom(err);
		return NULL;
	}
	x->faithful = true;
	if (!utf8_ok(tab->lines[job->line].p, tab->lines[job->line].len)) {
		/* systemd refuses such a unit, YAML such a document. */
		if ((x->name = make_name(tab, job, o->prefix != NULL ?
		    o->prefix : "cronkeep-", 52, target ==
		    CK_EXPORT_KUBERNETES)) == NULL ||
		    note(x, true, "the line is not valid UTF-8, which neither "
		    "systemd units nor YAML can hold: the job was not "
		    "exported") == -1) {
			ck_export_free(x);
			ck_error_oom(err);
			return NULL;
		}
		return x;
	}
	if (target == CK_EXPORT_SYSTEMD)
		rc = export_systemd(x, tab, job, o, err);
	else if (target == CK_EXPORT_KUBERNETES)
		rc = export_k8s(x, tab, job, o, err);
	else
		rc = ck_error_set(err, CK_EINVAL, 0, 0, "unknown target");
	if (rc == -1) {
		ck_export_free(x);
		return NULL;
	}
	return x;
}

const char *
ck_export_name(const ck_export *x)
{
	return x->name;
}

size_t
ck_export_file_count(const ck_export *x)
{
	return x->nfiles;
}

const char *
ck_export_file_name(const ck_export *x, size_t i)
{
	return i < x->nfiles ? x->file_name[i] : NULL;
}

const char *
ck_export_file_text(const ck_export *x, size_t i)
{
	return i < x->nfiles ? x->file_text[i] : NULL;
}

size_t
ck_export_note_count(const ck_export *x)
{
	return x->nnotes;
}

const char *
ck_export_note(const ck_export *x, size_t i)
{
	return i < x->nnotes ? x->notes[i] : NULL;
}

bool
ck_export_faithful(const ck_export *x)
{
	return x->faithful;
}

void
ck_export_free(ck_export *x)
{
	size_t i;

	if (x == NULL)
		return;
	free(x->name);
	for (i = 0; i < x->nfiles; i++) {
		free(x->file_name[i]);
		free(x->file_text[i]);
	}
	for (i = 0; i < x->nnotes; i++)
		free(x->notes[i]);
	free(x);
}

/* ---- anacron jobs ---- */

/* The timer's schedule for an anacron job, and whether it is exact. */
static bool
ana_calendar(struct ck_buf *t, const ck_anajob *j, int hour)
{
	unsigned int h = (unsigned int)hour + j->delay / 60, m = j->delay % 60;
	bool exact = true;

	/* anacron starts the job `delay` minutes after its own start. */
	if (h > 23) {
		h = 23;
		m = 59;
		exact = false;
	}
	ck_buf_adds(t, "OnCalendar=");
	if (j->named == CK_ANA_MONTHLY)
		ck_buf_adds(t, "*-*-01");
	else if (j->named == CK_ANA_YEARLY)
		ck_buf_adds(t, "*-01-01");
	else if (j->period_days == 7)
		ck_buf_adds(t, "Mon *-*-*");
	else {
		ck_buf_adds(t, "*-*-*");
		exact = j->period_days <= 1;
	}
	ck_buf_printf(t, " %02u:%02u:00\n", h, m);
	return exact;
}

ck_export *
ck_export_anajob(const ck_anacrontab *tab, const ck_anajob *j,
    ck_export_target target, const struct ck_export_opts *o, ck_error *err)
{
	static const char *const own[] = {
		"START_HOURS_RANGE", "RANDOM_DELAY", "SHELL", "MAILTO",
		"PREFERRED_HOUR", NULL
	};
	struct ck_buf t = { 0 }, s = { 0 }, nb = { 0 };
	struct ck_ana_settings st;
	const char *prefix, *v;
	char *name = NULL, *shell = NULL;
	ck_export *x;
	size_t i, k, a, vlen;
	bool dash = false;

	if ((x = calloc(1, sizeof(*x))) == NULL) {
		ck_error_oom(err);
		return NULL;
	}
	x->faithful = true;
	prefix = o != NULL && o->prefix != NULL ? o->prefix : "cronkeep-";
	ck_buf_adds(&nb, prefix);
	ck_buf_adds(&nb, "anacron-");
	for (i = 0; i < j->id_len; i++) {
		unsigned char c = (unsigned char)j->id[i];

		if (ck_isalnum(c) || c == '_' || c == '.') {
			ck_buf_addc(&nb, (char)c);
			dash = false;
		} else if (!dash) {
			ck_buf_addc(&nb, '-');
			dash = true;
		}
	}
	if (nb.oom || (x->name = ck_buf_take(&nb, NULL)) == NULL)
		goto oom;
	if (target != CK_EXPORT_SYSTEMD) {
		if (note(x, true, "anacron jobs run when the machine is up, "
		    "not at a time: only systemd timers (Persistent=true) do "
		    "that; nothing exported") == -1)
			goto oom;
		return x;
	}
	ck_anacrontab_settings(tab, &st);
	ck_buf_printf(&t, "# Generated by cronkeep from anacrontab line %u."
	    "\n[Unit]\nDescription=Timer for anacron job ", j->lineno);
	ck_buf_add(&t, j->id, j->id_len);
	ck_buf_adds(&t, "\n\n[Timer]\n");
	if (!ana_calendar(&t, j, st.hours_start >= 0 ? st.hours_start : 0) &&
	    note(x, true, "period %.*s: systemd cannot count days since the "
	    "last run; the timer fires every day", (int)j->period_len,
	    j->period_text) == -1)
		goto oom;
	/* Missed runs are made up at the next boot, as anacron does. */
	ck_buf_adds(&t, "Persistent=true\n");
	if (st.random_delay > 0)
		ck_buf_printf(&t, "RandomizedDelaySec=%umin\n", st.random_delay);
	if (st.hours_start >= 0 && note(x, true, "START_HOURS_RANGE=%d-%d: "
	    "the timer fires at %d:00 plus the delay; systemd does not hold "
	    "back a late catch-up run until the range", st.hours_start,
	    st.hours_stop, st.hours_start) == -1)
		goto oom;
	if (j->enabled)
		ck_buf_adds(&t, "\n[Install]\nWantedBy=timers.target\n");
	else if (note(x, false, "disabled in the crontab: the timer has no "
	    "[Install] section, so enabling it does nothing") == -1)
		goto oom;
	/* The service: root, the assignments above the job. */
	ck_buf_adds(&s, "# Generated by cronkeep.\n[Unit]\nDescription=anacron "
	    "job ");
	ck_buf_add(&s, j->id, j->id_len);
	ck_buf_adds(&s, "\n\n[Service]\nType=oneshot\nUser=root\n");
	for (i = 0; i < j->line; i++) {
		const char *text, *eq;
		size_t len;

		if (ck_anacrontab_line_kind(tab, i) != CK_LINE_ENV)
			continue;
		text = ck_anacrontab_line_text(tab, i, &len);
		for (a = 0; a < len && ck_isblank((unsigned char)text[a]); a++)
			;
		if ((eq = memchr(text + a, '=', len - a)) == NULL)
			continue;
		k = (size_t)(eq - (text + a));
		while (k > 0 && ck_isblank((unsigned char)text[a + k - 1]))
			k--;
		if ((name = strndup(text + a, k)) == NULL)
			goto oom;
		for (k = 0; own[k] != NULL && strcmp(own[k], name) != 0; k++)
			;
		v = ck_anacrontab_getenv(tab, i + 1, name, &vlen);
		if (own[k] == NULL && v != NULL &&
		    ck_anacrontab_getenv(tab, j->line, name, &vlen) == v) {
			/* The last assignment of the name above the job. */
			ck_buf_adds(&s, "Environment=");
			sd_quote_kv(&s, name, v, vlen);
			ck_buf_addc(&s, '\n');
		} else if (strcmp(name, "MAILTO") == 0 && note(x, false,
		    "MAILTO: systemd does not mail the output; it goes to the "
		    "journal") == -1)
			goto oom;
		free(name);
		name = NULL;
	}
	if ((v = ck_anacrontab_getenv(tab, j->line, "SHELL", &vlen)) != NULL &&
	    (shell = strndup(v, vlen)) == NULL)
		goto oom;
	ck_buf_adds(&s, "ExecStart=");
	ck_buf_adds(&s, shell != NULL && shell[0] != '\0' ? shell : "/bin/sh");
	ck_buf_adds(&s, " -c ");
	if ((name = strndup(j->command, j->command_len)) == NULL)
		goto oom;
	sd_quote(&s, name, true);
	ck_buf_addc(&s, '\n');
	if (add_file(x, ".timer", &t) == -1 || add_file(x, ".service", &s) ==
	    -1)
		goto oom;
	free(name);
	free(shell);
	return x;
oom:
	ck_error_oom(err);
	ck_buf_free(&t);
	ck_buf_free(&s);
	ck_buf_free(&nb);
	free(name);
	free(shell);
	ck_export_free(x);
	return NULL;
}
