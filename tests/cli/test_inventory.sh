#!/bin/sh
# inventory: one versioned JSON document for a host tree (--root), valid
# against docs/inventory.schema.json, sorted and the same on every run;
# next fire times in the window, lint findings on their jobs, last runs from
# exec's history and from cron's log; fast on 10,000 users' crontabs.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tree.sh"
: "${CK_SRC:?CK_SRC must name the source tree}"
SCHEMA=$CK_SRC/docs/inventory.schema.json

# validate FILE DESCRIPTION: FILE is valid against the schema.
validate() {
	if python3 - "$SCHEMA" "$1" 2>"$T_TMP/pyerr" <<'EOF'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2])))
EOF
	then ok; else cat "$T_TMP/pyerr" >&2; fail "$2: not valid against the schema"; fi
}
python3 -c 'import jsonschema' 2>/dev/null ||
	skip "python3-jsonschema is not installed"

R=$T_TMP/root
mk_tree "$R"
echo web7 > "$R/etc/hostname"
export CRONKEEP_NOW=1795000000	# 2026-11-18 11:06:40 UTC
export CRONKEEP_HISTORY_DB="$T_TMP/none.db"

run --root "$R" inventory --json --group web --count 2
expect_rc 0 "inventory of a host tree"
validate "$OUT" "the host tree's inventory"
cp "$OUT" "$T_TMP/first.json"
expect_json 'd["format"] == "cronkeep-inventory" and d["version"] == 1 and d["host"] == "web7" and d["group"] == "web" and d["flavour"] == "debian" and d["dialect"] == "debian"' \
    "host, group, flavour, dialect"
expect_json '[c["source"] for c in d["crontabs"]] == sorted(c["source"] for c in d["crontabs"]) and [(j["source"], j["line"]) for j in d["jobs"]] == sorted((j["source"], j["line"]) for j in d["jobs"])' \
    "crontabs and jobs are sorted"
expect_json '[(c["source"].rsplit("/", 1)[1], c["kind"], c["owner"]) for c in d["crontabs"]] == [("backup", "cron.d", None), ("secret", "cron.d", None), ("crontab", "system", None), ("alice", "user", "alice"), ("bob", "user", "bob")]' \
    "every crontab with its kind and owner"
expect_json 'sorted(s["source"].rsplit("/", 1)[1] for s in d["skipped"]) == [".placeholder", "backup.sh", "groupw"]' \
    "files cron ignores are named"
expect_json '(lambda j: j["owner"] == "root" and j["schedule"] == "30 2 * * *" and j["zone"] == "UTC" and j["enabled"] and j["next"] == ["2026-11-19T02:30:00+00:00", "2026-11-20T02:30:00+00:00"] and "CK040" in [f["code"] for f in j["lint"]] and j["last_run"] is None)([j for j in d["jobs"] if j["id"] == "nightly"][0])' \
    "a system job: owner, schedule, zone, next times, its lint"
expect_json '(lambda j: j["owner"] == "backup" and not j["enabled"] and j["next"] == [])([j for j in d["jobs"] if j["id"] == "weekly-off"][0])' \
    "a disabled job fires never"
expect_json '[j["id"] for j in d["jobs"] if j["owner"] == "www-data"] == ["rotate logs"]' \
    "an Ansible marker is an id"
expect_json '(lambda j: j["owner"] == "bob" and j["schedule"] == "@reboot" and j["next"] == [])([j for j in d["jobs"] if j["source"].endswith("/bob")][0])' \
    "@reboot has no next time"
expect_json 'd["summary"]["jobs"] == len(d["jobs"]) == 9 and d["summary"]["crontabs"] == 5 and d["summary"]["enabled"] == 8' \
    "the summary counts"

# The same host gives the same document.
run --root "$R" inventory --json --group web --count 2
expect_out_file "$T_TMP/first.json" "a second run prints the same bytes"

# --window: only the fire times before now + window.
run --root "$R" inventory --json --window 1d --count 5
expect_json '[j["next"] for j in d["jobs"] if j["id"] == "nightly"] == [["2026-11-19T02:30:00+00:00"]]' \
    "--window 1d keeps one daily fire time"
run --root "$R" inventory --json --count 101
expect_rc 2 "--count above 100 is refused"

