#!/bin/sh
# SPDX-License-Identifier: ISC
# The dialects against the real crons (docs/dialects.md):
# 1. cronie's `crontab -T` verdicts on generated lines (tests/vectors,
#    recorded with the command in the file's header): check --dialect cronie
#    reports an error exactly on the lines cronie rejects;
# 2. the same for Debian's crontab(1), recorded, and re-asked live on every
#    25th line when crontab(1) and a private mount namespace are at hand;
# 3. the cases issue 21 and issue 27 (item 4) name, one by one.
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || skip "python3 is needed"
V=$CK_VECTORS

if python3 "$V/compare.py" "$CRONKEEP" cronie "$V/cronie-T.tsv" \
    --allow "$V/cronie-T.allow" --show 0 >"$OUT" 2>"$ERR"; then ok; else
	fail "cronie -T verdicts"; fi
if python3 "$V/compare.py" "$CRONKEEP" debian "$V/debian-crontab.tsv" \
    --show 0 >"$OUT" 2>"$ERR"; then ok; else
	fail "Debian crontab(1) verdicts"; fi

# The recorded Debian verdicts are still what crontab(1) says.
if [ "$(id -u)" = 0 ] && command -v crontab >/dev/null &&
    [ -d /var/spool/cron ] && unshare -m true 2>/dev/null; then
	grep -v '^#' "$V/debian-crontab.tsv" | awk 'NR % 25 == 1' \
	    > "$T_TMP/sample.tsv"
	cut -f3- "$T_TMP/sample.tsv" > "$T_TMP/sample.txt"
	unshare -m sh -c 'mount -t tmpfs tmpfs /var/spool/cron &&
	    mkdir -m 1730 /var/spool/cron/crontabs &&
	    python3 "$1" crontab -u root {} < "$2" > "$3"' sh \
	    "$V/verdicts.py" "$T_TMP/sample.txt" "$T_TMP/live.tsv" 2>"$ERR"
	cut -f1,3- "$T_TMP/sample.tsv" > "$T_TMP/want"
	cut -f1,3- "$T_TMP/live.tsv" > "$T_TMP/got"
	if [ -s "$T_TMP/got" ] && cmp -s "$T_TMP/want" "$T_TMP/got"; then ok
	else
		diff "$T_TMP/want" "$T_TMP/got" > "$OUT"
		fail "Debian's crontab(1) now judges the recorded lines otherwise"
	fi
else
	printf 'note: live crontab(1) check skipped (needs root, cron, unshare)\n' >&2
fi

# check_line DIALECT LINE RC PATTERN: one-line crontab, check's exit and text.
check_line() {
	printf '%s\n' "$2" > "$T_TMP/one.crontab"
	run --dialect "$1" check "$T_TMP/one.crontab"
	expect_rc "$3" "$1: '$2'"
	expect_err_has "$4" "$1: '$2'"
}

# A reversed range does not hide a later error on the line.
check_line cronie '5-1 14~4 * foo x' 1 'random range 14~4 in hour field is reversed'
check_line cronie '5-1 14~4 * foo x' 1 'reversed range "5-1"'
# cronie: N-0 is N-7 in every field; a reversed start is never checked;
# numbers wrap.
check_line cronie '0 0 * 5-0 * x' 0 'as 5-7'
check_line cronie '0 0 100-4 * * x' 0 'reversed range "100-4"'
check_line cronie '4294967296 * * * * x' 0 'is read as 0'
run --dialect cronie explain '4294967296 * * * *'
expect_out 'Every hour.' "cronie: 4294967296 is minute 0"
# cronie's options before the command.
check_line cronie '* * * * * -x cmd' 1 'only "-n " exists'
check_line cronie '* * * * * -ncmd' 1 'must be followed by a blank'
check_line cronie '* * * * * -n -n cmd' 1 'allows "-n" once'
check_line cronie '* * * * * -n' 1 'must be followed by a blank'
check_line cronie '* * * * * -n cmd' 0 '0 errors'
check_line cronie '-* * * * * cmd' 0 "only in root's crontab"
check_line cronie '~~ * * * * x' 1 "'~'"
check_line cronie '1~2~3 * * * * x' 1 "'~'"
# Both crons reject a command starting with '*' after an @keyword.
check_line debian '@daily * * * * * cmd' 1 "may not start with '\*'"
check_line cronie '@daily * cmd' 1 "may not start with '\*'"
# Step overflows: rejected where crontab(1) rejects them.
check_line debian '*/4294967296 * * * * x' 1 'read as 0'
check_line debian '*/2147483648 * * * * x' 1 'read as -2147483648'
check_line cronie '*/2147483648 * * * * x' 1 'out of range'
check_line debian '30-59/2147483647 * * * * x' 1 'overflows'
# busybox: weekday 7 is a parse error, but busybox keeps the line with
# every weekday set (tests/cli/test_busybox.sh runs the real crond).
for f in 7 0,7 0-7 5-7 wed-7; do
	check_line busybox "0 0 * * $f x" 1 'busybox runs this every day'
	run --dialect busybox next -c 3 --from '2027-01-04 12:00Z' "0 0 * * $f"
	expect_out_has '^Wed 2027-01-06 00:00' "busybox: '0 0 * * $f' runs on Wednesday"
done
check_line busybox '0 0 1 * 7 x' 1 'on the days of month only'
check_line busybox '0 0 * * 7 x' 1 'CK009'
run --dialect debian next -c 1 --from '2027-01-04 12:00Z' '0 0 * * 7'
expect_out_has '^Sun 2027-01-10' "debian: 7 is Sunday"
# busybox honours MAILTO and SHELL only; "MAILTO=" is no mail.
printf 'MAILTO=\n' > "$T_TMP/one.crontab"
run --dialect busybox check "$T_TMP/one.crontab"
expect_rc 0 "busybox: MAILTO= is no mail"
expect_err_lacks 'error|CK004' "busybox: MAILTO= is no mail"
check_line busybox 'FOO=bar' 0 'busybox crond ignores FOO='
check_line busybox 'TZ=Asia/Tokyo' 0 'ignores TZ here'
check_line busybox 'MAILTO=""' 0 'does not turn mail off'
check_line busybox '@daily true' 0 'crashes when it reads an @keyword'
check_line debian 'MAILTO=' 1 'unquoted empty value'
# A command that is only a carriage return: accepted, with a warning.
printf '* * * * * \r\n' > "$T_TMP/cr.crontab"
for d in debian cronie busybox; do
	run --dialect "$d" check "$T_TMP/cr.crontab"
	expect_rc 0 "$d: CR command"
	expect_err_has 'only a carriage return' "$d: CR command"
done

# Issue 27 item 4: never write a line that makes the daemon drop the file;
# describe a wrapping step as the daemon runs it.
printf '0 1 * * * important\n' > "$T_TMP/tab"
run --dialect debian -f "$T_TMP/tab" set --id huge '*/4294967296 * * * *' -- true
expect_rc 65 "set refuses */4294967296"
if grep -q huge "$T_TMP/tab"; then fail "set wrote */4294967296"; else ok; fi
run --dialect debian explain '*/4294967297 * * * *'
expect_out 'Every minute.' "*/4294967297 runs every minute (the step wraps to 1)"
run --dialect debian check --expr '*/4294967297 * * * *'
expect_err_has 'is read as 1' "*/4294967297: the wrap is reported"

finish
