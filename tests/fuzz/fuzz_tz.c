/* SPDX-License-Identifier: ISC */
/*
 * fuzz_tz.c - time zones from untrusted text: POSIX TZ strings (a
 * crontab's CRON_TZ, --tz) and TZif files.
 *
 * Input: byte 0 even: the rest is a POSIX TZ string; odd: TZif bytes.
 *
 * Properties, for a zone that loads, at instants spread over 1900-2200
 * and a few taken from the input:
 *  - ck_tz_localtime() succeeds (or says CK_ERANGE) with every field in
 *    range, and tm is exactly t + gmtoff in UTC;
 *  - ck_tz_resolve() of that wall time finds t again (a wall time that
 *    was shown cannot be "skipped");
 *  - the zone has a name; freeing it leaks nothing.
 */
#include <string.h>
#include <time.h>

#include "fuzz.h"

static void
at(const ck_tz *tz, time_t t)
{
	struct tm tm, utc;
	time_t out[2], shifted;
	const char *abbr = NULL;
	long off = 0;
	ck_error err;
	int n;

	if (ck_tz_localtime(tz, t, &tm, &off, &abbr, &err) == -1) {
		FUZZ_CHECK(err.code == CK_ERANGE, "localtime failed: %s",
		    err.msg);
		return;
	}
	FUZZ_CHECK(tm.tm_sec >= 0 && tm.tm_sec <= 60 && tm.tm_min >= 0 &&
	    tm.tm_min < 60 && tm.tm_hour >= 0 && tm.tm_hour < 24 &&
	    tm.tm_mday >= 1 && tm.tm_mday <= 31 && tm.tm_mon >= 0 &&
	    tm.tm_mon < 12 && tm.tm_wday >= 0 && tm.tm_wday < 7 &&
	    tm.tm_yday >= 0 && tm.tm_yday < 366, "tm field out of range");
	FUZZ_CHECK(abbr != NULL, "no abbreviation");
	FUZZ_CHECK(off > -7 * 86400 && off < 7 * 86400, "offset %ld", off);
	shifted = t + off;
	gmtime_r(&shifted, &utc);
	FUZZ_CHECK(utc.tm_year == tm.tm_year && utc.tm_mon == tm.tm_mon &&
	    utc.tm_mday == tm.tm_mday && utc.tm_hour == tm.tm_hour &&
	    utc.tm_min == tm.tm_min && utc.tm_sec == tm.tm_sec &&
	    utc.tm_wday == tm.tm_wday && utc.tm_yday == tm.tm_yday,
	    "local time at %lld is not UTC + %ld", (long long)t, off);
	n = ck_tz_resolve(tz, &tm, out, &err);
	if (n == -1) {
		FUZZ_CHECK(err.code == CK_ERANGE, "resolve failed: %s",
		    err.msg);
		return;
	}
	FUZZ_CHECK(n >= 1 && n <= 2, "a shown wall time resolved to %d "
	    "instants (t %lld)", n, (long long)t);
	FUZZ_CHECK(out[0] == t || (n == 2 && out[1] == t),
	    "resolve(localtime(%lld)) gave %lld%s", (long long)t,
	    (long long)out[0], n == 2 ? " and another" : "");
	if (n == 2)
		FUZZ_CHECK(out[0] < out[1], "two instants out of order");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ck_tz *tz;
	ck_error err;
	char *spec;
	time_t t;
	size_t i;

	if (size < 1)
		return 0;
	if ((data[0] & 1) == 0) {
		if ((spec = strndup((const char *)data + 1, size - 1)) == NULL)
			return 0;
		tz = ck_tz_posix(spec, &err);
		free(spec);
	} else
		tz = ck_tz_from_tzif(data + 1, size - 1, "fuzz", &err);
	if (tz == NULL) {
		FUZZ_CHECK(err.code != CK_OK && err.msg[0] != '\0',
		    "refused without a reason");
		return 0;
	}
	FUZZ_CHECK(ck_tz_name(tz) != NULL, "zone without a name");
	/* 1900-2200, every 97 days and 7 hours, and instants from input. */
	for (t = -2208988800LL; t < 7258118400LL; t += 97 * 86400 + 25200)
		at(tz, t);
	for (i = 1; i + 8 <= size && i < 65; i += 8) {
		uint64_t raw = 0;
		size_t k;

		for (k = 0; k < 8; k++)
			raw = raw << 8 | data[i + k];
		at(tz, (time_t)(int64_t)(raw % 20000000000ULL) - 6000000000LL);
	}
	ck_tz_free(tz);
	return 0;
}
