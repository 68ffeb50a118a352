/* SPDX-License-Identifier: ISC */
/*
 * tab.c - a crontab document: ordered lines, each keeping its exact
 * original bytes and line ending.  Parsing never drops a byte; rendering an
 * unmodified document gives back exactly the input.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int	parse_lines(ck_tab *, ck_error *);

/* Text of line l as cron sees it: with the '\r' of a CRLF ending. */
static size_t
cron_len(const struct ck_line *l)
{
	return l->len + (l->eol == CK_EOL_CRLF ? 1 : 0);
}

static int
split(ck_tab *tab, ck_error *err)
{
	const char *p = tab->buf, *end = tab->buf + tab->buflen, *nl;
	size_t n = 0, cap = 1, len;
	struct ck_line *l;

	for (nl = p; nl < end && (nl = memchr(nl, '\n', end - nl)) != NULL;
	    nl++)
		cap++;
	if ((tab->lines = reallocarray(NULL, cap, sizeof(*tab->lines))) ==
	    NULL)
		return ck_error_oom(err);
	tab->lines_cap = cap;
	while (p < end) {
		nl = memchr(p, '\n', end - p);
		len = (nl != NULL ? nl : end) - p;
		l = &tab->lines[n];
		memset(l, 0, sizeof(*l));
		l->p = p;
		l->job = CK_NONE;
		if (nl == NULL)
			l->eol = CK_EOL_NONE;
		else if (len > 0 && p[len - 1] == '\r') {
			l->eol = CK_EOL_CRLF;
			len--;
		} else
			l->eol = CK_EOL_LF;
		if (len > UINT32_MAX - 1)
			return ck_error_set(err, CK_ERANGE, (unsigned int)n + 1,
			    1, "line longer than 4 GiB");
		l->len = (uint32_t)len;
		n++;
		p = nl != NULL ? nl + 1 : end;
	}
	tab->nlines = n;
	return 0;
}

static ck_tab *
tab_alloc(ck_dialect d, unsigned int flags, ck_error *err)
{
	ck_tab *tab;

	if ((tab = calloc(1, sizeof(*tab))) == NULL ||
	    (tab->diags = ck_diag_list_new()) == NULL) {
		free(tab);
		ck_error_oom(err);
		return NULL;
	}
	tab->dialect = d;
	tab->flags = flags;
	return tab;
}

ck_tab *
ck_tab_parse_owned(char *buf, size_t len, ck_dialect d, unsigned int flags,
    ck_error *err)
{
	ck_tab *tab;

	if ((size_t)d >= CK_DIALECT_COUNT) {
		free(buf);
		ck_error_set(err, CK_EINVAL, 0, 0, "unknown dialect");
		return NULL;
	}
	if ((tab = tab_alloc(d, flags, err)) == NULL) {
		free(buf);
		return NULL;
	}
	tab->buf = buf;
	tab->buflen = len;
	if (split(tab, err) == -1 || parse_lines(tab, err) == -1) {
		ck_tab_free(tab);
		return NULL;
	}
	return tab;
}

ck_tab *
ck_tab_parse(const char *text, size_t len, ck_dialect d, unsigned int flags,
    ck_error *err)
{
	char *buf;

	if ((buf = malloc(len + 1)) == NULL) {
		ck_error_oom(err);
		return NULL;
	}
	if (len > 0)
		memcpy(buf, text, len);
	buf[len] = '\0';
	return ck_tab_parse_owned(buf, len, d, flags, err);
}

ck_tab *
ck_tab_new(ck_dialect d, unsigned int flags, ck_error *err)
{
	return ck_tab_parse(NULL, 0, d, flags, err);
}

void
ck_tab_free(ck_tab *tab)
{
	size_t i;

	if (tab == NULL)
		return;
	for (i = 0; i < tab->nlines; i++)
		if (tab->lines[i].lflags & CK_LF_OWNED)
			free((char *)tab->lines[i].p);
	free(tab->lines);
	free(tab->jobs);
	ck_diag_list_free(tab->diags);
	free(tab->buf);
	free(tab);
}

/*
 * cronie's options before the command: "-n" once, then a blank; any other
 * '-' there is "bad option" (cronie entry.c), so is "-n" at the end.
 * @return the command's start, or 0 with *why set.
 */
