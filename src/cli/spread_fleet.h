/* SPDX-License-Identifier: ISC */
/*
 * spread_fleet.h - spread's fleet plan (spread_fleet.c).
 */
#ifndef CK_SPREAD_FLEET_H
#define CK_SPREAD_FLEET_H

#include "cli.h"

struct spread_fleet_opts {
	int		 minute_lo, minute_hi;	/* --minutes (0-59) */
	int		 hour_lo, hour_hi;	/* --hours, or -1: its own hour */
	const char	*group;			/* --group, or NULL: all */
};

/*
 * For the inventories at paths (the hosts of --group only, when given):
 * every job (by id, else command) that two hosts or more start at the
 * same plain minute and hour gets, host by host (by name), its own minute evenly over the window: --minutes of its hour,
 * or of the --hours when its hour is one number.  Pinned jobs ('pinned'
 * in the marker note or comment) stay.  Prints the per-host plan (text or
 * --json); writes nothing.  @return the exit code.
 */
int	 spread_fleet(struct cli_ctx *ctx, const char *const *paths,
	    size_t npaths, const struct spread_fleet_opts *o);

#endif /* CK_SPREAD_FLEET_H */
