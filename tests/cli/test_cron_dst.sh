#!/bin/sh
# SPDX-License-Identifier: ISC
# Debian's cron daemon across a DST forward jump (Europe/Berlin,
# 2027-03-28 02:00 CET -> 03:00 CEST) under libfaketime, against
# `cronkeep --dialect debian next`.
#
# cron(8) runs in a private mount namespace: its spool, /etc/cron.d and
# /etc/crontab are this test's, /run is a folder of the test (the pid file
# shows the daemon has started).  FAKETIME is a fixed offset (no speed-up),
# so the fake clock is the real one plus OFFSET exactly: the jobs append
# the real `date +%s` and the test adds OFFSET.  The fake clock starts
# LEAD seconds before the jump; the daemon must have started (pid file)
# before the jump, else the run is repeated with a longer lead.  The runs
# are read once the every-minute job has run after the jump (or after
# 90 s).  Skipped only when the daemon cannot start at all.
. "$(dirname "$0")/lib.sh"

CRON=/usr/sbin/cron
[ -x "$CRON" ] || skip "needs Debian's cron(8)"
[ "$(id -u)" -eq 0 ] || skip "needs root to run cron(8)"
LIBFT=
for f in /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1; do
	[ -f "$f" ] && { LIBFT=$f; break; }
done
[ -n "$LIBFT" ] || skip "needs libfaketime (Debian package faketime)"
[ -f /usr/share/zoneinfo/Europe/Berlin ] || skip "needs tzdata"
unshare -m true 2>/dev/null || skip "needs unshare -m"
[ -d /var/spool/cron/crontabs ] && [ -d /etc/cron.d ] && [ -f /etc/crontab ] ||
    skip "needs cron's folders (/var/spool/cron/crontabs, /etc/cron.d)"

JUMP=1806195600		# 2027-03-28 01:00:00 UTC: 02:00 CET is 03:00 CEST
runs=$T_TMP/runs

# schedule TAB name; 2027-03-28 is a Sunday.
cat > "$T_TMP/jobs" <<'EOF'
0,30 2 * * *	twice_skipped
0 2-3 * * *	skipped_and_three
30 2 * * *	half_past_two
0 3 * * *	three
*/20 * * * *	wild_step
15 2 * * 0	sunday_quarter
0 2 * * 1	monday
59 1 * * *	before_start
* * * * *	every
EOF

# attempt LEAD: run the daemon from LEAD fake seconds before the jump.
# Sets $result: done, late (started after the jump) or dead.
attempt() {
	rm -rf "$runs" "$T_TMP/spool" "$T_TMP/crond" "$T_TMP/run"
	mkdir -p "$runs" "$T_TMP/spool" "$T_TMP/crond" "$T_TMP/run"
	chmod 777 "$runs"
	: > "$T_TMP/crontab.sys"
	{
		printf 'SHELL=/bin/sh\nMAILTO=""\n'
		while IFS='	' read -r s n; do
			printf '%s date +\\%%s >> %s/%s\n' "$s" "$runs" "$n"
		done < "$T_TMP/jobs"
	} > "$T_TMP/spool/root"
	chmod 600 "$T_TMP/spool/root"
	chgrp crontab "$T_TMP/spool" 2>/dev/null
	chmod 1730 "$T_TMP/spool"
	now=$(date +%s)
	offset=$((JUMP - $1 - now))
	start_fake=$((now + offset))
	unshare -m sh -c 'mount --bind "$1" /var/spool/cron/crontabs &&
	    mount --bind "$2" /etc/cron.d && mount --bind "$3" /etc/crontab &&
	    mount --bind "$4" /run &&
	    exec env TZ=Europe/Berlin LD_PRELOAD="$5" FAKETIME="$6" \
	    FAKETIME_DONT_FAKE_MONOTONIC=1 /usr/sbin/cron -f' sh \
	    "$T_TMP/spool" "$T_TMP/crond" "$T_TMP/crontab.sys" "$T_TMP/run" \
	    "$LIBFT" "+$offset" >"$T_TMP/cron.out" 2>&1 &
	cron_pid=$!
	result=
	jump_real=$((JUMP - offset))
	while :; do
		now=$(date +%s)
		if ! kill -0 "$cron_pid" 2>/dev/null; then
			result=dead
			break
		fi
		if [ -z "$result" ] && [ -s "$T_TMP/run/crond.pid" ]; then
			result=started
			[ "$now" -lt "$jump_real" ] || result=late
			[ "$result" = late ] && break
		fi
		# The every-minute job has run after the jump: 03:00 is done.
		if [ "$result" = started ] && [ -s "$runs/every" ] &&
		    [ "$(($(tail -n 1 "$runs/every") + offset))" -ge "$JUMP" ]; then
			sleep 3
			result=done
			break
		fi
		if [ "$now" -ge $((jump_real + 90)) ]; then
			sleep 3
			result=done
			break
		fi
		sleep 1
	done
	kill "$cron_pid" 2>/dev/null
	wait "$cron_pid" 2>/dev/null
}

for lead in 15 40; do
	attempt "$lead"
	[ "$result" = late ] || break
	printf 'note: cron(8) started after the jump with a lead of %s s; again\n' \
	    "$lead" >&2
done
case $result in
dead)	cat "$T_TMP/cron.out" >&2
	skip "cron(8) did not start (another daemon? no faketime?)" ;;
late)	fail "cron(8) took longer than 40 s to start, twice"; finish; exit 1 ;;
esac

# The minutes each job ran, fake local time, against cronkeep next from
# the fake start up to the last minute the every-minute job (the last line
# of the crontab) ran in.
[ -s "$runs/every" ] || { cat "$T_TMP/cron.out" >&2
	fail "cron(8) ran nothing within 90 s of the jump"; finish; exit 1; }
from=$(TZ=Europe/Berlin date -d "@$start_fake" '+%Y-%m-%d %H:%M:%S')
endmin=$(TZ=Europe/Berlin date -d "@$(($(tail -n 1 "$runs/every") + offset))" '+%Y-%m-%dT%H:%M')
total=0
while IFS='	' read -r s n; do
	got=
	if [ -f "$runs/$n" ]; then
		while read -r t; do
			got="$got $(TZ=Europe/Berlin date -d "@$((t + offset))" '+%Y-%m-%dT%H:%M')"
		done < "$runs/$n"
	fi
	run --dialect debian next -c 10 --tz Europe/Berlin --from "$from" "$s"
	want=$(awk -v e="$endmin" '$2 "T" $3 <= e { print $2 "T" $3 }' "$OUT" |
	    sort | tr '\n' ' ')
	got=$(echo $got | tr ' ' '\n' | awk -v e="$endmin" 'NF && $0 <= e' | sort | tr '\n' ' ')
	if [ "$got" = "$want" ]; then ok; else
		fail "'$s': cron ran at [${got% }], cronkeep next says [${want% }]"
	fi
	total=$((total + $(echo $got | wc -w)))
done < "$T_TMP/jobs"
[ "$total" -gt 0 ] || fail "cron(8) ran no job at all (from $from to $endmin)"
printf 'note: %s runs compared, fake time %s to %s\n' "$total" "$from" "$endmin" >&2
finish
