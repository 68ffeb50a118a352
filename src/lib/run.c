/*
 * run.c - run a job now exactly as cron would: the crontab's environment
 * plus cron's defaults and nothing else, cron's '%' rule, $SHELL -c
 * COMMAND in $HOME, output captured the way cron captures it for mail.
 */
/* close_range(2). */
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
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

struct envlist {
	char	**v;
	size_t	  n;
	size_t	  cap;
};

static int	 env_put(struct envlist *, const char *, size_t, const char *,
		    size_t, bool);
static const char *env_get(const struct envlist *, const char *);
static int	 fd_high(int);
static unsigned long long now_ms(void);
static int	 spawn_switch(const struct ck_run_plan *,
		    const struct ck_run_opts *, int, int, pid_t *, ck_error *);
static void	 child_fail(int, int, int);

/* Where a child failed before exec, as told through the error pipe. */
enum stage { ST_SETSID = 1, ST_DUP, ST_CLOSE, ST_GROUPS, ST_GID, ST_UID,
	ST_CHDIR, ST_EXEC };
static const char *const stage_msg[] = {
	[ST_SETSID] = "cannot start a new session",
	[ST_DUP] = "cannot set up standard input and output",
	[ST_CLOSE] = "cannot close the inherited descriptors",
	[ST_GROUPS] = "cannot set the supplementary groups",
	[ST_GID] = "cannot set the group id",
	[ST_UID] = "cannot set the user id",
	[ST_CHDIR] = "cannot change to the home directory",
	[ST_EXEC] = "cannot execute the shell",
};

/* ---- the environment ---- */

static const char *
env_get(const struct envlist *e, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < e->n; i++)
		if (strncmp(e->v[i], name, n) == 0 && e->v[i][n] == '=')
			return e->v[i] + n + 1;
	return NULL;
}

/*
 * Set name=value, replacing an earlier value in place (cron's env_set)
 * when replace is true, else only when name is not set yet.  Like cron,
 * names and values end at a NUL byte.
 */
static int
env_put(struct envlist *e, const char *name, size_t nlen, const char *value,
    size_t vlen, bool replace)
{
	struct ck_buf b = { 0 };
	char **nv, *s;
	size_t i;

	nlen = strnlen(name, nlen);
	vlen = strnlen(value, vlen);
	for (i = 0; i < e->n; i++)
		if (strncmp(e->v[i], name, nlen) == 0 && e->v[i][nlen] == '=')
			break;
	if (i < e->n && !replace)
		return 0;
	ck_buf_add(&b, name, nlen);
	ck_buf_addc(&b, '=');
	ck_buf_add(&b, value, vlen);
	if (b.oom) {
		ck_buf_free(&b);
		return -1;
	}
	s = ck_buf_take(&b, NULL);
	if (i < e->n) {
		free(e->v[i]);
		e->v[i] = s;
		return 0;
	}
	if (e->n + 2 > e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 16;

		if ((nv = reallocarray(e->v, cap, sizeof(*nv))) == NULL) {
			free(s);
			return -1;
		}
		e->v = nv;
		e->cap = cap;
	}
	e->v[e->n++] = s;
	e->v[e->n] = NULL;
	return 0;
}

