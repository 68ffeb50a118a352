#!/bin/sh
# SPDX-License-Identifier: ISC
# export: systemd OnCalendar= lines fire at exactly cron's minutes (checked
# with systemd-analyze calendar against cronkeep next over every vector of
# tests/vectors/next.tsv), the units pass systemd-analyze verify, and the
# Kubernetes manifests parse and carry the required fields.
. "$(dirname "$0")/lib.sh"

# One job per vector, ids v1, v2, ...
python3 - "$CK_VECTORS/next.tsv" "$T_TMP/vectors.crontab" "$T_TMP/vectors.tsv" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")]
with open(sys.argv[2], "w") as tab, open(sys.argv[3], "w") as out:
    for i, r in enumerate(rows):
        tab.write("# cronkeep: v%d\n%s /bin/true\n" % (i + 1, r[0]))
        out.write("v%d\t%s\t%s\t%s\n" % (i + 1, r[0], r[1], r[2] if len(r) > 2 else ""))
PY
run -f "$T_TMP/vectors.crontab" export --to systemd --run-as nobody -o "$T_TMP/units"
expect_rc 0 "export every vector"

if command -v systemd-analyze >/dev/null 2>&1; then
	if python3 - "$T_TMP/units" "$T_TMP/vectors.tsv" <<'PY'
import os, re, subprocess, sys
units, vectors = sys.argv[1], sys.argv[2]
bad = checked = 0
for line in open(vectors):
    vid, expr, start, want = line.rstrip("\n").split("\t")
    want = want.split()
    timer = open(os.path.join(units, "cronkeep-%s.timer" % vid)).read()
    cals = re.findall(r"^OnCalendar=(.*)$", timer, re.M)
    got = set()
    for cal in cals:
        out = subprocess.run(["systemd-analyze", "calendar", "--iterations=5",
            "--base-time=%s:00 UTC" % start.replace("T", " "), cal],
            capture_output=True, text=True, env=dict(os.environ, TZ="UTC"))
        if out.returncode != 0:
            print("systemd-analyze rejects", cal, out.stderr); bad += 1; continue
        for m in re.finditer(r"(?:Next elapse|Iter\. #\d+): \w+ (\S+) (\S+) UTC", out.stdout):
            got.add("%sT%sZ" % (m.group(1), m.group(2)))
    got = sorted(got)[:5]
    checked += 1
    if got != want:
        bad += 1
        print("MISMATCH %s %r: systemd %s, cron %s" % (vid, expr, got, want))
print("%d vectors checked, %d mismatches" % (checked, bad))
sys.exit(1 if bad or checked < 40 else 0)
PY
	then ok; else fail "OnCalendar= fires at cron's minutes"; fi
	(cd "$T_TMP/units" && systemd-analyze verify ./cronkeep-v1.timer ./cronkeep-v1.service ./cronkeep-v10.timer ./cronkeep-v10.service) >"$T_TMP/verify" 2>&1 && ok || {
		cat "$T_TMP/verify" >&2; fail "systemd-analyze verify"; }
else
	echo "note: systemd-analyze not installed: calendar checks not run" >&2
fi

# Generated schedules (seeded, 300): every exported OnCalendar= parses in
# systemd-analyze and gives the minutes cronkeep next gives (weekday sets
# such as Sun,Mon,Tue, which systemd refuses as Sun..Tue; weekday 7, names,
# N-0, both day fields).  One systemd-analyze call for all of them.
if command -v systemd-analyze >/dev/null 2>&1; then
	if python3 - "$CRONKEEP" "$T_TMP" <<'PY'
import json, os, random, re, subprocess, sys
exe, tmp = sys.argv[1:3]
r = random.Random(21)
DOW = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
def field(lo, hi):
    k = r.random()
    if k < 0.3:
        return "*"
    if k < 0.5:
        a = r.randint(lo, hi); b = r.randint(a, hi)
        return "%d-%d" % (a, b)
    if k < 0.65:
        return "*/%d" % r.choice([2, 3, 5, 7, 10, 15])
    if k < 0.75:
        a = r.randint(lo, hi); b = r.randint(a, hi)
        return "%d-%d/%d" % (a, b, r.choice([2, 3, 4]))
    vals = sorted(r.sample(range(lo, hi + 1), r.randint(1, 3)))
    return ",".join(map(str, vals))
