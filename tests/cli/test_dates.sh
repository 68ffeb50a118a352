# SPDX-License-Identifier: ISC
# test_dates.sh - issue 19: every option that takes a date refuses one
# that does not exist (exit 65, naming it) instead of moving it; paths
# written into jobs are absolute.
. "$(dirname "$0")/lib.sh"

D=$T_TMP
F=$D/tab
printf '# cronkeep: j\n0 3 * * * /bin/true\n' > "$F"
cp "$F" "$D/before"

# refused DESCRIPTION VALUE ARGS...: exit 65 and the value named.
refused() {
	_what=$1
	_val=$2
	shift 2
	run "$@"
	expect_rc 65 "$_what: $_val refused"
	expect_err_has "'$_val': no such date" "$_what names $_val"
}

refused "set --once" "2027-02-30 10:00" -f "$F" set --id o --once '2027-02-30 10:00' -- true
cmp -s "$F" "$D/before" && ok || fail "set --once wrote a moved date"
refused "stats --from" "2026-02-30 00:00" -f "$F" stats --from '2026-02-30 00:00'
refused "timeline --day" "2026-02-30" -f "$F" timeline --day 2026-02-30
refused "timeline --from" "2026-02-30" -f "$F" timeline --from 2026-02-30
expect_err_has "^cronkeep: --from '2026-02-30'" "timeline --from names --from (not --day)"
# The fleet reports (--inventory) read --from/--day with the same parser.
"$CRONKEEP" -f "$F" inventory --host h1 > "$D/inv.json" 2>"$ERR" && ok ||
    fail "inventory for the fleet reports"
refused "stats --inventory --from" "2026-02-30 00:00" stats --inventory "$D/inv.json" --from '2026-02-30 00:00'
refused "timeline --inventory --day" "2026-04-31" timeline --inventory "$D/inv.json" --day 2026-04-31
refused "log --since" "2026-02-30" -f "$F" log --since 2026-02-30
refused "history --since" "2026-04-31" history --since 2026-04-31
refused "missed --since" "2026-02-30" -f "$F" missed --since 2026-02-30
refused "missed --until" "2026-11-31 10:00" -f "$F" missed --since 2026-11-01 --until '2026-11-31 10:00'
refused "find --at" "2026-02-30 10:00" -f "$F" find --at '2026-02-30 10:00'
refused "next --from" "2026-02-29 10:00" next --from '2026-02-29 10:00' '* * * * *'
refused "exec --not-before" "2026-06-31" -f "$F" exec --id j --not-before 2026-06-31 -- true
refused "exec --not-after" "2026-09-31 10:00" -f "$F" exec --id j --not-after '2026-09-31 10:00' -- true
# A time that does not exist, a --once in the past: invalid data (65).
run -f "$F" set --id t --at 25:00 --every day -- true
expect_rc 65 "set --at 25:00"
expect_err_has "'25:00': no such time" "named"
CRONKEEP_NOW=1893456000 run -f "$F" set --id o --once '2029-12-31 23:59' -- true
expect_rc 65 "set --once in the past (CRONKEEP_NOW 2030-01-01)"
expect_err_has 'in the past' "said"
cmp -s "$F" "$D/before" && ok || fail "a refused set wrote"
# A leap day exists in a leap year.
run next --from '2028-02-29 10:00' -c 1 '0 12 * * *'
expect_rc 0 "2028-02-29 exists"
expect_out_has "2028-02-29" "and is used as given"
run -f "$F" timeline --day 2028-02-29
expect_rc 0 "timeline --day 2028-02-29"
# Not a date at all is invalid data too (cronkeep(1): 65).
run -f "$F" stats --from 'soon'
expect_rc 65 "a word is a bad date: 65"

# ---- --once with a relative -f: the job names the file absolutely ----
mkdir -p "$D/w"
(cd "$D/w" && "$CRONKEEP" -f once.cron set --id o --once '2099-05-01 10:00' \
    -- rm -f x) >"$OUT" 2>"$ERR" && RC=0 || RC=$?
expect_rc 0 "set --once with a relative -f"
grep -qF " -f '$D/w/once.cron' exec --id o --once" "$D/w/once.cron" && ok ||
    fail "the job does not name the file absolutely: $(cat "$D/w/once.cron")"
mkdir -p "$D/w/rel"
(cd "$D/w" && "$CRONKEEP" --root rel -f once2.cron set --id o --once \
    '2099-05-01 10:00' -- true) >"$OUT" 2>"$ERR" || true
grep -qF " --root '$D/w/rel'" "$D/w/once2.cron" 2>/dev/null && ok ||
    fail "--root is not absolute in the job: $(cat "$D/w/once2.cron" 2>/dev/null)"

finish
