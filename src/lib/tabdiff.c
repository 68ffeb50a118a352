/* SPDX-License-Identifier: ISC */
/*
 * tabdiff.c - a semantic diff of two crontabs: which jobs were added,
 * removed or changed, and how, by meaning rather than by text.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct ck_tabdiff {
	ck_jobdiff	*v;
	size_t		 n;
	size_t		 cap;
};

struct side {
	const ck_tab	*tab;
	size_t		*match;		/* index of the partner job, or -1 */
	unsigned int	 flags;
};

#define NOMATCH ((size_t)-1)

/* The command, without python-crontab's trailing comment if asked. */
static const char *
command(const ck_job *j, unsigned int flags, size_t *len)
{
	const char *c = j->cmd, *cm;
	size_t n = j->cmd_len, cl;

	if ((flags & CK_DIFF_IGNORE_COMMENTS) &&
	    (cm = ck_job_comment(j, &cl)) != NULL) {
		n = (size_t)(cm - c);
		while (n > 0 && (c[n - 1] == ' ' || c[n - 1] == '#' ||
		    c[n - 1] == '\t'))
			n--;
	}
	while (n > 0 && (c[n - 1] == '\r' || ck_isblank((unsigned char)c[n - 1])))
		n--;
	*len = n;
	return c;
}

static bool
same_command(const ck_job *a, const ck_job *b, unsigned int flags)
{
	size_t al, bl;
	const char *ac = command(a, flags, &al), *bc = command(b, flags, &bl);

	return al == bl && memcmp(ac, bc, al) == 0;
}

static bool
same_user(const ck_job *a, const ck_job *b)
{
	if (a->user == NULL || b->user == NULL)
		return a->user == b->user;
	return a->user_len == b->user_len &&
	    memcmp(a->user, b->user, a->user_len) == 0;
}

/* Same text but for the amount of blank between fields. */
static bool
same_spelling(const struct ck_expr *a, const struct ck_expr *b)
{
	size_t i = 0, k = 0;

	while (i < a->len && k < b->len) {
		bool ab = ck_isblank((unsigned char)a->text[i]);
		bool bb = ck_isblank((unsigned char)b->text[k]);

		if (ab != bb)
			return false;
		if (ab) {
			while (i < a->len && ck_isblank((unsigned char)a->text[i]))
				i++;
			while (k < b->len && ck_isblank((unsigned char)b->text[k]))
				k++;
			continue;
		}
		if (a->text[i++] != b->text[k++])
			return false;
	}
	return i == a->len && k == b->len;
}

static void
pair(struct side *a, struct side *b, size_t i, size_t k)
{
	a->match[i] = k;
	b->match[k] = i;
}

/*
 * Matching.  Each key (an id; a command and schedule; a command) names a
 * bucket of new jobs chained in file order, and a cursor in each chain
 * skips the jobs matched already: a matched job stays matched, so each
 * chain is walked once and matching is linear.  Jobs with ids have a
 * second chain without them: ids that differ are different jobs.
 */
enum { K_ID, K_SCHED, K_CMD, NKEYS };

struct bucket {
	size_t		 rep;		/* a new job with this key */
	size_t		 head[2];	/* first unmatched job: any, no id */
	size_t		 tail[2];
};

struct matcher {
	const ck_tab	*tab;		/* the new crontab */
	unsigned int	 flags;
	int		 kind;		/* K_* of the table being used */
	const ck_job	*key;		/* the job whose key is looked up */
	struct ck_hmap	 map[NKEYS];
	struct bucket	*b[NKEYS];
	size_t		 nb[NKEYS];
	size_t		*next[NKEYS][2];
};

/* Day-of-month and weekday rules as the set of days they select. */
static uint64_t
expr_hash(const struct ck_expr *e)
{
	unsigned char rows[31];
	uint64_t w[3];
	bool and_;
	uint8_t dow = e->dow & 0x7f;
	int md;

	if (e->flags & CK_SF_REBOOT)
		return 1;
	and_ = (e->flags & (CK_SF_DOM_STAR | CK_SF_DOW_STAR)) != 0;
	for (md = 1; md <= 31; md++) {
		bool d = (e->dom >> md) & 1;

		rows[md - 1] = and_ ? (d ? dow : 0) : (d ? 0x7f : dow);
	}
	w[0] = e->minute;
	w[1] = e->hour;
	w[2] = e->month;
	return ck_hash_bytes(rows, sizeof(rows), ck_hash_bytes(w, sizeof(w),
	    0));
}

