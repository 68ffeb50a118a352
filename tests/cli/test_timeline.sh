#!/bin/sh
# SPDX-License-Identifier: ISC
# timeline: golden pictures of a day, a week and a DST day; the SVG parses
# as XML, its spans hold every run of the window, its size is bounded at
# 10,000 jobs; the HTML page holds it.
. "$(dirname "$0")/lib.sh"

D=$CK_TEST_DATA/timeline
run -f "$D/tab.crontab" timeline --day 2024-03-05 --tz UTC --color never
expect_rc 0 "day"
expect_out_file "$D/day.golden" "day picture"
run -f "$D/tab.crontab" timeline --week --from 2024-03-04 --tz UTC --color never
expect_rc 0 "week"
expect_out_file "$D/week.golden" "week picture"
run -f "$D/tab.crontab" timeline --day 2024-03-31 --tz Europe/Berlin --color never
expect_out_file "$D/dst-berlin.golden" "a 23-hour DST day in Berlin"

# Colour: collisions in red when asked.
run -f "$D/tab.crontab" timeline --day 2024-03-05 --tz UTC --color always
expect_out_has "$(printf '\033')\\[1;31m\\^" "collision marks in red"

run -f "$D/tab.crontab" timeline --day 2024-03-05 --tz UTC --svg "$T_TMP/t.svg"
expect_rc 0 "svg written"
expect_out_empty "nothing on stdout with --svg"
if python3 - "$T_TMP/t.svg" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
runs = [r for r in root.iter(ns + "rect") if r.get("class").startswith("run ")]
coll = [r for r in root.iter(ns + "rect") if r.get("class") == "collision"]
# hourly 24 + backup 1 + office hours 9-17 every 10 min on a Tuesday 54 + sunday 0
assert sum(int(r.get("data-runs")) for r in runs) == 24 + 1 + 54, len(runs)
assert len(runs) <= 24 + 1 + 54, len(runs)
assert sum(int(r.get("data-minutes")) for r in coll) == 9, len(coll)
xs = sorted(float(r.get("x")) for r in runs)
assert 220 <= xs[0] and xs[-1] <= 220 + 960, xs
PY
then ok; else fail "svg: spans hold every run"; fi

run -f "$D/tab.crontab" timeline --week --from 2024-03-04 --tz UTC --html "$T_TMP/t.html"
expect_rc 0 "html written"
if python3 - "$T_TMP/t.html" <<'PY'
import sys, re, xml.etree.ElementTree as ET
s = open(sys.argv[1]).read()
assert s.startswith("<!DOCTYPE html>")
svg = re.search(r"<svg.*?</svg>", s, re.S).group(0)
root = ET.fromstring(svg)
runs = [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("class").startswith("run ")]
# a week: hourly 168, backup 7, office hours 5*54, sunday 1
assert sum(int(r.get("data-runs")) for r in runs) == 168 + 7 + 270 + 1, len(runs)
assert "<table>" in s and "/usr/local/bin/backup --full" in s
PY
then ok; else fail "html page"; fi

# Labels are escaped in XML.
printf '0 0 * * * echo "<&>"\n' > "$T_TMP/esc"
run -f "$T_TMP/esc" timeline --day 2024-03-05 --tz UTC --svg "$T_TMP/esc.svg"
if python3 -c 'import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])' "$T_TMP/esc.svg"; then ok; else
	fail "escaped labels"; fi

# Labels are cut between UTF-8 characters, by width: valid XML and text
# (issue 27 item 12: "donn\xc3..." once ended inside a character).
E=$(printf '\303\251')
printf '0 0 * * * /bin/x%s\n0 1 * * * /bin/xy%s\n0 2 * * * /bin/%s\n' \
    "$(for i in $(seq 20); do printf %s "$E"; done)" \
    "$(for i in $(seq 20); do printf %s "$E"; done)" \
    "$(for i in $(seq 20); do printf '\346\227\245'; done)" > "$T_TMP/utf"
run -f "$T_TMP/utf" timeline --day 2024-03-05 --tz UTC --svg "$T_TMP/utf.svg"
if python3 -c 'import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])' "$T_TMP/utf.svg"; then ok; else
	fail "UTF-8 labels in SVG"; fi
for cmd in "timeline --day 2024-03-05" "stats --from 2024-03-05 --days 1"; do
	run -f "$T_TMP/utf" $cmd --tz UTC
	if python3 -c 'import sys; sys.stdin.buffer.read().decode("utf-8")' < "$OUT"; then ok; else
		fail "$cmd: UTF-8 labels"; fi
done
run -f "$T_TMP/utf" timeline --day 2024-03-05 --tz UTC
# Every row is as wide on a terminal: 24 columns of label, then the cells.
if python3 - "$OUT" <<'PY'
import sys, unicodedata
rows = open(sys.argv[1], encoding="utf-8").read().splitlines()[2:5]
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
sys.exit(0 if len(rows) == 3 and len({width(r) for r in rows}) == 1 else 1)
PY
then ok; else fail "labels cut by display width"; fi

run -f "$D/tab.crontab" timeline --day 2024-13-40
expect_rc 65 "bad date"
run -f "$D/tab.crontab" timeline --width 5
expect_rc 2 "bad width"

# 10,000 jobs over a week (issue 26): 100 rows of jobs, then bands; the
# file stays small (one mark per run was 243 MB) and its bands add up to
# the runs of the HTML table.
python3 "$CK_SRC/tests/bench/gen_crontab.py" 10000 > "$T_TMP/big"
run -f "$T_TMP/big" timeline --week --from 2026-01-05 --tz UTC --svg "$T_TMP/big.svg" --html "$T_TMP/big.html"
expect_rc 0 "10,000 jobs: svg and html written"
if python3 - "$T_TMP/big.svg" "$T_TMP/big.html" <<'PY'
import os, re, sys, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
size = os.path.getsize(sys.argv[1])
assert size < 1 << 20, size
root = ET.parse(sys.argv[1]).getroot()
rows = []
for g in root.iter(ns + "g"):
    rows.append((g.find(ns + "text").text,
                 [int(r.get("data-runs")) for r in g.iter(ns + "rect")]))
assert len(rows) == 102, len(rows)
assert max(len(v) for k, v in rows) <= 240
assert re.fullmatch(r"\d+ more jobs", rows[-2][0]) and rows[-1][0] == "all jobs", rows[-2:]
table = sum(int(n) for n in re.findall(r"</code></td><td>(\d+)</td>", open(sys.argv[2]).read()))
assert sum(rows[-1][1]) == table > 100000, (sum(rows[-1][1]), table)
drawn = sum(sum(v) for k, v in rows[:-2])
assert drawn + sum(rows[-2][1]) == table, (drawn, sum(rows[-2][1]), table)
PY
then ok; else fail "10,000 jobs: a bounded SVG whose bands add up"; fi

finish
