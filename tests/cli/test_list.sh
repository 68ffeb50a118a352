#!/bin/sh
# SPDX-License-Identifier: ISC
# list: the jobs of a --root host tree with real owners and modes (files
# cron reads, ignores, or that the caller cannot read), of files and of
# standard input; piped, on a terminal, and as JSON; and of this host.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/user.sh"
. "$(dirname "$0")/tree.sh"

R=$T_TMP/root
mk_tree "$R"

# ---- piped: complete, raw, aligned ----
run --root "$R" -s list
expect_rc 0 "list -s"
cat > "$T_TMP/want" <<TAB
SOURCE                       SCHEDULE    USER      ID           ON   COMMAND
$R/etc/crontab:4        17 * * * *  root      -            yes  cd / && run-parts --report /etc/cron.hourly
$R/etc/crontab:5        25 6 * * *  root      -            yes  test -x /usr/sbin/anacron || run-parts /etc/cron.daily
$R/etc/cron.d/backup:3  30 2 * * *  root      nightly      yes  /usr/local/bin/backup --all
$R/etc/cron.d/backup:5  0 4 * * 0   backup    weekly-off   no   /usr/local/bin/backup --weekly
$R/etc/cron.d/backup:8  15 3 * * *  www-data  rotate logs  yes  /opt/bin/rotate # python comment
$R/etc/cron.d/secret:1  0 7 * * *   root      -            yes  /bin/secret
TAB
# The first column is as wide as the longest "source:line" (the path of
# the temporary tree varies): compare with the blanks squeezed.
tr -s ' ' < "$T_TMP/want" > "$T_TMP/want.sq"
tr -s ' ' < "$OUT" > "$T_TMP/out.sq"
if cmp -s "$T_TMP/want.sq" "$T_TMP/out.sq"; then ok; else
	fail "list -s table"; diff "$T_TMP/want.sq" "$T_TMP/out.sq" >&2; fi
# Columns line up: every COMMAND starts at the same offset.
awk -v h="$(head -1 "$OUT" | awk '{ print index($0, "COMMAND") }')" \
    'NR > 1 && substr($0, h - 2, 2) != "  " { bad = 1 } END { exit bad }' \
    "$OUT" && ok || fail "columns are not aligned"
expect_err_has "warning: $R/etc/cron.d/backup.sh: skipped; debian cron ignores this file: names with a '.'" "ignored name reported"
expect_err_has "warning: $R/etc/cron.d/groupw: skipped; debian cron ignores this file: writable by group or others" "group-writable file reported"
expect_err_lacks "placeholder" "hidden files are not warned about"
expect_out_lacks "backup.sh|groupw|/bin/true" "ignored files are not listed"

# cronie reads backup.sh but not an executable or group-writable file.
run --root "$R" --dialect cronie -s list
expect_out_has "backup.sh:1 +0 5 \\* \\* \\* +root" "cronie reads backup.sh"
expect_err_has "groupw: skipped; cronie cron ignores" "cronie: group-writable"

# ---- JSON ----
run --root "$R" -a --json list
expect_rc 0 "list -a --json"
expect_json 'len(d["jobs"]) == 9' "nine jobs"
expect_json '[(j["source"][len("'"$R"'"):], j["line"]) for j in d["jobs"]] == [("/etc/crontab", 4), ("/etc/crontab", 5), ("/etc/cron.d/backup", 3), ("/etc/cron.d/backup", 5), ("/etc/cron.d/backup", 8), ("/etc/cron.d/secret", 1), ("/var/spool/cron/crontabs/alice", 1), ("/var/spool/cron/crontabs/alice", 2), ("/var/spool/cron/crontabs/bob", 1)]' "sources and 1-based lines in order"
expect_json 'd["jobs"][3] == {"source": "'"$R"'/etc/cron.d/backup", "line": 5, "schedule": "0 4 * * 0", "user": "backup", "id": "weekly-off", "enabled": False, "command": "/usr/local/bin/backup --weekly", "shell_command": "/usr/local/bin/backup --weekly", "stdin": None, "comment": None}' "a disabled job under its marker"
expect_json 'd["jobs"][2]["schedule"] == "30 2 * * *" and d["jobs"][0]["schedule"] == "17 *\t* * *"' "schedules keep their spelling"
expect_json 'd["jobs"][4]["id"] == "rotate logs" and d["jobs"][4]["comment"] == "python comment"' "foreign marker and trailing comment"
expect_json '[j["user"] for j in d["jobs"][6:]] == ["alice", "alice", "bob"]' "a user crontab's jobs show its owner"
expect_json 'd["jobs"][7]["command"].startswith("printf \u001b]0;pwned\u0007")' "JSON keeps control characters (escaped)"
expect_json 'd["jobs"][8]["schedule"] == "@reboot"' "@reboot"
expect_json 'sorted(s["source"][len("'"$R"'"):] for s in d["skipped"]) == ["/etc/cron.d/.placeholder", "/etc/cron.d/backup.sh", "/etc/cron.d/groupw"]' "skipped files in JSON"
expect_json 'all(not s["error"] and "ignores" in s["reason"] for s in d["skipped"])' "skipped for a reason, not an error"
expect_json '"environment" not in d["jobs"][0]' "no environment without --verbose"