static size_t
cronie_options(const char *p, size_t len, size_t i, const char **why)
{
	bool n = false;

	/* A trailing '\r' (CRLF ending) is a byte of the command. */
	while (i < len && p[i] == '-') {
		if (i + 1 >= len || p[i + 1] != 'n' || n) {
			*why = n && i + 1 < len && p[i + 1] == 'n' ?
			    "cronie allows \"-n\" once: \"bad option\"" :
			    "a command starting with '-' is an option to "
			    "cronie, and only \"-n \" exists: \"bad option\"";
			return 0;
		}
		n = true;
		if (i + 2 >= len || !ck_isblank((unsigned char)p[i + 2])) {
			*why = "\"-n\" must be followed by a blank and the "
			    "command: cronie says \"bad option\"";
			return 0;
		}
		i += 2;
		while (i < len && ck_isblank((unsigned char)p[i]))
			i++;
	}
	return i;
}

/* Skip the OpenBSD per-job options (CK_JOBOPT_NQS) before the command. */
static size_t
skip_options(const char *p, size_t len, size_t i)
{
	for (;;) {
		if (i + 2 >= len || p[i] != '-' ||
		    !ck_isblank((unsigned char)p[i + 2]))
			return i;
		if (p[i + 1] != 'n' && p[i + 1] != 'q' && p[i + 1] != 's')
			return i;
		i += 2;
		while (i < len && ck_isblank((unsigned char)p[i]))
			i++;
	}
}

static int
line_error(ck_error *err, unsigned int rule, unsigned int line,
    size_t col, const char *msg)
{
	ck_error_set(err, CK_ESYNTAX, line, (unsigned int)col, "%s", msg);
	if (err != NULL)
		err->rule = rule;
	return -1;
}

/*
 * job  = [blanks] schedule blanks [user blanks] [options] command
 * Fills job (schedule, user, command); kind is CK_LINE_JOB.
 */
static int
parse_job(const ck_tab *tab, const char *p, size_t len, unsigned int line,
    struct ck_job *job, ck_diag_list *diags, ck_error *err)
{
	ck_dialect d = tab->dialect;
	const struct ck_dialect_facts *f = ck_dialect_facts(d);
	size_t i = 0, end, us;

