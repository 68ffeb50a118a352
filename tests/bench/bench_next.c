/* SPDX-License-Identifier: ISC */
/*
 * bench_next.c - next-fire throughput over the schedules of a file (one a
 * line, '#' comments) with ck_expr_next().
 *
 * usage: bench_next [-z ZONE] [-s] EXPRFILE COUNT REPS START
 *
 * Default ("successive"): parse each schedule and compute COUNT successive
 * fire times after START (seconds since the epoch), each search starting
 * at the previous fire time, as croniter's get_next() does.  -s
 * ("scattered"): COUNT searches per schedule, each from a different
 * instant spread over four years after START, as a listing of many jobs
 * does.  -z ZONE computes in that zone (ck_tz_load), else UTC.
 *
 * Prints one JSON object: the wall and CPU time of each run over all
 * schedules (times_ns, cpu_ns), and per
 * schedule a checksum (the sum of its fire times) and its last fire time,
 * so bench.py can check that croniter computed the same times.
 * Not part of the test suite; see tests/bench/bench.py.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cronkeep.h"

#define MAXEXPR	64

static long long
clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The k-th scattered starting instant: spread over four years. */
static time_t
scatter(time_t start, long k)
{
	return start + (time_t)(((unsigned long long)k * 2654435761ULL) %
	    126230400ULL);
}

int
main(int argc, char **argv)
{
	char *text[MAXEXPR], line[512], *end;
	long long sum[MAXEXPR], last[MAXEXPR], *ns, *cpu, t0, c0;
	long count, reps, r, k;
	size_t n = 0, i, len;
	const char *zone = NULL;
	time_t start, t, from;
	ck_tz *tz = NULL;
	bool scattered = false;
	ck_expr *e;
	ck_error err;
	FILE *f;
	int ch;

	while ((ch = getopt(argc, argv, "sz:")) != -1) {
		switch (ch) {
		case 's':
			scattered = true;
			break;
		case 'z':
			zone = optarg;
			break;
		default:
			goto usage;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 4)
		goto usage;
	count = strtol(argv[1], &end, 10);
	if (*end != '\0' || count < 1)
		goto usage;
	reps = strtol(argv[2], &end, 10);
	if (*end != '\0' || reps < 1)
		goto usage;
	start = (time_t)strtoll(argv[3], &end, 10);
	if (*end != '\0')
		goto usage;
	if (zone != NULL && (tz = ck_tz_load(zone, NULL, &err)) == NULL) {
		fprintf(stderr, "bench_next: %s: %s\n", zone, err.msg);
		return 1;
	}
	if ((f = fopen(argv[0], "r")) == NULL) {
		perror(argv[0]);
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
	if ((ns = calloc((size_t)reps, sizeof(*ns))) == NULL ||
	    (cpu = calloc((size_t)reps, sizeof(*cpu))) == NULL) {
		perror("calloc");
		return 1;
	}
	/* Run -1 is a warm-up and is not reported. */
	for (r = -1; r < reps; r++) {
		t0 = clock_ns(CLOCK_MONOTONIC);
		c0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
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
				from = scattered ? scatter(start, k) : t;
				if (ck_expr_next(e, tz, from, CK_DST_VIXIE, &t,
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
		if (r >= 0) {
			cpu[r] = clock_ns(CLOCK_PROCESS_CPUTIME_ID) - c0;
			ns[r] = clock_ns(CLOCK_MONOTONIC) - t0;
		}
	}
	printf("{\"expressions\":%zu,\"count\":%ld,\"zone\":\"%s\","
	    "\"scattered\":%s,\"times_ns\":[", n, count,
	    zone != NULL ? zone : "UTC", scattered ? "true" : "false");
	for (r = 0; r < reps; r++)
		printf("%s%lld", r ? "," : "", ns[r]);
	printf("],\"cpu_ns\":[");
	for (r = 0; r < reps; r++)
		printf("%s%lld", r ? "," : "", cpu[r]);
	printf("],\"results\":[");
	for (i = 0; i < n; i++) {
		printf("%s{\"expr\":\"%s\",\"sum\":%lld,\"last\":%lld}",
		    i ? "," : "", text[i], sum[i], last[i]);
		free(text[i]);
	}
	printf("]}\n");
	ck_tz_free(tz);
	free(ns);
	free(cpu);
	return 0;
usage:
	fprintf(stderr, "usage: bench_next [-z ZONE] [-s] EXPRFILE COUNT "
	    "REPS START\n");
	return 2;
}
