/* SPDX-License-Identifier: ISC */
/*
 * cmd_check.c - "cronkeep check": lint crontab files or schedule
 * expressions and report every problem, gcc style, as JSON, as SARIF 2.1.0
 * or as GitHub Actions workflow commands.
 */
#include <sys/stat.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "fires.h"
#include "linttune.h"
#include "commands.h"
#include "fleet.h"
#include "periodic.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define CRONKEEP_URI "https://github.com/cronkeep/cronkeep"

enum out_format { OUT_TEXT, OUT_JSON, OUT_SARIF, OUT_GITHUB };

struct report {
	char		*path;		/* for messages; the text for --expr */
	bool		 is_expr;
	ck_tab		*tab;		/* owned, or NULL */
	ck_diag_list	*list;		/* owned, or NULL */
	ck_diag		 one;		/* an expression's syntax error */
	bool		 has_one;
	const ck_diag	**v;		/* what is reported, in order */
	size_t		 n;
	bool		 unreadable;
	char		*from;		/* where its .cronkeep.toml is looked
					   for (the file), or NULL: here */
	/*
	 * Linted while it is printed (ck_lint_each()), its findings never
	 * kept: the last report, when nothing is printed after it is read.
	 */
	bool		 deferred;
	struct ck_lint_opts lo;		/* for it */
	struct lint_tune tune;		/* what it shows */
	int		 fo_sev;	/* --fail-on for its findings */
};

static int
severity_from(const char *s, ck_severity *out)
{
	int v;

	/* One reader of level names: the tuning's (linttune.c). */
	if (lint_tune_severity(s, &v) == -1)
		return -1;
	*out = (ck_severity)v;
	return 0;
}

static const char *
sarif_level(ck_severity s)
{
	return s == CK_SEV_ERROR ? "error" : s == CK_SEV_WARNING ? "warning" :
	    "note";
}

/* "a,b" -> dialect bits.  @return 0, or -1 (printed). */
static int
parse_dialects(const struct cli_ctx *ctx, const char *list, unsigned int *bits)
{
	char *copy, *s, *tok;
	ck_dialect d;
	ck_error err;
	int rc = 0;

	copy = xstrdup(list);
	for (s = copy; (tok = strsep(&s, ",")) != NULL;) {
		if (*tok == '\0')
			continue;
		if (ck_dialect_from_name(tok, &d, &err) == -1) {
			cli_warnx(ctx, "--also-dialect: %s", err.msg);
			rc = -1;
			break;
		}
		if (d == CK_DIALECT_PORTABLE)
			*bits |= CK_DIALECT_BIT(CK_DIALECT_DEBIAN) |
			    CK_DIALECT_BIT(CK_DIALECT_CRONIE) |
			    CK_DIALECT_BIT(CK_DIALECT_OPENBSD) |
			    CK_DIALECT_BIT(CK_DIALECT_BUSYBOX);
		else
			*bits |= CK_DIALECT_BIT(d);
	}
	free(copy);
	return rc;
}

/* Read by cron itself as a system crontab: /etc/crontab, /etc/cron.d/. */
/* Is path a file cron itself reads (owner and mode rules apply)? */
static bool
cron_reads(const char *path)
{
	bool cron_d;

	return cli_system_path(path, &cron_d);
}

/* The file facts of path (NULL: none) for linting r->tab. */
static void
lint_facts(struct report *r, const char *path, struct ck_lint_opts *o)
{
	struct stat st, lst;

	o->path = path;
	o->system_file = path != NULL && ck_tab_is_system(r->tab) &&
	    cron_reads(path);
	o->have_stat = false;
	if (path != NULL && strcmp(path, "-") != 0 && stat(path, &st) == 0 &&
	    lstat(path, &lst) == 0) {
		o->have_stat = true;
		o->mode = (unsigned int)st.st_mode;
		o->uid = (unsigned long)st.st_uid;
		o->is_symlink = S_ISLNK(lst.st_mode);
		o->link_uid = (unsigned long)lst.st_uid;
		o->nlink = (unsigned long)st.st_nlink;
	}
}

/*
 * Lint r->tab with the file facts of path (NULL: none); defer: only
 * the facts, kept in r for printing as it is linted.
 */
static int
lint_tab(const struct cli_ctx *ctx, struct report *r, const char *path,
    struct ck_lint_opts *o, bool defer)
{
	ck_error err;

	lint_facts(r, path, o);
	if (defer) {
		r->lo = *o;
		r->deferred = true;
		return 0;
	}
	if (ck_lint(r->tab, o, &r->list, &err) == -1)
		return cli_error(ctx, r->path, &err);
	return 0;
}

/* An anacrontab: anacron's own rules (takes buf). */
static int
check_anacrontab(const struct cli_ctx *ctx, struct report *r, char *buf,
    size_t len)
{
	ck_anacrontab *t;
	ck_error err;
	int rc;

	t = ck_anacrontab_parse(buf, len, &err);
	free(buf);
	if (t == NULL || ck_anacrontab_lint(t, &r->list, &err) == -1) {
		rc = cli_error(ctx, r->path, &err);
		ck_anacrontab_free(t);
		return rc;
	}
	ck_anacrontab_free(t);
	return 0;
}

/* The entries of a run-parts folder that have findings, one report each. */
static void
check_runparts(const struct cli_ctx *ctx, const struct cli_runparts *p,
    struct report **reps, size_t *nrep)
{
	const ck_runpart *e;
	ck_diag_list *l;
	ck_error err;
	size_t i;

