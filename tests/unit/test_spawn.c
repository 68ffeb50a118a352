/* SPDX-License-Identifier: ISC */
/*
 * test_spawn.c - the one spawner (src/lib/spawn.c): both ways of starting
 * (posix_spawn, and fork when cwd, umask or ids ask for it), the standard
 * descriptors, a timeout that kills the whole group, standard input text,
 * a program that is not there, merged output in order, limits, streaming
 * and the descriptor a child keeps.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "ck_spawn.h"

/*
 * valgrind runs a posix_spawn'd child through a fork of its own: a failed
 * exec comes back as a silent exit 127, not as posix_spawn's error.
 */
static bool
under_valgrind(void)
{
	const char *p = getenv("LD_PRELOAD");

	return getenv("CK_VALGRIND") != NULL ||
	    (p != NULL && strstr(p, "vgpreload") != NULL);
}

/* sh -c SCRIPT, output captured; fork: started by fork(2). */
static void
sh(struct ck_spawn *sp, char **argv, const char *script, bool fork_)
{
	memset(sp, 0, sizeof(*sp));
	argv[0] = "/bin/sh";
	argv[1] = "-c";
	argv[2] = (char *)script;
	argv[3] = NULL;
	sp->argv = argv;
	sp->out = CK_SPAWN_PIPE;
	sp->err = CK_SPAWN_PIPE;
	if (fork_)
		sp->cwd = "/";
}

Test(spawn, captures_both_outputs_apart, .timeout = 20)
{
	struct ck_spawn sp;
	char *argv[4];
	ck_error err;
	int f;

	for (f = 0; f < 2; f++) {
		sh(&sp, argv, "echo a; echo b >&2; echo c; exit 3", f);
		cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
		cr_expect(WIFEXITED(sp.status));
		cr_expect_eq(WEXITSTATUS(sp.status), 3);
		cr_expect_str_eq(sp.out_sink.text, "a\nc\n");
		cr_expect_eq(sp.out_sink.len, 4);
		cr_expect_str_eq(sp.err_sink.text, "b\n");
		cr_expect_not(sp.timed_out);
		ck_spawn_clear(&sp);
	}
}

Test(spawn, merges_stderr_into_stdout_in_order, .timeout = 20)
{
	struct ck_spawn sp;
	char *argv[4];
	ck_error err;
	int f;

	for (f = 0; f < 2; f++) {
		/* Many small writes, alternating: one pipe keeps the order. */
		sh(&sp, argv, "for i in 1 2 3 4 5 6 7 8 9; do echo o$i; "
		    "echo e$i >&2; done", f);
		sp.err = CK_SPAWN_STDOUT;
		cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
		cr_expect_str_eq(sp.out_sink.text, "o1\ne1\no2\ne2\no3\ne3\n"
		    "o4\ne4\no5\ne5\no6\ne6\no7\ne7\no8\ne8\no9\ne9\n");
		cr_expect_null(sp.err_sink.text);
		ck_spawn_clear(&sp);
	}
}

Test(spawn, stdin_text_reaches_the_child, .timeout = 20)
{
	struct ck_spawn sp;
	char *argv[4], *big;
	ck_error err;
	size_t n = 300000;
	int f;

	for (f = 0; f < 2; f++) {
		sh(&sp, argv, "cat", f);
		sp.in = CK_SPAWN_PIPE;
		sp.in_text = "hello\nworld";
		sp.in_len = 11;
		cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
		cr_expect_str_eq(sp.out_sink.text, "hello\nworld");
		ck_spawn_clear(&sp);
	}
	/* More than a pipe holds, both ways at once: no deadlock. */
	big = malloc(n);
	memset(big, 'y', n);
	sh(&sp, argv, "cat", false);
	sp.in = CK_SPAWN_PIPE;
	sp.in_text = big;
	sp.in_len = n;
	cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
	cr_expect_eq(sp.out_sink.len, n);
	cr_expect_eq(memcmp(sp.out_sink.text, big, n), 0);
	ck_spawn_clear(&sp);
	/* A child that never reads it: no SIGPIPE for us. */
	sh(&sp, argv, "exec 0<&-; echo done", false);
	sp.in = CK_SPAWN_PIPE;
	sp.in_text = big;
	sp.in_len = n;
	cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
	cr_expect_str_eq(sp.out_sink.text, "done\n");
	ck_spawn_clear(&sp);
	free(big);
	/* No text: EOF at once; /dev/null is EOF too. */
	sh(&sp, argv, "wc -c", false);
	sp.in = CK_SPAWN_PIPE;
	cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
	cr_expect_eq(atoi(sp.out_sink.text), 0);
	ck_spawn_clear(&sp);
	sh(&sp, argv, "wc -c", false);
	sp.in = CK_SPAWN_DEVNULL;
	sp.err = CK_SPAWN_DEVNULL;
	cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
	cr_expect_eq(atoi(sp.out_sink.text), 0);
	ck_spawn_clear(&sp);
}