static uint64_t
key_hash(const ck_job *j, int kind, unsigned int flags)
{
	const char *c;
	size_t n;

	if (kind == K_ID)
		return ck_hash_bytes(j->id, j->id_len, 0);
	c = command(j, flags, &n);
	if (kind == K_CMD)
		return ck_hash_bytes(c, n, 0);
	return ck_hash_bytes(c, n, expr_hash(&j->expr));
}

static bool
same_key(const ck_job *x, const ck_job *y, int kind, unsigned int flags)
{
	if (kind == K_ID)
		return x->id_len == y->id_len &&
		    memcmp(x->id, y->id, x->id_len) == 0;
	if (!same_command(x, y, flags))
		return false;
	return kind == K_CMD || ck_expr_same(&x->expr, &y->expr);
}

static bool
bucket_eq(const void *ctx, size_t val)
{
	const struct matcher *m = ctx;

	return same_key(m->key, &m->tab->jobs[m->b[m->kind][val].rep],
	    m->kind, m->flags);
}

static int
matcher_init(struct matcher *m, const ck_tab *tb, unsigned int flags)
{
	size_t k, n = tb->njobs, *bi, c;
	struct bucket *bk;
	const ck_job *y;
	uint64_t h;
	int kind;

	memset(m, 0, sizeof(*m));
	m->tab = tb;
	m->flags = flags;
	for (kind = 0; kind < NKEYS; kind++) {
		if ((m->b[kind] = reallocarray(NULL, n + 1,
		    sizeof(struct bucket))) == NULL ||
		    (m->next[kind][0] = reallocarray(NULL, n + 1,
		    sizeof(size_t))) == NULL ||
		    (m->next[kind][1] = reallocarray(NULL, n + 1,
		    sizeof(size_t))) == NULL ||
		    ck_hmap_reserve(&m->map[kind], n) == -1)
			return -1;
		m->kind = kind;
		for (k = 0; k < n; k++) {
			y = &tb->jobs[k];
			m->next[kind][0][k] = m->next[kind][1][k] = NOMATCH;
			if (kind == K_ID && y->id == NULL)
				continue;
			h = key_hash(y, kind, flags);
			m->key = y;
			if ((bi = ck_hmap_find(&m->map[kind], h, bucket_eq,
			    m)) == NULL) {
				bk = &m->b[kind][m->nb[kind]];
				bk->rep = k;
				bk->head[0] = bk->head[1] = NOMATCH;
				bk->tail[0] = bk->tail[1] = NOMATCH;
				if (ck_hmap_put(&m->map[kind], h,
				    m->nb[kind]) == -1)
					return -1;
				m->nb[kind]++;
			} else
				bk = &m->b[kind][*bi];
			for (c = 0; c < 2; c++) {
				if (c == 1 && y->id != NULL)
					break;
				if (bk->tail[c] == NOMATCH)
					bk->head[c] = k;
				else
					m->next[kind][c][bk->tail[c]] = k;
				bk->tail[c] = k;
			}
		}
	}
	return 0;
}

static void
matcher_free(struct matcher *m)
{
	int kind;

	for (kind = 0; kind < NKEYS; kind++) {
		ck_hmap_free(&m->map[kind]);
		free(m->b[kind]);
		free(m->next[kind][0]);
		free(m->next[kind][1]);
	}
}

/*
 * The first unmatched new job with x's key (of a kind), without an id
 * when x has one (unless matching by id), or NOMATCH.
 */
static size_t
lookup(struct matcher *m, const struct side *b, const ck_job *x, int kind)
{
	struct bucket *bk;
	size_t *bi, k;
	int c = kind != K_ID && x->id != NULL;

	m->kind = kind;
	m->key = x;
	if ((bi = ck_hmap_find(&m->map[kind], key_hash(x, kind, m->flags),
	    bucket_eq, m)) == NULL)
		return NOMATCH;
	bk = &m->b[kind][*bi];
	for (k = bk->head[c]; k != NOMATCH && b->match[k] != NOMATCH;
	    k = m->next[kind][c][k])
		continue;
	bk->head[c] = k;
	return k;
}

/* Match jobs: by id, then by command and schedule, then by command. */
static int
match_jobs(struct side *a, struct side *b)
{
	static const int order[] = { K_ID, K_SCHED, K_CMD };
	struct matcher m;
	const ck_job *x;
	size_t i, k, p;
	int rc = -1;

	if (matcher_init(&m, b->tab, a->flags) == -1)
		goto out;
	for (p = 0; p < sizeof(order) / sizeof(order[0]); p++)
		for (i = 0; i < a->tab->njobs; i++) {
			x = &a->tab->jobs[i];
			if (a->match[i] != NOMATCH ||
			    (order[p] == K_ID && x->id == NULL))
				continue;
			if ((k = lookup(&m, b, x, order[p])) != NOMATCH)
				pair(a, b, i, k);
		}
	rc = 0;
out:
	matcher_free(&m);
	return rc;
}