	for (i = 0; i < ck_runparts_count(p->rp); i++) {
		e = ck_runparts_at(p->rp, i);
		if (ck_runpart_lint(e, &l, &err) == -1) {
			cli_error(ctx, e->path, &err);
			continue;
		}
		if (ck_diag_count(l) == 0) {
			ck_diag_list_free(l);
			continue;
		}
		*reps = xreallocarray(*reps, *nrep + 1, sizeof(**reps));
		memset(&(*reps)[*nrep], 0, sizeof(**reps));
		(*reps)[*nrep].path = xstrdup(e->path);
		(*reps)[*nrep].list = l;
		(*nrep)++;
	}
}

static int
check_file(const struct cli_ctx *ctx, const char *path, struct report *r,
    struct ck_lint_opts *o, bool defer)
{
	ck_error err;
	char *buf;
	size_t len;
	unsigned int flags = CK_PARSE_LENIENT;

	r->path = xstrdup(strcmp(path, "-") == 0 ? "(stdin)" : path);
	r->from = strcmp(path, "-") == 0 ? NULL : xstrdup(path);
	if (cli_read_file(path, &buf, &len, &err) == -1) {
		r->unreadable = true;
		return cli_error(ctx, NULL, &err);
	}
	if (cli_is_anacrontab(ctx, path))
		return check_anacrontab(ctx, r, buf, len);
	if (cli_file_is_system(ctx, path, NULL))
		flags |= CK_PARSE_SYSTEM;
	if ((r->tab = ck_tab_parse_owned(buf, len, ctx->dialect, flags,
	    &err)) == NULL) {
		r->unreadable = true;
		return cli_error(ctx, r->path, &err);
	}
	return lint_tab(ctx, r, strcmp(path, "-") == 0 ? NULL : path, o, defer);
}

/*
 * An expression: its syntax error, or what lint says about its schedule
 * (checked as the job "EXPR x" of a one-line user crontab).
 */
static int
check_expr(const struct cli_ctx *ctx, const char *text, struct report *r,
    struct ck_lint_opts *o)
{
	const struct ck_rule *rule;
	ck_expr *e;
	ck_error err;
	char *line;
	size_t n = strlen(text);

	r->path = xstrdup(text);
	r->is_expr = true;
	if ((e = ck_expr_parse(text, n, ctx->dialect, &err)) == NULL) {
		rule = ck_rule_get(err.rule);
		r->has_one = true;
		r->one.severity = CK_SEV_ERROR;
		r->one.line = err.line;
		r->one.column = err.column;
		r->one.rule = err.rule;
		r->one.code = rule != NULL ? rule->code : "CK008";
		r->one.name = rule != NULL ? rule->name : "field-syntax";
		r->one.message = xstrdup(err.msg);
		r->one.hint = NULL;
		return 0;
	}
	ck_expr_free(e);
	if (asprintf(&line, "%s x\n", text) == -1)
		return EX_OSERR;
	r->tab = ck_tab_parse(line, strlen(line), ctx->dialect,
	    CK_PARSE_LENIENT, &err);
	free(line);
	if (r->tab == NULL)
		return cli_error(ctx, r->path, &err);
	return lint_tab(ctx, r, NULL, o, false);
}

/* What a report shows: for an expression, only its schedule's findings. */
static void
collect(struct report *r, const struct lint_tune *t)
{
	const ck_diag *d;
	size_t i, k, len = r->is_expr ? strlen(r->path) : 0;

	if (r->has_one) {
		r->v = xcalloc(1, sizeof(*r->v));
		r->v[0] = &r->one;
		r->n = lint_tune_shows(t, &r->one) ? 1 : 0;
		return;
	}
	k = ck_diag_count(r->list);
	r->v = xcalloc(k ? k : 1, sizeof(*r->v));
	for (i = 0; i < k; i++) {
		d = ck_diag_at(r->list, i);
		if (r->is_expr && (d->line != 1 || d->column < 1 ||
		    d->column > len || strcmp(d->name, "no-id") == 0))
			continue;
		if (!lint_tune_shows(t, d))
			continue;
		r->v[r->n++] = d;
	}
}

/* ---- output ---- */

/*
 * SARIF counts columns in Unicode code points (the run says
 * "columnKind": "unicodeCodePoints"); cronkeep's are bytes.  The code
 * point of byte column col of line (1-based) in r's text.
 */
static long long
sarif_column(const struct report *r, unsigned int line, unsigned int col)
{
	const char *t;
	size_t len, i, n = 0;

	if (col == 0)
		return 1;
	if (r->tab == NULL || line == 0 ||
	    (t = ck_tab_line_text(r->tab, line - 1, &len, NULL)) == NULL)
		return col;
	for (i = 0; i + 1 < col && i < len; i++)
		if (((unsigned char)t[i] & 0xc0) != 0x80)
			n++;
	return (long long)(n + 1 + (col - 1 > len ? col - 1 - len : 0));
}



