#!/bin/sh
# SPDX-License-Identifier: ISC
# Output that fits (issue 20): every table fits the width (COLUMNS when
# piped, the terminal's on a terminal) with the long free text cut by
# "…" between characters; --wide, and piped output without COLUMNS, are
# whole.  The width rules live in src/cli/width.c.
. "$(dirname "$0")/lib.sh"

unset COLUMNS
export TZ=UTC
export CRONKEEP_NOW=1795176030		# 2026-11-20 10:00:30 UTC
export CRONKEEP_HISTORY_DB="$T_TMP/h.db"
ELL=$(printf '\342\200\246')
TAIL=TAILMARK-END-OF-THE-LONG-COMMAND

# fits N DESCRIPTION: stdout has lines, none wider than N columns.
fits() {
	if [ ! -s "$OUT" ]; then
		fail "$2: no output"
		return
	fi
	if python3 -c '
import sys, unicodedata
limit = int(sys.argv[2])
bad = 0
for line in open(sys.argv[1], encoding="utf-8").read().splitlines():
    n = sum(0 if unicodedata.combining(c) else
            2 if unicodedata.east_asian_width(c) in "WF" else 1
            for c in line)
    if n > limit:
        print("%d columns: %s" % (n, line), file=sys.stderr)
        bad = 1
sys.exit(bad)' "$OUT" "$1"; then ok; else
		fail "$2: a line is wider than $1 columns"; fi
}
# at N ARGS...: run cronkeep as run() does, with COLUMNS=N.
at() {
	_c=$1
	shift
	RC=0
	COLUMNS=$_c "$CRONKEEP" "$@" >"$OUT" 2>"$ERR" || RC=$?
}
# cut_here DESCRIPTION: the long command is cut with the ellipsis.
cut_here() {
	expect_out_has "$ELL" "$1: cut with …"
	expect_out_lacks "$TAIL" "$1: the end of the command is not shown"
}
# whole DESCRIPTION: nothing is cut.
whole() {
	expect_out_has "$TAIL" "$1: the whole command"
	expect_out_lacks "$ELL" "$1: nothing cut"
}

# A long command with UTF-8 (é, and 日本 two columns a character).
LONG="/usr/local/bin/backup-database --compress --destination"
LONG="$LONG /srv/backups/nightly --keep 14 --notify ops@example.com"
LONG="$LONG caf$(printf '\303\251') $(printf '\346\227\245\346\234\254') $TAIL"
TAB=$T_TMP/tab
{
	printf '# cronkeep: backup\n17 3 * * 1-5 %s\n' "$LONG"
	printf '# cronkeep: often\n*/5 * * * * /usr/bin/env python3 '
	printf '/opt/monitoring/check_services.py --all %s\n' "$TAIL"
	printf '0 2 * * * /usr/local/sbin/another-job-at-two --flags %s\n' \
	    "$TAIL"
} > "$TAB"
R=$T_TMP/root
mkdir -p "$R/etc/cron.d" "$R/var/log"
printf 'SHELL=/bin/sh\n17 * * * * root %s\n' "$LONG" > "$R/etc/crontab"

# ---- COLUMNS=80, piped: every table fits and the command is cut ----
for args in "list" "list --next" "list --explain" "list --next --explain" \
    "list -v" "list --status" "find --command backup" \
    "find --command . --next --explain"; do
	at 80 -f "$TAB" $args
	expect_rc 0 "$args"
	fits 80 "$args"
	cut_here "$args"
done
at 80 --root "$R" -s list --next
expect_rc 0 "-s list"
expect_out_has '^SOURCE +SCHEDULE +USER ' "-s list has the USER column"
fits 80 "-s list --next"
cut_here "-s list --next"

at 80 -f "$TAB" stats --from 2026-11-20 --days 2 --max 1
fits 80 "stats"
expect_out_has "^busiest minutes of the day:" "stats: the busiest minutes"
at 80 -f "$TAB" timeline --day 2026-11-20
expect_rc 0 "timeline"
fits 80 "timeline"
expect_out_has "$ELL" "timeline: labels cut with …"
at 80 -f "$TAB" timeline --week --from 2026-11-16
fits 80 "timeline --week"

# The fleet view: list, find and timeline of inventories.
"$CRONKEEP" -f "$TAB" inventory --host web-1 > "$T_TMP/inv.json"
at 80 list --inventory "$T_TMP/inv.json"
expect_rc 0 "list --inventory"
fits 80 "list --inventory"
cut_here "list --inventory"
at 80 find --command . --inventory "$T_TMP/inv.json"
fits 80 "find --inventory"
cut_here "find --inventory"
at 80 timeline --inventory "$T_TMP/inv.json" --day 2026-11-20
expect_rc 0 "timeline --inventory"
fits 80 "timeline --inventory"
run list --inventory "$T_TMP/inv.json"
whole "piped list --inventory"

# stats of a fleet: two hosts of a group with a long name, one of them
# with the backup at another time (drift): the tables' job and group
# columns cut, the header and the drift line wrapped at blanks.
sed 's/^17 3 /17 4 /' "$TAB" > "$T_TMP/tab2"
mkdir "$T_TMP/fleet"
"$CRONKEEP" -f "$TAB" inventory --host web-1 \
    --group the-web-servers-in-the-second-datacentre > "$T_TMP/fleet/1.json"
