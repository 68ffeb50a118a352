/* SPDX-License-Identifier: ISC */
/*
 * test_store.c - where crontabs live: atomic file writes with real modes
 * and owners, conflict detection, flock(2), a kill -9 in the middle of a
 * write, symbolic links, the names cron ignores, the host listing under a
 * root prefix, and users' crontabs through crontab(1) stubs that fail,
 * hang, get killed or flood their outputs.  (The real crontab(1) is driven
 * by tests/cli/test_store_user.sh.)
 *
 * Every test runs in its own process (criterion forks), so tests that
 * need it drop root with seteuid(2) without affecting the others.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

#define NOBODY	65534

static char dir[256];

static void
setup(void)
{
	strlcpy(dir, "/tmp/ckstore.XXXXXX", sizeof(dir));
	cr_assert_not_null(mkdtemp(dir));
	cr_assert_eq(chmod(dir, 0755), 0);
}

static void
rm_tree(const char *path)
{
	char *argv[] = { "rm", "-rf", (char *)path, NULL };
	pid_t pid;
	int st;

	if ((pid = fork()) == 0) {
		execvp("rm", argv);
		_exit(127);
	}
	waitpid(pid, &st, 0);
}

static void
teardown(void)
{
	/* Tests that drop privileges use seteuid(2); take them back. */
	if (getuid() == 0 && geteuid() != 0)
		cr_assert_eq(seteuid(0), 0);
	rm_tree(dir);
}

TestSuite(store, .init = setup, .fini = teardown, .timeout = 60);

static char *
path_of(const char *name)
{
	static char buf[4][512];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir, name);
	return buf[k];
}

static void
put(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	cr_assert_neq(fd, -1, "open %s: %s", path, strerror(errno));
	cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	cr_assert_eq(fchmod(fd, mode), 0);
	close(fd);
}

/* The whole file, NUL-terminated; NULL when it does not exist. */
static char *
slurp(const char *path)
{
	struct ck_buf b = { 0 };
	char chunk[4096];
	ssize_t r;
	int fd = open(path, O_RDONLY);

	if (fd == -1)
		return NULL;
	while ((r = read(fd, chunk, sizeof(chunk))) > 0)
		ck_buf_add(&b, chunk, (size_t)r);
	close(fd);
	ck_buf_add(&b, "", 0);
	return ck_buf_take(&b, NULL);
}

/* How many entries of dir start with prefix. */
static int
count_prefix(const char *d, const char *prefix)
{
	struct dirent *de;
	DIR *dp = opendir(d);
	int n = 0;

	cr_assert_not_null(dp);
	while ((de = readdir(dp)) != NULL)
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0)
			n++;
	closedir(dp);
	return n;
}

static ck_store *
open_file(const char *path, unsigned int flags)
{
	ck_store_opts o = CK_STORE_OPTS_INIT;
	ck_error err;
	ck_store *s;

	o.flags = flags;
	s = ck_store_open_file(path, &o, &err);
	cr_assert_not_null(s, "%s", err.msg);
	return s;
}

static void
read_ok(ck_store *s, const char *want)
{
	ck_error err;
	char *t;
	size_t len;

	cr_assert_eq(ck_store_read(s, &t, &len, &err), 0, "%s", err.msg);
	cr_assert_eq(len, strlen(want));
	cr_assert_str_eq(t, want);
	free(t);
}

static void
write_ok(ck_store *s, const char *text)
{
	ck_error err;

	cr_assert_eq(ck_store_write(s, text, strlen(text), &err), 0, "%s",
	    err.msg);
}

/* ---- files ---- */

Test(store, file_write_replaces_atomically_keeping_mode_and_owner)
{
	char *p = path_of("tab"), *got;
	struct stat a, b;
	ck_store *s;

	put(p, "0 * * * * old\n", 0640);
	if (getuid() == 0)
		cr_assert_eq(chown(p, 1, 4), 0);	/* daemon:adm */
	cr_assert_eq(stat(p, &a), 0);
	s = open_file(p, 0);
	read_ok(s, "0 * * * * old\n");
	write_ok(s, "5 * * * * new\n");
	cr_assert_eq(stat(p, &b), 0);
	cr_assert_neq(a.st_ino, b.st_ino, "not replaced by rename(2)");
	cr_assert_eq(b.st_mode & 07777, 0640);
	cr_assert_eq(b.st_uid, a.st_uid);
	cr_assert_eq(b.st_gid, a.st_gid);
	got = slurp(p);
	cr_assert_str_eq(got, "5 * * * * new\n");
	free(got);
	cr_assert_eq(count_prefix(dir, ".tab."), 0, "temporary file left");
	/* A second write from the same store: its own write is no conflict. */
	write_ok(s, "6 * * * * newer\n");
	got = slurp(p);
	cr_assert_str_eq(got, "6 * * * * newer\n");
	free(got);
	ck_store_free(s);
}

Test(store, file_write_keeps_every_byte)
{
	static const char text[] = "A=1\r\n\0binary\xff\n0 * * * * x";
	char *p = path_of("bytes");
	ck_store *s;
	ck_error err;
	char *t;
	size_t len;

	s = open_file(p, CK_STORE_CREATE);
	cr_assert_eq(ck_store_read(s, &t, &len, &err), 0);
	free(t);
	cr_assert_eq(ck_store_write(s, text, sizeof(text) - 1, &err), 0);
	ck_store_free(s);
	s = open_file(p, 0);
	cr_assert_eq(ck_store_read(s, &t, &len, &err), 0);
	cr_assert_eq(len, sizeof(text) - 1);
	cr_assert_eq(memcmp(t, text, len), 0);
	free(t);
	ck_store_free(s);
}

Test(store, read_only_reads_and_refuses_to_write)
{
	static const char text[] = "A=1\n0 * * * * x\n";
	char *p = path_of("ro"), *t, *back;
	ck_store_opts o = CK_STORE_OPTS_INIT;
	ck_store *s;
	ck_error err;
	size_t len;

	put(p, text, 0644);
	s = open_file(p, CK_STORE_READ_ONLY);
	cr_assert_eq(ck_store_read(s, &t, &len, &err), 0, "%s", err.msg);
	cr_assert_eq(len, sizeof(text) - 1);
	cr_assert_eq(memcmp(t, text, len), 0);
	cr_assert_not(ck_store_was_absent(s));
	free(t);
	cr_assert_eq(ck_store_write(s, "x\n", 2, &err), -1);
	cr_assert_eq(err.code, CK_EPERM);
	cr_assert_not_null(strstr(err.msg, "only to read"), "%s", err.msg);
	ck_store_free(s);
	s = open_file(p, 0);
	cr_assert_eq(ck_store_read(s, &back, &len, &err), 0);
	cr_assert_eq(len, sizeof(text) - 1, "the file changed");
	free(back);
	ck_store_free(s);

	/* A missing file still reads as absent; a user store refuses too. */
	s = open_file(path_of("ro-missing"), CK_STORE_READ_ONLY |
	    CK_STORE_CREATE);
	cr_assert_eq(ck_store_read(s, &t, &len, &err), 0, "%s", err.msg);
	cr_assert(ck_store_was_absent(s));
	free(t);
	ck_store_free(s);
	o.flags = CK_STORE_READ_ONLY;
	o.crontab = "/nonexistent/crontab";
	s = ck_store_open_user("nobody", &o, &err);
	cr_assert_not_null(s, "%s", err.msg);
	cr_assert_eq(ck_store_write(s, "x\n", 2, &err), -1);
	cr_assert_eq(err.code, CK_EPERM, "%s", err.msg);
	ck_store_free(s);
}

