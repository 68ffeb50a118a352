/*
 * cmd_check.c - "cronkeep check": lint crontab files or schedule
 * expressions and report every problem, gcc style, or as JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

struct report {
	char			*path;
	ck_tab			*tab;		/* owns the diagnostics... */
	const ck_diag_list	*diags;		/* ...or these are borrowed */
	ck_diag			 one;		/* an expression's error */
	bool			 has_one;
};

static void
usage(FILE *f)
{
	fprintf(f,
"usage: cronkeep check [--fail-on error|warning|info] [--dialect NAME] [--json]\n"
"                      [FILE...] [--expr EXPR]...\n"
"\n"
"Report every problem in each crontab FILE ('-' for standard input), in the\n"
"selected crontab (-u, -f, -s, --cron-d, --all) when no FILE is given, or in\n"
"each schedule given with --expr.  Files under /etc/cron.d and /etc/crontab\n"
"are read in system format (a user column); --system-format and\n"
"--user-format force it.\n"
"\n"
"Diagnostics go to standard error as\n"
"  path:line:column: severity: message [CODE]\n"
"--json prints {\"files\":[{\"path\",\"diagnostics\":[{\"line\",\"column\",\n"
"\"severity\",\"code\",\"message\"}]}],\"errors\":N,\"warnings\":N} instead.\n"
"\n"
"Exit: 0 clean, 1 findings at or above --fail-on (default: error),\n"
"2 usage error, 66 a file cannot be read.\n");
}

static int
severity_from(const char *s, ck_severity *out)
{
	if (strcmp(s, "error") == 0)
		*out = CK_SEV_ERROR;
	else if (strcmp(s, "warning") == 0)
		*out = CK_SEV_WARNING;
	else if (strcmp(s, "info") == 0 || strcmp(s, "note") == 0)
		*out = CK_SEV_INFO;
	else
		return -1;
	return 0;
}

static int
cmp_diag(const void *a, const void *b)
{
	const ck_diag *x = *(const ck_diag *const *)a;
	const ck_diag *y = *(const ck_diag *const *)b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return 0;
}

/* The report's diagnostics in line order. */
static const ck_diag **
sorted(const struct report *r, size_t *n)
{
	const ck_diag **v;
	size_t i, k;

	if (r->has_one) {
		v = xcalloc(1, sizeof(*v));
		v[0] = &r->one;
		*n = 1;
		return v;
	}
	k = ck_diag_count(r->diags);
	v = xcalloc(k ? k : 1, sizeof(*v));
	for (i = 0; i < k; i++)
		v[i] = ck_diag_at(r->diags, i);
	/* qsort is not stable; ties keep an order by the address. */
	qsort(v, k, sizeof(*v), cmp_diag);
	*n = k;
	return v;
}

static bool
system_path(const char *path)
{
	const char *base = strrchr(path, '/');

	if (cli.format == CLI_FMT_SYSTEM)
		return true;
	if (cli.format == CLI_FMT_USER)
		return false;
	if (strstr(path, "/etc/cron.d/") != NULL)
		return true;
	return base != NULL && strcmp(base, "/crontab") == 0 &&
	    base - path >= 4 && strncmp(base - 4, "/etc", 4) == 0;
}

static int
check_file(const char *path, struct report *r)
{
	ck_error err;
	char *buf;
	size_t len;
	unsigned int flags = CK_PARSE_LENIENT;

	r->path = xstrdup(strcmp(path, "-") == 0 ? "(stdin)" : path);
	if (cli_read_file(path, &buf, &len, &err) == -1)
		return cli_error(NULL, &err);
	if (system_path(path))
		flags |= CK_PARSE_SYSTEM;
	if ((r->tab = ck_tab_parse_owned(buf, len, cli.dialect, flags,
	    &err)) == NULL)
		return cli_error(r->path, &err);
	r->diags = ck_tab_diags(r->tab);
	return 0;
}

static void
check_expr(const char *text, struct report *r)
{
	ck_expr *e;
	ck_error err;
	const struct ck_diag_list *none = NULL;

	r->path = xstrdup(text);
	r->diags = none;
	if ((e = ck_expr_parse(text, strlen(text), cli.dialect, &err)) !=
	    NULL) {
		ck_expr_free(e);
		return;
	}
	r->has_one = true;
	r->one.severity = CK_SEV_ERROR;
	r->one.line = err.line;
	r->one.column = err.column;
	r->one.rule = err.rule;
	r->one.code = "CK008";
	r->one.name = "field-syntax";
	r->one.message = xstrdup(err.msg);
	r->one.hint = NULL;
	if (err.rule != 0) {
		static const char digits[] = "0123456789";
		char *c = xmalloc(6);

		c[0] = 'C';
		c[1] = 'K';
		c[2] = digits[(err.rule / 100) % 10];
		c[3] = digits[(err.rule / 10) % 10];
		c[4] = digits[err.rule % 10];
		c[5] = '\0';
		r->one.code = c;
	}
}

