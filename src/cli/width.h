/* SPDX-License-Identifier: ISC */
/*
 * width.h - output that fits: how wide a line may be, and text cut to a
 * number of terminal columns with "…".  The one home of these rules for
 * every table and picture of the CLI.
 */
#ifndef CK_WIDTH_H
#define CK_WIDTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct cli_ctx;

/*
 * The columns a line of output may take, 0 for no limit: with --wide, 0;
 * on a terminal, its width (TIOCGWINSZ), else COLUMNS, else 80; piped or
 * to a file, COLUMNS when set, else 0 (scripts get whole lines).
 */
size_t	 cli_width(const struct cli_ctx *ctx);
/* Terminal columns of s (len bytes of UTF-8; see cli_utf8_cut()). */
size_t	 cli_text_width(const char *s, size_t len);
/*
 * s (len bytes) cut to at most maxw columns: the longest prefix that
 * ends on a character and leaves a column for "…" (U+2026), then "…";
 * s whole when it fits.  @return an allocated string.
 */
char	*cli_cut(const char *s, size_t len, size_t maxw);
/*
 * The same cut at the start: "…" and the shortest suffix that fits (a
 * path keeps its file name and line: "…/cron.d/backup:3").
 */
char	*cli_cut_start(const char *s, size_t len, size_t maxw);
/*
 * s cut as cli_cut() (CLI_CUT_START: cli_cut_start()) does, maxw 0:
 * whole, then spaces up to pad columns, on f.  @return the columns
 * written.
 */
#define CLI_CUT_START	0x1u
size_t	 cli_put_cut(FILE *f, const char *s, size_t maxw, size_t pad,
	    unsigned int flags);
/*
 * Fit the columns of a table, or the parts of a line, to limit: w[0..n)
 * are their widths, cut[k] says which are free text.  While the sum is
 * over limit, the widest free-text column is narrowed (to the next
 * widest, and so on), none below min.  limit 0: no change.
 * @return the sum of w after fitting.
 */
size_t	 cli_fit(size_t *w, const bool *cut, size_t n, size_t limit,
	    size_t min);

/*
 * The label column of a timeline picture for lines of at most limit
 * columns (0: no limit), and its cells: 24 columns of label, narrowed to
 * 10, then, unless chosen (--width), fewer and longer cells: *cols of a
 * day 96, 72, 48 or 24, of a week 84, 56, 42 or 28.  A label, a blank
 * and *cols cells make a line.  @return the label's columns.
 */
size_t	 cli_fit_picture(size_t limit, bool week, bool chosen, size_t *cols);

/* A list wrapped to the width: where its line is. */
struct cli_wrap {
	FILE		*f;
	size_t		 limit;		/* cli_width(); 0: one line */
	size_t		 indent;	/* of the lines it continues on */
	size_t		 col;		/* the column the line is at */
};
/*
 * sep, then item (display text, escaped as needed), on w->f; when they
 * would pass the limit, sep without its trailing blanks ends the line
 * and item starts the next one after w->indent spaces.
 */
void	 cli_wrap_put(struct cli_wrap *w, const char *sep, const char *item);
/*
 * sep, then text (display text) word by word as cli_wrap_put() puts
 * items: a line breaks at a blank of text, never inside a word (a word
 * wider than the line stays whole).
 */
void	 cli_wrap_words(struct cli_wrap *w, const char *sep,
	    const char *text);

#endif /* CK_WIDTH_H */
