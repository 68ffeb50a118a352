/* SPDX-License-Identifier: ISC */
/*
 * test_cronlog.c - reading cron's own log: Debian, cronie and busybox
 * lines, classic stamps (the year inferred across New Year, which
 * python-crontab's cronlog gets wrong), RFC 3339 and journalctl stamps,
 * host and user names with '-' (also wrong there), runs, and matching a
 * job's command against what cron logged.  The Debian lines in
 * tests/data/logs/syslog-debian are the ones Debian's cron 3.0pl1-162
 * wrote here (cron -f -L 15), with a host name added as rsyslog does.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

static char *
slurp(const char *name, size_t *len)
{
	char path[512];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/logs/%s", CK_TEST_DATA, name);
	f = fopen(path, "rb");
	cr_assert_not_null(f, "open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

/* UTC epoch of a date, independent of TZ. */
static time_t
utc(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = { 0 };
	time_t t;

	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	t = timegm(&tm);
	return t;
}

static ck_log *
load(const char *name, time_t ref)
{
	ck_error err;
	size_t len;
	char *buf = slurp(name, &len);
	ck_log *log = ck_log_parse(buf, len, ref, &err);

	cr_assert_not_null(log, "%s", err.msg);
	free(buf);
	return log;
}

static void
assert_text(const char *p, size_t n, const char *want)
{
	cr_assert_eq(n, strlen(want), "[%.*s] is not [%s]", (int)n, p, want);
	cr_assert_eq(memcmp(p, want, n), 0, "[%.*s] is not [%s]", (int)n, p,
	    want);
}

Test(cronlog, infers_years_across_new_year)
{
	/* The file was last written on New Year's Day 2027. */
	ck_log *log = load("syslog-debian", utc(2027, 1, 1, 0, 5, 0));
	const ck_log_entry *e;

	/* pam, sshd and INFO lines are not kept. */
	cr_assert_eq(ck_log_count(log), 8);
	e = ck_log_at(log, 0);
	cr_assert_eq(e->time, utc(2026, 12, 31, 23, 58, 1));
	cr_assert(e->year_inferred);
	cr_assert_eq(e->line, 2);
	e = ck_log_at(log, 4);
	cr_assert_eq(e->time, utc(2026, 12, 31, 23, 59, 2));
	e = ck_log_at(log, 5);
	cr_assert_eq(e->time, utc(2027, 1, 1, 0, 0, 1));
	e = ck_log_at(log, 7);
	cr_assert_eq(e->time, utc(2027, 1, 1, 0, 0, 2));
	cr_assert_null(ck_log_at(log, 8));
	ck_log_free(log);
}

Test(cronlog, file_of_last_year_read_in_february)
{
	/* Rotated in January, read in February: all of it is from 2026-27,
	 * never from the February's year for the December lines. */
	ck_log *log = load("syslog-debian", utc(2027, 2, 14, 12, 0, 0));

	cr_assert_eq(ck_log_at(log, 0)->time, utc(2026, 12, 31, 23, 58, 1));
	cr_assert_eq(ck_log_at(log, 7)->time, utc(2027, 1, 1, 0, 0, 2));
	ck_log_free(log);
	/* Written on Dec 31 (before New Year): the January lines cannot be
	 * in the future, so they are of the year before, and so on. */
	log = load("syslog-debian", utc(2026, 12, 31, 23, 59, 59));
	cr_assert_eq(ck_log_at(log, 7)->time, utc(2026, 1, 1, 0, 0, 2));
	cr_assert_eq(ck_log_at(log, 0)->time, utc(2025, 12, 31, 23, 58, 1));
	ck_log_free(log);
}

Test(cronlog, reads_names_with_dashes)
{
	ck_log *log = load("syslog-debian", utc(2027, 1, 1, 0, 5, 0));
	const ck_log_entry *e = ck_log_at(log, 0);

	assert_text(e->host, e->host_len, "web-01.example");
	assert_text(e->tag, e->tag_len, "CRON");
	assert_text(e->user, e->user_len, "ck-exp");
	cr_assert_eq(e->pid, 7367);
	cr_assert_eq(e->job_pid, 7368);
	cr_assert_eq(e->event, CK_LOG_CMD);
	assert_text(e->text, e->text_len, "a\\b %c d");
	cr_assert(!e->truncated);
	e = ck_log_at(log, 3);
	assert_text(e->user, e->user_len, "backup-user");
	assert_text(e->text, e->text_len, "two^Itab \\303\\251\\");
	/* Without -L 8 there is no job pid. */
	e = ck_log_at(log, 5);
	cr_assert_eq(e->job_pid, -1);
	assert_text(e->text, e->text_len,
	    "   cd / && run-parts --report /etc/cron.hourly");
	ck_log_free(log);
}

