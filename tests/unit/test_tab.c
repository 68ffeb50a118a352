/* SPDX-License-Identifier: ISC */
/*
 * test_tab.c - the document model: byte-exact round trips for any input,
 * line kinds, markers, disabled jobs, environment, error positions, and
 * Debian's real crontab(1) verdicts (tests/vectors/accept-debian.tsv).
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static ck_tab *
parse(const char *s, ck_dialect d, unsigned int flags)
{
	ck_error err;
	ck_tab *t = ck_tab_parse(s, strlen(s), d, flags, &err);

	cr_assert_not_null(t, "parse failed: %u:%u: %s", err.line, err.column,
	    err.msg);
	return t;
}

static void
assert_round_trip(const char *buf, size_t len, ck_dialect d, unsigned int fl)
{
	ck_error err;
	ck_tab *t = ck_tab_parse(buf, len, d, fl | CK_PARSE_LENIENT, &err);
	char *out;
	size_t outlen;

	cr_assert_not_null(t, "lenient parse failed: %s", err.msg);
	cr_assert_eq(ck_tab_format(t, &out, &outlen, &err), 0);
	cr_assert_eq(outlen, len, "length %zu, want %zu", outlen, len);
	cr_assert_eq(memcmp(out, buf, len), 0, "bytes differ");
	free(out);
	ck_tab_free(t);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

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

Test(tab, round_trips_the_corpus)
{
	DIR *dir = opendir(CK_TEST_DATA "/valid");
	struct dirent *de;
	char path[1024];
	int n = 0;

	cr_assert_not_null(dir);
	while ((de = readdir(dir)) != NULL) {
		size_t len;
		char *buf;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/valid/%s", CK_TEST_DATA,
		    de->d_name);
		buf = slurp(path, &len);
		for (int d = 0; d < CK_DIALECT_COUNT; d++) {
			assert_round_trip(buf, len, (ck_dialect)d, 0);
			assert_round_trip(buf, len, (ck_dialect)d,
			    CK_PARSE_SYSTEM);
		}
		free(buf);
		n++;
	}
	closedir(dir);
	cr_expect_geq(n, 6, "the corpus has %d files", n);
}

Test(tab, round_trips_odd_inputs)
{
	static const char *cases[] = {
		"", "\n", "\n\n\n", "no newline", "a\r\nb\r\n", "\r", "\r\n",
		"x\ry\n", "0 * * * * cmd\r\n# c\r\n", "\t \n  \t",
		"# cronkeep: x\n#0 * * * * cmd", "@daily", "FOO=bar",
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_round_trip(cases[i], strlen(cases[i]), CK_DIALECT_DEBIAN, 0);
	static const char nul[] = "a\0b\n\0\n0 * * * * x\0y\n";
	static const char bad8[] = "\xff\xfe\x80 * * * * \xc3\x28\n";

	assert_round_trip(nul, sizeof(nul) - 1, CK_DIALECT_DEBIAN, 0);
	assert_round_trip(bad8, sizeof(bad8) - 1, CK_DIALECT_CRONIE, 0);
}

Test(tab, round_trips_a_one_megabyte_line)
{
	size_t n = 1 << 20;
	char *buf = malloc(n + 20);

	memcpy(buf, "0 * * * * ", 10);
	memset(buf + 10, 'x', n);
	buf[n + 10] = '\n';
	assert_round_trip(buf, n + 11, CK_DIALECT_DEBIAN, 0);
	memset(buf, '*', n + 10);
	assert_round_trip(buf, n + 10, CK_DIALECT_DEBIAN, 0);
	free(buf);
}

Test(tab, round_trips_random_inputs)
{
	static const char *tokens[] = {
		"*", "*/5", "0", "59", "1-5", ",", "/", "-", " ", "\t", "\n",
		"\r\n", "#", "# cronkeep: id\n", "#Ansible: x\n", "@daily", "@",
		"FOO=", "=", "\"", "'", "mon", "JAN", "%", "\\", "~", "L", "\0",
		"\xff", "root", "echo hi", "\r",
	};
	unsigned int seed = 12345;
	char buf[4096];

	for (int iter = 0; iter < 3000; iter++) {
		size_t len = 0;
		int ntok;

		seed = seed * 1103515245u + 12345u;
		ntok = (int)((seed >> 16) % 200);
		for (int k = 0; k < ntok; k++) {
			const char *t;
			size_t tl;

			seed = seed * 1103515245u + 12345u;
			t = tokens[(seed >> 16) % (sizeof(tokens) / sizeof(tokens[0]))];
			tl = t[0] == '\0' ? 1 : strlen(t);
			if (len + tl > sizeof(buf))
				break;
			memcpy(buf + len, t, tl);
			len += tl;
		}
		assert_round_trip(buf, len, (ck_dialect)(iter % CK_DIALECT_COUNT),
		    iter % 2 ? CK_PARSE_SYSTEM : 0);
	}
}