/*
 * Environments.  Each crontab's assignments are events in file order; a
 * job sees the first e of them (those above its line).  One state holds
 * every name's value on each side at the current pair of positions and
 * the set of names whose values differ; moving to a job's positions
 * applies or undoes the events between, so jobs in order cost one walk
 * of each file.  The answer lists names as ck_job_env() would order
 * them: the old side's names in the order first set, then names only the
 * new side sets, in its order.
 */
struct ename {
	const char	*name;
	size_t		 nlen;
	const char	*cur[2];	/* NULL: not set on that side */
	size_t		 curlen[2];
	size_t		 rank[2];	/* its first event on each side */
	size_t		 dpos;		/* in envstate.diff, or NOMATCH */
};

struct event {
	size_t		 line;
	size_t		 name;
	const char	*val, *old;
	size_t		 vlen, oldlen;
};

struct envstate {
	struct ename	*names;
	size_t		 nnames, capnames;
	struct ck_hmap	 map;
	struct event	*ev[2];
	size_t		 nev[2];
	size_t		 pos[2];	/* events applied on each side */
	size_t		*diff;		/* names that differ, any order */
	size_t		 ndiff;
	bool		 dirty;		/* text is stale */
	struct ck_buf	 text;		/* the ", "-joined answer */
	const char	*key;		/* for name_eq */
	size_t		 keylen;
};

static bool
name_eq(const void *ctx, size_t val)
{
	const struct envstate *s = ctx;
	const struct ename *n = &s->names[val];

	return n->nlen == s->keylen && memcmp(n->name, s->key, s->keylen) == 0;
}

static int
env_events(struct envstate *s, const ck_tab *tab, int side)
{
	const char *n, *v;
	size_t i, nl, vl, *ni, id;
	struct ename *e;
	struct event *ev;
	uint64_t h;

	if ((s->ev[side] = reallocarray(NULL, tab->nlines + 1,
	    sizeof(struct event))) == NULL)
		return -1;
	for (i = 0; i < tab->nlines; i++) {
		if (tab->lines[i].kind != CK_LINE_ENV ||
		    ck_tab_line_env(tab, i, &n, &nl, &v, &vl) == -1)
			continue;
		h = ck_hash_bytes(n, nl, 0);
		s->key = n;
		s->keylen = nl;
		if ((ni = ck_hmap_find(&s->map, h, name_eq, s)) != NULL)
			id = *ni;
		else {
			if (s->nnames == s->capnames) {
				size_t cap = s->capnames ? s->capnames * 2 : 64;

				if ((e = reallocarray(s->names, cap,
				    sizeof(*e))) == NULL)
					return -1;
				s->names = e;
				s->capnames = cap;
			}
			id = s->nnames++;
			e = &s->names[id];
			memset(e, 0, sizeof(*e));
			e->name = n;
			e->nlen = nl;
			e->rank[0] = e->rank[1] = NOMATCH;
			e->dpos = NOMATCH;
			if (ck_hmap_put(&s->map, h, id) == -1)
				return -1;
		}
		e = &s->names[id];
		ev = &s->ev[side][s->nev[side]++];
		ev->line = i;
		ev->name = id;
		ev->val = v;
		ev->vlen = vl;
		/* Walking forward once: cur[side] is the value before. */
		ev->old = e->cur[side];
		ev->oldlen = e->curlen[side];
		if (e->rank[side] == NOMATCH)
			e->rank[side] = s->nev[side] - 1;
		e->cur[side] = v;
		e->curlen[side] = vl;
	}
	return 0;
}

static int
env_init(struct envstate *s, const ck_tab *ta, const ck_tab *tb)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	if (env_events(s, ta, 0) == -1 || env_events(s, tb, 1) == -1 ||
	    (s->diff = reallocarray(NULL, s->nnames + 1,
	    sizeof(size_t))) == NULL)
		return -1;
	/* Back to the top of both files: nothing set, nothing differs. */
	for (i = 0; i < s->nnames; i++) {
		s->names[i].cur[0] = s->names[i].cur[1] = NULL;
		s->names[i].curlen[0] = s->names[i].curlen[1] = 0;
	}
	return 0;
}

