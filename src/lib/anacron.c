/*
 * anacron.c - anacrontab documents: anacron's own format (period in days
 * or @name, delay in minutes, job identifier, command; NAME=value
 * assignments), kept losslessly like a crontab, checked with the rules of
 * Debian's anacron 2.3, edited by job identifier, and the time a job runs
 * next under anacron's rules (timestamp day, period, hours range, delay).
 *
 * anacron reads its file one logical line at a time: a backslash before a
 * newline joins the next physical line (the pair becomes one blank), and
 * every other backslash is dropped.  The model keeps each logical line's
 * exact bytes and parses the text anacron would see ("cooked"), so the
 * line numbers anacron prints are logical ones: ck_anajob.lineno and the
 * diagnostics give the physical line a logical line starts on.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct ana_line {
	char		*raw;		/* exact bytes, line ending included */
	size_t		 len;
	char		*cooked;	/* what anacron parses,
	    NUL-terminated */
	size_t		 clen;
	unsigned int	 phys;		/* 1-based physical line it starts on */
	uint8_t		 kind;		/* enum ck_line_kind */
	uint8_t		 problem;	/* enum ana_problem */
	size_t		 job;		/* index into jobs, or SIZE_MAX */
};

struct ck_anacrontab {
	struct ana_line	*lines;
	size_t		 nlines;
	size_t		 cap;
	ck_anajob	*jobs;
	size_t		 njobs;
};

/* Why anacron skips a line (its message), or PROB_NONE. */
enum ana_problem {
	PROB_NONE = 0,
	PROB_SYNTAX,		/* "Invalid syntax ... skipping this line" */
	PROB_IDENT_SLASH,	/* the same, because of a '/' in the id */
	PROB_NUMBER,		/* "number out of range" */
	PROB_PERIOD		/* "Unknown named period" */
};

/* The fields of a job line, as offsets into its cooked text. */
struct ana_fields {
	size_t	 per, per_len, del, del_len, id, id_len, cmd, cmd_len;
};

static void
line_clear(struct ana_line *l)
{
	free(l->raw);
	free(l->cooked);
	l->raw = l->cooked = NULL;
}

void
ck_anacrontab_free(ck_anacrontab *tab)
{
	size_t i;

	if (tab == NULL)
		return;
	for (i = 0; i < tab->nlines; i++)
		line_clear(&tab->lines[i]);
	free(tab->lines);
	free(tab->jobs);
	free(tab);
}

/*
 * The text anacron's read_tab_line() makes of a logical line (its bytes
 * without the final newline): a backslash-newline pair becomes a blank,
 * other backslashes and NUL bytes are dropped, a trailing backslash at
 * the end of the file is kept.
 */
static char *
cook(const char *p, size_t len, size_t *out_len)
{
	char *s;
	size_t i, n = 0;
	int prev = 0, c;

	if ((s = malloc(len + 2)) == NULL)
		return NULL;
	for (i = 0; i <= len; i++) {
		c = i < len ? (unsigned char)p[i] : -1;
		if (c == -1) {
			if (prev != 0)
				s[n++] = (char)prev;
			break;
		}
		if (prev != '\\' && prev != 0 && prev != '\n')
			s[n++] = (char)prev;
		else if (prev == '\n')
			s[n++] = ' ';
		prev = c;
	}
	s[n] = '\0';
	*out_len = n;
	return s;
}

static size_t
skip_blanks(const char *s, size_t i, size_t n)
{
	while (i < n && ck_isblank((unsigned char)s[i]))
		i++;
	return i;
}

/*
 * anacron's "empty line" rule:  ^[ \t]*($|#)
 */
static bool
is_blank_or_comment(const char *s, size_t n)
{
	size_t i = skip_blanks(s, 0, n);

	return i == n || s[i] == '#';
}

/*
 * anacron's assignment rule:  ^[ \t]*([^ \t=]+)[ \t]*=(.*)$
 */
static bool
match_env(const char *s, size_t n, size_t *name, size_t *nlen, size_t *val)
{
	size_t i = skip_blanks(s, 0, n), b = i;

	while (i < n && !ck_isblank((unsigned char)s[i]) && s[i] != '=')
		i++;
	if (i == b)
		return false;
	*name = b;
	*nlen = i - b;
	i = skip_blanks(s, i, n);
	if (i >= n || s[i] != '=')
		return false;
	*val = i + 1;
	return true;
}

/*
 * anacron's two job rules:
 *   ^[ \t]*([[:digit:]]+)[ \t]+([[:digit:]]+)[ \t]+([^ \t/]+)[ \t]+([^ \t].*)$
 *   ^[ \t]*(@[^ \t]+)[ \t]+([[:digit:]]+)[ \t]+([^ \t/]+)[ \t]+([^ \t].*)$
 * Every group is a maximal run, so no backtracking is needed.  *slash is
 * set when the only thing wrong is a '/' in the identifier.
 */