"$CRONKEEP" -f "$T_TMP/tab2" inventory --host web-2 \
    --group the-web-servers-in-the-second-datacentre > "$T_TMP/fleet/2.json"
for c in 80 60; do
	at $c stats --inventory "$T_TMP/fleet" --from 2026-11-20
	expect_rc 0 "COLUMNS=$c stats --inventory"
	fits $c "COLUMNS=$c stats --inventory"
	expect_out_has "^  /usr/local[^ ]*$ELL +2 +2 +2026-11-20 02:00  the-web[^ ]*$ELL\$" \
	    "COLUMNS=$c stats --inventory: the job and its groups cut"
	expect_out_has "^    .*$TAIL" \
	    "COLUMNS=$c stats --inventory: the drift line wrapped, whole"
done
expect_out_has "^  the-web-servers[^ ]*$ELL +2 +4 +2026-11-20 02:00\$" \
    "COLUMNS=60 stats --inventory: the group cut"
at 80 --wide stats --inventory "$T_TMP/fleet" --from 2026-11-20
expect_out_has "^  /usr/local/sbin/another-job-at-two --flags $TAIL +2 +2 " \
    "--wide stats --inventory: the job whole"
expect_out_has "^  the-web-servers-in-the-second-datacentre +2 +4 " \
    "--wide stats --inventory: the group whole"
expect_out_lacks "$ELL" "--wide stats --inventory: nothing cut"
expect_out_lacks "^    " "--wide stats --inventory: nothing wrapped"
run stats --inventory "$T_TMP/fleet" --from 2026-11-20
expect_out_lacks "$ELL" "piped stats --inventory: nothing cut"
expect_out_has "^fleet: 2 hosts .* \\(UTC\\)\$" "piped stats --inventory: one header line"

# missed: jobs no log has a run of.
: > "$T_TMP/empty.log"
at 80 -f "$TAB" missed --since '2026-11-20 08:00' \
    --log-file "$T_TMP/empty.log"
expect_rc 1 "missed"
expect_out_has '^missed ' "missed lists the fire times"
fits 80 "missed"

# log: cron's log of a long command.
printf 'Nov 20 04:00:01 web-1 CRON[700]: (alice) CMD (%s)\n' "$LONG" \
    > "$R/var/log/syslog"
touch -d '2026-11-20 12:00:00' "$R/var/log/syslog"
at 80 --root "$R" log
expect_rc 0 "log"
fits 80 "log"
cut_here "log"

# history: a long last line of output, a long id.
if [ "${CK_HISTORY:-1}" = 1 ]; then
	CRONKEEP_NOW= "$CRONKEEP" exec --id backup -- printf '%s\n' "$LONG" \
	    > /dev/null
	CRONKEEP_NOW= "$CRONKEEP" exec --id \
	    a-rather-long-job-identifier-of-40-chars -- true
	at 80 history
	expect_rc 0 "history"
	fits 80 "history"
	cut_here "history"
	run history
	expect_out_has "$TAIL" "history piped: the whole output line"
	expect_out_has "a-rather-long-job-identifier-of-40-chars" \
	    "history piped: the whole id"
fi

# ---- --wide: everything, whatever COLUMNS says ----
at 80 --wide -f "$TAB" list --explain
whole "--wide list"
at 80 -f "$TAB" list --wide
whole "list --wide (after the command)"
at 80 --wide --root "$R" log
whole "--wide log"

# ---- piped without COLUMNS: scripts get whole lines ----
run -f "$TAB" list --next --explain
whole "piped list"
run -f "$TAB" find --command .
whole "piped find"
run --root "$R" -s list
whole "piped -s list"
run --root "$R" log
whole "piped log"

# ---- COLUMNS=60 ----
for args in "list" "list --explain" "find --command ."; do
	at 60 -f "$TAB" $args
	fits 60 "COLUMNS=60 $args"
	cut_here "COLUMNS=60 $args"
done
at 60 -f "$TAB" timeline --day 2026-11-20
fits 60 "COLUMNS=60 timeline"
at 60 --root "$R" log
fits 60 "COLUMNS=60 log"

# A COLUMNS that is no number is no width.
at wide -f "$TAB" list
whole "COLUMNS=wide"

# ---- a terminal: its width, not COLUMNS ----
if command -v script >/dev/null 2>&1; then
	# tty COLS ARGS...: cronkeep on a pty COLS wide, its output in $OUT.
	tty() {
		_cols=$1
		shift
		script -qec "stty cols $_cols; COLUMNS=200 '$CRONKEEP' $*" \
		    /dev/null < /dev/null > "$T_TMP/raw" 2>&1
		tr -d '\r' < "$T_TMP/raw" > "$OUT"
	}
	tty 80 -f "'$TAB'" list --next
	fits 80 "a terminal 80 wide"
	cut_here "a terminal 80 wide"
	tty 70 -f "'$TAB'" list
	fits 70 "a terminal 70 wide"
	tty 80 --wide -f "'$TAB'" list
	whole "a terminal, --wide"
else
	printf 'note: script(1) missing, terminal checks not run\n' >&2
fi

finish
