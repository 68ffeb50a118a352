/* SPDX-License-Identifier: ISC */
/*
 * store_file.c - crontab files: /etc/crontab, /etc/cron.d/NAME, plain files.
 *
 * Writes are atomic, as crontab.c's replace_cmd does it: the new text goes
 * to a temporary file in the same directory (".<name>.XXXXXX", a name no
 * cron reads), which is written, fsynced, given the original's owner and
 * mode, and renamed over the original; then the directory is fsynced.  A
 * crash or a kill at any point leaves either the old or the new file, never
 * a mix.  Lost updates are caught by comparing the file with the bytes read
 * just before the rename, and, with CK_STORE_LOCK, writers that use
 * cronkeep are serialised by flock(2).
 */
#include <sys/types.h>
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define DEFAULT_MAX	(16u * 1024 * 1024)
#define LOCK_TRIES	100

static int
perm_error(ck_error *err, const char *path, const char *op)
{
	return ck_error_sys(err, CK_EPERM, EACCES,
	    "cannot %s %s: permission denied (this needs %s permission on "
	    "it: run as root or as its owner)", op, path,
	    strcmp(op, "read") == 0 ? "read" : "write");
}

static int
open_error(ck_error *err, int e, const char *path)
{
	if (e == ENOENT)
		return ck_error_sys(err, CK_ENOTFOUND, e, "no such file: %s",
		    path);
	if (e == EACCES || e == EPERM)
		return perm_error(err, path, "read");
	return ck_error_sys(err, CK_EIO, e, "cannot open %s", path);
}

/* A crontab must be a regular file: say what path is instead. */
static int
not_regular(ck_error *err, const char *path, mode_t m)
{
	return ck_error_set(err, CK_ENOTFOUND, 0, 0,
	    "%s is %s, not a crontab file", path,
	    S_ISFIFO(m) ? "a FIFO" : S_ISDIR(m) ? "a directory" :
	    S_ISCHR(m) ? "a character device" : S_ISBLK(m) ?
	    "a block device" : S_ISSOCK(m) ? "a socket" :
	    "not a regular file");
}

/*
 * Read all of fd (at most max bytes) into one buffer, sized from fstat(2)
 * for a regular file so that the bytes are read straight into it (a
 * crontab is read once per command, and copying it through a growing
 * buffer cost more than the reads); a file that grows meanwhile, or one
 * whose size fstat cannot tell, still reads to its end.
 * @return 0 or -1 with err set.
 */
static int
read_fd(int fd, const char *path, size_t max, char **text, size_t *len,
    ck_error *err)
{
	struct ck_buf b = { 0 };
	struct stat st;
	size_t want = 16384;
	ssize_t r;

	if (max == 0)
		max = DEFAULT_MAX;
	/* One byte more than the size: reading 0 there ends the loop. */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0 &&
	    (uintmax_t)st.st_size < max) {
		want = (size_t)st.st_size + 1;
		/* Exactly that (ck_buf_grow would round up to a power of 2). */
		if ((b.p = malloc(want + 1)) == NULL)
			return ck_error_oom(err);
		b.cap = want + 1;
	}
	for (;;) {
		if (ck_buf_grow(&b, want) == -1)
			return ck_error_oom(err);
		r = read(fd, b.p + b.len, b.cap - 1 - b.len);
		if (r == -1) {
			if (errno == EINTR)
				continue;
			ck_buf_free(&b);
			if (errno == EACCES)
				return perm_error(err, path, "read");
			return ck_error_sys(err, CK_EIO, errno,
			    "cannot read %s", path);
		}
		if (r == 0)
			break;
		if ((size_t)r > max - b.len) {
			ck_buf_free(&b);
			return ck_error_set(err, CK_ERANGE, 0, 0,
			    "%s is larger than %zu bytes", path, max);
		}
		b.len += (size_t)r;
		want = b.cap - 1 - b.len > 0 ? 1 : 16384;
	}
	*text = ck_buf_take(&b, len);
	return 0;
}

