/* SPDX-License-Identifier: ISC */
/*
 * udiff.c - a unified diff between two texts, line by line.
 *
 * The line matching is Myers' O(ND) algorithm with the linear-space
 * "middle snake" bisection (E. Myers, "An O(ND) Difference Algorithm and
 * Its Variations", 1986, section 4b), after the common head and tail are
 * stripped.  Lines are compared with their line endings, so a line that
 * only lost its CR or its final newline shows up as changed.  The output
 * follows GNU diff -u: 3 lines of context, hunks closer than 6 lines
 * merged, "-l,n +l,n" ranges (",1" omitted; an empty range names the line
 * before it) and "\ No newline at end of file" after a last line that
 * lacks one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define CONTEXT	3

struct dline {
	const char	*p;
	size_t		 len;		/* with the line ending */
	uint64_t	 hash;
};

struct side {
	struct dline	*v;
	size_t		 n;
	unsigned char	*changed;	/* 1: deleted (a), inserted (b) */
};

struct differ {
	struct side	 a;
	struct side	 b;
	bool		 oom;
};

enum op_kind { OP_EQ, OP_DEL, OP_INS };

struct op {
	enum op_kind	 kind;
	size_t		 ai;		/* index in a before the op */
	size_t		 bi;		/* index in b before the op */
};

static int	split_lines(const char *, size_t, struct side *);
static bool	same(const struct differ *, size_t, size_t);
static void	compare(struct differ *, size_t, size_t, size_t, size_t);
static void	emit_hunk(struct ck_buf *, const struct differ *,
		    const struct op *, size_t, size_t);

static uint64_t
hash_line(const char *p, size_t len)
{
	uint64_t h = UINT64_C(14695981039346656037);
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)p[i];
		h *= UINT64_C(1099511628211);
	}
	return h;
}

static int
split_lines(const char *text, size_t len, struct side *s)
{
	size_t i, start, n = 0, k = 0;

	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			n++;
	if (len > 0 && text[len - 1] != '\n')
		n++;
	s->n = n;
	s->v = NULL;
	s->changed = NULL;
	if (n == 0)
		return 0;
	if ((s->v = reallocarray(NULL, n, sizeof(*s->v))) == NULL)
		return -1;
	if ((s->changed = calloc(n, 1)) == NULL)
		return -1;
	start = 0;
	for (i = 0; i < len; i++) {
		if (text[i] != '\n')
			continue;
		s->v[k].p = text + start;
		s->v[k].len = i + 1 - start;
		s->v[k].hash = hash_line(s->v[k].p, s->v[k].len);
		k++;
		start = i + 1;
	}
	if (start < len) {
		s->v[k].p = text + start;
		s->v[k].len = len - start;
		s->v[k].hash = hash_line(s->v[k].p, s->v[k].len);
	}
	return 0;
}

static bool
same(const struct differ *d, size_t i, size_t j)
{
	const struct dline *x = &d->a.v[i], *y = &d->b.v[j];

	return x->hash == y->hash && x->len == y->len &&
	    memcmp(x->p, y->p, x->len) == 0;
}

static void
mark_all(struct differ *d, size_t a0, size_t a1, size_t b0, size_t b1)
{
	size_t i;

	for (i = a0; i < a1; i++)
		d->a.changed[i] = 1;
	for (i = b0; i < b1; i++)
		d->b.changed[i] = 1;
}

/*
 * Find the middle snake of a[a0,a1) and b[b0,b1) (both not empty, first
 * and last lines differing) and recurse on both halves.  Forward paths
 * are kept in vf (x per diagonal k = x - y), reverse paths in vr (x
 * counted from the end); the first overlap found splits the problem.
 */
