/* SPDX-License-Identifier: ISC */
/*
 * jobzone.h - the zone a job's times are computed in, as its cron reads
 * them (the library's ck_job_zone()): the host's, or (cronie) the CRON_TZ
 * in force above the job, with the DST behaviour that goes with it.  Each
 * zone is loaded once while it stays the same from job to job.
 */
#ifndef CK_JOBZONE_H
#define CK_JOBZONE_H

#include <stddef.h>

#include "cronkeep.h"

struct job_zones {
	const ck_tz	*host;		/* borrowed: TZ, else the local zone */
	char		*name;		/* the CRON_TZ last loaded */
	ck_tz		*tz;		/* it, or NULL when it cannot be */
};

/* Start with the host's zone (borrowed; it must outlive z). */
void		 job_zones_init(struct job_zones *z, const ck_tz *host);
/*
 * The zone of job (one of tab's) and, in *mode (may be NULL), its DST
 * behaviour.  @return the zone (borrowed from z or the
 * host), or NULL when the job's CRON_TZ cannot be loaded (said on
 * standard error once per name).
 */
const ck_tz	*job_zone(const struct cli_ctx *ctx, struct job_zones *z,
		    const ck_tab *tab, const ck_job *job, ck_dst_mode *mode);
void		 job_zones_free(struct job_zones *z);

#endif
