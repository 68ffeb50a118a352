/* SPDX-License-Identifier: ISC */
/*
 * window.h - the options that say when and in which zone a command
 * reckons its times: --from, --days and --tz, shared by next, stats,
 * spread, timeline, doc and export.  Each command keeps its own help text
 * for them (what the window is for differs from command to command); the
 * keys and the parsing are here, once.  The values are then read with
 * cli_zone() and fires_parse_time() (fires.h).
 */
#ifndef CK_WINDOW_H
#define CK_WINDOW_H

#include <stdbool.h>

#include "cli.h"

struct cli_window {
	const char	*from;		/* --from (borrowed), or NULL */
	const char	*zone;		/* --tz (borrowed), or NULL */
	long		 days;		/* --days, else the command's default */
	bool		 days_given;
	long		 max_days;	/* the most --days takes (0: none) */
};

/* The keys of the window's options in a command's table. */
#define CLI_KEY_FROM	0x1f2
#define CLI_KEY_DAYS	0x1f3
#define CLI_KEY_TZ	0x1f4

/* The window's rows for a command's option table, with its help text. */
#define CLI_OPT_FROM(argname, help)					\
	{ "from", 0, CLI_KEY_FROM, argname, help, CLI_COMP_NONE, NULL, 0 }
#define CLI_OPT_DAYS(help)						\
	{ "days", 0, CLI_KEY_DAYS, "N", help, CLI_COMP_NONE, NULL, 0 }
#define CLI_OPT_TZ(help)						\
	{ "tz", 0, CLI_KEY_TZ, "ZONE", help, CLI_COMP_NONE, NULL, 0 }

/*
 * Start w: nothing given, --days defaulting to days and taking 1 to
 * max_days.
 */
void	 cli_window_init(struct cli_window *w, long days, long max_days);
/*
 * Take an option into w when key is one of the window's.  @return 1 (it
 * was), 0 (it is the command's own), or -1 after a usage message (a
 * --days out of range).
 */
int	 cli_window_option(const struct cli_ctx *ctx, struct cli_window *w,
	    int key, const char *arg);

#endif
