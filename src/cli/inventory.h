/*
 * inventory.h - one host's crontabs and jobs as one versioned JSON
 * document (docs/inventory.schema.json): what `cronkeep inventory --json`
 * prints and what the fleet view (fleet.c) reads back.
 */
#ifndef CK_INVENTORY_H
#define CK_INVENTORY_H

#include "cli.h"

/* The document's format name and version (bumped on incompatible change). */
#define INV_FORMAT	"cronkeep-inventory"
#define INV_VERSION	1

struct inv_opts {
	const char	*host;		/* the host's name; NULL: its own */
	const char	*group;		/* a host group name, or NULL */
	time_t		 now;		/* the window starts here */
	long long	 window;	/* seconds: next fire times before now+window */
	size_t		 count;		/* at most this many per job */
	const char	*history_db;	/* exec's history (NULL: the default);
					   read only when the file exists */
	const char	*cron_log;	/* cron's log to read last runs from, or NULL */
	const char	*root;		/* --root ("" when not given) */
	ck_dialect	 dialect;	/* the dialect in use */
};

/*
 * Write the inventory of the sources (as cli_load_sources() loaded them,
 * lenient) on f: the host, the cron flavour and dialect, each crontab,
 * each job with its next fire times, lint findings and last recorded run.
 * Crontabs are sorted by source, jobs by source and line.
 * @return 0, or an exit code (printed).
 */
int	inventory_write(const struct cli_ctx *ctx, FILE *f,
	    const struct cli_source *src, size_t n, const struct inv_opts *o);

#endif /* CK_INVENTORY_H */
