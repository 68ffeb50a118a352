/* SPDX-License-Identifier: ISC */
/*
 * lint_cmd.c - command rules: percent signs, secrets, quoting and the
 * shell; the user column of system crontabs.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "lint_int.h"

/* ---- the command ---- */

/* Whether the command name b (a last path component) is one of names. */
static bool
word_is(const char *b, size_t len, const char *const *names)
{
	if (len == 0)
		return false;
	/*
	 * Called for every word of every command: reject on the first
	 * byte, and compare without strlen() of each name.
	 */
	for (; *names != NULL; names++)
		if ((*names)[0] == b[0] && strncmp(*names, b, len) == 0 &&
		    (*names)[len] == '\0')
			return true;
	return false;
}

static bool
secret_value(const char *v, size_t len)
{
	if (len == 0)
		return false;
	if (v[0] == '$' || v[0] == '`' || v[0] == '<')
		return false;
	if (len >= 2 && (v[0] == '"' || v[0] == '\'') && v[1] == '$')
		return false;
	return true;
}

/* Whether needle (not empty) occurs in s[0..len). */
static bool
contains(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	const char *p = s, *end = s + len;

	while ((size_t)(end - p) >= n &&
	    (p = memchr(p, needle[0], (size_t)(end - p) - n + 1)) != NULL) {
		if (memcmp(p, needle, n) == 0)
			return true;
		p++;
	}
	return false;
}

/*
 * Whether find_secret() can find anything: every form it knows needs an
 * '=' (NAME=value, --password=...), an '@' after "://" (scheme://user:
 * pass@host) or one of the programs it follows (mysql, mariadb, sshpass,
 * curl).  Most commands have none, and memchr(3) rules them out in a few
 * words.
 */
static bool
may_hold_secret(const char *cmd, size_t len)
{
	return memchr(cmd, '=', len) != NULL ||
	    (memchr(cmd, '@', len) != NULL && contains(cmd, len, "://")) ||
	    contains(cmd, len, "curl") || contains(cmd, len, "mysql") ||
	    contains(cmd, len, "mariadb") || contains(cmd, len, "sshpass");
}

/*
 * A password in the command: returns the offset of the word that holds it
 * and fills what (e.g. "PGPASSWORD=***").
 */
