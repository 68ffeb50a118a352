/* SPDX-License-Identifier: ISC */
/*
 * store.c - where crontabs live: the ck_store handle, opened on a user's
 * crontab (store_user.c) or a file (store_file.c), read and written
 * through the backend.  What the backends share is in store_io.c, the
 * host's crontabs in store_host.c.
 */
#define _GNU_SOURCE	/* renameat2 */

#include <sys/types.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"


static ck_store *
store_new(enum ck_store_type type, const ck_store_opts *opts, ck_error *err)
{
	ck_store *s;
	bool want_lock;

	if ((s = calloc(1, sizeof(*s))) == NULL) {
		ck_error_oom(err);
		return NULL;
	}
	s->type = type;
	s->lock_fd = -1;
	if (ck_opts_read(&s->o, sizeof(s->o), opts, "ck_store_opts",
	    err) == -1) {
		free(s);
		return NULL;
	}
	/* Fields a caller's older (or absent) struct lacks: not 0 (root). */
	if (opts == NULL ||
	    opts->size <= offsetof(ck_store_opts, owner_gid)) {
		s->o.owner_uid = -1;
		s->o.owner_gid = -1;
	}
	if ((unsigned int)s->o.dialect >= CK_DIALECT_COUNT) {
		ck_error_set(err, CK_EINVAL, 0, 0, "unknown dialect %d",
		    (int)s->o.dialect);
		free(s);
		return NULL;
	}
	s->crontab = strdup(s->o.crontab != NULL && s->o.crontab[0] != '\0' ?
	    s->o.crontab : "crontab");
	s->tmpdir = strdup(s->o.tmpdir != NULL && s->o.tmpdir[0] != '\0' ?
	    s->o.tmpdir : "/tmp");
	want_lock = s->o.lock_dir != NULL && s->o.lock_dir[0] != '\0';
	s->lock_dir = want_lock ? strdup(s->o.lock_dir) : NULL;
	s->spool_dir = strdup(s->o.spool_dir != NULL &&
	    s->o.spool_dir[0] != '\0' ? s->o.spool_dir : ck_store_spool_dir(s->o.dialect));
	s->o.crontab = s->o.tmpdir = s->o.lock_dir = s->o.spool_dir = NULL;
	if (s->crontab == NULL || s->tmpdir == NULL || s->spool_dir == NULL ||
	    (want_lock && s->lock_dir == NULL)) {
		ck_store_free(s);
		ck_error_oom(err);
		return NULL;
	}
	return s;
}

ck_store *
ck_store_open_user(const char *user, const ck_store_opts *opts,
    ck_error *err)
{
	ck_store *s;

	if (user != NULL && (user[0] == '\0' || user[0] == '-')) {
		ck_error_set(err, CK_EINVAL, 0, 0, "bad user name \"%s\"",
		    user);
		return NULL;
	}
	if ((s = store_new(CK_STORE_T_USER, opts, err)) == NULL)
		return NULL;
	if (user != NULL && (s->user = strdup(user)) == NULL) {
		ck_store_free(s);
		ck_error_oom(err);
		return NULL;
	}
	return s;
}

ck_store *
ck_store_open_file(const char *path, const ck_store_opts *opts,
    ck_error *err)
{
	ck_store *s;

	if (path == NULL || path[0] == '\0') {
		ck_error_set(err, CK_EINVAL, 0, 0, "empty file name");
		return NULL;
	}
	if ((s = store_new(CK_STORE_T_FILE, opts, err)) == NULL)
		return NULL;
	if ((s->path = strdup(path)) == NULL) {
		ck_store_free(s);
		ck_error_oom(err);
		return NULL;
	}
	return s;
}

void
ck_store_free(ck_store *s)
{
	if (s == NULL)
		return;
	if (s->lock_fd != -1)
		close(s->lock_fd);
	free(s->crontab);
	free(s->tmpdir);
	free(s->lock_dir);
	free(s->spool_dir);
	free(s->raw);
	free(s->user);
	free(s->path);
	free(s->seen);
	free(s);
}

int
ck_store_read(ck_store *s, char **text, size_t *len, ck_error *err)
{
	char *t = NULL;
	size_t n = 0;
	bool absent = false;
	int rc;

	if (s->type == CK_STORE_T_USER)
		rc = ck_store_user_read(s, &t, &n, &absent, err);
	else
		rc = ck_store_file_read(s, &t, &n, &absent, err);
	if (rc == -1)
		return -1;
	if (s->o.flags & CK_STORE_READ_ONLY) {
		/* Never written: no copy for the conflict check. */
		s->absent = absent;
		s->have_read = true;
	} else if (ck_store_remember(s, t, n, absent, err) == -1) {
		free(t);
		return -1;
	}
	*text = t;
	*len = n;
	return 0;
}

int
ck_store_write(ck_store *s, const char *text, size_t len, ck_error *err)
{
	if (text == NULL && len > 0)
		return ck_error_set(err, CK_EINVAL, 0, 0, "no text to write");
	if (text == NULL)
		text = "";
	if (s->o.flags & CK_STORE_READ_ONLY)
		return ck_error_set(err, CK_EPERM, 0, 0,
		    "%s was opened only to read", s->path != NULL ? s->path :
		    "the crontab");
	if (s->type == CK_STORE_T_USER)
		return ck_store_user_write(s, text, len, err);
	return ck_store_file_write(s, text, len, err);
}

bool
ck_store_was_absent(const ck_store *s)
{
	return s->have_read && s->absent;
}

const char *
ck_store_path(const ck_store *s)
{
	return s->path;
}

ck_tab *
ck_store_read_tab(ck_store *s, ck_dialect d, unsigned int flags,
    ck_error *err)
{
	char *text;
	size_t len;

	if (ck_store_read(s, &text, &len, err) == -1)
		return NULL;
	if (s->o.flags & CK_STORE_SYSTEM)
		flags |= CK_PARSE_SYSTEM;
	return ck_tab_parse_owned(text, len, d, flags, err);
}

int
ck_store_write_tab(ck_store *s, const ck_tab *tab, ck_error *err)
{
	char *text;
	size_t len;
	int rc;

	if (ck_tab_format(tab, &text, &len, err) == -1)
		return -1;
	rc = ck_store_write(s, text, len, err);
	free(text);
	return rc;
}

void
ck_store_set_commit_hook(ck_store *s, void (*fn)(const char *, void *),
    void *arg)
{
	s->commit_hook = fn;
	s->hook_arg = arg;
}
