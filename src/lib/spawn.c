/* SPDX-License-Identifier: ISC */
/*
 * spawn.c - start a child process from an argument vector and wait for
 * it: the one place that does (spawn.h).
 *
 * posix_spawn(3) starts it when it can: the standard descriptors are file
 * actions (a pipe's end dup2'd onto 0, 1 or 2, /dev/null opened, 2 made a
 * copy of 1), the process group or session and the default signals are
 * attributes, and a descriptor the child keeps is dup2'd onto itself,
 * which clears its close-on-exec flag (POSIX.1-2024; glibc since 2.29).
 * A child that must close every inherited descriptor or change its umask,
 * ids or directory (run.c's jobs) is started with fork(2) and takes those
 * steps itself, in cron's order, telling the parent through an error pipe
 * (close-on-exec) where it failed.  Only async-signal-safe calls happen
 * between fork and exec, except execvpe(3) in the rare PATH case.
 *
 * The wait is one poll(2) loop: it writes the standard input's text, reads
 * the piped outputs (so neither can fill up and block the other), reaps
 * the child, and applies the timeout: SIGTERM to the child's group, SIGKILL
 * after the grace, then at most one more second for output held open by
 * processes that left the group.
 */
/* close_range(2), execvpe(3), pipe2(2), POSIX_SPAWN_SETSID. */
#define _GNU_SOURCE

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "ck_spawn.h"

extern char **environ;

#define CHUNK		65536	/* bytes read at a time */
#define GIVE_UP_MS	1000	/* after SIGKILL, for output held elsewhere */
#define NAP_MAX_MS	10	/* polling for the exit of a child */

/* posix_spawn_file_actions_adddup2(fd, fd) clears FD_CLOEXEC. */
#if defined(__GLIBC__) && (__GLIBC__ > 2 || \
    (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 29))
#define HAVE_DUP2_SELF	1
#endif

static const char *const stage_msg[] = {
	[CK_SPAWN_AT_NONE] = "cannot start a child",
	[CK_SPAWN_AT_SETUP] = "cannot prepare a child",
	[CK_SPAWN_AT_SESSION] = "cannot start a new session",
	[CK_SPAWN_AT_FDS] = "cannot set up standard input and output",
	[CK_SPAWN_AT_CLOSE] = "cannot close the inherited descriptors",
	[CK_SPAWN_AT_GROUPS] = "cannot set the supplementary groups",
	[CK_SPAWN_AT_GID] = "cannot set the group id",
	[CK_SPAWN_AT_UID] = "cannot set the user id",
	[CK_SPAWN_AT_CHDIR] = "cannot change to the directory",
	[CK_SPAWN_AT_EXEC] = "cannot run",
};

static unsigned long long
now_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) == -1)
		return 0;
	return (unsigned long long)ts.tv_sec * 1000u +
	    (unsigned long long)ts.tv_nsec / 1000000u;
}

/* A start that failed: err, sp->stage.  @return -1. */
static int
start_failed(struct ck_spawn *sp, enum ck_spawn_stage stage, int e,
    ck_error *err)
{
	sp->stage = stage;
	switch (stage) {
	case CK_SPAWN_AT_EXEC:
		return ck_error_sys(err, CK_ECHILD, e, "cannot run %s: %s",
		    sp->argv[0], e == ENOENT ? "program not found" :
		    e == EACCES ? "permission denied" : strerror(e));
	case CK_SPAWN_AT_CHDIR:
		return ck_error_sys(err, CK_ECHILD, e, "%s %s",
		    stage_msg[stage], sp->cwd);
	case CK_SPAWN_AT_SETUP:
		if (e == ENOMEM)
			return ck_error_oom(err);
		return ck_error_sys(err, CK_EIO, e, "%s %s: %s",
		    stage_msg[stage], sp->argv[0], strerror(e));
	default:
		return ck_error_sys(err, CK_ECHILD, e, "%s",
		    stage_msg[stage]);
	}
}

/*
 * Move fd above the standard descriptors (close-on-exec), so that the
 * child's dup2() onto 0, 1 or 2 never meets the same descriptor.
 * @return the descriptor, or -1 (fd closed, errno set).
 */
