#!/bin/sh
# SPDX-License-Identifier: ISC
# exec runs a command, passes its output through and records every run;
# --once, --not-before/--not-after, --no-overlap and --timeout.
. "$(dirname "$0")/lib.sh"

DB=$T_TMP/history.db
export CRONKEEP_HISTORY_DB="$DB"

rows() {
	python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute(sys.argv[2]).fetchone()[0])' "$DB" "$1"
}

run exec --id plain -- sh -c 'echo out; echo err >&2; exit 3'
expect_rc 3 "the command's exit status"
expect_out_has '^out$' "stdout passed through"
expect_out_has '^err$' "stderr passed through (as cron mails both)"
run history --json --id plain
expect_json 'd["runs"][0]["status"] == "failed" and d["runs"][0]["exit"] == 3' "failure recorded"
expect_json 'd["runs"][0]["output"] == "out\nerr\n"' "output tail recorded"
expect_json 'd["runs"][0]["start"][:4].isdigit() and d["runs"][0]["end"] is not None' "times recorded"

run exec --id ok -- true
expect_rc 0 "success"
run history --json --id ok
expect_json 'd["runs"][0]["status"] == "ok" and d["runs"][0]["exit"] == 0' "ok recorded"

# A killed job and one that outlives --timeout.
run exec --id killed -- sh -c 'kill -KILL $$'
expect_rc 137 "killed by SIGKILL: 128+9"
run exec --id slow --timeout 1s -- sh -c 'sleep 30'
expect_rc 124 "timeout exit code"
run history --json --failed
expect_json 'any(r["id"] == "killed" and r["status"] == "killed" and r["signal"] == 9 for r in d["runs"])' "killed recorded with its signal"
expect_json 'any(r["id"] == "slow" and r["status"] == "timeout" and 0.9 < r["duration"] < 10 for r in d["runs"])' "timeout recorded"
expect_json 'all(r["status"] != "ok" for r in d["runs"])' "--failed shows only failures"

# 50 runs at once: every one recorded.
i=0
while [ $i -lt 50 ]; do
	"$CRONKEEP" exec --id burst -- sh -c "echo run $i" >/dev/null 2>&1 &
	i=$((i + 1))
done
wait
n=$(rows "select count(*) from runs where id = 'burst' and status = 'ok'")
if [ "$n" -eq 50 ]; then ok; else fail "50 concurrent runs: $n recorded"; fi

# --no-overlap: a second run while the first is going is skipped.
"$CRONKEEP" exec --id lock --no-overlap -- sleep 3 >/dev/null 2>&1 &
bg=$!
sleep 1
run exec --id lock --no-overlap -- echo second
expect_rc 0 "skipped run exits 0"
expect_out_lacks 'second' "the skipped run did not run"
expect_err_has 'skipped' "skip reported"
wait $bg
run history --json --id lock
expect_json '[r["status"] for r in d["runs"]] == ["ok", "skipped"] or [r["status"] for r in d["runs"]] == ["skipped", "ok"]' "one ok, one skipped"

# --not-before in the future: nothing runs, nothing recorded.
run exec --id later --not-before '2999-01-01' -- echo ran
expect_rc 0 "not yet"
expect_out_empty "nothing ran before --not-before"
n=$(rows "select count(*) from runs where id = 'later'")
[ "$n" -eq 0 ] && ok || fail "not-before recorded a run"

# --once and --not-after on a crontab file: the job removes itself.
cat > "$T_TMP/tab" <<'X'
MAILTO=""
# cronkeep: once
0 4 1 6 * cronkeep exec --id once --once -- /bin/true
# cronkeep: keep
0 5 * * * /bin/keep
X
run -f "$T_TMP/tab" exec --id once --once -- sh -c 'exit 1'
expect_rc 1 "a failed --once run"
if grep -q 'id once' "$T_TMP/tab"; then ok; else fail "a failed --once run must stay"; fi
run -f "$T_TMP/tab" exec --id once --once -- true
expect_rc 0 "--once success"
if grep -q 'id once' "$T_TMP/tab"; then fail "--once job still there"; else ok; fi
if grep -q '^0 5 \* \* \* /bin/keep$' "$T_TMP/tab" && grep -q '^MAILTO=""$' "$T_TMP/tab"; then ok; else
	fail "other lines must stay"; fi
