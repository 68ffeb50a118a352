#!/bin/sh
# SPDX-License-Identifier: ISC
# anacron and the run-parts folders, against the real programs: `check`
# rejects exactly the lines `anacron -T` rejects on generated anacrontabs,
# `-a list` shows what `run-parts --test` runs, and a Debian-like root shows
# every periodic job with its source and next run.
. "$(dirname "$0")/lib.sh"
HERE=$(dirname "$0")

if ! command -v anacron >/dev/null 2>&1 ||
    ! command -v run-parts >/dev/null 2>&1; then
	skip "anacron or run-parts is not installed"
fi

# ---- check's verdicts equal anacron -T, line by line ----------------------
# anacron counts logical lines (a backslash-newline joins two); cronkeep
# reports the physical line a logical line starts on: map one to the other.
mkdir -p "$T_TMP/spool"
for seed in 1 2 3; do
	tab=$T_TMP/gen$seed.anacrontab
	python3 "$HERE/gen_anacrontab.py" "$seed" 300 > "$tab"
	LC_ALL=C anacron -T -t "$tab" -S "$T_TMP/spool" 2> "$T_TMP/ana.err"
	anarc=$?
	run --anacrontab check --format json "$tab"
	python3 - "$tab" "$T_TMP/ana.err" "$OUT" "$anarc" "$RC" <<'EOF' > "$T_TMP/cmp"
import json, re, sys
tab, aerr, out, anarc, ckrc = sys.argv[1:]
data = open(tab, "rb").read()
# Physical line of each logical line, the way anacron splits them.
starts, phys, prev, start = [], 1, 0, 1
for b in data:
    if b == 10 and prev != 92:
        starts.append(start)
        start = phys + 1
        prev = 0
    else:
        prev = b
    if b == 10:
        phys += 1
ana = set()
for line in open(aerr, encoding="latin-1"):
    m = re.search(r"on line (\d+)", line)
    if m:
        ana.add(starts[int(m.group(1)) - 1])
ck = set()
for f in json.load(open(out))["files"]:
    for d in f["diagnostics"]:
        if d["severity"] == "error":
            ck.add(d["line"])
print("anacron-only", sorted(ana - ck))
print("cronkeep-only", sorted(ck - ana))
print("agree", len(ana & ck), "of", len(starts), "lines")
print("exit", (anarc != "0") == (ckrc != "0"))
EOF
	if grep -q '^anacron-only \[\]$' "$T_TMP/cmp" &&
	    grep -q '^cronkeep-only \[\]$' "$T_TMP/cmp" &&
	    grep -q '^exit True$' "$T_TMP/cmp"; then ok; else
		cat "$T_TMP/cmp" >&2
		fail "seed $seed: check and anacron -T disagree"
	fi
	# The set is not trivial: both kinds of lines occur.
	n=$(sed -n 's/^agree \([0-9]*\) of.*/\1/p' "$T_TMP/cmp")
	if [ "$n" -gt 30 ] && [ "$n" -lt 280 ]; then ok; else
		fail "seed $seed: $n lines with errors is no test"; fi
done

# A file named anacrontab is one; each rule shows with its code.
mkdir -p "$T_TMP/x"
printf '@daily 5 a x\n1 5 a/b x\n1 5 c x\n7 5 c y\nSTART_HOURS_RANGE=3pm\n' \
    > "$T_TMP/x/anacrontab"
run check "$T_TMP/x/anacrontab"
expect_rc 1 "errors in an anacrontab"
expect_err_has 'anacrontab:1:1: error: unknown named period "@daily".*\[CK057\]' \
    "@daily is unknown to Debian's anacron"
expect_err_has 'anacrontab:2:5: error: job identifier "a/b".*\[CK055\]' \
    "an identifier with /"
expect_err_has 'anacrontab:4:5: warning: job identifier "c" is also used on line 3.*\[CK058\]' \
    "a duplicate identifier"
