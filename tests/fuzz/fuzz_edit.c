/* SPDX-License-Identifier: ISC */
/*
 * fuzz_edit.c - random sequences of set / remove / enable / disable on any
 * document.
 *
 * Input: byte 0 picks the dialect, the format and strict or lenient
 * parsing; byte 1 the number of operations; then four bytes per operation;
 * the rest is the document.
 *
 * Properties, after every operation:
 *  - a refused operation leaves every byte as it was;
 *  - enable/disable changes exactly the job's line, by one '#';
 *  - remove deletes exactly the jobs' lines and their markers (but
 *    keeps an empty line where a marker comment above would otherwise
 *    meet a commented-out job below);
 *  - set changes nothing (unchanged), appends a marker and a job line
 *    (created), or rewrites at most the job line and its marker, adding
 *    a marker when it adopts a job (updated); every other line keeps its
 *    bytes and ending;
 *  - the job set is then findable by its id, in the state asked;
 *  - the edited model is what a fresh parse of its text gives.
 */
#include <string.h>

#include "fuzz.h"

/* A rendered document cut into lines (each with its ending). */
struct lines {
	char	*text;
	size_t	 len;
	size_t	*off;		/* n + 1 offsets */
	size_t	 n;
};

static void
snap(const ck_tab *tab, struct lines *s)
{
	ck_error err;
	size_t i, k;

	FUZZ_CHECK(ck_tab_format(tab, &s->text, &s->len, &err) == 0,
	    "format failed: %s", err.msg);
	s->n = ck_tab_line_count(tab);
	s->off = calloc(s->n + 1, sizeof(*s->off));
	FUZZ_CHECK(s->off != NULL, "out of memory");
	for (i = 0, k = 0; i < s->n; i++) {
		s->off[i] = k;
		while (k < s->len && s->text[k] != '\n')
			k++;
		if (k < s->len)
			k++;
	}
	s->off[s->n] = k;
	FUZZ_CHECK(k == s->len, "lines do not cover the text");
}

static void
snap_free(struct lines *s)
{
	free(s->text);
	free(s->off);
}

static size_t
llen(const struct lines *s, size_t i)
{
	return s->off[i + 1] - s->off[i];
}

/* Line i holds nothing but its ending. */
static bool
empty_line(const struct lines *s, size_t i)
{
	size_t k;

	for (k = s->off[i]; k < s->off[i + 1]; k++)
		if (s->text[k] != '\r' && s->text[k] != '\n')
			return false;
	return true;
}

/* Line i starts with '#' after blanks. */
static bool
comment_line(const struct lines *s, size_t i)
{
	size_t k = s->off[i];

	while (k < s->off[i + 1] && (s->text[k] == ' ' || s->text[k] == '\t'))
		k++;
	return k < s->off[i + 1] && s->text[k] == '#';
}

static bool
leq(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
	return llen(a, i) == llen(b, j) && memcmp(a->text + a->off[i],
	    b->text + b->off[j], llen(a, i)) == 0;
}

static void
same_bytes(const struct lines *a, const struct lines *b, const char *what)
{
	FUZZ_CHECK(a->len == b->len && memcmp(a->text, b->text, a->len) == 0,
	    "%s changed the document", what);
}

/*
 * Lines of a and b agree outside one window: a[lo, a->n - hi) against
 * b[lo, b->n - hi), where lo and hi are the common prefix and suffix.
 * Returns the window sizes in *wa and *wb and its start in *lo.
 */
static void
window(const struct lines *a, const struct lines *b, size_t *lo,
    size_t *wa, size_t *wb)
{
	size_t p = 0, s = 0;

	while (p < a->n && p < b->n && leq(a, p, b, p))
		p++;
	while (s < a->n - p && s < b->n - p &&
	    leq(a, a->n - 1 - s, b, b->n - 1 - s))
		s++;
	*lo = p;
	*wa = a->n - p - s;
	*wb = b->n - p - s;
}

static void
consistent(const ck_tab *tab)
{
	ck_tab *fresh;
	ck_error err;
	char *out;
	size_t len;

	FUZZ_CHECK(ck_tab_format(tab, &out, &len, &err) == 0, "format");
	fresh = ck_tab_parse(out, len, ck_tab_dialect(tab),
	    (ck_tab_is_system(tab) ? CK_PARSE_SYSTEM : 0) | CK_PARSE_LENIENT,
	    &err);
	FUZZ_CHECK(fresh != NULL, "edited text does not parse: %s", err.msg);
	fuzz_same_model(tab, fresh, "edited vs fresh parse");
	ck_tab_free(fresh);
	free(out);
}

