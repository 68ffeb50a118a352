/* SPDX-License-Identifier: ISC */
/*
 * dialect.c - the cron implementations cronkeep knows: their names, how
 * a host's is detected, and what each does: one table, below, the one
 * home of the dialect rules.  The grammar (expr.c, env.c, tab.c,
 * command.c), run, store and lint read a named fact from it instead of
 * comparing dialects.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "internal.h"

/*
 * What each cron does (docs/dev/cron-dialects.md has the evidence and
 * lists the facts; tests/unit/test_dialect.c checks them); portable is
 * what all of them accept and run alike.  A fact a row does not name is
 * false, 0 or NULL.
 */
static const struct ck_dialect_facts facts[CK_DIALECT_COUNT] = {
	[CK_DIALECT_DEBIAN] = {
		.name = "debian",
		.spool_dir = "/var/spool/cron/crontabs",
		.wraps_ints = true,
		.dst = CK_DST_VIXIE,
		.rejects_negative_step = true,
		.checks_range_ends = true,
		.zero_end = CK_ZERO_END_SEVEN,
		.reversed_range = CK_REVERSED_EMPTY,
		.skips_list_tail = true,
		.job_opts = CK_JOBOPT_NONE,
		.cr_command_runs = true,
		.empty_command_ok = true,
		.percent = CK_PERCENT_VIXIE3,
		.default_path = "/usr/bin:/bin",
		.tab_env_to_jobs = true,
		.spool_header = CK_HEADER_HIDDEN,
		.direct_spool = true,
		.cron_d_names = CK_NAMES_RUNPARTS,
		.spool_names = 0,
		.max_line = 998,	/* Vixie 3.0 keeps 1000 bytes */
	},
	[CK_DIALECT_CRONIE] = {
		.name = "cronie",
		.spool_dir = "/var/spool/cron",
		.cron_tz = true,
		.random_tilde = true,
		.wraps_ints = true,
		.cronie_modes = true,
		.dst = CK_DST_VIXIE,
		/* cronie runs a CRON_TZ job by that zone's calendar */
		.cron_tz_dst = CK_DST_CALENDAR,
		.rejects_negative_step = false,
		.checks_range_ends = false,
		.zero_end = CK_ZERO_END_SEVEN_UNSTEPPED,
		.reversed_range = CK_REVERSED_EMPTY,
		.env_empty_value = true,
		.env_trims_cr = true,
		.dash_nolog = true,
		.job_opts = CK_JOBOPT_N,
		.cr_command_runs = true,
		.percent = CK_PERCENT_VIXIE,
		.default_path = "/usr/bin:/bin:/usr/sbin:/sbin",
		.tab_env_to_jobs = true,
		.sets_user = true,
		.random_delay = true,
		.spool_header = CK_HEADER_NONE,
		.direct_spool = true,
		.cron_d_names = CK_NAMES_CRONIE,
		.spool_names = CK_NAMES_CRONIE,
		.expands_mail_vars = true,
		.max_line = 131070,	/* 131072 with the newline */
	},
	[CK_DIALECT_OPENBSD] = {
		.name = "openbsd",
		.spool_dir = "/var/cron/tabs",
		.skips_cron_d = "OpenBSD cron does not read /etc/cron.d",
		.random_tilde = true,
		.dst = CK_DST_VIXIE,
		.zero_end = CK_ZERO_END_REVERSED,
		.reversed_range = CK_REVERSED_REFUSED,
		.job_opts = CK_JOBOPT_NQS,
		.percent = CK_PERCENT_VIXIE,
		.default_path = "/usr/bin:/bin",
		.tab_env_to_jobs = true,
		.sets_user = true,
		.spool_header = CK_HEADER_SHOWN,
		.cron_d_names = CK_NAMES_RUNPARTS,
		.spool_names = 0,
		.max_line = 998,
	},
	[CK_DIALECT_BUSYBOX] = {
		.name = "busybox",
		.spool_dir = "/var/spool/cron/crontabs",
		.skips_crontab = "busybox crond does not read /etc/crontab",
		.skips_cron_d = "busybox crond does not read /etc/cron.d",
		.dst = CK_DST_CALENDAR,
		.zero_end = CK_ZERO_END_REVERSED,
		.reversed_range = CK_REVERSED_WRAPS,
		.dom_star_from_0 = true,
		.day_star_by_bits = true,
		.dow_seven_loops = true,
		.env_empty_value = true,	/* "MAILTO=": no mail */
		.job_opts = CK_JOBOPT_NONE,
		.keyword_star_cmd = true,
		.cr_command_runs = true,
		.percent = CK_PERCENT_LITERAL,
		.default_path = "/usr/bin:/bin",
		.forces_shell_home = true,
		.sets_user = true,
		.spool_header = CK_HEADER_NONE,
		.cron_d_names = CK_NAMES_RUNPARTS,
		.spool_names = CK_NAMES_NO_DOT,
		.max_line = 998,
		.keyword_crashes = true,
	},
	[CK_DIALECT_PORTABLE] = {
		.name = "portable",
		.spool_dir = "/var/spool/cron/crontabs",
		.cronie_modes = true,	/* the stricter of the two */
		.dst = CK_DST_VIXIE,
		.zero_end = CK_ZERO_END_REVERSED,
		.reversed_range = CK_REVERSED_REFUSED,
		.job_opts = CK_JOBOPT_NONE,
		.percent = CK_PERCENT_VIXIE3,	/* and cronie's (command.c) */
		.default_path = "/usr/bin:/bin",
		.tab_env_to_jobs = true,
		.spool_header = CK_HEADER_NONE,
		.cron_d_names = CK_NAMES_CRONIE | CK_NAMES_RUNPARTS,
		.spool_names = 0,
		.max_line = 998,
	},
};

