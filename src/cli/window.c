/* SPDX-License-Identifier: ISC */
/*
 * window.c - --from, --days and --tz, parsed once for every command that
 * takes them (window.h).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "window.h"

void
cli_window_init(struct cli_window *w, long days, long max_days)
{
	memset(w, 0, sizeof(*w));
	w->days = days;
	w->max_days = max_days;
}

int
cli_window_option(const struct cli_ctx *ctx, struct cli_window *w, int key,
    const char *arg)
{
	const char *errstr;
	long n;

	switch (key) {
	case CLI_KEY_FROM:
		w->from = arg;
		return 1;
	case CLI_KEY_TZ:
		w->zone = arg;
		return 1;
	case CLI_KEY_DAYS:
		n = (long)strtonum(arg, 1, w->max_days, &errstr);
		if (errstr != NULL) {
			cli_usage_error(ctx, "--days takes 1 to %ld, not '%s'",
			    w->max_days, arg);
			return -1;
		}
		w->days = n;
		w->days_given = true;
		return 1;
	default:
		return 0;
	}
}
