/* SPDX-License-Identifier: ISC */
/*
 * jobenv.c - the environment a job runs with: the assignments of its
 * crontab above it (read with env.c's grammar), then what cron adds.
 * Above tab.c: env.c (the grammar) is below both.  Also the zone a job
 * runs in (CRON_TZ, where its cron reads it).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/*
 * A list of variables, each name once, in the order names were first set.
 * Names and values are NUL-terminated copies owned by the list.
 */
struct ck_env {
	ck_env_pair	*v;
	size_t		 n;
	size_t		 cap;
};

static ck_env *
env_new(ck_error *err)
{
	ck_env *env;

	if ((env = calloc(1, sizeof(*env))) == NULL)
		ck_error_oom(err);
	return env;
}

/*
 * Set name to value: replace its value, or append it.  @return 0 or -1.
 * XXX the lookup is linear, so a list of n distinct names costs O(n^2):
 * fine for real crontabs (a handful of variables), slow for a generated
 * one with tens of thousands of distinct names; a hash would fix it.
 */
static int
env_put(ck_env *env, const char *name, size_t nlen, const char *value,
    size_t vlen, ck_error *err)
{
	ck_env_pair *p, *nv;
	char *vs, *ns;
	size_t i, cap;

	if ((vs = strndup(value, vlen)) == NULL)
		return ck_error_oom(err);
	for (i = 0; i < env->n; i++) {
		p = &env->v[i];
		if (p->name_len == nlen && memcmp(p->name, name, nlen) == 0) {
			free((char *)p->value);
			p->value = vs;
			p->value_len = vlen;
			return 0;
		}
	}
	if (env->n == env->cap) {
		cap = env->cap ? env->cap * 2 : 8;
		if ((nv = reallocarray(env->v, cap, sizeof(*nv))) == NULL)
			goto oom;
		env->v = nv;
		env->cap = cap;
	}
	if ((ns = strndup(name, nlen)) == NULL)
		goto oom;
	p = &env->v[env->n++];
	p->name = ns;
	p->name_len = nlen;
	p->value = vs;
	p->value_len = vlen;
	return 0;
oom:
	free(vs);
	return ck_error_oom(err);
}

/* The assignments of tab's lines [0, line), the last one of a name wins. */
static int
env_add_tab(ck_env *env, const ck_tab *tab, size_t line, ck_error *err)
{
	const char *n, *v;
	size_t i, nl, vl;

	if (line > tab->nlines)
		line = tab->nlines;
	for (i = 0; i < line; i++) {
		if (tab->lines[i].kind != CK_LINE_ENV ||
		    ck_tab_line_env(tab, i, &n, &nl, &v, &vl) == -1)
			continue;
		if (env_put(env, n, nl, v, vl, err) == -1)
			return -1;
	}
	return 0;
}

/*
 * One word of a literal assignment prefix, shell rules, into b: unquoted
 * text, '...', "..." and backslash escapes; cron's "\%" is '%' anywhere.
 * *i moves past the word.  @return 1 for a literal word, 0 when the word
 * is not literal (an expansion, an operator, cron's '%'), -1 on OOM.
 */
static int
prefix_word(const char *p, size_t len, size_t *i, struct ck_buf *b)
{
	size_t k = *i;
	char c;

	if (k < len && p[k] == '~')
		return 0;	/* tilde expansion */
	while (k < len && !ck_isblank((unsigned char)p[k])) {
		c = p[k];
		if (c == '\\') {
			if (k + 1 >= len)
				return 0;
			ck_buf_addc(b, p[k + 1]);
			k += 2;
		} else if (c == '\'') {
			for (k++; k < len && p[k] != '\''; k++) {
				if (p[k] == '%')
					return 0;
				if (p[k] == '\\' && k + 1 < len &&
				    p[k + 1] == '%')
					k++;
				ck_buf_addc(b, p[k]);
			}
			if (k >= len)
				return 0;
			k++;
		} else if (c == '"') {
			for (k++; k < len && p[k] != '"'; k++) {
				if (p[k] == '$' || p[k] == '`' || p[k] == '%')
					return 0;
				if (p[k] == '\\' && k + 1 < len &&
				    strchr("\"\\$`%", p[k + 1]) != NULL)
					k++;
				ck_buf_addc(b, p[k]);
			}
			if (k >= len)
				return 0;
			k++;
		} else if (strchr("$`;&|<>()%\r", c) != NULL) {
			return 0;
		} else {
			ck_buf_addc(b, c);
			k++;
		}
	}
	if (b->oom)
		return -1;
	*i = k;
	return 1;
}