static void
free_vec(char **v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

static const char *
default_path(ck_dialect d)
{
	/* cronie's pathnames.h; Vixie 3.0 (Debian) and OpenBSD. */
	if (d == CK_DIALECT_CRONIE)
		return "/usr/bin:/bin:/usr/sbin:/sbin";
	return "/usr/bin:/bin";
}

void
ck_run_plan_clear(struct ck_run_plan *plan)
{
	if (plan == NULL)
		return;
	free_vec(plan->argv);
	free_vec(plan->envp);
	free(plan->cwd);
	free(plan->stdin_text);
	memset(plan, 0, sizeof(*plan));
}

int
ck_job_plan(const ck_tab *tab, const ck_job *job,
    const struct ck_run_opts *opts, struct ck_run_plan *plan, ck_error *err)
{
	struct envlist env = { 0 };
	struct ck_buf c = { 0 }, in = { 0 };
	const char *name, *value, *cmd, *shell, *home;
	size_t i, line, nlen, vlen, cmdlen;
	ck_dialect d;
	bool has_in;

	memset(plan, 0, sizeof(*plan));
	if (tab == NULL || job == NULL || opts == NULL)
		return ck_error_set(err, CK_EINVAL, 0, 0, "no job to run");
	if (opts->user == NULL || opts->home == NULL)
		return ck_error_set(err, CK_EINVAL, 0, 0,
		    "the job's user and home directory are needed");
	d = ck_tab_dialect(tab);
	line = ck_job_line(job);

	/* The assignments above the job, in order; the last one wins. */
	if (d != CK_DIALECT_BUSYBOX) {
		for (i = 0; i < line && i < ck_tab_line_count(tab); i++) {
			if (ck_tab_line_kind(tab, i) != CK_LINE_ENV)
				continue;
			if (ck_tab_line_env(tab, i, &name, &nlen, &value,
			    &vlen) == -1)
				continue;
			if (env_put(&env, name, nlen, value, vlen, true) == -1)
				goto oom;
		}
	}
	/* cron's own: defaults first, then what it always forces. */
	if (d == CK_DIALECT_BUSYBOX) {
		if (env_put(&env, "SHELL", 5, "/bin/sh", 7, true) == -1)
			goto oom;
	} else if (env_put(&env, "SHELL", 5, "/bin/sh", 7, false) == -1)
		goto oom;
	if (env_put(&env, "HOME", 4, opts->home, strlen(opts->home),
	    d == CK_DIALECT_BUSYBOX) == -1)
		goto oom;
	value = opts->path != NULL ? opts->path : default_path(d);
	if (env_put(&env, "PATH", 4, value, strlen(value), false) == -1)
		goto oom;
	if (env_put(&env, "LOGNAME", 7, opts->user, strlen(opts->user),
	    true) == -1)
		goto oom;
	if (d != CK_DIALECT_DEBIAN && d != CK_DIALECT_PORTABLE &&
	    env_put(&env, "USER", 4, opts->user, strlen(opts->user),
	    true) == -1)
		goto oom;

	cmd = ck_job_command(job, &cmdlen);
	if (ck_command_split_buf(cmd == NULL ? "" : cmd, cmd == NULL ? 0 :
	    cmdlen, d, &c, &in, &has_in) == -1)
		goto oom;

	shell = env_get(&env, "SHELL");
	home = env_get(&env, "HOME");
	if ((plan->argv = calloc(4, sizeof(char *))) == NULL)
		goto oom;
	if ((plan->argv[0] = strdup(shell)) == NULL ||
	    (plan->argv[1] = strdup("-c")) == NULL)
		goto oom;
	if ((plan->argv[2] = ck_buf_take(&c, NULL)) == NULL)
		goto oom;
	if ((plan->cwd = strdup(home)) == NULL)
		goto oom;
	if (has_in && (plan->stdin_text = ck_buf_take(&in,
	    &plan->stdin_len)) == NULL)
		goto oom;
	ck_buf_free(&in);
	plan->envp = env.v;
	if (plan->envp == NULL && (plan->envp = calloc(1,
	    sizeof(char *))) == NULL)
		goto oom;
	return 0;
oom:
	ck_buf_free(&c);
	ck_buf_free(&in);
	free_vec(env.v);
	ck_run_plan_clear(plan);
	return ck_error_oom(err);
}

/* ---- running ---- */

void
ck_run_result_clear(struct ck_run_result *res)
{
	if (res == NULL)
		return;
	free(res->output);
	memset(res, 0, sizeof(*res));
}

static unsigned long long
now_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) == -1)
		return 0;
	return (unsigned long long)ts.tv_sec * 1000u +
	    (unsigned long long)ts.tv_nsec / 1000000u;
}

/*
 * Move a pipe end above the standard descriptors, so that the child's
 * dup2() onto 0, 1 and 2 never meets the same descriptor (which would
 * leave its close-on-exec flag set).
 */
static int
fd_high(int fd)
{
	int nfd;

	if (fd > STDERR_FILENO)
		return fd;
	nfd = fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
	close(fd);
	return nfd;
}

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
 * In the child: close every descriptor above 2 but keep (the close-on-exec)
 * one, as cron does before it runs a job: whatever the caller had open
 * (a file it opened as root, a redirection like 7</etc/shadow) must not
 * reach a job that runs as someone else.  close_range(2), else a loop up
 * to the descriptor limit.  @return 0 or -1 (errno set).
 */