/* The source line (escaped) and a caret under the column. */
static void
show_caret(FILE *f, const struct report *r, const ck_diag *d)
{
	const char *text;
	size_t len, col, w;
	char *vis;

	if (d->line == 0 || d->column == 0)
		return;
	if (r->is_expr) {
		text = r->path;
		len = strlen(text);
	} else if (r->tab != NULL && d->line <= ck_tab_line_count(r->tab))
		text = ck_tab_line_text(r->tab, d->line - 1, &len, NULL);
	else
		return;
	col = d->column - 1 > len ? len : d->column - 1;
	vis = cli_vis(text, col, 0);
	w = strlen(vis);
	fputc(' ', f);
	cli_put_vis(f, text, len);
	fprintf(f, "\n %*s^\n", (int)w, "");
	free(vis);
}

/*
 * A finding's line of text, built here and written with one fwrite(3): a
 * file can have thousands of findings, and a dozen stdio calls for each
 * cost more than making them.
 */
struct lbuf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

static void
lb_grow(struct lbuf *b, size_t n)
{
	size_t cap = b->cap ? b->cap : 256;

	while (cap - b->len < n)
		cap *= 2;
	b->p = xreallocarray(b->p, cap, 1);
	b->cap = cap;
}

static inline void
lb_add(struct lbuf *b, const void *s, size_t n)
{
	if (n > b->cap - b->len)
		lb_grow(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

static void
lb_adds(struct lbuf *b, const char *s)
{
	lb_add(b, s, strlen(s));
}

/*
 * A message on a terminal or in a log: control characters and bytes
 * above 0x7e as octal escapes, everything else (backslashes too) as is, so
 * "write \\% for a literal percent" reads as written.
 */
static void
lb_msg(struct lbuf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *end, *run;
	char oct[4];
	uint64_t x, bad;

	/*
	 * Runs of printable bytes at once.  Eight bytes at a time while
	 * none is below 0x20, 0x7f or above (the test may flag a good byte
	 * after a bad one: the byte loop below decides).
	 */
	end = p + strlen(s);
	for (run = p; p < end; p++) {
		while (end - p >= 8) {
			memcpy(&x, p, 8);
			bad = ((x - UINT64_C(0x2020202020202020)) | x |
			    ((x ^ UINT64_C(0x7f7f7f7f7f7f7f7f)) -
			    UINT64_C(0x0101010101010101))) &
			    UINT64_C(0x8080808080808080);
			if (bad != 0)
				break;
			p += 8;
		}
		if (p == end)
			break;
		if (*p >= 0x20 && *p < 0x7f)
			continue;
		lb_add(b, run, (size_t)(p - run));
		oct[0] = '\\';
		oct[1] = (char)('0' + (*p >> 6));
		oct[2] = (char)('0' + ((*p >> 3) & 7));
		oct[3] = (char)('0' + (*p & 7));
		lb_add(b, oct, 4);
		run = p + 1;
	}
	lb_add(b, run, (size_t)(end - run));
}

static void
lb_uint(struct lbuf *b, unsigned int v)
{
	char buf[16], *p = buf + sizeof(buf);

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	lb_add(b, p, (size_t)(buf + sizeof(buf) - p));
}

/* col: cli_color_on(ctx, f), asked once per run rather than per line. */
static void
print_text(FILE *f, struct lbuf *b, const struct report *r, const ck_diag *d,
    bool caret, bool col)
{
	const char *sc;

	sc = d->severity == CK_SEV_ERROR ? "\033[1;31m" :
	    d->severity == CK_SEV_WARNING ? "\033[1;35m" : "\033[1;36m";
	b->len = 0;
	if (col)
		lb_adds(b, "\033[1m");
	lb_msg(b, r->path);
	if (d->line > 0) {
		lb_add(b, ":", 1);
		lb_uint(b, d->line);
		lb_add(b, ":", 1);
		lb_uint(b, d->column);
	}
	lb_add(b, ":", 1);
	if (col)
		lb_adds(b, "\033[0m");
	lb_add(b, " ", 1);
	if (col)
		lb_adds(b, sc);
	lb_adds(b, cli_severity_name(d->severity));
	lb_add(b, ":", 1);
	if (col)
		lb_adds(b, "\033[0m");
	lb_add(b, " ", 1);
	lb_msg(b, d->message);
	lb_add(b, " [", 2);
	lb_adds(b, d->code);
	lb_add(b, "]", 1);
	if (d->hint != NULL) {
		lb_add(b, " (", 2);
		lb_msg(b, d->hint);
		lb_add(b, ")", 1);
	}
	lb_add(b, "\n", 1);
	fwrite(b->p, 1, b->len, f);
	if (caret)
		show_caret(f, r, d);
}

/* GitHub workflow command data: %, CR and LF escaped; properties also , :. */
static void
gh_escape(FILE *f, const char *s, bool property)
{
	for (; *s != '\0'; s++) {
		if (*s == '%')
			fputs("%25", f);
		else if (*s == '\r')
			fputs("%0D", f);
		else if (*s == '\n')
			fputs("%0A", f);
		else if (property && *s == ':')
			fputs("%3A", f);
		else if (property && *s == ',')
			fputs("%2C", f);
		else
			fputc(*s, f);
	}
}

static void
print_github(FILE *f, const struct report *r, const ck_diag *d)
{
	char title[128];

	fprintf(f, "::%s ", d->severity == CK_SEV_ERROR ? "error" :
	    d->severity == CK_SEV_WARNING ? "warning" : "notice");
	if (!r->is_expr) {
		fputs("file=", f);
		gh_escape(f, r->path, true);
		if (d->line > 0)
			fprintf(f, ",line=%u", d->line);
		if (d->column > 0)
			fprintf(f, ",col=%u", d->column);
		fputc(',', f);
	}
	snprintf(title, sizeof(title), "%s %s", d->code, d->name);
	fputs("title=", f);
	gh_escape(f, title, true);
	fputs("::", f);
	if (r->is_expr) {
		gh_escape(f, r->path, false);
		fputs(": ", f);
	}
	gh_escape(f, d->message, false);
	if (d->hint != NULL) {
		fputs(" (", f);
		gh_escape(f, d->hint, false);
		fputc(')', f);
	}
	fputc('\n', f);
}

/* A relative URI reference for a path: unreserved bytes and '/' kept. */
static void
json_uri(struct json *j, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	char *u = xmalloc(strlen(path) * 3 + 8), *w = u;
	const unsigned char *p;

	/* An absolute path is a file:// URI; a relative one stays relative
	   (to the folder the tool ran in, as code scanning reads it). */
	if (path[0] == '/') {
		memcpy(w, "file://", 7);
		w += 7;
	}
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL)
			*w++ = (char)*p;
		else {
			*w++ = '%';
			*w++ = hex[*p >> 4];
			*w++ = hex[*p & 15];
		}
	}
	*w = '\0';
	json_str(j, u);
	free(u);
}

