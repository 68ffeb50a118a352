/* SPDX-License-Identifier: ISC */
/*
 * job.c - a job line: schedule, user column, command, identity marker and
 * enabled state.  Jobs are borrowed from their tab.
 */
#include <string.h>

#include "internal.h"

static const struct {
	const char	*prefix;	/* after '#' and optional blanks */
	enum ck_marker	 kind;
	bool		 blank_after;	/* blanks allowed after the colon */
} markers[] = {
	{ "cronkeep:", CK_MARKER_CRONKEEP, true },
	{ "Ansible:", CK_MARKER_ANSIBLE, true },
	{ "Puppet Name:", CK_MARKER_PUPPET, true },
	{ "Chef Name:", CK_MARKER_CHEF, true },
	{ "SALT_CRON_IDENTIFIER:", CK_MARKER_SALT, true },
};

enum ck_marker
ck_marker_parse(const char *p, size_t len, const char **id, size_t *idlen)
{
	size_t i = 0, k, n, e;

	while (i < len && ck_isblank((unsigned char)p[i]))
		i++;
	if (i >= len || p[i] != '#')
		return CK_MARKER_NONE;
	i++;
	while (i < len && ck_isblank((unsigned char)p[i]))
		i++;
	for (k = 0; k < sizeof(markers) / sizeof(markers[0]); k++) {
		n = strlen(markers[k].prefix);
		if (len - i < n || memcmp(p + i, markers[k].prefix, n) != 0)
			continue;
		i += n;
		while (i < len && ck_isblank((unsigned char)p[i]))
			i++;
		e = len;
		while (e > i && (ck_isblank((unsigned char)p[e - 1]) ||
		    p[e - 1] == '\r'))
			e--;
		if (e == i)
			return CK_MARKER_NONE;
		/*
		 * Our own ids are single words; what follows the id after a
		 * blank is a note (ck_tab_set()'s comment), not the id.
		 */
		if (markers[k].kind == CK_MARKER_CRONKEEP) {
			for (n = i; n < e && !ck_isblank((unsigned char)p[n]);
			    n++)
				;
			e = n;
			if (!ck_id_valid(p + i, e - i))
				return CK_MARKER_NONE;
		}
		*id = p + i;
		*idlen = e - i;
		return markers[k].kind;
	}
	return CK_MARKER_NONE;
}

bool
ck_id_valid(const char *id, size_t len)
{
	size_t i;

	if (len == 0 || len > 128)
		return false;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)id[i];

		if (!ck_isalnum(c) && c != '_' && c != '.' && c != ':' &&
		    c != '@' && c != '-')
			return false;
	}
	return true;
}

const ck_expr *
ck_job_expr(const ck_job *job)
{
	return &job->expr;
}

size_t
ck_job_line(const ck_job *job)
{
	return job->line;
}

size_t
ck_job_marker_line(const ck_job *job)
{
	return job->marker_line == CK_NONE ? (size_t)-1 : job->marker_line;
}

enum ck_marker
ck_job_marker(const ck_job *job)
{
	return (enum ck_marker)job->marker;
}

bool
ck_job_enabled(const ck_job *job)
{
	return job->enabled != 0;
}

const char *
ck_job_command(const ck_job *job, size_t *len)
{
	if (len != NULL)
		*len = job->cmd_len;
	return job->cmd;
}

const char *
ck_job_user(const ck_job *job, size_t *len)
{
	if (len != NULL)
		*len = job->user_len;
	return job->user;
}

const char *
ck_job_id(const ck_job *job, size_t *len)
{
	if (len != NULL)
		*len = job->id_len;
	return job->id;
}

const char *
ck_job_comment(const ck_job *job, size_t *len)
{
	const char *c = job->cmd, *h, *last = NULL;
	size_t n = job->cmd_len, s, e;

	/* python-crontab's comment is the job's name: the id, cut off. */
	if (job->marker == CK_MARKER_PYTHON) {
		if (len != NULL)
			*len = job->id_len;
		return job->id;
	}

	/*
	 * python-crontab writes "cmd # comment": take the last " # ".  Found
	 * by memchr(3) from '#' to '#' (lint asks this of every job).
	 */
	for (h = n > 0 ? memchr(c, '#', n) : NULL; h != NULL;
	    h = memchr(h + 1, '#', n - (size_t)(h + 1 - c)))
		if (h > c && h[-1] == ' ' && h + 1 < c + n && h[1] == ' ')
			last = h;
	if (last != NULL) {
		s = (size_t)(last + 2 - c);
		e = n;
		while (e > s && (ck_isblank((unsigned char)c[e - 1]) ||
		    c[e - 1] == '\r'))
			e--;
		if (e == s)
			return NULL;
		if (len != NULL)
			*len = e - s;
		return c + s;
	}
	return NULL;
}
