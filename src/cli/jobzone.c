/* SPDX-License-Identifier: ISC */
/*
 * jobzone.c - the zone a job runs in (jobzone.h): list's NEXT column,
 * the inventory's next runs.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fires.h"
#include "jobzone.h"

void
job_zones_init(struct job_zones *z, const ck_tz *host)
{
	memset(z, 0, sizeof(*z));
	z->host = host;
}

/* The CRON_TZ value in force at line of tab (NULL: none). */
static const char *
cron_tz(struct job_zones *z, const ck_tab *tab, size_t line, size_t *len)
{
	const char *n, *v;
	size_t i, nl, vl;

	if (z->tab != tab || line < z->upto) {
		z->tab = tab;
		z->upto = 0;
		z->val = NULL;
	}
	for (i = z->upto; i < line; i++)
		if (ck_tab_line_kind(tab, i) == CK_LINE_ENV &&
		    ck_tab_line_env(tab, i, &n, &nl, &v, &vl) == 0 &&
		    nl == 7 && memcmp(n, "CRON_TZ", 7) == 0) {
			z->val = v;
			z->vlen = vl;
		}
	z->upto = line;
	*len = z->vlen;
	return z->val;
}

const ck_tz *
job_zone(const struct cli_ctx *ctx, struct job_zones *z, const ck_tab *tab,
    size_t line, ck_dst_mode *mode)
{
	const char *v;
	size_t vl = 0;

	if (mode != NULL)
		*mode = ck_dialect_dst_mode(ck_tab_dialect(tab));
	/* cronie reads CRON_TZ for the jobs below it. */
	if (ck_tab_dialect(tab) != CK_DIALECT_CRONIE ||
	    (v = cron_tz(z, tab, line, &vl)) == NULL)
		return z->host;
	if (mode != NULL)
		*mode = CK_DST_CALENDAR;
	if (z->name != NULL && strlen(z->name) == vl &&
	    memcmp(z->name, v, vl) == 0)
		return z->tz;
	free(z->name);
	ck_tz_free(z->tz);
	z->name = xmalloc(vl + 1);
	memcpy(z->name, v, vl);
	z->name[vl] = '\0';
	z->tz = cli_zone(ctx, z->name, "CRON_TZ");
	return z->tz;
}

void
job_zones_free(struct job_zones *z)
{
	free(z->name);
	ck_tz_free(z->tz);
	memset(z, 0, sizeof(*z));
}
