/* SPDX-License-Identifier: ISC */
/*
 * cmd_timeline.c - "cronkeep timeline": when does what run.  A picture of
 * a day (or a week) with one row per job and time across, runs drawn with
 * block characters and the minutes where several jobs start at once
 * marked; --svg and --html write the same picture to a file.  The file is
 * drawn from runcount (runs per minute from the schedules' bit sets, never
 * a list of every run) in SVG_CELLS cells across: a row is a few spans of
 * cells with the same density, at most SVG_JOBS rows of jobs, then bands
 * for the other jobs, all jobs and the minutes with several starts, so its
 * size is bounded whatever the number of jobs and runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "fires.h"
#include "fleet.h"
#include "runcount.h"
#include "width.h"
#include "window.h"


struct picture {
	ck_tz			*tz;
	time_t			 from, to;
	bool			 week;
	struct cli_source	*src;
	size_t			 nsrc;
	struct fire_job		*fj;
	size_t			 nfj;
	time_t			*coll;		/* minutes with 2+ starts */
	size_t			 ncoll;
	size_t			*coll_jobs;	/* how many jobs, per minute */
	/* --svg and --html: SVG_CELLS cells across, from runcount. */
	struct runcount		*rc;
	size_t			 nshow;		/* job rows drawn */
	uint32_t		*cell;		/* nshow rows of cells */
	uint32_t		*total;		/* all jobs, per cell */
	uint32_t		*others;	/* the jobs not drawn */
	uint32_t		*cmin;		/* minutes with 2+ starts */
	uint32_t		*cmax;		/* most starts in one minute */
};

static int
cmp_time(const void *a, const void *b)
{
	time_t x = *(const time_t *)a, y = *(const time_t *)b;

	return x < y ? -1 : x > y;
}

/* Minutes in which two or more jobs start. */
static void
find_collisions(struct picture *p)
{
	time_t *all = NULL;
	size_t n = 0, i, k, run;

	for (i = 0; i < p->nfj; i++) {
		if (p->fj[i].n == 0)
			continue;
		all = xreallocarray(all, n + p->fj[i].n + 1, sizeof(*all));
		/* A job counts once per minute. */
		memcpy(all + n, p->fj[i].t, p->fj[i].n * sizeof(*all));
		n += p->fj[i].n;
	}
	if (n > 0)
		qsort(all, n, sizeof(*all), cmp_time);
	p->coll = xcalloc(n + 1, sizeof(*p->coll));
	p->coll_jobs = xcalloc(n + 1, sizeof(*p->coll_jobs));
	for (i = 0; i < n; i = k) {
		for (k = i, run = 0; k < n && all[k] == all[i]; k++)
			run++;
		if (run > 1) {
			p->coll[p->ncoll] = all[i];
			p->coll_jobs[p->ncoll] = run;
			p->ncoll++;
		}
	}
	free(all);
}

/*
 * --json: the window and each job's runs in it (RFC 3339), then the
 * minutes in which several jobs start.
 */