static void
sarif_rules(struct json *j)
{
	const struct ck_rule *r;
	unsigned int i;

	json_key(j, "rules");
	json_arr_begin(j);
	for (i = 1; i <= ck_rule_max(); i++) {
		if ((r = ck_rule_get(i)) == NULL)
			continue;
		json_obj_begin(j);
		json_key(j, "id");
		json_str(j, r->code);
		json_key(j, "name");
		json_str(j, r->name);
		json_key(j, "shortDescription");
		json_obj_begin(j);
		json_key(j, "text");
		json_str(j, r->summary);
		json_obj_end(j);
		json_key(j, "fullDescription");
		json_obj_begin(j);
		json_key(j, "text");
		json_str(j, r->explain != NULL ? r->explain : r->summary);
		json_obj_end(j);
		json_key(j, "defaultConfiguration");
		json_obj_begin(j);
		json_key(j, "level");
		json_str(j, sarif_level(r->severity));
		json_obj_end(j);
		json_obj_end(j);
	}
	json_arr_end(j);
}

/* A SARIF log up to its results, which follow one by one. */
static void
sarif_begin(const struct cli_ctx *ctx, struct json *j, FILE *f)
{
	cli_json_init(ctx, j, f);
	json_obj_begin(j);
	json_key(j, "version");
	json_str(j, "2.1.0");
	json_key(j, "$schema");
	json_str(j, SARIF_SCHEMA);
	json_key(j, "runs");
	json_arr_begin(j);
	json_obj_begin(j);
	json_key(j, "tool");
	json_obj_begin(j);
	json_key(j, "driver");
	json_obj_begin(j);
	json_key(j, "name");
	json_str(j, "cronkeep");
	json_key(j, "version");
	json_str(j, CK_VERSION_STRING);
	json_key(j, "informationUri");
	json_str(j, CRONKEEP_URI);
	sarif_rules(j);
	json_obj_end(j);
	json_obj_end(j);
	json_key(j, "columnKind");
	json_str(j, "unicodeCodePoints");
	json_key(j, "results");
	json_arr_begin(j);
}

static void
sarif_result(struct json *j, const struct report *r, const ck_diag *d)
{
	json_obj_begin(j);
	json_key(j, "ruleId");
	json_str(j, d->code);
	if (ck_rule_get(d->rule) != NULL) {
		json_key(j, "ruleIndex");
		json_int(j, (long long)d->rule - 1);
	}
	json_key(j, "level");
	json_str(j, sarif_level(d->severity));
	json_key(j, "message");
	json_obj_begin(j);
	json_key(j, "text");
	json_str(j, d->message);
	json_obj_end(j);
	json_key(j, "locations");
	json_arr_begin(j);
	if (!r->is_expr) {
		json_obj_begin(j);
		json_key(j, "physicalLocation");
		json_obj_begin(j);
		json_key(j, "artifactLocation");
		json_obj_begin(j);
		json_key(j, "uri");
		json_uri(j, r->path);
		json_obj_end(j);
		if (d->line > 0) {
			json_key(j, "region");
			json_obj_begin(j);
			json_key(j, "startLine");
			json_int(j, d->line);
			json_key(j, "startColumn");
			json_int(j, sarif_column(r, d->line, d->column));
			json_obj_end(j);
		}
		json_obj_end(j);
		json_obj_end(j);
	}
	json_arr_end(j);
	if (d->hint != NULL) {
		json_key(j, "properties");
		json_obj_begin(j);
		json_key(j, "hint");
		json_str(j, d->hint);
		json_obj_end(j);
	}
	json_obj_end(j);
}

static void
sarif_end(struct json *j)
{
	json_arr_end(j);
	json_obj_end(j);
	json_arr_end(j);
	json_obj_end(j);
	json_end(j);
}

/*
 * The output of a run, made as the findings come: a report's findings
 * kept in a list or, for a deferred one, straight from ck_lint_each().
 */
struct out {
	enum out_format	 fmt;
	struct json	 j;
	struct lbuf	 line;		/* a text finding */
	bool		 caret;
	bool		 color;
	long		 errors, warnings, infos;
	bool		 failed;	/* a finding at or above --fail-on */
};