static bool
match_job(const char *s, size_t n, struct ana_fields *f, bool *slash)
{
	size_t i = skip_blanks(s, 0, n), b;

	*slash = false;
	b = i;
	if (i < n && s[i] == '@') {
		i++;
		while (i < n && !ck_isblank((unsigned char)s[i]))
			i++;
		if (i == b + 1)
			return false;
	} else {
		while (i < n && ck_isdigit((unsigned char)s[i]))
			i++;
		if (i == b)
			return false;
	}
	f->per = b;
	f->per_len = i - b;
	if (i >= n || !ck_isblank((unsigned char)s[i]))
		return false;
	b = i = skip_blanks(s, i, n);
	while (i < n && ck_isdigit((unsigned char)s[i]))
		i++;
	if (i == b || i >= n || !ck_isblank((unsigned char)s[i]))
		return false;
	f->del = b;
	f->del_len = i - b;
	b = i = skip_blanks(s, i, n);
	while (i < n && !ck_isblank((unsigned char)s[i]) && s[i] != '/')
		i++;
	f->id = b;
	f->id_len = i - b;
	if (i < n && s[i] == '/') {
		/* Would the line be a job with the id written without '/'? */
		while (i < n && !ck_isblank((unsigned char)s[i]))
			i++;
		i = skip_blanks(s, i, n);
		*slash = i < n && i > b;
		return false;
	}
	if (i == b || i >= n)
		return false;
	i = skip_blanks(s, i, n);
	if (i >= n)
		return false;
	f->cmd = i;
	f->cmd_len = n - i;
	return true;
}

