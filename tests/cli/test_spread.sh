# SPDX-License-Identifier: ISC
# test_spread.sh - cronkeep spread: moves jobs out of crowded minutes
# within their hour, keeps their frequency, leaves pinned jobs alone, is
# deterministic, and a second run changes nothing.
. "$(dirname "$0")/lib.sh"

D=$T_TMP
F=$D/tab
W="--tz UTC --from 2026-01-05"

# ---- 60 jobs all at 0 0 * * * ----
i=1
while [ "$i" -le 60 ]; do
	printf '# cronkeep: job%d\n0 0 * * * /bin/job %d\n' "$i" "$i"
	i=$((i + 1))
done > "$F"
cp "$F" "$D/orig"

# The lint note (CK068) points at spread, once, on the fifth job.
run -f "$F" check
expect_rc 0 "a note is not a failure"
expect_err_has ':10:1: note: 60 jobs start in the same minute as this one \(the first on line 2\) \[CK068\]' \
    "check notes the crowded minute"
n=$(grep -c CK068 "$ERR")
[ "$n" -eq 1 ] && ok || fail "CK068 once, got $n"

run -f "$F" -n spread $W
expect_rc 0 "-n: the plan fixes every minute"
cmp -s "$F" "$D/orig" && ok || fail "-n wrote the crontab"
expect_out_has '^\+1 0 \* \* \* /bin/job 60$' "-n shows the diff"
expect_err_has '59 jobs moved \(dry run\); busiest minute 60 -> 1' \
    "-n summary"

run -f "$F" spread $W
expect_rc 0 "spread writes"
expect_err_has '59 jobs moved; busiest minute 60 -> 1 job' "summary"
# Each job: still daily in hour 0, same command; every minute used once.
n=$(grep -c '^[0-9]* 0 \* \* \* /bin/job [0-9]*$' "$F")
[ "$n" -eq 60 ] && ok || fail "60 daily jobs in hour 0, got $n"
m=$(grep '^[0-9]' "$F" | cut -d' ' -f1 | sort -n | uniq | wc -l)
[ "$m" -eq 60 ] && ok || fail "60 different minutes, got $m"
for k in 1 2 30 60; do
	grep -q "^[0-9]* 0 \* \* \* /bin/job $k\$" "$F" && ok ||
	    fail "job $k lost"
done
grep -qx '0 0 \* \* \* /bin/job 1' "$F" && ok || fail "the first job stays"
grep -c '^# cronkeep: job' "$F" | grep -qx 60 && ok || fail "markers kept"

run -f "$F" check
expect_err_lacks 'CK068' "no crowded minute after spread"

# Deterministic: the same input gives the same plan.
cp "$D/orig" "$D/again"
run -f "$D/again" spread $W
cmp -s "$F" "$D/again" && ok || fail "two runs on the same input differ"

# A second run changes nothing (not a byte, not the file's inode).
s1=$(stat -c '%i %.9Y' "$F")
run -f "$F" spread $W --json
expect_rc 0 "second run"
expect_json "(d['moves'] == [] and d['busiest_before'] == 1 and
    d['minutes_over_after'] == 0)" "second run has nothing to move"
s2=$(stat -c '%i %.9Y' "$F")
[ "$s1" = "$s2" ] && ok || fail "second run rewrote the file"