expect_err_has 'anacrontab:5:19: warning: START_HOURS_RANGE "3pm".*\[CK060\]' \
    "a bad hours range"
# ... and as a crontab it is no anacrontab: a crontab's rules apply.
cp "$T_TMP/x/anacrontab" "$T_TMP/x/other"
run --anacrontab check "$T_TMP/x/other"
expect_err_has 'other:1:1: error: unknown named period' "--anacrontab forces it"

# ---- editing an anacrontab by job identifier ----------------------------
A=$T_TMP/edit/anacrontab
mkdir -p "$T_TMP/edit"
printf '# keep me\nSHELL=/bin/sh\n1\t5\tcron.daily\trun-parts /etc/cron.daily\n' > "$A"
cp "$A" "$T_TMP/orig"
chmod 640 "$A"
run -f "$A" show
expect_out_file "$T_TMP/orig" "show prints an anacrontab as it is"
run -f "$A" set --id backup --delay 20 3 -- /usr/local/bin/backup --all
expect_rc 0 "set creates an anacron job"
expect_out created "set says created"
printf '# keep me\nSHELL=/bin/sh\n1\t5\tcron.daily\trun-parts /etc/cron.daily\n3\t20\tbackup\t/usr/local/bin/backup --all\n' > "$T_TMP/exp"
run -f "$A" show
expect_out_file "$T_TMP/exp" "the new job is appended, the rest kept"
if [ "$(stat -c %a "$A")" = 640 ]; then ok; else fail "the mode is kept"; fi
run -f "$A" set --id backup --delay 20 3 -- /usr/local/bin/backup --all
expect_out unchanged "set again: unchanged"
run -f "$A" set --id backup --delay 20 @daily -- x
expect_rc 65 "@daily is refused (Debian's anacron skips it)"
run -f "$A" set --id a/b 1 -- x
expect_rc 2 "an identifier with / is refused"
run -f "$A" disable --id cron.daily
expect_out disabled "disable an anacron job"
run -f "$A" show
expect_out_has '^# cronkeep: cron.daily$' "the marker"
expect_out_has '^#1	5	cron.daily	run-parts /etc/cron.daily$' "commented out"
LC_ALL=C anacron -T -t "$A" -S "$T_TMP/spool"
if [ $? -eq 0 ]; then ok; else fail "anacron accepts the edited file"; fi
run -f "$A" enable --id cron.daily
expect_out enabled "enable it again"
run -f "$A" -n remove --id backup
expect_out_has '^-3	20	backup' "remove -n prints the diff"
run -f "$A" remove --id backup
expect_out "removed 1" "remove by identifier"
run -f "$A" remove --command x
expect_rc 2 "anacron jobs are removed by identifier only"
# The conflict check: a change made meanwhile is not overwritten.
CRONKEEP_FAULT_PAUSE_MS=3000 "$CRONKEEP" -f "$A" set --id late 1 -- x \
    > /dev/null 2> "$T_TMP/late.err" &
pid=$!
# Change the file once the writer has paused (slow under valgrind).
i=0
while ! grep -q paused "$T_TMP/late.err" 2>/dev/null && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
echo '7 1 other y' >> "$A"
wait $pid
rc=$?
if [ $rc -eq 75 ]; then ok; else fail "conflict: exit $rc, expected 75"; fi
if grep -q '^7 1 other y$' "$A" && ! grep -q late "$A"; then ok; else
	fail "the other writer's line survives"; fi

