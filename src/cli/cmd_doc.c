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

#define NEXT_RUNS	3

static void
usage(FILE *f)
{
	fprintf(f,
"usage: cronkeep [where] doc [--format md|html] [--tz ZONE] [-o FILE]\n"
"\n"
"Write a document describing the selected crontabs: every job with its\n"
"schedule, an English description, its next %d runs, user, id, command\n"
"and the problems 'cronkeep check' finds on its line, then the crontab's\n"
"other findings.  Markdown by default; --format html writes a\n"
"self-contained page.  -o FILE writes to FILE instead of standard output.\n",
	    NEXT_RUNS);
}

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

static void
text(FILE *f, bool html, const char *s, size_t n)
{
	if (html)
		cli_put_xml(f, s, n);
	else
		md_text(f, s, n);
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

static void
describe_job(FILE *f, bool html, const struct cli_source *src,
    const ck_job *job, const ck_tz *tz, const ck_diag_list *diags,
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
	if (html)
		cli_put_xml(f, s, n);
	else
		fwrite(s, 1, n, f);
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
	if (html)
		cli_put_xml(f, s, n);
	else
		/* Inside a code span nothing is markup; only '`' matters. */
		for (i = 0; i < n; i++)
			fputc(s[i] == '`' ? '\'' : ((unsigned char)s[i] < 0x20 ?
			    ' ' : s[i]), f);
	fputs(html ? "</code>" : "`", f);
	end_field(f, html);
	field(f, html, "source");
	texts(f, html, src->label);
	fprintf(f, ":%zu", ck_job_line(job) + 1);
	end_field(f, html);
	for (i = 0; i < ck_diag_count(diags); i++) {
		const ck_diag *d = ck_diag_at(diags, i);

		if (d->line != ck_job_line(job) + 1)
			continue;
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

static int
write_doc(FILE *f, bool html, struct cli_source *src, size_t nsrc,
    const ck_tz *tz)
{
	ck_diag_list *diags;
	ck_error err;
	time_t now = time(NULL);
	char buf[64];
	size_t s, i, k, njobs;

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
		if (ck_lint(src[s].tab, NULL, &diags, &err) == -1)
			return cli_error(src[s].label, &err);
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
			    tz, diags, now);
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

enum { OPT_FORMAT = 0x100, OPT_TZ };

const struct option cmd_doc_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "tz", required_argument, NULL, OPT_TZ },
	{ "output", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 }
};

int
cmd_doc(int argc, char **argv)
{
	const char *zone = NULL, *outpath = NULL;
	struct cli_source *src = NULL;
	size_t nsrc = 0;
	bool html = false;
	ck_tz *tz = NULL;
	FILE *f = stdout;
	int c, rc;

	while ((c = cli_getopt(argc, argv, "ho:", cmd_doc_opts)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return cli_finish(CLI_EXIT_OK);
		case OPT_FORMAT:
			if (strcmp(optarg, "html") == 0)
				html = true;
			else if (strcmp(optarg, "md") != 0 &&
			    strcmp(optarg, "markdown") != 0) {
				cli_warnx("--format takes md or html, not '%s'",
				    optarg);
				return CLI_EXIT_USAGE;
			}
			break;
		case OPT_TZ:
			zone = optarg;
			break;
		case 'o':
			outpath = optarg;
			break;
		default:
			usage(stderr);
			return CLI_EXIT_USAGE;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return CLI_EXIT_USAGE;
	}
	if ((tz = cli_zone(zone, "--tz")) == NULL)
		return EX_DATAERR;
	if ((rc = cli_load_sources(CLI_SRC_LENIENT, &src, &nsrc)) != 0)
		goto out;
	if (outpath != NULL && (f = fopen(outpath, "w")) == NULL) {
		cli_warn("%s", outpath);
		rc = EX_CANTCREAT;
		goto out;
	}
	rc = write_doc(f, html, src, nsrc, tz);
	if (f != stdout && (fflush(f) == EOF || ferror(f) || fclose(f) == EOF)) {
		cli_warn("%s", outpath);
		rc = EX_IOERR;
	}
out:
	cli_sources_free(src, nsrc);
	ck_tz_free(tz);
	return cli_finish(rc);
}
