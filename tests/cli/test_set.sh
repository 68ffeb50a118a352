# SPDX-License-Identifier: ISC
# test_set.sh - cronkeep set: idempotent, byte-preserving, refuses line
# injection, writes atomically and safely to every store.
. "$(dirname "$0")/lib.sh"

D=$T_TMP
F=$D/tab

# same FILE EXPECTED-FILE DESCRIPTION
same() {
	if cmp -s "$1" "$2"; then ok; else
		fail "$3: $1 differs from $2"
		diff "$2" "$1" | od -c | head -20 >&2
	fi
}
# stamp FILE: inode, size and modification time (nanoseconds).
stamp() {
	stat -c '%i %s %.9Y' "$1"
}

# ---- create, unchanged (nothing written at all), updated ----
printf 'MAILTO=ops\n' > "$F"
run -f "$F" set --id backup '0 5 * * *' -- /usr/bin/backup --all
expect_rc 0 "set creates"
expect_out created "set prints created"
printf 'MAILTO=ops\n# cronkeep: backup\n0 5 * * * /usr/bin/backup --all\n' \
    > "$D/want"
same "$F" "$D/want" "new job under a marker"

s1=$(stamp "$F")
run -f "$F" set --id backup 0 5 '*' '*' '*' -- /usr/bin/backup --all
expect_rc 0 "same set again"
expect_out unchanged "same set again prints unchanged"
s2=$(stamp "$F")
if [ "$s1" = "$s2" ]; then ok; else
	fail "unchanged set rewrote the file ($s1 -> $s2)"; fi

run -f "$F" set --id backup '30 4 * * mon-fri' -- /usr/bin/backup --all
expect_out updated "new schedule updates"
printf 'MAILTO=ops\n# cronkeep: backup\n30 4 * * mon-fri /usr/bin/backup --all\n' \
    > "$D/want"
same "$F" "$D/want" "update changes only the job line"

# ---- every untouched byte stays: CRLF, odd spacing, no final newline,
# foreign markers, disabled jobs, tabs ----
printf 'SHELL=/bin/sh\r\n# m h  dom mon dow   command\r\n#Ansible: web\r\n*/5  *  * * *   curl -s localhost\r\n \t\n0 1 * * * a  \n# Puppet Name: p\n#0 2 * * *\tby-puppet\nFOO = bar baz\n@daily   tail' \
    > "$F"
run -f "$F" set --id web '*/10 * * * *' -- curl -s localhost
expect_out updated "foreign Ansible marker adopted"
printf 'SHELL=/bin/sh\r\n# m h  dom mon dow   command\r\n#Ansible: web\r\n*/10 * * * * curl -s localhost\r\n \t\n0 1 * * * a  \n# Puppet Name: p\n#0 2 * * *\tby-puppet\nFOO = bar baz\n@daily   tail' \
    > "$D/want"
same "$F" "$D/want" "only the adopted job line changed (CRLF kept)"
run -f "$F" set --id web '*/10 * * * *' -- curl -s localhost
expect_out unchanged "adopted CRLF job is unchanged the second time"

run -f "$F" set --id new @hourly -- date
expect_out created "append to a file without a final newline"
printf 'SHELL=/bin/sh\r\n# m h  dom mon dow   command\r\n#Ansible: web\r\n*/10 * * * * curl -s localhost\r\n \t\n0 1 * * * a  \n# Puppet Name: p\n#0 2 * * *\tby-puppet\nFOO = bar baz\n@daily   tail\n# cronkeep: new\n@hourly date\n' \
    > "$D/want"
same "$F" "$D/want" "the last line only got its newline"

run -f "$F" enable --id p
expect_out enabled "enable a job disabled under a Puppet marker"
run -f "$F" disable --id web
expect_out disabled "disable"
run -f "$F" remove --id new
expect_out "removed 1" "remove"
printf 'SHELL=/bin/sh\r\n# m h  dom mon dow   command\r\n#Ansible: web\r\n#*/10 * * * * curl -s localhost\r\n \t\n0 1 * * * a  \n# Puppet Name: p\n0 2 * * *\tby-puppet\nFOO = bar baz\n@daily   tail\n' \
    > "$D/want"