run -f "$T_TMP/tab" exec --id keep --not-after '2000-01-01' -- echo never
expect_rc 0 "expired"
expect_out_lacks 'never' "an expired job does not run"
if grep -q '/bin/keep' "$T_TMP/tab"; then fail "expired job still there"; else ok; fi
run history --json --id keep
expect_json 'd["runs"][0]["status"] == "expired"' "expiry recorded"

# --once through the real crontab(1) for a throwaway user.
if [ "$(id -u)" -eq 0 ] && command -v crontab >/dev/null && command -v useradd >/dev/null; then
	u=ckex$$
	useradd -M -d /nonexistent -s /usr/sbin/nologin "$u" 2>/dev/null || skip "useradd failed"
	trap 'crontab -u "$u" -r 2>/dev/null; userdel "$u" 2>/dev/null; rm -rf "$T_TMP"' EXIT
	printf '# cronkeep: once\n0 4 1 6 * cronkeep exec --id once --once -- /bin/true\n# cronkeep: other\n*/5 * * * * /bin/other\n' > "$T_TMP/u"
	crontab -u "$u" "$T_TMP/u"
	run -u "$u" exec --id once --once -- true
	expect_rc 0 "--once on a real crontab"
	crontab -u "$u" -l > "$T_TMP/after" 2>&1
	if grep -q 'id once' "$T_TMP/after"; then fail "real crontab still has the --once job"; else ok; fi
	if grep -q '/bin/other' "$T_TMP/after"; then ok; else fail "real crontab lost another job"; fi
else
	echo "note: not root or no crontab(1): the real crontab(1) part is not run" >&2
fi

# set --once writes a line that runs through exec --once and then removes
# itself; run the line's command the way cron would (sh -c).
printf '# cronkeep: keep\n0 5 * * * /bin/keep\n' > "$T_TMP/oncetab"
run -f "$T_TMP/oncetab" set --id later --once '2999-06-01 04:30' -- touch "$T_TMP/done"
expect_rc 0 "set --once"
expect_out created "created"
if grep -q "^30 4 1 6 \* '.*' -f '$T_TMP/oncetab' exec --id later --once --not-after '2999-06-02 04:30' -- /bin/sh -c 'touch $T_TMP/done'\$" "$T_TMP/oncetab"; then ok; else
	cat "$T_TMP/oncetab" >&2; fail "the --once line"; fi
run -f "$T_TMP/oncetab" list --json
cmd=$(python3 -c 'import json,sys; print([j["command"] for j in json.load(open(sys.argv[1]))["jobs"] if j["id"] == "later"][0])' "$OUT")
sh -c "$cmd" >/dev/null 2>&1
[ -f "$T_TMP/done" ] && ok || fail "the once job ran"
if grep -q 'id later' "$T_TMP/oncetab"; then fail "the once job removed itself"; else ok; fi
grep -q '/bin/keep' "$T_TMP/oncetab" && ok || fail "other job kept"
run -f "$T_TMP/oncetab" set --id past --once '2000-01-01 00:00' -- true
expect_rc 65 "--once in the past"
expect_err_has 'in the past' "said"

# set --when: a phrase becomes the cron line.
run -f "$T_TMP/oncetab" set --id evening --when 'every weekday at 18:30' -- /bin/evening
expect_rc 0 "set --when"
grep -q '^30 18 \* \* 1-5 /bin/evening$' "$T_TMP/oncetab" && ok || { cat "$T_TMP/oncetab" >&2; fail "--when line"; }
run -f "$T_TMP/oncetab" set --id odd --when 'every 7 hours' -- /bin/odd
expect_rc 65 "a phrase cron cannot say exactly is refused"
expect_err_has 'every 7 hours' "the phrase named"

# list --status shows each job's last recorded run.
printf '# cronkeep: plain\n0 1 * * * /bin/plain\n# cronkeep: ok\n0 2 * * * /bin/ok\n# cronkeep: never-ran\n0 3 * * * /bin/n\n' > "$T_TMP/status"
run -f "$T_TMP/status" list --status --json
expect_rc 0 "list --status"
expect_json '[j["last_run"] and j["last_run"]["status"] for j in d["jobs"]] == ["failed", "ok", None]' "last run status per job"
expect_json 'd["jobs"][0]["last_run"]["exit"] == 3' "exit status of the last run"
run -f "$T_TMP/status" list --status
expect_out_has 'LAST RUN +STATUS' "status columns"
expect_out_has 'failed \(exit 3\)' "failed run shown with its exit status"

run exec --id x
expect_rc 2 "no command"
run exec -- true
expect_rc 2 "no id"
run exec --id 'bad id' -- true
expect_rc 2 "bad id"

finish
