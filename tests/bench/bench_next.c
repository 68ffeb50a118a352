/*
 * bench_next.c - next-fire computations per second over 20 typical
 * schedules, in UTC and in Europe/Berlin.  Built by meson, not a test:
 * run build/tests/bench_next [seconds].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cronkeep.h"

static const char *const exprs[20] = {
	"* * * * *", "*/5 * * * *", "0 * * * *", "30 2 * * *", "0 0 * * *",
	"15 14 1 * *", "0 22 * * 1-5", "23 0-23/2 * * *", "5 4 * * sun",
	"0 0,12 1 */2 *", "0 4 8-14 * *", "0 0 1 1 *", "0 9 * * mon",
	"*/15 9-17 * * mon-fri", "0 0 13 * 5", "0 0 29 2 *", "@daily",
	"@weekly", "@monthly", "0 */6 * * *",
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
run(ck_expr *const *e, const ck_tz *tz, double seconds, time_t *sink)
{
	ck_error err;
	time_t t, base = 1704067200;	/* 2024-01-01 */
	unsigned long long n = 0;
	double t0 = now(), el;
	int i, k;

	do {
		for (k = 0; k < 1000; k++) {
			/* Spread the starting instants over four years. */
			t = base + (time_t)((n * 2654435761ULL) % 126230400ULL);
			for (i = 0; i < 20; i++) {
				if (ck_expr_next(e[i], tz, t, CK_DST_VIXIE,
				    sink, NULL, &err) == -1) {
					fprintf(stderr, "%s: %s\n", exprs[i],
					    err.msg);
					exit(1);
				}
			}
			n += 20;
		}
		el = now() - t0;
	} while (el < seconds);
	return (double)n / el;
}

int
main(int argc, char **argv)
{
	ck_expr *e[20];
	ck_error err;
	ck_tz *berlin;
	double secs = argc > 1 ? strtod(argv[1], NULL) : 1.0;
	time_t sink;
	int i;

	for (i = 0; i < 20; i++) {
		e[i] = ck_expr_parse(exprs[i], strlen(exprs[i]),
		    CK_DIALECT_DEBIAN, &err);
		if (e[i] == NULL) {
			fprintf(stderr, "%s: %s\n", exprs[i], err.msg);
			return 1;
		}
	}
	printf("UTC:           %12.0f next computations/s\n",
	    run(e, NULL, secs, &sink));
	berlin = ck_tz_load("Europe/Berlin", NULL, &err);
	if (berlin != NULL) {
		printf("Europe/Berlin: %12.0f next computations/s\n",
		    run(e, berlin, secs, &sink));
		ck_tz_free(berlin);
	}
	for (i = 0; i < 20; i++)
		ck_expr_free(e[i]);
	return 0;
}