static void
print_json(const struct cli_ctx *ctx, const struct picture *p)
{
	struct json j;
	char buf[64];
	const char *s;
	size_t i, k, len;

	cli_json_init(ctx, &j, stdout);
	json_obj_begin(&j);
	json_key(&j, "window");
	json_obj_begin(&j);
	fires_fmt(p->tz, p->from, true, buf, sizeof(buf), NULL);
	json_key(&j, "from");
	json_str(&j, buf);
	fires_fmt(p->tz, p->to, true, buf, sizeof(buf), NULL);
	json_key(&j, "to");
	json_str(&j, buf);
	json_key(&j, "zone");
	json_str(&j, ck_tz_name(p->tz));
	json_obj_end(&j);
	json_key(&j, "jobs");
	json_arr_begin(&j);
	for (i = 0; i < p->nfj; i++) {
		const struct fire_job *f = &p->fj[i];

		json_obj_begin(&j);
		json_key(&j, "source");
		json_str(&j, f->src->label);
		json_key(&j, "line");
		json_int(&j, (long long)fires_job_line(f));
		json_key(&j, "id");
		if (f->job != NULL && (s = ck_job_id(f->job, &len)) != NULL)
			json_strn(&j, s, len);
		else
			json_null(&j);
		json_key(&j, "label");
		json_str(&j, f->label);
		json_key(&j, "runs");
		json_arr_begin(&j);
		for (k = 0; k < f->n; k++) {
			fires_fmt(p->tz, f->t[k], true, buf, sizeof(buf),
			    NULL);
			json_str(&j, buf);
		}
		json_arr_end(&j);
		json_key(&j, "capped");
		json_bool(&j, f->capped);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_key(&j, "collisions");
	json_arr_begin(&j);
	for (i = 0; i < p->ncoll; i++) {
		json_obj_begin(&j);
		json_key(&j, "time");
		fires_fmt(p->tz, p->coll[i], true, buf, sizeof(buf), NULL);
		json_str(&j, buf);
		json_key(&j, "jobs");
		json_int(&j, (long long)p->coll_jobs[i]);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	json_end(&j);
}

static const char *
block(size_t n)
{
	if (n == 0)
		return " ";
	if (n == 1)
		return "\u2581";
	if (n <= 3)
		return "\u2583";
	if (n <= 7)
		return "\u2585";
	return "\u2588";
}

static size_t
slot_of(const struct picture *p, time_t t, size_t cols)
{
	return (size_t)((double)(t - p->from) * (double)cols /
	    (double)(p->to - p->from));
}

static void
print_text(const struct cli_ctx *ctx, const struct picture *p, size_t cols,
    bool chosen)
{
	size_t *cnt;
	bool *hot, color;
	char *axis, buf[64], *label;
	struct tm tm;
	size_t i, k, s, len, lw;

	lw = cli_fit_picture(cli_width(ctx), p->week, chosen, &cols);
	cnt = xcalloc(cols, sizeof(*cnt));
	hot = xcalloc(cols, sizeof(*hot));
	axis = xcalloc(cols + 8, 1);
	color = cli_color_on(ctx, stdout);
	for (i = 0; i < p->ncoll; i++)
		hot[slot_of(p, p->coll[i], cols)] = true;
	/* The axis: hours of the day, or days of the week. */
	memset(axis, ' ', cols);
	for (k = 0; k < (p->week ? 7u : 24u); k += p->week ? 1 : 3) {
		time_t t = p->from + (time_t)k * (p->week ? 86400 : 3600);

		fires_fmt(p->tz, t, false, buf, sizeof(buf), &tm);
		s = slot_of(p, t, cols);
		if (p->week)
			len = (size_t)snprintf(buf, sizeof(buf), "%s %02d",
			    ck_field_value_name(CK_FIELD_DOW, tm.tm_wday, false),
			    tm.tm_mday);
		else
			len = (size_t)snprintf(buf, sizeof(buf), "%02d",
			    tm.tm_hour);
		if (s + len <= cols)
			memcpy(axis + s, buf, len);
	}
	fires_fmt(p->tz, p->from, false, buf, sizeof(buf), NULL);
	cli_put_cut(stdout, p->week ? "week from" : "day", lw, lw, 0);
	printf(" %s\n", buf);
	cli_put_cut(stdout, ck_tz_name(p->tz), lw, lw, 0);
	printf(" %s\n", axis);
	for (i = 0; i < p->nfj; i++) {
		memset(cnt, 0, cols * sizeof(*cnt));
		for (k = 0; k < p->fj[i].n; k++)
			cnt[slot_of(p, p->fj[i].t[k], cols)]++;
		label = cli_text(stdout, p->fj[i].label,
		    strlen(p->fj[i].label));
		cli_put_cut(stdout, label, lw, lw, 0);
		free(label);
		putchar(' ');
		for (s = 0; s < cols; s++) {
			if (color && hot[s] && cnt[s] > 0)
				fputs("\033[31m", stdout);
			fputs(block(cnt[s]), stdout);
			if (color && hot[s] && cnt[s] > 0)
				fputs("\033[0m", stdout);
		}
		putchar('\n');
	}
	cli_put_cut(stdout, "starting together", lw, lw, 0);
	putchar(' ');
	for (s = 0; s < cols; s++) {
		if (hot[s] && color)
			fputs("\033[1;31m^\033[0m", stdout);
		else
			putchar(hot[s] ? '^' : ' ');
	}
	putchar('\n');
	printf("%zu job%s, %zu minute%s with several starts\n", p->nfj,
	    p->nfj == 1 ? "" : "s", p->ncoll, p->ncoll == 1 ? "" : "s");
	free(cnt);
	free(hot);
	free(axis);
}

#define SVG_LABEL	220
#define SVG_PLOT	960
#define SVG_ROW		22
#define SVG_TOP		40
#define SVG_CELLS	240	/* 4 pixels: 6 minutes of a day */
#define SVG_JOBS	100	/* job rows; then bands for the rest */

/* The cell of minute i of the window. */
static size_t
cell_of(const struct picture *p, size_t i)
{
	return i * SVG_CELLS / runcount_minutes(p->rc);
}

/* The first minute of cell k (k == SVG_CELLS: the end of the window). */
static time_t
cell_start(const struct picture *p, size_t k)
{
	size_t n = runcount_minutes(p->rc);

	return p->from + (time_t)((k * n + SVG_CELLS - 1) / SVG_CELLS) * 60;
}

/*
 * Count, per cell, the runs of the first nshow jobs, of all jobs and of
 * the others, and the minutes where several jobs start: one pass over the
 * window's minutes.
 */
static void
count_cells(struct picture *p)
{
	size_t nmin = runcount_minutes(p->rc), i, k, j, n, c;
	size_t *out = xcalloc(p->nfj + 1, sizeof(*out));
	uint32_t at;

	p->nshow = p->nfj < SVG_JOBS ? p->nfj : SVG_JOBS;
	p->cell = xcalloc(p->nshow * SVG_CELLS + 1, sizeof(*p->cell));
	p->total = xcalloc(SVG_CELLS, sizeof(*p->total));
	p->others = xcalloc(SVG_CELLS, sizeof(*p->others));
	p->cmin = xcalloc(SVG_CELLS, sizeof(*p->cmin));
	p->cmax = xcalloc(SVG_CELLS, sizeof(*p->cmax));
	for (i = 0; i < nmin; i++) {
		if ((at = runcount_at(p->rc, i)) == 0)
			continue;
		c = cell_of(p, i);
		p->total[c] += at;
		if (at > 1) {
			p->ncoll++;
			p->cmin[c]++;
			if (at > p->cmax[c])
				p->cmax[c] = at;
		}
		/* The jobs in job order: the drawn ones come first. */
		n = runcount_jobs(p->rc, i, out);
		for (k = 0; k < n && out[k] < p->nshow; k++)
			p->cell[out[k] * SVG_CELLS + c]++;
	}
	for (c = 0; c < SVG_CELLS; c++) {
		uint32_t shown = 0;

		for (j = 0; j < p->nshow; j++)
			shown += p->cell[j * SVG_CELLS + c];
		p->others[c] = p->total[c] > shown ? p->total[c] - shown : 0;
	}
	free(out);
}

/*
 * Density level 1-4 of a count: like the terminal's blocks (1, 2-3, 4-7,
 * 8+), or for a band of many jobs by the share of its busiest cell.
 */
static int
level(uint32_t n, uint32_t max)
{
	if (n == 0)
		return 0;
	if (max == 0)
		return n == 1 ? 1 : n <= 3 ? 2 : n <= 7 ? 3 : 4;
	return (uint64_t)n * 8 <= max ? 1 : (uint64_t)n * 4 <= max ? 2 :
	    (uint64_t)n * 2 <= max ? 3 : 4;
}

/*
 * A row's cells as spans of one density level: at most SVG_CELLS marks
 * however many runs, each with its runs in data-runs and a title.
 */
static void
write_spans(FILE *f, const struct picture *p, const uint32_t *cnt, int y,
    const char *cls, bool band)
{
	char a[64], b[64];
	uint32_t max = 0, sum;
	size_t k, e;
	int lv;

	if (band)
		for (k = 0; k < SVG_CELLS; k++)
			if (cnt[k] > max)
				max = cnt[k];
	for (k = 0; k < SVG_CELLS; k = e) {
		if ((lv = level(cnt[k], band ? max : 0)) == 0) {
			e = k + 1;
			continue;
		}
		for (e = k, sum = 0; e < SVG_CELLS &&
		    level(cnt[e], band ? max : 0) == lv; e++)
			sum += cnt[e];
		fires_fmt(p->tz, cell_start(p, k), false, a, sizeof(a), NULL);
		fires_fmt(p->tz, cell_start(p, e), false, b, sizeof(b), NULL);
		fprintf(f, "<rect class=\"%s l%d\" x=\"%.2f\" y=\"%d\" "
		    "width=\"%.2f\" height=\"%d\" data-runs=\"%u\"><title>%s "
		    "to %s: %u run%s</title></rect>\n", cls, lv, SVG_LABEL +
		    (double)k * SVG_PLOT / SVG_CELLS, y + 3, (double)(e - k) *
		    SVG_PLOT / SVG_CELLS, SVG_ROW - 6, sum, a, b, sum,
		    sum == 1 ? "" : "s");
	}
}

static void
write_label(FILE *f, int y, const char *s)
{
	fprintf(f, "<text class=\"label\" x=\"4\" y=\"%d\">", y + 14);
	cli_put_xml(f, s, strlen(s));
	fprintf(f, "</text>\n");
}

static void
write_svg(FILE *f, const struct picture *p)
{
	size_t i, k, rows = p->nshow + (p->nfj > p->nshow) + 2;
	int height = SVG_TOP + (int)rows * SVG_ROW + 10, y;
	char buf[64];
	struct tm tm;

	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	    "font-family=\"sans-serif\" font-size=\"12\">\n",
	    SVG_LABEL + SVG_PLOT + 10, height, SVG_LABEL + SVG_PLOT + 10,
	    height);
	fires_fmt(p->tz, p->from, false, buf, sizeof(buf), NULL);
	fprintf(f, "<title>cronkeep timeline: %s %s (", p->week ? "week from" :
	    "day", buf);
	cli_put_xml(f, ck_tz_name(p->tz), strlen(ck_tz_name(p->tz)));
	fprintf(f, ")</title>\n");
	fprintf(f, "<style>.run{fill:#1f77b4}.band{fill:#555}"
	    ".collision{fill:#d62728}.l1{fill-opacity:.35}"
	    ".l2{fill-opacity:.55}.l3{fill-opacity:.75}.l4{fill-opacity:1}"
	    ".grid{stroke:#ddd}.label{fill:#222}</style>\n");
	/* Grid: every hour for a day, every day for a week. */
	for (k = 0; k <= (p->week ? 7u : 24u); k++) {
		double x = SVG_LABEL + (double)k * SVG_PLOT /
		    (p->week ? 7.0 : 24.0);
		time_t t = p->from + (time_t)k * (p->week ? 86400 : 3600);

		fprintf(f, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" "
		    "x2=\"%.1f\" y2=\"%d\"/>\n", x, SVG_TOP - 12, x,
		    height - 10);
		if (k == (p->week ? 7u : 24u) || (!p->week && k % 2 != 0))
			continue;
		fires_fmt(p->tz, t, false, buf, sizeof(buf), &tm);
		fprintf(f, "<text x=\"%.1f\" y=\"%d\">", x + 2, SVG_TOP - 16);
		if (p->week)
			fprintf(f, "%.10s", buf);
		else
			fprintf(f, "%02d:00", tm.tm_hour);
		fprintf(f, "</text>\n");
	}
	for (i = 0, y = SVG_TOP; i < p->nshow; i++, y += SVG_ROW) {
		fprintf(f, "<g>");
		write_label(f, y, p->fj[i].label);
		write_spans(f, p, p->cell + i * SVG_CELLS, y, "run", false);
		fprintf(f, "</g>\n");
	}
	if (p->nfj > p->nshow) {
		snprintf(buf, sizeof(buf), "%zu more jobs", p->nfj - p->nshow);
		fprintf(f, "<g>");
		write_label(f, y, buf);
		write_spans(f, p, p->others, y, "band", true);
		fprintf(f, "</g>\n");
		y += SVG_ROW;
	}
	fprintf(f, "<g>");
	write_label(f, y, "all jobs");
	write_spans(f, p, p->total, y, "band", true);
	fprintf(f, "</g>\n");
	y += SVG_ROW;
	write_label(f, y, "starting together");
	for (k = 0; k < SVG_CELLS; k++) {
		if (p->cmin[k] == 0)
			continue;
		fires_fmt(p->tz, cell_start(p, k), false, buf, sizeof(buf),
		    NULL);
		fprintf(f, "<rect class=\"collision\" x=\"%.2f\" y=\"%d\" "
		    "width=\"%.2f\" height=\"%d\" data-minutes=\"%u\"><title>"
		    "%s: %u minute%s with several starts, up to %u"
		    "</title></rect>\n", SVG_LABEL + (double)k * SVG_PLOT /
		    SVG_CELLS, y + 3, (double)SVG_PLOT / SVG_CELLS, SVG_ROW - 6,
		    p->cmin[k], buf, p->cmin[k], p->cmin[k] == 1 ? "" : "s",
		    p->cmax[k]);
	}
	fprintf(f, "</svg>\n");
}

static void
write_html(FILE *f, const struct picture *p)
{
	char buf[64];
	size_t i, len;
	const char *s;

	fires_fmt(p->tz, p->from, false, buf, sizeof(buf), NULL);
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>cronkeep timeline</title>\n"
	    "<style>body{font-family:sans-serif;margin:2em}"
	    "table{border-collapse:collapse}td,th{padding:2px 8px;"
	    "border-bottom:1px solid #ddd;text-align:left}"
	    "code{font-size:90%%}</style>\n</head>\n<body>\n");
	fprintf(f, "<h1>When what runs: %s %s (", p->week ? "week from" :
	    "day", buf);
	cli_put_xml(f, ck_tz_name(p->tz), strlen(ck_tz_name(p->tz)));
	fprintf(f, ")</h1>\n");
	write_svg(f, p);
	fprintf(f, "<table>\n<tr><th>job</th><th>schedule</th><th>command"
	    "</th><th>runs</th><th>source</th></tr>\n");
	for (i = 0; i < p->nfj; i++) {
		const char *lab = fires_job_where(&p->fj[i]);
		char *sched = fires_job_schedule(&p->fj[i]);

		fprintf(f, "<tr><td>");
		cli_put_xml(f, p->fj[i].label, strlen(p->fj[i].label));
		fprintf(f, "</td><td><code>");
		if (sched != NULL)
			cli_put_xml(f, sched, strlen(sched));
		free(sched);
		fprintf(f, "</code></td><td><code>");
		s = fires_job_command(&p->fj[i], &len);
		cli_put_xml(f, s, len);
		fprintf(f, "</code></td><td>%zu</td><td>", p->fj[i].n);
		cli_put_xml(f, lab, strlen(lab));
		if (fires_job_line(&p->fj[i]) > 0)
			fprintf(f, ":%zu", fires_job_line(&p->fj[i]));
		fprintf(f, "</td></tr>\n");
	}
	fprintf(f, "</table>\n<p>%zu minute%s with several starts.</p>\n"
	    "</body>\n</html>\n", p->ncoll, p->ncoll == 1 ? "" : "s");
}

