#!/bin/sh
# SPDX-License-Identifier: ISC
# missed compares each job's fire times with the runs cron logged and the
# runs exec recorded: a generated log with known gaps, late and failed
# runs; DST nights in Europe/Berlin where the daemon's runs at the jump
# are what is expected; a log Debian's cron wrote (tests/vectors); exec
# history made under faketime for overlaps and failures; --json,
# --nagios, bad input.
. "$(dirname "$0")/lib.sh"

# No history but the test's own (the default one may hold other runs).
export CRONKEEP_HISTORY_DB="$T_TMP/no-history.db"

# --- A generated syslog (classic stamps, TZ=UTC) with known gaps. ---
cat > "$T_TMP/tab" <<'EOF2'
# cronkeep: every
* * * * * /usr/bin/every
# cronkeep: five
*/5 * * * * /usr/bin/five --flag
EOF2
L=$T_TMP/syslog
: > "$L"
pid=1000
for h in 10; do	# one hour
	for m in $(seq 0 59); do
		mm=$(printf %02d "$m")
		pid=$((pid + 2))
		# every: no run at 10:07 and 10:33; 10:20 starts 45 s late.
		case $m in
		7|33) ;;
		20) echo "Nov 20 $h:$mm:45 web-1 CRON[$pid]: (alice) CMD (/usr/bin/every)" >> "$L" ;;
		*) echo "Nov 20 $h:$mm:01 web-1 CRON[$pid]: (alice) CMD (/usr/bin/every)" >> "$L" ;;
		esac
		echo "Nov 20 $h:$mm:01 web-1 CRON[$((pid + 1))]: (bob) CMD (/usr/bin/other)" >> "$L"
		[ $((m % 5)) -eq 0 ] || continue
		# five: 10:15 starts 150 s late, 10:40 never, 10:30 fails.
		case $m in
		15) echo "Nov 20 $h:17:30 web-1 CRON[5015]: (alice) CMD (/usr/bin/five --flag)" >> "$L" ;;
		40) ;;
		30) echo "Nov 20 $h:30:01 web-1 CRON[5030]: (alice) CMD (/usr/bin/five --flag)" >> "$L"
		    echo "Nov 20 $h:30:09 web-1 CRON[5030]: (CRON) error (grandchild #5031 failed with exit status 2)" >> "$L" ;;
		*) echo "Nov 20 $h:$mm:01 web-1 CRON[$((5000 + m))]: (alice) CMD (/usr/bin/five --flag)" >> "$L" ;;
		esac
	done
done
touch -d '2026-11-20 12:00:00' "$L"
# 11:00:30: the runs of 11:00 are not due yet (1 minute of grace).
NOW=$(date -u -d '2026-11-20 11:00:30' +%s)
export CRONKEEP_NOW="$NOW"

run -f "$T_TMP/tab" missed --since '2026-11-20 10:00' --log-file "$L"
expect_rc 1 "runs were missed"
expect_out_has '^missed +2026-11-20 10:07  every  .*/tab:2  no run$' "every 10:07 missed"
expect_out_has '^missed +2026-11-20 10:33  every ' "every 10:33 missed"
expect_out_has '^missed +2026-11-20 10:40  five ' "five 10:40 missed"
expect_out_has '^late +2026-11-20 10:15  five  .*started 2026-11-20T10:17:30\+00:00, 150 s late' "five 10:15 late"
expect_out_has '^failed +2026-11-20 10:30  five  .*exit 2 \(.*/syslog:[0-9]+\)$' "five 10:30 failed (cron -L 4 line)"
expect_out_lacks '11:00' "11:00 is within the grace: not missed yet"
expect_out_lacks '10:20' "45 s late is within the default grace"
expect_out_has '^3 missed, 1 late, 0 overlapping, 1 failed \(2 jobs, 74 fire times\)$' "the count"

