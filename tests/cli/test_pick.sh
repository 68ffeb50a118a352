# SPDX-License-Identifier: ISC
# test_pick.sh - jobs without an id (a person or another tool wrote them)
# are selected by --line N or --match 'SCHEDULE COMMAND' in set, enable,
# disable and remove (issue 19): the one job and nothing else changes; no
# job, several jobs, a bad line or a --match that is no crontab line are
# refused with their exit codes and nothing is written.
. "$(dirname "$0")/lib.sh"

F=$T_TMP/tab
base() {
	printf '%s\n' 'MAILTO=""' '0 3 * * * /bin/backup' '# cronkeep: rot' \
	    '5 4 * * * /bin/rot' '0 6 * * * /bin/twin' '0 6 * * * /bin/twin' \
	    '# a note' '@daily /bin/daily' > "$F"
}
unchanged() {
	base
	if cmp -s "$F" "$T_TMP/keep"; then ok; else fail "$1: file changed"; fi
}
base
cp "$F" "$T_TMP/keep"

# disable --line on a job without a marker needs the id to give it.
run -f "$F" disable --line 2
expect_rc 65 "disable --line of an unmarked job without --id"
expect_err_has 'no id' "the reason"
if cmp -s "$F" "$T_TMP/keep"; then ok; else fail "refused but written"; fi
run -f "$F" disable --line 2 --id backup
expect_rc 0 "disable --line --id"
expect_out disabled "said"
if [ "$(sed -n 2,3p "$F" | tr '\n' '|')" = '# cronkeep: backup|#0 3 * * * /bin/backup|' ]; then
	ok; else fail "adopted and disabled: $(cat "$F")"; fi
run -f "$F" enable --id backup
expect_rc 0 "enabled by the new id"
if grep -qx '0 3 \* \* \* /bin/backup' "$F"; then ok; else fail "enable"; fi

# --line N also names the marker's line; a marked job keeps its id.
base
run -f "$F" disable --line 3 --json
expect_rc 0 "disable --line of the marker line"
expect_json 'd["result"] == "disabled" and d["id"] == "rot" and d["line"] == 4' "JSON"
if grep -qx '#5 4 \* \* \* /bin/rot' "$F"; then ok; else fail "rot disabled"; fi
run -f "$F" enable --match '5 4 * * * /bin/rot'
expect_rc 0 "--match finds the disabled job too"
expect_out enabled "enabled"
if grep -qx '5 4 \* \* \* /bin/rot' "$F"; then ok; else fail "rot enabled"; fi
run -f "$F" enable --line 4
expect_rc 0 "enable --line of an enabled job"
expect_out unchanged "unchanged"
run -f "$F" disable --line 4 --id other
expect_rc 65 "a marked job picked with another id"
expect_err_has "is the job 'rot'" "which job it is"

# Refusals: nothing written, each with its exit code.
base
run -f "$F" disable --line 7 --id x
expect_rc 66 "a comment line holds no job"
expect_err_has 'lines 2, 4, 5, 6, 8' "where the jobs are"
unchanged "line 7"
run -f "$F" remove --match '0 6 * * * /bin/twin'
expect_rc 1 "two jobs are exactly the --match"
expect_err_has 'lines 5, 6' "their lines"
unchanged "ambiguous"
run -f "$F" remove --match '0 6 * * *'
expect_rc 65 "a --match without a command"
run -f "$F" remove --match '0 7 * * * /bin/twin'
expect_rc 66 "no job is exactly it"
run -f "$F" remove --line 0
expect_rc 2 "line 0"
run -f "$F" remove --line 2 --match '0 3 * * * /bin/backup'
expect_rc 2 "--line and --match together"
run -f "$F" remove --line 2 --id rot
expect_rc 2 "--line with --id in remove"
unchanged "usage errors"

# remove by line and by match: only that job goes, the comment stays.
run -f "$F" remove --line 6 --json
expect_rc 0 "remove --line"
expect_json 'd["removed"] == 1 and d["jobs"][0]["line"] == 6 and d["jobs"][0]["id"] is None' "JSON"
if [ "$(grep -c twin "$F")" = 1 ]; then ok; else fail "one twin left"; fi
run -f "$F" remove --match '@daily /bin/daily'
expect_rc 0 "remove --match"
if grep -q daily "$F" || ! grep -qx '# a note' "$F"; then
	fail "after remove: $(cat "$F")"; else ok; fi
# --match compares schedules by their minutes: @daily is 0 0 * * *.
base
run -f "$F" remove --match '0 0 * * * /bin/daily' -n
expect_rc 0 "--match '0 0 * * *' finds @daily (dry run)"
expect_out_has '^-@daily /bin/daily' "the diff"
unchanged "dry run"

# set --line adopts the job under the id, then sets it in place.
base
run -f "$F" set --line 2 --id nightly '0 4 * * *' -- /bin/backup
expect_rc 0 "set --line"
expect_out updated "updated, not created"
if [ "$(sed -n 2,3p "$F" | tr '\n' '|')" = '# cronkeep: nightly|0 4 * * * /bin/backup|' ]; then
	ok; else fail "set --line: $(cat "$F")"; fi
if [ "$(grep -c backup "$F")" = 1 ]; then ok; else fail "a second job"; fi
run -f "$F" set --match '5 4 * * * /bin/rot' --id other '5 4 * * *' -- /bin/rot
expect_rc 65 "set --match of a job with another id"
run -f "$F" set --match '0 6 * * * /bin/twin' --id t '0 6 * * *' -- /bin/twin
expect_rc 1 "set --match of twins"
finish