# cronie: a job's CRON_TZ is its zone.
R2=$T_TMP/cronie
mkdir -p "$R2/etc/cron.d" "$R2/var/spool/cron"
printf 'CRON_TZ=Europe/Berlin\n# cronkeep: berlin\n0 9 * * * /bin/b\n' > "$R2/var/spool/cron/carol"
run --root "$R2" --dialect cronie inventory --host db1 --json --count 1
expect_rc 0 "a cronie tree"
validate "$OUT" "the cronie tree's inventory"
expect_json 'd["host"] == "db1" and d["jobs"][0]["zone"] == "Europe/Berlin" and d["jobs"][0]["next"] == ["2026-11-19T09:00:00+01:00"] and d["jobs"][0]["owner"] == "carol"' \
    "CRON_TZ gives the job's zone and times"

# anacron and run-parts: their jobs are in the inventory too.
R3=$T_TMP/anacron
mkdir -p "$R3/etc/cron.d" "$R3/etc/cron.daily" "$R3/var/spool/anacron" \
    "$R3/usr/sbin" "$R3/var/spool/cron/crontabs"
printf '25 6\t* * *\troot\ttest -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }\n' \
    > "$R3/etc/crontab"
printf 'START_HOURS_RANGE=6-22\n1\t5\tcron.daily\trun-parts --report /etc/cron.daily\n@monthly\t15\tcron.monthly\trun-parts --report /etc/cron.monthly\n' \
    > "$R3/etc/anacrontab"
printf '#!/bin/sh\n' > "$R3/usr/sbin/anacron"
printf '#!/bin/sh\necho hi\n' > "$R3/etc/cron.daily/logrotate"
printf '#!/bin/sh\necho hi\n' > "$R3/etc/cron.daily/backup.sh"
chmod 755 "$R3/usr/sbin/anacron" "$R3/etc/cron.daily/logrotate" \
    "$R3/etc/cron.daily/backup.sh"
run --root "$R3" inventory --json --host ana1
expect_rc 0 "a host with anacron and run-parts folders"
validate "$OUT" "the anacron host's inventory"
expect_json 'sorted((j["kind"], j["id"], j["schedule"]) for j in d["jobs"] if j["kind"] != "cron") == [("anacron", "cron.daily", "1"), ("anacron", "cron.monthly", "@monthly"), ("run-parts", "logrotate", "anacron 1")]' \
    "anacron jobs and the scripts run-parts runs (not backup.sh)"
expect_json 'sorted(c["kind"] for c in d["crontabs"]) == ["anacrontab", "run-parts", "system"]' \
    "the anacrontab and the folder are crontabs of their kind"

# Last runs: exec's history by id, cron's log by user and command.
DB=$T_TMP/history.db
RC=0
"$CRONKEEP" exec --id nightly --history-db "$DB" -- /bin/sh -c 'exit 3' \
    >/dev/null 2>&1 || RC=$?
[ "$RC" -eq 3 ] && ok || fail "exec records a failed run (exit $RC)"
cat > "$T_TMP/syslog" <<'EOF'
2026-11-18T09:00:01+00:00 web7 CRON[100]: (alice) CMD (echo "hello")
2026-11-18T09:00:02+00:00 web7 CRON[100]: (alice) END (echo "hello")
EOF
run --root "$R" inventory --json --history-db "$DB" --cron-log "$T_TMP/syslog"
expect_rc 0 "inventory with a history and a log"
validate "$OUT" "with last runs"
expect_json '(lambda r: r["from"] == "exec" and r["status"] == "failed" and r["exit"] == 3)([j for j in d["jobs"] if j["id"] == "nightly"][0]["last_run"])' \
    "the last run exec recorded"
expect_json '[j["last_run"] for j in d["jobs"] if j["command"] == "echo \"hello\""] == [{"from": "cron-log", "start": "2026-11-18T09:00:01+00:00", "status": "ok", "exit": None}]' \
    "the last run in cron's log"

# 10,000 users' crontabs: measured, and well within seconds.
NU=10000
sanitized && NU=300
BIG=$T_TMP/big
python3 "$CK_SRC/tests/cli/gen_users.py" "$BIG" $NU
timed --root "$BIG" inventory --json
expect_rc 0 "inventory of $NU users"
echo "inventory of $NU users' crontabs ($((NU * 3)) jobs): ${SECS}s (${CPU}s CPU)"
expect_json "d['summary']['crontabs'] == $NU and d['summary']['jobs'] == $((NU * 3)) and len(d['jobs']) == $((NU * 3))" \
    "every user's crontab and job"
if [ $NU -eq 10000 ]; then
	python3 -c "import sys; sys.exit(0 if $CPU < 5 else 1)" && ok ||
	    fail "10,000 users took ${CPU}s of CPU"
fi

finish
