/*
 * cmd_completion.c - "cronkeep completion bash|zsh|fish": a completion
 * script generated from the command table, so that it offers exactly
 * the commands and options --help documents.  What an option's argument
 * is (a dialect, a path, a job id) comes from complete.c, shared with the
 * shell.  Job ids are asked of 'cronkeep list --json' when completing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "complete.h"

static void
usage(FILE *f)
{
	fprintf(f,
"usage: cronkeep completion bash|zsh|fish\n"
"\n"
"Print a completion script for the shell: commands, their options and\n"
"the values of --dialect, --format, --to, ...; job ids for --id are read\n"
"with 'cronkeep list --json' when completing.  Installed scripts live in\n"
"share/bash-completion/completions/cronkeep,\n"
"share/zsh/vendor-completions/_cronkeep and\n"
"share/fish/vendor_completions.d/cronkeep.fish.  By hand:\n"
"  source <(cronkeep completion bash)\n");
}

const struct option cmd_completion_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static void
put_words(FILE *f, const char *const *w, const char *sep)
{
	size_t i;

	for (i = 0; w[i] != NULL; i++)
		fprintf(f, "%s%s", i ? sep : "", w[i]);
}

/* ---- bash ---- */

/* The bash action for an argument of this kind. */
static void
bash_action(FILE *f, const struct cpl_arg *a)
{
	switch (a->kind) {
	case CPL_WORDS:
		fputs("COMPREPLY=($(compgen -W '", f);
		put_words(f, a->words, " ");
		fputs("' -- \"$cur\"))", f);
		break;
	case CPL_FILE:
		fputs("compopt -o filenames 2>/dev/null; "
		    "COMPREPLY=($(compgen -f -- \"$cur\"))", f);
		break;
	case CPL_DIR:
		fputs("compopt -o filenames 2>/dev/null; "
		    "COMPREPLY=($(compgen -d -- \"$cur\"))", f);
		break;
	case CPL_USER:
		fputs("COMPREPLY=($(compgen -u -- \"$cur\"))", f);
		break;
	case CPL_ID:
		/* Never compgen -W on ids: it would expand them. */
		fputs("_cronkeep_idreply \"$cur\"", f);
		break;
	case CPL_COMMAND:
		fputs("COMPREPLY=($(compgen -W \"$_cronkeep_cmds\" -- "
		    "\"$cur\"))", f);
		break;
	default:
		fputs(":", f);
		break;
	}
}

struct pat {
	char	*pattern;	/* cmd:--opt */
	char	*action;
};

static char *
action_text(const struct cpl_arg *a)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m;

	if ((m = open_memstream(&buf, &len)) == NULL) {
		cli_warnx("out of memory");
		return xstrdup(":");
	}
	bash_action(m, a);
	fclose(m);
	return buf;
}

static void
add_pat(struct pat **v, size_t *n, const char *cmd, const char *opt,
    const struct cpl_arg *a)
{
	struct pat p;

	if (asprintf(&p.pattern, "%s:%s", cmd, opt) == -1) {
		cli_warnx("out of memory");
		return;
	}
	p.action = action_text(a);
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = p;
}

/*
 * The options that take an argument, grouped by what completes it: each
 * command's own first, then the global ones for any command ("*").
 */