static const char *const ids[] = { "a", "b", "web.1", "x:y@z-2", "bad id" };
static const char *const schedules[] = { "0 * * * *",
	"*/5  1-3 * * mon-fri", "@daily", "5/10 * * * *", "0 0 30 2 *",
	"61 * * * *", "* * * * *", "0 0 1 jan-mar/2 *", "@reboot",
	"0 0 * * 5-0", "0 12 * * *\n* * * * * evil" };
static const char *const commands[] = { "cmd", "echo 'a b' % c",
	"/bin/true # note", "x\ny", "", "* x", "run -n", "a\r",
	"date +%F\\%", "a\\\\b", "printf 'a\\%s' x" };
static const char *const users[] = { "root", "www-data", "bad user", "" };
static const char *const notes[] = { NULL, "", "a note", "  spaced  ",
	"two\nlines" };
static const ck_env_pair envs[] = { { "FOO", 3, "a b%c", 5 },
	{ "PATH", 4, "/bin:/usr/bin", 13 }, { "9X", 2, "v", 1 } };

#define NEL(a)	(sizeof(a) / sizeof((a)[0]))

/* The id of job b % njobs when it has one, else one from the table. */
static void
pick_id(const ck_tab *tab, unsigned int b, const char **id, size_t *len)
{
	const ck_job *j;
	size_t n = ck_tab_job_count(tab);

	if ((b & 1) && n > 0) {
		j = ck_tab_job(tab, (b >> 1) % n);
		if ((*id = ck_job_id(j, len)) != NULL)
			return;
	}
	*id = ids[(b >> 1) % NEL(ids)];
	*len = strlen(*id);
}

static void
op_set(ck_tab *tab, const uint8_t *o)
{
	ck_job_spec s = CK_JOB_SPEC_INIT;
	struct lines before, after;
	const ck_job *j;
	char *id;
	const char *p, *eol;
	char *shcmd = NULL, *in = NULL;
	size_t lo, wa, wb, idlen, line, len, jl = (size_t)-1, ml = (size_t)-1;
	ck_set_result res;
	ck_error err;
	int rc;

	pick_id(tab, o[1], &p, &idlen);
	if ((id = strndup(p, idlen)) == NULL)
		return;
	s.id = id;
	s.id_len = idlen;
	s.schedule = schedules[o[2] % NEL(schedules)];
	s.schedule_len = strlen(s.schedule);
	s.command = commands[(o[2] >> 4) % NEL(commands)];
	s.command_len = strlen(s.command);
	if (ck_tab_is_system(tab) || (o[3] & 0x80)) {
		s.user = users[o[3] % NEL(users)];
		s.user_len = strlen(s.user);
	}
	s.comment = notes[(o[3] >> 2) % NEL(notes)];
	s.comment_len = s.comment != NULL ? strlen(s.comment) : 0;
	if (o[3] & 0x40) {
		s.env = &envs[(o[3] >> 4) % NEL(envs)];
		s.nenv = 1;
	}
	s.disabled = (o[1] & 0x80) != 0;
	if ((j = ck_tab_find_id(tab, id, idlen)) != NULL) {
		jl = ck_job_line(j);
		ml = ck_job_marker_line(j);
	}
	snap(tab, &before);
	rc = ck_tab_set(tab, &s, &res, &line, &err);
	snap(tab, &after);
	if (rc == -1 || res == CK_SET_UNCHANGED) {
		same_bytes(&before, &after, rc == -1 ? "a refused set" :
		    "an unchanged set");
		goto out;
	}
	window(&before, &after, &lo, &wa, &wb);
	if (res == CK_SET_CREATED) {
		FUZZ_CHECK(j == NULL, "created a job whose id existed");
		FUZZ_CHECK(after.n == before.n + 2 ||
		    (before.n > 0 && after.n == before.n + 1 &&
		    llen(&before, before.n - 1) == 0),
		    "created: %zu lines, then %zu", before.n, after.n);
		FUZZ_CHECK(lo + wa == before.n && wa <= 1,
		    "created: old lines changed (from line %zu)", lo + 1);
		if (wa == 1 && llen(&before, lo) > 0)
			FUZZ_CHECK(memcmp(before.text + before.off[lo],
			    after.text + after.off[lo], llen(&before, lo)) == 0,
			    "created: the last line changed, not only ended");
		FUZZ_CHECK(line + 1 == after.n, "created job on line %zu of "
		    "%zu", line + 1, after.n);
	} else {
		FUZZ_CHECK(wa <= 2 && wb <= 2 && wb >= wa && wb - wa <= 1,
		    "updated: %zu lines became %zu (from line %zu)", wa, wb,
		    lo + 1);
		if (j != NULL)
			FUZZ_CHECK(after.n == before.n && (wa == 0 ||
			    (lo >= (ml != (size_t)-1 ? ml : jl) &&
			    lo + wa <= jl + 1)),
			    "updated: lines other than job %zu changed",
			    jl + 1);
	}
	j = ck_tab_find_id(tab, id, idlen);
	FUZZ_CHECK(j != NULL, "the job set is not found by its id");
	FUZZ_CHECK(ck_job_line(j) == line, "set reported line %zu, job on %zu",
	    line, ck_job_line(j));
	FUZZ_CHECK(ck_job_enabled(j) == !s.disabled, "set: wrong state");
	/*
	 * The command is written for cron: split back as cron does, it is
	 * what was given, after the environment prefix, with no input.
	 */
	FUZZ_CHECK(ck_job_split(tab, j, &shcmd, &in, &err) == 0,
	    "set: the command does not split");
	len = strlen(shcmd);
	/* A CRLF line's command ends with the '\r' cron passes on. */
	ck_tab_line_text(tab, ck_job_line(j), NULL, &eol);
	if (strcmp(eol, "\r\n") == 0 && len > 0 && shcmd[len - 1] == '\r')
		len--;
	FUZZ_CHECK(in == NULL && len >= s.command_len &&
	    memcmp(shcmd + len - s.command_len, s.command, s.command_len) == 0,
	    "set: the shell would not run the command given");
	free(shcmd);
	free(in);
	consistent(tab);
out:
	snap_free(&before);
	snap_free(&after);
	free(id);
}