static bool
find_secret(const char *cmd, size_t len, size_t *at, char *what, size_t wsize)
{
	static const char *const mysql[] = { "mysql", "mysqldump",
		"mysqladmin", "mysqlcheck", "mysqlimport", "mysqlshow",
		"mysqlpump", "mariadb", "mariadb-dump", "mariadb-admin", NULL };
	static const char *const sshpass[] = { "sshpass", NULL };
	static const char *const curl[] = { "curl", NULL };
	static const char *const keys[] = { "PASSWORD", "PASSWD", "_PWD",
		"SECRET", "TOKEN", "API_KEY", "APIKEY", NULL };
	const char *p = cmd, *end = cmd + len, *w, *eq, *u, *at_sign, *colon;
	const char *base;
	size_t wl, i, bl;
	bool in_mysql = false, in_sshpass = false, in_curl = false;
	int want = 0;	/* 1: next word is sshpass's, 2: curl's -u */

	while (p < end) {
		while (p < end && ck_isblank((unsigned char)*p))
			p++;
		w = base = p;
		/* The word, and where its last path component starts. */
		for (; p < end && !ck_isblank((unsigned char)*p); p++)
			if (*p == '/')
				base = p + 1;
		wl = (size_t)(p - w);
		if (wl == 0)
			break;
		/* Strip quotes around the word for the checks. */
		while (wl > 0 && (*w == '"' || *w == '\'')) {
			w++;
			wl--;
		}
		while (wl > 0 && (w[wl - 1] == '"' || w[wl - 1] == '\''))
			wl--;
		*at = (size_t)(w - cmd);
		if (want == 1 && secret_value(w, wl)) {
			ck_fmt(what, wsize, "sshpass -p ***");
			return true;
		}
		if (want == 2 && (colon = memchr(w, ':', wl)) != NULL &&
		    secret_value(colon + 1, wl - (size_t)(colon + 1 - w))) {
			ck_fmt(what, wsize, "curl -u %.*s:***",
			    qlen((size_t)(colon - w)), w);
			return true;
		}
		want = 0;
		/* The last path component (quotes stripped), for the lists. */
		if (base < w)
			base = w;
		bl = base < w + wl ? wl - (size_t)(base - w) : 0;
		switch (bl > 0 ? *base : 0) {
		case 'm':
			in_mysql |= word_is(base, bl, mysql);
			break;
		case 's':
			in_sshpass |= word_is(base, bl, sshpass);
			break;
		case 'c':
			in_curl |= word_is(base, bl, curl);
			break;
		}
		/* NAME=value with a secret-sounding name. */
		if ((eq = memchr(w, '=', wl)) != NULL && eq > w &&
		    (ck_isalpha((unsigned char)*w) || *w == '_')) {
			bool ident = true;

			for (u = w; u < eq; u++)
				if (!ck_isalnum((unsigned char)*u) && *u != '_')
					ident = false;
			/* SECRET_FILE=/path names where the secret is. */
			if (has_nocase(w, (size_t)(eq - w), "FILE") ||
			    has_nocase(w, (size_t)(eq - w), "PATH") ||
			    has_nocase(w, (size_t)(eq - w), "DIR"))
				ident = false;
			for (i = 0; ident && keys[i] != NULL; i++)
				if (has_nocase(w, (size_t)(eq - w), keys[i]) &&
				    secret_value(eq + 1,
				    wl - (size_t)(eq + 1 - w))) {
					ck_fmt(what, wsize, "%.*s=***",
					    qlen((size_t)(eq - w)), w);
					return true;
				}
		}
		/* --password=..., --token=... (not --password-file=...). */
		if (wl > 2 && w[0] == '-' && w[1] == '-' &&
		    (eq = memchr(w, '=', wl)) != NULL &&
		    (has_nocase(w, (size_t)(eq - w), "pass") ||
		    has_nocase(w, (size_t)(eq - w), "secret") ||
		    has_nocase(w, (size_t)(eq - w), "token")) &&
		    !has_nocase(w, (size_t)(eq - w), "file") &&
		    !has_nocase(w, (size_t)(eq - w), "env") &&
		    secret_value(eq + 1, wl - (size_t)(eq + 1 - w))) {
			if (!in_curl ||
			    !has_nocase(w, (size_t)(eq - w), "user")) {
				ck_fmt(what, wsize, "%.*s=***",
				    qlen((size_t)(eq - w)), w);
				return true;
			}
		}
		if (in_mysql && wl > 2 && w[0] == '-' && w[1] == 'p' &&
		    secret_value(w + 2, wl - 2)) {
			ck_fmt(what, wsize, "-p***");
			return true;
		}
		if (in_sshpass && wl == 2 && memcmp(w, "-p", 2) == 0)
			want = 1;
		else if (in_sshpass && wl > 2 && memcmp(w, "-p", 2) == 0 &&
		    secret_value(w + 2, wl - 2)) {
			ck_fmt(what, wsize, "sshpass -p***");
			return true;
		}
		if (in_curl && ((wl == 2 && memcmp(w, "-u", 2) == 0) ||
		    (wl == 6 && memcmp(w, "--user", 6) == 0)))
			want = 2;
		else if (in_curl && ((wl > 2 && memcmp(w, "-u", 2) == 0) ||
		    (wl > 7 && memcmp(w, "--user=", 7) == 0))) {
			u = w + (w[1] == 'u' ? 2 : 7);
			if ((colon = memchr(u, ':', wl - (size_t)(u - w))) !=
			    NULL && secret_value(colon + 1,
			    wl - (size_t)(colon + 1 - w))) {
				ck_fmt(what, wsize, "curl -u %.*s:***",
				    qlen((size_t)(colon - u)), u);
				return true;
			}
		}
		/* scheme://user:password@host */
		for (u = w; u + 3 <= w + wl &&
		    (u = memchr(u, ':', (size_t)(w + wl - u))) != NULL &&
		    u + 3 <= w + wl; u++) {
			const char *host, *q;

			if (u[1] != '/' || u[2] != '/')
				continue;
			host = u + 3;
			q = host;
			at_sign = NULL;
			while (q < w + wl && *q != '/') {
				if (*q == '@')
					at_sign = q;
				q++;
			}
			if (at_sign == NULL)
				break;
			colon = memchr(host, ':', (size_t)(at_sign - host));
			if (colon != NULL && colon + 1 < at_sign &&
			    secret_value(colon + 1,
			    (size_t)(at_sign - colon - 1))) {
				ck_fmt(what, wsize, "%.*s:***@...",
				    qlen((size_t)(colon - w)), w);
				return true;
			}
			break;
		}
	}
	return false;
}

