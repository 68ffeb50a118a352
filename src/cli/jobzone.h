/* SPDX-License-Identifier: ISC */
/*
 * jobzone.h - the zone a job's times are computed in, as its cron reads
 * them: the host's, or (cronie) the CRON_TZ in force above the job, with
 * the DST behaviour that goes with it.  For tables that visit jobs in
 * line order: each crontab is scanned once, each zone loaded once while
 * it stays the same.
 */
#ifndef CK_JOBZONE_H
#define CK_JOBZONE_H

#include <stddef.h>

#include "cronkeep.h"

struct job_zones {
	const ck_tz	*host;		/* borrowed: TZ, else the local zone */
	const ck_tab	*tab;		/* the crontab scanned for CRON_TZ ... */
	size_t		 upto;		/* ... its lines [0, upto) */
	const char	*val;		/* the last CRON_TZ value there, or NULL */
	size_t		 vlen;
	char		*name;		/* the CRON_TZ last loaded */
	ck_tz		*tz;		/* it, or NULL when it cannot be */
};

/* Start with the host's zone (borrowed; it must outlive z). */
void		 job_zones_init(struct job_zones *z, const ck_tz *host);
/*
 * The zone of the job on line (0-based) of tab and, in *mode (may be
 * NULL), its DST behaviour.  @return the zone (borrowed from z or the
 * host), or NULL when the job's CRON_TZ cannot be loaded (said on
 * standard error once per name).
 */
const ck_tz	*job_zone(const struct cli_ctx *ctx, struct job_zones *z,
		    const ck_tab *tab, size_t line, ck_dst_mode *mode);
void		 job_zones_free(struct job_zones *z);

#endif
