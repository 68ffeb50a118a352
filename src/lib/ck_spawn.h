/* SPDX-License-Identifier: ISC */
/*
 * ck_spawn.h - the one way libcronkeep and the cronkeep program start a
 * child process (src/lib/spawn.c): crontab(1) for the store, a job for
 * run.c, and in the program exec's command, log's gzip and journalctl,
 * edit's editor.  (Not "spawn.h": src/lib is on the include path, and
 * that name would hide the system's <spawn.h>.)
 *
 * Internal, like testhooks.h: not installed and not exported by
 * libcronkeep.so; the program reaches it because it links the core
 * archive.  Needs only cronkeep.h (for ck_error) and the C library.
 *
 * Fill a struct ck_spawn (zero it, then set what you need: zero is "as
 * we are"), ck_spawn_start() it, then ck_spawn_wait() for it; or both at
 * once with ck_spawn_run().  ck_spawn_clear() frees what was captured.
 */
#ifndef CK_CK_SPAWN_H
#define CK_CK_SPAWN_H

#include <sys/types.h>

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "cronkeep.h"

/* What one of the child's standard descriptors is. */
enum ck_spawn_fd {
	CK_SPAWN_INHERIT = 0,	/* ours */
	CK_SPAWN_DEVNULL,	/* /dev/null */
	CK_SPAWN_PIPE,		/* a pipe to us: stdin gets in_text then EOF;
				   stdout and stderr are read by the wait */
	CK_SPAWN_STDOUT		/* stderr only: the same as stdout (with
				   stdout a pipe: both in one, in order) */
};

/* What is done with a piped output. */
struct ck_spawn_sink {
	/* fn set: every chunk goes to fn as it comes, nothing is kept. */
	void		(*fn)(void *arg, const char *p, size_t n);
	void		 *arg;
	size_t		  max;		/* bytes kept; 0: no limit */
	bool		  over_fails;	/* more than max: the child is killed and
					   the wait fails (CK_ERANGE); else the
					   rest is dropped (truncated) */
	/* Results. */
	char		 *text;		/* NUL-terminated; ck_spawn_clear() */
	size_t		  len;
	unsigned long long total;	/* bytes the child wrote */
	bool		  truncated;
};

/* Where ck_spawn_start() failed (the fork path tells them apart). */
enum ck_spawn_stage {
	CK_SPAWN_AT_NONE = 0,
	CK_SPAWN_AT_SETUP,	/* pipes, memory, posix_spawn attributes */
	CK_SPAWN_AT_SESSION,	/* setsid/setpgid */
	CK_SPAWN_AT_FDS,	/* the standard descriptors */
	CK_SPAWN_AT_CLOSE,	/* closing the inherited descriptors */
	CK_SPAWN_AT_GROUPS,	/* setgroups */
	CK_SPAWN_AT_GID,	/* setgid */
	CK_SPAWN_AT_UID,	/* setuid */
	CK_SPAWN_AT_CHDIR,	/* chdir to cwd */
	CK_SPAWN_AT_EXEC	/* the program: not found, not executable */
};

struct ck_spawn {
	/* What to run. */
	char *const	 *argv;		/* argv[0] is the program */
	char *const	 *envp;		/* NULL: our environ */
	bool		  search_path;	/* argv[0] looked up in PATH */

	/* Standard descriptors. */
	enum ck_spawn_fd  in, out, err;
	const char	 *in_text;	/* in == CK_SPAWN_PIPE: fed to it */
	size_t		  in_len;

	/* The process. */
	bool		  new_pgroup;	/* its own process group */
	bool		  new_session;	/* its own session (and group) */
	const sigset_t	 *sig_default;	/* these to SIG_DFL; NULL: none */
	bool		  sig_unblock;	/* an empty signal mask */
	int		  keep_fd;	/* > 2: inherited although close-on-exec;
					   0: none */
	/*
	 * What posix_spawn(3) cannot do; any of them means fork(2) and, in
	 * the child, the order: descriptors, umask, groups, gid, uid, chdir,
	 * exec.
	 */
	bool		  close_fds;	/* close every descriptor above 2
					   (but keep_fd) */
	bool		  set_umask;
	mode_t		  umask;
	bool		  set_ids;	/* become uid/gid/groups (root) */
	uid_t		  uid;
	gid_t		  gid;
	const gid_t	 *groups;
	size_t		  ngroups;
	const char	 *cwd;		/* NULL: ours */

	/* The wait. */
	unsigned long long timeout_ms;	/* 0: none */
	unsigned long long kill_grace_ms; /* on timeout: SIGTERM to the group,
					   SIGKILL this much later; 0: SIGKILL
					   at once */
	struct ck_spawn_sink out_sink, err_sink;

	/* Results. */
	pid_t		  pid;		/* set by ck_spawn_start() */
	enum ck_spawn_stage stage;	/* where a start failed */
	int		  status;	/* waitpid(2) status */
	bool		  timed_out;	/* the timeout passed: group killed */
	unsigned long long duration_ms;	/* start to exit and end of output */

	/* Ours: the parent's pipe ends, -1 when none. */
	int		  fd_in, fd_out, fd_err;
	bool		  started;
};

/*
 * Start sp's child: posix_spawn(3) (posix_spawnp with search_path) unless
 * close_fds, set_umask, set_ids or cwd ask for more, then fork(2).
 * @return 0 (sp->pid set) or -1: err is CK_ECHILD with sys_errno and
 * sp->stage for a child that could not run ("cannot run PROG: program not
 * found"), else CK_EIO or CK_ENOMEM (stage CK_SPAWN_AT_SETUP).  After a
 * failure nothing is left to wait for.
 */
int	ck_spawn_start(struct ck_spawn *sp, ck_error *err);

/*
 * Feed in_text, read the piped outputs into their sinks, apply the timeout
 * and reap the child.  A child that exited while descendants outside its
 * group hold an output open is waited for until EOF, or, after a timeout
 * kill, for one more second.  SIGPIPE is blocked in the calling thread
 * while in_text is written (a pending one we caused is consumed).
 * @return 0 when the child was reaped (sp->status, sp->timed_out), or -1
 * with the child killed and reaped (CK_ERANGE: an output over its max;
 * CK_EIO, CK_ENOMEM, CK_ECHILD).
 */
int	ck_spawn_wait(struct ck_spawn *sp, ck_error *err);

/* ck_spawn_start() then ck_spawn_wait(). */
int	ck_spawn_run(struct ck_spawn *sp, ck_error *err);

/* Free the captured texts (the struct's inputs are the caller's). */
void	ck_spawn_clear(struct ck_spawn *sp);

#endif /* CK_CK_SPAWN_H */
