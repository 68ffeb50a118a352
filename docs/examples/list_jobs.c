/* SPDX-License-Identifier: ISC */
/*
 * list_jobs.c - print every job of a crontab file: line, schedule, id,
 * command, and what the schedule means.
 *
 *   cc list_jobs.c $(pkg-config --cflags --libs cronkeep) -o list_jobs
 *   ./list_jobs /etc/crontab system
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cronkeep.h>

int
main(int argc, char **argv)
{
	ck_store *store;
	ck_tab *tab;
	ck_error err;
	char *text, *desc;
	size_t len, i, n;
	const char *s;
	unsigned int flags = CK_PARSE_LENIENT;

	if (argc < 2) {
		fprintf(stderr, "usage: list_jobs FILE [system]\n");
		return 2;
	}
	if (argc > 2 && strcmp(argv[2], "system") == 0)
		flags |= CK_PARSE_SYSTEM;
	if ((store = ck_store_open_file(argv[1], NULL, &err)) == NULL ||
	    ck_store_read(store, &text, &len, &err) == -1) {
		fprintf(stderr, "%s: %s\n", argv[1], err.msg);
		return 1;
	}
	if ((tab = ck_tab_parse(text, len, CK_DIALECT_DEBIAN, flags, &err)) ==
	    NULL) {
		fprintf(stderr, "%s:%u:%u: %s\n", argv[1], err.line,
		    err.column, err.msg);
		return 1;
	}
	for (i = 0; i < ck_tab_job_count(tab); i++) {
		const ck_job *job = ck_tab_job(tab, i);

		printf("%zu\t", ck_job_line(job) + 1);
		s = ck_expr_text(ck_job_expr(job), &n);
		printf("%.*s\t", (int)n, s);
		s = ck_job_id(job, &n);
		printf("%.*s\t", s ? (int)n : 1, s ? s : "-");
		s = ck_job_command(job, &n);
		printf("%.*s%s\t", (int)n, s, ck_job_enabled(job) ? "" :
		    " (disabled)");
		desc = ck_expr_describe(ck_job_expr(job), 0, &err);
		printf("%s\n", desc ? desc : err.msg);
		free(desc);
	}
	ck_tab_free(tab);
	free(text);
	ck_store_free(store);
	return 0;
}
