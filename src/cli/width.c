/* SPDX-License-Identifier: ISC */
/*
 * width.c - output that fits (issue 20): the width a command's tables and
 * pictures may take, and cutting text to it with "…".  Tables measure
 * their columns, call cli_fit() to narrow the widest free-text ones (the
 * command, mostly) and print each cell with cli_put_cut(); lists wrap
 * (cli_wrap_put()); the timelines' pictures narrow their labels, then
 * their cells (cli_fit_picture()).  Piped output without COLUMNS, and
 * --wide, is never cut.
 */
#include <sys/ioctl.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "width.h"

#define ELLIPSIS	"\u2026"	/* one column, three bytes */
#define ELLIPSIS_LEN	3
#define DEFAULT_WIDTH	80

/* COLUMNS as a number of columns, or 0 (unset, empty, not a number). */
static size_t
env_columns(void)
{
	const char *c = getenv("COLUMNS");
	long long v;

	if (c == NULL || *c == '\0')
		return 0;
	v = strtonum(c, 1, 100000, NULL);
	return (size_t)v;
}

size_t
cli_width(const struct cli_ctx *ctx)
{
	struct winsize ws;
	size_t c;

	if (ctx != NULL && ctx->wide)
		return 0;
	if (isatty(STDOUT_FILENO)) {
		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
		    ws.ws_col > 0)
			return ws.ws_col;
		return (c = env_columns()) != 0 ? c : DEFAULT_WIDTH;
	}
	/* A pipe or a file: whole lines unless COLUMNS asks otherwise. */
	return env_columns();
}

size_t
cli_text_width(const char *s, size_t len)
{
	size_t w;

	(void)cli_utf8_cut(s, len, SIZE_MAX, &w);
	return w;
}

char *
cli_cut(const char *s, size_t len, size_t maxw)
{
	size_t k;
	char *d;

	if (cli_utf8_cut(s, len, maxw, NULL) < len) {
		/* Too wide: the prefix leaves a column for the ellipsis. */
		k = maxw > 0 ? cli_utf8_cut(s, len, maxw - 1, NULL) : 0;
		d = xmalloc(k + ELLIPSIS_LEN + 1);
		memcpy(d, s, k);
		if (maxw > 0) {
			memcpy(d + k, ELLIPSIS, ELLIPSIS_LEN);
			k += ELLIPSIS_LEN;
		}
		d[k] = '\0';
		return d;
	}
	d = xmalloc(len + 1);
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

char *
cli_cut_start(const char *s, size_t len, size_t maxw)
{
	size_t k, w;
	char *d;

	if ((w = cli_text_width(s, len)) <= maxw)
		return cli_cut(s, len, maxw);
	if (maxw == 0)
		return xstrdup("");
	/* Drop what is over, and a column for the ellipsis ... */
	k = cli_utf8_cut(s, len, w - (maxw - 1), NULL);
	/* ... and the rest of a character that did not fit in that. */
	while (k < len && cli_text_width(s + k, len - k) > maxw - 1) {
		k++;
		while (k < len && ((unsigned char)s[k] & 0xc0) == 0x80)
			k++;
	}
	d = xmalloc(ELLIPSIS_LEN + len - k + 1);
	memcpy(d, ELLIPSIS, ELLIPSIS_LEN);
	memcpy(d + ELLIPSIS_LEN, s + k, len - k);
	d[ELLIPSIS_LEN + len - k] = '\0';
	return d;
}

size_t
cli_put_cut(FILE *f, const char *s, size_t maxw, size_t pad,
    unsigned int flags)
{
	size_t w;
	char *c;

	if (maxw == 0) {
		fputs(s, f);
		w = cli_text_width(s, strlen(s));
	} else {
		c = (flags & CLI_CUT_START) ? cli_cut_start(s, strlen(s),
		    maxw) : cli_cut(s, strlen(s), maxw);
		fputs(c, f);
		w = cli_text_width(c, strlen(c));
		free(c);
	}
	for (; w < pad; w++)
		fputc(' ', f);
	return w;
}

size_t
cli_fit(size_t *w, const bool *cut, size_t n, size_t limit, size_t min)
{
	size_t i, sum = 0, top, next, ntop, over, each, extra;

	for (i = 0; i < n; i++)
		sum += w[i];
	while (limit > 0 && sum > limit) {
		/* The widest free-text columns, and the width below them. */
		top = 0;
		for (i = 0; i < n; i++)
			if (cut[i] && w[i] > top)
				top = w[i];
		if (top <= min)
			break;
		next = min;
		ntop = 0;
		for (i = 0; i < n; i++) {
			if (!cut[i])
				continue;
			if (w[i] == top)
				ntop++;
			else if (w[i] > next)
				next = w[i];
		}
		over = sum - limit;
		if (over >= ntop * (top - next)) {
			/* All of them down to the next widest, and again. */
			for (i = 0; i < n; i++)
				if (cut[i] && w[i] == top)
					w[i] = next;
			sum -= ntop * (top - next);
			continue;
		}
		/* Share what is over among them, the first ones a column more. */
		each = over / ntop;
		extra = over % ntop;
		for (i = 0; i < n; i++)
			if (cut[i] && w[i] == top) {
				w[i] -= each + (extra > 0);
				if (extra > 0)
					extra--;
			}
		sum = limit;
	}
	return sum;
}

#define LABEL_W		24	/* a picture's label column ... */
#define LABEL_MIN	10	/* ... narrowed down to this */

size_t
cli_fit_picture(size_t limit, bool week, bool chosen, size_t *cols)
{
	static const size_t day_cells[] = { 96, 72, 48, 24 };
	static const size_t week_cells[] = { 84, 56, 42, 28 };
	const size_t *v = week ? week_cells : day_cells;
	size_t i;

	if (limit == 0)
		return LABEL_W;
	for (i = 0; !chosen && i < 4; i++) {
		*cols = v[i];
		if (LABEL_MIN + 1 + v[i] <= limit)
			break;
	}
	if (LABEL_W + 1 + *cols <= limit)
		return LABEL_W;
	return limit > *cols + 1 + LABEL_MIN ? limit - 1 - *cols : LABEL_MIN;
}

void
cli_wrap_put(struct cli_wrap *w, const char *sep, const char *item)
{
	size_t sw = cli_text_width(sep, strlen(sep));
	size_t iw = cli_text_width(item, strlen(item));
	size_t k = strlen(sep), i;

	if (w->limit > 0 && w->col > w->indent &&
	    w->col + sw + iw > w->limit) {
		while (k > 0 && (sep[k - 1] == ' ' || sep[k - 1] == '\t'))
			k--;
		fwrite(sep, 1, k, w->f);
		fputc('\n', w->f);
		for (i = 0; i < w->indent; i++)
			fputc(' ', w->f);
		w->col = w->indent;
	} else {
		fputs(sep, w->f);
		w->col += sw;
	}
	fputs(item, w->f);
	w->col += iw;
}

void
cli_wrap_words(struct cli_wrap *w, const char *sep, const char *text)
{
	char *copy = xstrdup(text), *word = copy, *end;

	for (;;) {
		if ((end = strchr(word, ' ')) != NULL)
			*end = '\0';
		cli_wrap_put(w, sep, word);
		if (end == NULL)
			break;
		sep = " ";
		word = end + 1;
	}
	free(copy);
}