Test(tab, classifies_lines)
{
	ck_tab *t = parse(
	    "# m h  dom mon dow   command\n"
	    "\n"
	    "MAILTO=ops@example.com\n"
	    "#0 5 * * 1 tar -zcf /var/backups/home.tgz /home/\n"
	    "# cronkeep: backup\n"
	    "0 5 * * 1 tar czf /b.tgz /home\n"
	    "# cronkeep: off\n"
	    "#30 2 * * * /bin/off\n"
	    "  \t\n", CK_DIALECT_DEBIAN, 0);
	enum ck_line_kind want[] = { CK_LINE_COMMENT, CK_LINE_BLANK,
	    CK_LINE_ENV, CK_LINE_COMMENT, CK_LINE_MARKER, CK_LINE_JOB,
	    CK_LINE_MARKER, CK_LINE_DISABLED, CK_LINE_BLANK };

	cr_assert_eq(ck_tab_line_count(t), 9);
	for (size_t i = 0; i < 9; i++)
		cr_expect_eq(ck_tab_line_kind(t, i), want[i], "line %zu", i + 1);
	cr_assert_eq(ck_tab_job_count(t), 2, "a commented line without a "
	    "marker is no job");
	cr_expect(ck_job_enabled(ck_tab_job(t, 0)));
	cr_expect_not(ck_job_enabled(ck_tab_job(t, 1)));
	cr_expect_eq(ck_job_line(ck_tab_job(t, 1)), 7);
	cr_expect_eq(ck_job_marker_line(ck_tab_job(t, 1)), 6);
	ck_tab_free(t);
}

Test(tab, recognises_foreign_markers)
{
	ck_tab *t = parse(
	    "#Ansible: nightly backup\n0 2 * * * /bin/a\n"
	    "# Puppet Name: puppet job\n0 3 * * * /bin/b\n"
	    "# Chef Name: chef_job\n0 4 * * * /bin/c\n"
	    "# SALT_CRON_IDENTIFIER:salt-1\n0 5 * * * /bin/d\n"
	    "# cronkeep: own.id@x\n0 6 * * * /bin/e\n"
	    "# cronkeep: has space\n0 7 * * * /bin/f\n", CK_DIALECT_DEBIAN, 0);
	static const struct {
		const char *id;
		enum ck_marker m;
	} want[] = {
		{ "nightly backup", CK_MARKER_ANSIBLE },
		{ "puppet job", CK_MARKER_PUPPET },
		{ "chef_job", CK_MARKER_CHEF },
		{ "salt-1", CK_MARKER_SALT },
		{ "own.id@x", CK_MARKER_CRONKEEP },
	};
	size_t len;

	cr_assert_eq(ck_tab_job_count(t), 6);
	for (size_t i = 0; i < 5; i++) {
		const ck_job *j = ck_tab_job(t, i);
		const char *id = ck_job_id(j, &len);

		cr_assert_not_null(id, "job %zu", i);
		cr_expect_eq(len, strlen(want[i].id));
		cr_expect_eq(memcmp(id, want[i].id, len), 0);
		cr_expect_eq(ck_job_marker(j), want[i].m);
		cr_expect_eq(ck_tab_find_id(t, want[i].id, strlen(want[i].id)), j);
	}
	/* A cronkeep id is one word; after a blank comes a note. */
	cr_expect_eq(ck_tab_find_id(t, "has", 3), ck_tab_job(t, 5));
	cr_expect_null(ck_tab_find_id(t, "has space", 9));
	ck_tab_free(t);
}

Test(tab, splits_user_column_and_command)
{
	ck_tab *t = parse("17 *\t* * *\troot    cd / && run-parts --report /etc/cron.hourly\n"
	    "@reboot  www-data /srv/start %stdin\n", CK_DIALECT_DEBIAN,
	    CK_PARSE_SYSTEM);
	size_t len;
	const char *s;

	cr_assert_eq(ck_tab_job_count(t), 2);
	s = ck_job_user(ck_tab_job(t, 0), &len);
	cr_expect_eq(len, 4);
	cr_expect_eq(memcmp(s, "root", 4), 0);
	s = ck_job_command(ck_tab_job(t, 0), &len);
	cr_expect_eq(len, strlen("cd / && run-parts --report /etc/cron.hourly"));
	s = ck_job_user(ck_tab_job(t, 1), &len);
	cr_expect_eq(memcmp(s, "www-data", len), 0);
	cr_expect(ck_expr_is_reboot(ck_job_expr(ck_tab_job(t, 1))));
	ck_tab_free(t);
}

