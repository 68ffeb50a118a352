/* SPDX-License-Identifier: ISC */
/*
 * hash.c - a byte-string hash and an open-addressing table from hashes to
 * indices.  The table holds no keys: the caller keeps its items in an
 * array, stores their indices, and says through a callback whether an
 * item equals the key it looks for, so one table type serves jobs, names
 * and users alike.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define EMPTY	SIZE_MAX

uint64_t
ck_hash_bytes(const void *p, size_t len, uint64_t h)
{
	const unsigned char *s = p;
	uint64_t w;
	size_t i;

	h ^= (uint64_t)len * UINT64_C(0x9e3779b97f4a7c15);
	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * UINT64_C(0xff51afd7ed558ccd);
		h ^= h >> 32;
	}
	w = 0;
	if (i < len)
		memcpy(&w, s + i, len - i);
	h = (h ^ w) * UINT64_C(0xc4ceb9fe1a85ec53);
	return ck_hash_mix(h);
}

uint64_t
ck_hash_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64_C(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return h;
}

static int
resize(struct ck_hmap *m, size_t cap)
{
	struct ck_hslot *v, *o = m->v;
	size_t i, k, ocap = m->cap;

	if ((v = reallocarray(NULL, cap, sizeof(*v))) == NULL)
		return -1;
	for (i = 0; i < cap; i++)
		v[i].val = EMPTY;
	for (i = 0; i < ocap; i++) {
		if (o[i].val == EMPTY)
			continue;
		for (k = o[i].h & (cap - 1); v[k].val != EMPTY;
		    k = (k + 1) & (cap - 1))
			continue;
		v[k] = o[i];
	}
	free(o);
	m->v = v;
	m->cap = cap;
	return 0;
}

int
ck_hmap_reserve(struct ck_hmap *m, size_t n)
{
	size_t cap = 16;

	while (cap / 2 < n) {
		if (cap > SIZE_MAX / 4 / sizeof(struct ck_hslot))
			return -1;
		cap *= 2;
	}
	return cap > m->cap ? resize(m, cap) : 0;
}

size_t *
ck_hmap_find(const struct ck_hmap *m, uint64_t h,
    bool (*eq)(const void *ctx, size_t val), const void *ctx)
{
	size_t k;

	if (m->cap == 0)
		return NULL;
	for (k = h & (m->cap - 1); m->v[k].val != EMPTY;
	    k = (k + 1) & (m->cap - 1))
		if (m->v[k].h == h && eq(ctx, m->v[k].val))
			return &m->v[k].val;
	return NULL;
}

int
ck_hmap_put(struct ck_hmap *m, uint64_t h, size_t val)
{
	size_t k;

	if (m->n + 1 > m->cap / 2 && ck_hmap_reserve(m, m->n + 1) == -1)
		return -1;
	for (k = h & (m->cap - 1); m->v[k].val != EMPTY;
	    k = (k + 1) & (m->cap - 1))
		continue;
	m->v[k].h = h;
	m->v[k].val = val;
	m->n++;
	return 0;
}

void
ck_hmap_free(struct ck_hmap *m)
{
	free(m->v);
	m->v = NULL;
	m->cap = m->n = 0;
}

/* ---- sets of names ---- */

struct ck_userset {
	struct ck_hmap		 m;
	const char *const	*names;
	size_t			*lens;
};

struct namekey {
	const ck_userset	*set;
	const char		*name;
	size_t			 len;
};

static bool
user_eq(const void *ctx, size_t val)
{
	const struct namekey *k = ctx;

	return k->set->lens[val] == k->len &&
	    memcmp(k->set->names[val], k->name, k->len) == 0;
}

ck_userset *
ck_userset_new(const char *const *names, size_t n, ck_error *err)
{
	struct namekey k;
	ck_userset *s;
	uint64_t h;
	size_t i;

	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->lens = reallocarray(NULL, n + 1, sizeof(size_t))) == NULL ||
	    ck_hmap_reserve(&s->m, n) == -1)
		goto oom;
	s->names = names;
	k.set = s;
	for (i = 0; i < n; i++) {
		s->lens[i] = strlen(names[i]);
		h = ck_hash_bytes(names[i], s->lens[i], 0);
		k.name = names[i];
		k.len = s->lens[i];
		if (ck_hmap_find(&s->m, h, user_eq, &k) == NULL &&
		    ck_hmap_put(&s->m, h, i) == -1)
			goto oom;
	}
	return s;
oom:
	ck_userset_free(s);
	ck_error_oom(err);
	return NULL;
}

bool
ck_userset_has(const ck_userset *s, const char *name, size_t len)
{
	struct namekey k = { s, name, len };

	return ck_hmap_find(&s->m, ck_hash_bytes(name, len, 0), user_eq,
	    &k) != NULL;
}

void
ck_userset_free(ck_userset *s)
{
	if (s == NULL)
		return;
	ck_hmap_free(&s->m);
	free(s->lens);
	free(s);
}