def dow():
    k = r.random()
    if k < 0.15:
        return "*"
    if k < 0.45:   # sets starting at Sunday
        a = r.randint(1, 6)
        return r.choice(["0-%d" % a, ",".join(str(i) for i in range(a + 1)),
                         "sun-%s" % DOW[a], "7,%s" % ",".join(str(i) for i in range(1, a + 1))])
    if k < 0.6:
        a = r.randint(1, 6)
        return r.choice(["%d-7" % a, "%d-0" % a, "%s-sun" % DOW[a]])
    if k < 0.7:
        return r.choice(["0", "7", "6,0", "1-5", "0-6", "*/2", "1-7/2"])
    return field(0, 6)
exprs = []
for i in range(300):
    dom = "*" if r.random() < 0.6 else field(1, 28)
    mon = "*" if r.random() < 0.7 else field(1, 12)
    minute = str(r.randint(0, 59)) if r.random() < 0.8 else field(0, 59)
    exprs.append(" ".join([minute, field(0, 23), dom, mon, dow()]))
with open(tmp + "/gen.crontab", "w") as f:
    for i, e in enumerate(exprs):
        f.write("# cronkeep: g%d\n%s /bin/true\n" % (i, e))
p = subprocess.run([exe, "--dialect", "debian", "-f", tmp + "/gen.crontab",
    "export", "--to", "systemd", "--run-as", "nobody", "-o", tmp + "/gunits"],
    capture_output=True, text=True)
if p.returncode != 0:
    print("export failed", p.stderr); sys.exit(1)
cals = []   # (schedule index, OnCalendar=)
for i, e in enumerate(exprs):
    timer = open(os.path.join(tmp, "gunits", "cronkeep-g%d.timer" % i)).read()
    cals += [(i, c) for c in re.findall(r"^OnCalendar=(.*)$", timer, re.M)]
N = 8
def analyze(specs):
    return subprocess.run(["systemd-analyze", "calendar", "--iterations=%d" % N,
        "--base-time=2026-12-31 23:59:00 UTC"] + specs,
        capture_output=True, text=True, env=dict(os.environ, TZ="UTC"))
def times(block):
    return ["%sT%s+00:00" % m.groups() for m in
            re.finditer(r"(?:Next elapse|Iter\. #\d+): \w+ (\S+) (\S+) UTC", block)]
out = analyze([c for _, c in cals])
blocks = [b for b in out.stdout.split("\n\n") if b.strip()]
got = {i: set() for i in range(len(exprs))}
bad = 0
if out.returncode == 0 and len(blocks) == len(cals):
    for (i, _), b in zip(cals, blocks):
        got[i].update(times(b))
else:   # find the refused ones one by one
    for i, c in cals:
        o = analyze([c])
        if o.returncode != 0:
            print("systemd-analyze rejects %r (from %r)" % (c, exprs[i])); bad += 1
        got[i].update(times(o.stdout))
for i, e in enumerate(exprs):
    n = subprocess.run([exe, "--dialect", "debian", "next", "--json", "-c",
        str(N), "--from", "2026-12-31 23:59Z", e], capture_output=True, text=True)
    want = json.loads(n.stdout)["next"]
    if sorted(got[i])[:N] != want:
        bad += 1
        print("MISMATCH %r: systemd %s, cron %s" % (e, sorted(got[i])[:N], want))
print("%d generated schedules (%d OnCalendar= lines), %d mismatches" %
      (len(exprs), len(cals), bad))
sys.exit(1 if bad else 0)
PY
	then ok; else fail "generated schedules: OnCalendar= fires at cron's minutes"; fi
else
	echo "note: systemd-analyze not installed: generated OnCalendar= not checked" >&2
fi