static int
close_above_stderr(int keep)
{
	struct rlimit rl;
	unsigned int lo = STDERR_FILENO + 1, k = (unsigned int)keep;
	long fd, max;

#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 34)
	if ((k <= lo || close_range(lo, k - 1, 0) == 0) &&
	    close_range(k + 1, ~0U, 0) == 0)
		return 0;
	if (errno != ENOSYS && errno != EINVAL)
		return -1;
#endif
	max = getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
	    rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < 1048576 ?
	    (long)rl.rlim_cur : 1048576;
	for (fd = lo; fd < max; fd++)
		if (fd != keep)
			(void)close((int)fd);
	return 0;
}

/*
 * fork(2) and exec: the job gets what cron gives it (its own session,
 * default signals, only descriptors 0, 1 and 2, cron's umask 022) and,
 * run as root for another user, that user's ids.  The order is cron's:
 * groups, gid, uid, then chdir as the user, then exec.  An error pipe
 * (close-on-exec) tells the parent what failed.
 */
static int
spawn_switch(const struct ck_run_plan *plan, const struct ck_run_opts *opts,
    int in, int out, pid_t *pid, ck_error *err)
{
	struct sigaction sa;
	gid_t *groups = NULL;
	sigset_t none;
	int ep[2], msg[2], sig, e;
	ssize_t r;
	size_t i;

	if (opts->switch_user && opts->ngroups > 0) {
		if ((groups = reallocarray(NULL, opts->ngroups,
		    sizeof(*groups))) == NULL)
			return ck_error_oom(err);
		for (i = 0; i < opts->ngroups; i++)
			groups[i] = (gid_t)opts->groups[i];
	}
	if (pipe2(ep, O_CLOEXEC) == -1) {
		e = errno;
		free(groups);
		return ck_error_sys(err, CK_EIO, e, "cannot create a pipe");
	}
	if ((*pid = fork()) == -1) {
		e = errno;
		close(ep[0]);
		close(ep[1]);
		free(groups);
		return ck_error_sys(err, CK_ECHILD, e, "cannot fork");
	}
	if (*pid == 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = SIG_DFL;
		sigemptyset(&sa.sa_mask);
		for (sig = 1; sig < NSIG; sig++)
			if (sig != SIGKILL && sig != SIGSTOP)
				(void)sigaction(sig, &sa, NULL);
		sigemptyset(&none);
		(void)sigprocmask(SIG_SETMASK, &none, NULL);
		if (setsid() == -1)
			child_fail(ep[1], ST_SETSID, errno);
		if (dup2(in, 0) == -1 || dup2(out, 1) == -1 ||
		    dup2(out, 2) == -1)
			child_fail(ep[1], ST_DUP, errno);
		if (close_above_stderr(ep[1]) == -1)
			child_fail(ep[1], ST_CLOSE, errno);
		(void)umask(022);
		if (opts->switch_user) {
			if (setgroups(opts->ngroups, groups) == -1)
				child_fail(ep[1], ST_GROUPS, errno);
			if (setgid((gid_t)opts->gid) == -1)
				child_fail(ep[1], ST_GID, errno);
			if (setuid((uid_t)opts->uid) == -1)
				child_fail(ep[1], ST_UID, errno);
		}
		if (chdir(plan->cwd) == -1)
			child_fail(ep[1], ST_CHDIR, errno);
		execve(plan->argv[0], plan->argv, plan->envp);
		child_fail(ep[1], ST_EXEC, errno);
	}
	free(groups);
	close(ep[1]);
	do
		r = read(ep[0], msg, sizeof(msg));
	while (r == -1 && errno == EINTR);
	close(ep[0]);
	if (r == (ssize_t)sizeof(msg)) {
		while (waitpid(*pid, NULL, 0) == -1 && errno == EINTR)
			;
		if (msg[0] == ST_CHDIR)
			return ck_error_sys(err, CK_ECHILD, msg[1], "%s %s",
			    stage_msg[msg[0]], plan->cwd);
		if (msg[0] == ST_EXEC)
			return ck_error_sys(err, CK_ECHILD, msg[1], "%s %s",
			    stage_msg[msg[0]], plan->argv[0]);
		if (msg[0] >= ST_SETSID && msg[0] <= ST_EXEC)
			return ck_error_sys(err, CK_ECHILD, msg[1], "%s",
			    stage_msg[msg[0]]);
		return ck_error_sys(err, CK_ECHILD, msg[1], "child failed");
	}
	return 0;
}

