/* SPDX-License-Identifier: ISC */
/*
 * writecheck.c - every write is linted: the lines a write creates or
 * changes are checked with the lint rules, in the target's dialect and
 * format, before anything is written.  An error refuses the write, and
 * with --strict so does a warning; what is found is printed as check
 * prints it and kept for the command's --json answer.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static void
add_user(char ***v, size_t *n, const char *p, size_t len)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[*n] = xmalloc(len + 1);
	memcpy((*v)[*n], p, len);
	(*v)[*n][len] = '\0';
	(*n)++;
}

char **
cli_read_users(const struct cli_ctx *ctx, bool host, size_t *n)
{
	char *path = NULL, *buf, *p, *end, *nl, *colon, **v;
	struct passwd *pw;
	size_t len;
	ck_error err;

	*n = 0;
	if (ctx->root == NULL || ctx->root[0] == '\0') {
		if (!host)
			return NULL;
		v = xcalloc(1, sizeof(*v));
		setpwent();
		while ((pw = getpwent()) != NULL)
			add_user(&v, n, pw->pw_name, strlen(pw->pw_name));
		endpwent();
		return v;
	}
	if (asprintf(&path, "%s/etc/passwd", ctx->root) == -1)
		return NULL;
	if (cli_read_file(path, &buf, &len, &err) == -1) {
		cli_warnx(ctx, "%s: %s (user names are not checked)", path,
		    err.msg);
		free(path);
		return NULL;
	}
	free(path);
	v = xcalloc(1, sizeof(*v));
	for (p = buf, end = buf + len; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((colon = memchr(p, ':', (size_t)(nl - p))) == NULL ||
		    colon == p || *p == '#')
			continue;
		add_user(&v, n, p, (size_t)(colon - p));
	}
	free(buf);
	return v;
}

void
cli_users_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* A line of a text, for sorting. */
struct lref {
	const char	*p;
	size_t		 len;
	size_t		 idx;
};

static int
lref_cmp(const void *a, const void *b)
{
	const struct lref *x = a, *y = b;
	int c;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	if ((c = memcmp(x->p, y->p, x->len)) != 0)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static struct lref *
split_lines(const char *t, size_t len, size_t *n)
{
	struct lref *v;
	const char *p = t, *end = t + len, *nl;
	size_t cap = 1;

	/* Count first: one allocation, not one per line (quadratic). */
	for (nl = t; nl < end && (nl = memchr(nl, '\n',
	    (size_t)(end - nl))) != NULL; nl++)
		cap++;
	v = xreallocarray(NULL, cap, sizeof(*v));
	*n = 0;
	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		v[*n].p = p;
		v[*n].len = (size_t)(nl - p);
		v[*n].idx = *n;
		(*n)++;
		p = nl + 1;
	}
	return v;
}

/*
 * new_[i] is true for each line of b that is not in a (as a multiset of
 * lines: a line moved or repeated as often as before is not new).
 */
static bool *
new_lines(const char *a, size_t alen, const char *b, size_t blen,
    size_t *nb)
{
	struct lref *va, *vb;
	bool *fresh;
	size_t na, i = 0, k = 0;
	int c;

	va = split_lines(a, alen, &na);
	vb = split_lines(b, blen, nb);
	fresh = xcalloc(*nb + 1, sizeof(*fresh));
	if (na > 0)
		qsort(va, na, sizeof(*va), lref_cmp);
	if (*nb > 0)
		qsort(vb, *nb, sizeof(*vb), lref_cmp);
	while (k < *nb) {
		c = i >= na ? 1 : va[i].len != vb[k].len ?
		    (va[i].len < vb[k].len ? -1 : 1) :
		    memcmp(va[i].p, vb[k].p, va[i].len);
		if (c == 0) {
			i++;
			k++;
		} else if (c < 0) {
			i++;
		} else {
			fresh[vb[k].idx] = true;
			k++;
		}
	}
	free(va);
	free(vb);
	return fresh;
}