static void
bash_values(FILE *f)
{
	const struct cli_cmd *c;
	const struct option *g;
	struct pat *v = NULL;
	struct cpl_arg a;
	char name[64];
	size_t n = 0, nown, ng, i, j, k;
	bool *done;

	for (c = cli_cmds; c->name != NULL; c++) {
		for (i = 0; c->opts != NULL && c->opts[i].name != NULL; i++) {
			if (c->opts[i].has_arg != required_argument)
				continue;
			cpl_option_arg(c->name, c->opts[i].name, &a);
			snprintf(name, sizeof(name), "--%s", c->opts[i].name);
			add_pat(&v, &n, c->name, name, &a);
			if (c->opts[i].val < 0x100 && c->opts[i].val > ' ') {
				snprintf(name, sizeof(name), "-%c",
				    c->opts[i].val);
				add_pat(&v, &n, c->name, name, &a);
			}
		}
	}
	nown = n;
	g = cli_global_options(&ng);
	for (i = 0; i < ng; i++) {
		if (g[i].has_arg != required_argument)
			continue;
		cpl_option_arg(NULL, g[i].name, &a);
		snprintf(name, sizeof(name), "--%s", g[i].name);
		add_pat(&v, &n, "*", name, &a);
		if (g[i].val < 0x100 && g[i].val > ' ') {
			snprintf(name, sizeof(name), "-%c", g[i].val);
			add_pat(&v, &n, "*", name, &a);
		}
	}
	done = xcalloc(n + 1, sizeof(*done));
	fputs("\tcase \"$cmd:$prev\" in\n", f);
	for (i = 0; i < n; i++) {
		if (done[i])
			continue;
		fprintf(f, "\t%s", v[i].pattern);
		for (j = i + 1, k = 1; j < n && (i >= nown) == (j >= nown);
		    j++) {
			if (done[j] || strcmp(v[i].action, v[j].action) != 0)
				continue;
			fprintf(f, "%s%s", k++ % 4 == 0 ? " |\\\n\t" : "|",
			    v[j].pattern);
			done[j] = true;
		}
		fprintf(f, ")\n\t\t%s\n\t\treturn 0;;\n", v[i].action);
	}
	fputs("\tesac\n", f);
	for (i = 0; i < n; i++) {
		free(v[i].pattern);
		free(v[i].action);
	}
	free(v);
	free(done);
}

static void
bash_option_names(FILE *f, const struct cli_cmd *c)
{
	const struct option **o;
	size_t no, i;

	o = cpl_options(c, &no);
	for (i = 0; i < no; i++)
		fprintf(f, "%s--%s", i ? " " : "", o[i]->name);
	free(o);
}

