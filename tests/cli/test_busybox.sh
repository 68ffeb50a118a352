#!/bin/sh
# SPDX-License-Identifier: ISC
# --dialect busybox against the real busybox crond (Debian's busybox-static,
# 1.35), in a private mount namespace (its pid file and mail files go to
# tmpfs):
# 1. one crontab with the weekday-7 spellings (7, 0,7, T-7, tue-7, 0-7/7),
#    controls, the variables busybox ignores, MAILTO= and a command that is
#    only a carriage return; the daemon runs until the first minute has
#    fired (at most ~75 s): each job ran exactly when
#    `cronkeep --dialect busybox next` says it runs in that minute;
# 2. its parse log: "parse error" on exactly the lines check calls errors;
# 3. the jobs' environment has none of the ignored variables;
# 4. MAILTO="" mails (to '""'); an @keyword line makes the daemon crash.
. "$(dirname "$0")/lib.sh"

BB=$(command -v busybox) || skip "needs busybox (Debian: busybox-static)"
"$BB" crond --help 2>&1 | grep -q 'Cron dir' || skip "this busybox has no crond"
[ "$(id -u)" -eq 0 ] ||
    skip "needs root (busybox crond reads only crontabs owned by root)"
unshare -m true 2>/dev/null || skip "needs unshare -m"

# crond DIR LOG: busybox crond in the foreground, pid file on tmpfs.
crond() {
	unshare -m sh -c 'mount -t tmpfs tmpfs /run &&
	    { [ ! -d /var/spool/cron ] ||
	      mount -t tmpfs tmpfs /var/spool/cron; } &&
	    exec "$0" crond -f -l 0 -L "$2" -c "$1"' \
	    "$BB" "$1" "$2" >"$T_TMP/crond.out" 2>&1 &
	crond_pid=$!
}

out=$T_TMP/runs
mkdir -p "$T_TMP/spool" "$out"
start=$(date -u '+%Y-%m-%d %H:%M:%S')
w=$(date -u +%w)
t=$(( (w + 1) % 7 ))
tname=$(echo sun mon tue wed thu fri sat | cut -d' ' -f$((t + 1)))
tdom=$(date -u -d tomorrow +%-d)
# The job lines: schedule TAB name.
cat > "$T_TMP/jobs" <<EOF
* * * * 7	seven
* * * * 0,7	zero_seven
* * * * $t-7	tomorrow_seven
* * * * $tname-7	name_seven
* * * * $t	control_tomorrow
* * * * $t-$w	wrap
* * * * 0-7/7	step_seven
* * $tdom * 7	dom_seven
* * * * *	every
EOF
{
	printf 'FOO=bar\nPATH=/nonexistent\nTZ=Asia/Tokyo\nMAILTO=\n'
	printf 'SHELL=/bin/sh\n'
	while IFS='	' read -r s n; do
		printf '%s echo %s >> %s/%s\n' "$s" "$n" "$out" "$n"
	done < "$T_TMP/jobs"
	printf '* * * * * env > %s/env\n' "$out"
	printf '* * * * * \r\n'
} > "$T_TMP/spool/root"
# MAILTO="" is an address to busybox: output is mailed.
printf 'MAILTO=""\n* * * * * echo output\n' > "$T_TMP/spool/daemon"

crond "$T_TMP/spool" "$T_TMP/log"
i=0
while [ ! -s "$out/env" ] && [ $i -lt 80 ]; do
	if ! kill -0 "$crond_pid" 2>/dev/null; then
		cat "$T_TMP/crond.out" "$T_TMP/log" >&2 2>/dev/null
		skip "busybox crond did not start"
	fi
	sleep 1
	i=$((i + 1))
done
# busybox mails at its next wakeup, about ten seconds after the jobs.
i=0
while ! grep -q 'sendmail\|mail file' "$T_TMP/log" && [ $i -lt 20 ]; do
	sleep 1
	i=$((i + 1))
done
kill "$crond_pid" 2>/dev/null
wait "$crond_pid" 2>/dev/null
[ -s "$out/env" ] || { fail "busybox crond ran nothing within 80 s"; finish; exit 1; }

