/* SPDX-License-Identifier: ISC */
/*
 * cmd_doc.c - "cronkeep doc": a document describing the selected
 * crontabs, in Markdown or HTML: each job with its schedule, an English
 * description, its next runs, user, id, command, and the problems lint
 * finds on its line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "commands.h"
#include "fires.h"
#include "periodic.h"
#include "window.h"

#define NEXT_RUNS	3
#define NEXT_RUNS_WORD	"3"	/* NEXT_RUNS, in the help */

/* Markdown: escape what would turn into markup in a table cell. */
static void
md_text(FILE *f, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '|' || c == '\\' || c == '`' || c == '*' || c == '_' ||
		    c == '<' || c == '>' || c == '[' || c == ']')
			fputc('\\', f);
		if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
}

/*
 * Text from a crontab, without the C1 controls and bidi overrides that
 * would make a reader see something else (cli_vis()), then escaped for
 * the format: plain, or inside a code span (code).
 */
static void
put(FILE *f, bool html, const char *s, size_t n, bool code)
{
	char *d = cli_vis(s, n, CLI_VIS_DOC);
	size_t i, len = strlen(d);

	if (html)
		cli_put_xml(f, d, len);
	else if (!code)
		md_text(f, d, len);
	else
		/* Inside a code span nothing is markup; only '`' matters. */
		for (i = 0; i < len; i++)
			fputc(d[i] == '`' ? '\'' : ((unsigned char)d[i] < 0x20 ?
			    ' ' : d[i]), f);
	free(d);
}

static void
text(FILE *f, bool html, const char *s, size_t n)
{
	put(f, html, s, n, false);
}

static void
texts(FILE *f, bool html, const char *s)
{
	text(f, html, s, strlen(s));
}

static void
field(FILE *f, bool html, const char *name)
{
	if (html)
		fprintf(f, "<tr><th>%s</th><td>", name);
	else
		fprintf(f, "- **%s:** ", name);
}

static void
end_field(FILE *f, bool html)
{
	fputs(html ? "</td></tr>\n" : "\n", f);
}

/*
 * A source's findings by line (then in the list's order): each job looks
 * up its own in log time, not by a scan of them all (which was quadratic:
 * 86 s for doc --format html at 100k jobs).
 */
struct byline_item {
	const ck_diag	*d;
	size_t		 k;		/* its place in the list */
};

struct byline {
	struct byline_item *v;
	size_t		 n;
};

