/* SPDX-License-Identifier: ISC */
/*
 * test_tz.c - the TZif reader and POSIX TZ rules against glibc.
 *
 * glibc's localtime_r() with TZ set is the reference here (and only here:
 * the library must not use it).  Every zone is compared at many instants
 * from 1901 to 2200, and at every transition +-1 second, including the
 * years after 2037 that only the footer rule covers.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <sys/wait.h>

#include <spawn.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

static const char *const zones[] = {
	"Europe/Berlin", "America/New_York", "Australia/Lord_Howe",
	"Europe/London", "Europe/Dublin", "Asia/Kolkata", "Asia/Tehran",
	"America/St_Johns", "Pacific/Chatham", "Pacific/Apia",
	"Africa/Casablanca", "America/Sao_Paulo", "America/Santiago",
	"Antarctica/Troll", "America/Nuuk", "Asia/Gaza", "Australia/Sydney",
	"Europe/Moscow", "Pacific/Kiritimati", "Etc/GMT+5", "UTC",
	"America/Los_Angeles", "Asia/Tokyo", "Africa/Cairo",
};
#define NZONES (sizeof(zones) / sizeof(zones[0]))

static void
set_libc_tz(const char *name)
{
	char buf[256];

	snprintf(buf, sizeof(buf), ":%s", name);
	setenv("TZ", buf, 1);
	tzset();
}

/* Compare one instant; returns 0 or prints the difference. */
static int
compare(const ck_tz *tz, const char *name, time_t t)
{
	struct tm a, b;
	long off;
	const char *abbr;
	ck_error err;

	if (ck_tz_localtime(tz, t, &a, &off, &abbr, &err) == -1) {
		cr_log_error("%s %lld: %s", name, (long long)t, err.msg);
		return -1;
	}
	localtime_r(&t, &b);
	if (a.tm_year != b.tm_year || a.tm_mon != b.tm_mon ||
	    a.tm_mday != b.tm_mday || a.tm_hour != b.tm_hour ||
	    a.tm_min != b.tm_min || a.tm_sec != b.tm_sec ||
	    a.tm_wday != b.tm_wday || a.tm_yday != b.tm_yday ||
	    a.tm_isdst != b.tm_isdst || off != b.tm_gmtoff ||
	    strcmp(abbr, b.tm_zone) != 0) {
		cr_log_error("%s at %lld: got %04d-%02d-%02d %02d:%02d:%02d "
		    "wday %d yday %d dst %d off %ld %s; libc %04d-%02d-%02d "
		    "%02d:%02d:%02d wday %d yday %d dst %d off %ld %s", name,
		    (long long)t, a.tm_year + 1900, a.tm_mon + 1, a.tm_mday,
		    a.tm_hour, a.tm_min, a.tm_sec, a.tm_wday, a.tm_yday,
		    a.tm_isdst, off, abbr, b.tm_year + 1900, b.tm_mon + 1,
		    b.tm_mday, b.tm_hour, b.tm_min, b.tm_sec, b.tm_wday,
		    b.tm_yday, b.tm_isdst, b.tm_gmtoff, b.tm_zone);
		return -1;
	}
	return 0;
}

ParameterizedTestParameters(tz, matches_glibc_localtime)
{
	static int idx[NZONES];
	size_t i;

	for (i = 0; i < NZONES; i++)
		idx[i] = (int)i;
	return cr_make_param_array(int, idx, NZONES);
}

ParameterizedTest(int *zi, tz, matches_glibc_localtime)
{
	const char *name = zones[*zi];
	ck_tz *tz;
	ck_error err;
	int64_t t, start = -2177452800LL;	/* 1901-01-01 */
	int64_t stop = 7258118400LL;		/* 2200-01-01 */
	struct ck_tz_seg seg;
	int fails = 0, n = 0;

	tz = ck_tz_load(name, NULL, &err);
	cr_assert_not_null(tz, "%s: %s", name, err.msg);
	cr_assert_str_eq(ck_tz_name(tz), name);
	set_libc_tz(name);
	/* A walk with an odd step hits every hour and weekday. */
	for (t = start; t < stop && fails < 5; t += 86400 * 3 + 3607) {
		fails += compare(tz, name, (time_t)t) != 0;
		n++;
	}
	/* Each change of offset, and the seconds around it. */
	for (t = start; t < stop && fails < 5; ) {
		ck_tz_seg_at(tz, t, &seg);
		if (seg.end == INT64_MAX || seg.end >= stop)
			break;
		cr_assert_gt(seg.end, t);
		cr_assert_neq(seg.off, seg.next_off, "%s: empty change", name);
		fails += compare(tz, name, (time_t)(seg.end - 1)) != 0;
		fails += compare(tz, name, (time_t)seg.end) != 0;
		fails += compare(tz, name, (time_t)(seg.end + 1)) != 0;
		t = seg.end;
		n += 3;
	}
	cr_assert_eq(fails, 0, "%s: %d mismatches in %d instants", name,
	    fails, n);
	ck_tz_free(tz);
}