	memset(job, 0, sizeof(*job));
	job->marker_line = CK_NONE;
	job->tz_line = CK_NONE;
	job->enabled = 1;
	while (i < len && ck_isblank((unsigned char)p[i]))
		i++;
	if (i + 1 == len && p[i] == '\r')
		return line_error(err, CK_R_CRLF, line, i + 1,
		    "a carriage return alone is no blank line for cron "
		    "(CRLF line endings)");
	/* cronie: a leading '-' means "do not log this job". */
	if (f->dash_nolog && i < len && p[i] == '-' &&
	    i + 1 < len && (p[i + 1] == '*' || p[i + 1] == '@' ||
	    ck_isdigit((unsigned char)p[i + 1]))) {
		if (!(tab->flags & CK_PARSE_SYSTEM) &&
		    ck_diag_add(diags, CK_R_UNSUPPORTED, CK_SEV_WARNING, line,
		    (unsigned int)i + 1, "remove the '-' unless this is "
		    "root's crontab", "a leading '-' (do not log the job) is "
		    "accepted only in root's crontab and system crontabs: "
		    "cronie rejects other users' lines (\"bad option\")") ==
		    -1)
			return ck_error_oom(err);
		i++;
	}
	if (ck_expr_scan(&job->expr, p + i, len - i, d, line,
	    (unsigned int)i + 1, &end, diags, err) == -1)
		return -1;
	i += end;
	if (i < len && !ck_isblank((unsigned char)p[i]) && p[i] != '\r')
		return line_error(err, CK_R_FIELD_SYNTAX, line, i + 1,
		    "unexpected text after the schedule");
	while (i < len && ck_isblank((unsigned char)p[i]))
		i++;
	/* The Vixie family rejects a command starting with '*' (a typo). */
	if (i < len && p[i] == '*' && (job->expr.keyword == CK_KW_NONE ||
	    !f->keyword_star_cmd))
		return line_error(err, CK_R_SIX_FIELDS, line, i + 1,
		    job->expr.keyword == CK_KW_NONE ? "a sixth time field: "
		    "cron has no seconds or years field (the command may not "
		    "start with '*')" : "a command may not start with '*': "
		    "cron takes it for a time field after the @keyword and "
		    "rejects the line");
	if (tab->flags & CK_PARSE_SYSTEM) {
		us = i;
		while (i < len && !ck_isblank((unsigned char)p[i]) &&
		    !(p[i] == '\r' && i + 1 == len))
			i++;
		if (i == us)
			return line_error(err, CK_R_MISSING_USER, line, us + 1,
			    "missing user and command (a system crontab "
			    "needs a user column)");
		job->user = p + us;
		job->user_len = (uint32_t)(i - us);
		while (i < len && ck_isblank((unsigned char)p[i]))
			i++;
		if (i >= len || (p[i] == '\r' && i + 1 == len)) {
			char msg[200];

			ck_fmt(msg, sizeof(msg), "missing user column: "
			    "\"%.*s\" is taken as the user and there is no "
			    "command", (int)(job->user_len > 60 ? 60 :
			    job->user_len), job->user);
			return line_error(err, CK_R_MISSING_USER, line,
			    us + 1, msg);
		}
	}
	if (f->job_opts == CK_JOBOPT_N) {
		const char *why = NULL;
		size_t at = i;

		if ((i = cronie_options(p, len, i, &why)) == 0)
			return line_error(err, CK_R_UNSUPPORTED, line, at + 1,
			    why);
	} else if (f->job_opts == CK_JOBOPT_NQS)
		i = skip_options(p, len, i);
	job->cmd = p + i;
	job->cmd_len = (uint32_t)(len - i);
	if (len - i == 1 && p[i] == '\r' && f->cr_command_runs) {
		/*
		 * Debian, cronie and busybox keep the '\r' of a CRLF as the
		 * command (busybox 1.35: tests/cli/test_busybox.sh).
		 */
		if (ck_diag_add(diags, CK_R_CRLF, CK_SEV_WARNING, line,
		    (unsigned int)i + 1, "use LF line endings", "the command "
		    "is only a carriage return (CRLF line ending): %s's cron "
		    "accepts the line and runs \"\\r\", which fails",
		    ck_dialect_name(d)) == -1)
			return ck_error_oom(err);
		return 0;
	}
	if (len - i == 0 || (len - i == 1 && p[i] == '\r')) {
		/* Debian's crontab(1) installs a job without a command. */
		if (!f->empty_command_ok)
			return line_error(err, CK_R_FIELD_COUNT, line, i + 1,
			    "missing command");
		if (ck_diag_add(diags, CK_R_FIELD_COUNT, CK_SEV_WARNING, line,
		    (unsigned int)i + 1, NULL, "no command: Debian's cron "
		    "accepts the line and runs an empty command; other crons "
		    "reject it") == -1)
			return ck_error_oom(err);
	}
	return 0;
}

int
ck_line_parse(const ck_tab *tab, const char *p, size_t len,
    unsigned int line, uint8_t *kind, struct ck_job *job,
    ck_diag_list *diags, ck_error *err)
{
	const char *n, *v, *nul;
	size_t i = 0, nl, vl;

	if ((nul = memchr(p, '\0', len)) != NULL) {
		*kind = CK_LINE_INVALID;
		return line_error(err, CK_R_NUL_BYTE, line,
		    (size_t)(nul - p) + 1, "NUL byte in line (cron stops "
		    "reading the line there)");
	}
	while (i < len && ck_isblank((unsigned char)p[i]))
		i++;
	if (i == len) {
		*kind = CK_LINE_BLANK;
		return 0;
	}
	if (p[i] == '#') {
		*kind = CK_LINE_COMMENT;
		return 0;
	}
	if (ck_env_parse(p, len, tab->dialect, &n, &nl, &v, &vl)) {
		*kind = CK_LINE_ENV;
		return 0;
	}
	if (parse_job(tab, p, len, line, job, diags, err) == -1) {
		*kind = CK_LINE_INVALID;
		return -1;
	}
	*kind = CK_LINE_JOB;
	return 0;
}

static int
add_job(ck_tab *tab, const struct ck_job *job, size_t line)
{
	struct ck_job *v;
	size_t cap;

	if (tab->njobs == tab->jobs_cap) {
		cap = tab->jobs_cap ? tab->jobs_cap + tab->jobs_cap / 2 : 16;
		if ((v = reallocarray(tab->jobs, cap, sizeof(*v))) == NULL)
			return -1;
		tab->jobs = v;
		tab->jobs_cap = cap;
	}
	tab->jobs[tab->njobs] = *job;
	tab->jobs[tab->njobs].line = (uint32_t)line;
	tab->lines[line].job = (uint32_t)tab->njobs;
	tab->njobs++;
	return 0;
}

