/* SPDX-License-Identifier: ISC */
/*
 * bench_parse.c - in-process parse + render and parse + check of a crontab
 * file with libcronkeep, and the peak memory of one parse + render.
 *
 * usage: bench_parse parse FILE REPS	time parse + render, REPS runs
 *        bench_parse check FILE REPS	time parse + full check, REPS runs
 *        bench_parse mem FILE [check]	one parse + render (or check) in this
 *					process, and its peak memory: after
 *					the parse, and after the render
 *
 * Prints one JSON object on standard output: wall-clock times (times_ns)
 * and CPU times (cpu_ns) of each run, which differ on a busy machine.  The file is read once; each
 * run gets a fresh malloc'd copy (made before the clock starts) that
 * ck_tab_parse_owned() takes over, so the timed work is exactly what a
 * program that has read a crontab does: parse, render (or check), free.
 * Not part of the test suite; see tests/bench/bench.py.
 */
#include <sys/resource.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cronkeep.h"

#ifndef CK_BENCH_BUILDTYPE
#define CK_BENCH_BUILDTYPE "unknown"
#endif

static void
die(const char *what, const ck_error *err)
{
	if (err != NULL)
		fprintf(stderr, "bench_parse: %s: %u:%u: %s\n", what,
		    err->line, err->column, err->msg);
	else
		fprintf(stderr, "bench_parse: %s: %s\n", what,
		    strerror(errno));
	exit(1);
}