static int
write_file(const struct cli_ctx *ctx, const char *path, const struct picture *p,
    bool html)
{
	FILE *f;

	if ((f = fopen(path, "w")) == NULL) {
		cli_warn(ctx, "%s", path);
		return EX_CANTCREAT;
	}
	if (html)
		write_html(f, p);
	else
		write_svg(f, p);
	if (fflush(f) == EOF || ferror(f)) {
		cli_warn(ctx, "%s", path);
		fclose(f);
		return EX_IOERR;
	}
	if (fclose(f) == EOF) {
		cli_warn(ctx, "%s", path);
		return EX_IOERR;
	}
	return 0;
}

enum { OPT_DAY = 0x100, OPT_WEEK, OPT_WIDTH, OPT_SVG, OPT_HTML,
	OPT_INVENTORY };

static const struct cli_option options[] = {
	{ "day", 0, OPT_DAY, "DATE", "the day to draw (default: today)",
	    CLI_COMP_NONE, NULL, 0 },
	{ "week", 0, OPT_WEEK, NULL, "a week instead, from --from (default: "
	    "this Monday)", CLI_COMP_NONE, NULL, 0 },
	CLI_OPT_FROM("DATE", "where the week (or the day) starts"),
	CLI_OPT_TZ("the zone of the times (default: TZ, else the local "
	    "zone)"),
	{ "width", 0, OPT_WIDTH, "N", "columns for the time axis (24-400)",
	    CLI_COMP_NONE, NULL, 0 },
	{ "svg", 0, OPT_SVG, "FILE", "write the picture as SVG: spans of "
	    "runs, bands past 100 jobs", CLI_COMP_FILE, NULL, 0 },
	{ "html", 0, OPT_HTML, "FILE", "write a self-contained HTML page with "
	    "the SVG and a table", CLI_COMP_FILE, NULL, 0 },
	{ "inventory", 0, OPT_INVENTORY, "FILE|DIR", "draw many hosts' "
	    "inventories (and the operands):\nstarts per job across the "
	    "fleet", CLI_COMP_FILE, NULL, 0 },
	{ NULL, 0, 0, NULL, NULL, CLI_COMP_NONE, NULL, 0 }
};

