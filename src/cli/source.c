/*
 * source.c - load the crontabs the global options select.
 * (First version: files given with -f; users and the system set come with
 * the store module.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* System format for /etc/crontab and files in /etc/cron.d, unless forced. */
static bool
is_system_path(const char *path)
{
	const char *base;

	if (cli.format == CLI_FMT_SYSTEM)
		return true;
	if (cli.format == CLI_FMT_USER)
		return false;
	base = strrchr(path, '/');
	if (base != NULL && strcmp(base, "/crontab") == 0 &&
	    base - path >= 4 && strncmp(base - 4, "/etc", 4) == 0)
		return true;
	return strstr(path, "/etc/cron.d/") != NULL;
}

int
cli_load_sources(unsigned int flags, struct cli_source **out, size_t *n)
{
	struct cli_source *s;
	ck_error err;
	char *buf;
	size_t len;
	unsigned int pf;

	*out = NULL;
	*n = 0;
	if (cli_resolve_dialect() == -1)
		return CLI_EXIT_USAGE;
	if (cli.file == NULL) {
		cli_warnx("no crontab selected: use -f FILE (user crontabs "
		    "and the system set are not available in this build)");
		return CLI_EXIT_USAGE;
	}
	if (cli_read_file(cli.file, &buf, &len, &err) == -1)
		return cli_error(NULL, &err);
	s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(cli.file);
	s->label = xstrdup(strcmp(cli.file, "-") == 0 ? "(stdin)" : cli.file);
	s->system = is_system_path(cli.file);
	pf = (s->system ? CK_PARSE_SYSTEM : 0) |
	    ((flags & CLI_SRC_LENIENT) ? CK_PARSE_LENIENT : 0);
	if ((s->tab = ck_tab_parse_owned(buf, len, cli.dialect, pf, &err)) ==
	    NULL) {
		int rc = cli_error(s->label, &err);

		cli_sources_free(s, 1);
		return rc;
	}
	*out = s;
	*n = 1;
	return 0;
}

void
cli_sources_free(struct cli_source *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].label);
		free(v[i].path);
		free(v[i].user);
		ck_tab_free(v[i].tab);
	}
	free(v);
}
