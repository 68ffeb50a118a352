/* SPDX-License-Identifier: ISC */
/*
 * diag.c - lists of diagnostics: severity, position, rule, message.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/*
 * The text of the messages and hints lives in a few blocks the list owns,
 * not in a malloc(3) each: `check` makes one or two findings per line of a
 * file, and freeing them one by one cost as much as making them.  Blocks
 * double from 512 bytes to 64 KiB (one for a longer string).
 */
struct ck_diag_text {
	struct ck_diag_text	*next;
	size_t			 used;
	size_t			 cap;
	char			 s[];
};

#define TEXT_MIN	512
#define TEXT_MAX	65536

/* Room for n more bytes in the newest block, or NULL (out of memory). */
static struct ck_diag_text *
text_room(ck_diag_list *l, size_t n)
{
	struct ck_diag_text *t = l->text;
	size_t cap;

	if (t != NULL && t->cap - t->used >= n)
		return t;
	cap = t == NULL ? TEXT_MIN : t->cap < TEXT_MAX ? t->cap * 2 : TEXT_MAX;
	if (cap < n)
		cap = n;
	if (cap > SIZE_MAX - sizeof(*t) || (t = malloc(sizeof(*t) + cap)) ==
	    NULL)
		return NULL;
	t->next = l->text;
	t->used = 0;
	t->cap = cap;
	l->text = t;
	return t;
}

/* The formatted message, kept in the list's text. */
static char *
text_vformat(ck_diag_list *l, const char *fmt, va_list ap)
{
	struct ck_diag_text *t;
	va_list cp;
	char *s;
	size_t room;
	int n;

	/* Straight into the free end of the newest block when it fits. */
	t = l->text;
	room = t != NULL ? t->cap - t->used : 0;
	va_copy(cp, ap);
	n = ck_vfmt(room > 0 ? t->s + t->used : NULL, room, fmt, cp);
	va_end(cp);
	if (n < 0)
		return NULL;
	if ((size_t)n >= room) {
		if ((t = text_room(l, (size_t)n + 1)) == NULL)
			return NULL;
		ck_vfmt(t->s + t->used, (size_t)n + 1, fmt, ap);
	}
	s = t->s + t->used;
	t->used += (size_t)n + 1;
	return s;
}

static char *
text_copy(ck_diag_list *l, const char *str)
{
	struct ck_diag_text *t;
	size_t n = strlen(str) + 1;
	char *s;

	if ((t = text_room(l, n)) == NULL)
		return NULL;
	s = t->s + t->used;
	memcpy(s, str, n);
	t->used += n;
	return s;
}

ck_diag_list *
ck_diag_list_new(void)
{
	return calloc(1, sizeof(ck_diag_list));
}

size_t
ck_diag_count(const ck_diag_list *l)
{
	return l == NULL ? 0 : l->n;
}

const ck_diag *
ck_diag_at(const ck_diag_list *l, size_t i)
{
	if (l == NULL || i >= l->n)
		return NULL;
	return &l->v[i];
}

void
ck_diag_list_clear(ck_diag_list *l)
{
	struct ck_diag_text *t, *next;

	if (l == NULL)
		return;
	/* Keep the newest (largest) block for what comes next. */
	if ((t = l->text) != NULL) {
		for (next = t->next; next != NULL; next = t->next) {
			t->next = next->next;
			free(next);
		}
		t->used = 0;
	}
	l->n = 0;
}

void
ck_diag_list_free(ck_diag_list *l)
{
	struct ck_diag_text *t, *next;

	if (l == NULL)
		return;
	for (t = l->text; t != NULL; t = next) {
		next = t->next;
		free(t);
	}
	free(l->v);
	free(l);
}

void
ck_diag_list_take_text(ck_diag_list *to, ck_diag_list *from)
{
	struct ck_diag_text **tail = &from->text;

	while (*tail != NULL)
		tail = &(*tail)->next;
	*tail = to->text;
	to->text = from->text;
	from->text = NULL;
}

/* hint_static: hint outlives the list (a literal): kept, not copied. */
static int
add(ck_diag_list *l, unsigned int rule, ck_severity sev, unsigned int line,
    unsigned int col, const char *hint, bool hint_static, const char *fmt,
    va_list ap)
{
	const struct ck_rule *r;
	ck_diag *d, *v;
	char *msg, *h = NULL;

	if (l == NULL)
		return 0;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;

		v = reallocarray(l->v, cap, sizeof(*v));
		if (v == NULL)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	if ((msg = text_vformat(l, fmt, ap)) == NULL)
		return -1;
	if (hint != NULL && hint_static)
		h = (char *)hint;
	else if (hint != NULL && (h = text_copy(l, hint)) == NULL)
		return -1;
	r = ck_rule_get(rule);
	d = &l->v[l->n++];
	d->severity = sev;
	d->line = line;
	d->column = col;
	d->rule = rule;
	d->code = r != NULL ? r->code : "CK000";
	d->name = r != NULL ? r->name : "error";
	d->message = msg;
	d->hint = h;
	return 0;
}

int
ck_diag_addv(ck_diag_list *l, unsigned int rule, ck_severity sev,
    unsigned int line, unsigned int col, const char *hint, const char *fmt,
    va_list ap)
{
	return add(l, rule, sev, line, col, hint, false, fmt, ap);
}

int
ck_diag_addv_static(ck_diag_list *l, unsigned int rule, ck_severity sev,
    unsigned int line, unsigned int col, const char *hint, const char *fmt,
    va_list ap)
{
	return add(l, rule, sev, line, col, hint, true, fmt, ap);
}

int
ck_diag_add_static(ck_diag_list *l, unsigned int rule, ck_severity sev,
    unsigned int line, unsigned int col, const char *hint, const char *fmt,
    ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = add(l, rule, sev, line, col, hint, true, fmt, ap);
	va_end(ap);
	return rc;
}

int
ck_diag_add(ck_diag_list *l, unsigned int rule, ck_severity sev,
    unsigned int line, unsigned int col, const char *hint, const char *fmt,
    ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = ck_diag_addv(l, rule, sev, line, col, hint, fmt, ap);
	va_end(ap);
	return rc;
}

int
ck_diag_add_error(ck_diag_list *l, const ck_error *e)
{
	return ck_diag_add(l, e->rule, CK_SEV_ERROR, e->line, e->column, NULL,
	    "%s", e->msg);
}
