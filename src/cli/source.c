/* SPDX-License-Identifier: ISC */
/*
 * source.c - the crontabs a command works on, chosen by the global options,
 * and writing one of them back.
 *
 *   (nothing)        the invoking user's crontab, through crontab(1)
 *   -u USER          USER's crontab, through crontab(1)
 *   -f PATH          a file (user format unless it is /etc/crontab or in
 *                    /etc/cron.d, or --system-format); '-' is standard
 *                    input, and writing it back prints to standard output
 *   --cron-d NAME    <root>/etc/cron.d/NAME (system format)
 *   -s               <root>/etc/crontab and every file in <root>/etc/cron.d
 *   -a               -s plus every user's spool file
 *   --root DIR       prefix of every system path; with -u (or by default)
 *                    the user's spool file under DIR is used instead of
 *                    crontab(1), so an image can be managed
 *
 * Environment read here (never by the library):
 *   CRONKEEP_CRONTAB            the crontab(1) program (default "crontab")
 *   CRONKEEP_CRONTAB_TIMEOUT_MS how long crontab(1) may take (default 10000)
 *   TMPDIR                      where a user's new crontab is staged
 *   CRONKEEP_FAULT_PAUSE_MS     for tests: before a write is committed (the
 *                               new file complete, not yet renamed; or
 *                               before crontab(1) installs it) print
 *                               "cronkeep: paused: TMPFILE" on stderr and
 *                               sleep this long, so that a test can kill
 *                               the process or change the crontab then
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "periodic.h"
#include "../lib/testhooks.h"

struct src_priv {
	ck_store	*store;		/* NULL for standard input */
	char		*old;		/* as read, or as last written */
	size_t		 oldlen;
};

static void
skip(struct cli_ctx *ctx, const char *label, const char *reason, int rc)
{
	struct cli_skipped *s;

	ctx->skipped = xreallocarray(ctx->skipped, ctx->nskipped + 1,
	    sizeof(*ctx->skipped));
	s = &ctx->skipped[ctx->nskipped++];
	s->label = xstrdup(label);
	s->reason = xstrdup(reason);
	s->rc = rc;
}

size_t
cli_sources_skipped(const struct cli_ctx *ctx,
    const struct cli_skipped **v)
{
	*v = ctx->skipped;
	return ctx->nskipped;
}

int
cli_sources_status(const struct cli_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->nskipped; i++)
		if (ctx->skipped[i].rc != 0)
			return ctx->skipped[i].rc;
	return 0;
}

void
cli_sources_reset(struct cli_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->nskipped; i++) {
		free(ctx->skipped[i].label);
		free(ctx->skipped[i].reason);
	}
	free(ctx->skipped);
	ctx->skipped = NULL;
	ctx->nskipped = 0;
	cli_periodic_free(ctx->periodic);
	ctx->periodic = NULL;
}