/* Lint text as src's new contents; keep what is on new lines. */
static int
lint_new(const struct cli_ctx *ctx, const struct cli_source *src,
    const char *text, size_t len, struct cli_written *w)
{
	struct ck_lint_opts lo = CK_LINT_OPTS_INIT;
	const ck_diag *d;
	ck_diag_list *dl = NULL;
	ck_error err;
	ck_tab *tab;
	const char *old;
	char **users = NULL;
	bool *fresh;
	size_t oldlen, nlines, nusers = 0, i;
	struct tm tm;
	time_t now;

	memset(&err, 0, sizeof(err));
	tab = ck_tab_parse(text, len, ck_tab_dialect(src->tab),
	    CK_PARSE_LENIENT | (src->system ? CK_PARSE_SYSTEM : 0), &err);
	if (tab == NULL)
		return cli_error(ctx, src->label, &err);
	now = time(NULL);
	if (localtime_r(&now, &tm) != NULL)
		lo.year = tm.tm_year + 1900;
	if (src->system) {
		users = cli_read_users(src->ctx, true, &nusers);
		lo.users = (const char *const *)users;
		lo.nusers = nusers;
	}
	if (ck_lint(tab, &lo, &dl, &err) == -1) {
		ck_tab_free(tab);
		cli_users_free(users, nusers);
		return cli_error(ctx, src->label, &err);
	}
	old = cli_source_text(src, &oldlen);
	fresh = new_lines(old, oldlen, text, len, &nlines);
	for (i = 0; i < ck_diag_count(dl); i++) {
		d = ck_diag_at(dl, i);
		if (d->severity == CK_SEV_INFO || d->line == 0 ||
		    d->line > nlines || !fresh[d->line - 1])
			continue;
		w->v = xreallocarray(w->v, w->n + 1, sizeof(*w->v));
		w->v[w->n].severity = d->severity;
		w->v[w->n].line = d->line;
		w->v[w->n].column = d->column;
		w->v[w->n].code = d->code;
		w->v[w->n].name = d->name;
		w->v[w->n].message = xstrdup(d->message);
		w->n++;
		cli_print_diag(src->ctx, stderr, src->label, d);
	}
	free(fresh);
	ck_diag_list_free(dl);
	ck_tab_free(tab);
	cli_users_free(users, nusers);
	return 0;
}

int
cli_write_check(const struct cli_ctx *ctx, struct cli_source *src,
    const char *text, size_t len)
{
	struct cli_written *w = src->written;
	size_t i, nerr = 0, nwarn = 0;
	int rc;

	/*
	 * An anacrontab is no crontab: its lines are written from a checked
	 * ck_anajob_spec (ck_anajob_spec_check()), so anacron accepts them.
	 */
	if (src->ana != NULL)
		return 0;
	if (w != NULL && w->len == len && memcmp(w->text, text, len) == 0)
		goto verdict;
	cli_written_free(w);
	w = src->written = xcalloc(1, sizeof(*w));
	w->text = xmalloc(len + 1);
	memcpy(w->text, text, len);
	w->text[len] = '\0';
	w->len = len;
	if ((rc = lint_new(ctx, src, text, len, w)) != 0) {
		cli_written_free(w);
		src->written = NULL;
		return rc;
	}
verdict:
	for (i = 0; i < w->n; i++) {
		if (w->v[i].severity == CK_SEV_ERROR)
			nerr++;
		else
			nwarn++;
	}
	if (nerr > 0 || (src->ctx->strict && nwarn > 0)) {
		if (nerr > 0)
			cli_warnx(ctx, "%s: %zu error%s in the lines to write; "
			    "nothing written", src->label, nerr,
			    nerr == 1 ? "" : "s");
		else
			cli_warnx(ctx,
			    "%s: %zu warning%s in the lines to write "
			    "(--strict); nothing written", src->label, nwarn,
			    nwarn == 1 ? "" : "s");
		return EX_DATAERR;
	}
	return 0;
}

void
cli_json_findings(struct json *j, const struct cli_source *src)
{
	const struct cli_written *w = src->written;
	size_t i;

	json_key(j, "warnings");
	json_arr_begin(j);
	for (i = 0; w != NULL && i < w->n; i++) {
		json_obj_begin(j);
		json_key(j, "line");
		json_int(j, w->v[i].line);
		json_key(j, "column");
		json_int(j, w->v[i].column);
		json_key(j, "severity");
		json_str(j, cli_severity_name(w->v[i].severity));
		json_key(j, "code");
		json_str(j, w->v[i].code);
		json_key(j, "rule");
		json_str(j, w->v[i].name);
		json_key(j, "message");
		json_str(j, w->v[i].message);
		json_obj_end(j);
	}
	json_arr_end(j);
}
