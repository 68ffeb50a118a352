/* SPDX-License-Identifier: ISC */
/*
 * hashed.c - hashed schedules on the command line: the host name, the
 * key, and the note "[REQUEST key=HEX]" that set keeps on the marker line
 * ("# cronkeep: ID [H H * * * key=22b3855ab1c9c266]"), so that a later
 * set re-resolves the same request with the same key: the time does not
 * drift when the host is renamed or the crontab changes hands.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "hashed.h"

char *
cli_host_name(const char *override)
{
	char buf[256];

	if (override != NULL)
		return xstrdup(override);
	if (gethostname(buf, sizeof(buf)) == -1)
		return xstrdup("");
	buf[sizeof(buf) - 1] = '\0';
	return xstrdup(buf);
}

/* The request with its blanks as single spaces. */
static char *
normal(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *p = out;

	while (*s == ' ' || *s == '\t')
		s++;
	while (*s != '\0') {
		if (*s == ' ' || *s == '\t') {
			while (*s == ' ' || *s == '\t')
				s++;
			if (*s != '\0')
				*p++ = ' ';
		} else
			*p++ = *s++;
	}
	*p = '\0';
	return out;
}

/* Where the hashed part "[... key=HEX]" starts in note, or NULL. */
static const char *
hashed_part(const char *note, size_t len, size_t *plen)
{
	const char *open = NULL, *k;
	size_t i;

	if (note == NULL || len < 24 || note[len - 1] != ']')
		return NULL;
	for (i = len - 1; i > 0; i--)
		if (note[i - 1] == '[') {
			open = note + i - 1;
			break;
		}
	if (open == NULL)
		return NULL;
	k = note + len - 22;
	if (k <= open || memcmp(k, " key=", 5) != 0 ||
	    strspn(k + 5, "0123456789abcdef") < 16)
		return NULL;
	*plen = len - (size_t)(open - note);
	return open;
}

bool
cli_note_is_hashed(const char *note, size_t len)
{
	size_t plen;

	return hashed_part(note, len, &plen) != NULL;
}

char *
cli_note_with(const char *note, size_t len, const char *part)
{
	const char *h;
	size_t plen, keep = len;
	char *out;

	if (note == NULL)
		keep = 0;
	else if ((h = hashed_part(note, len, &plen)) != NULL)
		keep = (size_t)(h - note);
	while (keep > 0 && (note[keep - 1] == ' ' || note[keep - 1] == '\t'))
		keep--;
	out = xmalloc(keep + (part != NULL ? strlen(part) + 2 : 1));
	if (keep > 0)
		memcpy(out, note, keep);
	out[keep] = '\0';
	if (part != NULL) {
		if (keep > 0)
			strlcat(out, " ", keep + strlen(part) + 2);
		strlcat(out, part, keep + strlen(part) + 2);
	}
	return out;
}

const char *
cli_marker_note(const ck_tab *tab, const ck_job *job, size_t *len)
{
	static const char prefix[] = "# cronkeep:";
	const char *t, *id;
	size_t n, idlen, i, e;

	if (ck_job_marker(job) != CK_MARKER_CRONKEEP)
		return NULL;
	t = ck_tab_line_text(tab, ck_job_marker_line(job), &n, NULL);
	id = ck_job_id(job, &idlen);
	if (t == NULL || n < sizeof(prefix) - 1 ||
	    memcmp(t, prefix, sizeof(prefix) - 1) != 0)
		return NULL;
	/* The note follows the id after a blank. */
	for (i = 0; i + idlen <= n; i++)
		if (memcmp(t + i, id, idlen) == 0 && i >= sizeof(prefix) - 1)
			break;
	if (i + idlen > n)
		return NULL;
	i += idlen;
	while (i < n && (t[i] == ' ' || t[i] == '\t'))
		i++;
	e = n;
	while (e > i && (t[e - 1] == '\n' || t[e - 1] == '\r' ||
	    t[e - 1] == ' ' || t[e - 1] == '\t'))
		e--;
	if (e == i)
		return NULL;
	*len = e - i;
	return t + i;
}

int
cli_hash_resolve(const struct cli_ctx *ctx, const char *sched,
    const struct cli_hashreq *r, const char *prev, size_t prevlen,
    char **resolved, char **note)
{
	ck_hash_opts o = CK_HASH_OPTS_INIT;
	unsigned long long key = 0;
	const char *h;
	char *req, *host = NULL, hex[17];
	size_t plen, rlen;
	ck_error err;
	bool have = false;

	req = normal(sched);
	rlen = strlen(req);
	/* "[REQ key=HEX]": the same request keeps its key. */
	if (r->seed == NULL && (h = hashed_part(prev, prevlen, &plen)) !=
	    NULL && plen == rlen + 23 && memcmp(h + 1, req, rlen) == 0) {
		memcpy(hex, h + plen - 17, 16);
		hex[16] = '\0';
		key = strtoull(hex, NULL, 16);
		have = true;
	}
	if (!have) {
		if (r->seed != NULL) {
			o.seed = r->seed;
			o.seed_len = strlen(r->seed);
		} else {
			host = cli_host_name(r->host);
			o.host = host;
			o.host_len = strlen(host);
			if (r->owner != NULL) {
				o.owner = r->owner;
				o.owner_len = strlen(r->owner);
			}
			if (r->id != NULL) {
				o.id = r->id;
				o.id_len = strlen(r->id);
			}
		}
		memset(&err, 0, sizeof(err));
		if (ck_hash_key(&o, &key, &err) == -1) {
			free(host);
			free(req);
			return cli_error(ctx, NULL, &err);
		}
		free(host);
	}
	memset(&err, 0, sizeof(err));
	if ((*resolved = ck_sched_resolve(req, rlen, key, NULL, &err)) ==
	    NULL) {
		cli_warnx(ctx, "schedule:%u: %s", err.column, err.msg);
		free(req);
		return err.code == CK_ENOMEM ? EX_OSERR : EX_DATAERR;
	}
	if (asprintf(note, "[%s key=%016llx]", req, key) == -1) {
		free(*resolved);
		free(req);
		return EX_OSERR;
	}
	free(req);
	return 0;
}

int
cli_hash_text(const struct cli_ctx *ctx, char **text,
    const struct cli_hashreq *r, char **request, bool quiet)
{
	char *resolved, *note;
	int rc;

	*request = NULL;
	if (!ck_sched_is_hashed(*text, strlen(*text)))
		return 0;
	if ((rc = cli_hash_resolve(ctx, *text, r, NULL, 0, &resolved,
	    &note)) != 0)
		return rc;
	free(note);
	if (!quiet) {
		fflush(stdout);
		fprintf(stderr, "cronkeep: ");
		cli_put_vis(stderr, *text, strlen(*text));
		fprintf(stderr, " resolves to %s\n", resolved);
	}
	*request = *text;
	*text = resolved;
	return 0;
}