/* The directory part of path ("." when there is none). Caller frees. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

static int
flock_wait(int fd)
{
	while (flock(fd, LOCK_EX) == -1) {
		if (errno != EINTR)
			return -1;
	}
	return 0;
}

/*
 * Open path for reading.  With CK_STORE_LOCK, take the lock: on the file
 * (and make sure it is still the file at path: a writer may have renamed a
 * new one over it while we waited), or on its directory when the file does
 * not exist.  *fd gets the open file or -1 when it is absent; the lock, if
 * any, is in s->lock_fd.
 */
static int
acquire(ck_store *s, const char *path, int *fdp, ck_error *err)
{
	struct stat a, b;
	char *dir;
	int fd, dfd, tries, e;

	for (tries = 0; tries < LOCK_TRIES; tries++) {
		/* Not blocking: a FIFO at path must not hang us. */
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
		if (fd == -1 && errno != ENOENT)
			return open_error(err, errno, path);
		if (fd == -1 && !(s->o.flags & CK_STORE_CREATE))
			return open_error(err, ENOENT, path);
		if (fd != -1) {
			if (fstat(fd, &a) == -1) {
				e = errno;
				close(fd);
				return ck_error_sys(err, CK_EIO, e,
				    "cannot stat %s", path);
			}
			if (!S_ISREG(a.st_mode)) {
				close(fd);
				return not_regular(err, path, a.st_mode);
			}
			(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) &
			    ~O_NONBLOCK);
			if (!(s->o.flags & CK_STORE_LOCK) ||
			    s->lock_fd != -1) {
				*fdp = fd;
				return 0;
			}
			if (flock_wait(fd) == -1) {
				e = errno;
				close(fd);
				return ck_error_sys(err, CK_EIO, e,
				    "cannot lock %s", path);
			}
			if (stat(path, &b) == 0 && b.st_dev == a.st_dev &&
			    b.st_ino == a.st_ino) {
				s->lock_fd = fd;
				if ((*fdp = dup(fd)) == -1)
					return ck_error_sys(err, CK_EIO,
					    errno, "dup");
				return 0;
			}
			close(fd);
			continue;
		}
		/* Absent, and CK_STORE_CREATE: lock the directory. */
		if (!(s->o.flags & CK_STORE_LOCK) || s->lock_fd != -1) {
			*fdp = -1;
			return 0;
		}
		if ((dir = dir_of(path)) == NULL)
			return ck_error_oom(err);
		dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd == -1) {
			e = errno;
			ck_error_sys(err, e == ENOENT ? CK_ENOTFOUND : CK_EIO,
			    e, "cannot open directory %s", dir);
			free(dir);
			return -1;
		}
		free(dir);
		if (flock_wait(dfd) == -1) {
			e = errno;
			close(dfd);
			return ck_error_sys(err, CK_EIO, e, "cannot lock %s",
			    path);
		}
		if (lstat(path, &b) == -1 && errno == ENOENT) {
			s->lock_fd = dfd;
			*fdp = -1;
			return 0;
		}
		close(dfd);
	}
	return ck_error_set(err, CK_ECONFLICT, 0, 0,
	    "%s keeps changing; could not lock it", path);
}

int
ck_store_file_read(ck_store *s, char **text, size_t *len, bool *absent,
    ck_error *err)
{
	int fd, rc;

	if (acquire(s, s->path, &fd, err) == -1)
		return -1;
	if (fd == -1) {
		if ((*text = strdup("")) == NULL)
			return ck_error_oom(err);
		*len = 0;
		*absent = true;
		return 0;
	}
	rc = read_fd(fd, s->path, s->o.max_bytes, text, len, err);
	close(fd);
	*absent = false;
	return rc;
}

/* Does the file at path still hold what s read? */
static int
check_unchanged(ck_store *s, const char *path, ck_error *err)
{
	char *now = NULL;
	size_t nlen = 0;
	bool absent = false;
	int fd, rc;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd == -1 && errno != ENOENT)
		return open_error(err, errno, path);
	if (fd == -1)
		absent = true;
	else {
		struct stat st;

		if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
			close(fd);
			return not_regular(err, path, st.st_mode);
		}
		rc = read_fd(fd, path, s->o.max_bytes, &now, &nlen, err);
		close(fd);
		if (rc == -1)
			return -1;
	}
	if (!ck_store_same(s, now != NULL ? now : "", nlen, absent)) {
		free(now);
		return ck_error_set(err, CK_ECONFLICT, 0, 0,
		    "%s changed since it was read; nothing was written", path);
	}
	free(now);
	return 0;
}