static int
fd_high(int fd)
{
	int nfd, e;

	if (fd > STDERR_FILENO)
		return fd;
	nfd = fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
	e = errno;
	close(fd);
	errno = e;
	return nfd;
}

/* A close-on-exec pipe with both ends above 2.  @return 0 or -1. */
static int
pipe_high(int p[2])
{
	int e;

	if (pipe2(p, O_CLOEXEC) == -1)
		return -1;
	if ((p[0] = fd_high(p[0])) == -1 || (p[1] = fd_high(p[1])) == -1) {
		e = errno;
		if (p[0] != -1)
			close(p[0]);
		else
			close(p[1]);
		p[0] = p[1] = -1;
		errno = e;
		return -1;
	}
	return 0;
}

static void
close_fd(int *fd)
{
	if (*fd != -1) {
		close(*fd);
		*fd = -1;
	}
}

/* ---- posix_spawn(3) ---- */

/*
 * The file execvp(3) would run for name: name itself when it has a '/',
 * else the first executable regular file in $PATH (unset: "/bin:/usr/bin",
 * an empty entry: the current directory).  @return 0 or -1.
 */
static int
path_find(const char *name, char *buf, size_t size)
{
	const char *path, *p, *end;
	struct stat st;
	size_t dlen;
	int n;

	if (strchr(name, '/') != NULL)
		return ck_fmt(buf, size, "%s", name) < (int)size ? 0 : -1;
	if ((path = getenv("PATH")) == NULL)
		path = "/bin:/usr/bin";
	for (p = path; ; p = end + 1) {
		if ((end = strchr(p, ':')) == NULL)
			end = p + strlen(p);
		dlen = (size_t)(end - p);
		n = dlen == 0 ? ck_fmt(buf, size, "%s", name) :
		    ck_fmt(buf, size, "%.*s/%s", (int)dlen, p, name);
		if (n >= 0 && (size_t)n < size && access(buf, X_OK) == 0 &&
		    stat(buf, &st) == 0 && S_ISREG(st.st_mode))
			return 0;
		if (*end == '\0')
			return -1;
	}
}

/*
 * posix_spawnp(3) found a file that is not an executable image (ENOEXEC):
 * run it as execvp(3) would, as a script of /bin/sh ({ "/bin/sh", FILE,
 * ARG... }; glibc's posix_spawnp does not).  @return posix_spawn's result,
 * or e when there is no such file.
 */
static int
spawn_script(struct ck_spawn *sp, const posix_spawn_file_actions_t *fa,
    const posix_spawnattr_t *attr, char *const *envp, int e)
{
	char file[PATH_MAX], **argv;
	size_t n = 0, i;

	if (path_find(sp->argv[0], file, sizeof(file)) == -1)
		return e;
	while (sp->argv[n] != NULL)
		n++;
	if ((argv = reallocarray(NULL, n + 2, sizeof(*argv))) == NULL)
		return ENOMEM;
	argv[0] = "/bin/sh";
	argv[1] = file;
	for (i = 1; i <= n; i++)
		argv[i + 1] = sp->argv[i];
	e = posix_spawn(&sp->pid, "/bin/sh", fa, attr, argv, envp);
	free(argv);
	return e;
}