same "$F" "$D/want" "set/enable/disable/remove touch only their lines"

# ---- an identical unmarked line is adopted, not duplicated ----
printf '# mine\n17 3 * * * /bin/report\n' > "$F"
run -f "$F" set --id report '17 3 * * *' -- /bin/report
expect_out updated "identical unmarked line adopted"
printf '# mine\n# cronkeep: report\n17 3 * * * /bin/report\n' > "$D/want"
same "$F" "$D/want" "marker added above the adopted line, no duplicate"

# ---- options: --env (a prefix, not a line), --comment, --disabled ----
: > "$F"
run -f "$F" set --id e --env "GREETING=hello world" --env N=1 \
    --comment 'says hello' --disabled @daily -- printenv GREETING
expect_out created "set with --env --comment --disabled"
printf "# cronkeep: e says hello\n#@daily GREETING='hello world' N=1 printenv GREETING\n" \
    > "$D/want"
same "$F" "$D/want" "env prefix quoted for sh; note on the marker; disabled"
run -f "$F" list --json
expect_json 'len(d["jobs"]) == 1 and d["jobs"][0]["enabled"] is False' \
    "the disabled job is still a job"
run -f "$F" set --id e --env "GREETING=hello world" --env N=1 @daily -- \
    printenv GREETING
expect_out updated "enabling through set"
run -f "$F" set --id e --env "GREETING=hello world" --env N=1 @daily -- \
    printenv GREETING
expect_out unchanged "env prefix compares equal the second time"
# The prefix really reaches the command: run the line's command with sh.
cmd=$(sed -n 2p "$F" | cut -d' ' -f2-)
got=$(sh -c "$cmd")
if [ "$got" = "hello world" ]; then ok; else
	fail "env prefix runs as '$got'"; fi

# ---- the schedule builder ----
: > "$F"
run -f "$F" set --id b1 --every 15 minutes -- true
expect_out created "--every 15 minutes"
run -f "$F" set --id b2 --every weekday --at 09:30 -- true
run -f "$F" set --id b3 --every monday --at 7:05 --during month=1-6 -- true
run -f "$F" set --id b4 --every 2h --on dow=sat,sun -- true
run -f "$F" set --id b5 --every day --on month=jan,jul --on dom=1,15 -- true
printf '# cronkeep: b1\n*/15 * * * * true\n# cronkeep: b2\n30 9 * * 1-5 true\n# cronkeep: b3\n5 7 * 1-6 1 true\n# cronkeep: b4\n0 */2 * * 0,6 true\n# cronkeep: b5\n0 0 1,15 1,7 * true\n' \
    > "$D/want"
same "$F" "$D/want" "built schedules"
run -f "$F" set --id b1 --every 15 minutes -- true
expect_out unchanged "built schedule is idempotent"
run -f "$F" set --id b6 --every 99 minutes -- true
expect_rc 65 "--every 99 minutes refused"
expect_err_has "every 99 minutes cannot be expressed" "--every 99 minutes: the reason"
# Builders never drop a part: what cron cannot say exactly is refused,
# with the answer explain --when gives for the same phrase.
run -f "$F" set --id b6 --every 15m --at 09:00 -- true
expect_rc 65 "--every 15m --at 09:00 refused (was 0 9 * * *)"
expect_err_has '"every 15 minutes" and "at" a time contradict' \
    "--every 15m --at 09:00: the reason"
