# SPDX-License-Identifier: ISC
# test_remove.sh - cronkeep remove / enable / disable / install: the jobs
# they name and nothing else; environment lines stay; several matches need
# --all-matching; install refuses a crontab with errors.
. "$(dirname "$0")/lib.sh"

D=$T_TMP
F=$D/tab

same() {
	if cmp -s "$1" "$2"; then ok; else
		fail "$3: $1 differs from $2"
		diff "$2" "$1" >&2
	fi
}

base() {
	printf '%s\n' 'PATH=/usr/bin:/bin' '# cronkeep: a nightly rsync' \
	    '0 1 * * * rsync -a /src /dst' 'MAILTO=ops' '#Ansible: b' \
	    '0 2 * * * rsync -a /x /y' '0 3 * * * other # py-note' \
	    '# just a comment' > "$F"
}

# ---- by id: the marker goes with the job, env lines stay ----
base
run -f "$F" remove --id a
expect_rc 0 "remove by id"
expect_out "removed 1" "says how many"
printf '%s\n' 'PATH=/usr/bin:/bin' 'MAILTO=ops' '#Ansible: b' \
    '0 2 * * * rsync -a /x /y' '0 3 * * * other # py-note' \
    '# just a comment' > "$D/want"
same "$F" "$D/want" "marker and job removed, env lines kept"
run -f "$F" remove --id a
expect_rc 66 "removing it again: no job has the id (66, as everywhere)"
expect_err_has "no job with id 'a'" "says so"
same "$F" "$D/want" "nothing written when nothing matches"

# ---- by command: two matches need --all-matching ----
base
cp "$F" "$D/before"
run -f "$F" remove --command '^rsync '
expect_rc 1 "two matches without --all-matching"
expect_err_has "2 jobs match \\(lines 3 6\\)" "names the lines"
same "$F" "$D/before" "nothing removed"
run -f "$F" --json remove --command '^rsync ' --all-matching
expect_rc 0 "--all-matching"
expect_json 'd["removed"] == 2 and [j["line"] for j in d["jobs"]] == [3, 6] and d["jobs"][1]["id"] == "b"' \
    "JSON names what was removed"
printf '%s\n' 'PATH=/usr/bin:/bin' 'MAILTO=ops' '0 3 * * * other # py-note' \
    '# just a comment' > "$D/want"
same "$F" "$D/want" "both removed with their markers"
run -f "$F" remove --command '('
expect_rc 2 "bad regular expression"
expect_err_has "bad command regular expression" "says which"

# ---- by comment: marker notes and python-crontab trailing comments ----
base
run -f "$F" remove --comment 'nightly'
expect_out "removed 1" "comment regex matches the marker note"
grep -q 'rsync -a /src' "$F" && fail "job a still there" || ok
run -f "$F" remove --comment 'py-note'
expect_out "removed 1" "comment regex matches a trailing comment"
grep -q 'other' "$F" && fail "job with py-note still there" || ok
# Filters combine (AND).
base
run -f "$F" remove --command rsync --comment '^b$'
expect_out "removed 1" "command and comment together"
grep -q '#Ansible: b' "$F" && fail "Ansible marker left behind" || ok

# ---- -n: the diff, nothing changed ----
base
cp "$F" "$D/before"
run -f "$F" -n remove --id b
printf -- '--- %s\n+++ %s\n@@ -2,7 +2,5 @@\n # cronkeep: a nightly rsync\n 0 1 * * * rsync -a /src /dst\n MAILTO=ops\n-#Ansible: b\n-0 2 * * * rsync -a /x /y\n 0 3 * * * other # py-note\n # just a comment\nwould remove 1\n' \
    "$F" "$F" > "$D/want"
expect_out_file "$D/want" "dry-run remove prints the diff"
same "$F" "$D/before" "dry run changed nothing"

# ---- enable / disable ----
base
run -f "$F" disable --id a
expect_out disabled "disable"
sed -n 3p "$F" > "$D/line"
printf '#0 1 * * * rsync -a /src /dst\n' > "$D/want"
same "$D/line" "$D/want" "the job line got one '#'"
run -f "$F" --json disable --id a
expect_json 'd["result"] == "unchanged" and d["line"] == 3' "disable twice"
run -f "$F" find --id a --json
expect_json 'd["jobs"][0]["enabled"] is False' "still a job, disabled"
run -f "$F" enable --id a
expect_out enabled "enable"
base
cp "$F" "$D/orig"
same "$F" "$D/orig" "disable + enable restores the bytes"
run -f "$F" enable --id nope
expect_rc 66 "enable an unknown id"
expect_err_has "no job with id 'nope'" "says which id"
run -f "$F" disable
expect_rc 2 "disable without --id"

# ---- install FILE ----
base
printf '%s\n' '# cronkeep: n' '*/5 * * * * new' > "$D/good"
run -f "$F" install "$D/good"
expect_out installed "install a valid file"
same "$F" "$D/good" "the whole crontab replaced"
s1=$(stat -c '%i %.9Y' "$F")
run -f "$F" install "$D/good"
expect_out unchanged "installing the same text again"
[ "$s1" = "$(stat -c '%i %.9Y' "$F")" ] && ok || fail "unchanged install wrote"
printf '%s\n' '0 1 * * * fine' '61 * * * * bad' 'FOO="unterminated' > "$D/bad"
run -f "$F" install "$D/bad"
expect_rc 65 "install refuses a file with errors"
expect_err_has "^$D/bad:2:1: error: minute 61 out of range 0-59 \\[CK009\\]" \
    "error with path, line, column and code"
expect_err_has "^$D/bad:3:[0-9]+: error: .*\\[CK[0-9]+\\]" "second error too"
expect_err_has "2 errors; nothing installed" "says nothing was installed"
same "$F" "$D/good" "the crontab is unchanged"
# A system crontab is checked in system format.
printf '0 1 * * * /usr/bin/x\n' > "$D/nouser"
mkdir -p "$D/r/etc/cron.d"
run --root "$D/r" --cron-d sys install "$D/nouser"
expect_rc 65 "a job without a user refused for a system crontab"
expect_err_has "^$D/nouser:1:11: error: missing user column.*\\[CK041\\]" \
    "checked in system format"
[ ! -e "$D/r/etc/cron.d/sys" ] && ok || fail "refused install created a file"
run -f "$D/user-format" install "$D/nouser"
expect_out installed "the same file is fine as a user crontab"
run_in "$D/good" -f "$F" -n install -
expect_rc 0 "install from standard input, dry run"

finish