static int
start_spawn(struct ck_spawn *sp, const int ch[3], char *const *envp,
    ck_error *err)
{
	const enum ck_spawn_fd mode[3] = { sp->in, sp->out, sp->err };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t none;
	short flags = 0;
	int e, i;

	if ((e = posix_spawn_file_actions_init(&fa)) != 0)
		return start_failed(sp, CK_SPAWN_AT_SETUP, e, err);
	if ((e = posix_spawnattr_init(&attr)) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		return start_failed(sp, CK_SPAWN_AT_SETUP, e, err);
	}
	for (i = 0; i < 3 && e == 0; i++) {
		if (mode[i] == CK_SPAWN_DEVNULL)
			e = posix_spawn_file_actions_addopen(&fa, i,
			    "/dev/null", i == 0 ? O_RDONLY : O_WRONLY, 0);
		else if (mode[i] == CK_SPAWN_PIPE)
			e = posix_spawn_file_actions_adddup2(&fa, ch[i], i);
		else if (mode[i] == CK_SPAWN_STDOUT && i == STDERR_FILENO)
			e = posix_spawn_file_actions_adddup2(&fa,
			    STDOUT_FILENO, STDERR_FILENO);
	}
	if (e == 0 && sp->keep_fd > STDERR_FILENO)
		e = posix_spawn_file_actions_adddup2(&fa, sp->keep_fd,
		    sp->keep_fd);
#ifdef POSIX_SPAWN_SETSID
	if (sp->new_session)
		flags |= POSIX_SPAWN_SETSID;
	else
#endif
	if (sp->new_pgroup) {
		flags |= POSIX_SPAWN_SETPGROUP;
		if (e == 0)
			e = posix_spawnattr_setpgroup(&attr, 0);
	}
	if (e == 0 && sp->sig_default != NULL) {
		flags |= POSIX_SPAWN_SETSIGDEF;
		e = posix_spawnattr_setsigdefault(&attr, sp->sig_default);
	}
	if (e == 0 && sp->sig_unblock) {
		flags |= POSIX_SPAWN_SETSIGMASK;
		sigemptyset(&none);
		e = posix_spawnattr_setsigmask(&attr, &none);
	}
	if (e == 0)
		e = posix_spawnattr_setflags(&attr, flags);
	if (e != 0) {
		posix_spawn_file_actions_destroy(&fa);
		posix_spawnattr_destroy(&attr);
		return start_failed(sp, CK_SPAWN_AT_SETUP, e, err);
	}
	if (sp->search_path) {
		e = posix_spawnp(&sp->pid, sp->argv[0], &fa, &attr,
		    sp->argv, envp);
		if (e == ENOEXEC)
			e = spawn_script(sp, &fa, &attr, envp, e);
	} else
		e = posix_spawn(&sp->pid, sp->argv[0], &fa, &attr, sp->argv,
		    envp);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	if (e != 0) {
		sp->pid = -1;
		return start_failed(sp, CK_SPAWN_AT_EXEC, e, err);
	}
	return 0;
}

/* ---- fork(2) ---- */

/* In the child: report where it failed, then leave. */
static void
child_fail(int fd, int stage, int e)
{
	int msg[2] = { stage, e };
	ssize_t r;

	r = write(fd, msg, sizeof(msg));
	(void)r;
	_exit(127);
}

/*
 * In the child: close every descriptor above 2 but a and b (0: none), as
 * cron does before it runs a job: whatever the caller had open must not
 * reach a job that may run as someone else.  close_range(2), else a loop
 * up to the descriptor limit.  @return 0 or -1 (errno set).
 */
static int
close_above_stderr(int a, int b)
{
	struct rlimit rl;
	int keep[2] = { a < b ? a : b, a < b ? b : a };
	long fd, max;

#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 34)
	{
		unsigned int from = STDERR_FILENO + 1;
		int i;

		for (i = 0; i < 2; i++) {
			if (keep[i] < (int)from)
				continue;
			if ((unsigned int)keep[i] > from && close_range(from,
			    (unsigned int)keep[i] - 1, 0) == -1)
				goto loop;
			from = (unsigned int)keep[i] + 1;
		}
		if (close_range(from, ~0U, 0) == 0)
			return 0;
loop:
		if (errno != ENOSYS && errno != EINVAL)
			return -1;
	}
#endif
	max = getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
	    rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < 1048576 ?
	    (long)rl.rlim_cur : 1048576;
	for (fd = STDERR_FILENO + 1; fd < max; fd++)
		if (fd != keep[0] && fd != keep[1])
			(void)close((int)fd);
	return 0;
}