/* anacron's conv2int(): strtol(3) clamped to 0..INT_MAX, else -1. */
static long
conv2int(const char *s, size_t len)
{
	long v = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (v > (INT_MAX - (s[i] - '0')) / 10)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/*
 * Debian's anacron 2.3 compares the first seven bytes only: "@monthl..."
 * is monthly, "@yearly..." yearly; @daily, @weekly and @annually are
 * unknown there (the line is skipped with an error).
 */
static enum ck_ana_period
named_period(const char *s, size_t len)
{
	if (len >= 7 && memcmp(s, "@monthl", 7) == 0)
		return CK_ANA_MONTHLY;
	if (len >= 7 && memcmp(s, "@yearly", 7) == 0)
		return CK_ANA_YEARLY;
	return CK_ANA_DAYS;
}

/*
 * Parse a cooked line fully as a job into *j (pointers into s).
 * @return PROB_NONE for a job anacron runs, else why it skips the line;
 * -1 when the line is no job at all (an assignment is checked first by
 * the caller).
 */
static int
parse_job(const char *s, size_t n, ck_anajob *j)
{
	struct ana_fields f;
	bool slash;
	long per = 0, del;

	if (!match_job(s, n, &f, &slash))
		return slash ? PROB_IDENT_SLASH : PROB_SYNTAX;
	memset(j, 0, sizeof(*j));
	j->period_text = s + f.per;
	j->period_len = f.per_len;
	j->id = s + f.id;
	j->id_len = f.id_len;
	j->command = s + f.cmd;
	j->command_len = f.cmd_len;
	del = conv2int(s + f.del, f.del_len);
	if (s[f.per] != '@')
		per = conv2int(s + f.per, f.per_len);
	if (per < 0 || del < 0)
		return PROB_NUMBER;
	j->delay = (unsigned int)del;
	if (s[f.per] == '@') {
		j->named = named_period(s + f.per, f.per_len);
		if (j->named == CK_ANA_DAYS)
			return PROB_PERIOD;
	} else {
		j->named = CK_ANA_DAYS;
		j->period_days = (unsigned int)per;
	}
	return PROB_NONE;
}

/* Classify every line and rebuild the job list. */
static int
relink(ck_anacrontab *tab, ck_error *err)
{
	struct ana_line *l, *m;
	ck_anajob j, *v;
	size_t i, a, b, c, nid;
	unsigned int phys = 1;
	const char *id;
	int r;

	tab->njobs = 0;
	for (i = 0; i < tab->nlines; i++) {
		l = &tab->lines[i];
		l->phys = phys;
		for (a = 0; a < l->len; a++)
			if (l->raw[a] == '\n')
				phys++;
		l->job = SIZE_MAX;
		l->problem = PROB_NONE;
		if (is_blank_or_comment(l->cooked, l->clen)) {
			a = skip_blanks(l->cooked, 0, l->clen);
			l->kind = a == l->clen ? CK_LINE_BLANK : CK_LINE_COMMENT;
			/* "#" + a job under "# cronkeep: ID": a disabled job. */
			if (l->cooked[0] == '#' && i > 0 &&
			    ck_marker_parse(tab->lines[i - 1].cooked,
			    tab->lines[i - 1].clen, &id, &nid) ==
			    CK_MARKER_CRONKEEP &&
			    !match_env(l->cooked + 1, l->clen - 1, &a, &b,
			    &c) &&
			    parse_job(l->cooked + 1, l->clen - 1, &j) ==
			    PROB_NONE && j.id_len == nid &&
			    memcmp(j.id, id, nid) == 0) {
				l->kind = CK_LINE_DISABLED;
				goto job;
			}
			continue;
		}
		if (match_env(l->cooked, l->clen, &a, &b, &c)) {
			l->kind = CK_LINE_ENV;
			continue;
		}
		r = parse_job(l->cooked, l->clen, &j);
		if (r != PROB_NONE) {
			l->kind = CK_LINE_INVALID;
			l->problem = (uint8_t)r;
			continue;
		}
		l->kind = CK_LINE_JOB;
job:
		if (tab->njobs % 16 == 0) {
			v = reallocarray(tab->jobs, tab->njobs + 16,
			    sizeof(*v));
			if (v == NULL)
				return ck_error_oom(err);
			tab->jobs = v;
		}
		j.line = i;
		j.lineno = l->phys;
		j.enabled = l->kind == CK_LINE_JOB;
		l->job = tab->njobs;
		tab->jobs[tab->njobs++] = j;
		if (i > 0) {
			m = &tab->lines[i - 1];
			if (ck_marker_parse(m->cooked, m->clen, &id, &nid) ==
			    CK_MARKER_CRONKEEP && m->kind == CK_LINE_COMMENT)
				m->kind = CK_LINE_MARKER;
		}
	}
	return 0;
}

/* Append a logical line holding a copy of p. */
static int
add_line(ck_anacrontab *tab, const char *p, size_t len, ck_error *err)
{
	struct ana_line *v, *l;
	size_t body = len;

	if (tab->nlines == tab->cap) {
		v = reallocarray(tab->lines, tab->cap ? tab->cap * 2 : 16,
		    sizeof(*v));
		if (v == NULL)
			return ck_error_oom(err);
		tab->lines = v;
		tab->cap = tab->cap ? tab->cap * 2 : 16;
	}
	l = &tab->lines[tab->nlines];
	memset(l, 0, sizeof(*l));
	if ((l->raw = malloc(len + 1)) == NULL)
		return ck_error_oom(err);
	memcpy(l->raw, p, len);
	l->raw[len] = '\0';
	l->len = len;
	if (body > 0 && p[body - 1] == '\n')
		body--;
	if ((l->cooked = cook(p, body, &l->clen)) == NULL) {
		line_clear(l);
		return ck_error_oom(err);
	}
	tab->nlines++;
	return 0;
}

ck_anacrontab *
ck_anacrontab_parse(const char *text, size_t len, ck_error *err)
{
	ck_anacrontab *tab;
	size_t i, start = 0;
	int prev = 0;

	if ((tab = calloc(1, sizeof(*tab))) == NULL) {
		ck_error_oom(err);
		return NULL;
	}
	for (i = 0; i < len; i++) {
		/* A newline ends the line unless a backslash came first. */
		if (text[i] == '\n' && prev != '\\') {
			if (add_line(tab, text + start, i + 1 - start, err) < 0)
				goto fail;
			start = i + 1;
			prev = 0;
			continue;
		}
		prev = (unsigned char)text[i];
	}
	if (start < len && add_line(tab, text + start, len - start, err) < 0)
		goto fail;
	if (relink(tab, err) < 0)
		goto fail;
	return tab;
fail:
	ck_anacrontab_free(tab);
	return NULL;
}

int
ck_anacrontab_format(const ck_anacrontab *tab, char **out, size_t *outlen,
    ck_error *err)
{
	struct ck_buf b = { NULL, 0, 0, false };
	size_t i;

	for (i = 0; i < tab->nlines; i++)
		ck_buf_add(&b, tab->lines[i].raw, tab->lines[i].len);
	if (ck_buf_addc(&b, '\0') < 0 || b.oom) {
		ck_buf_free(&b);
		return ck_error_oom(err);
	}
	b.len--;
	*out = ck_buf_take(&b, outlen);
	return 0;
}

size_t
ck_anacrontab_line_count(const ck_anacrontab *tab)
{
	return tab->nlines;
}

enum ck_line_kind
ck_anacrontab_line_kind(const ck_anacrontab *tab, size_t i)
{
	return i < tab->nlines ? (enum ck_line_kind)tab->lines[i].kind :
	    CK_LINE_BLANK;
}

const char *
ck_anacrontab_line_text(const ck_anacrontab *tab, size_t i, size_t *len)
{
	if (i >= tab->nlines) {
		*len = 0;
		return "";
	}
	*len = tab->lines[i].len;
	return tab->lines[i].raw;
}

unsigned int
ck_anacrontab_line_number(const ck_anacrontab *tab, size_t i)
{
	return i < tab->nlines ? tab->lines[i].phys : 0;
}

size_t
ck_anacrontab_job_count(const ck_anacrontab *tab)
{
	return tab->njobs;
}

const ck_anajob *
ck_anacrontab_job(const ck_anacrontab *tab, size_t i)
{
	return i < tab->njobs ? &tab->jobs[i] : NULL;
}

const ck_anajob *
ck_anacrontab_find(const ck_anacrontab *tab, const char *id, size_t len)
{
	size_t i;

	for (i = 0; i < tab->njobs; i++)
		if (tab->jobs[i].id_len == len &&
		    memcmp(tab->jobs[i].id, id, len) == 0)
			return &tab->jobs[i];
	return NULL;
}

const char *
ck_anacrontab_getenv(const ck_anacrontab *tab, size_t line,
    const char *name, size_t *vlen)
{
	const struct ana_line *l;
	size_t i, a, b, c, nlen = strlen(name);
	const char *found = NULL;

	for (i = 0; i < tab->nlines && i < line; i++) {
		l = &tab->lines[i];
		if (l->kind != CK_LINE_ENV ||
		    !match_env(l->cooked, l->clen, &a, &b, &c))
			continue;
		if (b == nlen && memcmp(l->cooked + a, name, nlen) == 0) {
			found = l->cooked + c;
			*vlen = l->clen - c;
		}
	}
	return found;
}

/*
 * START_HOURS_RANGE=START-STOP (digits only).  anacron applies the last
 * such assignment in the file to every job.
 */
static int
parse_range(const char *v, size_t n, int *start, int *stop)
{
	size_t i = 0, b;
	long a, z;

	while (i < n && ck_isdigit((unsigned char)v[i]))
		i++;
	if (i == 0 || i >= n || v[i] != '-')
		return -1;
	b = ++i;
	while (i < n && ck_isdigit((unsigned char)v[i]))
		i++;
	if (i == b || i != n)
		return -1;
	a = conv2int(v, b - 1);
	z = conv2int(v + b, n - b);
	if (a < 0 || z < 0 || a > 24 || z > 24)
		return -1;
	*start = (int)a;
	*stop = (int)z;
	return 0;
}

void
ck_anacrontab_settings(const ck_anacrontab *tab, struct ck_ana_settings *s)
{
	const char *v;
	size_t n, i;
	long d;

	s->hours_start = s->hours_stop = -1;
	s->random_delay = 0;
	v = ck_anacrontab_getenv(tab, tab->nlines, "START_HOURS_RANGE", &n);
	if (v != NULL && parse_range(v, n, &s->hours_start, &s->hours_stop)
	    < 0)
		s->hours_start = s->hours_stop = -1;
	v = ck_anacrontab_getenv(tab, tab->nlines, "RANDOM_DELAY", &n);
	if (v != NULL && n > 0) {
		for (i = 0; i < n && ck_isdigit((unsigned char)v[i]); i++)
			;
		if (i == n && (d = conv2int(v, n)) >= 0)
			s->random_delay = (unsigned int)d;
	}
}

/* ---- lint ---- */

static int
lint_line(const ck_anacrontab *tab, size_t i, ck_diag_list *l)
{
	const struct ana_line *ln = &tab->lines[i];
	unsigned int no = ln->phys;
	struct ana_fields f;
	bool slash;

	switch (ln->problem) {
	case PROB_SYNTAX:
		return ck_diag_add(l, CK_R_ANA_SYNTAX, CK_SEV_ERROR, no, 1,
		    "a job is PERIOD DELAY IDENTIFIER COMMAND; an assignment "
		    "NAME=VALUE", "anacron skips this line: it is no job, "
		    "assignment or comment");
	case PROB_IDENT_SLASH:
		match_job(ln->cooked, ln->clen, &f, &slash);
		return ck_diag_add(l, CK_R_ANA_IDENT, CK_SEV_ERROR, no,
		    (unsigned int)f.id + 1, "the identifier names the "
		    "timestamp file in /var/spool/anacron",
		    "job identifier \"%.*s\" contains '/': anacron skips "
		    "this line", (int)f.id_len + (int)(strcspn(ln->cooked +
		    f.id + f.id_len, " \t")), ln->cooked + f.id);
	case PROB_NUMBER:
		return ck_diag_add(l, CK_R_ANA_NUMBER, CK_SEV_ERROR, no, 1,
		    NULL, "period or delay larger than %d: anacron skips "
		    "this line", INT_MAX);
	case PROB_PERIOD:
		match_job(ln->cooked, ln->clen, &f, &slash);
		return ck_diag_add(l, CK_R_ANA_PERIOD, CK_SEV_ERROR, no,
		    (unsigned int)f.per + 1,
		    "Debian's anacron knows @monthly and @yearly; write 1 "
		    "for daily and 7 for weekly",
		    "unknown named period \"%.*s\": anacron skips this line",
		    (int)f.per_len, ln->cooked + f.per);
	}
	return 0;
}

/* Warnings about assignments anacron reads itself. */
static int
lint_env(const ck_anacrontab *tab, size_t i, ck_diag_list *l)
{
	const struct ana_line *ln = &tab->lines[i];
	size_t a, b, c, k;
	int s, e;
	const char *v;

	if (!match_env(ln->cooked, ln->clen, &a, &b, &c))
		return 0;
	v = ln->cooked + c;
	if (b == 17 && memcmp(ln->cooked + a, "START_HOURS_RANGE", 17) == 0) {
		if (parse_range(v, ln->clen - c, &s, &e) < 0)
			return ck_diag_add(l, CK_R_ANA_SETTING, CK_SEV_WARNING,
			    ln->phys, (unsigned int)c + 1,
			    "write START-STOP in hours, such as 3-22",
			    "START_HOURS_RANGE \"%.*s\" is not a range of "
			    "hours 0-24", (int)(ln->clen - c), v);
		if (s >= e)
			return ck_diag_add(l, CK_R_ANA_SETTING, CK_SEV_WARNING,
			    ln->phys, (unsigned int)c + 1, NULL,
			    "START_HOURS_RANGE %d-%d is empty: anacron never "
			    "starts a job", s, e);
		return 0;
	}
	if (b == 12 && memcmp(ln->cooked + a, "RANDOM_DELAY", 12) == 0) {
		for (k = c; k < ln->clen && ck_isdigit((unsigned char)
		    ln->cooked[k]); k++)
			;
		if (k == c || k != ln->clen || conv2int(v, k - c) < 0)
			return ck_diag_add(l, CK_R_ANA_SETTING, CK_SEV_WARNING,
			    ln->phys, (unsigned int)c + 1,
			    "write a number of minutes",
			    "RANDOM_DELAY \"%.*s\" is not a number of minutes",
			    (int)(ln->clen - c), v);
	}
	return 0;
}

static int
lint_jobs(const ck_anacrontab *tab, ck_diag_list *l)
{
	struct ck_ana_settings s;
	const ck_anajob *j, *k;
	unsigned long window, late;
	size_t i, m;

	ck_anacrontab_settings(tab, &s);
	for (i = 0; i < tab->njobs; i++) {
		j = &tab->jobs[i];
		if (!j->enabled)
			continue;
		for (m = 0; m < i; m++) {
			k = &tab->jobs[m];
			if (k->enabled && k->id_len == j->id_len &&
			    memcmp(k->id, j->id, j->id_len) == 0)
				break;
		}
		if (m < i && ck_diag_add(l, CK_R_ANA_DUP_ID, CK_SEV_WARNING,
		    j->lineno,
		    (unsigned int)(j->id - tab->lines[j->line].cooked)
		    + 1, "give each job its own identifier",
		    "job identifier \"%.*s\" is also used on line %u: both "
		    "jobs share one timestamp, so one of them is skipped",
		    (int)j->id_len, j->id, tab->jobs[m].lineno) < 0)
			return -1;
		if (j->named == CK_ANA_DAYS && j->period_days == 0 &&
		    ck_diag_add(l, CK_R_ANA_PERIOD, CK_SEV_WARNING, j->lineno,
		    1, NULL, "period 0: the job runs every time anacron "
		    "starts") < 0)
			return -1;
		if (s.hours_start < 0 || s.hours_start >= s.hours_stop)
			continue;
		window = (unsigned long)(s.hours_stop - s.hours_start) * 60;
		late = (unsigned long)j->delay + s.random_delay;
		if (late >= window && ck_diag_add(l, CK_R_ANA_DELAY,
		    CK_SEV_WARNING, j->lineno, 1, "shorten the delay or widen "
		    "START_HOURS_RANGE", "delay of %lu minutes (with "
		    "RANDOM_DELAY) reaches past START_HOURS_RANGE %d-%d: the "
		    "job starts after the hours it is meant for", late,
		    s.hours_start, s.hours_stop) < 0)
			return -1;
	}
	return 0;
}

/* Order findings by line, then column; stable (insertion sort). */
static void
sort_diags(ck_diag_list *l)
{
	ck_diag d;
	size_t i, k;

	for (i = 1; i < l->n; i++) {
		d = l->v[i];
		for (k = i; k > 0 && (l->v[k - 1].line > d.line ||
		    (l->v[k - 1].line == d.line && l->v[k - 1].column >
		    d.column)); k--)
			l->v[k] = l->v[k - 1];
		l->v[k] = d;
	}
}

int
ck_anacrontab_lint(const ck_anacrontab *tab, ck_diag_list **out,
    ck_error *err)
{
	ck_diag_list *l;
	size_t i;

	if ((l = ck_diag_list_new()) == NULL)
		return ck_error_oom(err);
	for (i = 0; i < tab->nlines; i++) {
		if (lint_line(tab, i, l) < 0 || lint_env(tab, i, l) < 0)
			goto oom;
		if (memchr(tab->lines[i].cooked, '\r', tab->lines[i].clen) !=
		    NULL && tab->lines[i].kind != CK_LINE_BLANK &&
		    tab->lines[i].kind != CK_LINE_COMMENT &&
		    ck_diag_add(l, CK_R_CRLF, CK_SEV_WARNING,
		    tab->lines[i].phys, 0, "save the file with LF endings",
		    "carriage return in the line: anacron keeps it as part "
		    "of the text") < 0)
			goto oom;
	}
	if (lint_jobs(tab, l) < 0)
		goto oom;
	sort_diags(l);
	*out = l;
	return 0;
oom:
	ck_diag_list_free(l);
	return ck_error_oom(err);
}

/* ---- editing ---- */

/* Replace line i's bytes (or insert a new line at i when insert). */
static int
put_line(ck_anacrontab *tab, size_t i, const char *p, size_t len,
    bool insert, ck_error *err)
{
	struct ana_line tmp;
	ck_anacrontab one = { NULL, 0, 0, NULL, 0 };

	if (add_line(&one, p, len, err) < 0)
		return -1;
	tmp = one.lines[0];
	free(one.lines);
	if (!insert) {
		line_clear(&tab->lines[i]);
		tab->lines[i] = tmp;
		return 0;
	}
	if (tab->nlines == tab->cap) {
		struct ana_line *v = reallocarray(tab->lines,
		    tab->cap ? tab->cap * 2 : 16, sizeof(*v));
		if (v == NULL) {
			line_clear(&tmp);
			return ck_error_oom(err);
		}
		tab->lines = v;
		tab->cap = tab->cap ? tab->cap * 2 : 16;
	}
	memmove(&tab->lines[i + 1], &tab->lines[i],
	    (tab->nlines - i) * sizeof(tab->lines[0]));
	tab->lines[i] = tmp;
	tab->nlines++;
	return 0;
}

static void
drop_line(ck_anacrontab *tab, size_t i)
{
	line_clear(&tab->lines[i]);
	memmove(&tab->lines[i], &tab->lines[i + 1],
	    (tab->nlines - i - 1) * sizeof(tab->lines[0]));
	tab->nlines--;
}

/* The line ending of line i ("\n", "\r\n" or ""). */
static const char *
line_eol(const ck_anacrontab *tab, size_t i)
{
	const struct ana_line *l = &tab->lines[i];

	if (l->len >= 2 && l->raw[l->len - 2] == '\r' &&
	    l->raw[l->len - 1] == '\n')
		return "\r\n";
	return l->len >= 1 && l->raw[l->len - 1] == '\n' ? "\n" : "";
}

static bool
bad_bytes(const char *p, size_t len)
{
	return memchr(p, '\n', len) != NULL || memchr(p, '\r', len) != NULL ||
	    memchr(p, '\0', len) != NULL || memchr(p, '\\', len) != NULL;
}

int
ck_anajob_spec_check(const ck_anajob_spec *spec, ck_error *err)
{
	size_t i;

	if (spec->id == NULL || spec->id_len == 0)
		return ck_error_set(err, CK_EINVAL, 0, 0,
		    "a job identifier is required");
	for (i = 0; i < spec->id_len; i++)
		if (ck_isblank((unsigned char)spec->id[i]) ||
		    spec->id[i] == '/' || spec->id[i] == '#' ||
		    spec->id[i] == '=')
			return ck_error_set(err, CK_EINVAL, 0,
			    (unsigned int)i + 1, "job identifier \"%.*s\": "
			    "no blanks, '/', '#' or '='", (int)spec->id_len,
			    spec->id);
	if (bad_bytes(spec->id, spec->id_len) || spec->command == NULL ||
	    bad_bytes(spec->command, spec->command_len))
		return ck_error_set(err, CK_EINVAL, 0, 0, "a newline, carriage "
		    "return, NUL byte or backslash in the identifier or "
		    "command (anacron joins or drops them)");
	i = 0;
	while (i < spec->command_len && ck_isblank((unsigned char)
	    spec->command[i]))
		i++;
	if (i == spec->command_len)
		return ck_error_set(err, CK_EINVAL, 0, 0,
		    "the command is empty");
	if (spec->named == CK_ANA_DAYS && spec->period_days > INT_MAX)
		return ck_error_set(err, CK_ERANGE, 0, 0, "period too large");
	if (spec->delay > INT_MAX)
		return ck_error_set(err, CK_ERANGE, 0, 0, "delay too large");
	return 0;
}

/* The job line for spec (without ending), into b. */
static void
spec_line(struct ck_buf *b, const ck_anajob_spec *spec)
{
	if (spec->disabled)
		ck_buf_addc(b, '#');
	if (spec->named == CK_ANA_MONTHLY)
		ck_buf_adds(b, "@monthly");
	else if (spec->named == CK_ANA_YEARLY)
		ck_buf_adds(b, "@yearly");
	else
		ck_buf_printf(b, "%u", spec->period_days);
	ck_buf_printf(b, "\t%u\t", spec->delay);
	ck_buf_add(b, spec->id, spec->id_len);
	ck_buf_addc(b, '\t');
	ck_buf_add(b, spec->command, spec->command_len);
}

static bool
job_is(const ck_anajob *j, const ck_anajob_spec *spec)
{
	return j->enabled == !spec->disabled && j->named == spec->named &&
	    (spec->named != CK_ANA_DAYS || j->period_days ==
	    spec->period_days) && j->delay == spec->delay &&
	    j->command_len == spec->command_len &&
	    memcmp(j->command, spec->command, spec->command_len) == 0;
}

int
ck_anacrontab_set(ck_anacrontab *tab, const ck_anajob_spec *spec,
    ck_set_result *res, ck_error *err)
{
	struct ck_buf b = { NULL, 0, 0, false }, m = { NULL, 0, 0, false };
	const ck_anajob *j;
	size_t at;
	bool marker;
	int rc = 0;

	if (ck_anajob_spec_check(spec, err) < 0)
		return -1;
	j = ck_anacrontab_find(tab, spec->id, spec->id_len);
	if (j != NULL && job_is(j, spec)) {
		*res = CK_SET_UNCHANGED;
		return 0;
	}
	/* A disabled job is "#" + the job, under "# cronkeep: ID". */
	marker = spec->disabled && (j == NULL || j->line == 0 ||
	    tab->lines[j->line - 1].kind != CK_LINE_MARKER);
	spec_line(&b, spec);
	at = j != NULL ? j->line : tab->nlines;
	ck_buf_adds(&b, j != NULL ? line_eol(tab, at) : "\n");
	if (j == NULL && at > 0 && line_eol(tab, at - 1)[0] == '\0') {
		/* The last line gets the newline it lacked. */
		ck_buf_add(&m, tab->lines[at - 1].raw, tab->lines[at - 1].len);
		ck_buf_addc(&m, '\n');
		rc = m.oom ? ck_error_oom(err) :
		    put_line(tab, at - 1, m.p, m.len, false, err);
		ck_buf_free(&m);
	}
	if (rc == 0)
		rc = b.oom ? ck_error_oom(err) :
		    put_line(tab, at, b.p, b.len, j == NULL, err);
	ck_buf_free(&b);
	if (rc == 0 && marker) {
		ck_buf_adds(&m, "# cronkeep: ");
		ck_buf_add(&m, spec->id, spec->id_len);
		ck_buf_addc(&m, '\n');
		rc = m.oom ? ck_error_oom(err) :
		    put_line(tab, at, m.p, m.len, true, err);
		ck_buf_free(&m);
	}
	if (rc < 0 || relink(tab, err) < 0)
		return -1;
	*res = j != NULL ? CK_SET_UPDATED : CK_SET_CREATED;
	return 0;
}

int
ck_anacrontab_remove(ck_anacrontab *tab, const char *id, size_t len,
    size_t *removed, ck_error *err)
{
	const ck_anajob *j;
	size_t line;

	*removed = 0;
	while ((j = ck_anacrontab_find(tab, id, len)) != NULL) {
		line = j->line;
		drop_line(tab, line);
		if (line > 0 && tab->lines[line - 1].kind == CK_LINE_MARKER)
			drop_line(tab, line - 1);
		(*removed)++;
		if (relink(tab, err) < 0)
			return -1;
	}
	return 0;
}

int
ck_anacrontab_set_enabled(ck_anacrontab *tab, const char *id, size_t len,
    bool enable, bool *changed, ck_error *err)
{
	const ck_anajob *j;
	ck_anajob_spec spec;

	*changed = false;
	if ((j = ck_anacrontab_find(tab, id, len)) == NULL)
		return ck_error_set(err, CK_ENOTFOUND, 0, 0,
		    "no anacron job \"%.*s\"", (int)len, id);
	if (j->enabled == enable)
		return 0;
	if (enable && tab->lines[j->line].raw[0] == '#') {
		/* Drop the '#': the rest of the line is kept as it is. */
		struct ana_line *l = &tab->lines[j->line];
		size_t n = l->len - 1;
		char *p = malloc(n + 1);

		if (p == NULL)
			return ck_error_oom(err);
		memcpy(p, l->raw + 1, n);
		if (put_line(tab, j->line, p, n, false, err) < 0) {
			free(p);
			return -1;
		}
		free(p);
		*changed = true;
		return relink(tab, err);
	}
	memset(&spec, 0, sizeof(spec));
	spec.id = j->id;
	spec.id_len = j->id_len;
	spec.named = j->named;
	spec.period_days = j->period_days;
	spec.delay = j->delay;
	spec.command = j->command;
	spec.command_len = j->command_len;
	spec.disabled = !enable;
	{
		/* spec points into the tab: edit from copies. */
		char *idc = strndup(j->id, j->id_len);
		char *cmd = strndup(j->command, j->command_len);
		ck_set_result r;
		int rc;

		if (idc == NULL || cmd == NULL) {
			free(idc);
			free(cmd);
			return ck_error_oom(err);
		}
		spec.id = idc;
		spec.command = cmd;
		rc = ck_anacrontab_set(tab, &spec, &r, err);
		free(idc);
		free(cmd);
		if (rc < 0)
			return -1;
	}
	*changed = true;
	return 0;
}

/* ---- when a job runs next ---- */

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long
days_from_civil(long y, unsigned int m, unsigned int d)
{
	long era;
	unsigned int yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned int)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

int
ck_anacron_stamp_parse(const char *text, size_t len, long *year,
    unsigned int *month, unsigned int *day)
{
	size_t i;
	long v = 0;

	if (len < 8)
		return -1;
	for (i = 0; i < 8; i++) {
		if (!ck_isdigit((unsigned char)text[i]))
			return -1;
		v = v * 10 + (text[i] - '0');
	}
	*year = v / 10000;
	*month = (unsigned int)(v / 100 % 100);
	*day = (unsigned int)(v % 100);
	if (*month < 1 || *month > 12 || *day < 1 || *day > 31)
		return -1;
	return 0;
}

/* Local midnight of the day that is day_num days after 1970-01-01. */
static int
midnight(const ck_tz *tz, long y, unsigned int m, unsigned int d,
    time_t *out, ck_error *err)
{
	struct tm wall;
	time_t t[2];

	memset(&wall, 0, sizeof(wall));
	wall.tm_year = (int)(y - 1900);
	wall.tm_mon = (int)m - 1;
	wall.tm_mday = (int)d;
	if (ck_tz_resolve(tz, &wall, t, err) < 0)
		return -1;
	*out = t[0];
	return 0;
}

int
ck_anajob_due(const ck_anajob *job, const char *stamp, size_t stamp_len,
    const ck_tz *tz, time_t now, time_t *out, ck_error *err)
{
	long y;
	unsigned int m, d;
	long days;
	struct tm tm;

	if (stamp == NULL || ck_anacron_stamp_parse(stamp, stamp_len, &y, &m,
	    &d) < 0) {
		*out = now;
		return 0;
	}
	if (job->named == CK_ANA_MONTHLY) {
		d = 1;
		if (++m > 12) {
			m = 1;
			y++;
		}
	} else if (job->named == CK_ANA_YEARLY) {
		d = m = 1;
		y++;
	} else {
		days = days_from_civil(y, m, d) + (long)job->period_days;
		/* Back to a civil date through the zone-free UTC calendar. */
		if (ck_tz_localtime(NULL, (time_t)days * 86400, &tm, NULL,
		    NULL, err) < 0)
			return -1;
		y = tm.tm_year + 1900L;
		m = (unsigned int)tm.tm_mon + 1;
		d = (unsigned int)tm.tm_mday;
	}
	if (midnight(tz, y, m, d, out, err) < 0)
		return -1;
	if (*out < now)
		*out = now;
	return 0;
}

int
ck_anajob_next(const ck_anacrontab *tab, const ck_anajob *job,
    const char *stamp, size_t stamp_len, const ck_expr *start,
    const ck_tz *tz, time_t now, time_t *out, ck_error *err)
{
	struct ck_ana_settings s;
	struct tm tm;
	time_t t;
	unsigned int k;

	if (!job->enabled)
		return ck_error_set(err, CK_ENEVER, 0, 0,
		    "the job is disabled");
	ck_anacrontab_settings(tab, &s);
	if (s.hours_start >= 0 && s.hours_start >= s.hours_stop)
		return ck_error_set(err, CK_ENEVER, 0, 0,
		    "START_HOURS_RANGE is empty");
	if (ck_anajob_due(job, stamp, stamp_len, tz, now, &t, err) < 0)
		return -1;
	if (start == NULL) {
		/* Started by hand or at boot only: due is all we know. */
		*out = t + (time_t)job->delay * 60;
		return 0;
	}
	/* The first start of anacron at or after t, within the hours. */
	t--;
	for (k = 0; k < 100000; k++) {
		if (ck_expr_next(start, tz, t, CK_DST_VIXIE, &t, NULL,
		    err) < 0)
			return -1;
		if (ck_tz_localtime(tz, t, &tm, NULL, NULL, err) < 0)
			return -1;
		if (s.hours_start < 0 || (tm.tm_hour >= s.hours_start &&
		    tm.tm_hour < s.hours_stop)) {
			*out = t + (time_t)job->delay * 60;
			return 0;
		}
	}
	return ck_error_set(err, CK_ENEVER, 0, 0, "anacron is never started "
	    "within START_HOURS_RANGE %d-%d", s.hours_start, s.hours_stop);
}
