#!/bin/sh
# SPDX-License-Identifier: ISC
# next: fire times in human and JSON form, --from with and without
# offsets, --tz, --prev, DST notes, --id with CRON_TZ, and the exit codes.
. "$(dirname "$0")/lib.sh"

# Pin "now" (2024-01-01 00:00:00Z) so the distances are known.
CRONKEEP_NOW=1704067200
export CRONKEEP_NOW

run next '*/15 * * * *' --tz UTC -c 3
expect_rc 0 "next in UTC"
printf '%s\n' \
    'Mon 2024-01-01 00:15 +00:00 UTC    in 15m' \
    'Mon 2024-01-01 00:30 +00:00 UTC    in 30m' \
    'Mon 2024-01-01 00:45 +00:00 UTC    in 45m' > "$T_TMP/want"
expect_out_file "$T_TMP/want" "three lines, weekday, offset, distance"
expect_err_empty "next in UTC"

# The default count is 5; separate words make one expression.
run next 0 0 '*' '*' 1 --tz UTC
expect_rc 0 "words"
[ "$(wc -l < "$OUT")" -eq 5 ] && ok || fail "default count is 5"
expect_out_has '^Mon 2024-01-08 00:00 \+00:00 UTC +in 7d 0h$' "first Monday"

# The local zone: TZ, then --tz wins over it.
TZ=America/New_York
export TZ
run next '0 12 * * *' -c 1
expect_out 'Mon 2024-01-01 12:00 -05:00 EST    in 17h 0m' "TZ is the local zone"
run next '0 12 * * *' -c 1 --tz Asia/Kolkata
expect_out 'Mon 2024-01-01 12:00 +05:30 IST    in 6h 30m' "--tz wins over TZ"
TZ=:Asia/Tokyo
run next '0 12 * * *' -c 1
expect_out 'Mon 2024-01-01 12:00 +09:00 JST    in 3h 0m' "TZ with a colon"
TZ=UTC
run next '0 12 * * *' -c 1 --tz 'CET-1CEST,M3.5.0,M10.5.0/3'
expect_out 'Mon 2024-01-01 12:00 +01:00 CET    in 11h 0m' "POSIX TZ string"
run next '0 12 * * *' --tz Mars/Olympus_Mons
expect_rc 65 "unknown zone"
expect_err_has 'unknown time zone "Mars/Olympus_Mons"' "names the zone"
run next '0 12 * * *' --tz ../../etc/passwd
expect_rc 65 "zone name with .."
expect_err_has 'invalid time zone name' "refused"

# --from: local time in the zone, or with an offset, or Z, or @epoch.
run next '0 9 * * *' --tz Europe/Berlin --from '2024-06-01 08:59' -c 1
expect_out 'Sat 2024-06-01 09:00 +02:00 CEST   in 152d 7h' "local --from"
run next '0 9 * * *' --tz Europe/Berlin --from '2024-06-01 08:59+02:00' -c 1
expect_out 'Sat 2024-06-01 09:00 +02:00 CEST   in 152d 7h' "--from with offset"
run next '0 9 * * *' --tz Europe/Berlin --from '2024-06-01T06:59:30Z' -c 1
expect_out 'Sat 2024-06-01 09:00 +02:00 CEST   in 152d 7h' "--from Z, T, seconds"
run next '0 9 * * *' --tz Europe/Berlin --from '2024-06-01 07:01Z' -c 1
expect_out 'Sun 2024-06-02 09:00 +02:00 CEST   in 153d 7h' "strictly after"
run next '0 9 * * *' --tz UTC --from @1717225200 -c 1
expect_out 'Sat 2024-06-01 09:00 +00:00 UTC    in 152d 9h' "--from @epoch"

# --prev: strictly before, newest first, distance in the past.
run next '0 0 * * *' --tz UTC --prev -c 2
expect_rc 0 "prev"
printf '%s\n' \
    'Sun 2023-12-31 00:00 +00:00 UTC    1d 0h ago' \
    'Sat 2023-12-30 00:00 +00:00 UTC    2d 0h ago' > "$T_TMP/want"
expect_out_file "$T_TMP/want" "prev lines"

# JSON: RFC 3339 with the offset, "prev" with --prev, dst notes.
run --json next '30 4 1,15 * 5' --tz UTC --from '2024-03-01 00:00Z' -c 3
expect_rc 0 "json"
expect_json 'd == {"schedule": "30 4 1,15 * 5", "timezone": "UTC", "next": ["2024-03-01T04:30:00+00:00", "2024-03-08T04:30:00+00:00", "2024-03-15T04:30:00+00:00"], "dst": [None, None, None], "for": [None, None, None]}' "json document"
run next --json '0 0 29 2 *' --tz UTC --from '2096-03-01 00:00Z' -c 2 --prev
expect_json 'd["prev"] == ["2096-02-29T00:00:00+00:00", "2092-02-29T00:00:00+00:00"] and "next" not in d' "json prev"
run next --json '0 0 29 2 *' --tz UTC --from '2096-03-01 00:00Z' -c 1
expect_json 'd["next"] == ["2104-02-29T00:00:00+00:00"]' "2100 is no leap year"