Test(tab, finds_the_effective_environment)
{
	ck_tab *t = parse("A=1\n0 * * * * one\nA = \"two words\"\nB='x'\n"
	    "0 * * * * two\n", CK_DIALECT_DEBIAN, 0);
	size_t len;
	const char *v;

	v = ck_tab_getenv(t, ck_job_line(ck_tab_job(t, 0)), "A", &len);
	cr_assert_not_null(v);
	cr_expect_eq(len, 1);
	cr_expect_eq(v[0], '1');
	cr_expect_null(ck_tab_getenv(t, ck_job_line(ck_tab_job(t, 0)), "B", &len),
	    "assignments apply only below them");
	v = ck_tab_getenv(t, ck_job_line(ck_tab_job(t, 1)), "A", &len);
	cr_expect_eq(len, 9);
	cr_expect_eq(memcmp(v, "two words", 9), 0);
	ck_tab_free(t);
}

/* The zone name ck_job_zone() gives, "" for the host's. */
static void
expect_zone(const ck_tab *t, size_t i, const char *want, ck_dst_mode mode)
{
	const char *v;
	size_t len = 99;
	ck_dst_mode m;
	ck_error err;

	cr_assert_eq(ck_job_zone(t, ck_tab_job(t, i), &v, &len, &m, &err), 0,
	    "job %zu: %s", i, err.msg);
	if (want[0] == '\0') {
		cr_expect_null(v, "job %zu: host zone expected", i);
		cr_expect_eq(len, 0);
	} else {
		cr_assert_not_null(v, "job %zu: %s expected", i, want);
		cr_expect_eq(len, strlen(want), "job %zu", i);
		cr_expect_eq(memcmp(v, want, len), 0, "job %zu", i);
	}
	cr_expect_eq(m, mode, "job %zu: mode %d", i, (int)m);
}

Test(tab, gives_the_zone_a_job_runs_in)
{
	const char *s = "0 1 * * * host\nCRON_TZ=Europe/Berlin\n"
	    "0 2 * * * berlin\nTZ=Asia/Tokyo\n0 3 * * * still_berlin\n"
	    "CRON_TZ = \"America/New_York\"\n0 4 * * * new_york\n";
	ck_tab *t = parse(s, CK_DIALECT_CRONIE, 0), *other;
	const char *v;
	ck_error err;
	bool changed;

	expect_zone(t, 0, "", CK_DST_VIXIE);
	expect_zone(t, 1, "Europe/Berlin", CK_DST_CALENDAR);
	expect_zone(t, 2, "Europe/Berlin", CK_DST_CALENDAR);
	expect_zone(t, 3, "America/New_York", CK_DST_CALENDAR);
	/* An edit moves the lines: the lookup follows. */
	cr_assert_eq(ck_tab_unsetenv(t, "CRON_TZ", 7, NULL, &err), 0);
	expect_zone(t, 1, "", CK_DST_VIXIE);
	expect_zone(t, 3, "", CK_DST_VIXIE);
	cr_assert_eq(ck_tab_setenv(t, "CRON_TZ", 7, "UTC", 3, &changed, &err),
	    0);
	expect_zone(t, 0, "UTC", CK_DST_CALENDAR);
	/* Misuse: a job of another tab. */
	other = parse("0 0 * * * x\n", CK_DIALECT_CRONIE, 0);
	cr_expect_eq(ck_job_zone(t, ck_tab_job(other, 0), &v, NULL, NULL,
	    &err), -1);
	cr_expect_eq(err.code, CK_EINVAL);
	cr_expect_null(v);
	ck_tab_free(other);
	ck_tab_free(t);
	/* The other crons run every job in the system's zone. */
	t = parse(s, CK_DIALECT_DEBIAN, 0);
	expect_zone(t, 1, "", CK_DST_VIXIE);
	ck_tab_free(t);
	t = parse(s, CK_DIALECT_BUSYBOX, 0);
	expect_zone(t, 3, "", CK_DST_CALENDAR);
	ck_tab_free(t);
}

