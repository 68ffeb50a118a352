/* SPDX-License-Identifier: ISC */
/*
 * lint_int.h - what the files of lint share: the context of one ck_lint()
 * call, small inline helpers and the functions of each family of rules.  lint.c (the driver) calls
 * the families (lint_sched.c, lint_cmd.c, lint_env.c, lint_port.c,
 * lint_file.c); they and the driver call lint_util.c.  Never installed.
 */
#ifndef CK_LINT_INT_H
#define CK_LINT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"

/* A set of rule numbers. */
struct rset {
	uint64_t	 w[(CK_R_COUNT + 63) / 64];
};

struct lctx {
	const ck_tab	*tab;
	const struct ck_lint_opts *o;
	ck_diag_list	*l;		/* what is found goes here: the line's
					   findings, or the file-wide ones */
	ck_dialect	 d;
	unsigned int	 others;	/* dialect bits for portability */
	bool		 system;	/* user column */
	bool		 oom;
	bool		 mute;		/* findings are thrown away */
	/* per line: dialects an explicit portability check already named */
	unsigned int	*ported;
	/* The host's users, hashed (opts' set, or users, or NULL). */
	const ck_userset *users;
	/* Does opts->tz change its offset (ck_lint_zone_has_dst(), once)? */
	bool		 zone_dst;
	/* The fields and elements of the job being checked (lint_sched.c). */
	struct ck_elems	 elems;
};

static const ck_dialect real_dialects[] = { CK_DIALECT_DEBIAN,
	CK_DIALECT_CRONIE, CK_DIALECT_OPENBSD, CK_DIALECT_BUSYBOX };
#define NREAL (sizeof(real_dialects) / sizeof(real_dialects[0]))

#define QDOTS(len)	((len) > 40 ? "..." : "")

static inline void
rset_add(struct rset *s, unsigned int r)
{
	if (r < CK_R_COUNT)
		s->w[r / 64] |= UINT64_C(1) << (r % 64);
}

static inline bool
rset_has(const struct rset *s, unsigned int r)
{
	return r < CK_R_COUNT && (s->w[r / 64] >> (r % 64) & 1) != 0;
}

/* 1-based column of p in line l (1 when p is not inside the line). */
static inline unsigned int
col_of(const struct ck_line *l, const char *p)
{
	if (p == NULL || p < l->p || p > l->p + l->len)
		return 1;
	return (unsigned int)(p - l->p) + 1;
}

/*
 * Quote text for a message: at most 40 bytes, then "...".  The CLI escapes
 * control characters when it prints.
 */
static inline int
qlen(size_t len)
{
	return len > 40 ? 40 : (int)len;
}

static inline bool
eq_nocase(const char *a, size_t alen, const char *b)
{
	size_t i;

	if (strlen(b) != alen)
		return false;
	for (i = 0; i < alen; i++)
		if (ck_tolower((unsigned char)a[i]) !=
		    ck_tolower((unsigned char)b[i]))
			return false;
	return true;
}

static inline bool
has_nocase(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (eq_nocase(s + i, n, needle))
			return true;
	return false;
}

static inline int
popcount64(uint64_t v)
{
	int n = 0;

	for (; v != 0; v &= v - 1)
		n++;
	return n;
}

static inline const char *
dname(ck_dialect d)
{
	return ck_dialect_name(d);
}

/* lint_util.c: report a finding (hint: a string literal or NULL). */
int	ck_lint_emit(struct lctx *c, unsigned int rule, unsigned int line,
	    unsigned int col, const char *hint, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));
int	ck_lint_emit_sev(struct lctx *c, unsigned int rule, ck_severity sev,
	    unsigned int line, unsigned int col, const char *hint,
	    const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* With a hint made by the caller (copied); sev -1: the rule's own. */
int	ck_lint_emit_hint(struct lctx *c, unsigned int rule, int sev,
	    unsigned int line, unsigned int col, const char *hint,
	    const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* Whether rule was already reported on line (the line being checked). */
bool	ck_lint_has_diag(const struct lctx *c, unsigned int line,
	    unsigned int rule);
/* "debian and busybox" for a set of dialects, into buf. */
const char *ck_lint_dlist(unsigned int set, char *buf, size_t size);
/* The real dialects of set whose facts (dialect.c) satisfy has(). */
unsigned int ck_lint_dwhere(unsigned int set,
	    bool (*has)(const struct ck_dialect_facts *));

/* The families, called by lint.c for each line or once per file. */
/* lint_sched.c */
bool	ck_lint_zone_has_dst(const struct ck_lint_opts *o);
void	ck_lint_check_schedule(struct lctx *c, size_t li,
	    const struct ck_job *job);
/* lint_cmd.c */
void	ck_lint_check_command(struct lctx *c, size_t li,
	    const struct ck_job *job);
void	ck_lint_check_user(struct lctx *c, size_t li,
	    const struct ck_job *job);
/* lint_env.c */
void	ck_lint_check_env(struct lctx *c, size_t li, bool *mailto);
/* lint_port.c */
void	ck_lint_check_line_portability(struct lctx *c, size_t li);
/* lint_file.c */
void	ck_lint_check_file(struct lctx *c);
void	ck_lint_check_duplicates(struct lctx *c);
void	ck_lint_check_duplicate_ids(struct lctx *c);
void	ck_lint_check_crowded_minute(struct lctx *c);

#endif /* CK_LINT_INT_H */
