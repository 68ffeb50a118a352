/* SPDX-License-Identifier: ISC */
/*
 * metrics.h - the run history as Prometheus metrics (text exposition
 * format 0.0.4), for "history --format prometheus" and "exec --textfile".
 */
#ifndef CK_METRICS_H
#define CK_METRICS_H

#include <stdio.h>

#include "cli.h"
#include "histdb.h"

/*
 * Write the metrics of every job in db to f.  With a crontab selected
 * (-u, -f, -s, --cron-d, -a), the jobs found there by id get their source
 * and next fire time.  @return 0, or an exit code (printed).
 */
int	 metrics_print(struct cli_ctx *ctx, struct histdb *db, FILE *f);
/*
 * The same into DIR/cronkeep.prom, atomically (a temporary file in DIR,
 * then rename(2)), as node_exporter's textfile collector wants.
 * @return 0, or an exit code (printed).
 */
int	 metrics_textfile(struct cli_ctx *ctx, struct histdb *db,
	    const char *dir);

#endif /* CK_METRICS_H */