static void
env_free(struct envstate *s)
{
	free(s->names);
	free(s->ev[0]);
	free(s->ev[1]);
	free(s->diff);
	ck_hmap_free(&s->map);
	ck_buf_free(&s->text);
}

static void
set_value(struct envstate *s, int side, size_t id, const char *v, size_t vl)
{
	struct ename *e = &s->names[id];
	bool differs;

	/* Set on the old side or not moves it in the answer's order. */
	if (side == 0 && e->dpos != NOMATCH && (e->cur[0] == NULL) !=
	    (v == NULL))
		s->dirty = true;
	e->cur[side] = v;
	e->curlen[side] = vl;
	if (e->cur[0] == NULL || e->cur[1] == NULL)
		differs = e->cur[0] != e->cur[1];
	else
		differs = e->curlen[0] != e->curlen[1] ||
		    memcmp(e->cur[0], e->cur[1], e->curlen[0]) != 0;
	if (differs == (e->dpos != NOMATCH))
		return;
	if (differs) {
		e->dpos = s->ndiff;
		s->diff[s->ndiff++] = id;
	} else {
		size_t last = s->diff[--s->ndiff];

		s->diff[e->dpos] = last;
		s->names[last].dpos = e->dpos;
		e->dpos = NOMATCH;
	}
	s->dirty = true;
}

/* Move side to the events above line. */
static void
env_seek(struct envstate *s, int side, size_t line)
{
	const struct event *ev = s->ev[side];
	size_t *p = &s->pos[side];

	while (*p < s->nev[side] && ev[*p].line < line) {
		set_value(s, side, ev[*p].name, ev[*p].val, ev[*p].vlen);
		(*p)++;
	}
	while (*p > 0 && ev[*p - 1].line >= line) {
		(*p)--;
		set_value(s, side, ev[*p].name, ev[*p].old, ev[*p].oldlen);
	}
}

/* Sort keys: the old side's names by rank, then the new side's. */
static int
key_cmp(const void *pa, const void *pb)
{
	uint64_t x = *(const uint64_t *)pa, y = *(const uint64_t *)pb;

	return x < y ? -1 : x > y;
}

/*
 * Names whose value differs between the environments of two jobs (the
 * assignments in effect above each; one entry a name), as a ", "-joined
 * string, or NULL when none does.
 */
static int
env_diff(struct envstate *s, const ck_job *a, const ck_job *b, char **out)
{
	const struct ename *e;
	uint64_t *v;
	size_t i;

	*out = NULL;
	env_seek(s, 0, a->line);
	env_seek(s, 1, b->line);
	if (s->ndiff == 0)
		return 0;
	if (s->dirty) {
		if ((v = reallocarray(NULL, s->ndiff, sizeof(*v))) == NULL)
			return -1;
		/* Ranks are below 2^62: a side bit, a rank, a name. */
		for (i = 0; i < s->ndiff; i++) {
			e = &s->names[s->diff[i]];
			v[i] = e->cur[0] != NULL ? (uint64_t)e->rank[0] :
			    UINT64_C(1) << 62 | (uint64_t)e->rank[1];
		}
		qsort(v, s->ndiff, sizeof(*v), key_cmp);
		s->text.len = 0;
		for (i = 0; i < s->ndiff; i++) {
			size_t r = (size_t)(v[i] & ((UINT64_C(1) << 62) - 1));
			size_t id = v[i] >> 62 ? s->ev[1][r].name :
			    s->ev[0][r].name;

			if (i > 0)
				ck_buf_adds(&s->text, ", ");
			ck_buf_add(&s->text, s->names[id].name,
			    s->names[id].nlen);
		}
		free(v);
		if (s->text.oom)
			return -1;
		s->dirty = false;
	}
	if ((*out = strndup(s->text.p, s->text.len)) == NULL)
		return -1;
	return 0;
}

static int
add(ck_tabdiff *d, const ck_job *old, const ck_job *new_, unsigned int what,
    char *env)
{
	ck_jobdiff *v;
	size_t cap;

	if (d->n == d->cap) {
		cap = d->cap ? d->cap * 2 : 16;
		if ((v = reallocarray(d->v, cap, sizeof(*v))) == NULL) {
			free(env);
			return -1;
		}
		d->v = v;
		d->cap = cap;
	}
	v = d->v;
	v[d->n].old = old;
	v[d->n].new_ = new_;
	v[d->n].what = what;
	v[d->n].env = env;
	d->n++;
	return 0;
}

/*
 * Jobs that kept their relative order form the longest increasing run of
 * old positions in new order; the others moved.
 */