Test(spawn, timeout_kills_the_whole_group, .timeout = 30)
{
	struct ck_spawn sp;
	char *argv[4];
	ck_error err;
	int f;

	for (f = 0; f < 2; f++) {
		/* The background sleep holds the output pipe: the run ends
		 * well before the give-up second only when the kill reached
		 * the whole group. */
		sh(&sp, argv, "sleep 30 & sleep 30", f);
		sp.new_pgroup = true;
		sp.timeout_ms = 300;
		sp.kill_grace_ms = 300;
		cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
		cr_expect(sp.timed_out);
		cr_expect(WIFSIGNALED(sp.status));
		cr_expect_eq(WTERMSIG(sp.status), SIGTERM);
		cr_expect_geq(sp.duration_ms, 300);
		cr_expect_lt(sp.duration_ms, 1500, "%llu ms", sp.duration_ms);
		ck_spawn_clear(&sp);
	}
	/* One that ignores SIGTERM gets SIGKILL after the grace. */
	sh(&sp, argv, "trap '' TERM; echo armed; while :; do sleep 1; done",
	    false);
	sp.new_session = true;
	sp.timeout_ms = 200;
	sp.kill_grace_ms = 200;
	cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
	cr_expect(sp.timed_out);
	cr_expect_eq(WTERMSIG(sp.status), SIGKILL);
	cr_expect_str_eq(sp.out_sink.text, "armed\n");
	cr_expect_geq(sp.duration_ms, 400);
	ck_spawn_clear(&sp);
	/* No grace: SIGKILL at once. */
	sh(&sp, argv, "sleep 30", false);
	sp.new_pgroup = true;
	sp.timeout_ms = 100;
	cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
	cr_expect(sp.timed_out);
	cr_expect_eq(WTERMSIG(sp.status), SIGKILL);
	ck_spawn_clear(&sp);
}

Test(spawn, gives_up_on_output_held_outside_the_group, .timeout = 20)
{
	struct ck_spawn sp;
	char *argv[4];
	ck_error err;

	if (access("/usr/bin/setsid", X_OK) != 0)
		cr_skip_test("no setsid(1)");
	sh(&sp, argv, "/usr/bin/setsid sleep 4 & echo bye", false);
	sp.new_pgroup = true;
	sp.timeout_ms = 200;
	sp.kill_grace_ms = 200;
	cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
	cr_expect(WIFEXITED(sp.status));
	cr_expect(sp.timed_out);
	cr_expect_str_eq(sp.out_sink.text, "bye\n");
	cr_expect_geq(sp.duration_ms, 1400);
	cr_expect_lt(sp.duration_ms, 3500);
	ck_spawn_clear(&sp);
}

Test(spawn, a_missing_program_is_an_error, .timeout = 20)
{
	char *argv[] = { "/nonexistent/ck-prog", NULL };
	char *bare[] = { "ck-no-such-program", NULL };
	struct ck_spawn sp;
	ck_error err;
	int f;

	for (f = under_valgrind() ? 1 : 0; f < 2; f++) {
		memset(&sp, 0, sizeof(sp));
		sp.argv = argv;
		sp.out = CK_SPAWN_PIPE;
		if (f)
			sp.cwd = "/";
		cr_assert_eq(ck_spawn_run(&sp, &err), -1);
		cr_expect_eq(err.code, CK_ECHILD);
		cr_expect_eq(err.sys_errno, ENOENT);
		cr_expect_eq(sp.stage, CK_SPAWN_AT_EXEC);
		cr_expect(strstr(err.msg, "program not found") != NULL, "%s",
		    err.msg);
		cr_expect_eq(sp.pid, -1);
		cr_expect_null(sp.out_sink.text);
		/* In PATH. */
		sp.argv = bare;
		sp.search_path = true;
		cr_assert_eq(ck_spawn_run(&sp, &err), -1);
		cr_expect_eq(err.sys_errno, ENOENT);
		cr_expect_eq(sp.stage, CK_SPAWN_AT_EXEC);
	}
	/* Found in PATH, not without the search. */
	bare[0] = "true";
	memset(&sp, 0, sizeof(sp));
	sp.argv = bare;
	sp.search_path = true;
	cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
	cr_expect_eq(sp.status, 0);
	sp.search_path = false;
	if (!under_valgrind())
		cr_assert_eq(ck_spawn_run(&sp, &err), -1);
	/* A directory that is not there. */
	memset(&sp, 0, sizeof(sp));
	bare[0] = "/bin/true";
	sp.argv = bare;
	sp.cwd = "/nonexistent/ck";
	cr_assert_eq(ck_spawn_run(&sp, &err), -1);
	cr_expect_eq(err.code, CK_ECHILD);
	cr_expect_eq(err.sys_errno, ENOENT);
	cr_expect_eq(sp.stage, CK_SPAWN_AT_CHDIR);
	/* Nothing to run. */
	memset(&sp, 0, sizeof(sp));
	cr_assert_eq(ck_spawn_run(&sp, &err), -1);
	cr_expect_eq(err.code, CK_EINVAL);
}