/* The literal "NAME=value " assignments at the start of a command. */
static int
env_add_prefix(ck_env *env, const char *p, size_t len, ck_error *err)
{
	struct ck_buf b = { 0 };
	size_t i = 0, k, ns, ne;
	int rc;

	for (;;) {
		while (i < len && ck_isblank((unsigned char)p[i]))
			i++;
		ns = i;
		if (i >= len || !(ck_isalpha((unsigned char)p[i]) ||
		    p[i] == '_'))
			break;
		while (i < len && (ck_isalnum((unsigned char)p[i]) ||
		    p[i] == '_'))
			i++;
		ne = i;
		if (i >= len || p[i] != '=')
			break;
		i++;
		b.len = 0;
		if ((rc = prefix_word(p, len, &i, &b)) == -1) {
			ck_buf_free(&b);
			return ck_error_oom(err);
		}
		/* An assignment alone is not a prefix: a command follows. */
		if (rc == 0)
			break;
		for (k = i; k < len && ck_isblank((unsigned char)p[k]); k++)
			continue;
		if (k >= len)
			break;
		if (env_put(env, p + ns, ne - ns, b.p != NULL ? b.p : "",
		    b.len, err) == -1) {
			ck_buf_free(&b);
			return -1;
		}
	}
	ck_buf_free(&b);
	return 0;
}

ck_env *
ck_tab_env(const ck_tab *tab, size_t line, ck_error *err)
{
	ck_env *env;

	if ((env = env_new(err)) == NULL)
		return NULL;
	if (env_add_tab(env, tab, line, err) == -1) {
		ck_env_free(env);
		return NULL;
	}
	return env;
}

ck_env *
ck_job_env(const ck_tab *tab, const ck_job *job, unsigned int flags,
    ck_error *err)
{
	ck_env *env;

	if (ck_tab_check_job(tab, job, err) == -1)
		return NULL;
	if ((flags & ~(CK_ENV_CRONTAB | CK_ENV_JOB)) != 0 || flags == 0) {
		ck_error_set(err, CK_EINVAL, 0, 0, "bad environment flags "
		    "0x%x", flags);
		return NULL;
	}
	if ((env = env_new(err)) == NULL)
		return NULL;
	if ((flags & CK_ENV_CRONTAB) &&
	    env_add_tab(env, tab, job->line, err) == -1)
		goto fail;
	if ((flags & CK_ENV_JOB) &&
	    env_add_prefix(env, job->cmd, job->cmd_len, err) == -1)
		goto fail;
	return env;
fail:
	ck_env_free(env);
	return NULL;
}

size_t
ck_env_count(const ck_env *env)
{
	return env->n;
}

const ck_env_pair *
ck_env_at(const ck_env *env, size_t i)
{
	return i < env->n ? &env->v[i] : NULL;
}

const char *
ck_env_get(const ck_env *env, const char *name, size_t nlen, size_t *vlen)
{
	size_t i;

	for (i = 0; i < env->n; i++)
		if (env->v[i].name_len == nlen &&
		    memcmp(env->v[i].name, name, nlen) == 0) {
			if (vlen != NULL)
				*vlen = env->v[i].value_len;
			return env->v[i].value;
		}
	return NULL;
}

void
ck_env_free(ck_env *env)
{
	size_t i;

	if (env == NULL)
		return;
	for (i = 0; i < env->n; i++) {
		free((char *)env->v[i].name);
		free((char *)env->v[i].value);
	}
	free(env->v);
	free(env);
}

int
ck_job_zone(const ck_tab *tab, const ck_job *job, const char **zone,
    size_t *len, ck_dst_mode *mode, ck_error *err)
{
	const struct ck_dialect_facts *f;
	const char *n;
	size_t nl, vl = 0;

	*zone = NULL;
	if (ck_tab_check_job(tab, job, err) == -1)
		return -1;
	f = ck_dialect_facts(tab->dialect);
	if (f->cron_tz && job->tz_line != CK_NONE &&
	    ck_tab_line_env(tab, job->tz_line, &n, &nl, zone, &vl) == 0) {
		if (len != NULL)
			*len = vl;
		if (mode != NULL)
			*mode = f->cron_tz_dst;
		return 0;
	}
	*zone = NULL;
	if (len != NULL)
		*len = 0;
	if (mode != NULL)
		*mode = f->dst;
	return 0;
}
