/* SPDX-License-Identifier: ISC */
/*
 * dialect.c - the cron implementations cronkeep knows, by name.
 * What each one accepts is decided where the grammar is (expr.c, env.c,
 * tab.c), keyed on the dialect; this file only names them.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "internal.h"

static const char *const names[CK_DIALECT_COUNT] = {
	[CK_DIALECT_DEBIAN] = "debian",
	[CK_DIALECT_CRONIE] = "cronie",
	[CK_DIALECT_OPENBSD] = "openbsd",
	[CK_DIALECT_BUSYBOX] = "busybox",
	[CK_DIALECT_PORTABLE] = "portable",
};

int
ck_dialect_from_name(const char *name, ck_dialect *out, ck_error *err)
{
	size_t i;

	for (i = 0; i < CK_DIALECT_COUNT; i++) {
		if (strcmp(name, names[i]) == 0) {
			*out = (ck_dialect)i;
			return 0;
		}
	}
	if (strcmp(name, "vixie") == 0 || strcmp(name, "ubuntu") == 0) {
		*out = CK_DIALECT_DEBIAN;
		return 0;
	}
	return ck_error_set(err, CK_EINVAL, 0, 0,
	    "unknown dialect \"%.64s\" (debian, cronie, openbsd, busybox, "
	    "portable or auto)", name);
}

const char *
ck_dialect_name(ck_dialect d)
{
	if ((size_t)d >= CK_DIALECT_COUNT)
		return "unknown";
	return names[d];
}

static bool
exists(const char *root, const char *path)
{
	char buf[4096];
	struct stat st;
	size_t n;

	n = strlcpy(buf, root, sizeof(buf));
	if (n >= sizeof(buf))
		return false;
	while (n > 0 && buf[n - 1] == '/')
		buf[--n] = '\0';
	if (strlcat(buf, path, sizeof(buf)) >= sizeof(buf))
		return false;
	return lstat(buf, &st) == 0;
}

/* root/path is a symbolic link whose target's name is "busybox". */
static bool
links_to_busybox(const char *root, const char *path)
{
	char buf[4096], target[4096];
	const char *base;
	ssize_t n;

	if (snprintf(buf, sizeof(buf), "%s%s", root, path) >=
	    (int)sizeof(buf))
		return false;
	if ((n = readlink(buf, target, sizeof(target) - 1)) <= 0)
		return false;
	target[n] = '\0';
	base = strrchr(target, '/');
	return strcmp(base != NULL ? base + 1 : target, "busybox") == 0;
}

ck_dialect
ck_dialect_detect(const char *root)
{
	if (root == NULL || strcmp(root, "/") == 0)
		root = "";
	/* OpenBSD's cron keeps its spool in /var/cron/tabs. */
	if (exists(root, "/var/cron/tabs") && exists(root, "/usr/sbin/cron"))
		return CK_DIALECT_OPENBSD;
	/* Debian's cron is /usr/sbin/cron. */
	if (exists(root, "/usr/sbin/cron"))
		return CK_DIALECT_DEBIAN;
	/*
	 * cronie's daemon is /usr/sbin/crond; Alpine's crond is busybox's
	 * applet, a link to /bin/busybox.
	 */
	if (exists(root, "/usr/sbin/crond"))
		return links_to_busybox(root, "/usr/sbin/crond") ?
		    CK_DIALECT_BUSYBOX : CK_DIALECT_CRONIE;
	/* busybox alone (its crond spool is /var/spool/cron/crontabs too). */
	if (exists(root, "/bin/busybox"))
		return CK_DIALECT_BUSYBOX;
	return CK_DIALECT_DEBIAN;
}