Test(tab, reports_errors_with_line_and_column)
{
	ck_error err;
	const char *s = "# ok\n0 * * * * fine\n0 0 32 * * bad\n";
	ck_tab *t = ck_tab_parse(s, strlen(s), CK_DIALECT_DEBIAN, 0, &err);

	cr_assert_null(t, "strict parse fails on the first bad line");
	cr_expect_eq(err.code, CK_ESYNTAX);
	cr_expect_eq(err.line, 3);
	cr_expect_eq(err.column, 5);
	cr_expect(strstr(err.msg, "day-of-month 32 out of range 1-31"));
	t = ck_tab_parse(s, strlen(s), CK_DIALECT_DEBIAN, CK_PARSE_LENIENT, &err);
	cr_assert_not_null(t);
	cr_expect_eq(ck_tab_line_kind(t, 2), CK_LINE_INVALID);
	cr_assert_eq(ck_diag_count(ck_tab_diags(t)), 1);
	cr_expect_eq(ck_diag_at(ck_tab_diags(t), 0)->line, 3);
	cr_expect_eq(ck_diag_at(ck_tab_diags(t), 0)->column, 5);
	cr_expect_str_eq(ck_diag_at(ck_tab_diags(t), 0)->code, "CK009");
	ck_tab_free(t);
}

Test(tab, reports_every_bad_line_in_lenient_mode)
{
	const char *s = "61 * * * * a\nFOO=\n* * * * * * x\n0 0 * * * ok\n"
	    "@Daily b\n0 * * * * root x";
	ck_tab *t = parse(s, CK_DIALECT_DEBIAN, CK_PARSE_LENIENT);
	const ck_diag_list *dl = ck_tab_diags(t);
	unsigned int want[][2] = { { 1, CK_R_FIELD_RANGE }, { 2, CK_R_BAD_NAME },
	    { 3, CK_R_SIX_FIELDS }, { 5, CK_R_KEYWORD_CASE },
	    { 6, CK_R_MISSING_NEWLINE } };

	cr_assert_eq(ck_diag_count(dl), 5);
	for (size_t i = 0; i < 5; i++) {
		cr_expect_eq(ck_diag_at(dl, i)->line, want[i][0]);
		cr_expect_eq(ck_diag_at(dl, i)->rule, want[i][1], "line %u: %s",
		    want[i][0], ck_diag_at(dl, i)->message);
	}
	cr_expect_eq(ck_tab_job_count(t), 2);
	ck_tab_free(t);
}

Test(tab, system_format_needs_a_user)
{
	const char *s = "0 * * * * /usr/bin/foo\n0 * * * * * root x\n";
	ck_tab *t = parse(s, CK_DIALECT_DEBIAN, CK_PARSE_SYSTEM | CK_PARSE_LENIENT);
	const ck_diag_list *dl = ck_tab_diags(t);

	cr_assert_eq(ck_diag_count(dl), 2);
	cr_expect_eq(ck_diag_at(dl, 0)->rule, CK_R_MISSING_USER);
	cr_expect(strstr(ck_diag_at(dl, 0)->message, "\"/usr/bin/foo\" is taken as the user"));
	cr_expect_eq(ck_diag_at(dl, 1)->rule, CK_R_SIX_FIELDS);
	ck_tab_free(t);
}

Test(tab, keeps_crlf_in_the_command_as_cron_does)
{
	ck_tab *t = parse("0 * * * * echo x\r\n", CK_DIALECT_DEBIAN, 0);
	size_t len;
	const char *c = ck_job_command(ck_tab_job(t, 0), &len);
	const char *eol;

	cr_expect_eq(len, 7);
	cr_expect_eq(c[6], '\r');
	ck_tab_line_text(t, 0, &len, &eol);
	cr_expect_eq(len, 16);
	cr_expect_str_eq(eol, "\r\n");
	ck_tab_free(t);
}

Test(tab, trailing_comment_is_found)
{
	ck_tab *t = parse("0 * * * * /bin/x --y # nightly thing\n0 * * * * a#b\n",
	    CK_DIALECT_DEBIAN, 0);
	size_t len;
	const char *c = ck_job_comment(ck_tab_job(t, 0), &len);

	cr_assert_not_null(c);
	cr_expect_eq(len, strlen("nightly thing"));
	cr_expect_null(ck_job_comment(ck_tab_job(t, 1), &len));
	ck_tab_free(t);
}

