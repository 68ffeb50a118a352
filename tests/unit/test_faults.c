/* SPDX-License-Identifier: ISC */
/*
 * test_faults.c - the stores when the world breaks: a crontab(1) that
 * exits 127 without a word (what a failed exec looks like where
 * posix_spawn(3) cannot report it), and a file system that fills up
 * during a write (a real 64 KiB tmpfs in a private mount namespace, when
 * run as root).  In every case the old crontab stays byte for byte and
 * the error says what happened.  The CLI side is tests/cli/test_faults.sh.
 */
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

static char dir[256];

static void
setup(void)
{
	strlcpy(dir, "/tmp/ckfault.XXXXXX", sizeof(dir));
	cr_assert_not_null(mkdtemp(dir));
}

static void
teardown(void)
{
	char *argv[] = { "rm", "-rf", dir, NULL };
	pid_t pid;
	int st;

	umount2(dir, MNT_DETACH);
	if ((pid = fork()) == 0) {
		execvp("rm", argv);
		_exit(127);
	}
	waitpid(pid, &st, 0);
}

TestSuite(faults, .init = setup, .fini = teardown, .timeout = 120);

static void
put(const char *path, const char *text, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	cr_assert_neq(fd, -1, "%s: %s", path, strerror(errno));
	cr_assert_eq(write(fd, text, len), (ssize_t)len);
	cr_assert_eq(close(fd), 0);
	cr_assert_eq(chmod(path, mode), 0);
}

static char *
slurp(const char *path, size_t *len)
{
	struct ck_buf b = { 0 };
	char chunk[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	cr_assert_neq(fd, -1, "%s: %s", path, strerror(errno));
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		ck_buf_add(&b, chunk, (size_t)n);
	close(fd);
	ck_buf_addc(&b, '\0');
	*len = b.len - 1;
	return b.p;
}

/* The names in dir, other than . and .., joined by spaces. */
static void
entries(char *out, size_t cap)
{
	struct dirent *de;
	DIR *d = opendir(dir);

	cr_assert_not_null(d);
	out[0] = '\0';
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (out[0] != '\0')
			strlcat(out, " ", cap);
		strlcat(out, de->d_name, cap);
	}
	closedir(d);
}

/*
 * valgrind found it: under valgrind (and with older glibc) posix_spawn(3)
 * cannot report a failed exec, the child exits 127 silently, and the
 * message said only "no message".
 */
Test(faults, silent_exit_127_says_the_program_was_not_found)
{
	ck_store_opts o = CK_STORE_OPTS_INIT;
	char path[300];
	ck_store *s;
	ck_error err;
	char *t = NULL;
	size_t len;

	snprintf(path, sizeof(path), "%s/crontab", dir);
	put(path, "#!/bin/sh\nexit 127\n", 19, 0755);
	o.crontab = path;
	o.tmpdir = dir;
	cr_assert_not_null(s = ck_store_open_user("alice", &o, &err));
	cr_assert_eq(ck_store_read(s, &t, &len, &err), -1);
	cr_expect_eq(err.code, CK_ECHILD);
	cr_expect_eq(err.line, 0);
	cr_expect_eq(err.column, 0);
	cr_expect(strstr(err.msg, "not found") != NULL,
	    "%s", err.msg);
	cr_expect_null(t);
	ck_store_free(s);
}

/*
 * Mount a 64 KiB tmpfs on dir in a namespace of our own (criterion runs
 * each test in its own process, so nothing outside sees it).
 */
static void
small_disk(void)
{
	if (geteuid() != 0)
		cr_skip_test("needs root to mount a small tmpfs");
	if (unshare(CLONE_NEWNS) == -1)
		cr_skip_test("unshare(CLONE_NEWNS): %s", strerror(errno));
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == -1)
		cr_skip_test("cannot make mounts private: %s", strerror(errno));
	if (mount("tmpfs", dir, "tmpfs", 0, "size=64k,mode=0755") == -1)
		cr_skip_test("cannot mount tmpfs: %s", strerror(errno));
}

Test(faults, disk_full_during_a_file_write_keeps_the_old_file)
{
	ck_store_opts o = CK_STORE_OPTS_INIT;
	struct ck_buf old = { 0 }, big = { 0 };
	char path[300], names[1024], *t, *now;
	ck_store *s;
	ck_error err;
	size_t len, i;
	unsigned int flags[] = { 0, CK_STORE_LOCK, CK_STORE_SYSTEM };

	small_disk();
	/* 40 KiB fits once, not twice: the new copy cannot be written. */
	for (i = 0; i < 1000; i++)
		ck_buf_printf(&old, "%zu * * * * /usr/bin/job-%06zu --x\n",
		    i % 60, i);
	cr_assert(old.len > 32768 && old.len < 49152, "%zu", old.len);
	ck_buf_add(&big, old.p, old.len);
	ck_buf_adds(&big, "# cronkeep: new\n0 0 * * * /bin/new\n");
	snprintf(path, sizeof(path), "%s/crontab", dir);
	put(path, old.p, old.len, 0640);
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		o.flags = flags[i];
		cr_assert_not_null(s = ck_store_open_file(path, &o, &err),
		    "%s", err.msg);
		cr_assert_eq(ck_store_read(s, &t, &len, &err), 0, "%s",
		    err.msg);
		free(t);
		memset(&err, 0, sizeof(err));
		cr_expect_eq(ck_store_write(s, big.p, big.len, &err), -1,
		    "a write past the end of the disk succeeded");
		cr_expect_eq(err.code, CK_EIO, "code %d: %s", err.code,
		    err.msg);
		cr_expect_eq(err.sys_errno, ENOSPC, "errno %d: %s",
		    err.sys_errno, err.msg);
		cr_expect(strstr(err.msg, "cannot write") != NULL, "%s",
		    err.msg);
		ck_store_free(s);
		now = slurp(path, &len);
		cr_expect(len == old.len && memcmp(now, old.p, len) == 0,
		    "the old file changed (%zu bytes, was %zu)", len,
		    old.len);
		free(now);
		entries(names, sizeof(names));
		cr_expect_str_eq(names, "crontab", "left behind: %s", names);
	}
	/* Once there is room again, the same write goes through. */
	cr_assert_eq(truncate(path, 0), 0);
	put(path, "0 * * * * a\n", 12, 0640);
	cr_assert_not_null(s = ck_store_open_file(path, &o, &err));
	cr_expect_eq(ck_store_write(s, big.p, big.len, &err), 0, "%s",
	    err.msg);
	ck_store_free(s);
	ck_buf_free(&old);
	ck_buf_free(&big);
}