static void
op_enable(ck_tab *tab, const uint8_t *o, bool on)
{
	struct lines before, after;
	const ck_job *j;
	const char *id;
	char *idc;
	size_t idlen, jl = 0, lo, wa, wb, i, d;
	ck_error err;
	bool changed, was = false, py;
	int rc;

	pick_id(tab, o[1], &id, &idlen);
	/* The id may live in the line the change replaces: keep a copy. */
	if ((idc = malloc(idlen + 1)) == NULL)
		return;
	memcpy(idc, id, idlen);
	idc[idlen] = '\0';
	id = idc;
	if ((j = ck_tab_find_id(tab, id, idlen)) != NULL) {
		jl = ck_job_line(j);
		was = ck_job_enabled(j);
	}
	/* python-crontab's form is "# JOB # NAME": a blank after the '#'. */
	py = j != NULL && ck_job_marker(j) == CK_MARKER_PYTHON;
	snap(tab, &before);
	rc = ck_tab_set_enabled(tab, id, idlen, on, &changed, &err);
	snap(tab, &after);
	if (rc == -1 || !changed) {
		FUZZ_CHECK(rc == 0 || j == NULL || err.code == CK_EINVAL ||
		    err.code == CK_ENOMEM, "set_enabled failed: %s", err.msg);
		FUZZ_CHECK(rc == -1 || (j != NULL && was == on),
		    "nothing changed, yet the job was in the other state");
		same_bytes(&before, &after, "a refused enable/disable");
		goto out;
	}
	window(&before, &after, &lo, &wa, &wb);
	FUZZ_CHECK(j != NULL && wa == 1 && wb == 1 && lo == jl,
	    "enable/disable changed lines other than the job's");
	d = on ? llen(&before, lo) - llen(&after, lo) :
	    llen(&after, lo) - llen(&before, lo);
	FUZZ_CHECK(llen(&after, lo) != llen(&before, lo) && (d == 1 ||
	    (py && d == 2)) && (on || d == (py ? 2u : 1u)),
	    "enable/disable did more than one '#'");
	if (!on)
		FUZZ_CHECK(after.text[after.off[lo]] == '#' && (d == 1 ||
		    after.text[after.off[lo] + 1] == ' ') &&
		    memcmp(after.text + after.off[lo] + d,
		    before.text + before.off[lo], llen(&before, lo)) == 0,
		    "disable is not '#' + the line");
	else {
		for (i = 0; i < llen(&after, lo) &&
		    after.text[after.off[lo] + i] ==
		    before.text[before.off[lo] + i]; i++)
			;
		FUZZ_CHECK(before.text[before.off[lo] + i] == '#' &&
		    (d == 1 || before.text[before.off[lo] + i + 1] == ' ') &&
		    memcmp(after.text + after.off[lo] + i,
		    before.text + before.off[lo] + i + d,
		    llen(&after, lo) - i) == 0,
		    "enable did not remove exactly one '#'");
	}
	j = ck_tab_find_id(tab, id, idlen);
	FUZZ_CHECK(j != NULL && ck_job_enabled(j) == on,
	    "job not found in the new state");
	consistent(tab);
out:
	free(idc);
	snap_free(&before);
	snap_free(&after);
}