run -f "$F" set --id b6 --every 7 hours -- true
expect_rc 65 "--every 7 hours refused (was 0 */7 * * *)"
run explain --when 'every 7 hours'
expect_rc 65 "explain --when refuses every 7 hours too"
run -f "$F" set --id b6 --every 2 hours --at 00:15 -- true
expect_rc 65 "--every 2 hours --at 00:15 refused (was 15 0 * * *)"
run -f "$F" set --id b6 --every monday --at 7:05 --during hour=7-19/4 -- true
expect_rc 65 "--during over the hour --at set refused (was 5 7-19/4)"
expect_err_has "the hour is already set" "--during: names the field"
run -f "$F" set --id b6 --on dom=1 --on dom=15 -- true
expect_rc 65 "a second --on for one field refused (was 15 only)"
run -f "$F" set --id b6 --at 09:00 --at 17:30 -- true
expect_rc 65 "two times cron cannot say in one line refused (was 30 17)"
run -f "$F" set --id b6 --at 25:00 -- true
expect_rc 65 "--at 25:00 refused"
run -f "$F" set --id b6 0 5 '*' -- true
expect_rc 2 "three schedule words refused"
expect_err_has "one word .* or five words" "says how to give a schedule"
run -f "$F" set --id b6 '0 61 * * *' -- true
expect_rc 65 "bad schedule"
expect_err_has "schedule:3: hour 61 out of range 0-23" "bad schedule names column"
run -f "$F" set --id b6 @daily true
expect_rc 2 "command without --"
run -f "$F" set @daily -- true
expect_rc 2 "no --id"
same "$F" "$D/want" "refused sets changed nothing"
: > "$D/b"
run -f "$D/b" set --id h --every hour --during hour=9-17 -- true
run -f "$D/b" set --id d --every day --on hour=9 -- true
run -f "$D/b" set --id t --at 09:00 --at 17:00 -- true
run -f "$D/b" set --id m --every 2 hours --on minute=15 -- true
printf '# cronkeep: h\n0 9-17 * * * true\n# cronkeep: d\n0 9 * * * true\n# cronkeep: t\n0 9,17 * * * true\n# cronkeep: m\n15 */2 * * * true\n' > "$D/want"
same "$D/b" "$D/want" "options on fields left at a default"

# ---- values that would inject a line are refused ----
cp "$F" "$D/before"
nl='
'
run -f "$F" set --id x @daily -- "echo a${nl}* * * * * evil"
expect_rc 2 "newline in the command"
expect_err_has "command contains a newline.*at byte 7" "says what and where"
run -f "$F" set --id x --comment "a${nl}* * * * * evil" @daily -- true
expect_rc 2 "newline in the comment"
expect_err_has "comment contains a newline" "comment message"
run -f "$F" set --id "x${nl}* * * * * evil" @daily -- true
expect_rc 2 "newline in the id"
expect_err_has "not allowed in an id .*at byte 2" "id message"
run -f "$F" set --id x --env "A=1${nl}* * * * * evil" @daily -- true
expect_rc 2 "newline in an env value"
expect_err_has "variable value contains a newline" "env message"
run -f "$F" set --id x @daily -- "echo a$(printf '\r')"
expect_rc 2 "CR in the command"
expect_err_has "carriage return" "CR message"
run -f "$F" set --id x --env "1A=b" @daily -- true
expect_rc 2 "bad env name"
same "$F" "$D/before" "nothing written by refused values"

# ---- --dry-run prints the diff and changes nothing; --json ----
printf 'A=1\n# cronkeep: j\n0 1 * * * old\nB=2\n' > "$F"
cp "$F" "$D/before"
s1=$(stamp "$F")
run -f "$F" -n set --id j '0 2 * * *' -- new
expect_rc 0 "dry run"
printf -- '--- %s\n+++ %s\n@@ -1,4 +1,4 @@\n A=1\n # cronkeep: j\n-0 1 * * * old\n+0 2 * * * new\n B=2\nwould update\n' \
    "$F" "$F" > "$D/want"
expect_out_file "$D/want" "dry run prints a unified diff"
same "$F" "$D/before" "dry run changed nothing"
[ "$s1" = "$(stamp "$F")" ] && ok || fail "dry run touched the file"
run -f "$F" --json -n set --id j '0 2 * * *' -- new
expect_json 'd["result"] == "updated" and d["id"] == "j" and d["line"] == 3 and "+0 2 * * * new" in d["diff"]' \
    "dry run JSON"
