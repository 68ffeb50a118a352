/* SPDX-License-Identifier: ISC */
/*
 * near.c - "did you mean": how far apart two words are, and whether one
 * is a typo of the other.  Calls no other module.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "cli.h"

/*
 * The optimal string alignment distance of a and b (insertions,
 * deletions, substitutions and swaps of neighbours: "jsno" is 1 from
 * "json"); SIZE_MAX when either is longer than 63 bytes.
 */
size_t
cli_distance(const char *a, const char *b)
{
	size_t d[64][64], la = strlen(a), lb = strlen(b), i, j, c;

	if (la >= 64 || lb >= 64)
		return SIZE_MAX;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			c = a[i - 1] == b[j - 1] ? 0 : 1;
			d[i][j] = d[i - 1][j - 1] + c;
			if (d[i - 1][j] + 1 < d[i][j])
				d[i][j] = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < d[i][j])
				d[i][j] = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 <
			    d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	}
	return d[la][lb];
}

/* Is word close enough to cand to be a typo of it? */
bool
cli_near(const char *word, const char *cand)
{
	size_t d = cli_distance(word, cand), n = strlen(word);

	return d <= 2 && d < n && d * 3 <= n + 1;
}