static void
bash(FILE *f)
{
	const struct cli_cmd *c;
	const struct option **o;
	struct cpl_arg a;
	size_t no, i;

	fputs("# bash completion for cronkeep\t\t\t-*- shell-script -*-\n"
	    "# Generated by 'cronkeep completion bash'; do not edit.\n\n", f);
	fputs("_cronkeep_cmds='help", f);
	for (c = cli_cmds; c->name != NULL; c++)
		fprintf(f, " %s", c->name);
	fputs("'\n\n", f);
	fputs(
"# The ids of the jobs of the crontab the command line selects, one a\n"
"# line.  Ids are text from crontabs: they are data, never evaluated.\n"
"_cronkeep_ids()\n"
"{\n"
"\t\"${COMP_WORDS[0]}\" \"${where[@]}\" list --json 2>/dev/null |\n"
"\t    grep -o '\"id\":\"\\([^\"\\\\]\\|\\\\.\\)*\"' |\n"
"\t    sed 's/^\"id\":\"//; s/\"$//; s/\\\\\\(.\\)/\\1/g'\n"
"}\n\n"
"# COMPREPLY: the ids that start with $1 (as typed or shell-quoted),\n"
"# each quoted with printf %q so that bash inserts it as one literal word.\n"
"_cronkeep_idreply()\n"
"{\n"
"\tlocal id q\n"
"\twhile IFS= read -r id; do\n"
"\t\tprintf -v q '%q' \"$id\"\n"
"\t\t[[ $id == \"$1\"* || $q == \"$1\"* ]] && COMPREPLY+=(\"$q\")\n"
"\tdone < <(_cronkeep_ids)\n"
"}\n\n"
"_cronkeep()\n"
"{\n"
"\tlocal cur prev= cmd= w i\n"
"\tlocal -a where=()\n"
"\n"
"\tCOMPREPLY=()\n"
"\tcur=${COMP_WORDS[COMP_CWORD]}\n"
"\t((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD-1]}\n"
"\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
"\t\tw=${COMP_WORDS[i]}\n"
"\t\t# After '--' comes a command to run: nothing to offer.\n"
"\t\t[[ -n $cmd && $w == -- ]] && return 0\n"
"\t\tcase $cmd:$w in\n"
"\t\t:-u|:--user|*:-f|*:--file|*:--cron-d|*:--root|*:--dialect)\n"
"\t\t\twhere+=(\"$w\" \"${COMP_WORDS[i+1]}\")\n"
"\t\t\t((i++))\n"
"\t\t\tcontinue;;\n"
"\t\t*:-s|*:--system|*:--user-format|*:--system-format)\n"
"\t\t\twhere+=(\"$w\")\n"
"\t\t\tcontinue;;\n"
"\t\tesac\n"
"\t\tif [[ -z $cmd && $w != -* ]]; then\n"
"\t\t\tcase ${COMP_WORDS[i-1]} in\n", f);
	/* Before the command: skip the argument of a global option. */
	fputs("\t\t\t", f);
	o = cpl_options(NULL, &no);
	for (i = 0; i < no; i++)
		if (o[i]->has_arg == required_argument)
			fprintf(f, "--%s|", o[i]->name);
	free(o);
	fputs("-u|-f) continue;;\n"
"\t\t\tesac\n"
"\t\t\tcmd=$w\n"
"\t\tfi\n"
"\tdone\n"
"\n"
"\t# The argument of an option.\n", f);
	bash_values(f);
	fputs(
"\n"
"\tif [[ -z $cmd ]]; then\n"
"\t\tif [[ $cur == -* ]]; then\n"
"\t\t\tCOMPREPLY=($(compgen -W '", f);
	bash_option_names(f, NULL);
	fputs("' -- \"$cur\"))\n"
"\t\telse\n"
"\t\t\tCOMPREPLY=($(compgen -W \"$_cronkeep_cmds\" -- \"$cur\"))\n"
"\t\tfi\n"
"\t\treturn 0\n"
"\tfi\n"
"\tif [[ $cur == -* ]]; then\n"
"\t\tcase $cmd in\n", f);
	for (c = cli_cmds; c->name != NULL; c++) {
		fprintf(f, "\t\t%s)\n\t\t\tCOMPREPLY=($(compgen -W '", c->name);
		bash_option_names(f, c);
		fputs("' -- \"$cur\"));;\n", f);
	}
	fputs("\t\tesac\n"
"\t\treturn 0\n"
"\tfi\n"
"\t# Operands.\n"
"\tcase $cmd in\n", f);
	for (c = cli_cmds; ; c++) {
		const char *name = c->name != NULL ? c->name : "help";

		cpl_operand(name, &a);
		if (a.kind != CPL_NOTHING) {
			fprintf(f, "\t%s)\n\t\t", name);
			bash_action(f, &a);
			fputs(";;\n", f);
		}
		if (c->name == NULL)
			break;
	}
	fputs("\tesac\n"
"\treturn 0\n"
"}\n"
"complete -F _cronkeep cronkeep\n", f);
}

/* ---- zsh ---- */

static void
zsh_action(FILE *f, const struct cpl_arg *a)
{
	switch (a->kind) {
	case CPL_WORDS:
		fputs("(", f);
		put_words(f, a->words, " ");
		fputs(")", f);
		break;
	case CPL_FILE:
		fputs("_files", f);
		break;
	case CPL_DIR:
		fputs("_files -/", f);
		break;
	case CPL_USER:
		fputs("_users", f);
		break;
	case CPL_ID:
		fputs("_cronkeep_ids", f);
		break;
	case CPL_COMMAND:
		fputs("_cronkeep_commands", f);
		break;
	default:
		fputs(" ", f);
		break;
	}
}

static void
zsh_specs(FILE *f, const struct cli_cmd *c, const char *indent)
{
	const struct option **o;
	struct cpl_arg a;
	size_t no, i;

	o = cpl_options(c, &no);
	for (i = 0; i < no; i++) {
		fprintf(f, " \\\n%s'--%s[]", indent, o[i]->name);
		if (o[i]->has_arg == required_argument) {
			cpl_option_arg(c != NULL ? c->name : NULL, o[i]->name,
			    &a);
			fprintf(f, ":%s:", o[i]->name);
			zsh_action(f, &a);
		}
		fputs("'", f);
	}
	free(o);
}