Test(store, new_system_file_is_0644_root)
{
	char *p = path_of("newsys");
	struct stat st;
	ck_store *s;

	cr_assert_eq(umask(077), 022);
	s = open_file(p, CK_STORE_SYSTEM | CK_STORE_CREATE | CK_STORE_LOCK);
	read_ok(s, "");
	cr_assert(ck_store_was_absent(s));
	if (getuid() != 0) {
		ck_error err;

		/* Only root can make a root-owned file. */
		cr_assert_eq(ck_store_write(s, "x\n", 2, &err), -1);
		cr_assert_eq(err.code, CK_EPERM);
		ck_store_free(s);
		return;
	}
	write_ok(s, "0 0 * * * root true\n");
	ck_store_free(s);
	cr_assert_eq(stat(p, &st), 0);
	cr_assert_eq(st.st_mode & 07777, 0644);
	cr_assert_eq(st.st_uid, 0);
	cr_assert_eq(st.st_gid, 0);
}

/* Issue 27 item 10: a new plain file is 0666 less the umask, like open(2). */
Test(store, new_plain_file_honours_the_umask)
{
	char *p = path_of("plain");
	struct stat st;
	ck_store *s;

	umask(077);
	s = open_file(p, CK_STORE_CREATE);
	read_ok(s, "");
	write_ok(s, "0 0 * * * true\n");
	ck_store_free(s);
	cr_assert_eq(stat(p, &st), 0);
	cr_assert_eq(st.st_mode & 07777, 0600);
	cr_assert_eq(st.st_uid, getuid());
	unlink(p);
	umask(022);
	s = open_file(p, CK_STORE_CREATE);
	read_ok(s, "");
	write_ok(s, "0 0 * * * true\n");
	ck_store_free(s);
	cr_assert_eq(stat(p, &st), 0);
	cr_assert_eq(st.st_mode & 07777, 0644);
}

/* Issue 27 item 8: a spool file gets the user's owner and 0600. */
Test(store, spool_file_gets_owner_group_and_mode)
{
	ck_store_opts o = CK_STORE_OPTS_INIT;
	char *p = path_of("alice");
	struct stat st;
	ck_error err;
	ck_store *s;

	if (getuid() != 0)
		cr_skip_test("needs root to give files away");
	put(p, "0 0 * * * old\n", 0644);
	o.flags = CK_STORE_CREATE | CK_STORE_SPOOL;
	o.owner_uid = 4242;
	o.owner_gid = 4343;
	o.mode = 0600;
	s = ck_store_open_file(p, &o, &err);
	cr_assert_not_null(s, "%s", err.msg);
	read_ok(s, "0 0 * * * old\n");
	write_ok(s, "0 0 * * * new\n");
	ck_store_free(s);
	cr_assert_eq(stat(p, &st), 0);
	cr_assert_eq(st.st_mode & 07777, 0600);
	cr_assert_eq(st.st_uid, 4242);
	cr_assert_eq(st.st_gid, 4343);
}

Test(store, missing_file_without_create_is_not_found)
{
	ck_store *s = open_file(path_of("nope"), 0);
	ck_error err;
	char *t;
	size_t len;

	cr_assert_eq(ck_store_read(s, &t, &len, &err), -1);
	cr_assert_eq(err.code, CK_ENOTFOUND);
	cr_assert_eq(err.line, 0);
	cr_assert_eq(err.column, 0);
	cr_assert(strstr(err.msg, "nope") != NULL, "%s", err.msg);
	ck_store_free(s);
}

Test(store, write_detects_a_change_since_read)
{
	char *p = path_of("conflict"), *got;
	ck_store *s;
	ck_error err;

	put(p, "1 * * * * a\n", 0644);
	s = open_file(p, 0);
	read_ok(s, "1 * * * * a\n");
	/* Someone else edits it (same length, so only the bytes tell). */
	put(p, "2 * * * * a\n", 0644);
	cr_assert_eq(ck_store_write(s, "3 * * * * b\n", 12, &err), -1);
	cr_assert_eq(err.code, CK_ECONFLICT);
	cr_assert_eq(err.line, 0);
	cr_assert_eq(err.column, 0);
	got = slurp(p);
	cr_assert_str_eq(got, "2 * * * * a\n", "the other change was lost");
	free(got);
	cr_assert_eq(count_prefix(dir, ".conflict."), 0);
	ck_store_free(s);
}

Test(store, write_detects_a_file_created_since_read)
{
	char *p = path_of("created"), *got;
	ck_store *s;
	ck_error err;

	s = open_file(p, CK_STORE_CREATE);
	read_ok(s, "");
	put(p, "", 0644);	/* created, even empty, is a change */
	cr_assert_eq(ck_store_write(s, "x\n", 2, &err), -1);
	cr_assert_eq(err.code, CK_ECONFLICT);
	got = slurp(p);
	cr_assert_str_eq(got, "");
	free(got);
	ck_store_free(s);
}

Test(store, write_detects_a_file_removed_since_read)
{
	char *p = path_of("removed");
	ck_store *s;
	ck_error err;

	put(p, "", 0644);
	s = open_file(p, 0);
	read_ok(s, "");
	cr_assert_eq(unlink(p), 0);
	cr_assert_eq(ck_store_write(s, "x\n", 2, &err), -1);
	cr_assert_eq(err.code, CK_ECONFLICT);
	cr_assert_eq(access(p, F_OK), -1);
	ck_store_free(s);
}

Test(store, symlink_is_refused_unless_allowed)
{
	char *target = path_of("target"), *link = path_of("link"), *got;
	struct stat st;
	ck_store *s;
	ck_error err;

	put(target, "old\n", 0600);
	cr_assert_eq(symlink("target", link), 0);
	s = open_file(link, 0);
	read_ok(s, "old\n");	/* reading follows links */
	cr_assert_eq(ck_store_write(s, "new\n", 4, &err), -1);
	cr_assert_eq(err.code, CK_EPERM);
	cr_assert(strstr(err.msg, "symbolic link") != NULL, "%s", err.msg);
	ck_store_free(s);
	got = slurp(target);
	cr_assert_str_eq(got, "old\n");
	free(got);

	s = open_file(link, CK_STORE_FOLLOW);
	read_ok(s, "old\n");
	write_ok(s, "new\n");
	ck_store_free(s);
	cr_assert_eq(lstat(link, &st), 0);
	cr_assert(S_ISLNK(st.st_mode), "the link was replaced");
	cr_assert_eq(stat(target, &st), 0);
	cr_assert_eq(st.st_mode & 07777, 0600);
	got = slurp(target);
	cr_assert_str_eq(got, "new\n");
	free(got);
}

