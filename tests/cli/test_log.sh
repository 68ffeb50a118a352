#!/bin/sh
# SPDX-License-Identifier: ISC
# log lists past runs from cron's own log: syslog files found under
# --root (rotated and gzipped too, years inferred from each file's mtime
# across New Year), journal output, one job's runs with --id.
. "$(dirname "$0")/lib.sh"

L=$CK_TEST_DATA/logs
R=$T_TMP/root
mkdir -p "$R/var/log"
# Rotated like Debian's logrotate: syslog, syslog.1, syslog.2.gz.
cp "$L/syslog-debian" "$R/var/log/syslog.1"
touch -d '2027-01-01 00:05:00' "$R/var/log/syslog.1"
cp "$L/syslog-old.gz" "$R/var/log/syslog.2.gz"
touch -d '2026-11-21 00:00:00' "$R/var/log/syslog.2.gz"
cat > "$R/var/log/syslog" <<'EOF'
Jan  2 04:00:01 web-01.example CRON[700]: (ck-exp) CMD ([701] a\b %c d)
Jan  2 04:00:01 web-01.example CRON[700]: (CRON) error (grandchild #701 failed with exit status 2)
Jan  2 04:00:01 web-01.example CRON[700]: (ck-exp) END ([701] a\b %c d)
EOF
touch -d '2027-01-02 05:00:00' "$R/var/log/syslog"
# Not a log cron writes to: ignored.
cp "$R/var/log/syslog" "$R/var/log/syslog.bak"
# RHEL's dateext rotation of /var/log/cron.
cp "$L/cron-cronie" "$R/var/log/cron-20261126"
touch -d '2026-11-26 00:00:00' "$R/var/log/cron-20261126"

run --root "$R" log
expect_rc 0 "log finds runs"
expect_out_has '^2026-11-20T04:00:01\+00:00  ck-exp  ended  a\\b %c d$' "the gzipped rotation is read"
expect_out_has '^2026-12-31T23:58:01\+00:00  ck-exp  exit 3  a\\b %c d$' "December is of the year before"
expect_out_has '^2027-01-01T00:00:01\+00:00  ck-exp  ended  a\\b %c d$' "January is of the new year"
expect_out_has '^2027-01-02T04:00:01\+00:00  ck-exp  exit 2  a\\b %c d$' "the current file"
expect_out_has '^2026-11-25T13:00:01\+00:00  root  ended  /usr/local/bin/report %d$' "cronie's dateext file"
[ "$(wc -l < "$OUT")" -eq 9 ] && ok || fail "9 runs expected, not $(wc -l < "$OUT")"
# Sorted by time.
if cut -c1-25 "$OUT" | sort -c 2>/dev/null; then ok; else
	fail "runs are not in time order"; fi

# One job's runs, found by its command as written in the crontab.
printf '# cronkeep: j1\n* * * * * a\\\\b \\%%c d%%line1\n# cronkeep: j2\n0 * * * * two\ttab \303\251\\\n' > "$T_TMP/tab"
run -f "$T_TMP/tab" --root "$R" log --id j1
expect_rc 0 "runs of j1"
[ "$(wc -l < "$OUT")" -eq 4 ] && ok || fail "4 runs of j1 expected, not $(wc -l < "$OUT")"
expect_out_lacks 'root|backup-user' "only j1's runs"
run -f "$T_TMP/tab" --root "$R" log --id j2 --json
expect_rc 0 "runs of j2 (tab and UTF-8 as cron logs them)"
expect_json 'len(d["runs"]) == 1 and d["runs"][0]["user"] == "backup-user" and d["runs"][0]["command"] == "two^Itab \\303\\251\\"' "j2 matched through mkprint"
expect_json 'd["runs"][0]["host"] == "web-01.example" and d["runs"][0]["ended"] and d["runs"][0]["end"] == "2026-12-31T23:59:02+00:00"' "host with '-' and the end time"

run -f "$T_TMP/tab" --root "$R" log --id j1 --json --since 2026-12-31
expect_rc 0 "since a date"
expect_json '[r["time"] for r in d["runs"]] == ["2026-12-31T23:58:01+00:00", "2027-01-01T00:00:01+00:00", "2027-01-02T04:00:01+00:00"]' "runs since 2026-12-31"
expect_json '[r["exit"] for r in d["runs"]] == [3, None, 2] and d["runs"][0]["job_pid"] == 7368 and d["runs"][0]["pid"] == 7367' "exit statuses and pids"
expect_json 'd["runs"][0]["source"] == "'"$R"'/var/log/syslog.1" and d["runs"][0]["line"] == 2' "source file and line, apart"
run -f "$T_TMP/tab" --root "$R" log --id j1 --since '2027-01-01T01:00:00+01:00'
expect_rc 0 "since an RFC 3339 time"
[ "$(wc -l < "$OUT")" -eq 2 ] && ok || fail "2 runs since midnight UTC, not $(wc -l < "$OUT")"

run --root "$R" log --since 100000d
expect_rc 0 "since N days ago"
[ "$(wc -l < "$OUT")" -eq 9 ] && ok || fail "all 9 runs are younger than 100000 days"

# The user of a system crontab's job must match too.
printf '# cronkeep: s1\n* * * * * ck-exp a\\\\b \\%%c d\n# cronkeep: s2\n* * * * * root a\\\\b \\%%c d\n' > "$T_TMP/sys"
run -f "$T_TMP/sys" --system-format --root "$R" log --id s1
expect_rc 0 "system job of ck-exp"
[ "$(wc -l < "$OUT")" -eq 4 ] && ok || fail "4 runs for ck-exp"
run -f "$T_TMP/sys" --system-format --root "$R" log --id s2
expect_rc 1 "root never ran it: exit 1"
if [ -s "$OUT" ]; then fail "no runs printed"; else ok; fi

# Given files: cronie output lines, journal text, busybox.
run log --log-file "$L/cron-cronie" --json
expect_rc 0 "cronie file"
expect_json 'd["runs"][0]["output"] == ["report line one", "report line two"] and d["runs"][0]["ended"]' "CMDOUT lines"
expect_json 'd["runs"][2]["truncated"] and not d["runs"][2]["ended"]' "a cut line"
run log --journal-file "$L/journal-short-iso.txt" --json
expect_rc 0 "journal text"
expect_json '[r["time"] for r in d["runs"]] == ["2026-11-24T22:59:01+00:00", "2026-11-24T23:00:01+00:00"] and d["runs"][1]["exit"] == 1' "journal stamps and status"
# The same runs in syslog and journal are shown once.
run log --journal-file "$L/journal-short-iso.txt" --log-file "$L/journal-short-iso.txt" --json
expect_json 'len(d["runs"]) == 2 and len(d["sources"]) == 2' "duplicates dropped"
run log --log-file "$L/busybox.log"
expect_rc 0 "busybox"
expect_out_has '  build-user  started  make -C /srv/app nightly$' "busybox run"

# Errors.
run log --log-file "$T_TMP/none"
expect_rc 66 "missing log file"
expect_err_has "$T_TMP/none" "names the file"
run --root "$R" log --since yesterday-ish
expect_rc 65 "bad --since"
run -f "$T_TMP/tab" --root "$R" log --id nope
expect_rc 66 "unknown id"
run log extra
expect_rc 2 "no operands"
run log --help
expect_rc 0 "help"
expect_out_has '^usage: cronkeep' "help text"

finish
