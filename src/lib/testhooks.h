/* SPDX-License-Identifier: ISC */
/*
 * testhooks.h - hooks for fault-injection tests, outside the public API.
 * Not installed and not exported by libcronkeep.so: only programs that
 * link the core archive (the cronkeep program, the unit tests) reach them.
 */
#ifndef CK_TESTHOOKS_H
#define CK_TESTHOOKS_H

#include "cronkeep.h"

/*
 * Call fn(tmp_path, arg) (fn NULL: nothing) after the new text is complete
 * and synced and just before the conflict check and the rename (files) or
 * the crontab(1) run (users).  src/lib/store.c.
 */
void	ck_store_set_commit_hook(ck_store *s,
	    void (*fn)(const char *tmp_path, void *arg), void *arg);

#endif /* CK_TESTHOOKS_H */
