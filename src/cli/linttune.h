/* SPDX-License-Identifier: ISC */
/*
 * linttune.h - which findings check shows (linttune.c).
 */
#ifndef CK_LINTTUNE_H
#define CK_LINTTUNE_H

#include "cli.h"

struct lint_tune {
	char	**disable;	/* rule codes not shown */
	size_t	  ndisable;
	char	**enable;	/* codes turned back on (over a file's) */
	size_t	  nenable;
	int	  min_severity;	/* ck_severity, or -1: all */
	int	  fail_on;	/* ck_severity, or -1: not set */
	char	 *file;		/* the .cronkeep.toml read, or NULL */
};
#define LINT_TUNE_INIT	{ NULL, 0, NULL, 0, -1, -1, NULL }

void	 lint_tune_free(struct lint_tune *t);
/* "note" ("info"), "warning", "error" into *out.  @return 0 or -1. */
int	 lint_tune_severity(const char *s, int *out);
/*
 * Turn the rules of list (codes or names, comma-separated) off, or on
 * (enable).  where: for messages.  @return 0, or 65 (printed) for an
 * unknown rule.
 */
int	 lint_tune_rules(const struct cli_ctx *ctx, struct lint_tune *t,
	    const char *list, bool enable, const char *where);
/* Read the settings of a .cronkeep.toml text.  @return 0, or 65 (printed). */
int	 lint_tune_parse(const struct cli_ctx *ctx, struct lint_tune *t,
	    const char *path, const char *text);
/*
 * Where the last search found its settings, so that checking a folder of
 * 10,000 crontabs looks up the folders above it once (cache_key()).
 * Zero it to start; release with lint_tune_cache_free().
 */
struct lint_tune_cache {
	char		*dir;		/* the folder searched from, as written */
	char		*found;		/* its .cronkeep.toml, or NULL: none */
};
/*
 * The .cronkeep.toml nearest to from (a file: its folder; NULL or "-":
 * the working folder), walking up to /, read into t.  None: 0, t as it
 * was.  c (may be NULL) remembers the search for the next file of the
 * same folder.  @return 0, or an exit code (printed).
 */
int	 lint_tune_find(const struct cli_ctx *ctx, const char *from,
	    struct lint_tune *t, struct lint_tune_cache *c);
void	 lint_tune_cache_free(struct lint_tune_cache *c);
/* Is d shown under t? */
bool	 lint_tune_shows(const struct lint_tune *t, const ck_diag *d);

#endif /* CK_LINTTUNE_H */