Test(cronlog, groups_debian_runs_with_their_status)
{
	ck_log *log = load("syslog-debian", utc(2027, 1, 1, 0, 5, 0));
	struct ck_log_run *runs;
	ck_error err;
	size_t n;

	cr_assert_eq(ck_log_runs(log, &runs, &n, &err), 0);
	cr_assert_eq(n, 4);
	cr_assert_eq(runs[0].cmd, 0);
	cr_assert_eq(runs[0].failed, 1);
	cr_assert_eq(runs[0].end, 2);
	cr_assert_eq(runs[0].exit_status, 3);
	cr_assert_eq(ck_log_at(log, 1)->event, CK_LOG_FAILED);
	cr_assert_eq(ck_log_at(log, 1)->job_pid, 7368);
	cr_assert_eq(runs[1].end, 4);
	cr_assert_eq(runs[1].exit_status, -1);
	cr_assert_eq(runs[2].end, CK_LOG_NONE);
	cr_assert_eq(runs[3].cmd, 6);
	cr_assert_eq(runs[3].end, 7);
	cr_assert_eq(runs[3].noutput, 0);
	ck_log_runs_free(runs, n);
	ck_log_free(log);
}

Test(cronlog, reads_rfc3339_stamps)
{
	ck_log *log = load("syslog-rfc3339", 0);
	const ck_log_entry *e;

	/* The kernel line is not cron's. */
	cr_assert_eq(ck_log_count(log), 3);
	e = ck_log_at(log, 0);
	cr_assert_eq(e->time, utc(2026, 11, 25, 12, 0, 1));
	cr_assert_eq(e->usec, 123456);
	cr_assert(!e->year_inferred);
	assert_text(e->host, e->host_len, "db-primary-2");
	assert_text(e->user, e->user_len, "postgres");
	cr_assert_eq(ck_log_at(log, 1)->usec, 654321);
	e = ck_log_at(log, 2);
	cr_assert_eq(e->time, utc(2026, 11, 25, 13, 5, 0));
	cr_assert_eq(e->usec, 0);
	ck_log_free(log);
}

Test(cronlog, reads_journal_short_iso)
{
	ck_log *log = load("journal-short-iso.txt", 0);
	struct ck_log_run *runs;
	size_t n;

	cr_assert_eq(ck_log_count(log), 3);
	cr_assert_eq(ck_log_at(log, 0)->time, utc(2026, 11, 24, 22, 59, 1));
	cr_assert_eq(ck_log_at(log, 1)->time, utc(2026, 11, 24, 23, 0, 1));
	assert_text(ck_log_at(log, 1)->user, ck_log_at(log, 1)->user_len,
	    "deploy-bot");
	cr_assert_eq(ck_log_runs(log, &runs, &n, NULL), 0);
	cr_assert_eq(n, 2);
	cr_assert_eq(runs[0].exit_status, -1);
	cr_assert_eq(runs[1].exit_status, 1);
	ck_log_runs_free(runs, n);
	ck_log_free(log);
}

Test(cronlog, groups_cronie_output_and_end)
{
	ck_log *log = load("cron-cronie", utc(2026, 11, 25, 14, 0, 0));
	const ck_log_entry *e;
	struct ck_log_run *runs;
	size_t n;

	cr_assert_eq(ck_log_count(log), 7);
	cr_assert_eq(ck_log_at(log, 0)->time, utc(2026, 11, 25, 13, 0, 1));
	cr_assert_eq(ck_log_runs(log, &runs, &n, NULL), 0);
	cr_assert_eq(n, 3);
	cr_assert_eq(runs[0].noutput, 2);
	e = ck_log_at(log, runs[0].output[1]);
	cr_assert_eq(e->event, CK_LOG_OUTPUT);
	assert_text(e->text, e->text_len, "report line two");
	cr_assert_eq(runs[0].end, 4);
	assert_text(ck_log_at(log, runs[1].cmd)->user,
	    ck_log_at(log, runs[1].cmd)->user_len, "app-svc");
	cr_assert_eq(runs[1].end, 5);
	/* The last line was cut: no closing parenthesis. */
	e = ck_log_at(log, runs[2].cmd);
	cr_assert(e->truncated);
	cr_assert_eq(runs[2].end, CK_LOG_NONE);
	ck_log_runs_free(runs, n);
	ck_log_free(log);
}