static void
out_begin(struct out *o, const struct cli_ctx *ctx)
{
	switch (o->fmt) {
	case OUT_TEXT:
		o->caret = isatty(fileno(stderr)) != 0;
		o->color = cli_color_on(ctx, stderr);
		break;
	case OUT_GITHUB:
		break;
	case OUT_SARIF:
		sarif_begin(ctx, &o->j, stdout);
		break;
	case OUT_JSON:
		cli_json_init(ctx, &o->j, stdout);
		json_obj_begin(&o->j);
		json_key(&o->j, "files");
		json_arr_begin(&o->j);
		break;
	}
}

static void
out_report_begin(struct out *o, const struct report *r)
{
	if (o->fmt != OUT_JSON || r->unreadable)
		return;		/* an unreadable file: reported on stderr */
	json_obj_begin(&o->j);
	json_key(&o->j, "path");
	json_str(&o->j, r->path);
	json_key(&o->j, "diagnostics");
	json_arr_begin(&o->j);
}

static void
out_diag(struct out *o, const struct report *r, const ck_diag *d)
{
	if (d->severity == CK_SEV_ERROR)
		o->errors++;
	else if (d->severity == CK_SEV_WARNING)
		o->warnings++;
	else
		o->infos++;
	if ((int)d->severity >= r->fo_sev)
		o->failed = true;
	switch (o->fmt) {
	case OUT_TEXT:
		print_text(stderr, &o->line, r, d, o->caret, o->color);
		break;
	case OUT_GITHUB:
		print_github(stdout, r, d);
		break;
	case OUT_SARIF:
		sarif_result(&o->j, r, d);
		break;
	case OUT_JSON:
		cli_json_diag(&o->j, d);
		break;
	}
}

static void
out_report_end(struct out *o, const struct report *r)
{
	if (o->fmt != OUT_JSON || r->unreadable)
		return;
	json_arr_end(&o->j);
	json_obj_end(&o->j);
}

/* rc: the exit so far (a file that could not be read: in the JSON). */
static void
out_end(const struct cli_ctx *ctx, struct out *o, int rc)
{
	long errors = o->errors, warnings = o->warnings, infos = o->infos;

	switch (o->fmt) {
	case OUT_TEXT:
		free(o->line.p);
		if (errors + warnings + infos > 0)
			fprintf(stderr, "%ld error%s, %ld warning%s, "
			    "%ld note%s\n", errors, errors == 1 ? "" : "s",
			    warnings, warnings == 1 ? "" : "s", infos,
			    infos == 1 ? "" : "s");
		break;
	case OUT_GITHUB:
		break;
	case OUT_SARIF:
		sarif_end(&o->j);
		break;
	case OUT_JSON:
		json_arr_end(&o->j);
		json_key(&o->j, "errors");
		json_int(&o->j, errors);
		json_key(&o->j, "warnings");
		json_int(&o->j, warnings);
		json_key(&o->j, "notes");
		json_int(&o->j, infos);
		if (rc >= CLI_EXIT_USAGE)	/* a file could not be read */
			cli_json_error(ctx, &o->j, rc);
		json_obj_end(&o->j);
		json_end(&o->j);
		break;
	}
}

struct stream {
	struct out		*o;
	const struct report	*r;
};

static int
stream_one(void *arg, const ck_diag *d)
{
	struct stream *s = arg;

	if (lint_tune_shows(&s->r->tune, d))
		out_diag(s->o, s->r, d);
	return 0;
}

/* A report's findings, from its list or as it is linted. */
static int
out_report(const struct cli_ctx *ctx, struct out *o, struct report *r)
{
	struct stream s = { o, r };
	ck_error err;
	size_t k;
	int rc = 0;

	out_report_begin(o, r);
	if (r->deferred) {
		if (ck_lint_each(r->tab, &r->lo, stream_one, &s, &err) == -1)
			rc = cli_error(ctx, r->path, &err);
	} else
		for (k = 0; k < r->n; k++)
			out_diag(o, r, r->v[k]);
	out_report_end(o, r);
	return rc;
}

static int
list_rules(const struct cli_ctx *ctx)
{
	const struct ck_rule *r;
	struct json j;
	unsigned int i;

	if (ctx->json) {
		cli_json_init(ctx, &j, stdout);
		json_obj_begin(&j);
		json_key(&j, "rules");
		json_arr_begin(&j);
	}
	for (i = 1; i <= ck_rule_max(); i++) {
		if ((r = ck_rule_get(i)) == NULL)
			continue;
		if (!ctx->json) {
			printf("%s  %-22s %-8s %s\n", r->code, r->name,
			    cli_severity_name(r->severity), r->summary);
			printf("       e.g. %s\n", r->bad);
			continue;
		}
		json_obj_begin(&j);
		json_key(&j, "code");
		json_str(&j, r->code);
		json_key(&j, "name");
		json_str(&j, r->name);
		json_key(&j, "severity");
		json_str(&j, cli_severity_name(r->severity));
		json_key(&j, "summary");
		json_str(&j, r->summary);
		json_key(&j, "bad");
		json_str(&j, r->bad);
		json_key(&j, "good");
		json_str(&j, r->good);
		json_key(&j, "explanation");
		json_str(&j, r->explain);
		json_obj_end(&j);
	}
	if (ctx->json) {
		json_arr_end(&j);
		json_obj_end(&j);
		json_end(&j);
	}
	return cli_finish(CLI_EXIT_OK);
}

