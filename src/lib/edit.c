/* SPDX-License-Identifier: ISC */
/*
 * edit.c - changing a crontab without touching what the change is not
 * about.
 *
 * Each operation works out the new text of the few lines it changes
 * (allocating everything first, so that a failure leaves the tab as it
 * was), then replaces, inserts or deletes exactly those lines and asks
 * tab.c to recompute kinds and job links.  A replaced line gets its own
 * allocated text (CK_LF_OWNED) and keeps its line ending; every other
 * line keeps pointing at the original bytes.
 *
 * What is written:
 *   marker   "# cronkeep: " ID [ " " NOTE ]
 *   job      SCHEDULE " " [ USER " " ] { NAME "=" VALUE " " } COMMAND
 *   disabled "#" job
 */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MARKER_PREFIX	"# cronkeep: "

/* A line to put into the tab: text allocated here, not yet linked. */
struct newline {
	char	*p;
	size_t	 len;
};

static int	check_value(const char *, const char *, size_t, ck_error *);
static int	render_job(const ck_tab *, const ck_job_spec *,
		    struct ck_buf *, size_t *, ck_error *);

static bool
id_char(unsigned char c)
{
	return ck_isalnum(c) || c == '_' || c == '.' || c == ':' ||
	    c == '@' || c == '-';
}

int
ck_id_check(const char *id, size_t len, ck_error *err)
{
	size_t i;

	if (id == NULL || len == 0)
		return ck_error_set(err, CK_EINVAL, 0, 0, "empty id");
	if (len > CK_ID_MAX)
		return ck_error_set(err, CK_EINVAL, 0, CK_ID_MAX + 1,
		    "id longer than %d bytes", CK_ID_MAX);
	for (i = 0; i < len; i++)
		if (!id_char((unsigned char)id[i]))
			return ck_error_set(err, CK_EINVAL, 0,
			    (unsigned int)i + 1, "byte 0x%02x not allowed in "
			    "an id (allowed: A-Z a-z 0-9 _ . : @ -)",
			    (unsigned char)id[i]);
	return 0;
}

/*
 * An id given to select a job: one of an existing job (another tool's
 * names may hold blanks), else one a new job may take.
 */
static int
selector_check(const ck_tab *tab, const char *id, size_t len, ck_error *err)
{
	size_t i;

	if (id != NULL && len > 0 && len <= CK_ID_MAX &&
	    ck_tab_find_id(tab, id, len) != NULL) {
		for (i = 0; i < len; i++)
			if ((unsigned char)id[i] < 0x20 || id[i] == 0x7f)
				break;
		if (i == len)
			return 0;
	}
	return ck_id_check(id, len, err);
}

const char *
ck_set_result_str(ck_set_result r)
{
	switch (r) {
	case CK_SET_UNCHANGED:
		return "unchanged";
	case CK_SET_CREATED:
		return "created";
	case CK_SET_UPDATED:
		return "updated";
	}
	return "unknown";
}

/*
 * A value written into a line must not end the line: newline, CR and NUL
 * are refused (what names the value in the message).
 */
static int
check_value(const char *what, const char *p, size_t len, ck_error *err)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (p[i] == '\n' || p[i] == '\r' || p[i] == '\0')
			return ck_error_set(err, CK_EINVAL, 0,
			    (unsigned int)i + 1, "%s contains a %s: it would "
			    "end the line and inject another", what,
			    p[i] == '\n' ? "newline" : p[i] == '\r' ?
			    "carriage return" : "NUL byte");
	}
	return 0;
}

static bool
env_name_ok(const char *p, size_t len)
{
	size_t i;

	if (len == 0 || ck_isdigit((unsigned char)p[0]))
		return false;
	for (i = 0; i < len; i++)
		if (!ck_isalnum((unsigned char)p[i]) && p[i] != '_')
			return false;
	return true;
}

static bool
sh_safe(const char *p, size_t len)
{
	size_t i;

	if (len == 0)
		return false;
	for (i = 0; i < len; i++) {
		if (ck_isalnum((unsigned char)p[i]))
			continue;
		if (strchr("_./:@+,=-", p[i]) == NULL)
			return false;
	}
	return true;
}

/*
 * NAME=VALUE as a prefix of a command, for sh.  Values with anything but
 * plain characters go into single quotes ("'" becomes '\'').  cron turns
 * an unescaped '%' into a newline before the shell sees the command,
 * quotes or not, so '%' is written "\%"; a backslash right before a '%'
 * cannot be said both ways and is refused.
 */
static int
render_env(const ck_env_pair *e, size_t idx, struct ck_buf *b, ck_error *err)
{
	size_t i;

	if (e->name == NULL || !env_name_ok(e->name, e->name_len)) {
		if (e->name != NULL && check_value("variable name", e->name,
		    e->name_len, err) == -1)
			return -1;
		return ck_error_set(err, CK_EINVAL, 0, 0, "variable %zu: "
		    "name \"%.*s\" is not a shell name "
		    "([A-Za-z_][A-Za-z0-9_]*)",
		    idx + 1, (int)(e->name_len > 64 ? 64 : e->name_len),
		    e->name ? e->name : "");
	}
	if (e->value == NULL && e->value_len != 0)
		return ck_error_set(err, CK_EINVAL, 0, 0, "variable %.*s: "
		    "no value", (int)e->name_len, e->name);
	if (check_value("variable value", e->value, e->value_len, err) == -1)
		return -1;
	for (i = 1; i < e->value_len; i++)
		if (e->value[i] == '%' && e->value[i - 1] == '\\')
			return ck_error_set(err, CK_EINVAL, 0,
			    (unsigned int)i, "variable %.*s: a backslash "
			    "before %% cannot be written for cron",
			    (int)e->name_len, e->name);
	ck_buf_add(b, e->name, e->name_len);
	ck_buf_addc(b, '=');
	if (sh_safe(e->value, e->value_len)) {
		ck_buf_add(b, e->value, e->value_len);
	} else {
		ck_buf_addc(b, '\'');
		for (i = 0; i < e->value_len; i++) {
			if (e->value[i] == '\'')
				ck_buf_adds(b, "'\\''");
			else if (e->value[i] == '%')
				ck_buf_adds(b, "\\%");
			else
				ck_buf_addc(b, e->value[i]);
		}
		ck_buf_addc(b, '\'');
	}
	ck_buf_addc(b, ' ');
	return 0;
}