/* What the command line asks for. */
struct timeline_req {
	struct cli_window w;			/* --from (or --day), --tz */
	const char	*day_opt;		/* which gave the day */
	const char	*svg, *html;
	long long	 width;			/* 0: not given */
	bool		 week;
	const char	**inv;			/* --inventory */
	size_t		 ninv;
};

/* The options into q.  @return 0, or an exit code (printed). */
static int
timeline_parse(struct cli_ctx *ctx, const struct cli_args *a,
    struct timeline_req *q)
{
	const char *arg, *errstr;
	size_t oi;
	int c, rc;

	memset(q, 0, sizeof(*q));
	cli_window_init(&q->w, 0, 0);
	q->day_opt = "--day";
	for (oi = 0; oi < a->nopts; oi++) {
		c = a->opts[oi].key;
		arg = a->opts[oi].arg;
		if ((rc = cli_window_option(ctx, &q->w, c, arg)) == -1)
			return CLI_EXIT_USAGE;
		if (rc == 1) {
			if (c == CLI_KEY_FROM)
				q->day_opt = "--from";
			continue;
		}
		switch (c) {
		case OPT_DAY:
			q->w.from = arg;
			q->day_opt = "--day";
			break;
		case OPT_WEEK:
			q->week = true;
			break;
		case OPT_WIDTH:
			q->width = strtonum(arg, 24, 400, &errstr);
			if (errstr != NULL) {
				cli_warnx(ctx, "--width %s: %s", arg, errstr);
				return CLI_EXIT_USAGE;
			}
			break;
		case OPT_SVG:
			q->svg = arg;
			break;
		case OPT_HTML:
			q->html = arg;
			break;
		case OPT_INVENTORY:
			q->inv = xreallocarray(q->inv, q->ninv + 1,
			    sizeof(*q->inv));
			q->inv[q->ninv++] = arg;
			break;
		}
	}
	if (q->ninv == 0 && a->argc != 0)
		return cli_usage_error(ctx, "unexpected argument '%s'",
		    a->argv[0]);
	return 0;
}