static int
find_moved(const struct side *b, size_t nb, bool *moved)
{
	size_t *tail = NULL, *prev = NULL, *idx = NULL, len = 0, i, k, lo, hi;
	size_t m = 0;
	int rc = -1;

	if ((idx = reallocarray(NULL, nb + 1, sizeof(*idx))) == NULL ||
	    (tail = reallocarray(NULL, nb + 1, sizeof(*tail))) == NULL ||
	    (prev = reallocarray(NULL, nb + 1, sizeof(*prev))) == NULL)
		goto out;
	for (k = 0; k < nb; k++)
		if (b->match[k] != NOMATCH)
			idx[m++] = k;
	for (i = 0; i < m; i++) {
		size_t val = b->match[idx[i]];

		lo = 0;
		hi = len;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (b->match[idx[tail[mid]]] < val)
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[i] = lo > 0 ? tail[lo - 1] : NOMATCH;
		tail[lo] = i;
		if (lo == len)
			len++;
	}
	for (k = 0; k < nb; k++)
		moved[k] = b->match[k] != NOMATCH;
	if (len > 0)
		for (i = tail[len - 1]; i != NOMATCH; i = prev[i])
			moved[idx[i]] = false;
	rc = 0;
out:
	free(idx);
	free(tail);
	free(prev);
	return rc;
}

ck_tabdiff *
ck_tab_diff(const ck_tab *ta, const ck_tab *tb, unsigned int flags,
    ck_error *err)
{
	struct side a = { ta, NULL, flags }, b = { tb, NULL, flags };
	struct envstate es;
	const ck_job *x, *y;
	ck_tabdiff *d;
	bool *moved = NULL;
	unsigned int what;
	size_t i, k;
	char *env;

	memset(&es, 0, sizeof(es));
	if ((d = calloc(1, sizeof(*d))) == NULL ||
	    (a.match = reallocarray(NULL, ta->njobs + 1, sizeof(size_t))) ==
	    NULL ||
	    (b.match = reallocarray(NULL, tb->njobs + 1, sizeof(size_t))) ==
	    NULL ||
	    (moved = calloc(tb->njobs + 1, sizeof(*moved))) == NULL)
		goto oom;
	for (i = 0; i < ta->njobs; i++)
		a.match[i] = NOMATCH;
	for (k = 0; k < tb->njobs; k++)
		b.match[k] = NOMATCH;
	if (env_init(&es, ta, tb) == -1 || match_jobs(&a, &b) == -1 ||
	    find_moved(&b, tb->njobs, moved) == -1)
		goto oom;
	for (k = 0; k < tb->njobs; k++) {
		y = &tb->jobs[k];
		if (b.match[k] == NOMATCH) {
			if (add(d, NULL, y, CK_DIFF_ADDED, NULL) == -1)
				goto oom;
			continue;
		}
		x = &ta->jobs[b.match[k]];
		what = 0;
		if (!ck_expr_same(&x->expr, &y->expr))
			what |= CK_DIFF_SCHEDULE;
		else if (!same_spelling(&x->expr, &y->expr))
			what |= CK_DIFF_RESPELLED;
		if (!same_command(x, y, flags))
			what |= CK_DIFF_COMMAND;
		if (x->enabled != y->enabled)
			what |= CK_DIFF_ENABLED;
		if (!same_user(x, y))
			what |= CK_DIFF_USER;
		if (moved[k])
			what |= CK_DIFF_MOVED;
		if (env_diff(&es, x, y, &env) == -1)
			goto oom;
		if (env != NULL)
			what |= CK_DIFF_ENV;
		if (what != 0 && add(d, x, y, what, env) == -1)
			goto oom;
		else if (what == 0)
			free(env);
	}
	for (i = 0; i < ta->njobs; i++)
		if (a.match[i] == NOMATCH &&
		    add(d, &ta->jobs[i], NULL, CK_DIFF_REMOVED, NULL) == -1)
			goto oom;
	free(a.match);
	free(b.match);
	free(moved);
	env_free(&es);
	return d;
oom:
	env_free(&es);
	free(a.match);
	free(b.match);
	free(moved);
	ck_tabdiff_free(d);
	ck_error_oom(err);
	return NULL;
}

size_t
ck_tabdiff_count(const ck_tabdiff *d)
{
	return d == NULL ? 0 : d->n;
}

const ck_jobdiff *
ck_tabdiff_at(const ck_tabdiff *d, size_t i)
{
	if (d == NULL || i >= d->n)
		return NULL;
	return &d->v[i];
}

void
ck_tabdiff_free(ck_tabdiff *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++)
		free((char *)d->v[i].env);
	free(d->v);
	free(d);
}
