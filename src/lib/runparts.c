/* SPDX-License-Identifier: ISC */
/*
 * runparts.c - run-parts folders (/etc/cron.hourly, daily, weekly,
 * monthly): which entries Debian's run-parts runs and why it skips the
 * others, in its own order (names sorted bytewise, as in the C locale),
 * and what is unsafe about the scripts it runs.
 *
 * run-parts (debianutils 5.x) without --lsbsysinit: a name must match
 * ^[A-Za-z0-9_-]+$ (else it is skipped silently), the entry is stat(2)ed
 * through links (a failure is an error), directories are skipped, other
 * non-regular files are errors, and a file it may not execute
 * (access(2) X_OK) is skipped silently.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

struct ck_runparts {
	ck_runpart	*v;
	size_t		 n;
	char		*dir;
};

static const char *const leftovers[] = {
	".dpkg-old", ".dpkg-dist", ".dpkg-new", ".dpkg-tmp", ".dpkg-bak",
	".dpkg-remove", ".ucf-old", ".ucf-dist", ".ucf-new", ".rpmsave",
	".rpmnew", ".rpmorig",
};

const char *
ck_runparts_name_skip(const char *name)
{
	size_t i, n = strlen(name), k;

	if (n == 0)
		return "an empty name";
	for (k = 0; k < sizeof(leftovers) / sizeof(leftovers[0]); k++) {
		size_t m = strlen(leftovers[k]);

		if (n > m && strcmp(name + n - m, leftovers[k]) == 0)
			return "a package manager's leftover copy (run-parts "
			    "skips names with a dot)";
	}
	for (i = 0; i < n; i++)
		if (!ck_isalnum((unsigned char)name[i]) && name[i] != '_' &&
		    name[i] != '-')
			return name[i] == '.' ? "run-parts skips names with a "
			    "dot (only letters, digits, '_' and '-')" :
			    "run-parts skips names with characters other than "
			    "letters, digits, '_' and '-'";
	return NULL;
}

static bool
is_leftover(const char *name)
{
	size_t n = strlen(name), k, m;

	for (k = 0; k < sizeof(leftovers) / sizeof(leftovers[0]); k++) {
		m = strlen(leftovers[k]);
		if (n > m && strcmp(name + n - m, leftovers[k]) == 0)
			return true;
	}
	return false;
}

static int
cmp_part(const void *a, const void *b)
{
	return strcmp(((const ck_runpart *)a)->name,
	    ((const ck_runpart *)b)->name);
}

/* Decide what run-parts does with one entry. */
static void
judge(ck_runpart *p)
{
	struct stat st, lst;
	const char *why;

	p->runs = false;
	p->skip_rule = 0;
	p->skip_why = NULL;
	p->unsafe_why = NULL;
	p->have_stat = false;
	if (lstat(p->path, &lst) == 0)
		p->is_link = S_ISLNK(lst.st_mode);
	if ((why = ck_runparts_name_skip(p->name)) != NULL) {
		p->skip_rule = is_leftover(p->name) ? CK_R_RP_LEFTOVER :
		    CK_R_RP_NAME;
		p->skip_why = why;
	}
	if (stat(p->path, &st) != 0) {
		p->sys_errno = errno;
		if (p->skip_why == NULL) {
			p->skip_rule = CK_R_RP_TYPE;
			p->skip_why = p->is_link ? "a symbolic link to nothing "
			    "(run-parts fails on it)" : "cannot be read";
		}
		return;
	}
	p->have_stat = true;
	p->uid = (unsigned int)st.st_uid;
	p->mode = (unsigned int)st.st_mode;
	if (p->skip_why == NULL && !S_ISREG(st.st_mode)) {
		p->skip_rule = CK_R_RP_TYPE;
		p->skip_why = S_ISDIR(st.st_mode) ? "a directory (run-parts "
		    "skips it)" : "not a regular file (run-parts fails on it)";
	}
	if (p->skip_why == NULL && access(p->path, X_OK) != 0) {
		p->skip_rule = CK_R_RP_EXEC;
		p->skip_why = "not executable (run-parts skips it)";
	}
	p->runs = p->skip_why == NULL;
	if (!S_ISREG(st.st_mode))
		return;
	if (st.st_uid != 0)
		p->unsafe_why = "not owned by root, yet run as root";
	else if (st.st_mode & S_IWOTH)
		p->unsafe_why = "writable by everyone, yet run as root";
	else if (st.st_mode & S_IWGRP)
		p->unsafe_why = "writable by its group, yet run as root";
}

ck_runparts *
ck_runparts_scan(const char *dir, ck_error *err)
{
	ck_runparts *rp;
	ck_runpart *v;
	struct ck_buf b = { NULL, 0, 0, false };
	struct dirent *de;
	DIR *d;
	size_t cap = 0;

	if ((rp = calloc(1, sizeof(*rp))) == NULL ||
	    (rp->dir = strdup(dir)) == NULL) {
		free(rp);
		ck_error_oom(err);
		return NULL;
	}
	if ((d = opendir(dir)) == NULL) {
		ck_error_sys(err, errno == ENOENT ? CK_ENOTFOUND : errno ==
		    EACCES ? CK_EPERM : CK_EIO, errno, "cannot read %s", dir);
		ck_runparts_free(rp);
		return NULL;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (rp->n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((v = reallocarray(rp->v, cap, sizeof(*v))) ==
			    NULL)
				goto oom;
			rp->v = v;
		}
		v = &rp->v[rp->n];
		memset(v, 0, sizeof(*v));
		if ((v->name = strdup(de->d_name)) == NULL)
			goto oom;
		b.len = 0;
		ck_buf_adds(&b, dir);
		ck_buf_addc(&b, '/');
		ck_buf_adds(&b, de->d_name);
		if (b.oom || (v->path = strndup(b.p, b.len)) == NULL) {
			free((char *)v->name);
			goto oom;
		}
		rp->n++;
	}
	closedir(d);
	ck_buf_free(&b);
	if (rp->n > 0)
		qsort(rp->v, rp->n, sizeof(*rp->v), cmp_part);
	for (cap = 0; cap < rp->n; cap++)
		judge(&rp->v[cap]);
	return rp;
oom:
	closedir(d);
	ck_buf_free(&b);
	ck_runparts_free(rp);
	ck_error_oom(err);
	return NULL;
}

