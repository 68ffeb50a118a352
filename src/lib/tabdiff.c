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

/* Match jobs: by id, then by command and schedule, then by command. */
static void
match_jobs(struct side *a, struct side *b)
{
	const ck_job *x, *y;
	size_t i, k;
	int pass;

	for (i = 0; i < a->tab->njobs; i++) {
		x = &a->tab->jobs[i];
		if (x->id == NULL)
			continue;
		for (k = 0; k < b->tab->njobs; k++) {
			y = &b->tab->jobs[k];
			if (b->match[k] == NOMATCH && y->id != NULL &&
			    y->id_len == x->id_len &&
			    memcmp(y->id, x->id, x->id_len) == 0) {
				pair(a, b, i, k);
				break;
			}
		}
	}
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < a->tab->njobs; i++) {
			if (a->match[i] != NOMATCH)
				continue;
			x = &a->tab->jobs[i];
			for (k = 0; k < b->tab->njobs; k++) {
				y = &b->tab->jobs[k];
				if (b->match[k] != NOMATCH ||
				    !same_command(x, y, a->flags))
					continue;
				/* Ids that differ are different jobs. */
				if (x->id != NULL && y->id != NULL)
					continue;
				if (pass == 0 && !ck_expr_same(&x->expr,
				    &y->expr))
					continue;
				pair(a, b, i, k);
				break;
			}
		}
	}
}

/*
 * Names whose value differs between the environments of two jobs (the
 * assignments in effect above each; one entry a name), as a ", "-joined
 * string, or NULL when none does.
 */
static int
env_diff(const ck_tab *ta, const ck_job *a, const ck_tab *tb,
    const ck_job *b, char **out)
{
	struct ck_buf names = { 0 };
	ck_env *env[2] = { NULL, NULL };
	const ck_env_pair *e;
	const char *ov;
	size_t s, i, ol;
	int rc = -1;

	*out = NULL;
	if ((env[0] = ck_job_env(ta, a, CK_ENV_CRONTAB, NULL)) == NULL ||
	    (env[1] = ck_job_env(tb, b, CK_ENV_CRONTAB, NULL)) == NULL)
		goto out;
	for (s = 0; s < 2; s++) {
		for (i = 0; (e = ck_env_at(env[s], i)) != NULL; i++) {
			ov = ck_env_get(env[1 - s], e->name, e->name_len, &ol);
			if (ov != NULL && ol == e->value_len &&
			    memcmp(ov, e->value, ol) == 0)
				continue;
			/* Listed already from the other side. */
			if (s == 1 && ck_env_get(env[0], e->name, e->name_len,
			    NULL) != NULL)
				continue;
			if (names.len > 0)
				ck_buf_adds(&names, ", ");
			ck_buf_add(&names, e->name, e->name_len);
		}
	}
	if (names.oom)
		goto out;
	if (names.len > 0)
		*out = ck_buf_take(&names, NULL);
	rc = 0;
out:
	ck_buf_free(&names);
	ck_env_free(env[0]);
	ck_env_free(env[1]);
	return rc;
}

static int
add(ck_tabdiff *d, const ck_job *old, const ck_job *new_, unsigned int what,
    char *env)
{
	ck_jobdiff *v;

	if ((v = reallocarray(d->v, d->n + 1, sizeof(*v))) == NULL) {
		free(env);
		return -1;
	}
	d->v = v;
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
	const ck_job *x, *y;
	ck_tabdiff *d;
	bool *moved = NULL;
	unsigned int what;
	size_t i, k;
	char *env;

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
	match_jobs(&a, &b);
	if (find_moved(&b, tb->njobs, moved) == -1)
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
		if (env_diff(ta, x, tb, y, &env) == -1)
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
	return d;
oom:
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