Test(store, not_a_regular_file_is_refused)
{
	ck_store *s = open_file(dir, 0);
	ck_error err;
	char *t;
	size_t len;

	cr_assert_eq(ck_store_read(s, &t, &len, &err), -1);
	cr_assert_eq(err.code, CK_ENOTFOUND);
	cr_assert_not_null(strstr(err.msg, "is a directory, not a crontab"),
	    "%s", err.msg);
	ck_store_free(s);
}

Test(store, unreadable_file_names_the_file_and_the_need)
{
	char *p = path_of("secret");
	ck_store *s;
	ck_error err;
	char *t;
	size_t len;

	put(p, "0 * * * * root x\n", 0600);
	if (getuid() == 0)
		cr_assert_eq(seteuid(NOBODY), 0);
	else
		cr_assert_eq(chmod(p, 0), 0);
	s = open_file(p, 0);
	cr_assert_eq(ck_store_read(s, &t, &len, &err), -1);
	cr_assert_eq(err.code, CK_EPERM);
	cr_assert_eq(err.sys_errno, EACCES);
	cr_assert_eq(err.line, 0);
	cr_assert_eq(err.column, 0);
	cr_assert(strstr(err.msg, p) != NULL, "%s", err.msg);
	cr_assert(strstr(err.msg, "read permission") != NULL, "%s", err.msg);
	ck_store_free(s);
}

Test(store, unwritable_directory_fails_and_keeps_the_file)
{
	char *d = path_of("ro"), p[600], *got;
	ck_store *s;
	ck_error err;

	cr_assert_eq(mkdir(d, 0755), 0);
	snprintf(p, sizeof(p), "%s/tab", d);
	put(p, "keep\n", 0644);
	if (getuid() == 0)
		cr_assert_eq(seteuid(NOBODY), 0);
	else
		cr_assert_eq(chmod(d, 0555), 0);
	s = open_file(p, 0);
	read_ok(s, "keep\n");
	cr_assert_eq(ck_store_write(s, "new\n", 4, &err), -1);
	cr_assert_eq(err.code, CK_EPERM);
	cr_assert(strstr(err.msg, d) != NULL, "%s", err.msg);
	ck_store_free(s);
	got = slurp(p);
	cr_assert_str_eq(got, "keep\n");
	free(got);
}

Test(store, cron_d_names_cron_ignores_are_refused_for_writing)
{
	char *p = path_of("backup.sh");
	ck_store_opts o = CK_STORE_OPTS_INIT;
	ck_store *s;
	ck_error err;

	o.flags = CK_STORE_CRON_D | CK_STORE_CREATE;
	o.dialect = CK_DIALECT_DEBIAN;
	cr_assert_not_null(s = ck_store_open_file(p, &o, &err));
	read_ok(s, "");
	cr_assert_eq(ck_store_write(s, "x\n", 2, &err), -1);
	cr_assert_eq(err.code, CK_EPERM);
	cr_assert(strstr(err.msg, "'.'") != NULL, "%s", err.msg);
	cr_assert_eq(access(p, F_OK), -1, "the file was written");
	ck_store_free(s);

	/* cronie reads backup.sh, so that dialect allows it. */
	o.dialect = CK_DIALECT_CRONIE;
	o.flags |= CK_STORE_SYSTEM;
	cr_assert_not_null(s = ck_store_open_file(p, &o, &err));
	read_ok(s, "");
	if (getuid() == 0)
		write_ok(s, "0 * * * * root x\n");
	ck_store_free(s);
}

struct name_case {
	const char	*name;
	ck_dialect	 d;
	const char	*reason;	/* part of the reason; NULL: read */
};

static const struct name_case name_cases[] = {
	{ "backup", CK_DIALECT_DEBIAN, NULL },
	{ "php5-fpm_2", CK_DIALECT_DEBIAN, NULL },
	{ "backup.sh", CK_DIALECT_DEBIAN, "'.'" },
	{ "foo.dpkg-old", CK_DIALECT_DEBIAN, "'.'" },
	{ ".placeholder", CK_DIALECT_DEBIAN, "'.'" },
	{ "foo~", CK_DIALECT_DEBIAN, "letters, digits" },
	{ "a b", CK_DIALECT_DEBIAN, "letters, digits" },
	{ "backup.sh", CK_DIALECT_CRONIE, NULL },
	{ "foo.dpkg-old", CK_DIALECT_CRONIE, NULL },
	{ ".hidden", CK_DIALECT_CRONIE, "starting with '.'" },
	{ "#emacs#", CK_DIALECT_CRONIE, "starting with '#'" },
	{ "foo~", CK_DIALECT_CRONIE, "'~'" },
	{ "foo.rpmsave", CK_DIALECT_CRONIE, ".rpmsave" },
	{ "foo.rpmorig", CK_DIALECT_CRONIE, ".rpmorig" },
	{ "foo.rpmnew", CK_DIALECT_CRONIE, ".rpmnew" },
	{ "backup.sh", CK_DIALECT_PORTABLE, "'.'" },
	{ "#x", CK_DIALECT_PORTABLE, "'#'" },
	{ "ok_name", CK_DIALECT_PORTABLE, NULL },
	{ "", CK_DIALECT_CRONIE, "empty" },
};

Test(store, ignored_names)
{
	const struct name_case *c;
	const char *why;
	size_t i;

	for (i = 0; i < sizeof(name_cases) / sizeof(name_cases[0]); i++) {
		c = &name_cases[i];
		why = ck_store_ignored_name(c->name, c->d);
		if (c->reason == NULL) {
			cr_expect_null(why, "%s (%s): %s", c->name,
			    ck_dialect_name(c->d), why);
			continue;
		}
		cr_expect_not_null(why, "%s (%s) should be ignored", c->name,
		    ck_dialect_name(c->d));
		if (why != NULL)
			cr_expect(strstr(why, c->reason) != NULL, "%s: %s",
			    c->name, why);
	}
}

/* ---- locking and crashes ---- */

static int hook_fd = -1;

static void
signal_and_sleep(const char *tmp, void *arg)
{
	(void)arg;
	cr_assert_not_null(tmp);
	cr_assert_eq(write(hook_fd, tmp, strlen(tmp) + 1),
	    (ssize_t)strlen(tmp) + 1);
	sleep(30);
}