/*
 * Midnight today (or this week's Monday) in p->tz, into p->from.
 * @return 0, or an exit code (printed).
 */
static int
timeline_today(struct cli_ctx *ctx, struct picture *p)
{
	char buf[64];
	struct tm tm;
	time_t now;
	int k;

	if ((k = cli_now(ctx, &now)) != 0)
		return k;
	fires_fmt(p->tz, now, false, buf, sizeof(buf), &tm);
	if (p->week) {
		time_t back = now - (time_t)((tm.tm_wday + 6) % 7) * 86400;

		fires_fmt(p->tz, back, false, buf, sizeof(buf), NULL);
	}
	buf[10] = '\0';
	if (fires_parse_time(p->tz, buf, &p->from) == -1) {
		cli_warnx(ctx, "cannot find midnight in %s",
		    ck_tz_name(p->tz));
		return EX_SOFTWARE;
	}
	return 0;
}

/*
 * The zone and the window: from midnight of --day (--from, else today or
 * this Monday) to midnight a day (or a week) later.
 * @return 0, or an exit code (printed).
 */
static int
timeline_window(struct cli_ctx *ctx, const struct timeline_req *q,
    struct picture *p)
{
	char buf[64];
	time_t t;
	int k;

	if ((p->tz = cli_zone(ctx, q->w.zone, "--tz")) == NULL)
		return EX_DATAERR;
	p->week = q->week;
	if (q->w.from != NULL) {
		if ((k = fires_parse_time(p->tz, q->w.from, &p->from)) != 0 ||
		    strlen(q->w.from) != 10)
			return cli_date_refused(ctx, q->day_opt, q->w.from,
			    k == 0 ? -1 : k, "YYYY-MM-DD");
	} else if ((k = timeline_today(ctx, p)) != 0)
		return k;
	/* Midnight a day (or a week) later: DST days are 23 or 25 hours. */
	t = p->from + (p->week ? 7 : 1) * 86400 + 12 * 3600;
	fires_fmt(p->tz, t, false, buf, sizeof(buf), NULL);
	buf[10] = '\0';
	if (fires_parse_time(p->tz, buf, &p->to) == -1)
		p->to = p->from + (p->week ? 7 : 1) * 86400;
	return 0;
}

