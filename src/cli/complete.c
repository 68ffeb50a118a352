/* SPDX-License-Identifier: ISC */
/*
 * complete.c - what completes where.  Everything comes from the command
 * entries' tables (an option's comp and words, a command's operand); this
 * file only turns "a dialect" into the dialect names.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "complete.h"

static void
set(enum cli_comp kind, const char *const *words, struct cpl_arg *out)
{
	size_t i;

	out->kind = kind;
	out->words = words;
	if (kind == CLI_COMP_DIALECT) {
		/* The names --dialect takes, "auto" last. */
		for (i = 0; i < CK_DIALECT_COUNT; i++)
			out->dialects[i] = ck_dialect_name((ck_dialect)i);
		out->dialects[i++] = "auto";
		out->dialects[i] = NULL;
		out->kind = CLI_COMP_WORDS;
		out->words = out->dialects;
	}
}

void
cpl_option_arg(const struct cli_option *o, struct cpl_arg *out)
{
	if (o->arg == NULL)
		set(CLI_COMP_NONE, NULL, out);
	else
		set(o->comp, o->words, out);
}

void
cpl_operand(const struct cli_command *c, struct cpl_arg *out)
{
	if (c == NULL)
		set(CLI_COMP_COMMAND, NULL, out);
	else
		set(c->operand, c->operand_words, out);
}