/* In the child, after fork(2): never returns. */
static void
child(const struct ck_spawn *sp, const int ch[3], int ep, char *const *envp)
{
	const enum ck_spawn_fd mode[3] = { sp->in, sp->out, sp->err };
	struct sigaction sa;
	sigset_t none;
	int sig, i, fd;

	if (sp->sig_default != NULL) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = SIG_DFL;
		sigemptyset(&sa.sa_mask);
		for (sig = 1; sig < NSIG; sig++)
			if (sig != SIGKILL && sig != SIGSTOP &&
			    sigismember(sp->sig_default, sig) == 1)
				(void)sigaction(sig, &sa, NULL);
	}
	if (sp->sig_unblock) {
		sigemptyset(&none);
		(void)sigprocmask(SIG_SETMASK, &none, NULL);
	}
	if (sp->new_session ? setsid() == -1 :
	    sp->new_pgroup && setpgid(0, 0) == -1)
		child_fail(ep, CK_SPAWN_AT_SESSION, errno);
	for (i = 0; i < 3; i++) {
		if (mode[i] == CK_SPAWN_DEVNULL) {
			if ((fd = open("/dev/null", i == 0 ? O_RDONLY :
			    O_WRONLY)) == -1)
				child_fail(ep, CK_SPAWN_AT_FDS, errno);
			if (fd != i && (dup2(fd, i) == -1 || close(fd) == -1))
				child_fail(ep, CK_SPAWN_AT_FDS, errno);
		} else if (mode[i] == CK_SPAWN_PIPE) {
			if (dup2(ch[i], i) == -1)
				child_fail(ep, CK_SPAWN_AT_FDS, errno);
		} else if (mode[i] == CK_SPAWN_STDOUT && i == STDERR_FILENO) {
			if (dup2(STDOUT_FILENO, STDERR_FILENO) == -1)
				child_fail(ep, CK_SPAWN_AT_FDS, errno);
		}
	}
	if (sp->close_fds && close_above_stderr(ep, sp->keep_fd >
	    STDERR_FILENO ? sp->keep_fd : 0) == -1)
		child_fail(ep, CK_SPAWN_AT_CLOSE, errno);
	if (sp->keep_fd > STDERR_FILENO && fcntl(sp->keep_fd, F_SETFD, 0) == -1)
		child_fail(ep, CK_SPAWN_AT_FDS, errno);
	if (sp->set_umask)
		(void)umask(sp->umask);
	if (sp->set_ids) {
		if (setgroups(sp->ngroups, sp->groups) == -1)
			child_fail(ep, CK_SPAWN_AT_GROUPS, errno);
		if (setgid(sp->gid) == -1)
			child_fail(ep, CK_SPAWN_AT_GID, errno);
		if (setuid(sp->uid) == -1)
			child_fail(ep, CK_SPAWN_AT_UID, errno);
	}
	if (sp->cwd != NULL && chdir(sp->cwd) == -1)
		child_fail(ep, CK_SPAWN_AT_CHDIR, errno);
	if (sp->search_path)
		execvpe(sp->argv[0], sp->argv, envp);
	else
		execve(sp->argv[0], sp->argv, envp);
	child_fail(ep, CK_SPAWN_AT_EXEC, errno);
}

static int
start_fork(struct ck_spawn *sp, const int ch[3], char *const *envp,
    ck_error *err)
{
	int ep[2], msg[2], e;
	ssize_t r;

	if (pipe_high(ep) == -1)
		return start_failed(sp, CK_SPAWN_AT_SETUP, errno, err);
	if ((sp->pid = fork()) == -1) {
		e = errno;
		close(ep[0]);
		close(ep[1]);
		return start_failed(sp, CK_SPAWN_AT_SETUP, e, err);
	}
	if (sp->pid == 0)
		child(sp, ch, ep[1], envp);
	close(ep[1]);
	do
		r = read(ep[0], msg, sizeof(msg));
	while (r == -1 && errno == EINTR);
	close(ep[0]);
	if (r != (ssize_t)sizeof(msg))
		return 0;		/* EOF: the exec happened */
	while (waitpid(sp->pid, NULL, 0) == -1 && errno == EINTR)
		;
	sp->pid = -1;
	if (msg[0] <= CK_SPAWN_AT_SETUP || msg[0] > CK_SPAWN_AT_EXEC)
		msg[0] = CK_SPAWN_AT_NONE;
	return start_failed(sp, (enum ck_spawn_stage)msg[0], msg[1], err);
}

/* ---- starting ---- */

static void
sink_reset(struct ck_spawn_sink *s)
{
	s->text = NULL;
	s->len = 0;
	s->total = 0;
	s->truncated = false;
}

