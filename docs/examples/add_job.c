/* SPDX-License-Identifier: ISC */
/*
 * add_job.c - make sure a job exists in a crontab file, idempotently:
 * create it, update it, or leave the file alone when it is already right.
 * The file is rewritten atomically, and not at all when nothing changed.
 *
 *   cc add_job.c $(pkg-config --cflags --libs cronkeep) -o add_job
 *   ./add_job my.crontab backup '30 2 * * *' '/usr/local/bin/backup'
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cronkeep.h>

int
main(int argc, char **argv)
{
	ck_store_opts so = CK_STORE_OPTS_INIT;
	ck_job_spec spec = CK_JOB_SPEC_INIT;
	ck_set_result result;
	ck_store *store;
	ck_tab *tab;
	ck_error err;
	char *text, *out;
	size_t len, outlen;
	int rc = 1;

	if (argc != 5) {
		fprintf(stderr, "usage: add_job FILE ID SCHEDULE COMMAND\n");
		return 2;
	}
	so.flags = CK_STORE_CREATE | CK_STORE_LOCK;
	if ((store = ck_store_open_file(argv[1], &so, &err)) == NULL ||
	    ck_store_read(store, &text, &len, &err) == -1) {
		fprintf(stderr, "%s: %s\n", argv[1], err.msg);
		return 1;
	}
	if ((tab = ck_tab_parse(text, len, CK_DIALECT_DEBIAN,
	    CK_PARSE_LENIENT, &err)) == NULL)
		goto fail;
	spec.id = argv[2];
	spec.id_len = strlen(argv[2]);
	spec.schedule = argv[3];
	spec.schedule_len = strlen(argv[3]);
	spec.command = argv[4];
	spec.command_len = strlen(argv[4]);
	if (ck_tab_set(tab, &spec, &result, NULL, &err) == -1)
		goto fail;
	if (result != CK_SET_UNCHANGED) {
		if (ck_tab_format(tab, &out, &outlen, &err) == -1)
			goto fail;
		if (ck_store_write(store, out, outlen, &err) == -1) {
			free(out);
			goto fail;
		}
		free(out);
	}
	printf("%s\n", ck_set_result_str(result));
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "%s: %s\n", argv[1], err.msg);
out:
	ck_tab_free(tab);
	free(text);
	ck_store_free(store);
	return rc;
}