Test(spawn, limits_what_it_keeps, .timeout = 20)
{
	struct ck_spawn sp;
	char *argv[4];
	ck_error err;

	sh(&sp, argv, "head -c 100000 /dev/zero; echo e >&2", false);
	sp.out_sink.max = 1000;
	cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
	cr_expect_eq(sp.out_sink.len, 1000);
	cr_expect(sp.out_sink.truncated);
	cr_expect_eq(sp.out_sink.total, 100000);
	cr_expect_str_eq(sp.err_sink.text, "e\n");
	ck_spawn_clear(&sp);
	/* Over a max that fails: an error, the child killed. */
	sh(&sp, argv, "head -c 100000 /dev/zero; sleep 30", false);
	sp.new_pgroup = true;
	sp.out_sink.max = 1000;
	sp.out_sink.over_fails = true;
	cr_assert_eq(ck_spawn_run(&sp, &err), -1);
	cr_expect_eq(err.code, CK_ERANGE);
	cr_expect(strstr(err.msg, "printed more than 1000 bytes") != NULL,
	    "%s", err.msg);
	cr_expect_null(sp.out_sink.text);
}

struct seen {
	char	buf[256];
	size_t	len;
	int	calls;
};

static void
collect(void *arg, const char *p, size_t n)
{
	struct seen *s = arg;

	if (n > sizeof(s->buf) - 1 - s->len)
		n = sizeof(s->buf) - 1 - s->len;
	memcpy(s->buf + s->len, p, n);
	s->len += n;
	s->buf[s->len] = '\0';
	s->calls++;
}

Test(spawn, streams_output_to_a_callback, .timeout = 20)
{
	struct seen s = { .len = 0 };
	struct ck_spawn sp;
	char *argv[4];
	ck_error err;

	sh(&sp, argv, "echo one; sleep 0.2; echo two >&2", false);
	sp.err = CK_SPAWN_STDOUT;
	sp.out_sink.fn = collect;
	sp.out_sink.arg = &s;
	cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
	cr_expect_str_eq(s.buf, "one\ntwo\n");
	cr_expect_geq(s.calls, 2);
	cr_expect_eq(sp.out_sink.total, 8);
	cr_expect_null(sp.out_sink.text);
	ck_spawn_clear(&sp);
}