/* POSIX TZ strings, evaluated by ck_tz_posix() and by glibc. */
static const char *const posix_specs[] = {
	"CET-1CEST,M3.5.0,M10.5.0/3",
	"EST5EDT",
	"<+1030>-10:30<+11>-11,M10.1.0,M4.1.0",
	"IST-1GMT0,M10.5.0,M3.5.0/1",		/* negative DST (Dublin) */
	"<-03>3<-02>,M3.2.0/-2,M11.1.0/-1",	/* hours below zero */
	"<+0545>-5:45",
	"AAA3BBB,J60/2,J300/2",
	"AAA-2BBB-3,59/2,300/2",
	"NZST-12NZDT,M9.5.0,M4.1.0/3",
};
#define NSPECS (sizeof(posix_specs) / sizeof(posix_specs[0]))

Test(tz, posix_strings_match_glibc)
{
	size_t i;
	int64_t t;
	int fails = 0;
	ck_tz *tz;
	ck_error err;

	for (i = 0; i < NSPECS; i++) {
		tz = ck_tz_posix(posix_specs[i], &err);
		cr_assert_not_null(tz, "%s: %s", posix_specs[i], err.msg);
		setenv("TZ", posix_specs[i], 1);
		tzset();
		/* From 2008: glibc takes a missing rule from posixrules. */
		for (t = 1199145600LL; t < 4102444800LL && fails < 5;
		    t += 86400 + 1807)
			fails += compare(tz, posix_specs[i], (time_t)t) != 0;
		ck_tz_free(tz);
	}
	cr_assert_eq(fails, 0);
}

/*
 * RFC 8536 3.3.1: "EST5EDT,0/0,J365/25" is DST all year.  (glibc gets
 * the last hours of each year wrong, so it is no reference here.)
 */
Test(tz, posix_dst_all_year)
{
	ck_tz *tz;
	ck_error err;
	long off;
	const char *abbr;
	struct tm tm;
	int64_t t;

	tz = ck_tz_posix("EST5EDT,0/0,J365/25", &err);
	cr_assert_not_null(tz, "%s", err.msg);
	for (t = 946684800LL; t < 4102444800LL; t += 86400 + 1807) {
		cr_assert_eq(ck_tz_localtime(tz, (time_t)t, &tm, &off, &abbr,
		    &err), 0);
		cr_assert_eq(off, -4 * 3600, "at %lld", (long long)t);
		cr_assert_eq(tm.tm_isdst, 1);
		cr_assert_str_eq(abbr, "EDT");
	}
	ck_tz_free(tz);
}

Test(tz, rejects_bad_posix_strings)
{
	static const char *const bad[] = { "", "A1", "CET", "CET-1CEST,M3",
	    "CET-1CEST,M13.5.0,M10.5.0", "CET-1CEST,M3.5.0", "<CET-1",
	    "CET-25", "CET-1CEST,M3.5.0,M10.5.0/168", "CET-1x" };
	size_t i;
	ck_error err;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&err, 0, sizeof(err));
		cr_expect_null(ck_tz_posix(bad[i], &err), "%s", bad[i]);
		cr_expect(err.code == CK_ESYNTAX || err.code == CK_EINVAL,
		    "%s: code %d", bad[i], err.code);
	}
	/* Positions are 1-based columns of the string. */
	cr_assert_null(ck_tz_posix("CET-1CEST,M3.5.0,X", &err));
	cr_assert_eq(err.code, CK_ESYNTAX);
	cr_assert_eq(err.line, 1);
	cr_assert_eq(err.column, 18, "column %u", err.column);
}