run -f "$F" --json set --id k @daily -- x
expect_json 'd == {"result": "created", "id": "k", "line": 6, "warnings": []}' "JSON result"

# ---- --backup saves the old text first ----
cp "$F" "$D/before"
run -f "$F" --backup "$D/bak" set --id k @weekly -- x
expect_rc 0 "set with --backup"
same "$D/bak" "$D/before" "backup holds the old text"

# ---- atomic file writes keep owner and mode ----
printf '0 1 * * * a\n' > "$D/m600"
chmod 600 "$D/m600"
run -f "$D/m600" set --id z @daily -- z
perm=$(stat -c '%a' "$D/m600")
[ "$perm" = 600 ] && ok || fail "mode 600 became $perm"

if [ "$(id -u)" -eq 0 ]; then
	R=$D/root
	mkdir -p "$R/etc/cron.d"
	run --root "$R" --cron-d nightly set --id n --user root @daily -- \
	    /usr/local/bin/nightly
	expect_out created "new /etc/cron.d file"
	got=$(stat -c '%a %U %G' "$R/etc/cron.d/nightly")
	[ "$got" = "644 root root" ] && ok ||
		fail "new cron.d file is '$got', not 644 root root"
	printf '# cronkeep: n\n@daily root /usr/local/bin/nightly\n' > "$D/want"
	same "$R/etc/cron.d/nightly" "$D/want" "system format has the user"
	printf 'SHELL=/bin/sh\n' > "$R/etc/cron.d/kept"
	chown daemon:adm "$R/etc/cron.d/kept"
	chmod 640 "$R/etc/cron.d/kept"
	run --root "$R" --cron-d kept set --id k --user daemon @daily -- true
	expect_out created "write into an existing cron.d file"
	got=$(stat -c '%a %U %G' "$R/etc/cron.d/kept")
	[ "$got" = "640 daemon adm" ] && ok ||
		fail "owner/mode not kept: '$got'"
	run --root "$R" --cron-d kept set --id k @daily -- true
	expect_rc 2 "system crontab needs --user"
	expect_err_has "give the job's user with --user" "says so"
	run -f "$F" set --id k --user root @daily -- true
	expect_rc 2 "--user refused for a user crontab"
	# Leftover temporary files would be a mess in /etc/cron.d.
	n=$(find "$R/etc/cron.d" -name '.*' | wc -l)
	[ "$n" -eq 0 ] && ok || fail "$n temporary files left in cron.d"
fi

# ---- a user's spool file in an image (--root with -u) ----
mkdir -p "$D/img/var/spool/cron/crontabs"
run --root "$D/img" -u alice set --id a @daily -- x
expect_out created "spool file under --root"
printf '# cronkeep: a\n@daily x\n' > "$D/want"
same "$D/img/var/spool/cron/crontabs/alice" "$D/want" "written to the spool file"

# ---- names cron ignores, symbolic links ----
R=$D/root2
mkdir -p "$R/etc/cron.d"
run --root "$R" --cron-d backup.sh set --id n --user root @daily -- true
if [ "$RC" -ne 0 ]; then ok; else fail "backup.sh accepted"; fi
expect_err_has "backup.sh" "names the file"
expect_err_has "\\[A-Za-z0-9_-\\]|dot|ignore" "gives the reason"
[ ! -e "$R/etc/cron.d/backup.sh" ] && ok || fail "backup.sh was created"

printf '0 1 * * * a\n' > "$D/real"
cp "$D/real" "$D/before"
ln -s "$D/real" "$D/link"
run -f "$D/link" set --id z @daily -- z
if [ "$RC" -ne 0 ]; then ok; else fail "symlinked target accepted"; fi
expect_err_has "link" "says it is a link"
same "$D/real" "$D/before" "link target untouched"
[ -L "$D/link" ] && ok || fail "the link was replaced"

finish
