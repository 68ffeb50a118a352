/* SPDX-License-Identifier: ISC */
/*
 * write.c - what the write commands (set, remove, enable, disable,
 * install, edit) share: loading the one crontab they change, and writing
 * the new text back only when it differs from what was read.
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

/*
 * A write into a system crontab that cron ignores (owned by someone else
 * than root, writable by others, a name cron skips) changes nothing that
 * runs: say so.
 */
static void
warn_ignored(const struct cli_ctx *ctx, const struct cli_source *s)
{
	struct stat st;
	const char *why;
	bool cron_d = false;
	int e;

	if (s->path == NULL || strcmp(s->path, "-") == 0 || !s->system ||
	    lstat(s->path, &st) == -1)
		return;
	(void)cli_system_path(s->path, &cron_d);
	why = ck_store_file_ignored(s->path, cron_d ? CK_STORE_KIND_CRON_D :
	    CK_STORE_KIND_CRONTAB, ctx->dialect, -1, &e);
	if (why != NULL && e == 0)
		cli_warnx(ctx,
		    "warning: %s: %s cron ignores this file (%s); its "
		    "jobs do not run", s->path, ck_dialect_name(ctx->dialect),
		    why);
}

/*
 * A write replaces the file by renaming a new one over it (atomic): other
 * hard links to it keep the old text.  Say so before it happens.
 */
static void
warn_hard_links(const struct cli_ctx *ctx, const struct cli_source *s)
{
	struct stat st;

	if (s->path == NULL || strcmp(s->path, "-") == 0 ||
	    lstat(s->path, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_nlink <= 1)
		return;
	cli_warnx(ctx,
	    "warning: %s has %ju hard links; the write replaces this "
	    "name only, the other links keep the old text", s->path,
	    (uintmax_t)st.st_nlink);
}

/*
 * A crontab of a --root image is written only inside the image: a folder
 * on its path that is a symbolic link leading out (etc/cron.d -> /etc/...)
 * would make a write to the image change the host.  @return true when
 * path is the image's and its folder resolves outside the image.
 */
static bool
leaves_root(const struct cli_ctx *ctx, const char *path)
{
	char *dir, *real, *root, *slash;
	size_t rl;
	bool out;

	rl = strlen(ctx->root);
	if (rl == 0 || path == NULL || strncmp(path, ctx->root, rl) != 0)
		return false;
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL && slash != dir)
		*slash = '\0';
	real = realpath(dir, NULL);
	root = realpath(ctx->root, NULL);
	out = real == NULL || root == NULL ||
	    strncmp(real, root, strlen(root)) != 0 ||
	    (real[strlen(root)] != '\0' && real[strlen(root)] != '/' &&
	    strcmp(root, "/") != 0);
	free(dir);
	free(real);
	free(root);
	return out;
}

int
cli_write_load(struct cli_ctx *ctx, struct cli_source **v, size_t *n)
{
	int rc;

	rc = cli_load_sources(ctx,
	    CLI_SRC_SINGLE | CLI_SRC_WRITE | CLI_SRC_LENIENT,
	    v, n);
	if (rc != 0)
		return rc;
	if (*n != 1) {
		cli_sources_free(*v, *n);
		*v = NULL;
		*n = 0;
		if ((rc = cli_sources_status(ctx)) != 0)
			return rc;
		cli_warnx(ctx, "no crontab to change");
		return EX_NOINPUT;
	}
	if (leaves_root(ctx, (*v)->path)) {
		cli_warnx(ctx,
		    "%s: its folder leads out of the --root image %s "
		    "(a symbolic link); not written", (*v)->path, ctx->root);
		cli_sources_free(*v, *n);
		*v = NULL;
		*n = 0;
		return EX_NOPERM;
	}
	warn_ignored(ctx, *v);
	warn_hard_links(ctx, *v);
	return 0;
}

const char *
cli_result_word(const struct cli_ctx *ctx, const char *done)
{
	static const struct {
		const char	*done, *would;
	} words[] = {
		{ "created", "would create" }, { "updated", "would update" },
		{ "installed", "would install" }, { "enabled", "would enable" },
		{ "disabled", "would disable" }, { "removed", "would remove" },
	};
	size_t i;

	if (!ctx->dry_run)
		return done;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(done, words[i].done) == 0)
			return words[i].would;
	return done;
}

FILE *
cli_result_file(const struct cli_source *src)
{
	/* '-f -' writes the new crontab to stdout: the word goes aside. */
	if (src->path != NULL && strcmp(src->path, "-") == 0 &&
	    !src->ctx->dry_run)
		return stderr;
	return stdout;
}