run -f "$T_TMP/tab" missed --since '2026-11-20 10:00' --until '2026-11-20T11:00:00Z' --grace 30s --log-file "$L" --json
expect_rc 1 "--json"
expect_json '[(m["id"], m["time"]) for m in d["missed"]] == [("every", "2026-11-20T10:07:00+00:00"), ("every", "2026-11-20T10:33:00+00:00"), ("five", "2026-11-20T10:40:00+00:00")]' "missed runs, RFC 3339"
expect_json 'all(m["source"].endswith("/tab") and m["line"] in (2, 4) for m in d["missed"])' "source and line of each job"
expect_json '[(x["id"], x["time"], x["start"], x["delay"]) for x in d["late"]] == [("five", "2026-11-20T10:15:00+00:00", "2026-11-20T10:17:30+00:00", 150), ("every", "2026-11-20T10:20:00+00:00", "2026-11-20T10:20:45+00:00", 45)]' "--grace 30s: 10:20 is late too"
expect_json 'len(d["failures"]) == 1 and {k: v for k, v in d["failures"][0].items() if k not in ("source", "log")} == {"line": 4, "id": "five", "label": "five", "time": "2026-11-20T10:30:01+00:00", "exit": 2, "signal": None, "status": "failed", "from": "log"}' "failure from the log"
expect_json 'd["failures"][0]["log"] == "'"$L"':%d" % (open("'"$L"'").read().split("\n").index("Nov 20 10:30:01 web-1 CRON[5030]: (alice) CMD (/usr/bin/five --flag)") + 1)' "the log line of the failed run"
expect_json 'd["overlaps"] == [] and d["jobs"] == 2 and d["fires"] == 72 and d["grace"] == 30' "jobs, fires, grace"

run -f "$T_TMP/tab" missed --id every --since '2026-11-20 10:00' --until '2026-11-20 10:30' --log-file "$L" --nagios
expect_rc 2 "--nagios: missed runs are CRITICAL"
expect_out 'CRONKEEP CRITICAL - 1 missed, 0 late, 0 overlapping, 0 failed (1 jobs, 30 fire times) | missed=1 late=0 overlaps=0 failures=0' "--nagios line"
run -f "$T_TMP/tab" missed --id five --since '2026-11-20 10:00' --until '2026-11-20 10:30' --log-file "$L" --nagios
expect_rc 1 "--nagios: a late run is a WARNING"
expect_out_has '^CRONKEEP WARNING - 0 missed, 1 late, 0 overlapping, 0 failed ' "WARNING line"
run -f "$T_TMP/tab" missed --id every --since '2026-11-20 10:34' --until '2026-11-20 11:00' --log-file "$L" --nagios
expect_rc 0 "--nagios: OK"
expect_out 'CRONKEEP OK - 0 missed, 0 late, 0 overlapping, 0 failed (1 jobs, 26 fire times) | missed=0 late=0 overlaps=0 failures=0' "OK line"
run -f "$T_TMP/tab" missed --id every --since '2026-11-20 10:34' --until '2026-11-20 11:00' --log-file "$L"
expect_rc 0 "clean: exit 0"
expect_out '0 missed, 0 late, 0 overlapping, 0 failed (1 jobs, 26 fire times)' "clean text"
# N ago counts from CRONKEEP_NOW.
run -f "$T_TMP/tab" missed --id every --since 26m --until '2026-11-20 11:00' --log-file "$L" --json
expect_json 'd["since"] == "2026-11-20T10:34:30+00:00" and d["missed"] == []' "--since 26m"
unset CRONKEEP_NOW

# --- DST nights in Europe/Berlin: the runs the daemon makes. ---
cat > "$T_TMP/dst" <<'EOF2'
# cronkeep: night
15 2 * * * /usr/bin/night
# cronkeep: night2
30 2 * * * /usr/bin/night2
# cronkeep: minutely
* * * * * /usr/bin/minutely
EOF2
D=$T_TMP/dstlog
# Every real minute from 22:00Z for 5 hours, stamped in local time as
# rsyslog does (RFC 3339): minutely runs in each, both repeated hours too.
# Spring: 02:15 and 02:30 do not exist; Debian's cron runs both at 03:00.
# Autumn: 02:15 and 02:30 come twice; they run once, in the first pass.
python3 - "$D" <<'EOF2'
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo
berlin = ZoneInfo("Europe/Berlin")
def stamp(utc):
    return utc.astimezone(berlin).isoformat(timespec="microseconds")
lines = []
for day in ((2026, 3, 28), (2026, 10, 24)):
    t0 = datetime(*day, 22, 0, 1, 123, tzinfo=timezone.utc)
    for i in range(300):
        lines.append("%s nas CRON[%d]: (root) CMD (/usr/bin/minutely)" %
                     (stamp(t0 + timedelta(minutes=i)), 7000 + i))