Test(tz, refuses_unsafe_or_unknown_names)
{
	static const char *const bad[] = { "../etc/passwd", "/etc/passwd",
	    "Europe//Berlin", "", "Europe/../../etc/passwd", "Europe/",
	    "./UTC", "Euro pe/Berlin" };
	size_t i;
	ck_error err;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&err, 0, sizeof(err));
		cr_expect_null(ck_tz_load(bad[i], NULL, &err), "%s", bad[i]);
		cr_expect_eq(err.code, CK_EINVAL, "%s: code %d", bad[i],
		    err.code);
		cr_expect_eq(err.line, 0);
		cr_expect_eq(err.column, 0);
	}
	cr_assert_null(ck_tz_load("Nowhere/Atlantis", NULL, &err));
	cr_assert_eq(err.code, CK_ENOTFOUND);
	cr_assert(strstr(err.msg, "Nowhere/Atlantis") != NULL, "%s", err.msg);
}

Test(tz, utc_without_tzdata)
{
	ck_tz *tz;
	ck_error err;
	struct tm tm;
	long off;
	const char *abbr;

	/* An empty zoneinfo directory: UTC still loads. */
	tz = ck_tz_load("UTC", "/nonexistent-zoneinfo", &err);
	cr_assert_not_null(tz, "%s", err.msg);
	cr_assert_str_eq(ck_tz_name(tz), "UTC");
	cr_assert_eq(ck_tz_localtime(tz, 4102444800LL, &tm, &off, &abbr,
	    &err), 0);
	cr_assert_eq(tm.tm_year, 200);
	cr_assert_eq(off, 0);
	cr_assert_str_eq(abbr, "UTC");
	ck_tz_free(tz);
	cr_assert_null(ck_tz_load("Europe/Berlin", "/nonexistent-zoneinfo",
	    &err));
	cr_assert_eq(err.code, CK_ENOTFOUND);
	/* The static UTC zone and NULL. */
	cr_assert_str_eq(ck_tz_name(ck_tz_utc()), "UTC");
	cr_assert_str_eq(ck_tz_name(NULL), "UTC");
	ck_tz_free((ck_tz *)ck_tz_utc());
	ck_tz_free(NULL);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	cr_assert_not_null(f, "%s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

Test(tz, rejects_broken_tzif)
{
	char *buf;
	size_t len, cut;
	ck_tz *tz;
	ck_error err;

	buf = slurp("/usr/share/zoneinfo/Europe/Berlin", &len);
	tz = ck_tz_from_tzif(buf, len, "x", &err);
	cr_assert_not_null(tz, "%s", err.msg);
	ck_tz_free(tz);
	/* Every truncation fails cleanly (ASan watches the reads). */
	for (cut = 0; cut < len - 1; cut += 7) {
		memset(&err, 0, sizeof(err));
		cr_expect_null(ck_tz_from_tzif(buf, cut, "x", &err),
		    "cut %zu", cut);
		cr_expect_eq(err.code, CK_ESYNTAX, "cut %zu: %d", cut,
		    err.code);
	}
	cr_assert_null(ck_tz_from_tzif("hello world, not a zone at all....."
	    "..............", 50, "x", &err));
	cr_assert_eq(err.code, CK_ESYNTAX);
	cr_assert_str_eq(err.msg, "not a TZif file");
	free(buf);
	/* A file that is no zone. */
	cr_assert_null(ck_tz_load_file("/etc/passwd", NULL, &err));
	cr_assert_eq(err.code, CK_ESYNTAX);
	cr_assert_null(ck_tz_load_file("/usr/share/zoneinfo", NULL, &err));
	cr_assert_eq(err.code, CK_ENOTFOUND);
}

Test(tz, reads_version_1_files)
{
	char *buf;
	size_t len;
	ck_tz *tz;
	ck_error err;
	struct tm tm;
	long off;

	/* Keep only the 32-bit block and call it version 1. */
	buf = slurp("/usr/share/zoneinfo/Europe/Berlin", &len);
	buf[4] = '\0';
	tz = ck_tz_from_tzif(buf, len, "v1", &err);
	cr_assert_not_null(tz, "%s", err.msg);
	/* 2024-07-01 12:00Z: CEST. */
	cr_assert_eq(ck_tz_localtime(tz, 1719835200, &tm, &off, NULL, &err),
	    0);
	cr_assert_eq(off, 7200);
	cr_assert_eq(tm.tm_hour, 14);
	ck_tz_free(tz);
	free(buf);
}

static struct tm
wall(int y, int mo, int d, int h, int mi)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	return tm;
}

struct resolve_case {
	const char	*zone;
	int		 y, mo, d, h, mi;
	int		 n;
	long long	 t0, t1;	/* expected instants */
};

Test(tz, resolves_wall_times_in_gaps_and_overlaps)
{
	static const struct resolve_case cases[] = {
		/* Berlin 2024-03-31 02:30 is skipped; the gap ends 01:00Z. */
		{ "Europe/Berlin", 2024, 3, 31, 2, 30, 0, 1711846800, 0 },
		{ "Europe/Berlin", 2024, 3, 31, 1, 59, 1, 1711846740, 0 },
		{ "Europe/Berlin", 2024, 3, 31, 3, 0, 1, 1711846800, 0 },
		/* 2024-10-27 02:30 happens at 00:30Z and 01:30Z. */
		{ "Europe/Berlin", 2024, 10, 27, 2, 30, 2, 1729989000,
		    1729992600 },
		/* New York 2024-03-10 02:15 skipped; 11-03 01:15 twice. */
		{ "America/New_York", 2024, 3, 10, 2, 15, 0, 1710054000, 0 },
		{ "America/New_York", 2024, 11, 3, 1, 15, 2, 1730610900,
		    1730614500 },
		/* Lord Howe: 30-minute shifts; 2024-10-06 02:00-02:30. */
		{ "Australia/Lord_Howe", 2024, 10, 6, 2, 15, 0, 1728142200, 0 },
		{ "Australia/Lord_Howe", 2024, 4, 7, 1, 45, 2, 1712414700,
		    1712416500 },
		/* After 2037: the footer rule. */
		{ "Europe/Berlin", 2099, 3, 29, 2, 30, 0, 4078429200, 0 },
		{ "Europe/Berlin", 2099, 10, 25, 2, 30, 2, 4096571400,
		    4096575000 },
		/* Month 13 carries over into January. */
		{ "UTC", 2023, 13, 1, 0, 0, 1, 1704067200, 0 },
	};
	size_t i;
	time_t out[2];
	ck_tz *tz;
	ck_error err;
	struct tm tm;
	int n;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct resolve_case *c = &cases[i];

		tz = ck_tz_load(c->zone, NULL, &err);
		cr_assert_not_null(tz);
		tm = wall(c->y, c->mo, c->d, c->h, c->mi);
		out[0] = out[1] = -1;
		n = ck_tz_resolve(tz, &tm, out, &err);
		cr_expect_eq(n, c->n, "case %zu: n %d", i, n);
		cr_expect_eq((long long)out[0], c->t0, "case %zu: %lld", i,
		    (long long)out[0]);
		if (c->n == 2)
			cr_expect_eq((long long)out[1], c->t1,
			    "case %zu: %lld", i, (long long)out[1]);
		ck_tz_free(tz);
	}
}

