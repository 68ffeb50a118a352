/* SPDX-License-Identifier: ISC */
/*
 * abi_1_0.c - a program built against libcronkeep 1.0's header
 * (tests/abi/1.0/cronkeep.h, a frozen copy) and run against the library
 * of this tree: every options struct as 1.0 laid it out, and the calls a
 * typical program makes.  When a change breaks the ABI (a struct field
 * moved, a function's parameters changed, a symbol lost its version),
 * this program fails or crashes.  Prints "ok" and exits 0.
 *
 * usage: abi_1_0 TMPDIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cronkeep.h>

#if CK_VERSION_NUMBER != 0x010000
#error "tests/abi/1.0/cronkeep.h must stay the 1.0.0 header"
#endif

static int fails;

#define CHECK(c, ...) do {						\
	if (!(c)) {							\
		fprintf(stderr, "abi_1_0:%d: ", __LINE__);		\
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
		fails++;						\
	}								\
} while (0)

static const char text[] =
    "MAILTO=root\n"
    "# cronkeep: backup\n"
    "30 2 * * * /usr/local/bin/backup\n"
    "*/15 * * * * /usr/bin/poll\n";

static void
document(void)
{
	ck_job_spec spec = CK_JOB_SPEC_INIT;
	ck_match m = CK_MATCH_INIT;
	struct ck_lint_opts lo = CK_LINT_OPTS_INIT;
	ck_set_result res;
	ck_diag_list *dl;
	ck_error err;
	ck_tab *t;
	size_t *v, n, len;
	char *out;

	t = ck_tab_parse(text, sizeof(text) - 1, CK_DIALECT_DEBIAN, 0, &err);
	CHECK(t != NULL, "parse: %s", err.msg);
	if (t == NULL)
		return;
	CHECK(ck_tab_job_count(t) == 2, "2 jobs");
	spec.id = "report";
	spec.id_len = 6;
	spec.schedule = "0 6 * * mon-fri";
	spec.schedule_len = strlen(spec.schedule);
	spec.command = "/usr/bin/report";
	spec.command_len = strlen(spec.command);
	CHECK(ck_tab_set(t, &spec, &res, NULL, &err) == 0, "set: %s",
	    err.msg);
	CHECK(res == CK_SET_CREATED, "created");
	m.command_re = "^/usr/bin/";
	CHECK(ck_tab_match(t, &m, &v, &n, &err) == 0, "match: %s", err.msg);
	CHECK(n == 2, "2 matches, not %zu", n);
	free(v);
	lo.year = 2026;
	CHECK(ck_lint(t, &lo, &dl, &err) == 0, "lint: %s", err.msg);
	ck_diag_list_free(dl);
	CHECK(ck_tab_format(t, &out, &len, &err) == 0, "format: %s",
	    err.msg);
	CHECK(len > sizeof(text) - 1 && memcmp(out, text,
	    sizeof(text) - 1) == 0, "the old text kept");
	free(out);
	ck_tab_free(t);
}

static void
fire_times(void)
{
	ck_error err;
	ck_expr *e;
	time_t next = 0;

	e = ck_expr_parse("*/15 * * * *", 12, CK_DIALECT_DEBIAN, &err);
	CHECK(e != NULL, "expr: %s", err.msg);
	if (e == NULL)
		return;
	CHECK(ck_expr_next(e, ck_tz_utc(), 1767225600, CK_DST_VIXIE, &next,
	    NULL, &err) == 0, "next: %s", err.msg);
	CHECK(next == 1767225600 + 900, "next fire time %lld",
	    (long long)next);
	ck_expr_free(e);
}

static void
store(const char *dir)
{
	ck_store_opts so = CK_STORE_OPTS_INIT;
	char path[512];
	ck_error err;
	ck_store *s;
	ck_tab *t;
	FILE *f;

	snprintf(path, sizeof(path), "%s/abi.crontab", dir);
	if ((f = fopen(path, "w")) == NULL) {
		CHECK(0, "cannot write %s", path);
		return;
	}
	fputs(text, f);
	fclose(f);
	so.flags = CK_STORE_LOCK;
	s = ck_store_open_file(path, &so, &err);
	CHECK(s != NULL, "store: %s", err.msg);
	if (s == NULL)
		return;
	t = ck_store_read_tab(s, CK_DIALECT_DEBIAN, 0, &err);
	CHECK(t != NULL, "read: %s", err.msg);
	if (t != NULL) {
		CHECK(ck_store_write_tab(s, t, &err) == 0, "write: %s",
		    err.msg);
		ck_tab_free(t);
	}
	ck_store_free(s);
	remove(path);
}

static void
jobs(void)
{
	struct ck_export_opts eo = CK_EXPORT_OPTS_INIT;
	struct ck_run_opts ro = CK_RUN_OPTS_INIT;
	struct ck_run_plan plan;
	const ck_job *j;
	ck_export *x;
	ck_error err;
	ck_tab *t;
	int rc;

	t = ck_tab_parse(text, sizeof(text) - 1, CK_DIALECT_DEBIAN, 0, &err);
	if (t == NULL)
		return;
	j = ck_tab_job(t, 0);
	ro.user = "alice";
	ro.home = "/home/alice";
	rc = ck_job_plan(t, j, &ro, &plan, &err);
	CHECK(rc == 0, "plan: %s", err.msg);
	if (rc == 0) {
		CHECK(plan.argv != NULL && strcmp(plan.argv[0], "/bin/sh") == 0,
		    "the plan runs /bin/sh");
		ck_run_plan_clear(&plan);
	}
	eo.user = "alice";
	x = ck_export_job(t, j, CK_EXPORT_SYSTEMD, &eo, &err);
	CHECK(x != NULL, "export: %s", err.msg);
	if (x != NULL) {
		CHECK(strcmp(ck_export_name(x), "cronkeep-backup") == 0,
		    "export name %s", ck_export_name(x));
		ck_export_free(x);
	}
	ck_tab_free(t);
}

int
main(int argc, char **argv)
{
	CHECK(ck_version() >= CK_VERSION_NUMBER, "library %#lx older than "
	    "the header", ck_version());
	CHECK(ck_version() >> 16 == CK_VERSION_MAJOR, "major version %lu",
	    ck_version() >> 16);
	document();
	fire_times();
	store(argc > 1 ? argv[1] : "/tmp");
	jobs();
	if (fails == 0)
		printf("ok\n");
	return fails == 0 ? 0 : 1;
}
