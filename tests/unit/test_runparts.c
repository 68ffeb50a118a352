/*
 * test_runparts.c - run-parts folders: the names run-parts skips, and a
 * folder's entries judged as run-parts judges them (order, regular files,
 * execute permission, links, unsafe owners and modes) with their findings.
 */
#include <sys/stat.h>

#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cronkeep.h"

Test(runparts, names)
{
	cr_assert_null(ck_runparts_name_skip("logrotate"));
	cr_assert_null(ck_runparts_name_skip("0anacron"));
	cr_assert_null(ck_runparts_name_skip("A_b-9"));
	cr_assert_not_null(ck_runparts_name_skip("backup.sh"));
	cr_assert_not_null(ck_runparts_name_skip(".placeholder"));
	cr_assert_not_null(ck_runparts_name_skip("caf\xc3\xa9"));
	cr_assert_not_null(ck_runparts_name_skip("a b"));
	cr_assert_not_null(ck_runparts_name_skip(""));
	cr_assert_not_null(strstr(ck_runparts_name_skip("x.dpkg-old"),
	    "leftover"));
}

static void
put(const char *dir, const char *name, mode_t mode)
{
	char path[512];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, "#!/bin/sh\n", 10), 10);
	close(fd);
	cr_assert_eq(chmod(path, mode), 0);
}

Test(runparts, scan)
{
	char dir[] = "/tmp/ck-runparts.XXXXXX", path[512];
	const ck_runpart *p;
	ck_runparts *rp;
	ck_diag_list *l;
	ck_error err;
	size_t i;

	cr_assert_not_null(mkdtemp(dir));
	put(dir, "zeta", 0755);
	put(dir, "alpha", 0755);
	put(dir, "backup.sh", 0755);
	put(dir, "noexec", 0644);
	put(dir, "open", 0777);
	snprintf(path, sizeof(path), "%s/sub", dir);
	cr_assert_eq(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/link", dir);
	cr_assert_eq(symlink("alpha", path), 0);
	snprintf(path, sizeof(path), "%s/dangling", dir);
	cr_assert_eq(symlink("nothing", path), 0);

	rp = ck_runparts_scan(dir, &err);
	cr_assert_not_null(rp, "%s", err.msg);
	cr_assert_eq(ck_runparts_count(rp), 8);
	/* Bytewise order, as run-parts in the C locale. */
	cr_assert_str_eq(ck_runparts_at(rp, 0)->name, "alpha");
	cr_assert_str_eq(ck_runparts_at(rp, 7)->name, "zeta");
	for (i = 0; i < ck_runparts_count(rp); i++) {
		p = ck_runparts_at(rp, i);
		if (strcmp(p->name, "alpha") == 0 ||
		    strcmp(p->name, "zeta") == 0 ||
		    strcmp(p->name, "link") == 0)
			cr_assert(p->runs, "%s runs", p->name);
		else if (strcmp(p->name, "open") == 0) {
			cr_assert(p->runs);
			if (getuid() == 0)
				cr_assert_not_null(strstr(p->unsafe_why,
				    "everyone"));
		} else
			cr_assert_not(p->runs, "%s is skipped", p->name);
		if (strcmp(p->name, "backup.sh") == 0)
			cr_assert_eq(p->skip_rule, 61);
		if (strcmp(p->name, "noexec") == 0 && getuid() == 0)
			cr_assert_eq(p->skip_rule, 63);
		if (strcmp(p->name, "sub") == 0 ||
		    strcmp(p->name, "dangling") == 0)
			cr_assert_eq(p->skip_rule, 64);
		if (strcmp(p->name, "link") == 0)
			cr_assert(p->is_link);
		cr_assert_eq(ck_runpart_lint(p, &l, NULL), 0);
		if (p->skip_why != NULL)
			cr_assert_eq(ck_diag_at(l, 0)->rule, p->skip_rule);
		else if (p->unsafe_why == NULL)
			cr_assert_eq(ck_diag_count(l), 0, "%s", p->name);
		ck_diag_list_free(l);
		unlink(p->path);
		rmdir(p->path);
	}
	ck_runparts_free(rp);
	cr_assert_eq(rmdir(dir), 0);

	cr_assert_null(ck_runparts_scan(dir, &err));
	cr_assert_eq(err.code, CK_ENOTFOUND);
}