Test(store, kill_9_between_write_and_rename_keeps_the_old_file)
{
	char *p = path_of("crash"), tmp[600] = "", *got;
	ck_store_opts o = CK_STORE_OPTS_INIT;
	int fds[2], st;
	ssize_t r;
	pid_t pid;
	ck_store *s;

	put(p, "0 * * * * old\n", 0644);
	cr_assert_eq(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		ck_error err;
		char *t;
		size_t len;

		close(fds[0]);
		hook_fd = fds[1];
		o.flags = CK_STORE_LOCK;
		s = ck_store_open_file(p, &o, &err);
		if (s == NULL)
			_exit(2);
		ck_store_set_commit_hook(s, signal_and_sleep, NULL);
		if (ck_store_read(s, &t, &len, &err) == -1)
			_exit(2);
		ck_store_write(s, "0 * * * * new\n", 14, &err);
		_exit(3);
	}
	close(fds[1]);
	r = read(fds[0], tmp, sizeof(tmp) - 1);
	cr_assert_gt(r, 0, "the writer never reached the hook");
	/* The new text is complete and synced in the temporary file. */
	got = slurp(tmp);
	cr_assert_str_eq(got, "0 * * * * new\n");
	free(got);
	cr_assert_eq(kill(pid, SIGKILL), 0);
	cr_assert_eq(waitpid(pid, &st, 0), pid);
	cr_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	got = slurp(p);
	cr_assert_str_eq(got, "0 * * * * old\n");
	free(got);
	/* The leftover is a name cron never reads, and the lock is gone. */
	cr_assert_eq(strncmp(strrchr(tmp, '/') + 1, ".crash.", 7), 0, "%s",
	    tmp);
	cr_assert_not_null(ck_store_ignored_name(strrchr(tmp, '/') + 1,
	    CK_DIALECT_DEBIAN));
	cr_assert_not_null(ck_store_ignored_name(strrchr(tmp, '/') + 1,
	    CK_DIALECT_CRONIE));
	s = open_file(p, CK_STORE_LOCK);
	read_ok(s, "0 * * * * old\n");
	write_ok(s, "0 * * * * after\n");
	ck_store_free(s);
	close(fds[0]);
}

static void
change_it(const char *tmp, void *arg)
{
	(void)tmp;
	put(arg, "0 * * * * someone else\n", 0644);
}

Test(store, change_during_the_write_is_a_conflict)
{
	char *p = path_of("race"), *got;
	ck_store_opts o = CK_STORE_OPTS_INIT;
	ck_store *s;
	ck_error err;

	put(p, "0 * * * * old\n", 0644);
	cr_assert_not_null(s = ck_store_open_file(p, &o, &err));
	ck_store_set_commit_hook(s, change_it, p);
	read_ok(s, "0 * * * * old\n");
	cr_assert_eq(ck_store_write(s, "0 * * * * mine\n", 15, &err), -1);
	cr_assert_eq(err.code, CK_ECONFLICT);
	got = slurp(p);
	cr_assert_str_eq(got, "0 * * * * someone else\n");
	free(got);
	cr_assert_eq(count_prefix(dir, ".race."), 0);
	ck_store_free(s);
}

static long long
ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

Test(store, lock_serialises_read_modify_write)
{
	char *p = path_of("locked"), c;
	int fds[2], st;
	long long t0, waited;
	pid_t pid;
	ck_store *s;

	put(p, "1\n", 0644);
	cr_assert_eq(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		ck_error err;
		char *t;
		size_t len;

		close(fds[0]);
		s = open_file(p, CK_STORE_LOCK);
		if (ck_store_read(s, &t, &len, &err) == -1)
			_exit(2);
		cr_assert_eq(write(fds[1], "x", 1), 1);
		usleep(400 * 1000);
		if (ck_store_write(s, "2\n", 2, &err) == -1)
			_exit(3);
		ck_store_free(s);
		_exit(0);
	}
	close(fds[1]);
	cr_assert_eq(read(fds[0], &c, 1), 1);
	t0 = ms_now();
	if (waitpid(pid, &st, WNOHANG) == pid)
		cr_skip_test("the host is too busy to test waiting");
	s = open_file(p, CK_STORE_LOCK);
	/* Waits for the writer, then reads the file it renamed in place. */
	read_ok(s, "2\n");
	waited = ms_now() - t0;
	cr_assert_geq(waited, 200, "did not wait for the lock (%lld ms)",
	    waited);
	cr_assert_eq(waitpid(pid, &st, 0), pid);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	write_ok(s, "3\n");
	ck_store_free(s);
	close(fds[0]);
}

/* ---- the host listing ---- */

static void
mk(const char *rel, const char *text, mode_t mode, uid_t uid)
{
	char *p = path_of(rel);

	put(p, text, mode);
	if (getuid() == 0)
		cr_assert_eq(chown(p, uid, 0), 0);
}

static void
tree(void)
{
	static const char *dirs[] = { "etc", "etc/cron.d", "var", "var/spool",
	    "var/spool/cron", "var/spool/cron/crontabs" };
	size_t i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		cr_assert_eq(mkdir(path_of(dirs[i]), 0755), 0);
	mk("etc/crontab", "17 * * * * root run-parts /etc/cron.hourly\n",
	    0644, 0);
	mk("etc/cron.d/backup", "0 3 * * * root backup\n", 0644, 0);
	mk("etc/cron.d/backup.sh", "0 4 * * * root x\n", 0644, 0);
	mk("etc/cron.d/.placeholder", "", 0644, 0);
	mk("etc/cron.d/groupw", "0 5 * * * root x\n", 0664, 0);
	mk("etc/cron.d/zz_exec", "0 6 * * * root x\n", 0755, 0);
	mk("var/spool/cron/crontabs/bob", "0 1 * * * b\n", 0600, 1);
	mk("var/spool/cron/crontabs/alice", "0 2 * * * a\n", 0600, 2);
}

static const ck_store_entry *
find_entry(const ck_store_list *l, const char *name)
{
	size_t i;

	for (i = 0; i < ck_store_list_count(l); i++)
		if (strcmp(ck_store_list_at(l, i)->name, name) == 0)
			return ck_store_list_at(l, i);
	return NULL;
}