Test(tz, resolve_inverts_localtime)
{
	ck_tz *tz;
	ck_error err;
	struct tm tm;
	time_t out[2], t;
	int n;

	tz = ck_tz_load("America/New_York", NULL, &err);
	cr_assert_not_null(tz);
	for (t = 0; t < 4102444800LL; t += 86400 * 5 + 1234) {
		cr_assert_eq(ck_tz_localtime(tz, t, &tm, NULL, NULL, &err), 0);
		n = ck_tz_resolve(tz, &tm, out, &err);
		cr_assert(n == 1 || n == 2);
		cr_assert(out[0] == t || (n == 2 && out[1] == t),
		    "t %lld", (long long)t);
	}
	ck_tz_free(tz);
}

/*
 * A "slim" TZif file (zic -b slim), as newer tzdata packages ship: the
 * table stops early and the footer rule carries every later year.
 */
Test(tz, reads_slim_files_through_the_footer)
{
	static const char src[] =
	    "Rule EU 1981 max - Mar lastSun 1:00u 1:00 S\n"
	    "Rule EU 1996 max - Oct lastSun 1:00u 0 -\n"
	    "Zone Test/Slim 1:00 EU CE%sT\n";
	char dir[] = "/tmp/cktz.XXXXXX", path[256], tzenv[300];
	char *argv[] = { "zic", "-b", "slim", "-d", dir, path, NULL };
	extern char **environ;
	pid_t pid;
	int status, fails = 0;
	FILE *f;
	ck_tz *tz;
	ck_error err;
	int64_t t;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/src", dir);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(src, f);
	fclose(f);
	if (posix_spawnp(&pid, "zic", NULL, NULL, argv, environ) != 0)
		cr_skip_test("zic is not installed");
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	tz = ck_tz_load("Test/Slim", dir, &err);
	cr_assert_not_null(tz, "%s", err.msg);
	cr_assert(tz->has_rule);
	cr_assert_lt(tz->ntrans, 10, "not slim: %zu transitions", tz->ntrans);
	snprintf(tzenv, sizeof(tzenv), ":%s/Test/Slim", dir);
	setenv("TZ", tzenv, 1);
	tzset();
	for (t = 0; t < 7258118400LL && fails < 5; t += 86400 + 3541)
		fails += compare(tz, "Test/Slim", (time_t)t) != 0;
	cr_assert_eq(fails, 0);
	ck_tz_free(tz);
	snprintf(tzenv, sizeof(tzenv), "%s/Test/Slim", dir);
	unlink(tzenv);
	snprintf(tzenv, sizeof(tzenv), "%s/Test", dir);
	rmdir(tzenv);
	unlink(path);
	rmdir(dir);
}