/*
 * The crontabs' jobs laid out in the window: every run and the minutes
 * with several starts for the terminal and --json, counts per cell from
 * runcount for --svg and --html.  @return 0, or an exit code (printed).
 */
static int
timeline_lay_out(struct cli_ctx *ctx, const struct timeline_req *q,
    struct picture *p)
{
	int rc;

	if ((rc = cli_load_sources(ctx, CLI_SRC_LENIENT, &p->src,
	    &p->nsrc)) != 0)
		return rc;
	if (q->svg == NULL && q->html == NULL) {
		if ((rc = fires_collect(ctx, p->src, p->nsrc, p->tz, p->from,
		    p->to, 200000, &p->fj, &p->nfj)) != 0)
			return rc;
		find_collisions(p);
		return 0;
	}
	/* The files: counts per minute, not every run. */
	fires_jobs(p->src, p->nsrc, &p->fj, &p->nfj);
	if ((p->rc = runcount_new(ctx, p->fj, p->nfj, p->tz, p->from,
	    p->to)) == NULL)
		return EX_DATAERR;
	count_cells(p);
	return 0;
}

/*
 * The picture on stdout (--json, else the terminal's at --width, by
 * default 96 columns for a day, 84 for a week), or into the --svg and
 * --html files.  @return 0, or an exit code (printed).
 */