static void
pause_hook(const char *tmp, void *arg)
{
	long ms = *(long *)arg;
	struct timespec ts;

	fprintf(stderr, "%s: paused: %s\n", getprogname(), tmp);
	fflush(stderr);
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static long
env_number(const struct cli_ctx *ctx, const char *name, long max)
{
	const char *v = getenv(name), *e;
	long long n;

	if (v == NULL || v[0] == '\0')
		return 0;
	n = strtonum(v, 0, max, &e);
	if (e != NULL) {
		cli_warnx(ctx, "%s: %s is %s; ignored", name, v, e);
		return 0;
	}
	return (long)n;
}

/*
 * Where the locks of users' crontabs live: a folder only the caller can
 * open (the library creates it 0700 and refuses one that is not), so that
 * no other user can hold a lock and make writes wait.  Root: /run/cronkeep;
 * others: $XDG_RUNTIME_DIR/cronkeep, else ~/.cronkeep, else no lock (the
 * content checks still catch a concurrent change).  Owned by the caller
 * (the store keeps its own copy); NULL when there is none.
 */
static char *
under(const char *base, const char *name)
{
	char *p;

	if (asprintf(&p, "%s%s", base, name) == -1) {
		cli_warnx(NULL, "out of memory");
		exit(EX_OSERR);
	}
	return p;
}

static char *
lock_dir(void)
{
	const char *base;
	struct stat st;

	if (geteuid() == 0)
		return stat("/run", &st) == 0 && S_ISDIR(st.st_mode) ?
		    xstrdup("/run/cronkeep") : NULL;
	if ((base = getenv("XDG_RUNTIME_DIR")) != NULL && base[0] == '/' &&
	    stat(base, &st) == 0 && S_ISDIR(st.st_mode) &&
	    st.st_uid == geteuid())
		return under(base, "/cronkeep");
	if ((base = getenv("HOME")) != NULL && base[0] == '/' &&
	    stat(base, &st) == 0 && S_ISDIR(st.st_mode) &&
	    st.st_uid == geteuid())
		return under(base, "/.cronkeep");
	return NULL;
}

static void
store_opts(struct cli_ctx *ctx, ck_store_opts *o, unsigned int flags)
{
	static const ck_store_opts init = CK_STORE_OPTS_INIT;
	const char *t;

	*o = init;
	o->flags = flags;
	o->dialect = ctx->dialect;
	o->crontab = getenv("CRONKEEP_CRONTAB");
	if ((t = getenv("TMPDIR")) != NULL && t[0] == '/')
		o->tmpdir = t;
	o->timeout_ms = (int)env_number(ctx, "CRONKEEP_CRONTAB_TIMEOUT_MS",
	    24L * 3600 * 1000);
	ctx->pause_ms = env_number(ctx, "CRONKEEP_FAULT_PAUSE_MS",
	    24L * 3600 * 1000);
}

/* CRONKEEP_FAULT_PAUSE_MS: pause before the commit (for the tests). */
static void
store_hooks(struct cli_ctx *ctx, ck_store *st)
{
	if (ctx->pause_ms > 0)
		ck_store_set_commit_hook(st, pause_hook, &ctx->pause_ms);
}

/*
 * Is path one of the system crontabs (system format by default)?  Any
 * .../etc/crontab or .../etc/cron.d/NAME counts, so that the files of an
 * image are recognised with or without --root.
 */
bool
cli_system_path(const char *path, bool *cron_d)
{
	const char *p, *last = NULL;
	size_t len = strlen(path);
	char *real;
	bool r = false;

	*cron_d = false;
	for (p = path; (p = strstr(p, "etc/cron.d/")) != NULL; p++)
		if (p == path || p[-1] == '/')
			last = p;
	if (last != NULL && last[11] != '\0' &&
	    strchr(last + 11, '/') == NULL) {
		*cron_d = true;
		return true;
	}
	if ((len == 11 || (len > 11 && path[len - 12] == '/')) &&
	    strcmp(path + len - 11, "etc/crontab") == 0)
		return true;
	/* A relative path or one through links: ask the file system. */
	if ((real = realpath(path, NULL)) != NULL) {
		if (strcmp(real, path) != 0)
			r = cli_system_path(real, cron_d);
		free(real);
	}
	return r;
}

bool
cli_is_anacrontab(const struct cli_ctx *ctx, const char *path)
{
	const char *base = strrchr(path, '/');

	base = base != NULL ? base + 1 : path;
	return ctx->anacrontab || strcmp(base, "anacrontab") == 0;
}

bool
cli_file_is_system(const struct cli_ctx *ctx, const char *path,
    bool *cron_d)
{
	bool d, sys = cli_system_path(path, &d);

	if (cron_d != NULL)
		*cron_d = d;
	if (ctx->format != CLI_FMT_AUTO)
		return ctx->format == CLI_FMT_SYSTEM;
	return sys;
}

static void
add_source(struct cli_source **v, size_t *n, struct cli_source *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = *s;
}

void
cli_written_free(struct cli_written *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < w->n; i++)
		free(w->v[i].message);
	free(w->v);
	free(w->text);
	free(w);
}

static void
free_one(struct cli_source *s)
{
	struct src_priv *p = s->priv;

	free(s->label);
	free(s->path);
	free(s->user);
	ck_tab_free(s->tab);
	ck_anacrontab_free(s->ana);
	cli_runparts_free(s->rp);
	cli_written_free(s->written);
	if (p != NULL) {
		ck_store_free(p->store);
		free(p->old);
		free(p);
	}
}

