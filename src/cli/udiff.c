/*
 * udiff.c - a unified diff of two texts, for --dry-run.
 *
 * Crontabs are small and edits touch a few lines, so the common head and
 * tail are skipped and only the middle goes through a longest-common-
 * subsequence table.  A middle too large for the table is shown as removed
 * and added in full: still a correct diff, only a longer one.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CONTEXT		3
#define MAX_CELLS	(16u * 1024 * 1024)

struct line {
	const char	*p;
	size_t		 len;		/* with its '\n', if any */
};

struct op {
	char		 kind;		/* ' ', '-', '+' */
	size_t		 a, b;		/* line indices */
};

static struct line *
split(const char *s, size_t len, size_t *n)
{
	struct line *v = NULL;
	size_t cap = 0, i, start = 0;

	*n = 0;
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '\n')
			continue;
		if (i == len && start == len)
			break;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[*n].p = s + start;
		v[*n].len = (i < len ? i + 1 : i) - start;
		(*n)++;
		start = i + 1;
	}
	return v;
}

static bool
same(const struct line *x, const struct line *y)
{
	return x->len == y->len && memcmp(x->p, y->p, x->len) == 0;
}

static void
put_line(FILE *f, char kind, const struct line *l)
{
	fputc(kind, f);
	fwrite(l->p, 1, l->len, f);
	if (l->len == 0 || l->p[l->len - 1] != '\n')
		fputs("\n\\ No newline at end of file\n", f);
}

/* Edit script for the middle parts a[0..na) and b[0..nb). */
static size_t
middle(const struct line *a, size_t na, const struct line *b, size_t nb,
    size_t a0, size_t b0, struct op *ops)
{
	uint32_t *t;
	size_t i, j, k = 0, w = nb + 1;

	if (na == 0 || nb == 0 || na > MAX_CELLS / (nb + 1)) {
		for (i = 0; i < na; i++)
			ops[k++] = (struct op){ '-', a0 + i, b0 };
		for (j = 0; j < nb; j++)
			ops[k++] = (struct op){ '+', a0 + na, b0 + j };
		return k;
	}
	/* t[i][j]: LCS length of a[i..] and b[j..]. */
	t = xcalloc((na + 1) * w, sizeof(*t));
	for (i = na; i-- > 0;)
		for (j = nb; j-- > 0;)
			t[i * w + j] = same(&a[i], &b[j]) ?
			    t[(i + 1) * w + j + 1] + 1 :
			    (t[(i + 1) * w + j] >= t[i * w + j + 1] ?
			    t[(i + 1) * w + j] : t[i * w + j + 1]);
	i = j = 0;
	while (i < na || j < nb) {
		if (i < na && j < nb && same(&a[i], &b[j])) {
			ops[k++] = (struct op){ ' ', a0 + i, b0 + j };
			i++;
			j++;
		} else if (j >= nb || (i < na &&
		    t[(i + 1) * w + j] >= t[i * w + j + 1])) {
			ops[k++] = (struct op){ '-', a0 + i, b0 + j };
			i++;
		} else {
			ops[k++] = (struct op){ '+', a0 + i, b0 + j };
			j++;
		}
	}
	free(t);
	return k;
}

void
cli_udiff(FILE *f, const char *alabel, const char *a, size_t alen,
    const char *blabel, const char *b, size_t blen)
{
	struct line *la, *lb;
	struct op *ops;
	size_t na, nb, pre = 0, suf = 0, nops = 0, i, s, e, k, last;
	size_t ac, bc;

	if (alen == blen && (alen == 0 || memcmp(a, b, alen) == 0))
		return;
	la = split(a, alen, &na);
	lb = split(b, blen, &nb);
	while (pre < na && pre < nb && same(&la[pre], &lb[pre]))
		pre++;
	while (suf < na - pre && suf < nb - pre &&
	    same(&la[na - 1 - suf], &lb[nb - 1 - suf]))
		suf++;
	ops = xreallocarray(NULL, na + nb + 1, sizeof(*ops));
	for (i = 0; i < pre; i++)
		ops[nops++] = (struct op){ ' ', i, i };
	nops += middle(la + pre, na - pre - suf, lb + pre, nb - pre - suf,
	    pre, pre, ops + nops);
	for (i = 0; i < suf; i++)
		ops[nops++] = (struct op){ ' ', na - suf + i, nb - suf + i };

	fprintf(f, "--- %s\n+++ %s\n", alabel, blabel);
	i = 0;
	while (i < nops) {
		while (i < nops && ops[i].kind == ' ')
			i++;
		if (i == nops)
			break;
		/* A hunk: from CONTEXT before this change to CONTEXT after
		 * the last change that is at most 2*CONTEXT away. */
		s = i > CONTEXT ? i - CONTEXT : 0;
		last = i;
		for (k = i; k < nops; k++) {
			if (ops[k].kind != ' ')
				last = k;
			else if (k - last > 2 * CONTEXT)
				break;
		}
		e = last + CONTEXT + 1 < nops ? last + CONTEXT + 1 : nops;
		ac = bc = 0;
		for (k = s; k < e; k++) {
			ac += ops[k].kind != '+';
			bc += ops[k].kind != '-';
		}
		fprintf(f, "@@ -%zu,%zu +%zu,%zu @@\n",
		    ac ? ops[s].a + 1 : ops[s].a, ac,
		    bc ? ops[s].b + 1 : ops[s].b, bc);
		for (k = s; k < e; k++) {
			if (ops[k].kind == '+')
				put_line(f, '+', &lb[ops[k].b]);
			else
				put_line(f, ops[k].kind, &la[ops[k].a]);
		}
		i = e;
	}
	free(ops);
	free(la);
	free(lb);
}
