/* SPDX-License-Identifier: ISC */
/*
 * fleet.h - the fleet view: many hosts' inventories (cronkeep inventory
 * --json, or cronkeep.cron.info's facts saved to files) read back and
 * compared.  `list`, `find`, `check`, `stats` and `timeline` take
 * --inventory FILE|DIR... and report on them: which jobs start in the same
 * minute across the fleet (the herd), per job and per host group; ids on
 * some hosts of a group but not others, or with another schedule or
 * command (drift); the same command twice on a host (duplicates).
 */
#ifndef CK_FLEET_H
#define CK_FLEET_H

#include "cli.h"

struct fl_job {
	size_t		 host;		/* index into fleet.hosts */
	const char	*id;		/* NULL: no marker */
	const char	*owner;		/* may be NULL */
	const char	*schedule;
	const char	*command;
	const char	*comment;	/* may be NULL */
	const char	*source;
	long		 line;
	bool		 enabled;
	const char	*zone;		/* may be NULL: the host's zone */
	size_t		 errors, warnings;	/* its lint findings */
	const char	*first_error;	/* "CODE message" of the first, or NULL */
};

struct fl_host {
	const char	*name;
	const char	*group;		/* "" when the document has none */
	const char	*dialect;
	const char	*zone;
	const char	*file;		/* the document it came from */
	time_t		 now;		/* when it was taken (0: unknown) */
	size_t		 jobs;		/* how many of fleet.jobs are its */
	size_t		 errors, warnings;
};

struct fleet {
	struct fl_host	*hosts;		/* sorted by name */
	size_t		 nhosts;
	struct fl_job	*jobs;		/* sorted by host, source, line */
	size_t		 njobs;
	char		**strings;	/* every string above, owned */
	size_t		 nstrings;
};

/*
 * Read the inventories named by paths: files, or directories whose *.json
 * files are read (sorted by name).  Documents of another format or
 * version are refused.  @return 0, or an exit code (printed).
 * *out: release with fleet_free().
 */
int	 fleet_load(const struct cli_ctx *ctx, const char *const *paths,
	    size_t n, struct fleet **out);
void	 fleet_free(struct fleet *f);

/* What the fleet commands share: the window and zone of the herd. */
struct fleet_opts {
	bool		 json;		/* --json */
	const char	*from;		/* --from/--day DATE, or NULL */
	const char	*from_opt;	/* which of them, for messages */
	const char	*tz;		/* --tz ZONE, or NULL */
	bool		 week;		/* timeline --week */
	int		 days;		/* the window (0: 1, or 7 with week) */
	size_t		 top;		/* rows in each text table (0: 10) */
	/* find's filters (NULL: any) */
	const char	*id;
	const char	*command_re;
	const char	*comment_re;
	const char	*user;
	const char	*group;		/* only hosts of this group */
	int		 fail_on;	/* check: ck_severity, or -1: error */
	const char	*svg, *html;	/* timeline's files */
	size_t		 width;		/* timeline's columns */
	size_t		 limit;		/* text fits this (cli_width()), 0:
					   no limit */
};
#define FLEET_OPTS_INIT	{ .fail_on = -1 }

enum fleet_report { FLEET_LIST, FLEET_FIND, FLEET_STATS, FLEET_CHECK,
	FLEET_TIMELINE };
/*
 * Load the inventories in paths (files or folders, given with
 * --inventory) and in the operands of a, and print the report.
 * @return the exit code (cli_finish() done).
 */
int	 fleet_main(const struct cli_ctx *ctx, enum fleet_report r,
	    const char *const *paths, size_t n, const struct cli_args *a,
	    const struct fleet_opts *o);

/* list/find: the jobs with their host (table or --json).  @return rc. */
int	 fleet_list(const struct cli_ctx *ctx, struct fleet *f,
	    const struct fleet_opts *o, bool find);
/* stats: herd, per job, per group, drift, duplicates.  @return rc. */
int	 fleet_stats(const struct cli_ctx *ctx, struct fleet *f,
	    const struct fleet_opts *o);
/* check: lint findings per host, drift and duplicates.  1 when any. */
int	 fleet_check(const struct cli_ctx *ctx, struct fleet *f,
	    const struct fleet_opts *o);
/* timeline: the fleet's starts per job key and minute.  @return rc. */
int	 fleet_timeline(const struct cli_ctx *ctx, struct fleet *f,
	    const struct fleet_opts *o);

#endif /* CK_FLEET_H */
