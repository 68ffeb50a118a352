/*
 * bench_next.c - next-fire throughput: for each schedule in a file (one a
 * line, '#' comments), parse it and compute COUNT successive fire times
 * with ck_expr_next() in UTC, starting at START (seconds since the epoch).
 *
 * usage: bench_next EXPRFILE COUNT REPS START
 *
 * Prints one JSON object: the time of each run over all schedules, and per
 * schedule a checksum (the sum of its fire times) and its last fire time,
 * so bench.py can check that croniter computed the same times.
 * Not part of the test suite; see tests/bench/bench.py.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cronkeep.h"

#define MAXEXPR	64

static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int
main(int argc, char **argv)
{
	char *text[MAXEXPR], line[512], *end;
	long long sum[MAXEXPR], last[MAXEXPR], *ns, t0;
	long count, reps, r, k;
	size_t n = 0, i, len;
	time_t start, t;
	ck_expr *e;
	ck_error err;
	FILE *f;

	if (argc != 5)
		goto usage;
	count = strtol(argv[2], &end, 10);
	if (*end != '\0' || count < 1)
		goto usage;
	reps = strtol(argv[3], &end, 10);
	if (*end != '\0' || reps < 1)
		goto usage;
	start = (time_t)strtoll(argv[4], &end, 10);
	if (*end != '\0')
		goto usage;
	if ((f = fopen(argv[1], "r")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	while (n < MAXEXPR && fgets(line, sizeof(line), f) != NULL) {
		len = strcspn(line, "\n");
		line[len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if ((text[n++] = strdup(line)) == NULL) {
			perror("strdup");
			return 1;
		}
	}
	fclose(f);
	if ((ns = calloc((size_t)reps, sizeof(*ns))) == NULL) {
		perror("calloc");
		return 1;
	}
	/* Run 0 is a warm-up and is not reported. */
	for (r = -1; r < reps; r++) {
		t0 = now_ns();
		for (i = 0; i < n; i++) {
			if ((e = ck_expr_parse(text[i], strlen(text[i]),
			    CK_DIALECT_DEBIAN, &err)) == NULL) {
				fprintf(stderr, "bench_next: %s: %s\n",
				    text[i], err.msg);
				return 1;
			}
			sum[i] = 0;
			t = start;
			for (k = 0; k < count; k++) {
				if (ck_expr_next(e, NULL, t, CK_DST_VIXIE, &t,
				    NULL, &err) == -1) {
					fprintf(stderr, "bench_next: %s: %s\n",
					    text[i], err.msg);
					return 1;
				}
				sum[i] += (long long)t;
			}
			last[i] = (long long)t;
			ck_expr_free(e);
		}
		if (r >= 0)
			ns[r] = now_ns() - t0;
	}
	printf("{\"expressions\":%zu,\"count\":%ld,\"times_ns\":[", n, count);
	for (r = 0; r < reps; r++)
		printf("%s%lld", r ? "," : "", ns[r]);
	printf("],\"results\":[");
	for (i = 0; i < n; i++) {
		printf("%s{\"expr\":\"%s\",\"sum\":%lld,\"last\":%lld}",
		    i ? "," : "", text[i], sum[i], last[i]);
		free(text[i]);
	}
	printf("]}\n");
	free(ns);
	return 0;
usage:
	fprintf(stderr, "usage: bench_next EXPRFILE COUNT REPS START\n");
	return 2;
}
