/* SPDX-License-Identifier: ISC */
/*
 * env.c - environment assignments, parsed the way cron's load_env() does
 * (docs/dev/cron-dialects.md §3), with Debian's stricter rule for empty
 * values.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/*
 * env    = [blanks] name [blanks] "=" [blanks] value [blanks]
 * name   = quoted | 1*(any but "=" and blanks)
 * value  = quoted | *any            (unquoted: trailing blanks trimmed)
 * quoted = "'" *any "'" | '"' *any '"'   (only blanks may follow)
 */
bool
ck_env_parse(const char *p, size_t len, ck_dialect d, const char **name,
    size_t *nlen, const char **value, size_t *vlen)
{
	const struct ck_dialect_facts *f = ck_dialect_facts(d);
	size_t i = 0, ns, ne, vs, ve;
	char q;

	while (i < len && ck_isblank((unsigned char)p[i]))
		i++;
	if (i >= len)
		return false;
	if (p[i] == '\'' || p[i] == '"') {
		q = p[i++];
		ns = i;
		while (i < len && p[i] != q)
			i++;
		if (i >= len)
			return false;
		ne = i++;
		if (memchr(p + ns, '=', ne - ns) != NULL)
			return false;
	} else {
		ns = i;
		while (i < len && p[i] != '=' && !ck_isblank((unsigned char)p[i]))
			i++;
		ne = i;
	}
	while (i < len && ck_isblank((unsigned char)p[i]))
		i++;
	if (i >= len || p[i] != '=')
		return false;
	i++;
	while (i < len && ck_isblank((unsigned char)p[i]))
		i++;
	if (i < len && (p[i] == '\'' || p[i] == '"')) {
		q = p[i++];
		vs = i;
		while (i < len && p[i] != q)
			i++;
		if (i >= len)
			return false;
		ve = i++;
		while (i < len && (ck_isblank((unsigned char)p[i]) ||
		    (f->env_trims_cr && p[i] == '\r')))
			i++;
		if (i < len)
			return false;
	} else {
		vs = i;
		ve = len;
		while (ve > vs && (ck_isblank((unsigned char)p[ve - 1]) ||
		    (f->env_trims_cr && p[ve - 1] == '\r')))
			ve--;
		/*
		 * Debian's cron takes an unquoted empty value for a job;
		 * busybox takes "MAILTO=" for no mail.
		 */
		if (ve == vs && !f->env_empty_value)
			return false;
	}
	if (ne == ns && ve == vs)
		return false;	/* a bare "=" */
	*name = p + ns;
	*nlen = ne - ns;
	*value = p + vs;
	*vlen = ve - vs;
	return true;
}