run --root "$R" -s --json list --verbose
expect_json 'd["jobs"][4]["environment"] == {"MAILTO": "ops@example.com", "PATH": "/opt/bin"}' "effective environment of a job"
expect_json 'd["jobs"][0]["environment"] == {"SHELL": "/bin/sh", "PATH": "/usr/local/bin:/usr/bin:/bin"}' "environment in /etc/crontab"

# ---- --next and --explain (2024-01-01 00:00 UTC, a Monday) ----
CRONKEEP_NOW=1704067200 run --root "$R" -a list --next --explain
expect_rc 0 "--next --explain"
expect_out_has "^SOURCE +SCHEDULE +USER +ID +ON +NEXT +DESCRIPTION +COMMAND\$" "the extra columns"
expect_out_has "/etc/crontab:4 +17 \\* \\* \\* \\* +root +- +yes +2024-01-01 00:17 +every hour at minute 17 +cd /" "hourly job: next and description"
expect_out_has "backup:5 +0 4 \\* \\* 0 +backup +weekly-off +no +- +at 04:00 on every Sunday +/usr" "a disabled job has no next time"
expect_out_has "bob:1 +@reboot +bob +- +yes +- " "@reboot has no next time"
CRONKEEP_NOW=1704067200 TZ=Europe/Berlin run --root "$R" -s --json list --next --explain
expect_json 'd["jobs"][2]["next"] == "2024-01-01T02:30:00+01:00" and d["jobs"][2]["description"] == "at 02:30 every day"' "JSON next with offset, in TZ"
expect_json 'd["jobs"][3]["next"] is None' "JSON: no next for a disabled job"
# cronie: CRON_TZ applies to the jobs below it.
printf 'CRON_TZ=Asia/Tokyo\n30 2 * * * tokyo\n' > "$T_TMP/tz.cron"
CRONKEEP_NOW=1704067200 TZ=UTC run --dialect cronie -f "$T_TMP/tz.cron" --json list --next
expect_json 'd["jobs"][0]["next"] == "2024-01-02T02:30:00+09:00"' "cronie: next in the job's CRON_TZ"
CRONKEEP_NOW=1704067200 TZ=UTC run --dialect debian -f "$T_TMP/tz.cron" --json list --next
expect_json 'd["jobs"][0]["next"] == "2024-01-01T02:30:00+00:00"' "debian ignores CRON_TZ"
# Several CRON_TZ lines: each job takes the last one above it; an unknown
# zone leaves its jobs without a time and is reported once, not per job.
printf '0 1 * * * utc\nCRON_TZ=Nowhere/Bad\n0 1 * * * a\n0 2 * * * b\nCRON_TZ=Asia/Tokyo\n30 2 * * * tokyo\nCRON_TZ=America/New_York\n0 9 * * * ny\nCRON_TZ=Asia/Tokyo\n45 2 * * * tokyo2\n' > "$T_TMP/tz2.cron"
CRONKEEP_NOW=1704067200 TZ=UTC run --dialect cronie -f "$T_TMP/tz2.cron" --json list --next
expect_json '[j["next"] for j in d["jobs"]] == ["2024-01-01T01:00:00+00:00", None, None, "2024-01-02T02:30:00+09:00", "2024-01-01T09:00:00-05:00", "2024-01-02T02:45:00+09:00"]' "cronie: each job's CRON_TZ"
if [ "$(grep -c 'unknown time zone "Nowhere/Bad"' "$ERR")" = 1 ]; then ok; else
	fail "an unknown CRON_TZ is reported once"; fi
CRONKEEP_NOW=soon run -f "$T_TMP/tz.cron" list --next
expect_rc 2 "bad CRONKEEP_NOW"

# ---- --verbose text ----
run --root "$R" --cron-d backup list --verbose
expect_rc 0 "--cron-d list --verbose"
expect_out_has "^$R/etc/cron.d/backup:6 +\\(env\\) +PATH=/opt/bin\$" "environment lines as rows"
expect_out_has "^    PATH=/opt/bin  \\(line 6\\)\$" "the variables a job runs with"
if [ "$(grep -c '^    MAILTO=ops@example.com  (line 1)$' "$OUT")" -eq 3 ]; then ok; else
	fail "MAILTO applies to the three jobs below it"; fi