# ---- export: anacron jobs become persistent systemd timers ----------------
X=$T_TMP/export/anacrontab
mkdir -p "$T_TMP/export"
printf 'SHELL=/bin/bash\nSTART_HOURS_RANGE=3-22\nRANDOM_DELAY=45\nHOME=/root\n1 5 cron.daily run-parts /etc/cron.daily\n7\t70\tcron.weekly\trun-parts /etc/cron.weekly\n3 0 odd x\n' > "$X"
run -f "$X" export --to systemd --json
expect_rc 0 "export an anacrontab"
expect_json '[f["name"] for x in d["jobs"] for f in x["files"]] == ["cronkeep-anacron-cron.daily.timer", "cronkeep-anacron-cron.daily.service", "cronkeep-anacron-cron.weekly.timer", "cronkeep-anacron-cron.weekly.service", "cronkeep-anacron-odd.timer", "cronkeep-anacron-odd.service"]' \
    "a timer and a service per job"
expect_json '"OnCalendar=*-*-* 03:05:00\nPersistent=true\nRandomizedDelaySec=45min\n" in d["jobs"][0]["files"][0]["text"]' \
    "daily: the hours range start plus the delay, persistent, random delay"
expect_json '"OnCalendar=Mon *-*-* 04:10:00\n" in d["jobs"][1]["files"][0]["text"]' \
    "weekly, a delay of 70 minutes"
expect_json '"User=root\nEnvironment=\"HOME=/root\"\nExecStart=/bin/bash -c \"run-parts /etc/cron.daily\"\n" in d["jobs"][0]["files"][1]["text"]' \
    "the service: root, the environment, SHELL -c COMMAND"
expect_json '[x["faithful"] for x in d["jobs"]] == [False, False, False] and any("cannot count days" in n for n in d["jobs"][2]["notes"])' \
    "what systemd cannot do is said"
if command -v systemd-analyze >/dev/null 2>&1; then
	for cal in '*-*-* 03:05:00' 'Mon *-*-* 04:10:00'; do
		if systemd-analyze calendar "$cal" >/dev/null 2>&1; then ok; else
			fail "systemd-analyze rejects $cal"; fi
	done
fi

# ---- a Debian host --------------------------------------------------------
R=$T_TMP/root
mkdir -p "$R/etc/cron.d" "$R/etc/cron.hourly" "$R/etc/cron.daily" \
    "$R/etc/cron.weekly" "$R/etc/cron.monthly" "$R/var/spool/anacron" \
    "$R/usr/sbin" "$R/lib/systemd/system" "$R/var/spool/cron/crontabs"
cat > "$R/etc/crontab" <<'EOF'
SHELL=/bin/sh
PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin

17 *	* * *	root	cd / && run-parts --report /etc/cron.hourly
25 6	* * *	root	test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }
47 6	* * 7	root	test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.weekly; }
52 6	1 * *	root	test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.monthly; }
EOF
cat > "$R/etc/anacrontab" <<'EOF'
# /etc/anacrontab: configuration file for anacron
SHELL=/bin/sh
PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin
HOME=/root
LOGNAME=root
START_HOURS_RANGE=6-22

1	5	cron.daily	run-parts --report /etc/cron.daily
7	10	cron.weekly	run-parts --report /etc/cron.weekly
@monthly	15	cron.monthly	run-parts --report /etc/cron.monthly
EOF
cat > "$R/lib/systemd/system/anacron.timer" <<'EOF'
[Unit]
Description=Trigger anacron every hour

[Timer]
OnCalendar=*-*-* 07..23:30
RandomizedDelaySec=5m
Persistent=true
EOF
printf '#!/bin/sh\n' > "$R/usr/sbin/anacron"
chmod 755 "$R/usr/sbin/anacron"
script() {
	printf '#!/bin/sh\necho %s\n' "$2" > "$R/etc/cron.$1/$2"
	chmod "${3:-755}" "$R/etc/cron.$1/$2"
}
script hourly 0anacron
script daily apt-compat
script daily dpkg
script daily man-db
script daily backup.sh
script daily rotate 644
script daily logrotate.dpkg-old
script daily .placeholder 644
mkdir "$R/etc/cron.daily/scripts.d"
script weekly man-db
script weekly open 777
echo 20251130 > "$R/var/spool/anacron/cron.daily"
echo 20251127 > "$R/var/spool/anacron/cron.weekly"
echo 20251101 > "$R/var/spool/anacron/cron.monthly"