Test(store, host_list_under_root_debian)
{
	ck_store_list *l;
	const ck_store_entry *e;
	ck_error err;
	static const char *order[] = { "crontab", ".placeholder", "backup",
	    "backup.sh", "groupw", "zz_exec", "alice", "bob" };
	size_t i;

	tree();
	l = ck_store_list_host(dir, CK_DIALECT_DEBIAN,
	    CK_LIST_SYSTEM | CK_LIST_SPOOL, &err);
	cr_assert_not_null(l, "%s", err.msg);
	cr_assert_eq(ck_store_list_count(l), 8);
	for (i = 0; i < 8; i++)
		cr_assert_str_eq(ck_store_list_at(l, i)->name, order[i]);
	e = ck_store_list_at(l, 0);
	cr_assert_eq(e->kind, CK_STORE_KIND_CRONTAB);
	cr_assert_str_eq(e->path, path_of("etc/crontab"));
	cr_assert(e->system);
	cr_assert_null(e->ignored);
	e = find_entry(l, "backup");
	cr_assert_eq(e->kind, CK_STORE_KIND_CRON_D);
	cr_assert_null(e->ignored, "%s", e->ignored);
	cr_assert_not_null(strstr(find_entry(l, "backup.sh")->ignored, "'.'"));
	cr_assert_not_null(find_entry(l, ".placeholder")->ignored);
	if (getuid() == 0)
		cr_assert_str_eq(find_entry(l, "groupw")->ignored,
		    "writable by group or others");
	/* Debian does not mind the executable bit; cronie does. */
	if (getuid() == 0)
		cr_assert_null(find_entry(l, "zz_exec")->ignored);
	e = find_entry(l, "alice");
	cr_assert_eq(e->kind, CK_STORE_KIND_SPOOL);
	cr_assert_not(e->system);
	cr_assert_str_eq(e->user, "alice");
	cr_assert_str_eq(e->path, path_of("var/spool/cron/crontabs/alice"));
	if (getuid() == 0)
		cr_assert_eq(e->uid, 2);
	cr_assert_eq(e->mode & 07777, 0600);
	ck_store_list_free(l);

	/* Only the system set. */
	l = ck_store_list_host(dir, CK_DIALECT_DEBIAN, CK_LIST_SYSTEM, &err);
	cr_assert_eq(ck_store_list_count(l), 6);
	ck_store_list_free(l);
}

Test(store, host_list_cronie_rules)
{
	ck_store_list *l;
	ck_error err;

	tree();
	mk("var/spool/cron/carol", "0 1 * * * c\n", 0600, 3);
	mk("var/spool/cron/carol~", "0 1 * * * c\n", 0600, 3);
	l = ck_store_list_host(dir, CK_DIALECT_CRONIE,
	    CK_LIST_SYSTEM | CK_LIST_SPOOL, &err);
	cr_assert_not_null(l);
	cr_assert_null(find_entry(l, "backup.sh")->ignored);
	if (getuid() == 0)
		cr_assert_not_null(strstr(find_entry(l, "zz_exec")->ignored,
		    "executable"));
	cr_assert_null(find_entry(l, "carol")->ignored);
	cr_assert_str_eq(find_entry(l, "carol")->user, "carol");
	cr_assert_not_null(strstr(find_entry(l, "carol~")->ignored, "'~'"));
	/* /var/spool/cron/crontabs is a directory in cronie's spool. */
	cr_assert_str_eq(find_entry(l, "crontabs")->ignored,
	    "not a regular file");
	ck_store_list_free(l);
}

Test(store, host_list_reports_unreadable_directory_and_goes_on)
{
	ck_store_list *l;
	const ck_store_entry *e;
	ck_error err;

	tree();
	cr_assert_eq(chmod(path_of("var/spool/cron/crontabs"), 0700), 0);
	if (getuid() == 0)
		cr_assert_eq(seteuid(NOBODY), 0);
	else
		cr_assert_eq(chmod(path_of("var/spool/cron/crontabs"), 0), 0);
	l = ck_store_list_host(dir, CK_DIALECT_DEBIAN,
	    CK_LIST_SYSTEM | CK_LIST_SPOOL, &err);
	cr_assert_not_null(l);
	cr_assert_eq(ck_store_list_count(l), 7);
	e = ck_store_list_at(l, 6);
	cr_assert_eq(e->kind, CK_STORE_KIND_DIR);
	cr_assert_eq(e->sys_errno, EACCES);
	cr_assert_str_eq(e->path, path_of("var/spool/cron/crontabs"));
	cr_assert_not_null(find_entry(l, "backup"));
	ck_store_list_free(l);
	if (getuid() != 0)
		chmod(path_of("var/spool/cron/crontabs"), 0700);
}

Test(store, host_list_of_an_empty_root_is_empty)
{
	ck_store_list *l;
	ck_error err;

	l = ck_store_list_host(dir, CK_DIALECT_DEBIAN,
	    CK_LIST_SYSTEM | CK_LIST_SPOOL, &err);
	cr_assert_not_null(l);
	cr_assert_eq(ck_store_list_count(l), 0);
	cr_assert_null(ck_store_list_at(l, 0));
	ck_store_list_free(l);
}

Test(store, busybox_and_openbsd_skip_cron_d)
{
	ck_store_list *l;
	ck_error err;

	tree();
	l = ck_store_list_host(dir, CK_DIALECT_BUSYBOX, CK_LIST_SYSTEM, &err);
	cr_assert_not_null(strstr(find_entry(l, "crontab")->ignored,
	    "busybox"));
	cr_assert_not_null(strstr(find_entry(l, "backup")->ignored,
	    "cron.d"));
	ck_store_list_free(l);
	l = ck_store_list_host(dir, CK_DIALECT_OPENBSD, CK_LIST_SYSTEM, &err);
	cr_assert_null(find_entry(l, "crontab")->ignored);
	cr_assert_not_null(find_entry(l, "backup")->ignored);
	ck_store_list_free(l);
}

/* ---- users' crontabs through crontab(1) stubs ---- */

/* Write an executable stub script and return its path. */
static char *
stub(const char *name, const char *body)
{
	char *p = path_of(name);
	char text[8192];

	snprintf(text, sizeof(text), "#!/bin/sh\n%s\n", body);
	put(p, text, 0755);
	return p;
}

static ck_store *
open_user(const char *user, const char *prog, int timeout_ms)
{
	ck_store_opts o = CK_STORE_OPTS_INIT;
	ck_error err;
	ck_store *s;

	o.crontab = prog;
	o.tmpdir = dir;
	o.timeout_ms = timeout_ms;
	s = ck_store_open_user(user, &o, &err);
	cr_assert_not_null(s, "%s", err.msg);
	return s;
}

static void
user_read_fails(ck_store *s, enum ck_code code, const char *piece)
{
	ck_error err;
	char *t = (char *)0x1;
	size_t len = 12345;

	cr_assert_eq(ck_store_read(s, &t, &len, &err), -1,
	    "a failure read as a crontab of %zu bytes", len);
	cr_assert_eq(err.code, code, "code %d: %s", err.code, err.msg);
	cr_assert_eq(err.line, 0);
	cr_assert_eq(err.column, 0);
	cr_assert(strstr(err.msg, piece) != NULL, "'%s' lacks '%s'", err.msg,
	    piece);
	cr_assert_eq(t, (char *)0x1, "output set on failure");
}

Test(store, user_no_crontab_is_empty)
{
	ck_store *s = open_user("alice", stub("ct",
	    "echo 'no crontab for alice' >&2; exit 1"), 0);

	read_ok(s, "");
	cr_assert(ck_store_was_absent(s));
	ck_store_free(s);
	/* The invoking user: any single name. */
	s = open_user(NULL, stub("ct2", "echo 'no crontab for root' >&2; "
	    "exit 1"), 0);
	read_ok(s, "");
	ck_store_free(s);
}

