/* SPDX-License-Identifier: ISC */
/*
 * store_host.c - a host's crontabs: the spool folder of each dialect,
 * the names and files cron ignores, and the listing of every crontab of
 * a host (or of a --root image) with its owner.
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

/* ---- names cron ignores ---- */

static const char *
debian_name(const char *name)
{
	const char *p;
	bool dot = false;

	for (p = name; *p != '\0'; p++) {
		if (ck_isalnum((unsigned char)*p) || *p == '_' || *p == '-')
			continue;
		if (*p == '.')
			dot = true;
		else
			return "only names of letters, digits, '_' and '-' "
			    "are read";
	}
	if (dot)
		return "names with a '.' are skipped; only letters, digits, "
		    "'_' and '-' are read";
	return NULL;
}

static bool
ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len > n && memcmp(s + len - n, suffix, n) == 0;
}

/* cronie's not_a_crontab() (database.c). */
static const char *
cronie_name(const char *name)
{
	size_t len = strlen(name);

	if (name[0] == '.')
		return "names starting with '.' are skipped";
	if (name[0] == '#')
		return "names starting with '#' are skipped";
	if (len >= NAME_MAX)
		return "the name is too long";
	if (name[len - 1] == '~')
		return "names ending in '~' are skipped";
	if (ends_with(name, len, ".rpmsave") ||
	    ends_with(name, len, ".rpmorig") ||
	    ends_with(name, len, ".rpmnew"))
		return "package manager leftovers (.rpmsave, .rpmorig, "
		    ".rpmnew) are skipped";
	return NULL;
}

const char *
ck_store_ignored_name(const char *name, ck_dialect d)
{
	unsigned int rules = ck_dialect_facts(d)->cron_d_names;
	const char *why;

	if (name == NULL || name[0] == '\0')
		return "an empty name";
	if ((rules & CK_NAMES_CRONIE) && (why = cronie_name(name)) != NULL)
		return why;
	if (rules & CK_NAMES_RUNPARTS)
		return debian_name(name);
	return NULL;
}

/* ---- every crontab of a host ---- */

struct ck_store_list {
	ck_store_entry	*v;
	size_t		 n;
	size_t		 cap;
};

size_t
ck_store_list_count(const ck_store_list *l)
{
	return l == NULL ? 0 : l->n;
}

const ck_store_entry *
ck_store_list_at(const ck_store_list *l, size_t i)
{
	if (l == NULL || i >= l->n)
		return NULL;
	return &l->v[i];
}

void
ck_store_list_free(ck_store_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		free((char *)l->v[i].path);
		free((char *)l->v[i].user);
	}
	free(l->v);
	free(l);
}

/*
 * Why the dialect's cron skips this user's spool file (Debian's and
 * cronie's database.c): it must be a regular file owned by the user (uid,
 * or any owner when uid is -1), with one link, mode 0600 (Debian) or
 * owner-readable with no execute, group/other write or set-id bits
 * (cronie).
 */
static const char *
spool_file_check(const struct stat *st, ck_dialect d, long uid)
{
	if (!S_ISREG(st->st_mode))
		return "not a regular file";
	if (uid >= 0 && (unsigned long)st->st_uid != (unsigned long)uid)
		return "wrong owner: a user's crontab must be owned by the "
		    "user";
	if (ck_dialect_facts(d)->cronie_modes ?
	    (st->st_mode & 07533) != 0400 : (st->st_mode & 07777) != 0600)
		return "bad mode: a user's crontab must be 0600 (rw-------)";
	if (st->st_nlink != 1)
		return "more than one hard link";
	return NULL;
}

/* Why the dialect's cron skips this system file (its owner or mode). */
static const char *
system_file_check(const struct stat *lst, const struct stat *st,
    ck_dialect d)
{
	if (!S_ISREG(st->st_mode))
		return "not a regular file";
	if (S_ISLNK(lst->st_mode) && lst->st_uid != 0)
		return "a symbolic link not owned by root";
	if (st->st_uid != 0)
		return "not owned by root";
	if (st->st_mode & 022)
		return "writable by group or others";
	if (ck_dialect_facts(d)->cronie_modes &&
	    (st->st_mode & 07533) != 0400)
		return "bad mode: it must be readable by its owner, not "
		    "executable, with no set-id or sticky bit";
	return NULL;
}