/* The bytes ck_lint_check_command() looks at in a command. */
static const unsigned char cmd_special[256] = {
	['\\'] = 1, ['\''] = 1, ['"'] = 1, ['%'] = 1, ['#'] = 1
};

/* Whether any of the eight bytes in x is one of \\ ' " % #. */
static inline bool
special8(uint64_t x)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t high = UINT64_C(0x8080808080808080);
	uint64_t a = x ^ (ones * '\\'), b = x ^ (ones * '\''),
	    q = x ^ (ones * '"'), d = x ^ (ones * '%'), h = x ^ (ones * '#');

	/* A zero byte in a, b, q, d or h: that byte matched. */
	return (((a - ones) & ~a) | ((b - ones) & ~b) | ((q - ones) & ~q) |
	    ((d - ones) & ~d) | ((h - ones) & ~h)) & high;
}

void
ck_lint_check_command(struct lctx *c, size_t li, const struct ck_job *job)
{
	const struct ck_line *l = &c->tab->lines[li];
	const char *cmd = job->cmd, *end, *p;
	unsigned int line = (unsigned int)li + 1, ccol;
	char quote = 0, what[96];
	size_t at;
	bool percent = false;

	if (cmd == NULL || job->cmd_len == 0)
		return;
	end = cmd + job->cmd_len;
	ccol = col_of(l, cmd);
	for (p = cmd; p < end; p++) {
		/*
		 * Most bytes are none of \\ ' " % #: eight at a time while
		 * none is, then one test a byte.
		 */
		while (end - p >= 8) {
			uint64_t x;

			memcpy(&x, p, 8);
			if (special8(x))
				break;
			p += 8;
		}
		if (p == end)
			break;
		if (!cmd_special[(unsigned char)*p])
			continue;
		if (*p == '\\' && p + 1 < end && p[1] == '%') {
			p++;
			continue;
		}
		if (quote == 0 && (*p == '\'' || *p == '"')) {
			quote = *p;
			continue;
		}
		if (quote != 0 && *p == quote) {
			quote = 0;
			continue;
		}
		if (*p == '%') {
			percent = true;
			if (quote != 0)
				ck_lint_emit(c, CK_R_PERCENT_QUOTED, line,
				    ccol + (unsigned int)(p - cmd),
				    "write \\% for a literal percent",
				    "'%%' inside quotes in \"%.*s%s\" still ends "
				    "the command: cron handles it before the "
				    "shell sees the quotes", qlen(job->cmd_len),
				    cmd, QDOTS(job->cmd_len));
			else
				ck_lint_emit(c, CK_R_BARE_PERCENT, line,
				    ccol + (unsigned int)(p - cmd),
				    "write \\% for a literal percent",
				    "unescaped '%%' in \"%.*s%s\": cron ends the "
				    "command there and sends the rest to its "
				    "standard input", qlen(job->cmd_len), cmd,
				    QDOTS(job->cmd_len));
			break;
		}
		if (*p == '#' && quote == 0 && p > cmd &&
		    ck_isblank((unsigned char)p[-1]) && !percent) {
			ck_lint_emit(c, CK_R_INLINE_COMMENT, line,
			    ccol + (unsigned int)(p - cmd),
			    "put the comment on its own line above the job",
			    "\"%.*s%s\" is passed to the shell with the command: "
			    "cron has no trailing comments",
			    qlen((size_t)(end - p)), p,
			    QDOTS((size_t)(end - p)));
			/* Keep looking for a '%' after the comment. */
		}
	}
	if (job->marker == CK_MARKER_PYTHON) {
		/* python-crontab's name: cut off the command, still sent. */
		p = job->id - 2;
		ck_lint_emit(c, CK_R_INLINE_COMMENT, line,
		    ccol + (unsigned int)(p - cmd),
		    "put the comment on its own line above the job",
		    "\"# %.*s%s\" is passed to the shell with the command: "
		    "cron has no trailing comments",
		    qlen(job->id_len), job->id, QDOTS(job->id_len));
	}
	if (may_hold_secret(cmd, job->cmd_len) &&
	    find_secret(cmd, job->cmd_len, &at, what, sizeof(what)))
		ck_lint_emit(c, CK_R_SECRET, line, ccol + (unsigned int)at,
		    "read it from a file only the job's user can read "
		    "(~/.pgpass, --defaults-file, a credentials file)",
		    "the command holds a password (%s): crontabs are copied "
		    "and ps(1) shows command lines", what);

	/* User crontab: a user name where the command starts. */
	if (!c->system) {
		size_t wl = 0;
		bool known = false;

		while (wl < job->cmd_len && !ck_isblank((unsigned char)cmd[wl]))
			wl++;
		if (wl == 4 && memcmp(cmd, "root", 4) == 0)
			known = true;
		if (!known && c->users != NULL)
			known = ck_userset_has(c->users, cmd, wl);
		if (known && wl < job->cmd_len)
			ck_lint_emit(c, CK_R_USER_IN_USER_TAB, line, ccol,
			    "remove the user name: a user crontab's jobs run "
			    "as its owner",
			    "\"%.*s\" looks like a user column, but this is a "
			    "user crontab: cron runs \"%.*s\" as the command",
			    (int)wl, cmd, (int)wl, cmd);
	}
}