static int
byline_cmp(const void *a, const void *b)
{
	const struct byline_item *x = a, *y = b;

	if (x->d->line != y->d->line)
		return x->d->line < y->d->line ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

static void
byline_init(struct byline *b, const ck_diag_list *l)
{
	size_t i;

	b->n = ck_diag_count(l);
	b->v = xcalloc(b->n, sizeof(*b->v));
	for (i = 0; i < b->n; i++) {
		b->v[i].d = ck_diag_at(l, i);
		b->v[i].k = i;
	}
	if (b->n > 1)
		qsort(b->v, b->n, sizeof(*b->v), byline_cmp);
}

/* The index of the first finding on line (b->n when none). */
static size_t
byline_first(const struct byline *b, unsigned int line)
{
	size_t lo = 0, hi = b->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (b->v[mid].d->line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
describe_job(FILE *f, bool html, const struct cli_source *src,
    const ck_job *job, const ck_tz *tz, const struct byline *diags,
    time_t now)
{
	const ck_expr *e = ck_job_expr(job);
	ck_error err;
	time_t t[NEXT_RUNS];
	char buf[64], *desc, *label;
	const char *s;
	size_t n, i;
	bool any = false;

	label = fires_label(job, 60);
	if (html) {
		fputs("<h3>", f);
		texts(f, true, label);
		fputs("</h3>\n<table>\n", f);
	} else {
		fputs("### ", f);
		texts(f, false, label);
		fputs("\n\n", f);
	}
	free(label);
	field(f, html, "schedule");
	s = ck_expr_text(e, &n);
	fputs(html ? "<code>" : "`", f);
	put(f, html, s, n, true);
	fputs(html ? "</code>" : "`", f);
	end_field(f, html);
	field(f, html, "when");
	if ((desc = ck_expr_describe(e, CK_DESCRIBE_SENTENCE, &err)) != NULL) {
		texts(f, html, desc);
		free(desc);
	} else
		texts(f, html, err.msg);
	end_field(f, html);
	field(f, html, "next runs");
	if (!ck_job_enabled(job))
		texts(f, html, "none: the job is disabled");
	else if (ck_expr_is_reboot(e))
		texts(f, html, "when the system starts");
	else if (ck_expr_next_n(e, tz, now, ck_dialect_dst_mode(
	    ck_tab_dialect(src->tab)), NEXT_RUNS, t, NULL, &err) == -1)
		texts(f, html, err.code == CK_ENEVER ? "never" : err.msg);
	else
		for (i = 0; i < NEXT_RUNS; i++) {
			fires_fmt(tz, t[i], false, buf, sizeof(buf), NULL);
			fprintf(f, "%s%s", i ? ", " : "", buf);
		}
	end_field(f, html);
	if ((s = ck_job_user(job, &n)) != NULL) {
		field(f, html, "user");
		text(f, html, s, n);
		end_field(f, html);
	}
	if ((s = ck_job_id(job, &n)) != NULL) {
		field(f, html, "id");
		text(f, html, s, n);
		end_field(f, html);
	}
	field(f, html, "command");
	s = ck_job_command(job, &n);
	fputs(html ? "<code>" : "`", f);
	put(f, html, s, n, true);
	fputs(html ? "</code>" : "`", f);
	end_field(f, html);
	field(f, html, "source");
	texts(f, html, src->label);
	fprintf(f, ":%zu", ck_job_line(job) + 1);
	end_field(f, html);
	for (i = byline_first(diags, ck_job_line(job) + 1); i < diags->n &&
	    diags->v[i].d->line == ck_job_line(job) + 1; i++) {
		const ck_diag *d = diags->v[i].d;

		if (!any)
			field(f, html, "findings");
		fprintf(f, "%s%s %s: ", any ? (html ? "<br>" : "; ") : "",
		    cli_severity_name(d->severity), d->code);
		texts(f, html, d->message);
		any = true;
	}
	if (any)
		end_field(f, html);
	fputs(html ? "</table>\n" : "\n", f);
}

/* s as code: a code span, where only '`' and controls matter. */
static void
code(FILE *f, bool html, const char *s, size_t n)
{
	size_t i;

	fputs(html ? "<code>" : "`", f);
	if (html)
		cli_put_xml(f, s, n);
	else
		for (i = 0; i < n; i++)
			fputc(s[i] == '`' ? '\'' : ((unsigned char)s[i] < 0x20 ?
			    ' ' : s[i]), f);
	fputs(html ? "</code>" : "`", f);
}

/* An anacron job or a run-parts script: how and when it runs. */
static void
describe_periodic(const struct cli_ctx *ctx, FILE *f, bool html,
    const struct fire_job *fj, const ck_tz *tz, time_t now)
{
	time_t *t;
	char buf[64], *sched, *desc;
	const char *s;
	size_t n, i, len;
	bool capped;

	if (html) {
		fputs("<h3>", f);
		texts(f, true, fj->label);
		fputs("</h3>\n<table>\n", f);
	} else {
		fputs("### ", f);
		texts(f, false, fj->label);
		fputs("\n\n", f);
	}
	field(f, html, "schedule");
	sched = fires_job_schedule(fj);
	code(f, html, sched != NULL ? sched : "", sched != NULL ?
	    strlen(sched) : 0);
	free(sched);
	end_field(f, html);
	field(f, html, "when");
	if (fj->ajob != NULL)
		texts(f, html, "By anacron, once a period: when anacron is "
		    "started and the period has passed since the day in its "
		    "timestamp, after the delay.");
	else {
		if (fj->src->rp->by == RP_BY_CRON && (desc = ck_expr_describe(
		    fj->src->rp->expr, CK_DESCRIBE_SENTENCE, NULL)) != NULL) {
			texts(f, html, desc);
			fputc(' ', f);
			free(desc);
		}
		texts(f, html, "By run-parts (");
		texts(f, html, fj->src->rp->how != NULL ? fj->src->rp->how :
		    "?");
		texts(f, html, "), with the other scripts of its folder, one "
		    "after another in the order of their names.");
	}
	end_field(f, html);
	field(f, html, "next runs");
	if (fires_periodic(ctx, fj, tz, now, now + 400LL * 86400, NEXT_RUNS, &t,
	    &n, &capped) != 0 || n == 0)
		texts(f, html, "none known");
	else
		for (i = 0; i < n; i++) {
			fires_fmt(tz, t[i], false, buf, sizeof(buf), NULL);
			fprintf(f, "%s%s", i ? ", " : "", buf);
		}
	free(t);
	end_field(f, html);
	field(f, html, "user");
	texts(f, html, "root");
	end_field(f, html);
	field(f, html, "command");
	s = fires_job_command(fj, &len);
	code(f, html, s, len);
	end_field(f, html);
	field(f, html, "source");
	texts(f, html, fires_job_where(fj));
	if (fires_job_line(fj) > 0)
		fprintf(f, ":%zu", fires_job_line(fj));
	end_field(f, html);
	fputs(html ? "</table>\n" : "\n", f);
}

/* A section for an anacrontab or a run-parts folder. */
static void
write_periodic(const struct cli_ctx *ctx, FILE *f, bool html,
    const struct cli_source *src, const ck_tz *tz, time_t now)
{
	struct fire_job *fj;
	size_t n, i;

	fires_jobs(src, 1, &fj, &n);
	if (html) {
		fputs("<h2>", f);
		texts(f, true, src->label);
		fprintf(f, "</h2>\n<p>%zu job%s, %s.</p>\n", n, n == 1 ? "" :
		    "s", src->ana != NULL ? "anacron" : "run-parts");
	} else {
		fputs("## ", f);
		texts(f, false, src->label);
		fprintf(f, "\n\n%zu job%s, %s.\n\n", n, n == 1 ? "" : "s",
		    src->ana != NULL ? "anacron" : "run-parts");
	}
	for (i = 0; i < n; i++)
		describe_periodic(ctx, f, html, &fj[i], tz, now);
	fires_free(fj, n);
}

static int
write_doc(const struct cli_ctx *ctx, FILE *f, bool html, struct cli_source *src,
    size_t nsrc, const ck_tz *tz)
{
	ck_diag_list *diags;
	struct byline bl;
	ck_error err;
	time_t now;
	char buf[64];
	size_t s, i, k, njobs;
	int rc;

	if ((rc = cli_now(ctx, &now)) != 0)
		return rc;

	fires_fmt(tz, now, false, buf, sizeof(buf), NULL);
	if (html)
		fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<title>crontab</title>\n"
		    "<style>body{font-family:sans-serif;margin:2em;"
		    "max-width:60em}th{text-align:left;padding-right:1em;"
		    "vertical-align:top}code{font-size:90%}</style>\n"
		    "</head>\n<body>\n<h1>Crontab</h1>\n", f);
	else
		fputs("# Crontab\n\n", f);
	fprintf(f, html ? "<p>Generated by cronkeep on %s (%s).</p>\n" :
	    "Generated by cronkeep on %s (%s).\n\n", buf, ck_tz_name(tz));
	for (s = 0; s < nsrc; s++) {
		if (src[s].ana != NULL || src[s].rp != NULL) {
			write_periodic(ctx, f, html, &src[s], tz, now);
			continue;
		}
		if (ck_lint(src[s].tab, NULL, &diags, &err) == -1)
			return cli_error(ctx, src[s].label, &err);
		byline_init(&bl, diags);
		njobs = ck_tab_job_count(src[s].tab);
		if (html) {
			fputs("<h2>", f);
			texts(f, true, src[s].label);
			fprintf(f, "</h2>\n<p>%zu job%s, dialect %s.</p>\n",
			    njobs, njobs == 1 ? "" : "s",
			    ck_dialect_name(ck_tab_dialect(src[s].tab)));
		} else {
			fputs("## ", f);
			texts(f, false, src[s].label);
			fprintf(f, "\n\n%zu job%s, dialect %s.\n\n", njobs,
			    njobs == 1 ? "" : "s",
			    ck_dialect_name(ck_tab_dialect(src[s].tab)));
		}
		for (i = 0; i < njobs; i++)
			describe_job(f, html, &src[s], ck_tab_job(src[s].tab, i),
			    tz, &bl, now);
		free(bl.v);
		/* Findings on lines that are no job. */
		for (i = 0, k = 0; i < ck_diag_count(diags); i++) {
			const ck_diag *d = ck_diag_at(diags, i);
			size_t line = d->line;

			if (line > 0 && line <= ck_tab_line_count(src[s].tab) &&
			    (ck_tab_line_kind(src[s].tab, line - 1) ==
			    CK_LINE_JOB || ck_tab_line_kind(src[s].tab,
			    line - 1) == CK_LINE_DISABLED))
				continue;
			if (k++ == 0)
				fputs(html ? "<h3>Other findings</h3>\n<ul>\n" :
				    "### Other findings\n\n", f);
			fprintf(f, html ? "<li>line %u: %s %s: " :
			    "- line %u: %s %s: ", d->line,
			    cli_severity_name(d->severity), d->code);
			texts(f, html, d->message);
			fputs(html ? "</li>\n" : "\n", f);
		}
		if (k > 0)
			fputs(html ? "</ul>\n" : "\n", f);
		ck_diag_list_free(diags);
	}
	if (html)
		fputs("</body>\n</html>\n", f);
	return 0;
}

enum { OPT_FORMAT = 0x100 };

static const char *const formats[] = { "md", "html", NULL };

static const struct cli_option options[] = {
	{ "format", 0, OPT_FORMAT, "FORMAT", "md (Markdown, the default) or "
	    "html (a self-contained page)", CLI_COMP_WORDS, formats, 0 },
	CLI_OPT_TZ("the zone of the next runs (default: TZ or the local "
	    "zone)"),
	{ "output", 'o', 0, "FILE", "write to FILE instead of standard output",
	    CLI_COMP_FILE, NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

/* --json: the next runs of a job (none for a disabled or @reboot job). */
static void
json_next(struct json *j, const ck_tz *tz, const time_t *t, size_t n)
{
	char buf[64];
	size_t i;

	json_key(j, "next");
	json_arr_begin(j);
	for (i = 0; i < n; i++) {
		fires_fmt(tz, t[i], true, buf, sizeof(buf), NULL);
		json_str(j, buf);
	}
	json_arr_end(j);
}

/*
 * --json: the document's data: per crontab its jobs (schedule, English
 * description, next runs, user, id, command, findings on its line) and
 * its other findings; per anacrontab or run-parts folder its jobs.
 */
static int
json_doc(const struct cli_ctx *ctx, FILE *f, struct cli_source *src,
    size_t nsrc, const ck_tz *tz)
{
	struct json j;
	ck_diag_list *diags;
	struct byline bl;
	struct fire_job *fj;
	ck_error err;
	time_t now, t[NEXT_RUNS], *pt;
	char buf[64], *desc, *sched;
	const char *s;
	size_t si, i, k, n, nfj;
	bool capped;
	int rc;

	if ((rc = cli_now(ctx, &now)) != 0)
		return rc;
	cli_json_init(ctx, &j, f);
	json_obj_begin(&j);
	fires_fmt(tz, now, true, buf, sizeof(buf), NULL);
	json_key(&j, "generated");
	json_str(&j, buf);
	json_key(&j, "zone");
	json_str(&j, ck_tz_name(tz));
	json_key(&j, "crontabs");
	json_arr_begin(&j);
	for (si = 0; si < nsrc; si++) {
		json_obj_begin(&j);
		json_key(&j, "source");
		json_str(&j, src[si].label);
		if (src[si].ana != NULL || src[si].rp != NULL) {
			json_key(&j, "kind");
			json_str(&j, src[si].ana != NULL ? "anacrontab" :
			    "run-parts");
			json_key(&j, "jobs");
			json_arr_begin(&j);
			fires_jobs(&src[si], 1, &fj, &nfj);
			for (i = 0; i < nfj; i++) {
				json_obj_begin(&j);
				json_key(&j, "label");
				json_str(&j, fj[i].label);
				json_key(&j, "line");
				json_int(&j, (long long)fires_job_line(&fj[i]));
				json_key(&j, "schedule");
				sched = fires_job_schedule(&fj[i]);
				json_str(&j, sched != NULL ? sched : "");
				free(sched);
				n = 0;
				pt = NULL;
				if (fires_periodic(ctx, &fj[i], tz, now,
				    now + 400LL * 86400, NEXT_RUNS, &pt, &n,
				    &capped) != 0)
					n = 0;
				json_next(&j, tz, pt, n);
				free(pt);
				json_obj_end(&j);
			}
			fires_free(fj, nfj);
			json_arr_end(&j);
			json_obj_end(&j);
			continue;
		}
		if (ck_lint(src[si].tab, NULL, &diags, &err) == -1) {
			json_obj_end(&j);
			json_arr_end(&j);
			json_obj_end(&j);
			json_end(&j);
			return cli_error(ctx, src[si].label, &err);
		}
		byline_init(&bl, diags);
		json_key(&j, "kind");
		json_str(&j, "crontab");
		json_key(&j, "dialect");
		json_str(&j, ck_dialect_name(ck_tab_dialect(src[si].tab)));
		json_key(&j, "jobs");
		json_arr_begin(&j);
		for (i = 0; i < ck_tab_job_count(src[si].tab); i++) {
			const ck_job *job = ck_tab_job(src[si].tab, i);
			const ck_expr *e = ck_job_expr(job);

			json_obj_begin(&j);
			json_key(&j, "line");
			json_int(&j, (long long)ck_job_line(job) + 1);
			json_key(&j, "id");
			s = ck_job_id(job, &n);
			json_strn(&j, s, s != NULL ? n : 0);
			json_key(&j, "schedule");
			s = ck_expr_text(e, &n);
			json_strn(&j, s, n);
			json_key(&j, "description");
			desc = ck_expr_describe(e, CK_DESCRIBE_SENTENCE, &err);
			json_str(&j, desc != NULL ? desc : err.msg);
			free(desc);
			json_key(&j, "enabled");
			json_bool(&j, ck_job_enabled(job));
			n = 0;
			if (ck_job_enabled(job) && !ck_expr_is_reboot(e) &&
			    ck_expr_next_n(e, tz, now, ck_dialect_dst_mode(
			    ck_tab_dialect(src[si].tab)), NEXT_RUNS, t, NULL,
			    &err) == 0)
				n = NEXT_RUNS;
			json_next(&j, tz, t, n);
			json_key(&j, "user");
			s = ck_job_user(job, &n);
			json_strn(&j, s, s != NULL ? n : 0);
			json_key(&j, "command");
			s = ck_job_command(job, &n);
			json_strn(&j, s, n);
			json_key(&j, "findings");
			json_arr_begin(&j);
			for (k = byline_first(&bl, ck_job_line(job) + 1);
			    k < bl.n && bl.v[k].d->line == ck_job_line(job) + 1;
			    k++)
				cli_json_diag(&j, bl.v[k].d);
			json_arr_end(&j);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		/* The findings on lines that are no job. */
		json_key(&j, "findings");
		json_arr_begin(&j);
		for (k = 0; k < bl.n; k++) {
			const ck_diag *d = bl.v[k].d;
			size_t line = d->line;

			if (line > 0 && line <= ck_tab_line_count(src[si].tab) &&
			    (ck_tab_line_kind(src[si].tab, line - 1) ==
			    CK_LINE_JOB || ck_tab_line_kind(src[si].tab,
			    line - 1) == CK_LINE_DISABLED))
				continue;
			cli_json_diag(&j, d);
		}
		json_arr_end(&j);
		free(bl.v);
		ck_diag_list_free(diags);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	json_end(&j);
	return 0;
}

static int
doc(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *zone = NULL, *outpath = NULL;
	struct cli_source *src = NULL;
	size_t nsrc = 0, i;
	bool html = false;
	ck_tz *tz = NULL;
	FILE *f = stdout;
	int rc;

	for (i = 0; i < a->nopts; i++) {
		const char *arg = a->opts[i].arg;

		switch (a->opts[i].key) {
		case OPT_FORMAT:
			if (strcmp(arg, "html") == 0)
				html = true;
			else if (strcmp(arg, "md") != 0 &&
			    strcmp(arg, "markdown") != 0) {
				cli_warnx(ctx,
				    "--format takes md or html, not '%s'", arg);
				return CLI_EXIT_USAGE;
			}
			break;
		case CLI_KEY_TZ:
			zone = arg;
			break;
		case 'o':
			outpath = arg;
			break;
		}
	}
	if (a->argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'",
		    a->argv[0]);
	if ((tz = cli_zone(ctx, zone, "--tz")) == NULL)
		return EX_DATAERR;
	if ((rc = cli_load_sources(ctx, CLI_SRC_LENIENT, &src, &nsrc)) != 0)
		goto out;
	if (outpath != NULL && (f = fopen(outpath, "w")) == NULL) {
		cli_warn(ctx, "%s", outpath);
		rc = EX_CANTCREAT;
		goto out;
	}
	rc = ctx->json ? json_doc(ctx, f, src, nsrc, tz) :
	    write_doc(ctx, f, html, src, nsrc, tz);
	if (f != stdout && (fflush(f) == EOF || ferror(f) || fclose(f) == EOF)) {
		cli_warn(ctx, "%s", outpath);
		rc = EX_IOERR;
	}
out:
	cli_sources_free(src, nsrc);
	ck_tz_free(tz);
	return cli_finish(rc);
}

const struct cli_command cmd_doc = {
	.name = "doc",
	.summary = "a Markdown or HTML document describing the crontab",
	.description =
"Write a document describing the selected crontabs: every job with its\n"
"schedule, an English description, its next " NEXT_RUNS_WORD " runs, user,\n"
"id, command and the problems 'cronkeep check' finds on its line, then the\n"
"crontab's other findings.  --json gives the same data:\n"
"{\"generated\",\"zone\",\"crontabs\":[{\"source\",\"kind\",\"dialect\",\n"
"\"jobs\":[{\"line\",\"id\",\"schedule\",\"description\",\"enabled\",\n"
"\"next\",\"user\",\"command\",\"findings\"}],\"findings\"}]} (an anacrontab's or\n"
"run-parts folder's jobs: {\"label\",\"line\",\"schedule\",\"next\"}).\n",
	.options = options,
	.exec = doc,
};
