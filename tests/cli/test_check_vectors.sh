#!/bin/sh
# SPDX-License-Identifier: ISC
# check against outside verdicts:
# 1. every line of tests/vectors/accept-debian.tsv (Debian's crontab(1) on
#    each line as a one-line crontab): no error on the lines Debian accepts,
#    an error on the lines it rejects (--dialect debian);
# 2. chkcrontab's own test crontabs (tests/vectors/peer-chkcrontab): every
#    line chkcrontab flags is flagged, no error on its clean lines, and where
#    cronkeep judges differently the table below says why.
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || skip "python3 is needed"
TSV=$CK_VECTORS/accept-debian.tsv
PEER=$CK_VECTORS/peer-chkcrontab
[ -f "$TSV" ] && [ -d "$PEER" ] || {
	echo "FAIL: test vectors missing under $CK_VECTORS" >&2
	exit 1
}

if python3 - "$CRONKEEP" "$TSV" "$T_TMP" <<'PY'
import json, subprocess, sys
exe, tsv, tmp = sys.argv[1:4]
bad = 0
n = 0
for row in open(tsv, encoding="utf-8"):
    if row.startswith("#") or not row.strip():
        continue
    verdict, text = row.rstrip("\n").split("\t", 1)
    text = text.replace("\\t", "\t").replace("\\r", "\r")
    path = tmp + "/one.crontab"
    with open(path, "w", newline="") as f:
        f.write(text + "\n")
    p = subprocess.run([exe, "check", "--dialect", "debian", "--json", path],
                       capture_output=True, text=True)
    d = json.loads(p.stdout)
    errors = [x for x in d["files"][0]["diagnostics"] if x["severity"] == "error"]
    n += 1
    if verdict == "accept" and errors:
        print("Debian accepts %r but check reports %s" % (text, errors))
        bad += 1
    if verdict == "reject" and not errors:
        print("Debian rejects %r but check reports no error" % text)
        bad += 1
    want = 1 if errors else 0
    if p.returncode != want:
        print("%r: exit %d, want %d" % (text, p.returncode, want))
        bad += 1
print("accept-debian: %d lines, %d disagreements" % (n, bad))
sys.exit(1 if bad else 0)
PY
then ok; else fail "accept-debian.tsv verdicts"; fi

# chkcrontab FAILs these lines; Debian's cron accepts them, so cronkeep
# (--dialect debian) warns instead of failing, with the reason given.
cat > "$T_TMP/exceptions" <<'EOT'
1 ** * * * root Bad Line	CK021: Debian ignores the second '*' (cronie and OpenBSD reject it: an error there)
2-1 * * * * root Bad Range	CK010: Debian and cronie accept a reversed range and never run it
*/61 * * * * root Bad Step	CK030: every cron accepts a step larger than the range (cronie warns)
1-2/61 * * * * root Bad Step	CK030: as above
0 21 * * wed root /bin/bash/myscript	CK044: Debian keeps the first 1000 bytes of a longer command (cronie 131072)
EOT
mkdir -p "$T_TMP/root/etc"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n' > "$T_TMP/root/etc/passwd"

if python3 - "$CRONKEEP" "$PEER" "$T_TMP" <<'PY'
import json, re, subprocess, sys
exe, peer, tmp = sys.argv[1:4]
exc = {}
for row in open(tmp + "/exceptions"):
    key, why = row.rstrip("\n").split("\t")
    exc[key] = why
bad = 0
flagged_total = flagged_ok = errors_ok = fails = 0
for name in ("test_crontab", "test_crontab.warn"):
    path = peer + "/" + name
    lines = open(path, encoding="utf-8").read().split("\n")
    p = subprocess.run([exe, "--root", tmp + "/root", "--system-format",
                        "--dialect", "debian", "check", "--json", path],
                       capture_output=True, text=True)
    diags = json.loads(p.stdout)["files"][0]["diagnostics"]
    by_line = {}
    for x in diags:
        by_line.setdefault(x["line"], []).append(x)
    expect = {}          # line number -> ("FAIL"|"WARN", what)
    for i, text in enumerate(lines):
        m = re.match(r"# (FAIL|WARN) (\d+) (.*)", text)
        if m and int(m.group(2)) > 0:
            expect[i + 2] = (m.group(1), m.group(3))
    for i, text in enumerate(lines):
        ln = i + 1
        if ln in expect:
            kind, what = expect[ln]
            flagged_total += 1
            if "file name" in what:
                got = [x for x in by_line.get(0, []) if x["code"] == "CK001"]
            else:
                got = [x for x in by_line.get(ln, [])
                       if x["severity"] in ("error", "warning")]
            if not got:
                print("%s:%d: chkcrontab %s (%s), check reports nothing: %r"
                      % (name, ln, kind, what, text))
                bad += 1
                continue
            flagged_ok += 1
            if kind == "FAIL":
                fails += 1
                if any(x["severity"] == "error" for x in got):
                    errors_ok += 1
                elif not any(text.startswith(k) for k in exc):
                    print("%s:%d: chkcrontab FAILs %r, check only warns: %s"
                          % (name, ln, text, got))
                    bad += 1
            continue
        if not text or text.lstrip().startswith("#"):
            continue
        errs = [x for x in by_line.get(ln, []) if x["severity"] == "error"]
        if errs:
            print("%s:%d: clean for chkcrontab, error here: %r %s"
                  % (name, ln, text, errs))
            bad += 1
print("chkcrontab flags %d lines; check flags %d of them; of %d FAILs, %d "
      "are errors here and %d are warnings for the documented reasons"
      % (flagged_total, flagged_ok, fails, errors_ok, fails - errors_ok))
sys.exit(1 if bad else 0)
PY
then ok; else fail "chkcrontab peer vectors"; fi

# The reasons hold: where the other crons reject what Debian accepts, the
# same lines are errors under their dialect.
printf 'MAILTO=""\n# a\n1 ** * * * root Bad Line\n' > "$T_TMP/star.crontab"
run --system-format check --dialect cronie --json "$T_TMP/star.crontab"
expect_json '[x["line"] for x in d["files"][0]["diagnostics"] if x["severity"] == "error"] == [3]' "cronie rejects 1 ** (an error)"
printf 'MAILTO=""\n# a\n2-1 * * * * root Bad Range\n' > "$T_TMP/rev.crontab"
run --system-format check --dialect openbsd --json "$T_TMP/rev.crontab"
expect_json '[x["code"] for x in d["files"][0]["diagnostics"] if x["severity"] == "error"] == ["CK010"]' "OpenBSD rejects 2-1"

finish
