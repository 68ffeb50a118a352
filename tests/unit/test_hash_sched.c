/* SPDX-License-Identifier: ISC */
/*
 * test_hash_sched.c - hashed schedules (hash_sched.c).  The expected
 * values come from this Python reference of the rule in docs/cronkeep.1
 * (HASHED TIMES), not from the C code:
 *
 *	def fnv(data, h=0xcbf29ce484222325):
 *	    for c in data:
 *	        h = ((h ^ c) * 0x100000001b3) & 0xffffffffffffffff
 *	    return h
 *	def key(host, owner, id): return fnv(b"%s\0%s\0%s" % (host, owner, id))
 *	LO = [(0, 59), (0, 23), (1, 28), (1, 12), (0, 6)]
 *	def field(k, f, lo=None, hi=None, step=0):
 *	    h = fnv(bytes([0, ord('0') + f]), k)
 *	    if lo is None: lo, hi = LO[f]
 *	    span = hi - lo + 1
 *	    if not step: return str(lo + h % span)
 *	    first = lo + h % min(step, span)
 *	    return ",".join(str(v) for v in range(first, hi + 1, step))
 *
 * key(b"web1", b"root", b"backup") = 0x22b3855ab1c9c266;
 * fnv(b"myseed") = 0xa621c552699a817e; key(b"", b"", b"") =
 * 0x08328807b4eb6fed.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static unsigned long long
key_of(const char *host, const char *owner, const char *id)
{
	ck_hash_opts o = CK_HASH_OPTS_INIT;
	unsigned long long k = 0;
	ck_error err;

	o.host = host;
	o.host_len = strlen(host);
	o.owner = owner;
	o.owner_len = strlen(owner);
	o.id = id;
	o.id_len = strlen(id);
	cr_assert_eq(ck_hash_key(&o, &k, &err), 0, "%s", err.msg);
	return k;
}

static void
expect(unsigned long long key, const char *in, const char *want)
{
	ck_error err;
	size_t len = 0;
	char *out;

	memset(&err, 0, sizeof(err));
	out = ck_sched_resolve(in, strlen(in), key, &len, &err);
	cr_assert_not_null(out, "%s: %s", in, err.msg);
	cr_expect_str_eq(out, want, "%s", in);
	cr_expect_eq(len, strlen(want));
	free(out);
}

Test(hash_sched, key_is_fnv1a_of_host_owner_id)
{
	ck_hash_opts o = CK_HASH_OPTS_INIT;
	unsigned long long k = 0;

	cr_expect_eq(key_of("web1", "root", "backup"),
	    0x22b3855ab1c9c266ULL);
	cr_expect_eq(key_of("", "", ""), 0x08328807b4eb6fedULL);
	o.host = "web1";
	o.host_len = 4;
	o.seed = "myseed";
	o.seed_len = 6;
	cr_assert_eq(ck_hash_key(&o, &k, NULL), 0);
	cr_expect_eq(k, 0xa621c552699a817eULL, "the seed replaces the rest");
	/* NULL options: every part empty. */
	cr_assert_eq(ck_hash_key(NULL, &k, NULL), 0);
	cr_expect_eq(k, 0x08328807b4eb6fedULL);
}

Test(hash_sched, refuses_options_without_size)
{
	ck_hash_opts o;
	unsigned long long k;
	ck_error err;

	memset(&o, 0, sizeof(o));
	cr_expect_eq(ck_hash_key(&o, &k, &err), -1);
	cr_expect_eq(err.code, CK_EINVAL);
}

Test(hash_sched, resolves_every_form)
{
	unsigned long long k = key_of("web1", "root", "backup");

	expect(k, "H H * * *", "6 1 * * *");
	expect(k, "H/15 H(1-5) * * H(mon-fri)", "6,21,36,51 3 * * 1");
	expect(k, "H(0-29)/10 * H H/3 *", "6,16,26 * 13 3,6,9,12 *");
	/* Other elements and fields pass through; blanks become one space. */
	expect(k, "H,30\t9-17/2   1,15 * *", "6,30 9-17/2 1,15 * *");
	expect(k, "*/5 * * * *", "*/5 * * * *");
	expect(k, "@daily", "@daily");
	expect(key_of("myseed", "", ""), "1 2 3 4 5", "1 2 3 4 5");
}

