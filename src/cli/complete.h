/*
 * complete.h - what completes where, from the command table: shared by
 * "cronkeep shell" (readline) and "cronkeep completion" (scripts), so both
 * offer what --help documents.
 */
#ifndef CK_COMPLETE_H
#define CK_COMPLETE_H

#include <stddef.h>

#include "cli.h"

enum cpl_kind {
	CPL_NOTHING = 0,	/* free text: a schedule, a regex, a number */
	CPL_WORDS,		/* one of a fixed list of words */
	CPL_FILE,		/* a path */
	CPL_DIR,		/* a directory */
	CPL_ID,			/* a job id of the selected crontab */
	CPL_USER,		/* a user name */
	CPL_COMMAND		/* a command name (help COMMAND) */
};

struct cpl_arg {
	enum cpl_kind	 kind;
	const char *const *words;	/* CPL_WORDS: NULL-ended, static */
};

/*
 * What the argument of the long option opt (without "--") takes in
 * command cmd (NULL: before the command).
 */
void	 cpl_option_arg(const char *cmd, const char *opt,
	    struct cpl_arg *out);
/* What the operands of cmd are. */
void	 cpl_operand(const char *cmd, struct cpl_arg *out);
/*
 * The long options of c (NULL: the options before a command), its own
 * first, then the global ones it does not redefine, then "help".  The
 * array is the caller's to free(3); its entries are borrowed.
 */
const struct option **cpl_options(const struct cli_cmd *c, size_t *n);
/* The dialect names --dialect takes, "auto" last; NULL-terminated. */
const char *const *cpl_dialects(void);

#endif /* CK_COMPLETE_H */
