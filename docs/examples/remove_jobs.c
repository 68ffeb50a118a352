/* SPDX-License-Identifier: ISC */
/*
 * remove_jobs.c - python-crontab's remove_all(command=...) and
 * cron.env[...] = ... on a crontab file: remove every job whose command
 * matches a regular expression, make MAILTO hold an address for every
 * job, and write the file back (atomically, and only if nobody changed it
 * since it was read).  Prints how many jobs were removed.
 *
 *   cc remove_jobs.c $(pkg-config --cflags --libs cronkeep) -o remove_jobs
 *   ./remove_jobs my.crontab '^/opt/old/' ops@example.org
 */
#include <stdio.h>
#include <string.h>

#include <cronkeep.h>

int
main(int argc, char **argv)
{
	ck_store_opts so = CK_STORE_OPTS_INIT;
	ck_match m = CK_MATCH_INIT;
	ck_store *store;
	ck_tab *tab = NULL;
	ck_error err;
	size_t removed;
	bool changed;
	int rc = 1;

	if (argc != 4) {
		fprintf(stderr, "usage: remove_jobs FILE COMMAND_ERE MAILTO\n");
		return 2;
	}
	so.flags = CK_STORE_LOCK;
	if ((store = ck_store_open_file(argv[1], &so, &err)) == NULL) {
		fprintf(stderr, "%s: %s\n", argv[1], err.msg);
		return 1;
	}
	if ((tab = ck_store_read_tab(store, CK_DIALECT_DEBIAN,
	    CK_PARSE_LENIENT, &err)) == NULL)
		goto fail;
	m.command_re = argv[2];
	if (ck_tab_remove_match(tab, &m, &removed, &err) == -1)
		goto fail;
	if (ck_tab_setenv(tab, "MAILTO", 6, argv[3], strlen(argv[3]),
	    &changed, &err) == -1)
		goto fail;
	if ((removed > 0 || changed) &&
	    ck_store_write_tab(store, tab, &err) == -1)
		goto fail;
	printf("%zu\n", removed);
	rc = 0;
	goto out;
fail:
	if (err.line > 0)
		fprintf(stderr, "%s:%u:%u: %s\n", argv[1], err.line,
		    err.column, err.msg);
	else
		fprintf(stderr, "%s: %s\n", argv[1], err.msg);
out:
	ck_tab_free(tab);
	ck_store_free(store);
	return rc;
}