/*
 * python-crontab keeps a job's name on the job line, "JOB # NAME" (the
 * shell takes " # NAME" for a comment).  An unmarked job with such a
 * trailing comment has NAME for its id, and its command ends before it.
 */
static void
python_id(struct ck_job *job)
{
	const char *c;
	size_t n;

	if ((c = ck_job_comment(job, &n)) == NULL || n > CK_ID_MAX)
		return;
	job->marker = CK_MARKER_PYTHON;
	job->id = c;
	job->id_len = (uint32_t)n;
	/* "cmd # NAME": the command is "cmd". */
	n = (size_t)(c - job->cmd) - 2;
	while (n > 0 && ck_isblank((unsigned char)job->cmd[n - 1]))
		n--;
	job->cmd_len = (uint32_t)n;
}

/*
 * A comment line "# JOB # NAME" that is not under a marker: python-
 * crontab's disabled job.  @return whether it is one (*job filled).
 */
static bool
python_disabled(const ck_tab *tab, const struct ck_line *l, size_t i,
    struct ck_job *job)
{
	const char *tp;
	size_t tl;
	ck_error e;
	uint8_t kind;

	if ((tp = memchr(l->p, '#', l->len)) == NULL)
		return false;
	tl = cron_len(l) - (size_t)(tp + 1 - l->p);
	if (ck_line_parse(tab, tp + 1, tl, (unsigned int)i + 1, &kind, job,
	    NULL, &e) != 0 || kind != CK_LINE_JOB ||
	    ck_job_comment(job, NULL) == NULL)
		return false;
	return true;
}

/*
 * Classify every line; link markers to the job below them; a commented-out
 * job directly under a marker is a disabled job.
 */
static int
parse_lines(ck_tab *tab, ck_error *err)
{
	struct ck_job job;
	struct ck_line *l, *prev;
	ck_error e;
	const char *id = NULL, *tp, *n, *v;
	size_t i, idlen = 0, tl, nl, vl;
	uint32_t tz = CK_NONE;
	enum ck_marker mk;
	uint8_t kind;

	tab->njobs = 0;
	for (i = 0; i < tab->nlines; i++) {
		l = &tab->lines[i];
		l->job = CK_NONE;
		prev = i > 0 ? &tab->lines[i - 1] : NULL;
		if (ck_line_parse(tab, l->p, cron_len(l), (unsigned int)i + 1,
		    &kind, &job, tab->diags, &e) == -1) {
			l->kind = CK_LINE_INVALID;
			if (e.code == CK_ENOMEM || !(tab->flags &
			    CK_PARSE_LENIENT)) {
				if (err != NULL)
					*err = e;
				return -1;
			}
			if (ck_diag_add_error(tab->diags, &e) == -1)
				return ck_error_oom(err);
			continue;
		}
		l->kind = kind;
		mk = CK_MARKER_NONE;
		if (prev != NULL && prev->kind == CK_LINE_COMMENT)
			mk = ck_marker_parse(prev->p, prev->len, &id, &idlen);
		if (kind == CK_LINE_COMMENT && mk != CK_MARKER_NONE) {
			/* Under a marker, "#" + a job line is a disabled job. */
			tp = memchr(l->p, '#', l->len);
			tl = cron_len(l) - (size_t)(tp + 1 - l->p);
			if (ck_line_parse(tab, tp + 1, tl, (unsigned int)i + 1,
			    &kind, &job, NULL, &e) == 0 &&
			    kind == CK_LINE_JOB) {
				l->kind = CK_LINE_DISABLED;
				job.enabled = 0;
			} else
				mk = CK_MARKER_NONE;
		}
		if (kind == CK_LINE_COMMENT && mk == CK_MARKER_NONE &&
		    python_disabled(tab, l, i, &job)) {
			/* python-crontab's disabled form: "# JOB # NAME". */
			l->kind = CK_LINE_DISABLED;
			job.enabled = 0;
		}
		if (l->kind == CK_LINE_ENV &&
		    ck_tab_line_env(tab, i, &n, &nl, &v, &vl) == 0 &&
		    nl == 7 && memcmp(n, "CRON_TZ", 7) == 0)
			tz = (uint32_t)i;
		if (l->kind != CK_LINE_JOB && l->kind != CK_LINE_DISABLED)
			continue;
		job.tz_line = tz;
		if (mk != CK_MARKER_NONE) {
			prev->kind = CK_LINE_MARKER;
			job.marker = (uint8_t)mk;
			job.marker_line = (uint32_t)i - 1;
			job.id = id;
			job.id_len = (uint32_t)idlen;
		} else
			python_id(&job);
		if (add_job(tab, &job, i) == -1)
			return ck_error_oom(err);
	}
	l = tab->nlines > 0 ? &tab->lines[tab->nlines - 1] : NULL;
	if (l != NULL && l->eol == CK_EOL_NONE &&
	    ck_diag_add(tab->diags, CK_R_MISSING_NEWLINE, CK_SEV_ERROR,
	    (unsigned int)tab->nlines, l->len + 1, "add a newline at the end",
	    "missing newline at the end of the file (cron ignores or "
	    "refuses the last line)") == -1)
		return ck_error_oom(err);
	return 0;
}