static void
bisect(struct differ *d, size_t a0, size_t a1, size_t b0, size_t b1)
{
	ptrdiff_t n = (ptrdiff_t)(a1 - a0), m = (ptrdiff_t)(b1 - b0);
	ptrdiff_t maxd = (n + m + 1) / 2, off = maxd, vlen = 2 * maxd + 2;
	ptrdiff_t delta = n - m, dd, k1, k2, x1, y1, x2, y2, ko;
	ptrdiff_t k1start = 0, k1end = 0, k2start = 0, k2end = 0;
	ptrdiff_t *vf, *vr, i;
	bool odd = (delta % 2) != 0;

	vf = reallocarray(NULL, (size_t)vlen, sizeof(*vf));
	vr = reallocarray(NULL, (size_t)vlen, sizeof(*vr));
	if (vf == NULL || vr == NULL) {
		free(vf);
		free(vr);
		d->oom = true;
		return;
	}
	for (i = 0; i < vlen; i++)
		vf[i] = vr[i] = -1;
	vf[off + 1] = 0;
	vr[off + 1] = 0;
	for (dd = 0; dd < maxd; dd++) {
		for (k1 = -dd + k1start; k1 <= dd - k1end; k1 += 2) {
			ko = off + k1;
			if (k1 == -dd || (k1 != dd && vf[ko - 1] < vf[ko + 1]))
				x1 = vf[ko + 1];
			else
				x1 = vf[ko - 1] + 1;
			y1 = x1 - k1;
			while (x1 < n && y1 < m &&
			    same(d, a0 + (size_t)x1, b0 + (size_t)y1)) {
				x1++;
				y1++;
			}
			vf[ko] = x1;
			if (x1 > n)
				k1end += 2;
			else if (y1 > m)
				k1start += 2;
			else if (odd) {
				ko = off + delta - k1;
				if (ko >= 0 && ko < vlen && vr[ko] != -1 &&
				    x1 >= n - vr[ko])
					goto split;
			}
		}
		for (k2 = -dd + k2start; k2 <= dd - k2end; k2 += 2) {
			ko = off + k2;
			if (k2 == -dd || (k2 != dd && vr[ko - 1] < vr[ko + 1]))
				x2 = vr[ko + 1];
			else
				x2 = vr[ko - 1] + 1;
			y2 = x2 - k2;
			while (x2 < n && y2 < m &&
			    same(d, a0 + (size_t)(n - x2 - 1),
			    b0 + (size_t)(m - y2 - 1))) {
				x2++;
				y2++;
			}
			vr[ko] = x2;
			if (x2 > n)
				k2end += 2;
			else if (y2 > m)
				k2start += 2;
			else if (!odd) {
				ko = off + delta - k2;
				if (ko >= 0 && ko < vlen && vf[ko] != -1) {
					x1 = vf[ko];
					y1 = off + x1 - ko;
					if (x1 >= n - x2)
						goto split;
				}
			}
		}
	}
	/* No common line at all. */
	free(vf);
	free(vr);
	mark_all(d, a0, a1, b0, b1);
	return;
split:
	free(vf);
	free(vr);
	compare(d, a0, a0 + (size_t)x1, b0, b0 + (size_t)y1);
	compare(d, a0 + (size_t)x1, a1, b0 + (size_t)y1, b1);
}

static void
compare(struct differ *d, size_t a0, size_t a1, size_t b0, size_t b1)
{
	while (a0 < a1 && b0 < b1 && same(d, a0, b0)) {
		a0++;
		b0++;
	}
	while (a0 < a1 && b0 < b1 && same(d, a1 - 1, b1 - 1)) {
		a1--;
		b1--;
	}
	if (d->oom)
		return;
	if (a0 == a1 || b0 == b1) {
		mark_all(d, a0, a1, b0, b1);
		return;
	}
	bisect(d, a0, a1, b0, b1);
}

static void
add_line(struct ck_buf *b, char tag, const struct dline *l)
{
	ck_buf_addc(b, tag);
	ck_buf_add(b, l->p, l->len);
	if (l->len == 0 || l->p[l->len - 1] != '\n')
		ck_buf_adds(b, "\n\\ No newline at end of file\n");
}

static void
add_range(struct ck_buf *b, char tag, size_t start, size_t count)
{
	/* GNU: an empty range names the line before it; ",1" is implied. */
	if (count == 0)
		ck_buf_printf(b, "%c%zu,0", tag, start);
	else if (count == 1)
		ck_buf_printf(b, "%c%zu", tag, start + 1);
	else
		ck_buf_printf(b, "%c%zu,%zu", tag, start + 1, count);
}