static int
file_same(void *arg, const char *path, ck_error *err)
{
	return check_unchanged(arg, path, err);
}

/*
 * The process's umask, without changing it (umask(2) can only be read by
 * setting it, which another thread could see): from /proc/self/status
 * ("Umask:", Linux 4.7), else the usual 022.
 */
static mode_t
current_umask(void)
{
	char buf[4096], *p, *end;
	unsigned long v;
	ssize_t r;
	int fd;

	if ((fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC)) == -1)
		return 022;
	r = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (r <= 0)
		return 022;
	buf[r] = '\0';
	if ((p = strstr(buf, "\nUmask:")) == NULL)
		return 022;
	v = strtoul(p + 7, &end, 8);
	if (end == p + 7)
		return 022;
	return (mode_t)(v & 0777);
}

static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t w;

	while (len > 0) {
		w = write(fd, p, len);
		if (w == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int
ck_store_file_write(ck_store *s, const char *text, size_t len,
    ck_error *err)
{
	struct stat st, tst;
	const char *base, *name;
	char *target = NULL, *dir = NULL, *tmp = NULL;
	const char *why;
	bool exists, tmp_made = false;
	mode_t mode;
	int fd = -1, dfd = -1, lfd, e;
	size_t n;

	name = (name = strrchr(s->path, '/')) != NULL ? name + 1 : s->path;
	if ((s->o.flags & CK_STORE_CRON_D) &&
	    (why = ck_store_ignored_name(name, s->o.dialect)) != NULL)
		return ck_error_set(err, CK_EPERM, 0, 0,
		    "refusing to write %s: %s cron would ignore it (%s)",
		    s->path, ck_dialect_name(s->o.dialect), why);
	if (lstat(s->path, &st) == 0 && S_ISLNK(st.st_mode)) {
		if (!(s->o.flags & CK_STORE_FOLLOW))
			return ck_error_set(err, CK_EPERM, 0, 0,
			    "refusing to replace %s: it is a symbolic link",
			    s->path);
		/* Replace the link's target and keep the link. */
		if ((target = realpath(s->path, NULL)) == NULL)
			return ck_error_sys(err, CK_EIO, errno,
			    "cannot resolve the symbolic link %s", s->path);
	} else if ((target = strdup(s->path)) == NULL)
		return ck_error_oom(err);
	if ((s->o.flags & CK_STORE_LOCK) && s->lock_fd == -1) {
		/* A write without a read still takes the lock. */
		if (acquire(s, target, &lfd, err) == -1)
			goto fail;
		if (lfd != -1)
			close(lfd);
	}
	exists = stat(target, &st) == 0;
	if (!exists && errno != ENOENT) {
		ck_error_sys(err, CK_EIO, errno, "cannot stat %s", target);
		goto fail;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		not_regular(err, target, st.st_mode);
		goto fail;
	}
	if ((dir = dir_of(target)) == NULL) {
		ck_error_oom(err);
		goto fail;
	}
	base = (base = strrchr(target, '/')) != NULL ? base + 1 : target;
	n = strlen(dir) + strlen(base) + 10;
	if ((tmp = malloc(n)) == NULL) {
		ck_error_oom(err);
		goto fail;
	}
	ck_fmt(tmp, n, "%s/.%s.", dir, base);
	ck_store_clean_stale(dir, strrchr(tmp, '/') + 1);
	ck_fmt(tmp, n, "%s/.%s.XXXXXX", dir, base);
	if ((fd = mkstemp(tmp)) == -1) {
		e = errno;
		if (e == EACCES || e == EPERM || e == EROFS)
			ck_error_sys(err, CK_EPERM, e, "cannot create a file "
			    "in %s: %s (writing %s needs write permission "
			    "on the directory)", dir, strerror(e), target);
		else
			ck_error_sys(err, CK_EIO, e,
			    "cannot create a temporary file in %s", dir);
		goto fail;
	}
	tmp_made = true;
	if (write_all(fd, text, len) == -1 || fsync(fd) == -1) {
		ck_error_sys(err, CK_EIO, errno, "cannot write %s", tmp);
		goto fail;
	}
	if (fstat(fd, &tst) == -1) {
		ck_error_sys(err, CK_EIO, errno, "cannot stat %s", tmp);
		goto fail;
	}
	/* Owner first: fchown(2) may clear set-id bits that fchmod sets. */
	if ((s->o.owner_uid >= 0 || s->o.owner_gid >= 0) &&
	    (!exists || (s->o.flags & CK_STORE_SPOOL))) {
		uid_t u = s->o.owner_uid >= 0 ? (uid_t)s->o.owner_uid :
		    exists ? st.st_uid : tst.st_uid;
		gid_t g = s->o.owner_gid >= 0 ? (gid_t)s->o.owner_gid :
		    exists ? st.st_gid : tst.st_gid;

		if ((tst.st_uid != u || tst.st_gid != g) &&
		    fchown(fd, u, g) == -1) {
			ck_error_sys(err, CK_EPERM, errno, "cannot give %s "
			    "the owner %lu:%lu", target, (unsigned long)u,
			    (unsigned long)g);
			goto fail;
		}
	} else if (exists && (tst.st_uid != st.st_uid ||
	    tst.st_gid != st.st_gid) &&
	    fchown(fd, st.st_uid, st.st_gid) == -1) {
		ck_error_sys(err, CK_EPERM, errno, "cannot give the new %s "
		    "the owner %u:%u of the old one", target,
		    (unsigned int)st.st_uid, (unsigned int)st.st_gid);
		goto fail;
	}
	if (!exists && (s->o.flags & CK_STORE_SYSTEM) && s->o.owner_uid < 0 &&
	    (tst.st_uid != 0 || tst.st_gid != 0) && fchown(fd, 0, 0) == -1) {
		ck_error_sys(err, CK_EPERM, errno, "cannot make the new "
		    "system crontab %s owned by root:root", target);
		goto fail;
	}
	if (s->o.mode != 0 && (!exists || (s->o.flags & CK_STORE_SPOOL)))
		mode = s->o.mode & 07777;
	else if (exists)
		mode = st.st_mode & 07777;
	else
		mode = (s->o.flags & CK_STORE_SYSTEM) ? 0644 :
		    0666 & ~current_umask();
	if (fchmod(fd, mode) == -1) {
		ck_error_sys(err, CK_EIO, errno, "cannot set the mode of %s",
		    tmp);
		goto fail;
	}
	if (fsync(fd) == -1) {
		ck_error_sys(err, CK_EIO, errno, "cannot sync %s", tmp);
		goto fail;
	}
	e = close(fd);
	fd = -1;
	if (e == -1) {
		ck_error_sys(err, CK_EIO, errno, "cannot write %s", tmp);
		goto fail;
	}
	if (s->commit_hook != NULL)
		s->commit_hook(tmp, s->hook_arg);
	if (s->have_read) {
		if (ck_store_commit(tmp, target, s->absent, file_same, s,
		    err) == -1)
			goto fail;
	} else if (rename(tmp, target) == -1) {
		ck_error_sys(err, CK_EIO, errno, "cannot rename %s to %s",
		    tmp, target);
		goto fail;
	}
	tmp_made = false;
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    fsync(dfd) == -1) {
		ck_error_sys(err, CK_EIO, errno, "%s was replaced, but syncing "
		    "its directory failed", target);
		if (dfd != -1)
			close(dfd);
		goto fail;
	}
	close(dfd);
	free(tmp);
	free(dir);
	free(target);
	return ck_store_remember(s, text, len, false, err);
fail:
	if (fd != -1)
		close(fd);
	if (tmp_made)
		unlink(tmp);
	free(tmp);
	free(dir);
	free(target);
	return -1;
}
