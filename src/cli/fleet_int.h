/* SPDX-License-Identifier: ISC */
/*
 * fleet_int.h - what fleet.c computes and fleet_report.c prints (the
 * fleet view's insides; commands use fleet.h).
 */
#ifndef CK_FLEET_INT_H
#define CK_FLEET_INT_H

#include <stdint.h>

#include "fleet.h"

/* Each enabled job's starts in [from, from + nmin minutes). */
struct fl_starts {
	time_t		 from;
	size_t		 nmin;
	uint32_t	*min;		/* minute offsets, job after job */
	size_t		*off;		/* job i: min[off[i] .. off[i + 1]) */
	size_t		 n;
	size_t		 unparsed;	/* schedules that could not be read */
};

/* One job key (an id, else a command) across the fleet. */
struct fl_key {
	const char	*key;
	bool		 is_id;
	size_t		 njobs, nhosts;
	size_t		 total;		/* starts in the window */
	unsigned int	 peak;		/* most starts in one minute */
	size_t		 peak_min;	/* the first such minute */
	unsigned int	*gpeak;		/* per group: its starts then */
};

/* The herd: starts per minute across the fleet. */
struct fl_herd {
	size_t		 nmin;
	unsigned int	*starts;	/* per minute: jobs starting */
	unsigned int	*hosts;		/* per minute: hosts starting some */
	unsigned int	 peak;
	size_t		 peak_min;
	const char	**groups;	/* group names ("": none) */
	size_t		 ngroups;
	size_t		*ghosts;	/* hosts per group */
	unsigned int	*gstarts;	/* [group * nmin + minute] */
	unsigned int	*gpeak;
	size_t		*gpeak_min;
	struct fl_key	*keys;		/* busiest first */
	size_t		 nkeys;
};

/* An id of a host group that is not the same on all its hosts. */
struct fl_drift {
	const char	*group;
	const char	*id;
	size_t		 group_hosts;	/* hosts in the group */
	size_t		 hosts;		/* hosts having the id */
	struct {
		const struct fl_job *job;	/* one job of this variant */
		size_t		*hosts;
		size_t		 nhosts;
	}		*variants;	/* distinct schedule/command/state */
	size_t		 nvariants;
	size_t		*missing;	/* hosts of the group without it */
	size_t		 nmissing;
};

/* One command enabled twice or more on a host. */
struct fl_dup {
	size_t		 host;
	size_t		*jobs;		/* indexes into fleet.jobs */
	size_t		 n;
};

int	 fleet_starts(const struct cli_ctx *ctx, const struct fleet *f,
	    time_t from, time_t to, struct fl_starts *s);
void	 fleet_starts_free(struct fl_starts *s);
void	 fleet_herd(const struct fleet *f, const struct fl_starts *s,
	    struct fl_herd *hd);
void	 fleet_herd_free(struct fl_herd *hd);
void	 fleet_drift(const struct fleet *f, struct fl_drift **out,
	    size_t *n);
void	 fleet_drift_free(struct fl_drift *d, size_t n);
void	 fleet_dups(const struct fleet *f, struct fl_dup **out, size_t *n);
void	 fleet_dups_free(struct fl_dup *d, size_t n);
/* The groups of the hosts (first seen first) and each host's group. */
size_t	 fleet_groups(const struct fleet *f, const char ***names,
	    size_t **of_host);
/* A job's key: its id, else its command. */
const char *fleet_key(const struct fl_job *j);
/* "YYYY-MM-DDTHH:MM:SS+HH:MM" as an instant.  @return 0 or -1. */
int	 fleet_parse_rfc3339(const char *s, time_t *out);

#endif /* CK_FLEET_INT_H */
