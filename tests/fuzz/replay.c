/* SPDX-License-Identifier: ISC */
/*
 * replay.c - run a fuzz target over stored inputs without libFuzzer, so
 * that every build (gcc, valgrind, the sanitizers) checks the corpus and
 * the inputs that once crashed.  Arguments are files or directories (read
 * one level deep); a missing argument is an error, so a renamed corpus
 * cannot make the test pass by running nothing.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
run_file(const char *path)
{
	FILE *f;
	uint8_t *buf = NULL, *nb;
	size_t len = 0, cap = 0, n;

	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((nb = realloc(buf, cap)) == NULL) {
				fclose(f);
				free(buf);
				return -1;
			}
			buf = nb;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "replay: %s: read error\n", path);
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	/* An exact-size copy lets ASan catch reads past the end. */
	if ((nb = malloc(len ? len : 1)) == NULL) {
		free(buf);
		return -1;
	}
	memcpy(nb, buf, len);
	free(buf);
	LLVMFuzzerTestOneInput(nb, len);
	free(nb);
	return 0;
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	struct stat st;
	struct dirent *de;
	DIR *d;
	char **names = NULL, **nn, *p;
	size_t n, cap, i, total = 0;
	int a, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (a = 1; a < argc; a++) {
		if (stat(argv[a], &st) == -1) {
			fprintf(stderr, "replay: %s: %s\n", argv[a],
			    strerror(errno));
			return 1;
		}
		if (!S_ISDIR(st.st_mode)) {
			if (run_file(argv[a]) == -1)
				rc = 1;
			total++;
			continue;
		}
		if ((d = opendir(argv[a])) == NULL) {
			fprintf(stderr, "replay: %s: %s\n", argv[a],
			    strerror(errno));
			return 1;
		}
		n = cap = 0;
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				nn = realloc(names, cap * sizeof(*names));
				if (nn == NULL)
					return 1;
				names = nn;
			}
			if (asprintf(&p, "%s/%s", argv[a], de->d_name) == -1)
				return 1;
			names[n++] = p;
		}
		closedir(d);
		if (n > 0)
			qsort(names, n, sizeof(*names), cmp);
		for (i = 0; i < n; i++) {
			if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
				if (run_file(names[i]) == -1)
					rc = 1;
				total++;
			}
			free(names[i]);
		}
	}
	free(names);
	printf("replayed %zu inputs\n", total);
	if (total == 0) {
		fprintf(stderr, "replay: no input found\n");
		return 1;
	}
	return rc;
}