const struct ck_dialect_facts *
ck_dialect_facts(ck_dialect d)
{
	return &facts[(size_t)d < CK_DIALECT_COUNT ? d : CK_DIALECT_DEBIAN];
}

bool
ck_dialect_wraps_ints(ck_dialect d)
{
	return ck_dialect_facts(d)->wraps_ints;
}

ck_dst_mode
ck_dialect_dst_mode(ck_dialect d)
{
	return ck_dialect_facts(d)->dst;
}

int
ck_dialect_from_name(const char *name, ck_dialect *out, ck_error *err)
{
	size_t i;

	for (i = 0; i < CK_DIALECT_COUNT; i++) {
		if (strcmp(name, facts[i].name) == 0) {
			*out = (ck_dialect)i;
			return 0;
		}
	}
	if (strcmp(name, "vixie") == 0 || strcmp(name, "ubuntu") == 0) {
		*out = CK_DIALECT_DEBIAN;
		return 0;
	}
	return ck_error_set(err, CK_EINVAL, 0, 0,
	    "unknown dialect \"%.64s\" (debian, cronie, openbsd, busybox, "
	    "portable or auto)", name);
}

const char *
ck_dialect_name(ck_dialect d)
{
	if ((size_t)d >= CK_DIALECT_COUNT)
		return "unknown";
	return facts[d].name;
}

static bool
exists(const char *root, const char *path)
{
	char buf[4096];
	struct stat st;
	size_t n;

	n = strlcpy(buf, root, sizeof(buf));
	if (n >= sizeof(buf))
		return false;
	while (n > 0 && buf[n - 1] == '/')
		buf[--n] = '\0';
	if (strlcat(buf, path, sizeof(buf)) >= sizeof(buf))
		return false;
	return lstat(buf, &st) == 0;
}

/* root/path is a symbolic link whose target's name is "busybox". */
static bool
links_to_busybox(const char *root, const char *path)
{
	char buf[4096], target[4096];
	const char *base;
	ssize_t n;

	if (snprintf(buf, sizeof(buf), "%s%s", root, path) >=
	    (int)sizeof(buf))
		return false;
	if ((n = readlink(buf, target, sizeof(target) - 1)) <= 0)
		return false;
	target[n] = '\0';
	base = strrchr(target, '/');
	return strcmp(base != NULL ? base + 1 : target, "busybox") == 0;
}

ck_dialect
ck_dialect_detect(const char *root)
{
	if (root == NULL || strcmp(root, "/") == 0)
		root = "";
	/* OpenBSD's cron keeps its spool in /var/cron/tabs. */
	if (exists(root, "/var/cron/tabs") && exists(root, "/usr/sbin/cron"))
		return CK_DIALECT_OPENBSD;
	/* Debian's cron is /usr/sbin/cron. */
	if (exists(root, "/usr/sbin/cron"))
		return CK_DIALECT_DEBIAN;
	/*
	 * cronie's daemon is /usr/sbin/crond; Alpine's crond is busybox's
	 * applet, a link to /bin/busybox.
	 */
	if (exists(root, "/usr/sbin/crond"))
		return links_to_busybox(root, "/usr/sbin/crond") ?
		    CK_DIALECT_BUSYBOX : CK_DIALECT_CRONIE;
	/* busybox alone (its crond spool is /var/spool/cron/crontabs too). */
	if (exists(root, "/bin/busybox"))
		return CK_DIALECT_BUSYBOX;
	return CK_DIALECT_DEBIAN;
}
