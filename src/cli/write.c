/* SPDX-License-Identifier: ISC */
/*
 * write.c - what the write commands (set, remove, enable, disable,
 * install, edit) share: loading the one crontab they change, and writing
 * the new text back only when it differs from what was read.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
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
		cli_warnx("warning: %s: %s cron ignores this file (%s); its "
		    "jobs do not run", s->path, ck_dialect_name(ctx->dialect),
		    why);
}

/*
 * A write replaces the file by renaming a new one over it (atomic): other
 * hard links to it keep the old text.  Say so before it happens.
 */
static void
warn_hard_links(const struct cli_source *s)
{
	struct stat st;

	if (s->path == NULL || strcmp(s->path, "-") == 0 ||
	    lstat(s->path, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_nlink <= 1)
		return;
	cli_warnx("warning: %s has %ju hard links; the write replaces this "
	    "name only, the other links keep the old text", s->path,
	    (uintmax_t)st.st_nlink);
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
		cli_warnx("no crontab to change");
		return EX_NOINPUT;
	}
	warn_ignored(ctx, *v);
	warn_hard_links(*v);
	return 0;
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
cli_write_text(struct cli_source *src, const char *text, size_t len,
    bool *changed)
{
	const char *old;
	size_t oldlen;

	int rc;

	old = cli_source_text(src, &oldlen);
	*changed = oldlen != len || memcmp(old, text, len) != 0;
	if (!*changed)
		return 0;
	if ((rc = cli_write_check(src, text, len)) != 0) {
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
cli_write_tab(struct cli_source *src, bool *changed)
{
	ck_error err;
	char *text;
	size_t len;
	int rc;

	memset(&err, 0, sizeof(err));
	if (cli_source_format(src, &text, &len, &err) == -1)
		return cli_error(src->label, &err);
	rc = cli_write_text(src, text, len, changed);
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
	{ "id", 0, CLI_KEY_OWN, "ID", "the job's marker id", CLI_COMP_ID,
	    NULL, CLI_OPT_REQUIRED },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

int
cli_switch_exec(struct cli_ctx *ctx, const struct cli_args *a, bool enable)
{
	const char *id = NULL;
	size_t i;

	for (i = 0; i < a->nopts; i++)
		if (a->opts[i].key == CLI_KEY_OWN)
			id = a->opts[i].arg;
	if (a->argc != 0)
		return cli_usage_error(ctx->cmd, "unexpected argument '%s'",
		    a->argv[0]);
	if (id == NULL)
		return cli_usage_error(ctx->cmd, "%s needs --id ID",
		    ctx->cmd->name);
	return cli_switch_job(ctx, id, enable);
}

int
cli_switch_job(struct cli_ctx *ctx, const char *id, bool enable)
{
	struct cli_source *src = NULL;
	struct json j;
	ck_error err;
	size_t n = 0, line = 0;
	const ck_job *job;
	bool changed = false, written;
	int rc;

	if ((rc = cli_write_load(ctx, &src, &n)) != 0)
		return rc;
	memset(&err, 0, sizeof(err));
	if ((src->ana != NULL ? ck_anacrontab_set_enabled(src->ana, id,
	    strlen(id), enable, &changed, &err) : ck_tab_set_enabled(src->tab,
	    id, strlen(id), enable, &changed, &err)) == -1) {
		cli_warnx("%s: %s", src->label, err.msg);
		rc = err.code == CK_ENOTFOUND ? CLI_EXIT_FAIL :
		    cli_exit_code(&err);
		goto out;
	}
	if (src->ana != NULL) {
		const ck_anajob *aj = ck_anacrontab_find(src->ana, id,
		    strlen(id));

		line = aj != NULL ? aj->lineno : 0;
	} else if ((job = ck_tab_find_id(src->tab, id, strlen(id))) != NULL)
		line = ck_job_line(job) + 1;
	if (changed && (rc = cli_write_tab(src, &written)) != 0)
		goto out;
	if (ctx->json) {
		json_init(&j, stdout);
		json_obj_begin(&j);
		json_key(&j, "result");
		json_str(&j, changed ? (enable ? "enabled" : "disabled") :
		    "unchanged");
		json_key(&j, "id");
		json_str(&j, id);
		json_key(&j, "line");
		json_int(&j, (long long)line);
		cli_json_diff(&j, src);
		json_obj_end(&j);
		json_end(&j);
	} else {
		fprintf(cli_result_file(src), "%s\n", changed ?
		    (enable ? "enabled" : "disabled") : "unchanged");
	}
	rc = cli_finish(CLI_EXIT_OK);
out:
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
		cli_error(path, &err);
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