enum { OPT_FAIL_ON = 0x100, OPT_EXPR, OPT_FORMAT, OPT_ALSO,
	OPT_LIST, OPT_INVENTORY, OPT_DISABLE, OPT_ENABLE, OPT_MIN_SEVERITY,
	OPT_NO_CONFIG };

static const char *const levels[] = { "error", "warning", "note", NULL };
static const char *const formats[] = { "text", "json", "sarif", "github",
	NULL };

static const struct cli_option options[] = {
	{ "expr", 0, OPT_EXPR, "SCHEDULE", "check this schedule (again for "
	    "more)", CLI_COMP_NONE, NULL, 0 },
	{ "fail-on", 0, OPT_FAIL_ON, "LEVEL", "exit 1 when a finding is at "
	    "least LEVEL (error)", CLI_COMP_WORDS, levels, 0 },
	{ "also-dialect", 0, OPT_ALSO, "LIST", "also report what these crons "
	    "(comma-separated)\nreject or run differently; --dialect "
	    "portable\nchecks against all of them", CLI_COMP_DIALECT, NULL,
	    0 },
	{ "format", 0, OPT_FORMAT, "FORMAT", "text (default; gcc style on "
	    "standard error), json,\nsarif (SARIF 2.1.0) or github (workflow "
	    "commands),\nthe last three on standard output", CLI_COMP_WORDS,
	    formats, 0 },
	{ "list-rules", 0, OPT_LIST, NULL, "print every rule: code, name, "
	    "severity, example", CLI_COMP_NONE, NULL, 0 },
	{ "disable", 0, OPT_DISABLE, "RULES", "do not report these rules "
	    "(codes or names,\ncomma-separated; again for more)",
	    CLI_COMP_NONE, NULL, 0 },
	{ "enable", 0, OPT_ENABLE, "RULES", "report these rules again (over "
	    ".cronkeep.toml)", CLI_COMP_NONE, NULL, 0 },
	{ "min-severity", 0, OPT_MIN_SEVERITY, "LEVEL", "report only findings "
	    "of at least LEVEL\n(note, warning, error)", CLI_COMP_WORDS,
	    levels, 0 },
	{ "no-config", 0, OPT_NO_CONFIG, NULL, "ignore .cronkeep.toml files",
	    CLI_COMP_NONE, NULL, 0 },
	{ "inventory", 0, OPT_INVENTORY, "FILE|DIR", "check many hosts' "
	    "inventories (and the operands):\ntheir lint findings, drift in "
	    "host groups, duplicates", CLI_COMP_FILE, NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

/* What the command line asks for. */
struct check_req {
	enum out_format	 fmt;
	ck_severity	 fail_on;
	bool		 fail_on_given, list, no_config;
	int		 min_sev;		/* -1: the file's, else none */
	unsigned int	 also;			/* --also-dialect */
	const char	**exprs, **inv;		/* --expr, --inventory */
	size_t		 nexpr, ninv;
	const char	**tunes;		/* --disable, --enable in order */
	bool		*tune_on;
	size_t		 ntunes;
};

static void
check_req_free(struct check_req *q)
{
	free(q->exprs);
	free(q->inv);
	free(q->tunes);
	free(q->tune_on);
}

static int
check_parse(struct cli_ctx *ctx, const struct cli_args *a,
    struct check_req *q)
{
	const char *arg;
	size_t i;

	memset(q, 0, sizeof(*q));
	q->fmt = OUT_TEXT;
	q->fail_on = CK_SEV_ERROR;
	q->min_sev = -1;
	for (i = 0; i < a->nopts; i++) {
		arg = a->opts[i].arg;
		switch (a->opts[i].key) {
		case OPT_FAIL_ON:
			if (severity_from(arg, &q->fail_on) == -1) {
				cli_warnx(ctx,
				    "--fail-on takes error, warning or "
				    "note, not '%s'", arg);
				return CLI_EXIT_USAGE;
			}
			q->fail_on_given = true;
			break;
		case OPT_DISABLE:
		case OPT_ENABLE:
			q->tunes = xreallocarray(q->tunes, q->ntunes + 1,
			    sizeof(*q->tunes));
			q->tune_on = xreallocarray(q->tune_on, q->ntunes + 1,
			    sizeof(*q->tune_on));
			q->tunes[q->ntunes] = arg;
			q->tune_on[q->ntunes++] = a->opts[i].key == OPT_ENABLE;
			break;
		case OPT_MIN_SEVERITY:
			if (lint_tune_severity(arg, &q->min_sev) == -1)
				return cli_usage_error(ctx, "--min-severity "
				    "takes note, warning or error, not '%s'",
				    arg);
			break;
		case OPT_NO_CONFIG:
			q->no_config = true;
			break;
		case OPT_EXPR:
			q->exprs = xreallocarray(q->exprs, q->nexpr + 1,
			    sizeof(*q->exprs));
			q->exprs[q->nexpr++] = arg;
			break;
		case OPT_FORMAT:
			if (strcmp(arg, "json") == 0)
				q->fmt = OUT_JSON;
			else if (strcmp(arg, "sarif") == 0)
				q->fmt = OUT_SARIF;
			else if (strcmp(arg, "github") == 0)
				q->fmt = OUT_GITHUB;
			else if (strcmp(arg, "text") == 0)
				q->fmt = OUT_TEXT;
			else {
				cli_warnx(ctx,
				    "--format takes text, json, sarif or "
				    "github, not '%s'", arg);
				return CLI_EXIT_USAGE;
			}
			break;
		case OPT_ALSO:
			if (parse_dialects(ctx, arg, &q->also) == -1)
				return CLI_EXIT_USAGE;
			break;
		case OPT_LIST:
			q->list = true;
			break;
		case OPT_INVENTORY:
			q->inv = xreallocarray(q->inv, q->ninv + 1,
			    sizeof(*q->inv));
			q->inv[q->ninv++] = arg;
			break;
		}
	}
	if (ctx->json && q->fmt == OUT_TEXT)
		q->fmt = OUT_JSON;
	ctx->json = q->fmt == OUT_JSON;
	return 0;
}

/*
 * The selected crontabs (-f, -u, -a, ...) as reports: each linted as
 * cron reads it (a user's spool file by cron's rules, its owner from
 * *owners, read once), the last one printed as it is linted.
 * @return 0, or an exit code (reports made so far are kept).
 */
static int
check_sources(struct cli_ctx *ctx, struct ck_lint_opts *lo,
    struct report **reps, size_t *nrep, struct cli_source **src,
    size_t *nsrc, ck_owners **owners)
{
	ck_error err;
	size_t i;
	long gid;
	int rc = 0, r;

	if ((rc = cli_load_sources(ctx, CLI_SRC_LENIENT, src, nsrc)) != 0)
		return rc;
	*reps = xreallocarray(*reps, *nsrc + 1, sizeof(**reps));
	for (i = 0; i < *nsrc; i++) {
		struct cli_source *s = &(*src)[i];
		struct report *rep;
		const char *from = s->path != NULL &&
		    strcmp(s->path, "-") != 0 ? s->path : NULL;

		if (s->rp != NULL) {
			check_runparts(ctx, s->rp, reps, nrep);
			continue;
		}
		*reps = xreallocarray(*reps, *nrep + 1, sizeof(**reps));
		rep = &(*reps)[*nrep];
		memset(rep, 0, sizeof(*rep));
		rep->path = xstrdup(s->label);
		rep->from = from != NULL ? xstrdup(from) : NULL;
		if (s->ana != NULL) {
			if (ck_anacrontab_lint(s->ana, &rep->list, &err) == -1)
				rc = cli_error(ctx, s->label, &err);
			(*nrep)++;
			continue;
		}
		rep->tab = s->tab;
		s->tab = NULL;
		/* A user's spool file (--root -u, -a): cron's rules. */
		lo->spool_file = s->path != NULL && s->user != NULL &&
		    !s->system;
		lo->spool_uid = -1;
		if (lo->spool_file && *owners == NULL &&
		    (*owners = ck_owners_load(ctx->root, &err)) == NULL)
			return cli_error(ctx, NULL, &err);
		if (lo->spool_file)
			(void)ck_owners_spool(*owners, s->user, &lo->spool_uid,
			    &gid);
		r = lint_tab(ctx, rep, from, lo, i + 1 == *nsrc);
		lo->spool_file = false;
		(*nrep)++;
		if (r != 0)
			rc = r;
	}
	return rc;
}

/*
 * What each report shows: its .cronkeep.toml, then the command line
 * (--disable and --enable in their order, --min-severity and --fail-on
 * over the file's).  @return 0, or an exit code.
 */
static int
check_tune(const struct cli_ctx *ctx, const struct check_req *q,
    struct report *reps, size_t nrep)
{
	struct lint_tune_cache tcache = { NULL, NULL };
	struct lint_tune tune;
	size_t i, k;
	int r = 0;

	for (i = 0; i < nrep && r == 0; i++) {
		struct lint_tune empty = LINT_TUNE_INIT;

		tune = empty;
		if (!q->no_config)
			r = lint_tune_find(ctx, reps[i].from, &tune, &tcache);
		for (k = 0; k < q->ntunes && r == 0; k++)
			r = lint_tune_rules(ctx, &tune, q->tunes[k],
			    q->tune_on[k],
			    q->tune_on[k] ? "--enable" : "--disable");
		if (r != 0) {
			lint_tune_free(&tune);
			break;
		}
		if (q->min_sev >= 0)
			tune.min_severity = q->min_sev;
		reps[i].fo_sev = q->fail_on_given || tune.fail_on < 0 ?
		    (int)q->fail_on : tune.fail_on;
		if (reps[i].deferred) {
			reps[i].tune = tune;	/* freed with the report */
			continue;
		}
		collect(&reps[i], &tune);
		lint_tune_free(&tune);
	}
	lint_tune_cache_free(&tcache);
	return r;
}

static int
check(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct ck_lint_opts lo = CK_LINT_OPTS_INIT;
	struct check_req q;
	ck_userset *userset = NULL;
	ck_owners *owners = NULL;	/* read once for every spool file */
	ck_error err;
	struct out out;
	struct report *reps = NULL;
	struct cli_source *src = NULL;
	struct tm tm;
	time_t now;
	char **users = NULL;
	size_t nrep = 0, nsrc = 0, nusers = 0, i;
	ck_tz *host_tz = NULL;
	int rc = 0, r;

	if ((rc = check_parse(ctx, a, &q)) != 0) {
		check_req_free(&q);
		return rc;
	}
	lo.also = q.also;
	if (q.list) {
		check_req_free(&q);
		return list_rules(ctx);
	}
	if (q.ninv > 0) {
		struct fleet_opts fo = FLEET_OPTS_INIT;

		fo.json = ctx->json;
		fo.fail_on = (int)q.fail_on;
		rc = fleet_main(ctx, FLEET_CHECK, q.inv, q.ninv, a, &fo);
		check_req_free(&q);
		return rc;
	}
	if (cli_resolve_dialect(ctx) == -1) {
		check_req_free(&q);
		return CLI_EXIT_USAGE;
	}
	now = time(NULL);
	if (localtime_r(&now, &tm) != NULL)
		lo.year = tm.tm_year + 1900;
	/* The host's zone (not an image's: --root keeps the DST note). */
	if (ctx->root[0] == '\0' && (host_tz = cli_zone(ctx, NULL,
	    NULL)) != NULL)
		lo.tz = host_tz;
	users = cli_read_users(ctx, false, &nusers);
	lo.users = (const char *const *)users;
	lo.nusers = nusers;
	if (users != NULL &&
	    (lo.userset = userset = ck_userset_new(lo.users, nusers, &err)) ==
	    NULL) {
		rc = cli_error(ctx, NULL, &err);
		goto out;
	}

	reps = xcalloc((size_t)a->argc + q.nexpr + 1, sizeof(*reps));
	for (i = 0; i < (size_t)a->argc; i++) {
		/* The last, when no --expr follows: printed as linted. */
		r = check_file(ctx, a->argv[i], &reps[nrep], &lo,
		    i + 1 == (size_t)a->argc && q.nexpr == 0);
		nrep++;
		if (r != 0)
			rc = r;
	}
	for (i = 0; i < q.nexpr; i++) {
		r = check_expr(ctx, q.exprs[i], &reps[nrep++], &lo);
		if (r != 0)
			rc = r;
	}
	if (a->argc == 0 && q.nexpr == 0 && (rc = check_sources(ctx, &lo,
	    &reps, &nrep, &src, &nsrc, &owners)) != 0 && nrep == 0)
		goto out;
	if ((r = check_tune(ctx, &q, reps, nrep)) != 0) {
		rc = r;
		goto out;
	}
	memset(&out, 0, sizeof(out));
	out.fmt = q.fmt;
	out_begin(&out, ctx);
	for (i = 0; i < nrep; i++)
		if ((r = out_report(ctx, &out, &reps[i])) != 0)
			rc = r;
	out_end(ctx, &out, rc);
	if (rc == 0 && out.failed)
		rc = CLI_EXIT_FAIL;
out:
	for (i = 0; i < nrep; i++) {
		free(reps[i].path);
		free(reps[i].from);
		free(reps[i].v);
		ck_diag_list_free(reps[i].list);
		ck_tab_free(reps[i].tab);
		if (reps[i].deferred)
			lint_tune_free(&reps[i].tune);
		if (reps[i].has_one)
			free((char *)reps[i].one.message);
	}
	ck_userset_free(userset);
	ck_owners_free(owners);
	for (i = 0; i < nusers; i++)
		free(users[i]);
	free(users);
	free(reps);
	check_req_free(&q);
	ck_tz_free(host_tz);
	cli_sources_free(src, nsrc);
	return cli_finish(rc);
}

const struct cli_command cmd_check = {
	.name = "check",
	.summary = "report problems in crontabs or expressions",
	.description =
"Report every problem in each crontab FILE ('-' for standard input), in the\n"
"selected crontab (-f, ...) when no FILE is given, or in each schedule given\n"
"with --expr.  Files under /etc/cron.d and /etc/crontab are read in system\n"
"format (a user column) and their owner, mode and name are checked;\n"
"--system-format and --user-format force the format.  A file named\n"
"anacrontab (any file with --anacrontab) is checked as anacron reads it:\n"
"errors on the lines 'anacron -T' rejects, and warnings.  With -a, the\n"
"host's anacrontab and the scripts of /etc/cron.{hourly,daily,weekly,\n"
"monthly} that run-parts skips or that are unsafe are reported too.\n"
"With --root DIR the users of DIR/etc/passwd are known.\n"
"With --inventory FILE|DIR... (cronkeep inventory --json documents, or a\n"
"folder of them): each host's lint errors, drift (ids on some hosts of a\n"
"group but not others, or with another schedule, command or state) and\n"
"duplicates (one command enabled twice on a host); exit 1 when there is\n"
"drift, a duplicate or a finding at or above --fail-on.\n",
	.epilog =
"Text: path:line:column: severity: message [CODE] (hint), with the line and\n"
"a caret when standard error is a terminal.  --json prints\n"
"{\"files\":[{\"path\",\"diagnostics\":[{\"line\",\"column\",\"severity\",\n"
"\"code\",\"rule\",\"message\",\"hint\"}]}],\"errors\":N,\"warnings\":N,\"notes\":N}.\n"
"In-file control: '# cronkeep-lint: disable=CK016,...' switches rules off\n"
"for the next line that is not a comment, '# cronkeep-lint: disable-file=...'\n"
"for the whole file.  See cronkeep-rules(7).\n"
"\n"
"Exit: 0 clean, 1 findings at or above --fail-on, 2 usage error,\n"
"66 a file cannot be read.\n",
	.options = options,
	.synopsis = "[FILE ...]",
	.flags = CMD_NOSOURCE | CMD_BUFFERED,
	.operand = CLI_COMP_FILE,
	.exec = check,
};
