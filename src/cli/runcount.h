/* SPDX-License-Identifier: ISC */
/*
 * runcount.h - how many jobs start in each minute of a window, counted
 * from the schedules' bit sets (never a list of every run): memory is
 * bounded by the window and the number of jobs, time by minutes x jobs/64.
 * Around a daylight-saving change (and in zones whose offsets are not
 * whole minutes) the runs come from ck_expr_next() instead, so the
 * daemon's DST behaviour stays exact.  Shared by stats and timeline.
 */
#ifndef CK_RUNCOUNT_H
#define CK_RUNCOUNT_H

#include <stdint.h>

#include "fires.h"

struct runcount;

/*
 * Count the runs of jobs (fires_jobs()) in the minutes of [from, to),
 * from a whole minute, in tz; sets each job's n to its number of runs.
 * @return the counts, or NULL (an error was printed).
 * Owned by the caller; release with runcount_free().
 */
struct runcount	*runcount_new(const struct cli_ctx *ctx, struct fire_job *jobs,
	    size_t njobs, const ck_tz *tz, time_t from, time_t to);
void		 runcount_free(struct runcount *rc);
/* Minutes in the window; minute i starts at from + 60 i. */
size_t		 runcount_minutes(const struct runcount *rc);
/* Runs starting in minute i. */
uint32_t	 runcount_at(const struct runcount *rc, size_t i);
/* The zone's UTC offset (seconds east) at the start of minute i. */
long		 runcount_offset(const struct runcount *rc, size_t i);
/*
 * The jobs starting in minute i, in job order, into out (room for njobs).
 * The day's job set is kept for the next call.  @return how many.
 */
size_t		 runcount_jobs(struct runcount *rc, size_t i, size_t *out);

#endif /* CK_RUNCOUNT_H */
