/* SPDX-License-Identifier: ISC */
/*
 * lint_file.c - file rules: the file's name, owner and mode; jobs
 * across the file (duplicate ids and commands, crowded minutes).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "lint_int.h"

/* ---- files ---- */

static bool
debian_name_ok(const char *b, size_t n)
{
	size_t i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++)
		if (!ck_isalnum((unsigned char)b[i]) && b[i] != '_' &&
		    b[i] != '-')
			return false;
	return true;
}

static bool
ends_with(const char *b, size_t n, const char *suf)
{
	size_t k = strlen(suf);

	return n >= k && memcmp(b + n - k, suf, k) == 0;
}

static bool
cronie_name_ok(const char *b, size_t n)
{
	return n > 0 && b[0] != '.' && b[0] != '#' && !ends_with(b, n, "~") &&
	    !ends_with(b, n, ".rpmsave") && !ends_with(b, n, ".rpmorig") &&
	    !ends_with(b, n, ".rpmnew") && n < 255;
}

static bool
no_cron_d(const struct ck_dialect_facts *f)
{
	return f->skips_cron_d != NULL;
}

void
ck_lint_check_file(struct lctx *c)
{
	const struct ck_lint_opts *o = c->o;
	const char *path = o->path, *b;
	size_t n;
	unsigned int set = 0, i;
	ck_severity sev;
	char dl[64];

	if (path != NULL && c->system) {
		b = strrchr(path, '/');
		b = b != NULL ? b + 1 : path;
		n = strlen(b);
		/* /etc/crontab itself is read under any name. */
		if (!(o->system_file && strcmp(b, "crontab") == 0 &&
		    strstr(path, "cron.d/") == NULL)) {
			for (i = 0; i < NREAL; i++) {
				ck_dialect d = real_dialects[i];

				if (d != c->d && !(c->others &
				    CK_DIALECT_BIT(d)))
					continue;
				/* OpenBSD and busybox have no /etc/cron.d. */
				if (ck_dialect_facts(d)->skips_cron_d != NULL)
					continue;
				if (ck_dialect_facts(d)->cron_d_names &
				    CK_NAMES_CRONIE ?
				    !cronie_name_ok(b, n) :
				    !debian_name_ok(b, n))
					set |= CK_DIALECT_BIT(d);
			}
			/* Identity, kept: portable answers for Debian too. */
			if (c->d == CK_DIALECT_PORTABLE &&
			    !debian_name_ok(b, n))
				set |= CK_DIALECT_BIT(CK_DIALECT_DEBIAN);
		}
		if (set != 0) {
			sev = o->system_file && (set & CK_DIALECT_BIT(c->d)) ?
			    CK_SEV_ERROR : CK_SEV_WARNING;
			ck_lint_emit_sev(c, CK_R_FILE_NAME, sev, 0, 0,
			    "use only letters, digits, '_' and '-'",
			    "%s%s ignore%s a file in /etc/cron.d named "
			    "\"%.*s%s\"",
			    o->system_file ? "" : "if installed, ",
			    ck_lint_dlist(set, dl, sizeof(dl)),
			    (set & (set - 1)) ? "" : "s", qlen(n), b,
			    QDOTS(n));
		}
	}
	set = ck_lint_dwhere(c->others | CK_DIALECT_BIT(c->d), no_cron_d);
	if (path != NULL && c->system && strstr(path, "cron.d/") != NULL &&
	    set != 0)
		ck_lint_emit(c, CK_R_UNSUPPORTED, 0, 0,
		    "put the jobs in /etc/crontab",
		    "%s read%s no /etc/cron.d", ck_lint_dlist(set, dl,
		    sizeof(dl)),
		    (set & (set - 1)) ? "" : "s");
	if (o->have_stat && o->system_file) {
		if (o->uid != 0)
			ck_lint_emit(c, CK_R_CRON_D_FILE, 0, 0, "chown root",
			    "the file is owned by uid %lu: cron reads system "
			    "crontabs only when root owns them", o->uid);
		if (o->mode & 022)
			ck_lint_emit(c, CK_R_CRON_D_FILE, 0, 0, "chmod go-w",
			    "the file is writable by %s (mode %04o): cron "
			    "ignores it", (o->mode & 020) && (o->mode & 02) ?
			    "group and others" : (o->mode & 020) ? "group" :
			    "others", o->mode & 07777);
		/* Identity, kept: the message names cronie. */
		if ((o->mode & 0111) && (c->d == CK_DIALECT_CRONIE ||
		    (c->others & CK_DIALECT_BIT(CK_DIALECT_CRONIE))))
			ck_lint_emit_sev(c, CK_R_CRON_D_FILE,
			    c->d == CK_DIALECT_CRONIE
			    ? CK_SEV_ERROR : CK_SEV_WARNING, 0, 0,
			    "chmod a-x", "the file is executable (mode %04o): "
			    "cronie ignores it", o->mode & 07777);
		if (o->is_symlink && o->link_uid != 0)
			ck_lint_emit(c, CK_R_CRON_D_FILE, 0, 0, NULL,
			    "the symbolic link is owned by uid %lu: cron "
			    "follows links only when root owns both",
			    o->link_uid);
	}
	if (o->have_stat && o->spool_file) {
		bool cronie = ck_dialect_facts(c->d)->cronie_modes;

		if (o->spool_uid >= 0 && o->uid != (unsigned long)o->spool_uid)
			ck_lint_emit(c, CK_R_SPOOL_FILE, 0, 0, "chown the user",
			    "the file is owned by uid %lu, not by its user "
			    "(uid %ld): cron ignores it", o->uid, o->spool_uid);
		if (cronie ? (o->mode & 07533) != 0400 :
		    (o->mode & 07777) != 0600)
			ck_lint_emit(c, CK_R_SPOOL_FILE, 0, 0, "chmod 0600",
			    "the file has mode %04o, not 0600: cron ignores it",
			    o->mode & 07777);
		if (o->nlink > 1)
			ck_lint_emit(c, CK_R_SPOOL_FILE, 0, 0, NULL,
			    "the file has %lu hard links: cron ignores it",
			    o->nlink);
	}
}