int
cmd_check(int argc, char **argv)
{
	enum { OPT_FAIL_ON = 0x100, OPT_EXPR, OPT_FORMAT };
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ "expr", required_argument, NULL, OPT_EXPR },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ NULL, 0, NULL, 0 }
	};
	struct report *reps = NULL;
	struct cli_source *src = NULL;
	const ck_diag **v;
	struct json j;
	ck_severity fail_on = CK_SEV_ERROR;
	char **exprs = NULL;
	size_t nexpr = 0, nrep = 0, nsrc = 0, i, k, nd;
	long errors = 0, warnings = 0, infos = 0;
	bool failed = false, any;
	int c, rc = 0;

	while ((c = cli_getopt(argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return cli_finish(CLI_EXIT_OK);
		case OPT_FAIL_ON:
			if (severity_from(optarg, &fail_on) == -1) {
				cli_warnx("--fail-on takes error, warning or "
				    "info, not '%s'", optarg);
				return CLI_EXIT_USAGE;
			}
			break;
		case OPT_EXPR:
			exprs = xreallocarray(exprs, nexpr + 1,
			    sizeof(*exprs));
			exprs[nexpr++] = optarg;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "json") == 0)
				cli.json = true;
			else if (strcmp(optarg, "text") != 0) {
				cli_warnx("--format takes text or json, not "
				    "'%s'", optarg);
				return CLI_EXIT_USAGE;
			}
			break;
		default:
			usage(stderr);
			return CLI_EXIT_USAGE;
		}
	}
	if (cli_resolve_dialect() == -1)
		return CLI_EXIT_USAGE;
	reps = xcalloc((size_t)(argc - optind) + nexpr + 1, sizeof(*reps));
	for (i = (size_t)optind; i < (size_t)argc; i++) {
		int r = check_file(argv[i], &reps[nrep]);

		nrep++;
		if (r != 0)
			rc = r;
	}
	for (i = 0; i < nexpr; i++)
		check_expr(exprs[i], &reps[nrep++]);
	if (optind == argc && nexpr == 0) {
		if ((rc = cli_load_sources(CLI_SRC_LENIENT, &src, &nsrc)) != 0)
			goto out;
		reps = xreallocarray(reps, nsrc + 1, sizeof(*reps));
		for (i = 0; i < nsrc; i++) {
			memset(&reps[nrep], 0, sizeof(reps[nrep]));
			reps[nrep].path = xstrdup(src[i].label);
			reps[nrep].diags = ck_tab_diags(src[i].tab);
			nrep++;
		}
	}
	if (cli.json) {
		json_init(&j, stdout);
		json_obj_begin(&j);
		json_key(&j, "files");
		json_arr_begin(&j);
	}
	for (i = 0; i < nrep; i++) {
		if (reps[i].diags == NULL && !reps[i].has_one && cli.json &&
		    reps[i].tab == NULL && reps[i].path != NULL &&
		    i < (size_t)(argc - optind))
			continue;	/* unreadable: reported on stderr */
		v = sorted(&reps[i], &nd);
		if (cli.json) {
			json_obj_begin(&j);
			json_key(&j, "path");
			json_str(&j, reps[i].path);
			json_key(&j, "diagnostics");
			json_arr_begin(&j);
		}
		for (k = 0; k < nd; k++) {
			if (v[k]->severity == CK_SEV_ERROR)
				errors++;
			else if (v[k]->severity == CK_SEV_WARNING)
				warnings++;
			else
				infos++;
			if (v[k]->severity >= fail_on)
				failed = true;
			if (!cli.json) {
				cli_print_diag(stderr, reps[i].path, v[k]);
				continue;
			}
			json_obj_begin(&j);
			json_key(&j, "line");
			json_int(&j, v[k]->line);
			json_key(&j, "column");
			json_int(&j, v[k]->column);
			json_key(&j, "severity");
			json_str(&j, cli_severity_name(v[k]->severity));
			json_key(&j, "code");
			json_str(&j, v[k]->code);
			json_key(&j, "rule");
			json_str(&j, v[k]->name);
			json_key(&j, "message");
			json_str(&j, v[k]->message);
			if (v[k]->hint != NULL) {
				json_key(&j, "hint");
				json_str(&j, v[k]->hint);
			}
			json_obj_end(&j);
		}
		free(v);
		if (cli.json) {
			json_arr_end(&j);
			json_obj_end(&j);
		}
	}
	any = errors + warnings + infos > 0;
	if (cli.json) {
		json_arr_end(&j);
		json_key(&j, "errors");
		json_int(&j, errors);
		json_key(&j, "warnings");
		json_int(&j, warnings);
		json_key(&j, "notes");
		json_int(&j, infos);
		json_obj_end(&j);
		json_end(&j);
	} else if (any)
		fprintf(stderr, "%ld error%s, %ld warning%s, %ld note%s\n",
		    errors, errors == 1 ? "" : "s", warnings,
		    warnings == 1 ? "" : "s", infos, infos == 1 ? "" : "s");
	if (rc == 0 && failed)
		rc = CLI_EXIT_FAIL;
out:
	for (i = 0; i < nrep; i++) {
		free(reps[i].path);
		ck_tab_free(reps[i].tab);
		if (reps[i].has_one) {
			free((char *)reps[i].one.message);
			if (reps[i].one.rule != 0)
				free((char *)reps[i].one.code);
		}
	}
	free(reps);
	free(exprs);
	cli_sources_free(src, nsrc);
	return cli_finish(rc);
}