Test(store, user_no_crontab_for_someone_else_is_an_error)
{
	ck_store *s = open_user("alice", stub("ct",
	    "echo 'no crontab for bob' >&2; exit 1"), 0);

	user_read_fails(s, CK_ECHILD, "no crontab for bob");
	ck_store_free(s);
}

Test(store, user_other_failure_is_an_error_with_the_message)
{
	ck_store *s = open_user("alice", stub("ct",
	    "echo \"crontab:  user \\`alice' unknown\" >&2; exit 1"), 0);

	user_read_fails(s, CK_ECHILD, "user `alice' unknown");
	ck_store_free(s);
}

Test(store, user_no_crontab_with_output_is_an_error)
{
	ck_store *s = open_user("alice", stub("ct",
	    "echo '0 * * * * x'; echo 'no crontab for alice' >&2; exit 1"), 0);

	user_read_fails(s, CK_ECHILD, "exit 1");
	ck_store_free(s);
}

Test(store, user_garbage_and_failure_is_an_error)
{
	ck_store *s = open_user("alice", stub("ct",
	    "printf '\\001\\002garbage\\377'; exit 2"), 0);

	user_read_fails(s, CK_ECHILD, "(exit 2): no message");
	ck_store_free(s);
}

Test(store, user_killed_by_a_signal_is_an_error)
{
	ck_store *s = open_user("alice", stub("ct",
	    "echo partial; echo dying >&2; kill -9 $$"), 0);

	user_read_fails(s, CK_ECHILD, "killed by signal 9: dying");
	ck_store_free(s);
}

/* Alive and not a zombie (PID 1 in a container may not reap orphans). */
static bool
running(pid_t pid)
{
	char path[64], *stat, *p;
	bool r;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((stat = slurp(path)) == NULL)
		return false;
	p = strrchr(stat, ')');
	r = p != NULL && p[1] == ' ' && p[2] != 'Z' && p[2] != 'X';
	free(stat);
	return r;
}

Test(store, user_hang_times_out_and_is_killed)
{
	char *pidfile = path_of("pid");
	char body[1024], *pid;
	ck_store *s;
	long long t0;

	/* 2 s leaves the stub time to start its child even on a busy host
	 * or under valgrind. */
	snprintf(body, sizeof(body), "sleep 60 & echo $! > %s; wait", pidfile);
	s = open_user("alice", stub("ct", body), 2000);
	t0 = ms_now();
	user_read_fails(s, CK_ECHILD, "did not finish within 2000 ms");
	cr_assert_lt(ms_now() - t0, 10000);
	ck_store_free(s);
	/* The whole process group was killed, the grandchild too. */
	pid = slurp(pidfile);
	cr_assert_not_null(pid, "the stub did not start in 2 s");
	usleep(100 * 1000);
	cr_assert(!running((pid_t)strtol(pid, NULL, 10)),
	    "the stub's child still runs");
	free(pid);
}

Test(store, user_hang_after_closing_outputs_times_out)
{
	ck_store *s = open_user("alice", stub("ct",
	    "exec >/dev/null 2>&1; sleep 60"), 300);

	user_read_fails(s, CK_ECHILD, "did not finish");
	ck_store_free(s);
}

Test(store, user_missing_program_is_an_error)
{
	ck_store *s = open_user("alice", "/nonexistent/crontab", 0);

	user_read_fails(s, CK_ECHILD, "not found");
	ck_store_free(s);
}

Test(store, user_strips_the_do_not_edit_header)
{
	ck_store_opts o = CK_STORE_OPTS_INIT;
	ck_error err;
	ck_store *s;

	/* OpenBSD's crontab -l shows its header: it goes, once. */
	o.crontab = stub("ct", "printf '# DO NOT EDIT THIS FILE - edit the "
	    "master and reinstall.\\n# (/tmp/x installed on Mon)\\n"
	    "# (Cron version -- $Id$)\\nA=1\\n0 * * * * x\\n'");
	o.tmpdir = dir;
	o.dialect = CK_DIALECT_OPENBSD;
	s = ck_store_open_user(NULL, &o, &err);
	cr_assert_not_null(s, "%s", err.msg);
	read_ok(s, "A=1\n0 * * * * x\n");
	ck_store_free(s);
	/* Only the exact three-line header goes. */
	o.crontab = stub("ct2", "printf '# DO NOT EDIT THIS FILE - "
	    "edit the master and reinstall.\\nA=1\\n'");
	s = ck_store_open_user(NULL, &o, &err);
	cr_assert_not_null(s, "%s", err.msg);
	read_ok(s, "# DO NOT EDIT THIS FILE - edit the master and "
	    "reinstall.\nA=1\n");
	ck_store_free(s);
}

/*
 * Issue 27 item 9: Debian's crontab -l already hid its own header, so
 * header-like lines it prints are the user's (a restored spool backup).
 */
Test(store, user_keeps_header_like_lines_debian_shows)
{
	static const char text[] = "# DO NOT EDIT THIS FILE - edit the "
	    "master and reinstall.\n# (/tmp/x installed on Mon Jan  1 "
	    "00:00:00 2026)\n# (Cron version -- $Id: crontab.c,v 2.13 "
	    "vixie Exp $)\n0 * * * * x\n";
	ck_store *s = open_user(NULL, stub("ct", "printf '# DO NOT EDIT "
	    "THIS FILE - edit the master and reinstall.\\n# (/tmp/x "
	    "installed on Mon Jan  1 00:00:00 2026)\\n# (Cron version -- "
	    "$Id: crontab.c,v 2.13 vixie Exp $)\\n0 * * * * x\\n'"), 0);

	read_ok(s, text);
	ck_store_free(s);
}

Test(store, user_floods_both_outputs_without_deadlock)
{
	ck_store *s = open_user(NULL, stub("ct",
	    "i=0; while [ $i -lt 2000 ]; do "
	    "echo '# 0123456789012345678901234567890123456789012345678' >&2; "
	    "echo '0 * * * * 0123456789012345678901234567890123456789'; "
	    "i=$((i+1)); done"), 0);
	ck_error err;
	char *t;
	size_t len;

	cr_assert_eq(ck_store_read(s, &t, &len, &err), 0, "%s", err.msg);
	cr_assert_eq(len, 2000 * 51);
	free(t);
	ck_store_free(s);
}

Test(store, user_output_limit)
{
	ck_store_opts o = CK_STORE_OPTS_INIT;
	ck_store *s;
	ck_error err;
	char *t;
	size_t len;

	o.crontab = stub("ct", "head -c 100000 /dev/zero");
	o.max_bytes = 1000;
	cr_assert_not_null(s = ck_store_open_user(NULL, &o, &err));
	cr_assert_eq(ck_store_read(s, &t, &len, &err), -1);
	cr_assert_eq(err.code, CK_ERANGE);
	ck_store_free(s);
}

