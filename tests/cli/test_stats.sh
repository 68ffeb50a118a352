#!/bin/sh
# SPDX-License-Identifier: ISC
# stats: runs per day, collisions, and the concurrency budget found at the
# right minutes.
. "$(dirname "$0")/lib.sh"

cat > "$T_TMP/tab" <<'X'
# cronkeep: hourly
0 * * * * /bin/hourly
# cronkeep: two-hourly
0 */2 * * * /bin/two
*/15 * * * * /bin/quarter
30 3 * * 1 /bin/monday
0 0 * * * /bin/midnight
@reboot /bin/boot
# cronkeep: off
#5 5 * * * /bin/disabled
X

# 2024-01-01 is a Monday.
run -f "$T_TMP/tab" stats --from '2024-01-01' --days 7 --tz UTC --json
expect_rc 0 "no budget: exit 0"
expect_json 'd["runs"] == 7*24 + 7*12 + 7*96 + 1 + 7' "runs counted exactly"
expect_json 'all(abs(a - b) < 1e-3 for a, b in zip([x["runs_per_day"] for x in d["jobs"]], [24, 12, 96, 1/7, 1]))' "runs per day per job"
expect_json 'len(d["jobs"]) == 5' "disabled and @reboot jobs have no runs"
expect_json 'd["collision_minutes"] == 7*24 + 1' "every full hour, and Monday 03:30, is a collision"
expect_json 'd["collisions"][0]["time"] == "2024-01-01T00:00:00+00:00" and sorted(d["collisions"][0]["jobs"]) == sorted(["hourly", "two-hourly", "/bin/quarter", "/bin/midnight"])' "worst collision first"
expect_json 'd["busiest_minutes"][0] == {"time": "00:00", "runs_per_day": 4}' "busiest minute"
expect_json 'd["from"] == "2024-01-01T00:00:00+00:00" and d["to"] == "2024-01-08T00:00:00+00:00"' "period"

# The budget: 3 starts a minute is exceeded only at midnight (4 jobs).
run -f "$T_TMP/tab" stats --from '2024-01-01' --days 2 --tz UTC --max-concurrent 3 --json
expect_rc 1 "budget exceeded: exit 1"
expect_json '[w["start"] for w in d["budget"]["exceeded"]] == ["2024-01-01T00:00:00+00:00", "2024-01-02T00:00:00+00:00"]' "offending minutes"
expect_json 'd["budget"]["exceeded"][0]["starts"] == 4' "starts in the window"
expect_json 'd["budget"]["window"] == 60' "the window in seconds"
run -f "$T_TMP/tab" stats --from '2024-01-01' --days 2 --tz UTC --max-concurrent 4
expect_rc 0 "budget kept"
expect_out_has 'budget: at most 4 starts per 1m: kept' "kept said"
run -f "$T_TMP/tab" stats --from '2024-01-01' --days 1 --tz UTC --max-concurrent 6 --window 1h
expect_rc 1 "hour windows: 1+1+4+1 = 7 starts in the midnight hour"
expect_out_has '2024-01-01 00:00  7 starts' "midnight hour has 7 starts"
expect_out_lacks '2024-01-01 0[1-9]:00  [0-9]+ starts' "no other hour exceeds 6"

# Local hours: in Europe/Berlin the midnight job is at 00:00 local.
run -f "$T_TMP/tab" stats --from '2024-07-01' --days 1 --tz Europe/Berlin --json
expect_json 'd["from"] == "2024-07-01T00:00:00+02:00"' "zone offset in times"
expect_json 'd["busiest_minutes"][0]["time"] == "00:00"' "local minute of the day"

# No jobs at all (under UBSan this once sorted a NULL array).
printf '# nothing\n@reboot /bin/boot\n' > "$T_TMP/empty"
run -f "$T_TMP/empty" stats --from '2024-01-01' --days 3 --tz UTC --max-concurrent 1 --json
expect_rc 0 "no jobs: budget kept"
expect_json 'd["runs"] == 0 and d["jobs"] == [] and d["collisions"] == [] and d["budget"]["ok"]' "no jobs: nothing counted"

# Across a DST change the runs are the daemon's: Berlin skips 02:00-02:59
# on 2024-03-31; Debian runs the skipped 02:30 job once at 03:00.
printf '30 2 * * * /bin/two-thirty\n*/30 * * * * /bin/half\n' > "$T_TMP/dst"
run -f "$T_TMP/dst" stats --from '2024-03-30' --days 3 --tz Europe/Berlin --json
# (3 x 24 hours end at 01:00 CEST: 02:00 and 02:30 are skipped, 00:00
# and 00:30 on April 2 are in.)
expect_json '[x["runs"] for x in d["jobs"]] == [3, 3*48 - 2 + 2]' "DST day: skipped runs"
run -f "$T_TMP/dst" stats --from '2024-03-30' --days 3 --tz Europe/Berlin --max-concurrent 1 --json
expect_json '[w["start"] for w in d["budget"]["exceeded"]] == ["2024-03-30T02:30:00+01:00", "2024-03-31T03:00:00+02:00", "2024-04-01T02:30:00+02:00"]' "DST day: the skipped job runs at 03:00 with the half-hourly"

run -f "$T_TMP/tab" stats --days 0
expect_rc 2 "bad --days"
expect_err_has "^cronkeep: --days takes 1 to 3660, not '0'; try 'cronkeep stats --help'$" \
    "bad --days: the shared window message, with the usage hint"
run -f "$T_TMP/tab" stats --days 3661
expect_rc 2 "--days above 3660"
run -f "$T_TMP/tab" stats --days 3 --days 1 --json
expect_json 'd["days"] == 1' "the last --days wins"
run -f "$T_TMP/tab" stats --window 30s --max-concurrent 2
expect_rc 2 "bad --window"

finish