/* The schedule's words, joined by one space. */
static int
render_schedule(const char *p, size_t len, struct ck_buf *b)
{
	size_t i = 0, start;
	bool first = true;

	while (i < len) {
		while (i < len && ck_isblank((unsigned char)p[i]))
			i++;
		if (i == len)
			break;
		start = i;
		while (i < len && !ck_isblank((unsigned char)p[i]))
			i++;
		if (!first)
			ck_buf_addc(b, ' ');
		ck_buf_add(b, p + start, i - start);
		first = false;
	}
	return b->oom ? -1 : 0;
}

/* Are two schedules the same words (blanks between them aside)? */
static bool
same_words(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0, si, sj;

	for (;;) {
		while (i < alen && ck_isblank((unsigned char)a[i]))
			i++;
		while (j < blen && ck_isblank((unsigned char)b[j]))
			j++;
		if (i == alen || j == blen)
			return i == alen && j == blen;
		si = i;
		sj = j;
		while (i < alen && !ck_isblank((unsigned char)a[i]))
			i++;
		while (j < blen && !ck_isblank((unsigned char)b[j]))
			j++;
		if (i - si != j - sj || memcmp(a + si, b + sj, i - si) != 0)
			return false;
	}
}

/*
 * Render the (enabled) job line for spec into b, after checking every
 * value; *cmd_off gets the offset of the command (with its environment
 * prefix) in the line.  The line is parsed back with the tab's rules: it
 * must be a job with exactly the schedule, user and command written.
 */
static int
render_job(const ck_tab *tab, const ck_job_spec *s, struct ck_buf *b,
    size_t *cmd_off, ck_error *err)
{
	struct ck_job job;
	ck_expr *e;
	ck_error perr;
	ck_diag_list *diags;
	uint8_t kind;
	char *enc;
	size_t i, coff, enclen;
	bool system = (tab->flags & CK_PARSE_SYSTEM) != 0;
	int rc;

	if (s->schedule == NULL || s->schedule_len == 0)
		return ck_error_set(err, CK_EINVAL, 0, 0, "no schedule");
	if (check_value("schedule", s->schedule, s->schedule_len, err) == -1)
		return -1;
	if ((e = ck_expr_parse(s->schedule, s->schedule_len, tab->dialect,
	    err)) == NULL)
		return -1;
	ck_expr_free(e);
	if (s->command == NULL || s->command_len == 0)
		return ck_error_set(err, CK_EINVAL, 0, 0, "empty command");
	if (check_value("command", s->command, s->command_len, err) == -1)
		return -1;
	if (system) {
		if (s->user == NULL || s->user_len == 0)
			return ck_error_set(err, CK_EINVAL, 0, 0, "a system "
			    "crontab needs a user for each job");
		if (check_value("user", s->user, s->user_len, err) == -1)
			return -1;
		for (i = 0; i < s->user_len; i++)
			if (ck_isblank((unsigned char)s->user[i]))
				return ck_error_set(err, CK_EINVAL, 0,
				    (unsigned int)i + 1, "blank in user name");
	} else if (s->user != NULL) {
		return ck_error_set(err, CK_EINVAL, 0, 0, "a user crontab has "
		    "no user column");
	}
	if (render_schedule(s->schedule, s->schedule_len, b) == -1)
		return ck_error_oom(err);
	ck_buf_addc(b, ' ');
	if (system) {
		ck_buf_add(b, s->user, s->user_len);
		ck_buf_addc(b, ' ');
	}
	coff = b->len;
	for (i = 0; i < s->nenv; i++)
		if (render_env(&s->env[i], i, b, err) == -1)
			return -1;
	if (s->raw) {
		ck_buf_add(b, s->command, s->command_len);
	} else {
		if (ck_command_encode(s->command, s->command_len, tab->dialect,
		    &enc, &enclen, err) == -1)
			return -1;
		ck_buf_add(b, enc, enclen);
		free(enc);
	}
	if (b->oom)
		return ck_error_oom(err);
	*cmd_off = coff;

	/* Read it back the way the tab will. */
	if ((diags = ck_diag_list_new()) == NULL)
		return ck_error_oom(err);
	memset(&job, 0, sizeof(job));
	rc = ck_line_parse(tab, b->p, b->len, 1, &kind, &job, diags, &perr);
	ck_diag_list_free(diags);
	if (rc == -1 || kind != CK_LINE_JOB)
		return ck_error_set(err, CK_EINVAL, 0, 0, "the job line "
		    "\"%.*s\" would not read back as a job%s%s", (int)(b->len > 80 ?
		    80 : b->len), b->p, rc == -1 ? ": " : "",
		    rc == -1 ? perr.msg : "");
	if (job.cmd_len != b->len - coff ||
	    memcmp(job.cmd, b->p + coff, job.cmd_len) != 0)
		return ck_error_set(err, CK_EINVAL, 0, 0, "the command would "
		    "read back as \"%.*s\"", (int)(job.cmd_len > 80 ? 80 :
		    job.cmd_len), job.cmd);
	if (system && (job.user_len != s->user_len ||
	    memcmp(job.user, s->user, s->user_len) != 0))
		return ck_error_set(err, CK_EINVAL, 0, 0, "the user would not "
		    "read back as \"%.*s\"", (int)s->user_len, s->user);
	return 0;
}

static int
render_marker(const ck_job_spec *s, const char *note, size_t notelen,
    struct newline *out, ck_error *err)
{
	struct ck_buf b = { 0 };

	ck_buf_adds(&b, MARKER_PREFIX);
	ck_buf_add(&b, s->id, s->id_len);
	if (note != NULL && notelen > 0) {
		ck_buf_addc(&b, ' ');
		ck_buf_add(&b, note, notelen);
	}
	if ((out->p = ck_buf_take(&b, &out->len)) == NULL)
		return ck_error_oom(err);
	return 0;
}

/*
 * The note of a cronkeep marker line: the text after the id and the
 * blanks that follow it, or NULL when there is none.
 */
