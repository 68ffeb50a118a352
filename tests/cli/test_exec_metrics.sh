#!/bin/sh
# SPDX-License-Identifier: ISC
# history --format prometheus and exec --textfile DIR: per job metrics,
# parsed by the Prometheus client's own text parser (Debian's
# python3-prometheus-client) and checked for their values.
. "$(dirname "$0")/lib.sh"
[ "${CK_HISTORY:-1}" = 1 ] || skip "built without the run history"
DB=$T_TMP/history.db
export CRONKEEP_HISTORY_DB="$DB"

PY=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import prometheus_client.parser' 2>/dev/null; then
		PY=$p
		break
	fi
done
[ -n "$PY" ] || { fail "no python3 with prometheus_client (Debian: python3-prometheus-client)"; finish; exit; }

# prom FILE PYEXPR DESCRIPTION: parse FILE strictly; m[(sample, id)] is a
# sample's value, src[id] its source label, fam the families by name.
prom() {
	if "$PY" -c '
import sys
from prometheus_client.parser import text_string_to_metric_families
text = open(sys.argv[1]).read()
fam = {f.name: f for f in text_string_to_metric_families(text)}
m, src = {}, {}
for f in fam.values():
    for s in f.samples:
        assert set(s.labels) == {"id", "source"}, s
        m[(s.name, s.labels["id"])] = s.value
        src[s.labels["id"]] = s.labels["source"]
sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$2" 2>"$T_TMP/pyerr"; then ok; else
		cat "$T_TMP/pyerr" >&2
		fail "$3: $2"
	fi
}

# A crontab whose path needs escaping in a label value.
D=$T_TMP/'we"ird\dir'
mkdir -p "$D"
TAB=$D/tab
cat > "$TAB" <<'X'
# cronkeep: good
0 4 * * * /bin/true
# cronkeep: bad
*/15 * * * * /bin/false
X
export CRONKEEP_NOW=1795000000	# 2026-11-18 11:06:40 UTC

run exec --id good -- sh -c 'sleep 1'
run exec --id bad --retry 2 --retry-delay 0s -- sh -c 'exit 3'
run exec --id bad --timeout 1s -- sleep 10
run exec --id good -- true
mkdir "$T_TMP/textfile"
run -f "$TAB" exec --id good --textfile "$T_TMP/textfile" -- true
expect_rc 0 "exec --textfile"
F=$T_TMP/textfile/cronkeep.prom
[ -f "$F" ] && ok || fail "no $F"
n=$(ls -A "$T_TMP/textfile" | wc -l)
[ "$n" -eq 1 ] && ok || fail "a temporary file left in the textfile folder ($n files)"
grep -q '^# HELP cronkeep_job_runs_total ' "$F" && grep -q '^# TYPE cronkeep_job_runs_total counter$' "$F" && ok ||
	fail "HELP and TYPE lines"
prom "$F" 'm[("cronkeep_job_runs_total", "good")] == 3 and m[("cronkeep_job_failures_total", "good")] == 0' "good: 3 runs, no failure"
prom "$F" 'm[("cronkeep_job_runs_total", "bad")] == 4 and m[("cronkeep_job_failures_total", "bad")] == 4' "bad: 3 tries and a timeout, all failed"
prom "$F" 'm[("cronkeep_job_last_exit_status", "bad")] == 124 and m[("cronkeep_job_last_exit_status", "good")] == 0' "last exit status (124: timeout)"
prom "$F" '0.9 < m[("cronkeep_job_last_duration_seconds", "bad")] < 8' "last duration: the timeout's"
prom "$F" '("cronkeep_job_last_success_timestamp_seconds", "bad") not in m' "no success: no sample"
prom "$F" 'm[("cronkeep_job_last_success_timestamp_seconds", "good")] >= m[("cronkeep_job_last_start_timestamp_seconds", "good")] > 1.7e9' "success after start, seconds since 1970"
prom "$F" 'm[("cronkeep_job_next_run_timestamp_seconds", "good")] == 1795060800' "next fire of good: 2026-11-19 04:00 UTC"
prom "$F" 'm[("cronkeep_job_next_run_timestamp_seconds", "bad")] == 1795000500' "next fire of bad: 11:15"
prom "$F" 'src["good"] == sys.argv[1].rsplit("/textfile/", 1)[0] + "/we\"ird\\dir/tab"' "source label: the path, escaped and read back"
prom "$F" 'fam["cronkeep_job_runs"].type == "counter" and fam["cronkeep_job_last_exit_status"].type == "gauge"' "types"

# history --format prometheus: the same; without a crontab no next time.
run history --format prometheus
expect_rc 0 "history --format prometheus"
prom "$OUT" 'm[("cronkeep_job_runs_total", "good")] == 3 and src["good"] == ""' "no selection: empty source"
prom "$OUT" 'not any(k[0] == "cronkeep_job_next_run_timestamp_seconds" for k in m)' "no selection: no next time"
run -f "$TAB" history --format prometheus
prom "$OUT" 'm[("cronkeep_job_next_run_timestamp_seconds", "good")] == 1795060800' "with -f: next time"
run history --format prometheus --json
expect_rc 2 "--format prometheus with --json"
run -f "$TAB" history
expect_rc 2 "a crontab selection without --format prometheus"
run history --format xml
expect_rc 2 "an unknown format"

# A folder that cannot be written: a warning, the job's status kept.
run exec --id good --textfile "$T_TMP/nonexistent" -- sh -c 'exit 6'
expect_rc 6 "an unwritable --textfile does not change the exit status"
expect_err_has 'textfile' "the failure reported"

finish