Test(spawn, keeps_only_the_descriptor_it_is_told, .timeout = 20)
{
	char path[] = "/tmp/ck-spawn.XXXXXX", script[160], back[64];
	struct ck_spawn sp;
	char *argv[4];
	ck_error err;
	int fd, other, f;
	ssize_t n;

	if (access("/proc/self/fd", F_OK) != 0)
		cr_skip_test("no /proc");
	cr_assert_geq(fd = mkostemp(path, O_CLOEXEC), 0);
	cr_assert_geq(other = open("/dev/null", O_RDONLY | O_CLOEXEC), 0);
	unlink(path);
	for (f = 0; f < 2; f++) {
		/* dash takes one digit after >&: /proc/$$/fd instead. */
		snprintf(script, sizeof(script), "echo kept >> /proc/$$/fd/%d; "
		    "[ -e /proc/$$/fd/%d ] || echo closed", fd, other);
		sh(&sp, argv, script, f);
		sp.keep_fd = fd;
		cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
		cr_expect_str_eq(sp.out_sink.text, "closed\n");
		cr_expect_str_eq(sp.err_sink.text, "");
		ck_spawn_clear(&sp);
		/* Still close-on-exec here. */
		cr_expect_eq(fcntl(fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	}
	n = pread(fd, back, sizeof(back) - 1, 0);
	cr_assert_eq(n, 10);
	back[n] = '\0';
	cr_expect_str_eq(back, "kept\nkept\n");
	/* close_fds closes what is not close-on-exec, but not keep_fd. */
	cr_assert_eq(fcntl(other, F_SETFD, 0), 0);
	snprintf(script, sizeof(script), "[ -e /proc/$$/fd/%d ] || "
	    "echo closed; echo kept >> /proc/$$/fd/%d", other, fd);
	sh(&sp, argv, script, false);
	sp.keep_fd = fd;
	sp.close_fds = true;
	cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
	cr_expect_str_eq(sp.out_sink.text, "closed\n");
	ck_spawn_clear(&sp);
	cr_expect_eq(pread(fd, back, sizeof(back), 0), 15);
	close(other);
	close(fd);
}

Test(spawn, process_group_signals_umask, .timeout = 20)
{
	char *argv[] = { "/bin/sleep", "5", NULL }, *av[4];
	struct sigaction sa, old;
	struct ck_spawn sp;
	sigset_t def;
	ck_error err;

	memset(&sp, 0, sizeof(sp));
	sp.argv = argv;
	sp.new_pgroup = true;
	cr_assert_eq(ck_spawn_start(&sp, &err), 0, "%s", err.msg);
	cr_expect_eq(getpgid(sp.pid), sp.pid);
	kill(-sp.pid, SIGTERM);
	cr_assert_eq(ck_spawn_wait(&sp, &err), 0, "%s", err.msg);
	cr_expect_eq(WTERMSIG(sp.status), SIGTERM);
	/* An ignored signal: ignored in the child unless made default. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR2, &sa, &old);
	sh(&sp, av, "kill -USR2 $$; echo survived", false);
	cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
	cr_expect_str_eq(sp.out_sink.text, "survived\n");
	ck_spawn_clear(&sp);
	sigemptyset(&def);
	sigaddset(&def, SIGUSR2);
	sh(&sp, av, "kill -USR2 $$; echo survived", false);
	sp.sig_default = &def;
	cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
	cr_expect(WIFSIGNALED(sp.status));
	cr_expect_eq(WTERMSIG(sp.status), SIGUSR2);
	ck_spawn_clear(&sp);
	sigaction(SIGUSR2, &old, NULL);
	/* umask (the fork path). */
	sh(&sp, av, "umask", false);
	sp.set_umask = true;
	sp.umask = 027;
	cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
	cr_expect_str_eq(sp.out_sink.text, "0027\n");
	ck_spawn_clear(&sp);
}

Test(spawn, environment_is_given_or_ours, .timeout = 20)
{
	char *env[] = { "CK_SPAWN_T=given", NULL };
	struct ck_spawn sp;
	char *argv[4];
	ck_error err;
	int f;

	setenv("CK_SPAWN_T", "ours", 1);
	for (f = 0; f < 2; f++) {
		sh(&sp, argv, "echo $CK_SPAWN_T", f);
		cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
		cr_expect_str_eq(sp.out_sink.text, "ours\n");
		ck_spawn_clear(&sp);
		sh(&sp, argv, "echo $CK_SPAWN_T", f);
		sp.envp = env;
		cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
		cr_expect_str_eq(sp.out_sink.text, "given\n");
		ck_spawn_clear(&sp);
	}
}

/*
 * A file without "#!" found in PATH runs as a /bin/sh script, as with
 * execvp(3) (glibc's posix_spawnp gives ENOEXEC instead).
 */
Test(spawn, runs_a_script_without_a_shebang_like_execvp, .timeout = 20)
{
	char dir[] = "/tmp/ck-spawn.XXXXXX", file[64], path[512];
	char *argv[] = { "ck-nosb", "a b", NULL }, *byname[3];
	const char *old = getenv("PATH");
	struct ck_spawn sp;
	ck_error err;
	FILE *f;
	int k;

	if (under_valgrind())
		cr_skip_test("valgrind hides posix_spawn's errno");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/ck-nosb", dir);
	cr_assert_not_null(f = fopen(file, "w"));
	fputs("echo \"[$1]\"\n", f);
	fclose(f);
	cr_assert_eq(chmod(file, 0755), 0);
	snprintf(path, sizeof(path), "/nonexistent:%s:%s", dir,
	    old != NULL ? old : "/usr/bin:/bin");
	setenv("PATH", path, 1);
	for (k = 0; k < 2; k++) {
		memset(&sp, 0, sizeof(sp));
		byname[0] = k == 0 ? argv[0] : file;
		byname[1] = argv[1];
		byname[2] = NULL;
		sp.argv = byname;
		sp.search_path = true;
		sp.out = CK_SPAWN_PIPE;
		cr_assert_eq(ck_spawn_run(&sp, &err), 0, "%s", err.msg);
		cr_expect_eq(sp.status, 0);
		cr_expect_str_eq(sp.out_sink.text, "[a b]\n");
		ck_spawn_clear(&sp);
	}
	/* Without the search: execve's answer. */
	memset(&sp, 0, sizeof(sp));
	byname[0] = file;
	sp.argv = byname;
	cr_assert_eq(ck_spawn_run(&sp, &err), -1);
	cr_expect_eq(err.sys_errno, ENOEXEC);
	unlink(file);
	rmdir(dir);
}
