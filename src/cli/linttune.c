/* SPDX-License-Identifier: ISC */
/*
 * linttune.c - which findings `check` shows: rules turned off or back on
 * and the lowest severity shown, from the command line (--disable,
 * --enable, --min-severity, --fail-on) and from a project file,
 * .cronkeep.toml, found upward from the checked file's folder (as
 * shellcheck finds .shellcheckrc and ruff its ruff.toml), so that a
 * repository's CI pins its rules.
 *
 * The file is a small part of TOML: comments, one table [check], and
 * keys holding a string or a one-line array of strings:
 *
 *   [check]
 *   disable = ["CK047", "no-id"]    # codes or rule names
 *   enable = []
 *   min-severity = "warning"        # note | warning | error
 *   fail-on = "warning"
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "linttune.h"

#define TUNE_FILE	".cronkeep.toml"

void
lint_tune_free(struct lint_tune *t)
{
	size_t i;

	for (i = 0; i < t->ndisable; i++)
		free(t->disable[i]);
	for (i = 0; i < t->nenable; i++)
		free(t->enable[i]);
	free(t->disable);
	free(t->enable);
	free(t->file);
	memset(t, 0, sizeof(*t));
	t->min_severity = t->fail_on = -1;
}

int
lint_tune_severity(const char *s, int *out)
{
	if (strcmp(s, "note") == 0 || strcmp(s, "info") == 0)
		*out = CK_SEV_INFO;
	else if (strcmp(s, "warning") == 0)
		*out = CK_SEV_WARNING;
	else if (strcmp(s, "error") == 0)
		*out = CK_SEV_ERROR;
	else
		return -1;
	return 0;
}

/* Is s a rule's code or name?  (Then its code in *code.) */
static bool
known_rule(const char *s, const char **code)
{
	const struct ck_rule *r = ck_rule_find(s, strlen(s));

	if (r == NULL)
		return false;
	*code = r->code;
	return true;
}

static void
add(char ***v, size_t *n, const char *code)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i], code) == 0)
			return;
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = xstrdup(code);
}

static void
drop(char **v, size_t *n, const char *code)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(v[i], code) == 0) {
			free(v[i]);
			v[i] = v[--*n];
			return;
		}
}

int
lint_tune_rules(const struct cli_ctx *ctx, struct lint_tune *t,
    const char *list, bool enable, const char *where)
{
	char *copy = xstrdup(list), *p = copy, *w;
	const char *code;
	int rc = 0;

	while ((w = strsep(&p, ",")) != NULL) {
		while (*w == ' ')
			w++;
		if (*w == '\0')
			continue;
		if (!known_rule(w, &code)) {
			cli_warnx(ctx,
			    "%s: no rule '%s' (cronkeep check --list-rules "
			    "lists them)", where, w);
			rc = EX_DATAERR;
			break;
		}
		if (enable) {
			drop(t->disable, &t->ndisable, code);
			add(&t->enable, &t->nenable, code);
		} else {
			drop(t->enable, &t->nenable, code);
			add(&t->disable, &t->ndisable, code);
		}
	}
	free(copy);
	return rc;
}

bool
lint_tune_shows(const struct lint_tune *t, const ck_diag *d)
{
	size_t i;

	if (t->min_severity >= 0 && (int)d->severity < t->min_severity)
		return false;
	for (i = 0; i < t->ndisable; i++)
		if (strcmp(t->disable[i], d->code) == 0)
			return false;
	return true;
}

/* ---- the file ---- */

struct tparse {
	const char	*path;
	unsigned int	 line;
	const char	*start;		/* of the line, for columns */
};

static int
bad(const struct cli_ctx *ctx, const struct tparse *tp, const char *at,
    const char *what)
{
	cli_warnx(ctx, "%s:%u:%u: %s", tp->path, tp->line,
	    (unsigned int)(at - tp->start) + 1, what);
	return EX_DATAERR;
}