# 2025-12-02 10:00 UTC
CRONKEEP_NOW=1764669600
export CRONKEEP_NOW

# What list shows of each folder is what run-parts --test DIR prints.
for p in hourly daily weekly monthly; do
	(cd "$R/etc/cron.$p" && LC_ALL=C run-parts --test . 2>/dev/null |
	    sed 's|^\./||') > "$T_TMP/rp.$p"
	run --root "$R" -a list --json
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for j in d["jobs"]:
    if j.get("kind") == "run-parts" and j["period"] == sys.argv[2]:
        print(j["id"])' "$OUT" "$p" > "$T_TMP/ck.$p"
	if cmp -s "$T_TMP/rp.$p" "$T_TMP/ck.$p"; then ok; else
		diff "$T_TMP/rp.$p" "$T_TMP/ck.$p" >&2
		fail "cron.$p: list differs from run-parts --test"
	fi
done
if [ "$(wc -l < "$T_TMP/rp.daily")" -eq 3 ]; then ok; else
	fail "run-parts --test runs 3 daily scripts"; fi

run --root "$R" -a list --json --next
expect_rc 0 "-a list on a Debian root"
expect_json '[ (j["source"], j["line"], j["schedule"], j["next"]) for j in d["jobs"] if j.get("kind") == "anacron" ] == [
  ("'"$R"'/etc/anacrontab", 8, "1", "2025-12-02T10:35:00+00:00"),
  ("'"$R"'/etc/anacrontab", 9, "7", "2025-12-04T07:40:00+00:00"),
  ("'"$R"'/etc/anacrontab", 10, "@monthly", "2025-12-02T10:45:00+00:00")]' \
    "anacron jobs: source, line, period, next run (stamp, period, timer, delay)"
expect_json '[ (j["source"], j["schedule"], j["run_by"], j["next"]) for j in d["jobs"] if j.get("kind") == "run-parts" and j["period"] in ("hourly", "daily") ] == [
  ("'"$R"'/etc/cron.hourly/0anacron", "17 *\t* * *", "/etc/crontab:4", "2025-12-02T10:17:00+00:00"),
  ("'"$R"'/etc/cron.daily/apt-compat", "anacron 1", "/etc/anacrontab:8 (cron.daily)", "2025-12-02T10:35:00+00:00"),
  ("'"$R"'/etc/cron.daily/dpkg", "anacron 1", "/etc/anacrontab:8 (cron.daily)", "2025-12-02T10:35:00+00:00"),
  ("'"$R"'/etc/cron.daily/man-db", "anacron 1", "/etc/anacrontab:8 (cron.daily)", "2025-12-02T10:35:00+00:00")]' \
    "run-parts scripts: source, schedule, who runs them, next run"
expect_json 'all(j["user"] == "root" for j in d["jobs"] if "kind" in j)' \
    "periodic jobs run as root"

# Without anacron, /etc/crontab's lines run the folders.
rm "$R/usr/sbin/anacron"
run --root "$R" -a list --json --next
expect_json '[ (j["schedule"], j["run_by"], j["next"]) for j in d["jobs"] if j.get("id") == "dpkg" ] == [
  ("25 6\t* * *", "/etc/crontab:5", "2025-12-03T06:25:00+00:00")]' \
    "without anacron the crontab line runs cron.daily"
printf '#!/bin/sh\n' > "$R/usr/sbin/anacron"

# check reports what run-parts skips, with the reason.
run --root "$R" -a check
expect_rc 1 "check finds the skipped scripts"
expect_err_has "cron.daily/backup.sh: error: backup.sh never runs: run-parts skips names with a dot.*\[CK061\]" \
    "backup.sh is skipped"
expect_err_has "cron.daily/rotate: error: rotate never runs: not executable.*\[CK063\]" \
    "a script without x is skipped"