int
ck_tab_relink(ck_tab *tab, ck_error *err)
{
	ck_diag_list_clear(tab->diags);
	return parse_lines(tab, err);
}

int
ck_tab_format(const ck_tab *tab, char **out, size_t *outlen, ck_error *err)
{
	const struct ck_line *l;
	size_t total = 0, i;
	char *buf, *w;

	for (i = 0; i < tab->nlines; i++) {
		l = &tab->lines[i];
		total += l->len + l->eol;
		if (total < l->len)
			return ck_error_set(err, CK_ERANGE, 0, 0,
			    "document too large");
	}
	if ((buf = malloc(total + 1)) == NULL)
		return ck_error_oom(err);
	w = buf;
	for (i = 0; i < tab->nlines; i++) {
		l = &tab->lines[i];
		memcpy(w, l->p, l->len);
		w += l->len;
		if (l->eol == CK_EOL_CRLF)
			*w++ = '\r';
		if (l->eol != CK_EOL_NONE)
			*w++ = '\n';
	}
	*w = '\0';
	*out = buf;
	if (outlen != NULL)
		*outlen = total;
	return 0;
}

int
ck_tab_render(const ck_tab *tab, ck_write_fn fn, void *arg, ck_error *err)
{
	static const char *const eols[] = { "", "\n", "\r\n" };
	const struct ck_line *l;
	size_t i;

	for (i = 0; i < tab->nlines; i++) {
		l = &tab->lines[i];
		if ((l->len > 0 && fn(arg, l->p, l->len) == -1) ||
		    (l->eol != CK_EOL_NONE && fn(arg, eols[l->eol],
		    l->eol) == -1))
			return ck_error_set(err, CK_EIO, (unsigned int)i + 1, 0,
			    "writing line %zu failed", i + 1);
	}
	return 0;
}

ck_dialect
ck_tab_dialect(const ck_tab *tab)
{
	return tab->dialect;
}

bool
ck_tab_is_system(const ck_tab *tab)
{
	return (tab->flags & CK_PARSE_SYSTEM) != 0;
}

size_t
ck_tab_line_count(const ck_tab *tab)
{
	return tab->nlines;
}

enum ck_line_kind
ck_tab_line_kind(const ck_tab *tab, size_t i)
{
	if (i >= tab->nlines)
		return CK_LINE_BLANK;
	return (enum ck_line_kind)tab->lines[i].kind;
}

const char *
ck_tab_line_text(const ck_tab *tab, size_t i, size_t *len, const char **eol)
{
	static const char *const eols[] = { "", "\n", "\r\n" };

	if (i >= tab->nlines) {
		if (len != NULL)
			*len = 0;
		if (eol != NULL)
			*eol = "";
		return "";
	}
	if (len != NULL)
		*len = tab->lines[i].len;
	if (eol != NULL)
		*eol = eols[tab->lines[i].eol];
	return tab->lines[i].p;
}

int
ck_tab_line_env(const ck_tab *tab, size_t i, const char **name, size_t *nlen,
    const char **value, size_t *vlen)
{
	const char *n, *v;
	size_t nl, vl;

	if (i >= tab->nlines || tab->lines[i].kind != CK_LINE_ENV)
		return -1;
	if (!ck_env_parse(tab->lines[i].p, cron_len(&tab->lines[i]),
	    tab->dialect, &n, &nl, &v, &vl))
		return -1;
	if (name != NULL)
		*name = n;
	if (nlen != NULL)
		*nlen = nl;
	if (value != NULL)
		*value = v;
	if (vlen != NULL)
		*vlen = vl;
	return 0;
}