static void
zsh(FILE *f)
{
	const struct cli_cmd *c;
	struct cpl_arg a;
	const char *p;

	fputs("#compdef cronkeep\n"
	    "# Generated by 'cronkeep completion zsh'; do not edit.\n\n", f);
	fputs("_cronkeep_commands() {\n"
	    "  local -a cmds\n"
	    "  cmds=(\n"
	    "    'help:a command'\\''s usage'\n", f);
	for (c = cli_cmds; c->name != NULL; c++) {
		fprintf(f, "    '%s:", c->name);
		for (p = c->summary; *p != '\0'; p++) {
			if (*p == ':')
				fputs("\\:", f);
			else if (*p == '\'')
				fputs("'\\''", f);
			else
				fputc(*p, f);
		}
		fputs("'\n", f);
	}
	fputs("  )\n"
	    "  _describe -t commands 'cronkeep command' cmds\n"
	    "}\n\n"
	    "# The ids of the jobs of the crontab the command line selects.\n"
	    "_cronkeep_ids() {\n"
	    "  local -a ids where all\n"
	    "  local i\n"
	    "  all=(${(Q)${(z)BUFFER}})\n"
	    "  for ((i = 2; i < $#all; i++)); do\n"
	    "    case $all[i] in\n"
	    "    -f|--file|-u|--cron-d|--root|--dialect)\n"
	    "      where+=($all[i] $all[i+1]);;\n"
	    "    esac\n"
	    "  done\n"
	    "  ids=(${(f)\"$(_call_program ids cronkeep ${(q)where} list "
	    "--json 2>/dev/null |\n"
	    "    grep -o '\"id\":\"[^\"]*\"' | sed 's/^\"id\":\"//; "
	    "s/\"$//')\"})\n"
	    "  # Ids are data: ':' would start a description, so escape it;\n"
	    "  # compadd quotes what it inserts.\n"
	    "  ids=(\"${(@)ids//:/\\\\:}\")\n"
	    "  _describe -t ids 'job id' ids\n"
	    "}\n\n"
	    "_cronkeep() {\n"
	    "  local curcontext=\"$curcontext\" state line ret=1\n"
	    "  typeset -A opt_args\n"
	    "  _arguments -C", f);
	zsh_specs(f, NULL, "    ");
	fputs(" \\\n    '-u[a user'\\''s crontab]:user:_users'"
	    " \\\n    '-f[a crontab file]:file:_files'"
	    " \\\n    '1: :_cronkeep_commands'"
	    " \\\n    '*:: :->args' && ret=0\n"
	    "  case $state in\n"
	    "  args)\n"
	    "    case $words[1] in\n", f);
	for (c = cli_cmds; ; c++) {
		const char *name = c->name != NULL ? c->name : "help";

		fprintf(f, "    %s)\n      _arguments", name);
		if (c->name != NULL)
			zsh_specs(f, c, "        ");
		cpl_operand(name, &a);
		if (a.kind != CPL_NOTHING) {
			fprintf(f, " \\\n        '*:%s:", name);
			zsh_action(f, &a);
			fputs("'", f);
		} else if (c->name != NULL)
			fputs(" \\\n        '*:argument: '", f);
		fputs(" && ret=0\n      ;;\n", f);
		if (c->name == NULL)
			break;
	}
	fputs("    esac\n"
	    "    ;;\n"
	    "  esac\n"
	    "  return ret\n"
	    "}\n\n"
	    "_cronkeep \"$@\"\n", f);
}

/* ---- fish ---- */