Test(cronlog, reads_busybox)
{
	ck_log *log = load("busybox.log", utc(2026, 11, 25, 14, 0, 0));
	const ck_log_entry *e;

	cr_assert_eq(ck_log_count(log), 3);
	/* busybox's syslogd puts the facility and priority first. */
	e = ck_log_at(log, 2);
	assert_text(e->host, e->host_len, "alpine-box");
	assert_text(e->text, e->text_len, "/usr/local/bin/cleanup --old");
	cr_assert_eq(e->job_pid, 470);
	e = ck_log_at(log, 1);
	cr_assert_eq(e->event, CK_LOG_CMD);
	assert_text(e->host, e->host_len, "alpine-box");
	assert_text(e->tag, e->tag_len, "crond");
	assert_text(e->user, e->user_len, "build-user");
	cr_assert_eq(e->pid, 123);
	cr_assert_eq(e->job_pid, 460);
	assert_text(e->text, e->text_len, "make -C /srv/app nightly");
	cr_assert_eq(e->time, utc(2026, 11, 25, 13, 30, 0));
	cr_assert(ck_log_entry_matches(e, "make -C /srv/app nightly", 24,
	    CK_DIALECT_BUSYBOX));
	ck_log_free(log);
}

Test(cronlog, reads_crlf_lines)
{
	ck_log *log = load("syslog-crlf", utc(2026, 11, 25, 0, 0, 0));
	const ck_log_entry *e;

	cr_assert_eq(ck_log_count(log), 2);
	e = ck_log_at(log, 0);
	assert_text(e->text, e->text_len, "test -x /usr/sbin/anacron || "
	    "{ cd / && run-parts --report /etc/cron.daily; }");
	cr_assert(!e->truncated);
	cr_assert_eq(ck_log_at(log, 1)->job_pid, 602);
	ck_log_free(log);
}

Test(cronlog, classic_stamps_are_local_time)
{
	const char text[] =
	    "Mar 29 01:30:00 h CRON[2]: (root) CMD (y)\n"
	    "Jul  1 12:00:00 h CRON[1]: (root) CMD (x)\n";
	ck_log *log;

	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	log = ck_log_parse(text, sizeof(text) - 1, utc(2026, 8, 1, 0, 0, 0),
	    NULL);
	cr_assert_not_null(log);
	/* Berlin is UTC+1 before the change on March 29, UTC+2 after. */
	cr_assert_eq(ck_log_at(log, 0)->time, utc(2026, 3, 29, 0, 30, 0));
	cr_assert_eq(ck_log_at(log, 1)->time, utc(2026, 7, 1, 10, 0, 0));
	ck_log_free(log);
	setenv("TZ", "UTC", 1);
	tzset();
}

/*
 * With the zone given, the process's TZ does not matter: the same log
 * read in Berlin and in Tokyo, with TZ set to something else entirely.
 */
Test(cronlog, classic_stamps_in_a_given_zone)
{
	const char text[] =
	    "Mar 29 01:30:00 h CRON[2]: (root) CMD (y)\n"
	    "Jul  1 12:00:00 h CRON[1]: (root) CMD (x)\n";
	ck_error err;
	ck_tz *berlin, *tokyo;
	ck_log *log;

	setenv("TZ", "America/New_York", 1);
	tzset();
	berlin = ck_tz_load("Europe/Berlin", NULL, &err);
	cr_assert_not_null(berlin, "%s", err.msg);
	tokyo = ck_tz_load("Asia/Tokyo", NULL, &err);
	cr_assert_not_null(tokyo, "%s", err.msg);
	log = ck_log_parse_tz(text, sizeof(text) - 1,
	    utc(2026, 8, 1, 0, 0, 0), berlin, &err);
	cr_assert_not_null(log);
	cr_assert_eq(ck_log_at(log, 0)->time, utc(2026, 3, 29, 0, 30, 0));
	cr_assert_eq(ck_log_at(log, 1)->time, utc(2026, 7, 1, 10, 0, 0));
	ck_log_free(log);
	log = ck_log_parse_tz(text, sizeof(text) - 1,
	    utc(2026, 8, 1, 0, 0, 0), tokyo, &err);
	cr_assert_not_null(log);
	cr_assert_eq(ck_log_at(log, 0)->time, utc(2026, 3, 28, 16, 30, 0));
	cr_assert_eq(ck_log_at(log, 1)->time, utc(2026, 7, 1, 3, 0, 0));
	ck_log_free(log);
	ck_tz_free(berlin);
	ck_tz_free(tokyo);
	setenv("TZ", "UTC", 1);
	tzset();
}