expect_err_has "cron.daily/logrotate.dpkg-old: warning: .*leftover.*\[CK062\]" \
    "a dpkg leftover"
expect_err_has "cron.daily/scripts.d: " "a directory"
expect_err_has "cron.weekly/open: error: open is writable by everyone.*\[CK065\]" \
    "a world-writable script"
expect_err_lacks "placeholder" ".placeholder is meant to be skipped"
expect_err_lacks "anacrontab:" "the Debian anacrontab is clean"

# install --period puts a script where run-parts runs it.
printf '#!/bin/sh\necho nightly\n' > "$T_TMP/nightly.sh"
chmod 600 "$T_TMP/nightly.sh"
run --root "$R" install --period daily nightly.sh "$T_TMP/nightly.sh"
expect_rc 65 "a name run-parts skips is refused"
expect_err_has "nightly.sh: run-parts skips names with a dot" "with the reason"
if [ ! -e "$R/etc/cron.daily/nightly.sh" ]; then ok; else
	fail "nothing installed"; fi
run --root "$R" -n install --period daily nightly "$T_TMP/nightly.sh"
expect_out_has '^\+echo nightly$' "-n prints the diff"
if [ ! -e "$R/etc/cron.daily/nightly" ]; then ok; else
	fail "-n installs nothing"; fi
run --root "$R" install --period daily nightly "$T_TMP/nightly.sh"
expect_rc 0 "install --period daily"
expect_out installed "installed"
if [ "$(stat -c '%a %u %g' "$R/etc/cron.daily/nightly")" = "755 0 0" ] &&
    cmp -s "$R/etc/cron.daily/nightly" "$T_TMP/nightly.sh"; then ok; else
	fail "the script is root's, 0755, with the text"; fi
if (cd "$R/etc/cron.daily" && run-parts --test .) | grep -q '^\./nightly$'
then ok; else fail "run-parts --test runs it"; fi
if ls -a "$R/etc/cron.daily" | grep -q '^\.nightly'; then
	fail "no temporary file is left"; else ok; fi
run --root "$R" install --period daily nightly "$T_TMP/nightly.sh"
expect_out unchanged "installing it again changes nothing"
run --root "$R" install --period fortnightly nightly "$T_TMP/nightly.sh"
expect_rc 2 "an unknown period"
run --root "$R" -a list --json
expect_json '"nightly" in [j["id"] for j in d["jobs"] if j.get("kind") == "run-parts"]' \
    "list shows the new script"
rm "$R/etc/cron.daily/nightly"

# find sees them too.
run --root "$R" -a find --id cron.weekly --json
expect_rc 0 "find an anacron job by identifier"
expect_json '[j["line"] for j in d["jobs"]] == [9]' "the weekly anacron job"
run --root "$R" -a find --command 'cron\.daily/d' --json
expect_json '[j["id"] for j in d["jobs"]] == ["dpkg"]' "find a script by path"

# next --id: anacron's rules, run after run (each run moves the stamp).
# cron.daily: stamp 2025-11-30, due, so the next start of anacron.timer
# (hh:30, 07..23) in START_HOURS_RANGE 6-22, plus the delay of 5 minutes;
# then each day at the timer's first start, 07:30 + 5 minutes.
run --root "$R" -a next --id cron.daily --count 3 --json
expect_rc 0 "next --id for an anacron job"
expect_json 'd["next"] == ["2025-12-02T10:35:00+00:00", "2025-12-03T07:35:00+00:00", "2025-12-04T07:35:00+00:00"] and d["schedule"] == "anacron 1 +5m"' \
    "an anacron job's next runs"
# cron.weekly: stamp 2025-11-27, due 2025-12-04; 10 minutes of delay.
run --root "$R" -a next --id cron.weekly --count 2 --json
expect_json 'd["next"] == ["2025-12-04T07:40:00+00:00", "2025-12-11T07:40:00+00:00"]' \
    "a weekly anacron job is not due before its period"
