/* SPDX-License-Identifier: ISC */
/*
 * fuzz_cronlog.c - cron's log lines (ck_log_parse, ck_log_runs): syslog
 * and journal text that anyone who can log can write into.
 *
 * Input: bytes 0-3 pick the reference time, the rest is the log text.
 *
 * Properties, for any bytes:
 *  - no crash, no leak, no hang;
 *  - every entry is sane:
 *    each entry's line is within the text's line count, its texts have
 *    sane lengths, and the entries are in line order;
 *  - ck_log_runs() groups them: every run's CMD index names a CMD entry,
 *    its END/FAILED/OUTPUT indices are entries of those kinds that come
 *    after it;
 *  - ck_log_entry_matches() never crashes on any entry.
 */
#include <string.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ck_log_run *runs;
	const ck_log_entry *e;
	size_t i, k, n, nlines = 1, prev = 0;
	unsigned int ref = 0;
	ck_error err;
	ck_log *log;

	if (size < 4 || size > 65536)
		return 0;
	memcpy(&ref, data, 4);
	data += 4;
	size -= 4;
	for (i = 0; i < size; i++)
		if (data[i] == '\n')
			nlines++;
	/* Classic stamps use the process's zone: the runs set TZ=UTC. */
	if ((log = ck_log_parse((const char *)data, size, (time_t)ref,
	    &err)) == NULL) {
		FUZZ_CHECK(err.code == CK_ENOMEM, "parse failed: %s", err.msg);
		return 0;
	}
	n = ck_log_count(log);
	for (i = 0; i < n; i++) {
		e = ck_log_at(log, i);
		FUZZ_CHECK(e != NULL, "entry %zu missing", i);
		FUZZ_CHECK(e->line >= 1 && e->line <= nlines,
		    "entry %zu on line %u of %zu", i, e->line, nlines);
		FUZZ_CHECK(e->line >= prev, "entries out of order");
		prev = e->line;
		FUZZ_CHECK(e->text_len <= size && e->user_len <= size &&
		    e->tag_len <= size, "entry %zu: lengths past the text",
		    i);
		(void)ck_log_entry_matches(e, "true", 4, CK_DIALECT_DEBIAN);
		if (e->text != NULL)
			(void)ck_log_entry_matches(e, e->text, e->text_len,
			    CK_DIALECT_CRONIE);
	}
	if (ck_log_runs(log, &runs, &k, &err) == 0) {
		for (i = 0; i < k; i++) {
			FUZZ_CHECK(runs[i].cmd < n && ck_log_at(log,
			    runs[i].cmd)->event == CK_LOG_CMD,
			    "run %zu: not a CMD entry", i);
			FUZZ_CHECK(runs[i].end == CK_LOG_NONE ||
			    (runs[i].end < n && runs[i].end > runs[i].cmd &&
			    ck_log_at(log, runs[i].end)->event == CK_LOG_END),
			    "run %zu: bad END", i);
			FUZZ_CHECK(runs[i].failed == CK_LOG_NONE ||
			    (runs[i].failed < n &&
			    runs[i].failed > runs[i].cmd),
			    "run %zu: bad FAILED", i);
		}
		ck_log_runs_free(runs, k);
	} else {
		FUZZ_CHECK(err.code == CK_ENOMEM, "runs failed: %s", err.msg);
	}
	ck_log_free(log);
	return 0;
}