/* Print ops[from, to) as one hunk. */
static void
emit_hunk(struct ck_buf *b, const struct differ *d, const struct op *ops,
    size_t from, size_t to)
{
	size_t i, na = 0, nb = 0;

	for (i = from; i < to; i++) {
		if (ops[i].kind != OP_INS)
			na++;
		if (ops[i].kind != OP_DEL)
			nb++;
	}
	ck_buf_adds(b, "@@ ");
	add_range(b, '-', ops[from].ai, na);
	ck_buf_addc(b, ' ');
	add_range(b, '+', ops[from].bi, nb);
	ck_buf_adds(b, " @@\n");
	for (i = from; i < to; i++) {
		switch (ops[i].kind) {
		case OP_EQ:
			add_line(b, ' ', &d->a.v[ops[i].ai]);
			break;
		case OP_DEL:
			add_line(b, '-', &d->a.v[ops[i].ai]);
			break;
		case OP_INS:
			add_line(b, '+', &d->b.v[ops[i].bi]);
			break;
		}
	}
}

int
ck_udiff(const char *a, size_t alen, const char *b, size_t blen,
    const char *a_name, const char *b_name, char **out, size_t *outlen,
    ck_error *err)
{
	struct differ d;
	struct ck_buf buf = { 0 };
	struct op *ops = NULL;
	size_t nops = 0, i, j, start, end, next;

	memset(&d, 0, sizeof(d));
	*out = NULL;
	*outlen = 0;
	if (split_lines(a, alen, &d.a) == -1 ||
	    split_lines(b, blen, &d.b) == -1)
		goto oom;
	compare(&d, 0, d.a.n, 0, d.b.n);
	if (d.oom)
		goto oom;
	if (d.a.n + d.b.n > 0 &&
	    (ops = reallocarray(NULL, d.a.n + d.b.n, sizeof(*ops))) == NULL)
		goto oom;
	/* The edit script: deletions before insertions within a change. */
	for (i = 0, j = 0; i < d.a.n || j < d.b.n; ) {
		ops[nops].ai = i;
		ops[nops].bi = j;
		if (i < d.a.n && d.a.changed[i]) {
			ops[nops++].kind = OP_DEL;
			i++;
		} else if (j < d.b.n && d.b.changed[j]) {
			ops[nops++].kind = OP_INS;
			j++;
		} else {
			ops[nops++].kind = OP_EQ;
			i++;
			j++;
		}
	}
	if (ck_buf_grow(&buf, 0) == -1)
		goto oom;
	for (i = 0; i < nops; i = end) {
		while (i < nops && ops[i].kind == OP_EQ)
			i++;
		if (i == nops)
			break;
		if (buf.len == 0)
			ck_buf_printf(&buf, "--- %s\n+++ %s\n",
			    a_name ? a_name : "a", b_name ? b_name : "b");
		start = i > CONTEXT ? i - CONTEXT : 0;
		/* Extend over changes closer than two contexts. */
		end = i;
		for (;;) {
			while (end < nops && ops[end].kind != OP_EQ)
				end++;
			next = end;
			while (next < nops && ops[next].kind == OP_EQ)
				next++;
			if (next < nops && next - end <= 2 * CONTEXT) {
				end = next;
				continue;
			}
			end = end + CONTEXT < nops ? end + CONTEXT : nops;
			break;
		}
		emit_hunk(&buf, &d, ops, start, end);
	}
	if (buf.oom)
		goto oom;
	free(ops);
	free(d.a.v);
	free(d.a.changed);
	free(d.b.v);
	free(d.b.changed);
	*out = ck_buf_take(&buf, outlen);
	return 0;
oom:
	free(ops);
	free(d.a.v);
	free(d.a.changed);
	free(d.b.v);
	free(d.b.changed);
	ck_buf_free(&buf);
	return ck_error_oom(err);
}
