/* SPDX-License-Identifier: ISC */
/*
 * xalloc.c - allocation that cannot fail: out of memory ends the program
 * (exit 71, EX_OSERR).  The bottom of the CLI: it calls no other module.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void
oom(void)
{
	/* Straight to stderr: the message helpers allocate nothing but
	   sit above this module. */
	fflush(stdout);
	fprintf(stderr, "%s: out of memory\n", getprogname());
	exit(EX_OSERR);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t m)
{
	void *q = reallocarray(p, n ? n : 1, m ? m : 1);

	if (q == NULL)
		oom();
	return q;
}

char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		oom();
	return p;
}