static void
fish_quoted(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s != '\0'; s++) {
		if (*s == '\'' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('\'', f);
}

static void
fish_action(FILE *f, const struct cpl_arg *a)
{
	switch (a->kind) {
	case CPL_WORDS:
		fputs(" -x -a '", f);
		put_words(f, a->words, " ");
		fputs("'", f);
		break;
	case CPL_FILE:
		fputs(" -r -F", f);
		break;
	case CPL_DIR:
		fputs(" -x -a '(__fish_complete_directories)'", f);
		break;
	case CPL_USER:
		fputs(" -x -a '(__fish_complete_users)'", f);
		break;
	case CPL_ID:
		fputs(" -x -a '(__cronkeep_ids)'", f);
		break;
	default:
		fputs(" -x", f);
		break;
	}
}

static void
fish(FILE *f)
{
	const struct cli_cmd *c;
	const struct option **o;
	struct cpl_arg a;
	size_t no, i;

	fputs("# fish completion for cronkeep\n"
	    "# Generated by 'cronkeep completion fish'; do not edit.\n\n"
	    "# The ids of the jobs of the crontab the command line selects.\n"
	    "function __cronkeep_ids\n"
	    "    set -l words (commandline -opc)\n"
	    "    set -l where\n"
	    "    for i in (seq 2 (math (count $words) - 1))\n"
	    "        switch $words[$i]\n"
	    "            case -f --file -u --cron-d --root --dialect\n"
	    "                set -a where $words[$i] $words[(math $i + 1)]\n"
	    "        end\n"
	    "    end\n"
	    "    $words[1] $where list --json 2>/dev/null |\n"
	    "        string match -ar '\"id\":\"[^\"]*\"' |\n"
	    "        string replace -r '^\"id\":\"(.*)\"$' '$1'\n"
	    "end\n\n"
	    "set -l __cronkeep_cmds help", f);
	for (c = cli_cmds; c->name != NULL; c++)
		fprintf(f, " %s", c->name);
	fputs("\n\ncomplete -c cronkeep -f\n"
	    "complete -c cronkeep -n \"not __fish_seen_subcommand_from "
	    "$__cronkeep_cmds\" -a help -d 'a command\\'s usage'\n", f);
	for (c = cli_cmds; c->name != NULL; c++) {
		fprintf(f, "complete -c cronkeep -n \"not "
		    "__fish_seen_subcommand_from $__cronkeep_cmds\" -a %s -d ",
		    c->name);
		fish_quoted(f, c->summary);
		fputc('\n', f);
	}
	/* The global options, anywhere. */
	o = cpl_options(NULL, &no);
	for (i = 0; i < no; i++) {
		fprintf(f, "complete -c cronkeep -l %s", o[i]->name);
		if (o[i]->val < 0x100 && o[i]->val > ' ' && o[i]->val != 'h' &&
		    o[i]->val != 'V')
			fprintf(f, " -s %c", o[i]->val);
		if (o[i]->has_arg == required_argument) {
			cpl_option_arg(NULL, o[i]->name, &a);
			fish_action(f, &a);
		}
		fputc('\n', f);
	}
	free(o);
	for (c = cli_cmds; c->name != NULL; c++) {
		if (c->opts == NULL)
			continue;
		for (i = 0; c->opts[i].name != NULL; i++) {
			if (strcmp(c->opts[i].name, "help") == 0)
				continue;
			fprintf(f, "complete -c cronkeep -n "
			    "'__fish_seen_subcommand_from %s' -l %s", c->name,
			    c->opts[i].name);
			if (c->opts[i].has_arg == required_argument) {
				cpl_option_arg(c->name, c->opts[i].name, &a);
				fish_action(f, &a);
			}
			fputc('\n', f);
		}
		cpl_operand(c->name, &a);
		if (a.kind == CPL_FILE)
			fprintf(f, "complete -c cronkeep -n "
			    "'__fish_seen_subcommand_from %s' -F\n", c->name);
		else if (a.kind == CPL_WORDS) {
			fprintf(f, "complete -c cronkeep -n "
			    "'__fish_seen_subcommand_from %s' -a '", c->name);
			put_words(f, a.words, " ");
			fputs("'\n", f);
		}
	}
	fputs("complete -c cronkeep -n '__fish_seen_subcommand_from help' "
	    "-a \"$__cronkeep_cmds\"\n", f);
}

int
cmd_completion(int argc, char **argv)
{
	int c;

	while ((c = cli_getopt(argc, argv, "h", cmd_completion_opts)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return cli_finish(CLI_EXIT_OK);
		default:
			usage(stderr);
			return CLI_EXIT_USAGE;
		}
	}
	if (optind + 1 != argc) {
		usage(stderr);
		return CLI_EXIT_USAGE;
	}
	if (strcmp(argv[optind], "bash") == 0)
		bash(stdout);
	else if (strcmp(argv[optind], "zsh") == 0)
		zsh(stdout);
	else if (strcmp(argv[optind], "fish") == 0)
		fish(stdout);
	else {
		cli_warnx("completion: no script for '%s' (bash, zsh or fish)",
		    argv[optind]);
		return CLI_EXIT_USAGE;
	}
	return cli_finish(CLI_EXIT_OK);
}