/*
 * The hour a clock goes back happens twice: 02:30 before the change is
 * the first instant, 02:30 after the change (the next entry, 02:45, was
 * logged after the clock went back) the second.
 */
Test(cronlog, repeated_hour_follows_the_log)
{
	const char text[] =
	    "Oct 25 02:30:00 h CRON[1]: (root) CMD (first)\n"
	    "Oct 25 02:10:00 h CRON[2]: (root) CMD (second)\n"
	    "Oct 25 02:30:00 h CRON[3]: (root) CMD (third)\n";
	ck_error err;
	ck_tz *berlin;
	ck_log *log;

	berlin = ck_tz_load("Europe/Berlin", NULL, &err);
	cr_assert_not_null(berlin, "%s", err.msg);
	log = ck_log_parse_tz(text, sizeof(text) - 1,
	    utc(2026, 11, 1, 0, 0, 0), berlin, &err);
	cr_assert_not_null(log);
	/* CEST (UTC+2) until 03:00, then CET (UTC+1) from 02:00 again. */
	cr_assert_eq(ck_log_at(log, 2)->time, utc(2026, 10, 25, 1, 30, 0));
	cr_assert_eq(ck_log_at(log, 1)->time, utc(2026, 10, 25, 1, 10, 0));
	cr_assert_eq(ck_log_at(log, 0)->time, utc(2026, 10, 25, 0, 30, 0));
	ck_log_free(log);
	ck_tz_free(berlin);
}

Test(cronlog, skips_what_is_not_a_cron_line)
{
	const char text[] =
	    "\n"
	    "garbage\n"
	    "Nov 25 13:00:01\n"
	    "Nov 25 13:00:01 host\n"
	    "Nov 25 13:00:01 host CRON[12]\n"
	    "Nov 25 13:00:01 host CRON[x]: (root) CMD (x)\n"
	    "Nov 25 13:00:01 host CRONY[1]: (root) CMD (x)\n"
	    "Nov 25 13:00:01 host CRON[1]: (root) RELOAD (crontabs/root)\n"
	    "Nov 25 13:00:01 host CRON[1]: (root)CMD (x)\n"
	    "Nov 25 13:00:01 host CRON[1]: (CRON) error (something else)\n"
	    "Nov 25 13:00:01 host crond[1]: USER root pid x cmd y\n"
	    "Nov 99 13:00:01 host CRON[1]: (root) CMD (x)\n"
	    "Foo 25 13:00:01 host CRON[1]: (root) CMD (x)\n"
	    "2026-13-01T00:00:00Z host CRON[1]: (root) CMD (x)\n"
	    "2026-11-01T00:00:00 host CRON[1]: (root) CMD (x)\n"
	    "Nov 25 13:00:01 host /usr/sbin/cron[1]: (root) CMD (kept)";
	ck_log *log = ck_log_parse(text, sizeof(text) - 1, 0, NULL);

	cr_assert_not_null(log);
	cr_assert_eq(ck_log_count(log), 1);
	assert_text(ck_log_at(log, 0)->text, ck_log_at(log, 0)->text_len,
	    "kept");
	cr_assert_eq(ck_log_at(log, 0)->line, 16);
	ck_log_free(log);
	log = ck_log_parse("", 0, 0, NULL);
	cr_assert_eq(ck_log_count(log), 0);
	ck_log_free(log);
}

/* Every prefix of every sample, and every sample with one byte
 * changed: no crash, no read past the text (run under ASan in CI). */
