#!/bin/sh
# SPDX-License-Identifier: ISC
# find: each filter alone, combined (AND), --at with cron's day rule, and
# the errors; same table and JSON as list; exit 1 when nothing matches.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/user.sh"
. "$(dirname "$0")/tree.sh"

R=$T_TMP/root
mk_tree "$R"
printf '0 12 13 * 5\troot\tfriday-or-13th\n' > "$R/etc/cron.d/orjob"
[ "$(id -u)" -ne 0 ] || chown 0:0 "$R/etc/cron.d/orjob"

# count N DESCRIPTION ARGS...: `find ARGS` gives N jobs.
count() {
	_n=$1 _d=$2
	shift 2
	run --root "$R" --json find "$@"
	expect_json "len(d['jobs']) == $_n" "$_d"
}

run --root "$R" -s find --id nightly
expect_rc 0 "--id"
expect_out_has "^SOURCE +SCHEDULE +USER +ID +ON +COMMAND\$" "same header as list"
expect_out_has "^$R/etc/cron.d/backup:3 +30 2 \\* \\* \\* +root +nightly +yes +/usr/local/bin/backup --all\$" "the row"
[ "$(wc -l < "$OUT")" -eq 2 ] && ok || fail "--id: exactly one row"
count 1 "--id takes foreign markers" -s --id "rotate logs"
run --root "$R" --json find -s --id night
expect_rc 66 "--id is exact: no job has 'night'"
expect_json "d['error']['message'].startswith(\"no job with id 'night'\")" \
    "--id is exact: the error object names the id, not a warning"

run --root "$R" -s find --id nope
expect_rc 66 "no job has the id: 66, as in every command"
expect_no_out "no such id: no output"
expect_err_has "no job with id 'nope'" "says which id"
run --root "$R" -s --json find --id nope
expect_rc 66 "no such id in JSON: exit 66"
expect_json 'd["error"]["exit"] == 66 and d["error"]["code"] == "no-input"' \
    "no such id: the JSON error object"
run --root "$R" -s find --command 'nothing-runs-this'
expect_rc 1 "no match: exit 1"
expect_no_out "no match: no output"
run --root "$R" -s --json find --command 'nothing-runs-this'
expect_rc 1 "no match in JSON: exit 1"
expect_json 'd["jobs"] == []' "no match: empty jobs"

count 2 "--command ERE" -s --command 'backup --(all|weekly)$'
count 1 "--command anchored" -s --command '^cd /'
count 0 "--command is case-sensitive" -s --command 'BACKUP'

count 1 "--comment: python-crontab trailing comment" -s --comment 'python'
count 1 "--comment: a foreign marker line" -s --comment '^#Ansible:'
count 1 "--comment: a marker id" -s --comment 'ni.ht'
count 2 "--comment: both cronkeep markers" -s --comment '^# cronkeep: '
count 0 "--comment: plain comments are not comments of a job" -s --comment 'm h dom'

count 1 "--user: the user column" -s --user www-data
count 1 "--user: a disabled job's user" -s --user backup
count 5 "--user root" -s --user root
count 2 "--user: the owner of a spool crontab" -a --user alice
count 0 "--user: no such user" -a --user mallory

# AND
count 1 "--user and --command" -s --user root --command backup
count 0 "--user and --id that disagree" -s --user www-data --id nightly

# --at: the local minute, cron's rules.
run --root "$R" -s --json find --at '2024-01-08 02:30'
expect_json '[j["id"] for j in d["jobs"]] == ["nightly"]' "--at: the job that fires at 02:30"
count 1 "--at: hourly at :17" -s --at '2031-07-04 13:17'
count 0 "--at: a disabled job does not fire" -s --at '2024-01-07 04:00'
count 1 "--at: 'T' separator" -s --at '2024-01-08T02:30'
# 0 12 13 * 5: Friday OR the 13th (both restricted).
count 1 "--at: a Friday" -s --at '2024-01-05 12:00' --command friday
count 1 "--at: the 13th, a Saturday" -s --at '2024-01-13 12:00' --command friday
count 0 "--at: neither" -s --at '2024-01-10 12:00' --command friday
count 1 "--at: Feb 29 2024 is a Thursday" -a --at '2024-02-29 09:00'
count 0 "--at: @reboot never fires at a time" -a --at '2024-01-01 00:00' --command startup
TZ=Europe/Berlin run --root "$R" -s --json find --at '2024-03-31 02:30'
expect_json '[j["id"] for j in d["jobs"]] == ["nightly"]' "--at is wall-clock time, also in a DST gap"

# Errors: a date that does not exist (65), else usage (2), with a message.
for bad in '2024-02-30 10:00' '2023-02-29 10:00'; do
	run --root "$R" -s find --at "$bad"
	expect_rc 65 "--at '$bad'"
	expect_err_has "--at '$bad': no such date" "--at '$bad' message"
done
for bad in '2024-01-01 24:00' '2024-01-01 10:60' \
    '2024-1-01 10:00' '2024-01-01 10:00:00' 'tomorrow' ''; do
	run --root "$R" -s find --at "$bad"
	expect_rc 65 "--at '$bad'"
	expect_err_has "--at '.*': say 'YYYY-MM-DD HH:MM'" "--at '$bad' message"
done
run --root "$R" -s find --command '('
expect_rc 2 "bad regex"
expect_err_has "--command: bad regular expression '\\('" "bad regex message"
run --root "$R" -s find --comment '[z-a]'
expect_rc 2 "bad --comment regex"
run --root "$R" -s find extra
expect_rc 2 "operand"
run find -h
expect_rc 0 "find -h"
expect_out_has "^usage: cronkeep \\[where\\] find" "usage"

# A source that cannot be read wins over "no match".
if [ "$(id -u)" -eq 0 ] && command -v useradd >/dev/null 2>&1; then
	need_user
	as_user --root "$R" -s find --id no-such-id
	expect_rc 77 "unreadable file and no match: the read error"
	expect_err_has "cannot read $R/etc/cron.d/secret" "the file is named"
fi

finish
