#!/bin/sh
# SPDX-License-Identifier: ISC
# doc: a Markdown or HTML document with each job's schedule, description,
# next runs, user, id and lint findings.
. "$(dirname "$0")/lib.sh"

cat > "$T_TMP/tab" <<'X'
MAILTO=ops@example.com
# cronkeep: backup
30 2 * * * /usr/local/bin/backup --full
# cronkeep: off
#0 5 * * * /bin/off
0 0 1 * 1 /bin/monthly-or-monday | tee
0 0 30 2 * /bin/never
X
run -f "$T_TMP/tab" doc --tz UTC
expect_rc 0 "markdown"
expect_out_has '^# Crontab$' "title"
expect_out_has '^### backup$' "a section per job, by id"
expect_out_has '^- \*\*schedule:\*\* `30 2 \* \* \*`$' "schedule"
expect_out_has '^- \*\*when:\*\* At 02:30 every day\.$' "English description"
expect_out_has '^- \*\*next runs:\*\* [0-9]{4}-[0-9]{2}-[0-9]{2} 02:30, ' "next runs"
expect_out_has '^- \*\*next runs:\*\* none: the job is disabled$' "disabled job"
expect_out_has '^- \*\*next runs:\*\* never$' "never-firing job"
expect_out_has 'findings:.*CK024' "lint findings on the job's line"
expect_out_has 'findings:.*CK026' "day-or-weekday finding"
expect_out_has '^### /bin/monthly-or-monday \\| tee$' "markdown escapes | in headings"

run -f "$T_TMP/tab" doc --format html -o "$T_TMP/doc.html" --tz UTC
expect_rc 0 "html"
if python3 - "$T_TMP/doc.html" <<'PY'
import sys
from html.parser import HTMLParser
s = open(sys.argv[1]).read()
assert s.startswith("<!DOCTYPE html>") and s.rstrip().endswith("</html>")
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.h3 = []; self.inh3 = False
    def handle_starttag(self, t, a):
        self.inh3 = t == "h3"
    def handle_data(self, d):
        if self.inh3: self.h3.append(d)
    def handle_endtag(self, t):
        self.inh3 = False
p = P(); p.feed(s)
assert p.h3[:2] == ["backup", "off"], p.h3
assert "At 02:30 every day." in s
PY
then ok; else fail "html document"; fi

run -f "$T_TMP/tab" doc --format pdf
expect_rc 2 "bad format"

finish
