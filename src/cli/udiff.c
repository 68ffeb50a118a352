/* SPDX-License-Identifier: ISC */
/*
 * udiff.c - a unified diff of two texts, for --dry-run.
 *
 * The diff itself is the library's ck_udiff() (Myers' O(ND) line diff,
 * GNU diff -u format); here it is only printed, with control characters
 * escaped when f is a terminal (a crontab must not drive the terminal).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void
cli_udiff(const struct cli_ctx *ctx, FILE *f, const char *alabel, const char *a,
    size_t alen, const char *blabel, const char *b, size_t blen)
{
	ck_error err;
	char *out;
	size_t len, i, start;

	memset(&err, 0, sizeof(err));
	if (ck_udiff(a, alen, b, blen, alabel, blabel, &out, &len,
	    &err) == -1) {
		cli_warnx(ctx, "diff: %s", err.msg);
		return;
	}
	/* Line by line, so that each line keeps its own newline. */
	for (i = 0, start = 0; i < len; i++) {
		if (out[i] != '\n')
			continue;
		cli_put_text(f, out + start, i - start);
		fputc('\n', f);
		start = i + 1;
	}
	free(out);
}