for pid, (utc, cmd) in enumerate([
        ((2026, 3, 29, 1, 0, 1), "night"), ((2026, 3, 29, 1, 0, 1), "night2"),
        ((2026, 10, 25, 0, 15, 1), "night"), ((2026, 10, 25, 0, 30, 1), "night2")]):
    lines.append("%s nas CRON[%d]: (root) CMD (/usr/bin/%s)" %
                 (stamp(datetime(*utc, tzinfo=timezone.utc)), 8000 + pid, cmd))
open(sys.argv[1], "w").write("".join(l + "\n" for l in lines))
EOF2
grep -Eq '^2026-03-29T03:00:01\.0+\+02:00 nas CRON\[8000\]: \(root\) CMD \(/usr/bin/night\)$' "$D" && ok || fail "the generated log has the run at the jump"
export CRONKEEP_NOW=$(date -u -d '2026-11-01' +%s)
for w in '2026-03-29 00:00|2026-03-29 04:00' '2026-10-25 00:00|2026-10-25 04:00'; do
	TZ=Europe/Berlin run -f "$T_TMP/dst" missed --since "${w%|*}" --until "${w#*|}" --log-file "$D" --json
	expect_rc 0 "DST night ${w%|*}: nothing missed"
	expect_json 'd["missed"] == [] and d["late"] == []' "DST night ${w%|*}: the daemon's runs are the expected ones"
done
TZ=Europe/Berlin run -f "$T_TMP/dst" missed --since '2026-03-29 01:50' --until '2026-03-29 03:10' --log-file "$D" --json
expect_json 'd["fires"] == 22 and d["since"] == "2026-03-29T01:50:00+01:00"' "spring: 20 minutes that exist, 2 runs at the jump"
TZ=Europe/Berlin run -f "$T_TMP/dst" missed --since '2026-10-25 01:50' --until '2026-10-25 03:10' --log-file "$D" --json
expect_json 'd["fires"] == 142' "autumn: 140 real minutes, 2 runs in the repeated hour"
# busybox crond keeps the calendar: the repeated 02:15 and 02:30 are due
# twice, so the second pass is missed in this log.
TZ=Europe/Berlin run -f "$T_TMP/dst" --dialect busybox missed --since '2026-10-25 00:00' --until '2026-10-25 04:00' --log-file "$D" --json
expect_rc 1 "busybox's DST rule expects the second pass"
expect_json '[(m["id"], m["time"]) for m in d["missed"]] == [("night", "2026-10-25T02:15:00+01:00"), ("night2", "2026-10-25T02:30:00+01:00")]' "the repeated hour's second pass"
unset CRONKEEP_NOW

# --- Exec history under faketime: overlaps and failures. ---
FT=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -n 1)
if [ "${CK_HISTORY:-1}" = 1 ]; then
	[ -n "$FT" ] || fail "libfaketime is needed (Debian package faketime)"
	DB=$T_TMP/hist.db
	cat > "$T_TMP/htab" <<'EOF2'