# ---- files and standard input ----
run -f "$R/var/spool/cron/crontabs/alice" --json list
expect_json 'len(d["jobs"]) == 2 and d["jobs"][0]["user"] is None' "-f: user format"
run -f "$R/etc/cron.d/backup" --json list
expect_json 'd["jobs"][0]["user"] == "root"' "-f .../etc/cron.d/NAME: system format"
run -f "$R/etc/cron.d/backup" --user-format --json list
expect_json 'd["jobs"][0]["user"] is None and d["jobs"][0]["command"] == "root\t/usr/local/bin/backup --all"' "--user-format forces the format"
run_in "$R/etc/crontab" -f - --system-format --json list
expect_rc 0 "-f - --system-format"
expect_json 'd["jobs"][0]["source"] == "(stdin)" and d["jobs"][0]["user"] == "root"' "standard input"
run -f "$T_TMP/none" list
expect_rc 66 "missing file"
expect_err_has "no such file: $T_TMP/none" "missing file named"
run --root "$R" --cron-d ../crontab list
expect_rc 2 "--cron-d with a slash"
run --root "$R" -s -f "$R/etc/crontab" list
expect_rc 2 "two selections"
expect_err_has "choose one of" "two selections message"
run --root "$R" list extra
expect_rc 2 "extra operand"
run list --help
expect_rc 0 "--help"
expect_out_has "^usage: cronkeep \\[where\\] list" "usage on stdout"

# An empty crontab lists nothing, and says nothing.
: > "$T_TMP/empty"
run -f "$T_TMP/empty" list
expect_rc 0 "empty crontab"
expect_no_out "empty crontab"

# ---- a terminal: escaped and fitted ----
if command -v script >/dev/null 2>&1; then
	# A short source column leaves room for the command.
	script -qec "stty cols 72; cd '$R/var/spool/cron/crontabs' && '$CRONKEEP' -f alice list" \
	    /dev/null > "$T_TMP/tty" 2>&1 </dev/null
	tr -d '\r' < "$T_TMP/tty" > "$OUT"
	expect_out_lacks "$(printf '\033')" "no raw ESC on the terminal"
	expect_out_has 'printf \\033]0;pwned\\a && echo a-very' "control characters escaped"
	expect_out_has "$(printf '\342\200\246')\$" "long command cut with an ellipsis"
	# Characters, not bytes: the ellipsis is three bytes of UTF-8.
	python3 -c 'import sys
sys.exit(any(len(l) > 72 for l in open(sys.argv[1], encoding="utf-8")
             .read().splitlines()))' "$OUT" && ok ||
		fail "a line is wider than the terminal"
else
	printf 'note: script(1) missing, terminal checks not run\n' >&2
fi
# Piped, the same command is complete.
run -f "$R/var/spool/cron/crontabs/alice" list
expect_out_has "a-very-long-command-that-will-not-fit-on-a-narrow-terminal-at-all\$" "piped output is not cut"

# ---- permissions: run as a throwaway user ----
if [ "$(id -u)" -eq 0 ] && command -v useradd >/dev/null 2>&1; then
	need_user
	chmod 755 "$R" "$R/.." 2>/dev/null
	as_user --root "$R" -a list
	expect_rc 77 "unreadable files: EX_NOPERM"
	expect_err_has "cannot read $R/etc/cron.d/secret: permission denied \\(this needs read permission" "the unreadable file is named, with what is needed"
	expect_err_has "cannot read $R/var/spool/cron/crontabs: Permission denied \\(this needs root\\)" "the unreadable spool is named"
	expect_out_has "cron.d/backup:3 +30 2" "the readable files are still listed"
	expect_out_lacks "secret" "nothing from the unreadable file"
	as_user --root "$R" -a --json list
	expect_json 'len(d["jobs"]) == 5 and sum(1 for s in d["skipped"] if s["error"]) == 2' "JSON: jobs and errors"
else
	printf 'note: not root: unreadable-file checks not run\n' >&2
fi

# ---- this host: /etc/crontab from Debian's cron package ----
if [ -r /etc/crontab ] && grep -q 'run-parts' /etc/crontab; then
	run --all list
	expect_out_has '^/etc/crontab:[0-9]+ +17 \* \* \* \* +root +- +yes +cd / && run-parts --report /etc/cron.hourly$' "--all lists this host's /etc/crontab"
	expect_out_has '^/etc/crontab:[0-9]+ .*run-parts --report /etc/cron.daily' "--all: the daily run-parts job"
fi

finish
