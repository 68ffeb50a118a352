/* SPDX-License-Identifier: ISC */
/*
 * ping.c - the monitoring pings of "cronkeep exec --ping URL" over libcurl
 * (HTTP and HTTPS, proxies from the environment, the system's TLS
 * certificates).  Built without libcurl (-Dcurl=disabled), ping_available()
 * says so and exec refuses --ping.
 *
 * Environment read here:
 *   CRONKEEP_FAULT_CURL_INIT    for tests: when set and not empty,
 *                               ping_init() fails as if curl_global_init()
 *                               had (libcurl is not started), so that a
 *                               test can see the job run without pings
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <errno.h>

#include "cli.h"
#include "ping.h"
#ifdef HAVE_CURL
#include <curl/curl.h>
#endif

#ifdef HAVE_CURL

bool
ping_available(void)
{
	return true;
}

/* The answer's body is not needed. */
static size_t
discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p, (void)arg;
	return size * n;
}

int
ping_send(const struct cli_ctx *ctx, const char *url, const char *suffix,
    const char *body, size_t len, long timeout)
{
	struct timespec ts;
	CURL *c;
	CURLcode cc;
	char *full, errbuf[CURL_ERROR_SIZE];
	size_t ulen = strlen(url);
	long code = 0;
	int try, rc = -1;
	bool again;

	while (ulen > 0 && url[ulen - 1] == '/')
		ulen--;
	if (asprintf(&full, "%.*s%s%s", (int)ulen, url, suffix != NULL ?
	    "/" : "", suffix != NULL ? suffix : "") == -1)
		return -1;
	if ((c = curl_easy_init()) == NULL) {
		cli_warnx(ctx, "--ping: cannot start libcurl");
		free(full);
		return -1;
	}
	curl_easy_setopt(c, CURLOPT_URL, full);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
#endif
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, timeout);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "cronkeep/" CK_VERSION_STRING);
	curl_easy_setopt(c, CURLOPT_POST, 1L);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body != NULL ? body : "");
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	for (try = 1; try <= PING_TRIES; try++) {
		errbuf[0] = '\0';
		cc = curl_easy_perform(c);
		code = 0;
		if (cc == CURLE_OK)
			curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
		if (cc == CURLE_OK && code < 400) {
			rc = 0;
			break;
		}
		again = cc != CURLE_OK ? cc != CURLE_URL_MALFORMAT &&
		    cc != CURLE_UNSUPPORTED_PROTOCOL : code == 408 ||
		    code == 429 || code >= 500;
		if (cc != CURLE_OK)
			cli_warnx(ctx, "--ping %s: %s (try %d of %d)", full,
			    errbuf[0] != '\0' ? errbuf : curl_easy_strerror(cc),
			    try, PING_TRIES);
		else
			cli_warnx(ctx,
			    "--ping %s: HTTP status %ld (try %d of %d)", full,
			    code, try, PING_TRIES);
		if (!again || try == PING_TRIES)
			break;
		ts.tv_sec = PING_PAUSE;
		ts.tv_nsec = 0;
		while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
			;
	}
	curl_easy_cleanup(c);
	free(full);
	return rc;
}

int
ping_init(const struct cli_ctx *ctx)
{
	const char *fault = getenv("CRONKEEP_FAULT_CURL_INIT");

	if ((fault != NULL && fault[0] != '\0') ||
	    curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
		cli_warnx(ctx, "--ping: cannot start libcurl");
		return -1;
	}
	return 0;
}

void
ping_done(void)
{
	curl_global_cleanup();
}
#else /* !HAVE_CURL */
bool
ping_available(void)
{
	return false;
}

int
ping_send(const struct cli_ctx *ctx, const char *url, const char *suffix,
    const char *body, size_t len, long timeout)
{
	(void)url, (void)suffix, (void)body, (void)len, (void)timeout;
	return -1;
}

int
ping_init(const struct cli_ctx *ctx)
{
	return -1;
}

void
ping_done(void)
{
}
#endif /* HAVE_CURL */
