/* SPDX-License-Identifier: ISC */
/*
 * store_io.c - what both store backends (store_file.c, store_user.c)
 * share: the text last read, the conflict check, the atomic commit of a
 * temporary file, and the clean-up of temporaries a killed writer left.
 * Below the backends; store.c (the front) is above them.
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

/* ---- the commit ---- */

static bool
no_swap(int e)
{
	return e == EINVAL || e == ENOSYS || e == ENOTSUP || e == EPERM;
}

/*
 * Put tmp in the place of path, without losing a file another writer
 * (crontab(1) as another user, an editor) renamed there after same()
 * last looked.  A plain rename cannot tell: between the look and the
 * rename there is a window.  So the files are exchanged atomically
 * (renameat2 RENAME_EXCHANGE), and the file taken out of path is looked
 * at afterwards: if it is not the one read, it goes back (and a newer one
 * that arrived in between stays), and the write reports a conflict.  A
 * file that was absent must still be absent (RENAME_NOREPLACE).  Where
 * the file system cannot exchange, a plain rename after the last look.
 */
int
ck_store_commit(const char *tmp, const char *path, bool absent,
    ck_store_same_fn same, void *arg, ck_error *err)
{
	struct stat ours, st;

	if (absent) {
		if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path,
		    RENAME_NOREPLACE) == 0)
			return 0;
		if (errno == EEXIST)
			return same(arg, path, err);
		if (!no_swap(errno))
			goto fail;
	} else if (lstat(tmp, &ours) == 0) {
		if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path,
		    RENAME_EXCHANGE) == 0) {
			if (same(arg, tmp, err) == 0) {
				(void)unlink(tmp);
				return 0;
			}
			/* Not ours to replace: put it back. */
			if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path,
			    RENAME_EXCHANGE) == -1 || (lstat(tmp, &st) == 0 &&
			    (st.st_dev != ours.st_dev ||
			    st.st_ino != ours.st_ino)))
				/* Theirs, or an even newer one, wins. */
				(void)rename(tmp, path);
			else
				(void)unlink(tmp);
			return -1;
		}
		if (errno == ENOENT)
			return same(arg, path, err);
		if (!no_swap(errno))
			goto fail;
	}
	if (same(arg, path, err) == -1)
		return -1;
	if (rename(tmp, path) == 0)
		return 0;
fail:
	return ck_error_sys(err, CK_EIO, errno, "cannot rename %s to %s", tmp,
	    path);
}

/* ---- leftovers ---- */

/*
 * A process killed between creating its temporary file and renaming it
 * leaves the file behind.  Remove ours ("<prefix>" and mkstemp's six
 * letters or digits, a regular file of our uid) once they are older than
 * a minute: a younger one may belong to a writer still at work.
 */
void
ck_store_clean_stale(const char *dir, const char *prefix)
{
	struct dirent *de;
	struct stat st;
	size_t n = strlen(prefix), i;
	time_t now = time(NULL);
	int dfd;
	DIR *dp;

	if ((dp = opendir(dir)) == NULL)
		return;
	dfd = dirfd(dp);
	while ((de = readdir(dp)) != NULL) {
		if (strncmp(de->d_name, prefix, n) != 0 ||
		    strlen(de->d_name) != n + 6)
			continue;
		for (i = n; i < n + 6; i++)
			if (!ck_isalnum((unsigned char)de->d_name[i]))
				break;
		if (i < n + 6 || fstatat(dfd, de->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) == -1)
			continue;
		if (S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
		    st.st_mtime + 60 < now)
			(void)unlinkat(dfd, de->d_name, 0);
	}
	closedir(dp);
}

int
ck_store_remember(ck_store *s, const char *text, size_t len, bool absent,
    ck_error *err)
{
	char *copy;

	if ((copy = malloc(len + 1)) == NULL)
		return ck_error_oom(err);
	if (len > 0)
		memcpy(copy, text, len);
	copy[len] = '\0';
	free(s->seen);
	s->seen = copy;
	s->seen_len = len;
	s->absent = absent;
	s->have_read = true;
	return 0;
}

/*
 * The exact bytes are compared, not a hash of them: no collision can hide
 * a change.  A missing crontab and an empty one are told apart for files
 * (someone created the file meanwhile) but not for users (crontab(1) may
 * keep an empty file or none).
 */
bool
ck_store_same(const ck_store *s, const char *text, size_t len, bool absent)
{
	if (s->type == CK_STORE_T_FILE && absent != s->absent)
		return false;
	return len == s->seen_len && (len == 0 ||
	    memcmp(text, s->seen, len) == 0);
}
