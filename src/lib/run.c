/* SPDX-License-Identifier: ISC */
/*
 * run.c - run a job now exactly as cron would: the crontab's environment
 * plus cron's defaults and nothing else, cron's '%' rule, $SHELL -c
 * COMMAND in $HOME, output captured the way cron captures it for mail.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "ck_spawn.h"

struct envlist {
	char	**v;
	size_t	  n;
	size_t	  cap;
};

static int	 env_put(struct envlist *, const char *, size_t, const char *,
		    size_t, bool);
static const char *env_get(const struct envlist *, const char *);

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
    const struct ck_run_opts *copts, struct ck_run_plan *plan, ck_error *err)
{
	struct ck_run_opts o, *opts = &o;
	struct envlist env = { 0 };
	struct ck_buf c = { 0 }, in = { 0 };
	const char *name, *value, *cmd, *shell, *home;
	size_t i, line, nlen, vlen, cmdlen;
	const struct ck_dialect_facts *f;
	ck_dialect d;
	bool has_in;

	memset(plan, 0, sizeof(*plan));
	if (tab == NULL || job == NULL || copts == NULL)
		return ck_error_set(err, CK_EINVAL, 0, 0, "no job to run");
	if (ck_tab_check_job(tab, job, err) == -1)
		return -1;
	if (ck_opts_read(&o, sizeof(o), copts, "ck_run_opts", err) == -1)
		return -1;
	if (opts->user == NULL || opts->home == NULL)
		return ck_error_set(err, CK_EINVAL, 0, 0,
		    "the job's user and home directory are needed");
	d = ck_tab_dialect(tab);
	f = ck_dialect_facts(d);
	line = ck_job_line(job);

	/* The assignments above the job, in order; the last one wins. */
	if (f->tab_env_to_jobs) {
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
	if (f->forces_shell_home) {
		if (env_put(&env, "SHELL", 5, "/bin/sh", 7, true) == -1)
			goto oom;
	} else if (env_put(&env, "SHELL", 5, "/bin/sh", 7, false) == -1)
		goto oom;
	if (env_put(&env, "HOME", 4, opts->home, strlen(opts->home),
	    f->forces_shell_home) == -1)
		goto oom;
	value = opts->path != NULL ? opts->path : f->default_path;
	if (env_put(&env, "PATH", 4, value, strlen(value), false) == -1)
		goto oom;
	if (env_put(&env, "LOGNAME", 7, opts->user, strlen(opts->user),
	    true) == -1)
		goto oom;
	if (f->sets_user && env_put(&env, "USER", 4, opts->user,
	    strlen(opts->user), true) == -1)
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

/*
 * What cron gives a job (its own session, default signals and an empty
 * mask, only descriptors 0, 1 and 2, cron's umask 022, stdout and stderr
 * one pipe, stdin a pipe) and, run as root for another user, that user's
 * ids: the spawner (spawn.c) forks for it, since posix_spawn(3) can change
 * neither the umask nor the ids, and takes cron's order: groups, gid, uid,
 * then chdir as the user, then exec.
 */
int
ck_plan_run(const struct ck_run_plan *plan, const struct ck_run_opts *copts,
    struct ck_run_result *res, ck_error *err)
{
	struct ck_run_opts o, *opts = &o;
	struct ck_spawn sp;
	ck_error e;
	sigset_t all;
	gid_t *groups = NULL;
	size_t i;
	int rc;

	memset(res, 0, sizeof(*res));
	if (plan == NULL || plan->argv == NULL || plan->argv[0] == NULL ||
	    plan->envp == NULL || plan->cwd == NULL)
		return ck_error_set(err, CK_EINVAL, 0, 0, "nothing to run");
	if (ck_opts_read(&o, sizeof(o), copts, "ck_run_opts", err) == -1)
		return -1;
	if (opts->switch_user && opts->ngroups > 0) {
		if ((groups = reallocarray(NULL, opts->ngroups,
		    sizeof(*groups))) == NULL)
			return ck_error_oom(err);
		for (i = 0; i < opts->ngroups; i++)
			groups[i] = (gid_t)opts->groups[i];
	}
	memset(&sp, 0, sizeof(sp));
	sp.argv = plan->argv;
	sp.envp = plan->envp;
	sp.in = CK_SPAWN_PIPE;		/* cron: EOF at once without text */
	sp.in_text = plan->stdin_text;
	sp.in_len = plan->stdin_len;
	sp.out = CK_SPAWN_PIPE;
	sp.err = CK_SPAWN_STDOUT;
	sp.new_session = true;
	sigfillset(&all);
	sp.sig_default = &all;
	sp.sig_unblock = true;
	sp.close_fds = true;
	sp.set_umask = true;
	sp.umask = 022;
	if (opts->switch_user) {
		sp.set_ids = true;
		sp.uid = (uid_t)opts->uid;
		sp.gid = (gid_t)opts->gid;
		sp.groups = groups;
		sp.ngroups = opts->ngroups;
	}
	sp.cwd = plan->cwd;
	sp.timeout_ms = opts->timeout_ms;
	sp.kill_grace_ms = opts->kill_grace_ms ? opts->kill_grace_ms :
	    CK_RUN_KILL_GRACE_MS;
	sp.out_sink.max = opts->output_max ? opts->output_max :
	    CK_RUN_OUTPUT_MAX;
	if (ck_spawn_start(&sp, &e) == -1) {
		free(groups);
		/* In the words of a job. */
		if (sp.stage == CK_SPAWN_AT_CHDIR)
			ck_error_sys(&e, CK_ECHILD, e.sys_errno,
			    "cannot change to the home directory %s",
			    plan->cwd);
		else if (sp.stage == CK_SPAWN_AT_EXEC)
			ck_error_sys(&e, CK_ECHILD, e.sys_errno,
			    "cannot execute the shell %s", plan->argv[0]);
		if (err != NULL)
			*err = e;
		return -1;
	}
	res->pid = (long)sp.pid;
	rc = ck_spawn_wait(&sp, err);
	free(groups);
	if (rc == -1)
		return -1;
	res->timed_out = sp.timed_out;
	res->duration_ms = sp.duration_ms;
	if (WIFEXITED(sp.status))
		res->exit_status = WEXITSTATUS(sp.status);
	else if (WIFSIGNALED(sp.status)) {
		res->exit_status = -1;
		res->signal = WTERMSIG(sp.status);
#ifdef WCOREDUMP
		res->core_dumped = WCOREDUMP(sp.status) != 0;
#endif
	}
	res->output = sp.out_sink.text;
	res->output_len = sp.out_sink.len;
	res->output_total = sp.out_sink.total;
	res->output_truncated = sp.out_sink.truncated;
	return 0;
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