/* ---- jobs across the file ---- */

static uint64_t
job_hash(const struct ck_job *j)
{
	uint64_t h = UINT64_C(1469598103934665603);
	size_t i;

#define MIX(v) do {							\
	h ^= (uint64_t)(v);						\
	h *= UINT64_C(1099511628211);					\
} while (0)
	MIX(j->expr.minute);
	MIX(j->expr.hour);
	MIX(j->expr.dom);
	MIX(j->expr.month);
	MIX(j->expr.dow);
	MIX(j->expr.flags & (CK_SF_DOM_STAR | CK_SF_DOW_STAR | CK_SF_REBOOT));
	/* Eight bytes a step: the hash only groups, same_job() decides. */
	for (i = 0; i + 8 <= j->cmd_len; i += 8) {
		uint64_t w;

		memcpy(&w, j->cmd + i, 8);
		MIX(w);
		h ^= h >> 29;
	}
	for (; i < j->cmd_len; i++)
		MIX((unsigned char)j->cmd[i]);
	MIX(0x100);
	for (i = 0; j->user != NULL && i < j->user_len; i++)
		MIX((unsigned char)j->user[i]);
#undef MIX
	return h;
}

struct jref {
	uint64_t	 h;
	size_t		 idx;
};

static int
jref_cmp(const void *a, const void *b)
{
	const struct jref *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static bool
same_job(const struct ck_job *a, const struct ck_job *b)
{
	return a->cmd_len == b->cmd_len && a->user_len == b->user_len &&
	    memcmp(a->cmd, b->cmd, a->cmd_len) == 0 &&
	    (a->user_len == 0 || memcmp(a->user, b->user, a->user_len) == 0) &&
	    ck_expr_same(&a->expr, &b->expr);
}

/* Jobs by id, for sorting. */
static int
id_cmp(const void *a, const void *b)
{
	const struct ck_job *x = *(const struct ck_job *const *)a;
	const struct ck_job *y = *(const struct ck_job *const *)b;
	int r;

	if (x->id_len != y->id_len)
		return x->id_len < y->id_len ? -1 : 1;
	if ((r = memcmp(x->id, y->id, x->id_len)) != 0)
		return r;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* One id on several jobs: each later one is reported. */
void
ck_lint_check_duplicate_ids(struct lctx *c)
{
	const ck_tab *t = c->tab;
	const struct ck_job **v;
	size_t i, n = 0;

	if (t->njobs < 2)
		return;
	if ((v = reallocarray(NULL, t->njobs, sizeof(*v))) == NULL) {
		c->oom = true;
		return;
	}
	for (i = 0; i < t->njobs; i++)
		if (t->jobs[i].id != NULL)
			v[n++] = &t->jobs[i];
	if (n > 1)
		qsort(v, n, sizeof(*v), id_cmp);
	for (i = 1; i < n; i++)
		if (v[i]->id_len == v[i - 1]->id_len &&
		    memcmp(v[i]->id, v[i - 1]->id, v[i]->id_len) == 0)
			ck_lint_emit(c, CK_R_DUPLICATE_ID, (v[i]->marker_line !=
			    CK_NONE ? v[i]->marker_line : v[i]->line) + 1, 1,
			    "give each job its own id",
			    "the id \"%.*s\" also marks the job on line %u",
			    (int)(v[i]->id_len > 128 ? 128 : v[i]->id_len),
			    v[i]->id, (unsigned int)v[i - 1]->line + 1);
	free(v);
}

static int
minute_cmp(const void *a, const void *b)
{
	const struct ck_job *x = *(const struct ck_job *const *)a;
	const struct ck_job *y = *(const struct ck_job *const *)b;

	if (x->expr.minute != y->expr.minute)
		return x->expr.minute < y->expr.minute ? -1 : 1;
	if (x->expr.hour != y->expr.hour)
		return x->expr.hour < y->expr.hour ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/*
 * CROWDED_MINUTE: five or more enabled jobs with one and the same minute
 * and the same hours; reported once, on the fifth job (in line order).
 */
#define CROWDED	5
void
ck_lint_check_crowded_minute(struct lctx *c)
{
	const ck_tab *t = c->tab;
	const struct ck_job **v;
	size_t i, k, n = 0;

	if (t->njobs < CROWDED)
		return;
	if ((v = reallocarray(NULL, t->njobs, sizeof(*v))) == NULL) {
		c->oom = true;
		return;
	}
	for (i = 0; i < t->njobs; i++)
		if (t->jobs[i].enabled && t->jobs[i].expr.keyword !=
		    CK_KW_REBOOT && t->jobs[i].expr.minute != 0 &&
		    (t->jobs[i].expr.minute & (t->jobs[i].expr.minute - 1)) ==
		    0)
			v[n++] = &t->jobs[i];
	qsort(v, n, sizeof(*v), minute_cmp);
	for (i = 0; i < n; i = k) {
		for (k = i + 1; k < n && v[k]->expr.minute ==
		    v[i]->expr.minute && v[k]->expr.hour == v[i]->expr.hour;
		    k++)
			;
		if (k - i >= CROWDED)
			ck_lint_emit(c, CK_R_CROWDED_MINUTE,
			    v[i + CROWDED - 1]->line +
			    1, 1, "cronkeep spread moves them apart",
			    "%zu jobs start in the same minute as this one "
			    "(the first on line %u)", k - i,
			    (unsigned int)v[i]->line + 1);
	}
	free(v);
}

void
ck_lint_check_duplicates(struct lctx *c)
{
	const ck_tab *t = c->tab;
	struct jref *v;
	size_t i, k, n = 0;

	if (t->njobs < 2)
		return;
	if ((v = reallocarray(NULL, t->njobs, sizeof(*v))) == NULL) {
		c->oom = true;
		return;
	}
	for (i = 0; i < t->njobs; i++) {
		const struct ck_job *j = &t->jobs[i];

		if (j->line >= t->nlines || t->lines[j->line].kind !=
		    CK_LINE_JOB)
			continue;
		v[n].h = job_hash(j);
		v[n].idx = i;
		n++;
	}
	qsort(v, n, sizeof(*v), jref_cmp);
	for (i = 1; i < n; i++) {
		const struct ck_job *j = &t->jobs[v[i].idx];

		for (k = i; k-- > 0 && v[k].h == v[i].h;)
			if (same_job(&t->jobs[v[k].idx], j)) {
				ck_lint_emit(c, CK_R_DUPLICATE_JOB, j->line + 1,
				    1,
				    "remove one of them",
				    "the same job as on line %u: it runs twice",
				    t->jobs[v[k].idx].line + 1);
				break;
			}
	}
	free(v);
}
