/* SPDX-License-Identifier: ISC */
/*
 * lint_env.c - environment rules: assignments cron reads differently,
 * MAILTO, SHELL, PATH, CRON_TZ.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "lint_int.h"

/* ---- environment lines ---- */

static bool
raw_value(const struct ck_line *l, const char **v, size_t *vlen, bool *quoted)
{
	const char *p = l->p, *end = l->p + l->len, *eq;
	char q = 0;

	while (p < end && ck_isblank((unsigned char)*p))
		p++;
	if (p < end && (*p == '"' || *p == '\'')) {
		q = *p++;
		while (p < end && *p != q)
			p++;
		if (p < end)
			p++;
	}
	if ((eq = memchr(p, '=', (size_t)(end - p))) == NULL)
		return false;
	p = eq + 1;
	while (p < end && ck_isblank((unsigned char)*p))
		p++;
	*quoted = p < end && (*p == '"' || *p == '\'');
	*v = p;
	*vlen = (size_t)(end - p);
	return true;
}

/*
 * busybox crond (load_crontab) takes a line for an assignment only when its
 * first word starts with "MAILTO=" or "SHELL=", and keeps the rest of the
 * word as it is (quotes too); "MAILTO=" alone means no mail.  Every other
 * line with fewer than six words is skipped without a word: the jobs never
 * see the variable.  Seen with busybox 1.35's crond
 * (tests/cli/test_busybox.sh).
 */
static bool
no_cron_tz(const struct ck_dialect_facts *f)
{
	return !f->cron_tz;
}

static void
check_env_busybox(struct lctx *c, size_t li, const char *name, size_t nlen,
    const char *raw, bool quoted)
{
	const struct ck_line *l = &c->tab->lines[li];
	unsigned int line = (unsigned int)li + 1;
	bool mail = nlen == 6 && memcmp(name, "MAILTO", 6) == 0;
	bool shell = nlen == 5 && memcmp(name, "SHELL", 5) == 0;

	if (nlen == 2 && memcmp(name, "TZ", 2) == 0) {
		ck_lint_emit(c, CK_R_TZ_VAR, line, col_of(l, name),
		    "set the zone in crond's environment",
		    "busybox crond ignores TZ here: the jobs do not get it and "
		    "they run in the daemon's zone");
		return;
	}
	if (nlen == 7 && memcmp(name, "CRON_TZ", 7) == 0) {
		ck_lint_emit(c, CK_R_TZ_VAR, line, col_of(l, name), NULL,
		    "busybox ignores CRON_TZ: jobs run in the daemon's zone");
		return;
	}
	if (!mail && !shell) {
		ck_lint_emit(c, CK_R_UNSUPPORTED, line, col_of(l, name),
		    "set it in the command (NAME=value cmd)",
		    "busybox crond ignores %.*s=: it honours only MAILTO and "
		    "SHELL, and the jobs never see other variables",
		    qlen(nlen), name);
		return;
	}
	if (col_of(l, name) != 1 || name + nlen >= l->p + l->len ||
	    name[nlen] != '=' || raw != name + nlen + 1) {
		ck_lint_emit(c, CK_R_UNSUPPORTED, line, col_of(l, name),
		    "write it without blanks: NAME=value",
		    "busybox crond takes %.*s only from a line starting with "
		    "\"%.*s=\": it ignores this line", qlen(nlen), name,
		    qlen(nlen), name);
		return;
	}
	if (quoted)
		ck_lint_emit(c, CK_R_UNSUPPORTED, line, col_of(l, raw),
		    mail ? "write MAILTO=address, or MAILTO= for no mail" :
		    "write the value without quotes",
		    "busybox crond keeps the quotes: %.*s is set to the text "
		    "from the quote to the first blank%s", qlen(nlen), name,
		    mail ? " (MAILTO=\"\" mails to '\"\"', it does not turn mail "
		    "off)" : "");
}