/* Is (s, len) nearer to id than *best (distance *bd)?  Then keep it. */
static void
nearer_id(const char *id, const char *s, size_t len, char *best,
    size_t size, size_t *bd)
{
	char cand[64];
	size_t d;

	if (s == NULL || len == 0 || len >= sizeof(cand))
		return;
	memcpy(cand, s, len);
	cand[len] = '\0';
	if (!cli_near(id, cand) || (d = cli_distance(id, cand)) >= *bd)
		return;
	*bd = d;
	strlcpy(best, cand, size);
}

bool
cli_sources_have_id(const struct cli_source *v, size_t n, const char *id)
{
	size_t i;

	size_t k;

	for (i = 0; i < n; i++) {
		if ((v[i].tab != NULL && ck_tab_find_id(v[i].tab, id,
		    strlen(id)) != NULL) || (v[i].ana != NULL &&
		    ck_anacrontab_find(v[i].ana, id, strlen(id)) != NULL))
			return true;
		/* A run-parts script's id is its name. */
		for (k = 0; v[i].rp != NULL && k < ck_runparts_count(
		    v[i].rp->rp); k++)
			if (ck_runparts_at(v[i].rp->rp, k)->runs &&
			    strcmp(ck_runparts_at(v[i].rp->rp, k)->name, id) ==
			    0)
				return true;
	}
	return false;
}

int
cli_no_such_id(const struct cli_ctx *ctx, const struct cli_source *v, size_t n,
    const char *id)
{
	const ck_anajob *aj;
	const char *s;
	char best[64] = "";
	size_t i, k, len, bd = SIZE_MAX;

	for (i = 0; i < n; i++) {
		for (k = 0; v[i].tab != NULL &&
		    k < ck_tab_job_count(v[i].tab); k++) {
			s = ck_job_id(ck_tab_job(v[i].tab, k), &len);
			nearer_id(id, s, len, best, sizeof(best), &bd);
		}
		for (k = 0; v[i].ana != NULL &&
		    k < ck_anacrontab_job_count(v[i].ana); k++) {
			aj = ck_anacrontab_job(v[i].ana, k);
			nearer_id(id, aj->id, aj->id_len, best, sizeof(best),
			    &bd);
		}
		for (k = 0; v[i].rp != NULL && k < ck_runparts_count(
		    v[i].rp->rp); k++) {
			s = ck_runparts_at(v[i].rp->rp, k)->name;
			nearer_id(id, s, strlen(s), best, sizeof(best), &bd);
		}
	}
	if (best[0] != '\0')
		cli_warnx(ctx, "no job with id '%s' (did you mean '%s'?)", id,
		    best);
	else
		cli_warnx(ctx, "no job with id '%s'", id);
	return EX_NOINPUT;
}

void
cli_sources_free(struct cli_source *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free_one(&v[i]);
	free(v);
}

/*
 * Read and parse one source.  On failure the problem is printed, the
 * source is recorded as skipped and its exit code returned.
 */
static int
load(struct cli_ctx *ctx, struct cli_source *s, ck_store *st,
    unsigned int lflags)
{
	struct src_priv *p;
	ck_error err;
	char *text = NULL;
	size_t len = 0;
	unsigned int pf = 0;
	int rc;

	memset(&err, 0, sizeof(err));
	if (st != NULL)
		rc = ck_store_read(st, &text, &len, &err);
	else
		rc = cli_read_file("-", &text, &len, &err);
	if (rc == -1) {
		/* The store's messages name the file or the command. */
		rc = cli_error(ctx, st != NULL ? NULL : s->label, &err);
		skip(ctx, s->label, err.msg, rc);
		ck_store_free(st);
		return rc;
	}
	p = xcalloc(1, sizeof(*p));
	p->store = st;
	s->ctx = ctx;
	/*
	 * What a write shows as the old side and backs up, and diff
	 * compares; other readers skip the copy.
	 */
	if (lflags & (CLI_SRC_WRITE | CLI_SRC_TEXT)) {
		p->old = xmalloc(len + 1);
		memcpy(p->old, text, len);
		p->old[len] = '\0';
		p->oldlen = len;
	}
	s->priv = p;
	if (s->path != NULL && cli_is_anacrontab(ctx, s->path)) {
		/* anacron's own format; commands see no cron jobs in it. */
		s->ana = ck_anacrontab_parse(text, len, &err);
		free(text);
		if (s->ana == NULL || (s->tab = ck_tab_new(ctx->dialect, 0,
		    &err)) == NULL) {
			rc = cli_error(ctx, s->label, &err);
			skip(ctx, s->label, err.msg, rc);
			return rc;
		}
		return 0;
	}
	if (lflags & CLI_SRC_LENIENT)
		pf |= CK_PARSE_LENIENT;
	if (s->system)
		pf |= CK_PARSE_SYSTEM;
	if ((s->tab = ck_tab_parse_owned(text, len, ctx->dialect, pf,
	    &err)) == NULL) {
		rc = cli_error(ctx, s->label, &err);
		skip(ctx, s->label, err.msg, rc);
		return rc;
	}
	return 0;
}