static const char *
marker_note(const char *p, size_t len, size_t *notelen)
{
	const char *id;
	size_t idlen, off;

	if (ck_marker_parse(p, len, &id, &idlen) != CK_MARKER_CRONKEEP)
		return NULL;
	off = (size_t)(id - p) + idlen;
	while (off < len && ck_isblank((unsigned char)p[off]))
		off++;
	/* Trailing blanks are not part of the note. */
	while (len > off && ck_isblank((unsigned char)p[len - 1]))
		len--;
	if (off >= len)
		return NULL;
	*notelen = len - off;
	return p + off;
}

/* Leading blanks, then '#': where the '#' of a disabled line is. */
static size_t
hash_pos(const char *p, size_t len)
{
	size_t i = 0;

	while (i < len && ck_isblank((unsigned char)p[i]))
		i++;
	return i;
}

/* The line ending new lines get: that of the last line that has one. */
static uint8_t
eol_style(const ck_tab *tab)
{
	size_t i;

	for (i = tab->nlines; i > 0; i--)
		if (tab->lines[i - 1].eol != CK_EOL_NONE)
			return tab->lines[i - 1].eol;
	return CK_EOL_LF;
}

static int
reserve_lines(ck_tab *tab, size_t more, ck_error *err)
{
	struct ck_line *nl;
	size_t cap;

	if (more > SIZE_MAX - tab->nlines)
		return ck_error_oom(err);
	if (tab->nlines + more <= tab->lines_cap)
		return 0;
	cap = tab->lines_cap ? tab->lines_cap : 16;
	while (cap < tab->nlines + more)
		cap = cap > SIZE_MAX / 2 ? tab->nlines + more : cap * 2;
	if ((nl = reallocarray(tab->lines, cap, sizeof(*nl))) == NULL)
		return ck_error_oom(err);
	tab->lines = nl;
	tab->lines_cap = cap;
	return 0;
}

/*
 * tab.c parses a CRLF line with its '\r' (cron sees it), read from just
 * after the text: an owned text (allocated with room for one more byte)
 * must hold it there.
 */
static void
set_cr(struct ck_line *l)
{
	if (l->eol == CK_EOL_CRLF)
		((char *)l->p)[l->len] = '\r';
}

/* Give line i the text of nl (taken over); its line ending stays. */
static void
line_replace(ck_tab *tab, size_t i, struct newline *nl)
{
	struct ck_line *l = &tab->lines[i];

	if (l->lflags & CK_LF_OWNED)
		free((char *)l->p);
	l->p = nl->p;
	l->len = (uint32_t)nl->len;
	l->lflags |= CK_LF_OWNED;
	set_cr(l);
	nl->p = NULL;
}

/* Insert nl (taken over) before line at; room must be reserved. */
static void
line_insert(ck_tab *tab, size_t at, struct newline *nl, uint8_t eol)
{
	struct ck_line *l;

	memmove(&tab->lines[at + 1], &tab->lines[at],
	    (tab->nlines - at) * sizeof(tab->lines[0]));
	tab->nlines++;
	l = &tab->lines[at];
	memset(l, 0, sizeof(*l));
	l->p = nl->p;
	l->len = (uint32_t)nl->len;
	l->eol = eol;
	l->kind = CK_LINE_COMMENT;
	l->lflags = CK_LF_OWNED;
	l->job = CK_NONE;
	set_cr(l);
	nl->p = NULL;
}

static int
newline_dup(struct newline *nl, const char *prefix, const char *p,
    size_t len, ck_error *err)
{
	struct ck_buf b = { 0 };

	ck_buf_adds(&b, prefix);
	ck_buf_add(&b, p, len);
	if ((nl->p = ck_buf_take(&b, &nl->len)) == NULL)
		return ck_error_oom(err);
	return 0;
}

static bool
line_is(const ck_tab *tab, size_t i, const char *p, size_t len)
{
	return tab->lines[i].len == len &&
	    memcmp(tab->lines[i].p, p, len) == 0;
}

/*
 * A job's command without the '\r' of a CRLF line ending, which tab.c
 * leaves in the command because cron passes it on.
 */
static size_t
job_cmd_len(const ck_tab *tab, const struct ck_job *j)
{
	if (tab->lines[j->line].eol == CK_EOL_CRLF && j->cmd_len > 0 &&
	    j->cmd[j->cmd_len - 1] == '\r')
		return j->cmd_len - 1;
	return j->cmd_len;
}

/* The first unmarked, enabled job that is exactly this one. */
static const struct ck_job *
find_twin(const ck_tab *tab, const ck_job_spec *s, const char *cmd,
    size_t cmdlen)
{
	const struct ck_job *j;
	size_t i;

	for (i = 0; i < tab->njobs; i++) {
		j = &tab->jobs[i];
		if (j->marker != CK_MARKER_NONE || !j->enabled)
			continue;
		if (job_cmd_len(tab, j) != cmdlen ||
		    memcmp(j->cmd, cmd, cmdlen) != 0)
			continue;
		if ((tab->flags & CK_PARSE_SYSTEM) && (j->user_len !=
		    s->user_len || memcmp(j->user, s->user, s->user_len) != 0))
			continue;
		if (!same_words(j->expr.text, j->expr.len, s->schedule,
		    s->schedule_len))
			continue;
		return j;
	}
	return NULL;
}