void
ck_lint_check_env(struct lctx *c, size_t li, bool *mailto)
{
	const struct ck_line *l = &c->tab->lines[li];
	const char *name, *value, *raw, *p;
	size_t nlen, vlen, rlen, i;
	unsigned int line = (unsigned int)li + 1;
	bool quoted = false, ident, digits;
	unsigned long n;
	char dl[64];
	unsigned int set;

	if (ck_tab_line_env(c->tab, li, &name, &nlen, &value, &vlen) == -1)
		return;
	if (!raw_value(l, &raw, &rlen, &quoted)) {
		raw = value;
		rlen = vlen;
	}
	if (nlen == 6 && memcmp(name, "MAILTO", 6) == 0)
		*mailto = true;
	ident = nlen > 0 && !ck_isdigit((unsigned char)name[0]);
	for (i = 0; i < nlen; i++)
		if (!ck_isalnum((unsigned char)name[i]) && name[i] != '_')
			ident = false;
	if (!ident)
		ck_lint_emit(c, CK_R_ENV_NAME, line, col_of(l, name) > 1 ?
		    col_of(l, name) : 1, "use letters, digits and '_'",
		    nlen == 0 ? "the variable name is empty%.*s" :
		    "variable name \"%.*s\" cannot be used by a shell",
		    qlen(nlen), name);
	if (!quoted && (p = memchr(raw, '$', rlen)) != NULL &&
	    !(ck_dialect_facts(c->d)->expands_mail_vars && ((nlen == 6 &&
	    memcmp(name, "MAILTO", 6) == 0) || (nlen == 8 &&
	    memcmp(name, "MAILFROM", 8) == 0))))
		ck_lint_emit(c, CK_R_SHELL_VAR, line, col_of(l, p),
		    "write the value out in full",
		    "cron does not expand variables: %.*s is set to the "
		    "literal text \"%.*s%s\"", qlen(nlen), name, qlen(vlen),
		    value, QDOTS(vlen));
	if (!quoted) {
		for (p = raw; p < raw + rlen; p++)
			if (*p == '#' && (p == raw ||
			    ck_isblank((unsigned char)p[-1])))
				break;
		if (p < raw + rlen)
			ck_lint_emit(c, CK_R_ENV_COMMENT, line, col_of(l, p),
			    "put the comment on its own line",
			    "\"%.*s%s\" is part of the value of %.*s: cron has "
			    "no trailing comments", qlen((size_t)(raw + rlen -
			    p)), p, QDOTS((size_t)(raw + rlen - p)),
			    qlen(nlen), name);
	}
	if (!ck_dialect_facts(c->d)->tab_env_to_jobs) {
		check_env_busybox(c, li, name, nlen, raw, quoted);
		return;
	}
	if (nlen == 2 && memcmp(name, "TZ", 2) == 0)
		ck_lint_emit(c, CK_R_TZ_VAR, line, col_of(l, name),
		    ck_dialect_facts(c->d)->cron_tz ? "use CRON_TZ to schedule "
		    "in another zone" : "set the system's zone instead",
		    "TZ is passed to the jobs but does not change when they "
		    "run");
	if (nlen == 7 && memcmp(name, "CRON_TZ", 7) == 0) {
		/* portable: the others' message below says it. */
		if (!ck_dialect_facts(c->d)->cron_tz &&
		    c->d != CK_DIALECT_PORTABLE)
			ck_lint_emit(c, CK_R_TZ_VAR, line, col_of(l, name),
			    NULL,
			    "%s ignores CRON_TZ: jobs run in the system's "
			    "zone", dname(c->d));
		set = ck_lint_dwhere(c->others, no_cron_tz);
		if (set != 0) {
			ck_lint_emit(c, CK_R_TZ_VAR, line, col_of(l, name),
			    NULL,
			    "CRON_TZ is honoured by cronie only: %s run the "
			    "jobs in the system's zone",
			    ck_lint_dlist(set, dl, sizeof(dl)));
			c->ported[li] |= set;
		}
	}
	if (nlen == 12 && memcmp(name, "RANDOM_DELAY", 12) == 0) {
		digits = vlen > 0 && vlen < 6;
		n = 0;
		for (i = 0; i < vlen && digits; i++) {
			if (!ck_isdigit((unsigned char)value[i]))
				digits = false;
			else
				n = n * 10 + (unsigned long)(value[i] - '0');
		}
		if (!digits || n > 1440)
			ck_lint_emit(c, CK_R_RANDOM_DELAY, line, col_of(l, raw),
			    "give whole minutes, 0 to 1440",
			    "RANDOM_DELAY \"%.*s%s\" is not a whole number of "
			    "minutes from 0 to 1440: cronie ignores it",
			    qlen(vlen), value, QDOTS(vlen));
	}
	/* Portability of assignments. */
	if (rlen == 0 || (!quoted && vlen == 0)) {
		/*
		 * Identity, kept: the message is Debian's (OpenBSD's reading
		 * is as strict, but the rule was measured on Debian).
		 */
		set = c->others & CK_DIALECT_BIT(CK_DIALECT_DEBIAN);
		if (set != 0 && !ck_lint_has_diag(c, line, CK_R_EMPTY_VALUE)) {
			ck_lint_emit_sev(c, CK_R_EMPTY_VALUE, CK_SEV_WARNING,
			    line,
			    col_of(l, raw), "write NAME=\"\"",
			    "debian rejects an unquoted empty value");
			c->ported[li] |= set;
		}
	}
	/* Identity, kept: the message is about busybox crond by name. */
	if ((c->others & CK_DIALECT_BIT(CK_DIALECT_BUSYBOX)) &&
	    !(nlen == 6 && memcmp(name, "MAILTO", 6) == 0) &&
	    !(nlen == 5 && memcmp(name, "SHELL", 5) == 0)) {
		ck_lint_emit(c, CK_R_UNSUPPORTED, line, col_of(l, name), NULL,
		    "busybox crond ignores assignments other than MAILTO and "
		    "SHELL");
		c->ported[li] |= CK_DIALECT_BIT(CK_DIALECT_BUSYBOX);
	}
}
