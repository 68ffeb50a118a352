/* SPDX-License-Identifier: ISC */
/*
 * bench_exec.c - whole-process timing: start a program N times (after one
 * warm-up run), standard output and standard error to /dev/null, and
 * report each run's wall time and the largest peak memory of the children.
 * A warm-up run that takes more than a second counts as the first run.
 *
 * usage: bench_exec N PROGRAM [ARG...]
 *
 * Prints one JSON object: {"status":S,"maxrss_kib":K,"times_ns":[...],
 * "cpu_ns":[...]} (wall time, and the child's user + system time).
 * The program is started with posix_spawn(3) and an argument vector.
 * Not part of the test suite; see tests/bench/bench.py.
 */
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/*
 * Run argv once; *ns gets the wall time, *cpu the child's user + system
 * time; returns the wait status.
 */
static int
run(char **argv, long long *ns, long long *cpu, long *maxrss)
{
	posix_spawn_file_actions_t fa;
	struct rusage ru;
	long long t0;
	pid_t pid;
	int rc, status;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	t0 = now_ns();
	rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		fprintf(stderr, "bench_exec: %s: %s\n", argv[0], strerror(rc));
		exit(1);
	}
	while (wait4(pid, &status, 0, &ru) == -1)
		if (errno != EINTR) {
			perror("bench_exec: wait4");
			exit(1);
		}
	*ns = now_ns() - t0;
	*cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000LL +
	    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000LL;
	if (ru.ru_maxrss > *maxrss)
		*maxrss = ru.ru_maxrss;
	return status;
}

int
main(int argc, char **argv)
{
	long long *ns, *cpu, warm, wcpu;
	long n, i, maxrss = 0;
	char *end;
	int status;

	if (argc < 3)
		goto usage;
	n = strtol(argv[1], &end, 10);
	if (*end != '\0' || n < 1 || n > 100000)
		goto usage;
	if ((ns = calloc((size_t)n, sizeof(*ns))) == NULL ||
	    (cpu = calloc((size_t)n, sizeof(*cpu))) == NULL) {
		perror("bench_exec");
		return 1;
	}
	/* A warm-up run; a slow one (over a second) counts as the first. */
	status = run(argv + 2, &warm, &wcpu, &maxrss);
	i = 0;
	if (warm > 1000000000LL) {
		ns[i] = warm;
		cpu[i++] = wcpu;
	}
	for (; i < n; i++)
		run(argv + 2, &ns[i], &cpu[i], &maxrss);
	printf("{\"status\":%d,\"maxrss_kib\":%ld,\"times_ns\":[",
	    WIFEXITED(status) ? WEXITSTATUS(status) : -1, maxrss);
	for (i = 0; i < n; i++)
		printf("%s%lld", i ? "," : "", ns[i]);
	printf("],\"cpu_ns\":[");
	for (i = 0; i < n; i++)
		printf("%s%lld", i ? "," : "", cpu[i]);
	printf("]}\n");
	free(ns);
	free(cpu);
	return 0;
usage:
	fprintf(stderr, "usage: bench_exec N PROGRAM [ARG...]\n");
	return 2;
}