int
ck_tab_set(ck_tab *tab, const ck_job_spec *spec, ck_set_result *result,
    size_t *line, ck_error *err)
{
	ck_job_spec sv;
	const ck_job_spec *s = &sv;
	struct ck_buf b = { 0 };
	struct newline mk = { NULL, 0 }, jl = { NULL, 0 }, last = { NULL, 0 };
	const struct ck_job *j;
	const char *note = NULL, *cmd, *oldnote;
	size_t cmd_off = 0, cmdlen, notelen = 0, oldnotelen = 0, at, jline;
	size_t mline;
	uint8_t eol;
	bool want_marker = false, want_job = false, exists, last_open;

	if (result != NULL)
		*result = CK_SET_UNCHANGED;
	if (ck_opts_read(&sv, sizeof(sv), spec, "ck_job_spec", err) == -1)
		return -1;
	/*
	 * An id that names an existing job selects it, whatever the tool
	 * that wrote it allows (Ansible's "rotate logs"); a new job's id
	 * must be one of ours.
	 */
	if (selector_check(tab, s->id, s->id_len, err) == -1)
		return -1;
	if (ck_tab_id_unique(tab, s->id, s->id_len, err) == -1)
		return -1;
	if (s->comment != NULL) {
		if (check_value("comment", s->comment, s->comment_len,
		    err) == -1)
			return -1;
		note = s->comment;
		notelen = s->comment_len;
		/* Blanks around the note would not survive a read. */
		while (notelen > 0 && ck_isblank((unsigned char)*note)) {
			note++;
			notelen--;
		}
		while (notelen > 0 &&
		    ck_isblank((unsigned char)note[notelen - 1]))
			notelen--;
	}
	if (render_job(tab, s, &b, &cmd_off, err) == -1)
		goto fail;
	cmd = b.p + cmd_off;
	cmdlen = b.len - cmd_off;

	j = ck_tab_find_id(tab, s->id, s->id_len);
	exists = j != NULL;
	if (j == NULL) {
		j = find_twin(tab, s, cmd, cmdlen);
		if (j != NULL)
			want_marker = true;
	}
	if (j == NULL) {
		/* A new job at the end, under a new marker. */
		if (render_marker(s, note, notelen, &mk, err) == -1)
			goto fail;
		if (newline_dup(&jl, s->disabled ? "#" : "", b.p, b.len,
		    err) == -1)
			goto fail;
		if (reserve_lines(tab, 2, err) == -1)
			goto fail;
		eol = eol_style(tab);
		at = tab->nlines;
		last_open = at > 0 && tab->lines[at - 1].eol == CK_EOL_NONE;
		/* A CRLF ending needs the '\r' after the text: own a copy. */
		if (last_open && eol == CK_EOL_CRLF && newline_dup(&last, "",
		    tab->lines[at - 1].p, tab->lines[at - 1].len, err) == -1)
			goto fail;
		if (last_open && tab->lines[at - 1].len == 0) {
			/* An empty unterminated last line: write over it. */
			at--;
			if (tab->lines[at].lflags & CK_LF_OWNED)
				free((char *)tab->lines[at].p);
			tab->nlines--;
		} else if (last_open) {
			tab->lines[at - 1].eol = eol;
			if (last.p != NULL)
				line_replace(tab, at - 1, &last);
		}
		free(last.p);
		line_insert(tab, at, &mk, eol);
		line_insert(tab, at + 1, &jl, eol);
		ck_buf_free(&b);
		if (ck_tab_relink(tab, err) == -1)
			return -1;
		if (result != NULL)
			*result = CK_SET_CREATED;
		if (line != NULL)
			*line = at + 1;
		return 0;
	}

	jline = j->line;
	mline = j->marker_line;
	/* The job line: same schedule words, user and command, same state. */
	if ((j->enabled != 0) == s->disabled || job_cmd_len(tab, j) != cmdlen ||
	    memcmp(j->cmd, cmd, cmdlen) != 0 ||
	    !same_words(j->expr.text, j->expr.len, s->schedule,
	    s->schedule_len) ||
	    ((tab->flags & CK_PARSE_SYSTEM) && (j->user_len != s->user_len ||
	    memcmp(j->user, s->user, s->user_len) != 0)))
		want_job = true;
	/* The marker: keep it unless the note must change. */
	if (exists && s->comment != NULL && j->marker == CK_MARKER_PYTHON) {
		if (notelen > 0) {
			ck_error_set(err, CK_EINVAL, 0, 0, "%.*s is "
			    "python-crontab's job: its name is its comment, "
			    "there is no room for a note", (int)s->id_len,
			    s->id);
			goto fail;
		}
	} else if (exists && s->comment != NULL) {
		oldnote = marker_note(tab->lines[mline].p,
		    tab->lines[mline].len, &oldnotelen);
		if (j->marker != CK_MARKER_CRONKEEP) {
			ck_error scratch;

			/*
			 * A foreign marker cannot carry a note: adopt it,
			 * unless its id could not be ours ("rotate logs"):
			 * "# cronkeep: rotate logs NOTE" reads back as the
			 * id "rotate".
			 */
			if (notelen > 0 && ck_id_check(s->id, s->id_len,
			    &scratch) == -1) {
				ck_error_set(err, CK_EINVAL, j->marker_line + 1,
				    0, "\"%.*s\" is another tool's id, which a "
				    "cronkeep marker cannot hold: it takes no "
				    "note", (int)s->id_len, s->id);
				goto fail;
			}
			if (notelen > 0)
				want_marker = true;
		} else if (oldnotelen != notelen || (notelen > 0 &&
		    memcmp(oldnote, note, notelen) != 0)) {
			want_marker = true;
		}
	}
	if (!want_job && !want_marker) {
		ck_buf_free(&b);
		if (line != NULL)
			*line = jline;
		return 0;
	}
	if (want_marker) {
		if (render_marker(s, note, notelen, &mk, err) == -1)
			goto fail;
		if (!exists && reserve_lines(tab, 1, err) == -1)
			goto fail;
	}
	if (want_job && j->marker == CK_MARKER_PYTHON && !want_marker) {
		/* python-crontab's name stays on the job line. */
		ck_buf_adds(&b, " # ");
		ck_buf_add(&b, j->id, j->id_len);
		if (b.oom) {
			ck_error_oom(err);
			goto fail;
		}
	}
	if (want_job && newline_dup(&jl, !s->disabled ? "" :
	    j->marker == CK_MARKER_PYTHON && !want_marker ? "# " : "#", b.p,
	    b.len, err) == -1)
		goto fail;
	ck_buf_free(&b);
	/* Nothing can fail from here until relink. */
	if (want_job && !line_is(tab, jline, jl.p, jl.len))
		line_replace(tab, jline, &jl);
	if (want_marker) {
		if (exists) {
			line_replace(tab, mline, &mk);
		} else {
			eol = tab->lines[jline].eol;
			line_insert(tab, jline, &mk, eol == CK_EOL_NONE ?
			    eol_style(tab) : eol);
			jline++;
		}
	}
	free(jl.p);
	if (ck_tab_relink(tab, err) == -1)
		return -1;
	if (result != NULL)
		*result = CK_SET_UPDATED;
	if (line != NULL)
		*line = jline;
	return 0;
fail:
	free(mk.p);
	free(jl.p);
	free(last.p);
	ck_buf_free(&b);
	return -1;
}

