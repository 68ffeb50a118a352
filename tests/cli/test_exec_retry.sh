#!/bin/sh
# SPDX-License-Identifier: ISC
# exec --retry (each try recorded, exponential backoff), --quiet (cronic's
# rule), --catch-up (against the history and the job's schedule), a
# timeout recorded as such, and a history database of the first schema
# (no "try" column) read and migrated.
. "$(dirname "$0")/lib.sh"
[ "${CK_HISTORY:-1}" = 1 ] || skip "built without the run history"

DB=$T_TMP/history.db
export CRONKEEP_HISTORY_DB="$DB"

# --retry 2: three tries of a failing command, each one a row.
run exec --id flaky --retry 2 --retry-delay 0s -- sh -c 'echo try; exit 3'
expect_rc 3 "the last try's exit status"
run history --json --id flaky
expect_json 'len(d["runs"]) == 3' "three tries recorded"
expect_json 'sorted(r["try"] for r in d["runs"]) == [1, 2, 3]' "tries numbered 1..3"
expect_json 'all(r["status"] == "failed" and r["exit"] == 3 for r in d["runs"])' "every try failed with 3"

# A command that succeeds on its second try: two rows, the last ok.
n=$T_TMP/count
run exec --id second --retry 5 --retry-delay 0s -- sh -c "echo x >> '$n'; [ \$(wc -l < '$n') -ge 2 ]"
expect_rc 0 "succeeded on the second try"
run history --json --id second
expect_json '[(r["try"], r["status"]) for r in d["runs"]] == [(2, "ok"), (1, "failed")]' "stops retrying after a success"

# Backoff: --retry-delay 1s, 2 retries: pauses of 1s then 2s (stated in
# the notice of each failed try), and 3 tries.
run exec --id backoff --retry 2 --retry-delay 1s -- false
expect_rc 1 "false fails"
expect_err_has 'try 1 of 3 failed \(exit 1\), next in 1s' "first pause: the delay"
expect_err_has 'try 2 of 3 failed \(exit 1\), next in 2s' "second pause: twice the delay"
expect_err_lacks 'try 3 of 3' "no pause after the last try"
run history --json --id backoff
expect_json 'len(d["runs"]) == 3' "three tries of backoff"
run exec --id cap --retry 1 --retry-delay 5h -- true
expect_rc 0 "a long delay is accepted (capped at 1h)"
run exec --id bad --retry 101 -- true
expect_rc 2 "--retry above 100 refused"
run exec --id bad --retry-delay 3x -- true
expect_rc 2 "a bad --retry-delay refused"

# --quiet: nothing on success, everything on failure.
run exec --id q --quiet -- sh -c 'echo hello; echo oops >&2'
expect_rc 0 "quiet success"
expect_out_empty "quiet success prints nothing"
expect_err_empty "quiet success: nothing on stderr either"
run exec --id q --quiet -- sh -c 'echo hello; echo oops >&2; exit 4'
expect_rc 4 "quiet failure keeps the exit status"
expect_out_has '^hello$' "quiet failure prints stdout"
expect_out_has '^oops$' "quiet failure prints stderr"
run exec --id q --quiet --retry 1 --retry-delay 0s -- sh -c 'echo attempt; exit 4'
expect_rc 4 "quiet retries fail"
c=$(grep -c '^attempt$' "$OUT")
[ "$c" -eq 2 ] && ok || fail "quiet failure prints the output of both tries ($c)"
run exec --id q --quiet --retry 3 --retry-delay 0s -- sh -c "echo attempt >> '$T_TMP/q2'; echo noisy; [ \$(wc -l < '$T_TMP/q2') -ge 2 ]"
expect_rc 0 "quiet: a retry succeeded"
expect_out_empty "quiet: a success after a retry prints nothing"
run exec --id q --quiet --timeout 1s -- sh -c 'echo before; sleep 30'
expect_rc 124 "quiet timeout"
expect_out_has '^before$' "a timeout is a failure: output printed"

# A timeout is recorded as such.
run history --json --id q --limit 1
expect_json 'd["runs"][0]["status"] == "timeout"' "timeout in the history"