# cronkeep: slow
*/2 * * * * cronkeep exec --id slow -- /usr/bin/slow
# cronkeep: quick
*/2 * * * * cronkeep exec --id quick -- /usr/bin/quick
# cronkeep: flaky
*/2 * * * * cronkeep exec --id flaky -- /usr/bin/flaky
EOF2
	# exec reads the clock at the start and the end; the command sets the
	# clock for the end, so both times are known exactly.
	fexec() {	# START END ID EXIT
		echo "@$1" > "$T_TMP/clock"
		# (libfaketime before the sanitizer's runtime: allowed here.
		# Through /usr/bin/env, which valgrind does not trace: under
		# valgrind libfaketime's clock never reaches the program.)
		ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
		    FAKETIME_TIMESTAMP_FILE=$T_TMP/clock FAKETIME_NO_CACHE=1 \
		    /usr/bin/env LD_PRELOAD="$FT" \
		    "$CRONKEEP" exec --id "$3" --history-db "$DB" -- \
		    sh -c 'echo "@$1" > "$2"; exit $3' sh "$2" "$T_TMP/clock" "$4" \
		    >/dev/null 2>&1
	}
	fexec '2026-03-01 10:00:00' '2026-03-01 10:02:30' slow 0
	fexec '2026-03-01 10:00:00' '2026-03-01 10:01:30' quick 0
	fexec '2026-03-01 10:00:10' '2026-03-01 10:00:20' flaky 4
	run history --history-db "$DB" --json
	expect_json 'sorted((r["id"], r["start"][:19], r["end"][:16], r["exit"]) for r in d["runs"]) == [("flaky", "2026-03-01T10:00:10", "2026-03-01T10:00", 4), ("quick", "2026-03-01T10:00:00", "2026-03-01T10:01", 0), ("slow", "2026-03-01T10:00:00", "2026-03-01T10:02", 0)]' "exec recorded the faked times"
	: > "$T_TMP/empty.log"
	export CRONKEEP_NOW=$(date -u -d '2026-03-02' +%s)
	run -f "$T_TMP/htab" missed --since '2026-03-01 10:00' --until '2026-03-01 10:01' --log-file "$T_TMP/empty.log" --history-db "$DB" --json
	expect_rc 1 "an overlap and a failure"
	expect_json 'd["missed"] == [] and d["late"] == []' "every job ran (from the history)"
	expect_json '[(x["id"], x["time"], x["start"], x["end"][:16], x["from"]) for x in d["overlaps"]] == [("slow", "2026-03-01T10:02:00+00:00", "2026-03-01T10:00:00+00:00", "2026-03-01T10:02", "history")]' "slow still going at its next fire time, quick not"
	expect_json '[(x["id"], x["time"], x["exit"], x["status"]) for x in d["failures"]] == [("flaky", "2026-03-01T10:00:10+00:00", 4, "failed")]' "flaky failed with exit 4"
	# cron logged flaky's run too (it runs exec): one failure, not two.
	echo "Mar  1 10:00:10 web-1 CRON[300]: (root) CMD ([301] cronkeep exec --id flaky -- /usr/bin/flaky)" > "$T_TMP/flaky.log"
	echo "Mar  1 10:00:20 web-1 CRON[300]: (CRON) error (grandchild #301 failed with exit status 4)" >> "$T_TMP/flaky.log"
	touch -d '2026-03-02' "$T_TMP/flaky.log"
	run -f "$T_TMP/htab" missed --id flaky --since '2026-03-01 10:00' --until '2026-03-01 10:01' --log-file "$T_TMP/flaky.log" --history-db "$DB" --json
	expect_json '[(x["time"], x["exit"], x["from"]) for x in d["failures"]] == [("2026-03-01T10:00:10+00:00", 4, "history")]' "a run in the log and the history fails once"
	run -f "$T_TMP/htab" missed --id flaky --since '2026-03-01 10:00' --until '2026-03-01 10:01' --log-file "$T_TMP/flaky.log" --json
	expect_json '[(x["time"], x["exit"], x["from"]) for x in d["failures"]] == [("2026-03-01T10:00:10+00:00", 4, "log")]' "without the history: from the log"
	run -f "$T_TMP/htab" missed --id slow --since '2026-03-01 10:00' --until '2026-03-01 10:01' --log-file "$T_TMP/empty.log" --history-db "$DB" --nagios
	expect_rc 1 "an overlap is a WARNING"
	expect_out 'CRONKEEP WARNING - 0 missed, 0 late, 1 overlapping, 0 failed (1 jobs, 1 fire times) | missed=0 late=0 overlaps=1 failures=0' "overlap line"
	run -f "$T_TMP/htab" missed --since '2026-03-01 10:00' --until '2026-03-01 10:01' --log-file "$T_TMP/empty.log" --history-db "$DB" --nagios
	expect_rc 2 "a failure is CRITICAL"
	run -f "$T_TMP/htab" missed --id quick --since '2026-03-01 10:00' --until '2026-03-01 10:01' --log-file "$T_TMP/empty.log" --history-db "$DB"
	expect_rc 0 "quick: clean"
	# Without the history, nothing ran.
	run -f "$T_TMP/htab" missed --id quick --since '2026-03-01 10:00' --until '2026-03-01 10:01' --log-file "$T_TMP/empty.log" --history-db "$T_TMP/none.db"
	expect_rc 66 "a missing --history-db"
	expect_err_has "$T_TMP/none.db" "names the database"
	unset CRONKEEP_NOW