/* Would line i, a comment, read as a job if it stood under a marker? */
static bool
commented_job(const ck_tab *tab, size_t i)
{
	const struct ck_line *l = &tab->lines[i];
	struct ck_job job;
	const char *h;
	uint8_t kind;
	size_t len;

	if (l->kind != CK_LINE_COMMENT ||
	    (h = memchr(l->p, '#', l->len)) == NULL)
		return false;
	len = l->len - (size_t)(h + 1 - l->p);
	return ck_line_parse(tab, h + 1, len, (unsigned int)i + 1, &kind, &job,
	    NULL, NULL) == 0 && kind == CK_LINE_JOB;
}

/*
 * Removing the lines [a, b] must not join a stray marker comment above
 * them with a commented-out job below them: that would make a disabled
 * job appear that was not there.  Returns true when it would.
 */
static bool
would_join(const ck_tab *tab, const unsigned char *drop, size_t a, size_t b)
{
	const char *id;
	size_t idlen;

	if (a == 0 || b + 1 >= tab->nlines || drop[a - 1] || drop[b + 1])
		return false;
	if (tab->lines[a - 1].kind != CK_LINE_COMMENT ||
	    ck_marker_parse(tab->lines[a - 1].p, tab->lines[a - 1].len, &id,
	    &idlen) == CK_MARKER_NONE)
		return false;
	return commented_job(tab, b + 1);
}

int
ck_tab_remove_jobs(ck_tab *tab, const size_t *jobs, size_t n,
    ck_error *err)
{
	unsigned char *drop;
	const struct ck_job *j;
	size_t i, k;

	for (i = 0; i < n; i++)
		if (jobs[i] >= tab->njobs)
			return ck_error_set(err, CK_EINVAL, 0, 0, "no job %zu "
			    "(the tab has %zu)", jobs[i], tab->njobs);
	if (n == 0)
		return 0;
	if ((drop = calloc(tab->nlines, 1)) == NULL)
		return ck_error_oom(err);
	for (i = 0; i < n; i++) {
		j = &tab->jobs[jobs[i]];
		drop[j->line] = 1;
		if (j->marker_line != CK_NONE)
			drop[j->marker_line] = 1;
	}
	/*
	 * Where a removal would join a stray marker with a commented job,
	 * the last removed line stays as an empty line (same line ending),
	 * so that the commented line stays a comment.
	 */
	for (i = 0; i < tab->nlines; i = k) {
		if (!drop[i]) {
			k = i + 1;
			continue;
		}
		for (k = i; k < tab->nlines && drop[k]; k++)
			;
		if (would_join(tab, drop, i, k - 1)) {
			struct ck_line *l = &tab->lines[k - 1];

			if (l->lflags & CK_LF_OWNED)
				free((char *)l->p);
			l->lflags &= (uint8_t)~CK_LF_OWNED;
			l->p = "\r";	/* cron_len() reads the '\r' of CRLF */
			l->len = 0;
			drop[k - 1] = 0;
		}
	}
	for (i = 0, k = 0; i < tab->nlines; i++) {
		if (drop[i]) {
			if (tab->lines[i].lflags & CK_LF_OWNED)
				free((char *)tab->lines[i].p);
			continue;
		}
		tab->lines[k++] = tab->lines[i];
	}
	tab->nlines = k;
	free(drop);
	return ck_tab_relink(tab, err);
}

static int
re_match(const regex_t *re, const char *p, size_t len, bool *out)
{
	char *s;

	*out = false;
	if (p == NULL)
		return 0;
	if ((s = strndup(p, len)) == NULL)
		return -1;
	*out = regexec(re, s, 0, NULL, 0) == 0;
	free(s);
	return 0;
}

static int
re_compile(regex_t *re, const char *pat, const char *what, ck_error *err)
{
	char msg[128];
	int rc;

	if ((rc = regcomp(re, pat, REG_EXTENDED | REG_NOSUB)) != 0) {
		regerror(rc, re, msg, sizeof(msg));
		return ck_error_set(err, CK_EINVAL, 0, 0, "bad %s regular "
		    "expression \"%s\": %s", what, pat, msg);
	}
	return 0;
}

/* Are the fields ck_expr_matches() reads within their ranges? */
static bool
tm_ok(const struct tm *tm)
{
	return tm->tm_min >= 0 && tm->tm_min <= 59 && tm->tm_hour >= 0 &&
	    tm->tm_hour <= 23 && tm->tm_mday >= 1 && tm->tm_mday <= 31 &&
	    tm->tm_mon >= 0 && tm->tm_mon <= 11 && tm->tm_wday >= 0 &&
	    tm->tm_wday <= 6;
}