/*
 * A stateful stub: -l prints $dir/state or says there is none (or fails
 * when $dir/fail exists); a file
 * operand is installed (its mode and argv are logged first); a file
 * containing "BAD" is refused with crontab's own message.
 */
static char *
stateful(void)
{
	char body[4096];

	snprintf(body, sizeof(body),
	    "d=%s\n"
	    "echo \"$*\" >> $d/argv\n"
	    "last=; for a; do last=$a; done\n"
	    "if [ \"$last\" = -l ]; then\n"
	    "  [ -f $d/fail ] && { echo 'crontab: cannot read' >&2; exit 1; }\n"
	    "  [ -f $d/state ] && exec cat $d/state\n"
	    "  echo \"no crontab for ${2:-root}\" >&2; exit 1\n"
	    "fi\n"
	    "stat -c %%a \"$last\" >> $d/modes\n"
	    "if grep -q BAD \"$last\"; then\n"
	    "  echo \"\\\"$last\\\":0: bad minute\" >&2\n"
	    "  echo \"errors in crontab file, can't install.\" >&2; exit 1\n"
	    "fi\n"
	    "cp \"$last\" $d/state\n", dir);
	return stub("ct", body);
}

Test(store, user_write_installs_through_a_private_file)
{
	ck_store *s = open_user("alice", stateful(), 0);
	char *got;

	read_ok(s, "");
	write_ok(s, "0 * * * * new\n");
	got = slurp(path_of("state"));
	cr_assert_str_eq(got, "0 * * * * new\n");
	free(got);
	got = slurp(path_of("modes"));
	cr_assert_str_eq(got, "600\n", "temporary file mode %s", got);
	free(got);
	got = slurp(path_of("argv"));
	cr_assert(strncmp(got, "-u alice -l\n-u alice -l\n-u alice ", 33) == 0,
	    "%s", got);
	cr_assert(strstr(got, dir) != NULL, "%s", got);
	free(got);
	cr_assert_eq(count_prefix(dir, "cronkeep."), 0, "temp file left");
	ck_store_free(s);
}

Test(store, user_write_failure_keeps_the_old_crontab)
{
	ck_store *s = open_user("alice", stateful(), 0);
	ck_error err;
	char *got;

	put(path_of("state"), "0 * * * * old\n", 0644);
	read_ok(s, "0 * * * * old\n");
	cr_assert_eq(ck_store_write(s, "BAD\n", 4, &err), -1);
	cr_assert_eq(err.code, CK_ECHILD);
	cr_assert(strstr(err.msg, "bad minute") != NULL, "%s", err.msg);
	cr_assert(strstr(err.msg, "can't install") != NULL, "%s", err.msg);
	got = slurp(path_of("state"));
	cr_assert_str_eq(got, "0 * * * * old\n");
	free(got);
	cr_assert_eq(count_prefix(dir, "cronkeep."), 0, "temp file left");
	ck_store_free(s);
}

Test(store, user_write_conflict_writes_nothing)
{
	ck_store *s = open_user("alice", stateful(), 0);
	ck_error err;
	char *got;

	read_ok(s, "");
	put(path_of("state"), "0 * * * * theirs\n", 0644);
	cr_assert_eq(ck_store_write(s, "0 * * * * mine\n", 15, &err), -1);
	cr_assert_eq(err.code, CK_ECONFLICT);
	got = slurp(path_of("state"));
	cr_assert_str_eq(got, "0 * * * * theirs\n");
	free(got);
	got = slurp(path_of("modes"));
	cr_assert_null(got, "crontab(1) was asked to install: %s", got);
	ck_store_free(s);
}

static void
install_theirs(const char *tmp, void *arg)
{
	(void)tmp;
	put(arg, "0 * * * * theirs\n", 0644);
}

Test(store, user_change_during_the_write_is_a_conflict)
{
	ck_store_opts o = CK_STORE_OPTS_INIT;
	ck_store *s;
	ck_error err;
	char *got;

	o.crontab = stateful();
	o.tmpdir = dir;
	cr_assert_not_null(s = ck_store_open_user("alice", &o, &err));
	ck_store_set_commit_hook(s, install_theirs, path_of("state"));
	read_ok(s, "");
	cr_assert_eq(ck_store_write(s, "0 * * * * mine\n", 15, &err), -1);
	cr_assert_eq(err.code, CK_ECONFLICT);
	cr_assert_eq(err.line, 0);
	cr_assert(strstr(err.msg, "alice") != NULL, "%s", err.msg);
	got = slurp(path_of("state"));
	cr_assert_str_eq(got, "0 * * * * theirs\n");
	free(got);
	cr_assert_null(slurp(path_of("modes")), "crontab(1) installed");
	cr_assert_eq(count_prefix(dir, "cronkeep."), 0, "temp file left");
	ck_store_free(s);
}

Test(store, user_write_refuses_when_the_reread_fails)
{
	ck_store *s = open_user("alice", stateful(), 0);
	ck_error err;

	read_ok(s, "");
	/* crontab(1) now fails: the conflict check cannot pass. */
	put(path_of("fail"), "", 0644);
	cr_assert_eq(ck_store_write(s, "0 * * * * mine\n", 15, &err), -1);
	cr_assert_eq(err.code, CK_ECHILD);
	cr_assert(strstr(err.msg, "cannot read") != NULL, "%s", err.msg);
	cr_assert_null(slurp(path_of("modes")));
	ck_store_free(s);
}

Test(store, bad_arguments)
{
	ck_store_opts o = CK_STORE_OPTS_INIT;
	ck_error err;

	cr_assert_null(ck_store_open_user("-r", NULL, &err));
	cr_assert_eq(err.code, CK_EINVAL);
	cr_assert_null(ck_store_open_user("", NULL, &err));
	cr_assert_eq(err.code, CK_EINVAL);
	cr_assert_null(ck_store_open_file("", NULL, &err));
	cr_assert_eq(err.code, CK_EINVAL);
	o.dialect = CK_DIALECT_COUNT;
	cr_assert_null(ck_store_open_file("x", &o, &err));
	cr_assert_eq(err.code, CK_EINVAL);
	cr_assert_null(ck_store_list_host("/", CK_DIALECT_COUNT, 0, &err));
	cr_assert_eq(err.code, CK_EINVAL);
	ck_store_free(NULL);
	ck_store_list_free(NULL);
}

/* ---- the real crontab(1), for a throwaway user ---- */

static char real_user[32];