static const char *
skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* A basic or literal string at *p into out (owned); *p moves past it. */
static int
string(const struct cli_ctx *ctx, const struct tparse *tp, const char **p,
    char **out)
{
	const char *s = *p, *e;
	char q = *s;
	size_t n = 0;
	char *o;

	if (q != '"' && q != '\'')
		return bad(ctx, tp, s, "a string in quotes expected");
	for (e = s + 1; *e != '\0' && *e != q; e++)
		if (q == '"' && *e == '\\') {
			if (e[1] != '"' && e[1] != '\\')
				return bad(ctx, tp, e, "only \\\" and \\\\ are "
				    "known escapes");
			e++;
		}
	if (*e != q)
		return bad(ctx, tp, s, "the string does not end on its line");
	o = xmalloc((size_t)(e - s));
	for (s++; s < e; s++) {
		if (q == '"' && *s == '\\')
			s++;
		o[n++] = *s;
	}
	o[n] = '\0';
	*out = o;
	*p = e + 1;
	return 0;
}

static int
set_key(const struct cli_ctx *ctx, struct lint_tune *t, const struct tparse *tp,
    const char *key, size_t klen, const char *at, const char **p)
{
	char *s = NULL, where[PATH_MAX + 32];
	int rc = 0, sev;
	bool list;

	snprintf(where, sizeof(where), "%s:%u", tp->path, tp->line);
	list = (klen == 7 && strncmp(key, "disable", 7) == 0) ||
	    (klen == 6 && strncmp(key, "enable", 6) == 0);
	if (list) {
		if (**p != '[')
			return bad(ctx, tp, *p, "an array of strings expected");
		*p = skip_blanks(*p + 1);
		while (**p != ']') {
			if ((rc = string(ctx, tp, p, &s)) != 0)
				return rc;
			rc = lint_tune_rules(ctx, t, s, key[0] == 'e', where);
			free(s);
			if (rc != 0)
				return rc;
			*p = skip_blanks(*p);
			if (**p == ',')
				*p = skip_blanks(*p + 1);
			else if (**p != ']')
				return bad(ctx, tp, *p, "',' or ']' expected");
		}
		(*p)++;
		return 0;
	}
	if ((klen == 12 && strncmp(key, "min-severity", 12) == 0) ||
	    (klen == 7 && strncmp(key, "fail-on", 7) == 0)) {
		if ((rc = string(ctx, tp, p, &s)) != 0)
			return rc;
		if (lint_tune_severity(s, &sev) == -1) {
			free(s);
			return bad(ctx, tp, at,
			    "note, warning or error expected");
		}
		free(s);
		if (key[0] == 'm')
			t->min_severity = sev;
		else
			t->fail_on = sev;
		return 0;
	}
	return bad(ctx, tp, key, "unknown key (disable, enable, min-severity, "
	    "fail-on)");
}

int
lint_tune_parse(const struct cli_ctx *ctx, struct lint_tune *t,
    const char *path, const char *text)
{
	struct tparse tp = { path, 0, NULL };
	const char *p = text, *eol, *key, *at;
	char *line;
	size_t klen;
	bool in_check = false;
	int rc = 0;

	while (rc == 0 && *p != '\0') {
		eol = strchr(p, '\n');
		line = eol != NULL ? strndup(p, (size_t)(eol - p)) :
		    xstrdup(p);
		if (line == NULL)
			line = xstrdup("");
		tp.line++;
		tp.start = line;
		key = skip_blanks(line);
		if (*key == '\0' || *key == '#' || *key == '\r') {
			/* blank or comment */
		} else if (*key == '[') {
			in_check = strncmp(key, "[check]", 7) == 0 &&
			    (*skip_blanks(key + 7) == '\0' ||
			    *skip_blanks(key + 7) == '#');
			if (!in_check)
				rc = bad(ctx, &tp, key, "unknown table (only "
				    "[check])");
		} else if (!in_check) {
			rc = bad(ctx, &tp, key, "a key outside [check]");
		} else {
			for (klen = 0; key[klen] != '\0' && key[klen] != ' ' &&
			    key[klen] != '\t' && key[klen] != '='; klen++)
				;
			at = skip_blanks(key + klen);
			if (*at != '=')
				rc = bad(ctx, &tp, at, "'=' expected");
			else {
				at = skip_blanks(at + 1);
				p = at;
				rc = set_key(ctx, t, &tp, key, klen, at, &p);
				if (rc == 0) {
					p = skip_blanks(p);
					if (*p == '\r')
						p++;
					if (*p != '\0' && *p != '#')
						rc = bad(ctx, &tp, p,
						    "text after " "the value");
				}
			}
		}
		free(line);
		if (eol == NULL)
			break;
		p = eol + 1;
	}
	return rc;
}