int
ck_tab_match(const ck_tab *tab, const ck_match *match, size_t **out,
    size_t *n, ck_error *err)
{
	ck_match mv;
	const ck_match *m = &mv;
	regex_t cre, kre;
	const struct ck_job *j;
	const char *note, *tc;
	size_t *v = NULL, i, nv = 0, notelen = 0, tclen = 0;
	bool have_c = false, have_k = false, ok, hit;

	*out = NULL;
	*n = 0;
	if (ck_opts_read(&mv, sizeof(mv), match, "ck_match", err) == -1)
		return -1;
	if (m->at != NULL && !tm_ok(m->at))
		return ck_error_set(err, CK_EINVAL, 0, 0, "match time out of "
		    "range: minute %d, hour %d, day %d, month %d, weekday %d",
		    m->at->tm_min, m->at->tm_hour, m->at->tm_mday,
		    m->at->tm_mon + 1, m->at->tm_wday);
	if (m->user != NULL && !(tab->flags & CK_PARSE_SYSTEM))
		return ck_error_set(err, CK_EINVAL, 0, 0, "a user crontab has "
		    "no user column to match");
	if (m->command_re != NULL) {
		if (re_compile(&cre, m->command_re, "command", err) == -1)
			return -1;
		have_c = true;
	}
	if (m->comment_re != NULL) {
		if (re_compile(&kre, m->comment_re, "comment", err) == -1)
			goto fail_quiet;
		have_k = true;
	}
	for (i = 0; i < tab->njobs; i++) {
		j = &tab->jobs[i];
		if (m->id != NULL && (j->id == NULL || j->id_len != m->id_len ||
		    memcmp(j->id, m->id, m->id_len) != 0))
			continue;
		if (m->user != NULL && (j->user == NULL ||
		    j->user_len != m->user_len ||
		    memcmp(j->user, m->user, m->user_len) != 0))
			continue;
		if (m->at != NULL && (!j->enabled ||
		    !ck_expr_matches(&j->expr, m->at)))
			continue;
		if (m->schedule != NULL && !ck_expr_same(&j->expr, m->schedule))
			continue;
		if (have_c) {
			if (re_match(&cre, j->cmd, j->cmd_len, &hit) == -1)
				goto oom;
			if (!hit)
				continue;
		}
		if (have_k) {
			ok = false;
			if (re_match(&kre, j->id, j->id_len, &hit) == -1)
				goto oom;
			ok = ok || hit;
			note = j->marker_line == CK_NONE ? NULL :
			    marker_note(tab->lines[j->marker_line].p,
			    tab->lines[j->marker_line].len, &notelen);
			if (re_match(&kre, note, notelen, &hit) == -1)
				goto oom;
			ok = ok || hit;
			/* The whole marker line: '^#Ansible:' picks a tool. */
			if (!ok && j->marker_line != CK_NONE &&
			    re_match(&kre, tab->lines[j->marker_line].p,
			    tab->lines[j->marker_line].len, &hit) == -1)
				goto oom;
			ok = ok || hit;
			tc = ck_job_comment(j, &tclen);
			if (re_match(&kre, tc, tclen, &hit) == -1)
				goto oom;
			ok = ok || hit;
			if (!ok)
				continue;
		}
		if (v == NULL && (v = reallocarray(NULL, tab->njobs,
		    sizeof(*v))) == NULL)
			goto oom;
		v[nv++] = i;
	}
	if (have_c)
		regfree(&cre);
	if (have_k)
		regfree(&kre);
	*out = v;
	*n = nv;
	return 0;
oom:
	ck_error_oom(err);
fail_quiet:
	if (have_c)
		regfree(&cre);
	if (have_k)
		regfree(&kre);
	free(v);
	return -1;
}

int
ck_tab_remove_match(ck_tab *tab, const ck_match *m, size_t *removed,
    ck_error *err)
{
	size_t *v, n;
	int rc;

	if (removed != NULL)
		*removed = 0;
	if (ck_tab_match(tab, m, &v, &n, err) == -1)
		return -1;
	if (n == 0)
		return 0;
	rc = ck_tab_remove_jobs(tab, v, n, err);
	free(v);
	if (rc == 0 && removed != NULL)
		*removed = n;
	return rc;
}

int
ck_tab_set_enabled(ck_tab *tab, const char *id, size_t idlen, bool enabled,
    bool *changed, ck_error *err)
{
	const struct ck_job *j;
	struct newline nl = { NULL, 0 };
	const char *p;
	size_t len, h, k;

	if (changed != NULL)
		*changed = false;
	if (selector_check(tab, id, idlen, err) == -1)
		return -1;
	if (ck_tab_id_unique(tab, id, idlen, err) == -1)
		return -1;
	if ((j = ck_tab_find_id(tab, id, idlen)) == NULL)
		return ck_error_set(err, CK_ENOTFOUND, 0, 0, "no job with id "
		    "\"%.*s\"", (int)idlen, id);
	if ((j->enabled != 0) == enabled)
		return 0;
	p = tab->lines[j->line].p;
	len = tab->lines[j->line].len;
	if (enabled) {
		/* Remove exactly the '#' that disabled it. */
		h = hash_pos(p, len);
		if (h >= len || p[h] != '#')
			return ck_error_set(err, CK_EINVAL, j->line + 1, 0,
			    "disabled job without a '#'");
		if ((nl.p = malloc(len + 1)) == NULL)
			return ck_error_oom(err);
		/* python-crontab's "# JOB # NAME": the blank goes too. */
		k = j->marker == CK_MARKER_PYTHON && h + 1 < len &&
		    p[h + 1] == ' ' ? 2 : 1;
		memcpy(nl.p, p, h);
		memcpy(nl.p + h, p + h + k, len - h - k);
		nl.len = len - k;
		nl.p[nl.len] = '\0';
	} else if (newline_dup(&nl, j->marker == CK_MARKER_PYTHON ? "# " :
	    "#", p, len, err) == -1) {
		return -1;
	}
	line_replace(tab, j->line, &nl);
	if (changed != NULL)
		*changed = true;
	return ck_tab_relink(tab, err);
}

/* The job of index i, or NULL with CK_EINVAL said. */
static const struct ck_job *
job_at(const ck_tab *tab, size_t i, ck_error *err)
{
	if (i >= tab->njobs) {
		ck_error_set(err, CK_EINVAL, 0, 0, "no job %zu (the tab has "
		    "%zu)", i, tab->njobs);
		return NULL;
	}
	return &tab->jobs[i];
}

int
ck_tab_job_adopt(ck_tab *tab, size_t job, const char *id, size_t idlen,
    ck_error *err)
{
	ck_job_spec spec = CK_JOB_SPEC_INIT;
	const struct ck_job *j, *other;
	struct newline mk = { NULL, 0 };
	uint8_t eol;
	size_t jline;

	if ((j = job_at(tab, job, err)) == NULL)
		return -1;
	if (j->marker != CK_MARKER_NONE) {
		if (j->id_len == idlen && memcmp(j->id, id, idlen) == 0)
			return 0;
		return ck_error_set(err, CK_EINVAL, j->line + 1, 0, "the job "
		    "already has the id \"%.*s\"", (int)j->id_len, j->id);
	}
	if (ck_id_check(id, idlen, err) == -1)
		return -1;
	if ((other = ck_tab_find_id(tab, id, idlen)) != NULL)
		return ck_error_set(err, CK_EINVAL, other->line + 1, 0, "the "
		    "id \"%.*s\" is in use on line %u", (int)idlen, id,
		    (unsigned)other->line + 1);
	spec.id = id;
	spec.id_len = idlen;
	if (render_marker(&spec, NULL, 0, &mk, err) == -1 ||
	    reserve_lines(tab, 1, err) == -1) {
		free(mk.p);
		return -1;
	}
	jline = j->line;
	eol = tab->lines[jline].eol;
	line_insert(tab, jline, &mk, eol == CK_EOL_NONE ? eol_style(tab) :
	    eol);
	return ck_tab_relink(tab, err);
}