/* The invoking user's name, for labels and --root spool paths. */
static char *
me(void)
{
	struct passwd *pw = getpwuid(getuid());
	char buf[32];

	if (pw != NULL)
		return xstrdup(pw->pw_name);
	snprintf(buf, sizeof(buf), "%u", (unsigned int)getuid());
	return xstrdup(buf);
}

static char *
rooted(const struct cli_ctx *ctx, const char *path)
{
	size_t rlen = strlen(ctx->root);
	char *p;

	while (rlen > 0 && ctx->root[rlen - 1] == '/')
		rlen--;
	if (asprintf(&p, "%.*s%s", (int)rlen, ctx->root, path) == -1) {
		cli_warnx(NULL, "out of memory");
		exit(EX_OSERR);
	}
	return p;
}

/* Open a file source. */
static int
file_source(struct cli_ctx *ctx, struct cli_source *s, const char *path,
    bool system, bool cron_d, unsigned int lflags, const char *spool_user)
{
	ck_store_opts o;
	ck_store *st;
	ck_error err;
	unsigned int f = 0;

	memset(s, 0, sizeof(*s));
	if (ctx->staged != NULL && strcmp(path, ctx->staged) == 0)
		s->label = xstrdup(ctx->staged_label);
	else
		s->label = xstrdup(strcmp(path, "-") == 0 ? "(stdin)" : path);
	s->path = xstrdup(path);
	s->system = system;
	if (strcmp(path, "-") == 0)
		return load(ctx, s, NULL, lflags);
	if (system)
		f |= CK_STORE_SYSTEM;
	if (cron_d)
		f |= CK_STORE_CRON_D;
	if (lflags & CLI_SRC_WRITE)
		f |= CK_STORE_LOCK | CK_STORE_CREATE;
	else
		f |= CK_STORE_READ_ONLY;
	store_opts(ctx, &o, f);
	/*
	 * A file named with -f is read whole, as "check FILE" and "-f -"
	 * read theirs: memory and time follow its size, no fixed cap.
	 */
	if (ctx->file != NULL && strcmp(path, ctx->file) == 0)
		o.max_bytes = SIZE_MAX;
	/*
	 * A user's spool file in an image: cron reads it only when it is the
	 * user's, group crontab, mode 0600; every write makes it so.
	 */
	if (spool_user != NULL && (lflags & CLI_SRC_WRITE)) {
		if (ck_store_spool_owner(ctx->root, spool_user, &o.owner_uid,
		    &o.owner_gid) == -1) {
			cli_warnx(ctx, "warning: %s has no user '%s' in "
			    "%s/etc/passwd: the new %s stays root's, and cron "
			    "will not run it", ctx->root, spool_user, ctx->root,
			    path);
			o.owner_uid = o.owner_gid = -1;
		}
		o.flags |= CK_STORE_SPOOL;
		o.mode = 0600;
	}
	if ((st = ck_store_open_file(path, &o, &err)) == NULL) {
		int rc = cli_error(ctx, path, &err);

		skip(ctx, path, err.msg, rc);
		return rc;
	}
	store_hooks(ctx, st);
	return load(ctx, s, st, lflags);
}