# The OR rule needs two OnCalendar= lines; the service carries the job.
cat > "$T_TMP/tab" <<'X'
SHELL=/bin/bash
MAILTO=ops@example.com
PATH=/usr/local/bin:/usr/bin:/bin
# cronkeep: report
0 12 13 * 5 /opt/report --out "/var/100\%" %first line%second line
@reboot /bin/boot
X
run -f "$T_TMP/tab" export --to systemd --run-as app --json
expect_rc 0 "json"
expect_json 'd["target"] == "systemd" and len(d["jobs"]) == 2' "two jobs"
expect_json '[l for l in d["jobs"][0]["files"][0]["text"].splitlines() if l.startswith("OnCalendar=")] == ["OnCalendar=*-*-13 12:00:00", "OnCalendar=Fri *-*-* 12:00:00"]' "two OnCalendar lines for the OR rule"
expect_json '"AccuracySec=1s" in d["jobs"][0]["files"][0]["text"] and "Persistent=false" in d["jobs"][0]["files"][0]["text"]' "accuracy and persistence"
expect_json '"ExecStart=/bin/bash -c \"/opt/report --out \\\"/var/100%%\\\" \"" in d["jobs"][0]["files"][1]["text"]' "ExecStart: SHELL, quoting, %% doubled"
expect_json '"StandardInput=data\nStandardInputText=first line\nStandardInputText=second line\n" in d["jobs"][0]["files"][1]["text"]' "% text as standard input"
expect_json '"User=app" in d["jobs"][0]["files"][1]["text"] and "Environment=\"PATH=/usr/local/bin:/usr/bin:/bin\"" in d["jobs"][0]["files"][1]["text"]' "user and environment"
expect_json 'any("MAILTO" in n for n in d["jobs"][0]["notes"])' "MAILTO reported"
expect_json 'any("@reboot" in n for n in d["jobs"][1]["notes"])' "@reboot reported"

# --strict: a user crontab's job without --run-as is not faithful.
run -f "$T_TMP/tab" export --to systemd --strict
expect_rc 1 "strict fails without a user"
expect_err_has 'runs as root' "the reason"

# CRON_TZ (cronie) becomes the zone.
printf 'CRON_TZ=Europe/Berlin\n# cronkeep: z\n30 2 * * * /bin/z\n' > "$T_TMP/tz"
run -f "$T_TMP/tz" --dialect cronie export --to systemd --run-as app
expect_out_has '^OnCalendar=\*-\*-\* 02:30:00 Europe/Berlin$' "zone from CRON_TZ"

# Kubernetes.
cat > "$T_TMP/k" <<'X'
MAILTO=""
# cronkeep: Nightly_Backup.of.a.really-long-name-that-goes-on-and-on-forever
30 2 * * 1-5 /usr/local/bin/backup --full
0 0 */2 * 1 /bin/and
*/5 * * * 7 /bin/sunday
@reboot /bin/boot
X
run -f "$T_TMP/k" export --to kubernetes --image busybox:1.36 --tz Europe/Berlin --json
expect_rc 0 "kubernetes"
if python3 - "$OUT" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1]))
jobs = d["jobs"]
texts = [f["text"] for j in jobs for f in j["files"]]
assert len(texts) == 3, len(texts)          # @reboot is not exported
def parse(text):
    # A small YAML reader for what export writes: keys, scalars, flow lists.
    doc = {}
    for line in text.splitlines():
        m = re.match(r"^( *)(?:- )?([A-Za-z.]+): (.*)$", line)
        if m and m.group(3):
            v = m.group(3)
            doc.setdefault(m.group(2), json.loads(v) if v[0] in '"[' or v.isdigit() else v)
    return doc
y = parse(texts[0])
assert y["apiVersion"] == "batch/v1" and y["kind"] == "CronJob"
name = y["name"]
assert len(name) <= 52 and re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", name), name
assert y["schedule"] == "30 2 * * 1-5", y["schedule"]
assert y["timeZone"] == "Europe/Berlin"
assert y["concurrencyPolicy"] == "Allow"
assert 10 <= int(y["startingDeadlineSeconds"]) <= 86400
assert y["command"] == ["/bin/sh", "-c", "/usr/local/bin/backup --full"]
assert y["image"] == "busybox:1.36"
assert parse(texts[2])["schedule"] == "*/5 * * * 0".replace("*/5", "0,5,10,15,20,25,30,35,40,45,50,55"), parse(texts[2])["schedule"]
assert jobs[1]["faithful"] is False and jobs[3]["faithful"] is False
assert jobs[0]["faithful"] is True
PY
then ok; else fail "kubernetes manifests"; fi
if python3 -c 'import yaml' 2>/dev/null; then
	run -f "$T_TMP/k" export --to kubernetes --image busybox:1.36
	python3 -c 'import sys, yaml; docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]; assert len(docs) == 3 and all(d["kind"] == "CronJob" for d in docs)' "$OUT" && ok || fail "YAML parses"
