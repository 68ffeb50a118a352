/* SPDX-License-Identifier: ISC */
/*
 * ping.h - monitoring pings of "cronkeep exec --ping URL" (the
 * Healthchecks.io protocol: URL/start, URL, URL/fail, URL/EXIT_CODE), over
 * libcurl.  ping.c is the only file that includes curl.
 */
#ifndef CK_PING_H
#define CK_PING_H

#include <stdbool.h>
#include <stddef.h>

#define PING_TIMEOUT	10	/* seconds for one request, by default */
#define PING_TRIES	3	/* requests at most per ping */
#define PING_PAUSE	1	/* seconds between them */

/* Whether this cronkeep was built with libcurl. */
bool	 ping_available(void);
/*
 * Start libcurl before the first ping_send(ctx) (the caller keeps that it
 * did, no global flag here); ping_done() releases it.  @return 0, or -1
 * (said on stderr; also when CRONKEEP_FAULT_CURL_INIT is set, for tests).
 */
int	 ping_init(const struct cli_ctx *ctx);
/*
 * POST body (len bytes, may be empty) to url, with suffix ("start",
 * "fail", "3", or NULL: url itself) appended after a '/'.  Each request
 * may take timeout seconds; a connection failure, a timeout or a 408,
 * 429 or 5xx answer is tried again (PING_TRIES in all).  A failure is a
 * warning on stderr.  @return 0, or -1.
 */
int	 ping_send(const struct cli_ctx *ctx, const char *url,
	    const char *suffix, const char *body, size_t len, long timeout);
/* Release what libcurl holds (after a ping_init(ctx) that worked). */
void	 ping_done(void);

#endif /* CK_PING_H */
