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

const ck_tz *
job_zone(const struct cli_ctx *ctx, struct job_zones *z, const ck_tab *tab,
    const ck_job *job, ck_dst_mode *mode)
{
	const char *v;
	size_t vl = 0;
	ck_dst_mode m;
	ck_error err;

	if (ck_job_zone(tab, job, &v, &vl, &m, &err) == -1) {
		cli_error(ctx, "the job's zone", &err);
		return NULL;
	}
	if (mode != NULL)
		*mode = m;
	if (v == NULL)
		return z->host;
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