/* NULL is /etc/localtime, named after its symlink when it is one. */
Test(tz, local_zone_is_named_after_its_link)
{
	char buf[4096];
	const char *p;
	ssize_t n;
	ck_tz *tz;
	ck_error err;

	tz = ck_tz_load(NULL, NULL, &err);
	if (tz == NULL) {
		cr_assert_eq(err.code, CK_ENOTFOUND, "%s", err.msg);
		cr_skip_test("no /etc/localtime here");
	}
	n = readlink("/etc/localtime", buf, sizeof(buf) - 1);
	if (n > 0 && (buf[n] = '\0', p = strstr(buf, "zoneinfo/")) != NULL)
		cr_assert_str_eq(ck_tz_name(tz), p + strlen("zoneinfo/"));
	else
		cr_assert_str_eq(ck_tz_name(tz), "localtime");
	ck_tz_free(tz);
}

/*
 * Damaged zone files: random bytes changed in a real file either fail to
 * load or give a zone that answers every question without crashing or
 * hanging (ASan and UBSan watch this test in CI).
 */
Test(tz, survives_damaged_files)
{
	char *orig, *buf;
	size_t len, k;
	int round, loaded = 0;
	unsigned int seed = 12345;
	ck_tz *tz;
	ck_error err;
	struct ck_tz_seg seg;
	struct tm tm;
	time_t t, out[2];
	/* 30 2 * * *, built by hand: this test does not need the parser. */
	struct ck_expr daily = { .minute = UINT64_C(1) << 30,
	    .hour = 1u << 2, .dom = CK_DOM_ALL, .month = CK_MONTH_ALL,
	    .dow = CK_DOW_ALL };

	orig = slurp("/usr/share/zoneinfo/America/New_York", &len);
	buf = malloc(len);
	for (round = 0; round < 3000; round++) {
		memcpy(buf, orig, len);
		for (k = 0; k < 1 + (size_t)round % 4; k++) {
			seed = seed * 1103515245u + 12345u;
			buf[(seed >> 8) % len] = (char)(seed >> 20);
		}
		tz = ck_tz_from_tzif(buf, len, "damaged", &err);
		if (tz == NULL)
			continue;
		loaded++;
		for (t = -4000000000LL; t < 8000000000LL; t += 700000001) {
			cr_assert_eq(ck_tz_localtime(tz, t, &tm, NULL, NULL,
			    &err), 0);
			ck_tz_seg_at(tz, t, &seg);
			cr_assert(seg.start <= t && t < seg.end);
			(void)ck_tz_resolve(tz, &tm, out, &err);
			cr_assert_eq(ck_expr_next(&daily, tz, t, round % 2,
			    &out[0], NULL, &err), 0, "%s", err.msg);
			cr_assert_gt(out[0], t);
			cr_assert_eq(ck_expr_prev(&daily, tz, t, round % 2,
			    &out[1], NULL, &err), 0, "%s", err.msg);
			cr_assert_lt(out[1], t);
		}
		ck_tz_free(tz);
	}
	cr_assert_gt(loaded, 100);
	free(buf);
	free(orig);
}