const char *
ck_store_file_ignored(const char *path, enum ck_store_kind kind,
    ck_dialect d, long owner_uid, int *sys_errno)
{
	struct stat lst, st;
	const char *name, *why;

	if (sys_errno != NULL)
		*sys_errno = 0;
	if (path == NULL || (unsigned int)d >= CK_DIALECT_COUNT)
		return "no file";
	if (lstat(path, &lst) == -1 || stat(path, &st) == -1) {
		if (sys_errno != NULL)
			*sys_errno = errno;
		return "the file cannot be examined";
	}
	name = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	switch (kind) {
	case CK_STORE_KIND_SPOOL:
		return spool_file_check(&st, d, owner_uid);
	case CK_STORE_KIND_CRON_D:
		if ((why = ck_dialect_facts(d)->skips_cron_d) != NULL)
			return why;
		if ((why = ck_store_ignored_name(name, d)) != NULL)
			return why;
		break;
	case CK_STORE_KIND_CRONTAB:
		if ((why = ck_dialect_facts(d)->skips_crontab) != NULL)
			return why;
		break;
	case CK_STORE_KIND_DIR:
		return "a directory";
	}
	return system_file_check(&lst, &st, d);
}

/*
 * The uid of user name: from <root>/etc/passwd when root is not empty (an
 * image's users), else from the host's user database.  -1 when unknown.
 */
static long
uid_of(const char *root, size_t rlen, const char *name)
{
	struct passwd pw, *res = NULL;
	char buf[4096], *path, *line = NULL, *colon, *end;
	size_t cap = 0, nlen = strlen(name);
	unsigned long v;
	long uid = -1;
	FILE *f;

	if (rlen == 0) {
		if (getpwnam_r(name, &pw, buf, sizeof(buf), &res) != 0 ||
		    res == NULL)
			return -1;
		return (long)pw.pw_uid;
	}
	if ((path = malloc(rlen + sizeof("/etc/passwd"))) == NULL)
		return -1;
	memcpy(path, root, rlen);
	memcpy(path + rlen, "/etc/passwd", sizeof("/etc/passwd"));
	f = fopen(path, "re");
	free(path);
	if (f == NULL)
		return -1;
	while (getline(&line, &cap, f) != -1) {
		/* name:password:uid:... */
		if (strncmp(line, name, nlen) != 0 || line[nlen] != ':')
			continue;
		if ((colon = strchr(line + nlen + 1, ':')) == NULL)
			break;
		errno = 0;
		v = strtoul(colon + 1, &end, 10);
		if (errno == 0 && end != colon + 1 && *end == ':' &&
		    v <= 0x7fffffffUL)
			uid = (long)v;
		break;
	}
	free(line);
	fclose(f);
	return uid;
}

/* The gid of group name in <root>/etc/group or the host's; -1: none. */
static long
gid_of(const char *root, size_t rlen, const char *name)
{
	struct group gr, *res = NULL;
	char buf[4096], *path, *line = NULL, *p, *end;
	size_t cap = 0, nlen = strlen(name);
	unsigned long v;
	long gid = -1;
	FILE *f;

	if (rlen == 0) {
		if (getgrnam_r(name, &gr, buf, sizeof(buf), &res) != 0 ||
		    res == NULL)
			return -1;
		return (long)gr.gr_gid;
	}
	if ((path = malloc(rlen + sizeof("/etc/group"))) == NULL)
		return -1;
	memcpy(path, root, rlen);
	memcpy(path + rlen, "/etc/group", sizeof("/etc/group"));
	f = fopen(path, "re");
	free(path);
	if (f == NULL)
		return -1;
	while (getline(&line, &cap, f) != -1) {
		/* name:password:gid:members */
		if (strncmp(line, name, nlen) != 0 || line[nlen] != ':' ||
		    (p = strchr(line + nlen + 1, ':')) == NULL)
			continue;
		errno = 0;
		v = strtoul(p + 1, &end, 10);
		if (errno == 0 && end != p + 1 && *end == ':' &&
		    v <= 0x7fffffffUL)
			gid = (long)v;
		break;
	}
	free(line);
	fclose(f);
	return gid;
}

int
ck_store_spool_owner(const char *root, const char *user, long *uid,
    long *gid)
{
	size_t rlen;

	if (root == NULL)
		root = "";
	rlen = strlen(root);
	while (rlen > 0 && root[rlen - 1] == '/')
		rlen--;
	if (user == NULL || (*uid = uid_of(root, rlen, user)) < 0)
		return -1;
	if ((*gid = gid_of(root, rlen, "crontab")) < 0)
		*gid = gid_of(root, rlen, user);
	if (*gid < 0)
		*gid = 0;
	return 0;
}

/*
 * An image's users (<root>/etc/passwd) read once for a whole spool
 * directory: name -> uid as uid_of() would find it (the first line of a
 * name wins; -1 when its uid is not a number), so listing n spool files
 * reads the file once, not n times.
 */