/* ---- the user column ---- */

void
ck_lint_check_user(struct lctx *c, size_t li, const struct ck_job *job)
{
	static const char bad[] = "!\"#$%&'()*+,/:;<=>?@[\\]^`{|}~";
	const struct ck_line *l = &c->tab->lines[li];
	const char *u = job->user;
	size_t n = job->user_len, i;
	unsigned int line = (unsigned int)li + 1, col = col_of(l, u);
	bool found;

	if (!c->system || u == NULL)
		return;
	if (n == 0)
		return;
	if (memchr(u, '/', n) != NULL) {
		ck_lint_emit(c, CK_R_MISSING_USER, line, col,
		    "add the user the job runs as before the command",
		    "\"%.*s%s\" stands where system crontabs have the user: "
		    "the user column seems to be missing", qlen(n), u,
		    QDOTS(n));
		return;
	}
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)u[i];

		if (ch < 0x20 || ch >= 0x7f ||
		    (strchr(bad, ch) != NULL && !(ch == '$' && i + 1 == n)))
			break;
	}
	if (u[0] == '-' || n > 32 || i < n) {
		ck_lint_emit(c, CK_R_BAD_USER, line,
		    col + (i < n ? (unsigned int)i :
		    0), NULL, "\"%.*s%s\" is not a valid user name%s", qlen(n),
		    u, QDOTS(n), u[0] == '-' ? " (it starts with '-')" :
		    n > 32 ? " (longer than 32 characters)" :
		    " (unexpected character)");
		return;
	}
	if (c->users != NULL) {
		found = ck_userset_has(c->users, u, n);
		if (!found)
			ck_lint_emit(c, CK_R_UNKNOWN_USER, line, col,
			    "create the user, or fix the user column",
			    "user \"%.*s%s\" does not exist on this host",
			    qlen(n), u, QDOTS(n));
	}
	if (n == 4 && memcmp(u, "root", 4) == 0)
		ck_lint_emit(c, CK_R_ROOT_JOB, line, col,
		    "run it as a less privileged user if it does not need root",
		    "the job runs as root");
}