static int
user_source(struct cli_ctx *ctx, struct cli_source *s, const char *user,
    unsigned int lflags)
{
	ck_store_opts o;
	ck_store *st;
	ck_error err;
	char *path, *spool, *locks = NULL;
	int rc;

	memset(s, 0, sizeof(*s));	/* the caller frees it on failure */
	if (ctx->root[0] != '\0') {
		/* An image: the spool file itself. */
		char *name = user != NULL ? xstrdup(user) : me();

		if (strchr(name, '/') != NULL || name[0] == '.') {
			cli_warnx(ctx, "bad user name '%s'", name);
			free(name);
			return CLI_EXIT_USAGE;
		}
		spool = rooted(ctx, ck_store_spool_dir(ctx->dialect));
		if (asprintf(&path, "%s/%s", spool, name) == -1) {
			cli_warnx(NULL, "out of memory");
			exit(EX_OSERR);
		}
		free(spool);
		rc = file_source(ctx, s, path, false, false, lflags, name);
		s->user = name;
		free(path);
		return rc;
	}
	memset(s, 0, sizeof(*s));
	s->user = user != NULL ? xstrdup(user) : me();
	if (asprintf(&s->label, "crontab:%s", s->user) == -1) {
		cli_warnx(NULL, "out of memory");
		exit(EX_OSERR);
	}
	/*
	 * Root writes the spool file itself (no window between the check
	 * and the install), unless a crontab(1) program is imposed.
	 */
	store_opts(ctx, &o, (lflags & CLI_SRC_WRITE) ? 0 : CK_STORE_READ_ONLY);
	/*
	 * A user the system does not know is 67 in every command (the
	 * crontab(1) of the host would only fail, 69).  An imposed crontab
	 * program (CRONKEEP_CRONTAB) may know users of its own.
	 */
	if (user != NULL && o.crontab == NULL && getpwnam(user) == NULL) {
		cli_warnx(ctx, "no such user '%s'", user);
		skip(ctx, s->label, "no such user", EX_NOUSER);
		return EX_NOUSER;
	}
	if (lflags & CLI_SRC_WRITE) {
		o.lock_dir = locks = lock_dir();
		if (o.crontab == NULL)
			o.flags |= CK_STORE_DIRECT;
	}
	st = ck_store_open_user(user, &o, &err);
	free(locks);
	if (st == NULL) {
		rc = cli_error(ctx, s->label, &err);
		skip(ctx, s->label, err.msg, rc);
		return rc;
	}
	store_hooks(ctx, st);
	return load(ctx, s, st, lflags);
}

/*
 * A user's spool file of this host (-a, not under --root), read directly
 * (no crontab(1) per user) but as `crontab -l` shows it: without the
 * header Debian's crontab(1) writes, under the label "crontab:USER", so
 * that its line numbers are those `-u USER` and --line take.
 */
static int
spool_source(struct cli_ctx *ctx, struct cli_source *s, const char *user,
    const char *path, unsigned int lflags)
{
	ck_store_opts o;
	ck_store *st;
	ck_error err;
	int rc;

	memset(s, 0, sizeof(*s));
	s->user = xstrdup(user);
	s->path = xstrdup(path);
	if (asprintf(&s->label, "crontab:%s", user) == -1) {
		cli_warnx(NULL, "out of memory");
		exit(EX_OSERR);
	}
	store_opts(ctx, &o, CK_STORE_READ_ONLY | CK_STORE_DIRECT);
	if ((st = ck_store_open_user(user, &o, &err)) == NULL) {
		rc = cli_error(ctx, s->label, &err);
		skip(ctx, s->label, err.msg, rc);
		return rc;
	}
	store_hooks(ctx, st);
	return load(ctx, s, st, lflags);
}

static int
host_sources(struct cli_ctx *ctx, unsigned int what, unsigned int lflags,
    struct cli_source **v, size_t *n)
{
	const ck_store_entry *e;
	struct cli_source s;
	ck_store_list *l;
	ck_error err;
	char why[512];
	size_t i;
	int rc;