int
cli_write_text(const struct cli_ctx *ctx, struct cli_source *src,
    const char *text, size_t len, bool *changed)
{
	const char *old;
	size_t oldlen;

	int rc;

	old = cli_source_text(src, &oldlen);
	*changed = oldlen != len || memcmp(old, text, len) != 0;
	if (!*changed)
		return 0;
	if ((rc = cli_write_check(ctx, src, text, len)) != 0) {
		*changed = false;
		return rc;
	}
	/* A JSON document carries its diff itself (cli_json_diff()). */
	if (src->ctx->dry_run && src->ctx->json)
		return 0;
	return cli_source_write(src, text, len);
}

int
cli_source_format(const struct cli_source *src, char **text, size_t *len,
    ck_error *err)
{
	if (src->ana != NULL)
		return ck_anacrontab_format(src->ana, text, len, err);
	return ck_tab_format(src->tab, text, len, err);
}

int
cli_write_tab(const struct cli_ctx *ctx, struct cli_source *src, bool *changed)
{
	ck_error err;
	char *text;
	size_t len;
	int rc;

	memset(&err, 0, sizeof(err));
	if (cli_source_format(src, &text, &len, &err) == -1)
		return cli_error(ctx, src->label, &err);
	rc = cli_write_text(ctx, src, text, len, changed);
	free(text);
	return rc;
}

void
cli_json_diff(struct json *j, const struct cli_source *src)
{
	ck_error err;
	const char *old;
	char *text, *diff;
	size_t oldlen, len, dlen;

	cli_json_findings(j, src);
	if (!src->ctx->dry_run)
		return;
	json_key(j, "diff");
	memset(&err, 0, sizeof(err));
	if (cli_source_format(src, &text, &len, &err) == -1) {
		json_null(j);
		return;
	}
	old = cli_source_text(src, &oldlen);
	if (ck_udiff(old, oldlen, text, len, src->label, src->label, &diff,
	    &dlen, &err) == -1) {
		json_null(j);
	} else {
		json_strn(j, diff, dlen);
		free(diff);
	}
	free(text);
}

