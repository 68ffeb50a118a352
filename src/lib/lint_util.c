/* SPDX-License-Identifier: ISC */
/*
 * lint_util.c - what the driver and every family of lint rules use:
 * reporting a finding, asking whether one was reported, naming dialects.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "lint_int.h"

/* ---- small helpers ---- */

/* hint_static: hint is a string literal, kept without a copy. */
static int
emitv(struct lctx *c, unsigned int rule, int sev, unsigned int line,
    unsigned int col, const char *hint, bool hint_static, const char *fmt,
    va_list ap)
{
	const struct ck_rule *r = ck_rule_get(rule);
	int rc;

	if (c->mute)
		return 0;
	if (sev < 0)
		sev = r != NULL ? (int)r->severity : CK_SEV_ERROR;
	if (hint_static)
		rc = ck_diag_addv_static(c->l, rule, (ck_severity)sev, line,
		    col, hint, fmt, ap);
	else
		rc = ck_diag_addv(c->l, rule, (ck_severity)sev, line, col,
		    hint, fmt, ap);
	if (rc == -1) {
		c->oom = true;
		return -1;
	}
	return 0;
}

/* Report rule at its default severity.  hint: a string literal or NULL. */
int
ck_lint_emit(struct lctx *c, unsigned int rule, unsigned int line,
    unsigned int col,
    const char *hint, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = emitv(c, rule, -1, line, col, hint, true, fmt, ap);
	va_end(ap);
	return rc;
}

/* Report rule at severity sev.  hint: a string literal or NULL. */
int
ck_lint_emit_sev(struct lctx *c, unsigned int rule, ck_severity sev,
    unsigned int line,
    unsigned int col, const char *hint, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = emitv(c, rule, (int)sev, line, col, hint, true, fmt, ap);
	va_end(ap);
	return rc;
}

/* Report rule at severity sev (-1: its default) with a hint made here. */
int
ck_lint_emit_hint(struct lctx *c, unsigned int rule, int sev, unsigned int line,
    unsigned int col, const char *hint, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = emitv(c, rule, sev, line, col, hint, false, fmt, ap);
	va_end(ap);
	return rc;
}

/*
 * Whether rule was already reported on line: c->l holds the findings of
 * the line being checked (the parser's first), a few.
 */
bool
ck_lint_has_diag(const struct lctx *c, unsigned int line, unsigned int rule)
{
	size_t i;

	for (i = c->l->n; i > 0; i--)
		if (c->l->v[i - 1].line == line && c->l->v[i - 1].rule == rule)
			return true;
	return false;
}

unsigned int
ck_lint_dwhere(unsigned int set, bool (*has)(const struct ck_dialect_facts *))
{
	unsigned int out = 0;
	size_t i;

	for (i = 0; i < NREAL; i++)
		if ((set & CK_DIALECT_BIT(real_dialects[i])) &&
		    has(ck_dialect_facts(real_dialects[i])))
			out |= CK_DIALECT_BIT(real_dialects[i]);
	return out;
}

/* "debian and busybox" for a set of dialects, into buf. */
const char *
ck_lint_dlist(unsigned int set, char *buf, size_t size)
{
	size_t i, n = 0, k = 0;

	buf[0] = '\0';
	for (i = 0; i < NREAL; i++)
		if (set & CK_DIALECT_BIT(real_dialects[i]))
			n++;
	for (i = 0; i < NREAL; i++) {
		if (!(set & CK_DIALECT_BIT(real_dialects[i])))
			continue;
		if (k > 0)
			strlcat(buf, k + 1 == n ? " and " : ", ", size);
		strlcat(buf, dname(real_dialects[i]), size);
		k++;
	}
	return buf;
}