else
	printf 'note: built without the history: overlap checks left out\n' >&2
fi

# --- A log Debian's cron wrote (tests/vectors/cron-debian/record.sh). ---
V=$CK_VECTORS/cron-debian
cp "$V/syslog" "$T_TMP/debian.log"
touch -d '2026-12-02 15:00:00' "$T_TMP/debian.log"	# the year
export CRONKEEP_NOW=$(date -u -d '2026-12-02 15:00' +%s)
run -f "$V/crontab" --system-format missed --since '2026-12-02 14:39' --until '2026-12-02 14:41' --log-file "$T_TMP/debian.log" --json
expect_rc 1 "the job that exits 3 failed"
expect_json 'd["missed"] == [] and d["late"] == [] and d["fires"] == 4' "both jobs ran at 14:39 and 14:40"
expect_json '[(x["id"], x["time"], x["exit"], x["log"].rsplit(":", 1)[1]) for x in d["failures"]] == [("fails", "2026-12-02T14:39:01+00:00", 3, "4"), ("fails", "2026-12-02T14:40:01+00:00", 3, "18")]' "the failures Debian's cron logged, at their CMD lines"
run -f "$V/crontab" --system-format missed --id ok --since '2026-12-02 14:38' --until '2026-12-02 14:41' --log-file "$T_TMP/debian.log" --nagios
expect_rc 2 "before cron started: missed"
expect_out 'CRONKEEP CRITICAL - 1 missed, 0 late, 0 overlapping, 0 failed (1 jobs, 3 fire times) | missed=1 late=0 overlaps=0 failures=0' "14:38 missed"
run -f "$V/crontab" --system-format missed --id ok --since '2026-12-02 14:39' --until '2026-12-02 14:41' --log-file "$T_TMP/debian.log" --nagios
expect_rc 0 "the job that succeeds: OK"
# Another user's runs of the same command are not this job's.
sed 's/(root)/(daemon)/' "$T_TMP/debian.log" > "$T_TMP/daemon.log"
run -f "$V/crontab" --system-format missed --id ok --since '2026-12-02 14:39' --until '2026-12-02 14:41' --log-file "$T_TMP/daemon.log"
expect_rc 1 "runs of another user do not count"
expect_out_has '^2 missed, ' "both fire times missed for root"
unset CRONKEEP_NOW

# --- Bad input. ---
run -f "$T_TMP/tab" missed --since '2026-11-20 10:00' --log-file "$T_TMP/nope.log"
expect_rc 66 "a missing log file"
expect_err_has "$T_TMP/nope.log" "the message names the path"
run -f "$T_TMP/tab" missed --since '2026-11-20 10:00' --log-file "$T_TMP/nope.log" --nagios
expect_rc 3 "--nagios: UNKNOWN"
expect_out_has "^CRONKEEP UNKNOWN - .*nope.log" "UNKNOWN line with the path"
[ "$(wc -l < "$OUT")" -eq 1 ] && ok || fail "one status line"
run -f "$T_TMP/tab" missed --since 'yesterday-ish' --log-file "$L"
expect_rc 65 "a bad --since"
expect_err_has "since" "the message names the option"
run -f "$T_TMP/tab" missed --since '2026-02-30' --log-file "$L"
expect_rc 65 "a date that does not exist"
run -f "$T_TMP/tab" missed --since '2026-11-20 10:00' --until '2026-11-20 09:00' --log-file "$L"
expect_rc 65 "--until before --since"
run -f "$T_TMP/tab" missed --since '2026-11-20 10:00' --grace soon --log-file "$L"
expect_rc 65 "a bad --grace"
run -f "$T_TMP/tab" missed --log-file "$L"
expect_rc 2 "--since is required"
run -f "$T_TMP/tab" missed --since '2026-11-20 10:00' --log-file "$L" --id nosuch --json
expect_rc 66 "no such id"
expect_json 'd["error"]["code"] == "no-input"' "--json error object"
run -f "$T_TMP/tab" missed --since '2026-11-20 10:00' --log-file "$L" --json --nagios
expect_rc 2 "--json and --nagios"

finish