Test(hash_sched, three_ids_three_times_and_a_seed)
{
	ck_hash_opts o = CK_HASH_OPTS_INIT;
	unsigned long long k;

	expect(key_of("web1", "root", "a"), "H H * * *", "59 16 * * *");
	expect(key_of("web1", "root", "b"), "H H * * *", "10 17 * * *");
	expect(key_of("web1", "root", "c"), "H H * * *", "57 14 * * *");
	o.seed = "myseed";
	o.seed_len = 6;
	cr_assert_eq(ck_hash_key(&o, &k, NULL), 0);
	expect(k, "H H * * *", "38 9 * * *");
}

Test(hash_sched, h_slash_15_gives_four_minutes_15_apart)
{
	const char *ids[] = { "a", "b", "c", "backup", "x.y", "z" };
	unsigned long long k;
	char *out;
	int m[4];
	size_t i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		k = key_of("web1", "root", ids[i]);
		out = ck_sched_resolve("H/15 * * * *", 12, k, NULL, NULL);
		cr_assert_not_null(out);
		cr_assert_eq(sscanf(out, "%d,%d,%d,%d ", &m[0], &m[1], &m[2],
		    &m[3]), 4, "%s", out);
		cr_expect(m[0] >= 0 && m[0] < 15);
		cr_expect(m[1] == m[0] + 15 && m[2] == m[0] + 30 &&
		    m[3] == m[0] + 45, "%s", out);
		free(out);
	}
}

Test(hash_sched, detects_h)
{
	cr_expect(ck_sched_is_hashed("H * * * *", 9));
	cr_expect(ck_sched_is_hashed("0 H(1-5) * * *", 14));
	cr_expect(ck_sched_is_hashed("0,H/5 * * * *", 13));
	cr_expect(!ck_sched_is_hashed("0 * * * *", 9));
	cr_expect(!ck_sched_is_hashed("@hourly", 7));
	cr_expect(!ck_sched_is_hashed("0 0 * * THU", 11));
}

Test(hash_sched, refuses_bad_forms_with_the_column)
{
	static const struct {
		const char	*in;
		enum ck_code	 code;
		unsigned int	 col;
	} bad[] = {
		{ "H/0 * * * *", CK_ERANGE, 1 },
		{ "H/61 * * * *", CK_ERANGE, 1 },
		{ "0 H(5-1) * * *", CK_ERANGE, 3 },
		{ "0 H(1-25) * * *", CK_ESYNTAX, 3 },
		{ "0 H(1 * * *", CK_ESYNTAX, 3 },
		{ "0 Hx * * *", CK_ESYNTAX, 3 },
		{ "H H * *", CK_ESYNTAX, 8 },
		{ "H H * * * *", CK_ESYNTAX, 11 },
	};
	ck_error err;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&err, 0, sizeof(err));
		cr_expect_null(ck_sched_resolve(bad[i].in, strlen(bad[i].in),
		    1, NULL, &err), "%s", bad[i].in);
		cr_expect_eq(err.code, bad[i].code, "%s: %s", bad[i].in,
		    err.msg);
		cr_expect_eq(err.column, bad[i].col, "%s: column %u",
		    bad[i].in, err.column);
	}
}

Test(hash_sched, phrases_with_some_minute)
{
	static const struct {
		const char	*in, *want;
	} rows[] = {
		{ "daily at some minute between 01:00 and 05:00",
		    "H H(1-4) * * *" },
		{ "every weekday at some time from 22:00 to 23:59",
		    "H H(22-23) * * 1-5" },
		{ "daily at some minute between 03:00 and 04:00", "H 3 * * *" },
		{ "hourly at some minute", "H * * * *" },
		{ "daily at some time", "H H * * *" },
		{ "every monday At Some Minute", "H 0 * * 1" },
		{ "every weekday at 18:30", "30 18 * * 1-5" },
	};
	static const char *const bad[] = {
		"daily at some minute between 01:30 and 05:00",
		"daily at some minute between 05:00 and 01:00",
		"daily at some second",
		"daily at some minute between 1am and 5am",
		"every 15 minutes at some minute",
	};
	ck_error err;
	size_t i;
	char *out;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		out = ck_phrase_to_hashed(rows[i].in, strlen(rows[i].in),
		    &err);
		cr_assert_not_null(out, "%s: %s", rows[i].in, err.msg);
		cr_expect_str_eq(out, rows[i].want, "%s", rows[i].in);
		free(out);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&err, 0, sizeof(err));
		out = ck_phrase_to_hashed(bad[i], strlen(bad[i]), &err);
		cr_expect_null(out, "%s gave %s", bad[i], out);
		cr_expect(err.code == CK_ESYNTAX || err.code == CK_ERANGE);
		cr_expect_gt(err.column, 0, "%s", bad[i]);
		free(out);
	}
}