# 1. Every job ran iff cronkeep's first fire time after the start is the
# minute the daemon fired.
run --dialect busybox next -c 1 --json --from "${start}Z" '* * * * *'
fired=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["next"][0])' < "$OUT")
while IFS='	' read -r s n; do
	run --dialect busybox next -c 1 --json --from "${start}Z" "$s"
	want=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["next"][0])' < "$OUT")
	if [ "$want" = "$fired" ]; then want=ran; else want=idle; fi
	if [ -s "$out/$n" ]; then got=ran; else got=idle; fi
	if [ "$want" = "$got" ]; then ok; else
		fail "'$s' ($n, $(date -u +%a)): busybox $got, cronkeep says $want"
	fi
done < "$T_TMP/jobs"

# 2. The parse log names the lines cronkeep calls errors (one entry per
# line read; the file may be read twice).
nl=$(wc -l < "$T_TMP/spool/root")
awk -v n="$nl" '/user:root entry:/ { k++ }
    /user root: parse error/ && k <= n { print k }' \
    "$T_TMP/log" | sort -un > "$T_TMP/bb.err"
run --dialect busybox check "$T_TMP/spool/root"
grep ': error: ' "$ERR" | cut -d: -f2 | sort -un > "$T_TMP/ck.err"
if [ -s "$T_TMP/bb.err" ] && cmp -s "$T_TMP/bb.err" "$T_TMP/ck.err"; then ok
else
	fail "error lines: busybox $(tr '\n' ' ' < "$T_TMP/bb.err"), cronkeep $(tr '\n' ' ' < "$T_TMP/ck.err")"
fi
expect_err_has '"7": .*busybox runs this every day' "weekday 7: every day"
expect_err_has 'busybox ignores the weekday and runs this on the days of month only' \
    "weekday 7 with a day of month"
expect_err_has 'busybox crond ignores FOO=' "FOO= is ignored"
expect_err_has 'busybox crond ignores TZ here' "TZ is ignored"
expect_err_has "busybox's cron accepts the line and runs" "CR command: warning"
if grep -q ':4:[0-9]*: ' "$ERR"; then fail "MAILTO= (empty) is fine in busybox"
else ok; fi

# 3. The environment: the ignored variables are not there.
for v in FOO=bar PATH=/nonexistent TZ=Asia/Tokyo; do
	if grep -qx "$v" "$out/env"; then fail "busybox passed $v to the job"
	else ok; fi
done
# The carriage-return job is kept and run.
if grep -q "$(printf ' line \r$')" "$T_TMP/log"; then ok; else
	fail "busybox did not keep the carriage-return command"; fi

# 4. MAILTO="" makes busybox mail (it keeps the quotes) ...
if grep -q 'sendmail\|mail file' "$T_TMP/log" "$T_TMP/crond.out"; then ok
else fail "busybox did not try to mail with MAILTO=\"\""; fi
run --dialect busybox check "$T_TMP/spool/daemon"
expect_err_has 'does not turn mail off' 'MAILTO="": warning'
# ... and an @keyword line makes Debian's build crash.
mkdir -p "$T_TMP/kw"
printf '@daily true\n' > "$T_TMP/kw/root"
crond "$T_TMP/kw" "$T_TMP/kwlog"
i=0
while kill -0 "$crond_pid" 2>/dev/null && [ $i -lt 10 ]; do
	sleep 1
	i=$((i + 1))
done
if kill -0 "$crond_pid" 2>/dev/null; then
	kill "$crond_pid"
	wait "$crond_pid" 2>/dev/null
	fail "busybox crond did not crash on an @keyword line"
else
	rc=0
	wait "$crond_pid" 2>/dev/null || rc=$?
	if [ "$rc" -gt 128 ]; then ok; else
		fail "busybox crond exited $rc on an @keyword line (expected a signal)"
	fi
fi
run --dialect busybox check "$T_TMP/kw/root"
expect_err_has 'crashes when it reads an @keyword line' "@keyword: warning"

finish