int
ck_tab_job_set_enabled(ck_tab *tab, size_t job, bool enabled,
    bool *changed, ck_error *err)
{
	const struct ck_job *j;
	char *id;
	size_t idlen;
	int rc;

	if (changed != NULL)
		*changed = false;
	if ((j = job_at(tab, job, err)) == NULL)
		return -1;
	if ((j->enabled != 0) == enabled)
		return 0;
	if (j->marker == CK_MARKER_NONE)
		return ck_error_set(err, CK_EINVAL, j->line + 1, 0, "a job "
		    "without a marker reads as a comment once disabled: give "
		    "it an id first");
	/* The id may live in the line the change replaces: copy it. */
	idlen = j->id_len;
	if ((id = malloc(idlen + 1)) == NULL)
		return ck_error_oom(err);
	memcpy(id, j->id, idlen);
	id[idlen] = '\0';
	rc = ck_tab_set_enabled(tab, id, idlen, enabled, changed, err);
	free(id);
	return rc;
}

int
ck_tab_replace(ck_tab *tab, const char *text, size_t len, ck_error *err)
{
	ck_tab *n, tmp;

	if ((n = ck_tab_parse(text, len, tab->dialect, tab->flags,
	    err)) == NULL)
		return -1;
	tmp = *tab;
	*tab = *n;
	*n = tmp;
	ck_tab_free(n);
	return 0;
}

/*
 * The line "NAME=value" (quoted when cron would otherwise change the
 * value), checked by reading it back with the tab's rules.
 */
static int
render_assignment(const ck_tab *tab, const char *name, size_t nlen,
    const char *value, size_t vlen, struct newline *out, ck_error *err)
{
	struct ck_buf b = { 0 };
	struct ck_job job;
	ck_diag_list *diags;
	ck_error perr;
	const char *n, *v;
	size_t nl, vl;
	uint8_t kind;
	char q = 0;
	int rc;

	if (name == NULL || !env_name_ok(name, nlen)) {
		if (name != NULL && check_value("variable name", name, nlen,
		    err) == -1)
			return -1;
		return ck_error_set(err, CK_EINVAL, 0, 0, "variable name "
		    "\"%.*s\" is not a shell name ([A-Za-z_][A-Za-z0-9_]*)",
		    (int)(nlen > 64 ? 64 : nlen), name != NULL ? name : "");
	}
	if (value == NULL && vlen != 0)
		return ck_error_set(err, CK_EINVAL, 0, 0, "variable %.*s: no "
		    "value", (int)nlen, name);
	if (value == NULL)
		value = "";
	if (check_value("variable value", value, vlen, err) == -1)
		return -1;
	if (vlen == 0 || ck_isblank((unsigned char)value[0]) ||
	    value[0] == '"' || value[0] == '\'' ||
	    ck_isblank((unsigned char)value[vlen - 1])) {
		if (memchr(value, '"', vlen) == NULL)
			q = '"';
		else if (memchr(value, '\'', vlen) == NULL)
			q = '\'';
		else
			return ck_error_set(err, CK_EINVAL, 0, 0, "variable "
			    "%.*s: a value that needs quotes cannot hold both "
			    "quote characters", (int)nlen, name);
	}
	ck_buf_add(&b, name, nlen);
	ck_buf_addc(&b, '=');
	if (q != 0)
		ck_buf_addc(&b, q);
	ck_buf_add(&b, value, vlen);
	if (q != 0)
		ck_buf_addc(&b, q);
	if (b.oom)
		return ck_error_oom(err);

	/* Read it back the way the tab will. */
	if ((diags = ck_diag_list_new()) == NULL) {
		ck_buf_free(&b);
		return ck_error_oom(err);
	}
	memset(&job, 0, sizeof(job));
	rc = ck_line_parse(tab, b.p, b.len, 1, &kind, &job, diags, &perr);
	ck_diag_list_free(diags);
	if (rc == -1 || kind != CK_LINE_ENV ||
	    !ck_env_parse(b.p, b.len, tab->dialect, &n, &nl, &v, &vl) ||
	    nl != nlen || memcmp(n, name, nlen) != 0 || vl != vlen ||
	    memcmp(v, value, vlen) != 0) {
		ck_buf_free(&b);
		return ck_error_set(err, CK_EINVAL, 0, 0, "variable %.*s: "
		    "the assignment would not read back as written",
		    (int)nlen, name);
	}
	out->p = ck_buf_take(&b, &out->len);
	return 0;
}

/* Line i assigns variable name? */
static bool
assigns(const ck_tab *tab, size_t i, const char *name, size_t nlen)
{
	const char *n;
	size_t nl;

	return tab->lines[i].kind == CK_LINE_ENV &&
	    ck_tab_line_env(tab, i, &n, &nl, NULL, NULL) == 0 &&
	    nl == nlen && memcmp(n, name, nlen) == 0;
}