static void
op_remove(ck_tab *tab, const uint8_t *o)
{
	struct lines before, after;
	const ck_job *j;
	unsigned char *drop = NULL;
	size_t jobs[2], n, nj = ck_tab_job_count(tab), i, k;
	ck_error err;
	int rc;

	n = (o[1] & 1) + 1;
	jobs[0] = o[2] % (nj + 1);	/* nj: out of range, refused */
	jobs[1] = o[3] % (nj > 0 ? nj : 1);
	snap(tab, &before);
	if ((drop = calloc(before.n + 1, 1)) == NULL)
		goto out0;
	for (i = 0; i < n; i++) {
		if ((j = ck_tab_job(tab, jobs[i])) == NULL)
			continue;
		drop[ck_job_line(j)] = 1;
		if (ck_job_marker_line(j) != (size_t)-1)
			drop[ck_job_marker_line(j)] = 1;
	}
	rc = ck_tab_remove_jobs(tab, jobs, n, &err);
	snap(tab, &after);
	if (rc == -1) {
		FUZZ_CHECK(err.code == CK_EINVAL || err.code == CK_ENOMEM,
		    "remove failed: %s", err.msg);
		same_bytes(&before, &after, "a refused remove");
		goto out;
	}
	for (i = 0, k = 0; i < before.n; i++) {
		if (drop[i])
			continue;
		/*
		 * A removal that would join a marker comment above it with
		 * a commented-out job below it keeps its last line, emptied
		 * (edit.c, would_join()): an empty line may stand between a
		 * comment and the comment after removed lines.
		 */
		if (i > 0 && drop[i - 1] && k > 0 && k < after.n &&
		    !leq(&before, i, &after, k) && empty_line(&after, k) &&
		    comment_line(&after, k - 1) && comment_line(&before, i))
			k++;
		FUZZ_CHECK(k < after.n && leq(&before, i, &after, k),
		    "remove changed line %zu (now %zu)", i + 1, k + 1);
		k++;
	}
	FUZZ_CHECK(k == after.n, "remove left %zu lines, expected %zu",
	    after.n, k);
	consistent(tab);
out:
	snap_free(&after);
out0:
	snap_free(&before);
	free(drop);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ck_tab *tab;
	ck_error err;
	size_t nops, i;
	unsigned int flags;

	if (size < 2)
		return 0;
	nops = data[1] % 8 + 1;
	if (size < 2 + nops * 4)
		return 0;
	flags = (data[0] & 0x08 ? CK_PARSE_SYSTEM : 0) |
	    (data[0] & 0x10 ? 0 : CK_PARSE_LENIENT);
	tab = ck_tab_parse((const char *)data + 2 + nops * 4,
	    size - 2 - nops * 4, (ck_dialect)((data[0] & 7) % CK_DIALECT_COUNT),
	    flags, &err);
	if (tab == NULL)
		return 0;
	for (i = 0; i < nops; i++) {
		const uint8_t *o = data + 2 + i * 4;

		switch (o[0] % 4) {
		case 0:
			op_set(tab, o);
			break;
		case 1:
			op_remove(tab, o);
			break;
		case 2:
			op_enable(tab, o, true);
			break;
		default:
			op_enable(tab, o, false);
			break;
		}
	}
	ck_tab_free(tab);
	return 0;
}