/* The last " # " wins; an empty comment after it is none at all. */
Test(tab, trailing_comment_forms)
{
	static const struct {
		const char	*cmd;
		const char	*want;	/* NULL: no comment */
	} v[] = {
		{ "x # a # b", "b" },
		{ "x # a #b", "a #b" },
		{ "x # spaced \t ", "spaced" },
		{ "x # ", NULL },
		{ "x #  \t", NULL },
		{ "x #", NULL },
		{ "x ## y", NULL },
		{ "#x", NULL },
		{ "x #\t# y", NULL },	/* spaces only, as python-crontab */
		{ "x # c # ", NULL },
		{ "x \\# y", NULL },
		{ "a b # c", "c" },
	};
	char text[128];
	size_t i, len;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		ck_tab *t;
		const char *c;

		snprintf(text, sizeof(text), "0 * * * * %s\n", v[i].cmd);
		t = parse(text, CK_DIALECT_DEBIAN, 0);
		c = ck_job_comment(ck_tab_job(t, 0), &len);
		if (v[i].want == NULL)
			cr_expect_null(c, "\"%s\": got \"%.*s\"", v[i].cmd,
			    c != NULL ? (int)len : 0, c != NULL ? c : "");
		else {
			cr_assert_not_null(c, "\"%s\"", v[i].cmd);
			cr_expect(len == strlen(v[i].want) &&
			    memcmp(c, v[i].want, len) == 0,
			    "\"%s\": got \"%.*s\"", v[i].cmd, (int)len, c);
		}
		ck_tab_free(t);
	}
}

/* Every row of Debian's real crontab(1) verdicts. */
Test(tab, agrees_with_debian_crontab_on_every_vector)
{
	FILE *f = fopen(CK_VECTORS "/accept-debian.tsv", "r");
	char line[1024], text[1024];
	int rows = 0;

	cr_assert_not_null(f, "%s", CK_VECTORS "/accept-debian.tsv");
	while (fgets(line, sizeof(line), f) != NULL) {
		char *tab, *nl;
		size_t n = 0;
		bool accept, ok;
		ck_error err;
		ck_tab *t;

		if (line[0] == '#')
			continue;
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		if ((tab = strchr(line, '\t')) == NULL)
			continue;
		*tab++ = '\0';
		accept = strcmp(line, "accept") == 0;
		for (char *p = tab; *p != '\0'; p++) {
			if (p[0] == '\\' && p[1] == 't') {
				text[n++] = '\t';
				p++;
			} else if (p[0] == '\\' && p[1] == 'r') {
				text[n++] = '\r';
				p++;
			} else
				text[n++] = *p;
		}
		text[n++] = '\n';
		t = ck_tab_parse(text, n, CK_DIALECT_DEBIAN, CK_PARSE_LENIENT, &err);
		cr_assert_not_null(t);
		ok = true;
		for (size_t i = 0; i < ck_diag_count(ck_tab_diags(t)); i++)
			if (ck_diag_at(ck_tab_diags(t), i)->severity == CK_SEV_ERROR)
				ok = false;
		cr_expect_eq(ok, accept, "%s: \"%s\" (%s)", accept ? "accept" :
		    "reject", tab, ck_diag_count(ck_tab_diags(t)) ?
		    ck_diag_at(ck_tab_diags(t), 0)->message : "no diagnostic");
		ck_tab_free(t);
		rows++;
	}
	fclose(f);
	cr_expect_geq(rows, 95, "read %d vectors", rows);
}

Test(tab, dialects_differ_on_empty_values)
{
	ck_tab *deb = parse("MAILTO=\n", CK_DIALECT_DEBIAN, CK_PARSE_LENIENT);
	ck_tab *cro = parse("MAILTO=\n", CK_DIALECT_CRONIE, CK_PARSE_LENIENT);
	size_t vlen = 9;

	cr_expect_eq(ck_tab_line_kind(deb, 0), CK_LINE_INVALID);
	cr_expect_eq(ck_tab_line_kind(cro, 0), CK_LINE_ENV);
	cr_expect_not_null(ck_tab_getenv(cro, 1, "MAILTO", &vlen));
	cr_expect_eq(vlen, 0);
	ck_tab_free(deb);
	ck_tab_free(cro);
}

Test(tab, cronie_and_openbsd_options_are_not_the_command)
{
	ck_tab *c = parse("0 * * * * root -n /bin/x\n", CK_DIALECT_CRONIE,
	    CK_PARSE_SYSTEM);
	ck_tab *d = parse("0 * * * * root -n /bin/x\n", CK_DIALECT_DEBIAN,
	    CK_PARSE_SYSTEM);
	size_t len;

	ck_job_command(ck_tab_job(c, 0), &len);
	cr_expect_eq(len, 6);
	ck_job_command(ck_tab_job(d, 0), &len);
	cr_expect_eq(len, 9, "Debian passes -n to the shell");
	ck_tab_free(c);
	ck_tab_free(d);
}