/* What posix_spawn(3) cannot do here. */
static bool
needs_fork(const struct ck_spawn *sp)
{
	if (sp->close_fds || sp->set_umask || sp->set_ids || sp->cwd != NULL)
		return true;
#ifndef POSIX_SPAWN_SETSID
	if (sp->new_session)
		return true;
#endif
#ifndef HAVE_DUP2_SELF
	if (sp->keep_fd > STDERR_FILENO)
		return true;
#endif
	return false;
}

int
ck_spawn_start(struct ck_spawn *sp, ck_error *err)
{
	const enum ck_spawn_fd mode[3] = { sp->in, sp->out, sp->err };
	int p[3][2] = { { -1, -1 }, { -1, -1 }, { -1, -1 } };
	int ch[3] = { -1, -1, -1 }, i, e, rc;
	char *const *envp = sp->envp != NULL ? sp->envp : environ;

	sp->pid = -1;
	sp->stage = CK_SPAWN_AT_NONE;
	sp->status = 0;
	sp->timed_out = false;
	sp->duration_ms = 0;
	sp->fd_in = sp->fd_out = sp->fd_err = -1;
	sp->started = false;
	sink_reset(&sp->out_sink);
	sink_reset(&sp->err_sink);
	if (sp->argv == NULL || sp->argv[0] == NULL)
		return ck_error_set(err, CK_EINVAL, 0, 0, "nothing to run");
	for (i = 0; i < 3; i++) {
		if (mode[i] != CK_SPAWN_PIPE)
			continue;
		if (pipe_high(p[i]) == -1) {
			e = errno;
			start_failed(sp, CK_SPAWN_AT_SETUP, e, err);
			goto fail;
		}
		/* The child's end: read end for stdin, write end else. */
		ch[i] = p[i][i == 0 ? 0 : 1];
	}
	sp->duration_ms = now_ms();
	if (needs_fork(sp))
		rc = start_fork(sp, ch, envp, err);
	else
		rc = start_spawn(sp, ch, envp, err);
	if (rc == -1)
		goto fail;
	sp->started = true;
	/* Ours: the other ends, non-blocking. */
	for (i = 0; i < 3; i++) {
		if (mode[i] != CK_SPAWN_PIPE)
			continue;
		close_fd(&p[i][i == 0 ? 0 : 1]);
		(void)fcntl(p[i][i == 0 ? 1 : 0], F_SETFL, O_NONBLOCK);
	}
	sp->fd_in = p[0][1];
	sp->fd_out = p[1][0];
	sp->fd_err = p[2][0];
	return 0;
fail:
	for (i = 0; i < 3; i++) {
		close_fd(&p[i][0]);
		close_fd(&p[i][1]);
	}
	return -1;
}

/* ---- waiting ---- */

/* Signal the child's group (or the child, until it is reaped). */
static void
signal_child(const struct ck_spawn *sp, int sig, bool reaped)
{
	if (sp->new_pgroup || sp->new_session)
		(void)kill(-sp->pid, sig);
	else if (!reaped)
		(void)kill(sp->pid, sig);
}

/*
 * n bytes the child wrote, for sink s.  @return 0, 1 when it went over
 * a max that fails, -1 out of memory.
 */
static int
sink_take(struct ck_spawn_sink *s, struct ck_buf *b, const char *p,
    size_t n)
{
	size_t room;

	s->total += n;
	if (s->fn != NULL) {
		s->fn(s->arg, p, n);
		return 0;
	}
	room = s->max == 0 ? SIZE_MAX : b->len < s->max ? s->max - b->len : 0;
	if (n > room) {
		if (s->over_fails)
			return 1;
		s->truncated = true;
		n = room;
	}
	return n > 0 ? ck_buf_add(b, p, n) : 0;
}

/* Read what is there from *fd into s; EOF closes *fd.  @return as above,
 * or -2 with errno for a read error. */
static int
drain(int *fd, struct ck_spawn_sink *s, struct ck_buf *b, char *chunk)
{
	ssize_t r;

	r = read(*fd, chunk, CHUNK);
	if (r > 0)
		return sink_take(s, b, chunk, (size_t)r);
	if (r == 0) {
		close_fd(fd);
		return 0;
	}
	if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)
		return 0;
	return -2;
}

