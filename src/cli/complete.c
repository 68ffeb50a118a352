/*
 * complete.c - what completes where.  The option names come from the
 * command table (each command's opts and the global ones); this file adds
 * only what a struct option cannot say: which words an option's argument
 * is one of, and which arguments are paths, job ids or users.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "complete.h"

static const char *const colors[] = { "auto", "always", "never", NULL };
static const char *const levels[] = { "error", "warning", "info", NULL };
static const char *const check_formats[] = { "text", "json", "sarif",
	"github", NULL };
static const char *const diff_formats[] = { "semantic", "unified", NULL };
static const char *const doc_formats[] = { "md", "html", NULL };
static const char *const export_to[] = { "systemd", "kubernetes", NULL };
static const char *const dst_modes[] = { "vixie", "calendar", NULL };
static const char *const windows[] = { "1m", "1h", NULL };
static const char *const shells[] = { "bash", "zsh", "fish", NULL };
static const char *dialects[CK_DIALECT_COUNT + 2];

/* The argument of --opt of cmd (NULL: of any command). */
static const struct {
	const char		*cmd;
	const char		*opt;
	enum cpl_kind		 kind;
	const char *const	*words;
} args[] = {
	/* CPL_WORDS without words: the dialects. */
	{ NULL,		"dialect",	CPL_WORDS,	NULL },
	{ "check",	"also-dialect",	CPL_WORDS,	NULL },
	{ NULL,		"color",	CPL_WORDS,	colors },
	{ NULL,		"colour",	CPL_WORDS,	colors },
	{ "check",	"fail-on",	CPL_WORDS,	levels },
	{ "check",	"format",	CPL_WORDS,	check_formats },
	{ "diff",	"format",	CPL_WORDS,	diff_formats },
	{ "doc",	"format",	CPL_WORDS,	doc_formats },
	{ "export",	"to",		CPL_WORDS,	export_to },
	{ "export",	"output",	CPL_DIR,	NULL },
	{ "export",	"run-as",	CPL_USER,	NULL },
	{ "next",	"dst",		CPL_WORDS,	dst_modes },
	{ "stats",	"window",	CPL_WORDS,	windows },
	{ NULL,		"id",		CPL_ID,		NULL },
	{ NULL,		"user",		CPL_USER,	NULL },
	{ NULL,		"file",		CPL_FILE,	NULL },
	{ NULL,		"backup",	CPL_FILE,	NULL },
	{ NULL,		"root",		CPL_DIR,	NULL },
	{ NULL,		"output",	CPL_FILE,	NULL },
	{ NULL,		"history-db",	CPL_FILE,	NULL },
	{ NULL,		"log-file",	CPL_FILE,	NULL },
	{ NULL,		"journal-file",	CPL_FILE,	NULL },
	{ NULL,		"svg",		CPL_FILE,	NULL },
	{ NULL,		"html",		CPL_FILE,	NULL },
};

/* The operands of cmd. */
static const struct {
	const char		*cmd;
	enum cpl_kind		 kind;
	const char *const	*words;
} operands[] = {
	{ "check",	CPL_FILE,	NULL },
	{ "diff",	CPL_FILE,	NULL },
	{ "install",	CPL_FILE,	NULL },
	{ "completion",	CPL_WORDS,	shells },
	{ "help",	CPL_COMMAND,	NULL },
};

const char *const *
cpl_dialects(void)
{
	size_t i;

	if (dialects[0] == NULL) {
		for (i = 0; i < CK_DIALECT_COUNT; i++)
			dialects[i] = ck_dialect_name((ck_dialect)i);
		dialects[i] = "auto";
	}
	return dialects;
}

void
cpl_option_arg(const char *cmd, const char *opt, struct cpl_arg *out)
{
	size_t i;

	out->kind = CPL_NOTHING;
	out->words = NULL;
	/* A command's own row first, then the general one. */
	for (i = 0; i < sizeof(args) / sizeof(args[0]); i++) {
		if (strcmp(args[i].opt, opt) != 0)
			continue;
		if (args[i].cmd != NULL && (cmd == NULL ||
		    strcmp(args[i].cmd, cmd) != 0))
			continue;
		out->kind = args[i].kind;
		out->words = args[i].words;
		if (out->kind == CPL_WORDS && out->words == NULL)
			out->words = cpl_dialects();
		return;
	}
}

void
cpl_operand(const char *cmd, struct cpl_arg *out)
{
	size_t i;

	out->kind = CPL_NOTHING;
	out->words = NULL;
	for (i = 0; cmd != NULL &&
	    i < sizeof(operands) / sizeof(operands[0]); i++) {
		if (strcmp(operands[i].cmd, cmd) == 0) {
			out->kind = operands[i].kind;
			out->words = operands[i].words;
			return;
		}
	}
}

static bool
listed(const struct option **v, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i]->name, name) == 0)
			return true;
	return false;
}

const struct option **
cpl_options(const struct cli_cmd *c, size_t *n)
{
	static const struct option help = { "help", no_argument, NULL, 'h' };
	static const struct option version = { "version", no_argument, NULL,
		'V' };
	const struct option **v, *g;
	size_t ng, nown = 0, i, k = 0;

	g = cli_global_options(&ng);
	while (c != NULL && c->opts != NULL && c->opts[nown].name != NULL)
		nown++;
	v = xcalloc(nown + ng + 2, sizeof(*v));
	for (i = 0; i < nown; i++)
		if (!listed(v, k, c->opts[i].name))
			v[k++] = &c->opts[i];
	for (i = 0; i < ng; i++) {
		/* "colour" is an alias; offer one spelling. */
		if (strcmp(g[i].name, "colour") == 0)
			continue;
		if (!listed(v, k, g[i].name))
			v[k++] = &g[i];
	}
	if (!listed(v, k, "help"))
		v[k++] = &help;
	if (c == NULL)
		v[k++] = &version;
	*n = k;
	return v;
}