# ---- pinned jobs, jobs that cannot move, --max, exit 1 ----
cat > "$F" <<'T'
# cronkeep: a pinned
30 2 * * * /bin/a
30 2 * * * /bin/b # pinned
*/30 * * * * /bin/c
30 2 * * * /bin/d
30 2 * * 1 /bin/e
T
run -f "$F" spread $W --json
expect_rc 1 "mixed crontab: a, b and c stay together at 02:30"
expect_json "(sorted((m['line'], m['from']) for m in d['moves']) ==
    [(5, 30), (6, 30)] and d['busiest_before'] == 5 and
    d['busiest_after'] == 3)" \
    "only d and e move (a, b pinned; c's minute is a step)"
grep -qx '30 2 \* \* \* /bin/a' "$F" && ok || fail "pinned by the marker"
grep -qx '30 2 \* \* \* /bin/b # pinned' "$F" && ok ||
    fail "pinned by the comment"
grep -qx '\*/30 \* \* \* \* /bin/c' "$F" && ok || fail "a step stays"
grep -q '^[0-9]* 2 \* \* 1 /bin/e$' "$F" && ok || fail "e stays weekly"

printf '0 * * * * /bin/x\n0 * * * * /bin/y\n0 * * * * /bin/z\n' > "$D/h"
run -f "$D/h" spread $W --max 2 --json
expect_json "len(d['moves']) == 1 and d['moves'][0]['line'] == 3" \
    "--max 2 moves one of three hourly jobs"
grep -qx '1 \* \* \* \* /bin/z' "$D/h" && ok || fail "z to minute 1"

printf '0 0 * * * /bin/x\n0 0 * * * /bin/y\n0 0 * * * /bin/z\n' > "$D/w"
run -f "$D/w" spread $W --minutes 0-1
expect_rc 1 "three jobs in two minutes: still over --max"
expect_err_has "minutes over --max 1: 7 -> 7" "says what remains"

run -f "$F" spread --max 0
expect_rc 2 "--max 0 is a usage error"
run -f "$F" spread --minutes 50-10
expect_rc 2 "a backwards window is a usage error"

# A fleet: 100 hosts' inventories (tests/gen_fleet.py, seeded) all run
# "backup" at 00:00.  With --hours 0-1 each host gets its own minute of
# hours 0-1; the job stays daily; the plan is the same every time.
G=$T_TMP/fleet
mkdir -p "$G/inv"
python3 "$CK_SRC/tests/gen_fleet.py" "$G/inv" 100 5 >/dev/null
run spread --inventory "$G/inv" --hours 0-1 --json
expect_rc 0 "fleet plan"
cp "$OUT" "$G/plan1.json"
expect_json 'd["hosts"] == 100 and d["busiest_before"] == 100 and d["busiest_after"] == 1 and d["shared"] == 0' "the herd of 100 is gone"
python3 - "$G/plan1.json" "$G/inv" <<'PY' && ok || fail "fleet plan: backup times"
import json, os, sys
plan = json.load(open(sys.argv[1]))["plan"]
moved = {p["host"]: p for p in plan if p["id"] == "backup"}
times = []
for name in sorted(os.listdir(sys.argv[2])):
    doc = json.load(open(os.path.join(sys.argv[2], name)))
    host = doc["host"]["name"] if isinstance(doc.get("host"), dict) else doc["host"]
    for j in doc["jobs"]:
        if j.get("id") != "backup":
            continue
        sched = moved[host]["to"] if host in moved else j["schedule"]
        if host in moved:
            assert moved[host]["from"] == j["schedule"], (host, moved[host])
        m, h, rest = sched.split(" ", 2)
        assert rest == "* * *", sched                     # still daily
        assert h in ("0", "1") and 0 <= int(m) <= 59, sched
        times.append((int(h), int(m)))
assert len(times) == 100 and len(set(times)) == 100, (len(times), len(set(times)))
PY
run spread --inventory "$G/inv" --hours 0-1 --json
if cmp -s "$OUT" "$G/plan1.json"; then ok; else fail "a second plan differs"; fi
# Without --hours the hour is kept: 100 hosts in 60 minutes share some.
run spread --inventory "$G/inv"
expect_rc 0 "fleet plan in the job's own hour"
expect_err_has 'share a minute' "says the window is too small"
expect_out_has '^HOST  *GROUP  *JOB' "a per-host table"
# --group narrows the plan to one group's hosts.
run spread --inventory "$G/inv" --group web --json
expect_json 'all(p["group"] == "web" for p in d["plan"]) and d["moves"] > 0' "--group web"
run spread --inventory "$G/inv" --hours 0-24
expect_rc 2 "--hours past 23"
run -f "$F" spread --group web
expect_rc 2 "--group without --inventory"

# ---- resource tags: jobs sharing a resource never start together ----
R=$D/res
{
	i=1
	while [ "$i" -le 6 ]; do
		printf '# cronkeep: dump%d resource=db\n0 3 * * * /bin/dump %d\n' \
		    "$i" "$i"
		i=$((i + 1))
	done
	printf '0 3 * * * /bin/vacuum # resource=db,disk\n'
	printf '0 3 * * * /bin/report\n0 3 * * * /bin/mail\n'
	printf '# cronkeep: tar pinned resource=disk\n0 3 * * * /bin/tar\n'
	printf '*/15 * * * * /bin/poll\n'
} > "$R"
cp "$R" "$D/res.orig"
run -f "$R" spread $W --max 20 --json
expect_rc 0 "resource clashes resolved under a loose --max"
expect_json 'd["resources"] == ["db", "disk"] and d["clashes_before"] == 14 and d["clashes_after"] == 0 and d["minutes_over_after"] == 0' \
    "the JSON counts the clashes (db and disk, one minute a day for 7 days each)"
expect_json 'sorted(m["line"] for m in d["moves"]) == [4, 6, 8, 10, 12, 13]' \
    "the first db job stays, the other db jobs and vacuum move"
# Every db job at its own minute of hour 3, still daily.
n=$(grep -E '^[0-9]+ 3 \* \* \* /bin/(dump|vacuum)' "$R" | cut -d' ' -f1 |
    sort -u | wc -l)
[ "$n" -eq 7 ] && ok || fail "7 db jobs at 7 minutes, got $n"
# vacuum (db and disk) not with tar (disk, pinned at :00) either.
v=$(grep '/bin/vacuum' "$R" | cut -d' ' -f1)
[ "$v" != 0 ] && ok || fail "vacuum stays with tar on disk"
grep -qx '0 3 \* \* \* /bin/tar' "$R" && ok || fail "the pinned tar moved"
grep -qx '0 3 \* \* \* /bin/report' "$R" && grep -qx '0 3 \* \* \* /bin/mail' "$R" &&
    ok || fail "untagged jobs under --max moved"
# No minute holds two jobs of one resource (the poll shares no tag).
run -f "$R" spread $W --max 20 --json
expect_json 'd["moves"] == [] and d["clashes_before"] == 0' \
    "a second run changes nothing"
# Two of a resource may share a minute with --per-resource 2.
cp "$D/res.orig" "$R"
run -f "$R" spread $W --max 20 --per-resource 2
expect_rc 0 "--per-resource 2"
expect_err_has 'resource clashes \(more than 2 of one resource in a minute\): 7 -> 0' \
    "the summary names the clashes"
n=$(grep -E '^[0-9]+ 3 \* \* \* /bin/(dump|vacuum)' "$R" | cut -d' ' -f1 |
    sort | uniq -c | awk '$1 > 2' | wc -l)
[ "$n" -eq 0 ] && ok || fail "$n minutes with 3 db jobs or more"
# All of a resource pinned: nothing can move, exit 1.
printf '0 4 * * * /bin/a # pinned resource=x\n0 4 * * * /bin/b # pinned resource=x\n' > "$D/pinres"
run -f "$D/pinres" spread $W
expect_rc 1 "pinned clash: exit 1"
expect_err_has 'resource clashes .*: 7 -> 7' "the clash stays"
run -f "$R" spread --per-resource 0
expect_rc 2 "--per-resource 0 is a usage error"

finish