run --root "$R" -a next --id cron.monthly --count 2 --json
expect_json 'd["next"] == ["2025-12-02T10:45:00+00:00", "2026-01-01T07:45:00+00:00"]' \
    "@monthly: the first of the next month"
run --root "$R" -a next --id dpkg --count 2 --json
expect_json 'd["next"] == ["2025-12-02T10:35:00+00:00", "2025-12-03T07:35:00+00:00"]' \
    "a daily script runs with its anacron job"
run --root "$R" -a next --id 0anacron --count 2 --json
expect_json 'd["next"] == ["2025-12-02T10:17:00+00:00", "2025-12-02T11:17:00+00:00"] and d["schedule"] == "17 *\t* * *"' \
    "an hourly script runs at /etc/crontab's minute"
run --root "$R" -a next --id man-db
expect_rc 1 "a name in two folders is ambiguous"
expect_err_has "cron.daily/man-db and .*cron.weekly/man-db: name the folder" \
    "with both paths"
run --root "$R" -a next --id cron.weekly/man-db --count 1 --json
expect_json 'd["next"] == ["2025-12-04T07:40:00+00:00"]' "FOLDER/NAME"
run --root "$R" -a next --id cron.daily --prev
expect_rc 2 "anacron keeps no past times"

# stats and timeline count them; doc describes them.
run --root "$R" -a stats --from '2025-12-02 10:00' --days 7 --json
expect_rc 0 "stats with periodic jobs"
expect_json '{(j["source"].rsplit("/", 2)[-2] + "/" + j["source"].rsplit("/", 1)[-1] if j["line"] is None else j["line"]): j["runs"] for j in d["jobs"] if j["line"] is None or j["source"].endswith("anacrontab")} == {8: 8, 9: 1, 10: 1, "cron.hourly/0anacron": 168, "cron.daily/apt-compat": 8, "cron.daily/dpkg": 8, "cron.daily/man-db": 8, "cron.weekly/man-db": 1, "cron.weekly/open": 1}' \
    "runs in 7 days: daily 8, weekly 1, monthly 1, hourly 168"
expect_json 'any(c["time"].startswith("2025-12-03T07:35") for c in d["collisions"])' \
    "cron.daily and its scripts start in the same minute"
run --root "$R" -a timeline --day 2025-12-03
expect_out_has '^cron\.daily  ' "timeline: the anacron job's row"
expect_out_has '^apt-compat  ' "timeline: a script's row"
run --root "$R" -a doc
expect_out_has '^### cron\.weekly$' "doc: the anacron job"
expect_out_has '^- \*\*next runs:\*\* 2025-12-04 07:40, 2025-12-11 07:40, 2025-12-18 07:40$' \
    "doc: its next runs"
expect_out_has '^- \*\*source:\*\* .*/etc/cron\.daily/dpkg$' "doc: a script"
run --root "$R" -a doc --format html
expect_out_has '<h3>0anacron</h3>' "doc --format html: a script"

# find --at: what runs in that minute; --comment: the lines above.
run --root "$R" -a find --at '2025-12-03 07:35' --json
expect_json 'sorted(j["id"] for j in d["jobs"]) == ["apt-compat", "cron.daily", "dpkg", "man-db"]' \
    "find --at: cron.daily and its scripts"
run --root "$R" -a find --at '2025-12-03 07:36'
expect_rc 1 "nothing at 07:36"
sed 's/^7\t10\tcron.weekly/# weekly housekeeping\n&/' "$R/etc/anacrontab" > "$T_TMP/ana"
cat "$T_TMP/ana" > "$R/etc/anacrontab"
run --root "$R" -a find --comment housekeeping --json
expect_json '[j["id"] for j in d["jobs"]] == ["cron.weekly"]' \
    "find --comment: the comment above an anacron job"

finish