/* Write what the pipe takes of in_text; done or a closed reader: close. */
static void
feed(struct ck_spawn *sp, size_t *off)
{
	ssize_t r;

	r = write(sp->fd_in, sp->in_text + *off, sp->in_len - *off);
	if (r > 0)
		*off += (size_t)r;
	if ((r == -1 && errno != EINTR && errno != EAGAIN &&
	    errno != EWOULDBLOCK) || *off >= sp->in_len)
		close_fd(&sp->fd_in);
}

/* Consume a SIGPIPE we caused, then restore the caller's mask. */
static void
unguard(const sigset_t *pipeset, const sigset_t *oldset, bool had_pipe)
{
	struct timespec zero = { 0, 0 };
	sigset_t pending;

	sigpending(&pending);
	if (!had_pipe && sigismember(&pending, SIGPIPE))
		(void)sigtimedwait(pipeset, NULL, &zero);
	pthread_sigmask(SIG_SETMASK, oldset, NULL);
}

/* Milliseconds poll(2) may wait: until the next step of the timeout. */
static int
poll_wait(unsigned long long t,
    unsigned long long deadline, unsigned long long next, bool termed)
{
	unsigned long long until = termed ? next : deadline;
	unsigned long long ms;

	if (!termed && deadline == 0)
		return 1000;
	ms = until > t ? until - t : 0;
	return ms > 1000 ? 1000 : (int)ms;
}