static int
run(char *const argv[], const char *out_path)
{
	pid_t pid;
	int st, fd;

	if ((pid = fork()) == 0) {
		fd = open(out_path ? out_path : "/dev/null",
		    O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(fd, 1);
		dup2(fd, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static void
del_user(void)
{
	char *rm[] = { "crontab", "-u", real_user, "-r", NULL };
	char *del[] = { "userdel", real_user, NULL };

	if (real_user[0] != '\0') {
		run(rm, NULL);
		run(del, NULL);
	}
	teardown();
}

static void
add_user(void)
{
	char *add[] = { "useradd", "-M", "-N", "-s", "/usr/sbin/nologin",
	    real_user, NULL };

	setup();
	if (getuid() != 0 || access("/usr/bin/crontab", X_OK) != 0)
		return;
	snprintf(real_user, sizeof(real_user), "ckst%d", (int)getpid());
	if (run(add, NULL) != 0)
		real_user[0] = '\0';
}

Test(store, real_crontab_round_trip, .init = add_user, .fini = del_user)
{
	static const char text[] = "# cronkeep: a\n0 * * * * echo 'a b'\n"
	    "MAILTO=\"\"\n*/5 * * * * true # tail\n";
	char *rd[] = { "crontab", "-u", real_user, "-l", NULL };
	char *inst[] = { "crontab", "-u", real_user, NULL, NULL };
	char *got;
	ck_store *s;
	ck_error err;

	if (real_user[0] == '\0')
		cr_skip_test("needs root, useradd and crontab(1)");
	s = open_user(real_user, "crontab", 0);
	read_ok(s, "");
	cr_assert(ck_store_was_absent(s));
	write_ok(s, text);
	cr_assert_eq(run(rd, path_of("listed")), 0);
	got = slurp(path_of("listed"));
	cr_assert_str_eq(got, text);
	free(got);
	ck_store_free(s);

	/* Debian's crontab refuses a bad file; the old one stays. */
	s = open_user(real_user, "crontab", 0);
	read_ok(s, text);
	cr_assert_eq(ck_store_write(s, "61 * * * * x\n", 13, &err), -1);
	cr_assert_eq(err.code, CK_ECHILD);
	cr_assert(strstr(err.msg, "bad minute") != NULL, "%s", err.msg);
	cr_assert(strstr(err.msg, "can't install") != NULL, "%s", err.msg);
	cr_assert_eq(count_prefix(dir, "cronkeep."), 0);
	/* A change made with crontab(1) meanwhile is a conflict. */
	put(path_of("theirs"), "1 1 * * * theirs\n", 0644);
	inst[3] = path_of("theirs");
	cr_assert_eq(run(inst, NULL), 0);
	cr_assert_eq(ck_store_write(s, "2 2 * * * mine\n", 15, &err), -1);
	cr_assert_eq(err.code, CK_ECONFLICT, "%s", err.msg);
	cr_assert_eq(run(rd, path_of("listed")), 0);
	got = slurp(path_of("listed"));
	cr_assert_str_eq(got, "1 1 * * * theirs\n");
	free(got);
	ck_store_free(s);

	/* Emptying it is a write like any other. */
	s = open_user(real_user, "crontab", 0);
	read_ok(s, "1 1 * * * theirs\n");
	write_ok(s, "");
	ck_store_free(s);
	s = open_user(real_user, "crontab", 0);
	read_ok(s, "");
	ck_store_free(s);
}

Test(store, real_crontab_unknown_user_is_an_error)
{
	ck_store *s;

	if (getuid() != 0 || access("/usr/bin/crontab", X_OK) != 0)
		cr_skip_test("needs root and crontab(1)");
	s = open_user("ck-no-such-user", "crontab", 0);
	user_read_fails(s, CK_ECHILD, "unknown");
	ck_store_free(s);
}

Test(store, owners_read_once_agree_with_spool_owner)
{
	static const char *const names[] = { "alice", "bob", "carol",
	    "nobody", "root" };
	ck_owners *o;
	ck_error err;
	long u1, g1, u2, g2;
	size_t i;

	cr_assert_eq(mkdir(path_of("etc"), 0755), 0);
	put(path_of("etc/passwd"), "root:x:0:0::/root:/bin/sh\n"
	    "alice:x:1001:1001::/home/alice:/bin/sh\n"
	    "bob:x:1002:1002::/home/bob:/bin/sh\n"
	    "alice:x:2001:2001::/dup:/bin/sh\n"
	    "carol:x:notanumber:1::/:/bin/sh\n", 0644);
	put(path_of("etc/group"), "root:x:0:\ncrontab:x:107:\n", 0644);
	cr_assert_not_null(o = ck_owners_load(dir, &err));
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		int r1 = ck_store_spool_owner(dir, names[i], &u1, &g1);
		int r2 = ck_owners_spool(o, names[i], &u2, &g2);

		cr_assert_eq(r1, r2, "%s", names[i]);
		if (r1 == 0) {
			cr_assert_eq(u1, u2, "%s", names[i]);
			cr_assert_eq(g1, g2, "%s", names[i]);
		}
	}
	/* The first line of a name wins; the crontab group. */
	cr_assert_eq(ck_owners_spool(o, "alice", &u2, &g2), 0);
	cr_assert_eq(u2, 1001);
	cr_assert_eq(g2, 107);
	cr_assert_eq(ck_owners_spool(o, "carol", &u2, &g2), -1);
	cr_assert_eq(ck_owners_spool(o, "nobody", &u2, &g2), -1);
	cr_assert_eq(ck_owners_spool(o, NULL, &u2, &g2), -1);
	ck_owners_free(o);
	ck_owners_free(NULL);
}

/*
 * Without a group crontab (a cronie host), a spool file's group is its
 * user's own, read from etc/group once for all users; without etc/group,
 * root's.  The same answers as ck_store_spool_owner() each time.
 */
Test(store, owners_without_crontab_group)
{
	static const char *const names[] = { "alice", "bob", "root" };
	ck_owners *o;
	ck_error err;
	long u1, g1, u2, g2;
	size_t i;
	int pass;

	cr_assert_eq(mkdir(path_of("etc"), 0755), 0);
	put(path_of("etc/passwd"), "root:x:0:0::/root:/bin/sh\n"
	    "alice:x:1001:1001::/home/alice:/bin/sh\n"
	    "bob:x:1002:1002::/home/bob:/bin/sh\n", 0644);
	for (pass = 0; pass < 2; pass++) {
		if (pass == 0)
			put(path_of("etc/group"), "root:x:0:\nalice:x:1501:\n"
			    "alice:x:1502:\n", 0644);
		else
			cr_assert_eq(unlink(path_of("etc/group")), 0);
		cr_assert_not_null(o = ck_owners_load(dir, &err));
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			cr_assert_eq(ck_store_spool_owner(dir, names[i], &u1,
			    &g1), 0);
			cr_assert_eq(ck_owners_spool(o, names[i], &u2, &g2),
			    0);
			cr_assert_eq(u1, u2, "%s", names[i]);
			cr_assert_eq(g1, g2, "%s (pass %d)", names[i], pass);
		}
		cr_assert_eq(ck_owners_spool(o, "alice", &u2, &g2), 0);
		/* The first line of a group wins; none: 0. */
		cr_assert_eq(g2, pass == 0 ? 1501 : 0);
		cr_assert_eq(ck_owners_spool(o, "bob", &u2, &g2), 0);
		cr_assert_eq(g2, 0);
		ck_owners_free(o);
	}
}