# --catch-up: job daily at 04:00 UTC; now is 2026-11-18 11:06:40 UTC, so
# the last fire time was 2026-11-18 04:00.
cat > "$T_TMP/tab" <<'X'
# cronkeep: daily
0 4 * * * /bin/true
@reboot cronkeep exec --catch-up --id daily -- /bin/true
X
export CRONKEEP_NOW=1795000000
run -f "$T_TMP/tab" exec --id daily --catch-up -- echo ran
expect_rc 0 "never ran: caught up"
expect_out 'ran' "a job without a run is run"
run -f "$T_TMP/tab" exec --id daily --catch-up -- echo again
expect_rc 0 "already ran"
expect_out_empty "a job that ran since its last fire time is not run"
expect_err_has 'daily: not run' "says why"
run -f "$T_TMP/tab" exec --id daily --catch-up --quiet -- echo again
expect_err_empty "--quiet: not even that line"
# A success before the last fire time (the day before) is a missed run.
/usr/bin/python3 - "$DB" <<'P'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("delete from runs where id = 'daily'")
c.execute("insert into runs (id, start, end, status, exit_code, signal) values ('daily', 1794974405 - 86400, 1794974406 - 86400, 'ok', 0, 0)")
c.execute("insert into runs (id, start, end, status, exit_code, signal) values ('daily', 1794974500, 1794974501, 'failed', 1, 0)")
c.commit()
P
run -f "$T_TMP/tab" exec --id daily --catch-up -- echo missed
expect_out 'missed' "the last success is older than the last fire time: run"
# A success at 04:00:05 today: not missed.
/usr/bin/python3 - "$DB" <<'P'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("delete from runs where id = 'daily'")
c.execute("insert into runs (id, start, end, status, exit_code, signal) values ('daily', 1794974405, 1794974406, 'ok', 0, 0)")
c.commit()
P
run -f "$T_TMP/tab" exec --id daily --catch-up -- echo missed
expect_out_empty "a success after the last fire time: not run"
expect_err_has '2026-11-18' "names the last success"
# One second later than the next fire time (2026-11-19 04:00:00) it is missed again.
CRONKEEP_NOW=1795060800 run -f "$T_TMP/tab" exec --id daily --catch-up -- echo missed
expect_out 'missed' "the fire time of this very second counts"
run -f "$T_TMP/tab" exec --id nosuch --catch-up -- echo x
expect_rc 66 "--catch-up with an id no job has"
expect_out_empty "nothing run for an unknown id"
printf '# cronkeep: boot\n@reboot /bin/true\n' > "$T_TMP/tab2"
run -f "$T_TMP/tab2" exec --id boot --catch-up -- echo x
expect_rc 65 "--catch-up of an @reboot job"
unset CRONKEEP_NOW

# A database of the first schema (no try column, user_version 0) is read
# and migrated.
OLD=$T_TMP/old.db
/usr/bin/python3 - "$OLD" <<'P'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript("""
CREATE TABLE runs (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL,
 start REAL NOT NULL, end REAL, status TEXT NOT NULL, exit_code INTEGER,
 signal INTEGER, output TEXT, pid INTEGER, host TEXT, user TEXT, note TEXT);
CREATE INDEX runs_id_start ON runs(id, start);
INSERT INTO runs (id, start, end, status, exit_code, signal, output)
 VALUES ('legacy', 1700000000, 1700000002, 'ok', 0, 0, 'old run');
""")
c.commit()
P
chmod 0444 "$OLD"
run history --history-db "$OLD" --json
if [ "$(id -u)" -ne 0 ]; then
	expect_rc 0 "a read-only old database is read"
	expect_json 'd["runs"][0]["id"] == "legacy" and d["runs"][0]["try"] == 1' "its runs are first tries"
fi
chmod 0644 "$OLD"
run exec --history-db "$OLD" --id legacy --retry 1 --retry-delay 0s -- false
run history --history-db "$OLD" --json --id legacy
expect_json '[r["try"] for r in d["runs"]] == [2, 1, 1]' "old rows read as try 1, new tries numbered"
expect_json 'd["runs"][-1]["output"] == "old run"' "the old run kept"
v=$(/usr/bin/python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("pragma user_version").fetchone()[0])' "$OLD")
[ "$v" = 1 ] && ok || fail "schema version after migration: $v"

finish