/* Read path into a malloc'd buffer of exactly its size (+1 for a NUL). */
static char *
slurp(const char *path, size_t *len)
{
	struct stat st;
	size_t n = 0;
	ssize_t r;
	char *buf;
	int fd;

	if ((fd = open(path, O_RDONLY)) == -1 || fstat(fd, &st) == -1)
		die(path, NULL);
	if ((buf = malloc((size_t)st.st_size + 1)) == NULL)
		die("malloc", NULL);
	while (n < (size_t)st.st_size) {
		r = read(fd, buf + n, (size_t)st.st_size - n);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			die(path, NULL);
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static char *
copy(const char *src, size_t len)
{
	char *p;

	if ((p = malloc(len + 1)) == NULL)
		die("malloc", NULL);
	memcpy(p, src, len + 1);
	return p;
}

static long long
clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* One parse + render; returns the rendered length, checks the round trip. */
static size_t
parse_render(char *buf, size_t len, const char *orig, size_t *lines)
{
	ck_error err;
	ck_tab *tab;
	char *out;
	size_t outlen;

	if ((tab = ck_tab_parse_owned(buf, len, CK_DIALECT_DEBIAN,
	    CK_PARSE_LENIENT, &err)) == NULL)
		die("parse", &err);
	if (ck_tab_format(tab, &out, &outlen, &err) == -1)
		die("format", &err);
	if (orig != NULL && (outlen != len || memcmp(out, orig, len) != 0)) {
		fprintf(stderr, "bench_parse: round trip differs\n");
		exit(1);
	}
	*lines = ck_tab_line_count(tab);
	free(out);
	ck_tab_free(tab);
	return outlen;
}

/* One parse + full check; returns the number of diagnostics. */
static size_t
parse_check(char *buf, size_t len, size_t *lines, size_t *errors)
{
	const ck_diag_list *dl;
#ifdef HAVE_CK_LINT
	ck_diag_list *own = NULL;
#endif
	ck_error err;
	ck_tab *tab;
	size_t i, n;

	if ((tab = ck_tab_parse_owned(buf, len, CK_DIALECT_DEBIAN,
	    CK_PARSE_LENIENT, &err)) == NULL)
		die("parse", &err);
#ifdef HAVE_CK_LINT
	if (ck_lint(tab, NULL, &own, &err) == -1)
		die("lint", &err);
	dl = own;
#else
	dl = ck_tab_diags(tab);
#endif
	n = ck_diag_count(dl);
	*errors = 0;
	for (i = 0; i < n; i++)
		if (ck_diag_at(dl, i)->severity == CK_SEV_ERROR)
			(*errors)++;
	*lines = ck_tab_line_count(tab);
#ifdef HAVE_CK_LINT
	ck_diag_list_free(own);
#endif
	ck_tab_free(tab);
	return n;
}

/* Peak resident set of this process, in KiB (VmHWM, else ru_maxrss). */
static long
peak_kib(long *maxrss)
{
	struct rusage ru;
	char line[256];
	long hwm = -1;
	FILE *f;

	*maxrss = -1;
	if (getrusage(RUSAGE_SELF, &ru) == 0)
		*maxrss = ru.ru_maxrss;
	if ((f = fopen("/proc/self/status", "r")) != NULL) {
		while (fgets(line, sizeof(line), f) != NULL)
			if (strncmp(line, "VmHWM:", 6) == 0) {
				hwm = strtol(line + 6, NULL, 10);
				break;
			}
		fclose(f);
	}
	return hwm >= 0 ? hwm : *maxrss;
}

static void
print_header(const char *mode, const char *path, size_t len)
{
	printf("{\"mode\":\"%s\",\"file\":\"%s\",\"bytes\":%zu,"
	    "\"buildtype\":\"%s\",", mode, path, len, CK_BENCH_BUILDTYPE);
#ifdef HAVE_CK_LINT
	printf("\"check\":\"ck_lint\",");
#else
	printf("\"check\":\"ck_tab_diags\",");
#endif
}

/* A writer that keeps nothing: a checksum of the bytes. */
static int
sink(void *arg, const char *p, size_t n)
{
	unsigned long *sum = arg;
	size_t i;

	for (i = 0; i < n; i++)
		*sum = *sum * 31 + (unsigned char)p[i];
	return 0;
}

int
main(int argc, char **argv)
{
	long long t0, c0, *ns, *cpu;
	size_t len, lines = 0, errors = 0, ndiag = 0;
	long reps, i, hwm, maxrss, parsed, streamed;
	unsigned long sum = 0;
	char *orig, *end, *out;
	size_t outlen;
	bool check;
	ck_error err;
	ck_tab *tab;

	if (argc < 3)
		goto usage;
	if (strcmp(argv[1], "mem") == 0) {
		/*
		 * The file's buffer is the one the parser takes over.  The
		 * peak is read twice: with the document parsed, then with
		 * the document and its rendering both alive.
		 */
		check = argc > 3 && strcmp(argv[3], "check") == 0;
		orig = slurp(argv[2], &len);
		if (check) {
			ndiag = parse_check(orig, len, &lines, &errors);
			hwm = peak_kib(&maxrss);
			print_header("mem", argv[2], len);
			printf("\"what\":\"check\",\"lines\":%zu,"
			    "\"diagnostics\":%zu,\"vmhwm_kib\":%ld,"
			    "\"maxrss_kib\":%ld}\n", lines, ndiag, hwm, maxrss);
			return 0;
		}
		if ((tab = ck_tab_parse_owned(orig, len, CK_DIALECT_DEBIAN,
		    CK_PARSE_LENIENT, &err)) == NULL)
			die("parse", &err);
		lines = ck_tab_line_count(tab);
		parsed = peak_kib(&maxrss);
		/* Rendered through a writer (ck_tab_render): no copy. */
		if (ck_tab_render(tab, sink, &sum, &err) == -1)
			die("render", &err);
		streamed = peak_kib(&maxrss);
		if (ck_tab_format(tab, &out, &outlen, &err) == -1)
			die("format", &err);
		hwm = peak_kib(&maxrss);
		free(out);
		ck_tab_free(tab);
		print_header("mem", argv[2], len);
		printf("\"what\":\"parse\",\"lines\":%zu,"
		    "\"parsed_vmhwm_kib\":%ld,\"streamed_vmhwm_kib\":%ld,"
		    "\"vmhwm_kib\":%ld,\"maxrss_kib\":%ld,"
		    "\"streamed_sum\":%lu}\n", lines, parsed, streamed, hwm,
		    maxrss, sum);
		return 0;
	}
	if (argc != 4)
		goto usage;
	check = strcmp(argv[1], "check") == 0;
	if (!check && strcmp(argv[1], "parse") != 0)
		goto usage;
	reps = strtol(argv[3], &end, 10);
	if (*end != '\0' || reps < 1 || reps > 100000)
		goto usage;
	if ((ns = calloc((size_t)reps, sizeof(*ns))) == NULL ||
	    (cpu = calloc((size_t)reps, sizeof(*cpu))) == NULL)
		die("calloc", NULL);
	orig = slurp(argv[2], &len);
	/* A warm-up run, which also checks the round trip. */
	if (check)
		parse_check(copy(orig, len), len, &lines, &errors);
	else
		parse_render(copy(orig, len), len, orig, &lines);
	for (i = 0; i < reps; i++) {
		char *buf = copy(orig, len);

		t0 = clock_ns(CLOCK_MONOTONIC);
		c0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
		if (check)
			ndiag = parse_check(buf, len, &lines, &errors);
		else
			parse_render(buf, len, NULL, &lines);
		cpu[i] = clock_ns(CLOCK_PROCESS_CPUTIME_ID) - c0;
		ns[i] = clock_ns(CLOCK_MONOTONIC) - t0;
	}
	print_header(argv[1], argv[2], len);
	printf("\"lines\":%zu,", lines);
	if (check)
		printf("\"diagnostics\":%zu,\"errors\":%zu,", ndiag, errors);
	else
		printf("\"roundtrip\":true,");
	printf("\"times_ns\":[");
	for (i = 0; i < reps; i++)
		printf("%s%lld", i ? "," : "", ns[i]);
	printf("],\"cpu_ns\":[");
	for (i = 0; i < reps; i++)
		printf("%s%lld", i ? "," : "", cpu[i]);
	printf("]}\n");
	free(ns);
	free(cpu);
	free(orig);
	return 0;
usage:
	fprintf(stderr, "usage: bench_parse parse|check FILE REPS\n"
	    "       bench_parse mem FILE [check]\n");
	return 2;
}