	if ((l = ck_store_list_host(ctx->root, ctx->dialect, what,
	    &err)) == NULL)
		return cli_error(ctx, NULL, &err);
	for (i = 0; i < ck_store_list_count(l); i++) {
		e = ck_store_list_at(l, i);
		if (e->kind == CK_STORE_KIND_DIR || e->sys_errno != 0) {
			snprintf(why, sizeof(why), "cannot read %s: %s%s",
			    e->path, strerror(e->sys_errno),
			    e->sys_errno == EACCES ? " (this needs root)" : "");
			cli_warnx(ctx, "%s", why);
			rc = e->sys_errno == EACCES ? EX_NOPERM : EX_IOERR;
			skip(ctx, e->path, why, rc);
			continue;
		}
		if (e->ignored != NULL) {
			snprintf(why, sizeof(why), "%s cron ignores this file: "
			    "%s", ck_dialect_name(ctx->dialect), e->ignored);
			/* Hidden files (.placeholder, our temporary files)
			 * are only reported in --json output. */
			if (e->name[0] != '.')
				cli_warnx(ctx, "warning: %s: skipped; %s",
				    e->path, why);
			skip(ctx, e->path, why, 0);
			continue;
		}
		if (e->kind == CK_STORE_KIND_SPOOL && e->user != NULL &&
		    ctx->root[0] == '\0' && geteuid() == 0 &&
		    (ctx->dialect == CK_DIALECT_DEBIAN ||
		    ctx->dialect == CK_DIALECT_CRONIE))
			rc = spool_source(ctx, &s, e->user, e->path, lflags);
		else
			rc = file_source(ctx, &s, e->path, e->system,
			    e->kind == CK_STORE_KIND_CRON_D, lflags, NULL);
		if (e->user != NULL) {
			free(s.user);
			s.user = xstrdup(e->user);
		}
		if (rc == 0)
			add_source(v, n, &s);
		else
			free_one(&s);
	}
	ck_store_list_free(l);
	if (what & CK_LIST_SPOOL) {
		/* -a: anacron's table and the run-parts folders too. */
		char *ana = rooted(ctx, "/etc/anacrontab");

		if (access(ana, F_OK) == 0) {
			if (file_source(ctx, &s, ana, false, false,
			    lflags, NULL) == 0)
				add_source(v, n, &s);
			else
				free_one(&s);
		}
		free(ana);
		cli_periodic_sources(ctx, lflags, v, n);
	}
	return 0;
}

int
cli_load_sources(struct cli_ctx *ctx, unsigned int flags,
    struct cli_source **out, size_t *n)
{
	struct cli_source s, *v = NULL;
	struct stat st;
	size_t nv = 0;
	bool cron_d = false, system;
	char *path;
	int sel, rc;