fi
run -f "$T_TMP/k" export --to kubernetes
expect_rc 2 "--image required"
run -f "$T_TMP/k" export --to nomad
expect_rc 2 "unknown target"
run -f "$T_TMP/k" export --to systemd --id nope
expect_rc 66 "unknown id"

# ---- issue 19: export never widens what runs ----
E=$T_TMP/e
printf '%s\n' '# cronkeep: on' '0 3 * * * /bin/on' '# cronkeep: off' \
    '#0 4 * * * /bin/off' > "$E"
run -f "$E" export --to systemd --run-as app --json
expect_rc 0 "a disabled job"
expect_json '[j["name"] for j in d["jobs"]] == ["cronkeep-on", None]' \
    "the disabled job is not exported (was an active unit)"
expect_json '"disabled" in d["jobs"][1]["notes"][0] and d["jobs"][1]["files"] == []' \
    "a note says it was skipped"
run -f "$E" export --to systemd --run-as app
expect_err_has "e:4: off: disabled in the crontab: not exported" "the note on stderr"
run -f "$E" export --to systemd --run-as app --include-disabled --id off
expect_rc 0 "--include-disabled"
expect_out_has '^### cronkeep-off.timer' "exported"
expect_out_lacks '^WantedBy=' "but without [Install]: enabling it does nothing"
run -f "$E" export --to kubernetes --image x --include-disabled --id off
expect_out_has '^  suspend: true' "a disabled CronJob is suspended"
run -f "$E" export --to systemd --tz 'Not a zone'
expect_rc 65 "--tz 'Not a zone' refused (was written, exit 0)"
cp "$E" "$T_TMP/e.before"
printf '# cronkeep: bin\n0 5 * * * echo \377\n' > "$T_TMP/nu"
run -f "$T_TMP/nu" export --to systemd --run-as app --json
expect_json 'd["jobs"][0]["files"] == [] and d["jobs"][0]["faithful"] is False and "UTF-8" in d["jobs"][0]["notes"][0]' \
    "a non-UTF-8 line is not exported (systemd and YAML refuse it)"
run -f "$T_TMP/nu" export --to systemd --run-as app --strict
expect_rc 1 "and --strict fails on it"
long=$(printf 'a%.0s' $(seq 60))
printf '# cronkeep: %s1\n0 3 * * * a\n# cronkeep: %s2\n0 4 * * * b\n' \
    "$long" "$long" > "$T_TMP/long"
run -f "$T_TMP/long" export --to kubernetes --image x --json
expect_rc 0 "two long ids"
expect_json 'len({j["name"] for j in d["jobs"]}) == 2 and all(len(j["name"]) <= 52 for j in d["jobs"])' \
    "two ids sharing their first 43 characters get two names (a hash)"
printf '# cronkeep: a.b\n0 3 * * * a\n# cronkeep: a-b\n0 4 * * * b\n' > "$T_TMP/same"
run -f "$T_TMP/same" export --to kubernetes --image x
expect_rc 65 "two jobs with one name: refused"
expect_err_has "the name cronkeep-a-b is also the name of the job on line 2" \
    "names both"
printf '@reboot /bin/boot\n' > "$T_TMP/boot"
run -f "$T_TMP/boot" export --to systemd --run-as app --strict
expect_rc 1 "--strict fails for @reboot (was 0)"
printf 'MAILTO=ops@example.org\n0 3 * * * /bin/m\n' > "$T_TMP/mail"
run -f "$T_TMP/mail" export --to kubernetes --image x --strict
expect_rc 1 "--strict fails when MAILTO would mail"
printf '0 3 * * * /bin/dst\n' > "$T_TMP/dst"
run -f "$T_TMP/dst" export --to systemd --run-as app --strict
expect_rc 1 "--strict fails for a DST difference"
printf '* * * * * cat%%  two blanks %%%%last\n' > "$T_TMP/in"
run -f "$T_TMP/in" export --to systemd --run-as app
expect_out_has '^StandardInputText=\\x20\\x20two blanks\\x20$' \
    "blanks at the ends of a line of standard input are escaped"
expect_out_has '^StandardInputText=\\nlast$' "an empty line is an escape, not a reset"

finish