int
ck_tab_setenv(ck_tab *tab, const char *name, size_t nlen, const char *value,
    size_t vlen, bool *changed, ck_error *err)
{
	struct newline nl = { NULL, 0 }, last = { NULL, 0 }, *reps = NULL;
	size_t i, k, count = 0, first = SIZE_MAX, at;
	uint8_t eol;
	bool insert, last_open, any = false;

	if (changed != NULL)
		*changed = false;
	if (render_assignment(tab, name, nlen, value, vlen, &nl, err) == -1)
		return -1;
	for (i = 0; i < tab->nlines; i++)
		if (assigns(tab, i, name, nlen)) {
			if (first == SIZE_MAX)
				first = i;
			count++;
		}
	at = tab->nlines;
	if (tab->njobs > 0)
		at = tab->jobs[0].marker_line != CK_NONE ?
		    tab->jobs[0].marker_line : tab->jobs[0].line;
	insert = count == 0 || first > at;
	if (count > 0 && (reps = calloc(count, sizeof(*reps))) == NULL)
		goto oom;
	for (i = 0, k = 0; i < tab->nlines; i++) {
		if (!assigns(tab, i, name, nlen))
			continue;
		if (!line_is(tab, i, nl.p, nl.len) &&
		    newline_dup(&reps[k], "", nl.p, nl.len, err) == -1)
			goto fail;
		k++;
	}
	if (insert && reserve_lines(tab, 1, err) == -1)
		goto fail;
	eol = eol_style(tab);
	last_open = insert && at == tab->nlines && at > 0 &&
	    tab->lines[at - 1].eol == CK_EOL_NONE;
	if (last_open && eol == CK_EOL_CRLF && newline_dup(&last, "",
	    tab->lines[at - 1].p, tab->lines[at - 1].len, err) == -1)
		goto fail;

	/* Nothing can fail from here until relink. */
	for (i = 0, k = 0; i < tab->nlines; i++) {
		if (!assigns(tab, i, name, nlen))
			continue;
		if (reps[k].p != NULL) {
			line_replace(tab, i, &reps[k]);
			any = true;
		}
		k++;
	}
	if (insert) {
		if (last_open && tab->lines[at - 1].len == 0) {
			/* An empty unterminated last line: write over it. */
			at--;
			if (tab->lines[at].lflags & CK_LF_OWNED)
				free((char *)tab->lines[at].p);
			tab->nlines--;
		} else if (last_open) {
			tab->lines[at - 1].eol = eol;
			if (last.p != NULL)
				line_replace(tab, at - 1, &last);
		}
		line_insert(tab, at, &nl, eol);
		any = true;
	}
	free(last.p);
	free(nl.p);
	free(reps);
	if (changed != NULL)
		*changed = any;
	return any ? ck_tab_relink(tab, err) : 0;
oom:
	ck_error_oom(err);
fail:
	for (k = 0; reps != NULL && k < count; k++)
		free(reps[k].p);
	free(reps);
	free(last.p);
	free(nl.p);
	return -1;
}

int
ck_tab_unsetenv(ck_tab *tab, const char *name, size_t nlen, size_t *removed,
    ck_error *err)
{
	size_t i, k, n = 0;

	if (removed != NULL)
		*removed = 0;
	for (i = 0, k = 0; i < tab->nlines; i++) {
		if (assigns(tab, i, name, nlen)) {
			if (tab->lines[i].lflags & CK_LF_OWNED)
				free((char *)tab->lines[i].p);
			n++;
			continue;
		}
		tab->lines[k++] = tab->lines[i];
	}
	tab->nlines = k;
	if (removed != NULL)
		*removed = n;
	return n > 0 ? ck_tab_relink(tab, err) : 0;
}

/*
 * Append lines (taken over) at the end of tab, first giving the last line
 * a line ending when it has none; new lines get the ending of the tab's
 * last terminated line.  @return 0, or -1 with nothing changed.
 */
static int
append_lines(ck_tab *tab, struct newline *v, size_t n, ck_error *err)
{
	struct newline last = { NULL, 0 };
	size_t at, i;
	uint8_t eol;
	bool last_open;

	if (reserve_lines(tab, n, err) == -1)
		return -1;
	eol = eol_style(tab);
	at = tab->nlines;
	last_open = at > 0 && tab->lines[at - 1].eol == CK_EOL_NONE;
	/* A CRLF ending needs the '\r' after the text: own a copy. */
	if (last_open && eol == CK_EOL_CRLF && tab->lines[at - 1].len > 0 &&
	    newline_dup(&last, "", tab->lines[at - 1].p,
	    tab->lines[at - 1].len, err) == -1)
		return -1;
	if (last_open && tab->lines[at - 1].len == 0) {
		/* An empty unterminated last line: write over it. */
		at--;
		if (tab->lines[at].lflags & CK_LF_OWNED)
			free((char *)tab->lines[at].p);
		tab->nlines--;
	} else if (last_open) {
		tab->lines[at - 1].eol = eol;
		if (last.p != NULL)
			line_replace(tab, at - 1, &last);
	}
	for (i = 0; i < n; i++)
		line_insert(tab, at + i, &v[i], eol);
	return 0;
}

int
ck_tab_append(ck_tab *tab, const ck_job_spec *spec, size_t *line,
    ck_error *err)
{
	ck_job_spec sv;
	const ck_job_spec *s = &sv;
	struct ck_buf b = { 0 };
	struct newline v[2] = { { NULL, 0 }, { NULL, 0 } };
	const char *note = NULL;
	size_t cmd_off, n = 0, notelen = 0;

	if (ck_opts_read(&sv, sizeof(sv), spec, "ck_job_spec", err) == -1)
		return -1;

	if (s->id != NULL) {
		if (ck_id_check(s->id, s->id_len, err) == -1)
			return -1;
		if (ck_tab_find_id(tab, s->id, s->id_len) != NULL)
			return ck_error_set(err, CK_EINVAL, 0, 0, "id \"%.*s\" "
			    "is already used", (int)s->id_len, s->id);
	} else if (s->comment != NULL && s->comment_len > 0) {
		return ck_error_set(err, CK_EINVAL, 0, 0, "a note needs an "
		    "id: it is kept on the id's marker line");
	} else if (s->disabled) {
		return ck_error_set(err, CK_EINVAL, 0, 0, "a disabled job "
		    "needs an id: without a marker it reads as a comment");
	}
	if (s->comment != NULL) {
		if (check_value("comment", s->comment, s->comment_len,
		    err) == -1)
			return -1;
		note = s->comment;
		notelen = s->comment_len;
		while (notelen > 0 && ck_isblank((unsigned char)*note)) {
			note++;
			notelen--;
		}
		while (notelen > 0 &&
		    ck_isblank((unsigned char)note[notelen - 1]))
			notelen--;
	}
	if (render_job(tab, s, &b, &cmd_off, err) == -1)
		goto fail;
	if (s->id != NULL && render_marker(s, note, notelen, &v[n++],
	    err) == -1)
		goto fail;
	if (newline_dup(&v[n++], s->disabled ? "#" : "", b.p, b.len,
	    err) == -1)
		goto fail;
	ck_buf_free(&b);
	if (append_lines(tab, v, n, err) == -1)
		goto fail;
	if (line != NULL)
		*line = tab->nlines - 1;
	return ck_tab_relink(tab, err);
fail:
	free(v[0].p);
	free(v[1].p);
	ck_buf_free(&b);
	return -1;
}
