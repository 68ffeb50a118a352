/*
 * diag.c - lists of diagnostics: severity, position, rule, message.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static char *
vformat(const char *fmt, va_list ap)
{
	va_list cp;
	char small[256], *s;
	int n;

	/*
	 * One formatting pass for the usual short message; a second only
	 * when it does not fit (lint makes one or two per line of a file).
	 */
	va_copy(cp, ap);
	n = vsnprintf(small, sizeof(small), fmt, cp);
	va_end(cp);
	if (n < 0 || (s = malloc((size_t)n + 1)) == NULL)
		return NULL;
	if ((size_t)n < sizeof(small))
		memcpy(s, small, (size_t)n + 1);
	else
		vsnprintf(s, (size_t)n + 1, fmt, ap);
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
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		free((char *)l->v[i].message);
		free((char *)l->v[i].hint);
	}
	l->n = 0;
}

void
ck_diag_list_free(ck_diag_list *l)
{
	if (l == NULL)
		return;
	ck_diag_list_clear(l);
	free(l->v);
	free(l);
}

int
ck_diag_addv(ck_diag_list *l, unsigned int rule, ck_severity sev,
    unsigned int line, unsigned int col, const char *hint, const char *fmt,
    va_list ap)
{
	const struct ck_rule *r;
	ck_diag *d, *v;
	char *msg = NULL, *h = NULL;

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
	if ((msg = vformat(fmt, ap)) == NULL)
		return -1;
	if (hint != NULL && (h = strdup(hint)) == NULL) {
		free(msg);
		return -1;
	}
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