/* Keep what fits; count everything. */
static int
take_output(struct ck_run_result *res, struct ck_buf *b, size_t max,
    const char *p, size_t n)
{
	size_t room;

	res->output_total += n;
	room = b->len < max ? max - b->len : 0;
	if (n > room) {
		res->output_truncated = true;
		n = room;
	}
	return n > 0 ? ck_buf_add(b, p, n) : 0;
}

int
ck_plan_run(const struct ck_run_plan *plan, const struct ck_run_opts *opts,
    struct ck_run_result *res, ck_error *err)
{
	struct ck_run_opts none = { 0 };
	struct ck_buf out = { 0 };
	struct pollfd pfd[2];
	sigset_t pipeset, oldset, pending;
	unsigned long long start, deadline = 0, kill_at = 0, give_up = 0;
	unsigned long long t;
	size_t off = 0, max;
	char chunk[65536];
	int inp[2] = { -1, -1 }, outp[2] = { -1, -1 };
	int infd = -1, outfd = -1, status = 0, timeout, e, np, k, rc = -1;
	bool reaped = false, termed = false, killed = false;
	bool had_pipe;
	pid_t pid = -1, w;
	ssize_t r;

	memset(res, 0, sizeof(*res));
	if (plan == NULL || plan->argv == NULL || plan->argv[0] == NULL ||
	    plan->envp == NULL || plan->cwd == NULL)
		return ck_error_set(err, CK_EINVAL, 0, 0, "nothing to run");
	if (opts == NULL)
		opts = &none;
	max = opts->output_max ? opts->output_max : CK_RUN_OUTPUT_MAX;
	if (pipe2(inp, O_CLOEXEC) == -1 || pipe2(outp, O_CLOEXEC) == -1) {
		e = errno;
		ck_error_sys(err, CK_EIO, e, "cannot create a pipe");
		goto fail;
	}
	if ((inp[0] = fd_high(inp[0])) == -1 ||
	    (outp[1] = fd_high(outp[1])) == -1) {
		e = errno;
		ck_error_sys(err, CK_EIO, e, "cannot create a pipe");
		goto fail;
	}
	if (ck_buf_add(&out, "", 0) == -1) {
		ck_error_oom(err);
		goto fail;
	}

	start = now_ms();
	if (spawn_switch(plan, opts, inp[0], outp[1], &pid, err) == -1)
		goto fail;
	res->pid = (long)pid;
	close(inp[0]);
	close(outp[1]);
	inp[0] = outp[1] = -1;
	infd = inp[1];
	outfd = outp[0];
	inp[1] = outp[0] = -1;
	if (plan->stdin_text == NULL || plan->stdin_len == 0) {
		/* cron writes nothing and closes the pipe: EOF at once. */
		close(infd);
		infd = -1;
	} else
		(void)fcntl(infd, F_SETFL, fcntl(infd, F_GETFL) | O_NONBLOCK);
	if (opts->timeout_ms > 0)
		deadline = start + opts->timeout_ms;

	/* A reader that goes away must not kill us with SIGPIPE. */
	sigemptyset(&pipeset);
	sigaddset(&pipeset, SIGPIPE);
	sigpending(&pending);
	had_pipe = sigismember(&pending, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipeset, &oldset);

