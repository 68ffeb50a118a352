/* SPDX-License-Identifier: ISC */
/*
 * complete.h - what completes where, from the command entries' option
 * tables: shared by "cronkeep shell" (readline) and "cronkeep completion"
 * (scripts), so both offer what --help documents.  A struct cpl_arg holds
 * the words it offers for a dialect: keep it while they are used.
 */
#ifndef CK_COMPLETE_H
#define CK_COMPLETE_H

#include <stddef.h>

#include "cli.h"

struct cpl_arg {
	enum cli_comp	 kind;		/* never CLI_COMP_DIALECT: WORDS */
	const char *const *words;	/* CLI_COMP_WORDS: NULL-ended, static
					   or dialects below */
	const char	*dialects[CK_DIALECT_COUNT + 2]; /* the dialect names,
					   "auto": words for a dialect */
};

/* What the argument of option o takes (nothing when it takes none). */
void	 cpl_option_arg(const struct cli_option *o, struct cpl_arg *out);
/* What the operands of c are (NULL: of "help", a command name). */
void	 cpl_operand(const struct cli_command *c, struct cpl_arg *out);

#endif /* CK_COMPLETE_H */
