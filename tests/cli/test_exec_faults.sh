#!/bin/sh
# SPDX-License-Identifier: ISC
# exec when the history fails (issue 27, item 7): the job runs anyway, the
# failure is warned about and counted, the job's status is the exit code;
# --no-overlap survives kill -9 of the wrapper and the run it left is
# marked abandoned, not "running" forever.
. "$(dirname "$0")/lib.sh"

[ "${CK_HISTORY:-1}" = 1 ] || skip "built without the run history"

# unrecorded DB DESCRIPTION: exec against DB runs the job and counts.
unrecorded() {
	rm -f "$T_TMP/ran"
	run exec --history-db "$1" --id job -- sh -c "touch '$T_TMP/ran'; echo out; exit 5"
	expect_rc 5 "$2: the job's exit status"
	if [ -e "$T_TMP/ran" ]; then ok; else fail "$2: the job did not run"; fi
	expect_out_has '^out$' "$2: the job's output passes through"
	expect_err_has 'job: this run is not recorded in the history' "$2: warned"
	if [ "$(cat "$1.unrecorded" 2>/dev/null)" = "${3:-1}" ]; then ok; else
		fail "$2: counted $(cat "$1.unrecorded" 2>/dev/null), expected ${3:-1}"; fi
}

mkdir "$T_TMP/dirdb"
unrecorded "$T_TMP/dirdb" "a folder as the database"
unrecorded "$T_TMP/dirdb" "a folder as the database, again" 2
i=0
while [ $i -lt 50 ]; do echo "not a database, not at all"; i=$((i + 1)); done \
    > "$T_TMP/garbage.db"
cp "$T_TMP/garbage.db" "$T_TMP/garbage.orig"
unrecorded "$T_TMP/garbage.db" "a garbage file as the database"
if cmp -s "$T_TMP/garbage.db" "$T_TMP/garbage.orig"; then ok; else
	fail "the garbage file was changed"; fi

# A full disk: the shim fails every write to the database.
[ -n "${CK_FAILWRITE:-}" ] && [ -f "$CK_FAILWRITE" ] ||
	skip "CK_FAILWRITE does not name the built shim"
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS
RC=0
FAILWRITE_OP=write FAILWRITE_PATH=full.db LD_PRELOAD=$CK_FAILWRITE \
    "$CRONKEEP" exec --history-db "$T_TMP/full.db" --id job -- \
    sh -c "touch '$T_TMP/ran-full'; exit 3" >"$OUT" 2>"$ERR" || RC=$?
expect_rc 3 "full disk: the job's exit status"
if [ -e "$T_TMP/ran-full" ]; then ok; else fail "full disk: the job did not run"; fi
expect_err_has 'not recorded' "full disk: warned"

# A concurrent burst against a folder: every run counted.
i=0
while [ $i -lt 20 ]; do
	"$CRONKEEP" exec --history-db "$T_TMP/dirdb" --id burst -- true \
	    >/dev/null 2>&1 &
	i=$((i + 1))
done
wait
if [ "$(cat "$T_TMP/dirdb.unrecorded")" = 22 ]; then ok; else
	fail "burst: counted $(cat "$T_TMP/dirdb.unrecorded"), expected 22"; fi

# ---- --no-overlap and kill -9 of the wrapper ----
DB=$T_TMP/h.db
status_of() {	# ROWID-ORDER (0: oldest): the status of the lock job's run
	python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
r = c.execute("select status from runs where id = ? order by rowid", ("lock",)).fetchall()
print(r[int(sys.argv[2])][0] if len(r) > int(sys.argv[2]) else "none")' "$DB" "$1"
}
"$CRONKEEP" exec --history-db "$DB" --id lock --no-overlap -- \
    sh -c "echo \$\$ > '$T_TMP/job.pid'; while [ ! -e '$T_TMP/stop' ]; do sleep 0.1; done" \
    >/dev/null 2>&1 &
wrapper=$!
n=0
while [ ! -s "$T_TMP/job.pid" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
kill -9 "$wrapper"
wait "$wrapper" 2>/dev/null
run exec --history-db "$DB" --id lock --no-overlap -- echo second
expect_rc 0 "after kill -9: skipped"
expect_out_lacks second "after kill -9: the job still holds the lock"
expect_err_has 'skipped' "after kill -9: skip reported"
run history --history-db "$DB" --json --id lock
expect_json 'd["runs"][-1]["status"] == "running"' "the orphaned job is still running"
touch "$T_TMP/stop"
job=$(cat "$T_TMP/job.pid")
n=0
while kill -0 "$job" 2>/dev/null && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
run history --history-db "$DB" --json --id lock
expect_json 'd["runs"][-1]["status"] == "abandoned"' "the run the wrapper left is abandoned"
expect_json 'd["runs"][-1]["end"] is None' "no end time is made up"
# The text table widens STATUS for "abandoned": the columns stay aligned.
run history --history-db "$DB" --id lock
if awk 'NR == 1 { c = index($0, "EXIT") } NR > 1 && c > 0 {
	s = substr($0, 1, c + 3); if (s !~ / [a-z]+  +[-0-9]+$/) bad = 1 }
	END { exit bad }' "$OUT"; then ok; else
	fail "history columns: $(cat "$OUT")"; fi
run exec --history-db "$DB" --id lock --no-overlap -- echo third
expect_rc 0 "the next run"
expect_out_has '^third$' "the next run runs"
if [ "$(status_of 0)" = abandoned ] && [ "$(status_of 2)" = ok ]; then ok; else
	fail "stored: $(status_of 0) $(status_of 2)"; fi

# A run whose wrapper is alive is never marked.
"$CRONKEEP" exec --history-db "$DB" --id live -- sleep 2 >/dev/null 2>&1 &
bg=$!
sleep 0.5
run history --history-db "$DB" --json --id live
expect_json 'd["runs"][0]["status"] == "running"' "a live run stays running"
wait $bg
finish