struct uidmap {
	struct ck_hmap	 m;
	char		*buf;		/* the file, names cut at ':' */
	const char	**name;
	size_t		*nlen;
	long		*uid;
	size_t		 n, cap;
	const char	*key;		/* for uidmap_eq */
	size_t		 keylen;
};

static bool
uidmap_eq(const void *ctx, size_t val)
{
	const struct uidmap *u = ctx;

	return u->nlen[val] == u->keylen &&
	    memcmp(u->name[val], u->key, u->keylen) == 0;
}

/*
 * Read <root>/file: /etc/passwd (name -> uid) or /etc/group (name -> gid;
 * the number is the third field in both).
 * @return 0, or -1 when the file cannot be read (use uid_of()).
 */
static int
uidmap_load(struct uidmap *u, const char *root, size_t rlen,
    const char *file)
{
	size_t flen = strlen(file);

	char *path, *p, *end, *nl, *colon, *c2, *e;
	size_t len = 0, cap = 0;
	unsigned long v;
	ssize_t r;
	uint64_t h;
	int fd;

	memset(u, 0, sizeof(*u));
	if ((path = malloc(rlen + flen + 1)) == NULL)
		return -1;
	memcpy(path, root, rlen);
	memcpy(path + rlen, file, flen + 1);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	free(path);
	if (fd == -1)
		return -1;
	for (;;) {
		if (len + 1 >= cap) {
			char *nb;

			cap = cap ? cap * 2 : 65536;
			if ((nb = realloc(u->buf, cap)) == NULL)
				goto fail;
			u->buf = nb;
		}
		if ((r = read(fd, u->buf + len, cap - 1 - len)) == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	fd = -1;
	if (u->buf == NULL)
		return 0;
	u->buf[len] = '\0';
	for (p = u->buf, end = u->buf + len; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		*nl = '\0';
		if ((colon = memchr(p, ':', (size_t)(nl - p))) == NULL)
			continue;
		u->key = p;
		u->keylen = (size_t)(colon - p);
		h = ck_hash_bytes(p, u->keylen, 0);
		if (ck_hmap_find(&u->m, h, uidmap_eq, u) != NULL)
			continue;
		if (u->n == u->cap) {
			size_t nc = u->cap ? u->cap * 2 : 256;

			if ((u->name = reallocarray(u->name, nc,
			    sizeof(*u->name))) == NULL ||
			    (u->nlen = reallocarray(u->nlen, nc,
			    sizeof(*u->nlen))) == NULL ||
			    (u->uid = reallocarray(u->uid, nc,
			    sizeof(*u->uid))) == NULL)
				goto fail;
			u->cap = nc;
		}
		u->name[u->n] = p;
		u->nlen[u->n] = u->keylen;
		u->uid[u->n] = -1;
		if ((c2 = strchr(colon + 1, ':')) != NULL) {
			errno = 0;
			v = strtoul(c2 + 1, &e, 10);
			if (errno == 0 && e != c2 + 1 && *e == ':' &&
			    v <= 0x7fffffffUL)
				u->uid[u->n] = (long)v;
		}
		if (ck_hmap_put(&u->m, h, u->n) == -1)
			goto fail;
		u->n++;
	}
	return 0;
fail:
	if (fd != -1)
		close(fd);
	return -1;
}

static void
uidmap_free(struct uidmap *u)
{
	ck_hmap_free(&u->m);
	free(u->buf);
	free(u->name);
	free(u->nlen);
	free(u->uid);
	memset(u, 0, sizeof(*u));
}

static long
uidmap_get(struct uidmap *u, const char *name)
{
	size_t *v;

	u->key = name;
	u->keylen = strlen(name);
	v = ck_hmap_find(&u->m, ck_hash_bytes(name, u->keylen, 0), uidmap_eq,
	    u);
	return v != NULL ? u->uid[*v] : -1;
}

struct ck_owners {
	char		*root;		/* without trailing slashes */
	size_t		 rlen;
	struct uidmap	 users;		/* an image's etc/passwd, when read */
	bool		 have_users;
	long		 crontab_gid;	/* the group "crontab", or -1 */
	/* Without a group crontab, the users' own: etc/group, read once. */
	struct uidmap	 groups;
	bool		 have_groups;
	bool		 no_groups;	/* an image without etc/group */
};

ck_owners *
ck_owners_load(const char *root, ck_error *err)
{
	ck_owners *o;

	if (root == NULL)
		root = "";
	if ((o = calloc(1, sizeof(*o))) == NULL ||
	    (o->root = strdup(root)) == NULL) {
		free(o);
		ck_error_oom(err);
		return NULL;
	}
	o->rlen = strlen(o->root);
	while (o->rlen > 0 && o->root[o->rlen - 1] == '/')
		o->rlen--;
	o->root[o->rlen] = '\0';
	if (o->rlen > 0) {
		if (uidmap_load(&o->users, o->root, o->rlen,
		    "/etc/passwd") == 0)
			o->have_users = true;
		else
			uidmap_free(&o->users);
	}
	o->crontab_gid = gid_of(o->root, o->rlen, "crontab");
	if (o->rlen > 0 && o->crontab_gid < 0) {
		if (uidmap_load(&o->groups, o->root, o->rlen,
		    "/etc/group") == 0)
			o->have_groups = true;
		else {
			uidmap_free(&o->groups);
			o->no_groups = errno == ENOENT;
		}
	}
	return o;
}

int
ck_owners_spool(const ck_owners *o, const char *user, long *uid, long *gid)
{
	if (user == NULL)
		return -1;
	/* uidmap_get() keeps its key in the map: a copy serves const. */
	if (o->have_users) {
		struct uidmap m = o->users;

		*uid = uidmap_get(&m, user);
	} else
		*uid = uid_of(o->root, o->rlen, user);
	if (*uid < 0)
		return -1;
	if ((*gid = o->crontab_gid) < 0 && o->have_groups) {
		struct uidmap m = o->groups;

		*gid = uidmap_get(&m, user);
	} else if (*gid < 0 && !o->no_groups)
		*gid = gid_of(o->root, o->rlen, user);
	if (*gid < 0)
		*gid = 0;
	return 0;
}

void
ck_owners_free(ck_owners *o)
{
	if (o == NULL)
		return;
	if (o->have_users)
		uidmap_free(&o->users);
	if (o->have_groups)
		uidmap_free(&o->groups);
	free(o->root);
	free(o);
}

static int
add(ck_store_list *l, enum ck_store_kind kind, const char *path,
    bool system, ck_error *err)
{
	ck_store_entry *e, *v;
	size_t cap;

	if (l->n == l->cap) {
		cap = l->cap ? l->cap * 2 : 16;
		if ((v = reallocarray(l->v, cap, sizeof(*v))) == NULL)
			return ck_error_oom(err);
		l->v = v;
		l->cap = cap;
	}
	e = &l->v[l->n];
	memset(e, 0, sizeof(*e));
	if ((e->path = strdup(path)) == NULL)
		return ck_error_oom(err);
	e->name = strrchr(e->path, '/') != NULL ? strrchr(e->path, '/') + 1 :
	    e->path;
	e->kind = kind;
	e->system = system;
	l->n++;
	return 0;
}

/* Add path as an entry; a missing file is not an entry. */
static int
add_file(ck_store_list *l, enum ck_store_kind kind, const char *path,
    ck_dialect d, const char *dialect_skip, const char *root, size_t rlen,
    struct uidmap *users, ck_error *err)
{
	struct stat lst, st;
	ck_store_entry *e;
	bool system = kind != CK_STORE_KIND_SPOOL;
	int lerr = 0;

	if (lstat(path, &lst) == -1) {
		if (errno == ENOENT)
			return 0;
		lerr = errno;
	}
	if (add(l, kind, path, system, err) == -1)
		return -1;
	e = &l->v[l->n - 1];
	if (lerr != 0 || stat(path, &st) == -1) {
		e->sys_errno = lerr != 0 ? lerr : errno;
		return 0;
	}
	e->uid = (unsigned int)st.st_uid;
	e->mode = (unsigned int)st.st_mode;
	if (kind == CK_STORE_KIND_SPOOL) {
		if ((e->user = strdup(e->name)) == NULL)
			return ck_error_oom(err);
		if (e->name[0] == '.')
			e->ignored = "names starting with '.' are skipped";
		else if (ck_dialect_facts(d)->spool_names & CK_NAMES_CRONIE)
			e->ignored = cronie_name(e->name);
		else if ((ck_dialect_facts(d)->spool_names &
		    CK_NAMES_NO_DOT) && strchr(e->name, '.'))
			e->ignored = "names with a '.' are skipped";
		if (e->ignored == NULL)
			e->ignored = spool_file_check(&st, d,
			    users != NULL ? uidmap_get(users, e->name) :
			    uid_of(root, rlen, e->name));
		return 0;
	}
	if (dialect_skip != NULL)
		e->ignored = dialect_skip;
	else if (kind == CK_STORE_KIND_CRON_D &&
	    (e->ignored = ck_store_ignored_name(e->name, d)) != NULL)
		;
	else
		e->ignored = system_file_check(&lst, &st, d);
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add every file of directory dir, sorted by name. */
static int
add_dir(ck_store_list *l, enum ck_store_kind kind, const char *dir,
    ck_dialect d, const char *dialect_skip, const char *root, size_t rlen,
    ck_error *err)
{
	struct dirent *de;
	DIR *dp;
	char **names = NULL, **nv, *path;
	size_t n = 0, cap = 0, i, plen;
	struct uidmap umap, *users = NULL;
	int rc = -1;

	memset(&umap, 0, sizeof(umap));

	if ((dp = opendir(dir)) == NULL) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		if (add(l, CK_STORE_KIND_DIR, dir, false, err) == -1)
			return -1;
		l->v[l->n - 1].sys_errno = errno;
		return 0;
	}
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			if ((nv = reallocarray(names, cap,
			    sizeof(*names))) == NULL) {
				ck_error_oom(err);
				goto out;
			}
			names = nv;
		}
		if ((names[n] = strdup(de->d_name)) == NULL) {
			ck_error_oom(err);
			goto out;
		}
		n++;
	}
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_str);
	/* An image's spool: its users read once for all the files. */
	if (kind == CK_STORE_KIND_SPOOL && rlen > 0 && n > 0) {
		if (uidmap_load(&umap, root, rlen, "/etc/passwd") == 0)
			users = &umap;
		else
			uidmap_free(&umap);
	}
	for (i = 0; i < n; i++) {
		plen = strlen(dir) + strlen(names[i]) + 2;
		if ((path = malloc(plen)) == NULL) {
			ck_error_oom(err);
			goto out;
		}
		ck_fmt(path, plen, "%s/%s", dir, names[i]);
		rc = add_file(l, kind, path, d, dialect_skip, root, rlen,
		    users, err);
		free(path);
		if (rc == -1)
			goto out;
	}
	rc = 0;