/*
 * The path of the .cronkeep.toml nearest to from (see lint_tune_find(ctx))
 * into found.  @return true when there is one.
 */
static bool
search(const char *from, char *found, size_t size)
{
	char dir[PATH_MAX], *slash;
	struct stat st;

	if (from == NULL || strcmp(from, "-") == 0 ||
	    realpath(from, dir) == NULL) {
		/* Standard input, a user's crontab: from here. */
		if (getcwd(dir, sizeof(dir)) == NULL)
			return false;
	} else if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode) &&
	    (slash = strrchr(dir, '/')) != NULL) {
		/* A file: from its folder. */
		if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
	}
	for (;;) {
		snprintf(found, size, "%s%s%s", dir,
		    strcmp(dir, "/") == 0 ? "" : "/", TUNE_FILE);
		if (access(found, F_OK) == 0)
			return true;
		if (strcmp(dir, "/") == 0 ||
		    (slash = strrchr(dir, '/')) == NULL)
			return false;
		if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
	}
}

/* Read the settings file at path into t.  @return 0, or an exit code. */
static int
load(const struct cli_ctx *ctx, const char *path, struct lint_tune *t)
{
	char *text;
	size_t len;
	ck_error err;
	int rc;

	memset(&err, 0, sizeof(err));
	if (cli_read_file(path, &text, &len, &err) == -1)
		return cli_error(ctx, path, &err);
	t->file = xstrdup(path);
	if (len > 0 && memchr(text, '\0', len) != NULL) {
		free(text);
		cli_warnx(ctx, "%s: a NUL byte", path);
		return EX_DATAERR;
	}
	/* NUL-terminated for the parser. */
	text = xreallocarray(text, len + 1, 1);
	text[len] = '\0';
	rc = lint_tune_parse(ctx, t, path, text);
	free(text);
	return rc;
}

/*
 * The folder a search from "from" starts in, as written, when every file
 * named in it finds the same settings: a regular file that is not a
 * link (a link's folder is its target's), or the working folder.
 * @return it (owned), or NULL: search for this one alone.
 */
static char *
cache_key(const char *from)
{
	struct stat st;
	const char *slash;
	char *key;
	size_t n;

	if (from == NULL || strcmp(from, "-") == 0)
		return xstrdup("\001cwd");
	if (lstat(from, &st) == -1 || !S_ISREG(st.st_mode))
		return NULL;
	if ((slash = strrchr(from, '/')) == NULL)
		return xstrdup(".");
	n = (size_t)(slash - from) + 1;
	key = xmalloc(n + 1);
	memcpy(key, from, n);
	key[n] = '\0';
	return key;
}

int
lint_tune_find(const struct cli_ctx *ctx, const char *from, struct lint_tune *t,
    struct lint_tune_cache *c)
{
	char path[PATH_MAX + 16];
	char *key = c != NULL ? cache_key(from) : NULL;
	bool found;

	if (key != NULL && c->dir != NULL && strcmp(key, c->dir) == 0) {
		free(key);
		return c->found != NULL ? load(ctx, c->found, t) : 0;
	}
	found = search(from, path, sizeof(path));
	if (key != NULL) {
		free(c->dir);
		free(c->found);
		c->dir = key;
		c->found = found ? xstrdup(path) : NULL;
	}
	return found ? load(ctx, path, t) : 0;
}

void
lint_tune_cache_free(struct lint_tune_cache *c)
{
	free(c->dir);
	free(c->found);
	memset(c, 0, sizeof(*c));
}
