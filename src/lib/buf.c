/* SPDX-License-Identifier: ISC */
/*
 * buf.c - a growable byte buffer for input-derived text.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int
ck_buf_grow(struct ck_buf *b, size_t more)
{
	size_t need, cap;
	char *p;

	if (b->oom)
		return -1;
	if (more > SIZE_MAX - b->len - 1)
		goto fail;
	need = b->len + more + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need) {
		if (cap > SIZE_MAX / 2) {
			cap = need;
			break;
		}
		cap *= 2;
	}
	if ((p = realloc(b->p, cap)) == NULL)
		goto fail;
	b->p = p;
	b->cap = cap;
	return 0;
fail:
	b->oom = true;
	return -1;
}

int
ck_buf_add(struct ck_buf *b, const void *p, size_t len)
{
	if (ck_buf_grow(b, len) == -1)
		return -1;
	if (len > 0)
		memcpy(b->p + b->len, p, len);
	b->len += len;
	b->p[b->len] = '\0';
	return 0;
}

int
ck_buf_adds(struct ck_buf *b, const char *s)
{
	return ck_buf_add(b, s, strlen(s));
}

int
ck_buf_addc(struct ck_buf *b, char c)
{
	return ck_buf_add(b, &c, 1);
}

int
ck_buf_printf(struct ck_buf *b, const char *fmt, ...)
{
	va_list ap;
	size_t room;
	int n;

	if (b->oom)
		return -1;
	/* One pass when the text fits in the room left; two otherwise. */
	room = b->p != NULL ? b->cap - b->len : 0;
	va_start(ap, fmt);
	n = ck_vfmt(room > 0 ? b->p + b->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = true;
		return -1;
	}
	if ((size_t)n >= room) {
		if (ck_buf_grow(b, (size_t)n) == -1)
			return -1;
		va_start(ap, fmt);
		ck_vfmt(b->p + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
	return 0;
}

char *
ck_buf_take(struct ck_buf *b, size_t *len)
{
	char *p;

	if (b->oom) {
		ck_buf_free(b);
		return NULL;
	}
	if (b->p == NULL && ck_buf_grow(b, 0) == -1)
		return NULL;
	b->p[b->len] = '\0';
	p = b->p;
	if (len != NULL)
		*len = b->len;
	memset(b, 0, sizeof(*b));
	return p;
}

void
ck_buf_free(struct ck_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}