Test(cronlog, survives_cut_and_damaged_text)
{
	static const char *const names[] = { "syslog-debian",
	    "syslog-rfc3339", "journal-short-iso.txt", "cron-cronie",
	    "busybox.log", "syslog-crlf" };
	static const char bytes[] = { '\0', '\n', ' ', '(', ')', '[', ']',
	    ':', '#', '9', 'T', '+' };
	struct ck_log_run *runs;
	size_t i, k, b, len, n;
	char *buf, *cut, saved;
	ck_log *log;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		buf = slurp(names[i], &len);
		for (k = 0; k <= len; k++) {
			/* A copy of exactly k bytes, so ASan sees overruns. */
			cut = malloc(k ? k : 1);
			memcpy(cut, buf, k);
			log = ck_log_parse(cut, k, 0, NULL);
			cr_assert_not_null(log);
			cr_assert_eq(ck_log_runs(log, &runs, &n, NULL), 0);
			ck_log_runs_free(runs, n);
			ck_log_free(log);
			free(cut);
		}
		for (k = 0; k < len; k++)
			for (b = 0; b < sizeof(bytes); b++) {
				saved = buf[k];
				buf[k] = bytes[b];
				log = ck_log_parse(buf, len, 0, NULL);
				cr_assert_not_null(log);
				ck_log_free(log);
				buf[k] = saved;
			}
		free(buf);
	}
}

Test(cronlog, matches_commands_as_cron_logs_them)
{
	ck_log *log = load("syslog-debian", utc(2027, 1, 1, 0, 5, 0));
	const char *job1 = "a\\\\b \\%c d%line1%line2\\%x\\\\y\\z";
	const char *job2 = "two\ttab \xc3\xa9\\";

	/* The line as written in the crontab, through the '%' rule and
	 * mkprint(). */
	cr_assert(ck_log_entry_matches(ck_log_at(log, 0), job1, strlen(job1),
	    CK_DIALECT_DEBIAN));
	cr_assert(ck_log_entry_matches(ck_log_at(log, 2), job1, strlen(job1),
	    CK_DIALECT_DEBIAN));
	cr_assert(ck_log_entry_matches(ck_log_at(log, 3), job2, strlen(job2),
	    CK_DIALECT_DEBIAN));
	cr_assert(!ck_log_entry_matches(ck_log_at(log, 3), job1, strlen(job1),
	    CK_DIALECT_DEBIAN));
	/* A FAILED line carries no command. */
	cr_assert(!ck_log_entry_matches(ck_log_at(log, 1), job1, strlen(job1),
	    CK_DIALECT_DEBIAN));
	/* cronie keeps "\\": logged "a\\b", so Debian's text differs. */
	cr_assert(!ck_log_entry_matches(ck_log_at(log, 0), job1, strlen(job1),
	    CK_DIALECT_CRONIE));
	ck_log_free(log);
}

Test(cronlog, matches_a_cut_command_by_its_prefix_only)
{
	ck_log *log = load("cron-cronie", utc(2026, 11, 25, 14, 0, 0));
	const ck_log_entry *cut = ck_log_at(log, 6);
	const char *full = "/usr/local/bin/very-long-command "
	    "--with-many-arguments --and-more-arguments "
	    "--and-even-more-arguments --option-one=value --option-two=value "
	    "--option-three=value --option-four=value --option-five=value "
	    "--option-six=value --option-seven=value";
	ck_log *l2;

	cr_assert(cut->truncated);
	cr_assert(ck_log_entry_matches(cut, full, strlen(full),
	    CK_DIALECT_CRONIE));
	cr_assert(!ck_log_entry_matches(cut, "/usr/local/bin/other", 20,
	    CK_DIALECT_CRONIE));
	/* "\\%" in the crontab is logged as "%"; a bare '%' would have cut
	 * the command there. */
	cr_assert(ck_log_entry_matches(ck_log_at(log, 0),
	    "/usr/local/bin/report \\%d", 25, CK_DIALECT_CRONIE));
	cr_assert(!ck_log_entry_matches(ck_log_at(log, 0),
	    "/usr/local/bin/report %d", 24, CK_DIALECT_CRONIE));
	ck_log_free(log);
	/* A complete short text is never a prefix of a longer command. */
	l2 = ck_log_parse("Nov 25 13:00:01 h CRON[1]: (root) CMD (backup.sh)\n",
	    50, 0, NULL);
	cr_assert(ck_log_entry_matches(ck_log_at(l2, 0), "backup.sh", 9,
	    CK_DIALECT_DEBIAN));
	cr_assert(!ck_log_entry_matches(ck_log_at(l2, 0), "backup.sh --full",
	    16, CK_DIALECT_DEBIAN));
	ck_log_free(l2);
}
