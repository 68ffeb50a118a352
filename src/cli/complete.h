/*
 * complete.h - what completes where, from the command entries' option
 * tables: shared by "cronkeep shell" (readline) and "cronkeep completion"
 * (scripts), so both offer what --help documents.
 */
#ifndef CK_COMPLETE_H
#define CK_COMPLETE_H

#include <stddef.h>

#include "cli.h"

struct cpl_arg {
	enum cli_comp	 kind;		/* never CLI_COMP_DIALECT: WORDS */
	const char *const *words;	/* CLI_COMP_WORDS: NULL-ended, static */
};

/* What the argument of option o takes (nothing when it takes none). */
void	 cpl_option_arg(const struct cli_option *o, struct cpl_arg *out);
/* What the operands of c are (NULL: of "help", a command name). */
void	 cpl_operand(const struct cli_command *c, struct cpl_arg *out);
/* The dialect names --dialect takes, "auto" last; NULL-terminated. */
const char *const *cpl_dialects(void);

#endif /* CK_COMPLETE_H */