static int
timeline_draw(const struct cli_ctx *ctx, const struct timeline_req *q,
    const struct picture *p)
{
	int rc;

	if (q->svg == NULL && q->html == NULL) {
		if (ctx->json)
			print_json(ctx, p);
		else
			print_text(ctx, p, q->width != 0 ? (size_t)q->width :
			    p->week ? 84 : 96, q->width != 0);
		return 0;
	}
	if (q->svg != NULL && (rc = write_file(ctx, q->svg, p, false)) != 0)
		return rc;
	if (q->html != NULL && (rc = write_file(ctx, q->html, p, true)) != 0)
		return rc;
	return 0;
}

/* Release what timeline_window() and timeline_lay_out() took. */
static void
timeline_free(struct picture *p)
{
	free(p->coll);
	free(p->coll_jobs);
	free(p->cell);
	free(p->total);
	free(p->others);
	free(p->cmin);
	free(p->cmax);
	runcount_free(p->rc);
	fires_free(p->fj, p->nfj);
	cli_sources_free(p->src, p->nsrc);
	ck_tz_free(p->tz);
}

/*
 * The command: parse, then the fleet's picture (--inventory) or the
 * window, the jobs laid out in it and the picture drawn.
 * @return the exit code.
 */
static int
timeline(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct timeline_req q;
	struct picture p;
	int rc;

	if ((rc = timeline_parse(ctx, a, &q)) != 0) {
		free(q.inv);
		return rc;
	}
	if (q.ninv > 0) {
		struct fleet_opts fo = FLEET_OPTS_INIT;

		fo.json = ctx->json;
		fo.from = q.w.from;
		fo.from_opt = q.day_opt;
		fo.tz = q.w.zone;
		fo.week = q.week;
		fo.svg = q.svg;
		fo.html = q.html;
		fo.width = (size_t)q.width;
		fo.limit = cli_width(ctx);
		rc = fleet_main(ctx, FLEET_TIMELINE, q.inv, q.ninv, a, &fo);
		free(q.inv);
		return rc;
	}
	memset(&p, 0, sizeof(p));
	/* A zone or date refused before anything is printed: not flushed. */
	if ((rc = timeline_window(ctx, &q, &p)) != 0) {
		timeline_free(&p);
		return rc;
	}
	if ((rc = timeline_lay_out(ctx, &q, &p)) == 0)
		rc = timeline_draw(ctx, &q, &p);
	timeline_free(&p);
	return cli_finish(rc);
}