# DST, Europe/Berlin spring: 02:30 is skipped.  Debian (vixie) runs the
# job when the clock jumps; busybox (calendar) never runs it that day.
run next '30 2 * * *' --tz Europe/Berlin --from '2024-03-30 12:00' -c 2
expect_out_has '^Sun 2024-03-31 03:00 \+02:00 CEST .*DST: the run for 02:30' "vixie shifts"
expect_out_has '^Mon 2024-04-01 02:30 \+02:00 CEST' "then normal"
run next '30 2 * * *' --tz Europe/Berlin --from '2024-03-30 12:00' -c 1 --dialect busybox
expect_out_has '^Mon 2024-04-01 02:30' "busybox skips"
run next --json '30 2 * * *' --tz Europe/Berlin --from '2024-03-30 12:00' -c 2
expect_json 'd["next"] == ["2024-03-31T03:00:00+02:00", "2024-04-01T02:30:00+02:00"] and d["dst"] == ["shifted", None]' "json shifted"
# Several skipped times of one job: the daemon runs it once for each, all
# at 03:00; each run names the time it stands for (issue 21).
run next --json '0,30 2 * * *' --tz Europe/Berlin --from '2027-03-28 00:00' -c 3
expect_json 'd["next"] == ["2027-03-28T03:00:00+02:00", "2027-03-28T03:00:00+02:00", "2027-03-29T02:00:00+02:00"] and d["dst"] == ["shifted", "shifted", None] and d["for"] == ["2027-03-28T02:00:00", "2027-03-28T02:30:00", None]' "two skipped times, two runs"
run next --json '0 2-3 * * *' --tz Europe/Berlin --from '2027-03-28 00:00' -c 2
expect_json 'd["next"] == ["2027-03-28T03:00:00+02:00", "2027-03-28T03:00:00+02:00"] and d["dst"] == ["shifted", None]' "02:00 moved, 03:00 itself: two runs"
printf '# cronkeep: two\n0,30 2 * * * echo a\n' > "$T_TMP/dst.tab"
run -f "$T_TMP/dst.tab" stats --tz Europe/Berlin --from '2027-03-28 00:00' --days 1 --json
expect_json 'd["runs"] == 2 and d["collision_minutes"] == 0' "stats counts both runs, one job: no collision"
# Autumn: 02:30 happens twice; a fixed job runs once (vixie), twice
# (calendar); a wildcard job runs in both copies.
run next --json '30 2 * * *' --tz Europe/Berlin --from '2024-10-26 12:00' -c 2
expect_json 'd["next"] == ["2024-10-27T02:30:00+02:00", "2024-10-28T02:30:00+01:00"]' "vixie once"
run next --json '30 2 * * *' --tz Europe/Berlin --from '2024-10-26 12:00' -c 2 --dst calendar
expect_json 'd["next"] == ["2024-10-27T02:30:00+02:00", "2024-10-27T02:30:00+01:00"] and d["dst"] == [None, "repeated"]' "calendar twice"
run next '*/30 2 * * *' --tz Europe/Berlin --from '2024-10-27 01:59' -c 4
expect_out_has '^Sun 2024-10-27 02:00 \+01:00 CET .*DST: again' "wildcard repeats"
# New York and Lord Howe (a 30-minute change).
run next --json '15 2 * * *' --tz America/New_York --from '2024-03-09 12:00' -c 2
expect_json 'd["next"] == ["2024-03-10T03:00:00-04:00", "2024-03-11T02:15:00-04:00"] and d["dst"][0] == "shifted"' "new york spring"
run next --json '45 1 * * *' --tz Australia/Lord_Howe --from '2024-04-06 12:00' -c 2 --dst calendar
expect_json 'd["next"] == ["2024-04-07T01:45:00+11:00", "2024-04-07T01:45:00+10:30"]' "lord howe autumn"

# A schedule that never fires: a message and exit 1.
run next '0 0 30 2 *'
expect_rc 1 "never fires"
expect_err_has 'never fires' "says so"
run next --json '0 0 31 4,6,9,11 *' --tz UTC
expect_rc 1 "never fires, json"
expect_json 'd["next"] == []' "empty list"
run next @reboot
expect_rc 1 "@reboot"
expect_err_has '@reboot' "@reboot explained"

# --id: a job of the selected crontab; cronie honours CRON_TZ.
cat > "$T_TMP/tab" <<'TAB'
# cronkeep: backup
30 2 * * * /usr/bin/backup
CRON_TZ=America/New_York
# cronkeep: report
0 12 * * * /usr/bin/report
TAB
run -f "$T_TMP/tab" next --id backup --tz UTC -c 1
expect_out 'Mon 2024-01-01 02:30 +00:00 UTC    in 2h 30m' "--id"
run -f "$T_TMP/tab" --dialect cronie next --id report -c 1
expect_out 'Mon 2024-01-01 12:00 -05:00 EST    in 17h 0m' "CRON_TZ under cronie"
run -f "$T_TMP/tab" --dialect debian next --id report -c 1 --tz UTC
expect_out 'Mon 2024-01-01 12:00 +00:00 UTC    in 12h 0m' "debian ignores CRON_TZ"
run -f "$T_TMP/tab" next --id nosuchjob
expect_rc 66 "unknown id"
expect_err_has "nosuchjob" "names the id"

# Usage errors exit 2; a bad schedule is bad data (65) with its column.
run next
expect_rc 2 "no expression"
run next '* * * * *' -c 0
expect_rc 2 "count 0"
run next '* * * * *' -c many
expect_rc 2 "count not a number"
run next '* * * * *' --from 'tomorrow'
expect_rc 65 "bad --from"
expect_err_has "YYYY-MM-DD" "--from format explained"
run next '* * * * *' --from '2023-02-29 00:00'
expect_rc 65 "no such day"
run next '* * * * *' --dst sometimes
expect_rc 2 "bad --dst"
run -f "$T_TMP/tab" next --id backup '* * * * *'
expect_rc 2 "--id and an expression"
run next '61 * * * *'
expect_rc 65 "bad schedule"
expect_err_has ':1:1:' "line and column"
run next --help
expect_rc 0 "help"
expect_out_has '^usage: cronkeep next' "help text"

finish