	while (!reaped || outfd != -1) {
		t = now_ms();
		if (deadline != 0 && t >= deadline && !termed) {
			res->timed_out = true;
			termed = true;
			(void)kill(-pid, SIGTERM);
			kill_at = t + (opts->kill_grace_ms ?
			    opts->kill_grace_ms : CK_RUN_KILL_GRACE_MS);
		}
		if (termed && !killed && t >= kill_at) {
			killed = true;
			(void)kill(-pid, SIGKILL);
			give_up = t + 1000;
		}
		/* Processes that left the group may hold the pipe forever. */
		if (killed && reaped && t >= give_up && outfd != -1) {
			close(outfd);
			outfd = -1;
			break;
		}
		if (reaped && infd != -1) {
			close(infd);
			infd = -1;
		}
		timeout = -1;
		if (termed)
			timeout = (int)((killed ? give_up : kill_at) > t ?
			    (killed ? give_up : kill_at) - t : 0);
		else if (deadline != 0)
			timeout = (int)(deadline > t ? deadline - t : 0);
		if (outfd == -1 && infd == -1 && (timeout == -1 ||
		    timeout > 10))
			timeout = 10;
		if (timeout > 1000)
			timeout = 1000;
		np = 0;
		if (outfd != -1) {
			pfd[np].fd = outfd;
			pfd[np].events = POLLIN;
			np++;
		}
		if (infd != -1) {
			pfd[np].fd = infd;
			pfd[np].events = POLLOUT;
			np++;
		}
		if (np > 0 && poll(pfd, (nfds_t)np, timeout) == -1) {
			if (errno != EINTR) {
				e = errno;
				ck_error_sys(err, CK_EIO, e, "poll");
				goto kill_fail;
			}
			continue;
		}
		if (np == 0) {
			struct timespec ts = { 0, (long)timeout * 1000000L };

			nanosleep(&ts, NULL);
		}
		for (k = 0; k < np; k++) {
			if (pfd[k].fd == outfd && (pfd[k].revents &
			    (POLLIN | POLLHUP | POLLERR))) {
				r = read(outfd, chunk, sizeof(chunk));
				if (r > 0) {
					if (take_output(res, &out, max, chunk,
					    (size_t)r) == -1) {
						ck_error_oom(err);
						goto kill_fail;
					}
				} else if (r == 0 || (errno != EINTR &&
				    errno != EAGAIN)) {
					close(outfd);
					outfd = -1;
				}
			} else if (pfd[k].fd == infd && (pfd[k].revents &
			    (POLLOUT | POLLHUP | POLLERR))) {
				r = write(infd, plan->stdin_text + off,
				    plan->stdin_len - off);
				if (r > 0)
					off += (size_t)r;
				if ((r == -1 && errno != EINTR &&
				    errno != EAGAIN) ||
				    off >= plan->stdin_len) {
					close(infd);
					infd = -1;
				}
			}
		}
		if (!reaped) {
			w = waitpid(pid, &status, WNOHANG);
			if (w == pid)
				reaped = true;
			else if (w == -1 && errno != EINTR) {
				e = errno;
				ck_error_sys(err, CK_ECHILD, e, "waitpid");
				goto kill_fail;
			}
		}
	}
	if (infd != -1)
		close(infd);
	res->duration_ms = now_ms() - start;
	if (WIFEXITED(status))
		res->exit_status = WEXITSTATUS(status);
	else if (WIFSIGNALED(status)) {
		res->exit_status = -1;
		res->signal = WTERMSIG(status);
#ifdef WCOREDUMP
		res->core_dumped = WCOREDUMP(status) != 0;
#endif
	}
	res->output = ck_buf_take(&out, &res->output_len);
	rc = 0;
	goto unblock;

kill_fail:
	(void)kill(-pid, SIGKILL);
	while (!reaped && waitpid(pid, NULL, 0) == -1 && errno == EINTR)
		;
	if (infd != -1)
		close(infd);
	if (outfd != -1)
		close(outfd);
	ck_buf_free(&out);
	res->output = NULL;
unblock:
	/* Consume a SIGPIPE we caused, then restore the caller's mask. */
	sigpending(&pending);
	if (!had_pipe && sigismember(&pending, SIGPIPE)) {
		struct timespec zero = { 0, 0 };

		(void)sigtimedwait(&pipeset, NULL, &zero);
	}
	pthread_sigmask(SIG_SETMASK, &oldset, NULL);
	return rc;

fail:
	for (k = 0; k < 2; k++) {
		if (inp[k] != -1)
			close(inp[k]);
		if (outp[k] != -1)
			close(outp[k]);
	}
	ck_buf_free(&out);
	return -1;
}

int
ck_job_run(const ck_tab *tab, const ck_job *job,
    const struct ck_run_opts *opts, struct ck_run_result *res, ck_error *err)
{
	struct ck_run_plan plan;
	int rc;

	memset(res, 0, sizeof(*res));
	if (ck_job_plan(tab, job, opts, &plan, err) == -1)
		return -1;
	rc = ck_plan_run(&plan, opts, res, err);
	ck_run_plan_clear(&plan);
	return rc;
}