void
ck_runparts_free(ck_runparts *rp)
{
	size_t i;

	if (rp == NULL)
		return;
	for (i = 0; i < rp->n; i++) {
		free((char *)rp->v[i].name);
		free((char *)rp->v[i].path);
	}
	free(rp->v);
	free(rp->dir);
	free(rp);
}

size_t
ck_runparts_count(const ck_runparts *rp)
{
	return rp->n;
}

const ck_runpart *
ck_runparts_at(const ck_runparts *rp, size_t i)
{
	return i < rp->n ? &rp->v[i] : NULL;
}

int
ck_runpart_lint(const ck_runpart *p, ck_diag_list **out, ck_error *err)
{
	ck_diag_list *l;
	const struct ck_rule *r;
	int rc = 0;

	if ((l = ck_diag_list_new()) == NULL)
		return ck_error_oom(err);
	/* Hidden files (.placeholder) are meant to be skipped. */
	if (p->skip_why != NULL && p->name[0] != '.') {
		r = ck_rule_get(p->skip_rule);
		rc = ck_diag_add(l, p->skip_rule, r->severity, 0, 0, NULL,
		    "%s never runs: %s", p->name, p->skip_why);
	}
	if (rc == 0 && p->unsafe_why != NULL && p->runs)
		rc = ck_diag_add(l, CK_R_RP_UNSAFE, CK_SEV_ERROR, 0, 0,
		    "chown root and chmod go-w", "%s is %s", p->name,
		    p->unsafe_why);
	if (rc < 0) {
		ck_diag_list_free(l);
		return ck_error_oom(err);
	}
	*out = l;
	return 0;
}

/* Write all of p to fd.  @return 0, or -1 with errno set. */
static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t w;

	while (len > 0) {
		if ((w = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Does path hold exactly text, as a regular 0755 root file? */
static bool
same_script(const char *path, const char *text, size_t len)
{
	struct stat st;
	char *buf;
	ssize_t r;
	bool same = false;
	int fd;

	if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size != len || (st.st_mode & 07777) != 0755 ||
	    st.st_uid != 0 || st.st_gid != 0)
		return false;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return false;
	if ((buf = malloc(len + 1)) != NULL) {
		r = read(fd, buf, len + 1);
		same = r == (ssize_t)len && memcmp(buf, text, len) == 0;
		free(buf);
	}
	close(fd);
	return same;
}

int
ck_runparts_install(const char *dir, const char *name, const char *text,
    size_t len, bool *changed, ck_error *err)
{
	struct ck_buf tmp = { NULL, 0, 0, false }, dst = { NULL, 0, 0, false };
	struct stat st;
	const char *why;
	bool made = false;
	int fd = -1, dfd, e;

	*changed = false;
	if ((why = ck_runparts_name_skip(name)) != NULL ||
	    strchr(name, '/') != NULL)
		return ck_error_set(err, CK_EINVAL, 0, 0, "\"%s\": %s", name,
		    why != NULL ? why : "a name, not a path");
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return ck_error_sys(err, CK_ENOTFOUND, errno, "no folder %s",
		    dir);
	ck_buf_printf(&dst, "%s/%s", dir, name);
	/* A hidden name: run-parts never runs the half-written file. */
	ck_buf_printf(&tmp, "%s/.%s.XXXXXX", dir, name);
	if (dst.oom || tmp.oom) {
		ck_error_oom(err);
		goto fail;
	}
	if (lstat(dst.p, &st) == 0 && !S_ISREG(st.st_mode)) {
		ck_error_set(err, CK_EPERM, 0, 0, "%s exists and is no regular "
		    "file", dst.p);
		goto fail;
	}
	if (same_script(dst.p, text, len)) {
		ck_buf_free(&tmp);
		ck_buf_free(&dst);
		return 0;
	}
	if ((fd = mkstemp(tmp.p)) == -1) {
		ck_error_sys(err, errno == EACCES ? CK_EPERM : CK_EIO, errno,
		    "cannot create a file in %s", dir);
		goto fail;
	}
	made = true;
	if (write_all(fd, text, len) == -1 || fchown(fd, 0, 0) == -1 ||
	    fchmod(fd, 0755) == -1 || fsync(fd) == -1) {
		e = errno;
		ck_error_sys(err, e == EPERM ? CK_EPERM : CK_EIO, e,
		    "cannot write %s as root's 0755 script", tmp.p);
		goto fail;
	}
	if (close(fd) == -1) {
		fd = -1;
		ck_error_sys(err, CK_EIO, errno, "cannot write %s", tmp.p);
		goto fail;
	}
	fd = -1;
	if (rename(tmp.p, dst.p) == -1) {
		ck_error_sys(err, CK_EIO, errno, "cannot rename to %s", dst.p);
		goto fail;
	}
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(dfd);
		close(dfd);
	}
	*changed = true;
	ck_buf_free(&tmp);
	ck_buf_free(&dst);
	return 0;
fail:
	if (fd != -1)
		close(fd);
	if (made)
		unlink(tmp.p);
	ck_buf_free(&tmp);
	ck_buf_free(&dst);
	return -1;
}