const ck_diag_list *
ck_tab_diags(const ck_tab *tab)
{
	return tab->diags;
}

size_t
ck_tab_job_count(const ck_tab *tab)
{
	return tab->njobs;
}

const ck_job *
ck_tab_job(const ck_tab *tab, size_t i)
{
	if (i >= tab->njobs)
		return NULL;
	return &tab->jobs[i];
}

const ck_job *
ck_tab_find_id(const ck_tab *tab, const char *id, size_t idlen)
{
	size_t i;

	for (i = 0; i < tab->njobs; i++)
		if (tab->jobs[i].id != NULL && tab->jobs[i].id_len == idlen &&
		    memcmp(tab->jobs[i].id, id, idlen) == 0)
			return &tab->jobs[i];
	return NULL;
}

int
ck_tab_id_unique(const ck_tab *tab, const char *id, size_t idlen,
    ck_error *err)
{
	struct ck_buf b = { 0 };
	size_t i, n = 0;
	int rc;

	for (i = 0; i < tab->njobs; i++)
		if (tab->jobs[i].id != NULL && tab->jobs[i].id_len == idlen &&
		    memcmp(tab->jobs[i].id, id, idlen) == 0) {
			ck_buf_printf(&b, "%s%u", n > 0 ? ", " : "",
			    (unsigned int)tab->jobs[i].line + 1);
			n++;
		}
	if (n < 2) {
		ck_buf_free(&b);
		return 0;
	}
	if (b.oom) {
		ck_buf_free(&b);
		return ck_error_oom(err);
	}
	rc = ck_error_set(err, CK_EINVAL, 0, 0, "the id \"%.*s\" marks %zu "
	    "jobs (lines %s): nothing changed; give each job its own id",
	    (int)(idlen > 128 ? 128 : idlen), id, n, b.p);
	ck_buf_free(&b);
	return rc;
}

const char *
ck_tab_getenv(const ck_tab *tab, size_t line, const char *name, size_t *vlen)
{
	const char *n, *v;
	size_t i, nl, vl, want = strlen(name);

	if (line > tab->nlines)
		line = tab->nlines;
	for (i = line; i-- > 0;) {
		if (tab->lines[i].kind != CK_LINE_ENV)
			continue;
		if (ck_tab_line_env(tab, i, &n, &nl, &v, &vl) == 0 &&
		    nl == want && memcmp(n, name, nl) == 0) {
			if (vlen != NULL)
				*vlen = vl;
			return v;
		}
	}
	return NULL;
}

int
ck_line_check(const char *text, size_t len, ck_dialect d, unsigned int flags,
    enum ck_line_kind *kind, ck_error *err)
{
	ck_tab *tab;
	size_t i;

	for (i = 0; i < len; i++)
		if (text[i] == '\n' || text[i] == '\r' || text[i] == '\0')
			return ck_error_set(err, CK_EINVAL, 1,
			    (unsigned int)i + 1, "a line cannot hold a %s",
			    text[i] == '\n' ? "newline" : text[i] == '\r' ?
			    "carriage return" : "NUL byte");
	if ((tab = ck_tab_parse(text, len, d, flags & ~CK_PARSE_LENIENT,
	    err)) == NULL)
		return -1;
	if (kind != NULL)
		*kind = tab->nlines > 0 ?
		    (enum ck_line_kind)tab->lines[0].kind : CK_LINE_BLANK;
	ck_tab_free(tab);
	return 0;
}

int
ck_tab_check_job(const ck_tab *tab, const ck_job *job, ck_error *err)
{
	uintptr_t p = (uintptr_t)job, lo, size = sizeof(struct ck_job);

	if (tab == NULL || job == NULL)
		return ck_error_set(err, CK_EINVAL, 0, 0, "no %s given",
		    tab == NULL ? "tab" : "job");
	lo = (uintptr_t)tab->jobs;
	if (p < lo || p - lo >= tab->njobs * size || (p - lo) % size != 0)
		return ck_error_set(err, CK_EINVAL, 0, 0, "the job is not one "
		    "of this tab's jobs (another tab's, or from before an "
		    "edit)");
	return 0;
}