out:
	uidmap_free(&umap);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(dp);
	return rc;
}

static char *
join(const char *root, size_t rlen, const char *path)
{
	size_t n = rlen + strlen(path) + 1;
	char *p;

	if ((p = malloc(n)) == NULL)
		return NULL;
	memcpy(p, root, rlen);
	memcpy(p + rlen, path, strlen(path) + 1);
	return p;
}

const char *
ck_store_spool_dir(ck_dialect d)
{
	return ck_dialect_facts(d)->spool_dir;
}

ck_store_list *
ck_store_list_host(const char *root, ck_dialect d, unsigned int flags,
    ck_error *err)
{
	ck_store_list *l;
	const char *skip_crontab = NULL, *skip_cron_d = NULL;
	char *p = NULL;
	size_t rlen;

	if ((unsigned int)d >= CK_DIALECT_COUNT) {
		ck_error_set(err, CK_EINVAL, 0, 0, "unknown dialect %d",
		    (int)d);
		return NULL;
	}
	if (root == NULL)
		root = "";
	rlen = strlen(root);
	while (rlen > 0 && root[rlen - 1] == '/')
		rlen--;
	if ((l = calloc(1, sizeof(*l))) == NULL) {
		ck_error_oom(err);
		return NULL;
	}
	skip_crontab = ck_dialect_facts(d)->skips_crontab;
	skip_cron_d = ck_dialect_facts(d)->skips_cron_d;
	if (flags & CK_LIST_SYSTEM) {
		if ((p = join(root, rlen, "/etc/crontab")) == NULL)
			goto oom;
		if (add_file(l, CK_STORE_KIND_CRONTAB, p, d, skip_crontab,
		    root, rlen, NULL, err) == -1)
			goto fail;
		free(p);
		if ((p = join(root, rlen, "/etc/cron.d")) == NULL)
			goto oom;
		if (add_dir(l, CK_STORE_KIND_CRON_D, p, d, skip_cron_d,
		    root, rlen, err) == -1)
			goto fail;
		free(p);
		p = NULL;
	}
	if (flags & CK_LIST_SPOOL) {
		if ((p = join(root, rlen, ck_store_spool_dir(d))) == NULL)
			goto oom;
		if (add_dir(l, CK_STORE_KIND_SPOOL, p, d, NULL, root, rlen,
		    err) == -1)
			goto fail;
		free(p);
		p = NULL;
	}
	return l;
oom:
	ck_error_oom(err);
fail:
	free(p);
	ck_store_list_free(l);
	return NULL;
}