int
ck_spawn_wait(struct ck_spawn *sp, ck_error *err)
{
	struct ck_buf ob = { 0 }, eb = { 0 };
	struct pollfd pfd[3];
	sigset_t pipeset, oldset, pending;
	unsigned long long start = sp->duration_ms, t, deadline = 0, next = 0;
	char *chunk = NULL;
	size_t off = 0;
	int np, k, r, w_ms, nap = 1, e;
	bool reaped = false, termed = false, killed = false, had_pipe = false;
	bool guard = false;
	pid_t w;

	if (!sp->started)
		return ck_error_set(err, CK_EINVAL, 0, 0, "no child to wait for");
	sp->started = false;
	if ((sp->fd_out != -1 || sp->fd_err != -1) &&
	    (chunk = malloc(CHUNK)) == NULL) {
		ck_error_oom(err);
		goto kill_fail;
	}
	if (sp->fd_in != -1 && (sp->in_text == NULL || sp->in_len == 0))
		close_fd(&sp->fd_in);	/* nothing to say: EOF at once */
	if (sp->fd_in != -1) {
		/* A reader that goes away must not kill us with SIGPIPE. */
		sigemptyset(&pipeset);
		sigaddset(&pipeset, SIGPIPE);
		sigpending(&pending);
		had_pipe = sigismember(&pending, SIGPIPE);
		pthread_sigmask(SIG_BLOCK, &pipeset, &oldset);
		guard = true;
	}
	if (sp->timeout_ms > 0)
		deadline = start + sp->timeout_ms;

	while (!reaped || sp->fd_out != -1 || sp->fd_err != -1) {
		t = now_ms();
		if (deadline != 0 && t >= deadline && !termed) {
			sp->timed_out = termed = true;
			if (sp->kill_grace_ms > 0)
				signal_child(sp, SIGTERM, reaped);
			next = t + sp->kill_grace_ms;
		}
		if (termed && !killed && t >= next) {
			killed = true;
			signal_child(sp, SIGKILL, reaped);
			next = t + GIVE_UP_MS;
		}
		/* Processes that left the group may hold a pipe forever. */
		if (killed && reaped && t >= next)
			break;
		if (reaped)
			close_fd(&sp->fd_in);
		np = 0;
		if (sp->fd_out != -1) {
			pfd[np].fd = sp->fd_out;
			pfd[np++].events = POLLIN;
		}
		if (sp->fd_err != -1) {
			pfd[np].fd = sp->fd_err;
			pfd[np++].events = POLLIN;
		}
		if (sp->fd_in != -1) {
			pfd[np].fd = sp->fd_in;
			pfd[np++].events = POLLOUT;
		}
		w_ms = poll_wait(t, deadline, next, termed);
		if (np == 0) {
			/* Only the exit to wait for. */
			if (deadline == 0 || killed) {
				while ((w = waitpid(sp->pid, &sp->status,
				    0)) == -1 && errno == EINTR)
					;
				if (w == -1) {
					e = errno;
					ck_error_sys(err, CK_ECHILD, e,
					    "waitpid");
					goto kill_fail;
				}
				reaped = true;
				continue;
			}
			if (w_ms > nap)
				w_ms = nap;
			if (nap < NAP_MAX_MS)
				nap *= 2;
			nanosleep(&(struct timespec){ 0, w_ms * 1000000L },
			    NULL);
		} else if (poll(pfd, (nfds_t)np, w_ms) == -1) {
			if (errno != EINTR) {
				e = errno;
				ck_error_sys(err, CK_EIO, e, "poll");
				goto kill_fail;
			}
			continue;
		}
		for (k = 0; k < np; k++) {
			if (!(pfd[k].revents & (POLLIN | POLLOUT | POLLHUP |
			    POLLERR)))
				continue;
			r = 0;
			if (pfd[k].fd == sp->fd_in)
				feed(sp, &off);
			else if (pfd[k].fd == sp->fd_out)
				r = drain(&sp->fd_out, &sp->out_sink, &ob,
				    chunk);
			else if (pfd[k].fd == sp->fd_err)
				r = drain(&sp->fd_err, &sp->err_sink, &eb,
				    chunk);
			if (r == 1) {
				ck_error_set(err, CK_ERANGE, 0, 0,
				    "%s printed more than %zu bytes",
				    sp->argv[0], pfd[k].fd == sp->fd_out ?
				    sp->out_sink.max : sp->err_sink.max);
				goto kill_fail;
			}
			if (r == -1 || ob.oom || eb.oom) {
				ck_error_oom(err);
				goto kill_fail;
			}
			if (r == -2) {
				e = errno;
				ck_error_sys(err, CK_EIO, e, "reading from %s",
				    sp->argv[0]);
				goto kill_fail;
			}
		}
		if (!reaped) {
			w = waitpid(sp->pid, &sp->status, WNOHANG);
			if (w == sp->pid)
				reaped = true;
			else if (w == -1 && errno != EINTR) {
				e = errno;
				ck_error_sys(err, CK_ECHILD, e, "waitpid");
				goto kill_fail;
			}
		}
	}
	sp->duration_ms = now_ms() - start;
	close_fd(&sp->fd_in);
	close_fd(&sp->fd_out);
	close_fd(&sp->fd_err);
	free(chunk);
	if (guard)
		unguard(&pipeset, &oldset, had_pipe);
	/* Empty captures are "" too. */
	if ((sp->out == CK_SPAWN_PIPE && sp->out_sink.fn == NULL &&
	    ck_buf_grow(&ob, 0) == -1) || (sp->err == CK_SPAWN_PIPE &&
	    sp->err_sink.fn == NULL && ck_buf_grow(&eb, 0) == -1)) {
		ck_buf_free(&ob);
		ck_buf_free(&eb);
		return ck_error_oom(err);
	}
	if (ob.p != NULL)
		sp->out_sink.text = ck_buf_take(&ob, &sp->out_sink.len);
	if (eb.p != NULL)
		sp->err_sink.text = ck_buf_take(&eb, &sp->err_sink.len);
	return 0;

kill_fail:
	signal_child(sp, SIGKILL, reaped);
	while (!reaped && waitpid(sp->pid, NULL, 0) == -1 && errno == EINTR)
		;
	close_fd(&sp->fd_in);
	close_fd(&sp->fd_out);
	close_fd(&sp->fd_err);
	free(chunk);
	ck_buf_free(&ob);
	ck_buf_free(&eb);
	if (guard)
		unguard(&pipeset, &oldset, had_pipe);
	return -1;
}

int
ck_spawn_run(struct ck_spawn *sp, ck_error *err)
{
	if (ck_spawn_start(sp, err) == -1)
		return -1;
	return ck_spawn_wait(sp, err);
}

void
ck_spawn_clear(struct ck_spawn *sp)
{
	if (sp == NULL)
		return;
	free(sp->out_sink.text);
	free(sp->err_sink.text);
	sink_reset(&sp->out_sink);
	sink_reset(&sp->err_sink);
}