const struct cli_command cmd_timeline = {
	.name = "timeline",
	.summary = "a picture of when what runs (terminal, --svg, --html)",
	.description =
"Draw when each job runs: one row per job, time across (a day in 96\n"
"columns of 15 minutes by default, or a week from --from, default this\n"
"Monday, in 84 columns of 2 hours).  A cell shows how many runs fall in it:\n"
"' ' none, '\u2581' 1, '\u2583' 2-3, '\u2585' 4-7, '\u2588' 8 or more.  The\n"
"last row marks with '^' the cells holding a minute in which several jobs\n"
"start at once (red on a terminal).  Times are in ZONE (default: TZ, else\n"
"the local zone).\n"
"With --inventory FILE|DIR... (cronkeep inventory --json documents, or a\n"
"folder of them): the fleet's starts, one row per job (by id, else\n"
"command; the 30 with the most hosts starting at once) and a last row\n"
"for all jobs, from the next midnight after the newest inventory (or\n"
"--day/--from); a full block is the most starts in a cell of that kind\n"
"of row.  --svg and --html draw the same, one mark per cell with its\n"
"count; --json gives {\"window\",\"cells\",\"jobs\":[{\"label\",\"starts\"}],\n"
"\"all\"}, the starts in each cell.\n"
"Without --inventory, --svg draws 240 cells across: spans of runs for the\n"
"first 100 jobs, then bands for the other jobs, all jobs and the minutes\n"
"with several starts, so the file stays small for any number of jobs.\n",
	.options = options,
	.exec = timeline,
};