const struct cli_option cli_switch_options[] = {
	{ "id", 0, CLI_KEY_OWN, "ID", "the job's marker id (with --line or "
	    "--match: the id to give an unmarked job)", CLI_COMP_ID, NULL, 0 },
	{ "line", 0, CLI_KEY_LINE, "N", "the job on line N (or its marker "
	    "line), for a job without an id", CLI_COMP_NONE, NULL, 0 },
	{ "match", 0, CLI_KEY_MATCH, "'SCHEDULE COMMAND'", "the one job "
	    "with exactly this schedule and command", CLI_COMP_NONE, NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

int
cli_switch_exec(struct cli_ctx *ctx, const struct cli_args *a, bool enable)
{
	struct cli_pick pick = { NULL, NULL };
	const char *id = NULL;
	size_t i;
	int rc;

	for (i = 0; i < a->nopts; i++)
		if ((rc = cli_pick_option(&pick, a->opts[i].key,
		    a->opts[i].arg)) == 0 && a->opts[i].key == CLI_KEY_OWN)
			id = a->opts[i].arg;
	if (a->argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'",
		    a->argv[0]);
	if (pick.line != NULL && pick.match != NULL)
		return cli_usage_error(ctx, "--line and --match select "
		    "the job two ways: give one");
	if (id == NULL && pick.line == NULL && pick.match == NULL)
		return cli_usage_error(ctx, "%s needs --id ID, --line N "
		    "or --match 'SCHEDULE COMMAND'", ctx->cmd->name);
	return cli_switch_job(ctx, id, &pick, enable);
}

int
cli_pick_option(struct cli_pick *p, int key, const char *arg)
{
	if (key == CLI_KEY_LINE)
		p->line = arg;
	else if (key == CLI_KEY_MATCH)
		p->match = arg;
	else
		return 0;
	return 1;
}

/* "2, 5, 9" : the lines of the jobs of tab (at most 12), for messages. */
static void
job_lines(FILE *f, const ck_tab *tab, const size_t *v, size_t n)
{
	size_t i, k = v != NULL ? n : ck_tab_job_count(tab);

	for (i = 0; i < k && i < 12; i++)
		fprintf(f, "%s%zu", i ? ", " : "", ck_job_line(ck_tab_job(tab,
		    v != NULL ? v[i] : i)) + 1);
	if (k > 12)
		fprintf(f, ", ...");
}

/* Does job have exactly the schedule, user and command of want? */
static bool
same_job(const ck_job *job, const ck_job *want)
{
	const char *a, *b;
	size_t alen, blen;

	if (!ck_expr_same(ck_job_expr(job), ck_job_expr(want)))
		return false;
	a = ck_job_command(job, &alen);
	b = ck_job_command(want, &blen);
	if (alen != blen || memcmp(a, b, alen) != 0)
		return false;
	a = ck_job_user(job, &alen);
	b = ck_job_user(want, &blen);
	if ((a == NULL) != (b == NULL))
		return false;
	return a == NULL || (alen == blen && memcmp(a, b, alen) == 0);
}

int
cli_pick_job(const struct cli_ctx *ctx, const struct cli_source *src,
    const struct cli_pick *p, size_t *out)
{
	const ck_tab *tab = src->tab;
	const ck_job *job;
	ck_tab *one;
	ck_error err;
	const char *errstr;
	size_t i, n, *v = NULL, nv = 0, len = 0;
	long long line;

	n = ck_tab_job_count(tab);
	if (p->line != NULL) {
		line = strtonum(p->line, 1, LLONG_MAX, &errstr);
		if (errstr != NULL)
			return cli_usage_error(NULL, "--line %s: not a line "
			    "number (%s)", p->line, errstr);
		for (i = 0; i < n; i++) {
			job = ck_tab_job(tab, i);
			if ((long long)ck_job_line(job) + 1 == line ||
			    (ck_job_marker_line(job) != (size_t)-1 &&
			    (long long)ck_job_marker_line(job) + 1 == line)) {
				*out = i;
				return 0;
			}
		}
		fflush(stdout);
		fprintf(stderr, "%s: %s: no job on line %lld", getprogname(),
		    src->label, line);
		if (n > 0) {
			fprintf(stderr, " (the jobs are on lines ");
			job_lines(stderr, tab, NULL, 0);
			fputc(')', stderr);
		}
		fputc('\n', stderr);
		return EX_NOINPUT;
	}
	/* --match: the text read as one line of this crontab. */
	memset(&err, 0, sizeof(err));
	one = ck_tab_parse(p->match, strlen(p->match), ck_tab_dialect(tab),
	    src->system ? CK_PARSE_SYSTEM : 0, &err);
	if (one != NULL && ck_tab_job_count(one) == 1)
		(void)ck_job_command(ck_tab_job(one, 0), &len);
	if (one == NULL || ck_tab_job_count(one) != 1 || len == 0) {
		cli_warnx(ctx,
		    "--match '%s': not one crontab line with a schedule "
		    "and a command%s%s", p->match, one == NULL ? ": " : "",
		    one == NULL ? err.msg : "");
		ck_tab_free(one);
		return EX_DATAERR;
	}
	for (i = 0; i < n; i++)
		if (same_job(ck_tab_job(tab, i), ck_tab_job(one, 0))) {
			v = xreallocarray(v, nv + 1, sizeof(*v));
			v[nv++] = i;
		}
	ck_tab_free(one);
	if (nv == 1) {
		*out = v[0];
		free(v);
		return 0;
	}
	fflush(stdout);
	if (nv == 0)
		fprintf(stderr, "%s: %s: no job is exactly '%s'\n",
		    getprogname(), src->label, p->match);
	else {
		fprintf(stderr, "%s: %s: %zu jobs are exactly '%s' (lines ",
		    getprogname(), src->label, nv, p->match);
		job_lines(stderr, tab, v, nv);
		fprintf(stderr, "); nothing changed: use --line N\n");
	}
	free(v);
	return nv == 0 ? EX_NOINPUT : CLI_EXIT_FAIL;
}

int
cli_switch_job(struct cli_ctx *ctx, const char *id,
    const struct cli_pick *pick, bool enable)
{
	struct cli_source *src = NULL;
	struct json j;
	ck_error err;
	size_t n = 0, line = 0, k = 0, len;
	const ck_job *job;
	const char *s;
	char *own = NULL;
	bool changed = false, written, picked, adopted = false;
	int rc;

	picked = pick != NULL && (pick->line != NULL || pick->match != NULL);
	if ((rc = cli_write_load(ctx, &src, &n)) != 0)
		return rc;
	memset(&err, 0, sizeof(err));
	if (picked && src->ana != NULL) {
		rc = cli_usage_error(ctx, "an anacrontab's jobs are "
		    "selected by their identifier: --id ID");
		goto out;
	}
	if (picked) {
		if ((rc = cli_pick_job(ctx, src, pick, &k)) != 0)
			goto out;
		job = ck_tab_job(src->tab, k);
		if ((s = ck_job_id(job, &len)) != NULL) {
			if (id != NULL && (strlen(id) != len ||
			    memcmp(id, s, len) != 0)) {
				cli_warnx(ctx,
				    "%s: line %zu is the job '%.*s', not "
				    "'%s'", src->label, ck_job_line(job) + 1,
				    (int)len, s, id);
				rc = EX_DATAERR;
				goto out;
			}
		} else if (!enable && id == NULL) {
			cli_warnx(ctx,
			    "%s: the job on line %zu has no id, and a "
			    "disabled line without one reads as a comment: "
			    "name it with --id NEW", src->label,
			    ck_job_line(job) + 1);
			rc = EX_DATAERR;
			goto out;
		} else if (!enable) {
			if (ck_tab_job_adopt(src->tab, k, id, strlen(id),
			    &err) == -1) {
				rc = cli_error(ctx, src->label, &err);
				goto out;
			}
			adopted = true;
		}
		if (ck_tab_job_set_enabled(src->tab, k, enable, &changed,
		    &err) == -1) {
			rc = cli_error(ctx, src->label, &err);
			goto out;
		}
		job = ck_tab_job(src->tab, k);
		line = ck_job_line(job) + 1;
		if ((s = ck_job_id(job, &len)) != NULL) {
			own = xmalloc(len + 1);
			memcpy(own, s, len);
			own[len] = '\0';
		}
		id = own;
		changed = changed || adopted;
	} else if ((src->ana != NULL ? ck_anacrontab_set_enabled(src->ana, id,
	    strlen(id), enable, &changed, &err) : ck_tab_set_enabled(src->tab,
	    id, strlen(id), enable, &changed, &err)) == -1) {
		if (err.code == CK_ENOTFOUND)
			rc = cli_no_such_id(ctx, src, n, id);
		else {
			cli_warnx(ctx, "%s: %s", src->label, err.msg);
			rc = cli_exit_code(&err);
		}
		goto out;
	}
	if (picked) {
		/* line and id are known */
	} else if (src->ana != NULL) {
		const ck_anajob *aj = ck_anacrontab_find(src->ana, id,
		    strlen(id));

		line = aj != NULL ? aj->lineno : 0;
	} else if ((job = ck_tab_find_id(src->tab, id, strlen(id))) != NULL)
		line = ck_job_line(job) + 1;
	if (changed && (rc = cli_write_tab(ctx, src, &written)) != 0)
		goto out;
	if (ctx->json) {
		cli_json_init(ctx, &j, stdout);
		json_obj_begin(&j);
		json_key(&j, "result");
		json_str(&j, changed ? (enable ? "enabled" : "disabled") :
		    "unchanged");
		json_key(&j, "id");
		if (id != NULL)
			json_str(&j, id);
		else
			json_null(&j);
		json_key(&j, "line");
		json_int(&j, (long long)line);
		cli_json_diff(&j, src);
		json_obj_end(&j);
		json_end(&j);
	} else {
		fprintf(cli_result_file(src), "%s\n", cli_result_word(ctx,
		    changed ? (enable ? "enabled" : "disabled") :
		    "unchanged"));
	}
	rc = cli_finish(CLI_EXIT_OK);
out:
	free(own);
	cli_sources_free(src, n);
	return rc;
}

size_t
cli_check_text(struct cli_ctx *ctx, const char *path, const char *text,
    size_t len, bool system)
{
	const ck_diag_list *dl;
	const ck_diag *d;
	ck_tab *tab;
	ck_error err;
	size_t i, nerr = 0;

	memset(&err, 0, sizeof(err));
	tab = ck_tab_parse(text, len, ctx->dialect, CK_PARSE_LENIENT |
	    (system ? CK_PARSE_SYSTEM : 0), &err);
	if (tab == NULL) {
		cli_error(ctx, path, &err);
		return 1;
	}
	dl = ck_tab_diags(tab);
	for (i = 0; i < ck_diag_count(dl); i++) {
		d = ck_diag_at(dl, i);
		cli_print_diag(ctx, stderr, path, d);
		if (d->severity == CK_SEV_ERROR)
			nerr++;
	}
	ck_tab_free(tab);
	return nerr;
}
