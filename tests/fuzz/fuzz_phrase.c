/* SPDX-License-Identifier: ISC */
/*
 * fuzz_phrase.c - human phrases to cron expressions (ck_phrase_to_cron),
 * the text `cronkeep explain --when` takes from a user.
 *
 * Properties, for any bytes x:
 *  - no crash, no leak; a refusal has a code (CK_ESYNTAX or CK_ERANGE),
 *    line 1 and a column inside x or just past its end;
 *  - an accepted phrase gives NUL-terminated text that parses as a
 *    schedule in debian and cronie, and that schedule can be described;
 *  - the same phrase gives the same expression again.
 */
#include <string.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *x = (const char *)data;
	char *cron, *again, *desc;
	ck_error err;
	ck_expr *e;
	static const ck_dialect ds[] = { CK_DIALECT_DEBIAN, CK_DIALECT_CRONIE };
	size_t i;

	if (size > 4096)
		return 0;
	if ((cron = ck_phrase_to_cron(x, size, &err)) == NULL) {
		FUZZ_CHECK(err.code == CK_ESYNTAX || err.code == CK_ERANGE ||
		    err.code == CK_ENOMEM, "refusal with code %d: %s",
		    (int)err.code, err.msg);
		FUZZ_CHECK(err.line == 1 || err.line == 0, "line %u",
		    err.line);
		FUZZ_CHECK(err.column <= size + 1, "column %u past %zu bytes",
		    err.column, size);
		return 0;
	}
	for (i = 0; i < sizeof(ds) / sizeof(ds[0]); i++) {
		e = ck_expr_parse(cron, strlen(cron), ds[i], &err);
		FUZZ_CHECK(e != NULL, "\"%s\" does not parse in %s: %s", cron,
		    ck_dialect_name(ds[i]), err.msg);
		desc = ck_expr_describe(e, 0, &err);
		FUZZ_CHECK(desc != NULL, "\"%s\" cannot be described: %s",
		    cron, err.msg);
		free(desc);
		ck_expr_free(e);
	}
	again = ck_phrase_to_cron(x, size, &err);
	FUZZ_CHECK(again != NULL && strcmp(again, cron) == 0,
	    "the same phrase gave \"%s\", then \"%s\"", cron,
	    again != NULL ? again : "(refused)");
	free(again);
	free(cron);
	return 0;
}