	*out = NULL;
	*n = 0;
	if (cli_resolve_dialect(ctx) == -1)
		return CLI_EXIT_USAGE;
	sel = (ctx->user != NULL) + (ctx->file != NULL) + ctx->system +
	    (ctx->cron_d != NULL) + ctx->all;
	if (sel > 1 && ctx->staged != NULL) {
		cli_warnx(ctx,
		    "this shell works on %s; -u, -s, --cron-d and -a "
		    "select other crontabs", ctx->staged_label);
		return CLI_EXIT_USAGE;
	}
	if (sel > 1) {
		cli_warnx(ctx, "choose one of -u, -f, -s, --cron-d and -a");
		return CLI_EXIT_USAGE;
	}
	/* A typo in --root must not read as a host without crontabs. */
	if (ctx->root[0] != '\0' && (stat(ctx->root, &st) == -1 ||
	    !S_ISDIR(st.st_mode))) {
		cli_warnx(ctx, "--root %s: %s", ctx->root, stat(ctx->root,
		    &st) == -1 ? strerror(errno) : "not a directory");
		return EX_NOINPUT;
	}
	/* How the host runs anacron jobs and run-parts folders. */
	if (ctx->all || (ctx->file != NULL && cli_is_anacrontab(ctx,
	    ctx->file)))
		cli_periodic_load(ctx);
	if ((flags & CLI_SRC_SINGLE) && (ctx->system || ctx->all)) {
		cli_warnx(ctx,
		    "%s selects several crontabs; '%s' works on one: "
		    "use --cron-d NAME, -f /etc/crontab, -f FILE or -u USER",
		    ctx->all ? "-a" : "-s",
		    ctx->cmd != NULL ? ctx->cmd->name : "this command");
		return CLI_EXIT_USAGE;
	}
	if (ctx->file != NULL) {
		system = !cli_is_anacrontab(ctx, ctx->file) &&
		    cli_file_is_system(ctx, ctx->file, &cron_d);
		rc = file_source(ctx, &s, ctx->file, system, cron_d, flags,
		    NULL);
	} else if (ctx->cron_d != NULL) {
		if (ctx->cron_d[0] == '\0' || strchr(ctx->cron_d,
		    '/') != NULL ||
		    strcmp(ctx->cron_d, ".") == 0 ||
		    strcmp(ctx->cron_d, "..") == 0) {
			cli_warnx(ctx, "--cron-d takes a file name, not '%s'",
			    ctx->cron_d);
			return CLI_EXIT_USAGE;
		}
		path = rooted(ctx, "/etc/cron.d/");
		if (asprintf(&s.label, "%s%s", path, ctx->cron_d) == -1)
			exit(EX_OSERR);
		free(path);
		path = s.label;
		rc = file_source(ctx, &s, path, ctx->format != CLI_FMT_USER,
		    true, flags, NULL);
		free(path);
	} else if (ctx->system || ctx->all) {
		rc = host_sources(ctx, CK_LIST_SYSTEM | (ctx->all ?
		    CK_LIST_SPOOL : 0), flags, &v, &nv);
		if (rc != 0)
			return rc;
		*out = v;
		*n = nv;
		return 0;
	} else
		rc = user_source(ctx, &s, ctx->user, flags);
	if (rc != 0) {
		free_one(&s);
		return rc;
	}
	add_source(&v, &nv, &s);
	*out = v;
	*n = nv;
	return 0;
}

/* Save the old text to --backup PATH (a new private file or replaced). */
static int
backup(const struct cli_ctx *ctx, const char *old, size_t len)
{
	const char *p = old;
	size_t left = len;
	ssize_t w;
	int fd;

	fd = open(ctx->backup, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
	    O_NOFOLLOW, 0600);
	if (fd == -1) {
		cli_warn(ctx, "cannot create the backup %s", ctx->backup);
		return EX_CANTCREAT;
	}
	while (left > 0) {
		if ((w = write(fd, p, left)) == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		p += w;
		left -= (size_t)w;
	}
	if (fsync(fd) == -1)
		goto fail;
	if (close(fd) == -1) {
		cli_warn(ctx, "cannot write the backup %s", ctx->backup);
		return EX_IOERR;
	}
	return 0;
fail:
	cli_warn(ctx, "cannot write the backup %s", ctx->backup);
	close(fd);
	return EX_IOERR;
}

int
cli_source_write(struct cli_source *src, const char *text, size_t len)
{
	struct src_priv *p = src->priv;
	const struct cli_ctx *ctx = src->ctx;
	ck_error err;
	int rc;

	if (p == NULL || p->old == NULL || ctx == NULL) {
		cli_warnx(ctx, "%s was not loaded for writing", src->label);
		return EX_SOFTWARE;
	}
	if (ctx->dry_run) {
		cli_udiff(ctx, stdout, src->label, p->old, p->oldlen,
		    src->label, text, len);
		return 0;
	}
	if (p->store == NULL) {
		/* Standard input: the result goes to standard output. */
		fwrite(text, 1, len, stdout);
		return 0;
	}
	if (ctx->backup != NULL && (rc = backup(ctx, p->old, p->oldlen)) != 0)
		return rc;
	memset(&err, 0, sizeof(err));
	if (ck_store_write(p->store, text, len, &err) == -1)
		return cli_error(ctx, NULL, &err);
	free(p->old);
	p->old = xmalloc(len + 1);
	memcpy(p->old, text, len);
	p->old[len] = '\0';
	p->oldlen = len;
	return 0;
}

const char *
cli_source_text(const struct cli_source *src, size_t *len)
{
	const struct src_priv *p = src->priv;

	/* Loaded without CLI_SRC_TEXT or CLI_SRC_WRITE: no text kept. */
	if (p == NULL || p->old == NULL) {
		*len = 0;
		return "";
	}
	*len = p->oldlen;
	return p->old;
}
