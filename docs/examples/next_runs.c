/* SPDX-License-Identifier: ISC */
/*
 * next_runs.c - the next fire times of a schedule in a time zone.
 *
 *   cc next_runs.c $(pkg-config --cflags --libs cronkeep) -o next_runs
 *   ./next_runs '0 9 * * mon-fri' Europe/Berlin 5
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cronkeep.h>

int
main(int argc, char **argv)
{
	time_t from, t[100];
	ck_expr *e;
	ck_tz *tz;
	ck_error err;
	struct tm tm;
	long off;
	const char *abbr;
	char buf[64];
	int i, n;

	if (argc < 4) {
		fprintf(stderr, "usage: next_runs EXPR ZONE COUNT [FROM]\n");
		return 2;
	}
	n = (int)strtol(argv[3], NULL, 10);
	if (n < 1 || n > 100)
		n = 5;
	from = argc > 4 ? (time_t)strtoll(argv[4], NULL, 10) : time(NULL);
	if ((e = ck_expr_parse(argv[1], strlen(argv[1]), CK_DIALECT_DEBIAN,
	    &err)) == NULL) {
		fprintf(stderr, "%s:%u: %s\n", argv[1], err.column, err.msg);
		return 1;
	}
	if ((tz = ck_tz_load(argv[2], NULL, &err)) == NULL) {
		fprintf(stderr, "%s: %s\n", argv[2], err.msg);
		ck_expr_free(e);
		return 1;
	}
	if (ck_expr_next_n(e, tz, from, CK_DST_VIXIE, (size_t)n, t, NULL,
	    &err) == -1) {
		fprintf(stderr, "%s: %s\n", argv[1], err.msg);
		ck_tz_free(tz);
		ck_expr_free(e);
		return 1;
	}
	for (i = 0; i < n; i++) {
		ck_tz_localtime(tz, t[i], &tm, &off, &abbr, NULL);
		strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M %a", &tm);
		printf("%s %s\n", buf, abbr);
	}
	ck_tz_free(tz);
	ck_expr_free(e);
	return 0;
}
