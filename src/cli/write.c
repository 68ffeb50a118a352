/*
 * write.c - what the write commands (set, remove, enable, disable,
 * install, edit) share: loading the one crontab they change, and writing
 * the new text back only when it differs from what was read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int
cli_write_load(struct cli_source **v, size_t *n)
{
	int rc;

	rc = cli_load_sources(CLI_SRC_SINGLE | CLI_SRC_WRITE | CLI_SRC_LENIENT,
	    v, n);
	if (rc != 0)
		return rc;
	if (*n != 1) {
		cli_sources_free(*v, *n);
		*v = NULL;
		*n = 0;
		if ((rc = cli_sources_status()) != 0)
			return rc;
		cli_warnx("no crontab to change");
		return EX_NOINPUT;
	}
	return 0;
}

int
cli_write_text(struct cli_source *src, const char *text, size_t len,
    bool *changed)
{
	const char *old;
	size_t oldlen;

	old = cli_source_text(src, &oldlen);
	*changed = oldlen != len || memcmp(old, text, len) != 0;
	if (!*changed)
		return 0;
	/* A JSON document carries its diff itself (cli_json_diff()). */
	if (cli.dry_run && cli.json)
		return 0;
	return cli_source_write(src, text, len);
}

int
cli_write_tab(struct cli_source *src, bool *changed)
{
	ck_error err;
	char *text;
	size_t len;
	int rc;

	memset(&err, 0, sizeof(err));
	if (ck_tab_format(src->tab, &text, &len, &err) == -1)
		return cli_error(src->label, &err);
	rc = cli_write_text(src, text, len, changed);
	free(text);
	return rc;
}

void
cli_json_diff(struct json *j, const struct cli_source *src)
{
	ck_error err;
	const char *old;
	char *text, *diff;
	size_t oldlen, len, dlen;

	if (!cli.dry_run)
		return;
	json_key(j, "diff");
	memset(&err, 0, sizeof(err));
	if (ck_tab_format(src->tab, &text, &len, &err) == -1) {
		json_null(j);
		return;
	}
	old = cli_source_text(src, &oldlen);
	if (ck_udiff(old, oldlen, text, len, src->label, src->label, &diff,
	    &dlen, &err) == -1) {
		json_null(j);
	} else {
		json_strn(j, diff, dlen);
		free(diff);
	}
	free(text);
}
